/**
 * 第四部分 名词解释: the profile's terms (profiles/<id>/glossary.json) and a definition of every
 * functional 类/款/项 the package spends under (docs/disclosure.md#glossary, N-16: “明细到项级”).
 * Code definitions come from catalogs/definitions.tsv; a code without one gets a sentence built from its catalog
 * names, marked as such so a check can ask for a real definition.
 */
import { z } from 'zod';
import { type Catalog, levelOf, parentCode } from '../catalog';
import type { DataPackage } from '../package';
import { codeName } from '../views';
import { chineseNumeral } from './figures';
import type { Block } from './model';

export const GLOSSARY_FORMAT = 'juesuan.glossary/1';

const NUMBERINGS = ['paren', 'chinese', 'arabic', 'none'] as const;
type Numbering = (typeof NUMBERINGS)[number];

const glossaryJsonSchema = z.strictObject({
  $schema: z.string().optional(),
  format: z.literal(GLOSSARY_FORMAT),
  profile: z.string(),
  groups: z
    .array(
      z.strictObject({
        heading: z.string().optional(),
        /** How the group's entries are numbered: （一） / 一、 / 1. / none. */
        numbering: z.enum(NUMBERINGS).default('paren'),
        /** Printed under the heading, before the entries. */
        intro: z.string().optional(),
        items: z.array(z.strictObject({ term: z.string().min(1), text: z.string().min(1) })).default([]),
        /** The group lists the package's functional codes with their definitions. */
        codes: z.boolean().default(false),
      }),
    )
    .min(1),
});

export type GlossaryJson = z.input<typeof glossaryJsonSchema>;
export type GlossaryGroup = z.output<typeof glossaryJsonSchema>['groups'][number];

export interface CodeDefinition {
  /** A code, or `name:<项名>` / `name:<prefix>*` for a 项 of that name under any 款. */
  key: string;
  /** May name the code's levels: {类}, {款}, {项}. */
  text: string;
  from: number | null;
  to: number | null;
  verified: boolean;
  source: string;
}

export interface Glossary {
  profile: string;
  groups: GlossaryGroup[];
  definitions: CodeDefinition[];
}

export type GlossaryLoad = { ok: true; glossary: Glossary } | { ok: false; errors: string[] };

/** Validates glossary.json and puts it together with the code definitions. */
export function parseGlossary(json: unknown, definitions: CodeDefinition[]): GlossaryLoad {
  const parsed = glossaryJsonSchema.safeParse(json);
  if (!parsed.success) {
    return {
      ok: false,
      errors: parsed.error.issues.map((i) => `glossary.json ${i.path.join('.')}: ${i.message}`),
    };
  }
  return { ok: true, glossary: { profile: parsed.data.profile, groups: parsed.data.groups, definitions } };
}

const DEFINITION_COLUMNS = ['code', 'definition', 'from', 'to', 'verified', 'source'] as const;

/**
 * Reads catalogs/definitions.tsv (columns: code, definition, from, to, verified, source; years may
 * be empty). Throws with the line number on a malformed row: it is shipped data.
 */
export function parseDefinitionsTsv(text: string): CodeDefinition[] {
  const lines = text.split(/\r?\n/);
  const header = lines[0]?.split('\t') ?? [];
  DEFINITION_COLUMNS.forEach((column, i) => {
    if (header[i] !== column)
      throw new Error(`科目说明表表头第 ${i + 1} 列应为 ${column}，实际为 ${header[i]}`);
  });
  const definitions: CodeDefinition[] = [];
  const seen = new Set<string>();
  lines.slice(1).forEach((line, index) => {
    if (line.trim() === '' || line.startsWith('#')) return;
    const where = `definitions.tsv 第 ${index + 2} 行`;
    const [key = '', definition = '', from = '', to = '', verified = '', source = ''] = line.split('\t');
    if (!/^2\d{2}(\d{2}(\d{2})?)?$/.test(key) && !/^name:[^*\s]+\*?$/.test(key)) {
      throw new Error(`${where}：代码 “${key}” 应为 3/5/7 位支出功能分类代码或 name:项名`);
    }
    if (definition.trim() === '') throw new Error(`${where}：说明为空`);
    if ((from !== '' && !/^\d{4}$/.test(from)) || (to !== '' && !/^\d{4}$/.test(to))) {
      throw new Error(`${where}：起止年度应为四位年份或留空`);
    }
    if (verified !== 'yes' && verified !== 'no') throw new Error(`${where}：verified 应为 yes 或 no`);
    const id = `${key}@${from}`;
    if (seen.has(id)) throw new Error(`${where}：${key} 重复`);
    seen.add(id);
    definitions.push({
      key,
      text: definition.trim(),
      from: from === '' ? null : Number(from),
      to: to === '' ? null : Number(to),
      verified: verified === 'yes',
      source,
    });
  });
  return definitions;
}

