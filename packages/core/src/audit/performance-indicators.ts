/**
 * The 绩效指标 rows of a 项目支出绩效自评表, from the header row to the 总分 row.
 *
 * A PDF prints a merged 一级/二级 cell once (or not at all) and shifts the row left when it is empty,
 * so the 一级/二级 cells are recognised by their names and carried down to the rows below; the other
 * fields are read relative to the 三级指标 cell; a row without 分值 continues the row above.
 */
import type { IndicatorData, ProjectData, TargetData } from '../performance/schema';
import { parseTargetText } from '../performance/text';
import { joinCellPieces } from '../text/normalize';
import {
  type Columns,
  clean,
  figure,
  findColumns,
  headerText,
  isBlank,
  joinCjk,
  joinName,
  nextFilled,
  norm,
  type PerformancePlace,
  POINTS_SUFFIX,
  unreadable,
} from './performance-text';
import type { RawLocation } from './raw';

/** A table being read: its rows, and what reading it has found so far. */
export interface TableReading {
  rows: readonly (readonly string[])[];
  places: Map<string, PerformancePlace>;
  problems: string[];
  /** Where row r was printed. */
  at(r: number): RawLocation;
}

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

/** A header cell, also where the table continues on the next page and repeats it. */
export const INDICATOR_NAME_HEADER = INDICATOR_HEADER.name;

/** The first cell of the row that ends the indicators. */
const TOTAL_ROW = /^(总分|合计|总计|综合得分)/;

/** Where the fields of an indicator row are, relative to its 三级指标 cell. */
interface Offsets {
  target: number;
  actual: number;
  points: number;
  score: number;
  deviation: number | undefined;
}

export interface IndicatorLayout {
  /** Columns of the header row. */
  cols: Columns;
  offsets: Offsets;
}

/**
 * The columns of the indicator header row, or why they cannot be used. Offsets, not columns, because
 * a row whose merged 一级/二级 cells are empty is printed shifted left.
 */
export function indicatorLayout(header: readonly string[]): IndicatorLayout | { problem: string } {
  const cols = findColumns(header, INDICATOR_HEADER);
  const missing = (['name', 'target', 'actual', 'points', 'score'] as const).filter(
    (k) => cols[k] === undefined,
  );
  if (missing.length) {
    return { problem: `绩效指标表头缺少${missing.map((k) => `“${headerText(k)}”`).join('、')}栏` };
  }
  const off = (key: string): number | undefined =>
    cols[key] === undefined ? undefined : cols[key]! - cols.name!;
  return {
    cols,
    offsets: {
      target: off('target')!,
      actual: off('actual')!,
      points: off('points')!,
      score: off('score')!,
      deviation: off('deviation'),
    },
  };
}

type IndicatorGroup = NonNullable<ProjectData['groups']>[number];

interface IndicatorDraft {
  data: Omit<IndicatorData, 'target'> & { targetText: string };
  nameCol: number;
  gridRow: number;
  /** A continuation row added to the 偏差 text. */
  deviationContinued: boolean;
}

/** The 一级/二级 指标 in force: printed on this row or carried down from a row above. */
interface Levels {
  level1: string | undefined;
  level2: string | undefined;
  /** level1 was not printed but taken from the 二级指标's name. */
  inferred: boolean;
}

/** A 一级/二级 cell as printed on a row. */
interface LevelCell {
  name: string;
  points?: string;
  col: number;
}

export interface IndicatorRows {
  indicators: IndicatorData[];
  /** Points printed on 一级/二级 cells, each group once. */
  groups: IndicatorGroup[];
  /** The 总分 row; -1 when the table ends without one. */
  totalRow: number;
}

