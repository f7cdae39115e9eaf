/**
 * Reading the cells a reference names, at run time: its rows and columns resolved against the
 * tables, remembered per table or section where nothing else decides them, and a cell's value as a
 * rule sees it.
 */
import { Q0 } from '../exact';
import type { ColumnDef } from '../profile';
import { NOT_APPLICABLE } from '../views';
import { type Env, RuleEvalError } from './evaluation';
import {
  applicableColumns,
  type CellSlot,
  cellAddress,
  describeCell,
  type RowRef,
  type SectionIndex,
  sectionForMissing,
  type TableIndex,
} from './tables';
import { exact, printed, type Val } from './value';

export type SlotsFn = (env: Env) => CellSlot[];
export type RowsFn = (env: Env) => readonly RowRef[];
export type ColumnsFn = (env: Env, row: RowRef) => readonly (ColumnDef | undefined)[];

/** The rows and, for each row, the columns a reference reads: its cells, row by row. */
export interface RefCells {
  rows: RowsFn;
  /** The row, for a reference to one row: the same as `rows` without an array. */
  one?: (env: Env) => RowRef;
  columns: ColumnsFn;
}

/** Zero as a bare number: it adds to a sum of money or of counts alike. */
export const EXACT_ZERO: Val = exact('number', Q0);

/**
 * The column a FOR column variable is bound to, looked up in the row's section, as a list of one.
 * Kept on the variable's handle for the section's column list: sections share their profile's
 * column lists, so a loop over columns resolves each once, not once per row of every package.
 */
export function resolveColumnVariable(
  env: Env,
  section: SectionIndex,
  row: RowRef,
  name: string,
): readonly ColumnDef[] {
  const bound = env.vars.get(name);
  if (bound?.kind !== 'column') throw new RuleEvalError(`变量 ${name} 未绑定到栏`);
  const handle = bound.column;
  const columns = section.view.columns;
  const resolved = handle.resolved;
  if (resolved?.columns === columns) return resolved.column;
  const column = handle.by === 'no' ? section.byNo.get(handle.no!) : section.byKey.get(handle.key!);
  if (!column) {
    throw new RuleEvalError(
      `${describeWhere(row)} 没有${handle.by === 'no' ? `第 ${handle.no} 栏` : `栏 ${handle.key}`}（变量 ${name}）`,
    );
  }
  handle.resolved = { columns, column: alone(column) };
  return handle.resolved.column;
}

/** No column: a row of the table that is not there, or a blank printed line. */
export const NO_COLUMN: readonly undefined[] = [undefined];

/**
 * The rows `resolve` gives for a table, worked out once per table: they depend on nothing else
 * (fixed rows, not variables), and a rule reads the same table for every binding of its loop.
 * Kept on the table, not in the closure, so that no compiled rule holds on to the tables (and
 * views) of a package checked before.
 */
export function perTable(
  resolve: (env: Env, table: TableIndex) => readonly RowRef[],
): (env: Env, table: TableIndex) => readonly RowRef[] {
  return (env, table) => {
    table.resolved ??= new Map();
    let rows = table.resolved.get(resolve);
    if (!rows) {
      rows = resolve(env, table);
      table.resolved.set(resolve, rows);
    }
    return rows;
  };
}

/** The row `resolve` gives for a table, worked out once per table (see perTable). */
export function perTableRow(
  resolve: (env: Env, table: TableIndex) => RowRef,
): (env: Env, table: TableIndex) => RowRef {
  return (env, table) => {
    table.resolvedRow ??= new Map();
    let row = table.resolvedRow.get(resolve);
    if (!row) {
      row = resolve(env, table);
      table.resolvedRow.set(resolve, row);
    }
    return row;
  };
}

const singletons = new WeakMap<ColumnDef, readonly ColumnDef[]>();

/**
 * `[column]`, one array per column of the profile: a reference to one column is read for every
 * row of a loop, for every package.
 */
export function alone(column: ColumnDef): readonly ColumnDef[] {
  let list = singletons.get(column);
  if (!list) {
    list = [column];
    singletons.set(column, list);
  }
  return list;
}

/**
 * The columns `resolve` gives for a section, worked out once per column list: they depend on the
 * section's columns alone (its maps by key and 栏次 are made from them), and sections share their
 * profile's column lists, so the answer holds from one package to the next. A section without
 * the columns asked for throws every time it is read.
 */
export function perSection(
  resolve: (section: SectionIndex, row: RowRef) => readonly ColumnDef[],
): (env: Env, section: SectionIndex, row: RowRef) => readonly ColumnDef[] {
  let lastList: readonly ColumnDef[] | undefined;
  let lastColumns: readonly ColumnDef[] = [];
  return (_env, section, row) => {
    const list = section.view.columns;
    if (list !== lastList) {
      lastColumns = resolve(section, row);
      lastList = list;
    }
    return lastColumns;
  };
}

export function singleColumn(row: RowRef): readonly (ColumnDef | undefined)[] {
  if (row.missing) {
    const section = sectionForMissing(row.table);
    return section?.view.columns.length === 1 ? section.view.columns : NO_COLUMN;
  }
  if (row.row.blank) return NO_COLUMN;
  const columns = applicableColumns(row);
  if (columns.length === 1) return columns;
  throw new RuleEvalError(`${describeWhere(row)} 有 ${row.section.view.columns.length} 栏，须写明栏次`);
}

export function allColumns(row: RowRef): readonly (ColumnDef | undefined)[] {
  if (row.missing) return NO_COLUMN;
  return row.section.view.columns;
}

export function describeWhere(row: RowRef): string {
  if (row.missing) return `${row.table.id}[${row.code ?? row.key ?? ''}]`;
  return `${row.table.id} ${row.row.line !== undefined ? `第 ${row.row.line} 行` : `「${row.row.code ?? ''}${row.row.code ? ' ' : ''}${row.row.label || row.row.key}」`}`;
}

/** The cells of a reference as slots (for values, predicates and findings); tracked while explaining. */
export function slotsOf(ref: RefCells): SlotsFn {
  return (env) => {
    const slots: CellSlot[] = [];
    for (const row of ref.rows(env)) {
      for (const column of ref.columns(env, row)) {
        const cell = row.missing || !column ? undefined : row.row.cells[column.key];
        const slot: CellSlot = { table: row.table, row };
        if (column) slot.column = column;
        if (cell) slot.cell = cell;
        slots.push(slot);
      }
    }
    if (env.track) env.track.push(...slots);
    return slots;
  };
}

/** A cell's value as a rule sees it: absent ⇒ 0, — ⇒ the author's mistake. */
export function slotValue(slot: CellSlot): Val {
  const cell = slot.cell;
  if (slot.row.missing || !cell) return EXACT_ZERO;
  if (cell.na) {
    throw new RuleEvalError(
      `${describeCell(slot)}（${cellAddress(slot)}）不适用（${NOT_APPLICABLE}），不能参与计算；请在公式中排除此单元格`,
    );
  }
  const halfStep = cell.kind === 'count' ? 0n : slot.table.halfStep;
  return printed(cell.kind, cell.value ?? 0n, halfStep);
}
