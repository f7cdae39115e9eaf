/**
 * Test and benchmark documents. Until core's document builder (`buildDocument`) exists, a
 * DocumentView is put together here from the profile's table views plus a few narrative,
 * placeholder, chart, grid and units blocks, so every kind of block is rendered. When core exports
 * `buildDocument`, it is used instead, with the stand-in blocks added to the end.
 */
import * as core from '@juesuan/core';
import type {
  Block,
  Catalog,
  ChartBlock,
  DataPackage,
  DocumentView,
  GridBlock,
  PartView,
  Profile,
  TableView,
} from '@juesuan/core';
import { buildTableViews, findCell } from '@juesuan/core';

const CHINESE_NUMBERS = ['一', '二', '三', '四', '五', '六', '七', '八', '九', '十', '十一', '十二'];

type Builder = (pkg: DataPackage, context: { profile: Profile; catalog: Catalog }) => DocumentView;

/** core's document builder, once it lands (looked up by name so this compiles before it does). */
export function coreBuilder(): Builder | undefined {
  const candidate = (core as Record<string, unknown>).buildDocument;
  return typeof candidate === 'function' ? (candidate as Builder) : undefined;
}

export function buildTestDocument(pkg: DataPackage, profile: Profile, catalog: Catalog): DocumentView {
  const views = buildTableViews(pkg, { profile, catalog });
  const built = coreBuilder();
  if (built) {
    const doc = built(pkg, { profile, catalog });
    return { ...doc, parts: [...doc.parts, extrasPart(views, pkg)] };
  }
  return standInDocument(pkg, profile, views);
}

function standInDocument(pkg: DataPackage, profile: Profile, views: TableView[]): DocumentView {
  const name = pkg.department.name;
  const year = pkg.department.year;
  const printed = views.filter((v) => v.printed);
  const tableBlocks: Block[] = printed.flatMap((table, i): Block[] => [
    { kind: 'heading', level: 1, text: `${CHINESE_NUMBERS[i] ?? i + 1}、${table.title}`, toc: true },
    { kind: 'table', table },
  ]);
  const income = figure(views, 'T01', 'L31', 'amount');
  const basic = figure(views, 'T05', 'total', 'basic');
  const project = figure(views, 'T05', 'total', 'project');
  const publicCost = figure(views, 'T06', 'public', 'amount');
  const parts: PartView[] = [
    {
      id: 'overview',
      heading: `第一部分 ${name}概况`,
      blocks: [
        { kind: 'heading', level: 1, text: '一、部门主要职责', toc: true },
        {
          kind: 'paragraph',
          runs: [
            { kind: 'text', text: `${name}的主要职责是：` },
            { kind: 'placeholder', text: '【请填写部门主要职责】', statement: '部门主要职责' },
          ],
        },
        { kind: 'heading', level: 1, text: '二、机构设置及人员情况', toc: true },
        {
          kind: 'paragraph',
          runs: [{ kind: 'text', text: `纳入本套部门决算汇编范围的单位共 ${pkg.units.length} 个，包括：` }],
        },
        {
          kind: 'units',
          columns: ['序号', '单位名称', '预算级次'],
          rows: pkg.units.map((u, i) => [String(i + 1), u.name, u.budgetLevel ?? '']),
        },
      ],
    },
    { id: 'tables', heading: `第二部分 ${year} 年度部门决算表`, blocks: tableBlocks },
    {
      id: 'narrative',
      heading: `第三部分 ${year} 年度部门决算情况说明`,
      blocks: [
        { kind: 'heading', level: 1, text: '一、收入决算情况说明', toc: true },
        {
          kind: 'paragraph',
          runs: [
            { kind: 'text', text: `本部门 ${year} 年度收入总计 ` },
            { kind: 'figure', text: income, figure: { measure: 'amount', facts: ['grandTotal side=income'], value: 0n } },
            { kind: 'text', text: ' 万元，主要原因：' },
            { kind: 'placeholder', text: '【请说明增减变动原因】', statement: '收入变动原因' },
            { kind: 'text', text: '。' },
          ],
        },
        { kind: 'heading', level: 1, text: '二、支出决算情况说明', toc: true },
        {
          kind: 'paragraph',
          runs: [
            { kind: 'text', text: `本年支出的具体构成：基本支出 ${basic} 万元；项目支出 ${project} 万元。` },
          ],
        },
        chartBlock('expense-nature', '本年支出构成', 'pie', ['基本支出', '项目支出'], [basic, project]),
        { kind: 'heading', level: 2, text: '（一）机关运行经费', toc: false },
        {
          kind: 'paragraph',
          runs: [{ kind: 'text', text: `本部门 ${year} 年度机关运行经费支出 ${publicCost} 万元。` }],
        },
        chartBlock('by-class', '支出按功能分类', 'column', classLabels(views), classValues(views)),
        { kind: 'paragraph', style: 'note', runs: [{ kind: 'text', text: '注：本报告因金额单位转换原因可能存在尾数误差。' }] },
      ],
    },
    extrasPart(views, pkg),
  ];
  return {
    title: `${name}${year}年度部门决算`,
    department: name,
    year,
    profile: profile.id,
    frontNotes: ['注：本报告因金额单位转换原因可能存在尾数误差。'],
    parts,
  };
}

