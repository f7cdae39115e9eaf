/**
 * Jobs in a table of the database, the same SQL on PGlite and on PostgreSQL. Every change of a job
 * is one statement, so it is atomic without a transaction of ours: a worker claims a job with
 * `FOR UPDATE SKIP LOCKED` (two workers never take the same one), holds it by a lease it renews,
 * and completes it by one UPDATE that stores the result, which only the holder of the current lease
 * can do. A worker that dies stops renewing; once its lease runs out the job goes back to the queue
 * (or fails, past its retries), and the run that died leaves no result.
 */
import { type JobKinds, kindOf, parsePayload } from './kinds';

/** What the queue needs of a database: pg's Pool and PGlite both have it. */
export interface JobDatabase {
  query(sql: string, params?: unknown[]): Promise<{ rows: unknown[] }>;
}

export const JOB_STATES = ['queued', 'active', 'completed', 'failed', 'cancelled'] as const;
export type JobState = (typeof JOB_STATES)[number];

export interface JobStatus {
  id: string;
  kind: string;
  group: string | null;
  state: JobState;
  progress: number;
  statusLine: string;
  /** Runs started so far. */
  attempts: number;
  retryLimit: number;
  /** The last failure's reason. */
  error: string | null;
  worker: string | null;
  createdAt: Date;
  runAfter: Date;
  startedAt: Date | null;
  finishedAt: Date | null;
}

/** A job a worker holds: it may report progress and complete or fail it while the lease is its own. */
export interface ClaimedJob {
  id: string;
  kind: string;
  payload: unknown;
  attempt: number;
  lease: string;
}

const SCHEMA = 'juesuan_jobs';
const JOB = `${SCHEMA}.job`;
/** Two processes setting up at once would both create the table: they take turns on this lock. */
const SETUP_LOCK = 0x6a6f6273;

const SETUP_SQL = `DO $setup$ BEGIN
  PERFORM pg_advisory_xact_lock(${SETUP_LOCK});
  CREATE SCHEMA IF NOT EXISTS ${SCHEMA};
  CREATE TABLE IF NOT EXISTS ${JOB} (
    id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    seq bigint GENERATED ALWAYS AS IDENTITY,
    kind text NOT NULL,
    group_key text,
    payload jsonb NOT NULL,
    state text NOT NULL DEFAULT 'queued' CHECK (state IN (${JOB_STATES.map((s) => `'${s}'`).join(', ')})),
    attempts integer NOT NULL DEFAULT 0,
    retry_limit integer NOT NULL,
    retry_delay_seconds double precision NOT NULL,
    run_after timestamptz NOT NULL DEFAULT now(),
    lease uuid,
    lease_until timestamptz,
    worker text,
    progress integer NOT NULL DEFAULT 0,
    status_line text NOT NULL DEFAULT '',
    result jsonb,
    error text,
    created_at timestamptz NOT NULL DEFAULT now(),
    started_at timestamptz,
    finished_at timestamptz
  );
  CREATE INDEX IF NOT EXISTS job_waiting ON ${JOB} (run_after, seq) WHERE state = 'queued';
  CREATE INDEX IF NOT EXISTS job_leased ON ${JOB} (lease_until) WHERE state = 'active';
  CREATE INDEX IF NOT EXISTS job_group ON ${JOB} (group_key, seq);
END $setup$`;

const STATUS_COLUMNS = `id, kind, group_key, state, progress, status_line, attempts, retry_limit, error, worker,
  created_at, run_after, started_at, finished_at`;

/** The wait before retry n+1 after n runs: the kind's delay, doubled for every run after the first. */
const BACKOFF = `make_interval(secs => retry_delay_seconds * power(2, greatest(attempts - 1, 0)))`;

interface StatusRow {
  id: string;
  kind: string;
  group_key: string | null;
  state: JobState;
  progress: number;
  status_line: string;
  attempts: number;
  retry_limit: number;
  error: string | null;
  worker: string | null;
  created_at: Date;
  run_after: Date;
  started_at: Date | null;
  finished_at: Date | null;
}

export interface ListOptions {
  group?: string;
  kind?: string;
  state?: JobState;
  /** At most this many, the newest first (default 100). */
  limit?: number;
}

export class JobQueue {
  private constructor(
    private readonly db: JobDatabase,
    readonly kinds: JobKinds,
  ) {}

  /** The queue on `db`, its table created if it is not there yet. */
  static async open(db: JobDatabase, kinds: JobKinds): Promise<JobQueue> {
    await db.query(SETUP_SQL);
    return new JobQueue(db, kinds);
  }

