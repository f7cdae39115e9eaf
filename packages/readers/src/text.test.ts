import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { type RawDocument, type RawTable, READ_LIMITS } from '@juesuan/core';
import { ReadContext } from './context';
import type { ReadLimit } from './errors';
import { readBytes, readDocument } from './read';
import { GUARD_MS, refusedOverLimit } from './testing/limits';
import { classify, readTextContent } from './text';

const samples = new URL('../../data/src/testing/samples/', import.meta.url);
const samplePath = (name: string) => new URL(name, samples).pathname;

function tables(doc: RawDocument): RawTable[] {
  return doc.blocks.filter((b): b is RawTable => b.kind === 'table');
}

/** The table whose nearest preceding text block matches `title`. */
function tableAfter(doc: RawDocument, title: RegExp): RawTable {
  let seen = false;
  for (const block of doc.blocks) {
    if (block.kind === 'text' && title.test(block.text)) seen = true;
    else if (block.kind === 'table' && seen) return block;
  }
  throw new Error(`no table after ${title}`);
}

function rowStarting(table: RawTable, ...cells: string[]): string[] {
  const row = table.rows.find((r) => cells.every((c, i) => r[i] === c));
  assert.ok(row, `no row starting ${cells.join(' | ')}`);
  return row;
}

function read(text: string) {
  const ctx = new ReadContext('test.txt');
  return { ...readTextContent(text, ctx), warnings: ctx.warnings };
}

describe('text reader on the Jingdezhen 2024 sample (tab-separated, <b> tags, # headings)', async () => {
  const doc = await readDocument(samplePath('jingdezhen-2024.txt'));

  it('reads as text with headings as paragraphs without their # marks', () => {
    assert.equal(doc.format, 'text');
    assert.ok(doc.blocks.some((b) => b.kind === 'text' && b.text === '第一部分 景德镇市医疗保障局概况'));
    assert.ok(!doc.blocks.some((b) => b.kind === 'text' && b.text.includes('#')));
  });

  it('puts 本年收入合计 940.50 of 公开01表 in the 金额 column, beside its 行次 27', () => {
    const t01 = tableAfter(doc, /^公开 01 表$/);
    const header = rowStarting(t01, '项 目', '行次', '金 额');
    assert.equal(header.length, 6);
    assert.deepEqual(rowStarting(t01, '本年收入合计'), [
      '本年收入合计',
      '27',
      '940.50',
      '本年支出合计',
      '58',
      '940.49',
    ]);
    // The <b> tags around 总计 are gone, the cells kept.
    assert.deepEqual(rowStarting(t01, '总计'), ['总计', '31', '940.51', '总计', '62', '940.51']);
    assert.equal(t01.rows.length, t01.rowLocations.length);
    assert.ok(t01.location.line! > 100);
  });

  it('keeps empty leading cells so codes and names stay in their columns (公开02表)', () => {
    const t02 = tableAfter(doc, /^公开 02 表$/);
    assert.deepEqual(rowStarting(t02, '2101501').slice(0, 5), [
      '2101501',
      '',
      '行政运行',
      '443.23',
      '443.22',
    ]);
    assert.deepEqual(rowStarting(t02, '', '', '合计').slice(3, 5), ['940.50', '940.49']);
  });

  it('continues a tab table past a blank line when the rows keep their width (公开04表)', () => {
    const t04 = tableAfter(doc, /^公开 04 表$/);
    assert.ok(t04.rows.some((r) => r[3] === '十四、资源勘探工业信息等支出'));
    assert.ok(t04.rows.some((r) => r[3] === '十五、商业服务业等支出'));
  });

  it('reads the performance self-evaluation tables with their <p> cells as text', () => {
    const perf = tableAfter(doc, /^项目支出绩效自评表$/);
    assert.equal(perf.rows[0]![0], '项目名称');
    assert.ok(perf.rows.some((r) => r.some((c) => c.startsWith('通过调整医疗服务收费价格'))));
    assert.ok(
      perf.rows.some((r) => r.includes('49.976847')),
      'a figure with many decimals in a tab cell is not split',
    );
  });
});

