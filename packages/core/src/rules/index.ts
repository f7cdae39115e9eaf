/** 审核公式: the rule language, its compiler and evaluator, and rule catalogues. */
export type * from './ast';
export * from './catalogue';
export { type CompiledFormula, type CompileOptions, type CompileResult, compileFormula } from './compile';
export * from './format';
export * from './parse';
export * from './registry';
export * from './rule-meta';
export * from './run';
export { type TableShape, tableShape, tableShapes } from './shape';
export { cellAddress, describeCell } from './tables';
export { renderBool, renderNum } from './unparse';
export type { Val, ValueKind as RuleValueKind } from './value';
