/**
 * The workspace set up and served from the command line, as an operator does it: departments and
 * users added to an embedded store, then `juesuan serve --data` on a free port, logged into over
 * HTTP and stopped with SIGINT.
 */
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { runJuesuan } from '../testing';

const BIN = fileURLToPath(new URL('../../bin/juesuan.mjs', import.meta.url));
const PASSWORD = '正确的密码-123';

// Each command opens the embedded store (seconds with PGlite), so the steps share one store.
describe('juesuan department add, user add and serve on an embedded store', () => {
  const dir = mkdtempSync(join(tmpdir(), 'juesuan-serve-cli-'));
  const data = join(dir, 'store');
  after(() => rmSync(dir, { recursive: true, force: true }));

  it('adds a 主管部门 and its unit found by the parent code', () => {
    const main = runJuesuan('department', 'add', '甲局', '--code', '101', '--data', data);
    assert.equal(main.code, 0, main.stderr);
    assert.match(main.stdout, /已添加部门 甲局（编号 1，代码 101）/);
    const unit = runJuesuan(
      'department',
      'add',
      '甲局信息中心',
      '--parent',
      '101',
      '--data',
      data,
      '--format',
      'json',
    );
    assert.equal(unit.code, 0, unit.stderr);
    assert.equal(JSON.parse(unit.stdout).parentId, 1);
  });

  it('adds the first admin and a filler of 甲局; refuses an unknown department and a missing password without a terminal', () => {
    const admin = runJuesuan(
      'user',
      'add',
      'admin',
      '--role',
      'admin',
      '--password',
      PASSWORD,
      '--data',
      data,
    );
    assert.equal(admin.code, 0, admin.stderr);
    assert.match(admin.stdout, /已添加用户 admin（编号 1，管理员）/);
    const filler = runJuesuan(
      'user',
      'add',
      'tian',
      '--role',
      'filler',
      '--department',
      '甲局',
      '--password',
      PASSWORD,
      '--data',
      data,
    );
    assert.equal(filler.code, 0, filler.stderr);
    const unknown = runJuesuan(
      'user',
      'add',
      'li',
      '--role',
      'filler',
      '--department',
      '丙局',
      '--password',
      PASSWORD,
      '--data',
      data,
    );
    assert.equal(unknown.code, 2);
    assert.match(unknown.stderr, /没有名称或代码为「丙局」的部门/);
    // spawnSync gives the child a pipe, not a terminal, for its standard input.
    const asked = runJuesuan('user', 'add', 'li', '--role', 'reviewer', '--data', data);
    assert.equal(asked.code, 2);
    assert.match(asked.stderr, /标准输入不是终端，无法询问密码；请用 --password 给出密码/);
  });

  it('serves the workspace on a free port: the filler logs in and sees 甲局 and its unit; SIGINT stops it', async () => {
    const child = spawn(process.execPath, [BIN, 'serve', '--port', '0', '--data', data], {
      env: { ...process.env, NO_COLOR: '1' },
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
    let stderr = '';
    const address = await new Promise<string>((resolve, reject) => {
      child.stderr.setEncoding('utf8').on('data', (chunk: string) => {
        stderr += chunk;
        const started = /服务已启动：(http:\/\/\S+?)（/.exec(stderr);
        if (started) resolve(started[1]!);
      });
      void exited.then((code) => reject(new Error(`juesuan serve 启动失败（退出码 ${code}）：${stderr}`)));
    });
    try {
      const login = await fetch(`${address}/api/session`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ loginName: 'tian', password: PASSWORD }),
      });
      assert.equal(login.status, 200, await login.clone().text());
      const cookie = login.headers.getSetCookie().find((c) => c.startsWith('juesuan_session='));
      assert.ok(cookie);
      assert.match(cookie, /HttpOnly/);
      const departments = await fetch(`${address}/api/departments`, {
        headers: { cookie: cookie.split(';')[0]! },
      });
      assert.deepEqual(
        ((await departments.json()) as { name: string }[]).map((d) => d.name),
        ['甲局', '甲局信息中心'],
      );
      const docs = await fetch(`${address}/api/docs`);
      assert.ok(Object.keys(((await docs.json()) as { paths: object }).paths).includes('/api/session'));
    } finally {
      child.kill('SIGINT');
    }
    assert.equal(await exited, 0, stderr);
    assert.match(stderr, /正在停止服务/);
  });
});
