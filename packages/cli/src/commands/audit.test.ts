import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { assertPublishedFindings, REPO_ROOT, runJuesuan } from '../testing';

const root = REPO_ROOT;
const samples = join(root, 'packages/data/src/testing/samples');
const jingdezhen = join(samples, 'jingdezhen-2024.txt');
const qingshanhu = join(samples, 'qingshanhu-2020.txt');

const run = runJuesuan;

describe('juesuan audit', () => {
  it('audits a published text: findings grouped by table and part, exit 1 for its error', () => {
    const { code, stdout } = run('audit', jingdezhen, '--no-info');
    assert.equal(code, 1);
    assert.match(stdout, /口径 jiangxi-2024.*匹配度 99%/);
    assert.match(stdout, /识别的表 10\/10/);
    assert.match(stdout, /公开03表 支出决算表\n {2}错误 \[T03-05\]/);
    assert.match(stdout, /情况说明\n {2}提示 \[N-17\]/);
    assert.doesNotMatch(stdout, /尾差/, '--no-info hides 尾数误差');
  });

  it('says a budget is a budget and what the document is, in the text and in the JSON', () => {
    const dir = mkdtempSync(join(tmpdir(), 'juesuan-audit-kind-'));
    const budget = join(dir, 'budget.txt');
    writeFileSync(
      budget,
      [
        '上海市普陀区2025年区级部门预算',
        '预算主管部门：上海市普陀区财政局',
        '五、部门预算表',
        '1. 2025年部门财务收支预算总表',
      ].join('\n'),
    );
    const text = run('audit', budget, jingdezhen, '--no-info');
    assert.equal(text.code, 1, 'the Jingdezhen sample has errors; the budget has none');
    assert.match(
      text.stdout,
      /budget\.txt 审读结果\n这是一份部门预算公开文件（2025年度），不是部门决算；未按决算口径审核。（依据标题「上海市普陀区2025年区级部门预算」）\n\n/,
    );
    assert.match(
      text.stdout,
      /文件类型：部门决算（2024年度），依据「景德镇市医疗保障局 2024 年度部门决算」，把握 95%/,
    );
    assert.match(text.stdout, /budget\.txt +部门预算 +0\/0 +0 +1 +0/);
    const json = JSON.parse(run('audit', budget, '--format', 'json').stdout);
    assert.deepEqual(
      [
        json.documents[0].documentKind.kind,
        json.documents[0].documentKind.label,
        json.documents[0].documentKind.year,
      ],
      ['budget', '部门预算', 2025],
    );
  });

  it('gives { documents: [{ file, profile, tables, findings }] } with --format json', () => {
    const { code, stdout } = run('audit', jingdezhen, qingshanhu, '--format', 'json');
    assert.equal(code, 1);
    const json = JSON.parse(stdout);
    assert.equal(json.documents.length, 2);
    const [j, q] = json.documents;
    assert.equal(j.profile, 'jiangxi-2024');
    assert.equal(q.profile, 'jiangxi-2020');
    assert.ok(j.profileMatch.score > 0.9);
    assert.equal(j.tables.length, 10);
    const finding = j.findings.find((f: { rule: string }) => f.rule === 'T03-05');
    assert.deepEqual(Object.keys(finding).sort(), [
      'category',
      'categoryLabel',
      'id',
      'message',
      'places',
      'rounding',
      'rule',
      'severity',
      'title',
    ]);
    assert.deepEqual(finding.places[0], { kind: 'text', line: 192 });
    const n04 = q.findings.find((f: { rule: string }) => f.rule === 'N-04');
    assert.deepEqual(n04.expected, { text: '566.16万元', value: '566160000', unit: '分' });
    assert.deepEqual(n04.found, { text: '716.7万元', value: '716700000', unit: '分' });
    assert.match(n04.places[0].sentence, /决算数为716.7万元/);
    for (const d of json.documents) assertPublishedFindings(d.findings);
  });

  it('ends a batch with a summary table and writes the HTML and XLSX reports', () => {
    const dir = mkdtempSync(join(tmpdir(), 'juesuan-audit-'));
    const html = join(dir, 'report.html');
    const { stdout, stderr } = run('audit', jingdezhen, qingshanhu, '--report', html);
    assert.match(stdout, /汇总\n文件 +口径 +识别表 +错误 +提示 +信息/);
    // 5 errors and 19 warnings in the tables and narrative, 4 warnings of template text and years left
    // in (I-06, I-03), 26 errors, 29 warnings and 1 info in the six 项目支出绩效自评表 (listed one by
    // one in data/audit-performance-samples.test.ts).
    assert.match(stdout, /qingshanhu-2020\.txt +jiangxi-2020 +7\/9 +23 +60 +1/);
    assert.match(stderr, /审读报告已写入/);
    const page = readFileSync(html, 'utf8');
    assert.match(page, /<h2>汇总<\/h2>/);
    assert.match(page, /716\.7万元/);
    const xlsx = join(dir, 'report.xlsx');
    run('audit', qingshanhu, '--report', xlsx);
    const bytes = readFileSync(xlsx);
    assert.equal(bytes.subarray(0, 2).toString(), 'PK', 'an XLSX is a zip');
  });

  it('exits 2 for a file it cannot read, and for a report it cannot write', () => {
    const dir = mkdtempSync(join(tmpdir(), 'juesuan-audit-'));
    const empty = join(dir, 'empty.pdf');
    writeFileSync(empty, 'not a pdf at all');
    const bad = run('audit', empty);
    assert.equal(bad.code, 2);
    assert.match(bad.stdout, /无法读取/);
    const wrong = run('audit', jingdezhen, '--report', join(dir, 'report.doc'));
    assert.equal(wrong.code, 2);
    assert.match(wrong.stderr, /--report 只能写 \.html 或 \.xlsx/);
  });
});
