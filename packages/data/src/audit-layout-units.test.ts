/**
 * Layout variants of published disclosures, audited as `juesuan audit --profile …` audits them
 * (real profiles, rules and catalog): money printed in 元, 千元 and 万元 with a unit line per table,
 * the 三公 table across or down, the 总表 side by side or stacked, and a table printed as an image.
 * Each document follows a real print, named where it is built.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  type AuditResult,
  auditDocument,
  type Finding,
  type RawBlock,
  type RawDocument,
} from '@juesuan/core';
import { tableBlock as table, textBlock as text, threePublicAcross } from '@juesuan/core/testing';
import { loadAuditContext } from './files';

/** A department's 2024 决算 with the given blocks after its cover. */
function audit(profileId: string, blocks: RawBlock[]): AuditResult {
  const raw: RawDocument = {
    file: 'layout.pdf',
    format: 'pdf',
    pages: 1,
    blocks: [text('示范市卫生健康委员会2024年度部门决算', 0), ...blocks],
    warnings: [],
  };
  return auditDocument(raw, loadAuditContext(profileId));
}

const ofRule = (result: AuditResult, rule: string): Finding[] =>
  result.findings.filter((f) => f.rule === rule);

/** The rules that report an error or a warning, each once, sorted. */
const raised = (result: AuditResult, prefix: string): string[] =>
  [
    ...new Set(
      result.findings
        .filter((f) => f.rule.startsWith(prefix) && f.severity !== 'info')
        .map((f) => `${f.rule} ${f.severity}`),
    ),
  ].sort();

/** The line a finding was read at. */
function readAt(finding: Finding): number | undefined {
  for (const place of finding.places) if (place.kind === 'text') return place.line;
  return undefined;
}

function cell(result: AuditResult, tableId: string, row: string, column: string): bigint | undefined {
  const view = result.tables.find((t) => t.id === tableId)?.view;
  assert.ok(view, `${tableId} 未识别`);
  for (const section of view.sections) {
    const found = section.rows.find((r) => r.key === row)?.cells[column];
    if (found) return found.value;
  }
  return undefined;
}

// ---------------------------------------------------------------------------------------------
// Units

/**
 * 上海表五 with its 科目编码 over 类 | 款 | 项, under `unitLine` (the Shanghai budget PDFs print their
 * 支出 tables in 元 under "单位：元"; here in 千元, as "金额单位：千元").
 */
function gpbExpense(unitLine: string, total: string, line: number): RawBlock[] {
  return [
    text('一般公共预算财政拨款支出决算表', line),
    text('表五', line + 1),
    text(unitLine, line + 2),
    table(
      [
        ['项目', '项目', '项目', '项目', '合计', '基本支出', '项目支出'],
        ['科目编码', '科目编码', '科目编码', '科目名称', '合计', '基本支出', '项目支出'],
        ['类', '款', '项', '', '', '', ''],
        ['合计', '合计', '合计', '合计', total, total, '0.00'],
        ['201', '', '', '一般公共服务支出', total, total, '0.00'],
        ['', '06', '', '财政事务', total, total, '0.00'],
        ['', '', '01', '行政运行', total, total, '0.00'],
      ],
      line + 3,
    ),
  ];
}

/** 上海表六 in 元 ("单位：元", as the Shanghai PDFs print their 基本支出 table): 公务接待费 `reception`. */
function basicExpenseInYuan(reception: number, line: number): RawBlock[] {
  const yuan = (n: number) => n.toLocaleString('en-US');
  const office = 222_222;
  const publicTotal = office + reception;
  return [
    text('一般公共预算财政拨款基本支出决算表', line),
    text('表六', line + 1),
    text('编制部门：上海市示范区卫生健康委员会 单位：元', line + 2),
    table(
      [
        ['人员经费', '人员经费', '人员经费', '人员经费', '公用经费', '公用经费', '公用经费', '公用经费'],
        ['科目编码', '科目编码', '科目名称', '决算数', '科目编码', '科目编码', '科目名称', '决算数'],
        ['类', '款', '', '', '类', '款', '', ''],
        ['301', '', '工资福利支出', '1,000,000', '302', '', '商品和服务支出', yuan(publicTotal)],
        ['', '01', '基本工资', '1,000,000', '', '01', '办公费', yuan(office)],
        ['', '', '', '', '', '17', '公务接待费', yuan(reception)],
        [
          '人员经费合计',
          '人员经费合计',
          '人员经费合计',
          '1,000,000',
          '公用经费合计',
          '公用经费合计',
          '公用经费合计',
          yuan(publicTotal),
        ],
      ],
      line + 3,
    ),
  ];
}

