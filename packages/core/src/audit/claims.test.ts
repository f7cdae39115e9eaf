import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { Catalog, type CatalogEntry } from '../catalog';
import { type Claim, extractClaims, narrativeText } from './claims';
import { type ClaimsProfile, parseClaimsProfile } from './claims-profile';
import { rawFromLines, TEST_CLAIMS } from './testing';

function entry(code: string, name: string): CatalogEntry {
  return {
    classification: 'functional',
    code,
    name,
    level: code.length === 3 ? '类' : code.length === 5 ? '款' : '项',
    from: 2019,
    to: null,
    verified: true,
    source: 'test',
  };
}

const catalog = new Catalog([
  entry('208', '社会保障和就业支出'),
  entry('210', '卫生健康支出'),
  entry('229', '其他支出'),
]);

function profile(): ClaimsProfile {
  const parsed = parseClaimsProfile(TEST_CLAIMS);
  if (!parsed.ok) throw new Error(parsed.errors.join('\n'));
  return parsed.claims;
}

/** Claims of a narrative given as lines (a heading line starts a section). */
function claimsOf(...lines: string[]): Claim[] {
  const claims = profile();
  const text = narrativeText(rawFromLines(lines), new Set(), claims);
  return extractClaims(text.sentences, claims, { catalog, year: 2024 });
}

const brief = (c: Claim) =>
  [c.kind, c.item, c.attribute, c.direction, c.budget, c.code, c.figure?.text].filter(Boolean).join(' ');

describe('claims.json validation', () => {
  it('refuses an item without phrases and a share of an unknown item, naming both', () => {
    const bad = {
      ...TEST_CLAIMS,
      items: [
        { id: 'a', rule: 'N-01', label: 'A', ref: 'T01[L1]' },
        { id: 'b', rule: 'N-01', label: 'B', phrases: ['乙'], shareOf: 'nothing' },
      ],
      sums: [],
    };
    const parsed = parseClaimsProfile(bad);
    assert.equal(parsed.ok, false);
    assert.ok(!parsed.ok && parsed.errors.some((e) => e.includes('条目 a 没有措辞')));
    assert.ok(!parsed.ok && parsed.errors.some((e) => e.includes('shareOf “nothing”')));
  });
});

