import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parsePackageJson, writePackage } from '../package';
import { buildPerformanceProfile } from './profile';
import { profileJson, systemJson } from './test-fixtures';

function packageJson(performance: unknown) {
  return {
    format: 'juesuan.package/1',
    department: { name: '测试局', year: 2024, profile: 'jiangxi-2024' },
    amounts: { unit: '万元', decimals: 2 },
    units: [],
    facts: { income: { '': '1.00' } },
    performance,
  };
}

const validIndicator = () => ({
  level1: '产出指标',
  level2: '数量指标',
  name: '开展飞检次数',
  points: '6',
  target: { text: '≥3 次', kind: 'ge', value: '3', unit: '次' },
  actual: '3',
  score: '6',
});

const project = (
  indicator: Record<string, unknown> = validIndicator(),
  extra: Record<string, unknown> = {},
) => ({
  name: '医疗保障改革专项经费',
  funds: {
    total: { initial: '50', final: '50', executed: '49.977', rate: '99.95', points: '10', score: '7' },
  },
  indicators: [indicator],
  ...extra,
});

function issues(performance: unknown) {
  const result = parsePackageJson(packageJson(performance));
  return result.issues.map((i) => `${i.path}：${i.message}`);
}

describe('performance data in the package (schema)', () => {
  it('accepts a full self-evaluation and writes it back unchanged', () => {
    const performance = {
      projects: [
        project(validIndicator(), {
          year: 2024,
          department: '景德镇市医疗保障局',
          implementer: '景德镇市医疗保障局',
          goals: { expected: '目标', actual: '完成' },
          groups: [{ level1: '产出指标', points: '6' }],
          total: { points: '100', score: '97' },
          grade: '优',
        }),
      ],
      summary: { projectCount: 1, amount: '50', coveragePercent: '100', grades: { 优: 1 } },
      wholeDepartment: {
        system: 'jdz-2024',
        indicators: { publicCostControl: { inputs: { publicBudget: '60' }, evidence: '预算公开' } },
        published: { grade: '优' },
      },
    };
    const result = parsePackageJson(packageJson(performance));
    assert.deepEqual(result.issues, []);
    const written = JSON.parse(JSON.stringify(writePackage(result.package!)));
    assert.deepEqual(written.performance, performance);
  });

  it('keeps amounts to the 分: 49.976847 万元 is accepted, 49.9768471 is refused', () => {
    const ok = project();
    (ok.funds.total as Record<string, string>).executed = '49.976847';
    assert.deepEqual(issues({ projects: [ok] }), []);
    const tooFine = project();
    (tooFine.funds.total as Record<string, string>).executed = '49.9768471';
    assert.deepEqual(issues({ projects: [tooFine] }), [
      'performance.projects[0].funds.total.executed：金额（万元）最多 6 位小数，实际为 "49.9768471"（7 位）；不做自动舍入',
    ]);
  });

  it('names the path and the problem of a bad score, points or amount, in Chinese', () => {
    assert.deepEqual(issues({ projects: [project({ ...validIndicator(), points: '六' })] }), [
      'performance.projects[0].indicators[0].points：分值应为十进制数（如 "4.5"），实际为 "六"',
    ]);
    assert.deepEqual(issues({ projects: [project({ ...validIndicator(), score: '4.555' })] }), [
      'performance.projects[0].indicators[0].score：得分最多 2 位小数，实际为 "4.555"（3 位）；不做自动舍入',
    ]);
    const negative = project();
    (negative.funds.total as Record<string, string>).final = '-1';
    assert.deepEqual(issues({ projects: [negative] }), [
      'performance.projects[0].funds.total.final：金额（万元）不能为负数，实际为 "-1"',
    ]);
    assert.deepEqual(issues({ projects: [project({ ...validIndicator(), score: true })] }), [
      'performance.projects[0].indicators[0].score：应为文本或数字，实际为布尔值（true/false） true',
    ]);
  });

  it('requires the numbers a target kind needs', () => {
    const noValue = { ...validIndicator(), target: { text: '≥3 次', kind: 'ge' } };
    assert.deepEqual(issues({ projects: [project(noValue)] }), [
      'performance.projects[0].indicators[0].target.value：比较类指标（≥（正向））须填写指标值 value，如 "25"',
    ]);
    const badRange = { ...validIndicator(), target: { text: '9-6个月', kind: 'range', min: '9', max: '6' } };
    assert.deepEqual(issues({ projects: [project(badRange)] }), [
      'performance.projects[0].indicators[0].target.max：区间上限 6 小于下限 9',
    ]);
    const halfRange = { ...validIndicator(), target: { text: '6-', kind: 'range', min: '6' } };
    assert.deepEqual(issues({ projects: [project(halfRange)] }), [
      'performance.projects[0].indicators[0].target.max：区间指标须填写上限 max',
    ]);
  });

  it('lists the allowed target kinds and refuses unknown keys', () => {
    const [kind] = issues({
      projects: [project({ ...validIndicator(), target: { text: '≥3', kind: '>=' } })],
    });
    assert.match(
      kind!,
      /^performance\.projects\[0\]\.indicators\[0\]\.target\.kind：应为 "ge" 或 "gt" 或 "eq"/,
    );
    assert.deepEqual(issues({ projects: [project({ ...validIndicator(), weight: '6' })] }), [
      'performance.projects[0].indicators[0].weight：不认识的键 “weight”（拼写错误？数据包不接受未定义的键）',
    ]);
    assert.deepEqual(issues({ projects: [project({ ...validIndicator(), name: '' })] }), [
      'performance.projects[0].indicators[0].name：不能为空',
    ]);
    assert.deepEqual(issues({ projects: [{ funds: {} }] }), [
      'performance.projects[0].name：缺少必填项，应为文本',
      'performance.projects[0].funds.total：缺少必填项，应为对象',
    ]);
  });
});

describe('performance profiles (performance.json and indicator systems)', () => {
  it('builds the test profile and its system', () => {
    const built = buildPerformanceProfile(profileJson(), { sys: systemJson() });
    assert.ok(built.ok);
    assert.equal(built.profile.systems.get('sys')?.indicators.length, 6);
  });

  it('names the file and path of a mistake', () => {
    const json = profileJson() as Record<string, unknown>;
    (json.overCompletion as Record<string, unknown>).flagRatio = 'abc';
    const built = buildPerformanceProfile(json, { sys: systemJson() });
    assert.ok(!built.ok);
    assert.deepEqual(built.errors, ['performance.json overCompletion.flagRatio：应为十进制数文本，如 "1.2"']);
  });

  it('refuses a listed system that is missing, a bad fact key and a rate indicator without value', () => {
    assert.deepEqual((buildPerformanceProfile(profileJson(), {}) as { errors: string[] }).errors, [
      'performance/indicator-systems/sys.json：performance.json 列出了指标体系 sys，但没有这个文件',
    ]);
    const sys = systemJson();
    sys.indicators[0]!.value!.numerator = [{ fact: 'expense fund=nope' }];
    delete sys.indicators[1]!.value;
    const built = buildPerformanceProfile(profileJson(), { sys });
    assert.ok(!built.ok);
    assert.equal(built.errors.length, 2);
    assert.match(built.errors[0]!, /indicators\[0\]\.value\.numerator\[0\] 事实键 “expense fund=nope” 无效/);
    assert.match(built.errors[1]!, /indicators\[1\]（“三公经费”控制率）按比率计分（threshold），须有 value/);
  });
});
