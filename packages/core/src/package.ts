/**
 * The data package (决算数据包): one JSON document per department and year. Its facts are keyed by
 * meaning (see facts.ts) and kept as reported, totals and subtotals included.
 *
 * JSON form (amounts as decimal strings in `amounts.unit`, counts as integers):
 * {
 *   "format": "juesuan.package/1",
 *   "department": { "name": "…", "year": 2024, "profile": "jiangxi-2024", … },
 *   "amounts": { "unit": "万元", "decimals": 2 },
 *   "units": [ { "name": "…", "budgetLevel": "二级", "kind": "行政", "facts": { … } } ],
 *   "adjustments": [ { "pair": "subsidy", "from": "…", "to": "…", "amount": "150000.00" } ],
 *   "facts": { "expense": { "func=210 nature=basic": "556.74", … }, … },
 *   "priorYear": { "facts": { … } },
 *   …
 * }
 */
import { type JSONPath, visit } from 'jsonc-parser';
import { z } from 'zod';
import { type Catalog, CLASSIFICATION_LABEL } from './catalog';
import { type Consolidation, consolidate } from './consolidation/consolidate';
import { type Adjustment, TRANSFER_PAIR_NAMES } from './consolidation/transfers';
import { type ConsolidationUnit, unitIndex } from './consolidation/units';
import { FactSet } from './fact-set';
import { MEASURES, type Measure, measureOf, parseFactKey } from './facts';
import { FEN_PER, formatAmount, MAX_DECIMALS, MONEY_UNITS, type MoneyUnit, parseAmount } from './money';
import { type PerformanceData, performanceSchema } from './performance/schema';
import type { YearRange } from './profile';

/** The plain sum of units' facts, without any adjustment (what 汇总 is when no unit pays another). */
export { sumFactSets } from './consolidation/consolidate';

export const PACKAGE_FORMAT = 'juesuan.package/1';

const UNIT_KINDS = ['行政', '参公', '事业', '企业', '其他'] as const;
export type UnitKind = (typeof UNIT_KINDS)[number];

const measureNames = Object.keys(MEASURES) as [Measure, ...Measure[]];
const factValue = z.union([z.string(), z.number()]);
const factsJson = z.partialRecord(z.enum(measureNames), z.record(z.string(), factValue));

/**
 * Longest texts a package may carry, in characters (arrays: items): room for any real name or
 * paragraph, and a bound on what a crafted package makes the checks, renderers and store carry.
 */
export const PACKAGE_TEXT_LIMITS = { name: 200, label: 100, paragraph: 10_000, paragraphs: 500 } as const;
const nameText = () => z.string().max(PACKAGE_TEXT_LIMITS.name);
const labelText = () => z.string().max(PACKAGE_TEXT_LIMITS.label);
const paragraphText = () => z.string().max(PACKAGE_TEXT_LIMITS.paragraph);
const paragraphList = () => z.array(paragraphText()).max(PACKAGE_TEXT_LIMITS.paragraphs);

const departmentJson = z.strictObject({
  name: nameText().min(1),
  code: labelText().optional(),
  level: labelText().optional(),
  region: labelText().optional(),
  year: z.number().int().min(2000).max(2100),
  profile: z.string().regex(/^[a-z0-9-]+$/),
});

const unitJson = z.strictObject({
  code: labelText().optional(),
  name: nameText().min(1),
  budgetLevel: labelText().optional(),
  kind: z.enum(UNIT_KINDS).optional(),
  parent: nameText()
    .min(1)
    .optional()
    .describe('本部门内的上级单位（编码或名称）；不写时按预算级次：二级单位属于唯一的一级单位'),
  facts: factsJson.optional(),
});

