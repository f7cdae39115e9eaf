import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Finding } from '../finding';
import { compileCatalogue } from '../rules/catalogue';
import { type AuditResult, auditDocument } from './audit';
import { claimRefErrors } from './claim-check';
import { parseClaimsProfile } from './claims-profile';
import { renderAuditHtml } from './report-html';
import { testCatalog as catalog, rawFromLines, TEST_CLAIMS, TEST_TABLE_LINES, testProfile } from './testing';

const claims = (() => {
  const parsed = parseClaimsProfile(TEST_CLAIMS);
  if (!parsed.ok) throw new Error(parsed.errors.join('\n'));
  return parsed.claims;
})();
const rules = compileCatalogue({ rules: [] });

/** Audits the test tables followed by a 情况说明 given as lines. */
function audit(...narrative: string[]): AuditResult {
  return auditDocument(
    rawFromLines([...TEST_TABLE_LINES, '第三部分 2024 年度部门决算情况说明', ...narrative]),
    {
      profiles: [testProfile()],
      catalog,
      rules: () => rules,
      claims: () => claims,
    },
  );
}

const narrativeFindings = (r: AuditResult): Finding[] => r.findings.filter((f) => f.category === 'narrative');
const brief = (f: Finding) => `${f.rule} ${f.severity} ${f.found?.text ?? ''}→${f.expected?.text ?? ''}`;

describe('narrative claims against the printed tables', () => {
  it('accepts statements that agree with the tables as printed, shares and rates included', () => {
    const result = audit(
      '一、收入决算情况说明',
      '本年收入合计 940.50 万元，比上年增加 1.62 万元，增长 0.17%，主要原因：新增人员。',
      '本年收入的具体构成：财政拨款收入 940.49 万元，占 100.00%；其他收入 0.01 万元，占 0.00%。',
      '三、财政拨款支出决算情况说明',
      '本部门财政拨款本年支出年初预算数 839.32 万元，决算数 940.49 万元，完成年初预算的 112.05%。',
      '（一）社会保障和就业支出（类）年初预算数 77.15 万元，决算数 83.45 万元，完成年初预算的 108.16%。',
      '五、财政拨款“三公”经费支出决算情况说明',
      // 22.48% is right within the printed precision (a naive 0.30 ÷ 1.32 = 22.73% is not the test).
      '“三公”经费支出全年预算数 1.02 万元，决算数 1.02 万元，完成全年预算的 100.00%；决算数比上年减少 0.30 万元，下降 22.48%。',
      '全年国内公务接待 10 批，累计接待 87 人次。',
    );
    assert.deepEqual(narrativeFindings(result).map(brief), []);
    assert.equal(result.summary.claims.mismatch, 0);
    const ok = result.claims.filter((c) => c.status === 'ok').length;
    assert.ok(ok >= 14, `${ok} claims checked and right`);
    // S01 takes what only the narrative states.
    const s01 = result.sideTable!;
    const total = s01.sections[1]!.rows.find((r) => r.key === 'total')!;
    assert.equal(total.cells.initial?.value, 839_320_000n);
  });

  it('reads the budget named in 完成年初预算 X 万元的 Y% as the budget, not as the amount a change is taken from', () => {
    const result = audit(
      '五、财政拨款“三公”经费支出决算情况说明',
      '“三公”经费支出决算为 1.02 万元，完成年初预算 13.22 万元的 7.72%，比上年减少 0.30 万元，下降 22.48%。',
    );
    assert.deepEqual(narrativeFindings(result).map(brief), []);
    const stated = result.claims.map((c) => [c.kind, c.attribute, c.figure?.text, c.status]);
    assert.deepEqual(stated, [
      ['amount', 'amount', '1.02万元', 'ok'],
      ['amount', 'initialBudget', '13.22万元', 'ok'],
      ['completion', 'amount', '7.72%', 'ok'],
      ['change', 'amount', '0.30万元', 'ok'],
      ['rate', 'amount', '22.48%', 'ok'],
    ]);
  });

  it('reports a figure that differs from its table cell, with both and the sentence', () => {
    const result = audit('一、收入决算情况说明', '本年收入合计 940.60 万元。');
    const [f] = narrativeFindings(result);
    assert.equal(brief(f!), 'N-01 error 940.60万元→940.50万元');
    assert.match(f!.message, /公开01表第27行「本年收入合计」/);
    assert.deepEqual(f!.places, [
      {
        kind: 'text',
        line: TEST_TABLE_LINES.length + 3,
        section: '一、收入决算情况说明',
        sentence: '本年收入合计 940.60 万元。',
      },
    ]);
  });

  it('names the cell a wrong figure came from (a 财政拨款 figure taken from another 口径)', () => {
    const result = audit('三、财政拨款支出决算情况说明', '本部门财政拨款本年支出决算数 601.76 万元。');
    const [f] = narrativeFindings(result);
    assert.equal(f!.rule, 'N-04');
    assert.match(
      f!.message,
      /该数与公开05表「210 卫生健康支出」第2栏「基本支出」（601.76万元）.*一致，疑为口径错误/,
    );
  });

  it('calls a truncated percentage N-18, not an error; a dropped trailing 0 (940.5) is no fault', () => {
    const result = audit(
      '一、收入决算情况说明',
      '财政拨款收入 940.49 万元，占 99.99%；其他收入 0.01 万元。',
      '本年收入合计 940.5 万元。',
    );
    assert.deepEqual(narrativeFindings(result).map(brief), ['N-18 warning 99.99%→100.00%']);
    const trunc = audit(
      '三、财政拨款支出决算情况说明',
      '本部门财政拨款本年支出年初预算数 839.32 万元，决算数 940.49 万元，完成年初预算的 112.05%。',
    );
    assert.deepEqual(narrativeFindings(trunc).map(brief), []);
  });

  it('checks a growth rate against the stated change and current value; a wrong one is an error', () => {
    const result = audit(
      '五、财政拨款“三公”经费支出决算情况说明',
      '“三公”经费支出决算数 1.02 万元，比上年减少 0.30 万元，下降 30.00%。',
    );
    const [f] = narrativeFindings(result);
    assert.equal(f!.rule, 'N-12');
    assert.equal(f!.severity, 'error');
    assert.deepEqual(f!.expected, { text: '22.35%～23.11%' });
  });

  it('applies the wording rules: 持平 for no change, no rate when last year was 0, direction words agree, a reason', () => {
    const flat = audit('一、收入决算情况说明', '本年收入合计 940.50 万元，比上年增加 0 万元，增长 0%。');
    assert.deepEqual(narrativeFindings(flat).map(brief), ['N-12 warning 0万元→与上年持平']);
    const fromZero = audit(
      '一、收入决算情况说明',
      '本年收入合计 940.50 万元，比上年增加 940.50 万元，增长 100.00%，主要原因：新设立。',
    );
    assert.deepEqual(narrativeFindings(fromZero).map(brief), ['N-12 error 100.00%→不写增减率']);
    const conflict = audit(
      '一、收入决算情况说明',
      '本年收入合计 940.50 万元，比上年增加 10.00 万元，下降 1.07%，主要原因：调整。',
    );
    assert.deepEqual(
      narrativeFindings(conflict).map((f) => `${f.rule} ${f.severity}`),
      ['N-12 error'],
    );
    const noReason = audit(
      '一、收入决算情况说明',
      '本年收入合计 940.50 万元，比上年增加 1.62 万元，增长 0.17%。',
    );
    assert.deepEqual(narrativeFindings(noReason).map(brief), ['N-12 warning 1.62万元→说明主要原因']);
  });

  it('refuses a completion rate when the budget is 0 (N-05)', () => {
    const result = audit(
      '三、财政拨款支出决算情况说明',
      '（一）社会保障和就业支出（类）年初预算数 0 万元，决算数 83.45 万元，完成年初预算的 0%。',
    );
    assert.deepEqual(narrativeFindings(result).map(brief), ['N-05 error 0%→不写比率']);
  });

  it('reports a reference to a table the set does not have (N-19)', () => {
    const result = audit('八、国有资产占用情况说明', '国有资产占用情况见公开11表《国有资产占用情况表》。');
    const f = result.findings.find((x) => x.rule === 'N-19')!;
    assert.match(f.message, /公开11表在本套报表中不存在；《国有资产占用情况表》在本套报表中为公开10表/);
  });
});

