/**
 * A small pool of worker threads for batches (`juesuan audit <folder>`, `juesuan report <folder>`):
 * one task is one file. A worker runs under a heap limit and each task under a deadline; a worker
 * that runs out of memory, crashes or overruns is replaced and only its file fails, with the reason
 * in Chinese. Results are handed on in input order, and only what the command prints comes back
 * from a worker, so the main thread never holds a read document.
 */
import { availableParallelism } from 'node:os';
import { parentPort, Worker } from 'node:worker_threads';
import { DEFAULT_DEADLINE_SECONDS, DEFAULT_MEMORY_LIMIT_MB } from './limits';

/** Why a task has no result: its own error, or what happened to the worker running it. */
export type FailureCause = 'error' | 'memory' | 'deadline' | 'crash';

export type Settled<R> = { ok: true; value: R } | { ok: false; cause: FailureCause; reason: string };

export interface PoolOptions<T, R> {
  /** Worker threads (default: the cores available). */
  jobs?: number;
  /** Every task in this thread, without limits; by default when `jobs` is 1. */
  inProcess?: boolean;
  /** One task in this thread; the worker script runs the same function through `serveTasks`. */
  run: (task: T) => Promise<R>;
  /** The worker's entry (see `batchWorkerScript`); it must call `serveTasks`. */
  script: URL;
  /** Old-generation heap of each worker, MB. */
  memoryLimitMb?: number;
  /** Young generation of each worker, MB (V8's default when absent). */
  youngGenerationMb?: number;
  /** Longest a worker may spend on one task, seconds. */
  deadlineSeconds?: number;
  /** After each task, in the order they finish (for a progress bar). */
  onSettled?: (done: number, index: number) => void;
  /** Each task's outcome, in input order. */
  onResult: (result: Settled<R>, index: number) => void;
}

/** The CLI's own worker: the TypeScript source under tsx, or the bundled file beside this chunk. */
export function batchWorkerScript(): URL {
  return import.meta.url.endsWith('.ts')
    ? new URL('./worker.ts', import.meta.url)
    : new URL('./batch-worker.mjs', import.meta.url);
}

export async function runPool<T, R>(tasks: readonly T[], options: PoolOptions<T, R>): Promise<void> {
  const deliver = inInputOrder(options.onResult);
  let done = 0;
  const settle = (index: number, result: Settled<R>) => {
    done++;
    options.onSettled?.(done, index);
    deliver(index, result);
  };
  const jobs = options.jobs ?? availableParallelism();
  if (options.inProcess ?? jobs <= 1) {
    for (const [index, task] of tasks.entries()) {
      settle(index, await options.run(task).then(succeeded, (error) => failed('error', messageOf(error))));
    }
    return;
  }
  let next = 0;
  const take = () => (next < tasks.length ? next++ : undefined);
  const workers = Math.min(jobs, tasks.length);
  await Promise.all(Array.from({ length: workers }, () => workerLoop(tasks, take, settle, options)));
}

/** One worker's share: tasks one at a time, the worker replaced after a task it did not survive. */
async function workerLoop<T, R>(
  tasks: readonly T[],
  take: () => number | undefined,
  settle: (index: number, result: Settled<R>) => void,
  options: PoolOptions<T, R>,
): Promise<void> {
  const limits = {
    memoryLimitMb: options.memoryLimitMb ?? DEFAULT_MEMORY_LIMIT_MB,
    deadlineSeconds: options.deadlineSeconds ?? DEFAULT_DEADLINE_SECONDS,
  };
  let worker: Worker | undefined;
  for (let index = take(); index !== undefined; index = take()) {
    if (!worker || exited.has(worker)) {
      worker = startWorker(options.script, {
        maxOldGenerationSizeMb: limits.memoryLimitMb,
        ...(options.youngGenerationMb ? { maxYoungGenerationSizeMb: options.youngGenerationMb } : {}),
      });
    }
    const result = await runOn<R>(worker, tasks[index], limits);
    if (!result.ok && result.cause !== 'error') {
      await worker.terminate();
      worker = undefined;
    }
    settle(index, result);
  }
  await worker?.terminate();
}

