/**
 * One shape for every error the API returns: the HTTP status, a stable English code a client can
 * branch on, a Chinese message a finance officer can act on, and where the fault is (a JSON path
 * of the request, or the places of a package's issues).
 */

import { RateLimitedError, WorkspaceError, type WorkspaceErrorCode } from '@juesuan/store';
import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod';
import { z } from 'zod';

export const apiErrorSchema = z
  .strictObject({
    status: z.number().int(),
    code: z
      .string()
      .describe(
        'Stable English code, e.g. invalid_request, payload_too_large, unreadable, unauthenticated, csrf, forbidden, not-found, stale',
      ),
    message: z.string().describe('中文说明：什么错了，在哪里，应当是什么'),
    issues: z
      .array(z.strictObject({ path: z.string(), message: z.string() }))
      .optional()
      .describe('Each fault with the JSON path (or file place) it is at'),
  })
  .describe('错误');

export type ApiErrorBody = z.infer<typeof apiErrorSchema>;

/** An error a route raises on purpose; the handler below turns it into the body above. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly issues?: ApiErrorBody['issues'],
  ) {
    super(message);
  }

  body(): ApiErrorBody {
    return {
      status: this.status,
      code: this.code,
      message: this.message,
      ...(this.issues ? { issues: this.issues } : {}),
    };
  }
}

/** Fastify's own errors (body too large, bad JSON, wrong content type) in our shape and words. */
const FASTIFY_ERRORS: Record<string, (error: FastifyError) => ApiError> = {
  FST_ERR_CTP_BODY_TOO_LARGE: () =>
    new ApiError(413, 'payload_too_large', '请求体超过允许的大小；文件请按上传接口的说明拆分后再提交'),
  FST_ERR_CTP_INVALID_MEDIA_TYPE: (error) =>
    new ApiError(415, 'unsupported_media_type', `不支持的内容类型：${error.message}`),
  FST_ERR_CTP_EMPTY_JSON_BODY: () =>
    new ApiError(400, 'invalid_request', '请求体为空；应为 JSON（Content-Type: application/json）'),
  FST_ERR_CTP_INVALID_JSON_BODY: () => new ApiError(400, 'invalid_request', '请求体不是合法的 JSON'),
  FST_INVALID_MULTIPART_CONTENT_TYPE: () =>
    new ApiError(400, 'invalid_request', '上传应为 multipart/form-data，文件放在 file 字段'),
  FST_REQ_FILE_TOO_LARGE: () => new ApiError(413, 'payload_too_large', '上传的文件超过允许的大小'),
  FST_FILES_LIMIT: () => new ApiError(413, 'payload_too_large', '一次只能上传一个文件'),
  FST_PARTS_LIMIT: () => new ApiError(413, 'payload_too_large', '表单字段过多；只需上传一个文件'),
  FST_MP_PREMATURE_CLOSE: () => new ApiError(400, 'invalid_request', '上传在传完之前中断了；请重新上传'),
};

/**
 * The workspace's refusals by their code. A read (GET) of something named by id outside the user's
 * scope is answered like one that does not exist, in the same words (`hiddenFromReader`), so that
 * ids of other departments cannot be probed; a change outside the scope is refused plainly (403), as the
 * user must learn why their action failed and learns nothing a read would not tell them.
 */
const WORKSPACE_STATUS: Record<WorkspaceErrorCode, number> = {
  unauthenticated: 401,
  'rate-limited': 429,
  forbidden: 403,
  'not-found': 404,
  stale: 409,
  'invalid-transition': 409,
  conflict: 409,
  validation: 422,
};

function workspaceApiError(error: WorkspaceError, request: FastifyRequest | undefined): ApiError {
  const namesSomething = Object.keys((request?.params as object | undefined) ?? {}).length > 0;
  if (
    request?.method === 'GET' &&
    namesSomething &&
    (error.code === 'forbidden' || error.code === 'not-found')
  ) {
    return hiddenFromReader(request);
  }
  return new ApiError(WORKSPACE_STATUS[error.code], error.code, error.message);
}

function hiddenFromReader(request: FastifyRequest): ApiError {
  return new ApiError(404, 'not-found', `没有找到 ${request.url} 所指的内容，或您无权查看`);
}

export function toApiError(error: unknown, request?: FastifyRequest): ApiError {
  if (error instanceof ApiError) return error;
  if (error instanceof WorkspaceError) return workspaceApiError(error, request);
  if (hasZodFastifySchemaValidationErrors(error)) {
    const where = error.validationContext ?? 'body';
    const issues = error.validation.map((v) => ({
      path: jsonPath(where, v.instancePath),
      message: v.message ?? '不符合要求',
    }));
    return new ApiError(400, 'invalid_request', `请求的 ${where} 不符合接口要求`, issues);
  }
  const code = (error as Partial<FastifyError>).code;
  const known = code ? FASTIFY_ERRORS[code] : undefined;
  if (known) return known(error as FastifyError);
  return new ApiError(500, 'internal', '服务器内部错误；请稍后重试，或把出错时间告知管理员');
}

function jsonPath(where: string, instancePath: string): string {
  const rest = instancePath
    .split('/')
    .filter(Boolean)
    .map((part) => (/^\d+$/.test(part) ? `[${part}]` : `.${part}`))
    .join('');
  return `${where}${rest}`;
}

export function sendError(error: unknown, request: FastifyRequest, reply: FastifyReply) {
  const api = toApiError(error, request);
  if (api.status >= 500) request.log.error({ err: error }, 'unexpected error');
  if (error instanceof RateLimitedError) {
    const seconds = Math.max(1, Math.ceil((error.retryAt.getTime() - Date.now()) / 1000));
    reply.header('retry-after', String(seconds));
  }
  return reply.code(api.status).send(api.body());
}

export function sendNotFound(request: FastifyRequest, reply: FastifyReply) {
  const api = new ApiError(404, 'not_found', `没有这个接口：${request.method} ${request.url}`);
  return reply.code(404).send(api.body());
}
