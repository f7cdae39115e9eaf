/**
 * Round trip (issue 7 item 5): every document juesuan generates — DOCX, PDF (LibreOffice from the
 * DOCX), XLSX and HTML — read back and audited has no error and no warning (but for the defects the
 * package check finds in its 项目支出绩效自评表, found again exactly, and the 【请填写…】 of texts the
 * package lacks, each found as left in), every printed table
 * recognised and the narrative's figures read as from the HTML; and a fault injected into the
 * generated file itself (one table cell, one figure of a narrative sentence, one percentage) is
 * found at its place. The faults are edits of the real files: word/document.xml inside the DOCX zip
 * (and the PDF converted from that DOCX), the cells of the XLSX through exceljs, the HTML text.
 * Eight departments: the Jingdezhen and two-unit samples (jiangxi-2024), a synthetic jiangxi-2020
 * one (tables in 元), a synthetic shanghai-2024 one, and synthetic national (财政部's nine tables)
 * and hunan ones, and two synthetic sichuan ones (fourteen tables, and the thirteen of 2019–2020).
 * LibreOffice runs twice, side by side (the clean DOCX files, the faulty ones); the audits run in
 * process as `juesuan audit` runs them, and once through the command itself.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import {
  type AuditResult,
  auditDocument,
  cellPlaces,
  checkPerformance,
  type DataPackage,
  type DocumentView,
  type Finding,
  mainCell,
  readingPlace,
  sentenceOf,
  type TableView,
  textPlaceOf,
  visibleInPrint,
} from '@juesuan/core';
import { generatePackage, SICHUAN_DETAIL } from '@juesuan/core/testing';
import {
  EXAMPLES_DIR,
  loadAuditContext,
  loadPerformanceProfile,
  loadProfileForYear,
  readPackageFile,
} from '@juesuan/data';
import { readBytes } from '@juesuan/readers';
import { convertToPdf, renderDocx, renderHtml, renderXlsx } from '@juesuan/render';
import ExcelJS from 'exceljs';
import JSZip from 'jszip';
import { documentOf } from './commands/report';
import { runJuesuan } from './testing';

const auditContext = loadAuditContext();
const { catalog } = auditContext;

type Format = 'docx' | 'pdf' | 'xlsx' | 'html';
const FORMATS: readonly Format[] = ['docx', 'pdf', 'xlsx', 'html'];

/** A table cell to change: the row by its code, the column by its key in the profile. */
interface CellFault {
  table: string;
  code: string;
  column: string;
  to: string;
}
/** A figure of a narrative sentence to change: the text just before it pins it down. */
interface TextFault {
  before: string;
  from: string;
  to: string;
}
interface Faults {
  cell: CellFault;
  figure: TextFault;
  percent: TextFault;
}

interface Case {
  name: string;
  /** The package: a sample of examples/ or a synthetic one. */
  load: () => DataPackage;
  faults: Faults;
  /** Where the narrative faults are: the sections of the profile's 情况说明, the table of 本年收入合计. */
  sections: { figure: string; percent: string };
  incomeTotal: RegExp;
}

