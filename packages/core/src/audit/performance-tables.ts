/**
 * 项目支出绩效自评表 read back from a published document: each grid recognition marked as a
 * performance table becomes a ProjectData of the performance model (published scores kept as
 * printed) and is checked with the performance rules, every finding placed at the table, row
 * (三级指标) and column it is about.
 *
 * Printed tables are read by meaning, not by position alone: text extracted from a PDF shifts cells
 * left when a merged 一级/二级 cell is empty, prints a merged 一级 cell only once (or not at all),
 * splits a tall cell's text over neighbouring rows, and wraps names inside a cell. So a row's 一级 /
 * 二级 cells are recognised by their names (产出指标, 数量指标, 社会效益指标 …), the other fields are
 * taken relative to the 三级指标 cell with the header's offsets, and a row that carries no 分值 is
 * the continuation of the row above.
 */
import { FactSet } from '../fact-set';
import type { DataPackage } from '../package';
import { checkPerformance } from '../performance/check';
import type { PerformanceProfile } from '../performance/profile';
import type {
  FundRowData,
  FundsData,
  IndicatorData,
  PerformanceData,
  ProjectData,
  SummaryData,
  TargetData,
} from '../performance/schema';
import { projectSchema } from '../performance/schema';
import { parseTargetText } from '../performance/text';
import type { Finding } from '../rules/run';
import type { PerformanceCheck } from './audit';
import type { AuditFinding, AuditLocation } from './findings';
import type { RawDocument, RawLocation } from './raw';
import type { PerformanceGrid } from './recognize';
import { normalizeText, stripMarkup } from './text';

/** Where a part of a parsed table was printed. */
export interface PerformancePlace {
  location: RawLocation;
  /** Row as printed: 三级指标, 年度资金总额, 总分 …. */
  row: string;
  column?: string;
}

export interface ParsedProjectTable {
  grid: PerformanceGrid;
  /** 项目名称 as read, also when the rest of the table could not be. */
  name?: string;
  /** The table as data, published figures as printed; absent when it could not be read. */
  project?: ProjectData;
  /**
   * Places by the part of a check finding's address after the project name: '' (the table),
   * an indicator name, 执行率, 执行率/<资金行>, 资金/<栏>, <一级>, <一级>/<二级>, 总分分值, 总分.
   */
  places: Map<string, PerformancePlace>;
  /** What could not be read, in Chinese; with no project, why the table was not read at all. */
  problems: string[];
}

export interface ParseProjectOptions {
  /** The year printed with the table (（2024 年度）), when known. */
  year?: number;
}

// ---------------------------------------------------------------------------------------------
// Text helpers

const CJK = /[\u3000-\u303f\u3400-\u9fff\uff00-\uffef]/;
const ASCII_LETTER = /[A-Za-z]/;

/** A cell as printed, without markup and with single spaces. */
function clean(cell: string | undefined): string {
  return stripMarkup(cell ?? '')
    .replace(/\s+/g, ' ')
    .trim();
}

/**
 * Removes the spaces a PDF leaves where a cell wrapped: between Chinese characters, digits and
 * brackets; a space next to a Latin word (DIP 支付方式) is kept, as printed.
 */
function joinName(text: string): string {
  return clean(text).replace(/ +/g, (space, offset: number, whole: string) => {
    const before = whole[offset - 1] ?? '';
    const after = whole[offset + space.length] ?? '';
    return ASCII_LETTER.test(before) || ASCII_LETTER.test(after) ? ' ' : '';
  });
}

/** Spaces only between two Chinese characters go (运行 平稳); "≤25 万元" stays as printed. */
function joinCjk(text: string): string {
  return clean(text).replace(/ +/g, (space, offset: number, whole: string) => {
    const before = whole[offset - 1] ?? '';
    const after = whole[offset + space.length] ?? '';
    return CJK.test(before) && CJK.test(after) ? '' : ' ';
  });
}

/** Two pieces of a wrapped text: no space between Chinese characters. */
function joinPieces(a: string, b: string): string {
  if (!a) return b;
  if (!b) return a;
  return CJK.test(a.at(-1)!) && CJK.test(b[0]!) ? `${a}${b}` : `${a} ${b}`;
}

const norm = (cell: string | undefined): string => normalizeText(cell ?? '');
const isBlank = (cell: string | undefined): boolean => norm(cell) === '';
const DASH = /^[—–\-－/／]+$/;

/** A printed figure as decimal text: "2,300万元" → "2300", "99.95%" → "99.95"; undefined if none. */
function figure(cell: string | undefined, strip: RegExp): string | undefined {
  const t = norm(cell).replace(/,/g, '').replace(strip, '');
  if (t === '' || DASH.test(t)) return undefined;
  return /^\d+(\.\d+)?$/.test(t) ? t : undefined;
}

const MONEY_SUFFIX = /(万元|万|元)$/;
const PERCENT_SUFFIX = /%$/;
const POINTS_SUFFIX = /分$/;

/** A figure printed in a cell that is not one (neither blank nor a dash). */
function unreadable(cell: string | undefined, strip: RegExp): boolean {
  const t = norm(cell);
  return t !== '' && !DASH.test(t) && figure(cell, strip) === undefined;
}

// ---------------------------------------------------------------------------------------------
// Indicator groups

