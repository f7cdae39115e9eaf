/**
 * Who may do what in the workspace. Three roles: 填报人 edits the packages of their own
 * department; 审核人 reads the departments assigned to them and accepts or returns what is
 * submitted; 管理员 manages users, departments and assignments and reads everything, but edits no
 * package and takes no part in the workflow (the figures are the department's, the verdict the
 * reviewer's). A 主管部门's units are read, never written, by whoever may read the 主管部门 (its
 * filler needs them for the 汇总, its reviewer oversees them); each unit's own filler writes them.
 * See docs/workspace.md.
 */

export const ROLES = { filler: '填报人', reviewer: '审核人', admin: '管理员' } as const;

export type Role = keyof typeof ROLES;

export function isRole(text: string): text is Role {
  return Object.hasOwn(ROLES, text);
}

/** The acting user as the access rule needs them. */
export interface Actor {
  id: number;
  role: Role;
  /** The filler's department; null for the other roles. */
  departmentId: number | null;
  /** The reviewer's assigned departments (empty for the other roles). */
  assignedDepartmentIds: readonly number[];
}

/** The department an action is on, with its 主管部门 when it is a unit. */
export interface DepartmentRef {
  id: number;
  parentId: number | null;
}

export const ACTIONS = {
  read: '查看',
  edit: '修改数据包或出错说明',
  review: '审核（通过、退回、写审核意见）',
  administer: '管理用户、部门和审核分配',
} as const;

export type Action = keyof typeof ACTIONS;

/**
 * The departments an actor reads, as a query condition can state it: `all`, or rows whose
 * department is one of `departmentIds` or has one of `unitsOf` as its 主管部门.
 */
export type ReadScope = { all: true } | { all: false; departmentIds: number[]; unitsOf: number[] };

export function readScope(actor: Actor): ReadScope {
  if (actor.role === 'admin') return { all: true };
  const own = actor.role === 'filler' ? ownDepartment(actor) : [...actor.assignedDepartmentIds];
  return { all: false, departmentIds: own, unitsOf: own };
}

function ownDepartment(actor: Actor): number[] {
  return actor.departmentId === null ? [] : [actor.departmentId];
}

export function inReadScope(scope: ReadScope, department: DepartmentRef): boolean {
  if (scope.all) return true;
  return (
    scope.departmentIds.includes(department.id) ||
    (department.parentId !== null && scope.unitsOf.includes(department.parentId))
  );
}

/** Why an action is refused, in words for the user; null when it is allowed. */
export function accessRefusal(actor: Actor, action: Action, department?: DepartmentRef): string | null {
  const who = `${ROLES[actor.role]}（用户编号 ${actor.id}）`;
  if (action === 'administer') {
    return actor.role === 'admin' ? null : `${who}无权${ACTIONS.administer}：仅管理员可以`;
  }
  if (!department) return `${who}的${ACTIONS[action]}操作缺少部门`;
  const where = `部门（编号 ${department.id}）`;
  switch (action) {
    case 'read':
      return inReadScope(readScope(actor), department)
        ? null
        : `${who}无权查看${where}：不是本人所属或被分配审核的部门`;
    case 'edit':
      if (actor.role !== 'filler') return `${who}不能${ACTIONS.edit}：只有本部门的填报人可以`;
      return actor.departmentId === department.id
        ? null
        : `${who}不能修改${where}的数据：填报人只能修改本部门（编号 ${actor.departmentId ?? '无'}）的数据包`;
    case 'review':
      if (actor.role !== 'reviewer') return `${who}不能${ACTIONS.review}：只有被分配的审核人可以`;
      return inReadScope(readScope(actor), department) ? null : `${who}未被分配审核${where}`;
  }
}
