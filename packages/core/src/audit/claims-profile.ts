/**
 * A profile's narrative claims as data (profiles/<id>/claims.json): the 情况说明 sections, the
 * words that say what a figure is (比上年, 增加/减少, 占, 完成年初预算, 年初预算数/决算数, …) and
 * the items a sentence can state, each with the phrases that name it, the units it takes and the
 * table cell (or derived figure) it must equal, with the denominator of its share (docs/rules.md#narrative).
 *
 * A reference is written in the cell syntax of the rule language: `T01[L31]`, `T03[total].C2`,
 * `T06[301]`, `T09[L1].finalBudget`, sums and differences of those (`T01[L1] + T01[L2]`), `{code}`
 * for the 科目 the sentence names, and `T03[*类].C2` for the sum over the table's 类 rows. A list
 * gives alternatives: the first whose cells the document prints is used.
 */
import { z } from 'zod';
import { normalizeText } from '../text/normalize';

export const CLAIMS_FORMAT = 'juesuan.claims/1';

const refSchema = z.union([z.string().min(1), z.array(z.string().min(1)).min(1)]);

const itemSchema = z.strictObject({
  id: z.string().regex(/^[a-zA-Z][\w.-]*$/),
  /** The narrative identity checked (N-01 …). */
  rule: z.string().regex(/^N-\d{2}[a-z]?$/),
  label: z.string().min(1),
  phrases: z.array(z.string().min(1)).default([]),
  /** Instead of phrases: any 科目 name of this classification and level (each 类 of §三). */
  classes: z
    .strictObject({ classification: z.enum(['functional', 'economic']), level: z.enum(['类', '款', '项']) })
    .optional(),
  /** Section ids the item is read in; everywhere when absent. */
  sections: z.array(z.string()).optional(),
  /** Units a figure of the item is written in (万元; 辆, 个, 人次 for counts). */
  units: z.array(z.string()).default(['万元']),
  /** The amount (决算数) the sentence states. */
  ref: refSchema.optional(),
  actual: refSchema.optional(),
  initialBudget: refSchema.optional(),
  finalBudget: refSchema.optional(),
  /** Denominator of 占 X%: an item id or a reference. */
  shareOf: z.string().optional(),
  /** An upper bound (绩效自评 money ≤ 项目支出, N-17). */
  max: refSchema.optional(),
  /** A change against last year needs its 主要原因. */
  reason: z.boolean().default(false),
});

const words = z.array(z.string().min(1)).min(1);

const claimsJsonSchema = z.strictObject({
  $schema: z.string().optional(),
  format: z.literal(CLAIMS_FORMAT),
  profile: z.string(),
  /** How the narrative writes amounts and percentages. */
  narrative: z.strictObject({
    unit: z.enum(['万元', '元']),
    decimals: z.number().int().min(0).max(4),
    percentDecimals: z.number().int().min(0).max(4),
  }),
  /** Part headings (第四部分 名词解释 …) whose text states no figures to check. */
  skipParts: z.array(z.string()).default([]),
  /** The part that holds the 名词解释. */
  glossaryPart: z.string().optional(),
  sections: z.array(z.strictObject({ id: z.string(), match: words })),
  words: z.strictObject({
    /** Against last year; `{year}` stands for any year (较2019年). */
    yoy: words,
    up: words,
    down: words,
    flat: words,
    share: words,
    reason: words,
    completion: z.strictObject({ initial: words, final: words, any: words }),
    attributes: z.strictObject({ actual: words, initialBudget: words, finalBudget: words }),
    countUnits: words,
  }),
  items: z.array(itemSchema).min(1),
  /**
   * Totals the narrative breaks down (本年收入合计 = 财政拨款收入 + … + 其他收入): a share of such a
   * total is computed as part ÷ (part + the other parts), which the printed total constrains.
   */
  sums: z.array(z.strictObject({ total: z.string(), parts: z.array(z.string()).min(2) })).default([]),
  glossary: z
    .strictObject({
      /** Terms that no longer belong in a 名词解释 (用事业基金弥补收支差额 after 2019). */
      obsolete: z.array(z.strictObject({ term: z.string().min(1), note: z.string().min(1) })).default([]),
    })
    .optional(),
});

export type ClaimsJson = z.input<typeof claimsJsonSchema>;
export type ClaimItem = z.output<typeof itemSchema>;

