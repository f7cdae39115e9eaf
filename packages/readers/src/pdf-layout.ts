/**
 * Page geometry to blocks, with no PDF library in sight: text runs with positions and ruling
 * segments in, paragraphs and table grids out. Coordinates are PDF points with the origin at the
 * top left of the page (y grows downwards).
 *
 * Tables come two ways:
 * - Ruled (“lattice”): the page's horizontal and vertical rules that touch each other form a grid;
 *   every rule position is a row or column boundary, a missing rule between two grid cells merges
 *   them (so a header spanning three columns fills all three), and each text run lands in the cell
 *   holding its centre. Runs that cross a column rule are cut at the rule.
 * - Unruled (“stream”): consecutive lines that break into separate pieces at wide gaps, with numbers
 *   among them, form a table; columns are the x ranges those pieces occupy across the rows, and a
 *   label wrapped onto a line of its own joins the row nearest to it.
 * Everything else becomes paragraphs: lines joined while they continue one another (same left
 * edge, normal spacing, the previous line reaching the right margin).
 */
import { addToGroup, collapseSpaces, isWide, joinWrapped, maxOf, minOf, pushAll } from '@juesuan/core';

export interface TextRun {
  text: string;
  /** Left and right edge. */
  x0: number;
  x1: number;
  /** Baseline. */
  y: number;
  /** Font size (height of the em square). */
  size: number;
}

export interface Segment {
  /** Horizontal: y0 === y1; vertical: x0 === x1. Always x0 ≤ x1, y0 ≤ y1. */
  x0: number;
  y0: number;
  x1: number;
  y1: number;
}

/** Where a picture is painted on the page, in points from the top left. */
export interface PictureBox {
  x0: number;
  x1: number;
  top: number;
  bottom: number;
}

export interface PageContent {
  page: number;
  width: number;
  height: number;
  runs: TextRun[];
  segments: Segment[];
  pictures: PictureBox[];
}

export type LaidBlock =
  | { kind: 'text'; text: string; top: number; bottom: number; line: number }
  /** A picture with (almost) no text on it: a table printed as an image, perhaps. */
  | { kind: 'image'; top: number; bottom: number; x0: number; x1: number }
  | {
      kind: 'table';
      rows: string[][];
      top: number;
      bottom: number;
      /** Column boundaries (ruled tables), for joining a table continued on the next page. */
      columns: number[];
      ruled: boolean;
      /** Ruled tables: cell (r, c) → id of the merged cell it belongs to. */
      regions?: number[][];
      /**
       * Ruled tables: by column, whether the cell in the last row reads as cut off by the page end
       * (its last line fills the cell's width and reaches its bottom rule): a tall merged cell
       * whose text goes on in the table's continuation on the next page.
       */
      cutAtBottom?: boolean[];
    };

const TOL = 2;

// ---- segments -----------------------------------------------------------------------------------

/** Merges collinear, overlapping or touching segments so a rule drawn in pieces is one rule. */
export function mergeSegments(segments: Segment[]): Segment[] {
  const horizontal = segments.filter((s) => s.y1 - s.y0 <= s.x1 - s.x0);
  const vertical = segments.filter((s) => s.y1 - s.y0 > s.x1 - s.x0);
  const merge = (list: Segment[], along: 'x' | 'y'): Segment[] => {
    const pos = (s: Segment) => (along === 'x' ? (s.y0 + s.y1) / 2 : (s.x0 + s.x1) / 2);
    const lo = (s: Segment) => (along === 'x' ? s.x0 : s.y0);
    const hi = (s: Segment) => (along === 'x' ? s.x1 : s.y1);
    const sorted = [...list].sort((a, b) => pos(a) - pos(b) || lo(a) - lo(b));
    const out: Segment[] = [];
    // Group by position (within tolerance), then merge overlapping ranges in each group.
    let group: Segment[] = [];
    const flush = () => {
      if (!group.length) return;
      const p = group.reduce((sum, s) => sum + pos(s), 0) / group.length;
      group.sort((a, b) => lo(a) - lo(b));
      let start = lo(group[0]!);
      let end = hi(group[0]!);
      const emit = () =>
        out.push(along === 'x' ? { x0: start, x1: end, y0: p, y1: p } : { x0: p, x1: p, y0: start, y1: end });
      for (const s of group.slice(1)) {
        if (lo(s) <= end + TOL) end = Math.max(end, hi(s));
        else {
          emit();
          start = lo(s);
          end = hi(s);
        }
      }
      emit();
      group = [];
    };
    for (const s of sorted) {
      if (group.length && pos(s) - pos(group[0]!) > 1) flush();
      group.push(s);
    }
    flush();
    return out;
  };
  return [...merge(horizontal, 'x'), ...merge(vertical, 'y')];
}

