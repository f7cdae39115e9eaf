/**
 * The printed shape of a table, shared by every renderer: a grid of cells with row and column spans
 * (covered cells left out, as in GridBlock), its header rows and relative column widths. DOCX, XLSX
 * and HTML all draw this one grid, so a merged header or a side-by-side line is the same in all
 * three. Cell texts are the view's texts as they are; nothing here formats or computes a figure.
 */
import {
  type Block,
  type CellView,
  type ColumnDef,
  type GridBlock,
  paragraphText,
  type RowView,
  type SectionView,
  type TableView,
  type UnitsBlock,
} from '@juesuan/core';

export interface LaidCell {
  text: string;
  rowSpan?: number;
  colSpan?: number;
  align: 'left' | 'center' | 'right';
  bold?: boolean;
  /** A cell of the header rows (shaded, repeated on every page). */
  header?: boolean;
  /** Indentation of a label, in characters. */
  indent?: number;
  /** A printed figure: the XLSX stores it as a number. */
  numeric?: 'money' | 'count';
}

export interface LaidTable {
  /** Relative column widths, in characters of the table font. */
  widths: number[];
  headerRows: number;
  rows: LaidCell[][];
  /** Columns on the left that name the row (frozen in the XLSX). */
  labelColumns: number;
}

/** Column widths, in characters (em) of the table font. */
const WIDTH = {
  code: 5,
  label: 15,
  sideLabel: 13,
  line: 2.4,
  value: 6.2,
  blockCode: 3.4,
  blockLabel: 12,
  blockValue: 5,
};

const CODE_HEADER = { functional: '功能分类科目编码', economic: '经济分类科目编码' } as const;

/**
 * A function of an object worked out once per object. Views and their blocks are not changed once
 * built, nor are the tables laid from them, and the 目录 estimate and every renderer read the same
 * ones.
 */
export function oncePer<K extends object, V>(compute: (key: K) => V): (key: K) => V {
  const results = new WeakMap<K, V>();
  return (key) => {
    let result = results.get(key);
    if (result === undefined) {
      result = compute(key);
      results.set(key, result);
    }
    return result;
  };
}

/** The tables a view prints as: one, or one per section for a grid whose sections differ. */
export const layTable: (view: TableView) => LaidTable[] = oncePer((view: TableView) => {
  switch (view.layout.kind) {
    case 'sideBySide':
      return [laySideBySide(view.sections)];
    case 'blocks':
      return [layBlocks(view, view.layout)];
    default:
      return view.sections.map((section) => layGridSection(section));
  }
});

/** The printed cells of a view cell: figures right, — centred, absent columns blank. */
function valueCell(cell: CellView | undefined, bold?: boolean): LaidCell {
  if (!cell) return { text: '', align: 'right' };
  if (cell.na) return { text: cell.text, align: 'center' };
  return { text: cell.text, align: 'right', ...(bold ? { bold } : {}), numeric: cell.kind };
}

function hasLines(section: SectionView): boolean {
  return section.rows.some((r) => r.line !== undefined);
}

function codeClassification(section: SectionView): 'functional' | 'economic' | undefined {
  return section.rows.find((r) => r.code !== undefined && r.code !== '*')?.classification;
}

/**
 * Header cells of a run of value columns over `height` rows: each column's groups (outermost first),
 * merged across neighbours with the same group path, then its label down to the last header row.
 */
function valueHeader(columns: ColumnDef[], height: number): LaidCell[][] {
  const rows: LaidCell[][] = Array.from({ length: height }, () => []);
  const depth = (c: ColumnDef) => c.group?.length ?? 0;
  for (let level = 0; level < height; level++) {
    let i = 0;
    while (i < columns.length) {
      const column = columns[i]!;
      const d = depth(column);
      if (level < d) {
        const path = column.group!.slice(0, level + 1).join('\u0000');
        let span = 1;
        while (
          i + span < columns.length &&
          depth(columns[i + span]!) > level &&
          columns[i + span]!.group!.slice(0, level + 1).join('\u0000') === path
        ) {
          span++;
        }
        rows[level]!.push(header(column.group![level]!, { colSpan: span }));
        i += span;
      } else {
        if (level === d) rows[level]!.push(header(column.label, { rowSpan: height - d }));
        i++;
      }
    }
  }
  return rows;
}

function header(text: string, spans: { rowSpan?: number; colSpan?: number } = {}): LaidCell {
  const cell: LaidCell = { text, align: 'center', header: true, bold: true };
  if ((spans.rowSpan ?? 1) > 1) cell.rowSpan = spans.rowSpan!;
  if ((spans.colSpan ?? 1) > 1) cell.colSpan = spans.colSpan!;
  return cell;
}

