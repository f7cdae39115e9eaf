/**
 * What a compiled formula runs against: the tables of this year and last, the variables bound by
 * FOR, and the sink that receives each assertion's result. Also the few helpers every compiled
 * node shares at run time.
 */

import type { ColumnDef } from '../profile';
import type * as A from './ast';
import type { CellSlot, RowRef, TableIndex } from './tables';
import { type Truth3, type Val, ValueError } from './value';

/** A mistake of the rule's author found while evaluating (a — cell in a sum, a 行次 the table lacks). */
export class RuleEvalError extends Error {}

/**
 * A row the rule names that the table does not have. In a package's views that is the rule's
 * mistake; in a published document it is a row not printed, or not read, and the rule cannot run.
 */
export class MissingRowError extends RuleEvalError {
  constructor(
    message: string,
    readonly table: string,
    readonly row: { line?: number; key?: string; code?: string },
  ) {
    super(message);
  }
}

export interface ColumnHandle {
  /** Resolve by 栏次 (the domain named 栏次) or by key. */
  by: 'no' | 'key';
  no?: number;
  key?: string;
  label?: string;
  /** The column in the section column list last read with this handle (see resolveColumnVariable). */
  resolved?: { columns: readonly ColumnDef[]; column: readonly ColumnDef[] };
}

export type Bound = { kind: 'row'; row: RowRef } | { kind: 'column'; column: ColumnHandle };

export interface RunState {
  current: Map<string, TableIndex>;
  prior?: Map<string, TableIndex>;
}

export interface Env {
  state: RunState;
  vars: Map<string, Bound>;
  /** Cells read, collected only while explaining a finding. */
  track: CellSlot[] | null;
  detailed: boolean;
}

export interface CompareDetail {
  type: 'compare';
  node: A.CompareNode;
  negated: boolean;
  left: Val;
  right: Val;
  difference: Val;
  leftCells: CellSlot[];
  rightCells: CellSlot[];
}

export interface PredicateDetail {
  type: 'predicate';
  node: A.PredicateNode | A.RowIsNode;
  negated: boolean;
  cells: CellSlot[];
  table?: TableIndex;
  row?: RowRef;
}

export type Detail = CompareDetail | PredicateDetail;

export interface Truth extends Truth3 {
  /** The part that failed, filled while explaining a finding. */
  detail?: Detail;
}

export type NumFn = (env: Env) => Val;
export type BoolFn = (env: Env) => Truth;
export type StatementFn = (env: Env, sink: Sink) => void;

export interface Sink {
  /** One assertion evaluated for one binding of the variables. */
  result(node: A.AssertNode, expr: BoolFn, env: Env, truth: Truth): void;
  /** The rule could not be evaluated for this binding. */
  error(error: RuleEvalError, loc: A.Loc, env: Env): void;
}

export function lookupTable(env: Env, tableId: string, prior: boolean): TableIndex {
  const tables = prior ? env.state.prior : env.state.current;
  if (!tables) throw new RuleEvalError('未提供上年数据');
  const table = tables.get(tableId);
  if (!table) throw new RuleEvalError(`${prior ? '上年' : '本年'}报表中没有表 ${tableId}`);
  return table;
}

export function boundRow(env: Env, name: string): RowRef {
  const bound = env.vars.get(name);
  if (bound?.kind !== 'row') throw new RuleEvalError(`变量 ${name} 未绑定到行`);
  return bound.row;
}

export function arithmetic<T>(fn: () => T): T {
  try {
    return fn();
  } catch (error) {
    if (error instanceof ValueError) throw new RuleEvalError(error.message);
    throw error;
  }
}

export function evalError(error: unknown): RuleEvalError {
  if (error instanceof RuleEvalError) return error;
  throw error;
}
