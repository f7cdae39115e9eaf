import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, truncateSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { READ_LIMITS } from '@juesuan/core';
import { ReadError } from './errors';
import { readBytes, readDocument } from './read';
import { buildPdf } from './testing/pdf-builder';

const dir = mkdtempSync(join(tmpdir(), 'juesuan-readers-'));
after(() => rmSync(dir, { recursive: true, force: true }));

async function fails(run: Promise<unknown>, code: string, pattern: RegExp): Promise<void> {
  await assert.rejects(run, (error: unknown) => {
    assert.ok(error instanceof ReadError, String(error));
    assert.equal(error.code, code, error.message);
    assert.match(error.message, pattern);
    return true;
  });
}

describe('readDocument: format by content first, extension second', () => {
  it('reads a PDF named .txt as a PDF and an HTML page named .docx as HTML', async () => {
    const pdf = await readBytes(buildPdf([{ texts: [{ x: 60, y: 100, text: 'Hello' }] }]), 'misnamed.txt');
    assert.equal(pdf.format, 'pdf');
    const html = await readBytes(Buffer.from('<!doctype html><p>合计</p>'), 'misnamed.docx');
    assert.equal(html.format, 'html');
  });

  it('reads a file from disk, keeping the name the user gave', async () => {
    const path = join(dir, '说明.txt');
    writeFileSync(path, '一、收入决算情况说明\n');
    const doc = await readDocument(path);
    assert.deepEqual(doc, {
      file: path,
      format: 'text',
      pages: 1,
      blocks: [{ kind: 'text', text: '一、收入决算情况说明', location: { line: 1 } }],
      warnings: [],
    });
  });
});

describe('readDocument: every bad input is a ReadError in Chinese naming the file', () => {
  it('a missing file', async () => {
    await fails(readDocument(join(dir, 'none.pdf')), 'not-found', /^找不到文件“.*none\.pdf”/);
  });

  it('a file over the size limit is refused before it is read', async () => {
    const path = join(dir, 'huge.pdf');
    writeFileSync(path, '');
    truncateSync(path, READ_LIMITS.maxFileBytes + 1);
    await fails(readDocument(path), 'too-large', /有 100\.0 MB，超过 100 MB 上限/);
  });

  it('an empty file, and one with nothing readable in it', async () => {
    await fails(readBytes(Buffer.alloc(0), 'empty.txt'), 'empty', /“empty\.txt”是空文件/);
    await fails(readBytes(Buffer.from('\n \n\t\n'), 'blank.txt'), 'empty', /没有读到任何文字或表格/);
  });

  it('old Word/Excel, images, RTF and unknown binaries', async () => {
    const ole = Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0, 0]);
    await fails(readBytes(ole, 'old.doc'), 'unsupported', /旧版 Word\/Excel 格式.*另存为 \.docx 或 \.xlsx/);
    const png = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0]);
    await fails(readBytes(png, 'scan.png'), 'unsupported', /是图片（PNG）/);
    await fails(readBytes(Buffer.from('{\\rtf1 hello}'), 'a.rtf'), 'unsupported', /RTF/);
    await fails(
      readBytes(Buffer.from([1, 2, 0, 3, 4]), 'blob.bin'),
      'unsupported',
      /无法识别“blob\.bin”的格式/,
    );
  });

  it('a .pdf or .docx whose content is not what its extension says', async () => {
    await fails(readBytes(Buffer.from('just text'), 'fake.pdf'), 'corrupt', /扩展名是 \.pdf，但内容不是 PDF/);
    await fails(
      readBytes(Buffer.from('just text'), 'fake.docx'),
      'corrupt',
      /扩展名是 \.docx，但内容不是 Word 文件/,
    );
  });

  it('a read cancelled from outside stops with a clear message', async () => {
    const controller = new AbortController();
    controller.abort();
    await fails(
      readBytes(Buffer.from('合计\t1.00\n'), 'cancelled.txt', { signal: controller.signal }),
      'timeout',
      /读取“cancelled\.txt”已取消/,
    );
  });
});
