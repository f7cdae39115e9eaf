import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { sumFactSets, writePackage } from '@juesuan/core';
import { EXAMPLES_DIR, readPackageFile } from './files';

const PATH = join(EXAMPLES_DIR, 'two-unit-2024.json');
const yuan = (text: string) => BigInt(text.replace(/[,.]/g, ''));

describe('examples/two-unit-2024.json: a bureau and its service centre, consolidated (汇总)', () => {
  const { package: pkg, issues } = readPackageFile(PATH);

  it('loads without any issue against the shipped catalog', () => {
    assert.deepEqual(issues, []);
    assert.ok(pkg);
    assert.equal(pkg.department.year, 2024);
    assert.equal(pkg.department.profile, 'jiangxi-2024');
    assert.deepEqual(pkg.amounts, { unit: '元', decimals: 2 });
  });

  it('has no department facts of its own: the department is exactly the sum of the two units', () => {
    assert.ok(pkg);
    assert.equal(pkg.consolidated, true);
    assert.deepEqual(
      pkg.units.map((u) => [u.name, u.kind]),
      [
        ['示例市医疗保障局（本级）', '行政'],
        ['示例市医疗保险服务中心', '事业'],
      ],
    );
    const [bureau, centre] = pkg.units.map((u) => u.facts!);
    assert.ok(bureau && centre);
    assert.ok(pkg.facts.equals(sumFactSets([bureau, centre])));
    for (const [key, value] of pkg.facts.entries()) {
      assert.equal(value, (bureau.get(key) ?? 0n) + (centre.get(key) ?? 0n), key);
    }
  });

  it('gives the expected department figures', () => {
    assert.ok(pkg);
    const f = pkg.facts;
    // 一般公共预算财政拨款收入: 4,243,730.00 (本级) + 2,317,000.00 (中心)
    assert.equal(f.get('income source=gpb'), yuan('6,560,730.00'));
    assert.equal(f.get('income source=business'), yuan('63,000.00'));
    // 本年支出合计: 4,273,730.00 + 2,362,000.00
    assert.equal(f.get('expense'), yuan('6,635,730.00'));
    assert.equal(f.get('expense func=210'), yuan('5,658,230.00'));
    // T05 基本支出 = T06 人员经费 + 公用经费
    assert.equal(f.get('expense fund=gpb nature=basic'), yuan('5,570,730.00'));
    assert.equal(f.get('basicGroup group=personnel'), yuan('4,629,650.00'));
    assert.equal(f.get('basicGroup group=public'), yuan('941,080.00'));
    // 机关运行经费 is the 行政 bureau's 公用经费 only.
    assert.equal(f.get('operatingCost'), yuan('745,080.00'));
    // T01 总计 balances: 6,623,730.00 + 0 + 55,000.00 = 6,635,730.00 + 0 + 43,000.00
    assert.equal(f.get('grandTotal side=income'), yuan('6,678,730.00'));
    assert.equal(f.get('grandTotal side=expense'), yuan('6,678,730.00'));
    assert.equal(f.get('threePublic'), yuan('63,600.00'));
    assert.equal(f.get('threePublicCount item=vehiclesHeld'), 2n);
    assert.equal(f.get('personnel kind=authorized'), 52n);
  });

  it('is written canonically', () => {
    assert.ok(pkg);
    assert.equal(readFileSync(PATH, 'utf8'), `${JSON.stringify(writePackage(pkg), null, 2)}\n`);
  });
});
