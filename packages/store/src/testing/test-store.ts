/**
 * A store for one test file: embedded PGlite in memory, or, when DATABASE_URL is set (as
 * scripts/test-store-postgres.sh sets it), a fresh PostgreSQL database dropped afterwards.
 */
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { openStore, type Store } from '../store';

export interface TestStore {
  store: Store;
  close(): Promise<void>;
}

export async function openTestStore(): Promise<TestStore> {
  const url = process.env.DATABASE_URL;
  if (!url) {
    const store = await openStore({ dir: ':memory:' });
    return { store, close: () => store.close() };
  }
  const name = `juesuan_test_${randomBytes(6).toString('hex')}`;
  await adminQuery(url, `create database ${name}`);
  const testUrl = new URL(url);
  testUrl.pathname = `/${name}`;
  const store = await openStore({ url: testUrl.toString() });
  return {
    store,
    close: async () => {
      await store.close();
      await adminQuery(url, `drop database if exists ${name}`);
    },
  };
}

async function adminQuery(url: string, statement: string): Promise<void> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query(statement);
  } finally {
    await client.end();
  }
}