describe('claim extraction', () => {
  it('reads an amount with a decrease, a falling rate and a share in one sentence', () => {
    const claims = claimsOf(
      '一、收入决算情况说明',
      '本年收入合计 940.50 万元，比上年减少 8.46 万元，下降 0.89%，主要原因：新增公务员 3 人。',
      '财政拨款收入 940.49 万元，占 100.00%；其他收入 0.01 万元，占 0.00%。',
    );
    assert.deepEqual(claims.map(brief), [
      'amount income.total amount 940.50万元',
      'change income.total amount down 8.46万元',
      'rate income.total amount down 0.89%',
      'amount income.fiscal amount 940.49万元',
      'share income.fiscal amount 100.00%',
      'amount income.other amount 0.01万元',
      'share income.other amount 0.00%',
    ]);
    assert.equal(claims[1]!.reasoned, true, 'the reason follows the change');
    assert.equal(claims[0]!.section, 'income');
  });

  it('reads an increase with its growth rate, against a named year, and notices a missing reason', () => {
    const claims = claimsOf(
      '一、收入决算情况说明',
      '本年收入合计750.34万元，较2019年增加597.86万元，增长392%。',
    );
    assert.deepEqual(claims.map(brief), [
      'amount income.total amount 750.34万元',
      'change income.total amount up 597.86万元',
      'rate income.total amount up 392%',
    ]);
    assert.equal(claims[1]!.reasoned, false);
  });

  it('finds a reason given in the next sentence', () => {
    const claims = claimsOf(
      '一、收入决算情况说明',
      '本年收入合计 10.00 万元，比上年增加 2.00 万元，增长 25.00%。主要原因是：新增项目。',
    );
    assert.equal(claims.find((c) => c.kind === 'change')?.reasoned, true);
  });

  it('reads 年初预算数, 决算数 and 完成年初预算 of the 科目 the sentence names, only in its section', () => {
    const claims = claimsOf(
      '三、财政拨款支出决算情况说明',
      '本部门财政拨款本年支出年初预算数 839.32 万元，决算数 940.49 万元，完成年初预算的 112.05%。',
      '（一）社会保障和就业支出（类）年初预算数 77.15 万元，决算数 83.45 万元，完成年初预算的 108.16%。',
      '（三）其他支出年初预算书为0，决算数为150.55万元，主要原因是日常办公经费支出较大。',
      '四、其他情况说明',
      '社会保障和就业支出 1.00 万元。',
    );
    assert.deepEqual(claims.map(brief), [
      'amount fiscal.expense initialBudget 839.32万元',
      'amount fiscal.expense actual 940.49万元',
      'completion fiscal.expense actual initial 112.05%',
      'amount fiscal.class initialBudget 208 77.15万元',
      'amount fiscal.class actual 208 83.45万元',
      'completion fiscal.class actual initial 208 108.16%',
      // The attribute nearest the figure wins: 年初预算书为0，决算数为 150.55.
      'amount fiscal.class actual 229 150.55万元',
    ]);
  });

  it('carries the subject across clauses: 全年预算数…；决算数比上年减少…，下降…', () => {
    const claims = claimsOf(
      '五、财政拨款“三公”经费支出决算情况说明',
      '“三公”经费支出全年预算数 1.02 万元，决算数 1.02 万元，完成全年预算的 100.00%；决算数比上年减少 0.30 万元，下降 22.48%，其中：',
    );
    assert.deepEqual(claims.map(brief), [
      'amount threePublic.total finalBudget 1.02万元',
      'amount threePublic.total actual 1.02万元',
      'completion threePublic.total actual final 100.00%',
      'change threePublic.total actual down 0.30万元',
      'rate threePublic.total actual down 22.48%',
    ]);
  });

  it('reads 完成预算的 X% without naming the budget, and 与上年持平', () => {
    const claims = claimsOf(
      '五、财政拨款“三公”经费支出决算情况说明',
      '“三公”经费支出年初预算数为0万元，决算数为0万元，完成预算的0%，决算数与上年持平。',
    );
    assert.deepEqual(claims.map(brief), [
      'amount threePublic.total initialBudget 0万元',
      'amount threePublic.total actual 0万元',
      'completion threePublic.total actual any 0%',
      'flat threePublic.total actual',
    ]);
  });

  it('ties counts to the item that takes their unit (批 and 人次 after one phrase)', () => {
    const claims = claimsOf(
      '五、财政拨款“三公”经费支出决算情况说明',
      '全年国内公务接待 10 批，累计接待 87 人次，主要是：调研。',
    );
    assert.deepEqual(claims.map(brief), [
      'count threePublic.domesticBatches amount 10批',
      'count threePublic.domesticPersons amount 87人次',
    ]);
  });

  it('joins a paragraph wrapped mid-word (公务用车保 / 有量 0 辆)', () => {
    const claims = claimsOf(
      '五、财政拨款“三公”经费支出决算情况说明',
      '年末使用财政拨款负担费用的公务用车保',
      '有量 0 辆。',
    );
    assert.deepEqual(claims.map(brief), ['count threePublic.vehiclesHeld amount 0辆']);
  });

  it('ignores a figure inside a phrase (单价 100 万元) and figures inside a reason', () => {
    const claims = claimsOf(
      '八、国有资产占用情况说明',
      '本部门单价 100 万元（含）以上设备（不含车辆）0 台（套）。',
      '一、收入决算情况说明',
      '本年收入合计 5.00 万元，比上年增加 1.00 万元，主要原因：新增 3 人，其他收入 9.99 万元。',
    );
    assert.deepEqual(claims.map(brief), [
      'count assets.equipment amount 0台',
      'amount income.total amount 5.00万元',
      'change income.total amount up 1.00万元',
    ]);
  });

  it('keeps the 名词解释 apart from the claims', () => {
    const claims = profile();
    const text = narrativeText(
      rawFromLines([
        '第三部分 情况说明',
        '本年收入合计 1.00 万元。',
        '第四部分 名词解释',
        '本年收入合计 2.00 万元。',
      ]),
      new Set(),
      claims,
    );
    assert.equal(text.sentences.length, 1);
    assert.deepEqual(
      text.glossary.map((g) => g.text),
      ['本年收入合计 2.00 万元。'],
    );
  });
});
