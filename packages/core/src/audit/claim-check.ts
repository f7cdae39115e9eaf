/**
 * Checks narrative claims against the recognised tables with printed-precision interval
 * arithmetic (claim-range.ts): every printed figure stands for the interval of values that print
 * so, and a claim is accepted when some true values in those intervals make it right. Shares and
 * rates are accepted when the printed percentage (±0.005 pp) meets the interval of possible ratios.
 * Last year's figures come only from the document: a stated change Δ and the current value give
 * last year's value, against which the stated growth rate is checked. Each kind of claim has its
 * verifier (claim-verifiers.ts).
 */

import type { Finding } from '../finding';
import type { Profile } from '../profile';
import type { TableView } from '../views';
import type { CheckedClaim, ClaimCheckContext } from './claim-model';
import { narrativeHalfStep } from './claim-range';
import { Resolver } from './claim-resolver';
import { ClaimSession } from './claim-session';
import { buildSideTable } from './claim-side-table';
import { CLAIM_VERIFIERS } from './claim-verifiers';
import type { Claim } from './claims';
import type { ClaimsProfile } from './claims-profile';

export type { CheckedClaim, ClaimCheckContext, ClaimStatus } from './claim-model';

export interface ClaimCheckResult {
  claims: CheckedClaim[];
  findings: Finding[];
  /** S01 (情况说明数据) as the narrative states it, for the rules that read it. */
  sideTable?: TableView;
}

export function checkClaims(claims: readonly Claim[], context: ClaimCheckContext): ClaimCheckResult {
  const side = buildSideTable(claims, context);
  const views = side ? [...context.views, side] : [...context.views];
  const halfSteps = new Map(context.halfSteps);
  if (side) halfSteps.set(side.id, narrativeHalfStep(context.claims));
  const session = new ClaimSession(claims, context, new Resolver(context.profile, views, halfSteps));
  const checked: CheckedClaim[] = [];
  for (const claim of claims) {
    const item = session.items.get(claim.item);
    const result: CheckedClaim = { ...claim, status: 'unverifiable' };
    checked.push(result);
    if (!item || !claim.figure) continue;
    CLAIM_VERIFIERS[claim.kind]?.({ claim, figure: claim.figure, item, result }, session);
  }
  return { claims: checked, findings: session.findings, ...(side ? { sideTable: side } : {}) };
}

/**
 * Every reference of a claims profile checked against the profile's tables: the table, the row
 * (行次, key, code, `{code}`, `*类`) and the column (栏次 or key) must exist. A mistake in
 * claims.json is found here, not as a silently unverifiable claim.
 */
export function claimRefErrors(claims: ClaimsProfile, profile: Profile): string[] {
  const errors: string[] = [];
  for (const item of claims.items) {
    const refs: string[] = [];
    for (const r of [item.ref, item.actual, item.initialBudget, item.finalBudget, item.max]) {
      if (r) refs.push(...(Array.isArray(r) ? r : [r]));
    }
    if (item.shareOf?.includes('[')) refs.push(item.shareOf);
    for (const ref of refs) {
      for (const term of ref.split(/\s*[+-]\s*(?=[A-Z])/)) {
        const problem = termError(term.trim(), profile);
        if (problem) errors.push(`claims.json 条目 ${item.id}：${term.trim()} ${problem}`);
      }
    }
  }
  return errors;
}

function termError(term: string, profile: Profile): string | undefined {
  const m = /^([A-Z]\w*)\[([^\]]+)\](?:\.(\w+))?$/.exec(term);
  if (!m) return '写法不对，应形如 T01[L31] 或 T03[total].C2';
  const [, tableId, rowRef, colRef] = m as unknown as [string, string, string, string | undefined];
  const def = profile.tableDefs.find((d) => d.id === tableId);
  if (!def) return `口径 ${profile.id} 没有表 ${tableId}`;
  const line = /^L(\d+)$/.exec(rowRef)?.[1];
  const coded = rowRef === '{code}' || rowRef.startsWith('*') || /^\d+$/.test(rowRef);
  const sections = def.sections.filter((s) =>
    s.rows.some((r) =>
      'codeRows' in r
        ? coded
        : line !== undefined
          ? r.line === Number(line)
          : r.key === rowRef || r.code === rowRef || (coded && r.code !== undefined),
    ),
  );
  if (!sections.length) return `表 ${tableId} 没有行 ${rowRef}`;
  if (colRef === undefined) {
    return sections.some((s) => s.columns.length === 1) ? undefined : `表 ${tableId} 有多栏，须写明栏`;
  }
  const no = /^C(\d+)$/.exec(colRef)?.[1];
  const found = sections.some((s) =>
    s.columns.some((c) => (no !== undefined ? c.no === Number(no) : c.key === colRef)),
  );
  return found ? undefined : `表 ${tableId} 没有栏 ${colRef}`;
}
