/**
 * Compiling conditions (comparisons, AND/OR/IFF/NOT, predicates on cells and tables, `r IS …`)
 * into functions giving a three-valued truth and, while a finding is explained, what failed.
 */
import type { CellView, RowView } from '../views';
import type * as A from './ast';
import { slotsOf } from './cell-reading';
import type { ArithmeticCompiler } from './compile-arithmetic';
import type { CompileContext, Scope } from './compile-context';
import type { RefCompiler } from './compile-refs';
import { arithmetic, type BoolFn, lookupTable, RuleEvalError } from './evaluation';
import { fastCompare } from './fast-sum';
import { childrenOf, isTotalRow, type RowRef } from './tables';
import { and, iff, not, or, predicateTruth } from './truth';
import { compare, type Val } from './value';

const ROW_KIND_LEVEL: Partial<Record<A.RowKind, string>> = { 类: '类', 款: '款', 项: '项' };

export class ConditionCompiler {
  constructor(
    private readonly ctx: CompileContext,
    private readonly refs: RefCompiler,
    private readonly arithmetic: ArithmeticCompiler,
  ) {}

  bool(node: A.BoolNode, scope: Scope): BoolFn {
    switch (node.type) {
      case 'Compare':
        return this.compare(node, scope);
      case 'Logic': {
        const left = this.bool(node.left, scope);
        const right = this.bool(node.right, scope);
        if (node.op === 'AND') return (env) => and(left(env), right(env));
        if (node.op === 'OR') return (env) => or(left(env), right(env));
        return (env) => iff(left(env), right(env));
      }
      case 'Not': {
        const inner = this.bool(node.expr, scope);
        return (env) => not(inner(env));
      }
      case 'Predicate':
        return this.predicate(node, scope);
      case 'RowIs':
        return this.rowIs(node, scope);
    }
  }

  private compare(node: A.CompareNode, scope: Scope): BoolFn {
    const { value: left, add: addLeft } = this.arithmetic.num(node.left, scope);
    const { value: right, add: addRight } = this.arithmetic.num(node.right, scope);
    const fast = addLeft && addRight ? fastCompare(node.op, addLeft, addRight) : undefined;
    return (env) => {
      if (!env.detailed) {
        return fast?.(env) ?? compareValues(node, left(env), right(env)).truth;
      }
      const outer = env.track;
      env.track = [];
      const l = left(env);
      const leftCells = env.track;
      env.track = [];
      const r = right(env);
      const rightCells = env.track;
      env.track = outer;
      outer?.push(...leftCells, ...rightCells);
      const { truth, difference } = compareValues(node, l, r);
      return {
        ...truth,
        detail: {
          type: 'compare',
          node,
          negated: false,
          left: l,
          right: r,
          difference,
          leftCells,
          rightCells,
        },
      };
    };
  }

