/**
 * One printed grid read against one profile table: which rows are the header, which grid column is
 * which profile column (by 栏次, else by header label, else by position), and which printed row is
 * which profile row (by classification code, 行次, label, or a 科目 name resolved through the
 * catalog when the print has no codes). The same analysis scores how well the grid fits the table
 * (recognition) and, for the table finally chosen, yields the cells of its TableView.
 */
import { maxOf } from '../arrays';
import { type Catalog, type Classification, type CodeLevel, levelOf, parentCode } from '../catalog';
import { MEASURES, parseFactKey } from '../facts';
import type { MoneyUnit } from '../money';
import { type ColumnDef, type FixedRowDef, rowKey, type SectionDef, type TableDef } from '../profile';
import { bareLabel, collapseSpaces, normalizeText } from '../text/normalize';
import { type CellView, type RowView, type SectionView, sectionView } from '../views';
import {
  cellText,
  isBlankCell,
  isNaCell,
  looksLikeAmount,
  looksNumeric,
  readCountCell,
  readMoneyCell,
} from './cells';
import { sectionIndex, weakMemo } from './table-index';
import { similarity, similarityCeiling } from './text';

export type ColumnMatch = 'number' | 'label' | 'position';
export type RowMatch = 'code' | 'line' | 'label' | 'name' | 'blank';

export interface ColumnMapping {
  section: string;
  key: string;
  no?: number;
  label: string;
  /** 0-based column of the grid. */
  gridColumn: number;
  by: ColumnMatch;
  confidence: number;
}

export interface ParsedRow {
  section: string;
  /** The profile row (fixed rows), absent for a code row. */
  fixed?: FixedRowDef;
  /** Code rows: the code and its classification. */
  code?: string;
  classification?: Classification;
  /** The label as printed. */
  label: string;
  /** 0-based row of the grid. */
  gridRow: number;
  by: RowMatch;
  confidence: number;
  /** Printed cell text by profile column key. */
  cells: Record<string, string>;
  /** Printed figures in a row the profile keeps blank (a 行次 without an item). */
  stray?: string[];
  note?: string;
}

export interface UnmatchedRow {
  gridRow: number;
  text: string;
  /** The row prints a non-zero figure (it may hide an error). */
  hasFigures: boolean;
  /** Why the row has no place in the table, in Chinese. */
  reason: string;
  /** The row's 科目代码 is not in the year's catalog (the code as read). */
  unknownCode?: string;
}

export interface GridAnalysis {
  def: TableDef;
  headerEnd: number;
  columns: ColumnMapping[];
  /** How well the header fits the table's columns, 0–1. */
  columnScore: number;
  /** How well the printed rows fit the table's rows, 0–1. */
  rowScore: number;
  rows: ParsedRow[];
  unmatched: UnmatchedRow[];
  /** Rows inside the data that repeat the header (a page break the reader joined). */
  repeatedHeaders: number[];
  warnings: string[];
}

export interface GridContext {
  catalog: Catalog;
  year: number;
}

const FUNCTIONAL_CODE = /^2\d{2}(?:\d{2}){0,2}$/;
const ECONOMIC_CODE = /^[35]\d{2}(?:\d{2})?$/;
const ANY_CODE = /^(?:2\d{2}(?:\d{2}){0,2}|[35]\d{2}(?:\d{2})?)$/;
const TOTAL_LABELS = new Set(['合计', '总计', '合计数']);

function codePattern(classification: Classification): RegExp {
  return classification === 'functional' ? FUNCTIONAL_CODE : ECONOMIC_CODE;
}

/** The classification a section's code rows and coded fixed rows belong to. */
export function sectionClassification(section: SectionDef): Classification {
  return sectionIndex(section).classification;
}

function hasCodeRows(section: SectionDef): boolean {
  return sectionIndex(section).coded;
}

function fixedRows(section: SectionDef): readonly FixedRowDef[] {
  return sectionIndex(section).fixed;
}

/**
 * A grid's cells as every analysis reads them, whichever table it is read as: worked out once per
 * grid, since recognition reads each grid as every table of every profile.
 */
export interface PrintedGrid {
  /** Cell texts row by row, without markup and surrounding space. */
  cells: string[][];
  width: number;
  /** Each row's rowSignature. */
  signatures: string[];
  /** Which rows are 栏次 rows. */
  numbersRows: boolean[];
  /** The cell texts normalised (normalizeText). */
  norms: string[][];
  /** What the grid says once its header is taken to end at a row, by that row: filled as asked. */
  headers: Map<number, HeaderFacts>;
}

export function printedGrid(rows: readonly (readonly string[])[]): PrintedGrid {
  const cells = rows.map((row) => row.map((c) => cellText(c)));
  return {
    cells,
    width: Math.max(0, maxOf(cells.map((r) => r.length))),
    signatures: cells.map(rowSignature),
    numbersRows: cells.map(isNumbersRow),
    norms: cells.map((row) => row.map((c) => normalizeText(c))),
    headers: new Map(),
  };
}

/** What a grid's header and data say whatever table the grid is read as, the header ending at a row. */
interface HeaderFacts {
  /** 栏次 printed in the header: grid column → number. */
  numbers: Map<number, number>;
  /** Each grid column's header text. */
  texts: string[];
  /** The columns that hold figures. */
  figureColumns: number[];
  /** The column of 行次, or -1. */
  lineColumn: number;
  /** By grid column: its data cells that hold a figure or N/A less those that hold anything else. */
  figureBalance: number[];
}

function headerFacts(printed: PrintedGrid, headerEnd: number): HeaderFacts {
  let facts = printed.headers.get(headerEnd);
  if (!facts) {
    const { cells: grid, width } = printed;
    const header = grid.slice(0, headerEnd);
    facts = {
      numbers: columnNumbers(header),
      texts: headerTexts(header, width),
      figureColumns: valueColumns(grid, headerEnd, width),
      lineColumn: lineColumnOf(grid, headerEnd, width),
      figureBalance: figureBalance(grid, headerEnd, width),
    };
    printed.headers.set(headerEnd, facts);
  }
  return facts;
}

function figureBalance(grid: readonly string[][], headerEnd: number, width: number): number[] {
  const balance = new Array<number>(width).fill(0);
  for (let r = headerEnd; r < grid.length; r++) {
    const row = grid[r] ?? [];
    for (let c = 0; c < width; c++) {
      const cell = row[c] ?? '';
      if (cell !== '') balance[c]! += looksNumeric(cell) || isNaCell(cell) ? 1 : -1;
    }
  }
  return balance;
}

/** A grid's header read as table `def`: where its data starts and which grid column is which. */
export interface GridHeader {
  headerEnd: number;
  columns: ColumnMapping[];
  /** How well the header fits the table's columns, 0–1. */
  columnScore: number;
  note?: string;
}

/**
 * Reads the header of a printed grid as table `def`: the first half of its analysis, and all that
 * recognition needs to tell that a grid cannot be the table whatever its rows say.
 */
