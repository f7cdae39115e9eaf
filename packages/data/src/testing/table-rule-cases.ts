/**
 * Test-only: the rule cases that mean the same on more than one profile — the same rule, broken by
 * the same mutation, found in the same places — written once. Each profile's rules-<id>.test.ts
 * gives its table layout (where its rows stand) and adds the cases that depend on its own base.
 *
 * Mutations move a figure by one step of 1.00 万元: written '1.00' in a package kept in 万元 and
 * '10000.00' in one kept in 元, so the same case serves both (view edits print the step in 分).
 */
import type { RuleCase } from './rule-cases';

/** 1.00 万元 in 分, for view edits. */
export const WAN = 1_000_000n;

/** 1.00 万元 written in a package's unit, and how a test name shows it. */
export interface Step {
  amount: string;
  label: string;
  /** The step taken away: a difference of −1.00 万元. */
  negative: string;
}

export const IN_WAN: Step = { amount: '1.00', label: '1.00', negative: '-1.00' };
export const IN_YUAN: Step = { amount: '10000.00', label: '10,000', negative: '-10000.00' };

/**
 * Where a base's figures were rounded one by one, a sum it prints misses the sum of its parts by a
 * cent or two, and the difference a mutation makes is the step shifted by that: rule id → the
 * difference found (money in the package's unit).
 */
export type Rounded = Partial<Record<string, string>>;

/** The rows of 收入支出决算总表 (T01) and 财政拨款收入支出决算总表 (T04) that both tables hold. */
interface SummaryRows {
  /** 财政拨款收入 of 一般公共预算, 政府性基金预算 and 国有资本经营预算. */
  fiscalIncome: readonly [string, string, string];
  incomeTotal: string;
  opening: string;
  incomeGrandTotal: string;
  /** The first 功能分类 line of the expense side (类 201). */
  firstExpense: string;
  /** The lines of 类 210 卫生健康 and 类 221 住房保障. */
  health: string;
  housing: string;
  expenseTotal: string;
  closing: string;
  expenseGrandTotal: string;
}

/**
 * Where a profile prints the rows the shared cases look at: by 行次 (`L27`) where the tables number
 * their lines (Jiangxi, 财政部), by key where they do not (Shanghai).
 */
export interface TableLayout {
  T01: SummaryRows & {
    surplusUsed: string;
    surplusDistribution: string;
    /** A line printed blank, where no figure may stand. */
    blank: string;
  };
  T04: SummaryRows & {
    /** 年初结转和结余 of 一般公共预算. */
    openingGpb: string;
    /** The expense side's column of all 财政拨款. */
    fiscal: string;
  };
}

/** 公开01 and 公开04 as Jiangxi prints them (2020 and 2024) and 财政部's 表1 and 表4. */
export const NUMBERED_LINES: TableLayout = {
  T01: {
    fiscalIncome: ['L1', 'L2', 'L3'],
    incomeTotal: 'L27',
    surplusUsed: 'L28',
    opening: 'L29',
    incomeGrandTotal: 'L31',
    firstExpense: 'L32',
    health: 'L40',
    housing: 'L50',
    expenseTotal: 'L58',
    surplusDistribution: 'L59',
    closing: 'L60',
    expenseGrandTotal: 'L62',
    blank: 'L9',
  },
  T04: {
    fiscalIncome: ['L1', 'L2', 'L3'],
    incomeTotal: 'L27',
    opening: 'L28',
    openingGpb: 'L29',
    incomeGrandTotal: 'L32',
    firstExpense: 'L33',
    health: 'L41',
    housing: 'L51',
    expenseTotal: 'L59',
    closing: 'L60',
    expenseGrandTotal: 'L64',
    fiscal: 'total',
  },
};

/**
 * Cases on the summary tables (T01–T04) and their sums, which hold on any base, whatever its codes.
 */
