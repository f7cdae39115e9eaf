/**
 * Profile definitions as they are written: table types shared by every profile that prints them,
 * and a profile that lists its tables by type and states what changes from year to year.
 * `resolveProfile` applies the variant, the profile's own overrides and the year's changes, in that
 * order, keeps the rows the type dates to the year, and validates the result as a `Profile`.
 *
 * Overrides and changes are patches on the table's JSON, addressed by key: a section by its `key`,
 * a column by its `key`, a row by its row key (`key`, else `code`, else `L{行次}`, else the label;
 * the generated code rows are `@codeRows`). A patched property set to null is removed; a patched
 * item set to null is removed; new columns and rows are inserted after or before a named one.
 */
import { z } from 'zod';
import {
  buildProfile,
  type FixedRowDef,
  type ProfileLoad,
  printsAcross,
  rowKey,
  type TableDef,
  tableSchema,
} from './profile';

type Json = Record<string, unknown>;

const jsonObject = z.record(z.string(), z.unknown());

const insertionSchema = z.strictObject({
  after: z.string().optional(),
  before: z.string().optional(),
  items: z.array(jsonObject).min(1),
});

const sectionPatchSchema = z.strictObject({
  heading: z.string().nullable().optional(),
  labelHeader: z.string().nullable().optional(),
  columns: z.record(z.string(), jsonObject.nullable()).optional(),
  rows: z.record(z.string(), jsonObject.nullable()).optional(),
  insertColumns: z.array(insertionSchema).optional(),
  insertRows: z.array(insertionSchema).optional(),
});

const tablePatchShape = {
  number: z.string().optional(),
  title: z.string().optional(),
  unit: z.string().nullable().optional(),
  layout: jsonObject.optional(),
  blankWhenAbsent: z.boolean().optional(),
  notes: z.array(z.string()).optional(),
  emptyStatement: z.string().nullable().optional(),
  printed: z.boolean().optional(),
  sections: z.record(z.string(), sectionPatchSchema).optional(),
};
const tablePatchSchema = z.strictObject(tablePatchShape);
type TablePatch = z.output<typeof tablePatchSchema>;

const yearsSchema = z.strictObject({ from: z.number().int(), to: z.number().int() });
const partialYearsSchema = z.strictObject({
  from: z.number().int().optional(),
  to: z.number().int().optional(),
});

/** One table type, e.g. 收入决算表: each named variant is a full layout or a patch on another one. */
export const tableTypeSchema = z.strictObject({
  $schema: z.string().optional(),
  name: z.string(),
  variants: z.record(z.string(), jsonObject).refine((v) => Object.keys(v).length > 0, '至少一个变体'),
});

const tableEntrySchema = z.strictObject({
  ...tablePatchShape,
  type: z.string(),
  /** The type's variant; the first one listed when absent. */
  variant: z.string().optional(),
  id: z.string(),
  number: z.string(),
  title: z.string(),
  /** The years the table is printed, when not every year of the profile. */
  years: partialYearsSchema.optional(),
});

const changeSchema = z.strictObject({
  ...tablePatchShape,
  /** First and last year the change applies to; open-ended when absent. */
  from: z.number().int().optional(),
  to: z.number().int().optional(),
  table: z.string(),
  /** Why the layout changed, for whoever maintains the profile. */
  note: z.string().optional(),
});

export const profileDefinitionSchema = z.strictObject({
  $schema: z.string().optional(),
  id: z.string().regex(/^[a-z0-9-]+$/),
  /** `{year}` is replaced by the resolved year. */
  name: z.string(),
  region: z.string(),
  /** How documents of the region name it (湖南, 湖南省): the tie-break between equally good profiles. */
  regionNames: z.array(z.string().min(1)).default([]),
  /** The layout most regions follow: chosen, among equals, when the document names no region of ours. */
  generic: z.boolean().default(false),
  /** The years the layout covers. */
  years: yearsSchema.refine((r) => r.from <= r.to, '起始年度晚于截止年度'),
  /** The year resolved when none is asked for: the year of the documents the layout was taken from. */
  referenceYear: z.number().int(),
  amounts: z.strictObject({ unit: z.enum(['元', '万元']), decimals: z.number().int().min(0).max(4) }),
  subjectLabel: z.string().optional(),
  /** Tables in print order. */
  tables: z.array(tableEntrySchema).min(1),
  /** Year-dependent changes, applied in order after the tables' own overrides. */
  changes: z.array(changeSchema).default([]),
});
export type ProfileDefinition = z.output<typeof profileDefinitionSchema>;

