/**
 * A `juesuan worker` child process, started the way an operator starts one (through the bin), for
 * the worker tests and the season benchmark.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const BIN = fileURLToPath(new URL('../../bin/juesuan.mjs', import.meta.url));

export interface WorkerProcess {
  child: ChildProcess;
  /** What it printed on stdout: one line per job event. */
  stdout: string[];
  exited: Promise<number | null>;
}

/** Starts `juesuan worker <args…>` on the queue at `databaseUrl`; resolves once it says it has started. */
export async function startWorkerProcess(
  databaseUrl: string,
  args: readonly string[],
): Promise<WorkerProcess> {
  const child = spawn(process.execPath, [BIN, 'worker', ...args], {
    env: { ...process.env, DATABASE_URL: databaseUrl, NO_COLOR: '1' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const stdout: string[] = [];
  child.stdout!.setEncoding('utf8').on('data', (chunk: string) => stdout.push(chunk));
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  let stderr = '';
  await new Promise<void>((resolve, reject) => {
    child.stderr!.setEncoding('utf8').on('data', (chunk: string) => {
      stderr += chunk;
      if (stderr.includes('juesuan worker 已启动')) resolve();
    });
    void exited.then((code) => reject(new Error(`juesuan worker 启动失败（退出码 ${code}）：${stderr}`)));
  });
  return { child, stdout, exited };
}
