// Fails when a committed generated file differs from what its generator writes now.
import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { findingJsonSchemaDocument, packageJsonSchemaDocument } from '@juesuan/core';
import { loadRuleRegistry } from '@juesuan/data';
import { catalogueMarkdown, readmeBlock, withReadmeBlock } from './rules-doc';

for (const [file, document] of [
  ['package.schema.json', packageJsonSchemaDocument()],
  ['finding.schema.json', findingJsonSchemaDocument()],
] as const) {
  const path = new URL(`../schema/${file}`, import.meta.url);
  if (readFileSync(path, 'utf8') !== `${JSON.stringify(document, null, 2)}\n`) {
    process.stderr.write(`schema/${file} 已过期：请运行 npx tsx scripts/build-schema.ts\n`);
    process.exit(1);
  }
}

// The rules block of README.md and docs/rules-catalogue.md, from the rule registry.
const registry = loadRuleRegistry();
const readmeText = readFileSync(new URL('../README.md', import.meta.url), 'utf8');
const catalogueText = readFileSync(new URL('../docs/rules-catalogue.md', import.meta.url), 'utf8');
if (
  withReadmeBlock(readmeText, readmeBlock(registry)) !== readmeText ||
  catalogueMarkdown(registry) !== catalogueText
) {
  process.stderr.write(
    'README.md 的规则目录或 docs/rules-catalogue.md 已过期：请运行 npx tsx scripts/build-rules-doc.ts\n',
  );
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
