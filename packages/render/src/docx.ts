/**
 * DocumentView → DOCX in the look of 党政机关公文 (GB/T 9704): A4 with its margins, 方正小标宋简体
 * title, 黑体/楷体 headings, 仿宋_GB2312 三号 body on an exact 28 pt line with a two-character
 * first-line indent, 第 X 页 共 Y 页 in the footer and a 目录 with page numbers (LibreOffice does
 * not update the 目录 field when it converts to PDF, so they are written in). Parts that print the
 * profile's tables are landscape, each table on its own page. Every figure is the view's text.
 */
import type {
  Block,
  ChartSpec,
  DocumentView,
  GridBlock,
  HeadingBlock,
  ParagraphBlock,
  PartView,
  TableView,
  UnitsBlock,
} from '@juesuan/core';
import {
  AlignmentType,
  Bookmark,
  BorderStyle,
  Document,
  type FileChild,
  Footer,
  HighlightColor,
  LineRuleType,
  Packer,
  PageNumber,
  PageOrientation,
  Paragraph,
  type ParagraphChild,
  SectionType,
  ShadingType,
  Tab,
  Table,
  TableCell,
  TableLayoutType,
  TableOfContents,
  TableRow,
  TabStopType,
  TextRun,
  VerticalAlignTable,
  WidthType,
} from 'docx';
import { ChartRun, type ChartRunOptions } from 'docx/charts';
import { estimatePageNumbersWith } from 'docx/layout';
import { tableXml } from './docx-table';
import { PreparedXml, paragraphXml, runXml } from './docx-xml';
import {
  emptyStatementOf,
  type LaidCell,
  type LaidTable,
  layGrid,
  layTable,
  layUnits,
  unitLabel,
} from './layout';
import {
  A4,
  breakBefore,
  CELL_MARGIN,
  CHART_SIZE,
  columnWidths,
  estimateTocPages,
  geometry,
  isTablePart,
  LANDSCAPE_MARGIN,
  LINE,
  type PageGeometry,
  PORTRAIT_MARGIN,
  SIZE,
  SPACING,
  TABLE_FONT,
  tableLine,
  titleHeading,
  tocHeadings,
} from './page';
import { deflatedEntry, writeZip } from './zip';

export interface DocxOptions {
  /**
   * How the 目录's page numbers are found: `estimate` (default) lays the pages out with juesuan's
   * fast estimator, `layout` with docx's own (exact to Word's rules, but seconds per document),
   * `none` leaves them for Word to fill in when it updates the fields.
   */
  pageNumbers?: 'estimate' | 'layout' | 'none';
  /**
   * How tables and plain paragraphs are written: `prepared` (default) as XML text in one pass,
   * `docx` as docx's Table and Paragraph (which `layout` needs, and which write the same XML, more
   * slowly, in an archive docx packs).
   */
  tables?: 'prepared' | 'docx';
}

/** What every block renderer needs to know besides the block. */
interface Context {
  page: PageGeometry;
  /** Where tables and plain paragraphs are written as XML text; without it, as docx's elements. */
  prepared: PreparedXml | undefined;
}

/** Fonts by role; Latin text and figures in Times New Roman, as official documents print them. */
const FONT = {
  title: '方正小标宋简体',
  hei: '黑体',
  kai: '楷体_GB2312',
  fang: '仿宋_GB2312',
  song: '宋体',
  latin: 'Times New Roman',
} as const;

const exact = (line: number) => ({ line, lineRule: LineRuleType.EXACT });
const INDENT_2CH = { firstLine: 640, firstLineChars: 200 };

function font(eastAsia: string) {
  return { ascii: FONT.latin, hAnsi: FONT.latin, eastAsia, cs: FONT.latin };
}

