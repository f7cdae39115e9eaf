/**
 * A table type's fixed code rows dated by the years of their codes: resolved for a year, a profile
 * prints only the rows in force that year, in its sections and in the blocks of its layout.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseProfileDefinition, resolveProfile } from './profile-definition';

const basicExpense = {
  name: '基本支出决算表',
  variants: {
    standard: {
      layout: {
        kind: 'blocks',
        blocks: [
          { heading: '人员经费', rows: ['301', '30101'] },
          { heading: '公用经费', rows: ['399', '39906', '39907', '39909', '39910'] },
        ],
        footers: [{ row: 'public', underBlocks: [1] }],
      },
      sections: [
        {
          key: 'main',
          columns: [{ key: 'amount', label: '金额', fact: 'basicEcon econ={code}' }],
          rows: [
            { code: '301' },
            { code: '30101' },
            { code: '399' },
            { code: '39906', label: '赠与', years: { to: 2020 } },
            { code: '39907' },
            { code: '39909', years: { from: 2021 } },
            { code: '39910', years: { from: 2021 } },
            { key: 'public', label: '公用经费合计', cells: { amount: 'basicGroup group=public' } },
          ],
        },
      ],
    },
  },
};

function definition(tableExtra: Record<string, unknown> = {}) {
  const parsed = parseProfileDefinition({
    id: 'test',
    name: '测试省 {year} 年度部门决算公开',
    region: '测试省',
    years: { from: 2019, to: 2025 },
    referenceYear: 2024,
    amounts: { unit: '万元', decimals: 2 },
    tables: [{ type: 'basic', id: 'T06', number: '公开06表', title: '基本支出决算表', ...tableExtra }],
  });
  if (!parsed.ok) throw new Error(parsed.errors.join('\n'));
  return parsed.definition;
}

function table(year: number, types: Record<string, unknown> = { basic: basicExpense }, def = definition()) {
  const result = resolveProfile(def, types, year);
  if (!result.ok) throw new Error(result.errors.join('\n'));
  const t06 = result.profile.tableDefs.find((t) => t.id === 'T06');
  assert.ok(t06, 'no T06');
  return t06;
}

function rowKeys(t: ReturnType<typeof table>): string[] {
  return t.sections[0]!.rows.map((r) => ('code' in r && r.code) || ('key' in r && r.key) || '');
}

function blockRows(t: ReturnType<typeof table>): string[][] {
  assert.equal(t.layout.kind, 'blocks');
  return t.layout.kind === 'blocks' ? t.layout.blocks.map((b) => b.rows) : [];
}

describe('fixed code rows dated by the year of their codes', () => {
  it('prints 39906 赠与 up to 2020 and 39909/39910 from 2021, in the rows and in the blocks', () => {
    const in2020 = table(2020);
    assert.deepEqual(rowKeys(in2020), ['301', '30101', '399', '39906', '39907', 'public']);
    assert.deepEqual(blockRows(in2020), [
      ['301', '30101'],
      ['399', '39906', '39907'],
    ]);
    const in2022 = table(2022);
    assert.deepEqual(rowKeys(in2022), ['301', '30101', '399', '39907', '39909', '39910', 'public']);
    assert.deepEqual(blockRows(in2022), [
      ['301', '30101'],
      ['399', '39907', '39909', '39910'],
    ]);
  });

  it('keeps the years out of the resolved row, and keeps its other properties', () => {
    const row = table(2019).sections[0]!.rows.find((r) => 'code' in r && r.code === '39906');
    assert.deepEqual(row, { code: '39906', label: '赠与' });
  });

  it('lets a profile patch a dated row in every year, the years still deciding whether it prints', () => {
    const def = definition({
      sections: { main: { rows: { '39906': { bold: true }, '39909': { bold: true } } } },
    });
    const in2020 = table(2020, undefined, def).sections[0]!.rows;
    assert.deepEqual(
      in2020.filter((r) => 'bold' in r && r.bold).map((r) => ('code' in r ? r.code : undefined)),
      ['39906'],
    );
    const in2023 = table(2023, undefined, def).sections[0]!.rows;
    assert.deepEqual(
      in2023.filter((r) => 'bold' in r && r.bold).map((r) => ('code' in r ? r.code : undefined)),
      ['39909'],
    );
  });

  it('names the section and row whose years are not a year range', () => {
    const broken = structuredClone(basicExpense);
    broken.variants.standard.sections[0]!.rows[3] = { code: '39906', label: '赠与', years: 2020 } as never;
    const result = resolveProfile(definition(), { basic: broken }, 2020);
    assert.equal(result.ok, false);
    assert.ok(
      !result.ok &&
        result.errors.some((e) => e.includes('表 T06') && e.includes('部分 main 的行 39906 的 years')),
      JSON.stringify(result),
    );
  });
});
