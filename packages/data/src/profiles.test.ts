/**
 * The profiles as data: each resolves for every year it covers, its rules compile against every
 * such year's tables, and at its reference year it still prints exactly the tables it printed
 * when each profile kept its own copy of every table (the digests below were taken from those
 * files and matched field by field before they were removed). A digest that changes means a table
 * type, a variant or a profile's overrides changed what a profile prints: intended or not, look.
 */
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { describe, it } from 'node:test';
import type { Profile } from '@juesuan/core';
import {
  listProfiles,
  loadProfile,
  loadProfileDefinition,
  loadProfileForYear,
  loadRules,
  ProfileError,
} from './files';

/** sha256 of the tables as the consumers see them, with object keys sorted. */
function digest(profile: Profile): string {
  const canonical = JSON.stringify(profile.tableDefs, (_, value) =>
    value && typeof value === 'object' && !Array.isArray(value)
      ? Object.fromEntries(Object.entries(value).sort(([a], [b]) => a.localeCompare(b)))
      : value,
  );
  return createHash('sha256').update(canonical).digest('hex').slice(0, 16);
}

const REFERENCE_DIGESTS: Record<string, string> = {
  'jiangxi-2020': '1d3cbcb8a3ba723c',
  'jiangxi-2024': '224c360388d40899',
  'shanghai-2024': '6b29a1d68ecbb91f',
  // Added as a profile of shared table types: no former single-year file, the digest pins it as made.
  national: 'af9c97525a6daf92',
  hunan: 'df9909aaf97539f9',
  sichuan: 'f293b34ca7962957',
};

describe('profiles resolved from table types', () => {
  it('every profile prints at its reference year exactly the tables of its former single-year files', () => {
    const digests = Object.fromEntries(listProfiles().map((id) => [id, digest(loadProfile(id))]));
    assert.deepEqual(digests, REFERENCE_DIGESTS);
  });

  for (const id of listProfiles()) {
    it(`${id} resolves for every year it covers, and its rules compile against each year's tables`, () => {
      const { from, to } = loadProfileDefinition(id).years;
      for (let year = from; year <= to; year++) {
        const profile = loadProfileForYear(id, year);
        assert.equal(profile.year, year);
        assert.ok(profile.name.includes(String(year)), `${id} ${year} 年的名称：${profile.name}`);
        assert.ok(loadRules(profile).rules.length > 0);
      }
    });
  }

  it('the Jiangxi layouts cover 2019–2025 between them, Shanghai 2024–2025, national, Hunan and Sichuan 2019–2025', () => {
    const years = Object.fromEntries(listProfiles().map((id) => [id, loadProfileDefinition(id).years]));
    assert.deepEqual(years, {
      'jiangxi-2020': { from: 2019, to: 2023 },
      'jiangxi-2024': { from: 2024, to: 2025 },
      'shanghai-2024': { from: 2024, to: 2025 },
      national: { from: 2019, to: 2025 },
      hunan: { from: 2019, to: 2025 },
      sichuan: { from: 2019, to: 2025 },
    });
  });

  it('the national layout titles its 三公 table 一般公共预算财政拨款 until 2022 and adds 专用结余 to T01 L28 from 2022', () => {
    const at = (year: number) => loadProfileForYear('national', year).tableDefs;
    const threePublic = (year: number) => at(year).find((t) => t.id === 'T09')!;
    assert.equal(threePublic(2022).title, '一般公共预算财政拨款“三公”经费支出决算表');
    assert.equal(threePublic(2023).title, '财政拨款“三公”经费支出决算表');
    assert.equal(threePublic(2025).title, '财政拨款“三公”经费支出决算表');
    assert.match(threePublic(2019).notes.join(), /当年一般公共预算财政拨款/);
    const line28 = (year: number) =>
      at(year)
        .find((t) => t.id === 'T01')!
        .sections.flatMap((s) => s.rows)
        .flatMap((r) => ('line' in r && r.line === 28 ? [r.label] : []))[0];
    assert.equal(line28(2021), '使用非财政拨款结余');
    assert.equal(line28(2022), '使用非财政拨款结余（含专用结余）');
    assert.deepEqual(
      at(2023).map((t) => t.number),
      ['表1', '表2', '表3', '表4', '表5', '表6', '表7', '表8', '表9', '附表'],
    );
  });

  it('the 三公 table of the 2019–2023 Jiangxi layout takes the 财政拨款 title from 2023', () => {
    const title = (year: number) =>
      loadProfileForYear('jiangxi-2020', year).tableDefs.find((t) => t.id === 'T07')!.title;
    assert.equal(title(2022), '一般公共预算财政拨款“三公”经费支出决算表');
    assert.equal(title(2023), '财政拨款“三公”经费支出决算表');
  });

  it('one table type serves every profile that prints it, under each profile’s own id and number', () => {
    const threePublic = listProfiles().map((id) => {
      const entry = loadProfileDefinition(id).tables.find((t) => t.type === 'three-public')!;
      return [id, entry.id, entry.number, entry.variant];
    });
    assert.deepEqual(threePublic, [
      ['hunan', 'T09', '表九', 'horizontal'],
      ['jiangxi-2020', 'T07', '公开07表', 'vertical-initial-budget'],
      ['jiangxi-2024', 'T09', '公开09表', undefined],
      ['national', 'T09', '表7', 'horizontal'],
      ['shanghai-2024', 'T09', '表七', 'horizontal'],
      ['sichuan', 'T09', '表十', 'horizontal'],
    ]);
  });

  it('a year outside the profile says which years it covers', () => {
    assert.throws(
      () => loadProfileForYear('jiangxi-2024', 2018),
      (error: unknown) =>
        error instanceof ProfileError &&
        error.problems.join() === '口径 jiangxi-2024 覆盖 2024–2025 年，不含 2018 年',
    );
  });
});
