/**
 * The store: every save of a department-year's data package is a revision, kept for good and
 * restorable. Embedded PGlite by default (no server); PostgreSQL through `DATABASE_URL`. Both run the
 * same schema, migrations and queries (drizzle-orm, PostgreSQL dialect).
 */
import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, renameSync, rmSync, statSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { PGlite } from '@electric-sql/pglite';
import {
  type Amount,
  type CheckResult,
  type DataPackage,
  type DiffSummary,
  diffPackages,
  type Finding,
  type FindingPlace,
  MEASURES,
  mainCell,
  measureOf,
  parsePackageJson,
  type ReadOptions,
  summarizeDiff,
  writePackage,
} from '@juesuan/core';
import { type AnyColumn, and, asc, desc, eq, inArray, or, type SQL, sql } from 'drizzle-orm';
import { drizzle as drizzleNodePostgres } from 'drizzle-orm/node-postgres';
import { migrate as migrateNodePostgres } from 'drizzle-orm/node-postgres/migrator';
import type { PgDatabase, PgQueryResultHKT } from 'drizzle-orm/pg-core';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import { migrate as migratePglite } from 'drizzle-orm/pglite/migrator';
import pg from 'pg';
import { StaleRevisionError, StoreError } from './errors';
import * as schema from './schema';
import { checkRuns, departments, facts, findings, packageRevisions, users } from './schema';

export type StoreDatabase = PgDatabase<PgQueryResultHKT, typeof schema>;
export type StoreTransaction = Parameters<Parameters<StoreDatabase['transaction']>[0]>[0];

/** Found through the package's own name: the path holds from the sources and from the CLI bundle. */
const MIGRATIONS_DIR = fileURLToPath(new URL('drizzle', import.meta.resolve('@juesuan/store/package.json')));

/** The embedded store's directory when neither `dir` nor `DATABASE_URL` says otherwise. */
export const DEFAULT_STORE_DIR = '.juesuan/store';

export { StaleRevisionError, StoreError };

export interface OpenStoreOptions {
  /** A PostgreSQL connection string; when absent, an embedded PGlite store is used. */
  url?: string;
  /** The PGlite data directory (default `.juesuan/store` under the current directory); ':memory:' keeps nothing. */
  dir?: string;
  /** How long to wait for another process to let go of an embedded store before giving up. */
  lockWaitMs?: number;
}

/** How long a second process waits for an embedded store in use before it is told so. */
export const STORE_LOCK_WAIT_MS = 20_000;

export interface RevisionInfo {
  /** The revision's id across the store: what `show`, `restore` and `check` take. */
  id: number;
  departmentId: number;
  department: string;
  departmentCode: string | null;
  year: number;
  /** 1, 2, … within the department-year. */
  revision: number;
  profile: string;
  savedAt: Date;
  note: string;
  sha256: string;
  /** The id of the revision this one restores, when it is a restore. */
  restoredFrom: number | null;
  /** The workspace user who saved it (id and display name); null for `juesuan store save`. */
  authorId: number | null;
  author: string | null;
  /** The revision before it (which the author edited); null for the first. */
  baseRevisionId: number | null;
  /** What changed against the revision before it; null for the first. */
  diffSummary: DiffSummary | null;
}

export interface SaveOptions {
  note?: string;
  restoredFrom?: number;
  authorId?: number;
  /**
   * The revision the package was edited from (null: from nothing, for a first save). When given,
   * a save is refused with StaleRevisionError unless that is still the latest revision.
   */
  baseRevisionId?: number | null;
}

export interface SaveResult {
  revision: RevisionInfo;
  /** False when the package equals the latest revision, which is returned instead of a new one. */
  created: boolean;
}

export interface CheckRunInfo {
  id: number;
  revisionId: number;
  profile: string;
  ranAt: Date;
  counts: { error: number; warning: number; info: number; accepted: number };
  rulesRun: number;
  checks: number;
  skipped: number;
  ruleErrors: number;
  clean: boolean;
}