export type DefinitionParse = { ok: true; definition: ProfileDefinition } | { ok: false; errors: string[] };

export function parseProfileDefinition(json: unknown): DefinitionParse {
  const parsed = profileDefinitionSchema.safeParse(json);
  if (!parsed.success) {
    return {
      ok: false,
      errors: parsed.error.issues.map((i) => `profile.json ${i.path.join('.')}: ${i.message}`),
    };
  }
  const { from, to } = parsed.data.years;
  if (parsed.data.referenceYear < from || parsed.data.referenceYear > to) {
    return {
      ok: false,
      errors: [`profile.json referenceYear: ${parsed.data.referenceYear} 不在 ${from}–${to} 年内`],
    };
  }
  return { ok: true, definition: parsed.data };
}

function coversYear(range: { from?: number; to?: number }, year: number): boolean {
  return (range.from === undefined || year >= range.from) && (range.to === undefined || year <= range.to);
}

/**
 * The concrete profile of one year (the reference year when none is given): every table from its
 * type's variant, with the profile's overrides and the year's changes applied, validated.
 */
export function resolveProfile(
  definition: ProfileDefinition,
  types: Readonly<Record<string, unknown>>,
  year: number = definition.referenceYear,
): ProfileLoad {
  const { from, to } = definition.years;
  if (year < from || year > to) {
    return { ok: false, errors: [`口径 ${definition.id} 覆盖 ${from}–${to} 年，不含 ${year} 年`] };
  }
  const errors: string[] = [];
  const tables: Record<string, unknown> = {};
  const ids: string[] = [];
  const turned: Record<string, TableDef[]> = {};
  for (const entry of definition.tables) {
    if (entry.years && !coversYear(entry.years, year)) continue;
    const where = `表 ${entry.id}（类型 ${entry.type}）`;
    const problems: string[] = [];
    const base = variantBody(types, entry.type, entry.variant, problems);
    if (!base) {
      errors.push(...problems.map((p) => `${where}：${p}`));
      continue;
    }
    const { type: _type, variant: _variant, years: _years, id, ...overrides } = entry;
    let table = applyTablePatch(base, overrides, problems);
    for (const change of definition.changes) {
      if (change.table !== id || !coversYear(change, year)) continue;
      const { from: _from, to: _to, table: _table, note: _note, ...patch } = change;
      table = applyTablePatch(table, patch, problems);
    }
    const resolved = withYear(rowsInForce({ id, ...table }, year, problems), year);
    const orientations = otherOrientations(types, entry.type, entry.variant, resolved, year, problems);
    errors.push(...problems.map((p) => `${where}：${p}`));
    tables[id] = resolved;
    if (orientations.length) turned[id] = orientations;
    ids.push(id);
  }
  for (const change of definition.changes) {
    if (!definition.tables.some((t) => t.id === change.table)) errors.push(`changes：没有表 ${change.table}`);
  }
  if (errors.length) return { ok: false, errors };
  const meta = {
    id: definition.id,
    name: definition.name.replaceAll('{year}', String(year)),
    region: definition.region,
    regionNames: definition.regionNames,
    generic: definition.generic,
    year,
    years: definition.years,
    amounts: definition.amounts,
    ...(definition.subjectLabel !== undefined ? { subjectLabel: definition.subjectLabel } : {}),
    tables: ids,
  };
  const built = buildProfile(meta, tables);
  return built.ok && Object.keys(turned).length
    ? { ok: true, profile: { ...built.profile, otherOrientations: turned } }
    : built;
}

/**
 * A table's printed wording with `{year}` replaced: a note such as 「本表反映截至{year}年12月31日…」
 * must name the year of the document the profile is resolved for, not the year it was written in.
 */
