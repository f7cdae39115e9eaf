/**
 * DocumentView → DOCX in the look of 党政机关公文 (GB/T 9704): A4 with its margins, 方正小标宋简体
 * title, 黑体/楷体 headings, 仿宋_GB2312 三号 body on an exact 28 pt line with a two-character
 * first-line indent, page numbers in the footer and a 目录 whose page numbers are laid out by
 * docx's estimator (LibreOffice does not update the TOC field when it converts to PDF). Parts with
 * the ten tables are landscape. Every figure is the view's text; nothing is formatted here.
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
  BorderStyle,
  Document,
  type FileChild,
  Footer,
  HighlightColor,
  type IRunOptions,
  LineRuleType,
  Packer,
  PageNumber,
  PageOrientation,
  Paragraph,
  type ParagraphChild,
  SectionType,
  ShadingType,
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
import { ChartRun } from 'docx/charts';
import { estimatePageNumbersWith } from 'docx/layout';
import { emptyStatementOf, type LaidCell, type LaidTable, layGrid, layTable, layUnits, unitLabel } from './layout';

export interface DocxOptions {
  /**
   * Lay the pages out to write the 目录's page numbers and 共 Y 页 (default true). Off, Word fills
   * them in when it updates the fields; LibreOffice leaves the 目录 without numbers.
   */
  pageNumbers?: boolean;
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

/** Half-points: 二号 22 pt, 小二 18 pt, 三号 16 pt, 四号 14 pt, 五号 10.5 pt, 小五 9 pt. */
const SIZE = { erhao: 44, xiaoer: 36, sanhao: 32, sihao: 28, xiaosi: 24, wuhao: 21, xiaowu: 18 } as const;

const A4 = { width: 11906, height: 16838 };
/** GB/T 9704: 天头 37 mm, 订口 28 mm, 版心 156 × 225 mm. */
const PORTRAIT_MARGIN = { top: 2098, bottom: 1984, left: 1588, right: 1474, header: 851, footer: 1134 };
/** Table pages: narrow margins so the ten tables fit a landscape A4 as the published ones do. */
const LANDSCAPE_MARGIN = { top: 1134, bottom: 1134, left: 1134, right: 1134, header: 567, footer: 567 };

const LINE_28PT = { line: 560, lineRule: LineRuleType.EXACT };
const INDENT_2CH = { firstLine: 640, firstLineChars: 200 };

function font(eastAsia: string) {
  return { ascii: FONT.latin, hAnsi: FONT.latin, eastAsia, cs: FONT.latin };
}

