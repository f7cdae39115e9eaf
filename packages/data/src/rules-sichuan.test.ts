/**
 * The rule catalogue of Sichuan's fourteen tables (profiles/sichuan/rules.json), rule by rule. Nine
 * of its tables are 财政部's, under the same ids as national's (T01–T09, printed as 表一–表十四 in
 * Sichuan's order), so their cases are national's on the Jingdezhen 2024 sample. The sample has no
 * figures for Sichuan's own tables, so the base adds them: 一般公共预算财政拨款项目支出 255.28 万元 by
 * economic 款 (30227 委托业务费 200.00, 30299 25.28, 31002 办公设备购置 30.00) and each 款's 基本 +
 * 项目 for the 支出决算明细表, and its 一般公共预算 spending by code as 财政拨款 (the sample has no other
 * fund); 政府性基金 三公 and 国有资本经营 stay empty, as in the sample.
 */
import assert from 'node:assert/strict';
import { type DataPackage, keyOf, parseAmount } from '@juesuan/core';
import { SICHUAN_DETAIL } from '@juesuan/core/testing';
import {
  JINGDEZHEN_CASES,
  JINGDEZHEN_HALF_STEP,
  JINGDEZHEN_THREE_PUBLIC_ON_ONE_ROW_CASES,
  jingdezhenSample,
} from './testing/jingdezhen-rule-cases';
import { describeFindings, isDeliberateOverrun, type RuleCase } from './testing/rule-cases';
import { describeRuleCatalogue } from './testing/rule-suite';
import { THREE_PUBLIC_ON_ONE_ROW_CASES } from './testing/table-rule-cases';

const PROJECT_BY_ECONOMIC = { 30227: '200.00', 30299: '25.28', 302: '225.28', 31002: '30.00', 310: '30.00' };

function sichuanSample(): DataPackage {
  const pkg = jingdezhenSample();
  const wan = (text: string) => {
    const parsed = parseAmount(text, pkg.amounts.unit);
    assert.ok(parsed.ok);
    return parsed.fen;
  };
  // All its 财政拨款 is 一般公共预算, printed by code in 财政拨款支出决算明细表 too.
  for (const { fact, value } of [...pkg.facts.facts('expense')]) {
    if (fact.dims.fund === 'gpb') pkg.facts.set(keyOf('expense', { ...fact.dims, fund: 'fiscal' }), value);
  }
  for (const [econ, amount] of Object.entries(PROJECT_BY_ECONOMIC)) {
    pkg.facts.set(keyOf('projectEcon', { econ }), wan(amount));
  }
  for (const measure of ['basicEcon', 'projectEcon'] as const) {
    for (const { fact, value } of [...pkg.facts.facts(measure)]) {
      const total = keyOf('gpbEcon', { econ: fact.dims.econ! });
      pkg.facts.set(total, (pkg.facts.get(total) ?? 0n) + value);
    }
  }
  return pkg;
}

/** 1.00 万元 in 分, the step of the printed-cell mutations. */
const ONE = 1_000_000n;

