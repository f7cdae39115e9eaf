/**
 * The jiangxi-2020 rule catalogue (profiles/jiangxi-2020/rules.json), rule by rule, on the
 * 青山湖区医疗保障局 2020 sample (examples/qingshanhu-2020.json; tables in 元, so every identity is
 * exact). 2020 numbers its tables by print order: 三公 is T07 (年初预算数 and 决算数 only),
 * 政府性基金 T08, 国有资产 T09 (with its 2020 rows), and there is no 国有资本经营 table; the rules keep
 * the ids of docs/rules.md#table-rules (T09-01 is the 三公 identity, read on T07 here). Its 公开01–06
 * lay out as 2024's (行次, 栏次): the cases those share are in testing/table-rule-cases.ts.
 */
import assert from 'node:assert/strict';
import type { DataPackage } from '@juesuan/core';
import {
  describeFindings,
  FactEdit,
  isDeliberateOverrun,
  type RuleCase,
  runPackage,
} from './testing/rule-cases';
import { describeRuleCatalogue, readSample } from './testing/rule-suite';
import {
  fiscalFundCases,
  governmentFundCases,
  IN_YUAN,
  NUMBERED_LINES,
  summaryTableCases,
  unlistedSpendingCase,
  WAN,
} from './testing/table-rule-cases';

const PROFILE = 'jiangxi-2020';

/**
 * The sample's 公开01表 and 公开02表 were images in the published PDF, so the package holds only the
 * figures other tables share with them (L1, the 类 lines, L58), and T01 as it stands does not add up.
 * The base fills them in consistently for these tests — assumed, not published: 其他收入
 * 1,505,490.01 paid for the 229 其他支出 that no 财政拨款 covered, and there were no non-fiscal
 * balances, so 年初/年末结转和结余 are the 财政拨款 ones (the narrative's 年初 50.49 万元 agrees).
 */
const T01_T02_SUPPLEMENT: Record<string, string> = {
  'income source=other': '1505490.01',
  income: '7503285.08',
  surplusUsed: '0.00',
  'balance when=opening': '504929.54',
  surplusDistribution: '0.00',
  'balance when=closing': '841148.87',
  'grandTotal side=income': '8008214.62',
  'grandTotal side=expense': '8008214.62',
};

function samplePackage(): DataPackage {
  return readSample('qingshanhu-2020.json', { unit: '元', decimals: 2 });
}

function basePackage(): DataPackage {
  const base = samplePackage();
  base.facts = base.facts.clone();
  const edit = new FactEdit(base);
  for (const [key, value] of Object.entries(T01_T02_SUPPLEMENT)) {
    assert.equal(base.facts.get(key), undefined, `样例本有 ${key}`);
    edit.set(key, value);
  }
  return base;
}

