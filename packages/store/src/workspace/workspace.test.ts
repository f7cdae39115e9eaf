/**
 * The workspace on PGlite, or on PostgreSQL under scripts/test-store-postgres.sh: one store for the
 * file, departments and users made once; every method against every kind of user; stale saves,
 * diff and restore; the workflow with its log; the append-only log; logins and sessions.
 */
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { checkPackage, type DataPackage, parsePackageJson } from '@juesuan/core';
import { EXAMPLES_DIR, loadCatalog, loadCheckContext, readPackageFile } from '@juesuan/data';
import { sql } from 'drizzle-orm';
import { loginFailures } from '../schema';
import type { Store } from '../store';
import { openTestStore, standInCheck, type TestStore } from '../testing';
import type { UserRef, WorkspaceUser } from './access';
import type { DepartmentInfo } from './directory';
import {
  AuthenticationError,
  ConflictError,
  ForbiddenError,
  InvalidTransitionError,
  RateLimitedError,
  StaleRevisionError,
  ValidationError,
  WorkspaceError,
} from './errors';
import { hashPassword, verifyPassword } from './password';
import { csrfMatches } from './sessions';
import type { TransitionRequest } from './workflow';
import { Workspace } from './workspace';

const YEAR = 2031;
/** Cheaper than the default for the many users made here; the default is tested on its own. */
const TEST_SCRYPT = { N: 2 ** 12, r: 8, p: 1 };
const PASSWORD = '正确的密码-123';

const testCheck = (pkg: DataPackage) => standInCheck(pkg, { balance: true });

function testPackage(department: string, income: string, expense = income): DataPackage {
  const { package: pkg, issues } = parsePackageJson({
    format: 'juesuan.package/1',
    department: { name: department, year: YEAR, profile: 'jiangxi-2024' },
    amounts: { unit: '元', decimals: 2 },
    facts: { income: { '': income }, expense: { '': expense } },
  });
  assert.ok(pkg, JSON.stringify(issues));
  return pkg;
}

let testStore: TestStore;
let store: Store;
let clock = new Date('2031-03-01T08:00:00Z');
let workspace: Workspace;
const users = {} as Record<
  'admin' | 'fillerA' | 'fillerUnit' | 'fillerB' | 'reviewerA' | 'reviewerB' | 'disabled',
  WorkspaceUser
>;
const deps = {} as Record<'a' | 'unit' | 'b', DepartmentInfo>;
/** Revisions of 甲局 and its unit made for the access table. */
const revisionIds = { a1: 0, a2: 0, unit: 0 };

before(async () => {
  testStore = await openTestStore();
  store = testStore.store;
  workspace = new Workspace(store, { check: testCheck, now: () => clock, scrypt: TEST_SCRYPT });
  const { directory } = workspace;
  users.admin = await directory.createInitialAdmin({
    loginName: 'admin',
    displayName: '管理员',
    password: PASSWORD,
  });
  deps.a = await directory.createDepartment(users.admin, { name: '甲局', code: '101' });
  deps.unit = await directory.createDepartment(users.admin, { name: '甲局信息中心', parentId: deps.a.id });
  deps.b = await directory.createDepartment(users.admin, { name: '乙局' });
  const add = (loginName: string, role: WorkspaceUser['role'], department?: DepartmentInfo) =>
    directory.createUser(users.admin, {
      loginName,
      displayName: loginName,
      role,
      password: PASSWORD,
      ...(department ? { departmentId: department.id } : {}),
    });
  users.fillerA = await add('filler-a', 'filler', deps.a);
  users.fillerUnit = await add('filler-unit', 'filler', deps.unit);
  users.fillerB = await add('filler-b', 'filler', deps.b);
  users.reviewerA = await add('reviewer-a', 'reviewer');
  users.reviewerB = await add('reviewer-b', 'reviewer');
  users.disabled = await add('filler-a-former', 'filler', deps.a);
  await directory.assignReviewer(users.admin, users.reviewerA.id, deps.a.id);
  await directory.assignReviewer(users.admin, users.reviewerB.id, deps.b.id);
  await directory.setUserDisabled(users.admin, users.disabled.id, true);
  const save = (user: UserRef, department: DepartmentInfo, income: string, base: number | null) =>
    workspace.revisions.save(user, {
      departmentId: department.id,
      package: testPackage(department.name, income),
      baseRevisionId: base,
    });
  revisionIds.a1 = (await save(users.fillerA, deps.a, '100.00', null)).revision.id;
  revisionIds.a2 = (await save(users.fillerA, deps.a, '120.00', revisionIds.a1)).revision.id;
  revisionIds.unit = (await save(users.fillerUnit, deps.unit, '10.00', null)).revision.id;
});

