/**
 * The figures a narrative states, computed from the package and nothing else: amounts, shares,
 * changes against last year, growth rates, completion of a budget, counts. Each comes with its
 * FigureSource (the facts it was computed from and its exact value), so every number printed in
 * the 情况说明 traces to the package. Rounding goes through money.ts and exact.ts only.
 *
 * Meaning of FigureSource.facts, which `recomputeFigure` implements:
 * - amount, count, score: the sum of the facts (usually one);
 * - change: the sum of this year's facts minus the sum of last year's (`上年:` keys);
 * - rate: that change over the sum of last year's facts;
 * - percent, completion: the sum of all facts but the last over the last (usually facts[0] over
 *   facts[1]);
 * - ratio: the value of its first key, a `绩效:` key (an indicator's rate as evaluated); the facts
 *   after it are those the evaluation read.
 * An absent fact counts as zero, as tables print it (0.00). `绩效:` keys are read from the package's
 * performance data (performance/summary.ts), scores with the profile's scoring rules.
 */
import { completeTotals } from '../complete';
import { divideRounded, formatScaled } from '../exact';
import type { FactSet } from '../fact-set';
import { FEN_PER, formatAmount, type MoneyUnit, percentScaled } from '../money';
import type { DataPackage } from '../package';
import type { PerformanceProfile } from '../performance/profile';
import { performanceFigureValue } from '../performance/summary';
import type { FigureSource, Run } from './model';

export const PRIOR_PREFIX = '上年:';

export interface FigureFormat {
  unit: MoneyUnit;
  decimals: number;
  /** Thousands separators in amounts. */
  grouping: boolean;
}

export type FigureRun = Extract<Run, { kind: 'figure' }>;

/** Percentages are printed with 2 decimals (docs/rounding.md#half-up, N-18). */
const PERCENT_DECIMALS = 2;
/** 100.00% as percentScaled gives it. */
export const HUNDRED_PERCENT = 100n * 10n ** BigInt(PERCENT_DECIMALS);

export interface YearOverYear {
  /** This year, exact. */
  current: bigint;
  /** Last year, exact. */
  prior: bigint;
  /** current − prior, exact. */
  delta: bigint;
  /** The change prints as zero: 与上年持平, no rate, no reason. */
  flat: boolean;
  change: FigureRun;
  /** Absent when last year was zero: no rate can be stated. */
  rate?: FigureRun;
  priorAmount: FigureRun;
}

export interface BudgetCompletion {
  actual: FigureRun;
  budget: FigureRun;
  /** The budget fact is reported (it may still be zero). */
  budgetReported: boolean;
  /** Budget zero or not reported: no completion rate may be stated (N-05, docs/rules.md#e-08). */
  noBudget: boolean;
  /** Absent when there is no budget. */
  rate?: FigureRun;
  /** 决算 and budget print differently (or the rate is not 100.00%): a reason is due. */
  differs: boolean;
  over: boolean;
  under: boolean;
}

/**
 * Computes the figures of one package in one printed format. Last year's totals that the package
 * leaves out but that are sums by definition (a 三公 total from its items, …) are taken as those
 * sums, listing the reported parts as the figure's facts.
 */
export class FigureBook {
  private priorCompletion: Map<string, { value: bigint; from: string[] }> | undefined;

  constructor(
    readonly pkg: DataPackage,
    readonly format: FigureFormat,
  ) {}

  /** This year's value, or undefined when not reported. */
  current(key: string): bigint | undefined {
    return this.pkg.facts.get(key);
  }

  /** Last year's value and the reported facts it is made of, or undefined when unknown. */
  prior(key: string): { value: bigint; facts: string[] } | undefined {
    const prior = this.pkg.priorYear;
    if (!prior) return undefined;
    const value = prior.get(key);
    if (value !== undefined) return { value, facts: [key] };
    const filled = this.priorFilled(prior).get(key);
    return filled ? { value: filled.value, facts: filled.from } : undefined;
  }

