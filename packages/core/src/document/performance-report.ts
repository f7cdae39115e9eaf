/**
 * The 部门整体支出绩效自评报告 (docs/performance.md#hn-2021, Hunan outline): the report a department
 * publishes on its whole spending, as a DocumentView for the same renderers as the disclosure.
 *
 * Outline and wording are profile data (profiles/<id>/performance-report/report.json and the Liquid
 * templates beside it), read like the narrative (narrative-profile.ts). The templates see every
 * variable of the 情况说明 (narrative-model.ts: income, expense, gpb, threePublic, performance, …)
 * plus `report` (the user's own words: 重点工作, 存在的主要问题, 改进措施和建议, 主要经验及做法) and
 * `whole` (the whole-department evaluation indicator by indicator). Every number they print is a
 * figure with its FigureSource; every missing text is a visible placeholder and a finding, as for
 * the narrative's reasons. `[[grid:whole-department]]` and `[[grid:base-data]]` place the
 * 部门整体支出绩效自评表 and its 基础数据表.
 */
import type { Liquid, Template } from 'liquidjs';
import { z } from 'zod';
import type { Catalog } from '../catalog';
import { formatHundredths } from '../exact';
import type { DataPackage } from '../package';
import type { DeptIndicatorResult, WholeDepartmentResult } from '../performance/department';
import { type PerformanceProfile, profileIssueText } from '../performance/profile';
import { indicatorRateScaled, performanceKey, summarizePerformance } from '../performance/summary';
import { FigureBook } from './figures';
import type { Block, DocumentView } from './model';
import { type GridId, type PlaceholderUse, type RenderEnv, renderPlain, sectionBlocks } from './narrative';
import {
  buildNarrativeScope,
  cleanParagraph,
  FigureDrop,
  ModelContext,
  ReasonDrop,
  RunBook,
} from './narrative-model';
import {
  DEFAULT_PLACEHOLDERS,
  outlineSectionsSchema,
  PLACEHOLDER_KINDS,
  type PlaceholderKind,
  parseTemplateSet,
} from './narrative-profile';
import { baseDataGrid, wholeDepartmentGrid } from './performance-grids';

export const PERFORMANCE_REPORT_FORMAT = 'juesuan.performance-report/1';

const reportJsonSchema = z.strictObject({
  $schema: z.string().optional(),
  format: z.literal(PERFORMANCE_REPORT_FORMAT),
  /** The profile the outline belongs to. */
  profile: z.string(),
  /**
   * Another profile whose performance-report/*.liquid this outline uses, when the wording is the
   * same (a later year of one province): the templates are shared, not copied.
   */
  templatesFrom: z
    .string()
    .regex(/^[a-z0-9-]+$/)
    .optional(),
  /** How the report prints amounts. */
  amounts: z.strictObject({
    unit: z.enum(['元', '万元']),
    decimals: z.number().int().min(0).max(4),
    grouping: z.boolean().default(false),
  }),
  /** Liquid: {{ dept.name }}{{ year }}年度部门整体支出绩效自评报告. */
  title: z.string().min(1),
  /** Liquid: the heading over the body; the title when absent. */
  heading: z.string().min(1).optional(),
  frontNotes: z.array(z.string()).default([]),
  /** The outline: 一、部门概况, 二、整体支出管理及使用情况, … in order, each with its template. */
  sections: outlineSectionsSchema,
  placeholders: z.partialRecord(z.enum(PLACEHOLDER_KINDS), z.string()).default({}),
});

export type PerformanceReportJson = z.input<typeof reportJsonSchema>;

/** A profile's report outline, validated and with every template parsed. */
export interface PerformanceReportProfile {
  profile: string;
  amounts: { unit: '元' | '万元'; decimals: number; grouping: boolean };
  title: Template[];
  heading: Template[];
  frontNotes: Template[][];
  sections: { id: string; heading: Template[]; template: Template[] }[];
  placeholders: Record<PlaceholderKind, string>;
  engine: Liquid;
}

export type PerformanceReportLoad =
  | { ok: true; report: PerformanceReportProfile }
  | { ok: false; errors: string[] };

/** Validates report.json and parses its templates (name without .liquid → source). */
export function parsePerformanceReportProfile(
  json: unknown,
  templates: Record<string, string>,
): PerformanceReportLoad {
  const parsed = reportJsonSchema.safeParse(json);
  if (!parsed.success) {
    return { ok: false, errors: parsed.error.issues.map((i) => profileIssueText('report.json', i)) };
  }
  const doc = parsed.data;
  const set = parseTemplateSet(templates, 'report.json');
  const { inline, file, errors } = set;
  set.checkUnreferenced(new Set(doc.sections.map((s) => s.template)));
  const ids = new Set<string>();
  for (const section of doc.sections) {
    if (ids.has(section.id)) errors.push(`report.json sections: 节 ${section.id} 重复`);
    ids.add(section.id);
  }
  const report: PerformanceReportProfile = {
    profile: doc.profile,
    amounts: doc.amounts,
    title: inline(doc.title, 'title'),
    heading: inline(doc.heading ?? doc.title, 'heading'),
    frontNotes: doc.frontNotes.map((note, i) => inline(note, `frontNotes.${i}`)),
    sections: doc.sections.map((s, i) => ({
      id: s.id,
      heading: inline(s.heading, `sections.${i}.heading`),
      template: file(s.template, `sections.${i}.template`),
    })),
    placeholders: { ...DEFAULT_PLACEHOLDERS, ...doc.placeholders },
    engine: set.engine,
  };
  if (errors.length) return { ok: false, errors };
  return { ok: true, report };
}