/** A line of the 调整表: a transfer between two units offset when they are summed (汇总). */
const adjustmentJson = z
  .strictObject({
    pair: z
      .enum(TRANSFER_PAIR_NAMES)
      .describe('subsidy：对附属单位补助支出 ↔ 上级补助收入；remittance：上缴上级支出 ↔ 附属单位上缴收入'),
    from: nameText().min(1).describe('付出的单位（units 中的编码或名称）'),
    to: nameText().min(1).describe('收到的单位（units 中的编码或名称）'),
    amount: factValue.describe('抵销金额，amounts.unit 下的十进制字符串'),
    func: z.string().optional().describe('双方列支和列收的支出功能分类科目（类、款或项）；不写时只抵销合计'),
    note: paragraphText().optional(),
  })
  .describe('调整表的一行：汇总时在双方同时抵销的一笔内部往来');

const amountsJson = z.strictObject({
  unit: z.enum(MONEY_UNITS),
  decimals: z.number().int().min(0).max(6),
});

export const packageJsonSchema = z.strictObject({
  $schema: z.string().optional(),
  format: z.literal(PACKAGE_FORMAT),
  department: departmentJson,
  amounts: amountsJson,
  units: z.array(unitJson).default([]),
  facts: factsJson.optional(),
  /** The 调整表 of a package summed from its units; without it, transfers both sides agree on are offset. */
  adjustments: z.array(adjustmentJson).optional(),
  /** Last year's figures; `amounts` when they are known less precisely (e.g. derived from a 万元 text). */
  priorYear: z.strictObject({ amounts: amountsJson.optional(), facts: factsJson }).optional(),
  codeNames: z
    .strictObject({
      functional: z.record(z.string(), nameText()).optional(),
      economic: z.record(z.string(), nameText()).optional(),
    })
    .optional(),
  narrative: z
    .strictObject({
      duties: paragraphList().optional(),
      organization: paragraphList().optional(),
      reasons: z.record(z.string(), paragraphText()).optional(),
    })
    .optional(),
  explanations: z.record(nameText(), paragraphText()).optional(),
  /** 预算绩效: 项目支出绩效自评表, their summary and 部门整体支出绩效评价 inputs (performance/schema.ts). */
  performance: performanceSchema.optional(),
});

export type PackageJson = z.input<typeof packageJsonSchema>;
type FactsJson = z.infer<typeof factsJson>;

export interface Department {
  name: string;
  code?: string;
  level?: string;
  region?: string;
  year: number;
  profile: string;
}

export interface Unit {
  code?: string;
  name: string;
  budgetLevel?: string;
  kind?: UnitKind;
  /** The unit's parent in the department (code or name), when 预算级次 does not say it. */
  parent?: string;
  /** The unit's own facts, when the package carries them per unit. */
  facts?: FactSet;
}

export interface AmountFormat {
  unit: MoneyUnit;
  /** Decimals the amounts were written with; 万元 with 2 means figures as printed (±0.005 万元). */
  decimals: number;
}

export interface DataPackage {
  department: Department;
  amounts: AmountFormat;
  units: Unit[];
  facts: FactSet;
  priorYear?: FactSet;
  /** How last year's figures were written, when different from `amounts`. */
  priorAmounts?: AmountFormat;
  codeNames: { functional: Record<string, string>; economic: Record<string, string> };
  narrative: { duties: string[]; organization: string[]; reasons: Record<string, string> };
  /** 出错说明: written explanations that let a warning stand, keyed by finding id. */
  explanations: Record<string, string>;
  /** 预算绩效 data as entered (exact decimal text, kept as written). */
  performance?: PerformanceData;
  /** True when `facts` were summed from the units because the package gave none of its own. */
  consolidated: boolean;
  /** How `facts` were summed from the units (汇总): the adjustment table and each figure's trace. */
  consolidation?: Consolidation;
}

export type IssueSeverity = 'error' | 'warning';

export interface PackageIssue {
  severity: IssueSeverity;
  /** Where in the JSON document, e.g. `facts.expense["func=210 nature=basic"]`. */
  path: string;
  message: string;
}

export interface ReadResult {
  package?: DataPackage;
  issues: PackageIssue[];
}

