/**
 * Sichuan's tables (profiles/sichuan), end to end short of print, as mof-profiles.test.ts does for
 * national and hunan: a synthetic package with Sichuan's detail (项目支出 by economic 款, 政府性基金
 * 三公) in each year 2019–2025 raises no table rule; the thirteen tables 表1–表6 print until 2020 and
 * the fourteen 表一–表十四 from 2021, in Sichuan's order; the 情况说明 follows Sichuan's ten sections.
 * Print and read-back are in packages/cli/src/round-trip.test.ts, import in
 * packages/cli/src/commands/import.test.ts.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { buildDocument, checkPackage, parseFactKey } from '@juesuan/core';
import { generatePackage, SICHUAN_DETAIL } from '@juesuan/core/testing';
import { loadCatalog, loadCheckContext, loadProfileDefinition, loadProfileForYear, loadRules } from './files';

const catalog = loadCatalog();
const PROFILE = 'sichuan';

/** What `check` uses for a package of `year`: the profile and its rules as that year prints them. */
function contextFor(year: number) {
  const profile = loadProfileForYear(PROFILE, year);
  return { ...loadCheckContext(PROFILE), profile, rules: loadRules(profile) };
}

function sichuanPackage(year: number, seed: number) {
  return generatePackage({
    seed,
    units: 2,
    catalog,
    year,
    profile: PROFILE,
    ...SICHUAN_DETAIL,
  });
}

const TABLES = [
  ['T01', '表一', '收入支出决算总表'],
  ['T02', '表二', '收入决算表'],
  ['T03', '表三', '支出决算表'],
  ['T04', '表四', '财政拨款收入支出决算总表'],
  ['T04D', '表五', '财政拨款支出决算明细表'],
  ['T05', '表六', '一般公共预算财政拨款支出决算表'],
  ['T05D', '表七', '一般公共预算财政拨款支出决算明细表'],
  ['T06', '表八', '一般公共预算财政拨款基本支出决算表'],
  ['T05P', '表九', '一般公共预算财政拨款项目支出决算表'],
  ['T09', '表十', '一般公共预算财政拨款“三公”经费支出决算表'],
  ['T07', '表十一', '政府性基金预算财政拨款收入支出决算表'],
  ['T09G', '表十二', '政府性基金预算财政拨款“三公”经费支出决算表'],
  ['T08I', '表十三', '国有资本经营预算财政拨款收入支出决算表'],
  ['T08', '表十四', '国有资本经营预算财政拨款支出决算表'],
];

/** The thirteen-table set (表1, 1-1, 1-2 … 6, as 大英县住房和城乡建设局 2017 lists them): no 表十三. */
const THIRTEEN_TABLES = [
  ['T01', '表1', '收入支出决算总表'],
  ['T02', '表1-1', '收入决算表'],
  ['T03', '表1-2', '支出决算表'],
  ['T04', '表2', '财政拨款收入支出决算总表'],
  ['T04D', '表3', '财政拨款支出决算明细表'],
  ['T05', '表4', '一般公共预算财政拨款支出决算表'],
  ['T05D', '表4-1', '一般公共预算财政拨款支出决算明细表'],
  ['T06', '表4-2', '一般公共预算财政拨款基本支出决算表'],
  ['T05P', '表4-3', '一般公共预算财政拨款项目支出决算表'],
  ['T09', '表4-4', '一般公共预算财政拨款“三公”经费支出决算表'],
  ['T07', '表5', '政府性基金预算财政拨款收入支出决算表'],
  ['T09G', '表5-1', '政府性基金预算财政拨款“三公”经费支出决算表'],
  ['T08', '表6', '国有资本经营预算支出决算表'],
];

const OUTLINE = [
  '一、收入支出决算总体情况说明',
  '二、收入决算情况说明',
  '三、支出决算情况说明',
  '四、财政拨款收入支出决算总体情况说明',
  '五、一般公共预算财政拨款支出决算情况说明',
  '六、一般公共预算财政拨款基本支出决算情况说明',
  '七、财政拨款“三公”经费支出决算情况说明',
  '八、政府性基金预算支出决算情况说明',
  '九、国有资本经营预算支出决算情况说明',
  '十、其他重要事项的情况说明',
];

