/**
 * Every failure a reader reports for a bad input is a ReadError: one Chinese sentence naming the
 * file, what was found and what was expected, so the command line and the web UI can show the
 * message as it is and never a stack trace. The cause (a library's own error) is kept for logs.
 */

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
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
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
