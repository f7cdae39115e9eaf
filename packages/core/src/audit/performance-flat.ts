/**
 * 项目支出绩效自评表 whose text came out of a PDF flattened: every cell of a row (or of the whole
 * table) on one line, separated by single spaces like the words inside a cell, no delimiters. The
 * table is rebuilt as a grid in one fixed layout by the meaning of its parts — the known labels
 * (项目名称, 年初预算数, 三级指标, 总分 …), the 一级/二级 names, and each indicator's figures at the
 * end of its row (实际完成值, 分值, 得分) — and read by the same parser as a printed grid, so a
 * flattened table gives the figures and findings of its tabular print.
 *
 * What cannot be told apart in a run-on line is taken the way a print most often reads: the
 * 预期目标 ends at the first space between two Chinese characters; a 偏差原因 without a line of its
 * own runs to its last full stop; a qualitative 年度指标值 is the end of the text before the
 * 实际完成值 that starts with a target word (显著, 及时, 逐步 …).
 */
import { pushAll } from '../arrays';
import { normalizeText, stripMarkup } from '../text/normalize';
import { isWide } from '../text/width';
import { INDICATOR_NAME_HEADER, LEVEL1, LEVEL2 } from './performance-indicators';
import { baseDataGrids } from './performance-whole';
import type { RawDocument, RawLocation, RawTable } from './raw';
import type { PerformanceGrid, RecognizedDocument } from './recognize';

interface Token {
  /** As printed, markup removed. */
  text: string;
  /** normalizeText of the text: what labels are matched on. */
  key: string;
  at: RawLocation;
  block: number;
  /** First token of a printed line: a row boundary in a table flattened row by row. */
  lineStart: boolean;
}

/**
 * The performance grids of a document: the printed grids, and the tables flattened into text
 * rebuilt as grids, in reading order. A grid recognition found inside a flattened table (a run of
 * its lines a text reader took for a table) is part of that table, not a table of its own.
 */
export function withFlatPerformanceTables(
  raw: RawDocument,
  grids: readonly PerformanceGrid[],
): { grids: PerformanceGrid[]; flatBlocks: Set<number> } {
  const real = grids.filter(isPrintedGrid);
  const realBlocks = new Set(real.map((g) => g.blockIndex));
  const flatBlocks = new Set<number>();
  const flat: PerformanceGrid[] = [];
  for (const run of tokenRuns(raw, realBlocks)) {
    for (const table of flatTablesIn(run)) {
      flat.push(table.grid);
      for (const b of table.blocks) flatBlocks.add(b);
    }
  }
  if (!flat.length) return { grids: [...grids], flatBlocks };
  const kept = grids.filter((g) => realBlocks.has(g.blockIndex) || !flatBlocks.has(g.blockIndex));
  return { grids: [...kept, ...flat].sort((a, b) => a.blockIndex - b.blockIndex), flatBlocks };
}

/**
 * The recognised document with the performance tables of every layout among its performance grids:
 * the flattened ones (their lines are table text, not narrative, and a run of them a text reader
 * took for a grid of its own is no unknown table) and a 绩效 form's 基础数据.
 */
export function withPerformanceLayouts(recognized: RecognizedDocument, raw: RawDocument): RecognizedDocument {
  const { grids, flatBlocks } = withFlatPerformanceTables(raw, recognized.performanceTables);
  const profileTables = recognized.tables.map((t) => t.blockIndex);
  const taken = new Set([...flatBlocks, ...grids.map((g) => g.blockIndex), ...profileTables]);
  const base = baseDataGrids(raw, taken);
  if (!flatBlocks.size && !base.length) return recognized;
  const read = new Set([...flatBlocks, ...base.map((g) => g.blockIndex)]);
  return {
    ...recognized,
    performanceTables: [...grids, ...base].sort((a, b) => a.blockIndex - b.blockIndex),
    tableText: new Set([...recognized.tableText, ...read]),
    unknownTables: recognized.unknownTables.filter((u) => !read.has(u.blockIndex)),
    findings: recognized.findings.filter(
      (f) => !(f.rule === 'R-03' && read.has(Number(f.id.slice(f.id.indexOf('@') + 1)))),
    ),
  };
}