  /** An amount as printed, with its sign. */
  amountText(fen: bigint): string {
    return formatAmount(fen, this.format.unit, {
      decimals: this.format.decimals,
      grouping: this.format.grouping,
    });
  }

  /** The amount as printed, in the printed last digit (0.01 万元 → 1). */
  printedUnits(fen: bigint): bigint {
    return divideRounded(fen * 10n ** BigInt(this.format.decimals), FEN_PER[this.format.unit]);
  }

  amount(key: string): FigureRun {
    const value = this.current(key) ?? 0n;
    return figureRun(this.amountText(value), 'amount', [key], value);
  }

  count(key: string): FigureRun {
    const value = this.current(key) ?? 0n;
    return figureRun(value.toString(), 'count', [key], value);
  }

  /** part / whole in %, or undefined when the whole is zero. */
  share(partKey: string, wholeKey: string): FigureRun | undefined {
    const scaled = percentScaled(this.current(partKey) ?? 0n, this.current(wholeKey) ?? 0n, PERCENT_DECIMALS);
    if (scaled === null) return undefined;
    return figureRun(percentText(scaled), 'percent', [partKey, wholeKey], scaled);
  }

  /**
   * This year against last year, or undefined when either figure is not in the package: a change
   * computed against a figure nobody reported would be invented.
   */
  yearOverYear(key: string): YearOverYear | undefined {
    const prior = this.prior(key);
    const current = this.current(key);
    if (!prior || current === undefined) return undefined;
    const delta = current - prior.value;
    const facts = [key, ...prior.facts.map((k) => PRIOR_PREFIX + k)];
    const scaled = percentScaled(delta, prior.value, PERCENT_DECIMALS);
    return {
      current,
      prior: prior.value,
      delta,
      flat: this.printedUnits(delta) === 0n,
      // The wording (增加/减少) carries the sign, so the change prints as its magnitude.
      change: figureRun(this.amountText(delta < 0n ? -delta : delta), 'change', facts, delta),
      ...(scaled !== null ? { rate: figureRun(percentText(scaled), 'rate', facts, scaled) } : {}),
      priorAmount: figureRun(
        this.amountText(prior.value),
        'amount',
        prior.facts.map((k) => PRIOR_PREFIX + k),
        prior.value,
      ),
    };
  }

  /** 决算 against a budget (完成预算的 X%). */
  completion(actualKey: string, budgetKey: string): BudgetCompletion {
    const actual = this.current(actualKey) ?? 0n;
    const reported = this.current(budgetKey);
    const budget = reported ?? 0n;
    const noBudget = budget === 0n;
    const scaled = noBudget ? null : percentScaled(actual, budget, PERCENT_DECIMALS);
    const printedActual = this.printedUnits(actual);
    const printedBudget = this.printedUnits(budget);
    const differs = printedActual !== printedBudget || (scaled !== null && scaled !== HUNDRED_PERCENT);
    return {
      actual: this.amount(actualKey),
      budget: this.amount(budgetKey),
      budgetReported: reported !== undefined,
      noBudget,
      ...(scaled !== null
        ? { rate: figureRun(percentText(scaled), 'completion', [actualKey, budgetKey], scaled) }
        : {}),
      differs,
      over: differs && actual > budget,
      under: differs && actual < budget,
    };
  }

  /** An amount computed elsewhere (a sum of performance data), with the keys it comes from. */
  amountOf(value: bigint, facts: string[]): FigureRun {
    return figureRun(this.amountText(value), 'amount', facts, value);
  }

  countOf(value: bigint, facts: string[]): FigureRun {
    return figureRun(value.toString(), 'count', facts, value);
  }

  /** part / whole in %, the whole being the last key; undefined when the whole is zero. */
  shareOf(part: bigint, whole: bigint, facts: string[]): FigureRun | undefined {
    const scaled = percentScaled(part, whole, PERCENT_DECIMALS);
    return scaled === null ? undefined : figureRun(percentText(scaled), 'percent', facts, scaled);
  }

  /** A performance score in hundredths, printed with 2 decimals (94.76). */
  scoreOf(hundredths: bigint, facts: string[]): FigureRun {
    return figureRun(formatScaled(hundredths, 2, false), 'score', facts, hundredths);
  }