export interface StoredFinding {
  findingId: string;
  rule: string;
  severity: string;
  category: string | null;
  places: FindingPlace[] | null;
  tableId: string | null;
  rowLabel: string | null;
  columnLabel: string | null;
  message: string;
  expectedFen: bigint | null;
  foundFen: bigint | null;
  expectedText: string | null;
  foundText: string | null;
  explained: string | null;
}

export interface TotalsFilter {
  /** Fact keys to total, e.g. `income`, `expense`, `expense fund=gpb`. */
  keys: readonly string[];
  year?: number;
  /** A department's name or code. */
  department?: string;
}

/** A fact of one department-year's latest revision. */
export interface DepartmentTotal {
  department: string;
  year: number;
  revision: number;
  factKey: string;
  amountFen: bigint;
}

/** A fact summed over every department's latest revision of the year. */
export interface YearTotal {
  year: number;
  factKey: string;
  departments: number;
  amountFen: bigint;
}

export async function openStore(options: OpenStoreOptions = {}): Promise<Store> {
  if (options.url) {
    const pool = new pg.Pool({ connectionString: options.url, max: 4 });
    try {
      const db = drizzleNodePostgres({ client: pool, schema });
      await migrateNodePostgres(db, { migrationsFolder: MIGRATIONS_DIR });
      return new Store(db as unknown as StoreDatabase, 'postgres', redactUrl(options.url), () => pool.end());
    } catch (error) {
      await pool.end();
      throw new StoreError(
        `无法连接或初始化 PostgreSQL 数据库 ${redactUrl(options.url)}：${messageOf(error)}`,
      );
    }
  }
  const dir = options.dir ?? DEFAULT_STORE_DIR;
  if (dir === ':memory:') return openPglite(await PGlite.create(), ':memory:');
  const location = resolve(dir);
  // One process at a time: PGlite has no locking of its own, and two writers lose saves.
  const lock = await lockStore(location, options.lockWaitMs ?? STORE_LOCK_WAIT_MS);
  try {
    removeUnfinished(location);
    if (!existsSync(location) || isEmptyDirectory(location)) await createStore(location);
    prepareDirectory(location);
    let client: PGlite;
    try {
      client = await PGlite.create(location);
    } catch (error) {
      throw new StoreError(
        `无法打开内嵌数据库目录 ${location}：${messageOf(error)}（该目录是否不是 PGlite 数据目录？）`,
      );
    }
    return await openPglite(client, location, lock);
  } catch (error) {
    await lock(async () => undefined);
    throw error;
  }
}

async function openPglite(client: PGlite, location: string, lock?: StoreLock): Promise<Store> {
  const db = drizzlePglite({ client, schema });
  try {
    await migratePglite(db, { migrationsFolder: MIGRATIONS_DIR });
  } catch (error) {
    await client.close();
    throw new StoreError(`内嵌数据库 ${location} 的表结构无法更新：${messageOf(error)}`);
  }
  const close = () => client.close();
  return new Store(db as unknown as StoreDatabase, 'pglite', location, () => (lock ? lock(close) : close()));
}

/** Closes the store with the given function, then lets go of the lock. */
type StoreLock = (closeStore: () => Promise<void>) => Promise<void>;

/**
 * Takes the store's lock, `<dir>.lock` beside it, waiting up to `waitMs` for another process. The
 * lock is the kernel's (flock(2), held by a `flock` child process from util-linux for as long as
 * the store is open), so it goes with its holder however that ends — closed, killed, crashed — and
 * never goes stale while its holder is busy: PGlite works synchronously, for seconds at a time on
 * a loaded machine, which a lock refreshed by a timer would take for dead.
 */
