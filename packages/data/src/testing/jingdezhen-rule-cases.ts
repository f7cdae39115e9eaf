/**
 * Test-only: the rule cases on the Jingdezhen 2024 sample (examples/jingdezhen-2024.json, figures as
 * printed in 万元: ±0.005 万元 each) for everything but 三公 and vehicles. jiangxi-2024 and the
 * profiles on 财政部's nine tables (national, hunan) lay these tables out alike (行次, 栏次), so the
 * cases serve all of them; each adds its own 三公 cases.
 */
import type { DataPackage } from '@juesuan/core';
import type { RuleCase } from './rule-cases';
import { readSample } from './rule-suite';
import {
  governmentFundCases,
  housingCases,
  IN_WAN,
  NUMBERED_LINES,
  stateCapitalCases,
  summaryTableCases,
  unlistedSpendingCase,
  WAN,
} from './table-rule-cases';

export function jingdezhenSample(): DataPackage {
  return readSample('jingdezhen-2024.json', { unit: '万元', decimals: 2 });
}

/** Figures written in 万元 with 2 decimals: each within ±0.005 万元 of its true value. */
export const JINGDEZHEN_HALF_STEP = 5_000n;

/** The sample's sums miss their parts by a cent or two (尾数误差), which shifts these differences. */
const ROUNDED = {
  'T01-01': '1.01',
  'T01-03': '-1.01',
  'T01-04': '1.01',
  'T04-05': '0.99',
  'T06-01': '-0.98',
  'T06-02': '0.99',
};

export const JINGDEZHEN_CASES: readonly RuleCase[] = [
  ...summaryTableCases(NUMBERED_LINES, IN_WAN, ROUNDED),
  unlistedSpendingCase(IN_WAN, '2080501'),
  ...governmentFundCases(IN_WAN, 'T07', 'total'),
  ...stateCapitalCases(IN_WAN, 'total'),
  ...housingCases(NUMBERED_LINES, IN_WAN, ROUNDED),
  {
    rule: 'T03-01',
    what: '经营支出 of 2101599 raised by 1.00, its 本年支出合计 kept',
    fail: { facts: (f) => f.add('expense func=2101599 nature=operating', '1.00') },
    severity: 'error',
    cells: ['T03[2101599].total', 'T03[2101599].basic'],
    difference: '-1.00',
  },
  {
    rule: 'T03-02',
    what: '项 2101599 raised by 1.00, its 款 21015 kept',
    fail: { facts: (f) => f.add('expense func=2101599', '1.00') },
    severity: 'error',
    cells: ['T03[21015].total', 'T03[2101501].total', 'T03[2101506].total', 'T03[2101599].total'],
    difference: '-0.99',
  },
  {
    rule: 'T04-02',
    what: '一般公共预算 年初结转和结余 of 1.00 without the fiscal total',
    fail: { facts: (f) => f.set('balance when=opening fund=gpb', '1.00') },
    severity: 'error',
    cells: ['T04[L28].amount', 'T04[L29].amount'],
    difference: '-1.00',
  },
  {
    rule: 'T04-08',
    what: '一般公共预算 年末结转和结余 of 1.00 that income and spending do not leave',
    fail: { facts: (f) => f.set('balance when=closing fund=gpb', '1.00') },
    severity: 'error',
    cells: ['T04[L60].gpb', 'T04[L1].amount', 'T04[L29].amount', 'T04[L59].gpb'],
    difference: '1.00',
  },
  {
    rule: 'T04-10',
    what: '年初财政拨款结转和结余 1.00 above the 0.01 of all funds',
    fail: { facts: (f) => f.set('balance when=opening fund=fiscal', '1.00') },
    severity: 'warning',
    cells: ['T04[L28].amount', 'T01[L29].amount'],
    difference: '0.99',
  },
  {
    rule: 'T04-12',
    what: '财政拨款 住房保障支出 1.00 above all of 221',
    fail: { facts: (f) => f.add('expense func=221 fund=fiscal', '1.00') },
    severity: 'warning',
    cells: ['T04[L51].total', 'T01[L50].amount'],
    difference: '1.00',
  },
  {
    rule: 'T05-04',
    what: '一般公共预算 2210201 1.00 above all spending of 2210201',
    fail: { facts: (f) => f.add('expense func=2210201 fund=gpb', '1.00') },
    severity: 'warning',
    cells: ['T05[2210201].total', 'T03[2210201].total'],
    difference: '1.00',
  },
  {
    rule: 'T06-03',
    what: '公用经费合计 raised by 1.00',
    fail: { facts: (f) => f.add('basicGroup group=public', '1.00') },
    severity: 'error',
    cells: ['T06[public].amount', 'T06[302].amount', 'T06[307].amount', 'T06[310].amount', 'T06[399].amount'],
    difference: '1.00',
  },
  {
    rule: 'T07-04',
    what: 'empty T07 printed without its statement',
    fail: { views: (v) => v.dropStatement('T07') },
    severity: 'error',
    cells: [],
    id: 'T07-04@T07',
  },
  {
    rule: 'T08-01.3',
    what: 'T08 合计 printed 1.00, T04 L59 国有资本经营 blank (one fact in a package)',
    fail: { views: (v) => v.bump('T08', 'total', 'total', WAN) },
    severity: 'error',
    cells: ['T08[total].total', 'T04[L59].socb'],
    difference: '1.00',
  },
  {
    rule: 'Y-01',
    what: '上年年末结转和结余 1.00 against this year’s 年初 0.01',
    pass: { facts: (f) => f.prior('balance when=closing', '0.01') },
    fail: { facts: (f) => f.prior('balance when=closing', '1.00') },
    severity: 'warning',
    cells: ['T01[L29].amount', '上年.T01[L60].amount'],
    difference: '-0.99',
  },
  {
    rule: 'Y-01',
    what: '上年财政拨款年末结转和结余 5.00 against this year’s blank 年初',
    pass: { facts: (f) => f.prior('balance when=closing', '0.01') },
    fail: { facts: (f) => f.prior('balance when=closing fund=fiscal', '5.00') },
    severity: 'warning',
    cells: ['T04[L28].amount', '上年.T04[L60].total'],
    difference: '-5.00',
  },
  {
    rule: 'S-01',
    what: '机关运行经费 60.00 above 公用经费合计 57.03',
    fail: { facts: (f) => f.set('operatingCost', '60.00') },
    severity: 'warning',
    cells: ['S01[operatingCost].amount', 'T06[public].amount'],
    difference: '2.97',
  },
  {
    rule: 'S-03',
    what: '货物 授予中小企业 12.52 above 货物 11.52',
    fail: { facts: (f) => f.set('procurement category=goods awardee=sme', '12.52') },
    severity: 'error',
    cells: ['S01[procurementGoodsSme].amount', 'S01[procurementGoods].amount'],
    difference: '1.00',
  },
  {
    rule: 'S-04',
    what: '授予小微企业 98.74 above 授予中小企业 97.74',
    fail: { facts: (f) => f.set('procurement awardee=micro', '98.74') },
    severity: 'error',
    cells: ['S01[procurementMicro].amount', 'S01[procurementSme].amount'],
    difference: '1.00',
  },
  {
    rule: 'S-05',
    what: '1 more 单位发放离退休费 person than 离退休人员',
    fail: { facts: (f) => f.set('personnel kind=retiredPaidByUnit', 1n) },
    severity: 'warning',
    cells: ['S01[personnelRetired].amount', 'S01[personnelRetiredByUnit].amount'],
    difference: -1n,
  },
  {
    rule: 'S-06',
    what: '编制数 30 under 35 实有人员 (the sample reports no 编制数: not checked)',
    fail: { facts: (f) => f.set('personnel kind=authorized', 30n) },
    severity: 'warning',
    cells: ['S01[personnelActual].amount', 'S01[personnelAuthorized].amount'],
    difference: 5n,
  },
];

