/**
 * Test-only: for every rule written as code, the tests that make it fire and the tests where it
 * stays silent, as `[test file, test name]`. rule-coverage.test.ts checks it against the registry
 * (every rule has both kinds) and against the test files (every test named exists, and a firing
 * test names its rule). Table rules are not listed: rules-<profile>.test.ts runs a passing and a
 * failing package for each of them and asserts the catalogue is covered.
 */
export type TestRef = readonly [file: string, test: string];

export interface RuleTests {
  fires: readonly TestRef[];
  silent: readonly TestRef[];
}

const CODE_CHECKS = 'packages/core/src/code-checks.test.ts';
const CONSOLIDATION = 'packages/data/src/consolidation.test.ts';
const PACKAGE_CHECK = 'packages/data/src/check.test.ts';
const RECOGNIZE = 'packages/core/src/audit/recognize.test.ts';
const AUDIT = 'packages/core/src/audit/audit.test.ts';
const DOCUMENT_KIND = 'packages/core/src/audit/document-kind.test.ts';
const AUDIT_SAMPLES = 'packages/data/src/audit-samples.test.ts';
const BUILD = 'packages/core/src/document/build.test.ts';
const DOCUMENT_SAMPLES = 'packages/data/src/document-samples.test.ts';
const PERFORMANCE = 'packages/core/src/performance/check.test.ts';
const PERFORMANCE_SAMPLES = 'packages/data/src/performance-samples.test.ts';
const PERFORMANCE_TABLES = 'packages/core/src/audit/performance-tables.test.ts';
const NEW_CASES_CORE = 'packages/core/src/rule-cases.test.ts';
const NEW_CASES_SAMPLE = 'packages/data/src/narrative-rule-cases.test.ts';
const GENERATED_NARRATIVE = 'packages/cli/src/generated-narrative.test.ts';
const NARRATIVE_SELF = 'packages/core/src/audit/narrative-self.test.ts';
const LAYOUT_UNITS = 'packages/data/src/audit-layout-units.test.ts';
const IDENTITY = 'packages/core/src/audit/identity.test.ts';
const PERFORMANCE_FLAT = 'packages/core/src/audit/performance-flat.test.ts';
const PERFORMANCE_WHOLE = 'packages/core/src/audit/performance-whole.test.ts';
const PERFORMANCE_TRANSFER = 'packages/core/src/audit/performance-transfer.test.ts';
const transferFires: TestRef = [
  PERFORMANCE_TRANSFER,
  'P-R05, P-R18, P-R13 and P-R29 fire on a wrong rate, sources that do not add up, an inequality and a blank 完成值; a judgement is never compared',
];
const transferClean: TestRef = [
  PERFORMANCE_TRANSFER,
  'stays silent where every 执行率 is B ÷ A as printed and the sources add up',
];

const codesClean: TestRef = [
  CODE_CHECKS,
  'accepts codes in force with their names, numbered labels and regional wording',
];
/** The two-unit sample with an internal transfer, offset by its adjustment table. */
const consolidationClean: TestRef = [
  CONSOLIDATION,
  'passes the same rules as the department without the transfer, with no 汇总 finding',
];
const packageClean: TestRef = [
  PACKAGE_CHECK,
  'reports the published cross-year inconsistency and accepts it once explained',
];
/** 景德镇 2024: all ten tables recognised, every row matched, nothing unknown. */
const jingdezhenTables: TestRef = [
  AUDIT_SAMPLES,
  'is recognised as jiangxi-2024 with all ten tables, by title, 表号 and header',
];
/** 景德镇 2024: the whole 情况说明 checked, only the N-17 claim is wrong. */
const jingdezhenNarrative: TestRef = [
  AUDIT_SAMPLES,
  'finds the narrative faithful to the tables except the 绩效 coverage claim (N-17)',
];
/** Both samples: every warning and error listed. */
const samplesComplete: TestRef = [AUDIT_SAMPLES, 'has no other warning or error'];
/** The 上海 2024 template read as a published document: every kind of residue. */
const templateResidue: TestRef = [
  AUDIT_SAMPLES,
  'is full of template residue: placeholders, alternatives and instructions, and nothing of another year or name',
];
const identityClean: TestRef = [
  IDENTITY,
  'stays silent on finished text: 参照公务员法, 填列 in a definition, a year in a name, an English word',
];
const narrativeClean: TestRef = [
  AUDIT,
  'accepts statements that agree with the tables as printed, shares and rates included',
];
const projectClean: TestRef = [PERFORMANCE, 'is silent on a consistent table'];
const reasonsComplete: TestRef = [
  DOCUMENT_SAMPLES,
  'asks for nothing else: every reason the wording needs is in the package',
];

