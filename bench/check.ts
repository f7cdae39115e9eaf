// 审核 throughput: check N synthetic packages (default 10,000) against jiangxi-2024 on one core.
// Every package is distinct; generation happens before the clock starts; the timed part is checkPackage (table views + every
// rule + classification checks). Prints packages/s, rules/s and the median of the timed rounds.
//   npx tsx bench/check.ts [packages=10000] [rounds=3]
import { checkPackage, type DataPackage } from '@juesuan/core';
import { generatePackages } from '@juesuan/core/testing';
import { loadCatalog, loadProfile, loadRules } from '@juesuan/data';

const count = Number(process.argv[2] ?? 10_000);
const rounds = Number(process.argv[3] ?? 3);
const catalog = loadCatalog();
const profile = loadProfile('jiangxi-2024');
const rules = loadRules(profile);

const genStart = performance.now();
const packages: DataPackage[] = [...generatePackages(count, 2024, catalog)];
process.stdout.write(
  `生成 ${count} 套不同的合成数据包用时 ${((performance.now() - genStart) / 1000).toFixed(1)} s（不计入）；` +
    `口径 ${profile.id}，规则 ${rules.rules.length} 条\n`,
);

// Warm-up so the JIT and caches settle before timing.
for (const pkg of packages.slice(0, 50)) checkPackage(pkg, { profile, catalog, rules });

const times: number[] = [];
let errors = 0;
for (let round = 0; round < rounds; round++) {
  const start = performance.now();
  for (let i = 0; i < count; i++) {
    const result = checkPackage(packages[i]!, { profile, catalog, rules });
    errors += result.summary.counts.error;
  }
  times.push((performance.now() - start) / 1000);
}
times.sort((a, b) => a - b);
const median = times[Math.floor(times.length / 2)]!;
if (errors > 0) process.stdout.write(`注意：一致的合成数据出现了 ${errors} 个错误\n`);
process.stdout.write(
  `${count} 套 × ${rounds} 轮，每轮用时 ${times.map((t) => t.toFixed(2)).join(' / ')} s；中位数 ${median.toFixed(2)} s：` +
    `${Math.round(count / median)} 套/秒，${Math.round((count * rules.rules.length) / median)} 条规则/秒，` +
    `每套 ${((median * 1000) / count).toFixed(2)} ms\n`,
);
