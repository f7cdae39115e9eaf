/**
 * No false errors: every shape of finding a department could rightly refuse, shown silent (or a
 * warning), beside the true error of the same check still firing. Sentences are quoted from
 * published documents (景德镇市医疗保障局 2024, 南昌市青山湖区医疗保障局 2020, 广东省财政厅 2023);
 * where a figure is changed to make the case, the test says so.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Finding } from '../finding';
import { compileCatalogue, type RuleDef } from '../rules/catalogue';
import { type AuditResult, auditDocument } from './audit';
import { type ClaimsJson, parseClaimsProfile } from './claims-profile';
import { documentFinding } from './findings';
import { testCatalog as catalog, rawFromLines, TEST_CLAIMS, TEST_TABLE_LINES, testProfile } from './testing';

/** The test claims with the 三公 parts and 政府采购 of the national profile's wording. */
const CLAIMS: ClaimsJson = {
  ...TEST_CLAIMS,
  words: {
    ...TEST_CLAIMS.words,
    yoy: [...TEST_CLAIMS.words.yoy, '较{year}年'],
    attributes: {
      ...TEST_CLAIMS.words.attributes,
      actual: ['决算数', '支出决算', '决算为'],
      finalBudget: ['全年预算数', '全年预算'],
    },
  },
  sections: [...TEST_CLAIMS.sections, { id: 'other', match: ['其他重要事项的情况说明'] }],
  items: [
    ...TEST_CLAIMS.items,
    ...(
      [
        ['abroad', '因公出国(境)费', ['因公出国(境)费支出', '因公出国(境)费', '因公出国（境）支出']],
        ['vehicle', '公务用车购置及运行维护费', ['公务用车购置及运行维护费支出', '公务用车购置及运行维护费']],
        ['reception', '公务接待费', ['公务接待费支出', '公务接待费']],
      ] as const
    ).map(([id, label, phrases]) => ({
      id: `threePublic.${id}`,
      rule: 'N-07',
      label,
      phrases: [...phrases],
      sections: ['threePublic'],
      reason: true,
      shareOf: 'threePublic.total',
    })),
    ...(
      [
        ['total', '政府采购支出总额', ['政府采购支出总额']],
        ['sme', '授予中小企业合同金额', ['授予中小企业合同金额']],
        // The profile's default whole is the total; the sentence names another.
        ['micro', '授予小微企业合同金额', ['授予小微企业合同金额']],
      ] as const
    ).map(([id, label, phrases]) => ({
      id: `procurement.${id}`,
      rule: 'N-09',
      label,
      phrases: [...phrases],
      sections: ['other'],
      ...(id === 'total' ? {} : { shareOf: 'procurement.total' }),
    })),
  ],
  sums: [
    ...(TEST_CLAIMS.sums ?? []),
    {
      total: 'threePublic.total',
      parts: ['threePublic.abroad', 'threePublic.vehicle', 'threePublic.reception'],
    },
  ],
};

const claims = (() => {
  const parsed = parseClaimsProfile(CLAIMS);
  if (!parsed.ok) throw new Error(parsed.errors.join('\n'));
  return parsed.claims;
})();

function rule(id: string, formula: string): RuleDef {
  return { id, title: '两表同一数相等', formula, severity: 'error', category: 'cross' };
}

interface Document {
  /** Printed table lines replaced: [line as in TEST_TABLE_LINES, as printed here]. */
  printed?: [string, string][];
  rules?: RuleDef[];
  narrative?: string[];
  tables?: boolean;
}

function audit({ printed = [], rules = [], narrative = [], tables = true }: Document): AuditResult {
  const lines = TEST_TABLE_LINES.map((l) => printed.find(([from]) => from === l)?.[1] ?? l);
  const body = [...(tables ? lines : []), '第三部分 2024 年度部门决算情况说明', ...narrative];
  const compiled = compileCatalogue({ rules });
  return auditDocument(rawFromLines(body), {
    profiles: [testProfile()],
    catalog,
    rules: () => compiled,
    claims: () => claims,
  });
}

const of = (result: AuditResult, ruleId: string): Finding[] =>
  result.findings.filter((f) => f.rule === ruleId);
const brief = (f: Finding) => `${f.rule} ${f.severity}`;

const T05_TOTAL = '合计\t\t\t940.49\t685.21\t255.28';

