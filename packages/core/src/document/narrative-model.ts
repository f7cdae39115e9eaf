/**
 * The narrative model: everything a 情况说明 can state, computed from the package, as the variables
 * a profile's Liquid templates read. Templates choose the wording and which items to state; every
 * number they print is a figure object from here, and every reason they ask for is a reason object
 * that prints the package's text (narrative.reasons[statement id]) or a visible placeholder.
 *
 * A figure prints as a private-use marker that narrative.ts turns back into a `figure` Run with its
 * FigureSource after rendering, so provenance survives the template.
 *
 * Statement ids (narrative.reasons keys) are readable and stable:
 *   <item>.yoy           reason for a change against last year (income.total.yoy, basicEcon.301.yoy,
 *                        threePublic.reception.yoy, operatingCost.yoy, …)
 *   budget.<fund>[.<code>]   reason why 决算 differs from the budget (budget.fiscal.208, budget.gpb.2101501)
 *   threePublic.<item>.budget / .activity   三公 决算 vs budget; what the money was spent on
 *   purpose.<code>       主要用于 of a 项 (Shanghai)
 */
import { Drop } from 'liquidjs';
import { type Catalog, levelOf, parentCode } from '../catalog';
import { keyOf, MEASURES, THREE_PUBLIC_ITEMS, type ThreePublicItem, VEHICLE_KINDS } from '../facts';
import type { DataPackage } from '../package';
import type { PerformanceProfile } from '../performance/profile';
import {
  PROJECT_EXPENSE_KEY,
  type ProjectSummary,
  performanceKey,
  summarizePerformance,
} from '../performance/summary';
import { codeName } from '../views';
import type { BudgetCompletion, FigureBook, FigureRun, YearOverYear } from './figures';
import type { Run } from './model';
import type { PlaceholderKind, RenderState, StatementRequest } from './narrative-profile';

const MARK_OPEN = '\uE000';
const MARK_CLOSE = '\uE001';
export const MARKER_PATTERN = /\uE000(\d+)\uE001/g;

/** A placeholder the rendering asked for: what is missing, and about which statement. */
export interface PlaceholderInfo {
  statement: string;
  kind: PlaceholderKind;
  /** What the user has to write, for the finding: 主要原因, 主要用途, … */
  what: string;
  /** The statement it belongs to as printed, e.g. 本年收入合计比上年增加 1.62 万元. */
  detail?: string;
  /** Where in the package the user writes it, when not narrative.reasons[statement]. */
  pointer?: string;
}

/**
 * The runs of one rendering, addressed by marker. Figures and placeholders are registered when
 * their objects are made or first printed; only the markers that reach the output become runs.
 */
export class RunBook implements RenderState {
  readonly runs: Run[] = [];
  readonly placeholders = new Map<number, PlaceholderInfo>();
  private readonly placeholderIds = new Map<string, number>();

  constructor(
    readonly reasons: Readonly<Record<string, string>>,
    readonly placeholderText: Readonly<Record<PlaceholderKind, string>>,
  ) {}

  mark(run: Run): string {
    this.runs.push(run);
    return `${MARK_OPEN}${this.runs.length - 1}${MARK_CLOSE}`;
  }

  /**
   * User text, as a marker: it becomes a text run after rendering, so nothing the user writes is
   * read as the templates' line markup (a duty starting with #, …).
   */
  text(text: string): string {
    return this.mark({ kind: 'text', text });
  }

  /** The package's text for a statement, cleaned for one paragraph, or a placeholder marker. */
  reason(info: PlaceholderInfo): string {
    const written = cleanText(this.reasons[info.statement] ?? '');
    if (written) return this.text(written);
    const known = this.placeholderIds.get(`${info.kind}:${info.statement}`);
    if (known !== undefined) return `${MARK_OPEN}${known}${MARK_CLOSE}`;
    const text = this.placeholderText[info.kind].replaceAll('{what}', info.what);
    const marker = this.mark({ kind: 'placeholder', text, statement: info.statement });
    const id = this.runs.length - 1;
    this.placeholders.set(id, info);
    this.placeholderIds.set(`${info.kind}:${info.statement}`, id);
    return marker;
  }

  statement(request: StatementRequest): string {
    return this.reason({ statement: request.statement, kind: 'text', what: request.what });
  }
}

