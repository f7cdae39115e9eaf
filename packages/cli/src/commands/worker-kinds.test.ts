import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import type { JobProgress } from '@juesuan/jobs';
import { REPO_ROOT } from '../testing';
import { runWorkerJob } from './worker-kinds';

const examplePackage = JSON.parse(readFileSync(join(REPO_ROOT, 'examples/jingdezhen-2024.json'), 'utf8'));

async function run(kind: string, payload: unknown) {
  const progress: JobProgress[] = [];
  const result = await runWorkerJob({ jobId: 'j1', kind, payload, attempt: 1 }, (p) => progress.push(p));
  return { result: result as Record<string, unknown>, progress };
}

describe('the job kinds of juesuan worker', () => {
  it('check-package: the findings summary of the package, with its progress line', async () => {
    const { result, progress } = await run('check-package', { package: examplePackage });
    assert.equal(result.department, examplePackage.department.name);
    assert.equal(result.profile, 'jiangxi-2024');
    assert.deepEqual(Object.keys(result.counts as object).sort(), ['accepted', 'error', 'info', 'warning']);
    assert.deepEqual(progress, [
      { percent: 20, statusLine: `已读入 ${examplePackage.department.name} 2024 年度数据包` },
    ]);
  });

  it('check-package: a package that cannot be read is an answer naming its errors, not a failure to retry', async () => {
    const { result } = await run('check-package', { package: { ...examplePackage, department: {} } });
    assert.match(String(result.unusable), /^数据包有 \d+ 个错误：department/);
  });

  it('department-documents: the check and both documents, with their sizes and checksums', async () => {
    const { result, progress } = await run('department-documents', { package: examplePackage });
    const documents = result.documents as { file: string; bytes: number; sha256: string }[];
    const name = `${examplePackage.department.name}2024年度部门决算`;
    assert.deepEqual(
      documents.map((d) => d.file),
      [`${name}.docx`, `${name}.xlsx`],
    );
    assert.ok(documents.every((d) => d.bytes > 10_000 && /^[0-9a-f]{64}$/.test(d.sha256)));
    assert.deepEqual(
      progress.map((p) => p.percent),
      [30, 70, 95],
    );
  });

  it('audit-file: the audit of a published text, as the JSON of juesuan audit', async () => {
    const file = join(REPO_ROOT, 'packages/data/src/testing/samples/jingdezhen-2024.txt');
    const { result } = await run('audit-file', { file });
    assert.equal(result.hasErrors, true);
    assert.equal((result.report as { profile: string }).profile, 'jiangxi-2024');
  });

  it('refuses a payload that is not its kind’s, where it runs too', async () => {
    await assert.rejects(
      run('audit-file', { path: 'a.pdf' }),
      /^JobPayloadError: 任务“审读已公开的文件”（audit-file）的参数不符合要求：file：/,
    );
  });
});
