/**
 * Cases for rules written as code that no other test made fire or stay silent; listed with the
 * others in packages/data/src/testing/rule-tests.ts, which rule-coverage.test.ts checks.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { auditDocument } from './audit/audit';
import { parseClaimsProfile } from './audit/claims-profile';
import {
  testCatalog as catalog,
  rawFromLines,
  TEST_CLAIMS,
  TEST_TABLE_LINES,
  testProfile,
} from './audit/testing';
import { checkPerformance } from './performance/check';
import type { IndicatorData, ProjectData } from './performance/schema';
import {
  indicator,
  packageWith,
  testProfile as performanceProfile,
  target,
} from './performance/test-fixtures';
import { compileCatalogue } from './rules/catalogue';

const claims = (() => {
  const parsed = parseClaimsProfile(TEST_CLAIMS);
  if (!parsed.ok) throw new Error(parsed.errors.join('\n'));
  return parsed.claims;
})();

/** Audits the test tables (optionally edited) followed by the given 情况说明 lines. */
function audit(narrative: string[], tables: readonly string[] = TEST_TABLE_LINES) {
  return auditDocument(rawFromLines([...tables, '第三部分 2024 年度部门决算情况说明', ...narrative]), {
    profiles: [testProfile()],
    catalog,
    rules: () => compileCatalogue({ rules: [] }),
    claims: () => claims,
  });
}

const rulesOf = (narrative: string[], tables?: readonly string[]) =>
  audit(narrative, tables).findings.map((f) => `${f.rule} ${f.severity}`);

describe('情况说明 rules', () => {
  it('N-02 fires on a share of 本年收入合计 that the tables do not give', () => {
    const right = [
      '一、收入决算情况说明',
      '本年收入的具体构成：财政拨款收入 940.49 万元，占 100.00%；其他收入 0.01 万元，占 0.00%。',
    ];
    assert.deepEqual(rulesOf(right), ['R-01 error']);
    const wrong = [right[0]!, right[1]!.replace('占 100.00%', '占 99.00%')];
    const n02 = audit(wrong).findings.filter((f) => f.rule === 'N-02');
    assert.deepEqual(
      n02.map((f) => `${f.severity} ${f.found?.text}→${f.expected?.text}`),
      ['error 99.00%→100.00%'],
    );
  });

  it('N-07 fires on a 三公 figure that differs from 公开09表', () => {
    const sentence = '“三公”经费支出全年预算数 1.02 万元，决算数 1.02 万元。';
    const section = '五、财政拨款“三公”经费支出决算情况说明';
    assert.deepEqual(rulesOf([section, sentence]), ['R-01 error']);
    const n07 = audit([section, sentence.replace('决算数 1.02', '决算数 1.20')]).findings.filter(
      (f) => f.rule === 'N-07',
    );
    assert.deepEqual(
      n07.map((f) => `${f.severity} ${f.found?.text}→${f.expected?.text}`),
      ['error 1.20万元→1.02万元'],
    );
  });
});

describe('名词解释 rule N-16', () => {
  const glossary = (...lines: string[]) => ['第五部分 名词解释', ...lines];

  it('N-16 stays silent on a 名词解释 that explains every 项 with spending and nothing else', () => {
    const rules = rulesOf(
      glossary(
        '社会保障和就业支出（类）：反映政府在社会保障与就业方面的支出。',
        '机关事业单位基本养老保险缴费支出（项）：反映机关事业单位实施养老保险制度由单位缴纳的基本养老保险费。',
        '行政运行（项）：反映行政单位（包括实行公务员管理的事业单位）的基本支出。',
      ),
    );
    assert.deepEqual(rules, ['R-01 error']);
  });

  it('N-16 fires on a 科目 the tables lack and a 项 with spending left unexplained', () => {
    const findings = audit(
      glossary(
        '公路水路运输（款）：反映公路水路运输方面的支出。',
        '行政运行（项）：反映行政单位（包括实行公务员管理的事业单位）的基本支出。',
      ),
    ).findings.filter((f) => f.rule === 'N-16');
    assert.deepEqual(
      findings.map((f) => `${f.severity} ${f.found?.text ?? ''}→${f.expected?.text ?? ''}`),
      ['warning 公路水路运输（款）→', 'warning →2080505 机关事业单位基本养老保险缴费支出（项）'],
    );
  });
});

describe('recognition rule R-02', () => {
  it('R-02 fires on a row with figures that matches no row of the profile', () => {
    const tables = TEST_TABLE_LINES.flatMap((line) =>
      line === '\t9\t' ? [line, '九、捐赠收入\t10\t3.00'] : [line],
    );
    const r02 = audit([], tables).findings.filter((f) => f.rule === 'R-02');
    assert.deepEqual(
      r02.map((f) => `${f.severity} ${f.found?.text}`),
      ['warning 九、捐赠收入 3.00'],
    );
    assert.match(
      r02[0]!.message,
      /公开01表「收入支出决算总表」中的一行「九、捐赠收入 3\.00」对应不到口径 test-2024 的任何行/,
    );
  });
});

describe('performance rules', () => {
  const profile = performanceProfile();
  const satisfaction = indicator('10', target('≥90%', 'ge', '90', '%'), '95', {
    level1: '满意度指标',
    name: '满意度',
    score: '10',
  });
  const benefit = indicator('30', target('≥1', 'ge', '1', '次'), '1', {
    level1: '效益指标',
    name: '效益',
    score: '30',
  });
  const project = (indicators: IndicatorData[], funds?: ProjectData['funds']): ProjectData => ({
    name: '项目甲',
    funds: funds ?? { total: { final: '100', executed: '100', rate: '100', points: '10', score: '10' } },
    indicators,
    total: { points: '100', score: '100' },
  });
  const ids = (p: ProjectData, extra = {}, facts = {}) =>
    checkPerformance(packageWith(facts, { projects: [p], ...extra }), profile).map(
      (f) => `${f.severity} ${f.id}`,
    );

  it('P-R20 fires on a cost indicator scored full while spending exceeds the budget', () => {
    const cost = indicator('50', target('≤100 万元', 'le', '100', '万元'), '95', {
      level1: '成本指标',
      name: '项目成本',
      score: '50',
    });
    const overspent = project([cost, benefit, satisfaction], {
      total: { final: '100', executed: '110', rate: '110', points: '10', score: '10' },
    });
    assert.ok(ids(overspent).includes('warning P-R20@项目甲/项目成本'), ids(overspent).join('\n'));
    const within = project([cost, benefit, satisfaction]);
    assert.deepEqual(
      ids(within).filter((id) => id.includes('P-R20')),
      [],
    );
  });

  it('P-R25 fires on a table without the 满意度指标 the profile requires', () => {
    const output = indicator('60', target('≥2 次', 'ge', '2', '次'), '2', { name: '次数', score: '60' });
    const without = project([output, benefit], undefined);
    assert.ok(ids(without).includes('warning P-R25@项目甲/满意度指标'), ids(without).join('\n'));
  });

  it('P-R08 and P-R22 stay silent on a summary that agrees with the tables and the 项目支出', () => {
    const output = indicator('50', target('≥2 次', 'ge', '2', '次'), '2', { name: '次数', score: '50' });
    const summary = { projectCount: 1, amount: '100', coveragePercent: '80', grades: { 优: 1 } };
    assert.deepEqual(
      ids(project([output, benefit, satisfaction]), { summary }, { 'expense nature=project': '125' }),
      [],
    );
  });
});
