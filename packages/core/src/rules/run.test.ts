import assert from 'node:assert/strict';
import { test } from 'node:test';
import { cellPlaces } from '../finding';
import type { TableView } from '../views';
import { type CompiledRule, compileCatalogue, type RuleDef } from './catalogue';
import { type RunOptions, runRules } from './run';
import { t01, t03, t09, table, wan } from './test-fixtures';

const HALF_WAN_CENT = 5_000n; // 0.005 万元: half of a printed 0.01 万元

type RuleInput = Partial<RuleDef> & { formula: string };

function rules(...inputs: RuleInput[]): CompiledRule[] {
  const compiled = compileCatalogue({
    rules: inputs.map((r, i) => ({
      id: `T99-${String(i + 1).padStart(2, '0')}`,
      title: '测试规则',
      severity: 'error',
      category: 'intra',
      ...r,
    })),
  });
  assert.deepEqual(
    compiled.errors.map((e) => e.message),
    [],
  );
  return compiled.rules;
}

function run(input: RuleInput | RuleInput[], views: TableView[], options: Partial<RunOptions> = {}) {
  return runRules(rules(...(Array.isArray(input) ? input : [input])), { views, halfStep: 0n, ...options });
}

const T01_SEED = () =>
  t01({ l1: '940.49', l27: '940.50' }, { '201': '83.45', '210': '812.03', '229': '45.02', total: '940.49' });

test('an identity that holds exactly passes with no finding', () => {
  const result = run({ formula: 'T01[L27] = SUM(T01[L1:L8])' }, [t01({ l1: '940.50', l27: '940.50' })]);
  assert.deepEqual(result.findings, []);
  assert.equal(result.summary.checks, 1);
  assert.equal(result.summary.passed, 1);
  assert.equal(result.summary.clean, true);
});

test('exact figures (元 data, halfStep 0) that differ by 0.01 万元 fail with the difference', () => {
  const result = run({ formula: 'T01[L27] = SUM(T01[L1:L8])', title: '本年收入合计等于各项收入之和' }, [
    T01_SEED(),
  ]);
  assert.equal(result.findings.length, 1);
  const finding = result.findings[0]!;
  assert.equal(finding.id, 'T99-01@T01[L27]');
  assert.equal(finding.severity, 'error');
  assert.equal(finding.rounding, false);
  assert.deepEqual(finding.found, { text: '940.50万元', value: String(wan('940.50')), unit: '分' });
  assert.deepEqual(finding.expected, { text: '940.49万元', value: String(wan('940.49')), unit: '分' });
  assert.deepEqual(finding.difference, { text: '0.01万元', value: String(10_000n), unit: '分' });
  assert.equal(finding.tolerance, undefined);
  assert.equal(
    finding.message,
    '公开01表第27行「本年收入合计」（940.50万元）应等于 SUM(T01[L1:L8])（940.49万元），相差 0.01万元',
  );
  // The cells read: L27, then L1–L8 and the blank L9 is not in the range.
  assert.deepEqual(
    cellPlaces(finding).map((c) => c.address),
    ['T01[L27]', 'T01[L1]', 'T01[L2]', 'T01[L3]', 'T01[L4]', 'T01[L5]', 'T01[L6]', 'T01[L7]', 'T01[L8]'],
  );
  assert.deepEqual(cellPlaces(finding)[0]!.value, {
    text: '940.50万元',
    value: String(wan('940.50')),
    unit: '分',
  });
  assert.equal(result.summary.counts.error, 1);
  assert.equal(result.summary.clean, false);
});

