/**
 * The scoring engine for 项目支出绩效自评 (docs/performance.md#formulas): every indicator scored by
 * its kind under a profile, 预算执行率 and its score, totals and grade. Each result carries the
 * rule, the formula with its figures and the inputs, so a reader can see why; published scores are
 * kept beside the rule scores, never overwritten.
 */

import {
  formatHundredths,
  formatQ,
  formatRatioPercent,
  parseDecimal,
  type Q,
  Q0,
  Q1,
  q,
  qClamp,
  qCmp,
  qDiv,
  qFromHundredths,
  qIsZero,
  qMax,
  qMul,
  qSub,
  toHundredths,
} from '../exact';
import { parseAmount } from '../money';
import type { Band, PerformanceProfile } from './profile';
import type { DecimalInput, FundsData, IndicatorData, ProjectData, TargetKind, Tier } from './schema';
import { normalizeValueText, parseActualText, sameText } from './text';

export type ScoreRule =
  | 'positive'
  | 'equal'
  | 'equalZero'
  | 'reverse'
  | 'reverseZero'
  | 'range'
  | 'qualitative'
  | 'levels'
  | 'manual'
  | 'unscorable';

export const SCORE_RULE_LABEL: Record<ScoreRule, string> = {
  positive: '正向指标：实际值达到目标值得满分，未达到按 实际值 ÷ 目标值 × 分值 计分',
  equal: '等于指标（目标值 > 0）：同正向指标计分',
  equalZero: '等于指标（目标值 = 0）：实际值 ≤ 0 得满分，否则 0 分',
  reverse:
    '反向指标：实际值不超过目标值得满分；超过时按 (1 − (实际值 − 目标值) ÷ 目标值) × 分值 计分，达到目标值 2 倍得 0 分',
  reverseZero: '反向指标（目标值 = 0）：实际值 ≤ 0 得满分，否则 0 分',
  range: '区间指标：在区间内得满分；低于下限按 实际值 ÷ 下限 × 分值；高于上限按反向指标以上限为目标计分 [P]',
  qualitative: '定性指标：按完成档次，得分须在档次区间内（达成 80%–100%，部分达成 60%–80%，未达成 0–60%）',
  levels: '定性指标（优良中差）：按等级区间计分 [P]',
  manual: '按口径须人工评分',
  unscorable: '无法按规则计分',
};

export type IndicatorFlag =
  /** a ≥ flagRatio × t: the target may have been set too low; the evaluator may deduct. */
  | 'overCompletion'
  /** a ≥ explainRatio × t: an explanation is required. */
  | 'overCompletionExplain'
  | 'ambiguousLabel'
  | 'unrecognizedLabel'
  | 'actualMissing'
  /** The actual is written as a comparison (≥90%). */
  | 'actualInequality'
  /** A number was expected; the actual is text. */
  | 'actualNotNumber'
  | 'actualCopiesTarget'
  | 'unitMismatch'
  | 'manualOnly';

/** Scores are hundredths (bigint): 819n is 8.19. */
export interface ScoreBand {
  label: string;
  min: bigint;
  max: bigint;
  maxInclusive: boolean;
}

export interface IndicatorScore {
  kind: TargetKind;
  points: bigint;
  /** The rule score; null when the rule cannot give one (no actual, manual-only). */
  expected: bigint | null;
  /** Target reached by the rule's reading; null when not known. */
  met: boolean | null;
  /** Qualitative: the tier's band; the rule score lies in it. */
  band?: ScoreBand;
  tier?: Tier;
  /** Where the tier came from. */
  tierSource?: 'stated' | 'label' | 'sameAsTarget' | 'level';
  /** Where the profile lets the evaluator score by hand (with an explanation when required). */
  manual?: { min: bigint; max: bigint };
  /** Actual ÷ target, for comparison kinds with a positive target. */
  ratio?: Q;
  actualValue?: Q;
  flags: IndicatorFlag[];
  rule: ScoreRule;
  ruleText: string;
  /** The computation with its figures, e.g. 1 ÷ 2 × 3 = 1.50. */
  formula: string;
  inputs: Record<string, string>;
  published?: bigint;
}

