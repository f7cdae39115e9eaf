/** The `juesuan` command line: every command, its parsing, and how a failure is reported. */
import { CommanderError } from 'commander';
import { ChineseCommand } from './chinese-command';
import { registerCommands } from './commands/definitions';
import { color, EXIT, UsageError } from './output';

// `juesuan … | head` closes the pipe early; that is the reader's choice, not an error.
process.stdout.on('error', (error: NodeJS.ErrnoException) => {
  if (error.code === 'EPIPE') process.exit(0);
  throw error;
});

/** The system errors a user can act on, in words; anything else keeps its own message. */
const SYSTEM_ERRORS: Record<string, string> = {
  EEXIST: '已有同名文件或目录',
  ENOENT: '找不到文件或目录',
  ENOTDIR: '路径中有一段不是目录',
  EISDIR: '应为文件，实际是目录',
  EACCES: '没有权限',
  EPERM: '没有权限',
  ENOSPC: '磁盘空间不足',
  EROFS: '文件系统只读',
};

/** Runs the command in process.argv and sets the exit code. */
export async function runProgram(version: string): Promise<void> {
  const program = new ChineseCommand('juesuan')
    .description('决算：部门决算公开的生成、审核与审读')
    .version(version, '-V, --version', '显示版本号')
    .helpOption('-h, --help', '显示帮助')
    .addHelpCommand('help [command]', '显示某个命令的帮助')
    .showHelpAfterError('（用 juesuan --help 查看用法）')
    .exitOverride()
    .configureOutput({ writeErr: (s) => process.stderr.write(s) });
  registerCommands(program);
  try {
    await program.parseAsync(process.argv);
  } catch (error) {
    if (error instanceof CommanderError) {
      process.exitCode = error.exitCode === 0 ? EXIT.ok : EXIT.unusable;
    } else if (error instanceof UsageError || (error instanceof Error && (await isProfileError(error)))) {
      process.stderr.write(`${color.error('错误')} ${error.message}\n`);
      process.exitCode = EXIT.unusable;
    } else {
      reportInternalFailure(error);
      process.exitCode = EXIT.internal;
    }
  }
}

/** `@juesuan/data` is imported here, not at the top, so that `--help` does not load it. */
async function isProfileError(error: Error): Promise<boolean> {
  const { ProfileError } = await import('@juesuan/data');
  return error instanceof ProfileError;
}

/**
 * A failure that is neither the data's nor the caller's fault: one line saying what failed, the
 * stack only on request, as it means nothing to the department's accountant.
 */
function reportInternalFailure(error: unknown): void {
  const what = describeFailure(error);
  process.stderr.write(
    `${color.error('内部错误')} juesuan 未能完成“${process.argv.slice(2).join(' ')}”：${what}（设 JUESUAN_DEBUG=1 可看详细堆栈）\n`,
  );
  if (process.env.JUESUAN_DEBUG === '1' && error instanceof Error && error.stack) {
    process.stderr.write(`${error.stack}\n`);
  }
}

function describeFailure(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  const { code, path } = error as NodeJS.ErrnoException;
  const known = code === undefined ? undefined : SYSTEM_ERRORS[code];
  return known ? `${known}${path ? ` ${path}` : ''}（${code}）` : error.message;
}
