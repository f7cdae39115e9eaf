/**
 * Layout variants of the disclosure tables, each as a real document prints it, read the way
 * `juesuan audit` reads a file (auditDocument with the real profiles, catalog and rules) and over
 * the regions that print it: 科目编码 and 科目名称 in one cell or two, with or without 行次 and 栏次,
 * headers over several rows with merged cells, 合计 first or last, and a table continued over pages.
 * Each case names the document whose layout it follows: S0 and S2 (docs/sources.md#samples), the
 * 上海 2024 template (SH-T), and the 江苏 2019 and 上海普陀 2023 部门预算 PDFs, whose tables the same
 * software lays out. Grids are given as the readers hand them over: a merged cell repeated in every
 * position it covers. For each: the table is recognised, every printed row placed with its figures
 * and none left over, and the table's own rules fire on a wrong total and stay silent on the right.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  type AuditContext,
  type AuditResult,
  type AuditTable,
  auditDocument,
  type FixedRowDef,
  type RawBlock,
  type RowView,
  rowKey,
  type TableDef,
} from '@juesuan/core';
import { loadAuditContext, loadProfileForYear } from './files';

const contexts = new Map<string, AuditContext>();

/** The document audited against `profileId`, its cover naming the year. */
function audit(profileId: string, year: number, blocks: RawBlock[]): AuditResult {
  let context = contexts.get(profileId);
  if (!context) {
    context = loadAuditContext(profileId);
    contexts.set(profileId, context);
  }
  const cover = text(`某某局${year}年度部门决算`, 1);
  return auditDocument(
    { file: 'layout.pdf', format: 'pdf', pages: 3, blocks: [cover, ...blocks], warnings: [] },
    context,
  );
}

function text(t: string, page: number): RawBlock {
  return { kind: 'text', text: t, location: { page } };
}

function grid(rows: string[][], page: number): RawBlock {
  return { kind: 'table', rows, rowLocations: rows.map(() => ({ page })), location: { page } };
}

function tableDef(profileId: string, year: number, tableId: string): TableDef {
  const def = loadProfileForYear(profileId, year).tableDefs.find((d) => d.id === tableId);
  assert.ok(def, `${profileId} ${tableId}`);
  return def;
}

/** Title, 表号 and unit line above a table, as the profile numbers and titles it. */
function caption(def: TableDef, page: number): RawBlock[] {
  return [text(def.title, page), text(def.number, page), text('单位：万元', page)];
}

function recognised(result: AuditResult, tableId: string): AuditTable {
  const table = result.tables.find((t) => t.id === tableId);
  assert.ok(table, `${tableId} not recognised: ${JSON.stringify(result.unknownTables)}`);
  assert.deepEqual(table.unmatchedRows, []);
  const placement = result.findings.filter((f) => f.rule === 'R-02' || f.rule === 'R-03');
  assert.deepEqual(
    placement.map((f) => f.message),
    [],
  );
  return table;
}

/** Each printed row's key with its figures in 分, in printed order, for the columns named. */
function placedRows(table: AuditTable, columns: readonly string[], section = 0): [string, ...unknown[]][] {
  const rows = table.view.sections[section]?.rows ?? [];
  return rows.map((r) => [r.key, ...columns.map((c) => r.cells[c]?.value)]);
}

/** The findings of the table's own rules (T05-01, …) that are not 尾数 info, as rule and message. */
function ruleFindings(result: AuditResult, tableId: string): string[] {
  return result.findings
    .filter((f) => f.rule.startsWith(`${tableId}-`) && f.severity !== 'info')
    .map((f) => `${f.rule} ${f.message}`);
}

function firedRules(result: AuditResult, tableId: string): string[] {
  return [...new Set(ruleFindings(result, tableId).map((f) => f.split(' ')[0]!))].sort();
}

// ---------------------------------------------------------------------------------------------
// 一般公共预算财政拨款支出决算表 (T05): 合计 | 本年支出合计 | 基本支出 | 项目支出, figures in 万元.

