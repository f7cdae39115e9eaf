/**
 * Every rule juesuan checks, in one list: the table formulas of each profile's rules.json and the
 * families written as code. Table rule ids are unique within a profile, and the same id in two
 * profiles is the same rule in that profile's wording, so a table rule's registry key is
 * `<profile>:<id>` (jiangxi-2024:T01-01); a code-defined rule applies to every profile and its key
 * is its id.
 */
import { IDENTITY_RULES } from '../audit/identity-rules';
import { NARRATIVE_RULES } from '../audit/narrative-rules';
import { NARRATIVE_SELF_RULES } from '../audit/narrative-self-rules';
import { RECOGNITION_RULES } from '../audit/recognition-rules';
import { TEXT_RULES } from '../audit/text-rules';
import { CLASSIFICATION_RULES } from '../classification-rules';
import { CONSOLIDATION_RULES } from '../consolidation/consolidation-rules';
import { DATA_RULES } from '../data-rules';
import { PERFORMANCE_RULES } from '../performance/rules';
import type { TableDef } from '../profile';
import {
  type CompiledCatalogue,
  RULE_CATEGORIES,
  type RuleCategory,
  type RuleDef,
  SEVERITY_LABEL,
} from './catalogue';
import { RULE_FAMILIES, type RuleFamily, type RuleMeta } from './rule-meta';

export interface RegisteredRule extends RuleMeta {
  /** Unique across the registry: `<profile>:<id>` for a table rule, the id otherwise. */
  key: string;
  /** The profile whose rules.json declares the rule (table rules only). */
  profile?: string;
  /** 表内, 表间, 跨年, … (table rules only). */
  category?: RuleCategory;
  /** A catalogue may switch a rule off (`"enabled": false`); it is listed but not run. */
  enabled: boolean;
}

/** The rules written as code, family by family, in the order they are listed. */
export const CODE_DEFINED_RULES: readonly RegisteredRule[] = [
  DATA_RULES,
  CLASSIFICATION_RULES,
  CONSOLIDATION_RULES,
  NARRATIVE_RULES,
  NARRATIVE_SELF_RULES,
  TEXT_RULES,
  IDENTITY_RULES,
  RECOGNITION_RULES,
  PERFORMANCE_RULES,
].flatMap((family) =>
  Object.values<RuleMeta>(family).map((rule) => ({ ...rule, key: rule.id, enabled: true })),
);

const CODE_DEFINED_BY_ID = new Map(CODE_DEFINED_RULES.map((rule) => [rule.id, rule]));

/**
 * A code-defined rule by id: where a finding takes its severity and title, so neither is written
 * twice. An id the registry lacks is a mistake of the check, not of the document.
 */
export function codeDefinedRule(id: string): RegisteredRule {
  const rule = CODE_DEFINED_BY_ID.get(id);
  if (!rule) throw new Error(`规则 ${id} 没有在规则目录中登记`);
  return rule;
}

export interface ProfileCatalogue {
  profile: string;
  catalogue: CompiledCatalogue;
  /** The profile's tables, to name them (公开01表「收入支出决算总表」) in `appliesTo`. */
  tables?: readonly TableDef[];
}

/** The table rules of the given profiles' catalogues, then every code-defined rule. */
export function ruleRegistry(catalogues: readonly ProfileCatalogue[]): RegisteredRule[] {
  return [...catalogues.flatMap(tableRules), ...CODE_DEFINED_RULES];
}

/** How many of the rules each family has, in the families' order; families without rules are left out. */
export function countByFamily(
  rules: readonly RegisteredRule[],
): { family: RuleFamily; label: string; count: number }[] {
  return (Object.keys(RULE_FAMILIES) as RuleFamily[])
    .map((family) => ({
      family,
      label: RULE_FAMILIES[family],
      count: rules.filter((r) => r.family === family).length,
    }))
    .filter((c) => c.count > 0);
}

function tableRules({ profile, catalogue, tables }: ProfileCatalogue): RegisteredRule[] {
  const tableName = (id: string) => {
    const def = tables?.find((t) => t.id === id);
    return def ? `${def.number}「${def.title}」` : id;
  };
  return catalogue.rules.map(({ def, formula }) => {
    const read = [...new Set([...formula.tables, ...formula.priorTables.map((t) => `上年${t}`)])];
    return {
      id: def.id,
      key: `${profile}:${def.id}`,
      family: 'table',
      profile,
      category: def.category,
      severity: def.severity,
      title: def.title,
      meaning: def.meaning ?? '',
      appliesTo: `口径 ${profile}，${RULE_CATEGORIES[def.category]}：${read
        .map((t) => (t.startsWith('上年') ? `上年${tableName(t.slice(2))}` : tableName(t)))
        .join('、')}${yearsText(def.years)}`,
      check: def.formula,
      example: def.example ?? '',
      enabled: def.enabled !== false,
    };
  });
}

function yearsText(years: RuleDef['years']): string {
  if (years?.from !== undefined && years.to !== undefined) return `；适用 ${years.from}–${years.to} 年`;
  if (years?.from !== undefined) return `；适用 ${years.from} 年起`;
  if (years?.to !== undefined) return `；适用至 ${years.to} 年`;
  return '';
}

const HAN = /\p{Script=Han}/u;

/**
 * What is wrong with the registry, in Chinese: a duplicate key, an unknown family or severity, or
 * metadata missing (title, meaning and example must be Chinese; appliesTo and check not empty).
 */
export function registryProblems(rules: readonly RegisteredRule[]): string[] {
  const problems: string[] = [];
  const seen = new Set<string>();
  for (const rule of rules) {
    const name = `规则 ${rule.key}`;
    if (seen.has(rule.key)) problems.push(`${name} 重复登记`);
    seen.add(rule.key);
    if (!(rule.family in RULE_FAMILIES)) problems.push(`${name} 的规则族 ${rule.family} 未定义`);
    if (!(rule.severity in SEVERITY_LABEL)) problems.push(`${name} 的严重程度 ${rule.severity} 无效`);
    if (rule.family === 'table' && rule.profile === undefined) problems.push(`${name} 是审核公式却没有口径`);
    for (const field of ['title', 'meaning', 'example'] as const) {
      if (!HAN.test(rule[field])) problems.push(`${name} 缺少中文的 ${field}`);
    }
    for (const field of ['appliesTo', 'check'] as const) {
      if (!rule[field].trim()) problems.push(`${name} 缺少 ${field}`);
    }
  }
  return problems;
}