  /**
   * An indicator's evaluated rate, percent × 100, as printed (7.72): its `绩效:` key, then the
   * package facts the evaluation read.
   */
  ratioOf(scaled: bigint, key: string, facts: string[] = []): FigureRun {
    return figureRun(percentText(scaled), 'ratio', [key, ...facts], scaled);
  }

  private priorFilled(prior: FactSet): Map<string, { value: bigint; from: string[] }> {
    if (!this.priorCompletion) {
      const { filled } = completeTotals(prior);
      const byKey = new Map(filled.map((f) => [f.key, f]));
      const leaves = (key: string, seen: Set<string>): string[] => {
        const fill = byKey.get(key);
        if (!fill) return prior.has(key) ? [key] : [];
        if (seen.has(key)) return [];
        seen.add(key);
        return fill.from.flatMap((k) => leaves(k, seen));
      };
      this.priorCompletion = new Map(
        filled.map((f) => [f.key, { value: f.value, from: [...new Set(leaves(f.key, new Set()))] }]),
      );
    }
    return this.priorCompletion;
  }
}

function figureRun(
  text: string,
  measure: FigureSource['measure'],
  facts: string[],
  value: bigint,
): FigureRun {
  return { kind: 'figure', text, figure: { measure, facts, value } };
}

/** A scaled percentage as printed, without its sign (the wording carries the direction). */
function percentText(scaled: bigint): string {
  return formatScaled(scaled < 0n ? -scaled : scaled, PERCENT_DECIMALS, false);
}

/**
 * The value a FigureSource's facts give, by the rules at the top of this file; null when a rate or
 * share cannot be computed (zero denominator).
 */
export function recomputeFigure(
  figure: FigureSource,
  pkg: DataPackage,
  performance?: PerformanceProfile,
): bigint | null {
  // A performance key the package or profile cannot give makes the figure unverifiable, not zero.
  let unresolved = false;
  const read = (key: string): bigint => {
    const fromPerformance = performanceFigureValue(key, pkg, performance);
    if (fromPerformance !== undefined) {
      if (fromPerformance === null) unresolved = true;
      return fromPerformance ?? 0n;
    }
    return key.startsWith(PRIOR_PREFIX)
      ? (pkg.priorYear?.get(key.slice(PRIOR_PREFIX.length)) ?? 0n)
      : (pkg.facts.get(key) ?? 0n);
  };
  const sum = (keys: string[]) => keys.reduce((total, key) => total + read(key), 0n);
  const current = figure.facts.filter((k) => !k.startsWith(PRIOR_PREFIX));
  const prior = figure.facts.filter((k) => k.startsWith(PRIOR_PREFIX));
  const value = (() => {
    switch (figure.measure) {
      case 'amount':
      case 'count':
      case 'score':
        return sum(figure.facts);
      case 'change':
        return sum(current) - sum(prior);
      case 'rate':
        return percentScaled(sum(current) - sum(prior), sum(prior), PERCENT_DECIMALS);
      case 'percent':
      case 'completion': {
        const whole = figure.facts.at(-1);
        if (figure.facts.length < 2 || whole === undefined) return null;
        return percentScaled(sum(figure.facts.slice(0, -1)), read(whole), PERCENT_DECIMALS);
      }
      case 'ratio': {
        const [key] = figure.facts;
        return key === undefined ? null : read(key);
      }
    }
  })();
  return unresolved ? null : value;
}

const DIGITS = '零一二三四五六七八九';

/** 1 → 一, 10 → 十, 12 → 十二, 20 → 二十, 26 → 二十六 (section and item numbering, up to 99). */
export function chineseNumeral(n: number): string {
  if (!Number.isInteger(n) || n < 0 || n > 99) return String(n);
  if (n < 10) return DIGITS[n]!;
  const tens = Math.floor(n / 10);
  const ones = n % 10;
  return `${tens === 1 ? '' : DIGITS[tens]}十${ones ? DIGITS[ones] : ''}`;
}
