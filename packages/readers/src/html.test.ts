import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { type RawTable, READ_LIMITS } from '@juesuan/core';
import type { ReadLimit } from './errors';
import { readBytes } from './read';
import { GUARD_MS, refusedOverLimit } from './testing/limits';

/** Asserts the read is refused for `limit` with a message matching `pattern`; the time it took. */
const refused = (bytes: Buffer, name: string, limit: ReadLimit, pattern: RegExp) =>
  refusedOverLimit(() => readBytes(bytes, name), name, limit, pattern);

const page = `<!DOCTYPE html>
<html><head><meta charset="utf-8"><title>不读标题</title><style>td { color: red }</style>
<script>document.write('<p>脚本</p>')</script></head>
<body>
<h1>XX局2024年度
部门决算</h1>
<p>本部门 2024 年度收入总计 940.51 万元，<b>其中</b>年初结转和结余 0.01 万元。<br>第二行</p>
<table border="1">
  <caption>收入决算表</caption>
  <tr><th rowspan="2">项目</th><th colspan="3">本年收入</th></tr>
  <tr><th>合计<th>财政拨款<th>其他
  <tr><td>合计</td><td>940.50</td><td>940.49</td><td>0.01</td></tr>
  <tr><td>卫生健康<br>支出</td><td rowspan="2">812.03</td><td>812.03</td><td>0.00</td></tr>
  <tr><td>医疗保障</td><td>767.79</td><td rowspan="9999">0.00</td></tr>
</table>
<div>注：本表反映部门本年度取得的各项收入情况。<noscript>请开启脚本</noscript></div>
</body></html>`;

describe('HTML reader', async () => {
  const doc = await readBytes(Buffer.from(page), '收入决算表.html');

  it('reads headings and paragraphs, a <br> splitting one, scripts and styles ignored', () => {
    assert.equal(doc.format, 'html');
    const texts = doc.blocks.filter((b) => b.kind === 'text').map((b) => (b.kind === 'text' ? b.text : ''));
    assert.deepEqual(texts, [
      'XX局2024年度部门决算',
      '本部门 2024 年度收入总计 940.51 万元，其中年初结转和结余 0.01 万元。',
      '第二行',
      '收入决算表',
      '注：本表反映部门本年度取得的各项收入情况。',
    ]);
  });

  it('expands rowspan and colspan, unclosed cells closed as a browser does, spans clipped to the table', () => {
    const table = doc.blocks.find((b): b is RawTable => b.kind === 'table')!;
    assert.deepEqual(table.rows, [
      ['项目', '本年收入', '本年收入', '本年收入'],
      ['项目', '合计', '财政拨款', '其他'],
      ['合计', '940.50', '940.49', '0.01'],
      ['卫生健康 支出', '812.03', '812.03', '0.00'],
      ['医疗保障', '812.03', '767.79', '0.00'],
    ]);
    assert.equal(table.rowLocations.length, 5);
  });

  it('keeps reading order: caption, table, note', () => {
    const kinds = doc.blocks.map((b) => (b.kind === 'text' ? b.text.slice(0, 5) : 'TABLE'));
    assert.deepEqual(kinds.slice(3), ['收入决算表', 'TABLE', '注：本表反']);
    const lines = doc.blocks.map((b) => b.location.line!);
    assert.deepEqual(
      lines,
      [...lines].sort((a, b) => a - b),
    );
  });

  it('decodes a GBK page by its <meta charset>', async () => {
    const head = Buffer.from('<html><head><meta charset="gbk"></head><body><p>', 'latin1');
    const body = Buffer.from([0xba, 0xcf, 0xbc, 0xc6]); // 合计
    const gbk = await readBytes(Buffer.concat([head, body, Buffer.from('</p></body></html>')]), 'gbk.htm');
    assert.equal(gbk.blocks[0]!.kind === 'text' && gbk.blocks[0]!.text, '合计');
  });

  it('reads nesting up to the depth limit (html and body included), and refuses one level more', async () => {
    const nested = (divs: number) =>
      Buffer.from(`<html><body>${'<div>'.repeat(divs)}深处${'</div>'.repeat(divs)}</body></html>`);
    const deepest = READ_LIMITS.maxHtmlDepth - 2;
    const result = await readBytes(nested(deepest), 'deep.html');
    assert.equal(result.blocks[0]!.kind === 'text' && result.blocks[0]!.text, '深处');
    await refused(
      nested(deepest + 1),
      'deeper.html',
      'maxHtmlDepth',
      /的网页元素嵌套超过 512 层上限，已停止读取/,
    );
  });

  it('refuses 200,000 nested spans at the depth limit, before building the rest', async () => {
    const spans = Buffer.from(
      `<html><body>${'<span>'.repeat(200_000)}文字${'</span>'.repeat(200_000)}</body></html>`,
    );
    const took = await refused(spans, 'spans.html', 'maxHtmlDepth', /嵌套超过 512 层上限/);
    assert.ok(took < GUARD_MS, `${took} ms`);
  });

  it('refuses a page of more nodes than the limit while parsing it', async () => {
    const row = '<tr><td>2101101 行政运行</td><td>1,234,567.89</td></tr>\n';
    // Each row is 3 elements and 3 texts (the line break after it included): four times the limit.
    const rows = Math.ceil((4 * READ_LIMITS.maxHtmlNodes) / 6);
    const page = Buffer.from(`<html><body><table>${row.repeat(rows)}</table></body></html>`);
    const took = await refused(
      page,
      'big.html',
      'maxHtmlNodes',
      /的网页元素和文字节点超过 300,000 个上限，已停止读取/,
    );
    assert.ok(took < GUARD_MS, `${took} ms`);
  });

  it('refuses spans that multiply out past the cells of one table before filling them', async () => {
    const row = '<tr><td colspan="1000">宽</td></tr>';
    const page = Buffer.from(`<html><body><p>前言</p><table>${row.repeat(1001)}</table></body></html>`);
    await refused(page, 'wide.html', 'maxTableCells', /第 2 行起的表格超过 1,000,000 个单元格上限/);
  });

  it('gathers a paragraph of 60,000 spans and a run of a million blanks in linear time', async () => {
    const spans = '<span>ab</span> '.repeat(60_000);
    const page = Buffer.from(`<html><body><p>${spans}</p><p>x${' '.repeat(1_000_000)}y</p></body></html>`);
    const started = performance.now();
    const result = await readBytes(page, 'long.html');
    // Gathering by re-reading the paragraph took over a minute.
    assert.ok(performance.now() - started < GUARD_MS, `${performance.now() - started} ms`);
    assert.deepEqual(
      result.blocks.map((b) => (b.kind === 'text' ? b.text.length : 0)),
      [60_000 * 3 - 1, 3],
    );
  });

  it('reads an <img> as an image block in its place, unless its size says it is an icon', async () => {
    const html = `<html><body><p>国有资本经营预算财政拨款支出决算表</p><p>公开08表</p>
      <p><img src="t08.png" width="800" height="420"></p><p><img src="logo.png" width="48" height="48">注：本表反映…</p>
      <img src="t09.jpg" style="width:100%"></body></html>`;
    const raw = await readBytes(Buffer.from(html), 'picture.html');
    assert.deepEqual(
      raw.blocks.map((b) => (b.kind === 'text' ? b.text : `${b.kind} ${b.location.line}`)),
      ['国有资本经营预算财政拨款支出决算表', '公开08表', 'image 3', '注：本表反映…', 'image 4'],
    );
  });
});
