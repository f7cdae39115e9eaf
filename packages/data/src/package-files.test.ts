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

  it('checks the profile against the profiles there are and the years each covers', () => {
    const write = (name: string, profile: string, year: number) => {
      const path = join(dir, name);
      writeFileSync(
        path,
        JSON.stringify({
          format: 'juesuan.package/1',
          department: { name: '测试局', year, profile },
          amounts: { unit: '万元', decimals: 2 },
          facts: { income: { '': '1.00' } },
        }),
      );
      return readPackageFile(path).issues.filter((i) => i.severity === 'error');
    };
    assert.deepEqual(write('ok.json', 'jiangxi-2024', 2024), []);
    const unknown = write('unknown.json', 'atlantis', 2024);
    assert.equal(unknown[0]?.path, 'department.profile');
    assert.match(
      unknown[0]!.message,
      /没有口径「atlantis」；可用口径（适用年度）：.*jiangxi-2024（2024–2025）/,
    );
    const future = write('future.json', 'national', 2099);
    assert.equal(future[0]?.path, 'department.year');
    assert.match(
      future[0]!.message,
      /口径 national 适用于 2019–2025 年度，数据包年度为 2099；没有口径适用于 2099 年度/,
    );
  });
});