  /** Adds a job of a registered kind; its payload is checked against the kind's schema first. */
  async enqueue(kindName: string, payload: unknown, options: { group?: string } = {}): Promise<string> {
    const kind = kindOf(this.kinds, kindName);
    const parsed = parsePayload(kind, payload);
    const rows = await this.rows<{ id: string }>(
      `INSERT INTO ${JOB} (kind, group_key, payload, retry_limit, retry_delay_seconds)
       VALUES ($1, $2, $3::jsonb, $4, $5) RETURNING id`,
      [kind.name, options.group ?? null, JSON.stringify(parsed), kind.retryLimit, kind.retryDelaySeconds],
    );
    return rows[0]!.id;
  }

  async status(id: string): Promise<JobStatus | undefined> {
    const rows = await this.rows<StatusRow>(`SELECT ${STATUS_COLUMNS} FROM ${JOB} WHERE id = $1`, [id]);
    return rows[0] && statusOf(rows[0]);
  }

  async list(options: ListOptions = {}): Promise<JobStatus[]> {
    const rows = await this.rows<StatusRow>(
      `SELECT ${STATUS_COLUMNS} FROM ${JOB}
       WHERE ($1::text IS NULL OR group_key = $1) AND ($2::text IS NULL OR kind = $2)
         AND ($3::text IS NULL OR state = $3)
       ORDER BY seq DESC LIMIT $4`,
      [options.group ?? null, options.kind ?? null, options.state ?? null, options.limit ?? 100],
    );
    return rows.map(statusOf);
  }

  /** How many jobs of the group are in each state. */
  async counts(group: string): Promise<Record<JobState, number>> {
    const rows = await this.rows<{ state: JobState; count: number }>(
      `SELECT state, count(*)::integer AS count FROM ${JOB} WHERE group_key = $1 GROUP BY state`,
      [group],
    );
    const counts = Object.fromEntries(JOB_STATES.map((state) => [state, 0])) as Record<JobState, number>;
    for (const row of rows) counts[row.state] = row.count;
    return counts;
  }

  /** The result of a completed job; undefined while it has none. */
  async result(id: string): Promise<unknown> {
    const rows = await this.rows<{ result: unknown }>(
      `SELECT result FROM ${JOB} WHERE id = $1 AND state = 'completed'`,
      [id],
    );
    return rows[0]?.result ?? undefined;
  }

  /**
   * Cancels a job that has not finished: a queued one never runs, a running one's worker stops it
   * at its next lease renewal, and whatever it returns is not stored. False if it had finished.
   */
  async cancel(id: string): Promise<boolean> {
    const rows = await this.rows(
      `UPDATE ${JOB} SET state = 'cancelled', lease = NULL, lease_until = NULL, finished_at = now()
       WHERE id = $1 AND state IN ('queued', 'active') RETURNING id`,
      [id],
    );
    return rows.length > 0;
  }

  /** Runs a failed or cancelled job once more, now. False if it is not failed or cancelled. */
  async retry(id: string): Promise<boolean> {
    const rows = await this.rows(
      `UPDATE ${JOB} SET state = 'queued', run_after = now(), retry_limit = attempts, finished_at = NULL
       WHERE id = $1 AND state IN ('failed', 'cancelled') RETURNING id`,
      [id],
    );
    return rows.length > 0;
  }

  /** Takes the next due job of these kinds, held for `leaseSeconds` unless renewed. */
  async claim(
    kinds: readonly string[],
    worker: string,
    leaseSeconds: number,
  ): Promise<ClaimedJob | undefined> {
    const rows = await this.rows<{
      id: string;
      kind: string;
      payload: unknown;
      attempts: number;
      lease: string;
    }>(
      `UPDATE ${JOB} SET state = 'active', attempts = attempts + 1, lease = gen_random_uuid(),
         lease_until = now() + make_interval(secs => $3), worker = $2, started_at = now(), progress = 0,
         status_line = ''
       WHERE id = (SELECT id FROM ${JOB} WHERE state = 'queued' AND run_after <= now() AND kind = ANY($1::text[])
                   ORDER BY run_after, seq LIMIT 1 FOR UPDATE SKIP LOCKED)
       RETURNING id, kind, payload, attempts, lease`,
      [kinds, worker, leaseSeconds],
    );
    const row = rows[0];
    return (
      row && { id: row.id, kind: row.kind, payload: row.payload, attempt: row.attempts, lease: row.lease }
    );
  }

