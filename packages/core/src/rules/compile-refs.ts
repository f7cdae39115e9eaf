/**
 * Compiling references to cells (`T02[210].C1`, `r.C2`, `CHILDREN(r)`, `T01[L1:L8]`): which table,
 * rows and columns they name, checked against the profile where given and resolved at run time.
 */
import type { ColumnDef } from '../profile';
import type * as A from './ast';
import {
  allColumns,
  alone,
  type ColumnsFn,
  describeWhere,
  NO_COLUMN,
  perSection,
  perTable,
  perTableRow,
  type RefCells,
  type RowsFn,
  resolveColumnVariable,
  singleColumn,
} from './cell-reading';
import type { CompileContext, Context, Scope } from './compile-context';
import {
  checkShapeColumn,
  checkShapeRow,
  fixedShapeRows,
  type ShapeRows,
  type ShapeSections,
  shapeSections,
} from './compile-shape';
import { boundRow, type Env, lookupTable, MissingRowError, RuleEvalError } from './evaluation';
import type { TableShape } from './shape';
import {
  childrenOf,
  joinRow,
  NO_ROWS,
  type RowRef,
  rowAtLine,
  rowsLabelled,
  rowWithCode,
  rowWithKey,
  type SectionIndex,
  sectionForMissing,
  type TableIndex,
} from './tables';
import { renderRef, renderRowItem } from './unparse';

export class RefCompiler {
  constructor(private readonly ctx: CompileContext) {}