describe('text reader on the Qingshanhu 2020 sample (space-separated, glued codes, wrapped names)', async () => {
  const doc = await readDocument(samplePath('qingshanhu-2020.txt'));

  it('splits single-space-separated figures from labels (草案03表)', () => {
    const t03 = tableAfter(doc, /^草案03表$/);
    assert.deepEqual(t03.rows[0], ['栏次', '1', '2', '3', '4', '5', '6']);
    assert.deepEqual(rowStarting(t03, '合计'), [
      '合计',
      '7,167,065.75',
      '5,826,465.75',
      '1,340,600.00',
      '0.00',
      '0.00',
      '0.00',
    ]);
  });

  it('splits amounts glued to the following economic code and joins wrapped names (草案06表)', () => {
    const t06 = tableAfter(doc, /^草案06表$/);
    assert.deepEqual(rowStarting(t06, '301'), [
      '301',
      '工资福利支出',
      '826,071.39',
      '302',
      '商品和服务支出',
      '3,028,904.35',
      '307',
      '债务利息及费用支出',
      '0.00',
    ]);
    assert.deepEqual(rowStarting(t06, '30103'), [
      '30103',
      '奖金',
      '0.00',
      '30203',
      '咨询费',
      '94,774.07',
      '30703',
      '国内债务发行费用',
      '0.00',
    ]);
    assert.deepEqual(rowStarting(t06, '30108'), [
      '30108',
      '机关事业单位基本养老保险缴',
      '100,000.00',
      '30206',
      '电费',
      '150,000.00',
      '31001',
      '房屋建筑物购建',
      '0.00',
    ]);
    assert.deepEqual(rowStarting(t06, '30301').slice(0, 5), ['30301', '离休费', '0.00', '30216', '培训费']);
  });

  it('warns about the split and about the one glued figure whose code is not 3, 5 or 7 digits', () => {
    assert.ok(
      doc.warnings.some((w) => /金额与其后的科目编码粘在一起/.test(w) && w.includes('826,071.39302')),
    );
    assert.ok(doc.warnings.some((w) => w.includes('10,000.00310111') && w.includes('未拆开')));
  });

  it('splits an amount glued to the next label in a two-sided table (财政拨款收入支出决算总表)', () => {
    const t04 = tableAfter(doc, /编制单位：南昌市青山湖区医疗保障局（本级） 金额单位：元/);
    assert.deepEqual(rowStarting(t04, '一、一般公共预算'), [
      '一、一般公共预算',
      '1',
      '5,997,795.07',
      '一、一般公共服务支出',
      '33',
      '0.00',
      '0.00',
      '0.00',
      '0.00',
    ]);
  });

  it('reads the one-cell-per-line performance tables, a cell broken over lines joined', () => {
    const perf = tableAfter(doc, /^项目支出绩效自评表$/);
    assert.deepEqual(perf.rows[0]!.slice(0, 2), ['项目名称', '城乡居民医疗保险配套补助经费']);
    assert.ok(perf.rows.some((r) => r[0] === '项目资金（万元）'));
    assert.ok(perf.rows.some((r) => r.includes('参保人数（人）') && r.includes('242566')));
    assert.equal(tables(doc).filter((t) => t.rows[0]?.[0] === '项目名称').length, 6);
  });

  it('rejoins a row that a blank line inside a cell split in two', () => {
    const second = tables(doc).filter((t) => t.rows[0]?.[0] === '项目名称')[1]!;
    const row = second.rows.find((r) => r.includes('项目执行情况'));
    assert.ok(row);
    assert.deepEqual(row.slice(3, 8), ['项目执行情况', '规范', '规范', '5', '5']);
  });

  it('keeps prose as paragraphs, in reading order after the tables they follow', () => {
    const i = doc.blocks.findIndex(
      (b) => b.kind === 'text' && b.text.startsWith('本部门2020年度收入总计800.83万元'),
    );
    assert.ok(i > 0);
    const lines = doc.blocks.map((b) => b.location.line ?? 0);
    assert.deepEqual(
      lines,
      [...lines].sort((a, b) => a - b),
      'blocks come in the order of their lines',
    );
  });
});

