import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Finding } from '../finding';
import type { TableView } from '../views';
import { auditDocument } from './audit';
import { checkClaims } from './claim-check';
import { extractClaims, narrativeText } from './claims';
import { type ClaimsJson, parseClaimsProfile } from './claims-profile';
import { checkNarrativeSelf } from './narrative-self';
import { rawFromLines, TEST_CLAIMS, testCatalog, testProfile } from './testing';

/**
 * The test claims profile with the words and 三公 items of the national profile, and the 元 items of a
 * 财政拨款收支总预算 sentence, so that real sentences read as they do in a published document.
 */
const SELF_CLAIMS: ClaimsJson = {
  ...TEST_CLAIMS,
  words: {
    ...TEST_CLAIMS.words,
    yoy: ['比上年', '较上年', '与上年', '同比', '比{year}年', '较{year}年'],
    down: ['减少', '下降', '降低'],
    attributes: {
      actual: ['决算数', '支出决算', '决算为'],
      initialBudget: ['年初预算数', '年初预算'],
      finalBudget: ['全年预算数', '全年预算'],
    },
  },
  items: [
    ...TEST_CLAIMS.items.filter((i) => i.id !== 'threePublic.total'),
    {
      id: 'threePublic.total',
      rule: 'N-07',
      label: '“三公”经费支出',
      phrases: ['“三公”经费财政拨款支出', '“三公”经费支出'],
    },
    ...(
      [
        ['abroad', '因公出国（境）费', ['因公出国（境）费支出', '因公出国（境）费'], true],
        [
          'vehicle',
          '公务用车购置及运行维护费',
          ['公务用车购置及运行维护费支出', '公务用车购置及运行维护费'],
          true,
        ],
        ['vehiclePurchase', '公务用车购置费', ['公务用车购置费', '公务用车购置'], false],
        ['vehicleOperation', '公务用车运行维护费', ['公务用车运行维护费'], false],
        ['reception', '公务接待费', ['公务接待费支出', '公务接待费'], true],
      ] as const
    ).map(([id, label, phrases, share]) => ({
      id: `threePublic.${id}`,
      rule: 'N-07',
      label,
      phrases: [...phrases],
      ...(share ? { shareOf: 'threePublic.total' } : {}),
    })),
    {
      id: 'budget.total',
      rule: 'N-04',
      label: '财政拨款收支总预算',
      phrases: ['财政拨款收支总预算'],
      units: ['元'],
    },
    {
      id: 'budget.gpb',
      rule: 'N-04',
      label: '一般公共预算拨款',
      phrases: ['一般公共预算拨款'],
      units: ['元'],
    },
    { id: 'budget.carried', rule: 'N-04', label: '上年结转结余', phrases: ['上年结转结余'], units: ['元'] },
  ],
  sums: [
    ...(TEST_CLAIMS.sums ?? []),
    {
      total: 'threePublic.total',
      parts: ['threePublic.abroad', 'threePublic.vehicle', 'threePublic.reception'],
    },
    { total: 'threePublic.vehicle', parts: ['threePublic.vehiclePurchase', 'threePublic.vehicleOperation'] },
    { total: 'budget.total', parts: ['budget.gpb', 'budget.carried'] },
  ],
};

const claimsProfile = (() => {
  const parsed = parseClaimsProfile(SELF_CLAIMS);
  if (!parsed.ok) throw new Error(parsed.errors.join('\n'));
  return parsed.claims;
})();

/** The self-consistency findings of a narrative given as lines, with the tables given as views. */
function selfFindings(lines: readonly string[], views: readonly TableView[] = []): Finding[] {
  const text = narrativeText(rawFromLines(lines), new Set(), claimsProfile);
  const claims = extractClaims(text.sentences, claimsProfile, { catalog: testCatalog, year: 2023 });
  const checked = checkClaims(claims, {
    profile: testProfile(),
    claims: claimsProfile,
    views,
    halfSteps: new Map(),
  });
  return checkNarrativeSelf({
    claims: checked.claims,
    sentences: text.sentences,
    profile: claimsProfile,
    views,
  });
}

const brief = (f: Finding) =>
  `${f.rule} ${f.severity}${f.rounding ? ' 尾数' : ''} ${f.found?.text ?? ''}→${f.expected?.text ?? ''}`;

