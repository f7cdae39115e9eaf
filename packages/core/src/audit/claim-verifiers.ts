/**
 * One verifier per kind of claim: it sets the claim's status, what the tables give and where from,
 * and reports what is wrong through the session. Rule ids and messages are the narrative rules'
 * (N-xx) of the claims profile.
 */
import { type Q, q, qAbs, qCmp, qDiv, qMul, qNeg, qSub } from '../exact';
import type { CheckedClaim } from './claim-model';
import {
  compareAmount,
  formatRange,
  formatRat,
  isPoint,
  maxRat,
  minRat,
  type Range,
  type Resolved,
  statedRange,
} from './claim-range';
import { refOf } from './claim-resolver';
import { type ClaimSession, changeKey, lastStated, lastStatedOf, quote, sameOrBefore } from './claim-session';
import type { Claim, ClaimFigure, ClaimKind } from './claims';
import type { ClaimItem } from './claims-profile';

/** A claim with a figure, of an item the claims profile knows, and its result to fill in. */
export interface ClaimCase {
  claim: Claim;
  figure: ClaimFigure;
  item: ClaimItem;
  result: CheckedClaim;
}

type ClaimVerifier = (c: ClaimCase, session: ClaimSession) => void;

export const CLAIM_VERIFIERS: Readonly<Record<ClaimKind, ClaimVerifier | undefined>> = {
  amount: verifyAmount,
  count: verifyAmount,
  share: verifyShare,
  completion: verifyCompletion,
  change: verifyChange,
  rate: verifyRate,
  // 与上年持平 states no figure to check.
  flat: undefined,
};

/** An amount or a count against the printed cells its item refers to (and its upper bound). */
function verifyAmount({ claim, figure, item, result }: ClaimCase, session: ClaimSession): void {
  const ref = refOf(item, claim.attribute);
  const resolved = ref ? session.resolver.resolve(ref, claim.code) : undefined;
  checkMaximum(claim, item, session);
  if (!resolved?.fromTables) return;
  const verdict = compareAmount(claim, resolved, session.context.claims);
  result.status = verdict.status;
  result.expected = formatRange(resolved, session.unit, true, figure);
  result.source = resolved.cells.join(' + ');
  if (verdict.status === 'mismatch') {
    const hint =
      claim.kind === 'amount'
        ? session.resolver.lookalike(statedRange(claim), resolved.cells, session.unit)
        : [];
    session.report(
      claim,
      item.rule,
      undefined,
      `${quote(claim)}与${result.source}（${result.expected}）不符${hint.length ? `；该数与${hint.join('、')}一致，疑为口径错误` : ''}`,
      result.expected,
    );
  } else if (verdict.lastDigitApart) {
    session.report(
      claim,
      item.rule,
      'warning',
      `舍入不一致：文中印${quote(claim)}，${result.source}印 ${result.expected}，同一数相差不超过末位一个单位；多为两处分别由元折算为万元舍入所致，两处应印同一数`,
      result.expected,
    );
  } else if (verdict.status === 'format') {
    session.report(
      claim,
      'N-18',
      undefined,
      `${quote(claim)}${verdict.note}（${result.source}）`,
      verdict.expected,
    );
  }
}

/** A stated figure that may not exceed a printed one (机关运行经费 ≤ 公用经费). */
function checkMaximum(claim: Claim, item: ClaimItem, session: ClaimSession): void {
  const max = item.max ? session.resolver.resolve(item.max, claim.code) : undefined;
  if (!max?.fromTables || qCmp(statedRange(claim).range.lo, max.range.hi) < 0) return;
  session.report(
    claim,
    item.rule,
    undefined,
    `${quote(claim)}超过了${max.cells.join('、')}（${formatRange(max, session.unit, false)}）；${item.label}不应大于该数`,
    `≤ ${formatRange(max, session.unit, true)}`,
  );
}

/** 占…% of a whole: linked to the parts of a stated breakdown when there is one. */
function verifyShare({ claim, item, result }: ClaimCase, session: ClaimSession): void {
  const part = session.itemValue(item, 'amount', claim.code, lastStated(session.sentenceOf(claim), claim));
  // The whole the sentence names (占授予中小企业合同金额的) before the item the profile expects; a
  // whole the profile gives as cells is the table its author chose for that wording, and stays.
  const profileWhole = item.shareOf && session.items.has(item.shareOf) ? undefined : item.shareOf;
  const wholeOf = profileWhole ?? claim.shareOf ?? item.shareOf;
  const whole = wholeOf ? session.wholeOf(wholeOf) : undefined;
  if (!part || !whole) return;
  const ratio = wholeOf === item.shareOf ? session.shareOfSum(item, part, whole) : undefined;
  if (ratio) {
    result.source = `${part.cells.join(' + ') || '文中数'} ÷ ${whole.cells.join(' + ') || '文中数'}`;
    session.applyPercentVerdict(result, ratio, item.rule, `${item.label}占比`);
  } else {
    session.checkPercent(result, part, whole, item.rule, `${item.label}占比`);
  }
}