const isHorizontal = (s: Segment) => s.y0 === s.y1;

function touches(h: Segment, v: Segment): boolean {
  return v.x0 >= h.x0 - TOL && v.x0 <= h.x1 + TOL && h.y0 >= v.y0 - TOL && h.y0 <= v.y1 + TOL;
}

/** Clusters of rules that touch one another: each is a candidate ruled table. */
function ruleClusters(segments: Segment[]): Segment[][] {
  const parent = segments.map((_, i) => i);
  const find = (i: number): number => {
    while (parent[i] !== i) {
      parent[i] = parent[parent[i]!]!;
      i = parent[i]!;
    }
    return i;
  };
  const hs = segments.map((s, i) => [s, i] as const).filter(([s]) => isHorizontal(s));
  const vs = segments.map((s, i) => [s, i] as const).filter(([s]) => !isHorizontal(s));
  for (const [h, i] of hs) {
    for (const [v, j] of vs) if (touches(h, v)) parent[find(i)] = find(j);
  }
  const groups = new Map<number, Segment[]>();
  segments.forEach((s, i) => {
    const root = find(i);
    addToGroup(groups, root, s);
  });
  return [...groups.values()];
}

function uniqueSorted(values: number[]): number[] {
  const sorted = [...values].sort((a, b) => a - b);
  const out: number[] = [];
  for (const v of sorted) {
    const last = out.at(-1);
    if (last === undefined || v - last > TOL) out.push(v);
    else out[out.length - 1] = (last + v) / 2;
  }
  return out;
}

// ---- ruled tables ----------------------------------------------------------------------------

interface Grid {
  xs: number[];
  ys: number[];
  segments: Segment[];
  /** Cell (r, c) → index of the merged region it belongs to. */
  region: number[][];
}

function buildGrid(cluster: Segment[]): Grid | undefined {
  const hs = cluster.filter(isHorizontal);
  const vs = cluster.filter((s) => !isHorizontal(s));
  if (hs.length < 2 || vs.length < 2) return undefined;
  const xs = uniqueSorted([...vs.map((v) => v.x0), ...hs.map((h) => h.x0), ...hs.map((h) => h.x1)]);
  const ys = uniqueSorted([...hs.map((h) => h.y0), ...vs.map((v) => v.y0), ...vs.map((v) => v.y1)]);
  if (xs.length < 3 || ys.length < 3) return undefined;
  const R = ys.length - 1;
  const C = xs.length - 1;
  const hasV = (x: number, ya: number, yb: number) => {
    const mid = (ya + yb) / 2;
    return vs.some((v) => Math.abs(v.x0 - x) <= TOL && v.y0 <= mid && v.y1 >= mid);
  };
  const hasH = (y: number, xa: number, xb: number) => {
    const mid = (xa + xb) / 2;
    return hs.some((h) => Math.abs(h.y0 - y) <= TOL && h.x0 <= mid && h.x1 >= mid);
  };
  const parent = Array.from({ length: R * C }, (_, i) => i);
  const find = (i: number): number => {
    while (parent[i] !== i) {
      parent[i] = parent[parent[i]!]!;
      i = parent[i]!;
    }
    return i;
  };
  for (let r = 0; r < R; r++) {
    for (let c = 0; c < C; c++) {
      if (c + 1 < C && !hasV(xs[c + 1]!, ys[r]!, ys[r + 1]!)) parent[find(r * C + c)] = find(r * C + c + 1);
      if (r + 1 < R && !hasH(ys[r + 1]!, xs[c]!, xs[c + 1]!)) parent[find(r * C + c)] = find((r + 1) * C + c);
    }
  }
  const region = Array.from({ length: R }, (_, r) => Array.from({ length: C }, (_, c) => find(r * C + c)));
  return { xs, ys, segments: cluster, region };
}

