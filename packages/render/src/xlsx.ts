/**
 * DocumentView → XLSX: one sheet per printed table (and per grid such as a 绩效自评表), laid out as
 * in the DOCX (same merged headers, same rows), plus a 说明 sheet and a 文字说明 sheet with the
 * narrative. A figure cell holds the number its printed text shows — the rounded figure, not the
 * exact one — with a number format that prints it the same way, so the sheet sums what the reader
 * sees. No formulas: every value is there for any reader without recalculation.
 */
import type { DocumentView, GridBlock, TableView } from '@juesuan/core';
import { paragraphText } from '@juesuan/core';
import ExcelJS from 'exceljs';
import {
  emptyStatementOf,
  type LaidCell,
  type LaidTable,
  layGrid,
  layTable,
  placeCells,
  unitLabel,
} from './layout';
import { titleHeading } from './page';

type Worksheet = ExcelJS.Worksheet;
type Cell = ExcelJS.Cell;

const FONT_NAME = '宋体';
const THIN = { style: 'thin' as const, color: { argb: 'FF000000' } };
const BORDER = { top: THIN, left: THIN, bottom: THIN, right: THIN };
const HEADER_FILL = { type: 'pattern' as const, pattern: 'solid' as const, fgColor: { argb: 'FFF2F2F2' } };
const PLACEHOLDER_FILL = {
  type: 'pattern' as const,
  pattern: 'solid' as const,
  fgColor: { argb: 'FFFFFF00' },
};
const FONTS = {
  title: { name: FONT_NAME, size: 16, bold: true },
  info: { name: FONT_NAME, size: 10 },
  header: { name: '黑体', size: 10 },
  body: { name: FONT_NAME, size: 10 },
  bold: { name: FONT_NAME, size: 10, bold: true },
  note: { name: FONT_NAME, size: 10 },
};

/** A printed figure as a number: "1,234.56" → 1234.56 with format #,##0.00; undefined if not a number. */
export function figureValue(text: string): { value: number; format: string } | undefined {
  const match = /^(-?)(\d{1,3}(?:,\d{3})*|\d+)(?:\.(\d+))?$/.exec(text.trim());
  if (!match) return undefined;
  const [, sign = '', whole = '', fraction = ''] = match;
  // Amounts print grouped (#,##0.00); a count prints as written (35, 1234).
  const format = fraction ? `#,##0.${'0'.repeat(fraction.length)}` : whole.includes(',') ? '#,##0' : '0';
  return { value: Number(`${sign}${whole.replace(/,/g, '')}${fraction ? `.${fraction}` : ''}`), format };
}

export async function renderXlsx(doc: DocumentView): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'juesuan';
  workbook.title = doc.title;
  const names = new Set<string>();
  const about = workbook.addWorksheet(uniqueName('说明', names));
  const sheets: { name: string; title: string }[] = [];

  for (const part of doc.parts) {
    part.blocks.forEach((block, i) => {
      if (block.kind === 'table' && block.table.printed) {
        const name = uniqueName(sheetName(block.table.number, block.table.title), names);
        tableSheet(workbook.addWorksheet(name), block.table);
        sheets.push({ name, title: `${block.table.number} ${block.table.title}` });
      } else if (block.kind === 'grid') {
        // Several grids share a title (项目支出绩效自评表): the heading above names the project.
        const title = (i > 0 ? titleHeading(part.blocks, i - 1) : undefined) ?? block.title;
        const name = uniqueName(sheetName('', title), names);
        gridSheet(workbook.addWorksheet(name), block, title);
        sheets.push({ name, title });
      }
    });
  }
  aboutSheet(about, doc, sheets);
  narrativeSheet(workbook.addWorksheet(uniqueName('文字说明', names)), doc);
  // Level 1: a sheet of figures compresses nearly as well, in a fraction of the time.
  const buffer = await workbook.xlsx.writeBuffer({
    zip: { compression: 'DEFLATE', compressionOptions: { level: 1 } },
  });
  return Buffer.from(buffer);
}

