/**
 * Exact values with an interval: what a rule computes. Every number is a rational of two bigints
 * (never a binary float). A value carries its nominal (the figures as printed) and the interval
 * in which the true value lies when each printed figure may be off by up to half its last digit.
 *
 * The interval is open at its ends (a figure printed 940.49 万元 was at least 940.485 and less
 * than 940.495), so a comparison that only holds at an end of the interval does not hold.
 */

/** n / d with d > 0, reduced. */
export interface Rat {
  readonly n: bigint;
  readonly d: bigint;
}

export const ZERO: Rat = { n: 0n, d: 1n };

export function rat(n: bigint, d = 1n): Rat {
  if (d === 0n) throw new RangeError('denominator 0');
  if (d === 1n) return { n, d };
  if (d < 0n) {
    n = -n;
    d = -d;
  }
  const g = gcd(n < 0n ? -n : n, d);
  return g === 1n ? { n, d } : { n: n / g, d: d / g };
}

function gcd(a: bigint, b: bigint): bigint {
  while (b !== 0n) [a, b] = [b, a % b];
  return a === 0n ? 1n : a;
}

export function add(a: Rat, b: Rat): Rat {
  if (a.d === 1n && b.d === 1n) return { n: a.n + b.n, d: 1n };
  return rat(a.n * b.d + b.n * a.d, a.d * b.d);
}

export function sub(a: Rat, b: Rat): Rat {
  if (a.d === 1n && b.d === 1n) return { n: a.n - b.n, d: 1n };
  return rat(a.n * b.d - b.n * a.d, a.d * b.d);
}

export function mul(a: Rat, b: Rat): Rat {
  if (a.d === 1n && b.d === 1n) return { n: a.n * b.n, d: 1n };
  return rat(a.n * b.n, a.d * b.d);
}

export function div(a: Rat, b: Rat): Rat {
  if (b.n === 0n) throw new RangeError('division by zero');
  return rat(a.n * b.d, a.d * b.n);
}

export function neg(a: Rat): Rat {
  return { n: -a.n, d: a.d };
}

export function cmp(a: Rat, b: Rat): number {
  const l = a.d === b.d ? a.n : a.n * b.d;
  const r = a.d === b.d ? b.n : b.n * a.d;
  return l < r ? -1 : l > r ? 1 : 0;
}

export function sign(a: Rat): number {
  return a.n < 0n ? -1 : a.n > 0n ? 1 : 0;
}

export const isZero = (a: Rat): boolean => a.n === 0n;
const minRat = (a: Rat, b: Rat): Rat => (cmp(a, b) <= 0 ? a : b);
const maxRat = (a: Rat, b: Rat): Rat => (cmp(a, b) >= 0 ? a : b);

/** Parses "12.345" exactly. */
export function parseDecimal(text: string): Rat {
  const [int = '0', frac = ''] = text.split('.');
  return rat(BigInt(int + frac), 10n ** BigInt(frac.length));
}

/** Rounds half away from zero to an integer. */
export function roundRat(a: Rat): bigint {
  if (a.d === 1n) return a.n;
  const magnitude = ((a.n < 0n ? -a.n : a.n) * 2n + a.d) / (a.d * 2n);
  return a.n < 0n ? -magnitude : magnitude;
}

/**
 * What a value measures: money in 分, a count (辆, 人次, always exact), or a pure number (a ratio,
 * a constant). Mixing money with counts or with non-zero pure numbers in a sum or comparison is a
 * rule author's mistake (what unit would `T01[L27] > 100` be in?), so it is refused.
 */
export type ValueKind = 'money' | 'count' | 'number';

/** A nominal with its interval; a null bound is unbounded (after dividing by something near 0). */
export interface Val {
  readonly kind: ValueKind;
  readonly nom: Rat;
  readonly lo: Rat | null;
  readonly hi: Rat | null;
}

export class ValueError extends Error {}

export function exact(kind: ValueKind, value: Rat): Val {
  return { kind, nom: value, lo: value, hi: value };
}

/** A printed figure: `value` ± `halfStep` (0 for exact figures). */
export function printed(kind: ValueKind, value: bigint, halfStep: bigint): Val {
  const nom: Rat = { n: value, d: 1n };
  if (halfStep === 0n) return { kind, nom, lo: nom, hi: nom };
  return { kind, nom, lo: { n: value - halfStep, d: 1n }, hi: { n: value + halfStep, d: 1n } };
}

export function isExact(v: Val): boolean {
  return v.lo !== null && v.hi !== null && cmp(v.lo, v.nom) === 0 && cmp(v.hi, v.nom) === 0;
}

