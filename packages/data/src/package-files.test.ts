import assert from 'node:assert/strict';
import { closeSync, ftruncateSync, mkdtempSync, openSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { readPackageFile } from './files';

const dir = mkdtempSync(join(tmpdir(), 'juesuan-files-'));

describe('reading package files from disk', () => {
  it('refuses a 50 MB file without reading it', () => {
    const path = join(dir, 'huge.json');
    const fd = openSync(path, 'w');
    ftruncateSync(fd, 50 * 1024 * 1024);
    closeSync(fd);
    const before = process.memoryUsage().rss;
    const { package: pkg, issues } = readPackageFile(path);
    assert.equal(pkg, undefined);
    assert.match(issues[0]!.message, /文件过大：50\.0 MB，数据包上限为 20 MB；未读取/);
    assert.ok(process.memoryUsage().rss - before < 20 * 1024 * 1024, 'the file was not loaded into memory');
  });

  it('says so when the file does not exist or is a folder', () => {
    assert.match(readPackageFile(join(dir, 'missing.json')).issues[0]!.message, /找不到文件/);
    assert.match(readPackageFile(dir).issues[0]!.message, /不是文件/);
  });

  it('reports a broken file with its problem and changes nothing', () => {
    const path = join(dir, 'broken.json');
    writeFileSync(path, '{"format": "juesuan.package/1",');
    const { package: pkg, issues } = readPackageFile(path);
    assert.equal(pkg, undefined);
    assert.match(issues[0]!.message, /JSON 语法错误/);
  });
});
