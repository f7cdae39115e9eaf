/**
 * The adjustment table proposed from the units' own figures: a parent's transfer to (or from) its
 * units in the department matched against what those units report for it. Only a transfer both
 * sides report alike, in total and by 科目, is proposed; any disagreement is left for the user to
 * settle and reported, never offset by a guess.
 */
import type { FactSet } from '../fact-set';
import {
  type Adjustment,
  TRANSFER_PAIR_NAMES,
  TRANSFER_PAIRS,
  type TransferPair,
  type TransferSide,
  transferByCode,
  transferKey,
} from './transfers';
import { type ConsolidationUnit, parentsOf } from './units';

/** A unit's figure for one side of a transfer, in 分. */
export interface TransferFigure {
  unit: number;
  amount: bigint;
}

/** A parent and its units in the department, for one kind of transfer. */
export interface TransferFamily {
  pair: TransferPair;
  parent: number;
  children: number[];
}

export type TransferIssue =
  /** Both sides report the transfer, with different amounts (`byCode`: equal in total, not by 科目). */
  | (TransferFamily & {
      kind: 'mismatch';
      paid: TransferFigure[];
      received: TransferFigure[];
      byCode: boolean;
    })
  /** One side reports it and the other does not. */
  | (TransferFamily & { kind: 'unmatched'; reported: TransferFigure[]; missing: 'paid' | 'received' })
  /** An adjustment offsets more than the unit reports. */
  | {
      kind: 'excess';
      entry: number;
      unit: number;
      side: TransferSide;
      func?: string;
      reported: bigint;
      offset: bigint;
    }
  /** A transfer both sides agree on that the user's table offsets in part, or more than once. */
  | (TransferFamily & { kind: 'uneliminated'; agreed: bigint; offset: bigint });

export interface Proposal {
  entries: Adjustment[];
  issues: TransferIssue[];
  /** The transfers both sides agree on, with their amount. */
  agreed: (TransferFamily & { amount: bigint })[];
}

export function proposeAdjustments(units: readonly ConsolidationUnit[]): Proposal {
  const proposal: Proposal = { entries: [], issues: [], agreed: [] };
  for (const family of familiesOf(units)) {
    const result = matchFamily(units, family);
    if ('issue' in result) proposal.issues.push(result.issue);
    else if (result.entries.length) {
      proposal.entries.push(...result.entries);
      proposal.agreed.push({ ...family, amount: result.entries.reduce((sum, e) => sum + e.amount, 0n) });
    }
  }
  return proposal;
}

/** Every parent with units under it in the department, once for each kind of transfer. */
export function familiesOf(units: readonly ConsolidationUnit[]): TransferFamily[] {
  const parents = parentsOf(units);
  const childrenOf = new Map<number, number[]>();
  parents.forEach((parent, child) => {
    if (parent !== undefined) childrenOf.set(parent, [...(childrenOf.get(parent) ?? []), child]);
  });
  return TRANSFER_PAIR_NAMES.flatMap((pair) =>
    [...childrenOf].map(([parent, children]) => ({ pair, parent, children })),
  );
}

/** The parent's side of a family's transfer and its units' side. */
export function familySides(pair: TransferPair): { parent: TransferSide; child: TransferSide } {
  const spec = TRANSFER_PAIRS[pair];
  return spec.payer === 'parent'
    ? { parent: spec.paid, child: spec.received }
    : { parent: spec.received, child: spec.paid };
}

function figureOf(units: readonly ConsolidationUnit[], unit: number, side: TransferSide): TransferFigure {
  return { unit, amount: units[unit]!.facts?.get(transferKey(side)) ?? 0n };
}

function matchFamily(
  units: readonly ConsolidationUnit[],
  family: TransferFamily,
): { entries: Adjustment[] } | { issue: TransferIssue } {
  const sides = familySides(family.pair);
  const parent = figureOf(units, family.parent, sides.parent);
  const children = family.children.map((c) => figureOf(units, c, sides.child)).filter((f) => f.amount !== 0n);
  const childTotal = children.reduce((sum, f) => sum + f.amount, 0n);
  if (parent.amount === 0n && childTotal === 0n) return { entries: [] };
  const parentPays = TRANSFER_PAIRS[family.pair].payer === 'parent';
  if (parent.amount === 0n || childTotal === 0n) {
    const parentReports = parent.amount !== 0n;
    return {
      issue: {
        ...family,
        kind: 'unmatched',
        reported: parentReports ? [parent] : children,
        missing: parentReports === parentPays ? 'received' : 'paid',
      },
    };
  }
  const mismatch = (byCode: boolean): { issue: TransferIssue } => ({
    issue: {
      ...family,
      kind: 'mismatch',
      paid: parentPays ? [parent] : children,
      received: parentPays ? children : [parent],
      byCode,
    },
  });
  if (parent.amount !== childTotal) return mismatch(false);
  const codes = codesByChild(units, parent, children, sides);
  if (!codes) return mismatch(true);
  return {
    entries: children.flatMap((child) => {
      const [from, to] = parentPays ? [family.parent, child.unit] : [child.unit, family.parent];
      const byCode = codes.get(child.unit);
      return byCode
        ? [...byCode].map(([func, amount]) => ({ pair: family.pair, from, to, amount, func }))
        : [{ pair: family.pair, from, to, amount: child.amount }];
    }),
  };
}

/**
 * The codes to offset each unit's share under (absent: in total only), or undefined when the two
 * sides report the transfer under different codes, or a unit's codes do not add up to its total.
 */
function codesByChild(
  units: readonly ConsolidationUnit[],
  parent: TransferFigure,
  children: readonly TransferFigure[],
  sides: { parent: TransferSide; child: TransferSide },
): Map<number, Map<string, bigint>> | undefined {
  const parentCodes = usableCodes(units[parent.unit]!.facts, sides.parent, parent.amount);
  const result = new Map<number, Map<string, bigint>>();
  for (const child of children) {
    const codes = usableCodes(units[child.unit]!.facts, sides.child, child.amount);
    if (codes === null) return undefined;
    if (codes) result.set(child.unit, codes);
  }
  if (parentCodes === null) return undefined;
  if (!parentCodes) return result;
  if (result.size === 0 && children.length === 1) return new Map([[children[0]!.unit, parentCodes]]);
  if (result.size !== children.length) return undefined;
  const summed = new Map<string, bigint>();
  for (const codes of result.values()) {
    for (const [code, amount] of codes) summed.set(code, (summed.get(code) ?? 0n) + amount);
  }
  const same =
    summed.size === parentCodes.size && [...summed].every(([code, v]) => parentCodes.get(code) === v);
  return same ? result : undefined;
}

/** The unit's transfer by code; undefined when it reports no code, null when its codes do not add up. */
function usableCodes(
  facts: FactSet | undefined,
  side: TransferSide,
  total: bigint,
): Map<string, bigint> | undefined | null {
  const codes = transferByCode(facts, side);
  if (!codes) return undefined;
  let sum = 0n;
  for (const amount of codes.values()) sum += amount;
  return sum === total ? codes : null;
}