export function summaryTableCases(layout: TableLayout, step: Step, rounded: Rounded = {}): RuleCase[] {
  const raise = (rule: string) => rounded[rule] ?? step.amount;
  const lower = (rule: string) => rounded[rule] ?? step.negative;
  const { T01, T04 } = layout;
  return [
    {
      rule: 'T01-01',
      what: `本年收入合计 raised by ${step.label}`,
      fail: { facts: (f) => f.add('income', step.amount) },
      severity: 'error',
      cells: [`T01[${T01.incomeTotal}].amount`, `T01[${T01.fiscalIncome[0]}].amount`],
      difference: raise('T01-01'),
    },
    {
      rule: 'T01-02',
      what: `收入总计 raised by ${step.label}`,
      fail: { facts: (f) => f.add('grandTotal side=income', step.amount) },
      severity: 'error',
      cells: [T01.incomeGrandTotal, T01.incomeTotal, T01.surplusUsed, T01.opening].map(
        (row) => `T01[${row}].amount`,
      ),
      difference: raise('T01-02'),
    },
    {
      rule: 'T01-04',
      what: `支出总计 raised by ${step.label}`,
      fail: { facts: (f) => f.add('grandTotal side=expense', step.amount) },
      severity: 'error',
      cells: [T01.expenseGrandTotal, T01.expenseTotal, T01.surplusDistribution, T01.closing].map(
        (row) => `T01[${row}].amount`,
      ),
      difference: raise('T01-04'),
    },
    {
      rule: 'T01-05',
      what: `支出总计 raised by ${step.label}, 收入总计 kept`,
      fail: { facts: (f) => f.add('grandTotal side=expense', step.amount) },
      severity: 'error',
      cells: [`T01[${T01.incomeGrandTotal}].amount`, `T01[${T01.expenseGrandTotal}].amount`],
      difference: lower('T01-05'),
    },
    {
      rule: 'T01-06',
      what: `a figure printed on the blank line ${T01.blank} of T01`,
      fail: { views: (v) => v.print('T01', T01.blank, 'amount', WAN) },
      severity: 'error',
      cells: [`T01[${T01.blank}].amount`],
    },
    {
      rule: 'T02-03',
      what: `收入决算表合计 printed ${step.label} above 总表 本年收入合计 (one fact in a package)`,
      fail: { views: (v) => v.bump('T02', 'total', 'total', WAN) },
      severity: 'error',
      cells: ['T02[total].total', `T01[${T01.incomeTotal}].amount`],
      difference: raise('T02-03'),
    },
    {
      rule: 'T02-04',
      what: `财政拨款收入 raised by ${step.label}, the three fiscal lines of T01 kept`,
      fail: { facts: (f) => f.add('income source=fiscal', step.amount) },
      severity: 'error',
      cells: ['T02[total].fiscal', ...T01.fiscalIncome.map((row) => `T01[${row}].amount`)],
      difference: raise('T02-04'),
    },
    {
      rule: 'T03-03',
      what: `支出决算表合计 printed ${step.label} above 总表 本年支出合计 (one fact in a package)`,
      fail: { views: (v) => v.bump('T03', 'total', 'total', WAN) },
      severity: 'error',
      cells: ['T03[total].total', `T01[${T01.expenseTotal}].amount`],
      difference: raise('T03-03'),
    },
    {
      rule: 'T04-01',
      what: `财政拨款本年收入合计 raised by ${step.label}`,
      fail: { facts: (f) => f.add('income source=fiscal', step.amount) },
      severity: 'error',
      cells: [T04.incomeTotal, ...T04.fiscalIncome].map((row) => `T04[${row}].amount`),
      difference: raise('T04-01'),
    },
    {
      rule: 'T04-03',
      what: `财政拨款收入总计 raised by ${step.label}`,
      fail: { facts: (f) => f.add('grandTotal side=income fund=fiscal', step.amount) },
      severity: 'error',
      cells: [T04.incomeGrandTotal, T04.incomeTotal, T04.opening].map((row) => `T04[${row}].amount`),
      difference: raise('T04-03'),
    },
    {
      rule: 'T04-04',
      what: `财政拨款 卫生健康支出 raised by ${step.label}, its funds kept`,
      fail: { facts: (f) => f.add('expense func=210 fund=fiscal', step.amount) },
      severity: 'error',
      cells: [T04.fiscal, 'gpb', 'gfb', 'socb'].map((column) => `T04[${T04.health}].${column}`),
      difference: raise('T04-04'),
    },
    {
      rule: 'T04-05',
      what: `一般公共预算 本年支出合计 raised by ${step.label}`,
      fail: { facts: (f) => f.add('expense fund=gpb', step.amount) },
      severity: 'error',
      cells: [`T04[${T04.expenseTotal}].gpb`, `T04[${T04.firstExpense}].gpb`],
      difference: raise('T04-05'),
    },
    {
      rule: 'T04-06',
      what: `一般公共预算 支出总计 raised by ${step.label}`,
      fail: { facts: (f) => f.add('grandTotal side=expense fund=gpb', step.amount) },
      severity: 'error',
      cells: [T04.expenseGrandTotal, T04.expenseTotal, T04.closing].map((row) => `T04[${row}].gpb`),
      difference: raise('T04-06'),
    },
    {
      rule: 'T04-07',
      what: `财政拨款支出总计 raised by ${step.label}`,
      fail: { facts: (f) => f.add('grandTotal side=expense fund=fiscal', step.amount) },
      severity: 'error',
      cells: [`T04[${T04.incomeGrandTotal}].amount`, `T04[${T04.expenseGrandTotal}].${T04.fiscal}`],
      difference: lower('T04-07'),
    },
    {
      rule: 'T04-09',
      what: `T04 一般公共预算财政拨款收入 printed ${step.label} above T01's (one fact in a package)`,
      fail: { views: (v) => v.bump('T04', T04.fiscalIncome[0], 'amount', WAN) },
      severity: 'error',
      cells: [`T04[${T04.fiscalIncome[0]}].amount`, `T01[${T01.fiscalIncome[0]}].amount`],
      difference: raise('T04-09'),
    },
    {
      rule: 'T04-11.2',
      what: `T05 合计 printed ${step.label} above T04 一般公共预算 本年支出合计 (one fact in a package)`,
      fail: { views: (v) => v.bump('T05', 'total', 'total', WAN) },
      severity: 'error',
      cells: [`T04[${T04.expenseTotal}].gpb`, 'T05[total].total'],
      difference: lower('T04-11.2'),
    },
    {
      rule: 'T03-05',
      what: '合计 row printed empty',
      fail: { views: (v) => v.print('T03', 'total', 'total', undefined) },
      severity: 'error',
      cells: ['T03[total].total'],
    },
    {
      rule: 'T05-03',
      what: `公用经费合计 raised by ${step.label}`,
      fail: { facts: (f) => f.add('basicGroup group=public', step.amount) },
      severity: 'error',
      cells: ['T05[total].basic', 'T06[personnel].amount', 'T06[public].amount'],
      difference: lower('T05-03'),
    },
    {
      rule: 'T06-01',
      what: `30201 办公费 raised by ${step.label}, 302 kept`,
      fail: { facts: (f) => f.add('basicEcon econ=30201', step.amount) },
      severity: 'error',
      cells: ['T06[302].amount', 'T06[30201].amount'],
      difference: lower('T06-01'),
    },
    {
      rule: 'T06-02',
      what: `人员经费合计 raised by ${step.label}`,
      fail: { facts: (f) => f.add('basicGroup group=personnel', step.amount) },
      severity: 'error',
      cells: ['T06[personnel].amount', 'T06[301].amount', 'T06[303].amount'],
      difference: raise('T06-02'),
    },
    {
      rule: 'S-02',
      what: `工程采购 ${step.label} not in 政府采购支出总额`,
      fail: { facts: (f) => f.set('procurement category=works', step.amount) },
      severity: 'error',
      cells: ['S01[procurement].amount', 'S01[procurementGoods].amount'],
      difference: step.negative,
    },
  ];
}