/** "产出指标（50分）" → 产出指标 and 50. */
function groupCell(cell: string): { name: string; points?: string } {
  const t = norm(cell);
  const m = /^(.*?)\(([\d.]+)分?\)$/.exec(t);
  return m ? { name: m[1]!, points: m[2]! } : { name: t };
}

const LEVEL1 = /^(产出|效益|满意度|成本)指标$/;
const LEVEL2 =
  /^(数量|质量|时效|成本|经济成本|社会成本|生态环境成本|经济效益|社会效益|生态效益|可持续影响|服务对象满意度)(指标)?$/;

/** The 一级指标 a 二级指标 belongs to by its name; undefined for 成本指标 (2020 templates put it under 产出). */
function familyOf(level2: string): string | undefined {
  if (/^(数量|质量|时效)/.test(level2)) return '产出指标';
  if (/^(经济成本|社会成本|生态环境成本)/.test(level2)) return '成本指标';
  if (/^(经济效益|社会效益|生态效益|可持续影响)/.test(level2)) return '效益指标';
  if (/满意度/.test(level2)) return '满意度指标';
  return undefined;
}

// ---------------------------------------------------------------------------------------------
// Columns

interface Columns {
  [key: string]: number | undefined;
}

function findColumns(row: readonly string[], patterns: Record<string, RegExp>): Columns {
  const cols: Columns = {};
  row.forEach((cell, i) => {
    const t = norm(cell);
    if (!t) return;
    for (const [key, re] of Object.entries(patterns)) {
      if (cols[key] === undefined && re.test(t)) {
        cols[key] = i;
        break;
      }
    }
  });
  return cols;
}

const FUND_HEADER = {
  initial: /^年初预算/,
  final: /^全年预算/,
  executed: /^全年执行/,
  points: /^分值/,
  rate: /^执行率/,
  score: /^得分/,
};

const INDICATOR_HEADER = {
  level1: /^一级指标/,
  level2: /^二级指标/,
  name: /^三级指标/,
  target: /指标值$|^年度指标/,
  actual: /实际完成值|^实际值|^完成值/,
  points: /^分值/,
  score: /^得分/,
  deviation: /偏差/,
};

const FUND_ROWS: [keyof FundsData, RegExp][] = [
  ['total', /资金总额|^合计/],
  ['fiscal', /财政拨款|预算资金|财政资金/],
  ['carryover', /上年结转/],
  ['other', /其他资金/],
];

// ---------------------------------------------------------------------------------------------

interface IndicatorDraft {
  data: Omit<IndicatorData, 'target'> & { targetText: string };
  nameCol: number;
  gridRow: number;
  /** A continuation row added to the 偏差 text. */
  deviationContinued: boolean;
}

