import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { isTraditional, PrintedCharacters, toSimplified } from './traditional';

const TITLE = '一、2023年度一般公共預算及政府性基金財政撥款“三公”經費支出決算表';

describe('isTraditional', () => {
  it('finds a page printed in traditional characters', () => {
    assert.equal(isTraditional(TITLE), true);
  });
  it('leaves simplified text, and a stray traditional character in it, alone', () => {
    assert.equal(isTraditional('一、2023年度一般公共预算财政拨款“三公”经费支出决算表'), false);
    assert.equal(isTraditional('附：《關于转发通知》的说明'), false);
  });
});

describe('toSimplified', () => {
  it('converts character for character, keeping every position', () => {
    const simplified = toSimplified(TITLE);
    assert.equal(simplified, '一、2023年度一般公共预算及政府性基金财政拨款“三公”经费支出决算表');
    assert.equal(simplified.length, TITLE.length);
  });
  it('converts each character alone, never a phrase into another word', () => {
    assert.equal(toSimplified('公務用車購置及運行維護費'), '公务用车购置及运行维护费');
    assert.equal(toSimplified('調整后的全年預算數'), '调整后的全年预算数');
  });
});

describe('PrintedCharacters', () => {
  const printed = new PrintedCharacters();
  const sentence = '公務接待費支出決算1.89萬元,占29.76%;公務用車購置及運行維護費支出決算4.46萬元。';
  const simplified = printed.read(sentence);
  printed.read('因公出國(境)費預算為0萬元');

  it('gives back a stretch of the document as printed, at its place', () => {
    assert.equal(
      simplified,
      '公务接待费支出决算1.89万元,占29.76%;公务用车购置及运行维护费支出决算4.46万元。',
    );
    assert.equal(printed.printed(simplified), sentence);
    assert.equal(printed.printed('公务用车购置及运行维护费'), '公務用車購置及運行維護費');
  });
  it('gives back a shortened quote character by character', () => {
    assert.equal(printed.printed('公务接待费支出…占 29.76%'), '公務接待費支出…占 29.76%');
  });
  it('leaves characters the document did not print in traditional writing as they are', () => {
    assert.equal(printed.printed('部门预算合计'), '部门預算合计');
  });
});
