/**
 * The table views of one run, indexed for rules: rows by 行次, key, code and label, columns by key
 * and 栏次, and the code hierarchy (合计 → 类 → 款 → 项) within each section.
 */
import { parentCode } from '../catalog';
import type { ColumnDef } from '../profile';
import type { CellView, RowView, SectionView, TableView } from '../views';

export interface SectionIndex {
  view: SectionView;
  byKey: ReadonlyMap<string, ColumnDef>;
  byNo: ReadonlyMap<number, ColumnDef>;
  rows: RowHandle[];
  /** Some row has a classification code. */
  hasCodes: boolean;
}

export interface RowHandle {
  readonly table: TableIndex;
  readonly section: SectionIndex;
  readonly row: RowView;
  /** Position in the table, all sections in order. */
  readonly index: number;
  readonly missing?: undefined;
  /** See applicableColumns; worked out on first use. */
  applicable: ColumnDef[] | undefined;
  /** The row as a FOR variable's value (see rowBinding); made on first use, shared by every rule. */
  binding: { readonly kind: 'row'; readonly row: RowHandle } | undefined;
}

/** A row another row was joined to (`T01[k]`) or a code row the table does not report: all 0. */
export interface MissingRow {
  readonly table: TableIndex;
  readonly missing: true;
  readonly code?: string;
  readonly key?: string;
  /** The label of the row it was joined from, to name it in a message instead of its key. */
  readonly label?: string;
}

export type RowRef = RowHandle | MissingRow;

export interface TableIndex {
  readonly id: string;
  readonly view: TableView;
  readonly prior: boolean;
  /** Half of one printed last digit in 分, for money cells of this table. */
  readonly halfStep: bigint;
  readonly sections: SectionIndex[];
  readonly rows: RowHandle[];
  /**
   * Rows by 行次, key, code and label, each index built on first use (see rowAtLine …): a table
   * is mostly read one way, and building every map for every table of every package would cost
   * more than the lookups do.
   */
  byLine?: (RowHandle | undefined)[];
  byKey?: Map<string, RowHandle>;
  byCode?: Map<string, RowHandle>;
  byLabel?: Map<string, RowHandle[]>;
  children?: Map<RowHandle, RowHandle[]>;
  /** Every row as a FOR variable's value, for `FOR r IN T…` without a selection. */
  bindings?: readonly { readonly kind: 'row'; readonly row: RowHandle }[];
  /** Rows each fixed reference of a rule names in this table, by its resolver (see perTable). */
  resolved?: Map<unknown, readonly RowRef[]>;
  /** The row each fixed reference to one row names in this table, by its resolver (see perTableRow). */
  resolvedRow?: Map<unknown, RowRef>;
}

export function indexTables(
  views: readonly TableView[],
  prior: boolean,
  halfStep: bigint,
  byTable?: ReadonlyMap<string, bigint>,
): Map<string, TableIndex> {
  const tables = new Map<string, TableIndex>();
  for (const view of views) tables.set(view.id, indexTable(view, prior, byTable?.get(view.id) ?? halfStep));
  return tables;
}

export function indexTable(view: TableView, prior: boolean, halfStep: bigint): TableIndex {
  const table: TableIndex = {
    id: view.id,
    view,
    prior,
    halfStep,
    sections: [],
    rows: [],
  };
  for (const sectionView of view.sections) {
    const { byKey, byNo } = columnIndex(sectionView.columns);
    const section: SectionIndex = { view: sectionView, byKey, byNo, rows: [], hasCodes: false };
    table.sections.push(section);
    for (const row of sectionView.rows) {
      if (row.code !== undefined) section.hasCodes = true;
      // The fields filled on first use are there from the start, so filling them allocates nothing.
      const handle: RowHandle = {
        table,
        section,
        row,
        index: table.rows.length,
        applicable: undefined,
        binding: undefined,
      };
      table.rows.push(handle);
      section.rows.push(handle);
    }
  }
  return table;
}