const CASES: Case[] = [
  {
    name: '景德镇市医疗保障局 2024 (jiangxi-2024)',
    load: () => samplePackage('jingdezhen-2024.json'),
    faults: {
      cell: { table: 'T03', code: '2101501', column: 'basic', to: '443.25' },
      figure: { before: '本年收入合计', from: '940.50', to: '950.50' },
      percent: { before: '基本支出685.21万元，占', from: '72.86%', to: '73.86%' },
    },
    sections: { figure: '一、收入决算情况说明', percent: '二、支出决算情况说明' },
    incomeTotal: /公开01表第27行「本年收入合计」/,
  },
  {
    name: '两个单位的示例部门 2024 (jiangxi-2024, 汇总)',
    load: () => samplePackage('two-unit-2024.json'),
    faults: {
      cell: { table: 'T03', code: '2101501', column: 'basic', to: '300.00' },
      figure: { before: '本年收入合计', from: '662.37', to: '672.37' },
      percent: { before: '基本支出557.07万元，占', from: '83.95%', to: '84.95%' },
    },
    sections: { figure: '一、收入决算情况说明', percent: '二、支出决算情况说明' },
    incomeTotal: /公开01表第27行「本年收入合计」/,
  },
  {
    // Jiangxi 2020: tables in 元, the narrative in 万元 (a synthetic department, seed 4, 30 项).
    name: '合成的江西部门 2020 (jiangxi-2020, 元)',
    load: () => generatePackage({ seed: 4, codes: 30, catalog, year: 2020, profile: 'jiangxi-2020' }),
    faults: {
      cell: { table: 'T03', code: '2010601', column: 'basic', to: '3,376,007.98' },
      figure: { before: '本年收入合计', from: '5972.16', to: '5982.16' },
      percent: { before: '基本支出2553.80万元，占', from: '42.53%', to: '43.53%' },
    },
    sections: { figure: '一、收入决算情况说明', percent: '二、支出决算情况说明' },
    incomeTotal: /公开01表第27行「本年收入合计」/,
  },
  {
    // No Shanghai sample exists: a synthetic department (seed 8, one unit) in Shanghai's nine tables;
    // its 情况说明 has a placeholder right before a numbered heading, a PDF line layout to keep apart.
    name: '合成的上海部门 2024 (shanghai-2024)',
    load: () => generatePackage({ seed: 8, units: 1, catalog, profile: 'shanghai-2024' }),
    faults: {
      cell: { table: 'T03', code: '2101501', column: 'basic', to: '590.07' },
      figure: { before: '本年收入合计', from: '1650.17', to: '1660.17' },
      percent: { before: '基本支出1537.82万元，占', from: '92.45%', to: '93.45%' },
    },
    sections: { figure: '二、收入决算情况说明', percent: '三、支出决算情况说明' },
    incomeTotal: /表一「本年收入合计」/,
  },
  {
    // 财政部's nine tables (表1–表9, 三公 as 表7 in one row of 预算数/决算数): a synthetic department
    // (seed 10, one unit, 三公 within budget) at the profile's reference year.
    name: '合成的部门 2023 (national, 财政部九张表)',
    load: () => generatePackage({ seed: 10, units: 1, catalog, year: 2023, profile: 'national' }),
    faults: {
      cell: { table: 'T03', code: '2080901', column: 'basic', to: '644.62' },
      figure: { before: '本年收入合计', from: '835.29', to: '845.29' },
      percent: { before: '基本支出743.54万元，占', from: '89.24%', to: '90.24%' },
    },
    sections: { figure: '二、收入决算情况说明', percent: '三、支出决算情况说明' },
    incomeTotal: /表1第27行「本年收入合计」/,
  },
  {
    // Hunan's nine tables (表一–表九, 三公 last) and its thirteen-item 情况说明 (seed 19, one unit).
    name: '合成的湖南部门 2024 (hunan)',
    load: () => generatePackage({ seed: 19, units: 1, catalog, year: 2024, profile: 'hunan' }),
    faults: {
      cell: { table: 'T03', code: '2080901', column: 'basic', to: '149.56' },
      figure: { before: '本年收入合计', from: '1132.99', to: '1142.99' },
      percent: { before: '基本支出847.41万元，占', from: '73.80%', to: '74.80%' },
    },
    sections: { figure: '二、收入决算情况说明', percent: '三、支出决算情况说明' },
    incomeTotal: /表一第27行「本年收入合计」/,
  },
  {
    // Sichuan's fourteen tables (表一–表十四) with its detail: 项目支出 by economic 款 and a
    // 政府性基金 part of 三公 (seed 2, one unit, both non-empty).
    name: '合成的四川部门 2023 (sichuan, 十四张表)',
    load: () =>
      generatePackage({
        seed: 2,
        units: 1,
        catalog,
        year: 2023,
        profile: 'sichuan',
        ...SICHUAN_DETAIL,
      }),
    faults: {
      cell: { table: 'T03', code: '2101501', column: 'basic', to: '409.61' },
      figure: { before: '本年收入合计', from: '1607.18', to: '1617.18' },
      percent: { before: '基本支出1323.40万元，占', from: '82.59%', to: '83.59%' },
    },
    sections: { figure: '二、收入决算情况说明', percent: '三、支出决算情况说明' },
    incomeTotal: /表一第27行「本年收入合计」/,
  },
  {
    // Sichuan's thirteen tables of 2019–2020 (表1, 表1-1 … 表6: no 国有资本经营 收入支出 table, 表6
    // titled 国有资本经营预算支出决算表), the same detail (seed 6, one unit).
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
    faults: {
      cell: { table: 'T03', code: '2080901', column: 'basic', to: '119.03' },
      figure: { before: '本年收入合计', from: '1470.74', to: '1480.74' },
      percent: { before: '基本支出593.91万元，占', from: '39.83%', to: '40.83%' },
    },
    sections: { figure: '二、收入决算情况说明', percent: '三、支出决算情况说明' },
    incomeTotal: /表1第27行「本年收入合计」/,
  },
];

