/**
 * Table views: a profile's tables filled from a package, cell by cell. Every renderer (terminal,
 * DOCX, XLSX, HTML) and every rule reads these views, so a cell means the same thing everywhere.
 */
import { type Catalog, type Classification, levelOf, parentCode } from './catalog';
import type { FactSet } from './fact-set';
import { MEASURES, measureOf, parseFactKey } from './facts';
import { formatAmount, type MoneyUnit } from './money';
import type { DataPackage } from './package';
import {
  type ColumnDef,
  type FixedRowDef,
  type Profile,
  rowKey,
  type SectionDef,
  type TableDef,
} from './profile';

export interface CellView {
  /** Canonical key of the fact shown; absent for a not-applicable cell. */
  fact?: string;
  kind: 'money' | 'count';
  /** 分 (money) or a count; undefined when the package does not report the fact. */
  value?: bigint;
  /** Not applicable: printed as —. */
  na?: true;
  /** The cell as printed by this profile. */
  text: string;
}

export interface RowView {
  key: string;
  line?: number;
  code?: string;
  /** The classification `code` belongs to. */
  classification?: Classification;
  level?: '类' | '款' | '项';
  label: string;
  bold?: boolean;
  indent?: number;
  blank?: boolean;
  cells: Record<string, CellView>;
}

export interface SectionView {
  key: string;
  heading?: string;
  labelHeader?: string;
  columns: ColumnDef[];
  rows: RowView[];
}

export interface TableView {
  id: string;
  number: string;
  title: string;
  unit: string;
  subject: string;
  year: number;
  layout: TableDef['layout'];
  sections: SectionView[];
  notes: string[];
  emptyStatement?: string;
  /** No cell of the table holds a non-zero value. */
  empty: boolean;
  /** False for a supplementary table that the document does not print (see TableDef.printed). */
  printed: boolean;
}

export interface ViewContext {
  profile: Profile;
  catalog: Catalog;
}

export const NOT_APPLICABLE = '—';

const STAND_IN_CODE: Record<Classification, string> = { functional: '*', economic: '301' };

export function buildTableViews(pkg: DataPackage, context: ViewContext): TableView[] {
  return context.profile.tableDefs.map((table) => buildTableView(pkg, table, context));
}

export function buildTableView(pkg: DataPackage, table: TableDef, context: ViewContext): TableView {
  const { profile } = context;
  const sections = table.sections.map((section) => buildSection(pkg, table, section, context));
  const empty = sections.every((s) =>
    s.rows.every((r) => Object.values(r.cells).every((c) => c.value === undefined || c.value === 0n)),
  );
  return {
    id: table.id,
    number: table.number,
    title: table.title,
    unit: table.unit ?? profile.amounts.unit,
    subject: `${profile.subjectLabel}：${pkg.department.name}`,
    year: pkg.department.year,
    layout: table.layout,
    sections,
    notes: table.notes,
    // Profiles write {部门} where the statement names the department (说明：{部门}本年度没有…).
    ...(table.emptyStatement ? { emptyStatement: table.emptyStatement.replaceAll('{部门}', pkg.department.name) } : {}),
    empty,
    printed: table.printed,
  };
}

function buildSection(
  pkg: DataPackage,
  table: TableDef,
  section: SectionDef,
  context: ViewContext,
): SectionView {
  const rows: RowView[] = [];
  for (const row of section.rows) {
    if ('codeRows' in row) {
      const { classification, maxLevel } = row.codeRows;
      for (const code of reportedCodes(pkg.facts, section.columns, classification, maxLevel)) {
        rows.push(buildRow(pkg, table, section, { code, classification }, context));
      }
    } else {
      rows.push(buildRow(pkg, table, section, row, context));
    }
  }
  return {
    key: section.key,
    ...(section.heading ? { heading: section.heading } : {}),
    ...(section.labelHeader ? { labelHeader: section.labelHeader } : {}),
    columns: section.columns,
    rows,
  };
}

function buildRow(
  pkg: DataPackage,
  table: TableDef,
  section: SectionDef,
  row: FixedRowDef,
  context: ViewContext,
): RowView {
  const classification = row.classification ?? defaultClassification(section);
  const params: Record<string, string> = { ...(row.code ? { code: row.code } : {}), ...row.params };
  const label = row.label ?? (row.code ? codeName(pkg, context.catalog, classification, row.code) : '');
  const cells: Record<string, CellView> = {};
  if (!row.blank) {
    for (const column of section.columns) {
      const override = row.cells?.[column.key];
      const template = override === undefined ? column.fact : override;
      if (template === null) {
        cells[column.key] = { kind: 'money', na: true, text: NOT_APPLICABLE };
      } else if (template !== undefined) {
        cells[column.key] = buildCell(pkg, table, fillTemplate(template, params, table.id), context);
      }
    }
  }
  const level = row.code ? levelOf(row.code) : undefined;
  return {
    key: rowKey(row),
    ...(row.line !== undefined ? { line: row.line } : {}),
    ...(row.code ? { code: row.code, classification } : {}),
    ...(level ? { level } : {}),
    label,
    ...(row.bold || level === '类' ? { bold: true } : {}),
    ...(row.indent !== undefined ? { indent: row.indent } : {}),
    ...(row.blank ? { blank: true } : {}),
    cells,
  };
}

