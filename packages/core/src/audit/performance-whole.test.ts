import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { type Finding, mainCell, readingPlace, sentenceOf } from '../finding';
import { testProfile } from '../performance/test-fixtures';
import { readPerformanceStatements } from './performance-statements';
import { auditPerformanceTables } from './performance-tables';
import { baseDataGrids, checkWholeTable, readBaseData, readWholeTable } from './performance-whole';
import type { RawBlock, RawDocument } from './raw';
import type { PerformanceGrid } from './recognize';

const profile = testProfile();

/**
 * A Hunan 整体支出绩效自评表 in the layout of 浏阳 2021 (docs/performance.md#hn-2021): points on the
 * 一级 and 二级 cells, each 三级 row with 年度指标值, 全年完成值 and 自评得分; merged cells printed
 * once. 投入管理 30 + 产出 25 + 效益 45.
 */
const WHOLE = [
  '一级指标\t二级指标\t三级指标\t年度指标值\t全年完成值\t自评得分\t偏差及原因分析',
  '投入管理（30分）\t预算编审管理（3分）\t预算编制完整性\t完整\t完整\t3\t',
  '\t预算执行管理（2分）\t预算完成率\t≥95%\t99.27%\t2\t',
  '\t预算控制管理（2分）\t“三公经费”控制率\t≤100%\t92%\t2\t',
  '\t部门结转结余资金管理（4分）\t结转结余率\t≤5%\t3.2%\t4\t',
  '\t预算绩效管理（5分）\t绩效目标管理\t完整\t完整\t5\t',
  '\t预决算信息公开管理（4分）\t公开及时性\t及时\t及时\t4\t',
  '\t财政监督管理（3分）\t预算调整率\t10%以内\t12%\t2\t年中追加了医保基金监管经费',
  '\t政府采购管理（3分）\t政府采购执行率\t100%\t100%\t3\t',
  '\t资产管理（4分）\t在职人员控制率\t≤100%\t100%\t4\t',
  '产出指标（25分）\t数量指标（6分）\t基金监管检查次数\t≥4次\t5次\t6\t',
  '\t质量指标（8分）\t检查问题整改率\t≥90%\t95%\t8\t',
  '\t时效指标（5分）\t待遇支付及时率\t100%\t100%\t5\t',
  '\t成本指标（6分）\t公用经费控制率\t≤100%\t96%\t6\t',
  '效益指标（45分）\t经济效益（10分）\t基金收支平衡\t平衡\t平衡\t10\t',
  '\t社会效益（10分）\t参保覆盖率\t≥95%\t97%\t10\t',
  '\t生态效益（7分）\t无纸化办公推进\t推进\t推进\t7\t',
  '\t可持续影响（8分）\t制度建设\t健全\t健全\t8\t',
  '\t满意度（10分）\t参保群众满意度\t≥90%\t93%\t10\t',
  '总分\t\t\t\t\t97\t',
  '评价等级\t优',
];

/** 部门整体支出绩效自评基础数据表: staff, and 三公经费 by 上年决算, 本年预算, 本年决算 (万元). */
const BASE = [
  ['编制数', '21', '实际在职人数', '21', '控制率', '100%'],
  ['“三公”经费', '上年决算', '本年预算', '本年决算'],
  ['公务用车购置及运维费', '6.10', '8.00', '7.20'],
  ['公务接待费', '2.30', '3.00', '2.80'],
  ['“三公”经费合计', '8.40', '11.00', '10.00'],
];

function grid(lines: readonly string[], title = '部门整体支出绩效自评表', first = 10): PerformanceGrid {
  const rows = lines.map((l) => l.split('\t'));
  return {
    title,
    blockIndex: 1,
    location: { line: first },
    table: {
      kind: 'table',
      rows,
      rowLocations: rows.map((_, i) => ({ line: first + i })),
      location: { line: first },
    },
  };
}

function document(...blocks: RawBlock[]): RawDocument {
  return { file: 'hunan.txt', format: 'text', pages: 1, blocks, warnings: [] };
}

const baseBlock: RawBlock = {
  kind: 'table',
  rows: BASE,
  rowLocations: BASE.map((_, i) => ({ line: 40 + i })),
  location: { line: 40 },
};

const ids = (findings: readonly Finding[]) => findings.map((f) => `${f.id} ${f.severity}`).sort();