export function analyzeHeader(printed: PrintedGrid, def: TableDef): GridHeader {
  const { cells: grid, width, numbersRows } = printed;
  const headerEnd = findHeaderEnd(grid, numbersRows, def);
  const mapping =
    def.layout.kind === 'blocks'
      ? mapBlockColumns(grid, grid.slice(0, headerEnd), headerEnd, width, def)
      : mapColumns(printed, headerEnd, def);
  return {
    headerEnd,
    columns: mapping.columns,
    columnScore: mapping.score,
    ...(mapping.note ? { note: mapping.note } : {}),
  };
}

/** Analyses a printed grid as table `def`, whose header has been read as `headerRead`. */
export function analyzeGrid(
  printed: PrintedGrid,
  def: TableDef,
  context: GridContext,
  headerRead: GridHeader,
): GridAnalysis {
  const { cells: grid, signatures, numbersRows } = printed;
  const { headerEnd, columns, columnScore, note } = headerRead;
  const header = grid.slice(0, headerEnd);
  const warnings: string[] = [];
  const result: GridAnalysis = {
    def,
    headerEnd,
    columns,
    columnScore,
    rowScore: 0,
    rows: [],
    unmatched: [],
    repeatedHeaders: [],
    warnings,
  };
  const headerKeys = new Set(signatures.slice(0, headerEnd).filter((s) => s !== ''));
  const segments = segmentsOf(def, columns, header, printed, headerEnd);
  const claims = new RowClaims(new NameResolver(context));
  let dataRows = 0;
  for (let r = headerEnd; r < grid.length; r++) {
    const row = grid[r] ?? [];
    if (row.every((c) => c === '')) continue;
    if (headerKeys.has(signatures[r]!) || numbersRows[r]) {
      result.repeatedHeaders.push(r);
      continue;
    }
    let printedAny = false;
    for (const segment of segments) {
      const cellsOf = segment.entries(row);
      for (const entry of cellsOf) {
        if (entry.empty) continue;
        printedAny = true;
        const parsed = matchEntry(def, segment.sections, entry, r, claims);
        if (parsed) {
          result.rows.push(parsed);
        } else if (entry.label || entry.code || entry.codeProblem || entry.values.some((v) => v !== '')) {
          result.unmatched.push({
            gridRow: r,
            text: [entry.code ?? entry.printedCode, entry.label, ...entry.values].filter(Boolean).join(' '),
            hasFigures: entry.values.some((v) => looksNumeric(v) && !/^0*(\.0+)?$/.test(v.replace(/,/g, ''))),
            ...unplacedReason(def, segment.sections, entry, context),
          });
        }
      }
    }
    if (printedAny) dataRows++;
  }
  result.rowScore = rowScore(def, result, dataRows);
  if (note) warnings.push(note);
  return result;
}

/** A row's cells normalised and joined: what a repeated header row shares with the first. */
export function rowSignature(row: readonly string[]): string {
  return row
    .map((c) => normalizeText(c))
    .join('|')
    .replace(/\|+$/, '');
}

/** A 栏次 row: integers (and 栏次/行次 words) only, at least two of them. */
function isNumbersRow(row: readonly string[]): boolean {
  const cells = row.map((c) => normalizeText(c)).filter((c) => c !== '');
  const ints = cells.filter((c) => /^\d{1,2}$/.test(c));
  return (
    ints.length >= 2 &&
    cells.every((c) => /^\d{1,2}$/.test(c) || /^(栏次|行次|类|款|项|栏次行次)$/.test(c)) &&
    ints.every((c, i) => i === 0 || Number(c) > Number(ints[i - 1]))
  );
}

/** The bare labels of a table's rows, with 合计 and its kin for a table that lists 科目 by code. */
const rowLabels = weakMemo((def: TableDef): Set<string> => {
  const labels = new Set<string>();
  for (const section of def.sections) {
    const index = sectionIndex(section);
    for (const label of index.bare.values()) labels.add(label);
    if (index.coded) for (const t of TOTAL_LABELS) labels.add(t);
  }
  return labels;
});

/** The first data row: one with an amount, a classification code, or a label the table has. */
function findHeaderEnd(grid: readonly string[][], numbersRows: readonly boolean[], def: TableDef): number {
  const labels = rowLabels(def);
  for (let r = 0; r < grid.length; r++) {
    const row = grid[r] ?? [];
    if (numbersRows[r]) continue;
    if (row.some((c) => looksLikeAmount(c))) return r;
    if (row.slice(0, 3).some((c) => ANY_CODE.test(normalizeText(c)) || /^\d{3,7}\D/.test(normalizeText(c)))) {
      return r;
    }
    // Only the label column counts: header cells repeat row labels (一般公共预算财政拨款 heads a
    // column of 公开04表 and names its first row).
    const first = row.find((c) => c !== '');
    if (first !== undefined && labels.has(bareLabel(first))) return r;
  }
  return grid.length;
}

// ---------------------------------------------------------------------------------------------
// Columns

interface ColumnResult {
  columns: ColumnMapping[];
  score: number;
  note?: string;
}

/** 栏次 printed in the header: grid column → number. */
function columnNumbers(header: readonly string[][]): Map<number, number> {
  for (let r = header.length - 1; r >= 0; r--) {
    const row = header[r] ?? [];
    const found = new Map<number, number>();
    let marker = false;
    row.forEach((cell, c) => {
      const text = normalizeText(cell);
      if (/^\d{1,2}$/.test(text)) found.set(c, Number(text));
      if (/栏次/.test(text)) marker = true;
    });
    if (found.size >= 2 || (found.size === 1 && marker)) return found;
  }
  return new Map();
}

/** Each grid column's header text: its non-numeric header cells joined, normalised. */
function headerTexts(header: readonly string[][], width: number): string[] {
  const texts: string[] = [];
  for (let c = 0; c < width; c++) {
    const parts: string[] = [];
    for (const row of header) {
      const text = normalizeText(row[c] ?? '');
      if (text === '' || /^\d{1,2}$/.test(text) || /^(类|款|项)$/.test(text)) continue;
      if (parts.at(-1) !== text) parts.push(text);
    }
    texts.push(parts.join(''));
  }
  return texts;
}

/** Label scores already worked out, by column and header text; bounded like the text memos. */
const labelScores = new WeakMap<ColumnDef, Map<string, number>>();

/**
 * How well a header text names a column, memoised: recognition matches every grid column's header
 * with every column of every table it tries the grid as.
 */
function labelScore(column: ColumnDef, header: string): number {
  let scores = labelScores.get(column);
  if (!scores) {
    scores = new Map();
    labelScores.set(column, scores);
  }
  let score = scores.get(header);
  if (score === undefined) {
    if (scores.size >= 1_000) scores.clear();
    score = computeLabelScore(column, header);
    scores.set(header, score);
  }
  return score;
}

