import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { formatHundredths, parseDecimal, q, toHundredths } from '../exact';
import { gradeOf, inBand, scoreExecution, scoreIndicator, scoreProject } from './score';
import { indicator, target, testProfile } from './test-fixtures';
import { parseActualText, parseTargetText } from './text';

const profile = testProfile();
const score = (points: string, t: ReturnType<typeof target>, actual: string, extra = {}) =>
  scoreIndicator(indicator(points, t, actual, extra), profile);
const s = (h: bigint | null) => (h === null ? null : formatHundredths(h));

describe('正向 (≥, >) indicators', () => {
  it('gives full points exactly at the target and above it', () => {
    assert.equal(s(score('5', target('240000', 'ge', '240000', '人'), '240000').expected), '5.00');
    assert.equal(s(score('5', target('240000', 'ge', '240000', '人'), '242566').expected), '5.00');
    assert.equal(score('5', target('240000', 'ge', '240000'), '240000').met, true);
  });

  it('scores a missed target as actual ÷ target × points (228000/240000 × 5 = 4.75)', () => {
    const r = score('5', target('240000', 'ge', '240000'), '228000');
    assert.equal(s(r.expected), '4.75');
    assert.equal(r.met, false);
    assert.equal(r.formula, '228000 ÷ 240000 × 5 = 4.75');
  });

  it('scores 定点机构评估次数 1 of ≥2 at 1.50 of 3 (S2 p2)', () => {
    assert.equal(s(score('3', target('≥2 次', 'ge', '2', '次'), '1').expected), '1.50');
  });

  it('treats > like ≥ at equality (pmkpi selfpositiveindex)', () => {
    assert.equal(s(score('4', target('>90%', 'gt', '90', '%'), '90').expected), '4.00');
  });

  it('rounds half up to 2 decimals once, at the end: 1 ÷ 8 × 1 = 0.125 → 0.13', () => {
    assert.equal(s(score('1', target('≥8', 'ge', '8'), '1').expected), '0.13');
    assert.equal(s(score('1', target('≥3', 'ge', '3'), '1').expected), '0.33');
  });

  it('gives 0 for a zero actual and full points for any actual against a zero target', () => {
    assert.equal(s(score('5', target('≥10', 'ge', '10'), '0').expected), '0.00');
    assert.equal(s(score('5', target('≥0', 'ge', '0'), '0').expected), '5.00');
  });
});

describe('反向 (≤, <) indicators', () => {
  const t12 = target('≤12 万元', 'le', '12', '万元');
  it('gives full points at the target', () => {
    assert.equal(s(score('5', t12, '12').expected), '5.00');
  });
  it('scores (1 − (a − t)/t) × w between t and 2t (t = 12, a = 15 → 3.75)', () => {
    assert.equal(s(score('5', t12, '15').expected), '3.75');
    assert.equal(s(score('5', t12, '23.9').expected), '0.04');
  });
  it('gives 0 at exactly 2t and beyond (其他开支 60.2 of ≤12 → 0)', () => {
    assert.equal(s(score('5', t12, '24').expected), '0.00');
    assert.equal(s(score('5', t12, '60.2').expected), '0.00');
  });
  it('with a zero target gives full points only for a zero actual', () => {
    assert.equal(s(score('5', target('0', 'le', '0', '人'), '0').expected), '5.00');
    assert.equal(s(score('5', target('0', 'le', '0', '人'), '1').expected), '0.00');
  });
  it('lets the profile require a hand score above the target (天津)', () => {
    const manual = testProfile((j) => {
      j.formulas.reverse = 'manual';
    });
    const r = scoreIndicator(indicator('5', t12, '15'), manual);
    assert.equal(r.expected, null);
    assert.ok(r.flags.includes('manualOnly'));
    assert.equal(r.rule, 'manual');
  });
});

describe('等于 (=) indicators', () => {
  it('scores like 正向 for a positive target, overshoot included', () => {
    const t10 = target('=10万元', 'eq', '10', '万元');
    assert.equal(s(score('5', t10, '10').expected), '5.00');
    assert.equal(s(score('5', t10, '8').expected), '4.00');
    assert.equal(s(score('5', t10, '12').expected), '5.00');
  });
  it('with t = 0 gives full points for a ≤ 0 actual, else 0', () => {
    const t0 = target('=0', 'eq', '0');
    assert.equal(s(score('5', t0, '0').expected), '5.00');
    assert.equal(s(score('5', t0, '0.5').expected), '0.00');
  });
});

describe('区间 [L, U] indicators', () => {
  const months = { text: '6-9个月', kind: 'range' as const, min: '6', max: '9', unit: '个月' };
  it('gives full points at both ends', () => {
    assert.equal(s(score('5', months, '6').expected), '5.00');
    assert.equal(s(score('5', months, '9').expected), '5.00');
  });
  it('scores below L as a/L × w (S0: 4.24 of 6–9 → 3.53) and allows a hand score', () => {
    const r = score('5', months, '4.24');
    assert.equal(s(r.expected), '3.53');
    assert.deepEqual(r.manual, { min: 0n, max: 500n });
  });
  it('scores above U as 反向 with t = U', () => {
    assert.equal(s(score('5', months, '9.9').expected), '4.50');
    assert.equal(s(score('5', months, '18').expected), '0.00');
  });
});

