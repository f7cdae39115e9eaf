/**
 * The workspace routes through `inject`, on one store for the file (PGlite, or PostgreSQL under
 * scripts/test-store-postgres.sh): every route against every kind of user, logged out and with a
 * wrong CSRF token; login, logout and the rate limit; the stale save, compare and restore; the
 * workflow from 填报中 to 已公开 with its log and the frozen DOCX read back.
 */
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { DataPackage } from '@juesuan/core';
import { EXAMPLES_DIR } from '@juesuan/data';
import { type DepartmentInfo, Workspace, type WorkspaceUser } from '@juesuan/store';
import { openTestStore, standInCheck, type TestStore } from '@juesuan/store/testing';
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import JSZip from 'jszip';
import { buildServer } from './app';

const PASSWORD = '正确的密码-123';
const TEST_SCRYPT = { N: 2 ** 12, r: 8, p: 1 };
const DEPARTMENT_A = '景德镇市医疗保障局';
const sampleText = readFileSync(join(EXAMPLES_DIR, 'jingdezhen-2024.json'), 'utf8');
/** The sample with one amount changed, for a second revision. */
const changedText = sampleText.replace('"source=gpb": "940.49"', '"source=gpb": "940.50"');
assert.notEqual(changedText, sampleText);

const testCheck = (pkg: DataPackage) => standInCheck(pkg, { balance: false });

type Actor = 'fillerA' | 'fillerB' | 'reviewerA' | 'reviewerB' | 'admin';
const ACTORS: Actor[] = ['fillerA', 'fillerB', 'reviewerA', 'reviewerB', 'admin'];
interface Login {
  cookie: string;
  csrf: string;
}

let testStore: TestStore;
let app: FastifyInstance;
const users = {} as Record<Actor, WorkspaceUser>;
const logins = {} as Record<Actor, Login>;
let departmentA: DepartmentInfo;
let departmentB: DepartmentInfo;
let firstRevision = 0;

function sessionCookie(res: LightMyRequestResponse): string {
  const cookie = res.cookies.find((c) => c.name === 'juesuan_session');
  assert.ok(cookie, `no session cookie in ${JSON.stringify(res.headers['set-cookie'])}`);
  return `juesuan_session=${cookie.value}`;
}

async function login(loginName: string, password = PASSWORD) {
  return app.inject({ method: 'POST', url: '/api/session', payload: { loginName, password } });
}

interface Call {
  method: 'GET' | 'POST' | 'PUT' | 'DELETE';
  url: string;
  body?: unknown;
  /** The raw package JSON, sent as application/json bytes. */
  packageText?: string;
}

function send(call: Call, as?: Login, csrf = as?.csrf) {
  const headers: Record<string, string> = {};
  if (as) headers.cookie = as.cookie;
  if (csrf !== undefined && call.method !== 'GET') headers['x-csrf-token'] = csrf;
  if (call.packageText !== undefined) headers['content-type'] = 'application/json';
  return app.inject({
    method: call.method,
    url: call.url,
    headers,
    ...(call.packageText !== undefined ? { payload: call.packageText } : {}),
    ...(call.body !== undefined ? { payload: call.body as object } : {}),
  });
}

before(async () => {
  testStore = await openTestStore();
  const workspace = new Workspace(testStore.store, {
    check: testCheck,
    scrypt: TEST_SCRYPT,
    maxLoginFailures: 3,
  });
  const { directory } = workspace;
  users.admin = await directory.createInitialAdmin({
    loginName: 'admin',
    displayName: '管理员',
    password: PASSWORD,
  });
  departmentA = await directory.createDepartmentAsSystem({ name: DEPARTMENT_A, code: '360201' });
  departmentB = await directory.createDepartmentAsSystem({ name: '乙局' });
  const add = (loginName: Actor, role: WorkspaceUser['role'], department?: DepartmentInfo) =>
    directory.createUserAsSystem({
      loginName,
      displayName: loginName,
      role,
      password: PASSWORD,
      ...(department ? { departmentId: department.id } : {}),
    });
  users.fillerA = await add('fillerA', 'filler', departmentA);
  users.fillerB = await add('fillerB', 'filler', departmentB);
  users.reviewerA = await add('reviewerA', 'reviewer');
  users.reviewerB = await add('reviewerB', 'reviewer');
  await directory.assignReviewer(users.admin, users.reviewerA.id, departmentA.id);
  await directory.assignReviewer(users.admin, users.reviewerB.id, departmentB.id);
  app = await buildServer({ workspace });
  for (const actor of ACTORS) {
    const res = await login(users[actor].loginName);
    assert.equal(res.statusCode, 200, res.body);
    logins[actor] = { cookie: sessionCookie(res), csrf: res.json().csrfToken };
  }
  const saved = await send(
    {
      method: 'POST',
      url: `/api/departments/${departmentA.id}/years/2024/revisions?base=none&note=首次录入`,
      packageText: sampleText,
    },
    logins.fillerA,
  );
  assert.equal(saved.statusCode, 201, saved.body);
  firstRevision = saved.json().revision.id;
});

