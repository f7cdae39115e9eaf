/**
 * Golden results of 审核: checkPackage over many packages must keep giving exactly the findings,
 * messages, severities and summaries recorded in testing/check-golden.json. It guards the checking
 * engine against changes that were meant to alter nothing (speed-ups of views, rules and code
 * checks). A deliberate change of results regenerates the file:
 *
 *   UPDATE_GOLDEN=1 node --import tsx --test packages/data/src/check-golden.test.ts
 *   npx biome check --write packages/data/src/testing/check-golden.json
 *
 * and the diff of the file is then reviewed like any other change. (The file is kept under
 * Biome's 1 MiB limit, hence the short lines for info findings and the hash for the rest.)
 *
 * The packages: generated ones under each profile, exact (元) and as printed in 万元 with 2
 * decimals (each figure rounded on its own, so 尾数误差 and rounding envelopes are exercised), some
 * with injected faults (a figure off, a figure missing, a code row added without its parent), and
 * the three examples.
 */
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import {
  type Catalog,
  type CheckResult,
  checkPackage,
  type DataPackage,
  FactSet,
  type Finding,
  MEASURES,
  measureOf,
  roundToPrinted,
} from '@juesuan/core';
import { generatePackages, mulberry32 } from '@juesuan/core/testing';
import { EXAMPLES_DIR, loadCatalog, loadProfile, loadRules, readPackageFile } from './files';

const GOLDEN = join(import.meta.dirname, 'testing', 'check-golden.json');

interface Case {
  name: string;
  pkg: DataPackage;
}

/**
 * One package's results, compact enough to read in a diff, plus a hash of everything. `only` keeps
 * just the findings it selects (for a rerun that differs from the first run in one finding); the
 * hash still covers all of them.
 */
interface Digest {
  name: string;
  summary: string;
  skipped?: string[];
  ruleErrors?: string[];
  findings?: string[];
  /** SHA-256 of the whole result as JSON: findings with cells and messages, summary, views. */
  sha: string;
}

function digest(name: string, result: CheckResult, only: (f: Finding) => boolean = () => true): Digest {
  const { summary, findings } = result;
  const { counts } = summary;
  // An info finding (尾数误差; thousands over 万元 packages) shows its amounts, not its message: the
  // message is the rule's template over them, and the hash covers it.
  const lines = findings
    .filter(only)
    .map((f) =>
      f.severity === 'info'
        ? `${f.id} | info | ${f.difference?.text ?? ''} ± ${f.tolerance?.text ?? ''}`
        : `${f.id} | ${f.severity}${f.explained !== undefined ? ' explained' : ''} | ${f.message}`,
    );
  return {
    name,
    summary:
      `error ${counts.error} warning ${counts.warning} info ${counts.info} accepted ${counts.accepted}; ` +
      `rules ${summary.rulesRun} checks ${summary.checks} passed ${summary.passed}` +
      (summary.clean ? '; clean' : ''),
    ...(summary.skipped.length ? { skipped: summary.skipped.map((s) => `${s.ruleId}: ${s.reason}`) } : {}),
    ...(summary.ruleErrors.length ? { ruleErrors: summary.ruleErrors.map((e) => e.message) } : {}),
    ...(lines.length ? { findings: lines } : {}),
    sha: createHash('sha256')
      .update(JSON.stringify(result, (_key, value) => (typeof value === 'bigint' ? `${value}n` : value)))
      .digest('hex'),
  };
}

/** The package as a 万元 document with 2 decimals prints it: every money figure rounded on its own. */
function asPrinted(pkg: DataPackage): DataPackage {
  const round = (facts: FactSet) =>
    FactSet.from(
      [...facts.entries()].map(([key, value]) => [
        key,
        MEASURES[measureOf(key)].kind === 'money' ? roundToPrinted(value, '万元', 2) : value,
      ]),
    );
  const { priorAmounts: _, ...rest } = pkg;
  return {
    ...rest,
    amounts: { unit: '万元', decimals: 2 },
    facts: round(pkg.facts),
    ...(pkg.priorYear ? { priorYear: round(pkg.priorYear) } : {}),
  };
}

/**
 * The package with a few faults a data entry could make, chosen by `seed`: figures off by 1–1,000
 * 元 or by 1 分, a figure deleted, and (for code rows) a 项 reported without its 款. One warning is
 * explained, when the faults raise one, so accepted warnings are covered too.
 */
