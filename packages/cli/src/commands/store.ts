import { checkPackage, formatAmount, writePackage } from '@juesuan/core';
import { loadCatalog, loadCheckContext } from '@juesuan/data';
import type { DepartmentTotal, RevisionInfo, Store, YearTotal } from '@juesuan/store';
import { color, EXIT, parseFormat, printJson, toJson, UsageError } from '../output';
import { writeFileWhole } from '../output-files';
import { renderSummary } from './check';
import { loadPackageOrReport } from './package';

interface StoreOptions {
  store?: string;
  format: string;
}

/**
 * Opens the store the options and environment select (--store, else DATABASE_URL, else the default
 * directory), says which one on stderr (stdout may be a package document), and always closes it.
 */
async function withStore<T>(options: StoreOptions, work: (store: Store) => Promise<T>): Promise<T> {
  // Loaded on demand: the database drivers are not worth loading for every other command.
  const { openStore, StoreError } = await import('@juesuan/store');
  const url = options.store === undefined ? process.env.DATABASE_URL || undefined : undefined;
  try {
    const store = await openStore(url ? { url } : options.store !== undefined ? { dir: options.store } : {});
    process.stderr.write(color.dim(`存储：${store.describe()}\n`));
    try {
      return await work(store);
    } finally {
      await store.close();
    }
  } catch (error) {
    throw error instanceof StoreError ? new UsageError(error.message) : error;
  }
}

function parseRevisionId(text: string): number {
  if (!/^[1-9]\d{0,9}$/.test(text))
    throw new UsageError(`版本编号应为正整数（见 juesuan store list 的“编号”列），实际为 “${text}”`);
  return Number(text);
}

function parseYear(text: string | undefined): number | undefined {
  if (text === undefined) return undefined;
  if (!/^\d{4}$/.test(text)) throw new UsageError(`--year 应为四位年份，如 2024，实际为 “${text}”`);
  return Number(text);
}

function describeRevision(revision: RevisionInfo): string {
  return `${revision.department} ${revision.year} 年第 ${revision.revision} 版（编号 ${revision.id}）`;
}

function savedAtText(date: Date): string {
  return `${date.toISOString().slice(0, 16).replace('T', ' ')} UTC`;
}

export async function runStoreSave(file: string, options: StoreOptions & { note?: string }) {
  const format = parseFormat(options.format);
  // Validated before the store is opened: bad input costs nothing and writes nothing.
  const pkg = loadPackageOrReport(file, format);
  if (!pkg) {
    process.exitCode = EXIT.unusable;
    return;
  }
  const { revision, created } = await withStore(options, (s) =>
    s.savePackage(pkg, { note: options.note ?? '' }),
  );
  if (format === 'json') printJson({ file, created, revision });
  else if (created) process.stdout.write(`${color.ok('已保存')} ${file} → ${describeRevision(revision)}\n`);
  else
    process.stdout.write(
      `${color.warning('未重复保存')} ${file} 与最新版本 ${describeRevision(revision)} 相同\n`,
    );
}

export async function runStoreList(options: StoreOptions & { department?: string; year?: string }) {
  const format = parseFormat(options.format);
  const year = parseYear(options.year);
  const filter = {
    ...(options.department !== undefined ? { department: options.department } : {}),
    ...(year !== undefined ? { year } : {}),
  };
  const revisions = await withStore(options, (s) => s.listRevisions(filter));
  if (format === 'json') {
    printJson({ revisions });
    return;
  }
  if (revisions.length === 0) {
    process.stdout.write('库中没有符合条件的版本（用 juesuan store save <数据包> 保存）\n');
    return;
  }
  process.stdout.write(`${color.bold('编号  部门 年度 版本  保存时间  说明')}\n`);
  for (const r of revisions) {
    const restored = r.restoredFrom !== null ? color.dim(`（由编号 ${r.restoredFrom} 恢复）`) : '';
    process.stdout.write(
      `${String(r.id).padStart(4)}  ${r.department} ${r.year} 年 第 ${r.revision} 版  ${savedAtText(r.savedAt)}  ${r.note}${restored}\n`,
    );
  }
}

