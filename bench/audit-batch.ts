// 审读一个文件夹的用时（issue 14：100 份约 30 页的 PDF，2 核上目标 ≤ 15 s）：把 bench/audit.ts 缓存的 PDF
// 复制 N 份到临时文件夹，以整个进程计时 `juesuan audit <文件夹>`（含启动、工作线程、打印与汇总），
// 分别用 --jobs 1（本进程内逐个）和 --jobs 2（工作线程池）。每种各跑 R 轮，打印中位数、每份文件的用时
// 和峰值内存（/usr/bin/time 的最大常驻集，含全部工作线程）。机器只有 2 核且与他人共用，请看中位数与负载。
//   npx tsx bench/audit-batch.ts [files=100] [runs=3] [jobs=1,2] [package=examples/jingdezhen-2024.json]
import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { EXAMPLES_DIR, REPO_ROOT } from '@juesuan/data';
import { pdfOf } from './pdf-cache';

const files = Number(process.argv[2] ?? 100);
const runs = Number(process.argv[3] ?? 3);
const jobsList = (process.argv[4] ?? '1,2').split(',').map(Number);
const packageFile = resolve(process.argv[5] ?? join(EXAMPLES_DIR, 'jingdezhen-2024.json'));
const BIN = join(REPO_ROOT, 'packages/cli/bin/juesuan.mjs');

interface Run {
  seconds: number;
  peakRssMb: number;
}

/** One `juesuan audit` of the whole folder; findings (exit 1) are expected, anything else is not. */
function auditFolder(folder: string, jobs: number): Run {
  const timing = join(folder, '..', `time-${jobs}.txt`);
  const result = spawnSync(
    '/usr/bin/time',
    ['-f', '%e %M', '-o', timing, process.execPath, BIN, 'audit', folder, '--jobs', String(jobs)],
    { stdio: ['ignore', 'ignore', 'pipe'], encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } },
  );
  if (result.status !== 0 && result.status !== 1) {
    throw new Error(`juesuan audit 以 ${result.status} 退出：${result.stderr}`);
  }
  const [seconds, kb] = readFileSync(timing, 'utf8').trim().split('\n').at(-1)!.split(' ').map(Number);
  return { seconds: seconds!, peakRssMb: kb! / 1024 };
}

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

const pdf = pdfOf(packageFile);
const work = mkdtempSync(join(tmpdir(), 'juesuan-bench-audit-batch-'));
const folder = join(work, 'pdfs');
mkdirSync(folder);
for (let i = 0; i < files; i++) copyFileSync(pdf, join(folder, `${String(i).padStart(3, '0')}.pdf`));

const load = () =>
  loadavg()
    .map((l) => l.toFixed(2))
    .join(' ');
process.stdout.write(
  `Node ${process.version}，${cpus().length} 核，开始时负载 ${load()}\n${files} 份 ${pdf} 的副本，每种 ${runs} 轮\n`,
);
// Not timed: builds the CLI bundle if a source changed, and warms the file cache.
const warm = mkdtempSync(join(tmpdir(), 'juesuan-bench-audit-warm-'));
copyFileSync(pdf, join(warm, 'warm.pdf'));
auditFolder(warm, 1);
rmSync(warm, { recursive: true, force: true });

for (const jobs of jobsList) {
  const measured = Array.from({ length: runs }, () => auditFolder(folder, jobs));
  const seconds = median(measured.map((r) => r.seconds));
  process.stdout.write(
    `--jobs ${jobs}：中位数 ${seconds.toFixed(1)} s（目标 ≤ 15 s），每份 ${((seconds / files) * 1000).toFixed(0)} ms；` +
      `各轮 ${measured.map((r) => r.seconds.toFixed(1)).join(' / ')} s；峰值内存 ${Math.max(...measured.map((r) => r.peakRssMb)).toFixed(0)} MB；负载 ${load()}\n`,
  );
}
rmSync(work, { recursive: true, force: true });
