import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { completeTotals, describeFilled } from './complete';
import { FactSet } from './fact-set';

/** Facts from `key: 元` pairs (元 with up to 2 decimals, or integers for counts). */
function facts(entries: Record<string, string | number>): FactSet {
  return FactSet.from(
    Object.entries(entries).map(([key, value]) => [
      key,
      typeof value === 'number' ? BigInt(value) : BigInt(Math.round(Number(value) * 100)),
    ]),
  );
}

const yuan = (text: string) => BigInt(Math.round(Number(text) * 100));

describe('completeTotals: classification hierarchy', () => {
  it('fills 款, 类 and 合计 from 项 and names the parts each was summed from', () => {
    const input = facts({
      'expense func=2101101': '100.00',
      'expense func=2101102': '20.50',
      'expense func=2101501': '300.00',
      'expense func=2210201': '40.00',
    });
    const { facts: out, filled } = completeTotals(input);
    assert.equal(out.get('expense func=21011'), yuan('120.50'));
    assert.equal(out.get('expense func=21015'), yuan('300.00'));
    assert.equal(out.get('expense func=210'), yuan('420.50'));
    assert.equal(out.get('expense func=22102'), yuan('40.00'));
    assert.equal(out.get('expense func=221'), yuan('40.00'));
    assert.equal(out.get('expense'), yuan('460.50'));
    const byKey = new Map(filled.map((f) => [f.key, f]));
    assert.deepEqual(byKey.get('expense func=210'), {
      key: 'expense func=210',
      value: yuan('420.50'),
      from: ['expense func=21011', 'expense func=21015'],
      rule: '类 = Σ款',
    });
    assert.equal(byKey.get('expense func=21011')?.rule, '款 = Σ项');
    assert.deepEqual(byKey.get('expense')?.from, ['expense func=210', 'expense func=221']);
    assert.equal(byKey.get('expense')?.rule, '合计 = Σ类');
    assert.equal(
      byKey.get('grandTotal side=expense')?.value,
      yuan('460.50'),
      '总计 with no balances reported',
    );
    assert.equal(filled.length, 7);
  });

  it('rolls up every combination of the other dimensions separately', () => {
    const { facts: out } = completeTotals(
      facts({
        'expense func=2101501 fund=gpb nature=basic': '10.00',
        'expense func=2101599 fund=gpb nature=basic': '5.00',
        'expense func=2101501 fund=gpb nature=project': '7.00',
        'income func=2101501 source=gpb': '30.00',
        'budget func=210 stage=final': '99.00',
        'balance when=closing fund=gfb func=2120101': '3.00',
      }),
    );
    assert.equal(out.get('expense func=21015 fund=gpb nature=basic'), yuan('15.00'));
    assert.equal(out.get('expense fund=gpb nature=basic'), yuan('15.00'));
    assert.equal(out.get('expense func=210 fund=gpb nature=project'), yuan('7.00'));
    assert.equal(out.get('income func=210 source=gpb'), yuan('30.00'));
    assert.equal(out.get('budget stage=final'), yuan('99.00'));
    assert.equal(out.get('balance when=closing fund=gfb'), yuan('3.00'));
  });

  it('fills economic 类 from 款, but puts no total above the economic 类', () => {
    const { facts: out, filled } = completeTotals(
      facts({
        'basicEcon econ=30101': '50.00',
        'basicEcon econ=30102': '25.00',
        'basicEcon econ=30201': '4.00',
      }),
    );
    assert.equal(out.get('basicEcon econ=301'), yuan('75.00'));
    assert.equal(out.get('basicEcon econ=302'), yuan('4.00'));
    assert.equal(filled.find((f) => f.key === 'basicEcon econ=301')?.rule, '经济分类类 = Σ款');
    assert.ok(![...out.keys()].some((k) => k.includes('econ=*')));
  });

  it('fills 人员经费 = 301 + 303 and 公用经费 = 302 + 307 + 310 + 312 + 399 from filled 类', () => {
    const { facts: out } = completeTotals(
      facts({
        'basicEcon econ=30101': '600.00',
        'basicEcon econ=30302': '28.18',
        'basicEcon econ=30201': '50.00',
        'basicEcon econ=30217': '3.05',
        'basicEcon econ=31002': '3.98',
      }),
    );
    assert.equal(out.get('basicGroup group=personnel'), yuan('628.18'));
    assert.equal(out.get('basicGroup group=public'), yuan('57.03'));
  });
});