/** A grid with its cells apart: 项目名称 a cell of its own, or an indicator header of separate cells. */
function isPrintedGrid(grid: PerformanceGrid): boolean {
  const keys = (r: readonly string[]) => r.map((c) => normalizeText(c));
  return grid.table.rows.some((r) => {
    const k = keys(r);
    return k.includes('项目名称') || (k.some((c) => INDICATOR_NAME_HEADER.test(c)) && k.includes('分值'));
  });
}

/** Tokens of the document's lines, in runs that a printed performance grid interrupts. */
function tokenRuns(raw: RawDocument, skip: ReadonlySet<number>): Token[][] {
  const runs: Token[][] = [[]];
  raw.blocks.forEach((block, i) => {
    if (skip.has(i)) {
      runs.push([]);
      return;
    }
    const lines =
      block.kind === 'text'
        ? block.text.split('\n').map((text, k) => ({
            text,
            at:
              block.location.line !== undefined
                ? { ...block.location, line: block.location.line + k }
                : block.location,
          }))
        : block.kind === 'table'
          ? block.rows.map((row, r) => ({ text: row.join(' '), at: block.rowLocations[r] ?? block.location }))
          : [];
    for (const line of lines) pushAll(runs.at(-1)!, lineTokens(line.text, line.at, i));
  });
  return runs.filter((r) => r.some((t) => t.key.includes('项目名称')));
}

const BARE_COMPARATOR = /^[≥≤><=＞＜≧≦]+$/;
const UNIT = /^(万元|万|元|%)$/;

/**
 * A line's tokens. A comparator printed apart from its figure (≥ 90%) and a unit apart from its
 * amount (2300 万元) are joined to it, as a cell prints them.
 */
function lineTokens(line: string, at: RawLocation, block: number): Token[] {
  const words = stripMarkup(line).replace(GLUED_LEVELS, '指标 ').split(/\s+/).filter(Boolean);
  const out: Token[] = [];
  for (const word of words) {
    const prev = out.at(-1);
    const key = normalizeText(word);
    if (prev && (BARE_COMPARATOR.test(prev.key) || (UNIT.test(key) && FIGURE.test(prev.key)))) {
      prev.text += word;
      prev.key += key;
      continue;
    }
    out.push({ text: word, key, at, block, lineStart: out.length === 0 });
  }
  return out;
}

/**
 * A reader that joined wrapped lines may have glued empty 一级/二级 cells together (社会成本指标生态
 * 环境成本指标): a level name's 指标 followed by the start of another is a cell edge.
 */
const GLUED_LEVELS = /指标(?=(产出|效益|满意度|成本|数量|质量|时效|经济|社会|生态|可持续|服务对象))/g;

/** A figure cell: a number, with its unit or percent sign. */
const FIGURE = /^\d+(\.\d+)?(%|万元|万|元|分)?$/;
const DASH = /^[-—–/／]+$/;

// ---------------------------------------------------------------------------------------------
// Labels

/** How many tokens from k spell a label (the longest reading); 0 if none. */
function labelAt(ts: readonly Token[], k: number, re: RegExp): number {
  let joined = '';
  let found = 0;
  for (let n = 1; n <= 8 && k + n - 1 < ts.length; n++) {
    joined += ts[k + n - 1]!.key;
    if (re.test(joined)) found = n;
    if (joined.length > 40) break;
  }
  return found;
}

/** The first token in [from, to) where a label starts; -1 if none. */
function findLabel(ts: readonly Token[], from: number, to: number, re: RegExp): number {
  for (let k = from; k < to; k++) if (labelAt(ts, k, re)) return k;
  return -1;
}

const words = (ts: readonly Token[], from: number, to: number): string =>
  ts
    .slice(from, to)
    .map((t) => t.text)
    .join(' ');

const LABEL = {
  name: /^项目名称$/,
  department: /^主管部门$/,
  implementer: /^实施单位$/,
  funds: /^项目资金(\(万元\))?$/,
  goals: /^年度总体目标$/,
  expected: /^预期目标$/,
  actual: /^实际完成(情况|值)?$/,
  indicators: /^绩效指标$/,
  total: /^(总分|合计|总计|综合得分)$/,
  grade: /^(评价等级|自评等级|等级)$/,
};

const INDICATOR_NAME_LABEL = /^三级指标$/;

