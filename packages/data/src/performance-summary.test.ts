/**
 * The 预算绩效情况说明 of both samples computed from their scored 项目支出绩效自评表: the summary
 * (projects, money covered, share of 项目支出, grades by the rule score) and the §九 paragraph of
 * the disclosure that states it, every number a figure traced to the package.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import {
  buildDocument,
  type DataPackage,
  evaluateWholeDepartment,
  formatHundredths,
  type PackageJson,
  paragraphText,
  type Run,
  readPackage,
  recomputeFigure,
  summarizePerformance,
} from '@juesuan/core';
import { EXAMPLES_DIR, loadCatalog, loadCheckContext, readPackageFile } from './files';
import { completeWholeDepartment } from './testing/jingdezhen-whole-department';

function readExample(file: string): DataPackage {
  const { package: pkg, issues } = readPackageFile(join(EXAMPLES_DIR, file));
  assert.ok(pkg, issues.map((i) => `${i.path} ${i.message}`).join('；'));
  return pkg;
}

/** The paragraphs of the disclosure's 预算绩效情况说明, built with the profile's scoring rules. */
function performanceSection(pkg: DataPackage) {
  const context = loadCheckContext(pkg.department.profile);
  const doc = buildDocument(pkg, { ...context, narrative: context.narrative!, glossary: context.glossary! });
  const blocks = doc.parts.find((p) => p.id === 'narrative')!.blocks;
  const start = blocks.findIndex((b) => b.kind === 'heading' && b.level === 1 && b.text.includes('预算绩效'));
  assert.ok(start >= 0);
  const rest = blocks.slice(start + 1);
  const end = rest.findIndex((b) => b.kind === 'heading' && b.level === 1);
  const paragraphs = (end < 0 ? rest : rest.slice(0, end)).flatMap((b) =>
    b.kind === 'paragraph' ? [b] : [],
  );
  return { paragraphs, performance: context.performance! };
}

const grades = (summary: NonNullable<ReturnType<typeof summarizePerformance>>) =>
  Object.fromEntries(summary.grades.map((g) => [g.grade, g.projects.length]));

describe('预算绩效情况说明 from the scored tables', () => {
  it('Jingdezhen 2024: 2 projects, 210 万元 of 255.28 万元 项目支出 (82.26%), one 优 and one 良 by the rules', () => {
    const pkg = readExample('jingdezhen-2024.json');
    const { paragraphs, performance } = performanceSection(pkg);
    const summary = summarizePerformance(pkg, performance)!;
    assert.equal(summary.projects.length, 2);
    assert.equal(summary.budget, 210_000_000n);
    // 49.977 + 130.993 万元, exact to the 分.
    assert.equal(summary.executed, 180_970_000n);
    assert.equal(summary.projectExpense, pkg.facts.get('expense nature=project'));
    assert.equal(summary.coverage, 8226n);
    // The published statement says 2 × 优 and 100%; by the rules 94.76 (优) and 89.26 (良).
    assert.deepEqual(grades(summary), { 优: 1, 良: 1, 中: 0, 差: 0 });
    // No score for the whole department until its 21 entered indicators are given.
    assert.equal(summary.wholeDepartment?.complete, false);
    assert.equal(summary.wholeGrade, undefined);

    assert.equal(
      paragraphText(paragraphs[0]!),
      '根据预算绩效管理要求，本部门组织对2024年度2个项目开展绩效自评，共涉及资金210.00万元，占本年度项目支出决算数255.28万元的82.26%；项目全年执行数180.97万元。按评分规则计分，1个项目评价结果为“优”，1个项目评价结果为“良”。',
    );
    assert.equal(paragraphText(paragraphs.at(-1)!), '项目支出绩效自评表见第五部分附件。');
    const figures = paragraphs
      .flatMap((p) => p.runs)
      .filter((r): r is Extract<Run, { kind: 'figure' }> => r.kind === 'figure');
    // count, 资金, 项目支出, share, 执行数, and the two grade counts stated (the empty grades are not).
    assert.equal(figures.length, 7);
    for (const run of figures)
      assert.equal(recomputeFigure(run.figure, pkg, performance), run.figure.value, run.text);
    const share = figures.find((r) => r.figure.measure === 'percent')!;
    assert.deepEqual(share.figure.facts, [
      '绩效:projects.0.funds.total.final',
      '绩效:projects.1.funds.total.final',
      'expense nature=project',
    ]);
  });

  it('states the whole-department score and grade once every indicator is scored, and points to its table', () => {
    const json = JSON.parse(readFileSync(join(EXAMPLES_DIR, 'jingdezhen-2024.json'), 'utf8')) as PackageJson;
    completeWholeDepartment(json);
    const pkg = readPackage(JSON.stringify(json), { catalog: loadCatalog() }).package!;
    const { paragraphs, performance } = performanceSection(pkg);
    const whole = evaluateWholeDepartment(pkg, performance);
    assert.ok(!('error' in whole) && whole.grade);
    assert.deepEqual(paragraphs.slice(1).map(paragraphText), [
      `组织开展部门整体支出绩效评价，按评分规则得分${formatHundredths(whole.total)}分，评价结果为“${whole.grade}”。`,
      '项目支出绩效自评表及部门整体支出绩效自评表见第五部分附件。',
    ]);
    const score = paragraphs[1]!.runs.find((r) => r.kind === 'figure')!;
    assert.ok(score.kind === 'figure');
    assert.equal(recomputeFigure(score.figure, pkg, performance), whole.total);
    // Without the scoring rules the score cannot be verified, and says so rather than reading 0.
    assert.equal(recomputeFigure(score.figure, pkg), null);
  });

  it('Qingshanhu 2020: 6 projects of 4543.80 万元, more than the 134.06 万元 项目支出, so no share is stated', () => {
    const pkg = readExample('qingshanhu-2020.json');
    const { paragraphs, performance } = performanceSection(pkg);
    const summary = summarizePerformance(pkg, performance)!;
    assert.equal(summary.projects.length, 6);
    assert.equal(summary.budget, 4_543_800_000n);
    assert.equal(summary.projectExpense, 134_060_000n);
    // Computed (3389.38%) and reported by check P-R22, but a publication does not print it.
    assert.equal(summary.coverage, 338938n);
    assert.deepEqual(grades(summary), { 优: 5, 良: 1, 中: 0, 差: 0 });
    const text = paragraphText(paragraphs[0]!);
    assert.match(text, /对2020年度6个项目开展绩效自评，共涉及资金4543\.80万元；项目全年执行数4543\.80万元。/);
    assert.doesNotMatch(text, /占本年度项目支出/);
    for (const run of paragraphs.flatMap((p) => p.runs)) {
      if (run.kind === 'figure')
        assert.equal(recomputeFigure(run.figure, pkg, performance), run.figure.value);
    }
  });
});