async function lockStore(location: string, waitMs: number): Promise<StoreLock> {
  mkdirSync(dirname(location), { recursive: true });
  const lockPath = `${location}.lock`;
  const holder = spawn(
    'flock',
    ['--exclusive', '--wait', String(waitMs / 1000), lockPath, '-c', 'echo locked; exec cat'],
    {
      stdio: ['pipe', 'pipe', 'pipe'],
    },
  );
  let stderr = '';
  holder.stderr.on('data', (chunk) => (stderr += chunk));
  await new Promise<void>((resolve, reject) => {
    holder.stdout.once('data', () => resolve());
    holder.once('error', (error) =>
      reject(
        new StoreError(`无法锁定存储 ${location}：${messageOf(error)}（需要 util-linux 的 flock 命令）`),
      ),
    );
    holder.once('exit', (code) =>
      reject(
        code === 1
          ? new StoreError(
              `存储 ${location} 正被另一个 juesuan 进程使用，等了 ${Math.round(waitMs / 1000)} 秒仍未释放；请等它结束后再试（锁文件 ${lockPath}）`,
            )
          : new StoreError(`无法锁定存储 ${location}：${stderr.trim() || `flock 退出码 ${code}`}`),
      ),
    );
  });
  // The holder must not keep this process alive; if this process ends without closing the store,
  // the holder's input closes and it exits, releasing the lock.
  const streams = [holder.stdin, holder.stdout, holder.stderr] as unknown as { ref(): void; unref(): void }[];
  holder.unref();
  for (const stream of streams) stream.unref();
  holder.removeAllListeners('exit');
  return async (closeStore) => {
    // Held again while the store closes: PGlite's close waits on nothing that keeps Node running.
    holder.ref();
    for (const stream of streams) stream.ref();
    try {
      await closeStore();
    } finally {
      if (holder.exitCode === null) {
        const exited = new Promise((resolve) => holder.once('exit', resolve));
        holder.stdin.end();
        await exited;
      }
    }
  };
}

function isEmptyDirectory(dir: string): boolean {
  return statSync(dir).isDirectory() && readdirSync(dir).length === 0;
}

/** Stores being made when their process died: only ever made under the lock, which is now ours. */
function removeUnfinished(location: string): void {
  const prefix = `${basename(location)}.creating-`;
  for (const name of readdirSync(dirname(location))) {
    if (name.startsWith(prefix)) rmSync(join(dirname(location), name), { recursive: true, force: true });
  }
}

/**
 * A new store is made beside its place and moved there once complete, so that a full disk or a
 * kill while it is made leaves no half-made store behind (which would be refused afterwards).
 */
async function createStore(location: string): Promise<void> {
  const building = `${location}.creating-${process.pid}`;
  mkdirSync(building, { recursive: true });
  try {
    const client = await PGlite.create(building);
    const store = await openPglite(client, building);
    await store.close();
    // rename(2) replaces an empty directory, as a user may have made for --store.
    renameSync(building, location);
  } catch (error) {
    rmSync(building, { recursive: true, force: true });
    throw error instanceof StoreError
      ? error
      : new StoreError(`无法在 ${dirname(location)} 创建内嵌数据库：${messageOf(error)}`);
  }
}

/**
 * Creates the directory if needed. A directory that holds other files and no database is refused:
 * PGlite would otherwise write a new database in among them.
 */
function prepareDirectory(dir: string): void {
  if (existsSync(dir)) {
    if (!statSync(dir).isDirectory()) throw new StoreError(`存储位置 ${dir} 是文件，应为目录`);
    if (readdirSync(dir).length > 0 && !existsSync(join(dir, 'PG_VERSION'))) {
      throw new StoreError(
        `目录 ${dir} 已有其他文件，但不是 juesuan 的存储（缺少 PG_VERSION）；请用 --store 指定一个空目录或已有的存储目录`,
      );
    }
    return;
  }
  mkdirSync(dir, { recursive: true });
}

export class Store {
  constructor(
    readonly db: StoreDatabase,
    readonly backend: 'pglite' | 'postgres',
    /** The PGlite directory, ':memory:', or the PostgreSQL URL without its password. */
    readonly location: string,
    private readonly closeClient: () => Promise<void>,
  ) {}

  /** What to tell the user about which store is in use. */
  describe(): string {
    return this.backend === 'postgres' ? `PostgreSQL ${this.location}` : `内嵌 PGlite ${this.location}`;
  }

