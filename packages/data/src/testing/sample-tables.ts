/**
 * Test-only reader for the tables of a published disclosure as plain text (tab-separated rows, as
 * extracted from the PDF): finds each table by its 公开0N表 marker and returns every printed cell
 * with the 行次, code or label that identifies its row and the 栏次 of its column.
 *
 * It knows the four shapes the Jiangxi tables take — two-sided (T01, T04), code grid (T02, T03,
 * T05, T07, T08), side-by-side economic blocks (T06) and 行次 lists (T09, T10) — and copes with what
 * the extraction left behind: <b> tags, blank 行次 rows, blank lines inside a table and spaces
 * inside header words (“栏 次”).
 */

export type PrintedShape = 'sideBySide' | 'codeGrid' | 'blocks' | 'lines';

export interface PrintedCell {
  /** 栏次; absent where the table prints none (the amount column of each T06 block). */
  column?: number;
  /** The cell exactly as printed, tags stripped and trimmed ('' when blank). */
  text: string;
}

export interface PrintedRow {
  /** 0 = income side, 1 = expense side (two-sided tables). */
  side?: number;
  /** Block index, left to right (T06). */
  block?: number;
  line?: number;
  code?: string;
  /** The row label as printed ('' for an unlabelled 行次). */
  label: string;
  cells: PrintedCell[];
}

export interface PrintedTable {
  /** 表号 as printed, spaces removed: 公开01表. */
  number: string;
  shape: PrintedShape;
  rows: PrintedRow[];
}

const MARKER = /^\s*公开\s*(\d{2})\s*表\s*$/;
const FUNCTIONAL_CODE = /^2\d{2}(\d{2}(\d{2})?)?$/;
const ECONOMIC_CODE = /^[3-5]\d{2}(\d{2})?$/;
const DIGITS = /^\d+$/;

/** Whitespace removed, for header words and labels the extraction split (“栏 次”, “合 计”). */
export function squash(text: string): string {
  return text.replace(/\s+/g, '');
}

function cellsOf(line: string): string[] {
  return line.split('\t').map((cell) => cell.replace(/<\/?b>/g, '').trim());
}

/** Every 公开0N表 of the text, in print order. */
export function parseSampleTables(text: string): PrintedTable[] {
  const lines = text.split(/\r?\n/);
  const starts: { index: number; number: string }[] = [];
  lines.forEach((line, index) => {
    const match = MARKER.exec(line);
    if (match) starts.push({ index, number: `公开${match[1]}表` });
  });
  return starts.map(({ index, number }, i) => {
    const end = starts[i + 1]?.index ?? lines.length;
    const body: string[][] = [];
    for (const line of lines.slice(index + 1, end)) {
      if (line.startsWith('注')) break;
      if (line.includes('\t')) body.push(cellsOf(line));
    }
    return readTable(number, body);
  });
}

function readTable(number: string, body: string[][]): PrintedTable {
  const twoSided = body.findIndex((cells) => cells.filter((c) => squash(c) === '栏次').length === 2);
  if (twoSided >= 0) return { number, shape: 'sideBySide', rows: readSideBySide(body, twoSided) };
  const codeHeader = body.findIndex((cells) => cells.slice(0, 3).map(squash).join() === '类,款,项');
  if (codeHeader >= 0) return { number, shape: 'codeGrid', rows: readCodeGrid(body, codeHeader) };
  const blockHeader = body.findIndex((cells) => cells.filter((c) => squash(c) === '科目名称').length > 1);
  if (blockHeader >= 0) return { number, shape: 'blocks', rows: readBlocks(body, blockHeader) };
  return { number, shape: 'lines', rows: readLines(body) };
}

/** Positions of the cells that hold a 栏次 number, with that number. */
function columnPositions(cells: string[], from = 0): Map<number, number> {
  const positions = new Map<number, number>();
  cells.forEach((cell, position) => {
    if (position >= from && DIGITS.test(cell)) positions.set(position, Number(cell));
  });
  return positions;
}

