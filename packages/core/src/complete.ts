/**
 * Completing totals (补全合计): facts a package leaves out but that are sums by definition — a 类
 * is the sum of its 款, 财政拨款 is 一般公共预算 + 政府性基金 + 国有资本经营, 本年支出合计 is the sum
 * of the five natures, 总计 is 本年合计 + 结转结余, … — are computed from the facts that are there.
 *
 * Only absent facts are filled. A reported total that disagrees with its parts is kept as reported,
 * so the checks can find the disagreement; completing never hides an error. Parts that are absent
 * count as zero (“not reported” means nothing was there to report), so a total is filled as soon as
 * one of its parts is known.
 *
 * Every fill is a sum that holds by definition. Relations that merely usually hold (fund=all ⊇
 * 财政拨款, 机关运行经费 ≤ 公用经费, …) are never used to fill: fund=all also contains non-fiscal
 * money, so it cannot be derived from the fiscal funds.
 */

import type { FactSet } from './fact-set';
import { type Fact, factKey, MEASURES, type Measure, measureOf, parseFactKey } from './facts';
import { formatAmount } from './money';
import type { AmountFormat } from './package';

export interface FilledFact {
  /** Canonical key of the filled fact. */
  key: string;
  value: bigint;
  /** Canonical keys of the facts it was summed from (each reported or filled before it). */
  from: string[];
  /** The definition used, in Chinese, e.g. “类 = Σ款”. */
  rule: string;
}

export interface CompletionResult {
  /** The input facts plus the filled ones (a new set; the input is not changed). */
  facts: FactSet;
  /** What was filled, parts before the totals made from them. */
  filled: FilledFact[];
}

type Dims = Record<string, string>;

/**
 * A total of one measure over values of its own dimensions, the other dimensions carried along:
 * `income source=fiscal func=X = income source=gpb|gfb|socb func=X` for every X.
 */
interface DimensionalRule {
  kind: 'dimensional';
  measure: Measure;
  target: Dims;
  parts: Dims[];
  /** Carried dimensions the rule is restricted to (e.g. only the 决算 column). */
  only?: Dims;
  rule: string;
}

/** A total of fixed facts, possibly of other measures (总计 = 本年收入合计 + …). */
interface FixedRule {
  kind: 'fixed';
  target: string;
  parts: string[];
  rule: string;
}

const FISCAL_FUNDS = ['gpb', 'gfb', 'socb'].map((fund) => ({ fund }));
const FISCAL = '一般公共预算 + 政府性基金 + 国有资本经营';

const DIMENSIONAL_RULES: DimensionalRule[] = [
  {
    kind: 'dimensional',
    measure: 'income',
    target: { source: 'fiscal' },
    parts: ['gpb', 'gfb', 'socb'].map((source) => ({ source })),
    rule: `财政拨款收入 = ${FISCAL}`,
  },
  {
    kind: 'dimensional',
    measure: 'income',
    target: { source: 'total' },
    parts: ['fiscal', 'superior', 'business', 'operating', 'affiliate', 'other'].map((source) => ({
      source,
    })),
    rule: '本年收入合计 = 财政拨款 + 上级补助 + 事业 + 经营 + 附属单位上缴 + 其他收入',
  },
  {
    kind: 'dimensional',
    measure: 'expense',
    target: { fund: 'fiscal' },
    parts: FISCAL_FUNDS,
    rule: `财政拨款支出 = ${FISCAL}`,
  },
  {
    kind: 'dimensional',
    measure: 'expense',
    target: { nature: 'total' },
    parts: ['basic', 'project', 'upper', 'operating', 'subsidy'].map((nature) => ({ nature })),
    rule: '本年支出合计 = 基本 + 项目 + 上缴上级 + 经营 + 对附属单位补助支出',
  },
  {
    kind: 'dimensional',
    measure: 'balance',
    target: { fund: 'fiscal' },
    parts: FISCAL_FUNDS,
    rule: `财政拨款结转和结余 = ${FISCAL}`,
  },
  {
    kind: 'dimensional',
    measure: 'budget',
    target: { fund: 'fiscal' },
    parts: FISCAL_FUNDS,
    rule: `财政拨款预算 = ${FISCAL}`,
  },
  {
    kind: 'dimensional',
    measure: 'threePublic',
    target: { item: 'vehicle' },
    parts: [{ item: 'vehiclePurchase' }, { item: 'vehicleOperation' }],
    rule: '公务用车购置及运行维护费 = 购置费 + 运行维护费',
  },
  {
    kind: 'dimensional',
    measure: 'threePublic',
    target: { item: 'reception' },
    parts: [{ item: 'receptionDomestic' }, { item: 'receptionOverseas' }],
    // The split of 接待费 is printed in the 决算 column only; its budget columns are N/A (T09 L7–L9).
    only: { col: 'actual' },
    rule: '公务接待费 = 国内接待费 + 国（境）外接待费',
  },
  {
    kind: 'dimensional',
    measure: 'threePublic',
    target: { item: 'total' },
    parts: [{ item: 'abroad' }, { item: 'vehicle' }, { item: 'reception' }],
    rule: '“三公”经费 = 因公出国（境）费 + 公务用车购置及运行维护费 + 公务接待费',
  },
  {
    kind: 'dimensional',
    measure: 'asset',
    target: { item: 'vehicles' },
    parts: [
      'vehicleMinister',
      'vehicleHead',
      'vehicleConfidential',
      'vehicleEmergency',
      'vehicleLaw',
      'vehicleSpecial',
      'vehicleRetired',
      'vehicleOther',
    ].map((item) => ({ item })),
    rule: '车辆数合计 = 八类用车之和',
  },
  {
    kind: 'dimensional',
    measure: 'procurement',
    target: { category: 'total' },
    parts: ['goods', 'works', 'services'].map((category) => ({ category })),
    rule: '政府采购支出总额 = 货物 + 工程 + 服务',
  },
];

