/** A worker for the pool's tests: tasks that answer, throw, exhaust the heap or never end. */
import { isMainThread } from 'node:worker_threads';
import { serveTasks } from '../pool';

export type FixtureTask =
  | { kind: 'echo'; value: number; delayMs: number }
  | { kind: 'throw'; message: string }
  | { kind: 'allocate' }
  | { kind: 'spin' };

export async function runFixtureTask(task: FixtureTask): Promise<number> {
  switch (task.kind) {
    case 'echo':
      await new Promise((resolve) => setTimeout(resolve, task.delayMs));
      return task.value * 2;
    case 'throw':
      throw new Error(task.message);
    case 'allocate': {
      const hoard: number[][] = [];
      for (;;) hoard.push(Array.from({ length: 100_000 }, (_, i) => i + hoard.length));
    }
    case 'spin':
      for (;;);
  }
}

if (!isMainThread) serveTasks(runFixtureTask);
