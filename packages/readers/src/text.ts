/**
 * Plain text as published or as extracted from a PDF/Word file (markdown-ish, tab-separated,
 * space-aligned), read into paragraphs and tables.
 *
 * Line by line, each line is one of: blank; a heading or paragraph; a table row (tab-separated,
 * markdown pipes, or space-aligned); a “cell line” (a converter that wrote one cell per line, each
 * starting with a tab, rows between blank lines). Consecutive rows of one kind form a table.
 *
 * Heuristics, each tested in text.test.ts:
 * - Space-aligned rows split at runs of ≥ 2 spaces; inside those chunks a single space splits off
 *   numeric tokens (amounts, integers, “-” placeholders) from labels, but only on a line that looks
 *   like a row: two or more numbers, or one amount with decimals or thousands separators, or two or
 *   more space-aligned chunks, and no sentence punctuation (。；！？ or a trailing ，：、).
 * - Glued figures: in space-aligned text an amount with exactly two decimals immediately followed
 *   by 3, 5 or 7 digits starting with 2, 3 or 5 (a 功能/经济分类 code) is split there:
 *   “0.0030216” → “0.00” “30216”, “826,071.39302” → “826,071.39” “302”. Any other length is left
 *   alone with a warning. An amount glued to the Chinese label after it is split too
 *   (“5,997,795.07一、一般…”), and so is a 科目编码 glued to the name after it (“30207邮电费”,
 *   “310资本性支出”, as pdftotext prints a narrow code column), so that the line starts a row of its
 *   own instead of running on as the wrapped label of the row before. Tab and pipe cells are never
 *   split: their boundaries are explicit.
 * - Wrapped labels: in a space-aligned table a line without numbers continues the row being read
 *   (a label broken over lines is joined without a space between Chinese characters), and a row is
 *   complete once it ends in a value; a row that ends in a code waits for its label and value.
 * - Letter-spaced headers (“项    目”) are one cell, not two.
 * - Running headers/footers: page-number lines (“- 3 -”, “第 3 页 共 9 页”, “3/9”) are dropped;
 *   when the text has form feeds (pdftotext), a first or last line repeated on at least three pages
 *   and half of them (the same text each time) is dropped too.
 */
import {
  addToGroup,
  cleanPrintedText,
  normalizeDigits,
  pushAll,
  type RawBlock,
  type RawLocation,
  READ_LIMITS,
} from '@juesuan/core';
import type { ReadContext } from './context';
import { count, overLimit, quoteFile } from './errors';
import { stripExtractedMarkup, WrappedText } from './normalize';

export interface TextResult {
  blocks: RawBlock[];
  pages: number;
}

interface Line {
  /** 1-based line in the file. */
  no: number;
  /** 1-based page when the text has form feeds. */
  page?: number;
  text: string;
}

/** Decodes bytes: BOM first, then strict UTF-8, then GB18030 (most older Chinese files). */
export function decodeText(bytes: Uint8Array, ctx: ReadContext): string {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf)
    return new TextDecoder('utf-8').decode(bytes.subarray(3));
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return new TextDecoder('utf-16le').decode(bytes.subarray(2));
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return new TextDecoder('utf-16be').decode(bytes.subarray(2));
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    ctx.warn(`${quoteFile(ctx.file)}不是 UTF-8 编码，已按 GB18030（GBK）读取`);
    return new TextDecoder('gb18030').decode(bytes);
  }
}

export function readTextContent(content: string, ctx: ReadContext): TextResult {
  const { lines, pages } = splitLines(content, ctx);
  const kept = dropRunningLines(lines, pages);
  const parser = new TextParser(ctx);
  for (let i = 0; i < kept.length; i++) {
    if (i % 5000 === 0) ctx.check();
    i = parser.line(kept, i);
  }
  parser.finish();
  parser.reportGlue();
  return { blocks: parser.blocks, pages };
}

/**
 * The lines of the text and its pages (form feeds). The limits of lines and of a line's length are
 * checked as each line is cut off, so a file of millions of empty lines stops at the limit and a
 * line longer than the limit is never copied.
 */