const FIXED_RULES: FixedRule[] = [
  {
    kind: 'fixed',
    // 人员经费 is defined as 工资福利支出 (301) plus 对个人和家庭的补助 (303) of 一般公共预算财政拨款
    // 基本支出 (docs/disclosure.md#derived, T06-02).
    target: 'basicGroup group=personnel',
    parts: ['basicEcon econ=301', 'basicEcon econ=303'],
    rule: '人员经费 = 工资福利支出 + 对个人和家庭的补助',
  },
  {
    kind: 'fixed',
    // 公用经费 is every other class of 基本支出: 商品和服务 (302), 债务利息及费用 (307), 资本性支出
    // (310), 对企业补助 (312, printed in Jiangxi 2020) and 其他支出 (399)
    // (docs/disclosure.md#derived, T06-03).
    target: 'basicGroup group=public',
    parts: ['302', '307', '310', '312', '399'].map((econ) => `basicEcon econ=${econ}`),
    rule: '公用经费 = 商品和服务 + 债务利息及费用 + 资本性支出 + 对企业补助 + 其他支出',
  },
  {
    kind: 'fixed',
    target: 'grandTotal side=income',
    parts: ['income', 'surplusUsed', 'balance when=opening'],
    rule: '收入总计 = 本年收入合计 + 使用非财政拨款结余 + 年初结转和结余',
  },
  {
    kind: 'fixed',
    target: 'grandTotal side=expense',
    parts: ['expense', 'surplusDistribution', 'balance when=closing'],
    rule: '支出总计 = 本年支出合计 + 结余分配 + 年末结转和结余',
  },
  ...(['fiscal', 'gpb', 'gfb', 'socb'] as const).flatMap((fund): FixedRule[] => {
    const name = fund === 'fiscal' ? '财政拨款' : MEASURES.income.dims.source.values[fund];
    return [
      {
        kind: 'fixed',
        target: `grandTotal side=income fund=${fund}`,
        parts: [`income source=${fund}`, `balance when=opening fund=${fund}`],
        rule: `${name}收入总计 = 本年收入 + 年初结转和结余`,
      },
      {
        kind: 'fixed',
        target: `grandTotal side=expense fund=${fund}`,
        parts: [`expense fund=${fund}`, `balance when=closing fund=${fund}`],
        rule: `${name}支出总计 = 本年支出 + 年末结转和结余`,
      },
    ];
  }),
];

