/**
 * The syntax tree of a 审核公式, as the generated parser (grammar.peggy) returns it. Plain data:
 * nothing here runs; `compile.ts` checks and compiles it.
 */

/** Where a node starts and ends in the formula text (offsets 0-based; line and column 1-based). */
export interface Loc {
  start: number;
  end: number;
  line: number;
  column: number;
}

export interface FormulaNode {
  type: 'Formula';
  statements: StatementNode[];
  loc: Loc;
}

export type StatementNode = ForNode | IfNode | AssertNode;

/** `FOR r IN T02 WHERE r IS PARENT, c IN COLUMNS(T02): …` — the body runs for every binding. */
export interface ForNode {
  type: 'For';
  bindings: BindingNode[];
  body: StatementNode[];
  loc: Loc;
}

export interface BindingNode {
  type: 'Binding';
  name: string;
  domain: DomainNode;
  where?: BoolNode;
  loc: Loc;
}

export type DomainNode = RowDomainNode | ColumnDomainNode;

/** Rows to iterate: a whole table (`T02`), some of its rows (`T04[L33:L58]`) or `CHILDREN(r)`. */
export interface RowDomainNode {
  type: 'RowDomain';
  prior: boolean;
  table?: string;
  /** Absent for a whole table. */
  rows?: RowSelNode;
  loc: Loc;
}

/** Columns to iterate: `COLUMNS(T02)` (table, no columns), `T04.C2:C5`, `C1:C3` or `(total, basic)`. */
export interface ColumnDomainNode {
  type: 'ColumnDomain';
  table?: string;
  /** Absent for every column of the table. */
  columns?: ColumnSelNode;
  loc: Loc;
}

/** `IF cond THEN …` — the statements after THEN apply only where the condition holds as printed. */
export interface IfNode {
  type: 'If';
  condition: BoolNode;
  body: StatementNode[];
  loc: Loc;
}

export interface AssertNode {
  type: 'Assert';
  expr: BoolNode;
  loc: Loc;
}

export type CompareOp = '=' | '<>' | '<' | '<=' | '>' | '>=';

export type BoolNode = CompareNode | LogicNode | NotNode | PredicateNode | RowIsNode;

export interface CompareNode {
  type: 'Compare';
  op: CompareOp;
  left: NumNode;
  right: NumNode;
  loc: Loc;
}

export interface LogicNode {
  type: 'Logic';
  op: 'AND' | 'OR' | 'IFF';
  left: BoolNode;
  right: BoolNode;
  loc: Loc;
}

export interface NotNode {
  type: 'Not';
  expr: BoolNode;
  loc: Loc;
}

export type PredicateName = 'PRESENT' | 'NA' | 'EXISTS' | 'ALLZERO' | 'BLANK' | 'HAS_STATEMENT';

export interface PredicateNode {
  type: 'Predicate';
  name: PredicateName;
  arg: RefNode | TableNode;
  loc: Loc;
}

/** A table as a whole: `ALLZERO(T07)`. */
export interface TableNode {
  type: 'Table';
  prior: boolean;
  table: string;
  loc: Loc;
}

export type RowKind = '类' | '款' | '项' | 'CODE' | 'PARENT' | 'LEAF' | 'BLANK' | 'TOTAL';

/** `k IS 类`, `r IS NOT BLANK`. */
export interface RowIsNode {
  type: 'RowIs';
  variable: string;
  negated: boolean;
  kind: RowKind;
  loc: Loc;
}

export type NumNode = NumberNode | BinaryNode | NegNode | CallNode | RefNode;

export interface NumberNode {
  type: 'Number';
  /** The digits as written, e.g. "0.5". */
  text: string;
  unit?: '元' | '万元' | '%';
  loc: Loc;
}

export interface BinaryNode {
  type: 'Binary';
  op: '+' | '-' | '*' | '/';
  left: NumNode;
  right: NumNode;
  loc: Loc;
}

export interface NegNode {
  type: 'Neg';
  expr: NumNode;
  loc: Loc;
}

export type FunctionName = 'SUM' | 'ABS' | 'MIN' | 'MAX';

export interface CallNode {
  type: 'Call';
  fn: FunctionName;
  args: NumNode[];
  loc: Loc;
}

/**
 * Cells: `T01[L27]`, `上年.T01[L60]`, `T03[k].C1`, `r.c`, `CHILDREN(r).c`, `T01[L1:L8]`.
 * `table` is absent when the rows are a variable's (`r.C1`) or `CHILDREN(…)`.
 */
export interface RefNode {
  type: 'Ref';
  prior: boolean;
  table?: string;
  rows: RowSelNode;
  /** Absent when the column is left out (single-column rows, or every column in SUM). */
  columns?: ColumnSelNode;
  loc: Loc;
}

export type RowSelNode = RowListNode | ChildrenNode;

export interface RowListNode {
  type: 'RowList';
  items: RowItemNode[];
  loc: Loc;
}

/** The rows one level below a row: 类 → its 款, 款 → its 项, 合计 → the 类 rows. */
export interface ChildrenNode {
  type: 'Children';
  of: RefNode;
  loc: Loc;
}

export type RowItemNode = RowAtomNode | RowRangeNode;

export interface RowRangeNode {
  type: 'RowRange';
  from: RowAtomNode;
  to: RowAtomNode;
  loc: Loc;
}

export type RowAtomNode =
  | { type: 'Line'; line: number; loc: Loc }
  | { type: 'Code'; code: string; loc: Loc }
  | { type: 'Name'; name: string; loc: Loc }
  | { type: 'Label'; label: string; loc: Loc };

export interface ColumnSelNode {
  type: 'ColumnList';
  items: ColumnItemNode[];
  loc: Loc;
}

export type ColumnItemNode = ColumnAtomNode | ColumnRangeNode;

export interface ColumnRangeNode {
  type: 'ColumnRange';
  from: number;
  to: number;
  loc: Loc;
}

export type ColumnAtomNode =
  | { type: 'ColumnNo'; no: number; loc: Loc }
  | { type: 'Name'; name: string; loc: Loc };
