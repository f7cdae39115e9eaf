/**
 * Exact numbers for scoring. Points, scores, rates and indicator values are rationals of two bigints;
 * a score is finally an integer count of hundredths (分值 to 2 decimals), rounded half up once, at
 * the end of a formula — never binary floats, so 49.977 / 50 × 10 = 9.9954 rounds to 10.00 and not
 * to 9.99.
 */
import { toHalfWidth } from '../money';

/** n / d, d > 0, reduced. */
export interface Q {
  readonly n: bigint;
  readonly d: bigint;
}

export const Q0: Q = { n: 0n, d: 1n };
export const Q1: Q = { n: 1n, d: 1n };

function gcd(a: bigint, b: bigint): bigint {
  while (b !== 0n) [a, b] = [b, a % b];
  return a === 0n ? 1n : a;
}

export function q(n: bigint, d = 1n): Q {
  if (d === 0n) throw new RangeError('denominator 0');
  if (d < 0n) {
    n = -n;
    d = -d;
  }
  const g = gcd(n < 0n ? -n : n, d);
  return { n: n / g, d: d / g };
}

export const qAdd = (a: Q, b: Q): Q => q(a.n * b.d + b.n * a.d, a.d * b.d);
export const qSub = (a: Q, b: Q): Q => q(a.n * b.d - b.n * a.d, a.d * b.d);
export const qMul = (a: Q, b: Q): Q => q(a.n * b.n, a.d * b.d);
export function qDiv(a: Q, b: Q): Q {
  if (b.n === 0n) throw new RangeError('division by zero');
  return q(a.n * b.d, a.d * b.n);
}
export const qCmp = (a: Q, b: Q): number => {
  const l = a.n * b.d;
  const r = b.n * a.d;
  return l < r ? -1 : l > r ? 1 : 0;
};
export const qMin = (a: Q, b: Q): Q => (qCmp(a, b) <= 0 ? a : b);
export const qMax = (a: Q, b: Q): Q => (qCmp(a, b) >= 0 ? a : b);
export const qClamp = (a: Q, lo: Q, hi: Q): Q => qMax(lo, qMin(a, hi));
export const qAbs = (a: Q): Q => (a.n < 0n ? { n: -a.n, d: a.d } : a);
export const qIsZero = (a: Q): boolean => a.n === 0n;
export const qSum = (values: readonly Q[]): Q => values.reduce(qAdd, Q0);
export const qFromInt = (n: bigint | number): Q => ({ n: BigInt(n), d: 1n });
/** Hundredths (a score) as a rational. */
export const qFromHundredths = (h: bigint): Q => q(h, 100n);

const DECIMAL = /^([+-]?)(\d+)(?:\.(\d+))?$/;

/**
 * A decimal written as text or a JSON number ("49.976847", "85", "1,234.5", full-width digits) as
 * an exact rational; null when it is not a plain decimal.
 */
export function parseDecimal(input: string | number): Q | null {
  const text =
    typeof input === 'number'
      ? Number.isFinite(input)
        ? String(input)
        : ''
      : toHalfWidth(input).trim().replace(/,/g, '');
  const m = DECIMAL.exec(text);
  if (!m) return null;
  const [, sign, int = '', frac = ''] = m;
  const n = BigInt(int + frac);
  return q(sign === '-' ? -n : n, 10n ** BigInt(frac.length));
}

/** Decimals written after the point ("4.50" → 2); null when not a decimal. */
export function decimalPlaces(input: string | number): number | null {
  const text = typeof input === 'number' ? String(input) : toHalfWidth(input).trim().replace(/,/g, '');
  const m = DECIMAL.exec(text);
  if (!m) return null;
  return m[3]?.length ?? 0;
}

/** Rounds half away from zero to an integer. */
export function qRound(a: Q): bigint {
  const magnitude = ((a.n < 0n ? -a.n : a.n) * 2n + a.d) / (a.d * 2n);
  return a.n < 0n ? -magnitude : magnitude;
}

/** A score rounded to 2 decimals (四舍五入), as hundredths: 8.1870625 → 819n. */
export const toHundredths = (a: Q): bigint => qRound(qMul(a, q(100n)));

/** Hundredths as text: 819n → "8.19", 1000n → "10.00". */
export function formatHundredths(h: bigint): string {
  const negative = h < 0n;
  const digits = (negative ? -h : h).toString().padStart(3, '0');
  return `${negative ? '-' : ''}${digits.slice(0, -2)}.${digits.slice(-2)}`;
}

/** A rational as a decimal text with at most `decimals` places, trailing zeros dropped: 4.24, 112.05. */
export function formatQ(a: Q, decimals = 4): string {
  const scaled = qRound(qMul(a, q(10n ** BigInt(decimals))));
  const negative = scaled < 0n;
  const digits = (negative ? -scaled : scaled).toString().padStart(decimals + 1, '0');
  const int = digits.slice(0, digits.length - decimals);
  const frac = digits.slice(digits.length - decimals).replace(/0+$/, '');
  return `${negative ? '-' : ''}${int}${frac ? `.${frac}` : ''}`;
}

/** A ratio as a percentage text with 2 decimals: 0.81870625 → "81.87%". */
export function formatRatioPercent(ratio: Q, decimals = 2): string {
  const scaled = qRound(qMul(ratio, q(100n * 10n ** BigInt(decimals))));
  const negative = scaled < 0n;
  const digits = (negative ? -scaled : scaled).toString().padStart(decimals + 1, '0');
  const int = digits.slice(0, digits.length - decimals);
  const frac = digits.slice(digits.length - decimals);
  return `${negative ? '-' : ''}${int}${decimals ? `.${frac}` : ''}%`;
}

/** A percentage written as a number (85 → 0.85). */
export const fromPercent = (percent: Q): Q => qDiv(percent, q(100n));
