/**
 * Transfers between the units of one department (内部往来) and the adjustment table (调整表) that
 * offsets them when the units are summed into the department (汇总). A 主管部门's 对附属单位补助支出
 * reappears as its unit's 上级补助收入, and a unit's 上缴上级支出 as its parent's 附属单位上缴收入:
 * summed as they stand, each transfer would be counted once as spending and once more when the
 * receiving unit spends it again.
 */
import { parentCode } from '../catalog';
import type { FactSet } from '../fact-set';
import { keyOf } from '../facts';
import { boundedMemo } from '../memo';

/** One side of a transfer: the measure the paying or receiving unit reports it under. */
export interface TransferSide {
  measure: 'income' | 'expense';
  /** The dimension that names the transfer (收入来源 or 支出性质). */
  dims: { source: string } | { nature: string };
  label: string;
  /** The 总计 that includes it (收入总计 or 支出总计). */
  grandTotal: string;
}

export interface TransferPairSpec {
  label: string;
  /** Who pays: the parent unit (补助) or its affiliate (上缴). */
  payer: 'parent' | 'child';
  paid: TransferSide;
  received: TransferSide;
}

const SUBSIDY_PAID: TransferSide = {
  measure: 'expense',
  dims: { nature: 'subsidy' },
  label: '对附属单位补助支出',
  grandTotal: keyOf('grandTotal', { side: 'expense' }),
};
const REMITTANCE_PAID: TransferSide = { ...SUBSIDY_PAID, dims: { nature: 'upper' }, label: '上缴上级支出' };
const SUPERIOR_RECEIVED: TransferSide = {
  measure: 'income',
  dims: { source: 'superior' },
  label: '上级补助收入',
  grandTotal: keyOf('grandTotal', { side: 'income' }),
};
const AFFILIATE_RECEIVED: TransferSide = {
  ...SUPERIOR_RECEIVED,
  dims: { source: 'affiliate' },
  label: '附属单位上缴收入',
};

export const TRANSFER_PAIRS = {
  subsidy: { label: '对附属单位补助', payer: 'parent', paid: SUBSIDY_PAID, received: SUPERIOR_RECEIVED },
  remittance: { label: '上缴上级', payer: 'child', paid: REMITTANCE_PAID, received: AFFILIATE_RECEIVED },
} as const satisfies Record<string, TransferPairSpec>;

export type TransferPair = keyof typeof TRANSFER_PAIRS;
export const TRANSFER_PAIR_NAMES = Object.keys(TRANSFER_PAIRS) as [TransferPair, ...TransferPair[]];

/** One line of the adjustment table: an amount in 分 offset on both sides of one transfer. */
export interface Adjustment {
  pair: TransferPair;
  /** Index in the package's units of the unit that paid. */
  from: number;
  /** Index of the unit that received. */
  to: number;
  amount: bigint;
  /** 支出功能分类科目 both sides report the transfer under; absent when offset in the totals only. */
  func?: string;
  note?: string;
}

/**
 * A function of a side and a code, remembered: consolidation runs each time a package is read, and
 * building a canonical key from its parts costs more than all the additions it serves.
 */
function perSide<T>(
  compute: (side: TransferSide, code: string) => T,
): (side: TransferSide, code: string) => T {
  const memos = new WeakMap<TransferSide, (code: string) => T>();
  return (side, code) => {
    let memo = memos.get(side);
    if (!memo) {
      memo = boundedMemo((c) => compute(side, c), 10_000);
      memos.set(side, memo);
    }
    return memo(code);
  };
}

const sideKey = perSide((side, code) => keyOf(side.measure, { ...side.dims, func: code }));

/** The side's key of the transfer under a code (`*`: all codes). */
export function transferKey(side: TransferSide, func = '*'): string {
  return sideKey(side, func);
}

const sideOffsetKeys = perSide((side, func) => {
  const codes = ['*'];
  for (let code = func === '*' ? undefined : func; code; code = parentCode(code)) codes.push(code);
  return [
    ...codes.flatMap((code) => [transferKey(side, code), keyOf(side.measure, { func: code })]),
    side.grandTotal,
  ];
});

/**
 * Every fact an offset on this side lowers: the transfer itself, 本年收入/支出合计 and 总计, each
 * for the code and its 款 and 类 as well as in total, so every table that adds them up still adds up.
 */
export function offsetKeys(side: TransferSide, func: string | undefined): readonly string[] {
  return sideOffsetKeys(side, func ?? '*');
}

/**
 * The transfer by the most detailed codes the unit reports it under (codes none of whose sub-codes
 * it reports), or undefined when it reports no code for it.
 */
export function transferByCode(
  facts: FactSet | undefined,
  side: TransferSide,
): Map<string, bigint> | undefined {
  if (!facts) return undefined;
  // The keys differ only in the code, so they are matched by the text around it, not parsed one by one.
  const [prefix, suffix] = transferKey(side, CODE_PROBE).split(CODE_PROBE) as [string, string];
  const byCode = new Map<string, bigint>();
  for (const [key, value] of facts.entries()) {
    if (!key.startsWith(prefix) || !key.endsWith(suffix)) continue;
    const code = key.slice(prefix.length, key.length - suffix.length);
    if (/^\d+$/.test(code)) byCode.set(code, value);
  }
  if (byCode.size === 0) return undefined;
  const codes = [...byCode.keys()];
  for (const code of codes) {
    if (codes.some((other) => other !== code && other.startsWith(code))) byCode.delete(code);
  }
  return byCode;
}

const CODE_PROBE = '299';