interface Generated {
  doc: DocumentView;
  clean: Record<Format, Uint8Array>;
  faulty: Record<Format, Uint8Array>;
}

const work = mkdtempSync(join(tmpdir(), 'juesuan-round-trip-'));
const generated = new Map<string, Generated>();
const audits = new Map<string, AuditResult>();

function samplePackage(file: string): DataPackage {
  const { package: pkg, issues } = readPackageFile(join(EXAMPLES_DIR, file), { catalog });
  assert.ok(pkg, `样例数据包 ${file} 无法读取：${JSON.stringify(issues)}`);
  return pkg;
}

async function audit(bytes: Uint8Array, name: string): Promise<AuditResult> {
  const raw = await readBytes(bytes, name);
  return auditDocument(raw, auditContext);
}

before(async () => {
  const docxFiles = { clean: [] as string[], faulty: [] as string[] };
  const partial: {
    key: string;
    doc: DocumentView;
    clean: Partial<Record<Format, Uint8Array>>;
    faulty: Partial<Record<Format, Uint8Array>>;
  }[] = [];
  for (const [i, c] of CASES.entries()) {
    const doc = documentOf(c.load());
    const docx = await renderDocx(doc);
    const xlsx = new Uint8Array(await renderXlsx(doc));
    const html = new TextEncoder().encode(renderHtml(doc));
    const faultyDocx = await injectDocx(docx, doc, c.faults);
    const clean = { docx, xlsx, html };
    const faulty = {
      docx: faultyDocx,
      xlsx: await injectXlsx(xlsx, doc, c.faults),
      html: new TextEncoder().encode(injectHtml(renderHtml(doc), doc, c.faults)),
    };
    for (const [kind, bytes] of [
      ['clean', docx],
      ['faulty', faultyDocx],
    ] as const) {
      const path = join(work, `case${i}-${kind}.docx`);
      writeFileSync(path, bytes);
      docxFiles[kind].push(path);
    }
    partial.push({ key: c.name, doc, clean, faulty });
  }
  // Two LibreOffice runs side by side, one for the clean DOCX files and one for the faulty ones.
  const [cleanPdfs, faultyPdfs] = await Promise.all([
    convertToPdf(docxFiles.clean, join(work, 'pdf-clean')),
    convertToPdf(docxFiles.faulty, join(work, 'pdf-faulty')),
  ]);
  assert.equal(cleanPdfs.length, CASES.length);
  assert.equal(faultyPdfs.length, CASES.length);
  const pdf = (path: string) => new Uint8Array(readFileSync(path));
  for (const [i, p] of partial.entries()) {
    generated.set(p.key, {
      doc: p.doc,
      clean: { ...p.clean, pdf: pdf(cleanPdfs[i]!) } as Record<Format, Uint8Array>,
      faulty: { ...p.faulty, pdf: pdf(faultyPdfs[i]!) } as Record<Format, Uint8Array>,
    });
  }
});

after(() => (process.env.KEEP_ROUND_TRIP ? undefined : rmSync(work, { recursive: true, force: true })));

async function audited(c: Case, format: Format, kind: 'clean' | 'faulty'): Promise<AuditResult> {
  const key = `${c.name}|${format}|${kind}`;
  const cached = audits.get(key);
  if (cached) return cached;
  const g = generated.get(c.name)!;
  const result = await audit(g[kind][format], `${g.doc.department}${g.doc.year}-${kind}.${format}`);
  audits.set(key, result);
  return result;
}

/** id severity found→expected: a performance finding as the audit and the package check both give it. */
const brief = (f: Finding) => `${f.id} ${f.severity} ${f.found?.text ?? ''}→${f.expected?.text ?? ''}`;

/** Where in the file a finding was read: page, sheet, line and section. */
const readAt = (f: Finding): { page?: number; line?: number; sheet?: string; section?: string } => ({
  ...textPlaceOf(f),
  ...readingPlace(f),
});