export interface ReadOptions {
  /** When given, classification codes are checked against the package year's catalog. */
  catalog?: Catalog;
  /**
   * When given, the profiles there are and the years each covers: a package naming another
   * profile, or a year its profile does not cover, is refused.
   */
  profiles?: ReadonlyMap<string, YearRange>;
}

/** The largest package accepted, in bytes; larger input is refused before it is parsed. */
export const MAX_PACKAGE_BYTES = 20 * 1024 * 1024;

/** Reads a package from raw bytes or text. Returns the package only when there is no error. */
export function readPackage(input: Uint8Array | string, options: ReadOptions = {}): ReadResult {
  const text = decode(input);
  if (typeof text !== 'string') return { issues: [text] };
  if (text.trim() === '') return { issues: [rootError('文件为空；应为一个 JSON 对象（决算数据包）')] };
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    return { issues: [rootError(jsonSyntaxMessage(text, error))] };
  }
  const duplicates = duplicateKeys(text);
  if (duplicates.length) return { issues: duplicates };
  return parsePackageJson(json, options);
}

function decode(input: Uint8Array | string): string | PackageIssue {
  if (typeof input === 'string') return input.replace(/^\uFEFF/, '');
  if (input.byteLength > MAX_PACKAGE_BYTES) {
    return rootError(
      `文件过大：${(input.byteLength / 1024 / 1024).toFixed(1)} MB，数据包上限为 ${MAX_PACKAGE_BYTES / 1024 / 1024} MB`,
    );
  }
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(input).replace(/^\uFEFF/, '');
  } catch {
    const offset = firstInvalidUtf8(input);
    return rootError(`文件不是 UTF-8 编码（第 ${offset + 1} 字节处无法解码）；请另存为 UTF-8 后再导入`);
  }
}

function firstInvalidUtf8(bytes: Uint8Array): number {
  const decoder = new TextDecoder('utf-8', { fatal: true });
  let low = 0;
  let high = bytes.length;
  while (high - low > 1) {
    const mid = (low + high) >> 1;
    try {
      decoder.decode(bytes.subarray(0, mid));
      low = mid;
    } catch {
      high = mid;
    }
  }
  // The prefix up to `low` decodes (possibly ending in an incomplete sequence), so the fault is near.
  return Math.max(0, low - 3);
}

function jsonSyntaxMessage(text: string, error: unknown): string {
  const raw = error instanceof Error ? error.message : String(error);
  const position = /position (\d+)/.exec(raw);
  if (position) {
    const offset = Number(position[1]);
    const before = text.slice(0, offset);
    const line = before.split('\n').length;
    const column = offset - before.lastIndexOf('\n');
    return `JSON 语法错误：第 ${line} 行第 ${column} 列附近（${raw}）`;
  }
  return `JSON 语法错误（${raw}）`;
}

/**
 * A key written twice in one object: JSON.parse keeps the later value without a word, so a figure
 * typed twice would silently replace the first. Both places are named.
 */
function duplicateKeys(text: string): PackageIssue[] {
  const issues: PackageIssue[] = [];
  const open: { path: JSONPath; seen: Map<string, string> }[] = [];
  visit(text, {
    onObjectBegin: (_offset, _length, _line, _column, path) => {
      open.push({ path: path(), seen: new Map() });
    },
    onObjectEnd: () => void open.pop(),
    onObjectProperty: (key, _offset, _length, line, column) => {
      const object = open.at(-1);
      if (!object) return;
      const place = `第 ${line + 1} 行第 ${column + 1} 列`;
      const first = object.seen.get(key);
      if (first === undefined) {
        object.seen.set(key, place);
        return;
      }
      issues.push({
        severity: 'error',
        path: formatPath([...object.path, key]),
        message: `键「${key}」在同一对象中写了两次（${first}与${place}）；JSON 只保留后一个，请删去多余的一个`,
      });
    },
  });
  return issues;
}

