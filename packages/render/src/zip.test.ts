import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import JSZip from 'jszip';
import { compressed, deflatedEntry, readZip, writeZip } from './zip';

const MODIFIED = new Date(2025, 2, 14, 9, 26, 58);
const PARTS: [string, string][] = [
  ['[Content_Types].xml', '<Types/>'],
  [
    'word/document.xml',
    `<w:body>${'<w:p><w:r><w:t>收入合计 1,234.56</w:t></w:r></w:p>'.repeat(200)}</w:body>`,
  ],
  ['docProps/说明.txt', '部门决算'],
];

describe('zip archives written natively', () => {
  it('are read back by JSZip with every part, its content and its date', async () => {
    const archive = writeZip(PARTS.map(([name, text]) => deflatedEntry(name, Buffer.from(text), MODIFIED)));
    const zip = await JSZip.loadAsync(archive);
    assert.deepEqual(
      Object.keys(zip.files),
      PARTS.map(([name]) => name),
    );
    for (const [name, text] of PARTS) {
      assert.equal(await zip.file(name)!.async('string'), text);
      // DOS dates keep even seconds.
      assert.equal(zip.file(name)!.date.getTime(), new Date(2025, 2, 14, 9, 26, 58).getTime());
    }
  });

  it("compress the stored parts of JSZip's archive and keep the order", async () => {
    const source = new JSZip();
    for (const [name, text] of PARTS) source.file(name, text);
    const stored = await source.generateAsync({ type: 'uint8array', compression: 'STORE' });
    const entries = readZip(stored);
    // JSZip writes the folders as entries of their own.
    assert.deepEqual(
      entries.map((e) => e.name),
      ['[Content_Types].xml', 'word/', 'word/document.xml', 'docProps/', 'docProps/说明.txt'],
    );
    assert.ok(entries.every((e) => e.method === 0));
    const archive = writeZip(entries.map(compressed));
    assert.ok(archive.length < stored.length, `压缩后 ${archive.length} 字节，未压缩 ${stored.length} 字节`);
    const zip = await JSZip.loadAsync(archive);
    for (const [name, text] of PARTS) assert.equal(await zip.file(name)!.async('string'), text);
    assert.ok(zip.files['word/']?.dir, '文件夹 word/ 没有保留');
  });

  it('refuses bytes that are not an archive', () => {
    assert.throws(() => readZip(Buffer.from('<w:document/>')), /压缩包结构有误：找不到中央目录结束标记/);
  });
});
