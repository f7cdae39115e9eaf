/**
 * A PDF's pages as positioned text, ruling lines and pictures, from MuPDF's `mutool trace`: the
 * interpreter runs in its own process (fonts and CMaps in C, about 2 ms a page) and prints every
 * drawing call as a line of XML — glyphs with their origin, paths with their points, images with
 * their placement, each under the transform that applies. This module turns that stream into
 * `PageContent` as it arrives, so memory holds the compact runs, never the trace.
 *
 * The trace is several times the size of what is kept (2.3 MB for a 32-page disclosure, most of it
 * one line per glyph), and a read runs once in a process, mostly before the engine has compiled
 * this code: so the work per line is left to the engine's built-ins. The output is read as Latin-1
 * (one character a byte), lines, tags and attributes are found by string search, numbers by
 * `Number()`, and only a glyph's character is decoded from UTF-8; no string is made of a line.
 *
 * The child runs under `prlimit` (address space and CPU seconds) and is killed at the read's
 * deadline or abort, or once its CPU time for the document or for one page passes the limit, so a
 * hostile PDF costs bounded memory and time.
 */

import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { pushAll } from '@juesuan/core';
import { itemText, type PageContent, type PictureBox, type Segment, type TextRun } from './pdf-layout';

/**
 * [a, b, c, d, e, f]: x' = a·x + c·y + e, y' = b·x + d·y + f (MuPDF's and PDF's convention); any
 * list of numbers read from the trace, shared between the lines that print the same one.
 */
type Matrix = readonly number[];

export interface TraceLimits {
  maxPages: number;
  /** Address space of the MuPDF process. */
  maxMemoryBytes: number;
  /** CPU seconds of the MuPDF process for the whole document; whole seconds (the kernel's unit). */
  maxCpuSeconds: number;
  /** CPU seconds of the MuPDF process from one page's start to the next's. */
  maxPageCpuSeconds: number;
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
export const MAX_LINE_BYTES = 1024 * 1024;
/** How often MuPDF's CPU time is looked at: a small part of the page limit, and cheap (one read of /proc). */
const CPU_POLL_MS = 100;
/**
 * The kernel counts a process's CPU time in USER_HZ ticks, 100 a second on Linux whatever the
 * kernel's own tick rate.
 */
const TICKS_PER_SECOND = 100;

/** MuPDF's CPU time passed a limit: the page it was on, and which limit. */
export class EngineCpuExceeded extends Error {
  constructor(
    readonly scope: 'document' | 'page',
    readonly page: number,
  ) {
    super(`MuPDF's CPU time passed its ${scope} limit on page ${page}`);
  }
}

/**
 * User and system CPU seconds of a running process, from /proc/<pid>/stat; undefined where there
 * is no /proc (not Linux) or the process has ended, and then only the kernel's limit applies.
 */
function cpuSeconds(pid: number): number | undefined {
  let stat: string;
  try {
    stat = readFileSync(`/proc/${pid}/stat`, 'latin1');
  } catch {
    return undefined;
  }
  // The command name, in parentheses, may hold spaces: fields are counted after its closing one,
  // from the state (field 3); utime and stime are fields 14 and 15.
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  const ticks = Number(fields[11]) + Number(fields[12]);
  return Number.isFinite(ticks) ? ticks / TICKS_PER_SECOND : undefined;
}

/** Runs `mutool trace` on a file and parses its output page by page. */
export function tracePdf(path: string, limits: TraceLimits): Promise<TraceResult> {
  const args = ['trace', path, `1-${limits.maxPages}`];
  // The soft CPU limit sends SIGXCPU, which tells it from any other end; the hard one a second
  // later kills a process that ignored it. No core file of an engine stopped by a limit.
  const cpu = `${limits.maxCpuSeconds}:${limits.maxCpuSeconds + 1}`;
  const child = spawn(
    'prlimit',
    [`--as=${limits.maxMemoryBytes}`, `--cpu=${cpu}`, '--core=0', '--', mutool(), ...args],
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
    // prlimit execs MuPDF, so the child's pid is MuPDF's. A page's CPU time counts from the first
    // look after its start was read (the document's opening counts to the first page).
    let pageBegun = 0;
    let pageStart = 0;
    let lastCpu = 0;
    const cpuTimer = setInterval(() => {
      const used = child.pid === undefined ? undefined : cpuSeconds(child.pid);
      if (used === undefined || failure) return;
      lastCpu = used;
      if (parser.pagesBegun() !== pageBegun) {
        pageBegun = parser.pagesBegun();
        pageStart = used;
      }
      if (used > limits.maxCpuSeconds) stop(new EngineCpuExceeded('document', parser.pageAtWork()));
      else if (used - pageStart > limits.maxPageCpuSeconds) {
        stop(new EngineCpuExceeded('page', parser.pageAtWork()));
      }
    }, CPU_POLL_MS);
    child.stdout.on('data', (chunk: Buffer) => {
      if (failure) return;
      parser.push(chunk);
      if (parser.unfinishedBytes() > MAX_LINE_BYTES) {
        stop(new Error(`mutool 输出了超过 ${MAX_LINE_BYTES} 字节的一行`));
      }
    });
    let stderr = '';
    child.stderr.setEncoding('utf8');
    child.stderr.on('data', (chunk: string) => {
      if (stderr.length < 64 * 1024) stderr += chunk;
    });
    child.on('error', (error: NodeJS.ErrnoException) => stop(error));
    child.on('close', (code, signal) => {
      clearInterval(timer);
      clearInterval(cpuTimer);
      limits.signal?.removeEventListener('abort', abort);
      if (failure) return reject(failure);
      // The kernel stopped it at the document's CPU limit before a look at /proc saw it pass.
      if (signal === 'SIGXCPU' || (signal === 'SIGKILL' && lastCpu >= limits.maxCpuSeconds - 1)) {
        return reject(new EngineCpuExceeded('document', parser.pageAtWork()));
      }
      if (code !== null && NOT_RUN.has(code) && parser.empty()) {
        return reject(Object.assign(new Error(stderr.trim()), { code: 'ENOENT' }));
      }
      for (const line of stderr.split('\n')) {
        const error = /^(?:error|cannot \w+ document): (.*)$/.exec(line.trim());
        if (error) errors.push(error[1]!);
      }
      resolve({ ...parser.finish(), errors, exitCode: code });
    });
  });
}

