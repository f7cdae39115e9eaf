/**
 * A profile (a region's disclosure layout over a range of years) is data: which tables a disclosure
 * has, in which order, and how each cell maps onto a fact of the package. The rule catalogue,
 * narrative templates, glossary and indicator systems live in the same folder.
 *
 * Table types (收入决算表, 三公 …) are defined once, with named layout variants, and shared by the
 * profiles that print them; a profile definition names the types it prints and what changes from
 * year to year, and `resolveProfile` turns it into the concrete `Profile` of one year.
 *
 * Cell facts are templates: `expense func={code} fund=gpb nature=basic`; `{code}` (or any other
 * `{param}`) comes from the row.
 */
import { z } from 'zod';

const factTemplate = z.string().min(1);

const yearRangeSchema = z
  .strictObject({ from: z.number().int(), to: z.number().int() })
  .refine((r) => r.from <= r.to, { message: '起始年度晚于截止年度' });
export type YearRange = z.output<typeof yearRangeSchema>;

const columnSchema = z.strictObject({
  key: z.string().regex(/^[a-zA-Z][\w-]*$/),
  /** 栏次. */
  no: z.number().int().positive().optional(),
  label: z.string(),
  /** Header groups above the label, outermost first, for merged headers. */
  group: z.array(z.string()).optional(),
  /** The fact every row shows in this column, unless the row overrides it. */
  fact: factTemplate.optional(),
});

const codeRowsSchema = z.strictObject({
  /** Rows for every code that has a fact in any of the section's columns, with its ancestors. */
  codeRows: z.strictObject({
    classification: z.enum(['functional', 'economic']),
    /** Deepest level shown. */
    maxLevel: z.enum(['类', '款', '项']).default('项'),
  }),
});

const fixedRowSchema = z.strictObject({
  /** Row key, unique in the table; defaults to `code`, else to `L{line}`. */
  key: z.string().optional(),
  /** 行次. */
  line: z.number().int().positive().optional(),
  /** A classification code: fills `{code}` in the column facts and, without `label`, the name. */
  code: z.string().optional(),
  classification: z.enum(['functional', 'economic']).optional(),
  label: z.string().optional(),
  /** Extra template parameters for the column facts. */
  params: z.record(z.string(), z.string()).optional(),
  /** Per-column overrides: a fact template, or null for a cell that is not applicable (—). */
  cells: z.record(z.string(), factTemplate.nullable()).optional(),
  /** A row printed without any value (an unlabelled 行次 or a heading). */
  blank: z.boolean().optional(),
  bold: z.boolean().optional(),
  /** Indentation level for printing (0 = flush). */
  indent: z.number().int().min(0).max(4).optional(),
});

const sectionSchema = z.strictObject({
  key: z.string(),
  /** Heading over the section in two-sided tables (收入 / 支出). */
  heading: z.string().optional(),
  /** Header over the row labels, e.g. 项目 or 项目（按功能分类）. */
  labelHeader: z.string().optional(),
  columns: z.array(columnSchema).min(1),
  rows: z.array(z.union([codeRowsSchema, fixedRowSchema])),
});

const layoutSchema = z.discriminatedUnion('kind', [
  /** Sections stacked; for one-section tables the ordinary grid. */
  z.strictObject({ kind: z.literal('grid'), codeColumns: z.enum(['single', 'split']).default('single') }),
  /** Sections printed side by side (收入 | 支出), row i of each on one printed line. */
  z.strictObject({ kind: z.literal('sideBySide') }),
  /** One section's rows printed in side-by-side blocks, each with its own footer rows. */
  z.strictObject({
    kind: z.literal('blocks'),
    blocks: z.array(
      z.strictObject({
        heading: z.string().optional(),
        rows: z.array(z.string()).min(1),
      }),
    ),
    footers: z.array(z.strictObject({ row: z.string(), underBlocks: z.array(z.number().int().min(0)) })),
  }),
]);

export const tableSchema = z.strictObject({
  id: z.string().regex(/^[A-Z]\w*$/),
  /** 表号, e.g. 公开01表. */
  number: z.string(),
  title: z.string(),
  /** 金额单位 printed in the header; defaults to the profile's money unit. */
  unit: z.string().optional(),
  layout: layoutSchema.default({ kind: 'grid', codeColumns: 'single' }),
  sections: z.array(sectionSchema).min(1),
  /** Absent figures print blank (true) or as zero (false). */
  blankWhenAbsent: z.boolean().default(false),
  notes: z.array(z.string()).default([]),
  /** The statement required when the table has no data (e.g. 本部门无政府性基金预算财政拨款收入、支出). */
  emptyStatement: z.string().optional(),
  /**
   * False for a supplementary table the document does not print as a table: figures the 情况说明
   * states (机关运行经费, 政府采购, budgets, personnel). Rules and narrative address it like any table.
   */
  printed: z.boolean().default(true),
});

