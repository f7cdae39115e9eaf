import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { divideRounded } from './exact';
import {
  FEN_PER,
  formatAmount,
  formatPercent,
  formatWan,
  formatYuan,
  isMoneyUnit,
  type MoneyUnit,
  moneyUnitOf,
  parseAmount,
  printedStep,
  roundToPrinted,
} from './money';

function fen(input: string | number, unit: MoneyUnit = '元', maxDecimals?: number): bigint {
  const result = parseAmount(input, unit, maxDecimals);
  if (!result.ok) throw new Error(result.reason);
  return result.fen;
}

describe('parseAmount', () => {
  it('reads 元 with separators, signs and short fractions', () => {
    assert.equal(fen('1,234.56'), 123456n);
    assert.equal(fen('1234.5'), 123450n);
    assert.equal(fen('0'), 0n);
    assert.equal(fen('-0.01'), -1n);
    assert.equal(fen('+7'), 700n);
    assert.equal(fen(' 12 345.00 '), 1234500n);
  });

  it('reads 万元 exactly down to 分', () => {
    assert.equal(fen('940.49', '万元'), 940_490_000n);
    assert.equal(fen('0.005', '万元'), 5_000n);
    assert.equal(fen('0.000001', '万元'), 1n);
  });

  it('reads 千元 exactly down to 分 and refuses a sixth decimal', () => {
    assert.equal(fen('1,234.5', '千元'), 123_450_000n);
    assert.equal(fen('0.00001', '千元'), 1n);
    assert.equal(fen('-15', '千元'), -1_500_000n);
    const result = parseAmount('0.000001', '千元');
    assert.match(!result.ok ? result.reason : '', /6 位小数，千元金额最多 5 位/);
  });

  it('reads full-width digits and signs', () => {
    assert.equal(fen('１，２３４．５６'), 123456n);
    assert.equal(fen('－３'), -300n);
  });

  it('reads JS numbers through their shortest decimal form', () => {
    assert.equal(fen(940.49, '万元'), 940_490_000n);
    assert.equal(fen(0.1), 10n);
    assert.equal(fen(1e13), 1_000_000_000_000_000n);
  });

  it('handles values up to 10^13 元 exactly as strings', () => {
    assert.equal(fen('10,000,000,000,000.00'), 1_000_000_000_000_000n);
    assert.equal(fen('9999999999999.99'), 999_999_999_999_999n);
  });

  it('refuses too many decimals instead of rounding', () => {
    const result = parseAmount('1.005', '元');
    assert.equal(result.ok, false);
    assert.match(!result.ok ? result.reason : '', /3 位小数.*最多 2 位/);
    assert.equal(parseAmount('940.495', '万元', 2).ok, false);
    assert.equal(parseAmount('0.0000001', '万元').ok, false);
  });

  it('refuses numbers that may already have lost precision', () => {
    // biome-ignore lint/correctness/noPrecisionLoss: the literal is the point: it cannot be held exactly.
    const result = parseAmount(9007199254740993.5, '元');
    assert.equal(result.ok, false);
  });

  it('refuses text that is not an amount', () => {
    for (const bad of ['', '  ', 'abc', '1.2.3', '12,34', '1,2345', '--1', '1e5', '¥12']) {
      assert.equal(parseAmount(bad, '元').ok, false, bad);
    }
  });
});

