/**
 * The store on embedded PGlite (in memory), or on real PostgreSQL when DATABASE_URL is set: then a
 * fresh database is created for the run and dropped after it, so the assertions are the same.
 */
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { checkPackage, type DataPackage, mainCell, parsePackageJson, writePackage } from '@juesuan/core';
import { EXAMPLES_DIR, loadCatalog, loadCheckContext, readPackageFile } from '@juesuan/data';
import { sql } from 'drizzle-orm';
import pg from 'pg';
import { departments, facts, packageRevisions } from './schema';
import { canonicalJson, openStore, type Store } from './store';

/** 123,456,789,012,345.67 元 = 12,345,678,901,234,567 分, above 2^53 (9,007,199,254,740,992). */
const HUGE_YUAN = '123456789012345.67';
const HUGE_FEN = 12_345_678_901_234_567n;
/** An amount the failure trigger below refuses, to break a save after its first inserts. */
const POISON_FEN = 42_424_242n;
const YEAR = 2030;

function testPackage(department: string, income: string, expense = '100.00'): DataPackage {
  const { package: pkg, issues } = parsePackageJson({
    format: 'juesuan.package/1',
    department: { name: department, code: `${department}-code`, year: YEAR, profile: 'jiangxi-2024' },
    amounts: { unit: '元', decimals: 2 },
    facts: { income: { '': income }, expense: { '': expense }, threePublicCount: { 'item=abroadGroups': 3 } },
  });
  assert.ok(pkg, JSON.stringify(issues));
  return pkg;
}

let store: Store;
let dropDatabase: (() => Promise<void>) | undefined;

before(async () => {
  const started = performance.now();
  const url = process.env.DATABASE_URL;
  if (url) {
    const name = `juesuan_store_test_${randomBytes(6).toString('hex')}`;
    const admin = new pg.Client({ connectionString: url });
    await admin.connect();
    await admin.query(`create database ${name}`);
    await admin.end();
    const testUrl = new URL(url);
    testUrl.pathname = `/${name}`;
    store = await openStore({ url: testUrl.toString() });
    dropDatabase = async () => {
      const cleanup = new pg.Client({ connectionString: url });
      await cleanup.connect();
      await cleanup.query(`drop database if exists ${name}`);
      await cleanup.end();
    };
  } else {
    store = await openStore({ dir: ':memory:' });
  }
  const rssMb = Math.round(process.memoryUsage().rss / 1024 / 1024);
  process.stdout.write(
    `store: ${store.describe()}，打开并迁移用时 ${Math.round(performance.now() - started)} ms，RSS ${rssMb} MB\n`,
  );
});

after(async () => {
  await store?.close();
  await dropDatabase?.();
});

