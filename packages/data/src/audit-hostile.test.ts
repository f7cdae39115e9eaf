/**
 * Input shaped to break the engine rather than to inform it: it is read and audited to the end, in
 * time that grows with its size, or refused with a message — never a crash.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { auditDocument, READ_LIMITS } from '@juesuan/core';
import { ReadError, readBytes } from '@juesuan/readers';
import { loadAuditContext } from './files';

describe('hostile documents', () => {
  const context = loadAuditContext();
  it('a table over the rows limit is refused with its message; one at the limit is read', async () => {
    const rows = (n: number) =>
      Array.from({ length: n }, (_, i) => `${2010101 + i}    行政运行    ${i}.00    ${i}.00`).join('\n');
    await assert.rejects(
      readBytes(Buffer.from(rows(130_000)), 'rows.txt'),
      (error: Error) => error instanceof ReadError && /超过 50,000 行上限/.test(error.message),
    );
    const doc = await readBytes(Buffer.from(rows(READ_LIMITS.maxTableRows)), 'rows.txt');
    const table = doc.blocks.find((b) => b.kind === 'table');
    assert.ok(table && table.kind === 'table' && table.rows.length === READ_LIMITS.maxTableRows);
  });

  /** CPU time of auditing the text of `n` lines made by `line`, in µs. */
  const auditTime = async (n: number, line: (i: number) => string) => {
    const text = Array.from({ length: n }, (_, i) => line(i)).join('\n');
    const doc = await readBytes(Buffer.from(text), `lines-${n}.txt`);
    const start = process.cpuUsage();
    auditDocument(doc, context);
    const used = process.cpuUsage(start);
    return used.user + used.system;
  };

  /** Auditing 4,000 such lines costs under 6× the CPU of 1,000: linear is 4×, quadratic 16×. */
  const assertLinear = async (line: (i: number) => string) => {
    await auditTime(500, line); // warm up
    const small = await auditTime(1000, line);
    const large = await auditTime(4000, line);
    assert.ok(
      large < small * 6,
      `1,000 lines ${Math.round(small / 1000)} ms, 4,000 lines ${Math.round(large / 1000)} ms`,
    );
  };

  it('audit time grows with the text, not faster: 4,000 narrative lines take under 6× what 1,000 take', async () => {
    await assertLinear((i) => `一般公共预算财政拨款收入 ${i}.00 万元，比上年增长 ${i % 100}%。`);
  });

  it('text with no 。 at all is read in time that grows with it: 4,000 lines take under 6× what 1,000 take', async () => {
    // One endless sentence: every reading of a sentence looks at all its figures again.
    await assertLinear((i) => `本单位一般公共预算财政拨款支出${i}万元主要用于人员经费和公用经费以及项目支出`);
  });
});
