/**
 * Documents published in traditional characters (繁體), read like simplified ones. Every phrase the
 * audit matches (table titles, 合计, claim wording, the document's kind) is written in simplified
 * characters, so a traditional page is converted for matching, one character for one character:
 * positions stay where they were, and what the audit quotes can be given back in the characters the
 * document printed.
 */
import * as OpenCC from 'opencc-js/t2cn';

/**
 * Characters frequent in a final-accounts text and printed only in traditional writing (經費, 預算,
 * 決算, 車輛, 機關, 說明, 撥款): a simplified document has none of them, so their presence is the
 * cheap test for whether converting is worth it.
 */
const TRADITIONAL_MARKERS = /[經預決車輛機關說撥財門務費數會計與為這們報據實際項額準規體況據]/g;
/** Markers a document needs before it is read as traditional: one stray character (a name, a quoted title) is not enough. */
const MIN_MARKERS = 5;

export function isTraditional(text: string): boolean {
  let count = 0;
  for (const _ of text.matchAll(TRADITIONAL_MARKERS)) if (++count >= MIN_MARKERS) return true;
  return false;
}

/** OpenCC's traditional → mainland simplified conversion, built once on first use. */
let convert: ((text: string) => string) | undefined;
const simplifiedChar = new Map<string, string>();

/**
 * One character in simplified writing. Converted alone, never as part of a phrase, and kept as it is
 * where OpenCC would change its length, so the converted text keeps every position of the printed one.
 */
function toSimplifiedChar(ch: string): string {
  let simplified = simplifiedChar.get(ch);
  if (simplified === undefined) {
    convert ??= OpenCC.Converter({ from: 't', to: 'cn' });
    const converted = convert(ch);
    simplified = converted.length === ch.length ? converted : ch;
    simplifiedChar.set(ch, simplified);
  }
  return simplified;
}

const HAN = /\p{Script=Han}/u;

/** The text in simplified characters, as long as the printed text and character for character in its places. */
export function toSimplified(text: string): string {
  let out = '';
  for (const ch of text) out += HAN.test(ch) ? toSimplifiedChar(ch) : ch;
  return out;
}

/**
 * Gives back the characters a document printed. A quote that is a stretch of the document (a
 * sentence, a row label) is taken from the printed text at its place; any other text (a quote the
 * audit shortened or joined) goes character by character, each converted character given back as
 * the printed one it stood for most often in this document (發 and 髮 are both 发).
 */
export class PrintedCharacters {
  private readonly printedTexts: string[] = [];
  private readonly simplifiedTexts: string[] = [];
  private readonly seen = new Map<string, Map<string, number>>();
  private joined: { printed: string; simplified: string; printedOf: Map<string, string> } | undefined;

  /** Records a printed text; returns it converted. */
  read(printed: string): string {
    const simplified = toSimplified(printed);
    if (simplified === printed) return printed;
    this.printedTexts.push(printed);
    this.simplifiedTexts.push(simplified);
    const printedChars = [...printed];
    [...simplified].forEach((ch, i) => {
      const original = printedChars[i]!;
      if (original === ch) return;
      const counts = this.seen.get(ch) ?? new Map<string, number>();
      counts.set(original, (counts.get(original) ?? 0) + 1);
      this.seen.set(ch, counts);
    });
    this.joined = undefined;
    return simplified;
  }

  /** A quote from the converted document, in the characters the document printed. */
  printed(quote: string): string {
    this.joined ??= {
      printed: this.printedTexts.join('\n'),
      simplified: this.simplifiedTexts.join('\n'),
      printedOf: new Map(
        [...this.seen].map(([ch, counts]) => [ch, [...counts].sort((a, b) => b[1] - a[1])[0]![0]]),
      ),
    };
    const { printed, simplified, printedOf } = this.joined;
    const at = quote === '' ? -1 : simplified.indexOf(quote);
    if (at >= 0) return printed.slice(at, at + quote.length);
    let out = '';
    for (const ch of quote) out += printedOf.get(ch) ?? ch;
    return out;
  }
}
