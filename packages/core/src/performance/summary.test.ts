import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { recomputeFigure } from '../document/figures';
import type { ProjectData } from './schema';
import { performanceFigureValue, performanceKey, summarizePerformance } from './summary';
import { indicator, packageWith, target, testProfile } from './test-fixtures';

/** A project whose 90 points of indicators all score fully and whose 执行率 is B/A of 10 points. */
function project(name: string, final: string | undefined, executed: string | undefined): ProjectData {
  return {
    name,
    funds: {
      total: {
        ...(final !== undefined ? { final } : {}),
        ...(executed !== undefined ? { executed } : {}),
        points: '10',
      },
    },
    indicators: [indicator('90', target('≥1次', 'ge', '1', '次'), '1')],
  };
}

describe('summarizePerformance', () => {
  const profile = testProfile();

  it('counts projects, sums 全年预算数/执行数 exactly and grades each by its rule score', () => {
    // 执行率 40/50 → 8 points: 98 (优); 130.993/160 → 8.19 points: 98.19 (优).
    const pkg = packageWith(
      { 'expense nature=project': '255.28' },
      {
        projects: [project('甲', '50', '40'), project('乙', '160', '130.993')],
      },
    );
    const summary = summarizePerformance(pkg, profile)!;
    assert.equal(summary.projects.length, 2);
    assert.equal(summary.budget, 210_000_000n);
    assert.equal(summary.executed, 170_993_000n);
    assert.equal(summary.projectExpense, 255_280_000n);
    // 210 ÷ 255.28 = 82.2626…% → 82.26 (四舍五入 to 2 decimals).
    assert.equal(summary.coverage, 8226n);
    assert.deepEqual(
      summary.grades.map((g) => [g.grade, g.projects]),
      [
        ['优', [0, 1]],
        ['良', []],
        ['中', []],
        ['差', []],
      ],
    );
  });

  it('grades by the rule score, not the published one', () => {
    // Published 95 (优), but 执行率 10/100 scores 1 of 10 and the indicator misses: rule 1 + 0 = 1 → 差.
    const low: ProjectData = {
      ...project('丙', '100', '10'),
      indicators: [indicator('90', target('≥2次', 'ge', '2', '次'), '0')],
      total: { points: '100', score: '95' },
    };
    const summary = summarizePerformance(packageWith({}, { projects: [low] }), profile)!;
    assert.deepEqual(summary.grades.find((g) => g.grade === '差')?.projects, [0]);
    assert.equal(summary.projects[0]!.score.ruleTotal, 100n);
  });

  it('states no coverage when a table leaves its 全年预算数 blank or 项目支出 is not reported', () => {
    const blank = summarizePerformance(
      packageWith({ 'expense nature=project': '100' }, { projects: [project('甲', undefined, '10')] }),
      profile,
    )!;
    assert.equal(blank.budgetComplete, false);
    assert.equal(blank.coverage, null);
    const unreported = summarizePerformance(
      packageWith({}, { projects: [project('甲', '50', '40')] }),
      profile,
    )!;
    assert.equal(unreported.projectExpense, undefined);
    assert.equal(unreported.coverage, null);
  });

  it('gives the whole-department total and grade only when every indicator is scored', () => {
    const facts = {
      'expense fund=fiscal': '940.49',
      'budget stage=initial': '839.32',
      threePublic: '1.02',
      'threePublic col=initialBudget': '13.22',
      'basicGroup group=public': '57.03',
      'personnel kind=actual': 35,
      'personnel kind=authorized': 36,
    };
    const open = summarizePerformance(packageWith(facts, { wholeDepartment: { system: 'sys' } }), profile)!;
    assert.ok(open.wholeDepartment);
    assert.equal(open.wholeTotal, undefined);
    assert.equal(open.wholeGrade, undefined);

    // The test system totals 10 points; a profile of the same total grades it.
    const tenPoints = testProfile((json) => {
      json.totalPoints = '10';
      json.grades = [
        { label: '优', minScore: '9' },
        { label: '差', minScore: '0' },
      ];
    });
    const indicators = {
      publicCostControl: { inputs: { publicBudget: '60' } },
      accuracy: { itemsMet: [true, true], defects: 1 },
      disclosure: { met: true },
    };
    const pkg = packageWith(facts, { wholeDepartment: { system: 'sys', indicators } });
    const done = summarizePerformance(pkg, tenPoints)!;
    assert.equal(done.wholeTotal, 950n);
    assert.equal(done.wholeGrade, '优');
    assert.equal(performanceFigureValue(performanceKey.wholeTotal, pkg, tenPoints), 950n);
    assert.equal(
      performanceFigureValue(performanceKey.indicatorRate('threePublicControl'), pkg, tenPoints),
      772n,
    );
    assert.equal(performanceFigureValue(performanceKey.indicatorScore('accuracy'), pkg, tenPoints), 150n);
  });

  it('has nothing to summarise without performance data', () => {
    assert.equal(summarizePerformance(packageWith({}), profile), undefined);
  });
});

describe('performance figures recompute from their 绩效: keys', () => {
  const profile = testProfile();
  const pkg = packageWith(
    { 'expense nature=project': '400' },
    {
      projects: [project('甲', '50', '49.976847'), project('乙', '150', '150')],
    },
  );
  const keys = [performanceKey.budget(0), performanceKey.budget(1)];

  it('reads 全年预算数 exactly to the 分 and a project as one', () => {
    assert.equal(performanceFigureValue(performanceKey.executed(0), pkg), 49_976_847n);
    assert.equal(performanceFigureValue(performanceKey.project(1), pkg), 1n);
    assert.equal(performanceFigureValue(performanceKey.project(2), pkg), null);
    assert.equal(performanceFigureValue('expense nature=project', pkg), undefined);
  });

  it('a share over several keys is their sum over the last', () => {
    const share = { measure: 'percent' as const, facts: [...keys, 'expense nature=project'], value: 5000n };
    assert.equal(recomputeFigure(share, pkg), 5000n);
  });

  it('a score needs the profile; without it the figure cannot be verified', () => {
    const score = { measure: 'score' as const, facts: [performanceKey.projectScore(0)], value: 0n };
    assert.equal(recomputeFigure(score, pkg), null);
    assert.equal(recomputeFigure(score, pkg, profile), 10000n);
  });

  it('a key naming no project makes the figure unverifiable, not zero', () => {
    const count = { measure: 'count' as const, facts: [performanceKey.project(5)], value: 0n };
    assert.equal(recomputeFigure(count, pkg), null);
  });
});
