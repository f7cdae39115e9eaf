import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { FactSet } from '../fact-set';
import { consolidate } from './consolidate';
import type { Adjustment } from './transfers';
import { type ConsolidationUnit, parentsOf } from './units';

const facts = (entries: Record<string, bigint>) => FactSet.from(Object.entries(entries));

/** A bureau (一级) that pays its centre (二级) a 补助 of 1,500 分 under 2101501 and spends 8,000 in all. */
function bureau(extra: Record<string, bigint> = {}): ConsolidationUnit {
  return {
    name: '本级',
    code: '101',
    budgetLevel: '一级',
    facts: facts({
      income: 8_000n,
      'income source=gpb': 8_000n,
      expense: 8_000n,
      'expense func=210': 8_000n,
      'expense func=21015': 8_000n,
      'expense func=2101501': 8_000n,
      'expense nature=basic': 6_500n,
      'expense nature=subsidy': 1_500n,
      'expense func=210 nature=subsidy': 1_500n,
      'expense func=21015 nature=subsidy': 1_500n,
      'expense func=2101501 nature=subsidy': 1_500n,
      'grandTotal side=income': 8_000n,
      'grandTotal side=expense': 8_000n,
      ...extra,
    }),
  };
}

/** Its centre, which books the 补助 as 上级补助收入 under the same code and spends it. */
function centre(superior = 1_500n, extra: Record<string, bigint> = {}): ConsolidationUnit {
  return {
    name: '服务中心',
    code: '102',
    budgetLevel: '二级',
    facts: facts({
      income: 2_000n + superior,
      'income source=gpb': 2_000n,
      'income source=superior': superior,
      'income func=2101501': 2_000n + superior,
      'income func=2101501 source=superior': superior,
      'income func=21015 source=superior': superior,
      'income func=210 source=superior': superior,
      expense: 2_000n + superior,
      'expense nature=basic': 2_000n + superior,
      'grandTotal side=income': 2_000n + superior,
      'grandTotal side=expense': 2_000n + superior,
      ...extra,
    }),
  };
}