describe('two printings of one figure', () => {
  // 景德镇 2024: “注：本报告因金额单位转换原因可能存在尾数误差。” — each table rounds 元 to 万元 on its own.
  const sameFigure = rule('X-90', 'T04[L59].C2 = T05[total].C1');

  it('a table rule holding two printings equal warns 舍入不一致 when they are one last digit apart, naming both', () => {
    const result = audit({ printed: [[T05_TOTAL, '合计\t\t\t940.50\t685.21\t255.29']], rules: [sameFigure] });
    const [finding] = of(result, 'X-90');
    assert.equal(finding?.severity, 'warning');
    assert.equal(finding?.ruleSeverity, 'error');
    assert.match(
      finding!.message,
      /^舍入不一致：公开04表第59行「本年支出合计」第2栏「合计」印 940\.49万元，公开05表「合计」第1栏「本年支出合计」印 940\.50万元，同一数相差末位一个单位（0\.01万元）/,
    );
  });

  it('the same rule is an error when the two printings are two last digits apart', () => {
    const result = audit({ printed: [[T05_TOTAL, '合计\t\t\t940.51\t685.21\t255.30']], rules: [sameFigure] });
    assert.deepEqual(of(result, 'X-90').map(brief), ['X-90 error']);
  });

  it('a sum within the combined printed precision of its parts is neither an error nor a warning', () => {
    // 685.22 + 255.28 = 940.50 against 940.49: three printed figures, ±0.015 between them.
    const parts = rule('X-91', 'T05[total].C1 = T05[total].C2 + T05[total].C3');
    const result = audit({ printed: [[T05_TOTAL, '合计\t\t\t940.49\t685.22\t255.28']], rules: [parts] });
    assert.deepEqual(of(result, 'X-91').map(brief), ['X-91 info']);
    assert.match(of(result, 'X-91')[0]!.message, /属尾数误差/);
  });

  it('a narrative figure one last digit from the one table cell it restates is 舍入不一致, not a wrong figure', () => {
    // 景德镇 2024 prints “本年收入合计 940.50 万元，比上年增加 1.62 万元，增长 0.17%”; here 940.51.
    const result = audit({
      narrative: [
        '一、收入决算情况说明',
        '本年收入合计 940.51 万元，比上年增加 1.62 万元，增长 0.17%，主要原因：新增人员。',
      ],
    });
    const [finding] = of(result, 'N-01');
    assert.equal(finding?.severity, 'warning');
    assert.match(
      finding!.message,
      /^舍入不一致：文中印“本年收入合计 940\.51万元”，公开01表第27行「本年收入合计」印 940\.50万元/,
    );
    const wrong = audit({
      narrative: [
        '一、收入决算情况说明',
        '本年收入合计 940.52 万元，比上年增加 1.62 万元，增长 0.17%，主要原因：新增人员。',
      ],
    });
    assert.deepEqual(of(wrong, 'N-01').map(brief), ['N-01 error']);
  });
});

