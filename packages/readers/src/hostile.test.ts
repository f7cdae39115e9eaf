/**
 * Every hostile case of testing/hostile-files.ts read as an upload is: in a worker thread under a
 * heap limit and a time limit, so a case that runs away fails its test instead of taking the test
 * run down (the worker is replaced after it). Each must end in a document or a ReadError whose
 * message is Chinese, names the file and carries no stack, within its budget.
 */
import assert from 'node:assert/strict';
import { after, describe, it } from 'node:test';
import { Worker } from 'node:worker_threads';
import { crc32, inflateRawSync, inflateSync } from 'node:zlib';
import { deflateRuns, HOSTILE_CASES, zlibWrapped } from './testing/hostile-files';

/**
 * Generous against the 2 s for a whole `juesuan audit`, which bench/hostile.ts measures:
 * these tests share a loaded machine, and what they catch runs for tens of seconds.
 */
const READ_BUDGET_MS = 15_000;
/** The memory target for one file. */
const HEAP_LIMIT_MB = 300;

/**
 * Cases that fail today, with what they do; each stays a test, reported as todo until fixed.
 */
const KNOWN_FAILURES: Record<string, string> = {};

/**
 * PDFs whose pages cost MuPDF more CPU time than a page may (it gives no count of the bytes its
 * streams inflate to): refused once the limit is passed, long before the deadline.
 */
const PDF_ENGINE_CPU_BOMBS = new Set(['pdf-inflate-4gb', 'pdf-path-1gb', 'pdf-500-pages-8mb']);
/** Refused after the page limit's half second of MuPDF's CPU: 10 s leaves a loaded machine a wide margin. */
const CPU_BOMB_BUDGET_MS = 10_000;

/** What became of one read. */
type Outcome =
  | { kind: 'read'; ms: number; blocks: number; warnings: string[] }
  | { kind: 'refused'; ms: number; code: string; message: string }
  | { kind: 'crashed'; ms: number; error: string }
  | { kind: 'out-of-memory' | 'over-time'; ms: number };

/**
 * The worker: builds the case it is sent (not timed), then reads it. Node 20 starts an eval
 * worker before `--import` loaders apply, so it registers tsx itself.
 */
const WORKER = `
const { parentPort, workerData } = require('node:worker_threads');
const ready = import(workerData.tsx).then(async ({ register }) => {
  register();
  return [await import(workerData.cases), await import(workerData.readers)];
});
parentPort.on('message', async (id) => {
  const [{ HOSTILE_CASES }, { readBytes, ReadError }] = await ready;
  const hostile = HOSTILE_CASES.find((c) => c.id === id);
  const bytes = hostile.build();
  parentPort.postMessage({ started: true });
  const start = performance.now();
  const ms = () => Math.round(performance.now() - start);
  try {
    const doc = await readBytes(bytes, hostile.name, { timeoutMs: workerData.budget });
    parentPort.postMessage({ kind: 'read', ms: ms(), blocks: doc.blocks.length, warnings: doc.warnings });
  } catch (error) {
    parentPort.postMessage(
      error instanceof ReadError
        ? { kind: 'refused', ms: ms(), code: error.code, message: error.message }
        : { kind: 'crashed', ms: ms(), error: String((error && error.stack) || error) },
    );
  }
});`;

class HostileReader {
  private worker: Worker | undefined;

  /** Reads one case; a worker that ran out of memory or time is ended and the next read starts a new one. */
  read(id: string): Promise<Outcome> {
    const worker = this.start();
    return new Promise<Outcome>((resolve) => {
      let start = 0;
      let timer: NodeJS.Timeout | undefined;
      const elapsed = () => Math.round(start ? performance.now() - start : 0);
      const settle = (outcome: Outcome) => {
        clearTimeout(timer);
        worker.removeAllListeners('message').removeAllListeners('error');
        if (outcome.kind !== 'read' && outcome.kind !== 'refused') this.close();
        resolve(outcome);
      };
      worker.on('message', (message: Outcome | { started: true }) => {
        if (!('started' in message)) return settle(message);
        start = performance.now();
        // The read's own deadline, the second its backstop allows, and a little more.
        timer = setTimeout(() => settle({ kind: 'over-time', ms: elapsed() }), READ_BUDGET_MS + 3_000);
      });
      worker.on('error', (error: NodeJS.ErrnoException) =>
        settle(
          error.code === 'ERR_WORKER_OUT_OF_MEMORY'
            ? { kind: 'out-of-memory', ms: elapsed() }
            : { kind: 'crashed', ms: elapsed(), error: String(error.stack ?? error) },
        ),
      );
      worker.postMessage(id);
    });
  }

  close(): void {
    void this.worker?.terminate();
    this.worker = undefined;
  }

  private start(): Worker {
    this.worker ??= new Worker(WORKER, {
      eval: true,
      workerData: {
        budget: READ_BUDGET_MS,
        tsx: import.meta.resolve('tsx/esm/api'),
        cases: import.meta.resolve('./testing/hostile-files'),
        readers: import.meta.resolve('./index'),
      },
      resourceLimits: { maxOldGenerationSizeMb: HEAP_LIMIT_MB },
    });
    return this.worker;
  }
}

describe('the hostile generators make what they claim', () => {
  it('a repeated run inflates to its size, CRC-32 and (zlib-wrapped) Adler-32', () => {
    const runs = [
      { unit: 'BT /F1 10 Tf 72 720 Td (1.00) Tj ET\n', times: 3 },
      { unit: Buffer.alloc(70_000, 0x20), times: 37 },
    ];
    const deflated = deflateRuns(runs);
    const raw = inflateRawSync(deflated.bytes);
    assert.equal(raw.length, deflated.size);
    assert.equal(raw.length, 3 * 36 + 37 * 70_000);
    assert.equal(crc32(raw), deflated.crc);
    // zlib checks the Adler-32 trailer itself.
    assert.deepEqual(inflateSync(zlibWrapped(deflated)), raw);
  });
});

describe('hostile files are read or refused with a Chinese message, within the budget', () => {
  const reader = new HostileReader();
  after(() => reader.close());
  for (const hostile of HOSTILE_CASES) {
    it(`${hostile.what} (${hostile.name})`, { todo: KNOWN_FAILURES[hostile.id] }, async (t) => {
      const outcome = await reader.read(hostile.id);
      t.diagnostic(`${outcome.kind} in ${outcome.ms} ms`);
      const summary = JSON.stringify(outcome).slice(0, 600);
      assert.ok(outcome.kind === 'read' || outcome.kind === 'refused', summary);
      assert.ok(outcome.ms <= READ_BUDGET_MS, `${outcome.ms} ms > ${READ_BUDGET_MS} ms: ${summary}`);
      if (outcome.kind === 'refused') {
        assert.ok(outcome.message.includes(`“${hostile.name}”`), summary);
        assert.match(outcome.message, /[\u4e00-\u9fff]/);
        assert.doesNotMatch(outcome.message, /\n\s*at /);
      }
      if (hostile.refusedAs)
        assert.equal(outcome.kind === 'refused' && outcome.code, hostile.refusedAs, summary);
      if (PDF_ENGINE_CPU_BOMBS.has(hostile.id)) {
        assert.equal(outcome.kind === 'refused' && outcome.code, 'over-limit', summary);
        assert.match(JSON.stringify(outcome), /CPU 时间上限（READ_LIMITS\.maxPdf(Page)?CpuSeconds）/);
        assert.ok(outcome.ms < CPU_BOMB_BUDGET_MS, `${outcome.ms} ms ≥ ${CPU_BOMB_BUDGET_MS} ms: ${summary}`);
      }
    });
  }
});
