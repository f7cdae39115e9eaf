/**
 * What an audit of a published document reports: every finding with its place in the document
 * (page/line, and table/row/column or the sentence), what was expected and what was found. Rule
 * findings keep the engine's cells; narrative findings carry the claim they are about.
 */

import type { Severity } from '../rules/catalogue';
import type { Finding, FindingCell } from '../rules/run';
import type { RawLocation } from './raw';

export type AuditCategory = 'structure' | 'table' | 'code' | 'narrative' | 'glossary' | 'performance';

export const AUDIT_CATEGORY_LABEL: Record<AuditCategory, string> = {
  structure: '报表构成',
  table: '表内表间',
  code: '科目',
  narrative: '情况说明',
  glossary: '名词解释',
  performance: '绩效自评',
};

export interface AuditLocation extends RawLocation {
  /** Profile table id (T03) and its number as printed (公开03表). */
  table?: string;
  tableNumber?: string;
  /** Row as printed: 行次, code and label. */
  row?: { line?: number; code?: string; label: string };
  column?: { no?: number; label: string };
  /** The sentence of the narrative a claim was read from. */
  sentence?: string;
  /** The narrative section (一、收入决算情况说明 …). */
  section?: string;
}

export interface AuditFinding {
  /** Stable within a document: `${rule}@${where}`. */
  id: string;
  rule: string;
  severity: Severity;
  category: AuditCategory;
  title: string;
  location: AuditLocation;
  /** As text in the document's unit (940.49万元, 72.86%). */
  expected?: string;
  found?: string;
  message: string;
  /** The difference lies within the rounding of the printed figures (尾数误差). */
  rounding?: boolean;
  /** Cells of a rule finding, as the rule engine reports them. */
  cells?: FindingCell[];
}

export const SEVERITY_ORDER: Record<Severity, number> = { error: 0, warning: 1, info: 2 };

export function countFindings(findings: readonly AuditFinding[]): Record<Severity, number> {
  const counts: Record<Severity, number> = { error: 0, warning: 0, info: 0 };
  for (const f of findings) counts[f.severity]++;
  return counts;
}

/** Where a finding is, in words: 第 3 页 第 120 行 · 公开03表「合计」第1栏「本年支出合计」. */
export function locationText(location: AuditLocation): string {
  const place = [
    location.sheet ? `工作表「${location.sheet}」` : '',
    location.page !== undefined ? `第 ${location.page} 页` : '',
    location.line !== undefined ? `第 ${location.line} 行` : '',
  ]
    .filter(Boolean)
    .join(' ');
  const row = location.row
    ? location.row.line !== undefined
      ? `第${location.row.line}行「${location.row.label}」`
      : `「${[location.row.code, location.row.label].filter(Boolean).join(' ')}」`
    : '';
  const column = location.column
    ? location.column.no !== undefined
      ? `第${location.column.no}栏「${location.column.label}」`
      : `「${location.column.label}」栏`
    : '';
  const where = location.tableNumber
    ? `${location.tableNumber}${row}${column}`
    : location.section
      ? `「${location.section}」`
      : '';
  return [place, where].filter(Boolean).join(' · ');
}

/** A rule engine finding as the auditor reports it, at its place in the document. */
export function auditFindingOf(f: Finding, category: AuditCategory, location: AuditLocation): AuditFinding {
  return {
    id: f.id,
    rule: f.ruleId,
    severity: f.severity,
    category,
    title: f.title,
    location,
    ...(f.expected ? { expected: f.expected.text } : {}),
    ...(f.found ? { found: f.found.text } : {}),
    message: f.message,
    ...(f.rounding ? { rounding: true } : {}),
  };
}