function splitLines(content: string, ctx: ReadContext): { lines: Line[]; pages: number } {
  const lines: Line[] = [];
  let page = 1;
  // The next \n and the next \r, each searched again only once passed: a search per line for a
  // character the text lacks would scan the rest of the text every time.
  let lf = content.indexOf('\n');
  let cr = content.indexOf('\r');
  let start = 0;
  for (;;) {
    if (lf !== -1 && lf < start) lf = content.indexOf('\n', start);
    if (cr !== -1 && cr < start) cr = content.indexOf('\r', start);
    const end = lf === -1 ? (cr === -1 ? content.length : cr) : cr === -1 ? lf : Math.min(lf, cr);
    const no = lines.length + 1;
    if (no > READ_LIMITS.maxTextLines) {
      throw overLimit(ctx.file, 'maxTextLines', `的行数超过 ${count(READ_LIMITS.maxTextLines)} 行上限`);
    }
    if (end - start > READ_LIMITS.maxLineChars) {
      throw overLimit(
        ctx.file,
        'maxLineChars',
        `第 ${count(no)} 行有 ${count(end - start)} 个字符，超过每行 ${count(READ_LIMITS.maxLineChars)} 个字符上限`,
      );
    }
    let text = content.slice(start, end);
    if (text.includes('\f')) {
      page += text.split('\f').length - 1;
      text = text.replaceAll('\f', '');
    }
    lines.push({ no, page, text });
    if (end === content.length) break;
    start = end + (content[end] === '\r' && content[end + 1] === '\n' ? 2 : 1);
  }
  if (page === 1) for (const line of lines) delete line.page;
  return { lines, pages: page };
}

const PAGE_NUMBER = [
  /^[-—–－―~～]\s*\d{1,4}\s*[-—–－―~～]$/,
  /^第\s*\d{1,4}\s*页(\s*[,，/、]?\s*共\s*\d{1,4}\s*页)?$/,
  /^(共\s*\d{1,4}\s*页\s*)?第\s*\d{1,4}\s*页$/,
  /^\d{1,4}\s*\/\s*\d{1,4}$/,
  /^page\s+\d{1,4}(\s+of\s+\d{1,4})?$/i,
];

export function isPageNumber(text: string): boolean {
  const t = normalizeDigits(text).trim();
  return t.length <= 24 && PAGE_NUMBER.some((p) => p.test(t));
}

function dropRunningLines(lines: Line[], pages: number): Line[] {
  const drop = new Set<Line>();
  for (const line of lines) if (isPageNumber(line.text)) drop.add(line);
  if (pages >= 3) {
    // First and last non-blank lines of each page; a header or footer repeats there.
    const edges = new Map<number, Line[]>();
    for (const line of lines) {
      if (line.text.trim() === '' || drop.has(line) || line.page === undefined) continue;
      const list = edges.get(line.page) ?? [];
      list.push(line);
      edges.set(line.page, list);
    }
    const counts = new Map<string, Line[]>();
    for (const list of edges.values()) {
      const ends = new Set([list[0], list.at(-1)]);
      for (const line of ends) {
        if (!line) continue;
        const key = normalizeDigits(line.text).replace(/\s+/g, '');
        addToGroup(counts, key, line);
      }
    }
    for (const [key, found] of counts) {
      if (found.length >= 3 && found.length >= pages / 2 && key.length <= 60)
        for (const l of found) drop.add(l);
    }
    for (const list of edges.values()) {
      for (const line of [list[0], list.at(-1)])
        if (line && /^\s*\d{1,4}\s*$/.test(line.text)) drop.add(line);
    }
  }
  return lines.filter((l) => !drop.has(l));
}

// ---- line classification -------------------------------------------------------------------