  async close(): Promise<void> {
    await this.closeClient();
  }

  /**
   * Saves the package as the department-year's next revision, in one transaction. A package equal
   * to the latest revision is not saved again: that revision is returned with `created: false`.
   */
  async savePackage(pkg: DataPackage, options: SaveOptions = {}): Promise<SaveResult> {
    return this.db.transaction((tx) => saveInTransaction(tx, pkg, options));
  }

  /** Revisions, oldest first within each department-year. */
  async listRevisions(filter: { department?: string; year?: number } = {}): Promise<RevisionInfo[]> {
    const conditions: SQL[] = [];
    if (filter.department !== undefined) conditions.push(departmentMatches(filter.department));
    if (filter.year !== undefined) conditions.push(eq(packageRevisions.year, filter.year));
    return this.revisionsWhere(and(...conditions));
  }

  /** Revisions with their department and author, oldest first within each department-year. */
  async revisionsWhere(condition: SQL | undefined): Promise<RevisionInfo[]> {
    const rows = await this.db
      .select({ revision: packageRevisions, department: departments, author: users.displayName })
      .from(packageRevisions)
      .innerJoin(departments, eq(departments.id, packageRevisions.departmentId))
      .leftJoin(users, eq(users.id, packageRevisions.authorId))
      .where(condition)
      .orderBy(asc(departments.name), asc(packageRevisions.year), asc(packageRevisions.revision));
    return rows.map((row) => revisionInfo(row.revision, row.department, row.author));
  }

  async revisionInfo(id: number): Promise<RevisionInfo> {
    const [row] = await this.revisionsWhere(eq(packageRevisions.id, id));
    if (!row) throw new StoreError(`库中没有编号为 ${id} 的版本（用 juesuan store list 查看已有版本）`);
    return row;
  }

  /** The revision's package document as stored (canonical JSON). */
  async revisionDocument(id: number): Promise<unknown> {
    const [row] = await this.db
      .select({ packageJson: packageRevisions.packageJson })
      .from(packageRevisions)
      .where(eq(packageRevisions.id, id));
    if (!row) throw new StoreError(`库中没有编号为 ${id} 的版本（用 juesuan store list 查看已有版本）`);
    return row.packageJson;
  }

  /** The revision's package, validated again by core's package parser. */
  async loadRevision(id: number, options: ReadOptions = {}): Promise<DataPackage> {
    const document = await this.revisionDocument(id);
    const { package: pkg, issues } = parsePackageJson(document, options);
    if (!pkg) {
      const errors = issues.filter((i) => i.severity === 'error');
      throw new StoreError(
        `版本 ${id} 的数据包未通过校验（${errors.length} 个错误），首个：${errors[0]?.path ?? ''} ${errors[0]?.message ?? ''}`,
      );
    }
    return pkg;
  }

  /** Saves an earlier revision again as the latest one; history is kept whole. */
  async restoreRevision(id: number, options: { note?: string } = {}): Promise<SaveResult> {
    const source = await this.revisionInfo(id);
    const pkg = await this.loadRevision(id);
    return this.savePackage(pkg, {
      note: options.note ?? `恢复自第 ${source.revision} 版（编号 ${id}）`,
      restoredFrom: id,
    });
  }

  /** Stores one check of a revision and its findings, in one transaction. */
  async saveCheckRun(revisionId: number, profile: string, result: CheckResult): Promise<CheckRunInfo> {
    await this.revisionInfo(revisionId);
    const { summary } = result;
    return this.db.transaction(async (tx) => {
      const [run] = await tx
        .insert(checkRuns)
        .values({
          revisionId,
          profile,
          errors: summary.counts.error,
          warnings: summary.counts.warning,
          infos: summary.counts.info,
          accepted: summary.counts.accepted,
          rulesRun: summary.rulesRun,
          checks: summary.checks,
          skipped: summary.skipped.length,
          ruleErrors: summary.ruleErrors.length,
          clean: summary.clean,
        })
        .returning();
      for (const batch of chunks(result.findings, 500)) {
        await tx.insert(findings).values(batch.map((finding) => findingRow(run!.id, finding)));
      }
      return checkRunInfo(run!);
    });
  }