describe(`the store keeps every save as a revision (${process.env.DATABASE_URL ? 'PostgreSQL' : 'PGlite'})`, () => {
  const first = testPackage('测试甲局', '1000.00');
  const changed = testPackage('测试甲局', '1000.01');
  let firstId = 0;

  it('saves a new department-year as revision 1', async () => {
    const { revision, created } = await store.savePackage(first, { note: '首次录入' });
    assert.equal(created, true);
    assert.equal(revision.revision, 1);
    assert.equal(revision.department, '测试甲局');
    assert.equal(revision.departmentCode, '测试甲局-code');
    assert.equal(revision.year, YEAR);
    assert.equal(revision.note, '首次录入');
    assert.ok(revision.savedAt instanceof Date);
    firstId = revision.id;
  });

  it('does not save an identical package again and returns the latest revision', async () => {
    const again = testPackage('测试甲局', '1000.00');
    const { revision, created } = await store.savePackage(again, { note: '重复保存' });
    assert.equal(created, false);
    assert.equal(revision.id, firstId);
    assert.equal(revision.note, '首次录入');
    assert.equal((await store.listRevisions({ department: '测试甲局', year: YEAR })).length, 1);
  });

  it('saves a changed package as revision 2', async () => {
    const { revision, created } = await store.savePackage(changed);
    assert.equal(created, true);
    assert.equal(revision.revision, 2);
    const loaded = await store.loadRevision(revision.id);
    assert.equal(loaded.facts.get('income'), 100_001n);
  });

  it('restores revision 1 as revision 3 equal to it, keeping revisions 1 and 2', async () => {
    const { revision, created } = await store.restoreRevision(firstId);
    assert.equal(created, true);
    assert.equal(revision.revision, 3);
    assert.equal(revision.restoredFrom, firstId);
    assert.match(revision.note, /恢复自第 1 版/);
    const original = await store.revisionInfo(firstId);
    assert.equal(revision.sha256, original.sha256);
    const restored = await store.loadRevision(revision.id);
    assert.equal(canonicalJson(writePackage(restored)), canonicalJson(writePackage(first)));
    const history = await store.listRevisions({ department: '测试甲局-code' });
    assert.deepEqual(
      history.map((r) => r.revision),
      [1, 2, 3],
    );
  });

  it('restoring the revision that is already the latest adds nothing', async () => {
    const latest = (await store.listRevisions({ department: '测试甲局' })).at(-1)!;
    const { revision, created } = await store.restoreRevision(latest.id);
    assert.equal(created, false);
    assert.equal(revision.id, latest.id);
  });

  it('round-trips an amount above 2^53 分 as an exact bigint, in the package and in the facts table', async () => {
    const { revision } = await store.savePackage(testPackage('测试乙局', HUGE_YUAN));
    const loaded = await store.loadRevision(revision.id);
    assert.equal(loaded.facts.get('income'), HUGE_FEN);
    const rows = await store.db
      .select({ factKey: facts.factKey, amountFen: facts.amountFen })
      .from(facts)
      .where(sql`${facts.revisionId} = ${revision.id}`)
      .orderBy(facts.factKey);
    assert.deepEqual(rows, [
      { factKey: 'expense', amountFen: 10_000n },
      { factKey: 'income', amountFen: HUGE_FEN },
    ]);
    // Counts are no money: they stay in the package document, not in the facts table.
    assert.equal(loaded.facts.get('threePublicCount item=abroadGroups'), 3n);
  });

  it('sums facts over the latest revisions exactly, per department and per year', async () => {
    const byDepartment = await store.departmentTotals({ keys: ['income'], year: YEAR });
    assert.deepEqual(
      byDepartment.map((t) => [t.department, t.revision, t.amountFen]),
      [
        ['测试乙局', 1, HUGE_FEN],
        ['测试甲局', 3, 100_000n],
      ].sort((a, b) => String(a[0]).localeCompare(String(b[0]), 'en')),
    );
    const byYear = await store.yearTotals({ keys: ['income', 'expense'], year: YEAR });
    assert.deepEqual(byYear, [
      { year: YEAR, factKey: 'expense', departments: 2, amountFen: 20_000n },
      { year: YEAR, factKey: 'income', departments: 2, amountFen: HUGE_FEN + 100_000n },
    ]);
    const oneDepartment = await store.yearTotals({ keys: ['income'], department: '测试乙局' });
    assert.deepEqual(oneDepartment[0]?.amountFen, HUGE_FEN);
  });

  it('a save that fails part-way leaves nothing behind', async () => {
    // A trigger makes the facts insert fail after the department and revision rows were written.
    await store.db.execute(
      sql.raw(`create or replace function refuse_poison() returns trigger language plpgsql as $$
        begin
          if new.amount_fen = ${POISON_FEN} then raise exception 'poisoned amount'; end if;
          return new;
        end $$`),
    );
    await store.db.execute(
      sql.raw(
        'create trigger refuse_poison before insert on facts for each row execute function refuse_poison()',
      ),
    );
    const count = async () => {
      const [row] = await store.db
        .select({
          departments: sql<number>`(select count(*)::int from ${departments})`,
          revisions: sql<number>`(select count(*)::int from ${packageRevisions})`,
          facts: sql<number>`(select count(*)::int from ${facts})`,
        })
        .from(sql`(select 1) as one`);
      return row;
    };
    const before = await count();
    const poison = '424242.42';
    await assert.rejects(store.savePackage(testPackage('测试丙局', poison)));
    await assert.rejects(store.savePackage(testPackage('测试甲局', poison)));
    assert.deepEqual(await count(), before);
    assert.equal((await store.listRevisions({ department: '测试丙局' })).length, 0);
    assert.equal((await store.listRevisions({ department: '测试甲局' })).length, 3);
    await store.db.execute(sql.raw('drop trigger refuse_poison on facts'));
    // The store still works after the failed transaction.
    const { revision } = await store.savePackage(testPackage('测试丙局', '1.00'));
    assert.equal(revision.revision, 1);
  });

  it('stores a check run of the sample package with all its findings', async () => {
    const catalog = loadCatalog();
    const { package: sample } = readPackageFile(join(EXAMPLES_DIR, 'jingdezhen-2024.json'), { catalog });
    assert.ok(sample);
    const { revision } = await store.savePackage(sample);
    const loaded = await store.loadRevision(revision.id, { catalog });
    const context = loadCheckContext(loaded.department.profile);
    const result = checkPackage(loaded, context);
    const run = await store.saveCheckRun(revision.id, context.profile.id, result);
    assert.deepEqual(run.counts, result.summary.counts);
    assert.equal(run.rulesRun, result.summary.rulesRun);
    assert.equal(run.clean, result.summary.clean);
    assert.deepEqual(await store.listCheckRuns(revision.id), [run]);
    const stored = await store.checkRunFindings(run.id);
    assert.ok(result.findings.length > 0, 'the sample has findings to store');
    assert.deepEqual(
      stored.map((f) => [f.findingId, f.severity, f.message]),
      result.findings.map((f) => [f.id, f.severity, f.message]),
    );
    for (const [i, finding] of result.findings.entries()) {
      const expected = finding.expected?.unit === '分' ? BigInt(finding.expected.value!) : null;
      assert.equal(stored[i]!.expectedFen, expected);
      assert.equal(stored[i]!.tableId, mainCell(finding)?.table ?? null);
      assert.deepEqual([stored[i]!.rule, stored[i]!.category], [finding.rule, finding.category]);
      assert.deepEqual(stored[i]!.places, finding.places);
    }
    await assert.rejects(store.saveCheckRun(999_999, 'jiangxi-2024', result), /没有编号为 999999 的版本/);
  });

  it('says which revision is missing', async () => {
    await assert.rejects(store.loadRevision(999_999), /库中没有编号为 999999 的版本/);
  });

  it('saves started at the same moment each become their own revision, none lost or mixed', async () => {
    const count = 8;
    const saves = await Promise.all(
      Array.from({ length: count }, (_, i) =>
        Promise.all([
          store.savePackage(testPackage('并发单位甲', `${i + 1}000.00`)),
          store.savePackage(testPackage('并发单位乙', `${i + 1}000.00`)),
        ]),
      ),
    );
    for (const department of ['并发单位甲', '并发单位乙']) {
      const reported = saves
        .flat()
        .filter((s) => s.revision.department === department)
        .map((s) => s.revision.revision)
        .sort((a, b) => a - b);
      assert.deepEqual(
        reported,
        Array.from({ length: count }, (_, i) => i + 1),
      );
      const stored = await store.listRevisions({ department });
      assert.deepEqual(
        stored.map((r) => r.revision).sort((a, b) => a - b),
        reported,
      );
      // Each revision holds the package that was saved as it, not another save's figures.
      const figures = await Promise.all(
        stored.map(async (r) => JSON.stringify(writePackage(await store.loadRevision(r.id)).facts)),
      );
      assert.equal(new Set(figures).size, count);
    }
  });
});

describe('opening the embedded store', () => {
  it('refuses a directory that holds other files and no database, writing nothing there', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'juesuan-not-a-store-'));
    writeFileSync(join(dir, 'notes.txt'), '别的文件');
    await assert.rejects(openStore({ dir }), /已有其他文件，但不是 juesuan 的存储（缺少 PG_VERSION）/);
    assert.deepEqual(readdirSync(dir), ['notes.txt']);
    rmSync(dir, { recursive: true, force: true });
  });
});
