/**
 * Checks of the performance data (docs/rules.md#performance, R01–R28 as far as the modelled data
 * reach): points and scores that do not add, scores outside their points, 执行率 and its score,
 * grades, full marks for missed targets, missing explanations, over-completion, actuals that are
 * no values, qualitative tiers, vague targets, units, fund rows, cost indicators, coverage of 项目支出,
 * and the whole-department evaluation. Findings are the one `Finding` of check and audit
 * (category performance); ids are `P-R09@<项目>/<三级指标>` and a written explanation keyed by the id
 * accepts a warning.
 *
 * Every difference between a published score and the rule score gets exactly one finding that
 * explains it (R06 for 执行率; R09, R11, R14, R27 or S01 for an indicator; R03.2 for the total).
 */

import {
  formatHundredths,
  formatQ,
  formatRatioPercent,
  fromPercent,
  parseDecimal,
  type Q,
  Q0,
  q,
  qAbs,
  qCmp,
  qDiv,
  qFromHundredths,
  qMul,
  qSub,
  qSum,
} from '../exact';
import {
  type Amount,
  type Finding,
  makeFinding,
  moneyAmount as moneyOf,
  numberAmount,
  UniqueIds,
} from '../finding';
import { formatAmount } from '../money';
import type { DataPackage } from '../package';
import type { Severity } from '../rules/catalogue';
import { evaluateWholeDepartment, type WholeDepartmentResult } from './department';
import type { PerformanceProfile } from './profile';
import { PERFORMANCE_RULES, type PerformanceRuleId } from './rules';
import type { FundRowData, FundsData, IndicatorData, PerformanceData, ProjectData } from './schema';
import {
  bandTop,
  differs,
  type ExecutionScore,
  gradeOf,
  type IndicatorScore,
  type ProjectScore,
  scoreProject,
  wanToFen,
} from './score';
import { normalizeValueText } from './text';

/** An amount while checking: exact, so that differences are; scores in 分值, ratios as fractions. */
type Measure =
  | { kind: 'number'; numerator: bigint; denominator: bigint; text: string; unit: '分值' | '比值' }
  | { kind: 'money'; fen: bigint; text: string };

const scoreAmount = (h: bigint): Measure => ({
  kind: 'number',
  numerator: h,
  denominator: 100n,
  text: formatHundredths(h),
  unit: '分值',
});

const ratioAmount = (r: Q, text: string): Measure => ({
  kind: 'number',
  numerator: r.n,
  denominator: r.d,
  text,
  unit: '比值',
});

const moneyAmount = (f: bigint): Measure => ({
  kind: 'money',
  fen: f,
  text: `${formatAmount(f, '万元', { decimals: exactWanDecimals(f) })}万元`,
});

function exactWanDecimals(f: bigint): number {
  let d = 2;
  while (d < 6 && (f * 10n ** BigInt(d)) % 1_000_000n !== 0n) d++;
  return d;
}

interface Emit {
  ruleId: PerformanceRuleId;
  where: string;
  message: string;
  severity?: Severity;
  rounding?: boolean;
  found?: Measure;
  expected?: Measure;
}

class Findings {
  readonly list: Finding[] = [];
  private readonly ids = new UniqueIds();
  constructor(private readonly explanations: Readonly<Record<string, string>>) {}

  add(e: Emit): Finding {
    const rule = PERFORMANCE_RULES[e.ruleId];
    const id = this.ids.next(`${e.ruleId}@${e.where}`);
    const severity = e.severity ?? rule.severity;
    const difference =
      e.found && e.expected && e.found.kind === 'number' && e.expected.kind === 'number'
        ? diffAmount(e.found, e.expected)
        : e.found?.kind === 'money' && e.expected?.kind === 'money'
          ? moneyAmount(e.found.fen - e.expected.fen)
          : undefined;
    const finding = makeFinding({
      id,
      rule: e.ruleId,
      severity,
      ruleSeverity: rule.severity,
      rounding: e.rounding ?? false,
      category: 'performance',
      title: rule.title,
      ...(e.found ? { found: amountOf(e.found) } : {}),
      ...(e.expected ? { expected: amountOf(e.expected) } : {}),
      ...(difference ? { difference: amountOf(difference) } : {}),
      message: e.message,
    });
    const explanation = this.explanations[id];
    if (severity === 'warning' && explanation?.trim()) finding.explained = explanation;
    this.list.push(finding);
    return finding;
  }
}

function diffAmount(
  a: Extract<Measure, { kind: 'number' }>,
  b: Extract<Measure, { kind: 'number' }>,
): Measure {
  const d = qSub(q(a.numerator, a.denominator), q(b.numerator, b.denominator));
  const text =
    a.denominator === 100n && b.denominator === 100n ? formatHundredths(d.n * (100n / d.d)) : formatQ(d, 4);
  return { kind: 'number', numerator: d.n, denominator: d.d, text, unit: a.unit };
}

function amountOf(m: Measure): Amount {
  return m.kind === 'money'
    ? moneyOf(m.fen, m.text)
    : numberAmount(m.numerator, m.denominator, m.unit, m.text);
}

const hasText = (s: string | undefined): boolean => s !== undefined && s.trim() !== '';
const H = formatHundredths;