export const RULE_TESTS: Readonly<Record<string, RuleTests>> = {
  'D-01': {
    fires: [
      [PACKAGE_CHECK, 'a table the package reports nothing for is one finding, and its rules are skipped'],
    ],
    silent: [packageClean],
  },
  'C-01': {
    fires: [[CODE_CHECKS, 'warns about a code not in force for the year (C-01)']],
    silent: [codesClean],
  },
  'C-02': {
    fires: [
      [CODE_CHECKS, 'flags a name the code only had in an earlier year (C-02)'],
      [RECOGNIZE, 'reports a stale 科目 name printed in a table (C-02)'],
    ],
    silent: [codesClean],
  },
  'C-03': { fires: [[CODE_CHECKS, 'flags a 项 printed without its 款 (C-03)']], silent: [codesClean] },

  'H-01': {
    fires: [
      [
        CONSOLIDATION,
        'H-01 names both units and both figures when the 补助 and the 上级补助收入 disagree, and offsets nothing',
      ],
    ],
    silent: [consolidationClean],
  },
  'H-02': {
    fires: [[CONSOLIDATION, 'H-02 reports a 上级补助收入 its parent unit does not report paying']],
    silent: [consolidationClean],
  },
  'H-03': {
    fires: [[CONSOLIDATION, 'H-03 is an error when the adjustment table offsets more than a unit reports']],
    silent: [consolidationClean],
  },
  'H-04': {
    fires: [
      [CONSOLIDATION, 'H-04 warns when a written adjustment table leaves out a transfer both units agree on'],
    ],
    silent: [consolidationClean],
  },

  'N-01': {
    fires: [[AUDIT, 'reports a figure that differs from its table cell, with both and the sentence']],
    silent: [narrativeClean, jingdezhenNarrative],
  },
  'N-02': {
    fires: [[NEW_CASES_CORE, 'N-02 fires on a share of 本年收入合计 that the tables do not give']],
    silent: [narrativeClean, jingdezhenNarrative],
  },
  'N-04': {
    fires: [[AUDIT, 'names the cell a wrong figure came from (a 财政拨款 figure taken from another 口径)']],
    silent: [narrativeClean, jingdezhenNarrative],
  },
  'N-04b': {
    fires: [[GENERATED_NARRATIVE, 'N-04b fires on a 类 of 一般公共预算财政拨款支出 that differs from 表五']],
    silent: [[GENERATED_NARRATIVE, 'N-04b stays silent on the generated 一般公共预算财政拨款支出 section']],
  },
  'N-05': {
    fires: [[AUDIT, 'refuses a completion rate when the budget is 0 (N-05)']],
    silent: [narrativeClean, jingdezhenNarrative],
  },
  'N-07': {
    fires: [[NEW_CASES_CORE, 'N-07 fires on a 三公 figure that differs from 公开09表']],
    silent: [narrativeClean, jingdezhenNarrative],
  },
  'N-03': {
    fires: [[NEW_CASES_SAMPLE, 'N-03 fires on the share of 基本支出 in 本年支出合计']],
    silent: [jingdezhenNarrative],
  },
  'N-06': {
    fires: [[NEW_CASES_SAMPLE, 'N-06 fires on 工资福利支出 that differs from 公开06表']],
    silent: [jingdezhenNarrative],
  },
  'N-08': {
    fires: [[NEW_CASES_SAMPLE, 'N-08 fires on 机关运行经费 stated above the 公用经费 of 公开06表']],
    silent: [
      [NEW_CASES_SAMPLE, 'N-08 stays silent on 机关运行经费 equal to the 公用经费 of 公开06表'],
      jingdezhenNarrative,
    ],
  },
  'N-09': {
    fires: [[NEW_CASES_SAMPLE, 'N-09 fires on a share of 政府采购 that its own figures do not give']],
    silent: [jingdezhenNarrative],
  },
  'N-10': {
    fires: [[NEW_CASES_SAMPLE, 'N-10 fires on a vehicle count that differs from 公开10表']],
    silent: [jingdezhenNarrative],
  },
  'N-12': {
    fires: [
      [AUDIT, 'checks a growth rate against the stated change and current value; a wrong one is an error'],
      [BUILD, 'give exactly one warning each, naming the section, the statement and where to write it'],
    ],
    silent: [narrativeClean, jingdezhenNarrative, reasonsComplete],
  },
  'N-17': {
    fires: [jingdezhenNarrative],
    silent: [[NEW_CASES_SAMPLE, 'N-17 stays silent when the stated coverage is one the tables give']],
  },
  'N-18': {
    fires: [
      [
        AUDIT_SAMPLES,
        'finds the truncated or short figures (N-18): 20.06% and 18.7%, 716.7, 582.64, 432.09, 82.6, 392%',
      ],
    ],
    silent: [narrativeClean, jingdezhenNarrative],
  },
  'N-REASON': {
    fires: [[BUILD, 'missing duties are a placeholder and a warning pointing at narrative.duties']],
    silent: [reasonsComplete],
  },

  'N-S01': {
    fires: [
      [NARRATIVE_SELF, 'N-S01 fires when 公务接待费 is printed 21.59: the three parts make 61.07, not 62.07'],
      [NARRATIVE_SELF, 'N-S01 fires on a 收支总计 that is not 本年收入 + 上年结转 (元)'],
    ],
    silent: [
      [
        NARRATIVE_SELF,
        'N-S01 stays silent on 广东省财政厅 2023: 62.07 = 12.02 + 27.46 + 22.59, 27.46 = 0 + 27.46, and the changes',
      ],
      [
        NARRATIVE_SELF,
        'N-S01 stays silent on 梧州 2023: 收支总预算 7,057,486.18 元 = 7,034,418.94 元 + 23,067.24 元',
      ],
      samplesComplete,
    ],
  },
  'N-S02': {
    fires: [[NARRATIVE_SELF, 'N-S02 fires on shares that make 102.0%']],
    silent: [
      [NARRATIVE_SELF, 'N-S02 stays silent on 广东省财政厅 2023: 19.4% + 44.2% + 36.4% = 100%'],
      [NARRATIVE_SELF, 'N-S02 stays silent on 景德镇 2024 income shares: 100.00% and 0.00%'],
    ],
  },
  'N-S03': {
    fires: [
      [NARRATIVE_SELF, 'N-S03 fires on “决算大于预算数” when 62.07 is below the 全年预算 84.82'],
      [NARRATIVE_SELF, 'N-S03 fires on “小于上年决算数” when the narrative says 比上年决算数增加 38.97 万元'],
    ],
    silent: [
      [
        NARRATIVE_SELF,
        'N-S03 stays silent on 广东省财政厅 2023: 决算小于预算数 (62.07 < 84.82), 大于上年决算数 (增加 38.97)',
      ],
    ],
  },
  'N-S04': {
    fires: [[NARRATIVE_SELF, 'N-S04 fires when (二) restates 公务接待费 as 22.95']],
    silent: [
      [NARRATIVE_SELF, 'N-S04 stays silent on 广东省财政厅 2023: 12.02, 27.46 and 22.59 restated in (二)'],
    ],
  },
  'N-S05': {
    fires: [[NARRATIVE_SELF, 'N-S05 fires on 10 批 with 8 人次 and on 0 个 团组 with 3 人次']],
    silent: [
      [NARRATIVE_SELF, 'N-S05 stays silent on 景德镇 2024: 团组 0 个，累计 0 人次; 10 批，累计接待 87 人次'],
    ],
  },
  'N-S06': {
    fires: [
      [
        NARRATIVE_SELF,
        'N-S06 fires on 3 个项目 with two listed, on 2+1+0+0 of 2 evaluated, and on three named of 等2个项目',
      ],
    ],
    silent: [
      [
        NARRATIVE_SELF,
        'N-S06 stays silent on 景德镇 2024 (二级项目2个, 2+0+0+0, 分别为 two names) and 青山湖 2020 (two named of 等4个项目)',
      ],
    ],
  },
  'N-11': {
    fires: [
      [NARRATIVE_SELF, 'N-11 fires when the narrative says there is none and 公开07表 prints 35.00'],
      [NARRATIVE_SELF, 'N-11 fires on a narrative alone that says none and states an amount'],
      [NARRATIVE_SELF, 'N-11 fires on an amount stated for a fund whose printed cells are all 0'],
    ],
    silent: [
      [
        NARRATIVE_SELF,
        'N-11 stays silent on a narrative saying none beside an empty 公开07表, and on 景德镇 2024’s 绩效 coverage',
      ],
    ],
  },
  'N-13': {
    fires: [[NARRATIVE_SELF, 'N-13 fires on 住房保障支出 决算数 3.58 元 among amounts in 万元']],
    silent: [[NARRATIVE_SELF, 'N-13 stays silent on 景德镇 2024 (万元) and on 梧州 2023 (元 throughout)']],
  },

  'N-14': {
    fires: [
      [
        AUDIT_SAMPLES,
        'finds the 名词解释 faults: 科目 the tables lack, 项 left unexplained, an obsolete item, a stale name',
      ],
    ],
    silent: [samplesComplete],
  },
  'N-16': {
    fires: [
      [
        AUDIT_SAMPLES,
        'finds the 名词解释 faults: 科目 the tables lack, 项 left unexplained, an obsolete item, a stale name',
      ],
      [NEW_CASES_CORE, 'N-16 fires on a 科目 the tables lack and a 项 with spending left unexplained'],
    ],
    silent: [
      [
        NEW_CASES_CORE,
        'N-16 stays silent on a 名词解释 that explains every 项 with spending and nothing else',
      ],
    ],
  },
  'N-19': {
    fires: [[AUDIT, 'reports a reference to a table the set does not have (N-19)']],
    silent: [samplesComplete],
  },

  'I-01': {
    fires: [[IDENTITY, 'reports a heading and a 编制单位 that name another department (I-01)']],
    silent: [[IDENTITY, 'accepts a short name, the own level, a listed unit and the units of a 汇总 (I-01)']],
  },
  'I-02': {
    fires: [
      [IDENTITY, 'reports a heading and a year-end date of an earlier year in a later document (I-02)'],
    ],
    silent: [
      [
        IDENTITY,
        'accepts comparisons, plans, citations, dates of publication and the year-end of the year (I-02, I-03)',
      ],
    ],
  },
  'I-03': {
    fires: [
      [IDENTITY, 'reports narrative that speaks of an earlier year as this one (I-03)'],
      [IDENTITY, 'reports a 绩效自评表 whose targets name its project for an earlier year (I-03)'],
      [
        AUDIT_SAMPLES,
        'finds the years copied from earlier documents into the 绩效 section and the 名词解释 (I-03)',
      ],
    ],
    silent: [[IDENTITY, 'accepts history and last year named beside this year in narrative (I-03)']],
  },
  'I-04': {
    fires: [
      [
        IDENTITY,
        'reports the placeholders and the alternatives the template left, read across the wrap (I-04, I-05)',
      ],
      [IDENTITY, 'reports placeholders left in a grid once for the grid (I-04)'],
      templateResidue,
    ],
    silent: [identityClean],
  },
  'I-05': {
    fires: [
      [
        IDENTITY,
        'reports the placeholders and the alternatives the template left, read across the wrap (I-04, I-05)',
      ],
      templateResidue,
    ],
    silent: [identityClean],
  },
  'I-06': {
    fires: [
      [IDENTITY, 'reports the instructions written for whoever fills the template in (I-06)'],
      templateResidue,
      [
        AUDIT_SAMPLES,
        'finds the template instructions left in and 2019 in the targets of two 2020 projects (I-06, I-03)',
      ],
    ],
    silent: [identityClean],
  },

  'R-01': {
    fires: [
      [RECOGNIZE, 'reports a missing printed table (R-01) and an unknown one with the profile it belongs to'],
    ],
    silent: [jingdezhenTables],
  },
  'R-02': {
    fires: [[NEW_CASES_CORE, 'R-02 fires on a row with figures that matches no row of the profile']],
    silent: [jingdezhenTables],
  },
  'R-03': {
    fires: [
      [RECOGNIZE, 'reports a missing printed table (R-01) and an unknown one with the profile it belongs to'],
    ],
    silent: [jingdezhenTables],
  },
  'R-04': {
    fires: [[RECOGNIZE, 'folds the failures a blank 合计 row causes into one finding about the row']],
    silent: [
      [
        RECOGNIZE,
        'runs the profile rules on the printed figures with the 万元 envelope: a clean document has no finding',
      ],
    ],
  },

  'R-05': {
    fires: [
      [DOCUMENT_KIND, 'says a budget is a budget and runs no 决算 rule on its tables'],
      [DOCUMENT_KIND, 'says a 绩效 report on its own is one (info) and checks it as such'],
    ],
    silent: [jingdezhenTables, [DOCUMENT_KIND, 'keeps R-01 for a 决算 that prints some of its tables']],
  },
  'R-06': {
    fires: [
      [DOCUMENT_KIND, 'gives a 决算 excerpt whose tables are attachments one R-06, not an R-01 per table'],
      [DOCUMENT_KIND, 'warns once when a 决算 has no table and does not say where they are'],
    ],
    silent: [jingdezhenTables, [DOCUMENT_KIND, 'keeps R-01 for a 决算 that prints some of its tables']],
  },
  'R-07': {
    fires: [
      [
        LAYOUT_UNITS,
        'R-07 fires once on 公开08表 printed as a picture under its title, and the other tables are still checked',
      ],
      [
        LAYOUT_UNITS,
        'R-07 fires on a heading with no grid before the next table’s title, said to be likely an image',
      ],
      [LAYOUT_UNITS, 'R-07 fires on a heading at the foot of a PDF page whose next page goes on with text'],
    ],
    silent: [
      jingdezhenTables,
      [LAYOUT_UNITS, 'R-07 stays silent on a table that is not printed at all, and on its title in the 目录'],
    ],
  },

  'P-R01': {
    fires: [
      [
        PERFORMANCE,
        'R01, R02, R03, R07: points and scores that do not add up, and a grade that does not fit',
      ],
    ],
    silent: [projectClean],
  },
  'P-R02': {
    fires: [
      [
        PERFORMANCE,
        'R01, R02, R03, R07: points and scores that do not add up, and a grade that does not fit',
      ],
    ],
    silent: [projectClean],
  },
  'P-R03': {
    fires: [
      [
        PERFORMANCE,
        'R01, R02, R03, R07: points and scores that do not add up, and a grade that does not fit',
      ],
      [
        PERFORMANCE_FLAT,
        'P-R03 fires on a run-on table whose 总分 is not the sum of its scores, and stays silent on the published one',
      ],
    ],
    silent: [
      projectClean,
      [PERFORMANCE_WHOLE, 'stays silent on a table whose blocks, scores, 总分 and grade agree'],
    ],
  },
  'P-R03.2': {
    fires: [[PERFORMANCE, 'R09: full marks for a missed target, an error without explanation']],
    silent: [projectClean],
  },
  'P-R04': {
    fires: [[PERFORMANCE, 'R04, R05, R06: 执行率 printed wrong and scored above its points']],
    silent: [projectClean],
  },
  'P-R05': {
    fires: [[PERFORMANCE, 'R04, R05, R06: 执行率 printed wrong and scored above its points'], transferFires],
    silent: [projectClean, transferClean],
  },
  'P-R06': {
    fires: [[PERFORMANCE, 'R04, R05, R06: 执行率 printed wrong and scored above its points']],
    silent: [projectClean],
  },
  'P-R07': {
    fires: [
      [
        PERFORMANCE,
        'R01, R02, R03, R07: points and scores that do not add up, and a grade that does not fit',
      ],
    ],
    silent: [projectClean],
  },
  'P-R08': {
    fires: [
      [PERFORMANCE, 'R22 and R08: coverage of 项目支出 and the stated summary'],
      [
        PERFORMANCE_WHOLE,
        'P-R08 fires on a stated 自评分 that is not its table’s 总分, and stays silent where they agree',
      ],
    ],
    silent: [
      [
        NEW_CASES_CORE,
        'P-R08 and P-R22 stay silent on a summary that agrees with the tables and the 项目支出',
      ],
    ],
  },
  'P-R09': {
    fires: [[PERFORMANCE, 'R09: full marks for a missed target, an error without explanation']],
    silent: [projectClean],
  },
  'P-R10': {
    fires: [
      [PERFORMANCE, 'R10 and S01: a deduction without explanation, and a score stricter than the rule'],
    ],
    silent: [projectClean],
  },
  'P-R11': {
    fires: [
      [
        PERFORMANCE,
        'R11: a met target scored below full; accepted as hand score for a flagged over-completion',
      ],
    ],
    silent: [projectClean],
  },
  'P-R12': {
    fires: [[PERFORMANCE, 'R12: over-completion at 1.3 × target needs an explanation']],
    silent: [projectClean],
  },
  'P-R13': {
    fires: [[PERFORMANCE, 'R13: an inequality as actual value'], transferFires],
    silent: [projectClean, transferClean],
  },
  'P-R14': {
    fires: [
      [
        PERFORMANCE,
        'R14: a score outside its tier is an error unless it is below the tier with the deviation explained',
      ],
    ],
    silent: [projectClean],
  },
  'P-R15': {
    fires: [[PERFORMANCE, 'R15 and R16: vague targets and quantities without unit']],
    silent: [projectClean],
  },
  'P-R16': {
    fires: [[PERFORMANCE, 'R15 and R16: vague targets and quantities without unit']],
    silent: [projectClean],
  },
  'P-R17': {
    fires: [[PERFORMANCE_TABLES, 'reads the year printed above each table for R17']],
    silent: [projectClean],
  },
  'P-R18': {
    fires: [
      [PERFORMANCE, 'R18: fund rows within printing tolerance are information, beyond it an error'],
      transferFires,
    ],
    silent: [projectClean, transferClean],
  },
  'P-R19': {
    fires: [[PERFORMANCE, 'R19: cost actual far below target while scored full']],
    silent: [projectClean],
  },
  'P-R20': {
    fires: [
      [NEW_CASES_CORE, 'P-R20 fires on a cost indicator scored full while spending exceeds the budget'],
    ],
    silent: [projectClean],
  },
  'P-R21': {
    fires: [[PERFORMANCE, 'R04, R05, R06: 执行率 printed wrong and scored above its points']],
    silent: [projectClean],
  },
  'P-R22': {
    fires: [[PERFORMANCE, 'R22 and R08: coverage of 项目支出 and the stated summary']],
    silent: [
      [
        NEW_CASES_CORE,
        'P-R08 and P-R22 stay silent on a summary that agrees with the tables and the 项目支出',
      ],
    ],
  },
  'P-R23': {
    fires: [
      [
        PERFORMANCE,
        'R26, R28, D01, R23: a grade without a score table, template defects, entered data without evidence, restated rates',
      ],
    ],
    silent: [projectClean],
  },
  'P-R25': {
    fires: [[NEW_CASES_CORE, 'P-R25 fires on a table without the 满意度指标 the profile requires']],
    silent: [projectClean],
  },
  'P-R26': {
    fires: [
      [
        PERFORMANCE,
        'R26, R28, D01, R23: a grade without a score table, template defects, entered data without evidence, restated rates',
      ],
    ],
    silent: [projectClean],
  },
  'P-R27': {
    fires: [
      [PERFORMANCE, 'R14 and R27: qualitative scores outside the tier band'],
      [PERFORMANCE_SAMPLES, 'flags 基本达成目标 scored full (R27) and lists every difference'],
    ],
    silent: [projectClean],
  },
  'P-R28': {
    fires: [
      [
        PERFORMANCE,
        'R26, R28, D01, R23: a grade without a score table, template defects, entered data without evidence, restated rates',
      ],
    ],
    silent: [projectClean],
  },
  'P-S01': {
    fires: [
      [PERFORMANCE, 'R10 and S01: a deduction without explanation, and a score stricter than the rule'],
    ],
    silent: [projectClean],
  },
  'P-D01': {
    fires: [
      [
        PERFORMANCE,
        'R26, R28, D01, R23: a grade without a score table, template defects, entered data without evidence, restated rates',
      ],
    ],
    silent: [projectClean],
  },
  'P-R29': {
    fires: [
      [
        PERFORMANCE_WHOLE,
        'reports block points that do not add up, a score above its points, a blank 得分 and 完成值, a grade that does not fit, and a rate its system scores otherwise',
      ],
    ],
    silent: [
      projectClean,
      [PERFORMANCE_WHOLE, 'stays silent on a table whose blocks, scores, 总分 and grade agree'],
    ],
  },
  'P-P01': {
    fires: [
      [
        PERFORMANCE_TABLES,
        'reports a table it cannot read in Chinese, saying which and why, and never throws',
      ],
    ],
    silent: [
      [
        PERFORMANCE_TABLES,
        'reads a generated table back as the data it was made from (merged cells repeated, scores as 5.00)',
      ],
    ],
  },
  'P-P02': {
    fires: [
      [
        PERFORMANCE_TABLES,
        'checks a table printed twice once; a reprint that differs is a warning naming the differences',
      ],
    ],
    silent: [
      [
        PERFORMANCE_TABLES,
        'reads a generated table back as the data it was made from (merged cells repeated, scores as 5.00)',
      ],
    ],
  },
};
