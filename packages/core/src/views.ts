/**
 * Table views: a profile's tables filled from a package, cell by cell. Every renderer (terminal,
 * DOCX, XLSX, HTML) and every rule reads these views, so a cell means the same thing everywhere.
 */
import { type Catalog, type Classification, levelOf, parentCode } from './catalog';
import type { FactSet } from './fact-set';
import { MEASURES, parseFactKey } from './facts';
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

/** Every table of the profile, or only those named in `only` (e.g. last year's tables a rule reads). */
export function buildTableViews(
  pkg: DataPackage,
  context: ViewContext,
  only?: ReadonlySet<string>,
): TableView[] {
  const tables = only ? context.profile.tableDefs.filter((t) => only.has(t.id)) : context.profile.tableDefs;
  const codes = codeIndexOf(pkg.facts);
  return tables.map((table) => viewOf(pkg, table, context, codes));
}

export function buildTableView(pkg: DataPackage, table: TableDef, context: ViewContext): TableView {
  return viewOf(pkg, table, context, codeIndexOf(pkg.facts));
}

/** The package's code index, made when a table first has code rows and shared by its other tables. */
function codeIndexOf(facts: FactSet): () => ReadonlyMap<string, ReadonlyMap<string, string>> {
  let index: ReadonlyMap<string, ReadonlyMap<string, string>> | undefined;
  return () => {
    index ??= facts.indexCodes();
    return index;
  };
}

function viewOf(
  pkg: DataPackage,
  table: TableDef,
  context: ViewContext,
  codes: () => ReadonlyMap<string, ReadonlyMap<string, string>>,
): TableView {
  const { profile } = context;
  const zeroText = zeroTextOf(profile.amounts);
  const build: Build = {
    pkg,
    context,
    codes,
    zeroText,
    // Absent figures print as 0 (or blank) in every cell.
    absentText: table.blankWhenAbsent ? BLANK_TEXT : zeroText,
    empty: true,
  };
  const compiled = compileTable(table);
  const sections: SectionView[] = [];
  for (const section of compiled) sections.push(buildSection(build, section));
  const empty = build.empty;
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
    ...(table.emptyStatement
      ? { emptyStatement: table.emptyStatement.replaceAll('{部门}', pkg.department.name) }
      : {}),
    empty,
    printed: table.printed,
  };
}

type CellTexts = Readonly<Record<'money' | 'count', string>>;

const BLANK_TEXT: CellTexts = { money: '', count: '' };

/** Zero is the commonest figure: formatted once per way of printing amounts, not once per cell. */
const zeroTexts = new WeakMap<Profile['amounts'], CellTexts>();

function zeroTextOf(amounts: Profile['amounts']): CellTexts {
  let texts = zeroTexts.get(amounts);
  if (!texts) {
    texts = { money: formatValue(0n, 'money', amounts), count: formatValue(0n, 'count', amounts) };
    zeroTexts.set(amounts, texts);
  }
  return texts;
}

/**
 * A table definition compiled once: every cell's canonical fact key is worked out ahead, so
 * building a view is lookups and formatting only. Code rows keep a key pattern with `{code}`.
 */
interface CompiledCell {
  column: string;
  /** Not applicable (—). */
  na?: true;
  kind: 'money' | 'count';
  /** Canonical key, or a pattern containing `{code}` for code rows. */
  key: string;
  /** The pattern around `{code}`, for keys that vary by code. */
  around?: [before: string, after: string];
  /**
   * `{code}` is the key's first classification code, so FactSet's code index (which splits a key at
   * its first ` func=`/` econ=` code, see CODE_IN_KEY in fact-set.ts) holds every reported key of
   * the pattern: a code FactSet.indexCodes does not list is not reported, and needs no look-up.
   */
  indexed?: boolean;
}

interface CompiledSection {
  def: SectionDef;
  /** Fixed rows in order, with code-row generators in their place. */
  rows: (CompiledFixedRow | CompiledCodeRows)[];
}

interface CompiledFixedRow {
  fixed: FixedRowDef;
  classification: Classification;
  level: RowView['level'];
  cells: CompiledCell[];
}

interface CompiledCodeRows {
  classification: Classification;
  maxLength: number;
  /** Key patterns the codes are drawn from (the columns that vary by code). */
  patterns: string[];
  cells: CompiledCell[];
  /**
   * What a code's row needs that depends on the code alone, by code: packages mostly report the
   * same codes, so it is worked out once, not once per package (bounded by CODE_ROW_LIMIT).
   */
  byCode: Map<string, CodeRow>;
}

interface CodeRow {
  level: RowView['level'];
  /** Each cell's key filled in with the code (the keys of code rows, see CompiledCell.around). */
  keys: string[];
  /** The code's name in the catalog for one year, the last asked for. */
  name?: { catalog: Catalog; year: number; name: string };
}

/** More distinct codes than any catalog has: the codes of a table are worked out afresh past it. */
const CODE_ROW_LIMIT = 5_000;

const compiledTables = new WeakMap<TableDef, CompiledSection[]>();

