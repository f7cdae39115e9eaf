/**
 * Scoring profiles as data: profiles/<id>/performance.json (how 项目支出绩效自评 is scored, graded
 * and checked) and profiles/<id>/performance/indicator-systems/<system>.json (部门整体支出绩效评价
 * indicator systems). Nothing here is a constant of the code: points, bands, ratios, label
 * mappings and formulas all come from the files, each with its evidence tag (docs/sources.md#evidence-tags).
 */
import { z } from 'zod';
import { parseDecimal, type Q, q } from '../exact';
import { parseFactKey } from '../facts';
import { TARGET_KINDS, type TargetKind, TIERS, type Tier } from './schema';

export const PERFORMANCE_PROFILE_FORMAT = 'juesuan.performance/1';
export const INDICATOR_SYSTEM_FORMAT = 'juesuan.indicator-system/1';

const dec = z.string().refine((v) => parseDecimal(v) !== null, { message: '应为十进制数文本，如 "1.2"' });

const bandSchema = z.strictObject({
  label: z.string(),
  /** Share of the indicator's points, percent; min inclusive. */
  minPercent: dec,
  maxPercent: dec,
  /** Whether the top end belongs to the band (true only for the highest band). */
  maxInclusive: z.boolean().default(false),
});

const labelSchema = z.strictObject({
  /** An actual value as printed, e.g. 基本达成目标. */
  text: z.string().min(1),
  tier: z.enum(TIERS),
  /** The label does not say which tier it means; checks flag it (R27). */
  ambiguous: z.boolean().default(false),
  note: z.string().optional(),
});

const profileJsonSchema = z.strictObject({
  $schema: z.string().optional(),
  format: z.literal(PERFORMANCE_PROFILE_FORMAT),
  profile: z.string().regex(/^[a-z0-9-]+$/),
  title: z.string(),
  note: z.string().optional(),
  /** Σ of all points of a 自评表 (R02). */
  totalPoints: dec,
  tolerance: z.strictObject({
    /** Scores: ±0.1 per cell (docs/performance.md#tolerance). */
    score: dec,
    /** Rates: ± percentage points. */
    ratePoints: dec,
  }),
  execution: z.strictObject({
    /** 分值 of 预算执行率. */
    points: dec,
    /** min(r, 1) × 分值 when true; r × 分值 (still ≤ 分值) otherwise. */
    cap: z.boolean(),
    /** Above 100%: `full` keeps full points; `reverse` deducts like a ≤ indicator (2 − r) × 分值. */
    overExecution: z.enum(['full', 'reverse']),
    evidence: z.string().optional(),
  }),
  formulas: z.strictObject({
    /** `positive`: = scored like ≥ (pmkpi); `manual`: any a ≠ t must be scored by hand (天津). */
    equal: z.enum(['positive', 'manual']),
    /** `linear`: (1 − (a − t)/t) × w up to 2t; `manual`: a > t scored by hand (天津). */
    reverse: z.enum(['linear', 'manual']),
    /** `linear`: below L as a/L × w, above U as reverse with t = U [P]. */
    range: z.enum(['linear', 'manual']),
  }),
  overCompletion: z.strictObject({
    /** a ≥ ratio × t (≥ > = kinds): flagged; the evaluator may deduct. */
    flagRatio: dec,
    /** a ≥ ratio × t: an explanation is required (R12); null when the profile does not require one. */
    explainRatio: dec.nullable(),
  }),
  qualitative: z.strictObject({
    tiers: z.strictObject({ achieved: bandSchema, partial: bandSchema, notAchieved: bandSchema }),
    labels: z.array(labelSchema),
    /** The tier of an actual that restates the target text (目标“及时”, 实际“及时”). */
    sameAsTarget: z.enum(TIERS).nullable(),
    /** 4-level (优良中差) targets: bands by level label. */
    levels: z.array(bandSchema),
  }),
  manualScore: z.strictObject({
    /** Kinds whose score the evaluator may set by hand inside the allowed band. */
    kinds: z.array(z.enum(TARGET_KINDS)),
    /** A flagged over-completion may be scored down by hand (10号: target set too low). */
    overCompletion: z.boolean(),
    /** A hand score stands only with a written 偏差原因. */
    requireExplanation: z.boolean(),
  }),
  grades: z.array(z.strictObject({ label: z.string(), minScore: dec })).min(1),
  gradeAliases: z.record(z.string(), z.string()),
  /** 一级 groups a 自评表 must have (R25), matched by name prefix. */
  requiredGroups: z.array(z.string()),
  cost: z.strictObject({
    /** Cost actual below ratio × target: warn (spending suggests non-delivery, R19). */
    underspendRatio: dec,
    /** Units in which a cost indicator is money that adds up to the project's funds. */
    moneyUnits: z.array(z.enum(['万元', '元'])),
  }),
  /** Target words that are no criterion (R15). */
  vagueTargets: z.array(z.string()),
  /** Executions below this share (percent) should be explained (R21); null: not checked. */
  executionExplainBelowPercent: dec.nullable(),
  indicatorSystems: z.array(z.string()),
  defaultIndicatorSystem: z.string().optional(),
});

