/**
 * A 部门整体支出绩效自评表 (Hunan's 整体支出绩效自评表 / 部门整体支出绩效评价指标表) read from a
 * published document and rescored: the points of each 一级/二级 block against its rows and the
 * profile's total, every 得分 within its 分值, 总分 = Σ 得分, the grade against the 总分, blank
 * 完成值 or 得分, and — where the profile's indicator systems know an indicator by its name and the
 * print gives its rate — the score its formula gives. The 基础数据表 printed beside it (编制数 and
 * 在职人数, 三公经费 预算 and 决算) gives the rates its rows state (P-R23).
 */
import {
  formatHundredths,
  formatRatioPercent,
  fromPercent,
  parseDecimal,
  q,
  qAbs,
  qCmp,
  qMul,
  qSub,
  toHundredths,
} from '../exact';
import type { Finding } from '../finding';
import { scoreRate } from '../performance/department';
import type { PerformanceProfile } from '../performance/profile';
import { differs, gradeOf, hundredthsOf, normalizeGrade } from '../performance/score';
import { normalizeText } from '../text/normalize';
import { type DocumentLocation, documentFinding } from './findings';
import type { PerformanceStatements } from './performance-statements';
import {
  clean,
  field,
  figure,
  findColumns,
  isBlank,
  norm,
  PERCENT_SUFFIX,
  POINTS_SUFFIX,
} from './performance-text';
import type { RawDocument, RawLocation } from './raw';
import type { PerformanceGrid } from './recognize';

/** One 三级指标 row of a whole-department table, as printed. */
export interface WholeTableRow {
  level1: string;
  level2?: string;
  name: string;
  points?: string;
  target?: string;
  actual?: string;
  score?: string;
  at: RawLocation;
}

export interface WholeTable {
  title: string;
  groups: { level1: string; level2?: string; points: string; at: RawLocation }[];
  rows: WholeTableRow[];
  total?: { points?: string; score?: string; at: RawLocation };
  grade?: { text: string; at: RawLocation };
}

const HEADER = {
  level1: /^一级指标/,
  level2: /^二级指标/,
  name: /^三级指标/,
  points: /^(分值|权重|标准分)/,
  target: /指标值$|^年度指标|^目标值/,
  actual: /完成值$|^实际值|^完成情况$/,
  score: /得分$|^评分$/,
};

const TOTAL_ROW = /^(总分|合计|总计|综合得分)/;

/** A printed grid that is a whole-department table: its title says 整体, it has no 项目名称. */
export function isWholeDepartmentGrid(grid: PerformanceGrid): boolean {
  return (
    /整体/.test(normalizeText(grid.title)) &&
    !grid.table.rows.slice(0, 4).some((r) => r.some((c) => norm(c) === '项目名称'))
  );
}

/** The table's rows under its header; undefined when no header with 三级指标 and 得分 is printed. */
export function readWholeTable(grid: PerformanceGrid): WholeTable | undefined {
  const rows = grid.table.rows;
  const at = (r: number) => grid.table.rowLocations[r] ?? grid.location;
  const header = rows.findIndex(
    (r) => r.some((c) => HEADER.name.test(norm(c))) && r.some((c) => HEADER.score.test(norm(c))),
  );
  if (header < 0) return undefined;
  const cols = findColumns(rows[header]!, HEADER);
  // The title without the part numbering it is printed under (二、部门整体支出绩效自评表).
  const title = clean(grid.title).replace(/^[一二三四五六七八九十]+[、.]\s*/, '');
  const table: WholeTable = { title, groups: [], rows: [] };
  let level1 = '';
  let level2: string | undefined;
  for (let r = header + 1; r < rows.length; r++) {
    const row = rows[r]!;
    const first = row.find((c) => !isBlank(c));
    if (first === undefined) continue;
    if (TOTAL_ROW.test(norm(first))) {
      readTotalRow(table, row, cols, at(r));
      readGrade(table, rows.slice(r), (k) => at(r + k));
      break;
    }
    const l1 = groupOf(row[cols.level1!]);
    const l2 = groupOf(row[cols.level2!]);
    if (l1 && l1.name !== level1) {
      level1 = l1.name;
      level2 = undefined;
    }
    if (l2) level2 = l2.name;
    addGroup(table, level1, undefined, l1?.points, at(r));
    addGroup(table, level1, level2, l2?.points, at(r));
    const name = clean(row[cols.name!]);
    if (!name || !level1) continue;
    const cell = (key: keyof typeof HEADER) => (cols[key] === undefined ? '' : clean(row[cols[key]!]));
    table.rows.push({
      level1,
      ...(level2 ? { level2 } : {}),
      name,
      ...field('points', figure(cell('points'), POINTS_SUFFIX)),
      ...field('target', cell('target')),
      ...field('actual', cell('actual')),
      ...field('score', figure(cell('score'), POINTS_SUFFIX)),
      at: at(r),
    });
  }
  return table;
}