/**
 * The package's own performance findings that a printed document can show, as `brief`s. What the
 * published 预算绩效情况说明 stated (`summary`, the whole-department grade it gave) is left out:
 * juesuan writes that section itself, from the scored tables.
 */
function packagePerformanceFindings(pkg: DataPackage): Finding[] {
  const profile = loadPerformanceProfile(pkg.department.profile);
  if (!profile || !pkg.performance) return [];
  const { summary: _stated, wholeDepartment, ...tables } = pkg.performance;
  const performance = wholeDepartment
    ? { ...tables, wholeDepartment: { ...wholeDepartment, published: undefined } }
    : tables;
  return checkPerformance({ ...pkg, performance }, profile).filter((f) => visibleInPrint(f.id));
}

/** The placeholders the document prints for texts the package lacks (【请填写主要原因】), each once. */
function placeholdersOf(doc: DocumentView): string[] {
  const runs = doc.parts.flatMap((p) => p.blocks).flatMap((b) => (b.kind === 'paragraph' ? b.runs : []));
  return [...new Set(runs.filter((r) => r.kind === 'placeholder').map((r) => r.text))];
}

function partition<T>(items: readonly T[], test: (item: T) => boolean): [T[], T[]] {
  return [items.filter(test), items.filter((item) => !test(item))];
}

const show = (findings: readonly Finding[]) => findings.map((f) => `[${f.rule}] ${f.message}`).join('\n');

