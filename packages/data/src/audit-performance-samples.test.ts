/**
 * 审读 of the 项目支出绩效自评表 in the two published samples: the tables parsed from the read text
 * equal the projects entered by hand in examples/*.json (performance.projects), and the performance
 * rules find in the print exactly what they find in the hand-entered data — same rules, projects,
 * indicators, severities, published and rule figures — each finding placed at its table and row (or
 * at its sentence of 预算绩效情况说明, for the stated summary and whole-department grade).
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { before, describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import {
  type AuditResult,
  auditDocument,
  auditPerformanceTables,
  checkPerformance,
  type DataPackage,
  type Finding,
  mainCell,
  normalizeText,
  type ParsedProjectTable,
  type ProjectData,
  performanceTableCheck,
  projectDifferences,
  readingPlace,
  recognizeDocument,
  sentenceOf,
  visibleInPrint,
} from '@juesuan/core';
import { readDocument } from '@juesuan/readers';
import {
  EXAMPLES_DIR,
  listProfiles,
  loadCatalog,
  loadPerformanceProfile,
  loadProfile,
  loadRules,
  readPackageFile,
} from './files';

const samplePath = (name: string) => fileURLToPath(new URL(`./testing/samples/${name}`, import.meta.url));

function loadExample(name: string): DataPackage {
  const { package: pkg, issues } = readPackageFile(join(EXAMPLES_DIR, name));
  assert.ok(pkg, issues.map((i) => i.message).join('；'));
  return pkg;
}

interface Sample {
  audit: AuditResult;
  parsed: ParsedProjectTable[];
  hand: DataPackage;
  lines: string[];
}

async function loadSample(text: string, example: string): Promise<Sample> {
  const raw = await readDocument(samplePath(text));
  const profiles = listProfiles().map(loadProfile);
  const catalog = loadCatalog();
  const audit = auditDocument(raw, {
    profiles,
    catalog,
    rules: loadRules,
    checkPerformance: performanceTableCheck(loadPerformanceProfile),
  });
  const recognized = recognizeDocument(raw, { profiles, catalog });
  const performance = loadPerformanceProfile(recognized.profile.id)!;
  const year = recognized.year ?? recognized.profile.year;
  return {
    audit,
    parsed: auditPerformanceTables(recognized.performanceTables, performance, { year, raw }).tables,
    hand: loadExample(example),
    lines: readFileSync(samplePath(text), 'utf8').split(/\r?\n/),
  };
}

const brief = (f: Finding) => `${f.id} ${f.severity} ${f.found?.text ?? ''}→${f.expected?.text ?? ''}`;

function handFindings(sample: Sample): { comparable: string[]; left: string[] } {
  const profile = loadPerformanceProfile(sample.hand.department.profile)!;
  const all = checkPerformance(sample.hand, profile);
  return {
    comparable: all
      .filter((f) => visibleInPrint(f.id))
      .map(brief)
      .sort(),
    left: all.filter((f) => !visibleInPrint(f.id)).map((f) => f.id),
  };
}

const ruleFindings = (r: AuditResult): Finding[] =>
  r.findings.filter((f) => f.category === 'performance' && /^P-[RS]/.test(f.rule));

/**
 * Every finding points at the printed line of its row (the indicator, 年度资金总额, 总分 or a group);
 * `span` lines for text that prints one cell a line, a row over several lines.
 */
function assertPlaced(sample: Sample, span = 1): void {
  for (const f of ruleFindings(sample.audit)) {
    if (sentenceOf(f)) continue;
    const line = readingPlace(f)?.line;
    assert.ok(line !== undefined, `${f.id} 没有行号`);
    const label = mainCell(f)?.row?.label;
    assert.ok(label, `${f.id} 没有行名`);
    assert.match(mainCell(f)?.tableNumber ?? '', /^项目支出绩效自评表（.+）$/, f.id);
    const printed = normalizeText(sample.lines.slice(line - 1, line - 1 + span).join(''));
    const head = normalizeText(label).slice(0, 5);
    assert.ok(
      printed.includes(head),
      `${f.id} 指向第 ${line} 行「${sample.lines[line - 1]}」，应为「${label}」`,
    );
  }
}