describe('claims.json references', () => {
  it('are checked against the profile: table, row and column must exist', () => {
    assert.deepEqual(claimRefErrors(claims, testProfile()), []);
    const bad = parseClaimsProfile({
      ...TEST_CLAIMS,
      items: [
        { id: 'a', rule: 'N-01', label: 'A', phrases: ['甲'], ref: 'T01[L99]' },
        { id: 'b', rule: 'N-01', label: 'B', phrases: ['乙'], ref: 'T04[L59].C9 + T77[L1]' },
        { id: 'c', rule: 'N-01', label: 'C', phrases: ['丙'], ref: 'T04[L59]' },
      ],
      sums: [],
    });
    assert.ok(bad.ok);
    assert.deepEqual(claimRefErrors(bad.claims, testProfile()), [
      'claims.json 条目 a：T01[L99] 表 T01 没有行 L99',
      'claims.json 条目 b：T04[L59].C9 表 T04 没有栏 C9',
      'claims.json 条目 b：T77[L1] 口径 test-2024 没有表 T77',
      'claims.json 条目 c：T04[L59] 表 T04 有多栏，须写明栏',
    ]);
  });
});

describe('reviewer report', () => {
  it('is one self-contained HTML page with every finding, its place and the severity filter', () => {
    const result = audit('一、收入决算情况说明', '本年收入合计 940.60 万元。');
    const html = renderAuditHtml([result], { generated: '2025-01-01' });
    assert.match(html, /^<!doctype html>/);
    assert.doesNotMatch(html, /<(script|link)[^>]+(src|href)=/, 'no external resource');
    assert.match(html, /data-severity="error"/);
    assert.match(html, /N-01/);
    assert.match(html, /本年收入合计 940.60 万元/);
    assert.match(html, /<input type="checkbox" data-severity="info">/);
    assert.equal((html.match(/<tr data-severity=/g) ?? []).length, result.findings.length);
  });
});
