/**
 * A PDF's pages as positioned text, ruling lines and pictures, from MuPDF's `mutool trace`: the
 * interpreter runs in its own process (fonts and CMaps in C, about 2 ms a page) and prints every
 * drawing call as a line of XML — glyphs with their origin, paths with their points, images with
 * their placement, each under the transform that applies. This module turns that stream into
 * `PageContent` as it arrives, so memory holds the compact runs, never the trace.
 *
 * The child runs under `prlimit` (address space and CPU seconds) and is killed at the read's
 * deadline or abort, so a hostile PDF costs bounded memory and time.
 */

import { spawn } from 'node:child_process';
import { maxOf, minOf, pushAll } from '@juesuan/core';
import { itemText, type PageContent, type PictureBox, type Segment, type TextRun } from './pdf-layout';

/** [a, b, c, d, e, f]: x' = a·x + c·y + e, y' = b·x + d·y + f (MuPDF's and PDF's convention). */
type Matrix = readonly number[];

export interface TraceLimits {
  maxPages: number;
  /** Address space of the MuPDF process. */
  maxMemoryBytes: number;
  /** Called between lines of output; throws to stop the trace (deadline, abort). */
  check: () => void;
  signal?: AbortSignal;
}

export interface TraceResult {
  pages: PageContent[];
  /** Non-space characters read, and how many of them could not be decoded (no Unicode mapping). */
  chars: number;
  undecodable: number;
  /** MuPDF's error lines, for a message when nothing could be read. */
  errors: string[];
  exitCode: number | null;
}

/** The MuPDF command; JUESUAN_MUTOOL names another (a build of one's own, or a missing one in tests). */
export function mutool(): string {
  return process.env.JUESUAN_MUTOOL ?? 'mutool';
}

/** prlimit's exit status when it cannot run the program it was given (not found, not executable). */
const NOT_RUN = new Set([126, 127]);
/** No line of MuPDF's trace is this long; a longer one means the output is not a trace. */
const MAX_LINE = 1024 * 1024;
/** CPU seconds for MuPDF: a backstop behind the read's own deadline, which stops it sooner. */
const CPU_SECONDS = 600;

/** Runs `mutool trace` on a file and parses its output page by page. */
export function tracePdf(path: string, limits: TraceLimits): Promise<TraceResult> {
  const args = ['trace', path, `1-${limits.maxPages}`];
  const child = spawn(
    'prlimit',
    [`--as=${limits.maxMemoryBytes}`, `--cpu=${CPU_SECONDS}`, '--', mutool(), ...args],
    { stdio: ['ignore', 'pipe', 'pipe'] },
  );
  const parser = new TraceParser();
  const errors: string[] = [];
  return new Promise((resolve, reject) => {
    let failure: unknown;
    const stop = (error: unknown) => {
      failure ??= error;
      child.kill('SIGKILL');
    };
    const abort = () => stop(limits.signal?.reason ?? new Error('aborted'));
    limits.signal?.addEventListener('abort', abort, { once: true });
    const timer = setInterval(() => {
      try {
        limits.check();
      } catch (error) {
        stop(error);
      }
    }, 50);
    let pending = '';
    child.stdout.setEncoding('utf8');
    child.stdout.on('data', (chunk: string) => {
      if (failure) return;
      const text = pending + chunk;
      let start = 0;
      for (let end = text.indexOf('\n'); end >= 0; end = text.indexOf('\n', start)) {
        parser.line(text.slice(start, end));
        start = end + 1;
      }
      pending = text.slice(start);
      if (pending.length > MAX_LINE) stop(new Error(`mutool 输出了超过 ${MAX_LINE} 字符的一行`));
    });
    let stderr = '';
    child.stderr.setEncoding('utf8');
    child.stderr.on('data', (chunk: string) => {
      if (stderr.length < 64 * 1024) stderr += chunk;
    });
    child.on('error', (error: NodeJS.ErrnoException) => stop(error));
    child.on('close', (code) => {
      clearInterval(timer);
      limits.signal?.removeEventListener('abort', abort);
      if (failure) return reject(failure);
      if (code !== null && NOT_RUN.has(code) && parser.empty()) {
        return reject(Object.assign(new Error(stderr.trim()), { code: 'ENOENT' }));
      }
      if (pending) parser.line(pending);
      for (const line of stderr.split('\n')) {
        const error = /^(?:error|cannot \w+ document): (.*)$/.exec(line.trim());
        if (error) errors.push(error[1]!);
      }
      resolve({ ...parser.finish(), errors, exitCode: code });
    });
  });
}

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