const NUMBER = /^[-+]?(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?%?$/;
const PLACEHOLDER = /^[-—–－―]{1,3}$/;
const AMOUNT = /^[-+]?(?:\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+\.\d+)%?$/;
const CODE = /^(?:\d{3}|\d{5}|\d{7})$/;
const UNIT_START = /^[万元个人次年辆台套项份%]/;
/** An amount with exactly two decimals followed by more digits, in a space-separated line. */
const GLUED = /(?<![\d.,])([-+]?(?:\d{1,3}(?:,\d{3})+|\d+)\.\d{2})(\d+)(?![\d.])/g;
/**
 * The place after an amount with two decimals directly followed by a Chinese label. Any digit before
 * the point makes the amount, so the pattern looks back only that far: matching the whole amount
 * from every digit of a long run of digits would cost the square of its length.
 */
const AMOUNT_THEN_LABEL = /(?<=\d\.\d{2})(?=[\u4e00-\u9fff（(])/g;
/**
 * A 科目编码 at the start of a token, directly followed by its Chinese name: a 类 of the 功能分类
 * (201–234) or 经济分类 (301–313, 399, 501–514, 599) with its 款 and 项. A quantity with its unit
 * (“300万元”, “200人”, “230天”) is no code.
 */
const CODE_THEN_LABEL =
  /^((?:2[0-3]\d|3(?:0\d|1[0-3]|99)|5(?:0\d|1[0-4]|99))(?:\d{2}){0,2})(?=[\u4e00-\u9fff（(]{2})(?![万元个人次年辆台套项份余多千百亿天日月周户家名位件])/;
/** A single Chinese character spaced out from its neighbour (“项    目”, “栏    次”). */
const LETTER_SPACED = /(?<=(?:^|\s)[\u4e00-\u9fff])[ \u3000]{2,}(?=[\u4e00-\u9fff](?:\s|$))/g;
const SENTENCE = /[。；！？]|[，,：:、]$/;
/** A comma followed by more words, outside brackets: prose, not a label (“（台，套）” is a label). */
const CLAUSE = /[，,](?=[\u4e00-\u9fff])/;
const BRACKETED = /（[^（）]*）|\([^()]*\)/g;

function isProse(text: string): boolean {
  const t = text.trim();
  return SENTENCE.test(t) || CLAUSE.test(t.replace(BRACKETED, ''));
}
/** Lines that end a space-aligned table: notes and the next table's title. */
const TABLE_END = /^(注|说明|备注)[:：]|^(注|说明)\d*[.、:：]|表\s*[）)]?$|^(公开|草案)\s*\d+\s*表/;

export function isNumeric(cell: string): boolean {
  return NUMBER.test(cell) || PLACEHOLDER.test(cell);
}
export function isAmount(cell: string): boolean {
  return AMOUNT.test(cell);
}
export function isCode(cell: string): boolean {
  return CODE.test(cell);
}

type Kind =
  | { kind: 'blank' }
  | { kind: 'text'; text: string }
  | { kind: 'cell'; text: string }
  | { kind: 'tab' | 'pipe'; cells: string[] }
  | { kind: 'row' | 'loose'; cells: string[]; glued: string[]; unsplit: string[] };

export function classify(raw: string): Kind {
  if (raw.trim() === '') return { kind: 'blank' };
  if (/^\t[^\t]*$/.test(raw)) return { kind: 'cell', text: cellOf(raw.slice(1)) };
  const line = trimTrailingBlanks(raw);
  if (/^\s*#{1,6}\s/.test(line)) return { kind: 'text', text: line.replace(/^\s*#{1,6}\s*/, '') };
  if (/^\s*\|.*\|\s*$/.test(line)) {
    // A markdown rule row (|---|:--:|): only rule characters, with a run of dashes.
    if (/^[\s:|-]*$/.test(line) && line.includes('---')) return { kind: 'blank' };
    const inner = line.trim().slice(1, -1);
    return { kind: 'pipe', cells: inner.split(/(?<!\\)\|/).map((c) => cellOf(c.replaceAll('\\|', '|'))) };
  }
  if (line.includes('\t')) {
    const cells = line.split('\t').map(cellOf);
    if (cells.filter((c) => c !== '').length >= 1 && cells.length >= 2) return { kind: 'tab', cells };
  }
  const plain = normalizeDigits(stripExtractedMarkup(line)).replace(/^\s*[-*+]\s+(?=\S)/, '');
  if (plain.trim() === '') return { kind: 'blank' };
  if (isProse(plain)) return { kind: 'text', text: plain };
  return splitSpaced(plain);
}

/**
 * The line without its trailing spaces, carriage returns and ideographic spaces, found from the end:
 * a pattern anchored at the end would be tried from every position of a long run of spaces.
 */
function trimTrailingBlanks(line: string): string {
  let end = line.length;
  while (end > 0 && (line[end - 1] === ' ' || line[end - 1] === '\r' || line[end - 1] === '\u3000')) end--;
  return end === line.length ? line : line.slice(0, end);
}

function cellOf(text: string): string {
  return cleanPrintedText(stripExtractedMarkup(text));
}

/** Splits a space-aligned line into cells, deciding whether it reads as a table row. */
function splitSpaced(line: string): Kind {
  const chunks = line
    .trim()
    .replace(LETTER_SPACED, ' ')
    .split(/[ \u3000]{2,}|\t/);
  const glued: string[] = [];
  const unsplit: string[] = [];
  const tokens: string[][] = chunks.map((chunk) =>
    chunk
      .replace(GLUED, (whole, amount: string, rest: string) => {
        if ((rest.length === 3 || rest.length === 5 || rest.length === 7) && /^[235]/.test(rest)) {
          glued.push(whole);
          return `${amount} ${rest}`;
        }
        unsplit.push(whole);
        return whole;
      })
      .replace(AMOUNT_THEN_LABEL, ' ')
      .split(/[ \u3000]+/)
      .flatMap((token) => token.replace(CODE_THEN_LABEL, '$1 ').split(' '))
      .filter((t) => t !== ''),
  );
  const flat = tokens.flat();
  const numbers = flat.filter((t) => NUMBER.test(t));
  const isRow =
    !isProse(line) && (numbers.length >= 2 || numbers.some((t) => AMOUNT.test(t)) || chunks.length >= 2);
  const cells: string[] = [];
  for (const chunk of tokens) {
    let label: string[] = [];
    chunk.forEach((token, i) => {
      const numeric = NUMBER.test(token) || (PLACEHOLDER.test(token) && numbers.length > 0);
      // An integer inside a label with its unit after it (“单价 100 万元以上”) belongs to the label.
      const inLabel =
        numeric && !AMOUNT.test(token) && label.length > 0 && UNIT_START.test(chunk[i + 1] ?? '');
      if (numeric && !inLabel) {
        if (label.length) cells.push(label.join(' '));
        label = [];
        cells.push(token);
      } else label.push(token);
    });
    if (label.length) cells.push(label.join(' '));
  }
  return { kind: isRow ? 'row' : 'loose', cells: cells.map(cleanPrintedText), glued, unsplit };
}

// ---- assembling blocks ---------------------------------------------------------------------

interface Row {
  cells: string[];
  line: Line;
  /** Every line a space-aligned row was assembled from (a wrapped label spans several). */
  lines?: Line[];
}

interface Table {
  mode: 'tab' | 'pipe' | 'space';
  rows: Row[];
  /** A blank line was seen since the last row (tab/pipe tables may continue past one). */
  gap: boolean;
}

interface Pending {
  cells: string[];
  /** The last cell while lines of a wrapped label are joined onto it; not in `cells` until then. */
  label?: WrappedText;
  lines: Line[];
  /** Began with, or took in, a line that is a row by itself (not only fragments). */
  row: boolean;
}

class TextParser {
  readonly blocks: RawBlock[] = [];
  private table: Table | undefined;
  private pending: Pending | undefined;
  private glued: { line: Line; text: string }[] = [];

  constructor(private readonly ctx: ReadContext) {}

  private where(line: Line): RawLocation {
    return line.page === undefined ? { line: line.no } : { page: line.page, line: line.no };
  }

  /** Handles lines[i] (and, for a block of cell lines, the lines after it); returns the last index used. */
  line(lines: Line[], i: number): number {
    const line = lines[i]!;
    const kind = classify(line.text);
    switch (kind.kind) {
      case 'blank':
        if (this.table) this.table.gap = true;
        return i;
      case 'text':
        this.endTable();
        this.text(kind.text, line);
        return i;
      case 'cell':
        this.endTable();
        return this.cellBlock(lines, i);
      case 'tab':
      case 'pipe': {
        const t = this.table;
        const last = t?.rows.at(-1);
        const continues = t && t.mode === kind.kind && (!t.gap || last?.cells.length === kind.cells.length);
        if (!continues) {
          this.endTable();
          this.table = { mode: kind.kind, rows: [], gap: false };
        }
        this.table!.rows.push({ cells: kind.cells, line });
        this.table!.gap = false;
        return i;
      }
      case 'row':
      case 'loose': {
        for (const text of kind.glued) this.glued.push({ line, text });
        for (const text of kind.unsplit) {
          this.ctx.warn(
            `${quoteFile(this.ctx.file)}第 ${line.no} 行的“${text}”像是金额与科目编码粘连，但编码位数不是 3、5 或 7 位，未拆开`,
          );
        }
        const single = kind.cells.length === 1 ? kind.cells[0]! : undefined;
        const ends =
          single !== undefined && !isNumeric(single) && (TABLE_END.test(single) || single.length > 40);
        if (this.table?.mode === 'space' && !ends) {
          this.assemble(kind.cells, line, kind.kind === 'row');
          return i;
        }
        if (kind.kind === 'row') {
          this.endTable();
          this.table = { mode: 'space', rows: [], gap: false };
          this.assemble(kind.cells, line, true);
          return i;
        }
        this.endTable();
        this.text(line.text, line);
        return i;
      }
    }
  }

  private text(text: string, line: Line): void {
    const block = this.ctx.text(
      stripExtractedMarkup(text).replace(/^\s*[-*+]\s+(?=\S)/, ''),
      this.where(line),
    );
    if (block) this.blocks.push(block);
  }

  /**
   * Space-aligned rows: a row is complete once it ends in a value; fragments (lines of one cell)
   * join it until then. A new line that is itself a row starting with a label or a code ends the
   * row being read; one starting with a figure continues it (“100,000.0030206 电费 …”).
   */
  private assemble(cells: string[], line: Line, isRow: boolean): void {
    const p = this.pending;
    const first = cells[0] ?? '';
    // A row line ends the row being read unless it continues it with a figure; a row that was
    // itself a row line is continued only by an amount (a leading 序号 or 行次 starts a new row).
    if (p && (isCode(first) || (isRow && (!isNumeric(first) || (p.row && !isAmount(first))))))
      this.flushPending();
    const q = this.pending;
    if (!q) {
      this.pending = { cells: [...cells], lines: [line], row: isRow };
    } else {
      // A joined label is never numeric: it holds a space or a Chinese character.
      if (!isNumeric(first) && (q.label !== undefined || !isNumeric(q.cells.at(-1) ?? ''))) {
        q.label ??= new WrappedText(q.cells.pop());
        q.label.add(first);
        if (cells.length > 1) {
          settleLabel(q);
          pushAll(q.cells, cells.slice(1));
        }
      } else {
        settleLabel(q);
        pushAll(q.cells, cells);
      }
      q.lines.push(line);
      q.row ||= isRow;
    }
    const current = this.pending!;
    if (current.label === undefined && complete(current.cells)) this.flushPending();
  }

  /** Ends the row being read: a row if it came from a row line, holds a number or the table has rows; else text. */
  private flushPending(): void {
    const p = this.pending;
    this.pending = undefined;
    if (!p) return;
    settleLabel(p);
    if (p.row || p.cells.some(isNumeric) || (this.table && this.table.rows.length > 0)) {
      this.table?.rows.push({ cells: p.cells, line: p.lines[0]!, lines: p.lines });
    } else {
      for (const line of p.lines) this.text(line.text, line);
    }
  }

  private endTable(): void {
    // A trailing fragment without numbers is the text after the table, not a row of it.
    let after: Line[] = [];
    if (this.pending?.row || this.pending?.cells.some(isNumeric)) this.flushPending();
    else if (this.pending) after = this.pending.lines;
    this.pending = undefined;
    const t = this.table;
    this.table = undefined;
    if (t && t.rows.length > 0) {
      const only = t.rows.length === 1 ? t.rows[0]! : undefined;
      if (t.mode === 'space' && only && (only.cells.length < 2 || !only.cells.some(isNumeric))) {
        // Not a table after all: every line the row took in is text again (a heading spaced out by
        // the converter took the numbered heading after it in as a wrapped label).
        for (const line of only.lines ?? [only.line]) this.text(line.text, line);
      } else {
        const block = this.ctx.table(
          t.rows.map((r) => r.cells),
          t.rows.map((r) => this.where(r.line)),
          this.where(t.rows[0]!.line),
        );
        if (block) this.blocks.push(block);
      }
    }
    for (const line of after) this.text(line.text, line);
  }

  /**
   * One cell per line, each starting with a tab; a line without the tab continues the cell above;
   * rows are separated by blank lines. Leading one-cell rows are titles (text blocks).
   */
  private cellBlock(lines: Line[], start: number): number {
    const rows: { cells: WrappedText[]; line: Line }[] = [];
    let row: (typeof rows)[number] | undefined;
    let i = start;
    let previousWasCell = false;
    for (; i < lines.length; i++) {
      const line = lines[i]!;
      const raw = line.text;
      if (raw.trim() === '' && !/^\t/.test(raw)) {
        row = undefined;
        previousWasCell = false;
        continue;
      }
      if (raw.startsWith('\t') && !raw.slice(1).includes('\t')) {
        if (!row) {
          row = { cells: [], line };
          rows.push(row);
        }
        row.cells.push(new WrappedText(cellOf(raw.slice(1))));
        previousWasCell = true;
        continue;
      }
      if (previousWasCell && row) {
        row.cells.at(-1)!.add(cellOf(raw));
        continue;
      }
      break;
    }
    this.emitCellRows(mergeSplitRows(rows.map(({ cells, line }) => ({ cells: cells.map(String), line }))));
    // Step back over trailing blank lines so the caller sees the line that ended the block.
    return i - 1;
  }

  private emitCellRows(rows: Row[]): void {
    let table: Row[] = [];
    const flush = () => {
      if (table.length === 0) return;
      const block = this.ctx.table(
        table.map((r) => r.cells),
        table.map((r) => this.where(r.line)),
        this.where(table[0]!.line),
      );
      if (block) this.blocks.push(block);
      table = [];
    };
    for (const row of rows) {
      const filled = row.cells.filter((c) => c !== '');
      const title =
        filled.length <= 1 &&
        (table.length === 0 ||
          TABLE_END.test(filled[0] ?? '') ||
          /^[（(]\s*\d{4}\s*年度\s*[）)]$/.test(filled[0] ?? ''));
      if (title) {
        flush();
        if (filled[0]) this.text(filled[0], row.line);
      } else table.push(row);
    }
    flush();
  }

  finish(): void {
    this.endTable();
  }

  reportGlue(): void {
    if (this.glued.length === 0) return;
    const first = this.glued[0]!;
    this.ctx.warn(
      `${quoteFile(this.ctx.file)}有 ${this.glued.length} 处金额与其后的科目编码粘在一起（如第 ${first.line.no} 行“${first.text}”），` +
        '已按“两位小数金额 + 3/5/7 位编码”拆开',
    );
  }
}

/** The label being joined, as the row's last cell. */
function settleLabel(pending: Pending): void {
  if (pending.label === undefined) return;
  pending.cells.push(pending.label.toString());
  pending.label = undefined;
}

/** A row ends in a value; a trailing code (in a table of amounts) or label means more follows. */
function complete(cells: string[]): boolean {
  const last = cells.at(-1);
  if (last === undefined || !isNumeric(last)) return false;
  if (isCode(last) && (cells.length === 1 || cells.some(isAmount))) return false;
  // An amount with more than two decimals that was not split is still a figure glued to a code.
  if (/\.\d{5,}$/.test(last)) return false;
  return true;
}

/**
 * A converter writing one cell per line sometimes leaves a blank line inside a cell, splitting a
 * row in two. Two adjacent rows that are each shorter than the table's usual width and together
 * exactly that width are one row.
 */
function mergeSplitRows(rows: Row[]): Row[] {
  const widths = new Map<number, number>();
  for (const r of rows) widths.set(r.cells.length, (widths.get(r.cells.length) ?? 0) + 1);
  let usual = 0;
  let best = 0;
  for (const [w, n] of widths) if (n > best || (n === best && w > usual)) [usual, best] = [w, n];
  if (usual < 3) return rows;
  const out: Row[] = [];
  for (let i = 0; i < rows.length; i++) {
    const a = rows[i]!;
    const b = rows[i + 1];
    if (
      b &&
      a.cells.length >= 2 &&
      b.cells.length >= 2 &&
      a.cells.length < usual &&
      a.cells.length + b.cells.length === usual
    ) {
      out.push({ cells: [...a.cells, ...b.cells], line: a.line });
      i++;
    } else out.push(a);
  }
  return out;
}
