import assert from 'node:assert/strict';
import { test } from 'node:test';
import { tableSchema } from '../profile';
import { compileCatalogue, parseTemplate, RULE_CATEGORIES } from './catalogue';

const RULE = {
  id: 'T01-01',
  title: '本年收入合计等于各项收入之和',
  formula: 'T01[L27] = SUM(T01[L1:L8])',
  severity: 'error',
  category: 'intra',
  message: '{table}{row}「本年收入合计」{found} 与第1–8行之和 {expected} 相差 {difference}',
};

test('a valid catalogue compiles every rule', () => {
  const result = compileCatalogue({
    format: 'juesuan.rules/1',
    profile: 'jiangxi-2024',
    rules: [
      RULE,
      { ...RULE, id: 'Y-01', formula: 'T01[L29] = 上年.T01[L60]', severity: 'warning', category: 'year' },
      { ...RULE, id: 'T09-06', enabled: false, years: { from: 2024 }, note: '2024 年起有全年预算数' },
    ],
  });
  assert.deepEqual(result.errors, []);
  assert.equal(result.ok, true);
  assert.deepEqual(
    result.rules.map((r) => r.def.id),
    ['T01-01', 'Y-01', 'T09-06'],
  );
  assert.equal(result.rules[1]!.formula.usesPrior, true);
});

test('a bare array of rules is a catalogue too', () => {
  assert.equal(compileCatalogue([RULE]).ok, true);
});

test('schema errors name the rule and the field, in Chinese', () => {
  const result = compileCatalogue({
    rules: [
      { ...RULE, severity: 'fatal' },
      { ...RULE, id: 'T01-02', formula: undefined },
      { ...RULE, id: 'T01-03', category: 'table' },
      { ...RULE, id: 't1', extra: true },
    ],
  });
  assert.equal(result.ok, false);
  assert.deepEqual(
    result.errors.map((e) => [e.ruleId, e.path, e.message]),
    [
      ['T01-01', 'rules[0].severity', '规则 T01-01 的 severity：严重程度应为 error、warning 或 info'],
      ['T01-02', 'rules[1].formula', '规则 T01-02 的 formula：缺少此项（应为 string）'],
      [
        'T01-03',
        'rules[2].category',
        '规则 T01-03 的 category：类别应为 intra、cross、year、code、annex、narrative',
      ],
      ['t1', 'rules[3].id', '规则 t1 的 id：规则编号应形如 T01-01、X-03 或 T04-10.2'],
      ['t1', 'rules[3]', '规则 t1：不认识的字段 extra'],
    ],
  );
});

test('a catalogue that is not an object with rules says so', () => {
  const result = compileCatalogue({ rule: [] });
  assert.deepEqual(
    result.errors.map((e) => e.message),
    ['rules：缺少此项（应为 array）', '规则目录：不认识的字段 rule'],
  );
});

test('duplicate ids and reversed years are errors', () => {
  const result = compileCatalogue([RULE, { ...RULE, years: { from: 2025, to: 2020 } }]);
  assert.deepEqual(
    result.errors.map((e) => e.message),
    ['规则 T01-01 的编号重复', '规则 T01-01 的适用年度起止颠倒'],
  );
});

test('formula errors carry the rule id and the position in the formula', () => {
  const result = compileCatalogue([RULE, { ...RULE, id: 'T01-02', formula: 'T01[L31 = T01[L27]' }]);
  assert.equal(result.ok, false);
  assert.equal(result.rules.length, 1);
  const [error] = result.errors;
  assert.equal(error?.ruleId, 'T01-02');
  assert.equal(error?.path, 'rules[1].formula');
  assert.equal(error?.line, 1);
  assert.equal(error?.column, 9);
  assert.match(error!.message, /^规则 T01-02 公式第 1 行第 9 列：此处应为 /);
});

test('references are checked against the profile tables when given', () => {
  const tables = [
    tableSchema.parse({
      id: 'T01',
      number: '公开01表',
      title: '收入支出决算总表',
      sections: [
        {
          key: 'income',
          columns: [{ key: 'amount', no: 1, label: '金额', fact: 'income source={source}' }],
          rows: [{ line: 27, label: '本年收入合计', params: { source: 'total' } }],
        },
      ],
    }),
  ];
  const result = compileCatalogue([RULE], { tables });
  assert.deepEqual(
    result.errors.map((e) => e.message),
    ['规则 T01-01 公式第 1 行第 20 列：T01 没有第 1 行', '规则 T01-01 公式第 1 行第 23 列：T01 没有第 8 行'],
  );
});

test('a rule outside the year of the tables is checked for syntax only: the table it names is not printed that year', () => {
  const tables = [
    tableSchema.parse({
      id: 'T01',
      number: '表1',
      title: '收入支出决算总表',
      sections: [
        {
          key: 'income',
          columns: [{ key: 'amount', no: 1, label: '金额', fact: 'income' }],
          rows: [{ line: 27, label: '本年收入合计' }],
        },
      ],
    }),
  ];
  const incomeExpense = {
    ...RULE,
    id: 'T08I-03',
    formula: 'T08I[total].closing = T08I[total].opening',
    years: { from: 2021 },
  };
  assert.deepEqual(compileCatalogue([incomeExpense], { tables, year: 2020 }).errors, []);
  assert.deepEqual(
    compileCatalogue([incomeExpense], { tables, year: 2021 }).errors.map((e) => e.message),
    [1, 23].map((column) => `规则 T08I-03 公式第 1 行第 ${column} 列：未知的表 T08I；口径中的表有 T01`),
  );
  assert.equal(
    compileCatalogue([{ ...incomeExpense, formula: 'T08I[total' }], { tables, year: 2020 }).ok,
    false,
  );
});

test('message placeholders are checked; FOR variables and their properties may be used', () => {
  const unknown = compileCatalogue([{ ...RULE, message: '{table} 差 {diff}' }]);
  assert.match(unknown.errors[0]!.message, /^规则 T01-01 的提示语：未知的占位符 \{diff\}；可用 \{id\}/);
  const withVariable = compileCatalogue([
    {
      ...RULE,
      formula: 'FOR k IN T03 WHERE k IS 类: k.C1 = T01[k]',
      message: '{k.code} {k.label} {k}：{difference}',
    },
  ]);
  assert.deepEqual(withVariable.errors, []);
  const badProperty = compileCatalogue([{ ...RULE, formula: 'FOR k IN T03: k.C1 = 0', message: '{k.name}' }]);
  assert.match(badProperty.errors[0]!.message, /变量只有 label、code、line、key、no 这些属性/);
});

test('a template splits into text and placeholders; stray braces are refused', () => {
  assert.deepEqual(parseTemplate('{table}第{line}行 差 {difference}'), {
    ok: true,
    parts: [{ name: 'table' }, '第', { name: 'line' }, '行 差 ', { name: 'difference' }],
  });
  assert.equal(parseTemplate('差额 {difference').ok, false);
});

test('categories have Chinese labels', () => {
  assert.deepEqual(RULE_CATEGORIES, {
    intra: '表内',
    cross: '表间',
    year: '跨年',
    code: '科目',
    annex: '附表',
    narrative: '情况说明',
  });
});
