import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { assertPublishedFindings, REPO_ROOT, runJuesuan } from './testing';

const root = REPO_ROOT;
const sample = join(root, 'examples/jingdezhen-2024.json');

const run = runJuesuan;

describe('juesuan command line', () => {
  it('validates the sample package and says what it holds', () => {
    const { code, stdout } = run('package', 'validate', sample);
    assert.equal(code, 0);
    assert.match(stdout, /有效 .*景德镇市医疗保障局（2024 年，口径 jiangxi-2024）/);
  });

  it('gives machine output with --format json', () => {
    const { code, stdout } = run('package', 'validate', sample, '--format', 'json');
    assert.equal(code, 0);
    const json = JSON.parse(stdout);
    assert.equal(json.valid, true);
    assert.equal(json.summary.department, '景德镇市医疗保障局');
    assert.ok(Array.isArray(json.issues));
  });

  it('exits 2 with the path and the expected form for a bad package, changing nothing', () => {
    const dir = mkdtempSync(join(tmpdir(), 'juesuan-cli-'));
    const bad = join(dir, 'bad.json');
    writeFileSync(
      bad,
      JSON.stringify({
        format: 'juesuan.package/1',
        department: { name: '测试局', year: 2024, profile: 'jiangxi-2024' },
        amounts: { unit: '万元', decimals: 2 },
        facts: { income: { '': '1.234' } },
      }),
    );
    const { code, stderr } = run('package', 'validate', bad);
    assert.equal(code, 2);
    assert.match(stderr, /facts\.income\[""\]：金额（万元）“1\.234”有 3 位小数/);
    assert.match(stderr, /数据包未读入，未做任何更改/);
  });

  it('prints the profile’s tables filled from the package', () => {
    const { code, stdout } = run('tables', sample, '--table', 'T01,T09');
    assert.equal(code, 0);
    assert.match(stdout, /公开01表\s+收入支出决算总表/);
    assert.match(stdout, /公开09表/);
    assert.doesNotMatch(stdout, /公开05表/);
    assert.match(stdout, /940\.51/);
  });

  it('answers a wrong call in Chinese with exit code 2', () => {
    const unknownOption = run('tables', sample, '--colour');
    assert.equal(unknownOption.code, 2);
    assert.match(unknownOption.stderr, /不认识的选项 --colour/);
    const unknownTable = run('tables', sample, '--table', 'T99');
    assert.equal(unknownTable.code, 2);
    assert.match(unknownTable.stderr, /没有表 T99/);
    const unknownProfile = run('tables', sample, '--profile', 'hainan-2031');
    assert.equal(unknownProfile.code, 2);
    assert.match(unknownProfile.stderr, /没有这个口径/);
  });

  it('checks the sample: table rules clean, the published performance errors found, grouped by table', () => {
    const text = run('check', sample);
    // The tables hold (tail differences only); the 绩效 section does not: exit 1.
    assert.equal(text.code, 1);
    assert.match(text.stdout, /公开01表 收入支出决算总表\n/);
    assert.match(text.stdout, /提示 \[Y-01\]/);
    assert.match(text.stdout, /尾差 \[T01-01\]/);
    assert.match(text.stdout, /错误 \[P-R22\] 绩效情况说明称自评资金占项目支出 100%/);
    const json = JSON.parse(run('check', sample, '--format', 'json').stdout);
    const errors = json.findings.filter((f: { severity: string }) => f.severity === 'error');
    assert.deepEqual(
      errors.filter((f: { category: string }) => f.category !== 'performance'),
      [],
      'no table or narrative rule fails on the sample',
    );
    const finding = json.findings.find((f: { id: string }) => f.id === 'Y-01@T01[L29]');
    assert.equal(finding.places[0].table, 'T01');
    assert.equal(finding.difference.text, '-0.15万元');
    assertPublishedFindings(json.findings);
  });

  it('exits 1 when the package has errors', () => {
    const dir = mkdtempSync(join(tmpdir(), 'juesuan-cli-'));
    const broken = join(dir, 'broken.json');
    const json = JSON.parse(readFileSync(sample, 'utf8'));
    json.facts.income[''] = '950.50';
    writeFileSync(broken, JSON.stringify(json));
    const { code, stdout } = run('check', broken, '--no-info');
    assert.equal(code, 1);
    assert.match(stdout, /错误 \[T01-01\] 公开01表第27行「本年收入合计」为 950\.50万元/);
  });

  it('lists the rule catalogue with formulas', () => {
    const { code, stdout } = run('rules', '--profile', 'jiangxi-2024');
    assert.equal(code, 0);
    assert.match(stdout, /T01-01 /);
    assert.match(stdout, /公式：T01\[L27\] = SUM\(T01\[L1:L8\]\)/);
    assert.match(stdout, /【审核公式】65 条\n\n口径 jiangxi-2024（65 条）/);
    assert.match(stdout, /【绩效自评】33 条/);
    assert.match(stdout, /\nP-R09 未达到年度指标值的指标不应得满分 .*\n {2}检查：/);
    assert.doesNotMatch(stdout, /口径 shanghai-2024/);
  });

  it('lists the rules of every family, filtered by family, severity and words, as JSON', () => {
    const json = JSON.parse(run('rules', '--format', 'json').stdout);
    assert.deepEqual(json.profiles, [
      'hunan',
      'jiangxi-2020',
      'jiangxi-2024',
      'national',
      'shanghai-2024',
      'sichuan',
    ]);
    assert.deepEqual(
      json.families.map((f: { family: string }) => f.family),
      [
        'table',
        'data',
        'classification',
        'consolidation',
        'narrative',
        'text',
        'identity',
        'recognition',
        'performance',
      ],
    );
    assert.equal(json.rules.filter((r: { key: string }) => r.key.endsWith(':T01-01')).length, 6);
    const filtered = run('rules', '--family', 'classification', '--severity', 'error', '--full');
    assert.match(filtered.stdout, /^规则目录：共 2 条（科目 2）/);
    assert.match(
      filtered.stdout,
      /C-02 科目名称不是旧年度的名称[^\n]*\n {2}检查：[^\n]+\n {2}含义：[^\n]+\n {2}适用：[^\n]+\n {2}示例：/,
    );
    assert.doesNotMatch(filtered.stdout, /C-01/);
    const searched = JSON.parse(run('rules', '--search', '空表说明', '--format', 'json').stdout);
    assert.deepEqual([...new Set(searched.rules.map((r: { id: string }) => r.id))].sort(), [
      'D-01',
      'T07-04',
      'T08-02',
      'T08I-05',
      'T09G-04',
    ]);
    const wrong = run('rules', '--family', 'tables');
    assert.equal(wrong.code, 2);
    assert.match(wrong.stderr, /--family 应为 table、data/);
  });

  it('rescores the sample’s self-evaluations and shows where the published scores differ', () => {
    const { code, stdout } = run('score', sample);
    assert.equal(code, 1, 'the published coverage claim is an error');
    assert.match(stdout, /医疗保障改革专项经费\(2024年\)\n {2}执行率 99\.95%，得分 10\.00（公开 7\.00）/);
    assert.match(stdout, /规则总分 89\.26，等级 良；公开总分 89\.00，等级 良/);
    assert.match(stdout, /预算完成率：112\.05%，得 2\.00 \/ 2\.00（由决算数据计算）/);
    const json = JSON.parse(run('score', sample, '--format', 'json').stdout);
    assert.ok(json.findings.some((f: { id: string }) => f.id.startsWith('P-R22@')));
    assertPublishedFindings(json.findings);
  });

  it('writes the 部门整体支出绩效自评报告 as DOCX and lists on stderr what is left to write', () => {
    const dir = mkdtempSync(join(tmpdir(), 'juesuan-cli-report-'));
    const { code, stdout, stderr } = run(
      'report',
      sample,
      '--kind',
      'performance',
      '--format',
      'docx',
      '-o',
      dir,
    );
    assert.equal(code, 0, stderr);
    const path = join(dir, '景德镇市医疗保障局2024年度部门整体支出绩效自评报告.docx');
    assert.match(stdout, /已生成 .*景德镇市医疗保障局2024年度部门整体支出绩效自评报告\.docx/);
    const docx = readFileSync(path);
    assert.ok(docx.length > 5000, `DOCX 只有 ${docx.length} 字节`);
    assert.equal(docx.subarray(0, 2).toString('latin1'), 'PK');
    assert.match(stderr, /报告中有 26 处待填写/);
    assert.match(stderr, /缺少存在的主要问题（performance\.report\.problems）/);
    assert.match(stderr, /缺少重点工作（performance\.report\.keyWork）/);
  });

  it('refuses an unknown report kind with exit code 2', () => {
    const { code, stderr } = run('report', sample, '--kind', 'budget');
    assert.equal(code, 2);
    assert.match(
      stderr,
      /--kind 只能是 disclosure（部门决算公开文档） 或 performance（部门整体支出绩效自评报告），实际为 “budget”/,
    );
  });

  it('shows its help in Chinese', () => {
    const { code, stdout } = run('--help');
    assert.equal(code, 0);
    assert.match(stdout, /用法：/);
    assert.match(stdout, /命令：/);
    assert.match(stdout, /校验|数据包/);
  });
});