/** 一般公共预算 spending under a 项 (`code`) that the base's 支出决算表 (T03) does not list. */
export function unlistedSpendingCase(step: Step, code: string): RuleCase {
  return {
    rule: 'T05-05',
    what: `一般公共预算 spending under ${code}, which T03 does not list`,
    fail: { facts: (f) => f.set(`expense func=${code} fund=gpb nature=basic`, step.amount) },
    severity: 'warning',
    cells: [`T03[${code}]（本表无此行）`],
  };
}

/**
 * Cases on 住房保障 (类 221, 款 22102, 项 2210201): they serve a base that has income under 221 and
 * 一般公共预算 spending under 2210201 (the Jingdezhen sample, the Shanghai base).
 */
export function housingCases(layout: TableLayout, step: Step, rounded: Rounded = {}): RuleCase[] {
  const { T01, T04 } = layout;
  return [
    {
      rule: 'T01-03',
      what: `住房保障支出 raised by ${step.label}`,
      fail: { facts: (f) => f.add('expense func=221', step.amount) },
      severity: 'error',
      cells: [`T01[${T01.expenseTotal}].amount`, `T01[${T01.firstExpense}].amount`],
      difference: rounded['T01-03'] ?? step.negative,
    },
    {
      rule: 'T02-01',
      what: `其他收入 of 221 raised by ${step.label}, its 本年收入合计 kept`,
      fail: { facts: (f) => f.add('income func=221 source=other', step.amount) },
      severity: 'error',
      cells: ['T02[221].total', 'T02[221].fiscal'],
      difference: step.negative,
    },
    {
      rule: 'T02-02',
      what: `款 22102 raised by ${step.label}, its 类 221 kept`,
      fail: { facts: (f) => f.add('income func=22102', step.amount) },
      severity: 'error',
      cells: ['T02[221].total', 'T02[22102].total'],
      difference: step.negative,
    },
    {
      rule: 'T03-04',
      what: `类 221 of T03 printed ${step.label} above 总表 (one fact in a package)`,
      fail: { views: (v) => v.bump('T03', '221', 'total', WAN) },
      severity: 'error',
      cells: ['T03[221].total', `T01[${T01.housing}].amount`],
      difference: step.amount,
    },
    {
      rule: 'T04-11',
      what: `T05 类 221 printed ${step.label} above T04 一般公共预算 (one fact in a package)`,
      fail: { views: (v) => v.bump('T05', '221', 'total', WAN) },
      severity: 'error',
      cells: [`T04[${T04.housing}].gpb`, 'T05[221].total'],
      difference: step.negative,
    },
    {
      rule: 'T05-01',
      what: `项目支出 of ${step.label} added to 2210201, its total kept`,
      fail: { facts: (f) => f.set('expense func=2210201 fund=gpb nature=project', step.amount) },
      severity: 'error',
      cells: ['T05[2210201].total', 'T05[2210201].basic', 'T05[2210201].project'],
      difference: step.negative,
    },
    {
      rule: 'T05-02',
      what: `项 2210201 raised by ${step.label}, its 款 22102 kept`,
      fail: { facts: (f) => f.add('expense func=2210201 fund=gpb', step.amount) },
      severity: 'error',
      cells: ['T05[22102].total', 'T05[2210201].total'],
      difference: step.negative,
    },
  ];
}

