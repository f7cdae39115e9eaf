/**
 * Compiling FOR: each binding's domain (rows of a table or a selection, CHILDREN, columns), its
 * WHERE filter, and the loop that runs the body once per combination of bindings.
 */
import type { ColumnDef } from '../profile';
import type * as A from './ast';
import type { ConditionCompiler } from './compile-conditions';
import type { CompileContext, Scope, VarInfo } from './compile-context';
import type { RefCompiler } from './compile-refs';
import {
  type BoolFn,
  type Bound,
  type ColumnHandle,
  type Env,
  evalError,
  lookupTable,
  type Sink,
  type StatementFn,
} from './evaluation';
import { rowBinding, tableBindings } from './tables';

export class ForCompiler {
  constructor(
    private readonly ctx: CompileContext,
    private readonly refs: RefCompiler,
    private readonly conditions: ConditionCompiler,
    /** Compiles the loop's body: statements of any kind, FOR included. */
    private readonly statement: (node: A.StatementNode, scope: Scope) => StatementFn,
  ) {}

  forStatement(node: A.ForNode, outer: Scope): StatementFn {
    const bindings: { name: string; domain: (env: Env) => readonly Bound[]; where?: BoolFn; loc: A.Loc }[] =
      [];
    let scope = outer;
    for (const binding of node.bindings) {
      if (scope.has(binding.name)) this.ctx.fail(`变量 ${binding.name} 已声明过，请换一个名字`, binding.loc);
      if (this.ctx.reservedNames.has(binding.name)) {
        this.ctx.fail(
          `变量名 ${binding.name} 与口径中的行键或栏键重名，请换一个名字（如 r、k、c）`,
          binding.loc,
        );
      }
      this.ctx.variables.add(binding.name);
      const { domain, info } = this.domain(binding.domain, scope);
      const inner = new Map(scope);
      inner.set(binding.name, info);
      scope = inner;
      const where = binding.where ? this.conditions.bool(binding.where, scope) : undefined;
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
        sink.error(evalError(error), binding.loc, env);
        return;
      }
      for (const value of values) {
        env.vars.set(binding.name, value);
        if (binding.where) {
          let holds: boolean;
          try {
            holds = binding.where(env).nominal;
          } catch (error) {
            sink.error(evalError(error), binding.loc, env);
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
      this.ctx.useTable(tableId, prior, node.loc);
      const shape = this.ctx.shape(tableId);
      const rows = node.rows ? this.refs.rowSelection(node.rows, tableId, shape, scope) : undefined;
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
    const of = this.refs.childrenOf(rows, scope);
    return {
      info: { kind: 'row', ...(of.tableId !== undefined ? { table: of.tableId } : {}), prior: of.prior },
      domain: (env) => of.rows(env).map((row) => (row.missing ? { kind: 'row', row } : rowBinding(row))),
    };
  }

  private columnDomain(node: A.ColumnDomainNode): { domain: (env: Env) => readonly Bound[]; info: VarInfo } {
    const tableId = node.table;
    if (tableId !== undefined) this.ctx.useTable(tableId, false, node.loc);
    const shape = tableId !== undefined ? this.ctx.shape(tableId) : undefined;
    const columns = shape ? uniqueColumns(shape.sections.flatMap((s) => s.columns)) : undefined;
    let handles: ColumnHandle[] | undefined;
    if (!node.columns) {
      handles = columns?.map((c) => columnHandle(c, 'key'));
    } else {
      handles = [];
      for (const item of node.columns.items) {
        if (item.type === 'ColumnRange') {
          if (item.from > item.to) this.ctx.fail(`栏次范围 C${item.from}:C${item.to} 应由小到大`, item.loc);
          if (columns) {
            const inRange = columns.filter((c) => c.no !== undefined && c.no >= item.from && c.no <= item.to);
            if (!inRange.length) this.ctx.fail(`${tableId} 没有第 ${item.from}–${item.to} 栏`, item.loc);
            handles.push(...inRange.sort((a, b) => a.no! - b.no!).map((c) => columnHandle(c, 'no')));
          } else {
            for (let no = item.from; no <= item.to; no++) handles.push({ by: 'no', no });
          }
        } else if (item.type === 'ColumnNo') {
          const column = columns?.find((c) => c.no === item.no);
          if (columns && !column) this.ctx.fail(`${tableId} 没有第 ${item.no} 栏`, item.loc);
          handles.push(column ? columnHandle(column, 'no') : { by: 'no', no: item.no });
        } else {
          const column = columns?.find((c) => c.key === item.name);
          if (columns && !column) this.ctx.fail(`${tableId} 没有栏 ${item.name}`, item.loc);
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
