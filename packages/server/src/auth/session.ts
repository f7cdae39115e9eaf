/**
 * Who is asking: the session named by the HTTP-only cookie, resolved once per request of the
 * workspace's routes, and the CSRF rule — a logged-in user's request that changes anything must
 * carry the session's CSRF token in `x-csrf-token`, which a page of another site cannot read.
 */
import cookie from '@fastify/cookie';
import { AuthenticationError, csrfMatches, type ResolvedSession, type Workspace } from '@juesuan/store';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { ApiError } from '../errors';

export const SESSION_COOKIE = 'juesuan_session';
export const CSRF_HEADER = 'x-csrf-token';

const READ_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

declare module 'fastify' {
  interface FastifyRequest {
    /** The logged-in user's session; undefined when the request carries no valid one. */
    session?: ResolvedSession;
  }
}

/** Resolves the session of every request in the scope and refuses a change without its CSRF token. */
export async function sessionAuth(scope: FastifyInstance, workspace: Workspace): Promise<void> {
  await scope.register(cookie);
  scope.decorateRequest('session', undefined);
  scope.addHook('onRequest', async (request, reply) => {
    const token = request.cookies[SESSION_COOKIE];
    if (token) {
      try {
        request.session = await workspace.sessions.resolve(token);
      } catch (error) {
        if (!(error instanceof AuthenticationError)) throw error;
        clearSessionCookie(request, reply);
      }
    }
    if (request.session && !READ_METHODS.has(request.method)) {
      const presented = request.headers[CSRF_HEADER];
      if (!csrfMatches(request.session, typeof presented === 'string' ? presented : undefined)) {
        throw new ApiError(
          403,
          'csrf',
          `请求缺少或带错了 CSRF 令牌：修改数据的请求须在 ${CSRF_HEADER} 头中带上登录时（或 GET /api/session）返回的 csrfToken`,
        );
      }
    }
  });
}

/** The logged-in user of the request, or a 401. */
export function sessionOf(request: FastifyRequest): ResolvedSession {
  if (!request.session) {
    throw new ApiError(401, 'unauthenticated', '未登录或会话已过期：请先登录（POST /api/session）');
  }
  return request.session;
}

export function setSessionCookie(request: FastifyRequest, reply: FastifyReply, token: string, expires: Date) {
  reply.setCookie(SESSION_COOKIE, token, { ...cookieAttributes(request), expires });
}

export function clearSessionCookie(request: FastifyRequest, reply: FastifyReply) {
  reply.clearCookie(SESSION_COOKIE, cookieAttributes(request));
}

function cookieAttributes(request: FastifyRequest) {
  return {
    path: '/api',
    httpOnly: true,
    sameSite: 'strict' as const,
    secure: request.protocol === 'https',
  };
}
