import { mkdirSync } from 'node:fs';
import {
  assemblePerformanceReport,
  buildDocument,
  type DataPackage,
  type DocumentView,
  type Finding,
  findingsFromPlaceholders,
} from '@juesuan/core';
import {
  loadCatalog,
  loadDocumentContext,
  loadPerformanceProfile,
  loadPerformanceReport,
  ProfileError,
  readPackageFile,
} from '@juesuan/data';
import { runPool, type Settled } from '@juesuan/jobs/pool';
import { convertToPdf, PdfConversionError, renderDocx, renderHtml, renderXlsx } from '@juesuan/render';
import { type BatchFailure, batchExitCode, failureStatus, poolFailure } from '../batch/failure';
import { expandFolders, isFolder } from '../batch/inputs';
import { type BatchOptionValues, parseBatchLimits } from '../batch/options';
import { batchWorkerScript } from '../batch/pool';
import { Progress } from '../batch/progress';
import { summaryTable } from '../batch/summary';
import { color, EXIT, UsageError } from '../output';
import { pathInside, safeFileName, writeFileWhole } from '../output-files';
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
  const id = profileId ?? pkg.department.profile;
  const context = loadDocumentContext(id, pkg.department.year);
  if (!context) throw new UsageError(`口径 ${id} 缺少情况说明模板或名词解释`);
  return buildDocument(pkg, context);
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
  const docxPath = pathInside(dir, `${name}.docx`);
  if (formats.includes('docx') || formats.includes('pdf')) {
    writeFileWhole(docxPath, await renderDocx(doc));
    if (formats.includes('docx')) written.push(docxPath);
  }
  if (formats.includes('xlsx')) {
    const path = pathInside(dir, `${name}.xlsx`);
    writeFileWhole(path, await renderXlsx(doc));
    written.push(path);
  }
  if (formats.includes('html')) {
    const path = pathInside(dir, `${name}.html`);
    writeFileWhole(path, renderHtml(doc));
    written.push(path);
  }
  if (formats.includes('pdf')) written.push(...(await convertToPdf([docxPath], dir)));
  return written;
}

interface ReportOptions extends BatchOptionValues {
  output: string;
  format: string;
  profile?: string;
  kind: string;
}

export async function runReport(file: string, options: ReportOptions) {
  const kind = parseReportKind(options.kind);
  const formats = parseDocumentFormats(options.format);
  if (isFolder(file)) return runReportBatch(file, options, kind, formats);
  const pkg = loadPackageOrReport(file, 'text');
  if (!pkg) {
    process.exitCode = EXIT.unusable;
    return;
  }
  const { doc, name, missing } = reportOf(pkg, kind, options.profile);
  // The report is written with placeholders; the user learns here what is left to write.
  for (const line of missingLines(missing)) process.stderr.write(`${line}\n`);
  for (const path of await writeDocument(doc, options.output, name, formats)) {
    process.stdout.write(`${color.ok('已生成')} ${path}\n`);
  }
}

/** The document of `kind` for the package, the name of its files, and the texts it still lacks. */
function reportOf(
  pkg: DataPackage,
  kind: ReportKind,
  profileId: string | undefined,
): { doc: DocumentView; name: string; missing: Finding[] } {
  const { name: department, year } = pkg.department;
  if (kind === 'performance') {
    const report = performanceReportOf(pkg, profileId);
    return {
      doc: report.document,
      name: safeFileName(`${department}${year}年度部门整体支出绩效自评报告`),
      missing: report.missing,
    };
  }
  return {
    doc: documentOf(pkg, profileId),
    name: safeFileName(`${department}${year}年度部门决算`),
    missing: [],
  };
}

function missingLines(missing: readonly Finding[]): string[] {
  if (!missing.length) return [];
  return [
    `${color.warning('提示')} 报告中有 ${missing.length} 处待填写，已以【请填写…】占位：`,
    ...missing.map((finding) => `  ${finding.message}`),
  ];
}

/** One package of a folder, as a worker (or this thread, with --jobs 1) renders it. */
export interface ReportTask {
  kind: 'report';
  file: string;
  output: string;
  /** The formats the task writes: the PDFs are made afterwards, from every package's DOCX at once. */
  formats: DocumentFormat[];
  reportKind: ReportKind;
  profile?: string;
}

/** A package's files written (and what to tell about it), or why the package cannot be used. */
export type ReportOutcome =
  | { name: string; written: string[]; notes: string[]; summary: string }
  | { unusable: string };

export async function renderPackage(task: ReportTask): Promise<ReportOutcome> {
  const { package: pkg, issues } = readPackageFile(task.file, { catalog: loadCatalog() });
  const errors = issues.filter((i) => i.severity === 'error');
  if (!pkg) {
    const listed = errors.slice(0, 3).map((i) => `${i.path ? `${i.path}：` : ''}${i.message}`);
    return {
      unusable: `数据包有 ${errors.length} 个错误：${listed.join('；')}${errors.length > 3 ? '…' : ''}`,
    };
  }
  try {
    const { doc, name, missing } = reportOf(pkg, task.reportKind, task.profile);
    const written = await writeDocument(doc, task.output, name, task.formats);
    const notes = [
      ...issues.map((i) => `${color.warning('警告')} ${color.dim(i.path)}：${i.message}`),
      ...missingLines(missing),
    ];
    const summary = [
      issues.length ? `警告 ${issues.length} 条` : '',
      missing.length ? `待填写 ${missing.length} 处` : '',
    ];
    return { name, written, notes, summary: summary.filter(Boolean).join('，') };
  } catch (error) {
    // A profile that lacks what the document needs is this package's problem, not the batch's.
    if (error instanceof UsageError || error instanceof ProfileError) return { unusable: error.message };
    throw error;
  }
}

