/**
 * What compiling one formula collects: the author's mistakes, the tables it names, its FOR
 * variables; and the profile's table shapes it is checked against, when given.
 */
import type * as A from './ast';
import type { FormulaError } from './parse';
import type { TableShape } from './shape';

/** What the compiler knows of a FOR variable where it is used. */
export type VarInfo =
  | { kind: 'row'; table?: string; prior: boolean }
  | { kind: 'column'; table?: string; refs?: { no?: number; key?: string }[] };
export type Scope = ReadonlyMap<string, VarInfo>;
/** Where a reference appears: where one cell is expected, or where many are allowed. */
export type Context = 'scalar' | 'set';

export class CompileContext {
  readonly errors: FormulaError[] = [];
  readonly tables = new Set<string>();
  readonly priorTables = new Set<string>();
  readonly variables = new Set<string>();
  usesPrior = false;
  /** Row and column keys of the profile: a variable of the same name could not be told from them. */
  readonly reservedNames: Set<string>;

  constructor(private readonly shapes: ReadonlyMap<string, TableShape> | undefined) {
    this.reservedNames = new Set();
    for (const shape of shapes?.values() ?? []) {
      for (const row of shape.rows) this.reservedNames.add(row.key);
      for (const section of shape.sections)
        for (const column of section.columns) this.reservedNames.add(column.key);
    }
  }

  fail(message: string, loc: A.Loc): void {
    this.errors.push({ message, line: loc.line, column: loc.column, offset: loc.start });
  }

  /** Records a table the formula names; an unknown one is a mistake when the profile is given. */
  useTable(tableId: string, prior: boolean, loc: A.Loc): void {
    if (this.shapes && !this.shapes.has(tableId)) {
      this.fail(`未知的表 ${tableId}；口径中的表有 ${[...this.shapes.keys()].join('、')}`, loc);
    }
    (prior ? this.priorTables : this.tables).add(tableId);
    if (prior) this.usesPrior = true;
  }

  shape(tableId: string): TableShape | undefined {
    return this.shapes?.get(tableId);
  }
}