  /**
   * Renews the leases still held; returns those that are not (the job was cancelled, or the lease
   * ran out and the job went to another worker), whose runs must stop.
   */
  async renew(leases: readonly string[], leaseSeconds: number): Promise<string[]> {
    if (!leases.length) return [];
    const rows = await this.rows<{ lease: string }>(
      `UPDATE ${JOB} SET lease_until = now() + make_interval(secs => $2)
       WHERE lease = ANY($1::uuid[]) AND state = 'active' RETURNING lease`,
      [leases, leaseSeconds],
    );
    const held = new Set(rows.map((r) => r.lease));
    return leases.filter((lease) => !held.has(lease));
  }

  /**
   * Jobs whose worker stopped renewing its lease (it died, or lost the database) go back to the
   * queue after the backoff, or fail when their retries are spent. Any worker may run this.
   */
  async reclaimExpired(): Promise<number> {
    const rows = await this.rows(
      `UPDATE ${JOB} SET
         state = CASE WHEN attempts > retry_limit THEN 'failed' ELSE 'queued' END,
         error = '执行该任务的进程 ' || coalesce(worker, '') || ' 在 ' || to_char(lease_until, 'YYYY-MM-DD HH24:MI:SS TZ') || ' 前未续约，视为中断',
         run_after = now() + ${BACKOFF},
         finished_at = CASE WHEN attempts > retry_limit THEN now() END,
         lease = NULL, lease_until = NULL
       WHERE state = 'active' AND lease_until < now() RETURNING id`,
    );
    return rows.length;
  }

  /** Records how far a held job is; ignored once the lease is no longer the caller's. */
  async progress(job: ClaimedJob, percent: number, statusLine: string): Promise<void> {
    const bounded = Math.min(100, Math.max(0, Math.round(Number.isFinite(percent) ? percent : 0)));
    await this.db.query(
      `UPDATE ${JOB} SET progress = $3, status_line = $4 WHERE id = $1 AND lease = $2 AND state = 'active'`,
      [job.id, job.lease, bounded, statusLine.slice(0, 200)],
    );
  }

  /**
   * Completes a held job and stores its result in the same statement: either both or neither.
   * False when the lease is no longer the caller's (cancelled, or taken over): nothing is stored.
   */
  async complete(job: ClaimedJob, result: unknown): Promise<boolean> {
    const rows = await this.rows(
      `UPDATE ${JOB} SET state = 'completed', result = $3::jsonb, progress = 100, error = NULL,
         finished_at = now(), lease = NULL, lease_until = NULL
       WHERE id = $1 AND lease = $2 AND state = 'active' RETURNING id`,
      [job.id, job.lease, JSON.stringify(result ?? null)],
    );
    return rows.length > 0;
  }

  /** A failed run: retried after the backoff while retries are left, failed for good after. */
  async fail(job: ClaimedJob, reason: string): Promise<void> {
    await this.db.query(
      `UPDATE ${JOB} SET state = CASE WHEN attempts > retry_limit THEN 'failed' ELSE 'queued' END,
         error = $3, run_after = now() + ${BACKOFF},
         finished_at = CASE WHEN attempts > retry_limit THEN now() END, lease = NULL, lease_until = NULL
       WHERE id = $1 AND lease = $2 AND state = 'active'`,
      [job.id, job.lease, reason],
    );
  }

  /** Gives a held job back without counting its run (a worker that stops before finishing it). */
  async release(job: ClaimedJob): Promise<void> {
    await this.db.query(
      `UPDATE ${JOB} SET state = 'queued', attempts = attempts - 1, run_after = now(), lease = NULL,
         lease_until = NULL, status_line = '已退回队列（执行进程停止）'
       WHERE id = $1 AND lease = $2 AND state = 'active'`,
      [job.id, job.lease],
    );
  }

  private async rows<T>(sql: string, params?: unknown[]): Promise<T[]> {
    return (await this.db.query(sql, params)).rows as T[];
  }
}

function statusOf(row: StatusRow): JobStatus {
  return {
    id: row.id,
    kind: row.kind,
    group: row.group_key,
    state: row.state,
    progress: row.progress,
    statusLine: row.status_line,
    attempts: row.attempts,
    retryLimit: row.retry_limit,
    error: row.error,
    worker: row.worker,
    createdAt: row.created_at,
    runAfter: row.run_after,
    startedAt: row.started_at,
    finishedAt: row.finished_at,
  };
}
