// 在一批真实公开文件上跑审读，看每份文件被认成什么、识别出多少表、报出多少问题、用了多久：与
// `juesuan audit` 同一路径——读取（readDocument）+ 审读（auditDocument，loadAuditContext 给出全部口径、
// 规则、情况说明与绩效核对）。默认读仓库旁的 ../shared/corpus/（没有这个文件夹时说明并跳过），也可以给出
// 别的文件夹。逐份打印：文件类型与把握、口径与匹配度、识别的表 / 文中以文字印出的表（按表格前后的表名估计）、
// 错误 / 提示 / 信息数、用时（读取 + 审读）；再对同一份读取结果跑导入（与 `juesuan import` 同一路径：
// importDocuments），打印导入结果（拒绝及原因：不是决算 / 无表 / 年度不同）、已导入与未导入的数字个数、导入用时；
// 最后是合计与中位数。任何一份文件读取、审读或导入出错都打印原因，并以 1 退出。
//   npx tsx bench/corpus.ts [folder]
import { existsSync, readdirSync } from 'node:fs';
import { basename, join, resolve } from 'node:path';
import {
  type AuditResult,
  auditDocument,
  displayWidth,
  type ImportResult,
  importDocuments,
  normalizeText,
  type RawDocument,
  type RefusalReason,
} from '@juesuan/core';
import { loadAuditContext, REPO_ROOT } from '@juesuan/data';
import { readDocument } from '@juesuan/readers';

const folder = resolve(process.argv[2] ?? join(REPO_ROOT, '..', 'shared', 'corpus'));
const READABLE = /\.(pdf|docx|xlsx|html?|txt)$/i;

if (!existsSync(folder)) {
  process.stdout.write(`没有文件夹 ${folder}，跳过语料审读。\n`);
  process.exit(0);
}
const files = readdirSync(folder)
  .filter((f) => READABLE.test(f) && !/^readme/i.test(f))
  .sort();

interface Row {
  file: string;
  result?: AuditResult;
  printed: number;
  ms: number;
  error?: string;
  imported?: ImportResult;
  importMs: number;
  importError?: string;
}

const REFUSAL: Record<RefusalReason, string> = {
  'not-a-final-account': '不是决算',
  'no-tables': '无表',
  'years-differ': '年度不同',
};

/**
 * Tables printed as text, estimated from the titles next to the grids the reader found (the text
 * before a grid, or its first row): each title once, so a table continued over pages counts once.
 */
function printedTables(raw: RawDocument): number {
  const titles = new Set<string>();
  let previous = -1;
  raw.blocks.forEach((block, i) => {
    if (block.kind !== 'table') return;
    const before = raw.blocks
      .slice(Math.max(previous + 1, i - 4), i)
      .flatMap((b) => (b.kind === 'text' ? b.text.split('\n') : []))
      .reverse();
    const title = [...before, (block.rows[0] ?? []).join('')]
      .map((line) =>
        normalizeText(line)
          .replace(/^(?:公开|草案)\d{1,2}表/, '')
          .replace(/\([^)]*\)$/, ''),
      )
      .find((line) => line.endsWith('表') && line.length >= 4 && line.length <= 60);
    if (title) titles.add(title.replace(/^\d{4}年/, ''));
    previous = i;
  });
  return titles.size;
}

const context = loadAuditContext();
const rows: Row[] = [];
for (const name of files) {
  const file = join(folder, name);
  const start = performance.now();
  let raw: RawDocument;
  try {
    raw = await readDocument(file);
    const result = auditDocument(raw, context);
    rows.push({
      file: name,
      result,
      printed: printedTables(raw),
      ms: performance.now() - start,
      importMs: 0,
    });
  } catch (error) {
    const ms = performance.now() - start;
    rows.push({ file: name, printed: 0, ms, importMs: 0, error: (error as Error).message });
    continue;
  }
  const row = rows.at(-1)!;
  const importStart = performance.now();
  try {
    row.imported = importDocuments([raw], context);
  } catch (error) {
    row.importError = (error as Error).message;
  }
  row.importMs = performance.now() - importStart;
}

