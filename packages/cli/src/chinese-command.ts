/**
 * commander with its own words in Chinese: headings of the help text and the messages for a wrong
 * call (unknown option, missing argument …), so a finance officer never meets an English error.
 */
import { Command, Help } from 'commander';

const HEADINGS: [RegExp, string][] = [
  [/^Usage:/m, '用法：'],
  [/^Arguments:/m, '参数：'],
  [/^Options:/m, '选项：'],
  [/^Commands:/m, '命令：'],
  [/\(default: /g, '（默认：'],
];

const MESSAGES: Record<string, (english: string) => string> = {
  'commander.unknownOption': (m) => `不认识的选项 ${quoted(m)}`,
  'commander.unknownCommand': (m) => `不认识的命令 ${quoted(m)}`,
  'commander.missingArgument': (m) => `缺少参数 ${quoted(m)}`,
  'commander.optionMissingArgument': (m) => `选项 ${quoted(m)} 需要一个取值`,
  'commander.missingMandatoryOptionValue': (m) => `缺少必填选项 ${quoted(m)}`,
  'commander.excessArguments': () => '参数过多',
};

function quoted(message: string): string {
  return /'([^']+)'/.exec(message)?.[1] ?? message;
}

export class ChineseCommand extends Command {
  override createCommand(name?: string): Command {
    return new ChineseCommand(name).helpOption('-h, --help', '显示帮助');
  }

  override createHelp(): Help {
    const help = new Help();
    const format = help.formatHelp.bind(help);
    help.formatHelp = (cmd, helper) =>
      HEADINGS.reduce((text, [from, to]) => text.replace(from, to), format(cmd, helper));
    return help;
  }

  override error(message: string, options?: { code?: string; exitCode?: number }): never {
    const translate = options?.code ? MESSAGES[options.code] : undefined;
    return super.error(translate ? `错误：${translate(message)}` : message, options);
  }
}