/**
 * User text inside one paragraph: no line breaks (a line is a paragraph), no markers, and no final
 * stop, which the template's wording supplies.
 */
export function cleanText(text: string): string {
  return text
    .replace(/[\uE000\uE001]/g, '')
    .replace(/\s*\n\s*/g, '')
    .trim()
    .replace(/[。．.；;，,\s]+$/u, '');
}

export class FigureDrop extends Drop {
  constructor(
    private readonly book: RunBook,
    readonly run: FigureRun,
  ) {
    super();
  }
  override valueOf(): string {
    return this.book.mark(this.run);
  }
  /** Prints as zero. */
  get zero(): boolean {
    return /^-?[0.,]*$/.test(this.run.text);
  }
}

/** A reason (or other written statement) the wording asks for. */
export class ReasonDrop extends Drop {
  constructor(
    private readonly book: RunBook,
    private readonly info: PlaceholderInfo,
  ) {
    super();
  }
  override valueOf(): string {
    return this.book.reason(this.info);
  }
  /** The package gives the text. */
  get written(): boolean {
    return cleanText(this.book.reasons[this.info.statement] ?? '') !== '';
  }
  get statement(): string {
    return this.info.statement;
  }
}

class YoyDrop extends Drop {
  constructor(
    private readonly book: RunBook,
    private readonly yoy: YearOverYear,
    readonly statement: string,
    private readonly label: string,
    private readonly unitLabel: string,
  ) {
    super();
  }
  get flat(): boolean {
    return this.yoy.flat;
  }
  get up(): boolean {
    return !this.yoy.flat && this.yoy.delta > 0n;
  }
  get down(): boolean {
    return !this.yoy.flat && this.yoy.delta < 0n;
  }
  /** 增加 / 减少. */
  get word(): string {
    return this.yoy.delta < 0n ? '减少' : '增加';
  }
  /** 增长 / 下降. */
  get rateWord(): string {
    return this.yoy.delta < 0n ? '下降' : '增长';
  }
  get change(): FigureDrop {
    return new FigureDrop(this.book, this.yoy.change);
  }
  /** Null when last year was zero. */
  get rate(): FigureDrop | null {
    return this.yoy.rate ? new FigureDrop(this.book, this.yoy.rate) : null;
  }
  get prior(): FigureDrop {
    return new FigureDrop(this.book, this.yoy.priorAmount);
  }
  get reason(): ReasonDrop {
    const rate = this.yoy.rate ? `，${this.rateWord} ${this.yoy.rate.text}%` : '';
    return new ReasonDrop(this.book, {
      statement: `${this.statement}.yoy`,
      kind: 'yoy',
      what: '主要原因',
      detail: `${this.label}比上年${this.word} ${this.yoy.change.text} ${this.unitLabel}${rate}`,
    });
  }
}

class CompletionDrop extends Drop {
  constructor(
    private readonly book: RunBook,
    private readonly completion: BudgetCompletion,
    readonly statement: string,
    private readonly itemLabel: string,
    /** 年初预算 / 全年预算. */
    readonly label: string,
    private readonly unitLabel: string,
  ) {
    super();
  }
  /** 年初 / 全年: 年初未安排预算. */
  get stage(): string {
    return this.label.replace(/预算$/, '');
  }
  get budget(): FigureDrop {
    return new FigureDrop(this.book, this.completion.budget);
  }
  get actual(): FigureDrop {
    return new FigureDrop(this.book, this.completion.actual);
  }
  /** Null when there is no budget: then no completion rate may be printed. */
  get rate(): FigureDrop | null {
    return this.completion.rate ? new FigureDrop(this.book, this.completion.rate) : null;
  }
  get noBudget(): boolean {
    return this.completion.noBudget;
  }
  get budgetReported(): boolean {
    return this.completion.budgetReported;
  }
  /** 决算 and budget agree as printed: no reason is due. */
  get equal(): boolean {
    return !this.completion.differs;
  }
  get differs(): boolean {
    return this.completion.differs;
  }
  get over(): boolean {
    return this.completion.over;
  }
  get under(): boolean {
    return this.completion.under;
  }
  /** 大于 / 小于 / 等于 (决算数 … 预算数). */
  get word(): string {
    return this.completion.over ? '大于' : this.completion.under ? '小于' : '等于';
  }
  get reason(): ReasonDrop {
    const budget = this.completion.noBudget
      ? `${this.stage}未安排预算`
      : `${this.label}数 ${this.completion.budget.text} ${this.unitLabel}`;
    return new ReasonDrop(this.book, {
      statement: this.statement,
      kind: 'budget',
      what: '预决算差异主要原因',
      detail: `${this.itemLabel}决算数 ${this.completion.actual.text} ${this.unitLabel}，${budget}`,
    });
  }
}