describe('定性 indicators', () => {
  const timely = target('及时', 'qual');
  it('takes the tier band: 达成 80%–100%, 部分达成 60%–<80%, 未达成 0–<60%', () => {
    const achieved = score('10', timely, '达成年度指标');
    assert.deepEqual(achieved.band, { label: '达成年度指标', min: 800n, max: 1000n, maxInclusive: true });
    assert.equal(s(achieved.expected), '10.00');
    const partial = score('10', timely, '部分达成年度指标并具有一定效果');
    assert.equal(s(partial.expected), '7.99');
    assert.equal(partial.met, false);
    const missed = score('10', timely, '未达成年度指标且效果较差');
    assert.equal(s(missed.expected), '5.99');
  });
  it('puts 60% and 80% in the higher band (band edges)', () => {
    const partial = score('10', timely, '部分达成年度指标并具有一定效果').band!;
    const missed = score('10', timely, '未达成年度指标且效果较差').band!;
    const achieved = score('10', timely, '达成年度指标').band!;
    assert.equal(inBand(600n, partial), true);
    assert.equal(inBand(600n, missed), false);
    assert.equal(inBand(599n, missed), true);
    assert.equal(inBand(800n, partial), false);
    assert.equal(inBand(800n, achieved), true);
    assert.equal(inBand(1000n, achieved), true);
  });
  it('keeps an evaluator score inside the band and moves one outside to the nearest end', () => {
    assert.equal(s(score('10', timely, '部分达成年度指标并具有一定效果', { score: '7' }).expected), '7.00');
    assert.equal(s(score('10', timely, '部分达成年度指标并具有一定效果', { score: '10' }).expected), '7.99');
    assert.equal(s(score('10', timely, '达成年度指标', { score: '5' }).expected), '8.00');
  });
  it('reads an actual that restates the target as 达成 (S0 明显提高 / 明显提高)', () => {
    const r = score('5', target('明显提高', 'qual'), '明显提高');
    assert.equal(r.tier, 'achieved');
    assert.equal(r.tierSource, 'sameAsTarget');
  });
  it('flags 基本达成目标 as ambiguous and scores it in the 部分达成 band (w = 6 → [3.6, 4.8))', () => {
    const r = score('6', timely, '基本达成目标', { score: '6' });
    assert.ok(r.flags.includes('ambiguousLabel'));
    assert.equal(r.tier, 'partial');
    assert.deepEqual([r.band!.min, r.band!.max], [360n, 480n]);
    assert.equal(s(r.expected), '4.79');
  });
  it('cannot score an unrecognised label', () => {
    const r = score('5', timely, '还行');
    assert.equal(r.expected, null);
    assert.ok(r.flags.includes('unrecognizedLabel'));
  });
  it('takes a tier stated by the evaluator over the printed text', () => {
    assert.equal(score('5', timely, '还行', { tier: 'achieved' }).tier, 'achieved');
  });
  it('scores 优良中差 targets by level bands', () => {
    const r = score('10', target('优良中差', 'levels'), '良');
    assert.deepEqual([r.band!.min, r.band!.max], [800n, 900n]);
  });
});

describe('actual values and over-completion', () => {
  it('refuses an inequality as actual (R13) and a label for a numeric target', () => {
    const r = score('5', target('≥90%', 'ge', '90', '%'), '≥90%');
    assert.equal(r.expected, null);
    assert.deepEqual(r.flags, ['actualInequality', 'actualCopiesTarget']);
    assert.deepEqual(score('5', target('≥90%', 'ge', '90', '%'), '基本达成目标').flags, ['actualNotNumber']);
    assert.deepEqual(score('5', target('≥90%', 'ge', '90', '%'), '').flags, ['actualMissing']);
  });
  it('flags ≥ 1.2 × target and requires an explanation from 1.3 × target', () => {
    const t = target('≥10', 'ge', '10', '次');
    assert.deepEqual(score('3', t, '11.9').flags, []);
    assert.deepEqual(score('3', t, '12').flags, ['overCompletion']);
    assert.deepEqual(score('3', t, '13').flags, ['overCompletion', 'overCompletionExplain']);
    assert.deepEqual(score('3', t, '13').manual, { min: 0n, max: 300n });
  });
  it('takes a percent actual written with its sign and notes a different unit', () => {
    assert.equal(s(score('10', target('≥95%', 'ge', '95', '%'), '96%').expected), '10.00');
    assert.deepEqual(score('10', target('≥25 万元', 'le', '25', '万元'), '25元').flags, ['unitMismatch']);
  });
});