describe('a Hunan 整体支出绩效自评表 read and rescored', () => {
  it('reads every 三级 row under its 一级/二级 block, the block points, 总分 and 评价等级', () => {
    const table = readWholeTable(grid(WHOLE))!;
    assert.equal(table.rows.length, 18);
    assert.deepEqual(table.rows[2], {
      level1: '投入管理',
      level2: '预算控制管理',
      name: '“三公经费”控制率',
      target: '≤100%',
      actual: '92%',
      score: '2',
      at: { line: 13 },
    });
    assert.deepEqual(
      table.groups.filter((g) => g.level2 === undefined).map((g) => [g.level1, g.points]),
      [
        ['投入管理', '30'],
        ['产出指标', '25'],
        ['效益指标', '45'],
      ],
    );
    assert.deepEqual([table.total?.score, table.grade?.text], ['97', '优']);
  });

  it('rescores it: 总分 97 against Σ 得分 99 (P-R03), 预算完成率 99.27% and 在职人员控制率 100% scored full by the rules as printed, the 三公 rate against the 基础数据表 (P-R23)', () => {
    const table = readWholeTable(grid(WHOLE))!;
    const findings = checkWholeTable(table, profile, readBaseData(document(baseBlock)));
    assert.deepEqual(ids(findings), ['P-R03@整体表 error', 'P-R23@整体表/“三公经费”控制率 warning']);
    const r03 = findings.find((f) => f.rule === 'P-R03')!;
    assert.deepEqual([r03.found?.text, r03.expected?.text, readingPlace(r03)?.line], ['97.00', '99.00', 29]);
    assert.deepEqual(mainCell(r03)?.row?.label, '总分');
    const r23 = findings.find((f) => f.rule === 'P-R23')!;
    assert.match(
      r23.message,
      /完成值印为 92%，按基础数据表 “三公”经费本年决算 ÷ 本年预算 = 10\.00 ÷ 11\.00 = 90\.91%/,
    );
    assert.equal(readingPlace(r23)?.line, 13);
  });

  it('stays silent on a table whose blocks, scores, 总分 and grade agree', () => {
    const fixed = WHOLE.map((l) =>
      l.replace('总分\t\t\t\t\t97', '总分\t\t\t\t\t99').replace('≤100%\t92%', '≤100%\t90.91%'),
    );
    const findings = checkWholeTable(
      readWholeTable(grid(fixed))!,
      profile,
      readBaseData(document(baseBlock)),
    );
    assert.deepEqual(ids(findings), []);
  });

  it('reports block points that do not add up, a score above its points, a blank 得分 and 完成值, a grade that does not fit, and a rate its system scores otherwise', () => {
    const broken = WHOLE.map((l) =>
      l
        .replace('99.27%', '90%')
        .replace('≤100%\t92%\t2', '≤100%\t92%\t3')
        .replace('数量指标（6分）', '数量指标（7分）')
        .replace('95%\t8', '95%\t')
        .replace('\t制度建设\t健全\t健全', '\t制度建设\t健全\t')
        .replace('总分\t\t\t\t\t97', '总分\t\t\t\t\t86'),
    );
    const findings = checkWholeTable(readWholeTable(grid(broken))!, profile);
    assert.deepEqual(ids(findings), [
      'P-R01@整体表/产出指标 error',
      'P-R03@整体表 error',
      'P-R04@整体表/投入管理/预算控制管理 error',
      'P-R07@整体表/等级 error',
      'P-R29@整体表/制度建设/完成值 warning',
      'P-R29@整体表/检查问题整改率 warning',
      'P-S01@整体表/预算完成率 warning',
    ]);
    const s01 = findings.find((f) => f.rule === 'P-S01')!;
    assert.deepEqual([s01.found?.text, s01.expected?.text], ['2.00', '1.00']);
    // A 完成值 that is no rate (完整, 推进, 健全) is never compared.
    assert.ok(!findings.some((f) => /预算编制完整性|无纸化办公推进/.test(f.id)));
  });

  it('is checked as part of the document: a whole-department grid is rescored, not set aside', () => {
    const raw = document(
      { kind: 'text', text: '部门整体支出绩效自评表', location: { line: 9 } },
      grid(WHOLE).table,
      baseBlock,
    );
    const findings = auditPerformanceTables([grid(WHOLE)], profile, { year: 2024, raw }).findings;
    assert.deepEqual(ids(findings), ['P-R03@整体表 error', 'P-R23@整体表/“三公经费”控制率 warning']);
    assert.ok(!findings.some((f) => f.rule === 'P-P01'));
  });
});

describe('the 基础数据 of a Hunan form whose excerpt holds no score table', () => {
  // 岳阳市城市管理监督指挥中心 2018 部门整体支出绩效评价自评报告, 一、部门(单位)基本概况, as a text reader
  // puts it into a grid: 联络电话 8690022, 人员编制 21, 实有人数 21.
  const raw = document(
    { kind: 'text', text: '岳阳市2018年度部门整体支出绩效评价自评报告', location: { line: 4 } },
    {
      kind: 'table',
      rows: [
        ['8690022', '人员编制', '21'],
        ['实有人数', '21', ''],
      ],
      rowLocations: [{ line: 30 }, { line: 34 }],
      location: { line: 30 },
    },
  );

  it('reads 编制数 and 实有人数 as a performance grid of the form and says what it read, with nothing to rescore', () => {
    const grids = baseDataGrids(raw, new Set());
    assert.deepEqual(
      grids.map((g) => [g.title, g.blockIndex]),
      [['部门整体支出绩效自评基础数据', 1]],
    );
    const findings = auditPerformanceTables(grids, profile, {
      year: 2018,
      raw,
    }).findings;
    assert.deepEqual(
      findings.map((f) => [f.rule, f.severity, f.message]),
      [
        [
          'P-P01',
          'info',
          '读到部门整体支出绩效自评的基础数据：编制数 21、实有人数 21（在职人员控制率 100.00%）；文中没有整体支出绩效自评表，无从重算',
        ],
      ],
    );
  });

  it('leaves a staff table of a 决算 that does not speak of 绩效 alone', () => {
    const plain = document({ ...raw.blocks[1]! });
    assert.deepEqual(baseDataGrids(plain, new Set()), []);
  });
});

