/**
 * 项目支出绩效自评表 read from a published document's grids into the performance model, published
 * scores kept as printed, with the place of every part.
 *
 * Printed tables are read by meaning, not by position alone: text extracted from a PDF shifts cells
 * left when a merged 一级/二级 cell is empty, prints a merged 一级 cell only once (or not at all),
 * splits a tall cell's text over neighbouring rows, and wraps names inside a cell. So a row's 一级 /
 * 二级 cells are recognised by their names (产出指标, 数量指标, 社会效益指标 …), the other fields are
 * taken relative to the 三级指标 cell with the header's offsets, and a row that carries no 分值 is
 * the continuation of the row above (the indicator rows: performance-indicators.ts; reading cells:
 * performance-text.ts).
 */
import type { FundRowData, FundsData, ProjectData } from '../performance/schema';
import { projectSchema } from '../performance/schema';
import { joinCellPieces } from '../text/normalize';
import {
  INDICATOR_NAME_HEADER,
  type IndicatorLayout,
  indicatorLayout,
  readIndicatorRows,
  type TableReading,
} from './performance-indicators';
import {
  clean,
  figure,
  findColumns,
  headerText,
  joinName,
  MONEY_SUFFIX,
  norm,
  PERCENT_SUFFIX,
  type PerformancePlace,
  POINTS_SUFFIX,
  unreadable,
} from './performance-text';
import type { PerformanceGrid } from './recognize';

export { clean, norm } from './performance-text';

/** Where a part of a parsed table was printed. */
export interface ParsedProjectTable {
  grid: PerformanceGrid;
  /** 项目名称 as read, also when the rest of the table could not be. */
  name?: string;
  /** The table as data, published figures as printed; absent when it could not be read. */
  project?: ProjectData;
  /**
   * Places by the part of a check finding's address after the project name: '' (the table),
   * an indicator name, 执行率, 执行率/<资金行>, 资金/<栏>, <一级>, <一级>/<二级>, 年度总体目标, 总分分值,
   * 总分.
   */
  places: Map<string, PerformancePlace>;
  /** What could not be read, in Chinese; with no project, why the table was not read at all. */
  problems: string[];
}

export interface ParseProjectOptions {
  /** The year printed with the table (（2024 年度）), when known. */
  year?: number;
}

/** Reads one 项目支出绩效自评表 grid. Never throws: what it cannot read is in `problems`. */
export function parseProjectTable(
  grid: PerformanceGrid,
  options: ParseProjectOptions = {},
): ParsedProjectTable {
  const rows = grid.table.rows;
  const t: TableReading = {
    rows,
    places: new Map(),
    problems: [],
    at: (r) => grid.table.rowLocations[r] ?? grid.location,
  };
  let name = '';
  const fail = (why: string): ParsedProjectTable => ({
    grid,
    ...(name ? { name } : {}),
    places: t.places,
    problems: [...t.problems, why],
  });
  t.places.set('', { location: grid.location, row: '项目名称' });

  const nameRow = rowIndex(rows, (r) => r.some((c) => c === '项目名称'));
  const nameCell = nameRow >= 0 ? afterLabel(rows[nameRow]!, /^项目名称$/) : undefined;
  name = nameCell ? joinName(nameCell) : '';
  if (!name) return fail('没有读到“项目名称”');
  t.places.set('', { location: t.at(nameRow), row: '项目名称' });
  const project: ProjectData = { name };
  if (options.year !== undefined) project.year = options.year;
  readUnits(rows, project);

  const fundHeader = rowIndex(rows, (r) => r.some((c) => /^年初预算|^全年预算/.test(c)));
  const goalHeader = rowIndex(rows, (r) => r.some((c) => c === '预期目标'));
  const indicatorHeader = rowIndex(rows, (r) => r.some((c) => INDICATOR_NAME_HEADER.test(c)));
  if (indicatorHeader < 0) return fail('没有读到绩效指标的表头（一级指标、二级指标、三级指标……）');
  if (fundHeader >= 0) {
    // The funds block ends at whichever of the next two blocks comes first.
    const end = [goalHeader, indicatorHeader].filter((r) => r > fundHeader).sort((a, b) => a - b)[0]!;
    const funds = readFunds(t, fundHeader, end);
    if (funds.total) project.funds = funds as FundsData;
    else if (funds.fiscal || funds.carryover || funds.other)
      t.problems.push('项目资金中没有读到“年度资金总额”行');
  } else {
    t.problems.push('没有读到项目资金（年初预算数、全年预算数、全年执行数）');
  }
  if (goalHeader >= 0 && goalHeader < indicatorHeader) {
    const goals = readGoals(rows, goalHeader, indicatorHeader);
    if (goals) project.goals = goals;
    t.places.set('年度总体目标', { location: t.at(goalHeader), row: '年度总体目标', column: '实际完成情况' });
  }

  const layout = indicatorLayout(rows[indicatorHeader]!);
  if ('problem' in layout) return fail(layout.problem);
  const { indicators, groups, totalRow } = readIndicatorRows(t, indicatorHeader, layout);
  if (!indicators.length) return fail('没有读到任何三级指标行');
  project.indicators = indicators;
  if (groups.length) project.groups = groups;
  if (layout.cols.level2 === undefined) t.problems.push('绩效指标表头没有“二级指标”栏');

  if (totalRow >= 0) readTotal(t, totalRow, layout, project);
  else t.problems.push('没有读到“总分”行');

  const invalid = schemaProblem(project);
  if (invalid) return fail(invalid);
  return { grid, name, project, places: t.places, problems: t.problems };
}

