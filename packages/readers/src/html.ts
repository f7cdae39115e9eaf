/**
 * HTML through parse5, which builds the tree exactly as a browser does (implied <tbody>, unclosed
 * <td>/<tr>/<p>, misnested tags), so the table a reader gets is the table the page shows. Block
 * elements and <br> separate paragraphs; tables become grids with rowspan/colspan expanded (a
 * merged cell repeats in every position it covers; spans are clipped to the table, so a hostile
 * rowspan cannot inflate it); a <caption> is a paragraph before its table; a table nested in a
 * cell is read into that cell's text. An <img> outside tables, unless its width and height say it
 * is too small to hold a table, is an image block in its place. Scripts, styles, templates and the
 * <head> are ignored.
 * Whitespace collapses as CSS does, and a line break between two Chinese characters is no space.
 * The page's nodes and nesting depth are counted as parse5 builds the tree, which stops at
 * READ_LIMITS.maxHtmlNodes or maxHtmlDepth; the tree is walked without recursion and text is
 * gathered in parts, so neither the depth nor the length of a paragraph makes the walk superlinear.
 */
import { isWide, type RawBlock, type RawLocation, READ_LIMITS } from '@juesuan/core';
import {
  type DefaultTreeAdapterMap,
  type DefaultTreeAdapterTypes,
  defaultTreeAdapter,
  parse,
  type TreeAdapter,
} from 'parse5';
import type { ReadContext } from './context';
import { count, overLimit, quoteFile } from './errors';

type Node = DefaultTreeAdapterTypes.Node;
type Element = DefaultTreeAdapterTypes.Element;

const IGNORED = new Set([
  'head',
  'script',
  'style',
  'noscript',
  'template',
  'iframe',
  'object',
  'svg',
  'math',
  'select',
  'textarea',
  'button',
]);
const BLOCK = new Set([
  'address',
  'article',
  'aside',
  'blockquote',
  'body',
  'center',
  'dd',
  'details',
  'dialog',
  'dir',
  'div',
  'dl',
  'dt',
  'fieldset',
  'figcaption',
  'figure',
  'footer',
  'form',
  'h1',
  'h2',
  'h3',
  'h4',
  'h5',
  'h6',
  'header',
  'hgroup',
  'hr',
  'li',
  'main',
  'menu',
  'nav',
  'ol',
  'p',
  'pre',
  'section',
  'summary',
  'ul',
  'html',
]);
const MAX_SPAN = 1000;

/** Decodes HTML bytes: BOM, then the charset a <meta> declares, then UTF-8, then GB18030. */
export function decodeHtml(bytes: Uint8Array, ctx: ReadContext): string {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf)
    return new TextDecoder('utf-8').decode(bytes.subarray(3));
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return new TextDecoder('utf-16le').decode(bytes.subarray(2));
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return new TextDecoder('utf-16be').decode(bytes.subarray(2));
  const head = Buffer.from(bytes.subarray(0, 4096)).toString('latin1');
  const declared = /<meta[^>]+charset\s*=\s*["']?\s*([\w-]+)/i.exec(head)?.[1]?.toLowerCase();
  if (declared && !/^utf-?8$/.test(declared)) {
    try {
      return new TextDecoder(declared).decode(bytes);
    } catch {
      ctx.warn(`${quoteFile(ctx.file)}声明的字符集 ${declared} 无法识别，已按 UTF-8 读取`);
    }
  }
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    ctx.warn(`${quoteFile(ctx.file)}不是 UTF-8 编码，已按 GB18030（GBK）读取`);
    return new TextDecoder('gb18030').decode(bytes);
  }
}

function isElement(node: Node): node is Element {
  return 'tagName' in node;
}

function attr(el: Element, name: string): string | undefined {
  return el.attrs.find((a) => a.name === name)?.value;
}

/** An <img> width or height in CSS pixels (96 an inch); undefined for a percentage or none. */
function inches(size: string | undefined): number | undefined {
  const px = /^\s*(\d+(?:\.\d+)?)\s*(?:px)?\s*$/i.exec(size ?? '')?.[1];
  return px === undefined ? undefined : Number(px) / 96;
}

/**
 * Text being gathered from text nodes with CSS whitespace collapsing. It is kept in parts and
 * remembers its last character, so that appending never re-reads what was gathered: a paragraph of
 * a hundred thousand spans costs what its characters cost.
 */