/** Reads one 项目支出绩效自评表 grid. Never throws: what it cannot read is in `problems`. */
export function parseProjectTable(
  grid: PerformanceGrid,
  options: ParseProjectOptions = {},
): ParsedProjectTable {
  const places = new Map<string, PerformancePlace>();
  const problems: string[] = [];
  const rows = grid.table.rows;
  const at = (r: number): RawLocation => grid.table.rowLocations[r] ?? grid.location;
  let name = '';
  const fail = (why: string): ParsedProjectTable => ({
    grid,
    ...(name ? { name } : {}),
    places,
    problems: [...problems, why],
  });
  places.set('', { location: grid.location, row: '项目名称' });

  const rowIndex = (test: (normed: string[]) => boolean, from = 0): number => {
    for (let r = from; r < rows.length; r++) if (test(rows[r]!.map(norm))) return r;
    return -1;
  };
  const afterLabel = (row: readonly string[], label: RegExp, skip: RegExp[] = []): string | undefined => {
    const i = row.findIndex((c) => label.test(norm(c)));
    if (i < 0) return undefined;
    for (let j = i + 1; j < row.length; j++) {
      const t = norm(row[j]);
      if (t === '' || skip.some((re) => re.test(t))) continue;
      if (label.test(t)) continue;
      return row[j];
    }
    return undefined;
  };

  // 项目名称, 主管部门, 实施单位.
  const nameRow = rowIndex((r) => r.some((c) => c === '项目名称'));
  const nameCell = nameRow >= 0 ? afterLabel(rows[nameRow]!, /^项目名称$/) : undefined;
  name = nameCell ? joinName(nameCell) : '';
  if (!name) return fail('没有读到“项目名称”');
  places.set('', { location: at(nameRow), row: '项目名称' });
  const project: ProjectData = { name };
  if (options.year !== undefined) project.year = options.year;
  const deptRow = rowIndex((r) => r.some((c) => c === '主管部门'));
  if (deptRow >= 0) {
    const dept = afterLabel(rows[deptRow]!, /^主管部门$/, [/^实施单位$/]);
    const impl = afterLabel(rows[deptRow]!, /^实施单位$/);
    const deptIndex = rows[deptRow]!.findIndex((c) => norm(c) === '实施单位');
    if (dept && (deptIndex < 0 || rows[deptRow]!.indexOf(dept) < deptIndex))
      project.department = joinName(dept);
    if (impl) project.implementer = joinName(impl);
  }

  // 项目资金.
  const fundHeader = rowIndex((r) => r.some((c) => /^年初预算|^全年预算/.test(c)));
  const goalHeader = rowIndex((r) => r.some((c) => c === '预期目标'));
  const indicatorHeader = rowIndex((r) => r.some((c) => /^三级指标/.test(c)));
  if (indicatorHeader < 0) return fail('没有读到绩效指标的表头（一级指标、二级指标、三级指标……）');
  if (fundHeader >= 0) {
    const cols = findColumns(rows[fundHeader]!, FUND_HEADER);
    const valueCols = Object.values(cols).filter((c): c is number => c !== undefined);
    const labelCol = Math.min(...valueCols) - 1;
    const end = [goalHeader, indicatorHeader].filter((r) => r > fundHeader).sort((a, b) => a - b)[0]!;
    const funds: Partial<FundsData> = {};
    for (let r = fundHeader + 1; r < end; r++) {
      const row = rows[r]!;
      const li = row.findIndex((c) => FUND_ROWS.some(([, re]) => re.test(norm(c))));
      if (li < 0) continue;
      const label = norm(row[li]).replace(/^其中:?/, '');
      const key = FUND_ROWS.find(([, re]) => re.test(label))![0];
      if (funds[key]) continue;
      const shift = li - labelCol;
      const cell = (col: keyof typeof FUND_HEADER) =>
        cols[col] === undefined ? undefined : row[cols[col]! + shift];
      const fund: FundRowData & { points?: string; score?: string } = {};
      for (const col of ['initial', 'final', 'executed'] as const) {
        const v = figure(cell(col), MONEY_SUFFIX);
        if (v !== undefined) fund[col] = v;
        else if (unreadable(cell(col), MONEY_SUFFIX))
          problems.push(`「${label}」的${headerText(col)}“${clean(cell(col))}”不是数`);
      }
      const rate = figure(cell('rate'), PERCENT_SUFFIX);
      if (rate !== undefined) fund.rate = rate;
      else if (unreadable(cell('rate'), PERCENT_SUFFIX))
        problems.push(`「${label}」的执行率“${clean(cell('rate'))}”不是数`);
      if (key === 'total') {
        const points = figure(cell('points'), POINTS_SUFFIX);
        const score = figure(cell('score'), POINTS_SUFFIX);
        if (points !== undefined) fund.points = points;
        if (score !== undefined) fund.score = score;
        else if (unreadable(cell('score'), POINTS_SUFFIX))
          problems.push(`预算执行率得分“${clean(cell('score'))}”不是数`);
        places.set('执行率', { location: at(r), row: '年度资金总额', column: '得分' });
      } else if (key === 'fiscal') {
        fund.label = label;
      }
      if (!Object.keys(fund).some((k) => k !== 'label')) continue;
      funds[key] = fund;
      places.set(`执行率/${key === 'fiscal' ? label : rowLabel(key)}`, {
        location: at(r),
        row: key === 'fiscal' ? label : rowLabel(key),
        column: '执行率',
      });
      if (key === 'total') {
        for (const col of ['年初预算数', '全年预算数', '全年执行数'])
          places.set(`资金/${col}`, { location: at(r), row: '年度资金总额', column: col });
      }
    }
    if (funds.total) project.funds = funds as FundsData;
    else if (funds.fiscal || funds.carryover || funds.other)
      problems.push('项目资金中没有读到“年度资金总额”行');
  } else {
    problems.push('没有读到项目资金（年初预算数、全年预算数、全年执行数）');
  }

  // 年度总体目标.
  if (goalHeader >= 0 && goalHeader < indicatorHeader) {
    const header = rows[goalHeader]!;
    const expCol = header.findIndex((c) => norm(c) === '预期目标');
    const actCol = header.findIndex((c) => /^实际完成/.test(norm(c)));
    let expected = '';
    let actual = '';
    for (let r = goalHeader + 1; r < indicatorHeader; r++) {
      const row = rows[r]!;
      let e = expCol >= 0 ? clean(row[expCol]) : '';
      let a = actCol >= 0 ? clean(row[actCol]) : '';
      if (!e && !a) {
        const texts = [...new Set(row.map(clean).filter((c) => c && norm(c) !== '年度总体目标'))];
        [e = '', a = ''] = texts;
      }
      expected = joinPieces(expected, e);
      actual = joinPieces(actual, a);
    }
    if (expected || actual) {
      project.goals = { ...(expected ? { expected } : {}), ...(actual ? { actual } : {}) };
    }
  }

  // 绩效指标.
  const cols = findColumns(rows[indicatorHeader]!, INDICATOR_HEADER);
  const missing = (['name', 'target', 'actual', 'points', 'score'] as const).filter(
    (k) => cols[k] === undefined,
  );
  if (missing.length) {
    return fail(`绩效指标表头缺少${missing.map((k) => `“${headerText(k)}”`).join('、')}栏`);
  }
  const off = (key: string): number | undefined =>
    cols[key] === undefined ? undefined : cols[key]! - cols.name!;
  const offsets = {
    target: off('target')!,
    actual: off('actual')!,
    points: off('points')!,
    score: off('score')!,
    deviation: off('deviation'),
  };
  const drafts: IndicatorDraft[] = [];
  const groups = new Map<string, { level1: string; level2?: string; points: string }>();
  let level1: string | undefined;
  let level2: string | undefined;
  let inferred = false;
  let totalRow = -1;
  for (let r = indicatorHeader + 1; r < rows.length; r++) {
    const row = rows[r]!;
    const first = row.findIndex((c) => !isBlank(c));
    if (first < 0) continue;
    if (/^(总分|合计|总计|综合得分)/.test(norm(row[first]))) {
      totalRow = r;
      break;
    }
    // A header repeated where the table continues on the next page.
    if (row.some((c) => /^三级指标/.test(norm(c)))) continue;
    let i = first;
    if (norm(row[i]) === '绩效指标') i = nextFilled(row, i + 1);
    // Up to two 一级/二级 cells, by their names.
    const levels: { name: string; points?: string; col: number }[] = [];
    while (i >= 0 && i < row.length && levels.length < 2) {
      const g = groupCell(row[i]!);
      if (!LEVEL1.test(g.name) && !LEVEL2.test(g.name)) break;
      levels.push({ ...g, col: i });
      i = nextFilled(row, i + 1);
    }
    if (levels.length === 2) {
      level1 = levels[0]!.name;
      level2 = levels[1]!.name;
      inferred = false;
    } else if (levels.length === 1) {
      const only = levels[0]!;
      const asLevel1 =
        LEVEL1.test(only.name) &&
        (!LEVEL2.test(only.name) ||
          (only.col !== cols.level2 && (only.col === cols.level1 || !level1?.startsWith('产出'))));
      if (asLevel1) {
        level1 = only.name;
        level2 = undefined;
        inferred = false;
      } else {
        level2 = only.name;
        const family = familyOf(only.name);
        if (family && family !== level1) {
          level1 = family;
          inferred = true;
        }
        if (!level1) {
          level1 = family ?? only.name;
          inferred = true;
        }
      }
    }
    for (const [k, g] of levels.entries()) {
      if (g.points === undefined || !level1) continue;
      const isL2 = levels.length === 2 ? k === 1 : level2 === g.name;
      const key = isL2 ? `${level1}/${g.name}` : level1;
      if (!groups.has(key)) {
        groups.set(key, { level1, ...(isL2 ? { level2: g.name } : {}), points: g.points });
        places.set(key, { location: at(r), row: g.name, column: isL2 ? '二级指标' : '一级指标' });
      }
    }
    if (i < 0 || i >= row.length) continue;
    const pointsCell = row[i + offsets.points];
    const points = figure(pointsCell, POINTS_SUFFIX);
    if (points === undefined) {
      // No 分值 here: the rest of the row above (a wrapped name, a tall 偏差 cell).
      const prev = drafts.at(-1);
      if (!prev) {
        if (!levels.length) problems.push(`第 ${r + 1} 行“${clean(row[i])}”不是指标行，已略过`);
        continue;
      }
      for (let k = i; k < row.length; k++) {
        const text = clean(row[k]);
        if (!text) continue;
        const rel = k - prev.nameCol;
        if (rel === 0) prev.data.name = joinName(joinPieces(prev.data.name, text));
        else if (rel === offsets.target)
          prev.data.targetText = joinCjk(joinPieces(prev.data.targetText, text));
        else if (rel === offsets.actual) prev.data.actual = joinCjk(joinPieces(prev.data.actual ?? '', text));
        else if (rel === offsets.deviation) {
          prev.data.deviation = joinPieces(prev.data.deviation ?? '', text);
          prev.deviationContinued = true;
        } else problems.push(`第 ${r + 1} 行的“${text}”无法归入指标“${prev.data.name}”的任何一栏，已略过`);
      }
      continue;
    }
    if (!level1) {
      problems.push(`指标“${joinName(row[i]!)}”没有一级指标`);
      continue;
    }
    const name = joinName(row[i]!);
    const scoreCell = row[i + offsets.score];
    const score = figure(scoreCell, POINTS_SUFFIX);
    if (score === undefined && unreadable(scoreCell, POINTS_SUFFIX))
      problems.push(`指标“${name}”的得分“${clean(scoreCell)}”不是数，按未填得分处理`);
    const actual = joinCjk(row[i + offsets.actual] ?? '');
    const deviation = offsets.deviation === undefined ? '' : clean(row[i + offsets.deviation]);
    drafts.push({
      data: {
        level1,
        ...(level2 ? { level2 } : {}),
        name,
        points,
        targetText: joinCjk(row[i + offsets.target] ?? ''),
        ...(actual ? { actual } : {}),
        ...(score !== undefined ? { score } : {}),
        ...(deviation ? { deviation } : {}),
        ...(inferred ? { note: `一级指标“${level1}”未印在本行，按二级指标“${level2}”归入` } : {}),
      },
      nameCol: i,
      gridRow: r,
      deviationContinued: false,
    });
  }
  moveSpilledDeviations(drafts);

  const indicators: IndicatorData[] = [];
  for (const d of drafts) {
    const { targetText, ...data } = d.data;
    if (!targetText) problems.push(`指标“${data.name}”没有年度指标值`);
    indicators.push({ ...data, target: targetOf(targetText, data.name) });
    if (!places.has(data.name))
      places.set(data.name, { location: at(d.gridRow), row: data.name, column: '得分' });
  }
  if (!indicators.length) return fail('没有读到任何三级指标行');
  project.indicators = indicators;
  if (groups.size) project.groups = [...groups.values()];
  if (cols.level2 === undefined) problems.push('绩效指标表头没有“二级指标”栏');

  // 总分 and 评价等级.
  if (totalRow >= 0) {
    const row = rows[totalRow]!;
    let points: string | undefined;
    let score: string | undefined;
    const atPoints = figure(row[cols.points!], POINTS_SUFFIX);
    const atScore = figure(row[cols.score!], POINTS_SUFFIX);
    if (atPoints !== undefined && atScore !== undefined) {
      points = atPoints;
      score = atScore;
    } else {
      const numbers = row
        .map((c, k) => ({ v: figure(c, POINTS_SUFFIX), k }))
        .filter((n): n is { v: string; k: number } => n.v !== undefined);
      if (numbers.length >= 2) [points, score] = [numbers[0]!.v, numbers[1]!.v];
      else if (numbers.length === 1) {
        if (numbers[0]!.k === cols.points) points = numbers[0]!.v;
        else score = numbers[0]!.v;
      }
    }
    if (points !== undefined || score !== undefined) {
      project.total = {
        ...(points !== undefined ? { points } : {}),
        ...(score !== undefined ? { score } : {}),
      };
    }
    places.set('总分', { location: at(totalRow), row: '总分', column: '得分' });
    places.set('总分分值', { location: at(totalRow), row: '总分', column: '分值' });
    for (let r = totalRow; r < rows.length; r++) {
      const grade = afterLabel(rows[r]!, /等级$/);
      if (grade && /^(优秀?|良好?|中|差|合格|不合格|及格|不及格)$/.test(norm(grade))) {
        project.grade = norm(grade);
        places.set('等级', { location: at(r), row: '评价等级' });
        break;
      }
    }
  } else {
    problems.push('没有读到“总分”行');
  }

  const valid = projectSchema.safeParse(project);
  if (!valid.success) {
    return fail(
      `读出的数据不合规：${valid.error.issues
        .slice(0, 3)
        .map((i) => `${i.path.join('.')} ${i.message}`)
        .join('；')}`,
    );
  }
  return { grid, name, project, places, problems };
}

