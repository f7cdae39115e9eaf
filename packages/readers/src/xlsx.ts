/**
 * XLSX through exceljs, after the zip guard has checked every part's declared size: the guard
 * inflates each part once under a cap and hands exceljs the parts stored uncompressed, so exceljs
 * inflates nothing and meets nothing larger than what was checked.
 *
 * Each visible sheet's used range becomes one or more tables (split at two or more empty rows);
 * merged cells repeat the master cell's text in every position. Leading rows that are captions
 * (a single merged title, 表号, 部门, 单位) and trailing notes (注：…) become text blocks. Numbers are
 * shown as the cell's number format displays them: its decimals, thousands separator and percent
 * (literal text and currency signs in the format are dropped); under “General” as Excel's General
 * format does (integers as is, other values to 10 significant digits). Locations carry the sheet's
 * 1-based index (page), its name (sheet) and the row number (line).
 */
import { divideRounded, formatScaled, pushAll, type RawBlock, READ_LIMITS } from '@juesuan/core';
import type ExcelJS from 'exceljs';
import { describe, type ReadContext } from './context';
import { count, overLimit, quoteFile, ReadError, reason } from './errors';
import { ZipArchive } from './zip';

type Cell = ExcelJS.Cell;

export async function readXlsx(
  zip: ZipArchive,
  ctx: ReadContext,
): Promise<{ blocks: RawBlock[]; pages: number }> {
  const stored = zip.storedCopy();
  ctx.check();
  checkSheetRows(ZipArchive.open(stored, ctx.file), ctx);
  // Loaded here, not with the module: exceljs takes a third of a second to load, which every
  // `juesuan audit` of a PDF would pay for nothing.
  const { default: Excel } = await import('exceljs');
  const workbook = new Excel.Workbook();
  try {
    await workbook.xlsx.load(stored as unknown as ExcelJS.Buffer);
  } catch (error) {
    throw new ReadError(
      'corrupt',
      ctx.file,
      `${quoteFile(ctx.file)}不是完好的 Excel 文件：${reason(error)}；请用 Excel/WPS 打开后重新另存为 .xlsx`,
      {
        cause: error,
      },
    );
  }
  const blocks: RawBlock[] = [];
  const sheets = workbook.worksheets;
  const hidden: string[] = [];
  sheets.forEach((sheet, i) => {
    ctx.check();
    if (sheet.state !== 'visible' && sheet.state !== undefined) hidden.push(sheet.name);
    else pushAll(blocks, readSheet(sheet, i + 1, ctx));
    ctx.progress('sheet', i + 1, sheets.length);
  });
  if (hidden.length)
    ctx.warn(`${quoteFile(ctx.file)}的隐藏工作表 ${hidden.map((n) => `“${n}”`).join('、')} 未读取`);
  return { blocks, pages: sheets.length };
}

/** The start of a row element, with or without a namespace prefix (<row …>, <x:row …>). */
const ROW_START = /<(?:[A-Za-z_][\w.-]*:)?row[\s>/]/g;

/**
 * Refuses a worksheet of more rows than one table may have before exceljs is given the workbook:
 * exceljs builds every row of every sheet before a row can be counted (60,000 rows took 18 s), while
 * counting the row elements in a part's XML takes milliseconds. The parts of the stored copy are not
 * compressed, so nothing is inflated twice.
 */
function checkSheetRows(parts: ZipArchive, ctx: ReadContext): void {
  for (const entry of parts.entries) {
    if (!/^xl\/worksheets\/[^/]+\.xml$/.test(entry.name)) continue;
    let rows = 0;
    for (const _ of parts.read(entry).toString('latin1').matchAll(ROW_START)) {
      if (++rows > READ_LIMITS.maxTableRows) {
        throw overLimit(
          ctx.file,
          'maxTableRows',
          `的工作表部件 ${entry.name} 超过 ${count(READ_LIMITS.maxTableRows)} 行上限（一张表可有的行数）`,
        );
      }
    }
  }
}

function readSheet(sheet: ExcelJS.Worksheet, index: number, ctx: ReadContext): RawBlock[] {
  const { values, minRow, maxRow, minCol, maxCol } = sheetValues(sheet);
  if (maxRow === 0) return [];
  const location = { page: index, sheet: sheet.name };
  const width = maxCol - minCol + 1;
  // A used range beyond the document's whole cell budget is mostly empty (a stray cell far out);
  // its grid would be built before any table in it could be counted.
  if ((maxRow - minRow + 1) * width > READ_LIMITS.maxCells) {
    ctx.warn(
      `${quoteFile(ctx.file)}${describe(location)}的使用范围过大（${count(maxRow - minRow + 1)} 行 × ${count(width)} 列，` +
        `超过 ${count(READ_LIMITS.maxCells)} 个单元格上限），未读取`,
    );
    return [];
  }
  const blocks: RawBlock[] = [];
  for (const rows of rowRuns(values, minRow, maxRow)) {
    ctx.checkTable(rows.length, rows.length * width, { ...location, line: rows[0]! });
    const grid = rows.map((r) => {
      const line = values.get(r);
      return Array.from({ length: width }, (_, k) => line?.get(minCol + k) ?? { text: '', master: '' });
    });
    pushAll(blocks, runBlocks(grid, rows, location, ctx));
  }
  return blocks;
}

