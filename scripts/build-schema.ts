// Writes schema/package.schema.json from the zod model (run: npx tsx scripts/build-schema.ts).
import { writeFileSync } from 'node:fs';
import { packageJsonSchemaDocument } from '@juesuan/core';

const target = new URL('../schema/package.schema.json', import.meta.url);
writeFileSync(target, `${JSON.stringify(packageJsonSchemaDocument(), null, 2)}\n`);
process.stdout.write(`wrote ${target.pathname}\n`);
