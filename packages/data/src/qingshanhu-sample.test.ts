import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import {
  buildTableViews,
  type CellView,
  type DataPackage,
  findRow,
  formatValue,
  parseAmount,
  readPackage,
  type SectionView,
  type TableView,
  writePackage,
} from '@juesuan/core';
import { EXAMPLES_DIR, loadCatalog, loadProfile, readPackageFile } from './files';
import { type PrintedRow, parseQingshanhuTables, type QingshanhuTables } from './testing/qingshanhu-tables';

const PACKAGE_FILE = join(EXAMPLES_DIR, 'qingshanhu-2020.json');
/** The published text (S0), kept verbatim beside the test reader. */
const SAMPLE_FILE = fileURLToPath(new URL('./testing/samples/qingshanhu-2020.txt', import.meta.url));

function loadSample(): DataPackage {
  const { package: pkg, issues } = readPackageFile(PACKAGE_FILE);
  assert.deepEqual(issues, []);
  assert.ok(pkg);
  return pkg;
}

const fen = (text: string): bigint => {
  const parsed = parseAmount(text, '元');
  if (!parsed.ok) throw new Error(`印出的数字 “${text}” 读不出：${parsed.reason}`);
  return parsed.fen;
};

describe('青山湖区医疗保障局 2020 sample package (examples/qingshanhu-2020.json)', () => {
  it('loads against the 2020 catalog with no errors and no warnings', () => {
    const pkg = loadSample();
    assert.equal(pkg.department.profile, 'jiangxi-2020');
    assert.equal(pkg.department.year, 2020);
    assert.deepEqual(pkg.amounts, { unit: '元', decimals: 2 });
    assert.equal(pkg.units.length, 1);
    assert.equal(pkg.units[0]?.kind, '行政');
    assert.equal(pkg.facts.value('personnel', { kind: 'actual' }), 3n);
  });

  it('is written in canonical form: writing what was read gives the file back byte for byte', () => {
    const text = readFileSync(PACKAGE_FILE, 'utf8');
    const { package: pkg } = readPackage(text);
    assert.ok(pkg);
    assert.equal(`${JSON.stringify(writePackage(pkg), null, 2)}\n`, text);
  });

  it('keeps the exact 元 identities verified on the published S0 tables', () => {
    const f = loadSample().facts;
    const v = (measure: Parameters<typeof f.value>[0], dims: Record<string, string> = {}) => {
      const value = f.value(measure, dims);
      assert.notEqual(value, undefined, `${measure} ${JSON.stringify(dims)} 缺失`);
      return value as bigint;
    };
    // T03 合计: 7,167,065.75 = 5,826,465.75 + 1,340,600.00
    assert.equal(v('expense'), 716706575n);
    assert.equal(v('expense', { nature: 'basic' }) + v('expense', { nature: 'project' }), v('expense'));
    assert.equal(v('expense', { nature: 'basic' }), 582646575n);
    // T05 合计: 5,661,575.74 = 4,320,975.74 + 1,340,600.00
    const gpbBasic = v('expense', { fund: 'gpb', nature: 'basic' });
    assert.equal(gpbBasic + v('expense', { fund: 'gpb', nature: 'project' }), v('expense', { fund: 'gpb' }));
    // T06 人员 1,292,071.39 + 公用 3,028,904.35 = 4,320,975.74 = T05 基本
    const personnel = v('basicGroup', { group: 'personnel' });
    const pub = v('basicGroup', { group: 'public' });
    assert.deepEqual([personnel, pub, gpbBasic], [129207139n, 302890435n, 432097574n]);
    assert.equal(personnel + pub, gpbBasic);
    assert.equal(v('basicEcon', { econ: '301' }) + v('basicEcon', { econ: '303' }), personnel);
    // T04 504,929.54 + 5,997,795.07 − 5,661,575.74 = 841,148.87
    const opening = v('balance', { when: 'opening', fund: 'fiscal' });
    const income = v('income', { source: 'fiscal' });
    const spent = v('expense', { fund: 'fiscal' });
    assert.deepEqual([opening, income, spent], [50492954n, 599779507n, 566157574n]);
    assert.equal(opening + income - spent, v('balance', { when: 'closing', fund: 'fiscal' }));
    assert.equal(v('balance', { when: 'closing', fund: 'fiscal' }), 84114887n);
    assert.equal(opening + income, v('grandTotal', { side: 'income', fund: 'fiscal' }));
  });
});

