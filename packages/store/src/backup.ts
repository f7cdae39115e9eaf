/**
 * Backup and restore of the whole store as one portable file, the same on PGlite and PostgreSQL:
 * gzip-compressed JSON lines — a header (format, migration, time, rows per table), then for each
 * table a section line and its rows. Rows are PostgreSQL's own JSON of the row (to_jsonb) and are
 * read back by PostgreSQL (jsonb_populate_recordset), never parsed in JavaScript: bigint 分, bytea
 * and microsecond timestamps come back exactly.
 */
import { createInterface } from 'node:readline';
import { pipeline as pipelineWithCallback, Readable, type Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { createGunzip, createGzip } from 'node:zlib';
import { getTableName, is, type SQL, sql } from 'drizzle-orm';
import { PgTable } from 'drizzle-orm/pg-core';
import { StoreError } from './errors';
import * as schema from './schema';
import type { Store, StoreTransaction } from './store';

export const BACKUP_FORMAT = 'juesuan.backup/1';

export interface BackupHeader {
  format: typeof BACKUP_FORMAT;
  /** The schema's latest migration when the backup was taken: how many, and the last one's hash. */
  migration: MigrationMark;
  takenAt: string;
  backend: Store['backend'];
  /** Rows per table, in the file's order. */
  tables: Record<string, number>;
}

interface MigrationMark {
  count: number;
  hash: string;
}

/**
 * Every table, parents before children, so that each row's foreign keys point at rows already
 * restored. Departments refer to departments (a unit's 主管部门): they are ordered by depth.
 */
const TABLES: readonly { name: string; key: string; rows: SQL }[] = (
  [
    ['departments', 'id'],
    ['users', 'id'],
    ['reviewer_assignments', 'user_id, department_id'],
    ['sessions', 'id'],
    ['login_failures', 'id'],
    ['package_revisions', 'id'],
    ['facts', 'revision_id, fact_key'],
    ['check_runs', 'id'],
    ['findings', 'id'],
    ['explanations', 'id'],
    ['review_comments', 'id'],
    ['workflow_states', 'department_id, year'],
    ['workflow_log', 'id'],
    ['published_files', 'id'],
  ] as const
).map(([name, key]) => ({
  name,
  key,
  rows:
    name === 'departments'
      ? sql.raw(`with recursive tree (id, depth) as (
            select id, 0 from departments where parent_id is null
            union all select d.id, t.depth + 1 from departments d join tree t on d.parent_id = t.id)
          select to_jsonb(d)::text as row from departments d join tree using (id) order by tree.depth, d.id`)
      : sql.raw(`select to_jsonb(t)::text as row from "${name}" t order by ${key}`),
}));

/** The tables of the schema, for the test that TABLES misses none. */
export function schemaTableNames(): string[] {
  return Object.values(schema)
    .filter((value) => is(value, PgTable))
    .map((table) => getTableName(table as PgTable));
}

export const BACKUP_TABLE_NAMES: readonly string[] = TABLES.map((table) => table.name);

/** Rows fetched from the cursor at a time, and inserted in one statement at most. */
const BATCH_ROWS = 500;
/** A batch is inserted early when its JSON passes this size (published files can be large). */
const BATCH_CHARS = 8 * 1024 * 1024;

/**
 * Writes a backup of the whole store to `output` (which it ends). Everything is read in one
 * read-only REPEATABLE READ transaction, so saves made meanwhile are wholly in it or wholly not.
 */
export async function backupStore(store: Store, output: Writable): Promise<BackupHeader> {
  return store.db.transaction(
    async (tx) => {
      const tables: Record<string, number> = {};
      for (const table of TABLES) tables[table.name] = await countRows(tx, table.name);
      const header: BackupHeader = {
        format: BACKUP_FORMAT,
        migration: await latestMigration(tx),
        takenAt: new Date().toISOString(),
        backend: store.backend,
        tables,
      };
      await pipeline(Readable.from(backupLines(tx, header)), createGzip(), output);
      return header;
    },
    { isolationLevel: 'repeatable read', accessMode: 'read only' },
  );
}

async function* backupLines(tx: StoreTransaction, header: BackupHeader): AsyncGenerator<string> {
  yield `${JSON.stringify(header)}\n`;
  for (const table of TABLES) {
    const expected = header.tables[table.name] ?? 0;
    yield `${JSON.stringify({ table: table.name, rows: expected })}\n`;
    let written = 0;
    // A cursor, so that only one batch of rows is in memory at a time.
    const cursor = `juesuan_backup_${table.name}`;
    await tx.execute(sql`declare ${sql.identifier(cursor)} no scroll cursor for ${table.rows}`);
    for (;;) {
      const batch = rowsOf(await tx.execute(sql.raw(`fetch ${BATCH_ROWS} from "${cursor}"`)));
      if (batch.length === 0) break;
      written += batch.length;
      yield `${batch.map((row) => row.row).join('\n')}\n`;
    }
    await tx.execute(sql.raw(`close "${cursor}"`));
    if (written !== expected) {
      throw new StoreError(
        `备份表 ${table.name} 时读出 ${written} 行，与计数 ${expected} 行不符（部门的主管部门关系是否成环？）`,
      );
    }
  }
}

/**
 * Restores a backup into an empty store, in one transaction: a file that is truncated, corrupt,
 * of another format or another schema version is refused and leaves the store as it was.
 */
export async function restoreStore(store: Store, input: Readable): Promise<BackupHeader> {
  // The callback form: an error of the file or of gunzip ends the lines with that error.
  const unzipped = pipelineWithCallback(input, createGunzip(), () => undefined);
  const lines = createInterface({ input: unzipped, crlfDelay: Number.POSITIVE_INFINITY });
  const reader = lines[Symbol.asyncIterator]();
  const next = async (): Promise<string | undefined> => {
    try {
      const result = await reader.next();
      return result.done ? undefined : result.value;
    } catch (error) {
      throw new StoreError(`备份文件无法读取或解压，可能不完整或已损坏：${(error as Error).message}`);
    }
  };
  try {
    return await store.db.transaction(async (tx) => {
      await refuseUnlessEmpty(tx);
      const header = parseHeader(await next());
      const migration = await latestMigration(tx);
      if (migration.count !== header.migration.count || migration.hash !== header.migration.hash) {
        throw new StoreError(
          `备份取自表结构第 ${header.migration.count} 版，本程序的存储为第 ${migration.count} 版；请用与备份时相同版本的 juesuan 恢复`,
        );
      }
      for (const table of TABLES) await restoreTable(tx, table.name, header, next);
      if ((await next()) !== undefined)
        throw new StoreError('备份文件在最后一张表之后还有多余内容，可能已损坏');
      for (const table of TABLES) if (table.key === 'id') await resetSequence(tx, table.name);
      return header;
    });
  } finally {
    lines.close();
    unzipped.destroy();
    input.destroy();
  }
}

async function restoreTable(
  tx: StoreTransaction,
  name: string,
  header: BackupHeader,
  next: () => Promise<string | undefined>,
): Promise<void> {
  const expected = header.tables[name];
  const section = parseLine(await next(), `表 ${name} 的开头`) as { table?: unknown; rows?: unknown };
  if (section.table !== name || section.rows !== expected) {
    throw new StoreError(
      `备份文件已损坏：此处应为表 ${name}（${expected} 行）的开头，实际为 ${JSON.stringify(section).slice(0, 120)}`,
    );
  }
  let batch: string[] = [];
  let chars = 0;
  const flush = async () => {
    if (batch.length === 0) return;
    await tx.execute(
      sql`insert into ${sql.identifier(name)} select * from jsonb_populate_recordset(null::${sql.identifier(name)}, ${`[${batch.join(',')}]`}::jsonb)`,
    );
    batch = [];
    chars = 0;
  };
  for (let restored = 0; restored < (expected ?? 0); restored++) {
    const line = await next();
    if (line === undefined) {
      throw new StoreError(`备份文件不完整：表 ${name} 应有 ${expected} 行，文件在第 ${restored} 行后结束`);
    }
    batch.push(line);
    chars += line.length;
    if (batch.length >= BATCH_ROWS || chars >= BATCH_CHARS) await flush();
  }
  await flush();
  const restored = await countRows(tx, name);
  if (restored !== expected) {
    throw new StoreError(`恢复后表 ${name} 有 ${restored} 行，与备份文件头记录的 ${expected} 行不符`);
  }
}

function parseHeader(line: string | undefined): BackupHeader {
  const header = parseLine(line, '文件头') as Partial<BackupHeader>;
  if (header.format !== BACKUP_FORMAT) {
    throw new StoreError(
      `不是 juesuan 的备份文件，或格式不受支持：文件头格式为 ${JSON.stringify(header.format)}，应为 ${BACKUP_FORMAT}`,
    );
  }
  const tables = header.tables ?? {};
  const missing = BACKUP_TABLE_NAMES.filter((name) => !Number.isSafeInteger(tables[name]));
  if (!header.migration || missing.length > 0) {
    throw new StoreError(`备份文件头不完整：缺少表结构版本或这些表的行数：${missing.join('、') || '无'}`);
  }
  return header as BackupHeader;
}

function parseLine(line: string | undefined, what: string): unknown {
  if (line === undefined) throw new StoreError(`备份文件不完整：在${what}之前已结束`);
  try {
    return JSON.parse(line);
  } catch {
    throw new StoreError(`备份文件已损坏：${what}不是 JSON：${line.slice(0, 120)}`);
  }
}

async function refuseUnlessEmpty(tx: StoreTransaction): Promise<void> {
  const occupied: string[] = [];
  for (const name of BACKUP_TABLE_NAMES) {
    const count = await countRows(tx, name);
    if (count > 0) occupied.push(`${name} ${count} 行`);
  }
  if (occupied.length > 0) {
    throw new StoreError(
      `目标存储已有数据（${occupied.join('，')}），恢复只能写入空存储；请指定一个新目录或新建一个空数据库`,
    );
  }
}

/** Serial ids (every table keyed by `id`) continue after the restored ids, so that new rows do not collide with them. */
async function resetSequence(tx: StoreTransaction, name: string): Promise<void> {
  await tx.execute(
    sql`select setval(pg_get_serial_sequence(${name}, 'id'), coalesce((select max(id) from ${sql.identifier(name)}), 0) + 1, false)`,
  );
}

async function countRows(tx: StoreTransaction, name: string): Promise<number> {
  const [result] = rowsOf(await tx.execute(sql`select count(*)::text as row from ${sql.identifier(name)}`));
  return Number(result?.row);
}

async function latestMigration(tx: StoreTransaction): Promise<MigrationMark> {
  const [result] = rowsOf(
    await tx.execute(
      sql`select json_build_object('count', (select count(*) from drizzle.__drizzle_migrations),
        'hash', (select hash from drizzle.__drizzle_migrations order by created_at desc, id desc limit 1))::text as row`,
    ),
  );
  return JSON.parse(result?.row ?? '{}') as MigrationMark;
}

/** The rows of `execute`, which node-postgres and PGlite both give as `rows`. */
function rowsOf(result: unknown): { row: string | null }[] {
  return (result as { rows: { row: string | null }[] }).rows;
}
