/**
 * The rule catalogues of the two profiles on 财政部's nine tables, rule by rule: national
 * (profiles/national/rules.json, 表1–表9 with 三公 as 表7) and hunan (profiles/hunan/rules.json, the
 * same tables as 表一–表九 with 三公 last). Their formulas are the same, so one set of cases serves
 * both. The base is the Jingdezhen 2024 sample (examples/jingdezhen-2024.json, figures as printed
 * in 万元: ±0.005 万元 each) read under these tables: the tables but 三公 lay out as Jiangxi's (行次,
 * 栏次), so those rules and cases are Jiangxi's; the 三公 table (T09) is one row of 预算数/决算数
 * pairs as in central departments' print, and the 三公 counts, the split of 接待费 and the vehicles
 * the narrative states are in the supplementary table S01. Each rule passes on the base and fails
 * on a mutation of it; generated packages pass all.
 */
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { EXAMPLES_DIR, readPackageFile } from './files';
import {
  assertCoverage,
  assertGeneratedClean,
  assertWellFormed,
  checkCase,
  describeFindings,
  isDeliberateOverrun,
  loadCatalogue,
  type RuleCase,
  type RuleContext,
  runPackage,
} from './testing/rule-cases';

const PROFILES = ['national', 'hunan'] as const;

function context(profileId: string): RuleContext {
  const { profile, catalogue } = loadCatalogue(profileId);
  const { package: base, issues } = readPackageFile(join(EXAMPLES_DIR, 'jingdezhen-2024.json'));
  assert.ok(base, issues.map((i) => i.message).join('；'));
  assert.deepEqual(base.amounts, { unit: '万元', decimals: 2 });
  return {
    profile,
    catalogue,
    ruleIds: catalogue.rules.map((r) => r.def.id),
    base,
    halfStep: 5_000n,
  };
}

/** 1.00 万元 in 分, for view edits. */
const WAN = 1_000_000n;