/** "投入管理（30分）" → 投入管理 and 30. */
function groupOf(cell: string | undefined): { name: string; points?: string } | undefined {
  const t = norm(cell);
  if (!t) return undefined;
  const m = /^(.*?)\(([\d.]+)分?\)$/.exec(t);
  return m ? { name: m[1]!, points: m[2]! } : { name: t };
}

function addGroup(
  table: WholeTable,
  level1: string,
  level2: string | undefined,
  points: string | undefined,
  at: RawLocation,
): void {
  if (points === undefined || !level1) return;
  if (table.groups.some((g) => g.level1 === level1 && g.level2 === level2)) return;
  table.groups.push({ level1, ...(level2 ? { level2 } : {}), points, at });
}

function readTotalRow(
  table: WholeTable,
  row: readonly string[],
  cols: Record<string, number | undefined>,
  at: RawLocation,
): void {
  const atPoints = cols.points === undefined ? undefined : figure(row[cols.points], POINTS_SUFFIX);
  const atScore = cols.score === undefined ? undefined : figure(row[cols.score], POINTS_SUFFIX);
  const numbers = row.map((c) => figure(c, POINTS_SUFFIX)).filter((v): v is string => v !== undefined);
  const [points, score] =
    atPoints !== undefined || atScore !== undefined
      ? [atPoints, atScore]
      : numbers.length >= 2
        ? numbers
        : [undefined, numbers[0]];
  table.total = { ...field('points', points), ...field('score', score), at };
}

function readGrade(
  table: WholeTable,
  rows: readonly (readonly string[])[],
  at: (k: number) => RawLocation,
): void {
  rows.forEach((row, k) => {
    if (table.grade) return;
    const i = row.findIndex((c) => /等级$/.test(norm(c)));
    const text = i < 0 ? undefined : row.slice(i + 1).find((c) => !isBlank(c) && !/等级$/.test(norm(c)));
    if (text && /^(优秀?|良好?|中|差|合格|不合格)$/.test(norm(text)))
      table.grade = { text: norm(text), at: at(k) };
  });
}

// ---------------------------------------------------------------------------------------------
// 基础数据表

/** Figures of a 部门整体支出绩效自评基础数据表 (or the 基本概况 of the report form), as printed. */
export interface BaseData {
  staffQuota?: { value: string; at: RawLocation };
  staffActual?: { value: string; at: RawLocation };
  threePublicBudget?: { value: string; at: RawLocation };
  threePublicActual?: { value: string; at: RawLocation };
}

const BASE_LABELS: [keyof BaseData, RegExp][] = [
  ['staffQuota', /^(人员)?编制(人)?数?$/],
  ['staffActual', /^(实际在职|实有|在职)人数$/],
];

/** The title given to a 基础数据 grid found beside a 绩效 form. */
export const BASE_DATA_TITLE = '部门整体支出绩效自评基础数据';

/**
 * The grids of a document that print a 绩效 form's 基础数据 (编制数 and 在职人数) — a table no
 * other reading took, that names 绩效 in its rows or the lines just before it — as performance
 * grids, so that a form whose excerpt holds no score table is still read.
 */
