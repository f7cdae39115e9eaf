import { ProfileError } from '@juesuan/data';
import { CommanderError } from 'commander';
import { ChineseCommand } from './chinese-command';
import { registerAuditCommand } from './commands/audit';
import { registerCheckCommand } from './commands/check';
import { registerDemoCommand } from './commands/demo';
import { registerImportCommand } from './commands/import';
import { registerPackageCommands } from './commands/package';
import { registerProfilesCommand } from './commands/profiles';
import { registerReportCommand } from './commands/report';
import { registerRulesCommand } from './commands/rules';
import { registerScoreCommand } from './commands/score';
import { registerStoreCommands } from './commands/store';
import { registerTablesCommand } from './commands/tables';
import { color, EXIT, UsageError } from './output';

// `juesuan … | head` closes the pipe early; that is the reader's choice, not an error.
process.stdout.on('error', (error: NodeJS.ErrnoException) => {
  if (error.code === 'EPIPE') process.exit(0);
  throw error;
});

const program = new ChineseCommand('juesuan')
  .description('决算：部门决算公开的生成、审核与审读')
  .helpOption('-h, --help', '显示帮助')
  .addHelpCommand('help [command]', '显示某个命令的帮助')
  .showHelpAfterError('（用 juesuan --help 查看用法）')
  .exitOverride()
  .configureOutput({ writeErr: (s) => process.stderr.write(s) });

registerDemoCommand(program);
registerPackageCommands(program);
registerTablesCommand(program);
registerCheckCommand(program);
registerAuditCommand(program);
registerImportCommand(program);
registerRulesCommand(program);
registerReportCommand(program);
registerScoreCommand(program);
registerStoreCommands(program);
registerProfilesCommand(program);

try {
  await program.parseAsync(process.argv);
} catch (error) {
  if (error instanceof CommanderError) {
    process.exitCode = error.exitCode === 0 ? EXIT.ok : EXIT.unusable;
  } else if (error instanceof UsageError || error instanceof ProfileError) {
    process.stderr.write(`${color.error('错误')} ${error.message}\n`);
    process.exitCode = EXIT.unusable;
  } else {
    throw error;
  }
}
