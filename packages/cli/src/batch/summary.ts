/** The summary table that ends a batch, padded by terminal columns. */
import { displayWidth } from '@juesuan/core/width';
import { color, padEnd, padStart } from '../output';

/**
 * `header` over `rows`; the columns in `rightAligned` are figures. The last column (a reason, a
 * note) is left as long as it is: neither padded nor ruled to its length.
 */
export function summaryTable(
  header: readonly string[],
  rows: readonly string[][],
  rightAligned: ReadonlySet<number>,
): string {
  const last = header.length - 1;
  const widths = header.map((h, i) =>
    Math.max(displayWidth(h), ...(i < last ? rows.map((r) => displayWidth(r[i] ?? '')) : [])),
  );
  const line = (cells: readonly string[]) =>
    cells
      .map((c, i) => (rightAligned.has(i) ? padStart(c, widths[i]!) : padEnd(c, widths[i]!)))
      .join('  ')
      .trimEnd();
  const out = [
    color.bold('汇总'),
    line(header),
    widths.map((w) => '─'.repeat(w)).join('  '),
    ...rows.map(line),
  ];
  return `${out.join('\n')}\n`;
}