// ---- the trace's text ------------------------------------------------------------------------

/** What an attribute's value follows in a line: its name, `="` and a space before. */
const attribute = (name: string) => ` ${name}="`;
const UNICODE = attribute('unicode');
const X = attribute('x');
const Y = attribute('y');
const X3 = attribute('x3');
const Y3 = attribute('y3');
const ADVANCE = attribute('adv');
const TRM = attribute('trm');
const WMODE = attribute('wmode');
const TRANSFORM = attribute('transform');
const MEDIABOX = attribute('mediabox');
const NUMBER = attribute('number');

/** One line of the trace: `text` from `start` to `end`, and the value an attribute lookup found. */
class TraceLine {
  text = '';
  start = 0;
  end = 0;
  valueStart = 0;
  valueEnd = 0;
  private readonly lists = new Map<string, { value: string; numbers: Matrix }>();

  /**
   * Finds ` name="…"` from `from` on; the value is then `valueStart` to `valueEnd` (when absent, an
   * empty value at `from`, so that the next search starts where this one did).
   */
  find(needle: string, from = this.start): boolean {
    const at = this.text.indexOf(needle, from);
    if (at < 0 || at >= this.end) {
      this.valueStart = from;
      this.valueEnd = from;
      return false;
    }
    this.valueStart = at + needle.length;
    const quote = this.text.indexOf('"', this.valueStart);
    // An unclosed value runs to the end of the line, less its last character (`slice(start, -1)`).
    this.valueEnd = quote >= 0 && quote < this.end ? quote : this.end - 1;
    return true;
  }

  value(): string {
    return this.text.slice(this.valueStart, this.valueEnd);
  }

  /** NaN when absent, as `Number(undefined)`. */
  number(needle: string, from?: number): number {
    return this.find(needle, from) ? Number(this.value()) : Number.NaN;
  }

  /**
   * A list of numbers. The same transform comes again and again (every piece of text on a page is
   * drawn under the page's), so the last list of each attribute is kept and handed out again.
   */
  numbers(needle: string): Matrix {
    if (!this.find(needle)) return [];
    const value = this.value();
    const last = this.lists.get(needle);
    if (last?.value === value) return last.numbers;
    const parsed = numbers(value);
    this.lists.set(needle, { value, numbers: parsed });
    return parsed;
  }

  is(needle: string, value: string): boolean {
    return this.find(needle) && this.value() === value;
  }

