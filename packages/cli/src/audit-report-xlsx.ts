/**
 * The reviewer's report as a workbook: 汇总 (one row a document), 问题 (every finding with its place,
 * expected and found; auto-filter on every column so a reviewer filters by 级别, 规则 or 文件) and
 * 识别的表 (what each grid was taken for, with its confidence).
 */
import {
  type AuditResult,
  documentPlaces,
  locationText,
  mainCell,
  readingPlace,
  sentenceOf,
} from '@juesuan/core';
import ExcelJS from 'exceljs';

const SEVERITY_TEXT = { error: '错误', warning: '提示', info: '信息（尾数误差）' } as const;
const FILL = { error: 'FFF8D7DA', warning: 'FFFFF3CD', info: 'FFE0F7FA' } as const;

/** A file of the batch that could not be audited, and why. */
export interface AuditFailureRow {
  file: string;
  reason: string;
}

export async function renderAuditXlsx(
  documents: readonly AuditResult[],
  failures: readonly AuditFailureRow[] = [],
): Promise<Uint8Array> {
  const book = new ExcelJS.Workbook();
  book.creator = 'juesuan';
  const summary = addSummarySheet(book, documents, failures);
  const findings = addFindingsSheet(book, documents);
  const tables = addTablesSheet(book, documents);
  for (const sheet of [summary, findings, tables]) sheet.getRow(1).font = { bold: true };
  return new Uint8Array(await book.xlsx.writeBuffer());
}

/** 汇总: one row per document, then one per file that could not be audited. */
function addSummarySheet(
  book: ExcelJS.Workbook,
  documents: readonly AuditResult[],
  failures: readonly AuditFailureRow[],
): ExcelJS.Worksheet {
  const summary = book.addWorksheet('汇总');
  summary.columns = [
    { header: '文件', key: 'file', width: 40 },
    { header: '口径', key: 'profile', width: 16 },
    { header: '匹配度', key: 'score', width: 8 },
    { header: '年度', key: 'year', width: 8 },
    { header: '识别表', key: 'tables', width: 10 },
    { header: '错误', key: 'error', width: 8 },
    { header: '提示', key: 'warning', width: 8 },
    { header: '信息', key: 'info', width: 8 },
    { header: '缺少的表', key: 'missing', width: 40 },
    { header: '未能审读的原因', key: 'failure', width: 60 },
  ];
  for (const d of documents) {
    summary.addRow({
      file: d.file,
      profile: d.profile.id,
      score: d.profile.score,
      year: d.year,
      tables: `${d.summary.tablesRecognised}/${d.summary.tablesExpected}`,
      error: d.summary.counts.error,
      warning: d.summary.counts.warning,
      info: d.summary.counts.info,
      missing: d.missingTables.map((t) => `${t.number}${t.title}`).join('、'),
    });
  }
  for (const f of failures) summary.addRow({ file: f.file, failure: f.reason });
  return summary;
}

/** 问题: every finding with its place, filterable, the header frozen. */
function addFindingsSheet(book: ExcelJS.Workbook, documents: readonly AuditResult[]): ExcelJS.Worksheet {
  const findings = book.addWorksheet('问题');
  findings.columns = [
    { header: '文件', key: 'file', width: 30 },
    { header: '级别', key: 'severity', width: 10 },
    { header: '规则', key: 'rule', width: 9 },
    { header: '类别', key: 'category', width: 10 },
    { header: '页', key: 'page', width: 5 },
    { header: '行', key: 'line', width: 6 },
    { header: '表', key: 'table', width: 10 },
    { header: '位置', key: 'location', width: 40 },
    { header: '说明', key: 'message', width: 80 },
    { header: '应为', key: 'expected', width: 16 },
    { header: '实为', key: 'found', width: 16 },
    { header: '原句', key: 'sentence', width: 60 },
  ];
  for (const d of documents) {
    for (const f of d.findings) {
      const read = readingPlace(f);
      const row = findings.addRow({
        file: d.file,
        severity: SEVERITY_TEXT[f.severity],
        rule: f.rule,
        category: f.categoryLabel,
        page: read?.page ?? '',
        line: read?.line ?? '',
        table: mainCell(f)?.tableNumber ?? '',
        location: locationText(f),
        message: f.message,
        expected: f.expected?.text ?? '',
        found: f.found?.text ?? '',
        sentence: sentenceOf(f) ?? '',
      });
      row.getCell('severity').fill = {
        type: 'pattern',
        pattern: 'solid',
        fgColor: { argb: FILL[f.severity] },
      };
      row.alignment = { vertical: 'top', wrapText: true };
    }
  }
  findings.autoFilter = { from: 'A1', to: 'L1' };
  findings.views = [{ state: 'frozen', ySplit: 1 }];
  return findings;
}

/** 识别的表: every table recognised, with how sure and why. */
function addTablesSheet(book: ExcelJS.Workbook, documents: readonly AuditResult[]): ExcelJS.Worksheet {
  const tables = book.addWorksheet('识别的表');
  tables.columns = [
    { header: '文件', key: 'file', width: 30 },
    { header: '表', key: 'id', width: 6 },
    { header: '表号', key: 'number', width: 10 },
    { header: '标题', key: 'title', width: 36 },
    { header: '位置', key: 'location', width: 16 },
    { header: '置信度', key: 'confidence', width: 8 },
    { header: '依据', key: 'why', width: 60 },
  ];
  for (const d of documents) {
    // A table of another profile's type shows as `<profile>:<table>`, and its 依据 names that table.
    for (const t of [...d.tables, ...d.otherTypeTables]) {
      tables.addRow({
        file: d.file,
        id: t.id,
        number: t.number,
        title: t.title,
        location: locationText({ places: documentPlaces(t.location) }),
        confidence: t.confidence,
        why: t.why.join('；'),
      });
    }
  }
  return tables;
}