export async function runStoreShow(
  revisionText: string,
  options: Omit<StoreOptions, 'format'> & { output?: string },
) {
  const id = parseRevisionId(revisionText);
  const { revision, document } = await withStore({ ...options, format: 'text' }, async (s) => ({
    revision: await s.revisionInfo(id),
    // Through the package parser and writer: validated again, and in the document's usual key
    // order (jsonb keeps its own).
    document: writePackage(await s.loadRevision(id)),
  }));
  const text = `${toJson(document)}\n`;
  if (options.output) {
    writeFileWhole(options.output, text);
    process.stderr.write(`${color.ok('已写出')} ${describeRevision(revision)} → ${options.output}\n`);
  } else {
    process.stdout.write(text);
  }
}

export async function runStoreRestore(revisionText: string, options: StoreOptions & { note?: string }) {
  const format = parseFormat(options.format);
  const id = parseRevisionId(revisionText);
  const { revision, created } = await withStore(options, (s) =>
    s.restoreRevision(id, options.note !== undefined ? { note: options.note } : {}),
  );
  if (format === 'json') printJson({ restoredFrom: id, created, revision });
  else if (created)
    process.stdout.write(`${color.ok('已恢复')} 编号 ${id} → ${describeRevision(revision)}\n`);
  else
    process.stdout.write(
      `${color.warning('未重复保存')} 编号 ${id} 与最新版本 ${describeRevision(revision)} 相同\n`,
    );
}

export async function runStoreCheck(revisionText: string, options: StoreOptions & { profile?: string }) {
  const format = parseFormat(options.format);
  const id = parseRevisionId(revisionText);
  const { revision, run, summary } = await withStore(options, async (s) => {
    const revision = await s.revisionInfo(id);
    const pkg = await s.loadRevision(id, { catalog: loadCatalog() });
    const context = loadCheckContext(options.profile ?? pkg.department.profile, pkg.department.year);
    const result = checkPackage(pkg, context);
    const run = await s.saveCheckRun(id, context.profile.id, result);
    return { revision, run, summary: result.summary };
  });
  if (format === 'json') printJson({ revision, run, summary });
  else
    process.stdout.write(
      `${describeRevision(revision)}，口径 ${run.profile}，审核记录编号 ${run.id}\n${renderSummary(summary)}\n`,
    );
  process.exitCode = summary.counts.error > 0 ? EXIT.findings : EXIT.ok;
}

export async function runStoreTotals(
  options: StoreOptions & { fact: string; by: string; department?: string; year?: string },
) {
  const format = parseFormat(options.format);
  if (options.by !== 'year' && options.by !== 'department')
    throw new UsageError(`--by 只能是 year 或 department，实际为 “${options.by}”`);
  const year = parseYear(options.year);
  const filter = {
    keys: options.fact
      .split(',')
      .map((k) => k.trim())
      .filter(Boolean),
    ...(options.department !== undefined ? { department: options.department } : {}),
    ...(year !== undefined ? { year } : {}),
  };
  const by = options.by;
  const rows = await withStore<(DepartmentTotal | YearTotal)[]>(options, (s) =>
    by === 'year' ? s.yearTotals(filter) : s.departmentTotals(filter),
  );
  if (format === 'json') {
    printJson({ by, totals: rows });
    return;
  }
  if (rows.length === 0) process.stdout.write('没有符合条件的数据\n');
  for (const row of rows) {
    const who =
      'department' in row
        ? `${row.department} ${row.year} 年第 ${row.revision} 版`
        : `${row.year} 年 ${row.departments} 个部门`;
    process.stdout.write(
      `${who}  ${row.factKey}  ${formatAmount(row.amountFen, '元', { decimals: 2 })} 元\n`,
    );
  }
}