/** The first row with 行次 `line`. */
export function rowAtLine(table: TableIndex, line: number): RowHandle | undefined {
  if (!table.byLine) {
    // 行次 are small numbers: an array indexed by them.
    const byLine: (RowHandle | undefined)[] = [];
    for (const handle of table.rows) {
      const at = handle.row.line;
      if (at !== undefined) byLine[at] ??= handle;
    }
    table.byLine = byLine;
  }
  return table.byLine[line];
}

/** The first row with key `key`. */
export function rowWithKey(table: TableIndex, key: string): RowHandle | undefined {
  table.byKey ??= firstRowBy(table, (row) => row.key);
  return table.byKey.get(key);
}

/** The first row with classification code `code`. */
export function rowWithCode(table: TableIndex, code: string): RowHandle | undefined {
  table.byCode ??= firstRowBy(table, (row) => row.code);
  return table.byCode.get(code);
}

function firstRowBy<K>(table: TableIndex, by: (row: RowView) => K | undefined): Map<K, RowHandle> {
  const map = new Map<K, RowHandle>();
  // Backwards, so that the first row with a value is the one left in the map.
  for (let i = table.rows.length - 1; i >= 0; i--) {
    const handle = table.rows[i]!;
    const value = by(handle.row);
    if (value !== undefined) map.set(value, handle);
  }
  return map;
}

/**
 * Columns by key and 栏次. Views share their profile's column lists, so the maps are made once
 * per list, not once per package.
 */
const columnIndexes = new WeakMap<
  readonly ColumnDef[],
  { byKey: ReadonlyMap<string, ColumnDef>; byNo: ReadonlyMap<number, ColumnDef> }
>();

function columnIndex(columns: readonly ColumnDef[]) {
  let index = columnIndexes.get(columns);
  if (!index) {
    index = {
      byKey: new Map(columns.map((c) => [c.key, c])),
      byNo: new Map(columns.filter((c) => c.no !== undefined).map((c) => [c.no!, c])),
    };
    columnIndexes.set(columns, index);
  }
  return index;
}

/** The rows whose label (trimmed) is `label`, in table order. */
export function rowsLabelled(table: TableIndex, label: string): readonly RowHandle[] {
  if (!table.byLabel) {
    const byLabel = new Map<string, RowHandle[]>();
    for (const handle of table.rows) {
      const trimmed = handle.row.label.trim();
      if (trimmed) push(byLabel, trimmed, handle);
    }
    table.byLabel = byLabel;
  }
  return table.byLabel.get(label) ?? NO_ROWS;
}

/** No rows (shared: callers only read row lists). */
export const NO_ROWS: readonly RowHandle[] = [];

/** The 合计 row over the 类 rows of its section (not 总计 or 本年支出合计, which have their own lines). */
export function isTotalRow(row: RowView): boolean {
  return row.code === undefined && (row.key === 'total' || row.label.trim() === '合计');
}

/** Rows one level below: 类 → 款, 款 → 项 (by code, within the section); 合计 → the 类 rows. */
export function childrenOf(handle: RowHandle): readonly RowHandle[] {
  const table = handle.table;
  if (!table.children) {
    const children = new Map<RowHandle, RowHandle[]>();
    for (const section of table.sections) {
      const byCode = new Map<string, RowHandle>();
      for (const h of section.rows) if (h.row.code !== undefined) byCode.set(h.row.code, h);
      const totals = section.rows.filter((h) => isTotalRow(h.row));
      for (const h of section.rows) {
        const code = h.row.code;
        if (code === undefined) continue;
        const parentKey = parentCode(code);
        const parent = parentKey === undefined ? undefined : byCode.get(parentKey);
        if (parent) push(children, parent, h);
        else if (parentKey === undefined && h.row.level === '类')
          for (const t of totals) push(children, t, h);
      }
    }
    table.children = children;
  }
  return table.children.get(handle) ?? NO_ROWS;
}