function computeLabelScore(column: ColumnDef, header: string): number {
  if (!header) return 0;
  const label = bareLabel(column.label);
  const grouped = normalizeText([...(column.group ?? []), column.label].join(''));
  let best = Math.max(similarity(label, header), similarity(grouped, header));
  // A header cell that repeats the group and the label in one (本年支出小计) or wraps a long label.
  if (header.endsWith(label) || header === grouped) best = Math.max(best, 0.9);
  return best;
}

function mapColumns(printed: PrintedGrid, headerEnd: number, def: TableDef): ColumnResult {
  const { width } = printed;
  const all = def.sections.flatMap((s) => s.columns.map((c) => ({ section: s.key, column: c })));
  const { numbers, texts, figureColumns } = headerFacts(printed, headerEnd);
  const byNo = new Map<number, number>();
  for (const [col, no] of numbers) if (!byNo.has(no)) byNo.set(no, col);
  const columns: ColumnMapping[] = [];
  const used = new Set<number>();
  // 栏次 first: it is what the print says each column is; a label row shifted by a merged cell
  // (公开03表 prints its labels one column left of its figures) does not move it.
  const withNo = all.filter((a) => a.column.no !== undefined);
  const numbered = withNo.length > 0 && withNo.every((a) => byNo.has(a.column.no!));
  for (const { section, column } of all) {
    if (numbered && column.no !== undefined) {
      const col = byNo.get(column.no)!;
      used.add(col);
      const agree = labelScore(column, texts[col] ?? '');
      columns.push(mapping(section, column, col, 'number', agree >= 0.7 || !texts[col] ? 1 : 0.9));
    }
  }
  // Then labels, left to right, each grid column used once.
  let after = -1;
  for (const { section, column } of all) {
    const existing = columns.find((m) => m.section === section && m.key === column.key);
    if (existing) {
      after = Math.max(after, existing.gridColumn);
      continue;
    }
    let best = -1;
    let bestScore = 0.5;
    for (let c = 0; c < width; c++) {
      if (used.has(c)) continue;
      const s = labelScore(column, texts[c] ?? '') - (c <= after ? 0.2 : 0);
      if (s > bestScore) {
        best = c;
        bestScore = s;
      }
    }
    if (best >= 0) {
      used.add(best);
      after = Math.max(after, best);
      columns.push(mapping(section, column, best, 'label', bestScore >= 0.9 ? 0.9 : 0.7));
    }
  }
  // Whatever is left goes by position onto the columns that hold figures.
  const missing = all.filter((a) => !columns.some((m) => m.section === a.section && m.key === a.column.key));
  let note: string | undefined;
  if (missing.length) {
    const unused = figureColumns.filter((c) => !used.has(c));
    if (unused.length >= missing.length) {
      const take = unused.slice(unused.length - missing.length);
      missing.forEach((a, i) => {
        columns.push(mapping(a.section, a.column, take[i]!, 'position', 0.5));
      });
      note = `${missing.map((a) => a.column.label).join('、')} 栏按位置对应（表头未能识别）`;
    }
  }
  columns.sort((a, b) => a.gridColumn - b.gridColumn);
  // Side-by-side rows with 行次 are read as a stream (lineEntries); their columns need no realigning.
  const shifted = readsByLine(def, printed, headerEnd) ? 0 : realign(printed, headerEnd, columns);
  if (shifted) note = `表头与数字错位 ${shifted} 栏，已按数字所在栏对应`;
  const located = columns.reduce((sum, m) => sum + m.confidence, 0);
  const score = all.length ? located / Math.max(all.length, figureColumns.length) : 0;
  return { columns, score: Math.min(1, score), ...(note ? { note } : {}) };
}

function mapping(
  section: string,
  column: ColumnDef,
  gridColumn: number,
  by: ColumnMatch,
  confidence: number,
) {
  return {
    section,
    key: column.key,
    ...(column.no !== undefined ? { no: column.no } : {}),
    label: column.label,
    gridColumn,
    by,
    confidence,
  };
}

/**
 * A header row printed one cell left or right of the figures (“行次 1 2” above “一、… | 1 | 0 | 0”)
 * puts 栏次 over the 行次 column. When the mapped columns hold labels or 行次 rather than figures,
 * every mapping moves by the shift that lands them all on figures; returns the shift applied.
 */
function realign(printed: PrintedGrid, headerEnd: number, columns: ColumnMapping[]): number {
  if (!columns.length) return 0;
  const { lineColumn, figureBalance } = headerFacts(printed, headerEnd);
  const base = shiftedFit(columns, 0, printed.width, lineColumn, figureBalance);
  let best = 0;
  let bestFit = base;
  for (const shift of [1, -1, 2, -2]) {
    const f = shiftedFit(columns, shift, printed.width, lineColumn, figureBalance);
    if (f > bestFit) {
      best = shift;
      bestFit = f;
    }
  }
  if (best === 0 || (base !== Number.NEGATIVE_INFINITY && bestFit <= base)) return 0;
  for (const m of columns) {
    m.gridColumn += best;
    m.confidence = Math.min(m.confidence, 0.8);
  }
  return best;
}

/** How well the mapped columns moved by `shift` land on figures: −∞ when one leaves the grid or lands on 行次. */
function shiftedFit(
  columns: readonly ColumnMapping[],
  shift: number,
  width: number,
  lineColumn: number,
  figureBalance: readonly number[],
): number {
  let score = 0;
  for (const m of columns) {
    const c = m.gridColumn + shift;
    if (c < 0 || c >= width || c === lineColumn) return Number.NEGATIVE_INFINITY;
    score += figureBalance[c]!;
  }
  return score;
}

/** The column of 行次: small whole numbers rising down the rows. */
function lineColumnOf(grid: readonly string[][], headerEnd: number, width: number): number {
  for (let c = 0; c < Math.min(width, 4); c++) {
    let ints = 0;
    let rising = 0;
    let filled = 0;
    let last = 0;
    for (let r = headerEnd; r < grid.length; r++) {
      const cell = normalizeText(grid[r]?.[c] ?? '');
      if (!cell) continue;
      filled++;
      if (/^\d{1,3}$/.test(cell)) {
        ints++;
        if (Number(cell) > last) rising++;
        last = Number(cell);
      }
    }
    if (filled >= 3 && ints / filled > 0.8 && rising / filled > 0.8) return c;
  }
  return -1;
}

/** Grid columns that hold figures (or —) in the data rows, left to right. */
function valueColumns(grid: readonly string[][], headerEnd: number, width: number): number[] {
  const found: number[] = [];
  for (let c = 0; c < width; c++) {
    let figures = 0;
    let labels = 0;
    for (let r = headerEnd; r < grid.length; r++) {
      const cell = grid[r]?.[c] ?? '';
      if (looksLikeAmount(cell) || isNaCell(cell)) figures++;
      else if (cell !== '' && !looksNumeric(cell)) labels++;
    }
    if (figures > 0 && figures >= labels) found.push(c);
  }
  return found;
}

/**
 * Blocks (公开06表): the grid repeats code | name | amount side by side. Each block starts at a
 * header cell naming the code column (…编码), else at a column whose cells are codes.
 */
