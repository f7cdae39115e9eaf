/**
 * Word tables written straight as XML text, byte for byte what docx's own Table writes for the same
 * cells (render.test.ts compares them). A disclosure has a few thousand cells: docx spends most of
 * its time building, preparing and serialising an object for every element of every cell, and a
 * tree handed to its serialiser still costs most of that. docx's layout estimator cannot read
 * them, so `pageNumbers: 'layout'` uses docx's Table instead.
 */
import { escapeXml } from './docx-xml';
import { type LaidCell, type LaidTable, placeCells } from './layout';

export interface TableStyle {
  /** Width of each grid column, twips. */
  widths: readonly number[];
  /** Font size of the cells, half-points; the TableText style's own size writes none. */
  size: number;
  /** The size the TableText style has. */
  styleSize: number;
  /** Exact line height (twips) to write when `size` is not the style's. */
  line: number;
  cellMargin: number;
  headerFill: string;
}

const BORDER = 'w:val="single" w:color="000000" w:sz="4"';
const BORDERS = ['top', 'left', 'bottom', 'right', 'insideH', 'insideV']
  .map((side) => `<w:${side} ${BORDER}/>`)
  .join('');

function paragraph(cell: LaidCell, style: TableStyle): string {
  const resized = style.size !== style.styleSize;
  let pPr = `<w:pStyle w:val="${cell.header ? 'TableHead' : 'TableText'}"/>`;
  if (resized) pPr += `<w:spacing w:line="${style.line}" w:lineRule="exact"/>`;
  if (cell.indent) pPr += `<w:ind w:left="${cell.indent * style.size * 10}"/>`;
  if (cell.align !== 'left' || cell.header) pPr += `<w:jc w:val="${cell.align}"/>`;
  let rPr = '';
  if (cell.bold && !cell.header) rPr += '<w:b/><w:bCs/>';
  if (resized) rPr += `<w:sz w:val="${style.size}"/><w:szCs w:val="${style.size}"/>`;
  const run = `${rPr ? `<w:rPr>${rPr}</w:rPr>` : ''}<w:t xml:space="preserve">${escapeXml(cell.text)}</w:t>`;
  return `<w:p><w:pPr>${pPr}</w:pPr><w:r>${run}</w:r></w:p>`;
}

function cellProperties(
  cell: LaidCell,
  width: number,
  merge: 'restart' | 'continue' | undefined,
  style: TableStyle,
): string {
  let tcPr = `<w:tcW w:type="dxa" w:w="${width}"/>`;
  if (cell.colSpan) tcPr += `<w:gridSpan w:val="${cell.colSpan}"/>`;
  if (merge) tcPr += `<w:vMerge w:val="${merge}"/>`;
  if (cell.header) tcPr += `<w:shd w:fill="${style.headerFill}" w:color="auto" w:val="clear"/>`;
  if (cell.header || cell.rowSpan) tcPr += '<w:vAlign w:val="center"/>';
  return `<w:tcPr>${tcPr}</w:tcPr>`;
}

export function tableXml(laid: LaidTable, style: TableStyle): string {
  const widths = style.widths;
  const total = widths.reduce((a, b) => a + b, 0);
  const grid = laid.rows.map(() => [] as { col: number; xml: string }[]);
  for (const { row, col, cell } of placeCells(laid)) {
    const span = cell.colSpan ?? 1;
    let width = 0;
    for (let c = col; c < col + span; c++) width += widths[c]!;
    const rows = cell.rowSpan ?? 1;
    grid[row]!.push({
      col,
      xml: `<w:tc>${cellProperties(cell, width, rows > 1 ? 'restart' : undefined, style)}${paragraph(cell, style)}</w:tc>`,
    });
    if (rows === 1) continue;
    // Rows below a vertical merge carry an empty cell continuing it, as Word wants.
    const continued = `<w:tc>${cellProperties(cell, width, 'continue', style)}${
      cell.align !== 'left' || cell.header
        ? `<w:p><w:pPr><w:jc w:val="${cell.align}"/></w:pPr></w:p>`
        : '<w:p/>'
    }</w:tc>`;
    for (let r = row + 1; r < row + rows; r++) grid[r]?.push({ col, xml: continued });
  }
  let xml =
    `<w:tbl><w:tblPr><w:tblW w:type="dxa" w:w="${total}"/><w:jc w:val="center"/>` +
    `<w:tblBorders>${BORDERS}</w:tblBorders><w:tblLayout w:type="fixed"/><w:tblCellMar>` +
    `<w:top w:type="dxa" w:w="0"/><w:left w:type="dxa" w:w="${style.cellMargin}"/>` +
    `<w:bottom w:type="dxa" w:w="0"/><w:right w:type="dxa" w:w="${style.cellMargin}"/>` +
    `</w:tblCellMar></w:tblPr><w:tblGrid>${widths.map((w) => `<w:gridCol w:w="${w}"/>`).join('')}</w:tblGrid>`;
  grid.forEach((cells, r) => {
    cells.sort((a, b) => a.col - b.col);
    xml += `<w:tr><w:trPr><w:cantSplit/>${r < laid.headerRows ? '<w:tblHeader/>' : ''}</w:trPr>`;
    for (const cell of cells) xml += cell.xml;
    xml += '</w:tr>';
  });
  return `${xml}</w:tbl>`;
}
