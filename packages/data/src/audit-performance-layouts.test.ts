/**
 * 审读 of performance tables in layouts other than a tab-separated grid: the 项目支出绩效自评表 of
 * the two published samples flattened as PDF text extraction prints them (the cells of a row, or of
 * the whole table, joined by single spaces, no delimiters) give the tables' figures and findings;
 * a Hunan 部门整体支出绩效自评报告 with its 基础数据表 and 整体支出绩效自评表 is read and rescored.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { before, describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import {
  type AuditResult,
  auditDocument,
  type Finding,
  performanceTableCheck,
  readingPlace,
} from '@juesuan/core';
import { readBytes } from '@juesuan/readers';
import { listProfiles, loadCatalog, loadPerformanceProfile, loadProfile, loadRules } from './files';

const samplePath = (name: string) => fileURLToPath(new URL(`./testing/samples/${name}`, import.meta.url));

async function audit(text: string, name: string, profile?: string): Promise<AuditResult> {
  const raw = await readBytes(new TextEncoder().encode(text), name);
  return auditDocument(raw, {
    profiles: listProfiles().map(loadProfile),
    catalog: loadCatalog(),
    rules: loadRules,
    checkPerformance: performanceTableCheck(loadPerformanceProfile),
    ...(profile ? { profile } : {}),
  });
}

/**
 * The sample with each 项目支出绩效自评表 (from its 项目名称 row to its 总分 row) flattened: `row`
 * joins the cells of each printed line, `whole` the cells of the whole table on one line.
 */
function flattened(text: string, how: 'row' | 'whole'): string {
  const out: string[] = [];
  let table: string[] | undefined;
  for (const line of text.split('\n')) {
    const key = line.replace(/\s+/g, '');
    if (!table && key.startsWith('项目名称') && line.includes('\t')) table = [];
    if (!table) {
      out.push(line);
      continue;
    }
    const cells = line
      .split('\t')
      .map((c) => c.trim())
      .filter(Boolean)
      .join(' ');
    if (how === 'row') out.push(cells);
    else if (cells) table.push(cells);
    if (key.startsWith('总分')) {
      if (how === 'whole') out.push(table.join(' '));
      table = undefined;
    }
  }
  return out.join('\n');
}

/** A performance finding as the rules give it, without the line numbers some ids carry. */
const brief = (f: Finding) =>
  `${f.id.replace(/~\d+$/, '')} ${f.severity} ${f.found?.text ?? ''}→${f.expected?.text ?? ''}`;
const performance = (r: AuditResult) =>
  r.findings
    .filter((f) => f.category === 'performance')
    .map(brief)
    .sort();

describe('项目支出绩效自评表 flattened into run-on text read back to the tabular findings', () => {
  const samples = [
    ['jingdezhen-2024.txt', 'row', 3, 27],
    ['qingshanhu-2020.txt', 'whole', 6, 56],
  ] as const;
  for (const [file, how, tables, count] of samples) {
    it(`${file}: every table flattened ${how === 'row' ? 'row by row' : 'whole, one line a table'} gives the same performance findings`, async () => {
      const text = readFileSync(samplePath(file), 'utf8');
      const flat = flattened(text, how);
      assert.ok(!flat.includes('项目名称\t'), 'no table is left tab-separated');
      const [tabular, run] = await Promise.all([audit(text, file), audit(flat, file)]);
      assert.equal(run.performanceTables.length, tables);
      assert.deepEqual(performance(run), performance(tabular));
      assert.equal(performance(run).filter((f) => /^P-[RS]/.test(f)).length, count);
    });
  }

  it('jingdezhen-2024.txt flattened row by row: each finding at the printed line of its row', async () => {
    const flat = flattened(readFileSync(samplePath('jingdezhen-2024.txt'), 'utf8'), 'row');
    const lines = flat.split('\n');
    const run = await audit(flat, 'jingdezhen-2024.txt');
    const s01 = run.findings.find((f) => f.id === 'P-S01@医保基金经办专项经费(2024)/定点机构评估次数')!;
    const line = readingPlace(s01)?.line;
    assert.equal(lines[line! - 1], '定点机构评估次数 ≥2 次 1 3 0');
    // 实际完成情况 says 执行进度只有 80.9%; the table's 130.993 ÷ 160 is 81.87%.
    const stated = run.findings.find((f) => f.id === 'P-R08@医保基金经办专项经费(2024)/年度总体目标')!;
    assert.deepEqual(
      [stated.severity, stated.found?.text, stated.expected?.text],
      ['warning', '80.9%', '81.87%'],
    );
  });
});

