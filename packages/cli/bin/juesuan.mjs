#!/usr/bin/env node
// Runs the compiled CLI in ../dist (scripts/build-cli.ts), rebuilding it first when a source changed
// since, so a stale build never runs and there is no build step to forget. Whether anything changed
// is a stat of each recorded input against the stamp: a few milliseconds, no TypeScript loaded.
import { readFileSync, statSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('../../../', import.meta.url));
const STAMP = new URL('../dist/build-stamp.json', import.meta.url);

if (process.env.JUESUAN_DEBUG === '1') process.setSourceMapsEnabled(true);

if (buildMatchesStamp() || (await rebuilt())) await import('../dist/main.mjs');

/** Every input recorded in the stamp still has the size and mtime it had when the build was made. */
function buildMatchesStamp() {
  let stamp;
  try {
    stamp = JSON.parse(readFileSync(STAMP, 'utf8'));
  } catch {
    return false;
  }
  return stamp.stats.every(([path, mtimeMs, size]) => {
    const now = statSync(ROOT + path, { throwIfNoEntry: false });
    return now !== undefined && now.mtimeMs === mtimeMs && now.size === size;
  });
}

/**
 * Brings dist up to date through tsx and the build script; when that cannot be done (esbuild
 * missing or failing), runs the sources through tsx instead, as juesuan did before it was compiled.
 */
async function rebuilt() {
  const { register } = await import('tsx/esm/api');
  const unregister = register();
  try {
    const { buildIfChanged } = await import('../../../scripts/build-cli.ts');
    await buildIfChanged();
    await unregister();
    return true;
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    process.stderr.write(`juesuan 未能编译，改为直接运行源码：${reason}\n`);
    await import('../src/main.ts');
    return false;
  }
}
