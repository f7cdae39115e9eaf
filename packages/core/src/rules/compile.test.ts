import assert from 'node:assert/strict';
import { test } from 'node:test';
import { type TableDef, tableSchema } from '../profile';
import { compileFormula } from './compile';

/** A small profile: T01 two-sided, T03 code table, T06 economic rows with footers, T09 with — cells. */
const TABLES: TableDef[] = [
  {
    id: 'T01',
    number: '公开01表',
    title: '收入支出决算总表',
    layout: { kind: 'sideBySide' },
    sections: [
      {
        key: 'income',
        columns: [{ key: 'amount', no: 1, label: '金额', fact: 'income source={source}' }],
        rows: [
          { line: 1, label: '一般公共预算财政拨款收入', params: { source: 'gpb' } },
          { line: 2, label: '政府性基金预算财政拨款收入', params: { source: 'gfb' } },
          { line: 9, blank: true },
          { line: 27, label: '本年收入合计', params: { source: 'total' } },
        ],
      },
      {
        key: 'expense',
        columns: [{ key: 'amount', no: 2, label: '金额', fact: 'expense func={code}' }],
        rows: [
          { line: 32, code: '201', label: '一般公共服务支出' },
          { line: 33, code: '210', label: '卫生健康支出' },
          { line: 58, label: '本年支出合计', params: { code: '*' } },
        ],
      },
    ],
  },
  {
    id: 'T03',
    number: '公开03表',
    title: '支出决算表',
    sections: [
      {
        key: 'main',
        columns: [
          { key: 'total', no: 1, label: '本年支出合计', fact: 'expense func={code}' },
          { key: 'basic', no: 2, label: '基本支出', fact: 'expense func={code} nature=basic' },
          { key: 'project', no: 3, label: '项目支出', fact: 'expense func={code} nature=project' },
        ],
        rows: [
          { key: 'total', label: '合计', params: { code: '*' } },
          { codeRows: { classification: 'functional', maxLevel: '项' } },
        ],
      },
    ],
  },
  {
    id: 'T06',
    number: '公开06表',
    title: '基本支出决算表',
    sections: [
      {
        key: 'main',
        columns: [{ key: 'amount', label: '金额', fact: 'basicEcon econ={code}' }],
        rows: [
          { code: '301' },
          { code: '30101' },
          { key: 'personnel', label: '人员经费合计', cells: { amount: 'basicGroup group=personnel' } },
        ],
      },
    ],
  },
  {
    id: 'T09',
    number: '公开09表',
    title: '三公',
    sections: [
      {
        key: 'main',
        columns: [
          {
            key: 'initialBudget',
            no: 1,
            label: '年初预算数',
            fact: 'threePublic item={item} col=initialBudget',
          },
          { key: 'actual', no: 3, label: '决算数', fact: 'threePublic item={item} col=actual' },
        ],
        rows: [
          { line: 1, label: '三公经费支出', params: { item: 'total' } },
          {
            line: 11,
            label: '团组数',
            cells: { initialBudget: null, actual: 'threePublicCount item=abroadGroups' },
          },
        ],
      },
    ],
  },
].map((t) => tableSchema.parse(t));

function errors(source: string, withProfile = true): string[] {
  const result = compileFormula(source, withProfile ? { tables: TABLES } : {});
  return result.ok ? [] : result.errors.map((e) => `${e.line}:${e.column} ${e.message}`);
}

test('formulas that name existing tables, rows and columns compile against the profile', () => {
  const good = [
    'T01[L27] = SUM(T01[L1:L2])',
    'T01[L58] = SUM(T01[L32:L33])',
    'T03[total].C1 = T03[2101501].basic + T03[210].project',
    'T06[人员经费合计] = T06[301]',
    'T06[personnel] = SUM(CHILDREN(T06[301]))',
    'T09[L11] >= 0',
    'FOR r IN T03 WHERE r IS PARENT, c IN COLUMNS(T03): r.c = SUM(CHILDREN(r).c)',
    'FOR k IN T03 WHERE k IS 类: k.C1 = T01[k]',
    'FOR c IN T09.C1:C3: T09[L1].c >= 0',
    'FOR r IN T01 WHERE r IS BLANK: BLANK(T01[r])',
    'T01[L1] = 上年.T01[L1]',
  ];
  for (const source of good) assert.deepEqual(errors(source), [], source);
});

test('what the compiled formula needs: tables of this and last year, and its variables', () => {
  const result = compileFormula('FOR k IN T03 WHERE k IS 类: k.C1 = T01[k] + 上年.T01[k]', {
    tables: TABLES,
  });
  assert.ok(result.ok);
  if (!result.ok) return;
  assert.deepEqual(result.formula.tables.sort(), ['T01', 'T03']);
  assert.deepEqual(result.formula.priorTables, ['T01']);
  assert.equal(result.formula.usesPrior, true);
  assert.deepEqual(result.formula.variables, ['k']);
});