export interface ClaimsProfile {
  profile: string;
  narrative: { unit: '万元' | '元'; decimals: number; percentDecimals: number };
  skipParts: string[];
  glossaryPart?: string;
  sections: { id: string; match: string[] }[];
  items: ClaimItem[];
  sums: { total: string; parts: string[] }[];
  /** Each item's phrases normalised, longest first. */
  phrases: Map<string, string[]>;
  patterns: {
    yoy: RegExp;
    up: RegExp;
    down: RegExp;
    flat: RegExp;
    share: RegExp;
    reason: RegExp;
    completion: { initial: RegExp; final: RegExp; any: RegExp };
    attributes: { actual: RegExp; initialBudget: RegExp; finalBudget: RegExp };
    count: RegExp;
  };
  obsolete: { term: string; note: string }[];
}

export type ClaimsLoad = { ok: true; claims: ClaimsProfile } | { ok: false; errors: string[] };

/** Validates a claims.json and compiles its word lists. */
export function parseClaimsProfile(json: unknown): ClaimsLoad {
  const parsed = claimsJsonSchema.safeParse(json);
  if (!parsed.success) {
    return {
      ok: false,
      errors: parsed.error.issues.map((i) => `claims.json ${i.path.join('.')}: ${i.message}`),
    };
  }
  const data = parsed.data;
  const errors: string[] = [];
  const ids = new Set<string>();
  const sections = new Set(data.sections.map((s) => s.id));
  for (const item of data.items) {
    if (ids.has(item.id)) errors.push(`claims.json: 条目 ${item.id} 重复`);
    ids.add(item.id);
    if (!item.phrases.length && !item.classes)
      errors.push(`claims.json: 条目 ${item.id} 没有措辞（phrases）`);
    for (const s of item.sections ?? []) {
      if (!sections.has(s)) errors.push(`claims.json: 条目 ${item.id} 的章节 ${s} 未定义`);
    }
  }
  for (const sum of data.sums) {
    for (const id of [sum.total, ...sum.parts]) {
      if (!ids.has(id)) errors.push(`claims.json: 合计关系中的条目 ${id} 未定义`);
    }
  }
  for (const item of data.items) {
    if (item.shareOf && !ids.has(item.shareOf) && !/\[/.test(item.shareOf)) {
      errors.push(`claims.json: 条目 ${item.id} 的 shareOf “${item.shareOf}” 既不是条目也不是单元格`);
    }
  }
  if (errors.length) return { ok: false, errors };
  const w = data.words;
  const phrases = new Map<string, string[]>();
  for (const item of data.items) {
    phrases.set(
      item.id,
      [...new Set(item.phrases.map((p) => normalizeText(p)))].sort((a, b) => b.length - a.length),
    );
  }
  return {
    ok: true,
    claims: {
      profile: data.profile,
      narrative: data.narrative,
      skipParts: data.skipParts.map(normalizeText),
      ...(data.glossaryPart ? { glossaryPart: normalizeText(data.glossaryPart) } : {}),
      sections: data.sections.map((s) => ({ id: s.id, match: s.match.map(normalizeText) })),
      items: data.items,
      sums: data.sums,
      phrases,
      patterns: {
        yoy: alternation(w.yoy),
        up: alternation(w.up),
        down: alternation(w.down),
        flat: alternation(w.flat),
        share: alternation(w.share),
        reason: alternation(w.reason),
        completion: {
          initial: alternation(w.completion.initial),
          final: alternation(w.completion.final),
          any: alternation(w.completion.any),
        },
        attributes: {
          actual: alternation(w.attributes.actual),
          initialBudget: alternation(w.attributes.initialBudget),
          finalBudget: alternation(w.attributes.finalBudget),
        },
        count: new RegExp(
          `(\\d+)(${[...w.countUnits]
            .map((u) => escapeRegExp(normalizeText(u)))
            .sort((a, b) => b.length - a.length)
            .join('|')})`,
          'g',
        ),
      },
      obsolete: data.glossary?.obsolete ?? [],
    },
  };
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** A word list as one pattern over normalised text; `{year}` is any year. */
function alternation(list: readonly string[]): RegExp {
  const parts = [...list]
    .map((w) => escapeRegExp(normalizeText(w)).replace(/\\\{year\\\}/g, '(?:19|20)\\d{2}'))
    .sort((a, b) => b.length - a.length);
  return new RegExp(parts.join('|'), 'g');
}
