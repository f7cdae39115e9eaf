/**
 * Tables printed as images: the title, 表号 and unit line are text, the grid is a picture. There
 * is no table to recognise, but the table is not missing either, and saying 缺少 would be wrong
 * to the department that printed it. The evidence is what follows the table's heading: a picture
 * (when the reader reports one), or nothing readable before the next table's title, the end of
 * the page or the end of the document, which only makes an image likely.
 */
import type { Finding } from '../finding';
import type { TableDef } from '../profile';
import { normalizeText, stripMarkup } from '../text/normalize';
import { documentFinding } from './findings';
import type { RawDocument, RawLocation } from './raw';

/** How recognition reads a heading line: the table title it names, the 表号 it states. */
export interface HeadingReader {
  title(line: string): string | undefined;
  number(line: string): { digits: number; prefix: string } | undefined;
}

/** What follows a table's heading in place of its grid. */
export type ImageEvidence = 'image' | 'nextTitle' | 'pageEnd' | 'documentEnd';

export interface ImageTable {
  def: TableDef;
  /** The title as printed. */
  title: string;
  /** The 表号 as printed, when the heading has one. */
  number?: string;
  location: RawLocation;
  evidence: ImageEvidence;
  /** The text blocks of its heading: title, 表号, 部门 and unit lines. */
  blocks: number[];
}

/** Lines that belong to a table's heading besides its title (单位：万元, 部门：…, 2024年度). */
const HEADING_LINE = /单位[:：]|^(?:部门|编制单位|单位名称)[:：]|^\d{4}年度?$/;
const NOTE = /^(?:注|说明)/;
/** A note that the table is empty: then there is no grid to print, as a picture or otherwise. */
const NO_DATA = /无数据|为空|空表/;

interface Heading {
  blocks: number[];
  number?: string;
  /** The heading has a 表号 or unit line of its own: a table's heading, not a line of 目录. */
  confirmed: boolean;
  /** The block after the heading and its notes. */
  next: number;
}

/**
 * The missing tables of `defs` whose heading is printed with no grid under it. A heading is taken
 * for the table whose title it contains, the longest such title among all of `defs` (a 支出决算表
 * heading inside 一般公共预算财政拨款支出决算表 is the latter's).
 */
export function imageTables(
  raw: RawDocument,
  defs: readonly TableDef[],
  missing: ReadonlySet<TableDef>,
  read: HeadingReader,
): ImageTable[] {
  const found = new Map<TableDef, ImageTable>();
  raw.blocks.forEach((block, i) => {
    if (block.kind !== 'text') return;
    const lines = textLines(block.text);
    lines.forEach((line, k) => {
      const title = read.title(line);
      const def = title === undefined ? undefined : tableOfTitle(title, defs);
      if (!title || !def || !missing.has(def) || found.has(def)) return;
      const heading = headingAt(raw, i, lines.slice(k + 1), read);
      const printed = heading.number ? read.number(heading.number) : undefined;
      const own = read.number(def.number);
      if (!heading.confirmed || (printed && own && printed.digits !== own.digits)) return;
      const evidence = evidenceAfter(raw, heading, read);
      if (!evidence) return;
      found.set(def, {
        def,
        title,
        ...(heading.number ? { number: heading.number } : {}),
        location: block.location,
        evidence,
        blocks: heading.blocks,
      });
    });
  });
  return [...found.values()];
}

function textLines(text: string): string[] {
  return text
    .split('\n')
    .map((l) => stripMarkup(l).trim())
    .filter(Boolean);
}

function tableOfTitle(title: string, defs: readonly TableDef[]): TableDef | undefined {
  const norm = normalizeText(title);
  let best: TableDef | undefined;
  for (const def of defs) {
    const target = normalizeText(def.title);
    if (norm.includes(target) && target.length > (best ? normalizeText(best.title).length : 0)) best = def;
  }
  return best;
}

/**
 * The heading that starts with a title in block `start`: the rest of its lines (`after`), the
 * 表号 just before it, and the following blocks while they hold only 表号, 部门 and unit lines.
 */
function headingAt(raw: RawDocument, start: number, after: readonly string[], read: HeadingReader): Heading {
  const heading: Heading = { blocks: [start], confirmed: false, next: start + 1 };
  const take = (line: string): boolean => {
    const norm = normalizeText(line);
    const number = read.number(line);
    if (number && !read.title(line)) heading.number ??= norm;
    else if (!HEADING_LINE.test(norm)) return false;
    heading.confirmed = true;
    return true;
  };
  const before = raw.blocks[start - 1];
  if (before?.kind === 'text') {
    const lines = textLines(before.text);
    if (lines.length === 1 && read.number(lines[0]!) && !read.title(lines[0]!)) {
      take(lines[0]!);
      heading.blocks.unshift(start - 1);
    }
  }
  if (!after.every(take)) return { ...heading, confirmed: false };
  for (let j = start + 1; j < raw.blocks.length; j++) {
    const block = raw.blocks[j]!;
    if (block.kind !== 'text' || !textLines(block.text).every(take)) break;
    heading.blocks.push(j);
    heading.next = j + 1;
  }
  return heading;
}

/** What stands where the grid should be, if it says the grid is a picture or absent. */
function evidenceAfter(raw: RawDocument, heading: Heading, read: HeadingReader): ImageEvidence | undefined {
  const last = raw.blocks[heading.blocks.at(-1)!]!;
  for (let j = heading.next; j < raw.blocks.length; j++) {
    const block = raw.blocks[j]!;
    if (block.kind === 'image') return 'image';
    if (block.kind === 'table') return undefined;
    if (
      block.location.page !== undefined &&
      last.location.page !== undefined &&
      block.location.page > last.location.page
    ) {
      return 'pageEnd';
    }
    const lines = textLines(block.text);
    const first = lines[0] ?? '';
    if (read.title(first)) return 'nextTitle';
    // The table's own notes (注：本表反映…) may be text under the picture; a note that the
    // table has no data means there was no grid to print.
    if (!lines.every((l) => NOTE.test(normalizeText(l)) && !NO_DATA.test(normalizeText(l)))) return undefined;
  }
  return 'documentEnd';
}

const EVIDENCE: Record<ImageEvidence, string> = {
  image: '标题下是一张图片，没有可读取文字的表格',
  nextTitle: '标题之后没有表格，紧接着是下一张表的标题',
  pageEnd: '标题之后没有表格，本页就结束了',
  documentEnd: '标题之后没有表格，文件就结束了',
};

/** a table whose heading is printed and whose grid is (or is likely) a picture. */
export function imageTableFinding(table: ImageTable): Finding {
  const what = `${table.number ?? table.def.number}「${table.title}」`;
  const printed = table.evidence === 'image' ? '以图片印出' : '可能以图片印出';
  return documentFinding({
    id: `R-07@${table.def.id}`,
    rule: 'R-07',
    category: 'structure',
    location: { ...table.location, table: table.def.id, tableNumber: table.number ?? table.def.number },
    expected: '可读取文字的表格',
    found: table.evidence === 'image' ? '图片' : '只有标题',
    message: `${what}${printed}（${EVIDENCE[table.evidence]}），无法读取其数字；涉及本表的审核公式未执行。请提供表格为文字的版本`,
  });
}