  /** A glyph's character: one character in UTF-8 (ASCII and the three bytes of a Chinese one are
   * decoded here) or as an XML reference. */
  glyphText(): string {
    const { text, valueStart: start, valueEnd: end } = this;
    const first = text.charCodeAt(start);
    if (end - start === 1 && first < 0x80) return text[start]!;
    if (end - start === 3 && (first & 0xf0) === 0xe0) {
      const second = text.charCodeAt(start + 1);
      const third = text.charCodeAt(start + 2);
      const code = ((first & 0x0f) << 12) | ((second & 0x3f) << 6) | (third & 0x3f);
      const valid = (second & 0xc0) === 0x80 && (third & 0xc0) === 0x80 && code >= 0x800;
      if (valid && (code < 0xd800 || code > 0xdfff)) return String.fromCharCode(code);
    }
    const decoded = Buffer.from(this.value(), 'latin1').toString('utf8');
    return decoded.includes('&') ? unescapeXml(decoded) : decoded;
  }
}

function numbers(value: string): number[] {
  return value ? value.trim().split(/\s+/).map(Number) : [];
}

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

/** `&amp;` and friends, and numeric references, as MuPDF escapes attribute values. */
function unescapeXml(value: string): string {
  return value.replace(
    /&(?:#x([0-9a-fA-F]+)|#(\d+)|(amp|lt|gt|quot|apos));/g,
    (_, hex: string | undefined, dec: string | undefined, name: string) => {
      if (hex) return String.fromCodePoint(Number.parseInt(hex, 16));
      if (dec) return String.fromCodePoint(Number(dec));
      return ENTITIES[name]!;
    },
  );
}

// ---- the trace -------------------------------------------------------------------------------

/** A glyph that prints as blank: ASCII spaces, no-break and ideographic spaces. */
function isSpace(text: string): boolean {
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code !== 0x20 && code !== 0xa0 && code !== 0x3000 && (code < 0x09 || code > 0x0d)) return false;
  }
  return text.length > 0;
}

const applyX = (m: Matrix, x: number, y: number) => m[0]! * x + m[2]! * y + m[4]!;
const applyY = (m: Matrix, x: number, y: number) => m[1]! * x + m[3]! * y + m[5]!;

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

interface Path {
  ctm: Matrix;
  stroke: boolean;
  /** Each polyline's points as x, y pairs, in page space. */
  polylines: number[][];
}

/**
 * The line-by-line state machine over `mutool trace` output, fed the output's chunks as they
 * arrive (a line, and a character, may be cut between two chunks).
 */
export class TraceParser {
  private readonly pages: PageContent[] = [];
  private page: PageContent | undefined;
  private readonly current = new TraceLine();
  /** The start of a line the last chunk ended in. */
  private rest = '';
  private textCtm: Matrix | undefined;
  private span: Span | undefined;
  private lastSpan: { trm: Matrix; ctm: Matrix; vertical: boolean; span: Span } | undefined;
  /** The runs of the text element being read, kept apart to drop a repeat (fill, then stroke). */
  private elementRuns: TextRun[] = [];
  private elementKey = '';
  private previousKey = '';
  private run: TextRun | undefined;
  /** Where the open run's next glyph would start: its ink end, or past a space printed after it. */
  private reach = 0;
  /** The span's last glyph, placed once the next one shows how wide it is. */
  private pendingText: string | undefined;
  private pendingX = 0;
  private pendingY = 0;
  /** The font program's advance, in points. */
  private pendingAdvance = 0;
  private path: Path | undefined;
  private hidden = 0;
  private chars = 0;
  private undecodable = 0;

  push(chunk: Buffer): void {
    let from = 0;
    if (this.rest) {
      const end = chunk.indexOf(0x0a);
      if (end < 0) {
        this.rest += chunk.toString('latin1');
        return;
      }
      // The line the last chunk cut is read on its own, so that the rest of this chunk is one flat
      // string (a concatenation would make every character lookup go through the join).
      const cut = this.rest + chunk.toString('latin1', 0, end + 1);
      this.rest = '';
      this.lines(cut);
      from = end + 1;
    }
    this.lines(chunk.toString('latin1', from));
  }

  /** Reads the complete lines of `text`, keeping what follows the last newline for the next chunk. */
  private lines(text: string): void {
    const line = this.current;
    line.text = text;
    let start = 0;
    for (let end = text.indexOf('\n'); end >= 0; end = text.indexOf('\n', start)) {
      line.start = start;
      line.end = end;
      this.line(line);
      start = end + 1;
    }
    this.rest = text.slice(start);
  }

  /** Bytes of a line begun and not yet ended. */
  unfinishedBytes(): number {
    return this.rest.length;
  }

  /** Pages whose start has been read. */
  pagesBegun(): number {
    return this.pages.length + (this.page ? 1 : 0);
  }

