/**
 * PDF through pdfjs-dist (legacy build, which runs on Node without a DOM). Pages are read one at a
 * time: text runs with positions from getTextContent, ruling lines and where images are painted
 * from the operator list (with the graphics state's transforms applied), then the page is released;
 * layout happens in pdf-layout.ts once running headers and footers can be told from content.
 *
 * Safety: no network (cMaps, standard fonts and wasm come from the installed package), no eval,
 * no font faces, images are never decoded (maxImageSize), at most READ_LIMITS.maxPages pages, and
 * the deadline is checked before every page.
 */

import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { joinWrapped, type RawBlock, READ_LIMITS } from '@juesuan/core';
import { pictureBlock, type ReadContext } from './context';
import { quoteFile, ReadError, reason } from './errors';
import {
  dropRunningLines,
  itemText,
  type LaidBlock,
  layoutPage,
  type PageContent,
  type PictureBox,
  type Segment,
  type TextRun,
} from './pdf-layout';

type PdfJs = typeof import('pdfjs-dist/legacy/build/pdf.mjs');
let pdfjs: Promise<PdfJs> | undefined;

function loadPdfJs(): Promise<PdfJs> {
  pdfjs ??= import('pdfjs-dist/legacy/build/pdf.mjs');
  return pdfjs;
}

const root = `${dirname(createRequire(import.meta.url).resolve('pdfjs-dist/package.json'))}/`;

export const NO_TEXT_LAYER = 'PDF 没有文字层（可能是扫描件），无法读取；请提供可复制文字的 PDF 或 Word 文件';

export async function readPdf(
  bytes: Uint8Array,
  ctx: ReadContext,
): Promise<{ blocks: RawBlock[]; pages: number }> {
  const { getDocument, OPS, Util, AnnotationMode } = await loadPdfJs();
  const task = getDocument(documentOptions(bytes));
  const abort = () => void task.destroy();
  ctx.options.signal?.addEventListener('abort', abort, { once: true });
  try {
    let doc: Awaited<typeof task.promise>;
    try {
      doc = await task.promise;
    } catch (error) {
      throw openError(ctx.file, error, bytes);
    }
    const total = doc.numPages;
    const count = Math.min(total, READ_LIMITS.maxPages);
    if (total > count) {
      ctx.warn(
        `${quoteFile(ctx.file)}共 ${total} 页，超过 ${READ_LIMITS.maxPages} 页上限，只读取了前 ${count} 页`,
      );
    }
    const pages: PageContent[] = [];
    const blank: number[] = [];
    let chars = 0;
    let privateUse = 0;
    for (let n = 1; n <= count; n++) {
      ctx.check();
      let page: Awaited<ReturnType<typeof doc.getPage>>;
      try {
        page = await doc.getPage(n);
      } catch (error) {
        ctx.warn(`${quoteFile(ctx.file)}第 ${n} 页无法读取（${reason(error)}），已跳过`);
        ctx.progress('page', n, count);
        continue;
      }
      try {
        const viewport = page.getViewport({ scale: 1 });
        const text = await page.getTextContent();
        const runs: TextRun[] = [];
        for (const item of text.items) {
          if (!('str' in item) || item.str.trim() === '') continue;
          const m = Util.transform(viewport.transform, item.transform);
          const size = Math.hypot(m[2]!, m[3]!) || Math.hypot(m[0]!, m[1]!);
          const x = m[4]!;
          const scaleX = Math.hypot(m[0]!, m[1]!) / (Math.hypot(item.transform[0]!, item.transform[1]!) || 1);
          const width = item.width * scaleX;
          runs.push({ text: itemText(item.str, width, size), x0: x, x1: x + width, y: m[5]!, size });
          for (const ch of item.str) {
            if (/\s/.test(ch)) continue;
            chars++;
            if (/[\uE000-\uF8FF\uFFFD]/.test(ch)) privateUse++;
          }
        }
        if (runs.length === 0) blank.push(n);
        const ops = await page.getOperatorList({ annotationMode: AnnotationMode.DISABLE });
        const graphics = [ops.fnArray, ops.argsArray, viewport.transform, OPS, Util] as const;
        const segments = ruleSegments(...graphics);
        const pictures = pictureBoxes(...graphics);
        pages.push({ page: n, width: viewport.width, height: viewport.height, runs, segments, pictures });
      } catch (error) {
        if (error instanceof ReadError) throw error;
        ctx.warn(`${quoteFile(ctx.file)}第 ${n} 页内容损坏（${reason(error)}），已跳过`);
      } finally {
        page.cleanup();
      }
      ctx.progress('page', n, count);
    }
    checkTextLayer(ctx, chars, privateUse, blank);
    return { blocks: toBlocks(pages, ctx), pages: count };
  } finally {
    ctx.options.signal?.removeEventListener('abort', abort);
    await task.destroy().catch(() => undefined);
  }
}

