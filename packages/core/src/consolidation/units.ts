/** The units of a department as consolidation sees them, and who is whose parent among them. */
import type { FactSet } from '../fact-set';

export interface ConsolidationUnit {
  name: string;
  code?: string;
  /** 预算级次: 一级 (the 主管部门本级), 二级, 三级 … */
  budgetLevel?: string;
  /** The unit's parent in this department, by code or name; by 预算级次 when absent. */
  parent?: string;
  facts?: FactSet;
}

/** A unit named by its code or, failing that, its name; undefined when none or several match. */
export function unitIndex(units: readonly ConsolidationUnit[], ref: string): number | undefined {
  const byCode = units.flatMap((u, i) => (u.code === ref ? [i] : []));
  const matches = byCode.length ? byCode : units.flatMap((u, i) => (u.name === ref ? [i] : []));
  return matches.length === 1 ? matches[0] : undefined;
}

/** How a unit is named in messages: its name, and its code when it has one. */
export function unitLabel(unit: ConsolidationUnit): string {
  return unit.code ? `${unit.name}（${unit.code}）` : unit.name;
}

const LEVEL_DIGITS = '一二三四五六七八九';

function levelNumber(level: string | undefined): number | undefined {
  const digit = level === undefined ? undefined : /^([一二三四五六七八九])级$/.exec(level.trim())?.[1];
  return digit ? LEVEL_DIGITS.indexOf(digit) + 1 : undefined;
}

/**
 * Each unit's parent within the department (an index), or undefined for a unit whose parent is
 * outside it. Without an explicit `parent`, a unit of 预算级次 n belongs to the one unit of level
 * n − 1 when there is exactly one: the usual 本级 (一级) with its 二级 units.
 */
export function parentsOf(units: readonly ConsolidationUnit[]): (number | undefined)[] {
  const levels = units.map((u) => levelNumber(u.budgetLevel));
  return units.map((unit, i) => {
    if (unit.parent !== undefined) return unitIndex(units, unit.parent);
    const level = levels[i];
    if (level === undefined || level < 2) return undefined;
    const above = levels.flatMap((l, j) => (l === level - 1 ? [j] : []));
    return above.length === 1 ? above[0] : undefined;
  });
}
