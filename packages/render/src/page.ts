/**
 * Page geometry of the DOCX (GB/T 9704) and a fast page estimator for the 目录.
 *
 * LibreOffice does not update the 目录 field when it converts to PDF, so its page numbers must be
 * written into the DOCX. docx's own layout estimator gets them right but needs seconds for a
 * document with ten figure tables; this estimator knows the few shapes juesuan writes (exact line
 * heights everywhere, rows that never split, every part and every table on a new page) and lays
 * them out in a few milliseconds. `pageNumbers: 'layout'` in renderDocx uses docx's instead.
 */
import { type Block, type DocumentView, isWide, type PartView } from '@juesuan/core';
import { emptyStatementOf, type LaidTable, layGrid, layTable, layUnits, oncePer, placeCells } from './layout';

/** Half-points: 二号 22 pt, 小二 18 pt, 三号 16 pt, 四号 14 pt, 五号 10.5 pt, 小五 9 pt. */
export const SIZE = {
  erhao: 44,
  xiaoer: 36,
  sanhao: 32,
  sihao: 28,
  xiaosi: 24,
  wuhao: 21,
  xiaowu: 18,
} as const;

export const A4 = { width: 11906, height: 16838 };
/** GB/T 9704: 天头 37 mm, 订口 28 mm, 版心 156 × 225 mm (22 lines of 28 pt). */
export const PORTRAIT_MARGIN = {
  top: 2098,
  bottom: 1984,
  left: 1588,
  right: 1474,
  header: 851,
  footer: 1134,
};
/** Table pages: narrow margins so each of the ten tables fits one landscape A4 as published. */
export const LANDSCAPE_MARGIN = { top: 907, bottom: 850, left: 1134, right: 1134, header: 567, footer: 397 };

/** Exact line heights (twips) and paragraph spacing of each paragraph style. */
export const LINE = {
  body: 560,
  title: 720,
  part: 640,
  note: 440,
  caption: 360,
  tableTitle: 440,
  tableInfo: 260,
  tableNote: 300,
  /** 小五 table text. */
  tableText: 230,
} as const;
export const SPACING = {
  title: { before: 1120, after: 560 },
  tocHeading: { before: 280, after: 280 },
  part: { before: 280, after: 280 },
  /** A part heading alone on its page (before the tables), a third of the way down. */
  separator: { before: 3400, after: 0 },
  tableTitle: { before: 0, after: 100 },
  tableNote: { before: 40, after: 0 },
  chart: { before: 120, after: 120 },
} as const;
/** Left and right cell margins of every table (twips). */
export const CELL_MARGIN = 57;
/** Inline chart size (pixels; 15 twips each). */
export const CHART_SIZE = { width: 560, height: 320 };

export interface PageGeometry {
  landscape: boolean;
  /** Width of the text column, twips. */
  textWidth: number;
  /** Height of the text column, twips. */
  textHeight: number;
}

export function geometry(landscape: boolean): PageGeometry {
  const margin = landscape ? LANDSCAPE_MARGIN : PORTRAIT_MARGIN;
  const width = landscape ? A4.height : A4.width;
  const height = landscape ? A4.width : A4.height;
  return {
    landscape,
    textWidth: width - margin.left - margin.right,
    textHeight: height - margin.top - margin.bottom,
  };
}

/** A part is landscape when it prints one of the profile's tables. */
export function isTablePart(part: PartView): boolean {
  return part.blocks.some((b) => b.kind === 'table' && b.table.printed);
}

/** Font size in half-points of the cells of each kind of table. */
export const TABLE_FONT = { table: SIZE.xiaowu, grid: SIZE.wuhao, units: SIZE.sihao } as const;

/** Line height (twips, exact) of table text of a size (half-points). */
export function tableLine(size: number): number {
  return size === SIZE.xiaowu ? LINE.tableText : Math.round(size * 13);
}

