/**
 * Runs compiled rules over table views and reports findings.
 *
 * Severity of a finding: a check that holds on the figures as printed passes. One that fails as
 * printed but would hold for some true values within the printed precision (each money cell
 * ± halfStep) is `info` — 尾数误差. Otherwise it takes the rule's severity. A warning with a
 * written explanation (出错说明, keyed by finding id) is accepted.
 */

import { q, qIsZero, qMax, qRound, qSign } from '../exact';
import {
  type Amount,
  type CellPlace,
  columnPlace,
  type Finding,
  makeFinding,
  rowPlace,
  UniqueIds,
} from '../finding';
import { FEN_PER, isMoneyUnit } from '../money';
import type { AmountFormat } from '../package';
import type { TableView } from '../views';
import type * as A from './ast';
import {
  type CompiledCatalogue,
  type CompiledRule,
  type MESSAGE_PLACEHOLDERS,
  RULE_CATEGORIES,
  ruleAppliesIn,
  type Severity,
  type TemplatePart,
} from './catalogue';
import {
  type Bound,
  type CompareDetail,
  type Detail,
  type Env,
  MissingRowError,
  type PredicateDetail,
  type RunState,
  type Sink,
} from './evaluation';
import { exactDecimals, findingAmount, formatMoney } from './format';
import {
  type CellSlot,
  cellAddress,
  describeCell,
  describeColumn,
  describeRow,
  describeTable,
  indexTables,
  type TableIndex,
} from './tables';
import { renderBool, renderNum } from './unparse';
import { halfWidth, type Val } from './value';

export interface RunOptions {
  views: readonly TableView[];
  /** Last year's views, for 上年. references; rules that need them are skipped without. */
  priorViews?: readonly TableView[];
  /** Half of one printed last digit of money cells, in 分: 0 for exact figures, 5,000 for 万元 with 2 decimals. */
  halfStep: bigint;
  /**
   * By table id, for tables printed with their own precision (a published document with 元 tables
   * and a 万元 三公 table); the others take `halfStep`.
   */
  tableHalfSteps?: ReadonlyMap<string, bigint>;
  /** For last year's views when they were printed differently; defaults to `halfStep`. */
  priorHalfStep?: bigint;
  /** 出错说明 by finding id. */
  explanations?: Readonly<Record<string, string>>;
  /** How amounts in messages print; by default the views' unit with 2 decimals. */
  amounts?: AmountFormat;
  /**
   * How each table's own figures print, by table id, when tables print in different units: a cell
   * then reads in its table's unit, and a comparison in the finest unit of the tables it compares.
   */
  tableAmounts?: ReadonlyMap<string, AmountFormat>;
  /** Report year for `years` of rules; by default the views' year. */
  year?: number;
}

export interface RunSummary {
  counts: Record<Severity, number> & { accepted: number };
  rulesRun: number;
  /** Assertions evaluated (one per rule statement and binding of its variables). */
  checks: number;
  passed: number;
  skipped: { ruleId: string; reason: string }[];
  /**
   * Rules that could not be evaluated somewhere: a mistake of the rule, not of the data; or, with
   * `missingRow`, a row the table lacks (in a published document: not printed or not read).
   */
  ruleErrors: {
    ruleId: string;
    message: string;
    missingRow?: { table: string; line?: number; key?: string; code?: string };
  }[];
  /** No errors, no unexplained warnings and no rule errors. */
  clean: boolean;
}

export interface RunResult {
  findings: Finding[];
  summary: RunSummary;
}

const MAX_ERRORS_PER_RULE = 20;

export function runRules(rules: CompiledCatalogue | readonly CompiledRule[], options: RunOptions): RunResult {
  const list = 'rules' in rules ? rules.rules : rules;
  const state: RunState = {
    current: indexTables(options.views, false, options.halfStep, options.tableHalfSteps),
    ...(options.priorViews
      ? { prior: indexTables(options.priorViews, true, options.priorHalfStep ?? options.halfStep) }
      : {}),
  };
  const amounts = options.amounts ?? amountFormatOf(options.views);
  const year = options.year ?? options.views[0]?.year;
  const findings: Finding[] = [];
  const summary: RunSummary = {
    counts: { error: 0, warning: 0, info: 0, accepted: 0 },
    rulesRun: 0,
    checks: 0,
    passed: 0,
    skipped: [],
    ruleErrors: [],
    clean: true,
  };
  const context: RuleRunContext = {
    amounts,
    ...(options.tableAmounts ? { tableAmounts: options.tableAmounts } : {}),
    year,
    explanations: options.explanations ?? {},
  };
  // One environment for every rule: each leaves its variables unbound when it ends.
  const env: Env = { state, vars: new Map(), track: null, detailed: false };
  for (const rule of list) {
    const reason = skipReason(rule, state, year);
    if (reason) {
      summary.skipped.push({ ruleId: rule.def.id, reason });
      continue;
    }
    summary.rulesRun++;
    env.vars.clear();
    runRule(rule, env, context, findings, summary);
  }
  for (const finding of findings) {
    if (finding.explained !== undefined) summary.counts.accepted++;
    else summary.counts[finding.severity]++;
  }
  summary.clean =
    summary.counts.error === 0 && summary.counts.warning === 0 && summary.ruleErrors.length === 0;
  return { findings, summary };
}

