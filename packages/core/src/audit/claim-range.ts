/**
 * Printed-precision interval arithmetic for narrative claims: every printed figure stands for the
 * interval of values that print so, and a claim is accepted when some true values in those
 * intervals make it right. Also how such intervals and ratios are written back as text.
 */

import { halfStepOf } from '../check';
import { formatScaled, type Q, q, qAdd, qCmp, qDiv, qMax, qMin, qRound, qSub } from '../exact';
import { FEN_PER, isMoneyUnit, type MoneyUnit } from '../money';
import type { ClaimStatus } from './claim-model';
import type { Claim } from './claims';
import type { ClaimsProfile } from './claims-profile';

/** A closed-or-half-open interval of exact values: [lo, hi) (a point when lo = hi). */
export interface Range {
  lo: Q;
  hi: Q;
}

export interface Resolved {
  range: Range;
  nominal: Q;
  kind: 'money' | 'count';
  /** At least one cell holds a printed figure. */
  printed: boolean;
  /** Every cell is from a printed table (not the narrative's own side data). */
  fromTables: boolean;
  cells: string[];
}

export function narrativeHalfStep(claims: ClaimsProfile): bigint {
  return halfStepOf({ unit: claims.narrative.unit, decimals: claims.narrative.decimals });
}

/** The interval a stated figure stands for: its value ± half its last written digit. */
export function statedRange(claim: Claim): Resolved {
  const fig = claim.figure!;
  const value = fig.value;
  if (isMoneyUnit(fig.unit)) {
    const step = FEN_PER[fig.unit] / 10n ** BigInt(fig.decimals);
    // A plain 0 (事业收入0万元) says there was none, not that it rounds to nothing.
    const half = step >= 2n && !(value === 0n && fig.decimals === 0) ? step / 2n : 0n;
    return {
      range: { lo: q(value - half), hi: q(value + half) },
      nominal: q(value),
      kind: 'money',
      printed: true,
      fromTables: false,
      cells: [],
    };
  }
  return {
    range: { lo: q(value), hi: q(value) },
    nominal: q(value),
    kind: 'count',
    printed: true,
    fromTables: false,
    cells: [],
  };
}

export function isPoint(r: Range): boolean {
  return qCmp(r.lo, r.hi) === 0;
}

/** Whether some value lies in both: [a.lo, a.hi) and [b.lo, b.hi), points included. */
export function overlaps(a: Range, b: Range): boolean {
  if (isPoint(a) && isPoint(b)) return qCmp(a.lo, b.lo) === 0;
  if (isPoint(a)) return qCmp(b.lo, a.lo) <= 0 && qCmp(a.lo, b.hi) < 0;
  if (isPoint(b)) return qCmp(a.lo, b.lo) <= 0 && qCmp(b.lo, a.hi) < 0;
  return qCmp(a.lo, b.hi) < 0 && qCmp(b.lo, a.hi) < 0;
}

/** Closed overlap, for computed ratio ranges against a printed percentage. */
function overlapsClosed(printed: Range, computed: Range): boolean {
  return qCmp(printed.lo, computed.hi) <= 0 && qCmp(computed.lo, printed.hi) < 0;
}

interface Verdict {
  status: ClaimStatus;
  note?: string;
  expected?: string;
  /** The narrative and the one table cell print one figure a last digit apart: 舍入不一致, not a wrong figure. */
  lastDigitApart?: true;
}

/** A stated amount against the table value: equal as printed, or only a truncation / too few decimals. */
export function compareAmount(claim: Claim, resolved: Resolved, claims: ClaimsProfile): Verdict {
  const fig = claim.figure!;
  const unit = fig.unit;
  if (resolved.kind === 'count' || !isMoneyUnit(unit)) {
    const ok =
      overlaps({ lo: q(fig.value), hi: q(fig.value) }, resolved.range) ||
      overlapsClosed(pointRange(fig.value), resolved.range);
    return { status: ok ? 'ok' : 'mismatch' };
  }
  const target = claims.narrative.decimals;
  const at = (decimals: number): Range => {
    const step = FEN_PER[unit] / 10n ** BigInt(decimals);
    const half = step / 2n;
    return { lo: q(fig.value - half), hi: q(fig.value + half) };
  };
  const truncated = (decimals: number): Range => {
    const step = FEN_PER[unit] / 10n ** BigInt(decimals);
    return { lo: q(fig.value), hi: q(fig.value + step) };
  };
  const proper = formatRange(resolved, unit, true);
  if (fig.decimals >= target) {
    if (overlaps(at(fig.decimals), resolved.range)) return { status: 'ok' };
    if (fig.decimals === target && fig.value >= 0n && overlaps(truncated(target), resolved.range)) {
      return { status: 'format', note: `似为截断所得；四舍五入应为 ${proper}`, expected: proper };
    }
    if (lastDigitApart(fig.value, FEN_PER[unit] / 10n ** BigInt(fig.decimals), resolved)) {
      return { status: 'format', lastDigitApart: true, expected: proper };
    }
    return { status: 'mismatch' };
  }
  if (overlaps(at(target), resolved.range)) return { status: 'ok' };
  if (overlaps(at(fig.decimals), resolved.range) || overlaps(truncated(fig.decimals), resolved.range)) {
    return {
      status: 'format',
      note: `只保留了 ${fig.decimals} 位小数；金额应保留 ${target} 位小数，应写 ${proper}`,
      expected: proper,
    };
  }
  return { status: 'mismatch' };
}