/** Checks the package's performance data under the profile. Returns no findings without data. */
export function checkPerformance(pkg: DataPackage, profile: PerformanceProfile): Finding[] {
  const data = pkg.performance as PerformanceData | undefined;
  if (!data) return [];
  const out = new Findings(pkg.explanations);
  const scores: { project: ProjectData; score: ProjectScore }[] = [];
  for (const project of data.projects ?? []) {
    const score = scoreProject(project, profile);
    scores.push({ project, score });
    checkProject(project, score, pkg, profile, out);
  }
  checkSummary(data, scores, pkg, profile, out);
  if (data.wholeDepartment) {
    const result = evaluateWholeDepartment(pkg, profile);
    if (!('error' in result)) checkWholeDepartment(result, data, profile, out);
    else if (data.wholeDepartment.system !== undefined) {
      out.add({ ruleId: 'P-R23', where: '整体', message: `部门整体支出绩效评价无法计算：${result.error}` });
    } else {
      // No indicator system in the profile: only what was published can be checked.
      const published = data.wholeDepartment.published;
      const scored = Object.values(data.wholeDepartment.indicators ?? {}).some((i) => i.score !== undefined);
      if (published?.grade !== undefined && published.total === undefined && !scored) {
        out.add({
          ruleId: 'P-R26',
          where: '整体',
          message: `部门整体支出绩效评价结果为“${published.grade}”，但没有公开评分表或总分`,
        });
      }
    }
  }
  return out.list;
}

function checkProject(
  project: ProjectData,
  score: ProjectScore,
  pkg: DataPackage,
  profile: PerformanceProfile,
  out: Findings,
): void {
  const name = project.name;
  if (project.year !== undefined && project.year !== pkg.department.year) {
    out.add({
      ruleId: 'P-R17',
      where: name,
      message: `项目“${name}”自评表年度为 ${project.year} 年，报告年度为 ${pkg.department.year} 年`,
    });
  }
  checkFunds(project, score, profile, out);
  checkGroups(project, out);
  checkPoints(project, score, profile, out);
  checkPublishedTotal(name, score, profile, out);
  checkRequiredGroups(project, profile, out);
  for (const { data, score: s } of score.indicators) checkIndicator(name, data, s, profile, out);
  checkCosts(project, score, profile, out);
  explainRuleTotal(name, score, profile, out);
}

/** R02: points add up to the profile's total (and to the printed 分值 total). */
function checkPoints(
  project: ProjectData,
  score: ProjectScore,
  profile: PerformanceProfile,
  out: Findings,
): void {
  const name = project.name;
  const total = qFromHundredths(score.pointsSum);
  if (qCmp(total, profile.totalPoints) !== 0) {
    out.add({
      ruleId: 'P-R02',
      where: name,
      message: `项目“${name}”执行率与各三级指标分值合计 ${H(score.pointsSum)}，应为 ${formatQ(profile.totalPoints, 2)}`,
      found: scoreAmount(score.pointsSum),
      expected: scoreAmount(toH(profile.totalPoints)),
    });
  }
  if (project.total?.points !== undefined) {
    const printed = toH(parseDecimal(project.total.points)!);
    if (printed !== score.pointsSum) {
      out.add({
        ruleId: 'P-R02',
        where: `${name}/总分分值`,
        message: `项目“${name}”总分行分值印为 ${H(printed)}，各项分值合计为 ${H(score.pointsSum)}`,
        found: scoreAmount(printed),
        expected: scoreAmount(score.pointsSum),
      });
    }
  }
}

/** R03: printed total = Σ printed scores; R07: grade = band(total). */
function checkPublishedTotal(
  name: string,
  score: ProjectScore,
  profile: PerformanceProfile,
  out: Findings,
): void {
  if (score.publishedTotal !== undefined) {
    const d = score.publishedTotal - score.publishedSum;
    if (d !== 0n) {
      const over = differs(score.publishedTotal, score.publishedSum, profile);
      const tolText = formatQ(profile.tolerance.score, 2);
      out.add({
        ruleId: 'P-R03',
        where: name,
        severity: over ? 'error' : 'info',
        rounding: !over,
        message: `项目“${name}”总分印为 ${H(score.publishedTotal)}，执行率得分与各指标得分合计为 ${H(score.publishedSum)}${score.unpublished ? `（其中 ${score.unpublished} 项未填得分）` : ''}${over ? '' : `（差额在 ±${tolText} 内）`}`,
        found: scoreAmount(score.publishedTotal),
        expected: scoreAmount(score.publishedSum),
      });
    }
  }
  if (score.publishedGrade !== undefined && score.gradeOfPublished !== null) {
    if (score.publishedGrade !== score.gradeOfPublished) {
      out.add({
        ruleId: 'P-R07',
        where: name,
        message: `项目“${name}”评价等级为“${score.publishedGrade}”，总分 ${H(score.publishedTotal ?? score.publishedSum)} 对应“${score.gradeOfPublished}”`,
      });
    }
  }
}

/** R25: the 一级 groups the profile requires. */
function checkRequiredGroups(project: ProjectData, profile: PerformanceProfile, out: Findings): void {
  const name = project.name;
  const level1s = new Set((project.indicators ?? []).map((i) => i.level1));
  for (const required of profile.requiredGroups) {
    if (![...level1s].some((l) => l.startsWith(required.replace(/指标$/, '')))) {
      out.add({
        ruleId: 'P-R25',
        where: `${name}/${required}`,
        message: `项目“${name}”的绩效指标中没有一级指标“${required}”`,
      });
    }
  }
}