/** Cuts a run where it crosses one of the given x boundaries, sharing its width by character. */
export function splitRun(run: TextRun, boundaries: number[]): TextRun[] {
  const inside = boundaries.filter((b) => b > run.x0 + 1 && b < run.x1 - 1);
  if (inside.length === 0 || run.text.length < 2) return [run];
  const chars = [...run.text];
  // Wide characters take a full em, others about half; scale to the run's measured width.
  const weights = chars.map((ch) => (isWide(ch) ? 1 : 0.5));
  const total = weights.reduce((a, b) => a + b, 0);
  const scale = (run.x1 - run.x0) / total;
  const out: TextRun[] = [];
  let x = run.x0;
  let current = '';
  let start = run.x0;
  let next = 0;
  chars.forEach((ch, i) => {
    const w = weights[i]! * scale;
    const centre = x + w / 2;
    while (next < inside.length && centre > inside[next]!) {
      if (current.trim()) out.push({ ...run, text: current, x0: start, x1: x });
      current = '';
      start = x;
      next++;
    }
    current += ch;
    x += w;
  });
  if (current.trim()) out.push({ ...run, text: current, x0: start, x1: x });
  return out;
}

function runsToText(runs: TextRun[]): string {
  const lines = groupLines(runs);
  let text = '';
  for (const line of lines) text = joinWrapped(text, lineText(line.runs));
  return text;
}

function ruledTable(grid: Grid, runs: TextRun[]): LaidBlock {
  const { xs, ys, region } = grid;
  const byRegion = new Map<number, TextRun[]>();
  for (const run of runs) {
    for (const piece of splitRun(run, xs)) {
      const cx = (piece.x0 + piece.x1) / 2;
      const cy = piece.y - piece.size * 0.35;
      const c = xs.findIndex((x, i) => i + 1 < xs.length && cx >= x && cx < xs[i + 1]!);
      const r = ys.findIndex((y, i) => i + 1 < ys.length && cy >= y && cy < ys[i + 1]!);
      if (r < 0 || c < 0) continue;
      const id = region[r]![c]!;
      addToGroup(byRegion, id, piece);
    }
  }
  const texts = new Map<number, string>();
  for (const [id, list] of byRegion) texts.set(id, runsToText(list));
  const rows = region.map((cells) => cells.map((id) => texts.get(id) ?? ''));
  const lastRow = region.at(-1)!;
  const bottom = ys.at(-1)!;
  const cutAtBottom = lastRow.map((id, c) => {
    const list = byRegion.get(id);
    if (!list?.length) return false;
    let right = c;
    while (right + 1 < lastRow.length && lastRow[right + 1] === id) right++;
    const line = groupLines(list).at(-1)!;
    return xs[right + 1]! - line.x1 < line.size && line.bottom >= bottom - line.size * 0.5;
  });
  return {
    kind: 'table',
    rows,
    top: ys[0]!,
    bottom,
    columns: xs,
    ruled: true,
    regions: region,
    cutAtBottom,
  };
}

// ---- lines -----------------------------------------------------------------------------------

export interface LayoutLine {
  runs: TextRun[];
  top: number;
  bottom: number;
  x0: number;
  x1: number;
  size: number;
}

const centreY = (r: TextRun) => r.y - r.size * 0.35;

