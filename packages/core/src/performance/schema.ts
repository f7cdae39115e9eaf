/**
 * The `performance` slot of a data package (预算绩效): 项目支出绩效自评表 entered as published, a
 * summary as stated in 预算绩效情况说明, and the inputs of a 部门整体支出绩效评价.
 *
 * Every figure is a decimal written as text (JSON numbers are accepted and kept as they are):
 * money in 万元 with up to 6 decimals (exactly 分, as the tables print 49.976847), points and scores
 * with up to 2 decimals, printed rates in percent. Nothing is transformed on reading, so
 * `writePackage(readPackage(x))` gives the same JSON back. Scores are recomputed from these figures by
 * the scoring engine; published values are kept beside them and never overwritten.
 */
import { z } from 'zod';
import { parseDecimal, readDecimal } from '../exact';

const numberOrText = z.union([z.string(), z.number()]);

function decimal(what: string, maxDecimals: number, options: { nonNegative?: boolean } = {}) {
  return numberOrText.superRefine((value, ctx) => {
    const read = readDecimal(value);
    if (!read.ok) {
      ctx.addIssue({
        code: 'custom',
        message:
          read.problem === 'imprecise'
            ? `${what} ${read.plain} 超过 15 位有效数字，JSON 数字可能已失去精度；请写成字符串，如 "${read.plain}"`
            : `${what}应为十进制数（如 "4.5"），实际为 ${JSON.stringify(value)}`,
        input: value,
      });
      return;
    }
    const places = read.fraction.length;
    if (places > maxDecimals) {
      ctx.addIssue({
        code: 'custom',
        message: `${what}最多 ${maxDecimals} 位小数，实际为 ${JSON.stringify(value)}（${places} 位）；不做自动舍入`,
        input: value,
      });
    }
    if (options.nonNegative && read.negative && BigInt(read.integer + read.fraction) !== 0n) {
      ctx.addIssue({
        code: 'custom',
        message: `${what}不能为负数，实际为 ${JSON.stringify(value)}`,
        input: value,
      });
    }
  });
}

/** Money in 万元, exact to the 分. */
const money = decimal('金额（万元）', 6, { nonNegative: true });
/** 分值 or 得分. */
const points = decimal('分值', 2, { nonNegative: true });
const score = decimal('得分', 2, { nonNegative: true });
/** A rate as printed, in percent (99.95 for 99.95%). */
const percent = decimal('百分比', 4);
/** A target or actual value. */
const value = decimal('数值', 6);
const count = z.number().int().min(0);

export const TARGET_KINDS = ['ge', 'gt', 'eq', 'le', 'lt', 'range', 'qual', 'levels', 'quantOther'] as const;
export type TargetKind = (typeof TARGET_KINDS)[number];

export const TARGET_KIND_LABEL: Record<TargetKind, string> = {
  ge: '≥（正向）',
  gt: '>（正向）',
  eq: '=（等于）',
  le: '≤（反向）',
  lt: '<（反向）',
  range: '区间',
  qual: '定性',
  levels: '定性（优良中差）',
  quantOther: '定量（其他）',
};

export const TIERS = ['achieved', 'partial', 'notAchieved'] as const;
export type Tier = (typeof TIERS)[number];

const targetSchema = z
  .strictObject({
    /** 年度指标值 exactly as printed: "≥25 万元", "6-9个月", "及时". */
    text: z.string(),
    kind: z.enum(TARGET_KINDS),
    /** The number compared with, for ≥ > = ≤ <. */
    value: value.optional(),
    /** Ends of a range, inclusive. */
    min: value.optional(),
    max: value.optional(),
    /** 计量单位: "万元", "%", "次". */
    unit: z.string().optional(),
  })
  .superRefine((target, ctx) => {
    const comparison = ['ge', 'gt', 'eq', 'le', 'lt'].includes(target.kind);
    if (comparison && target.value === undefined) {
      ctx.addIssue({
        code: 'custom',
        path: ['value'],
        message: `比较类指标（${TARGET_KIND_LABEL[target.kind]}）须填写指标值 value，如 "25"`,
      });
    }
    if (target.kind === 'range') {
      for (const end of ['min', 'max'] as const) {
        if (target[end] === undefined) {
          ctx.addIssue({
            code: 'custom',
            path: [end],
            message: `区间指标须填写${end === 'min' ? '下限 min' : '上限 max'}`,
          });
        }
      }
      const lo = target.min !== undefined ? parseDecimal(target.min) : null;
      const hi = target.max !== undefined ? parseDecimal(target.max) : null;
      if (lo && hi && lo.n * hi.d > hi.n * lo.d) {
        ctx.addIssue({
          code: 'custom',
          path: ['max'],
          message: `区间上限 ${target.max} 小于下限 ${target.min}`,
        });
      }
    }
  });

const indicatorSchema = z.strictObject({
  /** 一级指标, e.g. 产出指标. */
  level1: z.string().min(1),
  /** 二级指标, e.g. 数量指标. */
  level2: z.string().optional(),
  /** 三级指标. */
  name: z.string().min(1),
  /** 分值. */
  points,
  target: targetSchema,
  /** 实际完成值 exactly as printed ("60.2", "96%", "基本达成目标"); absent when not filled. */
  actual: z.string().optional(),
  /** The actual as a number, when the printed text is not one ("约 4.2 个月"). */
  actualValue: value.optional(),
  /** The evaluator's 定性 judgement, when stated apart from the printed text. */
  tier: z.enum(TIERS).optional(),
  /** 得分 as published. */
  score: score.optional(),
  /** 偏差原因分析及改进措施. */
  deviation: z.string().optional(),
  /** Data-entry remark (where the row was found, what was inferred). */
  note: z.string().optional(),
});

