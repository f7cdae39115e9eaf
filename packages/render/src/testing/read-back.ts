/**
 * Test-only readers for what the renderers wrote, and the check that a printed table shows every
 * cell of its view. The expected lines are built from the view alone (not from layout.ts), so a
 * layout mistake shows up: each view row, as its printed cells in order (code, label, 行次,
 * figures), must appear left to right in one printed row, side-by-side rows on one line, and the
 * rows in order. Cells covered by a merge are skipped, so a merged label counts once.
 */
import assert from 'node:assert/strict';
import type { SectionView, TableView } from '@juesuan/core';
import ExcelJS from 'exceljs';
import JSZip from 'jszip';

export type PrintedGrid = string[][];

function unescapeXml(text: string): string {
  return text
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#39;|&apos;/g, "'")
    .replace(/&amp;/g, '&');
}

function textOf(xml: string): string {
  return [...xml.matchAll(/<w:t(?:\s[^>]*)?>([^<]*)<\/w:t>|<w:tab\/>/g)]
    .map((m) => (m[0] === '<w:tab/>' ? '\t' : unescapeXml(m[1]!)))
    .join('');
}

export async function docxDocumentXml(buffer: Buffer): Promise<string> {
  const zip = await JSZip.loadAsync(buffer);
  const file = zip.file('word/document.xml');
  assert.ok(file, 'DOCX 中没有 word/document.xml');
  return file.async('string');
}

/** The body's top-level paragraphs and tables in order. */
export function docxBody(
  xml: string,
): ({ kind: 'p'; text: string } | { kind: 'tbl'; xml: string; rows: PrintedGrid })[] {
  const body = xml.slice(xml.indexOf('<w:body>'));
  const items: ({ kind: 'p'; text: string } | { kind: 'tbl'; xml: string; rows: PrintedGrid })[] = [];
  for (const match of body.matchAll(/<w:tbl>[\s\S]*?<\/w:tbl>|<w:p[ >][\s\S]*?<\/w:p>|<w:p\/>/g)) {
    const part = match[0];
    if (part.startsWith('<w:tbl>')) items.push({ kind: 'tbl', xml: part, rows: docxRows(part) });
    else items.push({ kind: 'p', text: textOf(part) });
  }
  return items;
}

function docxRows(table: string): PrintedGrid {
  return [...table.matchAll(/<w:tr[ >][\s\S]*?<\/w:tr>/g)].map((row) =>
    [...row[0].matchAll(/<w:tc>[\s\S]*?<\/w:tc>/g)]
      // A cell continuing a vertical merge repeats nothing.
      .filter((cell) => !/<w:vMerge\/>|<w:vMerge w:val="continue"\/>/.test(cell[0]))
      .map((cell) => textOf(cell[0])),
  );
}

/** Every printed table of a DOCX by its 表号: the first table after the 表号 line. */
export function docxTables(xml: string, views: TableView[]): Map<string, { xml: string; rows: PrintedGrid }> {
  const items = docxBody(xml);
  const tables = new Map<string, { xml: string; rows: PrintedGrid }>();
  for (const view of views) {
    const at = items.findIndex((item) => item.kind === 'p' && item.text === view.number);
    assert.ok(at >= 0, `DOCX 中找不到表号 ${view.number}`);
    const table = items.slice(at).find((item) => item.kind === 'tbl');
    assert.ok(table && table.kind === 'tbl', `DOCX 中 ${view.number} 之后没有表格`);
    tables.set(view.id, { xml: table.xml, rows: table.rows });
  }
  return tables;
}

/** A number as its format prints it: #,##0.00 → 1,234.56; 0 → 35. */
export function formatLikeExcel(value: number, numFmt: string | undefined): string {
  const decimals = /\.(0+)/.exec(numFmt ?? '')?.[1]?.length ?? 0;
  const grouped = (numFmt ?? '').includes('#,##');
  return value.toLocaleString('en-US', {
    minimumFractionDigits: decimals,
    maximumFractionDigits: decimals,
    useGrouping: grouped,
  });
}

