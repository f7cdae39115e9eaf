/**
 * 部门整体支出绩效评价 (docs/performance.md#department): an indicator system of the profile scored
 * for one department. Indicators the final-accounts package determines (预算完成率, “三公经费”控制率,
 * 结转结余率, 在职人员控制率 when 编制数 is reported …) are computed from its facts, each figure
 * traced to the fact keys it came from; the rest take entered figures (with 佐证) or stay open.
 * Also the rows of the 部门整体支出绩效自评基础数据表 built from the facts.
 */

import {
  formatHundredths,
  formatQ,
  formatRatioPercent,
  formatScaled,
  fromPercent,
  parseDecimal,
  type Q,
  Q0,
  qAdd,
  qClamp,
  qCmp,
  qDiv,
  qFromInt,
  qIsZero,
  qMax,
  qMin,
  qMul,
  qSub,
  toHundredths,
} from '../exact';
import type { FactSet } from '../fact-set';
import { MEASURES, parseFactKey } from '../facts';
import { formatAmount, parseAmount, percentScaled } from '../money';
import type { DataPackage } from '../package';
import {
  type Determination,
  determination,
  type FormulaDef,
  type IndicatorSystem,
  type PerformanceProfile,
  type SystemIndicatorDef,
  type TermDef,
} from './profile';
import type { DeptIndicatorInput, PerformanceData } from './schema';
import { gradeOf, hundredthsOf, normalizeGrade } from './score';

export interface TermValue {
  side: 'numerator' | 'denominator';
  source: 'fact' | 'input';
  /** Canonical fact key (prefixed 上年: for last year) or input name. */
  key: string;
  label: string;
  sign: 1 | -1;
  /** 分 for money, a count, or a decimal; null when not reported / not entered. */
  value: Q | null;
  text: string;
}

export interface DeptIndicatorResult {
  id: string;
  level1: string;
  level2: string;
  name: string;
  points: bigint;
  formulaKind: FormulaDef['kind'];
  determination: Determination;
  /** computed: from package facts only; entered: uses entered figures or judgements; missing: cannot be scored. */
  status: 'computed' | 'entered' | 'missing';
  terms: TermValue[];
  /** Fact keys (上年: prefixed for last year) and values used. */
  facts: { key: string; value: bigint }[];
  numerator?: Q;
  denominator?: Q;
  /** numerator ÷ denominator; null when the denominator is 0. */
  rate?: Q | null;
  expected: bigint | null;
  published?: bigint;
  /** Stated rate as published, percent. */
  stated?: Q;
  formula: string;
  rule: string;
  valueText?: string;
  evidence?: string;
  /** What stops scoring, in Chinese, one entry per missing figure or judgement (printed in 计分依据). */
  missing: string[];
  note?: string;
}

export interface WholeDepartmentResult {
  system: IndicatorSystem;
  indicators: DeptIndicatorResult[];
  /** Σ rule scores of the indicators that could be scored. */
  total: bigint;
  /** Σ points of those indicators. */
  scoredPoints: bigint;
  pointsSum: bigint;
  complete: boolean;
  /** Only when every indicator is scored and the system totals the profile's total points. */
  grade: string | null;
  published?: { total?: bigint; grade?: string };
}

const dec = (v: string | number): Q => parseDecimal(v)!;
const pctQ = (text: string): Q => fromPercent(dec(text));
const H = (v: Q) => toHundredths(v);

function factSetFor(
  pkg: DataPackage,
  key: string,
): { set: FactSet | undefined; key: string; prior: boolean } {
  const prior = key.startsWith('上年:');
  const bare = prior ? key.slice(3) : key;
  const parsed = parseFactKey(bare);
  const canonical = parsed.ok ? parsed.key : bare;
  return { set: prior ? pkg.priorYear : pkg.facts, key: canonical, prior };
}