/** `&amp;` and friends, and numeric references, as MuPDF escapes attribute values. */
function unescapeXml(value: string): string {
  if (!value.includes('&')) return value;
  return value.replace(
    /&(?:#x([0-9a-fA-F]+)|#(\d+)|(amp|lt|gt|quot|apos));/g,
    (_, hex: string | undefined, dec: string | undefined, name: string) => {
      if (hex) return String.fromCodePoint(Number.parseInt(hex, 16));
      if (dec) return String.fromCodePoint(Number(dec));
      return ENTITIES[name]!;
    },
  );
}

/** A glyph that prints as blank: ASCII spaces, no-break and ideographic spaces. */
function isSpace(text: string): boolean {
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code !== 0x20 && code !== 0xa0 && code !== 0x3000 && (code < 0x09 || code > 0x0d)) return false;
  }
  return text.length > 0;
}

/** The value of `name="…"` in a trace line, or undefined. */
function attribute(line: string, name: string): string | undefined {
  const key = ` ${name}="`;
  const at = line.indexOf(key);
  if (at < 0) return undefined;
  const start = at + key.length;
  return line.slice(start, line.indexOf('"', start));
}

function numbers(value: string | undefined): number[] {
  return value ? value.trim().split(/\s+/).map(Number) : [];
}

function num(line: string, name: string): number {
  return Number(attribute(line, name));
}

function apply(m: Matrix, x: number, y: number): [number, number] {
  return [m[0]! * x + m[2]! * y + m[4]!, m[1]! * x + m[3]! * y + m[5]!];
}

/** The linear part of `inner` followed by `outer`. */
function concatLinear(inner: Matrix, outer: Matrix): Matrix {
  return [
    inner[0]! * outer[0]! + inner[1]! * outer[2]!,
    inner[0]! * outer[1]! + inner[1]! * outer[3]!,
    inner[2]! * outer[0]! + inner[3]! * outer[2]!,
    inner[2]! * outer[1]! + inner[3]! * outer[3]!,
    0,
    0,
  ];
}

const TEXT_TAGS = new Set(['fill_text', 'stroke_text', 'clip_text', 'clip_stroke_text', 'ignore_text']);
const IMAGE_TAGS = new Set(['fill_image', 'fill_image_mask', 'clip_image_mask']);
/** Content that is never seen as drawn: masks and tiling patterns' cells. */
const HIDDEN_OPEN = new Set(['begin_mask', 'begin_tile']);
const HIDDEN_CLOSE = new Set(['end_mask', 'end_tile']);

interface Span {
  /** The glyph space to the page: the span's size and slant through the text's transform. */
  linear: Matrix;
  size: number;
  /** Advance of one em along the line (points). */
  em: number;
  horizontal: boolean;
}

interface Glyph {
  text: string;
  x: number;
  y: number;
  /** The font program's advance, in points. */
  advance: number;
}

interface Path {
  ctm: Matrix;
  stroke: boolean;
  polylines: [number, number][][];
}

/** The line-by-line state machine over `mutool trace` output. */
class TraceParser {
  private readonly pages: PageContent[] = [];
  private page: PageContent | undefined;
  private textCtm: Matrix | undefined;
  private span: Span | undefined;
  /** The runs of the text element being read, kept apart to drop a repeat (fill, then stroke). */
  private elementRuns: TextRun[] = [];
  private elementKey = '';
  private previousKey = '';
  private run: TextRun | undefined;
  /** Where the open run's next glyph would start: its ink end, or past a space printed after it. */
  private reach = 0;
  /** The span's last glyph, placed once the next one shows how wide it is. */
  private pending: Glyph | undefined;
  private path: Path | undefined;
  private hidden = 0;
  private chars = 0;
  private undecodable = 0;

  line(line: string): void {
    const open = line.indexOf('<');
    if (open < 0) return;
    const closing = line[open + 1] === '/';
    const nameStart = open + (closing ? 2 : 1);
    let nameEnd = nameStart;
    for (let c = line.charCodeAt(nameEnd); (c >= 97 && c <= 122) || c === 95; c = line.charCodeAt(++nameEnd));
    const tag = line.slice(nameStart, nameEnd);
    if (closing) this.close(tag);
    else this.open(tag, line);
  }

  /** Nothing read yet: not a page begun. */
  empty(): boolean {
    return this.pages.length === 0 && this.page === undefined;
  }

  finish(): Pick<TraceResult, 'pages' | 'chars' | 'undecodable'> {
    this.endPage();
    return { pages: this.pages, chars: this.chars, undecodable: this.undecodable };
  }

