import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { mainCell, readingPlace } from '../finding';
import { buildProfile, type Profile } from '../profile';
import { compileCatalogue } from '../rules/catalogue';
import { findCell, findRow } from '../views';
import { auditDocument } from './audit';
import { recognizeDocument } from './recognize';
import {
  testCatalog as catalog,
  rawFromLines,
  TEST_PROFILE_JSON,
  TEST_TABLE_LINES,
  testProfile,
} from './testing';

/** Another region's set: other titles and 表号, 2020, 元, and a table the test profile lacks. */
function decoyProfile(): Profile {
  const tables = {
    T01: { ...TEST_PROFILE_JSON.tables.T01, number: '表一', title: '收入支出决算总表' },
    T09: {
      ...TEST_PROFILE_JSON.tables.T10,
      id: 'T09',
      number: '表九',
      title: '国有资本经营预算财政拨款收入支出决算表',
      unit: undefined,
    },
  };
  const built = buildProfile(
    {
      ...TEST_PROFILE_JSON.meta,
      id: 'decoy-2020',
      name: '另一口径',
      year: 2020,
      amounts: { unit: '元', decimals: 2 },
      tables: ['T01', 'T09'],
    },
    tables,
  );
  if (!built.ok) throw new Error(built.errors.join('\n'));
  return built.profile;
}

