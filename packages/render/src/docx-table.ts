/**
 * Word tables written straight as the element tree docx serialises, byte for byte what docx's own
 * Table writes for the same cells (render.test.ts compares them). A disclosure has a few thousand
 * cells, and docx spends most of its time building and preparing a class instance for every
 * element of every cell; this tree is built in one pass. docx's layout estimator cannot read it,
 * so `pageNumbers: 'layout'` uses docx's Table instead.
 */
import { FileChild, type IXmlableObject } from 'docx';
import { type LaidCell, type LaidTable, placeCells } from './layout';

export interface TableStyle {
  /** Width of each grid column, twips. */
  widths: number[];
  /** Font size of the cells, half-points; the TableText style's own size writes none. */
  size: number;
  /** The size the TableText style has. */
  styleSize: number;
  /** Exact line height (twips) to write when `size` is not the style's. */
  line: number;
  cellMargin: number;
  headerFill: string;
}

const EMPTY = {};
const attr = (values: Record<string, string | number>) => ({ _attr: values });
const JC = { left: 'left', center: 'center', right: 'right' } as const;

/** A ready element tree placed in the body as it is. */
export class PreparedElement extends FileChild {
  constructor(private readonly tree: IXmlableObject) {
    super('w:tbl');
  }

  override prepForXml(): IXmlableObject {
    return this.tree;
  }
}

function border(): IXmlableObject {
  return attr({ 'w:val': 'single', 'w:color': '000000', 'w:sz': 4 });
}

function paragraph(cell: LaidCell, style: TableStyle): IXmlableObject {
  const pPr: IXmlableObject[] = [{ 'w:pStyle': attr({ 'w:val': cell.header ? 'TableHead' : 'TableText' }) }];
  if (style.size !== style.styleSize)
    pPr.push({ 'w:spacing': attr({ 'w:line': style.line, 'w:lineRule': 'exact' }) });
  if (cell.indent) pPr.push({ 'w:ind': attr({ 'w:left': cell.indent * style.size * 10 }) });
  if (cell.align !== 'left' || cell.header) pPr.push({ 'w:jc': attr({ 'w:val': JC[cell.align] }) });
  const run: IXmlableObject[] = [];
  const rPr: IXmlableObject[] = [];
  if (cell.bold && !cell.header) rPr.push({ 'w:b': EMPTY }, { 'w:bCs': EMPTY });
  if (style.size !== style.styleSize) {
    rPr.push({ 'w:sz': attr({ 'w:val': style.size }) }, { 'w:szCs': attr({ 'w:val': style.size }) });
  }
  if (rPr.length) run.push({ 'w:rPr': rPr });
  run.push({ 'w:t': [attr({ 'xml:space': 'preserve' }), cell.text] });
  return { 'w:p': [{ 'w:pPr': pPr }, { 'w:r': run }] };
}

function cellProperties(
  cell: LaidCell,
  width: number,
  merge: 'restart' | 'continue' | undefined,
  style: TableStyle,
) {
  const tcPr: IXmlableObject[] = [{ 'w:tcW': attr({ 'w:type': 'dxa', 'w:w': width }) }];
  if (cell.colSpan) tcPr.push({ 'w:gridSpan': attr({ 'w:val': cell.colSpan }) });
  if (merge) tcPr.push({ 'w:vMerge': attr({ 'w:val': merge }) });
  if (cell.header)
    tcPr.push({ 'w:shd': attr({ 'w:fill': style.headerFill, 'w:color': 'auto', 'w:val': 'clear' }) });
  if (cell.header || cell.rowSpan) tcPr.push({ 'w:vAlign': attr({ 'w:val': 'center' }) });
  return { 'w:tcPr': tcPr };
}

export function tableElement(laid: LaidTable, style: TableStyle): PreparedElement {
  const widths = style.widths;
  const total = widths.reduce((a, b) => a + b, 0);
  const grid = laid.rows.map(() => [] as { col: number; xml: IXmlableObject }[]);
  for (const { row, col, cell } of placeCells(laid)) {
    const span = cell.colSpan ?? 1;
    let width = 0;
    for (let c = col; c < col + span; c++) width += widths[c]!;
    const rows = cell.rowSpan ?? 1;
    grid[row]!.push({
      col,
      xml: {
        'w:tc': [
          cellProperties(cell, width, rows > 1 ? 'restart' : undefined, style),
          paragraph(cell, style),
        ],
      },
    });
    // Rows below a vertical merge carry an empty cell continuing it, as Word wants.
    for (let r = row + 1; r < row + rows; r++) {
      const continued: IXmlableObject[] = [cellProperties(cell, width, 'continue', style)];
      const align =
        cell.align !== 'left' || cell.header
          ? [{ 'w:pPr': [{ 'w:jc': attr({ 'w:val': JC[cell.align] }) }] }]
          : [];
      continued.push({ 'w:p': align.length ? align : EMPTY });
      grid[r]?.push({ col, xml: { 'w:tc': continued } });
    }
  }
  const rows = grid.map((cells, r) => {
    const trPr: IXmlableObject[] = [{ 'w:cantSplit': EMPTY }];
    if (r < laid.headerRows) trPr.push({ 'w:tblHeader': EMPTY });
    cells.sort((a, b) => a.col - b.col);
    return { 'w:tr': [{ 'w:trPr': trPr }, ...cells.map((c) => c.xml)] };
  });
  const m = style.cellMargin;
  return new PreparedElement({
    'w:tbl': [
      {
        'w:tblPr': [
          { 'w:tblW': attr({ 'w:type': 'dxa', 'w:w': total }) },
          { 'w:jc': attr({ 'w:val': 'center' }) },
          {
            'w:tblBorders': [
              { 'w:top': border() },
              { 'w:left': border() },
              { 'w:bottom': border() },
              { 'w:right': border() },
              { 'w:insideH': border() },
              { 'w:insideV': border() },
            ],
          },
          { 'w:tblLayout': attr({ 'w:type': 'fixed' }) },
          {
            'w:tblCellMar': [
              { 'w:top': attr({ 'w:type': 'dxa', 'w:w': 0 }) },
              { 'w:left': attr({ 'w:type': 'dxa', 'w:w': m }) },
              { 'w:bottom': attr({ 'w:type': 'dxa', 'w:w': 0 }) },
              { 'w:right': attr({ 'w:type': 'dxa', 'w:w': m }) },
            ],
          },
        ],
      },
      { 'w:tblGrid': widths.map((w) => ({ 'w:gridCol': attr({ 'w:w': w }) })) },
      ...rows,
    ],
  });
}
