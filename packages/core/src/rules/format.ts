/**
 * Amounts in findings, in the unit the tables print (万元 or 元). A figure never prints as less
 * exact than it is: when exact 元 data differ by 3 分 in a 万元 table, the difference reads
 * 0.0003万元, not 0.00万元.
 */

import { formatQ, formatScaled, type Q, qRound } from '../exact';
import { type Amount, moneyAmount, numberAmount } from '../finding';
import { FEN_PER, formatAmount, MAX_DECIMALS } from '../money';
import type { AmountFormat } from '../package';
import type { ValueKind } from './value';

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

/** A pure number: up to 4 decimals (四舍五入), trailing zeros dropped, thousands separated. */
export const formatNumber = (value: Q): string => formatQ(value, 4, true);

/** A value of a rule as a finding amount; money that is not whole 分 is rounded 四舍五入 to 分. */
export function findingAmount(kind: ValueKind, value: Q, format: AmountFormat, decimals?: number): Amount {
  switch (kind) {
    case 'money': {
      const fen = qRound(value);
      return moneyAmount(fen, formatMoney(fen, format, decimals));
    }
    case 'count':
      if (value.d === 1n) return { text: formatScaled(value.n, 0), value: value.n.toString(), unit: '个' };
      return numberAmount(value.n, value.d, '比值', formatNumber(value));
    case 'number':
      return numberAmount(value.n, value.d, '比值', formatNumber(value));
  }
}