/** 上海表七 in 万元 beside 元 tables: 公务接待费 决算数 `reception`, 合计 决算数 `total`. */
const threePublicInWan = (reception: string, total: string, line: number) =>
  threePublicAcross(
    '表七',
    '编制部门：上海市示范区卫生健康委员会 单位:万元',
    ['5.00', total, '0.00', '0.00', '3.00', '2.00', '0.00', '0.00', '3.00', '2.00', '2.00', reception],
    line,
  );

/**
 * Shanghai-putuo-wanlijiedao-2024's mix: tables in 元, the 三公 table in 万元 — and one in 千元, so
 * that one document holds all three units.
 */
describe('amounts in 元, 千元 and 万元, each table in the unit of its own unit line', () => {
  const document = (t05Total: string, reception: number, printedReception: string, t09Total: string) =>
    audit('shanghai-2024', [
      ...gpbExpense('金额单位：千元', t05Total, 10),
      ...basicExpenseInYuan(reception, 30),
      ...threePublicInWan(printedReception, t09Total, 50),
    ]);

  it('reads each table in its own unit and finds the 元, 千元 and 万元 tables consistent', () => {
    const result = document('1,234.57', 12_345, '1.35', '3.35');
    assert.equal(cell(result, 'T05', 'total', 'basic'), 123_457_000n, '1,234.57 千元');
    assert.equal(cell(result, 'T06', '30217', 'amount'), 1_234_500n, '12,345 元');
    assert.equal(cell(result, 'T09', 'amounts', 'receptionActual'), 1_350_000n, '1.35 万元');
    assert.deepEqual(
      result.tables.map((t) => [t.id, t.unit]),
      [
        ['T05', '千元'],
        ['T06', '元'],
        ['T09', '万元'],
      ],
    );
    // T05-03: 1,234.57 千元 stands for 1,234,565–1,234,575 元, which holds 1,000,000 + 234,567 元.
    // T09-07: 12,345 元 of 公务接待费 in 表六 within 1.35 万元 in 表七.
    assert.deepEqual(raised(result, 'T0'), []);
  });

  it('checks a 元 table against a 千元 one at the 千元 table’s precision, not the 万元 one’s', () => {
    // 1,234.60 千元 against 1,234,567 元: 33 元 apart, beyond the ±5 元 of a 千元 figure (but within
    // the ±50 元 of a 万元 one, the coarsest precision the document prints).
    const result = document('1,234.60', 12_345, '1.35', '3.35');
    const t0503 = ofRule(result, 'T05-03');
    assert.equal(t0503.length, 1, JSON.stringify(result.findings.map((f) => f.message)));
    assert.equal(t0503[0]!.severity, 'error');
    assert.equal(t0503[0]!.difference?.value, '3300');
    assert.deepEqual(raised(result, 'T0'), ['T05-03 error']);
  });

  it('compares 元 of 表六 with 万元 of 表七: 公务接待费 12,345 元 beyond 1.20 万元 is reported', () => {
    const result = document('1,234.57', 12_345, '1.20', '3.20');
    const t0907 = ofRule(result, 'T09-07');
    assert.equal(t0907.length, 1, JSON.stringify(result.findings.map((f) => f.message)));
    assert.equal(t0907[0]!.found?.value, '1234500');
    assert.equal(t0907[0]!.expected?.value, '1200000');
    assert.deepEqual(raised(result, 'T0'), ['T09-07 warning']);
  });
});
// ---------------------------------------------------------------------------------------------
// The 总表: 收入 | 支出 side by side, or stacked

