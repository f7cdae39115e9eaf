/**
 * The acting user as core's access rule needs them, loaded afresh for every call (a role,
 * assignment or disabling takes effect at once), and the rule turned into query conditions so that
 * a list is read within the actor's scope, never read whole and filtered.
 */
import {
  type Action,
  type Actor,
  accessRefusal,
  type DepartmentRef,
  type ReadScope,
  type Role,
} from '@juesuan/core';
import { eq, inArray, or, type SQL, sql } from 'drizzle-orm';
import { departments, reviewerAssignments, users } from '../schema';
import type { StoreDatabase } from '../store';
import { AuthenticationError, ForbiddenError } from './errors';

/** A user as the workspace hands them out (never with the password hash). */
export interface WorkspaceUser {
  id: number;
  loginName: string;
  displayName: string;
  role: Role;
  /** The filler's department; null for the other roles. */
  departmentId: number | null;
  disabled: boolean;
}

/** Whom a call is made as: the user a session resolved to. */
export type UserRef = Pick<WorkspaceUser, 'id'>;

export type ActingUser = Actor & { displayName: string };

export const userColumns = {
  id: users.id,
  loginName: users.loginName,
  displayName: users.displayName,
  role: users.role,
  departmentId: users.departmentId,
  disabled: users.disabled,
};

/** Only the user's own columns, whatever else the row was selected with (never the password hash). */
export function workspaceUser(
  row: { [K in keyof typeof userColumns]: (typeof users.$inferSelect)[K] },
): WorkspaceUser {
  const { id, loginName, displayName, role, departmentId, disabled } = row;
  // The users_role constraint admits only the three roles.
  return { id, loginName, displayName, role: role as Role, departmentId, disabled };
}

export async function loadActor(db: StoreDatabase, user: UserRef): Promise<ActingUser> {
  const [row] = await db.select(userColumns).from(users).where(eq(users.id, user.id));
  if (!row || row.disabled) {
    throw new AuthenticationError(`用户编号 ${user.id} ${row ? '已停用' : '不存在'}，请重新登录`);
  }
  const { role, departmentId, displayName } = workspaceUser(row);
  const assigned =
    role === 'reviewer'
      ? await db
          .select({ departmentId: reviewerAssignments.departmentId })
          .from(reviewerAssignments)
          .where(eq(reviewerAssignments.userId, user.id))
      : [];
  return {
    id: row.id,
    role,
    departmentId,
    displayName,
    assignedDepartmentIds: assigned.map((a) => a.departmentId),
  };
}

export function requireAccess(actor: Actor, action: Action, department?: DepartmentRef): void {
  const refusal = accessRefusal(actor, action, department);
  if (refusal) throw new ForbiddenError(refusal);
}

/** The read scope as a condition on `departments` (joined into the query it restricts). */
export function scopeCondition(scope: ReadScope): SQL | undefined {
  if (scope.all) return undefined;
  const conditions = [
    scope.departmentIds.length ? inArray(departments.id, scope.departmentIds) : undefined,
    scope.unitsOf.length ? inArray(departments.parentId, scope.unitsOf) : undefined,
  ].filter((c) => c !== undefined);
  return conditions.length ? or(...conditions) : sql`false`;
}