after(async () => {
  await app?.close();
  await testStore?.close();
});

type Expected = Record<Actor, number>;
const readable: Expected = { fillerA: 200, fillerB: 404, reviewerA: 200, reviewerB: 404, admin: 200 };
const onlyFillerA = (status: number): Expected => ({
  fillerA: status,
  fillerB: 403,
  reviewerA: 403,
  reviewerB: 403,
  admin: 403,
});
const onlyAdmin = (status: number): Expected => ({
  fillerA: 403,
  fillerB: 403,
  reviewerA: 403,
  reviewerB: 403,
  admin: status,
});

let unique = 0;
/** Each route with what each user gets; every route of the workspace is here. */
function accessTable(): { name: string; call: () => Call; expected: Expected }[] {
  const dy = `/api/departments/${departmentA.id}/years/2024`;
  const rev = `/api/revisions/${firstRevision}`;
  return [
    {
      name: 'list departments',
      call: () => ({ method: 'GET', url: '/api/departments' }),
      expected: { fillerA: 200, fillerB: 200, reviewerA: 200, reviewerB: 200, admin: 200 },
    },
    {
      name: 'create a department',
      call: () => ({ method: 'POST', url: '/api/departments', body: { name: `新部门${++unique}` } }),
      expected: onlyAdmin(201),
    },
    { name: 'list users', call: () => ({ method: 'GET', url: '/api/users' }), expected: onlyAdmin(200) },
    {
      name: 'create a user',
      call: () => ({
        method: 'POST',
        url: '/api/users',
        body: { loginName: `user${++unique}`, displayName: '新审核人', role: 'reviewer', password: PASSWORD },
      }),
      expected: onlyAdmin(201),
    },
    {
      name: 'enable a user',
      call: () => ({ method: 'POST', url: `/api/users/${users.reviewerB.id}/enable` }),
      expected: onlyAdmin(200),
    },
    {
      name: 'disable a user',
      call: () => ({ method: 'POST', url: '/api/users/999999/disable' }),
      expected: onlyAdmin(404),
    },
    {
      name: 'assign a reviewer',
      call: () => ({
        method: 'PUT',
        url: `/api/reviewers/${users.reviewerA.id}/departments/${departmentA.id}`,
      }),
      expected: onlyAdmin(204),
    },
    {
      name: 'unassign a reviewer',
      call: () => ({
        method: 'DELETE',
        url: `/api/reviewers/${users.reviewerB.id}/departments/${departmentA.id}`,
      }),
      expected: onlyAdmin(204),
    },
    { name: 'list revisions', call: () => ({ method: 'GET', url: `${dy}/revisions` }), expected: readable },
    {
      name: 'save a revision',
      call: () => ({ method: 'POST', url: `${dy}/revisions?base=${firstRevision}`, packageText: sampleText }),
      expected: onlyFillerA(200),
    },
    { name: 'revision info', call: () => ({ method: 'GET', url: rev }), expected: readable },
    { name: 'load a revision', call: () => ({ method: 'GET', url: `${rev}/package` }), expected: readable },
    {
      name: 'compare',
      call: () => ({ method: 'GET', url: `${rev}/compare/${firstRevision}` }),
      expected: readable,
    },
    {
      name: 'restore',
      call: () => ({ method: 'POST', url: `${rev}/restore?base=${firstRevision}` }),
      expected: onlyFillerA(200),
    },
    {
      name: 'check',
      call: () => ({ method: 'POST', url: `${rev}/check` }),
      expected: { fillerA: 200, fillerB: 403, reviewerA: 200, reviewerB: 403, admin: 200 },
    },
    {
      name: 'read explanations',
      call: () => ({ method: 'GET', url: `${rev}/explanations` }),
      expected: readable,
    },
    {
      name: 'write an explanation',
      call: () => ({
        method: 'PUT',
        url: `${rev}/explanations`,
        body: { findingId: 'T-09@T01', rule: 'T-09', place: '公开01表', text: '口径调整' },
      }),
      expected: onlyFillerA(200),
    },
    { name: 'read comments', call: () => ({ method: 'GET', url: `${rev}/comments` }), expected: readable },
    {
      name: 'comment',
      call: () => ({ method: 'POST', url: `${rev}/comments`, body: { text: '请核对' } }),
      expected: { fillerA: 403, fillerB: 403, reviewerA: 201, reviewerB: 403, admin: 403 },
    },
    {
      name: 'download the XLSX',
      call: () => ({ method: 'GET', url: `${rev}/document/xlsx` }),
      expected: readable,
    },
    { name: 'workflow status', call: () => ({ method: 'GET', url: `${dy}/workflow` }), expected: readable },
    // Passes the access rule, then is refused for its content: the warning is not explained.
    {
      name: 'submit',
      call: () => ({
        method: 'POST',
        url: `${dy}/workflow`,
        body: { to: 'submitted', revisionId: firstRevision },
      }),
      expected: onlyFillerA(422),
    },
    { name: 'workflow log', call: () => ({ method: 'GET', url: `${dy}/workflow/log` }), expected: readable },
    // The state (填报中) is judged before the role, and every reader may know the state.
    {
      name: 'publish',
      call: () => ({ method: 'POST', url: `${dy}/publication`, body: { revisionId: firstRevision } }),
      expected: { fillerA: 409, fillerB: 403, reviewerA: 409, reviewerB: 403, admin: 409 },
    },
    {
      name: 'list published files',
      call: () => ({ method: 'GET', url: `${dy}/publication` }),
      expected: readable,
    },
    {
      name: 'download a published file',
      call: () => ({ method: 'GET', url: `${dy}/publication/docx` }),
      expected: { fillerA: 404, fillerB: 404, reviewerA: 404, reviewerB: 404, admin: 404 },
    },
  ];
}