function readTerm(
  pkg: DataPackage,
  term: TermDef,
  side: 'numerator' | 'denominator',
  unit: 'money' | 'count' | 'number',
  input: DeptIndicatorInput | undefined,
): TermValue {
  const sign = term.sign === -1 ? -1 : 1;
  if ('fact' in term) {
    const keys = Array.isArray(term.fact) ? term.fact : [term.fact];
    for (const key of keys) {
      const { set, key: canonical, prior } = factSetFor(pkg, key);
      const value = set?.get(canonical);
      if (value !== undefined) {
        const shown = prior ? `上年:${canonical}` : canonical;
        return {
          side,
          source: 'fact',
          key: shown,
          label: shown,
          sign,
          value: qFromInt(value),
          text:
            unit === 'money' ? `${formatAmount(value, pkg.amounts.unit)}${pkg.amounts.unit}` : String(value),
        };
      }
    }
    const first = factSetFor(pkg, keys[0]!);
    const shown = first.prior ? `上年:${first.key}` : first.key;
    return { side, source: 'fact', key: shown, label: keys.join(' 或 '), sign, value: null, text: '未填报' };
  }
  const raw = input?.inputs?.[term.input];
  if (raw === undefined) {
    return { side, source: 'input', key: term.input, label: term.label, sign, value: null, text: '未录入' };
  }
  if (unit === 'money') {
    const parsed = parseAmount(raw, '万元');
    const value = parsed.ok ? qFromInt(parsed.fen) : null;
    return { side, source: 'input', key: term.input, label: term.label, sign, value, text: `${raw}万元` };
  }
  return {
    side,
    source: 'input',
    key: term.input,
    label: term.label,
    sign,
    value: dec(raw),
    text: String(raw),
  };
}

/** Scores every indicator of the system for the package. */
export function evaluateWholeDepartment(
  pkg: DataPackage,
  profile: PerformanceProfile,
  systemId?: string,
): WholeDepartmentResult | { error: string } {
  const data = pkg.performance as PerformanceData | undefined;
  const id = systemId ?? data?.wholeDepartment?.system ?? profile.defaultSystem;
  if (!id) return { error: `口径 ${profile.id} 没有部门整体支出绩效评价指标体系` };
  const system = profile.systems.get(id);
  if (!system) {
    return {
      error: `口径 ${profile.id} 没有指标体系 “${id}”；可用：${[...profile.systems.keys()].join('、') || '无'}`,
    };
  }
  const inputs = data?.wholeDepartment?.indicators ?? {};
  const indicators = system.indicators.map((def) => evaluateIndicator(pkg, def, inputs[def.id]));
  let total = 0n;
  let scoredPoints = 0n;
  let pointsSum = 0n;
  let complete = true;
  for (const r of indicators) {
    pointsSum += r.points;
    if (r.expected === null) complete = false;
    else {
      total += r.expected;
      scoredPoints += r.points;
    }
  }
  const gradeable = complete && qCmp(system.totalPoints, profile.totalPoints) === 0;
  const published = data?.wholeDepartment?.published;
  return {
    system,
    indicators,
    total,
    scoredPoints,
    pointsSum,
    complete,
    grade: gradeable ? gradeOf(total, profile) : null,
    ...(published
      ? {
          published: {
            ...(published.total !== undefined ? { total: hundredthsOf(published.total) } : {}),
            ...(published.grade !== undefined ? { grade: normalizeGrade(published.grade, profile) } : {}),
          },
        }
      : {}),
  };
}

function evaluateIndicator(
  pkg: DataPackage,
  def: SystemIndicatorDef,
  input: DeptIndicatorInput | undefined,
): DeptIndicatorResult {
  const w = dec(def.points);
  const base = {
    id: def.id,
    level1: def.level1,
    level2: def.level2,
    name: def.name,
    points: H(w),
    formulaKind: def.formula.kind,
    determination: determination(def),
    rule: def.rule,
    ...(input?.score !== undefined ? { published: hundredthsOf(input.score) } : {}),
    ...(input?.stated !== undefined ? { stated: dec(input.stated) } : {}),
    ...(input?.evidence !== undefined ? { evidence: input.evidence } : {}),
    ...(def.note !== undefined ? { note: def.note } : {}),
  };
  const f = def.formula;
  if (f.kind === 'allOrNothing' || f.kind === 'checklist' || f.kind === 'deduction') {
    return judged(base, f, w, input);
  }
  const value = def.value!;
  const terms = [
    ...value.numerator.map((t) => readTerm(pkg, t, 'numerator', value.unit, input)),
    ...value.denominator.map((t) => readTerm(pkg, t, 'denominator', value.unit, input)),
  ];
  const facts = terms
    .filter((t) => t.source === 'fact' && t.value !== null)
    .map((t) => ({ key: t.key, value: t.value!.n }));
  const missing = terms
    .filter((t) => t.value === null)
    .map((t) => (t.source === 'fact' ? `数据包未填报 ${t.label}` : `须录入 ${t.label}（inputs.${t.key}）`));
  const usesInput = terms.some((t) => t.source === 'input');
  const common = { ...base, terms, facts };
  if (missing.length) {
    return { ...common, status: 'missing', expected: null, formula: value.text, missing };
  }
  return scoreRatio(common, f, value, terms, w, usesInput ? 'entered' : 'computed');
}

