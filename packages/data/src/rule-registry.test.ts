import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { CODE_DEFINED_RULES, narrativeRule, RULE_FAMILIES, registryProblems } from '@juesuan/core';
import { listProfiles, loadClaims } from './files';
import { loadRuleRegistry } from './rule-registry';

describe('rule registry', () => {
  const registry = loadRuleRegistry();

  it('has every rule once with complete Chinese metadata, over every profile and code family', () => {
    assert.deepEqual(registryProblems(registry), []);
    for (const family of Object.keys(RULE_FAMILIES)) {
      assert.ok(
        registry.some((r) => r.family === family),
        `规则族 ${family} 没有规则`,
      );
    }
    for (const profile of listProfiles()) {
      assert.ok(
        registry.some((r) => r.profile === profile && r.family === 'table'),
        profile,
      );
    }
  });

  it('keys table rules by profile and code-defined rules by id', () => {
    const t0101 = registry.filter((r) => r.id === 'T01-01');
    assert.deepEqual(
      t0101.map((r) => r.key).sort(),
      listProfiles().map((p) => `${p}:T01-01`),
    );
    const jiangxi = t0101.find((r) => r.profile === 'jiangxi-2024')!;
    assert.match(jiangxi.appliesTo, /公开01表「收入支出决算总表」/);
    assert.equal(jiangxi.check, 'T01[L27] = SUM(T01[L1:L8])');
    const p09 = registry.find((r) => r.key === 'P-R09');
    assert.equal(p09?.family, 'performance');
    assert.equal(p09?.severity, 'error');
    assert.equal(
      CODE_DEFINED_RULES.filter((r) => /^[A-Z]+-/.test(r.id) && r.profile === undefined).length,
      CODE_DEFINED_RULES.length,
    );
  });

  it('reports a duplicate key, an unknown severity and missing metadata', () => {
    const rule = CODE_DEFINED_RULES[0]!;
    assert.deepEqual(
      registryProblems([rule, { ...rule, severity: 'fatal' as never, meaning: 'no Chinese', check: ' ' }]),
      [
        `规则 ${rule.key} 重复登记`,
        `规则 ${rule.key} 的严重程度 fatal 无效`,
        `规则 ${rule.key} 缺少中文的 meaning`,
        `规则 ${rule.key} 缺少 check`,
      ],
    );
  });

  it('knows every 情况说明 rule a profile’s claims.json names', () => {
    for (const profile of listProfiles()) {
      for (const item of loadClaims(profile)?.items ?? []) {
        assert.equal(narrativeRule(item.rule).family, 'narrative', `${profile} ${item.id}`);
      }
    }
  });
});
