/** Formulas back to text, for messages: with variables shown as the rows and columns they are bound to. */
import type * as A from './ast';
import type { Bound } from './evaluation';
import type { RowRef } from './tables';

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