// long: a flat table of the document's paragraph and character styles, one entry per style.
function styles() {
  const heading = (eastAsia: string, bold: boolean) => ({
    run: { font: font(eastAsia), size: SIZE.sanhao, bold, color: '000000' },
    paragraph: { spacing: { before: 0, after: 0, ...exact(LINE.body) }, indent: INDENT_2CH, keepNext: true },
  });
  return {
    default: {
      document: {
        run: { font: font(FONT.fang), size: SIZE.sanhao, language: { value: 'en-US', eastAsia: 'zh-CN' } },
        paragraph: { spacing: { before: 0, after: 0, ...exact(LINE.body) } },
      },
      title: {
        run: { font: font(FONT.title), size: SIZE.erhao, bold: false, color: '000000' },
        paragraph: { alignment: AlignmentType.CENTER, spacing: { ...SPACING.title, ...exact(LINE.title) } },
      },
      heading1: {
        run: { font: font(FONT.hei), size: SIZE.xiaoer, bold: false, color: '000000' },
        paragraph: {
          alignment: AlignmentType.CENTER,
          spacing: { ...SPACING.part, ...exact(LINE.part) },
          keepNext: true,
        },
      },
      heading2: heading(FONT.hei, false),
      heading3: heading(FONT.kai, false),
      heading4: heading(FONT.fang, true),
    },
    paragraphStyles: [
      {
        id: 'Body',
        name: 'Body Juesuan',
        basedOn: 'Normal',
        paragraph: { indent: INDENT_2CH, alignment: AlignmentType.BOTH },
      },
      // Headings the 目录 does not list: the same look without an outline level.
      { id: 'Heading2Plain', name: 'Heading 2 Plain', basedOn: 'Normal', ...heading(FONT.hei, false) },
      { id: 'Heading3Plain', name: 'Heading 3 Plain', basedOn: 'Normal', ...heading(FONT.kai, false) },
      { id: 'Heading4Plain', name: 'Heading 4 Plain', basedOn: 'Normal', ...heading(FONT.fang, true) },
      {
        id: 'Note',
        name: 'Note Juesuan',
        basedOn: 'Normal',
        run: { size: SIZE.sihao },
        paragraph: { indent: INDENT_2CH, spacing: exact(LINE.note) },
      },
      {
        id: 'Caption',
        name: 'caption',
        basedOn: 'Normal',
        run: { font: font(FONT.hei), size: SIZE.wuhao },
        paragraph: { alignment: AlignmentType.CENTER, spacing: exact(LINE.caption) },
      },
      {
        id: 'TocHeading',
        name: 'TOC Heading Juesuan',
        basedOn: 'Normal',
        run: { font: font(FONT.hei), size: SIZE.sanhao },
        paragraph: {
          alignment: AlignmentType.CENTER,
          spacing: { ...SPACING.tocHeading, ...exact(LINE.body) },
        },
      },
      ...[0, 640, 1280, 1920].map((left, i) => ({
        id: `TOC${i + 1}`,
        name: `toc ${i + 1}`,
        basedOn: 'Normal',
        ...(i === 0 ? { run: { font: font(FONT.hei) } } : {}),
        paragraph: { indent: { left, right: TOC_LINE_REACH } },
      })),
      {
        id: 'TableTitle',
        name: 'Table Title Juesuan',
        basedOn: 'Normal',
        run: { font: font(FONT.title), size: SIZE.xiaoer },
        paragraph: {
          alignment: AlignmentType.CENTER,
          spacing: { ...SPACING.tableTitle, ...exact(LINE.tableTitle) },
          keepNext: true,
        },
      },
      {
        id: 'TableInfo',
        name: 'Table Info Juesuan',
        basedOn: 'Normal',
        run: { font: font(FONT.song), size: SIZE.wuhao },
        paragraph: { spacing: exact(LINE.tableInfo), keepNext: true },
      },
      {
        id: 'TableText',
        name: 'Table Text Juesuan',
        basedOn: 'Normal',
        run: { font: font(FONT.song), size: SIZE.xiaowu },
        paragraph: { spacing: exact(LINE.tableText) },
      },
      {
        id: 'TableHead',
        name: 'Table Heading Juesuan',
        basedOn: 'TableText',
        run: { font: font(FONT.hei) },
        paragraph: { alignment: AlignmentType.CENTER },
      },
      {
        id: 'TableNote',
        name: 'Table Note Juesuan',
        basedOn: 'Normal',
        run: { font: font(FONT.song), size: SIZE.wuhao },
        paragraph: { spacing: { ...SPACING.tableNote, ...exact(LINE.tableNote) } },
      },
      {
        id: 'Footer',
        name: 'footer',
        basedOn: 'Normal',
        run: { font: font(FONT.song), size: SIZE.wuhao },
        paragraph: { alignment: AlignmentType.CENTER, spacing: exact(LINE.tableNote) },
      },
    ],
  };
}