function groupDepth(columns: ColumnDef[]): number {
  return Math.max(0, ...columns.map((c) => c.group?.length ?? 0));
}

/** 栏次 row cells of the value columns: the number, or blank for a column without one. */
function columnNumbers(columns: ColumnDef[]): LaidCell[] {
  return columns.map((c) => ({ text: c.no?.toString() ?? '', align: 'center', header: true }));
}

function labelCell(row: RowView, extra: Partial<LaidCell> = {}): LaidCell {
  return {
    text: row.label,
    align: 'left',
    ...(row.bold ? { bold: true } : {}),
    ...(row.indent ? { indent: row.indent } : {}),
    ...extra,
  };
}

function lineCell(row: RowView | undefined): LaidCell {
  return { text: row?.line?.toString() ?? '', align: 'center' };
}

function layGridSection(section: SectionView): LaidTable {
  const classification = codeClassification(section);
  const lines = hasLines(section);
  const numbered = section.columns.some((c) => c.no !== undefined);
  const labelHeader = section.labelHeader ?? '项目';
  const labelColumns = (classification ? 1 : 0) + 1 + (lines ? 1 : 0);
  const height = Math.max(classification ? 2 : 1, groupDepth(section.columns) + 1);

  const values = valueHeader(section.columns, height);
  const rows: LaidCell[][] = [];
  for (let level = 0; level < height; level++) {
    const row: LaidCell[] = [];
    if (classification) {
      if (level === 0) row.push(header('项目', { colSpan: 2 }));
      if (level === 1) {
        row.push(header(CODE_HEADER[classification], { rowSpan: height - 1 }));
        row.push(header(labelHeader, { rowSpan: height - 1 }));
      }
    } else if (level === 0) {
      row.push(header(labelHeader, { rowSpan: height }));
    }
    if (lines && level === 0) row.push(header('行次', { rowSpan: height }));
    row.push(...values[level]!);
    rows.push(row);
  }
  if (numbered) {
    rows.push([
      header('栏次', { colSpan: classification ? 2 : 1 }),
      ...(lines ? [header('')] : []),
      ...columnNumbers(section.columns),
    ]);
  }
  const headerRows = rows.length;

  for (const row of section.rows) {
    const cells: LaidCell[] = [];
    const coded = row.code !== undefined && row.code !== '*';
    if (classification && coded) {
      cells.push({ text: row.code!, align: 'left', ...(row.bold ? { bold: true } : {}) });
      cells.push(labelCell(row));
    } else if (classification) {
      // 合计 and other uncoded lines of a coded table name themselves across both label columns.
      cells.push(labelCell(row, { colSpan: 2, align: 'center' }));
    } else {
      cells.push(labelCell(row));
    }
    if (lines) cells.push(lineCell(row));
    for (const column of section.columns) cells.push(valueCell(row.cells[column.key], row.bold));
    rows.push(cells);
  }

  return {
    widths: [
      ...(classification ? [WIDTH.code] : []),
      WIDTH.label,
      ...(lines ? [WIDTH.line] : []),
      ...section.columns.map(() => WIDTH.value),
    ],
    headerRows,
    rows,
    labelColumns,
  };
}

/** Two-sided tables (收入 | 支出): row i of every section on one printed line. */
function laySideBySide(sections: SectionView[]): LaidTable {
  const lines = sections.map(hasLines);
  const numbered = sections.some((s) => s.columns.some((c) => c.no !== undefined));
  const headed = sections.some((s) => s.heading);
  const height = Math.max(...sections.map((s) => groupDepth(s.columns) + 1));
  const width = (i: number) => 1 + (lines[i] ? 1 : 0) + sections[i]!.columns.length;

  const rows: LaidCell[][] = [];
  if (headed) rows.push(sections.map((s, i) => header(s.heading ?? '', { colSpan: width(i) })));
  const values = sections.map((s) => valueHeader(s.columns, height));
  for (let level = 0; level < height; level++) {
    const row: LaidCell[] = [];
    sections.forEach((section, i) => {
      if (level === 0) {
        row.push(header(section.labelHeader ?? '项目', { rowSpan: height }));
        if (lines[i]) row.push(header('行次', { rowSpan: height }));
      }
      row.push(...values[i]![level]!);
    });
    rows.push(row);
  }
  if (numbered) {
    rows.push(
      sections.flatMap((section, i) => [
        header('栏次'),
        ...(lines[i] ? [header('')] : []),
        ...columnNumbers(section.columns),
      ]),
    );
  }
  const headerRows = rows.length;

  const count = Math.max(...sections.map((s) => s.rows.length));
  for (let r = 0; r < count; r++) {
    rows.push(
      sections.flatMap((section, i) => {
        const row = section.rows[r];
        if (!row) {
          return [
            { text: '', align: 'left' } as LaidCell,
            ...(lines[i] ? [lineCell(undefined)] : []),
            ...section.columns.map(() => valueCell(undefined)),
          ];
        }
        return [
          labelCell(row),
          ...(lines[i] ? [lineCell(row)] : []),
          ...section.columns.map((c) => valueCell(row.cells[c.key], row.bold)),
        ];
      }),
    );
  }

  return {
    widths: sections.flatMap((section, i) => [
      WIDTH.sideLabel,
      ...(lines[i] ? [WIDTH.line] : []),
      ...section.columns.map(() => WIDTH.value),
    ]),
    headerRows,
    rows,
    labelColumns: 0,
  };
}