export interface ResolvedDefinition {
  text: string;
  /** Built from the catalog names because definitions.tsv has nothing for the code. */
  fallback: boolean;
  definition?: CodeDefinition;
}

/** The definition of a functional code in `year`, with {类}/{款}/{项} filled. */
export function defineCode(
  code: string,
  year: number,
  definitions: readonly CodeDefinition[],
  name: (code: string) => string,
): ResolvedDefinition {
  const inForce = (d: CodeDefinition) =>
    (d.from === null || d.from <= year) && (d.to === null || year <= d.to);
  const own = name(code);
  const found =
    definitions.find((d) => d.key === code && inForce(d)) ??
    (levelOf(code) === '项'
      ? definitions.find(
          (d) =>
            inForce(d) &&
            d.key.startsWith('name:') &&
            (d.key.endsWith('*') ? own.startsWith(d.key.slice(5, -1)) : own === d.key.slice(5)),
        )
      : undefined);
  const levels: Record<string, string> = {};
  for (let c: string | undefined = code; c; c = parentCode(c)) levels[levelOf(c) ?? ''] = name(c);
  const fill = (text: string) => text.replace(/\{(类|款|项)\}/g, (_, level: string) => levels[level] ?? '');
  if (found) return { text: fill(found.text), fallback: false, definition: found };
  return { text: fill(FALLBACK[levelOf(code) ?? '项']!(own)), fallback: true };
}

const subject = (name: string) => name.replace(/支出$/, '');
const FALLBACK: Record<string, (name: string) => string> = {
  类: (name) => `反映政府在${subject(name)}方面的支出。`,
  款: (name) => `反映{类}中用于${subject(name)}方面的支出。`,
  项: (name) => `反映{款}方面用于${subject(name)}的支出。`,
};

/** Functional codes the package spends under (本年支出 or 一般公共预算财政拨款支出), with ancestors. */
export function glossaryCodes(pkg: DataPackage): string[] {
  const codes = new Set<string>();
  for (const { fact, value } of pkg.facts.facts('expense')) {
    const code = fact.dims.func;
    if (!code || code === '*' || value === 0n) continue;
    if (fact.dims.fund !== 'all' && fact.dims.fund !== 'gpb') continue;
    for (let c: string | undefined = code; c; c = parentCode(c)) codes.add(c);
  }
  return [...codes].sort();
}

export function glossaryBlocks(pkg: DataPackage, glossary: Glossary, catalog: Catalog): Block[] {
  const blocks: Block[] = [];
  const year = pkg.department.year;
  const name = (code: string) => codeName(pkg, catalog, 'functional', code);
  const paragraph = (text: string): Block => ({
    kind: 'paragraph',
    runs: [{ kind: 'text', text }],
    style: 'body',
  });
  for (const group of glossary.groups) {
    if (group.heading) blocks.push({ kind: 'heading', level: 1, text: group.heading });
    if (group.intro) blocks.push(paragraph(group.intro));
    group.items.forEach((item, i) => {
      blocks.push(paragraph(`${numbered(group.numbering, i + 1)}${item.term}：${item.text}`));
    });
    if (!group.codes) continue;
    let classNo = 0;
    let sectionNo = 0;
    let itemNo = 0;
    for (const code of glossaryCodes(pkg)) {
      const level = levelOf(code);
      const { text } = defineCode(code, year, glossary.definitions, name);
      let prefix: string;
      if (level === '类') {
        classNo += 1;
        sectionNo = 0;
        prefix = numbered(group.numbering, group.items.length + classNo);
      } else if (level === '款') {
        sectionNo += 1;
        itemNo = 0;
        prefix = `${sectionNo}、`;
      } else {
        itemNo += 1;
        prefix = `（${itemNo}）`;
      }
      blocks.push(paragraph(`${prefix}${name(code)}（${level}）：${text}`));
    }
  }
  return blocks;
}

function numbered(numbering: Numbering, n: number): string {
  switch (numbering) {
    case 'paren':
      return `（${chineseNumeral(n)}）`;
    case 'chinese':
      return `${chineseNumeral(n)}、`;
    case 'arabic':
      return `${n}. `;
    case 'none':
      return '';
  }
}
