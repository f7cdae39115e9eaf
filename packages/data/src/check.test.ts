import assert from 'node:assert/strict';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { checkPackage, type DataPackage, measureOf } from '@juesuan/core';
import { EXAMPLES_DIR, loadCatalog, loadProfile, loadRules, readPackageFile } from './files';

function sample(): DataPackage {
  const { package: pkg } = readPackageFile(join(EXAMPLES_DIR, 'jingdezhen-2024.json'));
  assert.ok(pkg);
  return pkg;
}

function check(pkg: DataPackage) {
  const profile = loadProfile(pkg.department.profile);
  return checkPackage(pkg, { profile, catalog: loadCatalog(), rules: loadRules(profile) });
}

describe('审核 of a package', () => {
  it('finds no error in the Jingdezhen 2024 sample; its tail differences are info', () => {
    const { summary, findings } = check(sample());
    assert.equal(summary.counts.error, 0);
    assert.ok(summary.counts.info > 0);
    assert.ok(findings.some((f) => f.id === 'T01-01@T01[L27]' && f.severity === 'info' && f.rounding));
    assert.deepEqual(summary.ruleErrors, []);
  });

  it('reports the published cross-year inconsistency and accepts it once explained', () => {
    const pkg = sample();
    const warning = check(pkg).findings.find((f) => f.rule === 'Y-01');
    assert.equal(warning?.severity, 'warning');
    assert.equal(warning?.id, 'Y-01@T01[L29]');
    pkg.explanations[warning!.id] = '上年年末结转结余经清理后调整';
    const { summary, findings } = check(pkg);
    assert.equal(findings.find((f) => f.id === warning!.id)?.explained, '上年年末结转结余经清理后调整');
    assert.equal(summary.counts.warning, 0);
    assert.equal(summary.counts.accepted, 1);
    assert.equal(summary.clean, true);
  });

  it('an injected fault is an error at its cell, beyond the rounding envelope', () => {
    const pkg = sample();
    pkg.facts.set('income source=gpb', pkg.facts.get('income source=gpb')! + 1_000_000n);
    const errors = check(pkg).findings.filter((f) => f.severity === 'error');
    const t0101 = errors.find((f) => f.id === 'T01-01@T01[L27]');
    assert.ok(t0101, 'T01-01 fires at 本年收入合计');
    assert.deepEqual(
      t0101.difference && [t0101.difference.value, t0101.difference.unit],
      ['-990000', '分'],
      '940.50 − (940.49 + 1.00)',
    );
  });

  it('a table the package reports nothing for is one finding, and its rules are skipped', () => {
    const pkg = sample();
    for (const key of [...pkg.facts.keys()]) {
      if (measureOf(key) === 'basicEcon' || measureOf(key) === 'basicGroup') pkg.facts.delete(key);
    }
    const { findings, summary } = check(pkg);
    const d01 = findings.find((f) => f.rule === 'D-01');
    assert.equal(d01?.id, 'D-01@T06');
    assert.match(d01!.message, /公开06表「一般公共预算财政拨款基本支出决算表」没有任何数据/);
    assert.ok(summary.skipped.some((s) => s.ruleId.startsWith('T06-') && /未填报的 T06/.test(s.reason)));
    assert.ok(!findings.some((f) => f.rule.startsWith('T06-')));
  });

  it('a total the package does not report reads 未填报, not 0.00', () => {
    const pkg = sample();
    pkg.facts.delete('income');
    const finding = check(pkg).findings.find((f) => f.id === 'T01-01@T01[L27]');
    assert.equal(finding?.severity, 'error');
    assert.match(finding!.message, /为 未填报（按 0 计）/);
  });
});
