/**
 * DOCX, XLSX and HTML of the Jingdezhen 2024 sample (景德镇市医疗保障局, the published S2), read
 * back: every cell of 公开01–10 must be printed as its view gives it — and the views equal the
 * published figures cell by cell (packages/data/src/jingdezhen-sample.test.ts) — in its row, side
 * by side where the table is two-sided, with merged headers, notes and the other block kinds.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { buildTableViews, type DocumentView, type TableView } from '@juesuan/core';
import { generatePackage } from '@juesuan/core/testing';
import { EXAMPLES_DIR, loadCatalog, loadProfile, readPackageFile } from '@juesuan/data';
import { parseSampleTables } from '@juesuan/data/testing/sample-tables';
import JSZip from 'jszip';
import {
  estimateTocPages,
  figureValue,
  layTable,
  placeCells,
  renderDocx,
  renderHtml,
  renderXlsx,
  sheetName,
} from './index';
import { blocksDocument, buildTestDocument } from './testing/documents';
import {
  assertPrinted,
  docxBody,
  docxDocumentXml,
  docxTables,
  htmlTable,
  loadWorkbook,
  sheetRows,
} from './testing/read-back';

/** The published document (S2) as text, and its table reader, kept with the data package's tests. */
const SAMPLE = new URL('../../data/src/testing/samples/jingdezhen-2024.txt', import.meta.url);

/** Figures the published document prints (S2), looked for in every output. */
const PUBLISHED_FIGURES = [
  '940.51',
  '940.50',
  '940.49',
  '685.21',
  '255.28',
  '57.03',
  '628.18',
  '627.94',
  '443.22',
  '812.03',
];

function countBlocks(doc: DocumentView, kind: string): number {
  return doc.parts.reduce((n, part) => n + part.blocks.filter((b) => b.kind === kind).length, 0);
}

let cached: { doc: DocumentView; views: TableView[] } | undefined;
function fixture() {
  if (!cached) {
    const catalog = loadCatalog();
    const profile = loadProfile('jiangxi-2024');
    const { package: pkg, issues } = readPackageFile(join(EXAMPLES_DIR, 'jingdezhen-2024.json'), { catalog });
    assert.ok(pkg, `样例数据包无法读取：${issues.map((i) => i.message).join('；')}`);
    const views = buildTableViews(pkg, { profile, catalog }).filter((v) => v.printed);
    cached = { doc: buildTestDocument(pkg, profile, catalog), views };
  }
  return cached;
}

