/**
 * `juesuan worker`: takes jobs from the queue in PostgreSQL (`DATABASE_URL`) and runs them on its
 * worker threads until SIGINT or SIGTERM. Any number of these, on this machine or others, share the
 * queue; one that dies loses nothing, as its jobs go to the others when its leases run out.
 */
import { availableParallelism } from 'node:os';
import {
  connectPostgres,
  JobQueue,
  JobRunner,
  type JobTask,
  type RunnerEvent,
  WorkerPool,
} from '@juesuan/jobs';
import { positiveInteger } from '../batch/options';
import { batchWorkerScript } from '../batch/pool';
import { color, UsageError } from '../output';
import { CLI_JOB_KINDS } from './worker-kinds';

interface WorkerOptions {
  concurrency?: string;
  lease: string;
  maxMemory: string;
  timeout: string;
}

export async function runWorker(options: WorkerOptions): Promise<void> {
  const url = process.env.DATABASE_URL;
  if (!url) {
    throw new UsageError(
      'juesuan worker 从 PostgreSQL 中的任务队列领取任务：请设置 DATABASE_URL（如 postgresql://用户@主机/库名）',
    );
  }
  const concurrency =
    options.concurrency === undefined
      ? availableParallelism()
      : positiveInteger('--concurrency', options.concurrency);
  const db = connectPostgres(url, concurrency + 2);
  try {
    const queue = await JobQueue.open(db, CLI_JOB_KINDS);
    // Threads even for one job at a time: each job under its memory limit and deadline, and a
    // cancelled one stopped.
    const pool = new WorkerPool<JobTask, unknown>({
      size: concurrency,
      inProcess: false,
      script: batchWorkerScript(),
      memoryLimitMb: positiveInteger('--max-memory', options.maxMemory),
      deadlineSeconds: positiveInteger('--timeout', options.timeout),
    });
    const runner = new JobRunner({
      queue,
      pool,
      concurrency,
      leaseSeconds: positiveInteger('--lease', options.lease),
      onEvent: (event) => process.stdout.write(`${eventLine(event)}\n`),
    }).start();
    process.stderr.write(
      `juesuan worker 已启动（进程 ${process.pid}）：同时运行至多 ${concurrency} 个任务；Ctrl+C 或 SIGTERM 停止\n`,
    );
    await untilStopped(runner);
    await pool.close();
  } finally {
    await db.end();
  }
}

/**
 * The first signal stops taking jobs and lets the running ones finish; a second one gives them
 * back to the queue at once, for another worker to run from the start.
 */
function untilStopped(runner: JobRunner): Promise<void> {
  return new Promise((resolve) => {
    let signals = 0;
    const onSignal = (signal: NodeJS.Signals) => {
      signals++;
      if (signals === 1) {
        process.stderr.write(
          `收到 ${signal}：不再领取新任务，等正在运行的 ${runner.running} 个任务完成后退出（再发一次则退回队列并立即退出）\n`,
        );
        void runner.stop('finish').then(resolve);
      } else {
        process.stderr.write(`再次收到 ${signal}：正在运行的任务退回队列\n`);
        void runner.stop('release').then(resolve);
      }
    };
    process.on('SIGINT', onSignal).on('SIGTERM', onSignal);
  });
}

function eventLine(event: RunnerEvent): string {
  const time = new Date().toISOString();
  if (event.type === 'error') return `${time} ${color.error('出错')} ${event.reason}`;
  const { job } = event;
  const title = CLI_JOB_KINDS[job.kind as keyof typeof CLI_JOB_KINDS]?.title ?? job.kind;
  const what = `${title} ${job.id}（第 ${job.attempt} 次运行）`;
  switch (event.type) {
    case 'started':
      return `${time} 开始 ${what}`;
    case 'completed':
      return `${time} ${color.ok('完成')} ${what}`;
    case 'failed':
      return `${time} ${color.error('失败')} ${what}：${event.reason}`;
    case 'cancelled':
      return `${time} ${color.warning('已取消')} ${what}`;
    case 'released':
      return `${time} ${color.warning('退回队列')} ${what}`;
    case 'discarded':
      return `${time} ${color.warning('结果未保存')} ${what}：任务已被取消或已交给其他进程`;
  }
}