/**
 * Blocks that start a new page, with the headings just above them: on table pages every table (the
 * part heading has the first page to itself); every grid (自评表) but a part's first; and whatever
 * follows an explicit page break.
 */
export function breakBefore(blocks: Block[], tablePage: boolean): Set<number> {
  const breaks = new Set<number>();
  const chunkStart = (i: number) => {
    let start = i;
    while (start > 0 && blocks[start - 1]!.kind === 'heading') start--;
    return start;
  };
  let grids = 0;
  blocks.forEach((block, i) => {
    if (block.kind === 'pageBreak' && i + 1 < blocks.length) breaks.add(i + 1);
    if (tablePage && block.kind === 'table' && block.table.printed) breaks.add(chunkStart(i));
    if (block.kind === 'grid' && grids++ > 0) breaks.add(chunkStart(i));
  });
  return breaks;
}

const NUMBERING = /^\s*(?:[一二三四五六七八九十百]+、|（[一二三四五六七八九十百]+）|\d+[.、．])\s*/;
const squash = (t: string) => t.replace(/\s+/g, '');

/**
 * The title to print for the table or grid right after heading `i` when the heading only names it
 * (一、收入支出决算总表 before 收入支出决算总表; 某项目 项目支出绩效自评表 before 项目支出绩效自评表):
 * the heading is then not printed as a line of its own, and its 目录 entry points at the title.
 * A table keeps its own title; a grid takes the heading's, which names the project.
 */
export function titleHeading(blocks: Block[], i: number): string | undefined {
  const block = blocks[i];
  const next = blocks[i + 1];
  if (block?.kind !== 'heading') return undefined;
  if (next?.kind === 'table' && next.table.printed) {
    return squash(block.text.replace(NUMBERING, '')) === squash(next.table.title)
      ? next.table.title
      : undefined;
  }
  if (next?.kind === 'grid' && squash(block.text).includes(squash(next.title))) {
    return block.text.replace(NUMBERING, '');
  }
  return undefined;
}

/** Each table's column widths by text width and size. */
const fittedWidths = oncePer((_: LaidTable) => new Map<string, readonly number[]>());

/**
 * Column widths (twips) of a laid table `width` twips wide, figures kept on one line. Worked out
 * once per table and width: the 目录 estimate and the DOCX both need them.
 */
export function columnWidths(laid: LaidTable, width: number, size: number): readonly number[] {
  const byWidth = fittedWidths(laid);
  const key = `${width}/${size}`;
  let widths = byWidth.get(key);
  if (!widths) {
    widths = fitColumns(laid, width, size);
    byWidth.set(key, widths);
  }
  return widths;
}

function fitColumns(laid: LaidTable, width: number, size: number): number[] {
  const total = laid.widths.reduce((a, b) => a + b, 0);
  const widths = laid.widths.map((w) => (w / total) * width);
  // A column whose figures (99.95%, 1,234.56) would wrap gets their width, taken from the others.
  const need = laid.widths.map(() => 0);
  for (const { col, cell } of placeCells(laid)) {
    if ((cell.colSpan ?? 1) === 1 && !cell.header && /^[-+≤≥<>]?[\d,.]+%?$/.test(cell.text)) {
      need[col] = Math.max(need[col]!, Math.ceil(emWidth(cell.text) * size * 10 + 2 * CELL_MARGIN + 60));
    }
  }
  const short = widths.map((w, c) => Math.max(0, need[c]! - w));
  const extra = short.reduce((a, b) => a + b, 0);
  if (extra > 0) {
    const spare = widths.reduce((a, w, c) => a + (short[c]! > 0 ? 0 : Math.max(0, w - need[c]!)), 0);
    if (spare > extra) {
      for (let c = 0; c < widths.length; c++) {
        if (short[c]! > 0) widths[c] = need[c]!;
        else widths[c] = widths[c]! - (Math.max(0, widths[c]! - need[c]!) / spare) * extra;
      }
    }
  }
  return widths.map((w) => Math.floor(w));
}

