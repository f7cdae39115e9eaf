import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { runPool, type Settled } from './pool';
import { type FixtureTask, runFixtureTask } from './testing/pool-worker';

const script = new URL('./testing/pool-worker.ts', import.meta.url);

async function collect(tasks: FixtureTask[], jobs: number) {
  const results: { index: number; result: Settled<number> }[] = [];
  const finished: number[] = [];
  await runPool(tasks, {
    jobs,
    run: runFixtureTask,
    script,
    memoryLimitMb: 64,
    deadlineSeconds: 5,
    onSettled: (_done, index) => finished.push(index),
    onResult: (result, index) => results.push({ index, result }),
  });
  return { results, finished };
}

describe('the worker pool', () => {
  it('hands results on in input order though a later task finishes first', async () => {
    const tasks: FixtureTask[] = [
      { kind: 'echo', value: 1, delayMs: 2000 },
      { kind: 'echo', value: 2, delayMs: 0 },
      { kind: 'echo', value: 3, delayMs: 0 },
    ];
    const { results, finished } = await collect(tasks, 2);
    assert.deepEqual(
      results.map((r) => [r.index, r.result]),
      [
        [0, { ok: true, value: 2 }],
        [1, { ok: true, value: 4 }],
        [2, { ok: true, value: 6 }],
      ],
    );
    assert.notEqual(finished[0], 0, 'the slow first task is not the first to finish');
  });

  it('reports a task that throws, out of memory or over its deadline, and finishes the others', async () => {
    const tasks: FixtureTask[] = [
      { kind: 'echo', value: 1, delayMs: 0 },
      { kind: 'throw', message: '读取 a.pdf 时出错：文件可能已损坏' },
      { kind: 'allocate' },
      { kind: 'echo', value: 2, delayMs: 0 },
      { kind: 'spin' },
      { kind: 'echo', value: 3, delayMs: 0 },
    ];
    const { results } = await collect(tasks, 2);
    assert.deepEqual(
      results.map((r) => r.result),
      [
        { ok: true, value: 2 },
        { ok: false, cause: 'error', reason: '读取 a.pdf 时出错：文件可能已损坏' },
        { ok: false, cause: 'memory', reason: '内存超出上限（64 MB）' },
        { ok: true, value: 4 },
        { ok: false, cause: 'deadline', reason: '超过时限 5 秒' },
        { ok: true, value: 6 },
      ],
    );
  });

  it('runs in this thread with one job: a throwing task is reported, the next one still runs', async () => {
    const { results } = await collect(
      [
        { kind: 'throw', message: '坏文件' },
        { kind: 'echo', value: 5, delayMs: 0 },
      ],
      1,
    );
    assert.deepEqual(
      results.map((r) => r.result),
      [
        { ok: false, cause: 'error', reason: '坏文件' },
        { ok: true, value: 10 },
      ],
    );
  });
});