test('940.50 against 940.49 plus seven printed zeros is 尾数误差 (info) at ±0.005 万元 per figure', () => {
  const result = run({ formula: 'T01[L27] = SUM(T01[L1:L8])' }, [T01_SEED()], { halfStep: HALF_WAN_CENT });
  assert.equal(result.findings.length, 1);
  const finding = result.findings[0]!;
  assert.equal(finding.severity, 'info');
  assert.equal(finding.ruleSeverity, 'error');
  assert.equal(finding.rounding, true);
  // Nine printed figures, each ±0.005: the difference may be up to ±0.045.
  assert.deepEqual(finding.tolerance, { text: '0.045万元', value: String(45_000n), unit: '分' });
  assert.match(finding.message, /相差 0\.01万元（差额在尾数误差范围 ±0\.045万元 内，属尾数误差）$/);
  assert.deepEqual(result.summary.counts, { error: 0, warning: 0, info: 1, accepted: 0 });
  assert.equal(result.summary.clean, true);
});

test('a difference just beyond the rounding envelope is the rule severity', () => {
  // 940.55 − 940.49 = 0.06 > 0.045.
  const views = [t01({ l1: '940.49', l27: '940.55' })];
  const result = run({ formula: 'T01[L27] = SUM(T01[L1:L8])' }, views, { halfStep: HALF_WAN_CENT });
  assert.equal(result.findings[0]?.severity, 'error');
  assert.equal(result.findings[0]?.difference?.text, '0.06万元');
});

test('a difference equal to the envelope is outside it: the interval is open', () => {
  // Two printed figures: envelope ±0.01; 0.01 apart cannot both round from one true value, but the
  // official software rounds each table on its own and prints so: 舍入不一致, a warning naming both.
  const views = [t01({ l1: '940.49', l27: '940.50' })];
  const result = run({ formula: 'T01[L27] = T01[L1]' }, views, { halfStep: HALF_WAN_CENT });
  assert.equal(result.findings[0]?.severity, 'warning');
  assert.equal(result.findings[0]?.ruleSeverity, 'error');
  assert.match(
    result.findings[0]!.message,
    /^舍入不一致：公开01表第27行「本年收入合计」印 940\.50万元，公开01表第1行「[^」]+」印 940\.49万元，同一数相差末位一个单位（0\.01万元）/,
  );
  const apart = run({ formula: 'T01[L27] = T01[L1]' }, [t01({ l1: '940.48', l27: '940.50' })], {
    halfStep: HALF_WAN_CENT,
  });
  assert.equal(apart.findings[0]?.severity, 'error', 'two units of the last digit are a real difference');
  const inside = run({ formula: 'T01[L27] = T01[L1] + T01[L2]' }, views, { halfStep: HALF_WAN_CENT });
  assert.equal(inside.findings[0]?.severity, 'info');
});

test('counts are exact whatever the half step of money', () => {
  const views = [t09({ l1: '1.00', l2: '1.00', l3: '0.00', l11: 2, l12: 3 })];
  const result = run({ formula: 'T09[L11] = T09[L12]' }, views, { halfStep: HALF_WAN_CENT });
  assert.equal(result.findings[0]?.severity, 'error');
  assert.deepEqual(result.findings[0]?.difference, { text: '-1', value: '-1', unit: '个' });
});

test('≤ fails as a warning beyond the envelope and is info within it', () => {
  const views = [t01({ l1: '940.49', l27: '940.50' })];
  const rule: RuleInput = { formula: 'T01[L27] <= T01[L1]', severity: 'warning' };
  const exact = run(rule, views);
  assert.equal(exact.findings[0]?.severity, 'warning');
  assert.match(exact.findings[0]!.message, /不应大于 .*，超出 0\.01万元$/);
  const rounded = run({ formula: 'T01[L27] <= T01[L1] + T01[L2]', severity: 'warning' }, views, {
    halfStep: HALF_WAN_CENT,
  });
  assert.equal(rounded.findings[0]?.severity, 'info');
  assert.equal(run({ formula: 'T01[L1] <= T01[L27]', severity: 'warning' }, views).findings.length, 0);
});

