/**
 * 项目支出绩效自评表 read from a published document's grids into the performance model, published
 * scores kept as printed, with the place of every part.
 *
 * Printed tables are read by meaning, not by position alone: text extracted from a PDF shifts cells
 * left when a merged 一级/二级 cell is empty, prints a merged 一级 cell only once (or not at all),
 * splits a tall cell's text over neighbouring rows, and wraps names inside a cell. So a row's 一级 /
 * 二级 cells are recognised by their names (产出指标, 数量指标, 社会效益指标 …), the other fields are
 * taken relative to the 三级指标 cell with the header's offsets, and a row that carries no 分值 is
 * the continuation of the row above.
 */
import type { FundRowData, FundsData, IndicatorData, ProjectData, TargetData } from '../performance/schema';
import { projectSchema } from '../performance/schema';
import { parseTargetText } from '../performance/text';
import type { RawLocation } from './raw';
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
export function clean(cell: string | undefined): string {
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

export const norm = (cell: string | undefined): string => normalizeText(cell ?? '');
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