for (const c of CASES) {
  describe(`round trip of ${c.name}`, () => {
    for (const format of FORMATS) {
      it(`the generated ${format.toUpperCase()} audits clean with every printed table recognised`, async () => {
        const { doc } = generated.get(c.name)!;
        const result = await audited(c, format, 'clean');
        const profile = loadProfileForYear(doc.profile, doc.year);
        assert.equal(result.profile.id, doc.profile);
        assert.equal(result.year, doc.year);
        const printed = profile.tableDefs.filter((d) => d.printed).map((d) => d.id);
        assert.deepEqual(
          result.tables.map((t) => t.id),
          printed,
        );
        assert.deepEqual(result.missingTables, []);
        assert.deepEqual(result.unknownTables, []);
        for (const t of result.tables) assert.deepEqual(t.unmatchedRows, [], `${t.id} 有对应不到的行`);
        // The 附件 prints the 项目支出绩效自评表 as the package holds them, published scores and
        // all: the audit must find in them exactly what the rules find in the package, no more.
        const [scored, rest] = partition(result.findings, (f) => /^P-[RS]/.test(f.rule));
        assert.deepEqual(scored.map(brief).sort(), packagePerformanceFindings(c.load()).map(brief).sort());
        // What the package lacks is printed as 【请填写…】: the audit finds each of those left in (I-06)
        // and no other instruction.
        const [unwritten, others] = partition(rest, (f) => f.rule === 'I-06');
        const placeholders = placeholdersOf(doc);
        const notPlaceholders = unwritten.filter(
          (f) =>
            placeholders.reduce((t, p) => t.replaceAll(p, ''), f.found?.text ?? '').replace(/、/g, '') !== '',
        );
        assert.deepEqual(notPlaceholders, [], show(notPlaceholders));
        assert.deepEqual(
          placeholders.filter((p) => !unwritten.some((f) => f.found?.text.includes(p))),
          [],
        );
        const serious = others.filter((f) => f.severity !== 'info');
        assert.deepEqual(serious, [], show(serious));
        // What is left are 尾数误差 of rounded printed figures, never anything else.
        assert.ok(
          others.every((f) => f.rounding),
          show(others.filter((f) => !f.rounding)),
        );
        assert.equal(result.summary.claims.mismatch, 0);
        assert.equal(result.summary.claims.format, 0);
        assert.ok(result.summary.claims.ok > 50, `情况说明核对通过 ${result.summary.claims.ok} 处`);
        // Every format gives the narrative's figures as the HTML does: none lost, none made up.
        const key = (claim: AuditResult['claims'][number]) =>
          `${claim.item} ${claim.kind} ${claim.attribute} ${claim.figure?.text ?? ''}`;
        const html = await audited(c, 'html', 'clean');
        assert.deepEqual(result.claims.map(key), html.claims.map(key));
        // The 项目支出绩效自评表 of the 附件 are found as such, one grid each.
        const grids = doc.parts.flatMap((p) => p.blocks).filter((b) => b.kind === 'grid');
        assert.equal(result.performanceTables.length, grids.length);
      });

      it(`finds the faults injected into the generated ${format.toUpperCase()} at their places`, async () => {
        const { doc } = generated.get(c.name)!;
        const result = await audited(c, format, 'faulty');
        const { cell, figure, percent } = c.faults;
        const view = tableOf(doc, cell.table);
        const row = rowOf(view, cell.code);
        const column = columnOf(view, cell.column);
        const original = row.cells[cell.column]!.text;
        const errors = result.findings.filter((f) => f.severity === 'error');
        const [totalKey, ...partKeys] = columnKeys(view);

        // (a) the table cell: its row no longer adds up across (the row's total stands, its parts
        // moved), and its column no longer adds up to the parent 科目 (the parent's 基本支出).
        const across = errors.find(
          (f) =>
            mainCell(f)?.table === cell.table &&
            mainCell(f)?.row?.code === cell.code &&
            f.rule === `${cell.table}-01`,
        );
        assert.ok(across, `${cell.table} ${cell.code} 行内核对未报错：\n${show(errors)}`);
        assert.equal(mainCell(across)?.tableNumber, view.number);
        assert.equal(mainCell(across)?.row?.label, row.label);
        const changed = cellPlaces(across).find(
          (x) => x.table === cell.table && x.row?.code === cell.code && x.column?.key === cell.column,
        );
        assert.ok(changed, '行内核对的单元格中没有被改的那一格');
        assert.equal(changed.column?.label, column.label);
        // Printed figures in hundredths of the table's unit; the engine's values are 分.
        const unit = view.unit;
        const fenPer = unit === '万元' ? 10_000n : 1n;
        assert.equal(changed.value?.value, String(hundredths(cell.to) * fenPer));
        // Expected is what the printed parts add up to once the cell is changed.
        const delta = hundredths(cell.to) - hundredths(original);
        assert.equal(across.found?.text, `${row.cells[totalKey!]!.text}${unit}`);
        const parts = partKeys.reduce((s, k) => s + hundredths(row.cells[k]!.text), 0n);
        assert.equal(across.expected?.text, `${money(parts + delta)}${unit}`, across.message);
        const parentCode = cell.code.slice(0, 5);
        const parent = rowOf(view, parentCode);
        const down = errors.find(
          (f) =>
            mainCell(f)?.table === cell.table &&
            mainCell(f)?.row?.code === parentCode &&
            mainCell(f)?.column?.label === column.label,
        );
        assert.ok(down, `${cell.table} ${parentCode} ${column.label} 上下级核对未报错：\n${show(errors)}`);
        assert.equal(down.rule, `${cell.table}-02`);
        assert.equal(down.found?.text, `${parent.cells[cell.column]!.text}${unit}`);
        const children = view.sections
          .flatMap((sec) => sec.rows)
          .filter((r) => r.code?.length === cell.code.length && r.code.startsWith(parentCode));
        const sum = children.reduce((s, r) => s + hundredths(r.cells[cell.column]!.text), 0n);
        assert.equal(down.expected?.text, `${money(sum + delta)}${unit}`, down.message);
        assert.ok(cellPlaces(down).some((x) => x.row?.code === cell.code && x.column?.key === cell.column));

        // (b) the narrative figure: a claim finding on that very sentence.
        const stated = errors.find(
          (f) => f.category === 'narrative' && plain(f.found?.text)?.startsWith(figure.to),
        );
        assert.ok(stated, `情况说明中的 ${figure.to} 未报错：\n${show(errors)}`);
        assert.equal(stated.rule, 'N-01');
        assert.ok(squash(sentenceOf(stated) ?? '').includes(figure.before + figure.to), sentenceOf(stated));
        assert.equal(readAt(stated).section, c.sections.figure);
        assert.equal(plain(stated.found?.text), `${figure.to}万元`);
        assert.equal(plain(stated.expected?.text), `${figure.from}万元`);
        assert.match(stated.message, c.incomeTotal);

        // (c) the percentage: a finding on its sentence, expecting the figure the tables give.
        const share = errors.find((f) => f.category === 'narrative' && f.found?.text.startsWith(percent.to));
        assert.ok(share, `情况说明中的 ${percent.to} 未报错：\n${show(errors)}`);
        assert.equal(share.rule, 'N-03');
        assert.ok(squash(sentenceOf(share) ?? '').includes(percent.before + percent.to), sentenceOf(share));
        assert.equal(readAt(share).section, c.sections.percent);
        assert.equal(share.found?.text, percent.to);
        assert.equal(share.expected?.text, percent.from);

        // Each place also says where in the file it is: the page of a PDF, the sheet and row of an
        // XLSX, the paragraph of a DOCX or HTML.
        for (const f of [across, down, stated, share]) {
          if (format === 'pdf') assert.ok((readAt(f).page ?? 0) > 0, f.message);
          else assert.ok((readAt(f).line ?? 0) > 0, f.message);
        }
        if (format === 'xlsx') {
          assert.equal(readAt(across).sheet, `${view.number} ${view.title}`);
          assert.equal(readAt(stated).sheet, '文字说明');
          assert.equal(readAt(share).sheet, '文字说明');
        }

        // Nothing else is wrong: every error is at one of the three places (a changed figure may
        // also break the rate its sentence states: 本年收入合计…较2019年减少481.39万元，下降7.46%).
        const sentences = [sentenceOf(stated), sentenceOf(share)];
        const stray = errors.filter(
          (f) =>
            !sentences.includes(sentenceOf(f)) &&
            !(
              mainCell(f)?.table === cell.table &&
              [cell.code, parentCode, parentCode.slice(0, 3)].includes(mainCell(f)?.row?.code ?? '')
            ),
        );
        assert.deepEqual(stray, [], show(stray));
      });
    }
  });
}

