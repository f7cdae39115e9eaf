import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { Catalog, type CatalogEntry, levelOf, parentCode } from '../catalog';
import { completeTotals } from '../complete';
import type { FactSet } from '../fact-set';
import { keyOf, measureOf, parseFactKey } from '../facts';
import { readPackage, sumFactSets, writePackage } from '../package';
import { generatePackage, generatePackages, mulberry32 } from './synthetic';

/** code, name[, from, verified]: a small catalog in the shape of catalogs/*.tsv. */
const CODES: [string, string, number?, boolean?][] = [
  ['201', '一般公共服务支出'],
  ['20139', '社会工作事务', 2024],
  ['2013901', '行政运行', 2024],
  ['2013999', '其他社会工作事务支出', 2024],
  ['208', '社会保障和就业支出'],
  ['20805', '行政事业单位养老支出'],
  ['2080501', '行政单位离退休'],
  ['2080502', '事业单位离退休'],
  ['2080505', '机关事业单位基本养老保险缴费支出'],
  ['2080506', '机关事业单位职业年金缴费支出'],
  ['2080599', '其他行政事业单位养老支出'],
  ['210', '卫生健康支出'],
  ['21011', '行政事业单位医疗'],
  ['2101101', '行政单位医疗'],
  ['2101102', '事业单位医疗'],
  ['2101199', '其他行政事业单位医疗支出'],
  ['21015', '医疗保障管理事务'],
  ['2101501', '行政运行'],
  ['2101502', '一般行政管理事务', 2019, false],
  ['2101506', '医疗保障经办事务'],
  ['2101599', '其他医疗保障管理事务支出'],
  ['21099', '其他卫生健康支出'],
  ['2109999', '其他卫生健康支出'],
  ['212', '城乡社区支出'],
  ['21201', '城乡社区管理事务'],
  ['2120101', '行政运行'],
  ['2120102', '一般行政管理事务'],
  ['221', '住房保障支出'],
  ['22102', '住房改革支出'],
  ['2210201', '住房公积金'],
  ['2210203', '购房补贴'],
  ['301', '工资福利支出'],
  ...([
    ['30101', '基本工资'],
    ['30102', '津贴补贴'],
    ['30103', '奖金'],
    ['30107', '绩效工资'],
    ['30108', '机关事业单位基本养老保险缴费'],
    ['30109', '职业年金缴费'],
    ['30110', '职工基本医疗保险缴费'],
    ['30112', '其他社会保障缴费'],
    ['30113', '住房公积金'],
    ['30199', '其他工资福利支出'],
    ['302', '商品和服务支出'],
    ['30201', '办公费'],
    ['30206', '电费'],
    ['30207', '邮电费'],
    ['30211', '差旅费'],
    ['30212', '因公出国（境）费用'],
    ['30216', '培训费'],
    ['30217', '公务接待费'],
    ['30228', '工会经费'],
    ['30229', '福利费'],
    ['30231', '公务用车运行维护费'],
    ['30239', '其他交通费用'],
    ['30299', '其他商品和服务支出'],
    ['303', '对个人和家庭的补助'],
    ['30302', '退休费'],
    ['30305', '生活补助'],
    ['30399', '其他对个人和家庭的补助'],
    ['310', '资本性支出'],
    ['31002', '办公设备购置'],
    ['31007', '信息网络及软件购置更新'],
    ['31013', '公务用车购置'],
    ['399', '其他支出'],
    ['39999', '其他支出'],
  ] as [string, string][]),
];

const catalog = new Catalog(
  CODES.map(
    ([code, name, from = 2019, verified = true]): CatalogEntry => ({
      classification: code.startsWith('2') ? 'functional' : 'economic',
      code,
      name,
      level: levelOf(code)!,
      from,
      to: null,
      verified,
      source: 'test',
    }),
  ),
);

const VERIFIED_ITEMS_2024 = CODES.filter(
  ([c, , , ok = true]) => c.startsWith('2') && c.length === 7 && ok,
).map(([c]) => c);

const v = (facts: FactSet, key: string) => facts.get(key) ?? 0n;
const sum = (facts: FactSet, keys: readonly string[]) => keys.reduce((s, k) => s + v(facts, k), 0n);