/** A Hunan 部门整体支出绩效自评报告: its 基础数据表 and 整体支出绩效自评表 (浏阳 2021 layout). */
const HUNAN = `岳阳市2021年度部门整体支出绩效自评报告

一、部门整体支出绩效自评基础数据表

编制数\t21\t实际在职人数\t21\t控制率\t100%
“三公”经费\t上年决算\t本年预算\t本年决算
公务用车购置及运维费\t6.10\t8.00\t7.20
公务接待费\t2.30\t3.00\t2.80
“三公”经费合计\t8.40\t11.00\t10.00

二、部门整体支出绩效自评表

一级指标\t二级指标\t三级指标\t年度指标值\t全年完成值\t自评得分\t偏差及原因分析
投入管理（30分）\t预算编审管理（3分）\t预算编制完整性\t完整\t完整\t3\t
\t预算执行管理（2分）\t预算完成率\t≥95%\t99.27%\t2\t
\t预算控制管理（2分）\t“三公经费”控制率\t≤100%\t90.91%\t2\t
\t部门结转结余资金管理（4分）\t结转结余率\t≤5%\t3.2%\t4\t
\t预算绩效管理（5分）\t绩效目标管理\t完整\t完整\t5\t
\t预决算信息公开管理（4分）\t公开及时性\t及时\t及时\t4\t
\t财政监督管理（3分）\t预算调整率\t10%以内\t12%\t2\t年中追加了医保基金监管经费
\t政府采购管理（3分）\t政府采购执行率\t100%\t100%\t3\t
\t资产管理（4分）\t在职人员控制率\t≤100%\t100%\t4\t
产出指标（25分）\t数量指标（6分）\t基金监管检查次数\t≥4次\t5次\t6\t
\t质量指标（8分）\t检查问题整改率\t≥90%\t95%\t8\t
\t时效指标（5分）\t待遇支付及时率\t100%\t100%\t5\t
\t成本指标（6分）\t公用经费控制率\t≤100%\t96%\t6\t
效益指标（45分）\t经济效益（10分）\t基金收支平衡\t平衡\t平衡\t10\t
\t社会效益（10分）\t参保覆盖率\t≥95%\t97%\t10\t
\t生态效益（7分）\t无纸化办公推进\t推进\t推进\t7\t
\t可持续影响（8分）\t制度建设\t健全\t健全\t8\t
\t满意度（10分）\t参保群众满意度\t≥90%\t93%\t\t
总分\t\t\t\t\t97\t
评价等级\t优

三、自评结论

部门整体支出绩效自评结果为“良”。
`;

describe('a Hunan 部门整体支出绩效自评报告 read and rescored (hunan profile)', () => {
  let result: AuditResult;
  before(async () => {
    result = await audit(HUNAN, 'hunan-zhengti.txt', 'hunan');
  });

  it('is said to be a 绩效 report, and its whole-department table is checked, not set aside', () => {
    assert.equal(result.documentKind.kind, 'performance');
    assert.equal(result.summary.performanceChecked, true);
    assert.ok(!result.findings.some((f) => f.rule === 'P-P01'));
  });

  it('rescores it: a blank 得分 (P-R29), 总分 97 against Σ 得分 89 (P-R03), the stated “良” against 97 (P-R08); the 三公 rate agrees with the 基础数据表', () => {
    assert.deepEqual(performance(result), [
      'P-R03@整体表 error 97.00→89.00',
      'P-R08@整体表/说明等级 warning 良→优',
      'P-R29@整体表/参保群众满意度 warning →',
    ]);
    const r03 = result.findings.find((f) => f.rule === 'P-R03')!;
    assert.match(
      r03.message,
      /部门整体支出绩效自评表总分印为 97\.00，各指标得分合计 89\.00（其中 1 项得分空白）/,
    );
    assert.equal(HUNAN.split('\n')[readingPlace(r03)!.line! - 1], '总分\t\t\t\t\t97\t');
  });
});
