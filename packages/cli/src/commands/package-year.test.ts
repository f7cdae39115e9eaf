/**
 * `tables`, `check` and `report` print a package as its profile prints the package's year, not the
 * profile's reference year: a Sichuan package of 2020 comes out in the thirteen tables 表1 … 表6
 * (no 国有资本经营预算财政拨款收入支出决算表, 表6 titled 国有资本经营预算支出决算表), one of 2023 in the
 * fourteen 表一 … 表十四.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { writePackage } from '@juesuan/core';
import { generatePackage, SICHUAN_DETAIL } from '@juesuan/core/testing';
import { loadCatalog } from '@juesuan/data';
import { runJuesuan } from '../testing';

const catalog = loadCatalog();
const work = mkdtempSync(join(tmpdir(), 'juesuan-package-year-'));
after(() => rmSync(work, { recursive: true, force: true }));

function sichuanPackageFile(year: number): string {
  const pkg = generatePackage({
    seed: 6,
    units: 1,
    catalog,
    year,
    profile: 'sichuan',
    ...SICHUAN_DETAIL,
  });
  const file = join(work, `sichuan-${year}.json`);
  writeFileSync(file, JSON.stringify(writePackage(pkg)));
  return file;
}

describe('a package is printed and checked in the layout of its year', () => {
  it('juesuan tables: the thirteen tables for 2020, the fourteen for 2023', () => {
    const numbers = (year: number) => {
      const run = runJuesuan('tables', sichuanPackageFile(year), '--format', 'json');
      assert.equal(run.code, 0, run.stderr);
      const { tables } = JSON.parse(run.stdout) as {
        tables: { id: string; number: string; title: string }[];
      };
      return tables.map((t) => `${t.number} ${t.title}`);
    };
    const thirteen = numbers(2020);
    assert.equal(thirteen.length, 14, thirteen.join('；'));
    assert.deepEqual(thirteen.slice(0, 3), ['表1 收入支出决算总表', '表1-1 收入决算表', '表1-2 支出决算表']);
    assert.equal(thirteen[12], '表6 国有资本经营预算支出决算表');
    assert.equal(thirteen[13], '附表 情况说明数据');
    const fourteen = numbers(2023);
    assert.equal(fourteen[12], '表十三 国有资本经营预算财政拨款收入支出决算表');
    assert.equal(fourteen[13], '表十四 国有资本经营预算财政拨款支出决算表');
  });

  it('juesuan check: 2020 passes every table rule and skips those of 表十三 with the reason', () => {
    const run = runJuesuan('check', sichuanPackageFile(2020), '--format', 'json');
    const { profile, summary } = JSON.parse(run.stdout) as {
      profile: string;
      summary: { counts: { error: number }; skipped: { ruleId: string; reason: string }[] };
    };
    assert.equal(profile, 'sichuan');
    assert.equal(summary.counts.error, 0, run.stdout);
    assert.deepEqual(
      summary.skipped.filter((s) => s.ruleId.startsWith('T08I-')).map((s) => s.reason),
      Array(5).fill('仅适用于 2021 年起，本报表为 2020 年'),
    );
  });

  it('juesuan report: the HTML of 2020 prints the thirteen tables, and audits as such', () => {
    const dir = join(work, 'report-2020');
    const run = runJuesuan('report', sichuanPackageFile(2020), '-o', dir, '--format', 'html');
    assert.equal(run.code, 0, run.stderr);
    const [html] = readdirSync(dir).filter((f) => f.endsWith('.html'));
    assert.ok(html, run.stdout);
    const audit = runJuesuan('audit', join(dir, html), '--format', 'json');
    const { documents } = JSON.parse(audit.stdout) as {
      documents: { profile: string; tables: { id: string }[] }[];
    };
    assert.equal(documents[0]!.profile, 'sichuan');
    assert.deepEqual(
      documents[0]!.tables.map((t) => t.id),
      ['T01', 'T02', 'T03', 'T04', 'T04D', 'T05', 'T05D', 'T06', 'T05P', 'T09', 'T07', 'T09G', 'T08'],
    );
  });
});