/** R03.2: published total vs rule total; the indicator findings explain the parts. */
function explainRuleTotal(
  name: string,
  score: ProjectScore,
  profile: PerformanceProfile,
  out: Findings,
): void {
  const published = score.publishedTotal ?? score.publishedSum;
  if (published === score.ruleTotal) return;
  const over = differs(published, score.ruleTotal, profile);
  const execDiff =
    score.execution.expected !== null &&
    score.execution.published !== undefined &&
    score.execution.expected !== score.execution.published;
  const parts = [
    ...(execDiff ? [`执行率 ${H(score.execution.published!)}→${H(score.execution.expected!)}`] : []),
    ...score.indicators
      .filter(
        (i) =>
          i.score.published !== undefined &&
          i.score.expected !== null &&
          i.score.published !== i.score.expected,
      )
      .map((i) => `${i.data.name} ${H(i.score.published!)}→${H(i.score.expected!)}`),
  ];
  out.add({
    ruleId: 'P-R03.2',
    where: name,
    severity: over ? 'warning' : 'info',
    rounding: !over,
    message:
      `项目“${name}”总分 ${H(published)}（${score.gradeOfPublished ?? '—'}），按计分规则为 ${H(score.ruleTotal)}（${score.gradeOfRule}）` +
      `${score.ruleComplete ? '' : '（部分指标无法按规则计分，按发布得分计入）'}` +
      `${parts.length ? `；差异来自：${parts.join('、')}` : ''}` +
      `${score.publishedTotal !== undefined && score.publishedTotal !== score.publishedSum ? `；另总分与各项得分合计 ${H(score.publishedSum)} 不符（见 P-R03）` : ''}`,
    found: scoreAmount(published),
    expected: scoreAmount(score.ruleTotal),
  });
}

const toH = (v: Q): bigint => {
  const scaled = qMul(v, q(100n));
  return scaled.n / scaled.d;
};

function checkFunds(
  project: ProjectData,
  score: ProjectScore,
  profile: PerformanceProfile,
  out: Findings,
): void {
  checkFundRates(project, score.execution, profile, out);
  checkExecutionScore(project.name, score.execution, profile, out);
  if (project.funds) checkFundSums(project.name, project.funds, out);
  checkLowExecution(project, score.execution, profile, out);
  checkStatedExecution(project, score.execution, out);
}

/** 执行率 / 执行进度 stated with a percentage in a text of the table: "执行进度只有 80.9%". */
const STATED_EXECUTION = /执行(?:率|进度)[^,，。;；\d%]{0,6}?(\d+(?:\.\d+)?)%/g;

/**
 * P-R08: a rate of execution stated in 年度总体目标's 实际完成情况 is the table's 全年执行数 ÷ 全年预算数
 * as far as the statement prints it (80.9% stands for 80.85%–80.95%).
 */
function checkStatedExecution(project: ProjectData, ex: ExecutionScore, out: Findings): void {
  const text = project.goals?.actual;
  if (!text || !ex.rate) return;
  for (const m of text.replace(/\s+/g, '').matchAll(STATED_EXECUTION)) {
    const stated = parseDecimal(m[1]!)!;
    const decimals = m[1]!.split('.')[1]?.length ?? 0;
    const half = q(5n, 10n ** BigInt(decimals + 1));
    if (qCmp(qAbs(qSub(qMul(ex.rate, q(100n)), stated)), half) <= 0) continue;
    const rate = formatRatioPercent(ex.rate);
    const printed = project.funds?.total.rate;
    out.add({
      ruleId: 'P-R08',
      where: `${project.name}/年度总体目标`,
      message: `项目“${project.name}”年度总体目标的实际完成情况称“${m[0]}”，自评表全年执行数 ÷ 全年预算数 = ${rate}${printed !== undefined ? `（表中执行率印为 ${printed}%）` : ''}`,
      found: ratioAmount(fromPercent(stated), `${m[1]}%`),
      expected: ratioAmount(ex.rate, rate),
    });
  }
}

/** R05: printed rate = B/A, for every fund row; no rate at all for a budget of 0. */
function checkFundRates(
  project: ProjectData,
  ex: ExecutionScore,
  profile: PerformanceProfile,
  out: Findings,
): void {
  const name = project.name;
  const funds = project.funds;
  const rows: [string, FundRowData | undefined][] = [
    ['年度资金总额', funds?.total],
    [funds?.fiscal?.label ?? '当年财政拨款', funds?.fiscal],
    ['上年结转资金', funds?.carryover],
    ['其他资金', funds?.other],
  ];
  for (const [label, row] of rows) {
    if (!row || row.rate === undefined) continue;
    const printed = parseDecimal(row.rate)!;
    if (row.final === undefined || row.executed === undefined) continue;
    const A = wanToFen(row.final);
    const B = wanToFen(row.executed);
    if (A === 0n) {
      if (B > 0n) {
        out.add({
          ruleId: 'P-R05',
          where: `${name}/执行率/${label}`,
          message: `项目“${name}”${label}全年预算数为 0、执行数 ${row.executed} 万元，执行率无定义，却印为 ${row.rate}%`,
        });
      }
      continue;
    }
    const r = q(B, A);
    const gap = qAbs(qSub(qMul(r, q(100n)), printed));
    if (qCmp(gap, profile.tolerance.ratePoints) > 0) {
      out.add({
        ruleId: 'P-R05',
        where: `${name}/执行率/${label}`,
        message: `项目“${name}”${label}执行率印为 ${row.rate}%，${row.executed} ÷ ${row.final} = ${formatRatioPercent(r)}`,
        found: ratioAmount(fromPercent(printed), `${row.rate}%`),
        expected: ratioAmount(r, formatRatioPercent(r)),
      });
    }
  }
  if (
    ex.flags.includes('zeroBudget') &&
    ex.executed !== undefined &&
    ex.executed > 0n &&
    funds?.total.rate === undefined
  ) {
    out.add({
      ruleId: 'P-R05',
      where: `${name}/执行率`,
      message: `项目“${name}”全年预算数为 0 而执行数为 ${formatAmount(ex.executed, '万元')} 万元，执行率无定义`,
    });
  }
}

