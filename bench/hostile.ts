// 恶意与超大输入的整进程表现（issue 15）：packages/readers/src/testing/hostile-files.ts 的每个用例写成文件，
// 以 `juesuan audit <文件>` 整个进程计时（/usr/bin/time：耗时与最高常驻内存，含 MuPDF 子进程以外的全部线程），
// 打印一张表：用例、结果（读出并审读，或提示信息的开头）、秒（中位数）、峰值 MB、stderr 行数、是否达标
// （每个文件 ≤ 2 s、≤ 300 MB，退出码 0/1/2，无堆栈，命令结束后不留进程）；另加“一次调用审读 200 份小 DOCX”
// （目标 ≤ 10 s）。每个用例跑 R 轮取中位数；第一轮已超过 30 s 的不再重复。机器与他人共用，请看负载。
// JUESUAN_BENCH_BEFORE=<另一份检出（装好依赖）> 时，每个用例在那份代码与本仓库上交替运行，两行对照。
//   npx tsx bench/hostile.ts [rounds=3] [用例 id 前缀…]
import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { displayWidth } from '@juesuan/core/width';
import { REPO_ROOT } from '@juesuan/data';
import {
  HOSTILE_CASES,
  leftRunning,
  RUN_MARK,
  smallDocx,
} from '../packages/readers/src/testing/hostile-files';

const rounds = Number(process.argv[2] ?? 3);
const only = process.argv.slice(3);
/** The checkouts measured, rounds interleaved: the one named to compare with, then this one. */
const CHECKOUTS = process.env.JUESUAN_BENCH_BEFORE
  ? [
      { label: '之前', root: process.env.JUESUAN_BENCH_BEFORE },
      { label: '现在', root: REPO_ROOT },
    ]
  : [{ label: '', root: REPO_ROOT }];
/** A case still running after this is killed with its whole process group and reported as such. */
const KILL_AFTER_S = 180;
/** A first round this slow is far over target already; more rounds would only cost minutes. */
const REPEAT_UNDER_S = 30;
const TARGET = { seconds: 2, megabytes: 300 };
const BATCH_TARGET_S = 10;

interface Run {
  seconds: number;
  megabytes: number;
  exit: number | null;
  killed: boolean;
  stdoutBytes: number;
  /** The first 64 KB of each stream. */
  stdout: string;
  stderr: string;
  survivors: string[];
}

/** One `juesuan audit <target>` of the checkout at `root` as a user runs it, in its own process group. */
function audit(target: string, work: string, root: string): Promise<Run> {
  const timing = join(work, 'time.txt');
  const mark = `${process.pid}-${Date.now()}`;
  const bin = join(root, 'packages/cli/bin/juesuan.mjs');
  const child = spawn(
    '/usr/bin/time',
    ['-f', '%e %M', '-o', timing, process.execPath, bin, 'audit', target],
    {
      cwd: root,
      detached: true,
      stdio: ['ignore', 'pipe', 'pipe'],
      env: { ...process.env, NO_COLOR: '1', [RUN_MARK]: mark },
    },
  );
  let stdoutBytes = 0;
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk: Buffer) => {
    stdoutBytes += chunk.length;
    if (stdout.length < 64 * 1024) stdout += chunk.toString('utf8');
  });
  child.stderr.on('data', (chunk: Buffer) => {
    if (stderr.length < 64 * 1024) stderr += chunk.toString('utf8');
  });
  let killed = false;
  const started = performance.now();
  const timer = setTimeout(() => {
    killed = true;
    process.kill(-child.pid!, 'SIGKILL');
  }, KILL_AFTER_S * 1000);
  return new Promise((resolve) => {
    child.on('close', (code) => {
      clearTimeout(timer);
      const survivors = leftRunning(mark);
      for (const { pid } of survivors) process.kill(pid, 'SIGKILL');
      const measured = killed
        ? undefined
        : readFileSync(timing, 'utf8').trim().split('\n').at(-1)!.split(' ');
      resolve({
        seconds: measured ? Number(measured[0]) : (performance.now() - started) / 1000,
        megabytes: measured ? Number(measured[1]) / 1024 : Number.NaN,
        // /usr/bin/time reports the command's own exit code as its own.
        exit: killed ? null : code,
        killed,
        stdoutBytes,
        stdout,
        stderr,
        survivors: survivors.map((s) => `${s.pid} ${s.command.slice(0, 60)}`),
      });
    });
  });
}

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

/**
 * What the user saw: a result, the message's first words (audit prints a file it cannot read among
 * the results, on stdout) or how the command failed.
 */
function outcome(run: Run, work: string): string {
  if (run.killed) return `${KILL_AFTER_S} s 后仍未结束，已终止`;
  const firstLine = (text: string) => text.split('\n').find((l) => l.trim() !== '') ?? '';
  if (/\n\s+at /.test(run.stderr)) return `堆栈！退出码 ${run.exit}：${firstLine(run.stderr).slice(0, 40)}`;
  if (run.exit === 0 || run.exit === 1)
    return `结果（退出码 ${run.exit}，输出 ${Math.ceil(run.stdoutBytes / 1024)} KB）`;
  const message = firstLine(run.stderr || run.stdout)
    .replaceAll(`${work}/`, '')
    .replace(/^无法读取 [^：]*：/, '');
  return `退出码 ${run.exit}：${message.slice(0, 40)}${message.length > 40 ? '…' : ''}`;
}