test('a written explanation accepts a warning under its finding id', () => {
  const views = [t01({ l1: '940.49', l27: '940.50' })];
  const rule: RuleInput = { formula: 'T01[L27] <= T01[L1]', severity: 'warning' };
  const result = run(rule, views, { explanations: { 'T99-01@T01[L27]': '含非财政拨款结余，已核实。' } });
  assert.equal(result.findings[0]?.explained, '含非财政拨款结余，已核实。');
  assert.deepEqual(result.summary.counts, { error: 0, warning: 0, info: 0, accepted: 1 });
  assert.equal(result.summary.clean, true);
  // An explanation does not accept an error.
  const error = run({ ...rule, severity: 'error' }, views, { explanations: { 'T99-01@T01[L27]': '已核实' } });
  assert.equal(error.findings[0]?.explained, undefined);
  assert.equal(error.summary.counts.error, 1);
});

const T03_ROWS: [string, string, string, string][] = [
  ['total', '940.50', '900.00', '40.50'],
  ['201', '83.45', '83.45', '0.00'],
  ['20101', '83.45', '83.45', '0.00'],
  ['210', '812.03', '800.00', '12.03'],
  ['21011', '369.81', '360.00', '9.81'],
  ['2101101', '300.00', '300.00', '0.00'],
  ['2101102', '69.81', '60.00', '9.81'],
  ['21015', '442.22', '440.00', '2.22'],
  ['2101501', '442.22', '440.00', '2.22'],
  ['229', '45.02', '16.55', '28.47'],
];

test('类 = Σ款, 款 = Σ项 and 合计 = Σ类 per column with one CHILDREN rule', () => {
  const formula = 'FOR r IN T03 WHERE r IS PARENT, c IN COLUMNS(T03): r.c = SUM(CHILDREN(r).c)';
  assert.deepEqual(run({ formula }, [t03(T03_ROWS)]).findings, []);
  // 21011 項 2101102 off by 1.00 in 基本支出 (C2): its 款 no longer adds up.
  const broken = T03_ROWS.map((r): [string, string, string, string] =>
    r[0] === '2101102' ? [r[0], '70.81', '61.00', r[3]] : r,
  );
  const result = run({ formula }, [t03(broken)]);
  assert.deepEqual(
    result.findings.map((f) => f.id),
    ['T99-01@T03[21011].C1', 'T99-01@T03[21011].C2'],
  );
  const finding = result.findings[1]!;
  assert.deepEqual(finding.difference, { text: '-1.00万元', value: String(-wan('1.00')), unit: '分' });
  assert.deepEqual(
    cellPlaces(finding).map((c) => c.address),
    ['T03[21011].C2', 'T03[2101101].C2', 'T03[2101102].C2'],
  );
  // 合计, 201, 210, 21011 and 21015 have children (20101 has no 项 here): 5 rows × 3 columns.
  assert.equal(result.summary.checks, 15);
});

test('a per-row rule covers every row of the table', () => {
  const rows = T03_ROWS.map((r): [string, string, string, string] =>
    r[0] === '2101501' ? [r[0], '443.22', '433.25', '9.98'] : r,
  );
  const formula = 'FOR r IN T03: r.C1 = SUM(r.C2:C3)';
  const exact = run({ formula }, [t03(rows)]);
  assert.equal(exact.summary.checks, rows.length);
  assert.deepEqual(
    exact.findings.map((f) => [f.id, f.severity, f.difference?.text]),
    [['T99-01@T03[2101501].C1', 'error', '-0.01万元']],
  );
  // Printed 万元: 443.22 vs 433.25 + 9.98 = 443.23 is within ±0.015.
  const printed = run({ formula }, [t03(rows)], { halfStep: HALF_WAN_CENT });
  assert.equal(printed.findings[0]?.severity, 'info');
});