describe('completeTotals: never overwrites what was reported', () => {
  it('keeps a reported 类 that disagrees with its 款 and builds higher totals on the reported figure', () => {
    const input = facts({
      'expense func=210': '812.03',
      'expense func=21011': '42.86',
      'expense func=21015': '767.79',
      'expense func=21099': '1.39',
    });
    const { facts: out, filled } = completeTotals(input);
    assert.equal(out.get('expense func=210'), yuan('812.03'), 'the reported 类 stays, though Σ款 = 812.04');
    assert.equal(out.get('expense'), yuan('812.03'));
    assert.deepEqual(
      filled.map((f) => f.key),
      ['expense', 'grandTotal side=expense'],
    );
  });

  it('does not change the input set', () => {
    const input = facts({ 'income source=gpb': '1.00' });
    completeTotals(input);
    assert.deepEqual([...input.keys()], ['income source=gpb']);
  });
});

describe('completeTotals: by fund, source and nature', () => {
  it('fills 财政拨款收入 = gpb + gfb + socb and 本年收入合计 from whichever sources are reported', () => {
    const { facts: out, filled } = completeTotals(
      facts({
        'income source=gpb': '940.49',
        'income source=gfb': '0.01',
        'income source=business': '10.00',
        'income source=other': '0.50',
      }),
    );
    assert.equal(out.get('income source=fiscal'), yuan('940.50'));
    assert.equal(out.get('income'), yuan('951.00'));
    assert.deepEqual(filled.find((f) => f.key === 'income')?.from, [
      'income source=fiscal',
      'income source=business',
      'income source=other',
    ]);
  });

  it('fills per code too, and the 合计 of a source both ways gives the same figure', () => {
    const { facts: out } = completeTotals(
      facts({
        'income func=2101501 source=gpb': '100.00',
        'income func=2101501 source=business': '20.00',
        'income func=2080505 source=gpb': '30.00',
      }),
    );
    assert.equal(out.get('income func=2101501'), yuan('120.00'));
    assert.equal(out.get('income func=2101501 source=fiscal'), yuan('100.00'));
    assert.equal(out.get('income source=fiscal'), yuan('130.00'));
    assert.equal(out.get('income'), yuan('150.00'));
    assert.equal(out.get('income func=210'), yuan('120.00'));
  });

  it('fills expense fund=fiscal from the fiscal funds but never fund=all', () => {
    const { facts: out } = completeTotals(
      facts({
        'expense func=2120101 fund=gpb nature=basic': '10.00',
        'expense func=2120101 fund=gfb nature=project': '4.00',
        'balance when=closing fund=gpb': '1.00',
        'balance when=closing fund=socb': '2.00',
      }),
    );
    assert.equal(out.get('expense func=2120101 fund=fiscal nature=basic'), yuan('10.00'));
    assert.equal(out.get('expense func=2120101 fund=fiscal'), yuan('14.00'));
    assert.equal(out.get('expense fund=fiscal'), yuan('14.00'));
    assert.equal(out.get('balance when=closing fund=fiscal'), yuan('3.00'));
    assert.ok(
      ![...out.keys()].some((k) => /^expense/.test(k) && !k.includes('fund=')),
      'no fund=all expense',
    );
    assert.equal(out.get('balance when=closing'), undefined);
  });

  it('fills 本年支出合计 as the sum of the five natures', () => {
    const { facts: out } = completeTotals(
      facts({
        'expense func=2101501 nature=basic': '433.25',
        'expense func=2101501 nature=project': '9.98',
        'expense func=2101501 nature=operating': '1.00',
      }),
    );
    assert.equal(out.get('expense func=2101501'), yuan('444.23'));
    assert.equal(out.get('expense'), yuan('444.23'));
  });
});

