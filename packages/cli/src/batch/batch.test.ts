import assert from 'node:assert/strict';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { REPO_ROOT, runJuesuan } from '../testing';

const samples = join(REPO_ROOT, 'packages/data/src/testing/samples');

/** A folder of two readable disclosures, a PDF cut off in the middle, and a note that is no disclosure. */
function auditFolder(): string {
  const dir = mkdtempSync(join(tmpdir(), 'juesuan-batch-audit-'));
  copyFileSync(join(samples, 'jingdezhen-2024.txt'), join(dir, 'a-jingdezhen.txt'));
  writeFileSync(
    join(dir, 'b-budget.txt'),
    ['上海市普陀区2025年区级部门预算', '预算主管部门：上海市普陀区财政局', '五、部门预算表'].join('\n'),
  );
  writeFileSync(join(dir, 'c-broken.pdf'), '%PDF-1.4\n1 0 obj\n<< /Type /Catalog');
  writeFileSync(join(dir, 'readme.md'), '# 下载说明');
  return dir;
}

describe('juesuan audit <folder> on the worker pool', () => {
  it('audits every good file in name order, and names the broken one and why in the summary and report', () => {
    const dir = auditFolder();
    const report = join(dir, 'report.html');
    const { code, stdout, stderr } = runJuesuan('audit', dir, '--no-info', '--jobs', '2', '--report', report);
    assert.equal(code, 2, 'a file that cannot be read makes the batch exit 2');
    const headers = [...stdout.matchAll(/^(\S+) 审读结果$/gm)].map((m) => m[1]);
    assert.deepEqual(headers, [join(dir, 'a-jingdezhen.txt'), join(dir, 'b-budget.txt')]);
    assert.match(stdout, /无法读取 \S+c-broken\.pdf：“\S+c-broken\.pdf”不是完好的 PDF 文件/);
    const summary = stdout.slice(stdout.indexOf('汇总\n'));
    assert.match(summary, /a-jingdezhen\.txt +jiangxi-2024 +10\/10 +1 +\d+ +\d+\n/);
    assert.match(summary, /b-budget\.txt +部门预算 +0\/0 +0 +1 +0\n/);
    assert.match(summary, /c-broken\.pdf +— +无法读取 +— +— +— +“\S+c-broken\.pdf”不是完好的 PDF 文件/);
    assert.doesNotMatch(stdout, /readme\.md/, 'a folder gives the documents it holds, not every file');
    assert.match(stderr, /审读报告已写入/);
    const page = readFileSync(report, 'utf8');
    assert.match(
      page,
      /<td>\S+c-broken\.pdf<\/td>\n {2}<td colspan="5" class="error">未能审读：“\S+c-broken\.pdf”不是完好的 PDF 文件/,
    );
  });

  it('runs in this thread with --jobs 1, its JSON written a document at a time as one whole', () => {
    const dir = auditFolder();
    const { code, stdout } = runJuesuan('audit', dir, '--format', 'json', '--jobs', '1');
    assert.equal(code, 2);
    const json = JSON.parse(stdout);
    assert.equal(stdout, `${JSON.stringify(json, null, 2)}\n`, 'written a document at a time, as one JSON');
    assert.deepEqual(
      json.documents.map((d: { file: string; summary: { counts: { error: number } } }) => [
        d.file,
        d.summary.counts.error,
      ]),
      [
        [join(dir, 'a-jingdezhen.txt'), 1],
        [join(dir, 'b-budget.txt'), 0],
      ],
    );
    assert.deepEqual(
      json.failures.map((f: { file: string; cause: string }) => [f.file, f.cause]),
      [[join(dir, 'c-broken.pdf'), 'unusable']],
    );
  });

  it('refuses a folder without documents and a --jobs that is no positive number', () => {
    const empty = mkdtempSync(join(tmpdir(), 'juesuan-batch-empty-'));
    const none = runJuesuan('audit', empty);
    assert.equal(none.code, 2);
    assert.match(none.stderr, /文件夹 \S+ 中没有可审读的文件（\.pdf、/);
    const jobs = runJuesuan('audit', join(samples, 'jingdezhen-2024.txt'), '--jobs', 'two');
    assert.equal(jobs.code, 2);
    assert.match(jobs.stderr, /--jobs 应为正整数，实际为 “two”/);
  });
});

describe('juesuan report <folder> on the worker pool', () => {
  it('writes every usable package into -o and lists the unusable one with its reason', () => {
    const dir = mkdtempSync(join(tmpdir(), 'juesuan-batch-report-'));
    const packages = join(dir, 'packages');
    mkdirSync(packages);
    copyFileSync(join(REPO_ROOT, 'examples/jingdezhen-2024.json'), join(packages, 'jingdezhen.json'));
    copyFileSync(join(REPO_ROOT, 'examples/two-unit-2024.json'), join(packages, 'two-unit.json'));
    writeFileSync(join(packages, 'truncated.json'), '{"department": {"name": ');
    const out = join(dir, 'out');
    const { code, stdout } = runJuesuan('report', packages, '-o', out, '--format', 'html,docx');
    assert.equal(code, 2, 'a package that cannot be used makes the batch exit 2');
    for (const name of ['景德镇市医疗保障局2024年度部门决算', '示例市医疗保障局2024年度部门决算']) {
      for (const ext of ['html', 'docx']) {
        const file = join(out, `${name}.${ext}`);
        assert.ok(existsSync(file), `${file} is written`);
        assert.match(stdout, new RegExp(`已生成 ${file.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}`));
      }
    }
    const summary = stdout.slice(stdout.indexOf('汇总\n'));
    assert.match(summary, /jingdezhen\.json +2\n/);
    assert.match(summary, /truncated\.json +— +未生成：数据包有 1 个错误：\S*JSON 语法错误/);
    assert.match(summary, /two-unit\.json +2\n/);
  });
});
