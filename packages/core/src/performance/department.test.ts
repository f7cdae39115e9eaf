import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { baseDataGrid } from '../document/performance-grids';
import { formatHundredths, fromPercent, parseDecimal, q, toHundredths } from '../exact';
import { baseDataRows, evaluateWholeDepartment, scoreRate, type WholeDepartmentResult } from './department';
import type { FormulaDef } from './profile';
import { packageWith, testProfile } from './test-fixtures';

const pct = (text: string) => fromPercent(parseDecimal(text)!);
const rate = (f: FormulaDef, r: string, points = '2') =>
  formatHundredths(toHundredths(scoreRate(f, pct(r), parseDecimal(points)!).score));

describe('whole-department rate formulas (jdz-2024 and hn-2021 indicator systems)', () => {
  const completion: FormulaDef = {
    kind: 'linear',
    direction: 'higher',
    zeroPercent: '85',
    fullPercent: '95',
  };
  it('预算完成率: full at 95%, 0 at 85%, linear between', () => {
    assert.equal(rate(completion, '95'), '2.00');
    assert.equal(rate(completion, '112.05'), '2.00');
    assert.equal(rate(completion, '85'), '0.00');
    assert.equal(rate(completion, '84'), '0.00');
    assert.equal(rate(completion, '90'), '1.00');
    assert.equal(rate(completion, '94.99'), '2.00');
    assert.equal(rate(completion, '85.01'), '0.00');
    assert.equal(rate(completion, '86'), '0.20');
  });
  it('政府采购执行率: full at 95%, 0 at 80%', () => {
    const f: FormulaDef = { kind: 'linear', direction: 'higher', zeroPercent: '80', fullPercent: '95' };
    assert.equal(rate(f, '95', '3'), '3.00');
    assert.equal(rate(f, '80', '3'), '0.00');
    assert.equal(rate(f, '87.5', '3'), '1.50');
  });
  it('结转结余率: full at ≤ 5%, 0 at ≥ 15%, (15% − r) ÷ 10% × w between', () => {
    const f: FormulaDef = { kind: 'linear', direction: 'lower', zeroPercent: '15', fullPercent: '5' };
    assert.equal(rate(f, '5', '1'), '1.00');
    assert.equal(rate(f, '0.0012', '1'), '1.00');
    assert.equal(rate(f, '15', '1'), '0.00');
    assert.equal(rate(f, '10', '1'), '0.50');
  });
  it('控制率 ≤ 100%: full at exactly 100%, 0 just above', () => {
    const f: FormulaDef = { kind: 'threshold', maxPercent: '100' };
    assert.equal(rate(f, '100'), '2.00');
    assert.equal(rate(f, '100.01'), '0.00');
  });
  it('支付进度率: proportional below the schedule, full at or above it', () => {
    const f: FormulaDef = { kind: 'proportional', fullPercent: '100' };
    assert.equal(rate(f, '100'), '2.00');
    assert.equal(rate(f, '120'), '2.00');
    assert.equal(rate(f, '75'), '1.50');
  });
  it('step deductions: each started, each whole or a pro-rata step', () => {
    const over = (mode: 'ceil' | 'floor' | 'continuous'): FormulaDef => ({
      kind: 'step',
      direction: 'over',
      limitPercent: '100',
      stepPercent: '1',
      deduction: '0.5',
      mode,
    });
    assert.equal(rate(over('ceil'), '100', '5'), '5.00');
    assert.equal(rate(over('ceil'), '101.5', '5'), '4.00');
    assert.equal(rate(over('floor'), '101.5', '5'), '4.50');
    assert.equal(rate(over('continuous'), '101.5', '5'), '4.25');
    assert.equal(rate(over('ceil'), '150', '5'), '0.00');
    const under: FormulaDef = {
      kind: 'step',
      direction: 'under',
      limitPercent: '100',
      stepPercent: '5',
      deduction: '2',
      mode: 'floor',
    };
    // wanglu 例: 99.27% 得满分.
    assert.equal(rate(under, '99.27', '5'), '5.00');
    assert.equal(rate(under, '95', '5'), '3.00');
    assert.equal(rate(under, '94.99', '5'), '3.00');
  });
  it('bands honour inclusive and exclusive ends (预算调整率 = 0 → 5, (0, 10%] → 4)', () => {
    const f: FormulaDef = {
      kind: 'bands',
      bands: [
        { maxPercent: '0', maxInclusive: true, minInclusive: true, score: '5' },
        { minPercent: '0', minInclusive: false, maxPercent: '10', maxInclusive: true, score: '4' },
        { minPercent: '10', minInclusive: false, maxInclusive: false, score: '0' },
      ],
    };
    assert.equal(rate(f, '0', '5'), '5.00');
    assert.equal(rate(f, '0.01', '5'), '4.00');
    assert.equal(rate(f, '10', '5'), '4.00');
    assert.equal(rate(f, '10.01', '5'), '0.00');
  });
});

