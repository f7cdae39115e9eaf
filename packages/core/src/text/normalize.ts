/**
 * Printed text made comparable, one set of rules for the readers and the audit. A reader keeps what
 * was printed and only undoes what the file format or layout added (markup remnants, full-width
 * digits, layout whitespace, line wraps); the audit compares titles, labels and phrases in one
 * normal form, so a label matches however it was typeset.
 */
import { boundedMemo } from '../memo';
import { isWide } from './width';

const FULL_WIDTH_SIGNS = /[\uFF10-\uFF19\uFF0E\uFF0C\uFF0D\uFF0B\u3000\u2212]/g;
const FULL_WIDTH_DIGIT = /[\uFF10-\uFF19]/g;
const toAsciiDigit = (digit: string) => String.fromCharCode(digit.charCodeAt(0) - 0xff10 + 0x30);

/**
 * Full-width digits and signs become their ASCII forms, wherever they stand; everything else is
 * left alone. For text that is one figure (an amount cell, a decimal), where a comma is never prose.
 */
export function toHalfWidth(text: string): string {
  return text.replace(FULL_WIDTH_SIGNS, (ch) => {
    switch (ch) {
      case '\uFF0E':
        return '.';
      case '\uFF0C':
        return ',';
      case '\uFF0D':
      case '\u2212':
        return '-';
      case '\uFF0B':
        return '+';
      case '\u3000':
        return ' ';
      default:
        return toAsciiDigit(ch);
    }
  });
}

/** A full-width comma or dot between digits: a thousands separator or decimal point, not prose. */
const FULL_WIDTH_THOUSANDS = /(?<=\d)[，,](?=\d{3}(?!\d))/g;
const FULL_WIDTH_DOT = /(?<=\d)\uFF0E(?=\d)/g;
const FULL_WIDTH_MINUS = /[\uFF0D\u2212](?=\d)/g;

/**
 * Full-width digits to ASCII, and a full-width comma, dot or minus to its ASCII form where it is
 * part of a number (１，２３４．５６ → 1,234.56). For prose: a full-width comma in a sentence
 * (“共3个，包括”) stays.
 */
export function normalizeDigits(text: string): string {
  if (!/[\uFF0C\uFF0D\uFF0E\uFF10-\uFF19\u2212]/.test(text)) return text;
  return text
    .replace(FULL_WIDTH_DIGIT, toAsciiDigit)
    .replace(FULL_WIDTH_THOUSANDS, ',')
    .replace(FULL_WIDTH_DOT, '.')
    .replace(FULL_WIDTH_MINUS, '-');
}

