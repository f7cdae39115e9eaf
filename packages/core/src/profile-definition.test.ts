import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseProfileDefinition, resolveProfile } from './profile-definition';

const summary = {
  name: '收入决算表',
  variants: {
    numbered: {
      sections: [
        {
          key: 'main',
          columns: [
            { key: 'total', no: 1, label: '合计', fact: 'income func={code}' },
            { key: 'fiscal', no: 2, label: '财政拨款收入', fact: 'income func={code} source=fiscal' },
          ],
          rows: [
            { key: 'total', label: '合计', params: { code: '*' } },
            { codeRows: { classification: 'functional' } },
          ],
        },
      ],
    },
    unnumbered: {
      extends: 'numbered',
      sections: {
        main: { columns: { total: { no: null }, fiscal: { no: null } }, rows: { total: { bold: true } } },
      },
    },
  },
};

const assets = {
  name: '国有资产占用情况表',
  variants: {
    standard: {
      sections: [
        {
          key: 'main',
          columns: [{ key: 'actual', label: '数量', fact: 'asset item={item}' }],
          rows: [
            { line: 1, label: '一、车辆（辆）', params: { item: 'vehicles' } },
            { line: 2, label: '二、单价100万元（含）以上设备（台，套）', params: { item: 'equipment100' } },
          ],
        },
      ],
    },
  },
};

const types = { income: summary, assets };

function definition(extra: Record<string, unknown> = {}) {
  const parsed = parseProfileDefinition({
    id: 'test',
    name: '测试省 {year} 年度部门决算公开',
    region: '测试省',
    years: { from: 2020, to: 2025 },
    referenceYear: 2024,
    amounts: { unit: '万元', decimals: 2 },
    tables: [
      { type: 'income', id: 'T02', number: '公开02表', title: '收入决算表' },
      { type: 'assets', id: 'T10', number: '公开10表', title: '国有资产占用情况表', years: { from: 2022 } },
    ],
    ...extra,
  });
  if (!parsed.ok) throw new Error(parsed.errors.join('\n'));
  return parsed.definition;
}

function resolved(def: ReturnType<typeof definition>, year?: number) {
  const result = resolveProfile(def, types, year);
  if (!result.ok) throw new Error(result.errors.join('\n'));
  return result.profile;
}

describe('resolving a profile definition for a year', () => {
  it('takes the first variant of each type and names the profile for the year asked', () => {
    const profile = resolved(definition(), 2023);
    assert.equal(profile.name, '测试省 2023 年度部门决算公开');
    assert.equal(profile.year, 2023);
    assert.deepEqual(profile.years, { from: 2020, to: 2025 });
    assert.deepEqual(profile.tables, ['T02', 'T10']);
    assert.deepEqual(
      profile.tableDefs[0]!.sections[0]!.columns.map((c) => c.no),
      [1, 2],
    );
  });

  it('resolves the reference year when no year is asked for', () => {
    assert.equal(resolved(definition()).year, 2024);
  });

  it('a variant that extends another removes the properties it sets to null', () => {
    const def = definition({
      tables: [{ type: 'income', variant: 'unnumbered', id: 'T02', number: '表二', title: '收入决算表' }],
    });
    const [table] = resolved(def).tableDefs;
    assert.deepEqual(
      table!.sections[0]!.columns.map((c) => c.no),
      [undefined, undefined],
    );
    const total = table!.sections[0]!.rows[0]!;
    assert.ok('label' in total && total.bold === true);
  });

  it('leaves out a table in the years it is not printed', () => {
    assert.deepEqual(resolved(definition(), 2021).tables, ['T02']);
  });

  it('applies a change only in its years: titles, removed and inserted rows', () => {
    const def = definition({
      changes: [
        { to: 2023, table: 'T02', title: '收入决算表（旧）' },
        {
          to: 2023,
          table: 'T10',
          sections: {
            main: {
              rows: { L2: null },
              insertRows: [
                {
                  after: 'L1',
                  items: [
                    {
                      line: 2,
                      label: '二、单价50万元（含）以上通用设备（台，套）',
                      params: { item: 'general50' },
                    },
                    {
                      line: 3,
                      label: '三、单价100万元（含）以上专用设备（台，套）',
                      params: { item: 'special100' },
                    },
                  ],
                },
              ],
            },
          },
        },
      ],
    });
    const before = resolved(def, 2022);
    const after = resolved(def, 2024);
    assert.equal(before.tableDefs[0]!.title, '收入决算表（旧）');
    assert.equal(after.tableDefs[0]!.title, '收入决算表');
    const labels = (p: typeof before) =>
      p.tableDefs[1]!.sections[0]!.rows.map((r) => ('label' in r ? r.label : undefined));
    assert.deepEqual(labels(before), [
      '一、车辆（辆）',
      '二、单价50万元（含）以上通用设备（台，套）',
      '三、单价100万元（含）以上专用设备（台，套）',
    ]);
    assert.deepEqual(labels(after), ['一、车辆（辆）', '二、单价100万元（含）以上设备（台，套）']);
  });

  it('says which year range a profile covers when asked for a year outside it', () => {
    const result = resolveProfile(definition(), types, 2018);
    assert.deepEqual(result, { ok: false, errors: ['口径 test 覆盖 2020–2025 年，不含 2018 年'] });
  });

  it('names the table, type and missing row when a patch addresses nothing', () => {
    const def = definition({
      changes: [{ table: 'T10', sections: { main: { rows: { L9: { label: 'x' } } } } }],
    });
    const result = resolveProfile(def, types, 2024);
    assert.deepEqual(result, { ok: false, errors: ['表 T10（类型 assets）：没有部分 main 的行 L9'] });
  });

  it('names an unknown type or variant', () => {
    const def = definition({
      tables: [
        { type: 'nothing', id: 'T01', number: '公开01表', title: '收入支出决算总表' },
        { type: 'income', variant: 'wide', id: 'T02', number: '公开02表', title: '收入决算表' },
      ],
    });
    const result = resolveProfile(def, types, 2024);
    assert.deepEqual(result, {
      ok: false,
      errors: [
        '表 T01（类型 nothing）：没有表类型 nothing',
        '表 T02（类型 income）：表类型 income 没有变体 wide；可用：numbered、unnumbered',
      ],
    });
  });

  it('rejects a reference year outside the years covered', () => {
    const parsed = parseProfileDefinition({
      id: 'test',
      name: '测试',
      region: '测试省',
      years: { from: 2024, to: 2025 },
      referenceYear: 2020,
      amounts: { unit: '元', decimals: 2 },
      tables: [{ type: 'income', id: 'T02', number: '公开02表', title: '收入决算表' }],
    });
    assert.deepEqual(parsed, { ok: false, errors: ['profile.json referenceYear: 2020 不在 2024–2025 年内'] });
  });
});