/** 广东省财政厅 2023 年“三公”经费决算情况说明 (corpus), as published. */
const GUANGDONG = [
  '广东省财政厅2023年度“三公”经费财政拨款支出决算为62.07万元,完成全年预算84.82万元的73.2%,比上年决算数增加38.97万元,增长168.7%;比2019年(疫情前)决算数减少24.87万元,降低28.6%。其中:因公出国(境)费支出决算为12.02万元,完成预算12.02万元的100%,比上年决算数增加12.02万元,增长--(基数为0,不可比);公务用车购置及运行维护费支出决算为27.46万元,完成预算29.6万元的92.8%,比上年决算数增加6.32万元,增长29.9%;其中:公务用车购置支出决算为0万元,完成预算0万元的--%(基数为0,不可比),比上年决算数增加0万元,增长--(基数为0,不可比);公务用车运行维护费支出决算为27.46万元,完成预算29.6万元的92.8%,比上年决算数增加6.32万元,增长29.9%;公务接待费支出决算为22.59万元,完成预算43.2万元的52.3%,比上年决算数增加20.63万元,增长1,055.4%。',
  '2023年度“三公”经费支出决算小于预算数的主要情况:认真贯彻落实中央八项规定精神和厉行节约的要求,从严控制“三公”经费开支,全年实际支出比预算有所节约。',
  '2023年度“三公”经费支出决算大于上年决算数的主要情况:2022年受疫情等因素影响,人员流动减少,“三公”经费支出大幅下降。',
  '2023年度“三公”经费财政拨款支出决算中,因公出国(境)费12.02万元,占19.4%;公务用车购置及运行维护费支出27.46万元,占44.2%;公务接待费支出22.59万元,占36.4%。',
];

/** GUANGDONG with one printed figure or word replaced. */
function guangdongWith(from: string, to: string, line = 0): string[] {
  assert.ok(GUANGDONG[line]!.includes(from), `${from} is in line ${line}`);
  return GUANGDONG.map((l, i) => (i === line ? l.replace(from, to) : l));
}

describe('N-S01: the parts a narrative lists add to the total it states', () => {
  it('N-S01 stays silent on 广东省财政厅 2023: 62.07 = 12.02 + 27.46 + 22.59, 27.46 = 0 + 27.46, and the changes', () => {
    assert.deepEqual(selfFindings(GUANGDONG).map(brief), []);
  });

  it('N-S01 fires when 公务接待费 is printed 21.59: the three parts make 61.07, not 62.07', () => {
    const findings = selfFindings(
      guangdongWith('公务接待费支出决算为22.59万元', '公务接待费支出决算为21.59万元'),
    );
    const sums = findings.filter((f) => f.rule === 'N-S01');
    assert.deepEqual(sums.map(brief), ['N-S01 error 62.07万元→61.07万元']);
    assert.match(
      sums[0]!.message,
      /因公出国（境）费 12\.02万元 \+ 公务用车购置及运行维护费 27\.46万元 \+ 公务接待费 21\.59万元 = 61\.07万元/,
    );
  });

  it('N-S01 gives a rounding warning, not an error, when the parts miss the total by one last digit beyond their rounding', () => {
    // 62.07 stands for [62.065, 62.075]; 12.02 + 27.46 + 22.62 for [62.085, 62.115].
    const findings = selfFindings(
      guangdongWith('公务接待费支出决算为22.59万元', '公务接待费支出决算为22.62万元'),
    );
    assert.deepEqual(findings.filter((f) => f.rule === 'N-S01').map(brief), [
      'N-S01 warning 尾数 62.07万元→62.10万元',
    ]);
  });

  it('N-S01 checks a change broken down into its parts (warning): 38.97 = 12.02 + 6.32 + 20.63', () => {
    const findings = selfFindings(guangdongWith('比上年决算数增加20.63万元', '比上年决算数增加21.63万元'));
    assert.deepEqual(findings.filter((f) => f.rule === 'N-S01').map(brief), [
      'N-S01 warning 增加38.97万元→增加39.97万元',
    ]);
  });

  /** 梧州某校 2023 部门预算 p5 (corpus), amounts in 元. */
  const WUZHOU = [
    '2023 年财政拨款收支总预算 7,057,486.18 元。收入包',
    '括:一般公共预算拨款 7,034,418.94 元、上年结转结余',
    '23,067.24 元;支出包括:教育支出 5,806,105.16 元、社会',
    '保障和就业支出 557,718.56 元、卫生健康支出 275,373.54',
    '元、住房保障支出 418,288.92 元。',
  ];

  it('N-S01 stays silent on 梧州 2023: 收支总预算 7,057,486.18 元 = 7,034,418.94 元 + 23,067.24 元', () => {
    assert.deepEqual(selfFindings(WUZHOU).map(brief), []);
  });

  it('N-S01 fires on a 收支总计 that is not 本年收入 + 上年结转 (元)', () => {
    const lines = WUZHOU.map((l) => l.replace('23,067.24', '32,067.24'));
    assert.deepEqual(selfFindings(lines).map(brief), ['N-S01 error 7,057,486.18元→7,066,486.18元']);
  });
});

