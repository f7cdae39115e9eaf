import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import {
  checkPackage,
  type DataPackage,
  type Finding,
  parsePackageJson,
  proposeAdjustments,
  sumFactSets,
  writePackage,
} from '@juesuan/core';
import { EXAMPLES_DIR, loadCheckContext, packageReadOptions, readPackageFile } from './files';

const PATH = join(EXAMPLES_DIR, 'two-unit-transfer-2024.json');
const yuan = (text: string) => BigInt(text.replace(/[,.]/g, ''));

/** The parts of the example's JSON the variants below edit. */
interface ExampleJson {
  units: { facts: Record<string, Record<string, string>> }[];
  adjustments?: { amount: string }[];
  explanations?: Record<string, string>;
}

function load(edit: (json: ExampleJson) => void = () => {}): DataPackage {
  const json = JSON.parse(readFileSync(PATH, 'utf8'));
  edit(json);
  const { package: pkg, issues } = parsePackageJson(json, packageReadOptions());
  assert.ok(pkg, JSON.stringify(issues));
  return pkg;
}

function check(pkg: DataPackage) {
  return checkPackage(pkg, loadCheckContext(pkg.department.profile, pkg.department.year));
}

const consolidationFindings = (pkg: DataPackage): Finding[] =>
  check(pkg).findings.filter((f) => f.rule.startsWith('H-'));

/** The centre's 上级补助收入 as reported, in every key that carries it. */
function setCentreSuperior(json: ExampleJson, amount: string): void {
  const income = json.units[1]!.facts.income!;
  for (const key of Object.keys(income)) if (key.endsWith('source=superior')) income[key] = amount;
}

/** The bureau reports no 对附属单位补助支出, and there is no adjustment table. */
function dropBureauSubsidy(json: ExampleJson): void {
  delete json.adjustments;
  const expense = json.units[0]!.facts.expense!;
  for (const key of Object.keys(expense)) if (key.endsWith('nature=subsidy')) expense[key] = '0.00';
}

describe('examples/two-unit-transfer-2024.json: a bureau that passes 150,000.00 元 on to its centre (汇总 with 调整表)', () => {
  const { package: pkg, issues } = readPackageFile(PATH);

  it('loads without issue, its adjustment table being the one proposed from the two units', () => {
    assert.deepEqual(issues, []);
    assert.ok(pkg?.consolidation);
    assert.equal(pkg.consolidated, true);
    assert.equal(pkg.consolidation.proposed, false);
    assert.deepEqual(pkg.consolidation.adjustments, [
      {
        pair: 'subsidy',
        from: 0,
        to: 1,
        amount: yuan('150,000.00'),
        func: '2101506',
        note: '本级对服务中心的医保经办补助',
      },
    ]);
    const { note: _note, ...entry } = pkg.consolidation.adjustments[0]!;
    assert.deepEqual(proposeAdjustments(pkg.units).entries, [entry]);
  });

  it('offsets the transfer on both sides and keeps the 上级补助收入 from outside the department', () => {
    assert.ok(pkg);
    const [bureau, centre] = pkg.units.map((u) => u.facts!);
    const plain = sumFactSets([bureau!, centre!]);
    const f = pkg.facts;
    // 本年收入合计: 4,443,730.00 + 2,530,000.00 summed, less the 150,000.00 补助.
    assert.equal(plain.get('income'), yuan('6,973,730.00'));
    assert.equal(f.get('income'), yuan('6,823,730.00'));
    assert.equal(f.get('expense'), yuan('6,835,730.00'));
    assert.equal(f.get('grandTotal side=income'), yuan('6,878,730.00'));
    assert.equal(f.get('grandTotal side=expense'), yuan('6,878,730.00'));
    // 上级补助收入: the bureau's 200,000.00 from the province stays; the centre's 150,000.00 goes.
    assert.equal(plain.get('income source=superior'), yuan('350,000.00'));
    assert.equal(f.get('income source=superior'), yuan('200,000.00'));
    assert.equal(f.get('income func=2101506 source=superior'), 0n);
    assert.equal(f.get('expense nature=subsidy'), 0n);
    assert.equal(f.get('expense func=2101506'), yuan('2,186,000.00'));
    // 财政拨款 figures never carry the transfer.
    assert.equal(f.get('income source=gpb'), plain.get('income source=gpb'));
    assert.equal(f.get('expense fund=gpb nature=basic'), yuan('5,570,730.00'));
    // Every other figure is the plain sum.
    const changed = [...plain.entries()].filter(([key, value]) => f.get(key) !== value).map(([key]) => key);
    assert.deepEqual(changed.sort(), [
      'expense',
      'expense func=210',
      'expense func=210 nature=subsidy',
      'expense func=21015',
      'expense func=21015 nature=subsidy',
      'expense func=2101506',
      'expense func=2101506 nature=subsidy',
      'expense nature=subsidy',
      'grandTotal side=expense',
      'grandTotal side=income',
      'income',
      'income func=210',
      'income func=210 source=superior',
      'income func=21015',
      'income func=21015 source=superior',
      'income func=2101506',
      'income func=2101506 source=superior',
      'income source=superior',
    ]);
  });

  it('traces each figure to what the units reported and the adjustment lines applied', () => {
    assert.ok(pkg?.consolidation);
    const { trace } = pkg.consolidation;
    assert.deepEqual(trace('income source=superior'), {
      units: [
        { unit: 0, value: yuan('200,000.00') },
        { unit: 1, value: yuan('150,000.00') },
      ],
      adjustments: [{ entry: 0, change: -yuan('150,000.00') }],
    });
    assert.deepEqual(trace('income source=gpb'), {
      units: [
        { unit: 0, value: yuan('4,243,730.00') },
        { unit: 1, value: yuan('2,317,000.00') },
      ],
      adjustments: [],
    });
    for (const [key, value] of pkg.facts.entries()) {
      const { units, adjustments } = trace(key)!;
      const total = [...units.map((u) => u.value), ...adjustments.map((a) => a.change)].reduce(
        (a, b) => a + b,
        0n,
      );
      assert.equal(value, total, key);
    }
    assert.deepEqual(
      [...pkg.consolidation.offsets.keys()].filter((key) => key.includes('superior')),
      [
        'income source=superior',
        'income func=2101506 source=superior',
        'income func=21015 source=superior',
        'income func=210 source=superior',
      ],
    );
  });

  it('passes the same rules as the department without the transfer, with no 汇总 finding', () => {
    assert.ok(pkg);
    const result = check(pkg);
    assert.equal(result.summary.counts.error, 0);
    assert.deepEqual(
      result.findings.filter((f) => f.rule.startsWith('H-')),
      [],
    );
    const { package: plain } = readPackageFile(join(EXAMPLES_DIR, 'two-unit-2024.json'));
    assert.ok(plain);
    const ids = (findings: Finding[]) =>
      findings
        .filter((f) => f.severity !== 'info')
        .map((f) => f.id)
        .sort();
    assert.deepEqual(ids(result.findings), ids(check(plain).findings));
  });

  it('is written canonically, its adjustment table included', () => {
    assert.ok(pkg);
    assert.equal(readFileSync(PATH, 'utf8'), `${JSON.stringify(writePackage(pkg), null, 2)}\n`);
  });
});