const FUND_HEADERS: [string, RegExp][] = [
  ['年初预算数', /^年初预算数?$/],
  ['全年预算数', /^全年预算数?(\(?A\)?)?$/],
  ['全年执行数', /^全年执行数?(\(?B\)?)?$/],
  ['分值', /^分值$/],
  ['执行率', /^执行率(\(?B\/A\)?)?(\(?%\)?)?$/],
  ['得分', /^得分$/],
];

const FUND_ROW =
  /^(其中:?)?(年度资金总额|当年财政拨款|政府预算资金|财政拨款|预算资金|财政资金|上年结转资金?|其他资金)$/;

const INDICATOR_HEADERS: [string, RegExp][] = [
  ['一级指标', /^一级指标(\(.*\))?$/],
  ['二级指标', /^二级指标(\(.*\))?$/],
  ['三级指标', /^三级指标$/],
  ['年度指标值', /^(年度)?指标值$|^年度指标$/],
  ['实际完成值', /^(实际)?完成值$|^实际值$|^全年(实际)?完成值$/],
  ['分值', /^分值$/],
  ['得分', /^得分$/],
  ['偏差原因分析及改进措施', /^(偏差原因|未完成原因)(分析)?((及|和)改进措施)?$|^偏差$/],
];

/** Labels read one after another from k, each at most once; the labels as printed and the next token. */
function readHeaders(
  ts: readonly Token[],
  k: number,
  headers: readonly [string, RegExp][],
): { labels: string[]; next: number } {
  const labels: string[] = [];
  for (;;) {
    const hit = headers.find(([label, re]) => !labels.includes(label) && labelAt(ts, k, re) > 0);
    if (!hit) return { labels, next: k };
    k += labelAt(ts, k, hit[1]);
    labels.push(hit[0]);
  }
}

// ---------------------------------------------------------------------------------------------
// Tables

interface FlatTable {
  grid: PerformanceGrid;
  blocks: number[];
}

/** Every flattened table in a run of tokens: from each 项目名称 to its 总分 (and 评价等级). */
function flatTablesIn(ts: readonly Token[]): FlatTable[] {
  const starts: number[] = [];
  for (let k = 0; k < ts.length; k++)
    if (ts[k]!.key.startsWith('项目名称') && labelAt(ts, k, LABEL.name)) starts.push(k);
  const out: FlatTable[] = [];
  starts.forEach((start, i) => {
    const table = readFlatTable(ts, start, starts[i + 1] ?? ts.length);
    if (table) out.push(table);
  });
  return out;
}

/** One flattened table as a grid, or undefined when the text is not one (no indicators, no 总分). */
function readFlatTable(ts: readonly Token[], start: number, limit: number): FlatTable | undefined {
  // A table's parts are near each other: prose that names a 项目名称 and, pages later, a 三级指标
  // is no table.
  const header = findLabel(ts, start, Math.min(limit, start + HEAD_TOKENS), INDICATOR_NAME_LABEL);
  if (header < 0) return undefined;
  const level1 = findLabel(ts, Math.max(start, header - 8), header, INDICATOR_HEADERS[0]![1]);
  const headerFirst = level1 >= 0 ? level1 : header;
  const label = findLabel(ts, Math.max(start, headerFirst - 4), headerFirst, LABEL.indicators);
  const headerStart = label >= 0 ? label : headerFirst;
  const indicatorHeader = readHeaders(ts, headerFirst, INDICATOR_HEADERS);
  const totalAt = findLabel(
    ts,
    indicatorHeader.next,
    Math.min(limit, indicatorHeader.next + ROW_TOKENS),
    LABEL.total,
  );
  const scored = ['分值', '得分'].every((h) => indicatorHeader.labels.includes(h));
  if (totalAt < 0 || !scored) return undefined;
  const grid = new GridBuilder();
  const head = readHead(ts, start, headerStart, grid);
  grid.row(ts[headerStart]!, canonicalHeader(indicatorHeader.labels));
  for (const row of readIndicatorRows(ts, indicatorHeader.next, totalAt)) grid.row(row.at, row.cells);
  const end = readTotal(ts, totalAt, limit, grid);
  const first = ts[start]!;
  const title = yearBefore(ts, start);
  const table: RawTable = {
    kind: 'table',
    rows: [...(title ? [[title]] : []), ...grid.rows],
    rowLocations: [...(title ? [first.at] : []), ...grid.locations],
    location: first.at,
  };
  return {
    grid: {
      title: '项目支出绩效自评表',
      ...(head.name ? { project: head.name } : {}),
      blockIndex: first.block,
      location: first.at,
      table,
    },
    blocks: [...new Set(ts.slice(start, end).map((t) => t.block))],
  };
}