const isExactZero = (v: Val): boolean => isZero(v.nom) && isExact(v);

/** The kind of a sum or difference; throws when the two cannot be added. */
function additiveKind(a: Val, b: Val, what: string): ValueKind {
  if (a.kind === b.kind) return a.kind;
  // A literal 0 (or a row the table lacks) takes the other side's kind, even when that side is a
  // zero too: 0 辆 − 0 is a count, not a pure number.
  if (b.kind === 'number' && isExactZero(b)) return a.kind;
  if (isExactZero(a)) return b.kind;
  if (isExactZero(b)) return a.kind;
  if (a.kind === 'number' || b.kind === 'number') {
    const other = a.kind === 'number' ? b.kind : a.kind;
    if (other === 'count') return 'count';
    throw new ValueError(`${what}金额与不带单位的数字：金额常数须写明单位，如 100万元 或 5000元`);
  }
  throw new ValueError(`${what}金额与计数（个、辆、人次）`);
}

export function plus(a: Val, b: Val): Val {
  return {
    kind: additiveKind(a, b, '不能相加：'),
    nom: add(a.nom, b.nom),
    lo: a.lo && b.lo ? add(a.lo, b.lo) : null,
    hi: a.hi && b.hi ? add(a.hi, b.hi) : null,
  };
}

export function minus(a: Val, b: Val): Val {
  return {
    kind: additiveKind(a, b, '不能相减：'),
    nom: sub(a.nom, b.nom),
    lo: a.lo && b.hi ? sub(a.lo, b.hi) : null,
    hi: a.hi && b.lo ? sub(a.hi, b.lo) : null,
  };
}

export function negate(a: Val): Val {
  return { kind: a.kind, nom: neg(a.nom), lo: a.hi ? neg(a.hi) : null, hi: a.lo ? neg(a.lo) : null };
}

export function times(a: Val, b: Val): Val {
  let kind: ValueKind;
  if (a.kind === 'money' && b.kind === 'money') throw new ValueError('两个金额不能相乘');
  else if (a.kind === 'money' || b.kind === 'money') kind = 'money';
  else if (a.kind === 'count' && b.kind === 'count') kind = 'number';
  else kind = a.kind === 'count' || b.kind === 'count' ? 'count' : 'number';
  const nom = mul(a.nom, b.nom);
  if (isExactZero(a) || isExactZero(b)) return exact(kind, ZERO);
  if (!a.lo || !a.hi || !b.lo || !b.hi) return { kind, nom, lo: null, hi: null };
  return { kind, nom, ...hull([mul(a.lo, b.lo), mul(a.lo, b.hi), mul(a.hi, b.lo), mul(a.hi, b.hi)]) };
}

export function dividedBy(a: Val, b: Val): Val {
  if (isZero(b.nom)) throw new ValueError('除数为零');
  let kind: ValueKind;
  if (b.kind === 'money') {
    if (a.kind !== 'money') throw new ValueError('不能用金额去除一个非金额的数');
    kind = 'number';
  } else if (a.kind === 'count' && b.kind === 'count') kind = 'number';
  else kind = a.kind;
  const nom = div(a.nom, b.nom);
  if (isExactZero(a)) return exact(kind, ZERO);
  // A divisor whose interval reaches 0 could be arbitrarily small: the quotient is unbounded.
  if (!b.lo || !b.hi || sign(b.lo) * sign(b.hi) <= 0) return { kind, nom, lo: null, hi: null };
  const reciprocal: Val = {
    kind: 'number',
    nom: div(rat(1n), b.nom),
    ...hull([div(rat(1n), b.lo), div(rat(1n), b.hi)]),
  };
  return { ...times({ ...a, kind: 'number' }, reciprocal), kind, nom };
}

export function absolute(a: Val): Val {
  const nom = sign(a.nom) < 0 ? neg(a.nom) : a.nom;
  if (!a.lo || !a.hi) {
    if (a.lo && sign(a.lo) >= 0) return { ...a, nom };
    if (a.hi && sign(a.hi) <= 0) return { kind: a.kind, nom, lo: neg(a.hi), hi: null };
    return { kind: a.kind, nom, lo: ZERO, hi: null };
  }
  if (sign(a.lo) >= 0) return { ...a, nom };
  if (sign(a.hi) <= 0) return { kind: a.kind, nom, lo: neg(a.hi), hi: neg(a.lo) };
  return { kind: a.kind, nom, lo: ZERO, hi: maxRat(neg(a.lo), a.hi) };
}

