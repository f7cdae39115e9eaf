/**
 * Reading the cells of a printed performance table: text as printed without the breaks a PDF adds,
 * figures as decimal text, and columns found by their header names. Shared by the table parser
 * (performance-parse.ts) and its indicator rows (performance-indicators.ts).
 */

import { collapseSpaces, dropSpacesBetweenWide, normalizeText, stripMarkup } from '../text/normalize';
import type { RawLocation } from './raw';

/** Where a part of a performance table was printed, for findings about it. */
export interface PerformancePlace {
  location: RawLocation;
  /** Row as printed: 三级指标, 年度资金总额, 总分 …. */
  row: string;
  column?: string;
}

const ASCII_LETTER = /[A-Za-z]/;

/** A cell as printed, without markup and with single spaces. */
export function clean(cell: string | undefined): string {
  return collapseSpaces(stripMarkup(cell ?? ''));
}

/**
 * Removes the spaces a PDF leaves where a cell wrapped: between Chinese characters, digits and
 * brackets; a space next to a Latin word (DIP 支付方式) is kept, as printed.
 */
export function joinName(text: string): string {
  return clean(text).replace(/ +/g, (space, offset: number, whole: string) => {
    const before = whole[offset - 1] ?? '';
    const after = whole[offset + space.length] ?? '';
    return ASCII_LETTER.test(before) || ASCII_LETTER.test(after) ? ' ' : '';
  });
}

/** Spaces only between two Chinese characters go (运行 平稳); "≤25 万元" stays as printed. */
export function joinCjk(text: string): string {
  return dropSpacesBetweenWide(clean(text));
}

export const norm = (cell: string | undefined): string => normalizeText(cell ?? '');
export const isBlank = (cell: string | undefined): boolean => norm(cell) === '';
const DASH = /^[—–\-－/／]+$/;

/** A printed figure as decimal text: "2,300万元" → "2300", "99.95%" → "99.95"; undefined if none. */
export function figure(cell: string | undefined, strip: RegExp): string | undefined {
  const t = norm(cell).replace(/,/g, '').replace(strip, '');
  if (t === '' || DASH.test(t)) return undefined;
  return /^\d+(\.\d+)?$/.test(t) ? t : undefined;
}

export const MONEY_SUFFIX = /(万元|万|元)$/;
export const PERCENT_SUFFIX = /%$/;
export const POINTS_SUFFIX = /分$/;

/** A figure printed in a cell that is not one (neither blank nor a dash). */
export function unreadable(cell: string | undefined, strip: RegExp): boolean {
  const t = norm(cell);
  return t !== '' && !DASH.test(t) && figure(cell, strip) === undefined;
}

/** `{ [key]: value }` for a read value, `{}` for none (undefined or empty), to spread into a record. */
export function field<K extends string>(key: K, value: string | undefined): { [k in K]?: string } {
  return value ? ({ [key]: value } as { [k in K]: string }) : {};
}

/** The first cell from `from` on that is not blank; -1 if none. */
export function nextFilled(row: readonly string[], from: number): number {
  for (let i = from; i < row.length; i++) if (!isBlank(row[i])) return i;
  return -1;
}

// ---------------------------------------------------------------------------------------------
// Columns

export interface Columns {
  [key: string]: number | undefined;
}

/** The column of each header name in a header row: the first cell that matches, each cell used once. */
export function findColumns(row: readonly string[], patterns: Record<string, RegExp>): Columns {
  const cols: Columns = {};
  row.forEach((cell, i) => {
    const t = norm(cell);
    if (!t) return;
    for (const [key, re] of Object.entries(patterns)) {
      if (cols[key] === undefined && re.test(t)) {
        cols[key] = i;
        break;
      }
    }
  });
  return cols;
}

/** A column key as the header prints it, for messages. */
export function headerText(key: string): string {
  const labels: Record<string, string> = {
    initial: '年初预算数',
    final: '全年预算数',
    executed: '全年执行数',
    name: '三级指标',
    target: '年度指标值',
    actual: '实际完成值',
    points: '分值',
    score: '得分',
  };
  return labels[key] ?? key;
}