/** Most tokens from 项目名称 to the indicator header, and from there to 总分, of one table. */
const HEAD_TOKENS = 400;
const ROW_TOKENS = 2000;

/** "(2024 年度)" printed on the same line just before 项目名称. */
function yearBefore(ts: readonly Token[], start: number): string | undefined {
  const before = ts.slice(Math.max(0, start - 4), start).filter((t) => t.at === ts[start]!.at);
  const m = /(20\d{2})年度/.exec(before.map((t) => t.key).join(''));
  return m ? `(${m[1]}年度)` : undefined;
}

/** Rows of the rebuilt grid with where each was printed. */
class GridBuilder {
  readonly rows: string[][] = [];
  readonly locations: RawLocation[] = [];
  row(at: Token | RawLocation, cells: string[]): void {
    this.rows.push(cells);
    this.locations.push('at' in at ? at.at : at);
  }
}

/** The indicator columns of the rebuilt grid (a single ambiguous 一级/二级 name goes in column 0). */
const COLUMNS = [
  '绩效指标',
  '一级指标',
  '二级指标',
  '三级指标',
  '年度指标值',
  '实际完成值',
  '分值',
  '得分',
  '偏差原因分析及改进措施',
];

function canonicalHeader(printed: readonly string[]): string[] {
  return COLUMNS.map((c, i) => (i === 0 || printed.includes(c) ? c : ''));
}

/** 项目名称, 主管部门/实施单位, 项目资金 and 年度总体目标, up to the indicator header. */
function readHead(ts: readonly Token[], start: number, end: number, grid: GridBuilder): { name: string } {
  const at = (re: RegExp) => findLabel(ts, start, end, re);
  const marks = [LABEL.department, LABEL.implementer, LABEL.funds, LABEL.goals].map(at).filter((k) => k > 0);
  const until = (from: number) => Math.min(end, ...marks.filter((k) => k > from));
  const nameFrom = start + labelAt(ts, start, LABEL.name);
  const name = words(ts, nameFrom, until(nameFrom));
  grid.row(ts[start]!, ['项目名称', name]);
  const dept = at(LABEL.department);
  const impl = at(LABEL.implementer);
  if (dept > 0 || impl > 0) {
    const cell = (k: number, re: RegExp) => (k > 0 ? words(ts, k + labelAt(ts, k, re), until(k)) : '');
    grid.row(ts[dept > 0 ? dept : impl]!, [
      '主管部门',
      cell(dept, LABEL.department),
      '实施单位',
      cell(impl, LABEL.implementer),
    ]);
  }
  const funds = at(LABEL.funds);
  if (funds > 0) readFunds(ts, funds + labelAt(ts, funds, LABEL.funds), until(funds), grid, ts[funds]!);
  const goals = at(LABEL.goals);
  if (goals > 0) readGoals(ts, goals + labelAt(ts, goals, LABEL.goals), end, grid);
  return { name };
}

/** The fund header and rows: each row's figures under the header's columns in order. */
function readFunds(ts: readonly Token[], from: number, end: number, grid: GridBuilder, label: Token): void {
  const header = readHeaders(ts, from, FUND_HEADERS);
  grid.row(label, ['项目资金', '', ...header.labels]);
  let k = header.next;
  while (k < end) {
    const n = labelAt(ts, k, FUND_ROW);
    if (!n) {
      k++;
      continue;
    }
    const row = ts[k]!;
    const rowLabel = ts
      .slice(k, k + n)
      .map((t) => t.key)
      .join('');
    k += n;
    const values: string[] = [];
    while (k < end && (FIGURE.test(ts[k]!.key) || DASH.test(ts[k]!.key))) values.push(ts[k++]!.text);
    const figures = values.length === header.labels.length + 1 ? rejoinSplitFigure(values) : values;
    grid.row(row, ['', rowLabel, ...placeFundValues(figures, header.labels, rowLabel)]);
  }
}