describe('workspace API: who may call what', () => {
  it('answers every route for each role, logged out and with a wrong CSRF token as the table says', async () => {
    const wrong: string[] = [];
    for (const row of accessTable()) {
      for (const actor of ACTORS) {
        const res = await send(row.call(), logins[actor]);
        if (res.statusCode !== row.expected[actor])
          wrong.push(`${row.name} as ${actor}: ${res.statusCode} ${res.body}`);
      }
      const anonymous = await send(row.call());
      if (anonymous.statusCode !== 401 || anonymous.json().code !== 'unauthenticated') {
        wrong.push(`${row.name} logged out: ${anonymous.statusCode} ${anonymous.body}`);
      }
      const call = row.call();
      if (call.method !== 'GET') {
        const forged = await send(call, logins.fillerA, 'not-the-token');
        if (forged.statusCode !== 403 || forged.json().code !== 'csrf')
          wrong.push(`${row.name} wrong CSRF: ${forged.statusCode} ${forged.body}`);
        const missing = await app.inject({
          method: call.method,
          url: call.url,
          headers: { cookie: logins.admin.cookie },
        });
        if (missing.statusCode !== 403 || missing.json().code !== 'csrf')
          wrong.push(`${row.name} no CSRF: ${missing.statusCode} ${missing.body}`);
      }
    }
    assert.deepEqual(wrong, []);
  });

  it('answers a read outside the scope exactly as a read of nothing, so ids cannot be probed', async () => {
    const outside = await send({ method: 'GET', url: `/api/revisions/${firstRevision}` }, logins.fillerB);
    const missing = await send({ method: 'GET', url: '/api/revisions/999999' }, logins.fillerB);
    assert.equal(outside.statusCode, 404);
    assert.equal(missing.statusCode, 404);
    assert.equal(outside.json().code, missing.json().code);
    assert.match(outside.json().message, /没有找到 .* 所指的内容，或您无权查看/);
    const listed = await send({ method: 'GET', url: '/api/departments' }, logins.fillerB);
    assert.deepEqual(
      listed.json().map((d: DepartmentInfo) => d.name),
      ['乙局'],
    );
  });
});

