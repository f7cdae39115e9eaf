/** The batch options of `audit` and `report` (`--jobs`, `--max-memory`, `--timeout`) as pool settings. */
import { availableParallelism } from 'node:os';
import { UsageError } from '../output';

export interface BatchOptionValues {
  jobs?: string;
  maxMemory: string;
  timeout: string;
}

export interface BatchLimits {
  jobs: number;
  /** Files run in this thread, one after another, without a worker's memory limit or deadline. */
  inProcess: boolean;
  memoryLimitMb: number;
  deadlineSeconds: number;
}

export function parseBatchLimits(options: BatchOptionValues): BatchLimits {
  return {
    jobs: options.jobs === undefined ? defaultJobs() : positiveInteger('--jobs', options.jobs),
    inProcess: options.jobs !== undefined && positiveInteger('--jobs', options.jobs) === 1,
    memoryLimitMb: positiveInteger('--max-memory', options.maxMemory),
    deadlineSeconds: positiveInteger('--timeout', options.timeout),
  };
}

/**
 * Workers by default: one core fewer than there are, at least one. Each file's reading runs MuPDF in
 * a child process beside its worker, and V8 collects garbage on helper threads: on 2 cores, 20 PDFs
 * took 5.2 s with one worker's worth of work and 6.7 s with two (measured with --jobs 1 and 2).
 * A worker even when there is only one, so that every file has its memory limit and deadline.
 */
function defaultJobs(): number {
  return Math.max(1, availableParallelism() - 1);
}

export function positiveInteger(option: string, value: string): number {
  const n = Number(value);
  if (!/^\d+$/.test(value.trim()) || !Number.isSafeInteger(n) || n < 1) {
    throw new UsageError(`${option} 应为正整数，实际为 “${value}”`);
  }
  return n;
}
