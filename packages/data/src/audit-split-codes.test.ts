/**
 * Shanghai 2024 tables as the published PDFs print them, read with the real profile and catalog:
 * 科目编码 split over 类 | 款 columns under a merged 科目编码, the rows that cannot be placed, and
 * empty tables with the statement that they have no data, wherever it stands.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { auditDocument, type RawBlock, type RawDocument, recognizeDocument } from '@juesuan/core';
import { tableBlock as table, textBlock as text } from '@juesuan/core/testing';
import { loadAuditContext, loadCatalog, loadProfile } from './files';

const catalog = loadCatalog();
const PROFILE = 'shanghai-2024';

function doc(blocks: RawBlock[]): RawDocument {
  return {
    file: 'shanghai.pdf',
    format: 'pdf',
    pages: 1,
    blocks: [text('2024年度', 0), ...blocks],
    warnings: [],
  };
}

/** 表六 with two blocks of 类 | 款 | 科目名称 | 决算数 under a 科目编码 merged over 类 and 款. */
function basicExpense(...rows: string[][]) {
  const blocks = [
    text('一般公共预算财政拨款基本支出决算表', 1),
    text('表六', 2),
    text('单位：万元', 3),
    table(
      [
        ['人员经费', '人员经费', '人员经费', '人员经费', '公用经费', '公用经费', '公用经费', '公用经费'],
        ['科目编码', '科目编码', '科目名称', '决算数', '科目编码', '科目编码', '科目名称', '决算数'],
        ['类', '款', '', '', '类', '款', '', ''],
        ...rows,
      ],
      4,
    ),
  ];
  const result = recognizeDocument(doc(blocks), {
    profiles: [loadProfile(PROFILE)],
    catalog,
    profile: PROFILE,
  });
  const t06 = result.tables.find((t) => t.id === 'T06');
  assert.ok(t06, JSON.stringify(result.unknownTables));
  return { result, t06 };
}

const FOOTERS = [
  '人员经费合计',
  '人员经费合计',
  '人员经费合计',
  '101.00',
  '公用经费合计',
  '公用经费合计',
  '公用经费合计',
  '50.00',
];

describe('基本支出表 with its 科目编码 split over 类 | 款 (上海表六)', () => {
  it('joins each code, carrying the 类 down the rows that print only the 款', () => {
    const { t06, result } = basicExpense(
      ['301', '', '工资福利支出', '100.00', '302', '', '商品和服务支出', '50.00'],
      ['', '01', '基本工资', '60.00', '', '01', '办公费', '30.00'],
      ['', '02', '津贴补贴', '40.00', '', '05', '水费', '20.00'],
      ['303', '', '对个人和家庭的补助', '1.00', '', '', '', ''],
      ['303 02', '', '退休费', '1.00', '', '', '', ''],
      FOOTERS,
    );
    assert.deepEqual(t06.unmatchedRows, []);
    assert.deepEqual(
      t06.rows.map((r) => [r.key, r.by]),
      [
        ['301', 'code'],
        ['302', 'code'],
        ['30101', 'code'],
        ['30201', 'code'],
        ['30102', 'code'],
        ['30205', 'code'],
        ['303', 'code'],
        ['30302', 'code'],
        ['personnel', 'label'],
        ['public', 'label'],
      ],
    );
    const amount = (key: string) =>
      t06.view.sections[0]!.rows.find((r) => r.key === key)?.cells.amount?.value;
    assert.equal(amount('30205'), 20_000_000n, '20.00 万元');
    assert.equal(amount('public'), 50_000_000n);
    assert.deepEqual(
      result.findings.filter((f) => f.rule === 'R-02'),
      [],
    );
  });

  it('lists the rows it cannot place in one finding: a code unknown in 2024, a 科目 the table does not list, a 款 without its 类', () => {
    const { t06, result } = basicExpense(
      ['', '01', '基本工资', '60.00', '302', '', '商品和服务支出', '50.00'],
      ['301', '', '工资福利支出', '60.00', '302', '30', '不存在的费用', '20.00'],
      ['', '', '', '', '307', '01', '国内债务付息', '30.00'],
      FOOTERS,
    );
    assert.deepEqual(
      t06.unmatchedRows.map((u) => [u.text, u.reason]),
      [
        ['01 基本工资 60.00', '科目编码「01」之上没有印出它所属的类，拼不成完整代码'],
        ['30230 不存在的费用 20.00', '科目代码 30230 不在 2024 年的政府收支分类科目中'],
        ['30701 国内债务付息 30.00', '30701 国内债务付息不是本表列示的科目'],
      ],
    );
    const r02 = result.findings.filter((f) => f.rule === 'R-02');
    assert.equal(r02.length, 1);
    assert.match(
      r02[0]!.message,
      /^表六「一般公共预算财政拨款基本支出决算表」中有 3 行对应不到口径 shanghai-2024 的任何行，其数字未参与审核：「01 基本工资 60\.00」（科目编码「01」之上没有印出它所属的类/,
    );
    assert.equal(
      r02[0]!.found?.text,
      '01 基本工资 60.00；30230 不存在的费用 20.00；30701 国内债务付息 30.00',
    );
  });
});