describe('completeTotals: grand totals', () => {
  it('fills T01 总计 on both sides and T04 总计 for 财政拨款 and each fund', () => {
    const { facts: out } = completeTotals(
      facts({
        'income source=gpb': '940.49',
        'income source=business': '0.01',
        surplusUsed: '0.00',
        'balance when=opening': '0.01',
        'expense func=2101501 fund=gpb nature=basic': '940.49',
        'expense func=2101501 nature=basic': '940.50',
        surplusDistribution: '0.00',
        'balance when=closing': '0.01',
        'balance when=opening fund=gpb': '0.00',
      }),
    );
    assert.equal(out.get('grandTotal side=income'), yuan('940.51'));
    assert.equal(out.get('grandTotal side=expense'), yuan('940.51'));
    assert.equal(out.get('grandTotal side=income fund=fiscal'), yuan('940.49'));
    assert.equal(out.get('grandTotal side=income fund=gpb'), yuan('940.49'));
    assert.equal(out.get('grandTotal side=expense fund=fiscal'), yuan('940.49'));
    assert.equal(out.get('grandTotal side=expense fund=gpb'), yuan('940.49'));
    assert.equal(out.get('grandTotal side=income fund=gfb'), undefined, 'nothing of gfb was reported');
  });
});

describe('completeTotals: 三公, assets and procurement', () => {
  it('fills the 三公 items per column, 接待费 from its split only in the 决算 column', () => {
    const { facts: out } = completeTotals(
      facts({
        'threePublic item=abroad': '0.00',
        'threePublic item=vehiclePurchase': '0.00',
        'threePublic item=vehicleOperation': '5.20',
        'threePublic item=receptionDomestic': '1.02',
        'threePublic item=receptionForeign': '0.30',
        'threePublic item=receptionOverseas': '0.00',
        'threePublic item=abroad col=finalBudget': '1.00',
        'threePublic item=vehicleOperation col=finalBudget': '6.00',
        'threePublic item=reception col=finalBudget': '2.00',
      }),
    );
    assert.equal(out.get('threePublic item=vehicle'), yuan('5.20'));
    assert.equal(out.get('threePublic item=reception'), yuan('1.02'), '其中外事 is not added again');
    assert.equal(out.get('threePublic'), yuan('6.22'));
    assert.equal(out.get('threePublic item=vehicle col=finalBudget'), yuan('6.00'));
    assert.equal(out.get('threePublic col=finalBudget'), yuan('9.00'));
    assert.equal(out.get('threePublic col=initialBudget'), undefined);
  });

  it('a budget-column 接待费 is never built from the N/A split', () => {
    const { facts: out } = completeTotals(
      facts({ 'threePublic item=receptionDomestic col=initialBudget': '1.00' }),
    );
    assert.equal(out.get('threePublic item=reception col=initialBudget'), undefined);
  });

  it('fills 车辆数合计 and 政府采购 totals per awardee', () => {
    const { facts: out } = completeTotals(
      facts({
        'asset item=vehicleLaw': 3,
        'asset item=vehicleConfidential': 1,
        'asset item=vehicleSpecial': 0,
        'procurement category=goods': '11.52',
        'procurement category=services': '86.22',
        'procurement category=goods awardee=sme': '10.00',
        'procurement category=services awardee=sme': '50.00',
        'procurement category=services awardee=micro': '20.00',
      }),
    );
    assert.equal(out.get('asset item=vehicles'), 4n);
    assert.equal(out.get('procurement'), yuan('97.74'));
    assert.equal(out.get('procurement awardee=sme'), yuan('60.00'));
    assert.equal(out.get('procurement awardee=micro'), yuan('20.00'));
  });
});