after(async () => {
  await testStore?.close();
});

const backend = process.env.DATABASE_URL ? 'PostgreSQL' : 'PGlite';

async function latestId(department: DepartmentInfo): Promise<number> {
  return (await store.listRevisions({ department: department.name, year: YEAR })).at(-1)!.id;
}

let serial = 0;
/** Each call a new package, so that every allowed save makes a revision. */
const nextIncome = () => `${1000 + ++serial}.00`;

type ActorName = keyof typeof users;
const ACTORS = Object.keys({
  admin: 0,
  fillerA: 0,
  fillerUnit: 0,
  fillerB: 0,
  reviewerA: 0,
  reviewerB: 0,
  disabled: 0,
}) as ActorName[];
const READS_A: ActorName[] = ['admin', 'fillerA', 'reviewerA'];

/** Every Workspace method, as whom it must allow; all others must be refused. */
const OPERATIONS: [string, ActorName[], (user: UserRef) => Promise<unknown>][] = [
  ['directory.listUsers', ['admin'], (u) => workspace.directory.listUsers(u)],
  [
    'directory.department',
    ['admin', 'fillerA', 'reviewerA'],
    (u) => workspace.directory.department(u, deps.a.id),
  ],
  [
    'directory.createDepartment',
    ['admin'],
    (u) => workspace.directory.createDepartment(u, { name: `新部门${++serial}` }),
  ],
  [
    'directory.createUser',
    ['admin'],
    (u) =>
      workspace.directory.createUser(u, {
        loginName: `user${++serial}`,
        displayName: '新用户',
        role: 'reviewer',
        password: PASSWORD,
      }),
  ],
  [
    'directory.setUserDisabled',
    ['admin'],
    (u) => workspace.directory.setUserDisabled(u, users.fillerB.id, false),
  ],
  [
    'directory.assignReviewer',
    ['admin'],
    (u) => workspace.directory.assignReviewer(u, users.reviewerA.id, deps.a.id),
  ],
  [
    'directory.unassignReviewer',
    ['admin'],
    (u) => workspace.directory.unassignReviewer(u, users.reviewerB.id, deps.unit.id),
  ],
  [
    'directory.listDepartments',
    ['admin', 'fillerA', 'fillerUnit', 'fillerB', 'reviewerA', 'reviewerB'],
    (u) => workspace.directory.listDepartments(u),
  ],
  [
    'revisions.list',
    ['admin', 'fillerA', 'fillerUnit', 'fillerB', 'reviewerA', 'reviewerB'],
    (u) => workspace.revisions.list(u),
  ],
  ['revisions.info (主管部门)', READS_A, (u) => workspace.revisions.info(u, revisionIds.a1)],
  [
    'revisions.info (所属单位)',
    [...READS_A, 'fillerUnit'],
    (u) => workspace.revisions.info(u, revisionIds.unit),
  ],
  ['revisions.load', READS_A, (u) => workspace.revisions.load(u, revisionIds.a1)],
  ['revisions.compare', READS_A, (u) => workspace.revisions.compare(u, revisionIds.a1, revisionIds.a2)],
  [
    'revisions.compare (one unreadable)',
    ['admin', 'reviewerA', 'fillerA'],
    (u) => workspace.revisions.compare(u, revisionIds.unit, revisionIds.a1),
  ],
  ['revisions.checkRevision', READS_A, (u) => workspace.revisions.checkRevision(u, revisionIds.a1)],
  ['revisions.explanations', READS_A, (u) => workspace.revisions.explanations(u, revisionIds.a1)],
  ['revisions.comments', READS_A, (u) => workspace.revisions.comments(u, revisionIds.a1)],
  [
    'revisions.save (主管部门)',
    ['fillerA'],
    async (u) =>
      workspace.revisions.save(u, {
        departmentId: deps.a.id,
        package: testPackage('甲局', nextIncome()),
        baseRevisionId: await latestId(deps.a),
      }),
  ],
  [
    'revisions.save (所属单位)',
    ['fillerUnit'],
    async (u) =>
      workspace.revisions.save(u, {
        departmentId: deps.unit.id,
        package: testPackage('甲局信息中心', nextIncome()),
        baseRevisionId: await latestId(deps.unit),
      }),
  ],
  [
    'revisions.restore',
    ['fillerA'],
    async (u) => workspace.revisions.restore(u, revisionIds.a1, await latestId(deps.a)),
  ],
  [
    'revisions.explain',
    ['fillerA'],
    async (u) =>
      workspace.revisions.explain(u, await latestId(deps.a), {
        findingId: 'T-02@T01',
        rule: 'T-02',
        place: '公开01表',
        text: '新增项目',
      }),
  ],
  ['revisions.comment', ['reviewerA'], (u) => workspace.revisions.comment(u, revisionIds.a1, '请核对第27行')],
  ['workflow.status', READS_A, (u) => workspace.workflow.status(u, deps.a.id, YEAR)],
  ['workflow.log', READS_A, (u) => workspace.workflow.log(u, deps.a.id, YEAR)],
  ['workflow.publishedFiles', READS_A, (u) => workspace.workflow.publishedFiles(u, deps.a.id, YEAR)],
];

