/**
 * Hostile files through `juesuan audit` as a user runs it (the bin, a process of its own): the exit
 * code, one Chinese line naming the file and what is wrong with it, no stack on either stream, and
 * no process of the run (a MuPDF child) still alive once the command has ended.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { HOSTILE_CASES, leftRunning, RUN_MARK, smallDocx } from '@juesuan/readers/testing/hostile-files';
import { REPO_ROOT } from './testing';

const BIN = fileURLToPath(new URL('../bin/juesuan.mjs', import.meta.url));

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
  survivors: string[];
}

function auditAsUser(...args: string[]): Run {
  const mark = `${process.pid}-${Date.now()}`;
  const result = spawnSync(process.execPath, [BIN, 'audit', ...args], {
    cwd: REPO_ROOT,
    encoding: 'utf8',
    env: { ...process.env, NO_COLOR: '1', [RUN_MARK]: mark },
    timeout: 120_000,
  });
  const survivors = leftRunning(mark);
  for (const { pid } of survivors) process.kill(pid, 'SIGKILL');
  return {
    code: result.status,
    stdout: result.stdout,
    stderr: result.stderr,
    survivors: survivors.map((s) => s.command),
  };
}

function assertNoStack(run: Run): void {
  assert.doesNotMatch(run.stdout, /\n\s+at /);
  assert.doesNotMatch(run.stderr, /\n\s+at /);
}

function hostileFile(dir: string, id: string): string {
  const hostile = HOSTILE_CASES.find((c) => c.id === id)!;
  const path = join(dir, hostile.name);
  writeFileSync(path, hostile.build());
  return path;
}

describe('juesuan audit on hostile files', () => {
  const dir = mkdtempSync(join(tmpdir(), 'juesuan-hostile-cli-'));
  after(() => rmSync(dir, { recursive: true, force: true }));

  for (const [id, why] of [
    ['docx-bomb', /压缩比异常.*疑似“压缩炸弹”，已拒绝读取/],
    ['pdf-truncated', /不是完好的 PDF 文件（结尾缺少 %%EOF/],
    ['docx-control-chars', /Word 正文（word\/document\.xml）不是完好的 XML/],
  ] as const) {
    it(`${id}: exit 2 and one line saying why, nothing left running`, () => {
      const file = hostileFile(dir, id);
      const run = auditAsUser(file);
      assert.equal(run.code, 2, run.stdout + run.stderr);
      // audit reports a file it cannot read among its results, on stdout; stderr stays empty.
      const lines = run.stdout.split('\n').filter((l) => l.trim() !== '');
      assert.equal(lines.length, 1, run.stdout);
      assert.ok(lines[0]!.startsWith(`无法读取 ${file}：“${file}”`), lines[0]);
      assert.match(lines[0]!, why);
      assert.equal(run.stderr, '');
      assertNoStack(run);
      assert.deepEqual(run.survivors, []);
    });
  }

  it('a batch with a zip bomb, a PDF bomb, a text that runs over its time and a good file: every file a row, the report written, MuPDF stopped', () => {
    const batch = mkdtempSync(join(dir, 'batch-'));
    const bomb = hostileFile(batch, 'docx-bomb');
    const pdfBomb = hostileFile(batch, 'pdf-inflate-4gb');
    // Twice the crafted 20,000 lines (within the 50,000 blocks): seconds of honest work, over a 3-second budget.
    const narrative = HOSTILE_CASES.find((c) => c.id === 'text-20000-lines')!.build();
    const slow = join(batch, 'narrative-40000.txt');
    writeFileSync(slow, Buffer.concat([narrative, narrative]));
    writeFileSync(join(batch, 'small.docx'), smallDocx(1));
    const report = join(dir, 'report.html');
    const run = auditAsUser(batch, '--jobs', '2', '--timeout', '3', '--report', report);
    assert.equal(run.code, 2, run.stdout + run.stderr);
    assert.match(run.stdout, new RegExp(`无法读取 ${bomb}：.*疑似“压缩炸弹”`));
    assert.match(run.stdout, new RegExp(`无法读取 ${pdfBomb}：.*CPU 时间上限`));
    assert.match(run.stdout, new RegExp(`超时 ${slow}：超过时限 3 秒`));
    assert.match(run.stdout, /small\.docx 审读结果/);
    assert.equal(run.stderr.trim(), `审读报告已写入 ${report}`);
    assertNoStack(run);
    assert.deepEqual(run.survivors, []);
    const html = readFileSync(report, 'utf8');
    for (const name of ['bomb.docx', 'inflate-4gb.pdf', 'narrative-40000.txt', 'small.docx']) {
      assert.ok(html.includes(name), name);
    }
  });
});