/**
 * A text reader splits 130.99348 into 130.99 and 348, taking the digits after two decimals for a
 * 科目 code glued to an amount; a fund row has no codes, so one figure too many is joined back there.
 */
function rejoinSplitFigure(values: readonly string[]): readonly string[] {
  const i = values.findIndex(
    (v, k) => /^\d+\.\d{2}$/.test(v) && /^[235](\d{2}|\d{4}|\d{6})$/.test(values[k + 1] ?? ''),
  );
  return i < 0 ? values : [...values.slice(0, i), values[i]! + values[i + 1]!, ...values.slice(i + 2)];
}

/**
 * A fund row's figures under the header: one per column; a row of a source other than the total
 * that prints no 分值 and 得分 (nothing left in their place) fills the other columns.
 */
function placeFundValues(values: readonly string[], header: readonly string[], label: string): string[] {
  if (values.length === header.length || /资金总额/.test(label)) return [...values];
  const without = header.filter((h) => h !== '分值' && h !== '得分');
  if (values.length !== without.length) return [...values];
  return header.map((h) => (without.includes(h) ? values[without.indexOf(h)]! : ''));
}

/**
 * 预期目标 and 实际完成情况: split at the first space after a full stop or between two Chinese
 * characters (a space inside either text stands beside a figure or a Latin word).
 */
function readGoals(ts: readonly Token[], from: number, end: number, grid: GridBuilder): void {
  let k = from;
  for (const re of [LABEL.expected, LABEL.actual]) {
    const n = labelAt(ts, k, re);
    if (n) k += n;
  }
  const stop = Math.min(
    end,
    ...[LABEL.indicators, INDICATOR_NAME_LABEL].map((re) => findLabel(ts, k, end, re)).filter((x) => x >= 0),
  );
  grid.row(ts[from - 1]!, ['年度总体目标', '预期目标', '实际完成情况']);
  if (stop <= k) return;
  let split = stop;
  for (let j = k + 1; j < stop; j++) {
    const before = ts[j - 1]!.text.at(-1) ?? '';
    if (SENTENCE_END.test(before) || (isWide(before) && isWide(ts[j]!.text[0] ?? ''))) {
      split = j;
      break;
    }
  }
  grid.row(ts[k]!, ['', words(ts, k, split), words(ts, split, stop)]);
}

/** The 总分 row: its figures in order (分值, 得分), and a 评价等级 after it. The token after the table. */
function readTotal(ts: readonly Token[], at: number, limit: number, grid: GridBuilder): number {
  let k = at + labelAt(ts, at, LABEL.total);
  const figures: string[] = [];
  while (k < limit && figures.length < 2 && FIGURE.test(ts[k]!.key)) figures.push(ts[k++]!.text);
  const cells = Array<string>(COLUMNS.length).fill('');
  cells[0] = '总分';
  if (figures.length === 2) [cells[6], cells[7]] = figures as [string, string];
  else if (figures.length === 1) cells[7] = figures[0]!;
  grid.row(ts[at]!, cells);
  const grade = labelAt(ts, k, LABEL.grade);
  if (grade && k + grade < limit) {
    grid.row(ts[k]!, ['评价等级', ts[k + grade]!.text]);
    k += grade + 1;
  }
  return k;
}

// ---------------------------------------------------------------------------------------------
// Indicator rows

interface FlatRow {
  at: Token;
  cells: string[];
}

/** The longest run of tokens from k that spells one 一级/二级 name (with its points); 0 if none. */
function levelAt(ts: readonly Token[], k: number): { n: number; name: string } | undefined {
  let joined = '';
  let found: { n: number; name: string } | undefined;
  for (let n = 1; n <= 6 && k + n - 1 < ts.length; n++) {
    joined += ts[k + n - 1]!.key;
    const bare = joined.replace(/\([\d.]+分?\)$/, '');
    if (LEVEL1.test(bare) || LEVEL2.test(bare)) found = { n, name: joined };
  }
  return found;
}