/** An amount of the narrative with what may be said about it. */
export class ItemDrop extends Drop {
  constructor(
    protected readonly model: ModelContext,
    /** Statement id prefix: income.total, basicEcon.301, threePublic.reception, … */
    readonly id: string,
    readonly label: string,
    readonly key: string,
    private readonly wholeKey?: string,
  ) {
    super();
  }
  get amount(): FigureDrop {
    return new FigureDrop(this.model.book, this.model.figures.amount(this.key));
  }
  get zero(): boolean {
    return this.model.figures.printedUnits(this.model.figures.current(this.key) ?? 0n) === 0n;
  }
  get reported(): boolean {
    return this.model.figures.current(this.key) !== undefined;
  }
  /** Share of the whole this item is stated against; null when the whole is zero. */
  get share(): FigureDrop | null {
    if (!this.wholeKey) return null;
    const share = this.model.figures.share(this.key, this.wholeKey);
    return share ? new FigureDrop(this.model.book, share) : null;
  }
  /** Against last year; null when last year's figure is not in the package. */
  get yoy(): YoyDrop | null {
    const yoy = this.model.figures.yearOverYear(this.key);
    return yoy ? new YoyDrop(this.model.book, yoy, this.id, this.label, this.model.unitLabel) : null;
  }
  /** Last year's figure is known and nonzero, or this year's is nonzero: worth a sentence. */
  get present(): boolean {
    const prior = this.model.figures.prior(this.key)?.value ?? 0n;
    const current = this.model.figures.current(this.key) ?? 0n;
    return this.model.figures.printedUnits(current) !== 0n || this.model.figures.printedUnits(prior) !== 0n;
  }
  /** Completion of a budget (fact key of the budget), with the reason statement id. */
  completion(budgetKey: string, statement: string, label: string): CompletionDrop {
    return new CompletionDrop(
      this.model.book,
      this.model.figures.completion(this.key, budgetKey),
      statement,
      this.label,
      label,
      this.model.unitLabel,
    );
  }
}

/** An item with a budget to compare with. */
class BudgetedItemDrop extends ItemDrop {
  constructor(
    model: ModelContext,
    id: string,
    label: string,
    key: string,
    private readonly budgetKey: string,
    private readonly budgetStatement: string,
    private readonly budgetLabel: string,
    wholeKey?: string,
  ) {
    super(model, id, label, key, wholeKey);
  }
  get budget(): CompletionDrop {
    return this.completion(this.budgetKey, this.budgetStatement, this.budgetLabel);
  }
}

/** A functional code (类, 款 or 项) with its names. */
class CodeItemDrop extends BudgetedItemDrop {
  constructor(
    model: ModelContext,
    readonly code: string,
    key: string,
    budgetKey: string,
    budgetStatement: string,
    wholeKey?: string,
  ) {
    super(model, `func.${code}`, model.codePath(code), key, budgetKey, budgetStatement, '年初预算', wholeKey);
  }
  get name(): string {
    return this.model.codeName(this.code);
  }
  /** 类 / 款 / 项. */
  get level(): string {
    return levelOf(this.code) ?? '';
  }
  /** 卫生健康支出（类）医疗保障管理事务（款）行政运行（项）. */
  get path(): string {
    return this.model.codePath(this.code);
  }
  /** 主要用于: written per 项 (narrative.reasons["purpose.<code>"]). */
  get purpose(): ReasonDrop {
    return new ReasonDrop(this.model.book, {
      statement: `purpose.${this.code}`,
      kind: 'purpose',
      what: '主要用途',
      detail: this.path,
    });
  }
}

