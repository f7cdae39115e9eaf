/** A file of a batch that produced nothing, why, and what that means for the exit code. */

import type { Settled } from '@juesuan/jobs/pool';
import { EXIT } from '../output';

/**
 * `unusable`: the input itself (a file the reader refuses, a package with errors); `memory` and
 * `deadline`: the limits of the batch; `internal`: juesuan failed on it.
 */
export type FailureKind = 'unusable' | 'memory' | 'deadline' | 'internal';

export interface BatchFailure {
  file: string;
  message: string;
  cause: FailureKind;
}

/** The summary's status words for a failure; `unusable` is the command's own (无法读取, 数据包有误). */
export function failureStatus(cause: FailureKind, unusable: string): string {
  return { unusable, memory: '内存超限', deadline: '超时', internal: '内部错误' }[cause];
}

/** A task the pool could not finish: over a limit, or juesuan's own error (a thrown exception, a crash). */
export function poolFailure(file: string, result: Extract<Settled<unknown>, { ok: false }>): BatchFailure {
  if (result.cause === 'memory' || result.cause === 'deadline') {
    return { file, message: result.reason, cause: result.cause };
  }
  return { file, message: `juesuan 处理时出错：${result.reason}`, cause: 'internal' };
}

/** A file juesuan failed on outweighs one it could not use, which outweighs findings in the data. */
export function batchExitCode(failures: readonly BatchFailure[], findings: boolean): number {
  if (failures.some((f) => f.cause === 'internal')) return EXIT.internal;
  if (failures.length) return EXIT.unusable;
  return findings ? EXIT.findings : EXIT.ok;
}