export function baseDataGrids(raw: RawDocument, taken: ReadonlySet<number>): PerformanceGrid[] {
  const grids: PerformanceGrid[] = [];
  raw.blocks.forEach((block, i) => {
    if (block.kind !== 'table' || taken.has(i)) return;
    const data = readBaseData({ ...raw, blocks: [block] });
    if (!data.staffQuota || !data.staffActual) return;
    const before = raw.blocks.slice(Math.max(0, i - 3), i).map((b) => (b.kind === 'text' ? b.text : ''));
    if (!/绩效/.test([...before, ...block.rows.flat()].join(''))) return;
    grids.push({ title: BASE_DATA_TITLE, blockIndex: i, location: block.location, table: block });
  });
  return grids;
}

/** What a 基础数据 grid gives when no whole-department table is printed to check it against. */
export function baseDataSummary(data: BaseData): string {
  const parts = [
    data.staffQuota && `编制数 ${data.staffQuota.value}`,
    data.staffActual && `实有人数 ${data.staffActual.value}`,
    data.threePublicBudget && `“三公”经费本年预算 ${data.threePublicBudget.value}`,
    data.threePublicActual && `本年决算 ${data.threePublicActual.value}`,
  ].filter(Boolean);
  const quota = data.staffQuota ? parseDecimal(data.staffQuota.value)! : undefined;
  const rate =
    quota && data.staffActual && qCmp(quota, q(0n)) > 0
      ? `（在职人员控制率 ${formatRatioPercent(qMul(parseDecimal(data.staffActual.value)!, q(quota.d, quota.n)))}）`
      : '';
  return `${parts.join('、')}${rate}`;
}

/**
 * 编制数 and 在职人数, each the first figure after its label on its row (or under it on the next
 * row); the 三公经费 合计 row's 本年预算 and 本年决算 under their headers.
 */
export function readBaseData(raw: RawDocument): BaseData {
  const data: BaseData = {};
  for (const block of raw.blocks) {
    if (block.kind !== 'table') continue;
    block.rows.forEach((row, r) => {
      const at = block.rowLocations[r] ?? block.location;
      row.forEach((cell, c) => {
        const hit = BASE_LABELS.find(([, re]) => re.test(norm(cell)));
        if (!hit || data[hit[0]]) return;
        const value =
          row
            .slice(c + 1)
            .map((x) => figure(x, /人$/))
            .find((v) => v !== undefined) ?? figure(block.rows[r + 1]?.[c], /人$/);
        if (value !== undefined) data[hit[0]] = { value, at };
      });
    });
    readThreePublic(block.rows, block.rowLocations, block.location, data);
  }
  return data;
}

function readThreePublic(
  rows: readonly (readonly string[])[],
  locations: readonly RawLocation[],
  location: RawLocation,
  data: BaseData,
): void {
  const header = rows.findIndex(
    (r) => r.some((c) => /^本年预算/.test(norm(c))) && r.some((c) => /^本年决算/.test(norm(c))),
  );
  if (header < 0 || data.threePublicBudget) return;
  const budget = rows[header]!.findIndex((c) => /^本年预算/.test(norm(c)));
  const actual = rows[header]!.findIndex((c) => /^本年决算/.test(norm(c)));
  const total = rows.findIndex(
    (r, k) => k > header && r.some((c) => /三公.*(合计|小计)|^合计$/.test(norm(c))),
  );
  if (total < 0) return;
  const at = locations[total] ?? location;
  const b = figure(rows[total]![budget], /万?元$/);
  const a = figure(rows[total]![actual], /万?元$/);
  if (b !== undefined) data.threePublicBudget = { value: b, at };
  if (a !== undefined) data.threePublicActual = { value: a, at };
}

// ---------------------------------------------------------------------------------------------
// Checks

interface WholeCheck {
  table: WholeTable;
  what: string;
  profile: PerformanceProfile;
  findings: Finding[];
}

/** Every finding of one whole-department table, each at its row and column. */
export function checkWholeTable(
  table: WholeTable,
  profile: PerformanceProfile,
  base: BaseData = {},
  statedGrade?: PerformanceStatements['wholeGrade'],
): Finding[] {
  const check: WholeCheck = { table, what: table.title || '部门整体支出绩效自评表', profile, findings: [] };
  checkBlocks(check);
  checkRows(check);
  checkTotal(check);
  checkRatesFromBase(check, base);
  if (statedGrade) checkStatedGrade(check, statedGrade);
  return check.findings;
}

