/**
 * What every format reader is handed: the file's name for messages, the warnings list, a deadline
 * it checks between units of work (pages, sheets, rows), the progress callback, and the counters of
 * the document's limits: its blocks (READ_LIMITS.maxBlocks), its cell budget (maxCells) and the rows
 * and cells of each table (maxTableRows, maxTableCells). Readers make their blocks here so that the
 * counting happens as the blocks are made.
 */
import {
  cleanPrintedText,
  type RawBlock,
  type RawImage,
  type RawLocation,
  type RawTable,
  type RawText,
  READ_LIMITS,
} from '@juesuan/core';
import { count, overLimit, quoteFile, ReadError } from './errors';

export interface ReadProgress {
  /** What is being counted: PDF pages, XLSX sheets, or 'file' for one-shot formats. */
  unit: 'page' | 'sheet' | 'file';
  done: number;
  total: number;
}

export interface ReadOptions {
  /** Called after each page (PDF), sheet (XLSX) or once (other formats). */
  onProgress?: (progress: ReadProgress) => void;
  /** Time budget for the whole read; READ_LIMITS.timeoutMs unless given. */
  timeoutMs?: number;
  /** Aborts the read from outside (a cancelled upload). */
  signal?: AbortSignal;
}

export const DEFAULT_TIMEOUT_MS: number = READ_LIMITS.timeoutMs;

export class ReadContext {
  readonly warnings: string[] = [];
  private cellsLeft: number = READ_LIMITS.maxCells;
  private cellWarning = false;
  private blocks = 0;
  private readonly deadline: number;

  constructor(
    readonly file: string,
    readonly options: ReadOptions = {},
  ) {
    this.deadline = Date.now() + (options.timeoutMs ?? DEFAULT_TIMEOUT_MS);
  }

  /** Throws the timeout error once the budget is spent; readers call it between units of work. */
  check(): void {
    if (this.options.signal?.aborted) {
      throw new ReadError('timeout', this.file, `读取${quoteFile(this.file)}已取消`);
    }
    if (Date.now() > this.deadline)
      throw timeoutError(this.file, this.options.timeoutMs ?? DEFAULT_TIMEOUT_MS);
  }

  progress(unit: ReadProgress['unit'], done: number, total: number): void {
    this.options.onProgress?.({ unit, done, total });
  }

  warn(message: string): void {
    if (!this.warnings.includes(message)) this.warnings.push(message);
  }

  /**
   * Refuses a table being built once it has more rows or cells than one table may have; readers
   * call it as rows are added, so a hostile table stops at the limit instead of being built whole.
   */
  checkTable(rows: number, cells: number, location: RawLocation): void {
    if (rows > READ_LIMITS.maxTableRows) {
      throw overLimit(
        this.file,
        'maxTableRows',
        `${at(location)}的表格超过 ${count(READ_LIMITS.maxTableRows)} 行上限（已有 ${count(rows)} 行）`,
      );
    }
    if (cells > READ_LIMITS.maxTableCells) {
      throw overLimit(
        this.file,
        'maxTableCells',
        `${at(location)}的表格超过 ${count(READ_LIMITS.maxTableCells)} 个单元格上限（合并单元格展开后已有 ${count(cells)} 个）`,
      );
    }
  }

  /** A text block, or undefined when nothing is left once cleaned; counted against maxBlocks. */
  text(text: string, location: RawLocation): RawText | undefined {
    const cleaned = cleanPrintedText(text);
    return cleaned === '' ? undefined : this.counted({ kind: 'text', text: cleaned, location });
  }

  /** A picture block when the picture may hold a table (pictureBlock); counted against maxBlocks. */
  picture(inches: { width?: number; height?: number }, location: RawLocation): RawImage | undefined {
    const image = pictureBlock(inches, location);
    return image && this.counted(image);
  }

  private counted<T extends RawBlock>(block: T): T {
    if (++this.blocks > READ_LIMITS.maxBlocks) {
      throw overLimit(
        this.file,
        'maxBlocks',
        `的段落、表格和图片超过 ${count(READ_LIMITS.maxBlocks)} 个上限（${describe(block.location)}处）`,
      );
    }
    return block;
  }

  /**
   * Builds a table block from rows of raw cell texts: cells cleaned, rows padded to the widest,
   * fully empty rows dropped. Refuses a table beyond the limits of one table (checkTable); returns
   * undefined (with one warning for the document) once the document's cell budget is spent, or when
   * nothing is left.
   */
  table(rows: string[][], rowLocations: RawLocation[], location: RawLocation): RawTable | undefined {
    this.checkTable(rows.length, 0, location);
    const kept: string[][] = [];
    const keptLocations: RawLocation[] = [];
    // The width is the last filled column of any row: trailing empty columns are dropped, found
    // row by row rather than column by column over every row.
    let width = 1;
    rows.forEach((row, i) => {
      const cells = row.map(cleanPrintedText);
      const filled = cells.findLastIndex((c) => c !== '') + 1;
      if (filled > 0) {
        kept.push(cells);
        keptLocations.push(rowLocations[i] ?? location);
        width = Math.max(width, filled);
      }
    });
    if (kept.length === 0) return undefined;
    const cells = width * kept.length;
    this.checkTable(kept.length, cells, location);
    for (const row of kept) {
      row.length = Math.min(row.length, width);
      while (row.length < width) row.push('');
    }
    if (cells > this.cellsLeft) {
      if (!this.cellWarning) {
        this.cellWarning = true;
        this.warn(
          `${quoteFile(this.file)}的表格单元格超过 ${count(READ_LIMITS.maxCells)} 个上限，` +
            `${describe(location)}起的表格未读取`,
        );
      }
      this.cellsLeft = 0;
      return undefined;
    }
    this.cellsLeft -= cells;
    return this.counted({ kind: 'table', rows: kept, rowLocations: keptLocations, location });
  }
}

export function timeoutError(file: string, ms: number): ReadError {
  return new ReadError(
    'timeout',
    file,
    `读取${quoteFile(file)}超过 ${ms >= 1000 ? `${Math.round(ms / 1000)} 秒` : `${ms} 毫秒`}仍未完成，已停止；文件可能过大或结构异常，请拆分后再试，或提供 Word/Excel 原件`,
    { limit: 'timeoutMs' },
  );
}

/** “第 3 页”, “工作表 Sheet1”, “第 12 行”: where a block is, in a message. */
export function describe(location: RawLocation): string {
  if (location.sheet !== undefined) return `工作表“${location.sheet}”`;
  if (location.page !== undefined) return `第 ${location.page} 页`;
  if (location.line !== undefined) return `第 ${location.line} 行`;
  return '';
}

/** “第 3 页”… as the start of a place in a message, nothing for a place not known. */
function at(location: RawLocation): string {
  const place = describe(location);
  return place === '' ? '' : `${place}起`;
}

/**
 * The smallest picture, in inches, that may be a table printed as an image: a logo, a seal or a
 * signature is smaller.
 */
const TABLE_PICTURE = { width: 2.5, height: 0.8 };

/** A picture block when the picture is large enough to hold a table; a side not known passes. */
export function pictureBlock(
  inches: { width?: number; height?: number },
  location: RawLocation,
): RawImage | undefined {
  const { width = TABLE_PICTURE.width, height = TABLE_PICTURE.height } = inches;
  return width >= TABLE_PICTURE.width && height >= TABLE_PICTURE.height
    ? { kind: 'image', location }
    : undefined;
}