/** HTML tags (<b>, </p>, <span style=…>, <br/>) left in a text extraction, one or several in a row. */
const TAGS = /(?:<\/?[a-zA-Z][a-zA-Z0-9]*(?:\s[^<>]*)?\/?>)+/g;
/** Markdown emphasis around words (**…**, __…__). */
const EMPHASIS = /\*\*|__/g;
/** “[image: image8.emf]” placeholders left by document-to-text converters. */
const IMAGE_PLACEHOLDER = /\[image:[^\]]*\]/gi;
/** A Markdown heading's marks (## 一、部门职责). */
const HEADING_MARKS = /^\s*#{1,6}\s*/;
const MARKUP_SIGN = /[<*_[#]/;
const WORD_CHAR = /[\p{L}\p{N}]/u;

/**
 * Removes the markup a reader or converter may have kept: HTML tags, Markdown emphasis and heading
 * marks, image placeholders. A tag between two Latin words or figures leaves a space (it was a
 * <br> or a cell edge); anywhere else it leaves nothing, so 支出<b>合计</b> reads 支出合计.
 */
export function stripMarkup(text: string): string {
  if (!MARKUP_SIGN.test(text)) return text;
  return text
    .replace(TAGS, (tags, at: number, whole: string) =>
      separatesWords(whole[at - 1], whole[at + tags.length]) ? ' ' : '',
    )
    .replace(EMPHASIS, '')
    .replace(IMAGE_PLACEHOLDER, '')
    .replace(HEADING_MARKS, '');
}

function separatesWords(before: string | undefined, after: string | undefined): boolean {
  const word = (ch: string | undefined) => ch !== undefined && WORD_CHAR.test(ch) && !isWide(ch);
  return word(before) && word(after);
}

/** Whitespace (ideographic, no-break and zero-width spaces too) collapsed to single spaces, trimmed. */
export function collapseSpaces(text: string): string {
  return text.replace(/[\s\u200B]+/g, ' ').trim();
}

/** The normal form of a printed cell or paragraph: digits normalised, whitespace collapsed. */
export function cleanPrintedText(text: string): string {
  return collapseSpaces(normalizeDigits(text));
}

/**
 * Joins two lines of one cell or paragraph that a layout wrapped: a layout breaks Chinese text
 * anywhere, so next to a Chinese character the break is no space (“文化旅游体育” + “与传媒支出”,
 * “下降” + “0.98%”); between Latin words and figures it is one.
 */
export function joinWrapped(a: string, b: string): string {
  return joinPieces(a, b, (before, after) => isWide(before) || isWide(after));
}

/**
 * Joins pieces of one text that reached the audit as separate cells (a table reader split a wrapped
 * cell across rows, so the layout is no longer known): only between two Chinese characters is the
 * break certainly no space; beside a figure the document may have printed one (缩减为 1 次), so one
 * is kept.
 */
export function joinCellPieces(a: string, b: string): string {
  return joinPieces(a, b, (before, after) => isWide(before) && isWide(after));
}

function joinPieces(a: string, b: string, noSpace: (before: string, after: string) => boolean): string {
  const left = a.trimEnd();
  const right = b.trimStart();
  if (left === '') return right;
  if (right === '') return left;
  return noSpace(left.at(-1)!, right[0]!) ? left + right : `${left} ${right}`;
}

/**
 * Removes the spaces standing between two wide characters: in Chinese text such a space is a wrap
 * or a layout gap, never typed (运行 平稳 → 运行平稳); “≤25 万元” keeps its space.
 */
export function dropSpacesBetweenWide(text: string): string {
  return text.replace(/ +/g, (spaces, at: number, whole: string) =>
    isWide(whole[at - 1]) && isWide(whole[at + spaces.length]) ? '' : spaces,
  );
}

const PUNCT: Record<string, string> = {
  '（': '(',
  '）': ')',
  '【': '[',
  '】': ']',
  '《': '<',
  '》': '>',
  '：': ':',
  '；': ';',
  '，': ',',
  '、': ',',
  '“': '"',
  '”': '"',
  '‘': "'",
  '’': "'",
  '—': '-',
  '－': '-',
  '．': '.',
};

/**
 * The comparable form of a title, label or phrase: no markup, no whitespace, half-width digits and
 * one form of each bracket and punctuation mark. Memoised: recognition compares the same cells and
 * titles against every table of every profile.
 */
export const normalizeText = boundedMemo(
  (text) =>
    toHalfWidth(stripMarkup(text))
      .replace(/[（）【】《》：；，、“”‘’—－．]/g, (ch) => PUNCT[ch] ?? ch)
      .replace(/\s+/g, ''),
  50_000,
);

/** Row numbering a table prints before a label: 一、 1. （1） (一) 1、 其中：. */
const NUMBERING = /^(?:[一二三四五六七八九十]+[,.、]|\d+[.,、](?!\d)|\([一二三四五六七八九十\d]+\))/;

/** A label without its numbering (一、一般公共服务支出 → 一般公共服务支出), normalised. */
export function normalizeLabel(text: string): string {
  let label = normalizeText(text);
  for (let i = 0; i < 2 && NUMBERING.test(label); i++) label = label.replace(NUMBERING, '');
  return label;
}

/**
 * The label also without a leading 其中: (其中：外事接待费 → 外事接待费). Memoised like
 * normalizeText: recognition compares every printed label with every table's rows.
 */
export const bareLabel = boundedMemo((text) => normalizeLabel(text).replace(/^其中:/, ''), 50_000);