const H = (v: Q) => toHundredths(v);
const dec = (v: DecimalInput): Q => parseDecimal(v)!;
/** A score or points entry as hundredths. */
export const hundredthsOf = (v: DecimalInput): bigint => toHundredths(dec(v));
const fmt = (v: Q) => formatQ(v, 6);

function bandOf(band: Band, points: Q): ScoreBand {
  return {
    label: band.label,
    min: H(qMul(band.min, points)),
    max: H(qMul(band.max, points)),
    maxInclusive: band.maxInclusive,
  };
}

/** Clamps hundredths (bigint: Math.min/max do not take them). */
export function clampBig(v: bigint, lo: bigint, hi: bigint): bigint {
  if (v < lo) return lo;
  return v > hi ? hi : v;
}

/** The highest score a band allows: its top, or one hundredth below an open top. */
export const bandTop = (b: ScoreBand): bigint => (b.maxInclusive ? b.max : b.max - 1n);

export function inBand(score: bigint, b: ScoreBand): boolean {
  return score >= b.min && (b.maxInclusive ? score <= b.max : score < b.max);
}

export function tierOfActual(
  ind: IndicatorData,
  profile: PerformanceProfile,
): { tier: Tier; source: 'stated' | 'label' | 'sameAsTarget'; ambiguous: boolean } | null {
  if (ind.tier) return { tier: ind.tier, source: 'stated', ambiguous: false };
  if (ind.actual === undefined) return null;
  const key = normalizeValueText(ind.actual);
  for (const [text, mapping] of profile.qualitative.labels) {
    if (normalizeValueText(text) === key)
      return { tier: mapping.tier, source: 'label', ambiguous: mapping.ambiguous };
  }
  if (profile.qualitative.sameAsTarget && sameText(ind.actual, ind.target.text)) {
    return { tier: profile.qualitative.sameAsTarget, source: 'sameAsTarget', ambiguous: false };
  }
  return null;
}

const TIER_LABEL: Record<Tier, string> = { achieved: '达成', partial: '部分达成', notAchieved: '未达成' };

/** Scores one 三级指标 under the profile. */
export function scoreIndicator(ind: IndicatorData, profile: PerformanceProfile): IndicatorScore {
  const w = dec(ind.points);
  const points = H(w);
  const published = ind.score !== undefined ? hundredthsOf(ind.score) : undefined;
  const base = {
    kind: ind.target.kind,
    points,
    flags: [] as IndicatorFlag[],
    inputs: {
      分值: formatQ(w, 2),
      年度指标值: ind.target.text,
      实际完成值: ind.actual ?? '（未填）',
    } as Record<string, string>,
    ...(published !== undefined ? { published } : {}),
  };
  switch (ind.target.kind) {
    case 'qual':
    case 'quantOther':
    case 'levels':
      return scoreQualitative(ind, profile, w, base);
    default:
      return scoreQuantitative(ind, profile, w, base);
  }
}

type Base = Pick<IndicatorScore, 'kind' | 'points' | 'flags' | 'inputs' | 'published'>;

function unscorable(base: Base, reason: string, rule: ScoreRule = 'unscorable'): IndicatorScore {
  return { ...base, expected: null, met: null, rule, ruleText: SCORE_RULE_LABEL[rule], formula: reason };
}

function actualNumber(ind: IndicatorData, base: Base): Q | string {
  if (ind.actualValue !== undefined) return dec(ind.actualValue);
  const parsed = parseActualText(ind.actual);
  switch (parsed.kind) {
    case 'number': {
      const unit = ind.target.unit;
      if (parsed.unit && unit && normalizeValueText(parsed.unit) !== normalizeValueText(unit)) {
        base.flags.push('unitMismatch');
      }
      return parsed.value;
    }
    case 'empty':
      base.flags.push('actualMissing');
      return '实际完成值未填写';
    case 'inequality':
      base.flags.push('actualInequality');
      if (sameText(parsed.text, ind.target.text)) base.flags.push('actualCopiesTarget');
      return `实际完成值“${parsed.text}”是一个比较式，不是实际值`;
    case 'label':
      base.flags.push('actualNotNumber');
      return `实际完成值“${parsed.text}”不是数值`;
  }
}