/** The first row whose normalized cells pass `test`; -1 if none. */
function rowIndex(rows: readonly (readonly string[])[], test: (normed: string[]) => boolean): number {
  for (let r = 0; r < rows.length; r++) if (test(rows[r]!.map(norm))) return r;
  return -1;
}

/**
 * The first filled cell after a label. A merged cell repeats in the cells it covers (DOCX, HTML),
 * so cells that repeat the label, or are other labels in `skip`, are passed over.
 */
function afterLabel(row: readonly string[], label: RegExp, skip: RegExp[] = []): string | undefined {
  const i = row.findIndex((c) => label.test(norm(c)));
  if (i < 0) return undefined;
  for (let j = i + 1; j < row.length; j++) {
    const t = norm(row[j]);
    if (t === '' || skip.some((re) => re.test(t))) continue;
    if (label.test(t)) continue;
    return row[j];
  }
  return undefined;
}

/**
 * 主管部门 and 实施单位, printed on one row. A 主管部门 left empty must not take the 实施单位 after
 * it, so the department is only the cell found before the 实施单位 label.
 */
function readUnits(rows: readonly (readonly string[])[], project: ProjectData): void {
  const deptRow = rowIndex(rows, (r) => r.some((c) => c === '主管部门'));
  if (deptRow < 0) return;
  const row = rows[deptRow]!;
  const dept = afterLabel(row, /^主管部门$/, [/^实施单位$/]);
  const impl = afterLabel(row, /^实施单位$/);
  const deptIndex = row.findIndex((c) => norm(c) === '实施单位');
  if (dept && (deptIndex < 0 || row.indexOf(dept) < deptIndex)) project.department = joinName(dept);
  if (impl) project.implementer = joinName(impl);
}

// ---------------------------------------------------------------------------------------------
// 项目资金

const FUND_HEADER = {
  initial: /^年初预算/,
  final: /^全年预算/,
  executed: /^全年执行/,
  points: /^分值/,
  rate: /^执行率/,
  score: /^得分/,
};

const FUND_ROWS: [keyof FundsData, RegExp][] = [
  ['total', /资金总额|^合计/],
  ['fiscal', /财政拨款|预算资金|财政资金/],
  ['carryover', /上年结转/],
  ['other', /其他资金/],
];

type FundRow = FundRowData & { points?: string; score?: string };

/** The fund rows between the fund header and `end`, each kind once (the first one printed). */
function readFunds(t: TableReading, header: number, end: number): Partial<FundsData> {
  const cols = findColumns(t.rows[header]!, FUND_HEADER);
  const valueCols = Object.values(cols).filter((c): c is number => c !== undefined);
  // The label sits left of the first figure; a row printed shifted is read by the same shift.
  const labelCol = Math.min(...valueCols) - 1;
  const funds: Partial<FundsData> = {};
  for (let r = header + 1; r < end; r++) {
    const row = t.rows[r]!;
    const li = row.findIndex((c) => FUND_ROWS.some(([, re]) => re.test(norm(c))));
    if (li < 0) continue;
    const label = norm(row[li]).replace(/^其中:?/, '');
    const key = FUND_ROWS.find(([, re]) => re.test(label))![0];
    if (funds[key]) continue;
    const shift = li - labelCol;
    const cell = (col: keyof typeof FUND_HEADER) =>
      cols[col] === undefined ? undefined : row[cols[col]! + shift];
    const fund = readFundRow(t, r, key, label, cell);
    if (!Object.keys(fund).some((k) => k !== 'label')) continue;
    funds[key] = fund;
    placeFundRow(t, r, key, label);
  }
  return funds;
}

/** One fund row's figures; 分值 and 得分 (of 预算执行率) only on the 年度资金总额 row. */
function readFundRow(
  t: TableReading,
  r: number,
  key: keyof FundsData,
  label: string,
  cell: (col: keyof typeof FUND_HEADER) => string | undefined,
): FundRow {
  const fund: FundRow = {};
  for (const col of ['initial', 'final', 'executed'] as const) {
    const v = figure(cell(col), MONEY_SUFFIX);
    if (v !== undefined) fund[col] = v;
    else if (unreadable(cell(col), MONEY_SUFFIX))
      t.problems.push(`「${label}」的${headerText(col)}“${clean(cell(col))}”不是数`);
  }
  const rate = figure(cell('rate'), PERCENT_SUFFIX);
  if (rate !== undefined) fund.rate = rate;
  else if (unreadable(cell('rate'), PERCENT_SUFFIX))
    t.problems.push(`「${label}」的执行率“${clean(cell('rate'))}”不是数`);
  if (key === 'total') {
    const points = figure(cell('points'), POINTS_SUFFIX);
    const score = figure(cell('score'), POINTS_SUFFIX);
    if (points !== undefined) fund.points = points;
    if (score !== undefined) fund.score = score;
    else if (unreadable(cell('score'), POINTS_SUFFIX))
      t.problems.push(`预算执行率得分“${clean(cell('score'))}”不是数`);
    t.places.set('执行率', { location: t.at(r), row: '年度资金总额', column: '得分' });
  } else if (key === 'fiscal') {
    // The fiscal row is named as printed (当年财政拨款, 预算资金 …) in findings.
    fund.label = label;
  }
  return fund;
}

