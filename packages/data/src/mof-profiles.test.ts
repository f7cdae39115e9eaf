/**
 * The two profiles on 财政部's nine tables, national and hunan, end to end short of print: a
 * synthetic package under each covers every year of the profile, its table rules raise nothing
 * (the generator's identities hold exactly), and the 情况说明 follows the profile's own outline —
 * 财政部's eleven sections, Hunan's thirteen with 一般性支出 and 机关运行经费, 政府采购 and 国有资产 as
 * sections of their own. Hunan's 部门整体支出绩效自评报告 keeps the outline and wording it shares with
 * jiangxi-2024. Print and read-back are in packages/cli/src/round-trip.test.ts.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { buildDocument, checkPackage, type DocumentView } from '@juesuan/core';
import { generatePackage } from '@juesuan/core/testing';
import { loadCatalog, loadCheckContext, loadPerformanceReport, loadProfileDefinition } from './files';

const catalog = loadCatalog();

/** The numbered headings of the 情况说明 part, as printed. */
function narrativeHeadings(doc: DocumentView): string[] {
  const part = doc.parts.find((p) => p.id === 'narrative');
  assert.ok(part, '文档没有情况说明部分');
  return part.blocks.flatMap((b) => (b.kind === 'heading' && b.level === 1 ? [b.text] : []));
}

/** Findings of the profile's table rules (T-, Y-, S-): the families a consistent package never raises. */
function tableRuleFindings(profileId: string, year: number, seed: number) {
  const pkg = generatePackage({ seed, units: 2, catalog, year, profile: profileId });
  const context = loadCheckContext(profileId);
  const result = checkPackage(pkg, context);
  const document = buildDocument(pkg, {
    ...context,
    narrative: context.narrative!,
    glossary: context.glossary!,
  });
  return {
    document,
    findings: result.findings.filter((f) => /^[TYS]\d*-/.test(f.rule) && f.severity !== 'info'),
  };
}

const OUTLINES: Record<string, string[]> = {
  national: [
    '一、收入支出决算总体情况说明',
    '二、收入决算情况说明',
    '三、支出决算情况说明',
    '四、财政拨款收入支出决算总体情况说明',
    '五、一般公共预算财政拨款支出决算情况说明',
    '六、一般公共预算财政拨款基本支出决算情况说明',
    '七、财政拨款“三公”经费支出决算情况说明',
    '八、政府性基金预算财政拨款收入支出决算情况说明',
    '九、国有资本经营预算财政拨款支出决算情况说明',
    '十、预算绩效管理情况',
    '十一、其他重要事项的情况说明',
  ],
  hunan: [
    '一、收入支出决算总体情况说明',
    '二、收入决算情况说明',
    '三、支出决算情况说明',
    '四、财政拨款收入支出决算总体情况说明',
    '五、一般公共预算财政拨款支出决算情况说明',
    '六、一般公共预算财政拨款基本支出决算情况说明',
    '七、财政拨款“三公”经费支出决算情况说明',
    '八、政府性基金预算收入支出决算情况',
    '九、关于机关运行经费支出说明',
    '十、一般性支出情况说明',
    '十一、关于政府采购支出说明',
    '十二、关于国有资产占用情况说明',
    '十三、关于预算绩效情况的说明',
  ],
};

for (const [profileId, outline] of Object.entries(OUTLINES)) {
  describe(`${profileId}: a synthetic department`, () => {
    const { from, to } = loadProfileDefinition(profileId).years;

    it(`passes every table rule in each year ${from}–${to}`, () => {
      for (let year = from; year <= to; year++) {
        const { findings } = tableRuleFindings(profileId, year, year);
        // 三公 overruns are the generator's on purpose (年初预算 at 80–110 % of the 全年预算).
        const unexpected = findings.filter((f) => f.rule !== 'T09-06');
        assert.deepEqual(
          unexpected.map((f) => `${year} ${f.id} ${f.message}`),
          [],
        );
      }
    });

    it('writes the 情况说明 in the profile’s outline', () => {
      const { document } = tableRuleFindings(profileId, loadProfileDefinition(profileId).referenceYear, 3);
      assert.deepEqual(narrativeHeadings(document), outline);
    });
  });
}

describe('hunan: 部门整体支出绩效自评报告', () => {
  it('has the outline and wording of jiangxi-2024 (derived from Hunan’s), under its own id', () => {
    const hunan = loadPerformanceReport('hunan')!;
    const jiangxi = loadPerformanceReport('jiangxi-2024')!;
    assert.equal(hunan.profile, 'hunan');
    assert.deepEqual(
      hunan.sections.map((s) => s.heading),
      jiangxi.sections.map((s) => s.heading),
    );
  });
});
