/**
 * The fact vocabulary. A department-year is a set of facts keyed by meaning: a measure and its
 * dimensions (classification code, fund source, nature of spending, …), never a table position.
 * Packages, profiles (which map facts onto table cells) and rules all speak this vocabulary.
 *
 * A fact key is written `measure dim=value dim=value`, dimensions that hold their default omitted,
 * e.g. `expense func=2101501 fund=gpb nature=basic` or `income source=gpb`.
 */
import { boundedMemo } from './memo';

export type ValueKind = 'money' | 'count';

interface DimensionSpec {
  /** Chinese name, for messages. */
  label: string;
  /** Allowed values with their Chinese names; absent for code dimensions. */
  values?: Record<string, string>;
  /** A classification code dimension: '*' (all codes) or a code. */
  code?: 'functional' | 'economic';
  /** Value taken when the key omits the dimension; absent means the dimension is required. */
  default?: string;
}

export interface MeasureSpec {
  label: string;
  kind: ValueKind;
  dims: Record<string, DimensionSpec>;
}

const FUNDS = {
  all: '全部资金',
  fiscal: '财政拨款',
  gpb: '一般公共预算财政拨款',
  gfb: '政府性基金预算财政拨款',
  socb: '国有资本经营预算财政拨款',
} as const;

/** 车辆 by use: the asset items that 车辆数合计 is made of. */
const VEHICLE_KIND_LABELS = {
  vehicleMinister: '副部（省）级及以上领导用车',
  vehicleHead: '主要负责人用车',
  vehicleConfidential: '机要通信用车',
  vehicleEmergency: '应急保障用车',
  vehicleLaw: '执法执勤用车',
  vehicleSpecial: '特种专业技术用车',
  vehicleRetired: '离退休干部服务用车',
  vehicleOther: '其他用车',
} as const;

const funcDim: DimensionSpec = { label: '支出功能分类科目', code: 'functional', default: '*' };
const fundDim: DimensionSpec = { label: '资金来源', values: FUNDS, default: 'all' };

