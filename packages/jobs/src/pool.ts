/**
 * A bounded pool of worker threads: the CLI's batches (one file a task) and the job runner (one job
 * a task) run on it. A worker runs under a heap limit and each task under a deadline; a worker that
 * runs out of memory, crashes, overruns or whose task is cancelled is replaced and only its task
 * fails, with the reason in Chinese. Only what a task returns comes back from a worker, so the main
 * thread never holds what the task read.
 */
import { availableParallelism } from 'node:os';
import { parentPort, Worker } from 'node:worker_threads';
import { DEFAULT_DEADLINE_SECONDS, DEFAULT_MEMORY_LIMIT_MB } from './limits';

/** Why a task has no result: its own error, what happened to the worker running it, or a cancel. */
export type FailureCause = 'error' | 'memory' | 'deadline' | 'crash' | 'cancelled';

export type Settled<R> = { ok: true; value: R } | { ok: false; cause: FailureCause; reason: string };

/** A task's way to say how far it is; the value goes to the `onProgress` of its `run`. */
export type ReportProgress = (progress: unknown) => void;

export interface WorkerPoolOptions<T, R> {
  /** Worker threads at most (default: the cores available). */
  size?: number;
  /** Every task in this thread, one after another, without limits; by default when `size` is 1. */
  inProcess?: boolean;
  /**
   * One task in this thread (needed when tasks run in process); the worker script runs the same
   * function through `serveTasks`.
   */
  run?: (task: T, report: ReportProgress) => Promise<R>;
  /** The worker's entry; it must call `serveTasks`. */
  script: URL;
  /** Old-generation heap of each worker, MB. */
  memoryLimitMb?: number;
  /** Young generation of each worker, MB (V8's default when absent). */
  youngGenerationMb?: number;
  /** Longest a worker may spend on one task, seconds. */
  deadlineSeconds?: number;
}

export interface TaskOptions {
  onProgress?: ReportProgress;
  /** Aborting it stops the task's worker; the task settles as `cancelled`. */
  signal?: AbortSignal;
}

interface Limits {
  memoryLimitMb: number;
  deadlineSeconds: number;
}

export class WorkerPool<T, R> {
  readonly #options: WorkerPoolOptions<T, R>;
  readonly #size: number;
  readonly #limits: Limits;
  readonly #idle: Worker[] = [];
  /** Tasks waiting for a free worker, first come first served. */
  readonly #waiting: (() => void)[] = [];
  #busy = 0;
  /** The tail of the in-process tasks, which run one after another. */
  #serial: Promise<unknown> = Promise.resolve();

  constructor(options: WorkerPoolOptions<T, R>) {
    this.#options = options;
    this.#size = Math.max(1, options.size ?? availableParallelism());
    this.#limits = {
      memoryLimitMb: options.memoryLimitMb ?? DEFAULT_MEMORY_LIMIT_MB,
      deadlineSeconds: options.deadlineSeconds ?? DEFAULT_DEADLINE_SECONDS,
    };
  }

  get inProcess(): boolean {
    return this.#options.inProcess ?? this.#size <= 1;
  }

  run(task: T, options: TaskOptions = {}): Promise<Settled<R>> {
    if (this.inProcess) return this.#runHere(task, options);
    return this.#runOnWorker(task, options);
  }

  /** Stops the idle workers; call it once every task has settled. */
  async close(): Promise<void> {
    await Promise.all(this.#idle.splice(0).map((worker) => worker.terminate()));
  }

  /** A task in this thread cannot be stopped: a cancel only settles it early. */
  #runHere(task: T, options: TaskOptions): Promise<Settled<R>> {
    const { run } = this.#options;
    if (!run) throw new Error('工作池设为在本线程运行任务，却没有给出 run');
    const report = options.onProgress ?? (() => {});
    const result = this.#serial.then(() =>
      options.signal?.aborted
        ? cancelled()
        : run(task, report).then(succeeded, (error) => failed('error', messageOf(error))),
    );
    this.#serial = result;
    if (!options.signal) return result;
    const signal = options.signal;
    return Promise.race([
      result,
      new Promise<Settled<R>>((resolve) => onAbort(signal, () => resolve(cancelled()))),
    ]);
  }

  async #runOnWorker(task: T, options: TaskOptions): Promise<Settled<R>> {
    await this.#acquire();
    const worker = this.#takeWorker();
    try {
      const result = await runOn<R>(worker, task, this.#limits, options);
      if (!result.ok && result.cause !== 'error') await worker.terminate();
      else this.#idle.push(worker);
      return result;
    } finally {
      this.#release();
    }
  }

  #takeWorker(): Worker {
    for (let worker = this.#idle.pop(); worker; worker = this.#idle.pop()) {
      if (!exited.has(worker)) return worker;
    }
    return startWorker(this.#options.script, {
      maxOldGenerationSizeMb: this.#limits.memoryLimitMb,
      ...(this.#options.youngGenerationMb
        ? { maxYoungGenerationSizeMb: this.#options.youngGenerationMb }
        : {}),
    });
  }

  #acquire(): Promise<void> {
    if (this.#busy < this.#size) {
      this.#busy++;
      return Promise.resolve();
    }
    return new Promise((resolve) => this.#waiting.push(resolve));
  }

  /** A freed worker passes straight to the next waiting task. */
  #release(): void {
    const next = this.#waiting.shift();
    if (next) next();
    else this.#busy--;
  }
}