const termSchema = z.union([
  z.strictObject({
    /** A fact key, or fallbacks tried in order; prefix 上年: for last year's facts. */
    fact: z.union([z.string(), z.array(z.string()).min(1)]),
    sign: z.literal(-1).optional(),
  }),
  z.strictObject({
    /** An entered figure, by name (wholeDepartment.indicators[id].inputs[name]). */
    input: z.string().regex(/^[a-zA-Z][\w]*$/),
    label: z.string(),
    sign: z.literal(-1).optional(),
  }),
]);

const ratioSchema = z.strictObject({
  numerator: z.array(termSchema).min(1),
  denominator: z.array(termSchema).min(1),
  /** money: facts in 分, inputs in 万元; count: integers; number: plain decimals (percents). */
  unit: z.enum(['money', 'count', 'number']),
  /** Chinese formula as the system prints it. */
  text: z.string(),
  /** What a zero denominator scores (nothing budgeted): by whether anything was spent [P]. */
  ifDenominatorZero: z
    .strictObject({ numeratorZero: z.enum(['full', 'zero']), numeratorPositive: z.enum(['full', 'zero']) })
    .optional(),
});

const rateBand = z.strictObject({
  minPercent: dec.optional(),
  minInclusive: z.boolean().default(true),
  maxPercent: dec.optional(),
  maxInclusive: z.boolean().default(false),
  score: dec,
});

const formulaSchema = z.discriminatedUnion('kind', [
  z.strictObject({
    kind: z.literal('linear'),
    direction: z.enum(['higher', 'lower']),
    /** Rate at or beyond which the score is 0. */
    zeroPercent: dec,
    /** Rate at or beyond which the score is full. */
    fullPercent: dec,
  }),
  z.strictObject({
    kind: z.literal('threshold'),
    /** Full when r ≤ max (inclusive), else 0. */
    maxPercent: dec.optional(),
    /** Full when r ≥ min (inclusive), else 0. */
    minPercent: dec.optional(),
  }),
  z.strictObject({
    kind: z.literal('proportional'),
    /** r ≥ full → full points; below, r / full × points. */
    fullPercent: dec,
  }),
  z.strictObject({
    kind: z.literal('step'),
    /** `over`: deduct for each step above the limit; `under`: below it. */
    direction: z.enum(['over', 'under']),
    limitPercent: dec,
    stepPercent: dec,
    deduction: dec,
    /** continuous: pro rata; floor: whole steps only; ceil: each started step. */
    mode: z.enum(['continuous', 'floor', 'ceil']),
  }),
  z.strictObject({
    kind: z.literal('bands'),
    bands: z.array(rateBand).min(1),
    /** Score when the numerator is 0 (资金结余: none → full). */
    whenNumeratorZero: dec.optional(),
  }),
  z.strictObject({
    kind: z.literal('checklist'),
    items: z.array(z.strictObject({ label: z.string(), points: dec })).min(1),
    deductPerDefect: dec,
  }),
  z.strictObject({ kind: z.literal('deduction'), perDefect: dec }),
  z.strictObject({ kind: z.literal('allOrNothing') }),
]);

const systemIndicatorSchema = z.strictObject({
  id: z.string().regex(/^[a-zA-Z][\w.-]*$/),
  level1: z.string(),
  level2: z.string(),
  /** 三级指标; for open groups (任务1 任务2 …) the 二级 name. */
  name: z.string(),
  points: dec,
  formula: formulaSchema,
  /** The rate scored, for rate formulas. */
  value: ratioSchema.optional(),
  /** 评分标准 as printed. */
  rule: z.string(),
  evidence: z.string(),
  note: z.string().optional(),
});

const systemJsonSchema = z.strictObject({
  $schema: z.string().optional(),
  format: z.literal(INDICATOR_SYSTEM_FORMAT),
  id: z.string().regex(/^[a-z0-9-]+$/),
  title: z.string(),
  source: z.string(),
  note: z.string().optional(),
  totalPoints: dec,
  /** Points printed on 一级 (level2 absent) and 二级 groups. */
  groups: z.array(z.strictObject({ level1: z.string(), level2: z.string().optional(), points: dec })),
  indicators: z.array(systemIndicatorSchema).min(1),
});

export type PerformanceProfileJson = z.input<typeof profileJsonSchema>;
export type IndicatorSystemJson = z.input<typeof systemJsonSchema>;
export type FormulaDef = z.output<typeof formulaSchema>;
export type TermDef = z.output<typeof termSchema>;
export type RatioDef = z.output<typeof ratioSchema>;
export type SystemIndicatorDef = z.output<typeof systemIndicatorSchema>;