/** Scores a figure: the indicator's total for `score` clamped to 0–w, with how it was reached. */
type Scorer = (
  rule: ScoreRule,
  score: Q,
  met: boolean,
  formula: string,
  extra?: Partial<IndicatorScore>,
) => IndicatorScore;

function scoreQuantitative(
  ind: IndicatorData,
  profile: PerformanceProfile,
  w: Q,
  base: Base,
): IndicatorScore {
  const a = actualNumber(ind, base);
  if (typeof a === 'string') return unscorable(base, a);
  const t = ind.target;
  const result: Scorer = (rule, score, met, formula, extra = {}) => {
    const expected = H(qClamp(score, Q0, w));
    return {
      ...base,
      expected,
      met,
      actualValue: a,
      rule,
      ruleText: SCORE_RULE_LABEL[rule],
      formula: `${formula} = ${formatHundredths(expected)}`,
      ...extra,
    };
  };
  const wText = formatQ(w, 2);
  const aText = fmt(a);
  if (t.kind === 'range') return scoreRange(a, t, profile, w, base, result);
  const tv = dec(t.value!);
  base.inputs.目标值 = fmt(tv);
  const ratio = qCmp(tv, Q0) > 0 ? qDiv(a, tv) : undefined;
  const withRatio = ratio ? { ratio } : {};
  if (t.kind === 'ge' || t.kind === 'gt' || t.kind === 'eq') {
    return scoreAtLeast(a, tv, t.kind, ratio, profile, w, base, result);
  }
  // ≤ and <: lower is better.
  if (profile.formulas.reverse === 'manual' && qCmp(a, tv) > 0) {
    base.flags.push('manualOnly');
    return unscorable(base, `实际值 ${aText} 超过目标值 ${fmt(tv)}，口径要求人工评分`, 'manual');
  }
  if (qCmp(a, tv) <= 0)
    return result('reverse', w, true, `${aText} ≤ ${fmt(tv)}，得满分 ${wText}`, withRatio);
  if (qCmp(tv, Q0) <= 0) return result('reverseZero', Q0, false, `${aText} > ${fmt(tv)}，得 0`, withRatio);
  return reverseAbove(a, tv, w, base, result, withRatio, 'reverse');
}

/** Within [下限, 上限] full marks; below in proportion; above as far as twice the bound. */
function scoreRange(
  a: Q,
  t: IndicatorData['target'],
  profile: PerformanceProfile,
  w: Q,
  base: Base,
  result: Scorer,
): IndicatorScore {
  const wText = formatQ(w, 2);
  const aText = fmt(a);
  const lo = dec(t.min!);
  const hi = dec(t.max!);
  base.inputs.下限 = fmt(lo);
  base.inputs.上限 = fmt(hi);
  if (profile.formulas.range === 'manual' && (qCmp(a, lo) < 0 || qCmp(a, hi) > 0)) {
    base.flags.push('manualOnly');
    return unscorable(base, `实际值 ${aText} 在区间 [${fmt(lo)}, ${fmt(hi)}] 外，口径要求人工评分`, 'manual');
  }
  const manual = profile.manualScore.kinds.has('range') ? { manual: { min: 0n, max: H(w) } } : {};
  if (qCmp(a, lo) >= 0 && qCmp(a, hi) <= 0) {
    return result('range', w, true, `${fmt(lo)} ≤ ${aText} ≤ ${fmt(hi)}，得满分 ${wText}`, manual);
  }
  if (qCmp(a, lo) < 0) {
    if (qCmp(lo, Q0) <= 0) return result('range', Q0, false, `${aText} 低于下限 ${fmt(lo)}`, manual);
    return result('range', qMul(qDiv(a, lo), w), false, `${aText} ÷ ${fmt(lo)} × ${wText}`, manual);
  }
  return reverseAbove(a, hi, w, base, result, manual, 'range');
}

