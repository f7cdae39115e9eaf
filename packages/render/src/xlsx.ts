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
import { compressed, readZip, writeZip } from './zip';

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

type Style = Partial<ExcelJS.Style>;
const WRAP_TOP = { wrapText: true, vertical: 'top' } as const;
const INFO = {
  left: { font: FONTS.info, alignment: { horizontal: 'left' } },
  center: { font: FONTS.info, alignment: { horizontal: 'center' } },
  right: { font: FONTS.info, alignment: { horizontal: 'right' } },
} satisfies Record<string, Style>;
/**
 * Styles of the cells around and between the tables, one object per look: exceljs writes the XML
 * of every style object it has not seen before, so a cell styled property by property costs that
 * XML once per cell. A cell is given one of these whole, never a property, which would change it
 * for every cell that shares it.
 */
const STYLE = {
  title: { font: FONTS.title, alignment: { horizontal: 'center', vertical: 'middle' } },
  aboutTitle: { font: FONTS.title, alignment: { horizontal: 'center' } },
  note: { font: FONTS.note, alignment: { horizontal: 'left', vertical: 'top', wrapText: true } },
  label: { font: FONTS.bold },
  link: { font: { ...FONTS.body, underline: true, color: { argb: 'FF0563C1' } } },
  aboutNote: { alignment: WRAP_TOP },
} satisfies Record<string, Style>;
/** The 文字说明 sheet's lines by kind. */
const NARRATIVE = {
  title: { font: FONTS.title, alignment: WRAP_TOP },
  part: { font: { name: '黑体', size: 14 }, alignment: WRAP_TOP },
  heading: { font: { name: '黑体', size: 12 }, alignment: WRAP_TOP },
  subheading: { font: { name: '楷体', size: 12 }, alignment: WRAP_TOP },
  body: { font: FONTS.body, alignment: WRAP_TOP },
  placeholder: { font: FONTS.body, alignment: WRAP_TOP, fill: PLACEHOLDER_FILL },
  note: { font: FONTS.note, alignment: WRAP_TOP },
  bold: { font: FONTS.bold, alignment: WRAP_TOP },
} satisfies Record<string, Style>;

/** Excel keeps 15 significant digits; a figure with more would be stored as another number. */
const EXCEL_DIGITS = 15;

/**
 * A printed figure as a number: "1,234.56" → 1234.56 with format #,##0.00; undefined if not a
 * number, or if Excel cannot hold it exactly (more than 15 significant digits: the cell then keeps
 * the figure as printed, as text, rather than a number with other digits).
 */
export function figureValue(text: string): { value: number; format: string } | undefined {
  const match = /^(-?)(\d{1,3}(?:,\d{3})*|\d+)(?:\.(\d+))?$/.exec(text.trim());
  if (!match) return undefined;
  const [, sign = '', whole = '', fraction = ''] = match;
  const digits = `${whole.replace(/,/g, '')}${fraction}`.replace(/^0+/, '');
  if (digits.length > EXCEL_DIGITS) return undefined;
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
  // exceljs only stores the parts, which are compressed natively: JSZip's DEFLATE in JavaScript
  // took about half the time of the whole workbook.
  const stored = await workbook.xlsx.writeBuffer({ zip: { compression: 'STORE' } });
  return writeZip(readZip(new Uint8Array(stored)).map(compressed));
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
  mergedText(sheet, row, 1, width, view.number, INFO.right);
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
    mergedText(sheet, row, 1, width, grid.subtitle, INFO.center);
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

/**
 * A text across row `row` from column `from` to `to`. The first cell is styled before the merge,
 * which gives the covered cells its style.
 */
function mergedText(
  sheet: Worksheet,
  row: number,
  from: number,
  to: number,
  text: string,
  style: Style,
): void {
  const cell = sheet.getCell(row, from);
  cell.value = text;
  cell.style = style;
  sheet.mergeCells(row, from, row, to);
}

function titleRows(sheet: Worksheet, title: string, width: number): number {
  mergedText(sheet, 1, 1, width, title, STYLE.title);
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
    if (to > from) mergedText(sheet, row, from, to, text, INFO[horizontal]);
    else {
      const cell = sheet.getCell(row, from);
      cell.value = text;
      cell.style = INFO[horizontal];
    }
  }
}