function compileTable(table: TableDef): CompiledSection[] {
  const cached = compiledTables.get(table);
  if (cached) return cached;
  const compiled = table.sections.map((section) => {
    const defaultClass = defaultClassification(section);
    return {
      def: section,
      rows: section.rows.map((row): CompiledFixedRow | CompiledCodeRows => {
        if ('codeRows' in row) {
          const { classification, maxLevel } = row.codeRows;
          const cells = compileCells(table, section, {}, true);
          return {
            classification,
            maxLength: { 类: 3, 款: 5, 项: 7 }[maxLevel],
            patterns: [...new Set(cells.filter((c) => c.key.includes('{code}')).map((c) => c.key))],
            cells,
            byCode: new Map(),
          };
        }
        const params: Record<string, string> = { ...(row.code ? { code: row.code } : {}), ...row.params };
        const cells = row.blank ? [] : compileCells(table, section, params, false, row.cells);
        return {
          fixed: row,
          classification: row.classification ?? defaultClass,
          level: row.code ? levelOf(row.code) : undefined,
          cells,
        };
      }),
    };
  });
  compiledTables.set(table, compiled);
  return compiled;
}

function compileCells(
  table: TableDef,
  section: SectionDef,
  params: Record<string, string>,
  codeRow: boolean,
  overrides: Record<string, string | null> = {},
): CompiledCell[] {
  const cells: CompiledCell[] = [];
  for (const column of section.columns) {
    const override = overrides[column.key];
    const template = override === undefined ? column.fact : override;
    if (template === null) {
      cells.push({ column: column.key, na: true, kind: 'money', key: '' });
    } else if (template !== undefined) {
      const { kind, key } = compileTemplate(table, template, params, codeRow);
      const at = key.indexOf('{code}');
      cells.push({
        column: column.key,
        kind,
        key,
        ...(at >= 0
          ? {
              around: [key.slice(0, at), key.slice(at + '{code}'.length)],
              indexed: !/ (func|econ)=\d/.test(key.slice(0, at)),
            }
          : {}),
      });
    }
  }
  return cells;
}

/** A cell template as a canonical key; for code rows, a canonical key with its code as `{code}`. */
function compileTemplate(
  table: TableDef,
  template: string,
  params: Record<string, string>,
  codeRow: boolean,
): { kind: 'money' | 'count'; key: string } {
  const varying = codeRow && template.includes('{code}');
  const placeholder = template.includes('econ={code}')
    ? CODE_PLACEHOLDER.economic
    : CODE_PLACEHOLDER.functional;
  const filled = fillTemplate(varying ? template.replace('{code}', placeholder) : template, params, table.id);
  const parsed = parseFactKey(filled);
  if (!parsed.ok) throw new Error(`表 ${table.id} 的事实 “${template}” 有误：${parsed.reason}`);
  const kind = MEASURES[parsed.fact.measure].kind;
  return { kind, key: varying ? parsed.key.replace(placeholder, '{code}') : parsed.key };
}

/** Valid codes that stand in for `{code}` while a code-row template is parsed. */
const CODE_PLACEHOLDER = { functional: '2999999', economic: '39999' } as const;

/** What building one table view needs, and whether it has found a non-zero figure yet. */
interface Build {
  pkg: DataPackage;
  context: ViewContext;
  /** By key pattern, each code reported and its key (see FactSet.indexCodes). */
  codes: () => ReadonlyMap<string, ReadonlyMap<string, string>>;
  zeroText: CellTexts;
  absentText: CellTexts;
  empty: boolean;
}

function buildSection(build: Build, section: CompiledSection): SectionView {
  const { pkg, context } = build;
  const rows: RowView[] = [];
  for (const row of section.rows) {
    if ('fixed' in row) {
      const { fixed, classification, level } = row;
      const label =
        fixed.label ?? (fixed.code ? codeName(pkg, context.catalog, classification, fixed.code) : '');
      rows.push(rowView(fixed, classification, level, label, buildFixedCells(build, row)));
    } else buildCodeRows(build, row, rows);
  }
  return sectionView(section.def, rows);
}

/** The rows of the codes the package reports, in code order, onto `rows`. */
function buildCodeRows(build: Build, group: CompiledCodeRows, rows: RowView[]): void {
  const index = build.codes();
  // Each cell's codes reported, looked up once per table rather than once per row.
  const reported = group.cells.map((cell) => (cell.around ? index.get(cell.key) : undefined));
  const { classification } = group;
  for (const code of reportedCodes(index, group)) {
    const codeRow = codeRowOf(group, code);
    const label = codeRowName(build, classification, code, codeRow);
    const cells = buildCodeCells(build, group, codeRow.keys, reported, code);
    const level = codeRow.level;
    // Literals rather than one row built up property by property: this runs for every code row
    // of every package checked. Property order is rowView's.
    rows.push(
      level === '类'
        ? { key: code, code, classification, level, label, bold: true, cells }
        : level
          ? { key: code, code, classification, level, label, cells }
          : { key: code, code, classification, label, cells },
    );
  }
}

