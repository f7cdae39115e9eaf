import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import {
  buildTableViews,
  findCell,
  findRow,
  parseFactKey,
  parsePackageJson,
  type TableDef,
  type TableView,
} from '@juesuan/core';
import { loadCatalog, loadProfile, PROFILES_DIR } from './files';

// The official template as text (pdftotext -layout of the 2024 Shanghai 部门决算模板), kept with the
// profile so that a clean checkout can check the profile against it.
const TEMPLATE = readFileSync(join(PROFILES_DIR, 'shanghai-2024', 'shanghai-2024-template.txt'), 'utf8');
const TEMPLATE_DEPARTMENT = '上海市 XX 局';

const squeeze = (text: string) => text.replace(/\s+/g, '');

/** Template text from the line holding `start` up to (excluding) the next line holding `end`. */
function region(start: string, end: string, from = 0): string {
  const a = TEMPLATE.indexOf(start, from);
  assert.ok(a >= 0, `模板中找不到“${start}”`);
  const b = TEMPLATE.indexOf(end, a + start.length);
  assert.ok(b >= 0, `模板中“${start}”之后找不到“${end}”`);
  return TEMPLATE.slice(TEMPLATE.lastIndexOf('\n', a) + 1, b);
}

/** The tables part of the template: from the page header over the first table to 第三部分. */
const BODY_START = TEMPLATE.search(/^\s*上海市 XX 局 2024 年度部门决算表\s*$/m);
const BODY = TEMPLATE.slice(BODY_START, TEMPLATE.indexOf('第三部分', BODY_START));
const bodyRegion = (start: string, end: string) => region(start, end, BODY_START);

/**
 * Whether `label` is printed in `text` as one cell (text between runs of two or more spaces, a code
 * glued in front dropped: “30207邮电费”), or wrapped over up to three cells (“因公出国” “（境）费”).
 */
function printedIn(text: string, label: string): boolean {
  const cells = new Set(
    text
      .split('\n')
      .flatMap((line) => line.trim().split(/\s{2,}/))
      .map((cell) => squeeze(cell).replace(/^\d+/, ''))
      .filter(Boolean),
  );
  const fits = (rest: string, pieces: number): boolean =>
    cells.has(rest) ||
    (pieces > 1 &&
      [...cells].some((cell) => rest.startsWith(cell) && fits(rest.slice(cell.length), pieces - 1)));
  return fits(squeeze(label), 3);
}

/** Numbered class rows (“十四、资源勘探工业信息等支出”) of a two-sided table, wrapped lines joined. */
function numberedExpenseRows(text: string): string[] {
  return [...squeeze(text).matchAll(/[一二三四五六七八九十]+、[^、]+?支出/g)].map((m) => m[0]);
}

/** The template's lines from 本年收入合计 to 总计, each split into its income and expense labels. */
function templatePairs(text: string): string[][] {
  const lines = text.split('\n');
  const from = lines.findIndex((line) => line.includes('本年收入合计'));
  return lines
    .slice(from)
    .map((line) => line.trim())
    .filter(Boolean)
    .map((line) => line.split(/\s{2,}/));
}

/** The same lines of a two-sided view: row i of each side, blank labels left out. */
function printedPairs(v: TableView): string[][] {
  const [income, expense] = v.sections;
  assert.ok(income && expense);
  const from = income.rows.findIndex((r) => r.key === 'incomeTotal');
  return income.rows.slice(from).map((r, i) => [r.label, expense.rows[from + i]!.label].filter(Boolean));
}

const withoutNumeral = (label: string) => label.replace(/^[一二三四五六七八九十]+、/, '');

