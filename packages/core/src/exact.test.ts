import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  divideRounded,
  formatQ,
  formatRatioPercent,
  formatScaled,
  parseDecimal,
  q,
  qAdd,
  qCmp,
  qDiv,
  qMul,
  qRound,
  qSub,
  qSum,
  readDecimal,
} from './exact';

const text = (value: { n: bigint; d: bigint }) => `${value.n}/${value.d}`;

describe('rationals', () => {
  it('are reduced with a positive denominator whatever they are built from', () => {
    assert.equal(text(q(6n, 4n)), '3/2');
    assert.equal(text(q(6n, -4n)), '-3/2');
    assert.equal(text(q(-6n, -4n)), '3/2');
    assert.equal(text(q(0n, -7n)), '0/1');
    assert.equal(text(qAdd(q(1n, 6n), q(1n, 3n))), '1/2');
    assert.equal(text(qSub(q(1n, 2n), q(1n, 2n))), '0/1');
    assert.equal(text(qMul(q(2n, 3n), q(3n, 4n))), '1/2');
    assert.equal(text(qDiv(q(1n, 2n), q(-1n, 4n))), '-2/1');
    assert.equal(text(qSum([q(1n, 3n), q(1n, 3n), q(1n, 3n)])), '1/1');
  });

  it('compare by value, not by representation', () => {
    assert.equal(qCmp(q(1n, 3n), q(2n, 6n)), 0);
    assert.equal(qCmp(q(-1n, 2n), q(-1n, 3n)), -1);
    assert.equal(qCmp(q(7n), q(13n, 2n)), 1);
  });

  it('refuses a zero denominator or divisor', () => {
    assert.throws(() => q(1n, 0n), RangeError);
    assert.throws(() => qDiv(q(1n), q(0n)), RangeError);
    assert.throws(() => divideRounded(1n, 0n), RangeError);
  });
});

describe('四舍五入 (half away from zero)', () => {
  it('rounds halves away from zero, on either side and for either sign of the divisor', () => {
    assert.equal(divideRounded(5n, 2n), 3n);
    assert.equal(divideRounded(-5n, 2n), -3n);
    assert.equal(divideRounded(5n, -2n), -3n);
    assert.equal(divideRounded(-5n, -2n), 3n);
    assert.equal(divideRounded(-1n, 2n), -1n);
    assert.equal(divideRounded(-7n, 5n), -1n);
    assert.equal(divideRounded(-8n, 5n), -2n);
  });

  it('rounds .5 up in magnitude at every scale from 0 to 12 decimals', () => {
    for (let decimals = 0; decimals <= 12; decimals++) {
      const unit = 10n ** BigInt(decimals);
      // 12.3…5 with one digit beyond `decimals`: exactly half a last digit.
      const half = q(123n * unit * 10n + 5n, unit * 10n);
      assert.equal(qRound(half, decimals), 123n * unit + 1n, `${decimals} decimals`);
      assert.equal(qRound(qMul(half, q(-1n)), decimals), -(123n * unit + 1n), `−, ${decimals} decimals`);
      // Just below the half rounds down.
      const below = q(123n * unit * 100n + 49n, unit * 100n);
      assert.equal(qRound(below, decimals), 123n * unit, `below, ${decimals} decimals`);
    }
  });

  it('rounds the classic binary-float traps exactly', () => {
    assert.equal(qRound(parseDecimal('1.005')!, 2), 101n);
    assert.equal(qRound(parseDecimal('-1.005')!, 2), -101n);
    assert.equal(qRound(parseDecimal('2.675')!, 2), 268n);
    assert.equal(qRound(qMul(qDiv(parseDecimal('49.977')!, q(50n)), q(10n)), 2), 1000n);
  });

  it('prints rounded figures without a negative zero', () => {
    assert.equal(formatQ(parseDecimal('-0.00004')!, 4), '0');
    assert.equal(formatQ(q(1n, 3n)), '0.3333');
    assert.equal(formatQ(q(-2n, 3n), 2), '-0.67');
    assert.equal(formatQ(parseDecimal('112.050')!), '112.05');
    assert.equal(formatQ(q(1_234_567n, 2n), 2, true), '617,283.5');
    assert.equal(formatQ(q(1_234_567n), 0, true), '1,234,567');
    assert.equal(formatRatioPercent(q(-1n, 3n)), '-33.33%');
    assert.equal(formatRatioPercent(q(2n, 3n), 0), '67%');
  });
});

describe('formatScaled', () => {
  it('places the point, pads and groups', () => {
    assert.equal(formatScaled(94049n, 2), '940.49');
    assert.equal(formatScaled(-5n, 3), '-0.005');
    assert.equal(formatScaled(123456789n, 2), '1,234,567.89');
    assert.equal(formatScaled(123456789n, 2, false), '1234567.89');
    assert.equal(formatScaled(-1000n, 0), '-1,000');
  });
});

describe('parseDecimal', () => {
  it('reads text exactly, with full-width forms, separators and spaces', () => {
    assert.equal(text(parseDecimal('12.50')!), '25/2');
    assert.equal(text(parseDecimal('-0.005')!), '-1/200');
    assert.equal(text(parseDecimal('+7')!), '7/1');
    assert.equal(text(parseDecimal('1,234.5')!), '2469/2');
    assert.equal(text(parseDecimal('１，２３４．５')!), '2469/2');
    assert.equal(text(parseDecimal('－３')!), '-3/1');
    assert.equal(text(parseDecimal(' 12 345 ')!), '12345/1');
    assert.equal(text(parseDecimal('5.')!), '5/1');
  });

  it('reads JS numbers through their shortest decimal form, exponents written out', () => {
    assert.equal(text(parseDecimal(0.1)!), '1/10');
    assert.equal(text(parseDecimal(49.976847)!), '49976847/1000000');
    assert.equal(text(parseDecimal(1e-7)!), '1/10000000');
    assert.equal(text(parseDecimal(-2.5e3)!), '-2500/1');
  });

  it('keeps the decimals as written', () => {
    const read = readDecimal('4.50');
    assert.deepEqual(read, { ok: true, negative: false, integer: '4', fraction: '50' });
  });

  it('refuses what is not a plain decimal, and says why', () => {
    const refused: [string | number, string][] = [
      ['', 'empty'],
      ['   ', 'empty'],
      ['abc', 'notDecimal'],
      ['1.2.3', 'notDecimal'],
      ['12,34', 'notDecimal'],
      ['1,2345', 'notDecimal'],
      [',123', 'notDecimal'],
      ['.5', 'notDecimal'],
      ['--1', 'notDecimal'],
      ['1e5', 'notDecimal'],
      ['12%', 'notDecimal'],
      ['¥12', 'notDecimal'],
      [Number.NaN, 'notFinite'],
      [Number.POSITIVE_INFINITY, 'notFinite'],
      [0.30000000000000004, 'imprecise'],
      [2 ** 60, 'imprecise'],
    ];
    for (const [input, problem] of refused) {
      const read = readDecimal(input);
      assert.equal(read.ok ? 'ok' : read.problem, problem, String(input));
      assert.equal(parseDecimal(input), null, String(input));
    }
  });
});