/** How pdfjs opens a document: nothing from the network, no eval, no fonts or images decoded. */
function documentOptions(bytes: Uint8Array) {
  return {
    // pdfjs may take ownership of the buffer; hand it a copy.
    data: new Uint8Array(bytes),
    cMapUrl: join(root, 'cmaps/'),
    cMapPacked: true,
    standardFontDataUrl: join(root, 'standard_fonts/'),
    wasmUrl: join(root, 'wasm/'),
    isEvalSupported: false,
    disableFontFace: true,
    useSystemFonts: false,
    useWorkerFetch: false,
    isOffscreenCanvasSupported: false,
    isImageDecoderSupported: false,
    // Images are never needed: any image larger than one pixel is skipped, not decoded.
    maxImageSize: 1,
    stopAtErrors: false,
    verbosity: 0,
  };
}

/**
 * No text at all is an error (a scan); pages without text and text that cannot be decoded are
 * warned about.
 */
function checkTextLayer(ctx: ReadContext, chars: number, privateUse: number, blank: number[]): void {
  if (chars === 0) throw new ReadError('no-text-layer', ctx.file, `${quoteFile(ctx.file)}：${NO_TEXT_LAYER}`);
  if (blank.length) {
    ctx.warn(
      `${quoteFile(ctx.file)}第 ${pageList(blank)} 页没有文字层（可能是扫描页或空白页），这些页未读取`,
    );
  }
  if (privateUse / chars > 0.2) {
    ctx.warn(
      `${quoteFile(ctx.file)}的文字有 ${Math.round((privateUse / chars) * 100)}% 无法解码（字体缺少编码表），读出的文字可能是乱码；请提供 Word 原件或重新导出 PDF`,
    );
  }
}

function openError(file: string, error: unknown, bytes: Uint8Array): ReadError {
  const name = (error as { name?: string }).name;
  if (name === 'PasswordException') {
    return new ReadError(
      'encrypted',
      file,
      `${quoteFile(file)}是加密的 PDF（需要密码才能打开），无法读取；请提供未加密的文件`,
      {
        cause: error,
      },
    );
  }
  const tail = Buffer.from(bytes.subarray(Math.max(0, bytes.length - 2048))).toString('latin1');
  const truncated = !tail.includes('%%EOF');
  return new ReadError(
    'corrupt',
    file,
    `${quoteFile(file)}不是完好的 PDF 文件${truncated ? '（结尾缺少 %%EOF，可能下载不完整或被截断）' : ''}：${reason(error)}；请重新下载或重新导出后再提供`,
    { cause: error },
  );
}

function pageList(pages: number[]): string {
  return pages.length > 12 ? `${pages.slice(0, 12).join('、')} 等 ${pages.length}` : pages.join('、');
}

type Matrix = [number, number, number, number, number, number];

/** The current transform through saves, restores, transforms and form XObjects. */
class Transforms {
  ctm: Matrix = [1, 0, 0, 1, 0, 0];
  private readonly stack: Matrix[] = [];

  constructor(
    private readonly OPS: PdfJs['OPS'],
    private readonly Util: PdfJs['Util'],
  ) {}

