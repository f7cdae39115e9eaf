/**
 * The workspace's directory, kept by the admin: departments with their 主管部门, users and their
 * roles, reviewers' assignments. Departments are listed to everyone within their read scope.
 */
import { isRole, type Role, readScope } from '@juesuan/core';
import { and, asc, eq, or } from 'drizzle-orm';
import { departments, reviewerAssignments, sessions, users } from '../schema';
import type { StoreDatabase } from '../store';
import {
  loadActor,
  requireAccess,
  scopeCondition,
  type UserRef,
  userColumns,
  type WorkspaceUser,
  workspaceUser,
} from './access';
import { ConflictError, NotFoundError, ValidationError } from './errors';
import { hashPassword, type ScryptParameters } from './password';

export interface DepartmentInfo {
  id: number;
  name: string;
  code: string | null;
  region: string | null;
  parentId: number | null;
}

export interface NewDepartment {
  name: string;
  code?: string;
  region?: string;
  /** The 主管部门, when this is one of its units. */
  parentId?: number;
}

export interface NewUser {
  loginName: string;
  displayName: string;
  role: Role;
  /** Required for a filler, refused for the other roles. */
  departmentId?: number;
  password: string;
}

export const MIN_PASSWORD_LENGTH = 8;
const LOGIN_NAME = /^[\p{L}\p{N}._@-]{2,64}$/u;

const departmentColumns = {
  id: departments.id,
  name: departments.name,
  code: departments.code,
  region: departments.region,
  parentId: departments.parentId,
};

/** A department, without any access check: for the workspace's own modules. */
export async function departmentById(db: StoreDatabase, id: number): Promise<DepartmentInfo> {
  const [row] = await db.select(departmentColumns).from(departments).where(eq(departments.id, id));
  if (!row) throw new NotFoundError(`没有编号为 ${id} 的部门`);
  return row;
}

export class Directory {
  constructor(
    private readonly db: StoreDatabase,
    private readonly scrypt: ScryptParameters,
  ) {}

  async createDepartment(user: UserRef, input: NewDepartment): Promise<DepartmentInfo> {
    requireAccess(await loadActor(this.db, user), 'administer');
    return this.insertDepartment(input);
  }

  /**
   * The set-up of whoever runs the server's machine (the command line), without an acting user:
   * they hold the database itself, so the access rule has nothing to guard. Same checks as an admin's.
   */
  async createDepartmentAsSystem(input: NewDepartment): Promise<DepartmentInfo> {
    return this.insertDepartment(input);
  }

  /** A user of any role made from the command line (see createDepartmentAsSystem). */
  async createUserAsSystem(input: NewUser): Promise<WorkspaceUser> {
    return this.insertUser(input);
  }

  /** A department by its name or its code, for the command line's `--department` and `--parent`. */
  async findDepartmentAsSystem(nameOrCode: string): Promise<DepartmentInfo> {
    const wanted = nameOrCode.trim();
    const rows = await this.db
      .select(departmentColumns)
      .from(departments)
      .where(or(eq(departments.name, wanted), eq(departments.code, wanted)));
    if (rows.length === 0) throw new NotFoundError(`没有名称或代码为「${wanted}」的部门`);
    if (rows.length > 1) {
      throw new ConflictError(
        `「${wanted}」同时是 ${rows.map((r) => `「${r.name}」（编号 ${r.id}）`).join('和')}的名称或代码；请写部门名称`,
      );
    }
    return rows[0]!;
  }

  private async insertDepartment(input: NewDepartment): Promise<DepartmentInfo> {
    const name = input.name.trim();
    if (!name) throw new ValidationError('部门名称不能为空');
    if (input.parentId !== undefined) {
      const parent = await departmentById(this.db, input.parentId);
      // One level of units: the read scope of a 主管部门 reaches its direct units only.
      if (parent.parentId !== null) {
        throw new ValidationError(
          `「${parent.name}」本身是所属单位，不能作为主管部门（只支持主管部门—所属单位一级）`,
        );
      }
    }
    const [taken] = await this.db
      .select({ id: departments.id })
      .from(departments)
      .where(eq(departments.name, name));
    if (taken) throw new ConflictError(`部门「${name}」已存在（编号 ${taken.id}）`);
    const [row] = await this.db
      .insert(departments)
      .values({
        name,
        code: input.code ?? null,
        region: input.region ?? null,
        parentId: input.parentId ?? null,
      })
      .returning(departmentColumns);
    return row!;
  }

  /** One department, if the user may read it. */
  async department(user: UserRef, departmentId: number): Promise<DepartmentInfo> {
    const department = await departmentById(this.db, departmentId);
    requireAccess(await loadActor(this.db, user), 'read', department);
    return department;
  }

