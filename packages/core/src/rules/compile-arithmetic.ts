/**
 * Compiling arithmetic (numbers with units, + − × ÷, SUM, MIN, MAX, ABS, references to one cell)
 * into a value function and, where the expression allows it, the fast form that sums integers
 * straight from the cells.
 */
import { parseDecimal, q } from '../exact';
import type * as A from './ast';
import { EXACT_ZERO, slotsOf, slotValue } from './cell-reading';
import type { CompileContext, Scope } from './compile-context';
import type { RefCompiler } from './compile-refs';
import { arithmetic, type Env, type NumFn, RuleEvalError } from './evaluation';
import { type AddFn, addCell, addTerm } from './fast-sum';
import { renderRef } from './unparse';
import { absolute, dividedBy, exact, maximum, minimum, minus, negate, plus, times, type Val } from './value';

/** An arithmetic node: its value, and the fast form where it has one. */
export interface CompiledNum {
  value: NumFn;
  add: AddFn | undefined;
}

export class ArithmeticCompiler {
  constructor(
    private readonly ctx: CompileContext,
    private readonly refs: RefCompiler,
  ) {}

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
        const ref = this.refs.refCells(node, scope, 'scalar');
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
      if (node.args.length !== 1) this.ctx.fail('ABS 只接受一个参数', node.loc);
      const inner = this.num(node.args[0]!, scope).value;
      return { value: (env) => absolute(inner(env)), add: undefined };
    }
    const args = node.args.map((arg): { values: (env: Env) => Val[]; add: AddFn | undefined } => {
      if (arg.type === 'Ref') {
        const ref = this.refs.refCells(arg, scope, 'set');
        const slots = slotsOf(ref);
        const { one, columns } = ref;
        return {
          values: (env) => slots(env).map(slotValue),
          add: one
            ? (env, sum, negative) => {
                const row = one(env);
                for (const column of columns(env, row)) addCell(sum, row, column, negative);
              }
            : (env, sum, negative) => {
                for (const row of ref.rows(env)) {
                  for (const column of columns(env, row)) addCell(sum, row, column, negative);
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
}

function numberValue(node: A.NumberNode): Val {
  // The grammar admits only plain decimals ("12", "0.5"), which always parse.
  const value = parseDecimal(node.text)!;
  switch (node.unit) {
    case '元':
      return exact('money', q(value.n * 100n, value.d));
    case '万元':
      return exact('money', q(value.n * 1_000_000n, value.d));
    case '%':
      return exact('number', q(value.n, value.d * 100n));
    default:
      return exact('number', value);
  }
}