test('unknown tables, 行次, keys, labels, codes and columns are compile errors with their position', () => {
  assert.deepEqual(errors('T11[L1] = 0'), ['1:1 未知的表 T11；口径中的表有 T01、T03、T06、T09']);
  assert.deepEqual(errors('T01[L1] = T01[L99]'), ['1:15 T01 没有第 99 行']);
  assert.deepEqual(errors('T03[totl].C1 = 0'), [
    '1:5 T03 没有行键 totl（若 totl 是变量，须先用 FOR totl IN … 声明）',
  ]);
  assert.deepEqual(errors('T06[公用经费合计] = 0'), ['1:5 T06 没有名为「公用经费合计」的行']);
  assert.deepEqual(errors('T01[2101501] = 0'), ['1:5 T01 没有科目 2101501 的行']);
  assert.deepEqual(errors('T03[21015011].C1 = 0'), [
    '1:5 21015011 不是科目编码（类 3 位、款 5 位、项 7 位）',
  ]);
  assert.deepEqual(errors('T03[total].C9 = 0'), ['1:12 T03 没有第 9 栏']);
  assert.deepEqual(errors('T03[total].other = 0'), ['1:12 T03 没有栏 other']);
  assert.deepEqual(errors('T01[L1].C2 = 0'), ['1:9 T01 income 部分没有第 2 栏']);
});

test('a column may be left out only where the row has a single figure', () => {
  assert.deepEqual(errors('T09[L11] >= 0'), []);
  assert.deepEqual(errors('T09[L1] >= 0'), ['1:1 T09 第 1 行有 2 栏，须写明栏，如 T09[L1].C1']);
  assert.deepEqual(errors('T03[total] = 0'), ['1:1 T03 行「合计」有 3 栏，须写明栏，如 T03[total].C1']);
  // In SUM the row's every column is meant.
  assert.deepEqual(errors('SUM(T03[total]) >= 0'), []);
});

test('ranges stay within one side of a two-sided table and run forward', () => {
  assert.deepEqual(errors('SUM(T01[L1:L33]) = 0'), ['1:9 T01 的行范围跨越了收支两部分']);
  assert.deepEqual(errors('SUM(T01[L27:L1]) = 0'), ['1:9 T01 的行范围应由前到后']);
});

test('many cells are allowed only in SUM, MIN, MAX and predicates', () => {
  assert.deepEqual(errors('T01[L1:L2] = 0', false), [
    '1:1 T01[L1:L2] 指多个单元格，只能用在 SUM、MIN、MAX 或 PRESENT 等判断中',
  ]);
  assert.deepEqual(errors('T03[total].C1:C3 = 0', false), [
    '1:1 T03[total].C1:C3 指多个单元格，只能用在 SUM、MIN、MAX 或 PRESENT 等判断中',
  ]);
  assert.deepEqual(errors('ABS(T01[L1:L2]) = 0', false), [
    '1:5 T01[L1:L2] 指多个单元格，只能用在 SUM、MIN、MAX 或 PRESENT 等判断中',
  ]);
  assert.deepEqual(errors('PRESENT(T01[L1:L2]) AND MAX(T01[L1:L2]) >= 0', false), []);
});

test('variables are declared before use and used as rows or columns', () => {
  assert.deepEqual(errors('r.C1 = 0', false), ['1:1 未声明的变量 r（行变量须先用 FOR r IN … 声明）']);
  assert.deepEqual(errors('FOR c IN C1:C3: T03[c].C1 = 0', false), ['1:21 c 是栏变量，不能放在行的位置']);
  assert.deepEqual(errors('FOR r IN T03: T03[total].r = 0', false), ['1:26 r 是行变量，不能放在栏的位置']);
  assert.deepEqual(errors('FOR c IN C1:C3 WHERE c IS 类: T03[total].c = 0', false), [
    '1:22 c 是栏变量，不能判断行的种类',
  ]);
  assert.deepEqual(errors('FOR r IN T03, r IN T01: r = 0', false), ['1:15 变量 r 已声明过，请换一个名字']);
});

test('a variable may not take the name of a row or column key of the profile', () => {
  assert.deepEqual(errors('FOR total IN T03: total.C1 >= 0'), [
    '1:5 变量名 total 与口径中的行键或栏键重名，请换一个名字（如 r、k、c）',
  ]);
});

test('predicates take what they test: a table or cells', () => {
  assert.deepEqual(errors('HAS_STATEMENT(T01[L1])', false), [
    '1:15 HAS_STATEMENT 须用于整张表，如 HAS_STATEMENT(T07)',
  ]);
  assert.deepEqual(errors('PRESENT(T01)', false), ['1:9 PRESENT 须用于单元格，如 PRESENT(T01[L1])']);
  assert.deepEqual(errors('SUM(CHILDREN(T03[total].C1)) = 0', false), [
    '1:14 CHILDREN 的参数是一行，不写栏，如 CHILDREN(r).C1',
  ]);
});

test('every error of a formula is reported at once', () => {
  assert.equal(errors('T01[L99] = T03[nothing].C1 + T11[L1]').length, 3);
});