/**
 * Every identity of the disclosure that the facts of a department-year must satisfy exactly, checked
 * from the facts themselves (not through completeTotals). Returns the violations.
 */
function violations(facts: FactSet): string[] {
  const found: string[] = [];
  const eq = (id: string, left: bigint, right: bigint) => {
    if (left !== right) found.push(`${id}: ${left} ≠ ${right}`);
  };
  const le = (id: string, left: bigint, right: bigint) => {
    if (left > right) found.push(`${id}: ${left} > ${right}`);
  };
  const iff = (id: string, a: boolean, b: boolean) => {
    if (a !== b) found.push(`${id}: ${a} vs ${b}`);
  };
  const SOURCES = ['gpb', 'gfb', 'socb', 'superior', 'business', 'operating', 'affiliate', 'other'];
  // T01
  eq(
    'T01-01',
    v(facts, 'income'),
    sum(
      facts,
      SOURCES.map((s) => `income source=${s}`),
    ),
  );
  const l31 = v(facts, 'grandTotal side=income');
  eq('T01-02', l31, sum(facts, ['income', 'surplusUsed', 'balance when=opening']));
  const classKeys = [...facts.keys()].filter((k) => /^expense func=\d{3}$/.test(k));
  eq('T01-03', v(facts, 'expense'), sum(facts, classKeys));
  const l62 = v(facts, 'grandTotal side=expense');
  eq('T01-04', l62, sum(facts, ['expense', 'surplusDistribution', 'balance when=closing']));
  eq('T01-05', l31, l62);
  assert.ok(l31 > 0n, '总计 is reported');

  // Per row (every code and 合计): sources, funds, natures.
  const groups = new Map<string, Map<string, bigint>>();
  for (const [key, value] of facts.entries()) {
    const parsed = parseFactKey(key);
    assert.ok(parsed.ok && parsed.key === key, `canonical key ${key}`);
    if (value < 0n) found.push(`negative ${key}`);
    const { measure, dims } = parsed.fact;
    for (const dim of ['source', 'fund', 'nature', 'func', 'econ']) {
      if (dims[dim] === undefined) continue;
      const rest = Object.entries(dims)
        .filter(([d]) => d !== dim)
        .map(([d, x]) => `${d}=${x}`)
        .join(' ');
      const id = `${measure}|${dim}|${rest}`;
      const group = groups.get(id) ?? new Map<string, bigint>();
      group.set(dims[dim]!, value);
      groups.set(id, group);
    }
  }
  for (const [id, group] of groups) {
    const [measure, dim] = id.split('|');
    const g = (x: string) => group.get(x) ?? 0n;
    const any = (xs: string[]) => xs.some((x) => group.has(x));
    const fiscal = ['gpb', 'gfb', 'socb'];
    if (measure === 'income' && dim === 'source') {
      if (any(fiscal))
        eq(
          `T02 fiscal ${id}`,
          g('fiscal'),
          fiscal.map(g).reduce((a, b) => a + b),
        );
      eq(
        `T02-01 ${id}`,
        g('total'),
        ['fiscal', ...SOURCES.slice(3)].map(g).reduce((a, b) => a + b),
      );
    }
    if (measure === 'expense' && dim === 'nature') {
      const natures = ['basic', 'project', 'upper', 'operating', 'subsidy'];
      if (any(natures))
        eq(
          `T03-01 ${id}`,
          g('total'),
          natures.map(g).reduce((a, b) => a + b),
        );
      if (id.includes('fund=gpb')) eq(`T05-01 ${id}`, g('total'), g('basic') + g('project'));
    }
    if ((measure === 'expense' || measure === 'balance') && dim === 'fund' && any(fiscal)) {
      eq(
        `T04-04 ${id}`,
        g('fiscal'),
        fiscal.map(g).reduce((a, b) => a + b),
      );
      // fund=all balances are reported for the department as a whole only (T01 L29, L60).
      if (measure === 'expense' || id.includes('func=*')) le(`T04-10 ${id}`, g('fiscal'), g('all'));
    }
    if (dim === 'func' || dim === 'econ') {
      // 类 = Σ款 = Σ项, 合计 = Σ类, every code under its parent.
      for (const [code, value] of group) {
        const parent = code === '*' ? undefined : (parentCode(code) ?? (dim === 'func' ? '*' : undefined));
        if (parent !== undefined && !group.has(parent)) found.push(`no parent ${parent} of ${code} in ${id}`);
        const children = [...group.keys()].filter(
          (c) => c !== '*' && (parentCode(c) ?? (dim === 'func' ? '*' : undefined)) === code,
        );
        if (children.length)
          eq(
            `hierarchy ${id} ${code}`,
            value,
            children.map(g).reduce((a, b) => a + b),
          );
      }
    }
  }

  // T04: per fund, totals and roll-forward.
  for (const fund of ['fiscal', 'gpb', 'gfb', 'socb']) {
    const source = v(facts, `income source=${fund}`);
    const opening = v(facts, `balance when=opening fund=${fund}`);
    const spent = v(facts, `expense fund=${fund}`);
    const closing = v(facts, `balance when=closing fund=${fund}`);
    eq(`T04-06 ${fund}`, v(facts, `grandTotal side=expense fund=${fund}`), spent + closing);
    eq(`T04-03 ${fund}`, v(facts, `grandTotal side=income fund=${fund}`), source + opening);
    eq(`T04-08 ${fund}`, closing, opening + source - spent);
  }
  eq(
    'T04-07',
    v(facts, 'grandTotal side=income fund=fiscal'),
    v(facts, 'grandTotal side=expense fund=fiscal'),
  );

  // T05 × T06
  const personnel = v(facts, 'basicGroup group=personnel');
  const publicTotal = v(facts, 'basicGroup group=public');
  eq('T05-03', v(facts, 'expense fund=gpb nature=basic'), personnel + publicTotal);
  eq('T06-02', personnel, sum(facts, ['basicEcon econ=301', 'basicEcon econ=303']));
  eq(
    'T06-03',
    publicTotal,
    sum(
      facts,
      ['302', '307', '310', '312', '399'].map((c) => `basicEcon econ=${c}`),
    ),
  );
  le('N-08', v(facts, 'operatingCost'), publicTotal);
  // T09-07: the 三公 款 of 基本支出 stay within the 三公 决算.
  le('T09-07 30212', v(facts, 'basicEcon econ=30212'), v(facts, 'threePublic item=abroad'));
  le('T09-07 30217', v(facts, 'basicEcon econ=30217'), v(facts, 'threePublic item=reception'));
  le('T09-07 30231', v(facts, 'basicEcon econ=30231'), v(facts, 'threePublic item=vehicleOperation'));
  le('T09-07 31013', v(facts, 'basicEcon econ=31013'), v(facts, 'threePublic item=vehiclePurchase'));

  // T09
  for (const col of ['initialBudget', 'finalBudget', 'actual']) {
    const k = (item: string) => keyOf('threePublic', { item, col });
    eq(`T09-01 ${col}`, v(facts, k('total')), sum(facts, [k('abroad'), k('vehicle'), k('reception')]));
    eq(`T09-02 ${col}`, v(facts, k('vehicle')), sum(facts, [k('vehiclePurchase'), k('vehicleOperation')]));
  }
  const tp = (item: string) => v(facts, keyOf('threePublic', { item }));
  const n = (item: string) => v(facts, `threePublicCount item=${item}`);
  eq('T09-03', tp('reception'), tp('receptionDomestic') + tp('receptionOverseas'));
  le('T09-03 其中外事', tp('receptionForeign'), tp('receptionDomestic'));
  le('T09-04 批次', n('foreignBatches'), n('domesticBatches'));
  le('T09-04 人次', n('foreignPersons'), n('domesticPersons'));
  iff('T09-05 出国团组', tp('abroad') > 0n, n('abroadGroups') > 0n);
  iff('T09-05 出国人次', tp('abroad') > 0n, n('abroadPersons') > 0n);
  iff('T09-05 购置', tp('vehiclePurchase') > 0n, n('vehiclesPurchased') > 0n);
  iff('T09-05 保有', tp('vehicleOperation') > 0n, n('vehiclesHeld') > 0n);
  iff('T09-05 国内批次', tp('receptionDomestic') > 0n, n('domesticBatches') > 0n);
  iff('T09-05 国内人次', tp('receptionDomestic') > 0n, n('domesticPersons') > 0n);
  iff('T09-05 外事', tp('receptionForeign') > 0n, n('foreignBatches') > 0n);
  iff('T09-05 境外', tp('receptionOverseas') > 0n, n('overseasBatches') > 0n && n('overseasPersons') > 0n);

  // T10 and 政府采购
  const vehicleItems = [
    'Minister',
    'Head',
    'Confidential',
    'Emergency',
    'Law',
    'Special',
    'Retired',
    'Other',
  ];
  eq(
    'T10-01',
    v(facts, 'asset item=vehicles'),
    sum(
      facts,
      vehicleItems.map((i) => `asset item=vehicle${i}`),
    ),
  );
  le('T09-08', n('vehiclesHeld'), v(facts, 'asset item=vehicles'));
  for (const awardee of ['', ' awardee=sme', ' awardee=micro']) {
    eq(
      `N-09${awardee}`,
      v(facts, `procurement${awardee}`),
      sum(
        facts,
        ['goods', 'works', 'services'].map((c) => `procurement category=${c}${awardee}`),
      ),
    );
  }
  for (const c of ['', ' category=goods', ' category=works', ' category=services']) {
    le(`N-09 sme${c}`, v(facts, `procurement${c} awardee=sme`), v(facts, `procurement${c}`));
    le(`N-09 micro${c}`, v(facts, `procurement${c} awardee=micro`), v(facts, `procurement${c} awardee=sme`));
  }
  return found;
}