  private open(tag: string, line: string): void {
    if (tag === 'page') this.startPage(line);
    else if (HIDDEN_OPEN.has(tag)) this.hidden++;
    else if (HIDDEN_CLOSE.has(tag)) this.hidden = Math.max(0, this.hidden - 1);
    if (!this.page || this.hidden > 0) return;
    switch (tag) {
      case 'g':
        this.glyph(line);
        break;
      case 'span':
        this.startSpan(line);
        break;
      case 'moveto':
      case 'lineto':
      case 'curveto':
      case 'closepath':
        this.pathStep(tag, line);
        break;
      case 'stroke_path':
      case 'fill_path':
        this.path = {
          ctm: numbers(attribute(line, 'transform')),
          stroke: tag === 'stroke_path',
          polylines: [],
        };
        if (line.endsWith('/>')) this.endPath();
        break;
      default:
        if (TEXT_TAGS.has(tag)) {
          this.textCtm = numbers(attribute(line, 'transform'));
          this.elementRuns = [];
          this.elementKey = '';
        } else if (IMAGE_TAGS.has(tag)) this.picture(numbers(attribute(line, 'transform')));
    }
  }

  private close(tag: string): void {
    if (!this.page) return;
    if (tag === 'span') {
      this.endSpan();
      this.endRun();
      this.span = undefined;
    } else if (TEXT_TAGS.has(tag)) this.endText();
    else if (tag === 'stroke_path' || tag === 'fill_path') this.endPath();
    else if (tag === 'page') this.endPage();
  }

  private startPage(line: string): void {
    this.endPage();
    const [x0 = 0, y0 = 0, x1 = 0, y1 = 0] = numbers(attribute(line, 'mediabox'));
    this.page = {
      page: num(line, 'number'),
      width: Math.abs(x1 - x0),
      height: Math.abs(y1 - y0),
      runs: [],
      segments: [],
      pictures: [],
    };
    this.previousKey = '';
  }

  private endPage(): void {
    if (!this.page) return;
    // Text placed outside the page is never seen (a cell's text pushed past the edge).
    const { width, height } = this.page;
    this.page.runs = this.page.runs.filter(
      (r) => r.x1 > 0 && r.x0 < width && r.y > 0 && r.y - r.size < height,
    );
    this.pages.push(this.page);
    this.page = undefined;
  }

  private startSpan(line: string): void {
    if (!this.textCtm) return;
    const trm = numbers(attribute(line, 'trm'));
    const linear = concatLinear([...trm, 0, 0], this.textCtm);
    const size = Math.hypot(linear[2]!, linear[3]!) || Math.hypot(linear[0]!, linear[1]!);
    const em = Math.hypot(linear[0]!, linear[1]!);
    const horizontal =
      attribute(line, 'wmode') !== '1' && linear[0]! > 0 && Math.abs(linear[1]!) < 0.01 * linear[0]!;
    this.span = { linear, size, em, horizontal };
  }

  /**
   * One glyph of the span. Its width is where the next glyph starts when that is close: the
   * advance MuPDF prints comes from the font program, which for a font the PDF does not embed is a
   * substitute's (a space a quarter em wide where the PDF says half). Further than that, the space
   * between the two is a gap.
   */
  private glyph(line: string): void {
    const span = this.span;
    if (!span || !this.textCtm) return;
    const text = unescapeXml(attribute(line, 'unicode') ?? '\uFFFD');
    const [x, y] = apply(this.textCtm, num(line, 'x'), num(line, 'y'));
    const advance = (Number(attribute(line, 'adv')) || 0) * (span.horizontal ? span.em : span.size);
    this.elementKey ||= `${text}@${x.toFixed(1)},${y.toFixed(1)}`;
    const previous = this.pending;
    if (previous) {
      const step = x - previous.x;
      const close = Math.abs(y - previous.y) <= span.size * 0.05 && step >= 0;
      const cap = Math.max(previous.advance, span.size * 0.5) + span.size * 0.15;
      this.place(previous, close && step <= cap ? step : previous.advance);
    }
    this.pending = { text, x, y, advance };
    if (!span.horizontal) this.endSpan();
  }

  private endSpan(): void {
    if (this.pending) this.place(this.pending, this.pending.advance);
    this.pending = undefined;
    if (!this.span?.horizontal) this.endRun();
  }

