import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { evaluateWholeDepartment, type WholeDepartmentResult } from '../performance/department';
import { scoreProject } from '../performance/score';
import { indicator, packageWith, target, testProfile } from '../performance/test-fixtures';
import type { GridBlock } from './model';
import { selfEvaluationGrid, wholeDepartmentGrid } from './performance-grids';

/** Every row, with the cells spanned into it from rows above, fills exactly the grid's columns. */
function assertRectangular(grid: GridBlock): void {
  const columns = grid.widths.length;
  const carried: number[] = [];
  grid.rows.forEach((row, r) => {
    let filled = carried[r] ?? 0;
    for (const cell of row) {
      const span = cell.colSpan ?? 1;
      filled += span;
      for (let below = 1; below < (cell.rowSpan ?? 1); below++)
        carried[r + below] = (carried[r + below] ?? 0) + span;
    }
    assert.equal(filled, columns, `第 ${r + 1} 行占 ${filled} 栏，应为 ${columns} 栏`);
  });
}

const profile = testProfile();
const project = {
  name: '医疗保障改革专项经费',
  department: '景德镇市医疗保障局',
  implementer: '景德镇市医疗保障局',
  funds: {
    total: { initial: '50', final: '50', executed: '49.977', rate: '99.95', points: '10', score: '7' },
    fiscal: { label: '政府预算资金', initial: '50', final: '50', executed: '49.976847', rate: '99.95' },
  },
  goals: { expected: '目标', actual: '完成' },
  indicators: [
    indicator('20', target('≤25 万元', 'le', '25', '万元'), '25', {
      level1: '成本指标',
      level2: '经济成本指标',
      name: 'A',
      score: '20',
    }),
    indicator('35', target('≥3 次', 'ge', '3', '次'), '3', { name: 'B', score: '35' }),
    indicator('25', target('及时', 'qual'), '基本达成目标', { level2: '时效指标', name: 'C', score: '25' }),
    indicator('10', target('≥85%', 'ge', '85', '%'), '85', {
      level1: '满意度指标',
      level2: '服务对象满意度',
      name: 'D',
      score: '10',
    }),
  ],
  total: { points: '100', score: '97' },
};

describe('grids for the document', () => {
  it('lays out the 项目支出绩效自评表 with merged 一级/二级 cells, with and without rule scores', () => {
    const score = scoreProject(project, profile);
    const plain = selfEvaluationGrid(project, score, { year: 2024 });
    assertRectangular(plain);
    assert.equal(plain.subtitle, '（2024 年度）');
    const ruled = selfEvaluationGrid(project, score, { ruleScores: true });
    assertRectangular(ruled);
    const texts = ruled.rows.flat().map((c) => c.text);
    assert.ok(texts.includes('按规则得分'));
    assert.ok(texts.includes('10.00'), '执行率 rule score 10.00');
    assert.ok(texts.includes('19.99'), '基本达成目标 in the 部分达成 band');
    const output = ruled.rows.find((r) => r.some((c) => c.text === '产出指标'))!;
    assert.equal(output.find((c) => c.text === '产出指标')?.rowSpan, 2);
  });

  it('lays out the 部门整体支出绩效自评表 with its figures traced', () => {
    const pkg = packageWith(
      { 'expense fund=fiscal': '940.49', 'budget stage=initial': '839.32' },
      { wholeDepartment: { system: 'sys' } },
    );
    const result = evaluateWholeDepartment(pkg, profile) as WholeDepartmentResult;
    const grid = wholeDepartmentGrid(result, 2024);
    assertRectangular(grid);
    const figure = grid.rows.flat().find((c) => c.figure)!;
    assert.deepEqual(figure.figure, {
      measure: 'rate',
      facts: ['expense fund=fiscal', 'budget stage=initial'],
      value: 11205n,
    });
  });
});
