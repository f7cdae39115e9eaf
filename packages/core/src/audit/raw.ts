/**
 * What a reader (PDF, DOCX, XLSX, HTML, text) hands to recognition: the document as a sequence of
 * text paragraphs, table grids and pictures, in reading order, each with where it was found. Readers do no
 * interpretation beyond layout (which lines form a table, which cells merge); recognition maps the
 * blocks onto a profile.
 */

export type RawFormat = 'pdf' | 'docx' | 'xlsx' | 'html' | 'text';

export interface RawDocument {
  /** The file as given by the user. */
  file: string;
  format: RawFormat;
  /** Pages (PDF), sheets (XLSX) or 1. */
  pages: number;
  blocks: RawBlock[];
  /** Problems the reader met but could work around (a page without text, a merged cell guessed). */
  warnings: string[];
}

export type RawBlock = RawText | RawTable | RawImage;

export interface RawLocation {
  /** 1-based page (PDF) or sheet index (XLSX); absent for flowing formats. */
  page?: number;
  /** Sheet name (XLSX). */
  sheet?: string;
  /** 1-based line in a text file, paragraph index in DOCX/HTML. */
  line?: number;
}

export interface RawText {
  kind: 'text';
  text: string;
  location: RawLocation;
}

export interface RawTable {
  kind: 'table';
  /**
   * Cell texts row by row, merged cells repeated in every position they cover (so a header spanning
   * three columns appears three times), whitespace inside cells normalised to single spaces.
   */
  rows: string[][];
  /** Where each row came from (same length as rows). */
  rowLocations: RawLocation[];
  location: RawLocation;
}

/**
 * A picture large enough to be a table printed as an image (a scanned or pasted 公开表): its text
 * cannot be read, only that it is there.
 */
export interface RawImage {
  kind: 'image';
  location: RawLocation;
}

/** Limits every reader enforces before or while reading, so hostile files fail fast and small. */
export const READ_LIMITS = {
  /** Largest input file accepted. */
  maxFileBytes: 100 * 1024 * 1024,
  /** Largest total uncompressed size of the parts of a DOCX/XLSX (zip bomb guard). */
  maxUnzippedBytes: 200 * 1024 * 1024,
  /** Largest compression ratio of any zip entry before it is refused. */
  maxCompressionRatio: 200,
  /** Most pages of a PDF read. */
  maxPages: 500,
  /** Address space of the PDF engine's process (MuPDF), which holds one page's fonts and images at a time. */
  maxPdfEngineBytes: 1024 * 1024 * 1024,
  /** Most table cells kept across a document. */
  maxCells: 2_000_000,
} as const;