describe(`every workspace method allows exactly whom the access rule allows (${backend})`, () => {
  for (const [name, allowed, call] of OPERATIONS) {
    it(`${name}: ${allowed.join(', ')}`, async () => {
      for (const actor of ACTORS) {
        const attempt = call(users[actor]);
        if (allowed.includes(actor)) {
          await assert.doesNotReject(attempt, `${actor} may ${name}`);
        } else {
          const expected = actor === 'disabled' ? AuthenticationError : ForbiddenError;
          await assert.rejects(attempt, expected, `${actor} may not ${name}`);
        }
      }
    });
  }

  it('lists only what is in scope: a 主管部门 with its units, assigned departments, or everything for the admin', async () => {
    const names = async (user: UserRef) =>
      (await workspace.directory.listDepartments(user))
        .map((d) => d.name)
        .filter((n) => !n.startsWith('新部门'));
    assert.deepEqual(await names(users.fillerA), ['甲局', '甲局信息中心']);
    assert.deepEqual(await names(users.fillerUnit), ['甲局信息中心']);
    assert.deepEqual(await names(users.fillerB), ['乙局']);
    assert.deepEqual(await names(users.reviewerA), ['甲局', '甲局信息中心']);
    assert.deepEqual(await names(users.admin), ['乙局', '甲局', '甲局信息中心'].sort());
    const revisionDepartments = async (user: UserRef) => [
      ...new Set((await workspace.revisions.list(user)).map((r) => r.department)),
    ];
    assert.deepEqual(await revisionDepartments(users.fillerUnit), ['甲局信息中心']);
    assert.deepEqual(await revisionDepartments(users.reviewerB), []);
  });
});