function styles() {
  const heading = (eastAsia: string, size: number, bold: boolean) => ({
    run: { font: font(eastAsia), size, bold, color: '000000' },
    paragraph: { spacing: { before: 0, after: 0, ...LINE_28PT }, indent: INDENT_2CH, keepNext: true },
  });
  return {
    default: {
      document: {
        run: {
          font: font(FONT.fang),
          size: SIZE.sanhao,
          language: { value: 'en-US', eastAsia: 'zh-CN' },
        },
        paragraph: { spacing: { before: 0, after: 0, ...LINE_28PT } },
      },
      title: {
        run: { font: font(FONT.title), size: SIZE.erhao, bold: false, color: '000000' },
        paragraph: {
          alignment: AlignmentType.CENTER,
          spacing: { before: 1120, after: 560, line: 720, lineRule: LineRuleType.EXACT },
        },
      },
      heading1: {
        run: { font: font(FONT.hei), size: SIZE.xiaoer, bold: false, color: '000000' },
        paragraph: {
          alignment: AlignmentType.CENTER,
          spacing: { before: 280, after: 280, line: 640, lineRule: LineRuleType.EXACT },
          keepNext: true,
        },
      },
      heading2: heading(FONT.hei, SIZE.sanhao, false),
      heading3: heading(FONT.kai, SIZE.sanhao, false),
      heading4: heading(FONT.fang, SIZE.sanhao, true),
    },
    paragraphStyles: [
      {
        id: 'Body',
        name: 'Body Text Juesuan',
        basedOn: 'Normal',
        paragraph: { indent: INDENT_2CH, alignment: AlignmentType.BOTH },
      },
      // Headings the 目录 does not list: the same look without an outline level.
      { id: 'Heading2Plain', name: 'Heading 2 (no TOC)', basedOn: 'Normal', ...heading(FONT.hei, SIZE.sanhao, false) },
      { id: 'Heading3Plain', name: 'Heading 3 (no TOC)', basedOn: 'Normal', ...heading(FONT.kai, SIZE.sanhao, false) },
      { id: 'Heading4Plain', name: 'Heading 4 (no TOC)', basedOn: 'Normal', ...heading(FONT.fang, SIZE.sanhao, true) },
      {
        id: 'Note',
        name: 'Note Juesuan',
        basedOn: 'Normal',
        run: { size: SIZE.sihao },
        paragraph: { indent: INDENT_2CH, spacing: { line: 440, lineRule: LineRuleType.EXACT } },
      },
      {
        id: 'Caption',
        name: 'caption',
        basedOn: 'Normal',
        run: { font: font(FONT.hei), size: SIZE.wuhao },
        paragraph: { alignment: AlignmentType.CENTER, spacing: { line: 360, lineRule: LineRuleType.EXACT } },
      },
      {
        id: 'TocHeading',
        name: 'TOC Heading Juesuan',
        basedOn: 'Normal',
        run: { font: font(FONT.hei), size: SIZE.sanhao },
        paragraph: { alignment: AlignmentType.CENTER, spacing: { before: 280, after: 280, ...LINE_28PT } },
      },
      { id: 'TOC1', name: 'toc 1', basedOn: 'Normal', run: { font: font(FONT.hei), size: SIZE.sanhao } },
      { id: 'TOC2', name: 'toc 2', basedOn: 'Normal', paragraph: { indent: { left: 640 } } },
      { id: 'TOC3', name: 'toc 3', basedOn: 'Normal', paragraph: { indent: { left: 1280 } } },
      { id: 'TOC4', name: 'toc 4', basedOn: 'Normal', paragraph: { indent: { left: 1920 } } },
      {
        id: 'TableTitle',
        name: 'Table Title Juesuan',
        basedOn: 'Normal',
        run: { font: font(FONT.title), size: SIZE.xiaoer },
        paragraph: {
          alignment: AlignmentType.CENTER,
          spacing: { before: 0, after: 120, line: 520, lineRule: LineRuleType.EXACT },
          keepNext: true,
        },
      },
      {
        id: 'TableInfo',
        name: 'Table Info Juesuan',
        basedOn: 'Normal',
        run: { font: font(FONT.song), size: SIZE.wuhao },
        paragraph: { spacing: { line: 300, lineRule: LineRuleType.EXACT }, keepNext: true },
      },
      {
        id: 'TableText',
        name: 'Table Text Juesuan',
        basedOn: 'Normal',
        run: { font: font(FONT.song), size: SIZE.xiaowu },
        paragraph: { spacing: { line: 250, lineRule: LineRuleType.EXACT } },
      },
      {
        id: 'TableNote',
        name: 'Table Note Juesuan',
        basedOn: 'Normal',
        run: { font: font(FONT.song), size: SIZE.wuhao },
        paragraph: { spacing: { before: 60, line: 300, lineRule: LineRuleType.EXACT } },
      },
      {
        id: 'Footer',
        name: 'footer',
        basedOn: 'Normal',
        run: { font: font(FONT.song), size: SIZE.wuhao },
        paragraph: { alignment: AlignmentType.CENTER, spacing: { line: 300, lineRule: LineRuleType.EXACT } },
      },
    ],
  };
}

interface PageGeometry {
  landscape: boolean;
  /** Width of the text column, twips. */
  textWidth: number;
}

function geometry(landscape: boolean): PageGeometry {
  const margin = landscape ? LANDSCAPE_MARGIN : PORTRAIT_MARGIN;
  const width = landscape ? A4.height : A4.width;
  return { landscape, textWidth: width - margin.left - margin.right };
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
        children: [new TextRun({ children: ['第 ', PageNumber.CURRENT, ' 页 共 ', PageNumber.TOTAL_PAGES, ' 页'] })],
      }),
    ],
  });
}

