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

/**
 * Every limit of reading a published document, in one place. Each is checked while the unit it
 * counts is produced (bytes as they are read or inflated, HTML nodes as they are parsed, lines as the
 * text is split, rows and cells as a table is built), so a hostile file is refused after at most the
 * allowed work, never after doing all of it. Exceeding one is a ReadError naming the limit and the
 * value found (the cell budget and the page count only leave out what is beyond them, with a
 * warning). docs/limits.md lists them with what the user sees.
 */
export const READ_LIMITS = {
  /**
   * Largest input file (or standard input) accepted. Published disclosures are PDFs of a few MB; a
   * 500-page scan-free PDF stays far below, and the whole file is held in memory while it is read.
   */
  maxFileBytes: 100 * 1024 * 1024,
  /**
   * Largest total of the parts of a DOCX/XLSX, as declared and as actually inflated: a few times
   * the file limit covers text-heavy parts (XML compresses about 10:1) and keeps the parts in memory
   * well under a worker's heap.
   */
  maxUnzippedBytes: 200 * 1024 * 1024,
  /**
   * Largest compression ratio of a zip part over 1 MB: XML of real documents compresses 10–50:1,
   * a zip bomb thousands to one.
   */
  maxCompressionRatio: 200,
  /**
   * Most parts in a DOCX/XLSX: real files have tens to a few hundred (one per sheet, picture, style);
   * every part costs a directory entry to read and check.
   */
  maxZipEntries: 20_000,
  /**
   * Longest part name, in bytes: OOXML names are short paths (word/media/image12.png); the format
   * allows 65,535 bytes a name, which only serves to fill memory.
   */
  maxZipEntryNameBytes: 1024,
  /** Most pages of a PDF read; later pages are left out with a warning. */
  maxPages: 500,
  /** Address space of the PDF engine's process (MuPDF), which holds one page's fonts and images at a time. */
  maxPdfEngineBytes: 1024 * 1024 * 1024,
  /**
   * CPU seconds of the PDF engine for a whole document (also its kernel limit, so it is stopped even
   * while this process is busy): five times the 1–2 s a published disclosure of 500 pages costs
   * MuPDF. MuPDF does not say how much a page's streams inflate to; the CPU it spends tracks it.
   */
  maxPdfCpuSeconds: 10,
  /**
   * CPU seconds of the PDF engine between the start of one page and the next: a real page costs
   * a few milliseconds (sample disclosures of 12–35 pages take 0.03–0.13 s in all, opening the file
   * and its fonts included), a page of 8 MB of drawing operators about 1 s, a stream inflating to
   * gigabytes minutes.
   */
  maxPdfPageCpuSeconds: 0.5,
  /**
   * Most nodes (elements, texts, comments) of an HTML page. A whole disclosure exported from Word as
   * one page has some tens of thousands; each node costs about 0.4 KB and a few microseconds to
   * build, so this bounds the parse near 150 MB and a second.
   */
  maxHtmlNodes: 300_000,
  /**
   * Deepest element nesting of an HTML page: the depth at which browsers' own HTML parsers stop
   * nesting (Chromium's is 512); real pages stay below 50.
   */
  maxHtmlDepth: 512,
  /**
   * Most lines of a text file: a text extraction of a 500-page disclosure has about 25,000 lines;
   * each line becomes an object, so millions of empty lines would take memory without content.
   */
  maxTextLines: 200_000,
  /**
   * Longest line of a text file, in characters: a paragraph written as one line has a few thousand;
   * every line is matched against the row patterns, so its length bounds that work.
   */
  maxLineChars: 100_000,
  /** Most rows of one table: the longest 决算 tables (项目 by 科目) have a few thousand. */
  maxTableRows: 50_000,
  /**
   * Most cells of one table as laid out (rows × widest row, merges expanded): a hostile
   * rowspan × colspan would otherwise fill a grid of hundreds of millions of slots.
   */
  maxTableCells: 1_000_000,
  /** Most table cells kept across a document; tables beyond are left out with a warning. */
  maxCells: 2_000_000,
  /**
   * Most blocks (paragraphs, tables, pictures) of a document: a long disclosure has a few thousand
   * (ten times fewer); recognition and the narrative checks look at every block, so this bounds the
   * work after reading too.
   */
  maxBlocks: 50_000,
  /**
   * Time for reading one file, unless the caller gives another (`--timeout` in a batch). A real
   * disclosure reads in a few seconds; the limit ends what the other limits did not foresee.
   */
  timeoutMs: 60_000,
} as const;

/**
 * Longest text the narrative checks read as one passage or sentence; longer text is cut at its
 * last clause mark (；，) before this length. Prose has a 。 long before it: text without one for
 * this long is a list, a glued table or crafted input, and every reading of a sentence looks at its
 * figures and names again, so an unbounded sentence would cost the square of its length.
 */
export const MAX_PASSAGE_CHARS = 3000;
