/**
 * Exact numbers: every figure juesuan computes is a rational of two bigints, never a binary float,
 * read from decimal text by one parser and rounded by one policy, 四舍五入 — halves away from
 * zero (0.005 → 0.01, −0.005 → −0.01) — so a table, a finding, a score and a report never
 * disagree about the last digit.
 */
import { toHalfWidth } from './text/normalize';

/** n / d with d > 0 and n, d coprime, so one value has one representation. */
export interface Q {
  readonly n: bigint;
  readonly d: bigint;
}

export const Q0: Q = { n: 0n, d: 1n };
export const Q1: Q = { n: 1n, d: 1n };

export function q(n: bigint, d = 1n): Q {
  if (d === 1n) return { n, d };
  if (d === 0n) throw new RangeError('denominator 0');
  if (d < 0n) {
    n = -n;
    d = -d;
  }
  const g = gcd(n < 0n ? -n : n, d);
  return g === 1n ? { n, d } : { n: n / g, d: d / g };
}

/** Of two non-negative integers; 1 when both are 0, so dividing by it is always safe. */
function gcd(a: bigint, b: bigint): bigint {
  while (b !== 0n) [a, b] = [b, a % b];
  return a === 0n ? 1n : a;
}

export const qFromInt = (n: bigint | number): Q => ({ n: BigInt(n), d: 1n });

// Rules sum and compare integers (分, counts) far more often than fractions: the integer cases
// skip the reduction.

export function qAdd(a: Q, b: Q): Q {
  if (a.d === 1n && b.d === 1n) return { n: a.n + b.n, d: 1n };
  return q(a.n * b.d + b.n * a.d, a.d * b.d);
}

export function qSub(a: Q, b: Q): Q {
  if (a.d === 1n && b.d === 1n) return { n: a.n - b.n, d: 1n };
  return q(a.n * b.d - b.n * a.d, a.d * b.d);
}

export function qMul(a: Q, b: Q): Q {
  if (a.d === 1n && b.d === 1n) return { n: a.n * b.n, d: 1n };
  return q(a.n * b.n, a.d * b.d);
}

export function qDiv(a: Q, b: Q): Q {
  if (b.n === 0n) throw new RangeError('division by zero');
  return q(a.n * b.d, a.d * b.n);
}

export const qNeg = (a: Q): Q => ({ n: -a.n, d: a.d });
export const qAbs = (a: Q): Q => (a.n < 0n ? qNeg(a) : a);

export function qCmp(a: Q, b: Q): number {
  const l = a.d === b.d ? a.n : a.n * b.d;
  const r = a.d === b.d ? b.n : b.n * a.d;
  return l < r ? -1 : l > r ? 1 : 0;
}

export const qSign = (a: Q): number => (a.n < 0n ? -1 : a.n > 0n ? 1 : 0);
export const qIsZero = (a: Q): boolean => a.n === 0n;
export const qMin = (a: Q, b: Q): Q => (qCmp(a, b) <= 0 ? a : b);
export const qMax = (a: Q, b: Q): Q => (qCmp(a, b) >= 0 ? a : b);
export const qClamp = (a: Q, lo: Q, hi: Q): Q => qMax(lo, qMin(a, hi));
export const qSum = (values: readonly Q[]): Q => values.reduce(qAdd, Q0);

/** A percentage written as a number (85 → 0.85). */
export const fromPercent = (percent: Q): Q => qDiv(percent, { n: 100n, d: 1n });

// ---------------------------------------------------------------------------------------------
// Rounding: the one policy.

/** dividend ÷ divisor rounded 四舍五入 to an integer: 5 ÷ 2 → 3, −5 ÷ 2 → −3, 4 ÷ 3 → 1. */
export function divideRounded(dividend: bigint, divisor: bigint): bigint {
  if (divisor === 0n) throw new RangeError('division by zero');
  const negative = dividend < 0n !== divisor < 0n;
  const n = dividend < 0n ? -dividend : dividend;
  const d = divisor < 0n ? -divisor : divisor;
  const magnitude = (n * 2n + d) / (d * 2n);
  return negative ? -magnitude : magnitude;
}

/** `a` rounded 四舍五入 to `decimals` places, counted in 10^−decimals: (8.1870625, 2) → 819n. */
export function qRound(a: Q, decimals = 0): bigint {
  // Every finding rounds its amounts to whole 分, mostly integers already.
  if (decimals === 0) return a.d === 1n ? a.n : divideRounded(a.n, a.d);
  const scale = 10n ** BigInt(decimals);
  return a.d === 1n ? a.n * scale : divideRounded(a.n * scale, a.d);
}

/** A score (分值) to 2 decimals as hundredths: 8.1870625 → 819n. */
export const toHundredths = (a: Q): bigint => qRound(a, 2);
export const qFromHundredths = (h: bigint): Q => q(h, 100n);

// ---------------------------------------------------------------------------------------------
// Printing.

/** An integer counting 10^−decimals as text: (94049n, 2) → "940.49", with thousands separators. */
export function formatScaled(scaled: bigint, decimals: number, grouping = true): string {
  const negative = scaled < 0n;
  return renderScaled((negative ? -scaled : scaled).toString(), negative, decimals, grouping);
}