/** A part is landscape when it prints one of the profile's tables. */
function isTablePart(part: PartView): boolean {
  return part.blocks.some((b) => b.kind === 'table' && b.table.printed);
}

export async function renderDocx(doc: DocumentView, options: DocxOptions = {}): Promise<Buffer> {
  const tocLevel = tocDepth(doc);
  const front = geometry(false);
  const sections = [
    {
      properties: sectionProperties(front),
      footers: { default: pageFooter() },
      children: [
        new Paragraph({ style: 'Title', children: [new TextRun(doc.title)] }),
        new Paragraph({ style: 'TocHeading', children: [new TextRun('目  录')] }),
        new TableOfContents('目录', { hyperlink: true, headingStyleRange: `1-${tocLevel}` }),
        ...doc.frontNotes.map((note) => new Paragraph({ style: 'Note', children: [new TextRun(note)] })),
      ],
    },
    ...doc.parts.map((part) => {
      const page = geometry(isTablePart(part));
      return {
        properties: sectionProperties(page),
        footers: { default: pageFooter() },
        children: renderPart(part, page),
      };
    }),
  ];
  const document = new Document({
    creator: 'juesuan',
    title: doc.title,
    description: `${doc.department} ${doc.year} 年度部门决算`,
    styles: styles(),
    ...(options.pageNumbers === false ? {} : { pageNumbers: estimatePageNumbersWith({ guess: true }) }),
    sections,
  });
  return Packer.toBuffer(document);
}

/** Deepest heading level the 目录 lists: parts are level 1, HeadingBlock level n is n + 1. */
function tocDepth(doc: DocumentView): number {
  let depth = 1;
  for (const part of doc.parts) {
    for (const block of part.blocks) {
      if (block.kind === 'heading' && block.toc) depth = Math.max(depth, block.level + 1);
    }
  }
  return depth;
}

function renderPart(part: PartView, page: PageGeometry): FileChild[] {
  const breaks = breakBefore(part.blocks, page.landscape);
  const children: FileChild[] = [new Paragraph({ heading: 'Heading1', children: [new TextRun(part.heading)] })];
  part.blocks.forEach((block, i) => {
    children.push(...renderBlock(block, page, breaks.has(i)));
  });
  return children;
}

/**
 * Blocks that start a new page: on table pages each table with the headings just above it (the
 * first stays under the part heading), and whatever follows an explicit page break.
 */
function breakBefore(blocks: Block[], tablePage: boolean): Set<number> {
  const breaks = new Set<number>();
  let seenTable = false;
  blocks.forEach((block, i) => {
    if (block.kind === 'pageBreak' && i + 1 < blocks.length) breaks.add(i + 1);
    if (tablePage && block.kind === 'table' && block.table.printed) {
      if (seenTable) {
        let start = i;
        while (start > 0 && blocks[start - 1]!.kind === 'heading') start--;
        breaks.add(start);
      }
      seenTable = true;
    }
  });
  return breaks;
}

function renderBlock(block: Block, page: PageGeometry, pageBreak: boolean): FileChild[] {
  switch (block.kind) {
    case 'heading':
      return [renderHeading(block, pageBreak)];
    case 'paragraph':
      return [renderParagraph(block, pageBreak)];
    case 'table':
      return block.table.printed ? renderTableView(block.table, page, pageBreak) : [];
    case 'grid':
      return renderGridBlock(block, page, pageBreak);
    case 'units':
      return renderUnits(block, page, pageBreak);
    case 'chart':
      return renderChart(block.chart, page, pageBreak);
    case 'pageBreak':
      return [];
  }
}

function renderHeading(block: HeadingBlock, pageBreak: boolean): Paragraph {
  const level = block.level + 1;
  return new Paragraph({
    ...(block.toc ? { heading: `Heading${level}` as 'Heading2' } : { style: `Heading${level}Plain` }),
    ...(pageBreak ? { pageBreakBefore: true } : {}),
    children: [new TextRun(block.text)],
  });
}