class TextRun {
  private parts: string[] = [];
  private last: string | undefined;

  /** Appends a text node's content: runs of white space collapse, a line break is a space or nothing. */
  text(raw: string): void {
    // Blanks first, then the breaks among them: each pattern is matched once per run, never
    // re-scanned from every position of a long run of white space.
    let text = raw.replace(/[ \t\f\r]+/g, ' ').replace(/ ?\n[ \n]*/g, '\n');
    // A segment break between two wide characters disappears; elsewhere it is a space.
    text = text.replace(/\n/g, (_m, offset: number, whole: string) => {
      const before = offset === 0 ? this.last : whole[offset - 1];
      const after = whole[offset + 1];
      return isWide(before) && isWide(after) ? '' : ' ';
    });
    if (this.last === ' ' && text.startsWith(' ')) text = text.slice(1);
    this.append(text);
  }

  /** A separator between the parts of a cell (a <br>, a block, a nested cell). */
  space(): void {
    this.append(' ');
  }

  /** The text gathered, which starts the run afresh. */
  take(): string {
    const text = this.parts.join('');
    this.parts = [];
    this.last = undefined;
    return text;
  }

  private append(text: string): void {
    if (text === '') return;
    this.parts.push(text);
    this.last = text.at(-1);
  }
}

/** The text of a subtree (a table cell), tables inside it included. */
function textOf(root: Element): string {
  const run = new TextRun();
  const stack: Node[] = [...root.childNodes].reverse();
  while (stack.length) {
    const node = stack.pop()!;
    if (node.nodeName === '#text') run.text((node as DefaultTreeAdapterTypes.TextNode).value);
    else if (isElement(node)) {
      if (IGNORED.has(node.tagName)) continue;
      if (node.tagName === 'br' || BLOCK.has(node.tagName) || node.tagName === 'td' || node.tagName === 'th')
        run.space();
      for (let i = node.childNodes.length - 1; i >= 0; i--) stack.push(node.childNodes[i]!);
    }
  }
  return run.take();
}

/** Rows of a table in document order, without the rows of tables nested in it. */
function tableRows(table: Element): Element[] {
  const rows: Element[] = [];
  for (const child of table.childNodes) {
    if (!isElement(child)) continue;
    if (child.tagName === 'tr') rows.push(child);
    else if (['thead', 'tbody', 'tfoot'].includes(child.tagName)) {
      for (const tr of child.childNodes) if (isElement(tr) && tr.tagName === 'tr') rows.push(tr);
    }
  }
  return rows;
}

function span(value: string | undefined, max: number): number {
  const n = Number.parseInt(value ?? '1', 10);
  return Number.isFinite(n) && n >= 1 ? Math.min(n, max) : 1;
}

/**
 * The table's grid: each cell's text placed in every slot its rowspan and colspan cover. The slots
 * are counted as they are filled, so spans that multiply out past the limits of a table stop there.
 */
export function tableGrid(table: Element, ctx: ReadContext, location: RawLocation): string[][] {
  const rows = tableRows(table);
  ctx.checkTable(rows.length, 0, location);
  const grid: (string | undefined)[][] = rows.map(() => []);
  let slots = 0;
  rows.forEach((tr, r) => {
    let c = 0;
    for (const td of tr.childNodes) {
      if (!isElement(td) || (td.tagName !== 'td' && td.tagName !== 'th')) continue;
      while (grid[r]![c] !== undefined) c++;
      const text = textOf(td);
      const colspan = span(attr(td, 'colspan'), MAX_SPAN);
      const rowspanRaw = attr(td, 'rowspan');
      // rowspan="0" spans to the end of the table.
      const rowspan = rowspanRaw?.trim() === '0' ? rows.length - r : span(rowspanRaw, rows.length - r);
      slots += rowspan * colspan;
      ctx.checkTable(rows.length, slots, location);
      for (let dr = 0; dr < rowspan; dr++) {
        for (let dc = 0; dc < colspan; dc++) grid[r + dr]![c + dc] = text;
      }
      c += colspan;
    }
  });
  return grid.map((row) => Array.from(row, (cell) => cell ?? ''));
}

