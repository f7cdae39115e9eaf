/**
 * The batches (`juesuan audit <folder>`, `juesuan report <folder>`) run on the worker pool of
 * @juesuan/jobs (`runPool`), one file a task, with the CLI's own worker entry.
 */

/** The CLI's own worker: the TypeScript source under tsx, or the bundled file beside this chunk. */
export function batchWorkerScript(): URL {
  return import.meta.url.endsWith('.ts')
    ? new URL('./worker.ts', import.meta.url)
    : new URL('./batch-worker.mjs', import.meta.url);
}
