import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { describe, it } from 'node:test';
import { READ_LIMITS } from '@juesuan/core';
import JSZip from 'jszip';
import { ReadError } from './errors';
import { readBytes } from './read';
import { GUARD_MS, refusedOverLimit } from './testing/limits';
import { ZipArchive } from './zip';

const WORD_TYPES =
  '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">' +
  '<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>';
const EXCEL_TYPES =
  '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">' +
  '<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/></Types>';

async function zipOf(files: Record<string, string | Buffer>): Promise<Buffer> {
  const zip = new JSZip();
  for (const [name, content] of Object.entries(files)) zip.file(name, content);
  return zip.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE', compressionOptions: { level: 9 } });
}

/** Rewrites what the central directory declares for `name` (sizes, flags). */
function patchEntry(zip: Buffer, name: string, patch: { uncompressed?: number; flags?: number }): Buffer {
  const out = Buffer.from(zip);
  for (let at = 0; at + 46 < out.length; at++) {
    if (out.readUInt32LE(at) !== 0x02014b50) continue;
    const nameLength = out.readUInt16LE(at + 28);
    if (out.toString('utf8', at + 46, at + 46 + nameLength) !== name) continue;
    if (patch.uncompressed !== undefined) out.writeUInt32LE(patch.uncompressed, at + 24);
    if (patch.flags !== undefined) out.writeUInt16LE(patch.flags, at + 8);
    return out;
  }
  throw new Error(`no entry ${name}`);
}

async function refused(bytes: Buffer, name: string, code: string, pattern: RegExp): Promise<void> {
  await assert.rejects(readBytes(bytes, name), (error: unknown) => {
    assert.ok(error instanceof ReadError, String(error));
    assert.equal(error.code, code, error.message);
    assert.match(error.message, pattern);
    assert.ok(error.message.startsWith(`“${name}”`));
    return true;
  });
}

describe('zip guard for DOCX and XLSX', () => {
  // 40 MB of one byte deflates to about 40 KB: a ratio near 1000:1, far past the 200:1 limit.
  const payload = Buffer.alloc(40 * 1024 * 1024, 0x20);

  it('refuses a DOCX bomb from its declared ratio before inflating it', async () => {
    const bomb = await zipOf({ '[Content_Types].xml': WORD_TYPES, 'word/document.xml': payload });
    assert.ok(bomb.length < 200 * 1024);
    const before = process.memoryUsage().arrayBuffers;
    await refused(
      bomb,
      'bomb.docx',
      'zip-bomb',
      /word\/document\.xml 压缩比异常（\d+:1，解压后 40\.0 MB），超过允许的 200:1/,
    );
    // Nothing near the 40 MB was allocated to read it.
    assert.ok(process.memoryUsage().arrayBuffers - before < 20 * 1024 * 1024);
  });

  it('refuses an XLSX bomb likewise', async () => {
    const bomb = await zipOf({
      '[Content_Types].xml': EXCEL_TYPES,
      'xl/workbook.xml': '<workbook/>',
      'xl/worksheets/sheet1.xml': payload,
    });
    await refused(bomb, 'bomb.xlsx', 'zip-bomb', /xl\/worksheets\/sheet1\.xml 压缩比异常/);
  });

  it('stops inflating an entry that lies about its size at the size it declared', async () => {
    const honest = await zipOf({
      '[Content_Types].xml': WORD_TYPES,
      'word/document.xml': Buffer.alloc(8 * 1024 * 1024, 0x20),
    });
    const liar = patchEntry(honest, 'word/document.xml', { uncompressed: 1000 });
    await refused(liar, 'liar.docx', 'zip-bomb', /解压后超过它声明的大小/);
  });

  it('refuses parts whose declared sizes add up past the limit, before inflating any', async () => {
    const files: Record<string, string | Buffer> = {
      '[Content_Types].xml': EXCEL_TYPES,
      'xl/workbook.xml': '<workbook/>',
    };
    for (let i = 1; i <= 3; i++) files[`xl/media/image${i}.bin`] = randomBytes(512 * 1024);
    let zip = await zipOf(files);
    for (let i = 1; i <= 3; i++)
      zip = patchEntry(zip, `xl/media/image${i}.bin`, { uncompressed: 90 * 1024 * 1024 });
    await refused(zip, 'big.xlsx', 'zip-bomb', /解压后超过 200\.0 MB/);
  });

  it('refuses a password-protected (encrypted) entry', async () => {
    const zip = patchEntry(
      await zipOf({ '[Content_Types].xml': WORD_TYPES, 'word/document.xml': '<x/>' }),
      'word/document.xml',
      { flags: 1 },
    );
    await refused(zip, 'locked.docx', 'encrypted', /已加密/);
  });

  it('refuses a truncated DOCX and a zip that is neither Word nor Excel', async () => {
    const good = await zipOf({ '[Content_Types].xml': WORD_TYPES, 'word/document.xml': '<x/>' });
    await refused(
      good.subarray(0, good.length - 30),
      'cut.docx',
      'corrupt',
      /不是完好的 Word\/Excel 文件：找不到 zip 目录/,
    );
    await refused(
      await zipOf({ 'readme.txt': 'hello' }),
      'other.zip',
      'unsupported',
      /不是 Word（\.docx）或 Excel（\.xlsx）文件/,
    );
  });

  it('refuses more parts than the limit from the count in the directory, before reading any entry', async () => {
    const zip = await zipOf({ '[Content_Types].xml': WORD_TYPES, 'word/document.xml': '<x/>' });
    // The end-of-directory record's two entry counts, as an archive of 30,000 parts declares them.
    const eocd = zip.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
    zip.writeUInt16LE(30_000, eocd + 8);
    zip.writeUInt16LE(30_000, eocd + 10);
    await refusedOverLimit(
      () => readBytes(zip, 'parts.docx'),
      'parts.docx',
      'maxZipEntries',
      /含有 30,000 个部件，超过 20,000 个上限/,
    );
  });

  it('refuses a part name longer than the limit', async () => {
    const name = `word/${'x'.repeat(READ_LIMITS.maxZipEntryNameBytes)}.xml`;
    const zip = await zipOf({ '[Content_Types].xml': WORD_TYPES, 'word/document.xml': '<x/>', [name]: '' });
    await refusedOverLimit(
      () => readBytes(zip, 'names.docx'),
      'names.docx',
      'maxZipEntryNameBytes',
      /的第 4 个部件名长 1,033 字节，超过 1,024 字节上限/,
    );
  });

  it('counts the bytes inflated across reads and stops at the total before inflating more', async () => {
    // A 1 MB part, read again and again as overlapping directory entries would make a reader do.
    const zip = ZipArchive.open(await zipOf({ 'a.xml': Buffer.alloc(1024 * 1024, 0x20) }), 'again.docx');
    const entry = zip.find('a.xml')!;
    const reads = READ_LIMITS.maxUnzippedBytes / (1024 * 1024);
    const started = performance.now();
    for (let i = 0; i < reads; i++) zip.read(entry);
    assert.throws(
      () => zip.read(entry),
      (error: unknown) =>
        error instanceof ReadError &&
        error.code === 'zip-bomb' &&
        /解压的总量将超过 200\.0 MB 上限（已解压 200\.0 MB，部件 a\.xml 还有 1\.0 MB）/.test(error.message),
    );
    assert.ok(performance.now() - started < GUARD_MS);
  });
});