test('rows are joined across tables by code; a 类 missing from the other table counts as 0', () => {
  const formula = 'FOR k IN T03 WHERE k IS 类: k.C1 = T01[k]';
  const views = [T01_SEED(), t03(T03_ROWS)];
  assert.deepEqual(run({ formula }, views).findings, []);
  const extra = t03([...T03_ROWS, ['213', '1.00', '1.00', '0.00']]);
  const result = run({ formula, category: 'cross' }, [T01_SEED(), extra]);
  assert.equal(result.findings.length, 1);
  const finding = result.findings[0]!;
  assert.equal(finding.id, 'T99-01@T03[213].C1');
  assert.equal(finding.categoryLabel, '表间');
  assert.match(
    finding.message,
    /^公开03表「213 科目213」第1栏「本年支出合计」（1.00万元）应等于 公开01表「213」（本表无此行）（0.00万元）/,
  );
  assert.deepEqual(cellPlaces(finding)[1], {
    kind: 'cell',
    table: 'T01',
    tableNumber: '公开01表',
    row: { code: '213', label: '', missing: true },
    column: { key: 'amount', no: 2, label: '金额' },
    address: 'T01[213]',
  });
});

test('EXISTS filters rows present in another table', () => {
  const formula = 'FOR k IN T03 WHERE k IS 类 AND EXISTS(T01[k]): k.C1 = T01[k]';
  const extra = t03([...T03_ROWS, ['213', '1.00', '1.00', '0.00']]);
  assert.deepEqual(run({ formula }, [T01_SEED(), extra]).findings, []);
});

test('IF … THEN applies only where the condition holds as printed', () => {
  const rule: RuleInput = {
    formula: 'IF T09[L2].actual > 0 THEN T09[L11] > 0 AND T09[L12] > 0',
    severity: 'warning',
  };
  const noTravel = run(rule, [t09({ l1: '0.00', l2: '0.00', l3: '0.00', l11: 0, l12: 0 })]);
  assert.deepEqual(noTravel.findings, []);
  assert.equal(noTravel.summary.checks, 0);
  const travel = run(rule, [t09({ l1: '3.00', l2: '3.00', l3: '0.00', l11: 0, l12: 4 })]);
  assert.equal(travel.findings.length, 1);
  assert.equal(travel.findings[0]!.id, 'T99-01@T09[L11].C3');
  assert.equal(
    travel.findings[0]!.message,
    '公开09表第11行「1.因公出国（境）团组数（个）」第3栏「决算数」（0）应大于 0',
  );
  const consistent = run(rule, [t09({ l1: '3.00', l2: '3.00', l3: '0.00', l11: 1, l12: 4 })]);
  assert.deepEqual(consistent.findings, []);
});

test('IFF flags money without counts and counts without money', () => {
  const rule: RuleInput = { formula: 'T09[L2].actual > 0 IFF T09[L11] > 0', severity: 'warning' };
  assert.equal(run(rule, [t09({ l1: '0.00', l2: '0.00', l3: '0.00', l11: 2, l12: 0 })]).findings.length, 1);
  assert.equal(run(rule, [t09({ l1: '1.00', l2: '1.00', l3: '0.00', l11: 0, l12: 0 })]).findings.length, 1);
  assert.equal(run(rule, [t09({ l1: '1.00', l2: '1.00', l3: '0.00', l11: 1, l12: 0 })]).findings.length, 0);
});

test('last year: resolved against prior views, skipped with a reason without them', () => {
  const rule: RuleInput = {
    id: 'Y-01',
    formula: 'T01[L1] = 上年.T01[L1]',
    severity: 'warning',
    category: 'year',
  };
  const current = [t01({ l1: '10.00', l27: '10.00' })];
  const skipped = run(rule, current);
  assert.deepEqual(skipped.summary.skipped, [{ ruleId: 'Y-01', reason: '未提供上年报表，跨年规则未运行' }]);
  assert.equal(skipped.summary.rulesRun, 0);
  const same = run(rule, current, { priorViews: [t01({ l1: '10.00', l27: '10.00' })] });
  assert.deepEqual(same.findings, []);
  assert.equal(same.summary.rulesRun, 1);
  const changed = run(rule, current, { priorViews: [t01({ l1: '9.00', l27: '9.00' })] });
  assert.equal(changed.findings[0]?.severity, 'warning');
  assert.deepEqual(
    cellPlaces(changed.findings[0]!).map((c) => [c.address, c.prior]),
    [
      ['T01[L1]', undefined],
      ['上年.T01[L1]', true],
    ],
  );
  assert.match(changed.findings[0]!.message, /上年公开01表第1行/);
});