/** R04 / R06: the 执行率 score. */
function checkExecutionScore(
  name: string,
  ex: ExecutionScore,
  profile: PerformanceProfile,
  out: Findings,
): void {
  if (ex.published === undefined) return;
  if (ex.published > ex.points) {
    out.add({
      ruleId: 'P-R04',
      where: `${name}/执行率`,
      message: `项目“${name}”预算执行率得分 ${H(ex.published)} 超过分值 ${H(ex.points)}`,
      found: scoreAmount(ex.published),
      expected: scoreAmount(ex.points),
    });
  }
  if (ex.expected !== null && ex.expected !== ex.published) {
    const over = differs(ex.published, ex.expected, profile);
    out.add({
      ruleId: 'P-R06',
      where: `${name}/执行率`,
      severity: over ? 'warning' : 'info',
      rounding: !over,
      message: `项目“${name}”预算执行率得分印为 ${H(ex.published)}，按口径 ${ex.formula}`,
      found: scoreAmount(ex.published),
      expected: scoreAmount(ex.expected),
    });
  }
}

/** R18: fund rows add up, for 年初预算数, A and B. */
function checkFundSums(name: string, funds: FundsData, out: Findings): void {
  for (const [col, label] of [
    ['initial', '年初预算数'],
    ['final', '全年预算数'],
    ['executed', '全年执行数'],
  ] as const) {
    const total = funds.total[col];
    const parts = [funds.fiscal, funds.carryover, funds.other]
      .map((r) => r?.[col])
      .filter((v) => v !== undefined);
    if (total === undefined || parts.length === 0) continue;
    const sum = parts.reduce((acc, v) => acc + wanToFen(v), 0n);
    const t = wanToFen(total);
    if (sum === t) continue;
    // Each figure is as exact as it is printed: allow half of each one's last digit.
    const tol = [total, ...parts].reduce((acc, v) => acc + halfStepFen(v), 0n);
    const diff = sum > t ? sum - t : t - sum;
    const over = diff > tol;
    out.add({
      ruleId: 'P-R18',
      where: `${name}/资金/${label}`,
      severity: over ? 'error' : 'info',
      rounding: !over,
      message: `项目“${name}”${label}：年度资金总额 ${total} 万元，各资金来源合计 ${formatAmount(sum, '万元', { decimals: exactWanDecimals(sum) })} 万元${over ? '' : '（在印刷尾数误差内）'}`,
      found: moneyAmount(t),
      expected: moneyAmount(sum),
    });
  }
}

/** R21: low execution without an explanation. */
function checkLowExecution(
  project: ProjectData,
  ex: ExecutionScore,
  profile: PerformanceProfile,
  out: Findings,
): void {
  if (!profile.executionExplainBelow || !ex.rate || qCmp(ex.rate, profile.executionExplainBelow) >= 0) return;
  const texts = [project.goals?.actual, ...(project.indicators ?? []).map((i) => i.deviation)];
  const explained = texts.some((t) => t !== undefined && /执行|进度|支付|结转|未发生|未支出|未实际/.test(t));
  if (!explained) {
    out.add({
      ruleId: 'P-R21',
      where: `${project.name}/执行率`,
      message: `项目“${project.name}”预算执行率 ${formatRatioPercent(ex.rate)}，低于 ${formatRatioPercent(profile.executionExplainBelow)}，自评表中没有说明原因`,
    });
  }
}

function halfStepFen(v: string | number): bigint {
  const text = String(v);
  const decimals = text.includes('.') ? text.split('.')[1]!.length : 0;
  // 1 万元 = 1,000,000 分; half of one printed last digit.
  return 1_000_000n / 10n ** BigInt(decimals) / 2n;
}

function checkGroups(project: ProjectData, out: Findings): void {
  const groups = project.groups ?? [];
  if (!groups.length) return;
  const indicators = project.indicators ?? [];
  const pts = (v: string | number) => toH(parseDecimal(v)!);
  const sumOf = (l1: string, l2: string) =>
    indicators
      .filter((i) => i.level1 === l1 && (i.level2 ?? '') === l2)
      .reduce((a, i) => a + pts(i.points), 0n);
  for (const g of groups.filter((g) => g.level2 !== undefined)) {
    const sum = sumOf(g.level1, g.level2!);
    if (sum !== pts(g.points)) {
      out.add({
        ruleId: 'P-R01',
        where: `${project.name}/${g.level1}/${g.level2}`,
        message: `项目“${project.name}”二级指标“${g.level2}”印为 ${H(pts(g.points))} 分，其下三级指标分值合计 ${H(sum)}`,
        found: scoreAmount(pts(g.points)),
        expected: scoreAmount(sum),
      });
    }
  }
  for (const g of groups.filter((g) => g.level2 === undefined)) {
    const children = [...new Set(indicators.filter((i) => i.level1 === g.level1).map((i) => i.level2 ?? ''))];
    const sum = children.reduce((acc, l2) => {
      const printed = groups.find((x) => x.level1 === g.level1 && x.level2 === l2);
      return acc + (printed ? pts(printed.points) : sumOf(g.level1, l2));
    }, 0n);
    if (sum !== pts(g.points)) {
      out.add({
        ruleId: 'P-R01',
        where: `${project.name}/${g.level1}`,
        message: `项目“${project.name}”一级指标“${g.level1}”印为 ${H(pts(g.points))} 分，其下二级指标分值合计 ${H(sum)}（${children.join('、') || '无'}）`,
        found: scoreAmount(pts(g.points)),
        expected: scoreAmount(sum),
      });
    }
  }
}

const PERCENT_NAME = /率|满意度/;

/** One indicator under check, with where its findings go and how they name it. */
interface IndicatorCheck {
  ind: IndicatorData;
  s: IndicatorScore;
  profile: PerformanceProfile;
  where: string;
  label: string;
  /** 偏差原因分析 is filled in. */
  explained: boolean;
  add: (e: Emit) => void;
}

