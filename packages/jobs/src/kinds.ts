/**
 * A kind of job as its caller registers it: the payload's schema (checked when a job is enqueued
 * and again where it runs), how often it is retried, and the handler. The handler runs where the
 * runner puts it (a worker thread, or this thread) and only returns its result: the runner stores
 * it with the job's completion.
 */
import type { z } from 'zod';
import { serveTasks } from './pool';

export interface JobContext {
  jobId: string;
  /** 1 for the first run, 2 for the first retry, … */
  attempt: number;
  /** How far the job is: 0–100 and one line in Chinese for whoever watches it. */
  progress(percent: number, statusLine: string): void;
}

export interface JobKind<P = unknown, R = unknown> {
  name: string;
  /** Shown with the kind in messages, e.g. 审核数据包. */
  title: string;
  payload: z.ZodType<P>;
  /** Automatic retries after a failed run (0: none). */
  retryLimit: number;
  /** The wait before the first retry; each later retry waits twice as long as the one before. */
  retryDelaySeconds: number;
  run(payload: P, context: JobContext): Promise<R>;
}

/** Identity, for the payload type to be inferred from the schema. */
export function defineJobKind<P, R>(kind: JobKind<P, R>): JobKind<P, R> {
  return kind;
}

// biome-ignore lint/suspicious/noExplicitAny: a registry holds kinds of every payload and result type
export type AnyJobKind = JobKind<any, any>;

export type JobKinds = Readonly<Record<string, AnyJobKind>>;

/** A claimed job as it crosses to the thread that runs it. */
export interface JobTask {
  jobId: string;
  kind: string;
  payload: unknown;
  attempt: number;
}

/** What a handler reports, as it crosses back from its thread. */
export interface JobProgress {
  percent: number;
  statusLine: string;
}

export class JobPayloadError extends Error {
  override name = 'JobPayloadError';
}

/** The payload as the kind's schema reads it, or a JobPayloadError naming each field at fault. */
export function parsePayload<P>(kind: JobKind<P>, payload: unknown): P {
  const parsed = kind.payload.safeParse(payload);
  if (parsed.success) return parsed.data;
  const issues = parsed.error.issues.map((i) => `${i.path.join('.') || '（整体）'}：${i.message}`);
  throw new JobPayloadError(`任务“${kind.title}”（${kind.name}）的参数不符合要求：${issues.join('；')}`);
}

export function kindOf(kinds: JobKinds, name: string): AnyJobKind {
  const kind = kinds[name];
  if (!kind)
    throw new Error(`未注册的任务类型 “${name}”（已注册：${Object.keys(kinds).join('、') || '无'}）`);
  return kind;
}

/** Runs one task with its kind's handler: the function a worker thread serves, or this thread runs. */
export function jobTaskRunner(kinds: JobKinds) {
  return async (task: JobTask, report: (progress: JobProgress) => void): Promise<unknown> => {
    const kind = kindOf(kinds, task.kind);
    return kind.run(parsePayload(kind, task.payload), {
      jobId: task.jobId,
      attempt: task.attempt,
      progress: (percent, statusLine) => report({ percent, statusLine }),
    });
  };
}

/** The entry of a worker thread that runs jobs of these kinds for a runner's pool. */
export function serveJobs(kinds: JobKinds): void {
  serveTasks(jobTaskRunner(kinds));
}
