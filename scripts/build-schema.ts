// Writes schema/package.schema.json and schema/finding.schema.json from the zod models
// (run: npx tsx scripts/build-schema.ts).
import { writeFileSync } from 'node:fs';
import { findingJsonSchemaDocument, packageJsonSchemaDocument } from '@juesuan/core';

for (const [file, document] of [
  ['package.schema.json', packageJsonSchemaDocument()],
  ['finding.schema.json', findingJsonSchemaDocument()],
] as const) {
  const target = new URL(`../schema/${file}`, import.meta.url);
  writeFileSync(target, `${JSON.stringify(document, null, 2)}\n`);
  process.stdout.write(`wrote ${target.pathname}\n`);
}
