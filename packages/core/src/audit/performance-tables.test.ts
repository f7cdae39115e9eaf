import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { GridBlock } from '../document/model';
import { selfEvaluationGrid } from '../document/performance-grids';
import { type Finding, mainCell, readingPlace, sentenceOf } from '../finding';
import { checkPerformance } from '../performance/check';
import type { ProjectData } from '../performance/schema';
import { scoreProject } from '../performance/score';
import { indicator, packageWith, target, testProfile } from '../performance/test-fixtures';
import { parseProjectTable } from './performance-parse';
import { readPerformanceStatements } from './performance-statements';
import { auditPerformanceTables, projectDifferences } from './performance-tables';
import type { RawDocument, RawTable } from './raw';
import type { PerformanceGrid } from './recognize';

const profile = testProfile();

/** Tab-separated lines → a grid as recognition hands it over, each row at its line. */
function grid(lines: string[], first = 100): PerformanceGrid {
  const table: RawTable = {
    kind: 'table',
    rows: lines.map((l) => l.split('\t').map((c) => c.replace(/\s+/g, ' ').trim())),
    rowLocations: lines.map((_, i) => ({ line: first + i })),
    location: { line: first },
  };
  return { title: '项目支出绩效自评表', blockIndex: 1, location: { line: first }, table };
}

/** A generated grid as DOCX/HTML readers give it: every merged cell repeated where it covers. */
function gridFromBlock(block: GridBlock): PerformanceGrid {
  const matrix: string[][] = [];
  block.rows.forEach((cells, r) => {
    matrix[r] ??= [];
    let c = 0;
    for (const cell of cells) {
      while (matrix[r]![c] !== undefined) c++;
      for (let dr = 0; dr < (cell.rowSpan ?? 1); dr++) {
        matrix[r + dr] ??= [];
        for (let dc = 0; dc < (cell.colSpan ?? 1); dc++) matrix[r + dr]![c + dc] = cell.text;
      }
      c += cell.colSpan ?? 1;
    }
  });
  const width = Math.max(...matrix.map((r) => r.length));
  const rows = matrix.map((r) => Array.from({ length: width }, (_, i) => r[i] ?? ''));
  return {
    title: '项目支出绩效自评表',
    blockIndex: 0,
    location: { line: 1 },
    table: {
      kind: 'table',
      rows,
      rowLocations: rows.map((_, i) => ({ line: i + 1 })),
      location: { line: 1 },
    },
  };
}

/** As text extracted from a PDF prints a 项目支出绩效自评表 (景德镇 2024, second table, shortened). */
const PDF_LINES = [
  '项目名称\t医保基金经办专项经费 (2024)\t\t\t\t\t\t\t',
  '主管部门\t景德镇市医疗保障局\t\t实施单位\t\t景德镇市医疗保险事业服务中心\t\t\t',
  '项目资金 (万元)\t\t年初预算数\t全年预算数 A\t全年执行数 B\t分值\t执行率\t得分\t',
  '\t年度资金总额\t160\t160\t130.993\t10\t81.87\t7\t',
  '\t政府预算资 金\t160\t160\t130.99348\t—\t81.87\t—\t',
  '年度总体目标\t预期目标\t\t\t实际完成情况\t\t\t\t',
  '\t<p>保障经办机构正常运行</p>\t\t\t全年目标完成情况较好\t\t\t\t',
  '绩效 指 标\t一级指标\t二级 指标\t三级指标\t年度 指标\t实际 完成值\t分 值\t得 分\t偏差原因分 析 及改进措施',
  '\t成本指标\t经济 成本 指标\t其他开支\t≤12 万元\t60.2\t40\t0\t清退了部分临聘人员,支付了赔偿金。',
  '\t社会成本指标\t\t\t\t\t\t\t',
  // A merged 一级 cell left empty shifts the row one cell to the left.
  '产出指标\t数量指标\t设备购置\t≥1 台\t3\t10\t10\t受业务实际情况影响,原计划的 2 次定点评估缩减为 1\t',
  '\t\t定点机构评估 次数\t≥2 次\t1\t10\t0\t\t',
  '\t\t\t\t\t\t\t次。\t',
  '\t\t\t培训人员参与 率\t≥80%\t\t10\t\t',
  '\t效益指标\t社会 效益 指标\t干部综合能力\t显著 提高\t基本达成目标\t10\t10\t',
  '\t满意度指标\t群众满意度\t≥95%\t98\t10\t10\t\t',
  '总分\t\t\t\t\t100\t47\t\t',
];

