// The read benchmarks' common part: one warm-up read, then `rounds` timed reads of the same bytes,
// with the peak RSS sampled meanwhile.
import type { RawDocument } from '@juesuan/core';
import { readBytes } from '@juesuan/readers';

export interface ReadTimings {
  /** The warm-up read's document. */
  document: RawDocument;
  /** Each round's time in ms, sorted. */
  times: number[];
  median: number;
  peakRss: number;
}

export async function timeReads(bytes: Uint8Array, name: string, rounds: number): Promise<ReadTimings> {
  const document = await readBytes(bytes, name, { timeoutMs: 600_000 });
  const times: number[] = [];
  let peakRss = 0;
  const sample = setInterval(() => (peakRss = Math.max(peakRss, process.memoryUsage.rss())), 10);
  for (let round = 0; round < rounds; round++) {
    const start = performance.now();
    await readBytes(bytes, name, { timeoutMs: 600_000 });
    times.push(performance.now() - start);
  }
  clearInterval(sample);
  peakRss = Math.max(peakRss, process.memoryUsage.rss());
  times.sort((a, b) => a - b);
  return { document, times, median: times[Math.floor(times.length / 2)]!, peakRss };
}
