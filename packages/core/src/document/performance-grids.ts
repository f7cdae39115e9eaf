/**
 * The performance tables as grids for the document: the 项目支出绩效自评表 (header, 项目资金 with
 * 执行率 and its score, 年度总体目标, 绩效指标 with merged 一级/二级 cells, 总分; optionally a column
 * with the rule score beside each published score, so a reviewer sees both), the 部门整体支出绩效自评表
 * and its 基础数据表. Every figure cell carries the facts it came from.
 */

import { formatHundredths, formatRatioPercent, q, qMul, qRound } from '../exact';
import type { DataPackage } from '../package';
import { type BaseDataRow, baseDataRows, type WholeDepartmentResult } from '../performance/department';
import type { FundRowData, ProjectData } from '../performance/schema';
import type { ProjectScore } from '../performance/score';
import type { GridBlock, GridCell } from './model';

export interface SelfEvaluationGridOptions {
  year?: number;
  /** Adds a 按规则得分 column. */
  ruleScores?: boolean;
}

const text = (v: string | number | undefined): string => (v === undefined ? '' : String(v));
const cell = (t: string, extra: Partial<GridCell> = {}): GridCell => ({ text: t, ...extra });

/** The 项目支出绩效自评表: 9 columns, or 10 with the 按规则得分 column. */
interface SelfEvaluationLayout {
  rule: boolean;
  columns: number;
}

export function selfEvaluationGrid(
  project: ProjectData,
  score: ProjectScore,
  options: SelfEvaluationGridOptions = {},
): GridBlock {
  const rule = options.ruleScores === true;
  const layout: SelfEvaluationLayout = { rule, columns: rule ? 10 : 9 };
  const ex = score.execution;
  const notes = [
    `预算执行率：${ex.rate ? formatRatioPercent(ex.rate) : '无法计算'}；${ex.formula}`,
    ...(rule ? [`按规则总分 ${formatHundredths(score.ruleTotal)}，等级 ${score.gradeOfRule}`] : []),
  ];
  return {
    kind: 'grid',
    title: '项目支出绩效自评表',
    subtitle: `（${options.year ?? project.year ?? ''} 年度）`,
    widths: rule ? [2, 2, 2, 4, 2, 2, 1, 1, 1, 4] : [2, 2, 2, 4, 2, 2, 1, 1, 4],
    rows: [
      ...projectRows(project, layout),
      ...fundRows(project, score, layout),
      ...goalRows(project, layout),
      ...indicatorRows(score, layout),
      totalRow(score, layout),
    ],
    headerRows: 0,
    notes,
  };
}

/** 项目名称, 主管部门 and 实施单位. */
function projectRows(project: ProjectData, { columns }: SelfEvaluationLayout): GridCell[][] {
  const half = Math.floor((columns - 3) / 2);
  return [
    [cell('项目名称', { bold: true }), cell(project.name, { colSpan: columns - 1 })],
    [
      cell('主管部门', { bold: true }),
      cell(text(project.department), { colSpan: half }),
      cell('实施单位', { bold: true }),
      cell(text(project.implementer), { colSpan: columns - 2 - half }),
    ],
  ];
}