/** Cases on the sample's own figures and codes, and on the 2020 table set. */
const QINGSHANHU_CASES: RuleCase[] = [
  {
    rule: 'T01-03',
    what: '其他支出 (L54) raised by 10,000',
    fail: { facts: (f) => f.add('expense func=229', '10000.00') },
    severity: 'error',
    cells: ['T01[L58].amount', 'T01[L32].amount'],
    difference: '-10000.00',
  },
  {
    rule: 'T02-01',
    what: '其他收入 raised by 10,000, 本年收入合计 kept',
    fail: { facts: (f) => f.add('income source=other', '10000.00') },
    severity: 'error',
    cells: ['T02[total].total', 'T02[total].fiscal'],
    difference: '-10000.00',
  },
  {
    rule: 'T02-02',
    what: '类 208 of 10,000 over a 款 20801 of 0',
    fail: {
      facts: (f) =>
        f
          .set('income func=208', '10000.00')
          .set('income func=208 source=fiscal', '10000.00')
          .set('income func=20801', '0.00'),
    },
    severity: 'error',
    cells: ['T02[208].total', 'T02[20801].total'],
    difference: '10000.00',
  },
  {
    rule: 'T03-01',
    what: '项目支出 of 10,000 added to 2299901, its total kept',
    fail: { facts: (f) => f.add('expense func=2299901 nature=project', '10000.00') },
    severity: 'error',
    cells: ['T03[2299901].total', 'T03[2299901].basic'],
    difference: '-10000.00',
  },
  {
    rule: 'T03-02',
    what: '项 2299901 raised by 10,000, its 款 22999 kept',
    fail: { facts: (f) => f.add('expense func=2299901', '10000.00') },
    severity: 'error',
    cells: ['T03[22999].total', 'T03[2299901].total'],
    difference: '-10000.00',
  },
  {
    rule: 'T03-04',
    what: '类 229 of T03 printed 10,000 above 总表 L54 (one fact in a package)',
    fail: { views: (v) => v.bump('T03', '229', 'total', WAN) },
    severity: 'error',
    cells: ['T03[229].total', 'T01[L54].amount'],
    difference: '10000.00',
  },
  {
    rule: 'T04-10',
    what: '年初结转和结余 of all funds lowered to 500,000, under the 504,929.54 of 财政拨款',
    fail: { facts: (f) => f.set('balance when=opening', '500000.00') },
    severity: 'warning',
    cells: ['T04[L28].amount', 'T01[L29].amount'],
    difference: '4929.54',
  },
  {
    rule: 'T04-11',
    what: 'T05 类 210 printed 10,000 above T04 L41 一般公共预算 (one fact in a package)',
    fail: { views: (v) => v.bump('T05', '210', 'total', WAN) },
    severity: 'error',
    cells: ['T04[L41].gpb', 'T05[210].total'],
    difference: '-10000.00',
  },
  {
    rule: 'T05-01',
    what: '项目支出 of 10,000 added to 2101501, its total kept',
    fail: { facts: (f) => f.set('expense func=2101501 fund=gpb nature=project', '10000.00') },
    severity: 'error',
    cells: ['T05[2101501].total', 'T05[2101501].basic', 'T05[2101501].project'],
    difference: '-10000.00',
  },
  {
    rule: 'T05-02',
    what: '项 2101501 raised by 10,000, its 款 21015 kept',
    fail: { facts: (f) => f.add('expense func=2101501 fund=gpb', '10000.00') },
    severity: 'error',
    cells: ['T05[21015].total', 'T05[2101501].total'],
    difference: '-10000.00',
  },
  {
    rule: 'T05-04',
    what: '一般公共预算 2101501 10,000 above all spending of 2101501',
    fail: { facts: (f) => f.add('expense func=2101501 fund=gpb', '10000.00') },
    severity: 'warning',
    cells: ['T05[2101501].total', 'T03[2101501].total'],
    difference: '10000.00',
  },
  {
    rule: 'T06-03',
    what: '公用支出合计 raised by 10,000',
    fail: { facts: (f) => f.add('basicGroup group=public', '10000.00') },
    severity: 'error',
    cells: [
      'T06[public].amount',
      'T06[302].amount',
      'T06[307].amount',
      'T06[310].amount',
      'T06[312].amount',
      'T06[399].amount',
    ],
    difference: '10000.00',
  },
  {
    rule: 'T09-01',
    what: '“三公”经费 (T07) 年初预算数 raised by 10,000',
    fail: { facts: (f) => f.add('threePublic col=initialBudget', '10000.00') },
    severity: 'error',
    cells: [
      'T07[L1].initialBudget',
      'T07[L2].initialBudget',
      'T07[L3].initialBudget',
      'T07[L6].initialBudget',
    ],
    difference: '10000.00',
  },
  {
    rule: 'T09-02',
    what: '公务用车购置及运行维护费 决算 10,000 with no 购置/运行维护',
    fail: { facts: (f) => f.set('threePublic item=vehicle', '10000.00') },
    severity: 'error',
    cells: ['T07[L3].actual', 'T07[L4].actual', 'T07[L5].actual'],
    difference: '10000.00',
  },
  {
    rule: 'T09-03',
    what: '公务接待费 决算 10,000 with no 国内/国（境）外接待费',
    fail: { facts: (f) => f.set('threePublic item=reception', '10000.00') },
    severity: 'error',
    cells: ['T07[L6].actual', 'T07[L7].actual', 'T07[L9].actual'],
    difference: '10000.00',
  },
  {
    rule: 'T09-03.2',
    what: '外事接待费 10,000 above a 国内接待费 of 0',
    fail: { facts: (f) => f.set('threePublic item=receptionForeign', '10000.00') },
    severity: 'warning',
    cells: ['T07[L8].actual', 'T07[L7].actual'],
    difference: '10000.00',
  },
  {
    rule: 'T09-04',
    what: 'a figure printed where 国内接待费 has no 年初预算数 (—)',
    fail: { views: (v) => v.print('T07', 'L7', 'initialBudget', 0n) },
    severity: 'error',
    cells: ['T07[L7].initialBudget'],
  },
  {
    rule: 'T09-04.2',
    what: '外事接待批次 −1',
    fail: { facts: (f) => f.set('threePublicCount item=foreignBatches', -1n) },
    severity: 'error',
    cells: ['T07[L16].actual'],
    difference: -1n,
  },
  {
    rule: 'T09-04.3',
    what: '外事接待人次 5 above a 国内公务接待人次 of 0',
    fail: { facts: (f) => f.set('threePublicCount item=foreignPersons', 5n) },
    severity: 'error',
    cells: ['T07[L18].actual', 'T07[L17].actual'],
    difference: 5n,
  },
  {
    rule: 'T09-05',
    what: '因公出国（境）费 10,000 with no 团组 or 人次',
    fail: { facts: (f) => f.set('threePublic item=abroad', '10000.00') },
    severity: 'warning',
    cells: ['T07[L11].actual'],
    difference: 0n,
  },
  {
    rule: 'T09-06',
    what: '公务接待费 决算 10,000 over a 年初预算数 of 0',
    fail: { facts: (f) => f.set('threePublic item=reception', '10000.00') },
    severity: 'warning',
    cells: ['T07[L6].actual', 'T07[L6].initialBudget'],
    difference: '10000.00',
  },
  {
    rule: 'T09-07',
    what: '基本支出 30217 公务接待费 10,000 with no 三公 接待费',
    fail: { facts: (f) => f.set('basicEcon econ=30217', '10000.00') },
    severity: 'warning',
    cells: ['T06[30217].amount', 'T07[L6].actual'],
    difference: '10000.00',
  },
  {
    rule: 'T09-08',
    what: '公务用车保有量 2 with no vehicle in T09 (国有资产)',
    fail: { facts: (f) => f.set('threePublicCount item=vehiclesHeld', 2n) },
    severity: 'warning',
    cells: ['T07[L14].actual', 'T09[L1].actual'],
    difference: 2n,
  },
  {
    rule: 'T10-01',
    what: '2 执法执勤用车 not in 车辆数合计 (T09)',
    fail: { facts: (f) => f.set('asset item=vehicleLaw', 2n) },
    severity: 'error',
    cells: ['T09[L1].actual', 'T09[L2].actual'],
    difference: -2n,
  },
  {
    rule: 'Y-01',
    what: '上年年末结转和结余 400,000 against this year’s 年初 504,929.54',
    fail: { facts: (f) => f.prior('balance when=closing', '400000.00') },
    severity: 'warning',
    cells: ['T01[L29].amount', '上年.T01[L60].amount'],
    difference: '104929.54',
  },
  {
    rule: 'Y-01',
    what: '上年财政拨款年末结转和结余 400,000 against this year’s 504,929.54',
    fail: { facts: (f) => f.prior('balance when=closing fund=fiscal', '400000.00') },
    severity: 'warning',
    cells: ['T04[L28].amount', '上年.T04[L60].total'],
    difference: '104929.54',
  },
  {
    rule: 'S-01',
    what: '机关运行经费 3,100,000 above 公用支出合计 3,028,904.35',
    fail: { facts: (f) => f.set('operatingCost', '3100000.00') },
    severity: 'warning',
    cells: ['S01[operatingCost].amount', 'T06[public].amount'],
    difference: '71095.65',
  },
  {
    rule: 'S-03',
    what: '货物 授予中小企业 10,000 with no 货物采购',
    fail: { facts: (f) => f.set('procurement category=goods awardee=sme', '10000.00') },
    severity: 'error',
    cells: ['S01[procurementGoodsSme].amount', 'S01[procurementGoods].amount'],
    difference: '10000.00',
  },
  {
    rule: 'S-04',
    what: '授予小微企业 10,000 with no 授予中小企业',
    fail: { facts: (f) => f.set('procurement awardee=micro', '10000.00') },
    severity: 'error',
    cells: ['S01[procurementMicro].amount', 'S01[procurementSme].amount'],
    difference: '10000.00',
  },
  {
    rule: 'S-05',
    what: '2 单位发放离退休费 persons with no 离退休人员',
    fail: { facts: (f) => f.set('personnel kind=retiredPaidByUnit', 2n) },
    severity: 'warning',
    cells: ['S01[personnelRetired].amount', 'S01[personnelRetiredByUnit].amount'],
    difference: -2n,
  },
  {
    rule: 'S-06',
    what: '编制数 2 under 3 实有人员 (the sample reports no 编制数: not checked)',
    fail: { facts: (f) => f.set('personnel kind=authorized', 2n) },
    severity: 'warning',
    cells: ['S01[personnelActual].amount', 'S01[personnelAuthorized].amount'],
    difference: 1n,
  },
];

