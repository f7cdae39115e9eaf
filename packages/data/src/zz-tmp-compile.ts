import { readFileSync } from 'node:fs';
import { compileCatalogue } from '@juesuan/core';
import { loadProfile } from './files';
for (const id of ['jiangxi-2024', 'shanghai-2024', 'jiangxi-2020']) {
  const profile = loadProfile(id);
  const json = JSON.parse(readFileSync(`/work/main/profiles/${id}/rules.json`, 'utf8'));
  const c = compileCatalogue(json, { tables: profile.tableDefs });
  console.log(id, c.ok, c.rules.length);
  for (const e of c.errors) console.log('  ', e.message);
}