function withYear(table: Json, year: number): Json {
  const put = (text: unknown) => (typeof text === 'string' ? text.replaceAll('{year}', String(year)) : text);
  return {
    ...table,
    ...(table.title !== undefined ? { title: put(table.title) } : {}),
    ...(Array.isArray(table.notes) ? { notes: table.notes.map(put) } : {}),
  };
}

/**
 * The table with the rows of `year` only: a table type dates a row whose code is not in every
 * year's classification (`"years": {"to": 2020}` on 39906 赠与, `{"from": 2021}` on 39909 经常性赠与),
 * so one type prints each year's codes and no profile copies a layout to swap them. A dropped row
 * leaves the layout's blocks with it.
 */
function rowsInForce(table: Json, year: number, problems: string[]): Json {
  const dropped = new Set<string>();
  const sections = ((table.sections as Json[] | undefined) ?? []).map((section) => ({
    ...section,
    rows: ((section.rows as Json[] | undefined) ?? []).flatMap((row) => {
      if (row.years === undefined) return [row];
      const { years, ...undated } = row;
      const range = partialYearsSchema.safeParse(years);
      if (!range.success) {
        problems.push(
          `部分 ${String(section.key)} 的行 ${rawRowKey(undated)} 的 years 应为 {"from": 年度, "to": 年度}（可缺一端），实为 ${JSON.stringify(years)}`,
        );
        return [undated];
      }
      if (coversYear(range.data, year)) return [undated];
      dropped.add(rawRowKey(undated));
      return [];
    }),
  }));
  const layout = table.layout as Json | undefined;
  const blocks =
    layout?.kind === 'blocks' && Array.isArray(layout.blocks) ? (layout.blocks as Json[]) : undefined;
  return {
    ...table,
    ...(table.sections !== undefined ? { sections } : {}),
    ...(blocks && dropped.size
      ? {
          layout: {
            ...layout,
            blocks: blocks.map((b) => ({
              ...b,
              rows: (b.rows as string[]).filter((key) => !dropped.has(key)),
            })),
          },
        }
      : {}),
  };
}

/** What a table printed in another layout keeps of the profile's own: its place in the document. */
const OWN_FIELDS = ['id', 'number', 'title', 'unit', 'notes', 'emptyStatement', 'blankWhenAbsent'] as const;

/**
 * The type's variants that print the table in the other orientation than `resolved` (across one
 * row rather than down, or the reverse), each as this table: its id, number, title and notes.
 */
function otherOrientations(
  types: Readonly<Record<string, unknown>>,
  typeId: string,
  variant: string | undefined,
  resolved: Json,
  year: number,
  problems: string[],
): TableDef[] {
  const own = tableSchema.safeParse(resolved);
  const parsed = tableTypeSchema.safeParse(types[typeId]);
  if (!own.success || !parsed.success) return [];
  const names = Object.keys(parsed.data.variants);
  const ownName = variant ?? names[0];
  const turned: TableDef[] = [];
  for (const name of names) {
    if (name === ownName) continue;
    const body = variantBody(types, typeId, name, problems);
    if (!body) continue;
    const kept = Object.fromEntries(
      OWN_FIELDS.filter((f) => resolved[f] !== undefined).map((f) => [f, resolved[f]]),
    );
    const other = tableSchema.safeParse({ ...rowsInForce(body, year, problems), ...kept });
    if (!other.success) {
      problems.push(
        `表类型 ${typeId} 的变体 ${name}：${other.error.issues.map((i) => `${i.path.join('.')} ${i.message}`).join('；')}`,
      );
      continue;
    }
    if (printsAcross(other.data) !== printsAcross(own.data)) turned.push(other.data);
  }
  return turned;
}