  async listCheckRuns(revisionId: number): Promise<CheckRunInfo[]> {
    const rows = await this.db
      .select()
      .from(checkRuns)
      .where(eq(checkRuns.revisionId, revisionId))
      .orderBy(asc(checkRuns.id));
    return rows.map(checkRunInfo);
  }

  async checkRunFindings(runId: number): Promise<StoredFinding[]> {
    return this.db
      .select({
        findingId: findings.findingId,
        rule: findings.rule,
        severity: findings.severity,
        category: findings.category,
        places: findings.places,
        tableId: findings.tableId,
        rowLabel: findings.rowLabel,
        columnLabel: findings.columnLabel,
        message: findings.message,
        expectedFen: findings.expectedFen,
        foundFen: findings.foundFen,
        expectedText: findings.expectedText,
        foundText: findings.foundText,
        explained: findings.explained,
      })
      .from(findings)
      .where(eq(findings.runId, runId))
      .orderBy(asc(findings.id));
  }

  /** The facts of each department-year's latest revision (summed in SQL, exact as bigint 分). */
  async departmentTotals(filter: TotalsFilter): Promise<DepartmentTotal[]> {
    if (filter.keys.length === 0) return [];
    const latest = this.latestRevisions();
    const rows = await this.db
      .with(latest)
      .select({
        department: departments.name,
        year: latest.year,
        revision: latest.revision,
        factKey: facts.factKey,
        // int8 comes back as number or bigint from PGlite and as string from pg: text is the same on both.
        amount: sql<string>`sum(${facts.amountFen})::text`,
      })
      .from(latest)
      .innerJoin(departments, eq(departments.id, latest.departmentId))
      .innerJoin(facts, eq(facts.revisionId, latest.id))
      .where(this.totalsCondition(filter, latest.year))
      .groupBy(departments.name, latest.year, latest.revision, facts.factKey)
      .orderBy(asc(departments.name), asc(latest.year), asc(facts.factKey));
    return rows.map(({ amount, ...row }) => ({ ...row, amountFen: BigInt(amount) }));
  }

  /** Each fact summed over every department's latest revision of the year. */
  async yearTotals(filter: TotalsFilter): Promise<YearTotal[]> {
    if (filter.keys.length === 0) return [];
    const latest = this.latestRevisions();
    const rows = await this.db
      .with(latest)
      .select({
        year: latest.year,
        factKey: facts.factKey,
        departments: sql<number>`count(distinct ${latest.departmentId})::int`,
        amount: sql<string>`sum(${facts.amountFen})::text`,
      })
      .from(latest)
      .innerJoin(departments, eq(departments.id, latest.departmentId))
      .innerJoin(facts, eq(facts.revisionId, latest.id))
      .where(this.totalsCondition(filter, latest.year))
      .groupBy(latest.year, facts.factKey)
      .orderBy(asc(latest.year), asc(facts.factKey));
    return rows.map(({ amount, ...row }) => ({ ...row, amountFen: BigInt(amount) }));
  }

  private latestRevisions() {
    return this.db.$with('latest').as(
      this.db
        .selectDistinctOn([packageRevisions.departmentId, packageRevisions.year], {
          id: packageRevisions.id,
          departmentId: packageRevisions.departmentId,
          year: packageRevisions.year,
          revision: packageRevisions.revision,
        })
        .from(packageRevisions)
        .orderBy(packageRevisions.departmentId, packageRevisions.year, desc(packageRevisions.revision)),
    );
  }

  private totalsCondition(filter: TotalsFilter, yearColumn: AnyColumn) {
    return and(
      inArray(facts.factKey, [...filter.keys]),
      filter.year !== undefined ? eq(yearColumn, filter.year) : undefined,
      filter.department !== undefined ? departmentMatches(filter.department) : undefined,
    );
  }
}