function push<K>(map: Map<K, RowHandle[]>, key: K, value: RowHandle) {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

/** The row of `target` that corresponds to `row`: itself, else the row with the same code, else the same key. */
export function joinRow(target: TableIndex, row: RowRef): RowRef {
  if (row.table === target) return row;
  const code = row.missing ? row.code : row.row.code;
  if (code !== undefined) return rowWithCode(target, code) ?? { table: target, missing: true, code };
  const key = row.missing ? row.key : row.row.key;
  const label = row.missing ? row.label : row.row.label;
  if (key !== undefined) {
    return rowWithKey(target, key) ?? { table: target, missing: true, key, ...(label ? { label } : {}) };
  }
  return { table: target, missing: true };
}

/** The section a row that the table does not report would sit in: the one with code rows. */
export function sectionForMissing(table: TableIndex): SectionIndex | undefined {
  if (table.sections.length === 1) return table.sections[0];
  return table.sections.find((s) => s.hasCodes) ?? table.sections[0];
}

/** One cell a rule read, for findings. */
export interface CellSlot {
  table: TableIndex;
  row: RowRef;
  column?: ColumnDef;
  cell?: CellView;
}

/**
 * The row as the value of a FOR variable. Values are only read, so one object per row serves
 * every rule that loops over the table.
 */
export function rowBinding(handle: RowHandle): { readonly kind: 'row'; readonly row: RowHandle } {
  handle.binding ??= { kind: 'row', row: handle };
  return handle.binding;
}

/** Every row of the table as FOR values, in table order (shared: callers only read it). */
export function tableBindings(
  table: TableIndex,
): readonly { readonly kind: 'row'; readonly row: RowHandle }[] {
  table.bindings ??= table.rows.map(rowBinding);
  return table.bindings;
}

/** Columns of a row that hold a figure (not —, not a blank printed line). */
export function applicableColumns(handle: RowHandle): readonly ColumnDef[] {
  const columns = handle.section.view.columns;
  if (columns.length === 1) return columns;
  handle.applicable ??= columns.filter((c) => {
    const cell = handle.row.cells[c.key];
    return cell !== undefined && !cell.na;
  });
  return handle.applicable;
}

export function describeRowRef(row: RowRef): string {
  if (row.missing) return row.code ?? row.key ?? '?';
  return row.row.code ?? (row.row.line !== undefined ? `L${row.row.line}` : row.row.key);
}

/** `T03[2101501].C1`, `上年.T01[L60]`: a stable address, also the key of a written explanation. */
export function cellAddress(slot: CellSlot): string {
  const prefix = slot.table.prior ? '上年.' : '';
  const section = slot.row.missing ? sectionForMissing(slot.table) : slot.row.section;
  const column =
    slot.column && section && section.view.columns.length > 1
      ? `.${slot.column.no !== undefined ? `C${slot.column.no}` : slot.column.key}`
      : '';
  return `${prefix}${slot.table.id}[${describeRowRef(slot.row)}]${column}`;
}

/** 公开01表第27行「本年收入合计」, 公开03表「2101501 行政运行」第1栏「本年支出合计」. */
export function describeCell(slot: CellSlot): string {
  const section = slot.row.missing ? sectionForMissing(slot.table) : slot.row.section;
  const column = slot.column && section && section.view.columns.length > 1 ? describeColumn(slot.column) : '';
  return `${describeTable(slot.table)}${describeRow(slot.row)}${column}`;
}

export function describeTable(table: TableIndex): string {
  return `${table.prior ? '上年' : ''}${table.view.number || table.id}`;
}

export function describeRow(row: RowRef): string {
  if (row.missing) return `「${row.code ?? row.label ?? row.key ?? ''}」（本表无此行）`;
  const { line, code, label } = row.row;
  if (line !== undefined) return `第${line}行${label ? `「${label}」` : ''}`;
  if (code !== undefined) return `「${code} ${label}」`;
  // A table without a label column (上海表七) has one unlabelled row: its cells are named by column.
  if (!label && !row.row.blank) return '';
  return `「${label || row.row.key}」`;
}

export function describeColumn(column: ColumnDef): string {
  if (column.no !== undefined) return `第${column.no}栏「${column.label}」`;
  // Without 栏次 the header groups are what tell apart columns of one label (上海表七: six 决算数).
  return `「${[...(column.group ?? []), column.label].join('·')}」栏`;
}