/** Runs on one visual line: centres within half the smaller font size. */
export function groupLines(runs: TextRun[]): LayoutLine[] {
  const sorted = [...runs].sort((a, b) => centreY(a) - centreY(b) || a.x0 - b.x0);
  const lines: LayoutLine[] = [];
  let current: TextRun[] = [];
  let centre = 0;
  const flush = () => {
    if (!current.length) return;
    current.sort((a, b) => a.x0 - b.x0);
    // One pass for the line's box: this runs for every line of every page and every table cell.
    const line: LayoutLine = {
      runs: current,
      top: Infinity,
      bottom: -Infinity,
      x0: Infinity,
      x1: -Infinity,
      size: -Infinity,
    };
    for (const r of current) {
      line.size = Math.max(line.size, r.size);
      line.top = Math.min(line.top, r.y - r.size * 0.85);
      line.bottom = Math.max(line.bottom, r.y + r.size * 0.15);
      line.x0 = Math.min(line.x0, r.x0);
      line.x1 = Math.max(line.x1, r.x1);
    }
    lines.push(line);
    current = [];
  };
  for (const run of sorted) {
    const cy = centreY(run);
    if (current.length && Math.abs(cy - centre) > Math.min(run.size, current[0]!.size) * 0.5) flush();
    if (!current.length) centre = cy;
    current.push(run);
  }
  flush();
  return lines;
}

/** Pieces of a line separated by gaps wider than ~1.5 em: the cells of an unruled table row. */
function pieces(line: LayoutLine): TextRun[][] {
  const out: TextRun[][] = [];
  let current: TextRun[] = [];
  for (const run of line.runs) {
    const last = current.at(-1);
    if (last && run.x0 - last.x1 > Math.max(run.size, last.size) * 1.5) {
      out.push(current);
      current = [];
    }
    current.push(run);
  }
  if (current.length) out.push(current);
  return out;
}

/**
 * The gap, in em, above which two runs stand apart as two words. Chinese text has no spaces
 * between words, so between two wide characters only a gap as wide as a typed space (half an em in
 * 宋体 and 黑体, where 「第一部分 部门概况」 or 「审计 第二季度」 put one, and which a producer may
 * leave as a gap instead of a glyph) is one, not the narrower spread of a justified line or a
 * positioning slip (0.47 em seen mid-word); between Latin words or figures a narrow one is.
 */
const WIDE_SPACE = 0.49;
const NARROW_SPACE = 0.15;

/** Full-width punctuation carries its own spacing: a gap beside it is never a space. */
const FULL_WIDTH_PUNCTUATION =
  /[\u3000-\u303F\uFF01-\uFF0F\uFF1A-\uFF20\uFF3B-\uFF40\uFF5B-\uFF65\u2014\u2018-\u201F\u2026]/u;

/** The text of runs on one line: a space where the gap is wide enough to be one. */
export function lineText(runs: TextRun[]): string {
  // A word set out one character at a time (合　计, 目　录) is a spread word, not several.
  const spreadWord = runs.length > 1 && runs.every((r) => [...r.text].length === 1 && isWide(r.text));
  let text = '';
  let last: TextRun | undefined;
  for (const run of runs) {
    const besidePunctuation =
      FULL_WIDTH_PUNCTUATION.test(run.text[0] ?? '') || FULL_WIDTH_PUNCTUATION.test(text.at(-1) ?? '');
    if (last && !spreadWord && !besidePunctuation) {
      const gap = run.x0 - last.x1;
      const wide = isWide(text.at(-1)) && isWide(run.text[0]);
      if (gap > last.size * (wide ? WIDE_SPACE : NARROW_SPACE)) text += ' ';
    }
    text += run.text;
    last = run;
  }
  return collapseSpaces(text);
}

/** Narrower than any font's word space (a quarter em or more): a gap this small is only spacing. */
const TRACKING = 0.2;
/** Wider than this, spaces between wide characters are typed, however evenly they are spread. */
const JUSTIFIED_MAX = 0.6;

/**
 * The text of one run without the spaces a justified line printed between its wide characters
 * (「项 目 支 出」, 「目  录」). The gap at its spaces is estimated from the run's width less its
 * glyphs (wide ones an em, others about half). Justification spreads every pair of characters
 * alike, a typed space (第一部分 景德镇市…) stands alone: the spaces between two wide characters go
 * when their gap is narrow (under JUSTIFIED_MAX) and either narrower than a word space or found
 * between at least half of the run's wide pairs. Spaces next to Latin text and figures stay (a word
 * space there is itself narrow).
 */
