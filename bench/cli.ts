// `juesuan` as a user runs it, whole process: `--help`, `--version`, `check` of the Jingdezhen
// package and `audit` of its 32-page PDF (made once by LibreOffice, see pdf-cache.ts). Each command
// runs N times in turn (interleaved, so load changes hit every command alike); prints the median and
// fastest wall time, the median CPU time (user + system: on a loaded machine the wall time mostly
// measures the wait for a core) and the largest peak RSS (from /usr/bin/time), and the load.
// `--bin <path>` times another checkout's bin (e.g. a worktree of an older commit) for a before/after
// in the same conditions; give it twice to interleave both.
//   npx tsx bench/cli.ts [rounds=7] [--bin path/to/juesuan.mjs …]
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { loadavg } from 'node:os';
import { join } from 'node:path';
import { displayWidth } from '@juesuan/core/width';
import { EXAMPLES_DIR, REPO_ROOT } from '@juesuan/data';
import { pdfOf } from './pdf-cache';

const args = process.argv.slice(2);
const bins: string[] = [];
for (let i = args.indexOf('--bin'); i >= 0; i = args.indexOf('--bin'))
  bins.push(...args.splice(i, 2).slice(1));
if (bins.length === 0) bins.push(join(REPO_ROOT, 'packages/cli/bin/juesuan.mjs'));
const rounds = Number(args[0] ?? 7);
const pkg = join(EXAMPLES_DIR, 'jingdezhen-2024.json');
const commands: Record<string, string[]> = {
  '--help': ['--help'],
  '--version': ['--version'],
  'check 景德镇': ['check', pkg, '--no-info'],
  'audit 景德镇 PDF（32 页）': ['audit', pdfOf(pkg)],
};
const TIME = '/usr/bin/time';

interface Sample {
  seconds: number;
  cpuSeconds?: number;
  rssKb?: number;
}

function run(bin: string, argv: string[]): Sample {
  const timed = existsSync(TIME);
  const start = performance.now();
  const result = timed
    ? spawnSync(TIME, ['-f', '%M %U %S', process.execPath, bin, ...argv], {
        encoding: 'utf8',
        maxBuffer: 1 << 28,
      })
    : spawnSync(process.execPath, [bin, ...argv], { encoding: 'utf8', maxBuffer: 1 << 28 });
  const seconds = (performance.now() - start) / 1000;
  if (!timed) return { seconds };
  const [rssKb, user, system] = result.stderr.trim().split('\n').at(-1)!.split(' ').map(Number);
  return { seconds, cpuSeconds: user! + system!, rssKb: rssKb! };
}

const samples = new Map<string, Sample[]>();
const started = loadavg();
for (let round = 0; round < rounds; round++) {
  for (const bin of bins) {
    for (const [name, argv] of Object.entries(commands)) {
      const key = `${bin}\t${name}`;
      samples.set(key, [...(samples.get(key) ?? []), run(bin, argv)]);
    }
  }
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
console.log(
  `Node ${process.version}，${rounds} 轮交替运行；负载 开始 ${started.map((x) => x.toFixed(1)).join(' ')}，结束 ${loadavg()
    .map((x) => x.toFixed(1))
    .join(' ')}`,
);
for (const bin of bins) {
  console.log(bin);
  for (const name of Object.keys(commands)) {
    const list = samples.get(`${bin}\t${name}`)!;
    const rss = list.map((s) => s.rssKb ?? 0);
    const cpu = list.map((s) => s.cpuSeconds ?? 0);
    console.log(
      `  ${name}${' '.repeat(Math.max(1, 26 - displayWidth(name)))}中位数 ${median(list.map((s) => s.seconds)).toFixed(3)} s，最快 ${Math.min(...list.map((s) => s.seconds)).toFixed(3)} s，CPU 中位数 ${median(cpu).toFixed(2)} s，最高 RSS ${Math.round(Math.max(...rss) / 1024)} MB`,
    );
  }
}