const CASES: RuleCase[] = [
  {
    rule: 'T01-01',
    what: '本年收入合计 raised by 1.00',
    fail: { facts: (f) => f.add('income', '1.00') },
    severity: 'error',
    cells: ['T01[L27].amount', 'T01[L1].amount'],
    difference: '1.01',
  },
  {
    rule: 'T01-02',
    what: '收入总计 raised by 1.00',
    fail: { facts: (f) => f.add('grandTotal side=income', '1.00') },
    severity: 'error',
    cells: ['T01[L31].amount', 'T01[L27].amount', 'T01[L28].amount', 'T01[L29].amount'],
    difference: '1.00',
  },
  {
    rule: 'T01-03',
    what: '住房保障支出 (L50) raised by 1.00',
    fail: { facts: (f) => f.add('expense func=221', '1.00') },
    severity: 'error',
    cells: ['T01[L58].amount', 'T01[L32].amount'],
    difference: '-1.01',
  },
  {
    rule: 'T01-04',
    what: '支出总计 raised by 1.00',
    fail: { facts: (f) => f.add('grandTotal side=expense', '1.00') },
    severity: 'error',
    cells: ['T01[L62].amount', 'T01[L58].amount', 'T01[L59].amount', 'T01[L60].amount'],
    difference: '1.01',
  },
  {
    rule: 'T01-05',
    what: '支出总计 raised by 1.00, 收入总计 kept',
    fail: { facts: (f) => f.add('grandTotal side=expense', '1.00') },
    severity: 'error',
    cells: ['T01[L31].amount', 'T01[L62].amount'],
    difference: '-1.00',
  },
  {
    rule: 'T01-06',
    what: 'a figure printed on the unlabelled 行次 9',
    fail: { views: (v) => v.print('T01', 'L9', 'amount', WAN) },
    severity: 'error',
    cells: ['T01[L9].amount'],
  },
  {
    rule: 'T02-01',
    what: '其他收入 of 221 raised by 1.00, its 本年收入合计 kept',
    fail: { facts: (f) => f.add('income func=221 source=other', '1.00') },
    severity: 'error',
    cells: ['T02[221].total', 'T02[221].fiscal'],
    difference: '-1.00',
  },
  {
    rule: 'T02-02',
    what: '款 22102 raised by 1.00, its 类 221 kept',
    fail: { facts: (f) => f.add('income func=22102', '1.00') },
    severity: 'error',
    cells: ['T02[221].total', 'T02[22102].total'],
    difference: '-1.00',
  },
  {
    rule: 'T02-03',
    what: '收入决算表合计 printed 1.00 above 总表 L27 (one fact in a package)',
    fail: { views: (v) => v.bump('T02', 'total', 'total', WAN) },
    severity: 'error',
    cells: ['T02[total].total', 'T01[L27].amount'],
    difference: '1.00',
  },
  {
    rule: 'T02-04',
    what: '财政拨款收入 raised by 1.00, the three fiscal lines of T01 kept',
    fail: { facts: (f) => f.add('income source=fiscal', '1.00') },
    severity: 'error',
    cells: ['T02[total].fiscal', 'T01[L1].amount', 'T01[L2].amount', 'T01[L3].amount'],
    difference: '1.00',
  },
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
    rule: 'T03-03',
    what: '支出决算表合计 printed 1.00 above 总表 L58 (one fact in a package)',
    fail: { views: (v) => v.bump('T03', 'total', 'total', WAN) },
    severity: 'error',
    cells: ['T03[total].total', 'T01[L58].amount'],
    difference: '1.00',
  },
  {
    rule: 'T03-04',
    what: '类 221 of T03 printed 1.00 above 总表 L50 (one fact in a package)',
    fail: { views: (v) => v.bump('T03', '221', 'total', WAN) },
    severity: 'error',
    cells: ['T03[221].total', 'T01[L50].amount'],
    difference: '1.00',
  },
  {
    rule: 'T03-05',
    what: '合计 row printed empty, as the published sample did',
    fail: { views: (v) => v.print('T03', 'total', 'total', undefined) },
    severity: 'error',
    cells: ['T03[total].total'],
  },
  {
    rule: 'T04-01',
    what: '财政拨款本年收入合计 raised by 1.00',
    fail: { facts: (f) => f.add('income source=fiscal', '1.00') },
    severity: 'error',
    cells: ['T04[L27].amount', 'T04[L1].amount'],
    difference: '1.00',
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
    rule: 'T04-03',
    what: '财政拨款收入总计 raised by 1.00',
    fail: { facts: (f) => f.add('grandTotal side=income fund=fiscal', '1.00') },
    severity: 'error',
    cells: ['T04[L32].amount', 'T04[L27].amount', 'T04[L28].amount'],
    difference: '1.00',
  },
  {
    rule: 'T04-04',
    what: '财政拨款 卫生健康支出 (L41) raised by 1.00, its funds kept',
    fail: { facts: (f) => f.add('expense func=210 fund=fiscal', '1.00') },
    severity: 'error',
    cells: ['T04[L41].total', 'T04[L41].gpb', 'T04[L41].gfb', 'T04[L41].socb'],
    difference: '1.00',
  },
  {
    rule: 'T04-05',
    what: '一般公共预算 本年支出合计 raised by 1.00',
    fail: { facts: (f) => f.add('expense fund=gpb', '1.00') },
    severity: 'error',
    cells: ['T04[L59].gpb', 'T04[L33].gpb'],
    difference: '0.99',
  },
  {
    rule: 'T04-06',
    what: '一般公共预算 支出总计 raised by 1.00',
    fail: { facts: (f) => f.add('grandTotal side=expense fund=gpb', '1.00') },
    severity: 'error',
    cells: ['T04[L64].gpb', 'T04[L59].gpb', 'T04[L60].gpb'],
    difference: '1.00',
  },
  {
    rule: 'T04-07',
    what: '财政拨款支出总计 raised by 1.00',
    fail: { facts: (f) => f.add('grandTotal side=expense fund=fiscal', '1.00') },
    severity: 'error',
    cells: ['T04[L32].amount', 'T04[L64].total'],
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
    rule: 'T04-09',
    what: 'T04 L1 printed 1.00 above 总表 L1 (one fact in a package)',
    fail: { views: (v) => v.bump('T04', 'L1', 'amount', WAN) },
    severity: 'error',
    cells: ['T04[L1].amount', 'T01[L1].amount'],
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
    rule: 'T04-11',
    what: 'T05 类 221 printed 1.00 above T04 L51 一般公共预算 (one fact in a package)',
    fail: { views: (v) => v.bump('T05', '221', 'total', WAN) },
    severity: 'error',
    cells: ['T04[L51].gpb', 'T05[221].total'],
    difference: '-1.00',
  },
  {
    rule: 'T04-11.2',
    what: 'T05 合计 printed 1.00 above T04 L59 一般公共预算 (one fact in a package)',
    fail: { views: (v) => v.bump('T05', 'total', 'total', WAN) },
    severity: 'error',
    cells: ['T04[L59].gpb', 'T05[total].total'],
    difference: '-1.00',
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
    rule: 'T05-01',
    what: '项目支出 of 1.00 added to 2210201, its total kept',
    fail: { facts: (f) => f.set('expense func=2210201 fund=gpb nature=project', '1.00') },
    severity: 'error',
    cells: ['T05[2210201].total', 'T05[2210201].basic', 'T05[2210201].project'],
    difference: '-1.00',
  },
  {
    rule: 'T05-02',
    what: '项 2210201 raised by 1.00, its 款 22102 kept',
    fail: { facts: (f) => f.add('expense func=2210201 fund=gpb', '1.00') },
    severity: 'error',
    cells: ['T05[22102].total', 'T05[2210201].total'],
    difference: '-1.00',
  },
  {
    rule: 'T05-03',
    what: '公用经费合计 raised by 1.00',
    fail: { facts: (f) => f.add('basicGroup group=public', '1.00') },
    severity: 'error',
    cells: ['T05[total].basic', 'T06[personnel].amount', 'T06[public].amount'],
    difference: '-1.00',
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
    rule: 'T05-05',
    what: '一般公共预算 spending under 2080501, which T03 does not list',
    fail: { facts: (f) => f.set('expense func=2080501 fund=gpb nature=basic', '1.00') },
    severity: 'warning',
    cells: ['T03[2080501]（本表无此行）'],
  },
  {
    rule: 'T06-01',
    what: '30201 办公费 raised by 1.00, 302 kept',
    fail: { facts: (f) => f.add('basicEcon econ=30201', '1.00') },
    severity: 'error',
    cells: ['T06[302].amount', 'T06[30201].amount'],
    difference: '-0.98',
  },
  {
    rule: 'T06-02',
    what: '人员经费合计 raised by 1.00',
    fail: { facts: (f) => f.add('basicGroup group=personnel', '1.00') },
    severity: 'error',
    cells: ['T06[personnel].amount', 'T06[301].amount', 'T06[303].amount'],
    difference: '0.99',
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
    rule: 'T07-01',
    what: '政府性基金 spending of 1.00 under 2120201 with no 基本/项目 split',
    fail: { facts: (f) => f.set('expense func=2120201 fund=gfb', '1.00') },
    severity: 'error',
    cells: ['T07[2120201].total', 'T07[2120201].basic', 'T07[2120201].project'],
    difference: '1.00',
  },
  {
    rule: 'T07-01.2',
    what: '政府性基金 项 2120201 of 1.00 without its 款 21202',
    fail: {
      facts: (f) =>
        f
          .set('expense func=2120201 fund=gfb', '1.00')
          .set('expense func=2120201 fund=gfb nature=project', '1.00'),
    },
    severity: 'error',
    cells: ['T07[21202].total', 'T07[2120201].total'],
    difference: '-1.00',
  },
  {
    rule: 'T07-02',
    what: '政府性基金 年末结转和结余 of 1.00 from nothing',
    fail: { facts: (f) => f.set('balance when=closing fund=gfb', '1.00') },
    severity: 'error',
    cells: ['T07[total].closing', 'T07[total].opening', 'T07[total].income', 'T07[total].total'],
    difference: '1.00',
  },
  {
    rule: 'T07-02.2',
    what: '政府性基金 年末结转和结余 of 1.00 under 2120201 from nothing',
    fail: { facts: (f) => f.set('balance when=closing fund=gfb func=2120201', '1.00') },
    severity: 'warning',
    cells: ['T07[2120201].closing'],
    difference: '1.00',
  },
  {
    rule: 'T07-03',
    what: 'T07 合计 年初结转和结余 printed 1.00, T04 L30 blank (one fact in a package)',
    fail: { views: (v) => v.bump('T07', 'total', 'opening', WAN) },
    severity: 'error',
    cells: ['T07[total].opening', 'T04[L30].amount'],
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
    rule: 'T08-01',
    what: '国有资本经营 spending of 1.00 under 2299901 with no 基本/项目 split',
    fail: { facts: (f) => f.set('expense func=2299901 fund=socb', '1.00') },
    severity: 'error',
    cells: ['T08[2299901].total', 'T08[2299901].basic', 'T08[2299901].project'],
    difference: '1.00',
  },
  {
    rule: 'T08-01.2',
    what: '国有资本经营 项 2299901 of 1.00 without its 款 22999',
    fail: {
      facts: (f) =>
        f
          .set('expense func=2299901 fund=socb', '1.00')
          .set('expense func=2299901 fund=socb nature=basic', '1.00'),
    },
    severity: 'error',
    cells: ['T08[22999].total', 'T08[2299901].total'],
    difference: '-1.00',
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
    rule: 'T08-02',
    what: 'empty T08 printed without its statement',
    fail: { views: (v) => v.dropStatement('T08') },
    severity: 'error',
    cells: [],
    id: 'T08-02@T08',
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
    rule: 'S-02',
    what: '工程采购 1.00 not in 政府采购支出总额',
    fail: { facts: (f) => f.set('procurement category=works', '1.00') },
    severity: 'error',
    cells: ['S01[procurement].amount', 'S01[procurementGoods].amount'],
    difference: '-1.00',
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
  {
    rule: 'T09-01',
    what: '“三公”经费 预算数 raised by 10,000',
    fail: { facts: (f) => f.add('threePublic col=initialBudget', '10000.00') },
    severity: 'error',
    cells: [
      'T09[amounts].totalBudget',
      'T09[amounts].abroadBudget',
      'T09[amounts].vehicleBudget',
      'T09[amounts].receptionBudget',
    ],
    difference: '10000.00',
  },
  {
    rule: 'T09-02',
    what: '公务用车购置及运行维护费 决算 raised by 10,000',
    fail: { facts: (f) => f.add('threePublic item=vehicle', '10000.00') },
    severity: 'error',
    cells: [
      'T09[amounts].vehicleActual',
      'T09[amounts].vehiclePurchaseActual',
      'T09[amounts].vehicleOperationActual',
    ],
    difference: '10000.00',
  },
  {
    rule: 'T09-03',
    what: '国内公务接待支出 in the narrative 10,000 above 公务接待费',
    fail: { facts: (f) => f.add('threePublic item=receptionDomestic', '10000.00') },
    severity: 'error',
    cells: ['T09[amounts].receptionActual', 'S01[receptionDomestic].amount', 'S01[receptionOverseas].amount'],
    difference: '-10000.00',
  },
  {
    rule: 'T09-03.2',
    what: '外宾接待支出 2.02 above 国内公务接待支出 1.02',
    fail: { facts: (f) => f.set('threePublic item=receptionForeign', '2.02') },
    severity: 'warning',
    cells: ['S01[receptionForeign].amount', 'S01[receptionDomestic].amount'],
    difference: '1.00',
  },
  {
    rule: 'T09-04.2',
    what: '接待外宾批次 −1',
    fail: { facts: (f) => f.set('threePublicCount item=foreignBatches', -1n) },
    severity: 'error',
    cells: ['S01[foreignBatches].amount'],
    difference: -1n,
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
  {
    rule: 'T10-01',
    what: '2 执法执勤用车 not in 车辆数合计',
    fail: { facts: (f) => f.set('asset item=vehicleLaw', 2n) },
    severity: 'error',
    cells: ['S01[vehicles].amount', 'S01[vehicleMinister].amount'],
    difference: -2n,
  },
];

for (const PROFILE of PROFILES) {
  describe(`${PROFILE} rule catalogue`, () => {
    const ctx = context(PROFILE);

    it('compiles, and every rule has an id, a Chinese title and message, a severity and a category', () => {
      assertWellFormed(ctx, 64);
      // No 国有资产占用表: the vehicle identities are there, on the narrative's figures.
      assert.ok(!ctx.profile.tables.includes('T10'));
    });

    it('has a passing and a failing case for every rule', () => {
      assertCoverage(ctx, CASES);
    });

    it('raises no error on the Jingdezhen figures: only 尾数误差 and the published 年初结转 inconsistency', () => {
      const result = runPackage(ctx, ctx.base);
      assert.deepEqual(result.summary.ruleErrors, []);
      assert.deepEqual(result.summary.skipped, []);
      assert.equal(result.summary.counts.error, 0, describeFindings(result.findings));
      assert.equal(result.summary.counts.warning, 1, describeFindings(result.findings));
    });

    for (const c of CASES) {
      it(`${c.rule}: ${c.what}`, () => checkCase(ctx, c));
    }

    it('passes generated packages (exact 元) with no finding but deliberate 三公 overruns', () => {
      assertGeneratedClean(ctx, {
        seed: 7,
        options: { profile: PROFILE },
        expected: isDeliberateOverrun,
        minClean: 20,
      });
    });
  });
}
