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
  memoryLimitMb: number;
  deadlineSeconds: number;
}

export function parseBatchLimits(options: BatchOptionValues): BatchLimits {
  return {
    jobs: options.jobs === undefined ? availableParallelism() : positiveInteger('--jobs', options.jobs),
    memoryLimitMb: positiveInteger('--max-memory', options.maxMemory),
    deadlineSeconds: positiveInteger('--timeout', options.timeout),
  };
}

function positiveInteger(option: string, value: string): number {
  const n = Number(value);
  if (!/^\d+$/.test(value.trim()) || !Number.isSafeInteger(n) || n < 1) {
    throw new UsageError(`${option} 应为正整数，实际为 “${value}”`);
  }
  return n;
}
