/**
 * What every format reader is handed: the file's name for messages, the warnings list, a deadline
 * it checks between units of work (pages, sheets, rows), the progress callback and the document's
 * cell budget (READ_LIMITS.maxCells).
 */
import {
  cleanPrintedText,
  maxOf,
  type RawBlock,
  type RawImage,
  type RawLocation,
  type RawTable,
  READ_LIMITS,
} from '@juesuan/core';
import { quoteFile, ReadError } from './errors';

export interface ReadProgress {
  /** What is being counted: PDF pages, XLSX sheets, or 'file' for one-shot formats. */
  unit: 'page' | 'sheet' | 'file';
  done: number;
  total: number;
}

export interface ReadOptions {
  /** Called after each page (PDF), sheet (XLSX) or once (other formats). */
  onProgress?: (progress: ReadProgress) => void;
  /** Time budget for the whole read; 60 s unless given. */
  timeoutMs?: number;
  /** Aborts the read from outside (a cancelled upload). */
  signal?: AbortSignal;
}

export const DEFAULT_TIMEOUT_MS = 60_000;

export class ReadContext {
  readonly warnings: string[] = [];
  private cellsLeft: number = READ_LIMITS.maxCells;
  private cellWarning = false;
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
   * Builds a table block from rows of raw cell texts: cells cleaned, rows padded to the widest,
   * fully empty rows dropped. Returns undefined (with one warning for the document) once the cell
   * budget is spent, or when nothing is left.
   */
  table(rows: string[][], rowLocations: RawLocation[], location: RawLocation): RawTable | undefined {
    const kept: string[][] = [];
    const keptLocations: RawLocation[] = [];
    rows.forEach((row, i) => {
      const cells = row.map(cleanPrintedText);
      if (cells.some((c) => c !== '')) {
        kept.push(cells);
        keptLocations.push(rowLocations[i] ?? location);
      }
    });
    if (kept.length === 0) return undefined;
    let width = maxOf(kept.map((r) => r.length));
    while (width > 1 && kept.every((r) => (r[width - 1] ?? '') === '')) width--;
    for (const row of kept) {
      row.length = Math.min(row.length, width);
      while (row.length < width) row.push('');
    }
    const cells = width * kept.length;
    if (cells > this.cellsLeft) {
      if (!this.cellWarning) {
        this.cellWarning = true;
        this.warn(
          `${quoteFile(this.file)}的表格单元格超过 ${READ_LIMITS.maxCells.toLocaleString('en-US')} 个上限，` +
            `${describe(location)}起的表格未读取`,
        );
      }
      this.cellsLeft = 0;
      return undefined;
    }
    this.cellsLeft -= cells;
    return { kind: 'table', rows: kept, rowLocations: keptLocations, location };
  }
}

export function timeoutError(file: string, ms: number): ReadError {
  return new ReadError(
    'timeout',
    file,
    `读取${quoteFile(file)}超过 ${ms >= 1000 ? `${Math.round(ms / 1000)} 秒` : `${ms} 毫秒`}仍未完成，已停止；文件可能过大或结构异常，请拆分后再试，或提供 Word/Excel 原件`,
  );
}

/** “第 3 页”, “工作表 Sheet1”, “第 12 行”: where a block is, in a message. */
export function describe(location: RawLocation): string {
  if (location.sheet !== undefined) return `工作表“${location.sheet}”`;
  if (location.page !== undefined) return `第 ${location.page} 页`;
  if (location.line !== undefined) return `第 ${location.line} 行`;
  return '';
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

export function textBlock(text: string, location: RawLocation): RawBlock | undefined {
  const cleaned = cleanPrintedText(text);
  return cleaned === '' ? undefined : { kind: 'text', text: cleaned, location };
}
