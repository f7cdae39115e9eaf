/**
 * A profile's document wording as data (profiles/<id>/narrative/): narrative.json names the parts,
 * the 情况说明 sections in order and the template of each; the templates are LiquidJS (*.liquid,
 * passed in as strings — core reads no file). Figures are never written in a template: templates
 * print what the narrative model (narrative-model.ts) computed from the package.
 *
 * A rendered template is read line by line: every non-empty line is a paragraph, except
 *   `## text`  a heading of level 2 (（一）…), `### text` of level 3,
 *   `[[chart:<id>]]` a chart (charts.ts), `[[units]]` the units list of 第一部分,
 *   `注：…` a note paragraph.
 */
import { Liquid, type Template } from 'liquidjs';
import { z } from 'zod';
import { chineseNumeral } from './figures';

export const NARRATIVE_FORMAT = 'juesuan.narrative/1';

/** What a placeholder stands for; each kind has its own default wording and finding. */
export const PLACEHOLDER_KINDS = [
  'yoy',
  'budget',
  'purpose',
  'activity',
  'text',
  'performance',
  'duties',
  /** A text of the 部门整体支出绩效自评报告 (重点工作, 存在的主要问题, …) or an entry it needs. */
  'report',
] as const;
export type PlaceholderKind = (typeof PLACEHOLDER_KINDS)[number];

export const DEFAULT_PLACEHOLDERS: Record<PlaceholderKind, string> = {
  yoy: '【请填写主要原因】',
  budget: '【请填写预决算差异主要原因】',
  purpose: '【请填写主要用途】',
  activity: '【请填写开支内容】',
  text: '【请填写{what}】',
  performance: '【数据包未含绩效自评数据，请填写预算绩效情况说明】',
  duties: '【请填写部门主要职责】',
  report: '【请填写{what}】',
};

const UNIT_FIELDS = ['index', 'name', 'budgetLevel', 'kind', 'remark'] as const;
export type UnitField = (typeof UNIT_FIELDS)[number];

/** An outline of sections in order, each with its Liquid heading (一、收入决算情况说明) and template. */
export const outlineSectionsSchema = z
  .array(
    z.strictObject({
      id: z.string().regex(/^[a-zA-Z][\w-]*$/),
      heading: z.string().min(1),
      template: z.string().min(1),
    }),
  )
  .min(1);

const narrativeJsonSchema = z.strictObject({
  $schema: z.string().optional(),
  format: z.literal(NARRATIVE_FORMAT),
  /** The profile the wording belongs to. */
  profile: z.string(),
  /** How the narrative prints amounts (Jiangxi 2020 tables are in 元, its narrative in 万元). */
  amounts: z.strictObject({
    unit: z.enum(['元', '万元']),
    decimals: z.number().int().min(0).max(4),
    grouping: z.boolean().default(false),
  }),
  /** Liquid: the document title, e.g. {{ dept.name }}{{ year }}年度部门决算. */
  title: z.string().min(1),
  frontNotes: z.array(z.string()).default([]),
  overview: z.strictObject({
    heading: z.string().min(1),
    template: z.string().min(1),
    unitsColumns: z.array(z.strictObject({ label: z.string(), field: z.enum(UNIT_FIELDS) })).min(1),
  }),
  tables: z.strictObject({
    heading: z.string().min(1),
    /** Liquid with `numeral` (一, 二, …) and `title`: the heading of each printed table, listed in the 目录. */
    tableHeading: z.string().min(1),
  }),
  narrative: z.strictObject({
    heading: z.string().min(1),
    sections: outlineSectionsSchema,
  }),
  glossary: z.strictObject({ heading: z.string().min(1) }),
  /** Absent for profiles without a 附件 part (Shanghai). */
  annex: z.strictObject({ heading: z.string().min(1) }).optional(),
  placeholders: z.partialRecord(z.enum(PLACEHOLDER_KINDS), z.string()).default({}),
});

export type NarrativeJson = z.input<typeof narrativeJsonSchema>;

export interface NarrativeSection {
  id: string;
  heading: Template[];
  template: Template[];
}

/** A profile's wording, validated and with every template parsed. */
export interface NarrativeProfile {
  profile: string;
  amounts: { unit: '元' | '万元'; decimals: number; grouping: boolean };
  title: Template[];
  frontNotes: Template[][];
  overview: {
    heading: Template[];
    template: Template[];
    unitsColumns: { label: string; field: UnitField }[];
  };
  tables: { heading: Template[]; tableHeading: Template[] };
  narrative: { heading: Template[]; sections: NarrativeSection[] };
  glossary: { heading: Template[] };
  annex?: { heading: Template[] };
  placeholders: Record<PlaceholderKind, string>;
  engine: Liquid;
}

export type NarrativeLoad = { ok: true; narrative: NarrativeProfile } | { ok: false; errors: string[] };

/**
 * Validates narrative.json and parses its templates. `templates` maps a template name (the file
 * name without .liquid) to its source; sections and `{% render 'name' %}` refer to templates by it.
 */
