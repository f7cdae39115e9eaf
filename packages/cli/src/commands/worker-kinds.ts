/**
 * The kinds of job juesuan registers: check a package, make a department's documents, audit a
 * published file. They run on the threads of `juesuan worker` (or in the server's process on the
 * embedded store); a package travels in its JSON form, as it is stored and uploaded.
 */
import { createHash } from 'node:crypto';
import { basename } from 'node:path';
import { checkPackage, type DataPackage, parsePackageJson, type RunSummary } from '@juesuan/core';
import { loadCatalog, loadCheckContext } from '@juesuan/data';
import { defineJobKind, type JobContext, type JobKinds, jobTaskRunner } from '@juesuan/jobs';
import { z } from 'zod';

const packagePayload = {
  /** The data package as its JSON file holds it. */
  package: z.record(z.string(), z.unknown()),
  /** The profile to check against (default: the package's own). */
  profile: z.string().min(1).optional(),
};

/** A package that cannot be read is an answer, not a failure: running it again would not help. */
type Unusable = { unusable: string };

export interface CheckSummary {
  department: string;
  year: number;
  profile: string;
  counts: RunSummary['counts'];
  clean: boolean;
}

function readPayloadPackage(json: Record<string, unknown>): DataPackage | Unusable {
  const { package: pkg, issues } = parsePackageJson(json, { catalog: loadCatalog() });
  if (pkg) return pkg;
  const errors = issues.filter((i) => i.severity === 'error');
  const listed = errors.slice(0, 3).map((i) => `${i.path ? `${i.path}：` : ''}${i.message}`);
  return {
    unusable: `数据包有 ${errors.length} 个错误：${listed.join('；')}${errors.length > 3 ? '…' : ''}`,
  };
}

function checkSummary(pkg: DataPackage, profileId: string | undefined): CheckSummary {
  const context = loadCheckContext(profileId ?? pkg.department.profile, pkg.department.year);
  const { summary } = checkPackage(pkg, context);
  return {
    department: pkg.department.name,
    year: pkg.department.year,
    profile: context.profile.id,
    counts: summary.counts,
    clean: summary.clean,
  };
}

export interface WrittenDocument {
  /** The file's name, or its path when the job wrote it to a folder. */
  file: string;
  bytes: number;
  sha256: string;
}

/**
 * The department's disclosure as DOCX and XLSX. With a folder, each file is written whole under its
 * final name (a run that dies leaves the previous file, a retry overwrites it), and the result,
 * stored with the job's completion, lists them with their checksums.
 */
async function departmentDocuments(
  pkg: DataPackage,
  options: { profile?: string; output?: string },
  context: JobContext,
): Promise<WrittenDocument[]> {
  const { renderDocx, renderXlsx } = await import('@juesuan/render');
  const { documentOf } = await import('./report');
  const { pathInside, safeFileName, writeFileWhole } = await import('../output-files');
  const doc = documentOf(pkg, options.profile);
  const name = safeFileName(`${pkg.department.name}${pkg.department.year}年度部门决算`);
  const written: WrittenDocument[] = [];
  for (const [extension, render, percent] of [
    ['docx', renderDocx, 70],
    ['xlsx', renderXlsx, 95],
  ] as const) {
    const bytes = await render(doc);
    const file = options.output ? pathInside(options.output, `${name}.${extension}`) : `${name}.${extension}`;
    if (options.output) writeFileWhole(file, bytes);
    written.push({ file, bytes: bytes.byteLength, sha256: createHash('sha256').update(bytes).digest('hex') });
    context.progress(percent, `已生成 ${basename(file)}`);
  }
  return written;
}

export const CLI_JOB_KINDS = {
  'check-package': defineJobKind({
    name: 'check-package',
    title: '审核数据包',
    payload: z.object(packagePayload),
    retryLimit: 2,
    retryDelaySeconds: 5,
    async run(payload, context): Promise<CheckSummary | Unusable> {
      const pkg = readPayloadPackage(payload.package);
      if ('unusable' in pkg) return pkg;
      context.progress(20, `已读入 ${pkg.department.name} ${pkg.department.year} 年度数据包`);
      return checkSummary(pkg, payload.profile);
    },
  }),
  'department-documents': defineJobKind({
    name: 'department-documents',
    title: '审核并生成部门决算公开文档',
    payload: z.object({ ...packagePayload, output: z.string().min(1).optional() }),
    retryLimit: 2,
    retryDelaySeconds: 5,
    async run(payload, context): Promise<(CheckSummary & { documents: WrittenDocument[] }) | Unusable> {
      const pkg = readPayloadPackage(payload.package);
      if ('unusable' in pkg) return pkg;
      const summary = checkSummary(pkg, payload.profile);
      context.progress(30, `已审核：错误 ${summary.counts.error} 条，提示 ${summary.counts.warning} 条`);
      return { ...summary, documents: await departmentDocuments(pkg, payload, context) };
    },
  }),
  'audit-file': defineJobKind({
    name: 'audit-file',
    title: '审读已公开的文件',
    payload: z.object({ file: z.string().min(1), profile: z.string().min(1).optional() }),
    retryLimit: 1,
    retryDelaySeconds: 5,
    async run({ file, profile }) {
      const { auditFile } = await import('./audit');
      const outcome = await auditFile({
        kind: 'audit',
        file,
        profile,
        format: 'json',
        showInfo: false,
        keepDocument: false,
      });
      if ('unreadable' in outcome) return { file, unreadable: outcome.unreadable };
      return { file, hasErrors: outcome.hasErrors, report: JSON.parse(outcome.printed) as unknown };
    },
  }),
} satisfies JobKinds;

/** A job on a thread of the CLI's pool (`batch/worker.ts`). */
export const runWorkerJob = jobTaskRunner(CLI_JOB_KINDS);
