// 读取 PDF 的用时与内存：景德镇 2024 的 32 页 PDF（由示例数据包生成，LibreOffice 导出，缓存见 pdf-cache.ts）、
// 上海 2024 样张（23 页，真实 PDF，表格有框线）与合成的 300 页 PDF（每页一段文字和一张 21 行的框线表，页脚页码）。每个文件先读一次预热（不计入），再计时读 N 轮，打印中位数、每秒页数和
// 读取过程中的最高常驻内存（RSS）。
//   npx tsx bench/read-pdf.ts [rounds=3] [pages=300]

import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { EXAMPLES_DIR } from '@juesuan/data';
import { buildPdf, type PdfPage, ruledTable } from '../packages/readers/src/testing/pdf-builder';
import { pdfOf } from './pdf-cache';
import { timeReads } from './read-timing';

const rounds = Number(process.argv[2] ?? 3);
const pageCount = Number(process.argv[3] ?? 300);

function syntheticPages(n: number): PdfPage[] {
  return Array.from({ length: n }, (_, i) => {
    const rows = [
      ['Code', 'Item', 'Budget', 'Actual'],
      ...Array.from({ length: 20 }, (_, r) => [
        `${2010000 + i * 20 + r}`,
        `Item ${i}-${r}`,
        `${(r * 13.7).toFixed(2)}`,
        `${(r * 12.1).toFixed(2)}`,
      ]),
    ];
    const page = ruledTable(rows, [60, 150, 330, 430, 530], 160);
    page.texts!.push(
      { x: 60, y: 80, size: 14, text: `Part ${String.fromCharCode(65 + (i % 26))}: income and expenditure` },
      {
        x: 60,
        y: 110,
        text: 'This paragraph explains the table below and wraps onto a second line of text.',
      },
      { x: 60, y: 124, text: 'The second line ends the paragraph.' },
      { x: 280, y: 810, text: `- ${i + 1} -` },
    );
    return page;
  });
}

const inputs: { name: string; bytes: Buffer }[] = [
  { name: 'jingdezhen-2024.pdf', bytes: readFileSync(pdfOf(join(EXAMPLES_DIR, 'jingdezhen-2024.json'))) },
  {
    name: 'shanghai-2024-template.pdf',
    bytes: readFileSync(
      new URL('../packages/readers/src/testing/shanghai-2024-template.pdf', import.meta.url),
    ),
  },
  { name: `synthetic-${pageCount}.pdf`, bytes: buildPdf(syntheticPages(pageCount)) },
];

for (const { name, bytes } of inputs) {
  const timed = await timeReads(bytes, name, rounds);
  const { document: warm, peakRss: peak } = timed;
  const times = timed.times.map((ms) => ms / 1000);
  const median = timed.median / 1000;
  const tables = warm.blocks.filter((b) => b.kind === 'table').length;
  process.stdout.write(
    `${name}：${(bytes.length / 1024).toFixed(0)} KB，${warm.pages} 页，${warm.blocks.length} 块（表格 ${tables}）；` +
      `${rounds} 轮用时 ${times.map((t) => t.toFixed(2)).join(' / ')} s，中位数 ${median.toFixed(2)} s，` +
      `${Math.round(warm.pages / median)} 页/秒；最高 RSS ${Math.round(peak / 1024 / 1024)} MB\n`,
  );
}