function withFaults(pkg: DataPackage, seed: number): DataPackage {
  const random = mulberry32(seed);
  const facts = pkg.facts.clone();
  const keys = [...facts.keys()].sort();
  const pick = () => keys[Math.floor(random() * keys.length)]!;
  for (let i = 0; i < 3; i++) {
    const key = pick();
    const delta = i === 0 ? 1n : BigInt(Math.floor(random() * 100_000) + 100);
    facts.set(key, facts.get(key)! + (random() < 0.5 ? delta : -delta));
  }
  facts.delete(pick());
  if (random() < 0.5) facts.set('expense func=2130199 fund=gpb', 12_345_600n);
  return { ...pkg, facts };
}

function explainFirstWarning(pkg: DataPackage, result: CheckResult): DataPackage | undefined {
  const warning = result.findings.find((f) => f.severity === 'warning');
  return warning
    ? { ...pkg, explanations: { ...pkg.explanations, [warning.id]: '已核实，情况属实' } }
    : undefined;
}

function cases(catalog: Catalog): { profileId: string; cases: Case[] }[] {
  const generated = (profileId: string, count: number, seed: number, year = 2024) => {
    const list: Case[] = [];
    let index = 0;
    for (const pkg of generatePackages(count, seed, catalog, { year, profile: profileId })) {
      const name = `${profileId} #${index}`;
      list.push({ name: `${name} 元`, pkg });
      list.push({ name: `${name} 万元`, pkg: asPrinted(pkg) });
      if (index % 4 === 0) {
        const faulty = withFaults(pkg, seed * 1000 + index);
        list.push({ name: `${name} faults`, pkg: faulty });
        list.push({ name: `${name} faults 万元`, pkg: asPrinted(faulty) });
      }
      index++;
    }
    return list;
  };
  const examples = ['jingdezhen-2024.json', 'qingshanhu-2020.json', 'two-unit-2024.json'].map((file) => {
    const { package: pkg } = readPackageFile(join(EXAMPLES_DIR, file), { catalog });
    assert.ok(pkg, file);
    return { name: file, pkg };
  });
  const byProfile = new Map<string, Case[]>();
  for (const c of examples) {
    const id = c.pkg.department.profile;
    byProfile.set(id, [...(byProfile.get(id) ?? []), c]);
  }
  return [
    {
      profileId: 'jiangxi-2024',
      cases: [...byProfile.get('jiangxi-2024')!, ...generated('jiangxi-2024', 200, 77)],
    },
    {
      profileId: 'jiangxi-2020',
      cases: [...byProfile.get('jiangxi-2020')!, ...generated('jiangxi-2020', 30, 20, 2020)],
    },
    { profileId: 'shanghai-2024', cases: generated('shanghai-2024', 30, 11) },
  ];
}

function results(): Digest[] {
  const catalog = loadCatalog();
  const digests: Digest[] = [];
  for (const { profileId, cases: list } of cases(catalog)) {
    const profile = loadProfile(profileId);
    const context = { profile, catalog, rules: loadRules(profile) };
    for (const { name, pkg } of list) {
      const result = checkPackage(pkg, context);
      digests.push(digest(name, result));
      const explained = explainFirstWarning(pkg, result);
      if (explained) {
        const rerun = checkPackage(explained, context);
        digests.push(digest(`${name} explained`, rerun, (f) => f.explained !== undefined));
      }
    }
  }
  return digests;
}

describe('审核 results stay as recorded', () => {
  it('every finding, message and summary over generated, faulty and sample packages', () => {
    const actual = results();
    if (process.env.UPDATE_GOLDEN === '1') {
      writeFileSync(GOLDEN, `${JSON.stringify(actual, null, 2)}\n`);
      return;
    }
    assert.ok(existsSync(GOLDEN), 'testing/check-golden.json 不存在：请用 UPDATE_GOLDEN=1 生成');
    const expected = JSON.parse(readFileSync(GOLDEN, 'utf8')) as Digest[];
    assert.equal(actual.length, expected.length, '数据包数');
    for (let i = 0; i < actual.length; i++) assert.deepEqual(actual[i], expected[i], actual[i]!.name);
  });
});