const SAMPLE_PACKAGE = {
  format: 'juesuan.package/1',
  department: { name: '上海市测试局', year: 2024, profile: 'shanghai-2024' },
  amounts: { unit: '万元', decimals: 2 },
  facts: {
    income: {
      'source=gpb': '1234.56',
      'source=business': '265.44',
      'source=fiscal': '1234.56',
      '': '1500.00',
      'func=210': '1500.00',
      'func=21015': '1500.00',
      'func=2101501': '1500.00',
      'func=2101501 source=fiscal': '1234.56',
    },
    expense: {
      '': '1400.00',
      'func=210': '1400.00',
      'func=210 fund=fiscal': '1150.00',
      'func=210 fund=gpb': '1150.00',
      'fund=fiscal': '1150.00',
      'fund=gpb': '1150.00',
      'func=2101501 fund=gpb': '1150.00',
      'func=2101501 fund=gpb nature=basic': '900.00',
      'func=2101501 fund=gpb nature=project': '250.00',
    },
    balance: { 'when=closing fund=fiscal': '84.56', 'when=closing fund=gpb': '84.56' },
    basicEcon: { 'econ=301': '700.00', 'econ=30101': '300.00', 'econ=303': '5.00', 'econ=30305': '5.00' },
    basicGroup: { 'group=personnel': '705.00', 'group=public': '195.00' },
    threePublic: {
      'col=initialBudget': '12.00',
      '': '10.50',
      'item=abroad col=initialBudget': '4.00',
      'item=abroad': '3.20',
      'item=vehicle col=initialBudget': '6.00',
      'item=vehicle': '5.80',
      'item=vehicleOperation col=initialBudget': '6.00',
      'item=vehicleOperation': '5.80',
      'item=reception col=initialBudget': '2.00',
      'item=reception': '1.50',
    },
  },
};

function sampleViews(): TableView[] {
  const read = parsePackageJson(SAMPLE_PACKAGE, { catalog: loadCatalog() });
  assert.ok(read.package, read.issues.map((i) => `${i.path}: ${i.message}`).join('\n'));
  assert.deepEqual(
    read.issues.map((i) => i.message),
    [],
  );
  return buildTableViews(read.package, { profile: loadProfile('shanghai-2024'), catalog: loadCatalog() });
}

/** The tables the document prints; supplementary tables (printed: false) are not the template's. */
function printedTables(): TableDef[] {
  return loadProfile('shanghai-2024').tableDefs.filter((t) => t.printed);
}

function view(views: TableView[], id: string): TableView {
  const found = views.find((v) => v.id === id);
  assert.ok(found, `没有表 ${id}`);
  return found;
}

function table(id: string): TableDef {
  const found = loadProfile('shanghai-2024').tableDefs.find((t) => t.id === id);
  assert.ok(found, `没有表 ${id}`);
  return found;
}

function cellText(v: TableView, row: string, column: string): string | undefined {
  return findCell(v, row, column)?.text;
}

