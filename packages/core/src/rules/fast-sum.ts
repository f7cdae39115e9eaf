/**
 * The fast path of a comparison. Where both sides are built only of references, integer
 * constants, +, − and SUM, every value is an integer (分 or a count) with a symmetric interval, so
 * a side is summed straight from the cells into `nom` ± `width` without building values (see
 * `compareSum`). The fast path gives up (`bail`) wherever the rule could fail — a — cell, figures
 * of different kinds, a reference to other than one cell — and the comparison is then evaluated
 * the ordinary way, which says what went wrong.
 */
import type { ColumnDef } from '../profile';
import type * as A from './ast';
import type { Env } from './evaluation';
import type { RowRef } from './tables';
import { compareSum, type Truth3, type ValueKind } from './value';

export interface Sum {
  nom: bigint;
  width: bigint;
  /** The kind of the terms that are not an exact zero (an exact zero adds to any kind). */
  kind: ValueKind | undefined;
  bail: boolean;
}

/** Adds the value (subtracts it when `negative`) to the sum. */
export type AddFn = (env: Env, sum: Sum, negative: boolean) => void;

export function fastCompare(op: A.CompareOp, left: AddFn, right: AddFn): (env: Env) => Truth3 | undefined {
  // One sum per comparison, reset on each use: evaluating a side never evaluates a comparison.
  const sum: Sum = { nom: 0n, width: 0n, kind: undefined, bail: false };
  return (env) => {
    sum.nom = 0n;
    sum.width = 0n;
    sum.kind = undefined;
    sum.bail = false;
    try {
      left(env, sum, false);
      right(env, sum, true);
    } catch {
      // A row or column the table lacks: the ordinary evaluation reports it.
      return undefined;
    }
    return sum.bail ? undefined : compareSum(op, sum.nom, sum.width);
  };
}

/** A cell into the sum, as `slotValue` reads it. */
export function addCell(sum: Sum, row: RowRef, column: ColumnDef | undefined, negative: boolean): void {
  const cell = row.missing || !column ? undefined : row.row.cells[column.key];
  if (!cell) return;
  if (cell.na) {
    sum.bail = true;
    return;
  }
  addTerm(sum, cell.kind, cell.value ?? 0n, cell.kind === 'count' ? 0n : row.table.halfStep, negative);
}

export function addTerm(sum: Sum, kind: ValueKind, value: bigint, halfStep: bigint, negative: boolean): void {
  // An exact zero adds to a sum of any kind (see additiveKind in value.ts). When all other terms
  // are of one kind, no sum or difference of them can mix kinds; otherwise the ordinary
  // evaluation decides, term by term, whether the mix is allowed.
  if (value === 0n && halfStep === 0n) return;
  if (sum.kind === undefined) sum.kind = kind;
  else if (sum.kind !== kind) sum.bail = true;
  sum.nom = negative ? sum.nom - value : sum.nom + value;
  if (halfStep !== 0n) sum.width += halfStep;
}
