/**
 * juesuan audit <files|folders…>: 审读 published disclosures (PDF, DOCX, XLSX, HTML, text). Each file
 * is read into blocks, its tables are recognised onto the best-fitting profile, and the profile's
 * rules, the classification checks and the narrative checks run on what is printed. Findings are
 * listed by document and table. A batch runs on the worker pool (../batch/pool.ts), prints each
 * file in input order as it comes and ends with a summary table that names the files that failed
 * and why; --report writes the reviewer's HTML or XLSX report.
 */
import { extname } from 'node:path';
import {
  type AuditContext,
  type AuditResult,
  auditDocument,
  FINDING_CATEGORIES,
  type Finding,
  locationText,
  mainCell,
  otherTypeText,
  renderAuditHtml,
  sentenceOf,
} from '@juesuan/core';
import { loadAuditContext, loadProfile } from '@juesuan/data';
import { runPool, type Settled } from '@juesuan/jobs/pool';
import { ReadError, readDocument } from '@juesuan/readers';
import { type BatchFailure, batchExitCode, failureStatus, poolFailure } from '../batch/failure';
import { AUDITABLE_EXTENSIONS, expandFolders } from '../batch/inputs';
import { type BatchOptionValues, parseBatchLimits } from '../batch/options';
import { batchWorkerScript } from '../batch/pool';
import { Progress, truncate } from '../batch/progress';
import { summaryTable } from '../batch/summary';
import { color, type OutputFormat, parseFormat, toJson, UsageError } from '../output';
import { writeFileWhole } from '../output-files';

interface AuditOptions extends BatchOptionValues {
  profile?: string;
  format: string;
  report?: string;
  info: boolean;
}

/** One file of a batch, as a worker (or this thread, with --jobs 1) audits it. */
export interface AuditTask {
  kind: 'audit';
  file: string;
  profile?: string;
  format: OutputFormat;
  showInfo: boolean;
  /** The whole result is wanted back (for --report), not only what is printed. */
  keepDocument: boolean;
}

/**
 * A file audited: what the command prints of it (text, or its entry in the JSON), made where it was
 * audited so that only that crosses to the main thread, its summary row and, for a report, the
 * result itself. Or why the reader could not read it (its ReadError's message).
 */
export type AuditOutcome =
  | { printed: string; row: string[]; hasErrors: boolean; document?: AuditResult }
  | { unreadable: string };

/** Loaded once per thread and profile choice: every file of a batch is audited against the same. */
const contexts = new Map<string | undefined, AuditContext>();

export async function auditFile(task: AuditTask): Promise<AuditOutcome> {
  let context = contexts.get(task.profile);
  if (!context) {
    context = loadAuditContext(task.profile);
    contexts.set(task.profile, context);
  }
  let d: AuditResult;
  try {
    d = auditDocument(await readDocument(task.file), context);
  } catch (error) {
    if (error instanceof ReadError) return { unreadable: error.message };
    throw error;
  }
  return {
    printed: task.format === 'json' ? jsonEntry(d) : renderDocument(d, task.showInfo),
    row: summaryRow(d),
    hasErrors: d.summary.counts.error > 0,
    ...(task.keepDocument ? { document: d } : {}),
  };
}

export async function runAudit(paths: string[], options: AuditOptions) {
  const format = parseFormat(options.format);
  const reportKind = options.report ? reportKindOf(options.report) : undefined;
  const limits = parseBatchLimits(options);
  // An unknown --profile is a wrong call, said once before any file is read.
  if (options.profile) loadProfile(options.profile);
  const files = expandFolders(paths, AUDITABLE_EXTENSIONS, '可审读的文件');
  const out = new AuditOutput(format, files.length > 1);
  const progress = files.length > 1 ? new Progress(files.length) : undefined;
  const tasks: AuditTask[] = files.map((file) => ({
    kind: 'audit',
    file,
    ...(options.profile ? { profile: options.profile } : {}),
    format,
    showInfo: options.info,
    keepDocument: reportKind !== undefined,
  }));
  await runPool(tasks, {
    ...limits,
    // One file is read here: a worker would only add its start-up.
    jobs: limits.jobs,
    inProcess: files.length === 1 || limits.inProcess,
    run: auditFile,
    script: batchWorkerScript(),
    onSettled: (done, index) => progress?.update(done, files[index]!),
    onResult: (result, index) => {
      const show = () => out.add(files[index]!, result);
      if (progress) progress.interrupt(show);
      else show();
    },
  });
  progress?.done();
  out.finish();
  if (options.report && reportKind) await writeReport(options.report, reportKind, out);
  process.exitCode = out.exitCode();
}

