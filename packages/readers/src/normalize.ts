/**
 * What only a text extraction needs on top of the shared clean-up (core's text/normalize.ts): the
 * HTML entities it may have kept. Structured formats (HTML, DOCX, XLSX) are decoded by their
 * parsers, and a figure or label the audit compares never carries an entity.
 */
import { stripMarkup } from '@juesuan/core';

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
function decodeEntities(text: string): string {
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

/** A text extraction's markup removed (tags, emphasis, image placeholders) and its entities decoded. */
export function stripExtractedMarkup(text: string): string {
  return decodeEntities(stripMarkup(text));
}
