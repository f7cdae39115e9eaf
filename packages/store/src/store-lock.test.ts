/**
 * The embedded store shared by several processes: one at a time holds it (a lock beside the
 * directory), a second waits and then is told it is in use, saves from processes started at the
 * same moment are all there afterwards, and a store being made when its process dies leaves
 * nothing half-made behind.
 */
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { openStore, StoreError } from './store';

const SAVE_LOOP = fileURLToPath(new URL('./testing/save-loop.ts', import.meta.url));
const root = mkdtempSync(join(tmpdir(), 'juesuan-store-lock-'));
after(() => rmSync(root, { recursive: true, force: true }));

/** Runs save-loop.ts; resolves with the lines it printed once it exits with 0. */
function saveLoop(dir: string, department: string, count: number): Promise<string[]> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', SAVE_LOOP, dir, department, String(count)]);
    let out = '';
    let err = '';
    child.stdout.on('data', (d) => (out += d));
    child.stderr.on('data', (d) => (err += d));
    child.on('close', (code) =>
      code === 0 ? resolve(out.trim().split('\n')) : reject(new Error(`exit ${code}: ${err}`)),
    );
  });
}

// PGlite only: under DATABASE_URL (scripts/test-store-postgres.sh) the store is PostgreSQL's, and
// these run in the main suite anyway.
describe('the embedded store across processes', { skip: process.env.DATABASE_URL !== undefined }, () => {
  it('a second opener waits, then is told the store is in use; once closed it opens', async () => {
    const dir = join(root, 'held');
    const first = await openStore({ dir });
    try {
      const started = Date.now();
      await assert.rejects(openStore({ dir, lockWaitMs: 600 }), (error: unknown) => {
        assert.ok(error instanceof StoreError);
        assert.match(error.message, /正被另一个 juesuan 进程使用，等了 1 秒仍未释放/);
        assert.ok(error.message.includes(dir));
        return true;
      });
      assert.ok(Date.now() - started >= 500, 'it waited before giving up');
    } finally {
      await first.close();
    }
    const second = await openStore({ dir, lockWaitMs: 600 });
    await second.close();
  });

  it('every save two processes report from the same moment is in the store afterwards', async () => {
    const dir = join(root, 'shared');
    const rounds = 3;
    const [a, b] = await Promise.all([saveLoop(dir, '甲单位', rounds), saveLoop(dir, '乙单位', rounds)]);
    const reported = [...a, ...b].sort();
    assert.deepEqual(
      reported,
      [...[1, 2, 3].map((r) => `saved 乙单位 ${r}`), ...[1, 2, 3].map((r) => `saved 甲单位 ${r}`)].sort(),
    );
    const store = await openStore({ dir });
    try {
      const stored = (await store.listRevisions()).map((r) => `saved ${r.department} ${r.revision}`).sort();
      assert.deepEqual(stored, reported);
    } finally {
      await store.close();
    }
  });

  it('a store whose making was cut off leaves nothing behind, and the next open makes it whole', async () => {
    const parent = join(root, 'cut');
    mkdirSync(join(parent, 'store.creating-99999'), { recursive: true });
    const dir = join(parent, 'store');
    const store = await openStore({ dir });
    await store.close();
    assert.deepEqual(
      readdirSync(parent).filter((n) => n.includes('.creating-')),
      [],
    );
    assert.ok(existsSync(join(dir, 'PG_VERSION')));
  });
});
