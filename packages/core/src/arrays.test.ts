import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { addToGroup, maxOf, minOf, pushAll } from './arrays';

describe('array helpers that take any number of elements', () => {
  const many = Array.from({ length: 300_000 }, (_, i) => (i * 7919) % 300_001);

  it('find the largest and smallest of more values than a call may take arguments', () => {
    assert.throws(() => Math.max(...many), RangeError);
    assert.equal(maxOf(many), 300_000);
    assert.equal(minOf(many), 0);
    assert.equal(maxOf([]), Number.NEGATIVE_INFINITY);
    assert.equal(minOf([]), Number.POSITIVE_INFINITY);
    assert.ok(Number.isNaN(maxOf([1, Number.NaN, 2])));
  });

  it('append more items than a call may take arguments, in order', () => {
    const target = [-1];
    pushAll(target, many);
    assert.equal(target.length, many.length + 1);
    assert.equal(target[1], many[0]);
    assert.equal(target.at(-1), many.at(-1));
  });

  it('groups items under their key in place, in order', () => {
    const groups = new Map<string, number[]>();
    for (const n of [1, 2, 3, 4, 5]) addToGroup(groups, n % 2 ? 'odd' : 'even', n);
    assert.deepEqual(
      [...groups],
      [
        ['odd', [1, 3, 5]],
        ['even', [2, 4]],
      ],
    );
  });
});
