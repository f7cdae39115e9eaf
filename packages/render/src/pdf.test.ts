/**
 * PDF from the DOCX through LibreOffice (one soffice call for the whole test run, three documents of
 * the three profiles in the batch): the text holds the department and the published figures, the fonts are the mapped
 * CJK faces, and the 目录's page numbers are the pages LibreOffice puts the headings on.
 */
import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { generatePackage } from '@juesuan/core/testing';
import { EXAMPLES_DIR, loadCatalog, loadProfile, readPackageFile } from '@juesuan/data';
import { convertToPdf, estimateTocPages, PdfConversionError, renderDocx, type TocEntry } from './index';
import { buildTestDocument } from './testing/documents';

const work = mkdtempSync(join(tmpdir(), 'juesuan-pdf-test-'));
let pdfs: string[] = [];
let tocs: TocEntry[][] = [];

before(async () => {
  const catalog = loadCatalog();
  const jiangxi = loadProfile('jiangxi-2024');
  const { package: pkg } = readPackageFile(join(EXAMPLES_DIR, 'jingdezhen-2024.json'), { catalog });
  assert.ok(pkg, '样例数据包无法读取');
  const docs = [
    buildTestDocument(pkg, jiangxi, catalog),
    buildTestDocument(
      generatePackage({ seed: 3, catalog, profile: 'shanghai-2024', codes: 30 }),
      loadProfile('shanghai-2024'),
      catalog,
    ),
    buildTestDocument(
      generatePackage({ seed: 4, catalog, year: 2020, profile: 'jiangxi-2020', codes: 45, units: 3 }),
      loadProfile('jiangxi-2020'),
      catalog,
    ),
  ];
  tocs = docs.map((doc) => estimateTocPages(doc));
  const files = await Promise.all(
    docs.map(async (doc, i) => {
      const file = join(work, `doc-${i}.docx`);
      writeFileSync(file, await renderDocx(doc));
      return file;
    }),
  );
  pdfs = await convertToPdf(files, join(work, 'pdf'));
});

after(() => rmSync(work, { recursive: true, force: true }));

function pageTexts(pdf: string): string[] {
  const pages = Number(/Pages:\s+(\d+)/.exec(execFileSync('pdfinfo', [pdf]).toString())?.[1]);
  return Array.from({ length: pages }, (_, p) =>
    execFileSync('pdftotext', ['-layout', '-f', String(p + 1), '-l', String(p + 1), pdf, '-']).toString(),
  );
}

const squash = (text: string) => text.replace(/\s+/g, '');

describe('PDF made from the DOCX by LibreOffice', () => {
  it('holds the department name and the published figures of the Jingdezhen sample', () => {
    assert.equal(pdfs.length, 3);
    const text = pageTexts(pdfs[0]!).join('\n');
    assert.match(text, /景德镇市医疗保障局/);
    assert.match(text, /收入支出决算总表/);
    for (const figure of [
      '940.51',
      '940.49',
      '685.21',
      '255.28',
      '57.03',
      '628.18',
      '627.94',
      '812.03',
      '83.45',
    ]) {
      assert.ok(text.includes(figure), `PDF 中没有 ${figure}`);
    }
    assert.ok(squash(text).includes('本部门2024年度收入总计940.51万元'), 'PDF 中没有情况说明的收入总计');
    // The synthetic package has no reasons: their placeholders print as they are.
    assert.ok(
      squash(pageTexts(pdfs[1]!).join('')).includes('【请填写主要原因】'),
      'PDF 中没有待填写的占位文字',
    );
  });

  it('numbers the pages 第 X 页 共 Y 页 and puts each 目录 heading on the page the 目录 gives', () => {
    for (const [d, pdf] of pdfs.entries()) {
      const pages = pageTexts(pdf);
      assert.match(pages[0]!, new RegExp(`第 1 页 共 ${pages.length} 页`));
      let from = 1;
      for (const entry of tocs[d]!) {
        // A heading naming its table is printed as the table's title (一、收入决算表 → 收入决算表).
        const wanted = squash(entry.title);
        const bare = squash(entry.title.replace(/^[一二三四五六七八九十]+、/, ''));
        const at = pages.findIndex(
          (page, p) => p >= from && (squash(page).includes(wanted) || squash(page).includes(bare)),
        );
        assert.ok(at >= 0, `文档 ${d} 的 PDF 中找不到 ${entry.title}`);
        assert.equal(
          at + 1,
          entry.page,
          `文档 ${d}：${entry.title} 在第 ${at + 1} 页，目录写第 ${entry.page} 页`,
        );
        from = at;
      }
    }
  });

  it('prints every 目录 page number, single digits too, at the end of its dotted line', () => {
    const toc = squash(pageTexts(pdfs[0]!)[0]!);
    for (const entry of tocs[0]!.filter((e) => e.page < 10)) {
      assert.match(
        toc,
        new RegExp(`${squash(entry.title)}\\.+${entry.page}(?!\\d)`),
        `目录缺 ${entry.title} 的页码`,
      );
    }
  });

  it('embeds the mapped CJK fonts: Noto Serif CJK for 仿宋/宋体, Noto Sans CJK for 黑体', () => {
    const fonts = execFileSync('pdffonts', [pdfs[0]!]).toString();
    assert.match(fonts, /NotoSerifCJK/);
    assert.match(fonts, /NotoSansCJK/);
    assert.doesNotMatch(fonts, /DejaVu/);
  });
});

describe('convertToPdf refusals', () => {
  it('says in Chinese that LibreOffice is missing when soffice cannot be found', async () => {
    const file = join(work, 'missing-soffice.docx');
    writeFileSync(file, 'x');
    await assert.rejects(
      convertToPdf([file], join(work, 'none'), { soffice: join(work, 'no-such-soffice') }),
      (error: unknown) =>
        error instanceof PdfConversionError &&
        /找不到 LibreOffice/.test(error.message) &&
        /setup\.sh/.test(error.message),
    );
  });

  it('refuses two files of the same name in one batch and files that do not exist', async () => {
    const a = join(work, 'a');
    const b = join(work, 'b');
    execFileSync('mkdir', ['-p', a, b]);
    writeFileSync(join(a, 'same.docx'), 'x');
    writeFileSync(join(b, 'same.docx'), 'x');
    await assert.rejects(
      convertToPdf([join(a, 'same.docx'), join(b, 'same.docx')], work),
      /同名文件 same\.docx/,
    );
    await assert.rejects(convertToPdf([join(work, 'absent.docx')], work), /文件不存在/);
  });

  it('a conversion over its time is stopped with every LibreOffice process it started', async () => {
    const outDir = join(work, 'stopped-in-time');
    // LibreOffice takes seconds to start: a quarter of a second is always too little.
    await assert.rejects(
      convertToPdf([join(work, 'doc-0.docx')], outDir, { timeoutMs: 250 }),
      (error: unknown) => error instanceof PdfConversionError && /超过 0 秒，已中止/.test(error.message),
    );
    await new Promise((resolve) => setTimeout(resolve, 1500));
    // soffice.bin carries the output folder among its arguments; none may still be running.
    const running = spawnSync('pgrep', ['-f', outDir], { encoding: 'utf8' });
    assert.equal(running.stdout.trim(), '', `still running: ${running.stdout}`);
    assert.equal(existsSync(join(outDir, 'doc-0.pdf')), false, 'no PDF written after the failure');
  });
});
