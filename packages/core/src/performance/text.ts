/**
 * Reading 年度指标值 and 实际完成值 as printed: "≥25 万元", "＞=95%", "大于等于95%", "6-9个月",
 * "96%", "基本达成目标". Used to help data entry and to check that an actual is a value (R13).
 */

import { parseDecimal, type Q } from '../exact';
import { toHalfWidth } from '../text/normalize';
import type { TargetKind } from './schema';

const COMPARATORS: [RegExp, TargetKind][] = [
  [/^(≥|>=|=>|≧|大于或等于|大于等于|不低于|不少于|不小于|至少)/, 'ge'],
  [/^(≤|<=|=<|≦|小于或等于|小于等于|不高于|不超过|不多于|不大于|最多)/, 'le'],
  [/^(>|大于|高于|超过|多于)/, 'gt'],
  [/^(<|小于|低于|少于)/, 'lt'],
  [/^(=|等于)/, 'eq'],
];

const NUMBER_UNIT = /^([+-]?\d+(?:\.\d+)?)(.*)$/;
const RANGE = /^(\d+(?:\.\d+)?)(%|[^\d\s-~～—至到]*)?(?:-|~|～|—|–|至|到)(\d+(?:\.\d+)?)(.*)$/;

/** Half-width digits and comparison signs, no spaces. */
export function normalizeValueText(text: string): string {
  return toHalfWidth(text)
    .replace(/\uFF1E/g, '>')
    .replace(/\uFF1C/g, '<')
    .replace(/\uFF1D/g, '=')
    .replace(/\uFF05/g, '%')
    .replace(/\s+/g, '');
}

export interface ParsedTarget {
  kind: TargetKind;
  value?: string;
  min?: string;
  max?: string;
  unit?: string;
  /** A number printed without a comparison sign; `kind` is then a guess (≥). */
  bare?: true;
}

/** A target as printed → its kind, numbers and unit (a suggestion for data entry). */
export function parseTargetText(text: string): ParsedTarget {
  const t = normalizeValueText(text);
  for (const [pattern, kind] of COMPARATORS) {
    const m = pattern.exec(t);
    if (!m) continue;
    const rest = t.slice(m[0].length);
    const num = NUMBER_UNIT.exec(rest);
    if (num) return { kind, value: num[1]!, ...unitOf(num[2]) };
  }
  const range = RANGE.exec(t);
  if (range) {
    const unit = (range[4] || range[2] || '').trim();
    return { kind: 'range', min: range[1]!, max: range[3]!, ...(unit ? { unit } : {}) };
  }
  const num = NUMBER_UNIT.exec(t);
  if (num) return { kind: 'ge', value: num[1]!, ...unitOf(num[2]), bare: true };
  return { kind: 'qual' };
}

function unitOf(rest: string | undefined): { unit?: string } {
  const unit = (rest ?? '').replace(/^[(（]|[)）]$/g, '').trim();
  return unit ? { unit } : {};
}

export type ParsedActual =
  | { kind: 'empty' }
  | { kind: 'number'; value: Q; unit?: string }
  /** Written as a comparison ("≥90%"): a target, not a result. */
  | { kind: 'inequality'; text: string }
  | { kind: 'label'; text: string };

/** An actual as printed → a number with its unit, a comparison, or a label. */
export function parseActualText(text: string | undefined): ParsedActual {
  if (text === undefined) return { kind: 'empty' };
  const t = normalizeValueText(text);
  if (t === '') return { kind: 'empty' };
  for (const [pattern] of COMPARATORS) {
    if (pattern.test(t) && /\d/.test(t)) return { kind: 'inequality', text };
  }
  const num = NUMBER_UNIT.exec(t);
  if (num) {
    const unit = (num[2] ?? '').trim();
    // "12000人次" is a number with a unit; "2次定点评估" is text that starts with a number.
    if (unit === '' || /^[%‰a-zA-Z\u4e00-\u9fff/·()（）]{1,6}$/.test(unit)) {
      const value = parseDecimal(num[1]!);
      if (value) return { kind: 'number', value, ...(unit ? { unit } : {}) };
    }
  }
  return { kind: 'label', text: text.trim() };
}

/** Same text once spaces and full-width forms are ignored. */
export const sameText = (a: string, b: string): boolean => normalizeValueText(a) === normalizeValueText(b);