function checkIndicator(
  project: string,
  ind: IndicatorData,
  s: IndicatorScore,
  profile: PerformanceProfile,
  out: Findings,
): string[] {
  const ids: string[] = [];
  const check: IndicatorCheck = {
    ind,
    s,
    profile,
    where: `${project}/${ind.name}`,
    label: `项目“${project}”指标“${ind.name}”`,
    explained: hasText(ind.deviation),
    add: (e) => ids.push(out.add(e).id),
  };
  const quantitative = !['qual', 'levels', 'quantOther'].includes(ind.target.kind);
  checkActual(check, quantitative);
  const overPoints = checkScoreRange(check);
  if (!overPoints) explainScoreDifference(check);
  checkOverCompletion(check);
  checkVagueTarget(check);
  if (quantitative) checkUnits(check);
  return ids;
}

/** R13: the actual of a quantitative indicator must be a value; R14: a qualitative one a known tier. */
function checkActual({ ind, s, profile, where, label, add }: IndicatorCheck, quantitative: boolean): void {
  if (quantitative) {
    if (s.flags.includes('actualInequality')) {
      add({
        ruleId: 'P-R13',
        where,
        message: `${label}实际完成值写作“${ind.actual}”${s.flags.includes('actualCopiesTarget') ? '，照抄了年度指标值' : ''}，应填写实际达到的数值`,
      });
    } else if (s.flags.includes('actualNotNumber')) {
      // A judgement where a figure was due cannot be compared with the target: not an error.
      add({
        ruleId: 'P-R13',
        where,
        severity: 'warning',
        message: `${label}年度指标值“${ind.target.text}”是定量目标，实际完成值却为“${ind.actual}”，应填写数值`,
      });
    } else if (s.flags.includes('actualMissing')) {
      add({ ruleId: 'P-R13', where, message: `${label}未填写实际完成值` });
    }
  } else if (s.flags.includes('unrecognizedLabel')) {
    // A judgement that cannot be compared with its target is never an error.
    add({
      ruleId: 'P-R14',
      where,
      severity: 'warning',
      message: `${label}实际完成值“${ind.actual}”不是可识别的完成档次（${[...profile.qualitative.labels.keys()].slice(0, 3).join('、')}等），也不同于年度指标值“${ind.target.text}”，无法确定得分区间`,
    });
  } else if (s.flags.includes('actualMissing')) {
    add({ ruleId: 'P-R14', where, severity: 'warning', message: `${label}未填写实际完成值（完成档次）` });
  }
}

/**
 * R04: 0 ≤ score ≤ points; R29: no score; R10: deducted without explanation. Whether the score
 * exceeds its points.
 */
function checkScoreRange({ s, where, label, explained, add }: IndicatorCheck): boolean {
  const published = s.published;
  const overPoints = published !== undefined && published > s.points;
  if (overPoints) {
    add({
      ruleId: 'P-R04',
      where,
      message: `${label}得分 ${H(published!)} 超过分值 ${H(s.points)}`,
      found: scoreAmount(published!),
      expected: scoreAmount(s.points),
    });
  }
  if (published === undefined) {
    add({ ruleId: 'P-R29', where, message: `${label}分值 ${H(s.points)}，得分空白` });
  }
  if (published !== undefined && published < s.points && !explained) {
    add({
      ruleId: 'P-R10',
      where,
      message: `${label}得分 ${H(published)} 低于分值 ${H(s.points)}，未填写偏差原因分析及改进措施`,
      found: scoreAmount(published),
      expected: scoreAmount(s.points),
    });
  }
  return overPoints;
}

/** The one finding that explains a difference between the published and the rule score. */
function explainScoreDifference(check: IndicatorCheck): void {
  const { ind, s, profile, where, label, explained, add } = check;
  const published = s.published;
  if (published === undefined || s.expected === null || published === s.expected) return;
  const found = scoreAmount(published);
  const expected = scoreAmount(s.expected);
  const why = `按规则：${s.formula}`;
  if (!differs(published, s.expected, profile)) {
    add({
      ruleId: 'P-S01',
      where,
      severity: 'info',
      rounding: true,
      message: `${label}得分 ${H(published)}，按规则 ${H(s.expected)}，差额在 ±${formatQ(profile.tolerance.score, 2)} 内（${why}）`,
      found,
      expected,
    });
  } else if (s.band) {
    explainBandScore(check, published, s.expected, s.band);
  } else if (s.met === false && published >= s.points) {
    add({
      ruleId: 'P-R09',
      where,
      severity: explained ? 'warning' : 'error',
      message: `${label}未达到年度指标值“${ind.target.text}”（实际 ${ind.actual ?? '—'}），却得满分 ${H(published)}；${why}${explained ? `；已说明：${ind.deviation}` : ''}`,
      found,
      expected,
    });
  } else if (s.met === true && published < s.expected) {
    const manualOk = manualScoreAccepted(check, published);
    add({
      ruleId: 'P-R11',
      where,
      severity: manualOk ? 'info' : 'warning',
      message: `${label}已达到年度指标值“${ind.target.text}”（实际 ${ind.actual ?? '—'}），得分 ${H(published)} 低于分值 ${H(s.points)}${explained ? `；扣分理由：${ind.deviation}` : '，未说明扣分理由'}${manualOk ? '（超额完成可酌情扣分，口径允许人工评分）' : ''}`,
      found,
      expected,
    });
  } else {
    const manualOk = manualScoreAccepted(check, published);
    add({
      ruleId: 'P-S01',
      where,
      severity: manualOk ? 'info' : 'warning',
      message: `${label}得分 ${H(published)}，${why}${manualOk ? `；口径允许人工评分且已说明：${ind.deviation}` : explained ? `；偏差原因：${ind.deviation}` : ''}`,
      found,
      expected,
    });
  }
}

