import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { Catalog, type CatalogEntry } from './catalog';
import {
  PACKAGE_TEXT_LIMITS,
  packageJsonSchemaDocument,
  parsePackageJson,
  readPackage,
  writePackage,
} from './package';

const catalog = new Catalog(
  (
    [
      ['210', '卫生健康支出', '类'],
      ['21015', '医疗保障管理事务', '款'],
      ['2101501', '行政运行', '项'],
      ['301', '工资福利支出', '类'],
      ['30101', '基本工资', '款'],
    ] as const
  ).map(
    ([code, name, level]): CatalogEntry => ({
      classification: code.startsWith('3') ? 'economic' : 'functional',
      code,
      name,
      level,
      from: 2019,
      to: null,
      verified: true,
      source: 'test',
    }),
  ),
);

function minimal(extra: Record<string, unknown> = {}) {
  return {
    format: 'juesuan.package/1',
    department: { name: '测试局', year: 2024, profile: 'jiangxi-2024' },
    amounts: { unit: '万元', decimals: 2 },
    units: [],
    facts: {
      income: { '': '940.50', 'source=gpb': '940.49' },
      expense: { 'func=2101501 fund=gpb nature=basic': '433.25', 'func=210': '812.03' },
      basicEcon: { 'econ=30101': '150.84' },
      threePublicCount: { 'item=domesticBatches': 10 },
    },
    ...extra,
  };
}

function issuesOf(json: unknown) {
  return parsePackageJson(json, { catalog }).issues;
}

describe('reading a valid package', () => {
  it('keys facts canonically and keeps amounts exact in 分', () => {
    const { package: pkg, issues } = parsePackageJson(minimal(), { catalog });
    assert.deepEqual(issues, []);
    assert.ok(pkg);
    assert.equal(pkg.facts.get('income'), 9_405_000_00n);
    assert.equal(pkg.facts.get('income source=gpb'), 9_404_900_00n);
    assert.equal(pkg.facts.get('expense func=2101501 fund=gpb nature=basic'), 4_332_500_00n);
    assert.equal(pkg.facts.value('expense', { func: '210' }), 8_120_300_00n);
    assert.equal(pkg.facts.get('threePublicCount item=domesticBatches'), 10n);
  });

  it('accepts dimensions in any order and spells the key canonically', () => {
    const json = minimal();
    json.facts.expense = { 'nature=basic fund=gpb func=2101501': '1.00' } as never;
    const { package: pkg } = parsePackageJson(json, { catalog });
    assert.equal(pkg?.facts.get('expense func=2101501 fund=gpb nature=basic'), 1_000_000n);
  });

  it('round-trips JSON → model → JSON losslessly', () => {
    const json = minimal({
      narrative: { duties: ['职责一'], reasons: { 'income.total.yoy': '新增公务员 3 人' } },
      priorYear: { facts: { income: { '': '938.88' } } },
      explanations: { 'T04-10@T04[L28]': '非财政拨款结转' },
      performance: { projects: [{ name: '项目甲' }] },
    });
    const first = parsePackageJson(json, { catalog }).package!;
    const written = writePackage(first);
    assert.deepEqual(JSON.parse(JSON.stringify(written)), { ...json, units: [] });
    const second = parsePackageJson(JSON.parse(JSON.stringify(written)), { catalog }).package!;
    assert.ok(second.facts.equals(first.facts));
    assert.ok(second.priorYear?.equals(first.priorYear!));
    assert.deepEqual(second.performance, first.performance);
  });

  it('reads last year at its own declared precision and writes it back the same way', () => {
    const json = minimal({
      amounts: { unit: '元', decimals: 2 },
      facts: { income: { '': '7504300.00' } },
      priorYear: { amounts: { unit: '万元', decimals: 2 }, facts: { income: { '': '152.48' } } },
    });
    const pkg = parsePackageJson(json, { catalog }).package!;
    assert.deepEqual(pkg.priorAmounts, { unit: '万元', decimals: 2 });
    assert.equal(pkg.priorYear?.get('income'), 152_480_000n);
    assert.deepEqual(
      JSON.parse(JSON.stringify(writePackage(pkg))).priorYear,
      (json as { priorYear?: unknown }).priorYear,
    );
  });

  it('never rounds when writing a value finer than the declared decimals', () => {
    const pkg = parsePackageJson(minimal(), { catalog }).package!;
    pkg.facts.set('operatingCost', 12_345n);
    const written = writePackage(pkg) as { facts: { operatingCost: Record<string, string> } };
    assert.equal(written.facts.operatingCost[''], '0.012345');
  });

  it('sums the units when the department has no facts of its own (汇总)', () => {
    const json = minimal({
      facts: undefined,
      units: [
        { name: '本级', kind: '行政', facts: { income: { '': '100.00' }, operatingCost: { '': '1.00' } } },
        { name: '中心', kind: '事业', facts: { income: { '': '50.25' } } },
      ],
    });
    const pkg = parsePackageJson(json, { catalog }).package!;
    assert.equal(pkg.consolidated, true);
    assert.equal(pkg.facts.get('income'), 150_250_000n);
    assert.equal(pkg.facts.get('operatingCost'), 1_000_000n);
    assert.equal(
      writePackage(pkg).facts,
      undefined,
      'a consolidated package is written without department facts',
    );
  });
});

