/**
 * Exact money. Every amount is an integer number of 分 (bigint); 元, 千元 and 万元 are presentations.
 *
 * Rounding policy (one policy for every output, so a DOCX and an XLSX never disagree):
 * - 四舍五入, half away from zero, as everywhere (`exact.ts`): 0.005 万元 → 0.01, −0.005 → −0.01.
 * - 尾差 (rounding residual): every printed figure is rounded on its own from exact 分, totals
 *   included. A total is never the sum of already-rounded parts, so a 万元 table may show a total
 *   that differs from the sum of its printed lines by a few 0.01; documents carry the note
 *   “本套报表金额单位转换时可能存在尾数误差”. Checks on printed figures allow exactly that residual
 *   through interval arithmetic (see `printedInterval`).
 */

import { type DecimalReading, divideRounded, formatScaled, readDecimal, renderScaled } from './exact';

/** The units tables print money in; one document may print different tables in different ones. */
export const MONEY_UNITS = ['元', '千元', '万元'] as const;
export type MoneyUnit = (typeof MONEY_UNITS)[number];

/** 分 per unit. */
export const FEN_PER: Record<MoneyUnit, bigint> = { 元: 100n, 千元: 100_000n, 万元: 1_000_000n };

/** The most decimals a unit can carry and still be a whole number of 分. */
export const MAX_DECIMALS: Record<MoneyUnit, number> = { 元: 2, 千元: 5, 万元: 6 };

export function isMoneyUnit(text: string | undefined): text is MoneyUnit {
  return (MONEY_UNITS as readonly (string | undefined)[]).includes(text);
}

/**
 * The money unit a printed unit line states: "单位：元", "金额单位：千元", "（单位：万元）",
 * "单位：人民币万元"; undefined when it names none (人、个, or nothing).
 */
export function moneyUnitOf(printed: string | undefined): MoneyUnit | undefined {
  return /万元|千元|元/.exec(printed ?? '')?.[0] as MoneyUnit | undefined;
}

export type ParseResult = { ok: true; fen: bigint } | { ok: false; reason: string };

/**
 * Parses an amount written in `unit` into 分, exactly.
 * Accepts "1,234.56", "1234.5", "-0.005", full-width digits and JS numbers (see `readDecimal`). A
 * value with more decimals than `maxDecimals` (default: what the unit allows down to 分) is
 * refused, never rounded.
 */
export function parseAmount(
  input: string | number,
  unit: MoneyUnit,
  maxDecimals: number = MAX_DECIMALS[unit],
): ParseResult {
  const read = readDecimal(input);
  if (!read.ok) return { ok: false, reason: amountProblem(read, input) };
  if (read.fraction.length > maxDecimals) {
    return {
      ok: false,
      reason: `“${input}”有 ${read.fraction.length} 位小数，${unit}金额最多 ${maxDecimals} 位；不做自动舍入`,
    };
  }
  // MAX_DECIMALS[unit] is exactly the number of decimals down to 分 (元: 2, 千元: 5, 万元: 6), so
  // padding the fraction to it and dropping the point yields 分.
  const fen = BigInt(read.integer + read.fraction.padEnd(MAX_DECIMALS[unit], '0'));
  return { ok: true, fen: read.negative ? -fen : fen };
}

function amountProblem(read: DecimalReading & { ok: false }, input: string | number): string {
  switch (read.problem) {
    case 'notFinite':
      return `不是有限数字（${input}）`;
    case 'imprecise':
      return `数字 ${read.plain} 超过 15 位有效数字，JSON 数字可能已失去精度；请写成字符串，如 "${read.plain}"`;
    case 'empty':
      return '金额为空';
    case 'notDecimal':
      return `“${input}”不是金额；应为数字，可带千分位逗号和小数点，如 "1,234.56"`;
  }
}

export interface FormatOptions {
  /** Decimals shown; 2 by default. */
  decimals?: number;
  /** Thousands separators; on by default. */
  grouping?: boolean;
}

/** 10^decimals for the decimals a figure is printed with. */
const POW10 = [1n, 10n, 100n, 1000n, 10000n, 100000n, 1000000n];

/**
 * Largest |分| formatted with float arithmetic, by decimals: below it |fen| × 2 × 10^decimals plus
 * the largest unit's 分 stays under 2^53, so every step is an exact integer operation. Figures beyond it
 * take the bigint path; both give the same text.
 */
const FLOAT_SAFE_FEN = POW10.map((scale) => (2n ** 53n - 2n * FEN_PER.万元) / (2n * scale));

/** 分 → text in `unit`, rounded half up to `decimals`. */
export function formatAmount(fen: bigint, unit: MoneyUnit, options: FormatOptions = {}): string {
  const decimals = options.decimals ?? 2;
  const grouping = options.grouping ?? true;
  const limit = FLOAT_SAFE_FEN[decimals];
  // Every cell of every table is printed through here: integers in a double when they fit, as a
  // bigint operation allocates each intermediate. This is `divideRounded` done in doubles.
  if (limit !== undefined && fen <= limit && fen >= -limit) {
    const value = Number(fen);
    const magnitude = value < 0 ? -value : value;
    const divisor = 2 * Number(FEN_PER[unit]);
    const twice = magnitude * 2 * 10 ** decimals + divisor / 2;
    const units = (twice - (twice % divisor)) / divisor;
    return renderScaled(String(units), value < 0 && units !== 0, decimals, grouping);
  }
  return formatScaled(divideRounded(fen * 10n ** BigInt(decimals), FEN_PER[unit]), decimals, grouping);
}

export const formatYuan = (fen: bigint, options?: FormatOptions) => formatAmount(fen, '元', options);
export const formatWan = (fen: bigint, options?: FormatOptions) => formatAmount(fen, '万元', options);

/** The exact value of `fen` rounded to what `unit` with `decimals` prints, back in 分. */
export function roundToPrinted(fen: bigint, unit: MoneyUnit, decimals = 2): bigint {
  const step = printedStep(unit, decimals);
  return divideRounded(fen, step) * step;
}

/** 分 in one printed last digit: 万元 with 2 decimals → 10,000 分 (0.01 万元 = 100 元). */
export function printedStep(unit: MoneyUnit, decimals: number): bigint {
  const step = FEN_PER[unit] / 10n ** BigInt(decimals);
  if (step < 1n) throw new RangeError(`${unit} with ${decimals} decimals is finer than 1 分`);
  return step;
}

/**
 * A percentage part/whole × 100 rounded 四舍五入 to `decimals`, as scaled integer (e.g. 7286 = 72.86%),
 * or null when the whole is zero (no rate can be stated).
 */
export function percentScaled(part: bigint, whole: bigint, decimals = 2): bigint | null {
  if (whole === 0n) return null;
  return divideRounded(part * 100n * 10n ** BigInt(decimals), whole);
}

/** "72.86" for 685.21 of 940.49; null when the whole is zero. */
export function formatPercent(part: bigint, whole: bigint, decimals = 2): string | null {
  const scaled = percentScaled(part, whole, decimals);
  return scaled === null ? null : formatScaled(scaled, decimals, false);
}
