/**
 * Checks a parsed 审核公式 and compiles it into closures over the table views. Nothing is built
 * from text at run time (no eval, no Function): every node becomes an ordinary function chosen by
 * its type.
 *
 * Checks made here, before any data is seen: variables are declared before use and used as what
 * they are (rows or columns); a reference to many cells appears only where many are allowed
 * (SUM, MIN, MAX, predicates); and, when the profile's table definitions are given, every table,
 * 行次, row key, label and column named exists, and a column is left out only where the row has
 * a single one.
 */

import type { ColumnDef, TableDef } from '../profile';
import { type CellView, NOT_APPLICABLE, type RowView } from '../views';
import type * as A from './ast';
import { type FormulaError, parseFormula } from './parse';
import { findShapeColumn, type ShapeRow, type ShapeSection, type TableShape, tableShapes } from './shape';
import {
  applicableColumns,
  type CellSlot,
  cellAddress,
  childrenOf,
  describeCell,
  isTotalRow,
  joinRow,
  NO_ROWS,
  type RowRef,
  rowAtLine,
  rowBinding,
  rowsLabelled,
  rowWithCode,
  rowWithKey,
  type SectionIndex,
  sectionForMissing,
  type TableIndex,
  tableBindings,
} from './tables';
import {
  absolute,
  compare,
  compareSum,
  dividedBy,
  exact,
  maximum,
  minimum,
  minus,
  negate,
  parseDecimal,
  plus,
  printed,
  rat,
  type Truth3,
  times,
  truth3,
  type Val,
  ValueError,
  type ValueKind,
  ZERO,
} from './value';

/** A mistake of the rule's author found while evaluating (a — cell in a sum, a 行次 the table lacks). */
export class RuleEvalError extends Error {}

export interface ColumnHandle {
  /** Resolve by 栏次 (the domain named 栏次) or by key. */
  by: 'no' | 'key';
  no?: number;
  key?: string;
  label?: string;
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
type SlotsFn = (env: Env) => CellSlot[];
type RowsFn = (env: Env) => readonly RowRef[];
type ColumnsFn = (env: Env, row: RowRef) => readonly (ColumnDef | undefined)[];

/** The rows and, for each row, the columns a reference reads: its cells, row by row. */
interface RefCells {
  rows: RowsFn;
  /** The row, for a reference to one row: the same as `rows` without an array. */
  one?: (env: Env) => RowRef;
  columns: ColumnsFn;
}

/**
 * The fast path of a comparison. Where both sides are built only of references, integer
 * constants, +, − and SUM, every value is an integer (分 or a count) with a symmetric interval, so
 * a side is summed straight from the cells into `nom` ± `width` without building values (see
 * `compareSum`). The fast path gives up (`bail`) wherever the rule could fail — a — cell, figures
 * of different kinds, a reference to other than one cell — and the comparison is then evaluated
 * the ordinary way, which says what went wrong.
 */
interface Sum {
  nom: bigint;
  width: bigint;
  /** The kind of the terms that are not an exact zero (an exact zero adds to any kind). */
  kind: ValueKind | undefined;
  bail: boolean;
}

/** Adds the value (subtracts it when `negative`) to the sum. */
type AddFn = (env: Env, sum: Sum, negative: boolean) => void;

/** An arithmetic node: its value, and the fast form where it has one. */
interface CompiledNum {
  value: NumFn;
  add: AddFn | undefined;
}
type StatementFn = (env: Env, sink: Sink) => void;

export interface Sink {
  /** One assertion evaluated for one binding of the variables. */
  result(node: A.AssertNode, expr: BoolFn, env: Env, truth: Truth): void;
  /** The rule could not be evaluated for this binding. */
  error(message: string, loc: A.Loc, env: Env): void;
}

export interface CompiledFormula {
  source: string;
  ast: A.FormulaNode;
  /** Tables of this year and of last year the formula names. */
  tables: string[];
  priorTables: string[];
  usesPrior: boolean;
  /** FOR variables, usable as {name} in message templates. */
  variables: string[];
  execute(env: Env, sink: Sink): void;
}

export interface CompileOptions {
  /** The profile's table definitions: unknown tables, rows and columns become compile errors. */
  tables?: readonly TableDef[] | ReadonlyMap<string, TableShape>;
}

export type CompileResult = { ok: true; formula: CompiledFormula } | { ok: false; errors: FormulaError[] };

export function compileFormula(source: string, options: CompileOptions = {}): CompileResult {
  const parsed = parseFormula(source);
  if (!parsed.ok) return { ok: false, errors: [parsed.error] };
  const shapes =
    options.tables === undefined
      ? undefined
      : options.tables instanceof Map
        ? options.tables
        : tableShapes(options.tables as readonly TableDef[]);
  const compiler = new Compiler(shapes);
  const statements = parsed.ast.statements.map((s) => compiler.statement(s, new Map()));
  if (compiler.errors.length) return { ok: false, errors: compiler.errors };
  return {
    ok: true,
    formula: {
      source,
      ast: parsed.ast,
      tables: [...compiler.tables],
      priorTables: [...compiler.priorTables],
      usesPrior: compiler.usesPrior,
      variables: [...compiler.variables],
      execute(env, sink) {
        for (const statement of statements) statement(env, sink);
      },
    },
  };
}

type VarInfo =
  | { kind: 'row'; table?: string; prior: boolean }
  | { kind: 'column'; table?: string; refs?: { no?: number; key?: string }[] };
type Scope = ReadonlyMap<string, VarInfo>;
type Context = 'scalar' | 'set';

const ROW_KIND_LEVEL: Partial<Record<A.RowKind, string>> = { 类: '类', 款: '款', 项: '项' };
const EXACT_ZERO: Val = exact('number', ZERO);

class Compiler {
  readonly errors: FormulaError[] = [];
  readonly tables = new Set<string>();
  readonly priorTables = new Set<string>();
  readonly variables = new Set<string>();
  usesPrior = false;
  private readonly reservedNames: Set<string>;