describe('text heuristics', () => {
  it('glued figure: 2 decimals + a 3/5/7-digit code starting 2/3/5 is split; other lengths are not', () => {
    const row = classify('30301   离休费 0.0030216   培训费 10,000.00310111');
    assert.equal(row.kind, 'row');
    if (row.kind !== 'row') return;
    assert.deepEqual(row.cells, ['30301', '离休费', '0.00', '30216', '培训费', '10,000.00310111']);
    assert.deepEqual(row.unsplit, ['10,000.00310111']);
  });

  it('a 科目编码 glued to its name is split in any column; a quantity with its unit is not', () => {
    const both = classify('30109    职业年金缴费              30207邮电费');
    assert.deepEqual('cells' in both && both.cells, ['30109', '职业年金缴费', '30207', '邮电费']);
    const right = classify('                             310资本性支出');
    assert.deepEqual('cells' in right && right.cells, ['310', '资本性支出']);
    const quantities = classify('服务天数    230天    300万元以上设备    2');
    assert.deepEqual('cells' in quantities && quantities.cells, [
      '服务天数',
      '230天',
      '300万元以上设备',
      '2',
    ]);
  });

  it('full-width digits and commas in figures become ASCII, a Chinese comma in prose stays', () => {
    const { blocks } = read('合计　１，２３４．５６　７８９．００\n共３个，包括：\n');
    assert.deepEqual((blocks[0] as RawTable).rows[0], ['合计', '1,234.56', '789.00']);
    assert.equal(blocks[1]!.kind === 'text' && blocks[1]!.text, '共3个，包括：');
  });

  it('prose with figures stays a paragraph; a label with a bracketed comma is a row', () => {
    assert.equal(classify('本部门 2024 年度收入总计 940.51 万元，其中年初结转和结余 0.01 万元').kind, 'text');
    const row = classify('二、单价50万元（含）以上通用设备（台，套） 10 0');
    assert.equal(row.kind, 'row');
    if (row.kind === 'row')
      assert.deepEqual(row.cells, ['二、单价50万元（含）以上通用设备（台，套）', '10', '0']);
  });

  it('letter-spaced headers are one cell; a title line is no row', () => {
    assert.equal(classify('项    目').kind, 'loose');
    assert.equal(classify('公开 01 表').kind, 'loose');
    assert.equal(classify('2024 年度').kind, 'loose');
  });

  it('markdown pipe tables, with the separator row skipped', () => {
    const { blocks } = read('| 项目 | 金额 |\n|---|---:|\n| 合计 | 1.00 |\n');
    assert.deepEqual((blocks[0] as RawTable).rows, [
      ['项目', '金额'],
      ['合计', '1.00'],
    ]);
  });

  it('a wrapped label line without numbers joins the row it belongs to', () => {
    const { blocks } = read(
      '30107 绩效工资 55,833.00\n30108\n  机关事业单位\n基本养老保险缴\n100,000.00\n30109 职业年金缴费 50,000.00\n',
    );
    assert.deepEqual((blocks[0] as RawTable).rows, [
      ['30107', '绩效工资', '55,833.00'],
      ['30108', '机关事业单位基本养老保险缴', '100,000.00'],
      ['30109', '职业年金缴费', '50,000.00'],
    ]);
  });

  it('a space-aligned table without figures (pdftotext -layout) keeps one row per line', () => {
    const { blocks } = read(
      '序号                单位名称            备注\n\n 1    上海市 XX 局（本级）\n\n 2    上海市 XX 中心\n',
    );
    assert.deepEqual((blocks[0] as RawTable).rows, [
      ['序号', '单位名称', '备注'],
      ['1', '上海市 XX 局（本级）', ''],
      ['2', '上海市 XX 中心', ''],
    ]);
  });

  it('a spaced-out part heading (pdftotext -layout) keeps the numbered heading after it', () => {
    const { blocks } = read(
      '第三部分  2024年度部门决算情况说明\n一、收入决算情况说明\n2024年度收入总计940.50万元。\n',
    );
    assert.deepEqual(
      blocks.map((b) => [b.kind === 'text' ? b.text : b.kind, b.location]),
      [
        ['第三部分 2024年度部门决算情况说明', { line: 1 }],
        ['一、收入决算情况说明', { line: 2 }],
        ['2024年度收入总计940.50万元。', { line: 3 }],
      ],
    );
  });

  it('page numbers are dropped, and with form feeds so is a header repeated on every page', () => {
    const body = [
      '一、收入决算情况说明',
      '本年收入合计940.50万元。',
      '二、支出决算情况说明',
      '本年支出合计940.49万元。',
    ];
    const page = (n: number) => `XX局2024年度部门决算\n${body[n - 1]}\n- ${n} -\n`;
    const { blocks, pages } = read([1, 2, 3, 4].map(page).join('\f'));
    assert.equal(pages, 4);
    assert.deepEqual(
      blocks.map((b) => (b.kind === 'text' ? b.text : '')),
      body,
    );
    assert.deepEqual(blocks[2]!.location, { page: 3, line: 8 });
  });

  it('tags, entities and image placeholders are removed from text', () => {
    const { blocks } = read('<b>总计</b>&nbsp;说明&amp;注释[image: image8.emf]\n');
    assert.equal(blocks[0]!.kind === 'text' && blocks[0]!.text, '总计 说明&注释');
  });

  it('GBK bytes are decoded with a warning', async () => {
    const gbk = Buffer.from([0xba, 0xcf, 0xbc, 0xc6, 0x09, 0x31, 0x2e, 0x30, 0x30, 0x0a]); // 合计\t1.00
    const doc = await readBytes(gbk, 'gbk.txt');
    assert.deepEqual((doc.blocks[0] as RawTable).rows[0], ['合计', '1.00']);
    assert.ok(doc.warnings.some((w) => w.includes('GB18030')));
  });
});

