/**
 * What only a text extraction needs on top of the shared clean-up (core's text/normalize.ts): the
 * HTML entities it may have kept. Structured formats (HTML, DOCX, XLSX) are decoded by their
 * parsers, and a figure or label the audit compares never carries an entity. And joinWrapped over
 * many pieces in linear time, for text wrapped over many lines.
 */
import { joinWrapped, stripMarkup } from '@juesuan/core';

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

/**
 * A text joined piece by piece as joinWrapped joins two texts (no space next to a Chinese
 * character), in time linear in its length. joinWrapped trims and reads all of the text joined so
 * far, so a label wrapped over thousands of lines, joined a line at a time, would cost the square
 * of its length; here only the last piece is ever trimmed and only its last character read.
 */
export class WrappedText {
  private readonly parts: string[] = [];

  constructor(first = '') {
    if (first !== '') this.parts.push(first);
  }

  add(piece: string): void {
    const right = piece.trimStart();
    // What joinWrapped trims off the text so far can only be in its last piece: every earlier
    // piece was trimmed when the one after it came.
    while (this.parts.length > 0) {
      const left = this.parts.at(-1)!.trimEnd();
      if (left !== '') {
        this.parts[this.parts.length - 1] = left;
        break;
      }
      this.parts.pop();
    }
    if (right === '') return;
    const before = this.parts.at(-1)?.at(-1);
    if (before === undefined) {
      this.parts.push(right);
      return;
    }
    // joinWrapped of the two characters that meet says whether a space goes between them.
    const seam = joinWrapped(before, right[0]!);
    this.parts.push(seam.length > 2 ? ` ${right}` : right);
  }

  toString(): string {
    return this.parts.join('');
  }
}