function json(pkg: ReturnType<typeof generatePackage>): string {
  return `${JSON.stringify(writePackage(pkg), null, 2)}\n`;
}

describe('mulberry32', () => {
  it('is a deterministic stream in [0, 1)', () => {
    const a = mulberry32(42);
    const b = mulberry32(42);
    const xs = Array.from({ length: 1000 }, () => a());
    assert.deepEqual(
      xs,
      Array.from({ length: 1000 }, () => b()),
    );
    assert.ok(xs.every((x) => x >= 0 && x < 1));
    assert.ok(Math.abs(xs.reduce((s, x) => s + x, 0) / xs.length - 0.5) < 0.05);
  });
});

describe('generatePackage: determinism', () => {
  it('the same seed and index give the identical package', () => {
    assert.equal(json(generatePackage({ seed: 7, catalog })), json(generatePackage({ seed: 7, catalog })));
    assert.equal(
      json(generatePackage({ seed: 7, index: 3, units: 3, catalog })),
      json(generatePackage({ seed: 7, index: 3, units: 3, catalog })),
    );
  });

  it('different seeds or indexes give different packages', () => {
    const texts = new Set(
      [{ seed: 1 }, { seed: 2 }, { seed: 1, index: 1 }, { seed: 1, index: 2 }].map((o) =>
        json(generatePackage({ ...o, catalog })),
      ),
    );
    assert.equal(texts.size, 4);
  });
});