describe('workspace API: login, logout, rate limit', () => {
  it('sets an HTTP-only, SameSite=Strict session cookie and answers who is logged in', async () => {
    const res = await login('fillerB');
    const cookie = res.cookies.find((c) => c.name === 'juesuan_session');
    assert.ok(cookie);
    assert.equal(cookie.httpOnly, true);
    assert.equal(cookie.sameSite, 'Strict');
    assert.equal(cookie.path, '/api');
    assert.equal(cookie.secure, undefined, 'Secure only over https');
    const me = await app.inject({ url: '/api/session', headers: { cookie: sessionCookie(res) } });
    assert.equal(me.statusCode, 200);
    assert.equal(me.json().user.loginName, 'fillerB');
    assert.equal(me.json().csrfToken, res.json().csrfToken);
  });

  it('logs out: the cookie no longer opens anything', async () => {
    const res = await login('reviewerB');
    const session = { cookie: sessionCookie(res), csrf: res.json().csrfToken as string };
    const out = await send({ method: 'DELETE', url: '/api/session' }, session);
    assert.equal(out.statusCode, 204, out.body);
    const after = await send({ method: 'GET', url: '/api/session' }, session);
    assert.equal(after.statusCode, 401);
    assert.equal(after.json().code, 'unauthenticated');
  });

  it('refuses a wrong password with 401, then after 3 failures answers 429 with Retry-After', async () => {
    for (let i = 0; i < 3; i++) {
      const wrong = await login('reviewerA', '错误的密码-000');
      assert.equal(wrong.statusCode, 401);
      assert.equal(wrong.json().message, '登录名或密码不正确');
    }
    const limited = await login('reviewerA');
    assert.equal(limited.statusCode, 429, limited.body);
    assert.equal(limited.json().code, 'rate-limited');
    assert.match(limited.json().message, /已登录失败 3 次/);
    assert.ok(Number(limited.headers['retry-after']) > 0, String(limited.headers['retry-after']));
  });
});

describe('workspace API: revisions', () => {
  const dy = () => `/api/departments/${departmentA.id}/years/2024`;
  let second = 0;

  it('saves a changed package from the latest, then refuses a save from the older revision with 409', async () => {
    const saved = await send(
      { method: 'POST', url: `${dy()}/revisions?base=${firstRevision}&note=改正`, packageText: changedText },
      logins.fillerA,
    );
    assert.equal(saved.statusCode, 201, saved.body);
    const revision = saved.json().revision;
    second = revision.id;
    assert.equal(revision.revision, 2);
    assert.equal(revision.author, 'fillerA');
    assert.equal(revision.baseRevisionId, firstRevision);
    assert.equal(revision.diffSummary.factsChanged, 1);
    const stale = await send(
      { method: 'POST', url: `${dy()}/revisions?base=${firstRevision}`, packageText: sampleText },
      logins.fillerA,
    );
    assert.equal(stale.statusCode, 409, stale.body);
    assert.equal(stale.json().code, 'stale');
    assert.match(stale.json().message, /最新/);
  });

  it('refuses a package with errors with 422 and its places, saving nothing', async () => {
    const res = await send(
      {
        method: 'POST',
        url: `${dy()}/revisions?base=${second}`,
        packageText: '{"format": "juesuan.package/1"}',
      },
      logins.fillerA,
    );
    assert.equal(res.statusCode, 422, res.body);
    assert.equal(res.json().code, 'invalid_package');
    assert.ok(
      res.json().issues.some((i: { path: string }) => i.path === 'department'),
      res.body,
    );
  });

  it('refuses a comment body over its limit with 413 before reading it', async () => {
    const res = await send(
      {
        method: 'POST',
        url: `/api/revisions/${firstRevision}/comments`,
        body: { text: '长'.repeat(40_000) },
      },
      logins.reviewerA,
    );
    assert.equal(res.statusCode, 413, res.body);
    assert.equal(res.json().code, 'payload_too_large');
  });

  it('compares the two revisions: the one changed fact in 分', async () => {
    const res = await send(
      { method: 'GET', url: `/api/revisions/${firstRevision}/compare/${second}` },
      logins.reviewerA,
    );
    assert.equal(res.statusCode, 200, res.body);
    const { changed, added, removed } = res.json().facts;
    assert.deepEqual([added.length, removed.length], [0, 0]);
    assert.deepEqual(changed, [{ key: 'income source=gpb', before: '940490000', after: '940500000' }]);
  });

  it('restores revision 1 as revision 3 and loads it back as the same package', async () => {
    const restored = await send(
      { method: 'POST', url: `/api/revisions/${firstRevision}/restore?base=${second}` },
      logins.fillerA,
    );
    assert.equal(restored.statusCode, 201, restored.body);
    assert.equal(restored.json().revision.revision, 3);
    assert.equal(restored.json().revision.restoredFrom, firstRevision);
    const loaded = await send(
      { method: 'GET', url: `/api/revisions/${restored.json().revision.id}/package` },
      logins.fillerA,
    );
    assert.equal(loaded.json().facts.income['source=gpb'], JSON.parse(sampleText).facts.income['source=gpb']);
    const list = await send({ method: 'GET', url: `${dy()}/revisions` }, logins.admin);
    assert.deepEqual(
      list.json().map((r: { revision: number }) => r.revision),
      [1, 2, 3],
    );
  });
});