describe('rounding', () => {
  it('rounds half away from zero', () => {
    assert.equal(divideRounded(5n, 10n), 1n);
    assert.equal(divideRounded(4n, 10n), 0n);
    assert.equal(divideRounded(-5n, 10n), -1n);
    assert.equal(divideRounded(-4n, 10n), 0n);
  });

  it('formats 150.00 元 as 0.02 万元 where toFixed says 0.01', () => {
    assert.equal(formatWan(15000n), '0.02');
    assert.equal(formatWan(14999n), '0.01');
    assert.equal(formatWan(-15000n), '-0.02');
    assert.equal(formatWan(-4999n), '0.00');
  });

  it('formats with thousands separators in either unit', () => {
    assert.equal(formatYuan(650_272_461n), '6,502,724.61');
    assert.equal(formatWan(650_272_461n), '650.27');
    assert.equal(formatWan(1_000_000_000_000_000n), '1,000,000,000.00');
    assert.equal(formatYuan(0n), '0.00');
    assert.equal(formatAmount(123456n, '元', { grouping: false, decimals: 0 }), '1235');
  });

  it('rounds to what a printed figure shows', () => {
    assert.equal(roundToPrinted(940_495_000n, '万元'), 940_500_000n);
    assert.equal(roundToPrinted(940_494_999n, '万元'), 940_490_000n);
    assert.equal(roundToPrinted(123_450_000n, '千元', 0), 123_500_000n);
  });

  it('formats 千元 between 元 and 万元: 1,234,567.89 元 is 1,234.57 千元', () => {
    assert.equal(formatAmount(123_456_789n, '千元'), '1,234.57');
    assert.equal(formatAmount(123_456_789n, '千元', { decimals: 0 }), '1,235');
    assert.equal(printedStep('千元', 2), 1_000n, '0.01 千元 = 10 元');
    assert.equal(printedStep('千元', 0), 100_000n);
  });
});

describe('percentages', () => {
  it('rounds shares half up to two decimals', () => {
    assert.equal(formatPercent(68_521n, 94_049n), '72.86');
    assert.equal(formatPercent(1n, 3n), '33.33');
    assert.equal(formatPercent(2n, 3n), '66.67');
    assert.equal(formatPercent(18_705n, 100_000n), '18.71');
  });

  it('gives no rate when the whole is zero', () => {
    assert.equal(formatPercent(5n, 0n), null);
  });

  it('keeps the sign of a decrease', () => {
    assert.equal(formatPercent(-30n, 132n), '-22.73');
  });
});

describe('formatAmount agrees with exact bigint rounding on every path', () => {
  /** The definition: bigint rounding half away from zero, then separators by pattern. */
  function reference(fen: bigint, unit: MoneyUnit, decimals: number, grouping: boolean): string {
    const scaled = divideRounded(fen * 10n ** BigInt(decimals), FEN_PER[unit]);
    const negative = scaled < 0n;
    const digits = (negative ? -scaled : scaled).toString().padStart(decimals + 1, '0');
    const intPart = digits.slice(0, digits.length - decimals);
    const grouped = grouping ? intPart.replace(/\B(?=(\d{3})+(?!\d))/g, ',') : intPart;
    return `${negative ? '-' : ''}${grouped}${decimals > 0 ? `.${digits.slice(digits.length - decimals)}` : ''}`;
  }

  it('small, large, half-way, negative and beyond-double figures in 元, 千元 and 万元 with 0–6 decimals', () => {
    const values: bigint[] = [0n, 1n, 4_999n, 5_000n, 5_001n, 9_999_999n, 940_494_999n, 940_495_000n];
    for (let i = 0n; i < 200n; i++)
      values.push((i * 7_919n) ** 3n + i, 10n ** (i % 25n) - 1n, 10n ** (i % 25n) * 5n);
    values.push(2n ** 53n, 2n ** 62n + 12_345n, 10n ** 30n + 500_000n);
    for (const fen of [...values, ...values.map((v) => -v)]) {
      for (const unit of ['元', '千元', '万元'] as const) {
        for (let decimals = 0; decimals <= 6; decimals++) {
          for (const grouping of [true, false]) {
            assert.equal(
              formatAmount(fen, unit, { decimals, grouping }),
              reference(fen, unit, decimals, grouping),
              `${fen} 分 in ${unit}, ${decimals} decimals`,
            );
          }
        }
      }
    }
  });
});

describe('money units as printed', () => {
  it("reads the unit a table's unit line states", () => {
    assert.equal(moneyUnitOf('元'), '元');
    assert.equal(moneyUnitOf('千元'), '千元');
    assert.equal(moneyUnitOf('万元）'), '万元');
    assert.equal(moneyUnitOf('人民币万元'), '万元');
    assert.equal(moneyUnitOf('人'), undefined);
    assert.equal(moneyUnitOf(undefined), undefined);
  });

  it('knows the three units and nothing else', () => {
    assert.deepEqual(
      ['元', '千元', '万元', '亿元', '%', undefined].map((u) => isMoneyUnit(u)),
      [true, true, true, false, false, false],
    );
  });
});
