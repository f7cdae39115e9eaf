import type { RawBlock } from '../audit/raw';

/** A paragraph as a reader hands it over, at a line of a flowing document. */
export function textBlock(text: string, line: number): RawBlock {
  return { kind: 'text', text, location: { line } };
}

/** A grid as a reader hands it over: its rows from `line` on, one line each. */
export function tableBlock(rows: string[][], line: number): RawBlock {
  return { kind: 'table', rows, rowLocations: rows.map((_, i) => ({ line: line + i })), location: { line } };
}

/**
 * The 三公 table printed across one row, 预算数 | 决算数 under each item (合计, 因公出国（境）费,
 * 公务用车购置及运行维护费 with its 小计, 购置费 and 运行维护费, 公务接待费), as 上海表七 prints it and
 * the Jiangsu 2019 budget PDFs print their 公开表九: title, 表号, unit line and the grid. `figures`
 * are its twelve cells left to right.
 */
export function threePublicAcross(
  number: string,
  unitLine: string,
  figures: readonly string[],
  line: number,
): RawBlock[] {
  const pair = ['预算数', '决算数'];
  return [
    textBlock('财政拨款“三公”经费支出决算表', line),
    textBlock(number, line + 1),
    textBlock(unitLine, line + 2),
    tableBlock(
      [
        ['项目', ...Array(12).fill('财政拨款“三公”经费')],
        [
          '项目',
          ...['合计', '合计', '因公出国（境）费', '因公出国（境）费'],
          ...Array(6).fill('公务用车购置及运行维护费'),
          '公务接待费',
          '公务接待费',
        ],
        [
          '项目',
          ...pair,
          ...pair,
          '小计',
          '小计',
          '公务用车购置费',
          '公务用车购置费',
          '公务用车运行维护费',
          '公务用车运行维护费',
          ...pair,
        ],
        ['项目', ...Array(6).fill(pair).flat()],
        ['', ...figures],
      ],
      line + 3,
    ),
  ];
}