/** Field by field: the same project, text compared without the spaces a PDF adds. */
function fieldDifferences(hand: ProjectData, read: ProjectData): string[] {
  const out = projectDifferences(hand, read).map((d) => `${hand.name}: ${d}`);
  const same = (a: unknown, b: unknown) => normalizeText(String(a ?? '')) === normalizeText(String(b ?? ''));
  for (const key of ['year', 'department', 'implementer', 'grade'] as const) {
    if (!same(hand[key], read[key])) out.push(`${hand.name}: ${key} ${hand[key]} / ${read[key]}`);
  }
  for (const key of ['total', 'fiscal', 'carryover', 'other'] as const) {
    const a = hand.funds?.[key];
    const b = read.funds?.[key];
    for (const field of new Set([...Object.keys(a ?? {}), ...Object.keys(b ?? {})])) {
      const x = (a as Record<string, unknown> | undefined)?.[field];
      const y = (b as Record<string, unknown> | undefined)?.[field];
      if (!same(x, y)) out.push(`${hand.name}: funds.${key}.${field} ${x} / ${y}`);
    }
  }
  if (!same(hand.goals?.expected, read.goals?.expected)) out.push(`${hand.name}: goals.expected`);
  if (!same(hand.goals?.actual, read.goals?.actual)) out.push(`${hand.name}: goals.actual`);
  assert.deepEqual(read.groups ?? [], hand.groups ?? [], `${hand.name} groups`);
  (hand.indicators ?? []).forEach((h, k) => {
    const r = read.indicators?.[k];
    if (!r) return;
    const { text: ht, ...htarget } = h.target;
    const { text: rt, ...rtarget } = r.target;
    if (!same(ht, rt) || JSON.stringify(htarget) !== JSON.stringify(rtarget))
      out.push(`${h.name}: target ${JSON.stringify(h.target)} / ${JSON.stringify(r.target)}`);
    for (const key of ['level1', 'level2', 'deviation'] as const) {
      if (!same(h[key], r[key])) out.push(`${h.name}: ${key} ${h[key]} / ${r[key]}`);
    }
  });
  return out;
}

function compareProjects(sample: Sample): string[] {
  const read = sample.parsed.map((t) => t.project).filter((p): p is ProjectData => p !== undefined);
  const out: string[] = [];
  for (const hand of sample.hand.performance?.projects ?? []) {
    const r = read.find((p) => p.name === hand.name);
    if (!r) out.push(`${hand.name}: 未读到`);
    else out.push(...fieldDifferences(hand, r));
  }
  return out;
}

describe('景德镇市医疗保障局 2024 (jingdezhen-2024.txt): 项目支出绩效自评表 read and checked', () => {
  let sample: Sample;
  before(async () => {
    sample = await loadSample('jingdezhen-2024.txt', 'jingdezhen-2024.json');
  });
  const p1 = '医疗保障改革专项经费(2024年)';
  const p2 = '医保基金经办专项经费(2024)';

  it('reads the three printed tables (the first reprinted in 附件 2) as the two hand-entered projects', () => {
    assert.deepEqual(
      sample.parsed.map((t) => [t.project?.name, t.problems]),
      [
        [p1, []],
        [p2, []],
        [p1, []],
      ],
    );
    // The only difference: the 二级指标 of 满意度指标 is not printed in the second table; the hand
    // entry took it from the template.
    assert.deepEqual(compareProjects(sample), [
      '培训人员满意度: level2 服务对象满意度 / undefined',
      '群众满意度: level2 服务对象满意度 / undefined',
      '设备使用人员满意度: level2 服务对象满意度 / undefined',
    ]);
    const moved = sample.parsed[1]!.project!.indicators!.find((i) => i.name === '定点机构评估次数')!;
    assert.equal(moved.deviation, '受业务实际情况影响,原计划的 2 次定点评估缩减为 1 次。');
  });

  it('finds in the print what the rules find in the hand-entered data: 97 → 94.76, 89 → 89.26, every row difference, the stated grades and the bare 整体 grade', () => {
    // Only the print states a project's own score in a sentence (附件's 自评分 100 分; its table 97).
    const stated = `P-R08@${p1}/自评分 warning 100分→97分`;
    const audit = ruleFindings(sample.audit).map(brief).sort();
    assert.ok(audit.includes(stated));
    const hand = handFindings(sample);
    assert.deepEqual(
      audit.filter((f) => f !== stated),
      hand.comparable,
    );
    assert.equal(audit.length, 27);
    assert.deepEqual(hand.left, [
      'P-R22@项目自评/覆盖率',
      'P-R28@整体/预算编制准确性',
      'P-R28@整体/绩效管理',
      'P-R01@整体/管理指标/预决算信息公开管理',
      'P-R01@整体/管理指标/部门预算管理',
    ]);
    const total = (id: string) => sample.audit.findings.find((f) => f.id === id);
    assert.deepEqual(
      [total(`P-R03.2@${p1}`)?.found?.text, total(`P-R03.2@${p1}`)?.expected?.text],
      ['97.00', '94.76'],
    );
    assert.deepEqual(
      [total(`P-R03.2@${p2}`)?.found?.text, total(`P-R03.2@${p2}`)?.expected?.text],
      ['89.00', '89.26'],
    );
    assert.equal(sample.audit.summary.performanceChecked, true);
  });

  it('places each finding at its table and row, and notes the reprint of the first table once', () => {
    assertPlaced(sample);
    const r06 = sample.audit.findings.find((f) => f.id === `P-R06@${p1}/执行率`)!;
    assert.deepEqual(r06.places, [
      { kind: 'text', line: 563 },
      {
        kind: 'cell',
        tableNumber: `项目支出绩效自评表（${p1}）`,
        row: { label: '年度资金总额' },
        column: { label: '得分' },
      },
    ]);
    const s01 = sample.audit.findings.find((f) => f.id === `P-S01@${p2}/定点机构评估次数`)!;
    assert.equal(readingPlace(s01)?.line, 607);
    // The stated summary and 整体 grade: at their sentence of 预算绩效情况说明.
    const grades = sample.audit.findings.find((f) => f.id === 'P-R08@项目自评/等级/优')!;
    assert.equal(readingPlace(grades)?.line, 518);
    assert.match(sentenceOf(grades) ?? '', /2个项目评价结果为“优”/);
    const whole = sample.audit.findings.find((f) => f.id === 'P-R26@整体')!;
    assert.equal(readingPlace(whole)?.line, 522);
    assert.match(whole.message, /评价结果为“优”，但没有公开评分表或总分/);
    const reprint = sample.audit.findings.filter((f) => f.rule === 'P-P02');
    assert.equal(reprint.length, 1);
    assert.equal(reprint[0]!.severity, 'info');
    assert.equal(readingPlace(reprint[0]!)?.line, 825);
    assert.equal(sample.audit.findings.filter((f) => f.rule === 'P-P01').length, 0);
  });
});

