/**
 * Logging in and out, and the directory: departments (read within the user's scope, made by the
 * admin), users and reviewers' assignments (the admin's).
 */
import type { Workspace } from '@juesuan/store';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { clearSessionCookie, SESSION_COOKIE, sessionOf, setSessionCookie } from '../auth/session';
import { apiErrorSchema } from '../errors';
import {
  departmentBody,
  departmentSchema,
  idParam,
  isoText,
  refusals,
  roleSchema,
  SMALL_BODY_LIMIT,
  sessionSchema,
  userBody,
  userSchema,
} from './workspace-schemas';

const SESSION_TAG = ['会话'];
const DIRECTORY_TAG = ['部门与用户'];

export function sessionRoutes(app: FastifyInstance, workspace: Workspace) {
  const api = app.withTypeProvider<ZodTypeProvider>();

  api.post('/api/session', {
    bodyLimit: SMALL_BODY_LIMIT,
    schema: {
      tags: SESSION_TAG,
      summary:
        '登录：会话放在 HTTP-only Cookie 中，返回 CSRF 令牌；同一登录名多次失败后暂停登录（429，Retry-After）',
      body: z.strictObject({ loginName: z.string().min(1).max(64), password: z.string().min(1).max(1024) }),
      response: { 200: sessionSchema, 401: apiErrorSchema, 429: apiErrorSchema },
    },
    handler: async (request, reply) => {
      const user = await workspace.sessions.authenticate(request.body.loginName, request.body.password);
      const session = await workspace.sessions.create(user);
      setSessionCookie(request, reply, session.token, session.expiresAt);
      return { user: userBody(user), csrfToken: session.csrfToken, expiresAt: isoText(session.expiresAt) };
    },
  });

  api.get('/api/session', {
    schema: {
      tags: SESSION_TAG,
      summary: '当前登录的用户和 CSRF 令牌',
      response: { 200: sessionSchema, 401: apiErrorSchema },
    },
    handler: async (request) => {
      const session = sessionOf(request);
      return {
        user: userBody(session.user),
        csrfToken: session.csrfToken,
        expiresAt: isoText(session.expiresAt),
      };
    },
  });

  api.delete('/api/session', {
    schema: {
      tags: SESSION_TAG,
      summary: '注销',
      response: { 204: z.null(), 401: apiErrorSchema, 403: apiErrorSchema },
    },
    handler: async (request, reply) => {
      sessionOf(request);
      await workspace.sessions.revoke(request.cookies[SESSION_COOKIE]!);
      clearSessionCookie(request, reply);
      return reply.code(204).send(null);
    },
  });
}

export function directoryRoutes(app: FastifyInstance, workspace: Workspace) {
  const api = app.withTypeProvider<ZodTypeProvider>();
  const { directory } = workspace;

  api.get('/api/departments', {
    schema: {
      tags: DIRECTORY_TAG,
      summary: '本人可查看的部门（填报人：本部门及其所属单位；审核人：分配的部门；管理员：全部）',
      response: { 200: z.array(departmentSchema), 401: apiErrorSchema },
    },
    handler: async (request) =>
      (await directory.listDepartments(sessionOf(request).user)).map(departmentBody),
  });

  api.post('/api/departments', {
    bodyLimit: SMALL_BODY_LIMIT,
    schema: {
      tags: DIRECTORY_TAG,
      summary: '新建部门（管理员）；所属单位写 parentId（主管部门的编号）',
      body: z.strictObject({
        name: z.string().min(1).max(200),
        code: z.string().max(50).optional(),
        region: z.string().max(100).optional(),
        parentId: z.number().int().positive().optional(),
      }),
      response: { 201: departmentSchema, ...refusals },
    },
    handler: async (request, reply) => {
      const created = await directory.createDepartment(sessionOf(request).user, request.body);
      return reply.code(201).send(departmentBody(created));
    },
  });

  userRoutes(app, workspace);
}

function userRoutes(app: FastifyInstance, workspace: Workspace) {
  const api = app.withTypeProvider<ZodTypeProvider>();
  const { directory } = workspace;

  api.get('/api/users', {
    schema: {
      tags: DIRECTORY_TAG,
      summary: '全部用户（管理员）',
      response: { 200: z.array(userSchema), ...refusals },
    },
    handler: async (request) => (await directory.listUsers(sessionOf(request).user)).map(userBody),
  });

  api.post('/api/users', {
    bodyLimit: SMALL_BODY_LIMIT,
    schema: {
      tags: DIRECTORY_TAG,
      summary: '新建用户（管理员）；填报人须写 departmentId',
      body: z.strictObject({
        loginName: z.string().max(64),
        displayName: z.string().max(100),
        role: roleSchema,
        departmentId: z.number().int().positive().optional(),
        password: z.string().max(1024),
      }),
      response: { 201: userSchema, ...refusals },
    },
    handler: async (request, reply) => {
      const created = await directory.createUser(sessionOf(request).user, request.body);
      return reply.code(201).send(userBody(created));
    },
  });

  for (const [action, disabled] of [
    ['disable', true],
    ['enable', false],
  ] as const) {
    api.post(`/api/users/:userId/${action}`, {
      schema: {
        tags: DIRECTORY_TAG,
        summary: disabled ? '停用用户（管理员），其会话随即失效' : '恢复停用的用户（管理员）',
        params: z.strictObject({ userId: idParam }),
        response: { 200: userSchema, ...refusals },
      },
      handler: async (request) =>
        userBody(await directory.setUserDisabled(sessionOf(request).user, request.params.userId, disabled)),
    });
  }

  const assignment = {
    tags: DIRECTORY_TAG,
    params: z.strictObject({ reviewerId: idParam, departmentId: idParam }),
    response: { 204: z.null(), ...refusals },
  };
  api.put('/api/reviewers/:reviewerId/departments/:departmentId', {
    schema: { ...assignment, summary: '把部门分配给审核人（管理员）' },
    handler: async (request, reply) => {
      const { reviewerId, departmentId } = request.params;
      await directory.assignReviewer(sessionOf(request).user, reviewerId, departmentId);
      return reply.code(204).send(null);
    },
  });
  api.delete('/api/reviewers/:reviewerId/departments/:departmentId', {
    schema: { ...assignment, summary: '取消审核人的部门分配（管理员）' },
    handler: async (request, reply) => {
      const { reviewerId, departmentId } = request.params;
      await directory.unassignReviewer(sessionOf(request).user, reviewerId, departmentId);
      return reply.code(204).send(null);
    },
  });
}
