/**
 * What anyone may use without an account: the profiles there are, a data package checked against
 * its profile's rules, and a published disclosure (PDF, Word, Excel, web page, text) audited.
 * Nothing here is stored.
 */
import {
  type AuditContext,
  auditDocument,
  type DataPackage,
  findingSchema,
  READ_LIMITS,
  readPackage,
} from '@juesuan/core';
import { listProfiles, loadAuditContext, loadProfileDefinition, packageReadOptions } from '@juesuan/data';
import { ReadError, readBytes } from '@juesuan/readers';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { profileCheck } from '../check';
import { ApiError, apiErrorSchema } from '../errors';

/** A package's JSON is read by the package reader itself (duplicate keys, exact amounts), not JSON.parse. */
export const MAX_PACKAGE_BYTES = 20 * 1024 * 1024;

const countsSchema = z.strictObject({ error: z.number(), warning: z.number(), info: z.number() });

const checkResponse = z.strictObject({
  department: z.string(),
  year: z.number(),
  profile: z.string(),
  summary: countsSchema.extend({ accepted: z.number(), rulesRun: z.number(), checks: z.number() }),
  findings: z.array(findingSchema),
});

const auditResponse = z.strictObject({
  file: z.string(),
  format: z.string(),
  profile: z.string(),
  year: z.number(),
  documentKind: z.string(),
  summary: countsSchema.extend({ tablesRecognised: z.number(), tablesExpected: z.number() }),
  findings: z.array(findingSchema),
});

const profileList = z.array(
  z.strictObject({
    id: z.string(),
    name: z.string(),
    region: z.string(),
    years: z.strictObject({ from: z.number(), to: z.number() }),
  }),
);

export async function publicRoutes(app: FastifyInstance) {
  const api = app.withTypeProvider<ZodTypeProvider>();
  let auditContext: AuditContext | undefined;

  api.get('/api/health', {
    schema: {
      tags: ['公共'],
      summary: '服务是否在运行',
      response: { 200: z.strictObject({ ok: z.literal(true) }) },
    },
    handler: async () => ({ ok: true as const }),
  });

  api.get('/api/profiles', {
    schema: { tags: ['公共'], summary: '可用的口径（地区 × 年度范围）', response: { 200: profileList } },
    handler: async () =>
      listProfiles().map((id) => {
        const definition = loadProfileDefinition(id);
        return { id, name: definition.name, region: definition.region, years: definition.years };
      }),
  });

  app.register(async (scope) => {
    acceptPackageBytes(scope);
    scope.withTypeProvider<ZodTypeProvider>().post('/api/check', {
      schema: {
        tags: ['公共'],
        summary: '按口径的审核公式检查一个决算数据包（juesuan.package/1 JSON）',
        response: { 200: checkResponse, 400: apiErrorSchema, 422: apiErrorSchema },
      },
      handler: async (request) => checkBody(request.body as Buffer),
    });
  });

  app.register(async (scope) => {
    await scope.register(import('@fastify/multipart'), {
      limits: { fileSize: READ_LIMITS.maxFileBytes, files: 1, fields: 5, parts: 6 },
    });
    scope.withTypeProvider<ZodTypeProvider>().post('/api/audit', {
      schema: {
        tags: ['公共'],
        summary: '审读一份已公开的决算文件（PDF、DOCX、XLSX、HTML、文本；multipart 的 file 字段）',
        consumes: ['multipart/form-data'],
        response: { 200: auditResponse, 400: apiErrorSchema, 413: apiErrorSchema, 422: apiErrorSchema },
      },
      handler: async (request) => {
        const file = await request.file();
        if (!file)
          throw new ApiError(400, 'invalid_request', '没有收到文件；请在 multipart 的 file 字段上传');
        const bytes = await file.toBuffer();
        auditContext ??= loadAuditContext();
        return auditBytes(bytes, file.filename || 'upload', auditContext);
      },
    });
  });
}

/** The package's own reader parses the body in the scope's routes, so it arrives as bytes. */
export function acceptPackageBytes(scope: FastifyInstance): void {
  scope.addContentTypeParser(
    'application/json',
    { parseAs: 'buffer', bodyLimit: MAX_PACKAGE_BYTES },
    (_r, body, done) => done(null, body),
  );
}

/** The package a request body holds, or a 422 with each of its issues and where it is. */
export function packageOfBody(body: Buffer, refused: string): DataPackage {
  const { package: pkg, issues } = readPackage(body, packageReadOptions());
  if (pkg) return pkg;
  throw new ApiError(
    422,
    'invalid_package',
    `数据包有 ${issues.filter((i) => i.severity === 'error').length} 个错误，${refused}`,
    issues.map(({ path, message }) => ({ path, message })),
  );
}

function checkBody(body: Buffer) {
  const pkg = packageOfBody(body, '未检查');
  const result = profileCheck(pkg);
  const { counts, rulesRun, checks } = result.summary;
  return {
    department: pkg.department.name,
    year: pkg.department.year,
    profile: pkg.department.profile,
    summary: { ...counts, rulesRun, checks },
    findings: result.findings,
  };
}

async function auditBytes(bytes: Buffer, name: string, context: AuditContext) {
  let raw: Awaited<ReturnType<typeof readBytes>>;
  try {
    raw = await readBytes(bytes, name);
  } catch (error) {
    if (error instanceof ReadError) throw new ApiError(422, 'unreadable', error.message);
    throw error;
  }
  const d = auditDocument(raw, context);
  return {
    file: d.file,
    format: d.format,
    profile: d.profile.id,
    year: d.year,
    documentKind: d.documentKind.label,
    summary: {
      ...d.summary.counts,
      tablesRecognised: d.summary.tablesRecognised,
      tablesExpected: d.summary.tablesExpected,
    },
    findings: d.findings,
  };
}
