// Report rendering benchmarks (figures printed, nothing asserted):
//   1. one department (the Jingdezhen sample): DOCX + XLSX (and HTML), median of N warm runs;
//   2. a batch of synthetic departments (generatePackage → buildDocument → DOCX + XLSX, files
//      written to a temp dir) on the CLI's worker pool, with a progress bar on stderr;
//   3. PDF with a warm LibreOffice profile: batches of 20 DOCX in one soffice call, median per document.
//
//   npx tsx bench/report.ts [runs=30] [departments=1000] [workers=2] [pdfBatch=20] [pdfRounds=3]
//   npx tsx bench/report.ts 30 1000 2 0      # skip the PDF part
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { isMainThread } from 'node:worker_threads';
import type { Catalog, DocumentView, Profile } from '@juesuan/core';
import { generatePackage } from '@juesuan/core/testing';
import { EXAMPLES_DIR, loadCatalog, loadProfile, readPackageFile } from '@juesuan/data';
import { runPool, serveTasks } from '@juesuan/jobs/pool';
import { convertToPdf, renderDocx, renderHtml, renderXlsx } from '@juesuan/render';
import { buildTestDocument } from '../packages/render/src/testing/documents';

const SEED = 2024;
/** Young generation of the worker threads, MB. */
const YOUNG_MB = 192;

/** The pool's tasks: the warm single-department runs, or one synthetic department of the batch. */
type SingleTask = { single: number };
type DepartmentTask = { index: number; outDir: string };

interface Timing {
  build: number;
  docx: number;
  xlsx: number;
  bytes: number;
}

/** This file is also the pool's worker; a worker loads the catalogue and profile once. */
let loaded: { catalog: Catalog; profile: Profile } | undefined;
const setup = () => {
  loaded ??= { catalog: loadCatalog(), profile: loadProfile('jiangxi-2024') };
  return loaded;
};
const singleTask = ({ single }: SingleTask) => measureSingle(single, setup().catalog, setup().profile);
const departmentTask = ({ index, outDir }: DepartmentTask) =>
  renderOne(index, outDir, setup().catalog, setup().profile);

/** Every task of the bench runs to the end: the CLI's per-file deadline would cut the warm runs short. */
const NO_DEADLINE_SECONDS = 24 * 3600;

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

const ms = (t: number) => `${t.toFixed(1)} ms`;

/** Renders department `index` of the synthetic series into `outDir`. */
async function renderOne(index: number, outDir: string, catalog: Catalog, profile: Profile): Promise<Timing> {
  let t = performance.now();
  const pkg = generatePackage({ seed: SEED, index, catalog });
  const doc = buildTestDocument(pkg, profile, catalog);
  const build = performance.now() - t;
  t = performance.now();
  const docx = await renderDocx(doc);
  const docxTime = performance.now() - t;
  t = performance.now();
  const xlsx = await renderXlsx(doc);
  const xlsxTime = performance.now() - t;
  writeFileSync(join(outDir, `${index}.docx`), docx);
  writeFileSync(join(outDir, `${index}.xlsx`), xlsx);
  return { build, docx: docxTime, xlsx: xlsxTime, bytes: docx.length + xlsx.length };
}

interface SingleResult {
  docx: number;
  xlsx: number;
  both: number;
  fastest: number;
  cpu: number;
  html: number;
  build: number;
  sizes: { docx: number; xlsx: number; html: number };
}