export const profileSchema = z.strictObject({
  $schema: z.string().optional(),
  id: z.string().regex(/^[a-z0-9-]+$/),
  name: z.string(),
  region: z.string(),
  regionNames: z.array(z.string()).default([]),
  generic: z.boolean().default(false),
  /** The year the tables are resolved for. */
  year: z.number().int(),
  /** The years the profile's layout covers; a one-year range when absent. */
  years: yearRangeSchema.optional(),
  /** How tables print money. */
  amounts: z.strictObject({ unit: z.enum(['元', '万元']), decimals: z.number().int().min(0).max(4) }),
  /** Header word before the department name: 部门 / 编制单位. */
  subjectLabel: z.string().default('部门'),
  /** Table ids in print order. */
  tables: z.array(z.string()).min(1),
});

export type TableDef = z.output<typeof tableSchema>;
export type SectionDef = TableDef['sections'][number];
export type ColumnDef = SectionDef['columns'][number];
export type RowDef = SectionDef['rows'][number];
export type FixedRowDef = z.output<typeof fixedRowSchema>;
export type ProfileMeta = z.output<typeof profileSchema>;

export interface Profile extends ProfileMeta {
  years: YearRange;
  tableDefs: TableDef[];
  /**
   * By table id, the table type's layouts in the other orientation (the 三公 table across one row
   * where the profile prints it down, or the reverse), under the table's own id, number and title:
   * a document may print either, and recognition places its figures by fact.
   */
  otherOrientations?: Readonly<Record<string, readonly TableDef[]>>;
}

export type ProfileLoad = { ok: true; profile: Profile } | { ok: false; errors: string[] };

/** Validates a profile's metadata and concrete table definitions and puts them together. */
export function buildProfile(meta: unknown, tables: Record<string, unknown>): ProfileLoad {
  const errors: string[] = [];
  const parsedMeta = profileSchema.safeParse(meta);
  if (!parsedMeta.success) {
    return {
      ok: false,
      errors: parsedMeta.error.issues.map((i) => `profile.json ${i.path.join('.')}: ${i.message}`),
    };
  }
  const tableDefs: TableDef[] = [];
  for (const id of parsedMeta.data.tables) {
    const raw = tables[id];
    if (raw === undefined) {
      errors.push(`缺少表定义 ${id}`);
      continue;
    }
    const parsed = tableSchema.safeParse(raw);
    if (!parsed.success) {
      errors.push(...parsed.error.issues.map((i) => `表 ${id} ${i.path.join('.')}: ${i.message}`));
      continue;
    }
    if (parsed.data.id !== id) errors.push(`表 ${id} 的 id 为 ${parsed.data.id}`);
    errors.push(...checkTable(parsed.data));
    tableDefs.push(parsed.data);
  }
  if (errors.length) return { ok: false, errors };
  const years = parsedMeta.data.years ?? { from: parsedMeta.data.year, to: parsedMeta.data.year };
  return { ok: true, profile: { ...parsedMeta.data, years, tableDefs } };
}

/** Structural checks zod cannot express: unique keys, 行次 and 栏次 within a table. */
function checkTable(table: TableDef): string[] {
  const errors: string[] = [];
  const where = `表 ${table.id}`;
  const rowKeys = new Set<string>();
  const lines = new Set<number>();
  const columnNos = new Set<number>();
  for (const section of table.sections) {
    const columnKeys = new Set<string>();
    for (const column of section.columns) {
      if (columnKeys.has(column.key)) errors.push(`${where}: 栏 ${column.key} 重复`);
      columnKeys.add(column.key);
      if (column.no !== undefined) {
        if (columnNos.has(column.no)) errors.push(`${where}: 栏次 ${column.no} 重复`);
        columnNos.add(column.no);
      }
    }
    for (const row of section.rows) {
      if ('codeRows' in row) continue;
      const key = rowKey(row);
      if (rowKeys.has(key)) errors.push(`${where}: 行 ${key} 重复`);
      rowKeys.add(key);
      if (row.line !== undefined) {
        if (lines.has(row.line)) errors.push(`${where}: 行次 ${row.line} 重复`);
        lines.add(row.line);
      }
      for (const column of Object.keys(row.cells ?? {})) {
        if (!columnKeys.has(column)) errors.push(`${where}: 行 ${key} 覆盖了不存在的栏 ${column}`);
      }
    }
  }
  return errors;
}

/**
 * Whether a layout prints its figures across the columns of one row (the 三公 table as 财政部 prints
 * it: 合计 | 因公出国（境）费 | … each with 预算数 and 决算数) rather than down its rows.
 */
export function printsAcross(table: TableDef): boolean {
  return table.sections.every(
    (section) =>
      section.rows.every((row) => !('codeRows' in row)) &&
      section.rows.filter((row) => !('codeRows' in row) && !row.blank).length <= 1,
  );
}

export function rowKey(row: FixedRowDef): string {
  return row.key ?? row.code ?? (row.line !== undefined ? `L${row.line}` : (row.label ?? ''));
}