function mapBlockColumns(
  grid: readonly string[][],
  header: readonly string[][],
  headerEnd: number,
  width: number,
  def: TableDef,
): ColumnResult {
  const section = def.sections[0]!;
  const column = section.columns[0]!;
  const texts = headerTexts(header, width);
  const starts = blockStarts(grid, header, headerEnd, width);
  const columns: ColumnMapping[] = [];
  for (const [i, start] of starts.entries()) {
    const end = starts[i + 1] ?? width;
    let amount = -1;
    for (let c = start + 2; c < end; c++) if (labelScore(column, texts[c] ?? '') >= 0.7) amount = c;
    const byLabel = amount >= 0;
    if (!byLabel) amount = Math.min(end - 1, start + 2);
    columns.push(mapping(section.key, column, amount, byLabel ? 'label' : 'position', byLabel ? 0.9 : 0.7));
  }
  return { columns, score: starts.length ? 1 : 0 };
}

/**
 * Where each block of 公开06表 starts: a column of codes, confirmed by a header naming the code
 * column (…科目编码) when the header can (a header cell merged over two columns names both).
 */
function blockStarts(
  grid: readonly string[][],
  header: readonly string[][],
  headerEnd: number,
  width: number,
): number[] {
  // A header that splits 科目编码 into 类 | 款 says where each block's code starts: the data cannot
  // (a 类 column holds a code only on the 类 rows, and the footers are printed across it).
  const classColumns = [...codePartColumns(header)].flatMap(([c, part]) => (part === '类' ? [c] : []));
  if (classColumns.length) return classColumns;
  const texts = headerTexts(header, width);
  const coded = codeColumns(grid, headerEnd, width);
  const named = texts.flatMap((t, c) => (/编码|代码/.test(t) ? [c] : []));
  // A column of codes the header does not name still starts a block when names follow it: a text
  // layout drops blank header cells, so its 科目编码 need not stand above the codes.
  const confirmed = coded.filter((c) => named.includes(c) || holdsLabels(grid, headerEnd, c + 1));
  return confirmed.length ? confirmed : coded.length ? coded : named;
}

/** Whether the data cells of a column are mostly names (text, not figures or codes). */
function holdsLabels(grid: readonly string[][], headerEnd: number, column: number): boolean {
  let labels = 0;
  let filled = 0;
  for (let r = headerEnd; r < grid.length; r++) {
    const cell = grid[r]?.[column] ?? '';
    if (isBlankCell(cell)) continue;
    filled++;
    if (!looksNumeric(cell) && !isNaCell(cell)) labels++;
  }
  return filled > 0 && labels / filled > 0.5;
}

// ---------------------------------------------------------------------------------------------
// Rows

interface Entry {
  /** Printed code, if any (joined when printed over 类/款/项 columns). */
  code?: string;
  /** Code parts printed over 类/款/项 columns that do not join into a code, as printed. */
  printedCode?: string;
  /** Why those parts do not join. */
  codeProblem?: string;
  label: string;
  line?: number;
  /** Printed value cells by profile column key. */
  cells: Record<string, string>;
  values: string[];
  empty: boolean;
}

interface Segment {
  sections: SectionDef[];
  entries(row: readonly string[]): Entry[];
}

/** 公开06表: one entry per block of label and amount columns. */
function blockSegment(
  def: TableDef,
  columns: readonly ColumnMapping[],
  header: readonly string[][],
  grid: readonly string[][],
  headerEnd: number,
  width: number,
): Segment {
  const section = def.sections[0]!;
  const starts = blockStarts(grid, header, headerEnd, width);
  const amountCols = columns.map((m) => m.gridColumn);
  const parts = codePartColumns(header);
  const readers = starts.map(() => new SplitCodeReader(parts));
  return {
    sections: [section],
    entries(row) {
      const entries = starts.map((start, i) => {
        const end = starts[i + 1] ?? Math.max(width, row.length);
        let amountCol = Math.max(amountCols[i] ?? start + 2, start + 1);
        if (amountCol >= end) amountCol = end - 1;
        // A cell lost in extraction shifts a block left: the figure is the last one in it.
        for (let c = end - 1; c >= start; c--) {
          const cell = row[c] ?? '';
          if (!parts.has(c) && looksNumeric(cell) && !ANY_CODE.test(normalizeText(cell))) {
            amountCol = c;
            break;
          }
        }
        const key = section.columns[0]!.key;
        // Only code and name: the text layout of a table printed without figures drops the blank
        // amount column, so the name (or a code shifted left) beside the code is no amount.
        const amount = normalizeText(cellText(row[amountCol]));
        const noAmount = !isNaCell(amount) && (!looksNumeric(amount) || ANY_CODE.test(amount));
        if (end - start < 3 && amountCol === start + 1 && noAmount) {
          return { ...labelEntry(row, start, end, [], readers[i]), cells: { [key]: '' }, values: [''] };
        }
        return labelEntry(row, start, amountCol, [[key, amountCol]], readers[i]);
      });
      attachFooterFigures(entries, section.columns[0]!.key);
      return entries;
    },
  };
}

/**
 * A footer label (公用经费合计) whose figure the print set under the next block, or whose merged
 * cell runs on across the next block's label and amount columns (readers repeat it in every column
 * it covers, so it reads as the label of both blocks and as a figure).
 */
function attachFooterFigures(entries: Entry[], key: string): void {
  for (const entry of entries) {
    if (entry.label && normalizeText(entry.cells[key] ?? '') === normalizeText(entry.label)) {
      entry.cells[key] = '';
      entry.values = [''];
    }
  }
  for (let i = 0; i < entries.length; i++) {
    const entry = entries[i]!;
    if (!entry.code && entry.label && (entry.cells[key] ?? '') === '') {
      for (let j = i + 1; j < entries.length; j++) {
        const next = entries[j]!;
        const mergedOn = !next.code && next.label === entry.label;
        if ((next.label && !mergedOn) || next.code) break;
        if ((next.cells[key] ?? '') !== '') {
          entry.cells[key] = next.cells[key]!;
          entry.values = [next.cells[key]!];
          next.cells[key] = '';
          next.values = [];
        }
        if (mergedOn) next.label = '';
        if (next.values.every((v) => v === '') && !next.label) next.empty = true;
        if (entry.cells[key] !== '') break;
      }
    }
  }
}

/** Side-by-side sections: one entry per section, from its first column to the next section's. */
function sideBySideSegments(
  def: TableDef,
  columns: readonly ColumnMapping[],
  parts: ReadonlyMap<number, CodePart>,
): Segment[] {
  const ranges: { section: SectionDef; start: number; firstValue: number; end: number }[] = [];
  let start = 0;
  for (const section of def.sections) {
    const mine = columns.filter((m) => m.section === section.key).map((m) => m.gridColumn);
    if (!mine.length) continue;
    const firstValue = Math.min(...mine);
    const end = Math.max(...mine) + 1;
    ranges.push({ section, start, firstValue, end });
    start = end;
  }
  return ranges.map(({ section, start, firstValue }) => {
    const codes = new SplitCodeReader(parts);
    const cols: Record<string, number> = {};
    for (const m of columns) if (m.section === section.key) cols[m.key] = m.gridColumn;
    const cellColumns = Object.entries(cols);
    return {
      sections: [section],
      entries: (row) => [labelEntry(row, start, firstValue, cellColumns, codes)],
    };
  });
}