function placeFundRow(t: TableReading, r: number, key: keyof FundsData, label: string): void {
  const row = key === 'fiscal' ? label : rowLabel(key);
  t.places.set(`执行率/${row}`, { location: t.at(r), row, column: '执行率' });
  if (key === 'total') {
    for (const col of ['年初预算数', '全年预算数', '全年执行数'])
      t.places.set(`资金/${col}`, { location: t.at(r), row: '年度资金总额', column: col });
  }
}

function rowLabel(key: keyof FundsData): string {
  return { total: '年度资金总额', fiscal: '当年财政拨款', carryover: '上年结转资金', other: '其他资金' }[key];
}

// ---------------------------------------------------------------------------------------------
// 年度总体目标

/**
 * 预期目标 and 实际完成情况 from the rows between their header and the indicator header, a text
 * wrapped over several rows joined. A row with nothing under either header gives its distinct
 * texts other than the 年度总体目标 label, in order: expected, then actual.
 */
function readGoals(
  rows: readonly (readonly string[])[],
  header: number,
  end: number,
): ProjectData['goals'] | undefined {
  const expCol = rows[header]!.findIndex((c) => norm(c) === '预期目标');
  const actCol = rows[header]!.findIndex((c) => /^实际完成/.test(norm(c)));
  let expected = '';
  let actual = '';
  for (let r = header + 1; r < end; r++) {
    const row = rows[r]!;
    let e = expCol >= 0 ? clean(row[expCol]) : '';
    let a = actCol >= 0 ? clean(row[actCol]) : '';
    if (!e && !a) {
      const texts = [...new Set(row.map(clean).filter((c) => c && norm(c) !== '年度总体目标'))];
      [e = '', a = ''] = texts;
    }
    expected = joinCellPieces(expected, e);
    actual = joinCellPieces(actual, a);
  }
  if (!expected && !actual) return undefined;
  return { ...(expected ? { expected } : {}), ...(actual ? { actual } : {}) };
}

// ---------------------------------------------------------------------------------------------
// 总分 and 评价等级

/** The 总分 row's 分值 and 得分, and the 评价等级 on it or a row below. */
function readTotal(t: TableReading, totalRow: number, layout: IndicatorLayout, project: ProjectData): void {
  const { points, score } = totalFigures(t.rows[totalRow]!, layout);
  if (points !== undefined || score !== undefined) {
    project.total = {
      ...(points !== undefined ? { points } : {}),
      ...(score !== undefined ? { score } : {}),
    };
  }
  t.places.set('总分', { location: t.at(totalRow), row: '总分', column: '得分' });
  t.places.set('总分分值', { location: t.at(totalRow), row: '总分', column: '分值' });
  for (let r = totalRow; r < t.rows.length; r++) {
    const grade = afterLabel(t.rows[r]!, /等级$/);
    if (grade && /^(优秀?|良好?|中|差|合格|不合格|及格|不及格)$/.test(norm(grade))) {
      project.grade = norm(grade);
      t.places.set('等级', { location: t.at(r), row: '评价等级' });
      break;
    }
  }
}

/**
 * 分值 and 得分 of the 总分 row: under the header's columns when both are there; otherwise a merged
 * label moved them, so the row's figures in order (one alone is 分值 only in the 分值 column).
 */
function totalFigures(
  row: readonly string[],
  { cols }: IndicatorLayout,
): { points?: string; score?: string } {
  const atPoints = figure(row[cols.points!], POINTS_SUFFIX);
  const atScore = figure(row[cols.score!], POINTS_SUFFIX);
  if (atPoints !== undefined && atScore !== undefined) return { points: atPoints, score: atScore };
  const numbers = row
    .map((c, k) => ({ v: figure(c, POINTS_SUFFIX), k }))
    .filter((n): n is { v: string; k: number } => n.v !== undefined);
  if (numbers.length >= 2) return { points: numbers[0]!.v, score: numbers[1]!.v };
  if (numbers.length === 1) {
    return numbers[0]!.k === cols.points ? { points: numbers[0]!.v } : { score: numbers[0]!.v };
  }
  return {};
}

/** Why the project read does not fit the model (its first three issues); undefined if it does. */
function schemaProblem(project: ProjectData): string | undefined {
  const valid = projectSchema.safeParse(project);
  if (valid.success) return undefined;
  return `读出的数据不合规：${valid.error.issues
    .slice(0, 3)
    .map((i) => `${i.path.join('.')} ${i.message}`)
    .join('；')}`;
}