/** A package of the batch once its worker has answered. */
interface PackageResult {
  file: string;
  name?: string;
  written: string[];
  notes: string[];
  summary?: string;
  failure?: BatchFailure;
}

/**
 * `report <folder>`: every package in the folder into the output directory, on the worker pool; a
 * package that fails is a row of the summary, and the others are still written.
 */
async function runReportBatch(
  folder: string,
  options: ReportOptions,
  kind: ReportKind,
  formats: readonly DocumentFormat[],
): Promise<void> {
  const limits = parseBatchLimits(options);
  const files = expandFolders([folder], ['.json'], '数据包');
  const pdf = formats.includes('pdf');
  const taskFormats = pdf
    ? [...new Set([...formats.filter((f) => f !== 'pdf'), 'docx' as const])]
    : [...formats];
  // An output directory that cannot be made fails the command once, not every package.
  mkdirSync(options.output, { recursive: true });
  const progress = new Progress(files.length);
  const results: PackageResult[] = [];
  const tasks: ReportTask[] = files.map((file) => ({
    kind: 'report',
    file,
    output: options.output,
    formats: taskFormats,
    reportKind: kind,
    ...(options.profile ? { profile: options.profile } : {}),
  }));
  await runPool(tasks, {
    ...limits,
    jobs: limits.jobs,
    inProcess: files.length === 1 || limits.inProcess,
    run: renderPackage,
    script: batchWorkerScript(),
    onSettled: (done, index) => progress.update(done, files[index]!),
    onResult: (result, index) => results.push(packageResult(files[index]!, result)),
  });
  progress.done();
  refuseSameNames(results);
  if (pdf) await addPdfs(results, options.output, limits.jobs, formats.includes('docx'));
  printReportBatch(results);
  process.exitCode = batchExitCode(
    results.flatMap((r) => (r.failure ? [r.failure] : [])),
    false,
  );
}

function packageResult(file: string, result: Settled<ReportOutcome>): PackageResult {
  if (!result.ok) return { file, written: [], notes: [], failure: poolFailure(file, result) };
  if ('unusable' in result.value) {
    return {
      file,
      written: [],
      notes: [],
      failure: { file, message: result.value.unusable, cause: 'unusable' },
    };
  }
  return { file, ...result.value };
}

/**
 * Two packages of one department and year write files of the same name, and which one is left in
 * the output directory depends on which worker finished last: the later package in name order is
 * failed with both named, so the user knows the files belong to only one of them.
 */
function refuseSameNames(results: PackageResult[]): void {
  const first = new Map<string, string>();
  for (const result of results) {
    if (result.failure || !result.name) continue;
    const earlier = first.get(result.name);
    if (earlier === undefined) {
      first.set(result.name, result.file);
      continue;
    }
    result.failure = {
      file: result.file,
      message: `与 ${earlier} 是同一部门同一年度（${result.name}），生成的文件同名，输出目录中只保留其中一份`,
      cause: 'unusable',
    };
    result.written = [];
  }
}

/**
 * The PDFs of every package from their DOCX in one LibreOffice run per job (warm after its first
 * file). Should LibreOffice fail on the batch, each DOCX is converted alone, so that only the
 * package whose PDF cannot be made fails.
 */
async function addPdfs(
  results: PackageResult[],
  dir: string,
  instances: number,
  keepDocx: boolean,
): Promise<void> {
  const ready = results.filter((r) => !r.failure);
  const docxOf = (r: PackageResult) => pathInside(dir, `${r.name}.docx`);
  try {
    const pdfs = await convertToPdf(ready.map(docxOf), dir, { instances });
    for (const [i, r] of ready.entries()) r.written.push(pdfs[i]!);
  } catch (error) {
    if (!(error instanceof PdfConversionError)) throw error;
    for (const r of ready) {
      try {
        r.written.push(...(await convertToPdf([docxOf(r)], dir)));
      } catch (single) {
        if (!(single instanceof PdfConversionError)) throw single;
        r.failure = { file: r.file, message: single.message, cause: 'internal' };
      }
    }
  }
  if (!keepDocx) for (const r of ready) r.written = r.written.filter((path) => path !== docxOf(r));
}

function printReportBatch(results: readonly PackageResult[]): void {
  for (const r of results) {
    if (r.notes.length) process.stderr.write(`${color.bold(r.file)}\n${r.notes.join('\n')}\n`);
    if (r.failure) {
      const stream = r.failure.cause === 'internal' ? process.stderr : process.stdout;
      stream.write(
        `${color.error(failureStatus(r.failure.cause, '未生成'))} ${r.file}：${r.failure.message}\n`,
      );
    }
    for (const path of r.written) process.stdout.write(`${color.ok('已生成')} ${path}\n`);
  }
  const rows = results.map((r) => [
    r.file,
    r.failure ? '—' : String(r.written.length),
    r.failure ? `${failureStatus(r.failure.cause, '未生成')}：${r.failure.message}` : (r.summary ?? ''),
  ]);
  process.stdout.write(`\n${summaryTable(['数据包', '生成文件', '说明'], rows, new Set([1]))}`);
}