  constructor(private readonly shapes: ReadonlyMap<string, TableShape> | undefined) {
    this.reservedNames = new Set();
    for (const shape of shapes?.values() ?? []) {
      for (const row of shape.rows) this.reservedNames.add(row.key);
      for (const section of shape.sections)
        for (const column of section.columns) this.reservedNames.add(column.key);
    }
  }

  private fail(message: string, loc: A.Loc): void {
    this.errors.push({ message, line: loc.line, column: loc.column, offset: loc.start });
  }

  // ---- statements ------------------------------------------------------------------------------

  statement(node: A.StatementNode, scope: Scope): StatementFn {
    switch (node.type) {
      case 'Assert': {
        const expr = this.bool(node.expr, scope);
        return (env, sink) => {
          let truth: Truth;
          try {
            truth = expr(env);
          } catch (error) {
            sink.error(evalMessage(error), node.loc, env);
            return;
          }
          sink.result(node, expr, env, truth);
        };
      }
      case 'If': {
        const condition = this.bool(node.condition, scope);
        const body = node.body.map((s) => this.statement(s, scope));
        return (env, sink) => {
          let holds: boolean;
          try {
            holds = condition(env).nominal;
          } catch (error) {
            sink.error(evalMessage(error), node.condition.loc, env);
            return;
          }
          if (holds) for (const statement of body) statement(env, sink);
        };
      }
      case 'For':
        return this.forStatement(node, scope);
    }
  }

  private forStatement(node: A.ForNode, outer: Scope): StatementFn {
    const bindings: { name: string; domain: (env: Env) => readonly Bound[]; where?: BoolFn; loc: A.Loc }[] =
      [];
    let scope = outer;
    for (const binding of node.bindings) {
      if (scope.has(binding.name)) this.fail(`变量 ${binding.name} 已声明过，请换一个名字`, binding.loc);
      if (this.reservedNames.has(binding.name)) {
        this.fail(`变量名 ${binding.name} 与口径中的行键或栏键重名，请换一个名字（如 r、k、c）`, binding.loc);
      }
      this.variables.add(binding.name);
      const { domain, info } = this.domain(binding.domain, scope);
      const inner = new Map(scope);
      inner.set(binding.name, info);
      scope = inner;
      const where = binding.where ? this.bool(binding.where, scope) : undefined;
      bindings.push({ name: binding.name, domain, ...(where ? { where } : {}), loc: binding.loc });
    }
    const body = node.body.map((s) => this.statement(s, scope));
    const loop = (i: number, env: Env, sink: Sink): void => {
      const binding = bindings[i];
      if (!binding) {
        for (const statement of body) statement(env, sink);
        return;
      }
      let values: readonly Bound[];
      try {
        values = binding.domain(env);
      } catch (error) {
        sink.error(evalMessage(error), binding.loc, env);
        return;
      }
      for (const value of values) {
        env.vars.set(binding.name, value);
        if (binding.where) {
          let holds: boolean;
          try {
            holds = binding.where(env).nominal;
          } catch (error) {
            sink.error(evalMessage(error), binding.loc, env);
            continue;
          }
          if (!holds) continue;
        }
        loop(i + 1, env, sink);
      }
      env.vars.delete(binding.name);
    };
    return (env, sink) => loop(0, env, sink);
  }

  private domain(
    node: A.DomainNode,
    scope: Scope,
  ): { domain: (env: Env) => readonly Bound[]; info: VarInfo } {
    if (node.type === 'ColumnDomain') return this.columnDomain(node);
    if (node.table !== undefined) {
      const tableId = node.table;
      const prior = node.prior;
      this.useTable(tableId, prior, node.loc);
      const shape = this.shape(tableId);
      const rows = node.rows ? this.rowSelection(node.rows, tableId, shape, scope) : undefined;
      const info: VarInfo = { kind: 'row', table: tableId, prior };
      return {
        info,
        domain: (env) => {
          const table = lookupTable(env, tableId, prior);
          if (!rows) return tableBindings(table);
          const bound: Bound[] = [];
          for (const row of rows(env, table)) if (!row.missing) bound.push(rowBinding(row));
          return bound;
        },
      };
    }
    // CHILDREN(…)
    const rows = node.rows;
    if (rows?.type !== 'Children') throw new Error('unreachable: row domain without table');
    const of = this.childrenOf(rows, scope);
    return {
      info: { kind: 'row', ...(of.tableId !== undefined ? { table: of.tableId } : {}), prior: of.prior },
      domain: (env) => of.rows(env).map((row) => (row.missing ? { kind: 'row', row } : rowBinding(row))),
    };
  }

  private columnDomain(node: A.ColumnDomainNode): { domain: (env: Env) => readonly Bound[]; info: VarInfo } {
    const tableId = node.table;
    if (tableId !== undefined) this.useTable(tableId, false, node.loc);
    const shape = tableId !== undefined ? this.shape(tableId) : undefined;
    const columns = shape ? uniqueColumns(shape.sections.flatMap((s) => s.columns)) : undefined;
    let handles: ColumnHandle[] | undefined;
    if (!node.columns) {
      handles = columns?.map((c) => columnHandle(c, 'key'));
    } else {
      handles = [];
      for (const item of node.columns.items) {
        if (item.type === 'ColumnRange') {
          if (item.from > item.to) this.fail(`栏次范围 C${item.from}:C${item.to} 应由小到大`, item.loc);
          if (columns) {
            const inRange = columns.filter((c) => c.no !== undefined && c.no >= item.from && c.no <= item.to);
            if (!inRange.length) this.fail(`${tableId} 没有第 ${item.from}–${item.to} 栏`, item.loc);
            handles.push(...inRange.sort((a, b) => a.no! - b.no!).map((c) => columnHandle(c, 'no')));
          } else {
            for (let no = item.from; no <= item.to; no++) handles.push({ by: 'no', no });
          }
        } else if (item.type === 'ColumnNo') {
          const column = columns?.find((c) => c.no === item.no);
          if (columns && !column) this.fail(`${tableId} 没有第 ${item.no} 栏`, item.loc);
          handles.push(column ? columnHandle(column, 'no') : { by: 'no', no: item.no });
        } else {
          const column = columns?.find((c) => c.key === item.name);
          if (columns && !column) this.fail(`${tableId} 没有栏 ${item.name}`, item.loc);
          handles.push(column ? columnHandle(column, 'key') : { by: 'key', key: item.name });
        }
      }
    }
    const refs = handles?.map((h) => (h.by === 'no' ? { no: h.no! } : { key: h.key! }));
    const info: VarInfo = {
      kind: 'column',
      ...(tableId !== undefined ? { table: tableId } : {}),
      ...(refs ? { refs } : {}),
    };
    if (handles) {
      const fixed = handles.map((column): Bound => ({ kind: 'column', column }));
      return { info, domain: () => fixed };
    }
    // COLUMNS(T) without the profile: the table's columns as the views have them.
    return {
      info,
      domain: (env) => {
        const table = lookupTable(env, tableId!, false);
        return uniqueColumns(table.sections.flatMap((s) => s.view.columns)).map((c) => ({
          kind: 'column',
          column: columnHandle(c, 'key'),
        }));
      },
    };
  }