const header = [
  '文件',
  '类型',
  '把握',
  '口径',
  '匹配度',
  '识别表',
  '文中表',
  '错误',
  '提示',
  '信息',
  '用时',
  '导入',
  '已导入',
  '未导入',
  '导入用时',
];
const cells = rows.map((r) => {
  const d = r.result;
  if (!d) return [r.file, '出错', '—', '—', '—', '—', '—', '—', '—', '—', seconds(r.ms), '—', '—', '—', '—'];
  const c = d.summary.counts;
  const audited = !d.findings.some((f) => f.rule === 'R-05');
  return [
    r.file,
    d.documentKind.label,
    `${Math.round(d.documentKind.confidence * 100)}%`,
    audited ? d.profile.id : '—',
    audited ? `${Math.round(d.profile.score * 100)}%` : '—',
    audited ? `${d.summary.tablesRecognised}/${d.summary.tablesExpected}` : '—',
    String(r.printed),
    String(c.error),
    String(c.warning),
    String(c.info),
    seconds(r.ms),
    ...importCells(r),
  ];
});
const audited = rows.filter((r) => r.result);
const imports = audited.flatMap((r) => (r.imported?.ok ? [r.imported] : []));
const sum = (f: (d: AuditResult) => number) => audited.reduce((s, r) => s + f(r.result!), 0);
cells.push([
  `合计 ${rows.length} 份`,
  '',
  '',
  '',
  '',
  String(sum((d) => d.summary.tablesRecognised)),
  String(rows.reduce((s, r) => s + r.printed, 0)),
  String(sum((d) => d.summary.counts.error)),
  String(sum((d) => d.summary.counts.warning)),
  String(sum((d) => d.summary.counts.info)),
  seconds(rows.reduce((s, r) => s + r.ms, 0)),
  `导入 ${imports.length} 份`,
  String(imports.reduce((s, i) => s + i.report.placed.length, 0)),
  String(imports.reduce((s, i) => s + i.report.unplaced.length, 0)),
  seconds(rows.reduce((s, r) => s + r.importMs, 0)),
]);
cells.push([
  '中位数',
  '',
  `${Math.round(median(audited.map((r) => r.result!.documentKind.confidence)) * 100)}%`,
  '',
  '',
  '',
  String(median(rows.map((r) => r.printed))),
  String(median(audited.map((r) => r.result!.summary.counts.error))),
  String(median(audited.map((r) => r.result!.summary.counts.warning))),
  String(median(audited.map((r) => r.result!.summary.counts.info))),
  seconds(median(rows.map((r) => r.ms))),
  '',
  '',
  '',
  seconds(median(audited.map((r) => r.importMs))),
]);

const widths = header.map((h, i) => Math.max(displayWidth(h), ...cells.map((row) => displayWidth(row[i]!))));
const line = (row: string[]) =>
  row.map((c, i) => (i >= 2 ? pad(c, widths[i]!, 'start') : pad(c, widths[i]!, 'end'))).join('  ');
process.stdout.write(
  `${basename(folder)}：${rows.length} 份文件（${folder}）\n${[
    line(header),
    widths.map((w) => '-'.repeat(w)).join('  '),
    ...cells.map(line),
  ].join('\n')}\n`,
);
process.stdout.write(`文件类型：${kindCounts()}\n`);
process.stdout.write(`导入：${importCounts()}\n`);
for (const r of rows.filter((x) => x.error)) process.stdout.write(`出错 ${r.file}：${r.error}\n`);
for (const r of rows.filter((x) => x.importError))
  process.stdout.write(`导入出错 ${r.file}：${r.importError}\n`);
if (rows.some((r) => r.error || r.importError)) process.exitCode = 1;

/** The import's outcome, figures placed and not placed, and its time; a refusal says why. */
function importCells(r: Row): string[] {
  const time = seconds(r.importMs);
  if (!r.imported) return ['出错', '—', '—', time];
  if (!r.imported.ok) {
    const reasons = [...new Set(r.imported.refused.map((f) => REFUSAL[f.reason]))];
    return [`拒绝：${reasons.join('、')}`, '—', '—', time];
  }
  const { placed, unplaced } = r.imported.report;
  return ['已导入', String(placed.length), String(unplaced.length), time];
}

function importCounts(): string {
  const counts = new Map<string, number>();
  for (const r of audited) {
    const outcome = importCells(r)[0]!;
    counts.set(outcome, (counts.get(outcome) ?? 0) + 1);
  }
  return [...counts].map(([label, n]) => `${label} ${n}`).join('，');
}

function kindCounts(): string {
  const counts = new Map<string, number>();
  for (const r of audited)
    counts.set(r.result!.documentKind.label, (counts.get(r.result!.documentKind.label) ?? 0) + 1);
  return [...counts].map(([label, n]) => `${label} ${n}`).join('，');
}

function median(values: readonly number[]): number {
  if (!values.length) return 0;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

function seconds(ms: number): string {
  return `${(ms / 1000).toFixed(2)} s`;
}

function pad(text: string, width: number, side: 'start' | 'end'): string {
  const fill = ' '.repeat(Math.max(0, width - displayWidth(text)));
  return side === 'start' ? fill + text : text + fill;
}