const GPB_TOTAL = ['160.00', '130.00', '30.00'];
const GPB_ROWS: readonly (readonly string[])[] = [
  ['201', '一般公共服务支出', '100.00', '70.00', '30.00'],
  ['20106', '财政事务', '100.00', '70.00', '30.00'],
  ['2010601', '行政运行', '70.00', '70.00', '0.00'],
  ['2010602', '一般行政管理事务', '30.00', '0.00', '30.00'],
  ['208', '社会保障和就业支出', '40.00', '40.00', '0.00'],
  ['20805', '行政事业单位养老支出', '40.00', '40.00', '0.00'],
  ['2080505', '机关事业单位基本养老保险缴费支出', '25.00', '25.00', '0.00'],
  ['2080506', '机关事业单位职业年金缴费支出', '15.00', '15.00', '0.00'],
  ['210', '卫生健康支出', '20.00', '20.00', '0.00'],
  ['21011', '行政事业单位医疗', '20.00', '20.00', '0.00'],
  ['2101101', '行政单位医疗', '20.00', '20.00', '0.00'],
];
const GPB_CODES = GPB_ROWS.map((r) => r[0]!);
const GPB_COLUMNS = ['total', 'basic', 'project'];
/** The 合计 row and a 项 row in 分: what every layout must read. */
const GPB_TOTAL_FEN = ['total', 160_000_000n, 130_000_000n, 30_000_000n];
const GPB_ITEM_FEN = ['2010602', 30_000_000n, 0n, 30_000_000n];

/** A printed 合计 that is 1.00 万元 more than its rows (and than 基本 + 项目). */
const WRONG_GPB_TOTAL = ['161.00', '130.00', '30.00'];

type TotalAt = 'first' | 'last';

interface CodedLayout {
  /** The document whose layout this is. */
  source: string;
  /** The header rows, given the profile's column labels. */
  header(labels: readonly string[]): string[][];
  /** A printed row from [code, name, ...figures]. */
  row(row: readonly string[]): string[];
  total(figures: readonly string[]): string[];
}

function columnLabels(def: TableDef): string[] {
  return def.sections[0]!.columns.map((c) => c.label);
}

/** The T05 grid in `layout`, 合计 where the layout puts it. */
function printGpbExpense(
  def: TableDef,
  layout: CodedLayout,
  totalAt: TotalAt,
  total: readonly string[] = GPB_TOTAL,
): string[][] {
  const rows = GPB_ROWS.map((r) => layout.row(r));
  const totalRow = layout.total(total);
  return [
    ...layout.header(columnLabels(def)),
    ...(totalAt === 'first' ? [totalRow, ...rows] : [...rows, totalRow]),
  ];
}

/** The depth of a code's level: 类 0, 款 1, 项 2. */
function depth(code: string): number {
  return code.length === 3 ? 0 : code.length === 5 ? 1 : 2;
}

const CODE_NAME_LAYOUTS = {
  twoCells: {
    source: 'SH-T 表五 as the PDF reader hands it, and 江苏 2019 财政拨款支出预算表（功能科目）',
    header: (labels) => [
      ['项目', '项目', ...labels],
      ['功能分类科目编码', '科目名称', ...labels],
    ],
    row: ([code, name, ...figures]) => [code!, name!, ...figures],
    total: (figures) => ['合计', '合计', ...figures],
  },
  indentedName: {
    source: 'the code in its own column, the name indented by level (　　行政运行) as S0 indents its names',
    header: (labels) => [['科目编码', '科目名称', ...labels]],
    row: ([code, name, ...figures]) => [code!, `${'　　'.repeat(depth(code!))}${name}`, ...figures],
    total: (figures) => ['合计', '', ...figures],
  },
  oneCell: {
    source: 'code and name in one cell, “2010601 行政运行” (SH-T’s text layer runs 30207邮电费 together)',
    header: (labels) => [['项目', ...labels]],
    row: ([code, name, ...figures]) => [`${code} ${name}`, ...figures],
    total: (figures) => ['合计', ...figures],
  },
  namesOnly: {
    source: 'S0 草案05表: names only, indented by level, no code printed, a 栏次 row',
    header: (labels) => [
      ['科目名称', ...labels],
      ['栏次', ...labels.map((_, i) => String(i + 1))],
    ],
    row: ([code, name, ...figures]) => [`${'  '.repeat(depth(code!))}${name}`, ...figures],
    total: (figures) => ['合计', ...figures],
  },
} satisfies Record<string, CodedLayout>;

