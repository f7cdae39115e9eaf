/**
 * DOCX: the zip is opened through the guard (sizes and ratios checked before inflating), the main
 * part found through [Content_Types].xml, and its XML streamed through saxes in body order:
 * paragraphs (w:p, text of w:t) become text blocks, tables (w:tbl) become grids with horizontal
 * (w:gridSpan, legacy w:hMerge) and vertical (w:vMerge) merges expanded so a merged cell's text
 * repeats in every position it covers. Deleted revisions, field instructions and the fallback copy
 * of alternate content are skipped; a table nested in a cell is read into that cell's text. A
 * picture (w:drawing, sized by wp:extent) large enough to hold a table is an image block after the
 * paragraph that holds it.
 * Headers and footers live in other parts and are not read, so they never mix with the body.
 */
import { joinWrapped, type RawBlock, type RawLocation } from '@juesuan/core';
import type { ReadContext } from './context';
import { quoteFile, ReadError, reason } from './errors';
import { WrappedText } from './normalize';
import { parseXml, type XmlTag } from './xml';
import type { ZipArchive } from './zip';

const MC = 'http://schemas.openxmlformats.org/markup-compatibility/2006';
/** English Metric Units per inch, the unit of a drawing's size. */
const EMU_PER_INCH = 914_400;
/** Elements whose text is not part of the document as printed. */
const SKIP = new Set(['del', 'delText', 'instrText', 'delInstrText', 'moveFrom']);

interface Cell {
  /** The cell's paragraphs joined as they are read (a cell may hold thousands). */
  text: WrappedText;
  span: number;
  vMerge?: 'restart' | 'continue';
  hMerge?: 'restart' | 'continue';
}

interface Row {
  cells: Cell[];
  gridBefore: number;
  paragraph: number;
}

interface Table {
  rows: Row[];
  paragraph: number;
  /** Grid slots of the rows so far (spans expanded), counted against the limits of one table. */
  slots: number;
}

