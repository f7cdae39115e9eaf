import { buildTableViews } from '@juesuan/core';
import { loadCatalog, loadProfileForPackage } from '@juesuan/data';
import type { Command } from 'commander';
import { EXIT, parseFormat, printJson, UsageError } from '../output';
import { renderTableText } from '../render-text';
import { loadPackageOrReport } from './package';

export function registerTablesCommand(program: Command): void {
  program
    .command('tables')
    .description('按口径生成数据包的全部公开表并打印')
    .argument('<package>', '数据包 JSON 文件')
    .option('--profile <id>', '口径（默认用数据包 department.profile）')
    .option('--table <ids>', '只打印这些表，逗号分隔，如 T01,T05')
    .option('--format <format>', '输出格式：text 或 json', 'text')
    .action((file: string, options: { profile?: string; table?: string; format: string }) => {
      const format = parseFormat(options.format);
      const pkg = loadPackageOrReport(file, format);
      if (!pkg) {
        process.exitCode = EXIT.unusable;
        return;
      }
      const profile = loadProfileForPackage(options.profile ?? pkg.department.profile, pkg.department.year);
      let views = buildTableViews(pkg, { profile, catalog: loadCatalog() });
      if (options.table) {
        const wanted = options.table.split(',').map((t) => t.trim());
        const unknown = wanted.filter((id) => !views.some((v) => v.id === id));
        if (unknown.length) {
          throw new UsageError(
            `口径 ${profile.id} 没有表 ${unknown.join('、')}；可用：${views.map((v) => v.id).join('、')}`,
          );
        }
        views = views.filter((v) => wanted.includes(v.id));
      }
      if (format === 'json') printJson({ file, profile: profile.id, tables: views });
      else process.stdout.write(`${views.map(renderTableText).join('\n\n')}\n`);
    });
}