/**
 * Prints each file's result as it comes, in input order, and keeps only the summary row of each
 * (and the results themselves when a report is to be written), so a long batch does not pile up.
 */
class AuditOutput {
  private readonly rows: string[][] = [];
  readonly documents: AuditResult[] = [];
  readonly failures: BatchFailure[] = [];
  private anyErrors = false;
  private readonly json: JsonDocuments | undefined;

  constructor(
    format: OutputFormat,
    private readonly batch: boolean,
  ) {
    this.json = format === 'json' ? new JsonDocuments() : undefined;
  }

  add(file: string, result: Settled<AuditOutcome>): void {
    if (!result.ok) {
      this.fail(poolFailure(file, result));
      return;
    }
    const outcome = result.value;
    if ('unreadable' in outcome) {
      this.fail({ file, message: outcome.unreadable, cause: 'unusable' });
      return;
    }
    this.anyErrors ||= outcome.hasErrors;
    if (outcome.document) this.documents.push(outcome.document);
    if (this.json) this.json.add(outcome.printed);
    else process.stdout.write(outcome.printed);
    this.rows.push(outcome.row);
  }

  private fail(failure: BatchFailure): void {
    this.failures.push(failure);
    const status = failureStatus(failure.cause, '无法读取');
    // juesuan's own failure goes where every internal error goes, apart from the results.
    const stream = failure.cause === 'internal' ? process.stderr : process.stdout;
    if (!this.json) stream.write(`${color.error(status)} ${failure.file}：${failure.message}\n\n`);
    this.rows.push([failure.file, '—', status, '—', '—', '—', failure.message]);
  }

  finish(): void {
    if (this.json) this.json.finish(this.failures);
    else if (this.batch) {
      const header = ['文件', '口径', '识别表', '错误', '提示', '信息', '说明'];
      process.stdout.write(summaryTable(header, this.rows, new Set([2, 3, 4, 5])));
    }
  }

  exitCode(): number {
    return batchExitCode(this.failures, this.anyErrors);
  }
}

async function writeReport(path: string, kind: 'html' | 'xlsx', out: AuditOutput): Promise<void> {
  const failures = out.failures.map(({ file, message }) => ({ file, reason: message }));
  const bytes =
    kind === 'html'
      ? new TextEncoder().encode(
          renderAuditHtml(out.documents, { generated: new Date().toLocaleString('zh-CN'), failures }),
        )
      : await (await import('../audit-report-xlsx')).renderAuditXlsx(out.documents, failures);
  writeFileWhole(path, bytes);
  process.stderr.write(`审读报告已写入 ${path}\n`);
}

/**
 * `{ documents, failures }` written one document at a time, exactly as `toJson` writes the whole,
 * so that no document waits in memory for the last one.
 */
class JsonDocuments {
  private count = 0;

  /** `entry`: a document as `jsonEntry` gives it. */
  add(entry: string): void {
    process.stdout.write(`${this.count++ ? ',\n' : '{\n  "documents": [\n'}${entry}`);
  }

  finish(failures: readonly BatchFailure[]): void {
    const documents = this.count ? '\n  ]' : '{\n  "documents": []';
    process.stdout.write(`${documents},\n  "failures": ${indented(toJson(failures), '  ').trimStart()}\n}\n`);
  }
}

/** A document as an element of the `documents` array of the JSON output, indented to its depth. */
function jsonEntry(d: AuditResult): string {
  return indented(toJson(jsonDocument(d)), '    ');
}