class ThreePublicItemDrop extends ItemDrop {
  constructor(
    model: ModelContext,
    private readonly item: ThreePublicItem,
  ) {
    super(
      model,
      item === 'total' ? 'threePublic' : `threePublic.${item}`,
      MEASURES.threePublic.dims.item.values[item],
      keyOf('threePublic', { item }),
      item === 'total' ? undefined : keyOf('threePublic'),
    );
  }
  /** Against the 年初预算数. */
  get initial(): CompletionDrop {
    return this.completion(
      keyOf('threePublic', { item: this.item, col: 'initialBudget' }),
      `${this.id}.budget`,
      '年初预算',
    );
  }
  /** Against the 全年预算数 (Jiangxi from 2024). */
  get final(): CompletionDrop {
    return this.completion(
      keyOf('threePublic', { item: this.item, col: 'finalBudget' }),
      `${this.id}.budget`,
      '全年预算',
    );
  }
  /** What the money was spent on (开支内容 / 主要用于). */
  get activity(): ReasonDrop {
    return new ReasonDrop(this.model.book, {
      statement: `${this.id}.activity`,
      kind: 'activity',
      what: '开支内容',
      detail: this.label,
    });
  }
}

/** What every part of the model needs: the package, its figures, the run book, names. */
export class ModelContext {
  constructor(
    readonly pkg: DataPackage,
    readonly catalog: Catalog,
    readonly figures: FigureBook,
    readonly book: RunBook,
    /** The profile's scoring rules: with them the performance data is summarised and scored. */
    readonly performance?: PerformanceProfile,
  ) {}

  get unitLabel(): string {
    return this.figures.format.unit;
  }

  codeName(code: string): string {
    return codeName(this.pkg, this.catalog, 'functional', code);
  }

  /** 卫生健康支出（类）医疗保障管理事务（款）行政运行（项）. */
  codePath(code: string): string {
    const chain: string[] = [];
    for (let c: string | undefined = code; c; c = parentCode(c)) chain.unshift(c);
    return chain.map((c) => `${this.codeName(c)}（${levelOf(c) ?? ''}）`).join('');
  }

  economicName(code: string): string {
    return codeName(this.pkg, this.catalog, 'economic', code);
  }

  /** Functional codes with a nonzero fact of `measure` whose other dimensions are `dims`. */
  codesWith(measure: 'expense' | 'budget' | 'income', dims: Record<string, string>): string[] {
    const codes = new Set<string>();
    for (const { fact, value } of this.pkg.facts.facts(measure)) {
      const code = fact.dims.func;
      if (!code || code === '*' || value === 0n) continue;
      const others = Object.entries(dims).every(([d, v]) => fact.dims[d] === v);
      const rest = Object.entries(fact.dims).every(
        ([d, v]) => d === 'func' || d in dims || v === defaultOf(measure, d),
      );
      if (others && rest) codes.add(code);
    }
    return [...codes].sort();
  }
}

function defaultOf(measure: 'expense' | 'budget' | 'income', dim: string): string | undefined {
  const spec = MEASURES[measure].dims as Record<string, { default?: string }>;
  return spec[dim]?.default;
}

/** Codes that have no reported descendant among `codes`: the deepest level each branch reports. */
function leaves(codes: readonly string[]): string[] {
  const set = new Set(codes);
  return codes.filter((code) => ![...set].some((other) => other !== code && other.startsWith(code)));
}

function withAncestors(codes: readonly string[]): string[] {
  const set = new Set<string>();
  for (const code of codes) for (let c: string | undefined = code; c; c = parentCode(c)) set.add(c);
  return [...set].sort();
}

const INCOME_SOURCES = ['fiscal', 'business', 'operating', 'superior', 'affiliate', 'other'] as const;
const EXPENSE_NATURES = ['basic', 'project', 'operating', 'upper', 'subsidy'] as const;