/** The unit the views print money in (万元, 千元 or 元), 2 decimals. */
export function amountFormatOf(views: readonly TableView[]): AmountFormat {
  const unit = views.map((v) => v.unit).find(isMoneyUnit);
  return { unit: unit ?? '万元', decimals: 2 };
}

function skipReason(rule: CompiledRule, state: RunState, year: number | undefined): string | undefined {
  const { def, formula } = rule;
  if (def.enabled === false) return '规则已停用';
  if (def.years && !ruleAppliesIn(def.years, year)) {
    const { from, to } = def.years;
    const range =
      from !== undefined && to !== undefined
        ? `${from}–${to} 年`
        : from !== undefined
          ? `${from} 年起`
          : `${to} 年及以前`;
    return `仅适用于 ${range}，本报表为 ${year} 年`;
  }
  if (formula.usesPrior && !state.prior) return '未提供上年报表，跨年规则未运行';
  // Tested before the missing tables are listed: every rule is asked, for every package.
  if (!hasAll(state.current, formula.tables)) {
    return `本套报表没有表 ${formula.tables.filter((t) => !state.current.has(t)).join('、')}`;
  }
  if (!hasAll(state.prior, formula.priorTables)) {
    return `上年报表没有表 ${formula.priorTables.filter((t) => !state.prior?.has(t)).join('、')}`;
  }
  return undefined;
}

function hasAll(tables: ReadonlyMap<string, TableIndex> | undefined, ids: readonly string[]): boolean {
  for (const id of ids) if (!tables?.has(id)) return false;
  return true;
}

interface RuleRunContext {
  amounts: AmountFormat;
  tableAmounts?: ReadonlyMap<string, AmountFormat>;
  year: number | undefined;
  explanations: Readonly<Record<string, string>>;
}

function runRule(
  rule: CompiledRule,
  env: Env,
  context: RuleRunContext,
  findings: Finding[],
  summary: RunSummary,
): void {
  // Made when first needed: most rules raise no finding and no error.
  let ids: UniqueIds | undefined;
  let errors: Set<string> | undefined;
  const sink: Sink = {
    result(node, expr, env, truth) {
      summary.checks++;
      if (truth.nominal) {
        summary.passed++;
        return;
      }
      // Evaluate once more, collecting the cells read and the part that failed.
      env.detailed = true;
      env.track = [];
      let explained: typeof truth;
      try {
        explained = expr(env);
      } finally {
        env.detailed = false;
        env.track = null;
      }
      const finding = buildFinding(rule, node, explained.detail, truth.possible, env.vars, context);
      ids ??= new UniqueIds();
      finding.id = ids.next(finding.id);
      const explanation = context.explanations[finding.id];
      if (explanation?.trim() && finding.severity === 'warning') {
        finding.explained = explanation;
      }
      findings.push(finding);
    },
    error(error, loc, env) {
      errors ??= new Set();
      if (errors.size >= MAX_ERRORS_PER_RULE) return;
      const bindings = describeBindings(env.vars);
      const text = `规则 ${rule.def.id}（公式第 ${loc.line} 行第 ${loc.column} 列${bindings ? `，${bindings}` : ''}）：${error.message}`;
      if (errors.has(text)) return;
      errors.add(text);
      summary.ruleErrors.push({
        ruleId: rule.def.id,
        message: text,
        ...(error instanceof MissingRowError ? { missingRow: { table: error.table, ...error.row } } : {}),
      });
    },
  };
  rule.formula.execute(env, sink);
}

function describeBindings(vars: ReadonlyMap<string, Bound>): string {
  return [...vars]
    .map(
      ([name, bound]) =>
        `${name} = ${bound.kind === 'row' ? describeRow(bound.row) : describeHandle(bound.column)}`,
    )
    .join('，');
}

