/**
 * The 基本支出决算表 of every profile that prints it follows the year's 支出经济分类: 39906 赠与 up to
 * 2020, 39909 经常性赠与 and 39910 资本性赠与 from 2021 (catalogs/economic.tsv), from the dates the
 * table type gives those rows; and a synthetic department's check and document under the profile
 * print no code out of force (C-01).
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { buildDocument, checkCodes, checkPackage, type TableView } from '@juesuan/core';
import { generatePackage } from '@juesuan/core/testing';
import { loadCatalog, loadCheckContext, loadProfileDefinition, loadProfileForYear } from './files';

const catalog = loadCatalog();
const GIFTS = ['39906', '39909', '39910'];
const PROFILES = ['national', 'hunan', 'sichuan', 'jiangxi-2020', 'jiangxi-2024'];

/** The gift codes the profile's T06 prints in the year. */
function giftRows(profileId: string, year: number): string[] {
  const t06 = loadProfileForYear(profileId, year).tableDefs.find((t) => t.id === 'T06');
  assert.ok(t06, `${profileId} ${year} 没有 T06`);
  const codes = t06.sections.flatMap((s) => s.rows.flatMap((r) => ('code' in r && r.code ? [r.code] : [])));
  const blocks = t06.layout.kind === 'blocks' ? t06.layout.blocks.flatMap((b) => b.rows) : codes;
  return GIFTS.filter((code) => codes.includes(code) && blocks.includes(code));
}

function coveredYears(profileId: string): number[] {
  const { from, to } = loadProfileDefinition(profileId).years;
  return Array.from({ length: to - from + 1 }, (_, i) => from + i);
}

describe('the gift codes of 基本支出决算表 by year', () => {
  for (const profileId of PROFILES) {
    it(`${profileId}: 39906 up to 2020, 39909 and 39910 from 2021, in every year it covers`, () => {
      for (const year of coveredYears(profileId)) {
        assert.deepEqual(
          giftRows(profileId, year),
          year <= 2020 ? ['39906'] : ['39909', '39910'],
          `${year} 年`,
        );
      }
    });
  }

  it('every code row of T06 is in the catalog of the year, for every profile and year it covers', () => {
    for (const profileId of PROFILES) {
      for (const year of coveredYears(profileId)) {
        const t06 = loadProfileForYear(profileId, year).tableDefs.find((t) => t.id === 'T06')!;
        const outOfForce = t06.sections
          .flatMap((s) => s.rows)
          .flatMap((r) => ('code' in r && r.code ? [r.code] : []))
          .filter((code) => !catalog.lookup('economic', code, year));
        assert.deepEqual(outOfForce, [], `${profileId} ${year} 年`);
      }
    }
  });
});

describe('a synthetic department prints no code out of force in 2020 and 2022', () => {
  for (const profileId of PROFILES) {
    for (const year of coveredYears(profileId).filter((y) => y === 2020 || y === 2022)) {
      it(`${profileId} ${year}: neither its check nor its document's tables raise C-01`, () => {
        const pkg = generatePackage({ seed: year, units: 2, catalog, year, profile: profileId });
        const context = loadCheckContext(profileId, year);
        const checked = checkPackage(pkg, context).findings.filter((f) => f.rule === 'C-01');
        assert.deepEqual(checked, []);
        const document = buildDocument(pkg, {
          ...context,
          narrative: context.narrative!,
          glossary: context.glossary!,
        });
        const tables: TableView[] = document.parts.flatMap((p) =>
          p.blocks.flatMap((b) => (b.kind === 'table' ? [b.table] : [])),
        );
        assert.ok(
          tables.some((t) => t.id === 'T06'),
          '文档没有 T06',
        );
        assert.deepEqual(
          checkCodes(tables, catalog, year).filter((f) => f.rule === 'C-01'),
          [],
        );
      });
    }
  }
});
