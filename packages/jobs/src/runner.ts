/**
 * Takes jobs from the queue and runs them on a worker pool, at most `concurrency` at once: the loop
 * of `juesuan worker` on PostgreSQL and of the embedded store's in-process jobs alike. The database
 * is only touched from this thread; the pool's threads only compute.
 */
import { hostname } from 'node:os';
import type { JobProgress, JobTask } from './kinds';
import { messageOf, type WorkerPool } from './pool';
import type { ClaimedJob, JobQueue } from './queue';

export type RunnerEvent =
  | { type: 'started' | 'completed' | 'cancelled' | 'released'; job: ClaimedJob }
  /** The run finished but its lease was gone (cancelled or taken over): its result was not stored. */
  | { type: 'discarded'; job: ClaimedJob }
  | { type: 'failed'; job: ClaimedJob; reason: string }
  /** The database failed the runner; a job it held goes back to the queue when its lease runs out. */
  | { type: 'error'; reason: string };

export interface RunnerOptions {
  queue: JobQueue;
  pool: WorkerPool<JobTask, unknown>;
  /** The kinds this runner takes (default: every kind of the queue). */
  kinds?: readonly string[];
  /** Jobs run at once; keep it at most the pool's size. */
  concurrency: number;
  /** Recorded with each job it takes (default host:pid). */
  worker?: string;
  /** A job whose runner has not renewed for this long goes to another (default 30). */
  leaseSeconds?: number;
  /** The wait between looks at an empty queue (default 1). */
  pollSeconds?: number;
  onEvent?: (event: RunnerEvent) => void;
}

interface Running {
  job: ClaimedJob;
  controller: AbortController;
  done: Promise<void>;
}

export class JobRunner {
  readonly #options: RunnerOptions;
  readonly #kinds: readonly string[];
  readonly #worker: string;
  readonly #leaseSeconds: number;
  readonly #pollMs: number;
  readonly #running = new Map<string, Running>();
  #stopping = false;
  #releasing = false;
  #wake: (() => void) | undefined;
  #loop: Promise<void> | undefined;
  #heartbeat: NodeJS.Timeout | undefined;
  #lastSweep = 0;

  constructor(options: RunnerOptions) {
    this.#options = options;
    this.#kinds = options.kinds ?? Object.keys(options.queue.kinds);
    this.#worker = options.worker ?? `${hostname()}:${process.pid}`;
    this.#leaseSeconds = options.leaseSeconds ?? 30;
    this.#pollMs = (options.pollSeconds ?? 1) * 1000;
  }

  start(): this {
    // Renewed three times a lease, so that one slow renewal does not lose a job.
    this.#heartbeat = setInterval(() => void this.#renew(), (this.#leaseSeconds * 1000) / 3);
    this.#loop = this.#takeJobs();
    return this;
  }

  /**
   * Stops taking jobs. `finish`: the jobs running now run to their end; `release`: they are stopped
   * and given back to the queue, without counting as a run, for another worker to take.
   */
  async stop(mode: 'finish' | 'release'): Promise<void> {
    this.#stopping = true;
    if (mode === 'release') {
      this.#releasing = true;
      for (const running of this.#running.values()) running.controller.abort();
    }
    this.#wake?.();
    await this.#loop;
    await Promise.all([...this.#running.values()].map((r) => r.done));
    clearInterval(this.#heartbeat);
  }

  get running(): number {
    return this.#running.size;
  }

  async #takeJobs(): Promise<void> {
    while (!this.#stopping) {
      if (this.#running.size >= this.#options.concurrency) {
        await this.#sleep(this.#leaseSeconds * 1000);
        continue;
      }
      let job: ClaimedJob | undefined;
      try {
        await this.#sweep();
        job = await this.#options.queue.claim(this.#kinds, this.#worker, this.#leaseSeconds);
      } catch (error) {
        this.#emit({ type: 'error', reason: `领取任务时数据库出错：${messageOf(error)}` });
      }
      if (job) this.#launch(job);
      else await this.#sleep(this.#pollMs);
    }
  }

  /** Jobs of dead workers are put back by whichever runner looks first, at most once a poll. */
  async #sweep(): Promise<void> {
    if (Date.now() - this.#lastSweep < this.#pollMs) return;
    this.#lastSweep = Date.now();
    await this.#options.queue.reclaimExpired();
  }

  #launch(job: ClaimedJob): void {
    const controller = new AbortController();
    const done = this.#execute(job, controller.signal)
      .catch((error) =>
        this.#emit({ type: 'error', reason: `任务 ${job.id} 的状态未能写入数据库：${messageOf(error)}` }),
      )
      .finally(() => {
        this.#running.delete(job.lease);
        this.#wake?.();
      });
    this.#running.set(job.lease, { job, controller, done });
  }

  async #execute(job: ClaimedJob, signal: AbortSignal): Promise<void> {
    const { queue, pool } = this.#options;
    this.#emit({ type: 'started', job });
    // Progress is written in the order it was reported, and all of it before the completion.
    let progressWritten = Promise.resolve();
    const onProgress = (progress: unknown) => {
      const { percent, statusLine } = progress as JobProgress;
      progressWritten = progressWritten
        .then(() => queue.progress(job, percent, statusLine))
        .catch((error) =>
          this.#emit({ type: 'error', reason: `任务 ${job.id} 的进度未能写入：${messageOf(error)}` }),
        );
    };
    const task: JobTask = { jobId: job.id, kind: job.kind, payload: job.payload, attempt: job.attempt };
    const settled = await pool.run(task, { signal, onProgress });
    await progressWritten;
    if (settled.ok) {
      this.#emit({ type: (await queue.complete(job, settled.value)) ? 'completed' : 'discarded', job });
    } else if (settled.cause !== 'cancelled') {
      await queue.fail(job, settled.reason);
      this.#emit({ type: 'failed', job, reason: settled.reason });
    } else if (this.#releasing) {
      await queue.release(job);
      this.#emit({ type: 'released', job });
    } else {
      this.#emit({ type: 'cancelled', job });
    }
  }

  async #renew(): Promise<void> {
    const leases = [...this.#running.keys()];
    try {
      for (const lost of await this.#options.queue.renew(leases, this.#leaseSeconds)) {
        this.#running.get(lost)?.controller.abort();
      }
    } catch (error) {
      this.#emit({ type: 'error', reason: `续约任务时数据库出错：${messageOf(error)}` });
    }
  }

  #sleep(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const timer = setTimeout(done, ms);
      function done() {
        clearTimeout(timer);
        resolve();
      }
      this.#wake = done;
    });
  }

  #emit(event: RunnerEvent): void {
    this.#options.onEvent?.(event);
  }
}