  /** The departments the user may read, by name. */
  async listDepartments(user: UserRef): Promise<DepartmentInfo[]> {
    const actor = await loadActor(this.db, user);
    return this.db
      .select(departmentColumns)
      .from(departments)
      .where(scopeCondition(readScope(actor)))
      .orderBy(asc(departments.name));
  }

  async createUser(user: UserRef, input: NewUser): Promise<WorkspaceUser> {
    requireAccess(await loadActor(this.db, user), 'administer');
    return this.insertUser(input);
  }

  private async insertUser(input: NewUser): Promise<WorkspaceUser> {
    await this.validateNewUser(input);
    const [taken] = await this.db
      .select({ id: users.id })
      .from(users)
      .where(eq(users.loginName, input.loginName));
    if (taken) throw new ConflictError(`登录名「${input.loginName}」已被使用（用户编号 ${taken.id}）`);
    const [row] = await this.db
      .insert(users)
      .values({
        loginName: input.loginName,
        displayName: input.displayName.trim(),
        role: input.role,
        departmentId: input.departmentId ?? null,
        passwordHash: await hashPassword(input.password, this.scrypt),
      })
      .returning(userColumns);
    return workspaceUser(row!);
  }

  private async validateNewUser(input: NewUser): Promise<void> {
    if (!LOGIN_NAME.test(input.loginName)) {
      throw new ValidationError(
        `登录名「${input.loginName}」无效：应为 2–64 个字母、数字或 . _ @ -，不含空格`,
      );
    }
    if (!input.displayName.trim()) throw new ValidationError('姓名不能为空');
    if (!isRole(input.role))
      throw new ValidationError(`角色「${input.role}」无效：应为 filler、reviewer 或 admin`);
    if (input.role === 'filler') {
      if (input.departmentId === undefined) throw new ValidationError('填报人须指定所属部门');
      await departmentById(this.db, input.departmentId);
    } else if (input.departmentId !== undefined) {
      throw new ValidationError('只有填报人属于某个部门；审核人的部门通过审核分配指定，管理员不属于部门');
    }
    if ([...input.password].length < MIN_PASSWORD_LENGTH) {
      throw new ValidationError(`密码太短：至少 ${MIN_PASSWORD_LENGTH} 个字符`);
    }
  }

  /**
   * The first admin, made without an acting user (by whoever runs the server's machine, e.g. the
   * command line); refused once an admin exists, after which admins make users.
   */
  async createInitialAdmin(input: Omit<NewUser, 'role' | 'departmentId'>): Promise<WorkspaceUser> {
    const [admin] = await this.db
      .select({ id: users.id })
      .from(users)
      .where(eq(users.role, 'admin'))
      .limit(1);
    if (admin) throw new ConflictError(`已有管理员（用户编号 ${admin.id}）；其他用户须由管理员添加`);
    return this.insertUser({ ...input, role: 'admin' });
  }

  async listUsers(user: UserRef): Promise<WorkspaceUser[]> {
    requireAccess(await loadActor(this.db, user), 'administer');
    const rows = await this.db.select(userColumns).from(users).orderBy(asc(users.loginName));
    return rows.map(workspaceUser);
  }

  /** Disabling ends the user's sessions at once. */
  async setUserDisabled(user: UserRef, userId: number, disabled: boolean): Promise<WorkspaceUser> {
    requireAccess(await loadActor(this.db, user), 'administer');
    if (userId === user.id && disabled) throw new ValidationError('不能停用自己的账号');
    const [row] = await this.db
      .update(users)
      .set({ disabled })
      .where(eq(users.id, userId))
      .returning(userColumns);
    if (!row) throw new NotFoundError(`没有编号为 ${userId} 的用户`);
    if (disabled) await this.db.delete(sessions).where(eq(sessions.userId, userId));
    return workspaceUser(row);
  }

  async assignReviewer(user: UserRef, reviewerId: number, departmentId: number): Promise<void> {
    requireAccess(await loadActor(this.db, user), 'administer');
    await this.requireReviewer(reviewerId);
    await departmentById(this.db, departmentId);
    await this.db
      .insert(reviewerAssignments)
      .values({ userId: reviewerId, departmentId })
      .onConflictDoNothing();
  }

  async unassignReviewer(user: UserRef, reviewerId: number, departmentId: number): Promise<void> {
    requireAccess(await loadActor(this.db, user), 'administer');
    await this.db
      .delete(reviewerAssignments)
      .where(
        and(eq(reviewerAssignments.userId, reviewerId), eq(reviewerAssignments.departmentId, departmentId)),
      );
  }

  private async requireReviewer(userId: number): Promise<void> {
    const [row] = await this.db.select(userColumns).from(users).where(eq(users.id, userId));
    if (!row) throw new NotFoundError(`没有编号为 ${userId} 的用户`);
    if (row.role !== 'reviewer') {
      throw new ValidationError(`用户「${row.loginName}」不是审核人，不能分配审核部门`);
    }
  }
}