type BlocksLayout = Extract<TableView['layout'], { kind: 'blocks' }>;

/** One section's rows in side-by-side blocks (基本支出: 人员经费 | 公用经费), footers under blocks. */
function layBlocks(view: TableView, layout: BlocksLayout): LaidTable {
  const section = view.sections[0]!;
  const byKey = new Map(section.rows.map((r) => [r.key, r]));
  const columns = section.columns;
  const blockWidth = 2 + columns.length;
  const classification = codeClassification(section) ?? 'economic';

  const rows: LaidCell[][] = [];
  const headed = layout.blocks.some((b) => b.heading);
  if (headed) {
    // Neighbouring blocks with the same heading (公用经费 over two blocks) share one merged cell.
    const row: LaidCell[] = [];
    let i = 0;
    while (i < layout.blocks.length) {
      const heading = layout.blocks[i]!.heading ?? '';
      let span = 1;
      while (i + span < layout.blocks.length && (layout.blocks[i + span]!.heading ?? '') === heading) span++;
      row.push(header(heading, { colSpan: span * blockWidth }));
      i += span;
    }
    rows.push(row);
  }
  const height = groupDepth(columns) + 1;
  const values = valueHeader(columns, height);
  for (let level = 0; level < height; level++) {
    const row: LaidCell[] = [];
    for (let b = 0; b < layout.blocks.length; b++) {
      if (level === 0) {
        row.push(header(CODE_HEADER[classification], { rowSpan: height }));
        row.push(header(section.labelHeader ?? '科目名称', { rowSpan: height }));
      }
      row.push(...values[level]!.map((c) => ({ ...c })));
    }
    rows.push(row);
  }
  const headerRows = rows.length;

  const count = Math.max(...layout.blocks.map((b) => b.rows.length));
  for (let r = 0; r < count; r++) {
    rows.push(
      layout.blocks.flatMap((block) => {
        const key = block.rows[r];
        const row = key === undefined ? undefined : byKey.get(key);
        if (!row) {
          return [
            { text: '', align: 'left' } as LaidCell,
            { text: '', align: 'left' } as LaidCell,
            ...columns.map(() => valueCell(undefined)),
          ];
        }
        return [
          { text: row.code ?? '', align: 'left', ...(row.bold ? { bold: true } : {}) } as LaidCell,
          labelCell(row),
          ...columns.map((c) => valueCell(row.cells[c.key], row.bold)),
        ];
      }),
    );
  }

  if (layout.footers.length) rows.push(blockFooterRow(layout, byKey, columns, blockWidth));

  return {
    widths: layout.blocks.flatMap(() => [
      WIDTH.blockCode,
      WIDTH.blockLabel,
      ...columns.map(() => WIDTH.blockValue),
    ]),
    headerRows,
    rows,
    labelColumns: 0,
  };
}

