import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { type Actor, accessRefusal, type DepartmentRef, ROLES, readScope } from './access';

const main: DepartmentRef = { id: 1, parentId: null };
const unit: DepartmentRef = { id: 2, parentId: 1 };
const other: DepartmentRef = { id: 3, parentId: null };
const filler: Actor = { id: 10, role: 'filler', departmentId: 1, assignedDepartmentIds: [] };
const unitFiller: Actor = { id: 11, role: 'filler', departmentId: 2, assignedDepartmentIds: [] };
const reviewer: Actor = { id: 20, role: 'reviewer', departmentId: null, assignedDepartmentIds: [1] };
const admin: Actor = { id: 30, role: 'admin', departmentId: null, assignedDepartmentIds: [] };

describe('the access rule', () => {
  const cases: [
    string,
    Actor,
    'read' | 'edit' | 'review' | 'administer',
    DepartmentRef | undefined,
    boolean,
  ][] = [
    ['filler reads own department', filler, 'read', main, true],
    ['filler of a 主管部门 reads its unit', filler, 'read', unit, true],
    ['filler reads another department', filler, 'read', other, false],
    ['filler edits own department', filler, 'edit', main, true],
    ['filler of a 主管部门 does not edit its unit', filler, 'edit', unit, false],
    ['unit filler does not read its 主管部门', unitFiller, 'read', main, false],
    ['filler does not review', filler, 'review', main, false],
    ['filler does not administer', filler, 'administer', undefined, false],
    ['reviewer reads assigned department and its units', reviewer, 'read', unit, true],
    ['reviewer does not read an unassigned department', reviewer, 'read', other, false],
    ['reviewer reviews assigned department', reviewer, 'review', main, true],
    ['reviewer reviews an unassigned department', reviewer, 'review', other, false],
    ['reviewer does not edit', reviewer, 'edit', main, false],
    ['admin reads every department', admin, 'read', other, true],
    ['admin administers', admin, 'administer', undefined, true],
    ['admin does not edit a package', admin, 'edit', main, false],
    ['admin does not review', admin, 'review', main, false],
  ];
  for (const [name, actor, action, department, allowed] of cases) {
    it(name, () => {
      const refusal = accessRefusal(actor, action, department);
      if (allowed) assert.equal(refusal, null);
      else
        assert.ok(refusal?.startsWith(`${ROLES[actor.role]}（用户编号 ${actor.id}）`), refusal ?? 'allowed');
    });
  }

  it('says whose department a filler may change', () => {
    assert.equal(
      accessRefusal(filler, 'edit', unit),
      '填报人（用户编号 10）不能修改部门（编号 2）的数据：填报人只能修改本部门（编号 1）的数据包',
    );
  });

  it('gives query scopes, never a list of everything, to all but the admin', () => {
    assert.deepEqual(readScope(filler), { all: false, departmentIds: [1], unitsOf: [1] });
    assert.deepEqual(readScope(reviewer), { all: false, departmentIds: [1], unitsOf: [1] });
    assert.deepEqual(readScope(admin), { all: true });
  });
});