export interface PerformanceReportContext {
  catalog: Catalog;
  report: PerformanceReportProfile;
  /** The profile's scoring rules: projects and the whole department are scored by them. */
  performance: PerformanceProfile;
}

export interface BuiltPerformanceReport {
  document: DocumentView;
  /** Every placeholder left in the report: the texts and entries the user still has to give. */
  placeholders: PlaceholderUse[];
}

/** The part name placeholders and findings are reported under. */
const REPORT_PART = '整体支出绩效自评报告';

export function assemblePerformanceReport(
  pkg: DataPackage,
  context: PerformanceReportContext,
): BuiltPerformanceReport {
  const { report, catalog, performance } = context;
  const figures = new FigureBook(pkg, report.amounts);
  const book = new RunBook(pkg.narrative.reasons, report.placeholders);
  const model = new ModelContext(pkg, catalog, figures, book, performance);
  const summary = summarizePerformance(pkg, performance);
  const whole = summary?.wholeDepartment;
  const scope = {
    ...buildNarrativeScope(model),
    report: reportTextsScope(model),
    whole: wholeDepartmentScope(model, whole, summary?.wholeTotal, summary?.wholeGrade),
  };
  const grids: Partial<Record<GridId, Block>> = { 'base-data': baseDataGrid(pkg) };
  if (whole) grids['whole-department'] = wholeDepartmentGrid(whole, pkg.department.year);
  const env: RenderEnv = { engine: report.engine, scope, book, figures, year: pkg.department.year, grids };
  const placeholders: PlaceholderUse[] = [];
  const blocks: Block[] = [];
  for (const section of report.sections)
    blocks.push(...sectionBlocks(env, section, REPORT_PART, placeholders));
  return {
    document: {
      title: renderPlain(env, report.title),
      department: pkg.department.name,
      year: pkg.department.year,
      profile: report.profile,
      frontNotes: report.frontNotes.map((note) => renderPlain(env, note)),
      parts: [{ id: 'performance-report', heading: renderPlain(env, report.heading), blocks }],
    },
    placeholders,
  };
}

const REPORT_TEXTS = {
  keyWork: '重点工作',
  problems: '存在的主要问题',
  measures: '改进措施和建议',
  experience: '主要经验及做法',
} as const;

/** performance.report: each text as paragraphs when given, a placeholder asking for it when not. */
function reportTextsScope(model: ModelContext) {
  const texts = model.pkg.performance?.report ?? {};
  return Object.fromEntries(
    Object.entries(REPORT_TEXTS).map(([field, what]) => {
      const raw = texts[field as keyof typeof REPORT_TEXTS];
      const paragraphs = (typeof raw === 'string' ? [raw] : (raw ?? [])).map(cleanParagraph).filter(Boolean);
      return [
        field,
        {
          given: paragraphs.length > 0,
          paragraphs: paragraphs.map((text) => model.book.text(text)),
          missing: new ReasonDrop(model.book, {
            statement: `report.${field}`,
            kind: 'report',
            what,
            pointer: `performance.report.${field}`,
          }),
        },
      ];
    }),
  );
}

/** 2.00 → 2, 1.50 → 1.5: points as the outline states them. */
function pointsText(hundredths: bigint): string {
  return formatHundredths(hundredths).replace(/\.?0+$/, '');
}

/** The whole-department evaluation indicator by indicator: figures where scored, placeholders where not. */
function wholeDepartmentScope(
  model: ModelContext,
  whole: WholeDepartmentResult | undefined,
  total: bigint | undefined,
  grade: string | undefined,
) {
  const { book, figures } = model;
  const missing = new ReasonDrop(book, {
    statement: 'report.wholeDepartment',
    kind: 'report',
    what: '部门整体支出绩效评价指标数据',
    pointer: 'performance.wholeDepartment',
  });
  const gradeMissing = new ReasonDrop(book, {
    statement: 'report.grade',
    kind: 'report',
    what: '尚未评分指标的录入数据（全部指标评分后按评分规则评定等级）',
    pointer: 'performance.wholeDepartment.indicators',
  });
  if (!whole) return { present: false, missing, gradeMissing, total: null, grade: null, indicators: [] };
  const indicator = (r: DeptIndicatorResult) => {
    const rate = r.expected !== null ? indicatorRateScaled(r.rate) : null;
    return {
      id: r.id,
      level1: r.level1,
      level2: r.level2,
      name: r.name,
      points: pointsText(r.points),
      value:
        rate !== null
          ? new FigureDrop(
              book,
              figures.ratioOf(
                rate,
                performanceKey.indicatorRate(r.id),
                r.facts.map((f) => f.key),
              ),
            )
          : null,
      score:
        r.expected !== null
          ? new FigureDrop(book, figures.scoreOf(r.expected, [performanceKey.indicatorScore(r.id)]))
          : null,
      missing:
        r.expected === null
          ? new ReasonDrop(book, {
              statement: `report.indicator.${r.id}`,
              kind: 'report',
              what: `“${r.name}”的评价数据：${r.missing.every((m) => m.startsWith('须录入') || m.startsWith('数据包未填报')) ? r.missing.join('；') : r.formula}`,
              pointer: `performance.wholeDepartment.indicators.${r.id}`,
            })
          : null,
    };
  };
  return {
    present: true,
    title: whole.system.title,
    complete: whole.complete,
    points: pointsText(whole.pointsSum),
    total:
      total !== undefined ? new FigureDrop(book, figures.scoreOf(total, [performanceKey.wholeTotal])) : null,
    grade: grade ?? null,
    indicators: whole.indicators.map(indicator),
    missing,
    gradeMissing,
  };
}