/**
 * parse5's own tree built under the limits: every node made is counted against maxHtmlNodes, and
 * the stack of open elements (the nesting at the point of parsing) against maxHtmlDepth, so the
 * parse stops at the limit instead of building the rest of the page. The deadline is checked as
 * nodes are made, as the parse is the longest single step of an HTML read.
 */
function limitedTreeAdapter(ctx: ReadContext): TreeAdapter<DefaultTreeAdapterMap> {
  let nodes = 0;
  let depth = 0;
  const made = () => {
    if (++nodes > READ_LIMITS.maxHtmlNodes) {
      throw overLimit(
        ctx.file,
        'maxHtmlNodes',
        `的网页元素和文字节点超过 ${count(READ_LIMITS.maxHtmlNodes)} 个上限`,
      );
    }
    if (nodes % 10_000 === 0) ctx.check();
  };
  return {
    ...defaultTreeAdapter,
    createElement(tagName, namespaceURI, attrs) {
      made();
      return defaultTreeAdapter.createElement(tagName, namespaceURI, attrs);
    },
    createCommentNode(data) {
      made();
      return defaultTreeAdapter.createCommentNode(data);
    },
    insertText(parent, text) {
      // Text next to text joins the node before it; only a new text node is counted.
      if (parent.childNodes.at(-1)?.nodeName !== '#text') made();
      defaultTreeAdapter.insertText(parent, text);
    },
    insertTextBefore(parent, text, reference) {
      made();
      defaultTreeAdapter.insertTextBefore(parent, text, reference);
    },
    onItemPush() {
      if (++depth > READ_LIMITS.maxHtmlDepth) {
        throw overLimit(
          ctx.file,
          'maxHtmlDepth',
          `的网页元素嵌套超过 ${count(READ_LIMITS.maxHtmlDepth)} 层上限`,
        );
      }
    },
    onItemPop() {
      depth--;
    },
  };
}

// long: one walk of the tree whose steps share the paragraph being gathered and its numbering;
// tables, pictures and breaks each end the paragraph in place.
export function readHtml(html: string, ctx: ReadContext): RawBlock[] {
  const doc = parse(html, { treeAdapter: limitedTreeAdapter(ctx) });
  ctx.check();
  const blocks: RawBlock[] = [];
  let paragraph = 0;
  const run = new TextRun();
  const flush = (text = run.take()) => {
    const block = ctx.text(text, { line: paragraph + 1 });
    if (block) {
      paragraph++;
      blocks.push(block);
    }
  };
  type Step = { node: Node; exit?: boolean };
  const stack: Step[] = [{ node: doc }];
  let visited = 0;
  while (stack.length) {
    const { node, exit } = stack.pop()!;
    if (++visited % 10_000 === 0) ctx.check();
    if (node.nodeName === '#text') {
      run.text((node as DefaultTreeAdapterTypes.TextNode).value);
      continue;
    }
    if (!isElement(node)) {
      if ('childNodes' in node)
        for (let i = node.childNodes.length - 1; i >= 0; i--) stack.push({ node: node.childNodes[i]! });
      continue;
    }
    const tag = node.tagName;
    if (exit) {
      if (BLOCK.has(tag)) flush();
      continue;
    }
    if (IGNORED.has(tag)) continue;
    if (tag === 'br') {
      flush();
      continue;
    }
    if (tag === 'img') {
      flush();
      const image = ctx.picture(
        { width: inches(attr(node, 'width')), height: inches(attr(node, 'height')) },
        { line: paragraph + 1 },
      );
      if (image) blocks.push(image);
      continue;
    }
    if (tag === 'table') {
      flush();
      for (const child of node.childNodes) {
        if (isElement(child) && child.tagName === 'caption') flush(textOf(child));
      }
      const first = paragraph + 1;
      const rows = tableGrid(node, ctx, { line: first });
      const table = ctx.table(
        rows,
        rows.map((_, i) => ({ line: first + i })),
        { line: first },
      );
      if (table) {
        blocks.push(table);
        paragraph += rows.length;
      }
      continue;
    }
    if (BLOCK.has(tag)) {
      flush();
      stack.push({ node, exit: true });
    }
    for (let i = node.childNodes.length - 1; i >= 0; i--) stack.push({ node: node.childNodes[i]! });
  }
  flush();
  return blocks;
}