  /** The cells a reference names, in row then column order. */
  refCells(node: A.RefNode, scope: Scope, context: Context): RefCells {
    const target = this.refTarget(node, scope);
    const rowsAreSet = isRowSet(node.rows);
    const columnsAreSet = node.columns !== undefined && isColumnSet(node.columns);
    if (context === 'scalar' && (rowsAreSet || columnsAreSet)) {
      this.ctx.fail(`${renderRef(node)} 指多个单元格，只能用在 SUM、MIN、MAX 或 PRESENT 等判断中`, node.loc);
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
    shapeRows?: ShapeRows;
  } {
    if (node.rows.type === 'Children') {
      const of = this.childrenOf(node.rows, scope);
      if (node.prior) this.ctx.fail('上年. 请写在 CHILDREN 的参数里，如 CHILDREN(上年.T02[210])', node.loc);
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
      this.ctx.useTable(tableId, prior, node.loc);
      const shape = this.ctx.shape(tableId);
      const { rows: select, one: selectOne } = this.selection(node.rows, tableId, shape, scope);
      const rows: RowsFn = (env) => select(env, lookupTable(env, tableId, prior));
      return {
        tableId,
        prior,
        rows,
        ...(selectOne && !isRowSet(node.rows)
          ? { one: (env: Env) => selectOne(env, lookupTable(env, tableId, prior)) }
          : {}),
        shapeRows: shape ? fixedShapeRows(this.ctx, node.rows, shape, scope) : 'any',
      };
    }
    // A variable's own row: `r`, `r.C1`, `上年.r`.
    const item = node.rows.items[0];
    const name = item?.type === 'Name' ? item.name : '';
    const info = scope.get(name);
    if (!info) this.ctx.fail(`未声明的变量 ${name}（行变量须先用 FOR ${name} IN … 声明）`, node.loc);
    else if (info.kind !== 'row')
      this.ctx.fail(`${name} 是栏变量，应写在「.」之后，如 T02[total].${name}`, node.loc);
    const rowInfo = info?.kind === 'row' ? info : undefined;
    const prior = node.prior || (rowInfo?.prior ?? false);
    if (rowInfo?.table !== undefined) this.ctx.useTable(rowInfo.table, prior, node.loc);
    else if (node.prior) this.ctx.usesPrior = true;
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

  /** `CHILDREN(row)`: the rows one level below the row named, found at run time. */
  childrenOf(node: A.ChildrenNode, scope: Scope): { tableId?: string; prior: boolean; rows: RowsFn } {
    const of = node.of;
    if (of.columns) this.ctx.fail('CHILDREN 的参数是一行，不写栏，如 CHILDREN(r).C1', of.loc);
    if (isRowSet(of.rows)) this.ctx.fail('CHILDREN 的参数须是一行', of.loc);
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
  rowSelection(
    node: A.RowSelNode,
    tableId: string,
    shape: TableShape | undefined,
    scope: Scope,
  ): TableRowsFn {
    return this.selection(node, tableId, shape, scope).rows;
  }

  /** A selection's rows and, for one row, the row itself (read without a list: see rowItem). */
  private selection(
    node: A.RowSelNode,
    tableId: string,
    shape: TableShape | undefined,
    scope: Scope,
  ): RowItemFns {
    if (node.type === 'Children') {
      const of = this.childrenOf(node, scope);
      return { rows: (env) => of.rows(env) };
    }
    const items = node.items.map((item) => this.rowItem(item, tableId, shape, scope));
    if (items.length === 1) return items[0]!;
    return { rows: (env, table) => items.flatMap((item) => item.rows(env, table)) };
  }

  private rowItem(
    item: A.RowItemNode,
    tableId: string,
    shape: TableShape | undefined,
    scope: Scope,
  ): RowItemFns {
    if (item.type === 'RowRange') {
      for (const end of [item.from, item.to]) {
        if (end.type === 'Name' && scope.has(end.name))
          this.ctx.fail('行范围的两端须是具体的行，不能是变量', end.loc);
      }
      if (shape) {
        const from = checkShapeRow(this.ctx, item.from, shape);
        const to = checkShapeRow(this.ctx, item.to, shape);
        if (from && to) {
          if (from.section !== to.section) this.ctx.fail(`${tableId} 的行范围跨越了收支两部分`, item.loc);
          else if (from.order > to.order) this.ctx.fail(`${tableId} 的行范围应由前到后`, item.loc);
        }
      }
      const from = this.rowAtom(item.from, scope);
      const to = this.rowAtom(item.to, scope);
      // The ends are fixed rows (not variables), so the range depends on the table alone.
      const rows = perTable((env, table) => {
        const a = from(env, table);
        const b = to(env, table);
        if (a.missing || b.missing) {
          const code = a.missing ? a.code : b.missing ? b.code : undefined;
          throw new MissingRowError(
            `${table.id} 没有行范围 ${renderRowItem(item)} 的端点行`,
            table.id,
            code !== undefined ? { code } : {},
          );
        }
        if (a.section !== b.section)
          throw new RuleEvalError(`${table.id} 的行范围 ${renderRowItem(item)} 跨越了收支两部分`);
        const start = Math.min(a.index, b.index);
        const end = Math.max(a.index, b.index);
        return table.rows.slice(start, end + 1);
      });
      return { rows };
    }
    if (shape) checkShapeRow(this.ctx, item, shape);
    else if (item.type === 'Name') {
      const info = scope.get(item.name);
      if (info?.kind === 'column') this.ctx.fail(`${item.name} 是栏变量，不能放在行的位置`, item.loc);
    }
    const atom = this.rowAtom(item, scope);
    // A row variable's row changes with its binding; any other row depends on the table alone.
    if (item.type === 'Name' && scope.get(item.name)?.kind === 'row')
      return { rows: (env, table) => [atom(env, table)], one: atom };
    const one = perTableRow(atom);
    return { rows: perTable((env, table) => [one(env, table)]), one };
  }

  private rowAtom(atom: A.RowAtomNode, scope: Scope): (env: Env, table: TableIndex) => RowRef {
    switch (atom.type) {
      case 'Line':
        return (_env, table) => {
          const row = rowAtLine(table, atom.line);
          if (!row) {
            throw new MissingRowError(`${table.id} 没有第 ${atom.line} 行`, table.id, { line: atom.line });
          }
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
          if (!row) throw new MissingRowError(`${table.id} 没有行键 ${name}`, table.id, { key: name });
          return row;
        };
      }
    }
  }

  /** The columns of each row a reference reads. */
  private columnSelection(
    node: A.RefNode,
    tableId: string | undefined,
    shapeRows: ShapeRows | undefined,
    scope: Scope,
    context: Context,
  ): ColumnsFn {
    const shape = tableId !== undefined ? this.ctx.shape(tableId) : undefined;
    if (!node.columns) {
      if (context === 'scalar' && shape && Array.isArray(shapeRows) && shapeRows.length === 1) {
        const row = shapeRows[0]!;
        if (row.section.columns.length > 1 && row.applicable.length !== 1) {
          const example =
            row.section.columns.find((c) => row.applicable.includes(c.key)) ?? row.section.columns[0]!;
          this.ctx.fail(
            `${tableId} ${row.line !== undefined ? `第 ${row.line} 行` : `行「${row.label ?? row.key}」`}有 ${row.section.columns.length} 栏，须写明栏，如 ${renderRef(node)}.${example.no !== undefined ? `C${example.no}` : example.key}`,
            node.loc,
          );
        }
      }
      return context === 'scalar' ? (_env, row) => singleColumn(row) : (_env, row) => allColumns(row);
    }
    const sections = shapeSections(shape, shapeRows);
    const items = node.columns.items.map((item) => this.columnItem(item, tableId, sections, scope));
    const only = items.length === 1 ? items[0] : undefined;
    return (env, row) => {
      const section = row.missing ? sectionForMissing(row.table) : row.section;
      if (!section) return NO_COLUMN;
      return only ? only(env, section, row) : items.flatMap((item) => item(env, section, row));
    };
  }

  private columnItem(
    item: A.ColumnItemNode,
    tableId: string | undefined,
    sections: ShapeSections | undefined,
    scope: Scope,
  ): (env: Env, section: SectionIndex, row: RowRef) => readonly ColumnDef[] {
    if (item.type === 'ColumnRange') {
      if (item.from > item.to) this.ctx.fail(`栏次范围 C${item.from}:C${item.to} 应由小到大`, item.loc);
      checkShapeColumn(this.ctx, tableId, sections, { no: item.from }, `第 ${item.from} 栏`, item.loc);
      checkShapeColumn(this.ctx, tableId, sections, { no: item.to }, `第 ${item.to} 栏`, item.loc);
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
      checkShapeColumn(this.ctx, tableId, sections, { no: item.no }, `第 ${item.no} 栏`, item.loc);
      return perSection((section, row) => {
        const column = section.byNo.get(item.no);
        if (!column) throw new RuleEvalError(`${describeWhere(row)} 没有第 ${item.no} 栏`);
        return alone(column);
      });
    }
    const name = item.name;
    const info = scope.get(name);
    if (info?.kind === 'row') this.ctx.fail(`${name} 是行变量，不能放在栏的位置`, item.loc);
    if (info?.kind === 'column') {
      for (const ref of info.refs ?? []) {
        checkShapeColumn(
          this.ctx,
          tableId,
          sections,
          ref,
          ref.no !== undefined ? `第 ${ref.no} 栏（来自变量 ${name}）` : `栏 ${ref.key}（来自变量 ${name}）`,
          item.loc,
        );
      }
      return (env, section, row) => resolveColumnVariable(env, section, row, name);
    }
    checkShapeColumn(this.ctx, tableId, sections, { key: name }, `栏 ${name}`, item.loc);
    return perSection((section, row) => {
      const column = section.byKey.get(name);
      if (!column) throw new RuleEvalError(`${describeWhere(row)} 没有栏 ${name}`);
      return alone(column);
    });
  }
}

type TableRowsFn = (env: Env, table: TableIndex) => readonly RowRef[];

/**
 * The rows of a selection and, where it names one row, that row: a reference to one row is read
 * for every binding of a loop, and reading it as a list would make a list each time.
 */
interface RowItemFns {
  rows: TableRowsFn;
  one?: (env: Env, table: TableIndex) => RowRef;
}

export function isRowSet(rows: A.RowSelNode): boolean {
  return rows.type === 'Children' || rows.items.length > 1 || rows.items[0]?.type === 'RowRange';
}

function isColumnSet(columns: A.ColumnSelNode): boolean {
  return columns.items.length > 1 || columns.items[0]?.type === 'ColumnRange';
}