describe('a change is never the amount', () => {
  // 广东省财政厅 2023, as published.
  const guangdong = [
    '七、财政拨款“三公”经费支出决算情况说明',
    '广东省财政厅2023年度“三公”经费支出决算为62.07万元,完成全年预算84.82万元的73.2%,比上年决算数增加38.97万元,增长168.7%。其中:因公出国(境)费支出决算为12.02万元,完成预算12.02万元的100%,比上年决算数增加12.02万元,增长--(基数为0,不可比);公务用车购置及运行维护费支出决算为27.46万元,完成预算29.6万元的92.8%,比上年决算数增加6.32万元,增长29.9%;公务接待费支出决算为22.59万元,完成预算43.2万元的52.3%,比上年决算数增加20.63万元,增长1,055.4%。',
  ];
  const reasons =
    '2023年度“三公”经费支出决算大于上年决算数的主要情况:2022年受疫情等因素影响,人员流动减少,“三公”经费支出大幅下降;2023年随着公务往来恢复正常及深调研工作开展,相关“三公”经费支出增加,“三公”经费整体上仍低于疫情前水平。';

  it('reads 比上年决算数增加 12.02 万元 as a change and finds its reason in the section’s paragraph on the changes', () => {
    const result = audit({ tables: false, narrative: [...guangdong, reasons] });
    assert.deepEqual(of(result, 'N-12').map(brief), []);
    assert.deepEqual(
      result.claims.filter((c) => c.item === 'threePublic.abroad').map((c) => `${c.kind} ${c.figure?.text}`),
      ['amount 12.02万元', 'completion 100%', 'change 12.02万元'],
    );
  });

  it('without a reason anywhere, N-12 asks for one and quotes the change as a change, not as the spending', () => {
    const result = audit({ tables: false, narrative: guangdong });
    const messages = of(result, 'N-12').map((f) => f.message);
    assert.ok(
      messages.includes(
        '“因公出国(境)费支出…比上年增加 12.02万元”：因公出国(境)费比上年有增减，应说明主要原因',
      ),
    );
    assert.ok(
      messages.every((m) => !/^“[^…]*\s\d/.test(m)),
      messages.join('\n'),
    );
    assert.ok(of(result, 'N-12').every((f) => f.severity === 'warning'));
  });

  it('a reason in a paragraph about the item (1.因公出国(境)费支出…) counts for the item', () => {
    const result = audit({
      tables: false,
      narrative: [
        ...guangdong,
        // 广东 2023's paragraph on the item opens so; its reason sentence is cut short in the excerpt.
        '1.因公出国(境)费支出12.02万元。主要原因是2023年恢复因公出访。',
      ],
    });
    const abroad = of(result, 'N-12').filter((f) => f.message.includes('因公出国'));
    assert.deepEqual(abroad, []);
    assert.equal(of(result, 'N-12').length, 2, 'the other two items still lack their reason');
  });

  it('a figure right after 增加 with no 比上年 (against the budget) is not read as the item’s amount', () => {
    // 景德镇 2024 prints “决算数比上年减少 0.30 万元”; here the change is against the 全年预算.
    const result = audit({
      narrative: [
        '五、财政拨款“三公”经费支出决算情况说明',
        '“三公”经费支出全年预算数 1.02 万元，决算数 1.02 万元，完成全年预算的 100.00%；决算数比全年预算增加 0.30 万元。',
      ],
    });
    assert.deepEqual(
      result.findings.filter((f) => f.category === 'narrative' && f.severity === 'error').map(brief),
      [],
      '0.30 is neither the 决算数 nor the 全年预算 of 公开09表',
    );
    assert.ok(result.claims.every((c) => c.figure?.text !== '0.30万元'));
    const wrong = audit({
      narrative: ['五、财政拨款“三公”经费支出决算情况说明', '“三公”经费支出决算数 1.30 万元。'],
    });
    assert.deepEqual(of(wrong, 'N-07').map(brief), ['N-07 error']);
  });
});

describe('the whole a share names', () => {
  it('占全年预算的 X% is a completion rate against the 全年预算, not a share of the total', () => {
    // 广东 2023: “公务接待费支出决算为22.59万元,完成预算43.2万元的52.3%”, worded as 占全年预算的.
    const narrative = (rate: string) => [
      '七、财政拨款“三公”经费支出决算情况说明',
      `“三公”经费支出决算为62.07万元,全年预算84.82万元,其中:公务接待费支出决算为22.59万元,全年预算43.2万元,占全年预算的${rate}。`,
    ];
    const right = audit({ tables: false, narrative: narrative('52.3%') });
    const reception = right.claims.find((c) => c.item === 'threePublic.reception' && c.figure?.unit === '%');
    assert.equal(reception?.kind, 'completion');
    assert.deepEqual(
      right.findings
        .filter((f) => f.rule === 'N-05' || f.rule === 'N-07')
        .filter((f) => f.severity !== 'warning'),
      [],
    );
    const wrong = audit({ tables: false, narrative: narrative('36.4%') });
    assert.deepEqual(of(wrong, 'N-05').map(brief), ['N-05 error'], '36.4% is 22.59 ÷ 62.07, not ÷ 43.2');
  });

  it('a share of the whole its sentence names (占授予中小企业合同金额的) is checked against that whole', () => {
    // 景德镇 2024 prints 97.74 万元 for all three and 100.00% for both shares; here 小微 is 80.00 万元.
    const narrative = (share: string) => [
      '八、其他重要事项的情况说明',
      '本部门 2024 年度政府采购支出总额 97.74 万元。',
      `授予中小企业合同金额 80.00 万元，占政府采购支出总额的 81.85%，其中：授予小微企业合同金额 80.00 万元，占授予中小企业合同金额的 ${share}。`,
    ];
    assert.deepEqual(of(audit({ tables: false, narrative: narrative('100.00%') }), 'N-09'), []);
    assert.deepEqual(of(audit({ tables: false, narrative: narrative('81.85%') }), 'N-09').map(brief), [
      'N-09 error',
    ]);
  });
});