function indented(text: string, prefix: string): string {
  return text.replace(/^/gm, prefix);
}

function reportKindOf(path: string): 'html' | 'xlsx' {
  const ext = extname(path).toLowerCase();
  if (ext === '.html' || ext === '.htm') return 'html';
  if (ext === '.xlsx') return 'xlsx';
  throw new UsageError(`--report 只能写 .html 或 .xlsx 文件，实际为 “${path}”`);
}

/** The JSON the issue fixes: documents[].{file, profile, tables, findings}, plus what helps review. */
function jsonDocument(d: AuditResult) {
  return {
    file: d.file,
    format: d.format,
    profile: d.profile.id,
    profileMatch: { score: d.profile.score, why: d.profile.why, name: d.profile.name },
    candidates: d.candidates,
    year: d.year,
    documentKind: d.documentKind,
    summary: d.summary,
    tables: d.tables,
    otherTypeTables: d.otherTypeTables,
    missingTables: d.missingTables,
    unknownTables: d.unknownTables,
    performanceTables: d.performanceTables,
    claims: d.claims,
    ...(d.sideTable ? { sideTable: d.sideTable } : {}),
    findings: d.findings,
    readerWarnings: d.readerWarnings,
  };
}

const TAG = {
  error: () => color.error('错误'),
  warning: () => color.warning('提示'),
  info: () => color.info('尾差'),
};

/** One document: profile and why, tables recognised, findings grouped by table / part. */
function renderDocument(d: AuditResult, showInfo: boolean): string {
  const lines: string[] = [color.bold(`${d.file} 审读结果`), kindLine(d)];
  const notFinal = d.findings.some((f) => f.rule === 'R-05');
  // Not audited as a 决算: no profile tables to list, and a budget has nothing else to show.
  if (notFinal && !d.performanceTables.length) return `${lines.join('\n')}\n\n`;
  if (!notFinal) lines.push(...profileLines(d));
  if (d.performanceTables.length) {
    lines.push(
      color.dim(
        `项目支出绩效自评表 ${d.performanceTables.length} 张${d.summary.performanceChecked ? '' : '（绩效自评核对尚未接入，未核对）'}`,
      ),
    );
  }
  for (const warning of d.readerWarnings.slice(0, 5)) lines.push(color.dim(`读取提示：${warning}`));
  if (d.readerWarnings.length > 5)
    lines.push(color.dim(`（另有 ${d.readerWarnings.length - 5} 条读取提示，见 --format json）`));
  // R-05 is the kind line above.
  const shown = d.findings.filter((f) => f.rule !== 'R-05' && (showInfo || f.severity !== 'info'));
  const groups = new Map<string, Finding[]>();
  const groupOf = (f: Finding) => {
    const cell = mainCell(f);
    return cell && f.category !== 'structure'
      ? `${cell.tableNumber}${tableTitle(d, cell.table)}`
      : f.categoryLabel;
  };
  // 报表构成 first, then the tables in print order, then the text: how a reviewer reads the document.
  const order = [
    FINDING_CATEGORIES.structure,
    ...[...d.tables, ...d.otherTypeTables].map((t) => `${t.number} ${t.title}`),
    FINDING_CATEGORIES.code,
    FINDING_CATEGORIES.narrative,
    FINDING_CATEGORIES.glossary,
    FINDING_CATEGORIES.performance,
  ];
  for (const key of order) groups.set(key, []);
  for (const f of shown) {
    const key = groupOf(f);
    groups.set(key, [...(groups.get(key) ?? []), f]);
  }
  for (const [group, list] of groups) {
    if (!list.length) continue;
    lines.push('', color.bold(group));
    for (const f of list) {
      const where = locationText(f, { withTable: false });
      // An info that is no rounding (a table attached elsewhere, a 绩效 report) is a note, not a 尾差.
      const tag = f.severity === 'info' && !f.rounding ? color.info('说明') : TAG[f.severity]();
      lines.push(`  ${tag} ${color.dim(`[${f.rule}]`)} ${f.message}`);
      const detail = [where, sentenceOf(f) ? `原句：${truncate(sentenceOf(f)!, 60)}` : '']
        .filter(Boolean)
        .join('  ');
      if (detail) lines.push(color.dim(`        ${detail}`));
    }
  }
  if (!shown.length) lines.push('', color.ok('未发现问题。'));
  const c = d.summary.counts;
  const status =
    c.error > 0 ? color.error('有错误') : c.warning > 0 ? color.warning('有提示') : color.ok('通过');
  lines.push(
    '',
    `${status}：错误 ${c.error}，提示 ${c.warning}，信息 ${c.info}；执行规则 ${d.summary.rulesRun} 条，跳过 ${d.summary.skipped.length} 条；情况说明数字 ${d.summary.claims.total} 处，不符 ${d.summary.claims.mismatch}，格式问题 ${d.summary.claims.format}`,
  );
  return `${lines.join('\n')}\n\n`;
}

