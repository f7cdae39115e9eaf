/**
 * The 汇总 findings of a package summed from its units (H-01…H-04): each names both units, both
 * figures and the cell of the disclosure the figure belongs in, the unit named in the address.
 */
import { type CellPlace, columnPlace, type Finding, makeFinding, moneyAmount, rowPlace } from '../finding';
import { formatAmount } from '../money';
import type { DataPackage } from '../package';
import type { TableView } from '../views';
import { CONSOLIDATION_RULES } from './consolidation-rules';
import type { TransferFamily, TransferFigure, TransferIssue } from './propose';
import { familySides } from './propose';
import { TRANSFER_PAIRS, type TransferSide, transferByCode, transferKey } from './transfers';
import { unitLabel } from './units';

type RuleId = keyof typeof CONSOLIDATION_RULES;

interface Context {
  pkg: DataPackage;
  views: readonly TableView[];
  money: (fen: bigint) => string;
}

/** The findings of the package's 汇总; none for a package with facts of its own. */
export function consolidationFindings(pkg: DataPackage, views: readonly TableView[]): Finding[] {
  if (!pkg.consolidation) return [];
  const { unit, decimals } = pkg.amounts;
  const context: Context = { pkg, views, money: (fen) => `${formatAmount(fen, unit, { decimals })}${unit}` };
  return pkg.consolidation.issues.map((issue) => {
    const finding = findingOf(issue, context);
    const explained = pkg.explanations[finding.id];
    return explained !== undefined && finding.severity === 'warning' ? { ...finding, explained } : finding;
  });
}

function findingOf(issue: TransferIssue, context: Context): Finding {
  switch (issue.kind) {
    case 'mismatch':
      return mismatchFinding(issue, context);
    case 'unmatched':
      return unmatchedFinding(issue, context);
    case 'excess':
      return excessFinding(issue, context);
    case 'uneliminated':
      return uneliminatedFinding(issue, context);
  }
}

function finding(
  id: RuleId,
  where: string,
  input: Pick<Finding, 'message' | 'places'> & Partial<Pick<Finding, 'found' | 'expected' | 'difference'>>,
): Finding {
  const rule = CONSOLIDATION_RULES[id];
  return makeFinding({
    id: `${rule.id}@${where}`,
    rule: rule.id,
    severity: rule.severity,
    category: 'structure',
    title: rule.title,
    ...input,
  });
}

const nameOf = (context: Context, unit: number) => unitLabel(context.pkg.units[unit]!);
const namesOf = (context: Context, units: readonly number[]) =>
  units.map((u) => nameOf(context, u)).join('、');
const familyWhere = (family: TransferFamily, context: Context) =>
  `${TRANSFER_PAIRS[family.pair].label}/${context.pkg.units[family.parent]!.name}`;

function figuresText(figures: readonly TransferFigure[], side: TransferSide, context: Context): string {
  return figures
    .map((f) => `${nameOf(context, f.unit)}填报${side.label} ${context.money(f.amount)}`)
    .join('，');
}

function total(figures: readonly TransferFigure[]): bigint {
  return figures.reduce((sum, f) => sum + f.amount, 0n);
}

function amounts(found: bigint, expected: bigint, context: Context) {
  return {
    found: moneyAmount(found, context.money(found)),
    expected: moneyAmount(expected, context.money(expected)),
    difference: moneyAmount(found - expected, context.money(found - expected)),
  };
}

function mismatchFinding(issue: Extract<TransferIssue, { kind: 'mismatch' }>, context: Context): Finding {
  const { paid, received } = TRANSFER_PAIRS[issue.pair];
  const paidTotal = total(issue.paid);
  const receivedTotal = total(issue.received);
  const stated = `${figuresText(issue.paid, paid, context)}；${figuresText(issue.received, received, context)}`;
  const detail = issue.byCode
    ? `合计都是 ${context.money(paidTotal)}，但按支出功能分类科目不一致（${paid.label}：${codesText(issue.paid, paid, context)}；${received.label}：${codesText(issue.received, received, context)}）`
    : `${received.label}合计 ${context.money(receivedTotal)}，与${paid.label}合计 ${context.money(paidTotal)} 相差 ${context.money(receivedTotal - paidTotal)}`;
  return finding('H-01', familyWhere(issue, context), {
    message: `汇总时的内部往来（${TRANSFER_PAIRS[issue.pair].label}）双方金额不一致：${stated}；${detail}。未自动抵销，请核实后在调整表（adjustments）中写明应抵销的金额`,
    places: [
      ...issue.paid.map((f) => figurePlace(f, paid, context)),
      ...issue.received.map((f) => figurePlace(f, received, context)),
    ].filter((p) => p !== undefined),
    ...amounts(receivedTotal, paidTotal, context),
  });
}