function nextFilled(row: readonly string[], from: number): number {
  for (let i = from; i < row.length; i++) if (!isBlank(row[i])) return i;
  return -1;
}

function headerText(key: string): string {
  const labels: Record<string, string> = {
    initial: '年初预算数',
    final: '全年预算数',
    executed: '全年执行数',
    name: '三级指标',
    target: '年度指标值',
    actual: '实际完成值',
    points: '分值',
    score: '得分',
  };
  return labels[key] ?? key;
}

function rowLabel(key: keyof FundsData): string {
  return { total: '年度资金总额', fiscal: '当年财政拨款', carryover: '上年结转资金', other: '其他资金' }[key];
}

const SENTENCE_END = /[。．.!！?？;；]$/;

/**
 * A tall 偏差 cell of a PDF table is centred on its row, so its first line lands in the row above
 * and its last in a line of its own below. When the row below received such a continuation, had no
 * 偏差 of its own, and the row above holds an unfinished sentence, the text is the lower row's.
 */
function moveSpilledDeviations(drafts: IndicatorDraft[]): void {
  for (let k = 1; k < drafts.length; k++) {
    const cur = drafts[k]!;
    const prev = drafts[k - 1]!;
    if (!cur.deviationContinued || !prev.data.deviation || SENTENCE_END.test(prev.data.deviation)) continue;
    // A deducted row above explains its own deduction.
    if (prev.data.score !== undefined && Number(prev.data.score) < Number(prev.data.points)) continue;
    cur.data.deviation = joinPieces(prev.data.deviation, cur.data.deviation ?? '');
    cur.data.note = joinNotes(
      cur.data.note,
      `偏差原因分析印在上一行“${prev.data.name}”与下一行，按内容归入本行`,
    );
    delete prev.data.deviation;
  }
}

