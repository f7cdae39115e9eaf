/**
 * 汇总: a department's facts from its units' facts, summed, less the transfers between the units
 * that the adjustment table offsets. Each figure keeps its trace: what every unit reported for it
 * and which lines of the table lowered it, so any figure of the department can be explained.
 */
import { FactSet } from '../fact-set';
import { type Proposal, proposeAdjustments, type TransferIssue } from './propose';
import {
  type Adjustment,
  offsetKeys,
  TRANSFER_PAIRS,
  type TransferSide,
  transferByCode,
  transferKey,
} from './transfers';
import type { ConsolidationUnit } from './units';

export interface FactTrace {
  /** What each unit reported (index in the units), in unit order. */
  units: { unit: number; value: bigint }[];
  /** The adjustment lines that changed the fact (index in `adjustments`) and by how much (negative). */
  adjustments: { entry: number; change: bigint }[];
}

export interface Consolidation {
  facts: FactSet;
  /** The adjustment table applied: the user's, or the proposed one when the package has none. */
  adjustments: readonly Adjustment[];
  /** True when `adjustments` is the proposal, the package having no table of its own. */
  proposed: boolean;
  /** The facts the table changed, with each line's change (negative), in the order applied. */
  offsets: ReadonlyMap<string, FactTrace['adjustments']>;
  /** Where a figure comes from; undefined for a fact no unit reports. */
  trace(key: string): FactTrace | undefined;
  /** Disagreements between units, and lines of the table the units' figures cannot bear. */
  issues: TransferIssue[];
}

/**
 * The department from its units. `adjustments` is the user's table; without one the proposal is
 * applied, which offsets only the transfers both sides report alike.
 */
export function consolidate(
  units: readonly ConsolidationUnit[],
  adjustments?: readonly Adjustment[],
): Consolidation {
  const proposal = proposeAdjustments(units);
  const applied = adjustments ?? proposal.entries;
  const facts = sumFactSets(units.flatMap((u) => (u.facts ? [u.facts] : [])));
  const offsets = new Map<string, FactTrace['adjustments']>();
  applied.forEach((entry, index) => {
    const { paid, received } = TRANSFER_PAIRS[entry.pair];
    for (const key of [...offsetKeys(paid, entry.func), ...offsetKeys(received, entry.func)]) {
      const value = facts.get(key);
      if (value === undefined) continue;
      facts.set(key, value - entry.amount);
      offsets.set(key, [...(offsets.get(key) ?? []), { entry: index, change: -entry.amount }]);
    }
  });
  const issues = [...proposal.issues, ...excesses(units, applied)];
  if (adjustments) issues.push(...uneliminated(proposal, adjustments));
  // Traced on demand: reading a package should not pay for a trace of every figure.
  const trace = (key: string): FactTrace | undefined => {
    const reported = units.flatMap((unit, i) => {
      const value = unit.facts?.get(key);
      return value === undefined ? [] : [{ unit: i, value }];
    });
    return reported.length ? { units: reported, adjustments: offsets.get(key) ?? [] } : undefined;
  };
  return { facts, adjustments: applied, proposed: !adjustments, offsets, trace, issues };
}

/** Sums unit fact sets into a department: each fact is the sum over the units that report it. */
export function sumFactSets(sets: readonly FactSet[]): FactSet {
  const total = new FactSet();
  for (const set of sets) {
    for (const [key, value] of set.entries()) total.set(key, (total.get(key) ?? 0n) + value);
  }
  return total;
}

/**
 * Lines that offset more than a unit reports for the transfer, in total or under the line's code
 * (the code only where the unit reports the transfer by code at all).
 */
function excesses(units: readonly ConsolidationUnit[], entries: readonly Adjustment[]): TransferIssue[] {
  const offset = new Map<
    string,
    { entry: number; unit: number; side: TransferSide; func?: string; sum: bigint }
  >();
  entries.forEach((entry, index) => {
    const { paid, received } = TRANSFER_PAIRS[entry.pair];
    for (const [unit, side] of [
      [entry.from, paid],
      [entry.to, received],
    ] as const) {
      const byCode = entry.func !== undefined && transferByCode(units[unit]?.facts, side) !== undefined;
      for (const func of byCode ? ['*', entry.func!] : ['*']) {
        const id = `${unit}\u0000${transferKey(side, func)}`;
        const sum = (offset.get(id)?.sum ?? 0n) + entry.amount;
        offset.set(id, { entry: index, unit, side, ...(func !== '*' ? { func } : {}), sum });
      }
    }
  });
  // One finding for a unit's side of a transfer: its total, which comes first, or else one code.
  const reportedSides = new Set<string>();
  return [...offset.values()].flatMap(({ sum, ...at }) => {
    const reported = units[at.unit]?.facts?.get(transferKey(at.side, at.func)) ?? 0n;
    const side = `${at.unit}\u0000${at.side.label}`;
    if (sum <= reported || reportedSides.has(side)) return [];
    reportedSides.add(side);
    return [{ kind: 'excess' as const, ...at, reported, offset: sum }];
  });
}

/** Transfers both sides agree on that the user's table does not offset exactly once. */
function uneliminated(proposal: Proposal, entries: readonly Adjustment[]): TransferIssue[] {
  return proposal.agreed.flatMap(({ amount, ...family }) => {
    const payerIsParent = TRANSFER_PAIRS[family.pair].payer === 'parent';
    const offset = entries
      .filter((e) => e.pair === family.pair)
      .filter((e) =>
        payerIsParent
          ? e.from === family.parent && family.children.includes(e.to)
          : e.to === family.parent && family.children.includes(e.from),
      )
      .reduce((sum, e) => sum + e.amount, 0n);
    return offset === amount ? [] : [{ ...family, kind: 'uneliminated' as const, agreed: amount, offset }];
  });
}