function noteRows(sheet: Worksheet, row: number, width: number, notes: string[]): number {
  for (const note of notes) {
    mergedText(sheet, row, 1, width, note, STYLE.note);
    // Merged cells do not grow with wrapped text; size the row for the note's length.
    const perLine = Math.max(20, sheet.columns.slice(0, width).reduce((a, c) => a + (c.width ?? 8), 0) / 2);
    sheet.getRow(row).height = 15 * Math.ceil(note.length / perLine);
    row++;
  }
  return row;
}

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
        const line = sheet.getRow(r + dr);
        for (let dc = 0; dc < cols; dc++) line.getCell(c + dc).style = BORDER_ONLY;
      }
    }
    // By row and column number: the worksheet's getCell parses an address for every cell.
    const target: Cell = sheet.getRow(r).getCell(c);
    const figure = cell.numeric ? figureValue(cell.text) : undefined;
    if (figure) target.value = figure.value;
    else if (cell.text !== '') target.value = cell.text;
    target.style = styles.of(cell, figure?.format);
  }
  return top + laid.rows.length;
}

function aboutSheet(sheet: Worksheet, doc: DocumentView, sheets: { name: string; title: string }[]): void {
  sheet.columns = [{ width: 16 }, { width: 70 }];
  mergedText(sheet, 1, 1, 2, doc.title, STYLE.aboutTitle);
  const rows: [string, string][] = [
    ['部门', doc.department],
    ['年度', `${doc.year}`],
    ['口径', doc.profile],
  ];
  let row = 3;
  for (const [label, value] of rows) {
    sheet.getCell(row, 1).value = label;
    sheet.getCell(row, 1).style = STYLE.label;
    sheet.getCell(row, 2).value = value;
    row++;
  }
  row++;
  sheet.getCell(row, 1).value = '表格';
  sheet.getCell(row, 1).style = STYLE.label;
  for (const { name, title: text } of sheets) {
    const cell = sheet.getCell(row, 2);
    cell.value = { text, hyperlink: `#'${name.replace(/'/g, "''")}'!A1` };
    cell.style = STYLE.link;
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
    sheet.getCell(row, 1).style = STYLE.label;
    const cell = sheet.getCell(row, 2);
    cell.value = note;
    cell.style = STYLE.aboutNote;
    row++;
  }
  pageSetup(sheet, false, 1, 0);
}

/** The narrative as text, one paragraph a row; placeholders still to be written are yellow. */
function narrativeSheet(sheet: Worksheet, doc: DocumentView): void {
  sheet.columns = [{ width: 110 }];
  let row = 1;
  const put = (text: string, style: Style) => {
    const cell = sheet.getCell(row, 1);
    cell.value = text;
    cell.style = style;
    row++;
  };
  put(doc.title, NARRATIVE.title);
  for (const part of doc.parts) {
    put(part.heading, NARRATIVE.part);
    for (const block of part.blocks) {
      switch (block.kind) {
        case 'heading':
          put(block.text, block.level === 1 ? NARRATIVE.heading : NARRATIVE.subheading);
          break;
        case 'paragraph':
          put(
            paragraphText(block),
            block.runs.some((r) => r.kind === 'placeholder') ? NARRATIVE.placeholder : NARRATIVE.body,
          );
          break;
        case 'table':
          if (block.table.printed)
            put(`（见表：${block.table.number} ${block.table.title}）`, NARRATIVE.note);
          break;
        case 'grid':
          put(`（见表：${block.title}）`, NARRATIVE.note);
          break;
        case 'units':
          put(block.columns.join('\t'), NARRATIVE.bold);
          for (const r of block.rows) put(r.join('\t'), NARRATIVE.body);
          break;
        case 'chart':
          put(
            `图：${block.chart.title}（单位：${block.chart.unit}）${block.chart.categories
              .map((c, i) => `${c} ${block.chart.series.map((s) => s.values[i] ?? '').join('/')}`)
              .join('；')}`,
            NARRATIVE.note,
          );
          break;
        case 'pageBreak':
          break;
      }
    }
  }
  pageSetup(sheet, false, 1, 0);
}