function joinNotes(a: string | undefined, b: string): string {
  return a ? `${a}；${b}` : b;
}

/** 年度指标值 as printed → the target of the model. A bare 0 is a ceiling; the unit may be in the name. */
function targetOf(text: string, name: string): TargetData {
  const parsed = parseTargetText(text);
  const nameUnit = /[(（]\s*([^()（）\d]{1,4})\s*[)）]\s*$/.exec(name)?.[1];
  if (parsed.kind === 'qual') {
    // "未成年人550成年人590……": figures without one comparison.
    if (/\d/.test(text)) return { text, kind: 'quantOther', ...(nameUnit ? { unit: nameUnit } : {}) };
    return { text, kind: 'qual' };
  }
  const unit = parsed.unit ?? nameUnit;
  const kind = parsed.bare && parsed.value !== undefined && Number(parsed.value) === 0 ? 'le' : parsed.kind;
  return {
    text,
    kind,
    ...(parsed.value !== undefined ? { value: parsed.value } : {}),
    ...(parsed.min !== undefined ? { min: parsed.min } : {}),
    ...(parsed.max !== undefined ? { max: parsed.max } : {}),
    ...(unit ? { unit } : {}),
  };
}

// ---------------------------------------------------------------------------------------------
// Checking

export interface PerformanceAuditContext {
  year: number;
  /** The document, to read the year printed with each table (（2024 年度）). */
  raw?: RawDocument;
}

export interface PerformanceAuditResult {
  tables: ParsedProjectTable[];
  findings: AuditFinding[];
}

