/**
 * The store's tables, one schema for PGlite and PostgreSQL. Money is bigint 分 (`mode: 'bigint'`
 * returns JS bigint on both backends); never numeric or float.
 * Migrations: `npm run generate -w @juesuan/store` writes them into packages/store/drizzle/.
 */
import type { DiffSummary, FindingPlace } from '@juesuan/core';
import { sql } from 'drizzle-orm';
import {
  type AnyPgColumn,
  bigint,
  boolean,
  check,
  customType,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  serial,
  text,
  timestamp,
  unique,
} from 'drizzle-orm/pg-core';

/** A department is known by its name (a package's `department.code` is optional and often absent). */
export const departments = pgTable(
  'departments',
  {
    id: serial('id').primaryKey(),
    name: text('name').notNull().unique(),
    code: text('code'),
    region: text('region'),
    /** The 主管部门 of a unit (二级/三级单位); null for a 主管部门 or a department on its own. */
    parentId: integer('parent_id').references((): AnyPgColumn => departments.id),
  },
  (table) => [index('departments_parent_id').on(table.parentId)],
);

/** Users of the workspace; the access rule is core's (workspace/access.ts). */
export const users = pgTable(
  'users',
  {
    id: serial('id').primaryKey(),
    loginName: text('login_name').notNull().unique(),
    displayName: text('display_name').notNull(),
    role: text('role').notNull(),
    /** The filler's department; null for reviewers and admins. */
    departmentId: integer('department_id').references(() => departments.id),
    /** `scrypt$N$r$p$salt$hash` (base64): the parameters travel with the hash, so they can be raised later. */
    passwordHash: text('password_hash').notNull(),
    disabled: boolean('disabled').notNull().default(false),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [
    check('users_role', sql`${table.role} in ('filler', 'reviewer', 'admin')`),
    check('users_filler_department', sql`(${table.role} = 'filler') = (${table.departmentId} is not null)`),
  ],
);

/** The departments a reviewer reviews (with their units). */
export const reviewerAssignments = pgTable(
  'reviewer_assignments',
  {
    userId: integer('user_id')
      .notNull()
      .references(() => users.id),
    departmentId: integer('department_id')
      .notNull()
      .references(() => departments.id),
  },
  (table) => [
    primaryKey({ columns: [table.userId, table.departmentId] }),
    index('reviewer_assignments_department_id').on(table.departmentId),
  ],
);

/** Login sessions; only a hash of the token is kept, so a copy of the database opens no session. */
export const sessions = pgTable(
  'sessions',
  {
    id: serial('id').primaryKey(),
    tokenHash: text('token_hash').notNull().unique(),
    userId: integer('user_id')
      .notNull()
      .references(() => users.id),
    csrfToken: text('csrf_token').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
  },
  (table) => [index('sessions_user_id').on(table.userId), index('sessions_expires_at').on(table.expiresAt)],
);

/** Failed logins by login name, for rate limiting; cleared by a successful login. */
export const loginFailures = pgTable(
  'login_failures',
  {
    id: serial('id').primaryKey(),
    loginName: text('login_name').notNull(),
    failedAt: timestamp('failed_at', { withTimezone: true }).notNull(),
  },
  (table) => [index('login_failures_login_name_failed_at').on(table.loginName, table.failedAt)],
);

/** Every save of a department-year's package: history is only ever appended to, never rewritten. */
export const packageRevisions = pgTable(
  'package_revisions',
  {
    id: serial('id').primaryKey(),
    departmentId: integer('department_id')
      .notNull()
      .references(() => departments.id),
    year: integer('year').notNull(),
    /** 1, 2, … within the department-year. */
    revision: integer('revision').notNull(),
    profile: text('profile').notNull(),
    savedAt: timestamp('saved_at', { withTimezone: true }).notNull().defaultNow(),
    note: text('note').notNull().default(''),
    /** The revision this one was restored from, when it is a restore. */
    restoredFrom: integer('restored_from'),
    /** Who saved it; null for saves outside the workspace (the `juesuan store` command). */
    authorId: integer('author_id').references(() => users.id),
    /** The revision the author edited (the latest when it was saved); null for the first. */
    baseRevisionId: integer('base_revision_id'),
    /** Counts of the diff against the revision before it (core DiffSummary); null for the first. */
    diffSummary: jsonb('diff_summary').$type<DiffSummary>(),
    /** The package's canonical JSON document (core writePackage). */
    packageJson: jsonb('package_json').notNull(),
    /** sha256 of the canonical JSON text (keys sorted): equal hashes mean equal packages. */
    sha256: text('sha256').notNull(),
  },
  (table) => [
    unique('package_revisions_department_year_revision').on(table.departmentId, table.year, table.revision),
    check('package_revisions_revision_positive', sql`${table.revision} > 0`),
  ],
);

/**
 * The department's money facts of the revision's year, one row per fact key, for aggregates in
 * SQL. Counts (e.g. threePublicCount) are not money and stay in the package JSON only.
 */
export const facts = pgTable(
  'facts',
  {
    revisionId: integer('revision_id')
      .notNull()
      .references(() => packageRevisions.id),
    factKey: text('fact_key').notNull(),
    measure: text('measure').notNull(),
    amountFen: bigint('amount_fen', { mode: 'bigint' }).notNull(),
  },
  (table) => [
    primaryKey({ columns: [table.revisionId, table.factKey] }),
    index('facts_fact_key').on(table.factKey),
  ],
);

/** One `check` of a revision against a profile's rules. */
export const checkRuns = pgTable('check_runs', {
  id: serial('id').primaryKey(),
  revisionId: integer('revision_id')
    .notNull()
    .references(() => packageRevisions.id),
  profile: text('profile').notNull(),
  ranAt: timestamp('ran_at', { withTimezone: true }).notNull().defaultNow(),
  errors: integer('errors').notNull(),
  warnings: integer('warnings').notNull(),
  infos: integer('infos').notNull(),
  accepted: integer('accepted').notNull(),
  rulesRun: integer('rules_run').notNull(),
  checks: integer('checks').notNull(),
  skipped: integer('skipped').notNull(),
  ruleErrors: integer('rule_errors').notNull(),
  clean: boolean('clean').notNull(),
});

export const findings = pgTable(
  'findings',
  {
    id: serial('id').primaryKey(),
    runId: integer('run_id')
      .notNull()
      .references(() => checkRuns.id),
    /** `${rule}@${where}`, the key of a written explanation. */
    findingId: text('finding_id').notNull(),
    rule: text('rule_id').notNull(),
    severity: text('severity').notNull(),
    /** The finding's category (table, code, narrative, performance …); null in runs stored before it was kept. */
    category: text('category'),
    /** The finding's places as its JSON gives them; null in runs stored before they were kept. */
    places: jsonb('places').$type<FindingPlace[]>(),
    /** T01 …, of the main cell the finding is about. */
    tableId: text('table_id'),
    rowLabel: text('row_label'),
    columnLabel: text('column_label'),
    message: text('message').notNull(),
    /** Money amounts in 分; null when the finding's amount is not money, or absent. */
    expectedFen: bigint('expected_fen', { mode: 'bigint' }),
    foundFen: bigint('found_fen', { mode: 'bigint' }),
    /** The amounts as the finding prints them (any kind). */
    expectedText: text('expected_text'),
    foundText: text('found_text'),
    explained: text('explained'),
  },
  (table) => [index('findings_run_id').on(table.runId)],
);

/** 出错说明 written in the workspace for a finding of a revision's check (by finding id, `rule@where`). */
export const explanations = pgTable(
  'explanations',
  {
    id: serial('id').primaryKey(),
    revisionId: integer('revision_id')
      .notNull()
      .references(() => packageRevisions.id),
    findingId: text('finding_id').notNull(),
    rule: text('rule_id').notNull(),
    /** Where the finding is, in words (core locationText), as the author saw it. */
    place: text('place').notNull(),
    text: text('text').notNull(),
    authorId: integer('author_id')
      .notNull()
      .references(() => users.id),
    writtenAt: timestamp('written_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [unique('explanations_revision_finding').on(table.revisionId, table.findingId)],
);

/** A reviewer's comments on a revision. */
export const reviewComments = pgTable(
  'review_comments',
  {
    id: serial('id').primaryKey(),
    revisionId: integer('revision_id')
      .notNull()
      .references(() => packageRevisions.id),
    authorId: integer('author_id')
      .notNull()
      .references(() => users.id),
    text: text('text').notNull(),
    writtenAt: timestamp('written_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [index('review_comments_revision_id').on(table.revisionId)],
);

/** Where each department-year stands in the workflow; no row means 填报中. */
export const workflowStates = pgTable(
  'workflow_states',
  {
    departmentId: integer('department_id')
      .notNull()
      .references(() => departments.id),
    year: integer('year').notNull(),
    state: text('state').notNull(),
    /** The revision submitted, reviewed or published; null while 填报中. */
    revisionId: integer('revision_id').references(() => packageRevisions.id),
    changedAt: timestamp('changed_at', { withTimezone: true }).notNull(),
  },
  (table) => [
    primaryKey({ columns: [table.departmentId, table.year] }),
    check(
      'workflow_states_state',
      sql`${table.state} in ('drafting', 'submitted', 'accepted', 'returned', 'published')`,
    ),
  ],
);

/** Every workflow transition; append-only (a trigger refuses UPDATE and DELETE, see the migration). */
export const workflowLog = pgTable(
  'workflow_log',
  {
    id: serial('id').primaryKey(),
    departmentId: integer('department_id')
      .notNull()
      .references(() => departments.id),
    year: integer('year').notNull(),
    actorId: integer('actor_id')
      .notNull()
      .references(() => users.id),
    at: timestamp('at', { withTimezone: true }).notNull(),
    fromState: text('from_state').notNull(),
    toState: text('to_state').notNull(),
    revisionId: integer('revision_id')
      .notNull()
      .references(() => packageRevisions.id),
    comment: text('comment').notNull().default(''),
  },
  (table) => [index('workflow_log_department_year').on(table.departmentId, table.year)],
);

/** bytea as Uint8Array on both drivers (pg gives a Buffer, which is one). */
const bytea = customType<{ data: Uint8Array; driverData: Uint8Array }>({
  dataType: () => 'bytea',
  fromDriver: (value) => new Uint8Array(value),
});

/** The document files of a publication, frozen with their checksums; append-only like the log. */
export const publishedFiles = pgTable(
  'published_files',
  {
    id: serial('id').primaryKey(),
    logId: integer('log_id')
      .notNull()
      .references(() => workflowLog.id),
    revisionId: integer('revision_id')
      .notNull()
      .references(() => packageRevisions.id),
    format: text('format').notNull(),
    fileName: text('file_name').notNull(),
    bytes: bytea('bytes').notNull(),
    sha256: text('sha256').notNull(),
  },
  (table) => [index('published_files_revision_id').on(table.revisionId)],
);
