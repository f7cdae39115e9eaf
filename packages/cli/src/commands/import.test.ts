/**
 * juesuan import: documents generated from a package of every profile (jiangxi-2024, shanghai-2024,
 * jiangxi-2020, national, hunan, sichuan's thirteen tables of 2020; XLSX, DOCX, HTML, and two PDFs
 * through LibreOffice) imported back hold every figure their tables print, at the precision
 * printed; the imported package checks with the same table findings as the audit of the file; an office's own
 * Excel (two-row merged header, blank rows between blocks, 元, title and 单位 lines, code and name in
 * separate columns) imports every figure; a file that is no disclosure is refused.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import {
  auditDocument,
  checkPackage,
  type DataPackage,
  type DocumentView,
  type Finding,
  formatAmount,
  type ImportResult,
  importDocuments,
  readCountCell,
  readMoneyCell,
  readPackage,
  type TableView,
  writePackage,
} from '@juesuan/core';
import { generatePackage, SICHUAN_DETAIL } from '@juesuan/core/testing';
import {
  EXAMPLES_DIR,
  loadAuditContext,
  loadCheckContext,
  loadProfile,
  readPackageFile,
} from '@juesuan/data';
import { readBytes } from '@juesuan/readers';
import { convertToPdf, renderDocx, renderHtml, renderXlsx } from '@juesuan/render';
import ExcelJS from 'exceljs';
import { runJuesuan } from '../testing';
import { documentOf } from './report';

const auditContext = loadAuditContext();
const { catalog } = auditContext;
const work = mkdtempSync(join(tmpdir(), 'juesuan-import-'));
after(() => rmSync(work, { recursive: true, force: true }));

type Format = 'xlsx' | 'docx' | 'html' | 'pdf';

interface Case {
  name: string;
  load: () => DataPackage;
  amounts: { unit: '万元' | '元'; decimals: number };
  formats: Format[];
}

const CASES: Case[] = [
  {
    name: '景德镇市医疗保障局 2024 (jiangxi-2024)',
    load: () => {
      const { package: pkg } = readPackageFile(join(EXAMPLES_DIR, 'jingdezhen-2024.json'), { catalog });
      assert.ok(pkg);
      return pkg;
    },
    amounts: { unit: '万元', decimals: 2 },
    formats: ['xlsx', 'docx', 'html', 'pdf'],
  },
  {
    name: '合成的上海部门 2024 (shanghai-2024)',
    load: () => generatePackage({ seed: 8, units: 1, catalog, profile: 'shanghai-2024' }),
    amounts: { unit: '万元', decimals: 2 },
    formats: ['xlsx', 'docx', 'html'],
  },
  {
    name: '合成的江西部门 2020 (jiangxi-2020, 元)',
    load: () => generatePackage({ seed: 4, codes: 30, catalog, year: 2020, profile: 'jiangxi-2020' }),
    amounts: { unit: '元', decimals: 2 },
    formats: ['xlsx', 'docx', 'html'],
  },
  {
    name: '合成的部门 2023 (national, 财政部九张表)',
    load: () => generatePackage({ seed: 10, units: 1, catalog, year: 2023, profile: 'national' }),
    amounts: { unit: '万元', decimals: 2 },
    formats: ['xlsx', 'docx', 'html', 'pdf'],
  },
  {
    name: '合成的湖南部门 2024 (hunan)',
    load: () => generatePackage({ seed: 19, units: 1, catalog, year: 2024, profile: 'hunan' }),
    amounts: { unit: '万元', decimals: 2 },
    formats: ['xlsx', 'docx', 'html'],
  },
  {
    // 表1, 表1-1 … 表6: the year decides the set, and the import names the profile and that year.
    name: '合成的四川部门 2020 (sichuan, 十三张表)',
    load: () =>
      generatePackage({
        seed: 6,
        units: 1,
        catalog,
        year: 2020,
        profile: 'sichuan',
        ...SICHUAN_DETAIL,
      }),
    amounts: { unit: '万元', decimals: 2 },
    formats: ['xlsx', 'docx', 'html'],
  },
];

const documents = new Map<string, { doc: DocumentView; files: Partial<Record<Format, Uint8Array>> }>();

before(async () => {
  for (const c of CASES) {
    const doc = documentOf(c.load());
    const docx = await renderDocx(doc);
    const files: Partial<Record<Format, Uint8Array>> = {
      xlsx: new Uint8Array(await renderXlsx(doc)),
      docx,
      html: new TextEncoder().encode(renderHtml(doc)),
    };
    if (c.formats.includes('pdf')) {
      const path = join(work, 'case.docx');
      writeFileSync(path, docx);
      const [pdf] = await convertToPdf([path], join(work, 'pdf'));
      files.pdf = new Uint8Array(readFileSync(pdf!));
    }
    documents.set(c.name, { doc, files });
  }
});

async function importBytes(
  files: { bytes: Uint8Array; name: string }[],
  profile?: string,
): Promise<ImportResult> {
  const raws = await Promise.all(files.map((f) => readBytes(f.bytes, f.name)));
  return importDocuments(raws, profile ? { ...auditContext, profile } : auditContext);
}

function printedTables(doc: DocumentView): TableView[] {
  return doc.parts.flatMap((p) =>
    p.blocks.flatMap((b) => (b.kind === 'table' && b.table.printed ? [b.table] : [])),
  );
}

/** Every figure the document's tables print: the fact, the 分 (or count) printed and its half step. */
function printedFigures(doc: DocumentView): { fact: string; value: bigint; text: string; table: string }[] {
  const fallback = loadProfile(doc.profile).amounts.unit;
  const figures: { fact: string; value: bigint; text: string; table: string }[] = [];
  for (const view of printedTables(doc)) {
    const unit = view.unit === '万元' || view.unit === '元' ? view.unit : fallback;
    for (const section of view.sections) {
      for (const row of section.rows) {
        for (const cell of Object.values(row.cells)) {
          if (!cell.fact || cell.na) continue;
          const printed = cell.kind === 'count' ? readCountCell(cell.text) : readMoneyCell(cell.text, unit);
          if (printed.kind === 'money')
            figures.push({ fact: cell.fact, value: printed.fen, text: cell.text, table: view.id });
          if (printed.kind === 'count')
            figures.push({ fact: cell.fact, value: printed.value, text: cell.text, table: view.id });
        }
      }
    }
  }
  return figures;
}

