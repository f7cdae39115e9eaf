// A bureau's season as jobs: N synthetic departments, each checked and documented (DOCX + XLSX
// written to a temporary folder) by a `department-documents` job, run by 1 and then 2 `juesuan
// worker` processes (one job at a time each) sharing the queue on PostgreSQL. Each round starts its
// workers, warms each one's thread with a job, then times the N jobs from the first start to the
// last completion as the database recorded them. Rounds alternate 1 and 2 workers, so load changes
// hit both alike; prints departments/s (median of the rounds) for each, the ratio and the load.
// PostgreSQL is DATABASE_URL, or a throwaway cluster started here as scripts/test-store-postgres.sh
// does (needs the Debian package postgresql).
//   npx tsx bench/season.ts [departments=200] [rounds=1]
import { execFileSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { chmodSync, existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { writePackage } from '@juesuan/core';
import { generatePackages } from '@juesuan/core/testing';
import { loadCatalog } from '@juesuan/data';
import { connectPostgres, JobQueue } from '@juesuan/jobs';
import { CLI_JOB_KINDS } from '../packages/cli/src/commands/worker-kinds';
import { startWorkerProcess } from '../packages/cli/src/commands/worker-process';

const departments = Number(process.argv[2] ?? 200);
const rounds = Number(process.argv[3] ?? 1);
const WORKER_COUNTS = [1, 2] as const;
const SEED = 2024;

/** A PostgreSQL cluster in a temporary folder, on a Unix socket there; `stop` removes it. */
function throwawayCluster(): { url: string; stop: () => void } {
  const bin = readdirSync('/usr/lib/postgresql', { withFileTypes: true })
    .map((d) => join('/usr/lib/postgresql', d.name, 'bin'))
    .filter((dir) => existsSync(join(dir, 'initdb')))
    .sort()
    .at(-1);
  if (!bin) throw new Error('未找到 PostgreSQL（initdb）：请设置 DATABASE_URL 或安装 Debian 包 postgresql');
  const work = mkdtempSync(join(tmpdir(), 'juesuan-season-'));
  // initdb refuses to run as root: as root the cluster belongs to the postgres system user.
  const asOwner = process.getuid?.() === 0 ? ['runuser', '-u', 'postgres', '--'] : [];
  if (asOwner.length) execFileSync('chown', ['postgres', work]);
  chmodSync(work, 0o700);
  const run = (program: string, args: string[]) =>
    asOwner.length
      ? execFileSync(asOwner[0]!, [...asOwner.slice(1), join(bin, program), ...args], { stdio: 'ignore' })
      : execFileSync(join(bin, program), args, { stdio: 'ignore' });
  const data = join(work, 'data');
  run('initdb', ['-D', data, '-U', 'juesuan', '--auth=trust', '-E', 'UTF8', '--locale=C.UTF-8']);
  const options = `-c listen_addresses='' -k ${work} -c fsync=off -c max_connections=50`;
  run('pg_ctl', ['-D', data, '-l', join(work, 'server.log'), '-w', '-o', options, 'start']);
  return {
    url: `postgresql://juesuan@localhost/postgres?host=${work}`,
    stop: () => {
      run('pg_ctl', ['-D', data, '-m', 'immediate', 'stop']);
      rmSync(work, { recursive: true, force: true });
    },
  };
}

async function untilDone(queue: JobQueue, group: string, count: number): Promise<void> {
  for (;;) {
    const counts = await queue.counts(group);
    if (counts.failed || counts.cancelled) throw new Error(`有任务失败：${JSON.stringify(counts)}`);
    if (counts.completed === count) return;
    await sleep(100);
  }
}

const cluster = process.env.DATABASE_URL ? undefined : throwawayCluster();
const url = process.env.DATABASE_URL ?? cluster!.url;
const db = connectPostgres(url);
const output = mkdtempSync(join(tmpdir(), 'juesuan-season-out-'));
function median(values: readonly number[]): number {
  const sorted = values.toSorted((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}

/** One round: `workers` processes take the season's jobs; departments per second as the database timed them. */
async function season(queue: JobQueue, packages: readonly unknown[], workers: number): Promise<number> {
  const processes = await Promise.all(
    Array.from({ length: workers }, () => startWorkerProcess(url, ['--concurrency', '1'])),
  );
  try {
    const warmUp = randomUUID();
    for (const json of packages.slice(0, workers)) {
      await queue.enqueue('department-documents', { package: json }, { group: warmUp });
    }
    await untilDone(queue, warmUp, workers);
    const group = randomUUID();
    for (const json of packages)
      await queue.enqueue('department-documents', { package: json, output }, { group });
    await untilDone(queue, group, packages.length);
    const statuses = await queue.list({ group, limit: packages.length });
    const first = Math.min(...statuses.map((s) => s.startedAt!.getTime()));
    const last = Math.max(...statuses.map((s) => s.finishedAt!.getTime()));
    return packages.length / ((last - first) / 1000);
  } finally {
    for (const worker of processes) worker.child.kill('SIGTERM');
    await Promise.all(processes.map((w) => w.exited));
  }
}

try {
  const queue = await JobQueue.open(db, CLI_JOB_KINDS);
  const packages = [...generatePackages(departments, SEED, loadCatalog())].map((pkg) => writePackage(pkg));
  const loadBefore = loadavg();
  const rates = new Map<number, number[]>(WORKER_COUNTS.map((n) => [n, []]));
  for (let round = 0; round < rounds; round++) {
    for (const workers of WORKER_COUNTS) {
      const rate = await season(queue, packages, workers);
      rates.get(workers)!.push(rate);
      process.stdout.write(`第 ${round + 1} 轮 ${workers} 个 worker 进程：${rate.toFixed(2)} 个部门/秒\n`);
    }
  }
  const one = median(rates.get(1)!);
  const two = median(rates.get(2)!);
  const load = (l: number[]) => l.map((x) => x.toFixed(2)).join(' ');
  process.stdout.write(
    `${departments} 个部门（审核 + DOCX + XLSX），${rounds} 轮中位数：` +
      `1 个 worker ${one.toFixed(2)} 个部门/秒，2 个 worker ${two.toFixed(2)} 个部门/秒，比值 ${(two / one).toFixed(2)}\n` +
      `Node ${process.version}，${cpus().length} 核，负载 开始 ${load(loadBefore)} / 结束 ${load(loadavg())}\n`,
  );
} finally {
  await db.end();
  rmSync(output, { recursive: true, force: true });
  cluster?.stop();
}