/** Medians of `runs` warm renderings of the Jingdezhen sample. */
async function measureSingle(runs: number, catalog: Catalog, profile: Profile): Promise<SingleResult> {
  const { package: pkg } = readPackageFile(join(EXAMPLES_DIR, 'jingdezhen-2024.json'), { catalog });
  if (!pkg) throw new Error('样例数据包无法读取');
  const times = { docx: [] as number[], xlsx: [] as number[], both: [] as number[], html: [] as number[] };
  // CPU time as well: on a shared machine the wall clock also counts waiting for a core.
  const cpu: number[] = [];
  let sizes = { docx: 0, xlsx: 0, html: 0 };
  for (let i = 0; i < runs + 5; i++) {
    // A fresh document each run (not timed), so nothing laid out for the last run is reused.
    const doc: DocumentView = buildTestDocument(pkg, profile, catalog);
    const cpuStart = process.cpuUsage();
    let t = performance.now();
    const docx = await renderDocx(doc);
    const docxTime = performance.now() - t;
    t = performance.now();
    const xlsx = await renderXlsx(doc);
    const xlsxTime = performance.now() - t;
    const used = process.cpuUsage(cpuStart);
    t = performance.now();
    const html = renderHtml(doc);
    const htmlTime = performance.now() - t;
    if (i < 5) continue; // warm-up
    times.docx.push(docxTime);
    times.xlsx.push(xlsxTime);
    times.both.push(docxTime + xlsxTime);
    times.html.push(htmlTime);
    cpu.push((used.user + used.system) / 1000);
    sizes = { docx: docx.length, xlsx: xlsx.length, html: html.length };
  }
  const build: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t = performance.now();
    buildTestDocument(pkg, profile, catalog);
    build.push(performance.now() - t);
  }
  return {
    docx: median(times.docx),
    xlsx: median(times.xlsx),
    both: median(times.both),
    fastest: Math.min(...times.both),
    cpu: median(cpu),
    html: median(times.html),
    build: median(build),
    sizes,
  };
}

function describeSingle(r: SingleResult): string {
  return (
    `   DOCX ${ms(r.docx)}（${(r.sizes.docx / 1024).toFixed(0)} KB）  XLSX ${ms(r.xlsx)}（${(r.sizes.xlsx / 1024).toFixed(0)} KB）  ` +
    `DOCX + XLSX ${ms(r.both)}（目标 ≤ 60 ms；CPU 时间中位数 ${ms(r.cpu)}，最快一次 ${ms(r.fastest)}）\n` +
    `   HTML ${ms(r.html)}（${(r.sizes.html / 1024).toFixed(0)} KB）  buildDocument ${ms(r.build)}\n`
  );
}

if (!isMainThread) {
  serveTasks<SingleTask | DepartmentTask, SingleResult | Timing>((task) =>
    'single' in task ? singleTask(task) : departmentTask(task),
  );
} else await main();

/**
 * The tasks on the CLI's worker pool, in workers with a larger young generation: rendering
 * allocates many short-lived objects (about a quarter less CPU than V8's default semi-spaces here).
 */
async function onPool<T, R>(
  tasks: T[],
  run: (task: T) => Promise<R>,
  workers: number,
  onSettled?: (done: number) => void,
): Promise<R[]> {
  const results: R[] = [];
  const failures: string[] = [];
  await runPool(tasks, {
    jobs: workers,
    run,
    script: new URL(import.meta.url),
    youngGenerationMb: YOUNG_MB,
    deadlineSeconds: NO_DEADLINE_SECONDS,
    ...(onSettled ? { onSettled } : {}),
    onResult: (result, index) => {
      if (result.ok) results.push(result.value);
      else failures.push(`任务 ${index}：${result.reason}`);
    },
  });
  if (failures.length) throw new Error(`基准任务失败：${failures.join('；')}`);
  return results;
}

function progressBar(total: number) {
  const start = performance.now();
  let last = 0;
  let finished = false;
  return (done: number) => {
    const now = performance.now();
    if (finished || (now - last < 200 && done < total)) return;
    last = now;
    finished = done >= total;
    const width = 30;
    const filled = Math.round((done / total) * width);
    const elapsed = (now - start) / 1000;
    const eta = done > 0 ? (elapsed / done) * (total - done) : 0;
    process.stderr.write(
      `\r[${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${done}/${total} 部门  已用 ${elapsed.toFixed(1)} s  预计剩余 ${eta.toFixed(0)} s `,
    );
    if (done >= total) process.stderr.write('\n');
  };
}