/** A qualitative score outside the band of its 完成档次 (R27 when the wording only half commits). */
function explainBandScore(
  { ind, s, where, label, explained, add }: IndicatorCheck,
  published: bigint,
  ruleScore: bigint,
  band: NonNullable<IndicatorScore['band']>,
): void {
  const found = scoreAmount(published);
  const expected = scoreAmount(ruleScore);
  if (s.flags.includes('ambiguousLabel') && published > bandTop(band)) {
    add({
      ruleId: 'P-R27',
      where,
      message: `${label}实际完成值“${ind.actual}”只说明基本或部分达成（档次用语含糊，按“${band.label}”计），得分 ${H(published)} 已达分值的 ${formatRatioPercent(q(published, s.points))}；该档次得分应在 ${H(band.min)}–${H(band.max)}（不含）之间，按规则取 ${H(ruleScore)}`,
      found,
      expected,
    });
  } else {
    add({
      ruleId: 'P-R14',
      where,
      // A score below the tier with the deviation explained is the evaluator's own, stated judgement
      // that the printed 完成值 overstates the result: the two disagree, but nothing is over-scored.
      ...(explained && published < band.min ? { severity: 'warning' as const } : {}),
      message: `${label}${s.formula.split('：')[0]}，得分 ${H(published)} 不在该档次区间 ${H(band.min)}–${H(band.max)}${band.maxInclusive ? '' : '（不含）'} 内，按规则取 ${H(ruleScore)}${explained ? `；偏差原因：${ind.deviation}` : ''}`,
      found,
      expected,
    });
  }
}

/** A score the profile lets the evaluator set by hand (within its range, explained where required). */
function manualScoreAccepted({ s, profile, explained }: IndicatorCheck, published: bigint): boolean {
  return (
    s.manual !== undefined &&
    (explained || !profile.manualScore.requireExplanation) &&
    published >= s.manual.min &&
    published <= s.manual.max
  );
}

/** R12: over-completion. */
function checkOverCompletion({ ind, s, profile, where, label, explained, add }: IndicatorCheck): void {
  if (!s.flags.includes('overCompletion') || !s.ratio) return;
  const must = s.flags.includes('overCompletionExplain') && !explained;
  add({
    ruleId: 'P-R12',
    where,
    severity: must ? 'warning' : 'info',
    message: `${label}实际 ${ind.actual} 为年度指标值 ${ind.target.text} 的 ${formatRatioPercent(s.ratio)}${must ? `，达到 ${formatQ(profile.overCompletion.explainRatio!, 2)} 倍应说明原因（目标值是否偏低）` : `，达到 ${formatQ(profile.overCompletion.flagRatio, 2)} 倍，目标值可能偏低，可酌情扣分`}`,
    found: ratioAmount(s.ratio, formatRatioPercent(s.ratio)),
  });
}

/** R15: vague targets. */
function checkVagueTarget({ ind, profile, where, label, add }: IndicatorCheck): void {
  if (ind.target.kind !== 'qual' && ind.target.kind !== 'levels') return;
  const word = profile.vagueTargets.find((w) => normalizeValueText(ind.target.text).includes(w));
  if (word) {
    add({
      ruleId: 'P-R15',
      where,
      message: `${label}年度指标值“${ind.target.text}”（含“${word}”）没有可核验的标准，应量化或写明评判标准`,
    });
  }
}

/** R16: the units of a quantitative indicator. */
function checkUnits({ ind, s, where, label, add }: IndicatorCheck): void {
  if (!hasText(ind.target.unit)) {
    add({ ruleId: 'P-R16', where, message: `${label}是定量指标（${ind.target.text}），没有计量单位` });
  } else if (PERCENT_NAME.test(ind.name) && ind.target.unit !== '%') {
    add({
      ruleId: 'P-R16',
      where,
      message: `${label}是比率指标，年度指标值“${ind.target.text}”的单位应为 %，实为“${ind.target.unit}”`,
    });
  } else if (s.flags.includes('unitMismatch')) {
    add({
      ruleId: 'P-R16',
      where,
      message: `${label}实际完成值“${ind.actual}”与年度指标值“${ind.target.text}”单位不同`,
    });
  }
}

const isCost = (i: IndicatorData) => i.level1.includes('成本') || (i.level2 ?? '').includes('成本');

