import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { displayWidth, isWide } from './width';

describe('East Asian Width', () => {
  it('counts CJK and full-width forms as wide, Latin and figures as narrow', () => {
    for (const ch of ['支', '，', '（', '１', '\u3000', '㈠']) assert.ok(isWide(ch), ch);
    for (const ch of ['a', '1', ' ', '%', '-', undefined]) assert.ok(!isWide(ch), String(ch));
  });

  it('sets ambiguous punctuation wide in Chinese text and narrow in a terminal', () => {
    for (const ch of ['“', '”', '…', '—', '≤', '①']) assert.ok(isWide(ch), ch);
    assert.equal(displayWidth('“三公”经费'), 1 + 4 + 1 + 4);
    assert.equal(displayWidth('合计 940.50'), 4 + 1 + 6);
    assert.equal(displayWidth('ｱ'), 1);
  });
});
