import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { checkPackage, type Finding } from '@juesuan/core';
import { EXAMPLES_DIR, loadCheckContext, REPO_ROOT, readPackageFile } from '@juesuan/data';
import type { FastifyInstance } from 'fastify';
import { buildServer } from './app';

let app: FastifyInstance;
before(async () => {
  app = await buildServer();
});
after(() => app.close());

/** A multipart/form-data body with one file field, as a browser's upload sends it. */
function upload(name: string, bytes: Buffer) {
  const boundary = '----juesuan-test-boundary';
  const head = `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${name}"\r\nContent-Type: application/octet-stream\r\n\r\n`;
  return {
    headers: { 'content-type': `multipart/form-data; boundary=${boundary}` },
    payload: Buffer.concat([Buffer.from(head), bytes, Buffer.from(`\r\n--${boundary}--\r\n`)]),
  };
}

describe('public API: check a package, audit a published file', () => {
  it('answers the health check and lists the profiles with their years', async () => {
    assert.deepEqual((await app.inject({ url: '/api/health' })).json(), { ok: true });
    const profiles = (await app.inject({ url: '/api/profiles' })).json() as { id: string; years: unknown }[];
    const jiangxi = profiles.find((p) => p.id === 'jiangxi-2024');
    assert.ok(jiangxi, 'jiangxi-2024 is listed');
    assert.deepEqual(Object.keys(jiangxi.years as object).sort(), ['from', 'to']);
  });

  it('checks the Jingdezhen package with the same findings as the engine gives it directly', async () => {
    const res = await app.inject({
      method: 'POST',
      url: '/api/check',
      headers: { 'content-type': 'application/json' },
      payload: readFileSync(join(EXAMPLES_DIR, 'jingdezhen-2024.json')),
    });
    assert.equal(res.statusCode, 200, res.body);
    const body = res.json();
    assert.equal(body.department, '景德镇市医疗保障局');
    assert.equal(body.year, 2024);
    const { package: pkg } = readPackageFile(join(EXAMPLES_DIR, 'jingdezhen-2024.json'));
    assert.ok(pkg);
    const direct = checkPackage(pkg, loadCheckContext('jiangxi-2024', 2024));
    assert.deepEqual(
      body.findings.map((f: Finding) => `${f.severity} ${f.id}`),
      direct.findings.map((f) => `${f.severity} ${f.id}`),
    );
    // The package carries the published performance tables' own mistakes (P-R01, P-R22, P-R28).
    assert.equal(body.summary.error, 5);
    assert.equal(body.summary.rulesRun, direct.summary.rulesRun);
  });

  it('refuses a package with a duplicate key, naming both places, and checks nothing', async () => {
    const text = readFileSync(join(EXAMPLES_DIR, 'jingdezhen-2024.json'), 'utf8').replace(
      '"format":',
      '"amounts": {"unit": "元", "decimals": 2}, "format":',
    );
    const res = await app.inject({
      method: 'POST',
      url: '/api/check',
      headers: { 'content-type': 'application/json' },
      payload: text,
    });
    assert.equal(res.statusCode, 422, res.body);
    const body = res.json();
    assert.equal(body.code, 'invalid_package');
    assert.ok(
      body.issues.some(
        (i: { path: string; message: string }) => i.path === 'amounts' && /写了两次/.test(i.message),
      ),
      JSON.stringify(body.issues),
    );
  });

  it('audits the published Jingdezhen text as the CLI does: its one error is T03-05', async () => {
    const text = readFileSync(join(REPO_ROOT, 'packages/data/src/testing/samples/jingdezhen-2024.txt'));
    const res = await app.inject({ method: 'POST', url: '/api/audit', ...upload('景德镇.txt', text) });
    assert.equal(res.statusCode, 200, res.body);
    const body = res.json();
    assert.equal(body.summary.tablesRecognised, body.summary.tablesExpected);
    assert.deepEqual(
      body.findings
        .filter((f: { severity: string }) => f.severity === 'error')
        .map((f: { rule: string }) => f.rule),
      ['T03-05'],
    );
  });

  it('refuses an unreadable upload with the reader’s Chinese message', async () => {
    const res = await app.inject({ method: 'POST', url: '/api/audit', ...upload('空.pdf', Buffer.alloc(0)) });
    assert.equal(res.statusCode, 422, res.body);
    assert.equal(res.json().code, 'unreadable');
    assert.match(res.json().message, /空文件/);
  });

  it('refuses a body that is not multipart, and a route that does not exist, in the same error shape', async () => {
    const wrong = await app.inject({ method: 'POST', url: '/api/audit', payload: { a: 1 } });
    assert.equal(wrong.statusCode, 400, wrong.body);
    assert.deepEqual(Object.keys(wrong.json()).sort(), ['code', 'message', 'status']);
    const missing = await app.inject({ url: '/api/nothing' });
    assert.equal(missing.statusCode, 404);
    assert.equal(missing.json().code, 'not_found');
    assert.match(missing.json().message, /没有这个接口/);
  });

  it('publishes an OpenAPI document with the routes and their schemas', async () => {
    const doc = (await app.inject({ url: '/api/docs' })).json();
    assert.match(doc.openapi, /^3\./);
    assert.ok(doc.paths['/api/check']?.post?.responses?.['200'], 'check response documented');
    assert.ok(doc.paths['/api/audit']?.post, 'audit documented');
  });
});