/** Width of text in em: wide characters (East Asian Width) one em, Latin letters and figures about half. */
export function emWidth(text: string): number {
  let width = 0;
  for (const ch of text) {
    // ASCII is never wide: only other characters are looked up in the East Asian Width table.
    if (ch.charCodeAt(0) >= 0x80) width += isWide(ch) ? 1 : 0.5;
    else if (ch === ' ' || ch === '.' || ch === ',' || ch === ':' || ch === ';' || ch === '(' || ch === ')')
      width += 0.25;
    else if (ch === '%') width += 0.85;
    else if (ch >= 'A' && ch <= 'Z') width += 0.7;
    else width += 0.5;
  }
  return width;
}

/** Lines a text takes in a column `width` twips wide at `size` half-points, after an indent (em). */
export function lineCount(text: string, width: number, size: number, firstIndent = 0): number {
  const perLine = Math.max(1, Math.floor(width / (size * 10)));
  const em = emWidth(text) + firstIndent;
  return Math.max(1, Math.ceil(em / perLine - 1e-9));
}

/** Heights (twips) of a laid table's rows, each at least one line, wrapped cells taller. */
export function rowHeights(laid: LaidTable, width: number, size: number): number[] {
  const widths = columnWidths(laid, width, size);
  const lines = laid.rows.map(() => 1);
  for (const { row, col, cell } of placeCells(laid)) {
    // A cell spanning rows shares its lines out among them; such header cells rarely need more.
    if ((cell.rowSpan ?? 1) > 1) continue;
    const span = cell.colSpan ?? 1;
    const cellWidth = widths.slice(col, col + span).reduce((a, b) => a + b, 0) - 2 * CELL_MARGIN;
    lines[row] = Math.max(lines[row]!, lineCount(cell.text, cellWidth, size, cell.indent ?? 0));
  }
  const line = tableLine(size);
  return lines.map((n) => n * line + BORDER_TWIPS);
}

/** Twips a 0.5 pt border adds to a row. */
const BORDER_TWIPS = 10;

/** One 目录 line: the heading, its level (part = 1) and the page it starts on. */
export interface TocEntry {
  title: string;
  level: number;
  page: number;
  /** Bookmark of the heading. */
  anchor: string;
}

/** A heading the 目录 lists, in document order, with the bookmark it gets. */
export interface TocHeading {
  title: string;
  level: number;
  anchor: string;
  /** Part index, and block index within the part (-1 for the part heading). */
  part: number;
  block: number;
}

export function tocHeadings(doc: DocumentView): TocHeading[] {
  const headings: TocHeading[] = [];
  doc.parts.forEach((part, p) => {
    headings.push({ title: part.heading, level: 1, anchor: `_Toc_js_${p}`, part: p, block: -1 });
    part.blocks.forEach((block, b) => {
      if (block.kind === 'heading' && block.toc) {
        headings.push({
          title: block.text,
          level: block.level + 1,
          anchor: `_Toc_js_${p}_${b}`,
          part: p,
          block: b,
        });
      }
    });
  });
  return headings;
}

/** A cursor down the pages. */
class Pager {
  page = 1;
  used = 0;
  constructor(public height: number) {}

  newPage(height = this.height): void {
    this.page++;
    this.used = 0;
    this.height = height;
  }

  /** Places something `h` twips tall (`before` of it spacing) that cannot split; returns its page. */
  place(h: number, before = 0): number {
    if (this.used > 0 && this.used + h > this.height) this.newPage();
    this.used += this.used > 0 ? h : h - before;
    return this.page;
  }