/** Sheet names: at most 31 characters, none of \ / ? * [ ] :, unique in the workbook. */
export function sheetName(number: string, title: string): string {
  const clean = `${number.replace(/\s+/g, '')}${number ? ' ' : ''}${title}`
    .replace(/[\\/?*[\]:]/g, '_')
    .trim();
  return clean.slice(0, 31) || '表';
}

function uniqueName(name: string, taken: Set<string>): string {
  let candidate = name;
  for (let i = 2; taken.has(candidate); i++) {
    const suffix = `(${i})`;
    candidate = name.slice(0, 31 - suffix.length) + suffix;
  }
  taken.add(candidate);
  return candidate;
}

function pageSetup(sheet: Worksheet, landscape: boolean, headerFrom: number, headerTo: number): void {
  sheet.pageSetup = {
    paperSize: 9,
    orientation: landscape ? 'landscape' : 'portrait',
    fitToPage: true,
    fitToWidth: 1,
    fitToHeight: 0,
    horizontalCentered: true,
    margins: { left: 0.4, right: 0.4, top: 0.5, bottom: 0.5, header: 0.3, footer: 0.3 },
    ...(headerTo >= headerFrom ? { printTitlesRow: `${headerFrom}:${headerTo}` } : {}),
  };
  sheet.headerFooter = { oddFooter: '第 &P 页 共 &N 页' };
}

/** Title over all columns, then 表号, then 部门 | 年度 | 金额单位 across the width. */
function tableSheet(sheet: Worksheet, view: TableView): void {
  const laid = layTable(view);
  const width = Math.max(...laid.map((t) => t.widths.length));
  setWidths(sheet, laid[0]!);
  let row = titleRows(sheet, view.title, width);
  const numberCell = sheet.getCell(row, 1);
  sheet.mergeCells(row, 1, row, width);
  numberCell.value = view.number;
  numberCell.font = FONTS.info;
  numberCell.alignment = { horizontal: 'right' };
  row++;
  infoRow(sheet, row, width, [view.subject, `${view.year} 年度`, unitLabel(view)]);
  row++;
  const headerFrom = row;
  let headerTo = row - 1;
  laid.forEach((table, i) => {
    if (i === 0) headerTo = row + table.headerRows - 1;
    row = writeTable(sheet, table, row);
  });
  // The paragraph that follows the table in the document (上海: 说明：…本表无数据) goes to the 文字说明
  // sheet, away from the table: the sheet states it itself.
  const statement = emptyStatementOf(view);
  row = noteRows(sheet, row, width, [...(statement ? [statement] : []), ...view.notes]);
  sheet.views = [
    {
      state: 'frozen',
      xSplit: laid.length === 1 ? laid[0]!.labelColumns : 0,
      ySplit: headerTo,
      showGridLines: false,
    },
  ];
  pageSetup(sheet, true, headerFrom, headerTo);
}

function gridSheet(sheet: Worksheet, grid: GridBlock, title: string): void {
  const laid = layGrid(grid);
  const width = laid.widths.length;
  setWidths(sheet, laid, 2.4);
  let row = titleRows(sheet, title, width);
  if (grid.subtitle) {
    sheet.mergeCells(row, 1, row, width);
    const cell = sheet.getCell(row, 1);
    cell.value = grid.subtitle;
    cell.font = FONTS.info;
    cell.alignment = { horizontal: 'center' };
    row++;
  }
  const headerFrom = row;
  const headerTo = row + laid.headerRows - 1;
  row = writeTable(sheet, laid, row);
  noteRows(sheet, row, width, grid.notes ?? []);
  sheet.views = [{ state: 'frozen', xSplit: 0, ySplit: headerTo, showGridLines: false }];
  pageSetup(sheet, false, headerFrom, headerTo);
}

/** Column widths in Excel's units (about one Latin digit): a CJK character is two. */
function setWidths(sheet: Worksheet, laid: LaidTable, scale = 2): void {
  sheet.columns = laid.widths.map((w) => ({ width: Math.max(4, Math.round(w * scale * 10) / 10 + 1) }));
}

