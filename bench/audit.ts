// 审读一份约 30 页的 PDF 部门决算的用时（issue 7，目标中位数 ≤ 1 s）：与 `juesuan audit` 同一路径——读取
// （MuPDF 的 mutool trace，版面还原为表格）+ 识别公开表（在全部口径中选最吻合的）+ 情况说明数字核对 + 审核规则 + 绩效自评表核对
// （loadAuditContext，与 CLI 相同）。
// PDF 由我们自己的生成器做出（`juesuan report <package> --format pdf`，LibreOffice），只生成一次，缓存在
// 系统临时目录下（不进仓库）；第一次审读预热（编译口径与规则）不计时，之后计时 N 轮，打印
// 中位数、最快、最慢、页数，以及读取与审核各自的中位数和 CPU 时间中位数。机器只有 2 核且与他人共用，请看中位数。
//   npx tsx bench/audit.ts [runs=9] [package=examples/jingdezhen-2024.json]
//   JUESUAN_BENCH_REGENERATE=1 npx tsx bench/audit.ts   # 重新生成缓存的 PDF
import { statSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { join, resolve } from 'node:path';
import { auditDocument } from '@juesuan/core';
import { EXAMPLES_DIR, loadAuditContext } from '@juesuan/data';
import { readDocument } from '@juesuan/readers';
import { pdfOf } from './pdf-cache';

const runs = Number(process.argv[2] ?? 9);
const packageFile = resolve(process.argv[3] ?? join(EXAMPLES_DIR, 'jingdezhen-2024.json'));

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

const pdf = pdfOf(packageFile);
// The context `juesuan audit` uses: every profile to choose from, rules, claims, performance checks.
const context = loadAuditContext();

process.stdout.write(
  `Node ${process.version}，${cpus().length} 核，开始时负载 ${loadavg()
    .map((l) => l.toFixed(2))
    .join(' ')}\n${pdf}（${(statSync(pdf).size / 1024).toFixed(0)} KB）\n`,
);

let t = performance.now();
const warm = auditDocument(await readDocument(pdf), context);
const cold = performance.now() - t;

const total: number[] = [];
const read: number[] = [];
const audit: number[] = [];
const cpu: number[] = [];
let pages = 0;
for (let i = 0; i < runs; i++) {
  const cpuStart = process.cpuUsage();
  t = performance.now();
  const raw = await readDocument(pdf);
  const readTime = performance.now() - t;
  const result = auditDocument(raw, context);
  const all = performance.now() - t;
  const used = process.cpuUsage(cpuStart);
  if (result.findings.length !== warm.findings.length) throw new Error('两次审读结果不同');
  pages = raw.pages;
  total.push(all);
  read.push(readTime);
  audit.push(all - readTime);
  cpu.push((used.user + used.system) / 1000);
}

const s = (ms: number) => `${(ms / 1000).toFixed(3)} s`;
const c = warm.summary.counts;
process.stdout.write(
  `${pages} 页；口径 ${warm.profile.id}，识别表 ${warm.summary.tablesRecognised}/${warm.summary.tablesExpected}，` +
    `执行规则 ${warm.summary.rulesRun} 条，情况说明数字 ${warm.summary.claims.total} 处；错误 ${c.error}，提示 ${c.warning}，信息 ${c.info}\n` +
    `首次（含编译规则）${s(cold)}\n` +
    `${runs} 轮：中位数 ${s(median(total))}（目标 ≤ 1 s），最快 ${s(Math.min(...total))}，最慢 ${s(Math.max(...total))}；` +
    `每页 ${(median(total) / Math.max(pages, 1)).toFixed(1)} ms\n` +
    `   读取 ${s(median(read))}，识别 + 规则 + 情况说明 ${s(median(audit))}；CPU 时间中位数 ${s(median(cpu))}\n`,
);