const SICHUAN_CASES: RuleCase[] = [
  {
    rule: 'T04D-01',
    what: '财政拨款支出决算明细表 合计 printed 1.00 above 基本 + 项目',
    fail: { views: (v) => v.bump('T04D', 'total', 'total', ONE) },
    severity: 'error',
    cells: ['T04D[total].total', 'T04D[total].basic', 'T04D[total].project'],
    difference: '1.00',
  },
  {
    rule: 'T04D-02',
    what: '财政拨款支出决算明细表 221 类 基本支出 printed 1.00 above its 款',
    fail: { views: (v) => v.bump('T04D', '221', 'basic', ONE) },
    severity: 'error',
    cells: ['T04D[221].basic'],
    difference: '1.00',
  },
  {
    rule: 'T04D-03',
    what: '财政拨款支出决算明细表 208 类 合计 printed 1.00 above 财政拨款总表',
    fail: { views: (v) => v.bump('T04D', '208', 'total', ONE) },
    severity: 'error',
    cells: ['T04D[208].total'],
    difference: '1.00',
  },
  {
    rule: 'T04D-04',
    what: '财政拨款 项目支出 of 2101599 printed 1.00 under its 一般公共预算 part',
    fail: { views: (v) => v.bump('T04D', '2101599', 'project', -ONE) },
    severity: 'warning',
    cells: ['T04D[2101599].project'],
    difference: '-1.00',
  },
  {
    rule: 'T05D-01',
    what: '明细表 30227 合计 printed 1.00 above 基本 + 项目',
    fail: { views: (v) => v.bump('T05D', '30227', 'total', ONE) },
    severity: 'error',
    cells: ['T05D[30227].total', 'T05D[30227].basic', 'T05D[30227].project'],
    difference: '1.00',
  },
  {
    rule: 'T05D-02',
    what: '明细表 302 类 项目支出 1.00 above its 款',
    fail: { facts: (f) => f.add('projectEcon econ=302', '1.00') },
    severity: 'error',
    cells: ['T05D[302].project'],
    difference: '1.00',
  },
  {
    rule: 'T05D-03',
    what: '明细表 合计 项目支出 printed 1.00 above 一般公共预算财政拨款支出决算表',
    fail: { views: (v) => v.bump('T05D', 'total', 'project', ONE) },
    severity: 'error',
    cells: ['T05D[total].project', 'T05[total].project'],
    difference: '1.00',
  },
  {
    rule: 'T05D-04',
    what: '明细表 30201 基本支出 printed 1.00 above 基本支出决算表',
    fail: { views: (v) => v.bump('T05D', '30201', 'basic', ONE) },
    severity: 'error',
    cells: ['T05D[30201].basic', 'T06[30201].amount'],
    difference: '1.00',
  },
  {
    rule: 'T05D-05',
    what: '明细表 31002 项目支出 printed 1.00 above 项目支出决算表',
    fail: { views: (v) => v.bump('T05D', '31002', 'project', ONE) },
    severity: 'error',
    cells: ['T05D[31002].project', 'T05P[31002].amount'],
    difference: '1.00',
  },
  {
    rule: 'T05P-01',
    what: '项目支出决算表 310 类 1.00 above its 款',
    fail: { views: (v) => v.bump('T05P', '310', 'amount', ONE) },
    severity: 'error',
    cells: ['T05P[310].amount'],
    difference: '1.00',
  },
  {
    rule: 'T05P-02',
    what: '项目支出决算表 合计 printed 1.00 above 一般公共预算财政拨款支出决算表',
    fail: { views: (v) => v.bump('T05P', 'total', 'amount', ONE) },
    severity: 'error',
    cells: ['T05P[total].amount', 'T05[total].project'],
    difference: '1.00',
  },
  {
    rule: 'T09G-01',
    what: '政府性基金 三公 决算 合计 1.00 with no item',
    fail: { facts: (f) => f.set('threePublic fund=gfb', '1.00') },
    severity: 'error',
    cells: ['T09G[amounts].totalActual'],
    difference: '1.00',
  },
  {
    rule: 'T09G-02',
    what: '政府性基金 公务用车 预算 1.00 with neither 购置 nor 运行维护',
    fail: { facts: (f) => f.set('threePublic item=vehicle col=initialBudget fund=gfb', '1.00') },
    severity: 'error',
    cells: ['T09G[amounts].vehicleBudget'],
    difference: '1.00',
  },
  {
    rule: 'T09G-03',
    what: '政府性基金 三公 决算 1.00 with no 政府性基金 spending',
    fail: { facts: (f) => f.set('threePublic fund=gfb', '1.00') },
    severity: 'warning',
    cells: ['T09G[amounts].totalActual'],
    difference: '1.00',
  },
  {
    rule: 'T09G-04',
    what: 'empty T09G printed without its statement',
    fail: { views: (v) => v.dropStatement('T09G') },
    severity: 'error',
    cells: [],
    id: 'T09G-04@T09G',
  },
  {
    rule: 'T08I-01',
    what: '国有资本经营 spending of 1.00 under 2299901 with no 基本/项目 split',
    fail: { facts: (f) => f.set('expense func=2299901 fund=socb', '1.00') },
    severity: 'error',
    cells: ['T08I[2299901].expense', 'T08I[2299901].basic', 'T08I[2299901].project'],
    difference: '1.00',
  },
  {
    rule: 'T08I-02',
    what: '国有资本经营 income of 1.00 under 2299901 without its 款 22999',
    fail: { facts: (f) => f.set('income func=2299901 source=socb', '1.00') },
    severity: 'error',
    cells: ['T08I[22999].income', 'T08I[2299901].income'],
    difference: '-1.00',
  },
  {
    rule: 'T08I-03',
    what: '国有资本经营 年末结转和结余 of 1.00 from nothing',
    fail: { views: (v) => v.bump('T08I', 'total', 'closing', ONE) },
    severity: 'error',
    cells: ['T08I[total].closing'],
    difference: '1.00',
  },
  {
    rule: 'T08I-04',
    what: '国有资本经营 本年收入 printed 1.00 that 财政拨款总表 does not have',
    fail: { views: (v) => v.bump('T08I', 'total', 'income', ONE) },
    severity: 'error',
    cells: ['T08I[total].income'],
    difference: '1.00',
  },
  {
    rule: 'T08I-05',
    what: 'empty T08I printed without its statement',
    fail: { views: (v) => v.dropStatement('T08I') },
    severity: 'error',
    cells: [],
    id: 'T08I-05@T08I',
  },
];

describeRuleCatalogue({
  profile: 'sichuan',
  base: sichuanSample(),
  halfStep: JINGDEZHEN_HALF_STEP,
  ruleCount: 84,
  cases: [
    ...JINGDEZHEN_CASES,
    ...THREE_PUBLIC_ON_ONE_ROW_CASES,
    ...JINGDEZHEN_THREE_PUBLIC_ON_ONE_ROW_CASES,
    ...SICHUAN_CASES,
  ],
  baseFindings: {
    title:
      'raises no error on the Jingdezhen figures with Sichuan’s detail added: only 尾数误差 and the published 年初结转 inconsistency',
    check: (result) => {
      assert.equal(result.summary.counts.error, 0, describeFindings(result.findings));
      assert.equal(result.summary.counts.warning, 1, describeFindings(result.findings));
    },
  },
  sweep: {
    title:
      'passes generated packages with Sichuan’s detail (exact 元) with no finding but deliberate 三公 overruns',
    of: () => ({
      seed: 7,
      options: { profile: 'sichuan', year: 2023, ...SICHUAN_DETAIL },
      expected: isDeliberateOverrun,
      minClean: 20,
    }),
  },
});
