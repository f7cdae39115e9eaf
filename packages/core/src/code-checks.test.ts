import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { Catalog, type CatalogEntry } from './catalog';
import { checkCodes } from './code-checks';
import { mainCell } from './finding';
import { table } from './rules/test-fixtures';
import type { TableView } from './views';

const entry = (code: string, name: string, from = 2019, to: number | null = null): CatalogEntry => ({
  classification: code.startsWith('3') ? 'economic' : 'functional',
  code,
  name,
  level: code.length === 3 ? '类' : code.length === 5 ? '款' : '项',
  from,
  to,
  verified: true,
  source: 'test',
});

const catalog = new Catalog([
  entry('210', '医疗卫生与计划生育支出', 2014, 2018),
  entry('210', '卫生健康支出'),
  entry('21015', '医疗保障管理事务'),
  entry('2101501', '行政运行'),
  entry('301', '工资福利支出'),
  entry('30111', '公务员医疗补助缴费'),
]);

function functionalTable(rows: [code: string, label: string][]): TableView {
  const view = table('T05', [
    {
      key: 'main',
      columns: [['total', 1, '合计']],
      rows: rows.map(([code, label]) => ({ code, label, cells: { total: '1.00' } })),
    },
  ]);
  for (const row of view.sections[0]!.rows)
    row.classification = row.code?.startsWith('3') ? 'economic' : 'functional';
  return view;
}

describe('classification checks', () => {
  it('accepts codes in force with their names, numbered labels and regional wording', () => {
    const view = functionalTable([
      ['210', '九、卫生健康支出'],
      ['21015', '医疗保障管理事务'],
      ['2101501', '行政运行'],
      ['301', '工资福利支出'],
      ['30111', '公务员医疗补助缴款'],
    ]);
    assert.deepEqual(checkCodes([view], catalog, 2024), []);
  });

  it('warns about a code not in force for the year (C-01)', () => {
    const view = functionalTable([
      ['210', '卫生健康支出'],
      ['21015', '医疗保障管理事务'],
      ['2101599', '其他医疗保障管理事务支出'],
    ]);
    const [finding, ...rest] = checkCodes([view], catalog, 2024);
    assert.equal(rest.length, 0);
    assert.equal(finding?.rule, 'C-01');
    assert.equal(finding?.severity, 'warning');
    assert.equal(finding?.id, 'C-01@T05[2101599]');
    assert.match(finding!.message, /2101599 不在 2024 年支出功能分类科目中/);
  });

  it('flags a name the code only had in an earlier year (C-02)', () => {
    const view = functionalTable([['210', '医疗卫生与计划生育支出']]);
    const findings = checkCodes([view], catalog, 2021);
    assert.deepEqual(
      findings.map((f) => [f.rule, f.severity]),
      [['C-02', 'error']],
    );
    assert.match(findings[0]!.message, /2014–2018 年的旧名称；2021 年应为“卫生健康支出”/);
  });

  it('flags a 项 printed without its 款 (C-03)', () => {
    const view = functionalTable([
      ['210', '卫生健康支出'],
      ['2101501', '行政运行'],
    ]);
    const findings = checkCodes([view], catalog, 2024);
    assert.deepEqual(
      findings.map((f) => [f.rule, mainCell(f)?.row?.code]),
      [['C-03', '2101501']],
    );
  });
});