/** P-R08: the grade the narrative states for the whole department against the table's 总分. */
function checkStatedGrade(check: WholeCheck, stated: NonNullable<PerformanceStatements['wholeGrade']>): void {
  const { table, profile } = check;
  const total = table.total?.score !== undefined ? hOf(table.total.score) : undefined;
  if (total === undefined) return;
  const grade = gradeOf(total, profile);
  if (normalizeGrade(stated.grade, profile) === grade) return;
  check.findings.push(
    documentFinding({
      id: 'P-R08@整体表/说明等级',
      rule: 'P-R08',
      category: 'performance',
      location: { ...stated.location, sentence: stated.sentence },
      found: stated.grade,
      expected: grade,
      message: `文中称部门整体支出绩效评价结果为“${stated.grade}”，${check.what}总分 ${H(total)} 对应“${grade}”`,
    }),
  );
}

const H = (v: bigint) => formatHundredths(v);
const hOf = (v: string) => hundredthsOf(v);

function add(
  check: WholeCheck,
  f: {
    rule: string;
    part: string;
    at: RawLocation;
    row: string;
    column?: string;
    message: string;
    severity?: 'error' | 'warning' | 'info';
    found?: string;
    expected?: string;
  },
): void {
  const location: DocumentLocation = {
    ...f.at,
    tableNumber: check.what,
    row: { label: f.row },
    ...(f.column ? { column: { label: f.column } } : {}),
  };
  check.findings.push(
    documentFinding({
      id: `${f.rule}@整体表${f.part ? `/${f.part}` : ''}`,
      rule: f.rule,
      category: 'performance',
      location,
      message: f.message,
      ...(f.severity ? { severity: f.severity } : {}),
      ...(f.found !== undefined ? { found: f.found } : {}),
      ...(f.expected !== undefined ? { expected: f.expected } : {}),
    }),
  );
}

/** P-R01 and P-R02: each block's points against its rows, and all points against the profile's total. */
function checkBlocks(check: WholeCheck): void {
  const { table } = check;
  const rowPoints = (pick: (r: WholeTableRow) => boolean) => {
    const rows = table.rows.filter(pick);
    return rows.length && rows.every((r) => r.points !== undefined)
      ? rows.reduce((a, r) => a + hOf(r.points!), 0n)
      : undefined;
  };
  const level2Points = (l1: string, l2: string | undefined) => {
    const printed = table.groups.find((g) => g.level1 === l1 && g.level2 === l2);
    return printed ? hOf(printed.points) : rowPoints((r) => r.level1 === l1 && r.level2 === l2);
  };
  for (const g of table.groups) checkBlockScores(check, g);
  for (const g of table.groups) {
    const sum =
      g.level2 !== undefined
        ? rowPoints((r) => r.level1 === g.level1 && r.level2 === g.level2)
        : sumAll(
            [...new Set(table.rows.filter((r) => r.level1 === g.level1).map((r) => r.level2))].map((l2) =>
              level2Points(g.level1, l2),
            ),
          );
    if (sum === undefined || sum === hOf(g.points)) continue;
    const name = g.level2 ?? g.level1;
    add(check, {
      rule: 'P-R01',
      part: [g.level1, g.level2].filter(Boolean).join('/'),
      at: g.at,
      row: name,
      column: g.level2 ? '二级指标' : '一级指标',
      message: `${check.what}中“${name}”印为 ${H(hOf(g.points))} 分，其下指标分值合计 ${H(sum)} 分`,
      found: H(hOf(g.points)),
      expected: H(sum),
    });
  }
  const level1s = [...new Set(table.rows.map((r) => r.level1))];
  const all = sumAll(
    level1s.map((l1) => {
      const printed = table.groups.find((g) => g.level1 === l1 && g.level2 === undefined);
      return printed
        ? hOf(printed.points)
        : sumAll(
            [...new Set(table.rows.filter((r) => r.level1 === l1).map((r) => r.level2))].map((l2) =>
              level2Points(l1, l2),
            ),
          );
    }),
  );
  const total = qMul(check.profile.totalPoints, q(100n));
  const expected = total.n / total.d;
  if (all !== undefined && all !== expected) {
    add(check, {
      rule: 'P-R02',
      part: '',
      at: table.total?.at ?? table.rows[0]?.at ?? {},
      row: '总分',
      column: '分值',
      message: `${check.what}各指标分值合计 ${H(all)} 分，应为口径总分 ${H(expected)} 分`,
      found: H(all),
      expected: H(expected),
    });
  }
}