function codesText(figures: readonly TransferFigure[], side: TransferSide, context: Context): string {
  return figures
    .map((f) => {
      const byCode = transferByCode(context.pkg.units[f.unit]!.facts, side);
      const codes = byCode
        ? [...byCode].map(([code, v]) => `${code} ${context.money(v)}`).join('、')
        : '未按科目填报';
      return `${nameOf(context, f.unit)} ${codes}`;
    })
    .join('；');
}

function unmatchedFinding(issue: Extract<TransferIssue, { kind: 'unmatched' }>, context: Context): Finding {
  const spec = TRANSFER_PAIRS[issue.pair];
  const [reportedSide, missingSide] =
    issue.missing === 'received' ? [spec.paid, spec.received] : [spec.received, spec.paid];
  const reporters = issue.reported.map((f) => f.unit);
  const counterparts = reporters.includes(issue.parent) ? issue.children : [issue.parent];
  return finding('H-02', familyWhere(issue, context), {
    message: `汇总时的内部往来（${spec.label}）只有一方填报：${figuresText(issue.reported, reportedSide, context)}，而${namesOf(context, counterparts)}没有填报${missingSide.label}，这笔往来无法抵销。若往来对象在本部门以外，请写出错说明；否则请补录对方的数据`,
    places: issue.reported.map((f) => figurePlace(f, reportedSide, context)).filter((p) => p !== undefined),
    found: moneyAmount(total(issue.reported), context.money(total(issue.reported))),
  });
}

function excessFinding(issue: Extract<TransferIssue, { kind: 'excess' }>, context: Context): Finding {
  const unit = nameOf(context, issue.unit);
  const under = issue.func ? `（科目 ${issue.func}）` : '';
  const key = transferKey(issue.side, issue.func);
  return finding('H-03', `${context.pkg.units[issue.unit]!.name}/${key}`, {
    message: `调整表（adjustments，累计到第 ${issue.entry + 1} 行）抵销${unit}的${issue.side.label}${under} ${context.money(issue.offset)}，超过该单位填报的 ${context.money(issue.reported)}，多抵销 ${context.money(issue.offset - issue.reported)}；请按单位填报数改正调整表`,
    places: [
      figurePlace({ unit: issue.unit, amount: issue.reported }, issue.side, context, issue.func),
    ].filter((p) => p !== undefined),
    ...amounts(issue.offset, issue.reported, context),
  });
}

function uneliminatedFinding(
  issue: Extract<TransferIssue, { kind: 'uneliminated' }>,
  context: Context,
): Finding {
  const spec = TRANSFER_PAIRS[issue.pair];
  const sides = familySides(issue.pair);
  const parent = {
    unit: issue.parent,
    amount: context.pkg.units[issue.parent]!.facts?.get(transferKey(sides.parent)) ?? 0n,
  };
  const effect =
    issue.offset < issue.agreed ? '少抵销的部分在汇总数中被重复计算' : '多抵销的部分使汇总数少计';
  return finding('H-04', familyWhere(issue, context), {
    message: `${nameOf(context, issue.parent)}与${namesOf(context, issue.children)}之间的${spec.label}双方一致为 ${context.money(issue.agreed)}，调整表（adjustments）抵销了 ${context.money(issue.offset)}；应全额抵销一次，${effect}`,
    places: [figurePlace(parent, sides.parent, context)].filter((p) => p !== undefined),
    ...amounts(issue.offset, issue.agreed, context),
  });
}

/** The cell of the disclosure that prints the figure, with the unit that reported it named in the address. */
function figurePlace(
  figure: TransferFigure,
  side: TransferSide,
  context: Context,
  func?: string,
): CellPlace | undefined {
  const key = transferKey(side, func);
  for (const view of context.views) {
    for (const section of view.sections) {
      for (const row of section.rows) {
        const column = section.columns.find((c) => row.cells[c.key]?.fact === key);
        if (!column) continue;
        return {
          kind: 'cell',
          table: view.id,
          tableNumber: view.number,
          row: rowPlace(row),
          column: columnPlace(column),
          value: moneyAmount(figure.amount, context.money(figure.amount)),
          address: `${nameOf(context, figure.unit)}：${side.label}`,
        };
      }
    }
  }
  return undefined;
}
