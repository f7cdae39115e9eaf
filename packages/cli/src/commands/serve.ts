/**
 * `juesuan serve`: the HTTP API with the workspace (the embedded store in --data, or PostgreSQL
 * through DATABASE_URL) on a port until interrupted.
 */
import { buildServer } from '@juesuan/server';
import { UsageError } from '../output';
import { type DataOptions, withWorkspace } from './serve-workspace';

export interface ServeOptions extends DataOptions {
  port: string;
  host: string;
}

export async function runServe(options: ServeOptions): Promise<void> {
  const port = Number(options.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    throw new UsageError(`--port 应为 0 到 65535 的整数，实际为 “${options.port}”`);
  }
  await withWorkspace(options, async (workspace) => {
    const app = await buildServer({ log: process.env.JUESUAN_LOG === '1', workspace });
    let address: string;
    try {
      address = await app.listen({ port, host: options.host });
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      if (code === 'EADDRINUSE') throw new UsageError(`端口 ${port} 已被占用；请用 --port 换一个端口`);
      if (code === 'EACCES') throw new UsageError(`没有权限使用端口 ${port}；请换一个 1024 以上的端口`);
      throw error;
    }
    process.stderr.write(`juesuan 服务已启动：${address}（接口说明 ${address}/api/docs）；按 Ctrl+C 停止\n`);
    await new Promise<void>((resolve) => {
      const stop = () => {
        process.stderr.write('正在停止服务…\n');
        void app.close().then(resolve);
      };
      process.once('SIGINT', stop);
      process.once('SIGTERM', stop);
    });
  });
}