/**
 * A stated figure and the one printed cell it restates, apart by no more than one unit of the
 * coarser last printed digit: the two were rounded from one true figure at different places (the
 * official software rounds 元 to 万元 per table), so 12.35 against 12.34 is no wrong figure.
 */
function lastDigitApart(value: bigint, step: bigint, resolved: Resolved): boolean {
  if (!resolved.fromTables || resolved.cells.length !== 1 || resolved.nominal.d !== 1n) return false;
  const width = qSub(resolved.range.hi, resolved.range.lo);
  const unit = width.d === 1n && width.n > step ? width.n : step;
  const gap = value - resolved.nominal.n;
  return unit > 0n && gap <= unit && -gap <= unit;
}

function pointRange(value: bigint): Range {
  return { lo: q(value), hi: q(value) };
}

/** A printed percentage against the interval of possible ratios (in percent). */
export function comparePercent(digits: string, ratio: Range, target: number): Verdict {
  const [int = '0', frac = ''] = digits.split('.');
  const decimals = frac.length;
  const value = q(BigInt(int + frac), 10n ** BigInt(decimals));
  const half = (d: number) => q(1n, 2n * 10n ** BigInt(d));
  const around = (d: number): Range => ({ lo: qSub(value, half(d)), hi: qAdd(value, half(d)) });
  const truncated = (d: number): Range => ({ lo: value, hi: qAdd(value, q(1n, 10n ** BigInt(d))) });
  const expected = formatPercentRange(ratio, target);
  if (decimals >= target) {
    if (overlapsClosed(around(decimals), ratio)) return { status: 'ok', expected };
    if (decimals === target && overlapsClosed(truncated(target), ratio)) {
      return { status: 'format', note: `似为截断所得；四舍五入应为 ${expected}`, expected };
    }
    return { status: 'mismatch', expected };
  }
  if (overlapsClosed(around(target), ratio)) return { status: 'ok', expected };
  if (overlapsClosed(around(decimals), ratio) || overlapsClosed(truncated(decimals), ratio)) {
    return {
      status: 'format',
      note: `只保留了 ${decimals} 位小数；百分比应保留 ${target} 位小数（四舍五入），应为 ${expected}`,
      expected,
    };
  }
  return { status: 'mismatch', expected };
}

export function minRat(list: Q[]): Q {
  return list.reduce(qMin);
}

export function maxRat(list: Q[]): Q {
  return list.reduce(qMax);
}

/** A rational rounded 四舍五入 to `decimals` and printed without separators. */
function roundText(r: Q, decimals: number): string {
  return formatScaled(qRound(r, decimals), decimals, false);
}

function formatPercentRange(ratio: Range, decimals: number): string {
  const lo = roundText(ratio.lo, decimals);
  const hi = roundText(ratio.hi, decimals);
  return lo === hi ? `${lo}%` : `${lo}%～${hi}%`;
}

export function formatRat(r: Q, unit: MoneyUnit): string {
  return `${roundText(qDiv(r, q(FEN_PER[unit])), 2)}${unit}`;
}

/** A resolved figure as text in the narrative's unit, 2 decimals; a range when rounding leaves a choice. */
export function formatRange(
  resolved: Resolved,
  unit: MoneyUnit,
  withUnit: boolean,
  figure?: Claim['figure'],
): string {
  if (resolved.kind === 'count') return `${roundText(resolved.nominal, 0)}${figure?.unit ?? ''}`;
  const u = withUnit ? unit : '';
  if (isPoint(resolved.range)) return `${roundText(qDiv(resolved.nominal, q(FEN_PER[unit])), 2)}${u}`;
  // The nominal is what the tables print: show it rather than an interval.
  return `${roundText(qDiv(resolved.nominal, q(FEN_PER[unit])), 2)}${u}`;
}
