/**
 * A rule catalogue (profiles/<id>/rules.json) as data: every rule has a stable id, a title, a
 * formula in the 审核公式 language, a severity, a category and a message template; a profile's
 * catalogue also says what each rule means and gives a failing example (`meaning`, `example`),
 * which the rule registry (registry.ts) lists with the rules written as code. The whole
 * catalogue is compiled up front, so a mistake in any formula is reported with its rule id and
 * position before anything is checked.
 *
 * {
 *   "format": "juesuan.rules/1",
 *   "rules": [
 *     { "id": "T01-01", "title": "本年收入合计等于各项收入之和", "severity": "error", "category": "intra",
 *       "formula": "T01[L27] = SUM(T01[L1:L8])",
 *       "message": "{table}{row} {found} 与第1–8行之和 {expected} 相差 {difference}" }
 *   ]
 * }
 */
import { z } from 'zod';
import type { TableDef } from '../profile';
import { type CompiledFormula, compileFormula } from './compile';
import { formatFormulaError } from './parse';
import { type TableShape, tableShapes } from './shape';

export const RULES_FORMAT = 'juesuan.rules/1';

export type Severity = 'error' | 'warning' | 'info';

export const SEVERITY_LABEL: Record<Severity, string> = {
  error: '错误（强制）',
  warning: '提示（需说明）',
  info: '信息（尾数误差）',
};

export const RULE_CATEGORIES = {
  intra: '表内',
  cross: '表间',
  year: '跨年',
  code: '科目',
  annex: '附表',
  /** Findings of the generated 情况说明 (missing reasons), not of a rule formula. */
  narrative: '情况说明',
} as const;

export type RuleCategory = keyof typeof RULE_CATEGORIES;

const categoryKeys = Object.keys(RULE_CATEGORIES) as [RuleCategory, ...RuleCategory[]];

export const ruleSchema = z.strictObject({
  /** Stable: T01-01 (table), X-03 (cross-table), Y-01 (cross-year); `.n` for variants. */
  id: z.string().regex(/^[A-Z][A-Z0-9]*(-[A-Za-z0-9]+)+(\.\d+)?$/, '规则编号应形如 T01-01、X-03 或 T04-10.2'),
  title: z.string().min(1, '规则须有标题'),
  formula: z.string().min(1, '规则须有公式'),
  severity: z.enum(['error', 'warning', 'info'], '严重程度应为 error、warning 或 info'),
  category: z.enum(categoryKeys, `类别应为 ${categoryKeys.join('、')}`),
  /** What the rule checks and why, for a finance officer (the rule registry requires it of a profile's catalogue). */
  meaning: z.string().min(1).optional(),
  /** A failing case in words. */
  example: z.string().min(1).optional(),
  /** Chinese message with {placeholders}; a default sentence is used when absent. */
  message: z.string().min(1).optional(),
  enabled: z.boolean().optional(),
  /** Report years the rule applies to, inclusive. */
  years: z.strictObject({ from: z.number().int().optional(), to: z.number().int().optional() }).optional(),
  note: z.string().optional(),
});

export const catalogueSchema = z.strictObject({
  $schema: z.string().optional(),
  format: z.literal(RULES_FORMAT).optional(),
  /** The profile the catalogue was written for, e.g. jiangxi-2024. */
  profile: z.string().optional(),
  rules: z.array(ruleSchema),
});

export type RuleDef = z.output<typeof ruleSchema>;
export type CatalogueJson = z.input<typeof catalogueSchema>;

/** A piece of a message template: text, or a {placeholder} (`{k.label}` has name k, property label). */
export type TemplatePart = string | { name: string; property?: string };

export interface CompiledRule {
  def: RuleDef;
  formula: CompiledFormula;
  message?: TemplatePart[];
}

export interface CatalogueError {
  ruleId?: string;
  /** Where in the catalogue, e.g. `rules[3].formula`. */
  path: string;
  /** Position in the formula, when the error is in one. */
  line?: number;
  column?: number;
  /** The whole message in Chinese, with rule id and position. */
  message: string;
}

export interface CompiledCatalogue {
  ok: boolean;
  rules: CompiledRule[];
  errors: CatalogueError[];
}

export interface CatalogueOptions {
  /** The profile's table definitions (profile.tableDefs), to check every reference. */
  tables?: readonly TableDef[];
  /**
   * The year those tables are printed for. A rule whose `years` leave it out is checked for its
   * syntax only: a table it names may not be printed that year, and the rule is not run then.
   */
  year?: number;
}

/** Whether a rule with these `years` applies in `year` (every year when either is absent). */
export function ruleAppliesIn(years: RuleDef['years'], year: number | undefined): boolean {
  if (year === undefined || !years) return true;
  return (years.from === undefined || year >= years.from) && (years.to === undefined || year <= years.to);
}

/** Placeholders every message may use; FOR variables add {k}, {k.label}, {k.code}, … */
export const MESSAGE_PLACEHOLDERS = [
  'id',
  'title',
  'severity',
  'category',
  'table',
  'tableId',
  'tableTitle',
  'row',
  'rowLabel',
  'code',
  'line',
  'column',
  'columnLabel',
  'cell',
  'left',
  'right',
  'formula',
  'found',
  'expected',
  'difference',
  'tolerance',
  'unit',
  'year',
  'detail',
] as const;