function describeHandle(handle: { no?: number; key?: string; label?: string }): string {
  if (handle.label !== undefined) {
    return describeColumn({
      key: handle.key ?? '',
      label: handle.label,
      ...(handle.no !== undefined ? { no: handle.no } : {}),
    });
  }
  return handle.no !== undefined ? `第${handle.no}栏` : (handle.key ?? '');
}

function buildFinding(
  rule: CompiledRule,
  node: A.AssertNode,
  detail: Detail | undefined,
  possible: boolean,
  vars: ReadonlyMap<string, Bound>,
  context: RuleRunContext,
): Finding {
  const { def } = rule;
  const rounding = possible && detail?.type === 'compare' && !detail.negated;
  const apart = possible ? undefined : lastDigitApart(detail);
  const severity: Severity = possible ? 'info' : apart && def.severity === 'error' ? 'warning' : def.severity;
  const cells = detail ? detailCells(detail) : [];
  const anchor = cells[0];
  const table = anchor?.table ?? (detail?.type === 'predicate' ? detail.table : undefined);
  const address = anchor
    ? cellAddress(anchor)
    : detail?.type === 'predicate' && detail.table
      ? `${detail.table.prior ? '上年.' : ''}${detail.table.id}`
      : `L${node.loc.line}C${node.loc.column}`;
  const amounts =
    detail?.type === 'compare'
      ? compareAmounts(detail, finestFormat(detailCells(detail), context))
      : undefined;
  const finding = makeFinding({
    id: `${def.id}@${address}`,
    rule: def.id,
    severity,
    ruleSeverity: def.severity,
    rounding,
    category: def.category,
    title: def.title,
    places: dedupeCells(cells).map((slot) => cellPlace(slot, formatOf(slot.table, context))),
    ...(amounts ?? {}),
    message: '',
  });
  const values = placeholderValues(rule, node, detail, finding, anchor, table, vars, context);
  const template = rule.message ?? defaultTemplate(detail);
  let message = apart ? roundingInconsistency(apart, finding) : renderTemplate(template, values, vars);
  if (severity === 'info' && rounding && finding.tolerance) {
    message += `（差额在尾数误差范围 ±${finding.tolerance.text} 内，属尾数误差）`;
  } else if (severity === 'info' && possible) {
    message += '（在尾数误差范围内）';
  }
  finding.message = message;
  return finding;
}

/** The two printings of one figure a rule holds equal, and one unit of their last printed digit. */
interface LastDigitApart {
  left: CellSlot;
  right: CellSlot;
  unit: bigint;
}

/**
 * Two printings of one figure (a total in two tables) that differ by exactly one unit of the last
 * printed digit: the official software rounds 元 to 万元 in each table on its own, so 12.35 in one
 * and 12.34 in the other can both come from one true figure. Less than that is 尾数误差 already;
 * more is a real difference.
 */
function lastDigitApart(detail: Detail | undefined): LastDigitApart | undefined {
  if (detail?.type !== 'compare' || detail.negated || detail.node.op !== '=') return undefined;
  if (detail.node.left.type !== 'Ref' || detail.node.right.type !== 'Ref') return undefined;
  const [left, right] = [detail.leftCells, detail.rightCells].map((cells) =>
    cells.length === 1 ? cells[0] : undefined,
  );
  const printedMoney = (slot: CellSlot | undefined): slot is CellSlot & { cell: { value: bigint } } =>
    slot?.cell?.kind === 'money' && slot.cell.value !== undefined && !slot.row.missing;
  if (!printedMoney(left) || !printedMoney(right)) return undefined;
  // One unit of the coarser of the two printings.
  const half = qMax(q(left.table.halfStep), q(right.table.halfStep)).n;
  const gap = left.cell.value - right.cell.value;
  return half > 0n && (gap === 2n * half || gap === -2n * half)
    ? { left, right, unit: 2n * half }
    : undefined;
}

function roundingInconsistency({ left, right }: LastDigitApart, finding: Finding): string {
  return (
    `舍入不一致：${describeCell(left)}印 ${finding.found?.text}，${describeCell(right)}印 ${finding.expected?.text}，` +
    `同一数相差末位一个单位（${finding.difference?.text.replace(/^-/, '')}）；多为两表分别由元折算为万元舍入所致，两处应印同一数`
  );
}

/** How a table's figures read in messages: in its own unit when the tables print in several. */
function formatOf(table: TableIndex, context: RuleRunContext): AmountFormat {
  return (table.prior ? undefined : context.tableAmounts?.get(table.id)) ?? context.amounts;
}