  /** Follows `fn` if it changes the transform; true when it did. */
  step(fn: number | undefined, args: unknown[] | null): boolean {
    const { OPS, Util } = this;
    if (fn === OPS.save) this.stack.push(this.ctm);
    else if (fn === OPS.restore || fn === OPS.paintFormXObjectEnd) this.ctm = this.stack.pop() ?? this.ctm;
    else if (fn === OPS.transform && args) this.ctm = Util.transform(this.ctm, args as number[]) as Matrix;
    else if (fn === OPS.paintFormXObjectBegin && args) {
      this.stack.push(this.ctm);
      const matrix = args[0] as number[] | null;
      if (matrix) this.ctm = Util.transform(this.ctm, matrix) as Matrix;
    } else return false;
    return true;
  }
}

/**
 * Axis-aligned rules from the operator list: stroked straight lines, and filled rectangles thin
 * enough to be a drawn line. Large fills (cell shading) and clipping paths are ignored.
 */
function ruleSegments(
  fnArray: number[],
  argsArray: unknown[],
  viewport: number[],
  OPS: PdfJs['OPS'],
  Util: PdfJs['Util'],
): Segment[] {
  const out: Segment[] = [];
  const state = new Transforms(OPS, Util);
  const STROKES = new Set<number>([
    OPS.stroke,
    OPS.closeStroke,
    OPS.fillStroke,
    OPS.eoFillStroke,
    OPS.closeFillStroke,
    OPS.closeEOFillStroke,
  ]);
  const FILLS = new Set<number>([OPS.fill, OPS.eoFill]);
  const toPage = (x: number, y: number): [number, number] => apply(viewport, apply(state.ctm, [x, y]));
  for (let i = 0; i < fnArray.length; i++) {
    const fn = fnArray[i];
    const args = argsArray[i] as unknown[] | null;
    if (state.step(fn, args)) continue;
    if (fn === OPS.constructPath && args) {
      const paint = args[0] as number;
      const stroke = STROKES.has(paint);
      const fill = FILLS.has(paint) || stroke;
      if (!stroke && !fill) continue;
      const data = args[1] as ArrayLike<number>[] | undefined;
      for (const path of data ?? []) {
        if (!path || typeof path.length !== 'number') continue;
        for (const poly of polylines(path)) {
          const pts = poly.map(([x, y]) => toPage(x, y));
          if (stroke) {
            for (let k = 1; k < pts.length; k++) pushLine(out, pts[k - 1]!, pts[k]!);
          } else if (pts.length >= 4) {
            const xs = pts.map((p) => p[0]);
            const ys = pts.map((p) => p[1]);
            const x0 = Math.min(...xs);
            const x1 = Math.max(...xs);
            const y0 = Math.min(...ys);
            const y1 = Math.max(...ys);
            if (y1 - y0 <= 3 && x1 - x0 > 3) out.push({ x0, x1, y0: (y0 + y1) / 2, y1: (y0 + y1) / 2 });
            else if (x1 - x0 <= 3 && y1 - y0 > 3) out.push({ x0: (x0 + x1) / 2, x1: (x0 + x1) / 2, y0, y1 });
          }
        }
      }
    }
  }
  return out;
}

/** A transform that scales the unit square to at least this many points each way: an image's. */
const IMAGE_SCALE = 36;

/**
 * Where images are painted. pdfjs leaves out of the operator list the images it does not decode
 * (maxImageSize), so such an image shows only by what placed it (`q w 0 0 h x y cm /Im1 Do Q`): a
 * save, a transform scaling the unit square to the picture's size, nothing painted, a restore.
 */
