import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Finding } from '../finding';
import { testProfile } from '../performance/test-fixtures';
import { withFlatPerformanceTables } from './performance-flat';
import { parseProjectTable } from './performance-parse';
import { auditPerformanceTables } from './performance-tables';
import type { RawDocument, RawText } from './raw';
import type { PerformanceGrid } from './recognize';

const profile = testProfile();

/** 景德镇市医疗保障局 2024, the second 项目支出绩效自评表 as the published text prints it (tab-separated). */
const PRINTED = [
  '项目名称\t医保基金经办专项经费 (2024)',
  '主管部门\t景德镇市医疗保障局\t\t实施单位\t\t景德镇市医疗保险事业服务中心',
  '项目资金 (万元)\t\t年初预算数\t全年预算数 A\t全年执行数 B\t分值\t执行率\t得分',
  '\t年度资金总额\t160\t160\t130.993\t10\t81.87\t7',
  '\t政府预算资金\t160\t160\t130.99348\t—\t81.87\t—',
  '年度总体目标\t预期目标\t\t\t实际完成情况',
  '\t促进医疗保障事业全面高质量发展,提升经办工作能力,保障经办机构正常运行\t\t\t全年目标完成情况较好,但仍存在部分目标未能如期完成的情况,如项目资金执行进度只有 80.9%,部分绩效目标未能达成,如 DIP 改革相关资金支出离目标值较远、其他支出超出目标值等。',
  '绩效指标\t一级指标\t二级指标\t三级指标\t年度指标\t实际完成值\t分值\t得分\t偏差原因分析及改进措施',
  '\t成本指标\t经济成本指标\t其他开支\t≤12 万元\t60.2\t5\t0\t根据政策要求,清退了部分临聘人员,支付了赔偿金。此外, DIP 支付方式改革费用大部分未实际发生,但发生了其他相应支出,比如聘用人员绩效等等。',
  '\t\t\t设备购置及维护成本\t≤70 万元\t64.7\t5\t5',
  '\t\t\tDIP 支付方式改革相关费用\t≤28 万元\t1.6\t5\t5',
  '\t\t\t定点机构评估\t≤20 万元\t4.5\t5\t5',
  '\t社会成本指标',
  '\t生态环境成本指标',
  '产出指标\t数量指标\t设备购置\t≥1 台\t3\t3\t3\t受业务实际情况影响,原计划的 2 次定点评估缩减为 1',
  '\t\t定点机构评估次数\t≥2 次\t1\t3\t0',
  '',
  '\t\t\t\t\t\t\t次。',
  '\t\t日常业务培训次数\t≥2次\t2\t3\t3',
  '\t\tDIP支付方式改革系统建设及维护\t≥1套/次\t1\t3\t3',
  '\t\tDIP支付方式改革培训次数\t≥1次\t1\t3\t3',
  '\t\t设备维护次数\t≥1次\t2\t3\t3',
  '\t\t培训人员参与率\t≥80%\t100\t3\t3',
  '\t质量指标\t设备及系统故障率\t≤5%\t1\t4\t4',
  '\t\t设备验收合格率\t≥95%\t100\t4\t4',
  '\t\t培训人员合格率\t≥90%\t100\t3\t3',
  '\t\t培训通过率\t≥90%\t100\t4\t4',
  '\t时效指标\t故障维护时效\t及时\t基本达成目标\t2\t2',
  '\t\t培训计划按期完成率\t≥95%\t98\t2\t2',
  '\t效益指标\t经济效益指标',
  '\t\t社会效益指标\t医保重要政策知晓情况\t显著提高\t基本达成目标\t5\t5',
  '\t\t\t干部综合能力\t显著提高\t基本达成目标\t5\t5',
  '\t\t\t社保窗口错时延时服务覆盖率\t≥100%\t100\t5\t5',
  '\t生态效益指标',
  '\t满意度指标\t培训人员满意度\t≥95%\t98\t5\t5',
  '\t\t群众满意度\t≥95%\t98\t5\t5',
  '\t\t设备使用人员满意度\t≥95%\t97\t5\t5',
  '总分\t\t\t\t\t100\t89',
];

const cellsOf = (line: string) =>
  line
    .split('\t')
    .map((c) => c.trim())
    .filter(Boolean);

/** The printed table as a grid, as recognition hands it over. */
function printedGrid(): PerformanceGrid {
  return {
    title: '项目支出绩效自评表',
    blockIndex: 0,
    location: { line: 1 },
    table: {
      kind: 'table',
      rows: PRINTED.map((l) => l.split('\t')),
      rowLocations: PRINTED.map((_, i) => ({ line: i + 1 })),
      location: { line: 1 },
    },
  };
}

