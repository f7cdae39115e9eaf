/**
 * Exact values with an interval: what a rule computes. Every number is an exact rational (`Q`),
 * never a binary float. A value carries its nominal (the figures as printed) and the interval
 * in which the true value lies when each printed figure may be off by up to half its last digit.
 *
 * The interval is open at its ends (a figure printed 940.49 万元 was at least 940.485 and less
 * than 940.495), so a comparison that only holds at an end of the interval does not hold.
 */

import {
  type Q,
  Q0,
  Q1,
  q,
  qAbs,
  qAdd,
  qCmp,
  qDiv,
  qIsZero,
  qMax,
  qMin,
  qMul,
  qNeg,
  qSign,
  qSub,
} from '../exact';

/**
 * What a value measures: money in 分, a count (辆, 人次, always exact), or a pure number (a ratio,
 * a constant). Mixing money with counts or with non-zero pure numbers in a sum or comparison is a
 * rule author's mistake (what unit would `T01[L27] > 100` be in?), so it is refused.
 */
export type ValueKind = 'money' | 'count' | 'number';

/** A nominal with its interval; a null bound is unbounded (after dividing by something near 0). */
export interface Val {
  readonly kind: ValueKind;
  readonly nom: Q;
  readonly lo: Q | null;
  readonly hi: Q | null;
}

export class ValueError extends Error {}

export function exact(kind: ValueKind, value: Q): Val {
  return { kind, nom: value, lo: value, hi: value };
}

/** A printed figure: `value` ± `halfStep` (0 for exact figures). */
export function printed(kind: ValueKind, value: bigint, halfStep: bigint): Val {
  const nom: Q = { n: value, d: 1n };
  if (halfStep === 0n) return { kind, nom, lo: nom, hi: nom };
  return { kind, nom, lo: { n: value - halfStep, d: 1n }, hi: { n: value + halfStep, d: 1n } };
}

export function isExact(v: Val): boolean {
  return v.lo !== null && v.hi !== null && qCmp(v.lo, v.nom) === 0 && qCmp(v.hi, v.nom) === 0;
}

const isExactZero = (v: Val): boolean => qIsZero(v.nom) && isExact(v);

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
    nom: qAdd(a.nom, b.nom),
    lo: a.lo && b.lo ? qAdd(a.lo, b.lo) : null,
    hi: a.hi && b.hi ? qAdd(a.hi, b.hi) : null,
  };
}

export function minus(a: Val, b: Val): Val {
  return {
    kind: additiveKind(a, b, '不能相减：'),
    nom: qSub(a.nom, b.nom),
    lo: a.lo && b.hi ? qSub(a.lo, b.hi) : null,
    hi: a.hi && b.lo ? qSub(a.hi, b.lo) : null,
  };
}

export function negate(a: Val): Val {
  return { kind: a.kind, nom: qNeg(a.nom), lo: a.hi ? qNeg(a.hi) : null, hi: a.lo ? qNeg(a.lo) : null };
}

export function times(a: Val, b: Val): Val {
  let kind: ValueKind;
  if (a.kind === 'money' && b.kind === 'money') throw new ValueError('两个金额不能相乘');
  else if (a.kind === 'money' || b.kind === 'money') kind = 'money';
  else if (a.kind === 'count' && b.kind === 'count') kind = 'number';
  else kind = a.kind === 'count' || b.kind === 'count' ? 'count' : 'number';
  const nom = qMul(a.nom, b.nom);
  if (isExactZero(a) || isExactZero(b)) return exact(kind, Q0);
  if (!a.lo || !a.hi || !b.lo || !b.hi) return { kind, nom, lo: null, hi: null };
  return { kind, nom, ...hull([qMul(a.lo, b.lo), qMul(a.lo, b.hi), qMul(a.hi, b.lo), qMul(a.hi, b.hi)]) };
}

export function dividedBy(a: Val, b: Val): Val {
  if (qIsZero(b.nom)) throw new ValueError('除数为零');
  let kind: ValueKind;
  if (b.kind === 'money') {
    if (a.kind !== 'money') throw new ValueError('不能用金额去除一个非金额的数');
    kind = 'number';
  } else if (a.kind === 'count' && b.kind === 'count') kind = 'number';
  else kind = a.kind;
  const nom = qDiv(a.nom, b.nom);
  if (isExactZero(a)) return exact(kind, Q0);
  // A divisor whose interval reaches 0 could be arbitrarily small: the quotient is unbounded.
  if (!b.lo || !b.hi || qSign(b.lo) * qSign(b.hi) <= 0) return { kind, nom, lo: null, hi: null };
  const reciprocal: Val = {
    kind: 'number',
    nom: qDiv(Q1, b.nom),
    ...hull([qDiv(Q1, b.lo), qDiv(Q1, b.hi)]),
  };
  return { ...times({ ...a, kind: 'number' }, reciprocal), kind, nom };
}

export function absolute(a: Val): Val {
  const nom = qAbs(a.nom);
  if (!a.lo || !a.hi) {
    if (a.lo && qSign(a.lo) >= 0) return { ...a, nom };
    if (a.hi && qSign(a.hi) <= 0) return { kind: a.kind, nom, lo: qNeg(a.hi), hi: null };
    return { kind: a.kind, nom, lo: Q0, hi: null };
  }
  if (qSign(a.lo) >= 0) return { ...a, nom };
  if (qSign(a.hi) <= 0) return { kind: a.kind, nom, lo: qNeg(a.hi), hi: qNeg(a.lo) };
  return { kind: a.kind, nom, lo: Q0, hi: qMax(qNeg(a.lo), a.hi) };
}

export function minimum(values: Val[]): Val {
  return values.reduce((a, b) => ({
    kind: additiveKind(a, b, 'MIN 不能比较：'),
    nom: qMin(a.nom, b.nom),
    lo: a.lo && b.lo ? qMin(a.lo, b.lo) : null,
    hi: a.hi && b.hi ? qMin(a.hi, b.hi) : (a.hi ?? b.hi),
  }));
}

export function maximum(values: Val[]): Val {
  return values.reduce((a, b) => ({
    kind: additiveKind(a, b, 'MAX 不能比较：'),
    nom: qMax(a.nom, b.nom),
    lo: a.lo && b.lo ? qMax(a.lo, b.lo) : (a.lo ?? b.lo),
    hi: a.hi && b.hi ? qMax(a.hi, b.hi) : null,
  }));
}

function hull(points: Q[]): { lo: Q; hi: Q } {
  let lo = points[0]!;
  let hi = lo;
  for (const p of points) {
    lo = qMin(lo, p);
    hi = qMax(hi, p);
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
  return differenceTruth(op, qSign(d.nom), isExact(d), d.lo ? qSign(d.lo) : -1, d.hi ? qSign(d.hi) : 1);
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
  const s = signOf(d);
  const exact = width === 0n;
  // An exact difference is its own interval: no bigint need be made for its ends.
  return differenceTruth(
    op === '>' ? '<' : op === '>=' ? '<=' : op,
    s,
    exact,
    exact ? s : signOf(d - width),
    exact ? s : signOf(d + width),
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
export function halfWidth(v: Val): Q | null {
  if (!v.lo || !v.hi) return null;
  return qDiv(qSub(v.hi, v.lo), q(2n));
}
