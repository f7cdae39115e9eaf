import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  assemblePerformanceReport,
  buildDocument,
  type DataPackage,
  type DocumentView,
  type Finding,
  findingsFromPlaceholders,
} from '@juesuan/core';
import { loadCatalog, loadCheckContext, loadPerformanceProfile, loadPerformanceReport } from '@juesuan/data';
import { convertToPdf, renderDocx, renderHtml, renderXlsx } from '@juesuan/render';
import { color, EXIT, UsageError } from '../output';
import { loadPackageOrReport } from './package';
import { DOCUMENT_FORMATS, REPORT_KINDS } from './report-kinds';

type DocumentFormat = (typeof DOCUMENT_FORMATS)[number];

export function parseDocumentFormats(value: string): DocumentFormat[] {
  const wanted = value.split(',').map((f) => f.trim().toLowerCase());
  const unknown = wanted.filter((f) => !(DOCUMENT_FORMATS as readonly string[]).includes(f));
  if (unknown.length)
    throw new UsageError(
      `--format 只能是 ${DOCUMENT_FORMATS.join('、')} 的组合，不认识 ${unknown.join('、')}`,
    );
  return wanted as DocumentFormat[];
}

/** Builds the package's complete disclosure document with its profile's wording and scoring rules. */
export function documentOf(pkg: DataPackage, profileId?: string): DocumentView {
  const context = loadCheckContext(profileId ?? pkg.department.profile, pkg.department.year);
  const { narrative, glossary } = context;
  if (!narrative || !glossary) throw new UsageError(`口径 ${context.profile.id} 缺少情况说明模板或名词解释`);
  return buildDocument(pkg, { ...context, narrative, glossary });
}

type ReportKind = keyof typeof REPORT_KINDS;

export function parseReportKind(value: string): ReportKind {
  if (value in REPORT_KINDS) return value as ReportKind;
  throw new UsageError(
    `--kind 只能是 ${Object.entries(REPORT_KINDS)
      .map(([kind, label]) => `${kind}（${label}）`)
      .join(' 或 ')}，实际为 “${value}”`,
  );
}

/**
 * The package's 部门整体支出绩效自评报告 with its profile's outline and scoring rules, and the
 * texts and entries it still lacks (each a placeholder in the report).
 */
export function performanceReportOf(
  pkg: DataPackage,
  profileId?: string,
): { document: DocumentView; missing: Finding[] } {
  const id = profileId ?? pkg.department.profile;
  const report = loadPerformanceReport(id);
  if (!report) {
    throw new UsageError(
      `口径 ${id} 没有部门整体支出绩效自评报告的提纲（profiles/${id}/performance-report/report.json）`,
    );
  }
  const performance = loadPerformanceProfile(id);
  if (!performance) throw new UsageError(`口径 ${id} 没有绩效评分规则（profiles/${id}/performance.json）`);
  const built = assemblePerformanceReport(pkg, { catalog: loadCatalog(), report, performance });
  return { document: built.document, missing: findingsFromPlaceholders(pkg, built.placeholders) };
}

/** Writes the document in the given formats to `dir` as `<name>.<ext>`; the PDF is made from the DOCX. */
export async function writeDocument(
  doc: DocumentView,
  dir: string,
  name: string,
  formats: readonly DocumentFormat[],
): Promise<string[]> {
  mkdirSync(dir, { recursive: true });
  const written: string[] = [];
  const docxPath = join(dir, `${name}.docx`);
  if (formats.includes('docx') || formats.includes('pdf')) {
    writeFileSync(docxPath, await renderDocx(doc));
    if (formats.includes('docx')) written.push(docxPath);
  }
  if (formats.includes('xlsx')) {
    const path = join(dir, `${name}.xlsx`);
    writeFileSync(path, await renderXlsx(doc));
    written.push(path);
  }
  if (formats.includes('html')) {
    const path = join(dir, `${name}.html`);
    writeFileSync(path, renderHtml(doc));
    written.push(path);
  }
  if (formats.includes('pdf')) written.push(...(await convertToPdf([docxPath], dir)));
  return written;
}

export async function runReport(
  file: string,
  options: { output: string; format: string; profile?: string; kind: string },
) {
  const kind = parseReportKind(options.kind);
  const formats = parseDocumentFormats(options.format);
  const pkg = loadPackageOrReport(file, 'text');
  if (!pkg) {
    process.exitCode = EXIT.unusable;
    return;
  }
  const { name: department, year } = pkg.department;
  let doc: DocumentView;
  let name: string;
  if (kind === 'performance') {
    const report = performanceReportOf(pkg, options.profile);
    doc = report.document;
    name = `${department}${year}年度部门整体支出绩效自评报告`;
    // The report is written with placeholders; the user learns here what is left to write.
    if (report.missing.length) {
      process.stderr.write(
        `${color.warning('提示')} 报告中有 ${report.missing.length} 处待填写，已以【请填写…】占位：\n`,
      );
      for (const finding of report.missing) process.stderr.write(`  ${finding.message}\n`);
    }
  } else {
    doc = documentOf(pkg, options.profile);
    name = `${department}${year}年度部门决算`;
  }
  for (const path of await writeDocument(doc, options.output, name, formats)) {
    process.stdout.write(`${color.ok('已生成')} ${path}\n`);
  }
}
