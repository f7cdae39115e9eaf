/** `juesuan department add`: a department made by whoever holds the store (the initial set-up). */
import { color, parseFormat, printJson } from '../output';
import { type DataOptions, withWorkspace } from './serve-workspace';

export interface DepartmentAddOptions extends DataOptions {
  code?: string;
  parent?: string;
  format: string;
}

export async function runDepartmentAdd(name: string, options: DepartmentAddOptions): Promise<void> {
  const format = parseFormat(options.format);
  const department = await withWorkspace(options, async ({ directory }) => {
    const parent =
      options.parent === undefined ? undefined : await directory.findDepartmentAsSystem(options.parent);
    return directory.createDepartmentAsSystem({
      name,
      ...(options.code !== undefined ? { code: options.code } : {}),
      ...(parent ? { parentId: parent.id } : {}),
    });
  });
  if (format === 'json') printJson(department);
  else
    process.stdout.write(
      `${color.ok('已添加部门')} ${department.name}（编号 ${department.id}${department.code ? `，代码 ${department.code}` : ''}${
        options.parent !== undefined ? `，主管部门 ${options.parent}` : ''
      }）\n`,
    );
}
