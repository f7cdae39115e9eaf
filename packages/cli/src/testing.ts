/** Runs the real `juesuan` command the way a user does, for the CLI tests. */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';

export const REPO_ROOT = fileURLToPath(new URL('../../../', import.meta.url));
const BIN = fileURLToPath(new URL('../bin/juesuan.mjs', import.meta.url));

export interface CommandResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

/**
 * `juesuan <args…>` from the repository root, without colour, through the bin: the compiled build in
 * packages/cli/dist, rebuilt first when a source changed (build.test.ts compares it with the sources).
 */
export function runJuesuan(...args: string[]): CommandResult {
  const result = spawnSync(process.execPath, [BIN, ...args], {
    cwd: REPO_ROOT,
    encoding: 'utf8',
    env: { ...process.env, NO_COLOR: '1' },
    // audit --format json carries every recognised table: several MB.
    maxBuffer: 256 * 1024 * 1024,
  });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

const findingSchema = z.fromJSONSchema(
  JSON.parse(readFileSync(new URL('../../../schema/finding.schema.json', import.meta.url), 'utf8')),
);

/** Every finding of a command's JSON output is valid under the published schema/finding.schema.json. */
export function assertPublishedFindings(findings: unknown[]): void {
  assert.ok(findings.length > 0, 'the output has findings to validate');
  for (const finding of findings) {
    const result = findingSchema.safeParse(finding);
    assert.ok(result.success, `${JSON.stringify(finding)}\n${result.error?.message}`);
  }
}

/**
 * What `juesuan --help` must not load (a module's URL or source path containing one of these): the
 * engine, readers, renderers and store, and the libraries only they need.
 */
export const HEAVY_MODULES = [
  '/packages/core/src/index.ts',
  '/packages/data/',
  '/packages/readers/',
  '/packages/render/',
  '/packages/store/',
  '/node_modules/zod/',
  '/node_modules/exceljs/',
  '/node_modules/docx/',
  '/node_modules/liquidjs/',
  '/node_modules/parse5/',
  '/node_modules/@electric-sql/',
  '/node_modules/drizzle-orm/',
  '/node_modules/pg/',
];

/** The loaded modules among `paths` that `--help` must not load. */
export function heavyAmong(paths: readonly string[]): string[] {
  return paths.filter((path) => HEAVY_MODULES.some((part) => path.includes(part)));
}

/**
 * The file: URLs a node run (`node …nodeArgs` from the repository root) loads through the ES module
 * loader, recorded by a loader hook that appends each URL to a file as it is loaded. The run must
 * exit with 0.
 */
export function urlsLoadedBy(nodeArgs: readonly string[]): string[] {
  const dir = mkdtempSync(join(tmpdir(), 'juesuan-modules-'));
  try {
    const record = join(dir, 'loaded.txt');
    writeFileSync(record, '');
    writeFileSync(
      join(dir, 'hooks.mjs'),
      `import { appendFileSync } from 'node:fs';
let record;
export function initialize(data) { record = data.record; }
export async function load(url, context, nextLoad) {
  appendFileSync(record, url + '\\n');
  return nextLoad(url, context);
}
`,
    );
    writeFileSync(
      join(dir, 'preload.mjs'),
      `import { register } from 'node:module';
register('./hooks.mjs', import.meta.url, { data: { record: ${JSON.stringify(record)} } });
`,
    );
    const result = spawnSync(process.execPath, ['--import', join(dir, 'preload.mjs'), ...nodeArgs], {
      cwd: REPO_ROOT,
      encoding: 'utf8',
      env: { ...process.env, NO_COLOR: '1' },
    });
    assert.equal(result.status, 0, result.stderr);
    return readFileSync(record, 'utf8')
      .split('\n')
      .filter((url) => url.startsWith('file:'));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