/** An indicator scored by a ratio of figures (all of them known): by bands, or its rate as score. */
function scoreRatio(
  common: IndicatorBase & Pick<DeptIndicatorResult, 'terms' | 'facts'>,
  f: FormulaDef,
  value: NonNullable<SystemIndicatorDef['value']>,
  terms: TermValue[],
  w: Q,
  status: 'entered' | 'computed',
): DeptIndicatorResult {
  const sum = (side: 'numerator' | 'denominator') =>
    terms
      .filter((t) => t.side === side)
      .reduce((acc, t) => (t.sign === 1 ? qAdd(acc, t.value!) : qSub(acc, t.value!)), Q0);
  const numerator = sum('numerator');
  const denominator = sum('denominator');
  const sideText = (side: 'numerator' | 'denominator') =>
    terms
      .filter((t) => t.side === side)
      .map((t, i) => `${i === 0 ? (t.sign === -1 ? '−' : '') : t.sign === -1 ? ' − ' : ' + '}${t.text}`)
      .join('');
  const ratioText = `${sideText('numerator')} ÷ ${sideText('denominator')}`;
  if (f.kind === 'bands' && qIsZero(numerator) && f.whenNumeratorZero !== undefined) {
    const s = qMin(dec(f.whenNumeratorZero), w);
    return {
      ...common,
      status,
      numerator,
      denominator,
      rate: qIsZero(denominator) ? null : Q0,
      expected: H(s),
      formula: `${value.text}；分子为 0，得 ${formatQ(s, 2)}`,
      missing: [],
    };
  }
  if (qIsZero(denominator)) {
    const zero = value.ifDenominatorZero;
    if (!zero) {
      return {
        ...common,
        status: 'missing',
        numerator,
        denominator,
        rate: null,
        expected: null,
        formula: `${value.text}；分母为 0，比率无定义`,
        missing: ['分母为 0，比率无定义'],
      };
    }
    const outcome = qCmp(numerator, Q0) <= 0 ? zero.numeratorZero : zero.numeratorPositive;
    return {
      ...common,
      status,
      numerator,
      denominator,
      rate: null,
      expected: outcome === 'full' ? H(w) : 0n,
      formula: `${value.text}；分母为 0、分子${qCmp(numerator, Q0) <= 0 ? '为 0' : '大于 0'}，${outcome === 'full' ? '得满分' : '得 0 分'} [P]`,
      missing: [],
    };
  }
  const r = qDiv(numerator, denominator);
  const scored = scoreRate(f, r, w);
  return {
    ...common,
    status,
    numerator,
    denominator,
    rate: r,
    valueText: formatRatioPercent(r),
    expected: H(scored.score),
    formula: `${ratioText} = ${formatRatioPercent(r)}；${scored.text} = ${formatHundredths(H(scored.score))}`,
    missing: [],
  };
}

/** What an indicator's result says whatever its formula. */
type IndicatorBase = Omit<
  DeptIndicatorResult,
  'status' | 'terms' | 'facts' | 'expected' | 'formula' | 'missing'
>;