/**
 * 财政拨款 by fund on T04, on a base whose figures are exact (the Qingshanhu sample, the Shanghai
 * base): a 政府性基金 opening balance outside the 财政拨款 total, a 一般公共预算 closing balance its
 * income and spending do not leave, 卫生健康 财政拨款 above all spending of 210.
 */
export function fiscalFundCases(layout: TableLayout, step: Step): RuleCase[] {
  const { T01, T04 } = layout;
  return [
    {
      rule: 'T04-02',
      what: `政府性基金 年初结转和结余 of ${step.label} outside the fiscal total`,
      fail: { facts: (f) => f.set('balance when=opening fund=gfb', step.amount) },
      severity: 'error',
      cells: [`T04[${T04.opening}].amount`, `T04[${T04.openingGpb}].amount`],
      difference: step.negative,
    },
    {
      rule: 'T04-08',
      what: `一般公共预算 年末结转和结余 raised by ${step.label}`,
      fail: { facts: (f) => f.add('balance when=closing fund=gpb', step.amount) },
      severity: 'error',
      cells: [
        `T04[${T04.closing}].gpb`,
        `T04[${T04.fiscalIncome[0]}].amount`,
        `T04[${T04.openingGpb}].amount`,
        `T04[${T04.expenseTotal}].gpb`,
      ],
      difference: step.amount,
    },
    {
      rule: 'T04-12',
      what: `财政拨款 卫生健康支出 ${step.label} above all of 210`,
      fail: { facts: (f) => f.add('expense func=210 fund=fiscal', step.amount) },
      severity: 'warning',
      cells: [`T04[${T04.health}].${T04.fiscal}`, `T01[${T01.health}].amount`],
      difference: step.amount,
    },
  ];
}

/**
 * The 政府性基金 table's cases where a base has none of the fund (Jiangxi's T07 in 2024, T08 in
 * 2020): spending and balances under 2120201 that its parts or its 款 do not show.
 */
export function governmentFundCases(step: Step, table: string, spent: string): RuleCase[] {
  return [
    {
      rule: 'T07-01',
      what: `政府性基金 (${table}) spending of ${step.label} under 2120201 with no 基本/项目 split`,
      fail: { facts: (f) => f.set('expense func=2120201 fund=gfb', step.amount) },
      severity: 'error',
      cells: [`${table}[2120201].${spent}`, `${table}[2120201].basic`, `${table}[2120201].project`],
      difference: step.amount,
    },
    {
      rule: 'T07-01.2',
      what: `政府性基金 (${table}) 项 2120201 of ${step.label} without its 款 21202`,
      fail: {
        facts: (f) =>
          f
            .set('expense func=2120201 fund=gfb', step.amount)
            .set('expense func=2120201 fund=gfb nature=project', step.amount),
      },
      severity: 'error',
      cells: [`${table}[21202].${spent}`, `${table}[2120201].${spent}`],
      difference: step.negative,
    },
    {
      rule: 'T07-02',
      what: `政府性基金 (${table}) 年末结转和结余 of ${step.label} from nothing`,
      fail: { facts: (f) => f.set('balance when=closing fund=gfb', step.amount) },
      severity: 'error',
      cells: [
        `${table}[total].closing`,
        `${table}[total].opening`,
        `${table}[total].income`,
        `${table}[total].${spent}`,
      ],
      difference: step.amount,
    },
    {
      rule: 'T07-02.2',
      what: `政府性基金 (${table}) 年末结转和结余 of ${step.label} under 2120201 from nothing`,
      fail: { facts: (f) => f.set('balance when=closing fund=gfb func=2120201', step.amount) },
      severity: 'warning',
      cells: [`${table}[2120201].closing`],
      difference: step.amount,
    },
    {
      rule: 'T07-03',
      what: `${table} 合计 年初结转和结余 printed ${step.label}, T04 L30 kept (one fact in a package)`,
      fail: { views: (v) => v.bump(table, 'total', 'opening', WAN) },
      severity: 'error',
      cells: [`${table}[total].opening`, 'T04[L30].amount'],
      difference: step.amount,
    },
  ];
}