/**
 * Saves of one department wait for each other (PostgreSQL serves several connections at once): each
 * reads the latest revision and the workflow state only after the previous save has committed.
 */
export async function lockDepartment(tx: StoreTransaction, name: string): Promise<void> {
  await tx.execute(sql`select pg_advisory_xact_lock(hashtext(${`juesuan.department:${name}`}))`);
}

/** savePackage within a transaction the caller holds (the workspace checks its workflow first). */
export async function saveInTransaction(
  tx: StoreTransaction,
  pkg: DataPackage,
  options: SaveOptions,
): Promise<SaveResult> {
  const document = writePackage(pkg);
  const text = canonicalJson(document);
  const sha256 = createHash('sha256').update(text).digest('hex');
  const { name, code, region, year, profile } = pkg.department;
  await lockDepartment(tx, name);
  const [existing] = await tx.select().from(departments).where(eq(departments.name, name));
  let department = existing;
  if (!department) {
    [department] = await tx
      .insert(departments)
      .values({ name, code: code ?? null, region: region ?? null })
      .returning();
  }
  const departmentId = department!.id;
  const [latest] = await tx
    .select()
    .from(packageRevisions)
    .where(and(eq(packageRevisions.departmentId, departmentId), eq(packageRevisions.year, year)))
    .orderBy(desc(packageRevisions.revision))
    .limit(1);
  if (options.baseRevisionId !== undefined && (latest?.id ?? null) !== options.baseRevisionId) {
    throw await staleSave(tx, department!, year, latest, options.baseRevisionId);
  }
  if (latest && latest.sha256 === sha256) {
    return {
      revision: revisionInfo(latest, department!, await authorName(tx, latest.authorId)),
      created: false,
    };
  }
  const [saved] = await tx
    .insert(packageRevisions)
    .values({
      departmentId,
      year,
      revision: (latest?.revision ?? 0) + 1,
      profile,
      note: options.note ?? '',
      restoredFrom: options.restoredFrom ?? null,
      authorId: options.authorId ?? null,
      baseRevisionId: latest?.id ?? null,
      diffSummary: latest ? diffSummaryAgainst(latest.packageJson, pkg) : null,
      // The hashed text itself becomes the jsonb (which keeps keys in its own order; the hash is
      // over sorted keys, so a loaded revision hashes the same again).
      packageJson: sql`${text}::jsonb`,
      sha256,
    })
    .returning();
  const moneyFacts = [...pkg.facts.entries()]
    .map(([factKey, amountFen]) => ({ factKey, measure: measureOf(factKey), amountFen }))
    .filter((fact) => MEASURES[fact.measure].kind === 'money');
  for (const batch of chunks(moneyFacts, 1000)) {
    await tx.insert(facts).values(batch.map((fact) => ({ ...fact, revisionId: saved!.id })));
  }
  return {
    revision: revisionInfo(saved!, department!, await authorName(tx, saved!.authorId)),
    created: true,
  };
}

async function authorName(tx: StoreTransaction, authorId: number | null): Promise<string | null> {
  if (authorId === null) return null;
  const [author] = await tx.select({ name: users.displayName }).from(users).where(eq(users.id, authorId));
  return author?.name ?? null;
}

/** The diff's counts against the previous revision; null when that one no longer parses. */
function diffSummaryAgainst(previousDocument: unknown, pkg: DataPackage): DiffSummary | null {
  const previous = parsePackageJson(previousDocument).package;
  return previous ? summarizeDiff(diffPackages(previous, pkg)) : null;
}