function sectionProperties(page: PageGeometry) {
  return {
    type: SectionType.NEXT_PAGE,
    page: {
      size: {
        width: A4.width,
        height: A4.height,
        orientation: page.landscape ? PageOrientation.LANDSCAPE : PageOrientation.PORTRAIT,
      },
      margin: page.landscape ? LANDSCAPE_MARGIN : PORTRAIT_MARGIN,
    },
  };
}

function pageFooter(): Footer {
  return new Footer({
    children: [
      new Paragraph({
        style: 'Footer',
        children: [
          new TextRun({ children: ['第 ', PageNumber.CURRENT, ' 页 共 ', PageNumber.TOTAL_PAGES, ' 页'] }),
        ],
      }),
    ],
  });
}

export async function renderDocx(doc: DocumentView, options: DocxOptions = {}): Promise<Buffer> {
  const asXml = (options.tables ?? 'prepared') === 'prepared' && options.pageNumbers !== 'layout';
  if (!asXml) return Packer.toBuffer(docxDocument(doc, options));
  const prepared = new PreparedXml();
  const files = compiler.compile(docxDocument(doc, options, prepared), undefined, []);
  const body = files.get(DOCUMENT_PART);
  if (typeof body !== 'string') throw new Error(`docx 编译结果中没有 ${DOCUMENT_PART}`);
  files.set(DOCUMENT_PART, prepared.fill(body));
  const now = new Date();
  return writeZip(
    [...files].map(([path, data]) =>
      deflatedEntry(path, typeof data === 'string' ? Buffer.from(data, 'utf8') : data, now),
    ),
  );
}

const DOCUMENT_PART = 'word/document.xml';

/**
 * docx's compiler, which gives the package's parts before Packer zips them: the prepared XML goes
 * into document.xml there, and the parts are zipped by Node's zlib at level 1 (Packer deflates with
 * fflate at level 6 in JavaScript, several times slower for a few per cent smaller files). A
 * private member of the docx version package.json pins, checked when this module loads.
 */
const compiler = Reflect.get(Packer, 'compiler') as {
  compile(file: Document, prettify: undefined, overrides: []): Map<string, string | Uint8Array>;
};
if (typeof compiler?.compile !== 'function') {
  throw new Error('docx 的 Packer 没有 compiler.compile：docx 版本与 juesuan 所用的 9.15.2 不符');
}

/**
 * The docx Document before it is packed: with `prepared`, each table and plain paragraph is a
 * placeholder for the XML kept there; without, docx's own element (as docx/layout needs).
 */
export function docxDocument(doc: DocumentView, options: DocxOptions = {}, prepared?: PreparedXml): Document {
  const mode = options.pageNumbers ?? 'estimate';
  const headings = tocHeadings(doc);
  const depth = Math.max(1, ...headings.map((h) => h.level));
  const anchors = new Map(headings.map((h) => [`${h.part}:${h.block}`, h.anchor]));
  const toc =
    mode === 'estimate'
      ? new TableOfContents('目录', {
          hyperlink: true,
          headingStyleRange: `1-${depth}`,
          useAppliedParagraphOutlineLevel: true,
          beginDirty: false,
          cachedEntries: estimateTocPages(doc).map((e) => ({
            title: e.title,
            level: e.level,
            page: e.page,
            href: e.anchor,
          })),
        })
      : new TableOfContents('目录', {
          hyperlink: true,
          headingStyleRange: `1-${depth}`,
          useAppliedParagraphOutlineLevel: true,
        });
  const front = geometry(false);
  const footer = pageFooter();
  const sections = [
    {
      properties: sectionProperties(front),
      footers: { default: footer },
      children: [
        new Paragraph({ style: 'Title', children: [new TextRun(doc.title)] }),
        new Paragraph({ style: 'TocHeading', children: [new TextRun('目  录')] }),
        toc,
        ...doc.frontNotes.map((note) => new Paragraph({ style: 'Note', children: [new TextRun(note)] })),
      ],
    },
    ...doc.parts.map((part, p) => {
      const page = geometry(isTablePart(part));
      return {
        properties: sectionProperties(page),
        footers: { default: footer },
        children: renderPart(part, { page, prepared }, (block) => anchors.get(`${p}:${block}`)),
      };
    }),
  ];
  return new Document({
    creator: 'juesuan',
    title: doc.title,
    description: doc.title,
    styles: styles(),
    ...(mode === 'layout' ? { pageNumbers: estimatePageNumbersWith({ guess: true }) } : {}),
    sections,
  });
}

