/**
 * What changed between two revisions of a package: facts added, removed and changed (by fact key,
 * with the amounts before and after, in 分 for money and as counts otherwise), last year's facts
 * likewise, units added, removed or changed, and the other fields (department, amounts, narrative,
 * code names, explanations, performance data) by their path in the package document.
 */
import type { FactSet } from '../fact-set';
import { type DataPackage, writePackage } from '../package';

export interface FactChange {
  key: string;
  /** Absent when the fact was added. */
  before?: bigint;
  /** Absent when the fact was removed. */
  after?: bigint;
}

export interface FactsDiff {
  added: FactChange[];
  removed: FactChange[];
  changed: FactChange[];
}

export interface FieldChange {
  /** Where in the package document: `department.code`, `narrative.reasons`, `performance`. */
  path: string;
  /** The JSON text before and after; absent when the field was not there. */
  before?: string;
  after?: string;
}

export interface UnitChange {
  name: string;
  facts: FactsDiff;
  fields: FieldChange[];
}

export interface PackageDiff {
  facts: FactsDiff;
  priorYear: FactsDiff;
  units: { added: string[]; removed: string[]; changed: UnitChange[] };
  fields: FieldChange[];
}

/** The counts a revision keeps of its diff against the revision before it. */
export interface DiffSummary {
  factsAdded: number;
  factsRemoved: number;
  factsChanged: number;
  priorYearChanged: number;
  unitsAdded: number;
  unitsRemoved: number;
  unitsChanged: number;
  fieldsChanged: number;
}

/** Keys in sorted order, so that a diff reads (and compares) the same however the sets were built. */
export function diffFacts(before: FactSet | undefined, after: FactSet | undefined): FactsDiff {
  const diff: FactsDiff = { added: [], removed: [], changed: [] };
  const keys = new Set([...(before?.keys() ?? []), ...(after?.keys() ?? [])]);
  for (const key of [...keys].sort()) {
    const was = before?.get(key);
    const is = after?.get(key);
    if (was === undefined && is !== undefined) diff.added.push({ key, after: is });
    else if (was !== undefined && is === undefined) diff.removed.push({ key, before: was });
    else if (was !== is) diff.changed.push({ key, before: was!, after: is! });
  }
  return diff;
}

/** The fields of the package document besides facts, priorYear and units, compared as JSON. */
const DOCUMENT_FIELDS = [
  'department',
  'amounts',
  'codeNames',
  'narrative',
  'explanations',
  'performance',
] as const;

export function diffPackages(before: DataPackage, after: DataPackage): PackageDiff {
  const [was, is] = [writePackage(before), writePackage(after)];
  const fields = DOCUMENT_FIELDS.flatMap((field) => diffFields(field, was[field], is[field]));
  if (canonical(before.priorAmounts) !== canonical(after.priorAmounts)) {
    fields.push(fieldChange('priorYear.amounts', before.priorAmounts, after.priorAmounts));
  }
  return {
    facts: diffFacts(before.facts, after.facts),
    priorYear: diffFacts(before.priorYear, after.priorYear),
    units: diffUnits(before, after),
    fields,
  };
}

function diffUnits(before: DataPackage, after: DataPackage): PackageDiff['units'] {
  const was = new Map(before.units.map((u) => [u.name, u]));
  const is = new Map(after.units.map((u) => [u.name, u]));
  const changed: UnitChange[] = [];
  for (const [name, unit] of is) {
    const old = was.get(name);
    if (!old) continue;
    const { facts: oldFacts, ...oldFields } = old;
    const { facts: newFacts, ...newFields } = unit;
    const facts = diffFacts(oldFacts, newFacts);
    const fields = diffFields('', oldFields, newFields);
    if (countFacts(facts) > 0 || fields.length > 0) changed.push({ name, facts, fields });
  }
  return {
    added: [...is.keys()].filter((name) => !was.has(name)),
    removed: [...was.keys()].filter((name) => !is.has(name)),
    changed,
  };
}

/** A field compared one level down (department.code, narrative.reasons), so the change is named. */
function diffFields(path: string, before: unknown, after: unknown): FieldChange[] {
  if (canonical(before) === canonical(after)) return [];
  if (isRecord(before) && isRecord(after)) {
    return Object.keys({ ...before, ...after })
      .sort()
      .filter((key) => canonical(before[key]) !== canonical(after[key]))
      .map((key) => fieldChange(path ? `${path}.${key}` : key, before[key], after[key]));
  }
  return [fieldChange(path, before, after)];
}

function fieldChange(path: string, before: unknown, after: unknown): FieldChange {
  return {
    path,
    ...(before !== undefined ? { before: canonical(before) } : {}),
    ...(after !== undefined ? { after: canonical(after) } : {}),
  };
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

/** JSON with keys sorted, so that key order never shows as a change. */
function canonical(value: unknown): string | undefined {
  return value === undefined
    ? undefined
    : JSON.stringify(value, (_key, v) => (isRecord(v) ? sortedRecord(v) : v));
}

function sortedRecord(record: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(
    Object.keys(record)
      .sort()
      .map((key) => [key, record[key]]),
  );
}

function countFacts(diff: FactsDiff): number {
  return diff.added.length + diff.removed.length + diff.changed.length;
}

export function summarizeDiff(diff: PackageDiff): DiffSummary {
  return {
    factsAdded: diff.facts.added.length,
    factsRemoved: diff.facts.removed.length,
    factsChanged: diff.facts.changed.length,
    priorYearChanged: countFacts(diff.priorYear),
    unitsAdded: diff.units.added.length,
    unitsRemoved: diff.units.removed.length,
    unitsChanged: diff.units.changed.length,
    fieldsChanged: diff.fields.length,
  };
}

/** The summary in words: 新增 2 项、删除 1 项、修改 3 项数据；上年数 1 项；单位 1 个有变化；其他字段 2 处. */
export function describeDiff(summary: DiffSummary): string {
  const { factsAdded, factsRemoved, factsChanged } = summary;
  const parts = [
    factsAdded + factsRemoved + factsChanged > 0
      ? `数据新增 ${factsAdded} 项、删除 ${factsRemoved} 项、修改 ${factsChanged} 项`
      : '',
    summary.priorYearChanged ? `上年数变动 ${summary.priorYearChanged} 项` : '',
    summary.unitsAdded ? `新增单位 ${summary.unitsAdded} 个` : '',
    summary.unitsRemoved ? `删除单位 ${summary.unitsRemoved} 个` : '',
    summary.unitsChanged ? `单位数据有变化 ${summary.unitsChanged} 个` : '',
    summary.fieldsChanged ? `其他字段变动 ${summary.fieldsChanged} 处` : '',
  ].filter(Boolean);
  return parts.length ? parts.join('；') : '无变化';
}