describe('evaluateWholeDepartment', () => {
  const profile = testProfile();
  const facts = {
    'expense fund=fiscal': '940.49',
    'budget stage=initial': '839.32',
    threePublic: '1.02',
    'threePublic col=initialBudget': '13.22',
    'threePublic col=finalBudget': '1.02',
    'basicGroup group=public': '57.03',
    'personnel kind=actual': 35,
  };
  const evaluate = (f: Record<string, string | number>, indicators = {}) => {
    const result = evaluateWholeDepartment(
      packageWith(f, { wholeDepartment: { system: 'sys', indicators } }),
      profile,
    );
    assert.ok(!('error' in result));
    return result as WholeDepartmentResult;
  };
  const byId = (r: WholeDepartmentResult, id: string) => r.indicators.find((i) => i.id === id)!;

  it('computes package-determined indicators from facts and names the facts used', () => {
    const r = evaluate(facts);
    const completion = byId(r, 'budgetCompletion');
    assert.equal(completion.status, 'computed');
    assert.equal(completion.determination, 'package');
    assert.deepEqual(completion.facts, [
      { key: 'expense fund=fiscal', value: 940_490_000n },
      { key: 'budget stage=initial', value: 839_320_000n },
    ]);
    assert.deepEqual(completion.rate, q(94049n, 83932n));
    assert.equal(completion.valueText, '112.05%');
    assert.equal(completion.expected, 200n);
    const threePublic = byId(r, 'threePublicControl');
    assert.equal(threePublic.valueText, '7.72%');
    assert.equal(threePublic.facts[1]!.key, 'threePublic col=initialBudget');
  });

  it('falls back to the next fact key when the first is not reported', () => {
    const { 'threePublic col=initialBudget': _, ...rest } = facts;
    const r = evaluate(rest);
    assert.equal(byId(r, 'threePublicControl').facts[1]!.key, 'threePublic col=finalBudget');
    assert.equal(byId(r, 'threePublicControl').valueText, '100.00%');
  });

  it('leaves an indicator open when a fact or an input is missing, and says which', () => {
    const r = evaluate(facts);
    const staff = byId(r, 'staffControl');
    assert.equal(staff.status, 'missing');
    assert.deepEqual(staff.missing, ['数据包未填报 personnel kind=authorized']);
    const cost = byId(r, 'publicCostControl');
    assert.equal(cost.determination, 'partial');
    assert.deepEqual(cost.missing, ['须录入 公用经费预算（万元）（inputs.publicBudget）']);
    assert.equal(r.complete, false);
    assert.equal(r.grade, null);
    assert.equal(formatHundredths(r.total), '4.00');
  });

  it('uses entered figures in 万元 and checklist judgements, capped at the points', () => {
    const r = evaluate(
      { ...facts, 'personnel kind=authorized': 36 },
      {
        publicCostControl: { inputs: { publicBudget: '60' }, evidence: '2024 年部门预算' },
        accuracy: { itemsMet: [true, true], defects: 1 },
        disclosure: { met: true },
      },
    );
    assert.equal(byId(r, 'publicCostControl').status, 'entered');
    assert.equal(byId(r, 'publicCostControl').valueText, '95.05%');
    assert.equal(byId(r, 'publicCostControl').expected, 200n);
    // Items award 4 of 2 points: capped at 2, then 1 defect × 0.5.
    assert.equal(byId(r, 'accuracy').expected, 150n);
    assert.equal(byId(r, 'staffControl').expected, 100n);
    assert.equal(r.complete, true);
    assert.equal(formatHundredths(r.total), '9.50');
    // The system totals 10, not the profile's 100: no grade.
    assert.equal(r.grade, null);
  });

  it('scores a zero 三公 budget by whether anything was spent', () => {
    const zero = { ...facts, threePublic: '0', 'threePublic col=initialBudget': '0' };
    assert.equal(byId(evaluate(zero), 'threePublicControl').expected, 200n);
    const spent = { ...facts, threePublic: '0.5', 'threePublic col=initialBudget': '0' };
    assert.equal(byId(evaluate(spent), 'threePublicControl').expected, 0n);
    const noBudget = { ...facts, 'budget stage=initial': '0' };
    const completion = byId(evaluate(noBudget), 'budgetCompletion');
    assert.equal(completion.rate, null);
    assert.equal(completion.status, 'missing');
  });

  it('reports an unknown system', () => {
    const result = evaluateWholeDepartment(
      packageWith(facts, { wholeDepartment: { system: 'nope' } }),
      profile,
    );
    assert.ok('error' in result);
    assert.match(result.error, /没有指标体系 “nope”/);
  });
});

describe('部门整体支出绩效自评基础数据表', () => {
  it('builds its rows from facts, each figure naming its facts', () => {
    const pkg = packageWith({
      'personnel kind=actual': 35,
      'personnel kind=authorized': 40,
      threePublic: '1.02',
      'threePublic col=initialBudget': '13.22',
      'expense nature=project': '255.28',
      procurement: '97.74',
      'budget stage=initial': '839.32',
    });
    const rows = baseDataRows(pkg);
    const staff = rows[0]!;
    assert.deepEqual(
      staff.values.map((v) => v.text),
      ['40', '35', '87.50%'],
    );
    assert.deepEqual(staff.values[2]!.facts, ['personnel kind=actual', 'personnel kind=authorized']);
    const threePublic = rows.find((r) => r.section === '“三公”经费' && r.label === '合计')!;
    assert.deepEqual(
      threePublic.values.map((v) => [v.column, v.text, v.facts]),
      [
        ['上年决算数', '—', []],
        ['本年预算数', '13.22', ['threePublic col=initialBudget']],
        ['本年决算数', '1.02', ['threePublic']],
      ],
    );
    const grid = baseDataGrid(pkg, rows);
    assert.equal(grid.title, '部门整体支出绩效自评基础数据表');
    const figures = grid.rows.flat().filter((c) => c.figure);
    assert.ok(figures.every((c) => c.figure!.facts.length > 0));
  });
});