/** S2 公开05表 as the text reader hands it: whole codes in the 类 column, the name under 项, 栏次 row. */
const S2_GPB_LAYOUT: CodedLayout = {
  source: 'S2 公开05表',
  header: (labels) => [
    ['项 目', '', '', ...labels],
    ['支出功能分类 科目编码', '科目名称', '', '', '', ''],
    ['类', '款', '项', '1', '2', '3'],
    ['栏次', '', '', '', '', ''],
  ],
  row: ([code, name, ...figures]) => [code!, '', name!, ...figures],
  total: (figures) => ['合计', '', '', ...figures],
};

/**
 * 上海普陀万里街道 2023 部门预算（部门支出预算总表）: 科目编码 over 类 | 款 | 项 with the 类 (and 款)
 * repeated on every row, the name in its own column, the header over three rows, 合计 last.
 */
const SHANGHAI_BUDGET_LAYOUT: CodedLayout = {
  source: '上海普陀万里街道 2023 部门支出预算总表',
  header: (labels) => [
    ['项目', '项目', '项目', '项目', ...labels],
    ['功能分类科目编码', '功能分类科目编码', '功能分类科目编码', '功能分类科目名称', ...labels],
    ['类', '款', '项', '功能分类科目名称', ...labels],
  ],
  row: ([code, name, ...figures]) => [
    code!.slice(0, 3),
    code!.slice(3, 5),
    code!.slice(5, 7),
    name!,
    ...figures,
  ],
  total: (figures) => ['合计', '合计', '合计', '合计', ...figures],
};

function auditGpbExpense(profileId: string, year: number, rows: string[][]): AuditResult {
  const def = tableDef(profileId, year, 'T05');
  return audit(profileId, year, [...caption(def, 1), grid(rows, 1)]);
}

/** Reads T05 in `layout` right and with a wrong 合计: every row placed, T05-01/T05-02 only on the wrong one. */
function checkGpbExpense(profileId: string, year: number, layout: CodedLayout, totalAt: TotalAt): void {
  const def = tableDef(profileId, year, 'T05');
  const right = auditGpbExpense(profileId, year, printGpbExpense(def, layout, totalAt));
  const t05 = recognised(right, 'T05');
  const placed = placedRows(t05, GPB_COLUMNS);
  const codes = totalAt === 'first' ? ['total', ...GPB_CODES] : [...GPB_CODES, 'total'];
  assert.deepEqual(
    placed.map((r) => r[0]),
    codes,
  );
  assert.deepEqual(
    placed.find((r) => r[0] === 'total'),
    GPB_TOTAL_FEN,
  );
  assert.deepEqual(
    placed.find((r) => r[0] === '2010602'),
    GPB_ITEM_FEN,
  );
  assert.deepEqual(ruleFindings(right, 'T05'), []);

  const wrong = auditGpbExpense(profileId, year, printGpbExpense(def, layout, totalAt, WRONG_GPB_TOTAL));
  assert.deepEqual(firedRules(wrong, 'T05'), ['T05-01', 'T05-02']);
  for (const finding of ruleFindings(wrong, 'T05')) assert.match(finding, /「合计」.*161\.00/);
}

describe('科目编码 and 科目名称 in one cell or two', () => {
  const profiles: [string, number][] = [
    ['national', 2024],
    ['shanghai-2024', 2024],
    ['hunan', 2023],
    ['jiangxi-2024', 2024],
  ];
  for (const [name, layout] of Object.entries(CODE_NAME_LAYOUTS)) {
    // S0 itself is read with jiangxi-2020.
    for (const [profileId, year] of name === 'namesOnly'
      ? [...profiles, ['jiangxi-2020', 2020] as const]
      : profiles) {
      it(`${profileId}: ${layout.source}`, () => checkGpbExpense(profileId, year, layout, 'first'));
    }
  }
});

