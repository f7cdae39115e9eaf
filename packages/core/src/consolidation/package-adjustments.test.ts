/** The `adjustments` section and `units[].parent` of the package format: read, refused, written back. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { type PackageJson, parsePackageJson, writePackage } from '../package';

function doc(extra: Partial<PackageJson> = {}): PackageJson {
  return {
    format: 'juesuan.package/1',
    department: { name: '示例局', year: 2024, profile: 'jiangxi-2024' },
    amounts: { unit: '元', decimals: 2 },
    units: [
      {
        name: '示例局（本级）',
        code: '101',
        budgetLevel: '一级',
        facts: { expense: { '': '500.00', 'nature=subsidy': '120.00' } },
      },
      { name: '中心', budgetLevel: '二级', facts: { income: { '': '300.00', 'source=superior': '120.00' } } },
    ],
    ...extra,
  };
}

const line = { pair: 'subsidy' as const, from: '101', to: '中心', amount: '120.00' };

describe('the adjustment table in a package', () => {
  it('resolves units by code or name, applies the table and writes it back as it was read', () => {
    const { package: pkg, issues } = parsePackageJson(doc({ adjustments: [{ ...line, note: '补助' }] }));
    assert.deepEqual(issues, []);
    assert.ok(pkg?.consolidation);
    assert.deepEqual(pkg.consolidation.adjustments, [
      { pair: 'subsidy', from: 0, to: 1, amount: 12_000n, note: '补助' },
    ]);
    assert.equal(pkg.facts.get('expense'), 38_000n);
    assert.equal(pkg.facts.get('income'), 18_000n);
    assert.deepEqual(writePackage(pkg).adjustments, [{ ...line, note: '补助' }]);
  });

  it('leaves a proposed table out of the written package, so that it is proposed again on reading', () => {
    const { package: pkg } = parsePackageJson(doc());
    assert.equal(pkg?.consolidation?.proposed, true);
    assert.equal(pkg?.facts.get('expense nature=subsidy'), 0n);
    assert.equal(writePackage(pkg!).adjustments, undefined);
  });

  it('refuses a line naming no unit, one unit twice, a zero amount or a malformed code, each at its path', () => {
    const { package: pkg, issues } = parsePackageJson(
      doc({
        adjustments: [
          { ...line, from: '102' },
          { ...line, to: '101' },
          { ...line, amount: '0' },
          { ...line, func: '21015x' },
        ],
      }),
    );
    assert.equal(pkg, undefined);
    assert.deepEqual(issues, [
      {
        severity: 'error',
        path: 'adjustments[0].from',
        message: 'units 中没有编码或名称为「102」的单位；数据包中的单位：101、中心',
      },
      {
        severity: 'error',
        path: 'adjustments[1].to',
        message: '付出和收到的是同一个单位「101」；内部往来须在两个单位之间',
      },
      { severity: 'error', path: 'adjustments[2].amount', message: '抵销金额应大于零，实际为 "0"' },
      {
        severity: 'error',
        path: 'adjustments[3].func',
        message:
          '支出功能分类科目代码应为以 2 开头的 3、5 或 7 位数字（类、款、项），实际为 "21015x"；只抵销合计时不写 func',
      },
    ]);
  });

  it('refuses a table in a package with facts of its own, and a parent that is not one of its units', () => {
    const own = parsePackageJson(doc({ facts: { income: { '': '1.00' } }, adjustments: [line] }));
    assert.deepEqual(
      own.issues.map((i) => i.path),
      ['adjustments'],
    );
    const orphan = doc();
    orphan.units![1]!.parent = '总局';
    assert.deepEqual(parsePackageJson(orphan).issues, [
      {
        severity: 'error',
        path: 'units[1].parent',
        message: 'units 中没有编码或名称为「总局」的单位；数据包中的单位：101、中心',
      },
    ]);
  });

  it('refuses a pair it does not know, naming the two it does', () => {
    const { issues } = parsePackageJson(doc({ adjustments: [{ ...line, pair: 'loan' as 'subsidy' }] }));
    assert.deepEqual(issues, [
      {
        severity: 'error',
        path: 'adjustments[0].pair',
        message: '应为 "subsidy" 或 "remittance" 之一，实际为 "loan"',
      },
    ]);
  });
});