function titleRows(sheet: Worksheet, title: string, width: number): number {
  sheet.mergeCells(1, 1, 1, width);
  const cell = sheet.getCell(1, 1);
  cell.value = title;
  cell.font = FONTS.title;
  cell.alignment = { horizontal: 'center', vertical: 'middle' };
  sheet.getRow(1).height = 30;
  return 2;
}

/** Three texts spread over thirds of the width: left, centre, right (joined when narrower). */
function infoRow(sheet: Worksheet, row: number, width: number, texts: [string, string, string]): void {
  const spans: [number, number, string, 'left' | 'center' | 'right'][] =
    width >= 3
      ? [
          [1, Math.floor(width / 3), texts[0], 'left'],
          [Math.floor(width / 3) + 1, Math.floor((2 * width) / 3), texts[1], 'center'],
          [Math.floor((2 * width) / 3) + 1, width, texts[2], 'right'],
        ]
      : [[1, width, texts.join('    '), 'left']];
  for (const [from, to, text, horizontal] of spans) {
    if (to > from) sheet.mergeCells(row, from, row, to);
    const cell = sheet.getCell(row, from);
    cell.value = text;
    cell.font = FONTS.info;
    cell.alignment = { horizontal };
  }
}

function noteRows(sheet: Worksheet, row: number, width: number, notes: string[]): number {
  for (const note of notes) {
    sheet.mergeCells(row, 1, row, width);
    const cell = sheet.getCell(row, 1);
    cell.value = note;
    cell.font = FONTS.note;
    cell.alignment = { horizontal: 'left', vertical: 'top', wrapText: true };
    // Merged cells do not grow with wrapped text; size the row for the note's length.
    const perLine = Math.max(20, sheet.columns.slice(0, width).reduce((a, c) => a + (c.width ?? 8), 0) / 2);
    sheet.getRow(row).height = 15 * Math.ceil(note.length / perLine);
    row++;
  }
  return row;
}

type Style = Partial<ExcelJS.Style>;
const BORDER_ONLY: Style = { border: BORDER };

/**
 * Cell styles shared by every cell that looks the same. exceljs looks a style up by the object
 * first, so one object per look saves rebuilding its XML for each of thousands of cells.
 */
class Styles {
  private readonly cache = new Map<string, Style>();

  of(cell: LaidCell, numFmt: string | undefined): Style {
    const key = `${cell.header ? 'h' : cell.bold ? 'b' : 'n'}|${cell.align}|${cell.indent ?? 0}|${numFmt ?? ''}`;
    let style = this.cache.get(key);
    if (!style) {
      style = {
        border: BORDER,
        font: cell.header ? FONTS.header : cell.bold ? FONTS.bold : FONTS.body,
        alignment: {
          horizontal: cell.align,
          vertical: 'middle',
          wrapText: cell.header || cell.align === 'left',
          ...(cell.indent ? { indent: cell.indent } : {}),
        },
        ...(cell.header ? { fill: HEADER_FILL } : {}),
        ...(numFmt ? { numFmt } : {}),
      };
      this.cache.set(key, style);
    }
    return style;
  }
}

/** Writes a laid table from `top`; returns the row after it. */
function writeTable(sheet: Worksheet, laid: LaidTable, top: number, styles = new Styles()): number {
  for (const { row, col, cell } of placeCells(laid)) {
    const r = top + row;
    const c = col + 1;
    const rows = cell.rowSpan ?? 1;
    const cols = cell.colSpan ?? 1;
    if (rows > 1 || cols > 1) {
      sheet.mergeCells(r, c, r + rows - 1, c + cols - 1);
      // Every cell of a merge carries the border, or Excel draws it broken.
      for (let dr = 0; dr < rows; dr++) {
        for (let dc = 0; dc < cols; dc++) sheet.getCell(r + dr, c + dc).style = BORDER_ONLY;
      }
    }
    const target: Cell = sheet.getCell(r, c);
    const figure = cell.numeric ? figureValue(cell.text) : undefined;
    if (figure) target.value = figure.value;
    else if (cell.text !== '') target.value = cell.text;
    target.style = styles.of(cell, figure?.format);
  }
  return top + laid.rows.length;
}