describe('DOCX of the Jingdezhen 2024 sample', () => {
  let xml: Promise<string> | undefined;
  const documentXml = () => {
    xml ??= renderDocx(fixture().doc).then(docxDocumentXml);
    return xml;
  };

  it('prints every cell of 公开01–10 as its view gives it, in its row', async () => {
    const { views } = fixture();
    assert.equal(views.length, 10);
    const tables = docxTables(await documentXml(), views);
    let cells = 0;
    for (const view of views) cells += assertPrinted(view, tables.get(view.id)!.rows, 'DOCX');
    assert.ok(cells > 1300, `只核对了 ${cells} 个单元格`);
  });

  it('prints every figure the published 公开01–10 (S2) print, in the table of the same 表号', async () => {
    const tables = docxTables(await documentXml(), fixture().views);
    const published = parseSampleTables(readFileSync(SAMPLE, 'utf8'));
    assert.equal(published.length, 10);
    let figures = 0;
    for (const table of published) {
      const view = fixture().views.find((v) => v.number === table.number)!;
      const printed = new Map<string, number>();
      for (const cell of tables.get(view.id)!.rows.flat()) printed.set(cell, (printed.get(cell) ?? 0) + 1);
      for (const row of table.rows) {
        for (const cell of row.cells) {
          // The sample prints not-applicable cells as ---; the profile prints —.
          const text = cell.text === '---' ? '—' : cell.text;
          if (text === '') continue;
          const left = printed.get(text) ?? 0;
          assert.ok(
            left > 0,
            `${table.number} 的 ${row.code ?? row.label} 栏 ${cell.column ?? ''} 印 ${text}，DOCX 中没有`,
          );
          printed.set(text, left - 1);
          figures++;
        }
      }
    }
    assert.ok(figures >= 400, `只核对了 ${figures} 个数字`);
  });

  it('merges header cells from column groups and prints 行次/栏次', async () => {
    const tables = docxTables(await documentXml(), fixture().views);
    const t07 = tables.get('T07')!;
    // 本年支出 spans 小计, 基本支出, 项目支出; the columns without a group span both header rows.
    assert.match(t07.xml, /<w:gridSpan w:val="3"\/>(?:(?!<\/w:tc>)[\s\S])*本年支出/);
    assert.match(t07.xml, /<w:vMerge w:val="restart"\/>(?:(?!<\/w:tc>)[\s\S])*年初结转和结余/);
    const t01 = tables.get('T01')!;
    assert.deepEqual(t01.rows[0], ['收入', '支出']);
    assert.ok(
      t01.rows.some((r) => r.join('|') === '栏次||1|栏次||2'),
      '公开01表缺少栏次行',
    );
    const t06 = tables.get('T06')!;
    assert.deepEqual(t06.rows[0], ['人员经费', '公用经费']);
    assert.deepEqual(t06.rows.at(-1), ['人员经费合计', '628.18', '公用经费合计', '57.03']);
  });

  it('prints the table header lines, notes and the 目录 with page numbers', async () => {
    const items = docxBody(await documentXml());
    const texts = items.filter((i) => i.kind === 'p').map((i) => (i as { text: string }).text);
    assert.ok(texts.includes('公开01表'), '没有表号行');
    assert.ok(texts.includes('部门：景德镇市医疗保障局\t2024 年度\t金额单位：万元'), '没有表头信息行');
    assert.ok(texts.includes('部门：景德镇市医疗保障局\t2024 年度\t单位：台、辆、套'), '公开10表的单位不对');
    assert.ok(texts.includes('2. 本套报表金额单位转换时可能存在尾数误差。'), '没有注');
    // The 目录 lists every part and listed heading with the page estimated for it.
    const entries = estimateTocPages(fixture().doc);
    for (const entry of entries) {
      assert.ok(texts.includes(`${entry.title}\t${entry.page}`), `目录缺少 ${entry.title} ${entry.page}`);
    }
  });

  it('writes native charts and sets zh-CN for East Asian text in the official fonts', async () => {
    const zip = await JSZip.loadAsync(await renderDocx(fixture().doc));
    const charts = Object.keys(zip.files).filter((f) => /^word\/charts\/chart\d+\.xml$/.test(f));
    assert.equal(charts.length, countBlocks(fixture().doc, 'chart'));
    const styles = await zip.file('word/styles.xml')!.async('string');
    assert.match(styles, /w:eastAsia="zh-CN"/);
    for (const font of ['仿宋_GB2312', '方正小标宋简体', '黑体', '楷体_GB2312', '宋体']) {
      assert.ok(styles.includes(`w:eastAsia="${font}"`), `样式中没有 ${font}`);
    }
    const xml = await documentXml();
    for (const figure of PUBLISHED_FIGURES) assert.ok(xml.includes(`>${figure}<`), `DOCX 中没有 ${figure}`);
    // A4, GB/T 9704 margins on text pages; the tables part landscape.
    assert.match(
      xml,
      /<w:pgSz w:w="11906" w:h="16838" w:orient="portrait"\/><w:pgMar w:top="2098" w:right="1474" w:bottom="1984" w:left="1588"/,
    );
    assert.match(xml, /<w:pgSz w:w="16838" w:h="11906" w:orient="landscape"\/>/);
  });
});