describe('workspace API: from 填报中 to 已公开', () => {
  it('explains, submits, is returned, submits again, is accepted, publishes; the log has every step', async () => {
    const dy = `/api/departments/${departmentA.id}/years/2024`;
    const list = await send({ method: 'GET', url: `${dy}/revisions` }, logins.fillerA);
    const latest = list.json().at(-1).id as number;
    const step = async (as: Actor, body: object, status = 200) => {
      const res = await send(
        { method: 'POST', url: `${dy}/workflow`, body: { revisionId: latest, ...body } },
        logins[as],
      );
      assert.equal(res.statusCode, status, res.body);
      return res.json();
    };
    const explained = await send(
      {
        method: 'PUT',
        url: `/api/revisions/${latest}/explanations`,
        body: { findingId: 'T-02@T01', rule: 'T-02', place: '公开01表 第27行', text: '医保基金划转' },
      },
      logins.fillerA,
    );
    assert.equal(explained.statusCode, 200, explained.body);
    const checked = await send({ method: 'POST', url: `/api/revisions/${latest}/check` }, logins.fillerA);
    assert.equal(checked.json().blockers.refusal, null);
    assert.equal(checked.json().findings[0].explained, '医保基金划转');
    assert.equal((await step('fillerA', { to: 'submitted' })).label, '已提交');
    const noComment = await step('reviewerA', { to: 'returned' }, 422);
    assert.match(noComment.message, /须写明退回意见/);
    assert.equal((await step('reviewerA', { to: 'returned', comment: '请补充说明' })).label, '已退回');
    assert.equal((await step('fillerA', { to: 'submitted' })).label, '已提交');
    assert.equal((await step('reviewerA', { to: 'accepted' })).label, '已审核');
    const published = await send(
      { method: 'POST', url: `${dy}/publication`, body: { revisionId: latest } },
      logins.fillerA,
    );
    assert.equal(published.statusCode, 200, published.body);
    assert.equal(published.json().status.label, '已公开');
    assert.deepEqual(
      published.json().files.map((f: { format: string }) => f.format),
      ['docx', 'xlsx'],
    );

    const log = await send({ method: 'GET', url: `${dy}/workflow/log` }, logins.reviewerA);
    assert.deepEqual(
      log.json().map((e: { from: string; to: string; actor: string }) => `${e.actor} ${e.from}→${e.to}`),
      [
        'fillerA drafting→submitted',
        'reviewerA submitted→returned',
        'fillerA returned→submitted',
        'reviewerA submitted→accepted',
        'fillerA accepted→published',
      ],
    );
    assert.equal(log.json()[1].comment, '请补充说明');
    const again = await step('fillerA', { to: 'drafting' }, 409);
    assert.equal(again.code, 'invalid-transition');

    const frozen = await send({ method: 'GET', url: `${dy}/publication/docx` }, logins.reviewerA);
    assert.equal(frozen.statusCode, 200);
    assert.equal(
      frozen.headers['content-type'],
      'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
    );
    assert.match(
      String(frozen.headers['content-disposition']),
      new RegExp(`filename\\*=UTF-8''${encodeURIComponent(`${DEPARTMENT_A}2024年度部门决算.docx`)}`),
    );
    const sha = createHash('sha256').update(frozen.rawPayload).digest('hex');
    assert.equal(sha, published.json().files[0].sha256);
    const xml = await (await JSZip.loadAsync(frozen.rawPayload)).file('word/document.xml')!.async('string');
    assert.ok(xml.includes(DEPARTMENT_A), 'the department name is in word/document.xml');
  });
});
