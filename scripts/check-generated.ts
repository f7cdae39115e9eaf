// Fails when a committed generated file differs from what its generator writes now.
import { readFileSync } from 'node:fs';
import { packageJsonSchemaDocument } from '@juesuan/core';

const path = new URL('../schema/package.schema.json', import.meta.url);
const expected = `${JSON.stringify(packageJsonSchemaDocument(), null, 2)}\n`;
if (readFileSync(path, 'utf8') !== expected) {
  process.stderr.write('schema/package.schema.json 已过期：请运行 npx tsx scripts/build-schema.ts\n');
  process.exit(1);
}