/**
 * How a printed row splits into entries: one per row for stacked grids, one per section for
 * side-by-side tables, one per block for 公开06表.
 */
function segmentsOf(
  def: TableDef,
  columns: readonly ColumnMapping[],
  header: readonly string[][],
  printed: PrintedGrid,
  headerEnd: number,
): Segment[] {
  const { cells: grid, width } = printed;
  if (def.layout.kind === 'blocks') return [blockSegment(def, columns, header, grid, headerEnd, width)];
  if (readsByLine(def, printed, headerEnd)) {
    return [{ sections: def.sections, entries: (row) => lineEntries(row, def.sections) }];
  }
  const parts = codePartColumns(header);
  if (def.layout.kind === 'sideBySide' && def.sections.length > 1) {
    return sideBySideSegments(def, columns, parts);
  }
  const first = columns.length ? Math.min(...columns.map((m) => m.gridColumn)) : width;
  const codes = new SplitCodeReader(parts);
  const cols: Record<string, number> = {};
  for (const m of columns) cols[`${m.section}\u0000${m.key}`] = m.gridColumn;
  const cellColumns = Object.entries(cols);
  return [{ sections: def.sections, entries: (row) => [labelEntry(row, 0, first, cellColumns, codes)] }];
}

/**
 * Side-by-side rows read as a stream: label, 行次, then as many cells as the section has columns.
 * A 行次 is a whole number the section numbers its rows with; this survives rows whose left half
 * is empty and was printed without its cells (“4 | 四、公共安全支出 | 36 | 0.00 …”).
 */
function lineEntries(row: readonly string[], sections: readonly SectionDef[]): Entry[] {
  const lines = sections.map((s) => sectionIndex(s).lines);
  const entries: Entry[] = [];
  let label: string[] = [];
  let next = 0;
  for (let i = 0; i < row.length; i++) {
    const raw = cellText(row[i]);
    const text = normalizeText(raw);
    if (text === '') continue;
    const n = /^\d{1,3}$/.test(text) ? Number(text) : undefined;
    const section = n === undefined ? -1 : lines.findIndex((set, k) => k >= next && set.has(n));
    if (n !== undefined && section >= 0) {
      const columns = sections[section]!.columns;
      const cells: Record<string, string> = {};
      const values: string[] = [];
      let j = i + 1;
      for (const column of columns) {
        const cell = cellText(row[j]);
        if (cell !== '' && !looksNumeric(cell) && !isNaCell(cell)) break;
        cells[`${sections[section]!.key}\u0000${column.key}`] = cell;
        values.push(cell);
        j++;
      }
      entries.push({ label: label.join('').trim(), line: n, cells, values, empty: false });
      label = [];
      next = section + 1;
      i = j - 1;
      continue;
    }
    if (/^(栏次|行次)$/.test(text)) continue;
    label.push(raw);
  }
  return entries;
}

/**
 * Side-by-side tables whose every section numbers its rows, printed with those 行次: read row by
 * row as a 行次 stream. The same table printed without them (SH-T 表一) is read by its labels.
 */
function readsByLine(def: TableDef, printed: PrintedGrid, headerEnd: number): boolean {
  return (
    def.layout.kind === 'sideBySide' &&
    def.sections.length > 1 &&
    def.sections.every((s) => fixedRows(s).some((r) => r.line !== undefined)) &&
    printsLines(def, printed, headerEnd)
  );
}

/** Whether the data rows print the table's 行次: whole numbers of its rows in three rows at least. */
function printsLines(def: TableDef, printed: PrintedGrid, headerEnd: number): boolean {
  const lines = new Set(def.sections.flatMap((s) => [...sectionIndex(s).lines].map(String)));
  const { norms } = printed;
  const numbered = norms.slice(headerEnd).filter((row) => row.some((c) => lines.has(c))).length;
  return numbered >= Math.min(3, norms.length - headerEnd);
}

/** Columns whose data cells are mostly codes (blocks printed without a header). */
function codeColumns(grid: readonly string[][], headerEnd: number, width: number): number[] {
  const found: number[] = [];
  for (let c = 0; c < width; c++) {
    let codes = 0;
    let filled = 0;
    for (let r = headerEnd; r < grid.length; r++) {
      const cell = normalizeText(grid[r]?.[c] ?? '');
      if (!cell) continue;
      filled++;
      if (ECONOMIC_CODE.test(cell) || FUNCTIONAL_CODE.test(cell)) codes++;
    }
    if (filled && codes / filled > 0.5) found.push(c);
  }
  return found;
}

/** Reads the label area [start, labelEnd) of a row and the value cells in `cols` ([key, column]). */
function labelEntry(
  row: readonly string[],
  start: number,
  labelEnd: number,
  cols: readonly (readonly [string, number])[],
  codes?: SplitCodeReader,
): Entry {
  const area = codes?.splitsCodes
    ? readLabelArea(row, start, labelEnd, codes)
    : knownLabelArea(row, start, labelEnd);
  const cells: Record<string, string> = {};
  const values: string[] = [];
  for (const [key, col] of cols) {
    const text = cellText(row[col]);
    cells[key] = text;
    values.push(text);
  }
  return {
    ...area,
    cells,
    values,
    empty:
      area.code === undefined &&
      !area.codeProblem &&
      area.label === '' &&
      area.line === undefined &&
      values.every((v) => v === ''),
  };
}

/** A row's label area read: its code (or the code parts that do not join), 行次 and label. */
type LabelArea = Pick<Entry, 'code' | 'printedCode' | 'codeProblem' | 'label' | 'line'>;

/**
 * Label areas read without codes split over 类 | 款 | 项 columns (whose reader carries codes down the
 * rows), by row and span: recognition reads a grid as every table of every profile, mostly over the
 * same spans. Keyed on the rows of a PrintedGrid, which are never changed.
 */
const labelAreas = new WeakMap<readonly string[], Map<number, LabelArea>>();

function knownLabelArea(row: readonly string[], start: number, labelEnd: number): LabelArea {
  let byRow = labelAreas.get(row);
  if (!byRow) {
    byRow = new Map();
    labelAreas.set(row, byRow);
  }
  // Both ends lie within the row's width, far below 2^16.
  const span = start * 65_536 + labelEnd;
  let area = byRow.get(span);
  if (!area) {
    area = readLabelArea(row, start, labelEnd);
    byRow.set(span, area);
  }
  return area;
}