interface Row {
  name: string;
  checkout: string;
  outcome: string;
  seconds: number;
  megabytes: number;
  stderrLines: number;
  within: boolean;
  survivors: string[];
}

/** A row per checkout, their rounds taken in turn so that both see the same load. */
async function measure(
  name: string,
  target: string,
  work: string,
  limits: { seconds: number; megabytes?: number },
): Promise<Row[]> {
  const runs: Run[][] = CHECKOUTS.map(() => []);
  for (let round = 0; round < rounds; round++) {
    for (const [i, { root }] of CHECKOUTS.entries()) {
      const first = runs[i]![0];
      if (!first || first.seconds < REPEAT_UNDER_S) runs[i]!.push(await audit(target, work, root));
    }
  }
  return CHECKOUTS.map(({ label }, i) => summarise(name, label, runs[i]!, work, limits));
}

function summarise(
  name: string,
  checkout: string,
  runs: readonly Run[],
  work: string,
  limits: { seconds: number; megabytes?: number },
): Row {
  const seconds = median(runs.map((r) => r.seconds));
  const megabytes = Math.max(...runs.map((r) => r.megabytes));
  const last = runs.at(-1)!;
  const clean = runs.every(
    (r) =>
      !r.killed && r.exit !== null && r.exit <= 2 && !/\n\s+at /.test(r.stderr) && r.survivors.length === 0,
  );
  return {
    name,
    checkout,
    outcome: outcome(last, work),
    seconds,
    megabytes,
    stderrLines: last.stderr.split('\n').filter((l) => l.trim() !== '').length,
    within:
      clean && seconds <= limits.seconds && (limits.megabytes === undefined || megabytes <= limits.megabytes),
    survivors: runs.flatMap((r) => r.survivors),
  };
}

function pad(text: string, width: number, right = false): string {
  const fill = ' '.repeat(Math.max(0, width - displayWidth(text)));
  return right ? fill + text : text + fill;
}

function printTable(rows: readonly Row[]): void {
  const header = ['用例', '代码', '结果', '秒', '峰值 MB', 'stderr 行', '达标'];
  const cells = rows.map((r) => [
    r.name,
    r.checkout,
    r.outcome,
    r.seconds.toFixed(1),
    Number.isNaN(r.megabytes) ? '—' : r.megabytes.toFixed(0),
    String(r.stderrLines),
    r.within ? '是' : '否',
  ]);
  const widths = header.map((h, c) =>
    Math.max(displayWidth(h), ...cells.map((row) => displayWidth(row[c]!))),
  );
  const line = (row: string[]) => row.map((cell, c) => pad(cell, widths[c]!, c >= 3 && c <= 5)).join('  ');
  process.stdout.write(`${line(header)}\n${line(widths.map((w) => '-'.repeat(w)))}\n`);
  for (const row of cells) process.stdout.write(`${line(row)}\n`);
  for (const r of rows) {
    if (r.survivors.length) process.stdout.write(`${r.name} 结束后仍在运行：${r.survivors.join('；')}\n`);
  }
}

/** Each case's figures on stderr as they come, the table on stdout at the end: a long run shows where it is. */
function progress(done: readonly Row[]): void {
  for (const r of done) {
    process.stderr.write(
      `${r.name} ${r.checkout}：${r.outcome}，${r.seconds.toFixed(1)} s，${r.megabytes.toFixed(0)} MB，负载 ${load()}\n`,
    );
  }
}

const load = () =>
  loadavg()
    .map((l) => l.toFixed(2))
    .join(' ');
const work = mkdtempSync(join(tmpdir(), 'juesuan-bench-hostile-'));
process.stdout.write(
  `Node ${process.version}，${cpus().length} 核，开始时负载 ${load()}，每个用例 ${rounds} 轮\n`,
);
// Not timed: builds the CLI bundle if a source changed, and warms the file cache.
writeFileSync(join(work, 'warm.txt'), '收入 1.00 万元。');
for (const { root } of CHECKOUTS) await audit(join(work, 'warm.txt'), work, root);

const rows: Row[] = [];
for (const hostile of HOSTILE_CASES.filter(
  (c) => only.length === 0 || only.some((p) => c.id.startsWith(p)),
)) {
  const file = join(work, hostile.name);
  writeFileSync(file, hostile.build());
  rows.push(...(await measure(hostile.id, file, work, TARGET)));
  rmSync(file);
  progress(rows.slice(-CHECKOUTS.length));
}
if (only.length === 0 || only.some((p) => 'docx-200-small'.startsWith(p))) {
  const folder = join(work, 'small');
  mkdirSync(folder);
  for (let i = 0; i < 200; i++)
    writeFileSync(join(folder, `${String(i).padStart(3, '0')}.docx`), smallDocx(i));
  rows.push(...(await measure('docx-200-small（一次调用）', folder, work, { seconds: BATCH_TARGET_S })));
  progress(rows.slice(-CHECKOUTS.length));
}
printTable(rows);
process.stdout.write(`结束时负载 ${load()}\n`);
rmSync(work, { recursive: true, force: true });