export interface PoolOptions<T, R> extends Omit<WorkerPoolOptions<T, R>, 'size'> {
  /** Worker threads (default: the cores available). */
  jobs?: number;
  /** After each task, in the order they finish (for a progress bar). */
  onSettled?: (done: number, index: number) => void;
  /** Each task's outcome, in input order. */
  onResult: (result: Settled<R>, index: number) => void;
}

/** Runs a fixed list of tasks (a batch's files) and hands their results on in input order. */
export async function runPool<T, R>(tasks: readonly T[], options: PoolOptions<T, R>): Promise<void> {
  const deliver = inInputOrder(options.onResult);
  const jobs = options.jobs ?? availableParallelism();
  const pool = new WorkerPool<T, R>({
    ...options,
    size: Math.min(jobs, tasks.length),
    inProcess: options.inProcess ?? jobs <= 1,
  });
  let done = 0;
  try {
    await Promise.all(
      tasks.map(async (task, index) => {
        const result = await pool.run(task);
        done++;
        options.onSettled?.(done, index);
        deliver(index, result);
      }),
    );
  } finally {
    await pool.close();
  }
}

/** A worker's word that it has taken up the task just posted. */
const STARTED = { started: true } as const;

type WorkerMessage<R> = Settled<R> | typeof STARTED | { progress: unknown };

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
  // An error while no task runs belongs to no task (its task already answered): the worker is
  // only marked, and the next task starts a fresh one, instead of the error ending the batch.
  worker.on('error', () => {}).once('exit', () => exited.add(worker));
  return worker;
}

/** The worker's answer to one task, or what became of the worker (or the task) while it ran. */
function runOn<R>(worker: Worker, task: unknown, limits: Limits, options: TaskOptions): Promise<Settled<R>> {
  return new Promise((resolve) => {
    const finish = (result: Settled<R>) => {
      clearTimeout(timer);
      worker.off('message', onMessage).off('error', onError).off('exit', onExit);
      options.signal?.removeEventListener('abort', onCancel);
      resolve(result);
    };
    const onMessage = (message: WorkerMessage<R>) => {
      if ('ok' in message) finish(message);
      else if ('progress' in message) options.onProgress?.(message.progress);
      else restartTimer();
    };
    const onError = (error: Error & { code?: string }) =>
      finish(
        error.code === 'ERR_WORKER_OUT_OF_MEMORY'
          ? failed('memory', `内存超出上限（${limits.memoryLimitMb} MB）`)
          : failed('crash', `工作线程异常退出：${error.message}`),
      );
    const onExit = (code: number) => finish(failed('crash', `工作线程意外退出（退出码 ${code}）`));
    const onCancel = () => finish(cancelled());
    let timer: NodeJS.Timeout | undefined;
    // The task's time counts from when the worker takes it up, not from a fresh worker's start-up
    // (which the same deadline bounds, until the worker says it has started).
    const restartTimer = () => {
      clearTimeout(timer);
      timer = setTimeout(
        () => finish(failed('deadline', `超过时限 ${limits.deadlineSeconds} 秒`)),
        limits.deadlineSeconds * 1000,
      );
    };
    if (options.signal?.aborted) return resolve(cancelled());
    restartTimer();
    worker.on('message', onMessage).on('error', onError).on('exit', onExit);
    options.signal?.addEventListener('abort', onCancel, { once: true });
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
export function serveTasks<T, R>(run: (task: T, report: ReportProgress) => Promise<R>): void {
  const port = parentPort;
  if (!port) throw new Error('serveTasks 只能在工作线程中调用');
  const report: ReportProgress = (progress) => port.postMessage({ progress });
  port.on('message', async (task: T) => {
    port.postMessage(STARTED);
    let result: Settled<R>;
    try {
      result = succeeded(await run(task, report));
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

function onAbort(signal: AbortSignal, listener: () => void): void {
  if (signal.aborted) listener();
  else signal.addEventListener('abort', listener, { once: true });
}

function succeeded<R>(value: R): Settled<R> {
  return { ok: true, value };
}

function failed(cause: FailureCause, reason: string): { ok: false; cause: FailureCause; reason: string } {
  return { ok: false, cause, reason };
}

function cancelled(): { ok: false; cause: FailureCause; reason: string } {
  return failed('cancelled', '任务已取消');
}

export function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