// ---------------------------------------------------------------------------------------------
// 收入支出决算总表 (T01), side by side: figures by label, the numbering (一、) left out.

const SUMMARY_FIGURES: Record<'income' | 'expense', Record<string, string>> = {
  income: {
    一般公共预算财政拨款收入: '160.00',
    本年收入合计: '160.00',
    年初结转和结余: '10.00',
    总计: '170.00',
  },
  expense: {
    一般公共服务支出: '100.00',
    社会保障和就业支出: '40.00',
    卫生健康支出: '20.00',
    本年支出合计: '160.00',
    年末结转和结余: '10.00',
    总计: '170.00',
  },
};

function withoutNumbering(label: string): string {
  return label.replace(/^[一二三四五六七八九十]+、/, '');
}

/** A figure printed in 万元 with two decimals, in 分. */
function fenOf(wan: string): bigint {
  return BigInt(wan.replace('.', '')) * 10_000n;
}

function fixedRowsOf(def: TableDef, section: number): FixedRowDef[] {
  return (def.sections[section]?.rows ?? []).filter((r): r is FixedRowDef => !('codeRows' in r));
}

/**
 * T01 side by side, its income and expense rows as the profile lists them: with a 行次 column on
 * each side and a 栏次 row (S2 公开01表 as the text reader hands it), or with neither (SH-T 表一).
 */
function printSummary(def: TableDef, withLines: boolean, income: Record<string, string>): string[][] {
  const [incomeRows, expenseRows] = [fixedRowsOf(def, 0), fixedRowsOf(def, 1)];
  const [incomeLabel, expenseLabel] = [0, 1].map((s) => def.sections[s]!.columns[0]!.label);
  const side = (row: FixedRowDef | undefined, figures: Record<string, string>) => {
    const label = row?.blank ? '' : (row?.label ?? '');
    const amount = figures[withoutNumbering(label)] ?? '';
    return withLines ? [label, row?.line === undefined ? '' : String(row.line), amount] : [label, amount];
  };
  const header = withLines
    ? [
        ['收入', '', '', '支出', '', ''],
        ['项 目', '行次', incomeLabel!, '项目（按功能分类）', '行次', expenseLabel!],
        ['栏 次', '', '1', '栏 次', '', '2'],
      ]
    : [
        ['收入', '收入', '支出', '支出'],
        ['项目', incomeLabel!, '项目', expenseLabel!],
      ];
  const rows = Array.from({ length: Math.max(incomeRows.length, expenseRows.length) }, (_, k) => [
    ...side(incomeRows[k], income),
    ...side(expenseRows[k], SUMMARY_FIGURES.expense),
  ]);
  return [...header, ...rows];
}

/** The figures a side-by-side table placed, by section and label as printed (numbering left out). */
function placedByLabel(table: AuditTable): Record<string, Record<string, bigint>> {
  const placed: Record<string, Record<string, bigint>> = {};
  for (const section of table.view.sections) {
    for (const row of section.rows) {
      const value = row.cells.amount?.value;
      if (value === undefined) continue;
      placed[section.key] ??= {};
      placed[section.key]![withoutNumbering(row.label)] = value;
    }
  }
  return placed;
}

function checkSummary(profileId: string, year: number, withLines: boolean): void {
  const def = tableDef(profileId, year, 'T01');
  const run = (income: Record<string, string>) =>
    audit(profileId, year, [...caption(def, 1), grid(printSummary(def, withLines, income), 1)]);
  const right = run(SUMMARY_FIGURES.income);
  const t01 = recognised(right, 'T01');
  const expected = Object.fromEntries(
    Object.entries(SUMMARY_FIGURES).map(([side, figures]) => [
      side,
      Object.fromEntries(Object.entries(figures).map(([label, wan]) => [label, fenOf(wan)])),
    ]),
  );
  assert.deepEqual(placedByLabel(t01), expected);
  assert.deepEqual(ruleFindings(right, 'T01'), []);

  // 本年收入合计 1.00 万元 more than its items: it no longer adds up, nor does 总计 with it.
  const wrong = run({ ...SUMMARY_FIGURES.income, 本年收入合计: '161.00' });
  assert.deepEqual(firedRules(wrong, 'T01'), ['T01-01', 'T01-02']);
  assert.match(ruleFindings(wrong, 'T01')[0]!, /161\.00/);
}

