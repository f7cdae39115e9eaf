/**
 * Input shaped to break the engine rather than to inform it: it is read and audited to the end, in
 * time that grows with its size, or refused with a message — never a crash.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { auditDocument } from '@juesuan/core';
import { readBytes } from '@juesuan/readers';
import { loadAuditContext } from './files';

describe('hostile documents', () => {
  it('a table of 130,000 rows is read (no call takes one argument per row)', async () => {
    const rows = Array.from(
      { length: 130_000 },
      (_, i) => `${2010101 + i}    行政运行    ${i}.00    ${i}.00`,
    );
    const doc = await readBytes(Buffer.from(rows.join('\n')), 'rows.txt');
    const table = doc.blocks.find((b) => b.kind === 'table');
    assert.ok(table && table.kind === 'table' && table.rows.length === 130_000);
  });

  it('audit time grows with the text, not faster: 4,000 narrative lines take under 5× what 1,000 take', async () => {
    const lines = (n: number) =>
      Array.from(
        { length: n },
        (_, i) => `一般公共预算财政拨款收入 ${i}.00 万元，比上年增长 ${i % 100}%。`,
      ).join('\n');
    const context = loadAuditContext();
    const time = async (n: number) => {
      const doc = await readBytes(Buffer.from(lines(n)), `lines-${n}.txt`);
      const start = process.cpuUsage();
      auditDocument(doc, context);
      const used = process.cpuUsage(start);
      return used.user + used.system;
    };
    await time(500); // warm up
    const small = await time(1000);
    const large = await time(4000);
    assert.ok(
      large < small * 6,
      `1,000 lines ${Math.round(small / 1000)} ms, 4,000 lines ${Math.round(large / 1000)} ms`,
    );
  });
});
