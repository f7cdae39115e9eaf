/**
 * `juesuan package consolidate`: the two units of examples/two-unit-transfer-2024.json, each as a
 * package of its own, summed into their department with the adjustment table proposed.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { REPO_ROOT, runJuesuan } from '../testing';

const work = mkdtempSync(join(tmpdir(), 'juesuan-consolidate-'));
after(() => rmSync(work, { recursive: true, force: true }));

const example = JSON.parse(readFileSync(join(REPO_ROOT, 'examples/two-unit-transfer-2024.json'), 'utf8'));

/** Each unit of the example as a package of its own; `edit` changes one before it is written. */
function unitFiles(edit: (pkg: Record<string, unknown>, index: number) => void = () => {}): string[] {
  return example.units.map((unit: { name: string; facts: unknown }, index: number) => {
    const pkg = {
      format: example.format,
      department: { ...example.department, name: unit.name },
      amounts: example.amounts,
      facts: unit.facts,
    };
    edit(pkg, index);
    const file = join(work, `unit-${index}-${Math.random().toString(36).slice(2)}.json`);
    writeFileSync(file, JSON.stringify(pkg));
    return file;
  });
}

describe('juesuan package consolidate', () => {
  it('sums the 本级 and its centre, proposes the 补助 as the adjustment table, and the result checks clean', () => {
    const output = join(work, 'department.json');
    const result = runJuesuan('package', 'consolidate', ...unitFiles(), '-o', output);
    assert.equal(result.code, 0, result.stderr);
    const written = JSON.parse(readFileSync(output, 'utf8'));
    assert.equal(written.department.name, '示例市医疗保障局');
    assert.deepEqual(
      written.units.map((u: { name: string; budgetLevel: string }) => [u.name, u.budgetLevel]),
      [
        ['示例市医疗保障局（本级）', '一级'],
        ['示例市医疗保险服务中心', '二级'],
      ],
    );
    assert.deepEqual(written.units[1].facts, example.units[1].facts);
    const { note: _note, ...line } = example.adjustments[0];
    assert.deepEqual(written.adjustments, [line]);
    assert.match(
      result.stderr,
      /1\. 对附属单位补助：示例市医疗保障局（本级） → 示例市医疗保险服务中心 150,000\.00元，科目 2101506/,
    );
    assert.match(
      result.stderr,
      /\n {2}收入 · 上级补助收入：示例市医疗保障局（本级） 200,000\.00元 \+ 示例市医疗保险服务中心 150,000\.00元 − 调整表第 1 行 150,000\.00元 = 200,000\.00元\n/,
    );
    const check = runJuesuan('check', output, '--format', 'json');
    assert.equal(check.code, 0, check.stderr);
    assert.equal(JSON.parse(check.stdout).summary.counts.error, 0);
  });

  it('lists a 补助 the two units report differently (H-01) and proposes no line for it', () => {
    const files = unitFiles((pkg, index) => {
      if (index !== 1) return;
      const income = (pkg.facts as { income: Record<string, string> }).income;
      for (const key of Object.keys(income)) if (key.endsWith('source=superior')) income[key] = '140000.00';
    });
    const result = runJuesuan('package', 'consolidate', ...files, '--format', 'json');
    assert.equal(result.code, 0, result.stderr);
    const json = JSON.parse(result.stdout);
    assert.equal(json.output, null);
    assert.deepEqual(json.adjustments, []);
    assert.deepEqual(json.offsets, []);
    assert.deepEqual(
      json.findings.map((f: { rule: string; severity: string }) => [f.rule, f.severity]),
      [['H-01', 'warning']],
    );
  });

  it('refuses units of different years, naming both files', () => {
    const files = unitFiles((pkg, index) => {
      if (index === 1) (pkg.department as { year: number }).year = 2025;
    });
    const result = runJuesuan('package', 'consolidate', ...files);
    assert.equal(result.code, 2);
    assert.match(
      result.stderr,
      /department\.year 为 2025，与 .* 的 2024 不同；汇总的各单位须为同一年度、同一口径/,
    );
  });
});
