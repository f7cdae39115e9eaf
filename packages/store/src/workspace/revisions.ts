/**
 * A department-year's revisions as its users see them: saved by the department's filler from the
 * revision they edited (refused when another save came first), compared, restored, checked; the
 * 出错说明 written for a revision's findings and the reviewers' comments on it.
 */
import {
  type CheckResult,
  type DataPackage,
  type DepartmentRef,
  diffPackages,
  editRefusal,
  INITIAL_STATE,
  type PackageDiff,
  readScope,
  type SubmissionBlockers,
  submissionBlockers,
  type WorkflowState,
} from '@juesuan/core';
import { and, asc, desc, eq, type SQL, sql } from 'drizzle-orm';
import {
  departments,
  explanations,
  packageRevisions,
  reviewComments,
  users,
  workflowStates,
} from '../schema';
import {
  type CheckRunInfo,
  lockDepartment,
  type RevisionInfo,
  type SaveOptions,
  type SaveResult,
  type Store,
  type StoreDatabase,
  type StoreTransaction,
  saveInTransaction,
} from '../store';
import { type ActingUser, loadActor, requireAccess, scopeCondition, type UserRef } from './access';
import { type DepartmentInfo, departmentById } from './directory';
import { ConflictError, NotFoundError, StaleRevisionError, ValidationError } from './errors';

export interface SaveRequest {
  departmentId: number;
  package: DataPackage;
  /** The revision the package was edited from; null when it was made from nothing. */
  baseRevisionId: number | null;
  note?: string;
}

export interface ExplanationInput {
  /** The finding's id, `rule@where` (with `~n` for repeats). */
  findingId: string;
  rule: string;
  /** Where the finding is, in words, as the author saw it. */
  place: string;
  text: string;
}

export interface ExplanationInfo extends ExplanationInput {
  revisionId: number;
  authorId: number;
  author: string;
  writtenAt: Date;
}

export interface CommentInfo {
  id: number;
  revisionId: number;
  authorId: number;
  author: string;
  text: string;
  writtenAt: Date;
}

export interface RevisionCheck {
  run: CheckRunInfo;
  result: CheckResult;
  /** What stands in the way of submitting this revision. */
  blockers: SubmissionBlockers;
}

/** A revision with what the access rule needs of its department. */
export interface RevisionRow {
  id: number;
  year: number;
  revision: number;
  department: DepartmentInfo;
}

/** Runs the profile's checks on a package (the server passes data's loadCheckContext and core's checkPackage). */
export type PackageChecker = (pkg: DataPackage) => CheckResult;

export class Revisions {
  constructor(
    private readonly store: Store,
    private readonly check: PackageChecker,
  ) {}

  private get db() {
    return this.store.db;
  }

  async save(user: UserRef, request: SaveRequest): Promise<SaveResult> {
    const actor = await loadActor(this.db, user);
    const department = await departmentById(this.db, request.departmentId);
    requireAccess(actor, 'edit', department);
    if (request.package.department.name !== department.name) {
      throw new ValidationError(
        `数据包的部门名称「${request.package.department.name}」与要保存到的部门「${department.name}」（编号 ${department.id}）不符`,
      );
    }
    return this.saveEdited(actor, department, request.package, {
      note: request.note ?? '',
      baseRevisionId: request.baseRevisionId,
    });
  }

  /** Saves an earlier revision again as the latest, from the latest the user has seen. */
  async restore(user: UserRef, revisionId: number, baseRevisionId: number): Promise<SaveResult> {
    const actor = await loadActor(this.db, user);
    const source = await revisionRow(this.db, revisionId);
    requireAccess(actor, 'edit', source.department);
    const pkg = await this.store.loadRevision(revisionId);
    return this.saveEdited(actor, source.department, pkg, {
      note: `恢复自第 ${source.revision} 版（编号 ${revisionId}）`,
      restoredFrom: revisionId,
      baseRevisionId,
    });
  }

  /** A save while the department-year is editable; 出错说明 of the base revision carry over. */
  private saveEdited(
    actor: ActingUser,
    department: DepartmentInfo,
    pkg: DataPackage,
    options: SaveOptions & { baseRevisionId: number | null },
  ): Promise<SaveResult> {
    return this.db.transaction(async (tx) => {
      await lockDepartment(tx, department.name);
      await requireEditable(tx, department, pkg.department.year);
      const result = await saveInTransaction(tx, pkg, { ...options, authorId: actor.id });
      if (result.created && options.baseRevisionId !== null) {
        const carried = await tx
          .select()
          .from(explanations)
          .where(eq(explanations.revisionId, options.baseRevisionId));
        if (carried.length) {
          await tx
            .insert(explanations)
            .values(carried.map(({ id: _id, ...e }) => ({ ...e, revisionId: result.revision.id })));
        }
      }
      return result;
    });
  }

