/**
 * Standard input for the file argument `-`, read up to a limit. Reading stops as soon as more than
 * the limit has arrived, so a huge or endless stream is refused after at most the limit and one
 * chunk, never after all of it is held in memory.
 */
import { readSync } from 'node:fs';

const CHUNK_BYTES = 64 * 1024;

/** The bytes of standard input, or undefined when it holds more than `limit` bytes. */
export function readStdinUpTo(limit: number, fd = 0): Buffer | undefined {
  const chunks: Buffer[] = [];
  let total = 0;
  for (;;) {
    const chunk = Buffer.allocUnsafe(CHUNK_BYTES);
    const read = readChunk(fd, chunk);
    if (read === 0) break;
    total += read;
    if (total > limit) return undefined;
    chunks.push(chunk.subarray(0, read));
  }
  return Buffer.concat(chunks, total);
}

function readChunk(fd: number, chunk: Buffer): number {
  for (;;) {
    try {
      return readSync(fd, chunk, 0, chunk.length, null);
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      if (code === 'EOF') return 0;
      // A non-blocking pipe or terminal with nothing yet: wait a moment for the writer.
      if (code !== 'EAGAIN') throw error;
      Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 10);
    }
  }
}