/**
 * Whether a performance finding on a package can also be found in a printed document: not the
 * share of 项目支出 (P-R22; the narrative check N-17 holds it against the printed tables) nor the
 * defects of the profile's whole-department indicator system itself (P-R28, P-R01@整体/…), which
 * are no part of any document.
 */
export function visibleInPrint(findingId: string): boolean {
  return !findingId.startsWith('P-R22@') && !/^P-R(28|01)@整体\//.test(findingId);
}

const PARSE_RULES = {
  'P-P01': '绩效自评表能够读取',
  'P-P02': '同一项目的自评表只印一次',
} as const;

/**
 * Parses every performance grid and checks the projects read with the performance rules; a table
 * printed twice (a 附件 reprint) is checked once. Findings are placed at the table, row and column.
 */
export function auditPerformanceTables(
  grids: readonly PerformanceGrid[],
  profile: PerformanceProfile,
  context: PerformanceAuditContext,
): PerformanceAuditResult {
  const findings: AuditFinding[] = [];
  const tables: ParsedProjectTable[] = [];
  const byName = new Map<string, ParsedProjectTable>();
  for (const grid of joinContinuations(grids)) {
    let parsed: ParsedProjectTable;
    const year = context.raw ? printedYear(context.raw, grid) : undefined;
    try {
      parsed = parseProjectTable(grid, year !== undefined ? { year } : {});
    } catch (error) {
      parsed = { grid, places: new Map(), problems: [`读取时出错：${(error as Error).message}`] };
    }
    tables.push(parsed);
    const what = tableName(grid, parsed.name ?? grid.project);
    if (!parsed.project) {
      // 部门整体支出绩效评价表 has no 项目名称: it is known, not a defect, and not read item by item.
      const isProject = !/整体/.test(normalizeText(grid.title)) || parsed.name !== undefined;
      findings.push({
        id: `P-P01@${grid.location.page ?? ''}:${grid.location.line ?? grid.blockIndex}`,
        rule: 'P-P01',
        severity: isProject ? 'warning' : 'info',
        category: 'performance',
        title: PARSE_RULES['P-P01'],
        location: { ...grid.location, tableNumber: what },
        message: isProject
          ? `${what}无法读取：${parsed.problems.join('；')}；该表未按绩效规则核对`
          : `${what}是部门整体绩效评价表，不是项目支出绩效自评表，暂不逐项核对（${parsed.problems.join('；')}）`,
      });
      continue;
    }
    const key = normalizeText(parsed.project.name);
    const first = byName.get(key);
    if (first?.project) {
      const differences = projectDifferences(first.project, parsed.project);
      findings.push({
        id: `P-P02@${parsed.project.name}~${grid.location.line ?? grid.blockIndex}`,
        rule: 'P-P02',
        severity: differences.length ? 'warning' : 'info',
        category: 'performance',
        title: PARSE_RULES['P-P02'],
        location: { ...grid.location, tableNumber: what },
        found: what,
        message: differences.length
          ? `项目“${parsed.project.name}”的自评表印了两次，两处不一致：${differences.slice(0, 5).join('；')}${differences.length > 5 ? ` 等 ${differences.length} 处` : ''}；只按第一张核对`
          : `项目“${parsed.project.name}”的自评表重复印出（与${locationWords(first.grid.location)}的一张相同），只核对一次`,
      });
      continue;
    }
    byName.set(key, parsed);
    if (parsed.problems.length) {
      findings.push({
        id: `P-P01@${parsed.project.name}`,
        rule: 'P-P01',
        severity: 'info',
        category: 'performance',
        title: PARSE_RULES['P-P01'],
        location: { ...grid.location, tableNumber: what },
        message: `${what}有部分内容未能读取：${parsed.problems.join('；')}`,
      });
    }
  }
  const checked = [...byName.values()];
  if (!checked.length) return { tables, findings };
  const statements = context.raw ? readPerformanceStatements(context.raw) : {};
  // A stated grade is "without a score table" only when no whole-department table was printed.
  const wholeTable = grids.some((g) => /整体/.test(normalizeText(g.title)));
  const performance: PerformanceData = {
    projects: checked.map((t) => t.project!),
    ...(statements.summary ? { summary: statements.summary.data } : {}),
    ...(statements.wholeGrade && !wholeTable
      ? { wholeDepartment: { published: { grade: statements.wholeGrade.grade } } }
      : {}),
  };
  // The whole-department indicator system is scored from the package's facts, which a printed
  // document does not give in full; what the print states is checked without it (P-R26).
  const printed: PerformanceProfile = { ...profile, systems: new Map() };
  delete printed.defaultSystem;
  const pkg = packageOf(performance, context.year, profile.id);
  for (const f of checkPerformance(pkg, printed)) findings.push(placeFinding(f, checked, statements));
  return { tables, findings };
}

/**
 * A grid without a 项目名称 right after a project's grid is the rest of that table (a page break
 * the reader did not join): its rows are appended.
 */
