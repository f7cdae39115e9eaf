/**
 * A page published in traditional characters (合肥, 2023 三公经费决算说明) is audited like a
 * simplified one, and its findings quote it as printed; a simplified document is read as it is.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { auditDocument, readTraditional, sentenceOf } from '@juesuan/core';
import { readBytes, readDocument } from '@juesuan/readers';
import { loadAuditContext } from './files';

const HEFEI_2023_SANGONG = [
  '一、2023年度一般公共預算及政府性基金財政撥款“三公”經費支出決算表',
  '二、2023年度一般公共預算及政府性基金財政撥款“三公”經費支出決算情況說明',
  '(一)一般公共預算及政府性基金財政撥款“三公”經費支出決算總體情況說明。',
  '2023年度一般公共預算及政府性基金財政撥款“三公”經費支出預算為6.35萬元,支出決算為6.35萬元,完成預算的100%;較上年增加0.61萬元,增長10.63%。決算數與預算數持平的主要原因是預算數為按規定程序調整后的全年預算數。決算數較上年增加的主要原因是2023年接待批次和接待人數增加。為全面反映“三公”經費支出,本次公布的“三公”經費決算為部門匯總數,包含單位本級和所屬單位。',
  '(二)一般公共預算及政府性基金財政撥款“三公”經費支出決算具體情況說明。',
  '2023年度一般公共預算及政府性基金財政撥款“三公”經費支出決算中,因公出國(境)費支出決算0萬元,占0%;公務接待費支出決算1.89萬元,占29.76%;公務用車購置及運行維護費支出決算4.46萬元,占70.24%。具體情況如下:',
  '1. 因公出國(境)費預算為0萬元,支出決算為0萬元,完成預算的0%;與上年持平。決算數與預算數持平的主要原因是2023年度未安排因公出國(境)事項。決算數與上年持平的主要原因是2022年度、2023年度均未安排因公出國(境)事項。主要用于經市外辦批準的因公臨時出國(境)交流合作、專題研修等外事活動支出。經費使用根據市外辦批準的因公臨時出國(境)計劃,嚴格執行《合肥市市直黨政機關因公臨時出國經費管理辦法》(合政辦〔2014〕8號)、《關于轉發〈安徽省省直黨政機關因公短期出國培訓費用管理辦法〉的通知》(合財行〔2014〕944號)等相關規定。2023年,參加(組織)因公出國(境)團組0個,0人次。',
  '2. 公務接待',
].join('\n');

async function audit(text: string) {
  const raw = await readBytes(new TextEncoder().encode(text), 'hefei-2023-sangong.txt');
  return auditDocument(raw, loadAuditContext());
}

describe('a document printed in traditional characters', () => {
  it('is read as a 部门决算 with its 三公 figures read and checked', async () => {
    const result = await audit(HEFEI_2023_SANGONG);
    assert.equal(result.documentKind.kind, 'final-accounts');
    assert.deepEqual(result.summary.claims, { ok: 5, mismatch: 0, format: 0, unverifiable: 10, total: 15 });
    assert.deepEqual(
      result.findings.map((f) => `${f.rule} ${f.severity}`),
      ['R-06 warning'],
      'only the tables printed elsewhere are reported',
    );
    const total = result.claims.find((c) => c.item === 'threePublic.total' && c.attribute === 'actual');
    assert.equal(total?.figure?.text, '6.35萬元');
    assert.match(
      total?.sentence ?? '',
      /^2023年度一般公共預算及政府性基金財政撥款“三公”經費支出預算為6\.35萬元/,
    );
    assert.ok(result.documentKind.evidence.every((line) => !line.text.includes('决算')));
  });

  it('quotes the document as printed in its findings', async () => {
    const misprinted = HEFEI_2023_SANGONG.replace('占29.76%', '占39.76%');
    const result = await audit(misprinted);
    const share = result.findings.find((f) => f.rule === 'N-07');
    assert.ok(share, 'the wrong share of 公務接待費 is found');
    assert.equal(share.severity, 'error');
    assert.equal(
      sentenceOf(share),
      '2023年度一般公共預算及政府性基金財政撥款“三公”經費支出決算中,因公出國(境)費支出決算0萬元,占0%;公務接待費支出決算1.89萬元,占39.76%;公務用車購置及運行維護費支出決算4.46萬元,占70.24%。',
    );
    assert.match(share.message, /^“公務接待費支出…占 39\.76%”：公务接待费占比按表中数应为 29\.69%～29\.84%/);
    assert.equal(
      share.places[0]?.kind === 'text' && share.places[0].section,
      '二、2023年度一般公共預算及政府性基金財政撥款“三公”經費支出決算情況說明',
    );
  });
});

describe('a document printed in simplified characters', () => {
  it('is read as it is', async () => {
    const sample = fileURLToPath(new URL('./testing/samples/jingdezhen-2024.txt', import.meta.url));
    const raw = await readDocument(sample);
    assert.equal(readTraditional(raw), undefined);
  });
});
