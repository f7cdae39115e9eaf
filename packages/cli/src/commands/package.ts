import { writeFileSync } from 'node:fs';
import {
  completeTotals,
  type DataPackage,
  describeFilled,
  type PackageIssue,
  writePackage,
} from '@juesuan/core';
import { loadCatalog, readPackageFile } from '@juesuan/data';
import type { Command } from 'commander';
import { color, EXIT, type OutputFormat, parseFormat, printJson, toJson } from '../output';

/** Reads a package or prints why it cannot be used; returns undefined in that case. */
export function loadPackageOrReport(file: string, format: OutputFormat): DataPackage | undefined {
  const { package: pkg, issues } = readPackageFile(file, { catalog: loadCatalog() });
  if (!pkg) {
    if (format === 'json') printJson({ file, valid: false, issues });
    else printIssues(file, issues);
    return undefined;
  }
  if (format === 'text') printIssues(file, issues);
  return pkg;
}

export function printIssues(file: string, issues: PackageIssue[]): void {
  const errors = issues.filter((i) => i.severity === 'error');
  for (const issue of issues) {
    const tag = issue.severity === 'error' ? color.error('错误') : color.warning('警告');
    process.stderr.write(`${tag} ${file} ${color.dim(issue.path)}：${issue.message}\n`);
  }
  if (errors.length)
    process.stderr.write(color.error(`${file}：${errors.length} 个错误，数据包未读入，未做任何更改。\n`));
}

export function registerPackageCommands(program: Command): void {
  const pkg = program.command('package').description('数据包（决算数据包）：校验、补全合计');

  pkg
    .command('validate')
    .description('校验数据包：结构、键、金额格式、科目代码；有错误时以 2 退出')
    .argument('<file>', '数据包 JSON 文件')
    .option('--format <format>', '输出格式：text 或 json', 'text')
    .action((file: string, options: { format: string }) => {
      const format = parseFormat(options.format);
      const { package: loaded, issues } = readPackageFile(file, { catalog: loadCatalog() });
      if (format === 'json') {
        printJson({
          file,
          valid: loaded !== undefined,
          issues,
          summary: loaded ? summarize(loaded, issues) : null,
        });
      } else {
        printIssues(file, issues);
        if (loaded) {
          const s = summarize(loaded, issues);
          process.stdout.write(
            `${color.ok('有效')} ${file}：${s.department}（${s.year} 年，口径 ${s.profile}），` +
              `${s.facts} 项数据，${s.units} 个单位${s.consolidated ? '（由各单位汇总）' : ''}，` +
              `${s.warnings} 个警告\n`,
          );
        }
      }
      process.exitCode = loaded ? EXIT.ok : EXIT.unusable;
    });

  pkg
    .command('complete')
    .description('补全手工录入时缺少的合计与小计（只补缺失的，不改已填的），并列出补了哪些')
    .argument('<file>', '数据包 JSON 文件')
    .option('-o, --output <file>', '写出补全后的数据包（默认只列出，不写文件）')
    .option('--format <format>', '输出格式：text 或 json', 'text')
    .action((file: string, options: { output?: string; format: string }) => {
      const format = parseFormat(options.format);
      const loaded = loadPackageOrReport(file, format);
      if (!loaded) {
        process.exitCode = EXIT.unusable;
        return;
      }
      const { facts, filled } = completeTotals(loaded.facts);
      if (options.output) {
        const completed: DataPackage = { ...loaded, facts, consolidated: false };
        writeFileSync(options.output, `${toJson(writePackage(completed))}\n`);
      }
      if (format === 'json') {
        printJson({ file, output: options.output ?? null, filled });
      } else {
        for (const line of describeFilled(filled, loaded.amounts)) process.stdout.write(`${line}\n`);
        process.stdout.write(
          `共补全 ${filled.length} 项${options.output ? `，已写入 ${options.output}` : '（未写文件；用 -o 写出）'}\n`,
        );
      }
    });
}

function summarize(pkg: DataPackage, issues: PackageIssue[]) {
  return {
    department: pkg.department.name,
    year: pkg.department.year,
    profile: pkg.department.profile,
    facts: pkg.facts.size,
    units: pkg.units.length,
    consolidated: pkg.consolidated,
    warnings: issues.filter((i) => i.severity === 'warning').length,
  };
}
