/** 审核公式: the rule language, its compiler and evaluator, and rule catalogues. */
export type * from './ast';
export * from './catalogue';
export {
  type CompiledFormula,
  type CompileOptions,
  type CompileResult,
  compileFormula,
  renderBool,
  renderNum,
} from './compile';
export * from './format';
export * from './parse';
export * from './run';
export { type TableShape, tableShape, tableShapes } from './shape';
export { cellAddress, describeCell } from './tables';
export type { Rat, Val, ValueKind as RuleValueKind } from './value';
