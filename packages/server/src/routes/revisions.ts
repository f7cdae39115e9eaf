/**
 * A department-year's revisions: list, save (the package's JSON as the body, read by the package
 * reader like /api/check; the revision it was edited from as `?base=`, `none` for a first save; a
 * note as `?note=`), load, compare, restore, check with the 出错说明 applied, the 出错说明 and
 * review comments of a revision, and its disclosure as DOCX or XLSX.
 */
import { submissionRefusal, writePackage } from '@juesuan/core';
import type { Workspace } from '@juesuan/store';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { sessionOf } from '../auth/session';
import { DOWNLOAD_FORMATS, type DownloadFormat, renderDisclosure, sendFile } from '../documents';
import { ApiError, apiErrorSchema } from '../errors';
import { acceptPackageBytes, MAX_PACKAGE_BYTES, packageOfBody } from './public';
import {
  checkSchema,
  commentSchema,
  diffBody,
  diffSchema,
  explanationInputSchema,
  explanationSchema,
  idParam,
  isoText,
  refusals,
  revisionBody,
  revisionSchema,
  runBody,
  SMALL_BODY_LIMIT,
  saveResultSchema,
  yearParam,
} from './workspace-schemas';

const TAG = ['版本'];
const departmentYear = z.strictObject({ departmentId: idParam, year: yearParam });
const revisionParams = z.strictObject({ revisionId: idParam });
const baseQuery = z
  .union([z.literal('none'), idParam])
  .describe('编辑所依据的版本编号（须是最新版本，否则 409 stale）；第一次保存写 none');

export function revisionRoutes(app: FastifyInstance, workspace: Workspace) {
  const api = app.withTypeProvider<ZodTypeProvider>();
  const { revisions } = workspace;

  api.get('/api/departments/:departmentId/years/:year/revisions', {
    schema: {
      tags: TAG,
      summary: '部门某年度的全部版本（从旧到新），含作者、依据的版本和变化摘要',
      params: departmentYear,
      response: { 200: z.array(revisionSchema), ...refusals },
    },
    handler: async (request) => {
      const { user } = sessionOf(request);
      const { departmentId, year } = request.params;
      await workspace.directory.department(user, departmentId);
      return (await revisions.list(user, { departmentId, year })).map(revisionBody);
    },
  });

  app.register(async (scope) => {
    acceptPackageBytes(scope);
    scope.withTypeProvider<ZodTypeProvider>().post('/api/departments/:departmentId/years/:year/revisions', {
      schema: {
        tags: TAG,
        summary: `保存数据包为新版本（请求体为 juesuan.package/1 JSON，至多 ${MAX_PACKAGE_BYTES / 1024 / 1024} MB）；与最新版本相同时不新建（200）`,
        params: departmentYear,
        querystring: z.strictObject({ base: baseQuery, note: z.string().max(500).optional() }),
        response: { 200: saveResultSchema, 201: saveResultSchema, ...refusals, 413: apiErrorSchema },
      },
      handler: async (request, reply) => {
        const { user } = sessionOf(request);
        const { departmentId, year } = request.params;
        const pkg = packageOfBody(request.body as Buffer, '未保存');
        if (pkg.department.year !== year) {
          throw new ApiError(
            422,
            'validation',
            `数据包的年度 ${pkg.department.year}（department.year）与要保存到的年度 ${year} 不符`,
          );
        }
        const { base, note } = request.query;
        const saved = await revisions.save(user, {
          departmentId,
          package: pkg,
          baseRevisionId: base === 'none' ? null : base,
          ...(note !== undefined ? { note } : {}),
        });
        return reply
          .code(saved.created ? 201 : 200)
          .send({ ...saved, revision: revisionBody(saved.revision) });
      },
    });
  });

  api.post('/api/revisions/:revisionId/restore', {
    schema: {
      tags: TAG,
      summary: '把较早的版本恢复为最新版本（?base= 为所见的最新版本编号）',
      params: revisionParams,
      querystring: z.strictObject({ base: idParam }),
      response: { 200: saveResultSchema, 201: saveResultSchema, ...refusals },
    },
    handler: async (request, reply) => {
      const saved = await revisions.restore(
        sessionOf(request).user,
        request.params.revisionId,
        request.query.base,
      );
      return reply.code(saved.created ? 201 : 200).send({ ...saved, revision: revisionBody(saved.revision) });
    },
  });

  revisionOfIdRoutes(app, workspace);
  notesRoutes(app, workspace);
  downloadRoutes(app, workspace);
}

