import { mkdirSync, renameSync, writeFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { type Catalog, checkPackage } from '@juesuan/core';
import {
  EXAMPLES_DIR,
  loadCatalog,
  loadCheckContext,
  loadPerformanceReport,
  readPackageFile,
} from '@juesuan/data';
import { convertToPdf } from '@juesuan/render';
import type { Store } from '@juesuan/store';
import { color, EXIT, toJson } from '../output';
import { renderTableText } from '../render-text';
import { renderReport, renderSummary } from './check';
import { documentOf, performanceReportOf, writeDocument } from './report';

const SAMPLES = ['jingdezhen-2024.json', 'qingshanhu-2020.json', 'two-unit-2024.json'];

export async function runDemo(options: { output: string }) {
  const catalog = loadCatalog();
  let failed = false;
  const docxFiles: string[] = [];
  // The samples go into an embedded store beside the demo's output, never into DATABASE_URL: a
  // demo must not write into a real database. Loaded on demand like the store command.
  const { openStore } = await import('@juesuan/store');
  const store = await openStore({ dir: join(options.output, 'store') });
  process.stdout.write(`存储：${store.describe()}\n`);
  try {
    for (const file of SAMPLES) {
      if (!(await demoSample(file, catalog, store, options.output, docxFiles))) failed = true;
    }
  } finally {
    await store.close();
  }
  // One LibreOffice run converts every document: starting it is most of the cost.
  process.stdout.write('正在用 LibreOffice 把 DOCX 转为 PDF …\n');
  const pdfs = await convertToPdf(docxFiles, options.output);
  for (const [i, pdf] of pdfs.entries()) {
    const beside = join(dirname(docxFiles[i]!), basename(pdf));
    renameSync(pdf, beside);
    process.stdout.write(`${color.ok('✓')} ${beside}\n`);
  }
  process.exitCode = failed ? EXIT.unusable : EXIT.ok;
}

/**
 * One sample package: checked, its tables, report and documents written under `output/<name>`,
 * saved in the store. False when the package cannot be read.
 */
async function demoSample(
  file: string,
  catalog: Catalog,
  store: Store,
  output: string,
  docxFiles: string[],
): Promise<boolean> {
  const path = join(EXAMPLES_DIR, file);
  const { package: pkg, issues } = readPackageFile(path, { catalog });
  const name = basename(file, '.json');
  if (!pkg) {
    process.stderr.write(
      `${color.error('失败')} ${file}：${issues.map((i) => `${i.path} ${i.message}`).join('；')}\n`,
    );
    return false;
  }
  const context = loadCheckContext(pkg.department.profile, pkg.department.year);
  const { profile } = context;
  const { views, findings, summary } = checkPackage(pkg, context);
  const dir = join(output, name);
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'tables.txt'), stripColor(`${views.map(renderTableText).join('\n\n')}\n`));
  writeFileSync(join(dir, 'tables.json'), `${toJson({ file, profile: profile.id, tables: views })}\n`);
  const report = renderReport(pkg.department.name, views, findings, true) + renderSummary(summary);
  writeFileSync(join(dir, 'check.txt'), `${stripColor(report)}\n`);
  writeFileSync(join(dir, 'check.json'), `${toJson({ file, profile: profile.id, summary, findings })}\n`);
  // Saving again the same sample adds no revision, and its check is stored once per revision.
  const { revision, created } = await store.savePackage(pkg, { note: 'juesuan demo 样例数据包' });
  if (created || (await store.listCheckRuns(revision.id)).length === 0) {
    await store.saveCheckRun(revision.id, profile.id, { views, findings, summary });
  }
  const documentName = `${pkg.department.name}${pkg.department.year}年度部门决算`;
  const written = await writeDocument(documentOf(pkg), dir, documentName, ['docx', 'xlsx', 'html']);
  docxFiles.push(written[0]!);
  // A sample with performance data also gets its 部门整体支出绩效自评报告, placeholders and all.
  let reportLine = '';
  if (pkg.performance && loadPerformanceReport(profile.id)) {
    const report = performanceReportOf(pkg);
    const reportName = `${pkg.department.name}${pkg.department.year}年度部门整体支出绩效自评报告`;
    const [reportDocx] = await writeDocument(report.document, dir, reportName, ['docx', 'html']);
    docxFiles.push(reportDocx!);
    reportLine = `    绩效 ${reportName}.docx / .html（待填写 ${report.missing.length} 处）\n`;
  }
  const warnings = issues.filter((i) => i.severity === 'warning').length;
  process.stdout.write(
    `${color.ok('✓')} ${pkg.department.name} ${pkg.department.year} 年（口径 ${profile.id}）：` +
      `${pkg.facts.size} 项数据，${views.length} 张表，数据包警告 ${warnings} 个 → ${dir}/\n` +
      `    审核 ${renderSummary(summary)}\n` +
      `    文档 ${documentName}.docx / .xlsx / .html\n` +
      reportLine +
      `    存储 第 ${revision.revision} 版（编号 ${revision.id}）${created ? '' : '，与库中最新版本相同，未重复保存'}\n`,
  );
  return true;
}

function stripColor(text: string): string {
  // biome-ignore lint/suspicious/noControlCharactersInRegex: ANSI colour codes start with ESC.
  return text.replace(/\x1b\[[0-9;]*m/g, '');
}