/** Where a single 一级/二级 name goes: its own column, or column 0 when it can be either. */
function levelColumn(name: string): number {
  const bare = name.replace(/\([\d.]+分?\)$/, '');
  const one = LEVEL1.test(bare);
  const two = LEVEL2.test(bare);
  return one && two ? 0 : one ? 1 : 2;
}

/** 一级/二级 names printed one after another, in rows: a 一级 followed by a 二级 share one. */
function levelRows(names: readonly { name: string; at: Token }[]): { at: Token; cells: string[] }[] {
  const rows: { at: Token; cells: string[] }[] = [];
  for (let i = 0; i < names.length; i++) {
    const a = names[i]!;
    const b = names[i + 1];
    const cells = Array<string>(COLUMNS.length).fill('');
    if (b && levelColumn(a.name) !== 2 && levelColumn(b.name) !== 1) {
      cells[1] = a.name;
      cells[2] = b.name;
      i++;
    } else cells[levelColumn(a.name)] = a.name;
    rows.push({ at: a.at, cells });
  }
  return rows;
}

/**
 * The indicator rows between the header and 总分. Each indicator ends in its figures (实际完成值,
 * 分值, 得分, at least two of them in a row); the text before them is its name, 年度指标值 and a
 * textual 实际完成值; the text after them, on its line or up to its last full stop, its 偏差原因.
 */
function readIndicatorRows(ts: readonly Token[], from: number, to: number): FlatRow[] {
  const rows: FlatRow[] = [];
  const rowWise = ts.slice(from + 1, to).some((t) => t.lineStart);
  let last: string[] | undefined;
  let k = from;
  while (k < to) {
    if (last) {
      const end = deviationEnd(ts, k, to, rowWise);
      if (end > k) last[8] = words(ts, k, end);
      k = end;
      last = undefined;
      continue;
    }
    const names: { name: string; at: Token }[] = [];
    for (let lv = levelAt(ts, k); lv && k < to; lv = levelAt(ts, k)) {
      names.push({ name: lv.name, at: ts[k]! });
      k += lv.n;
    }
    const run = figureRun(ts, k, to, rowWise);
    if (!run) {
      // Text with no figures: the lines that continue the row above (a wrapped 偏差原因 or name).
      pushAll(rows, levelRows(names));
      if (k < to) rows.push({ at: ts[k]!, cells: continuation(words(ts, k, to)) });
      break;
    }
    const lineBreak = rowWise ? ts.slice(k + 1, run.start).findIndex((t) => t.lineStart) : -1;
    if (lineBreak >= 0 && !names.length) {
      rows.push({ at: ts[k]!, cells: continuation(words(ts, k, k + 1 + lineBreak)) });
      k += 1 + lineBreak;
      continue;
    }
    const groups = levelRows(names);
    const own = groups.pop();
    pushAll(rows, groups);
    const cells = own?.cells ?? Array<string>(COLUMNS.length).fill('');
    fillIndicator(ts, k, run, cells);
    rows.push({ at: own?.at ?? ts[k]!, cells });
    last = cells;
    k = run.end;
  }
  return rows;
}

/** A line with no figures, continuing the row above: a full sentence is 偏差原因, else the name. */
function continuation(text: string): string[] {
  const cells = Array<string>(COLUMNS.length).fill('');
  cells[/[。；;]$/.test(text) ? 8 : 3] = text;
  return cells;
}

const SENTENCE_END = /[。；;！!？?]$/;

/**
 * The 偏差原因 after an indicator's figures: the rest of its line; in a table flattened whole, the
 * text up to the next 一级/二级 name, or else up to its last full stop.
 */
function deviationEnd(ts: readonly Token[], k: number, to: number, rowWise: boolean): number {
  if (rowWise) {
    let j = k;
    while (j < to && !ts[j]!.lineStart) j++;
    return j;
  }
  const next = figureRun(ts, k, to, false);
  // The last indicator's text runs to 总分.
  if (!next) return to;
  const limit = next.start;
  let end = k;
  for (let j = k; j < limit; j++) {
    // The next row's 一级/二级 name ends the text before it.
    if (levelAt(ts, j)) return j;
    if (SENTENCE_END.test(ts[j]!.key)) end = j + 1;
  }
  return end;
}

interface FigureRun {
  start: number;
  end: number;
}

/**
 * The next run of figures that ends an indicator row: two or more figures in a row, or (flattened
 * row by row) one figure that ends its line.
 */