  /**
   * Places lines of one paragraph, splitting across pages as Word does with widow and orphan
   * control: never one line alone at the foot or the head of a page.
   */
  lines(count: number, line: number, before = 0, after = 0): number {
    // Space before is dropped at the top of a page.
    if (this.used > 0 && this.used + before + line > this.height) this.newPage();
    else if (this.used > 0) this.used += before;
    let first: number | undefined;
    let left = count;
    while (left > 0) {
      const room = Math.floor((this.height - this.used + 1e-6) / line);
      if (left <= room) {
        first ??= this.page;
        this.used += left * line;
        break;
      }
      // At least two lines stay together at the foot of the page and at the head of the next.
      let take = Math.min(room, left - 2);
      if (this.used === 0) take = Math.max(1, room);
      else if (take < 2) {
        this.newPage();
        continue;
      }
      first ??= this.page;
      this.used += take * line;
      left -= take;
      this.newPage();
    }
    this.used = Math.min(this.height, this.used + after);
    return first ?? this.page;
  }
}

/** Lines of a paragraph that must stay with the heading above it: all of a short one, else two. */
function keptLines(count: number): number {
  return count <= 3 ? count : 2;
}

/**
 * The page every 目录 heading starts on, laying the document out as renderDocx writes it. The
 * 目录 itself is laid out too, as its length moves everything after it.
 */
export function estimateTocPages(doc: DocumentView): TocEntry[] {
  const headings = tocHeadings(doc);
  const front = geometry(false);
  const pager = new Pager(front.textHeight);
  pager.lines(
    lineCount(doc.title, front.textWidth, SIZE.erhao),
    LINE.title,
    SPACING.title.before,
    SPACING.title.after,
  );
  pager.lines(1, LINE.body, SPACING.tocHeading.before, SPACING.tocHeading.after);
  for (const heading of headings) {
    // Entries are one line with the dot leader unless the title alone fills it.
    const indent = (heading.level - 1) * 2;
    pager.lines(lineCount(`${heading.title}……00`, front.textWidth, SIZE.sanhao, indent), LINE.body);
  }
  for (const note of doc.frontNotes) pager.lines(lineCount(note, front.textWidth, SIZE.sihao, 2), LINE.note);

  const pages = new Map<string, number>();
  doc.parts.forEach((part, p) => {
    const page = geometry(isTablePart(part));
    pager.newPage(page.textHeight);
    const partLines = lineCount(part.heading, page.textWidth, SIZE.xiaoer);
    const spacing = page.landscape ? SPACING.separator : SPACING.part;
    pages.set(`_Toc_js_${p}`, pager.lines(partLines, LINE.part, spacing.before, spacing.after));
    const breaks = breakBefore(part.blocks, page.landscape);
    let pendingHeadings: { anchor?: string; height: number }[] = [];
    let titleAnchor: string | undefined;
    let title: string | undefined;
    const flushHeadings = (next: number) => {
      // Headings keep with the next block's first line: move them all to the next page if needed.
      const total = pendingHeadings.reduce((a, h) => a + h.height, 0);
      if (pager.used > 0 && pager.used + total + next > pager.height) pager.newPage();
      for (const h of pendingHeadings) {
        const at = pager.place(h.height);
        if (h.anchor) pages.set(h.anchor, at);
      }
      pendingHeadings = [];
    };
    part.blocks.forEach((block, b) => {
      if (breaks.has(b)) {
        flushHeadings(0);
        pager.newPage();
      }
      if (block.kind === 'heading' && titleHeading(part.blocks, b) !== undefined) {
        // Printed as the next block's title: on its page, counted with it.
        if (block.toc) titleAnchor = `_Toc_js_${p}_${b}`;
        title = titleHeading(part.blocks, b);
        return;
      }
      if (block.kind === 'heading') {
        const lines = lineCount(block.text, page.textWidth, SIZE.sanhao, 2);
        pendingHeadings.push({
          ...(block.toc ? { anchor: `_Toc_js_${p}_${b}` } : {}),
          height: lines * LINE.body,
        });
        return;
      }
      const at = placeBlock(block, page, pager, flushHeadings, part.blocks[b + 1], title);
      if (titleAnchor) pages.set(titleAnchor, at);
      titleAnchor = undefined;
      title = undefined;
    });
    flushHeadings(0);
  });
  return headings.map((h) => ({
    title: h.title,
    level: h.level,
    anchor: h.anchor,
    page: pages.get(h.anchor) ?? 1,
  }));
}