test('PY. is the ASCII spelling of 上年.; a prior row variable joins by code', () => {
  const rule: RuleInput = { formula: 'FOR k IN T01[L32:L34]: k <= PY.T01[k] * 2' };
  const current = [t01({ l1: '0', l27: '0' }, { '201': '10.00', '210': '30.00' })];
  const prior = [t01({ l1: '0', l27: '0' }, { '201': '5.00', '210': '10.00' })];
  const result = run(rule, current, { priorViews: prior });
  assert.deepEqual(
    result.findings.map((f) => [f.id, f.difference?.text]),
    [['T99-01@T01[210]', '10.00万元']],
  );
});

test('rules outside their years, disabled, or naming absent tables are skipped with the reason', () => {
  const views = [t01({ l1: '1.00', l27: '1.00' })];
  const result = run(
    [
      { id: 'T09-06', formula: 'T01[L1] = 0', years: { from: 2025 } },
      { id: 'T09-07', formula: 'T01[L1] = 0', enabled: false },
      { id: 'T10-01', formula: 'T10[L1] = SUM(T10[L2:L9])' },
    ],
    views,
  );
  assert.deepEqual(result.summary.skipped, [
    { ruleId: 'T09-06', reason: '仅适用于 2025 年起，本报表为 2024 年' },
    { ruleId: 'T09-07', reason: '规则已停用' },
    { ruleId: 'T10-01', reason: '本套报表没有表 T10' },
  ]);
  assert.deepEqual(result.findings, []);
});

test('a — cell in arithmetic is reported as a mistake of the rule, naming the cell', () => {
  const views = [t09({ l1: '1.00', l2: '1.00', l3: '0.00', l11: 1, l12: 1 })];
  const result = run({ formula: 'FOR c IN T09.C1:C3: T09[L11].c >= 0' }, views);
  assert.deepEqual(result.findings, []);
  assert.equal(result.summary.ruleErrors.length, 2);
  assert.match(
    result.summary.ruleErrors[0]!.message,
    /^规则 T99-01（公式第 1 行第 21 列，c = 第1栏）：公开09表第11行「1\.因公出国（境）团组数（个）」第1栏「年初预算数」（T09\[L11\]\.C1）不适用（—），不能参与计算/,
  );
  assert.equal(result.summary.clean, false);
  // Predicates may look at — cells.
  const na = run({ formula: 'FOR c IN T09.C1:C2: NA(T09[L11].c)' }, views);
  assert.deepEqual(na.findings, []);
  assert.deepEqual(na.summary.ruleErrors, []);
});

test('absent cells count as 0; PRESENT requires a figure', () => {
  const view = table('T05', [
    {
      key: 'main',
      columns: [
        ['total', 1, '合计'],
        ['basic', 2, '基本支出'],
      ],
      rows: [{ key: 'total', label: '合计', cells: { total: '5.00' } }],
    },
  ]);
  assert.deepEqual(run({ formula: 'T05[total].C1 = T05[total].C2 + 5万元' }, [view]).findings, []);
  const missing = run({ formula: 'PRESENT(T05[total].basic)' }, [view]);
  assert.equal(missing.findings[0]?.message, '公开05表「合计」第2栏「基本支出」 未填报');
});

test('an all-zero table must carry its empty-table statement', () => {
  const empty = (statement?: string) =>
    table(
      'T07',
      [
        {
          key: 'main',
          columns: [['total', 3, '小计']],
          rows: [{ key: 'total', label: '合计', cells: { total: '0.00' } }],
        },
      ],
      statement ? { emptyStatement: statement } : {},
    );
  const rule: RuleInput = { formula: 'IF ALLZERO(T07) THEN HAS_STATEMENT(T07)' };
  const result = run(rule, [empty()]);
  assert.equal(result.findings[0]?.id, 'T99-01@T07');
  assert.match(result.findings[0]!.message, /公开07表 应有空表说明/);
  assert.deepEqual(run(rule, [empty('本部门无政府性基金预算财政拨款收入、支出。')]).findings, []);
});