export const MEASURES = {
  income: {
    label: '收入',
    kind: 'money',
    dims: {
      func: funcDim,
      source: {
        label: '收入来源',
        default: 'total',
        values: {
          total: '本年收入合计',
          fiscal: '财政拨款收入',
          gpb: '一般公共预算财政拨款收入',
          gfb: '政府性基金预算财政拨款收入',
          socb: '国有资本经营预算财政拨款收入',
          superior: '上级补助收入',
          business: '事业收入',
          operating: '经营收入',
          affiliate: '附属单位上缴收入',
          other: '其他收入',
        },
      },
    },
  },
  surplusUsed: { label: '使用非财政拨款结余（含专用结余）', kind: 'money', dims: {} },
  balance: {
    label: '结转和结余',
    kind: 'money',
    dims: {
      when: { label: '时点', values: { opening: '年初结转和结余', closing: '年末结转和结余' } },
      fund: fundDim,
      func: funcDim,
    },
  },
  surplusDistribution: { label: '结余分配', kind: 'money', dims: {} },
  grandTotal: {
    label: '总计',
    kind: 'money',
    dims: {
      side: { label: '收支方向', values: { income: '收入总计', expense: '支出总计' } },
      fund: fundDim,
    },
  },
  expense: {
    label: '支出',
    kind: 'money',
    dims: {
      func: funcDim,
      fund: fundDim,
      nature: {
        label: '支出性质',
        default: 'total',
        values: {
          total: '本年支出合计',
          basic: '基本支出',
          project: '项目支出',
          upper: '上缴上级支出',
          operating: '经营支出',
          subsidy: '对附属单位补助支出',
        },
      },
    },
  },
  basicEcon: {
    label: '一般公共预算财政拨款基本支出（按经济分类）',
    kind: 'money',
    dims: { econ: { label: '部门预算支出经济分类科目', code: 'economic' } },
  },
  /** Sichuan's 一般公共预算财政拨款项目支出决算表 and 支出决算明细表 print project spending by 款 too. */
  projectEcon: {
    label: '一般公共预算财政拨款项目支出（按经济分类）',
    kind: 'money',
    dims: { econ: { label: '部门预算支出经济分类科目', code: 'economic' } },
  },
  /** 基本支出 (basicEcon) plus 项目支出 (projectEcon) of one 款, as the 支出决算明细表 prints it. */
  gpbEcon: {
    label: '一般公共预算财政拨款支出（按经济分类）',
    kind: 'money',
    dims: { econ: { label: '部门预算支出经济分类科目', code: 'economic' } },
  },
  basicGroup: {
    label: '一般公共预算财政拨款基本支出（人员经费/公用经费）',
    kind: 'money',
    dims: { group: { label: '经费类别', values: { personnel: '人员经费合计', public: '公用经费合计' } } },
  },
  budget: {
    label: '预算数',
    kind: 'money',
    dims: {
      func: funcDim,
      fund: { ...fundDim, default: 'fiscal' },
      stage: { label: '预算阶段', values: { initial: '年初预算数', final: '全年预算数' } },
    },
  },
  threePublic: {
    label: '“三公”经费',
    kind: 'money',
    dims: {
      item: {
        label: '“三公”经费项目',
        default: 'total',
        values: {
          total: '“三公”经费支出',
          abroad: '因公出国（境）费',
          vehicle: '公务用车购置及运行维护费',
          vehiclePurchase: '公务用车购置费',
          vehicleOperation: '公务用车运行维护费',
          reception: '公务接待费',
          receptionDomestic: '国内接待费',
          receptionForeign: '其中：外事接待费',
          receptionOverseas: '国（境）外接待费',
        },
      },
      col: {
        label: '口径',
        default: 'actual',
        values: { initialBudget: '年初预算数', finalBudget: '全年预算数', actual: '决算数' },
      },
      // The default is whatever 财政拨款 the disclosure's 三公 table covers: 一般公共预算 alone until
      // about 2022, with 政府性基金 since. Sichuan also prints the 政府性基金 part on its own table.
      fund: {
        label: '资金来源',
        default: 'fiscal',
        values: { fiscal: '财政拨款', gfb: '政府性基金预算财政拨款' },
      },
    },
  },
  threePublicCount: {
    label: '“三公”经费相关统计数',
    kind: 'count',
    dims: {
      item: {
        label: '统计项目',
        values: {
          abroadGroups: '因公出国（境）团组数（个）',
          abroadPersons: '因公出国（境）人次数（人）',
          vehiclesPurchased: '公务用车购置数（辆）',
          vehiclesHeld: '公务用车保有量（辆）',
          domesticBatches: '国内公务接待批次（个）',
          foreignBatches: '其中：外事接待批次（个）',
          domesticPersons: '国内公务接待人次（人）',
          foreignPersons: '其中：外事接待人次（人）',
          overseasBatches: '国（境）外公务接待批次（个）',
          overseasPersons: '国（境）外公务接待人次（人）',
        },
      },
    },
  },
  asset: {
    label: '国有资产占用',
    kind: 'count',
    dims: {
      item: {
        label: '资产项目',
        values: {
          vehicles: '车辆数合计',
          ...VEHICLE_KIND_LABELS,
          equipment100: '单价100万元（含）以上设备（不含车辆）',
          generalEquipment50: '单价50万元（含）以上通用设备',
          specialEquipment100: '单价100万元（含）以上专用设备',
        },
      },
    },
  },
  operatingCost: { label: '机关运行经费', kind: 'money', dims: {} },
  procurement: {
    label: '政府采购支出',
    kind: 'money',
    dims: {
      category: {
        label: '采购类别',
        default: 'total',
        values: { total: '政府采购支出总额', goods: '货物', works: '工程', services: '服务' },
      },
      awardee: {
        label: '授予对象',
        default: 'all',
        values: { all: '全部', sme: '授予中小企业', micro: '其中：授予小微企业' },
      },
    },
  },
  personnel: {
    label: '人员情况',
    kind: 'count',
    dims: {
      kind: {
        label: '人员类别',
        values: {
          authorized: '编制数',
          actual: '年末编制内实有人员',
          other: '其他人员',
          retired: '离退休人员',
          retiredPaidByUnit: '单位发放离退休费的人员',
          retiredPaidByPension: '养老保险基金发放养老金的人员',
        },
      },
    },
  },
} as const satisfies Record<string, MeasureSpec>;

export type Measure = keyof typeof MEASURES;

export type ThreePublicItem = keyof typeof MEASURES.threePublic.dims.item.values;
/** The 三公 items in the order the tables print them, the total first. */
export const THREE_PUBLIC_ITEMS = Object.keys(MEASURES.threePublic.dims.item.values) as ThreePublicItem[];

export type VehicleKind = keyof typeof VEHICLE_KIND_LABELS;
/** The asset items counting 车辆 by use, in table order; 车辆数合计 (item=vehicles) is their total. */
export const VEHICLE_KINDS = Object.keys(VEHICLE_KIND_LABELS) as VehicleKind[];

export interface Fact {
  measure: Measure;
  /** Every dimension of the measure, defaults filled in. */
  dims: Record<string, string>;
}

export type KeyParse = { ok: true; fact: Fact; key: string } | { ok: false; reason: string };

const FUNCTIONAL_CODE = /^2\d{2}(\d{2}(\d{2})?)?$/;
const ECONOMIC_CODE = /^[3-5]\d{2}(\d{2})?$/;

export function isMeasure(name: string): name is Measure {
  return Object.hasOwn(MEASURES, name);
}

export function measureSpec(measure: Measure): MeasureSpec {
  return MEASURES[measure];
}