describe('with or without 行次 and 栏次', () => {
  for (const [profileId, year] of [
    ['national', 2024],
    ['jiangxi-2024', 2024],
  ] as const) {
    it(`${profileId}: ${S2_GPB_LAYOUT.source}, a 栏次 row under the header and the codes in the 类 column`, () =>
      checkGpbExpense(profileId, year, S2_GPB_LAYOUT, 'first'));
  }

  for (const [profileId, year] of [
    ['national', 2024],
    ['hunan', 2023],
    ['jiangxi-2024', 2024],
  ] as const) {
    it(`${profileId}: 收入支出决算总表 with a 行次 column on each side (S2 公开01表)`, () =>
      checkSummary(profileId, year, true));
  }
  for (const [profileId, year] of [
    ['national', 2024],
    ['shanghai-2024', 2024],
  ] as const) {
    it(`${profileId}: 收入支出决算总表 without 行次 or 栏次 (SH-T 表一, 江苏 2019 收支预算总表)`, () =>
      checkSummary(profileId, year, false));
  }
});

// ---------------------------------------------------------------------------------------------

/** S2 公开03表 as the text reader hands it: four header rows, labels one cell left of their figures. */
function printS2Expense(total: readonly string[]): string[][] {
  const others = ['', '', ''];
  return [
    [
      '项 目',
      '',
      '',
      '本年支出合计',
      '基本支出',
      '项目支出',
      '上缴上级支出',
      '经营支出',
      '对附属单位补助支出',
      '',
    ],
    ['支出功能分', '科目名称', '', '', '', '', '', '', '', ''],
    ['类科目编码', '', '', '', '', '', '', '', '', ''],
    ['类', '款', '项', '栏次', '1', '2', '3', '4', '5', '6'],
    ['', '', '合计', '', ...total, ...others],
    ...GPB_ROWS.map(([code, name, ...figures]) => [code!, '', name!, '', ...figures, ...others]),
  ];
}

describe('headers over several rows with merged cells', () => {
  for (const [profileId, year] of [
    ['national', 2024],
    ['shanghai-2024', 2024],
    ['hunan', 2023],
  ] as const) {
    it(`${profileId}: ${SHANGHAI_BUDGET_LAYOUT.source}, three header rows, 类 | 款 | 项 on every row, 合计 last`, () =>
      checkGpbExpense(profileId, year, SHANGHAI_BUDGET_LAYOUT, 'last'));
  }

  for (const [profileId, year] of [
    ['national', 2024],
    ['jiangxi-2024', 2024],
    ['hunan', 2023],
  ] as const) {
    it(`${profileId}: S2 公开03表, four header rows and the labels one cell left of their figures`, () => {
      const def = tableDef(profileId, year, 'T03');
      const run = (total: readonly string[]) =>
        audit(profileId, year, [...caption(def, 1), grid(printS2Expense(total), 1)]);
      const right = run(GPB_TOTAL);
      const t03 = recognised(right, 'T03');
      const placed = placedRows(t03, [...GPB_COLUMNS, 'upper']);
      assert.deepEqual(
        placed.map((r) => r[0]),
        ['total', ...GPB_CODES],
      );
      assert.deepEqual(placed[0], [...GPB_TOTAL_FEN, undefined]);
      assert.deepEqual(
        placed.find((r) => r[0] === '2010602'),
        [...GPB_ITEM_FEN, undefined],
      );
      assert.deepEqual(ruleFindings(right, 'T03'), []);
      assert.deepEqual(firedRules(run(WRONG_GPB_TOTAL), 'T03'), ['T03-01', 'T03-02']);
    });
  }
});

describe('合计 first (as the official software prints it) or last', () => {
  for (const [profileId, year] of [
    ['national', 2024],
    ['shanghai-2024', 2024],
    ['hunan', 2023],
  ] as const) {
    it(`${profileId}: 合计 right under the header (S2 公开05表, 江苏 2019 财政拨款支出预算表)`, () =>
      checkGpbExpense(profileId, year, CODE_NAME_LAYOUTS.twoCells, 'first'));
    it(`${profileId}: 合计 under the last row (SH-T 表五, 上海普陀万里街道 2023 部门预算)`, () =>
      checkGpbExpense(profileId, year, CODE_NAME_LAYOUTS.twoCells, 'last'));
  }
});

