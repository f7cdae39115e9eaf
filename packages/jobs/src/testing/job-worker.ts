/** Job kinds for the queue's tests, and the worker thread that runs them. */
import { setTimeout as sleep } from 'node:timers/promises';
import { isMainThread } from 'node:worker_threads';
import { z } from 'zod';
import { defineJobKind, serveJobs } from '../kinds';

export const FIXTURE_KINDS = {
  double: defineJobKind({
    name: 'double',
    title: '翻倍',
    payload: z.object({ value: z.number(), pauseMs: z.number().default(0) }),
    retryLimit: 0,
    retryDelaySeconds: 0,
    async run({ value, pauseMs }, context) {
      context.progress(50, `已算一半：${value}`);
      await sleep(pauseMs);
      return { doubled: value * 2 };
    },
  }),
  /** Fails its first runs, then succeeds: a handler with a passing fault. */
  flaky: defineJobKind({
    name: 'flaky',
    title: '前几次失败',
    payload: z.object({ succeedOnAttempt: z.number().int() }),
    retryLimit: 2,
    retryDelaySeconds: 0.05,
    async run({ succeedOnAttempt }, context) {
      if (context.attempt < succeedOnAttempt) throw new Error(`第 ${context.attempt} 次运行失败`);
      return { attempt: context.attempt };
    },
  }),
  wait: defineJobKind({
    name: 'wait',
    title: '等待',
    payload: z.object({ ms: z.number() }),
    retryLimit: 1,
    retryDelaySeconds: 0,
    async run({ ms }, context) {
      context.progress(10, '开始等待');
      await sleep(ms);
      return { waited: ms };
    },
  }),
};

if (!isMainThread) serveJobs(FIXTURE_KINDS);
