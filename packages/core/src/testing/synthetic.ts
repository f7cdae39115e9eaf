/**
 * Synthetic data packages for tests, demos and benchmarks: seeded, realistic in shape and size, and
 * internally consistent. Only leaf facts are generated (项-level spending by fund and nature,
 * economic 款, 三公 items, …); `completeTotals` then fills every total, so every definitional
 * identity of the disclosure holds exactly, and the balances roll forward per fund by construction
 * (closing = opening + income − expense, never negative).
 *
 * Amounts are 元 with 2 decimals, i.e. whole 分, so nothing is ever rounded on the way to a file.
 * The same options always give the same package: randomness comes from a seeded mulberry32, never
 * from Math.random.
 */
import type { Catalog, CatalogEntry } from '../catalog';
import { completeTotals } from '../complete';
import { FactSet } from '../fact-set';
import { keyOf, type Measure, VEHICLE_KINDS, type VehicleKind } from '../facts';
import { type DataPackage, sumFactSets, type Unit, type UnitKind } from '../package';

export interface GenerateOptions {
  seed: number;
  /** Position in a series: packages of one seed and different indexes differ. */
  index?: number;
  /** Number of units (1 = a department reporting as one unit); random 1–3 when absent. */
  units?: number;
  catalog: Catalog;
  /** Report year; 2024 by default. */
  year?: number;
  /** Profile id; `jiangxi-<year>` by default. */
  profile?: string;
  /** Number of functional 项 codes, or 'all' for every verified 项 in force; random 3–12 by default. */
  codes?: number | 'all';
  /**
   * Also 一般公共预算财政拨款项目支出 by economic 款 (`projectEcon`) and the 款 totals of basic plus
   * project (`gpbEcon`), which Sichuan's 项目支出决算表 and 支出决算明细表 print. Drawn from a stream
   * of their own, so every other fact is the same with or without them.
   */
  projectsByEconomic?: boolean;
  /** Also the 政府性基金 part of 三公 (`threePublic fund=gfb`), which Sichuan prints as a table of its own. */
  threePublicByFund?: boolean;
}

/** The detail the sichuan profile's tables print beyond the national ones: give it to every Sichuan package. */
export const SICHUAN_DETAIL = { projectsByEconomic: true, threePublicByFund: true } as const;