describe('recognition of a document onto a profile', () => {
  const raw = rawFromLines(TEST_TABLE_LINES);

  it('chooses the profile whose tables, year and unit fit, with its score and reasons', () => {
    const doc = recognizeDocument(raw, { profiles: [decoyProfile(), testProfile()], catalog });
    assert.equal(doc.profile.id, 'test-2024');
    assert.equal(doc.year, 2024);
    assert.deepEqual(doc.match.why, ['识别出 4/5 张表', '年度 2024 与口径一致', '金额单位 万元 一致']);
    assert.ok(doc.match.score > doc.candidates.find((c) => c.id === 'decoy-2020')!.score);
    assert.deepEqual(
      doc.tables.map((t) => [t.id, t.view.number]),
      [
        ['T01', '公开01表'],
        ['T04', '公开04表'],
        ['T05', '公开05表'],
        ['T09', '公开09表'],
      ],
    );
    for (const t of doc.tables) assert.ok(t.confidence > 0.8, `${t.id} confidence ${t.confidence}`);
  });

  it('matches a profile covering the document year without a year penalty, resolved for that year', () => {
    const covering = { ...testProfile(), years: { from: 2019, to: 2025 }, year: 2021 };
    const asked: number[] = [];
    const forYear = (profile: Profile, year: number) => {
      asked.push(year);
      return { ...profile, year };
    };
    const doc = recognizeDocument(raw, { profiles: [covering], catalog, forYear });
    assert.deepEqual(asked, [2024]);
    assert.equal(doc.profile.year, 2024);
    assert.deepEqual(doc.match.why, ['识别出 4/5 张表', '年度 2024 与口径一致', '金额单位 万元 一致']);
  });

  it('says which years a profile covers when the document year is outside them', () => {
    const earlier = { ...testProfile(), years: { from: 2019, to: 2023 }, year: 2020 };
    const doc = recognizeDocument(raw, {
      profiles: [earlier],
      catalog,
      forYear: () => assert.fail('不应解析'),
    });
    assert.deepEqual(doc.match.why, [
      '识别出 4/5 张表',
      '年度 2024 不在口径覆盖的 2019–2023 年内',
      '金额单位 万元 一致',
    ]);
    assert.ok(doc.match.score < recognizeDocument(raw, { profiles: [testProfile()], catalog }).match.score);
  });

  it('reads printed 万元 figures into 分 exactly, blanks as not printed, --- as not applicable', () => {
    const doc = recognizeDocument(raw, { profiles: [testProfile()], catalog });
    const t01 = doc.tables.find((t) => t.id === 'T01')!.view;
    assert.equal(findCell(t01, 'L1', 'amount')?.value, 940_490_000n, '940.49 万元');
    assert.equal(findCell(t01, 'L27', 'amount')?.fact, 'income');
    const t09 = doc.tables.find((t) => t.id === 'T09')!.view;
    assert.equal(findCell(t09, 'L1', 'finalBudget')?.value, 10_200n * 100n);
    assert.equal(findCell(t09, 'L14', 'initialBudget')?.na, true);
    assert.equal(findCell(t09, 'L15', 'actual')?.value, 10n, 'a count, not money');
    assert.equal(findCell(t09, 'L15', 'actual')?.kind, 'count');
    assert.equal(findRow(t01, 'L9')?.row.blank, true);
    assert.equal(doc.precision.halfStep, 5_000n, '万元 with 2 decimals: half of 0.01 万元');
  });

  it('maps columns by 栏次 when the label row is shifted, and skips a header repeated inside the grid', () => {
    const doc = recognizeDocument(raw, { profiles: [testProfile()], catalog });
    const t05 = doc.tables.find((t) => t.id === 'T05')!;
    assert.deepEqual(
      t05.columns.map((c) => [c.key, c.gridColumn, c.by]),
      [
        ['total', 3, 'number'],
        ['basic', 4, 'number'],
        ['project', 5, 'number'],
      ],
    );
    assert.deepEqual(
      t05.view.sections[0]!.rows.map((r) => r.key),
      ['total', '208', '20805', '2080505', '210', '21015', '2101501'],
    );
    assert.equal(findCell(t05.view, '210', 'basic')?.value, 6_017_600_00n);
    assert.equal(t05.unmatchedRows.length, 0);
  });

  it('reports a missing printed table (R-01) and an unknown one with the profile it belongs to', () => {
    const lines = [
      ...TEST_TABLE_LINES,
      '国有资本经营预算财政拨款收入支出决算表',
      '表九',
      '单位：台、辆、套',
      '项 目\t栏次\t决算数',
      '二、单价100万元（含）以上设备（不含车辆）(台、套)\t10\t0',
    ];
    const doc = recognizeDocument(rawFromLines(lines), {
      profiles: [testProfile(), decoyProfile()],
      catalog,
    });
    assert.equal(doc.profile.id, 'test-2024');
    assert.deepEqual(
      doc.findings.filter((f) => f.rule === 'R-01').map((f) => [mainCell(f)?.tableNumber, f.severity]),
      [['公开10表', 'error']],
    );
    assert.equal(doc.unknownTables.length, 1);
    assert.equal(doc.unknownTables[0]!.title, '国有资本经营预算财政拨款收入支出决算表');
    assert.deepEqual(
      doc.unknownTables[0]!.variant && [
        doc.unknownTables[0]!.variant.profile,
        doc.unknownTables[0]!.variant.number,
      ],
      ['decoy-2020', '表九'],
    );
    const r03 = doc.findings.find((f) => f.rule === 'R-03')!;
    assert.match(r03.message, /不是口径 test-2024 的公开表.*decoy-2020 的表九/);
  });

  it('converts a table printed in 元 exactly (6,502,724.61 元 = 650,272,461 分) and keeps the envelope at 0', () => {
    const lines = [
      '收入支出决算总表',
      '公开01表',
      '编制单位：测试局 2024年度 金额单位：元',
      '项目\t行次\t决算数',
      '栏次\t\t1',
      '一、一般公共预算财政拨款收入\t1\t6,502,724.61',
      '本年收入合计\t27\t6,502,724.61',
    ];
    const doc = recognizeDocument(rawFromLines(lines), { profiles: [testProfile()], catalog });
    const t01 = doc.tables.find((t) => t.id === 'T01')!;
    assert.equal(t01.unit, '元');
    assert.equal(findCell(t01.view, 'L1', 'amount')?.value, 650_272_461n);
    assert.equal(doc.precision.halfStep, 0n);
  });

  it('widens the envelope for figures printed in whole 元 (±0.5 元), and reads zeros as exact', () => {
    const lines = [
      '收入支出决算总表',
      '公开01表',
      '金额单位：元',
      '项目\t行次\t决算数',
      '栏次\t\t1',
      '一、一般公共预算财政拨款收入\t1\t12,345',
      '八、其他收入\t8\t0',
      '本年收入合计\t27\t12,345',
    ];
    const doc = recognizeDocument(rawFromLines(lines), { profiles: [testProfile()], catalog });
    assert.equal(doc.precision.halfStep, 50n);
    assert.equal(doc.tables[0]!.halfStep, 50n);
  });

  it('uses 行次 when a side of the row is empty and its cells were dropped', () => {
    const lines = [
      '收入支出决算总表',
      '公开01表',
      '金额单位：万元',
      '项目\t行次\t金额',
      '栏次\t\t1',
      '一、一般公共预算财政拨款收入\t1\t940.49',
      '9',
      '本年收入合计\t27\t940.49',
    ].map((l) => (l === '9' ? '9\t' : l));
    const doc = recognizeDocument(rawFromLines(lines), { profiles: [testProfile()], catalog });
    const t01 = doc.tables.find((t) => t.id === 'T01')!;
    assert.deepEqual(
      t01.rows.map((r) => [r.key, r.by]),
      [
        ['L1', 'line'],
        ['L9', 'blank'],
        ['L27', 'line'],
      ],
    );
  });
});