export interface Band {
  label: string;
  /** Share of points, as a ratio (0.8). */
  min: Q;
  max: Q;
  maxInclusive: boolean;
}

export interface IndicatorSystem {
  id: string;
  title: string;
  source: string;
  note?: string;
  totalPoints: Q;
  groups: { level1: string; level2?: string; points: Q }[];
  indicators: SystemIndicatorDef[];
}

/** How a whole-department indicator gets its value. */
export type Determination = 'package' | 'partial' | 'entered';

export interface PerformanceProfile {
  id: string;
  title: string;
  totalPoints: Q;
  tolerance: { score: Q; ratePoints: Q };
  execution: { points: Q; cap: boolean; overExecution: 'full' | 'reverse'; evidence?: string };
  formulas: { equal: 'positive' | 'manual'; reverse: 'linear' | 'manual'; range: 'linear' | 'manual' };
  overCompletion: { flagRatio: Q; explainRatio: Q | null };
  qualitative: {
    tiers: Record<Tier, Band>;
    labels: Map<string, { tier: Tier; ambiguous: boolean; note?: string }>;
    sameAsTarget: Tier | null;
    levels: Band[];
  };
  manualScore: { kinds: Set<TargetKind>; overCompletion: boolean; requireExplanation: boolean };
  /** Highest first. */
  grades: { label: string; min: Q }[];
  gradeAliases: Record<string, string>;
  requiredGroups: string[];
  cost: { underspendRatio: Q; moneyUnits: string[] };
  vagueTargets: string[];
  executionExplainBelow: Q | null;
  systems: Map<string, IndicatorSystem>;
  defaultSystem?: string;
}

export type BuildPerformanceProfileResult =
  | { ok: true; profile: PerformanceProfile }
  | { ok: false; errors: string[] };

const req = (text: string): Q => parseDecimal(text)!;
const pct = (text: string): Q => {
  const v = req(text);
  return q(v.n, v.d * 100n);
};

/** One indicator system as read from its file; its errors are added to `errors`. */
function buildSystem(id: string, raw: unknown, errors: string[]): IndicatorSystem | undefined {
  const file = `performance/indicator-systems/${id}.json`;
  if (raw === undefined) {
    errors.push(`${file}：performance.json 列出了指标体系 ${id}，但没有这个文件`);
    return undefined;
  }
  const sys = systemJsonSchema.safeParse(raw);
  if (!sys.success) {
    errors.push(...sys.error.issues.map((i) => profileIssueText(file, i)));
    return undefined;
  }
  if (sys.data.id !== id) errors.push(`${file}：id 为 “${sys.data.id}”，应与文件名 ${id} 一致`);
  const seen = new Set<string>();
  sys.data.indicators.forEach((ind, i) => {
    if (seen.has(ind.id)) errors.push(`${file}：indicators[${i}].id “${ind.id}” 重复`);
    seen.add(ind.id);
    const needsValue = !['checklist', 'deduction', 'allOrNothing'].includes(ind.formula.kind);
    if (needsValue && !ind.value) {
      errors.push(`${file}：indicators[${i}]（${ind.name}）按比率计分（${ind.formula.kind}），须有 value`);
    }
    for (const side of ['numerator', 'denominator'] as const) {
      ind.value?.[side].forEach((term, t) => {
        if (!('fact' in term)) return;
        for (const key of Array.isArray(term.fact) ? term.fact : [term.fact]) {
          const parsedKey = parseFactKey(key.replace(/^上年:/, ''));
          if (!parsedKey.ok) {
            errors.push(
              `${file}：indicators[${i}].value.${side}[${t}] 事实键 “${key}” 无效：${parsedKey.reason}`,
            );
          }
        }
      });
    }
  });
  return {
    id,
    title: sys.data.title,
    source: sys.data.source,
    ...(sys.data.note !== undefined ? { note: sys.data.note } : {}),
    totalPoints: req(sys.data.totalPoints),
    groups: sys.data.groups.map((g) => ({
      level1: g.level1,
      ...(g.level2 !== undefined ? { level2: g.level2 } : {}),
      points: req(g.points),
    })),
    indicators: sys.data.indicators,
  };
}

/**
 * Validates performance.json and the indicator systems it lists (`systems` by id, as read from
 * performance/indicator-systems/<id>.json). Errors name the file and JSON path, in Chinese.
 */
