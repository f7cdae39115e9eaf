/**
 * What the 预算绩效情况说明 states, computed from the package's performance data scored by the
 * profile's rules: how many projects were self-evaluated, the money they cover (Σ 全年预算数 and
 * Σ 全年执行数 of their 年度资金总额), its share of the 决算's 项目支出, how many projects fall in
 * each grade by the RULE score, and the whole-department score and grade once every indicator is
 * scored. Published statements (performance.summary) are not read here: they are what the checks
 * hold against this (P-R08, P-R22).
 *
 * Figures drawn from the performance data carry `绩效:` keys in their FigureSource, named after the
 * package's JSON path so a reader finds them (`绩效:projects.0.funds.total.final`);
 * `performanceFigureValue` reads them back, which is how such a figure is re-checked.
 */
import { keyOf } from '../facts';
import { percentScaled } from '../money';
import type { DataPackage } from '../package';
import { evaluateWholeDepartment, type WholeDepartmentResult } from './department';
import type { PerformanceProfile } from './profile';
import { type ProjectScore, scoreProject, wanToFen } from './score';

export const PERFORMANCE_PREFIX = '绩效:';

/** The FigureSource keys of performance figures. */
export const performanceKey = {
  /** One project: reads as 1, so a count of projects is the sum of their keys. */
  project: (index: number) => `${PERFORMANCE_PREFIX}projects.${index}`,
  /** 年度资金总额 全年预算数 (A), 分. */
  budget: (index: number) => `${PERFORMANCE_PREFIX}projects.${index}.funds.total.final`,
  /** 年度资金总额 全年执行数 (B), 分. */
  executed: (index: number) => `${PERFORMANCE_PREFIX}projects.${index}.funds.total.executed`,
  /** A project's total by the rules, hundredths. */
  projectScore: (index: number) => `${PERFORMANCE_PREFIX}projects.${index}.score`,
  /** The whole-department total by the rules, hundredths. */
  wholeTotal: `${PERFORMANCE_PREFIX}wholeDepartment.total`,
  /** One indicator's rule score, hundredths. */
  indicatorScore: (id: string) => `${PERFORMANCE_PREFIX}wholeDepartment.indicators.${id}.score`,
  /** One indicator's rate in percent × 100 (7.72% → 772), rounded half up. */
  indicatorRate: (id: string) => `${PERFORMANCE_PREFIX}wholeDepartment.indicators.${id}.rate`,
};

/** The fact key of the 决算's 项目支出 that coverage is measured against (as the P-R22 check does). */
export const PROJECT_EXPENSE_KEY = keyOf('expense', { nature: 'project' });

export interface ProjectSummary {
  index: number;
  name: string;
  score: ProjectScore;
  /** 全年预算数 / 全年执行数 of 年度资金总额, 分; absent when the table leaves them blank. */
  budget?: bigint;
  executed?: bigint;
  /** Grade of the rule score. */
  grade: string;
}

export interface GradeCount {
  grade: string;
  /** Indexes of the projects with this grade by the rule score. */
  projects: number[];
}

export interface PerformanceSummary {
  projects: ProjectSummary[];
  /** Σ 全年预算数 of the projects that print one, 分. */
  budget: bigint;
  executed: bigint;
  /** Every project prints its 全年预算数 / 全年执行数: the sums are the whole money covered. */
  budgetComplete: boolean;
  executedComplete: boolean;
  /** 项目支出 of the 决算, 分; undefined when the package does not report it. */
  projectExpense?: bigint;
  /** Σ 全年预算数 ÷ 项目支出 in percent × 100, half up; null when it cannot be stated. */
  coverage: bigint | null;
  /** Every grade of the profile, best first, with the projects it holds (possibly none). */
  grades: GradeCount[];
  /** The whole-department evaluation, when the package has one and the profile a system for it. */
  wholeDepartment?: WholeDepartmentResult;
  /** Its total (hundredths) and grade, only when every indicator is scored. */
  wholeTotal?: bigint;
  wholeGrade?: string;
}