/** 项目资金: budget and execution by source; 执行率 and its score on the 年度资金总额 row. */
function fundRows(
  project: ProjectData,
  score: ProjectScore,
  { rule, columns }: SelfEvaluationLayout,
): GridCell[][] {
  const funds = project.funds;
  const sources: [string, FundRowData | undefined, boolean][] = [
    ['年度资金总额', funds?.total, true],
    [`其中：${funds?.fiscal?.label ?? '当年财政拨款'}`, funds?.fiscal, false],
    ['上年结转资金', funds?.carryover, false],
    ['其他资金', funds?.other, false],
  ];
  const ex = score.execution;
  const fundHeader = ['', '年初预算数', '全年预算数（A）', '全年执行数（B）', '分值', '执行率', '得分'];
  if (rule) fundHeader.push('按规则得分');
  const rows: GridCell[][] = [
    [
      cell('项目资金（万元）', { bold: true, rowSpan: sources.length + 1 }),
      ...fundHeader.map((h, i) =>
        cell(h, {
          bold: true,
          align: 'center',
          ...(i === fundHeader.length - 1 ? { colSpan: columns - fundHeader.length } : {}),
        }),
      ),
    ],
  ];
  for (const [label, row, isTotal] of sources) {
    const cells = [
      cell(label),
      cell(text(row?.initial), { align: 'right' }),
      cell(text(row?.final), { align: 'right' }),
      cell(text(row?.executed), { align: 'right' }),
      cell(isTotal ? formatHundredths(ex.points) : '—', { align: 'center' }),
      cell(row?.rate !== undefined ? `${row.rate}%` : '', { align: 'right' }),
      cell(isTotal ? text(funds?.total.score) : '—', { align: 'center' }),
    ];
    if (rule) {
      cells.push(
        cell(isTotal ? (ex.expected === null ? '无法计算' : formatHundredths(ex.expected)) : '—', {
          align: 'center',
        }),
      );
    }
    cells[cells.length - 1]!.colSpan = columns - cells.length;
    rows.push(cells);
  }
  return rows;
}

/** 年度总体目标: 预期目标 beside 实际完成情况. */
function goalRows(project: ProjectData, { columns }: SelfEvaluationLayout): GridCell[][] {
  return [
    [
      cell('年度总体目标', { bold: true, rowSpan: 2 }),
      cell('预期目标', { bold: true, align: 'center', colSpan: 4 }),
      cell('实际完成情况', { bold: true, align: 'center', colSpan: columns - 5 }),
    ],
    [
      cell(text(project.goals?.expected), { colSpan: 4 }),
      cell(text(project.goals?.actual), { colSpan: columns - 5 }),
    ],
  ];
}

/** 绩效指标, one row each; an 一级 or 二级 cell spans the rows below it that share it. */
function indicatorRows(score: ProjectScore, { rule }: SelfEvaluationLayout): GridCell[][] {
  const indicators = score.indicators;
  const header = ['一级指标', '二级指标', '三级指标', '年度指标值', '实际完成值', '分值', '得分'];
  if (rule) header.push('按规则得分');
  header.push('偏差原因分析及改进措施');
  const rows: GridCell[][] = [
    [
      cell('绩效指标', { bold: true, rowSpan: indicators.length + 1 }),
      ...header.map((h) => cell(h, { bold: true, align: 'center' })),
    ],
  ];
  indicators.forEach(({ data, score: s }, i) => {
    const cells: GridCell[] = [];
    const prev = indicators[i - 1]?.data;
    if (!prev || prev.level1 !== data.level1) {
      let span = 1;
      while (indicators[i + span]?.data.level1 === data.level1) span++;
      cells.push(cell(data.level1, span > 1 ? { rowSpan: span } : {}));
    }
    if (!prev || prev.level1 !== data.level1 || prev.level2 !== data.level2) {
      let span = 1;
      while (
        indicators[i + span]?.data.level1 === data.level1 &&
        indicators[i + span]?.data.level2 === data.level2
      ) {
        span++;
      }
      cells.push(cell(text(data.level2), span > 1 ? { rowSpan: span } : {}));
    }
    cells.push(
      cell(data.name),
      cell(data.target.text, { align: 'center' }),
      cell(text(data.actual), { align: 'center' }),
      cell(formatHundredths(s.points), { align: 'center' }),
      cell(s.published !== undefined ? formatHundredths(s.published) : '', { align: 'center' }),
    );
    if (rule) {
      cells.push(
        cell(s.expected === null ? '无法计算' : formatHundredths(s.expected), {
          align: 'center',
          bold: s.published !== undefined && s.expected !== null && s.published !== s.expected,
        }),
      );
    }
    cells.push(cell(text(data.deviation)));
    rows.push(cells);
  });
  return rows;
}

