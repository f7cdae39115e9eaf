/**
 * What the audit says about the kind of document it was given: that it is not a 部门决算 (R-05),
 * or that it is one whose tables are not in the text at all (R-06) — one finding each, instead of a
 * 决算 rule firing on every table a budget or an excerpt does not have.
 */
import type { Finding } from '../finding';
import type { TableDef } from '../profile';
import {
  attachmentStatement,
  type DocumentKind,
  type KindEvidenceRole,
  listedTableTitles,
} from './document-kind';
import { documentFinding } from './findings';
import type { RawDocument } from './raw';

const ROLE_WORDS: Record<KindEvidenceRole, string> = {
  title: '标题',
  heading: '目录和标题',
  content: '表头和叙述',
};

/** A document is audited as a 部门决算 when it is one, or when nothing in it says what it is. */
export function auditedAsFinalAccounts(kind: DocumentKind): boolean {
  return kind.kind === 'final-accounts' || kind.kind === 'unknown';
}

/** The one line that says what the document is, for a document that is not a 部门决算 (R-05). */
export function notFinalAccountsFinding(
  kind: DocumentKind,
  year: number | undefined,
  performanceTables: number,
): Finding {
  const reportYear = kind.year ?? year;
  const what =
    kind.kind === 'budget'
      ? `这是一份${kind.label}公开文件${reportYear !== undefined ? `（${reportYear}年度）` : ''}`
      : `这是一份${kind.label}${reportYear !== undefined ? `（${reportYear}年度）` : ''}`;
  const checked =
    kind.kind !== 'performance'
      ? ''
      : performanceTables > 0
        ? `，只按绩效自评规则核对其中的 ${performanceTables} 张绩效自评表`
        : '；文中没有可逐项读取的绩效自评表，未作核对';
  const first = kind.evidence[0];
  const basis = first && kind.decidedBy ? `（依据${ROLE_WORDS[kind.decidedBy]}「${first.text}」）` : '';
  return documentFinding({
    id: 'R-05',
    rule: 'R-05',
    ...(kind.kind === 'performance' ? { severity: 'info' as const } : {}),
    category: 'structure',
    location: first?.location ?? {},
    expected: '部门决算',
    found: kind.label,
    message: `${what}，不是部门决算；未按决算口径审核${checked}。${basis}`,
  });
}

/**
 * A 决算 of which not one table was recognised (R-06): the tables are attachments, or the text is an
 * excerpt, or they are images. One finding for all of them instead of an R-01 per table.
 */
export function tablesNotInTextFinding(raw: RawDocument, missing: readonly TableDef[]): Finding {
  const attachment = attachmentStatement(raw);
  const listed = listedTableTitles(raw);
  const where = attachment
    ? `；文中写明「${attachment.text}」，公开表在附件中`
    : '；送审的可能只是正文或摘录，或表格以图片印出';
  return documentFinding({
    id: 'R-06',
    rule: 'R-06',
    ...(attachment ? { severity: 'info' as const } : {}),
    category: 'structure',
    location: attachment?.location ?? listed[0]?.location ?? {},
    expected: `${missing.length} 张公开表`,
    found: '文中无表格',
    message:
      `文中没有识别出任何一张公开表${listed.length ? `（目录或正文列出 ${listed.length} 张表）` : ''}${where}。` +
      `${missing.length} 张公开表及涉及它们的审核公式都未核对，请连同报表一并审读`,
  });
}