const fundCells = {
  /** 年初预算数. */
  initial: money.optional(),
  /** 全年预算数 (A). */
  final: money.optional(),
  /** 全年执行数 (B). */
  executed: money.optional(),
  /** 执行率 as printed, in percent. */
  rate: percent.optional(),
};

const fundRow = z.strictObject({ label: z.string().optional(), ...fundCells });

const fundsSchema = z.strictObject({
  /** 年度资金总额, with the 分值 and 得分 of 预算执行率. */
  total: z.strictObject({ ...fundCells, points: points.optional(), score: score.optional() }),
  /** 当年财政拨款 (2024 templates: 政府预算资金). */
  fiscal: fundRow.optional(),
  /** 上年结转资金. */
  carryover: fundRow.optional(),
  /** 其他资金. */
  other: fundRow.optional(),
});

const groupSchema = z.strictObject({
  level1: z.string().min(1),
  /** Absent for the 一级 group itself. */
  level2: z.string().optional(),
  /** Points printed next to the group name, e.g. 产出指标（50分）. */
  points,
});

export const projectSchema = z.strictObject({
  /** 项目名称. */
  name: z.string().min(1),
  year: z.number().int().min(2000).max(2100).optional(),
  /** 主管部门. */
  department: z.string().optional(),
  /** 实施单位. */
  implementer: z.string().optional(),
  funds: fundsSchema.optional(),
  /** 年度总体目标: 预期目标 and 实际完成情况. */
  goals: z.strictObject({ expected: z.string().optional(), actual: z.string().optional() }).optional(),
  /** Points printed on 一级/二级 groups. */
  groups: z.array(groupSchema).optional(),
  indicators: z.array(indicatorSchema).optional(),
  /** 总分 row: 分值 and 得分 as published. */
  total: z.strictObject({ points: points.optional(), score: score.optional() }).optional(),
  /** Grade as published (优/良/中/差, or 优秀/良好). */
  grade: z.string().optional(),
  note: z.string().optional(),
});

const GRADE_KEYS = ['优', '良', '中', '差'] as const;

const summarySchema = z.strictObject({
  /** Number of projects self-evaluated, as stated. */
  projectCount: count.optional(),
  /** Money covered (万元), as stated. */
  amount: money.optional(),
  /** Share of 项目支出 covered, in percent, as stated. */
  coveragePercent: percent.optional(),
  /** Grade distribution as stated: 优 2, 良 0, …. */
  grades: z.partialRecord(z.enum(GRADE_KEYS), count).optional(),
  /** Where the statement was found. */
  source: z.string().optional(),
});

const deptIndicatorInput = z.strictObject({
  /** Entered figures for the indicator's input terms (万元 for money, counts, percents). */
  inputs: z.record(z.string(), value).optional(),
  /** All-or-nothing indicators: whether the criterion is met. */
  met: z.boolean().optional(),
  /** Checklist indicators: which items are met, in the system's order. */
  itemsMet: z.array(z.boolean()).optional(),
  /** Defects found (扣分项) for checklist and deduction indicators. */
  defects: count.optional(),
  /** A rate stated in the published evaluation, percent (checked against the recomputed rate). */
  stated: percent.optional(),
  /** Score as published. */
  score: score.optional(),
  /** 佐证: where the entered figures come from. */
  evidence: z.string().optional(),
});

const wholeDepartmentSchema = z.strictObject({
  /** Indicator system id of the profile, e.g. jdz-2024; the profile's default when absent. */
  system: z.string().min(1).optional(),
  indicators: z.record(z.string(), deptIndicatorInput).optional(),
  /** Total and grade as published (a grade may be stated with no score table). */
  published: z.strictObject({ total: score.optional(), grade: z.string().optional() }).optional(),
});

/** The user's own words: one paragraph as a string, or several as an array. */
const userText = z.union([z.string(), z.array(z.string())], {
  error: '应为一段文字或文字数组（如 "……" 或 ["……", "……"]）',
});

/**
 * What the 部门整体支出绩效自评报告 says in the department's own words; every figure of the report
 * is computed, these are not. Where one is missing the report prints a placeholder asking for it.
 */
const reportTextsSchema = z.strictObject({
  /** 重点工作: the year's key work (一、部门概况). */
  keyWork: userText.optional(),
  /** 存在的主要问题. */
  problems: userText.optional(),
  /** 改进措施和建议. */
  measures: userText.optional(),
  /** 主要经验及做法. */
  experience: userText.optional(),
});

export const performanceSchema = z.strictObject({
  projects: z.array(projectSchema).optional(),
  summary: summarySchema.optional(),
  wholeDepartment: wholeDepartmentSchema.optional(),
  /** Texts of the 部门整体支出绩效自评报告 (juesuan report --kind performance). */
  report: reportTextsSchema.optional(),
});

export type PerformanceData = z.output<typeof performanceSchema>;
export type ProjectData = z.output<typeof projectSchema>;
export type IndicatorData = z.output<typeof indicatorSchema>;
export type TargetData = z.output<typeof targetSchema>;
export type FundsData = z.output<typeof fundsSchema>;
export type FundRowData = z.output<typeof fundRow>;
export type DeptIndicatorInput = z.output<typeof deptIndicatorInput>;
export type WholeDepartmentData = z.output<typeof wholeDepartmentSchema>;
export type SummaryData = z.output<typeof summarySchema>;
export type ReportTextsData = z.output<typeof reportTextsSchema>;
export type DecimalInput = string | number;
