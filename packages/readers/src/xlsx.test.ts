import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { type RawTable, type RawText, READ_LIMITS } from '@juesuan/core';
import ExcelJS from 'exceljs';
import JSZip from 'jszip';
import { readBytes } from './read';
import { GUARD_MS, refusedOverLimit } from './testing/limits';
import { formatNumber, roundDecimal } from './xlsx';

async function sampleXlsx(): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('公开01表');
  ws.mergeCells('A1:D1');
  ws.getCell('A1').value = '收入支出决算总表';
  ws.getCell('A2').value = '部门：XX局';
  ws.getCell('C2').value = '2024年度';
  ws.getCell('D2').value = '金额单位：万元';
  ws.mergeCells('A3:B3');
  ws.getCell('A3').value = '收入';
  ws.mergeCells('C3:D3');
  ws.getCell('C3').value = '支出';
  ws.getRow(4).values = ['项目', '金额', '项目', '金额'];
  ws.getRow(5).values = ['一、一般公共预算财政拨款收入', 940.49, '一、一般公共服务支出', 0];
  ws.getRow(6).values = ['本年收入合计', 1234567.891, '占比', 0.1234];
  ws.getCell('B5').numFmt = '#,##0.00';
  ws.getCell('D5').numFmt = '0.00';
  ws.getCell('B6').numFmt = '#,##0.00_ ';
  ws.getCell('D6').numFmt = '0.00%';
  ws.getCell('A7').value = '年末结转和结余';
  ws.getCell('B7').value = { formula: 'B5+1', result: 941.49 } as ExcelJS.CellFormulaValue;
  ws.getCell('B7').numFmt = '0.00';
  ws.mergeCells('C7:C8');
  ws.getCell('C7').value = '总计';
  ws.getCell('D7').value = -1.005;
  ws.getCell('D7').numFmt = '#,##0.00;[Red](#,##0.00)';
  ws.getCell('A8').value = '其他';
  ws.getCell('B8').value = 940.5;
  ws.getCell('A10').value = '注：本表反映部门本年度的总收支和年末结转结余情况。';

  const hidden = wb.addWorksheet('底稿', { state: 'hidden' });
  hidden.getCell('A1').value = '不公开的数据';
  const second = wb.addWorksheet('三公');
  second.getRow(1).values = ['项目', '决算数'];
  second.getRow(2).values = ['公务接待费', { richText: [{ text: '1.' }, { text: '02' }] }];
  return Buffer.from(await wb.xlsx.writeBuffer());
}

describe('XLSX reader', async () => {
  const doc = await readBytes(await sampleXlsx(), '决算.xlsx');
  const first = doc.blocks.filter((b) => b.location.sheet === '公开01表');

  it('reads each visible sheet, counting sheets as pages', () => {
    assert.equal(doc.format, 'xlsx');
    assert.equal(doc.pages, 3);
    assert.deepEqual([...new Set(doc.blocks.map((b) => b.location.sheet))], ['公开01表', '三公']);
    assert.ok(doc.warnings.some((w) => w.includes('隐藏工作表 “底稿”')));
  });

  it('turns the title, 部门, 年度 and 单位 rows above the table into text, the note below too', () => {
    const texts = first.filter((b): b is RawText => b.kind === 'text').map((b) => b.text);
    assert.deepEqual(texts, [
      '收入支出决算总表',
      '部门：XX局',
      '2024年度',
      '金额单位：万元',
      '注：本表反映部门本年度的总收支和年末结转结余情况。',
    ]);
    assert.equal(first[0]!.location.line, 1);
    assert.equal(first[0]!.location.page, 1);
  });

  it('gives the table grid with merged cells repeated and numbers as their formats show them', () => {
    const table = first.find((b): b is RawTable => b.kind === 'table')!;
    assert.deepEqual(table.rows, [
      ['收入', '收入', '支出', '支出'],
      ['项目', '金额', '项目', '金额'],
      ['一、一般公共预算财政拨款收入', '940.49', '一、一般公共服务支出', '0.00'],
      ['本年收入合计', '1,234,567.89', '占比', '12.34%'],
      ['年末结转和结余', '941.49', '总计', '(1.01)'],
      ['其他', '940.5', '总计', ''],
    ]);
    assert.deepEqual(
      table.rowLocations.map((l) => l.line),
      [3, 4, 5, 6, 7, 8],
    );
    assert.deepEqual(table.location, { page: 1, sheet: '公开01表', line: 3 });
  });

  it('reads rich text as its plain text', () => {
    const table = doc.blocks.find((b): b is RawTable => b.kind === 'table' && b.location.sheet === '三公')!;
    assert.deepEqual(table.rows[1], ['公务接待费', '1.02']);
  });
});