test('multiplication and division of printed figures use interval endpoints on exact rationals', () => {
  // 1.02 / 1.32 = 77.27 %; with ±0.005 on both the ratio spans about 76.5 %–78.1 %.
  const views = [t09({ l1: '1.32', l2: '1.02', l3: '0.30', l11: 1, l12: 1 })];
  const rule = (percent: string): RuleInput => ({ formula: `T09[L2].actual / T09[L1].actual = ${percent}%` });
  assert.equal(run(rule('77.27'), views).findings[0]?.severity, 'error');
  assert.equal(run(rule('77.27'), views, { halfStep: HALF_WAN_CENT }).findings[0]?.severity, 'info');
  assert.equal(run(rule('79'), views, { halfStep: HALF_WAN_CENT }).findings[0]?.severity, 'error');
  const found = run(rule('77.27'), views).findings[0]!.found;
  assert.deepEqual(found, { text: '0.7727', unit: '比值' });
});

test('money compared with a bare number is refused: constants need a unit', () => {
  const views = [t01({ l1: '1.00', l27: '1.00' })];
  const bare = run({ formula: 'T01[L1] < 100' }, views);
  assert.match(bare.summary.ruleErrors[0]!.message, /金额常数须写明单位，如 100万元/);
  assert.deepEqual(run({ formula: 'T01[L1] < 100万元' }, views).findings, []);
  assert.equal(run({ formula: 'T01[L1] > 100元' }, views).findings.length, 0);
});

test('money and counts do not add, but an exact zero of either kind adds to the other', () => {
  const views = [t09({ l1: '3.00', l2: '1.00', l3: '2.00', l11: 4, l12: 4 })];
  const mixed = run({ formula: 'T09[L1].C3 = T09[L2].C3 + T09[L11]' }, views);
  assert.deepEqual(mixed.findings, []);
  assert.match(mixed.summary.ruleErrors[0]!.message, /不能相加：金额与计数/);
  // 4 − 4 is an exact zero, even though it is made of counts: adding money to it is allowed.
  for (const halfStep of [0n, HALF_WAN_CENT]) {
    const zero = run({ formula: 'T09[L1].C3 = T09[L11] - T09[L12] + T09[L2].C3 + T09[L3].C3' }, views, {
      halfStep,
    });
    assert.deepEqual(zero.summary.ruleErrors, []);
    assert.deepEqual(zero.findings, []);
  }
});

test('a message template names the cells and shows found, expected and difference', () => {
  const result = run(
    {
      formula: 'T01[L27] = SUM(T01[L1:L8])',
      message: '{table}{row}{found} 与第1–8行之和 {expected} 相差 {difference}',
    },
    [T01_SEED()],
  );
  assert.equal(
    result.findings[0]?.message,
    '公开01表第27行「本年收入合计」940.50万元 与第1–8行之和 940.49万元 相差 0.01万元',
  );
});

test('templates may use FOR variables and their properties', () => {
  const result = run(
    {
      formula: 'FOR k IN T03 WHERE k IS 类: k.C1 = T01[k]',
      message: '{k.code}{k.label}：支出决算表 {found}，总表 {expected}',
    },
    [T01_SEED(), t03([...T03_ROWS, ['213', '1.00', '1.00', '0.00']])],
  );
  assert.equal(result.findings[0]?.message, '213科目213：支出决算表 1.00万元，总表 0.00万元');
});

test('exact 元 data show every 分 of a difference, even in a 万元 table', () => {
  const views = [t01({ l1: '940.4912', l27: '940.5000' })];
  const result = run({ formula: 'T01[L27] = T01[L1]' }, views);
  assert.deepEqual(result.findings[0]?.difference, { text: '0.0088万元', value: String(8_800n), unit: '分' });
  assert.equal(result.findings[0]?.found?.text, '940.5000万元');
});

