/**
 * `juesuan worker` processes sharing the queue on real PostgreSQL: skipped unless DATABASE_URL is
 * set, as scripts/test-store-postgres.sh does with its throwaway cluster.
 */
import assert from 'node:assert/strict';
import { createHash, randomUUID } from 'node:crypto';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import { writePackage } from '@juesuan/core';
import { generatePackages } from '@juesuan/core/testing';
import { loadCatalog } from '@juesuan/data';
import { connectPostgres, JobQueue, type JobStatus, type PostgresJobDatabase } from '@juesuan/jobs';
import type { WrittenDocument } from './worker-kinds';
import { CLI_JOB_KINDS } from './worker-kinds';
import { startWorkerProcess, type WorkerProcess } from './worker-process';

const url = process.env.DATABASE_URL;
const LEASE_SECONDS = 2;

/** One job at a time, so that which process ran which job is plain. */
const startWorker = () => startWorkerProcess(url!, ['--concurrency', '1', '--lease', String(LEASE_SECONDS)]);

async function until(what: string, check: () => Promise<boolean>, timeoutMs = 120_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) assert.fail(`等待超时：${what}`);
    await sleep(50);
  }
}

const ranBy = (status: JobStatus | undefined, worker: WorkerProcess) =>
  status?.worker?.endsWith(`:${worker.child.pid}`);

describe('juesuan worker processes on PostgreSQL', {
  skip: url === undefined && '未设置 DATABASE_URL',
}, () => {
  let db: PostgresJobDatabase;
  let queue: JobQueue;
  const output = mkdtempSync(join(tmpdir(), 'juesuan-worker-'));
  const packages = [...generatePackages(7, 4242, loadCatalog())].map((pkg) => writePackage(pkg));
  const workers: WorkerProcess[] = [];

  before(async () => {
    db = connectPostgres(url!);
    queue = await JobQueue.open(db, CLI_JOB_KINDS);
  });
  after(async () => {
    for (const worker of workers) worker.child.kill('SIGKILL');
    await db.end();
    rmSync(output, { recursive: true, force: true });
  });

  it('two workers share the queue: every job done once, some by each, and both stop on SIGTERM', async () => {
    const group = randomUUID();
    const pair = await Promise.all([startWorker(), startWorker()]);
    workers.push(...pair);
    const ids = [];
    for (const json of packages.slice(0, 6)) {
      ids.push(await queue.enqueue('check-package', { package: json }, { group }));
    }
    await until('6 个任务完成', async () => (await queue.counts(group)).completed === 6);
    const statuses = await queue.list({ group });
    assert.ok(statuses.every((s) => s.attempts === 1));
    for (const worker of pair)
      assert.ok(
        statuses.some((s) => ranBy(s, worker)),
        `进程 ${worker.child.pid} 未领取任务`,
      );
    const results = (await Promise.all(ids.map((id) => queue.result(id)))) as { department: string }[];
    assert.deepEqual(
      results.map((r) => r.department),
      packages.slice(0, 6).map((p) => p.department.name),
    );
    for (const worker of pair) worker.child.kill('SIGTERM');
    assert.deepEqual(await Promise.all(pair.map((w) => w.exited)), [0, 0]);
  });

  it('a worker killed mid-job: the other runs the job again, and it ends with one whole result', async () => {
    const json = packages[6]!;
    const doomed = await startWorker();
    workers.push(doomed);
    const id = await queue.enqueue('department-documents', { package: json, output });
    // A fresh worker thread loads the checker and the renderers first: seconds in which the job is
    // surely still running when the process is killed.
    await until('任务开始运行', async () => ranBy(await queue.status(id), doomed) === true);
    doomed.child.kill('SIGKILL');
    await doomed.exited;
    assert.equal((await queue.status(id))?.state, 'active', 'the job was still running when its worker died');
    const survivor = await startWorker();
    workers.push(survivor);
    await until('任务完成', async () => (await queue.status(id))?.state === 'completed');
    const status = (await queue.status(id)) as JobStatus;
    assert.equal(status.attempts, 2);
    assert.ok(ranBy(status, survivor));
    const result = (await queue.result(id)) as { department: string; documents: WrittenDocument[] };
    assert.equal(result.department, json.department.name);
    assert.deepEqual(
      result.documents.map((d) => d.file.slice(output.length + 1)),
      [
        `${json.department.name}${json.department.year}年度部门决算.docx`,
        `${json.department.name}${json.department.year}年度部门决算.xlsx`,
      ],
    );
    for (const document of result.documents) {
      const bytes = readFileSync(document.file);
      assert.equal(
        createHash('sha256').update(bytes).digest('hex'),
        document.sha256,
        `${document.file} 与结果一致`,
      );
    }
    const finals = readdirSync(output).filter((name) => !name.startsWith('.'));
    assert.equal(finals.length, 2, `输出目录只有这两个文件：${finals.join('、')}`);
    survivor.child.kill('SIGTERM');
    assert.equal(await survivor.exited, 0);
    assert.match(
      survivor.stdout.join(''),
      new RegExp(`完成 审核并生成部门决算公开文档 ${id}（第 2 次运行）`),
    );
  });
});