/** The Liquid scope of one package: the variables every template may read. */
export function buildNarrativeScope(model: ModelContext): Record<string, unknown> {
  const { pkg, figures, book } = model;
  const item = itemMaker(model);
  const units = pkg.units.length ? pkg.units : [{ name: pkg.department.name }];
  return {
    year: pkg.department.year,
    lastYear: pkg.department.year - 1,
    unit: figures.format.unit,
    dept: {
      name: pkg.department.name,
      level: pkg.department.level ?? '',
      region: pkg.department.region ?? '',
    },
    units: {
      count: units.length,
      single: units.length === 1,
      list: units.map((u, i) => ({
        index: i + 1,
        name: u.name,
        budgetLevel: 'budgetLevel' in u ? (u.budgetLevel ?? '') : '',
        kind: 'kind' in u ? (u.kind ?? '') : '',
      })),
    },
    duties: pkg.narrative.duties
      .map(cleanParagraph)
      .filter(Boolean)
      .map((text) => book.text(text)),
    organization: pkg.narrative.organization
      .map(cleanParagraph)
      .filter(Boolean)
      .map((text) => book.text(text)),
    dutiesMissing: new ReasonDrop(book, { statement: 'duties', kind: 'duties', what: '部门主要职责' }),
    personnel: personnelScope(model),
    income: incomeScope(model),
    expense: expenseScope(model),
    // 收入支出总计 (Shanghai §一) is the one total of both sides.
    grandTotal: item('grandTotal', '收入支出总计', keyOf('grandTotal', { side: 'income' })),
    fiscal: fiscalScope(model),
    gpb: gpbScope(model),
    gfb: fundScope(model, 'gfb', '政府性基金预算财政拨款'),
    socb: fundScope(model, 'socb', '国有资本经营预算财政拨款'),
    threePublic: threePublicScope(model),
    operatingCost: item('operatingCost', '机关运行经费', keyOf('operatingCost')),
    procurement: procurementScope(model),
    assets: assetsScope(model),
    performance: performanceScope(model),
  };
}

/** `item(id, label, key, whole?)`: an amount of the model, stated as a share of `whole` when given. */
function itemMaker(model: ModelContext) {
  return (id: string, label: string, key: string, whole?: string) =>
    new ItemDrop(model, id, label, key, whole);
}

/** 本年收入 and its sources (each a share of the total), with 收入总计 and what adds to it. */
function incomeScope(model: ModelContext) {
  const item = itemMaker(model);
  const incomeTotal = keyOf('income');
  const sourceLabel = MEASURES.income.dims.source.values;
  const incomeSources = Object.fromEntries(
    (
      ['fiscal', 'gpb', 'gfb', 'socb', 'superior', 'business', 'operating', 'affiliate', 'other'] as const
    ).map((source) => [
      source,
      item(`income.${source}`, sourceLabel[source], keyOf('income', { source }), incomeTotal),
    ]),
  ) as Record<string, ItemDrop>;
  return {
    grandTotal: item('income.grandTotal', '收入总计', keyOf('grandTotal', { side: 'income' })),
    opening: item('balance.opening', '年初结转和结余', keyOf('balance', { when: 'opening' })),
    surplusUsed: item('surplusUsed', '使用非财政拨款结余', keyOf('surplusUsed')),
    total: item('income.total', '本年收入合计', incomeTotal),
    ...incomeSources,
    sources: INCOME_SOURCES.map((s) => incomeSources[s]!),
  };
}

/** 本年支出 and its natures (each a share of the total), with 支出总计 and what adds to it. */
function expenseScope(model: ModelContext) {
  const item = itemMaker(model);
  const expenseTotal = keyOf('expense');
  const natureLabel = MEASURES.expense.dims.nature.values;
  const natures = Object.fromEntries(
    EXPENSE_NATURES.map((nature) => [
      nature,
      item(`expense.${nature}`, natureLabel[nature], keyOf('expense', { nature }), expenseTotal),
    ]),
  ) as Record<string, ItemDrop>;
  return {
    grandTotal: item('expense.grandTotal', '支出总计', keyOf('grandTotal', { side: 'expense' })),
    total: item('expense.total', '本年支出合计', expenseTotal),
    distribution: item('surplusDistribution', '结余分配', keyOf('surplusDistribution')),
    closing: item('balance.closing', '年末结转和结余', keyOf('balance', { when: 'closing' })),
    ...natures,
    natures: EXPENSE_NATURES.map((n) => natures[n]!),
  };
}

/** 财政拨款 as a whole: totals, spending against the 年初预算, and its 类 spent or budgeted. */
function fiscalScope(model: ModelContext) {
  const item = itemMaker(model);
  const fiscalClassCodes = new Set([
    ...model.codesWith('expense', { fund: 'fiscal' }).filter((c) => c.length === 3),
    ...model.codesWith('budget', { fund: 'fiscal', stage: 'initial' }).filter((c) => c.length === 3),
  ]);
  return {
    grandTotal: item(
      'fiscal.grandTotal',
      '财政拨款收入支出总计',
      keyOf('grandTotal', { side: 'income', fund: 'fiscal' }),
    ),
    income: item('income.fiscal', '财政拨款收入', keyOf('income', { source: 'fiscal' })),
    expense: new BudgetedItemDrop(
      model,
      'fiscal.expense',
      '财政拨款本年支出',
      keyOf('expense', { fund: 'fiscal' }),
      keyOf('budget', { stage: 'initial' }),
      'budget.fiscal',
      '年初预算',
    ),
    classes: [...fiscalClassCodes]
      .sort()
      .map(
        (code) =>
          new CodeItemDrop(
            model,
            code,
            keyOf('expense', { func: code, fund: 'fiscal' }),
            keyOf('budget', { func: code, stage: 'initial' }),
            `budget.fiscal.${code}`,
          ),
      ),
  };
}