/** ≥, > and =: reaching the target gives full marks, less in proportion (= 0 targets: at most 0). */
function scoreAtLeast(
  a: Q,
  tv: Q,
  kind: 'ge' | 'gt' | 'eq',
  ratio: Q | undefined,
  profile: PerformanceProfile,
  w: Q,
  base: Base,
  result: Scorer,
): IndicatorScore {
  const wText = formatQ(w, 2);
  const aText = fmt(a);
  const withRatio = ratio ? { ratio } : {};
  if (ratio && qCmp(a, tv) >= 0) {
    if (qCmp(ratio, profile.overCompletion.flagRatio) >= 0) base.flags.push('overCompletion');
    const explain = profile.overCompletion.explainRatio;
    if (explain && qCmp(ratio, explain) >= 0) base.flags.push('overCompletionExplain');
  }
  const overManual =
    profile.manualScore.overCompletion && base.flags.includes('overCompletion')
      ? { manual: { min: 0n, max: H(w) } }
      : {};
  if (kind === 'eq') {
    if (profile.formulas.equal === 'manual' && qCmp(a, tv) !== 0) {
      base.flags.push('manualOnly');
      return unscorable(base, `实际值 ${aText} ≠ 目标值 ${fmt(tv)}，口径要求人工评分`, 'manual');
    }
    if (qIsZero(tv)) {
      const met = qCmp(a, Q0) <= 0;
      return result(
        'equalZero',
        met ? w : Q0,
        met,
        met ? `${aText} ≤ 0，得满分 ${wText}` : `${aText} > 0，得 0`,
      );
    }
  }
  const rule: ScoreRule = kind === 'eq' ? 'equal' : 'positive';
  if (qCmp(a, tv) >= 0) {
    const sign = qCmp(a, tv) === 0 ? '=' : kind === 'eq' ? '>（超出目标仍得满分）' : '≥';
    return result(rule, w, true, `${aText} ${sign} ${fmt(tv)}，得满分 ${wText}`, {
      ...withRatio,
      ...overManual,
    });
  }
  if (qCmp(tv, Q0) <= 0) return result(rule, Q0, false, `${aText} < ${fmt(tv)}`, withRatio);
  return result(rule, qMul(qDiv(a, tv), w), false, `${aText} ÷ ${fmt(tv)} × ${wText}`, withRatio);
}

function reverseAbove(
  a: Q,
  t: Q,
  w: Q,
  _base: Base,
  result: Scorer,
  extra: Partial<IndicatorScore>,
  rule: ScoreRule,
): IndicatorScore {
  const wText = formatQ(w, 2);
  if (qCmp(t, Q0) <= 0) return result(rule, Q0, false, `${fmt(a)} > ${fmt(t)}，得 0`, extra);
  const twice = qMul(t, q(2n));
  if (qCmp(a, twice) >= 0) {
    return result(rule, Q0, false, `${fmt(a)} ≥ 2 × ${fmt(t)}，得 0`, extra);
  }
  const share = qSub(Q1, qDiv(qSub(a, t), t));
  return result(rule, qMul(share, w), false, `(1 − (${fmt(a)} − ${fmt(t)}) ÷ ${fmt(t)}) × ${wText}`, extra);
}