describe('completeTotals: fixed point, determinism, idempotence', () => {
  it('a total derived from derived parts reaches the top: 项 natures → 项 total → 款 → 类 → 合计 → 总计', () => {
    const { facts: out, filled } = completeTotals(
      facts({
        'expense func=2101501 nature=basic': '1.00',
        'expense func=2101501 nature=project': '2.00',
        'expense func=2080505 nature=basic': '3.00',
        'balance when=closing': '0.50',
      }),
    );
    assert.equal(out.get('expense'), yuan('6.00'));
    assert.equal(out.get('grandTotal side=expense'), yuan('6.50'));
    assert.equal(out.get('expense func=2101501'), yuan('3.00'));
    assert.equal(out.get('expense func=21015 nature=basic'), yuan('1.00'));
    const seen = new Set(['expense func=2101501 nature=basic', 'expense func=2101501 nature=project']);
    seen.add('expense func=2080505 nature=basic').add('balance when=closing');
    for (const { key, from } of filled) {
      for (const part of from) assert.ok(seen.has(part), `${key}: part ${part} is reported or filled before`);
      seen.add(key);
    }
  });

  it('a second run fills nothing', () => {
    const first = completeTotals(
      facts({
        'income func=2101501 source=gpb': '100.00',
        'expense func=2101501 fund=gpb nature=basic': '90.00',
        'expense func=2101501 nature=basic': '95.00',
        'basicEcon econ=30101': '90.00',
        'threePublic item=abroad': '1.00',
      }),
    );
    assert.ok(first.filled.length > 10);
    const second = completeTotals(first.facts);
    assert.deepEqual(second.filled, []);
    assert.ok(second.facts.equals(first.facts));
  });

  it('the same facts in another order give the same fills in the same order', () => {
    const entries: [string, string][] = [
      ['expense func=2101501 fund=gpb nature=basic', '1.00'],
      ['expense func=2080505 fund=gfb nature=project', '2.00'],
      ['income func=2210201 source=gpb', '3.00'],
      ['income func=2210201 source=other', '4.00'],
    ];
    const a = completeTotals(facts(Object.fromEntries(entries)));
    const b = completeTotals(facts(Object.fromEntries([...entries].reverse())));
    assert.deepEqual(a.filled, b.filled);
  });
});

describe('describeFilled', () => {
  it('writes one Chinese line per fill, amounts in the package unit, parts by their varying value', () => {
    const { filled } = completeTotals(
      facts({
        'expense func=21011': '42.86',
        'expense func=21015': '512.49',
        'expense func=21099': '1.39',
        'asset item=vehicleLaw': 2,
      }),
    );
    assert.deepEqual(describeFilled(filled, { unit: '万元', decimals: 2 }), [
      '已补全 asset item=vehicles = 2（车辆数合计 = 八类用车之和：vehicleLaw）',
      '已补全 expense func=210 = 0.06（类 = Σ款：21011, 21015, 21099）',
      '已补全 expense = 0.06（合计 = Σ类：210）',
      '已补全 grandTotal side=expense = 0.06（支出总计 = 本年支出合计 + 结余分配 + 年末结转和结余：expense）',
    ]);
    assert.equal(
      describeFilled(filled, { unit: '元', decimals: 2 })[1],
      '已补全 expense func=210 = 556.74（类 = Σ款：21011, 21015, 21099）',
    );
  });

  it('names parts of other measures by their full key', () => {
    const { filled } = completeTotals(facts({ income: '10.00', 'balance when=opening': '1.00' }));
    assert.deepEqual(describeFilled(filled, { unit: '元', decimals: 2 }), [
      '已补全 grandTotal side=income = 11.00（收入总计 = 本年收入合计 + 使用非财政拨款结余 + 年初结转和结余：income, balance when=opening）',
    ]);
  });
});