describe('consolidate (汇总 with an adjustment table)', () => {
  it('is the plain sum when no unit pays another', () => {
    const units: ConsolidationUnit[] = [
      { name: '甲', budgetLevel: '一级', facts: facts({ income: 5n, expense: 4n }) },
      { name: '乙', budgetLevel: '二级', facts: facts({ income: 7n }) },
    ];
    const result = consolidate(units);
    assert.deepEqual(
      [...result.facts.entries()],
      [
        ['income', 12n],
        ['expense', 4n],
      ],
    );
    assert.deepEqual(result.adjustments, []);
    assert.deepEqual(result.issues, []);
    assert.equal(result.proposed, true);
    assert.deepEqual(result.trace('income'), {
      units: [
        { unit: 0, value: 5n },
        { unit: 1, value: 7n },
      ],
      adjustments: [],
    });
  });

  it('proposes and applies the 补助 both sides report alike, by code, and traces every offset figure', () => {
    const result = consolidate([bureau(), centre()]);
    assert.deepEqual(result.adjustments, [
      { pair: 'subsidy', from: 0, to: 1, amount: 1_500n, func: '2101501' },
    ]);
    assert.deepEqual(result.issues, []);
    const f = result.facts;
    // Both sides of the transfer vanish; totals lose it once on each side.
    assert.equal(f.get('expense nature=subsidy'), 0n);
    assert.equal(f.get('expense func=21015 nature=subsidy'), 0n);
    assert.equal(f.get('income source=superior'), 0n);
    assert.equal(f.get('income func=210 source=superior'), 0n);
    assert.equal(f.get('expense'), 8_000n + 3_500n - 1_500n);
    assert.equal(f.get('expense func=2101501'), 8_000n - 1_500n);
    assert.equal(f.get('income'), 8_000n + 3_500n - 1_500n);
    assert.equal(f.get('income func=2101501'), 3_500n - 1_500n);
    assert.equal(f.get('grandTotal side=income'), f.get('grandTotal side=expense'));
    // Spending that is not a transfer is untouched.
    assert.equal(f.get('expense nature=basic'), 6_500n + 3_500n);
    assert.deepEqual(result.trace('expense'), {
      units: [
        { unit: 0, value: 8_000n },
        { unit: 1, value: 3_500n },
      ],
      adjustments: [{ entry: 0, change: -1_500n }],
    });
    assert.deepEqual(result.trace('expense nature=basic')?.adjustments, []);
  });

  it('proposes nothing and reports both figures when the amounts disagree', () => {
    const result = consolidate([bureau(), centre(1_400n)]);
    assert.deepEqual(result.adjustments, []);
    assert.equal(result.facts.get('expense nature=subsidy'), 1_500n);
    assert.deepEqual(result.issues, [
      {
        pair: 'subsidy',
        parent: 0,
        children: [1],
        kind: 'mismatch',
        paid: [{ unit: 0, amount: 1_500n }],
        received: [{ unit: 1, amount: 1_400n }],
        byCode: false,
      },
    ]);
  });

  it('reports equal totals booked under different codes instead of offsetting them', () => {
    const moved = centre(1_500n, {
      'income func=2101501 source=superior': 1_000n,
      'income func=2101599 source=superior': 500n,
    });
    const [issue] = consolidate([bureau(), moved]).issues;
    assert.equal(issue?.kind, 'mismatch');
    assert.equal(issue?.kind === 'mismatch' && issue.byCode, true);
  });

  it('reports a transfer only one side reports', () => {
    const unpaid = bureau({ 'expense nature=subsidy': 0n, 'expense func=2101501 nature=subsidy': 0n });
    assert.deepEqual(consolidate([unpaid, centre()]).issues, [
      {
        pair: 'subsidy',
        parent: 0,
        children: [1],
        kind: 'unmatched',
        reported: [{ unit: 1, amount: 1_500n }],
        missing: 'paid',
      },
    ]);
  });

  it('offsets a 上缴 from the centre to its parent in the other direction', () => {
    const result = consolidate([
      {
        name: '本级',
        budgetLevel: '一级',
        facts: facts({ 'income source=affiliate': 300n, income: 1_000n }),
      },
      {
        name: '服务中心',
        budgetLevel: '二级',
        facts: facts({ 'expense nature=upper': 300n, expense: 900n }),
      },
    ]);
    assert.deepEqual(result.adjustments, [{ pair: 'remittance', from: 1, to: 0, amount: 300n }]);
    assert.equal(result.facts.get('income'), 700n);
    assert.equal(result.facts.get('expense'), 600n);
    assert.equal(result.facts.get('income source=affiliate'), 0n);
  });

  it("applies the user's table as written and reports what it over- or under-offsets", () => {
    const table: Adjustment[] = [{ pair: 'subsidy', from: 0, to: 1, amount: 2_000n }];
    const result = consolidate([bureau(), centre()], table);
    assert.equal(result.proposed, false);
    assert.equal(result.facts.get('income source=superior'), -500n);
    assert.deepEqual(
      result.issues.map((i) => [i.kind, 'offset' in i ? i.offset : undefined]),
      [
        ['excess', 2_000n],
        ['excess', 2_000n],
        ['uneliminated', 2_000n],
      ],
    );
    const none = consolidate([bureau(), centre()], []);
    assert.deepEqual(
      none.issues.map((i) => i.kind),
      ['uneliminated'],
    );
    assert.equal(none.facts.get('expense nature=subsidy'), 1_500n);
  });
});

describe('parentsOf', () => {
  it('takes an explicit parent, else the one unit a level up, else none', () => {
    const units: ConsolidationUnit[] = [
      { name: '本级', budgetLevel: '一级' },
      { name: '中心', budgetLevel: '二级' },
      { name: '站', budgetLevel: '三级', parent: '中心' },
      { name: '所', budgetLevel: '三级' },
      { name: '队', budgetLevel: '二级' },
    ];
    // 所 has two 二级 units above it and names neither: its parent is unknown.
    assert.deepEqual(parentsOf(units), [undefined, 0, 1, undefined, 0]);
  });
});