describe('bad input is refused with a precise Chinese message', () => {
  it('an empty file', () => {
    const { issues, package: pkg } = readPackage(new Uint8Array());
    assert.equal(pkg, undefined);
    assert.match(issues[0]!.message, /文件为空/);
  });

  it('a file that is not UTF-8', () => {
    const gbk = new Uint8Array([0x7b, 0x22, 0xb2, 0xbf, 0xc3, 0xc5, 0x22, 0x7d]);
    const { issues } = readPackage(gbk);
    assert.match(issues[0]!.message, /不是 UTF-8 编码/);
  });

  it('a JSON syntax error, with line and column', () => {
    const { issues } = readPackage('{\n  "format": "juesuan.package/1",\n  "department": }');
    assert.match(issues[0]!.message, /JSON 语法错误/);
  });

  it('a key written twice in one object names both places, and no package is read', () => {
    const text = [
      '{',
      '  "format": "juesuan.package/1",',
      '  "department": { "name": "测试局", "year": 2024, "profile": "jiangxi-2024" },',
      '  "amounts": { "unit": "万元", "decimals": 2 },',
      '  "facts": {',
      '    "income": { "": "940.50", "source=gpb": "940.49", "": "950.50" }',
      '  }',
      '}',
    ].join('\n');
    const { package: pkg, issues } = readPackage(text);
    assert.equal(pkg, undefined);
    assert.deepEqual(issues, [
      {
        severity: 'error',
        path: 'facts.income[""]',
        message:
          '键「」在同一对象中写了两次（第 6 行第 17 列与第 6 行第 55 列）；JSON 只保留后一个，请删去多余的一个',
      },
    ]);
    // The same key in two different objects is no repeat.
    assert.equal(readPackage(JSON.stringify(minimal())).package?.department.name, '测试局');
  });

  it('a profile there is not, or a year its profile does not cover, when the profiles are given', () => {
    const profiles = new Map([
      ['jiangxi-2020', { from: 2019, to: 2023 }],
      ['jiangxi-2024', { from: 2024, to: 2025 }],
    ]);
    const read = (department: Record<string, unknown>) =>
      parsePackageJson(minimal({ department: { name: '测试局', ...department } }), {
        catalog,
        profiles,
      }).issues.filter((i) => i.severity === 'error');
    assert.deepEqual(read({ year: 2024, profile: 'jiangxi-2024' }), []);
    assert.deepEqual(read({ year: 2024, profile: 'zhejiang' }), [
      {
        severity: 'error',
        path: 'department.profile',
        message:
          '没有口径「zhejiang」；可用口径（适用年度）：jiangxi-2020（2019–2023）、jiangxi-2024（2024–2025）',
      },
    ]);
    assert.deepEqual(read({ year: 2022, profile: 'jiangxi-2024' }), [
      {
        severity: 'error',
        path: 'department.year',
        message:
          '口径 jiangxi-2024 适用于 2024–2025 年度，数据包年度为 2022；2022 年度可用口径：jiangxi-2020',
      },
    ]);
    assert.match(read({ year: 2099, profile: 'jiangxi-2024' })[0]!.message, /没有口径适用于 2099 年度/);
  });

  it('a file over the size limit, before parsing', () => {
    const { issues } = readPackage(new Uint8Array(21 * 1024 * 1024));
    assert.match(issues[0]!.message, /文件过大：21\.0 MB/);
  });

  it('wrong types, with the JSON path and the expected form', () => {
    const issues = issuesOf(
      minimal({ department: { name: '测试局', year: '2024', profile: 'jiangxi-2024' } }),
    );
    assert.deepEqual(
      issues.map((i) => [i.path, i.message]),
      [['department.year', '应为数字，实际为文本 "2024"']],
    );
  });

  it('texts over their length limit, naming the limit and the length found', () => {
    const issues = issuesOf(
      minimal({
        department: { name: '局'.repeat(PACKAGE_TEXT_LIMITS.name + 1), year: 2024, profile: 'jiangxi-2024' },
        narrative: { duties: Array.from({ length: PACKAGE_TEXT_LIMITS.paragraphs + 1 }, () => '职责') },
        explanations: { 'T01-02@T01': '因'.repeat(PACKAGE_TEXT_LIMITS.paragraph + 1) },
      }),
    );
    assert.deepEqual(
      issues.map((i) => [i.path, i.message]),
      [
        ['department.name', '不能超过 200 个字符（实际 201 个）'],
        ['narrative.duties', '最多 500 项（实际 501 项）'],
        ['explanations["T01-02@T01"]', '不能超过 10000 个字符（实际 10001 个）'],
      ],
    );
    const atLimit = issuesOf(
      minimal({
        department: { name: '局'.repeat(PACKAGE_TEXT_LIMITS.name), year: 2024, profile: 'jiangxi-2024' },
      }),
    );
    assert.deepEqual(atLimit, []);
  });

  it('report texts of the wrong type say what is accepted', () => {
    const issues = issuesOf(minimal({ performance: { report: { problems: 5, measures: ['一是', 3] } } }));
    assert.deepEqual(
      issues.map((i) => [i.path, i.message]),
      [
        ['performance.report.problems', '应为一段文字或文字数组（如 "……" 或 ["……", "……"]），实际为数字 5'],
        ['performance.report.measures', '应为一段文字或文字数组（如 "……" 或 ["……", "……"]），实际为数组'],
      ],
    );
  });

  it('unknown keys are reported, not dropped', () => {
    const issues = issuesOf(minimal({ depatment: {} }));
    assert.equal(issues.length, 1);
    assert.match(issues[0]!.message, /不认识的键 “depatment”/);
  });

  it('an unknown measure', () => {
    const json = minimal();
    (json.facts as Record<string, unknown>).incme = { '': '1' };
    const issues = issuesOf(json);
    assert.equal(issues[0]!.path, 'facts.incme');
    assert.match(issues[0]!.message, /不认识的度量名/);
  });

  it('an unknown dimension, a bad value and a missing required dimension', () => {
    const json = minimal();
    json.facts.expense = { 'func=210 natur=basic': '1.00', 'nature=other': '1.00' } as never;
    json.facts.basicEcon = { '': '1.00' } as never;
    const messages = issuesOf(json).map((i) => `${i.path} ${i.message}`);
    assert.equal(messages.length, 3);
    assert.match(messages[0]!, /^facts\.expense\["func=210 natur=basic"\] expense 没有维度 “natur”/);
    assert.match(messages[1]!, /支出性质（nature）不能取 “other”/);
    assert.match(messages[2]!, /缺少必填维度 “econ”/);
  });

  it('malformed classification codes are errors', () => {
    const json = minimal();
    json.facts.expense = { 'func=21O': '1.00', 'func=2101': '1.00' } as never;
    const issues = issuesOf(json);
    assert.equal(issues.length, 2);
    for (const issue of issues) assert.match(issue.message, /代码应为 3、5 或 7 位数字/);
  });

  it('codes unknown to the year’s catalog are warnings, not errors', () => {
    const json = minimal();
    json.facts.expense = { 'func=2101599': '1.00' } as never;
    const { issues, package: pkg } = parsePackageJson(json, { catalog });
    assert.ok(pkg, 'the package is still read');
    assert.equal(issues.length, 1);
    assert.equal(issues[0]!.severity, 'warning');
    assert.match(issues[0]!.message, /2101599 不在 2024 年支出功能分类科目中/);
  });

  it('too many decimals, never silently rounded', () => {
    const json = minimal();
    json.facts.income = { '': '940.505' } as never;
    const issues = issuesOf(json);
    assert.match(issues[0]!.message, /3 位小数，万元金额最多 2 位；不做自动舍入/);
  });

  it('the same fact written twice under two spellings', () => {
    const json = minimal();
    json.facts.expense = { 'func=210 fund=gpb': '1.00', 'fund=gpb func=210': '2.00' } as never;
    assert.match(issuesOf(json)[0]!.message, /是同一个事实/);
  });

  it('counts must be whole numbers', () => {
    const json = minimal();
    json.facts.threePublicCount = { 'item=domesticBatches': 2.5 } as never;
    assert.match(issuesOf(json)[0]!.message, /数量应为非负整数/);
  });

  it('a package without any facts', () => {
    const issues = issuesOf(minimal({ facts: undefined }));
    assert.match(issues[0]!.message, /数据包没有任何数据/);
  });
});

describe('published JSON Schema', () => {
  it('is derived from the zod model and describes the document', () => {
    const schema = packageJsonSchemaDocument() as { properties: Record<string, unknown>; required: string[] };
    assert.deepEqual(schema.required.sort(), ['amounts', 'department', 'format']);
    assert.ok(schema.properties.facts);
  });
});