/** One fund of 财政拨款 (一般公共预算, 政府性基金, 国有资本经营): income, spending, balances, 科目. */
function fundScope(model: ModelContext, fund: 'gpb' | 'gfb' | 'socb', label: string) {
  const { figures } = model;
  const item = itemMaker(model);
  const total = keyOf('expense', { fund });
  const codes = model.codesWith('expense', { fund });
  const code = (c: string, whole?: string) =>
    new CodeItemDrop(
      model,
      c,
      keyOf('expense', { func: c, fund }),
      keyOf('budget', { func: c, fund, stage: 'initial' }),
      `budget.${fund}.${c}`,
      whole,
    );
  return {
    expense: new BudgetedItemDrop(
      model,
      `${fund}.expense`,
      `${label}支出`,
      total,
      keyOf('budget', { fund, stage: 'initial' }),
      `budget.${fund}`,
      '年初预算',
      keyOf('expense'),
    ),
    income: item(`income.${fund}`, `${label}收入`, keyOf('income', { source: fund }), keyOf('income')),
    basic: item(`${fund}.basic`, '基本支出', keyOf('expense', { fund, nature: 'basic' }), total),
    project: item(`${fund}.project`, '项目支出', keyOf('expense', { fund, nature: 'project' }), total),
    opening: item(`${fund}.opening`, '年初结转和结余', keyOf('balance', { when: 'opening', fund })),
    closing: item(`${fund}.closing`, '年末结转和结余', keyOf('balance', { when: 'closing', fund })),
    classes: withAncestors(codes)
      .filter((c) => c.length === 3)
      .map((c) => code(c, total)),
    /** Every 项 (or the deepest level reported) with spending, in code order. */
    items: leaves(codes).map((c) => code(c, total)),
    /** Nothing to state: no income, spending or balance of this fund. */
    empty: [
      keyOf('income', { source: fund }),
      total,
      keyOf('balance', { when: 'opening', fund }),
      keyOf('balance', { when: 'closing', fund }),
    ].every((k) => figures.printedUnits(figures.current(k) ?? 0n) === 0n),
  };
}

/** 一般公共预算财政拨款, with its 基本支出 by 人员经费 / 公用经费 and by economic 类. */
function gpbScope(model: ModelContext) {
  const { pkg } = model;
  const item = itemMaker(model);
  const econClasses = [
    ...new Set(
      [...pkg.facts.facts('basicEcon'), ...(pkg.priorYear ? [...pkg.priorYear.facts('basicEcon')] : [])]
        .map((f) => f.fact.dims.econ!)
        .filter((c) => c.length === 3),
    ),
  ].sort();
  const econ = Object.fromEntries(
    econClasses.map((c) => [
      c,
      item(`basicEcon.${c}`, model.economicName(c), keyOf('basicEcon', { econ: c })),
    ]),
  ) as Record<string, ItemDrop>;
  const econNames = (group: 'personnel' | 'public') =>
    [...pkg.facts.facts('basicEcon')]
      .filter(({ fact, value }) => {
        const code = fact.dims.econ!;
        const personnel = code.startsWith('301') || code.startsWith('303');
        return code.length === 5 && value !== 0n && (group === 'personnel' ? personnel : !personnel);
      })
      .map(({ fact }) => fact.dims.econ!)
      .sort()
      .map((c) => model.economicName(c));
  return {
    ...fundScope(model, 'gpb', '一般公共预算财政拨款'),
    personnel: item('basicGroup.personnel', '人员经费', keyOf('basicGroup', { group: 'personnel' })),
    public: item('basicGroup.public', '公用经费', keyOf('basicGroup', { group: 'public' })),
    personnelNames: econNames('personnel').join('、'),
    publicNames: econNames('public').join('、'),
    econ,
    /** Economic 类 with spending this year or last, in code order. */
    econClasses: econClasses.map((c) => econ[c]!).filter((i) => i.present),
  };
}

