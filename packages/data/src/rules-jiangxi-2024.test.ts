/**
 * The jiangxi-2024 rule catalogue (profiles/jiangxi-2024/rules.json), rule by rule: the Jingdezhen
 * 2024 sample (examples/jingdezhen-2024.json, figures as printed in 万元: ±0.005 万元 each) passes,
 * a mutation of it fails with the expected finding; and generated packages (exact 元) pass all.
 * The cases on tables 公开01–08 and S01 are the sample's (testing/jingdezhen-rule-cases.ts); the
 * 三公 (T09) and 国有资产 (T10) cases are Jiangxi's own.
 */
import assert from 'node:assert/strict';
import { JINGDEZHEN_CASES, JINGDEZHEN_HALF_STEP, jingdezhenSample } from './testing/jingdezhen-rule-cases';
import { describeFindings, isDeliberateOverrun, type RuleCase } from './testing/rule-cases';
import { describeRuleCatalogue } from './testing/rule-suite';

/**
 * What the sample raises as it is. Its published figures were rounded to 万元 one by one, so sums
 * miss by a cent or two (尾数误差, info), e.g. T01 本年收入合计 940.50 against 940.49 on L1, T06
 * 人员经费合计 628.18 against 627.94 + 0.25, T06 302 53.05 against its 27 款 53.03. The one warning is
 * a published inconsistency: 年初结转和结余 0.01 while last year's 年末 was 0.16 (the narrative's
 * “年末结转和结余下降91.78%” compares the same two figures).
 *
 * The sample's other published defect cannot show here: its T03 合计 row is printed empty, but in
 * the package that row is the fact `expense` (T01 L58, 940.49), which is filled — a package cannot
 * hold the empty print (T03-05 reproduces it on the printed table instead).
 */
const SAMPLE_FINDINGS = [
  'info T01-01@T01[L27]',
  'info T01-03@T01[L58]',
  'info T01-04@T01[L62]',
  'info T02-01@T02[total].C1',
  'info T02-01@T02[2101501].C1',
  'info T02-02@T02[total].C2',
  'info T02-02@T02[20805].C1',
  'info T02-02@T02[20805].C2',
  'info T02-02@T02[21011].C1',
  'info T02-02@T02[21011].C2',
  'info T02-02@T02[21015].C2',
  'info T03-01@T03[210].C1',
  'info T03-01@T03[2101501].C1',
  'info T03-02@T03[total].C1',
  'info T03-02@T03[20805].C1',
  'info T03-02@T03[20805].C2',
  'info T03-02@T03[210].C2',
  'info T03-02@T03[21011].C1',
  'info T03-02@T03[21011].C2',
  'info T03-02@T03[21015].C1',
  'info T04-05@T04[L59].C2',
  'info T04-05@T04[L59].C3',
  'info T05-01@T05[210].C1',
  'info T05-01@T05[2101501].C1',
  'info T05-02@T05[total].C1',
  'info T05-02@T05[20805].C1',
  'info T05-02@T05[20805].C2',
  'info T05-02@T05[210].C2',
  'info T05-02@T05[21011].C1',
  'info T05-02@T05[21011].C2',
  'info T05-02@T05[21015].C1',
  'info T06-01@T06[302]',
  'info T06-02@T06[personnel]',
  'warning Y-01@T01[L29]',
];