/**
 * The 国有资本经营 table's cases where a base has none of the fund: spending under 2299901 that its
 * parts or its 款 22999 do not show.
 */
export function stateCapitalCases(step: Step, spent: string): RuleCase[] {
  return [
    {
      rule: 'T08-01',
      what: `国有资本经营 spending of ${step.label} under 2299901 with no 基本/项目 split`,
      fail: { facts: (f) => f.set('expense func=2299901 fund=socb', step.amount) },
      severity: 'error',
      cells: [`T08[2299901].${spent}`, 'T08[2299901].basic', 'T08[2299901].project'],
      difference: step.amount,
    },
    {
      rule: 'T08-01.2',
      what: `国有资本经营 项 2299901 of ${step.label} without its 款 22999`,
      fail: {
        facts: (f) =>
          f
            .set('expense func=2299901 fund=socb', step.amount)
            .set('expense func=2299901 fund=socb nature=basic', step.amount),
      },
      severity: 'error',
      cells: [`T08[22999].${spent}`, `T08[2299901].${spent}`],
      difference: step.negative,
    },
    {
      rule: 'T08-02',
      what: 'empty T08 printed without its statement',
      fail: { views: (v) => v.dropStatement('T08') },
      severity: 'error',
      cells: [],
      id: 'T08-02@T08',
    },
  ];
}

/**
 * 三公 on one row of 预算数/决算数 pairs (T09[amounts]), with the counts, the split of 接待费 and the
 * vehicles in the supplementary table S01, as central departments and Shanghai print them. The
 * mutations are large (10,000 in the package's unit) so they break the identities on any base.
 */
export const THREE_PUBLIC_ON_ONE_ROW_CASES: readonly RuleCase[] = [
  {
    rule: 'T09-01',
    what: '“三公”经费 预算数 raised by 10,000',
    fail: { facts: (f) => f.add('threePublic col=initialBudget', '10000.00') },
    severity: 'error',
    cells: [
      'T09[amounts].totalBudget',
      'T09[amounts].abroadBudget',
      'T09[amounts].vehicleBudget',
      'T09[amounts].receptionBudget',
    ],
    difference: '10000.00',
  },
  {
    rule: 'T09-02',
    what: '公务用车购置及运行维护费 决算 raised by 10,000',
    fail: { facts: (f) => f.add('threePublic item=vehicle', '10000.00') },
    severity: 'error',
    cells: [
      'T09[amounts].vehicleActual',
      'T09[amounts].vehiclePurchaseActual',
      'T09[amounts].vehicleOperationActual',
    ],
    difference: '10000.00',
  },
  {
    rule: 'T09-03',
    what: '国内公务接待支出 in the narrative 10,000 above 公务接待费',
    fail: { facts: (f) => f.add('threePublic item=receptionDomestic', '10000.00') },
    severity: 'error',
    cells: ['T09[amounts].receptionActual', 'S01[receptionDomestic].amount', 'S01[receptionOverseas].amount'],
    difference: '-10000.00',
  },
  {
    rule: 'T09-04.2',
    what: '接待外宾批次 −1',
    fail: { facts: (f) => f.set('threePublicCount item=foreignBatches', -1n) },
    severity: 'error',
    cells: ['S01[foreignBatches].amount'],
    difference: -1n,
  },
  {
    rule: 'T10-01',
    what: '2 执法执勤用车 not in 车辆数合计',
    fail: { facts: (f) => f.set('asset item=vehicleLaw', 2n) },
    severity: 'error',
    cells: ['S01[vehicles].amount', 'S01[vehicleMinister].amount'],
    difference: -2n,
  },
];