function scoreQualitative(ind: IndicatorData, profile: PerformanceProfile, w: Q, base: Base): IndicatorScore {
  let band: ScoreBand | undefined;
  let tier: Tier | undefined;
  let tierSource: IndicatorScore['tierSource'];
  let rule: ScoreRule = 'qualitative';
  if (ind.target.kind === 'levels' && !ind.tier) {
    rule = 'levels';
    const level = ind.actual !== undefined ? normalizeValueText(ind.actual) : '';
    const aliased = profile.gradeAliases[level] ?? level;
    const found = profile.qualitative.levels.find((l) => l.label === aliased);
    if (found) {
      band = bandOf(found, w);
      tierSource = 'level';
    }
  } else {
    const found = tierOfActual(ind, profile);
    if (found) {
      tier = found.tier;
      tierSource = found.source;
      band = bandOf(profile.qualitative.tiers[found.tier], w);
      if (found.ambiguous) base.flags.push('ambiguousLabel');
    }
  }
  if (!band) {
    if (ind.actual === undefined || ind.actual.trim() === '') base.flags.push('actualMissing');
    else base.flags.push('unrecognizedLabel');
    return unscorable(
      base,
      ind.actual
        ? `实际完成值“${ind.actual}”不是可识别的完成档次，也不同于年度指标值“${ind.target.text}”`
        : '实际完成值未填写',
    );
  }
  const top = bandTop(band);
  const published = base.published;
  // Inside the band the evaluator's score is the rule's; outside it, the nearest end
  // (docs/performance.md#formulas: default is the top of the band unless the evaluator lowers it).
  let expected = top;
  if (published !== undefined) expected = clampBig(published, band.min, top);
  const span = `${formatHundredths(band.min)}–${formatHundredths(band.max)}${band.maxInclusive ? '' : '（不含）'}`;
  const tierName = tier ? TIER_LABEL[tier] : band.label;
  const sourceText =
    tierSource === 'stated'
      ? '（评价人认定）'
      : tierSource === 'sameAsTarget'
        ? '（实际完成值与年度指标值相同）'
        : tierSource === 'label'
          ? `（“${ind.actual}”）`
          : '';
  return {
    ...base,
    expected,
    met: tier ? tier === 'achieved' : null,
    band,
    ...(tier ? { tier } : {}),
    ...(tierSource ? { tierSource } : {}),
    ...(profile.manualScore.kinds.has(ind.target.kind) ? { manual: { min: band.min, max: top } } : {}),
    rule,
    ruleText: SCORE_RULE_LABEL[rule],
    formula: `档次 ${tierName}${sourceText}：得分区间 ${span}，${published === undefined ? '取上限' : published === expected ? '评价得分在区间内' : '评价得分在区间外，取最近端点'} ${formatHundredths(expected)}`,
  };
}

// —— 预算执行率 ——

export interface ExecutionScore {
  /** 全年预算数 A and 全年执行数 B of 年度资金总额, 分. */
  budget?: bigint;
  executed?: bigint;
  /** B / A; null when A is 0 or missing. */
  rate: Q | null;
  points: bigint;
  expected: bigint | null;
  published?: bigint;
  /** Printed 执行率, percent. */
  printedRate?: Q;
  flags: ('zeroBudget' | 'overExecution' | 'missingFunds')[];
  formula: string;
  inputs: Record<string, string>;
}

/** An amount in 万元 (as entered) → 分, exactly. */
export const wanToFen = (v: DecimalInput): bigint => {
  const parsed = parseAmount(typeof v === 'number' ? v : v, '万元');
  if (!parsed.ok) throw new RangeError(parsed.reason);
  return parsed.fen;
};

/** 预算执行率 = B ÷ A and its score (default min(r, 1) × 分值), exactly. */
export function scoreExecution(funds: FundsData | undefined, profile: PerformanceProfile): ExecutionScore {
  const total = funds?.total;
  const w = total?.points !== undefined ? dec(total.points) : profile.execution.points;
  const points = H(w);
  const published = total?.score !== undefined ? hundredthsOf(total.score) : undefined;
  const printedRate = total?.rate !== undefined ? dec(total.rate) : undefined;
  const common = {
    points,
    ...(published !== undefined ? { published } : {}),
    ...(printedRate ? { printedRate } : {}),
  };
  if (total?.final === undefined || total.executed === undefined) {
    return {
      ...common,
      rate: null,
      expected: null,
      flags: ['missingFunds'],
      formula: '全年预算数 A 或全年执行数 B 未填写，无法计算执行率',
      inputs: {},
    };
  }
  const A = wanToFen(total.final);
  const B = wanToFen(total.executed);
  const inputs = {
    全年预算数A: `${total.final}万元`,
    全年执行数B: `${total.executed}万元`,
    分值: formatQ(w, 2),
  };
  if (A === 0n) {
    return {
      ...common,
      budget: A,
      executed: B,
      rate: null,
      expected: null,
      flags: ['zeroBudget'],
      formula: '全年预算数 A 为 0，执行率无定义',
      inputs,
    };
  }
  const r = q(B, A);
  const flags: ExecutionScore['flags'] = [];
  let share = r;
  let how = `${total.executed} ÷ ${total.final} = ${formatRatioPercent(r)}`;
  if (qCmp(r, Q1) > 0) {
    flags.push('overExecution');
    if (profile.execution.overExecution === 'reverse') {
      share = qMax(Q0, qSub(q(2n), r));
      how += `，超过 100% 按 (2 − 执行率) 计`;
    } else if (profile.execution.cap) {
      share = Q1;
      how += '，超过 100% 按 100% 计';
    }
  }
  const expected = H(qClamp(qMul(share, w), Q0, w));
  return {
    ...common,
    budget: A,
    executed: B,
    rate: r,
    expected,
    flags,
    formula: `${how}；${profile.execution.cap ? 'min(执行率, 1)' : '执行率'} × ${formatQ(w, 2)} = ${formatHundredths(expected)}`,
    inputs,
  };
}

