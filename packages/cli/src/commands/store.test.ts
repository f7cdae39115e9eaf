import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { REPO_ROOT, runJuesuan } from '../testing';

const root = REPO_ROOT;
const sample = join(root, 'examples/jingdezhen-2024.json');

const run = runJuesuan;

// Each command opens the embedded store (a few seconds with PGlite), so the steps share one store.
describe('juesuan store on an embedded PGlite directory', () => {
  const dir = mkdtempSync(join(tmpdir(), 'juesuan-store-cli-'));
  const storeDir = join(dir, 'store');
  after(() => rmSync(dir, { recursive: true, force: true }));

  it('refuses an invalid package with the package errors and creates no store', () => {
    const bad = join(dir, 'bad.json');
    writeFileSync(
      bad,
      JSON.stringify({ format: 'juesuan.package/1', amounts: { unit: '万元', decimals: 2 } }),
    );
    const { code, stderr } = run('store', 'save', bad, '--store', storeDir);
    assert.equal(code, 2);
    assert.match(stderr, /department：缺少必填项，应为对象/);
    assert.match(stderr, /数据包未读入，未做任何更改/);
    assert.equal(existsSync(storeDir), false);
  });

  it('saves the sample as revision 1, then does not save it again', () => {
    const first = run('store', 'save', sample, '--note', '首次录入', '--store', storeDir, '--format', 'json');
    assert.equal(first.code, 0, first.stderr);
    assert.match(first.stderr, /存储：内嵌 PGlite .*store/);
    const saved = JSON.parse(first.stdout);
    assert.equal(saved.created, true);
    assert.equal(saved.revision.revision, 1);
    assert.equal(saved.revision.department, '景德镇市医疗保障局');
    assert.equal(saved.revision.note, '首次录入');
    const again = run('store', 'save', sample, '--store', storeDir);
    assert.equal(again.code, 0, again.stderr);
    assert.match(again.stdout, /未重复保存 .* 与最新版本 景德镇市医疗保障局 2024 年第 1 版（编号 1） 相同/);
  });

  it('writes revision 1 out as a package that validates with the same figures', () => {
    const out = join(dir, 'revision-1.json');
    const { code, stderr } = run('store', 'show', '1', '-o', out, '--store', storeDir);
    assert.equal(code, 0, stderr);
    const written = JSON.parse(readFileSync(out, 'utf8'));
    const original = JSON.parse(readFileSync(sample, 'utf8'));
    assert.equal(written.department.name, original.department.name);
    assert.deepEqual(written.facts.income, original.facts.income);
    const validated = run('package', 'validate', out);
    assert.equal(validated.code, 0, validated.stderr);
  });

  it('checks revision 1, stores the run and prints the summary; exits 1 for its errors', () => {
    const { code, stdout, stderr } = run('store', 'check', '1', '--store', storeDir);
    assert.equal(code, 1, stderr);
    assert.match(stdout, /景德镇市医疗保障局 2024 年第 1 版（编号 1），口径 jiangxi-2024，审核记录编号 1/);
    assert.match(stdout, /未通过：错误（强制） 5/);
  });

  it('lists revisions and says which revision number is missing', () => {
    const list = run('store', 'list', '--year', '2024', '--store', storeDir, '--format', 'json');
    assert.equal(list.code, 0, list.stderr);
    assert.deepEqual(
      JSON.parse(list.stdout).revisions.map((r: { id: number; revision: number }) => [r.id, r.revision]),
      [[1, 1]],
    );
    const missing = run('store', 'restore', '7', '--store', storeDir);
    assert.equal(missing.code, 2);
    assert.match(missing.stderr, /库中没有编号为 7 的版本/);
  });
});