/** “三公”经费: every item against its budgets, and the counts (批次, 人次, 辆). */
function threePublicScope(model: ModelContext) {
  const { pkg, figures, book } = model;
  const threePublicItems = Object.fromEntries(
    THREE_PUBLIC_ITEMS.map((i) => [i, new ThreePublicItemDrop(model, i)]),
  ) as Record<ThreePublicItem, ThreePublicItemDrop>;
  const threePublicCounts = Object.fromEntries(
    Object.keys(MEASURES.threePublicCount.dims.item.values).map((i) => [
      i,
      new FigureDrop(book, figures.count(keyOf('threePublicCount', { item: i }))),
    ]),
  );
  const threePublicKeys = [...pkg.facts.facts('threePublic')];
  return {
    ...threePublicItems,
    /** 因公出国（境）费, 公务用车购置及运行维护费, 公务接待费: the three the total is made of. */
    mainItems: [threePublicItems.abroad, threePublicItems.vehicle, threePublicItems.reception],
    counts: threePublicCounts,
    reported: threePublicKeys.length > 0,
    /** No 三公 money at all, spent or budgeted. */
    empty: threePublicKeys.every(({ value }) => figures.printedUnits(value) === 0n),
  };
}

/** 政府采购: the total, by category, and what went to small and medium enterprises. */
function procurementScope(model: ModelContext) {
  const item = itemMaker(model);
  const procurementTotal = keyOf('procurement');
  const procurementItem = (id: string, label: string, dims: Record<string, string>, whole: string) =>
    item(`procurement.${id}`, label, keyOf('procurement', dims), whole);
  const sme = keyOf('procurement', { awardee: 'sme' });
  return {
    total: item('procurement.total', '政府采购支出总额', procurementTotal),
    goods: procurementItem('goods', '货物', { category: 'goods' }, procurementTotal),
    works: procurementItem('works', '工程', { category: 'works' }, procurementTotal),
    services: procurementItem('services', '服务', { category: 'services' }, procurementTotal),
    sme: procurementItem('sme', '授予中小企业合同金额', { awardee: 'sme' }, procurementTotal),
    micro: procurementItem('micro', '授予小微企业合同金额', { awardee: 'micro' }, sme),
    microOfTotal: procurementItem(
      'microOfTotal',
      '授予小微企业合同金额',
      { awardee: 'micro' },
      procurementTotal,
    ),
    categories: (['goods', 'works', 'services'] as const).map((category) => ({
      category,
      label: { goods: '货物', works: '工程', services: '服务' }[category],
      amount: procurementItem(category, category, { category }, procurementTotal),
      sme: procurementItem(
        `${category}Sme`,
        '授予中小企业合同金额',
        { category, awardee: 'sme' },
        keyOf('procurement', { category }),
      ),
    })),
    reported: model.figures.current(procurementTotal) !== undefined,
  };
}

/** 国有资产占用: counts by item (0 when not reported) and the vehicles by kind. */
function assetsScope(model: ModelContext) {
  const { pkg, figures, book } = model;
  const assets = Object.fromEntries(
    Object.keys(MEASURES.asset.dims.item.values).map((i) => [
      i,
      new FigureDrop(book, figures.count(keyOf('asset', { item: i }))),
    ]),
  );
  return {
    ...assets,
    vehicleList: VEHICLE_KINDS.map((i) => ({
      label: MEASURES.asset.dims.item.values[i],
      count: assets[i]!,
    })),
    reported: [...pkg.facts.facts('asset')].length > 0,
  };
}

/** 人员: counts by kind; null for a kind the package does not report. */
function personnelScope(model: ModelContext) {
  const { figures, book } = model;
  return Object.fromEntries(
    Object.keys(MEASURES.personnel.dims.kind.values).map((k) => {
      const key = keyOf('personnel', { kind: k });
      return [k, figures.current(key) === undefined ? null : new FigureDrop(book, figures.count(key))];
    }),
  );
}

/**
 * The 预算绩效情况说明 variables: the package's self-evaluations scored by the profile's rules
 * (performance/summary.ts), every number a figure with its `绩效:` keys and facts.
 */