type SheetCell = { text: string; master: string };

/** The non-empty cells by row and column (merged cells by their master), and the range they use. */
function sheetValues(sheet: ExcelJS.Worksheet) {
  const values = new Map<number, Map<number, SheetCell>>();
  let minRow = Infinity;
  let maxRow = 0;
  let minCol = Infinity;
  let maxCol = 0;
  sheet.eachRow({ includeEmpty: false }, (row, r) => {
    row.eachCell({ includeEmpty: false }, (cell, c) => {
      const master = cell.master ?? cell;
      const text = displayText(master);
      if (text === '') return;
      let line = values.get(r);
      if (!line) {
        line = new Map();
        values.set(r, line);
      }
      line.set(c, { text, master: master.address });
      minRow = Math.min(minRow, r);
      maxRow = Math.max(maxRow, r);
      minCol = Math.min(minCol, c);
      maxCol = Math.max(maxCol, c);
    });
  });
  return { values, minRow, maxRow, minCol, maxCol };
}

/** Runs of rows separated by two or more empty rows are separate tables. */
function rowRuns(values: ReadonlyMap<number, unknown>, minRow: number, maxRow: number): number[][] {
  const parts: number[][] = [];
  let part: number[] = [];
  let empty = 0;
  for (let r = minRow; r <= maxRow; r++) {
    if (!values.has(r)) {
      empty++;
      continue;
    }
    if (empty >= 2 && part.length) {
      parts.push(part);
      part = [];
    }
    empty = 0;
    part.push(r);
  }
  if (part.length) parts.push(part);

  return parts;
}

/** One run of rows: its captions and trailing notes as text, the rows between as a table. */
function runBlocks(
  grid: SheetCell[][],
  rows: number[],
  location: { page: number; sheet: string },
  ctx: ReadContext,
): RawBlock[] {
  const blocks: RawBlock[] = [];
  const regions = (i: number) => new Set(grid[i]!.filter((c) => c.text !== '').map((c) => c.master));
  // A run of rows of one cell each (a narrative sheet's paragraphs) is text, not a table.
  const textOnly = grid.every((_, i) => regions(i).size <= 1);
  let start = textOnly ? grid.length : 0;
  while (
    start < grid.length - 1 &&
    isCaption(
      grid[start]!.map((c) => c.text),
      regions(start).size,
    )
  )
    start++;
  // Trailing notes: the last 注：… row of one merged cell and the rows of one cell after it that
  // continue it (注：1. … / 2. 当此表数据为空时…).
  let end = grid.length;
  for (let i = grid.length - 1; i > start && regions(i).size <= 1; i--) {
    if (/^(注|说明|备注|附注)/.test(firstText(grid[i]!))) end = i;
  }
  for (let i = 0; i < start; i++) {
    for (const text of distinct(grid[i]!)) {
      const block = ctx.text(text, { ...location, line: rows[i]! });
      if (block) blocks.push(block);
    }
  }
  if (end > start) {
    const table = ctx.table(
      grid.slice(start, end).map((row) => row.map((c) => c.text)),
      rows.slice(start, end).map((r) => ({ ...location, line: r })),
      { ...location, line: rows[start]! },
    );
    if (table) blocks.push(table);
  }
  for (let i = end; i < grid.length; i++) {
    for (const text of distinct(grid[i]!)) {
      const block = ctx.text(text, { ...location, line: rows[i]! });
      if (block) blocks.push(block);
    }
  }
  return blocks;
}

/** A caption row: one merged title, or only 表号/部门/年度/单位 phrases. */
function isCaption(cells: string[], regions: number): boolean {
  if (regions <= 1) return true;
  const filled = cells.filter((c) => c !== '');
  return filled.every((c) => /[:：]|^\d{4}\s*年度?$|表\s*$|^(公开|草案)?\s*\d+\s*表$/.test(c.trim()));
}

function firstText(row: { text: string }[]): string {
  return row.find((c) => c.text !== '')?.text.trim() ?? '';
}

function distinct(row: { text: string; master: string }[]): string[] {
  const seen = new Set<string>();
  const out: string[] = [];
  for (const c of row) {
    if (c.text === '' || seen.has(c.master)) continue;
    seen.add(c.master);
    out.push(c.text);
  }
  return out;
}

// ---- display text ----------------------------------------------------------------------------