function joinContinuations(grids: readonly PerformanceGrid[]): PerformanceGrid[] {
  const out: PerformanceGrid[] = [];
  const named = (g: PerformanceGrid) =>
    g.table.rows.slice(0, 4).some((r) => r.some((c) => norm(c) === '项目名称'));
  for (const grid of grids) {
    const prev = out.at(-1);
    if (prev && named(prev) && !named(grid) && !/整体/.test(normalizeText(grid.title))) {
      out[out.length - 1] = {
        ...prev,
        table: {
          ...prev.table,
          rows: [...prev.table.rows, ...grid.table.rows],
          rowLocations: [
            ...prev.table.rows.map((_, i) => prev.table.rowLocations[i] ?? prev.location),
            ...grid.table.rows.map((_, i) => grid.table.rowLocations[i] ?? grid.location),
          ],
        },
      };
      continue;
    }
    out.push(grid);
  }
  return out;
}

export interface PerformanceStatement<T> {
  data: T;
  location: RawLocation;
  sentence: string;
}

export interface PerformanceStatements {
  /** 绩效自评 of N projects, 涉及资金 X 万元, N 个项目评价结果为“优” (预算绩效情况说明). */
  summary?: PerformanceStatement<SummaryData>;
  /** 部门整体支出绩效评价结果为“优”. */
  wholeGrade?: { grade: string; location: RawLocation; sentence: string };
}

const GRADE = '(优秀|良好|优|良|中|差)';

/**
 * What 预算绩效情况说明 states about the self-evaluations, for P-R08 and P-R26. The share of 项目支出
 * (占…的 X%) is left to the narrative checks, which hold it against the printed tables.
 */
export function readPerformanceStatements(raw: RawDocument): PerformanceStatements {
  const out: PerformanceStatements = {};
  for (const block of raw.blocks) {
    if (block.kind !== 'text') continue;
    const text = stripMarkup(block.text).replace(/\s+/g, '');
    for (const sentence of text.split(/(?<=。)/)) {
      if (!out.summary) {
        const count =
          /(\d+)个(?:项目)?(?:全面)?(?:开展|进行)了?(?:项目)?绩效自评/.exec(sentence) ??
          /对(\d+)个项目(?:全面)?(?:开展|进行)了?绩效自评/.exec(sentence);
        if (count) {
          const data: SummaryData = { projectCount: Number(count[1]) };
          const amount = /涉及资金([\d,]+(?:\.\d+)?)万元/.exec(sentence);
          if (amount) data.amount = amount[1]!.replace(/,/g, '');
          // The grade counts follow in the next sentence of the same paragraph. Counts by the rule
          // scores (按评分规则计分, as juesuan writes them) are not the published grades P-R08 counts.
          const grades: NonNullable<SummaryData['grades']> = {};
          const byRule = /按(?:评分|计分)?规则/;
          const pattern = new RegExp(
            `(\\d+)个项目(?:的)?(?:评价|自评)(?:结果|等级)为[“"]?${GRADE}[”"]?`,
            'g',
          );
          for (const m of text.matchAll(pattern)) {
            const own = text.slice(text.lastIndexOf('。', m.index) + 1, m.index);
            if (byRule.test(own)) continue;
            const grade = gradeKey(m[2]!);
            if (grade) grades[grade] = (grades[grade] ?? 0) + Number(m[1]);
          }
          if (Object.keys(grades).length) data.grades = grades;
          const stated = text
            .split(/(?<=。)/)
            .filter((t) => t === sentence || new RegExp(pattern.source).test(t));
          out.summary = { data, location: block.location, sentence: stated.join('') };
        }
      }
      if (!out.wholeGrade) {
        const m = new RegExp(`整体支出绩效(?:自我|自)?评价[^。]*?结果(?:为|:|：)[“"]?${GRADE}`).exec(
          sentence,
        );
        if (m) out.wholeGrade = { grade: gradeKey(m[1]!) ?? m[1]!, location: block.location, sentence };
      }
    }
  }
  return out;
}

function gradeKey(text: string): '优' | '良' | '中' | '差' | undefined {
  const g = text[0];
  return g === '优' || g === '良' || g === '中' || g === '差' ? g : undefined;
}

/** The hook for auditDocument: the profile's performance rules, loaded by profile id. */
export function performanceTableCheck(
  load: (profileId: string) => PerformanceProfile | undefined,
): PerformanceCheck {
  return (tables, context) => {
    const profile = load(context.profile.id);
    if (!profile) {
      return [
        {
          id: 'P-P01@口径',
          rule: 'P-P01',
          severity: 'info',
          category: 'performance',
          title: PARSE_RULES['P-P01'],
          location: tables[0]?.location ?? {},
          message: `口径 ${context.profile.id} 没有绩效计分规则（performance.json），${tables.length} 张绩效自评表未核对`,
        },
      ];
    }
    return auditPerformanceTables(tables, profile, {
      year: context.year,
      ...(context.raw ? { raw: context.raw } : {}),
    }).findings;
  };
}

/**
 * Only what checkPerformance reads: the projects, the statements, the year. No facts: the share of
 * 项目支出 (P-R22) is what the narrative checks hold against the printed tables (N-17).
 */
function packageOf(performance: PerformanceData, year: number, profile: string): DataPackage {
  return {
    department: { name: '', year, profile },
    amounts: { unit: '万元', decimals: 2 },
    units: [],
    facts: new FactSet(),
    codeNames: { functional: {}, economic: {} },
    narrative: { duties: [], organization: [], reasons: {} },
    explanations: {},
    performance,
    consolidated: false,
  };
}