  /** Extends the open run with a glyph that follows on at the same baseline, else starts a run. */
  private place(glyph: Glyph, width: number): void {
    const span = this.span!;
    const { text, x, y } = glyph;
    const space = isSpace(text);
    if (!space) {
      for (let i = 0; i < text.length; i++) {
        const code = text.charCodeAt(i);
        if (code >= 0xdc00 && code <= 0xdfff) continue; // the second half of a surrogate pair
        this.chars++;
        if ((code >= 0xe000 && code <= 0xf8ff) || code === 0xfffd) this.undecodable++;
      }
    }
    const run = this.run;
    if (
      run &&
      span.horizontal &&
      Math.abs(run.size - span.size) <= span.size * 0.01 &&
      Math.abs(run.y - y) <= span.size * 0.05 &&
      x - this.reach <= span.size * 0.1 &&
      x - this.reach >= -span.size * 0.2
    ) {
      run.text += text;
      this.reach = Math.max(this.reach, x + width);
      if (!space) run.x1 = this.reach;
      return;
    }
    this.endRun();
    // A space opens no run: the gap it leaves tells the layout there is one.
    if (space) return;
    this.run = { text, x0: x, x1: x + width, y, size: span.size };
    this.reach = x + width;
  }

  /**
   * A run keeps the spaces printed inside it, so that a real space between two Chinese words
   * survives while the spaces a justified line puts between every character are dropped (itemText).
   */
  private endRun(): void {
    const run = this.run;
    this.run = undefined;
    if (!run) return;
    run.text = itemText(run.text.trimEnd(), run.x1 - run.x0, run.size);
    this.elementRuns.push(run);
  }

  /** A text element drawn again at once (filled, then stroked: a bold heading) is read once. */
  private endText(): void {
    this.endRun();
    const key = `${this.elementKey}#${this.elementRuns.map((r) => r.text).join('|')}`;
    if (key !== this.previousKey) pushAll(this.page!.runs, this.elementRuns);
    this.previousKey = key;
    this.elementRuns = [];
    this.textCtm = undefined;
  }

  private pathStep(tag: string, line: string): void {
    const path = this.path;
    if (!path) return; // a clip path's points
    const current = path.polylines.at(-1);
    if (tag === 'closepath') {
      if (current && current.length > 1) current.push(current[0]!);
      return;
    }
    const point = (x: number, y: number) => apply(path.ctm, x, y);
    if (tag === 'moveto') path.polylines.push([point(num(line, 'x'), num(line, 'y'))]);
    else if (tag === 'lineto') {
      const p = point(num(line, 'x'), num(line, 'y'));
      if (current) current.push(p);
      else path.polylines.push([p]);
    } else {
      // A curve is never a rule: it ends the polyline and starts another at its end point.
      path.polylines.push([point(num(line, 'x3'), num(line, 'y3'))]);
    }
  }

  private endPath(): void {
    const path = this.path;
    this.path = undefined;
    if (!path || !this.page) return;
    for (const poly of path.polylines) {
      if (poly.length < 2) continue;
      if (path.stroke) {
        for (let k = 1; k < poly.length; k++) pushLine(this.page.segments, poly[k - 1]!, poly[k]!);
      } else if (poly.length >= 4) {
        pushThinRectangle(this.page.segments, poly);
      }
    }
  }

  private picture(m: Matrix): void {
    if (m.length < 6 || !this.page) return;
    const corners = [apply(m, 0, 0), apply(m, 1, 0), apply(m, 0, 1), apply(m, 1, 1)];
    const xs = corners.map((c) => c[0]);
    const ys = corners.map((c) => c[1]);
    const box: PictureBox = {
      x0: Math.min(...xs),
      x1: Math.max(...xs),
      top: Math.min(...ys),
      bottom: Math.max(...ys),
    };
    this.page.pictures.push(box);
  }
}

/** A stroked straight line that runs along an axis is a rule. */
function pushLine(out: Segment[], [ax, ay]: [number, number], [bx, by]: [number, number]): void {
  if (Math.abs(ay - by) <= 1 && Math.abs(ax - bx) > 3) {
    const y = (ay + by) / 2;
    out.push({ x0: Math.min(ax, bx), x1: Math.max(ax, bx), y0: y, y1: y });
  } else if (Math.abs(ax - bx) <= 1 && Math.abs(ay - by) > 3) {
    const x = (ax + bx) / 2;
    out.push({ x0: x, x1: x, y0: Math.min(ay, by), y1: Math.max(ay, by) });
  }
}

/** A filled shape thin enough to be a drawn line (≤ 3 pt across) is a rule; cell shading is not. */
function pushThinRectangle(out: Segment[], poly: [number, number][]): void {
  const xs = poly.map((p) => p[0]);
  const ys = poly.map((p) => p[1]);
  const x0 = minOf(xs);
  const x1 = maxOf(xs);
  const y0 = minOf(ys);
  const y1 = maxOf(ys);
  if (y1 - y0 <= 3 && x1 - x0 > 3) out.push({ x0, x1, y0: (y0 + y1) / 2, y1: (y0 + y1) / 2 });
  else if (x1 - x0 <= 3 && y1 - y0 > 3) out.push({ x0: (x0 + x1) / 2, x1: (x0 + x1) / 2, y0, y1 });
}