function cellsAt(cells: string[], positions: Map<number, number>): PrintedCell[] {
  return [...positions].map(([position, column]) => ({ column, text: cells[position] ?? '' }));
}

/** 收入 | 支出: each printed line holds an income row (项目, 行次, 金额) and an expense row. */
function readSideBySide(body: string[][], header: number): PrintedRow[] {
  const headerCells = body[header]!;
  const split = headerCells.findIndex((c, i) => i > 0 && squash(c) === '栏次');
  const all = columnPositions(headerCells);
  const income = new Map([...all].filter(([p]) => p < split));
  const expense = new Map([...all].filter(([p]) => p > split));
  const incomeRows: PrintedRow[] = [];
  const expenseRows: PrintedRow[] = [];
  for (const cells of body.slice(header + 1)) {
    if (DIGITS.test(cells[1] ?? '')) {
      incomeRows.push({
        side: 0,
        line: Number(cells[1]),
        label: cells[0] ?? '',
        cells: cellsAt(cells, income),
      });
    }
    if (DIGITS.test(cells[split + 1] ?? '')) {
      expenseRows.push({
        side: 1,
        line: Number(cells[split + 1]),
        label: cells[split] ?? '',
        cells: cellsAt(cells, expense),
      });
    }
  }
  return [...incomeRows, ...expenseRows];
}

/** 合计 and one row per functional code; the 栏次 numbers are on the 类/款/项 header line. */
function readCodeGrid(body: string[][], header: number): PrintedRow[] {
  const positions = columnPositions(body[header]!, 3);
  const firstValue = Math.min(...positions.keys());
  const rows: PrintedRow[] = [];
  for (const cells of body.slice(header + 1)) {
    const lead = cells.slice(0, firstValue);
    const code = lead.find((c) => FUNCTIONAL_CODE.test(c));
    const isTotal = lead.some((c) => squash(c) === '合计');
    if (!code && !isTotal) continue;
    const label = code ? (lead.find((c) => c !== '' && c !== code) ?? '') : '合计';
    rows.push({ ...(code ? { code } : {}), label, cells: cellsAt(cells, positions) });
  }
  return rows;
}

/** Blocks of (编码, 名称, 金额) side by side; the footer line holds the 合计 of each group. */
function readBlocks(body: string[][], header: number): PrintedRow[] {
  const byBlock: PrintedRow[][] = [];
  const footers: PrintedRow[] = [];
  for (const cells of body.slice(header + 1)) {
    for (let position = 0; position < cells.length; position += 3) {
      const [code = '', label = '', text = ''] = cells.slice(position, position + 3);
      const block = position / 3;
      if (!ECONOMIC_CODE.test(code)) continue;
      const rows = byBlock[block] ?? [];
      rows.push({ block, code, label, cells: [{ text }] });
      byBlock[block] = rows;
    }
    cells.forEach((cell, position) => {
      if (!squash(cell).endsWith('合计')) return;
      const value = cells.slice(position + 1).find((c) => c !== '') ?? '';
      footers.push({ block: Math.floor(position / 3), label: cell, cells: [{ text: value }] });
    });
  }
  return [...byBlock.flat(), ...footers];
}

/** 项目, 行次, then the amounts; the 栏次 numbers, when printed, are on their own header line. */
function readLines(body: string[][]): PrintedRow[] {
  const first = body.findIndex((cells) => (cells[0] ?? '') !== '' && DIGITS.test(cells[1] ?? ''));
  if (first < 0) return [];
  const numbered = body.slice(0, first).find((cells) => columnPositions(cells, 2).size > 0);
  const width = Math.max(...body.slice(0, first).map((cells) => cells.length));
  const positions = numbered
    ? columnPositions(numbered, 2)
    : new Map(Array.from({ length: width - 2 }, (_, i) => [i + 2, i + 1] as [number, number]));
  return body
    .slice(first)
    .filter((cells) => DIGITS.test(cells[1] ?? ''))
    .map((cells) => ({ line: Number(cells[1]), label: cells[0] ?? '', cells: cellsAt(cells, positions) }));
}
