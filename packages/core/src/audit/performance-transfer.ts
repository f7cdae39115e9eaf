/**
 * A 中央转移支付区域（项目）绩效自评表 (Sichuan prints one per 转移支付 in its 决算): 资金情况 by
 * source with 全年预算数 A, 全年执行数 B and 预算执行率, and 绩效指标 with 指标值 and 全年实际完成值
 * — no 分值 or 得分. Checked where its own figures allow: each 执行率 = B ÷ A as far as it is
 * printed (P-R05), the sources add to 年度资金总额 (P-R18), a quantitative indicator's 完成值 is a
 * value (P-R13) and is filled in (P-R29). A 完成值 that is a judgement is never compared.
 */
import { formatRatioPercent, parseDecimal, q, qAbs, qCmp, qMax, qMul, qSub } from '../exact';
import type { Finding } from '../finding';
import { formatAmount } from '../money';
import type { PerformanceProfile } from '../performance/profile';
import { wanToFen } from '../performance/score';
import { parseActualText, parseTargetText } from '../performance/text';
import { documentFinding } from './findings';
import {
  clean,
  field,
  figure,
  findColumns,
  isBlank,
  joinName,
  MONEY_SUFFIX,
  norm,
  PERCENT_SUFFIX,
} from './performance-text';
import type { RawLocation } from './raw';
import type { PerformanceGrid } from './recognize';

interface FundLine {
  label: string;
  final?: string;
  executed?: string;
  rate?: string;
  at: RawLocation;
}

interface TransferIndicator {
  name: string;
  target: string;
  actual?: string;
  at: RawLocation;
}

/** A finding of a 转移支付 table: its rule, where in the table, what it says. */
interface TransferFinding {
  rule: string;
  part: string;
  at: RawLocation;
  row: string;
  column: string;
  message: string;
  found?: string;
  expected?: string;
}

type Add = (f: TransferFinding) => void;

export interface TransferTable {
  name: string;
  title: string;
  funds: FundLine[];
  indicators: TransferIndicator[];
}

const NAME = /^转移支付(项目)?名称$/;
const FUND_HEADER = { final: /^全年预算/, executed: /^全年执行/, rate: /执行率/ };
const INDICATOR_HEADER = { name: /^三级指标/, target: /指标值$|^年度指标/, actual: /完成值$|^实际完成/ };
const TOTAL = /资金总额|^合计$/;
const SOURCE = /中央(财政)?资金|地方(财政)?资金|省级资金|市县资金|其他资金/;

/** A grid that prints a 转移支付名称. */
export function isTransferGrid(grid: PerformanceGrid): boolean {
  return grid.table.rows.slice(0, 4).some((r) => r.some((c) => NAME.test(norm(c))));
}

/** The table's 转移支付名称, 资金情况 and 绩效指标; undefined without a name. */
export function readTransferTable(grid: PerformanceGrid): TransferTable | undefined {
  const rows = grid.table.rows;
  const at = (r: number) => grid.table.rowLocations[r] ?? grid.location;
  const nameRow = rows.findIndex((r) => r.some((c) => NAME.test(norm(c))));
  const nameCell = rows[nameRow]?.find((c) => !isBlank(c) && !NAME.test(norm(c)));
  if (!nameCell) return undefined;
  const table: TransferTable = {
    name: joinName(nameCell),
    title: clean(grid.title),
    funds: [],
    indicators: [],
  };
  const fundHeader = rows.findIndex((r) => r.some((c) => FUND_HEADER.final.test(norm(c))));
  const indicatorHeader = rows.findIndex((r) => r.some((c) => INDICATOR_HEADER.name.test(norm(c))));
  if (fundHeader >= 0) {
    const cols = findColumns(rows[fundHeader]!, FUND_HEADER);
    const end = indicatorHeader > fundHeader ? indicatorHeader : rows.length;
    for (let r = fundHeader + 1; r < end; r++) {
      const label = rows[r]!.map(norm).find((c) => TOTAL.test(c) || SOURCE.test(c));
      if (!label) continue;
      const cell = (k: string) => (cols[k] === undefined ? undefined : rows[r]![cols[k]!]);
      table.funds.push({
        label: label.replace(/^其中:?/, ''),
        ...field('final', figure(cell('final'), MONEY_SUFFIX)),
        ...field('executed', figure(cell('executed'), MONEY_SUFFIX)),
        ...field('rate', figure(cell('rate'), PERCENT_SUFFIX)),
        at: at(r),
      });
    }
  }
  if (indicatorHeader >= 0) {
    const cols = findColumns(rows[indicatorHeader]!, INDICATOR_HEADER);
    for (let r = indicatorHeader + 1; r < rows.length; r++) {
      const name = clean(rows[r]![cols.name!]);
      if (!name || /^说明/.test(norm(rows[r]![0]))) continue;
      const actual = cols.actual === undefined ? '' : clean(rows[r]![cols.actual]);
      table.indicators.push({
        name,
        target: cols.target === undefined ? '' : clean(rows[r]![cols.target]),
        ...field('actual', actual || undefined),
        at: at(r),
      });
    }
  }
  return table;
}