function readLabelArea(
  row: readonly string[],
  start: number,
  labelEnd: number,
  codes?: SplitCodeReader,
): LabelArea {
  const area = row.slice(start, labelEnd).map((c) => cellText(c));
  const split = codes?.read(row, start, labelEnd);
  let code = split?.code;
  let line: number | undefined;
  const labelParts: string[] = [];
  let lastLabel = -1;
  for (let i = 0; i < area.length; i++) {
    if (split?.columns.has(start + i)) continue;
    const raw = area[i]!;
    const text = normalizeText(raw);
    if (text === '') continue;
    // Readers repeat a merged cell in every column it covers (合计 over 科目编码 and 科目名称):
    // the label is printed once.
    if (labelParts.length && lastLabel === i - 1 && text === normalizeText(area[i - 1]!)) {
      lastLabel = i;
      continue;
    }
    if (code === undefined && labelParts.length === 0 && /^\d{3}$/.test(text)) {
      // 类 | 款 | 项 printed in separate cells.
      const k = normalizeText(area[i + 1] ?? '');
      const x = normalizeText(area[i + 2] ?? '');
      if (/^\d{2}$/.test(k)) {
        code = text + k + (/^\d{2}$/.test(x) ? x : '');
        i += /^\d{2}$/.test(x) ? 2 : 1;
        continue;
      }
    }
    if (code === undefined && labelParts.length === 0 && ANY_CODE.test(text)) {
      code = text;
      continue;
    }
    const glued = /^(\d{3,7})(\D.*)$/.exec(text);
    if (code === undefined && labelParts.length === 0 && glued && ANY_CODE.test(glued[1]!)) {
      code = glued[1]!;
      labelParts.push(raw.replace(/^\s*\d{3,7}\s*/, ''));
      lastLabel = i;
      continue;
    }
    if (/^\d{1,3}$/.test(text) && line === undefined) {
      line = Number(text);
      continue;
    }
    if (/^(栏次|行次)$/.test(text)) continue;
    labelParts.push(raw);
    lastLabel = i;
  }
  return {
    ...(code !== undefined ? { code } : {}),
    ...(split?.problem ? { printedCode: split.printed, codeProblem: split.problem } : {}),
    label: collapseSpaces(labelParts.join('')),
    ...(line !== undefined ? { line } : {}),
  };
}

type CodePart = '类' | '款' | '项';

/** The grid columns a header row of 类 | 款 | 项 (under a merged 科目编码) puts each code part in. */
function codePartColumns(header: readonly string[][]): Map<number, CodePart> {
  for (const row of header) {
    const parts = new Map<number, CodePart>();
    row.forEach((cell, c) => {
      const text = normalizeText(cell);
      if (text === '类' || text === '款' || text === '项') parts.set(c, text);
    });
    if (parts.size >= 2 && [...parts.values()].includes('类')) return parts;
  }
  return new Map();
}

interface SplitCode {
  /** The columns the parts were read from (not part of the label). */
  columns: Set<number>;
  code?: string;
  /** The parts as printed, and why they do not join, when they do not. */
  printed?: string;
  problem?: string;
}

/**
 * Joins a 科目编码 printed over 类 | 款 | 项 columns. Prints leave the 类 (and 款) of a row blank
 * under the row that printed it, so the reader carries them down the rows of its block.
 */
class SplitCodeReader {
  private 类?: string;
  private 款?: string;

  constructor(private readonly parts: ReadonlyMap<number, CodePart>) {}

  /** Whether the header splits codes at all: a reader without parts reads nothing and carries nothing. */
  get splitsCodes(): boolean {
    return this.parts.size > 0;
  }

  read(row: readonly string[], start: number, end: number): SplitCode {
    const printed = new Map<CodePart, string>();
    const columns = new Set<number>();
    for (const [c, part] of this.parts) {
      if (c < start || c >= end) continue;
      columns.add(c);
      const text = normalizeText(cellText(row[c]));
      if (text === '') continue;
      // A label merged over the code columns (合计) or a code glued to its name: not parts.
      if (!/^\d+$/.test(text)) return { columns: new Set() };
      if (!printed.has(part)) printed.set(part, text);
    }
    if (!printed.size) return { columns };
    const [lei, kuan, xiang] = (['类', '款', '项'] as const).map((p) => printed.get(p) ?? '');
    const parts = [lei, kuan, xiang].filter(Boolean);
    // The whole code in one of the columns (a cell merged over the others, or printed “301 01”).
    if (parts.length === 1 && parts[0]!.length > 3 && ANY_CODE.test(parts[0]!)) {
      return this.joined(columns, parts[0]!);
    }
    const text = parts.join(' ');
    const fail = (why: string): SplitCode => ({
      columns,
      printed: text,
      problem: `科目编码「${text}」${why}`,
    });
    if (lei) {
      // Read as printed, whatever the extraction did to the column boundaries (“2010 | 1 | 01”).
      const code = lei + kuan + xiang;
      if (lei.length === 3 && xiang && !kuan) return fail('有类和项而没有款');
      return ANY_CODE.test(code) ? this.joined(columns, code) : fail(`拼成的 ${code} 不是完整的科目代码`);
    }
    for (const [part, digits] of [
      ['款', kuan],
      ['项', xiang],
    ] as const) {
      if (digits && !/^\d{2}$/.test(digits)) return fail(`的${part}不是 2 位数字`);
    }
    const prefix = kuan ? this.类 : this.款;
    if (prefix === undefined) return fail(`之上没有印出它所属的${kuan ? '类' : '款'}，拼不成完整代码`);
    return this.joined(columns, prefix + kuan + xiang);
  }

  private joined(columns: Set<number>, code: string): SplitCode {
    this.类 = code.slice(0, 3);
    this.款 = code.length >= 5 ? code.slice(0, 5) : undefined;
    return { columns, code };
  }
}

/** By catalog, classification and year: the code of each bare 科目 name under each parent code. */
const catalogNames = new WeakMap<Catalog, Map<string, Map<string, Map<string, string>>>>();

/**
 * The 科目 in force in a year by parent code ('' for the 类 themselves), each by bare name, the
 * first in code order for a name printed twice. Worked out in one pass per catalog, which never
 * changes once loaded: recognition resolves the same names for every table it reads a grid as.
 */
function namesByParent(
  catalog: Catalog,
  classification: Classification,
  year: number,
): Map<string, Map<string, string>> {
  let byYear = catalogNames.get(catalog);
  if (!byYear) {
    byYear = new Map();
    catalogNames.set(catalog, byYear);
  }
  const key = `${classification}:${year}`;
  let byParent = byYear.get(key);
  if (!byParent) {
    byParent = new Map();
    for (const entry of catalog.entries(classification, year)) {
      const parent = entry.code.length === 3 ? '' : parentCode(entry.code);
      if (parent === undefined) continue;
      let names = byParent.get(parent);
      if (!names) {
        names = new Map();
        byParent.set(parent, names);
      }
      const name = bareLabel(entry.name);
      if (!names.has(name)) names.set(name, entry.code);
    }
    byYear.set(key, byParent);
  }
  return byParent;
}

/** Looks a 科目 name up in the catalog under the codes printed above it (prints without codes). */
class NameResolver {
  private readonly state = new Map<Classification, { 类?: string; 款?: string }>();

