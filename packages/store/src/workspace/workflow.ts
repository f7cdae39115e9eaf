/**
 * The workflow of a department-year on the store: each transition decided by core's rule
 * (workspace/workflow.ts), made under the department's lock together with its entry in the
 * append-only log; 已公开 freezes the document files with their SHA-256.
 */
import { createHash } from 'node:crypto';
import {
  findTransition,
  submissionRefusal,
  transitionRefusal,
  WORKFLOW_STATES,
  type WorkflowState,
} from '@juesuan/core';
import { and, asc, eq } from 'drizzle-orm';
import { publishedFiles, users, workflowLog, workflowStates } from '../schema';
import { lockDepartment, type Store, type StoreDatabase, type StoreTransaction } from '../store';
import { type ActingUser, loadActor, requireAccess, type UserRef } from './access';
import { type DepartmentInfo, departmentById } from './directory';
import {
  ConflictError,
  ForbiddenError,
  InvalidTransitionError,
  NotFoundError,
  StaleRevisionError,
  ValidationError,
} from './errors';
import {
  checkStoredRevision,
  type PackageChecker,
  type RevisionRow,
  requireLatest,
  revisionRow,
  workflowStateIn,
} from './revisions';

export interface WorkflowStatus {
  departmentId: number;
  year: number;
  state: WorkflowState;
  /** 填报中 … in words. */
  label: string;
  /** The revision submitted, reviewed or published; null while nothing was submitted. */
  revisionId: number | null;
}

export interface TransitionRequest {
  departmentId: number;
  year: number;
  to: Exclude<WorkflowState, 'published'>;
  /** The revision the step is about: the latest for a submission, else the one in the workflow. */
  revisionId: number;
  comment?: string;
}

export const PUBLISHED_FORMATS = ['docx', 'pdf', 'xlsx', 'html'] as const;
export type PublishedFormat = (typeof PUBLISHED_FORMATS)[number];

export interface PublishedFileInput {
  format: PublishedFormat;
  fileName: string;
  bytes: Uint8Array;
}

export interface PublishedFile extends PublishedFileInput {
  revisionId: number;
  sha256: string;
}

export interface LogEntry {
  id: number;
  actorId: number;
  actor: string;
  at: Date;
  from: WorkflowState;
  to: WorkflowState;
  revisionId: number;
  comment: string;
}

type AfterLog = (tx: StoreTransaction, logId: number) => Promise<void>;

export class Workflow {
  constructor(
    private readonly store: Store,
    private readonly check: PackageChecker,
    private readonly now: () => Date,
  ) {}

  private get db(): StoreDatabase {
    return this.store.db;
  }

  async status(user: UserRef, departmentId: number, year: number): Promise<WorkflowStatus> {
    const department = await departmentById(this.db, departmentId);
    requireAccess(await loadActor(this.db, user), 'read', department);
    const { state, revisionId } = await workflowStateIn(this.db, departmentId, year);
    return { departmentId, year, state, label: WORKFLOW_STATES[state], revisionId };
  }

  async transition(user: UserRef, request: TransitionRequest): Promise<WorkflowStatus> {
    if ((request.to as WorkflowState) === 'published') {
      throw new ValidationError('公开须同时提交冻结的文件，请用 publish');
    }
    return this.move(user, request);
  }

  /** 已审核 → 已公开 with the document's files, frozen with their checksums. */
  async publish(
    user: UserRef,
    request: Omit<TransitionRequest, 'to' | 'comment'> & { files: readonly PublishedFileInput[] },
  ): Promise<{ status: WorkflowStatus; files: Omit<PublishedFile, 'bytes'>[] }> {
    const files = request.files.map((file) => frozen(file, request.revisionId));
    if (files.length === 0) throw new ValidationError('公开须至少附上一个文件（docx、pdf、xlsx 或 html）');
    const status = await this.move(user, { ...request, to: 'published' }, async (tx, logId) => {
      await tx.insert(publishedFiles).values(files.map((file) => ({ ...file, logId })));
    });
    return { status, files: files.map(({ bytes: _bytes, ...file }) => file) };
  }

  private async move(
    user: UserRef,
    request: Omit<TransitionRequest, 'to'> & { to: WorkflowState },
    afterLog?: AfterLog,
  ): Promise<WorkflowStatus> {
    const actor = await loadActor(this.db, user);
    const department = await departmentById(this.db, request.departmentId);
    requireAccess(actor, 'read', department);
    const current = await workflowStateIn(this.db, department.id, request.year);
    const found = findTransition(current.state, request.to);
    if ('refusal' in found)
      throw new InvalidTransitionError(`${department.name} ${request.year} 年：${found.refusal.message}`);
    const refusal = transitionRefusal(found.transition, actor.role, request.comment);
    if (refusal)
      throw refusal.code === 'forbidden'
        ? new ForbiddenError(refusal.message)
        : new ValidationError(refusal.message);
    requireAccess(actor, found.transition.access, department);
    const target = await this.revisionOf(department, request);
    if (found.transition.needsCleanCheck) {
      const blocked = submissionRefusal(
        (await checkStoredRevision(this.store, this.check, target.id)).blockers,
      );
      if (blocked)
        throw new ValidationError(`${department.name} ${request.year} 年第 ${target.revision} 版${blocked}`);
    }
    return this.db.transaction(async (tx) => {
      await lockDepartment(tx, department.name);
      const now = await workflowStateIn(tx, department.id, request.year);
      if (now.state !== current.state || now.revisionId !== current.revisionId) {
        throw new ConflictError(
          `${department.name} ${request.year} 年的状态刚被他人改为「${WORKFLOW_STATES[now.state]}」，请刷新后再操作`,
        );
      }
      if (request.to === 'submitted') await requireLatest(tx, target, '提交');
      else if (current.revisionId !== target.id) throw this.notTheRevision(target, current.revisionId);
      await this.record(tx, actor, department, request, current.state, afterLog);
      return {
        departmentId: department.id,
        year: request.year,
        state: request.to,
        label: WORKFLOW_STATES[request.to],
        revisionId: target.id,
      };
    });
  }

