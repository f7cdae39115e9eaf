/**
 * What every rule declares, whatever checks it: the table formulas of a profile's rules.json and
 * the rules written as code (科目, 情况说明, 绩效, 文档识别, …) share this shape, so one registry can
 * list, document and test them all. A family written as code declares its rules as data with
 * `declareFamily`; the checks read title and severity from that declaration.
 */
import type { Severity } from './catalogue';

export const RULE_FAMILIES = {
  table: '审核公式',
  data: '数据完整',
  classification: '科目',
  consolidation: '汇总',
  narrative: '情况说明',
  text: '名词解释与表号',
  identity: '文档身份与模板残留',
  recognition: '文档识别',
  performance: '绩效自评',
} as const;

export type RuleFamily = keyof typeof RULE_FAMILIES;

/** One line per family: what its rules look at and where they are declared. */
export const RULE_FAMILY_SUMMARY: Record<RuleFamily, string> = {
  table: '表内、表间、跨年的平衡与勾稽关系，以审核公式写在各口径的 rules.json 中（编号在口径内唯一）',
  data: '数据包对应公开的表是否填报了数据',
  classification: '科目代码在报告年度有效、名称不是旧年度名称、款项科目有上级科目',
  consolidation: '由各单位汇总的数据包中，单位之间的补助和上缴双方一致，调整表的抵销不多不少',
  narrative:
    '情况说明中的金额、占比、增减和完成率与公开表一致，也与情况说明自身的数一致（各项之和、占比合计、用词、人次、单位；没有表时照样核对），生成时须写明原因和用途',
  text: '名词解释覆盖表中科目且用本年度名称，正文引用的表号存在并按公开口径印出',
  identity:
    '审读文档时部门名称和报告年度在封面、标题、表名、日期和正文中前后一致，没有留下模板的占位符、备选措辞和填写说明',
  recognition:
    '审读文档时文件是部门决算、公开表在文本中且齐全、以文字而非图片印出、表中各行能对应到口径、没有多余的表、合计行不空白',
  performance: '项目支出绩效自评表和部门整体评价的分值、得分、执行率、等级与计分规则一致',
};

export interface RuleMeta {
  /** Stable id, also the prefix of every finding id the rule raises (`P-R09@项目/指标`). */
  id: string;
  family: RuleFamily;
  /** The rule's own severity; a finding may be lowered (尾数误差 → info) but never raised. */
  severity: Severity;
  /** One line, Chinese. */
  title: string;
  /** What it checks and why, for a finance officer. */
  meaning: string;
  /** Where it applies: tables, sections, document kinds, profiles, years. */
  appliesTo: string;
  /** The formula (table rules) or a precise description of the check. */
  check: string;
  /** A failing case in words. */
  example: string;
}

export type RuleDeclaration<Id extends string = string> = Omit<RuleMeta, 'family' | 'id'> & { id: Id };

/** A family's rules keyed by id, so a check's `rule.severity` is typed and an unknown id fails to compile. */
export function declareFamily<const Id extends string>(
  family: RuleFamily,
  rules: readonly RuleDeclaration<Id>[],
): Readonly<Record<Id, RuleMeta>> {
  const byId: Partial<Record<Id, RuleMeta>> = {};
  for (const rule of rules) byId[rule.id] = { ...rule, family };
  return byId as Record<Id, RuleMeta>;
}
