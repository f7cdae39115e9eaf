/**
 * Backup and restore on PGlite, or on PostgreSQL under scripts/test-store-postgres.sh (which also
 * restores a PGlite backup into PostgreSQL): every table comes back row for row, the workspace
 * works on the copy, and a damaged file or an occupied target changes nothing.
 */
import assert from 'node:assert/strict';
import { PassThrough, Readable } from 'node:stream';
import { after, before, describe, it } from 'node:test';
import { gunzipSync, gzipSync } from 'node:zlib';
import { type DataPackage, parsePackageJson } from '@juesuan/core';
import { sql } from 'drizzle-orm';
import { BACKUP_FORMAT, BACKUP_TABLE_NAMES, backupStore, restoreStore, schemaTableNames } from './backup';
import { openStore, type Store } from './store';
import { openTestStore, standInCheck, type TestStore } from './testing';
import { Workspace } from './workspace/workspace';

const YEAR = 2032;
const PASSWORD = '备份前的密码-456';
/** More than 2^53 分: a JSON number parsed by JavaScript would come back changed. */
const LARGE_INCOME = '90071992547409.93';

function testPackage(department: string, income: string): DataPackage {
  const { package: pkg, issues } = parsePackageJson({
    format: 'juesuan.package/1',
    department: { name: department, year: YEAR, profile: 'jiangxi-2024' },
    amounts: { unit: '元', decimals: 2 },
    facts: { income: { '': income }, expense: { '': income } },
  });
  assert.ok(pkg, JSON.stringify(issues));
  return pkg;
}

function workspaceOf(store: Store): Workspace {
  return new Workspace(store, {
    check: (pkg) => standInCheck(pkg, { balance: true }),
    scrypt: { N: 2 ** 12, r: 8, p: 1 },
  });
}

/** A store with something in every table: users, a unit, revisions checked, explained, commented, published. */
async function populate(store: Store): Promise<void> {
  const { directory, revisions, workflow, sessions } = workspaceOf(store);
  const admin = await directory.createInitialAdmin({
    loginName: 'admin',
    displayName: '管理员',
    password: PASSWORD,
  });
  const bureau = await directory.createDepartment(admin, { name: '丙局', code: '301' });
  const unit = await directory.createDepartment(admin, { name: '丙局信息中心', parentId: bureau.id });
  // A parent made after its unit: restored in dependency order, not in id order.
  const later = await directory.createDepartment(admin, { name: '丁局' });
  const orphan = await directory.createDepartment(admin, { name: '丁局档案馆' });
  await store.db.execute(sql`update departments set parent_id = ${later.id} where id = ${orphan.id}`);
  const filler = await directory.createUser(admin, {
    loginName: 'filler',
    displayName: '填报人',
    role: 'filler',
    password: PASSWORD,
    departmentId: bureau.id,
  });
  const reviewer = await directory.createUser(admin, {
    loginName: 'reviewer',
    displayName: '审核人',
    role: 'reviewer',
    password: PASSWORD,
  });
  await directory.assignReviewer(admin, reviewer.id, bureau.id);
  await directory.createUser(admin, {
    loginName: 'unit-filler',
    displayName: '单位填报人',
    role: 'filler',
    password: PASSWORD,
    departmentId: unit.id,
  });
  const first = await revisions.save(filler, {
    departmentId: bureau.id,
    package: testPackage('丙局', '100.00'),
    baseRevisionId: null,
  });
  const second = await revisions.save(filler, {
    departmentId: bureau.id,
    package: testPackage('丙局', LARGE_INCOME),
    baseRevisionId: first.revision.id,
  });
  const id = second.revision.id;
  await revisions.explain(filler, id, {
    findingId: 'T-02@T01',
    rule: 'T-02',
    place: '公开01表',
    text: '新增专项',
  });
  await revisions.comment(reviewer, id, '请核对收入');
  await workflow.transition(filler, { departmentId: bureau.id, year: YEAR, to: 'submitted', revisionId: id });
  await workflow.transition(reviewer, {
    departmentId: bureau.id,
    year: YEAR,
    to: 'accepted',
    revisionId: id,
  });
  await workflow.publish(filler, {
    departmentId: bureau.id,
    year: YEAR,
    revisionId: id,
    files: [{ format: 'pdf', fileName: '丙局决算.pdf', bytes: new Uint8Array([0, 255, 37, 80, 68, 70, 10]) }],
  });
  await sessions.create(filler);
  await assert.rejects(sessions.authenticate('reviewer', '错误的密码-000'));
}