/** The profile must be one there is, and cover the package's year. */
function profileIssues(
  profile: string,
  year: number,
  profiles: ReadonlyMap<string, YearRange>,
): PackageIssue[] {
  const years = profiles.get(profile);
  const listed = [...profiles].map(([id, r]) => `${id}（${r.from}–${r.to}）`).join('、');
  if (!years) {
    return [
      {
        severity: 'error',
        path: 'department.profile',
        message: `没有口径「${profile}」；可用口径（适用年度）：${listed}`,
      },
    ];
  }
  if (year < years.from || year > years.to) {
    const covering = [...profiles].filter(([, r]) => year >= r.from && year <= r.to).map(([id]) => id);
    return [
      {
        severity: 'error',
        path: 'department.year',
        message: `口径 ${profile} 适用于 ${years.from}–${years.to} 年度，数据包年度为 ${year}${
          covering.length ? `；${year} 年度可用口径：${covering.join('、')}` : `；没有口径适用于 ${year} 年度`
        }`,
      },
    ];
  }
  return [];
}

function rootError(message: string): PackageIssue {
  return { severity: 'error', path: '(文件)', message };
}

/** Validates an already-parsed JSON value as a package. */
export function parsePackageJson(json: unknown, options: ReadOptions = {}): ReadResult {
  const parsed = packageJsonSchema.safeParse(json, { reportInput: true });
  if (!parsed.success) return { issues: parsed.error.issues.flatMap(zodIssues) };
  const doc = parsed.data;
  const issues: PackageIssue[] = [];
  const amounts: AmountFormat = doc.amounts;
  if (amounts.unit === '元' && amounts.decimals > 2) {
    issues.push({ severity: 'error', path: 'amounts.decimals', message: '元金额最多 2 位小数（到分）' });
  }
  const year = doc.department.year;
  if (options.profiles) issues.push(...profileIssues(doc.department.profile, year, options.profiles));
  const readFacts = (facts: FactsJson | undefined, path: string) =>
    facts ? readFactSet(facts, path, amounts, issues) : undefined;

  const units: Unit[] = doc.units.map((unit, i) => ({
    ...withoutFacts(unit),
    facts: readFacts(unit.facts, `units[${i}].facts`),
  }));
  issues.push(...parentIssues(units));
  const own = readFacts(doc.facts, 'facts');
  if (own && doc.adjustments) {
    issues.push({
      severity: 'error',
      path: 'adjustments',
      message:
        '调整表只用于由各单位数据（units[].facts）汇总的数据包；本数据包已有部门自己的 facts，调整表不会生效，请删去其一',
    });
  }
  const consolidation = own ? undefined : consolidateUnits(units, doc, options.catalog, issues);
  const facts = own ?? consolidation!.facts;
  const consolidated = consolidation !== undefined;
  const priorAmounts: AmountFormat | undefined = doc.priorYear?.amounts;
  const priorYear = doc.priorYear
    ? readFactSet(doc.priorYear.facts, 'priorYear.facts', priorAmounts ?? amounts, issues)
    : undefined;
  const codeNames = {
    functional: doc.codeNames?.functional ?? {},
    economic: doc.codeNames?.economic ?? {},
  };
  if (options.catalog) {
    const sets: [FactSet | undefined, string, number][] = [
      [facts, 'facts', year],
      [priorYear, 'priorYear.facts', year - 1],
      ...units.map((u, i): [FactSet | undefined, string, number] => [u.facts, `units[${i}].facts`, year]),
    ];
    for (const [set, path, y] of sets) if (set) checkCodes(set, path, y, options.catalog, codeNames, issues);
  }
  if (issues.some((i) => i.severity === 'error')) return { issues };
  return {
    issues,
    package: {
      department: doc.department,
      amounts,
      units,
      facts,
      ...(priorYear ? { priorYear } : {}),
      ...(priorAmounts ? { priorAmounts } : {}),
      codeNames,
      narrative: {
        duties: doc.narrative?.duties ?? [],
        organization: doc.narrative?.organization ?? [],
        reasons: doc.narrative?.reasons ?? {},
      },
      explanations: doc.explanations ?? {},
      ...(doc.performance !== undefined ? { performance: doc.performance } : {}),
      consolidated,
      ...(consolidation ? { consolidation } : {}),
    },
  };
}

