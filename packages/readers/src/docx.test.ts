import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { type RawTable, READ_LIMITS } from '@juesuan/core';
import {
  Document,
  Footer,
  Header,
  ImageRun,
  Packer,
  Paragraph,
  Table,
  TableCell,
  TableRow,
  TextRun,
} from 'docx';
import JSZip from 'jszip';
import { ReadError } from './errors';
import { readBytes } from './read';
import { GUARD_MS, refusedOverLimit } from './testing/limits';

const cell = (text: string, opts: { columnSpan?: number; rowSpan?: number } = {}) =>
  new TableCell({ children: [new Paragraph(text)], ...opts });

/** 收入支出决算总表 in miniature: a two-row header with merged cells, then figures. */
async function sampleDocx(): Promise<Buffer> {
  const table = new Table({
    rows: [
      new TableRow({ children: [cell('项目', { rowSpan: 2 }), cell('本年支出', { columnSpan: 3 })] }),
      new TableRow({ children: [cell('合计'), cell('基本支出'), cell('项目支出')] }),
      new TableRow({ children: [cell('合计'), cell('940.49'), cell('685.21'), cell('255.28')] }),
      new TableRow({
        children: [
          new TableCell({ children: [new Paragraph('文化旅游体育'), new Paragraph('与传媒支出')] }),
          cell('1,234.00'),
          cell('1,000.00'),
          cell('234.00'),
        ],
      }),
    ],
  });
  const doc = new Document({
    sections: [
      {
        headers: { default: new Header({ children: [new Paragraph('XX局2024年度部门决算（页眉）')] }) },
        footers: { default: new Footer({ children: [new Paragraph('- 1 -')] }) },
        children: [
          new Paragraph({ children: [new TextRun({ text: '支出决算表', bold: true })] }),
          new Paragraph({
            children: [new TextRun('金额单位：'), new TextRun({ text: '万元', italics: true })],
          }),
          table,
          new Paragraph('注：本表反映部门本年度各项支出情况。'),
        ],
      },
    ],
  });
  return Packer.toBuffer(doc);
}