/**
 * The findings of the profile's table rules (rules.json) over printed tables, as id and severity. A
 * rule that also reads a table the document does not print (S01, the narrative's figures) is left
 * out: import carries the printed tables only.
 */
function tableFindings(findings: readonly Finding[], profileId: string): string[] {
  const profile = loadProfile(profileId);
  const printed = new Set(profile.tableDefs.filter((d) => d.printed).map((d) => d.id));
  const rules = new Set(
    auditContext
      .rules(profile)
      .rules.filter((r) => r.formula.tables.every((t) => printed.has(t)))
      .map((r) => r.def.id),
  );
  return findings
    .filter((f) => rules.has(f.rule))
    .map((f) => `${f.id} ${f.severity}`)
    .sort();
}

for (const c of CASES) {
  describe(`import of ${c.name}`, () => {
    for (const format of c.formats) {
      it(`the generated ${format.toUpperCase()} imports every printed figure at printed precision`, async () => {
        const { doc, files } = documents.get(c.name)!;
        const result = await importBytes([{ bytes: files[format]!, name: `${doc.department}.${format}` }]);
        assert.ok(result.ok, JSON.stringify(!result.ok && result.refused));
        const { package: pkg, report } = result;
        assert.deepEqual(report.unplaced, []);
        assert.equal(pkg.department.name, doc.department);
        assert.equal(pkg.department.year, doc.year);
        assert.equal(pkg.department.profile, doc.profile);
        assert.deepEqual(pkg.amounts, c.amounts);
        const figures = printedFigures(doc);
        assert.ok(figures.length > 100, `${figures.length} figures printed`);
        for (const f of figures) {
          assert.equal(pkg.facts.get(f.fact), f.value, `${f.table} ${f.fact} 印为 ${f.text}`);
        }
        assert.equal(pkg.facts.size, new Set(figures.map((f) => f.fact)).size);
        // What is written reads back as a valid package with the same facts.
        const reread = readPackage(JSON.stringify(writePackage(pkg)), { catalog });
        assert.deepEqual(reread.issues, []);
        assert.ok(reread.package?.facts.equals(pkg.facts));
      });
    }

    it('the imported package checks with the table findings the audit of the file gives', async () => {
      const { doc, files } = documents.get(c.name)!;
      const raw = await readBytes(files.xlsx!, `${doc.department}.xlsx`);
      const audit = auditDocument(raw, auditContext);
      const result = importDocuments([raw], auditContext);
      assert.ok(result.ok);
      const check = checkPackage(result.package, loadCheckContext(doc.profile, doc.year));
      const audited = tableFindings(audit.findings, doc.profile);
      assert.deepEqual(tableFindings(check.findings, doc.profile), audited);
    });
  });
}

