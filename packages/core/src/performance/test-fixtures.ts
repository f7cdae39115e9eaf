/**
 * A performance profile and a small indicator system for the core tests (core tests read no files;
 * the real profiles/<id>/performance.json are checked by packages/data tests).
 */
import { FactSet } from '../fact-set';
import { parseFactKey } from '../facts';
import { parseAmount } from '../money';
import type { DataPackage } from '../package';
import {
  buildPerformanceProfile,
  type IndicatorSystemJson,
  type PerformanceProfile,
  type PerformanceProfileJson,
} from './profile';
import type { IndicatorData, PerformanceData, TargetData } from './schema';

export function profileJson(): PerformanceProfileJson {
  return {
    format: 'juesuan.performance/1',
    profile: 'test-2024',
    title: '测试口径',
    totalPoints: '100',
    tolerance: { score: '0.1', ratePoints: '0.01' },
    execution: { points: '10', cap: true, overExecution: 'full' },
    formulas: { equal: 'positive', reverse: 'linear', range: 'linear' },
    overCompletion: { flagRatio: '1.2', explainRatio: '1.3' },
    qualitative: {
      tiers: {
        achieved: { label: '达成年度指标', minPercent: '80', maxPercent: '100', maxInclusive: true },
        partial: { label: '部分达成年度指标并具有一定效果', minPercent: '60', maxPercent: '80' },
        notAchieved: { label: '未达成年度指标且效果较差', minPercent: '0', maxPercent: '60' },
      },
      labels: [
        { text: '达成年度指标', tier: 'achieved' },
        { text: '部分达成年度指标并具有一定效果', tier: 'partial' },
        { text: '未达成年度指标且效果较差', tier: 'notAchieved' },
        { text: '基本达成目标', tier: 'partial', ambiguous: true },
      ],
      sameAsTarget: 'achieved',
      levels: [
        { label: '优', minPercent: '90', maxPercent: '100', maxInclusive: true },
        { label: '良', minPercent: '80', maxPercent: '90' },
        { label: '中', minPercent: '60', maxPercent: '80' },
        { label: '差', minPercent: '0', maxPercent: '60' },
      ],
    },
    manualScore: {
      kinds: ['range', 'qual', 'quantOther', 'levels'],
      overCompletion: true,
      requireExplanation: true,
    },
    grades: [
      { label: '优', minScore: '90' },
      { label: '良', minScore: '80' },
      { label: '中', minScore: '60' },
      { label: '差', minScore: '0' },
    ],
    gradeAliases: { 优秀: '优', 良好: '良' },
    requiredGroups: ['产出指标', '效益指标', '满意度指标'],
    cost: { underspendRatio: '0.5', moneyUnits: ['万元', '元'] },
    vagueTargets: ['逐步', '显著', '明显'],
    executionExplainBelowPercent: '90',
    indicatorSystems: ['sys'],
    defaultIndicatorSystem: 'sys',
  };
}

