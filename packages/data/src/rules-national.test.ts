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
import {
  JINGDEZHEN_CASES,
  JINGDEZHEN_HALF_STEP,
  JINGDEZHEN_THREE_PUBLIC_ON_ONE_ROW_CASES,
  jingdezhenSample,
} from './testing/jingdezhen-rule-cases';
import { describeFindings, isDeliberateOverrun } from './testing/rule-cases';
import { describeRuleCatalogue } from './testing/rule-suite';
import { THREE_PUBLIC_ON_ONE_ROW_CASES } from './testing/table-rule-cases';

for (const profile of ['national', 'hunan']) {
  describeRuleCatalogue({
    profile,
    base: jingdezhenSample(),
    halfStep: JINGDEZHEN_HALF_STEP,
    ruleCount: 64,
    cases: [
      ...JINGDEZHEN_CASES,
      ...THREE_PUBLIC_ON_ONE_ROW_CASES,
      ...JINGDEZHEN_THREE_PUBLIC_ON_ONE_ROW_CASES,
    ],
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