  constructor(private readonly context: GridContext) {}

  /** Remembers a printed code so that names below it resolve under it. */
  see(classification: Classification, code: string): void {
    const state = this.state.get(classification) ?? {};
    const level = levelOf(code);
    if (level === '类' || (classification === 'economic' && code.length === 3)) {
      this.state.set(classification, { 类: code });
    } else if (level === '款') {
      this.state.set(classification, { 类: code.slice(0, 3), 款: code });
    } else if (level === '项') {
      this.state.set(classification, { ...state, 类: code.slice(0, 3), 款: code.slice(0, 5) });
    }
  }

  resolve(classification: Classification, label: string): string | undefined {
    const name = bareLabel(label);
    if (!name) return undefined;
    const state = this.state.get(classification) ?? {};
    const names = namesByParent(this.context.catalog, classification, this.context.year);
    const found = named(names, state.款, name) ?? named(names, state.类, name) ?? named(names, '', name);
    if (found) this.see(classification, found);
    return found;
  }
}

/** The code of the 科目 called `name` under `parent` ('' for the 类), if there is one. */
function named(
  names: Map<string, Map<string, string>>,
  parent: string | undefined,
  name: string,
): string | undefined {
  return parent === undefined ? undefined : names.get(parent)?.get(name);
}

/**
 * The profile rows the entries of a grid have taken (each row is taken once), keeping the name
 * resolver up with the codes of the rows taken.
 */
class RowClaims {
  private readonly taken = new Set<FixedRowDef>();

  constructor(readonly names: NameResolver) {}

  isFree(row: FixedRowDef): boolean {
    return !this.taken.has(row);
  }

  firstFree(rows: readonly FixedRowDef[] | undefined): FixedRowDef | undefined {
    for (const row of rows ?? []) if (!this.taken.has(row)) return row;
    return undefined;
  }

  take(
    base: Omit<ParsedRow, 'by' | 'confidence'>,
    classification: Classification,
    row: FixedRowDef,
    by: RowMatch,
    confidence: number,
    note?: string,
  ): ParsedRow {
    this.taken.add(row);
    if (row.code) this.names.see(row.classification ?? classification, row.code);
    const { section, label, gridRow, cells } = base;
    const parsed: ParsedRow = { section, label, gridRow, cells, fixed: row, by, confidence };
    if (note) parsed.note = note;
    return parsed;
  }
}

// long: one precedence list (科目代码, 行次, footer, single row, 行名) whose order decides the match;
// split apart, the order would be spread over functions that each need the same row state.
function matchEntry(
  def: TableDef,
  sections: readonly SectionDef[],
  entry: Entry,
  gridRow: number,
  claims: RowClaims,
): ParsedRow | undefined {
  const label = entry.label;
  const bare = bareLabel(label);
  for (const section of sections) {
    const cells = sectionCells(section, entry);
    const index = sectionIndex(section);
    const { classification } = index;
    const base = { section: section.key, label, gridRow, cells };
    if (entry.code) {
      const row = claims.firstFree(index.byCode.get(entry.code));
      if (row) return claims.take(base, classification, row, 'code', 1);
      if (index.coded && codePattern(classification).test(entry.code)) {
        claims.names.see(classification, entry.code);
        return { ...base, code: entry.code, classification, by: 'code', confidence: 1 };
      }
    }
    if (entry.line !== undefined) {
      const row = claims.firstFree(index.byLine.get(entry.line));
      if (row) {
        if (row.blank) return claims.take(base, classification, row, 'blank', bare === '' ? 1 : 0.6);
        if (!bare || !row.label) return claims.take(base, classification, row, 'line', 0.8);
        const rowBare = index.bare.get(row)!;
        const agree = Math.max(similarity(rowBare, bare), rowBare.includes(bare) ? 0.9 : 0);
        if (agree >= 0.7) return claims.take(base, classification, row, 'line', 1);
        // A label that names another row of the table wins over a 行次 that may be misprinted.
        const byLabel = claims.firstFree(index.byBare.get(bare));
        const note = byLabel
          ? `行次 ${entry.line} 与行名「${label}」不符，按行名对应`
          : `行名「${label}」与口径第 ${row.line} 行「${row.label}」不同，按行次对应`;
        if (byLabel) return claims.take(base, classification, byLabel, 'label', 0.8, note);
        return claims.take(base, classification, row, 'line', 0.6, note);
      }
    }
    if (!bare && !entry.code && entry.line === undefined && def.layout.kind === 'blocks') {
      // A footer figure whose label the extraction moved away (人员经费合计 | 公用经费合计 printed
      // under the grid): the footers in the profile's order.
      const footer = index.fixed.find((r) => claims.isFree(r) && !r.code && !r.blank);
      if (footer && entry.values.some((v) => looksNumeric(v) && !ANY_CODE.test(normalizeText(v)))) {
        const note = `「${footer.label}」的行名未与数字印在一起，按顺序对应`;
        return claims.take(base, classification, footer, 'label', 0.6, note);
      }
    }
    if (!bare && !entry.code && entry.line === undefined) {
      // A table of a single row printed without a label (上海表七: the figures right under the
      // header): the one row with figures is that row.
      const all = index.fixed;
      const only =
        all.length === 1 && !all[0]!.label && !all[0]!.code && !all[0]!.blank ? all[0]! : undefined;
      if (only && claims.isFree(only) && entry.values.some((v) => looksNumeric(v))) {
        return claims.take(base, classification, only, 'label', 0.9);
      }
    }
    if (bare) {
      const exact = claims.firstFree(index.byBare.get(bare));
      if (exact) return claims.take(base, classification, exact, 'label', 0.95);
      if (index.coded && TOTAL_LABELS.has(bare)) {
        const total = index.fixed.find(
          (r) => claims.isFree(r) && (rowKey(r) === 'total' || (index.bare.get(r) ?? '') === '合计'),
        );
        if (total) return claims.take(base, classification, total, 'label', 1);
      }
      let best: FixedRowDef | undefined;
      let bestScore = 0.85;
      for (const r of index.fixed) {
        const rowBare = index.bare.get(r);
        if (rowBare === undefined || !claims.isFree(r) || similarityCeiling(rowBare, bare) < bestScore)
          continue;
        const s = similarity(rowBare, bare);
        if (s >= bestScore) {
          best = r;
          bestScore = s;
        }
      }
      if (best) return claims.take(base, classification, best, 'label', 0.75);
      if (index.coded && !entry.code) {
        const code = claims.names.resolve(classification, label);
        if (code) return { ...base, code, classification, by: 'name', confidence: 0.8 };
      }
    }
  }
  return undefined;
}