function figureRun(ts: readonly Token[], from: number, to: number, rowWise: boolean): FigureRun | undefined {
  for (let k = from + 1; k < to; k++) {
    if (!FIGURE.test(ts[k]!.key)) continue;
    let end = k;
    while (end < to && FIGURE.test(ts[end]!.key) && (end === k || !ts[end]!.lineStart)) end++;
    const endsLine = end >= to || ts[end]!.lineStart;
    if (end - k >= 2 || (rowWise && endsLine)) return { start: k, end };
    k = end - 1;
  }
  return undefined;
}

const TARGET_WORD =
  /^(显著|明显|逐步|有效|普遍|基本|全面|持续|稳步|进一步|不断|大幅|及时|按时|按期|运行|规范|合格|达标|良好|较好|提高|提升|改善|优|良|中|差)/;
const ACHIEVED = /^(已|未|基本|部分|全部|全面)?(达成|完成|达到)/;
const COMPARATOR = /^([≥≤><=＞＜≧≦]|(不)?(大于|小于|低于|高于|少于|超过)|达到)/;
const RANGE = /^\d+(\.\d+)?[-~～至]\d/;

/** Name, 年度指标值, 实际完成值, 分值 and 得分 of one indicator, its figures at `run`. */
function fillIndicator(ts: readonly Token[], from: number, run: FigureRun, cells: string[]): void {
  const figures = ts.slice(run.start, run.end).map((t) => t.text);
  let text = ts.slice(from, run.start);
  const quantTarget = () => text.findLastIndex((t) => COMPARATOR.test(t.key) || RANGE.test(t.key));
  let actual: string | undefined;
  let target: string | undefined;
  if (figures.length >= 3) {
    [cells[6], cells[7]] = figures.slice(-2) as [string, string];
    actual = figures.at(-3);
    if (figures.length > 3) target = figures.slice(0, -3).join(' ');
  } else {
    const t = quantTarget();
    const endsTarget = t >= 0 && t >= text.length - 2 && !ACHIEVED.test(text.at(-1)!.key);
    if (endsTarget && figures.length === 2) [actual, cells[6]] = figures as [string, string];
    else if (figures.length === 2) [cells[6], cells[7]] = figures as [string, string];
    else cells[6] = figures[0]!;
  }
  if (actual === undefined) {
    const n = textualActual(text);
    const own = text.slice(text.length - n);
    actual = words(own, 0, n);
    text = text.slice(0, text.length - n);
    // Target and actual printed alike (普遍开展 普遍开展): the same words twice.
    if (target === undefined && n > 0 && keyOf(text.slice(-n)) === keyOf(own)) {
      target = actual;
      text = text.slice(0, text.length - n);
    }
  }
  if (target === undefined) {
    const t = quantTarget();
    const n = t >= 0 ? text.length - t : qualitativeTarget(text);
    target = words(text, text.length - n, text.length);
    text = text.slice(0, text.length - n);
  }
  cells[3] = words(text, 0, text.length);
  cells[4] = target;
  cells[5] = actual;
}

/** How many tokens at the end of the text are a textual 实际完成值: a 完成档次, a repeated target, or one word. */
function textualActual(text: readonly Token[]): number {
  for (let n = Math.min(4, Math.floor(text.length / 2)); n >= 1; n--) {
    if (keyOf(text.slice(-n)) === keyOf(text.slice(-2 * n, -n))) return n;
  }
  for (let n = Math.min(3, text.length - 1); n >= 1; n--) {
    if (ACHIEVED.test(keyOf(text.slice(-n))) && ACHIEVED.test(text.at(-n)!.key)) return n;
  }
  return Math.min(1, text.length);
}

const keyOf = (ts: readonly Token[]): string => ts.map((t) => t.key).join('');

/** The tokens at the end that form a qualitative target: the longest that starts with a target word. */
function qualitativeTarget(text: readonly Token[]): number {
  let found = 0;
  for (let n = 1; n <= Math.min(3, text.length - 1); n++) {
    const joined = keyOf(text.slice(-n));
    if (joined.length <= 10 && TARGET_WORD.test(joined)) found = n;
  }
  return found || (text.length > 1 ? 1 : 0);
}
