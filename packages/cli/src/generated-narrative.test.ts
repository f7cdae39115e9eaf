/**
 * 情况说明 rules of profiles that have no published sample, made to fire on the document juesuan
 * generates for a synthetic department: the HTML read back as `juesuan audit` reads it, with one
 * figure of a sentence changed. Listed in packages/data/src/testing/rule-tests.ts.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { auditDocument, type Finding } from '@juesuan/core';
import { generatePackage } from '@juesuan/core/testing';
import { loadAuditContext } from '@juesuan/data';
import { readBytes } from '@juesuan/readers';
import { renderHtml } from '@juesuan/render';
import { documentOf } from './commands/report';

const context = loadAuditContext();
/** 上海 2024 (seed 8, one unit): 一般公共预算财政拨款支出 1663.44万元, 卫生健康支出（类）1219.44万元. */
const shanghaiPage = renderHtml(
  documentOf(generatePackage({ seed: 8, units: 1, catalog: context.catalog, profile: 'shanghai-2024' })),
);

async function findingsOf(rule: string, page: string): Promise<Finding[]> {
  const raw = await readBytes(new TextEncoder().encode(page), 'shanghai.html');
  return auditDocument(raw, context).findings.filter((f) => f.rule === rule);
}

describe('情况说明 rules on a generated 上海 document', () => {
  // The page marks each figure with its source: <span class="figure" …>1219.44</span>.
  const figure = /(卫生健康支出（类）<span class="figure"[^>]*>)1219\.44(<\/span>万元)/;

  it('N-04b fires on a 类 of 一般公共预算财政拨款支出 that differs from 表五', async () => {
    assert.match(shanghaiPage, figure, '生成的情况说明应含该句');
    const changed = shanghaiPage.replace(figure, '$11229.44$2');
    const findings = await findingsOf('N-04b', changed);
    assert.deepEqual(
      findings.map((f) => `${f.severity} ${f.found?.text}→${f.expected?.text}`),
      ['error 1229.44万元→1219.44万元'],
    );
  });

  it('N-04b stays silent on the generated 一般公共预算财政拨款支出 section', async () => {
    assert.deepEqual(await findingsOf('N-04b', shanghaiPage), []);
  });
});