  private async revisionOf(
    department: DepartmentInfo,
    request: { year: number; revisionId: number },
  ): Promise<RevisionRow> {
    const target = await revisionRow(this.db, request.revisionId);
    if (target.department.id !== department.id || target.year !== request.year) {
      throw new NotFoundError(`${department.name} ${request.year} 年没有编号为 ${request.revisionId} 的版本`);
    }
    return target;
  }

  private notTheRevision(target: RevisionRow, inWorkflow: number | null): StaleRevisionError {
    return new StaleRevisionError(
      `第 ${target.revision} 版（编号 ${target.id}）不是流程中的版本（编号 ${inWorkflow ?? '无'}）：` +
        '审核、退回和公开针对的是提交的那一版',
    );
  }

  private async record(
    tx: StoreTransaction,
    actor: ActingUser,
    department: DepartmentInfo,
    request: Omit<TransitionRequest, 'to'> & { to: WorkflowState },
    from: WorkflowState,
    afterLog: AfterLog | undefined,
  ): Promise<void> {
    const at = this.now();
    const state = { state: request.to, revisionId: request.revisionId, changedAt: at };
    await tx
      .insert(workflowStates)
      .values({ departmentId: department.id, year: request.year, ...state })
      .onConflictDoUpdate({ target: [workflowStates.departmentId, workflowStates.year], set: state });
    const [entry] = await tx
      .insert(workflowLog)
      .values({
        departmentId: department.id,
        year: request.year,
        actorId: actor.id,
        at,
        fromState: from,
        toState: request.to,
        revisionId: request.revisionId,
        comment: request.comment?.trim() ?? '',
      })
      .returning({ id: workflowLog.id });
    await afterLog?.(tx, entry!.id);
  }

  /** Every transition of the department-year, oldest first. */
  async log(user: UserRef, departmentId: number, year: number): Promise<LogEntry[]> {
    const department = await departmentById(this.db, departmentId);
    requireAccess(await loadActor(this.db, user), 'read', department);
    const rows = await this.db
      .select({
        id: workflowLog.id,
        actorId: workflowLog.actorId,
        actor: users.displayName,
        at: workflowLog.at,
        from: workflowLog.fromState,
        to: workflowLog.toState,
        revisionId: workflowLog.revisionId,
        comment: workflowLog.comment,
      })
      .from(workflowLog)
      .innerJoin(users, eq(users.id, workflowLog.actorId))
      .where(and(eq(workflowLog.departmentId, departmentId), eq(workflowLog.year, year)))
      .orderBy(asc(workflowLog.id));
    return rows.map((row) => ({ ...row, from: row.from as WorkflowState, to: row.to as WorkflowState }));
  }

  /** The frozen files of the department-year's publication. */
  async publishedFiles(user: UserRef, departmentId: number, year: number): Promise<PublishedFile[]> {
    const department = await departmentById(this.db, departmentId);
    requireAccess(await loadActor(this.db, user), 'read', department);
    const rows = await this.db
      .select({
        revisionId: publishedFiles.revisionId,
        format: publishedFiles.format,
        fileName: publishedFiles.fileName,
        bytes: publishedFiles.bytes,
        sha256: publishedFiles.sha256,
      })
      .from(publishedFiles)
      .innerJoin(workflowLog, eq(workflowLog.id, publishedFiles.logId))
      .where(and(eq(workflowLog.departmentId, departmentId), eq(workflowLog.year, year)))
      .orderBy(asc(publishedFiles.id));
    return rows.map((row) => ({ ...row, format: row.format as PublishedFormat }));
  }
}

function frozen(file: PublishedFileInput, revisionId: number): PublishedFile {
  if (!PUBLISHED_FORMATS.includes(file.format)) {
    throw new ValidationError(
      `文件「${file.fileName}」的格式「${file.format}」无效：应为 ${PUBLISHED_FORMATS.join('、')}`,
    );
  }
  if (file.bytes.length === 0) throw new ValidationError(`文件「${file.fileName}」为空`);
  const sha256 = createHash('sha256').update(file.bytes).digest('hex');
  return { ...file, revisionId, sha256 };
}