async function staleSave(
  tx: StoreTransaction,
  department: typeof departments.$inferSelect,
  year: number,
  latest: typeof packageRevisions.$inferSelect | undefined,
  baseRevisionId: number | null,
): Promise<StaleRevisionError> {
  const what = `${department.name} ${year} 年`;
  if (!latest) {
    return new StaleRevisionError(
      `${what}还没有任何版本，而保存时注明的依据版本为编号 ${baseRevisionId}；请重新载入后再保存`,
    );
  }
  const author = await authorName(tx, latest.authorId);
  const base = baseRevisionId === null ? '空白（未依据任何版本）' : `编号 ${baseRevisionId} 的版本`;
  return new StaleRevisionError(
    `${what}已有更新的第 ${latest.revision} 版（编号 ${latest.id}，${author ? `${author} ` : ''}保存于 ` +
      `${latest.savedAt.toISOString()}），而本次修改依据的是${base}；为免覆盖他人的修改，本次未保存。` +
      '请载入最新版本，把修改合并进去后再保存',
  );
}

function departmentMatches(department: string): SQL {
  return or(eq(departments.name, department), eq(departments.code, department))!;
}

function revisionInfo(
  row: typeof packageRevisions.$inferSelect,
  department: typeof departments.$inferSelect,
  author: string | null,
): RevisionInfo {
  return {
    id: row.id,
    departmentId: department.id,
    department: department.name,
    departmentCode: department.code,
    year: row.year,
    revision: row.revision,
    profile: row.profile,
    savedAt: row.savedAt,
    note: row.note,
    sha256: row.sha256,
    restoredFrom: row.restoredFrom,
    authorId: row.authorId,
    author,
    baseRevisionId: row.baseRevisionId,
    diffSummary: row.diffSummary,
  };
}

function checkRunInfo(row: typeof checkRuns.$inferSelect): CheckRunInfo {
  return {
    id: row.id,
    revisionId: row.revisionId,
    profile: row.profile,
    ranAt: row.ranAt,
    counts: { error: row.errors, warning: row.warnings, info: row.infos, accepted: row.accepted },
    rulesRun: row.rulesRun,
    checks: row.checks,
    skipped: row.skipped,
    ruleErrors: row.ruleErrors,
    clean: row.clean,
  };
}

function findingRow(runId: number, finding: Finding): typeof findings.$inferInsert {
  const cell = mainCell(finding);
  return {
    runId,
    findingId: finding.id,
    rule: finding.rule,
    severity: finding.severity,
    category: finding.category,
    places: finding.places,
    tableId: cell?.table ?? null,
    rowLabel: cell?.row ? cell.row.label || cell.row.code || null : null,
    columnLabel: cell?.column?.label ?? null,
    message: finding.message,
    expectedFen: moneyOf(finding.expected),
    foundFen: moneyOf(finding.found),
    expectedText: finding.expected?.text ?? null,
    foundText: finding.found?.text ?? null,
    explained: finding.explained ?? null,
  };
}

function moneyOf(amount: Amount | undefined): bigint | null {
  return amount?.unit === '分' && amount.value !== undefined ? BigInt(amount.value) : null;
}

/** JSON with object keys sorted at every level, so equal documents give equal text and hash. */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(sortKeys(value));
}

function sortKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (value !== null && typeof value === 'object') {
    const sorted: Record<string, unknown> = {};
    for (const key of Object.keys(value).sort()) {
      const child = (value as Record<string, unknown>)[key];
      if (child !== undefined) sorted[key] = sortKeys(child);
    }
    return sorted;
  }
  return value;
}

function chunks<T>(items: readonly T[], size: number): T[][] {
  const result: T[][] = [];
  for (let i = 0; i < items.length; i += size) result.push(items.slice(i, i + size));
  return result;
}

function redactUrl(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password) parsed.password = '***';
    return parsed.toString();
  } catch {
    return '(DATABASE_URL)';
  }
}

/** The innermost cause's message: drizzle wraps driver errors in "Failed query: …", which says less. */
function messageOf(error: unknown): string {
  let message = error instanceof Error ? error.message : String(error);
  let current: unknown = error;
  while (current instanceof Error && current.cause !== undefined) {
    current = current.cause;
    const inner =
      current instanceof Error ? current.message || (current as NodeJS.ErrnoException).code : undefined;
    if (inner) message = inner;
  }
  return message;
}