function checkCosts(
  project: ProjectData,
  score: ProjectScore,
  profile: PerformanceProfile,
  out: Findings,
): void {
  const name = project.name;
  const costs = score.indicators.filter(
    (i) =>
      isCost(i.data) &&
      ['le', 'lt', 'eq'].includes(i.data.target.kind) &&
      i.data.target.unit !== undefined &&
      profile.cost.moneyUnits.includes(i.data.target.unit as '万元' | '元'),
  );
  const toWan = (v: Q, unit: string | undefined) => (unit === '元' ? qDiv(v, q(10000n)) : v);
  for (const { data, score: s } of costs) {
    const t = toWan(parseDecimal(data.target.value!)!, data.target.unit);
    const a = s.actualValue ? toWan(s.actualValue, data.target.unit) : undefined;
    if (!a || qCmp(t, Q0) <= 0) continue;
    if (qCmp(a, Q0) === 0 || qCmp(a, qMul(t, profile.cost.underspendRatio)) < 0) {
      out.add({
        ruleId: 'P-R19',
        where: `${name}/${data.name}`,
        message: `项目“${name}”成本指标“${data.name}”实际 ${data.actual}，不足年度指标值 ${data.target.text} 的 ${formatRatioPercent(profile.cost.underspendRatio, 0)}（${formatRatioPercent(qDiv(a, t))}）：支出远低于计划，应核实相应产出是否完成${s.published !== undefined && s.published >= s.points ? '；该指标仍得满分' : ''}`,
        found: ratioAmount(qDiv(a, t), formatRatioPercent(qDiv(a, t))),
      });
    }
  }
  const ex = score.execution;
  if (costs.length && ex.budget !== undefined) {
    const targets = qSum(costs.map((c) => toWan(parseDecimal(c.data.target.value!)!, c.data.target.unit)));
    const A = q(ex.budget, 1_000_000n);
    if (qCmp(targets, A) > 0) {
      out.add({
        ruleId: 'P-R19',
        where: `${name}/成本合计`,
        message: `项目“${name}”成本指标年度指标值合计 ${formatQ(targets, 6)} 万元，超过全年预算数 ${formatQ(A, 6)} 万元`,
      });
    }
    const actuals = costs.map((c) =>
      c.score.actualValue ? toWan(c.score.actualValue, c.data.target.unit) : null,
    );
    if (ex.executed !== undefined && actuals.every((v) => v !== null)) {
      const sum = qSum(actuals as Q[]);
      const B = q(ex.executed, 1_000_000n);
      // Printed actuals carry their own rounding: allow half a last digit of each.
      const tol = qSum(
        costs.map((c) => {
          const d =
            String(c.data.actual ?? '')
              .split('.')[1]
              ?.replace(/\D.*$/, '').length ?? 0;
          return q(5n, 10n ** BigInt(d + 1));
        }),
      );
      if (qCmp(qAbs(qSub(sum, B)), tol) > 0 && qCmp(sum, B) > 0) {
        out.add({
          ruleId: 'P-R19',
          where: `${name}/成本合计`,
          message: `项目“${name}”成本指标实际完成值合计 ${formatQ(sum, 6)} 万元，超过全年执行数 ${formatQ(B, 6)} 万元`,
        });
      }
    }
  }
  // R20: over-executed while a cost-control indicator has full marks.
  if (ex.rate && qCmp(ex.rate, q(1n)) > 0) {
    const full = score.indicators.filter(
      (i) => isCost(i.data) && i.score.published !== undefined && i.score.published >= i.score.points,
    );
    for (const c of full) {
      out.add({
        ruleId: 'P-R20',
        where: `${name}/${c.data.name}`,
        message: `项目“${name}”执行率 ${formatRatioPercent(ex.rate)} 超过 100%，成本指标“${c.data.name}”仍得满分`,
      });
    }
  }
}

function checkSummary(
  data: PerformanceData,
  scores: { project: ProjectData; score: ProjectScore }[],
  pkg: DataPackage,
  profile: PerformanceProfile,
  out: Findings,
): void {
  if (!scores.length) return;
  const budgets = scores.map((s) => s.score.execution.budget).filter((v): v is bigint => v !== undefined);
  const covered = budgets.reduce((a, b) => a + b, 0n);
  const projectExpense = pkg.facts.get('expense nature=project');
  const wan = (f: bigint) => `${formatAmount(f, '万元', { decimals: exactWanDecimals(f) })}万元`;
  if (projectExpense !== undefined && budgets.length === scores.length) {
    if (covered > projectExpense) {
      out.add({
        ruleId: 'P-R22',
        where: '项目自评/资金',
        message: `自评的 ${scores.length} 个项目全年预算数合计 ${wan(covered)}，超过决算项目支出 ${wan(projectExpense)}（expense nature=project）`,
        found: moneyAmount(covered),
        expected: moneyAmount(projectExpense),
      });
    }
    const stated = data.summary?.coveragePercent;
    if (stated !== undefined && projectExpense > 0n) {
      const r = q(covered, projectExpense);
      const printed = parseDecimal(stated)!;
      if (qCmp(qAbs(qSub(qMul(r, q(100n)), printed)), profile.tolerance.ratePoints) > 0) {
        out.add({
          ruleId: 'P-R22',
          where: '项目自评/覆盖率',
          message: `绩效情况说明称自评资金占项目支出 ${stated}%，按自评表全年预算数合计 ${wan(covered)} ÷ 项目支出 ${wan(projectExpense)} 为 ${formatRatioPercent(r)}`,
          found: ratioAmount(fromPercent(printed), `${stated}%`),
          expected: ratioAmount(r, formatRatioPercent(r)),
        });
      }
    }
  }
  const summary = data.summary;
  if (!summary) return;
  if (summary.projectCount !== undefined && summary.projectCount !== scores.length) {
    out.add({
      ruleId: 'P-R08',
      where: '项目自评/项目数',
      message: `绩效情况说明称自评项目 ${summary.projectCount} 个，公开的项目支出绩效自评表有 ${scores.length} 张`,
    });
  }
  if (summary.amount !== undefined && budgets.length === scores.length) {
    const stated = wanToFen(summary.amount);
    if (stated !== covered) {
      out.add({
        ruleId: 'P-R08',
        where: '项目自评/资金',
        message: `绩效情况说明称自评涉及资金 ${summary.amount} 万元，自评表全年预算数合计 ${wan(covered)}`,
        found: moneyAmount(stated),
        expected: moneyAmount(covered),
      });
    }
  }
  if (summary.grades) {
    const counts = new Map<string, number>();
    for (const { score } of scores) {
      // The tables' totals decide; a grade entered per project may itself come from the narrative.
      const g = score.gradeOfPublished;
      if (g) counts.set(g, (counts.get(g) ?? 0) + 1);
    }
    for (const g of profile.grades.map((x) => x.label)) {
      const stated = summary.grades[g as keyof typeof summary.grades] ?? 0;
      const actual = counts.get(g) ?? 0;
      if (stated !== actual) {
        out.add({
          ruleId: 'P-R08',
          where: `项目自评/等级/${g}`,
          message: `绩效情况说明称评价为“${g}”的项目 ${stated} 个，按自评表总分为 ${actual} 个`,
        });
      }
    }
  }
}

