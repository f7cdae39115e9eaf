import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { REPO_ROOT, runJuesuan } from '../testing';

const sample = join(REPO_ROOT, 'examples/jingdezhen-2024.json');

// Each command opens an embedded store (seconds with PGlite): the steps share their stores.
describe('juesuan backup and restore on embedded PGlite directories', () => {
  const dir = mkdtempSync(join(tmpdir(), 'juesuan-backup-cli-'));
  const source = join(dir, 'source');
  const copy = join(dir, 'copy');
  const file = join(dir, 'store.backup.gz');
  after(() => rmSync(dir, { recursive: true, force: true }));

  it('backs up a store with a saved revision into one file, leaving no temporary file', () => {
    const saved = runJuesuan('store', 'save', sample, '--store', source);
    assert.equal(saved.code, 0, saved.stderr);
    const { code, stdout, stderr } = runJuesuan('backup', file, '--store', source);
    assert.equal(code, 0, stderr);
    assert.match(
      stdout,
      /已备份 → .*store\.backup\.gz（departments 1 行，.*package_revisions 1 行，facts \d+ 行/,
    );
    assert.deepEqual(
      readdirSync(dir).filter((name) => name.endsWith('.tmp')),
      [],
    );
  });

  it('restores into a new directory, where the revision is listed again', () => {
    const restored = runJuesuan('restore', file, '--store', copy, '--format', 'json');
    assert.equal(restored.code, 0, restored.stderr);
    assert.equal(JSON.parse(restored.stdout).tables.package_revisions, 1);
    const listed = runJuesuan('store', 'list', '--store', copy, '--format', 'json');
    assert.equal(listed.code, 0, listed.stderr);
    assert.deepEqual(
      JSON.parse(listed.stdout).revisions.map((r: { department: string; revision: number }) => [
        r.department,
        r.revision,
      ]),
      [['景德镇市医疗保障局', 1]],
    );
  });

  it('refuses a store with data, a damaged file and a missing file', () => {
    const occupied = runJuesuan('restore', file, '--store', copy);
    assert.equal(occupied.code, 2);
    assert.match(occupied.stderr, /目标存储已有数据（departments 1 行/);
    const damaged = join(dir, 'damaged.gz');
    writeFileSync(damaged, 'not a backup');
    const refused = runJuesuan('restore', damaged, '--store', join(dir, 'other'));
    assert.equal(refused.code, 2);
    assert.match(refused.stderr, /备份文件无法读取或解压/);
    const missing = runJuesuan('restore', join(dir, 'none.gz'), '--store', join(dir, 'never'));
    assert.equal(missing.code, 2);
    assert.match(missing.stderr, /备份文件 .*none\.gz 不存在或不是文件/);
    assert.equal(existsSync(join(dir, 'never')), false);
  });
});
