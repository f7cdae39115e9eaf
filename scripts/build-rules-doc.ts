// Writes the rules block of README.md and docs/rules-catalogue.md from the rule registry
// (run: npx tsx scripts/build-rules-doc.ts).
import { readFileSync, writeFileSync } from 'node:fs';
import { loadRuleRegistry } from '@juesuan/data';
import { catalogueMarkdown, readmeBlock, withReadmeBlock } from './rules-doc';

const registry = loadRuleRegistry();
const readme = new URL('../README.md', import.meta.url);
writeFileSync(readme, withReadmeBlock(readFileSync(readme, 'utf8'), readmeBlock(registry)));
const catalogue = new URL('../docs/rules-catalogue.md', import.meta.url);
writeFileSync(catalogue, catalogueMarkdown(registry));
process.stdout.write(`wrote ${readme.pathname} (rules block), ${catalogue.pathname}\n`);