/** Why an entry has no row in the table: its code (unknown for the year, split, or not listed), else its label. */
function unplacedReason(
  def: TableDef,
  sections: readonly SectionDef[],
  entry: Entry,
  context: GridContext,
): { reason: string; unknownCode?: string } {
  if (entry.codeProblem) return { reason: entry.codeProblem };
  const { catalog, year } = context;
  if (entry.code) {
    const classification: Classification = FUNCTIONAL_CODE.test(entry.code) ? 'functional' : 'economic';
    const known = catalog.lookup(classification, entry.code, year);
    if (!known) {
      return {
        reason: `科目代码 ${entry.code} 不在 ${year} 年的政府收支分类科目中`,
        unknownCode: entry.code,
      };
    }
    return { reason: `${entry.code} ${known.name}不是本表列示的科目` };
  }
  if (entry.label) {
    const coded = sections.some(hasCodeRows);
    return {
      reason: `「${entry.label}」不是${def.title}的行名${coded ? `，也不是 ${year} 年的科目名称` : ''}`,
    };
  }
  if (entry.line !== undefined) return { reason: `第 ${entry.line} 行不是${def.title}的行次` };
  return { reason: '没有行名、行次或科目代码' };
}

/** The entry's printed values by the column keys of `section`. */
function sectionCells(section: SectionDef, entry: Entry): Record<string, string> {
  const cells: Record<string, string> = {};
  for (const { key, qualified } of sectionIndex(section).cellKeys) {
    const value = entry.cells[qualified] ?? entry.cells[key];
    if (value !== undefined) cells[key] = value;
  }
  return cells;
}

function rowScore(def: TableDef, result: GridAnalysis, dataRows: number): number {
  if (dataRows === 0) return 0;
  const matched = result.rows.reduce((sum, r) => sum + r.confidence, 0);
  const entries = result.rows.length + result.unmatched.length;
  const fit = entries ? matched / entries : 0;
  const fixed = def.sections.flatMap((s) => fixedRows(s).filter((r) => !r.blank));
  const coded = def.sections.some(hasCodeRows);
  if (coded || fixed.length === 0) return fit;
  const found = new Set(result.rows.map((r) => r.fixed).filter(Boolean));
  const coverage = fixed.filter((r) => found.has(r)).length / fixed.length;
  return 0.6 * fit + 0.4 * coverage;
}

// ---------------------------------------------------------------------------------------------
// Views

export interface BuildOptions {
  /** Unit money cells are printed in. */
  unit: MoneyUnit;
}

export interface BuiltSections {
  sections: SectionView[];
  /** Most decimals printed in a non-zero money cell; -1 when there is none. */
  decimals: number;
  warnings: string[];
  /** Grid row of each built row, by `${section}/${row key}`. */
  gridRows: Map<string, number>;
}

/** A printed cell of a row as the profile's column reads it: a figure of its fact, N/A or text. */
function readRowCell(
  def: TableDef,
  parsed: ParsedRow,
  column: ColumnDef,
  params: Record<string, string>,
  unit: MoneyUnit,
  read: { warnings: string[]; decimals: number },
): CellView | undefined {
  const row = parsed.fixed;
  const code = row?.code ?? parsed.code;
  const override = row?.cells?.[column.key];
  const template = row?.blank ? undefined : override === undefined ? column.fact : override;
  const text = parsed.cells[column.key];
  if (template === undefined) {
    if (row?.blank && text && !isBlankCell(text)) {
      const cell = readMoneyCell(text, unit);
      return cell.kind === 'money'
        ? { kind: 'money', value: cell.fen, text: cell.text }
        : { kind: 'money', text: cell.text };
    }
    return undefined;
  }
  if (template === null) {
    const cell = readMoneyCell(text, unit);
    return cell.kind === 'money'
      ? { kind: 'money', value: cell.fen, text: cell.text }
      : { kind: 'money', na: true, text: cell.text || '—' };
  }
  const filled = template.replace(/\{(\w+)\}/g, (_, name: string) => params[name] ?? `{${name}}`);
  const key = parseFactKey(filled);
  if (!key.ok) {
    read.warnings.push(`${def.number} ${code ?? row?.label ?? ''} ${column.label}：${key.reason}`);
    return undefined;
  }
  const kind = MEASURES[key.fact.measure].kind;
  // A label merged across the figure columns (an empty form's 「合计」 spanning the row) repeats in
  // every cell it covers: it is the label, not a figure printed as text.
  if (text !== undefined && parsed.label !== '' && text.trim() === parsed.label.trim()) {
    return { fact: key.key, kind, text: '' };
  }
  const cell = kind === 'count' ? readCountCell(text) : readMoneyCell(text, unit);
  const view: CellView = { fact: key.key, kind, text: cell.text };
  if (cell.kind === 'money') {
    view.value = cell.fen;
    // A printed 0 (or 0.00) is exactly nothing, however it is written: only figures tell the precision.
    if (cell.fen !== 0n) read.decimals = Math.max(read.decimals, cell.decimals);
    if (cell.glued)
      read.warnings.push(`${def.number}「${parsed.label}」${column.label} 印为 “${text}”，取 ${cell.text}`);
  } else if (cell.kind === 'count') {
    view.value = cell.value;
  } else if (cell.kind === 'text') {
    read.warnings.push(`${def.number}「${parsed.label}」${column.label} “${cell.text}” 不是数字，按未填列`);
  }
  return view;
}

/** The TableView sections of an analysed grid: printed rows in printed order, cells parsed. */
export function buildSections(analysis: GridAnalysis, options: BuildOptions): BuiltSections {
  const { def } = analysis;
  /** The warnings, and the most decimals a nonzero figure prints with (−1: none). */
  const read = { warnings: [] as string[], decimals: -1 };
  const gridRows = new Map<string, number>();
  const sections = def.sections.map((section): SectionView => {
    const rows: RowView[] = [];
    const classification = sectionClassification(section);
    for (const parsed of analysis.rows.filter((r) => r.section === section.key)) {
      const row = parsed.fixed;
      const code = row?.code ?? parsed.code;
      const params: Record<string, string> = { ...(code ? { code } : {}), ...(row?.params ?? {}) };
      const cells: Record<string, CellView> = {};
      for (const column of section.columns) {
        const view = readRowCell(def, parsed, column, params, options.unit, read);
        if (view) cells[column.key] = view;
      }
      const rowClassification =
        row?.classification ?? (code ? (parsed.classification ?? classification) : undefined);
      const level: CodeLevel | undefined = code ? levelOf(code) : undefined;
      const key = row ? rowKey(row) : code!;
      gridRows.set(`${section.key}/${key}`, parsed.gridRow);
      rows.push({
        key,
        ...(row?.line !== undefined ? { line: row.line } : {}),
        ...(code ? { code, ...(rowClassification ? { classification: rowClassification } : {}) } : {}),
        ...(level ? { level } : {}),
        label: parsed.label || (row?.blank ? '' : (row?.label ?? '')),
        ...(row?.bold || level === '类' ? { bold: true } : {}),
        ...(row?.indent !== undefined ? { indent: row.indent } : {}),
        ...(row?.blank ? { blank: true } : {}),
        cells,
      });
    }
    return sectionView(section, rows);
  });
  return { sections, decimals: read.decimals, warnings: read.warnings, gridRows };
}