describe('juesuan audit on the generated files', () => {
  it('reads the four formats of the Jingdezhen document and exits 0, warning only of what the package check finds in its 绩效自评表', async () => {
    const c = CASES[0]!;
    const g = generated.get(c.name)!;
    const files = FORMATS.map((format) => {
      const path = join(work, `cli-${format}.${format}`);
      writeFileSync(path, g.clean[format]);
      return path;
    });
    const run = runJuesuan('audit', ...files, '--format', 'json');
    assert.equal(run.code, 0, run.stderr);
    const json = JSON.parse(run.stdout) as {
      documents: { file: string; profile: string; summary: { counts: Record<string, number> } }[];
      failures: unknown[];
    };
    assert.deepEqual(json.failures, []);
    const expected = packagePerformanceFindings(c.load());
    const count = (severity: string) => expected.filter((f) => f.severity === severity).length;
    assert.equal(count('error'), 0);
    assert.ok(count('warning') > 0, '样例发布的自评得分有须再次发现的问题');
    assert.deepEqual(
      json.documents.map((d) => [d.file, d.profile, d.summary.counts.error, d.summary.counts.warning]),
      files.map((file) => [file, 'jiangxi-2024', 0, count('warning')]),
    );
  });
});

// ---- the document's own figures ------------------------------------------------------------

function tableOf(doc: DocumentView, id: string): TableView {
  for (const part of doc.parts)
    for (const block of part.blocks) if (block.kind === 'table' && block.table.id === id) return block.table;
  throw new Error(`文档中没有 ${id}`);
}

function columnKeys(view: TableView): string[] {
  return view.sections[0]!.columns.map((c) => c.key);
}

function columnOf(view: TableView, key: string) {
  const column = view.sections[0]!.columns.find((c) => c.key === key);
  if (!column) throw new Error(`${view.id} 没有 ${key} 栏`);
  return column;
}

function rowOf(view: TableView, code: string) {
  for (const section of view.sections) {
    const row = section.rows.find((r) => r.code === code);
    if (row) return row;
  }
  throw new Error(`${view.id} 没有 ${code} 行`);
}

/** A printed figure (2 decimals, non-negative) in hundredths of its unit. */
function hundredths(text: string): bigint {
  const [int = '0', frac = ''] = text.replaceAll(',', '').split('.');
  return BigInt(int) * 100n + BigInt(frac.padEnd(2, '0'));
}

/** Hundredths printed as the tables print them: thousands separators, 2 decimals. */
function money(value: bigint): string {
  const int = (value / 100n).toString();
  return `${int.replace(/\B(?=(\d{3})+(?!\d))/g, ',')}.${(value % 100n).toString().padStart(2, '0')}`;
}

const squash = (text: string) => text.replace(/\s+/g, '');
/** A figure as the narrative prints it (no thousands separators). */
const plain = (text: string | undefined) => text?.replaceAll(',', '');