/**
 * The department summed from its units (汇总), less the transfers the adjustment table offsets;
 * the proposed table when the package has none.
 */
function consolidateUnits(
  units: readonly Unit[],
  doc: z.infer<typeof packageJsonSchema>,
  catalog: Catalog | undefined,
  issues: PackageIssue[],
): Consolidation {
  if (units.every((u) => u.facts === undefined)) {
    issues.push({
      severity: 'error',
      path: 'facts',
      message: '数据包没有任何数据：应在 facts 中填写部门数据，或在 units[].facts 中填写各单位数据',
    });
  }
  const table = doc.adjustments?.map((line, i) =>
    readAdjustment(line, `adjustments[${i}]`, units, doc, catalog, issues),
  );
  const valid = table?.filter((line): line is Adjustment => line !== undefined);
  return consolidate(units, valid);
}

function parentIssues(units: readonly ConsolidationUnit[]): PackageIssue[] {
  return units.flatMap((unit, i) => {
    if (unit.parent === undefined) return [];
    const parent = unitIndex(units, unit.parent);
    if (parent === i) {
      return [
        {
          severity: 'error' as const,
          path: `units[${i}].parent`,
          message: `单位「${unit.name}」的上级单位不能是它自己`,
        },
      ];
    }
    return parent === undefined ? [unitRefIssue(units, unit.parent, `units[${i}].parent`)] : [];
  });
}

function unitRefIssue(units: readonly ConsolidationUnit[], ref: string, path: string): PackageIssue {
  const named = units.filter((u) => u.name === ref).length;
  return {
    severity: 'error',
    path,
    message:
      named > 1
        ? `有 ${named} 个单位名称为「${ref}」，无法确定是哪一个；请给单位填写编码（code）并在此引用编码`
        : `units 中没有编码或名称为「${ref}」的单位；数据包中的单位：${units.map((u) => u.code ?? u.name).join('、')}`,
  };
}

/** 类, 款 or 项 of the 支出功能分类, as fact keys take them (2xx…). */
const FUNC_CODE = /^2\d{2}(\d{2}){0,2}$/;

/** A line of the 调整表 with its units resolved and its amount in 分; undefined when it has an error. */
function readAdjustment(
  line: NonNullable<z.infer<typeof packageJsonSchema>['adjustments']>[number],
  path: string,
  units: readonly Unit[],
  doc: z.infer<typeof packageJsonSchema>,
  catalog: Catalog | undefined,
  issues: PackageIssue[],
): Adjustment | undefined {
  const before = issues.length;
  const from = unitIndex(units, line.from);
  const to = unitIndex(units, line.to);
  if (from === undefined) issues.push(unitRefIssue(units, line.from, `${path}.from`));
  if (to === undefined) issues.push(unitRefIssue(units, line.to, `${path}.to`));
  if (from !== undefined && from === to) {
    issues.push({
      severity: 'error',
      path: `${path}.to`,
      message: `付出和收到的是同一个单位「${line.to}」；内部往来须在两个单位之间`,
    });
  }
  const amount = readValue(line.amount, 'money', doc.amounts);
  if (typeof amount === 'string') issues.push({ severity: 'error', path: `${path}.amount`, message: amount });
  else if (amount <= 0n) {
    issues.push({
      severity: 'error',
      path: `${path}.amount`,
      message: `抵销金额应大于零，实际为 ${JSON.stringify(line.amount)}`,
    });
  }
  if (line.func !== undefined && !FUNC_CODE.test(line.func)) {
    issues.push({
      severity: 'error',
      path: `${path}.func`,
      message: `支出功能分类科目代码应为以 2 开头的 3、5 或 7 位数字（类、款、项），实际为 ${JSON.stringify(line.func)}；只抵销合计时不写 func`,
    });
  } else if (
    line.func !== undefined &&
    catalog &&
    !catalog.lookup('functional', line.func, doc.department.year)
  ) {
    issues.push({
      severity: 'warning',
      path: `${path}.func`,
      message: `科目代码 ${line.func} 不在 ${doc.department.year} 年支出功能分类科目中；请核对双方列支、列收的科目`,
    });
  }
  if (issues.slice(before).some((i) => i.severity === 'error')) return undefined;
  const { note, func } = line;
  return {
    pair: line.pair,
    from: from!,
    to: to!,
    amount: amount as bigint,
    ...(func ? { func } : {}),
    ...(note ? { note } : {}),
  };
}

