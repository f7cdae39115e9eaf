/**
 * Amounts in findings, in the unit the tables print (万元 or 元). A figure never prints as less
 * exact than it is: when exact 元 data differ by 3 分 in a 万元 table, the difference reads
 * 0.0003万元, not 0.00万元.
 */
import { FEN_PER, formatAmount, formatScaled, MAX_DECIMALS } from '../money';
import type { AmountFormat } from '../package';
import { type Rat, roundRat, type ValueKind } from './value';

/** An amount in a finding: money in 分, a count, or a pure number (a ratio). */
export type FindingAmount =
  | { kind: 'money'; fen: bigint; text: string }
  | { kind: 'count'; count: bigint; text: string }
  | { kind: 'number'; numerator: bigint; denominator: bigint; text: string };

/** The fewest decimals (at least `decimals`) that show every amount exactly in `unit`. */
export function exactDecimals(fens: readonly bigint[], format: AmountFormat): number {
  const perUnit = FEN_PER[format.unit];
  let decimals = format.decimals;
  for (const fen of fens) {
    while (decimals < MAX_DECIMALS[format.unit] && (fen * 10n ** BigInt(decimals)) % perUnit !== 0n) {
      decimals++;
    }
  }
  return decimals;
}

/** 分 → "940.49万元", with as many decimals as needed to be exact. */
export function formatMoney(fen: bigint, format: AmountFormat, decimals?: number): string {
  const shown = decimals ?? exactDecimals([fen], format);
  return `${formatAmount(fen, format.unit, { decimals: shown })}${format.unit}`;
}

/** A pure number: up to 4 decimals, rounded half up, trailing zeros dropped. */
export function formatNumber(value: Rat): string {
  if (value.d === 1n) return formatScaled(value.n, 0);
  const scaled = roundRat({ n: value.n * 10_000n, d: value.d });
  return formatScaled(scaled, 4).replace(/\.?0+$/, '');
}

/** A value of a rule as a finding amount; money that is not whole 分 is rounded half up to 分. */
export function findingAmount(
  kind: ValueKind,
  value: Rat,
  format: AmountFormat,
  decimals?: number,
): FindingAmount {
  switch (kind) {
    case 'money': {
      const fen = roundRat(value);
      return { kind, fen, text: formatMoney(fen, format, decimals) };
    }
    case 'count': {
      if (value.d === 1n) return { kind, count: value.n, text: formatScaled(value.n, 0) };
      return { kind: 'number', numerator: value.n, denominator: value.d, text: formatNumber(value) };
    }
    case 'number':
      return { kind, numerator: value.n, denominator: value.d, text: formatNumber(value) };
  }
}