describe('支出表 with its 科目编码 split over 类 | 款 | 项 (上海表五)', () => {
  it('joins the parts however the extraction cut them, and reads a code glued to its name', () => {
    const result = recognizeDocument(
      doc([
        text('一般公共预算财政拨款支出决算表', 1),
        text('表五', 2),
        text('单位：万元', 3),
        table(
          [
            ['项目', '项目', '项目', '项目', '合计', '基本支出', '项目支出'],
            ['科目编码', '科目编码', '科目编码', '科目名称', '合计', '基本支出', '项目支出'],
            ['类', '款', '项', '', '', '', ''],
            ['合计', '合计', '合计', '合计', '30.00', '20.00', '10.00'],
            ['201', '', '', '一般公共服务支出', '30.00', '20.00', '10.00'],
            ['', '06', '', '财政事务', '30.00', '20.00', '10.00'],
            ['', '', '01', '行政运行', '20.00', '20.00', '0.00'],
            ['2010 6', '02', '', '一般行政管理事务', '10.00', '0.00', '10.00'],
            ['2010607 信息化建设', '', '', '', '0.00', '0.00', '0.00'],
          ],
          4,
        ),
      ]),
      { profiles: [loadProfile(PROFILE)], catalog, profile: PROFILE },
    );
    const t05 = result.tables.find((t) => t.id === 'T05');
    assert.ok(t05);
    assert.deepEqual(t05.unmatchedRows, []);
    assert.deepEqual(
      t05.rows.map((r) => [r.key, r.by]),
      [
        ['total', 'label'],
        ['201', 'code'],
        ['20106', 'code'],
        ['2010601', 'code'],
        ['2010602', 'code'],
        ['2010607', 'code'],
      ],
    );
  });
});

describe('an empty table with the statement that it has no data (上海表八、表九)', () => {
  const header = (total: string) => [
    ['项目', '项目', '年初结转和结余', '本年收入', '本年支出', '本年支出', '本年支出', '年末结转和结余'],
    [
      '功能分类科目编码',
      '科目名称',
      '年初结转和结余',
      '本年收入',
      '合计',
      '基本支出',
      '项目支出',
      '年末结转和结余',
    ],
    [total, total, '', '', '', '', '', ''],
  ];
  const fund = [text('政府性基金预算财政拨款收入支出决算表', 1), text('表八', 2), text('单位：万元', 3)];
  const capital = [
    text('国有资本经营预算财政拨款收入支出决算表', 20),
    text('表九', 21),
    text('单位：万元', 22),
  ];
  const note = text('注：本表反映部门本年度政府性基金预算财政拨款收入支出及结转和结余情况。', 10);
  const emptyTableRules = (blocks: RawBlock[]) =>
    auditDocument(doc(blocks), { ...loadAuditContext(PROFILE), profile: PROFILE })
      .findings.filter((f) => f.rule === 'T07-04' || f.rule === 'T08-02')
      .map((f) => f.rule);

  it('takes the statement in any wording, under the grid (also wrapped over two lines), in it, or above it', () => {
    const statement =
      '本单位无政府性基金预算财政拨款收入，也没有使用政府性基金预算财政拨款安排的支出，故本表无数据。';
    const placements: [string, RawBlock[]][] = [
      ['under the notes', [...fund, table(header('合计'), 4), note, text(statement, 11)]],
      [
        'wrapped',
        [
          ...fund,
          table(header('合计'), 4),
          text('本单位无政府性基金预算财政拨款收入，也没有使用政府性基金预算财政拨款安排的支出，', 11),
          text('故本表无数据。', 12),
        ],
      ],
      [
        'a row of the grid',
        [
          ...fund,
          table(
            [...header('合计'), Array(8).fill('本年度没有政府性基金预算财政拨款收入和支出，故本表无数据。')],
            4,
          ),
        ],
      ],
      ['between title and grid', [...fund, text('本表为空表。', 4), table(header('合计'), 5)]],
      [
        'a statement without 本表',
        [
          ...fund,
          table(header('合计'), 4),
          text('说明：本部门没有政府性基金预算财政拨款收支，故表格为空。', 11),
        ],
      ],
    ];
    for (const [where, blocks] of placements) {
      const recognised = recognizeDocument(doc(blocks), {
        profiles: [loadProfile(PROFILE)],
        catalog,
        profile: PROFILE,
      });
      assert.ok(recognised.tables.find((t) => t.id === 'T07')?.view.emptyStatement, where);
      assert.deepEqual(emptyTableRules(blocks), [], where);
    }
  });

  it('still reports an empty table without one, and never lends it the statement of the table above', () => {
    const statement = '说明：本单位本年度没有政府性基金预算财政拨款收入和支出，故本表无数据。';
    const blocks = [
      ...fund,
      table(header('合计'), 4),
      text(statement, 11),
      ...capital,
      table(header('合计'), 23),
    ];
    const recognised = recognizeDocument(doc(blocks), {
      profiles: [loadProfile(PROFILE)],
      catalog,
      profile: PROFILE,
    });
    assert.equal(recognised.tables.find((t) => t.id === 'T07')?.view.emptyStatement, statement);
    assert.equal(recognised.tables.find((t) => t.id === 'T08')?.view.emptyStatement, undefined);
    assert.deepEqual(emptyTableRules(blocks), ['T08-02']);
  });
});