describe(`revisions with author, diff and restore (${backend})`, () => {
  it('records the author, the base revision and the diff summary of each save', async () => {
    const second = await workspace.revisions.info(users.fillerA, revisionIds.a2);
    assert.equal(second.author, 'filler-a');
    assert.equal(second.authorId, users.fillerA.id);
    assert.equal(second.baseRevisionId, revisionIds.a1);
    assert.deepEqual(second.diffSummary, {
      factsAdded: 0,
      factsRemoved: 0,
      factsChanged: 2,
      priorYearChanged: 0,
      unitsAdded: 0,
      unitsRemoved: 0,
      unitsChanged: 0,
      fieldsChanged: 0,
    });
    const diff = await workspace.revisions.compare(users.reviewerA, revisionIds.a1, revisionIds.a2);
    assert.deepEqual(diff.facts.changed, [
      { key: 'expense', before: 10_000n, after: 12_000n },
      { key: 'income', before: 10_000n, after: 12_000n },
    ]);
  });

  it('refuses a save based on an older revision than the latest, saving nothing', async () => {
    const before = await store.listRevisions({ department: '甲局' });
    const attempt = workspace.revisions.save(users.fillerA, {
      departmentId: deps.a.id,
      package: testPackage('甲局', '999.00'),
      baseRevisionId: revisionIds.a1,
    });
    await assert.rejects(attempt, (error: unknown) => {
      assert.ok(error instanceof StaleRevisionError);
      assert.equal(error.code, 'stale');
      assert.match(
        error.message,
        new RegExp(
          `甲局 ${YEAR} 年已有更新的第 ${before.length} 版（编号 ${before.at(-1)!.id}，filler-a 保存于`,
        ),
      );
      assert.match(
        error.message,
        new RegExp(`本次修改依据的是编号 ${revisionIds.a1} 的版本；为免覆盖他人的修改，本次未保存`),
      );
      return true;
    });
    assert.equal((await store.listRevisions({ department: '甲局' })).length, before.length);
    const fromNothing = workspace.revisions.save(users.fillerA, {
      departmentId: deps.a.id,
      package: testPackage('甲局', '999.00'),
      baseRevisionId: null,
    });
    await assert.rejects(fromNothing, /依据的是空白（未依据任何版本）/);
  });

  it('of two saves from the same revision at the same moment, keeps one and refuses the other as stale', async () => {
    const base = await latestId(deps.a);
    const outcomes = await Promise.allSettled(
      ['501.00', '502.00'].map((income) =>
        workspace.revisions.save(users.fillerA, {
          departmentId: deps.a.id,
          package: testPackage('甲局', income),
          baseRevisionId: base,
        }),
      ),
    );
    assert.deepEqual(outcomes.map((o) => o.status).sort(), ['fulfilled', 'rejected']);
    const refused = outcomes.find((o) => o.status === 'rejected');
    assert.ok(refused?.reason instanceof StaleRevisionError);
    const saved = outcomes.find((o) => o.status === 'fulfilled')!.value;
    assert.equal(saved.revision.baseRevisionId, base);
    assert.equal(await latestId(deps.a), saved.revision.id);
  });

  it('refuses a package of another department', async () => {
    const attempt = workspace.revisions.save(users.fillerA, {
      departmentId: deps.a.id,
      package: testPackage('乙局', '1.00'),
      baseRevisionId: null,
    });
    await assert.rejects(
      attempt,
      (error: unknown) =>
        error instanceof ValidationError &&
        /数据包的部门名称「乙局」与要保存到的部门「甲局」/.test(error.message),
    );
  });

  it('restores revision 2 as a new latest revision equal to it, by its author', async () => {
    const latest = await latestId(deps.a);
    const { revision, created } = await workspace.revisions.restore(users.fillerA, revisionIds.a2, latest);
    assert.equal(created, true);
    assert.equal(revision.restoredFrom, revisionIds.a2);
    assert.equal(revision.baseRevisionId, latest);
    assert.equal(revision.author, 'filler-a');
    assert.match(revision.note, /恢复自第 2 版/);
    assert.equal(revision.sha256, (await store.revisionInfo(revisionIds.a2)).sha256);
    const diff = await workspace.revisions.compare(users.fillerA, revisionIds.a2, revision.id);
    assert.deepEqual(
      [diff.facts.added, diff.facts.removed, diff.facts.changed, diff.fields],
      [[], [], [], []],
    );
    await assert.rejects(
      workspace.revisions.restore(users.fillerA, revisionIds.a1, latest),
      StaleRevisionError,
    );
  });
});

