/**
 * Charts of the 情况说明 (收入结构, 支出结构, 本年与上年收支对比, 三公结构). They are presentation
 * only: the values are the figures as the narrative prints them (万元, 2 decimals), as numbers, so a
 * chart never shows a value the text does not. A chart with nothing to show is left out.
 */
import { keyOf, MEASURES } from '../facts';
import type { FigureBook } from './figures';
import type { ChartSpec } from './model';

export const CHART_IDS = [
  'income-structure',
  'expense-structure',
  'year-comparison',
  'three-public-structure',
] as const;
export type ChartId = (typeof CHART_IDS)[number];

export function isChartId(id: string): id is ChartId {
  return (CHART_IDS as readonly string[]).includes(id);
}

/** The chart `id` for the package, or undefined when it would show nothing. */
export function buildChart(id: ChartId, figures: FigureBook, year: number): ChartSpec | undefined {
  const unit = figures.format.unit;
  const printed = (fen: bigint) => Number(figures.amountText(fen).replaceAll(',', ''));
  const current = (key: string) => figures.current(key) ?? 0n;
  const pie = (title: string, slices: [string, string][]): ChartSpec | undefined => {
    const shown = slices
      .map(([label, key]) => [label, printed(current(key))] as const)
      .filter(([, value]) => value !== 0);
    if (shown.length === 0) return undefined;
    return {
      id,
      title,
      type: 'pie',
      categories: shown.map(([label]) => label),
      series: [{ name: title, values: shown.map(([, value]) => value) }],
      unit,
    };
  };
  switch (id) {
    case 'income-structure': {
      const label = MEASURES.income.dims.source.values;
      return pie(
        '收入结构',
        (['fiscal', 'superior', 'business', 'operating', 'affiliate', 'other'] as const).map((source) => [
          label[source],
          keyOf('income', { source }),
        ]),
      );
    }
    case 'expense-structure': {
      const label = MEASURES.expense.dims.nature.values;
      return pie(
        '支出结构',
        (['basic', 'project', 'operating', 'upper', 'subsidy'] as const).map((nature) => [
          label[nature],
          keyOf('expense', { nature }),
        ]),
      );
    }
    case 'three-public-structure': {
      const label = MEASURES.threePublic.dims.item.values;
      return pie(
        '“三公”经费支出结构',
        (['abroad', 'vehicle', 'reception'] as const).map((item) => [
          label[item],
          keyOf('threePublic', { item }),
        ]),
      );
    }
    case 'year-comparison': {
      const keys = [keyOf('income'), keyOf('expense')];
      const prior = keys.map((k) => figures.prior(k)?.value);
      if (prior.some((v) => v === undefined)) return undefined;
      return {
        id,
        title: '本年与上年收支对比',
        type: 'column',
        categories: ['本年收入合计', '本年支出合计'],
        series: [
          { name: `${year - 1}年`, values: prior.map((v) => printed(v ?? 0n)) },
          { name: `${year}年`, values: keys.map((k) => printed(current(k))) },
        ],
        unit,
      };
    }
  }
}