/** The cell fault as a text edit: the printed figure, which occurrence of it in the row. */
function cellEdit(doc: DocumentView, fault: CellFault) {
  const view = tableOf(doc, fault.table);
  const row = rowOf(view, fault.code);
  const keys = columnKeys(view);
  const from = row.cells[fault.column]!.text;
  const occurrence = keys
    .slice(0, keys.indexOf(fault.column))
    .filter((k) => row.cells[k]?.text === from).length;
  return { number: view.number, code: fault.code, from, to: fault.to, occurrence };
}

// ---- editing text split over nodes -----------------------------------------------------------

/**
 * Replaces `fault.from` where it follows `fault.before` in the text that `texts` make up together
 * (a paragraph's runs), editing the nodes the figure spans; false when the paragraph lacks it.
 */
function editSpan(texts: string[], fault: TextFault): boolean {
  const joined = texts.join('');
  const at = joined.indexOf(fault.before + fault.from);
  if (at < 0) return false;
  const start = at + fault.before.length;
  const end = start + fault.from.length;
  let offset = 0;
  let placed = false;
  for (let i = 0; i < texts.length; i++) {
    const text = texts[i]!;
    const from = Math.max(start, offset);
    const to = Math.min(end, offset + text.length);
    if (from < to) {
      const insert = placed ? '' : fault.to;
      placed = true;
      texts[i] = text.slice(0, from - offset) + insert + text.slice(to - offset);
    }
    offset += text.length;
  }
  return true;
}

const XML_TEXT = /(<w:t(?:\s[^>]*)?>)([^<]*)(<\/w:t>)/g;
const unescapeXml = (s: string) =>
  s
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&apos;/g, "'")
    .replace(/&amp;/g, '&');
const escapeXml = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/** Applies `edit` to the texts of the XML fragment's <w:t> runs. */
function editRuns(xml: string, edit: (texts: string[]) => boolean): string | undefined {
  const texts = [...xml.matchAll(XML_TEXT)].map((m) => unescapeXml(m[2]!));
  if (!edit(texts)) return undefined;
  let i = 0;
  return xml.replace(
    XML_TEXT,
    (_, open: string, _text: string, close: string) => open + escapeXml(texts[i++]!) + close,
  );
}

function replaceOnce(whole: string, part: string, replacement: string): string {
  const at = whole.indexOf(part);
  assert.ok(at >= 0);
  return whole.slice(0, at) + replacement + whole.slice(at + part.length);
}

// ---- DOCX: word/document.xml inside the zip --------------------------------------------------

async function injectDocx(bytes: Uint8Array, doc: DocumentView, faults: Faults): Promise<Uint8Array> {
  const zip = await JSZip.loadAsync(bytes);
  let xml = await zip.file('word/document.xml')!.async('string');
  for (const fault of [faults.figure, faults.percent]) {
    const paragraph = [...xml.matchAll(/<w:p[ >][\s\S]*?<\/w:p>/g)].find((p) =>
      editRuns(p[0], (texts) => editSpan(texts, fault)),
    );
    assert.ok(paragraph, `DOCX 中没有「${fault.before}${fault.from}」`);
    xml = replaceOnce(xml, paragraph[0], editRuns(paragraph[0], (texts) => editSpan(texts, fault))!);
  }
  const cell = cellEdit(doc, faults.cell);
  const table = tableAfter(xml, cell.number, /<w:tbl>[\s\S]*?<\/w:tbl>/g);
  const row = [...table.matchAll(/<w:tr[ >][\s\S]*?<\/w:tr>/g)].find((r) =>
    [...r[0].matchAll(/<w:tc>[\s\S]*?<\/w:tc>/g)].some((tc) => textOf(tc[0], XML_TEXT) === cell.code),
  );
  assert.ok(row, `DOCX ${cell.number} 中没有 ${cell.code} 行`);
  const tcs = [...row[0].matchAll(/<w:tc>[\s\S]*?<\/w:tc>/g)].filter(
    (tc) => textOf(tc[0], XML_TEXT) === cell.from,
  );
  const tc = tcs[cell.occurrence]![0];
  const edited = replaceOnce(
    row[0],
    tc,
    tc.replace(XML_TEXT, (_, open: string, _t: string, close: string) => open + cell.to + close),
  );
  xml = replaceOnce(xml, row[0], edited);
  zip.file('word/document.xml', xml);
  return zip.generateAsync({ type: 'uint8array', compression: 'DEFLATE' });
}