/** Checks one dimension value; returns a Chinese reason when it is not allowed. */
export function checkDimensionValue(measure: Measure, dim: string, value: string): string | null {
  const spec = (MEASURES[measure].dims as Record<string, DimensionSpec>)[dim];
  if (!spec) {
    const known = Object.keys(MEASURES[measure].dims);
    return `${measure} 没有维度 “${dim}”；可用维度：${known.length ? known.join('、') : '无'}`;
  }
  if (spec.values) {
    if (Object.hasOwn(spec.values, value)) return null;
    return `${spec.label}（${dim}）不能取 “${value}”；可取：${Object.keys(spec.values).join('、')}`;
  }
  if (spec.code === 'functional') {
    if (value === '*' || FUNCTIONAL_CODE.test(value)) return null;
    return `${spec.label}代码应为 3、5 或 7 位数字（类/款/项，以 2 开头）或 *（全部），实际为 “${value}”`;
  }
  if (spec.code === 'economic') {
    if (ECONOMIC_CODE.test(value)) return null;
    return `${spec.label}代码应为 3 或 5 位数字（类/款），实际为 “${value}”`;
  }
  return null;
}

// Keys repeat across every package and table, so each is parsed once.
const parseMemo = boundedMemo((memoKey): KeyParse => {
  const at = memoKey.indexOf('\u0000');
  return at < 0
    ? parseUncached(memoKey)
    : parseUncached(memoKey.slice(at + 1), memoKey.slice(0, at) as Measure);
}, 50_000);

/**
 * Parses `expense func=210 nature=basic` (or, with `measure` given, just `func=210 nature=basic`)
 * into a fact with every dimension filled, and its canonical key.
 */
export function parseFactKey(text: string, measure?: Measure): KeyParse {
  return parseMemo(measure ? `${measure}\u0000${text}` : text);
}

function parseUncached(text: string, measure?: Measure): KeyParse {
  const parts = text.trim().split(/\s+/).filter(Boolean);
  let name: string | undefined = measure;
  if (!name) {
    name = parts.shift();
    if (!name) return { ok: false, reason: '事实键为空' };
  }
  if (!isMeasure(name)) {
    return { ok: false, reason: `未知的度量 “${name}”；可用度量：${Object.keys(MEASURES).join('、')}` };
  }
  const spec = MEASURES[name].dims as Record<string, DimensionSpec>;
  const dims: Record<string, string> = {};
  for (const part of parts) {
    const eq = part.indexOf('=');
    if (eq <= 0 || eq === part.length - 1) {
      return { ok: false, reason: `“${part}”应写成 维度=取值，如 func=210` };
    }
    const dim = part.slice(0, eq);
    const value = part.slice(eq + 1);
    if (Object.hasOwn(dims, dim)) return { ok: false, reason: `维度 “${dim}” 重复出现` };
    const problem = checkDimensionValue(name, dim, value);
    if (problem) return { ok: false, reason: problem };
    dims[dim] = value;
  }
  for (const [dim, dimSpec] of Object.entries(spec)) {
    if (Object.hasOwn(dims, dim)) continue;
    if (dimSpec.default === undefined) {
      return { ok: false, reason: `缺少必填维度 “${dim}”（${dimSpec.label}）` };
    }
    dims[dim] = dimSpec.default;
  }
  // Frozen because parsed keys are cached and shared.
  const fact: Fact = Object.freeze({ measure: name, dims: Object.freeze(dims) });
  return { ok: true, fact, key: factKey(fact) };
}

/** The canonical key: measure, then non-default dimensions in their declared order. */
export function factKey(fact: Fact): string {
  const spec = MEASURES[fact.measure].dims as Record<string, DimensionSpec>;
  let key: string = fact.measure;
  for (const [dim, dimSpec] of Object.entries(spec)) {
    const value = fact.dims[dim];
    if (value !== undefined && value !== dimSpec.default) key += ` ${dim}=${value}`;
  }
  return key;
}

/** Builds a canonical key from a measure and the dimensions that differ from their defaults. */
export function keyOf(measure: Measure, dims: Record<string, string> = {}): string {
  const parsed = parseFactKey(
    Object.entries(dims)
      .map(([dim, value]) => `${dim}=${value}`)
      .join(' '),
    measure,
  );
  if (!parsed.ok) throw new Error(parsed.reason);
  return parsed.key;
}

/** The part of a canonical key after the measure (`func=210 nature=basic`), '' when all default. */
export function dimsText(key: string): string {
  const space = key.indexOf(' ');
  return space < 0 ? '' : key.slice(space + 1);
}

export function measureOf(key: string): Measure {
  const space = key.indexOf(' ');
  return (space < 0 ? key : key.slice(0, space)) as Measure;
}

/** A readable Chinese description of a fact, e.g. “支出 · 支出功能分类科目 210 · 基本支出”. */
export function describeFact(fact: Fact): string {
  const spec = MEASURES[fact.measure];
  const parts: string[] = [spec.label];
  for (const [dim, dimSpec] of Object.entries(spec.dims as Record<string, DimensionSpec>)) {
    const value = fact.dims[dim];
    if (value === undefined || value === dimSpec.default) continue;
    parts.push(dimSpec.values ? (dimSpec.values[value] ?? value) : `${dimSpec.label} ${value}`);
  }
  return parts.join(' · ');
}