export function itemText(text: string, width: number, size: number): string {
  if (!text.includes(' ') || !(size > 0)) return text;
  // Each stretch of spaces is one gap; it is a spread when wide characters stand either side.
  const parts = text.split(/( +)/);
  let spaces = 0;
  let spread = 0;
  let pairs = 0;
  let glyphs = 0;
  const between = (i: number) =>
    parts[i]!.startsWith(' ') && isWide(parts[i - 1]?.at(-1)) && isWide(parts[i + 1]?.[0]);
  parts.forEach((part, i) => {
    if (part.startsWith(' ')) {
      spaces += part.length;
      if (between(i)) spread++;
      return;
    }
    const chars = [...part];
    chars.forEach((ch, k) => {
      glyphs += isWide(ch) ? 1 : 0.5;
      if (isWide(ch) && isWide(chars[k + 1])) pairs++;
    });
  });
  if (spread === 0) return text;
  const gap = (width / size - glyphs) / spaces;
  const justified = gap < JUSTIFIED_MAX && (gap < TRACKING || spread * 2 >= spread + pairs);
  return justified ? parts.filter((_, i) => !between(i)).join('') : text;
}

// ---- unruled tables --------------------------------------------------------------------------

const NUMERIC = /^[-+]?(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?%?$|^[-—–]{1,3}$/;

function isNumericText(text: string): boolean {
  return NUMERIC.test(text.replace(/\s+/g, ''));
}

interface Span {
  x0: number;
  x1: number;
}

function spanOf(runs: TextRun[]): Span {
  return { x0: minOf(runs.map((r) => r.x0)), x1: maxOf(runs.map((r) => r.x1)) };
}

function overlap(a: Span, b: Span): number {
  return Math.min(a.x1, b.x1) - Math.max(a.x0, b.x0);
}

/** Column ranges: the union of the pieces' x ranges over the rows. */
function columnsOf(rows: TextRun[][][]): Span[] {
  const spans = rows.flatMap((row) => row.map(spanOf)).sort((a, b) => a.x0 - b.x0);
  const out: Span[] = [];
  for (const s of spans) {
    const last = out.at(-1);
    if (last && s.x0 <= last.x1 + 1) last.x1 = Math.max(last.x1, s.x1);
    else out.push({ ...s });
  }
  return out;
}

function columnIndex(columns: Span[], span: Span): number {
  let best = -1;
  let bestOverlap = -Infinity;
  columns.forEach((c, i) => {
    const o = overlap(c, span);
    if (o > bestOverlap) [best, bestOverlap] = [i, o];
  });
  return best;
}

interface StreamCandidate {
  line: LayoutLine;
  parts: TextRun[][];
  numeric: boolean;
}

/**
 * Finds unruled tables among lines: a run of at least two lines that split into two or more
 * pieces with a number among them, plus label lines wrapped between them and a header line of
 * pieces sitting on the same columns just above.
 */
function streamTables(lines: LayoutLine[]): { start: number; end: number; block: LaidBlock }[] {
  const cands: StreamCandidate[] = lines.map((line) => {
    const parts = pieces(line);
    return { line, parts, numeric: parts.length >= 2 && parts.some((p) => isNumericText(lineText(p))) };
  });
  const found: { start: number; end: number; block: LaidBlock }[] = [];
  let i = 0;
  while (i < cands.length) {
    if (!cands[i]!.numeric) {
      i++;
      continue;
    }
    // Extend over numeric rows and single-piece label lines between them.
    let end = i;
    let j = i + 1;
    while (j < cands.length) {
      const c = cands[j]!;
      const gap = c.line.top - cands[j - 1]!.line.bottom;
      if (gap > c.line.size * 2.5) break;
      if (c.numeric) end = j;
      else if (c.parts.length !== 1) break;
      j++;
    }
    const numericRows = cands.slice(i, end + 1).filter((c) => c.numeric);
    if (numericRows.length < 2) {
      i = end + 1;
      continue;
    }
    const columns = columnsOf(numericRows.map((c) => c.parts));
    if (columns.length < 2) {
      i = end + 1;
      continue;
    }
    // Header lines just above whose pieces all sit on columns.
    let start = i;
    while (start > 0) {
      const c = cands[start - 1]!;
      const gap = cands[start]!.line.top - c.line.bottom;
      const onColumns = c.parts.every((p) => columns.some((col) => overlap(col, spanOf(p)) > 0));
      const caption = /^(部门|编制单位|单位|金额单位)[:：]/.test(lineText(c.parts[0] ?? []));
      if (c.numeric || c.parts.length < 2 || !onColumns || caption || gap > c.line.size * 2.5) break;
      start--;
    }
    const table = streamTableBlock(cands.slice(start, end + 1), columns);
    found.push({ start, end, block: table });
    i = end + 1;
  }
  return found;
}

/** The lines of an unruled table as rows of the columns; a wrapped label line joins its row. */
function streamTableBlock(lines: StreamCandidate[], columns: ReturnType<typeof columnsOf>): LaidBlock {
  const rows: { cells: string[][]; top: number; bottom: number; numeric: boolean }[] = [];
  for (const c of lines) {
    const cells: string[][] = columns.map(() => []);
    for (const part of c.parts) cells[columnIndex(columns, spanOf(part))]!.push(lineText(part));
    rows.push({ cells, top: c.line.top, bottom: c.line.bottom, numeric: c.numeric || c.parts.length > 1 });
  }
  // A wrapped label line joins the nearer of the rows above and below it.
  const merged: typeof rows = [];
  rows.forEach((row, k) => {
    if (row.numeric) {
      merged.push(row);
      return;
    }
    const above = merged.at(-1);
    const below = rows.slice(k + 1).find((r) => r.numeric);
    const dAbove = above ? row.top - above.bottom : Infinity;
    const dBelow = below ? below.top - row.bottom : Infinity;
    const target = dBelow < dAbove ? below : above;
    if (!target) {
      merged.push(row);
      return;
    }
    row.cells.forEach((texts, col) => {
      if (!texts.length) return;
      const cell = target.cells[col]!;
      if (target === below) cell.unshift(...texts);
      else pushAll(cell, texts);
    });
  });
  return {
    kind: 'table',
    rows: merged.map((r) => r.cells.map((texts) => texts.reduce((a, b) => joinWrapped(a, b), ''))),
    top: rows[0]!.top,
    bottom: rows.at(-1)!.bottom,
    columns: columns.flatMap((c) => [c.x0, c.x1]),
    ruled: false,
  };
}

// ---- paragraphs ------------------------------------------------------------------------------

function paragraphs(lines: LayoutLine[], rightMargin: number): LaidBlock[] {
  const out: LaidBlock[] = [];
  let current: { text: string; top: number; bottom: number; line: LayoutLine } | undefined;
  lines.forEach((line) => {
    const text = lineText(line.runs);
    if (!text) return;
    const prev = current?.line;
    const continues =
      prev !== undefined &&
      Math.abs(line.size - prev.size) < 0.5 &&
      line.top - prev.bottom < line.size * 1.5 &&
      line.x0 <= prev.x0 + line.size * 0.5 &&
      prev.x1 >= rightMargin - line.size * 2.5 &&
      !/[。：:！？]$/.test(current!.text) &&
      // A numbered heading (十一、其他重要事项的情况说明) starts its own paragraph even after a
      // full line that ends without a stop (a placeholder 【…】).
      !/^(?:[一二三四五六七八九十]+、|第[一二三四五六七八九十]+部分)/.test(text);
    if (current && continues) {
      current.text = joinWrapped(current.text, text);
      current.bottom = line.bottom;
      current.line = line;
    } else {
      if (current)
        out.push({ kind: 'text', text: current.text, top: current.top, bottom: current.bottom, line: 0 });
      current = { text, top: line.top, bottom: line.bottom, line };
    }
  });
  if (current)
    out.push({ kind: 'text', text: current.text, top: current.top, bottom: current.bottom, line: 0 });
  return out;
}

// ---- the page --------------------------------------------------------------------------------

/** Lays out one page (running headers and footers already removed) into blocks, top to bottom. */
export function layoutPage(content: PageContent): LaidBlock[] {
  const segments = mergeSegments(content.segments);
  const blocks: LaidBlock[] = [];
  let free = content.runs;
  for (const cluster of ruleClusters(segments)) {
    const grid = buildGrid(cluster);
    if (!grid) continue;
    const x0 = grid.xs[0]! - TOL;
    const x1 = grid.xs.at(-1)! + TOL;
    const y0 = grid.ys[0]! - TOL;
    const y1 = grid.ys.at(-1)! + TOL;
    const inside = (r: TextRun) => {
      const cx = (r.x0 + r.x1) / 2;
      const cy = centreY(r);
      return cx >= x0 && cx <= x1 && cy >= y0 && cy <= y1;
    };
    const mine = free.filter(inside);
    free = free.filter((r) => !inside(r));
    blocks.push(ruledTable(grid, mine));
  }
  const lines = groupLines(free);
  const rightMargin = Math.max(0, maxOf(lines.map((l) => l.x1)));
  const tables = streamTables(lines);
  let k = 0;
  for (const t of tables) {
    pushAll(blocks, paragraphs(lines.slice(k, t.start), rightMargin));
    blocks.push(t.block);
    k = t.end + 1;
  }
  pushAll(blocks, paragraphs(lines.slice(k), rightMargin));
  pushAll(blocks, barePictures(content));
  return blocks.sort((a, b) => a.top - b.top);
}

/**
 * The pictures with next to no text over them: a background or a watermark under the text is not
 * a table printed as an image, a picture the text does not cover may be.
 */
function barePictures(content: PageContent): LaidBlock[] {
  return content.pictures
    .filter((p) => {
      const over = content.runs.filter((r) => {
        const cx = (r.x0 + r.x1) / 2;
        const cy = centreY(r);
        return cx >= p.x0 && cx <= p.x1 && cy >= p.top && cy <= p.bottom;
      });
      return over.length < 3;
    })
    .map((p) => ({ kind: 'image' as const, ...p }));
}

// ---- running headers and footers -------------------------------------------------------------

/** A page number or page mark (“- 3 -”, “第 3 页 共 23 页”, “3/23”, “Page 3 of 23”, “XX局决算 第3页”). */
const PAGE_MARK =
  /第\s*\d{1,4}\s*页|\bpage\s+\d{1,4}\b|^[-—–－―~～]?\s*\d{1,4}\s*[-—–－―~～]?$|^\d{1,4}\s*\/\s*\d{1,4}$/i;

export function isPageMark(text: string): boolean {
  const t = collapseSpaces(text);
  return t.length <= 40 && PAGE_MARK.test(t);
}

/**
 * Removes page numbers and lines repeated at the same place on many pages (a running header or
 * footer), looking only at the top and bottom 10% of each page. A repeated line must be the same
 * text on at least three pages and half of them: a table title that differs by its number
 * (“公开01表”, “公开02表”) is content, not a header.
 */
export function dropRunningLines(pages: PageContent[]): { pages: PageContent[]; dropped: number } {
  const zoneLines = pages.map((p) => {
    const lines = groupLines(p.runs);
    const edge = p.height * 0.1;
    return lines
      .filter((l) => l.bottom < edge || l.top > p.height - edge)
      .map((l) => {
        const text = lineText(l.runs);
        const zone = l.top > p.height - edge ? 'bottom' : 'top';
        return { line: l, text, key: `${zone}:${text.replace(/\s+/g, '')}` };
      });
  });
  const counts = new Map<string, number>();
  for (const list of zoneLines) {
    for (const key of new Set(list.map((z) => z.key))) counts.set(key, (counts.get(key) ?? 0) + 1);
  }
  let dropped = 0;
  const out = pages.map((p, i) => {
    const drop = new Set<TextRun>();
    for (const z of zoneLines[i]!) {
      const repeated = pages.length >= 3 && (counts.get(z.key) ?? 0) >= Math.max(3, pages.length / 2);
      if (isPageMark(z.text) || repeated) {
        for (const r of z.line.runs) drop.add(r);
        dropped++;
      }
    }
    return drop.size ? { ...p, runs: p.runs.filter((r) => !drop.has(r)) } : p;
  });
  return { pages: out, dropped };
}