/** Heading text, inside its 目录 bookmark when the 目录 lists it. */
function headingRun(text: string, anchor: string | undefined): ParagraphChild {
  return anchor ? new Bookmark({ id: anchor, children: [new TextRun(text)] }) : new TextRun(text);
}

function renderPart(
  part: PartView,
  context: Context,
  anchorOf: (block: number) => string | undefined,
): FileChild[] {
  const { page } = context;
  const breaks = breakBefore(part.blocks, page.landscape);
  const children: FileChild[] = [
    new Paragraph({
      heading: 'Heading1',
      // Before the tables the part heading has its page to itself, a third of the way down.
      ...(page.landscape ? { spacing: SPACING.separator } : {}),
      children: [headingRun(part.heading, anchorOf(-1))],
    }),
  ];
  let title: BlockTitle | undefined;
  part.blocks.forEach((block, i) => {
    const text = titleHeading(part.blocks, i);
    if (text !== undefined && block.kind === 'heading') {
      const level = block.toc ? block.level + 1 : undefined;
      title = { text, anchor: anchorOf(i), level, pageBreak: breaks.has(i) };
      return;
    }
    const pageBreak = breaks.has(i) || (title?.pageBreak ?? false);
    if (block.kind === 'table') {
      children.push(...renderTableView(block.table, context, pageBreak, title, part.blocks[i + 1]));
    } else if (block.kind === 'grid') {
      children.push(...renderGridBlock(block, context, pageBreak, title));
    } else children.push(...renderBlock(block, context, pageBreak, anchorOf(i)));
    title = undefined;
  });
  children.push(PreparedXml.asDocx(children.pop()!));
  return children;
}

/** A heading printed as the next table's or grid's title: its text, 目录 bookmark and outline level. */
interface BlockTitle {
  text: string;
  anchor: string | undefined;
  level: number | undefined;
  pageBreak: boolean;
}

/** The title paragraph of a table or grid, carrying the heading it stands for. */
function titleParagraph(text: string, pageBreak: boolean, title: BlockTitle | undefined): Paragraph {
  return new Paragraph({
    style: 'TableTitle',
    ...(pageBreak ? { pageBreakBefore: true } : {}),
    // Listed in the 目录 (and by Word's \u when it rebuilds it) through the outline level.
    ...(title?.level ? { outlineLevel: title.level - 1 } : {}),
    children: [headingRun(text, title?.anchor)],
  });
}

function renderBlock(
  block: Block,
  context: Context,
  pageBreak: boolean,
  anchor: string | undefined,
): FileChild[] {
  const { page } = context;
  switch (block.kind) {
    case 'heading':
      return [renderHeading(block, pageBreak, anchor)];
    case 'paragraph':
      return [renderParagraph(block, pageBreak, context.prepared)];
    case 'table':
      return renderTableView(block.table, context, pageBreak, undefined, undefined);
    case 'grid':
      return renderGridBlock(block, context, pageBreak, undefined);
    case 'units':
      return renderUnits(block, context, pageBreak);
    case 'chart':
      return renderChart(block.chart, page, pageBreak);
    case 'pageBreak':
      return [];
  }
}

function renderHeading(block: HeadingBlock, pageBreak: boolean, anchor: string | undefined): Paragraph {
  const level = block.level + 1;
  return new Paragraph({
    ...(block.toc ? { heading: `Heading${level}` as 'Heading2' } : { style: `Heading${level}Plain` }),
    ...(pageBreak ? { pageBreakBefore: true } : {}),
    children: [headingRun(block.text, anchor)],
  });
}

function renderParagraph(
  block: ParagraphBlock,
  pageBreak: boolean,
  prepared: PreparedXml | undefined,
): FileChild {
  const style = block.style === 'note' ? 'Note' : block.style === 'caption' ? 'Caption' : 'Body';
  // Text still to be written is highlighted so that it cannot be published unnoticed.
  const docx = () =>
    new Paragraph({
      style,
      ...(pageBreak ? { pageBreakBefore: true } : {}),
      children: block.runs.map((run) =>
        run.kind === 'placeholder'
          ? new TextRun({ text: run.text, highlight: HighlightColor.YELLOW })
          : new TextRun(run.text),
      ),
    });
  if (!prepared) return docx();
  const runs = block.runs.map((run) => runXml(run.text, run.kind === 'placeholder'));
  return prepared.add(paragraphXml(style, pageBreak, runs), docx);
}

