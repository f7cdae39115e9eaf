/**
 * The 部门整体支出绩效自评报告 of the Jingdezhen sample (jiangxi-2024 outline): every figure traced
 * to the package, the user's texts asked for where missing and printed where given, and the grade
 * stated once every indicator of the whole-department evaluation is scored.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import {
  assemblePerformanceReport,
  type Block,
  type DataPackage,
  evaluateWholeDepartment,
  findingsFromPlaceholders,
  formatHundredths,
  type PackageJson,
  type PerformanceReportContext,
  paragraphText,
  type Run,
  readPackage,
  recomputeFigure,
  scoreProject,
} from '@juesuan/core';
import { EXAMPLES_DIR, loadCatalog, loadPerformanceProfile, loadPerformanceReport } from './files';
import { completeWholeDepartment } from './testing/jingdezhen-whole-department';

const samplePath = join(EXAMPLES_DIR, 'jingdezhen-2024.json');

/** The sample package, optionally changed as JSON before reading (extra facts, report texts). */
function jingdezhen(change: (json: PackageJson) => void = () => {}): DataPackage {
  const json = JSON.parse(readFileSync(samplePath, 'utf8')) as PackageJson;
  change(json);
  const { package: pkg, issues } = readPackage(JSON.stringify(json), { catalog: loadCatalog() });
  assert.ok(pkg, issues.map((i) => `${i.path} ${i.message}`).join('；'));
  return pkg;
}

function context(): PerformanceReportContext {
  const report = loadPerformanceReport('jiangxi-2024');
  const performance = loadPerformanceProfile('jiangxi-2024');
  assert.ok(report && performance, 'jiangxi-2024 缺少报告提纲或评分规则');
  return { catalog: loadCatalog(), report, performance };
}

function blocksOf(pkg: DataPackage) {
  return assemblePerformanceReport(pkg, context());
}

/** The blocks under the level-1 heading starting with `numeral、`. */
function section(blocks: readonly Block[], numeral: string): Block[] {
  const start = blocks.findIndex(
    (b) => b.kind === 'heading' && b.level === 1 && b.text.startsWith(`${numeral}、`),
  );
  assert.ok(start >= 0, `报告没有「${numeral}、」`);
  const rest = blocks.slice(start + 1);
  const end = rest.findIndex((b) => b.kind === 'heading' && b.level === 1);
  return end < 0 ? rest : rest.slice(0, end);
}

const runs = (blocks: readonly Block[]): Run[] =>
  blocks.flatMap((b) => (b.kind === 'paragraph' ? b.runs : []));
const text = (blocks: readonly Block[]) =>
  blocks.map((b) => (b.kind === 'paragraph' ? paragraphText(b) : '')).join('\n');
const figures = (blocks: readonly Block[]) =>
  runs(blocks).filter((r): r is Extract<Run, { kind: 'figure' }> => r.kind === 'figure');