function renderParagraph(block: ParagraphBlock, pageBreak: boolean): Paragraph {
  const style = block.style === 'note' ? 'Note' : block.style === 'caption' ? 'Caption' : 'Body';
  return new Paragraph({
    style,
    ...(pageBreak ? { pageBreakBefore: true } : {}),
    children: block.runs.map((run) =>
      run.kind === 'placeholder'
        ? // Text still to be written: highlighted so it cannot be published unnoticed.
          new TextRun({ text: run.text, highlight: HighlightColor.YELLOW })
        : new TextRun(run.text),
    ),
  });
}

function renderTableView(view: TableView, page: PageGeometry, pageBreak: boolean): FileChild[] {
  const children: FileChild[] = [
    new Paragraph({
      style: 'TableTitle',
      ...(pageBreak ? { pageBreakBefore: true } : {}),
      children: [new TextRun(view.title)],
    }),
    new Paragraph({ style: 'TableInfo', alignment: AlignmentType.RIGHT, children: [new TextRun(view.number)] }),
    infoLine([view.subject, `${view.year} 年度`, unitLabel(view)], page.textWidth),
  ];
  for (const laid of layTable(view)) children.push(renderLaidTable(laid, page.textWidth, SIZE.xiaowu));
  const statement = emptyStatementOf(view);
  if (statement) children.push(new Paragraph({ style: 'TableNote', children: [new TextRun(statement)] }));
  for (const note of view.notes) children.push(new Paragraph({ style: 'TableNote', children: [new TextRun(note)] }));
  return children;
}

/** 部门 on the left, 年度 centred, 金额单位 on the right: one line with a centre and a right tab. */
function infoLine(parts: [string, string, string], width: number): Paragraph {
  return new Paragraph({
    style: 'TableInfo',
    tabStops: [
      { type: TabStopType.CENTER, position: Math.round(width / 2) },
      { type: TabStopType.RIGHT, position: width },
    ],
    children: [new TextRun(parts[0]), new TextRun({ text: `\t${parts[1]}` }), new TextRun(`\t${parts[2]}`)],
  });
}

function renderGridBlock(grid: GridBlock, page: PageGeometry, pageBreak: boolean): FileChild[] {
  const children: FileChild[] = [
    new Paragraph({
      style: 'TableTitle',
      ...(pageBreak ? { pageBreakBefore: true } : {}),
      children: [new TextRun(grid.title)],
    }),
  ];
  if (grid.subtitle) {
    children.push(
      new Paragraph({ style: 'TableInfo', alignment: AlignmentType.CENTER, children: [new TextRun(grid.subtitle)] }),
    );
  }
  children.push(renderLaidTable(layGrid(grid), page.textWidth, SIZE.wuhao));
  for (const note of grid.notes ?? []) {
    children.push(new Paragraph({ style: 'TableNote', children: [new TextRun(note)] }));
  }
  return children;
}

function renderUnits(block: UnitsBlock, page: PageGeometry, pageBreak: boolean): FileChild[] {
  const children: FileChild[] = [];
  if (pageBreak) children.push(new Paragraph({ pageBreakBefore: true, children: [] }));
  children.push(renderLaidTable(layUnits(block), Math.round(page.textWidth * 0.9), SIZE.sihao));
  return children;
}

const BORDER = { style: BorderStyle.SINGLE, size: 4, color: '000000' };
const BORDERS = { top: BORDER, bottom: BORDER, left: BORDER, right: BORDER };