/** Measures whose classification dimension rolls up 项 → 款 → 类 (→ `*` for functional codes). */
const HIERARCHIES: Partial<Record<Measure, 'func' | 'econ'>> = {
  income: 'func',
  balance: 'func',
  expense: 'func',
  budget: 'func',
  basicEcon: 'econ',
  projectEcon: 'econ',
  gpbEcon: 'econ',
};

type Derivation =
  | { kind: 'rule'; rule: DimensionalRule | FixedRule; parts: string[] }
  | { kind: 'hierarchy'; dim: 'func' | 'econ'; level: string };

interface Node {
  fact: Fact;
  /** Derivations that can produce this fact, in order of precedence. */
  derivations: Derivation[];
  /** For the hierarchy derivation: child codes' keys known so far. */
  children?: Set<string>;
}

/**
 * Fills every absent total that is a sum by definition of facts present or filled, to a fixed point
 * (a filled 项 total feeds its 款, which feeds its 类, …). Never overwrites a reported value.
 *
 * When a fact can be derived in more than one way (e.g. `expense func=210 fund=fiscal` as gpb + gfb
 * + socb or as the sum of its 款), the breakdown at the same code is preferred over the hierarchy;
 * on consistent facts the two agree. The result does not depend on the order of the input facts.
 */
export function completeTotals(facts: FactSet): CompletionResult {
  const parsed = new Map<string, Fact>();
  for (const [key] of facts.entries()) {
    const p = parseFactKey(key);
    if (p.ok && p.key === key) parsed.set(key, p.fact);
  }
  const nodes = derivationGraph(parsed);
  const filled = fillTotals(facts, parsed, nodes);
  const result = facts.clone();
  for (const { key, value } of filled) result.set(key, value);
  return { facts: result, filled };
}

/**
 * Every absent fact that is a sum by definition of reported facts (`parsed`, canonical keys) or of
 * other such sums, with the ways it can be derived.
 */
function derivationGraph(parsed: ReadonlyMap<string, Fact>): Map<string, Node> {
  const nodes = new Map<string, Node>();
  const queue: string[] = [];

  const addDerivation = (fact: Fact, key: string, derivation: Derivation): Node | undefined => {
    if (parsed.has(key)) return undefined;
    let node = nodes.get(key);
    if (!node) {
      node = { fact, derivations: [] };
      nodes.set(key, node);
      queue.push(key);
    }
    if (!node.derivations.some((d) => sameDerivation(d, derivation))) node.derivations.push(derivation);
    return node;
  };

  const propagate = (key: string, fact: Fact) => {
    for (const rule of DIMENSIONAL_RULES) {
      if (rule.measure !== fact.measure) continue;
      if (!rule.parts.some((part) => matches(fact.dims, part))) continue;
      const carried = { ...fact.dims, ...rule.target };
      if (rule.only && !matches(carried, rule.only)) continue;
      const target: Fact = { measure: fact.measure, dims: carried };
      const parts = rule.parts.map((part) =>
        factKey({ measure: fact.measure, dims: { ...carried, ...part } }),
      );
      addDerivation(target, factKey(target), { kind: 'rule', rule, parts });
    }
    for (const rule of FIXED_RULES) {
      if (!rule.parts.includes(key)) continue;
      const target = parseFactKey(rule.target);
      if (target.ok) addDerivation(target.fact, target.key, { kind: 'rule', rule, parts: rule.parts });
    }
    const dim = HIERARCHIES[fact.measure];
    const code = dim ? fact.dims[dim] : undefined;
    if (dim && code && code !== '*') {
      const parent = parentOf(code, dim);
      if (parent !== undefined) {
        const target: Fact = { measure: fact.measure, dims: { ...fact.dims, [dim]: parent } };
        const targetKey = factKey(target);
        const node = addDerivation(target, targetKey, {
          kind: 'hierarchy',
          dim,
          level: levelRule(code, dim),
        });
        if (node) {
          node.children ??= new Set();
          node.children.add(key);
        }
      }
    }
  };

  for (const key of [...parsed.keys()].sort()) propagate(key, parsed.get(key)!);
  for (let i = 0; i < queue.length; i++) {
    const key = queue[i]!;
    propagate(key, nodes.get(key)!.fact);
  }
  return nodes;
}