describe('the 汇总 findings on the two-unit sample', () => {
  it('H-01 names both units and both figures when the 补助 and the 上级补助收入 disagree, and offsets nothing', () => {
    const pkg = load((json) => {
      delete json.adjustments;
      setCentreSuperior(json, '140000.00');
    });
    assert.equal(pkg.facts.get('expense nature=subsidy'), yuan('150,000.00'));
    const [finding, ...rest] = consolidationFindings(pkg);
    assert.deepEqual(rest, []);
    assert.equal(finding?.id, 'H-01@对附属单位补助/示例市医疗保障局（本级）');
    assert.equal(finding?.severity, 'warning');
    assert.equal(
      finding?.message,
      '汇总时的内部往来（对附属单位补助）双方金额不一致：示例市医疗保障局（本级）填报对附属单位补助支出 150,000.00元；示例市医疗保险服务中心填报上级补助收入 140,000.00元；上级补助收入合计 140,000.00元，与对附属单位补助支出合计 150,000.00元 相差 -10,000.00元。未自动抵销，请核实后在调整表（adjustments）中写明应抵销的金额',
    );
    assert.deepEqual(
      finding?.places.map(
        (p) => p.kind === 'cell' && [p.table, p.row?.label, p.column?.label, p.value?.text, p.address],
      ),
      [
        ['T03', '合计', '对附属单位补助支出', '150,000.00元', '示例市医疗保障局（本级）：对附属单位补助支出'],
        ['T01', '四、上级补助收入', '金额', '140,000.00元', '示例市医疗保险服务中心：上级补助收入'],
      ],
    );
  });

  it('H-02 reports a 上级补助收入 its parent unit does not report paying', () => {
    const pkg = load((json) => {
      dropBureauSubsidy(json);
    });
    const findings = consolidationFindings(pkg);
    assert.deepEqual(
      findings.map((f) => [f.rule, f.message]),
      [
        [
          'H-02',
          '汇总时的内部往来（对附属单位补助）只有一方填报：示例市医疗保险服务中心填报上级补助收入 150,000.00元，而示例市医疗保障局（本级）没有填报对附属单位补助支出，这笔往来无法抵销。若往来对象在本部门以外，请写出错说明；否则请补录对方的数据',
        ],
      ],
    );
    const explained = load((json) => {
      dropBureauSubsidy(json);
      json.explanations = { [findings[0]!.id]: '服务中心的补助来自省医疗保障局' };
    });
    assert.equal(consolidationFindings(explained)[0]?.explained, '服务中心的补助来自省医疗保障局');
  });

  it('H-03 is an error when the adjustment table offsets more than a unit reports', () => {
    const pkg = load((json) => {
      json.adjustments![0]!.amount = '160000.00';
    });
    assert.deepEqual(
      consolidationFindings(pkg).map((f) => [f.rule, f.severity, f.found?.text, f.expected?.text]),
      [
        ['H-03', 'error', '160,000.00元', '150,000.00元'],
        ['H-03', 'error', '160,000.00元', '150,000.00元'],
        ['H-04', 'warning', '160,000.00元', '150,000.00元'],
      ],
    );
    assert.match(
      consolidationFindings(pkg)[1]!.message,
      /抵销示例市医疗保险服务中心的上级补助收入 160,000\.00元，超过该单位填报的 150,000\.00元/,
    );
  });

  it('H-04 warns when a written adjustment table leaves out a transfer both units agree on', () => {
    const pkg = load((json) => {
      json.adjustments = [];
    });
    assert.equal(pkg.facts.get('income source=superior'), yuan('350,000.00'));
    const [finding] = consolidationFindings(pkg);
    assert.equal(finding?.rule, 'H-04');
    assert.equal(
      finding?.message,
      '示例市医疗保障局（本级）与示例市医疗保险服务中心之间的对附属单位补助双方一致为 150,000.00元，调整表（adjustments）抵销了 0.00元；应全额抵销一次，少抵销的部分在汇总数中被重复计算',
    );
  });
});
