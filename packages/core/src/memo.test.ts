import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { boundedMemo } from './memo';

describe('boundedMemo', () => {
  it('computes each key once, null results included', () => {
    const calls: string[] = [];
    const memo = boundedMemo((key) => {
      calls.push(key);
      return key === 'none' ? null : key.length;
    }, 10);
    assert.equal(memo('abc'), 3);
    assert.equal(memo('abc'), 3);
    assert.equal(memo('none'), null);
    assert.equal(memo('none'), null);
    assert.deepEqual(calls, ['abc', 'none']);
  });

  it('starts again past its limit, so it never holds more than the limit', () => {
    const calls: string[] = [];
    const memo = boundedMemo((key) => {
      calls.push(key);
      return key;
    }, 2);
    memo('a');
    memo('b');
    memo('c'); // the limit is reached: a and b are dropped, c kept
    memo('b');
    memo('c');
    assert.deepEqual(calls, ['a', 'b', 'c', 'b']);
  });
});
