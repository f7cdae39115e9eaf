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

function longestCommonSubstring(a: string, b: string): number {
  let best = 0;
  let previous = new Array<number>(b.length + 1).fill(0);
  for (let i = 1; i <= a.length; i++) {
    const current = new Array<number>(b.length + 1).fill(0);
    for (let j = 1; j <= b.length; j++) {
      if (a[i - 1] === b[j - 1]) {
        current[j] = (previous[j - 1] ?? 0) + 1;
        if (current[j]! > best) best = current[j]!;
      }
    }
    previous = current;
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