describe(`the workflow 填报中 → 已提交 → 已退回 → 已提交 → 已审核 → 已公开 with its log (${backend})`, () => {
  const b = () => deps.b;
  const move = (user: UserRef, to: TransitionRequest['to'], revisionId: number, comment?: string) =>
    workspace.workflow.transition(user, {
      departmentId: b().id,
      year: YEAR,
      to,
      revisionId,
      ...(comment !== undefined ? { comment } : {}),
    });
  const saveB = async (income: string, expense = income) =>
    (
      await workspace.revisions.save(users.fillerB, {
        departmentId: b().id,
        package: testPackage('乙局', income, expense),
        baseRevisionId: (await store.listRevisions({ department: '乙局', year: YEAR })).at(-1)?.id ?? null,
      })
    ).revision.id;
  let submitted = 0;
  let resubmitted = 0;

  it('refuses submission while the check has an error, then while a warning is unexplained', async () => {
    const unbalanced = await saveB('100.00', '90.00');
    await assert.rejects(move(users.fillerB, 'submitted', unbalanced), (error: unknown) => {
      assert.ok(error instanceof ValidationError);
      assert.match(error.message, /乙局 2031 年第 1 版不能提交：审核结果有 1 个错误、1 个未写出错说明的警告/);
      assert.match(error.message, /T-01@T01（公开01表第27行「本年收入合计」）/);
      return true;
    });
    submitted = await saveB('100.00');
    await assert.rejects(
      move(users.fillerB, 'submitted', submitted),
      /有 0 个错误、1 个未写出错说明的警告.*T-02@T01/,
    );
    assert.equal((await workspace.workflow.status(users.fillerB, b().id, YEAR)).label, '填报中');
  });

  it('submits once the warning is explained; the check then counts it accepted', async () => {
    await workspace.revisions.explain(users.fillerB, submitted, {
      findingId: 'T-02@T01',
      rule: 'T-02',
      place: '公开01表第27行',
      text: '新增专项',
    });
    const check = await workspace.revisions.checkRevision(users.fillerB, submitted);
    assert.deepEqual(check.run.counts, { error: 0, warning: 0, info: 0, accepted: 1 });
    const status = await move(users.fillerB, 'submitted', submitted);
    assert.deepEqual([status.state, status.label, status.revisionId], ['submitted', '已提交', submitted]);
  });

  it('refuses edits while submitted, and every step by the wrong role or reviewer', async () => {
    await assert.rejects(
      saveB('200.00'),
      (e: unknown) =>
        e instanceof ConflictError && /当前状态为「已提交」，不能修改数据包或出错说明/.test(e.message),
    );
    await assert.rejects(move(users.reviewerA, 'accepted', submitted), ForbiddenError);
    await assert.rejects(
      move(users.fillerB, 'accepted', submitted),
      /填报人不能执行「已提交」→「已审核」：只有审核人可以/,
    );
    await assert.rejects(move(users.admin, 'accepted', submitted), ForbiddenError);
    await assert.rejects(
      move(users.reviewerB, 'drafting', submitted),
      (e: unknown) => e instanceof InvalidTransitionError && /不能从「已提交」转为「填报中」/.test(e.message),
    );
    await assert.rejects(move(users.reviewerB, 'returned', submitted, ' '), /须写明退回意见/);
  });

  it('returns with a comment; the filler edits, the explanation carries over, and resubmits the latest only', async () => {
    await workspace.revisions.comment(users.reviewerB, submitted, '支出明细请补充');
    const status = await move(users.reviewerB, 'returned', submitted, '收入说明不充分');
    assert.equal(status.label, '已退回');
    resubmitted = await saveB('110.00');
    const carried = await workspace.revisions.explanations(users.reviewerB, resubmitted);
    assert.deepEqual(
      carried.map((e) => [e.findingId, e.text, e.author]),
      [['T-02@T01', '新增专项', 'filler-b']],
    );
    await assert.rejects(
      move(users.fillerB, 'submitted', submitted),
      (e: unknown) => e instanceof StaleRevisionError && /只能对最新版本提交/.test(e.message),
    );
    assert.equal((await move(users.fillerB, 'submitted', resubmitted)).revisionId, resubmitted);
  });

  it('accepts only the submitted revision, and publishes with frozen files', async () => {
    await assert.rejects(move(users.reviewerB, 'accepted', submitted), /不是流程中的版本/);
    await move(users.reviewerB, 'accepted', resubmitted);
    const files = [
      {
        format: 'pdf' as const,
        fileName: '乙局2031年决算.pdf',
        bytes: new TextEncoder().encode('%PDF-1.7 样例'),
      },
      { format: 'docx' as const, fileName: '乙局2031年决算.docx', bytes: new Uint8Array([80, 75, 3, 4]) },
    ];
    const publish = (user: UserRef, with_: typeof files) =>
      workspace.workflow.publish(user, {
        departmentId: b().id,
        year: YEAR,
        revisionId: resubmitted,
        files: with_,
      });
    await assert.rejects(publish(users.reviewerB, files), ForbiddenError);
    await assert.rejects(publish(users.fillerB, []), /公开须至少附上一个文件/);
    const published = await publish(users.fillerB, files);
    assert.equal(published.status.label, '已公开');
    const stored = await workspace.workflow.publishedFiles(users.reviewerB, b().id, YEAR);
    assert.deepEqual(
      stored.map((f) => [f.fileName, f.sha256, [...f.bytes]]),
      files.map((f) => [f.fileName, createHash('sha256').update(f.bytes).digest('hex'), [...f.bytes]]),
    );
    await assert.rejects(move(users.fillerB, 'drafting', resubmitted), /「已公开」是最终状态/);
    await assert.rejects(saveB('1.00'), /当前状态为「已公开」/);
  });

  it('logs every transition with who, when, from, to, revision and comment', async () => {
    const log = await workspace.workflow.log(users.fillerB, b().id, YEAR);
    assert.deepEqual(
      log.map((e) => [e.actor, e.from, e.to, e.revisionId, e.comment]),
      [
        ['filler-b', 'drafting', 'submitted', submitted, ''],
        ['reviewer-b', 'submitted', 'returned', submitted, '收入说明不充分'],
        ['filler-b', 'returned', 'submitted', resubmitted, ''],
        ['reviewer-b', 'submitted', 'accepted', resubmitted, ''],
        ['filler-b', 'accepted', 'published', resubmitted, ''],
      ],
    );
    assert.ok(log.every((e) => e.at.getTime() === clock.getTime()));
  });

  it('keeps the log and the published files append-only in the database itself', async () => {
    for (const statement of [
      "update workflow_log set comment = '改写'",
      'delete from workflow_log',
      'truncate workflow_log cascade',
      "update published_files set bytes = '\\x00'",
      'delete from published_files',
    ]) {
      await assert.rejects(store.db.execute(sql.raw(statement)), (error: unknown) => {
        const cause = (error as { cause?: Error }).cause ?? (error as Error);
        assert.match(cause.message, /只能追加，不能(修改|删除|清空)/, statement);
        return true;
      });
    }
    assert.equal((await workspace.workflow.log(users.admin, b().id, YEAR)).length, 5);
  });

  it('refuses submission of the sample package by its real check, naming its errors', async () => {
    const catalog = loadCatalog();
    const { package: sample } = readPackageFile(join(EXAMPLES_DIR, 'jingdezhen-2024.json'), { catalog });
    assert.ok(sample);
    const context = loadCheckContext(sample.department.profile);
    const real = new Workspace(store, {
      check: (pkg) => checkPackage(pkg, context),
      now: () => clock,
      scrypt: TEST_SCRYPT,
    });
    const department = await real.directory.createDepartment(users.admin, { name: sample.department.name });
    const filler = await real.directory.createUser(users.admin, {
      loginName: 'jdz',
      displayName: '景德镇填报人',
      role: 'filler',
      departmentId: department.id,
      password: PASSWORD,
    });
    const { revision } = await real.revisions.save(filler, {
      departmentId: department.id,
      package: sample,
      baseRevisionId: null,
    });
    const errors = checkPackage(sample, context).summary.counts.error;
    assert.ok(errors > 0);
    await assert.rejects(
      real.workflow.transition(filler, {
        departmentId: department.id,
        year: sample.department.year,
        to: 'submitted',
        revisionId: revision.id,
      }),
      new RegExp(`不能提交：审核结果有 ${errors} 个错误`),
    );
  });
});

