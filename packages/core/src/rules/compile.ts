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
 *
 * The parts: references to cells (compile-refs.ts, checked against the profile in
 * compile-shape.ts, read at run time by cell-reading.ts), arithmetic with its fast integer form
 * (compile-arithmetic.ts, fast-sum.ts), conditions and their three-valued truth
 * (compile-conditions.ts, truth.ts), FOR loops (compile-for.ts); formulas back to text for
 * messages in unparse.ts.
 */

import type { TableDef } from '../profile';
import type * as A from './ast';
import { ArithmeticCompiler } from './compile-arithmetic';
import { ConditionCompiler } from './compile-conditions';
import { CompileContext, type Scope } from './compile-context';
import { ForCompiler } from './compile-for';
import { RefCompiler } from './compile-refs';
import { type Env, evalError, type Sink, type StatementFn, type Truth } from './evaluation';
import { type FormulaError, parseFormula } from './parse';
import { type TableShape, tableShapes } from './shape';

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
  const compiler = new Compiler(new CompileContext(shapes));
  const statements = parsed.ast.statements.map((s) => compiler.statement(s, new Map()));
  const context = compiler.context;
  if (context.errors.length) return { ok: false, errors: context.errors };
  return {
    ok: true,
    formula: {
      source,
      ast: parsed.ast,
      tables: [...context.tables],
      priorTables: [...context.priorTables],
      usesPrior: context.usesPrior,
      variables: [...context.variables],
      execute(env, sink) {
        for (const statement of statements) statement(env, sink);
      },
    },
  };
}

/** Statements: assertions and IF here; FOR in compile-for.ts, which compiles its body back through here. */
class Compiler {
  private readonly conditions: ConditionCompiler;
  private readonly loops: ForCompiler;

  constructor(readonly context: CompileContext) {
    const refs = new RefCompiler(context);
    this.conditions = new ConditionCompiler(context, refs, new ArithmeticCompiler(context, refs));
    this.loops = new ForCompiler(context, refs, this.conditions, (node, scope) =>
      this.statement(node, scope),
    );
  }

  statement(node: A.StatementNode, scope: Scope): StatementFn {
    switch (node.type) {
      case 'Assert': {
        const expr = this.conditions.bool(node.expr, scope);
        return (env, sink) => {
          let truth: Truth;
          try {
            truth = expr(env);
          } catch (error) {
            sink.error(evalError(error), node.loc, env);
            return;
          }
          sink.result(node, expr, env, truth);
        };
      }
      case 'If': {
        const condition = this.conditions.bool(node.condition, scope);
        const body = node.body.map((s) => this.statement(s, scope));
        return (env, sink) => {
          let holds: boolean;
          try {
            holds = condition(env).nominal;
          } catch (error) {
            sink.error(evalError(error), node.condition.loc, env);
            return;
          }
          if (holds) for (const statement of body) statement(env, sink);
        };
      }
      case 'For':
        return this.loops.forStatement(node, scope);
    }
  }
}