  /**
   * The page MuPDF is working on as far as its output tells: the open page, else the one after the
   * last closed (its start may still be in MuPDF's output buffer).
   */
  pageAtWork(): number {
    return this.page?.page ?? (this.pages.at(-1)?.page ?? 0) + 1;
  }

  /** Nothing read yet: not a page begun. */
  empty(): boolean {
    return this.pages.length === 0 && this.page === undefined;
  }

  /** Reads a last line left without its newline and closes the last page. */
  finish(): Pick<TraceResult, 'pages' | 'chars' | 'undecodable'> {
    if (this.rest) {
      const line = this.current;
      line.text = this.rest;
      line.start = 0;
      line.end = this.rest.length;
      this.line(line);
    }
    this.rest = '';
    this.endPage();
    return { pages: this.pages, chars: this.chars, undecodable: this.undecodable };
  }

  private line(line: TraceLine): void {
    const { text, end } = line;
    const open = text.indexOf('<', line.start);
    if (open < 0 || open >= end) return;
    const closing = text.charCodeAt(open + 1) === 0x2f; // '/'
    const nameStart = open + (closing ? 2 : 1);
    let nameEnd = nameStart;
    for (
      let c = text.charCodeAt(nameEnd);
      nameEnd < end && ((c >= 97 && c <= 122) || c === 95);
      c = text.charCodeAt(++nameEnd)
    );
    line.start = nameEnd;
    // One line in two is a glyph: it makes no string of its tag.
    if (!closing && nameEnd === nameStart + 1 && text.charCodeAt(nameStart) === 0x67) {
      if (this.page && this.hidden === 0) this.glyph(line);
      return;
    }
    const tag = text.slice(nameStart, nameEnd);
    if (closing) this.close(tag);
    else this.open(tag, line);
  }

