/**
 * Comparing printed titles and labels once they are normalised (text/normalize.ts): how alike two
 * are, and the Chinese numerals of 表一, 表十二.
 */

/**
 * How alike two normalised strings are, 0–1: 1 when equal, else the share of the longer one that
 * the longest common substring covers (enough to tell 支出决算表 from 收入决算表 and to accept a
 * title a reader cut or wrapped).
 */
export function similarity(a: string, b: string): number {
  if (a === b) return a ? 1 : 0;
  if (!a || !b) return 0;
  const longest = longestCommonSubstring(a, b);
  return longest / Math.max(a.length, b.length);
}

/**
 * The most `similarity(a, b)` can be, from the lengths alone (a common substring is never longer
 * than the shorter string): a caller looking for a similarity above a floor skips the pairs whose
 * ceiling is below it without comparing them.
 */
export function similarityCeiling(a: string, b: string): number {
  if (a === b) return a ? 1 : 0;
  if (!a || !b) return 0;
  return Math.min(a.length, b.length) / Math.max(a.length, b.length);
}

/** The one row of run lengths the comparison works in, reused: labels are short and compared often. */
let runs = new Int32Array(64);

function longestCommonSubstring(a: string, b: string): number {
  if (b.length + 1 > runs.length) runs = new Int32Array(b.length + 1);
  const previous = runs;
  previous.fill(0, 0, b.length + 1);
  let best = 0;
  for (let i = 0; i < a.length; i++) {
    const ch = a.charCodeAt(i);
    // Right to left: previous[j - 1] must still hold the run ending at a[i - 1] when the run ending
    // at a[i] and b[j - 1] is worked out from it.
    for (let j = b.length; j >= 1; j--) {
      if (b.charCodeAt(j - 1) === ch) {
        const run = previous[j - 1]! + 1;
        previous[j] = run;
        if (run > best) best = run;
      } else {
        previous[j] = 0;
      }
    }
  }
  return best;
}

/** Chinese numerals up to 99 (表一, 表十二) as numbers; undefined for anything else. */
export function chineseNumber(text: string): number | undefined {
  const digits: Record<string, number> = { 一: 1, 二: 2, 三: 3, 四: 4, 五: 5, 六: 6, 七: 7, 八: 8, 九: 9 };
  if (/^\d+$/.test(text)) return Number(text);
  if (text === '十') return 10;
  const m = /^([一二三四五六七八九])?(十)?([一二三四五六七八九])?$/.exec(text);
  if (!m || (!m[2] && m[1] && m[3])) return undefined;
  if (!m[2]) return m[1] ? digits[m[1]] : undefined;
  return (m[1] ? digits[m[1]]! : 1) * 10 + (m[3] ? digits[m[3]]! : 0);
}