describe('statements of the narrative about the project tables', () => {
  it('reads a project score stated in a sentence, with its grade (景德镇 2024 附件; 青山湖 2020)', () => {
    const raw = document(
      {
        kind: 'text',
        text: '本次绩效自评报告分析项目为:医疗保障改革专项经费(2024 年),自评分 100 分,评价等级为优。',
        location: { line: 745 },
      },
      {
        kind: 'text',
        text: '项目绩效自评总体综述：根据年初设定的绩效目标，城乡居民医疗保险配套补助经费项目绩效自评得分为93分。项目全年预算数为2300万元。',
        location: { line: 621 },
      },
    );
    const { projectScores } = readPerformanceStatements(raw);
    assert.deepEqual(
      projectScores.map((s) => [s.score, s.grade, s.location.line]),
      [
        ['100', '优', 745],
        ['93', undefined, 621],
      ],
    );
    assert.match(projectScores[1]!.subject, /城乡居民医疗保险配套补助经费项目绩效$/);
  });

  it('P-R08 holds the money stated with a project’s score against its table: silent on 青山湖 2020’s 2300 / 2300 / 100%, firing on another 执行数', () => {
    const table = grid(
      [
        '项目名称\t城乡居民医疗保险配套补助经费',
        '项目资金（万元）\t\t年初预算数\t全年预算数\t全年执行数\t分值\t执行率\t得分',
        '\t年度资金总额\t2300万元\t2300万元\t2300万元\t10\t100%\t10',
        '绩效指标\t一级指标\t二级指标\t三级指标\t年度指标值\t实际完成值\t分值\t得分\t偏差原因分析及改进措施',
        '\t满意度指标\t服务对象满意度\t参保对象满意度（%）\t≥95%\t96%\t90\t83\t',
        '总分\t\t\t\t\t\t100\t93\t',
      ],
      '项目支出绩效自评表',
    );
    const stated = (sentence: string) => {
      const raw = document({ kind: 'text', text: sentence, location: { line: 621 } });
      return auditPerformanceTables([table], profile, { year: 2020, raw }).findings.filter((f) =>
        f.id.startsWith('P-R08@'),
      );
    };
    const published =
      '项目绩效自评总体综述：根据年初设定的绩效目标，城乡居民医疗保险配套补助经费项目绩效自评得分为93分。项目全年预算数为2300万元，执行数为2300万元，完成预算的100%。';
    assert.deepEqual(stated(published), []);
    const [r08] = stated(
      published.replace('执行数为2300万元，完成预算的100%', '执行数为2200万元，完成预算的95.7%'),
    );
    assert.equal(r08?.id, 'P-R08@城乡居民医疗保险配套补助经费/说明资金');
    assert.match(
      r08!.message,
      /执行数 2200 万元（表中 2300 万元）、完成预算的 95\.7%（表中 2300 ÷ 2300 = 100\.00%）/,
    );
  });

  it('P-R08 fires on a stated 自评分 that is not its table’s 总分, and stays silent where they agree', () => {
    const table = (name: string, total: string) =>
      grid(
        [
          `项目名称\t${name}`,
          '绩效指标\t一级指标\t二级指标\t三级指标\t年度指标值\t实际完成值\t分值\t得分\t偏差原因分析及改进措施',
          '\t满意度指标\t服务对象满意度\t群众满意度\t≥95%\t98\t90\t90\t',
          `总分\t\t\t\t\t\t100\t${total}\t`,
        ],
        '项目支出绩效自评表',
      );
    const raw = document({
      kind: 'text',
      text: '本次绩效自评报告分析项目为:医疗保障改革专项经费(2024 年),自评分 100 分,评价等级为优。',
      location: { line: 745 },
    });
    const stated = (total: string) =>
      auditPerformanceTables([table('医疗保障改革专项经费(2024 年)', total)], profile, {
        year: 2024,
        raw,
      }).findings.filter((f) => f.id.endsWith('/自评分'));
    const [r08] = stated('97');
    assert.equal(r08?.severity, 'warning');
    assert.deepEqual([r08?.found?.text, r08?.expected?.text], ['100分', '97分']);
    assert.match(sentenceOf(r08!) ?? '', /自评分100分/);
    assert.deepEqual(stated('100'), []);
  });
});