test('several statements of one rule give separately keyed findings', () => {
  const views = [t01({ l1: '1.00', l27: '2.00' })];
  const result = run({ formula: 'T01[L27] = T01[L1]; T01[L1] = T01[L27]; T01[L27] = 0' }, views);
  assert.deepEqual(
    result.findings.map((f) => f.id),
    ['T99-01@T01[L27]', 'T99-01@T01[L1]', 'T99-01@T01[L27]~2'],
  );
});

test('SUM over lists of rows, lists of columns and of expressions; ABS, MIN and MAX', () => {
  const views = [t03(T03_ROWS), T01_SEED()];
  const holds = [
    'T03[total].C1 = SUM(T03[201, 210, 229].C1)',
    'T03[total].C1 = SUM(T03[total].(C2, C3))',
    'T03[total].C1 = SUM(T03[201].C1, T03[210].C1, T03[229].C1)',
    'ABS(T01[L27] - T01[L1]) <= 0.01万元',
    'MIN(T03[201, 210, 229].C1) = T03[229].C1',
    'MAX(T03[201, 210, 229].C1, 0) = T03[210].C1',
    'SUM(CHILDREN(T03[total]).C1) = T03[total].C1',
  ];
  for (const formula of holds) assert.deepEqual(run({ formula }, views).findings, [], formula);
  assert.equal(run({ formula: 'ABS(T01[L27] - T01[L1]) < 0.01万元' }, views).findings.length, 1);
});

/** A T03-like table whose columns are in the order given: the same keys under other 栏次. */
function t03Layout(order: ('total' | 'basic' | 'project')[], values: Record<string, string>) {
  const labels = { total: '合计', basic: '基本支出', project: '项目支出' };
  return table('T03', [
    {
      key: 'main',
      columns: order.map((key, i): [string, number, string] => [key, i + 1, labels[key]]),
      rows: [{ code: '201', label: '一般公共服务支出', cells: values }],
    },
  ]);
}

test('rules compiled once find each run its own: nothing of the tables of one run is kept for the next', () => {
  const compiled = rules(
    { formula: 'T01[L27] = SUM(T01[L1:L8])' },
    { formula: 'FOR k IN T01[L32:L34]: k = T03[k].C1' },
  );
  const expense = t03([
    ['201', '83.45', '83.45', '0.00'],
    ['210', '812.03', '812.03', '0.00'],
    ['229', '45.02', '45.02', '0.00'],
  ]);
  const consistent = [T01_SEED(), expense];
  const faulty = [
    t01({ l1: '940.50', l27: '940.50' }, { '201': '80.00', '210': '812.03', '229': '45.02' }),
    expense,
  ];
  const findings = (views: TableView[]) =>
    runRules(compiled, { views, halfStep: 0n }).findings.map((f) => `${f.id} ${f.found?.text}`);
  const first = findings(consistent);
  assert.deepEqual(findings(faulty), ['T99-02@T01[201] 80.00万元']);
  assert.deepEqual(findings(consistent), first);
  assert.deepEqual(first, ['T99-01@T01[L27] 940.50万元']);
});

test('a column named by 栏次 or by a variable is found in each table’s own columns, run after run', () => {
  const compiled = rules({ formula: 'FOR r IN T03, c IN (basic): r.c <= r.C2' });
  const findings = (order: ('total' | 'basic' | 'project')[]) =>
    runRules(compiled, {
      views: [t03Layout(order, { total: '13.00', basic: '8.00', project: '5.00' })],
      halfStep: 0n,
    }).findings.map((f) => `${f.id} ${f.found?.text} ${f.expected?.text}`);
  // 第2栏 is 基本支出 itself in the first layout, 项目支出 in the second.
  assert.deepEqual(findings(['total', 'basic', 'project']), []);
  assert.deepEqual(findings(['total', 'project', 'basic']), ['T99-01@T03[201].C3 8.00万元 5.00万元']);
  assert.deepEqual(findings(['total', 'basic', 'project']), []);
});
