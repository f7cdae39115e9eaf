/**
 * The assertion of the limit tests: a read refused with the over-limit ReadError for one limit of
 * READ_LIMITS, its message starting with the file's name. Returns how long the refusal took, which
 * a test bounds generously as a guard against doing the work before the limit.
 */
import assert from 'node:assert/strict';
import { ReadError, type ReadLimit } from '../errors';

/**
 * The bound on the time of a limit test: a guard, not a benchmark. Each case took a minute or more
 * (or ran out of memory) when the work was done before the limit; on an idle machine it takes well
 * under a second, and the bound leaves room for a machine shared by several test runs.
 */
export const GUARD_MS = 10_000;

export async function refusedOverLimit(
  read: () => Promise<unknown>,
  name: string,
  limit: ReadLimit,
  pattern: RegExp,
): Promise<number> {
  const started = performance.now();
  await assert.rejects(read, (error: unknown) => {
    assert.ok(error instanceof ReadError, String(error));
    assert.equal(error.code, 'over-limit', error.message);
    assert.equal(error.limit, limit, error.message);
    assert.ok(error.message.startsWith(`“${name}”`), error.message);
    assert.match(error.message, pattern);
    return true;
  });
  return performance.now() - started;
}
