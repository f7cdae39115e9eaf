import {
  completeTotals,
  type DataPackage,
  describeFilled,
  MAX_PACKAGE_BYTES,
  type PackageIssue,
  type ReadResult,
  readPackage,
  writePackage,
} from '@juesuan/core';
import { packageReadOptions, readPackageFile } from '@juesuan/data';
import { color, EXIT, type OutputFormat, parseFormat, printJson, toJson } from '../output';
import { writeFileWhole } from '../output-files';
import { readStdinUpTo } from '../stdin';

/** The file argument `-` is standard input, so a package can be piped in: `… | juesuan check -`. */
const STDIN = '-';

/** Reads the package named on the command line: a file, or standard input for `-`. */
function readPackageArgument(file: string): ReadResult {
  if (file !== STDIN) return readPackageFile(file);
  const bytes = readStdinUpTo(MAX_PACKAGE_BYTES);
  if (!bytes) {
    const mb = MAX_PACKAGE_BYTES / 1024 / 1024;
    return {
      issues: [
        {
          severity: 'error',
          path: '(标准输入)',
          message: `标准输入的数据超过数据包上限 ${mb} MB，读到 ${mb} MB 时已停止读取；未读取`,
        },
      ],
    };
  }
  return readPackage(bytes, packageReadOptions());
}

/** Reads a package or prints why it cannot be used; returns undefined in that case. */
export function loadPackageOrReport(file: string, format: OutputFormat): DataPackage | undefined {
  const { package: pkg, issues } = readPackageArgument(file);
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

export function runPackageValidate(file: string, options: { format: string }) {
  const format = parseFormat(options.format);
  const { package: loaded, issues } = readPackageArgument(file);
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
}

export function runPackageComplete(file: string, options: { output?: string; format: string }) {
  const format = parseFormat(options.format);
  const loaded = loadPackageOrReport(file, format);
  if (!loaded) {
    process.exitCode = EXIT.unusable;
    return;
  }
  const { facts, filled } = completeTotals(loaded.facts);
  if (options.output) {
    const completed: DataPackage = { ...loaded, facts, consolidated: false };
    writeFileWhole(options.output, `${toJson(writePackage(completed))}\n`);
  }
  if (format === 'json') {
    printJson({ file, output: options.output ?? null, filled });
  } else {
    for (const line of describeFilled(filled, loaded.amounts)) process.stdout.write(`${line}\n`);
    process.stdout.write(
      `共补全 ${filled.length} 项${options.output ? `，已写入 ${options.output}` : '（未写文件；用 -o 写出）'}\n`,
    );
  }
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