function judged(
  base: IndicatorBase,
  f: Extract<FormulaDef, { kind: 'allOrNothing' | 'checklist' | 'deduction' }>,
  w: Q,
  input: DeptIndicatorInput | undefined,
): DeptIndicatorResult {
  const common = { ...base, terms: [], facts: [] };
  const wText = formatQ(w, 2);
  if (f.kind === 'allOrNothing') {
    if (input?.met === undefined) {
      return {
        ...common,
        status: 'missing',
        expected: null,
        formula: '须录入是否达到（met）及佐证',
        missing: ['须录入是否达到（met）及佐证'],
      };
    }
    return {
      ...common,
      status: 'entered',
      expected: input.met ? H(w) : 0n,
      formula: input.met ? `达到评分标准，得 ${wText}` : '未达到评分标准，得 0',
      missing: [],
    };
  }
  if (f.kind === 'deduction') {
    if (input?.defects === undefined) {
      return {
        ...common,
        status: 'missing',
        expected: null,
        formula: '须录入扣分项个数（defects）',
        missing: ['须录入扣分项个数（defects）'],
      };
    }
    const s = qMax(Q0, qSub(w, qMul(dec(f.perDefect), qFromInt(input.defects))));
    return {
      ...common,
      status: 'entered',
      expected: H(s),
      formula: `${wText} − ${input.defects} × ${f.perDefect} = ${formatHundredths(H(s))}`,
      missing: [],
    };
  }
  if (!input?.itemsMet) {
    const instruction = `须录入各评分要素是否达到（itemsMet，${f.items.length} 项）及扣分项（defects）`;
    return {
      ...common,
      status: 'missing',
      expected: null,
      formula: instruction,
      missing: [instruction],
    };
  }
  const met = f.items.filter((_, i) => input.itemsMet?.[i] === true);
  const earned = met.reduce((acc, item) => qAdd(acc, dec(item.points)), Q0);
  const defects = input.defects ?? 0;
  const capped = qMin(earned, w);
  const s = qMax(Q0, qSub(capped, qMul(dec(f.deductPerDefect), qFromInt(defects))));
  return {
    ...common,
    status: 'entered',
    expected: H(s),
    formula: `达到 ${met.length}/${f.items.length} 项共 ${formatQ(earned, 2)} 分（以分值 ${wText} 封顶）− ${defects} × ${f.deductPerDefect} = ${formatHundredths(H(s))}`,
    missing: [],
  };
}

