// 审核 throughput: check N synthetic packages (default 10,000) against jiangxi-2024 on one core.
// Packages are streamed: generated in chunks of 100, untimed, and each chunk checked (once per round)
// before the next is made, so memory stays that of one chunk whatever N is. Every package of a round
// is distinct, so nothing checked can be reused for the next package. The timed part is checkPackage
// (table views + every rule + classification checks). Prints the median of the rounds, packages/s,
// rules/s, ms/package, the CPU time of the rounds, peak RSS, the heap one check allocates and the load.
//   npx tsx bench/check.ts [packages=10000] [rounds=3]

import { Session } from 'node:inspector';
import { loadavg } from 'node:os';
import { checkPackage, type DataPackage } from '@juesuan/core';
import { generatePackages } from '@juesuan/core/testing';
import { loadCatalog, loadProfile, loadRules } from '@juesuan/data';

const count = Number(process.argv[2] ?? 10_000);
const rounds = Number(process.argv[3] ?? 3);
const CHUNK = 100;
const SEED = 2024;
const catalog = loadCatalog();
const profile = loadProfile('jiangxi-2024');
const rules = loadRules(profile);
const context = { profile, catalog, rules };
const loadBefore = loadavg();

// Warm-up on packages of another seed so the JIT and the per-profile caches settle before timing.
for (const pkg of generatePackages(50, SEED + 1, catalog)) checkPackage(pkg, context);

interface Rounds {
  /** Checking time of each round, in seconds. */
  seconds: number[];
  /** CPU time of each round's checking, in seconds: steadier than the wall clock on a loaded machine. */
  cpuSeconds: number[];
  generateSeconds: number;
  errors: number;
}

/**
 * Every round checks the same packages, a chunk at a time: the chunk is generated once (generating
 * costs far more than checking) and each round checks its own fresh copy of it, so that no round
 * can find anything an earlier one left on a package.
 */
function runRounds(): Rounds {
  const packages = generatePackages(count, SEED, catalog);
  const seconds = new Array<number>(rounds).fill(0);
  const cpuSeconds = new Array<number>(rounds).fill(0);
  const chunk: DataPackage[] = [];
  let generateMs = 0;
  let errors = 0;
  for (let done = 0; done < count; done += chunk.length) {
    const genStart = performance.now();
    chunk.length = 0;
    for (let next = packages.next(); !next.done; next = packages.next()) {
      chunk.push(next.value);
      if (chunk.length === CHUNK) break;
    }
    generateMs += performance.now() - genStart;
    for (let round = 0; round < rounds; round++) {
      const copies = chunk.map(freshCopy);
      const start = performance.now();
      const cpuStart = process.cpuUsage();
      for (const pkg of copies) errors += checkPackage(pkg, context).summary.counts.error;
      const cpu = process.cpuUsage(cpuStart);
      seconds[round]! += (performance.now() - start) / 1000;
      cpuSeconds[round]! += (cpu.user + cpu.system) / 1e6;
    }
  }
  return { seconds, cpuSeconds, generateSeconds: generateMs / 1000, errors };
}

/** The package with fact sets of its own. */
function freshCopy(pkg: DataPackage): DataPackage {
  return {
    ...pkg,
    facts: pkg.facts.clone(),
    ...(pkg.priorYear ? { priorYear: pkg.priorYear.clone() } : {}),
    units: pkg.units.map((unit) => (unit.facts ? { ...unit, facts: unit.facts.clone() } : unit)),
  };
}

/**
 * Heap bytes one check allocates (its result included), on average over `samples` packages: V8's
 * sampling heap profiler, counting objects the GC has already collected too, estimates every
 * allocation from a sample per 1 KB.
 */
async function allocatedPerCheck(samples: number): Promise<number> {
  const session = new Session();
  session.connect();
  const post = <T>(method: string, params?: object) =>
    new Promise<T>((resolve, reject) =>
      session.post(method, params, (error, result) => (error ? reject(error) : resolve(result as T))),
    );
  const packages = [...generatePackages(samples, SEED + 2, catalog)];
  await post('HeapProfiler.enable');
  await post('HeapProfiler.startSampling', {
    samplingInterval: 1024,
    includeObjectsCollectedByMajorGC: true,
    includeObjectsCollectedByMinorGC: true,
  });
  for (const pkg of packages) checkPackage(pkg, context);
  const { profile: allocations } = await post<{ profile: { head: AllocationNode } }>(
    'HeapProfiler.stopSampling',
  );
  session.disconnect();
  return totalSize(allocations.head) / samples;
}

interface AllocationNode {
  selfSize: number;
  children: AllocationNode[];
}

function totalSize(node: AllocationNode): number {
  let total = node.selfSize;
  for (const child of node.children) total += totalSize(child);
  return total;
}

process.stdout.write(
  `口径 ${profile.id}，规则 ${rules.rules.length} 条；${count} 套不同的合成数据包，每批生成 ${CHUNK} 套（不计时）\n`,
);
const { seconds, cpuSeconds, generateSeconds, errors } = runRounds();
const medianOf = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;
const median = medianOf(seconds);
if (errors > 0) process.stdout.write(`注意：一致的合成数据出现了 ${errors} 个错误\n`);
const loadAfter = loadavg();
const allocated = await allocatedPerCheck(Math.min(count, 200));
process.stdout.write(
  `${count} 套 × ${rounds} 轮，每轮用时 ${seconds.map((t) => t.toFixed(2)).join(' / ')} s；中位数 ${median.toFixed(2)} s：` +
    `${Math.round(count / median)} 套/秒，${Math.round((count * rules.rules.length) / median)} 条规则/秒，` +
    `每套 ${((median * 1000) / count).toFixed(3)} ms\n` +
    `CPU 用时（进程，含垃圾回收线程）每轮 ${cpuSeconds.map((t) => t.toFixed(2)).join(' / ')} s；中位数 ${medianOf(cpuSeconds).toFixed(2)} s\n` +
    `生成用时 ${generateSeconds.toFixed(1)} s（不计入）；` +
    `峰值 RSS ${(process.resourceUsage().maxRSS / 1024).toFixed(0)} MB；每套分配堆内存约 ${(allocated / 1024).toFixed(0)} KB` +
    `\n负载（1/5/15 分钟）开始 ${loadBefore.map((l) => l.toFixed(2)).join(' ')}，结束 ${loadAfter.map((l) => l.toFixed(2)).join(' ')}\n`,
);
