/**
 * The store's tables, one schema for PGlite and PostgreSQL. Money is bigint 分 (`mode: 'bigint'`
 * returns JS bigint on both backends); never numeric or float.
 * Migrations: `npm run generate -w @juesuan/store` writes them into packages/store/drizzle/.
 */
import type { FindingPlace } from '@juesuan/core';
import { sql } from 'drizzle-orm';
import {
  bigint,
  boolean,
  check,
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
export const departments = pgTable('departments', {
  id: serial('id').primaryKey(),
  name: text('name').notNull().unique(),
  code: text('code'),
  region: text('region'),
});

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
