/**
 * juesuan import <files…>: a department's own tables (决算 software XLSX, an office's Excel laid out
 * like the disclosure tables, its published PDF/DOCX/HTML) into one data package. Recognition is the
 * audit's; the package goes to -o or stdout, the import report (every figure placed, every figure not
 * placed and why) to stderr, or with --format json to stdout beside the package.
 */
import {
  type ImportReport,
  importDocuments,
  type RawDocument,
  type RawLocation,
  type UnplacedCell,
  writePackage,
} from '@juesuan/core';
import { loadAuditContext } from '@juesuan/data';
import { ReadError, readDocument } from '@juesuan/readers';
import { color, EXIT, parseFormat, printJson, toJson } from '../output';
import { writeFileWhole } from '../output-files';

interface ImportOptions {
  profile?: string;
  output?: string;
  format: string;
}

export async function runImport(files: string[], options: ImportOptions) {
  const format = parseFormat(options.format);
  const context = loadAuditContext(options.profile);
  const raws: RawDocument[] = [];
  const unreadable: { file: string; message: string }[] = [];
  for (const file of files) {
    try {
      raws.push(await readDocument(file));
    } catch (error) {
      if (!(error instanceof ReadError)) throw error;
      unreadable.push({ file, message: error.message });
    }
  }
  const result = unreadable.length ? undefined : importDocuments(raws, context);
  if (!result?.ok) {
    const refused = [...unreadable, ...(result?.refused ?? [])];
    if (format === 'json') printJson({ refused });
    else for (const r of refused) process.stderr.write(`${color.error('无法导入')} ${r.message}\n`);
    process.exitCode = EXIT.unusable;
    return;
  }
  const json = writePackage(result.package);
  if (options.output) writeFileWhole(options.output, `${toJson(json)}\n`);
  if (format === 'json') {
    printJson({
      ...(options.output ? { output: options.output } : { package: json }),
      report: result.report,
    });
  } else {
    if (!options.output) process.stdout.write(`${toJson(json)}\n`);
    process.stderr.write(renderReport(result.report, options.output));
  }
  process.exitCode = result.report.unplaced.length ? EXIT.findings : EXIT.ok;
}

const REASON_LABEL: Record<UnplacedCell['reason'], string> = {
  'unknown-code': '科目代码不在当年科目表',
  'unknown-row': '行不属于该表',
  'not-a-number': '不是数字',
  'blank-row': '空行中的数字',
  'unknown-table': '表格未识别',
  'split-table': '分块未能接上',
  conflict: '同一事实数字不同',
};

function renderReport(report: ImportReport, output: string | undefined): string {
  const lines: string[] = [
    color.bold(`导入 ${report.department} ${report.year} 年度（口径 ${report.profile}）`),
    `金额单位 ${report.amounts.unit}，${report.amounts.decimals} 位小数（按表上所印）`,
  ];
  for (const f of report.files) {
    lines.push(
      color.dim(
        `  ${f.file}：${f.documentKind}，识别出 ${f.tables.length} 张表${f.tables.length ? `（${f.tables.join(' ')}）` : ''}`,
      ),
    );
  }
  const byTable = new Map<string, number>();
  for (const p of report.placed) byTable.set(p.tableNumber, (byTable.get(p.tableNumber) ?? 0) + 1);
  lines.push(
    `已导入 ${report.placed.length} 个数字：${[...byTable].map(([t, n]) => `${t} ${n}`).join('，') || '无'}`,
  );
  if (report.missingTables.length) {
    lines.push(
      color.dim(`文件中没有的表：${report.missingTables.map((t) => `${t.number}「${t.title}」`).join('、')}`),
    );
  }
  if (report.unplaced.length) {
    lines.push('', color.bold(`未导入 ${report.unplaced.length} 处`));
    for (const u of report.unplaced) {
      lines.push(`  ${color.error(REASON_LABEL[u.reason])} ${u.message}`);
      lines.push(color.dim(`        ${u.file} ${placeText(u.location)}`));
    }
  }
  for (const note of report.notes) lines.push(color.dim(`说明：${note}`));
  lines.push(
    '',
    report.unplaced.length
      ? color.warning(`有 ${report.unplaced.length} 处数字未导入，请核对后补入数据包`)
      : color.ok('表上每个数字都已导入。'),
  );
  if (output) lines.push(`数据包已写入 ${output}`);
  return `${lines.join('\n')}\n`;
}

/** 第 2 页 第 14 行, or 工作表“公开01表” 第 14 行. */
function placeText(location: RawLocation): string {
  const parts: string[] = [];
  if (location.sheet) parts.push(`工作表“${location.sheet}”`);
  else if (location.page !== undefined) parts.push(`第 ${location.page} 页`);
  if (location.line !== undefined) parts.push(`第 ${location.line} 行`);
  return parts.join(' ');
}