function renderTableView(
  view: TableView,
  context: Context,
  pageBreak: boolean,
  title: BlockTitle | undefined,
  next: Block | undefined,
): FileChild[] {
  if (!view.printed) return [];
  const { page } = context;
  const children: FileChild[] = [
    titleParagraph(view.title, pageBreak, title),
    new Paragraph({
      style: 'TableInfo',
      alignment: AlignmentType.RIGHT,
      children: [new TextRun(view.number)],
    }),
    infoLine([view.subject, `${view.year} 年度`, unitLabel(view)], page.textWidth),
  ];
  for (const laid of layTable(view))
    children.push(renderLaidTable(laid, page.textWidth, TABLE_FONT.table, context));
  const statement = emptyStatementOf(view, next);
  if (statement) children.push(new Paragraph({ style: 'TableNote', children: [new TextRun(statement)] }));
  for (const note of view.notes)
    children.push(new Paragraph({ style: 'TableNote', children: [new TextRun(note)] }));
  return children;
}

/**
 * docx sets the right tab of written 目录 entries at 9025 twips, the text width of A4 with 1-inch
 * margins; ours is narrower, and LibreOffice drops a page number whose tab lies past the line's end
 * (single digits vanish from the PDF's 目录). A negative right indent lets 目录 lines reach the tab.
 */
const TOC_LINE_REACH = Math.min(0, geometry(false).textWidth - 9025);

/** 部门 on the left, 年度 centred, 金额单位 on the right: one line with a centre and a right tab. */
function infoLine(parts: [string, string, string], width: number): Paragraph {
  return new Paragraph({
    style: 'TableInfo',
    tabStops: [
      { type: TabStopType.CENTER, position: Math.round(width / 2) },
      { type: TabStopType.RIGHT, position: width },
    ],
    children: [new TextRun(parts[0]), new TextRun({ children: [new Tab(), parts[1], new Tab(), parts[2]] })],
  });
}

function renderGridBlock(
  grid: GridBlock,
  context: Context,
  pageBreak: boolean,
  title: BlockTitle | undefined,
): FileChild[] {
  const children: FileChild[] = [titleParagraph(title?.text ?? grid.title, pageBreak, title)];
  if (grid.subtitle) {
    children.push(
      new Paragraph({
        style: 'TableInfo',
        alignment: AlignmentType.CENTER,
        children: [new TextRun(grid.subtitle)],
      }),
    );
  }
  children.push(renderLaidTable(layGrid(grid), context.page.textWidth, TABLE_FONT.grid, context));
  for (const note of grid.notes ?? []) {
    children.push(new Paragraph({ style: 'TableNote', children: [new TextRun(note)] }));
  }
  return children;
}

function renderUnits(block: UnitsBlock, context: Context, pageBreak: boolean): FileChild[] {
  const children: FileChild[] = [];
  if (pageBreak) children.push(new Paragraph({ pageBreakBefore: true, children: [] }));
  children.push(
    renderLaidTable(layUnits(block), Math.round(context.page.textWidth * 0.9), TABLE_FONT.units, context),
  );
  return children;
}

const BORDER = { style: BorderStyle.SINGLE, size: 4, color: '000000' };
const HEADER_SHADING = { type: ShadingType.CLEAR, color: 'auto', fill: 'F2F2F2' };
const ALIGN = { left: AlignmentType.LEFT, center: AlignmentType.CENTER, right: AlignmentType.RIGHT } as const;