/** The values of the derivable facts, each by the first derivation of its precedence that has parts. */
function fillTotals(
  facts: FactSet,
  parsed: ReadonlyMap<string, Fact>,
  nodes: ReadonlyMap<string, Node>,
): FilledFact[] {
  const known = (key: string) => parsed.has(key) || nodes.has(key);
  const values = new Map<string, bigint>();
  const filled: FilledFact[] = [];
  const valueFor = (key: string): bigint | undefined => {
    const reported = facts.get(key);
    if (reported !== undefined && parsed.has(key)) return reported;
    const done = values.get(key);
    if (done !== undefined) return done;
    const node = nodes.get(key);
    if (!node) return undefined;
    for (const derivation of precedence(node.derivations)) {
      const parts =
        derivation.kind === 'hierarchy' ? [...(node.children ?? [])].sort() : derivation.parts.filter(known);
      if (parts.length === 0) continue;
      let sum = 0n;
      const from: string[] = [];
      for (const part of parts) {
        const value = valueFor(part);
        if (value === undefined) continue;
        sum += value;
        from.push(part);
      }
      if (from.length === 0) continue;
      values.set(key, sum);
      filled.push({
        key,
        value: sum,
        from,
        rule: derivation.kind === 'hierarchy' ? derivation.level : derivation.rule.rule,
      });
      return sum;
    }
    return undefined;
  };
  for (const key of [...nodes.keys()].sort()) valueFor(key);
  return filled;
}

function matches(dims: Dims, pattern: Dims): boolean {
  return Object.entries(pattern).every(([dim, value]) => dims[dim] === value);
}

function sameDerivation(a: Derivation, b: Derivation): boolean {
  if (a.kind === 'hierarchy' || b.kind === 'hierarchy') return a.kind === b.kind;
  return a.rule === b.rule;
}

/** Breakdowns at the same code first, in the order the rules are listed; the hierarchy last. */
function precedence(derivations: Derivation[]): Derivation[] {
  const rank = (d: Derivation) =>
    d.kind === 'hierarchy'
      ? Number.MAX_SAFE_INTEGER
      : d.rule.kind === 'dimensional'
        ? DIMENSIONAL_RULES.indexOf(d.rule)
        : DIMENSIONAL_RULES.length + FIXED_RULES.indexOf(d.rule);
  return [...derivations].sort((a, b) => rank(a) - rank(b));
}

function parentOf(code: string, dim: 'func' | 'econ'): string | undefined {
  if (code.length === 7) return code.slice(0, 5);
  if (code.length === 5) return code.slice(0, 3);
  // Functional 类 add up to 合计 (`*`); economic 类 have no printed total above them.
  if (code.length === 3 && dim === 'func') return '*';
  return undefined;
}

function levelRule(childCode: string, dim: 'func' | 'econ'): string {
  if (childCode.length === 7) return '款 = Σ项';
  if (childCode.length === 5) return dim === 'econ' ? '经济分类类 = Σ款' : '类 = Σ款';
  return '合计 = Σ类';
}

/**
 * One Chinese line per filled fact, e.g.
 * “已补全 expense func=210 = 556.74（类 = Σ款：21011, 21015, 21099）”. Parts that differ from the
 * filled fact in one dimension only are named by that dimension's value.
 */
export function describeFilled(filled: readonly FilledFact[], amounts: AmountFormat): string[] {
  return filled.map(({ key, value, from, rule }) => {
    const measure = measureOf(key);
    const text =
      MEASURES[measure].kind === 'count'
        ? value.toString()
        : formatAmount(value, amounts.unit, { decimals: amounts.decimals });
    return `已补全 ${key} = ${text}（${rule}：${partNames(key, from).join(', ')}）`;
  });
}

function partNames(key: string, from: readonly string[]): string[] {
  const target = parseFactKey(key);
  if (!target.ok) return [...from];
  const parts = from.map((k) => parseFactKey(k));
  let varying: string | undefined;
  for (const part of parts) {
    if (!part.ok || part.fact.measure !== target.fact.measure) return [...from];
    const differing = Object.keys(part.fact.dims).filter((d) => part.fact.dims[d] !== target.fact.dims[d]);
    if (differing.length !== 1 || (varying !== undefined && differing[0] !== varying)) return [...from];
    varying = differing[0];
  }
  return parts.map((p) => (p.ok && varying ? (p.fact.dims[varying] ?? '') : ''));
}