function textOf(fragment: string, pattern: RegExp): string {
  return [...fragment.matchAll(pattern)]
    .map((m) => unescapeXml(m[2]!))
    .join('')
    .trim();
}

/** The first table after the paragraph that prints the 表号. */
function tableAfter(xml: string, number: string, tables: RegExp): string {
  const at = xml.indexOf(`>${number}<`);
  assert.ok(at >= 0, `文档中没有 ${number}`);
  const table = [...xml.matchAll(tables)].find((m) => m.index! > at);
  assert.ok(table, `${number} 之后没有表格`);
  return table[0];
}

// ---- HTML: the page's text -------------------------------------------------------------------

const HTML_TEXT = /(>)([^<]*)(<)/g;

function injectHtml(page: string, doc: DocumentView, faults: Faults): string {
  let html = page;
  for (const fault of [faults.figure, faults.percent]) {
    const paragraph = [...html.matchAll(/<p[ >][\s\S]*?<\/p>/g)].find((p) => {
      const texts = [...p[0].matchAll(HTML_TEXT)].map((m) => m[2]!);
      return editSpan(texts, fault);
    });
    assert.ok(paragraph, `HTML 中没有「${fault.before}${fault.from}」`);
    const texts = [...paragraph[0].matchAll(HTML_TEXT)].map((m) => m[2]!);
    editSpan(texts, fault);
    let i = 0;
    html = replaceOnce(
      html,
      paragraph[0],
      paragraph[0].replace(
        HTML_TEXT,
        (_, open: string, _t: string, close: string) => open + texts[i++]! + close,
      ),
    );
  }
  const cell = cellEdit(doc, faults.cell);
  const table = tableAfter(html, cell.number, /<table[ >][\s\S]*?<\/table>/g);
  const cellPattern = /<t[dh][ >][\s\S]*?<\/t[dh]>/g;
  const row = [...table.matchAll(/<tr[ >][\s\S]*?<\/tr>/g)].find((r) =>
    [...r[0].matchAll(cellPattern)].some((td) => textOf(td[0], HTML_TEXT) === cell.code),
  );
  assert.ok(row, `HTML ${cell.number} 中没有 ${cell.code} 行`);
  const tds = [...row[0].matchAll(cellPattern)].filter((td) => textOf(td[0], HTML_TEXT) === cell.from);
  const td = tds[cell.occurrence]![0];
  html = replaceOnce(html, row[0], replaceOnce(row[0], td, td.replace(`>${cell.from}<`, `>${cell.to}<`)));
  return html;
}

// ---- XLSX: the cells, through exceljs --------------------------------------------------------

async function injectXlsx(bytes: Uint8Array, doc: DocumentView, faults: Faults): Promise<Uint8Array> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(Buffer.from(bytes) as unknown as ExcelJS.Buffer);
  for (const fault of [faults.figure, faults.percent]) {
    let done = false;
    for (const sheet of workbook.worksheets) {
      sheet.eachRow((row) =>
        row.eachCell((c) => {
          if (done || typeof c.value !== 'string') return;
          const texts = [c.value];
          if (editSpan(texts, fault)) {
            c.value = texts[0]!;
            done = true;
          }
        }),
      );
      if (done) break;
    }
    assert.ok(done, `XLSX 中没有「${fault.before}${fault.from}」`);
  }
  const cell = cellEdit(doc, faults.cell);
  const sheet = workbook.worksheets.find((s) => s.name.startsWith(cell.number));
  assert.ok(sheet, `XLSX 中没有 ${cell.number} 工作表`);
  let target: ExcelJS.Cell | undefined;
  sheet.eachRow((row) => {
    const cells: ExcelJS.Cell[] = [];
    row.eachCell((c) => {
      cells.push(c);
    });
    if (!cells.some((c) => String(c.value) === cell.code)) return;
    const same = cells.filter(
      (c) =>
        typeof c.value === 'number' && hundredths(cell.from) === hundredths((c.value as number).toFixed(2)),
    );
    target = same[cell.occurrence];
  });
  assert.ok(target, `XLSX ${cell.number} 中没有 ${cell.code} 行的 ${cell.from}`);
  target.value = Number(cell.to.replaceAll(',', ''));
  return new Uint8Array(await workbook.xlsx.writeBuffer());
}