/**
 * 三公 cases that depend on the Jingdezhen figures (its 接待费 1.02, 87 国内公务接待人次…) when 三公 is
 * one row of 预算数/决算数 pairs (T09[amounts]) with the counts in S01, as national, hunan and sichuan
 * print it.
 */
export const JINGDEZHEN_THREE_PUBLIC_ON_ONE_ROW_CASES: readonly RuleCase[] = [
  {
    rule: 'T09-03.2',
    what: '外宾接待支出 2.02 above 国内公务接待支出 1.02',
    fail: { facts: (f) => f.set('threePublic item=receptionForeign', '2.02') },
    severity: 'warning',
    cells: ['S01[receptionForeign].amount', 'S01[receptionDomestic].amount'],
    difference: '1.00',
  },
  {
    rule: 'T09-04.3',
    what: '接待外宾人次 100 above 国内公务接待人次 87',
    fail: { facts: (f) => f.set('threePublicCount item=foreignPersons', 100n) },
    severity: 'error',
    cells: ['S01[foreignPersons].amount', 'S01[domesticPersons].amount'],
    difference: 13n,
  },
  {
    rule: 'T09-05',
    what: '国内公务接待支出 1.02 with no 接待批次',
    fail: { facts: (f) => f.set('threePublicCount item=domesticBatches', 0n) },
    severity: 'warning',
    cells: ['S01[domesticBatches].amount'],
    difference: 0n,
  },
  {
    rule: 'T09-06',
    what: '公务接待费 预算数 lowered to 0.50, under its 决算 1.02',
    fail: { facts: (f) => f.set('threePublic item=reception col=initialBudget', '0.50') },
    severity: 'warning',
    cells: ['T09[amounts].receptionActual', 'T09[amounts].receptionBudget'],
    difference: '0.52',
  },
  {
    rule: 'T09-07',
    what: '基本支出 30212 因公出国（境）费用 1.00 with no 因公出国（境）费 in 三公',
    fail: { facts: (f) => f.set('basicEcon econ=30212', '1.00') },
    severity: 'warning',
    cells: ['T06[30212].amount', 'T09[amounts].abroadActual'],
    difference: '1.00',
  },
  {
    rule: 'T09-08',
    what: '公务用车保有量 3 with no vehicle held',
    fail: { facts: (f) => f.set('threePublicCount item=vehiclesHeld', 3n) },
    severity: 'warning',
    cells: ['S01[vehiclesHeld].amount', 'S01[vehicles].amount'],
    difference: 3n,
  },
];