describe('generatePackage: 50 packages satisfy every identity exactly', () => {
  const packages = [...generatePackages(50, 20240, catalog)];

  it('this year and last year, department and every unit', () => {
    for (const [i, pkg] of packages.entries()) {
      const sets: [string, FactSet][] = [
        ['facts', pkg.facts],
        ['priorYear', pkg.priorYear!],
        ...pkg.units.flatMap((u, j): [string, FactSet][] => (u.facts ? [[`units[${j}]`, u.facts]] : [])),
      ];
      for (const [where, facts] of sets) assert.deepEqual(violations(facts), [], `package ${i} ${where}`);
    }
  });

  it('every total is already there: completing again fills nothing', () => {
    for (const pkg of packages) {
      assert.deepEqual(completeTotals(pkg.facts).filled, []);
      assert.deepEqual(completeTotals(pkg.priorYear!).filled, []);
    }
  });

  it('writePackage → readPackage is lossless and raises no issue', () => {
    for (const pkg of packages) {
      const text = json(pkg);
      const back = readPackage(text, { catalog });
      assert.deepEqual(back.issues, []);
      assert.ok(back.package);
      assert.ok(back.package.facts.equals(pkg.facts));
      assert.ok(back.package.priorYear?.equals(pkg.priorYear!));
      assert.equal(back.package.consolidated, pkg.consolidated);
      pkg.units.forEach((u, j) => {
        assert.equal(back.package!.units[j]!.facts?.equals(u.facts!) ?? u.facts === undefined, true);
      });
      assert.equal(json(back.package), text);
    }
  });

  it('a package of several units is their sum (汇总); a single unit carries no facts of its own', () => {
    const sizes = new Set<number>();
    for (const pkg of packages) {
      sizes.add(pkg.units.length);
      assert.equal(pkg.consolidated, pkg.units.length > 1);
      if (pkg.units.length > 1) {
        const unitFacts = pkg.units.map((u) => u.facts!);
        assert.ok(pkg.facts.equals(sumFactSets(unitFacts)));
        assert.equal(pkg.units[0]!.kind === '行政' || pkg.units[0]!.kind === '参公', true);
        assert.ok(pkg.units.slice(1).every((u) => u.kind === '事业'));
      } else {
        assert.equal(pkg.units[0]!.facts, undefined);
      }
    }
    assert.deepEqual([...sizes].sort(), [1, 2, 3], 'the default mixes single and multi-unit departments');
  });

  it('balances carry over: this year’s opening is last year’s closing, per fund', () => {
    for (const pkg of packages) {
      for (const fund of ['', ' fund=fiscal', ' fund=gpb', ' fund=gfb', ' fund=socb']) {
        assert.equal(
          v(pkg.facts, `balance when=opening${fund}`),
          v(pkg.priorYear!, `balance when=closing${fund}`),
          `Y-01${fund}`,
        );
      }
    }
  });

  it('looks like a real department: 3–12 项, mostly 一般公共预算, 三公 within budget as a rule', () => {
    let gpbMajority = 0;
    let withinBudget = 0;
    let items = 0;
    for (const pkg of packages) {
      const codes = [...pkg.facts.keys()].filter((k) => /^expense func=\d{7}$/.test(k));
      assert.ok(codes.length >= 3 && codes.length <= 12, `${codes.length} 项`);
      // Codes new this year have no prior-year figure; compare the codes of both years.
      const both = codes.filter((k) => pkg.priorYear!.has(k));
      const expense = sum(pkg.facts, both);
      const prior = sum(pkg.priorYear!, both);
      assert.ok(prior * 10n >= expense * 7n && prior * 10n <= expense * 13n, 'last year within ±30%');
      if (v(pkg.facts, 'income source=gpb') * 2n > v(pkg.facts, 'income')) gpbMajority++;
      for (const item of ['abroad', 'vehiclePurchase', 'vehicleOperation', 'reception']) {
        const actual = v(pkg.facts, `threePublic item=${item}`);
        if (actual === 0n) continue;
        items++;
        if (actual <= v(pkg.facts, `threePublic item=${item} col=finalBudget`)) withinBudget++;
      }
      assert.ok(v(pkg.facts, 'basicGroup group=personnel') > v(pkg.facts, 'basicGroup group=public'));
      assert.ok(v(pkg.facts, 'expense') > 1_000_000_00n, 'at least a million 元');
    }
    assert.ok(gpbMajority >= 45, `${gpbMajority}/50 mostly 一般公共预算`);
    assert.ok(withinBudget >= items * 0.8 && withinBudget < items, `${withinBudget}/${items} within budget`);
  });
});