function document(blocks: RawText[]): RawDocument {
  return { file: 'flat.txt', format: 'text', pages: 1, blocks, warnings: [] };
}

/** Flattened row by row: each printed row's cells joined by single spaces on a line of its own. */
const byRow = () =>
  document(PRINTED.map((l, i) => ({ kind: 'text', text: cellsOf(l).join(' '), location: { line: i + 1 } })));

/**
 * Flattened whole, as a run-on extraction prints it: every cell once, in order, on one line. The
 * tall 偏差 cell of 定点机构评估次数 (which a line-by-line reading spreads over three rows) comes whole
 * after that row's 得分.
 */
function runOn(total = '总分 100 89'): RawDocument {
  const spill = '受业务实际情况影响,原计划的 2 次定点评估缩减为 1';
  const cells = PRINTED.flatMap((l) => cellsOf(l).filter((c) => c !== spill && c !== '次。'));
  const text = cells
    .join(' ')
    .replace('≥2 次 1 3 0', `≥2 次 1 3 0 ${spill} 次。`)
    .replace('总分 100 89', total);
  return document([{ kind: 'text', text, location: { line: 7 } }]);
}

const brief = (f: Finding) => `${f.id} ${f.severity} ${f.found?.text ?? ''}→${f.expected?.text ?? ''}`;
const findingsOf = (grids: readonly PerformanceGrid[]) =>
  auditPerformanceTables(grids, profile, { year: 2024 }).findings.map(brief).sort();

describe('a 项目支出绩效自评表 flattened into text (景德镇 2024, 医保基金经办专项经费)', () => {
  const printed = parseProjectTable(printedGrid());

  it('reads a table flattened row by row to the same project as its tabular print', () => {
    const { grids, flatBlocks } = withFlatPerformanceTables(byRow(), []);
    assert.equal(grids.length, 1);
    assert.equal(flatBlocks.size, PRINTED.filter((l) => l.trim()).length);
    const flat = parseProjectTable(grids[0]!);
    assert.deepEqual(flat.problems, []);
    assert.deepEqual(flat.project, printed.project);
    assert.equal(flat.places.get('定点机构评估次数')?.location.line, 16);
  });

  it('reads a run-on table (one line, no delimiters) to the same figures and findings as its tabular print', () => {
    const { grids } = withFlatPerformanceTables(runOn(), []);
    const flat = parseProjectTable(grids[0]!).project!;
    const figures = (p: typeof flat) => ({
      funds: p.funds,
      total: p.total,
      rows: p.indicators!.map((i) => [
        i.level1,
        i.level2,
        i.name,
        i.target,
        i.actual,
        i.points,
        i.score,
        i.deviation,
      ]),
    });
    assert.deepEqual(figures(flat), figures(printed.project!));
    assert.deepEqual(flat.goals, {
      expected: '促进医疗保障事业全面高质量发展,提升经办工作能力,保障经办机构正常运行',
      actual:
        '全年目标完成情况较好,但仍存在部分目标未能如期完成的情况,如项目资金执行进度只有 80.9%,部分绩效目标未能达成,如 DIP 改革相关资金支出离目标值较远、其他支出超出目标值等。',
    });
    assert.deepEqual(findingsOf(grids), findingsOf([printedGrid()]));
  });

  it('P-R03 fires on a run-on table whose 总分 is not the sum of its scores, and stays silent on the published one', () => {
    const { grids } = withFlatPerformanceTables(runOn('总分 100 92'), []);
    const findings = auditPerformanceTables(grids, profile, { year: 2024 }).findings;
    const r03 = findings.find((f) => f.rule === 'P-R03')!;
    assert.equal(r03.severity, 'error');
    assert.deepEqual([r03.found?.text, r03.expected?.text], ['92.00', '89.00']);
    assert.match(r03.message, /总分印为 92\.00，执行率得分与各指标得分合计为 89\.00/);
    const published = withFlatPerformanceTables(runOn(), []).grids;
    assert.equal(
      auditPerformanceTables(published, profile, { year: 2024 }).findings.filter((f) => f.rule === 'P-R03')
        .length,
      0,
    );
  });

  it('leaves prose that names a 项目名称 alone, and a printed grid as it is', () => {
    const prose = document([
      {
        kind: 'text',
        text: '本次绩效自评报告分析项目为:项目名称 医疗保障改革专项经费,自评分 100 分。',
        location: { line: 1 },
      },
    ]);
    assert.deepEqual(withFlatPerformanceTables(prose, []).grids, []);
    const grid = printedGrid();
    assert.deepEqual(withFlatPerformanceTables(document([]), [grid]).grids, [grid]);
  });
});
