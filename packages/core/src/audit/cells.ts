/**
 * One printed cell read into a value: "940.49" (万元) or "6,502,724.61" (元) into 分 exactly, a
 * blank into “not printed”, "---" into not applicable, and a figure glued to the code after it
 * ("0.0030216", docs/disclosure.md#cells) into its leading figure with a note.
 */
import { boundedMemo } from '../memo';
import { MAX_DECIMALS, type MoneyUnit, parseAmount } from '../money';
import { stripMarkup, toHalfWidth } from '../text/normalize';

export type PrintedCell =
  | { kind: 'blank'; text: string }
  | { kind: 'na'; text: string }
  | { kind: 'money'; fen: bigint; decimals: number; text: string; glued?: string }
  | { kind: 'count'; value: bigint; text: string }
  | { kind: 'text'; text: string };

const NA = /^[-‐‑‒–—―－─~～]+$|^不适用$|^\/$/;
const NUMBER = /^[+-]?(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?$/;
/** A figure with exactly two decimals at the start of a cell, for glued text. */
const LEADING_AMOUNT = /^([+-]?(?:\d{1,3}(?:,\d{3})+|\d+)\.\d{2})(?=\d)/;

/** The cell text as a reader gave it, without markup and surrounding space. */
export function cellText(raw: string | undefined): string {
  return stripMarkup(raw ?? '').trim();
}

/**
 * Reads a money cell printed in `unit`. A figure with more decimals than the unit can hold in 分
 * cannot be an amount of that unit and is kept as text.
 */
export function readMoneyCell(raw: string | undefined, unit: MoneyUnit): PrintedCell {
  const text = cellText(raw);
  const plain = toHalfWidth(text)
    .replace(/\s+/g, '')
    .replace(/^\((.*)\)$/, '-$1');
  if (plain === '') return { kind: 'blank', text };
  if (NA.test(plain)) return { kind: 'na', text };
  if (NUMBER.test(plain)) {
    const parsed = parseAmount(plain, unit);
    if (parsed.ok) return { kind: 'money', fen: parsed.fen, decimals: decimalsOf(plain), text };
  }
  const glued = LEADING_AMOUNT.exec(plain);
  if (glued?.[1] && (glued[1].split('.')[1]?.length ?? 0) <= MAX_DECIMALS[unit]) {
    const parsed = parseAmount(glued[1], unit);
    if (parsed.ok) {
      return {
        kind: 'money',
        fen: parsed.fen,
        decimals: 2,
        text: glued[1],
        glued: plain.slice(glued[1].length),
      };
    }
  }
  return { kind: 'text', text };
}

/** Reads a count cell (辆, 个, 人次): a whole number. */
export function readCountCell(raw: string | undefined): PrintedCell {
  const text = cellText(raw);
  const plain = toHalfWidth(text).replace(/\s+/g, '');
  if (plain === '') return { kind: 'blank', text };
  if (NA.test(plain)) return { kind: 'na', text };
  if (/^\d+$/.test(plain)) return { kind: 'count', value: BigInt(plain), text };
  if (/^\d+\.0+$/.test(plain)) return { kind: 'count', value: BigInt(plain.split('.')[0]!), text };
  return { kind: 'text', text };
}

/**
 * What a cell's text is as a figure, memoised: recognition asks it of every cell of a grid for each
 * table it tries the grid as.
 */
const figureOf = boundedMemo((raw): { numeric: boolean; amount: boolean; na: boolean } => {
  const plain = toHalfWidth(cellText(raw)).replace(/\s+/g, '');
  const numeric = plain !== '' && (NUMBER.test(plain) || LEADING_AMOUNT.test(plain));
  return { numeric, amount: numeric && /\.\d/.test(plain), na: NA.test(plain) };
}, 50_000);

/** Whether a cell holds a figure of any kind (what tells data rows from header rows). */
export function looksNumeric(raw: string | undefined): boolean {
  return figureOf(raw ?? '').numeric;
}

/** Whether a cell holds a figure with a decimal point (an amount rather than a 行次 or 栏次). */
export function looksLikeAmount(raw: string | undefined): boolean {
  return figureOf(raw ?? '').amount;
}

export function isBlankCell(raw: string | undefined): boolean {
  return cellText(raw) === '';
}

export function isNaCell(raw: string | undefined): boolean {
  return figureOf(raw ?? '').na;
}

function decimalsOf(plain: string): number {
  const dot = plain.indexOf('.');
  return dot < 0 ? 0 : plain.length - dot - 1;
}