/** P-R04 for a 二级 block whose rows print no 分值 of their own: Σ 得分 within the block's points. */
function checkBlockScores(check: WholeCheck, g: WholeTable['groups'][number]): void {
  if (g.level2 === undefined) return;
  const rows = check.table.rows.filter((r) => r.level1 === g.level1 && r.level2 === g.level2);
  if (!rows.length || rows.some((r) => r.points !== undefined)) return;
  const scored = rows.reduce((a, r) => a + (r.score !== undefined ? hOf(r.score) : 0n), 0n);
  if (scored <= hOf(g.points)) return;
  add(check, {
    rule: 'P-R04',
    part: `${g.level1}/${g.level2}`,
    at: g.at,
    row: g.level2,
    column: '得分',
    message: `${check.what}“${g.level2}”（${H(hOf(g.points))} 分）下各指标得分合计 ${H(scored)}，超过其分值`,
    found: H(scored),
    expected: H(hOf(g.points)),
  });
}

function sumAll(values: readonly (bigint | undefined)[]): bigint | undefined {
  return values.length && values.every((v) => v !== undefined)
    ? values.reduce((a, v) => a + v!, 0n)
    : undefined;
}

/** P-R04, P-R29 and the score an indicator system gives (P-S01) for each row. */
function checkRows(check: WholeCheck): void {
  for (const row of check.table.rows) {
    const base = { part: row.name, at: row.at, row: row.name };
    if (row.score === undefined) {
      add(check, {
        ...base,
        rule: 'P-R29',
        column: '得分',
        message: `${check.what}指标「${row.name}」${row.points ? `分值 ${row.points} 分，` : ''}得分空白`,
      });
    } else if (row.points !== undefined && hOf(row.score) > hOf(row.points)) {
      add(check, {
        ...base,
        rule: 'P-R04',
        column: '得分',
        message: `${check.what}指标「${row.name}」得分 ${H(hOf(row.score))} 超过分值 ${H(hOf(row.points))}`,
        found: H(hOf(row.score)),
        expected: H(hOf(row.points)),
      });
    }
    if (row.actual === undefined) {
      add(check, {
        ...base,
        rule: 'P-R29',
        part: `${row.name}/完成值`,
        column: '完成值',
        message: `${check.what}指标「${row.name}」完成值空白`,
      });
    }
    rescoreRow(check, row);
  }
}

/**
 * The score of an indicator the profile's systems know by name, from its printed rate. A 完成值 that
 * is no rate (a 定性 judgement) is not compared.
 */
function rescoreRow(check: WholeCheck, row: WholeTableRow): void {
  const rate = row.actual === undefined ? undefined : figure(row.actual, PERCENT_SUFFIX);
  if (rate === undefined || !/%$/.test(norm(row.actual)) || row.score === undefined) return;
  const key = normalizeText(row.name);
  const def = [...check.profile.systems.values()]
    .flatMap((s) => s.indicators)
    .find((i) => normalizeText(i.name) === key);
  if (!def || ['checklist', 'deduction', 'allOrNothing'].includes(def.formula.kind)) return;
  // A row without 分值 of its own is scored on its block's points only when it is the block's one row.
  const block = check.table.rows.filter((r) => r.level1 === row.level1 && r.level2 === row.level2);
  const group = check.table.groups.find((g) => g.level1 === row.level1 && g.level2 === row.level2);
  const points = row.points ?? (block.length === 1 ? group?.points : undefined);
  if (points === undefined) return;
  const w = parseDecimal(points)!;
  const { score, text } = scoreRate(def.formula, fromPercent(parseDecimal(rate)!), w);
  const expected = toHundredths(score);
  const published = hOf(row.score);
  // A score above its points is P-R04's; the rule's score would only repeat it.
  if (expected === published || published > toHundredths(w)) return;
  const over = differs(published, expected, check.profile);
  add(check, {
    rule: 'P-S01',
    part: row.name,
    at: row.at,
    row: row.name,
    column: '得分',
    severity: over ? 'warning' : 'info',
    message: `${check.what}指标「${row.name}」完成值 ${row.actual}，得分 ${H(published)}；按“${def.rule}”：${text} = ${H(expected)}`,
    found: H(published),
    expected: H(expected),
  });
}

