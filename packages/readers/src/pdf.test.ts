import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { type RawDocument, type RawTable, READ_LIMITS } from '@juesuan/core';
import { ReadError } from './errors';
import { NO_TEXT_LAYER } from './pdf';
import { layoutPage, splitRun } from './pdf-layout';
import { EngineCpuExceeded, MAX_LINE_BYTES, TraceParser, tracePdf } from './pdf-trace';
import { readBytes, readDocument } from './read';
import { buildPdf, type PdfPage, ruledTable } from './testing/pdf-builder';

const shanghai = new URL('./testing/shanghai-2024-template.pdf', import.meta.url).pathname;

function tables(doc: RawDocument): RawTable[] {
  return doc.blocks.filter((b): b is RawTable => b.kind === 'table');
}

/** The first table among the few blocks after a text block equal to `title`. */
function tableTitled(doc: RawDocument, title: string): RawTable {
  const i = doc.blocks.findIndex((b) => b.kind === 'text' && b.text === title);
  assert.ok(i >= 0, `no title ${title}`);
  const table = doc.blocks.slice(i + 1, i + 4).find((b): b is RawTable => b.kind === 'table');
  assert.ok(table, `no table right after ${title}`);
  return table;
}

async function rejects(bytes: Uint8Array, name: string, code: string): Promise<ReadError> {
  try {
    await readBytes(bytes, name);
  } catch (error) {
    assert.ok(error instanceof ReadError, `expected a ReadError, got ${error}`);
    assert.equal(error.code, code, error.message);
    assert.ok(error.message.includes(`“${name}”`), 'the message names the file');
    assert.ok(!error.message.includes('    at '), 'no stack trace in the message');
    return error;
  }
  assert.fail(`${name} was read`);
}

describe('the Shanghai 2024 template PDF', async () => {
  const progress: number[] = [];
  const doc = await readDocument(shanghai, { onProgress: (p) => progress.push(p.done) });

  it('reads all 23 pages, reporting progress page by page', () => {
    assert.equal(doc.format, 'pdf');
    assert.equal(doc.pages, 23);
    assert.deepEqual(
      progress,
      Array.from({ length: 23 }, (_, i) => i + 1),
    );
    assert.deepEqual(doc.warnings, []);
  });

  it('finds the nine tables, each right after its title', () => {
    const titles = [
      '收入支出决算总表',
      '收入决算表',
      '支出决算表',
      '财政拨款收入支出决算总表',
      '一般公共预算财政拨款支出决算表',
      '一般公共预算财政拨款基本支出决算表',
      '财政拨款“三公”经费支出决算表',
      '政府性基金预算财政拨款收入支出决算表',
      '国有资本经营预算财政拨款收入支出决算表',
    ];
    const found = titles.map((t) => tableTitled(doc, t));
    assert.equal(new Set(found).size, 9);
    // Plus the table of units in 部门决算单位构成: ten ruled tables in all.
    assert.equal(tables(doc).length, 10);
  });

  it('repeats merged header cells in every column they span (收入支出决算总表)', () => {
    const t = tableTitled(doc, '收入支出决算总表');
    assert.deepEqual(t.rows[0], ['收入', '收入', '支出', '支出']);
    assert.deepEqual(t.rows[1], ['项目', '决算数', '项目', '决算数']);
    assert.ok(t.rows.some((r) => r[0] === '本年收入合计' && r[2] === '本年支出合计'));
    assert.ok(t.rows.every((r) => r.length === 4));
  });

  it('keeps codes and names in their own columns and vertical merges repeated (收入决算表)', () => {
    const t = tableTitled(doc, '收入决算表');
    assert.deepEqual(t.rows[0]!.slice(0, 3), ['项目', '项目', '本年收入合计']);
    assert.deepEqual(t.rows[1]!.slice(0, 3), ['功能分类科目编码', '科目名称', '本年收入合计']);
    assert.deepEqual(t.rows.find((r) => r[0] === '2050205')?.slice(0, 2), ['2050205', '高等教育']);
    assert.deepEqual(t.rows.find((r) => r[0] === '20799')?.slice(0, 2), [
      '20799',
      '其他文化旅游体育与传媒支出',
    ]);
  });

  it('joins the 财政拨款收入支出决算总表 that continues onto the next page', () => {
    const t = tableTitled(doc, '财政拨款收入支出决算总表');
    assert.deepEqual(t.rows.at(-1)!.slice(0, 3), ['总计', '', '总计']);
    const pages = new Set(t.rowLocations.map((l) => l.page));
    assert.deepEqual([...pages], [8, 9]);
    assert.equal(t.rows.filter((r) => r[0] === '项目').length, 1);
  });

  it('reads the 三公 table header across its twelve columns', () => {
    const t = tableTitled(doc, '财政拨款“三公”经费支出决算表');
    assert.equal(t.rows[0]!.length, 12);
    assert.ok(t.rows[0]!.every((c) => c === '财政拨款“三公”经费'));
    assert.deepEqual(t.rows.at(-1)!.slice(0, 4), ['预算数', '决算数', '预算数', '决算数']);
  });

  it('joins lines of a paragraph and keeps the units line near each table', () => {
    assert.ok(
      doc.blocks.some(
        (b) =>
          b.kind === 'text' &&
          b.text.startsWith('上海市 XX 局 2024 年度收入支出总计 XXX 万元。与 2023 年度相比'),
      ),
    );
    const i = doc.blocks.findIndex((b) => b.kind === 'text' && b.text === '收入决算表');
    const next = doc.blocks[i + 1]!;
    assert.equal(next.kind === 'text' && next.text, '单位：万元');
  });
});