function displayText(cell: Cell): string {
  const value = cell.value as unknown;
  return valueText(value, cell.numFmt);
}

function valueText(value: unknown, numFmt: string | undefined): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'number') return formatNumber(value, numFmt);
  if (typeof value === 'string') return value;
  if (typeof value === 'boolean') return value ? 'TRUE' : 'FALSE';
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? '' : value.toISOString().slice(0, 10);
  if (typeof value === 'object') {
    const v = value as Record<string, unknown>;
    if (Array.isArray(v.richText)) return v.richText.map((r: { text?: string }) => r.text ?? '').join('');
    if ('result' in v || 'formula' in v || 'sharedFormula' in v) return valueText(v.result, numFmt);
    if (typeof v.text === 'string' || typeof v.text === 'object') return valueText(v.text, numFmt);
    if (typeof v.error === 'string') return v.error;
  }
  return '';
}

/**
 * A number as its format shows it. Only the first section of the format is used (with a minus
 * sign for negatives); decimals come from the placeholders after the point, ',' turns on
 * thousands separators, '%' multiplies by 100.
 */
export function formatNumber(value: number, numFmt: string | undefined): string {
  if (!Number.isFinite(value)) return String(value);
  const fmt = (numFmt ?? '').trim();
  if (fmt === '' || /^general$/i.test(fmt) || fmt === '@') return general(value);
  const section =
    (value < 0 ? (splitSections(fmt)[1] ?? splitSections(fmt)[0]) : splitSections(fmt)[0]) ?? fmt;
  const bare = section
    .replace(/\[[^\]]*\]/g, '')
    .replace(/"[^"]*"/g, '')
    .replace(/\\./g, '')
    .replace(/[_*]./g, '');
  if (!/[0#?]/.test(bare)) return general(value);
  if (/[yYmMdDhHsS]/.test(bare.replace(/E[+-]/g, ''))) return general(value);
  const percent = bare.includes('%');
  const dot = bare.indexOf('.');
  const decimals = dot < 0 ? 0 : (bare.slice(dot + 1).match(/[0#?]/g)?.length ?? 0);
  const integerPart = dot < 0 ? bare : bare.slice(0, dot);
  const thousands = /[0#?],[0#?]/.test(integerPart);
  const scaled = percent ? value * 100 : value;
  const negative = scaled < 0 && value < 0;
  const digits = roundDecimal(Math.abs(scaled), decimals);
  const [int = '0', frac] = digits.split('.');
  const grouped = thousands ? int.replace(/\B(?=(\d{3})+(?!\d))/g, ',') : int;
  const body = frac ? `${grouped}.${frac}` : grouped;
  const isZero = /^[0.,]*$/.test(body);
  // The negative section carries its own sign or brackets; the first section needs a minus.
  const explicitNegative = value < 0 && splitSections(fmt).length > 1;
  const sign = negative && !isZero && !explicitNegative ? '-' : '';
  const brackets =
    explicitNegative && /\(.*\)/.test(bare)
      ? ['(', ')']
      : explicitNegative && bare.includes('-')
        ? ['-', '']
        : ['', ''];
  return `${brackets[0]}${sign}${body}${percent ? '%' : ''}${brackets[1]}`;
}

function splitSections(fmt: string): string[] {
  const out: string[] = [];
  let current = '';
  let quoted = false;
  for (let i = 0; i < fmt.length; i++) {
    const ch = fmt[i]!;
    if (ch === '"') quoted = !quoted;
    if (ch === '\\' && i + 1 < fmt.length) {
      current += ch + fmt[++i];
      continue;
    }
    if (ch === ';' && !quoted) {
      out.push(current);
      current = '';
    } else current += ch;
  }
  out.push(current);
  return out;
}

/** Excel's General format: integers as they are, others to 10 significant digits. */
function general(value: number): string {
  if (Number.isInteger(value) && Math.abs(value) < 1e15) return String(value);
  const text = String(Number(value.toPrecision(10)));
  return text.includes('e') ? value.toPrecision(10) : text;
}

/**
 * Rounds half away from zero at `decimals` places on the number's shortest decimal form, so
 * 1.005 shows as 1.01 (as Excel shows it) rather than toFixed's 1.00.
 */
export function roundDecimal(value: number, decimals: number): string {
  const [mantissa = '0', exponent = '0'] = value.toExponential(14).split('e');
  const digits = mantissa.replace('.', '').replace(/0+$/, '') || '0';
  const exp = Number(exponent);
  // value = 0.digits × 10^(exp+1); scale to an integer of (decimals) fractional units.
  const shift = exp + 1 - digits.length + decimals;
  let units: bigint;
  if (shift >= 0) units = BigInt(digits) * 10n ** BigInt(shift);
  else units = divideRounded(BigInt(digits), 10n ** BigInt(-shift));
  return formatScaled(units, decimals, false);
}