/** Reads the rows below the indicator header up to the 总分 row. */
export function readIndicatorRows(t: TableReading, header: number, layout: IndicatorLayout): IndicatorRows {
  const { offsets } = layout;
  const drafts: IndicatorDraft[] = [];
  const groups = new Map<string, IndicatorGroup>();
  const levels: Levels = { level1: undefined, level2: undefined, inferred: false };
  let totalRow = -1;
  for (let r = header + 1; r < t.rows.length; r++) {
    const row = t.rows[r]!;
    const first = row.findIndex((c) => !isBlank(c));
    if (first < 0) continue;
    if (TOTAL_ROW.test(norm(row[first]))) {
      totalRow = r;
      break;
    }
    // A header repeated where the table continues on the next page.
    if (row.some((c) => INDICATOR_NAME_HEADER.test(norm(c)))) continue;
    const { cells, nameCol } = levelCells(row, first);
    carryLevels(levels, cells, layout.cols);
    recordGroups(t, r, cells, levels, groups);
    if (nameCol < 0 || nameCol >= row.length) continue;
    const points = figure(row[nameCol + offsets.points], POINTS_SUFFIX);
    if (points === undefined) {
      // No 分值 here: the rest of the row above (a wrapped name, a tall 偏差 cell).
      const prev = drafts.at(-1);
      if (prev) continueIndicator(t, r, nameCol, prev, offsets);
      else if (!cells.length) t.problems.push(`第 ${r + 1} 行“${clean(row[nameCol])}”不是指标行，已略过`);
      continue;
    }
    if (!levels.level1) {
      t.problems.push(`指标“${joinName(row[nameCol]!)}”没有一级指标`);
      continue;
    }
    drafts.push(indicatorDraft(t, r, nameCol, points, levels, offsets));
  }
  moveSpilledDeviations(drafts);
  return { indicators: finishIndicators(t, drafts), groups: [...groups.values()], totalRow };
}

/** 一级 and 二级 指标 names, recognised wherever a print puts them. */
export const LEVEL1 = /^(产出|效益|满意度|成本)指标$/;
export const LEVEL2 =
  /^(数量|质量|时效|成本|经济成本|社会成本|生态环境成本|经济效益|社会效益|生态效益|可持续影响|服务对象满意度)(指标)?$/;

/**
 * Up to two 一级/二级 cells at the start of a row, by their names (a leading 绩效指标 label skipped),
 * and the column of the 三级指标 cell after them (-1 if the row ends first).
 */
function levelCells(row: readonly string[], first: number): { cells: LevelCell[]; nameCol: number } {
  let i = first;
  if (norm(row[i]) === '绩效指标') i = nextFilled(row, i + 1);
  const cells: LevelCell[] = [];
  while (i >= 0 && i < row.length && cells.length < 2) {
    const g = groupCell(row[i]!);
    if (!LEVEL1.test(g.name) && !LEVEL2.test(g.name)) break;
    cells.push({ ...g, col: i });
    i = nextFilled(row, i + 1);
  }
  return { cells, nameCol: i };
}

/** "产出指标（50分）" → 产出指标 and 50. */
function groupCell(cell: string): { name: string; points?: string } {
  const t = norm(cell);
  const m = /^(.*?)\(([\d.]+)分?\)$/.exec(t);
  return m ? { name: m[1]!, points: m[2]! } : { name: t };
}

/**
 * Updates the levels in force with the cells printed on a row. A single cell is ambiguous: 成本指标
 * is both a 一级 name and (in 2020 templates, under 产出) a 二级 name, so its column and the 一级 in
 * force decide; a 二级 whose family differs from the 一级 in force brings its own 一级.
 */
function carryLevels(levels: Levels, cells: readonly LevelCell[], cols: Columns): void {
  if (cells.length === 2) {
    levels.level1 = cells[0]!.name;
    levels.level2 = cells[1]!.name;
    levels.inferred = false;
  } else if (cells.length === 1) {
    const only = cells[0]!;
    const asLevel1 =
      LEVEL1.test(only.name) &&
      (!LEVEL2.test(only.name) ||
        (only.col !== cols.level2 && (only.col === cols.level1 || !levels.level1?.startsWith('产出'))));
    if (asLevel1) {
      levels.level1 = only.name;
      levels.level2 = undefined;
      levels.inferred = false;
    } else {
      levels.level2 = only.name;
      const family = familyOf(only.name);
      if (family && family !== levels.level1) {
        levels.level1 = family;
        levels.inferred = true;
      }
      if (!levels.level1) {
        levels.level1 = family ?? only.name;
        levels.inferred = true;
      }
    }
  }
}

/** The 一级指标 a 二级指标 belongs to by its name; undefined for 成本指标 (2020 templates put it under 产出). */
function familyOf(level2: string): string | undefined {
  if (/^(数量|质量|时效)/.test(level2)) return '产出指标';
  if (/^(经济成本|社会成本|生态环境成本)/.test(level2)) return '成本指标';
  if (/^(经济效益|社会效益|生态效益|可持续影响)/.test(level2)) return '效益指标';
  if (/满意度/.test(level2)) return '满意度指标';
  return undefined;
}