it('the sample copies beside the data tests are the ones read here', () => {
  assert.ok(readFileSync(samplePath('qingshanhu-2020.txt'), 'utf8').includes('草案06表'));
});

describe('text reader limits and linear time', () => {
  const refused = (text: string | Buffer, name: string, limit: ReadLimit, pattern: RegExp) =>
    refusedOverLimit(() => readBytes(Buffer.from(text), name), name, limit, pattern);

  it('refuses 5 million empty lines at the line limit', async () => {
    const took = await refused(
      '\n'.repeat(5_000_000),
      'empty.txt',
      'maxTextLines',
      /的行数超过 200,000 行上限/,
    );
    assert.ok(took < GUARD_MS, `${took} ms`);
  });

  it('refuses a line longer than the limit before copying it, naming the line and its length', async () => {
    const text = `标题\n${'a'.repeat(20_000_000)}\n`;
    const took = await refused(
      text,
      'long.txt',
      'maxLineChars',
      /第 2 行有 20,000,000 个字符，超过每行 100,000 个字符上限，已停止读取/,
    );
    assert.ok(took < GUARD_MS, `${took} ms`);
  });

  it('refuses a table of more rows than one table may have', async () => {
    const rows = '行政运行\t1,234.56\t789.00\n'.repeat(READ_LIMITS.maxTableRows + 1);
    await refused(
      `支出决算表\n${rows}`,
      'rows.txt',
      'maxTableRows',
      /第 2 行起的表格超过 50,000 行上限（已有 50,001 行）/,
    );
  });

  it('a label wrapped over 40,000 lines is joined in linear time', async () => {
    // Joining the label one line at a time re-read it whole each time: 20,000 lines took 13 s.
    const text = `项目  1,234.56  2.00\n项目  1,234.56\n${'标签文字\n'.repeat(40_000)}`;
    const started = performance.now();
    const doc = await readBytes(Buffer.from(text), 'wrapped.txt');
    assert.ok(performance.now() - started < GUARD_MS, `${performance.now() - started} ms`);
    assert.equal(doc.blocks.filter((b) => b.kind === 'text').length, 40_000);
  });

  it('cell lines continued over 40,000 lines are joined in linear time', async () => {
    const text = `\t甲\n\t乙\n\n\t丙\n${'续\n'.repeat(40_000)}`;
    const started = performance.now();
    const doc = await readBytes(Buffer.from(text), 'cells.txt');
    assert.ok(performance.now() - started < GUARD_MS, `${performance.now() - started} ms`);
    const cell = tables(doc)[0]!.rows.at(-1)!.at(0)!;
    assert.equal(cell, `丙${'续'.repeat(40_000)}`);
  });

  it('long runs of blanks, dashes and digits cost each line what its length costs', async () => {
    // Each pattern tried from every position of such a run would cost the square of its length.
    const lines = [
      `${' '.repeat(90_000)}x`,
      `|${'-'.repeat(90_000)}x|`,
      '1'.repeat(90_000),
      `1${',111'.repeat(22_000)}`,
    ];
    const started = performance.now();
    const doc = await readBytes(Buffer.from(lines.map((l) => `${l}\n`.repeat(10)).join('')), 'runs.txt');
    assert.ok(performance.now() - started < GUARD_MS, `${performance.now() - started} ms`);
    assert.ok(doc.blocks.length > 0);
  });
});
