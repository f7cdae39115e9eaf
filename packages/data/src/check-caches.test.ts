/**
 * What checking keeps from one package to the next (each table's compiled cells, each code's keys
 * and catalog name, each rule's resolved rows and columns) must never show in another package's
 * results: packages checked in any order give each the results it gives alone.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  buildTableViews,
  type CheckResult,
  checkPackage,
  type DataPackage,
  FactSet,
  type TableView,
} from '@juesuan/core';
import { generatePackage } from '@juesuan/core/testing';
import { loadCatalog, loadProfile, loadRules } from './files';

const catalog = loadCatalog();
const profile = loadProfile('jiangxi-2024');
const context = { profile, catalog, rules: loadRules(profile) };

function codesOf(view: TableView): string[] {
  return view.sections.flatMap((s) => s.rows.flatMap((r) => (r.code !== undefined ? [r.code] : [])));
}

/** T03's label of each code row. */
function labels(pkg: DataPackage): Map<string, string> {
  const t03 = buildTableViews(pkg, { profile, catalog }).find((v) => v.id === 'T03')!;
  return new Map(t03.sections.flatMap((s) => s.rows.flatMap((r) => (r.code ? [[r.code, r.label]] : []))));
}

/** A functional 项 in force in 2024 whose name in an earlier year was another. */
function renamedCode(): { code: string; year: number; before: string; now: string } {
  for (const entry of catalog.entries('functional', 2024)) {
    if (entry.code.length !== 7) continue;
    const older = catalog.history('functional', entry.code).find((e) => e.name !== entry.name);
    if (older) return { code: entry.code, year: older.from, before: older.name, now: entry.name };
  }
  throw new Error('the catalog has no renamed 项');
}

function withFacts(pkg: DataPackage, facts: Record<string, bigint>, year = pkg.department.year): DataPackage {
  const set = pkg.facts.clone();
  for (const [key, value] of Object.entries(facts)) set.set(key, value);
  return { ...pkg, department: { ...pkg.department, year }, facts: set };
}

describe('checking packages one after another', () => {
  it('gives each package the findings and views it has when checked alone', () => {
    const a = generatePackage({ seed: 41, catalog, units: 1 });
    const b = generatePackage({ seed: 42, catalog, units: 1, codes: 'all' });
    // A figure off in A only: T01 本年收入合计 no longer the sum of its lines.
    a.facts.set('income', a.facts.get('income')! + 1_000_000n);
    const alone = (pkg: DataPackage): CheckResult =>
      checkPackage({ ...pkg, facts: pkg.facts.clone() }, context);
    const firstB = alone(b);
    const firstA = alone(a);
    assert.ok(firstA.findings.some((f) => f.id === 'T01-01@T01[L27]'));
    assert.ok(!firstB.findings.some((f) => f.id === 'T01-01@T01[L27]'));
    assert.deepEqual(alone(b), firstB);
    assert.deepEqual(alone(a), firstA);
    const t03 = (result: CheckResult) => codesOf(result.views.find((v) => v.id === 'T03')!);
    assert.notDeepEqual(t03(firstA), t03(firstB), 'the two packages report different codes');
  });

  it('names each code as the catalog does in the package’s own year, whichever year came before', () => {
    const { code, year, before, now } = renamedCode();
    const base = generatePackage({ seed: 43, catalog, units: 1 });
    const fact = { [`expense func=${code}`]: 100n };
    const current = withFacts(base, fact);
    const earlier = withFacts(base, fact, year);
    assert.equal(labels(current).get(code), now);
    assert.equal(labels(earlier).get(code), before);
    assert.equal(labels(current).get(code), now);
  });

  it('names a code the catalog does not know from the package, else as unknown', () => {
    const base = generatePackage({ seed: 44, catalog, units: 1 });
    const unknown = '2999998';
    const fact = { [`expense func=${unknown}`]: 100n };
    const named = withFacts(base, fact);
    named.codeNames = { functional: { [unknown]: '部门自报科目' }, economic: {} };
    const unnamed = withFacts(base, fact);
    assert.equal(labels(named).get(unknown), '部门自报科目');
    assert.equal(labels(unnamed).get(unknown), `（未知科目 ${unknown}）`);
    assert.equal(labels(named).get(unknown), '部门自报科目');
  });

  it('reads a code row’s figures from its own package, reported or not', () => {
    const base = generatePackage({ seed: 45, catalog, units: 1 });
    const code = codesOf(buildTableViews(base, { profile, catalog }).find((v) => v.id === 'T03')!).find(
      (c) => c.length === 7,
    )!;
    const key = `expense func=${code} nature=basic`;
    const without = { ...base, facts: FactSet.from([...base.facts.entries()].filter(([k]) => k !== key)) };
    const cellOf = (pkg: DataPackage) =>
      buildTableViews(pkg, { profile, catalog })
        .find((v) => v.id === 'T03')!
        .sections.flatMap((s) => s.rows)
        .find((r) => r.code === code)!.cells.basic!;
    assert.equal(cellOf(base).value, base.facts.get(key));
    assert.equal(cellOf(without).value, undefined);
    assert.equal(cellOf(without).fact, key);
    assert.equal(cellOf(base).value, base.facts.get(key));
  });
});