/** 完成年初（全年）预算的…%: actual ÷ budget, and no rate at all against a budget of 0. */
function verifyCompletion({ claim, item, result }: ClaimCase, session: ClaimSession): void {
  const siblings = session.sentenceOf(claim);
  const actual = session.itemValue(
    item,
    'actual',
    claim.code,
    lastStatedOf(siblings, claim, ['actual', 'amount']),
  );
  const kind = claim.budget === 'final' ? 'finalBudget' : 'initialBudget';
  const sentenceBudget = siblings?.find(
    (c) => c.item === claim.item && c.code === claim.code && c.kind === 'amount' && c.attribute === kind,
  );
  const budget =
    session.itemValue(item, kind, claim.code, sentenceBudget) ??
    (claim.budget === 'any' ? session.itemValue(item, 'finalBudget', claim.code) : undefined);
  if (!actual || !budget) return;
  if (budget.nominal.n === 0n && isPoint(budget.range)) {
    // 预算 0、决算 0、“完成预算的 0%”: no figure is wrong, only the wording; a rate of money spent
    // without a budget states a figure that cannot be.
    const nothingSpent = actual.nominal.n === 0n && claim.figure?.value === 0n;
    result.status = nothingSpent ? 'format' : 'mismatch';
    session.report(
      claim,
      'N-05',
      nothingSpent ? 'warning' : 'error',
      `${quote(claim)}：${claim.budget === 'final' ? '全年' : '年初'}预算数为 0，不能计算完成预算的比率；应写明“年初未安排预算”`,
      '不写比率',
    );
    return;
  }
  session.checkPercent(result, actual, budget, 'N-05', '完成预算的比率');
}

/** 比上年增加（减少）…: last year's figure is not in the tables, so only the wording is checked. */
function verifyChange({ claim, figure, item, result }: ClaimCase, session: ClaimSession): void {
  if (figure.value === 0n) {
    result.status = 'format';
    session.zeroChanges.add(changeKey(claim));
    session.report(
      claim,
      'N-12',
      'warning',
      `${quote(claim)}：与上年相比没有变化，应表述为“与上年持平”，不写增减额和增减率`,
      '与上年持平',
    );
    return;
  }
  result.status = 'ok';
  if (item.reason && !claim.reasoned) {
    session.report(
      claim,
      'N-12',
      'warning',
      `${quote(claim)}：${item.label}比上年有增减，应说明主要原因`,
      '说明主要原因',
    );
  }
}

/**
 * 增长（下降）…%: the stated change Δ and the current value give last year's value, against which
 * the rate is checked.
 */
function verifyRate({ claim, item, result }: ClaimCase, session: ClaimSession): void {
  const siblings = session.sentenceOf(claim) ?? [];
  const change = [...siblings]
    .reverse()
    .find(
      (c) => c.kind === 'change' && c.item === claim.item && c.code === claim.code && sameOrBefore(c, claim),
    );
  if (session.zeroChanges.has(changeKey(claim))) {
    result.status = 'format';
    return;
  }
  if (!change?.figure) return;
  if (change.direction !== claim.direction) {
    result.status = 'mismatch';
    session.report(
      claim,
      'N-12',
      'error',
      `${quote(claim)}：增减额写“${change.direction === 'up' ? '增加' : '减少'}”，增减率却写“${claim.direction === 'up' ? '增长' : '下降'}”，方向矛盾`,
    );
    return;
  }
  const currentClaim = lastStatedOf(siblings, change, [change.attribute, 'amount', 'actual']);
  const current = currentClaim?.figure
    ? statedRange(currentClaim)
    : session.itemValue(item, change.attribute, claim.code);
  if (!current) return;
  const delta = signedChange(change);
  const priorNominal = qSub(current.nominal, delta.nominal);
  if (priorNominal.n === 0n) {
    result.status = 'mismatch';
    session.report(
      claim,
      'N-12',
      'error',
      `${quote(claim)}：按本年数与增减额，上年数为 0，不能计算增减率；应只写增减额并说明原因`,
      '不写增减率',
    );
    return;
  }
  const ratio = growthRateRange(current, delta.range);
  if (!ratio) return;
  result.source = `增减额 ${change.figure.text} ÷ 上年数（${formatRat(priorNominal, session.unit)}）`;
  session.applyPercentVerdict(result, ratio, 'N-12', '增减率');
}

/** The stated change as a signed interval: a 减少 is negative. */
export function signedChange(change: Claim): { range: Range; nominal: Q } {
  const delta = statedRange(change);
  if (change.direction !== 'down') return { range: delta.range, nominal: delta.nominal };
  return { range: { lo: qNeg(delta.range.hi), hi: qNeg(delta.range.lo) }, nominal: qNeg(delta.nominal) };
}

/**
 * |Δ| ÷ (current − Δ) in percent over the two intervals; none when last year's value could be 0 or
 * change sign within them.
 */
function growthRateRange(current: Resolved, d: Range): Range | undefined {
  const priorLo = qSub(current.range.lo, d.hi);
  const priorHi = qSub(current.range.hi, d.lo);
  if (qCmp(priorLo, q(0n)) * qCmp(priorHi, q(0n)) <= 0) return undefined;
  const corners: Q[] = [];
  for (const c of [current.range.lo, current.range.hi]) {
    for (const x of [d.lo, d.hi]) {
      const prior = qSub(c, x);
      corners.push(qAbs(qDiv(qMul(x, q(100n)), prior)));
    }
  }
  return { lo: minRat(corners), hi: maxRat(corners) };
}
