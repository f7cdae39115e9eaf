/**
 * The 项目支出绩效自评表 of both samples, entered as data (examples/*.json → performance), rescored by
 * the profile rules: every published score is compared with the rule score, and every difference
 * must be explained by a check finding. The Jingdezhen package also gets its whole-department
 * evaluation (JDZ-2024 indicator system), each computed figure traced to package facts.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import {
  checkPerformance,
  type DataPackage,
  evaluateWholeDepartment,
  formatHundredths,
  type PerformanceProfile,
  q,
  qAdd,
  qDiv,
  qFromInt,
  readPackage,
  scoreProject,
  type WholeDepartmentResult,
  writePackage,
} from '@juesuan/core';
import {
  EXAMPLES_DIR,
  loadPerformanceProfile as loadOptionalPerformanceProfile,
  readPackageFile,
} from './files';

function loadPerformanceProfile(id: string) {
  const profile = loadOptionalPerformanceProfile(id);
  assert.ok(profile, `口径 ${id} 没有 performance.json`);
  return profile;
}

function loadExample(name: string): DataPackage {
  const path = join(EXAMPLES_DIR, name);
  const { package: pkg, issues } = readPackageFile(path);
  assert.ok(pkg, issues.map((i) => `${i.path} ${i.message}`).join('；'));
  // The example stays canonical with its performance data.
  const text = readFileSync(path, 'utf8');
  assert.equal(`${JSON.stringify(writePackage(readPackage(text).package!), null, 2)}\n`, text);
  return pkg;
}

const h = formatHundredths;
/** Findings that explain a difference between a published and a rule score of one row. */
const EXPLAINS_ROW = new Set(['P-R04', 'P-R09', 'P-R11', 'P-R14', 'P-R27', 'P-S01']);

interface Row {
  published: string;
  rule: string;
}

/** Rescores every project and asserts that each difference has its finding; returns the table. */
function rescore(pkg: DataPackage, profile: PerformanceProfile) {
  const findings = checkPerformance(pkg, profile);
  const ids = new Map(findings.map((f) => [f.id, f]));
  const table: Record<string, { total: Row; sum: string; points: string; rows: Record<string, Row> }> = {};
  for (const project of pkg.performance?.projects ?? []) {
    const s = scoreProject(project, profile);
    const rows: Record<string, Row> = {};
    const ex = s.execution;
    if (ex.published !== undefined && ex.expected !== null && ex.published !== ex.expected) {
      const f = ids.get(`P-R06@${project.name}/执行率`);
      assert.ok(f, `${project.name} 执行率 ${h(ex.published)} ≠ ${h(ex.expected)}，缺少 P-R06`);
      rows.执行率 = { published: h(ex.published), rule: h(ex.expected) };
    }
    for (const { data, score } of s.indicators) {
      if (score.published === undefined || score.expected === null || score.published === score.expected)
        continue;
      const explaining = findings.filter(
        (f) =>
          f.id.replace(/~\d+$/, '') === `${f.rule}@${project.name}/${data.name}` && EXPLAINS_ROW.has(f.rule),
      );
      assert.equal(
        explaining.length,
        1,
        `${project.name}/${data.name} 得分 ${h(score.published)} ≠ 规则 ${h(score.expected)}，应恰有一条解释（实有 ${explaining.map((f) => f.id).join('、') || '无'}）`,
      );
      rows[data.name] = { published: h(score.published), rule: h(score.expected) };
    }
    const published = s.publishedTotal ?? s.publishedSum;
    if (published !== s.ruleTotal)
      assert.ok(ids.has(`P-R03.2@${project.name}`), `${project.name} 总分差异缺少 P-R03.2`);
    if (s.publishedTotal !== undefined && s.publishedTotal !== s.publishedSum) {
      assert.ok(ids.has(`P-R03@${project.name}`), `${project.name} 总分与得分合计不符，缺少 P-R03`);
    }
    table[project.name] = {
      total: { published: h(published), rule: h(s.ruleTotal) },
      sum: h(s.publishedSum),
      points: h(s.pointsSum),
      rows,
    };
  }
  return { table, findings };
}

