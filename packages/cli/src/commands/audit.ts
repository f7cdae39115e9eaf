/**
 * juesuan audit <files…>: 审读 published disclosures (PDF, DOCX, XLSX, HTML, text). Each file is
 * read into blocks, its tables are recognised onto the best-fitting profile, and the profile's rules,
 * the classification checks and the narrative checks run on what is printed. Findings are listed by
 * document and table; a batch ends with a summary table; --report writes the reviewer's HTML or
 * XLSX report.
 */
import { writeFileSync } from 'node:fs';
import { extname } from 'node:path';
import {
  type AuditResult,
  auditDocument,
  displayWidth,
  FINDING_CATEGORIES,
  type Finding,
  locationText,
  mainCell,
  otherTypeText,
  renderAuditHtml,
  sentenceOf,
} from '@juesuan/core';
import { loadAuditContext } from '@juesuan/data';
import { ReadError, readDocument } from '@juesuan/readers';
import { renderAuditXlsx } from '../audit-report-xlsx';
import { color, EXIT, padEnd, padStart, parseFormat, toJson, UsageError } from '../output';

interface AuditOptions {
  profile?: string;
  format: string;
  report?: string;
  info: boolean;
}

export async function runAudit(files: string[], options: AuditOptions) {
  const format = parseFormat(options.format);
  const reportKind = options.report ? reportKindOf(options.report) : undefined;
  const context = loadAuditContext(options.profile);
  const progress = files.length > 1 ? new Progress(files.length) : undefined;
  const documents: AuditResult[] = [];
  const failures: { file: string; message: string }[] = [];
  for (const [i, file] of files.entries()) {
    progress?.update(i, file);
    try {
      const raw = await readDocument(file);
      documents.push(auditDocument(raw, context));
    } catch (error) {
      if (!(error instanceof ReadError)) throw error;
      failures.push({ file, message: error.message });
    }
  }
  progress?.done();
  if (format === 'json') {
    process.stdout.write(`${toJson({ documents: documents.map(jsonDocument), failures })}\n`);
  } else {
    for (const d of documents) process.stdout.write(renderDocument(d, options.info));
    for (const f of failures) process.stdout.write(`${color.error('无法读取')} ${f.file}：${f.message}\n\n`);
    if (files.length > 1) process.stdout.write(renderBatchSummary(documents, failures));
  }
  if (options.report && reportKind) {
    const bytes =
      reportKind === 'html'
        ? new TextEncoder().encode(
            renderAuditHtml(documents, { generated: new Date().toLocaleString('zh-CN') }),
          )
        : await renderAuditXlsx(documents);
    writeFileSync(options.report, bytes);
    process.stderr.write(`审读报告已写入 ${options.report}\n`);
  }
  process.exitCode = failures.length
    ? EXIT.unusable
    : documents.some((d) => d.summary.counts.error > 0)
      ? EXIT.findings
      : EXIT.ok;
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

function truncate(text: string, width: number): string {
  return [...text].length > width ? `${[...text].slice(0, width).join('')}…` : text;
}

function renderBatchSummary(
  documents: readonly AuditResult[],
  failures: readonly { file: string }[],
): string {
  const header = ['文件', '口径', '识别表', '错误', '提示', '信息'];
  const rows = documents.map((d) => [
    d.file,
    // A document not audited as a 决算 has no profile: its kind stands in the column.
    d.findings.some((f) => f.rule === 'R-05') ? d.documentKind.label : d.profile.id,
    `${d.summary.tablesRecognised}/${d.summary.tablesExpected}`,
    String(d.summary.counts.error),
    String(d.summary.counts.warning),
    String(d.summary.counts.info),
  ]);
  for (const f of failures) rows.push([f.file, '—', '无法读取', '—', '—', '—']);
  const widths = header.map((h, i) => Math.max(displayWidth(h), ...rows.map((r) => displayWidth(r[i]!))));
  const line = (cells: string[]) =>
    cells.map((c, i) => (i >= 2 ? padStart(c, widths[i]!) : padEnd(c, widths[i]!))).join('  ');
  const out = [
    color.bold('汇总'),
    line(header),
    widths.map((w) => '─'.repeat(w)).join('  '),
    ...rows.map(line),
  ];
  return `${out.join('\n')}\n`;
}

/** A one-line progress bar on stderr for batches; silent when stderr is not a terminal. */
class Progress {
  private readonly enabled = Boolean(process.stderr.isTTY);
  constructor(private readonly total: number) {}

  update(done: number, file: string): void {
    if (!this.enabled) return;
    const width = 24;
    const filled = Math.round((done / this.total) * width);
    const bar = `${'█'.repeat(filled)}${'░'.repeat(width - filled)}`;
    process.stderr.write(`\r${bar} ${done}/${this.total} ${truncate(file, 40)}\u001b[K`);
  }

  done(): void {
    if (!this.enabled) return;
    process.stderr.write(`\r${'█'.repeat(24)} ${this.total}/${this.total}\u001b[K\n`);
  }
}
