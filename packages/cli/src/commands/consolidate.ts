/**
 * `juesuan package consolidate`: a 主管部门's package from its units' packages (汇总), with the
 * adjustment table proposed from their figures written into it for the user to review and edit.
 */
import {
  adjustmentsToJson,
  consolidate,
  consolidationFindings,
  type DataPackage,
  describeFact,
  factsToJson,
  formatAmount,
  PACKAGE_FORMAT,
  type PackageJson,
  parseFactKey,
  parsePackageJson,
  TRANSFER_PAIRS,
  type Unit,
  unitLabel,
} from '@juesuan/core';
import { packageReadOptions } from '@juesuan/data';
import { color, EXIT, parseFormat, printJson, toJson, UsageError } from '../output';
import { writeFileWhole } from '../output-files';
import { loadPackageOrReport, printIssues } from './package';

interface ConsolidateOptions {
  output?: string;
  name?: string;
  format: string;
}

/** The first package is the 本级 (一级); the others are its units (二级). */
export function runPackageConsolidate(files: string[], options: ConsolidateOptions) {
  const format = parseFormat(options.format);
  if (files.length < 2) throw new UsageError('汇总至少需要两个单位的数据包：第一个为本级，其后为下级单位');
  const loaded = files.map((file) => loadPackageOrReport(file, format));
  if (loaded.some((pkg) => pkg === undefined)) {
    process.exitCode = EXIT.unusable;
    return;
  }
  const packages = loaded as DataPackage[];
  const doc = consolidatedJson(files, packages, options.name);
  const { package: pkg, issues } = parsePackageJson(doc, packageReadOptions());
  if (!pkg) {
    printIssues('（汇总结果）', issues);
    process.exitCode = EXIT.unusable;
    return;
  }
  const written = `${toJson(doc)}\n`;
  if (options.output) writeFileWhole(options.output, written);
  const findings = consolidationFindings(pkg, []);
  if (format === 'json') {
    printJson({
      output: options.output ?? null,
      units: files,
      adjustments: doc.adjustments,
      offsets: offsetFigures(pkg),
      findings,
    });
  } else {
    if (!options.output) process.stdout.write(written);
    process.stderr.write(reportText(pkg, findings, options.output));
  }
  process.exitCode = findings.some((f) => f.severity === 'error') ? EXIT.findings : EXIT.ok;
}

/** The department's package document: the units' facts as they are and the proposed adjustment table. */
function consolidatedJson(files: string[], packages: DataPackage[], name: string | undefined): PackageJson {
  const [first] = packages as [DataPackage, ...DataPackage[]];
  packages.forEach((pkg, i) => {
    const differs = (['year', 'profile'] as const).find((k) => pkg.department[k] !== first.department[k]);
    if (differs) {
      throw new UsageError(
        `${files[i]} 的 department.${differs} 为 ${pkg.department[differs]}，与 ${files[0]} 的 ${first.department[differs]} 不同；汇总的各单位须为同一年度、同一口径`,
      );
    }
    if (pkg.amounts.unit !== first.amounts.unit || pkg.amounts.decimals !== first.amounts.decimals) {
      throw new UsageError(
        `${files[i]} 的金额为 ${pkg.amounts.unit}（${pkg.amounts.decimals} 位小数），与 ${files[0]} 的 ${first.amounts.unit}（${first.amounts.decimals} 位小数）不同；请统一金额单位后再汇总`,
      );
    }
  });
  const units: Unit[] = packages.map((pkg, i) => ({
    name: pkg.department.name,
    ...(pkg.department.code ? { code: pkg.department.code } : {}),
    budgetLevel: i === 0 ? '一级' : '二级',
    facts: pkg.facts,
  }));
  const { adjustments } = consolidate(units);
  return {
    format: PACKAGE_FORMAT,
    department: {
      ...first.department,
      name: name ?? first.department.name.replace(/（本级）$/, ''),
    },
    amounts: first.amounts,
    units: units.map(({ facts, ...unit }) => ({ ...unit, facts: factsToJson(facts!, first.amounts) })),
    adjustments: adjustmentsToJson(adjustments, units, first.amounts),
  };
}

/** Each figure the table changed, traced: what every unit reported and what each line took off. */
function offsetFigures(pkg: DataPackage) {
  const { facts, offsets, trace } = pkg.consolidation!;
  return [...offsets.keys()].map((key) => ({
    key,
    value: facts.get(key)!,
    units: trace(key)!.units.map(({ unit, value }) => ({ unit: pkg.units[unit]!.name, value })),
    adjustments: offsets.get(key)!.map(({ entry, change }) => ({ line: entry + 1, change })),
  }));
}

function reportText(
  pkg: DataPackage,
  findings: ReturnType<typeof consolidationFindings>,
  output?: string,
): string {
  const { unit, decimals } = pkg.amounts;
  const money = (fen: bigint) => `${formatAmount(fen, unit, { decimals })}${unit}`;
  const names = pkg.units.map(unitLabel);
  const lines = [`汇总 ${pkg.units.length} 个单位为「${pkg.department.name}」：${names.join('、')}`];
  const table = pkg.consolidation?.adjustments ?? [];
  lines.push(
    table.length
      ? '调整表（按双方一致的金额提出，已写入 adjustments，可修改）：'
      : '调整表：没有双方一致、可以抵销的内部往来',
  );
  table.forEach((entry, i) => {
    const code = entry.func ? `，科目 ${entry.func}` : '';
    lines.push(
      `  ${i + 1}. ${TRANSFER_PAIRS[entry.pair].label}：${names[entry.from]} → ${names[entry.to]} ${money(entry.amount)}${code}`,
    );
  });
  const offsets = offsetFigures(pkg);
  if (offsets.length) lines.push('抵销后的数字（各单位填报数 − 调整表抵销数 = 汇总数）：');
  for (const figure of offsets) {
    const parsed = parseFactKey(figure.key);
    const label = parsed.ok ? describeFact(parsed.fact) : figure.key;
    const reported = figure.units.map((u) => `${u.unit} ${money(u.value)}`).join(' + ');
    const offset = figure.adjustments.map((a) => ` − 调整表第 ${a.line} 行 ${money(-a.change)}`).join('');
    lines.push(`  ${label}：${reported}${offset} = ${money(figure.value)}`);
  }
  for (const finding of findings) {
    const tag = finding.severity === 'error' ? color.error('错误') : color.warning('提示');
    lines.push(`${tag} [${finding.rule}] ${finding.message}`);
  }
  lines.push(output ? `已写入 ${output}；用 juesuan check ${output} 审核汇总结果` : '');
  return `${lines.join('\n')}\n`;
}