/** P-R03: 总分 = Σ 得分; P-R07: the grade of the 总分. */
function checkTotal(check: WholeCheck): void {
  const { table, profile } = check;
  const scored = table.rows.filter((r) => r.score !== undefined);
  const sum = scored.reduce((a, r) => a + hOf(r.score!), 0n);
  const printed = table.total?.score !== undefined ? hOf(table.total.score) : undefined;
  if (printed !== undefined && printed !== sum) {
    const over = differs(printed, sum, profile);
    const blank = table.rows.length - scored.length;
    add(check, {
      rule: 'P-R03',
      part: '',
      at: table.total!.at,
      row: '总分',
      column: '得分',
      severity: over ? 'error' : 'info',
      message: `${check.what}总分印为 ${H(printed)}，各指标得分合计 ${H(sum)}${blank ? `（其中 ${blank} 项得分空白）` : ''}`,
      found: H(printed),
      expected: H(sum),
    });
  }
  if (table.grade) {
    const total = printed ?? sum;
    const grade = gradeOf(total, profile);
    if (normalizeGrade(table.grade.text, profile) !== grade) {
      add(check, {
        rule: 'P-R07',
        part: '等级',
        at: table.grade.at,
        row: '评价等级',
        message: `${check.what}评价等级为“${table.grade.text}”，总分 ${H(total)} 对应“${grade}”`,
        found: table.grade.text,
        expected: grade,
      });
    }
  }
}

/** P-R23: the rates a row states against the 基础数据表 printed beside the table. */
function checkRatesFromBase(check: WholeCheck, base: BaseData): void {
  const rates: [RegExp, BaseData[keyof BaseData], BaseData[keyof BaseData], string][] = [
    [/在职人员.*控制率|人员控制率/, base.staffActual, base.staffQuota, '实际在职人数 ÷ 编制数'],
    [/三公.*控制率/, base.threePublicActual, base.threePublicBudget, '“三公”经费本年决算 ÷ 本年预算'],
  ];
  for (const [name, numerator, denominator, formula] of rates) {
    const row = check.table.rows.find((r) => name.test(normalizeText(r.name)));
    const stated = row?.actual === undefined ? undefined : figure(row.actual, PERCENT_SUFFIX);
    if (!row || stated === undefined || !numerator || !denominator) continue;
    const d = parseDecimal(denominator.value)!;
    if (qCmp(d, q(0n)) === 0) continue;
    const r = qMul(parseDecimal(numerator.value)!, q(d.d, d.n));
    const decimals = stated.split('.')[1]?.length ?? 0;
    const half = q(5n, 10n ** BigInt(decimals + 3));
    if (qCmp(qAbs(qSub(r, fromPercent(parseDecimal(stated)!))), half) <= 0) continue;
    // The print may take another 预算 (年初 or 调整后) than the 基础数据表 shows: a warning.
    add(check, {
      rule: 'P-R23',
      severity: 'warning',
      part: row.name,
      at: row.at,
      row: row.name,
      column: '完成值',
      message: `${check.what}指标「${row.name}」完成值印为 ${row.actual}，按基础数据表 ${formula} = ${numerator.value} ÷ ${denominator.value} = ${formatRatioPercent(r)}`,
      found: `${stated}%`,
      expected: formatRatioPercent(r),
    });
  }
}