/** The profile chosen, the tables recognised, missing and unknown. */
function profileLines(d: AuditResult): string[] {
  const lines: string[] = [];
  lines.push(
    `口径 ${d.profile.id}（${d.profile.name}），匹配度 ${Math.round(d.profile.score * 100)}%：${d.profile.why.join('，')}`,
  );
  const tables = d.tables
    .map(
      (t) =>
        `${t.number}${t.confidence < 0.7 ? color.warning(`（${Math.round(t.confidence * 100)}%）`) : ''}`,
    )
    .join(' ');
  lines.push(`识别的表 ${d.tables.length}/${d.summary.tablesExpected}：${tables || '无'}`);
  if (d.missingTables.length && !d.tables.length) {
    lines.push(color.warning(`文中没有任何公开表（口径的 ${d.missingTables.length} 张表都未找到，见 R-06）`));
  } else if (d.missingTables.length) {
    lines.push(color.error(`缺少：${d.missingTables.map((t) => `${t.number}「${t.title}」`).join('、')}`));
  }
  if (d.otherTypeTables.length) {
    lines.push(
      `另有 ${d.otherTypeTables.length} 张表不属于本口径，按其他口径的表识别并用其表内公式审核：${d.otherTypeTables.map((t) => `${t.number}「${t.title}」（${otherTypeText(t)}）`).join('、')}`,
    );
  }
  if (d.unknownTables.length) {
    lines.push(
      color.warning(
        `未识别的表：${d.unknownTables.map((u) => u.title ?? u.number ?? `第 ${u.blockIndex + 1} 块`).join('、')}`,
      ),
    );
  }
  return lines;
}

/**
 * What the document is. A document that is not a 部门决算 gets the R-05 sentence itself (not audited
 * as a 决算; nothing else to list for a budget); a 决算 gets its kind and the line that said so.
 */
function kindLine(d: AuditResult): string {
  const notFinal = d.findings.find((f) => f.rule === 'R-05');
  if (notFinal) return color.warning(notFinal.message);
  const kind = d.documentKind;
  const basis = kind.evidence[0];
  return color.dim(
    kind.kind === 'unknown'
      ? '文件类型：未能从标题、目录和表名判断，按部门决算审核'
      : `文件类型：${kind.label}${kind.year !== undefined ? `（${kind.year}年度）` : ''}${basis ? `，依据「${basis.text}」` : ''}，把握 ${Math.round(kind.confidence * 100)}%`,
  );
}

function tableTitle(d: AuditResult, id: string | undefined): string {
  const t = [...d.tables, ...d.otherTypeTables].find((x) => x.id === id);
  return t ? ` ${t.title}` : '';
}

/** A document's row in the batch summary. */
function summaryRow(d: AuditResult): string[] {
  return [
    d.file,
    // A document not audited as a 决算 has no profile: its kind stands in the column.
    d.findings.some((f) => f.rule === 'R-05') ? d.documentKind.label : d.profile.id,
    `${d.summary.tablesRecognised}/${d.summary.tablesExpected}`,
    String(d.summary.counts.error),
    String(d.summary.counts.warning),
    String(d.summary.counts.info),
    '',
  ];
}