function renderLaidTable(laid: LaidTable, width: number, size: number): Table {
  const total = laid.widths.reduce((a, b) => a + b, 0);
  const widths = laid.widths.map((w) => Math.floor((w / total) * width));
  const lineHeight = Math.round(size * 10 * 1.35);
  const charWidth = size * 10;
  let column = 0;
  const rows = laid.rows.map((cells, r) => {
    column = 0;
    return new TableRow({
      tableHeader: r < laid.headerRows,
      cantSplit: true,
      children: cells.map((cell) => {
        const span = cell.colSpan ?? 1;
        const cellWidth = widths.slice(column, column + span).reduce((a, b) => a + b, 0);
        column += span;
        return laidCell(cell, cellWidth, size, lineHeight, charWidth);
      }),
    });
  });
  return new Table({
    rows,
    width: { size: widths.reduce((a, b) => a + b, 0), type: WidthType.DXA },
    columnWidths: widths,
    layout: TableLayoutType.FIXED,
    alignment: AlignmentType.CENTER,
    borders: { ...BORDERS, insideHorizontal: BORDER, insideVertical: BORDER },
    margins: { left: 57, right: 57, top: 0, bottom: 0 },
  });
}

const ALIGN = { left: AlignmentType.LEFT, center: AlignmentType.CENTER, right: AlignmentType.RIGHT } as const;

function laidCell(cell: LaidCell, width: number, size: number, line: number, charWidth: number): TableCell {
  const run: IRunOptions = {
    text: cell.text,
    size,
    ...(cell.bold ? { bold: true } : {}),
    ...(cell.header ? { font: font(FONT.hei), bold: false } : { font: font(FONT.song) }),
  };
  return new TableCell({
    width: { size: width, type: WidthType.DXA },
    verticalAlign: VerticalAlignTable.CENTER,
    ...(cell.colSpan ? { columnSpan: cell.colSpan } : {}),
    ...(cell.rowSpan ? { rowSpan: cell.rowSpan } : {}),
    ...(cell.header ? { shading: { type: ShadingType.CLEAR, color: 'auto', fill: 'F2F2F2' } } : {}),
    children: [
      new Paragraph({
        style: 'TableText',
        alignment: ALIGN[cell.align],
        spacing: { line, lineRule: LineRuleType.EXACT },
        ...(cell.indent ? { indent: { left: cell.indent * charWidth } } : {}),
        children: [new TextRun(run)],
      }),
    ],
  });
}

const CHART_SIZE = { width: 560, height: 320 };

function renderChart(chart: ChartSpec, page: PageGeometry, pageBreak: boolean): FileChild[] {
  const title = `${chart.title}（单位：${chart.unit}）`;
  const size = { width: Math.min(CHART_SIZE.width, Math.floor(page.textWidth / 15)), height: CHART_SIZE.height };
  const base = {
    title: { text: title, font: { size: 12, bold: false } },
    font: { name: FONT.song },
    transformation: size,
    altText: { name: chart.id, title: chart.title, description: chartDescription(chart) },
  };
  let run: ChartRun;
  if (chart.type === 'pie' || chart.type === 'doughnut') {
    const series = chart.series.slice(0, chart.type === 'pie' ? 1 : undefined).map((s) => ({
      name: s.name,
      values: s.values.map((v) => Math.max(0, v)),
    }));
    run = new ChartRun({
      ...base,
      type: chart.type,
      categories: chart.categories,
      series,
      legend: { position: 'right' },
      dataLabels: { percentage: true, category: false, value: false },
    } as ConstructorParameters<typeof ChartRun>[0]);
  } else {
    run = new ChartRun({
      ...base,
      type: chart.type,
      categories: chart.categories,
      series: chart.series.map((s) => ({ name: s.name, values: [...s.values] })),
      legend: chart.series.length > 1 ? { position: 'bottom' } : false,
      dataLabels: { value: true },
    });
  }
  return [
    new Paragraph({
      alignment: AlignmentType.CENTER,
      ...(pageBreak ? { pageBreakBefore: true } : {}),
      spacing: { before: 120, after: 120, line: 240, lineRule: LineRuleType.AUTO },
      keepNext: false,
      children: [run as unknown as ParagraphChild],
    }),
  ];
}

/** What the chart shows, for screen readers: each category with its values. */
export function chartDescription(chart: ChartSpec): string {
  return chart.categories
    .map((category, i) => `${category}：${chart.series.map((s) => `${s.values[i] ?? ''}`).join('、')}${chart.unit}`)
    .join('；');
}
