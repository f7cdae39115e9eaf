/**
 * The 项目支出绩效自评表 as a grid for the document (the template of spec §1.6): header, 项目资金 with
 * 执行率 and its score, 年度总体目标, 绩效指标 with merged 一级/二级 cells, 总分. Optionally a column
 * with the rule score beside each published score, so a reviewer sees both.
 */
import type { GridBlock, GridCell } from '../document/model';
import { formatHundredths, formatRatioPercent } from './decimal';
import type { FundRowData, ProjectData } from './schema';
import type { ProjectScore } from './score';

export interface SelfEvaluationGridOptions {
  year?: number;
  /** Adds a 按规则得分 column. */
  ruleScores?: boolean;
}

const text = (v: string | number | undefined): string => (v === undefined ? '' : String(v));

export function selfEvaluationGrid(
  project: ProjectData,
  score: ProjectScore,
  options: SelfEvaluationGridOptions = {},
): GridBlock {
  const rule = options.ruleScores === true;
  const columns = rule ? 10 : 9;
  const rows: GridCell[][] = [];
  const c = (t: string, extra: Partial<GridCell> = {}): GridCell => ({ text: t, ...extra });
  rows.push([c('项目名称', { bold: true }), c(project.name, { colSpan: columns - 1 })]);
  const half = Math.floor((columns - 3) / 2);
  rows.push([
    c('主管部门', { bold: true }),
    c(text(project.department), { colSpan: half }),
    c('实施单位', { bold: true }),
    c(text(project.implementer), { colSpan: columns - 2 - half }),
  ]);

  const funds = project.funds;
  const fundRows: [string, FundRowData | undefined, boolean][] = [
    ['年度资金总额', funds?.total, true],
    [`其中：${funds?.fiscal?.label ?? '当年财政拨款'}`, funds?.fiscal, false],
    ['上年结转资金', funds?.carryover, false],
    ['其他资金', funds?.other, false],
  ];
  const ex = score.execution;
  const fundHeader = ['', '年初预算数', '全年预算数（A）', '全年执行数（B）', '分值', '执行率', '得分'];
  if (rule) fundHeader.push('按规则得分');
  rows.push([
    c('项目资金（万元）', { bold: true, rowSpan: fundRows.length + 1 }),
    ...fundHeader.map((h, i) =>
      c(h, {
        bold: true,
        align: 'center',
        ...(i === fundHeader.length - 1 ? { colSpan: columns - fundHeader.length } : {}),
      }),
    ),
  ]);
  for (const [label, row, isTotal] of fundRows) {
    const cells = [
      c(label),
      c(text(row?.initial), { align: 'right' }),
      c(text(row?.final), { align: 'right' }),
      c(text(row?.executed), { align: 'right' }),
      c(isTotal ? formatHundredths(ex.points) : '—', { align: 'center' }),
      c(row?.rate !== undefined ? `${row.rate}%` : '', { align: 'right' }),
      c(isTotal ? text(funds?.total.score) : '—', { align: 'center' }),
    ];
    if (rule) {
      cells.push(
        c(isTotal ? (ex.expected === null ? '无法计算' : formatHundredths(ex.expected)) : '—', {
          align: 'center',
        }),
      );
    }
    cells[cells.length - 1]!.colSpan = columns - cells.length;
    rows.push(cells);
  }

  rows.push([
    c('年度总体目标', { bold: true, rowSpan: 2 }),
    c('预期目标', { bold: true, align: 'center', colSpan: 4 }),
    c('实际完成情况', { bold: true, align: 'center', colSpan: columns - 5 }),
  ]);
  rows.push([
    c(text(project.goals?.expected), { colSpan: 4 }),
    c(text(project.goals?.actual), { colSpan: columns - 5 }),
  ]);

  const indicators = score.indicators;
  const header = ['一级指标', '二级指标', '三级指标', '年度指标值', '实际完成值', '分值', '得分'];
  if (rule) header.push('按规则得分');
  header.push('偏差原因分析及改进措施');
  rows.push([
    c('绩效指标', { bold: true, rowSpan: indicators.length + 1 }),
    ...header.map((h) => c(h, { bold: true, align: 'center' })),
  ]);
  indicators.forEach(({ data, score: s }, i) => {
    const cells: GridCell[] = [];
    const prev = indicators[i - 1]?.data;
    if (!prev || prev.level1 !== data.level1) {
      let span = 1;
      while (indicators[i + span]?.data.level1 === data.level1) span++;
      cells.push(c(data.level1, span > 1 ? { rowSpan: span } : {}));
    }
    if (!prev || prev.level1 !== data.level1 || prev.level2 !== data.level2) {
      let span = 1;
      while (
        indicators[i + span]?.data.level1 === data.level1 &&
        indicators[i + span]?.data.level2 === data.level2
      ) {
        span++;
      }
      cells.push(c(text(data.level2), span > 1 ? { rowSpan: span } : {}));
    }
    cells.push(
      c(data.name),
      c(data.target.text, { align: 'center' }),
      c(text(data.actual), { align: 'center' }),
      c(formatHundredths(s.points), { align: 'center' }),
      c(s.published !== undefined ? formatHundredths(s.published) : '', { align: 'center' }),
    );
    if (rule) {
      cells.push(
        c(s.expected === null ? '无法计算' : formatHundredths(s.expected), {
          align: 'center',
          bold: s.published !== undefined && s.expected !== null && s.published !== s.expected,
        }),
      );
    }
    cells.push(c(text(data.deviation)));
    rows.push(cells);
  });
  const totalCells: GridCell[] = [
    c('总分', { bold: true, colSpan: 6 }),
    c(formatHundredths(score.pointsSum), { align: 'center' }),
    c(
      score.publishedTotal !== undefined
        ? formatHundredths(score.publishedTotal)
        : formatHundredths(score.publishedSum),
      {
        align: 'center',
        bold: true,
      },
    ),
  ];
  if (rule) totalCells.push(c(formatHundredths(score.ruleTotal), { align: 'center', bold: true }));
  totalCells.push(c(''));
  rows.push(totalCells);
  const notes = [
    `预算执行率：${ex.rate ? formatRatioPercent(ex.rate) : '无法计算'}；${ex.formula}`,
    ...(rule ? [`按规则总分 ${formatHundredths(score.ruleTotal)}，等级 ${score.gradeOfRule}`] : []),
  ];
  return {
    kind: 'grid',
    title: '项目支出绩效自评表',
    subtitle: `（${options.year ?? project.year ?? ''} 年度）`,
    widths: rule ? [2, 2, 2, 4, 2, 2, 1, 1, 1, 4] : [2, 2, 2, 4, 2, 2, 1, 1, 4],
    rows,
    headerRows: 0,
    notes,
  };
}