  private predicate(node: A.PredicateNode, scope: Scope): BoolFn {
    const arg = node.arg;
    if (arg.type === 'Table') {
      if (node.name !== 'ALLZERO' && node.name !== 'BLANK' && node.name !== 'HAS_STATEMENT') {
        this.ctx.fail(`${node.name} 须用于单元格，如 ${node.name}(${arg.table}[L1])`, arg.loc);
      }
      this.ctx.useTable(arg.table, arg.prior, arg.loc);
      const tableId = arg.table;
      const prior = arg.prior;
      const test = node.name === 'ALLZERO' ? isZeroCell : isBlankCell;
      return (env) => {
        const table = lookupTable(env, tableId, prior);
        const holds =
          node.name === 'HAS_STATEMENT'
            ? Boolean(table.view.emptyStatement?.trim())
            : table.rows.every((h) => everyCell(h.row, test));
        return predicateTruth(
          holds,
          env.detailed ? { type: 'predicate', node, negated: false, cells: [], table } : undefined,
        );
      };
    }
    const name = node.name;
    if (name === 'HAS_STATEMENT') {
      this.ctx.fail('HAS_STATEMENT 须用于整张表，如 HAS_STATEMENT(T07)', arg.loc);
      return () => ({ nominal: false, possible: false, certain: false });
    }
    const ref = this.refs.refCells(arg, scope, 'set');
    const slots = slotsOf(ref);
    const { test, needsCells } = PREDICATES[name];
    const one = ref.one;
    return (env) => {
      if (!env.detailed) {
        // Cell by cell, without slots; every cell is still resolved, as slots would be.
        // A reference to one row is read without a list of rows.
        const rows = one ? undefined : ref.rows(env);
        let count = 0;
        let all = true;
        for (let i = 0, n = rows ? rows.length : 1; i < n; i++) {
          const row = rows ? rows[i]! : one!(env);
          for (const column of ref.columns(env, row)) {
            count++;
            if (!test(row, row.missing || !column ? undefined : row.row.cells[column.key])) all = false;
          }
        }
        return predicateTruth(all && (count > 0 || !needsCells), undefined);
      }
      const cells = slots(env);
      const holds = cells.every((c) => test(c.row, c.cell)) && (cells.length > 0 || !needsCells);
      return predicateTruth(holds, {
        type: 'predicate',
        node,
        negated: false,
        cells,
        ...(cells[0] ? { table: cells[0].table } : {}),
      });
    };
  }

  private rowIs(node: A.RowIsNode, scope: Scope): BoolFn {
    const info = scope.get(node.variable);
    if (!info) this.ctx.fail(`未声明的变量 ${node.variable}`, node.loc);
    else if (info.kind !== 'row') this.ctx.fail(`${node.variable} 是栏变量，不能判断行的种类`, node.loc);
    const level = ROW_KIND_LEVEL[node.kind];
    const test = (row: RowRef): boolean => {
      if (row.missing) return false;
      const view = row.row;
      if (level) return view.level === level;
      switch (node.kind) {
        case 'CODE':
          return view.code !== undefined;
        case 'PARENT':
          return childrenOf(row).length > 0;
        case 'LEAF':
          return view.code !== undefined && childrenOf(row).length === 0;
        case 'BLANK':
          return view.blank === true;
        case 'TOTAL':
          return isTotalRow(view);
        default:
          return false;
      }
    };
    return (env) => {
      const bound = env.vars.get(node.variable);
      if (bound?.kind !== 'row') throw new RuleEvalError(`变量 ${node.variable} 未绑定到行`);
      const holds = test(bound.row) !== node.negated;
      return predicateTruth(
        holds,
        env.detailed
          ? { type: 'predicate', node, negated: false, cells: [], table: bound.row.table, row: bound.row }
          : undefined,
      );
    };
  }
}

function isZeroCell(cell: CellView): boolean {
  return cell.na === true || cell.value === undefined || cell.value === 0n;
}

function isBlankCell(cell: CellView): boolean {
  return cell.na === true || cell.value === undefined;
}

/** Each predicate as a test of every cell named (with its row), and whether it needs any cell at all. */
const PREDICATES: Record<
  Exclude<A.PredicateName, 'HAS_STATEMENT'>,
  { test: (row: RowRef, cell: CellView | undefined) => boolean; needsCells: boolean }
> = {
  PRESENT: {
    test: (_row, cell) => cell !== undefined && !cell.na && cell.value !== undefined,
    needsCells: true,
  },
  NA: { test: (_row, cell) => cell?.na === true, needsCells: true },
  EXISTS: { test: (row) => !row.missing, needsCells: true },
  ALLZERO: { test: (_row, cell) => !cell || isZeroCell(cell), needsCells: false },
  BLANK: { test: (_row, cell) => !cell || isBlankCell(cell), needsCells: false },
};

/** Whether `test` holds for every cell of the row. */
function everyCell(row: RowView, test: (cell: CellView) => boolean): boolean {
  for (const key in row.cells) if (!test(row.cells[key]!)) return false;
  return true;
}

function compareValues(node: A.CompareNode, left: Val, right: Val) {
  return arithmetic(() => compare(node.op, left, right));
}