/** The points printed on a row's 一级/二级 cells; a merged cell repeated on later rows counts once. */
function recordGroups(
  t: TableReading,
  r: number,
  cells: readonly LevelCell[],
  levels: Levels,
  groups: Map<string, IndicatorGroup>,
): void {
  const { level1, level2 } = levels;
  for (const [k, g] of cells.entries()) {
    if (g.points === undefined || !level1) continue;
    const isL2 = cells.length === 2 ? k === 1 : level2 === g.name;
    const key = isL2 ? `${level1}/${g.name}` : level1;
    if (!groups.has(key)) {
      groups.set(key, { level1, ...(isL2 ? { level2: g.name } : {}), points: g.points });
      t.places.set(key, { location: t.at(r), row: g.name, column: isL2 ? '二级指标' : '一级指标' });
    }
  }
}

/** A row without 分值: its texts added to the fields of the indicator above, by column. */
function continueIndicator(
  t: TableReading,
  r: number,
  from: number,
  prev: IndicatorDraft,
  offsets: Offsets,
): void {
  const row = t.rows[r]!;
  for (let k = from; k < row.length; k++) {
    const text = clean(row[k]);
    if (!text) continue;
    const rel = k - prev.nameCol;
    if (rel === 0) prev.data.name = joinName(joinCellPieces(prev.data.name, text));
    else if (rel === offsets.target)
      prev.data.targetText = joinCjk(joinCellPieces(prev.data.targetText, text));
    else if (rel === offsets.actual) prev.data.actual = joinCjk(joinCellPieces(prev.data.actual ?? '', text));
    else if (rel === offsets.deviation) {
      prev.data.deviation = joinCellPieces(prev.data.deviation ?? '', text);
      prev.deviationContinued = true;
    } else t.problems.push(`第 ${r + 1} 行的“${text}”无法归入指标“${prev.data.name}”的任何一栏，已略过`);
  }
}

/** An indicator row with its 分值, under the levels in force. */
function indicatorDraft(
  t: TableReading,
  r: number,
  nameCol: number,
  points: string,
  levels: Levels,
  offsets: Offsets,
): IndicatorDraft {
  const row = t.rows[r]!;
  const { level1, level2, inferred } = levels;
  const name = joinName(row[nameCol]!);
  const scoreCell = row[nameCol + offsets.score];
  const score = figure(scoreCell, POINTS_SUFFIX);
  if (score === undefined && unreadable(scoreCell, POINTS_SUFFIX))
    t.problems.push(`指标“${name}”的得分“${clean(scoreCell)}”不是数，按未填得分处理`);
  const actual = joinCjk(row[nameCol + offsets.actual] ?? '');
  const deviation = offsets.deviation === undefined ? '' : clean(row[nameCol + offsets.deviation]);
  return {
    data: {
      level1: level1!,
      ...(level2 ? { level2 } : {}),
      name,
      points,
      targetText: joinCjk(row[nameCol + offsets.target] ?? ''),
      ...(actual ? { actual } : {}),
      ...(score !== undefined ? { score } : {}),
      ...(deviation ? { deviation } : {}),
      ...(inferred ? { note: `一级指标“${level1}”未印在本行，按二级指标“${level2}”归入` } : {}),
    },
    nameCol,
    gridRow: r,
    deviationContinued: false,
  };
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
    cur.data.deviation = joinCellPieces(prev.data.deviation, cur.data.deviation ?? '');
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

/** The drafts as indicators of the model, once all continuation rows are in; each placed at its 得分. */
function finishIndicators(t: TableReading, drafts: readonly IndicatorDraft[]): IndicatorData[] {
  const indicators: IndicatorData[] = [];
  for (const d of drafts) {
    const { targetText, ...data } = d.data;
    if (!targetText) t.problems.push(`指标“${data.name}”没有年度指标值`);
    indicators.push({ ...data, target: targetOf(targetText, data.name) });
    if (!t.places.has(data.name))
      t.places.set(data.name, { location: t.at(d.gridRow), row: data.name, column: '得分' });
  }
  return indicators;
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