const INCOME_LABELS: Record<number, string> = {
  1: '一、一般公共预算财政拨款收入',
  2: '二、政府性基金预算财政拨款收入',
  3: '三、国有资本经营预算财政拨款收入',
  4: '四、上级补助收入',
  5: '五、事业收入',
  6: '六、经营收入',
  7: '七、附属单位上缴收入',
  8: '八、其他收入',
  27: '本年收入合计',
  28: '使用非财政拨款结余（含专用结余）',
  29: '年初结转和结余',
  31: '总计',
};

const EXPENSE_CLASSES = [
  '一般公共服务',
  '外交',
  '国防',
  '公共安全',
  '教育',
  '科学技术',
  '文化旅游体育与传媒',
  '社会保障和就业',
  '卫生健康',
  '节能环保',
  '城乡社区',
  '农林水',
  '交通运输',
  '资源勘探工业信息等',
  '商业服务业等',
  '金融',
  '援助其他地区',
  '自然资源海洋气象等',
  '住房保障',
  '粮油物资储备',
  '国有资本经营预算',
  '灾害防治及应急管理',
  '其他',
  '债务还本',
  '债务付息',
  '抗疫特别国债安排的',
];
const NUMERALS = '一二三四五六七八九十';
const numeral = (n: number) =>
  n <= 10
    ? NUMERALS[n - 1]!
    : `${n >= 20 ? NUMERALS[Math.floor(n / 10) - 1] : ''}十${n % 10 ? NUMERALS[(n % 10) - 1] : ''}`;

const EXPENSE_LABELS: Record<number, string> = {
  ...Object.fromEntries(EXPENSE_CLASSES.map((name, i) => [32 + i, `${numeral(i + 1)}、${name}支出`])),
  58: '本年支出合计',
  59: '结余分配',
  60: '年末结转和结余',
  62: '总计',
};

/** A 总表 (万元) whose 本年收入合计 is printed as `incomeTotal`: 900 + 100 = 1,000.00 when right. */
function summaryFigures(incomeTotal: string): Record<number, string> {
  return {
    1: '900.00',
    5: '100.00',
    27: incomeTotal,
    29: '50.00',
    31: '1,050.00',
    32: '700.00',
    39: '200.00',
    58: '900.00',
    60: '150.00',
    62: '1,050.00',
  };
}

/** One 项目 | 行次 | 金额 triple per line; lines with a label and no figure print 0.00, unlabelled ones nothing. */
function summaryLine(
  line: number,
  labels: Record<number, string>,
  figures: Record<number, string>,
): string[] {
  const label = labels[line];
  return label === undefined ? ['', String(line), ''] : [label, String(line), figures[line] ?? '0.00'];
}

/**
 * 表1 as 财政部's nine-table set prints it (national profile): 收入 on the left, 支出 on the right,
 * 行次 1–31 beside 32–62, so one printed row carries one income and one expense line.
 */
function summarySideBySide(figures: Record<number, string>): RawBlock[] {
  const rows: string[][] = [];
  for (let line = 1; line <= 31; line++) {
    rows.push([
      ...summaryLine(line, INCOME_LABELS, figures),
      ...summaryLine(line + 31, EXPENSE_LABELS, figures),
    ]);
  }
  return [
    text('收入支出决算总表', 1),
    text('表1', 2),
    text('金额单位：万元', 3),
    table(
      [
        ['收入', '收入', '收入', '支出', '支出', '支出'],
        ['项目', '行次', '金额', '项目', '行次', '金额'],
        ['栏次', '栏次', '1', '栏次', '栏次', '2'],
        ...rows,
      ],
      4,
    ),
  ];
}

/** The same 表1 stacked, as a narrow page prints it: the 收入 lines under 收入, then the 支出 lines under 支出. */
function summaryStacked(figures: Record<number, string>): RawBlock[] {
  const printed = (labels: Record<number, string>) =>
    Object.keys(labels).map((line) => summaryLine(Number(line), labels, figures));
  return [
    text('收入支出决算总表', 1),
    text('表1', 2),
    text('金额单位：万元', 3),
    table(
      [
        ['项目', '行次', '金额'],
        ['收入', '', ''],
        ...printed(INCOME_LABELS),
        ['支出', '', ''],
        ...printed(EXPENSE_LABELS),
      ],
      4,
    ),
  ];
}

