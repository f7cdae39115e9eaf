/**
 * Text clean-up shared by every reader. Readers keep what was printed; these functions only undo
 * what the file format added (tags, entities, layout whitespace, full-width digits) so that the
 * same printed cell reads the same from a PDF, a Word file or a text extraction.
 */

const FULL_WIDTH_DIGIT = /[\uFF10-\uFF19]/g;
/** A full-width comma or dot between digits: a thousands separator or decimal point, not prose. */
const FULL_WIDTH_THOUSANDS = /(?<=\d)[，,](?=\d{3}(?!\d))/g;
const FULL_WIDTH_DOT = /(?<=\d)\uFF0E(?=\d)/g;
const FULL_WIDTH_MINUS = /[\uFF0D\u2212](?=\d)/g;

/**
 * Full-width digits to ASCII, and a full-width comma or dot to ',' or '.' where it sits inside a
 * number (１，２３４．５６ → 1,234.56). A full-width comma in prose (“共3个，包括”) stays.
 */
export function normalizeDigits(text: string): string {
  if (!/[\uFF0C\uFF0D\uFF0E\uFF10-\uFF19\u2212]/.test(text)) return text;
  return text
    .replace(FULL_WIDTH_DIGIT, (d) => String.fromCharCode(d.charCodeAt(0) - 0xfee0))
    .replace(FULL_WIDTH_THOUSANDS, ',')
    .replace(FULL_WIDTH_DOT, '.')
    .replace(FULL_WIDTH_MINUS, '-');
}

const ENTITIES: Record<string, string> = {
  amp: '&',
  lt: '<',
  gt: '>',
  quot: '"',
  apos: "'",
  nbsp: ' ',
  ensp: ' ',
  emsp: ' ',
  thinsp: ' ',
  ldquo: '“',
  rdquo: '”',
  lsquo: '‘',
  rsquo: '’',
  mdash: '—',
  ndash: '–',
  hellip: '…',
  middot: '·',
  times: '×',
  le: '≤',
  ge: '≥',
};

/** Decodes the HTML entities a text extraction may have kept (&nbsp;, &amp;, &#8804;). */
export function decodeEntities(text: string): string {
  if (!text.includes('&')) return text;
  return text.replace(/&(#x[0-9a-fA-F]{1,6}|#\d{1,7}|[a-zA-Z]{2,8});/g, (whole, name: string) => {
    if (name.startsWith('#')) {
      const code =
        name[1] === 'x' || name[1] === 'X' ? Number.parseInt(name.slice(2), 16) : Number(name.slice(1));
      return code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : whole;
    }
    return ENTITIES[name.toLowerCase()] ?? whole;
  });
}

/** HTML tags (<b>, </p>, <span style=…>, <br/>) as left in a text extraction. */
const TAG = /<\/?[a-zA-Z][a-zA-Z0-9]*(?:\s[^<>]*)?\/?>/g;
/** Markdown emphasis around words (**…**, __…__). */
const EMPHASIS = /\*\*|__/g;
/** “[image: image8.emf]” placeholders left by document-to-text converters. */
const IMAGE_PLACEHOLDER = /\[image:[^\]]*\]/gi;

/** Removes tags, emphasis marks and image placeholders, and decodes entities. */
export function stripMarkup(text: string): string {
  return decodeEntities(text.replace(TAG, ' ').replace(EMPHASIS, '').replace(IMAGE_PLACEHOLDER, ''));
}

/** Whitespace (including ideographic space and no-break space) collapsed to single spaces. */
export function collapseSpaces(text: string): string {
  return text.replace(/[\s\u00A0\u3000\u200B\uFEFF]+/g, ' ').trim();
}

/** The normal form of a cell or paragraph: digits normalised, whitespace collapsed. */
export function cleanText(text: string): string {
  return collapseSpaces(normalizeDigits(text));
}

/** Wide (CJK) characters and full-width punctuation, between which a line break is no space. */
const WIDE =
  /[\u2E80-\u9FFF\uF900-\uFAFF\uFE30-\uFE4F\uFF00-\uFFEF\u3000-\u303F\u201C\u201D\u2018\u2019\u2026\u2014]/;

export function isWide(ch: string | undefined): boolean {
  return ch !== undefined && WIDE.test(ch);
}

/**
 * Joins two pieces of one cell or paragraph that a layout wrapped: Chinese text continues without
 * a space (“文化旅游体育” + “与传媒支出”), Latin words and numbers keep one.
 */
export function joinWrapped(a: string, b: string): string {
  const left = a.trimEnd();
  const right = b.trimStart();
  if (left === '') return right;
  if (right === '') return left;
  return isWide(left.at(-1)) || isWide(right[0]) ? left + right : `${left} ${right}`;
}