async function main() {
  const runs = Number(process.argv[2] ?? 30);
  const departments = Number(process.argv[3] ?? 1000);
  const workers = Number(process.argv[4] ?? 2);
  const pdfBatch = Number(process.argv[5] ?? 20);
  const pdfRounds = Number(process.argv[6] ?? 3);
  const catalog = loadCatalog();
  const profile = loadProfile('jiangxi-2024');
  process.stdout.write(
    `Node ${process.version}，${cpus().length} 核，开始时负载 ${loadavg()
      .map((l) => l.toFixed(2))
      .join(' ')}；口径 ${profile.id}\n\n`,
  );

  // 1. One department, warm: in this thread with V8's defaults, then in a worker with a larger
  //    young generation (as NODE_OPTIONS=--max-semi-space-size=64 would give the CLI).
  const single = await measureSingle(runs, catalog, profile);
  process.stdout.write(
    `1. 单个部门（景德镇市医疗保障局，${runs} 次热运行的中位数）\n${describeSingle(single)}`,
  );
  const [young] = await onPool([{ single: runs }], singleTask, 2);
  process.stdout.write(`   新生代 ${YOUNG_MB} MB 的工作线程中：\n${describeSingle(young!)}\n`);

  // 2. A batch of synthetic departments on the pool, one task a department.
  if (departments > 0) {
    const outDir = mkdtempSync(join(tmpdir(), 'juesuan-bench-report-'));
    const bar = progressBar(departments);
    const start = performance.now();
    const tasks = Array.from({ length: departments }, (_, index) => ({ index, outDir }));
    const timings = await onPool(tasks, departmentTask, workers, bar);
    const wall = (performance.now() - start) / 1000;
    const sum = timings.reduce(
      (a, t) => ({
        build: a.build + t.build,
        docx: a.docx + t.docx,
        xlsx: a.xlsx + t.xlsx,
        bytes: a.bytes + t.bytes,
      }),
      { build: 0, docx: 0, xlsx: 0, bytes: 0 },
    );
    rmSync(outDir, { recursive: true, force: true });
    process.stdout.write(
      `2. ${departments} 个合成部门（generatePackage → buildDocument → DOCX + XLSX，写入文件），${workers} 个工作线程\n` +
        `   总用时 ${wall.toFixed(1)} s（目标 ≤ 60 s）；每部门线程内平均：生成与建模 ${ms(sum.build / departments)}，` +
        `DOCX ${ms(sum.docx / departments)}，XLSX ${ms(sum.xlsx / departments)}；共写出 ${(sum.bytes / 1024 / 1024).toFixed(0)} MB\n\n`,
    );
  }

  // 3. PDF with a warm converter.
  if (pdfBatch > 0) {
    const dir = mkdtempSync(join(tmpdir(), 'juesuan-bench-pdf-'));
    const files: string[] = [];
    for (let i = 0; i < pdfBatch; i++) {
      const d = buildTestDocument(generatePackage({ seed: SEED, index: i, catalog }), profile, catalog);
      const file = join(dir, `doc-${i}.docx`);
      writeFileSync(file, await renderDocx(d));
      files.push(file);
    }
    let t = performance.now();
    await convertToPdf([files[0]!], join(dir, 'warm'));
    const cold = performance.now() - t;
    const perDoc: number[] = [];
    for (let round = 0; round < pdfRounds; round++) {
      const out = join(dir, `round-${round}`);
      mkdirSync(out);
      t = performance.now();
      await convertToPdf(files, out);
      perDoc.push((performance.now() - t) / files.length);
    }
    const parallel: number[] = [];
    for (let round = 0; round < pdfRounds; round++) {
      const out = join(dir, `parallel-${round}`);
      t = performance.now();
      await convertToPdf(files, out, { instances: 2 });
      parallel.push((performance.now() - t) / files.length);
    }
    rmSync(dir, { recursive: true, force: true });
    process.stdout.write(
      `3. PDF（LibreOffice，${pdfBatch} 个 DOCX 一次调用，${pdfRounds} 轮）\n` +
        `   首次（建立配置目录）${ms(cold)}；热转换每文档中位数 ${ms(median(perDoc))}（目标 ≤ 1 s），` +
        `各轮 ${perDoc.map((x) => x.toFixed(0)).join(' / ')} ms；两个进程并行每文档 ${ms(median(parallel))}\n`,
    );
  }
}