function codeRowOf(group: CompiledCodeRows, code: string): CodeRow {
  let codeRow = group.byCode.get(code);
  if (!codeRow) {
    codeRow = {
      level: levelOf(code),
      keys: group.cells.map((cell) => (cell.around ? cell.around[0] + code + cell.around[1] : cell.key)),
    };
    if (group.byCode.size >= CODE_ROW_LIMIT) group.byCode.clear();
    group.byCode.set(code, codeRow);
  }
  return codeRow;
}

/** codeName, with the catalog's answer kept on the code's row for the next package of the year. */
function codeRowName(build: Build, classification: Classification, code: string, codeRow: CodeRow): string {
  const { catalog } = build.context;
  const { year } = build.pkg.department;
  const known = codeRow.name;
  if (known && known.catalog === catalog && known.year === year) return known.name;
  const name = catalog.nameOf(classification, code, year);
  if (name === undefined) return codeName(build.pkg, catalog, classification, code);
  codeRow.name = { catalog, year, name };
  return name;
}

/** A section as printed: its definition's heading and columns over the given rows. */
export function sectionView(def: SectionDef, rows: RowView[]): SectionView {
  return {
    key: def.key,
    ...(def.heading ? { heading: def.heading } : {}),
    ...(def.labelHeader ? { labelHeader: def.labelHeader } : {}),
    columns: def.columns,
    rows,
  };
}

/**
 * A row view. Properties are assigned one by one rather than spread (this runs for every row of
 * every package checked); their order is the order views serialise in.
 */
function rowView(
  row: FixedRowDef,
  classification: Classification,
  level: RowView['level'],
  label: string,
  cells: Record<string, CellView>,
): RowView {
  const view: Partial<RowView> = { key: rowKey(row) };
  if (row.line !== undefined) view.line = row.line;
  if (row.code) {
    view.code = row.code;
    view.classification = classification;
  }
  if (level) view.level = level;
  view.label = label;
  if (row.bold || level === '类') view.bold = true;
  if (row.indent !== undefined) view.indent = row.indent;
  if (row.blank) view.blank = true;
  view.cells = cells;
  return view as RowView;
}

function buildFixedCells(build: Build, row: CompiledFixedRow): Record<string, CellView> {
  const { facts } = build.pkg;
  const cells: Record<string, CellView> = {};
  for (const cell of row.cells) {
    cells[cell.column] = cell.na ? notApplicableCell() : cellView(build, cell, cell.key, facts.get(cell.key));
  }
  return cells;
}

function buildCodeCells(
  build: Build,
  group: CompiledCodeRows,
  keys: readonly string[],
  reported: readonly (ReadonlyMap<string, string> | undefined)[],
  code: string,
): Record<string, CellView> {
  const { facts } = build.pkg;
  const cells: Record<string, CellView> = {};
  const compiled = group.cells;
  for (let i = 0; i < compiled.length; i++) {
    const cell = compiled[i]!;
    if (cell.na) {
      cells[cell.column] = notApplicableCell();
      continue;
    }
    let key = keys[i]!;
    let value: bigint | undefined;
    if (cell.around) {
      // The key as the fact set holds it when reported: the same text, but looking up the set's
      // own string is cheap.
      const own = reported[i]?.get(code);
      if (own !== undefined) {
        key = own;
        value = facts.get(own);
      } else if (!cell.indexed) value = facts.get(key);
    } else value = facts.get(key);
    cells[cell.column] = cellView(build, cell, key, value);
  }
  return cells;
}

function notApplicableCell(): CellView {
  return { kind: 'money', na: true, text: NOT_APPLICABLE };
}

/** One cell; plain object literals (no spreads): this runs for every cell of every package checked. */
function cellView(build: Build, cell: CompiledCell, key: string, value: bigint | undefined): CellView {
  if (value === undefined) return { fact: key, kind: cell.kind, text: build.absentText[cell.kind] };
  const zero = value === 0n;
  if (!zero) build.empty = false;
  const text = zero
    ? build.zeroText[cell.kind]
    : formatValue(value, cell.kind, build.context.profile.amounts);
  return { fact: key, kind: cell.kind, value, text };
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
 * Codes with a fact in any of the code-varying columns, plus their ancestors so that 类 and 款 rows
 * always frame their 项, in code order (string order is hierarchical order for these codes).
 */
function reportedCodes(
  index: ReadonlyMap<string, ReadonlyMap<string, string>>,
  rows: CompiledCodeRows,
): string[] {
  const codes = new Set<string>();
  for (const pattern of rows.patterns) {
    const reported = index.get(pattern);
    if (!reported) continue;
    for (const code of reported.keys()) if (code.length <= rows.maxLength) codes.add(code);
  }
  const found = [...codes];
  for (const code of found) {
    for (let parent = parentCode(code); parent; parent = parentCode(parent)) codes.add(parent);
  }
  return codes.size === found.length ? found.sort() : [...codes].sort();
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