function performanceScope(model: ModelContext) {
  const { pkg, figures, book } = model;
  const figure = (run: FigureRun) => new FigureDrop(book, run);
  const summary = model.performance ? summarizePerformance(pkg, model.performance) : undefined;
  const projects = summary?.projects ?? [];
  const budgetKeys = projects.map((p) => performanceKey.budget(p.index));
  const projectExpense = summary?.projectExpense;
  const coverageExceeds =
    projectExpense !== undefined && summary !== undefined && summary.budget > projectExpense;
  // A share above 100% is a data error the P-R22 check reports; a publication should not print it.
  const coverage =
    summary?.coverage != null && projectExpense !== undefined && !coverageExceeds
      ? figures.shareOf(summary.budget, projectExpense, [...budgetKeys, PROJECT_EXPENSE_KEY])
      : undefined;
  const whole = summary?.wholeDepartment;
  return {
    present: pkg.performance !== undefined,
    missing: new ReasonDrop(book, {
      statement: 'performance',
      kind: 'performance',
      what: '预算绩效情况说明',
    }),
    /** Scored 项目支出绩效自评表 to state: false when the package has none (or no scoring rules). */
    evaluated: projects.length > 0,
    projectCount: figure(
      figures.countOf(
        BigInt(projects.length),
        projects.map((p) => performanceKey.project(p.index)),
      ),
    ),
    /** Σ 全年预算数 / Σ 全年执行数; null when a table leaves its figure blank. */
    budget: summary?.budgetComplete ? figure(figures.amountOf(summary.budget, budgetKeys)) : null,
    executed: summary?.executedComplete
      ? figure(
          figures.amountOf(
            summary.executed,
            projects.map((p) => performanceKey.executed(p.index)),
          ),
        )
      : null,
    projectExpense: projectExpense !== undefined ? figure(figures.amount(PROJECT_EXPENSE_KEY)) : null,
    /** Share of the 决算's 项目支出 covered; null when it cannot be stated or exceeds 100%. */
    coverage: coverage ? figure(coverage) : null,
    /** The covered money exceeds the 项目支出 (the P-R22 check reports it): no share is stated. */
    coverageExceeds,
    /** Every grade of the profile, best first, with the number of projects in it by the rule score. */
    grades: (summary?.grades ?? []).map((g) => ({
      label: g.grade,
      /** No project has this grade: templates usually leave it unsaid. */
      none: g.projects.length === 0,
      count: figure(
        figures.countOf(
          BigInt(g.projects.length),
          g.projects.map((i) => performanceKey.project(i)),
        ),
      ),
    })),
    projects: projects.map((p) => projectScope(model, p)),
    /** The whole-department evaluation, only once every indicator is scored. */
    whole:
      summary?.wholeTotal !== undefined && whole
        ? {
            title: whole.system.title,
            score: figure(figures.scoreOf(summary.wholeTotal, [performanceKey.wholeTotal])),
            grade: summary.wholeGrade,
          }
        : null,
  };
}

/** One scored 项目支出绩效自评表: its money, 执行率 and rule score as figures. */
function projectScope(model: ModelContext, p: ProjectSummary) {
  const { figures, book } = model;
  const figure = (run: FigureRun) => new FigureDrop(book, run);
  const budgetKey = performanceKey.budget(p.index);
  const executedKey = performanceKey.executed(p.index);
  const rate =
    p.budget !== undefined && p.executed !== undefined
      ? figures.shareOf(p.executed, p.budget, [executedKey, budgetKey])
      : undefined;
  return {
    name: p.name,
    grade: p.grade,
    budget: p.budget !== undefined ? figure(figures.amountOf(p.budget, [budgetKey])) : null,
    executed: p.executed !== undefined ? figure(figures.amountOf(p.executed, [executedKey])) : null,
    /** 执行率 = 全年执行数 ÷ 全年预算数; null without a budget. */
    rate: rate ? figure(rate) : null,
    score: figure(figures.scoreOf(p.score.ruleTotal, [performanceKey.projectScore(p.index)])),
  };
}

/** A paragraph of user text (职责, 机构): one line, markers removed, its own punctuation kept. */
export function cleanParagraph(text: string): string {
  return text
    .replace(/[\uE000\uE001]/g, '')
    .replace(/\s*\n\s*/g, '')
    .trim();
}