describe('PDF layout', () => {
  it('a table continued on the next page is one table, its repeated header dropped', async () => {
    const pages: PdfPage[] = [0, 1, 2].map((p) => {
      const rows = [
        ['Code', 'Name', 'Amount'],
        ...Array.from({ length: 5 }, (_, i) => [
          `${201 + p * 5 + i}`,
          `Item ${p * 5 + i}`,
          `${p * 5 + i}.50`,
        ]),
      ];
      const page = ruledTable(rows, [60, 150, 400, 520], p === 0 ? 120 : 60);
      if (p === 0) page.texts!.push({ x: 200, y: 100, text: 'Table title' });
      return page;
    });
    const doc = await readBytes(buildPdf(pages), 'continued.pdf');
    assert.equal(doc.blocks[0]!.kind === 'text' && doc.blocks[0]!.text, 'Table title');
    const [t] = tables(doc);
    assert.equal(tables(doc).length, 1);
    assert.equal(t!.rows.length, 16);
    assert.deepEqual(t!.rows[0], ['Code', 'Name', 'Amount']);
    assert.deepEqual(t!.rows.at(-1), ['215', 'Item 14', '14.50']);
    assert.deepEqual(
      t!.rowLocations.map((l) => l.page),
      [1, 1, 1, 1, 1, 1, 2, 2, 2, 2, 2, 3, 3, 3, 3, 3],
    );
  });

  describe('a merged cell that a page break cuts through', () => {
    // Columns sized so that “Output” (30 pt in 10 pt Helvetica) fills the first column's width.
    const columns = [60, 97, 250, 350];
    /** A ruled table whose first-column cells merge down over the rows listed in `mergedBelow`. */
    const table = (rows: string[][], top: number, mergedBelow: number[] = []): PdfPage => {
      const page = ruledTable(rows, columns, top);
      page.lines = page.lines!.map(([x0, y0, x1, y1], i) =>
        y0 === y1 && mergedBelow.includes(i - 1) ? [columns[1]!, y0, x1, y1] : [x0, y0, x1, y1],
      );
      return page;
    };
    const read = async (lastOnFirstPage: string, topOfNext: string) => {
      const first = table(
        [
          ['Group', 'Indicator', 'Points'],
          ['Cost', 'Cost A', '5.00'],
          [lastOnFirstPage, 'Count A', '3.00'],
        ],
        120,
      );
      const next = table(
        [
          [topOfNext, 'Count B', '3.00'],
          ['', 'Count C', '3.00'],
          ['Total', '', '11.00'],
        ],
        60,
        [0],
      );
      const [t, ...more] = tables(await readBytes(buildPdf([first, next]), 'split-cell.pdf'));
      assert.equal(more.length, 0, 'one table over both pages');
      return t!.rows.map((row) => row[0]);
    };

    it('its text cut off at the foot of one page and ending at the top of the next is one cell', async () => {
      assert.deepEqual(await read('Output', 'group'), [
        'Group',
        'Cost',
        'Output group',
        'Output group',
        'Output group',
        'Total',
      ]);
    });

    it('a cell ending short of its width is not continued by the merged cell that opens the next page', async () => {
      assert.deepEqual(await read('Out', 'Effect'), ['Group', 'Cost', 'Out', 'Effect', 'Effect', 'Total']);
    });
  });

  it('a table without rules is found from its aligned figures, a wrapped label joined to its row', async () => {
    const texts = [
      { x: 60, y: 100, text: 'Item' },
      { x: 300, y: 100, text: 'Budget' },
      { x: 420, y: 100, text: 'Actual' },
      { x: 60, y: 120, text: 'General public services' },
      { x: 300, y: 120, text: '1,234.50' },
      { x: 420, y: 120, text: '1,200.00' },
      { x: 60, y: 140, text: 'Education and' },
      { x: 60, y: 152, text: 'training' },
      { x: 300, y: 146, text: '88.00' },
      { x: 420, y: 146, text: '90.25' },
      { x: 60, y: 172, text: 'Total' },
      { x: 300, y: 172, text: '1,322.50' },
      { x: 420, y: 172, text: '1,290.25' },
      { x: 60, y: 220, text: 'A paragraph after the table.' },
    ];
    const doc = await readBytes(buildPdf([{ texts }]), 'stream.pdf');
    const [t] = tables(doc);
    assert.ok(t);
    assert.deepEqual(t.rows, [
      ['Item', 'Budget', 'Actual'],
      ['General public services', '1,234.50', '1,200.00'],
      ['Education and training', '88.00', '90.25'],
      ['Total', '1,322.50', '1,290.25'],
    ]);
    const last = doc.blocks.at(-1)!;
    assert.equal(last.kind === 'text' && last.text, 'A paragraph after the table.');
  });

  it('a running header and page footer are dropped, table titles that differ by number are kept', async () => {
    const pages: PdfPage[] = [1, 2, 3, 4].map((n) => ({
      texts: [
        { x: 200, y: 30, text: 'XX Bureau 2024 final accounts' },
        { x: 250, y: 70, text: `Table 0${n}` },
        { x: 60, y: 200, text: `Body text of page ${n}.` },
        { x: 260, y: 820, text: `Page ${n} of 4` },
      ],
    }));
    const doc = await readBytes(buildPdf(pages), 'headers.pdf');
    assert.deepEqual(
      doc.blocks.map((b) => (b.kind === 'text' ? b.text : '')),
      [1, 2, 3, 4].flatMap((n) => [`Table 0${n}`, `Body text of page ${n}.`]),
    );
  });

  it('a numbered heading after a full line that ends without a stop starts its own paragraph', () => {
    // 16 pt CJK text, lines 400 pt wide: a placeholder filling its line, then the next section's heading.
    const line = (text: string, y: number, x1 = 460) => ({ text, x0: 60, x1, y, size: 16 });
    const blocks = layoutPage({
      page: 1,
      width: 595,
      height: 842,
      segments: [],
      pictures: [],
      runs: [
        line('机关运行经费支出155.93万元，比2023年度减少1.54万元，下降', 100),
        line('0.98%。', 124, 120),
        line('【数据包未含绩效管理数据，请填写预算绩效管理情况请填写】', 148),
        line('十一、其他重要事项的情况说明', 172, 300),
        line('本部门2024年度政府采购金额（以合同签订为准）为246.62万', 196),
        line('元。', 220, 100),
      ],
    });
    assert.deepEqual(
      blocks.map((b) => (b.kind === 'text' ? b.text : '')),
      [
        '机关运行经费支出155.93万元，比2023年度减少1.54万元，下降0.98%。',
        '【数据包未含绩效管理数据，请填写预算绩效管理情况请填写】',
        '十一、其他重要事项的情况说明',
        '本部门2024年度政府采购金额（以合同签订为准）为246.62万元。',
      ],
    );
  });

  it('a justified Chinese paragraph reads without spaces between its characters, real gaps kept', async () => {
    // A line spread by 1.7 pt of character spacing (0.106 em at 16 pt, as LibreOffice justifies),
    // past pdfjs's 0.102 em at which it puts a space inside a text item; then a figure in
    // Helvetica (a Western font, as word processors set figures), and a heading whose one typed
    // space (half an em) is a real gap.
    const first = '本年支出的具体构成：项目支出';
    const texts = [
      { x: 60, y: 100, size: 16, cjk: true, charSpacing: 1.7, text: first },
      { x: 60 + first.length * 17.7 + 5, y: 100, size: 16, text: '255.28' },
      { x: 60, y: 124, size: 16, cjk: true, charSpacing: 1.7, text: '万元，占' },
      { x: 130.8, y: 124, size: 16, text: '27.14%' },
      { x: 186.8, y: 124, size: 16, cjk: true, text: '。' },
      { x: 60, y: 160, size: 16, cjk: true, text: '第一部分 部门概况' },
    ];
    const doc = await readBytes(buildPdf([{ texts }]), 'justified.pdf');
    assert.deepEqual(
      doc.blocks.map((b) => (b.kind === 'text' ? b.text : '')),
      ['本年支出的具体构成：项目支出 255.28万元，占27.14%。', '第一部分 部门概况'],
    );
  });

  it('a table printed as a picture under its text title is an image block in its place', async () => {
    const title = [
      { x: 200, y: 60, text: '国有资本经营预算财政拨款支出决算表', cjk: true },
      { x: 270, y: 84, text: '公开08表', cjk: true },
      { x: 440, y: 108, text: '金额单位：万元', cjk: true },
    ];
    const doc = await readBytes(
      buildPdf([
        { texts: title, pictures: [[60, 120, 540, 420]] },
        { texts: [{ x: 60, y: 100, text: 'Next page.' }] },
      ]),
      'picture.pdf',
    );
    assert.deepEqual(
      doc.blocks.map((b) => (b.kind === 'text' ? b.text : `${b.kind} p${b.location.page}`)),
      ['国有资本经营预算财政拨款支出决算表', '公开08表', '金额单位：万元', 'image p1', 'Next page.'],
    );
  });

  it('a logo, or a picture the text is printed over, is no image block', async () => {
    const body = [100, 124, 148, 172].map((y) => ({ x: 80, y, text: `Paragraph line at ${y}.` }));
    const doc = await readBytes(
      buildPdf([
        {
          texts: body,
          pictures: [
            [40, 80, 560, 200],
            [60, 700, 120, 760],
          ],
        },
      ]),
      'watermark.pdf',
    );
    assert.deepEqual(
      doc.blocks.map((b) => b.kind),
      ['text'],
    );
  });

  it('a text run crossing a column rule is cut at the rule', () => {
    const pieces = splitRun({ text: '合计123.00', x0: 0, x1: 45, y: 10, size: 10 }, [20]);
    assert.deepEqual(
      pieces.map((p) => p.text),
      ['合计', '123.00'],
    );
  });
});