function withoutFacts<T extends { facts?: unknown }>(unit: T): Omit<T, 'facts'> {
  const { facts: _facts, ...rest } = unit;
  return rest;
}

function readFactSet(facts: FactsJson, path: string, amounts: AmountFormat, issues: PackageIssue[]): FactSet {
  const set = new FactSet();
  const origin = new Map<string, string>();
  for (const [measureName, entries] of Object.entries(facts)) {
    const measure = measureName as Measure;
    for (const [dims, raw] of Object.entries(entries ?? {})) {
      const where = `${path}.${measure}[${JSON.stringify(dims)}]`;
      const key = parseFactKey(dims, measure);
      if (!key.ok) {
        issues.push({ severity: 'error', path: where, message: key.reason });
        continue;
      }
      const earlier = origin.get(key.key);
      if (earlier !== undefined) {
        issues.push({
          severity: 'error',
          path: where,
          message: `与 ${JSON.stringify(earlier)} 是同一个事实（${key.key}），一个事实只能填一次`,
        });
        continue;
      }
      origin.set(key.key, dims);
      const value = readValue(raw, MEASURES[measure].kind, amounts);
      if (typeof value === 'string') {
        issues.push({ severity: 'error', path: where, message: value });
        continue;
      }
      set.set(key.key, value);
    }
  }
  return set;
}

function readValue(raw: string | number, kind: 'money' | 'count', amounts: AmountFormat): bigint | string {
  if (kind === 'count') {
    const text = typeof raw === 'number' ? String(raw) : raw.trim();
    if (!/^\d+$/.test(text)) return `数量应为非负整数，实际为 ${JSON.stringify(raw)}`;
    return BigInt(text);
  }
  const result = parseAmount(raw, amounts.unit, amounts.decimals);
  if (!result.ok) return `金额（${amounts.unit}）${result.reason}`;
  return result.fen;
}

function checkCodes(
  set: FactSet,
  path: string,
  year: number,
  catalog: Catalog,
  codeNames: DataPackage['codeNames'],
  issues: PackageIssue[],
): void {
  const reported = new Set<string>();
  for (const { key, fact } of set.facts()) {
    for (const [dim, classification] of [
      ['func', 'functional'],
      ['econ', 'economic'],
    ] as const) {
      const code = fact.dims[dim];
      if (code === undefined || code === '*' || reported.has(`${classification}:${code}`)) continue;
      if (catalog.lookup(classification, code, year)) continue;
      reported.add(`${classification}:${code}`);
      const named = codeNames[classification][code];
      const renamed = catalog.history(classification, code).at(-1);
      issues.push({
        severity: 'warning',
        path: `${path}.${measureOf(key)}`,
        message:
          `科目代码 ${code} 不在 ${year} 年${CLASSIFICATION_LABEL[classification]}中` +
          (renamed ? `（该代码在 ${renamed.from}–${renamed.to ?? ''} 年为“${renamed.name}”）` : '') +
          (named ? `；数据包给出的名称为“${named}”` : '；请核对代码，或在 codeNames 中写明名称'),
      });
    }
  }
}