describe('import of several files', () => {
  it('one XLSX per table merges into one package; a figure printed twice with two values is reported', async () => {
    const { doc, files } = documents.get(CASES[0]!.name)!;
    const whole = await importBytes([{ bytes: files.xlsx!, name: 'all.xlsx' }]);
    assert.ok(whole.ok);
    const split = await Promise.all(
      ['T01', 'T02', 'T03', 'T04', 'T05', 'T06', 'T07', 'T08', 'T09', 'T10'].map(async (id) => ({
        bytes: await onlySheet(files.xlsx!, id, doc),
        name: `${id}.xlsx`,
      })),
    );
    const merged = await importBytes(split);
    assert.ok(merged.ok, JSON.stringify(!merged.ok && merged.refused));
    assert.deepEqual(merged.report.unplaced, []);
    assert.equal(merged.package.department.profile, 'jiangxi-2024');
    assert.ok(merged.package.facts.equals(whole.package.facts));

    // 公开04表 prints 一般公共预算财政拨款收入 again: changed there, it conflicts with 公开01表.
    const t04 = await editCell(split[3]!.bytes, '一般公共预算财政拨款', '999.99');
    const conflicting = await importBytes([split[0]!, { bytes: t04, name: 'T04.xlsx' }]);
    assert.ok(conflicting.ok);
    const conflicts = conflicting.report.unplaced.filter((u) => u.reason === 'conflict');
    assert.equal(conflicts.length, 1, JSON.stringify(conflicting.report.unplaced));
    assert.match(conflicts[0]!.message, /999\.99.*同一事实（income source=gpb）两处数字不同/);
    assert.equal(
      conflicting.package.facts.get('income source=gpb'),
      whole.package.facts.get('income source=gpb'),
    );
  });
});

describe('an office’s own Excel', () => {
  it('with a two-row merged header, blank rows between blocks and amounts in 元 imports every figure', async () => {
    const { doc } = documents.get(CASES[0]!.name)!;
    const tables = printedTables(doc).filter((t) => t.id === 'T02' || t.id === 'T03');
    const bytes = await officeWorkbook(tables, doc.department);
    const path = join(work, 'office.xlsx');
    writeFileSync(path, bytes);
    // Two tables alone fit several regions' profiles alike: the report says so and names the choice.
    const auto = await importBytes([{ bytes, name: 'office.xlsx' }]);
    assert.ok(auto.ok);
    assert.match(auto.report.notes[0]!, /同样符合口径.*jiangxi-2024.*请用 --profile 指定口径/);
    const result = await importBytes([{ bytes, name: 'office.xlsx' }], 'jiangxi-2024');
    assert.ok(result.ok, JSON.stringify(!result.ok && result.refused));
    assert.deepEqual(result.report.unplaced, []);
    assert.deepEqual(result.package.amounts, { unit: '元', decimals: 2 });
    assert.equal(result.package.department.name, doc.department);
    assert.equal(result.package.department.year, 2024);
    assert.equal(result.package.department.profile, 'jiangxi-2024');
    const figures = printedFigures({
      ...doc,
      parts: [
        { id: 'tables', heading: '', blocks: tables.map((table) => ({ kind: 'table' as const, table })) },
      ],
    });
    for (const f of figures) assert.equal(result.package.facts.get(f.fact), f.value, `${f.table} ${f.fact}`);
    assert.equal(result.report.placed.length, figures.length);

    const cli = runJuesuan('import', path, '--profile', 'jiangxi-2024', '-o', join(work, 'office.json'));
    assert.equal(cli.code, 0, cli.stderr);
    assert.match(cli.stderr, /表上每个数字都已导入/);
    const validate = runJuesuan('package', 'validate', join(work, 'office.json'));
    assert.equal(validate.code, 0, validate.stdout + validate.stderr);
  });
});