/** A small seeded PRNG (mulberry32): fast, 32-bit state, good enough for test data. */
export function mulberry32(seed: number): () => number {
  let state = seed | 0;
  return () => {
    state = (state + 0x6d2b79f5) | 0;
    let t = Math.imul(state ^ (state >>> 15), 1 | state);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Mixes numbers into one 32-bit seed, so (seed, index, stream) triples give unrelated streams. */
function mixSeed(...parts: number[]): number {
  let h = 0x811c9dc5;
  for (const part of parts) {
    h = Math.imul(h ^ (part | 0), 0x01000193);
    h ^= h >>> 15;
    h = Math.imul(h, 0x2c1b3c6d);
    h ^= h >>> 12;
  }
  return h | 0;
}

class Random {
  private readonly next: () => number;
  constructor(seed: number) {
    this.next = mulberry32(seed);
  }
  float(): number {
    return this.next();
  }
  uniform(lo: number, hi: number): number {
    return lo + (hi - lo) * this.next();
  }
  /** An integer in [lo, hi]. */
  int(lo: number, hi: number): number {
    return lo + Math.floor(this.next() * (hi - lo + 1));
  }
  chance(p: number): boolean {
    return this.next() < p;
  }
  logUniform(lo: number, hi: number): number {
    return Math.exp(this.uniform(Math.log(lo), Math.log(hi)));
  }
  pick<T>(items: readonly T[]): T {
    const item = items[Math.floor(this.next() * items.length)];
    if (item === undefined) throw new Error('pick from an empty list');
    return item;
  }
  shuffle<T>(items: readonly T[]): T[] {
    const copy = [...items];
    for (let i = copy.length - 1; i > 0; i--) {
      const j = Math.floor(this.next() * (i + 1));
      [copy[i], copy[j]] = [copy[j]!, copy[i]!];
    }
    return copy;
  }
}

/** 元 → 分. */
const yuan = (amount: number): bigint => BigInt(Math.round(amount * 100));
const times = (fen: bigint, factor: number): bigint => BigInt(Math.round(Number(fen) * factor));
const min = (a: bigint, b: bigint): bigint => (a < b ? a : b);

/** Splits `total` into parts proportional to `weights` that add up to `total` exactly. */
function split(total: bigint, weights: readonly number[]): bigint[] {
  const scaled = weights.map((w) => BigInt(Math.max(0, Math.round(w * 1e6))));
  const sum = scaled.reduce((a, b) => a + b, 0n);
  if (sum === 0n) return weights.map((_, i) => (i === 0 ? total : 0n));
  const parts = scaled.map((w) => (total * w) / sum);
  let rest = total - parts.reduce((a, b) => a + b, 0n);
  const order = scaled
    .map((w, i) => ({ i, remainder: (total * w) % sum }))
    .sort((a, b) => (a.remainder === b.remainder ? a.i - b.i : a.remainder > b.remainder ? -1 : 1));
  for (let k = 0; rest > 0n; k = (k + 1) % order.length, rest -= 1n) parts[order[k]!.i]! += 1n;
  return parts;
}

const REGIONS = [
  '南昌市',
  '九江市',
  '赣州市',
  '上饶市',
  '宜春市',
  '吉安市',
  '抚州市',
  '景德镇市',
  '萍乡市',
  '新余市',
];

/** Agencies with the 类 their own business is classified under and a typical 事业 unit. */
const AGENCIES: { name: string; class: string; centres: string[] }[] = [
  { name: '医疗保障局', class: '210', centres: ['医疗保险服务中心', '医疗保障信息中心'] },
  { name: '卫生健康委员会', class: '210', centres: ['卫生健康综合监督执法局', '疾病预防控制中心'] },
  { name: '人力资源和社会保障局', class: '208', centres: ['社会保险服务中心', '就业创业服务中心'] },
  { name: '退役军人事务局', class: '208', centres: ['退役军人服务中心', '军队离退休干部休养所'] },
  { name: '财政局', class: '201', centres: ['财政投资评审中心', '国库支付中心'] },
  { name: '教育局', class: '205', centres: ['教育考试院', '教育技术装备中心'] },
  { name: '住房和城乡建设局', class: '212', centres: ['城乡建设服务中心', '建设工程质量安全监督站'] },
  { name: '自然资源局', class: '220', centres: ['自然资源事务中心', '不动产登记中心'] },
  { name: '住房公积金管理中心', class: '221', centres: ['住房公积金服务中心'] },
  { name: '农业农村局', class: '213', centres: ['农业技术推广中心', '农村经营管理站'] },
];

/** 类 that most departments spend under besides their own (pensions, health insurance, housing). */
const COMMON_CODES = ['2080505', '2080506', '2101101', '2210201', '2080501', '2101102', '2080502'];
const REALISTIC_CLASSES = [
  '208',
  '210',
  '221',
  '201',
  '205',
  '213',
  '212',
  '204',
  '206',
  '207',
  '211',
  '214',
  '220',
];

/** Typical relative sizes of economic 款 in 基本支出; others get 1. */
const ECON_WEIGHTS: Record<string, number> = {
  30101: 22,
  30102: 28,
  30103: 8,
  30107: 10,
  30108: 10,
  30109: 4,
  30110: 6,
  30111: 1,
  30112: 1,
  30113: 8,
  30199: 2,
  30201: 10,
  30205: 1,
  30206: 3,
  30207: 2,
  30209: 4,
  30211: 6,
  30213: 3,
  30216: 2,
  30226: 3,
  30228: 3,
  30229: 2,
  30239: 8,
  30299: 3,
  30302: 10,
  30305: 3,
  30307: 2,
  31002: 5,
  31003: 3,
  31007: 3,
};

/** Economic 款 that are part of a 三公 item, capped by the 三公 决算 (T09-07). */
const THREE_PUBLIC_ECON: Record<string, 'abroad' | 'vehiclePurchase' | 'vehicleOperation' | 'reception'> = {
  30212: 'abroad',
  30217: 'reception',
  30231: 'vehicleOperation',
  31013: 'vehiclePurchase',
};

const FISCAL_FUNDS = ['gpb', 'gfb', 'socb'] as const;
type FiscalFund = (typeof FISCAL_FUNDS)[number];

interface CodePlan {
  code: string;
  /** Annual spending at this code, 元, before the year's variation. */
  base: number;
  basicShare: number;
  nonFiscalShare: number;
  gfbShare: number;
  socbShare: number;
  operatingShare: number;
  upperShare: number;
  subsidyShare: number;
}

interface ThreePublicPlan {
  abroad: number;
  abroadGroups: number;
  abroadPersons: number;
  vehiclesPurchased: number;
  perVehiclePurchase: number;
  vehiclesHeld: number;
  perVehicleOperation: number;
  receptionDomestic: number;
  foreignShare: number;
  domesticBatches: number;
  domesticPersons: number;
  foreignBatches: number;
  foreignPersons: number;
  receptionOverseas: number;
  overseasBatches: number;
  overseasPersons: number;
  /** Budget ÷ actual per item, and whether an item overran its 全年预算. */
  budgetHeadroom: Record<'abroad' | 'vehiclePurchase' | 'vehicleOperation' | 'reception', number>;
  overrun: Record<'abroad' | 'vehiclePurchase' | 'vehicleOperation' | 'reception', boolean>;
  /** Budget for an item that ended up unspent. */
  unspentBudget: Record<'abroad' | 'vehiclePurchase' | 'vehicleOperation' | 'reception', number>;
}

interface UnitPlan {
  name: string;
  kind: UnitKind;
  budgetLevel: string;
  codes: CodePlan[];
  sourceWeights: Record<'business' | 'operating' | 'superior' | 'affiliate' | 'other', number>;
  publicShare: number;
  share303: number;
  share310: number;
  share399: number;
  econ: Record<'301' | '302' | '303' | '310' | '399', { code: string; weight: number }[]>;
  threePublic?: ThreePublicPlan;
  vehicles: Record<VehicleKind, number>;
  equipment: number;
  procurement?: { goods: number; works: number; services: number; sme: number[]; micro: number[] };
  personnel: { authorized: number; actual: number; other: number; byUnit: number; byPension: number };
}

/** Closing balances of a year, keyed `fund:code` (fiscal funds) or `nonFiscal`. */
type Closings = Map<string, bigint>;

/** A consistent, realistic department-year package. Same options ⇒ same package. */
export function generatePackage(options: GenerateOptions): DataPackage {
  const year = options.year ?? 2024;
  const seed = mixSeed(options.seed, options.index ?? 0);
  const rng = new Random(mixSeed(seed, 1));
  const catalog = options.catalog;

  const functional = catalog
    .entries('functional', year)
    .filter((e) => e.verified && e.level === '项')
    .map((e) => e.code);
  if (functional.length === 0) throw new Error(`科目表中没有 ${year} 年有效且已核实的项级支出功能分类科目`);
  const withClass = AGENCIES.filter((a) => functional.some((c) => c.startsWith(a.class)));
  const agency = rng.pick(withClass.length ? withClass : AGENCIES);
  const region = rng.pick(REGIONS);
  const departmentName = `${region}${agency.name}`;

  const codes = chooseCodes(rng, functional, agency.class, options.codes);
  const unitCount = Math.max(1, Math.floor(options.units ?? (rng.chance(0.5) ? 1 : rng.int(2, 3))));
  const economic = catalog.entries('economic', year).filter((e) => e.verified && e.level === '款');

  const plans: UnitPlan[] = [];
  const assigned = assignCodes(rng, codes, unitCount);
  for (let i = 0; i < unitCount; i++) {
    const kind: UnitKind = i === 0 ? (rng.chance(0.1) ? '参公' : '行政') : '事业';
    const centre = agency.centres[(i - 1) % agency.centres.length] ?? '事务中心';
    const name =
      i === 0
        ? unitCount === 1
          ? departmentName
          : `${departmentName}（本级）`
        : `${region}${centre}${i > agency.centres.length ? i : ''}`;
    plans.push(planUnit(rng, { name, kind, index: i }, assigned[i]!, economic));
  }

  const priorCatalogYear = year - 1;
  const priorRng = new Random(mixSeed(seed, 2));
  const currentRng = new Random(mixSeed(seed, 3));
  const extras = {
    projectsByEconomic: options.projectsByEconomic,
    threePublicByFund: options.threePublicByFund,
  };
  const priorExtras = { ...extras, rng: new Random(mixSeed(seed, 4)) };
  const currentExtras = { ...extras, rng: new Random(mixSeed(seed, 5)) };
  const unitFacts: FactSet[] = [];
  const priorFacts: FactSet[] = [];
  for (const plan of plans) {
    const prior = realize(plan, priorRng, {
      year: year - 1,
      jitter: () => priorRng.uniform(0.8, 1.2),
      inForce: (classification, code) => catalog.lookup(classification, code, priorCatalogYear) !== undefined,
      extras: priorExtras,
    });
    const current = realize(plan, currentRng, {
      year,
      jitter: () => 1,
      openings: prior.closings,
      extras: currentExtras,
    });
    priorFacts.push(completeTotals(prior.facts).facts);
    unitFacts.push(completeTotals(current.facts).facts);
  }

  const consolidated = unitCount > 1;
  const units: Unit[] = plans.map((plan, i) => ({
    name: plan.name,
    budgetLevel: plan.budgetLevel,
    kind: plan.kind,
    ...(consolidated ? { facts: unitFacts[i]! } : {}),
  }));
  return {
    department: { name: departmentName, year, profile: options.profile ?? `jiangxi-${year}` },
    amounts: { unit: '元', decimals: 2 },
    units,
    facts: consolidated ? sumFactSets(unitFacts) : unitFacts[0]!,
    priorYear: consolidated ? sumFactSets(priorFacts) : priorFacts[0]!,
    codeNames: { functional: {}, economic: {} },
    narrative: { duties: [], organization: [], reasons: {} },
    explanations: {},
    consolidated,
  };
}

/** Packages for seeds `seed` and indexes 0…count−1, made one at a time as they are consumed. */
export function* generatePackages(
  count: number,
  seed: number,
  catalog: Catalog,
  options: Omit<GenerateOptions, 'seed' | 'index' | 'catalog'> = {},
): Generator<DataPackage> {
  for (let index = 0; index < count; index++) yield generatePackage({ ...options, seed, index, catalog });
}

/**
 * The agency's own 类 first (行政运行 ahead), then what every department has (pension, medical and
 * housing contributions), then other realistic 类; each only if the catalog verifies it.
 */
function chooseCodes(
  rng: Random,
  available: readonly string[],
  ownClass: string,
  wanted: number | 'all' | undefined,
): string[] {
  const count = Math.max(
    1,
    Math.min(available.length, wanted === 'all' ? available.length : Math.floor(wanted ?? rng.int(3, 12))),
  );
  const own = rng
    .shuffle(available.filter((c) => c.startsWith(ownClass)))
    .sort((a, b) => Number(b.endsWith('01')) - Number(a.endsWith('01')));
  const common = COMMON_CODES.filter((c) => available.includes(c) && !c.startsWith(ownClass));
  const classRank = (code: string) => {
    const rank = REALISTIC_CLASSES.indexOf(code.slice(0, 3));
    return rank < 0 ? REALISTIC_CLASSES.length : rank;
  };
  const others = rng
    .shuffle(available.filter((c) => !c.startsWith(ownClass) && !common.includes(c)))
    .sort((a, b) => classRank(a) - classRank(b));
  const chosen = new Set<string>();
  const take = (list: readonly string[], limit: number) => {
    for (const code of list) {
      if (chosen.size >= limit) return;
      chosen.add(code);
    }
  };
  take(own, Math.max(1, Math.ceil(count / 2)));
  take(common, count);
  take(others, count);
  take(own, count);
  return [...chosen].sort();
}

/** Every unit gets at least one code and every code at least one unit. */
function assignCodes(rng: Random, codes: readonly string[], unitCount: number): string[][] {
  const assigned = Array.from({ length: unitCount }, () => new Set<string>());
  for (const code of codes) {
    const holders = assigned.filter((_, i) => rng.chance(i === 0 ? 0.85 : 0.5));
    (holders.length ? holders : [rng.pick(assigned)]).forEach((set) => {
      set.add(code);
    });
  }
  for (const set of assigned) if (set.size === 0) set.add(rng.pick(codes));
  return assigned.map((set) => [...set].sort());
}

function planUnit(
  rng: Random,
  unit: { name: string; kind: UnitKind; index: number },
  codes: readonly string[],
  economic: readonly CatalogEntry[],
): UnitPlan {
  const administrative = unit.kind !== '事业';
  const size = administrative ? 1 : 0.5;
  const codePlans = codes.map((code): CodePlan => {
    const personnelLike = /^(20805|21011|22102)/.test(code);
    const running = code.endsWith('01') || code.endsWith('50');
    const fundOnly = !personnelLike && !running;
    return {
      code,
      base: rng.logUniform(2e5, personnelLike ? 3e6 : 8e6) * size,
      basicShare: personnelLike
        ? 1
        : running
          ? rng.uniform(0.85, 1)
          : rng.chance(0.3)
            ? rng.uniform(0, 0.2)
            : 0,
      nonFiscalShare: administrative
        ? rng.chance(0.15)
          ? rng.uniform(0.01, 0.1)
          : 0
        : rng.chance(0.7)
          ? rng.uniform(0.05, 0.5)
          : 0,
      gfbShare: fundOnly && rng.chance(0.08) ? rng.uniform(0.1, 0.6) : 0,
      socbShare: fundOnly && rng.chance(0.03) ? rng.uniform(0.05, 0.3) : 0,
      operatingShare: !administrative && rng.chance(0.15) ? rng.uniform(0.1, 0.4) : 0,
      upperShare: rng.chance(0.03) ? rng.uniform(0.05, 0.2) : 0,
      subsidyShare: administrative && rng.chance(0.04) ? rng.uniform(0.05, 0.3) : 0,
    };
  });
  const econClass = (prefix: string) => {
    const candidates = economic.filter((e) => e.code.startsWith(prefix));
    const chosen = candidates
      .filter((e) => THREE_PUBLIC_ECON[e.code] || rng.chance(ECON_WEIGHTS[e.code] ? 0.85 : 0.25))
      .map((e) => ({ code: e.code, weight: (ECON_WEIGHTS[e.code] ?? 1) * rng.uniform(0.5, 1.5) }));
    if (!chosen.some((e) => !THREE_PUBLIC_ECON[e.code])) {
      const fallback = candidates.find((e) => !THREE_PUBLIC_ECON[e.code]);
      if (fallback) chosen.push({ code: fallback.code, weight: 1 });
    }
    return chosen.sort((a, b) => a.code.localeCompare(b.code));
  };

  const vehicles = Object.fromEntries(VEHICLE_KINDS.map((item) => [item, 0])) as UnitPlan['vehicles'];
  const hasThreePublic = administrative || rng.chance(0.4);
  if (hasThreePublic) {
    vehicles.vehicleHead = administrative && rng.chance(0.3) ? 1 : 0;
    vehicles.vehicleConfidential = administrative && rng.chance(0.4) ? 1 : 0;
    vehicles.vehicleEmergency = rng.chance(0.3) ? rng.int(1, 2) : 0;
    vehicles.vehicleLaw = administrative && rng.chance(0.5) ? rng.int(1, 6) : 0;
    vehicles.vehicleRetired = administrative && rng.chance(0.2) ? 1 : 0;
    vehicles.vehicleOther = rng.chance(0.2) ? rng.int(1, 2) : 0;
  }
  vehicles.vehicleSpecial = rng.chance(0.15) ? rng.int(1, 3) : 0;
  // 公务用车保有量 counts the cars run on 财政拨款 (T09 L14 ≤ T10 L1); special vehicles are left out.
  const held = VEHICLE_KINDS.reduce((sum, item) => sum + (item === 'vehicleSpecial' ? 0 : vehicles[item]), 0);

  let threePublic: ThreePublicPlan | undefined;
  if (hasThreePublic) {
    const abroad = rng.chance(0.3) ? rng.uniform(2e4, 2e5) : 0;
    const abroadGroups = abroad > 0 ? rng.int(1, 3) : 0;
    const purchased = held > 0 && rng.chance(0.15) ? Math.min(held, rng.chance(0.2) ? 2 : 1) : 0;
    const domestic = rng.chance(0.85) ? rng.uniform(5e3, 1.5e5) : 0;
    const domesticBatches = domestic > 0 ? rng.int(5, 120) : 0;
    const foreign = domestic > 0 && rng.chance(0.1);
    const foreignBatches = foreign ? rng.int(1, Math.min(3, domesticBatches)) : 0;
    const domesticPersons = domesticBatches * rng.int(3, 10);
    const overseas = rng.chance(0.03) ? rng.uniform(5e3, 5e4) : 0;
    const overseasBatches = overseas > 0 ? rng.int(1, 2) : 0;
    const items = ['abroad', 'vehiclePurchase', 'vehicleOperation', 'reception'] as const;
    threePublic = {
      abroad,
      abroadGroups,
      abroadPersons: abroadGroups * rng.int(2, 5),
      vehiclesPurchased: purchased,
      perVehiclePurchase: rng.uniform(1.2e5, 2.5e5),
      vehiclesHeld: held,
      perVehicleOperation: rng.uniform(1.2e4, 3.5e4),
      receptionDomestic: domestic,
      foreignShare: foreign ? rng.uniform(0.1, 0.5) : 0,
      domesticBatches,
      domesticPersons,
      foreignBatches,
      foreignPersons: foreign ? Math.min(domesticPersons, foreignBatches * rng.int(2, 8)) : 0,
      receptionOverseas: overseas,
      overseasBatches,
      overseasPersons: overseasBatches * rng.int(2, 6),
      budgetHeadroom: Object.fromEntries(
        items.map((i) => [i, rng.uniform(1, 1.6)]),
      ) as ThreePublicPlan['budgetHeadroom'],
      overrun: Object.fromEntries(items.map((i) => [i, rng.chance(0.06)])) as ThreePublicPlan['overrun'],
      unspentBudget: Object.fromEntries(
        items.map((i) => [i, rng.chance(0.12) ? rng.uniform(5e3, 5e4) : 0]),
      ) as ThreePublicPlan['unspentBudget'],
    };
  }

  const authorized = administrative ? rng.int(15, 150) : rng.int(8, 80);
  return {
    name: unit.name,
    kind: unit.kind,
    budgetLevel: unit.index === 0 ? '一级' : '二级',
    codes: codePlans,
    sourceWeights: administrative
      ? { business: 0, operating: 0, superior: 0, affiliate: rng.chance(0.05) ? 0.2 : 0, other: 1 }
      : {
          business: 0.75,
          operating: codePlans.some((c) => c.operatingShare > 0) ? 0.15 : 0,
          superior: rng.chance(0.1) ? 0.1 : 0,
          affiliate: 0,
          other: rng.chance(0.6) ? 0.15 : 0,
        },
    publicShare: rng.uniform(0.06, 0.2),
    share303: rng.chance(0.7) ? rng.uniform(0.01, 0.08) : 0,
    share310: rng.chance(0.35) ? rng.uniform(0.03, 0.2) : 0,
    share399: rng.chance(0.1) ? rng.uniform(0.01, 0.05) : 0,
    econ: {
      301: econClass('301'),
      302: econClass('302'),
      303: econClass('303'),
      310: econClass('310'),
      399: econClass('399'),
    },
    ...(threePublic ? { threePublic } : {}),
    vehicles,
    equipment: rng.chance(0.3) ? rng.int(1, 4) : 0,
    ...(rng.chance(0.85)
      ? {
          procurement: {
            goods: rng.uniform(0.01, 0.08),
            works: rng.chance(0.2) ? rng.uniform(0.02, 0.15) : 0,
            services: rng.uniform(0.01, 0.1),
            sme: [rng.uniform(0.5, 1), rng.uniform(0.5, 1), rng.uniform(0.5, 1)],
            micro: [rng.uniform(0.2, 0.9), rng.uniform(0.2, 0.9), rng.uniform(0.2, 0.9)],
          },
        }
      : {}),
    personnel: {
      authorized,
      actual: authorized - rng.int(0, Math.floor(authorized / 10)),
      other: rng.int(0, 20),
      byUnit: rng.int(0, 10),
      byPension: rng.int(0, 40),
    },
  };
}

interface RealizeOptions {
  year: number;
  /** Variation of every amount against the plan (1 for the report year). */
  jitter: () => number;
  /** Last year's closing balances, which become this year's openings. */
  openings?: Closings;
  /** Codes not in force that year are left out (last year's catalog may lack a new code). */
  inForce?: (classification: 'functional' | 'economic', code: string) => boolean;
  /** Facts beyond the nine tables, from their own random stream. */
  extras: Extras;
}

interface Extras {
  rng: Random;
  projectsByEconomic?: boolean | undefined;
  threePublicByFund?: boolean | undefined;
}

/** One year of one unit: the leaf facts, and the closing balances for the next year. */
function realize(
  plan: UnitPlan,
  rng: Random,
  options: RealizeOptions,
): { facts: FactSet; closings: Closings } {
  const facts = new FactSet();
  const put = (measure: Measure, dims: Record<string, string>, value: bigint) => {
    const key = keyOf(measure, dims);
    facts.set(key, (facts.get(key) ?? 0n) + value);
  };
  const inForce = options.inForce ?? (() => true);
  const closings: Closings = new Map();
  const opening = (id: string, scale: bigint): bigint =>
    options.openings
      ? (options.openings.get(id) ?? 0n)
      : rng.chance(0.5)
        ? times(scale, rng.uniform(0, 0.06))
        : 0n;

  const openingAll = { value: 0n };
  const closingAll = { value: 0n };
  const nonFiscal: { code: string; amount: bigint }[] = [];
  let basicGpb = 0n;
  let projectGpb = 0n;
  let spentGfb = 0n;
  let totalSpending = 0n;
  const budgetByClass = new Map<string, bigint>();

  for (const code of plan.codes) {
    if (!inForce('functional', code.code)) continue;
    const total = yuan(code.base * options.jitter());
    totalSpending += total;
    const nf = times(total, code.nonFiscalShare);
    const fiscal = total - nf;
    const gfb = times(fiscal, code.gfbShare);
    const socb = times(fiscal, code.socbShare);
    const byFund: Record<FiscalFund, { basic: bigint; project: bigint }> = {
      gpb: { basic: 0n, project: 0n },
      gfb: { basic: 0n, project: gfb },
      socb: { basic: 0n, project: socb },
    };
    const gpb = fiscal - gfb - socb;
    byFund.gpb.basic = times(gpb, code.basicShare);
    byFund.gpb.project = gpb - byFund.gpb.basic;
    basicGpb += byFund.gpb.basic;
    projectGpb += byFund.gpb.project;
    spentGfb += gfb;
    const cls = code.code.slice(0, 3);
    budgetByClass.set(cls, (budgetByClass.get(cls) ?? 0n) + fiscal);

    const operating = times(nf, code.operatingShare);
    const upper = times(nf, code.upperShare);
    const subsidy = times(nf, code.subsidyShare);
    const nfBasic = times(nf - operating - upper - subsidy, code.basicShare);
    const nfProject = nf - operating - upper - subsidy - nfBasic;
    if (nf > 0n) nonFiscal.push({ code: code.code, amount: nf });

    const func = code.code;
    put('expense', { func, nature: 'basic' }, byFund.gpb.basic + nfBasic);
    put('expense', { func, nature: 'project' }, byFund.gpb.project + gfb + socb + nfProject);
    if (operating > 0n) put('expense', { func, nature: 'operating' }, operating);
    if (upper > 0n) put('expense', { func, nature: 'upper' }, upper);
    if (subsidy > 0n) put('expense', { func, nature: 'subsidy' }, subsidy);

    for (const fund of FISCAL_FUNDS) {
      const spent = byFund[fund].basic + byFund[fund].project;
      if (fund !== 'gpb' && spent === 0n) continue;
      put('expense', { func, fund, nature: 'basic' }, byFund[fund].basic);
      put('expense', { func, fund, nature: 'project' }, byFund[fund].project);
      const open = opening(`${fund}:${func}`, spent);
      let close = rng.chance(0.5) ? times(spent, rng.uniform(0, 0.06)) : 0n;
      // Income makes up what was spent and carried over beyond what came in from last year; when the
      // opening balance alone exceeds the spending, the rest is carried over again.
      if (open > spent + close) close = open - spent;
      put('income', { func, source: fund }, spent + close - open);
      if (open > 0n) put('balance', { when: 'opening', fund, func }, open);
      if (close > 0n) put('balance', { when: 'closing', fund, func }, close);
      closings.set(`${fund}:${func}`, close);
      openingAll.value += open;
      closingAll.value += close;
    }
  }

  // Non-fiscal money (事业收入, 经营收入, …) is tracked for the unit as a whole, not per code.
  const nfSpent = nonFiscal.reduce((sum, c) => sum + c.amount, 0n);
  const nfOpen = opening('nonFiscal', nfSpent * 2n);
  const surplusUsed = nfOpen > 0n && rng.chance(0.2) ? times(nfOpen, rng.uniform(0.1, 0.5)) : 0n;
  const surplusDistribution = nfSpent > 0n && rng.chance(0.1) ? times(nfSpent, rng.uniform(0.001, 0.02)) : 0n;
  let nfClose = nfSpent > 0n && rng.chance(0.6) ? times(nfSpent, rng.uniform(0, 0.15)) : 0n;
  let nfIncome = nfSpent + surplusDistribution + nfClose - nfOpen - surplusUsed;
  if (nfIncome < 0n) {
    nfClose -= nfIncome;
    nfIncome = 0n;
  }
  const incomeByCode = split(nfIncome, nonFiscal.length ? nonFiscal.map((c) => Number(c.amount)) : [1]);
  const sources = Object.entries(plan.sourceWeights).filter(([, w]) => w > 0);
  const firstCode = plan.codes.find((c) => inForce('functional', c.code))?.code;
  incomeByCode.forEach((amount, i) => {
    const func = nonFiscal[i]?.code ?? firstCode;
    if (amount === 0n || !func) return;
    split(
      amount,
      sources.map(([, w]) => w),
    ).forEach((part, j) => {
      if (part > 0n) put('income', { func, source: sources[j]![0] }, part);
    });
  });
  closings.set('nonFiscal', nfClose);
  put('balance', { when: 'opening' }, openingAll.value + nfOpen);
  put('balance', { when: 'closing' }, closingAll.value + nfClose);
  put('surplusUsed', {}, surplusUsed);
  put('surplusDistribution', {}, surplusDistribution);

  for (const [cls, actual] of [...budgetByClass].sort(([a], [b]) => a.localeCompare(b))) {
    if (actual === 0n) continue;
    const final = times(actual, rng.chance(0.05) ? rng.uniform(0.95, 1) : rng.uniform(1, 1.12));
    put('budget', { func: cls, stage: 'final' }, final);
    put('budget', { func: cls, stage: 'initial' }, times(final, rng.uniform(0.82, 1)));
  }

  const tp = threePublicFacts(plan, rng, options.jitter, put);
  economicFacts(plan, rng, basicGpb, tp, inForce, put);
  const { extras } = options;
  if (extras.projectsByEconomic) projectEconomicFacts(plan, extras.rng, projectGpb, inForce, facts, put);
  if (extras.threePublicByFund) fundThreePublicFacts(plan, extras.rng, spentGfb, put);
  if (plan.kind === '行政' || plan.kind === '参公') {
    // 机关运行经费 of 行政 and 参公 units is their 公用经费 (docs/disclosure.md#derived), summed with the groups below.
    put('operatingCost', {}, publicOf(facts));
  }

  for (const item of VEHICLE_KINDS) put('asset', { item }, BigInt(plan.vehicles[item]));
  if (options.year >= 2023) {
    put('asset', { item: 'equipment100' }, BigInt(plan.equipment));
  } else {
    // Before the merge into one 单价100万元以上设备 row (between 2022 and 2024, docs/disclosure.md#t10).
    put('asset', { item: 'generalEquipment50' }, BigInt(plan.equipment));
    put('asset', { item: 'specialEquipment100' }, 0n);
  }

  if (plan.procurement) {
    const p = plan.procurement;
    (['goods', 'works', 'services'] as const).forEach((category, i) => {
      const all = times(totalSpending, p[category] * options.jitter());
      const sme = times(all, p.sme[i]!);
      put('procurement', { category }, all);
      put('procurement', { category, awardee: 'sme' }, sme);
      put('procurement', { category, awardee: 'micro' }, times(sme, p.micro[i]!));
    });
  }

  const people = plan.personnel;
  put('personnel', { kind: 'authorized' }, BigInt(people.authorized));
  put('personnel', { kind: 'actual' }, BigInt(people.actual));
  put('personnel', { kind: 'other' }, BigInt(people.other));
  put('personnel', { kind: 'retired' }, BigInt(people.byUnit + people.byPension));
  put('personnel', { kind: 'retiredPaidByUnit' }, BigInt(people.byUnit));
  put('personnel', { kind: 'retiredPaidByPension' }, BigInt(people.byPension));
  return { facts, closings };
}

function publicOf(facts: FactSet): bigint {
  let sum = 0n;
  for (const { fact, value } of facts.facts('basicEcon')) {
    const code = fact.dims.econ ?? '';
    if (code.length === 5 && !code.startsWith('301') && !code.startsWith('303')) sum += value;
    if (code.length === 3 && code !== '301' && code !== '303') sum += value;
  }
  return sum;
}

type Put = (measure: Measure, dims: Record<string, string>, value: bigint) => void;
type ThreePublicActuals = Record<'abroad' | 'vehiclePurchase' | 'vehicleOperation' | 'reception', bigint>;

function threePublicFacts(plan: UnitPlan, rng: Random, jitter: () => number, put: Put): ThreePublicActuals {
  const actual: ThreePublicActuals = { abroad: 0n, vehiclePurchase: 0n, vehicleOperation: 0n, reception: 0n };
  const tp = plan.threePublic;
  if (!tp) return actual;
  const positive = (amount: number) => (amount > 0 ? yuan(Math.max(amount * jitter(), 1)) : 0n);
  actual.abroad = positive(tp.abroad);
  actual.vehiclePurchase = positive(tp.vehiclesPurchased * tp.perVehiclePurchase);
  actual.vehicleOperation = positive(tp.vehiclesHeld * tp.perVehicleOperation);
  const domestic = positive(tp.receptionDomestic);
  const overseas = positive(tp.receptionOverseas);
  actual.reception = domestic + overseas;

  for (const item of ['abroad', 'vehiclePurchase', 'vehicleOperation', 'reception'] as const) {
    const spent = actual[item];
    let final: bigint;
    if (spent === 0n) final = yuan(tp.unspentBudget[item]);
    else if (tp.overrun[item]) final = times(spent, rng.uniform(0.85, 0.99));
    else final = times(spent, tp.budgetHeadroom[item]);
    const initial = times(final, rng.chance(0.7) ? 1 : rng.uniform(0.8, 1.1));
    put('threePublic', { item, col: 'initialBudget' }, initial);
    put('threePublic', { item, col: 'finalBudget' }, final);
    if (item !== 'reception') put('threePublic', { item }, spent);
  }
  put('threePublic', { item: 'receptionDomestic' }, domestic);
  put('threePublic', { item: 'receptionForeign' }, times(domestic, tp.foreignShare));
  put('threePublic', { item: 'receptionOverseas' }, overseas);

  const count = (item: string, n: number) => put('threePublicCount', { item }, BigInt(n));
  count('abroadGroups', tp.abroadGroups);
  count('abroadPersons', tp.abroadPersons);
  count('vehiclesPurchased', tp.vehiclesPurchased);
  count('vehiclesHeld', tp.vehiclesHeld);
  count('domesticBatches', tp.domesticBatches);
  count('foreignBatches', tp.foreignBatches);
  count('domesticPersons', tp.domesticPersons);
  count('foreignPersons', tp.foreignPersons);
  count('overseasBatches', tp.overseasBatches);
  count('overseasPersons', tp.overseasPersons);
  return actual;
}

/**
 * 一般公共预算财政拨款基本支出 by economic 款, adding up exactly to the basic gpb spending: 人员经费
 * (301, 303) and 公用经费 (302, 310, 399). 款 that belong to a 三公 item stay within its 决算.
 */
function economicFacts(
  plan: UnitPlan,
  rng: Random,
  basic: bigint,
  threePublic: ThreePublicActuals,
  inForce: NonNullable<RealizeOptions['inForce']>,
  put: Put,
): void {
  if (basic <= 0n) return;
  const publicTotal = times(basic, plan.publicShare);
  const personnel = basic - publicTotal;
  const c303 = times(personnel, plan.share303);
  const c310 = times(publicTotal, plan.share310);
  const c399 = times(publicTotal, plan.share399);
  const totals = { 301: personnel - c303, 303: c303, 302: publicTotal - c310 - c399, 310: c310, 399: c399 };
  for (const cls of ['301', '302', '303', '310', '399'] as const) {
    const total = totals[cls];
    if (total <= 0n) continue;
    const codes = plan.econ[cls].filter((e) => inForce('economic', e.code));
    if (!codes.some((e) => !THREE_PUBLIC_ECON[e.code])) {
      put('basicEcon', { econ: cls }, total);
      continue;
    }
    let rest = total;
    for (const entry of codes) {
      const item = THREE_PUBLIC_ECON[entry.code];
      if (!item) continue;
      const cap = threePublic[item];
      // Each at most 30% of what is left, so the ordinary 款 keep a positive remainder.
      const amount = min(times(cap, rng.uniform(0.3, 1)), times(rest, 0.3));
      if (amount <= 0n) continue;
      put('basicEcon', { econ: entry.code }, amount);
      rest -= amount;
    }
    const ordinary = codes.filter((e) => !THREE_PUBLIC_ECON[e.code]);
    split(
      rest,
      ordinary.map((e) => e.weight),
    ).forEach((amount, i) => {
      if (amount > 0n) put('basicEcon', { econ: ordinary[i]!.code }, amount);
    });
  }
}

/** Classes of economic 款 that project spending goes to, with their usual shares. */
const PROJECT_CLASSES = [
  { cls: '302', share: 0.75 },
  { cls: '310', share: 0.2 },
  { cls: '303', share: 0.05 },
] as const;

/**
 * 一般公共预算财政拨款项目支出 by economic 款, adding up exactly to the project gpb spending, on the
 * 款 the unit's basic spending uses (a class without an ordinary 款 in force is reported as the
 * class, as for 基本支出), none of them a 三公 款 (those are capped by the 三公 决算 for 基本支出).
 * Then each 款's 基本 + 项目 as `gpbEcon`, the 合计 column of the 支出决算明细表.
 */
function projectEconomicFacts(
  plan: UnitPlan,
  rng: Random,
  project: bigint,
  inForce: NonNullable<RealizeOptions['inForce']>,
  facts: FactSet,
  put: Put,
): void {
  if (project > 0n) {
    const ordinary = (cls: keyof UnitPlan['econ']) =>
      plan.econ[cls].filter((e) => inForce('economic', e.code) && !THREE_PUBLIC_ECON[e.code]);
    const classes = PROJECT_CLASSES.filter(({ cls }) => cls === '302' || rng.chance(0.5));
    split(
      project,
      classes.map((c) => c.share),
    ).forEach((total, i) => {
      if (total <= 0n) return;
      const cls = classes[i]!.cls;
      const codes = ordinary(cls);
      if (codes.length === 0) {
        put('projectEcon', { econ: cls }, total);
        return;
      }
      split(
        total,
        codes.map((e) => e.weight * rng.uniform(0.2, 1.8)),
      ).forEach((amount, j) => {
        if (amount > 0n) put('projectEcon', { econ: codes[j]!.code }, amount);
      });
    });
  }
  const leaves = [...facts.facts('basicEcon'), ...facts.facts('projectEcon')];
  for (const { fact, value } of leaves) put('gpbEcon', { econ: fact.dims.econ! }, value);
}

/**
 * The 政府性基金 part of 三公: units that spend 政府性基金 and run cars sometimes charge part of the
 * cars' running costs to the fund (at most 2 % of the fund spending); the other items stay zero.
 */
function fundThreePublicFacts(plan: UnitPlan, rng: Random, spentGfb: bigint, put: Put): void {
  const fund = 'gfb';
  const vehicleOperation =
    spentGfb > 0n && plan.threePublic && plan.threePublic.vehiclesHeld > 0 && rng.chance(0.6)
      ? min(times(spentGfb, rng.uniform(0.002, 0.02)), yuan(3e4))
      : 0n;
  for (const item of ['abroad', 'vehiclePurchase', 'vehicleOperation', 'reception'] as const) {
    const actual = item === 'vehicleOperation' ? vehicleOperation : 0n;
    const budget = times(actual, rng.uniform(1, 1.3));
    put('threePublic', { item, col: 'initialBudget', fund }, budget);
    put('threePublic', { item, col: 'finalBudget', fund }, budget);
    put('threePublic', { item, fund }, actual);
  }
}