describe('the 收入支出决算总表 side by side and stacked', () => {
  const layouts = { 'side by side': summarySideBySide, stacked: summaryStacked };
  for (const [name, layout] of Object.entries(layouts)) {
    it(`places every line of the ${name} 总表 on its fact and finds its totals consistent`, () => {
      const result = audit('national', layout(summaryFigures('1,000.00')));
      const t01 = result.tables.find((t) => t.id === 'T01');
      assert.ok(t01, JSON.stringify(result.unknownTables));
      assert.deepEqual(t01.unmatchedRows, []);
      const placed = (line: number) =>
        t01.view.sections.flatMap((s) => s.rows).find((r) => r.line === line)?.cells.amount?.value;
      assert.deepEqual(
        [1, 5, 27, 29, 31, 32, 39, 58, 60, 62].map(placed),
        [900n, 100n, 1_000n, 50n, 1_050n, 700n, 200n, 900n, 150n, 1_050n].map((wan) => wan * 1_000_000n),
      );
      assert.deepEqual(raised(result, 'T01'), []);
      assert.deepEqual(ofRule(result, 'R-04'), []);
    });

    it(`reports a wrong 本年收入合计 in the ${name} 总表 (T01-01, T01-02)`, () => {
      const result = audit('national', layout(summaryFigures('1,010.00')));
      assert.deepEqual(raised(result, 'T01'), ['T01-01 error', 'T01-02 error']);
      const [t0101] = ofRule(result, 'T01-01');
      assert.equal(t0101!.found?.text, '1,010.00万元');
      assert.equal(t0101!.expected?.text, '1,000.00万元');
    });
  }
});

// ---------------------------------------------------------------------------------------------
// The 三公 table across or down

/**
 * 公开09表 down its rows, as the Jingdezhen 2024 sample prints it (项目 | 栏次 | 年初预算数 | 全年预算数 |
 * 决算数, 行次 1–20, — in the cells that do not apply). `amounts` are the 年初预算数, 全年预算数 and 决算数
 * of lines 1–6.
 */
function threePublicDown(number: string, amounts: Record<number, [string, string, string]>): RawBlock[] {
  const labels = [
    '一、“三公”经费支出',
    '1.因公出国（境）费',
    '2.公务用车购置及运行维护费',
    '（1）公务用车购置费',
    '（2）公务用车运行维护费',
    '3.公务接待费',
    '（1）国内接待费',
    '其中：外事接待费',
    '（2）国（境）外接待费',
    '二、相关统计数',
    '1.因公出国（境）团组数（个）',
    '2.因公出国（境）人次数（人）',
    '3.公务用车购置数（辆）',
    '4.公务用车保有量（辆）',
    '5.国内公务接待批次（个）',
    '其中：外事接待批次（个）',
    '6.国内公务接待人次（人）',
    '其中：外事接待人次（人）',
    '7.国（境）外公务接待批次（个）',
    '8.国（境）外公务接待人次（人）',
  ];
  const actualOnly: Record<number, string> = { 7: amounts[6]![2], 14: '2', 15: '10', 17: '87' };
  const rows = labels.map((label, i) => {
    const line = i + 1;
    const figures = amounts[line] ?? ['—', '—', line === 10 ? '—' : (actualOnly[line] ?? '')];
    return [label, String(line), ...figures];
  });
  return [
    text('财政拨款“三公”经费支出决算表', 60),
    text(number, 61),
    text('金额单位：万元', 62),
    table([['项目', '栏次', '年初预算数', '全年预算数', '决算数'], ['行次', '', '1', '2', '3'], ...rows], 63),
  ];
}

/** 年初预算数, 全年预算数, 决算数 of lines 1–6: 出国 0, 用车 3.00 / 2.00 (运行维护 only), 接待 `reception`. */
function threePublicFigures(total: [string, string, string]): Record<number, [string, string, string]> {
  return {
    1: total,
    2: ['0.00', '0.00', '0.00'],
    3: ['3.00', '3.00', '2.00'],
    4: ['0.00', '0.00', '0.00'],
    5: ['3.00', '3.00', '2.00'],
    6: ['2.00', '2.00', '1.50'],
  };
}