describe('南昌市青山湖区医疗保障局 2020 (qingshanhu-2020.txt): six 项目支出绩效自评表 read and checked', () => {
  let sample: Sample;
  before(async () => {
    sample = await loadSample('qingshanhu-2020.txt', 'qingshanhu-2020.json');
  });

  it('reads the six tables as the six hand-entered projects, group points and inferred 一级 included', () => {
    assert.deepEqual(
      sample.parsed.map((t) => [t.project?.name, t.problems]),
      (sample.hand.performance?.projects ?? []).map((p) => [p.name, []]),
    );
    // The only difference: the grade of the first project comes from the narrative, not the table.
    assert.deepEqual(compareProjects(sample), ['城乡居民医疗保险配套补助经费: grade 优 / undefined']);
  });

  it('finds in the print what the rules find in the hand-entered data (R01–R03, R14, R16, hand score 3 accepted, stated count and money, 整体 grade)', () => {
    const audit = ruleFindings(sample.audit).map(brief).sort();
    const hand = handFindings(sample);
    assert.deepEqual(audit, hand.comparable);
    assert.equal(audit.length, 56);
    assert.deepEqual(hand.left, ['P-R22@项目自评/资金', 'P-R22@项目自评/覆盖率']);
    const months = sample.audit.findings.find(
      (f) => f.id === 'P-S01@城乡居民医疗保险配套补助经费/基金累计结余可支配月数',
    )!;
    assert.deepEqual(
      [months.severity, months.found?.text, months.expected?.text, readingPlace(months)?.line],
      ['info', '3.00', '3.53', 800],
    );
  });

  it('places each finding at its table and row: totals at 总分, groups at their 一级/二级 cell', () => {
    // One cell a line: a row starts at its location and runs over the next lines.
    assertPlaced(sample, 8);
    const r02 = sample.audit.findings.find((f) => f.id === 'P-R02@定点医疗机构资格准入评估费/总分分值')!;
    assert.deepEqual(r02.places, [
      { kind: 'text', line: 1094 },
      {
        kind: 'cell',
        tableNumber: '项目支出绩效自评表（定点医疗机构资格准入评估费）',
        row: { label: '总分' },
        column: { label: '分值' },
      },
    ]);
    const count = sample.audit.findings.find((f) => f.id === 'P-R08@项目自评/项目数')!;
    assert.equal(readingPlace(count)?.line, 610);
    assert.match(count.message, /称自评项目 4 个，公开的项目支出绩效自评表有 6 张/);
    const r01 = sample.audit.findings.find((f) => f.id === 'P-R01@城乡医疗救助/产出指标')!;
    assert.deepEqual(
      [readingPlace(r01)?.line, mainCell(r01)?.row?.label, r01.found?.text, r01.expected?.text],
      [1187, '产出指标', '80.00', '55.00'],
    );
  });
});