describe('performance profiles as data', () => {
  it('loads performance.json of every profile that has one', () => {
    for (const id of ['jiangxi-2024', 'jiangxi-2020', 'shanghai-2024']) {
      const p = loadPerformanceProfile(id);
      assert.equal(p.id, id);
    }
    const jx = loadPerformanceProfile('jiangxi-2024');
    assert.deepEqual([...jx.systems.keys()], ['jdz-2024', 'hn-2021']);
    const jdz = jx.systems.get('jdz-2024')!;
    const sum = jdz.indicators.reduce((acc, i) => qAdd(acc, q(BigInt(i.points))), qFromInt(0));
    assert.deepEqual(sum, jdz.totalPoints);
  });
});

describe('景德镇市医疗保障局 2024 (S2): two 项目支出绩效自评表 rescored', () => {
  const profile = loadPerformanceProfile('jiangxi-2024');
  const pkg = loadExample('jingdezhen-2024.json');
  const { table, findings } = rescore(pkg, profile);
  const p1 = '医疗保障改革专项经费(2024年)';
  const p2 = '医保基金经办专项经费(2024)';

  it('publishes 97 and 89; the rules give 94.76 and 89.26', () => {
    assert.deepEqual(table[p1]!.total, { published: '97.00', rule: '94.76' });
    assert.deepEqual(table[p2]!.total, { published: '89.00', rule: '89.26' });
    assert.equal(table[p1]!.points, '100.00');
    assert.equal(table[p2]!.points, '100.00');
  });

  it('scores 执行率 99.95% at 10.00 and 81.87% at 8.19, both published as 7 (R06)', () => {
    assert.deepEqual(table[p1]!.rows.执行率, { published: '7.00', rule: '10.00' });
    assert.deepEqual(table[p2]!.rows.执行率, { published: '7.00', rule: '8.19' });
    for (const p of [p1, p2])
      assert.equal(findings.find((f) => f.id === `P-R06@${p}/执行率`)?.severity, 'warning');
  });

  it('scores 定点机构评估次数 (1 of ≥2) at 1.50 where 0 is published, and 其他开支 (60.2 of ≤12) at 0 as published', () => {
    assert.deepEqual(table[p2]!.rows.定点机构评估次数, { published: '0.00', rule: '1.50' });
    assert.equal(findings.find((f) => f.id === `P-S01@${p2}/定点机构评估次数`)?.severity, 'warning');
    assert.equal(table[p2]!.rows.其他开支, undefined);
  });

  it('flags 基本达成目标 scored full (R27) and lists every difference', () => {
    assert.deepEqual(Object.keys(table[p1]!.rows), [
      '执行率',
      '对违规情况查处及时性',
      '方案推进及时性',
      '维护医保基金安全避免医保基金流失',
      '医保综合监管能力',
    ]);
    assert.deepEqual(Object.keys(table[p2]!.rows), [
      '执行率',
      '定点机构评估次数',
      '故障维护时效',
      '医保重要政策知晓情况',
      '干部综合能力',
    ]);
    assert.deepEqual(table[p1]!.rows.对违规情况查处及时性, { published: '6.00', rule: '4.79' });
    assert.equal(findings.filter((f) => f.rule === 'P-R27').length, 7);
  });

  it('reports the published defects of the tables and of their summary', () => {
    assert.deepEqual(
      findings.filter((f) => f.severity !== 'info').map((f) => f.id),
      [
        `P-R06@${p1}/执行率`,
        `P-R27@${p1}/对违规情况查处及时性`,
        `P-R27@${p1}/方案推进及时性`,
        `P-R27@${p1}/维护医保基金安全避免医保基金流失`,
        `P-R27@${p1}/医保综合监管能力`,
        `P-R15@${p1}/医保综合监管能力`,
        `P-R03.2@${p1}`,
        `P-R06@${p2}/执行率`,
        // 实际完成情况 says 执行进度只有 80.9%; 130.993 ÷ 160 is 81.87%.
        `P-R08@${p2}/年度总体目标`,
        `P-R12@${p2}/设备购置`,
        `P-S01@${p2}/定点机构评估次数`,
        `P-R12@${p2}/设备维护次数`,
        `P-R27@${p2}/故障维护时效`,
        `P-R27@${p2}/医保重要政策知晓情况`,
        `P-R15@${p2}/医保重要政策知晓情况`,
        `P-R27@${p2}/干部综合能力`,
        `P-R15@${p2}/干部综合能力`,
        `P-R19@${p2}/DIP 支付方式改革相关费用`,
        `P-R19@${p2}/定点机构评估`,
        `P-R03.2@${p2}`,
        'P-R22@项目自评/覆盖率',
        'P-R08@项目自评/等级/优',
        'P-R08@项目自评/等级/良',
        'P-R28@整体/预算编制准确性',
        'P-R28@整体/绩效管理',
        'P-R01@整体/管理指标/预决算信息公开管理',
        'P-R01@整体/管理指标/部门预算管理',
        'P-R26@整体',
      ],
    );
    // 210 万元 of 255.28 万元 项目支出 is 82.26%, stated as 100%; project 2 (89) is 良, stated 优.
    assert.match(findings.find((f) => f.id === 'P-R22@项目自评/覆盖率')!.message, /82\.26%/);
  });

  it('evaluates the whole department with the JDZ-2024 system, each computed figure traced to facts', () => {
    const result = evaluateWholeDepartment(pkg, profile) as WholeDepartmentResult;
    assert.ok(!('error' in result));
    assert.equal(result.system.id, 'jdz-2024');
    const computed = result.indicators.filter((i) => i.status === 'computed');
    assert.deepEqual(
      computed.map((i) => [i.name, i.valueText, i.expected === null ? null : h(i.expected)]),
      [
        ['预算完成率', '112.05%', '2.00'],
        ['“三公经费”控制率', '7.72%', '2.00'],
        ['结转结余率', '0.00%', '1.00'],
      ],
    );
    for (const ind of computed) {
      let numerator = qFromInt(0);
      let denominator = qFromInt(0);
      for (const t of ind.terms) {
        assert.equal(t.source, 'fact');
        const value = pkg.facts.get(t.key);
        assert.notEqual(value, undefined, `${ind.name}: ${t.key} 不是数据包中的事实`);
        assert.deepEqual(t.value, qFromInt(value!));
        if (t.side === 'numerator') numerator = qAdd(numerator, t.value!);
        else denominator = qAdd(denominator, t.value!);
      }
      assert.deepEqual(ind.rate, qDiv(numerator, denominator));
    }
    assert.deepEqual(
      computed.map((i) => i.facts.map((f) => f.key)),
      [
        ['expense fund=fiscal', 'budget stage=initial'],
        ['threePublic', 'threePublic col=initialBudget'],
        ['balance when=closing', 'budget stage=initial'],
      ],
    );
    const staff = result.indicators.find((i) => i.id === 'staffControl')!;
    assert.deepEqual(staff.missing, ['数据包未填报 personnel kind=authorized']);
    const procurement = result.indicators.find((i) => i.id === 'procurementExecution')!;
    assert.equal(procurement.determination, 'partial');
    assert.deepEqual(procurement.terms[0]!.value, qFromInt(pkg.facts.get('procurement')!));
    assert.equal(result.complete, false);
    assert.equal(result.grade, null);
    assert.equal(h(result.total), '5.00');
    assert.deepEqual(result.published, { grade: '优' });
  });
});

