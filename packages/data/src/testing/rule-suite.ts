/**
 * Test-only: the one test suite every rules-<profile>.test.ts runs on its catalogue — it compiles
 * well formed, every rule has a case, the base package raises only what the profile expects, each
 * case passes and fails as it says, and generated packages pass. A profile's file gives only what
 * is its own: the base package, its cases and what its base and generated packages may raise.
 */
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import type { DataPackage, RunResult } from '@juesuan/core';
import { EXAMPLES_DIR, readPackageFile } from '../files';
import {
  assertCoverage,
  assertGeneratedClean,
  assertWellFormed,
  checkCase,
  type GeneratedSweep,
  loadCatalogue,
  type RuleCase,
  type RuleContext,
  runPackage,
} from './rule-cases';

/** A sample of examples/, read without issue and kept in the unit expected. */
export function readSample(file: string, amounts: DataPackage['amounts']): DataPackage {
  const { package: pkg, issues } = readPackageFile(join(EXAMPLES_DIR, file));
  assert.ok(pkg, issues.map((i) => i.message).join('；'));
  assert.deepEqual(pkg.amounts, amounts);
  return pkg;
}

export interface CatalogueSuite {
  profile: string;
  base: DataPackage;
  /** Half of a printed last digit of the base's figures, in 分 (0 where they are exact). */
  halfStep: bigint;
  priorHalfStep?: bigint;
  ruleCount: number;
  cases: readonly RuleCase[];
  /** What the base raises as it is (no rule error or skipped rule is checked first). */
  baseFindings: { title: string; check: (result: RunResult, context: RuleContext) => void };
  /** Further tests of the profile's own (what its catalogue leaves out, how it words a finding). */
  ownTests?: Record<string, (context: RuleContext) => void>;
  sweep: { title: string; of: (context: RuleContext) => GeneratedSweep };
}

export function describeRuleCatalogue(suite: CatalogueSuite): void {
  describe(`${suite.profile} rule catalogue`, () => {
    const { profile, catalogue } = loadCatalogue(suite.profile);
    const context: RuleContext = {
      profile,
      catalogue,
      ruleIds: catalogue.rules.map((r) => r.def.id),
      base: suite.base,
      halfStep: suite.halfStep,
      ...(suite.priorHalfStep !== undefined ? { priorHalfStep: suite.priorHalfStep } : {}),
    };

    it(`compiles to ${suite.ruleCount} rules, each with a Chinese title and message`, () => {
      assertWellFormed(context, suite.ruleCount);
    });

    it('has a passing and a failing case for every rule', () => {
      assertCoverage(context, suite.cases);
    });

    it(suite.baseFindings.title, () => {
      const result = runPackage(context, context.base);
      assert.deepEqual(result.summary.ruleErrors, []);
      assert.deepEqual(result.summary.skipped, []);
      suite.baseFindings.check(result, context);
    });

    for (const [title, test] of Object.entries(suite.ownTests ?? {})) it(title, () => test(context));

    for (const c of suite.cases) {
      it(`${c.rule}: ${c.what}`, () => checkCase(context, c));
    }

    it(suite.sweep.title, () => assertGeneratedClean(context, suite.sweep.of(context)));
  });
}