describe('a real published PDF', () => {
  it('the 上海 2024 template (as published, every figure blank) imports all nine tables with nothing left unplaced', async () => {
    const pdf = new URL('../../../readers/src/testing/shanghai-2024-template.pdf', import.meta.url);
    const result = await importBytes([{ bytes: readFileSync(pdf), name: 'shanghai-2024-template.pdf' }]);
    assert.ok(result.ok, JSON.stringify(result));
    assert.equal(result.report.profile, 'shanghai-2024');
    assert.equal(result.report.year, 2024);
    assert.deepEqual(result.report.files.flatMap((f) => f.tables).sort(), [
      'T01',
      'T02',
      'T03',
      'T04',
      'T05',
      'T06',
      'T07',
      'T08',
      'T09',
    ]);
    // Its empty 表八 and 表九 print 「合计」 merged across the figure columns: the label, not a figure.
    assert.deepEqual(result.report.unplaced, []);
    assert.equal(result.report.placed.length, 0);
  });
});

describe('figures without a place', () => {
  it('a 科目 unknown for the year and a row the table does not have are reported with their row, exit 1', async () => {
    const { doc } = documents.get(CASES[0]!.name)!;
    const tables = printedTables(doc).filter((t) => t.id === 'T03');
    const path = join(work, 'office-extra.xlsx');
    const bytes = await officeWorkbook(tables, doc.department, {
      T03: [
        ['2101588', '不存在的科目', 1234.56, 1234.56, 0, 0, 0, 0],
        ['', '其中：另列的项目', 88.8, 0, 88.8, 0, 0, 0],
      ],
    });
    writeFileSync(path, bytes);
    const result = await importBytes([{ bytes, name: 'office-extra.xlsx' }], 'jiangxi-2024');
    assert.ok(result.ok);
    const unplaced = result.report.unplaced.map(
      (u) => `${u.reason} ${u.location.sheet} ${u.location.line} ${u.text}`,
    );
    assert.deepEqual(unplaced, [
      ...['1234.56', '1234.56', '0', '0', '0', '0'].map((text) => `unknown-code 支出决算表 29 ${text}`),
      'unknown-row 支出决算表 30 其中：另列的项目 88.8 0 88.8 0 0 0',
    ]);
    assert.match(result.report.unplaced[0]!.message, /科目代码 2101588 不在 2024 年的政府收支分类科目中/);
    assert.equal(result.package.facts.get('expense func=2101588'), undefined);
    const cli = runJuesuan(
      'import',
      path,
      '--profile',
      'jiangxi-2024',
      '-o',
      join(work, 'office-extra.json'),
    );
    assert.equal(cli.code, 1, cli.stderr);
    assert.match(cli.stderr, /未导入 7 处[\s\S]*工作表“支出决算表” 第 30 行/);
  });
});

describe('juesuan import (command)', () => {
  it('writes a package that validates and checks like the audit of the file', async () => {
    const { doc, files } = documents.get(CASES[2]!.name)!;
    const file = join(work, 'jiangxi-2020.xlsx');
    writeFileSync(file, files.xlsx!);
    const out = join(work, 'jiangxi-2020.json');
    const run = runJuesuan('import', file, '-o', out, '--format', 'json');
    assert.equal(run.code, 0, run.stderr);
    const { report } = JSON.parse(run.stdout);
    assert.equal(report.profile, 'jiangxi-2020');
    assert.deepEqual(report.unplaced, []);
    assert.equal(runJuesuan('package', 'validate', out).code, 0);
    const checked = JSON.parse(runJuesuan('check', out, '--format', 'json').stdout);
    const audited = JSON.parse(runJuesuan('audit', file, '--format', 'json').stdout);
    assert.deepEqual(
      tableFindings(checked.findings, doc.profile),
      tableFindings(audited.documents[0].findings, doc.profile),
    );
  });

  it('refuses a file that is no disclosure with a Chinese message and exit 2', () => {
    const file = join(work, 'notice.html');
    writeFileSync(
      file,
      '<html><body><h1>关于召开年度工作会议的通知</h1><p>各科室：定于下周一上午九时在三楼会议室召开年度工作会议。</p><table><tr><td>时间</td><td>地点</td></tr><tr><td>周一</td><td>三楼</td></tr></table></body></html>',
    );
    const run = runJuesuan('import', file);
    assert.equal(run.code, 2);
    assert.equal(run.stdout, '');
    assert.match(run.stderr, /无法导入 「.*notice\.html」中没有识别出部门决算公开表/);
  });

  it('refuses a budget as not a 决算 and a notice as holding no table, each with its reason code', async () => {
    const html = (body: string) => new TextEncoder().encode(`<html><body>${body}</body></html>`);
    const budget = await importBytes([
      {
        bytes: html(
          '<h1>某某市民政局2025年部门预算</h1><p>第一部分 2025年度部门预算说明</p><p>第二部分 2025年度部门预算表</p><table><tr><td>收支预算总表</td></tr><tr><td>项目</td><td>预算数</td></tr><tr><td>一般公共预算拨款收入</td><td>100.00</td></tr></table>',
        ),
        name: 'budget.html',
      },
    ]);
    assert.ok(!budget.ok);
    assert.deepEqual(
      budget.refused.map((r) => r.reason),
      ['not-a-final-account'],
    );
    assert.match(budget.refused[0]!.message, /「budget\.html」是部门预算，不是部门决算/);
    const notice = await importBytes([
      {
        bytes: html('<h1>关于召开年度工作会议的通知</h1><p>各科室：定于下周一召开会议。</p>'),
        name: 'notice.html',
      },
    ]);
    assert.ok(!notice.ok);
    assert.deepEqual(
      notice.refused.map((r) => r.reason),
      ['no-tables'],
    );
  });
});