/** A 绩效自评表-shaped grid with row and column spans, so grids are exercised with any builder. */
function extrasPart(views: TableView[], pkg: DataPackage): PartView {
  const total = figure(views, 'T05', 'total', 'project');
  const grid: GridBlock = {
    kind: 'grid',
    title: '项目支出绩效自评表',
    subtitle: `（${pkg.department.year} 年度）`,
    widths: [3, 3, 6, 4, 4, 3],
    headerRows: 2,
    rows: [
      [
        { text: '项目名称', colSpan: 2 },
        { text: '医疗保障改革专项经费', colSpan: 4 },
      ],
      [
        { text: '一级指标' },
        { text: '二级指标' },
        { text: '三级指标' },
        { text: '年度指标值' },
        { text: '实际完成值' },
        { text: '得分' },
      ],
      [
        { text: '产出指标', rowSpan: 2, align: 'center' },
        { text: '数量指标' },
        { text: '经办机构覆盖率' },
        { text: '100%' },
        { text: '100%' },
        { text: '10', align: 'right' },
      ],
      [
        { text: '成本指标' },
        { text: '项目支出（万元）' },
        { text: '≤255.28' },
        { text: total, align: 'right', figure: { measure: 'amount', facts: ['expense nature=project'], value: 0n } },
        { text: '10', align: 'right' },
      ],
      [{ text: '总分', colSpan: 5, bold: true, align: 'center' }, { text: '20', bold: true, align: 'right' }],
    ],
    notes: ['注：自评得分由填报单位根据指标完成情况填写。'],
  };
  return {
    id: 'annex',
    heading: '第五部分 附件',
    blocks: [{ kind: 'heading', level: 1, text: '一、项目支出绩效自评表', toc: true }, grid],
  };
}

function figure(views: TableView[], table: string, row: string, column: string): string {
  const view = views.find((v) => v.id === table);
  return (view && findCell(view, row, column)?.text) || '0.00';
}

function chartBlock(
  id: string,
  title: string,
  type: 'pie' | 'column',
  categories: string[],
  texts: string[],
): ChartBlock {
  return {
    kind: 'chart',
    chart: {
      id,
      title,
      type,
      categories,
      series: [{ name: title, values: texts.map((t) => Number(t.replace(/,/g, '')) || 0) }],
      unit: '万元',
    },
  };
}

function classRows(views: TableView[]) {
  const t05 = views.find((v) => v.id === 'T05');
  return (t05?.sections[0]?.rows ?? []).filter((r) => r.level === '类');
}

function classLabels(views: TableView[]): string[] {
  return classRows(views).map((r) => r.label);
}

function classValues(views: TableView[]): string[] {
  return classRows(views).map((r) => r.cells.total?.text ?? '0.00');
}
