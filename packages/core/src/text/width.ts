/**
 * How wide a character is, by one rule: the Unicode East Asian Width property (UAX #11). Wide (W)
 * and full-width (F) characters are two columns or one em; narrow, half-width and neutral ones
 * one column or half an em. Ambiguous characters (A: “” ‘’ … — ≤ ① ℃ ×) depend on context: a
 * Chinese document sets them full-width, a terminal narrow unless configured otherwise.
 */
import { eastAsianWidth } from 'get-east-asian-width';

/**
 * Whether a character takes a full em in Chinese text: East Asian Width W or F, ambiguous ones
 * resolved wide as a Chinese font sets them. Between two such characters a line break or a
 * justification gap is no space.
 */
export function isWide(ch: string | undefined): boolean {
  const code = ch?.codePointAt(0);
  return code !== undefined && eastAsianWidth(code, { ambiguousAsWide: true }) === 2;
}

/**
 * Terminal columns a string takes: two for East Asian Width W and F, one for everything else,
 * ambiguous characters included, as terminals draw them by default.
 */
export function displayWidth(text: string): number {
  let width = 0;
  for (const ch of text) width += eastAsianWidth(ch.codePointAt(0)!, { ambiguousAsWide: false });
  return width;
}
