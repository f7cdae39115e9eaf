// The PDF of a sample package, made once by `juesuan report --format pdf` (LibreOffice) and cached
// in the system temp directory (not in the repository), for the benchmarks that read PDFs.
//   JUESUAN_BENCH_REGENERATE=1 makes it again.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { REPO_ROOT } from '@juesuan/data';

/** The cached PDF of the package `file`, made by the CLI when missing or older than the package. */
export function pdfOf(file: string): string {
  const dir = join(tmpdir(), 'juesuan-bench-audit', basename(file, '.json'));
  const cached = existsSync(dir) ? readdirSync(dir).find((f) => f.endsWith('.pdf')) : undefined;
  if (
    cached &&
    !process.env.JUESUAN_BENCH_REGENERATE &&
    statSync(join(dir, cached)).mtimeMs >= statSync(file).mtimeMs
  ) {
    return join(dir, cached);
  }
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  process.stderr.write(`生成 PDF（LibreOffice）到 ${dir} …\n`);
  execFileSync(
    process.execPath,
    [join(REPO_ROOT, 'packages/cli/bin/juesuan.mjs'), 'report', file, '-o', dir, '--format', 'pdf'],
    { stdio: ['ignore', 'ignore', 'inherit'] },
  );
  const made = readdirSync(dir).find((f) => f.endsWith('.pdf'));
  if (!made) throw new Error(`没有生成 PDF：${dir}`);
  return join(dir, made);
}
