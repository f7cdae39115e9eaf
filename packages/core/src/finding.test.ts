import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { documentFinding } from './audit/findings';
import { exactDecimal, findingSchema, locationText, makeFinding, printedAmount } from './finding';

describe('amounts of a finding', () => {
  it('an exact ratio is a decimal string; one that does not end has none', () => {
    assert.equal(exactDecimal(7_286n, 100n), '72.86');
    assert.equal(exactDecimal(-5n, 4n), '-1.25');
    assert.equal(exactDecimal(6n, 3n), '2');
    assert.equal(exactDecimal(1n, 3n), undefined);
  });

  it('a printed figure carries its exact value: money in 分, percentages in %; other text stays text', () => {
    assert.deepEqual(printedAmount('940.49万元'), { text: '940.49万元', value: '940490000', unit: '分' });
    assert.deepEqual(printedAmount('-1,234.5元'), { text: '-1,234.5元', value: '-123450', unit: '分' });
    assert.deepEqual(printedAmount('72.86%'), { text: '72.86%', value: '72.86', unit: '%' });
    assert.deepEqual(printedAmount('22.35%～23.11%'), { text: '22.35%～23.11%' });
    assert.deepEqual(printedAmount('0.0000001万元'), { text: '0.0000001万元' }, 'finer than 1 分');
  });
});

describe('a finding', () => {
  it('keeps the rule severity only where it differs, and labels its category', () => {
    const base = {
      id: 'T01-01@T01[L27]',
      rule: 'T01-01',
      category: 'intra',
      title: '合计',
      message: '…',
    } as const;
    const info = makeFinding({ ...base, severity: 'info', ruleSeverity: 'error', rounding: true });
    assert.equal(info.ruleSeverity, 'error');
    assert.equal(info.categoryLabel, '表内');
    assert.equal('ruleSeverity' in makeFinding({ ...base, severity: 'error', ruleSeverity: 'error' }), false);
    assert.ok(findingSchema.safeParse(info).success);
  });

  it('a document finding says where it was read and what it is about, in one line of words', () => {
    // Its title and severity are the registry's: a code-defined rule's.
    const input = { id: 'R-04@T03[total]', rule: 'R-04', category: 'intra', message: '…' } as const;
    const finding = documentFinding({
      ...input,
      location: {
        page: 3,
        line: 120,
        table: 'T03',
        tableNumber: '公开03表',
        row: { label: '合计' },
        column: { no: 1, label: '本年支出合计' },
      },
      found: '940.49万元',
    });
    assert.deepEqual(finding.places, [
      { kind: 'text', page: 3, line: 120 },
      {
        kind: 'cell',
        table: 'T03',
        tableNumber: '公开03表',
        row: { label: '合计' },
        column: { no: 1, label: '本年支出合计' },
      },
    ]);
    assert.equal(locationText(finding), '第 3 页 第 120 行 · 公开03表「合计」第1栏「本年支出合计」');
    assert.equal(
      locationText(finding, { withTable: false }),
      '第 3 页 第 120 行 · 「合计」第1栏「本年支出合计」',
    );
    const sentence = documentFinding({
      ...input,
      location: {
        sheet: '文字说明',
        page: 2,
        line: 7,
        section: '一、收入决算情况说明',
        sentence: '本年收入…',
      },
    });
    assert.deepEqual(sentence.places, [
      { kind: 'sheet', sheet: '文字说明', page: 2, line: 7 },
      { kind: 'text', section: '一、收入决算情况说明', sentence: '本年收入…' },
    ]);
    assert.equal(locationText(sentence), '工作表「文字说明」 第 2 页 第 7 行 · 「一、收入决算情况说明」');
  });
});