export function minimum(values: Val[]): Val {
  return values.reduce((a, b) => ({
    kind: additiveKind(a, b, 'MIN 不能比较：'),
    nom: minRat(a.nom, b.nom),
    lo: a.lo && b.lo ? minRat(a.lo, b.lo) : null,
    hi: a.hi && b.hi ? minRat(a.hi, b.hi) : (a.hi ?? b.hi),
  }));
}

export function maximum(values: Val[]): Val {
  return values.reduce((a, b) => ({
    kind: additiveKind(a, b, 'MAX 不能比较：'),
    nom: maxRat(a.nom, b.nom),
    lo: a.lo && b.lo ? maxRat(a.lo, b.lo) : (a.lo ?? b.lo),
    hi: a.hi && b.hi ? maxRat(a.hi, b.hi) : null,
  }));
}

function hull(points: Rat[]): { lo: Rat; hi: Rat } {
  let lo = points[0]!;
  let hi = lo;
  for (const p of points) {
    lo = minRat(lo, p);
    hi = maxRat(hi, p);
  }
  return { lo, hi };
}

/**
 * How a comparison came out: `nominal` on the figures as printed; `possible` when some true
 * values inside the intervals satisfy it; `certain` when all do.
 */
export interface Truth3 {
  nominal: boolean;
  possible: boolean;
  certain: boolean;
}

export type CompareOp = '=' | '<>' | '<' | '<=' | '>' | '>=';

/**
 * The shared outcomes: a Truth3 is only ever read, so each of the few combinations is one frozen
 * object, and the hot path of a check allocates none.
 */
const TRUTHS: Truth3[] = [];
for (let i = 0; i < 8; i++) {
  TRUTHS.push(Object.freeze({ nominal: (i & 4) !== 0, possible: (i & 2) !== 0, certain: (i & 1) !== 0 }));
}

export function truth3(nominal: boolean, possible: boolean, certain: boolean): Truth3 {
  return TRUTHS[(nominal ? 4 : 0) + (possible ? 2 : 0) + (certain ? 1 : 0)]!;
}

/** Compares through the difference a − b and its open interval. */
export function compare(op: CompareOp, a: Val, b: Val): { truth: Truth3; difference: Val } {
  const d = minus(a, b);
  if (op === '>' || op === '>=') {
    const mirrored = compareDifference(op === '>' ? '<' : '<=', negate(d));
    return { truth: mirrored, difference: d };
  }
  return { truth: compareDifference(op, d), difference: d };
}

function compareDifference(op: '=' | '<>' | '<' | '<=', d: Val): Truth3 {
  return differenceTruth(op, sign(d.nom), isExact(d), d.lo ? sign(d.lo) : -1, d.hi ? sign(d.hi) : 1);
}

/**
 * `compare` for the common case, without rationals: integers (分 or counts) whose intervals are
 * symmetric, nominal ± width. Sums and differences of printed figures and integer constants are
 * exactly that (plus and minus add the half-widths of their operands), so for a − b written as
 * `difference` ± `width` this gives what `compare(op, a, b).truth` gives.
 */
export function compareSum(op: CompareOp, difference: bigint, width: bigint): Truth3 {
  // As in `compare`: a > b is tested as b − a < 0, the difference and its interval mirrored.
  const mirrored = op === '>' || op === '>=';
  const d = mirrored ? -difference : difference;
  return differenceTruth(
    op === '>' ? '<' : op === '>=' ? '<=' : op,
    signOf(d),
    width === 0n,
    signOf(d - width),
    signOf(d + width),
  );
}

function signOf(v: bigint): number {
  return v < 0n ? -1 : v > 0n ? 1 : 0;
}

/**
 * The outcome of `difference op 0` from the signs of the nominal difference and of the ends of
 * its open interval (`lo`, `hi`; −1 and 1 for an unbounded end).
 */
function differenceTruth(
  op: '=' | '<>' | '<' | '<=',
  s: number,
  exact: boolean,
  lo: number,
  hi: number,
): Truth3 {
  if (exact) {
    const holds = op === '=' ? s === 0 : op === '<>' ? s !== 0 : op === '<' ? s < 0 : s <= 0;
    return truth3(holds, holds, holds);
  }
  switch (op) {
    case '=':
      return truth3(s === 0, lo < 0 && hi > 0, false);
    case '<>':
      return truth3(s !== 0, true, lo >= 0 || hi <= 0);
    case '<':
      return truth3(s < 0, lo < 0, hi <= 0);
    case '<=':
      return truth3(s <= 0, lo < 0, hi <= 0);
  }
}

/** Half the width of the interval, for messages: the 尾数误差 allowance. */
export function halfWidth(v: Val): Rat | null {
  if (!v.lo || !v.hi) return null;
  return div(sub(v.hi, v.lo), rat(2n));
}