describe('generatePackage: codes', () => {
  it('uses only verified codes in force for the year, last year only codes in force last year', () => {
    for (const pkg of generatePackages(20, 5, catalog, { codes: 'all' })) {
      const used = new Set<string>();
      for (const key of pkg.facts.keys()) {
        const parsed = parseFactKey(key);
        if (parsed.ok && parsed.fact.dims.func?.length === 7) used.add(parsed.fact.dims.func);
      }
      assert.deepEqual([...used].sort(), [...VERIFIED_ITEMS_2024].sort(), 'codes: all');
      for (const key of pkg.priorYear!.keys()) assert.ok(!key.includes('20139'), `${key} is new in 2024`);
      const econ = [...pkg.facts.keys()].filter((k) => measureOf(k) === 'basicEcon');
      for (const key of econ) {
        const code = key.slice('basicEcon econ='.length);
        assert.ok(catalog.lookup('economic', code, 2024), `${code} from the catalog`);
      }
    }
  });

  it('takes as many 项 as asked, with the agency’s own 类 and the common ones', () => {
    const pkg = generatePackage({ seed: 11, catalog, codes: 5, units: 1 });
    const codes = [...pkg.facts.keys()].filter((k) => /^expense func=\d{7}$/.test(k));
    assert.equal(codes.length, 5);
  });

  it('refuses a catalog without any verified 项 for the year', () => {
    const empty = new Catalog([]);
    assert.throws(() => generatePackage({ seed: 1, catalog: empty }), /没有 2024 年有效且已核实的项级/);
  });

  it('generatePackages makes packages one at a time', () => {
    const series = generatePackages(1_000_000, 3, catalog);
    const first = series.next();
    assert.equal(first.done, false);
    assert.equal(json(first.value!), json(generatePackage({ seed: 3, index: 0, catalog })));
  });
});

