// Fails when a committed generated file differs from what its generator writes now.
import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { packageJsonSchemaDocument } from '@juesuan/core';

const path = new URL('../schema/package.schema.json', import.meta.url);
const expected = `${JSON.stringify(packageJsonSchemaDocument(), null, 2)}\n`;
if (readFileSync(path, 'utf8') !== expected) {
  process.stderr.write('schema/package.schema.json 已过期：请运行 npx tsx scripts/build-schema.ts\n');
  process.exit(1);
}

// The store's migrations: drizzle-kit, run on a copy of packages/store/drizzle, must find nothing
// to add (a forgotten `npm run generate -w @juesuan/store` would leave the schema unmigrated).
const storeDir = fileURLToPath(new URL('../packages/store/', import.meta.url));
const copy = mkdtempSync(join(tmpdir(), 'juesuan-migrations-'));
try {
  cpSync(join(storeDir, 'drizzle'), copy, { recursive: true });
  const before = readdirSync(copy).length;
  const kit = spawnSync(
    process.execPath,
    [
      join(storeDir, '../../node_modules/drizzle-kit/bin.cjs'),
      'generate',
      '--dialect=postgresql',
      '--schema=./src/schema.ts',
      // drizzle-kit reads --out relative to the working directory only.
      `--out=${relative(storeDir, copy)}`,
    ],
    { cwd: storeDir, encoding: 'utf8' },
  );
  // drizzle-kit exits 0 even when it fails, so success is its own words and no new file.
  if (!/No schema changes/.test(kit.stdout) || readdirSync(copy).length !== before) {
    process.stderr.write(
      `packages/store/drizzle 的迁移已过期：请运行 npm run generate -w @juesuan/store\n${kit.stdout}${kit.stderr}`,
    );
    process.exit(1);
  }
} finally {
  rmSync(copy, { recursive: true, force: true });
}