describe('部门整体支出绩效自评报告 of Jingdezhen 2024 (jiangxi-2024 outline)', () => {
  const pkg = jingdezhen();
  const { performance } = context();
  const built = blocksOf(pkg);
  const blocks = built.document.parts[0]!.blocks;

  it('follows the outline of the profile, title and sections in order, with both tables', () => {
    assert.equal(built.document.title, '景德镇市医疗保障局2024年度部门整体支出绩效自评报告');
    assert.deepEqual(
      blocks.filter((b) => b.kind === 'heading' && b.level === 1).map((b) => (b as { text: string }).text),
      [
        '一、部门概况',
        '二、部门整体支出管理及使用情况',
        '三、项目组织实施情况',
        '四、部门整体支出绩效情况',
        '五、存在的主要问题',
        '六、改进措施和有关建议',
        '七、绩效自评结论及评价等级',
      ],
    );
    const grids = blocks.filter((b) => b.kind === 'grid').map((b) => (b as { title: string }).title);
    assert.deepEqual(grids, ['部门整体支出绩效自评基础数据表', '部门整体支出绩效自评表']);
  });

  it('every figure recomputes from the package facts and performance data it lists', () => {
    const all = figures(blocks);
    assert.ok(all.length > 30, `只有 ${all.length} 个数字`);
    for (const run of all) {
      assert.equal(
        recomputeFigure(run.figure, pkg, performance),
        run.figure.value,
        `${run.text} ← ${run.figure.facts.join(' | ')}`,
      );
      for (const key of run.figure.facts) {
        if (key.startsWith('绩效:')) continue;
        const prior = key.startsWith('上年:');
        const set = prior ? pkg.priorYear : pkg.facts;
        assert.ok(set?.has(prior ? key.slice(3) : key), `${run.text} 引用了数据包中没有的事实 ${key}`);
      }
    }
  });

  it('states total spending, the basic/project split and 三公 as the facts give them', () => {
    const overview = section(blocks, '一');
    const amount = (key: string) =>
      figures(overview).find((r) => r.figure.measure === 'amount' && r.figure.facts[0] === key);
    assert.equal(amount('expense')?.figure.value, pkg.facts.get('expense'));
    assert.equal(amount('expense')?.text, '940.49');
    assert.equal(amount('expense nature=basic')?.figure.value, pkg.facts.get('expense nature=basic'));
    assert.equal(amount('expense nature=project')?.text, '255.28');
    assert.match(
      text(overview),
      /基本支出685\.21万元，占支出合计的72\.86%；项目支出255\.28万元，占支出合计的27\.14%/,
    );
    const threePublic = figures(section(blocks, '二')).find(
      (r) => r.figure.measure === 'amount' && r.figure.facts[0] === 'threePublic',
    );
    assert.equal(threePublic?.figure.value, pkg.facts.get('threePublic'));
    assert.match(
      text(section(blocks, '二')),
      /“三公”经费支出1\.02万元，年初预算13\.22万元，为年初预算的7\.72%/,
    );
  });

  it('states each project with its rule score and grade, as the scoring engine gives them', () => {
    const projects = text(section(blocks, '三'));
    for (const project of pkg.performance!.projects!) {
      const score = scoreProject(project, performance);
      assert.ok(
        projects.includes(`“${project.name}”`) &&
          projects.includes(
            `按评分规则自评得分${formatHundredths(score.ruleTotal)}分，评价等级为“${score.gradeOfRule}”`,
          ),
        `${project.name}: ${formatHundredths(score.ruleTotal)} ${score.gradeOfRule}`,
      );
    }
    assert.match(projects, /全年预算数50\.00万元，全年执行数49\.98万元，执行率99\.95%/);
  });

  it('states the indicators the package determines and asks for the rest', () => {
    const indicators = text(section(blocks, '四'));
    assert.match(indicators, /预算完成率（2分）：指标值112\.05%，得2\.00分/);
    assert.match(indicators, /“三公经费”控制率（2分）：指标值7\.72%，得2\.00分/);
    assert.match(
      indicators,
      /公用经费控制率（2分）：【请填写“公用经费控制率”的评价数据：须录入 预算安排公用经费总额（万元）（inputs\.publicBudget）】/,
    );
  });

  it('leaves each missing text as a placeholder and lists it once for the user', () => {
    for (const [numeral, statement, placeholder] of [
      ['一', 'report.keyWork', '【请填写重点工作】'],
      ['四', 'report.experience', '【请填写主要经验及做法】'],
      ['五', 'report.problems', '【请填写存在的主要问题】'],
      ['六', 'report.measures', '【请填写改进措施和建议】'],
    ] as const) {
      const found = runs(section(blocks, numeral)).find(
        (r) => r.kind === 'placeholder' && r.statement === statement,
      );
      assert.deepEqual(found, { kind: 'placeholder', text: placeholder, statement });
    }
    const findings = findingsFromPlaceholders(pkg, built.placeholders);
    const problems = findings.find((f) => f.id === 'N-REASON@report.problems');
    assert.equal(
      problems?.message,
      '整体支出绩效自评报告「五、存在的主要问题」缺少存在的主要问题（performance.report.problems）',
    );
    // 21 indicators still to enter, 4 texts, and the grade that waits for them.
    assert.equal(findings.length, 26);
    assert.equal(new Set(findings.map((f) => f.id)).size, findings.length);
    assert.match(text(section(blocks, '七')), /【请填写尚未评分指标的录入数据/);
  });

  it('prints the user’s texts where given, with no placeholder for them', () => {
    const given = jingdezhen((json) => {
      json.performance!.report = {
        keyWork: '推进医保支付方式改革',
        problems: ['一是绩效目标不够细化。', '二是预算执行进度不均衡。'],
        measures: '加强预算执行监控',
        experience: ['完善预算编报程序'],
      };
    });
    const report = blocksOf(given);
    const body = report.document.parts[0]!.blocks;
    assert.match(text(section(body, '一')), /推进医保支付方式改革/);
    assert.match(text(section(body, '五')), /一是绩效目标不够细化。\n二是预算执行进度不均衡。/);
    assert.match(text(section(body, '六')), /加强预算执行监控/);
    assert.match(text(section(body, '四')), /完善预算编报程序/);
    const statements = new Set(report.placeholders.map((p) => p.statement));
    for (const field of ['keyWork', 'problems', 'measures', 'experience']) {
      assert.ok(!statements.has(`report.${field}`), `report.${field} 仍为占位`);
    }
  });

  it('states the score and grade once every indicator is scored, equal to the evaluation', () => {
    const complete = jingdezhen(completeWholeDepartment);
    const evaluation = evaluateWholeDepartment(complete, performance);
    assert.ok(!('error' in evaluation) && evaluation.complete && evaluation.grade);
    const body = blocksOf(complete).document.parts[0]!.blocks;
    const grade = section(body, '七');
    assert.equal(
      text(grade),
      `综合评价，本部门2024年度部门整体支出绩效自评得分${formatHundredths(evaluation.total)}分，评价等级为“${evaluation.grade}”。`,
    );
    const score = figures(grade)[0]!;
    assert.deepEqual(score.figure, {
      measure: 'score',
      facts: ['绩效:wholeDepartment.total'],
      value: evaluation.total,
    });
    assert.equal(recomputeFigure(score.figure, complete, performance), evaluation.total);
    for (const run of figures(body)) {
      assert.equal(recomputeFigure(run.figure, complete, performance), run.figure.value, run.text);
    }
  });
});

describe('a report outline that shares another profile’s templates (templatesFrom)', () => {
  it('jiangxi-2020 has its own outline and the jiangxi-2024 wording, read from one place', () => {
    const later = loadPerformanceReport('jiangxi-2024')!;
    const earlier = loadPerformanceReport('jiangxi-2020')!;
    assert.equal(earlier.profile, 'jiangxi-2020');
    assert.deepEqual(
      earlier.sections.map((s) => s.id),
      later.sections.map((s) => s.id),
    );
    // The same parsed wording: every section's template has the same parts.
    assert.deepEqual(
      earlier.sections.map((s) => s.template.length),
      later.sections.map((s) => s.template.length),
    );
  });
});