/** The summary of the package's performance data, or undefined when it has none to summarise. */
export function summarizePerformance(
  pkg: DataPackage,
  profile: PerformanceProfile,
): PerformanceSummary | undefined {
  const data = pkg.performance;
  if (!data) return undefined;
  const projects: ProjectSummary[] = (data.projects ?? []).map((project, index) => {
    const score = scoreProject(project, profile);
    const total = project.funds?.total;
    return {
      index,
      name: project.name,
      score,
      ...(total?.final !== undefined ? { budget: wanToFen(total.final) } : {}),
      ...(total?.executed !== undefined ? { executed: wanToFen(total.executed) } : {}),
      grade: score.gradeOfRule,
    };
  });
  const sum = (values: (bigint | undefined)[]) => values.reduce<bigint>((a, v) => a + (v ?? 0n), 0n);
  const budget = sum(projects.map((p) => p.budget));
  const budgetComplete = projects.every((p) => p.budget !== undefined);
  const projectExpense = pkg.facts.get(PROJECT_EXPENSE_KEY);
  // A share of an incomplete sum would understate the coverage; say nothing rather than a wrong rate.
  const coverage =
    projects.length && budgetComplete && projectExpense !== undefined
      ? percentScaled(budget, projectExpense)
      : null;
  const whole =
    data.wholeDepartment && profile.systems.size ? evaluateWholeDepartment(pkg, profile) : undefined;
  const wholeDepartment = whole && !('error' in whole) ? whole : undefined;
  return {
    projects,
    budget,
    executed: sum(projects.map((p) => p.executed)),
    budgetComplete,
    executedComplete: projects.every((p) => p.executed !== undefined),
    ...(projectExpense !== undefined ? { projectExpense } : {}),
    coverage,
    grades: profile.grades.map(({ label }) => ({
      grade: label,
      projects: projects.filter((p) => p.grade === label).map((p) => p.index),
    })),
    ...(wholeDepartment ? { wholeDepartment } : {}),
    ...(wholeDepartment?.complete && wholeDepartment.grade !== null
      ? { wholeTotal: wholeDepartment.total, wholeGrade: wholeDepartment.grade }
      : {}),
  };
}

/** An indicator's rate as percent × 100, half up (7.72% → 772); null when it has none. */
export function indicatorRateScaled(
  rate: WholeDepartmentResult['indicators'][number]['rate'],
): bigint | null {
  if (rate === undefined || rate === null) return null;
  return percentScaled(rate.n, rate.d);
}

/**
 * The value a `绩效:` key stands for in this package: 分 for money, 1 for a project, hundredths
 * for scores, percent × 100 for rates. Undefined when the key is not a performance key; null when
 * the package or profile cannot give it (no such project, no profile to score with).
 */
export function performanceFigureValue(
  key: string,
  pkg: DataPackage,
  profile?: PerformanceProfile,
): bigint | null | undefined {
  if (!key.startsWith(PERFORMANCE_PREFIX)) return undefined;
  const path = key.slice(PERFORMANCE_PREFIX.length);
  const project = /^projects\.(\d+)(?:\.funds\.total\.(final|executed))?$/.exec(path);
  if (project) {
    const data = pkg.performance?.projects?.[Number(project[1])];
    if (!data) return null;
    if (!project[2]) return 1n;
    const value = data.funds?.total[project[2] as 'final' | 'executed'];
    return value === undefined ? null : wanToFen(value);
  }
  if (!profile) return null;
  const scored = /^projects\.(\d+)\.score$/.exec(path);
  if (scored) {
    const data = pkg.performance?.projects?.[Number(scored[1])];
    return data ? scoreProject(data, profile).ruleTotal : null;
  }
  const whole = evaluateWholeDepartment(pkg, profile);
  if ('error' in whole) return null;
  if (path === 'wholeDepartment.total') return whole.complete ? whole.total : null;
  const indicator = /^wholeDepartment\.indicators\.(.+)\.(score|rate)$/.exec(path);
  const result = indicator && whole.indicators.find((i) => i.id === indicator[1]);
  if (!result) return null;
  return indicator![2] === 'score' ? result.expected : indicatorRateScaled(result.rate);
}