describe('科目编码 printed over 类 | 款 | 项 columns', () => {
  const t05 = (...rows: string[]) => [
    '2024 年度',
    '一般公共预算财政拨款支出决算表',
    '公开 05 表',
    '金额单位：万元',
    '科目编码\t科目编码\t科目编码\t科目名称\t本年支出合计\t基本支出\t项目支出',
    '类\t款\t项\t栏次\t1\t2\t3',
    ...rows,
  ];

  it('joins the parts, carrying the 类 and 款 down the rows that leave them blank, or reads “210 15” as one code', () => {
    const lines = t05(
      '\t\t\t合计\t940.49\t685.21\t255.28',
      '208\t\t\t社会保障和就业支出\t83.45\t83.45\t',
      '\t05\t\t行政事业单位养老支出\t83.45\t83.45\t',
      '\t\t05\t机关事业单位基本养老保险缴费支出\t83.45\t83.45\t',
      '210\t\t\t卫生健康支出\t857.04\t601.76\t255.28',
      '210 15\t\t\t医疗保障管理事务\t857.04\t601.76\t255.28',
      '\t\t01\t行政运行\t857.04\t601.76\t255.28',
    );
    const doc = recognizeDocument(rawFromLines(lines), { profiles: [testProfile()], catalog });
    const table = doc.tables.find((t) => t.id === 'T05')!;
    assert.deepEqual(
      table.rows.map((r) => [r.key, r.by]),
      [
        ['total', 'label'],
        ['208', 'code'],
        ['20805', 'code'],
        ['2080505', 'code'],
        ['210', 'code'],
        ['21015', 'code'],
        ['2101501', 'code'],
      ],
    );
    assert.equal(findCell(table.view, '2101501', 'basic')?.value, 6_017_600_00n);
    assert.deepEqual(table.unmatchedRows, []);
  });

  it('reports the rows it cannot place in one R-02 finding per table, each with its reason', () => {
    const lines = t05(
      '\t05\t\t行政事业单位养老支出\t83.45\t83.45\t',
      '208\t\t\t社会保障和就业支出\t83.45\t83.45\t',
      '208\t5\t\t行政事业单位养老\t83.45\t83.45\t',
      '\t\t\t不是科目的行\t1.00\t1.00\t',
    );
    const doc = recognizeDocument(rawFromLines(lines), { profiles: [testProfile()], catalog });
    const table = doc.tables.find((t) => t.id === 'T05')!;
    assert.deepEqual(
      table.unmatchedRows.map((u) => [u.text, u.reason]),
      [
        ['05 行政事业单位养老支出 83.45 83.45', '科目编码「05」之上没有印出它所属的类，拼不成完整代码'],
        ['208 5 行政事业单位养老 83.45 83.45', '科目编码「208 5」拼成的 2085 不是完整的科目代码'],
        [
          '不是科目的行 1.00 1.00',
          '「不是科目的行」不是一般公共预算财政拨款支出决算表的行名，也不是 2024 年的科目名称',
        ],
      ],
    );
    const r02 = doc.findings.filter((f) => f.rule === 'R-02');
    assert.equal(r02.length, 1);
    assert.equal(r02[0]!.id, 'R-02@T05');
    assert.equal(readingPlace(r02[0]!)?.line, 7, 'the first row listed');
    assert.equal(
      r02[0]!.message,
      '公开05表「一般公共预算财政拨款支出决算表」中有 3 行对应不到口径 test-2024 的任何行，其数字未参与审核：' +
        '「05 行政事业单位养老支出 83.45 83.45」（科目编码「05」之上没有印出它所属的类，拼不成完整代码）；' +
        '「208 5 行政事业单位养老 83.45 83.45」（科目编码「208 5」拼成的 2085 不是完整的科目代码）；' +
        '「不是科目的行 1.00 1.00」（「不是科目的行」不是一般公共预算财政拨款支出决算表的行名，也不是 2024 年的科目名称）。' +
        '请核对行名、行次或科目代码',
    );
  });
});