describe('XLSX reader: notes of several rows and sheets of text', () => {
  it('takes a numbered note continued on the rows below it out of the table (当此表数据为空时…)', async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('公开07表');
    ws.mergeCells('A1:C1');
    ws.getCell('A1').value = '政府性基金预算财政拨款收入支出决算表';
    ws.getRow(2).values = ['科目名称', '本年收入', '本年支出'];
    ws.getRow(3).values = ['栏次', '1', '2'];
    ws.getCell('A4').value = '合计';
    ws.mergeCells('A5:C5');
    ws.getCell('A5').value = '注：1. 本表反映部门(单位)本年度政府性基金预算财政拨款收入、支出情况。';
    ws.mergeCells('A6:C6');
    ws.getCell('A6').value = '2. 当此表数据为空时，即本部门(单位)无政府性基金预算财政拨款收入、支出。';
    const doc = await readBytes(Buffer.from(await wb.xlsx.writeBuffer()), '空表.xlsx');
    const table = doc.blocks.find((b): b is RawTable => b.kind === 'table')!;
    assert.deepEqual(table.rows, [
      ['科目名称', '本年收入', '本年支出'],
      ['栏次', '1', '2'],
      ['合计', '', ''],
    ]);
    const texts = doc.blocks
      .filter((b): b is RawText => b.kind === 'text')
      .map((b) => [b.text, b.location.line]);
    assert.deepEqual(texts, [
      ['政府性基金预算财政拨款收入支出决算表', 1],
      ['注：1. 本表反映部门(单位)本年度政府性基金预算财政拨款收入、支出情况。', 5],
      ['2. 当此表数据为空时，即本部门(单位)无政府性基金预算财政拨款收入、支出。', 6],
    ]);
  });

  it('reads a sheet of one-cell rows (文字说明) as text only, its last paragraph included', async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('文字说明');
    ws.getCell('A1').value = '第五部分 附件';
    ws.getCell('A2').value = '医保基金经办专项经费 项目支出绩效自评表';
    ws.getCell('A5').value = '（见表：项目支出绩效自评表）';
    const doc = await readBytes(Buffer.from(await wb.xlsx.writeBuffer()), '文字.xlsx');
    assert.deepEqual(
      doc.blocks.map((b) => [b.kind, b.location.line]),
      [
        ['text', 1],
        ['text', 2],
        ['text', 5],
      ],
    );
  });
});

describe('number formats', () => {
  it('rounds half away from zero on the decimal form, as Excel shows it', () => {
    assert.equal(roundDecimal(1.005, 2), '1.01');
    assert.equal(roundDecimal(0.125, 2), '0.13');
    assert.equal(roundDecimal(940.49, 2), '940.49');
    assert.equal(roundDecimal(123456789.125, 0), '123456789');
  });

  it('renders decimals, thousands, percent and General', () => {
    assert.equal(formatNumber(6502724.605, '#,##0.00'), '6,502,724.61');
    assert.equal(formatNumber(-3.5, '0.00'), '-3.50');
    assert.equal(formatNumber(0.5, '0%'), '50%');
    assert.equal(formatNumber(12, '#,##0.00"元"'), '12.00');
    assert.equal(formatNumber(0.1 + 0.2, 'General'), '0.3');
    assert.equal(formatNumber(87, undefined), '87');
  });
});

describe('XLSX reader limits', () => {
  it('refuses a sheet of more rows than one table may have before exceljs loads it', async () => {
    const rows = Array.from(
      { length: READ_LIMITS.maxTableRows + 1 },
      (_, i) => `<row r="${i + 1}"><c r="A${i + 1}"><v>${i}</v></c></row>`,
    ).join('');
    const zip = new JSZip();
    zip.file(
      '[Content_Types].xml',
      '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">' +
        '<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/></Types>',
    );
    zip.file('xl/workbook.xml', '<workbook/>');
    zip.file('xl/worksheets/sheet1.xml', `<worksheet><sheetData>${rows}</sheetData></worksheet>`);
    const bytes = await zip.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE' });
    const took = await refusedOverLimit(
      () => readBytes(bytes, 'rows.xlsx'),
      'rows.xlsx',
      'maxTableRows',
      /的工作表部件 xl\/worksheets\/sheet1\.xml 超过 50,000 行上限/,
    );
    assert.ok(took < GUARD_MS, `${took} ms`);
  });
});