/** Scores a rate r (a ratio, 1 = 100%) by a rate formula; the score is clamped to [0, w]. */
export function scoreRate(f: FormulaDef, r: Q, w: Q): { score: Q; text: string } {
  const wText = formatQ(w, 2);
  const p = (x: Q) => formatRatioPercent(x);
  const clamp = (s: Q) => qClamp(s, Q0, w);
  switch (f.kind) {
    case 'linear': {
      const zero = pctQ(f.zeroPercent);
      const full = pctQ(f.fullPercent);
      if (f.direction === 'higher') {
        if (qCmp(r, full) >= 0) return { score: w, text: `≥ ${p(full)}，得满分` };
        if (qCmp(r, zero) <= 0) return { score: Q0, text: `≤ ${p(zero)}，得 0` };
        return {
          score: clamp(qMul(qDiv(qSub(r, zero), qSub(full, zero)), w)),
          text: `(${p(r)} − ${p(zero)}) ÷ (${p(full)} − ${p(zero)}) × ${wText}`,
        };
      }
      if (qCmp(r, full) <= 0) return { score: w, text: `≤ ${p(full)}，得满分` };
      if (qCmp(r, zero) >= 0) return { score: Q0, text: `≥ ${p(zero)}，得 0` };
      return {
        score: clamp(qMul(qDiv(qSub(zero, r), qSub(zero, full)), w)),
        text: `(${p(zero)} − ${p(r)}) ÷ (${p(zero)} − ${p(full)}) × ${wText}`,
      };
    }
    case 'threshold': {
      if (f.maxPercent !== undefined && qCmp(r, pctQ(f.maxPercent)) > 0) {
        return { score: Q0, text: `> ${p(pctQ(f.maxPercent))}，得 0` };
      }
      if (f.minPercent !== undefined && qCmp(r, pctQ(f.minPercent)) < 0) {
        return { score: Q0, text: `< ${p(pctQ(f.minPercent))}，得 0` };
      }
      return { score: w, text: '达到目标值，得满分' };
    }
    case 'proportional': {
      const full = pctQ(f.fullPercent);
      if (qCmp(r, full) >= 0) return { score: w, text: `≥ ${p(full)}，得满分` };
      return { score: clamp(qMul(qDiv(r, full), w)), text: `${p(r)} ÷ ${p(full)} × ${wText}` };
    }
    case 'step': {
      const limit = pctQ(f.limitPercent);
      const step = pctQ(f.stepPercent);
      const gap = f.direction === 'over' ? qSub(r, limit) : qSub(limit, r);
      if (qCmp(gap, Q0) <= 0) {
        return { score: w, text: `${f.direction === 'over' ? '不超过' : '不低于'} ${p(limit)}，得满分` };
      }
      const exact = qDiv(gap, step);
      const steps =
        f.mode === 'continuous'
          ? exact
          : f.mode === 'floor'
            ? qFromInt(exact.n / exact.d)
            : qFromInt((exact.n + exact.d - 1n) / exact.d);
      const s = clamp(qSub(w, qMul(steps, dec(f.deduction))));
      return {
        score: s,
        text: `${f.direction === 'over' ? '超过' : '低于'} ${p(limit)} ${p(gap)}，按每 ${p(step)} 扣 ${f.deduction} 分（${f.mode === 'continuous' ? '按比例' : f.mode === 'floor' ? '满一档扣' : '不足一档按一档'}）扣 ${formatQ(qMul(steps, dec(f.deduction)), 2)}`,
      };
    }
    case 'bands': {
      for (const b of f.bands) {
        const lo = b.minPercent !== undefined ? pctQ(b.minPercent) : null;
        const hi = b.maxPercent !== undefined ? pctQ(b.maxPercent) : null;
        const aboveLo = lo === null || (b.minInclusive ? qCmp(r, lo) >= 0 : qCmp(r, lo) > 0);
        const belowHi = hi === null || (b.maxInclusive ? qCmp(r, hi) <= 0 : qCmp(r, hi) < 0);
        if (aboveLo && belowHi) {
          const s = clamp(dec(b.score));
          const span = `${lo ? `${b.minInclusive ? '[' : '('}${p(lo)}` : '(−∞'}, ${hi ? `${p(hi)}${b.maxInclusive ? ']' : ')'}` : '+∞)'}`;
          return { score: s, text: `落在 ${span}，得 ${formatQ(s, 2)}` };
        }
      }
      return { score: Q0, text: '不在任何区间，得 0' };
    }
    default:
      return { score: Q0, text: '（非比率指标）' };
  }
}

// —— 部门整体支出绩效自评基础数据表 ——

export interface BaseDataValue {
  column: string;
  kind: 'money' | 'count' | 'percent';
  /** 分, a count, or a percentage scaled by 100 (8226 = 82.26%); null when not reported. */
  value: bigint | null;
  text: string;
  /** Fact keys (上年: prefixed) the value comes from; `录入:` for entered figures. */
  facts: string[];
}

export interface BaseDataRow {
  section: string;
  label: string;
  values: BaseDataValue[];
}

/**
 * The 基础数据表 rows (docs/performance.md#hn-2021: 编制/在职, 三公, 项目支出, 公用经费, 政府采购,
 * 预算调整), from the package.
 */
