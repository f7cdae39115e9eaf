import assert from 'node:assert/strict';
import { test } from 'node:test';
import { q } from '../exact';
import { formatMoney, formatNumber } from './format';
import {
  absolute,
  type CompareOp,
  compare,
  compareSum,
  dividedBy,
  exact,
  minus,
  plus,
  printed,
  times,
  type Val,
  ValueError,
} from './value';

const bounds = (v: Val) => [
  v.lo && `${v.lo.n}/${v.lo.d}`,
  `${v.nom.n}/${v.nom.d}`,
  v.hi && `${v.hi.n}/${v.hi.d}`,
];

test('sums add the half steps of their figures', () => {
  // 940.49 万元 plus three printed zeros: four figures, ±0.02 万元.
  const a = printed('money', 940_490_000n, 5000n);
  const sum = [1, 2, 3].reduce((acc) => plus(acc, printed('money', 0n, 5000n)), a);
  assert.deepEqual(bounds(sum), ['940470000/1', '940490000/1', '940510000/1']);
  assert.deepEqual(bounds(minus(a, a)), ['-10000/1', '0/1', '10000/1']);
});

test('× and ÷ by an exact constant scale the interval', () => {
  const a = printed('money', 100n, 5n);
  assert.deepEqual(bounds(times(a, exact('number', q(3n)))), ['285/1', '300/1', '315/1']);
  assert.deepEqual(bounds(dividedBy(a, exact('number', q(4n)))), ['95/4', '25/1', '105/4']);
});

test('× and ÷ of two uncertain figures take the interval end points, exactly', () => {
  const a = printed('count', 10n, 1n);
  const b = printed('count', 4n, 1n);
  // [9, 11] × [3, 5] = [27, 55]; [9, 11] / [3, 5] = [9/5, 11/3].
  assert.deepEqual(bounds(times(a, b)), ['27/1', '40/1', '55/1']);
  assert.deepEqual(bounds(dividedBy(a, b)), ['9/5', '5/2', '11/3']);
  assert.deepEqual(bounds(times(printed('count', -2n, 1n), b)), ['-15/1', '-8/1', '-3/1']);
});

test('dividing by a figure whose interval reaches zero leaves the quotient unbounded', () => {
  const quotient = dividedBy(printed('money', 100n, 5n), printed('money', 3n, 5n));
  assert.equal(quotient.lo, null);
  assert.equal(quotient.hi, null);
  assert.equal(compare('=', quotient, exact('number', q(1000n))).truth.possible, true);
  assert.throws(() => dividedBy(exact('money', q(1n)), exact('money', q(0n))), ValueError);
});

test('comparisons hold nominally, possibly (within the open interval) or not at all', () => {
  const a = printed('money', 10n, 5n);
  const b = printed('money', 20n, 5n);
  assert.deepEqual(compare('=', a, b).truth, { nominal: false, possible: false, certain: false });
  const c = printed('money', 19n, 5n);
  assert.deepEqual(compare('=', a, c).truth, { nominal: false, possible: true, certain: false });
  assert.deepEqual(compare('<=', c, a).truth, { nominal: false, possible: true, certain: false });
  assert.deepEqual(compare('>=', c, a).truth, { nominal: true, possible: true, certain: false });
  assert.deepEqual(compare('>=', b, printed('money', 5n, 5n)).truth, {
    nominal: true,
    possible: true,
    certain: true,
  });
  assert.deepEqual(compare('<>', a, a).truth, { nominal: false, possible: true, certain: false });
  const exactly = (n: bigint) => exact('money', q(n));
  assert.deepEqual(compare('<', exactly(1n), exactly(1n)).truth, {
    nominal: false,
    possible: false,
    certain: false,
  });
  assert.deepEqual(compare('<=', exactly(1n), exactly(1n)).truth, {
    nominal: true,
    possible: true,
    certain: true,
  });
});

test('ABS of an interval around zero starts at zero', () => {
  assert.deepEqual(bounds(absolute(printed('money', -2n, 5n))), ['0/1', '2/1', '7/1']);
  assert.deepEqual(bounds(absolute(printed('money', -20n, 5n))), ['15/1', '20/1', '25/1']);
});

test('money does not mix with counts or bare numbers, except an exact zero', () => {
  assert.throws(() => plus(exact('money', q(1n)), exact('count', q(1n))), /金额与计数/);
  assert.throws(() => plus(exact('money', q(1n)), exact('number', q(100n))), /须写明单位/);
  assert.equal(plus(exact('money', q(1n)), exact('number', q(0n))).kind, 'money');
  assert.throws(() => times(exact('money', q(1n)), exact('money', q(1n))), /两个金额不能相乘/);
  assert.equal(dividedBy(exact('money', q(1n)), exact('money', q(4n))).kind, 'number');
});

test('amounts print in the views unit with the decimals they need', () => {
  const wan = { unit: '万元' as const, decimals: 2 };
  assert.equal(formatMoney(940_490_000n, wan), '940.49万元');
  assert.equal(formatMoney(8_800n, wan), '0.0088万元');
  assert.equal(formatMoney(123_456n, { unit: '元', decimals: 2 }), '1,234.56元');
  assert.equal(formatNumber(q(17n, 22n)), '0.7727');
  assert.equal(formatNumber(q(1n, 2n)), '0.5');
});

test('compareSum gives what compare gives for sums of printed figures', () => {
  const ops: CompareOp[] = ['=', '<>', '<', '<=', '>', '>='];
  // Nominals around each other and half steps that reach, meet or miss the difference.
  for (const [a, b] of [
    [0n, 0n],
    [100n, 100n],
    [100n, 90n],
    [90n, 100n],
    [-5n, 5n],
    [7n, 0n],
  ] as const) {
    for (const [ha, hb] of [
      [0n, 0n],
      [5n, 0n],
      [0n, 5n],
      [5n, 5n],
      [3n, 2n],
      [10n, 10n],
    ] as const) {
      // a as a sum of two printed figures, b as one: the width is the sum of the three half steps.
      const left = plus(printed('money', a - 1n, ha), printed('money', 1n, ha));
      const right = printed('money', b, hb);
      for (const op of ops) {
        assert.deepEqual(
          compareSum(op, a - b, 2n * ha + hb),
          compare(op, left, right).truth,
          `${a}±${2n * ha} ${op} ${b}±${hb}`,
        );
      }
    }
  }
});