describe('jiangxi-2020 tables filled from the sample package reproduce the published 草案03–09表', () => {
  const printed = (): QingshanhuTables => parseQingshanhuTables(readFileSync(SAMPLE_FILE, 'utf8'));
  const views = (): Map<string, TableView> => {
    const profile = loadProfile('jiangxi-2020');
    const list = buildTableViews(loadSample(), { profile, catalog: loadCatalog() });
    return new Map(list.map((view) => [view.id, view]));
  };
  const amounts = { unit: '元' as const, decimals: 2 };

  /** A printed figure against the view's cell, at the printed precision; "-" is not applicable. */
  function assertCell(cell: CellView | undefined, shown: string, where: string): void {
    assert.ok(cell, `${where}: 视图没有这个格`);
    if (shown === '-') {
      assert.equal(cell.na, true, `${where}: 印的是 “-”，视图应为不适用`);
      return;
    }
    assert.equal(cell.text, formatValue(fen(shown), cell.kind, amounts), `${where}: 印的是 ${shown}`);
  }

  function assertRow(section: SectionView, rowIndex: number, shown: PrintedRow, where: string): void {
    const row = section.rows[rowIndex];
    assert.ok(row, `${where}: 视图少一行`);
    assert.equal(shown.values.length, section.columns.length, `${where}: 栏数`);
    section.columns.forEach((column, i) => {
      assertCell(row.cells[column.key], shown.values[i] ?? '', `${where} ${column.label}`);
    });
  }

  function assertHeader(view: TableView, table: QingshanhuTables[keyof QingshanhuTables]): void {
    if (table.number) assert.equal(view.number.replace('公开', '草案'), table.number, `${view.id} 表号`);
    if (table.title) assert.equal(view.title, table.title, `${view.id} 表名`);
    assert.ok(
      table.subject?.startsWith(view.subject),
      `${view.id} 编制单位：${table.subject} / ${view.subject}`,
    );
    assert.equal(view.unit, table.unit, `${view.id} 单位`);
    assert.deepEqual(view.notes, table.notes, `${view.id} 注`);
  }

  it('草案03表 支出决算表 and 草案05表 一般公共预算财政拨款支出决算表: every row and figure', () => {
    const tables = printed();
    const all = views();
    for (const id of ['T03', 'T05'] as const) {
      const view = all.get(id)!;
      const table = tables[id];
      assertHeader(view, table);
      const section = view.sections[0]!;
      assert.deepEqual(
        section.columns.map((c) => c.no),
        table.columnNos,
      );
      assert.deepEqual(
        section.rows.map((r) => r.label),
        table.rows.map((r) => r.label),
        `${id} 行`,
      );
      table.rows.forEach((shown, i) => {
        assertRow(section, i, shown, `${id} ${section.rows[i]?.code} ${shown.label}`);
      });
    }
  });

  it('草案04表 财政拨款收入支出决算总表: both sides, every 行次, printed 栏次 3 and 12–15', () => {
    const table = printed().T04;
    const view = views().get('T04')!;
    assertHeader(view, table);
    const [income, expense] = view.sections;
    assert.ok(income && expense);
    assert.deepEqual(
      income.columns.map((c) => c.no),
      table.incomeColumnNos,
    );
    assert.deepEqual(
      expense.columns.map((c) => c.no),
      table.expenseColumnNos,
    );
    // The print repeats the numeral 二十一、; the profile numbers the 26 classes straight through.
    const bare = (label: string) => label.replace(/^[一二三四五六七八九十]+、/, '');
    for (const [section, rows] of [
      [income, table.income],
      [expense, table.expense],
    ] as const) {
      assert.deepEqual(
        section.rows.map((r) => r.line),
        rows.map((r) => r.line),
      );
      rows.forEach((shown, i) => {
        const row = section.rows[i]!;
        const where = `T04 行次 ${shown.line}`;
        if (shown.label === '') {
          assert.equal(row.blank, true, `${where} 应为空行`);
          assert.equal(shown.values.length, 0);
          return;
        }
        assert.equal(bare(row.label), bare(shown.label), where);
        assertRow(section, i, shown, `${where} ${shown.label}`);
      });
    }
  });

  it('草案06表 基本支出决算表: every 款 with its figure, the three printed blocks and both footers', () => {
    const table = printed().T06;
    const view = views().get('T06')!;
    assertHeader(view, table);
    const section = view.sections[0]!;
    const coded = section.rows.filter((r) => r.code !== undefined);
    assert.deepEqual(table.rows.map((r) => r.code).sort(), coded.map((r) => r.code).sort());
    for (const shown of table.rows) {
      const row = findRow(view, shown.code!)?.row;
      assert.ok(row, `T06 ${shown.code}`);
      // Wrapped names are joined; two were cut off by the print (30108, 39908).
      assert.ok(row.label.startsWith(shown.label), `T06 ${shown.code}: ${row.label} / 印 ${shown.label}`);
      assertCell(row.cells.amount, shown.values[0]!, `T06 ${shown.code} ${shown.label}`);
    }
    // Extraction reads the blocks line by line, so the print order is the blocks interleaved.
    assert.equal(view.layout.kind, 'blocks');
    if (view.layout.kind !== 'blocks') return;
    const blocks = view.layout.blocks.map((b) => b.rows);
    const interleaved: string[] = [];
    for (let i = 0; i < Math.max(...blocks.map((b) => b.length)); i++) {
      for (const block of blocks) if (i < block.length) interleaved.push(block[i]!);
    }
    assert.deepEqual(
      table.rows.map((r) => r.code),
      interleaved,
    );
    assert.deepEqual(
      view.layout.footers.map((f) => f.row),
      ['personnel', 'public'],
    );
    view.layout.footers.forEach((footer, i) => {
      const row = findRow(view, footer.row)!.row;
      const shown = table.footers[i]!;
      assert.equal(row.label, shown.label);
      assertCell(row.cells.amount, shown.value, `T06 ${shown.label}`);
    });
  });

  it('草案07表 三公 (年初预算数/决算数) and 草案09表 国有资产: every 行次, label and figure, “-” as not applicable', () => {
    const tables = printed();
    const all = views();
    for (const [id, columnNos] of [
      ['T07', [1, 2]],
      ['T09', [undefined]],
    ] as const) {
      const view = all.get(id)!;
      const table = tables[id];
      assertHeader(view, table);
      const section = view.sections[0]!;
      assert.deepEqual(
        section.columns.map((c) => c.no),
        columnNos,
      );
      if (table.columnNos.length) assert.deepEqual(table.columnNos, columnNos);
      assert.deepEqual(
        section.rows.map((r) => [r.line, r.label]),
        table.rows.map((r) => [r.line, r.label]),
      );
      table.rows.forEach((shown, i) => {
        assertRow(section, i, shown, `${id} 行次 ${shown.line} ${shown.label}`);
      });
    }
  });

  it('草案08表 政府性基金 printed empty: only its 合计 line, all zero', () => {
    const table = printed().T08;
    const view = views().get('T08')!;
    assertHeader(view, table);
    const section = view.sections[0]!;
    assert.deepEqual(
      section.columns.map((c) => c.no),
      table.columnNos,
    );
    assert.deepEqual(
      section.rows.map((r) => r.label),
      ['合计'],
    );
    assert.equal(view.empty, true);
    // The extraction shows seven zeros for six columns; every one of them is zero.
    const shown = table.rows[0]!;
    assert.ok(shown.values.length >= section.columns.length);
    for (const value of shown.values) assert.equal(fen(value), 0n);
    for (const column of section.columns)
      assertCell(section.rows[0]!.cells[column.key], '0', `T08 合计 ${column.label}`);
  });
});