describe('预算执行率', () => {
  const funds = (final: string, executed: string) => ({ total: { final, executed, points: '10' } });
  it('scores 49.977 / 50 = 99.954% as 10.00, exactly (a binary float gives 9.99)', () => {
    const r = scoreExecution(funds('50', '49.977'), profile);
    assert.equal(s(r.expected), '10.00');
    assert.deepEqual(r.rate, q(49977n, 50000n));
    // From the printed 99.95%: exact 9.995 rounds half up to 10.00, a float prints 9.99
    // (docs/performance.md#execution).
    assert.equal(formatHundredths(toHundredths(q(9995n, 1000n))), '10.00');
    assert.equal((9.995).toFixed(2), '9.99');
  });
  it('scores 130.993 / 160 = 81.87% as 8.19 (S2 p2)', () => {
    assert.equal(s(scoreExecution(funds('160', '130.993'), profile).expected), '8.19');
  });
  it('caps execution above 100% at full points, or deducts when the profile says so', () => {
    const over = scoreExecution(funds('100', '120'), profile);
    assert.equal(s(over.expected), '10.00');
    assert.deepEqual(over.flags, ['overExecution']);
    const reverse = testProfile((j) => {
      j.execution.overExecution = 'reverse';
    });
    assert.equal(s(scoreExecution(funds('100', '120'), reverse).expected), '8.00');
    assert.equal(s(scoreExecution(funds('100', '100'), profile).expected), '10.00');
  });
  it('leaves the rate undefined for a zero budget', () => {
    const r = scoreExecution(funds('0', '5'), profile);
    assert.equal(r.rate, null);
    assert.equal(r.expected, null);
    assert.deepEqual(r.flags, ['zeroBudget']);
    assert.deepEqual(scoreExecution(undefined, profile).flags, ['missingFunds']);
  });
});

describe('grades and totals', () => {
  const h = (text: string) => toHundredths(parseDecimal(text)!);
  it('uses half-open bands with inclusive lower ends', () => {
    assert.equal(gradeOf(h('100'), profile), '优');
    assert.equal(gradeOf(h('90'), profile), '优');
    assert.equal(gradeOf(h('89.99'), profile), '良');
    assert.equal(gradeOf(h('80'), profile), '良');
    assert.equal(gradeOf(h('79.99'), profile), '中');
    assert.equal(gradeOf(h('60'), profile), '中');
    assert.equal(gradeOf(h('59.99'), profile), '差');
    assert.equal(gradeOf(0n, profile), '差');
  });
  it('adds 执行率 and indicator scores into the rule total and the published sum', () => {
    const p = scoreProject(
      {
        name: '项目',
        funds: { total: { final: '50', executed: '49.977', points: '10', score: '7' } },
        indicators: [
          indicator('45', target('≥2', 'ge', '2', '次'), '1', { score: '45' }),
          indicator('45', target('及时', 'qual'), '达成年度指标', { score: '45' }),
        ],
        total: { points: '100', score: '97' },
      },
      profile,
    );
    assert.equal(s(p.pointsSum), '100.00');
    assert.equal(s(p.publishedSum), '97.00');
    assert.equal(s(p.ruleTotal), '77.50');
    assert.equal(p.gradeOfRule, '中');
    assert.equal(p.gradeOfPublished, '优');
  });
});

describe('reading printed targets and actuals', () => {
  it('recognises the comparison forms of the samples', () => {
    assert.deepEqual(parseTargetText('≥25 万元'), { kind: 'ge', value: '25', unit: '万元' });
    assert.deepEqual(parseTargetText('＞=95%'), { kind: 'ge', value: '95', unit: '%' });
    assert.deepEqual(parseTargetText('大于等于95%'), { kind: 'ge', value: '95', unit: '%' });
    assert.deepEqual(parseTargetText('≤5%'), { kind: 'le', value: '5', unit: '%' });
    assert.deepEqual(parseTargetText('=10万元'), { kind: 'eq', value: '10', unit: '万元' });
    assert.deepEqual(parseTargetText('6-9个月'), { kind: 'range', min: '6', max: '9', unit: '个月' });
    assert.deepEqual(parseTargetText('240000'), { kind: 'ge', value: '240000', bare: true });
    assert.deepEqual(parseTargetText('及时'), { kind: 'qual' });
  });
  it('reads actuals as numbers with units, comparisons or labels', () => {
    assert.deepEqual(parseActualText('96%'), { kind: 'number', value: q(96n), unit: '%' });
    assert.deepEqual(parseActualText('10万元'), { kind: 'number', value: q(10n), unit: '万元' });
    assert.deepEqual(parseActualText('4.24'), { kind: 'number', value: q(106n, 25n) });
    assert.deepEqual(parseActualText('≥90%'), { kind: 'inequality', text: '≥90%' });
    assert.deepEqual(parseActualText('基本达成目标'), { kind: 'label', text: '基本达成目标' });
    assert.deepEqual(parseActualText('  '), { kind: 'empty' });
  });
});