// ---------------------------------------------------------------------------------------------
// A table continued over pages: one grid per page, as a reader that keeps pages apart hands it.

/** What a page prints above the next part of a table. */
type Continuation = 'header' | '续表' | 'caption' | 'nothing';

/** T05 (合计 first) in parts that start at the given rows, each part on the next page. */
function gpbExpenseInParts(
  def: TableDef,
  breaks: readonly number[],
  above: Continuation,
  total: readonly string[] = GPB_TOTAL,
): RawBlock[] {
  const layout = CODE_NAME_LAYOUTS.twoCells;
  const header = layout.header(columnLabels(def));
  const rows = [layout.total(total), ...GPB_ROWS.map((r) => layout.row(r))];
  const starts = [0, ...breaks];
  const blocks: RawBlock[] = [...caption(def, 1)];
  starts.forEach((start, i) => {
    const page = i + 1;
    const part = rows.slice(start, starts[i + 1]);
    if (i === 0) {
      blocks.push(grid([...header, ...part], page));
      return;
    }
    if (above === '续表') blocks.push(text('续表', page));
    if (above === 'caption') {
      blocks.push(text(`${def.title}（续）`, page), text(def.number, page), text('单位：万元', page));
    }
    blocks.push(grid(above === 'nothing' ? part : [...header, ...part], page));
  });
  return blocks;
}