describe('generatePackage: Sichuan’s detail (projectsByEconomic, threePublicByFund)', () => {
  const extras = { projectsByEconomic: true, threePublicByFund: true };
  const pairs = Array.from({ length: 30 }, (_, index) => ({
    plain: generatePackage({ seed: 2023, index, catalog }),
    detailed: generatePackage({ seed: 2023, index, catalog, ...extras }),
  }));
  const isExtra = (key: string) => {
    const parsed = parseFactKey(key);
    assert.ok(parsed.ok);
    const { measure, dims } = parsed.fact;
    return (
      measure === 'projectEcon' || measure === 'gpbEcon' || (measure === 'threePublic' && dims.fund === 'gfb')
    );
  };
  const sum = (facts: FactSet, keys: string[]) => keys.reduce((a, k) => a + (facts.get(k) ?? 0n), 0n);

  it('leaves every other fact as it is without them, and adds none unasked', () => {
    for (const { plain, detailed } of pairs) {
      for (const [without, withExtras] of [
        [plain.facts, detailed.facts],
        [plain.priorYear!, detailed.priorYear!],
      ] as const) {
        assert.deepEqual([...without.keys()].filter(isExtra), []);
        assert.deepEqual(
          new Map([...withExtras.entries()].filter(([key]) => !isExtra(key))),
          new Map(without.entries()),
        );
      }
    }
  });

  it('satisfies every identity exactly, with nothing left to complete', () => {
    for (const [i, { detailed }] of pairs.entries()) {
      for (const facts of [detailed.facts, detailed.priorYear!]) {
        assert.deepEqual(violations(facts), [], `package ${i}`);
        assert.deepEqual(completeTotals(facts).filled, [], `package ${i}`);
      }
    }
  });

  it('splits 项目支出 by 款 exactly and totals each 款 as 基本 + 项目', () => {
    let withProjects = 0;
    for (const { detailed } of pairs) {
      const facts = detailed.facts;
      const classes = (measure: 'projectEcon' | 'gpbEcon' | 'basicEcon') =>
        [...facts.facts(measure)]
          .filter(({ fact }) => fact.dims.econ!.length === 3)
          .map(({ fact }) => keyOf(measure, fact.dims));
      const project = facts.get(keyOf('expense', { fund: 'gpb', nature: 'project' })) ?? 0n;
      assert.equal(sum(facts, classes('projectEcon')), project);
      assert.equal(sum(facts, classes('gpbEcon')), facts.get(keyOf('expense', { fund: 'gpb' })) ?? 0n);
      for (const { fact, value } of facts.facts('gpbEcon')) {
        const econ = fact.dims.econ!;
        assert.equal(value, sum(facts, [keyOf('basicEcon', { econ }), keyOf('projectEcon', { econ })]), econ);
      }
      if (project > 0n) withProjects++;
    }
    assert.ok(withProjects >= 10, `只有 ${withProjects} 套有项目支出`);
  });

  it('keeps 政府性基金 三公 within 政府性基金 spending, and some departments have it', () => {
    let withFundThreePublic = 0;
    for (const { detailed } of pairs) {
      const facts = detailed.facts;
      const spent = facts.get(keyOf('threePublic', { fund: 'gfb' }));
      assert.notEqual(spent, undefined);
      assert.ok(spent! <= (facts.get(keyOf('expense', { fund: 'gfb' })) ?? 0n));
      if (spent! > 0n) withFundThreePublic++;
    }
    assert.ok(withFundThreePublic >= 1, '没有一套有政府性基金“三公”经费');
  });
});