describe('DOCX reader', () => {
  it('reads paragraphs and the table in body order, merged header cells repeated', async () => {
    const doc = await readBytes(await sampleDocx(), '支出决算表.docx');
    assert.equal(doc.format, 'docx');
    assert.deepEqual(
      doc.blocks.map((b) => b.kind),
      ['text', 'text', 'table', 'text'],
    );
    assert.equal(doc.blocks[0]!.kind === 'text' && doc.blocks[0]!.text, '支出决算表');
    assert.equal(doc.blocks[1]!.kind === 'text' && doc.blocks[1]!.text, '金额单位：万元');
    const table = doc.blocks[2] as RawTable;
    assert.deepEqual(table.rows, [
      ['项目', '本年支出', '本年支出', '本年支出'],
      ['项目', '合计', '基本支出', '项目支出'],
      ['合计', '940.49', '685.21', '255.28'],
      ['文化旅游体育与传媒支出', '1,234.00', '1,000.00', '234.00'],
    ]);
    assert.equal(table.rowLocations.length, 4);
    assert.ok(table.location.line! > 2);
  });

  it('leaves the page header and footer out of the body', async () => {
    const doc = await readBytes(await sampleDocx(), 'x.docx');
    assert.ok(!doc.blocks.some((b) => b.kind === 'text' && /页眉|^- 1 -$/.test(b.text)));
  });

  it('skips deleted revisions and field instructions, reads a field result', async () => {
    const zip = await JSZip.loadAsync(await sampleDocx());
    const xml = await zip.file('word/document.xml')!.async('string');
    const extra =
      '<w:p><w:r><w:t xml:space="preserve">本年收入</w:t></w:r><w:del w:id="1" w:author="a" w:date="2024-01-01T00:00:00Z"><w:r><w:delText>删除的字</w:delText></w:r></w:del>' +
      '<w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText> PAGE </w:instrText></w:r><w:r><w:fldChar w:fldCharType="separate"/></w:r><w:r><w:t>合计</w:t></w:r><w:r><w:fldChar w:fldCharType="end"/></w:r></w:p>';
    zip.file('word/document.xml', xml.replace('<w:body>', `<w:body>${extra}`));
    const doc = await readBytes(
      await zip.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE' }),
      'rev.docx',
    );
    assert.equal(doc.blocks[0]!.kind === 'text' && doc.blocks[0]!.text, '本年收入合计');
  });

  it('refuses a document whose XML is broken, naming the file', async () => {
    const zip = await JSZip.loadAsync(await sampleDocx());
    zip.file('word/document.xml', '<w:document xmlns:w="x"><w:body><w:p></w:body>');
    await assert.rejects(
      readBytes(await zip.generateAsync({ type: 'nodebuffer' }), 'broken.docx'),
      (error: unknown) => {
        assert.ok(error instanceof ReadError);
        assert.equal(error.code, 'corrupt');
        assert.match(error.message, /^“broken.docx”的 Word 正文（word\/document.xml）不是完好的 XML/);
        return true;
      },
    );
  });

  it('refuses XML entity expansion (billion laughs) instead of expanding it', async () => {
    const zip = await JSZip.loadAsync(await sampleDocx());
    const lol =
      '<!DOCTYPE w:document [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">]>';
    zip.file(
      'word/document.xml',
      `<?xml version="1.0"?>${lol}<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body><w:p><w:r><w:t>&b;</w:t></w:r></w:p></w:body></w:document>`,
    );
    await assert.rejects(
      readBytes(await zip.generateAsync({ type: 'nodebuffer' }), 'lol.docx'),
      (error: unknown) => {
        assert.ok(error instanceof ReadError);
        assert.equal(error.code, 'corrupt');
        return true;
      },
    );
  });

  it('reads a picture as large as a table as an image block in its place, a small one not at all', async () => {
    // A 1×1 PNG: the reader never decodes a picture, only its printed size counts (96 pixels an inch).
    const png = Buffer.from(
      'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==',
      'base64',
    );
    const picture = (width: number, height: number) =>
      new Paragraph({
        children: [new ImageRun({ type: 'png', data: png, transformation: { width, height } })],
      });
    const doc = new Document({
      sections: [
        {
          children: [
            new Paragraph('国有资本经营预算财政拨款支出决算表'),
            new Paragraph('公开08表'),
            picture(560, 300),
            new Paragraph('单位负责人：'),
            picture(90, 90),
          ],
        },
      ],
    });
    const raw = await readBytes(await Packer.toBuffer(doc), 'picture.docx');
    assert.deepEqual(
      raw.blocks.map((b) => (b.kind === 'text' ? b.text : `${b.kind} ${b.location.line}`)),
      ['国有资本经营预算财政拨款支出决算表', '公开08表', 'image 3', '单位负责人：'],
    );
  });

  describe('limits', () => {
    const W = 'http://schemas.openxmlformats.org/wordprocessingml/2006/main';
    /** A DOCX whose body is `body`, built as Word stores it. */
    async function bodyDocx(body: string): Promise<Buffer> {
      const zip = await JSZip.loadAsync(await sampleDocx());
      zip.file('word/document.xml', `<w:document xmlns:w="${W}"><w:body>${body}</w:body></w:document>`);
      return zip.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE' });
    }
    // Numbered, so that the part compresses as real text does and not past the ratio limit.
    const paragraphs = (n: number) =>
      Array.from({ length: n }, (_, i) => `<w:p><w:r><w:t>没有标点的第${i}段文字</w:t></w:r></w:p>`).join('');

    it('reads 20,000 unpunctuated paragraphs whole, within the guard', async () => {
      const bytes = await bodyDocx(paragraphs(20_000));
      const started = performance.now();
      const raw = await readBytes(bytes, 'paragraphs.docx');
      assert.ok(performance.now() - started < GUARD_MS, `${performance.now() - started} ms`);
      assert.equal(raw.blocks.length, 20_000);
      assert.deepEqual(raw.blocks.at(-1), {
        kind: 'text',
        text: '没有标点的第19999段文字',
        location: { line: 20_000 },
      });
    });

    it('refuses more paragraphs than a document may have, at the first one over', async () => {
      const bytes = await bodyDocx(paragraphs(READ_LIMITS.maxBlocks + 1));
      const took = await refusedOverLimit(
        () => readBytes(bytes, 'many.docx'),
        'many.docx',
        'maxBlocks',
        /的段落、表格和图片超过 50,000 个上限（第 50001 行处）/,
      );
      assert.ok(took < GUARD_MS, `${took} ms`);
    });

    it('refuses a table of more rows than one table may have while reading its rows', async () => {
      const row = (i: number) => `<w:tr><w:tc><w:p><w:r><w:t>${i}</w:t></w:r></w:p></w:tc></w:tr>`;
      const rows = Array.from({ length: READ_LIMITS.maxTableRows + 1 }, (_, i) => row(i)).join('');
      const bytes = await bodyDocx(`<w:p><w:r><w:t>表</w:t></w:r></w:p><w:tbl>${rows}</w:tbl>`);
      await refusedOverLimit(
        () => readBytes(bytes, 'rows.docx'),
        'rows.docx',
        'maxTableRows',
        /第 2 行起的表格超过 50,000 行上限（已有 50,001 行）/,
      );
    });
  });
});