describe('parsing a 项目支出绩效自评表 read from a document', () => {
  it('reads a PDF-extracted table: shifted rows, carried 一级/二级, wrapped names, blank scores, spilled 偏差 and a 总分 out of its columns', () => {
    const parsed = parseProjectTable(grid(PDF_LINES), { year: 2024 });
    assert.deepEqual(parsed.problems, []);
    const p = parsed.project!;
    assert.equal(p.name, '医保基金经办专项经费(2024)');
    assert.equal(p.year, 2024);
    assert.equal(p.department, '景德镇市医疗保障局');
    assert.equal(p.implementer, '景德镇市医疗保险事业服务中心');
    assert.deepEqual(p.funds, {
      total: { initial: '160', final: '160', executed: '130.993', rate: '81.87', points: '10', score: '7' },
      fiscal: { initial: '160', final: '160', executed: '130.99348', rate: '81.87', label: '政府预算资金' },
    });
    assert.deepEqual(p.goals, { expected: '保障经办机构正常运行', actual: '全年目标完成情况较好' });
    assert.deepEqual(
      p.indicators!.map((i) => [i.level1, i.level2, i.name, i.target.text, i.actual, i.points, i.score]),
      [
        ['成本指标', '经济成本指标', '其他开支', '≤12 万元', '60.2', '40', '0'],
        ['产出指标', '数量指标', '设备购置', '≥1 台', '3', '10', '10'],
        ['产出指标', '数量指标', '定点机构评估次数', '≥2 次', '1', '10', '0'],
        // A blank 实际完成值 and a blank 得分 stay blank.
        ['产出指标', '数量指标', '培训人员参与率', '≥80%', undefined, '10', undefined],
        ['效益指标', '社会效益指标', '干部综合能力', '显著提高', '基本达成目标', '10', '10'],
        ['满意度指标', undefined, '群众满意度', '≥95%', '98', '10', '10'],
      ],
    );
    assert.deepEqual(p.indicators![2]!.target, { text: '≥2 次', kind: 'ge', value: '2', unit: '次' });
    // The tall 偏差 cell of 定点机构评估次数 printed its first line on the row above.
    assert.equal(p.indicators![1]!.deviation, undefined);
    assert.equal(p.indicators![2]!.deviation, '受业务实际情况影响,原计划的 2 次定点评估缩减为 1 次。');
    assert.deepEqual(p.total, { points: '100', score: '47' });
    assert.deepEqual(parsed.places.get('定点机构评估次数'), {
      location: { line: 111 },
      row: '定点机构评估次数',
      column: '得分',
    });
    assert.equal(parsed.places.get('执行率')?.location.line, 103);
  });

  it('reads the 2020 template: points on groups, 一级 inferred from an 二级 name, a wrapped name, units from the name, a bare 0 as a ceiling, 总分 figures in order', () => {
    const lines = [
      '项目名称\t城乡居民医疗保险配套补助经费\t\t\t\t\t\t\t',
      '主管部门\t青山湖区医疗保障局\t实施单位\t青山湖区医疗保险事业管理局\t\t\t\t\t',
      '项目资金（万元）\t\t年初预算数\t全年预算数\t全年执行数\t分值\t执行率\t得分\t',
      '\t年度资金总额\t2300万元\t2300万元\t2300万元\t10\t100%\t10\t',
      '\t其中：当年财政拨款\t2300万元\t2300万元\t2300万元\t—\t100%\t—\t',
      '\t上年结转资金\t\t\t\t—\t\t—\t',
      '绩效指标\t一级指标\t二级指标\t三级指标\t年度指标值\t实际完成值\t分值\t得分\t偏差原因分析及改进措施',
      '\t产出指标（50分）\t数量指标（15分）\t参保人数（人）\t240000\t242566\t30\t30\t',
      '\t\t成本指标（10分）\t城乡居民财政补助标准成本（元）\t未成年人550成年人590\t未成年人550成年人590\t10\t10\t',
      '\t\t质量指标（5分）\t重复参保人数（人）\t0\t0\t10\t10\t',
      '\t\t社会效益指标（20分）\t居民医保覆盖范围\t逐步扩大\t逐步扩大\t20\t20\t',
      // The name wrapped onto a line of its own.
      '\t\t\t及待遇水平\t\t\t\t\t',
      '\t满意度指标（10分）\t服务对象满意度指标（10分）\t参保对象满意度（%）\t＞=95%\t96%\t20\t20\t',
      '总分\t100\t93\t\t\t\t\t\t',
      '评价等级\t优\t\t\t\t\t\t\t',
    ];
    const parsed = parseProjectTable(grid(lines));
    assert.deepEqual(parsed.problems, []);
    const p = parsed.project!;
    assert.deepEqual(p.funds?.total, {
      initial: '2300',
      final: '2300',
      executed: '2300',
      rate: '100',
      points: '10',
      score: '10',
    });
    assert.equal(p.funds?.fiscal?.label, '当年财政拨款');
    assert.equal(p.funds?.carryover, undefined);
    const [people, cost, repeat, coverage, satisfaction] = p.indicators!;
    assert.deepEqual(people!.target, { text: '240000', kind: 'ge', value: '240000', unit: '人' });
    assert.equal(cost!.level1, '产出指标');
    assert.equal(cost!.level2, '成本指标');
    assert.deepEqual(cost!.target, { text: '未成年人550成年人590', kind: 'quantOther', unit: '元' });
    assert.deepEqual(repeat!.target, { text: '0', kind: 'le', value: '0', unit: '人' });
    assert.equal(coverage!.level1, '效益指标');
    assert.equal(coverage!.name, '居民医保覆盖范围及待遇水平');
    assert.match(coverage!.note ?? '', /一级指标“效益指标”未印在本行/);
    assert.deepEqual(satisfaction!.target, { text: '＞=95%', kind: 'ge', value: '95', unit: '%' });
    assert.deepEqual(p.groups, [
      { level1: '产出指标', points: '50' },
      { level1: '产出指标', level2: '数量指标', points: '15' },
      { level1: '产出指标', level2: '成本指标', points: '10' },
      { level1: '产出指标', level2: '质量指标', points: '5' },
      { level1: '效益指标', level2: '社会效益指标', points: '20' },
      { level1: '满意度指标', points: '10' },
      { level1: '满意度指标', level2: '服务对象满意度指标', points: '10' },
    ]);
    assert.deepEqual(p.total, { points: '100', score: '93' });
    assert.equal(p.grade, '优');
  });

  it('reads a generated table back as the data it was made from (merged cells repeated, scores as 5.00)', () => {
    const project: ProjectData = {
      name: '测试项目(2024年)',
      year: 2024,
      department: '测试局',
      implementer: '测试中心',
      funds: {
        total: { initial: '50', final: '50', executed: '49.977', rate: '99.95', points: '10', score: '7' },
        fiscal: { label: '政府预算资金', initial: '50', final: '50', executed: '49.976847', rate: '99.95' },
      },
      goals: { expected: '完成任务', actual: '已完成' },
      indicators: [
        indicator('30', target('≥3 次', 'ge', '3', '次'), '3', { name: '检查次数', score: '30' }),
        indicator('30', target('及时', 'qual'), '基本达成目标', {
          level2: '时效指标',
          name: '方案推进及时性',
          score: '30',
        }),
        indicator('20', target('显著提升', 'qual'), '部分达成年度指标并具有一定效果', {
          level1: '效益指标',
          level2: '社会效益指标',
          name: '监管能力',
          score: '12',
          deviation: '人手不足',
        }),
        indicator('10', target('≥90%', 'ge', '90', '%'), '95', {
          level1: '满意度指标',
          level2: '服务对象满意度',
          name: '参保人员满意度',
          score: '10',
        }),
      ],
      total: { points: '100', score: '89' },
    };
    const block = selfEvaluationGrid(project, scoreProject(project, profile), { year: 2024 });
    const parsed = parseProjectTable(gridFromBlock(block), { year: 2024 });
    assert.deepEqual(parsed.problems, []);
    assert.deepEqual(projectDifferences(project, parsed.project!), []);
    assert.deepEqual(
      parsed.project!.indicators!.map((i) => i.target),
      project.indicators!.map((i) => i.target),
    );
    // The checks find in the printed table what they find in the data.
    const brief = (f: Finding) => `${f.id} ${f.severity} ${f.found?.text ?? ''}→${f.expected?.text ?? ''}`;
    const fromData = checkPerformance(packageWith({}, { projects: [project] }), profile).map(brief);
    const fromPrint = auditPerformanceTables([gridFromBlock(block)], profile, { year: 2024 }).findings.map(
      brief,
    );
    assert.ok(fromData.length >= 3, fromData.join('\n'));
    assert.deepEqual(fromPrint, fromData);
  });
});