describe('N-S02: the shares of one breakdown add to 100%', () => {
  it('N-S02 stays silent on 广东省财政厅 2023: 19.4% + 44.2% + 36.4% = 100%', () => {
    assert.deepEqual(selfFindings(GUANGDONG).map(brief), []);
  });

  it('N-S02 fires on shares that make 102.0%', () => {
    const findings = selfFindings(guangdongWith('占36.4%', '占38.4%', 3));
    assert.deepEqual(findings.filter((f) => f.rule === 'N-S02').map(brief), ['N-S02 error 102.0%→100%']);
  });

  it('N-S02 gives a rounding warning for 100.2% from three shares of one decimal', () => {
    const findings = selfFindings(guangdongWith('占36.4%', '占36.6%', 3));
    assert.deepEqual(findings.filter((f) => f.rule === 'N-S02').map(brief), [
      'N-S02 warning 尾数 100.2%→100%',
    ]);
  });

  it('N-S02 stays silent on 景德镇 2024 income shares: 100.00% and 0.00%', () => {
    const lines = [
      '一、收入决算情况说明',
      '本年收入的具体构成：财政拨款收入 940.49 万元，占 100.00%；事业收入 0.00 万元，占 0.00%；经营收入 0.00 万元，占 0.00%；上级补助收入 0.00 万元，占 0.00%；附属单位上缴收入 0.00 万元，占 0.00%；其他收入 0.00 万元，占 0.00%。',
    ];
    assert.deepEqual(selfFindings(lines).map(brief), []);
  });
});

describe('N-S03: comparison words agree with the figures', () => {
  it('N-S03 stays silent on 广东省财政厅 2023: 决算小于预算数 (62.07 < 84.82), 大于上年决算数 (增加 38.97)', () => {
    assert.deepEqual(selfFindings(GUANGDONG).map(brief), []);
  });

  it('N-S03 fires on “决算大于预算数” when 62.07 is below the 全年预算 84.82', () => {
    const findings = selfFindings(guangdongWith('决算小于预算数', '决算大于预算数', 1));
    assert.deepEqual(findings.map(brief), ['N-S03 error 决算大于预算→决算数小于预算数']);
    assert.match(findings[0]!.message, /决算数 62\.07万元小于全年预算数 84\.82万元/);
  });

  it('N-S03 fires on “小于上年决算数” when the narrative says 比上年决算数增加 38.97 万元', () => {
    const findings = selfFindings(guangdongWith('大于上年决算数', '小于上年决算数', 2));
    assert.deepEqual(findings.map(brief), ['N-S03 error 小于上年→比上年增加 38.97万元']);
  });
});

describe('N-05 on the narrative alone: completion against the budget the sentence names', () => {
  it('N-05 checks 完成预算29.6万元的92.8% as 27.46 ÷ 29.6 and fires on a rate that does not follow', () => {
    // As published, every rate recomputes within its one printed decimal (format warnings only).
    assert.deepEqual(
      selfFindings(GUANGDONG)
        .filter((f) => f.rule === 'N-05')
        .map(brief),
      [],
    );
    const findings = selfFindings(guangdongWith('完成预算43.2万元的52.3%', '完成预算43.2万元的62.3%'));
    assert.deepEqual(findings.filter((f) => f.rule === 'N-05').map(brief), [
      'N-05 error 62.3%→52.22%～52.36%',
    ]);
    assert.match(
      findings.find((f) => f.rule === 'N-05')!.message,
      /公务接待费决算 22\.59万元 ÷ 预算 43\.2万元/,
    );
  });
});

describe('N-S04: a figure stated twice is stated the same', () => {
  it('N-S04 stays silent on 广东省财政厅 2023: 12.02, 27.46 and 22.59 restated in (二)', () => {
    assert.deepEqual(selfFindings(GUANGDONG).map(brief), []);
  });

  it('N-S04 fires when (二) restates 公务接待费 as 22.95', () => {
    const findings = selfFindings(guangdongWith('公务接待费支出22.59万元', '公务接待费支出22.95万元', 3));
    assert.deepEqual(findings.filter((f) => f.rule === 'N-S04').map(brief), [
      'N-S04 warning 22.95万元→22.59万元',
    ]);
    assert.equal(findings.find((f) => f.rule === 'N-S04')!.places.length, 2);
  });
});

