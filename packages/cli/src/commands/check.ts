import {
  cellPlaces,
  checkPackage,
  type Finding,
  type RunSummary,
  SEVERITY_LABEL,
  type TableView,
} from '@juesuan/core';
import { loadCheckContext } from '@juesuan/data';
import { color, EXIT, parseFormat, printJson } from '../output';
import { loadPackageOrReport } from './package';

export function runCheck(file: string, options: { profile?: string; format: string; info: boolean }) {
  const format = parseFormat(options.format);
  const pkg = loadPackageOrReport(file, format);
  if (!pkg) {
    process.exitCode = EXIT.unusable;
    return;
  }
  const context = loadCheckContext(options.profile ?? pkg.department.profile, pkg.department.year);
  const { profile } = context;
  const result = checkPackage(pkg, context);
  if (format === 'json') {
    printJson({ file, profile: profile.id, summary: result.summary, findings: result.findings });
  } else {
    process.stdout.write(renderReport(pkg.department.name, result.views, result.findings, options.info));
    process.stdout.write(`${renderSummary(result.summary)}\n`);
  }
  process.exitCode = result.summary.counts.error > 0 ? EXIT.findings : EXIT.ok;
}

const TAG = {
  error: () => color.error('错误'),
  warning: () => color.warning('提示'),
  info: () => color.info('尾差'),
  accepted: () => color.ok('已说明'),
};

const ORDER = { error: 0, warning: 1, info: 2 } as const;

/** Findings grouped by the first table they touch, in the profile's table order. */
export function renderReport(
  department: string,
  views: readonly TableView[],
  findings: Finding[],
  showInfo: boolean,
): string {
  const lines: string[] = [color.bold(`${department} 审核结果`)];
  const shown = findings.filter((f) => showInfo || f.severity !== 'info');
  const byTable = new Map<string, Finding[]>();
  for (const finding of shown) {
    const table = cellPlaces(finding)[0]?.table ?? '其他';
    byTable.set(table, [...(byTable.get(table) ?? []), finding]);
  }
  const order = [
    ...views.map((v) => v.id),
    ...[...byTable.keys()].filter((k) => !views.some((v) => v.id === k)),
  ];
  for (const tableId of order) {
    const group = byTable.get(tableId);
    if (!group) continue;
    const view = views.find((v) => v.id === tableId);
    lines.push('', color.bold(view ? `${view.number} ${view.title}` : tableId));
    group.sort((a, b) => ORDER[a.severity] - ORDER[b.severity] || a.rule.localeCompare(b.rule));
    for (const f of group) {
      const tag = f.explained !== undefined ? TAG.accepted() : TAG[f.severity]();
      lines.push(`  ${tag} ${color.dim(`[${f.rule}]`)} ${f.message}`);
      if (f.explained !== undefined) lines.push(color.dim(`        出错说明：${f.explained}`));
      else if (f.severity === 'warning')
        lines.push(color.dim(`        如属正常，请在数据包 explanations["${f.id}"] 写明原因`));
    }
  }
  if (shown.length === 0) lines.push('', color.ok('未发现问题。'));
  return `${lines.join('\n')}\n\n`;
}

export function renderSummary(summary: RunSummary): string {
  const { counts } = summary;
  const parts = [
    `${SEVERITY_LABEL.error} ${counts.error}`,
    `${SEVERITY_LABEL.warning} ${counts.warning}`,
    `已说明 ${counts.accepted}`,
    `${SEVERITY_LABEL.info} ${counts.info}`,
  ];
  const status =
    counts.error > 0
      ? color.error('未通过')
      : summary.clean
        ? color.ok('通过')
        : color.warning('通过（有待说明的提示）');
  const ruleErrors = summary.ruleErrors.length ? `；规则本身出错 ${summary.ruleErrors.length} 处` : '';
  return `${status}：${parts.join('，')}；执行规则 ${summary.rulesRun} 条、检查 ${summary.checks} 项，跳过 ${summary.skipped.length} 条${ruleErrors}`;
}

/** A one-line count of findings by severity, for reports that run no rule catalogue. */
export function renderSummaryLine(findings: readonly Finding[]): string {
  const count = (severity: Finding['severity']) =>
    findings.filter((f) => f.severity === severity && f.explained === undefined).length;
  const accepted = findings.filter((f) => f.explained !== undefined).length;
  return `${SEVERITY_LABEL.error} ${count('error')}，${SEVERITY_LABEL.warning} ${count('warning')}，已说明 ${accepted}，${SEVERITY_LABEL.info} ${count('info')}`;
}
