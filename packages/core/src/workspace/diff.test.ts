import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { type PackageJson, parsePackageJson } from '../package';
import { describeDiff, diffPackages, summarizeDiff } from './diff';

function pkg(overrides: Partial<PackageJson>) {
  const { package: parsed, issues } = parsePackageJson({
    format: 'juesuan.package/1',
    department: { name: '测试局', year: 2024, profile: 'jiangxi-2024' },
    amounts: { unit: '元', decimals: 2 },
    facts: { income: { '': '100.00' }, expense: { '': '90.00', 'func=201': '90.00' } },
    ...overrides,
  });
  assert.ok(parsed, JSON.stringify(issues));
  return parsed;
}

describe('diff of two revisions of a package', () => {
  it('names every fact added, removed and changed with its amounts in 分, and the fields changed', () => {
    const before = pkg({
      units: [{ name: '甲单位', facts: { income: { '': '10.00' } } }, { name: '乙单位' }],
      narrative: { reasons: { income: '增加' } },
    });
    const after = pkg({
      department: { name: '测试局', code: '001', year: 2024, profile: 'jiangxi-2024' },
      facts: {
        income: { '': '100.01' },
        expense: { '': '90.00' },
        threePublicCount: { 'item=abroadGroups': 2 },
      },
      units: [{ name: '甲单位', kind: '行政', facts: { income: { '': '12.00' } } }, { name: '丙单位' }],
      narrative: { reasons: { income: '减少' } },
    });
    const diff = diffPackages(before, after);
    assert.deepEqual(diff.facts, {
      added: [{ key: 'threePublicCount item=abroadGroups', after: 2n }],
      removed: [{ key: 'expense func=201', before: 9_000n }],
      changed: [{ key: 'income', before: 10_000n, after: 10_001n }],
    });
    assert.deepEqual(diff.units.added, ['丙单位']);
    assert.deepEqual(diff.units.removed, ['乙单位']);
    assert.deepEqual(diff.units.changed, [
      {
        name: '甲单位',
        facts: { added: [], removed: [], changed: [{ key: 'income', before: 1_000n, after: 1_200n }] },
        fields: [{ path: 'kind', after: '"行政"' }],
      },
    ]);
    assert.deepEqual(diff.fields, [
      { path: 'department.code', after: '"001"' },
      { path: 'narrative.reasons', before: '{"income":"增加"}', after: '{"income":"减少"}' },
    ]);
    const summary = summarizeDiff(diff);
    assert.deepEqual(summary, {
      factsAdded: 1,
      factsRemoved: 1,
      factsChanged: 1,
      priorYearChanged: 0,
      unitsAdded: 1,
      unitsRemoved: 1,
      unitsChanged: 1,
      fieldsChanged: 2,
    });
    assert.equal(
      describeDiff(summary),
      '数据新增 1 项、删除 1 项、修改 1 项；新增单位 1 个；删除单位 1 个；单位数据有变化 1 个；其他字段变动 2 处',
    );
  });

  it('finds nothing between a package and itself written with other units and key order', () => {
    const a = pkg({});
    const b = pkg({
      amounts: { unit: '元', decimals: 2 },
      facts: { expense: { 'func=201': '90', '': '90.00' }, income: { '': '100' } },
    });
    const summary = summarizeDiff(diffPackages(a, b));
    assert.equal(describeDiff(summary), '无变化');
  });

  it("reports last year's facts apart from this year's", () => {
    const diff = diffPackages(pkg({}), pkg({ priorYear: { facts: { income: { '': '80.00' } } } }));
    assert.deepEqual(diff.priorYear.added, [{ key: 'income', after: 8_000n }]);
    assert.equal(summarizeDiff(diff).factsAdded, 0);
  });
});
