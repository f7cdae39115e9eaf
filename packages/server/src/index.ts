/** @juesuan/server: the workspace's HTTP API (Fastify), over core, data, readers, render and the store. */
export { buildServer, type ServerOptions } from './app';
export { CSRF_HEADER, SESSION_COOKIE } from './auth/session';
export { profileCheck } from './check';
export { ApiError, type ApiErrorBody } from './errors';
