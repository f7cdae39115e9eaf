/**
 * PDF through MuPDF (`mutool trace`, see pdf-trace.ts): positioned glyphs, ruling lines and where
 * pictures are painted, page by page; layout happens in pdf-layout.ts once running headers and
 * footers can be told from content, then tables continued over a page break are joined here.
 *
 * Safety: MuPDF runs in its own process with an address-space and CPU limit, is killed at the
 * read's deadline or abort or once a page or the document costs it more CPU time than allowed,
 * reads at most READ_LIMITS.maxPages pages, and never decodes images.
 */

import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { joinWrapped, type RawBlock, READ_LIMITS } from '@juesuan/core';
import { pictureBlock, type ReadContext } from './context';
import { overLimit, quoteFile, ReadError } from './errors';
import { dropRunningLines, type LaidBlock, layoutPage, type PageContent } from './pdf-layout';
import { EngineCpuExceeded, mutool, type TraceResult, tracePdf } from './pdf-trace';

export const NO_TEXT_LAYER = 'PDF 没有文字层（可能是扫描件），无法读取；请提供可复制文字的 PDF 或 Word 文件';

export async function readPdf(
  bytes: Uint8Array,
  ctx: ReadContext,
): Promise<{ blocks: RawBlock[]; pages: number }> {
  // MuPDF reads from a file: the bytes go to a private temporary directory, removed afterwards.
  const dir = mkdtempSync(join(tmpdir(), 'juesuan-pdf-'));
  const file = join(dir, 'input.pdf');
  try {
    writeFileSync(file, bytes, { mode: 0o600 });
    const trace = await runTrace(file, ctx);
    if (trace.pages.length === 0) throw openError(ctx.file, trace, bytes);
    let pages = trace.pages;
    if (pages.length > READ_LIMITS.maxPages) {
      pages = pages.slice(0, READ_LIMITS.maxPages);
      const total = await pageCount(file);
      ctx.warn(
        `${quoteFile(ctx.file)}共 ${total ?? `超过 ${READ_LIMITS.maxPages}`} 页，超过 ${READ_LIMITS.maxPages} 页上限，只读取了前 ${pages.length} 页`,
      );
    }
    if (trace.exitCode !== 0) {
      ctx.warn(
        `${quoteFile(ctx.file)}在第 ${pages.at(-1)!.page} 页之后无法继续读取（${trace.errors.at(-1) ?? '文件损坏'}），只读取了前 ${pages.length} 页`,
      );
    }
    checkTextLayer(ctx, trace, pages);
    return { blocks: toBlocks(pages, ctx), pages: pages.length };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

async function runTrace(file: string, ctx: ReadContext): Promise<TraceResult> {
  try {
    return await tracePdf(file, {
      // One page more than the limit tells a longer document from one of exactly the limit.
      maxPages: READ_LIMITS.maxPages + 1,
      maxMemoryBytes: READ_LIMITS.maxPdfEngineBytes,
      maxCpuSeconds: READ_LIMITS.maxPdfCpuSeconds,
      maxPageCpuSeconds: READ_LIMITS.maxPdfPageCpuSeconds,
      check: () => ctx.check(),
      signal: ctx.options.signal,
    });
  } catch (error) {
    if (error instanceof ReadError) throw error;
    if (error instanceof EngineCpuExceeded) throw cpuOverLimit(ctx.file, error);
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') {
      throw new ReadError(
        'unavailable',
        ctx.file,
        `读取${quoteFile(ctx.file)}需要 MuPDF 的 mutool 命令（Debian 软件包 mupdf-tools），本机没有找到；请运行 scripts/setup.sh 安装`,
        { cause: error },
      );
    }
    ctx.check();
    throw error;
  }
}

/**
 * MuPDF had spent more CPU time than a limit allows, on a page or on the document: the time a
 * page's streams take to inflate and interpret is all that tells of their size.
 */
function cpuOverLimit(file: string, exceeded: EngineCpuExceeded): ReadError {
  if (exceeded.scope === 'page') {
    return overLimit(
      file,
      'maxPdfPageCpuSeconds',
      `第 ${exceeded.page} 页的内容解析超过 ${READ_LIMITS.maxPdfPageCpuSeconds} 秒 CPU 时间上限（READ_LIMITS.maxPdfPageCpuSeconds）`,
    );
  }
  return overLimit(
    file,
    'maxPdfCpuSeconds',
    `的内容解析到第 ${exceeded.page} 页时超过全文 ${READ_LIMITS.maxPdfCpuSeconds} 秒 CPU 时间上限（READ_LIMITS.maxPdfCpuSeconds）`,
  );
}

/** The document's page count from its page tree, when MuPDF can tell. */
async function pageCount(file: string): Promise<number | undefined> {
  try {
    const { stdout } = await promisify(execFile)(mutool(), ['show', file, 'trailer/Root/Pages/Count'], {
      timeout: 10_000,
    });
    const count = Number(stdout.trim());
    return Number.isInteger(count) && count > 0 ? count : undefined;
  } catch {
    return undefined;
  }
}

/**
 * No text at all is an error (a scan); pages without text and text that cannot be decoded are
 * warned about.
 */
function checkTextLayer(ctx: ReadContext, trace: TraceResult, pages: PageContent[]): void {
  const { chars, undecodable } = trace;
  if (chars === 0) throw new ReadError('no-text-layer', ctx.file, `${quoteFile(ctx.file)}：${NO_TEXT_LAYER}`);
  const blank = pages.filter((p) => p.runs.length === 0).map((p) => p.page);
  if (blank.length) {
    ctx.warn(
      `${quoteFile(ctx.file)}第 ${pageList(blank)} 页没有文字层（可能是扫描页或空白页），这些页未读取`,
    );
  }
  if (undecodable / chars > 0.2) {
    ctx.warn(
      `${quoteFile(ctx.file)}的文字有 ${Math.round((undecodable / chars) * 100)}% 无法解码（字体缺少编码表），读出的文字可能是乱码；请提供 Word 原件或重新导出 PDF`,
    );
  }
}

function openError(file: string, trace: TraceResult, bytes: Uint8Array): ReadError {
  const detail = trace.errors.at(-1) ?? `mutool 退出码 ${trace.exitCode}`;
  if (trace.errors.some((e) => /password|encrypt/i.test(e))) {
    return new ReadError(
      'encrypted',
      file,
      `${quoteFile(file)}是加密的 PDF（需要密码才能打开），无法读取；请提供未加密的文件`,
    );
  }
  const tail = Buffer.from(bytes.subarray(Math.max(0, bytes.length - 2048))).toString('latin1');
  const truncated = !tail.includes('%%EOF');
  return new ReadError(
    'corrupt',
    file,
    `${quoteFile(file)}不是完好的 PDF 文件${truncated ? '（结尾缺少 %%EOF，可能下载不完整或被截断）' : ''}：${detail}；请重新下载或重新导出后再提供`,
  );
}

function pageList(pages: number[]): string {
  return pages.length > 12 ? `${pages.slice(0, 12).join('、')} 等 ${pages.length}` : pages.join('、');
}

// ---- pages to blocks -------------------------------------------------------------------------

interface Placed {
  page: number;
  block: LaidBlock;
}

/**
 * Lays out every page, then joins a table that ends one page with a table of the same columns
 * that starts the next (dropping the header rows the next page repeats, and making one cell again
 * of a merged cell the page break cut in two).
 */
function toBlocks(raw: PageContent[], ctx: ReadContext): RawBlock[] {
  const placed = layOut(raw, ctx);
  const blocks: RawBlock[] = [];
  let open: OpenTable | undefined;
  let openPage = 0;
  const flush = () => {
    if (!open) return;
    const table = ctx.table(
      open.rows,
      open.pages.map((page) => ({ page })),
      { page: open.pages[0]! },
    );
    if (table) blocks.push(table);
    open = undefined;
  };
  placed.forEach(({ page, block }, i) => {
    if (block.kind === 'text') {
      flush();
      blocks.push({ kind: 'text', text: block.text, location: { page } });
      return;
    }
    if (block.kind === 'image') {
      flush();
      const picture = pictureBlock(
        { width: (block.x1 - block.x0) / 72, height: (block.bottom - block.top) / 72 },
        { page },
      );
      if (picture) blocks.push(picture);
      return;
    }
    const previous = placed[i - 1];
    const continues =
      open !== undefined &&
      previous?.block === open.block &&
      page === openPage + 1 &&
      placed.findIndex((p) => p.page === page) === i &&
      sameColumns(open.block, block);
    if (continues && open) {
      let skip = 0;
      while (
        skip < block.rows.length &&
        skip < open.rows.length &&
        sameRow(block.rows[skip]!, open.rows[skip]!)
      )
        skip++;
      const rows = block.rows.map((r) => [...r]);
      joinSplitCells(open, block, rows, skip);
      open.base = open.rows.length;
      open.skip = skip;
      for (const row of rows.slice(skip)) {
        open.rows.push(row);
        open.pages.push(page);
      }
      open.block = block;
      openPage = page;
      return;
    }
    flush();
    open = {
      rows: block.rows.map((r) => [...r]),
      pages: block.rows.map(() => page),
      block,
      base: 0,
      skip: 0,
    };
    openPage = page;
    // A table is open for joining only while it is the last block of its page.
    const last = placed.filter((p) => p.page === page).at(-1);
    if (last?.block !== block) {
      flush();
    }
  });
  flush();
  return blocks;
}

/** Every page's blocks in reading order, running headers and footers dropped; progress by page. */
function layOut(raw: PageContent[], ctx: ReadContext): Placed[] {
  const { pages } = dropRunningLines(raw);
  const placed: Placed[] = [];
  for (const [i, page] of pages.entries()) {
    ctx.check();
    for (const block of layoutPage(page)) placed.push({ page: page.page, block });
    ctx.progress('page', i + 1, pages.length);
  }
  return placed;
}

type TableBlock = Extract<LaidBlock, { kind: 'table' }>;

interface OpenTable {
  rows: string[][];
  pages: number[];
  /** The table's part on its latest page. */
  block: TableBlock;
  /** Row `k ≥ skip` of `block` is `rows[base + k - skip]` (the rows before `skip` repeat the header). */
  base: number;
  skip: number;
}

/**
 * A tall merged cell that a page break cuts through (一级指标 “产出指标” over a dozen rows) prints
 * the start of its text in the last row on one page and the rest in a merged cell at the top of the
 * next; read apart, “产出指” and “标” name nothing. When the cell on the first page is cut off at the
 * bottom (its last line full) and the next page starts that column with a cell merged over several
 * rows and the same columns, they are one cell: its joined text fills every row of both parts.
 * `rows` are the next page's rows (`next.rows` copied), changed in place.
 */
function joinSplitCells(open: OpenTable, next: TableBlock, rows: string[][], skip: number): void {
  const prev = open.block;
  const last = prev.rows.length - 1;
  const a = prev.regions;
  const b = next.regions;
  if (!a || !b || !prev.cutAtBottom || last < open.skip || skip >= b.length) return;
  const spanOf = (row: number[], id: number) => row.flatMap((x, c) => (x === id ? [c] : []));
  const done = new Set<number>();
  a[last]!.forEach((idA, c) => {
    if (done.has(idA) || !prev.cutAtBottom![c]) return;
    done.add(idA);
    const idB = b[skip]![c]!;
    const cols = spanOf(a[last]!, idA);
    if (spanOf(b[skip]!, idB).join() !== cols.join()) return;
    const rowsB = b.flatMap((row, k) => (k >= skip && row[c] === idB ? [k] : []));
    if (rowsB.length < 2) return;
    const rowsA = a.flatMap((row, k) =>
      k >= open.skip && row[c] === idA ? [open.base + k - open.skip] : [],
    );
    const textA = open.rows[open.base + last - open.skip]![c]!;
    const textB = rows[skip]![c]!;
    if (!textA.trim() || !textB.trim()) return;
    const joined = joinWrapped(textA, textB);
    for (const r of rowsA) for (const k of cols) open.rows[r]![k] = joined;
    for (const r of rowsB) for (const k of cols) rows[r]![k] = joined;
  });
}

function sameColumns(
  a: Extract<LaidBlock, { kind: 'table' }>,
  b: Extract<LaidBlock, { kind: 'table' }>,
): boolean {
  const width = (t: typeof a) => t.rows[0]?.length ?? 0;
  if (width(a) !== width(b) || a.ruled !== b.ruled) return false;
  if (!a.ruled) return true;
  return a.columns.length === b.columns.length && a.columns.every((x, i) => Math.abs(x - b.columns[i]!) <= 3);
}

function sameRow(a: string[], b: string[]): boolean {
  return (
    a.length === b.length && a.every((c, i) => c.replace(/\s+/g, '') === (b[i] ?? '').replace(/\s+/g, ''))
  );
}
