/**
 * What the claim verifiers of one document share: the tables to resolve references on, the
 * narrative's own figures for what no table prints, the claims of each sentence, the percentage
 * checks, and the findings so far (in the order the claims are checked).
 */
import { type Q, q, qAbs, qAdd, qCmp, qDiv, qMul, qSub } from '../exact';
import type { Finding } from '../finding';
import type { MoneyUnit } from '../money';
import type { CheckedClaim, ClaimCheckContext } from './claim-model';
import {
  comparePercent,
  isPoint,
  maxRat,
  minRat,
  narrativeHalfStep,
  type Range,
  type Resolved,
  statedRange,
} from './claim-range';
import { type Resolver, refOf } from './claim-resolver';
import type { Claim } from './claims';
import type { ClaimItem } from './claims-profile';
import { type DocumentLocation, documentFinding } from './findings';

export class ClaimSession {
  readonly findings: Finding[] = [];
  readonly items: ReadonlyMap<string, ClaimItem>;
  readonly unit: MoneyUnit;
  /** Changes stated as 0, by sentence, item and 科目: their rate is a wording problem, not a figure. */
  readonly zeroChanges = new Set<string>();
  /** What the narrative states per item, attribute and 科目: its own figures for what no table prints. */
  private readonly stated = new Map<string, Claim>();
  private readonly bySentence = new Map<number, Claim[]>();

  constructor(
    claims: readonly Claim[],
    readonly context: ClaimCheckContext,
    readonly resolver: Resolver,
  ) {
    this.items = new Map(context.claims.items.map((i) => [i.id, i]));
    this.unit = context.claims.narrative.unit;
    for (const c of claims) {
      if ((c.kind === 'amount' || c.kind === 'count') && c.figure) {
        const key = statedKey(c.item, c.attribute, c.code);
        if (!this.stated.has(key)) this.stated.set(key, c);
      }
    }
    for (const c of claims)
      this.bySentence.set(c.sentenceIndex, [...(this.bySentence.get(c.sentenceIndex) ?? []), c]);
  }

  /** The claims of the claim's sentence, in order. */
  sentenceOf(claim: Claim): Claim[] | undefined {
    return this.bySentence.get(claim.sentenceIndex);
  }

  /**
   * An item's figure: the printed tables' when they give it, else what the narrative states
   * (`preferStated` first), else whatever the references give.
   */
  itemValue(
    item: ClaimItem,
    attribute: Claim['attribute'],
    code: string | undefined,
    preferStated?: Claim,
  ): Resolved | undefined {
    const ref = refOf(item, attribute);
    const fromTable = ref ? this.resolver.resolve(ref, code) : undefined;
    if (fromTable?.fromTables) return fromTable;
    const own = preferStated ?? this.stated.get(statedKey(item.id, attribute, code));
    if (own?.figure) return statedRange(own);
    return fromTable;
  }

  /** The whole a share is of: an item of the claims profile or a reference. */
  wholeOf(shareOf: string): Resolved | undefined {
    const item = this.items.get(shareOf);
    if (item) return this.itemValue(item, 'amount', undefined);
    return this.resolver.resolve(shareOf, undefined);
  }

  report(
    claim: Claim,
    rule: string,
    severity: 'error' | 'warning' | undefined,
    message: string,
    expected?: string,
  ): void {
    this.findings.push(
      documentFinding({
        id: `${rule}@${claim.id}`,
        rule,
        ...(severity !== undefined ? { severity } : {}),
        category: 'narrative',
        location: claimLocation(claim),
        ...(expected !== undefined ? { expected } : {}),
        ...(claim.figure ? { found: claim.figure.text } : {}),
        message,
      }),
    );
  }

  /**
   * A share of a total the narrative breaks down: part ÷ (part + the other parts), with the part
   * narrowed by what the printed total allows. Unlike part ÷ total over two independent intervals,
   * this keeps the two linked (本年收入合计 = 财政拨款收入 + 其他收入 when 财政拨款收入 is exact).
   * Parts the sentence leaves out count as 0 when the stated parts already make up the total.
   */
  shareOfSum(item: ClaimItem, part: Resolved, whole: Resolved): Range | undefined {
    const claims = this.context.claims;
    const sum = claims.sums.find((x) => x.total === item.shareOf && x.parts.includes(item.id));
    if (!sum) return undefined;
    const others = sum.parts
      .filter((id) => id !== item.id)
      .map((id) => {
        const other = this.items.get(id);
        return other ? this.itemValue(other, 'amount', undefined) : undefined;
      });
    const known = others.filter((o): o is Resolved => o !== undefined);
    if (known.length < others.length) {
      const half = narrativeHalfStep(claims);
      const nominal = known.reduce((t, o) => qAdd(t, o.nominal), part.nominal);
      const slack = q(half * BigInt(known.length + 2));
      if (qCmp(qAbs(qSub(nominal, whole.nominal)), slack) > 0) return undefined;
    }
    const zero = q(0n);
    let restLo = zero;
    let restHi = zero;
    for (const o of known) {
      restLo = qAdd(restLo, maxRat([o.range.lo, zero]));
      restHi = qAdd(restHi, maxRat([o.range.hi, zero]));
    }
    const partLo = maxRat([part.range.lo, qSub(whole.range.lo, restHi), zero]);
    const partHi = minRat([part.range.hi, qSub(whole.range.hi, restLo)]);
    if (qCmp(partLo, partHi) > 0) return undefined;
    const low = qAdd(partLo, restHi);
    const high = qAdd(partHi, restLo);
    if (low.n === 0n || high.n === 0n) return undefined;
    return { lo: qDiv(qMul(partLo, q(100n)), low), hi: qDiv(qMul(partHi, q(100n)), high) };
  }

