import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import { PGlite } from '@electric-sql/pglite';
import { JobPayloadError, type JobTask, jobTaskRunner } from './kinds';
import { WorkerPool } from './pool';
import { JobQueue, type JobStatus } from './queue';
import { JobRunner, type RunnerEvent } from './runner';
import { FIXTURE_KINDS } from './testing/job-worker';

const script = new URL('./testing/job-worker.ts', import.meta.url);
const LEASE_SECONDS = 0.6;

async function until(what: string, check: () => Promise<boolean>, timeoutMs = 20_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) assert.fail(`等待超时：${what}`);
    await sleep(20);
  }
}

describe('jobs on the embedded database (PGlite)', () => {
  const db = new PGlite();
  const pool = new WorkerPool<JobTask, unknown>({ size: 2, script, memoryLimitMb: 128, deadlineSeconds: 20 });
  const events: RunnerEvent[] = [];
  let queue: JobQueue;
  let runner: JobRunner;
  const stateOf = async (id: string) => (await queue.status(id))?.state;
  const finished = (id: string) => async () =>
    ['completed', 'failed', 'cancelled'].includes((await stateOf(id))!);

  /** The runner of these tests: two jobs at a time on the pool, polling often. */
  const startRunner = (onEvent?: (event: RunnerEvent) => void) =>
    new JobRunner({
      queue,
      pool,
      concurrency: 2,
      leaseSeconds: LEASE_SECONDS,
      pollSeconds: 0.05,
      ...(onEvent ? { onEvent } : {}),
    }).start();

  before(async () => {
    queue = await JobQueue.open(db, FIXTURE_KINDS);
    runner = startRunner((event) => events.push(event));
  });
  after(async () => {
    await runner.stop('finish');
    await pool.close();
    await db.close();
  });

  it('refuses a payload its kind does not accept, saying which field and why', async () => {
    await assert.rejects(queue.enqueue('double', { value: '七' }), (error: Error) => {
      assert.ok(error instanceof JobPayloadError);
      assert.match(error.message, /^任务“翻倍”（double）的参数不符合要求：value：/);
      return true;
    });
    await assert.rejects(queue.enqueue('triple', {}), /未注册的任务类型 “triple”/);
  });

  it('runs a job on a worker thread to its result, with the progress its handler reported on the way', async () => {
    const id = await queue.enqueue('double', { value: 21, pauseMs: 400 }, { group: 'season-1' });
    await until('进度写到一半', async () => (await queue.status(id))?.progress === 50);
    const halfway = (await queue.status(id)) as JobStatus;
    assert.equal(halfway.state, 'active');
    assert.equal(halfway.statusLine, '已算一半：21');
    await until('任务完成', finished(id));
    assert.deepEqual(await queue.result(id), { doubled: 42 });
    const done = (await queue.status(id)) as JobStatus;
    assert.deepEqual(
      [done.state, done.progress, done.attempts, done.group],
      ['completed', 100, 1, 'season-1'],
    );
    assert.deepEqual(await queue.counts('season-1'), {
      queued: 0,
      active: 0,
      completed: 1,
      failed: 0,
      cancelled: 0,
    });
  });

  it('retries a failing handler after a backoff and keeps the result of the run that succeeded', async () => {
    const id = await queue.enqueue('flaky', { succeedOnAttempt: 3 });
    await until('任务完成', finished(id));
    const status = (await queue.status(id)) as JobStatus;
    assert.deepEqual([status.state, status.attempts, status.error], ['completed', 3, null]);
    assert.deepEqual(await queue.result(id), { attempt: 3 });
    const failures = events.filter((e) => e.type === 'failed' && e.job.id === id);
    assert.deepEqual(
      failures.map((e) => e.type === 'failed' && e.reason),
      ['第 1 次运行失败', '第 2 次运行失败'],
    );
  });

  it('fails a job whose retries are spent, and a manual retry runs it once more', async () => {
    const id = await queue.enqueue('flaky', { succeedOnAttempt: 4 });
    await until('任务失败', finished(id));
    let status = (await queue.status(id)) as JobStatus;
    assert.deepEqual([status.state, status.attempts, status.error], ['failed', 3, '第 3 次运行失败']);
    assert.equal(await queue.result(id), undefined);
    assert.equal(await queue.retry(id), true);
    await until('手动重试后完成', finished(id));
    status = (await queue.status(id)) as JobStatus;
    assert.deepEqual([status.state, status.attempts], ['completed', 4]);
    assert.deepEqual(await queue.result(id), { attempt: 4 });
    assert.equal(await queue.retry(id), false, 'a completed job is not retried');
  });

  it('cancels a running job: its worker stops it, it stores no result and is not retried', async () => {
    const id = await queue.enqueue('wait', { ms: 10_000 });
    await until('任务开始', async () => (await stateOf(id)) === 'active');
    assert.equal(await queue.cancel(id), true);
    await until('执行方停止任务', async () => events.some((e) => e.type === 'cancelled' && e.job.id === id));
    await sleep(LEASE_SECONDS * 1000);
    const status = (await queue.status(id)) as JobStatus;
    assert.deepEqual([status.state, status.attempts], ['cancelled', 1]);
    assert.equal(await queue.result(id), undefined);
    assert.equal(await queue.cancel(id), false, 'a cancelled job cannot be cancelled again');
  });

  it('gives the job of a worker that stopped renewing to another run; the late run stores nothing', async () => {
    // A worker takes the job and then falls silent, as one killed mid-job would.
    const id = await queue.enqueue('wait', { ms: 0 });
    await runner.stop('finish');
    const orphan = await queue.claim(['wait'], 'a-dead-worker', 0.1);
    assert.equal(orphan?.id, id);
    await sleep(200);
    assert.equal(await queue.reclaimExpired(), 1);
    const reclaimed = (await queue.status(id)) as JobStatus;
    assert.equal(reclaimed.state, 'queued');
    assert.match(reclaimed.error ?? '', /^执行该任务的进程 a-dead-worker 在 .* 前未续约，视为中断$/);
    runner = startRunner();
    await until('任务由另一执行方完成', finished(id));
    const status = (await queue.status(id)) as JobStatus;
    assert.deepEqual([status.state, status.attempts], ['completed', 2]);
    assert.notEqual(status.worker, 'a-dead-worker');
    assert.deepEqual(await queue.result(id), { waited: 0 });
    assert.equal(await queue.complete(orphan!, { waited: -1 }), false, 'the lost lease cannot complete it');
    assert.deepEqual(await queue.result(id), { waited: 0 });
  });

  it('a runner stopped with release gives its running job back to the queue uncounted', async () => {
    const id = await queue.enqueue('wait', { ms: 10_000 });
    await until('任务开始', async () => (await stateOf(id)) === 'active');
    await runner.stop('release');
    const status = (await queue.status(id)) as JobStatus;
    assert.deepEqual(
      [status.state, status.attempts, status.statusLine],
      ['queued', 0, '已退回队列（执行进程停止）'],
    );
    assert.equal(await queue.cancel(id), true);
    runner = new JobRunner({ queue, pool, concurrency: 2, pollSeconds: 0.05 }).start();
  });

  it('runs jobs in this thread too, with their retries and results', async () => {
    await runner.stop('finish');
    const inThisThread = new WorkerPool<JobTask, unknown>({
      size: 1,
      script,
      run: jobTaskRunner(FIXTURE_KINDS),
    });
    assert.equal(inThisThread.inProcess, true);
    runner = new JobRunner({ queue, pool: inThisThread, concurrency: 1, pollSeconds: 0.05 }).start();
    const id = await queue.enqueue('flaky', { succeedOnAttempt: 2 });
    await until('任务完成', finished(id));
    assert.deepEqual([await stateOf(id), await queue.result(id)], ['completed', { attempt: 2 }]);
  });
});
