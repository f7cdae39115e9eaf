/**
 * `juesuan demo`, the main job, as a user runs it: every sample's disclosure in four formats, the
 * 部门整体支出绩效自评报告 where the sample has performance data, the check report, and the samples
 * saved in the embedded store once however often the demo runs.
 */
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { runJuesuan } from '../testing';

describe('juesuan demo', () => {
  const out = mkdtempSync(join(tmpdir(), 'juesuan-demo-'));
  after(() => rmSync(out, { recursive: true, force: true }));
  const first = runJuesuan('demo', '-o', out);

  it('writes each sample’s disclosure as DOCX, PDF, XLSX and HTML, and the check report', () => {
    assert.equal(first.code, 0, first.stderr);
    for (const [dir, name] of [
      ['jingdezhen-2024', '景德镇市医疗保障局2024年度部门决算'],
      ['qingshanhu-2020', '南昌市青山湖区医疗保障局2020年度部门决算'],
      ['two-unit-2024', '示例市医疗保障局2024年度部门决算'],
    ]) {
      for (const ext of ['docx', 'pdf', 'xlsx', 'html']) {
        const path = join(out, dir!, `${name}.${ext}`);
        assert.ok(existsSync(path) && statSync(path).size > 10_000, `${path} 未生成`);
      }
      const check = JSON.parse(readFileSync(join(out, dir!, 'check.json'), 'utf8')) as {
        findings: unknown[];
      };
      assert.ok(Array.isArray(check.findings));
    }
  });

  it('writes the 部门整体支出绩效自评报告 for the samples with performance data only', () => {
    const report = (dir: string, name: string) => join(out, dir, `${name}年度部门整体支出绩效自评报告.pdf`);
    assert.ok(existsSync(report('jingdezhen-2024', '景德镇市医疗保障局2024')));
    assert.ok(existsSync(report('qingshanhu-2020', '南昌市青山湖区医疗保障局2020')));
    assert.ok(!existsSync(report('two-unit-2024', '示例市医疗保障局2024')));
    assert.match(
      first.stdout,
      /绩效 景德镇市医疗保障局2024年度部门整体支出绩效自评报告\.docx \/ \.html（待填写 26 处）/,
    );
  });

  it('saves the three samples in the embedded store once, however often it runs', () => {
    assert.match(first.stdout, /存储：内嵌 PGlite/);
    assert.equal(first.stdout.match(/存储 第 1 版（编号 \d）\n/g)?.length, 3);
    const again = runJuesuan('demo', '-o', out);
    assert.equal(again.code, 0, again.stderr);
    assert.equal(again.stdout.match(/与库中最新版本相同，未重复保存/g)?.length, 3);
    const list = runJuesuan('store', 'list', '--store', join(out, 'store'), '--format', 'json');
    assert.equal(list.code, 0, list.stderr);
    assert.equal((JSON.parse(list.stdout) as { revisions: unknown[] }).revisions.length, 3);
  });
});