export function baseDataRows(pkg: DataPackage): BaseDataRow[] {
  const money = (column: string, keys: string[], prior = false) => baseMoney(pkg, column, keys, prior);
  const count = (column: string, key: string) => baseCount(pkg, column, key);
  const authorized = count('编制数', 'personnel kind=authorized');
  const actual = count('实际在职人数', 'personnel kind=actual');
  const rows: BaseDataRow[] = [
    {
      section: '人员',
      label: '在职人员',
      values: [authorized, actual, basePercent('控制率', actual, authorized)],
    },
  ];
  const itemLabel = MEASURES.threePublic.dims.item.values;
  const threePublicItems: [string, string][] = [
    ['合计', ''],
    ...(['vehiclePurchase', 'vehicleOperation', 'abroad', 'reception'] as const).map(
      (item): [string, string] => [itemLabel[item], `item=${item}`],
    ),
  ];
  for (const [label, dims] of threePublicItems) {
    const key = (col: string) => ['threePublic', dims, col].filter(Boolean).join(' ');
    rows.push({
      section: '“三公”经费',
      label,
      values: [
        money('上年决算数', [key('')], true),
        money('本年预算数', [key('col=initialBudget')]),
        money('本年决算数', [key('')]),
      ],
    });
  }
  rows.push({
    section: '项目支出',
    label: '项目支出合计',
    values: [money('本年决算数', ['expense nature=project'])],
  });
  rows.push(
    {
      section: '公用经费',
      label: '公用经费合计',
      values: [money('本年决算数', ['basicGroup group=public'])],
    },
    { section: '公用经费', label: '其中：办公经费', values: [money('本年决算数', ['basicEcon econ=30201'])] },
    {
      section: '公用经费',
      label: '水电、差旅费',
      values: [money('本年决算数', ['basicEcon econ=30205', 'basicEcon econ=30206', 'basicEcon econ=30211'])],
    },
    {
      section: '公用经费',
      label: '会议、培训费',
      values: [money('本年决算数', ['basicEcon econ=30215', 'basicEcon econ=30216'])],
    },
    { section: '机关运行经费', label: '机关运行经费', values: [money('本年决算数', ['operatingCost'])] },
  );
  const procurementBudget = procurementBudgetValue(pkg);
  rows.push({
    section: '政府采购',
    label: '政府采购金额',
    values: [procurementBudget, money('决算数', ['procurement'])],
  });
  rows.push({
    section: '部门整体支出预算调整',
    label: '财政拨款预算',
    values: [money('年初预算数', ['budget stage=initial']), money('调整后预算数', ['budget stage=final'])],
  });
  return rows;
}

/** Money of the base data: the sum of the facts reported (this year's, or last year's from priorYear). */
function baseMoney(pkg: DataPackage, column: string, keys: string[], prior = false): BaseDataValue {
  // Last year's figures come only from priorYear; without it they are not reported.
  const set: FactSet | undefined = prior ? pkg.priorYear : pkg.facts;
  const prefix = prior ? '上年:' : '';
  let total: bigint | null = null;
  const used: string[] = [];
  for (const key of keys) {
    const v = set?.get(key);
    if (v === undefined) continue;
    total = (total ?? 0n) + v;
    used.push(prefix + key);
  }
  return {
    column,
    kind: 'money',
    value: total,
    text: total === null ? '—' : formatAmount(total, pkg.amounts.unit),
    facts: used,
  };
}

function baseCount(pkg: DataPackage, column: string, key: string): BaseDataValue {
  const v = pkg.facts.get(key);
  return {
    column,
    kind: 'count',
    value: v ?? null,
    text: v === undefined ? '—' : String(v),
    facts: v === undefined ? [] : [key],
  };
}

function basePercent(column: string, part: BaseDataValue, whole: BaseDataValue): BaseDataValue {
  const scaled = part.value !== null && whole.value !== null ? percentScaled(part.value, whole.value) : null;
  return {
    column,
    kind: 'percent',
    value: scaled,
    text: scaled === null ? '—' : `${formatScaled(scaled, 2, false)}%`,
    facts: [...part.facts, ...whole.facts],
  };
}

/** 政府采购预算数: entered for the procurement indicator, as no table of the 决算 has it. */
function procurementBudgetValue(pkg: DataPackage): BaseDataValue {
  const data = pkg.performance as PerformanceData | undefined;
  const enteredBudget = data?.wholeDepartment?.indicators?.procurementExecution?.inputs?.procurementBudget;
  const budgetFen = enteredBudget !== undefined ? parseAmount(enteredBudget, '万元') : undefined;
  return budgetFen?.ok === true
    ? {
        column: '预算数',
        kind: 'money',
        value: budgetFen.fen,
        text: formatAmount(budgetFen.fen, pkg.amounts.unit),
        facts: ['录入:procurementExecution.procurementBudget'],
      }
    : { column: '预算数', kind: 'money', value: null, text: '—', facts: [] };
}