/** A worksheet's rows as printed texts, merged cells once, with the numeric cells checked. */
export function sheetRows(sheet: ExcelJS.Worksheet): {
  rows: PrintedGrid;
  numbers: { text: string; value: number }[];
} {
  const rows: PrintedGrid = [];
  const numbers: { text: string; value: number }[] = [];
  for (let r = 1; r <= sheet.rowCount; r++) {
    const row = sheet.getRow(r);
    const texts: string[] = [];
    for (let c = 1; c <= sheet.columnCount; c++) {
      const cell = row.getCell(c);
      if (cell.isMerged && cell.master.address !== cell.address) continue;
      const value = cell.value;
      assert.ok(
        value === null || typeof value !== 'object' || !('formula' in value),
        `${sheet.name}!${cell.address} 是公式`,
      );
      if (typeof value === 'number') {
        const text = formatLikeExcel(value, cell.numFmt);
        numbers.push({ text, value });
        texts.push(text);
      } else {
        texts.push(value === null || value === undefined ? '' : String(value));
      }
    }
    rows.push(texts);
  }
  return { rows, numbers };
}

export async function loadWorkbook(buffer: Buffer): Promise<ExcelJS.Workbook> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(buffer as unknown as ArrayBuffer);
  return workbook;
}

/** HTML table rows of the figure of table `id`. */
export function htmlTable(html: string, id: string): PrintedGrid {
  const start = html.indexOf(`data-table="${id}"`);
  assert.ok(start >= 0, `HTML 中没有表 ${id}`);
  const end = html.indexOf('</figure>', start);
  const figure = html.slice(start, end);
  return [...figure.matchAll(/<tr>([\s\S]*?)<\/tr>/g)].map((row) =>
    [...row[1]!.matchAll(/<t[hd][^>]*>([\s\S]*?)<\/t[hd]>/g)].map((cell) => unescapeHtml(cell[1]!)),
  );
}

function unescapeHtml(text: string): string {
  return unescapeXml(text.replace(/<[^>]+>/g, ''));
}

function sectionLine(section: SectionView, r: number, coded: boolean): string[] {
  const lines = section.rows.some((row) => row.line !== undefined);
  const row = section.rows[r];
  const values = section.columns.map((c) => row?.cells[c.key]?.text ?? '');
  if (!row) return ['', ...(lines ? [''] : []), ...values];
  const code = coded && row.code !== undefined && row.code !== '*' ? [row.code] : [];
  return [...code, row.label, ...(lines ? [row.line?.toString() ?? ''] : []), ...values];
}

/** What each printed line of a view must show, left to right. */
export function expectedLines(view: TableView): string[][] {
  const layout = view.layout;
  if (layout.kind === 'sideBySide') {
    const count = Math.max(...view.sections.map((s) => s.rows.length));
    return Array.from({ length: count }, (_, r) => view.sections.flatMap((s) => sectionLine(s, r, false)));
  }
  if (layout.kind === 'blocks') {
    const section = view.sections[0]!;
    const byKey = new Map(section.rows.map((row) => [row.key, row]));
    const count = Math.max(...layout.blocks.map((b) => b.rows.length));
    const lines = Array.from({ length: count }, (_, r) =>
      layout.blocks.flatMap((block) => {
        const row = block.rows[r] === undefined ? undefined : byKey.get(block.rows[r]!);
        const values = section.columns.map((c) => row?.cells[c.key]?.text ?? '');
        return row ? [row.code ?? '', row.label, ...values] : ['', '', ...values];
      }),
    );
    const footer = layout.footers.flatMap((f) => {
      const row = byKey.get(f.row);
      return [row?.label ?? '', ...section.columns.map((c) => row?.cells[c.key]?.text ?? '')];
    });
    return footer.length ? [...lines, footer] : lines;
  }
  return view.sections.flatMap((section) => {
    const coded = section.rows.some((row) => row.code !== undefined && row.code !== '*');
    return section.rows.map((_, r) => sectionLine(section, r, coded));
  });
}

function containsRun(row: string[], run: string[]): boolean {
  outer: for (let i = 0; i + run.length <= row.length; i++) {
    for (let k = 0; k < run.length; k++) if (row[i + k] !== run[k]) continue outer;
    return true;
  }
  return false;
}

/** Asserts every line of the view is printed, in order, in `rows`. Returns how many cells matched. */
export function assertPrinted(view: TableView, rows: PrintedGrid, where: string): number {
  let next = 0;
  let cells = 0;
  for (const line of expectedLines(view)) {
    let found = -1;
    for (let r = next; r < rows.length; r++) {
      if (containsRun(rows[r]!, line)) {
        found = r;
        break;
      }
    }
    assert.ok(
      found >= 0,
      `${where} ${view.number} 缺少一行：${JSON.stringify(line)}\n之后的行：${JSON.stringify(rows.slice(next, next + 3))}`,
    );
    next = found + 1;
    cells += line.length;
  }
  return cells;
}