function buildCell(pkg: DataPackage, table: TableDef, template: string, context: ViewContext): CellView {
  const parsed = parseFactKey(template);
  if (!parsed.ok)
    throw new Error(`口径 ${context.profile.id} 表 ${table.id} 的事实 “${template}” 有误：${parsed.reason}`);
  const kind = MEASURES[parsed.fact.measure].kind;
  const value = pkg.facts.get(parsed.key);
  const text =
    value === undefined
      ? table.blankWhenAbsent
        ? ''
        : formatValue(0n, kind, context.profile.amounts)
      : formatValue(value, kind, context.profile.amounts);
  return { fact: parsed.key, kind, ...(value !== undefined ? { value } : {}), text };
}

export function formatValue(
  value: bigint,
  kind: 'money' | 'count',
  amounts: { unit: MoneyUnit; decimals: number },
): string {
  return kind === 'count'
    ? value.toString()
    : formatAmount(value, amounts.unit, { decimals: amounts.decimals });
}

function fillTemplate(template: string, params: Record<string, string>, tableId: string): string {
  return template.replace(/\{(\w+)\}/g, (_, name: string) => {
    const value = params[name];
    if (value === undefined) throw new Error(`表 ${tableId} 的事实模板 “${template}” 缺少参数 ${name}`);
    return value;
  });
}

function defaultClassification(section: SectionDef): Classification {
  return section.columns.some((c) => c.fact?.includes('econ={code}')) ? 'economic' : 'functional';
}

export function codeName(
  pkg: DataPackage,
  catalog: Catalog,
  classification: Classification,
  code: string,
): string {
  return (
    catalog.nameOf(classification, code, pkg.department.year) ??
    pkg.codeNames[classification][code] ??
    `（未知科目 ${code}）`
  );
}

/**
 * Codes with a fact in any of the columns (the `{code}` dimension varying, everything else as the
 * template says), plus their ancestors so that 类 and 款 rows always frame their 项, in code order.
 */
function reportedCodes(
  facts: FactSet,
  columns: ColumnDef[],
  classification: Classification,
  maxLevel: '类' | '款' | '项',
): string[] {
  const maxLength = { 类: 3, 款: 5, 项: 7 }[maxLevel];
  const dim = classification === 'functional' ? 'func' : 'econ';
  const codes = new Set<string>();
  for (const column of columns) {
    if (!column.fact?.includes(`${dim}={code}`)) continue;
    // Any valid code stands in for `{code}` so the template parses; only the other dims are compared.
    const probe = parseFactKey(column.fact.replace('{code}', STAND_IN_CODE[classification]));
    if (!probe.ok) continue;
    const measure = probe.fact.measure;
    for (const [key] of facts.entries()) {
      if (measureOf(key) !== measure) continue;
      const parsed = parseFactKey(key);
      if (!parsed.ok) continue;
      const code = parsed.fact.dims[dim];
      if (!code || code === '*' || code.length > maxLength) continue;
      const matches = Object.entries(probe.fact.dims).every(
        ([d, v]) => d === dim || parsed.fact.dims[d] === v,
      );
      if (matches) codes.add(code);
    }
  }
  for (const code of [...codes]) {
    for (let parent = parentCode(code); parent; parent = parentCode(parent)) codes.add(parent);
  }
  return [...codes].sort();
}

/** Finds a row of a view by key, 行次 (`L27` or 27) or classification code. */
export function findRow(
  view: TableView,
  ref: string | number,
): { section: SectionView; row: RowView } | undefined {
  const line = typeof ref === 'number' ? ref : /^L(\d+)$/.exec(ref)?.[1];
  for (const section of view.sections) {
    for (const row of section.rows) {
      if (line !== undefined ? row.line === Number(line) : row.key === ref || row.code === ref) {
        return { section, row };
      }
    }
  }
  return undefined;
}

/** Finds a cell by row reference and column key or 栏次 (`C3` or 3). */
export function findCell(
  view: TableView,
  rowRef: string | number,
  columnRef: string | number,
): CellView | undefined {
  const found = findRow(view, rowRef);
  if (!found) return undefined;
  const no = typeof columnRef === 'number' ? columnRef : /^C(\d+)$/.exec(columnRef)?.[1];
  const column = found.section.columns.find((c) =>
    no !== undefined ? c.no === Number(no) : c.key === columnRef,
  );
  return column ? found.row.cells[column.key] : undefined;
}