export function parseNarrativeProfile(json: unknown, templates: Record<string, string>): NarrativeLoad {
  const parsed = narrativeJsonSchema.safeParse(json);
  if (!parsed.success) {
    return {
      ok: false,
      errors: parsed.error.issues.map((i) => `narrative.json ${i.path.join('.')}: ${i.message}`),
    };
  }
  const doc = parsed.data;
  const set = parseTemplateSet(templates, 'narrative.json');
  const { inline, file, errors } = set;
  set.checkUnreferenced(new Set([doc.overview.template, ...doc.narrative.sections.map((s) => s.template)]));
  const ids = new Set<string>();
  for (const section of doc.narrative.sections) {
    if (ids.has(section.id)) errors.push(`narrative.json narrative.sections: 节 ${section.id} 重复`);
    ids.add(section.id);
  }
  const narrative: NarrativeProfile = {
    profile: doc.profile,
    amounts: doc.amounts,
    title: inline(doc.title, 'title'),
    frontNotes: doc.frontNotes.map((note, i) => inline(note, `frontNotes.${i}`)),
    overview: {
      heading: inline(doc.overview.heading, 'overview.heading'),
      template: file(doc.overview.template, 'overview.template'),
      unitsColumns: doc.overview.unitsColumns,
    },
    tables: {
      heading: inline(doc.tables.heading, 'tables.heading'),
      tableHeading: inline(doc.tables.tableHeading, 'tables.tableHeading'),
    },
    narrative: {
      heading: inline(doc.narrative.heading, 'narrative.heading'),
      sections: doc.narrative.sections.map((s, i) => ({
        id: s.id,
        heading: inline(s.heading, `narrative.sections.${i}.heading`),
        template: file(s.template, `narrative.sections.${i}.template`),
      })),
    },
    glossary: { heading: inline(doc.glossary.heading, 'glossary.heading') },
    ...(doc.annex ? { annex: { heading: inline(doc.annex.heading, 'annex.heading') } } : {}),
    placeholders: { ...DEFAULT_PLACEHOLDERS, ...doc.placeholders },
    engine: set.engine,
  };
  if (errors.length) return { ok: false, errors };
  return { ok: true, narrative };
}

/** A profile's Liquid templates parsed with one engine, and every mistake found in them. */
export interface TemplateSet {
  engine: Liquid;
  errors: string[];
  /** A template written inline in the JSON file (a heading, a title). */
  inline(source: string, where: string): Template[];
  /** A template file by name (without .liquid), referred to from `where` in the JSON file. */
  file(name: string, where: string): Template[];
  /** Parses every template not referred to directly (partials), so a mistake in any is reported. */
  checkUnreferenced(referenced: ReadonlySet<string>): void;
}

/**
 * Parses a profile's templates (name → source) for the JSON file `jsonName` that refers to them.
 * Partials (names starting with _) are used inside a line; the line break that ends their file
 * would split the paragraph, so it is dropped.
 */
export function parseTemplateSet(templates: Record<string, string>, jsonName: string): TemplateSet {
  const sources = Object.fromEntries(
    Object.entries(templates).map(([name, source]) => [
      name,
      name.startsWith('_') ? source.replace(/\r?\n+$/, '') : source,
    ]),
  );
  const engine = createEngine(sources);
  const errors: string[] = [];
  const parseFile = (name: string, source: string): Template[] => {
    try {
      return engine.parse(source, `${name}.liquid`);
    } catch (error) {
      errors.push(`${name}.liquid: 模板有误：${(error as Error).message}`);
      return [];
    }
  };
  return {
    engine,
    errors,
    inline(source, where) {
      try {
        return engine.parse(source);
      } catch (error) {
        errors.push(`${jsonName} ${where}: 模板有误：${(error as Error).message}`);
        return [];
      }
    },
    file(name, where) {
      const source = sources[name];
      if (source === undefined) {
        errors.push(`${jsonName} ${where}: 缺少模板 ${name}.liquid`);
        return [];
      }
      return parseFile(name, source);
    },
    // Partials are parsed when a section renders them; parsing each once here reports a mistake
    // when the profile loads, not when some package happens to reach it.
    checkUnreferenced(referenced) {
      for (const [name, source] of Object.entries(sources))
        if (!referenced.has(name)) parseFile(name, source);
    },
  };
}

/** The statement filter reaches the render's reason book through this global. */
export const RENDER_STATE_GLOBAL = '__juesuan';

export interface StatementRequest {
  /** narrative.reasons key. */
  statement: string;
  /** What the user has to write, e.g. 面向中小企业预留政府采购项目情况. */
  what: string;
}

export interface RenderState {
  /** The reason's text, or a placeholder marker when the package has none. */
  statement(request: StatementRequest): string;
}

function createEngine(templates: Record<string, string>): Liquid {
  const engine = new Liquid({
    templates,
    // A misspelt variable or filter in a profile's template is an error, never an empty string.
    strictVariables: true,
    strictFilters: true,
    ownPropertyOnly: true,
  });
  engine.registerFilter('cn', (n: unknown) => chineseNumeral(Number(n)));
  engine.registerFilter(
    'statement',
    function (this: { context: { globals: Record<string, unknown> } }, id, what) {
      const state = this.context.globals[RENDER_STATE_GLOBAL] as RenderState | undefined;
      if (!state) throw new Error('statement 过滤器只能在文档生成时使用');
      return state.statement({ statement: String(id), what: String(what ?? '说明') });
    },
  );
  return engine;
}
