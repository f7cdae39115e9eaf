/**
 * The workflow of a department-year: its status, a transition (提交, 通过, 退回 with a comment,
 * 重新填报), the append-only log, and 公开 — the revision's DOCX and XLSX rendered, frozen with
 * their checksums, and downloadable as frozen ever after.
 */
import type { Workspace } from '@juesuan/store';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { sessionOf } from '../auth/session';
import { DOWNLOAD_FORMATS, type DownloadFormat, renderDisclosure, sendFile } from '../documents';
import { ApiError } from '../errors';
import {
  idParam,
  isoText,
  logEntrySchema,
  publishedFileSchema,
  refusals,
  SMALL_BODY_LIMIT,
  statusBody,
  statusSchema,
  yearParam,
} from './workspace-schemas';

const TAG = ['流程'];
const departmentYear = z.strictObject({ departmentId: idParam, year: yearParam });
const BASE = '/api/departments/:departmentId/years/:year';

export function workflowRoutes(app: FastifyInstance, workspace: Workspace) {
  const api = app.withTypeProvider<ZodTypeProvider>();
  const { workflow } = workspace;

  api.get(`${BASE}/workflow`, {
    schema: {
      tags: TAG,
      summary: '部门年度的流程状态',
      params: departmentYear,
      response: { 200: statusSchema, ...refusals },
    },
    handler: async (request) => {
      const { departmentId, year } = request.params;
      return statusBody(await workflow.status(sessionOf(request).user, departmentId, year));
    },
  });

  api.post(`${BASE}/workflow`, {
    bodyLimit: SMALL_BODY_LIMIT,
    schema: {
      tags: TAG,
      summary:
        '流程转换：submitted 提交（填报人，最新版本，无错误且警告均有出错说明）、accepted 通过 / returned 退回（审核人，退回须写 comment）、drafting 重新填报（填报人）；公开用 publication',
      params: departmentYear,
      body: z.strictObject({
        to: z.enum(['submitted', 'accepted', 'returned', 'drafting']),
        revisionId: z.number().int().positive().describe('提交时为最新版本；其他转换为流程中的版本'),
        comment: z.string().max(5000).optional(),
      }),
      response: { 200: statusSchema, ...refusals },
    },
    handler: async (request) => {
      const { departmentId, year } = request.params;
      const { to, revisionId, comment } = request.body;
      const status = await workflow.transition(sessionOf(request).user, {
        departmentId,
        year,
        to,
        revisionId,
        ...(comment !== undefined ? { comment } : {}),
      });
      return statusBody(status);
    },
  });

  api.get(`${BASE}/workflow/log`, {
    schema: {
      tags: TAG,
      summary: '流程日志（只增不改）：谁、何时、从何状态到何状态、哪一版本、意见',
      params: departmentYear,
      response: { 200: z.array(logEntrySchema), ...refusals },
    },
    handler: async (request) => {
      const { departmentId, year } = request.params;
      const log = await workflow.log(sessionOf(request).user, departmentId, year);
      return log.map((entry) => ({ ...entry, at: isoText(entry.at) }));
    },
  });

  publicationRoutes(app, workspace);
}

function publicationRoutes(app: FastifyInstance, workspace: Workspace) {
  const api = app.withTypeProvider<ZodTypeProvider>();
  const { workflow } = workspace;

  api.post(`${BASE}/publication`, {
    bodyLimit: SMALL_BODY_LIMIT,
    schema: {
      tags: TAG,
      summary: '公开（已审核 → 已公开，本部门填报人）：生成该版本的 DOCX 和 XLSX，连同 SHA-256 冻结保存',
      params: departmentYear,
      body: z.strictObject({ revisionId: z.number().int().positive().describe('已审核的版本') }),
      response: {
        200: z.strictObject({ status: statusSchema, files: z.array(publishedFileSchema) }),
        ...refusals,
      },
    },
    handler: async (request) => {
      const { user } = sessionOf(request);
      const { departmentId, year } = request.params;
      const pkg = await workspace.revisions.load(user, request.body.revisionId);
      const files = await renderDisclosure(pkg, Object.keys(DOWNLOAD_FORMATS) as DownloadFormat[]);
      const published = await workflow.publish(user, {
        departmentId,
        year,
        revisionId: request.body.revisionId,
        files,
      });
      return { status: statusBody(published.status), files: published.files };
    },
  });

  api.get(`${BASE}/publication`, {
    schema: {
      tags: TAG,
      summary: '公开时冻结的文件及其 SHA-256；未公开时为空',
      params: departmentYear,
      response: { 200: z.array(publishedFileSchema), ...refusals },
    },
    handler: async (request) => {
      const { departmentId, year } = request.params;
      const files = await workflow.publishedFiles(sessionOf(request).user, departmentId, year);
      return files.map(({ revisionId, format, fileName, sha256 }) => ({
        revisionId,
        format,
        fileName,
        sha256,
      }));
    },
  });

  api.get(`${BASE}/publication/:format`, {
    schema: {
      tags: TAG,
      summary: '下载公开时冻结的文件（与公开时逐字节相同）',
      params: departmentYear.extend({ format: z.enum(Object.keys(DOWNLOAD_FORMATS) as [DownloadFormat]) }),
      produces: Object.values(DOWNLOAD_FORMATS).map((f) => f.contentType),
      response: { 200: z.any().describe('文件内容'), ...refusals },
    },
    handler: async (request, reply) => {
      const { departmentId, year, format } = request.params;
      const files = await workflow.publishedFiles(sessionOf(request).user, departmentId, year);
      const file = files.find((f) => f.format === format);
      if (!file) {
        throw new ApiError(
          404,
          'not-found',
          `部门（编号 ${departmentId}）${year} 年尚未公开，或公开时没有 ${format} 文件`,
        );
      }
      return sendFile(reply, { ...file, format }, `department-${departmentId}-${year}`);
    },
  });
}