describe('sichuan: a synthetic department', () => {
  const { from, to } = loadProfileDefinition(PROFILE).years;

  it('covers 2019–2025', () => assert.deepEqual({ from, to }, { from: 2019, to: 2025 }));

  it(`passes every table rule in each year ${from}–${to}`, () => {
    for (let year = from; year <= to; year++) {
      for (const seed of [year, year + 1]) {
        const result = checkPackage(sichuanPackage(year, seed), contextFor(year));
        // 三公 overruns are the generator's on purpose (T09-06), as for national.
        const unexpected = result.findings.filter(
          (f) => /^[TYS]\d*\w*-/.test(f.rule) && f.severity !== 'info' && f.rule !== 'T09-06',
        );
        assert.deepEqual(
          unexpected.map((f) => `${year} ${f.id} ${f.message}`),
          [],
        );
      }
    }
  });

  it('prints the thirteen tables until 2020 and the fourteen from 2021 in Sichuan’s order, the 情况说明数据 unprinted', () => {
    for (let year = from; year <= to; year++) {
      const profile = loadProfileForYear(PROFILE, year);
      const printed = profile.tableDefs.filter((t) => t.printed).map((t) => [t.id, t.number, t.title]);
      assert.deepEqual(printed, year <= 2020 ? THIRTEEN_TABLES : TABLES, String(year));
      assert.deepEqual(
        profile.tableDefs.filter((t) => !t.printed).map((t) => t.id),
        ['S01'],
      );
    }
  });

  it('fills the tables the nine-table set lacks', () => {
    const pkg = sichuanPackage(2023, 5);
    const context = contextFor(2023);
    const document = buildDocument(pkg, {
      ...context,
      narrative: context.narrative!,
      glossary: context.glossary!,
    });
    const tables = document.parts.find((p) => p.id === 'tables');
    assert.ok(tables);
    const titles = tables.blocks.flatMap((b) => (b.kind === 'table' ? [b.table.title] : []));
    assert.deepEqual(
      titles,
      TABLES.map(([, , title]) => title),
    );
    const withFigures = (id: string) =>
      tables.blocks.some(
        (b) =>
          b.kind === 'table' &&
          b.table.id === id &&
          b.table.sections.some((s) => s.rows.some((r) => Object.values(r.cells).some((c) => c?.value))),
      );
    for (const id of ['T04D', 'T05D', 'T05P']) assert.ok(withFigures(id), `${id} 无数`);
  });

  it('writes the 情况说明 in Sichuan’s ten sections', () => {
    const context = contextFor(2023);
    const document = buildDocument(sichuanPackage(2023, 3), {
      ...context,
      narrative: context.narrative!,
      glossary: context.glossary!,
    });
    const part = document.parts.find((p) => p.id === 'narrative');
    assert.ok(part);
    assert.deepEqual(
      part.blocks.flatMap((b) => (b.kind === 'heading' && b.level === 1 ? [b.text] : [])),
      OUTLINE,
    );
  });

  it('checks a thirteen-table year without the rules of 表十三, each skipped with its reason', () => {
    const pkg = sichuanPackage(2020, 7);
    const { summary, views } = checkPackage(pkg, contextFor(2020));
    assert.ok(!views.some((v) => v.id === 'T08I'));
    const skipped = summary.skipped.filter((s) => s.ruleId.startsWith('T08I-'));
    assert.deepEqual(
      skipped.map((s) => `${s.ruleId} ${s.reason}`),
      ['01', '02', '03', '04', '05'].map((n) => `T08I-${n} 仅适用于 2021 年起，本报表为 2020 年`),
    );
    // 国有资本经营 spending is still checked, in 表6 against 表2.
    assert.ok(!summary.skipped.some((s) => s.ruleId.startsWith('T08-')));
  });

  it('names the thirteen tables’ 表号 in its findings: 本年收入合计 off by 100.00 元 in 2020 is at 表1 and 表1-1', () => {
    const pkg = sichuanPackage(2020, 7);
    pkg.facts.set('income', pkg.facts.get('income')! + 10_000n);
    const errors = checkPackage(pkg, contextFor(2020)).findings.filter((f) => f.severity === 'error');
    const message = (rule: string) => errors.find((f) => f.rule === rule)?.message ?? '';
    assert.match(message('T01-01'), /^表1第27行「本年收入合计」/);
    assert.match(message('T02-01'), /^表1-1「合计」第1栏「本年收入合计」/);
  });

  it('heads the 三公 section “三公”经费财政拨款… until 2022 and 财政拨款“三公”经费… from 2023', () => {
    const heading = (year: number) => {
      const context = contextFor(year);
      const document = buildDocument(sichuanPackage(year, 3), {
        ...context,
        narrative: context.narrative!,
        glossary: context.glossary!,
      });
      const part = document.parts.find((p) => p.id === 'narrative')!;
      return part.blocks.flatMap((b) => (b.kind === 'heading' && b.text.startsWith('七、') ? [b.text] : []));
    };
    assert.deepEqual(heading(2020), ['七、“三公”经费财政拨款支出决算情况说明']);
    assert.deepEqual(heading(2022), ['七、“三公”经费财政拨款支出决算情况说明']);
    assert.deepEqual(heading(2023), ['七、财政拨款“三公”经费支出决算情况说明']);
  });

  it('reads 表一 line 28 without “（含专用结余）” until 2021', () => {
    const line28 = (year: number) => {
      const rows = loadProfileForYear(PROFILE, year)
        .tableDefs.find((t) => t.id === 'T01')!
        .sections.flatMap((s) => s.rows);
      const row = rows.find((r) => 'line' in r && r.line === 28);
      return row && 'label' in row ? row.label : undefined;
    };
    assert.equal(line28(2021), '使用非财政拨款结余');
    assert.equal(line28(2022), '使用非财政拨款结余（含专用结余）');
  });
});

describe('the 三公 fund dimension', () => {
  it('keeps every existing 三公 key: the default fund is left out of the key', () => {
    for (const key of ['threePublic', 'threePublic item=abroad col=initialBudget']) {
      const parsed = parseFactKey(`${key} fund=fiscal`);
      assert.ok(parsed.ok);
      assert.equal(parsed.key, key);
    }
    const gfb = parseFactKey('threePublic fund=gfb item=vehicle');
    assert.ok(gfb.ok);
    assert.equal(gfb.key, 'threePublic item=vehicle fund=gfb');
  });
});
