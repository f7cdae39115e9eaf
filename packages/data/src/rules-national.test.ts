/**
 * The rule catalogues of the two profiles on 财政部's nine tables, rule by rule: national
 * (profiles/national/rules.json, 表1–表9 with 三公 as 表7) and hunan (profiles/hunan/rules.json, the
 * same tables as 表一–表九 with 三公 last). Their formulas are the same, so one set of cases serves
 * both. The base is the Jingdezhen 2024 sample (examples/jingdezhen-2024.json, figures as printed
 * in 万元: ±0.005 万元 each) read under these tables: the tables but 三公 lay out as Jiangxi's (行次,
 * 栏次), so those cases are Jiangxi's (testing/jingdezhen-rule-cases.ts); the 三公 table (T09) is
 * one row of 预算数/决算数 pairs as in central departments' print, and the 三公 counts, the split of
 * 接待费 and the vehicles the narrative states are in the supplementary table S01, as in Shanghai's
 * (testing/table-rule-cases.ts). Each rule passes on the base and fails on a mutation of it;
 * generated packages pass all.
 */
import assert from 'node:assert/strict';
import { JINGDEZHEN_CASES, JINGDEZHEN_HALF_STEP, jingdezhenSample } from './testing/jingdezhen-rule-cases';
import { describeFindings, isDeliberateOverrun, type RuleCase } from './testing/rule-cases';
import { describeRuleCatalogue } from './testing/rule-suite';
import { THREE_PUBLIC_ON_ONE_ROW_CASES } from './testing/table-rule-cases';

/** 三公 cases that depend on the Jingdezhen figures (its 接待费 1.02, 87 国内公务接待人次…). */
const THREE_PUBLIC_CASES: RuleCase[] = [
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

for (const profile of ['national', 'hunan']) {
  describeRuleCatalogue({
    profile,
    base: jingdezhenSample(),
    halfStep: JINGDEZHEN_HALF_STEP,
    ruleCount: 64,
    cases: [...JINGDEZHEN_CASES, ...THREE_PUBLIC_ON_ONE_ROW_CASES, ...THREE_PUBLIC_CASES],
    baseFindings: {
      title:
        'raises no error on the Jingdezhen figures: only 尾数误差 and the published 年初结转 inconsistency',
      check: (result) => {
        assert.equal(result.summary.counts.error, 0, describeFindings(result.findings));
        assert.equal(result.summary.counts.warning, 1, describeFindings(result.findings));
      },
    },
    ownTests: {
      // The vehicle identities are there, on the narrative's figures.
      'has no 国有资产占用表 (T10)': (context) => assert.ok(!context.profile.tables.includes('T10')),
    },
    sweep: {
      title: 'passes generated packages (exact 元) with no finding but deliberate 三公 overruns',
      of: () => ({ seed: 7, options: { profile }, expected: isDeliberateOverrun, minClean: 20 }),
    },
  });
}