/** 公开09表 printed across in 万元, 公务接待费 决算数 1.50 and the 合计 决算数 `total` (3.50 adds up). */
const jiangxiAcross = (total: string) =>
  audit(
    'jiangxi-2024',
    threePublicAcross(
      '公开09表',
      '金额单位：万元',
      ['5.00', total, '0.00', '0.00', '3.00', '2.00', '0.00', '0.00', '3.00', '2.00', '2.00', '1.50'],
      60,
    ),
  );

describe('the 三公 table across or down, whichever the profile prints', () => {
  it('reads a 三公 table printed across in a document of a profile that prints it down (公开09表)', () => {
    const result = jiangxiAcross('3.50');
    const t09 = result.tables.find((t) => t.id === 'T09');
    assert.ok(t09, JSON.stringify(result.unknownTables));
    assert.match(t09.why.join('；'), /表格横排（各项列在栏中），与口径的排法相反/);
    assert.deepEqual(
      [1, 2, 3, 4, 5, 6].map((line) => [
        cell(result, 'T09', `L${line}`, 'initialBudget'),
        cell(result, 'T09', `L${line}`, 'actual'),
      ]),
      [
        [5_000_000n, 3_500_000n],
        [0n, 0n],
        [3_000_000n, 2_000_000n],
        [0n, 0n],
        [3_000_000n, 2_000_000n],
        [2_000_000n, 1_500_000n],
      ],
    );
    // The across print has no 全年预算数 and no 国内接待费 line: T09-06 (决算数 ≤ 全年预算数) and
    // T09-03 (接待费 = 国内 + 国（境）外) have nothing to compare, rather than comparing with zero.
    assert.equal(cell(result, 'T09', 'L1', 'finalBudget'), undefined);
    assert.ok(
      result.summary.skipped.some(
        (s) => s.ruleId === 'T09-06' && s.reason.includes('没有印出「3.公务接待费」的「全年预算数」'),
      ),
      JSON.stringify(result.summary.skipped.filter((s) => s.ruleId.startsWith('T09'))),
    );
    assert.deepEqual(raised(result, 'T09'), []);
    assert.deepEqual(ofRule(result, 'R-02'), []);
  });

  it('runs the 三公 rules on the across print: a 合计 that is not the sum of its items (T09-01)', () => {
    const result = jiangxiAcross('3.60');
    const t0901 = ofRule(result, 'T09-01');
    assert.equal(t0901.length, 1, JSON.stringify(result.findings.map((f) => f.message)));
    assert.equal(t0901[0]!.severity, 'error');
    assert.equal(t0901[0]!.found?.text, '3.60万元');
    assert.equal(t0901[0]!.expected?.text, '3.50万元');
    // Found where it is printed: the one row of figures, not just somewhere in the table.
    assert.equal(readAt(t0901[0]!), 67);
    assert.deepEqual(raised(result, 'T09'), ['T09-01 error']);
  });

  it('reads a 三公 table printed down in a document of a profile that prints it across (表7)', () => {
    const result = audit('national', threePublicDown('表7', threePublicFigures(['5.00', '5.00', '3.50'])));
    const t09 = result.tables.find((t) => t.id === 'T09');
    assert.ok(t09, JSON.stringify(result.unknownTables));
    assert.match(t09.why.join('；'), /表格竖排（各项列在行中），与口径的排法相反/);
    const placed = (column: string) => cell(result, 'T09', 'amounts', column);
    assert.deepEqual(
      [
        'totalBudget',
        'totalActual',
        'vehicleOperationBudget',
        'vehicleOperationActual',
        'receptionActual',
      ].map(placed),
      [5_000_000n, 3_500_000n, 3_000_000n, 2_000_000n, 1_500_000n],
    );
    assert.deepEqual(raised(result, 'T09'), []);
  });

  it('runs the 三公 rules on the down print: 小计 of 公务用车 that is not 购置 + 运行维护 (T09-02)', () => {
    const figures = threePublicFigures(['5.00', '5.00', '3.50']);
    figures[3] = ['3.00', '3.00', '2.20'];
    const result = audit('national', threePublicDown('表7', { ...figures, 1: ['5.00', '5.00', '3.70'] }));
    assert.deepEqual(raised(result, 'T09'), ['T09-02 error']);
    const [t0902] = ofRule(result, 'T09-02');
    assert.equal(t0902!.found?.text, '2.20万元');
    assert.equal(t0902!.expected?.text, '2.00万元');
    // The layout's one row is read where its first figure, the 合计 年初预算数, is printed.
    assert.equal(readAt(t0902!), 65);
  });
});

