import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { checkPerformance } from './check';
import type { IndicatorData, PerformanceData, ProjectData } from './schema';
import { indicator, packageWith, target, testProfile } from './test-fixtures';

const profile = testProfile();

function project(indicators: IndicatorData[], extra: Partial<ProjectData> = {}): ProjectData {
  return {
    name: '项目甲',
    funds: { total: { final: '100', executed: '100', rate: '100', points: '10', score: '10' } },
    indicators,
    ...extra,
  };
}

/** Fillers so the project has 100 points and the required groups. */
const rest = (): IndicatorData[] => [
  indicator('30', target('≥1', 'ge', '1', '次'), '1', { level1: '效益指标', name: '效益', score: '30' }),
  indicator('10', target('≥90%', 'ge', '90', '%'), '95', {
    level1: '满意度指标',
    name: '满意度',
    score: '10',
  }),
];

function findings(p: ProjectData | ProjectData[], extra: Partial<PerformanceData> = {}, facts = {}) {
  const pkg = packageWith(facts, { projects: Array.isArray(p) ? p : [p], ...extra });
  return checkPerformance(pkg, profile);
}
const ids = (list: ReturnType<typeof findings>) => list.map((f) => `${f.severity} ${f.id}`);

describe('checkPerformance on project self-evaluations', () => {
  it('is silent on a consistent table', () => {
    const p = project([
      indicator('50', target('≥2 次', 'ge', '2', '次'), '2', { name: '次数', score: '50' }),
      ...rest(),
    ]);
    assert.deepEqual(ids(findings({ ...p, total: { points: '100', score: '100' } })), []);
  });

  it('R09: full marks for a missed target, an error without explanation', () => {
    const p = project([
      indicator('50', target('≥2 次', 'ge', '2', '次'), '1', { name: '次数', score: '50' }),
      ...rest(),
    ]);
    const list = findings(p);
    assert.deepEqual(ids(list), ['error P-R09@项目甲/次数', 'warning P-R03.2@项目甲']);
    const r09 = list[0]!;
    assert.equal(r09.category, 'performance');
    assert.equal(r09.categoryLabel, '绩效自评');
    assert.equal(r09.found?.text, '50.00');
    assert.equal(r09.expected?.text, '25.00');
    assert.equal(r09.difference?.text, '25.00');
    assert.match(
      r09.message,
      /项目“项目甲”指标“次数”未达到年度指标值“≥2 次”（实际 1），却得满分 50\.00；按规则：1 ÷ 2 × 50 = 25\.00/,
    );
  });

  it('R10 and S01: a deduction without explanation, and a score stricter than the rule', () => {
    const p = project([
      indicator('50', target('≥2 次', 'ge', '2', '次'), '1', { name: '次数', score: '0' }),
      ...rest(),
    ]);
    assert.deepEqual(ids(findings(p)), [
      'error P-R10@项目甲/次数',
      'warning P-S01@项目甲/次数',
      'warning P-R03.2@项目甲',
    ]);
  });

  it('R11: a met target scored below full; accepted as hand score for a flagged over-completion', () => {
    const met = project([
      indicator('50', target('≥2 次', 'ge', '2', '次'), '2', {
        name: '次数',
        score: '40',
        deviation: '审核较严',
      }),
      ...rest(),
    ]);
    assert.deepEqual(ids(findings(met)), ['warning P-R11@项目甲/次数', 'warning P-R03.2@项目甲']);
    const over = project([
      indicator('50', target('≥2 次', 'ge', '2', '次'), '3', {
        name: '次数',
        score: '40',
        deviation: '目标偏低',
      }),
      ...rest(),
    ]);
    assert.deepEqual(ids(findings(over)), [
      'info P-R11@项目甲/次数',
      'info P-R12@项目甲/次数',
      'warning P-R03.2@项目甲',
    ]);
  });

  it('R12: over-completion at 1.3 × target needs an explanation', () => {
    const p = project([
      indicator('50', target('≥1 台', 'ge', '1', '台'), '3', { name: '设备购置', score: '50' }),
      ...rest(),
    ]);
    const [r12] = findings(p);
    assert.equal(r12?.id, 'P-R12@项目甲/设备购置');
    assert.equal(r12?.severity, 'warning');
    assert.match(r12!.message, /实际 3 为年度指标值 ≥1 台 的 300\.00%，达到 1\.3 倍应说明原因/);
  });

  it('R13: an inequality as actual value', () => {
    const p = project([
      indicator('50', target('≥90%', 'ge', '90', '%'), '≥90%', { name: '覆盖率', score: '50' }),
      ...rest(),
    ]);
    const list = findings(p);
    assert.equal(list[0]?.id, 'P-R13@项目甲/覆盖率');
    assert.match(list[0]!.message, /照抄了年度指标值/);
  });

  it('R14 and R27: qualitative scores outside the tier band', () => {
    const p = project([
      indicator('25', target('及时', 'qual'), '基本达成目标', { name: '及时性', score: '25' }),
      indicator('25', target('规范', 'qual'), '规范', { name: '规范性', score: '10', deviation: '级别较低' }),
      ...rest(),
    ]);
    const list = findings(p);
    assert.deepEqual(ids(list), [
      'warning P-R27@项目甲/及时性',
      'warning P-R14@项目甲/规范性',
      'warning P-R03.2@项目甲',
    ]);
    assert.equal(list[0]!.expected?.text, '19.99');
    assert.equal(list[1]!.expected?.text, '20.00');
    assert.match(list[1]!.message, /不在该档次区间 20\.00–25\.00 内，按规则取 20\.00；偏差原因：级别较低/);
  });

  it('R14: a score outside its tier is an error unless it is below the tier with the deviation explained', () => {
    const p = project([
      indicator('25', target('及时', 'qual'), '及时', { name: '及时性', score: '10' }),
      indicator('25', target('规范', 'qual'), '规范', { name: '规范性', score: '10', deviation: '级别较低' }),
      ...rest(),
    ]);
    const r14 = findings(p).filter((f) => f.id.startsWith('P-R14@'));
    assert.deepEqual(
      r14.map((f) => `${f.severity} ${f.id}`),
      ['error P-R14@项目甲/及时性', 'warning P-R14@项目甲/规范性'],
    );
  });

  it('R15 and R16: vague targets and quantities without unit', () => {
    const p = project([
      indicator('25', target('显著提高', 'qual'), '显著提高', { name: '能力', score: '25' }),
      indicator('15', target('40', 'ge', '40'), '42', { name: '评估数量', score: '15' }),
      indicator('10', target('≥90', 'ge', '90', '次'), '95', { name: '合格率', score: '10' }),
      ...rest(),
    ]);
    assert.deepEqual(ids(findings(p)), [
      'warning P-R15@项目甲/能力',
      'warning P-R16@项目甲/评估数量',
      'warning P-R16@项目甲/合格率',
    ]);
  });

  it('R01, R02, R03, R07: points and scores that do not add up, and a grade that does not fit', () => {
    const p = project(
      [indicator('40', target('≥1 次', 'ge', '1', '次'), '1', { name: '次数', score: '40' }), ...rest()],
      {
        groups: [
          { level1: '产出指标', points: '50' },
          { level1: '产出指标', level2: '数量指标', points: '50' },
        ],
        total: { points: '100', score: '95' },
        grade: '良',
      },
    );
    assert.deepEqual(ids(findings(p)), [
      'error P-R01@项目甲/产出指标/数量指标',
      'error P-R02@项目甲',
      'error P-R02@项目甲/总分分值',
      'error P-R03@项目甲',
      'error P-R07@项目甲',
      'warning P-R03.2@项目甲',
    ]);
  });

  it('R04, R05, R06: 执行率 printed wrong and scored above its points', () => {
    const p = project(
      [indicator('50', target('≥1 次', 'ge', '1', '次'), '1', { name: '次数', score: '50' }), ...rest()],
      {
        funds: { total: { final: '160', executed: '130.993', rate: '80.87', points: '10', score: '11' } },
      },
    );
    assert.deepEqual(ids(findings(p)), [
      'error P-R05@项目甲/执行率/年度资金总额',
      'error P-R04@项目甲/执行率',
      'warning P-R06@项目甲/执行率',
      'warning P-R21@项目甲/执行率',
      'warning P-R03.2@项目甲',
    ]);
  });

  it('R18: fund rows within printing tolerance are information, beyond it an error', () => {
    const rows = (executed: string) =>
      project(
        [indicator('50', target('≥1 次', 'ge', '1', '次'), '1', { name: '次数', score: '50' }), ...rest()],
        {
          funds: {
            total: { final: '50', executed: '49.977', rate: '99.95', points: '10', score: '10' },
            fiscal: { final: '50', executed },
          },
        },
      );
    assert.deepEqual(ids(findings(rows('49.976847'))), ['info P-R18@项目甲/资金/全年执行数']);
    assert.deepEqual(ids(findings(rows('48.9'))), ['error P-R18@项目甲/资金/全年执行数']);
  });

  it('R19: cost actual far below target while scored full', () => {
    const p = project([
      indicator('50', target('≤28 万元', 'le', '28', '万元'), '1.6', {
        level1: '成本指标',
        level2: '经济成本指标',
        name: 'DIP费用',
        score: '50',
      }),
      ...rest(),
      indicator('0', target('≥1', 'ge', '1', '次'), '1', { name: '占位', score: '0' }),
    ]);
    const list = findings(p);
    assert.ok(
      list.some(
        (f) => f.id === 'P-R19@项目甲/DIP费用' && /不足年度指标值 ≤28 万元 的 50%（5\.71%）/.test(f.message),
      ),
    );
  });

  it('R22 and R08: coverage of 项目支出 and the stated summary', () => {
    const p = project([
      indicator('50', target('≥1 次', 'ge', '1', '次'), '1', { name: '次数', score: '50' }),
      ...rest(),
    ]);
    const list = findings(
      p,
      { summary: { projectCount: 2, amount: '100', coveragePercent: '100', grades: { 优: 1 } } },
      { 'expense nature=project': '80' },
    );
    assert.deepEqual(ids(list), [
      'error P-R22@项目自评/资金',
      'error P-R22@项目自评/覆盖率',
      'warning P-R08@项目自评/项目数',
    ]);
  });

  it('a written explanation accepts a warning but not an error', () => {
    const p = project([
      indicator('50', target('≥2 次', 'ge', '2', '次'), '1', { name: '次数', score: '0' }),
      ...rest(),
    ]);
    const pkg = packageWith({}, { projects: [p] });
    pkg.explanations = { 'P-S01@项目甲/次数': '评估次数减半，按 0 分计', 'P-R10@项目甲/次数': '无' };
    const list = checkPerformance(pkg, profile);
    assert.equal(list.find((f) => f.id === 'P-S01@项目甲/次数')?.explained, '评估次数减半，按 0 分计');
    assert.equal(list.find((f) => f.id === 'P-R10@项目甲/次数')?.explained, undefined);
  });

  it('numbers repeated ids so each stays a unique key', () => {
    const twice = [
      indicator('25', target('≥2 次', 'ge', '2', '次'), '1', { name: '次数', score: '25' }),
      indicator('25', target('≥2 次', 'ge', '2', '次'), '1', { name: '次数', score: '25' }),
      ...rest(),
    ];
    const list = findings(project(twice)).filter((f) => f.rule === 'P-R09');
    assert.deepEqual(
      list.map((f) => f.id),
      ['P-R09@项目甲/次数', 'P-R09@项目甲/次数~2'],
    );
  });
});

describe('checkPerformance on the whole-department evaluation', () => {
  it('R26, R28, D01, R23: a grade without a score table, template defects, entered data without evidence, restated rates', () => {
    const pkg = packageWith(
      {
        'expense fund=fiscal': '940.49',
        'budget stage=initial': '839.32',
        'basicGroup group=public': '57.03',
      },
      {
        wholeDepartment: {
          system: 'sys',
          indicators: {
            publicCostControl: { inputs: { publicBudget: '60' } },
            budgetCompletion: { stated: '100' },
          },
          published: { grade: '优' },
        },
      },
    );
    assert.deepEqual(
      checkPerformance(pkg, profile).map((f) => `${f.severity} ${f.id}`),
      [
        'error P-R28@整体/预算编制准确性',
        'error P-R23@整体/预算完成率',
        'warning P-D01@整体/公用经费控制率',
        'warning P-R26@整体',
      ],
    );
  });

  it('returns nothing without performance data', () => {
    assert.deepEqual(checkPerformance(packageWith({}), profile), []);
  });
});