/** 三公 on Jiangxi's T09 (a row per item, 年初预算数/全年预算数/决算数) and vehicles on T10. */
const THREE_PUBLIC_CASES: RuleCase[] = [
  {
    rule: 'T09-01',
    what: '“三公”经费 全年预算数 raised by 1.00',
    fail: { facts: (f) => f.add('threePublic col=finalBudget', '1.00') },
    severity: 'error',
    cells: ['T09[L1].finalBudget', 'T09[L2].finalBudget', 'T09[L3].finalBudget', 'T09[L6].finalBudget'],
    difference: '1.00',
  },
  {
    rule: 'T09-02',
    what: '公务用车购置及运行维护费 决算 1.00 with no 购置/运行维护',
    fail: { facts: (f) => f.set('threePublic item=vehicle', '1.00') },
    severity: 'error',
    cells: ['T09[L3].actual', 'T09[L4].actual', 'T09[L5].actual'],
    difference: '1.00',
  },
  {
    rule: 'T09-03',
    what: '国内接待费 lowered to 0.50',
    fail: { facts: (f) => f.set('threePublic item=receptionDomestic', '0.50') },
    severity: 'error',
    cells: ['T09[L6].actual', 'T09[L7].actual', 'T09[L9].actual'],
    difference: '0.52',
  },
  {
    rule: 'T09-03.2',
    what: '外事接待费 2.00 above 国内接待费 1.02',
    fail: { facts: (f) => f.set('threePublic item=receptionForeign', '2.00') },
    severity: 'warning',
    cells: ['T09[L8].actual', 'T09[L7].actual'],
    difference: '0.98',
  },
  {
    rule: 'T09-04',
    what: 'a figure printed where 国内接待费 has no 年初预算数 (—)',
    fail: { views: (v) => v.print('T09', 'L7', 'initialBudget', 0n) },
    severity: 'error',
    cells: ['T09[L7].initialBudget'],
  },
  {
    rule: 'T09-04.2',
    what: '外事接待批次 −1',
    fail: { facts: (f) => f.set('threePublicCount item=foreignBatches', -1n) },
    severity: 'error',
    cells: ['T09[L16].actual'],
    difference: -1n,
  },
  {
    rule: 'T09-04.3',
    what: '外事接待人次 100 above 国内公务接待人次 87',
    fail: { facts: (f) => f.set('threePublicCount item=foreignPersons', 100n) },
    severity: 'error',
    cells: ['T09[L18].actual', 'T09[L17].actual'],
    difference: 13n,
  },
  {
    rule: 'T09-05',
    what: '国内接待费 1.02 with no 接待批次',
    fail: { facts: (f) => f.set('threePublicCount item=domesticBatches', 0n) },
    severity: 'warning',
    cells: ['T09[L15].actual'],
    difference: 0n,
  },
  {
    rule: 'T09-05',
    what: '公务用车购置费 1.00 with no 购置数',
    fail: { facts: (f) => f.set('threePublic item=vehiclePurchase', '1.00') },
    severity: 'warning',
    cells: ['T09[L13].actual'],
    difference: 0n,
  },
  {
    rule: 'T09-06',
    what: '公务接待费 决算 2.00 above 全年预算数 1.02',
    fail: { facts: (f) => f.set('threePublic item=reception', '2.00') },
    severity: 'warning',
    cells: ['T09[L6].actual', 'T09[L6].finalBudget'],
    difference: '0.98',
  },
  {
    rule: 'T09-07',
    what: '基本支出 30217 公务接待费 2.00 above the 1.02 of 三公',
    fail: { facts: (f) => f.set('basicEcon econ=30217', '2.00') },
    severity: 'warning',
    cells: ['T06[30217].amount', 'T09[L6].actual'],
    difference: '0.98',
  },
  {
    rule: 'T09-08',
    what: '公务用车保有量 2 with no vehicle in T10',
    fail: { facts: (f) => f.set('threePublicCount item=vehiclesHeld', 2n) },
    severity: 'warning',
    cells: ['T09[L14].actual', 'T10[L1].actual'],
    difference: 2n,
  },
  {
    rule: 'T10-01',
    what: '2 执法执勤用车 not in 车辆数合计',
    fail: { facts: (f) => f.set('asset item=vehicleLaw', 2n) },
    severity: 'error',
    cells: ['T10[L1].actual', 'T10[L2].actual'],
    difference: -2n,
  },
];

describeRuleCatalogue({
  profile: 'jiangxi-2024',
  base: jingdezhenSample(),
  halfStep: JINGDEZHEN_HALF_STEP,
  ruleCount: 65,
  cases: [...JINGDEZHEN_CASES, ...THREE_PUBLIC_CASES],
  baseFindings: {
    title: 'raises no error on the Jingdezhen sample: only 尾数误差 and one published inconsistency',
    check: (result) => {
      assert.equal(result.summary.counts.error, 0, describeFindings(result.findings));
      assert.deepEqual(
        result.findings.map((f) => `${f.severity} ${f.id}`),
        SAMPLE_FINDINGS,
      );
      const message = (id: string) => result.findings.find((f) => f.id === id)?.message;
      assert.equal(
        message('T01-01@T01[L27]'),
        '公开01表第27行「本年收入合计」为 940.50万元，第1–8行各项收入之和为 940.49万元，相差 0.01万元（差额在尾数误差范围 ±0.045万元 内，属尾数误差）',
      );
      assert.match(
        message('T06-02@T06[personnel]') ?? '',
        /为 628\.18万元，.*之和为 628\.19万元，相差 -0\.01万元/,
      );
      assert.match(
        message('T06-01@T06[302]') ?? '',
        /为 53\.05万元，其下各款之和为 53\.03万元，相差 0\.02万元/,
      );
    },
  },
  sweep: {
    title: 'passes generated packages (exact 元) with no finding but deliberate 三公 overruns',
    of: () => ({ seed: 7, options: {}, expected: isDeliberateOverrun, minClean: 20 }),
  },
});
