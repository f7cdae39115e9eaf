/**
 * A child process for the concurrency tests: opens the embedded store at `dir`, saves one new
 * revision of `department`, closes, `count` times, and prints `saved <department> <revision>` after
 * each save reported as done.
 *   node --import tsx save-loop.ts <dir> <department> <count>
 */
import { parsePackageJson } from '@juesuan/core';
import { openStore } from '../store';

const [dir, department, count] = process.argv.slice(2);
for (let i = 1; i <= Number(count); i++) {
  const { package: pkg, issues } = parsePackageJson({
    format: 'juesuan.package/1',
    department: { name: department, year: 2030, profile: 'jiangxi-2024' },
    amounts: { unit: '元', decimals: 2 },
    facts: { income: { '': `${i}00.00` }, expense: { '': `${i}00.00` } },
  });
  if (!pkg) throw new Error(JSON.stringify(issues));
  const store = await openStore({ dir, lockWaitMs: 120_000 });
  try {
    const { revision } = await store.savePackage(pkg);
    process.stdout.write(`saved ${department} ${revision.revision}\n`);
  } finally {
    await store.close();
  }
}
