/**
 * The workspace of `juesuan serve`, `user add` and `department add`: PostgreSQL when DATABASE_URL
 * is set and no --data is given, else the embedded store in --data (default .juesuan/store), with
 * the profile's checks. Store errors become usage errors (a folder in use, a server unreachable).
 */
import type { Store, Workspace } from '@juesuan/store';
import { color, UsageError } from '../output';

export interface DataOptions {
  data?: string;
}

export async function withWorkspace<T>(
  options: DataOptions,
  work: (workspace: Workspace, store: Store) => Promise<T>,
): Promise<T> {
  // Loaded on demand: the database drivers and the engine are not worth loading for --help.
  const [{ openStore, StoreError, Workspace }, { profileCheck }] = await Promise.all([
    import('@juesuan/store'),
    import('@juesuan/server'),
  ]);
  const url = options.data === undefined ? process.env.DATABASE_URL || undefined : undefined;
  let store: Store;
  try {
    store = await openStore(url ? { url } : options.data !== undefined ? { dir: options.data } : {});
  } catch (error) {
    throw error instanceof StoreError ? new UsageError(error.message) : error;
  }
  process.stderr.write(color.dim(`存储：${store.describe()}\n`));
  try {
    return await work(new Workspace(store, { check: profileCheck }), store);
  } catch (error) {
    throw error instanceof StoreError ? new UsageError(error.message) : error;
  } finally {
    await store.close();
  }
}