describeRuleCatalogue({
  profile: PROFILE,
  base: basePackage(),
  halfStep: 0n,
  // Last year's figures come from the narrative, in 万元 (2019 年末 84.12 − 33.63 = 50.49 万元).
  priorHalfStep: 5_000n,
  ruleCount: 60,
  cases: [
    ...summaryTableCases(NUMBERED_LINES, IN_YUAN),
    unlistedSpendingCase(IN_YUAN, '2080501'),
    ...fiscalFundCases(NUMBERED_LINES, IN_YUAN),
    ...governmentFundCases(IN_YUAN, 'T08', 'expense'),
    ...QINGSHANHU_CASES,
  ],
  baseFindings: {
    title: 'raises no finding on the sample with its T01/T02 filled in, but 尾数误差 against last year',
    // 年初 504,929.54 against the 上年年末 50.49 万元 the narrative gives: within its rounding.
    check: (result) =>
      assert.deepEqual(
        result.findings.map((f) => `${f.severity} ${f.id}`),
        ['info Y-01@T01[L29]'],
        describeFindings(result.findings),
      ),
  },
  ownTests: {
    'leaves out the identities that do not apply to the 2020 table set': (context) => {
      // No 国有资本经营 table in 2020, and no empty-table statement printed under 政府性基金 (the
      // seed prints none): T07-04, T08-01… and T08-02 do not apply.
      for (const id of ['T07-04', 'T08-01', 'T08-01.2', 'T08-01.3', 'T08-02'])
        assert.ok(!context.ruleIds.includes(id), id);
      // Before 2024 the 三公 table has no 全年预算数: 决算 is held against 年初预算数.
      const t0906 = context.catalogue.rules.find((r) => r.def.id === 'T09-06');
      assert.equal(t0906?.def.formula, 'FOR r IN T07[L1:L6]: r.actual <= r.initialBudget');
    },
    'finds the sample as published short of its T01 (an image in the PDF): L27 and L62 missing': (
      context,
    ) => {
      const result = runPackage(context, samplePackage());
      assert.deepEqual(
        result.findings.filter((f) => f.severity === 'error').map((f) => f.id),
        ['T01-01@T01[L27]', 'T01-04@T01[L62]', 'T02-01@T02[total].C1'],
      );
    },
  },
  sweep: {
    title: 'passes generated 2020 packages (exact 元) with no finding but deliberate 三公 overruns',
    // 2020 holds 决算 against the 年初预算, which the generator sets at 80–110 % of the 全年预算.
    of: () => ({
      seed: 7,
      options: { year: 2020, profile: PROFILE },
      expected: isDeliberateOverrun,
      minClean: 16,
      priorHalfStep: 0n,
    }),
  },
});