  /** The revisions the user may read, oldest first within each department-year. */
  async list(user: UserRef, filter: { departmentId?: number; year?: number } = {}): Promise<RevisionInfo[]> {
    const actor = await loadActor(this.db, user);
    return this.store.revisionsWhere(
      and(
        scopeCondition(readScope(actor)),
        filter.departmentId !== undefined
          ? eq(packageRevisions.departmentId, filter.departmentId)
          : undefined,
        filter.year !== undefined ? eq(packageRevisions.year, filter.year) : undefined,
      ),
    );
  }

  async info(user: UserRef, revisionId: number): Promise<RevisionInfo> {
    await this.readable(user, revisionId);
    return this.store.revisionInfo(revisionId);
  }

  async load(user: UserRef, revisionId: number): Promise<DataPackage> {
    await this.readable(user, revisionId);
    return this.store.loadRevision(revisionId);
  }

  /** What changed from one revision to another (of any department-year the user reads). */
  async compare(user: UserRef, fromId: number, toId: number): Promise<PackageDiff> {
    await this.readable(user, fromId);
    await this.readable(user, toId);
    return diffPackages(await this.store.loadRevision(fromId), await this.store.loadRevision(toId));
  }

  /** Checks the revision with its 出错说明 applied and keeps the run. */
  async checkRevision(user: UserRef, revisionId: number): Promise<RevisionCheck> {
    await this.readable(user, revisionId);
    return checkStoredRevision(this.store, this.check, revisionId);
  }

  /** Writes (or rewrites) the 出错说明 of a finding of the latest revision. */
  async explain(user: UserRef, revisionId: number, input: ExplanationInput): Promise<ExplanationInfo> {
    const actor = await loadActor(this.db, user);
    const target = await revisionRow(this.db, revisionId);
    requireAccess(actor, 'edit', target.department);
    validateExplanation(input);
    await this.db.transaction(async (tx) => {
      await lockDepartment(tx, target.department.name);
      await requireEditable(tx, target.department, target.year);
      await requireLatest(tx, target, '写出错说明');
      const values = { ...input, text: input.text.trim(), authorId: actor.id };
      await tx
        .insert(explanations)
        .values({ ...values, revisionId })
        .onConflictDoUpdate({
          target: [explanations.revisionId, explanations.findingId],
          set: { ...values, writtenAt: sql`now()` },
        });
    });
    const [written] = await this.explanationsWhere(
      and(eq(explanations.revisionId, revisionId), eq(explanations.findingId, input.findingId)),
    );
    return written!;
  }

  async explanations(user: UserRef, revisionId: number): Promise<ExplanationInfo[]> {
    await this.readable(user, revisionId);
    return this.explanationsWhere(eq(explanations.revisionId, revisionId));
  }

  private explanationsWhere(condition: SQL | undefined): Promise<ExplanationInfo[]> {
    return this.db
      .select({
        revisionId: explanations.revisionId,
        findingId: explanations.findingId,
        rule: explanations.rule,
        place: explanations.place,
        text: explanations.text,
        authorId: explanations.authorId,
        author: users.displayName,
        writtenAt: explanations.writtenAt,
      })
      .from(explanations)
      .innerJoin(users, eq(users.id, explanations.authorId))
      .where(condition)
      .orderBy(asc(explanations.findingId));
  }

  /** A reviewer's comment on a revision of a department assigned to them. */
  async comment(user: UserRef, revisionId: number, text: string): Promise<CommentInfo> {
    const actor = await loadActor(this.db, user);
    const target = await revisionRow(this.db, revisionId);
    requireAccess(actor, 'review', target.department);
    if (!text.trim()) throw new ValidationError('审核意见不能为空');
    const [row] = await this.db
      .insert(reviewComments)
      .values({ revisionId, authorId: actor.id, text: text.trim() })
      .returning();
    return { ...row!, author: actor.displayName };
  }