function aboutSheet(sheet: Worksheet, doc: DocumentView, sheets: { name: string; title: string }[]): void {
  sheet.columns = [{ width: 16 }, { width: 70 }];
  const title = sheet.getCell(1, 1);
  sheet.mergeCells(1, 1, 1, 2);
  title.value = doc.title;
  title.font = FONTS.title;
  title.alignment = { horizontal: 'center' };
  const rows: [string, string][] = [
    ['部门', doc.department],
    ['年度', `${doc.year}`],
    ['口径', doc.profile],
  ];
  let row = 3;
  for (const [label, value] of rows) {
    sheet.getCell(row, 1).value = label;
    sheet.getCell(row, 1).font = FONTS.bold;
    sheet.getCell(row, 2).value = value;
    row++;
  }
  row++;
  sheet.getCell(row, 1).value = '表格';
  sheet.getCell(row, 1).font = FONTS.bold;
  for (const { name, title: text } of sheets) {
    const cell = sheet.getCell(row, 2);
    cell.value = { text, hyperlink: `#'${name.replace(/'/g, "''")}'!A1` };
    cell.font = { ...FONTS.body, underline: true, color: { argb: 'FF0563C1' } };
    row++;
  }
  row++;
  const notes = [...doc.frontNotes];
  if (!notes.some((n) => n.includes('尾数误差'))) notes.push('注：本套报表金额单位转换时可能存在尾数误差。');
  notes.push(
    '表中金额为印刷数（各自四舍五入后的数值），合计数不由已舍入的明细相加，故与明细之和可能相差几个 0.01。',
  );
  for (const note of notes) {
    sheet.getCell(row, 1).value = '说明';
    sheet.getCell(row, 1).font = FONTS.bold;
    const cell = sheet.getCell(row, 2);
    cell.value = note;
    cell.alignment = { wrapText: true, vertical: 'top' };
    row++;
  }
  pageSetup(sheet, false, 1, 0);
}

/** The narrative as text, one paragraph a row; placeholders still to be written are yellow. */
function narrativeSheet(sheet: Worksheet, doc: DocumentView): void {
  sheet.columns = [{ width: 110 }];
  let row = 1;
  const put = (text: string, font: Partial<ExcelJS.Font>, fill?: ExcelJS.Fill) => {
    const cell = sheet.getCell(row, 1);
    cell.value = text;
    cell.font = font;
    cell.alignment = { wrapText: true, vertical: 'top' };
    if (fill) cell.fill = fill;
    row++;
  };
  put(doc.title, FONTS.title);
  for (const part of doc.parts) {
    put(part.heading, { name: '黑体', size: 14 });
    for (const block of part.blocks) {
      switch (block.kind) {
        case 'heading':
          put(block.text, { name: block.level === 1 ? '黑体' : '楷体', size: 12 });
          break;
        case 'paragraph':
          put(
            paragraphText(block),
            FONTS.body,
            block.runs.some((r) => r.kind === 'placeholder') ? PLACEHOLDER_FILL : undefined,
          );
          break;
        case 'table':
          if (block.table.printed) put(`（见表：${block.table.number} ${block.table.title}）`, FONTS.note);
          break;
        case 'grid':
          put(`（见表：${block.title}）`, FONTS.note);
          break;
        case 'units':
          put(block.columns.join('\t'), FONTS.bold);
          for (const r of block.rows) put(r.join('\t'), FONTS.body);
          break;
        case 'chart':
          put(
            `图：${block.chart.title}（单位：${block.chart.unit}）${block.chart.categories
              .map((c, i) => `${c} ${block.chart.series.map((s) => s.values[i] ?? '').join('/')}`)
              .join('；')}`,
            FONTS.note,
          );
          break;
        case 'pageBreak':
          break;
      }
    }
  }
  pageSetup(sheet, false, 1, 0);
}