function checkWholeDepartment(
  result: WholeDepartmentResult,
  data: PerformanceData,
  profile: PerformanceProfile,
  out: Findings,
): void {
  checkIndicatorSystem(result.system, out);
  const anyPublishedScore = checkDepartmentIndicators(result, data, profile, out);
  checkDepartmentTotal(result, anyPublishedScore, profile, out);
}

/** R28 and R01 on the indicator system itself (template defects). */
function checkIndicatorSystem(sys: WholeDepartmentResult['system'], out: Findings): void {
  for (const ind of sys.indicators) {
    if (ind.formula.kind !== 'checklist') continue;
    const items = qSum(ind.formula.items.map((i) => parseDecimal(i.points)!));
    const pts = parseDecimal(ind.points)!;
    if (qCmp(items, pts) > 0) {
      out.add({
        ruleId: 'P-R28',
        where: `整体/${ind.name}`,
        message: `指标体系“${sys.title}”中“${ind.name}”（${ind.points} 分）的评分标准各项合计 ${formatQ(items, 2)} 分，超过指标分值（模板缺陷；得分以分值封顶）`,
        found: scoreAmount(toH(items)),
        expected: scoreAmount(toH(pts)),
      });
    }
  }
  for (const g of sys.groups) {
    const members = sys.indicators.filter(
      (i) => i.level1 === g.level1 && (g.level2 === undefined || i.level2 === g.level2),
    );
    const sum = qSum(members.map((i) => parseDecimal(i.points)!));
    if (qCmp(sum, g.points) !== 0) {
      out.add({
        ruleId: 'P-R01',
        where: `整体/${g.level1}${g.level2 ? `/${g.level2}` : ''}`,
        message: `指标体系“${sys.title}”中“${g.level2 ?? g.level1}”印为 ${formatQ(g.points, 2)} 分，其下指标分值合计 ${formatQ(sum, 2)}（${members.map((m) => m.name).join('、')}）`,
        found: scoreAmount(toH(g.points)),
        expected: scoreAmount(toH(sum)),
      });
    }
  }
}

/** R23, S01 and D01 per indicator of the whole department. Whether any score is published. */
function checkDepartmentIndicators(
  result: WholeDepartmentResult,
  data: PerformanceData,
  profile: PerformanceProfile,
  out: Findings,
): boolean {
  const inputs = data.wholeDepartment?.indicators ?? {};
  let anyPublishedScore = false;
  for (const r of result.indicators) {
    const where = `整体/${r.name}`;
    if (r.stated !== undefined && r.rate) {
      const gap = qAbs(qSub(qMul(r.rate, q(100n)), r.stated));
      if (qCmp(gap, profile.tolerance.ratePoints) > 0) {
        out.add({
          ruleId: 'P-R23',
          where,
          message: `部门整体评价“${r.name}”印为 ${formatQ(r.stated, 4)}%，按决算数据 ${r.formula.split('；')[0]}`,
          found: ratioAmount(fromPercent(r.stated), `${formatQ(r.stated, 4)}%`),
          expected: ratioAmount(r.rate, formatRatioPercent(r.rate)),
        });
      }
    }
    if (r.published !== undefined) {
      anyPublishedScore = true;
      if (r.expected !== null && r.published !== r.expected) {
        const over = differs(r.published, r.expected, profile);
        out.add({
          ruleId: 'P-S01',
          where,
          severity: over ? 'warning' : 'info',
          rounding: !over,
          message: `部门整体评价“${r.name}”得分 ${H(r.published)}，按规则 ${r.formula}`,
          found: scoreAmount(r.published),
          expected: scoreAmount(r.expected),
        });
      }
    }
    if (r.status === 'entered' && !hasText(inputs[r.id]?.evidence)) {
      out.add({
        ruleId: 'P-D01',
        where,
        message: `部门整体评价“${r.name}”使用了录入数据（不能由决算数据包确定），没有写明佐证（evidence）`,
      });
    }
  }
  return anyPublishedScore;
}

/** R26, R07 and R03.2 on the published result of the whole department. */
function checkDepartmentTotal(
  result: WholeDepartmentResult,
  anyPublishedScore: boolean,
  profile: PerformanceProfile,
  out: Findings,
): void {
  const published = result.published;
  if (published?.grade !== undefined && published.total === undefined && !anyPublishedScore) {
    out.add({
      ruleId: 'P-R26',
      where: '整体',
      message: `部门整体支出绩效评价结果为“${published.grade}”，但没有公开评分表或总分；按“${result.system.title}”可由决算数据确定的指标得 ${H(result.total)} / ${H(result.scoredPoints)}，其余 ${result.indicators.filter((i) => i.expected === null).length} 项须录入`,
    });
  }
  if (published?.grade !== undefined && published.total !== undefined) {
    const g = gradeOf(published.total, profile);
    if (g !== published.grade) {
      out.add({
        ruleId: 'P-R07',
        where: '整体',
        message: `部门整体支出绩效评价等级为“${published.grade}”，总分 ${H(published.total)} 对应“${g}”`,
      });
    }
  }
  if (published?.total !== undefined && result.complete && published.total !== result.total) {
    const over = differs(published.total, result.total, profile);
    out.add({
      ruleId: 'P-R03.2',
      where: '整体',
      severity: over ? 'warning' : 'info',
      rounding: !over,
      message: `部门整体支出绩效评价总分 ${H(published.total)}，按规则为 ${H(result.total)}`,
      found: scoreAmount(published.total),
      expected: scoreAmount(result.total),
    });
  }
}
