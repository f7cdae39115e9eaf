/** Parsing 审核公式 text, with parse errors in Chinese that say where and what was expected. */
import type { FormulaNode } from './ast';
import { type Expectation, SyntaxError as PeggySyntaxError, parse } from './parser.generated';

export interface FormulaError {
  /** Chinese, without the position (see `line`/`column`). */
  message: string;
  /** 1-based. */
  line: number;
  column: number;
  offset: number;
}

export type FormulaParseResult = { ok: true; ast: FormulaNode } | { ok: false; error: FormulaError };

export function parseFormula(source: string): FormulaParseResult {
  try {
    return { ok: true, ast: parse(source) };
  } catch (error) {
    if (error instanceof PeggySyntaxError) {
      const { line, column, offset } = error.location.start;
      return { ok: false, error: { message: syntaxMessage(error), line, column, offset } };
    }
    throw error;
  }
}

/** `第 1 行第 9 列：…` in front of a formula error. */
export function formatFormulaError(error: FormulaError): string {
  return `第 ${error.line} 行第 ${error.column} 列：${error.message}`;
}

function syntaxMessage(error: PeggySyntaxError): string {
  const expected = [...new Set((error.expected ?? []).map(describeExpectation))];
  // Keep 公式结束 last: the other choices are what the writer most likely meant.
  expected.sort((a, b) => Number(a === '公式结束') - Number(b === '公式结束'));
  const found = error.found === null ? '公式结尾' : `「${error.found}」`;
  if (expected.length === 0) return `无法识别 ${found}`;
  return `此处应为 ${expected.join('、')}，却是 ${found}`;
}

function describeExpectation(e: Expectation): string {
  switch (e.type) {
    case 'literal':
      return `「${e.text}」`;
    case 'other':
      return /[\u3400-\u9fff]/.test(e.description) ? e.description : `「${e.description}」`;
    case 'end':
      return '公式结束';
    case 'any':
      return '任意字符';
    case 'class':
      if (e.inverted) return '其他字符';
      return e.parts.map((p) => (typeof p === 'string' ? `「${p}」` : `「${p[0]}–${p[1]}」`)).join('');
  }
}