/** The finest unit of the cells' tables: found, expected and difference all read exactly in it. */
function finestFormat(cells: readonly CellSlot[], context: RuleRunContext): AmountFormat {
  let finest: AmountFormat | undefined;
  for (const { table } of cells) {
    const format = formatOf(table, context);
    if (!finest || FEN_PER[format.unit] < FEN_PER[finest.unit]) finest = format;
  }
  return finest ?? context.amounts;
}

function detailCells(detail: Detail): CellSlot[] {
  return detail.type === 'compare' ? [...detail.leftCells, ...detail.rightCells] : detail.cells;
}

function dedupeCells(cells: CellSlot[]): CellSlot[] {
  const seen = new Set<string>();
  return cells.filter((c) => {
    const key = `${c.table.prior ? 'P' : 'C'}${c.table.id}|${c.row.missing ? `?${c.row.code ?? c.row.key}` : c.row.index}|${c.column?.key ?? ''}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

function cellPlace(slot: CellSlot, format: AmountFormat): CellPlace {
  const row = slot.row;
  const cell = slot.cell;
  return {
    kind: 'cell',
    table: slot.table.id,
    tableNumber: slot.table.view.number,
    ...(slot.table.prior ? { prior: true as const } : {}),
    row: row.missing
      ? {
          ...(row.key !== undefined ? { key: row.key } : {}),
          ...(row.code !== undefined ? { code: row.code } : {}),
          label: row.label ?? '',
          missing: true as const,
        }
      : rowPlace(row.row),
    ...(slot.column ? { column: columnPlace(slot.column) } : {}),
    ...(cell?.value !== undefined
      ? { value: findingAmount(cell.kind, { n: cell.value, d: 1n }, format) }
      : {}),
    ...(cell?.na ? { na: true as const } : {}),
    address: cellAddress(slot),
  };
}

function compareAmounts(
  detail: CompareDetail,
  format: AmountFormat,
): Record<'found' | 'expected' | 'difference', Amount> & { tolerance?: Amount } {
  const { left, right, difference } = detail;
  const width = halfWidth(difference);
  const kind = difference.kind;
  // Found, expected and difference share their decimals so they read as one sum.
  const money = [left, right, difference].filter((v) => v.kind === 'money').map((v) => qRound(v.nom));
  const decimals = money.length ? exactDecimals(money, format) : format.decimals;
  // A zero that is only a number (a row the table does not have, a literal 0) reads in the unit compared.
  const amount = (v: Val) =>
    findingAmount(v.kind === 'number' && qIsZero(v.nom) ? kind : v.kind, v.nom, format, decimals);
  // A side made only of figures the package does not report reads 未填报, not a misleading 0.00.
  const unreported = (cells: readonly CellSlot[]) =>
    cells.length > 0 && cells.every((c) => c.cell !== undefined && !c.cell.na && c.cell.value === undefined);
  const show = (v: Val, cells: readonly CellSlot[]) =>
    unreported(cells) ? { ...amount(v), text: '未填报（按 0 计）' } : amount(v);
  return {
    found: show(left, detail.leftCells),
    expected: show(right, detail.rightCells),
    difference: amount(difference),
    ...(width && !qIsZero(width) ? { tolerance: findingAmount(kind, width, format) } : {}),
  };
}

type Values = Record<(typeof MESSAGE_PLACEHOLDERS)[number], string>;

function placeholderValues(
  rule: CompiledRule,
  node: A.AssertNode,
  detail: Detail | undefined,
  finding: Finding,
  anchor: CellSlot | undefined,
  table: TableIndex | undefined,
  vars: ReadonlyMap<string, Bound>,
  context: RuleRunContext,
): Values {
  const row = anchor?.row ?? (detail?.type === 'predicate' ? detail.row : undefined);
  const column = anchor?.column;
  const side = (expr: A.NumNode, cells: CellSlot[]) =>
    expr.type === 'Ref' && cells.length === 1 ? describeCell(cells[0]!) : renderNum(expr, vars);
  const values: Values = {
    id: rule.def.id,
    title: rule.def.title,
    severity: rule.def.severity,
    category: RULE_CATEGORIES[rule.def.category],
    table: table ? describeTable(table) : '',
    tableId: table?.id ?? '',
    tableTitle: table?.view.title ?? '',
    row: row ? describeRow(row) : '',
    rowLabel: row && !row.missing ? row.row.label : '',
    code: row ? ((row.missing ? row.code : row.row.code) ?? '') : '',
    line: row && !row.missing && row.row.line !== undefined ? String(row.row.line) : '',
    column: column ? describeColumn(column) : '',
    columnLabel: column?.label ?? '',
    cell: anchor ? describeCell(anchor) : table ? describeTable(table) : '',
    formula: renderBool(node.expr, vars),
    found: finding.found?.text ?? '—',
    expected: finding.expected?.text ?? '—',
    difference: finding.difference?.text ?? '—',
    tolerance: finding.tolerance?.text ?? formatMoney(0n, context.amounts, context.amounts.decimals),
    unit: context.amounts.unit,
    year: context.year !== undefined ? String(context.year) : '',
    left: '',
    right: '',
    detail: '',
  };
  if (detail?.type === 'compare') {
    values.left = side(detail.node.left, detail.leftCells);
    values.right = side(detail.node.right, detail.rightCells);
  }
  values.detail = detail ? describeDetail(detail, values) : `不满足：${values.formula}`;
  return values;
}

const COMPARE_WORDS: Record<A.CompareOp, { should: string; gap: string }> = {
  '=': { should: '应等于', gap: '相差' },
  '<>': { should: '不应等于', gap: '相差' },
  '<': { should: '应小于', gap: '超出' },
  '<=': { should: '不应大于', gap: '超出' },
  '>': { should: '应大于', gap: '相差' },
  '>=': { should: '不应小于', gap: '相差' },
};

function describeDetail(detail: Detail, values: Values): string {
  if (detail.type === 'compare') {
    if (detail.negated) return `不应满足 ${values.formula}（${values.found} 与 ${values.expected}）`;
    const words = COMPARE_WORDS[detail.node.op];
    const left = detail.node.left.type === 'Number' ? values.found : `${values.left}（${values.found}）`;
    const right =
      detail.node.right.type === 'Number' ? values.expected : `${values.right}（${values.expected}）`;
    const gap =
      detail.node.op === '<>' || qSign(detail.difference.nom) === 0
        ? ''
        : `，${words.gap} ${signless(values.difference, detail.difference)}`;
    return `${left}${words.should} ${right}${gap}`;
  }
  return describePredicate(detail, values);
}

function signless(text: string, difference: Val): string {
  return qSign(difference.nom) < 0 ? text.replace(/^-/, '') : text;
}

function describePredicate(detail: PredicateDetail, values: Values): string {
  const negated = detail.negated;
  const what =
    detail.cells.length > 1
      ? `${values.cell}等 ${detail.cells.length} 个单元格`
      : detail.cells.length === 1
        ? values.cell
        : values.table;
  const node = detail.node;
  if (node.type === 'RowIs') {
    return `${values.table}${values.row}${negated ? '不应' : '应'}为 ${node.kind}${node.negated ? '以外的行' : ''}`;
  }
  switch (node.name) {
    case 'PRESENT':
      return negated ? `${what} 不应填报` : `${what} 未填报`;
    case 'NA':
      return `${what}${negated ? '不应' : '应'}为不适用（—）`;
    case 'EXISTS':
      return negated ? `${values.table} 不应有 ${values.row}` : `${values.table} 缺少 ${values.row}`;
    case 'ALLZERO':
      return `${what}${negated ? '不应全为零' : '应全为零'}`;
    case 'BLANK':
      return `${what}${negated ? '不应为空' : '应为空'}`;
    case 'HAS_STATEMENT':
      return negated
        ? `${values.table} 不应有空表说明`
        : `${values.table} 应有空表说明（如“本部门无此项收支”）`;
  }
}

function defaultTemplate(_detail: Detail | undefined): TemplatePart[] {
  return [{ name: 'detail' }];
}

function renderTemplate(parts: TemplatePart[], values: Values, vars: ReadonlyMap<string, Bound>): string {
  return parts
    .map((part) => {
      if (typeof part === 'string') return part;
      const bound = vars.get(part.name);
      if (bound) return variableText(bound, part.property);
      return (values as Record<string, string>)[part.name] ?? '';
    })
    .join('');
}

function variableText(bound: Bound, property: string | undefined): string {
  if (bound.kind === 'column') {
    const h = bound.column;
    switch (property) {
      case undefined:
        return describeHandle(h);
      case 'label':
        return h.label ?? h.key ?? '';
      case 'no':
        return h.no !== undefined ? String(h.no) : '';
      case 'key':
        return h.key ?? '';
      default:
        return '';
    }
  }
  const row = bound.row;
  if (property === undefined) return describeRow(row);
  if (row.missing) return property === 'code' ? (row.code ?? '') : property === 'key' ? (row.key ?? '') : '';
  switch (property) {
    case 'label':
      return row.row.label;
    case 'code':
      return row.row.code ?? '';
    case 'line':
      return row.row.line !== undefined ? String(row.row.line) : '';
    case 'key':
      return row.row.key;
    default:
      return '';
  }
}
