/**
 * Which profile a document is read against when its tables do not decide (a 情况说明 page with no
 * table explains every profile equally badly): the profile of the region the document names, else
 * the generic national layout — never whichever profile happens to be listed first.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { auditDocument } from '@juesuan/core';
import { readBytes } from '@juesuan/readers';
import { loadAuditContext } from './files';

const context = loadAuditContext();

async function profileOf(lines: string[]): Promise<{ id: string; why: string[] }> {
  const raw = await readBytes(new TextEncoder().encode(lines.join('\n')), 'page.txt');
  const { profile } = auditDocument(raw, context);
  return { id: profile.id, why: profile.why };
}

describe('choice of profile when no table decides', () => {
  it('takes the region the page names: 湖南 (a 汇总 决算 page of 岳阳市新港区)', async () => {
    const choice = await profileOf([
      '湖南省岳阳市新港区2022年度部门决算汇总公开',
      '第一部分 部门概况',
      '一、部门职责',
    ]);
    assert.equal(choice.id, 'hunan');
    assert.ok(
      choice.why.some((w) => w.includes('湖南')),
      choice.why.join('；'),
    );
  });

  it('takes the Sichuan layout for a Sichuan page of a thirteen-table year (大英县住建局’s table list, as of 2020)', async () => {
    const choice = await profileOf([
      '四川省大英县住房和城乡建设局2020年部门决算',
      '第二部分 2020年部门决算报表',
      '表1. 收入支出决算总表',
      '表1-1. 收入决算表',
      '表6. 国有资本经营预算支出决算表',
    ]);
    assert.equal(choice.id, 'sichuan');
  });

  it('takes the Jiangxi layout that covers the year the page states', async () => {
    assert.equal((await profileOf(['江西省某局2022年度部门决算', '第一部分 部门概况'])).id, 'jiangxi-2020');
    assert.equal((await profileOf(['江西省某局2024年度部门决算', '第一部分 部门概况'])).id, 'jiangxi-2024');
  });

  it('takes the generic national layout for a region without a profile of its own (广东)', async () => {
    const choice = await profileOf([
      '2023年广东省财政厅一般公共预算财政拨款“三公”经费支出决算情况说明',
      '广东省财政厅2023年度“三公”经费财政拨款支出决算为62.07万元。',
    ]);
    assert.equal(choice.id, 'national');
    assert.ok(
      choice.why.some((w) => w.includes('通用口径')),
      choice.why.join('；'),
    );
  });
});
