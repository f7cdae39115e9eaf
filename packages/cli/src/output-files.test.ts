import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { pathInside, safeFileName, writeFileWhole } from './output-files';

const dir = mkdtempSync(join(tmpdir(), 'juesuan-output-'));
after(() => rmSync(dir, { recursive: true, force: true }));

describe('file names made from package text', () => {
  const hostile = [
    '../../etc/passwd',
    '/absolute/局',
    'a\\b\\c',
    'C:*?"<>|',
    '控制\u0000字符\u0007与\u202e反向',
    '.hidden',
    '..',
    '   ',
    '局'.repeat(300),
    '景德镇市医疗保障局2024年度部门决算',
  ];

  it('every name stays inside the output folder, without separators, control or reserved characters', () => {
    for (const text of hostile) {
      const name = safeFileName(text);
      assert.ok(name.length > 0);
      assert.doesNotMatch(name, /[/\\:*?"<>|\p{Cc}\p{Cf}]/u, name);
      assert.ok(!name.startsWith('.'), name);
      assert.ok(Buffer.byteLength(`${name}.docx`) <= 255, `${name.length} characters`);
      const path = pathInside(dir, `${name}.docx`);
      writeFileWhole(path, text);
      assert.equal(readFileSync(path, 'utf8'), text);
    }
    assert.deepEqual(
      readdirSync(dir).filter((f) => !f.endsWith('.docx')),
      [],
      'nothing written beside the files, no temporary file left',
    );
  });

  it('keeps an ordinary name as it is and names the empty one', () => {
    assert.equal(safeFileName('景德镇市医疗保障局2024年度部门决算'), '景德镇市医疗保障局2024年度部门决算');
    assert.equal(safeFileName('../../etc/passwd'), '_.._etc_passwd');
    assert.equal(safeFileName('..'), '未命名');
    assert.equal(safeFileName('   '), '未命名');
  });

  it('a path that would leave the folder is refused', () => {
    assert.throws(() => pathInside(dir, '../x.docx'), /会写到输出目录/);
  });

  it('a write that fails at the rename leaves what was there and no temporary file', () => {
    // The target is a folder with a file in it: the temporary file is written, the rename fails.
    const target = join(dir, 'occupied.html');
    mkdirSync(target);
    writeFileSync(join(target, 'inside'), 'old');
    assert.throws(() => writeFileWhole(target, 'new'));
    assert.equal(readFileSync(join(target, 'inside'), 'utf8'), 'old');
    assert.deepEqual(
      readdirSync(dir).filter((f) => f.endsWith('.tmp')),
      [],
    );
  });
});