/** Places a block below the headings waiting for it; returns the page it starts on. */
function placeBlock(
  block: Block,
  page: PageGeometry,
  pager: Pager,
  flushHeadings: (next: number) => void,
  nextBlock: Block | undefined,
  title: string | undefined,
): number {
  const titleHeight = (text: string) =>
    lineCount(text, page.textWidth, SIZE.xiaoer) * LINE.tableTitle +
    SPACING.tableTitle.before +
    SPACING.tableTitle.after;
  switch (block.kind) {
    case 'paragraph': {
      const text = block.runs.map((r) => r.text).join('');
      const [size, line, indent] =
        block.style === 'note'
          ? [SIZE.sihao, LINE.note, 2]
          : block.style === 'caption'
            ? [SIZE.wuhao, LINE.caption, 0]
            : [SIZE.sanhao, LINE.body, 2];
      const count = lineCount(text, page.textWidth, size, indent);
      flushHeadings(keptLines(count) * line);
      return pager.lines(count, line);
    }
    case 'chart': {
      const h = Math.min(
        page.textHeight,
        CHART_SIZE.height * 15 + SPACING.chart.before + SPACING.chart.after,
      );
      flushHeadings(h);
      return pager.place(h, SPACING.chart.before);
    }
    case 'units':
      return placeTable(
        layUnits(block),
        Math.round(page.textWidth * 0.9),
        TABLE_FONT.units,
        pager,
        flushHeadings,
        0,
      );
    case 'grid': {
      let top = titleHeight(title ?? block.title);
      if (block.subtitle) top += LINE.tableInfo;
      const at = placeTable(layGrid(block), page.textWidth, TABLE_FONT.grid, pager, flushHeadings, top);
      placeNotes(block.notes ?? [], page, pager);
      return at;
    }
    case 'table': {
      if (!block.table.printed) return pager.page;
      const view = block.table;
      let top = titleHeight(view.title) + 2 * LINE.tableInfo;
      let at: number | undefined;
      for (const laid of layTable(view)) {
        const start = placeTable(laid, page.textWidth, TABLE_FONT.table, pager, flushHeadings, top);
        at ??= start;
        top = 0;
      }
      const statement = emptyStatementOf(view, nextBlock);
      placeNotes([...(statement ? [statement] : []), ...view.notes], page, pager);
      return at ?? pager.page;
    }
    case 'heading':
    case 'pageBreak':
      return pager.page;
  }
}

function placeNotes(notes: string[], page: PageGeometry, pager: Pager): void {
  for (const note of notes) {
    pager.lines(lineCount(note, page.textWidth, SIZE.wuhao), LINE.tableNote, SPACING.tableNote.before);
  }
}

/**
 * A table whose title lines (`top` twips) keep with its header and first row; rows never split and
 * the header rows repeat on every page. Returns the page it starts on.
 */
function placeTable(
  laid: LaidTable,
  width: number,
  size: number,
  pager: Pager,
  flushHeadings: (next: number) => void,
  top: number,
): number {
  const heights = rowHeights(laid, width, size);
  const header = heights.slice(0, laid.headerRows).reduce((a, b) => a + b, 0);
  const first = heights[laid.headerRows] ?? 0;
  flushHeadings(top + header + first);
  if (pager.used > 0 && pager.used + top + header + first > pager.height) pager.newPage();
  const start = pager.page;
  pager.used += top;
  for (let r = 0; r < heights.length; r++) {
    const h = heights[r]!;
    if (r >= laid.headerRows && pager.used + h > pager.height) {
      pager.newPage();
      pager.used += header;
    }
    pager.used += h;
  }
  return start;
}