describe('DOCX tables written in one pass', () => {
  it("are byte for byte what docx's Table writes for the same cells", async () => {
    const tables = async (tables: 'prepared' | 'docx') => {
      const xml = await docxDocumentXml(await renderDocx(fixture().doc, { tables }));
      return xml.match(/<w:tbl>[\s\S]*?<\/w:tbl>/g) ?? [];
    };
    const prepared = await tables('prepared');
    const reference = await tables('docx');
    // 10 公开表, the units list and the two 项目支出绩效自评表 (the whole-department tables print only when complete).
    assert.ok(prepared.length >= 13, `只有 ${prepared.length} 个表格`);
    assert.equal(prepared.length, reference.length);
    for (const [i, table] of prepared.entries()) assert.equal(table, reference[i], `第 ${i + 1} 个表格不同`);
  });

  it('leave the whole body, paragraphs and section breaks included, as docx writes it', async () => {
    // docx numbers bookmarks and drawings across the process, and names chart relationships at random.
    const body = async (doc: DocumentView, tables: 'prepared' | 'docx') =>
      (await docxDocumentXml(await renderDocx(doc, { tables })))
        .replace(/ (w:)?id="\d+"/g, ' $1id=""')
        .replace(/r:id="rId[-\w]+"/g, 'r:id=""');
    for (const doc of [fixture().doc, blocksDocument(fixture().views[0]!)]) {
      const prepared = await body(doc, 'prepared');
      assert.doesNotMatch(prepared, /juesuan:/);
      assert.equal(prepared, await body(doc, 'docx'), `${doc.title} 的 document.xml 与 docx 所写不同`);
    }
  });
});

describe('XLSX of the Jingdezhen 2024 sample', () => {
  let workbook: ReturnType<typeof loadWorkbook> | undefined;
  const book = () => {
    workbook ??= renderXlsx(fixture().doc).then(loadWorkbook);
    return workbook;
  };

  it('has one sheet per printed table with every cell as printed and numbers equal to the printed figures', async () => {
    const wb = await book();
    let cells = 0;
    for (const view of fixture().views) {
      const sheet = wb.getWorksheet(sheetName(view.number, view.title));
      assert.ok(sheet, `没有 ${view.number} 的工作表`);
      assert.ok(sheet.name.length <= 31, `工作表名过长：${sheet.name}`);
      const { rows, numbers } = sheetRows(sheet);
      cells += assertPrinted(view, rows, 'XLSX');
      for (const { text, value } of numbers) {
        if (text === '' || !/\d/.test(text)) continue;
        assert.equal(value, figureValue(text)!.value, `${sheet.name} 中 ${text} 的数值为 ${value}`);
      }
    }
    assert.ok(cells > 1300, `只核对了 ${cells} 个单元格`);
  });

  it('stores figures as numbers with #,##0.00, prints A4 landscape fit to width and freezes the header', async () => {
    const wb = await book();
    const sheet = wb.getWorksheet(sheetName('公开01表', '收入支出决算总表'))!;
    const total = sheet.getColumn(3).values.find((v) => v === 940.51);
    assert.equal(total, 940.51);
    let formats = 0;
    sheet.eachRow((row) =>
      row.eachCell((cell) => {
        if (typeof cell.value === 'number') {
          assert.equal(cell.numFmt, '#,##0.00');
          formats++;
        }
      }),
    );
    assert.ok(formats > 10, `只有 ${formats} 个数值单元格`);
    assert.equal(sheet.pageSetup.paperSize, 9);
    assert.equal(sheet.pageSetup.orientation, 'landscape');
    assert.equal(sheet.pageSetup.fitToWidth, 1);
    assert.equal(sheet.views[0]?.state, 'frozen');
    const t09 = wb.getWorksheet(sheetName('公开09表', '财政拨款“三公”经费支出决算表'))!;
    const counts = sheetRows(t09).rows.find((r) => r[0] === '6.国内公务接待人次（人）');
    assert.deepEqual(counts?.slice(1), ['17', '—', '—', '87']);
    assert.ok(wb.getWorksheet('说明'), '没有说明工作表');
    const about = sheetRows(wb.getWorksheet('说明')!).rows.flat().join('\n');
    assert.match(about, /尾数误差/);
    assert.match(about, /景德镇市医疗保障局/);
  });
});

