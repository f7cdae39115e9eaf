import {
  checkPerformance,
  type DataPackage,
  evaluateWholeDepartment,
  formatHundredths,
  formatRatioPercent,
  type PerformanceProfile,
  scoreProject,
} from '@juesuan/core';
import { loadPerformanceProfile } from '@juesuan/data';
import { color, EXIT, parseFormat, printJson, UsageError } from '../output';
import { renderReport, renderSummaryLine } from './check';
import { loadPackageOrReport } from './package';

export function runScore(file: string, options: { profile?: string; format: string }) {
  const format = parseFormat(options.format);
  const pkg = loadPackageOrReport(file, format);
  if (!pkg) {
    process.exitCode = EXIT.unusable;
    return;
  }
  const profileId = options.profile ?? pkg.department.profile;
  const profile = loadPerformanceProfile(profileId);
  if (!profile) throw new UsageError(`口径 ${profileId} 没有绩效评分规则（performance.json）`);
  const result = scorePackage(pkg, profile);
  if (format === 'json') printJson({ file, profile: profileId, ...result });
  else process.stdout.write(renderScores(pkg, result));
  process.exitCode = result.findings.some((f) => f.severity === 'error') ? EXIT.findings : EXIT.ok;
}

function scorePackage(pkg: DataPackage, profile: PerformanceProfile) {
  const projects = (pkg.performance?.projects ?? []).map((p) => scoreProject(p, profile));
  const evaluated = profile.systems.size ? evaluateWholeDepartment(pkg, profile) : undefined;
  const wholeDepartment = evaluated && !('error' in evaluated) ? evaluated : undefined;
  return {
    projects,
    wholeDepartment,
    ...(evaluated && 'error' in evaluated ? { wholeDepartmentError: evaluated.error } : {}),
    findings: checkPerformance(pkg, profile),
  };
}

function renderScores(pkg: DataPackage, result: ReturnType<typeof scorePackage>): string {
  const lines = [color.bold(`${pkg.department.name} ${pkg.department.year} 年度预算绩效评分`), ''];
  if (result.projects.length === 0) lines.push('数据包没有项目支出绩效自评数据（performance.projects）。');
  for (const p of result.projects) {
    const published = p.publishedTotal !== undefined ? formatHundredths(p.publishedTotal) : '未公开';
    const rate = p.execution.rate ? formatRatioPercent(p.execution.rate) : '无法计算';
    lines.push(
      `${color.bold(p.name)}`,
      `  执行率 ${rate}，得分 ${p.execution.expected !== null ? formatHundredths(p.execution.expected) : '—'}` +
        `（公开 ${p.execution.published !== undefined ? formatHundredths(p.execution.published) : '—'}）`,
      `  规则总分 ${formatHundredths(p.ruleTotal)}${p.ruleComplete ? '' : '（部分指标无法按规则计分，按公开得分计入）'}，等级 ${p.gradeOfRule}；` +
        `公开总分 ${published}${p.gradeOfPublished ? `，等级 ${p.gradeOfPublished}` : ''}`,
    );
  }
  const whole = result.wholeDepartment;
  if (result.wholeDepartmentError) lines.push('', `部门整体支出绩效：${result.wholeDepartmentError}`);
  if (whole) {
    const open = whole.indicators.filter((i) => i.status === 'missing').length;
    lines.push(
      '',
      color.bold(`部门整体支出绩效（${whole.system.title}）`),
      `  已计分 ${formatHundredths(whole.total)} / ${formatHundredths(whole.scoredPoints)}，` +
        `${whole.complete ? `总分 ${formatHundredths(whole.total)}，等级 ${whole.grade ?? '—'}` : `尚有 ${open} 项指标须录入数据后计分`}`,
    );
    for (const i of whole.indicators.filter((x) => x.status === 'computed')) {
      lines.push(
        `  ${i.name}：${i.rate ? formatRatioPercent(i.rate) : '—'}，得 ${i.expected !== null ? formatHundredths(i.expected) : '—'} / ${formatHundredths(i.points)}（由决算数据计算）`,
      );
    }
  }
  lines.push(
    '',
    renderReport('绩效自评', [], result.findings, true).trimEnd(),
    '',
    renderSummaryLine(result.findings),
  );
  return `${lines.join('\n')}\n`;
}