/** A revision named by its id: read, load, compare, check. */
function revisionOfIdRoutes(app: FastifyInstance, workspace: Workspace) {
  const api = app.withTypeProvider<ZodTypeProvider>();
  const { revisions } = workspace;

  api.get('/api/revisions/:revisionId', {
    schema: {
      tags: TAG,
      summary: '一个版本的信息',
      params: revisionParams,
      response: { 200: revisionSchema, ...refusals },
    },
    handler: async (request) =>
      revisionBody(await revisions.info(sessionOf(request).user, request.params.revisionId)),
  });

  api.get('/api/revisions/:revisionId/package', {
    schema: {
      tags: TAG,
      summary: '一个版本的数据包（juesuan.package/1 JSON）',
      params: revisionParams,
      response: { 200: z.record(z.string(), z.unknown()), ...refusals },
    },
    handler: async (request) =>
      writePackage(await revisions.load(sessionOf(request).user, request.params.revisionId)),
  });

  api.get('/api/revisions/:revisionId/compare/:otherId', {
    schema: {
      tags: TAG,
      summary: '从 revisionId 到 otherId 的变化：事实（金额以分计）、单位、其他字段',
      params: z.strictObject({ revisionId: idParam, otherId: idParam }),
      response: { 200: diffSchema, ...refusals },
    },
    handler: async (request) =>
      diffBody(
        await revisions.compare(sessionOf(request).user, request.params.revisionId, request.params.otherId),
      ),
  });

  api.post('/api/revisions/:revisionId/check', {
    schema: {
      tags: TAG,
      summary: '按口径审核这一版本（应用已写的出错说明），保存本次审核，并说明能否提交',
      params: revisionParams,
      response: { 200: checkSchema, ...refusals },
    },
    handler: async (request) => {
      const { run, result, blockers } = await revisions.checkRevision(
        sessionOf(request).user,
        request.params.revisionId,
      );
      return {
        run: runBody(run),
        findings: result.findings,
        blockers: {
          errors: blockers.errors.length,
          unexplainedWarnings: blockers.unexplainedWarnings.length,
          refusal: submissionRefusal(blockers),
        },
      };
    },
  });
}

function notesRoutes(app: FastifyInstance, workspace: Workspace) {
  const api = app.withTypeProvider<ZodTypeProvider>();
  const { revisions } = workspace;

  api.get('/api/revisions/:revisionId/explanations', {
    schema: {
      tags: TAG,
      summary: '版本的出错说明',
      params: revisionParams,
      response: { 200: z.array(explanationSchema), ...refusals },
    },
    handler: async (request) =>
      (await revisions.explanations(sessionOf(request).user, request.params.revisionId)).map((e) => ({
        ...e,
        writtenAt: isoText(e.writtenAt),
      })),
  });

  api.put('/api/revisions/:revisionId/explanations', {
    bodyLimit: SMALL_BODY_LIMIT,
    schema: {
      tags: TAG,
      summary: '为最新版本的一个发现写（或改写）出错说明（本部门填报人）',
      params: revisionParams,
      body: explanationInputSchema,
      response: { 200: explanationSchema, ...refusals },
    },
    handler: async (request) => {
      const written = await revisions.explain(
        sessionOf(request).user,
        request.params.revisionId,
        request.body,
      );
      return { ...written, writtenAt: isoText(written.writtenAt) };
    },
  });

  api.get('/api/revisions/:revisionId/comments', {
    schema: {
      tags: TAG,
      summary: '版本的审核意见',
      params: revisionParams,
      response: { 200: z.array(commentSchema), ...refusals },
    },
    handler: async (request) =>
      (await revisions.comments(sessionOf(request).user, request.params.revisionId)).map((c) => ({
        ...c,
        writtenAt: isoText(c.writtenAt),
      })),
  });

  api.post('/api/revisions/:revisionId/comments', {
    bodyLimit: SMALL_BODY_LIMIT,
    schema: {
      tags: TAG,
      summary: '写审核意见（被分配的审核人）',
      params: revisionParams,
      body: z.strictObject({ text: z.string().min(1).max(5000) }),
      response: { 201: commentSchema, ...refusals },
    },
    handler: async (request, reply) => {
      const written = await revisions.comment(
        sessionOf(request).user,
        request.params.revisionId,
        request.body.text,
      );
      return reply.code(201).send({ ...written, writtenAt: isoText(written.writtenAt) });
    },
  });
}

function downloadRoutes(app: FastifyInstance, workspace: Workspace) {
  app.withTypeProvider<ZodTypeProvider>().get('/api/revisions/:revisionId/document/:format', {
    schema: {
      tags: TAG,
      summary: '这一版本生成的部门决算公开文档（docx 或 xlsx），文件名为「部门名称＋年度＋部门决算」',
      params: z.strictObject({
        revisionId: idParam,
        format: z.enum(Object.keys(DOWNLOAD_FORMATS) as [DownloadFormat]),
      }),
      produces: Object.values(DOWNLOAD_FORMATS).map((f) => f.contentType),
      response: { 200: z.any().describe('文件内容'), ...refusals },
    },
    handler: async (request, reply) => {
      const { revisionId, format } = request.params;
      const pkg = await workspace.revisions.load(sessionOf(request).user, revisionId);
      const [file] = await renderDisclosure(pkg, [format]);
      return sendFile(reply, file!, `revision-${revisionId}`);
    },
  });
}