/** The workbook with only the sheet of one table (as a department exports one file per table). */
async function onlySheet(bytes: Uint8Array, table: string, doc: DocumentView): Promise<Uint8Array> {
  const number = printedTables(doc).find((t) => t.id === table)!.number;
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(Buffer.from(bytes) as unknown as ExcelJS.Buffer);
  for (const sheet of [...workbook.worksheets]) {
    if (!sheet.name.startsWith(number)) workbook.removeWorksheet(sheet.id);
  }
  return new Uint8Array(await workbook.xlsx.writeBuffer());
}

/** Sets the first figure right of the first cell that names `label`. */
async function editCell(bytes: Uint8Array, label: string, to: string): Promise<Uint8Array> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(Buffer.from(bytes) as unknown as ExcelJS.Buffer);
  let done = false;
  workbook.eachSheet((sheet) =>
    sheet.eachRow((row) => {
      const values = row.values as unknown[];
      const at = values.findIndex((v) => typeof v === 'string' && v.includes(label));
      const figure = values.findIndex((v, i) => i > at && typeof v === 'number');
      if (done || at < 0 || figure < 0) return;
      row.getCell(figure).value = Number(to);
      done = true;
    }),
  );
  assert.ok(done, `没有找到「${label}」`);
  return new Uint8Array(await workbook.xlsx.writeBuffer());
}

/**
 * A workbook as an office lays its tables out by hand: a merged title row, the 表号, a 单位：元
 * line with the year, a header over two rows (项目 merged over 科目编码 and 科目名称, each amount column merged
 * down), code and name in separate columns, a blank row before every 类, amounts in 元 as numbers.
 */
async function officeWorkbook(
  tables: readonly TableView[],
  department: string,
  extraRows: Record<string, (string | number)[][]> = {},
): Promise<Uint8Array> {
  const workbook = new ExcelJS.Workbook();
  for (const view of tables) {
    const sheet = workbook.addWorksheet(view.title);
    const section = view.sections[0]!;
    const width = 2 + section.columns.length;
    sheet.addRow([view.title]);
    sheet.mergeCells(1, 1, 1, width);
    sheet.addRow([view.number]);
    sheet.addRow([`编制单位：${department}`, '', '2024年度', '单位：元']);
    sheet.addRow(['项目', '', ...section.columns.map((c) => c.label)]);
    sheet.addRow(['科目编码', '科目名称']);
    sheet.mergeCells(4, 1, 4, 2);
    for (let i = 0; i < section.columns.length; i++) sheet.mergeCells(4, 3 + i, 5, 3 + i);
    for (const [i, row] of section.rows.entries()) {
      if (i > 0 && row.level === '类') sheet.addRow([]);
      const values = section.columns.map((c) => {
        const cell = row.cells[c.key];
        return cell?.value === undefined
          ? null
          : Number(formatAmount(cell.value, '元', { decimals: 2, grouping: false }));
      });
      const added = sheet.addRow([row.code ?? '', row.code ? row.label : row.label || '合计', ...values]);
      for (let k = 3; k <= width; k++) added.getCell(k).numFmt = '#,##0.00';
    }
    for (const extra of extraRows[view.id] ?? []) sheet.addRow(extra);
  }
  return new Uint8Array(await workbook.xlsx.writeBuffer());
}