/** A variant's full table JSON, following `extends` (each variant at most once, so no cycles). */
function variantBody(
  types: Readonly<Record<string, unknown>>,
  typeId: string,
  variant: string | undefined,
  problems: string[],
  seen: Set<string> = new Set(),
): Json | undefined {
  const parsed = tableTypeSchema.safeParse(types[typeId]);
  if (!parsed.success) {
    problems.push(
      types[typeId] === undefined
        ? `没有表类型 ${typeId}`
        : `表类型 ${typeId} 格式不对：${parsed.error.issues.map((i) => `${i.path.join('.')} ${i.message}`).join('；')}`,
    );
    return undefined;
  }
  const name = variant ?? Object.keys(parsed.data.variants)[0]!;
  const body = parsed.data.variants[name];
  if (!body) {
    problems.push(`表类型 ${typeId} 没有变体 ${name}；可用：${Object.keys(parsed.data.variants).join('、')}`);
    return undefined;
  }
  if (body.extends === undefined) return body;
  if (seen.has(name) || typeof body.extends !== 'string') {
    problems.push(`表类型 ${typeId} 的变体 ${name} 的 extends 无效或循环`);
    return undefined;
  }
  seen.add(name);
  const { extends: parent, ...rest } = body;
  const patch = tablePatchSchema.safeParse(rest);
  if (!patch.success) {
    problems.push(
      `表类型 ${typeId} 的变体 ${name}：${patch.error.issues.map((i) => `${i.path.join('.')} ${i.message}`).join('；')}`,
    );
    return undefined;
  }
  const parentBody = variantBody(types, typeId, parent, problems, seen);
  return parentBody && applyTablePatch(parentBody, patch.data, problems);
}

function applyTablePatch(table: Json, patch: TablePatch, problems: string[]): Json {
  const { sections, ...fields } = patch;
  const result = setFields(table, fields);
  if (!sections) return result;
  const list = [...((result.sections as Json[] | undefined) ?? [])];
  for (const [key, sectionPatch] of Object.entries(sections)) {
    const index = list.findIndex((s) => s.key === key);
    if (index < 0) {
      problems.push(`没有部分 ${key}`);
      continue;
    }
    const { columns, rows, insertColumns, insertRows, ...sectionFields } = sectionPatch;
    const section = setFields(list[index]!, sectionFields);
    const where = `部分 ${key} `;
    section.columns = patchItems(
      section.columns,
      columnKey,
      columns,
      insertColumns,
      `${where}的栏`,
      problems,
    );
    section.rows = patchItems(section.rows, rawRowKey, rows, insertRows, `${where}的行`, problems);
    list[index] = section;
  }
  return { ...result, sections: list };
}

/** A shallow copy with the given properties set, and those given as null removed. */
function setFields(target: Json, fields: Json): Json {
  const result: Json = { ...target };
  for (const [name, value] of Object.entries(fields)) {
    if (value === undefined) continue;
    if (value === null) delete result[name];
    else result[name] = value;
  }
  return result;
}

type Insertion = z.output<typeof insertionSchema>;

function patchItems(
  items: unknown,
  keyOf: (item: Json) => string,
  patches: Record<string, Json | null> | undefined,
  insertions: Insertion[] | undefined,
  what: string,
  problems: string[],
): Json[] {
  let list = [...((items as Json[] | undefined) ?? [])];
  for (const [key, patch] of Object.entries(patches ?? {})) {
    const index = list.findIndex((item) => keyOf(item) === key);
    if (index < 0) problems.push(`没有${what} ${key}`);
    else if (patch === null) list = list.filter((_, i) => i !== index);
    else list[index] = setFields(list[index]!, patch);
  }
  for (const { after, before, items: added } of insertions ?? []) {
    const anchor = after ?? before;
    if (anchor === undefined) {
      list.push(...added);
      continue;
    }
    const index = list.findIndex((item) => keyOf(item) === anchor);
    if (index < 0) problems.push(`没有${what} ${anchor}，无法在其${after !== undefined ? '后' : '前'}插入`);
    else list.splice(after !== undefined ? index + 1 : index, 0, ...added);
  }
  return list;
}

function columnKey(column: Json): string {
  return String(column.key);
}

/** `rowKey` on the row's JSON before validation; generated code rows are `@codeRows`. */
function rawRowKey(row: Json): string {
  return 'codeRows' in row ? '@codeRows' : rowKey(row as FixedRowDef);
}