describe('checking the tables read and placing the findings', () => {
  it('places each finding at the table, the indicator row and the column it is about', () => {
    const { findings } = auditPerformanceTables([grid(PDF_LINES)], profile, { year: 2024 });
    const at = (id: string) => {
      const f = findings.find((x) => x.id === id);
      assert.ok(f, `${id} 不在 ${findings.map((x) => x.id).join('、')}`);
      return f.places;
    };
    const line = (id: string) => readingPlace({ places: at(id) })?.line;
    const cell = (id: string) => mainCell({ places: at(id) });
    const project = '医保基金经办专项经费(2024)';
    assert.deepEqual(at(`P-R06@${project}/执行率`), [
      { kind: 'text', line: 103 },
      {
        kind: 'cell',
        tableNumber: `项目支出绩效自评表（${project}）`,
        row: { label: '年度资金总额' },
        column: { label: '得分' },
      },
    ]);
    assert.deepEqual(cell(`P-R27@${project}/干部综合能力`)?.row, { label: '干部综合能力' });
    assert.equal(line(`P-R27@${project}/干部综合能力`), 114);
    assert.deepEqual(cell(`P-R15@${project}/干部综合能力`)?.column, { label: '年度指标值' });
    assert.deepEqual(cell(`P-R03.2@${project}`)?.row, { label: '总分' });
    assert.equal(line(`P-R03.2@${project}`), 116);
    for (const f of findings) {
      assert.equal(f.category, 'performance');
      assert.ok(readingPlace(f)?.line !== undefined && mainCell(f)?.tableNumber, f.id);
    }
    // Published scores are kept: 0 where the rule gives 5 for 1 of ≥2.
    const s01 = findings.find((f) => f.id === `P-S01@${project}/定点机构评估次数`);
    assert.equal(s01?.found?.text, '0.00');
    assert.equal(s01?.expected?.text, '5.00');
  });

  it('checks a table printed twice once; a reprint that differs is a warning naming the differences', () => {
    const reprint = PDF_LINES.map((l) => l.replace('\t60.2\t40\t0\t', '\t60.2\t40\t5\t'));
    const same = auditPerformanceTables([grid(PDF_LINES), grid(PDF_LINES, 300)], profile, { year: 2024 });
    const once = auditPerformanceTables([grid(PDF_LINES)], profile, { year: 2024 });
    const twice = same.findings.filter((f) => f.rule !== 'P-P02');
    assert.deepEqual(
      twice.map((f) => f.id),
      once.findings.map((f) => f.id),
    );
    const dup = same.findings.find((f) => f.rule === 'P-P02')!;
    assert.equal(dup.severity, 'info');
    assert.equal(readingPlace(dup)?.line, 300);
    const differs = auditPerformanceTables([grid(PDF_LINES), grid(reprint, 300)], profile, { year: 2024 });
    const warning = differs.findings.find((f) => f.rule === 'P-P02')!;
    assert.equal(warning.severity, 'warning');
    assert.match(warning.message, /“其他开支”得分：0 \/ 5/);
  });

  it('reports a table it cannot read in Chinese, saying which and why, and never throws', () => {
    const cases: [string, PerformanceGrid, RegExp][] = [
      [
        'no header',
        grid(['项目名称\t某项目\t', '总分\t100\t90']),
        /某项目.*无法读取：没有读到绩效指标的表头/,
      ],
      ['no name', grid(['主管部门\t某局', '一级指标\t二级指标\t三级指标']), /无法读取：没有读到“项目名称”/],
      [
        'missing columns',
        grid(['项目名称\t某项目', '一级指标\t二级指标\t三级指标\t分值']),
        /表头缺少“年度指标值”、“实际完成值”、“得分”栏/,
      ],
      ['empty', grid([]), /无法读取/],
    ];
    for (const [what, g, message] of cases) {
      const { findings } = auditPerformanceTables([g], profile, { year: 2024 });
      assert.equal(findings.length, 1, what);
      assert.equal(findings[0]!.rule, 'P-P01', what);
      assert.equal(findings[0]!.severity, 'warning', what);
      assert.match(findings[0]!.message, message, what);
    }
    const ragged: PerformanceGrid = {
      ...grid(PDF_LINES),
      table: { kind: 'table', rows: [['项目名称'], [], ['三级指标']], rowLocations: [], location: {} },
    };
    assert.doesNotThrow(() => auditPerformanceTables([ragged], profile, { year: 2024 }));
  });

  it('joins a table continued on the next page (no 项目名称, header repeated) to the table before it', () => {
    const cut = PDF_LINES.indexOf('\t\t\t培训人员参与 率\t≥80%\t\t10\t\t');
    const first = grid(PDF_LINES.slice(0, cut), 100);
    const rest = grid([PDF_LINES[7]!, ...PDF_LINES.slice(cut)], 100 + cut - 1);
    const whole = auditPerformanceTables([grid(PDF_LINES)], profile, { year: 2024 });
    const split = auditPerformanceTables([first, rest], profile, { year: 2024 });
    assert.deepEqual(split.tables[0]!.project, whole.tables[0]!.project);
    assert.deepEqual(
      split.findings.map((f) => [f.id, readingPlace(f)?.line]),
      whole.findings.map((f) => [f.id, readingPlace(f)?.line]),
    );
  });

  it('reads the year printed above each table for R17', () => {
    const g = { ...grid(PDF_LINES), blockIndex: 1 };
    const raw: RawDocument = {
      file: 'x.txt',
      format: 'text',
      pages: 1,
      blocks: [{ kind: 'text', text: '（2023 年度）', location: { line: 99 } }, g.table],
      warnings: [],
    };
    const { tables, findings } = auditPerformanceTables([g], profile, { year: 2024, raw });
    assert.equal(tables[0]!.project?.year, 2023);
    assert.ok(findings.some((f) => f.rule === 'P-R17'));
  });

  it('holds what 预算绩效情况说明 states (count, money, grades, a bare 整体 grade) against the tables read', () => {
    const text = (t: string, line: number) => ({ kind: 'text' as const, text: t, location: { line } });
    const g = { ...grid(PDF_LINES), blockIndex: 2 };
    const raw: RawDocument = {
      file: 'x.txt',
      format: 'text',
      pages: 1,
      blocks: [
        text(
          '我部门组织对二级项目2个全面开展绩效自评，共涉及资金210万元，占项目支出总额的100%。其中，2个项目评价结果为“优”，0个项目评价结果为“良”。',
          50,
        ),
        text('组织开展部门整体支出绩效评价，评价结果为“优”。', 52),
        g.table,
      ],
      warnings: [],
    };
    const statements = readPerformanceStatements(raw);
    assert.deepEqual(statements.summary?.data, { projectCount: 2, amount: '210', grades: { 优: 2, 良: 0 } });
    assert.equal(statements.wholeGrade?.grade, '优');
    // Grades counted by the rule scores (as juesuan's own narrative states them) are not the published ones.
    const byRule = readPerformanceStatements({
      ...raw,
      blocks: [
        text('组织对2个项目开展绩效自评，共涉及资金210.00万元。按评分规则计分，1个项目评价结果为“优”。', 1),
      ],
    });
    assert.deepEqual(byRule.summary?.data, { projectCount: 2, amount: '210.00' });
    const { findings } = auditPerformanceTables([g], profile, { year: 2024, raw });
    const stated = findings.filter((f) => sentenceOf(f));
    assert.deepEqual(
      stated.map((f) => [f.id, readingPlace(f)?.line]),
      [
        ['P-R08@项目自评/项目数', 50],
        ['P-R08@项目自评/资金', 50],
        // 总分 47 is 差: stated 2 优 and no 差.
        ['P-R08@项目自评/等级/优', 50],
        ['P-R08@项目自评/等级/差', 50],
        ['P-R26@整体', 52],
      ],
    );
    // With a whole-department table printed, the grade is not “without a score table”.
    const whole = { ...grid(['一级指标\t二级指标\t三级指标\t分值\t得分']), title: '部门整体支出绩效自评表' };
    const withTable = auditPerformanceTables([g, whole], profile, { year: 2024, raw });
    assert.ok(!withTable.findings.some((f) => f.rule === 'P-R26'));
    assert.equal(withTable.findings.find((f) => f.rule === 'P-P01')?.severity, 'info');
  });
});