  async comments(user: UserRef, revisionId: number): Promise<CommentInfo[]> {
    await this.readable(user, revisionId);
    return this.db
      .select({
        id: reviewComments.id,
        revisionId: reviewComments.revisionId,
        authorId: reviewComments.authorId,
        author: users.displayName,
        text: reviewComments.text,
        writtenAt: reviewComments.writtenAt,
      })
      .from(reviewComments)
      .innerJoin(users, eq(users.id, reviewComments.authorId))
      .where(eq(reviewComments.revisionId, revisionId))
      .orderBy(asc(reviewComments.id));
  }

  private async readable(user: UserRef, revisionId: number): Promise<RevisionRow> {
    const actor = await loadActor(this.db, user);
    const row = await revisionRow(this.db, revisionId);
    requireAccess(actor, 'read', row.department);
    return row;
  }
}

/** A revision and its department, without any access check: for the workspace's own modules. */
export async function revisionRow(db: StoreDatabase, revisionId: number): Promise<RevisionRow> {
  const [row] = await db
    .select({
      id: packageRevisions.id,
      year: packageRevisions.year,
      revision: packageRevisions.revision,
      department: {
        id: departments.id,
        name: departments.name,
        code: departments.code,
        region: departments.region,
        parentId: departments.parentId,
      },
    })
    .from(packageRevisions)
    .innerJoin(departments, eq(departments.id, packageRevisions.departmentId))
    .where(eq(packageRevisions.id, revisionId));
  if (!row) throw new NotFoundError(`没有编号为 ${revisionId} 的版本`);
  return row;
}

/**
 * Checks a stored revision with its 出错说明 applied (those of the package and those written in the
 * workspace) and keeps the run; no access check: for the workspace's own modules.
 */
export async function checkStoredRevision(
  store: Store,
  check: PackageChecker,
  revisionId: number,
): Promise<RevisionCheck> {
  const pkg = await store.loadRevision(revisionId);
  const written = await store.db
    .select({ findingId: explanations.findingId, text: explanations.text })
    .from(explanations)
    .where(eq(explanations.revisionId, revisionId));
  const explained = {
    ...pkg.explanations,
    ...Object.fromEntries(written.map((e) => [e.findingId, e.text])),
  };
  const result = check({ ...pkg, explanations: explained });
  const run = await store.saveCheckRun(revisionId, pkg.department.profile, result);
  return { run, result, blockers: submissionBlockers(result.findings) };
}

function validateExplanation(input: ExplanationInput): void {
  if (!input.text.trim()) throw new ValidationError(`发现 ${input.findingId} 的出错说明为空`);
  if (input.findingId.split('@')[0] !== input.rule) {
    throw new ValidationError(
      `发现编号 ${input.findingId} 与规则 ${input.rule} 不符：发现编号应以「${input.rule}@」开头`,
    );
  }
}

export async function workflowStateIn(
  tx: StoreDatabase,
  departmentId: number,
  year: number,
): Promise<{ state: WorkflowState; revisionId: number | null }> {
  const [row] = await tx
    .select({ state: workflowStates.state, revisionId: workflowStates.revisionId })
    .from(workflowStates)
    .where(and(eq(workflowStates.departmentId, departmentId), eq(workflowStates.year, year)));
  if (!row) return { state: INITIAL_STATE, revisionId: null };
  // The workflow_states_state constraint admits only the states of the workflow.
  return { state: row.state as WorkflowState, revisionId: row.revisionId };
}

async function requireEditable(
  tx: StoreTransaction,
  department: DepartmentRef & { name: string },
  year: number,
) {
  const { state } = await workflowStateIn(tx, department.id, year);
  const refusal = editRefusal(state);
  if (refusal) throw new ConflictError(`${department.name} ${year} 年：${refusal}`);
}

/** The latest revision of the department-year, which only the revision in question may be. */
export async function requireLatest(tx: StoreTransaction, target: RevisionRow, what: string): Promise<void> {
  const [latest] = await tx
    .select({ id: packageRevisions.id, revision: packageRevisions.revision })
    .from(packageRevisions)
    .where(
      and(eq(packageRevisions.departmentId, target.department.id), eq(packageRevisions.year, target.year)),
    )
    .orderBy(desc(packageRevisions.revision))
    .limit(1);
  if (latest && latest.id !== target.id) {
    throw new StaleRevisionError(
      `只能对最新版本${what}：${target.department.name} ${target.year} 年的最新版本是第 ${latest.revision} 版（编号 ${latest.id}），` +
        `不是第 ${target.revision} 版（编号 ${target.id}）；请载入最新版本`,
    );
  }
}