/** The main part of an OOXML package, by its content type. */
export function mainPart(zip: ZipArchive, kind: 'word' | 'xl'): string | undefined {
  const types = zip.readText('[Content_Types].xml');
  let found: string | undefined;
  if (types) {
    const wanted =
      kind === 'word'
        ? /wordprocessingml\.document\.main|ms-word\.(document|template)\.macroEnabled/
        : /spreadsheetml\.(sheet|template)\.main|ms-excel\.sheet/;
    parseXml(types, {
      open(tag) {
        if (!found && tag.local === 'Override' && wanted.test(tag.attrs.ContentType ?? '')) {
          found = (tag.attrs.PartName ?? '').replace(/^\//, '');
        }
      },
    });
  }
  const fallback = kind === 'word' ? 'word/document.xml' : 'xl/workbook.xml';
  return found && zip.has(found) ? found : zip.has(fallback) ? fallback : undefined;
}

// long: the open/close handlers of one streaming XML pass share the reader's state (paragraph
// stack, table, row, cell, skipped parts); they read best side by side as one unit.
export function readDocx(zip: ZipArchive, ctx: ReadContext): RawBlock[] {
  const part = mainPart(zip, 'word');
  if (!part) {
    throw new ReadError(
      'corrupt',
      ctx.file,
      `${quoteFile(ctx.file)}里找不到 Word 正文（word/document.xml）；请确认它是 Word 文件，或用 Word/WPS 重新另存为 .docx`,
    );
  }
  const xml = zip.read(zip.find(part)!).toString('utf8');
  ctx.check();
  const blocks: RawBlock[] = [];
  let paragraphIndex = 0;
  /** Text of the paragraphs being read, innermost last (text boxes nest paragraphs). */
  const paragraphs: string[] = [];
  let skip = 0;
  let fallback = 0;
  let inText = false;
  let tableDepth = 0;
  let table: Table | undefined;
  let row: Row | undefined;
  let cell: Cell | undefined;
  /** The largest picture of the body paragraph being read, in inches. */
  let picture: { width: number; height: number } | undefined;

  const append = (s: string) => {
    if (paragraphs.length) paragraphs[paragraphs.length - 1] += s;
  };

  const open = (tag: XmlTag) => {
    if (tag.uri === MC && tag.local === 'Fallback') fallback++;
    if (SKIP.has(tag.local)) skip++;
    if (fallback || skip) return;
    switch (tag.local) {
      case 'p':
        paragraphIndex++;
        paragraphs.push('');
        break;
      case 't':
        inText = true;
        break;
      case 'tab':
      case 'br':
      case 'cr':
        append(' ');
        break;
      case 'noBreakHyphen':
        append('-');
        break;
      case 'tbl':
        tableDepth++;
        if (tableDepth === 1) table = { rows: [], paragraph: paragraphIndex + 1, slots: 0 };
        break;
      case 'tr':
        if (tableDepth === 1) row = { cells: [], gridBefore: 0, paragraph: paragraphIndex + 1 };
        break;
      case 'tc':
        if (tableDepth === 1) cell = { text: new WrappedText(), span: 1 };
        break;
      case 'gridBefore':
        if (tableDepth === 1 && row && !cell) row.gridBefore = bounded(tag.attrs.val, 0);
        break;
      case 'gridSpan':
        if (tableDepth === 1 && cell) cell.span = bounded(tag.attrs.val, 1);
        break;
      case 'vMerge':
        if (tableDepth === 1 && cell) cell.vMerge = tag.attrs.val === 'restart' ? 'restart' : 'continue';
        break;
      case 'hMerge':
        if (tableDepth === 1 && cell) cell.hMerge = tag.attrs.val === 'restart' ? 'restart' : 'continue';
        break;
      case 'extent': {
        const width = Number(tag.attrs.cx) / EMU_PER_INCH;
        const height = Number(tag.attrs.cy) / EMU_PER_INCH;
        if (tableDepth === 0 && width * height > (picture ? picture.width * picture.height : 0)) {
          picture = { width, height };
        }
        break;
      }
    }
  };

  const close = (tag: XmlTag) => {
    const skipping = fallback || skip;
    if (tag.uri === MC && tag.local === 'Fallback') fallback--;
    if (SKIP.has(tag.local)) skip--;
    if (skipping) return;
    switch (tag.local) {
      case 't':
        inText = false;
        break;
      case 'p': {
        const text = paragraphs.pop() ?? '';
        if (paragraphs.length) {
          // A paragraph inside a text box continues the paragraph that holds the box.
          paragraphs[paragraphs.length - 1] = joinWrapped(paragraphs.at(-1)!, text);
        } else if (tableDepth > 0 && cell) {
          cell.text.add(text);
        } else if (tableDepth === 0) {
          const block = ctx.text(text, { line: paragraphIndex });
          if (block) blocks.push(block);
          const image = picture && ctx.picture(picture, { line: paragraphIndex });
          if (image) blocks.push(image);
          picture = undefined;
        }
        break;
      }
      case 'tc':
        if (tableDepth === 1 && table && row && cell) {
          row.cells.push(cell);
          table.slots += Math.max(cell.span, 1);
          ctx.checkTable(table.rows.length + 1, table.slots, { line: table.paragraph });
        }
        if (tableDepth === 1) cell = undefined;
        break;
      case 'tr':
        if (tableDepth === 1 && table && row) {
          table.rows.push(row);
          table.slots += row.gridBefore;
          ctx.checkTable(table.rows.length, table.slots, { line: table.paragraph });
        }
        if (tableDepth === 1) row = undefined;
        break;
      case 'tbl':
        tableDepth--;
        if (tableDepth === 0 && table) {
          const block = tableBlock(table, ctx);
          if (block) blocks.push(block);
          table = undefined;
          ctx.check();
        }
        break;
    }
  };

  try {
    parseXml(xml, {
      open,
      close,
      text(text) {
        if (inText && !skip && !fallback) append(text);
      },
    });
  } catch (error) {
    if (error instanceof ReadError) throw error;
    throw new ReadError(
      'corrupt',
      ctx.file,
      `${quoteFile(ctx.file)}的 Word 正文（${part}）不是完好的 XML：${reason(error)}；请用 Word/WPS 打开后重新另存为 .docx`,
      {
        cause: error,
      },
    );
  }
  return blocks;
}

function bounded(value: string | undefined, fallback: number): number {
  const n = Number.parseInt(value ?? '', 10);
  // A span beyond Word's 63 columns is damage, not layout; it must not blow up the grid.
  return Number.isFinite(n) && n >= 0 && n <= 64 ? n : fallback;
}

/** Expands merges: a spanned cell repeats across its columns, a continued cell repeats the one above. */
function tableBlock(table: Table, ctx: ReadContext): RawBlock | undefined {
  const grid: string[][] = [];
  const locations: RawLocation[] = [];
  const above: string[] = [];
  for (const row of table.rows) {
    const out: string[] = Array.from({ length: row.gridBefore }, () => '');
    let left = '';
    for (const cell of row.cells) {
      const col = out.length;
      let text = cell.text.toString();
      if (cell.vMerge === 'continue') text = above[col] ?? '';
      if (cell.hMerge === 'continue') text = left;
      for (let k = 0; k < Math.max(cell.span, 1); k++) {
        out.push(text);
        above[col + k] = text;
      }
      left = text;
    }
    grid.push(out);
    locations.push({ line: row.paragraph });
  }
  return ctx.table(grid, locations, { line: table.paragraph });
}