/** Every table's rows as PostgreSQL prints them, in a fixed order, with timestamps in UTC. */
async function tableContents(store: Store): Promise<Record<string, string[]>> {
  return store.db.transaction(async (tx) => {
    await tx.execute(sql`set local time zone 'UTC'`);
    const contents: Record<string, string[]> = {};
    for (const name of BACKUP_TABLE_NAMES) {
      const result = (await tx.execute(
        sql`select to_jsonb(t)::text as row from ${sql.identifier(name)} t order by 1`,
      )) as unknown as { rows: { row: string }[] };
      contents[name] = result.rows.map((r) => r.row);
    }
    return contents;
  });
}

async function backupBytes(store: Store): Promise<Buffer> {
  const output = new PassThrough();
  const chunks: Buffer[] = [];
  output.on('data', (chunk: Buffer) => chunks.push(chunk));
  await backupStore(store, output);
  return Buffer.concat(chunks);
}

const restoreBytes = (store: Store, bytes: Buffer) => restoreStore(store, Readable.from([bytes]));

const backend = process.env.DATABASE_URL ? 'PostgreSQL' : 'PGlite';

describe(`backup and restore (${backend})`, () => {
  let source: TestStore;
  let original: Record<string, string[]>;
  let backup: Buffer;
  const opened: TestStore[] = [];
  const freshStore = async () => {
    const testStore = await openTestStore();
    opened.push(testStore);
    return testStore.store;
  };

  before(async () => {
    source = await openTestStore();
    opened.push(source);
    await populate(source.store);
    original = await tableContents(source.store);
    backup = await backupBytes(source.store);
  });

  after(async () => {
    for (const testStore of opened) await testStore.close();
  });

  it('backs up every table of the schema, each with rows here', () => {
    assert.deepEqual([...BACKUP_TABLE_NAMES].sort(), schemaTableNames().sort());
    for (const name of BACKUP_TABLE_NAMES) assert.ok(original[name]!.length > 0, `${name} 应有数据`);
  });

  it('restores every table row for row, and the workspace works on the copy', async () => {
    const target = await freshStore();
    const header = await restoreBytes(target, backup);
    assert.equal(header.format, BACKUP_FORMAT);
    assert.equal(header.tables.published_files, 1);
    assert.deepEqual(await tableContents(target), original);
    const [fact] = await target.departmentTotals({ keys: ['income'], department: '丙局', year: YEAR });
    assert.equal(fact?.amountFen, 9007199254740993n);

    const { sessions, revisions, directory } = workspaceOf(target);
    const filler = await sessions.authenticate('filler', PASSWORD);
    const listed = await revisions.list(filler);
    assert.deepEqual(
      listed.map((r) => [r.department, r.revision, r.author]),
      [
        ['丙局', 1, '填报人'],
        ['丙局', 2, '填报人'],
      ],
    );
    // The id sequences continue after the restored rows.
    const admin = await sessions.authenticate('admin', PASSWORD);
    const added = await directory.createDepartment(admin, { name: '戊局' });
    assert.ok(
      added.id >
        Math.max(
          ...(await directory.listDepartments(admin)).filter((d) => d.name !== '戊局').map((d) => d.id),
        ),
    );
  });

  it('refuses a store that already has data, and leaves it as it was', async () => {
    await assert.rejects(restoreBytes(source.store, backup), /目标存储已有数据（departments 4 行/);
    assert.deepEqual(await tableContents(source.store), original);
  });

  it('refuses a truncated or corrupt file and restores nothing', async () => {
    const target = await freshStore();
    const empty = await tableContents(target);
    await assert.rejects(restoreBytes(target, backup.subarray(0, backup.length - 40)), /备份文件/);
    assert.deepEqual(await tableContents(target), empty);
    const lines = gunzipLines(backup);
    const cut = gzipSync(lines.slice(0, -1).join('\n'));
    await assert.rejects(restoreBytes(target, cut), /备份文件不完整：表 published_files 应有 1 行/);
    const foreign = gzipSync(`${JSON.stringify({ format: 'other/1' })}\n`);
    await assert.rejects(restoreBytes(target, foreign), /不是 juesuan 的备份文件/);
    await assert.rejects(
      restoreBytes(target, Buffer.from('not gzip')),
      /备份文件无法读取或解压，可能不完整或已损坏：incorrect header check/,
    );
    assert.deepEqual(await tableContents(target), empty);
  });

  it('restores a PGlite backup into PostgreSQL', { skip: !process.env.DATABASE_URL }, async () => {
    const embedded = await openStore({ dir: ':memory:' });
    try {
      await populate(embedded);
      const target = await freshStore();
      await restoreBytes(target, await backupBytes(embedded));
      assert.deepEqual(await tableContents(target), await tableContents(embedded));
    } finally {
      await embedded.close();
    }
  });
});

function gunzipLines(bytes: Buffer): string[] {
  return gunzipSync(bytes).toString('utf8').trimEnd().split('\n');
}
