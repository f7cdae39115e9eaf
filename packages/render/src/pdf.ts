/**
 * DOCX → PDF with LibreOffice headless, so the PDF is the DOCX as printed. The official fonts are
 * mapped onto free ones by the repository's fonts.conf (FONTCONFIG_FILE; nothing under /etc is
 * touched). Each soffice gets a user profile of its own under the temp dir, kept for the life of
 * the process so later conversions start warm; many files go through one soffice call.
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, extname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

/**
 * The font alias file shipped with this package, found through the package's own name so that the
 * path holds from the sources and from the CLI bundle in packages/cli/dist alike.
 */
export const FONTS_CONF = fileURLToPath(
  new URL('fonts.conf', import.meta.resolve('@juesuan/render/package.json')),
);

export interface PdfOptions {
  /** The soffice program; default $JUESUAN_SOFFICE or `soffice` on the PATH. */
  soffice?: string;
  /** Give up after this long for the whole batch (default 60 s plus 10 s a file). */
  timeoutMs?: number;
  /** LibreOffice processes to split the batch over (default 1); each has its own profile. */
  instances?: number;
}

export class PdfConversionError extends Error {
  override name = 'PdfConversionError';
}

const idleProfiles: string[] = [];
const allProfiles: string[] = [];
let cleanupRegistered = false;

function takeProfile(): string {
  const idle = idleProfiles.pop();
  if (idle) return idle;
  const dir = mkdtempSync(join(tmpdir(), 'juesuan-lo-'));
  allProfiles.push(dir);
  if (!cleanupRegistered) {
    cleanupRegistered = true;
    process.once('exit', () => {
      for (const profile of allProfiles) rmSync(profile, { recursive: true, force: true });
    });
  }
  return dir;
}

/**
 * Converts DOCX files to PDF in `outDir` (created if missing) and returns the PDF paths in the
 * order given. Files with the same name would overwrite each other's PDF and are refused.
 */
export async function convertToPdf(
  docxPaths: string[],
  outDir: string,
  options: PdfOptions = {},
): Promise<string[]> {
  if (docxPaths.length === 0) return [];
  const inputs = docxPaths.map((p) => resolve(p));
  const missing = inputs.filter((p) => !existsSync(p));
  if (missing.length) throw new PdfConversionError(`要转换为 PDF 的文件不存在：${missing.join('、')}`);
  const outputs = inputs.map((p) => join(resolve(outDir), `${basename(p, extname(p))}.pdf`));
  const seen = new Set<string>();
  for (const [i, output] of outputs.entries()) {
    if (seen.has(output)) {
      throw new PdfConversionError(
        `同一批转换中有同名文件 ${basename(inputs[i]!)}，其 PDF 会互相覆盖；请分批转换或改名`,
      );
    }
    seen.add(output);
  }
  mkdirSync(resolve(outDir), { recursive: true });

  const instances = Math.max(1, Math.min(options.instances ?? 1, inputs.length));
  const chunks: string[][] = Array.from({ length: instances }, () => []);
  for (const [i, input] of inputs.entries()) chunks[i % instances]!.push(input);
  const started = Date.now();
  await Promise.all(chunks.map((chunk) => runSoffice(chunk, resolve(outDir), options)));

  const failed = outputs.filter((output) => !existsSync(output) || statSync(output).mtimeMs < started - 1000);
  if (failed.length) {
    throw new PdfConversionError(
      `LibreOffice 未能生成以下 PDF：${failed.map((f) => basename(f)).join('、')}`,
    );
  }
  return outputs;
}

/** SIGKILL to every process of the group `pid` leads (already gone is fine). */
function killGroup(pid: number | undefined): void {
  if (pid === undefined) return;
  try {
    process.kill(-pid, 'SIGKILL');
  } catch {
    // The group has exited.
  }
}

/**
 * Runs `stop` if this process exits or is interrupted while a conversion runs (a detached group
 * does not get the terminal's Ctrl-C); an interrupt is then delivered again, to end this process
 * as it would have. Returns the function that stops watching.
 */
function stopWithProcess(stop: () => void): () => void {
  const onSignal = (signal: NodeJS.Signals) => {
    stop();
    release();
    process.kill(process.pid, signal);
  };
  process.once('exit', stop);
  process.once('SIGINT', onSignal);
  process.once('SIGTERM', onSignal);
  const release = () => {
    process.off('exit', stop);
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
  };
  return release;
}

function runSoffice(inputs: string[], outDir: string, options: PdfOptions): Promise<void> {
  const program = options.soffice ?? process.env.JUESUAN_SOFFICE ?? 'soffice';
  const profile = takeProfile();
  const timeout = options.timeoutMs ?? 60_000 + 10_000 * inputs.length;
  const args = [
    `-env:UserInstallation=${pathToFileURL(profile).href}`,
    '--headless',
    '--norestore',
    '--nologo',
    '--nodefault',
    '--nolockcheck',
    '--convert-to',
    'pdf:writer_pdf_Export',
    '--outdir',
    outDir,
    ...inputs,
  ];
  return new Promise<void>((done, fail) => {
    let stderr = '';
    // Its own process group: soffice starts soffice.bin, which a kill of soffice alone would leave
    // converting (and writing the PDF) after the command has reported failure.
    const child = spawn(program, args, {
      env: { ...process.env, FONTCONFIG_FILE: FONTS_CONF },
      stdio: ['ignore', 'ignore', 'pipe'],
      detached: true,
    });
    const stopConversion = () => killGroup(child.pid);
    const releaseOnExit = stopWithProcess(stopConversion);
    const timer = setTimeout(stopConversion, timeout);
    let timedOut = false;
    timer.unref();
    child.stderr.on('data', (chunk: Buffer) => {
      stderr += chunk.toString();
    });
    child.on('error', (error: NodeJS.ErrnoException) => {
      clearTimeout(timer);
      releaseOnExit();
      idleProfiles.push(profile);
      fail(
        error.code === 'ENOENT'
          ? new PdfConversionError(
              `找不到 LibreOffice（${program}）：PDF 由 DOCX 经 LibreOffice 无界面转换生成。` +
                '请运行 bash scripts/setup.sh 安装 libreoffice-writer-nogui 和中文字体，' +
                '或用环境变量 JUESUAN_SOFFICE 指定 soffice 的路径。',
            )
          : new PdfConversionError(`无法启动 LibreOffice（${program}）：${error.message}`),
      );
    });
    child.on('exit', (code, signal) => {
      clearTimeout(timer);
      releaseOnExit();
      // Whatever soffice left behind in its group goes with it.
      killGroup(child.pid);
      timedOut = signal === 'SIGKILL';
      idleProfiles.push(profile);
      if (timedOut) {
        fail(
          new PdfConversionError(
            `LibreOffice 转换 ${inputs.length} 个文件超过 ${Math.round(timeout / 1000)} 秒，已中止`,
          ),
        );
      } else if (code !== 0) {
        const detail = stderr
          .split('\n')
          .filter((line) => line.trim() && !line.includes('javaldx'))
          .slice(-5)
          .join('；');
        fail(new PdfConversionError(`LibreOffice 转换失败（退出码 ${code}）${detail ? `：${detail}` : ''}`));
      } else {
        done();
      }
    });
  });
}