describe(`logins and sessions (${backend})`, () => {
  it('hashes with scrypt and the default cost, salted per hash, and verifies only the right password', async () => {
    const hash = await hashPassword('口令 ABC-123');
    assert.match(hash, /^scrypt\$32768\$8\$1\$[A-Za-z0-9+/=]{24}\$[A-Za-z0-9+/=]{44}$/);
    assert.notEqual(await hashPassword('口令 ABC-123'), hash);
    assert.equal(await verifyPassword('口令 ABC-123', hash), true);
    assert.equal(await verifyPassword('口令 ABC-124', hash), false);
    assert.equal(await verifyPassword('口令 ABC-123', hash.replace('$8$', '$4$')), false);
    assert.equal(await verifyPassword('口令 ABC-123', 'plain-text'), false);
  });

  it('logs in with the right password only, the same answer for an unknown login name', async () => {
    const user = await workspace.sessions.authenticate('filler-b', PASSWORD);
    assert.equal(user.id, users.fillerB.id);
    assert.ok(!('passwordHash' in user));
    await assert.rejects(workspace.sessions.authenticate('filler-b', 'wrong-password'), (error: unknown) => {
      assert.ok(error instanceof AuthenticationError);
      assert.equal(error.code, 'unauthenticated');
      assert.equal(error.message, '登录名或密码不正确');
      return true;
    });
    await assert.rejects(workspace.sessions.authenticate('nobody', PASSWORD), /登录名或密码不正确/);
    await assert.rejects(
      workspace.sessions.authenticate('filler-a-former', PASSWORD),
      /账号「filler-a-former」已停用/,
    );
  });

  it('refuses further logins after 5 failures within 15 minutes, also with the right password, until the window passes', async () => {
    for (let i = 0; i < 5; i++)
      await assert.rejects(workspace.sessions.authenticate('reviewer-a', `wrong-${i}`), AuthenticationError);
    await assert.rejects(workspace.sessions.authenticate('reviewer-a', PASSWORD), (error: unknown) => {
      assert.ok(error instanceof RateLimitedError);
      assert.equal(error.code, 'rate-limited');
      assert.match(error.message, /登录名「reviewer-a」在 15 分钟内已登录失败 5 次/);
      assert.equal(error.retryAt.getTime(), clock.getTime() + 15 * 60_000);
      return true;
    });
    // Others are not held back by one login name's failures.
    await workspace.sessions.authenticate('reviewer-b', PASSWORD);
    clock = new Date(clock.getTime() + 15 * 60_000 + 1);
    assert.equal((await workspace.sessions.authenticate('reviewer-a', PASSWORD)).id, users.reviewerA.id);
  });

  it('resolves a session to its user until it expires or is revoked; only a hash of the token is stored', async () => {
    const session = await workspace.sessions.create(users.fillerA);
    const resolved = await workspace.sessions.resolve(session.token);
    assert.equal(resolved.user.id, users.fillerA.id);
    assert.equal(csrfMatches(resolved, session.csrfToken), true);
    assert.equal(csrfMatches(resolved, `${session.csrfToken.slice(0, -1)}x`), false);
    assert.equal(csrfMatches(resolved, undefined), false);
    const stored = await store.db.execute(sql`select token_hash from sessions`);
    assert.ok(!JSON.stringify(stored).includes(session.token));
    clock = new Date(session.expiresAt.getTime());
    await assert.rejects(workspace.sessions.resolve(session.token), /会话已于 .* 过期，请重新登录/);
    await assert.rejects(workspace.sessions.resolve(session.token), /会话不存在或已注销/);
    const other = await workspace.sessions.create(users.fillerA);
    await workspace.sessions.revoke(other.token);
    await assert.rejects(workspace.sessions.resolve(other.token), AuthenticationError);
  });

  it('removes expired sessions, and disabling a user ends theirs', async () => {
    const old = await workspace.sessions.create(users.fillerB);
    clock = new Date(old.expiresAt.getTime() + 1);
    const live = await workspace.sessions.create(users.fillerB);
    await assert.rejects(workspace.sessions.authenticate('nobody-else', 'guess'), AuthenticationError);
    const failures = async () => (await store.db.select().from(loginFailures)).length;
    assert.ok((await failures()) > 0);
    clock = new Date(clock.getTime() + 15 * 60_000);
    assert.equal(await workspace.sessions.expire(), 1);
    assert.equal(await failures(), 0, 'failed logins older than the window are gone');
    await workspace.sessions.resolve(live.token);
    await workspace.directory.setUserDisabled(users.admin, users.fillerB.id, true);
    await assert.rejects(workspace.sessions.resolve(live.token), /会话不存在或已注销/);
    await assert.rejects(workspace.revisions.list(users.fillerB), AuthenticationError);
    await workspace.directory.setUserDisabled(users.admin, users.fillerB.id, false);
  });

  it('sets up departments and users from the command line without an acting user, with the same checks', async () => {
    const { directory } = workspace;
    const unit = await directory.createDepartmentAsSystem({
      name: '乙局后勤中心',
      code: '202',
      parentId: deps.b.id,
    });
    assert.equal(unit.parentId, deps.b.id);
    assert.equal((await directory.findDepartmentAsSystem('202')).id, unit.id);
    assert.equal((await directory.findDepartmentAsSystem('甲局')).id, deps.a.id);
    await assert.rejects(directory.findDepartmentAsSystem('丙局'), /没有名称或代码为「丙局」的部门/);
    await directory.createDepartmentAsSystem({ name: '丙局', code: '乙局' });
    await assert.rejects(directory.findDepartmentAsSystem('乙局'), ConflictError);
    await assert.rejects(directory.createDepartmentAsSystem({ name: '甲局' }), /部门「甲局」已存在/);
    const filler = await directory.createUserAsSystem({
      loginName: 'filler-b-unit',
      displayName: '后勤填报',
      role: 'filler',
      departmentId: unit.id,
      password: PASSWORD,
    });
    assert.equal((await workspace.sessions.authenticate('filler-b-unit', PASSWORD)).id, filler.id);
    await assert.rejects(
      directory.createUserAsSystem({
        loginName: 'no-dept',
        displayName: '无',
        role: 'filler',
        password: PASSWORD,
      }),
      /填报人须指定所属部门/,
    );
  });

  it('lets the first admin be made only once, and refuses bad users with their reason', async () => {
    await assert.rejects(
      workspace.directory.createInitialAdmin({ loginName: 'root', displayName: '根', password: PASSWORD }),
      ConflictError,
    );
    const create = (input: Partial<Parameters<Workspace['directory']['createUser']>[1]>) =>
      workspace.directory.createUser(users.admin, {
        loginName: 'new-user',
        displayName: '新',
        role: 'filler',
        departmentId: deps.a.id,
        password: PASSWORD,
        ...input,
      });
    await assert.rejects(create({ loginName: 'filler-a' }), /登录名「filler-a」已被使用/);
    await assert.rejects(create({ loginName: 'has space' }), /登录名「has space」无效/);
    await assert.rejects(create({ password: 'short' }), /密码太短：至少 8 个字符/);
    await assert.rejects(create({ departmentId: undefined }), /填报人须指定所属部门/);
    await assert.rejects(create({ role: 'reviewer' }), /只有填报人属于某个部门/);
    await assert.rejects(
      workspace.directory.createDepartment(users.admin, { name: '孙单位', parentId: deps.unit.id }),
      /「甲局信息中心」本身是所属单位/,
    );
    await assert.rejects(
      workspace.directory.assignReviewer(users.admin, users.fillerA.id, deps.b.id),
      (error: unknown) => {
        assert.ok(error instanceof WorkspaceError);
        assert.equal(error.code, 'validation');
        assert.match(error.message, /用户「filler-a」不是审核人/);
        return true;
      },
    );
  });
});
