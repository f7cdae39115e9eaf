/** The queue's database on a PostgreSQL server (`DATABASE_URL`), for `juesuan worker` and the server. */
import pg from 'pg';
import type { JobDatabase } from './queue';

export interface PostgresJobDatabase extends JobDatabase {
  end(): Promise<void>;
}

/**
 * A small pool of connections: a runner holds none between statements, so a few serve any number
 * of jobs running at once.
 */
export function connectPostgres(url: string, maxConnections = 4): PostgresJobDatabase {
  return new pg.Pool({ connectionString: url, max: maxConnections });
}
