/** The check the workspace runs on a revision: the rules of the package's own profile and year. */
import { type CheckResult, checkPackage, type DataPackage } from '@juesuan/core';
import { loadCheckContext } from '@juesuan/data';

export function profileCheck(pkg: DataPackage): CheckResult {
  return checkPackage(pkg, loadCheckContext(pkg.department.profile, pkg.department.year));
}