describe('a table continued over pages is read as one table', () => {
  const profiles = [
    ['national', 2024],
    ['shanghai-2024', 2024],
    ['hunan', 2023],
  ] as const;
  const continuations: [Continuation, string][] = [
    ['header', 'the header repeated on the next page (SH-T 财政拨款收入支出决算总表 over pages 8–9)'],
    ['续表', '“续表” over the repeated header'],
    ['caption', 'the title (续), 表号 and unit line repeated over the header'],
    ['nothing', 'nothing repeated: the rows go on (S2 公开04表 over its page break)'],
  ];
  for (const [profileId, year] of profiles) {
    for (const [above, what] of continuations) {
      for (const breaks of [[5], [4, 8]]) {
        it(`${profileId}: T05 in ${breaks.length + 1} parts, ${what}`, () => {
          const def = tableDef(profileId, year, 'T05');
          const right = audit(profileId, year, gpbExpenseInParts(def, breaks, above));
          const t05 = recognised(right, 'T05');
          assert.deepEqual(right.unknownTables, []);
          const placed = placedRows(t05, GPB_COLUMNS);
          assert.deepEqual(
            placed.map((r) => r[0]),
            ['total', ...GPB_CODES],
          );
          assert.deepEqual(placed.at(-1), ['2101101', 20_000_000n, 20_000_000n, 0n]);
          // The 合计 on the first page adds up only with the rows of every page.
          assert.deepEqual(ruleFindings(right, 'T05'), []);
          const wrong = audit(profileId, year, gpbExpenseInParts(def, breaks, above, WRONG_GPB_TOTAL));
          assert.deepEqual(firedRules(wrong, 'T05'), ['T05-01', 'T05-02']);
        });
      }
    }
  }

  // 财政拨款收入支出决算总表 figures by row key (fiscal-summary, standard layout).
  const FISCAL_INCOME: Record<string, string> = {
    L1: '160.00',
    L27: '160.00',
    L28: '10.00',
    L29: '10.00',
    L32: '170.00',
  };
  const FISCAL_EXPENSE: Record<string, readonly string[]> = {
    '201': ['100.00', '100.00', '', ''],
    '208': ['40.00', '40.00', '', ''],
    '210': ['20.00', '20.00', '', ''],
    L59: ['160.00', '160.00', '', ''],
    L60: ['10.00', '10.00', '', ''],
    L64: ['170.00', '170.00', '', ''],
  };

  /** S2 公开04表 as the text reader hands it, split after 行次 14 as its page break falls. */
  function fiscalSummaryInTwoParts(def: TableDef, expense: Record<string, readonly string[]>): RawBlock[] {
    const [incomeRows, expenseRows] = [fixedRowsOf(def, 0), fixedRowsOf(def, 1)];
    const line = (row: FixedRowDef | undefined) => (row?.line === undefined ? '' : String(row.line));
    const rows = Array.from({ length: Math.max(incomeRows.length, expenseRows.length) }, (_, k) => {
      const [income, spent] = [incomeRows[k], expenseRows[k]];
      return [
        income?.blank ? '' : (income?.label ?? ''),
        line(income),
        (income && FISCAL_INCOME[rowKey(income)]) ?? '',
        spent?.blank ? '' : (spent?.label ?? ''),
        line(spent),
        ...((spent && expense[rowKey(spent)]) ?? ['', '', '', '']),
      ];
    });
    const header = [
      ['收 入', '', '', '支 出', '', '', '', '', ''],
      [
        '项 目',
        '行 次',
        '金 额',
        '项目（按功能分类）',
        '行 次',
        '合 计',
        '一般公共预算财政拨 款',
        '政府性基金预算财政 拨款',
        '国有资本经营预算 财政拨款',
      ],
      ['栏 次', '', '1', '栏 次', '', '2', '3', '4', '5'],
    ];
    return [...caption(def, 1), grid([...header, ...rows.slice(0, 14)], 1), grid(rows.slice(14), 2)];
  }

  for (const [profileId, year] of [
    ['national', 2024],
    ['jiangxi-2024', 2024],
  ] as const) {
    it(`${profileId}: 财政拨款收入支出决算总表 split after 行次 14 with nothing repeated (S2 公开04表)`, () => {
      const def = tableDef(profileId, year, 'T04');
      const right = audit(profileId, year, fiscalSummaryInTwoParts(def, FISCAL_EXPENSE));
      const t04 = recognised(right, 'T04');
      assert.deepEqual(right.unknownTables, []);
      const [income, expense] = t04.view.sections;
      const figures = (rows: readonly RowView[], column: string) =>
        Object.fromEntries(
          rows.flatMap((r) => {
            const value = r.cells[column]?.value;
            return value === undefined ? [] : [[r.key, value]];
          }),
        );
      assert.deepEqual(
        figures(income!.rows, 'amount'),
        Object.fromEntries(Object.entries(FISCAL_INCOME).map(([key, wan]) => [key, fenOf(wan)])),
      );
      assert.deepEqual(
        figures(expense!.rows, 'gpb'),
        Object.fromEntries(Object.entries(FISCAL_EXPENSE).map(([key, [, gpb]]) => [key, fenOf(gpb!)])),
      );
      assert.deepEqual(ruleFindings(right, 'T04'), []);
      // 201 on the first page no longer adds up to 本年支出合计 on the second.
      const wrong = audit(
        profileId,
        year,
        fiscalSummaryInTwoParts(def, { ...FISCAL_EXPENSE, '201': ['101.00', '101.00', '', ''] }),
      );
      assert.deepEqual(firedRules(wrong, 'T04'), ['T04-05']);
    });
  }

  it('national: a table with a caption of its own after a grid as wide is its own table, not a continuation', () => {
    const gpb = tableDef('national', 2024, 'T05');
    const capital = tableDef('national', 2024, 'T08');
    const layout = CODE_NAME_LAYOUTS.twoCells;
    const result = audit('national', 2024, [
      ...caption(gpb, 1),
      grid(printGpbExpense(gpb, layout, 'first'), 1),
      ...caption(capital, 2),
      grid([...layout.header(columnLabels(capital)), layout.total(['0.00', '0.00', '0.00'])], 2),
    ]);
    assert.deepEqual(
      placedRows(recognised(result, 'T05'), GPB_COLUMNS).map((r) => r[0]),
      ['total', ...GPB_CODES],
    );
    assert.deepEqual(
      placedRows(recognised(result, 'T08'), ['total']).map((r) => r[0]),
      ['total'],
    );
  });
});