export function systemJson(): IndicatorSystemJson {
  return {
    format: 'juesuan.indicator-system/1',
    id: 'sys',
    title: '测试指标体系',
    source: '测试',
    totalPoints: '10',
    groups: [{ level1: '管理', points: '10' }],
    indicators: [
      {
        id: 'budgetCompletion',
        level1: '管理',
        level2: '预算执行',
        name: '预算完成率',
        points: '2',
        formula: { kind: 'linear', direction: 'higher', zeroPercent: '85', fullPercent: '95' },
        value: {
          numerator: [{ fact: 'expense fund=fiscal' }],
          denominator: [{ fact: 'budget stage=initial' }],
          unit: 'money',
          text: '预算完成率 = 支出 ÷ 年初预算',
        },
        rule: '≥95% 满分，≤85% 0 分，之间线性',
        evidence: '[S]',
      },
      {
        id: 'threePublicControl',
        level1: '管理',
        level2: '预算执行',
        name: '“三公经费”控制率',
        points: '2',
        formula: { kind: 'threshold', maxPercent: '100' },
        value: {
          numerator: [{ fact: 'threePublic' }],
          denominator: [{ fact: ['threePublic col=initialBudget', 'threePublic col=finalBudget'] }],
          unit: 'money',
          text: '三公实际 ÷ 三公预算',
          ifDenominatorZero: { numeratorZero: 'full', numeratorPositive: 'zero' },
        },
        rule: '≤100% 满分',
        evidence: '[S]',
      },
      {
        id: 'publicCostControl',
        level1: '管理',
        level2: '预算执行',
        name: '公用经费控制率',
        points: '2',
        formula: { kind: 'threshold', maxPercent: '100' },
        value: {
          numerator: [{ fact: 'basicGroup group=public' }],
          denominator: [{ input: 'publicBudget', label: '公用经费预算（万元）' }],
          unit: 'money',
          text: '公用经费决算 ÷ 公用经费预算',
        },
        rule: '≤100% 满分',
        evidence: '[S]',
      },
      {
        id: 'staffControl',
        level1: '管理',
        level2: '预算执行',
        name: '在职人员控制率',
        points: '1',
        formula: { kind: 'threshold', maxPercent: '100' },
        value: {
          numerator: [{ fact: 'personnel kind=actual' }],
          denominator: [{ fact: 'personnel kind=authorized' }],
          unit: 'count',
          text: '在职 ÷ 编制',
        },
        rule: '≤1 满分',
        evidence: '[S]',
      },
      {
        id: 'accuracy',
        level1: '管理',
        level2: '预算编审',
        name: '预算编制准确性',
        points: '2',
        formula: {
          kind: 'checklist',
          items: [
            { label: '科目准确', points: '2' },
            { label: '细化准确', points: '2' },
          ],
          deductPerDefect: '0.5',
        },
        rule: '各 2 分，每错一处扣 0.5',
        evidence: '[S]',
      },
      {
        id: 'disclosure',
        level1: '管理',
        level2: '预算编审',
        name: '预决算信息公开性',
        points: '1',
        formula: { kind: 'allOrNothing' },
        rule: '按规定公开得 1 分',
        evidence: '[S]',
      },
    ],
  };
}

export function testProfile(patch: (json: PerformanceProfileJson) => void = () => {}): PerformanceProfile {
  const json = profileJson();
  patch(json);
  const built = buildPerformanceProfile(json, { sys: systemJson() });
  if (!built.ok) throw new Error(built.errors.join('\n'));
  return built.profile;
}

export function target(text: string, kind: TargetData['kind'], value?: string, unit?: string): TargetData {
  return { text, kind, ...(value !== undefined ? { value } : {}), ...(unit ? { unit } : {}) };
}

export function indicator(
  points: string,
  t: TargetData,
  actual: string | undefined,
  extra: Partial<IndicatorData> = {},
): IndicatorData {
  return {
    level1: '产出指标',
    level2: '数量指标',
    name: '测试指标',
    points,
    target: t,
    ...(actual !== undefined ? { actual } : {}),
    ...extra,
  };
}

/** A package with facts in 万元 (2 decimals) and the given performance data. */
export function packageWith(
  facts: Record<string, string | number>,
  performance?: PerformanceData,
): DataPackage {
  const set = new FactSet();
  for (const [key, value] of Object.entries(facts)) {
    const parsed = parseFactKey(key);
    if (!parsed.ok) throw new Error(parsed.reason);
    if (typeof value === 'number') set.set(parsed.key, BigInt(value));
    else {
      const amount = parseAmount(value, '万元');
      if (!amount.ok) throw new Error(amount.reason);
      set.set(parsed.key, amount.fen);
    }
  }
  return {
    department: { name: '测试局', year: 2024, profile: 'test-2024' },
    amounts: { unit: '万元', decimals: 2 },
    units: [],
    facts: set,
    codeNames: { functional: {}, economic: {} },
    narrative: { duties: [], organization: [], reasons: {} },
    explanations: {},
    ...(performance ? { performance } : {}),
    consolidated: false,
  };
}
