/**
 * Every rule written as code has at least one test that makes it fire and one where it stays
 * silent (testing/rule-tests.ts), and every test named there exists; a firing test also names its
 * rule, so the link is not a guess. Table rules are covered per profile by rules-<profile>.test.ts.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { CODE_DEFINED_RULES } from '@juesuan/core';
import { RULE_TESTS, type TestRef } from './testing/rule-tests';

const ROOT = fileURLToPath(new URL('../../../', import.meta.url));

/** Rules still without cases, each with its reason written here; none at present. */
const NOT_YET_COVERED: string[] = [];

/** The tests of a file by name, each with its source up to the next test. */
function testsOf(file: string): Map<string, string[]> {
  const source = readFileSync(join(ROOT, file), 'utf8');
  const starts = [...source.matchAll(/\b(?:it|test)\(\s*(['"])((?:\\.|(?!\1).)*)\1/g)];
  const tests = new Map<string, string[]>();
  starts.forEach((m, i) => {
    const name = m[2]!.replace(/\\(.)/g, '$1');
    tests.set(name, [
      ...(tests.get(name) ?? []),
      source.slice(m.index, starts[i + 1]?.index ?? source.length),
    ]);
  });
  return tests;
}

const files = new Map<string, Map<string, string[]>>();
const bodiesOf = ([file, name]: TestRef): string[] => {
  if (!files.has(file)) files.set(file, testsOf(file));
  return files.get(file)!.get(name) ?? [];
};

describe('per-rule tests of the code-defined rules', () => {
  const ids = CODE_DEFINED_RULES.map((r) => r.id);

  it('list a firing and a silent test for every rule, and no rule the registry lacks', () => {
    const uncovered = ids.filter((id) => !RULE_TESTS[id]?.fires.length || !RULE_TESTS[id]?.silent.length);
    assert.deepEqual(uncovered, NOT_YET_COVERED, '这些规则缺少触发或不触发的测试');
    assert.deepEqual(
      Object.keys(RULE_TESTS).filter((id) => !ids.includes(id)),
      [],
      '这些测试所列的规则不在规则目录中',
    );
  });

  it('name tests that exist, and a firing test names its rule', () => {
    const problems: string[] = [];
    for (const [rule, { fires, silent }] of Object.entries(RULE_TESTS)) {
      for (const ref of [...fires, ...silent]) {
        if (!bodiesOf(ref).length) problems.push(`${rule}：${ref[0]} 中没有测试「${ref[1]}」`);
      }
      const mentions = new RegExp(`(?<![\\w.-])${rule.replace('.', '\\.')}(?![\\w.]|-\\d)`);
      for (const ref of fires) {
        if (bodiesOf(ref).length && !bodiesOf(ref).some((body) => mentions.test(body))) {
          problems.push(`${rule}：触发测试「${ref[1]}」没有提到 ${rule}`);
        }
      }
    }
    assert.deepEqual(problems, []);
  });
});