describe('the shanghai-2024 profile against the 2024 Shanghai template', () => {
  it('loads with the region, year and amounts of the template', () => {
    const profile = loadProfile('shanghai-2024');
    assert.equal(profile.id, 'shanghai-2024');
    assert.equal(profile.region, '上海市');
    assert.equal(profile.year, 2024);
    assert.deepEqual(profile.amounts, { unit: '万元', decimals: 2 });
    assert.equal(profile.subjectLabel, '部门');
    // Every table of the template prints 单位：万元.
    assert.equal((BODY.match(/单位：万元/g) ?? []).length, 9);
  });

  it('has the nine tables in the order and with the titles of the template', () => {
    const contents = region('第二部分', '第三部分')
      .split('\n')
      .map((line) => /^\s*([一二三四五六七八九])、(\S+表)\s*$/.exec(line))
      .filter((m): m is RegExpExecArray => m !== null);
    assert.equal(contents.length, 9);
    const tables = printedTables();
    assert.deepEqual(
      tables.map((t) => t.title),
      contents.map((m) => m[2]),
    );
    assert.deepEqual(
      tables.map((t) => t.number),
      contents.map((m) => `表${m[1]}`),
    );
    // Canonical ids by meaning: 三公 (T09) is printed seventh, 国有资本经营 (T08) last.
    assert.deepEqual(
      tables.map((t) => t.id),
      ['T01', 'T02', 'T03', 'T04', 'T05', 'T06', 'T09', 'T07', 'T08'],
    );
    // Each title heads its table in the body, in the same order.
    const bodyLines = BODY.split('\n').map((line) => line.trim());
    const positions = tables.map((t) => bodyLines.indexOf(t.title));
    for (const [i, position] of positions.entries()) {
      assert.ok(position >= 0, `模板正文中没有单独成行的表名“${tables[i]!.title}”`);
    }
    assert.deepEqual(
      positions,
      [...positions].sort((a, b) => a - b),
    );
  });

  it('prints the template’s 注 under every table and its 说明 when 政府性基金/国有资本经营 are empty', () => {
    const bodyLines = BODY.split('\n').map((line) => line.trim());
    for (const t of printedTables()) {
      assert.equal(t.notes.length, 1, t.id);
      assert.ok(bodyLines.includes(t.notes[0]!), `${t.id} 的注“${t.notes[0]}”不在模板中`);
    }
    for (const id of ['T07', 'T08']) {
      const statement = table(id).emptyStatement ?? '';
      assert.ok(statement.includes('{部门}'), `${id} 的空表说明应含 {部门}`);
      assert.ok(bodyLines.includes(statement.replace('{部门}', TEMPLATE_DEPARTMENT)), statement);
    }
    for (const id of ['T01', 'T02', 'T03', 'T04', 'T05', 'T06', 'T09']) {
      assert.equal(table(id).emptyStatement, undefined, id);
    }
  });

  it('parses every cell’s fact template once its parameters are filled', () => {
    let checked = 0;
    for (const t of loadProfile('shanghai-2024').tableDefs) {
      for (const section of t.sections) {
        for (const row of section.rows) {
          const fixed = 'codeRows' in row ? undefined : row;
          if (fixed?.blank) continue;
          for (const column of section.columns) {
            const override = fixed?.cells?.[column.key];
            const template = override === undefined ? column.fact : override;
            if (template === null || template === undefined) continue;
            const sample = template.includes('econ={code}') ? '30101' : '2101501';
            const params: Record<string, string> = { code: fixed?.code ?? sample, ...fixed?.params };
            const filled = template.replace(/\{(\w+)\}/g, (_, name: string) => params[name] ?? `{${name}}`);
            const parsed = parseFactKey(filled);
            assert.ok(parsed.ok, `${t.id} ${column.key}: “${filled}” ${parsed.ok ? '' : parsed.reason}`);
            checked += 1;
          }
        }
      }
    }
    assert.ok(checked > 150, `only ${checked} cells checked`);
  });

  it('T01 lists the template’s income rows and its classes plus 债务还本/债务付息, on the template’s lines', () => {
    const text = bodyRegion('收入支出决算总表', '注：本表反映部门本年度的总收支');
    const t01 = view(sampleViews(), 'T01');
    const [income, expense] = t01.sections;
    assert.ok(income && expense);
    assert.equal(income.rows.length, expense.rows.length);
    assert.deepEqual(
      income.rows.filter((r) => !r.blank).map((r) => r.label),
      [...squeeze(text).matchAll(/[一二三四五六七八]、[^、]+?收入(?=[一二三四五六七八九十]+、)/g)]
        .map((m) => m[0])
        .concat(['本年收入合计', '使用非财政拨款结余', '年初结转和结余', '总计']),
    );
    const printedClasses = numberedExpenseRows(text);
    assert.equal(printedClasses.length, 24);
    const classRows = expense.rows.filter((r) => r.level === '类');
    assert.equal(classRows.length, 26);
    // The template's 24 classes, then 231/232 that real 2024 documents print before 抗疫特别国债.
    assert.deepEqual(
      classRows.filter((r) => r.code !== '231' && r.code !== '232').map((r) => withoutNumeral(r.label)),
      printedClasses.map(withoutNumeral),
    );
    assert.deepEqual(
      classRows.slice(0, 23).map((r) => r.label),
      printedClasses.slice(0, 23),
    );
    assert.deepEqual(
      classRows.slice(23).map((r) => `${r.code} ${r.label}`),
      ['231 二十四、债务还本支出', '232 二十五、债务付息支出', '234 二十六、抗疫特别国债安排的支出'],
    );
    // From 本年收入合计 on, the two sides pair up on the lines the template prints.
    assert.deepEqual(printedPairs(t01), templatePairs(text));
  });

  it('T04 has the template’s rows and the four fund columns under 支出', () => {
    const text = bodyRegion('财政拨款收入支出决算总表', '注：本表反映部门本年度财政拨款总收支');
    const t04 = view(sampleViews(), 'T04');
    const [income, expense] = t04.sections;
    assert.ok(income && expense);
    assert.equal(income.rows.length, expense.rows.length);
    assert.deepEqual(
      expense.columns.map((c) => c.label),
      ['合计', '一般公共预算财政拨款', '政府性基金预算财政拨款', '国有资本经营预算财政拨款'],
    );
    for (const column of expense.columns) assert.ok(printedIn(text, column.label), column.label);
    assert.deepEqual(
      expense.rows
        .filter((r) => r.level === '类' && r.code !== '231' && r.code !== '232')
        .map((r) => withoutNumeral(r.label)),
      numberedExpenseRows(text).map(withoutNumeral),
    );
    const lines = text.split('\n').map((line) => line.trim());
    for (const row of [...income.rows, ...expense.rows]) {
      if (row.blank || row.level === '类') continue;
      assert.ok(
        lines.some((line) => line.split(/\s{2,}/).includes(row.label)),
        `T04 行“${row.label}”不在模板中`,
      );
    }
    assert.deepEqual(printedPairs(t04), templatePairs(text));
    assert.equal(cellText(t04, 'incomeTotal', 'amount'), '1,234.56');
    assert.equal(cellText(t04, 'expenseTotal', 'gpb'), '1,150.00');
    assert.equal(findCell(t04, 'closing', 'socb')?.fact, 'balance when=closing fund=socb');
    assert.equal(cellText(t04, 'closing', 'fiscal'), '84.56');
  });

  it('T02, T03, T05, T07 and T08 carry the template’s column headers', () => {
    const regions: Record<string, string> = {
      T02: bodyRegion('收入决算表', '注：本表反映部门本年度取得的各项收入'),
      T03: bodyRegion('支出决算表', '注：本表反映部门本年度各项支出'),
      T05: bodyRegion('一般公共预算财政拨款支出决算表', '注：本表反映部门本年度一般公共预算财政拨款支出'),
      T07: bodyRegion('政府性基金预算财政拨款收入支出决算表', '注：'),
      T08: bodyRegion('国有资本经营预算财政拨款收入支出决算表', '注：'),
    };
    for (const [id, text] of Object.entries(regions)) {
      for (const section of table(id).sections) {
        assert.ok(printedIn(text, section.labelHeader ?? ''), `${id} ${section.labelHeader}`);
        for (const column of section.columns) {
          for (const label of [...(column.group ?? []), column.label]) {
            assert.ok(printedIn(text, label), `${id} 栏“${label}”不在模板中`);
          }
        }
      }
    }
    assert.deepEqual(
      table('T07').sections[0]!.columns.map((c) => [...(c.group ?? []), c.label].join('/')),
      [
        '年初结转和结余',
        '本年收入',
        '本年支出/合计',
        '本年支出/基本支出',
        '本年支出/项目支出',
        '年末结转和结余',
      ],
    );
    // 合计 heads T02/T03/T07/T08 but closes T05, as the template prints it.
    const views = sampleViews();
    for (const id of ['T02', 'T03', 'T07', 'T08'])
      assert.equal(view(views, id).sections[0]!.rows[0]!.label, '合计');
    assert.equal(view(views, 'T05').sections[0]!.rows.at(-1)!.label, '合计');
  });

  it('T06 prints the template’s economic codes, names and footers in its two blocks', () => {
    const text = bodyRegion(
      '一般公共预算财政拨款基本支出决算表',
      '注：本表反映部门本年度一般公共预算财政拨款基本支出',
    );
    const left: string[] = [];
    const right: string[] = [];
    for (const line of text.split('\n')) {
      for (const m of line.matchAll(/(?<!\d)3\d{2}(?:\d{2})?(?!\d)/g)) {
        (m.index < 20 ? left : right).push(m[0]);
      }
    }
    const t06 = table('T06');
    assert.equal(t06.layout.kind, 'blocks');
    if (t06.layout.kind !== 'blocks') return;
    assert.deepEqual(
      t06.layout.blocks.map((b) => b.rows),
      [left, right],
    );
    assert.deepEqual(t06.layout.footers, [
      { row: 'personnel', underBlocks: [0] },
      { row: 'public', underBlocks: [1] },
    ]);
    const v = view(sampleViews(), 'T06');
    const rows = v.sections[0]!.rows;
    assert.equal(rows.length, left.length + right.length + 2);
    for (const row of rows) {
      if (!row.code) continue;
      assert.ok(printedIn(text, row.label), `T06 ${row.code} 的名称“${row.label}”与模板不符`);
    }
    assert.equal(findRow(v, '30305')?.row.label, '生活补助');
    assert.equal(cellText(v, '30305', 'amount'), '5.00');
    assert.equal(cellText(v, '30101', 'amount'), '300.00');
    const footerLine = text.split('\n').find((line) => line.includes('人员经费合计'));
    assert.deepEqual(footerLine?.trim().split(/\s{2,}/), ['人员经费合计', '公用经费合计']);
    assert.equal(findRow(v, 'personnel')?.row.label, '人员经费合计');
    assert.equal(cellText(v, 'personnel', 'amount'), '705.00');
    assert.equal(cellText(v, 'public', 'amount'), '195.00');
  });

  it('the 三公 table is one row of 12 cells under the template’s three-level header', () => {
    const text = bodyRegion('财政拨款“三公”经费支出决算表', '注：本表反映部门本年度“三公”经费');
    assert.equal((text.match(/预算数\s+决算数/g) ?? []).length, 6);
    const [section] = table('T09').sections;
    assert.ok(section);
    assert.equal(section.columns.length, 12);
    assert.deepEqual(
      section.columns.map((c) => c.label),
      Array.from({ length: 6 }, () => ['预算数', '决算数']).flat(),
    );
    assert.deepEqual(
      section.columns.filter((_, i) => i % 2 === 0).map((c) => c.group?.join(' > ')),
      [
        '财政拨款“三公”经费 > 合计',
        '财政拨款“三公”经费 > 因公出国（境）费',
        '财政拨款“三公”经费 > 公务用车购置及运行维护费 > 小计',
        '财政拨款“三公”经费 > 公务用车购置及运行维护费 > 公务用车购置费',
        '财政拨款“三公”经费 > 公务用车购置及运行维护费 > 公务用车运行维护费',
        '财政拨款“三公”经费 > 公务接待费',
      ],
    );
    for (const label of new Set(section.columns.flatMap((c) => c.group ?? []))) {
      assert.ok(printedIn(text, label), `三公表表头“${label}”不在模板中`);
    }
    const v = view(sampleViews(), 'T09');
    assert.equal(v.sections[0]!.rows.length, 1);
    assert.equal(findCell(v, 'amounts', 'totalBudget')?.fact, 'threePublic col=initialBudget');
    assert.equal(cellText(v, 'amounts', 'totalBudget'), '12.00');
    assert.equal(findCell(v, 'amounts', 'totalActual')?.fact, 'threePublic');
    assert.equal(cellText(v, 'amounts', 'totalActual'), '10.50');
    assert.equal(cellText(v, 'amounts', 'vehicleOperationActual'), '5.80');
    assert.equal(cellText(v, 'amounts', 'vehiclePurchaseActual'), '0.00');
  });

  it('builds the views of a small package: income rows, code rows and empty fund tables', () => {
    const views = sampleViews();
    assert.deepEqual(
      views.filter((v) => v.printed).map((v) => v.number),
      ['表一', '表二', '表三', '表四', '表五', '表六', '表七', '表八', '表九'],
    );
    const t01 = view(views, 'T01');
    assert.equal(t01.unit, '万元');
    assert.equal(t01.subject, '部门：上海市测试局');
    assert.equal(cellText(t01, 'gpb', 'amount'), '1,234.56');
    assert.equal(cellText(t01, 'business', 'amount'), '265.44');
    assert.equal(cellText(t01, 'incomeTotal', 'amount'), '1,500.00');
    assert.equal(cellText(t01, '210', 'amount'), '1,400.00');
    assert.equal(findRow(t01, '210')?.row.label, '九、卫生健康支出');
    assert.equal(cellText(t01, 'expenseTotal', 'amount'), '1,400.00');
    assert.equal(findCell(t01, 'surplusUsed', 'amount')?.fact, 'surplusUsed');

    const t02 = view(views, 'T02');
    assert.deepEqual(
      t02.sections[0]!.rows.map((r) => r.code ?? r.key),
      ['total', '210', '21015', '2101501'],
    );
    assert.equal(findRow(t02, '210')?.row.label, '卫生健康支出');
    assert.equal(cellText(t02, 'total', 'total'), '1,500.00');
    assert.equal(cellText(t02, '2101501', 'fiscal'), '1,234.56');

    const t05 = view(views, 'T05');
    assert.equal(cellText(t05, '2101501', 'basic'), '900.00');
    assert.equal(cellText(t05, 'total', 'total'), '1,150.00');

    for (const id of ['T07', 'T08']) {
      const v = view(views, id);
      assert.equal(v.empty, true, id);
      assert.match(
        v.emptyStatement ?? '',
        /^说明：上海市测试局本年度没有.+收入和支出，故本表无数据。$/,
        'the view names the department',
      );
      assert.deepEqual(
        v.sections[0]!.rows.map((r) => r.label),
        ['合计'],
      );
    }
    assert.equal(findCell(view(views, 'T08'), 'total', 'income')?.fact, 'income source=socb');
    assert.equal(t01.empty, false);
  });
});