function renderLaidTable(laid: LaidTable, width: number, size: number, context: Context): FileChild {
  const widths = columnWidths(laid, width, size);
  if (context.prepared) {
    return context.prepared.add(
      tableXml(laid, {
        widths,
        size,
        styleSize: SIZE.xiaowu,
        line: tableLine(size),
        cellMargin: CELL_MARGIN,
        headerFill: HEADER_SHADING.fill,
      }),
    );
  }
  const rows = laid.rows.map(
    (cells, r) =>
      new TableRow({
        ...(r < laid.headerRows ? { tableHeader: true } : {}),
        cantSplit: true,
        children: cells.map((cell) => laidCell(cell, size)),
      }),
  );
  return new Table({
    rows,
    width: { size: widths.reduce((a, b) => a + b, 0), type: WidthType.DXA },
    columnWidths: widths,
    layout: TableLayoutType.FIXED,
    alignment: AlignmentType.CENTER,
    borders: {
      top: BORDER,
      bottom: BORDER,
      left: BORDER,
      right: BORDER,
      insideHorizontal: BORDER,
      insideVertical: BORDER,
    },
    margins: { left: CELL_MARGIN, right: CELL_MARGIN, top: 0, bottom: 0 },
  });
}

function laidCell(cell: LaidCell, size: number): TableCell {
  // Cell formatting lives in the TableText/TableHead styles: a figure table has thousands of cells,
  // and every property written per cell costs time in docx and bytes in the file.
  const plain = size === SIZE.xiaowu && !cell.bold;
  const run = plain
    ? new TextRun(cell.text)
    : new TextRun({
        text: cell.text,
        ...(size !== SIZE.xiaowu ? { size } : {}),
        ...(cell.bold && !cell.header ? { bold: true } : {}),
      });
  return new TableCell({
    ...(cell.header || cell.rowSpan ? { verticalAlign: VerticalAlignTable.CENTER } : {}),
    ...(cell.colSpan ? { columnSpan: cell.colSpan } : {}),
    ...(cell.rowSpan ? { rowSpan: cell.rowSpan } : {}),
    ...(cell.header ? { shading: HEADER_SHADING } : {}),
    children: [
      new Paragraph({
        style: cell.header ? 'TableHead' : 'TableText',
        ...(cell.align !== 'left' || cell.header ? { alignment: ALIGN[cell.align] } : {}),
        ...(cell.indent ? { indent: { left: cell.indent * size * 10 } } : {}),
        ...(size !== SIZE.xiaowu ? { spacing: exact(tableLine(size)) } : {}),
        children: [run],
      }),
    ],
  });
}

function renderChart(chart: ChartSpec, page: PageGeometry, pageBreak: boolean): FileChild[] {
  const base = {
    title: { text: `${chart.title}（单位：${chart.unit}）`, font: { size: 12, bold: false } },
    font: { name: FONT.song },
    transformation: {
      width: Math.min(CHART_SIZE.width, Math.floor(page.textWidth / 15)),
      height: CHART_SIZE.height,
    },
    altText: { name: chart.id, title: chart.title, description: chartDescription(chart) },
  };
  const options: ChartRunOptions =
    chart.type === 'pie' || chart.type === 'doughnut'
      ? {
          ...base,
          type: chart.type,
          categories: chart.categories,
          // A pie has one series; slices cannot be negative.
          series: chart.series
            .slice(0, chart.type === 'pie' ? 1 : undefined)
            .map((s) => ({ name: s.name, values: s.values.map((v) => Math.max(0, v)) })),
          legend: { position: 'right' },
          // Shares to two decimals, as the 情况说明 states them (占 72.86%).
          dataLabels: { percentage: true, numberFormat: '0.00%' },
        }
      : {
          ...base,
          type: chart.type,
          categories: chart.categories,
          series: chart.series.map((s) => ({ name: s.name, values: [...s.values] })),
          legend: chart.series.length > 1 ? { position: 'bottom' } : false,
          dataLabels: { value: true, numberFormat: '#,##0.00' },
          // From zero: an axis Word starts at 830 makes 842 look half of 863.
          ...(chart.series.every((s) => s.values.every((v) => v >= 0)) ? { valueAxis: { minimum: 0 } } : {}),
        };
  return [
    new Paragraph({
      alignment: AlignmentType.CENTER,
      ...(pageBreak ? { pageBreakBefore: true } : {}),
      spacing: { ...SPACING.chart, line: 240, lineRule: LineRuleType.AUTO },
      children: [new ChartRun(options)],
    }),
  ];
}

/** What a chart shows, for screen readers: each category with its values. */
export function chartDescription(chart: ChartSpec): string {
  return chart.categories
    .map(
      (category, i) =>
        `${category}：${chart.series.map((s) => `${s.values[i] ?? ''}`).join('、')}${chart.unit}`,
    )
    .join('；');
}