export function buildPerformanceProfile(
  json: unknown,
  systems: Record<string, unknown> = {},
): BuildPerformanceProfileResult {
  const errors: string[] = [];
  const parsed = profileJsonSchema.safeParse(json);
  if (!parsed.success) {
    return { ok: false, errors: parsed.error.issues.map((i) => profileIssueText('performance.json', i)) };
  }
  const p = parsed.data;
  const builtSystems = new Map<string, IndicatorSystem>();
  for (const id of p.indicatorSystems) {
    const system = buildSystem(id, systems[id], errors);
    if (system) builtSystems.set(id, system);
  }
  if (p.defaultIndicatorSystem !== undefined && !p.indicatorSystems.includes(p.defaultIndicatorSystem)) {
    errors.push(
      `performance.json：defaultIndicatorSystem “${p.defaultIndicatorSystem}” 不在 indicatorSystems 中`,
    );
  }
  const grades = p.grades.map((g) => ({ label: g.label, min: req(g.minScore) }));
  grades.sort((a, b) => (a.min.n * b.min.d > b.min.n * a.min.d ? -1 : 1));
  if (errors.length) return { ok: false, errors };
  return {
    ok: true,
    profile: {
      id: p.profile,
      title: p.title,
      totalPoints: req(p.totalPoints),
      tolerance: { score: req(p.tolerance.score), ratePoints: req(p.tolerance.ratePoints) },
      execution: {
        points: req(p.execution.points),
        cap: p.execution.cap,
        overExecution: p.execution.overExecution,
        ...(p.execution.evidence !== undefined ? { evidence: p.execution.evidence } : {}),
      },
      formulas: p.formulas,
      overCompletion: {
        flagRatio: req(p.overCompletion.flagRatio),
        explainRatio: p.overCompletion.explainRatio === null ? null : req(p.overCompletion.explainRatio),
      },
      qualitative: qualitativeOf(p.qualitative),
      manualScore: {
        kinds: new Set(p.manualScore.kinds),
        overCompletion: p.manualScore.overCompletion,
        requireExplanation: p.manualScore.requireExplanation,
      },
      grades,
      gradeAliases: p.gradeAliases,
      requiredGroups: p.requiredGroups,
      cost: { underspendRatio: req(p.cost.underspendRatio), moneyUnits: p.cost.moneyUnits },
      vagueTargets: p.vagueTargets,
      executionExplainBelow:
        p.executionExplainBelowPercent === null ? null : pct(p.executionExplainBelowPercent),
      systems: builtSystems,
      ...(p.defaultIndicatorSystem !== undefined ? { defaultSystem: p.defaultIndicatorSystem } : {}),
    },
  };
}

/** The qualitative scoring: tiers and levels as score bands, the 完成档次 words by text. */
function qualitativeOf(
  q: z.output<typeof profileJsonSchema>['qualitative'],
): PerformanceProfile['qualitative'] {
  const labels = new Map<string, { tier: Tier; ambiguous: boolean; note?: string }>();
  for (const l of q.labels) {
    labels.set(l.text, {
      tier: l.tier,
      ambiguous: l.ambiguous,
      ...(l.note !== undefined ? { note: l.note } : {}),
    });
  }
  const band = (b: z.output<typeof bandSchema>): Band => ({
    label: b.label,
    min: pct(b.minPercent),
    max: pct(b.maxPercent),
    maxInclusive: b.maxInclusive,
  });
  return {
    tiers: {
      achieved: band(q.tiers.achieved),
      partial: band(q.tiers.partial),
      notAchieved: band(q.tiers.notAchieved),
    },
    labels,
    sameAsTarget: q.sameAsTarget,
    levels: q.levels.map(band),
  };
}

/** How the package determines an indicator: every term a fact, some, or none. */
export function determination(ind: SystemIndicatorDef): Determination {
  if (!ind.value) return 'entered';
  const terms = [...ind.value.numerator, ...ind.value.denominator];
  const facts = terms.filter((t) => 'fact' in t).length;
  return facts === terms.length ? 'package' : facts === 0 ? 'entered' : 'partial';
}

/** A zod issue of a profile file in Chinese: the file, the path and what was expected. */
export function profileIssueText(file: string, issue: z.core.$ZodIssue): string {
  const path = issue.path.map((p) => (typeof p === 'number' ? `[${p}]` : `.${String(p)}`)).join('');
  const where = `${file}${path ? ` ${path.replace(/^\./, '')}` : ''}`;
  switch (issue.code) {
    case 'invalid_type':
      return `${where}：${issue.input === undefined ? '缺少必填项' : '类型不对'}（应为 ${issue.expected}）`;
    case 'invalid_value':
      return `${where}：应为 ${issue.values.map((v) => JSON.stringify(v)).join('、')} 之一`;
    case 'unrecognized_keys':
      return `${where}：不认识的键 ${issue.keys.join('、')}`;
    case 'invalid_union':
      return `${where}：不符合任何一种允许的写法（如 kind 不认识）`;
    case 'too_small':
      return `${where}：不能为空`;
    default:
      return `${where}：${issue.message}`;
  }
}