/**
 * `formatScaled` for the digits of the magnitude, for callers that hold them as text already
 * (money's float fast path never makes a bigint).
 */
export function renderScaled(digits: string, negative: boolean, decimals: number, grouping: boolean): string {
  const padded = digits.length <= decimals ? digits.padStart(decimals + 1, '0') : digits;
  const cut = padded.length - decimals;
  let intPart = padded.slice(0, cut);
  if (grouping && cut > 3) {
    const head = cut % 3 || 3;
    let grouped = intPart.slice(0, head);
    for (let at = head; at < cut; at += 3) grouped += `,${intPart.slice(at, at + 3)}`;
    intPart = grouped;
  }
  const text = decimals > 0 ? `${intPart}.${padded.slice(cut)}` : intPart;
  return negative ? `-${text}` : text;
}

/** Hundredths as text: 819n → "8.19", 1000n → "10.00". */
export const formatHundredths = (h: bigint): string => formatScaled(h, 2, false);

/** `a` with at most `decimals` places, trailing zeros dropped: 4.24, 112.05, 1/3 → "0.3333". */
export function formatQ(a: Q, decimals = 4, grouping = false): string {
  const text = formatScaled(qRound(a, decimals), decimals, grouping);
  return decimals > 0 ? text.replace(/\.?0+$/, '') : text;
}

/** A ratio as a percentage with `decimals` places: 0.81870625 → "81.87%". */
export function formatRatioPercent(ratio: Q, decimals = 2): string {
  return `${formatScaled(qRound(qMul(ratio, { n: 100n, d: 1n }), decimals), decimals, false)}%`;
}

// ---------------------------------------------------------------------------------------------
// Reading decimals.

/** Thousands separators only between groups of three ("1,234", never "12,34"); ".5" is not a decimal. */
const DECIMAL = /^([+-]?)(\d{1,3}(?:,\d{3})+|\d+)(?:\.(\d*))?$/;

/** A JSON number beyond this many significant digits may not be the decimal its writer meant. */
const MAX_NUMBER_DIGITS = 15;

/**
 * A decimal as written: sign, integer digits (separators dropped) and fraction digits, exactly as
 * many as were written ("4.50" keeps "50"); or why it is not one. `plain` is what was read.
 */
export type DecimalReading =
  | { ok: true; negative: boolean; integer: string; fraction: string }
  | { ok: false; problem: 'empty' | 'notFinite' | 'imprecise' | 'notDecimal'; plain: string };

/**
 * Reads a plain decimal from text or a JS number. Text may carry full-width digits and signs,
 * spaces anywhere (a PDF prints "12 345.00"), thousands separators and a trailing point ("5.").
 * Refused: exponents and units in text, misplaced separators ("12,34" may be a decimal comma),
 * a bare fraction (".5"), and numbers that are not finite or have more than 15 significant
 * digits (a JSON number that long may already have lost its last digits).
 */
export function readDecimal(input: string | number): DecimalReading {
  let plain: string;
  if (typeof input === 'number') {
    if (!Number.isFinite(input)) return { ok: false, problem: 'notFinite', plain: String(input) };
    plain = numberToPlainString(input);
    if (plain.replace(/[-+.]/g, '').replace(/^0+/, '').length > MAX_NUMBER_DIGITS) {
      return { ok: false, problem: 'imprecise', plain };
    }
  } else {
    plain = toHalfWidth(input).replace(/\s+/g, '');
    if (plain === '') return { ok: false, problem: 'empty', plain };
  }
  const match = DECIMAL.exec(plain);
  if (!match) return { ok: false, problem: 'notDecimal', plain };
  const [, sign, integer = '', fraction = ''] = match;
  return { ok: true, negative: sign === '-', integer: integer.replace(/,/g, ''), fraction };
}

/** The exact value of a decimal (see `readDecimal`); null when it is not one. */
export function parseDecimal(input: string | number): Q | null {
  const read = readDecimal(input);
  if (!read.ok) return null;
  const n = BigInt(read.integer + read.fraction);
  return q(read.negative ? -n : n, 10n ** BigInt(read.fraction.length));
}

/** A number's shortest round-trip decimal, with an exponent form (1e21, 1e-7) written out. */
function numberToPlainString(value: number): string {
  const text = String(value);
  if (!/e/i.test(text)) return text;
  const [mantissa = '', exponentText = '0'] = text.toLowerCase().split('e');
  const exponent = Number(exponentText);
  const negative = mantissa.startsWith('-');
  const [intDigits = '', fracDigits = ''] = mantissa.replace('-', '').split('.');
  const allDigits = intDigits + fracDigits;
  const point = intDigits.length + exponent;
  let plain: string;
  if (point <= 0) plain = `0.${'0'.repeat(-point)}${allDigits}`;
  else if (point >= allDigits.length) plain = allDigits + '0'.repeat(point - allDigits.length);
  else plain = `${allDigits.slice(0, point)}.${allDigits.slice(point)}`;
  return (negative ? '-' : '') + plain;
}
