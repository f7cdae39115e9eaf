/**
 * Every failure a reader reports for a bad input is a ReadError: one Chinese sentence naming the
 * file, what was found and what was expected, so the command line and the web UI can show the
 * message as it is and never a stack trace. The cause (a library's own error) is kept for logs.
 */
import type { READ_LIMITS } from '@juesuan/core';

/** The name of a limit in READ_LIMITS. */
export type ReadLimit = keyof typeof READ_LIMITS;

export type ReadErrorCode =
  /** The path does not exist or is not a readable file. */
  | 'not-found'
  /** Larger than READ_LIMITS.maxFileBytes. */
  | 'too-large'
  /** Zero bytes, or nothing readable inside. */
  | 'empty'
  /** A format the readers do not handle (.doc, .xls, images, an unknown binary). */
  | 'unsupported'
  /** The file claims a format but its content is damaged or truncated. */
  | 'corrupt'
  /** Password-protected. */
  | 'encrypted'
  /** A PDF whose pages carry no text (a scan). */
  | 'no-text-layer'
  /** A DOCX/XLSX whose parts would inflate beyond the limits. */
  | 'zip-bomb'
  /** A structure beyond one of READ_LIMITS (HTML nodes or depth, lines, table rows, zip entries…). */
  | 'over-limit'
  /** The read did not finish within its time budget. */
  | 'timeout'
  /** A program the reader needs (MuPDF for PDF) is not installed. */
  | 'unavailable';

export class ReadError extends Error {
  override readonly name = 'ReadError';
  constructor(
    readonly code: ReadErrorCode,
    /** The file as the user named it. */
    readonly file: string,
    message: string,
    options?: { cause?: unknown; limit?: ReadLimit },
  ) {
    super(message, options);
    this.limit = options?.limit;
  }

  /** The limit of READ_LIMITS that was exceeded, whatever the code, when that is why the read stopped. */
  readonly limit: ReadLimit | undefined;
}

/**
 * The error for a limit exceeded: `what` says, after the file's name, what was counted, the value
 * found and the limit (“的网页元素嵌套超过 512 层上限”); the rest of the sentence is the same for
 * every limit, as the remedy is.
 */
export function overLimit(file: string, limit: ReadLimit, what: string): ReadError {
  return new ReadError(
    'over-limit',
    file,
    `${quoteFile(file)}${what}，已停止读取；正常的决算公开文件远在此上限之内，请确认文件完整，或改交 PDF/Word 原件`,
    { limit },
  );
}

/** A count as messages print it: 200,000. */
export function count(n: number): string {
  return n.toLocaleString('en-US');
}

/** “文件名”, as every message starts. */
export function quoteFile(file: string): string {
  return `“${file}”`;
}

/** The first line of a library's error, for a message that says why without a stack. */
export function reason(error: unknown): string {
  const text = error instanceof Error ? error.message : String(error);
  const line = text.split('\n', 1)[0]?.trim() ?? '';
  return line.length > 160 ? `${line.slice(0, 160)}…` : line;
}