describe('N-S05: persons are never fewer than their groups or batches', () => {
  const JINGDEZHEN = [
    '（一）因公出国（境）费全年预算数 0.00 万元，决算数 0.00 万元，主要原因：无此项支出。决算数与上年持平，主要原因：无此项支出。全年安排因公出国（境）团组 0 个，累计 0 人次，主要是：无此项支出。',
    '（三）公务接待费全年预算数 1.02 万元，决算数 1.02 万元，完成全年预算的 100.00%，主要原因：严格控制三公经费，不超预算支出。决算数比上年减少 0.30 万元，下降 22.48%，主要原因：本年接待人数较上年度少。全年国内公务接待 10 批，累计接待 87 人次。',
  ];

  it('N-S05 stays silent on 景德镇 2024: 团组 0 个，累计 0 人次; 10 批，累计接待 87 人次', () => {
    assert.deepEqual(selfFindings(JINGDEZHEN).map(brief), []);
  });

  it('N-S05 fires on 10 批 with 8 人次 and on 0 个 团组 with 3 人次', () => {
    const lines = [
      JINGDEZHEN[0]!.replace('累计 0 人次', '累计 3 人次'),
      JINGDEZHEN[1]!.replace('87 人次', '8 人次'),
    ];
    assert.deepEqual(selfFindings(lines).map(brief), [
      'N-S05 error 3人次→0人次',
      'N-S05 error 8人次→≥ 10人次',
    ]);
  });
});

describe('N-S06: a number of projects agrees with the projects listed or counted', () => {
  const JINGDEZHEN = [
    '五、预算绩效情况说明',
    '根据预算绩效管理要求，我部门组织对纳入2024年度部门预算范围的二级项目2个全面开展绩效自评，共涉及资金210万元，占项目支出总额的100%。其中，2个项目评价结果为“优”，0个项目评价结果为“良”，0个项目评价结果为“中”，0个项目评价结果为“差”。',
    '组织对2个项目开展了部门评价，分别为：医疗保障改革专项经费(2024年)、医保基金经办专项经费（2024）。涉及一般公共预算支出210万元。',
  ];
  const QINGSHANHU =
    '组织对“城乡居民医疗保险配套补助经费”、“困难企业职工参保配套补助”等4个项目开展了部门评价，涉及一般公共预算支出4519.2万元，政府性基金预算支出0万元。';

  it('N-S06 stays silent on 景德镇 2024 (二级项目2个, 2+0+0+0, 分别为 two names) and 青山湖 2020 (two named of 等4个项目)', () => {
    assert.deepEqual(selfFindings([...JINGDEZHEN, QINGSHANHU]).map(brief), []);
  });

  it('N-S06 fires on 3 个项目 with two listed, on 2+1+0+0 of 2 evaluated, and on three named of 等2个项目', () => {
    const lines = [
      JINGDEZHEN[0]!,
      JINGDEZHEN[1]!.replace('0个项目评价结果为“良”', '1个项目评价结果为“良”'),
      JINGDEZHEN[2]!.replace('组织对2个项目', '组织对3个项目'),
      QINGSHANHU.replace('”等4个项目', '”、“离休干部医疗统筹金”等2个项目'),
    ];
    assert.deepEqual(selfFindings(lines).map(brief), [
      'N-S06 warning 3个→2个',
      'N-S06 warning 2个→≥ 3个',
      'N-S06 warning 3个→2个',
    ]);
  });
});

/** A printed table with one cell of 政府性基金 money. */
function fundTable(value: bigint, text: string): TableView {
  return {
    id: 'T07',
    number: '公开07表',
    title: '政府性基金预算财政拨款收入支出决算表',
    unit: '万元',
    subject: '',
    year: 2024,
    layout: { kind: 'grid', codeColumns: 'single' },
    sections: [
      {
        key: 'main',
        columns: [
          { key: 'expense', no: 3, label: '本年支出' } as TableView['sections'][number]['columns'][number],
        ],
        rows: [
          {
            key: 'total',
            label: '合计',
            cells: { expense: { fact: 'expense fund=gfb', kind: 'money', value, text } },
          },
        ],
      },
    ],
    notes: [],
    empty: value === 0n,
    printed: true,
  };
}