/** The footer row: each footer (人员经费合计, 公用经费合计) spans the blocks it sits under. */
function blockFooterRow(
  layout: BlocksLayout,
  byKey: ReadonlyMap<string, RowView>,
  columns: TableView['sections'][number]['columns'],
  blockWidth: number,
): LaidCell[] {
  const footer: LaidCell[] = [];
  const ordered = [...layout.footers].sort((a, b) => Math.min(...a.underBlocks) - Math.min(...b.underBlocks));
  let next = 0;
  for (const item of ordered) {
    const first = Math.min(...item.underBlocks);
    const last = Math.max(...item.underBlocks);
    for (; next < first; next++) {
      footer.push({ text: '', align: 'left', colSpan: blockWidth });
    }
    const row = byKey.get(item.row);
    const span = (last - first) * blockWidth + 2;
    footer.push({ text: row?.label ?? '', align: 'center', bold: true, colSpan: span });
    footer.push(...columns.map((c) => valueCell(row?.cells[c.key], true)));
    next = last + 1;
  }
  for (; next < layout.blocks.length; next++) footer.push({ text: '', align: 'left', colSpan: blockWidth });
  return footer;
}

/** A free-form grid as given: its spans, alignment and header rows. */
export const layGrid: (grid: GridBlock) => LaidTable = oncePer((grid: GridBlock): LaidTable => {
  return {
    widths: grid.widths,
    headerRows: grid.headerRows,
    rows: grid.rows.map((row, r) =>
      row.map((cell) => {
        const laid: LaidCell = {
          text: cell.text,
          align: cell.align ?? (r < grid.headerRows ? 'center' : 'left'),
        };
        if (cell.rowSpan && cell.rowSpan > 1) laid.rowSpan = cell.rowSpan;
        if (cell.colSpan && cell.colSpan > 1) laid.colSpan = cell.colSpan;
        if (cell.bold || r < grid.headerRows) laid.bold = true;
        if (r < grid.headerRows) laid.header = true;
        if (cell.figure?.measure === 'amount' || cell.figure?.measure === 'change') laid.numeric = 'money';
        if (cell.figure?.measure === 'count') laid.numeric = 'count';
        return laid;
      }),
    ),
    labelColumns: 0,
  };
});

/** The 单位构成 list: a header row and one row per unit. */
export const layUnits: (units: UnitsBlock) => LaidTable = oncePer((units: UnitsBlock): LaidTable => {
  const narrow = (label: string) => /^(序号|预算级次|级次|单位性质|性质)$/.test(label);
  return {
    widths: units.columns.map((c) => (narrow(c) ? 4 : 14)),
    headerRows: 1,
    rows: [
      units.columns.map((c) => header(c)),
      ...units.rows.map((row) =>
        row.map((text, i): LaidCell => ({ text, align: narrow(units.columns[i] ?? '') ? 'center' : 'left' })),
      ),
    ],
    labelColumns: 0,
  };
});

export interface PlacedCell {
  row: number;
  col: number;
  cell: LaidCell;
}

/**
 * The laid table as a full matrix: for every grid position the cell that covers it, and whether
 * it is that cell's top-left position. Renderers that address cells by position (XLSX) use this.
 */
export const placeCells: (table: LaidTable) => readonly PlacedCell[] = oncePer((table: LaidTable) => {
  const width = table.widths.length;
  const taken: boolean[][] = table.rows.map(() => new Array<boolean>(width).fill(false));
  const placed: PlacedCell[] = [];
  table.rows.forEach((cells, r) => {
    let c = 0;
    for (const cell of cells) {
      while (c < width && taken[r]![c]) c++;
      if (c >= width) {
        throw new Error(`表格排版有误：第 ${r + 1} 行的单元格超出了 ${width} 列`);
      }
      placed.push({ row: r, col: c, cell });
      for (let dr = 0; dr < (cell.rowSpan ?? 1); dr++) {
        for (let dc = 0; dc < (cell.colSpan ?? 1); dc++) {
          const line = taken[r + dr];
          if (line) line[c + dc] = true;
        }
      }
      c += cell.colSpan ?? 1;
    }
  });
  return placed;
});

/**
 * The statement printed under an empty table, unless its notes already say it (Jiangxi prints it as
 * note 2) or the document's next block does (a builder may add it as a paragraph of its own).
 */
export function emptyStatementOf(view: TableView, next?: Block): string | undefined {
  if (!view.empty || !view.emptyStatement) return undefined;
  const statement = squash(view.emptyStatement);
  if (view.notes.some((note) => squash(note).includes(statement))) return undefined;
  if (next?.kind === 'paragraph' && squash(paragraphText(next)).includes(statement)) return undefined;
  return view.emptyStatement.trim();
}

function squash(text: string): string {
  return text.replace(/\s+/g, '');
}

/** The unit line of a table header: 金额单位 for money, 单位 for counts (台、辆、套). */
export function unitLabel(view: TableView): string {
  return /^(元|万元|亿元|千元)$/.test(view.unit) ? `金额单位：${view.unit}` : `单位：${view.unit}`;
}