/** 总分: points, the published total (or the sum of published scores) and, optionally, the rule total. */
function totalRow(score: ProjectScore, { rule }: SelfEvaluationLayout): GridCell[] {
  const totalCells: GridCell[] = [
    cell('总分', { bold: true, colSpan: 6 }),
    cell(formatHundredths(score.pointsSum), { align: 'center' }),
    cell(
      score.publishedTotal !== undefined
        ? formatHundredths(score.publishedTotal)
        : formatHundredths(score.publishedSum),
      {
        align: 'center',
        bold: true,
      },
    ),
  ];
  if (rule) totalCells.push(cell(formatHundredths(score.ruleTotal), { align: 'center', bold: true }));
  totalCells.push(cell(''));
  return totalCells;
}

/** The 基础数据表 as a grid for the document; every figure cell carries its facts. */
export function baseDataGrid(pkg: DataPackage, rows: BaseDataRow[] = baseDataRows(pkg)): GridBlock {
  const width = Math.max(...rows.map((r) => r.values.length));
  const header: GridCell[] = [
    { text: '类别', bold: true, align: 'center' },
    { text: '项目', bold: true, align: 'center' },
    { text: '数值', bold: true, align: 'center', colSpan: width },
  ];
  const body: GridCell[][] = [];
  for (const row of rows) {
    const cells: GridCell[] = [{ text: row.section }, { text: row.label }];
    row.values.forEach((v, i) => {
      const span = i === row.values.length - 1 ? width - i : 1;
      cells.push({
        text: `${v.column}：${v.text}`,
        align: 'right',
        ...(span > 1 ? { colSpan: span } : {}),
        ...(v.value !== null
          ? {
              figure: {
                measure: v.kind === 'money' ? 'amount' : v.kind === 'count' ? 'count' : 'percent',
                facts: v.facts,
                value: v.value,
              },
            }
          : {}),
      });
    });
    body.push(cells);
  }
  return {
    kind: 'grid',
    title: '部门整体支出绩效自评基础数据表',
    subtitle: `（${pkg.department.year} 年度）　金额单位：${pkg.amounts.unit}`,
    widths: [2, 3, ...Array.from({ length: width }, () => 3)],
    rows: [header, ...body],
    headerRows: 1,
  };
}

/** The 部门整体支出绩效自评表 as a grid: indicator, points, value, rule score and why. */
export function wholeDepartmentGrid(result: WholeDepartmentResult, year: number): GridBlock {
  const header: GridCell[] = ['一级指标', '二级指标', '三级指标', '分值', '指标值', '得分', '计分依据'].map(
    (text) => ({
      text,
      bold: true,
      align: 'center' as const,
    }),
  );
  const rows: GridCell[][] = result.indicators.map((r) => [
    { text: r.level1 },
    { text: r.level2 },
    { text: r.name },
    { text: formatHundredths(r.points), align: 'right' },
    {
      text: r.valueText ?? (r.status === 'missing' ? '待录入' : '—'),
      align: 'right',
      ...(r.rate != null && r.status === 'computed'
        ? {
            figure: {
              measure: 'rate' as const,
              facts: r.facts.map((f) => f.key),
              value: qRound(qMul(r.rate, q(10000n))),
            },
          }
        : {}),
    },
    { text: r.expected === null ? '—' : formatHundredths(r.expected), align: 'right' },
    { text: r.status === 'missing' ? r.missing.join('；') : r.formula },
  ]);
  rows.push([
    { text: '合计', colSpan: 3, bold: true },
    { text: formatHundredths(result.pointsSum), align: 'right' },
    { text: '' },
    { text: formatHundredths(result.total), align: 'right', bold: true },
    { text: result.complete ? `等级：${result.grade ?? '—'}` : '尚有指标待录入，不评定等级' },
  ]);
  return {
    kind: 'grid',
    title: '部门整体支出绩效自评表',
    subtitle: `（${year} 年度）　${result.system.title}`,
    widths: [2, 3, 4, 1, 2, 1, 6],
    rows: [header, ...rows],
    headerRows: 1,
  };
}
