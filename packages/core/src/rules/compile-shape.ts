/**
 * Checks of a formula against the profile's table shapes, made while compiling: the rows and
 * columns it names exist, and which rows (and so which sections and columns) a reference can reach.
 */
import type * as A from './ast';
import type { CompileContext, Scope } from './compile-context';
import { findShapeColumn, type ShapeRow, type ShapeSection, type TableShape } from './shape';

/** Rows a reference reaches: fixed rows, 'code' for code rows from the package, 'any' when variables decide. */
export type ShapeRows = ShapeRow[] | 'code' | 'any';

/** The sections a reference reaches, and whether it reaches every one of them (so each must have the column). */
export interface ShapeSections {
  sections: ShapeSection[];
  every: boolean;
}

/** Checks a row item against the profile; returns the fixed row when there is exactly one. */
export function checkShapeRow(
  ctx: CompileContext,
  atom: A.RowAtomNode,
  shape: TableShape,
): ShapeRow | undefined {
  switch (atom.type) {
    case 'Line': {
      const row = shape.byLine.get(atom.line);
      if (!row) ctx.fail(`${shape.id} 没有第 ${atom.line} 行`, atom.loc);
      return row;
    }
    case 'Code': {
      const row = shape.byCode.get(atom.code);
      if (row) return row;
      if (!shape.sections.some((s) => s.codeRows))
        ctx.fail(`${shape.id} 没有科目 ${atom.code} 的行`, atom.loc);
      else if (!/^\d{3}(\d{2}){0,2}$/.test(atom.code)) {
        ctx.fail(`${atom.code} 不是科目编码（类 3 位、款 5 位、项 7 位）`, atom.loc);
      }
      return undefined;
    }
    case 'Label': {
      const rows = shape.byLabel.get(atom.label.trim()) ?? [];
      if (rows.length > 1)
        ctx.fail(`${shape.id} 有 ${rows.length} 行名为「${atom.label}」，请改用行次或行键`, atom.loc);
      if (!rows.length && !shape.sections.some((s) => s.codeRows)) {
        ctx.fail(`${shape.id} 没有名为「${atom.label}」的行`, atom.loc);
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
export function fixedShapeRows(
  ctx: CompileContext,
  node: A.RowSelNode,
  shape: TableShape,
  scope: Scope,
): ShapeRows {
  if (node.type === 'Children') return 'any';
  const rows: ShapeRow[] = [];
  for (const item of node.items) {
    if (item.type === 'RowRange') {
      const from = quietShapeRow(item.from, shape);
      const to = quietShapeRow(item.to, shape);
      if (!from || !to) return 'any';
      rows.push(...shape.rows.slice(Math.min(from.order, to.order), Math.max(from.order, to.order) + 1));
      continue;
    }
    if (item.type === 'Name' && scope.has(item.name)) return 'any';
    if (item.type === 'Name' && !shape.byKey.has(item.name)) {
      ctx.fail(
        `${shape.id} 没有行键 ${item.name}（若 ${item.name} 是变量，须先用 FOR ${item.name} IN … 声明）`,
        item.loc,
      );
      return 'any';
    }
    const row = quietShapeRow(item, shape);
    if (!row) return item.type === 'Code' ? 'code' : 'any';
    rows.push(row);
  }
  return rows;
}

/** The fixed row an item names, without reporting anything. */
function quietShapeRow(atom: A.RowAtomNode, shape: TableShape): ShapeRow | undefined {
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

/** The sections the rows lie in; all of the table's when the rows are not known before the data. */
export function shapeSections(
  shape: TableShape | undefined,
  rows: ShapeRows | undefined,
): ShapeSections | undefined {
  if (!shape) return undefined;
  if (rows === 'code') return { sections: shape.sections.filter((s) => s.codeRows), every: true };
  if (rows === 'any' || rows === undefined) return { sections: shape.sections, every: false };
  return { sections: [...new Set(rows.map((r) => r.section))], every: true };
}

/** Reports a column (by 栏次 or key) that no section the reference reaches has, or that one of them lacks. */
export function checkShapeColumn(
  ctx: CompileContext,
  tableId: string | undefined,
  sections: ShapeSections | undefined,
  ref: { no?: number; key?: string },
  what: string,
  loc: A.Loc,
): void {
  if (!sections?.sections.length) return;
  const found = sections.sections.filter((s) => findShapeColumn(s, ref));
  if (sections.every ? found.length < sections.sections.length : found.length === 0) {
    const part =
      sections.every && ctx.shape(tableId ?? '')?.sections.length !== 1
        ? ` ${sections.sections.map((s) => s.key).join('、')} 部分`
        : ' ';
    ctx.fail(`${tableId}${part}没有${what}`, loc);
  }
}