function pictureBoxes(
  fnArray: number[],
  argsArray: unknown[],
  viewport: number[],
  OPS: PdfJs['OPS'],
  Util: PdfJs['Util'],
): PictureBox[] {
  const out: PictureBox[] = [];
  const state = new Transforms(OPS, Util);
  const box = (m: Matrix) => pictureBox(viewport, m);
  const IMAGES = new Set<number>([OPS.paintImageXObject, OPS.paintInlineImageXObject]);
  const PAINTS = new Set<number>([OPS.beginText, OPS.paintFormXObjectBegin, OPS.shadingFill, ...IMAGES]);
  const levels: { painted: boolean; scaled?: Matrix }[] = [{ painted: false }];
  for (let i = 0; i < fnArray.length; i++) {
    const fn = fnArray[i];
    const args = argsArray[i] as unknown[] | null;
    const level = levels.at(-1)!;
    if (fn === OPS.save) levels.push({ painted: false });
    else if (fn === OPS.restore && levels.length > 1) {
      levels.pop();
      if (level.scaled && !level.painted) out.push(box(level.scaled));
      if (level.painted) levels.at(-1)!.painted = true;
    } else if (fn !== undefined && IMAGES.has(fn)) out.push(box(state.ctm));
    if (fn !== undefined && (PAINTS.has(fn) || (fn === OPS.constructPath && args?.[0] !== OPS.endPath))) {
      level.painted = true;
    }
    state.step(fn, args);
    const [a, b, c, d] = (args ?? []) as number[];
    if (
      fn === OPS.transform &&
      Math.hypot(a ?? 0, b ?? 0) >= IMAGE_SCALE &&
      Math.hypot(c ?? 0, d ?? 0) >= IMAGE_SCALE
    ) {
      level.scaled = state.ctm;
    }
  }
  return out;
}

/** An image is painted into the unit square of its transform: its corners on the page. */
function pictureBox(viewport: number[], m: Matrix): PictureBox {
  const corners = (
    [
      [0, 0],
      [1, 0],
      [0, 1],
      [1, 1],
    ] as [number, number][]
  ).map((p) => apply(viewport, apply(m, p)));
  const xs = corners.map((c) => c[0]);
  const ys = corners.map((c) => c[1]);
  return { x0: Math.min(...xs), x1: Math.max(...xs), top: Math.min(...ys), bottom: Math.max(...ys) };
}

function apply(m: ArrayLike<number>, [x, y]: [number, number]): [number, number] {
  return [x * m[0]! + y * m[2]! + m[4]!, x * m[1]! + y * m[3]! + m[5]!];
}

function pushLine(out: Segment[], a: [number, number], b: [number, number]): void {
  const [ax, ay] = a;
  const [bx, by] = b;
  if (Math.abs(ay - by) <= 1 && Math.abs(ax - bx) > 3) {
    const y = (ay + by) / 2;
    out.push({ x0: Math.min(ax, bx), x1: Math.max(ax, bx), y0: y, y1: y });
  } else if (Math.abs(ax - bx) <= 1 && Math.abs(ay - by) > 3) {
    const x = (ax + bx) / 2;
    out.push({ x0: x, x1: x, y0: Math.min(ay, by), y1: Math.max(ay, by) });
  }
}

/** pdfjs path data (moveTo 0, lineTo 1, curveTo 2, quadraticCurveTo 3, closePath 4) as polylines. */
function polylines(path: ArrayLike<number>): [number, number][][] {
  const out: [number, number][][] = [];
  let current: [number, number][] = [];
  let i = 0;
  const end = () => {
    if (current.length > 1) out.push(current);
    current = [];
  };
  while (i < path.length) {
    const op = path[i++];
    if (op === 0) {
      end();
      current.push([path[i]!, path[i + 1]!]);
      i += 2;
    } else if (op === 1) {
      current.push([path[i]!, path[i + 1]!]);
      i += 2;
    } else if (op === 2) {
      end();
      current.push([path[i + 4]!, path[i + 5]!]);
      i += 6;
    } else if (op === 3) {
      end();
      current.push([path[i + 2]!, path[i + 3]!]);
      i += 4;
    } else if (op === 4) {
      if (current.length > 1) current.push(current[0]!);
      end();
    } else break;
  }
  end();
  return out;
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
  const { pages } = dropRunningLines(raw);
  const placed: Placed[] = [];
  for (const page of pages) {
    ctx.check();
    for (const block of layoutPage(page)) placed.push({ page: page.page, block });
  }
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