function tableName(grid: PerformanceGrid, project: string | undefined): string {
  const title = normalizeText(grid.title).includes('项目支出绩效自评表')
    ? '项目支出绩效自评表'
    : clean(grid.title);
  return project ? `${title}（${project}）` : title;
}

function locationWords(location: RawLocation): string {
  return location.page !== undefined
    ? `第 ${location.page} 页`
    : location.line !== undefined
      ? `第 ${location.line} 行`
      : '前面';
}

function printedYear(raw: RawDocument, grid: PerformanceGrid): number | undefined {
  for (let j = grid.blockIndex - 1, seen = 0; j >= 0 && seen < 4; j--, seen++) {
    const block = raw.blocks[j];
    if (block?.kind !== 'text') break;
    const m = /(20\d{2})\s*年度/.exec(block.text);
    if (m) return Number(m[1]);
  }
  return undefined;
}

/** Where a check finding is: its address is `<project>` or `<project>/<part>`. */
function placeFinding(
  f: Finding,
  tables: readonly ParsedProjectTable[],
  statements: PerformanceStatements = {},
): AuditFinding {
  const where = f.id.slice(f.id.indexOf('@') + 1).replace(/~\d+$/, '');
  const statement = where.startsWith('项目自评/')
    ? statements.summary
    : where === '整体' || where.startsWith('整体/')
      ? statements.wholeGrade
      : undefined;
  let table: ParsedProjectTable | undefined;
  let part = '';
  for (const t of tables) {
    const name = t.project!.name;
    if (
      (where === name || where.startsWith(`${name}/`)) &&
      (!table || name.length > table.project!.name.length)
    ) {
      table = t;
      part = where === name ? '' : where.slice(name.length + 1);
    }
  }
  let location: AuditLocation = statement
    ? { ...statement.location, sentence: statement.sentence, section: '预算绩效情况说明' }
    : {};
  if (table) {
    const what = tableName(table.grid, table.project!.name);
    const wholeTable = ['P-R03', 'P-R03.2', 'P-R07'].includes(f.ruleId) && part === '' ? '总分' : part;
    const place =
      table.places.get(wholeTable) ??
      table.places.get(part.replace(/^执行率\/.*$/, '执行率')) ??
      table.places.get('')!;
    const column = columnOf(f.ruleId, part, place.column);
    location = {
      ...place.location,
      tableNumber: what,
      row: { label: place.row },
      ...(column ? { column: { label: column } } : {}),
    };
  }
  return {
    id: f.id,
    rule: f.ruleId,
    severity: f.severity,
    category: 'performance',
    title: f.title,
    location,
    ...(f.expected ? { expected: f.expected.text } : {}),
    ...(f.found ? { found: f.found.text } : {}),
    message: f.message,
    ...(f.rounding ? { rounding: true } : {}),
  };
}

/** The column a rule is about, on an indicator row or the 执行率 row. */
function columnOf(rule: string, part: string, fallback: string | undefined): string | undefined {
  if (part.startsWith('执行率/')) return '执行率';
  if (part === '执行率') return rule === 'P-R05' || rule === 'P-R21' ? '执行率' : '得分';
  if (part.startsWith('资金/')) return part.slice(3);
  if (['P-R13', 'P-R12', 'P-R19'].includes(rule)) return '实际完成值';
  if (['P-R15', 'P-R16'].includes(rule)) return '年度指标值';
  if (rule === 'P-R10') return '偏差原因分析及改进措施';
  return fallback;
}

/** Field by field, what two printings of one project's table disagree on. */
export function projectDifferences(a: ProjectData, b: ProjectData): string[] {
  const out: string[] = [];
  const same = (x: unknown, y: unknown) => {
    const n = (v: unknown) => (typeof v === 'string' ? normalizeText(v) : JSON.stringify(v));
    return n(x) === n(y) || (num(x) !== undefined && num(x) === num(y));
  };
  const num = (v: unknown) => (typeof v === 'string' && /^\d+(\.\d+)?$/.test(v) ? Number(v) : undefined);
  const cmp = (label: string, x: unknown, y: unknown) => {
    if (!same(x, y)) out.push(`${label}：${String(x ?? '（空）')} / ${String(y ?? '（空）')}`);
  };
  for (const k of ['initial', 'final', 'executed', 'rate', 'points', 'score'] as const) {
    cmp(`年度资金总额 ${k}`, a.funds?.total[k], b.funds?.total[k]);
  }
  cmp('总分分值', a.total?.points, b.total?.points);
  cmp('总分', a.total?.score, b.total?.score);
  const ai = a.indicators ?? [];
  const bi = b.indicators ?? [];
  if (ai.length !== bi.length) out.push(`三级指标 ${ai.length} 行 / ${bi.length} 行`);
  for (let k = 0; k < Math.min(ai.length, bi.length); k++) {
    const x = ai[k]!;
    const y = bi[k]!;
    cmp(`第 ${k + 1} 个指标名称`, x.name, y.name);
    cmp(`“${x.name}”年度指标值`, x.target.text, y.target.text);
    cmp(`“${x.name}”实际完成值`, x.actual, y.actual);
    cmp(`“${x.name}”分值`, x.points, y.points);
    cmp(`“${x.name}”得分`, x.score, y.score);
  }
  return out;
}
