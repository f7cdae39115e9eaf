import { listProfiles, loadProfile } from '@juesuan/data';
import { parseFormat, printJson } from '../output';

export function runProfiles(options: { format: string }) {
  const profiles = listProfiles().map(loadProfile);
  if (parseFormat(options.format) === 'json') {
    printJson(
      profiles.map((p) => ({
        id: p.id,
        name: p.name,
        region: p.region,
        year: p.year,
        amounts: p.amounts,
        tables: p.tableDefs.map((t) => ({ id: t.id, number: t.number, title: t.title })),
      })),
    );
    return;
  }
  for (const p of profiles) {
    process.stdout.write(`${p.id}  ${p.name}（${p.region} ${p.year} 年，金额单位 ${p.amounts.unit}）\n`);
    for (const t of p.tableDefs) process.stdout.write(`  ${t.id}  ${t.number}  ${t.title}\n`);
  }
}