/** A worker's word that it has taken up the task just posted. */
const STARTED = { started: true } as const;

/** Workers that have stopped between two tasks (a late error after their last result). */
const exited = new WeakSet<Worker>();

/**
 * Node 20 loads a worker's entry before the loaders of `execArgv --import` are in place, so a
 * TypeScript entry is started by a line that registers tsx in the worker and then imports it.
 */
function startWorker(script: URL, resourceLimits: Worker['resourceLimits']): Worker {
  const worker = script.pathname.endsWith('.ts')
    ? new Worker(
        `import(${JSON.stringify(import.meta.resolve('tsx/esm/api'))}).then(({ register }) => {
  register();
  return import(${JSON.stringify(script.href)});
});`,
        { eval: true, resourceLimits },
      )
    : new Worker(script, { resourceLimits });
  // An error while no task runs belongs to no file (its task already answered): the worker is
  // only marked, and the next task starts a fresh one, instead of the error ending the batch.
  worker.on('error', () => {}).once('exit', () => exited.add(worker));
  return worker;
}

/** The worker's answer to one task, or what became of the worker while it ran. */
function runOn<R>(
  worker: Worker,
  task: unknown,
  limits: { memoryLimitMb: number; deadlineSeconds: number },
): Promise<Settled<R>> {
  return new Promise((resolve) => {
    const finish = (result: Settled<R>) => {
      clearTimeout(timer);
      worker.off('message', onMessage).off('error', onError).off('exit', onExit);
      resolve(result);
    };
    const onMessage = (message: Settled<R> | typeof STARTED) => {
      if ('ok' in message) finish(message);
      else restartTimer();
    };
    const onError = (error: Error & { code?: string }) =>
      finish(
        error.code === 'ERR_WORKER_OUT_OF_MEMORY'
          ? failed('memory', `内存超出上限（${limits.memoryLimitMb} MB）`)
          : failed('crash', `工作线程异常退出：${error.message}`),
      );
    const onExit = (code: number) => finish(failed('crash', `工作线程意外退出（退出码 ${code}）`));
    let timer: NodeJS.Timeout | undefined;
    // The file's time counts from when the worker takes it up, not from a fresh worker's start-up
    // (which the same deadline bounds, until the worker says it has started).
    const restartTimer = () => {
      clearTimeout(timer);
      timer = setTimeout(
        () => finish(failed('deadline', `超过时限 ${limits.deadlineSeconds} 秒`)),
        limits.deadlineSeconds * 1000,
      );
    };
    restartTimer();
    worker.on('message', onMessage).on('error', onError).on('exit', onExit);
    worker.postMessage(task);
  });
}

/** Hands results on in input order, holding back those that finish before an earlier one. */
function inInputOrder<R>(onResult: (result: Settled<R>, index: number) => void) {
  const waiting = new Map<number, Settled<R>>();
  let expected = 0;
  return (index: number, result: Settled<R>) => {
    waiting.set(index, result);
    for (let ready = waiting.get(expected); ready; ready = waiting.get(expected)) {
      waiting.delete(expected);
      onResult(ready, expected++);
    }
  };
}

/**
 * The worker side: runs each task the pool posts and posts back its result, or its error's message
 * (a task's own failure leaves the worker usable for the next one).
 */
export function serveTasks<T, R>(run: (task: T) => Promise<R>): void {
  const port = parentPort;
  if (!port) throw new Error('serveTasks 只能在工作线程中调用');
  port.on('message', async (task: T) => {
    port.postMessage(STARTED);
    let result: Settled<R>;
    try {
      result = succeeded(await run(task));
    } catch (error) {
      result = failed('error', messageOf(error));
    }
    try {
      port.postMessage(result);
    } catch (error) {
      // A result that cannot be copied to the main thread fails its task, not the worker.
      port.postMessage(failed('error', messageOf(error)));
    }
  });
}

function succeeded<R>(value: R): Settled<R> {
  return { ok: true, value };
}

function failed(cause: FailureCause, reason: string): { ok: false; cause: FailureCause; reason: string } {
  return { ok: false, cause, reason };
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