describe('N-11: a fund with no money is said to have none', () => {
  /** The 上海 2024 template's two wordings of §八, the second with its figures filled in. */
  const NONE = '上海市 XX 局 2024 年度无政府性基金预算财政拨款收入和支出。';
  const SOME = '政府性基金预算财政拨款收入 35.00 万元，支出收入 35.00 万元，支出具体情况如下：';
  /** 景德镇 2024: the money a 绩效 evaluation covered, not the fund's. */
  const EVALUATED =
    '组织开展部门整体支出绩效评价，涉及一般公共预算支出210万元，政府性基金预算支出0万元，评价结果为“优”。';

  it('N-11 stays silent on a narrative saying none beside an empty 公开07表, and on 景德镇 2024’s 绩效 coverage', () => {
    assert.deepEqual(selfFindings([NONE], [fundTable(0n, '0.00')]).map(brief), []);
    assert.deepEqual(selfFindings([SOME], [fundTable(35_000_000n, '35.00')]).map(brief), []);
    // 政府性基金预算支出0万元 here is what the evaluation covered, not a statement that there is none.
    assert.deepEqual(selfFindings([EVALUATED], [fundTable(35_000_000n, '35.00')]).map(brief), []);
  });

  it('N-11 fires when the narrative says there is none and 公开07表 prints 35.00', () => {
    const findings = selfFindings([NONE], [fundTable(35_000_000n, '35.00')]);
    assert.deepEqual(findings.map(brief), ['N-11 error →']);
    assert.match(findings[0]!.message, /公开07表「合计」「本年支出」为 35\.00/);
  });

  it('N-11 fires on a narrative alone that says none and states an amount', () => {
    const findings = selfFindings([NONE, SOME]);
    assert.deepEqual(findings.map(brief), ['N-11 error →']);
    assert.match(findings[0]!.message, /又写出政府性基金相关金额 35\.00万元/);
  });

  it('N-11 fires on an amount stated for a fund whose printed cells are all 0', () => {
    const findings = selfFindings([SOME], [fundTable(0n, '0.00')]);
    assert.deepEqual(findings.map(brief), ['N-11 error 35.00万元→']);
  });
});

describe('N-13: the amount unit fits the magnitude', () => {
  const JINGDEZHEN = [
    '本部门 2024 年度财政拨款本年支出年初预算数 839.32 万元，决算数 940.49 万元，完成年初预算的 112.05%。其中：',
    '（一）社会保障和就业支出（类）年初预算数 77.15 万元，决算数 83.45 万元，完成年初预算的 108.16%。',
    '（二）卫生健康支出（类）年初预算数 717.15 万元，决算数 812.03 万元，完成年初预算的 113.23%。',
    '（三）住房保障支出（类）年初预算数 45.02 万元，决算数 45.02 万元，完成年初预算的 100.00%。',
  ];

  it('N-13 stays silent on 景德镇 2024 (万元) and on 梧州 2023 (元 throughout)', () => {
    assert.deepEqual(selfFindings(JINGDEZHEN).map(brief), []);
    const wuzhou = [
      '(一)教育支出类科目 5,806,105.16 元,占支出总预算82.27%,同比增加 3,520,772.45 元,增长 154.06%。',
      '(二)社会保障和就业支出类科目 557,718.56 元,占支出总预算 7.9%,同比增加 385,314.72 元,增长 223.5%。',
      '(三)卫生健康支出类科目 275,373.54 元,占支出总预算3.9%,同比增加 190,249.14 元,增长 223.5%。',
    ];
    assert.deepEqual(selfFindings(wuzhou).map(brief), []);
  });

  it('N-13 fires on 住房保障支出 决算数 3.58 元 among amounts in 万元', () => {
    const lines = [...JINGDEZHEN.slice(0, 3), JINGDEZHEN[3]!.replace('决算数 45.02 万元', '决算数 3.58 元')];
    const findings = selfFindings(lines).filter((f) => f.rule === 'N-13');
    assert.deepEqual(findings.map(brief), ['N-13 warning 3.58元→3.58万元']);
  });
});

describe('the narrative alone', () => {
  it('is checked against itself when no table is recognised (广东省财政厅 2023 with a wrong part)', () => {
    const result = auditDocument(
      rawFromLines([
        '2023年广东省财政厅一般公共预算财政拨款“三公”经费支出决算情况说明',
        ...guangdongWith('公务接待费支出决算为22.59万元', '公务接待费支出决算为21.59万元'),
      ]),
      {
        profiles: [testProfile()],
        catalog: testCatalog,
        rules: () => ({ rules: [] }) as never,
        claims: () => claimsProfile,
      },
    );
    assert.equal(result.summary.tablesRecognised, 0);
    // (二) restates 公务接待费 as published (22.59), which now differs from the changed 21.59.
    assert.deepEqual(result.findings.filter((f) => f.rule.startsWith('N-S')).map(brief), [
      'N-S01 error 62.07万元→61.07万元',
      'N-S04 warning 22.59万元→21.59万元',
    ]);
  });
});