  private open(tag: string, line: TraceLine): void {
    if (tag === 'page') this.startPage(line);
    else if (HIDDEN_OPEN.has(tag)) this.hidden++;
    else if (HIDDEN_CLOSE.has(tag)) this.hidden = Math.max(0, this.hidden - 1);
    if (!this.page || this.hidden > 0) return;
    switch (tag) {
      case 'span':
        this.startSpan(line);
        break;
      case 'moveto':
      case 'lineto':
      case 'curveto':
      case 'closepath':
        if (this.path) this.pathStep(this.path, tag, line);
        break;
      case 'stroke_path':
      case 'fill_path':
        this.path = { ctm: line.numbers(TRANSFORM), stroke: tag === 'stroke_path', polylines: [] };
        if (line.text.startsWith('/>', line.end - 2)) this.endPath();
        break;
      default:
        if (TEXT_TAGS.has(tag)) {
          this.textCtm = line.numbers(TRANSFORM);
          this.elementRuns = [];
          this.elementKey = '';
        } else if (IMAGE_TAGS.has(tag)) this.picture(line.numbers(TRANSFORM));
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

  private startPage(line: TraceLine): void {
    this.endPage();
    const [x0 = 0, y0 = 0, x1 = 0, y1 = 0] = line.numbers(MEDIABOX);
    this.page = {
      page: line.number(NUMBER),
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

  private startSpan(line: TraceLine): void {
    const ctm = this.textCtm;
    if (!ctm) return;
    const trm = line.numbers(TRM);
    const vertical = line.is(WMODE, '1');
    // Most spans repeat the last one's font size under the same transform (lists are shared).
    const last = this.lastSpan;
    if (last && last.trm === trm && last.ctm === ctm && last.vertical === vertical) {
      this.span = last.span;
      return;
    }
    const linear = concatLinear([...trm, 0, 0], ctm);
    const size = Math.hypot(linear[2]!, linear[3]!) || Math.hypot(linear[0]!, linear[1]!);
    const em = Math.hypot(linear[0]!, linear[1]!);
    const horizontal = !vertical && linear[0]! > 0 && Math.abs(linear[1]!) < 0.01 * linear[0]!;
    this.span = { linear, size, em, horizontal };
    this.lastSpan = { trm, ctm, vertical, span: this.span };
  }

  /**
   * One glyph of the span. Its width is where the next glyph starts when that is close: the
   * advance MuPDF prints comes from the font program, which for a font the PDF does not embed is a
   * substitute's (a space a quarter em wide where the PDF says half). Further than that, the space
   * between the two is a gap.
   */
  private glyph(line: TraceLine): void {
    const span = this.span;
    const m = this.textCtm;
    if (!span || !m) return;
    // MuPDF prints `<g unicode="…" glyph="…" x="…" y="…" adv="…"/>`: each found after the last.
    const text = line.find(UNICODE) ? line.glyphText() : '\uFFFD';
    const gx = line.number(X);
    const gy = line.number(Y, line.valueEnd);
    const adv = line.number(ADVANCE, line.valueEnd);
    const x = applyX(m, gx, gy);
    const y = applyY(m, gx, gy);
    const advance = (adv || 0) * (span.horizontal ? span.em : span.size);
    this.elementKey ||= `${text}@${x.toFixed(1)},${y.toFixed(1)}`;
    if (this.pendingText !== undefined) {
      const step = x - this.pendingX;
      const close = Math.abs(y - this.pendingY) <= span.size * 0.05 && step >= 0;
      const cap = Math.max(this.pendingAdvance, span.size * 0.5) + span.size * 0.15;
      this.placePending(close && step <= cap ? step : this.pendingAdvance);
    }
    this.pendingText = text;
    this.pendingX = x;
    this.pendingY = y;
    this.pendingAdvance = advance;
    if (!span.horizontal) this.endSpan();
  }

  private endSpan(): void {
    if (this.pendingText !== undefined) this.placePending(this.pendingAdvance);
    this.pendingText = undefined;
    if (!this.span?.horizontal) this.endRun();
  }

  /** Extends the open run with the pending glyph when it follows on at the same baseline, else starts a run. */
  private placePending(width: number): void {
    const span = this.span!;
    const text = this.pendingText!;
    const x = this.pendingX;
    const y = this.pendingY;
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

  private pathStep(path: Path, tag: string, line: TraceLine): void {
    const current = path.polylines.at(-1);
    if (tag === 'closepath') {
      if (current && current.length > 2) current.push(current[0]!, current[1]!);
      return;
    }
    // A curve is never a rule: it ends the polyline and starts another at its end point.
    const curve = tag === 'curveto';
    const px = line.number(curve ? X3 : X);
    const py = line.number(curve ? Y3 : Y);
    const x = applyX(path.ctm, px, py);
    const y = applyY(path.ctm, px, py);
    if (tag === 'lineto' && current) current.push(x, y);
    else path.polylines.push([x, y]);
  }

  private endPath(): void {
    const path = this.path;
    this.path = undefined;
    if (!path || !this.page) return;
    for (const poly of path.polylines) {
      if (poly.length < 4) continue;
      if (path.stroke) {
        for (let k = 2; k < poly.length; k += 2) {
          pushLine(this.page.segments, poly[k - 2]!, poly[k - 1]!, poly[k]!, poly[k + 1]!);
        }
      } else if (poly.length >= 8) {
        pushThinRectangle(this.page.segments, poly);
      }
    }
  }

  private picture(m: Matrix): void {
    if (m.length < 6 || !this.page) return;
    // The image is the unit square under its transform.
    const corners = [
      [0, 0],
      [1, 0],
      [0, 1],
      [1, 1],
    ] as const;
    const xs = corners.map(([x, y]) => applyX(m, x, y));
    const ys = corners.map(([x, y]) => applyY(m, x, y));
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
function pushLine(out: Segment[], ax: number, ay: number, bx: number, by: number): void {
  if (Math.abs(ay - by) <= 1 && Math.abs(ax - bx) > 3) {
    const y = (ay + by) / 2;
    out.push({ x0: Math.min(ax, bx), x1: Math.max(ax, bx), y0: y, y1: y });
  } else if (Math.abs(ax - bx) <= 1 && Math.abs(ay - by) > 3) {
    const x = (ax + bx) / 2;
    out.push({ x0: x, x1: x, y0: Math.min(ay, by), y1: Math.max(ay, by) });
  }
}

/** A filled shape thin enough to be a drawn line (≤ 3 pt across) is a rule; cell shading is not. */
function pushThinRectangle(out: Segment[], poly: number[]): void {
  let x0 = Infinity;
  let x1 = -Infinity;
  let y0 = Infinity;
  let y1 = -Infinity;
  for (let k = 0; k < poly.length; k += 2) {
    x0 = Math.min(x0, poly[k]!);
    x1 = Math.max(x1, poly[k]!);
    y0 = Math.min(y0, poly[k + 1]!);
    y1 = Math.max(y1, poly[k + 1]!);
  }
  if (y1 - y0 <= 3 && x1 - x0 > 3) out.push({ x0, x1, y0: (y0 + y1) / 2, y1: (y0 + y1) / 2 });
  else if (x1 - x0 <= 3 && y1 - y0 > 3) out.push({ x0: (x0 + x1) / 2, x1: (x0 + x1) / 2, y0, y1 });
}