describe('a budget of 0', () => {
  // 青山湖 2020, as published.
  const qingshanhu = (actual: string, rate: string) => [
    '五、财政拨款“三公”经费支出决算情况说明',
    `（一）因公出国（境）支出年初预算数为0万元，决算数为${actual} 万元，完成预算的 ${rate}，决算数较2019年增加0万元，增长0%，主要原因是我局未安排相关预算，且无因公出国的情况。`,
  ];

  it('“完成预算的 0%” of nothing budgeted and nothing spent is a wording warning, not an error', () => {
    const result = audit({ tables: false, narrative: qingshanhu('0', '0%') });
    assert.deepEqual(of(result, 'N-05').map(brief), ['N-05 warning']);
  });

  it('a completion rate of money spent without a budget is an error', () => {
    const result = audit({ tables: false, narrative: qingshanhu('3.2', '5%') });
    assert.deepEqual(of(result, 'N-05').map(brief), ['N-05 error']);
  });
});

describe('a table’s note is read with its table', () => {
  it('景德镇 2024’s note under 公开09表 (“无财政拨款“三公”经费支出” when empty) states nothing of the narrative', () => {
    const note = [
      '注：1. 本表反映部门本年度财政拨款“三公”经费支出预决算情况。财政拨款包括一般公共预算财政拨款和政府性基金预算财政拨款。年初预算数为年初“三公”经费部门预算数；全年预算数为按规定程序调整调剂后的全年“三公”经费部门预算数；决算数为当年实际支出数。',
      '2. 当此表数据为空时，即本部门（单位）无财政拨款“三公”经费支出。',
    ];
    const lines = [...TEST_TABLE_LINES, ...note, '第三部分 2024 年度部门决算情况说明'];
    const compiled = compileCatalogue({ rules: [] });
    const result = auditDocument(rawFromLines(lines), {
      profiles: [testProfile()],
      catalog,
      rules: () => compiled,
      claims: () => claims,
    });
    const t09 = result.tables.find((t) => t.id === 'T09');
    assert.deepEqual(t09?.view.notes.length, 2);
    const aboutNote = result.findings.filter((f) =>
      f.places.some(
        (p) => p.kind === 'text' && note.some((n) => p.sentence && n.includes(p.sentence.slice(0, 12))),
      ),
    );
    assert.deepEqual(aboutNote.map(brief), []);
    assert.deepEqual(result.claims, []);
  });
});

describe('no internal key reaches a message', () => {
  it('a row joined from another table is named by its label, not its key', () => {
    const joined = rule('X-92', 'FOR r IN T05 WHERE r IS TOTAL: r.C1 = T01[r]');
    const result = audit({ rules: [joined] });
    const [finding] = of(result, 'X-92');
    assert.ok(finding, 'T01 has no 合计 row: the rule compares with 0');
    assert.match(finding.message, /公开01表「合计」（本表无此行）/);
    assert.doesNotMatch(finding.message, /total/);
  });

  it('a rule reading a row the printed table lacks is skipped with the row as printed, not a rule error', () => {
    const result = audit({
      printed: [['本年收入合计\t27\t940.50', '合计\t\t']],
      rules: [rule('X-93', 'T01[L27] = T01[L1] + T01[L8]')],
    });
    assert.deepEqual(result.summary.ruleErrors, []);
    assert.deepEqual(
      result.summary.skipped.filter((s) => s.ruleId === 'X-93'),
      [{ ruleId: 'X-93', reason: '公开01表中没有识别出第27行「本年收入合计」，本规则未运行' }],
    );
  });
});

describe('a finding’s severity and title are the registry’s', () => {
  const input = { id: 'N-12@c1', rule: 'N-12', category: 'narrative', message: '…', location: {} } as const;

  it('takes them from the rule, and keeps the rule’s own severity where the case is milder', () => {
    const own = documentFinding(input);
    assert.equal(own.severity, 'error');
    assert.equal(own.title, '比上年增减表述正确并说明原因');
    const milder = documentFinding({ ...input, severity: 'warning' });
    assert.equal(milder.severity, 'warning');
    assert.equal(milder.ruleSeverity, 'error');
  });

  it('refuses to raise a rule above its own severity, and a rule the registry does not have', () => {
    assert.throws(() => documentFinding({ ...input, rule: 'N-18', severity: 'error' }), /N-18/);
    assert.throws(() => documentFinding({ ...input, rule: 'N-99' }), /没有在规则目录中登记/);
  });
});