// —— projects ——

export interface ScoredIndicator {
  index: number;
  data: IndicatorData;
  score: IndicatorScore;
}

export interface ProjectScore {
  name: string;
  execution: ExecutionScore;
  indicators: ScoredIndicator[];
  /** Σ points incl. 执行率, hundredths. */
  pointsSum: bigint;
  /** Σ published scores incl. 执行率; rows without a published score count 0. */
  publishedSum: bigint;
  /** Rows with no published score. */
  unpublished: number;
  /** Σ rule scores; a row the rule cannot score counts its published score (see `ruleComplete`). */
  ruleTotal: bigint;
  ruleComplete: boolean;
  publishedTotal?: bigint;
  publishedGrade?: string;
  /** Grade of the published total (or of the published sum when no total is printed). */
  gradeOfPublished: string | null;
  gradeOfRule: string;
}

export function scoreProject(project: ProjectData, profile: PerformanceProfile): ProjectScore {
  const execution = scoreExecution(project.funds, profile);
  const indicators = (project.indicators ?? []).map((data, index) => ({
    index,
    data,
    score: scoreIndicator(data, profile),
  }));
  let pointsSum = execution.points;
  let publishedSum = execution.published ?? 0n;
  let unpublished = execution.published === undefined ? 1 : 0;
  let ruleTotal = execution.expected ?? execution.published ?? 0n;
  let ruleComplete = execution.expected !== null;
  for (const { score } of indicators) {
    pointsSum += score.points;
    if (score.published !== undefined) publishedSum += score.published;
    else unpublished++;
    if (score.expected !== null) ruleTotal += score.expected;
    else {
      ruleComplete = false;
      ruleTotal += score.published ?? 0n;
    }
  }
  const publishedTotal = project.total?.score !== undefined ? hundredthsOf(project.total.score) : undefined;
  const publishedGrade = project.grade !== undefined ? normalizeGrade(project.grade, profile) : undefined;
  return {
    name: project.name,
    execution,
    indicators,
    pointsSum,
    publishedSum,
    unpublished,
    ruleTotal,
    ruleComplete,
    ...(publishedTotal !== undefined ? { publishedTotal } : {}),
    ...(publishedGrade !== undefined ? { publishedGrade } : {}),
    gradeOfPublished: gradeOf(publishedTotal ?? publishedSum, profile),
    gradeOfRule: gradeOf(ruleTotal, profile),
  };
}

/** 优 ≥ 90, 良 80–<90, 中 60–<80, 差 < 60 (or the profile's bands) for a total in hundredths. */
export function gradeOf(total: bigint, profile: PerformanceProfile): string {
  const t = qFromHundredths(total);
  for (const g of profile.grades) if (qCmp(t, g.min) >= 0) return g.label;
  return profile.grades.at(-1)!.label;
}

/** 优秀 → 优, 良好 → 良 (profile aliases); other text as written. */
export function normalizeGrade(text: string, profile: PerformanceProfile): string {
  const t = text.trim().replace(/[“”"]/g, '');
  return profile.gradeAliases[t] ?? t;
}

/** Whether two hundredths differ by more than the profile's score tolerance (±0.1). */
export function differs(a: bigint, b: bigint, profile: PerformanceProfile): boolean {
  const diff = a > b ? a - b : b - a;
  return qCmp(qFromHundredths(diff), profile.tolerance.score) > 0;
}