  // ---- conditions ------------------------------------------------------------------------------

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
    const { value: left, add: addLeft } = this.num(node.left, scope);
    const { value: right, add: addRight } = this.num(node.right, scope);
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
        this.fail(`${node.name} 须用于单元格，如 ${node.name}(${arg.table}[L1])`, arg.loc);
      }
      this.useTable(arg.table, arg.prior, arg.loc);
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
      this.fail('HAS_STATEMENT 须用于整张表，如 HAS_STATEMENT(T07)', arg.loc);
      return () => ({ nominal: false, possible: false, certain: false });
    }
    const ref = this.refCells(arg, scope, 'set');
    const slots = slotsOf(ref);
    const { test, needsCells } = PREDICATES[name];
    return (env) => {
      if (!env.detailed) {
        // Cell by cell, without slots; every cell is still resolved, as slots would be.
        let count = 0;
        let all = true;
        for (const row of ref.rows(env)) {
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
    if (!info) this.fail(`未声明的变量 ${node.variable}`, node.loc);
    else if (info.kind !== 'row') this.fail(`${node.variable} 是栏变量，不能判断行的种类`, node.loc);
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

  // ---- arithmetic ------------------------------------------------------------------------------

  num(node: A.NumNode, scope: Scope): CompiledNum {
    switch (node.type) {
      case 'Number': {
        const value = numberValue(node);
        const { n, d } = value.nom;
        // An integer constant (100万元, 5000元, 0) adds in the fast path; 50% or 0.005元 does not.
        const integer = n % d === 0n ? n / d : undefined;
        return {
          value: () => value,
          add:
            integer === undefined
              ? undefined
              : (_env, sum, negative) => addTerm(sum, value.kind, integer, 0n, negative),
        };
      }
      case 'Neg': {
        const inner = this.num(node.expr, scope);
        const add = inner.add;
        return {
          value: (env) => negate(inner.value(env)),
          add: add && ((env, sum, negative) => add(env, sum, !negative)),
        };
      }
      case 'Binary': {
        const left = this.num(node.left, scope);
        const right = this.num(node.right, scope);
        const op = { '+': plus, '-': minus, '*': times, '/': dividedBy }[node.op];
        const { add: addLeft, value: leftValue } = left;
        const { add: addRight, value: rightValue } = right;
        const subtract = node.op === '-';
        return {
          value: (env) => arithmetic(() => op(leftValue(env), rightValue(env))),
          add:
            addLeft && addRight && (node.op === '+' || subtract)
              ? (env, sum, negative) => {
                  addLeft(env, sum, negative);
                  addRight(env, sum, negative !== subtract);
                }
              : undefined,
        };
      }
      case 'Call':
        return this.call(node, scope);
      case 'Ref': {
        const ref = this.refCells(node, scope, 'scalar');
        const slots = slotsOf(ref);
        const { one, columns } = ref;
        return {
          value: (env) => {
            const cells = slots(env);
            if (cells.length !== 1)
              throw new RuleEvalError(`${renderRef(node)} 指 ${cells.length} 个单元格，应为一个`);
            return slotValue(cells[0]!);
          },
          // A scalar reference names one row (more is a compile error, hence no `one`).
          add:
            one &&
            ((env, sum, negative) => {
              const row = one(env);
              const rowColumns = columns(env, row);
              // Not exactly one cell: the ordinary evaluation reports it.
              if (rowColumns.length === 1) addCell(sum, row, rowColumns[0], negative);
              else sum.bail = true;
            }),
        };
      }
    }
  }

  private call(node: A.CallNode, scope: Scope): CompiledNum {
    if (node.fn === 'ABS') {
      if (node.args.length !== 1) this.fail('ABS 只接受一个参数', node.loc);
      const inner = this.num(node.args[0]!, scope).value;
      return { value: (env) => absolute(inner(env)), add: undefined };
    }
    const args = node.args.map((arg): { values: (env: Env) => Val[]; add: AddFn | undefined } => {
      if (arg.type === 'Ref') {
        const ref = this.refCells(arg, scope, 'set');
        const slots = slotsOf(ref);
        return {
          values: (env) => slots(env).map(slotValue),
          add: (env, sum, negative) => {
            for (const row of ref.rows(env)) {
              for (const column of ref.columns(env, row)) addCell(sum, row, column, negative);
            }
          },
        };
      }
      const { value, add } = this.num(arg, scope);
      return { values: (env) => [value(env)], add };
    });
    const collect = (env: Env): Val[] => args.flatMap((a) => a.values(env));
    if (node.fn === 'SUM') {
      const adds = args.every((a) => a.add) ? args.map((a) => a.add!) : undefined;
      return {
        value: (env) => arithmetic(() => collect(env).reduce(plus, EXACT_ZERO)),
        add:
          adds &&
          ((env, sum, negative) => {
            for (const add of adds) add(env, sum, negative);
          }),
      };
    }
    const reduce = node.fn === 'MIN' ? minimum : maximum;
    return {
      value: (env) => {
        const values = collect(env);
        if (!values.length) throw new RuleEvalError(`${node.fn} 没有可取的值`);
        return arithmetic(() => reduce(values));
      },
      add: undefined,
    };
  }

  // ---- references ------------------------------------------------------------------------------

  /** The cells a reference names, in row then column order. */
  private refCells(node: A.RefNode, scope: Scope, context: Context): RefCells {
    const target = this.refTarget(node, scope);
    const rowsAreSet = isRowSet(node.rows);
    const columnsAreSet = node.columns !== undefined && isColumnSet(node.columns);
    if (context === 'scalar' && (rowsAreSet || columnsAreSet)) {
      this.fail(`${renderRef(node)} 指多个单元格，只能用在 SUM、MIN、MAX 或 PRESENT 等判断中`, node.loc);
    }
    const columns = this.columnSelection(node, target.tableId, target.shapeRows, scope, context);
    return { rows: target.rows, ...(target.one ? { one: target.one } : {}), columns };
  }

  /** Which table and rows a reference points at; statically where possible. */
  private refTarget(
    node: A.RefNode,
    scope: Scope,
  ): {
    tableId?: string;
    prior: boolean;
    rows: RowsFn;
    one?: (env: Env) => RowRef;
    shapeRows?: ShapeRow[] | 'code' | 'any';
  } {
    if (node.rows.type === 'Children') {
      const of = this.childrenOf(node.rows, scope);
      if (node.prior) this.fail('上年. 请写在 CHILDREN 的参数里，如 CHILDREN(上年.T02[210])', node.loc);
      return {
        ...(of.tableId !== undefined ? { tableId: of.tableId } : {}),
        prior: of.prior,
        rows: of.rows,
        shapeRows: 'any',
      };
    }
    if (node.table !== undefined) {
      const tableId = node.table;
      const prior = node.prior;
      this.useTable(tableId, prior, node.loc);
      const shape = this.shape(tableId);
      const select = this.rowSelection(node.rows, tableId, shape, scope);
      const rows: RowsFn = (env) => select(env, lookupTable(env, tableId, prior));
      return {
        tableId,
        prior,
        rows,
        ...(isRowSet(node.rows) ? {} : { one: (env: Env) => rows(env)[0]! }),
        shapeRows: shape ? this.shapeRows(node.rows, shape, scope) : 'any',
      };
    }
    // A variable's own row: `r`, `r.C1`, `上年.r`.
    const item = node.rows.items[0];
    const name = item?.type === 'Name' ? item.name : '';
    const info = scope.get(name);
    if (!info) this.fail(`未声明的变量 ${name}（行变量须先用 FOR ${name} IN … 声明）`, node.loc);
    else if (info.kind !== 'row')
      this.fail(`${name} 是栏变量，应写在「.」之后，如 T02[total].${name}`, node.loc);
    const rowInfo = info?.kind === 'row' ? info : undefined;
    const prior = node.prior || (rowInfo?.prior ?? false);
    if (rowInfo?.table !== undefined) this.useTable(rowInfo.table, prior, node.loc);
    else if (node.prior) this.usesPrior = true;
    const explicitPrior = node.prior;
    const one = (env: Env): RowRef => {
      const row = boundRow(env, name);
      if (!explicitPrior || row.table.prior) return row;
      return joinRow(lookupTable(env, row.table.id, true), row);
    };
    return {
      ...(rowInfo?.table !== undefined ? { tableId: rowInfo.table } : {}),
      prior,
      shapeRows: 'any',
      rows: (env) => [one(env)],
      one,
    };
  }

  private childrenOf(node: A.ChildrenNode, scope: Scope): { tableId?: string; prior: boolean; rows: RowsFn } {
    const of = node.of;
    if (of.columns) this.fail('CHILDREN 的参数是一行，不写栏，如 CHILDREN(r).C1', of.loc);
    if (isRowSet(of.rows)) this.fail('CHILDREN 的参数须是一行', of.loc);
    const target = this.refTarget(of, scope);
    const one = target.one;
    return {
      ...(target.tableId !== undefined ? { tableId: target.tableId } : {}),
      prior: target.prior,
      rows: one
        ? (env) => {
            const row = one(env);
            return row.missing ? NO_ROWS : childrenOf(row);
          }
        : (env) => target.rows(env).flatMap((row) => (row.missing ? [] : childrenOf(row))),
    };
  }

  /** Rows of a `[…]` selection, resolved at run time against the table given. */
  private rowSelection(
    node: A.RowSelNode,
    tableId: string,
    shape: TableShape | undefined,
    scope: Scope,
  ): (env: Env, table: TableIndex) => readonly RowRef[] {
    if (node.type === 'Children') {
      const of = this.childrenOf(node, scope);
      return (env) => of.rows(env);
    }
    const items = node.items.map((item) => this.rowItem(item, tableId, shape, scope));
    if (items.length === 1) return items[0]!;
    return (env, table) => items.flatMap((item) => item(env, table));
  }

  private rowItem(
    item: A.RowItemNode,
    tableId: string,
    shape: TableShape | undefined,
    scope: Scope,
  ): (env: Env, table: TableIndex) => readonly RowRef[] {
    if (item.type === 'RowRange') {
      for (const end of [item.from, item.to]) {
        if (end.type === 'Name' && scope.has(end.name))
          this.fail('行范围的两端须是具体的行，不能是变量', end.loc);
      }
      if (shape) {
        const from = this.shapeRow(item.from, shape);
        const to = this.shapeRow(item.to, shape);
        if (from && to) {
          if (from.section !== to.section) this.fail(`${tableId} 的行范围跨越了收支两部分`, item.loc);
          else if (from.order > to.order) this.fail(`${tableId} 的行范围应由前到后`, item.loc);
        }
      }
      const from = this.rowAtom(item.from, scope);
      const to = this.rowAtom(item.to, scope);
      // The ends are fixed rows (not variables), so the range depends on the table alone.
      return perTable((env, table) => {
        const a = from(env, table);
        const b = to(env, table);
        if (a.missing || b.missing)
          throw new RuleEvalError(`${table.id} 没有行范围 ${renderRowItem(item)} 的端点行`);
        if (a.section !== b.section)
          throw new RuleEvalError(`${table.id} 的行范围 ${renderRowItem(item)} 跨越了收支两部分`);
        const start = Math.min(a.index, b.index);
        const end = Math.max(a.index, b.index);
        return table.rows.slice(start, end + 1);
      });
    }
    if (shape) this.shapeRow(item, shape);
    else if (item.type === 'Name') {
      const info = scope.get(item.name);
      if (info?.kind === 'column') this.fail(`${item.name} 是栏变量，不能放在行的位置`, item.loc);
    }
    const atom = this.rowAtom(item, scope);
    // A row variable's row changes with its binding; any other row depends on the table alone.
    if (item.type === 'Name' && scope.get(item.name)?.kind === 'row')
      return (env, table) => [atom(env, table)];
    return perTable((env, table) => [atom(env, table)]);
  }

  private rowAtom(atom: A.RowAtomNode, scope: Scope): (env: Env, table: TableIndex) => RowRef {
    switch (atom.type) {
      case 'Line':
        return (_env, table) => {
          const row = rowAtLine(table, atom.line);
          if (!row) throw new RuleEvalError(`${table.id} 没有第 ${atom.line} 行`);
          return row;
        };
      case 'Code':
        return (_env, table) => rowWithCode(table, atom.code) ?? { table, missing: true, code: atom.code };
      case 'Label':
        return (_env, table) => {
          const rows = rowsLabelled(table, atom.label.trim());
          if (rows.length === 1) return rows[0]!;
          if (!rows.length) throw new RuleEvalError(`${table.id} 没有名为「${atom.label}」的行`);
          throw new RuleEvalError(`${table.id} 有 ${rows.length} 行名为「${atom.label}」，请改用行次或行键`);
        };
      case 'Name': {
        const name = atom.name;
        if (scope.get(name)?.kind === 'row') {
          return (env, table) => joinRow(table, boundRow(env, name));
        }
        return (_env, table) => {
          const row = rowWithKey(table, name);
          if (!row) throw new RuleEvalError(`${table.id} 没有行键 ${name}`);
          return row;
        };
      }
    }
  }

  /** Checks a row item against the profile; returns the fixed row when there is exactly one. */
  private shapeRow(atom: A.RowAtomNode, shape: TableShape): ShapeRow | undefined {
    switch (atom.type) {
      case 'Line': {
        const row = shape.byLine.get(atom.line);
        if (!row) this.fail(`${shape.id} 没有第 ${atom.line} 行`, atom.loc);
        return row;
      }
      case 'Code': {
        const row = shape.byCode.get(atom.code);
        if (row) return row;
        if (!shape.sections.some((s) => s.codeRows))
          this.fail(`${shape.id} 没有科目 ${atom.code} 的行`, atom.loc);
        else if (!/^\d{3}(\d{2}){0,2}$/.test(atom.code)) {
          this.fail(`${atom.code} 不是科目编码（类 3 位、款 5 位、项 7 位）`, atom.loc);
        }
        return undefined;
      }
      case 'Label': {
        const rows = shape.byLabel.get(atom.label.trim()) ?? [];
        if (rows.length > 1)
          this.fail(`${shape.id} 有 ${rows.length} 行名为「${atom.label}」，请改用行次或行键`, atom.loc);
        if (!rows.length && !shape.sections.some((s) => s.codeRows)) {
          this.fail(`${shape.id} 没有名为「${atom.label}」的行`, atom.loc);
        }
        return rows.length === 1 ? rows[0] : undefined;
      }
      case 'Name': {
        // Variables are checked where they are declared; here only keys.
        const row = shape.byKey.get(atom.name);
        return row;
      }
    }
  }

  /** Fixed rows a `[…]` names, 'code' for code rows from the package, 'any' when variables decide. */
  private shapeRows(node: A.RowSelNode, shape: TableShape, scope: Scope): ShapeRow[] | 'code' | 'any' {
    if (node.type === 'Children') return 'any';
    const rows: ShapeRow[] = [];
    for (const item of node.items) {
      if (item.type === 'RowRange') {
        const from = this.quietShapeRow(item.from, shape);
        const to = this.quietShapeRow(item.to, shape);
        if (!from || !to) return 'any';
        rows.push(...shape.rows.slice(Math.min(from.order, to.order), Math.max(from.order, to.order) + 1));
        continue;
      }
      if (item.type === 'Name' && scope.has(item.name)) return 'any';
      if (item.type === 'Name' && !shape.byKey.has(item.name)) {
        this.fail(
          `${shape.id} 没有行键 ${item.name}（若 ${item.name} 是变量，须先用 FOR ${item.name} IN … 声明）`,
          item.loc,
        );
        return 'any';
      }
      const row = this.quietShapeRow(item, shape);
      if (!row) return item.type === 'Code' ? 'code' : 'any';
      rows.push(row);
    }
    return rows;
  }

  private quietShapeRow(atom: A.RowAtomNode, shape: TableShape): ShapeRow | undefined {
    switch (atom.type) {
      case 'Line':
        return shape.byLine.get(atom.line);
      case 'Code':
        return shape.byCode.get(atom.code);
      case 'Label': {
        const rows = shape.byLabel.get(atom.label.trim());
        return rows?.length === 1 ? rows[0] : undefined;
      }
      case 'Name':
        return shape.byKey.get(atom.name);
    }
  }

  /** The columns of each row a reference reads. */
  private columnSelection(
    node: A.RefNode,
    tableId: string | undefined,
    shapeRows: ShapeRow[] | 'code' | 'any' | undefined,
    scope: Scope,
    context: Context,
  ): ColumnsFn {
    const shape = tableId !== undefined ? this.shape(tableId) : undefined;
    if (!node.columns) {
      if (context === 'scalar' && shape && Array.isArray(shapeRows) && shapeRows.length === 1) {
        const row = shapeRows[0]!;
        if (row.section.columns.length > 1 && row.applicable.length !== 1) {
          const example =
            row.section.columns.find((c) => row.applicable.includes(c.key)) ?? row.section.columns[0]!;
          this.fail(
            `${tableId} ${row.line !== undefined ? `第 ${row.line} 行` : `行「${row.label ?? row.key}」`}有 ${row.section.columns.length} 栏，须写明栏，如 ${renderRef(node)}.${example.no !== undefined ? `C${example.no}` : example.key}`,
            node.loc,
          );
        }
      }
      return context === 'scalar' ? (_env, row) => singleColumn(row) : (_env, row) => allColumns(row);
    }
    const sections = this.shapeSections(shape, shapeRows);
    const items = node.columns.items.map((item) => this.columnItem(item, tableId, sections, scope));
    const only = items.length === 1 ? items[0] : undefined;
    return (env, row) => {
      const section = row.missing ? sectionForMissing(row.table) : row.section;
      if (!section) return NO_COLUMN;
      return only ? only(env, section, row) : items.flatMap((item) => item(env, section, row));
    };
  }

  private shapeSections(
    shape: TableShape | undefined,
    rows: ShapeRow[] | 'code' | 'any' | undefined,
  ): { sections: ShapeSection[]; every: boolean } | undefined {
    if (!shape) return undefined;
    if (rows === 'code') return { sections: shape.sections.filter((s) => s.codeRows), every: true };
    if (rows === 'any' || rows === undefined) return { sections: shape.sections, every: false };
    return { sections: [...new Set(rows.map((r) => r.section))], every: true };
  }

  private columnItem(
    item: A.ColumnItemNode,
    tableId: string | undefined,
    sections: { sections: ShapeSection[]; every: boolean } | undefined,
    scope: Scope,
  ): (env: Env, section: SectionIndex, row: RowRef) => readonly ColumnDef[] {
    const check = (ref: { no?: number; key?: string }, what: string, loc: A.Loc) => {
      if (!sections?.sections.length) return;
      const found = sections.sections.filter((s) => findShapeColumn(s, ref));
      if (sections.every ? found.length < sections.sections.length : found.length === 0) {
        const part =
          sections.every && this.shape(tableId ?? '')?.sections.length !== 1
            ? ` ${sections.sections.map((s) => s.key).join('、')} 部分`
            : ' ';
        this.fail(`${tableId}${part}没有${what}`, loc);
      }
    };
    if (item.type === 'ColumnRange') {
      if (item.from > item.to) this.fail(`栏次范围 C${item.from}:C${item.to} 应由小到大`, item.loc);
      check({ no: item.from }, `第 ${item.from} 栏`, item.loc);
      check({ no: item.to }, `第 ${item.to} 栏`, item.loc);
      return perSection((section, row) => {
        const columns = section.view.columns.filter(
          (c) => c.no !== undefined && c.no >= item.from && c.no <= item.to,
        );
        if (!columns.length)
          throw new RuleEvalError(`${describeWhere(row)} 没有第 ${item.from}–${item.to} 栏`);
        return columns;
      });
    }
    if (item.type === 'ColumnNo') {
      check({ no: item.no }, `第 ${item.no} 栏`, item.loc);
      return (_env, section, row) => {
        const column = section.byNo.get(item.no);
        if (!column) throw new RuleEvalError(`${describeWhere(row)} 没有第 ${item.no} 栏`);
        return alone(column);
      };
    }
    const name = item.name;
    const info = scope.get(name);
    if (info?.kind === 'row') this.fail(`${name} 是行变量，不能放在栏的位置`, item.loc);
    if (info?.kind === 'column') {
      for (const ref of info.refs ?? []) {
        check(
          ref,
          ref.no !== undefined ? `第 ${ref.no} 栏（来自变量 ${name}）` : `栏 ${ref.key}（来自变量 ${name}）`,
          item.loc,
        );
      }
      return (env, section, row) => alone(resolveColumnVariable(env, section, row, name));
    }
    check({ key: name }, `栏 ${name}`, item.loc);
    return (_env, section, row) => {
      const column = section.byKey.get(name);
      if (!column) throw new RuleEvalError(`${describeWhere(row)} 没有栏 ${name}`);
      return alone(column);
    };
  }

  private useTable(tableId: string, prior: boolean, loc: A.Loc): void {
    if (this.shapes && !this.shapes.has(tableId)) {
      this.fail(`未知的表 ${tableId}；口径中的表有 ${[...this.shapes.keys()].join('、')}`, loc);
    }
    (prior ? this.priorTables : this.tables).add(tableId);
    if (prior) this.usesPrior = true;
  }

  private shape(tableId: string): TableShape | undefined {
    return this.shapes?.get(tableId);
  }
}

// ---- run-time helpers ----------------------------------------------------------------------------

function resolveColumnVariable(env: Env, section: SectionIndex, row: RowRef, name: string): ColumnDef {
  const bound = env.vars.get(name);
  if (bound?.kind !== 'column') throw new RuleEvalError(`变量 ${name} 未绑定到栏`);
  const handle = bound.column;
  const column = handle.by === 'no' ? section.byNo.get(handle.no!) : section.byKey.get(handle.key!);
  if (!column) {
    throw new RuleEvalError(
      `${describeWhere(row)} 没有${handle.by === 'no' ? `第 ${handle.no} 栏` : `栏 ${handle.key}`}（变量 ${name}）`,
    );
  }
  return column;
}

export function lookupTable(env: Env, tableId: string, prior: boolean): TableIndex {
  const tables = prior ? env.state.prior : env.state.current;
  if (!tables) throw new RuleEvalError('未提供上年数据');
  const table = tables.get(tableId);
  if (!table) throw new RuleEvalError(`${prior ? '上年' : '本年'}报表中没有表 ${tableId}`);
  return table;
}

function boundRow(env: Env, name: string): RowRef {
  const bound = env.vars.get(name);
  if (bound?.kind !== 'row') throw new RuleEvalError(`变量 ${name} 未绑定到行`);
  return bound.row;
}

/** No column: a row of the table that is not there, or a blank printed line. */
const NO_COLUMN: readonly undefined[] = [undefined];

/**
 * The rows `resolve` gives for a table, worked out once per table: they depend on nothing else
 * (fixed rows, not variables), and a rule reads the same table for every binding of its loop.
 */
function perTable(
  resolve: (env: Env, table: TableIndex) => readonly RowRef[],
): (env: Env, table: TableIndex) => readonly RowRef[] {
  let lastTable: TableIndex | undefined;
  let lastRows: readonly RowRef[] = [];
  return (env, table) => {
    if (table !== lastTable) {
      lastRows = resolve(env, table);
      lastTable = table;
    }
    return lastRows;
  };
}

const singletons = new WeakMap<ColumnDef, readonly ColumnDef[]>();

/**
 * `[column]`, one array per column of the profile: a reference to one column is read for every
 * row of a loop, for every package.
 */
function alone(column: ColumnDef): readonly ColumnDef[] {
  let list = singletons.get(column);
  if (!list) {
    list = [column];
    singletons.set(column, list);
  }
  return list;
}

/** The columns `resolve` gives for a section, worked out once per section (see perTable). */
function perSection(
  resolve: (section: SectionIndex, row: RowRef) => readonly ColumnDef[],
): (env: Env, section: SectionIndex, row: RowRef) => readonly ColumnDef[] {
  let lastSection: SectionIndex | undefined;
  let lastColumns: readonly ColumnDef[] = [];
  return (_env, section, row) => {
    if (section !== lastSection) {
      lastColumns = resolve(section, row);
      lastSection = section;
    }
    return lastColumns;
  };
}

function singleColumn(row: RowRef): readonly (ColumnDef | undefined)[] {
  if (row.missing) {
    const section = sectionForMissing(row.table);
    return section?.view.columns.length === 1 ? section.view.columns : NO_COLUMN;
  }
  if (row.row.blank) return NO_COLUMN;
  const columns = applicableColumns(row);
  if (columns.length === 1) return columns;
  throw new RuleEvalError(`${describeWhere(row)} 有 ${row.section.view.columns.length} 栏，须写明栏次`);
}

function allColumns(row: RowRef): readonly (ColumnDef | undefined)[] {
  if (row.missing) return NO_COLUMN;
  return row.section.view.columns;
}

function describeWhere(row: RowRef): string {
  if (row.missing) return `${row.table.id}[${row.code ?? row.key ?? ''}]`;
  return `${row.table.id} ${row.row.line !== undefined ? `第 ${row.row.line} 行` : `「${row.row.code ?? ''}${row.row.code ? ' ' : ''}${row.row.label || row.row.key}」`}`;
}

/** The cells of a reference as slots (for values, predicates and findings); tracked while explaining. */
function slotsOf(ref: RefCells): SlotsFn {
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

function fastCompare(op: A.CompareOp, left: AddFn, right: AddFn): (env: Env) => Truth3 | undefined {
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
function addCell(sum: Sum, row: RowRef, column: ColumnDef | undefined, negative: boolean): void {
  const cell = row.missing || !column ? undefined : row.row.cells[column.key];
  if (!cell) return;
  if (cell.na) {
    sum.bail = true;
    return;
  }
  addTerm(sum, cell.kind, cell.value ?? 0n, cell.kind === 'count' ? 0n : row.table.halfStep, negative);
}

function addTerm(sum: Sum, kind: ValueKind, value: bigint, halfStep: bigint, negative: boolean): void {
  // An exact zero adds to a sum of any kind (see additiveKind in value.ts). When all other terms
  // are of one kind, no sum or difference of them can mix kinds; otherwise the ordinary
  // evaluation decides, term by term, whether the mix is allowed.
  if (value === 0n && halfStep === 0n) return;
  if (sum.kind === undefined) sum.kind = kind;
  else if (sum.kind !== kind) sum.bail = true;
  sum.nom = negative ? sum.nom - value : sum.nom + value;
  if (halfStep !== 0n) sum.width += halfStep;
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

/** `detail` only while explaining a finding. */
function predicateTruth(holds: boolean, detail: PredicateDetail | undefined): Truth {
  return withDetail(truth3(holds, holds, holds), detail);
}

function withDetail(truth: Truth3, detail: Detail | undefined): Truth {
  return detail ? { ...truth, detail } : truth;
}

function compareValues(node: A.CompareNode, left: Val, right: Val) {
  return arithmetic(() => compare(node.op, left, right));
}

function arithmetic<T>(fn: () => T): T {
  try {
    return fn();
  } catch (error) {
    if (error instanceof ValueError) throw new RuleEvalError(error.message);
    throw error;
  }
}

function evalMessage(error: unknown): string {
  if (error instanceof RuleEvalError) return error.message;
  throw error;
}

function and(a: Truth, b: Truth): Truth {
  const blame = !a.possible ? a : !b.possible ? b : !a.nominal ? a : b;
  return withDetail(
    truth3(a.nominal && b.nominal, a.possible && b.possible, a.certain && b.certain),
    blame.detail,
  );
}

function or(a: Truth, b: Truth): Truth {
  const blame = a.possible && !b.possible ? a : b.possible && !a.possible ? b : a;
  return withDetail(
    truth3(a.nominal || b.nominal, a.possible || b.possible, a.certain || b.certain),
    blame.detail,
  );
}

function iff(a: Truth, b: Truth): Truth {
  // The side that does not hold is the one to show.
  const blame = a.nominal ? b : a;
  return withDetail(
    truth3(
      a.nominal === b.nominal,
      (a.possible && b.possible) || (!a.certain && !b.certain),
      (a.certain && b.certain) || (!a.possible && !b.possible),
    ),
    blame.detail,
  );
}

function not(a: Truth): Truth {
  return withDetail(
    truth3(!a.nominal, !a.certain, !a.possible),
    a.detail && { ...a.detail, negated: !a.detail.negated },
  );
}

function numberValue(node: A.NumberNode): Val {
  const value = parseDecimal(node.text);
  switch (node.unit) {
    case '元':
      return exact('money', { n: value.n * 100n, d: value.d });
    case '万元':
      return exact('money', rat(value.n * 1_000_000n, value.d));
    case '%':
      return exact('number', rat(value.n, value.d * 100n));
    default:
      return exact('number', value);
  }
}

function isRowSet(rows: A.RowSelNode): boolean {
  return rows.type === 'Children' || rows.items.length > 1 || rows.items[0]?.type === 'RowRange';
}

function isColumnSet(columns: A.ColumnSelNode): boolean {
  return columns.items.length > 1 || columns.items[0]?.type === 'ColumnRange';
}

function columnHandle(column: ColumnDef, by: 'no' | 'key'): ColumnHandle {
  return {
    by: by === 'no' && column.no !== undefined ? 'no' : 'key',
    ...(column.no !== undefined ? { no: column.no } : {}),
    key: column.key,
    label: column.label,
  };
}

function uniqueColumns(columns: ColumnDef[]): ColumnDef[] {
  const seen = new Set<string>();
  return columns.filter((c) => {
    if (seen.has(c.key)) return false;
    seen.add(c.key);
    return true;
  });
}

// ---- rendering formulas back to text (for messages) --------------------------------------------

export function renderRef(node: A.RefNode, vars?: ReadonlyMap<string, Bound>): string {
  const prior = node.prior ? '上年.' : '';
  let base: string;
  if (node.rows.type === 'Children') base = `CHILDREN(${renderRef(node.rows.of, vars)})`;
  else if (node.table !== undefined)
    base = `${node.table}[${node.rows.items.map((i) => renderRowItem(i, vars)).join(', ')}]`;
  else {
    const item = node.rows.items[0];
    const name = item?.type === 'Name' ? item.name : '';
    const bound = vars?.get(name);
    base = bound?.kind === 'row' ? `${bound.row.table.id}[${rowText(bound.row)}]` : name;
  }
  const columns = node.columns ? `.${renderColumns(node.columns, vars)}` : '';
  return `${prior}${base}${columns}`;
}

function rowText(row: RowRef): string {
  if (row.missing) return row.code ?? row.key ?? '';
  return row.row.code ?? (row.row.line !== undefined ? `L${row.row.line}` : row.row.key);
}

export function renderRowItem(item: A.RowItemNode, vars?: ReadonlyMap<string, Bound>): string {
  if (item.type === 'RowRange') return `${renderRowItem(item.from, vars)}:${renderRowItem(item.to, vars)}`;
  switch (item.type) {
    case 'Line':
      return `L${item.line}`;
    case 'Code':
      return item.code;
    case 'Label':
      return `「${item.label}」`;
    case 'Name': {
      const bound = vars?.get(item.name);
      return bound?.kind === 'row' ? rowText(bound.row) : item.name;
    }
  }
}

function renderColumns(columns: A.ColumnSelNode, vars?: ReadonlyMap<string, Bound>): string {
  const items = columns.items.map((item) => {
    if (item.type === 'ColumnRange') return `C${item.from}:C${item.to}`;
    if (item.type === 'ColumnNo') return `C${item.no}`;
    const bound = vars?.get(item.name);
    if (bound?.kind === 'column') {
      const h = bound.column;
      return h.no !== undefined ? `C${h.no}` : (h.key ?? item.name);
    }
    return item.name;
  });
  return items.length === 1 ? items[0]! : `(${items.join(', ')})`;
}

const PRECEDENCE: Record<string, number> = { '+': 1, '-': 1, '*': 2, '/': 2 };

export function renderNum(node: A.NumNode, vars?: ReadonlyMap<string, Bound>, parent = 0): string {
  switch (node.type) {
    case 'Number':
      return `${node.text}${node.unit ?? ''}`;
    case 'Neg':
      return `-${renderNum(node.expr, vars, 3)}`;
    case 'Call':
      return `${node.fn}(${node.args.map((a) => renderNum(a, vars)).join(', ')})`;
    case 'Ref':
      return renderRef(node, vars);
    case 'Binary': {
      const p = PRECEDENCE[node.op]!;
      const op = { '+': ' + ', '-': ' − ', '*': ' × ', '/': ' ÷ ' }[node.op];
      const text = `${renderNum(node.left, vars, p)}${op}${renderNum(node.right, vars, p + (node.op === '-' || node.op === '/' ? 1 : 0))}`;
      return p < parent ? `(${text})` : text;
    }
  }
}

const OP_TEXT: Record<A.CompareOp, string> = {
  '=': '=',
  '<>': '≠',
  '<': '<',
  '<=': '≤',
  '>': '>',
  '>=': '≥',
};

export function renderBool(node: A.BoolNode, vars?: ReadonlyMap<string, Bound>): string {
  switch (node.type) {
    case 'Compare':
      return `${renderNum(node.left, vars)} ${OP_TEXT[node.op]} ${renderNum(node.right, vars)}`;
    case 'Logic':
      return `(${renderBool(node.left, vars)}) ${node.op} (${renderBool(node.right, vars)})`;
    case 'Not':
      return `NOT (${renderBool(node.expr, vars)})`;
    case 'Predicate':
      return `${node.name}(${node.arg.type === 'Table' ? `${node.arg.prior ? '上年.' : ''}${node.arg.table}` : renderRef(node.arg, vars)})`;
    case 'RowIs': {
      const bound = vars?.get(node.variable);
      const name = bound?.kind === 'row' ? `${bound.row.table.id}[${rowText(bound.row)}]` : node.variable;
      return `${name} IS ${node.negated ? 'NOT ' : ''}${node.kind}`;
    }
  }
}
