/**
 * `juesuan user add`: a user made by whoever holds the store — the first admin, or any user during
 * set-up. The password comes from --password, or is asked twice on the terminal without echo; a
 * script without a terminal must give it, as there is nobody to ask.
 */
import { isRole, ROLES } from '@juesuan/core';
import { color, parseFormat, printJson, UsageError } from '../output';
import { type DataOptions, withWorkspace } from './serve-workspace';

export interface UserAddOptions extends DataOptions {
  role: string;
  department?: string;
  password?: string;
  displayName?: string;
  format: string;
}

export async function runUserAdd(loginName: string, options: UserAddOptions): Promise<void> {
  const format = parseFormat(options.format);
  if (!isRole(options.role)) {
    throw new UsageError(
      `--role 只能是 filler（填报人）、reviewer（审核人）或 admin（管理员），实际为 “${options.role}”`,
    );
  }
  const role = options.role;
  const password = options.password ?? (await askNewPassword(loginName));
  const user = await withWorkspace(options, async ({ directory }) => {
    const department =
      options.department === undefined
        ? undefined
        : await directory.findDepartmentAsSystem(options.department);
    return directory.createUserAsSystem({
      loginName,
      displayName: options.displayName ?? loginName,
      role,
      password,
      ...(department ? { departmentId: department.id } : {}),
    });
  });
  if (format === 'json') printJson(user);
  else
    process.stdout.write(
      `${color.ok('已添加用户')} ${user.loginName}（编号 ${user.id}，${ROLES[user.role]}${
        options.department !== undefined ? `，部门 ${options.department}` : ''
      }）\n`,
    );
}

async function askNewPassword(loginName: string): Promise<string> {
  if (!process.stdin.isTTY) {
    throw new UsageError('没有给出 --password，且标准输入不是终端，无法询问密码；请用 --password 给出密码');
  }
  const first = await askHidden(`用户 ${loginName} 的密码：`);
  const second = await askHidden('再输入一次：');
  if (first !== second) throw new UsageError('两次输入的密码不一致，未添加用户');
  return first;
}

/** One line read from the terminal in raw mode, so that nothing typed is shown. */
function askHidden(question: string): Promise<string> {
  const input = process.stdin;
  process.stderr.write(question);
  input.setRawMode(true);
  input.setEncoding('utf8');
  input.resume();
  return new Promise((resolve, reject) => {
    let typed = '';
    const finish = () => {
      input.off('data', onData);
      input.setRawMode(false);
      input.pause();
      process.stderr.write('\n');
    };
    const onData = (chunk: string) => {
      for (const ch of chunk) {
        if (ch === '\r' || ch === '\n') {
          finish();
          resolve(typed);
          return;
        }
        if (ch === '\u0003') {
          finish();
          reject(new UsageError('已取消，未添加用户'));
          return;
        }
        typed = ch === '\u007f' || ch === '\b' ? [...typed].slice(0, -1).join('') : typed + ch;
      }
    };
    input.on('data', onData);
  });
}