describe('rules over recognised tables', () => {
  const rules = compileCatalogue({
    rules: [
      {
        id: 'T05-01',
        title: '各行等于基本支出加项目支出',
        severity: 'error',
        category: 'intra',
        formula: 'FOR r IN T05: r.C1 = r.C2 + r.C3',
      },
      {
        id: 'T05-02',
        title: '上下级科目相符',
        severity: 'error',
        category: 'intra',
        formula: 'FOR r IN T05 WHERE r IS PARENT, c IN COLUMNS(T05): r.c = SUM(CHILDREN(r).c)',
      },
      {
        id: 'X-01',
        title: '财政拨款支出与一般公共预算支出一致',
        severity: 'error',
        category: 'cross',
        formula: 'T04[L59].C2 = T05[total].C1',
      },
    ],
  });

  it('runs the profile rules on the printed figures with the 万元 envelope: a clean document has no finding', () => {
    const result = auditDocument(rawFromLines(TEST_TABLE_LINES), {
      profiles: [testProfile()],
      catalog,
      rules: () => rules,
    });
    assert.deepEqual(
      result.findings.map((f) => f.rule),
      ['R-01'],
      result.findings.map((f) => f.message).join('\n'),
    );
    assert.equal(result.summary.rulesRun, 3);
  });

  it('folds the failures a blank 合计 row causes into one finding about the row', () => {
    const lines = TEST_TABLE_LINES.map((l) => (l.startsWith('合计\t') ? '合计\t\t\t\t\t' : l));
    const result = auditDocument(rawFromLines(lines), {
      profiles: [testProfile()],
      catalog,
      rules: () => rules,
    });
    const table = result.findings.filter((f) => ['intra', 'cross', 'year', 'annex'].includes(f.category));
    assert.deepEqual(
      table.map((f) => [f.rule, f.severity]),
      [['R-04', 'error']],
    );
    assert.match(table[0]!.message, /公开05表「合计」行整行未印数字.*T05-02、X-01/);
    assert.equal(readingPlace(table[0]!)?.line, 27);
  });

  it('reports a stale 科目 name printed in a table (C-02)', () => {
    const lines = TEST_TABLE_LINES.map((l) =>
      l.replace('21015\t\t医疗保障管理事务', '21015\t\t医疗保障事务（旧）'),
    );
    const result = auditDocument(rawFromLines(lines), {
      profiles: [testProfile()],
      catalog,
      rules: () => rules,
    });
    const c02 = result.findings.find((f) => f.rule === 'C-02');
    assert.ok(c02, result.findings.map((f) => f.rule).join());
    assert.equal(mainCell(c02)?.row?.code, '21015');
    assert.equal(readingPlace(c02)?.line, 34);
  });
});