// ---------------------------------------------------------------------------------------------
// A table printed as an image

/** 公开08表's heading as the Jiangxi tables print it: title, 表号, 部门 and unit line. */
function stateCapitalHeading(line: number, page?: number): RawBlock[] {
  const at = (n: number) => ({ line: line + n, ...(page !== undefined ? { page } : {}) });
  return [
    { kind: 'text', text: '国有资本经营预算财政拨款支出决算表', location: at(0) },
    { kind: 'text', text: '公开08表', location: at(1) },
    { kind: 'text', text: '部门：示范市卫生健康委员会 金额单位：万元', location: at(2) },
  ];
}

const T09_RIGHT = threePublicFigures(['5.00', '5.00', '3.50']);
const T09_WRONG = { ...T09_RIGHT, 1: ['5.00', '5.00', '3.90'] as [string, string, string] };

describe('a table printed as an image', () => {
  it('R-07 fires once on 公开08表 printed as a picture under its title, and the other tables are still checked', () => {
    const result = audit('jiangxi-2024', [
      ...stateCapitalHeading(40),
      { kind: 'image', location: { line: 43 } },
      ...threePublicDown('公开09表', T09_WRONG),
    ]);
    const r07 = ofRule(result, 'R-07');
    assert.deepEqual(
      r07.map((f) => [f.severity, f.message]),
      [
        [
          'warning',
          '公开08表「国有资本经营预算财政拨款支出决算表」以图片印出（标题下是一张图片，没有可读取文字的表格），无法读取其数字；涉及本表的审核公式未执行。请提供表格为文字的版本',
        ],
      ],
    );
    assert.equal(
      ofRule(result, 'R-01').some((f) => f.id === 'R-01@T08'),
      false,
      '公开08表 is printed, not missing',
    );
    // 公开09表 after the picture is recognised and its 合计 checked: 3.90 is not 0 + 2.00 + 1.50.
    assert.deepEqual(raised(result, 'T09'), ['T09-01 error']);
  });

  it('R-07 fires on a heading with no grid before the next table’s title, said to be likely an image', () => {
    const result = audit('jiangxi-2024', [
      ...stateCapitalHeading(40),
      ...threePublicDown('公开09表', T09_RIGHT),
    ]);
    assert.deepEqual(
      ofRule(result, 'R-07').map((f) => f.message),
      [
        '公开08表「国有资本经营预算财政拨款支出决算表」可能以图片印出（标题之后没有表格，紧接着是下一张表的标题），无法读取其数字；涉及本表的审核公式未执行。请提供表格为文字的版本',
      ],
    );
    assert.ok(result.tables.some((t) => t.id === 'T09'));
    assert.deepEqual(raised(result, 'T09'), []);
  });

  it('R-07 fires on a heading at the foot of a PDF page whose next page goes on with text', () => {
    const result = audit('jiangxi-2024', [
      ...stateCapitalHeading(40, 7),
      { kind: 'text', text: '第三部分 2024年度部门决算情况说明', location: { page: 8 } },
    ]);
    assert.match(
      ofRule(result, 'R-07')[0]?.message ?? '',
      /可能以图片印出（标题之后没有表格，本页就结束了）/,
    );
  });

  it('R-07 stays silent on a table that is not printed at all, and on its title in the 目录', () => {
    const result = audit('jiangxi-2024', [
      text('目  录', 1),
      text('八、国有资本经营预算财政拨款支出决算表', 2),
      text('九、财政拨款“三公”经费支出决算表', 3),
      ...threePublicDown('公开09表', T09_RIGHT),
    ]);
    assert.deepEqual(ofRule(result, 'R-07'), []);
    assert.ok(ofRule(result, 'R-01').some((f) => f.id === 'R-01@T08'));
  });
});
