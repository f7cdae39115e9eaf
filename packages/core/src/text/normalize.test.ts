import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  bareLabel,
  cleanPrintedText,
  collapseSpaces,
  dropSpacesBetweenWide,
  joinCellPieces,
  joinWrapped,
  normalizeDigits,
  normalizeLabel,
  normalizeText,
  stripMarkup,
  toHalfWidth,
} from './normalize';

describe('stripMarkup', () => {
  it('removes tags inside Chinese text without leaving a space', () => {
    assert.equal(stripMarkup('支出<b>合计</b>：940.50'), '支出合计：940.50');
    assert.equal(stripMarkup('卫生健康<br/>支出'), '卫生健康支出');
  });

  it('leaves one space where tags stood between Latin words or figures', () => {
    assert.equal(stripMarkup('940.50</td><td>812.03'), '940.50 812.03');
    assert.equal(stripMarkup('DIP<br>支付'), 'DIP支付');
  });

  it('removes emphasis, image placeholders and heading marks', () => {
    assert.equal(stripMarkup('## **一、部门职责**[image: image8.emf]'), '一、部门职责');
    assert.equal(stripMarkup('__说明__[IMAGE: a.png]'), '说明');
  });

  it('keeps comparisons that only look like tags', () => {
    assert.equal(stripMarkup('年度指标值<95% 且 >90%'), '年度指标值<95% 且 >90%');
  });
});

describe('digits and whitespace', () => {
  it('toHalfWidth turns every full-width digit and sign of a figure into ASCII', () => {
    assert.equal(toHalfWidth('－１，２３４．５６'), '-1,234.56');
    assert.equal(toHalfWidth('＋１\u3000２'), '+1 2');
  });

  it('normalizeDigits changes commas and dots only inside numbers, prose commas stay', () => {
    assert.equal(normalizeDigits('１，２３４．５６万元'), '1,234.56万元');
    assert.equal(normalizeDigits('共３个，包括'), '共3个，包括');
    assert.equal(normalizeDigits('增长－３％'), '增长-3％');
  });

  it('collapses every kind of space to one and trims', () => {
    assert.equal(collapseSpaces('\u3000项目\u00a0\u00a0名称\u200b\t '), '项目 名称');
    assert.equal(cleanPrintedText(' 合计 \u3000９４０．５０ '), '合计 940.50');
  });
});

describe('joining wrapped pieces', () => {
  it('joins Chinese pieces without a space and Latin words with one', () => {
    assert.equal(joinWrapped('文化旅游体育 ', ' 与传媒支出'), '文化旅游体育与传媒支出');
    assert.equal(joinWrapped('大于', '25%'), '大于25%');
    assert.equal(joinWrapped('DIP', 'payment'), 'DIP payment');
    assert.equal(joinWrapped('', '支出'), '支出');
    assert.equal(joinWrapped('“三公', '”经费'), '“三公”经费');
  });

  it('joins pieces that arrived as separate cells without a space only between Chinese characters', () => {
    assert.equal(joinCellPieces('缩减为 1', '次。'), '缩减为 1 次。');
    assert.equal(joinCellPieces('定点', '评估'), '定点评估');
    assert.equal(joinWrapped('缩减为 1', '次。'), '缩减为 1次。');
  });

  it('drops spaces only between two wide characters', () => {
    assert.equal(dropSpacesBetweenWide('运行 平稳，≤25 万元'), '运行平稳，≤25 万元');
  });
});

describe('labels', () => {
  it('normalises a title to one form of brackets, digits and no spaces', () => {
    assert.equal(normalizeText('<b>因公出国（境）费</b> １ 万元'), '因公出国(境)费1万元');
  });

  it('drops row numbering and a leading 其中', () => {
    assert.equal(normalizeLabel('一、一般公共服务支出'), '一般公共服务支出');
    assert.equal(normalizeLabel('（1）行政运行'), '行政运行');
    assert.equal(bareLabel('其中：外事接待费'), '外事接待费');
  });
});
