/**
 * 情况说明 rules made to fire on a real disclosure: the 景德镇 2024 sample, whose 情况说明 agrees
 * with its tables (audit-samples.test.ts), with one printed figure changed per case. Listed in
 * testing/rule-tests.ts.
 */
import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { auditDocument, type Finding, type RawDocument } from '@juesuan/core';
import { readDocument } from '@juesuan/readers';
import { loadAuditContext } from './files';

let original: RawDocument;

before(async () => {
  original = await readDocument(
    fileURLToPath(new URL('./testing/samples/jingdezhen-2024.txt', import.meta.url)),
  );
});

/** The rule's findings after replacing `from` by `to` in the one text block that holds it. */
function findingsAfter(rule: string, from: string, to: string): Finding[] {
  const hits = original.blocks.filter((b) => b.kind === 'text' && b.text.includes(from));
  assert.equal(hits.length, 1, `“${from}” 应只出现在一个段落中`);
  const raw: RawDocument = {
    ...original,
    blocks: original.blocks.map((b) =>
      b === hits[0] && b.kind === 'text' ? { ...b, text: b.text.replace(from, to) } : b,
    ),
  };
  const result = auditDocument(raw, { ...loadAuditContext(), checkPerformance: () => [] });
  return result.findings.filter((f) => f.rule === rule);
}

const brief = (f: Finding) => `${f.severity} ${f.found?.text ?? ''}→${f.expected?.text ?? ''}`;

describe('情况说明 rules on the 景德镇 2024 sample with one figure changed', () => {
  it('N-03 fires on the share of 基本支出 in 本年支出合计', () => {
    assert.deepEqual(
      findingsAfter('N-03', '基本支出 685.21 万元，占 72.86%', '基本支出 685.21 万元，占 73.86%').map(brief),
      ['error 73.86%→72.85%～72.86%'],
    );
  });

  it('N-06 fires on 工资福利支出 that differs from 公开06表', () => {
    assert.deepEqual(
      findingsAfter('N-06', '工资福利支出 627.94 万元', '工资福利支出 672.94 万元').map(brief),
      ['error 672.94万元→627.94万元'],
    );
  });

  it('N-09 fires on a share of 政府采购 that its own figures do not give', () => {
    assert.deepEqual(
      findingsAfter('N-09', '占政府采购支出总额的 100.00%', '占政府采购支出总额的 90.00%').map(brief),
      ['error 90.00%→99.99%～100.01%'],
    );
  });

  it('N-10 fires on a vehicle count that differs from 公开10表', () => {
    assert.deepEqual(findingsAfter('N-10', '共有车辆 0 辆', '共有车辆 2 辆').map(brief), ['error 2辆→0辆']);
  });

  it('N-08 fires on 机关运行经费 stated above the 公用经费 of 公开06表', () => {
    assert.deepEqual(
      findingsAfter('N-08', '机关运行经费支出 57.03 万元', '机关运行经费支出 60.03 万元').map(brief),
      ['warning 60.03万元→≤ 57.03万元'],
    );
  });

  it('N-08 stays silent on 机关运行经费 equal to the 公用经费 of 公开06表', () => {
    assert.deepEqual(findingsAfter('N-08', '机关运行经费支出 57.03 万元', '机关运行经费支出 57.03 万元'), []);
  });

  it('N-17 stays silent when the stated coverage is one the tables give', () => {
    assert.deepEqual(findingsAfter('N-17', '占项目支出总额的100%', '占项目支出总额的82.30%'), []);
  });
});