  /** A stated percentage against part ÷ whole over the two intervals. */
  checkPercent(result: CheckedClaim, part: Resolved, whole: Resolved, rule: string, what: string): void {
    if (whole.nominal.n === 0n && isPoint(whole.range)) {
      // 占 0 of nothing: only 0% can be written.
      result.status = result.figure?.value === 0n ? 'ok' : 'unverifiable';
      return;
    }
    if (qCmp(whole.range.lo, q(0n)) <= 0) return;
    const corners: Q[] = [];
    for (const n of [part.range.lo, part.range.hi]) {
      for (const w of [whole.range.lo, whole.range.hi]) corners.push(qDiv(qMul(n, q(100n)), w));
    }
    const ratio: Range = { lo: minRat(corners), hi: maxRat(corners) };
    result.source = `${part.cells.join(' + ') || '文中数'} ÷ ${whole.cells.join(' + ') || '文中数'}`;
    this.applyPercentVerdict(result, ratio, rule, what);
  }

  applyPercentVerdict(result: CheckedClaim, ratio: Range, rule: string, what: string): void {
    const fig = result.figure!;
    const verdict = comparePercent(fig.digits, ratio, this.context.claims.narrative.percentDecimals);
    result.status = verdict.status;
    result.expected = verdict.expected;
    const claim = result;
    if (verdict.status === 'mismatch') {
      this.report(
        claim,
        rule,
        undefined,
        `${quote(claim)}：${what}按表中数应为 ${verdict.expected}（${result.source}）`,
        verdict.expected,
      );
    } else if (verdict.status === 'format') {
      this.report(claim, 'N-18', undefined, `${quote(claim)}：${verdict.note}`, verdict.expected);
    }
  }
}

/**
 * The claim as the findings quote it: its subject, the words that make it a share, a completion, a
 * change or a rate, the figure. A change is quoted as one (“…比上年减少 0.30万元”), never as if its
 * figure were the item's amount.
 */
export function quote(c: Claim): string {
  return `“${c.subject}${QUOTE_LINK[c.kind](c)}${c.figure ? ` ${c.figure.text}` : ''}”`;
}

const QUOTE_LINK: Record<Claim['kind'], (c: Claim) => string> = {
  amount: () => '',
  count: () => '',
  flat: () => '…与上年持平',
  share: () => '…占',
  completion: () => '…完成预算的',
  change: (c) => `…比上年${c.direction === 'down' ? '减少' : '增加'}`,
  rate: (c) => `…${c.direction === 'down' ? '下降' : '增长'}`,
};

/** The key of a change in `zeroChanges`: its sentence, item and 科目. */
export function changeKey(claim: Claim): string {
  return `${claim.sentenceIndex}/${claim.item}/${claim.code ?? ''}`;
}

/** Whether claim `a` comes before claim `b` (their ids are numbered in reading order). */
export function sameOrBefore(a: Claim, b: Claim): boolean {
  return Number(a.id.slice(1)) < Number(b.id.slice(1));
}

export function lastStated(siblings: Claim[] | undefined, claim: Claim): Claim | undefined {
  return lastStatedOf(siblings, claim, ['amount', 'actual']);
}

/** The last amount or count before the claim, in its sentence, of the same item, 科目 and one of `attributes`. */
export function lastStatedOf(
  siblings: Claim[] | undefined,
  claim: Claim,
  attributes: string[],
): Claim | undefined {
  return [...(siblings ?? [])]
    .reverse()
    .find(
      (c) =>
        (c.kind === 'amount' || c.kind === 'count') &&
        c.item === claim.item &&
        c.code === claim.code &&
        attributes.includes(c.attribute) &&
        sameOrBefore(c, claim),
    );
}

function statedKey(item: string, attribute: string, code: string | undefined): string {
  const a = attribute === 'amount' ? 'actual' : attribute;
  return `${item}/${a}/${code ?? ''}`;
}

function claimLocation(claim: Claim): DocumentLocation {
  return {
    ...claim.location,
    sentence: claim.sentence,
    ...(claim.sectionTitle ? { section: claim.sectionTitle } : {}),
  };
}