const VARIABLE_PROPERTIES = ['label', 'code', 'line', 'key', 'no'];

/** Validates a catalogue and compiles every formula and message; `ok` only when nothing is wrong. */
export function compileCatalogue(input: unknown, options: CatalogueOptions = {}): CompiledCatalogue {
  const parsed = catalogueSchema.safeParse(Array.isArray(input) ? { rules: input } : input);
  if (!parsed.success) {
    return { ok: false, rules: [], errors: parsed.error.issues.map((issue) => schemaError(issue, input)) };
  }
  const shapes: ReadonlyMap<string, TableShape> | undefined = options.tables
    ? tableShapes(options.tables)
    : undefined;
  const errors: CatalogueError[] = [];
  const rules: CompiledRule[] = [];
  const seen = new Set<string>();
  parsed.data.rules.forEach((def, index) => {
    const at = (field: string) => `rules[${index}].${field}`;
    if (seen.has(def.id)) {
      errors.push({ ruleId: def.id, path: at('id'), message: `规则 ${def.id} 的编号重复` });
    }
    seen.add(def.id);
    if (def.years?.from !== undefined && def.years.to !== undefined && def.years.from > def.years.to) {
      errors.push({ ruleId: def.id, path: at('years'), message: `规则 ${def.id} 的适用年度起止颠倒` });
    }
    const checkShapes = shapes && ruleAppliesIn(def.years, options.year);
    const compiled = compileFormula(def.formula, checkShapes ? { tables: shapes } : {});
    if (!compiled.ok) {
      for (const error of compiled.errors) {
        errors.push({
          ruleId: def.id,
          path: at('formula'),
          line: error.line,
          column: error.column,
          message: `规则 ${def.id} 公式${formatFormulaError(error)}`,
        });
      }
      return;
    }
    let message: TemplatePart[] | undefined;
    if (def.message !== undefined) {
      const template = parseTemplate(def.message, compiled.formula.variables);
      if (!template.ok) {
        errors.push({
          ruleId: def.id,
          path: at('message'),
          message: `规则 ${def.id} 的提示语：${template.error}`,
        });
        return;
      }
      message = template.parts;
    }
    rules.push({ def, formula: compiled.formula, ...(message ? { message } : {}) });
  });
  return { ok: errors.length === 0, rules, errors };
}

export function parseTemplate(
  text: string,
  variables: readonly string[] = [],
): { ok: true; parts: TemplatePart[] } | { ok: false; error: string } {
  const parts: TemplatePart[] = [];
  const known = new Set<string>(MESSAGE_PLACEHOLDERS);
  const pattern = /\{([^{}]*)\}/g;
  let last = 0;
  for (const match of text.matchAll(pattern)) {
    if (match.index > last) parts.push(text.slice(last, match.index));
    last = match.index + match[0].length;
    const [name = '', property, extra] = match[1]!.trim().split('.');
    if (extra !== undefined) return { ok: false, error: `占位符 {${match[1]}} 有误` };
    if (variables.includes(name)) {
      if (property !== undefined && !VARIABLE_PROPERTIES.includes(property)) {
        return {
          ok: false,
          error: `占位符 {${match[1]}}：变量只有 ${VARIABLE_PROPERTIES.join('、')} 这些属性`,
        };
      }
      parts.push(property === undefined ? { name } : { name, property });
    } else if (property === undefined && known.has(name)) {
      parts.push({ name });
    } else {
      return {
        ok: false,
        error: `未知的占位符 {${match[1]}}；可用 ${[...MESSAGE_PLACEHOLDERS, ...variables].map((p) => `{${p}}`).join('')}`,
      };
    }
  }
  if (last < text.length) parts.push(text.slice(last));
  const stray = parts.find((p) => typeof p === 'string' && /[{}]/.test(p));
  if (stray !== undefined) return { ok: false, error: '花括号不成对' };
  return { ok: true, parts };
}

function schemaError(issue: z.core.$ZodIssue, input: unknown): CatalogueError {
  const path = issue.path
    .map((p) => (typeof p === 'number' ? `[${p}]` : `.${String(p)}`))
    .join('')
    .replace(/^\./, '');
  const index = issue.path[0] === 'rules' && typeof issue.path[1] === 'number' ? issue.path[1] : undefined;
  const rules = Array.isArray(input) ? input : (input as { rules?: unknown })?.rules;
  const raw =
    index !== undefined && Array.isArray(rules) ? (rules[index] as { id?: unknown } | undefined) : undefined;
  const ruleId = typeof raw?.id === 'string' ? raw.id : undefined;
  const field = issue.path.slice(2).join('.');
  const where =
    index !== undefined
      ? `规则 ${ruleId ?? `#${index + 1}`}${field ? ` 的 ${field}` : ''}`
      : path || '规则目录';
  return {
    ...(ruleId ? { ruleId } : {}),
    path: (Array.isArray(input) ? path.replace(/^rules/, '') : path) || '(root)',
    message: `${where}：${chineseIssue(issue)}`,
  };
}

function chineseIssue(issue: z.core.$ZodIssue): string {
  switch (issue.code) {
    case 'invalid_type':
      return issue.input === undefined
        ? `缺少此项（应为 ${issue.expected}）`
        : `类型不对，应为 ${issue.expected}`;
    case 'unrecognized_keys':
      return `不认识的字段 ${issue.keys.join('、')}`;
    default:
      return issue.message;
  }
}