/** Every finding of one 转移支付 table, each at its row and column. */
export function checkTransferTable(table: TransferTable, profile: PerformanceProfile): Finding[] {
  const what = `${table.title || '转移支付区域绩效自评表'}（${table.name}）`;
  const findings: Finding[] = [];
  const add: Add = (f) =>
    findings.push(
      documentFinding({
        id: `${f.rule}@${table.name}/${f.part}`,
        rule: f.rule,
        category: 'performance',
        location: { ...f.at, tableNumber: what, row: { label: f.row }, column: { label: f.column } },
        message: f.message,
        ...(f.found !== undefined ? { found: f.found, expected: f.expected! } : {}),
      }),
    );
  checkRates(table, profile, add);
  checkSources(table, add);
  for (const ind of table.indicators) {
    const target = parseTargetText(ind.target);
    if (target.kind === 'qual') continue;
    const base = { at: ind.at, row: ind.name, column: '全年实际完成值' };
    if (ind.actual === undefined) {
      add({
        ...base,
        rule: 'P-R29',
        part: `${ind.name}/完成值`,
        message: `${what}指标「${ind.name}」（${ind.target}）全年实际完成值空白`,
      });
    } else if (parseActualText(ind.actual).kind === 'inequality') {
      add({
        ...base,
        rule: 'P-R13',
        part: ind.name,
        message: `${what}指标「${ind.name}」全年实际完成值写作“${ind.actual}”，应填写实际达到的数值`,
      });
    }
  }
  return findings;
}

/** P-R05: each source's 执行率 = B ÷ A, within the profile's tolerance or half the printed last digit. */
function checkRates(table: TransferTable, profile: PerformanceProfile, add: Add): void {
  for (const f of table.funds) {
    if (f.final === undefined || f.executed === undefined || f.rate === undefined) continue;
    const A = wanToFen(f.final);
    const B = wanToFen(f.executed);
    const base = { rule: 'P-R05', part: `执行率/${f.label}`, at: f.at, row: f.label, column: '预算执行率' };
    if (A === 0n) {
      if (B > 0n)
        add({
          ...base,
          message: `转移支付“${table.name}”${f.label}全年预算数为 0、执行数 ${f.executed} 万元，执行率无定义，却印为 ${f.rate}%`,
        });
      continue;
    }
    const r = q(B, A);
    const decimals = f.rate.split('.')[1]?.length ?? 0;
    const tolerance = qMax(profile.tolerance.ratePoints, q(5n, 10n ** BigInt(decimals + 1)));
    if (qCmp(qAbs(qSub(qMul(r, q(100n)), parseDecimal(f.rate)!)), tolerance) <= 0) continue;
    add({
      ...base,
      message: `转移支付“${table.name}”${f.label}预算执行率印为 ${f.rate}%，${f.executed} ÷ ${f.final} = ${formatRatioPercent(r)}`,
      found: `${f.rate}%`,
      expected: formatRatioPercent(r),
    });
  }
}

/** P-R18: 中央、地方 and 其他资金 add to 年度资金总额, for A and for B (half a printed last digit each). */
function checkSources(table: TransferTable, add: Add): void {
  const total = table.funds.find((f) => TOTAL.test(f.label));
  const parts = table.funds.filter((f) => f !== total);
  if (!total || !parts.length) return;
  for (const [key, column] of [
    ['final', '全年预算数'],
    ['executed', '全年执行数'],
  ] as const) {
    const printed = total[key];
    const values = parts.map((p) => p[key]);
    if (printed === undefined || values.some((v) => v === undefined)) continue;
    const sum = values.reduce((a, v) => a + wanToFen(v!), 0n);
    const diff = sum > wanToFen(printed) ? sum - wanToFen(printed) : wanToFen(printed) - sum;
    const halfSteps = [printed, ...(values as string[])].reduce(
      (a, v) => a + 1_000_000n / 10n ** BigInt(v.split('.')[1]?.length ?? 0) / 2n,
      0n,
    );
    if (diff <= halfSteps) continue;
    add({
      rule: 'P-R18',
      part: `资金/${column}`,
      at: total.at,
      row: total.label,
      column,
      message: `转移支付“${table.name}”${column}：年度资金总额 ${printed} 万元，${parts.map((p) => p.label).join('、')}合计 ${formatAmount(sum, '万元')} 万元`,
      found: `${printed}万元`,
      expected: `${formatAmount(sum, '万元')}万元`,
    });
  }
}
