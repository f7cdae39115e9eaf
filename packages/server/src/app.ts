/**
 * The juesuan HTTP API as a Fastify instance: zod schemas for every request and response (the
 * OpenAPI document at /api/docs is made from them), one error shape, bounded bodies.
 * `buildServer` does not listen, so tests drive it with `inject` and `juesuan serve` with `listen`.
 */
import swagger from '@fastify/swagger';
import type { Workspace } from '@juesuan/store';
import Fastify, { type FastifyInstance } from 'fastify';
import { jsonSchemaTransform, serializerCompiler, validatorCompiler } from 'fastify-type-provider-zod';
import { sessionAuth } from './auth/session';
import { sendError, sendNotFound } from './errors';
import { directoryRoutes, sessionRoutes } from './routes/directory';
import { publicRoutes } from './routes/public';
import { revisionRoutes } from './routes/revisions';
import { workflowRoutes } from './routes/workflow';

export interface ServerOptions {
  /** Fastify's request log (pino); off in tests. */
  log?: boolean;
  /** Largest JSON body of the routes that take ordinary JSON. */
  bodyLimit?: number;
  /** The workspace (departments, users, revisions, workflow); its routes exist only when given. */
  workspace?: Workspace;
}

const JSON_BODY_LIMIT = 1024 * 1024;

export async function buildServer(options: ServerOptions = {}): Promise<FastifyInstance> {
  const app = Fastify({ logger: options.log ?? false, bodyLimit: options.bodyLimit ?? JSON_BODY_LIMIT });
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  app.setErrorHandler(sendError);
  app.setNotFoundHandler(sendNotFound);
  await app.register(swagger, {
    openapi: {
      info: {
        title: 'juesuan 决算 API',
        description: '部门决算公开：数据包审核、公开文件审读、工作台',
        version: '1',
      },
    },
    transform: jsonSchemaTransform,
  });
  await app.register(publicRoutes);
  const { workspace } = options;
  if (workspace) {
    await app.register(async (scope) => {
      await sessionAuth(scope, workspace);
      for (const routes of [sessionRoutes, directoryRoutes, revisionRoutes, workflowRoutes])
        routes(scope, workspace);
    });
  }
  app.get('/api/docs', { schema: { hide: true } }, async () => app.swagger());
  return app;
}