describe('南昌市青山湖区医疗保障局 2020 (S0): six 项目支出绩效自评表 rescored', () => {
  const profile = loadPerformanceProfile('jiangxi-2020');
  const pkg = loadExample('qingshanhu-2020.json');
  const { table, findings } = rescore(pkg, profile);

  it('publishes 93/94/94/91/94/94; the rules give these totals', () => {
    assert.deepEqual(
      Object.entries(table).map(([name, t]) => [name, t.total.published, t.sum, t.points, t.total.rule]),
      [
        ['城乡居民医疗保险配套补助经费', '93.00', '93.00', '100.00', '96.53'],
        ['定点医疗机构资格准入评估费', '94.00', '89.00', '95.00', '91.00'],
        ['城乡医疗救助', '94.00', '84.00', '90.00', '88.00'],
        ['2020年困难企业职工医疗保险配套资金', '91.00', '91.00', '100.00', '96.00'],
        ['2020年离休干部医疗统筹金', '94.00', '94.00', '100.00', '98.00'],
        ['2020年军转干专项医疗救助', '94.00', '94.00', '100.00', '98.00'],
      ],
    );
  });

  it('accepts the hand score 3 for 基金累计结余可支配月数 (4.24 of 6–9 → 3.53) as explained', () => {
    const f = findings.find((x) => x.id === 'P-S01@城乡居民医疗保险配套补助经费/基金累计结余可支配月数')!;
    assert.equal(f.severity, 'info');
    assert.equal(f.expected?.text, '3.53');
  });

  it('finds the tables whose points or scores do not add up (R01–R03)', () => {
    const errors = findings.filter((f) => ['P-R01', 'P-R02', 'P-R03'].includes(f.rule)).map((f) => f.id);
    assert.deepEqual(errors, [
      'P-R01@定点医疗机构资格准入评估费/满意度指标/服务对象满意度',
      'P-R01@定点医疗机构资格准入评估费/产出指标',
      'P-R01@定点医疗机构资格准入评估费/满意度指标',
      'P-R02@定点医疗机构资格准入评估费',
      'P-R02@定点医疗机构资格准入评估费/总分分值',
      'P-R03@定点医疗机构资格准入评估费',
      'P-R01@城乡医疗救助/满意度指标/服务对象满意度指标',
      'P-R01@城乡医疗救助/产出指标',
      'P-R02@城乡医疗救助',
      'P-R02@城乡医疗救助/总分分值',
      'P-R03@城乡医疗救助',
      'P-R01@2020年困难企业职工医疗保险配套资金/产出指标/质量指标',
      'P-R01@2020年困难企业职工医疗保险配套资金/产出指标/时效指标',
      'P-R01@2020年困难企业职工医疗保险配套资金/效益指标',
      'P-R01@2020年离休干部医疗统筹金/产出指标/时效指标',
      'P-R01@2020年离休干部医疗统筹金/效益指标',
      'P-R01@2020年军转干专项医疗救助/产出指标/时效指标',
      'P-R01@2020年军转干专项医疗救助/效益指标',
    ]);
  });

  it('scores 达成 restated as actual but deducted below 80% as a qualitative mismatch (R14)', () => {
    const r14 = findings.filter((f) => f.rule === 'P-R14');
    assert.equal(r14.length, 8);
    // Each is deducted below the tier with a deviation reason (“我局级别较低…”): the evaluator's own
    // judgement, stated, so a warning that the 完成值 and the score disagree, not an error.
    assert.deepEqual([...new Set(r14.map((f) => f.severity))], ['warning']);
    assert.ok(r14.some((f) => f.id.endsWith('@城乡居民医疗保险配套补助经费/对健全医疗保障制度体系的影响')));
  });

  it('finds the self-evaluated money far above the 项目支出 of the final accounts (R22) and the stated summary off (R08)', () => {
    assert.ok(
      findings.some((f) => f.id === 'P-R22@项目自评/资金' && /4,543\.80万元.*134\.06万元/.test(f.message)),
    );
    assert.deepEqual(
      findings.filter((f) => f.rule === 'P-R08').map((f) => f.id),
      ['P-R08@项目自评/项目数', 'P-R08@项目自评/资金'],
    );
    assert.ok(findings.some((f) => f.id === 'P-R26@整体'));
  });
});