const TYPE_NAMES: Record<string, string> = {
  string: '文本',
  number: '数字',
  int: '整数',
  boolean: '布尔值（true/false）',
  object: '对象',
  array: '数组',
  undefined: '（缺失）',
  null: 'null',
};

function zodIssues(issue: z.core.$ZodIssue): PackageIssue[] {
  if (issue.code !== 'unrecognized_keys') return [zodIssue(issue)];
  const inFacts = issue.path.at(-1) === 'facts';
  return issue.keys.map((key) => ({
    severity: 'error',
    path: formatPath([...issue.path, key]),
    message: inFacts
      ? `不认识的度量名 “${key}”；可用度量：${measureNames.join('、')}`
      : `不认识的键 “${key}”（拼写错误？数据包不接受未定义的键）`,
  }));
}

function zodIssue(issue: z.core.$ZodIssue): PackageIssue {
  // A bad record key is reported at the record; the key itself is the issue's input.
  const keyPath = issue.code === 'invalid_key' && typeof issue.input === 'string' ? [issue.input] : [];
  const path = formatPath([...issue.path, ...keyPath]);
  let message: string;
  switch (issue.code) {
    case 'invalid_type':
      message =
        issue.input === undefined
          ? `缺少必填项，应为${TYPE_NAMES[issue.expected] ?? issue.expected}`
          : `应为${TYPE_NAMES[issue.expected] ?? issue.expected}，实际为${describeInput(issue.input)}`;
      break;
    case 'invalid_value':
      message = `应为 ${issue.values.map((v) => JSON.stringify(v)).join(' 或 ')} 之一，实际为 ${JSON.stringify(issue.input)}`;
      break;
    case 'invalid_key':
      message = `不认识的度量名；可用度量：${measureNames.join('、')}`;
      break;
    case 'too_small':
      message = issue.origin === 'string' ? '不能为空' : `应不小于 ${issue.minimum}`;
      break;
    case 'too_big':
      message =
        issue.origin === 'string'
          ? `不能超过 ${issue.maximum} 个字符${actualLength(issue.input, '个')}`
          : issue.origin === 'array'
            ? `最多 ${issue.maximum} 项${actualLength(issue.input, '项')}`
            : `应不大于 ${issue.maximum}`;
      break;
    case 'invalid_format':
      message = `格式不对：${issue.format === 'regex' ? '只能含小写字母、数字和连字符，如 jiangxi-2024' : issue.format}`;
      break;
    case 'invalid_union':
      // A union that says what it accepts (performance.report texts) keeps its own message; the
      // others are the amount fields, text or number.
      message =
        issue.message && issue.message !== 'Invalid input'
          ? `${issue.message}，实际为${describeInput(issue.input)}`
          : `应为文本或数字，实际为${describeInput(issue.input)}`;
      break;
    default:
      message = issue.message;
  }
  return { severity: 'error', path, message };
}

/** （实际 N 个） for a string or array input, nothing when the input was not reported. */
function actualLength(input: unknown, counter: string): string {
  return typeof input === 'string' || Array.isArray(input) ? `（实际 ${input.length} ${counter}）` : '';
}

function describeInput(input: unknown): string {
  if (input === null) return ' null';
  if (Array.isArray(input)) return '数组';
  const type = typeof input;
  return `${TYPE_NAMES[type] ?? type} ${JSON.stringify(input)?.slice(0, 40) ?? ''}`;
}

export function formatPath(path: readonly PropertyKey[]): string {
  let text = '';
  for (const part of path) {
    if (typeof part === 'number') text += `[${part}]`;
    else if (typeof part === 'string' && /^[A-Za-z_$][\w$]*$/.test(part)) text += text ? `.${part}` : part;
    else text += `[${JSON.stringify(String(part))}]`;
  }
  return text || '(根)';
}

