/**
 * Documents for tests and benchmarks: a package's whole document as core's `buildDocument` makes it
 * (with the profile's narrative, glossary and scoring rules read by @juesuan/data), and a small
 * hand-made document with every kind of block the builder may not use for a given package
 * (placeholders, notes, captions, sub-headings, page breaks, doughnut and bar charts, a grid with
 * row and column spans).
 */
import {
  buildDocument,
  type Catalog,
  type DataPackage,
  type DocumentView,
  type Profile,
  type TableView,
} from '@juesuan/core';
import { loadGlossary, loadNarrative, loadPerformanceProfile } from '@juesuan/data';

export function buildTestDocument(pkg: DataPackage, profile: Profile, catalog: Catalog): DocumentView {
  const performance = loadPerformanceProfile(profile.id);
  return buildDocument(pkg, {
    profile,
    catalog,
    narrative: loadNarrative(profile.id),
    glossary: loadGlossary(profile.id),
    ...(performance ? { performance } : {}),
  });
}

/** A short document with one table and one of every other block, as a renderer must show them. */
export function blocksDocument(table: TableView): DocumentView {
  return {
    title: '示例单位2024年度部门决算',
    department: '示例单位',
    year: 2024,
    profile: 'jiangxi-2024',
    frontNotes: ['注：本报告因金额单位转换原因可能存在尾数误差。'],
    parts: [
      {
        id: 'overview',
        heading: '第一部分 示例单位概况',
        blocks: [
          { kind: 'heading', level: 1, text: '一、部门主要职责', toc: true },
          {
            kind: 'paragraph',
            runs: [
              { kind: 'text', text: '示例单位的主要职责是：' },
              { kind: 'placeholder', text: '【请填写部门主要职责】', statement: '部门主要职责' },
            ],
          },
          { kind: 'heading', level: 2, text: '（一）内设机构', toc: false },
          { kind: 'heading', level: 3, text: '1. 机关', toc: true },
          { kind: 'units', columns: ['序号', '单位名称', '预算级次'], rows: [['1', '示例单位', '二级']] },
          { kind: 'paragraph', style: 'caption', runs: [{ kind: 'text', text: '表 1 单位构成' }] },
          { kind: 'pageBreak' },
          {
            kind: 'paragraph',
            style: 'note',
            runs: [
              { kind: 'text', text: '注：收入合计 ' },
              {
                kind: 'figure',
                text: '1,234.56',
                figure: { measure: 'amount', facts: ['income'], value: 12345600n },
              },
              { kind: 'text', text: ' 万元。' },
            ],
          },
          {
            kind: 'chart',
            chart: {
              id: 'ring',
              title: '支出结构',
              type: 'doughnut',
              categories: ['基本支出', '项目支出'],
              series: [{ name: '支出结构', values: [685.21, 255.28] }],
              unit: '万元',
            },
          },
          {
            kind: 'chart',
            chart: {
              id: 'bars',
              title: '支出按功能分类',
              type: 'bar',
              categories: ['社会保障和就业支出', '卫生健康支出', '住房保障支出'],
              series: [{ name: '2024年', values: [83.45, 812.03, 45.02] }],
              unit: '万元',
            },
          },
        ],
      },
      {
        id: 'tables',
        heading: '第二部分 2024年度部门决算表',
        blocks: [
          { kind: 'heading', level: 1, text: `一、${table.title}`, toc: true },
          { kind: 'table', table },
        ],
      },
      {
        id: 'annex',
        heading: '第五部分 附件',
        blocks: [
          {
            kind: 'grid',
            title: '项目支出绩效自评表',
            subtitle: '（2024 年度）',
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
                { text: '≤260.00' },
                {
                  text: '1,255.28',
                  align: 'right',
                  figure: { measure: 'amount', facts: ['expense nature=project'], value: 12552800n },
                },
                { text: '10', align: 'right' },
              ],
              [
                { text: '总分', colSpan: 5, bold: true, align: 'center' },
                { text: '20', bold: true, align: 'right' },
              ],
            ],
            notes: ['注：自评得分由填报单位根据指标完成情况填写。'],
          },
        ],
      },
    ],
  };
}