describe('HTML of the Jingdezhen 2024 sample', () => {
  it('is one page without network that holds every table cell, the 目录 anchors, placeholders and charts', () => {
    const { doc, views } = fixture();
    const html = renderHtml(doc);
    let cells = 0;
    for (const view of views) cells += assertPrinted(view, htmlTable(html, view.id), 'HTML');
    assert.ok(cells > 1300, `只核对了 ${cells} 个单元格`);
    for (const figure of PUBLISHED_FIGURES) assert.ok(html.includes(`>${figure}<`), `HTML 中没有 ${figure}`);
    for (const [, id] of html.matchAll(/<a href="#([^"]+)">/g))
      assert.ok(html.includes(`id="${id}"`), `目录链接 #${id} 无目标`);
    assert.match(html, /<svg [^>]*class="chart"/);
    assert.match(html, /rowspan="2"/);
    assert.match(html, /colspan="3"/);
    assert.match(html, /@page tables \{ size: A4 landscape/);
    assert.doesNotMatch(
      html.replace(/xmlns="http:\/\/www\.w3\.org\/2000\/svg"/g, ''),
      /https?:\/\/|<script|<link /,
    );
  });
});

describe('table layout of every profile', () => {
  it('covers every grid position exactly once, in synthetic documents of the three profiles', () => {
    const catalog = loadCatalog();
    for (const [id, year] of [
      ['jiangxi-2024', 2024],
      ['shanghai-2024', 2024],
      ['jiangxi-2020', 2020],
    ] as const) {
      const profile = loadProfile(id);
      const pkg = generatePackage({ seed: 11, catalog, year, profile: id, codes: 20 });
      for (const view of buildTableViews(pkg, { profile, catalog }).filter((v) => v.printed)) {
        for (const laid of layTable(view)) {
          const width = laid.widths.length;
          const covered = laid.rows.map(() => new Array<number>(width).fill(0));
          for (const { row, col, cell } of placeCells(laid)) {
            for (let dr = 0; dr < (cell.rowSpan ?? 1); dr++) {
              for (let dc = 0; dc < (cell.colSpan ?? 1); dc++) covered[row + dr]![col + dc]! += 1;
            }
          }
          for (const [r, line] of covered.entries()) {
            assert.ok(
              line.every((n) => n === 1),
              `${id} ${view.number} 第 ${r + 1} 行覆盖不对：${line.join(',')}`,
            );
          }
        }
      }
    }
  });

  it('renders synthetic documents of the three profiles to DOCX, XLSX and HTML with every cell', async () => {
    const catalog = loadCatalog();
    for (const [id, year] of [
      ['shanghai-2024', 2024],
      ['jiangxi-2020', 2020],
    ] as const) {
      const profile = loadProfile(id);
      const pkg = generatePackage({ seed: 5, catalog, year, profile: id, codes: 12 });
      const doc = buildTestDocument(pkg, profile, catalog);
      const views = buildTableViews(pkg, { profile, catalog }).filter((v) => v.printed);
      const xml = await docxDocumentXml(await renderDocx(doc));
      const tables = docxTables(xml, views);
      const wb = await loadWorkbook(await renderXlsx(doc));
      const html = renderHtml(doc);
      // A synthetic package has no reasons: every one is a highlighted placeholder in every output.
      const placeholders = doc.parts.flatMap((p) =>
        p.blocks.flatMap((b) =>
          b.kind === 'paragraph' ? b.runs.filter((r) => r.kind === 'placeholder') : [],
        ),
      );
      assert.ok(placeholders.length > 0, `${id} 的合成文档没有占位文字`);
      const marks = html.match(/<mark class="placeholder"/g)?.length ?? 0;
      assert.equal(marks, placeholders.length, `${id} HTML 中高亮的占位文字数不对`);
      assert.equal(
        xml.match(/<w:highlight w:val="yellow"\/>/g)?.length ?? 0,
        placeholders.length,
        `${id} DOCX 中高亮的占位文字数不对`,
      );
      for (const view of views) {
        assertPrinted(view, tables.get(view.id)!.rows, `${id} DOCX`);
        assertPrinted(
          view,
          sheetRows(wb.getWorksheet(sheetName(view.number, view.title))!).rows,
          `${id} XLSX`,
        );
        assertPrinted(view, htmlTable(html, view.id), `${id} HTML`);
      }
    }
  });
});

describe('figureValue', () => {
  it('reads a printed figure as the number it shows, with a format that prints it the same way', () => {
    assert.deepEqual(figureValue('1,234,567.89'), { value: 1234567.89, format: '#,##0.00' });
    assert.deepEqual(figureValue('-0.01'), { value: -0.01, format: '#,##0.00' });
    assert.deepEqual(figureValue('87'), { value: 87, format: '0' });
    assert.deepEqual(figureValue('12,345'), { value: 12345, format: '#,##0' });
    assert.equal(figureValue('—'), undefined);
    assert.equal(figureValue(''), undefined);
  });

  it('leaves as text a figure Excel cannot hold exactly (over 15 significant digits)', () => {
    assert.deepEqual(figureValue('123,456,789,012.34'), { value: 123456789012.34, format: '#,##0.00' });
    assert.equal(figureValue('12,345,678,901,234,567.89'), undefined);
    assert.equal(figureValue('1'.repeat(400)), undefined);
    assert.deepEqual(figureValue('0.000000000000001'), { value: 1e-15, format: '#,##0.000000000000000' });
  });
});

/** A character XML 1.0 cannot hold: C0 controls other than tab, line feed and carriage return. */
const hasControlCharacter = (text: string) =>
  [...text].some((ch) => {
    const code = ch.charCodeAt(0);
    return code < 0x20 && code !== 0x09 && code !== 0x0a && code !== 0x0d;
  });

describe('control characters in the text', () => {
  it('never reach the XLSX: every part is well-formed XML 1.0, and it reads back', async () => {
    const named = { ...blocksDocument(fixture().views[0]!), title: '景德镇\u0007医保局\u0000决算' };
    const bytes = await renderXlsx(named);
    const zip = await JSZip.loadAsync(bytes);
    for (const name of Object.keys(zip.files).filter((n) => n.endsWith('.xml'))) {
      const xml = await zip.file(name)!.async('string');
      assert.ok(!hasControlCharacter(xml), `${name} holds a control character`);
    }
    const book = await loadWorkbook(bytes);
    const texts: string[] = [];
    book.eachSheet((sheet) =>
      sheet.eachRow((row) =>
        row.eachCell((cell) => {
          if (typeof cell.value === 'string') texts.push(cell.value);
        }),
      ),
    );
    assert.ok(texts.includes('景德镇医保局决算'), 'the title, without its control characters');
  });
});

describe('every kind of block', () => {
  const doc = () => blocksDocument(fixture().views[0]!);

  it('DOCX: placeholders highlighted, sub-headings in or out of the 目录, a grid with spans, doughnut and bar charts', async () => {
    const buffer = await renderDocx(doc());
    const xml = await docxDocumentXml(buffer);
    assert.match(
      xml,
      /<w:highlight w:val="yellow"\/><\/w:rPr><w:t xml:space="preserve">【请填写部门主要职责】/,
    );
    const entries = estimateTocPages(doc()).map((e) => e.title);
    assert.ok(entries.includes('1. 机关'), '目录缺少列入目录的三级标题');
    assert.ok(!entries.includes('（一）内设机构'), '目录列入了不列入目录的标题');
    assert.match(xml, /<w:pStyle w:val="Heading3Plain"\/>/);
    const items = docxBody(xml);
    const grid = items.filter((i) => i.kind === 'tbl').at(-1) as { xml: string; rows: string[][] };
    assert.deepEqual(grid.rows[0], ['项目名称', '医疗保障改革专项经费']);
    assert.deepEqual(grid.rows[3], ['成本指标', '项目支出（万元）', '≤260.00', '1,255.28', '10']);
    assert.match(grid.xml, /<w:gridSpan w:val="4"\/>/);
    assert.match(grid.xml, /<w:vMerge w:val="restart"\/>/);
    const zip = await JSZip.loadAsync(buffer);
    const charts = await Promise.all(
      Object.keys(zip.files)
        .filter((f) => /^word\/charts\/chart\d+\.xml$/.test(f))
        .map((f) => zip.file(f)!.async('string')),
    );
    assert.ok(
      charts.some((c) => c.includes('<c:doughnutChart>')),
      '没有圆环图',
    );
    assert.ok(
      charts.some((c) => /<c:barDir val="bar"\/>/.test(c)),
      '没有条形图',
    );
  });

  it('XLSX: the grid as a sheet with merges and the figure as a number; placeholders yellow in 文字说明', async () => {
    const wb = await loadWorkbook(await renderXlsx(doc()));
    const grid = wb.getWorksheet('项目支出绩效自评表')!;
    assert.ok(grid, '没有自评表工作表');
    const rows = sheetRows(grid).rows;
    assert.ok(
      rows.some((r) => r.join('|') === '成本指标|项目支出（万元）|≤260.00|1,255.28|10'),
      '自评表的行不对',
    );
    assert.ok(grid.model.merges.length >= 4, '自评表没有合并单元格');
    const narrative = wb.getWorksheet('文字说明')!;
    let yellow = 0;
    narrative.eachRow((row) =>
      row.eachCell((cell) => {
        if (String(cell.value).includes('【请填写部门主要职责】')) {
          assert.equal((cell.fill as { fgColor?: { argb?: string } }).fgColor?.argb, 'FFFFFF00');
          yellow++;
        }
      }),
    );
    assert.equal(yellow, 1);
  });

  it('HTML: placeholder marked, rowspan/colspan grid, figure traced to its facts, both charts as SVG', () => {
    const html = renderHtml(doc());
    assert.match(
      html,
      /<mark class="placeholder" title="待填写：部门主要职责">【请填写部门主要职责】<\/mark>/,
    );
    assert.match(html, /<td rowspan="2" class="c">产出指标<\/td>/);
    assert.match(html, /<th colspan="4">医疗保障改革专项经费<\/th>/);
    assert.match(html, /<span class="figure" title="income">1,234.56<\/span>/);
    assert.equal(html.match(/<svg /g)?.length, 2);
    assert.match(html, /<h5 id="[^"]+">1\. 机关<\/h5>/);
  });
});

describe('目录 page numbers', () => {
  it("juesuan's estimate gives the pages docx's own layout estimator gives", async () => {
    const doc = blocksDocument(fixture().views[0]!);
    const xml = await docxDocumentXml(await renderDocx(doc, { pageNumbers: 'layout' }));
    const pages = [
      ...xml.matchAll(
        /PAGEREF [^<]*<\/w:instrText><w:fldChar w:fldCharType="separate"\/><w:t xml:space="preserve">(\d*)<\/w:t>/g,
      ),
    ].map((m) => Number(m[1]));
    assert.ok(pages.length >= 5, `docx 只写了 ${pages.length} 个页码`);
    assert.deepEqual(
      pages,
      estimateTocPages(doc).map((e) => e.page),
    );
  });
});