/** The package as its canonical JSON document; `readPackage(writePackage(p))` gives p back. */
export function writePackage(pkg: DataPackage): PackageJson {
  const writeFacts = (set: FactSet) => factsToJson(set, pkg.amounts);
  const doc: PackageJson = {
    format: PACKAGE_FORMAT,
    department: pkg.department,
    amounts: pkg.amounts,
    units: pkg.units.map(({ facts, ...unit }) => (facts ? { ...unit, facts: writeFacts(facts) } : unit)),
  };
  if (!pkg.consolidated) doc.facts = writeFacts(pkg.facts);
  // A package completed into facts of its own (`consolidated: false`) no longer has a table to apply.
  if (pkg.consolidated && pkg.consolidation && !pkg.consolidation.proposed) {
    doc.adjustments = adjustmentsToJson(pkg.consolidation.adjustments, pkg.units, pkg.amounts);
  }
  if (pkg.priorYear) {
    doc.priorYear = pkg.priorAmounts
      ? { amounts: pkg.priorAmounts, facts: factsToJson(pkg.priorYear, pkg.priorAmounts) }
      : { facts: writeFacts(pkg.priorYear) };
  }
  if (Object.keys(pkg.codeNames.functional).length || Object.keys(pkg.codeNames.economic).length) {
    doc.codeNames = pkg.codeNames;
  }
  const { duties, organization, reasons } = pkg.narrative;
  const narrative = {
    ...(duties.length ? { duties } : {}),
    ...(organization.length ? { organization } : {}),
    ...(Object.keys(reasons).length ? { reasons } : {}),
  };
  if (Object.keys(narrative).length) doc.narrative = narrative;
  if (Object.keys(pkg.explanations).length) doc.explanations = pkg.explanations;
  if (pkg.performance !== undefined) doc.performance = pkg.performance;
  return doc;
}

/** The 调整表 as written in a package, each unit by its code or, without one, its name. */
export function adjustmentsToJson(
  adjustments: readonly Adjustment[],
  units: readonly Unit[],
  amounts: AmountFormat,
): NonNullable<PackageJson['adjustments']> {
  const ref = (i: number) => units[i]!.code ?? units[i]!.name;
  return adjustments.map(({ pair, from, to, amount, func, note }) => ({
    pair,
    from: ref(from),
    to: ref(to),
    amount: exactAmountText(amount, amounts),
    ...(func ? { func } : {}),
    ...(note ? { note } : {}),
  }));
}

export function factsToJson(set: FactSet, amounts: AmountFormat): FactsJson {
  const json: FactsJson = {};
  for (const [key, value] of set.entries()) {
    const measure = measureOf(key);
    const dims = key.slice(measure.length).trim();
    const group = json[measure] ?? {};
    group[dims] = MEASURES[measure].kind === 'count' ? Number(value) : exactAmountText(value, amounts);
    json[measure] = group;
  }
  return json;
}

/**
 * An amount in the package's unit with at least its declared decimals and as many more as the value
 * needs, so writing never rounds (a computed value may be finer than the figures it came from).
 */
function exactAmountText(fen: bigint, amounts: AmountFormat): string {
  let decimals = amounts.decimals;
  while (
    decimals < MAX_DECIMALS[amounts.unit] &&
    (fen * 10n ** BigInt(decimals)) % FEN_PER[amounts.unit] !== 0n
  ) {
    decimals += 1;
  }
  return formatAmount(fen, amounts.unit, { decimals, grouping: false });
}

/**
 * The published JSON Schema of the package document, derived from the zod model so the two cannot
 * drift; fact keys additionally carry the pattern of `dim=value` pairs.
 */
export function packageJsonSchemaDocument(): Record<string, unknown> {
  const schema = z.toJSONSchema(packageJsonSchema, { io: 'input', unrepresentable: 'any' }) as Record<
    string,
    unknown
  >;
  return {
    ...schema,
    title: '决算数据包 (juesuan.package/1)',
    description:
      '一个部门一个年度的决算数据。facts 按“度量 → 维度键 → 数值”组织，维度键形如 "func=210 nature=basic"（省略取默认值的维度）；' +
      '金额为 amounts.unit 下的十进制字符串，数量为整数。',
  };
}