describe('what MuPDF draws that is not read, or read once', () => {
  it('a bold heading, filled then stroked, reads once; text placed beyond the page edge is not read', async () => {
    const doc = await readBytes(
      buildPdf([
        {
          texts: [
            { x: 60, y: 80, size: 16, cjk: true, bold: true, text: '第一部分 部门概况' },
            { x: 60, y: 120, text: 'Unit: 10,000 yuan' },
            { x: 700, y: 120, text: 'Unit: 10,000 yuan' },
          ],
        },
      ]),
      'bold.pdf',
    );
    assert.deepEqual(
      doc.blocks.map((b) => (b.kind === 'text' ? b.text : b.kind)),
      ['第一部分 部门概况', 'Unit: 10,000 yuan'],
    );
  });

  it('markup characters in the text come back as printed', async () => {
    const doc = await readBytes(
      buildPdf([{ texts: [{ x: 60, y: 80, text: 'A&B <x> "q" \'s\'' }] }]),
      'markup.pdf',
    );
    assert.deepEqual(
      doc.blocks.map((b) => (b.kind === 'text' ? b.text : b.kind)),
      [`A&B <x> "q" 's'`],
    );
  });
});

describe('hostile and unreadable PDFs', () => {
  it('a PDF that needs a password is refused as encrypted, naming the file', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'juesuan-encrypted-'));
    try {
      writeFileSync(join(dir, 'plain.pdf'), buildPdf([{ texts: [{ x: 60, y: 80, text: 'Secret' }] }]));
      execFileSync(
        'mutool',
        ['clean', '-E', 'aes-128', '-U', 'user', '-O', 'owner', 'plain.pdf', 'locked.pdf'],
        {
          cwd: dir,
        },
      );
      const error = await rejects(readFileSync(join(dir, 'locked.pdf')), 'locked.pdf', 'encrypted');
      assert.match(error.message, /是加密的 PDF（需要密码才能打开）/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('without MuPDF installed, the message says what to install', async () => {
    const saved = process.env.JUESUAN_MUTOOL;
    process.env.JUESUAN_MUTOOL = '/nonexistent/mutool';
    try {
      const error = await rejects(
        buildPdf([{ texts: [{ x: 60, y: 80, text: 'Page' }] }]),
        'a.pdf',
        'unavailable',
      );
      assert.match(error.message, /需要 MuPDF 的 mutool 命令（Debian 软件包 mupdf-tools）/);
    } finally {
      if (saved === undefined) delete process.env.JUESUAN_MUTOOL;
      else process.env.JUESUAN_MUTOOL = saved;
    }
  });

  it('a truncated PDF is refused as damaged, naming the file', async () => {
    const bytes = readFileSync(shanghai);
    const error = await rejects(bytes.subarray(0, Math.floor(bytes.length / 2)), 'truncated.pdf', 'corrupt');
    assert.match(error.message, /不是完好的 PDF 文件（结尾缺少 %%EOF，可能下载不完整或被截断）/);
  });

  it('a scan without a text layer is refused with the no-text-layer message', async () => {
    const error = await rejects(buildPdf([{ image: true }, { image: true }]), 'scan.pdf', 'no-text-layer');
    assert.equal(error.message, `“scan.pdf”：${NO_TEXT_LAYER}`);
    assert.equal(
      NO_TEXT_LAYER,
      'PDF 没有文字层（可能是扫描件），无法读取；请提供可复制文字的 PDF 或 Word 文件',
    );
  });

  it('a page that is only a scan is reported, the others read', async () => {
    const doc = await readBytes(
      buildPdf([{ texts: [{ x: 60, y: 100, text: 'Page one' }] }, { image: true }]),
      'mixed.pdf',
    );
    // The scan itself is a picture in its place: recognition may find a table's title above it.
    assert.deepEqual(
      doc.blocks.map((b) => (b.kind === 'text' ? b.text : `${b.kind} p${b.location.page}`)),
      ['Page one', 'image p2'],
    );
    assert.ok(doc.warnings.some((w) => w.includes('第 2 页没有文字层')));
  });

  it('a 300-page PDF is read page by page to the end, page numbers dropped', async () => {
    const pages = Array.from({ length: 300 }, (_, i) => {
      const page = ruledTable(
        [
          ['Item', 'Amount'],
          [`Row ${i + 1}`, `${i + 1}.00`],
        ],
        [60, 300, 500],
        100,
      );
      page.texts!.push({ x: 60, y: 60, text: `Section ${String.fromCharCode(65 + (i % 26))}${i}`, size: 14 });
      page.texts!.push({ x: 280, y: 810, text: `- ${i + 1} -` });
      return page;
    });
    let last = 0;
    const doc = await readBytes(buildPdf(pages), 'long.pdf', { onProgress: (p) => (last = p.done) });
    assert.equal(doc.pages, 300);
    assert.equal(last, 300);
    assert.equal(tables(doc).length, 300);
    assert.ok(!doc.blocks.some((b) => b.kind === 'text' && /^- \d+ -$/.test(b.text)));
  });

  it('a read that outruns its time budget stops with a timeout error', async () => {
    const pages = Array.from({ length: 50 }, (_, i) => ({ texts: [{ x: 60, y: 100, text: `Page ${i}` }] }));
    try {
      await readBytes(buildPdf(pages), 'slow.pdf', { timeoutMs: 1 });
      assert.fail('read');
    } catch (error) {
      assert.ok(error instanceof ReadError);
      assert.equal(error.code, 'timeout');
      assert.match(error.message, /读取“slow.pdf”超过 1 毫秒仍未完成/);
    }
  });
});

describe('MuPDF’s trace, read as it streams', () => {
  /** A PDF written to a temporary file for `tracePdf`, removed after `use`. */
  async function withPdf<T>(bytes: Buffer, use: (file: string, dir: string) => Promise<T>): Promise<T> {
    const dir = mkdtempSync(join(tmpdir(), 'juesuan-trace-'));
    try {
      const file = join(dir, 'input.pdf');
      writeFileSync(file, bytes);
      return await use(file, dir);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }

  /** Runs `use` with JUESUAN_MUTOOL set to a shell script of the given body. */
  async function withFakeMutool<T>(dir: string, body: string, use: () => Promise<T>): Promise<T> {
    const script = join(dir, 'fake-mutool');
    writeFileSync(script, `#!/bin/sh\n${body}\n`, { mode: 0o700 });
    const saved = process.env.JUESUAN_MUTOOL;
    process.env.JUESUAN_MUTOOL = script;
    try {
      return await use();
    } finally {
      if (saved === undefined) delete process.env.JUESUAN_MUTOOL;
      else process.env.JUESUAN_MUTOOL = saved;
    }
  }

  const limits = {
    maxPages: 10,
    maxMemoryBytes: READ_LIMITS.maxPdfEngineBytes,
    maxCpuSeconds: READ_LIMITS.maxPdfCpuSeconds,
    maxPageCpuSeconds: READ_LIMITS.maxPdfPageCpuSeconds,
    check: () => {},
  };
  const page = (text: string): PdfPage => ({
    texts: [
      { x: 60, y: 80, size: 16, cjk: true, text },
      { x: 60, y: 120, text: 'Total 1,234.50 & <more>' },
    ],
    lines: [[60, 130, 400, 130]],
  });

  it('a trace cut anywhere between chunks, even inside a character, reads as the whole', async () => {
    const trace = await withPdf(buildPdf([page('一般公共预算财政拨款收入'), page('合计')]), async (file) =>
      execFileSync('mutool', ['trace', file]),
    );
    const parse = (size: number) => {
      const parser = new TraceParser();
      for (let at = 0; at < trace.length; at += size) parser.push(trace.subarray(at, at + size));
      return parser.finish();
    };
    const whole = parse(trace.length);
    assert.deepEqual(
      whole.pages.map((p) => p.runs.map((r) => r.text)),
      [
        ['一般公共预算财政拨款收入', 'Total 1,234.50 & <more>'],
        ['合计', 'Total 1,234.50 & <more>'],
      ],
    );
    assert.equal(whole.pages[0]!.segments.length, 1);
    assert.equal(whole.chars, 12 + 2 + 2 * 'Total1,234.50&<more>'.length);
    for (const size of [1, 2, 7, 4096]) assert.deepEqual(parse(size), whole, `chunks of ${size} bytes`);
  });

  it('reads no more than the pages it is asked for', async () => {
    const result = await withPdf(buildPdf([page('一'), page('二'), page('三')]), (file) =>
      tracePdf(file, { ...limits, maxPages: 2 }),
    );
    assert.deepEqual(
      result.pages.map((p) => p.page),
      [1, 2],
    );
  });

  it('MuPDF runs under the address-space limit: too little memory and nothing is read', async () => {
    const result = await withPdf(readFileSync(shanghai), (file) =>
      tracePdf(file, { ...limits, maxMemoryBytes: 16 * 1024 * 1024 }),
    );
    assert.equal(result.pages.length, 0);
    assert.notEqual(result.exitCode, 0);
  });

  it('an abort kills MuPDF at once and the read fails with the abort’s reason', async () => {
    await withPdf(buildPdf([page('一')]), (file, dir) =>
      withFakeMutool(dir, 'echo "<document>"; exec sleep 30', async () => {
        const controller = new AbortController();
        setTimeout(() => controller.abort(new Error('cancelled by the user')), 200);
        const started = performance.now();
        await assert.rejects(
          tracePdf(file, { ...limits, signal: controller.signal }),
          /cancelled by the user/,
        );
        assert.ok(performance.now() - started < 5000, 'MuPDF was killed, not waited for');
      }),
    );
  });

  it('a deadline passed while MuPDF runs stops it with the deadline’s error', async () => {
    await withPdf(buildPdf([page('一')]), (file, dir) =>
      withFakeMutool(dir, 'exec sleep 30', async () => {
        const deadline = Date.now() + 200;
        const check = () => {
          if (Date.now() > deadline) throw new Error('over time');
        };
        const started = performance.now();
        await assert.rejects(tracePdf(file, { ...limits, check }), /over time/);
        assert.ok(performance.now() - started < 5000, 'MuPDF was killed, not waited for');
      }),
    );
  });

  /** A shell loop that spends CPU time in MuPDF's place (prlimit execs it, so it is the child). */
  const spin = (times: number) => `j=0; while [ $j -lt ${times} ]; do j=$((j+1)); done`;
  const pageStart = (n: string) => `echo '<page number="'${n}'" mediabox="0 0 595 842">'`;

  it('a page that costs MuPDF more CPU time than the page limit stops it, naming the page', async () => {
    await withPdf(buildPdf([page('一')]), (file, dir) =>
      withFakeMutool(
        dir,
        `${pageStart('1')}; echo '</page>'; ${pageStart('2')}; while :; do :; done`,
        async () => {
          const started = performance.now();
          await assert.rejects(
            tracePdf(file, { ...limits, maxPageCpuSeconds: 0.3 }),
            (error) => error instanceof EngineCpuExceeded && error.scope === 'page' && error.page === 2,
          );
          assert.ok(performance.now() - started < 5000, 'MuPDF was killed, not waited for');
        },
      ),
    );
  });

  it('pages each within the page limit stop at the document’s CPU limit', async () => {
    const script = `i=0; while :; do i=$((i+1)); ${pageStart('$i')}; ${spin(2000)}; done`;
    await withPdf(buildPdf([page('一')]), (file, dir) =>
      withFakeMutool(dir, script, () =>
        assert.rejects(
          tracePdf(file, { ...limits, maxCpuSeconds: 1 }),
          (error) => error instanceof EngineCpuExceeded && error.scope === 'document' && error.page > 1,
        ),
      ),
    );
  });

  it('CPU time spent before any page starts stops at the document’s limit, kernel or poll first', async () => {
    // The kernel's SIGXCPU at the whole second usually comes before the next look at /proc.
    await withPdf(buildPdf([page('一')]), (file, dir) =>
      withFakeMutool(dir, 'while :; do :; done', () =>
        assert.rejects(
          tracePdf(file, { ...limits, maxCpuSeconds: 1, maxPageCpuSeconds: 60 }),
          (error) => error instanceof EngineCpuExceeded && error.scope === 'document' && error.page === 1,
        ),
      ),
    );
  });

  it('output that is no trace (a line over the length limit) stops the read', async () => {
    await withPdf(buildPdf([page('一')]), (file, dir) =>
      withFakeMutool(dir, `head -c ${MAX_LINE_BYTES + 10} /dev/zero | tr '\\000' a; exec sleep 30`, () =>
        assert.rejects(tracePdf(file, limits), new RegExp(`mutool 输出了超过 ${MAX_LINE_BYTES} 字节的一行`)),
      ),
    );
  });
});
