/**
 * The narrative's figures against each other: a total and its parts (N-S01), the shares of one
 * breakdown (N-S02), one quantity stated twice (N-S04), a completion rate against the budget its
 * sentence names without saying which (N-05). Only figures of one section are compared, and each
 * item's first statement there stands for it.
 */
import { formatScaled, type Q, q, qAdd, qCmp, qDiv, qMul, qRound, qSub } from '../exact';
import type { Finding } from '../finding';
import { FEN_PER, isMoneyUnit } from '../money';
import type { CheckedClaim } from './claim-model';
import { comparePercent, maxRat, minRat, type Range, statedRange } from './claim-range';
import { lastStatedOf } from './claim-session';
import { signedChange } from './claim-verifiers';
import type { Claim, ClaimFigure } from './claims';
import type { ClaimsProfile } from './claims-profile';
import {
  byScope,
  coarsest,
  type GapVerdict,
  gapVerdict,
  isFigure,
  isStatement,
  labelOf,
  lastDigit,
  namedAtFigure,
  type StatedAttribute,
  selfFinding,
  sentenceOf,
  statedAttribute,
  sumRanges,
} from './narrative-self-base';

type Stated = Claim & { figure: ClaimFigure };

const ATTRIBUTE_WORD: Record<StatedAttribute, string> = {
  actual: '',
  initialBudget: '年初预算',
  finalBudget: '全年预算',
};

const ROUNDING_NOTE = '；只差最后一位，是尾数不一致，请按同一舍入核对各数';

/** N-S01: every total of the profile's sums against its parts, for 决算数, budgets and changes. */
export function checkSums(claims: readonly Claim[], profile: ClaimsProfile): Finding[] {
  const findings: Finding[] = [];
  const items = new Map(profile.items.map((i) => [i.id, i]));
  // A sum held in the narrative's own side table (政府采购 on S01) is the profile's table rules' to check.
  const onSideTable = (id: string) => {
    const ref = items.get(id)?.ref;
    return (Array.isArray(ref) ? ref[0] : ref)?.startsWith('S01[') ?? false;
  };
  const sums = profile.sums.filter((s) => ![s.total, ...s.parts].every(onSideTable));
  for (const inScope of byScope(claims).values()) {
    for (const sum of sums) {
      for (const attribute of Object.keys(ATTRIBUTE_WORD) as StatedAttribute[]) {
        const pick = (item: string) =>
          inScope.find((c): c is Stated => isStatement(c, item, attribute, profile));
        const finding = partsAgainstTotal(pick(sum.total), sum.parts.map(pick), profile, {
          word: ATTRIBUTE_WORD[attribute],
          range: (c) => statedRange(c).range,
          value: (c) => c.figure.value,
          text: (c) => c.figure.text,
        });
        if (finding) findings.push(finding);
      }
      const change = (item: string) =>
        inScope.find((c): c is Stated => c.kind === 'change' && c.item === item && !c.code && isFigure(c));
      const parts = sum.parts.map(change);
      // A change may be negative: only the full breakdown says anything about the total's change.
      if (parts.every((p) => p !== undefined)) {
        const finding = partsAgainstTotal(change(sum.total), parts, profile, {
          word: '比上年增减额',
          range: (c) => signedChange(c).range,
          value: (c) => (c.direction === 'down' ? -c.figure.value : c.figure.value),
          text: (c) => `${c.direction === 'down' ? '减少' : '增加'}${c.figure.text}`,
          change: true,
        });
        if (finding) findings.push(finding);
      }
    }
  }
  return findings;
}

/** How a kind of figure is read for a sum: an amount as printed, a change signed by its direction. */
interface SumReading {
  word: string;
  range: (c: Stated) => Range;
  value: (c: Stated) => bigint;
  text: (c: Stated) => string;
  /** Changes are compared as a warning: which year each change is against is not always said. */
  change?: true;
}

function partsAgainstTotal(
  total: Stated | undefined,
  parts: readonly (Stated | undefined)[],
  profile: ClaimsProfile,
  reading: SumReading,
): Finding | undefined {
  const stated = parts.filter((p): p is Stated => p !== undefined);
  if (!total || !stated.length) return undefined;
  const complete = stated.length === parts.length;
  const whole = reading.range(total);
  const sum = sumRanges(stated.map(reading.range));
  const digit = coarsest([total, ...stated].map((c) => lastDigit(c.figure)));
  // Parts not stated add something unknown: the stated ones may only fall short of the total.
  const verdict: GapVerdict = complete
    ? gapVerdict(sum, whole, digit)
    : qCmp(sum.lo, whole.hi) > 0
      ? gapVerdict({ lo: sum.lo, hi: sum.lo }, whole, digit)
      : 'ok';
  if (verdict === 'ok') return undefined;
  const nominal = stated.reduce((t, c) => qAdd(t, q(reading.value(c))), q(0n));
  const sumText = amountText(nominal, total.figure, reading.change ?? false);
  const terms = stated.map((c) => `${labelOf(profile, c.item)} ${reading.text(c)}`).join(' + ');
  const totalText = `${labelOf(profile, total.item)}${reading.word} ${reading.text(total)}`;
  const message = complete
    ? `${totalText}与其组成部分之和不符：${terms} = ${sumText}`
    : `已写出的组成部分已超过${totalText}：${stated.length > 1 ? `${terms} = ${sumText}` : terms}`;
  return selfFinding({
    id: `N-S01@${total.id}`,
    rule: 'N-S01',
    ...(verdict === 'rounding' || reading.change ? { severity: 'warning' as const } : {}),
    ...(verdict === 'rounding' ? { rounding: true } : {}),
    message: verdict === 'rounding' ? message + ROUNDING_NOTE : message,
    sentences: [total, ...stated].map(sentenceOf),
    found: reading.text(total),
    expected: sumText,
  });
}

/** A sum in the unit of the figure it is compared with (a change as 增加/减少 and its size). */
function amountText(value: Q, like: ClaimFigure, change: boolean): string {
  const negative = qCmp(value, q(0n)) < 0;
  const size = negative ? qSub(q(0n), value) : value;
  // Grouped as the figure it is compared with is (7,057,486.18 元).
  const grouping = like.text.includes(',');
  const text = isMoneyUnit(like.unit)
    ? `${formatScaled(qRound(qDiv(size, q(FEN_PER[like.unit])), 2), 2, grouping)}${like.unit}`
    : `${qRound(size)}${like.unit}`;
  return change ? `${negative ? '减少' : '增加'}${text}` : `${negative ? '-' : ''}${text}`;
}

function percentValue(figure: ClaimFigure): Q {
  return q(BigInt(figure.digits.replace('.', '')), 10n ** BigInt(figure.decimals));
}

/** A printed percentage as the interval of ratios that print so. */
function percentRange(figure: ClaimFigure): Range {
  const value = percentValue(figure);
  const half = q(1n, 2n * 10n ** BigInt(figure.decimals));
  return { lo: qSub(value, half), hi: qAdd(value, half) };
}

/**
 * N-S02: the shares of one breakdown add to 100%. The parts of a profile sum whose shares are of its
 * total; a part left out counts only when the narrative says it is 0. Shares of several 科目 of one
 * item may only not exceed 100% (the narrative need not list every 科目).
 */
export function checkShareTotals(claims: readonly Claim[], profile: ClaimsProfile): Finding[] {
  const findings: Finding[] = [];
  const items = new Map(profile.items.map((i) => [i.id, i]));
  for (const inScope of byScope(claims).values()) {
    const share = (c: Claim): c is Stated => c.kind === 'share' && isFigure(c);
    for (const sum of profile.sums) {
      const parts = sum.parts.filter((id) => items.get(id)?.shareOf === sum.total);
      if (parts.length < 2) continue;
      const shares = parts.map((id) =>
        inScope.find((c): c is Stated => share(c) && c.item === id && !c.code),
      );
      const none = (id: string) =>
        inScope.some((c) => isStatement(c, id, 'actual', profile) && c.figure?.value === 0n);
      const complete = parts.every((id, i) => shares[i] !== undefined || none(id));
      const finding = sharesAgainstHundred(
        shares.filter((s): s is Stated => s !== undefined),
        complete,
        profile,
      );
      if (finding) findings.push(finding);
    }
    for (const item of profile.items.filter((i) => i.classes && i.shareOf)) {
      const byCode = new Map<string, Stated>();
      for (const c of inScope)
        if (share(c) && c.item === item.id && c.code && !byCode.has(c.code)) byCode.set(c.code, c);
      const finding = sharesAgainstHundred([...byCode.values()], false, profile);
      if (finding) findings.push(finding);
    }
  }
  return findings;
}

function sharesAgainstHundred(
  shares: readonly Stated[],
  complete: boolean,
  profile: ClaimsProfile,
): Finding | undefined {
  if (shares.length < 2) return undefined;
  const sum = sumRanges(shares.map((s) => percentRange(s.figure)));
  const hundred = q(100n);
  const digit = coarsest(shares.map((s) => lastDigit(s.figure)));
  const point: Range = { lo: hundred, hi: hundred };
  const verdict: GapVerdict = complete || qCmp(sum.lo, hundred) > 0 ? gapVerdict(sum, point, digit) : 'ok';
  if (verdict === 'ok') return undefined;
  const nominal = shares.reduce((t, s) => qAdd(t, percentValue(s.figure)), q(0n));
  const decimals = Math.max(...shares.map((s) => s.figure.decimals));
  const total = `${formatScaled(qRound(nominal, decimals), decimals, false)}%`;
  const terms = shares
    .map((s) => `${s.code ? s.subject : labelOf(profile, s.item)} ${s.figure.text}`)
    .join(' + ');
  const message = complete
    ? `同一构成的各项占比之和不是 100%：${terms} = ${total}`
    : `各项占比之和超过了 100%：${terms} = ${total}`;
  return selfFinding({
    id: `N-S02@${shares[0]!.id}`,
    rule: 'N-S02',
    ...(verdict === 'rounding' ? { severity: 'warning' as const, rounding: true } : {}),
    message: verdict === 'rounding' ? message + ROUNDING_NOTE : message,
    sentences: shares.map(sentenceOf),
    found: total,
    expected: '100%',
  });
}

/** N-S04: an item's figure stated again in its section is stated the same. */
export function checkRestated(claims: readonly Claim[], profile: ClaimsProfile): Finding[] {
  const findings: Finding[] = [];
  for (const inScope of byScope(claims).values()) {
    const first = new Map<string, Stated>();
    const reported = new Set<string>();
    for (const c of inScope) {
      if ((c.kind !== 'amount' && c.kind !== 'count') || !isFigure(c) || !namedAtFigure(c, profile)) continue;
      const key = `${c.item}/${statedAttribute(c)}/${c.code ?? ''}`;
      const earlier = first.get(key);
      if (!earlier) {
        first.set(key, c);
        continue;
      }
      if (reported.has(key) || !sameUnitKind(earlier.figure, c.figure)) continue;
      const digit = coarsest([lastDigit(earlier.figure), lastDigit(c.figure)]);
      const verdict = gapVerdict(statedRange(earlier).range, statedRange(c).range, digit);
      if (verdict === 'ok') continue;
      reported.add(key);
      const what = `${c.code ? c.subject : labelOf(profile, c.item)}${ATTRIBUTE_WORD[statedAttribute(c)]}`;
      findings.push(
        selfFinding({
          id: `N-S04@${c.id}`,
          rule: 'N-S04',
          ...(verdict === 'rounding' ? { rounding: true } : {}),
          message: `${what}前文写 ${earlier.figure.text}，此处写 ${c.figure.text}，同一个数前后不一致${verdict === 'rounding' ? ROUNDING_NOTE : ''}`,
          sentences: [sentenceOf(c), sentenceOf(earlier)],
          found: c.figure.text,
          expected: earlier.figure.text,
        }),
      );
    }
  }
  return findings;
}

/** Money against money, a count against a count of the same unit. */
function sameUnitKind(a: ClaimFigure, b: ClaimFigure): boolean {
  return isMoneyUnit(a.unit) ? isMoneyUnit(b.unit) : a.unit === b.unit;
}

/**
 * 完成预算29.6万元的92.8%: a rate against a budget the sentence names but does not say is 年初 or
 * 全年, which no table cell can stand for; 决算 ÷ that budget, when the tables gave nothing to check.
 */
export function checkUnnamedBudgetRates(claims: readonly CheckedClaim[], profile: ClaimsProfile): Finding[] {
  const findings: Finding[] = [];
  for (const c of claims) {
    if (c.kind !== 'completion' || c.status !== 'unverifiable' || !c.unnamedBudget || !isFigure(c)) continue;
    const budget = statedRange({ ...c, figure: c.unnamedBudget }).range;
    if (qCmp(budget.lo, q(0n)) <= 0) continue;
    const siblings = claims.filter((s) => s.sentenceIndex === c.sentenceIndex);
    const actual = lastStatedOf(siblings, c, ['actual', 'amount']);
    if (!actual?.figure) continue;
    const part = statedRange(actual).range;
    const corners = [part.lo, part.hi].flatMap((n) =>
      [budget.lo, budget.hi].map((w) => qDiv(qMul(n, q(100n)), w)),
    );
    const ratio = { lo: minRat(corners), hi: maxRat(corners) };
    const verdict = comparePercent(c.figure.digits, ratio, profile.narrative.percentDecimals);
    if (verdict.status !== 'mismatch' && verdict.status !== 'format') continue;
    const what = `${labelOf(profile, c.item)}决算 ${actual.figure.text} ÷ 预算 ${c.unnamedBudget.text}`;
    findings.push(
      selfFinding({
        id: `${verdict.status === 'mismatch' ? 'N-05' : 'N-18'}@${c.id}`,
        rule: verdict.status === 'mismatch' ? 'N-05' : 'N-18',
        message:
          verdict.status === 'mismatch'
            ? `“完成预算${c.unnamedBudget.text}的${c.figure.text}”：${what} 应为 ${verdict.expected}`
            : `“完成预算${c.unnamedBudget.text}的${c.figure.text}”：${verdict.note}（${what}）`,
        sentences: [sentenceOf(c)],
        found: c.figure.text,
        ...(verdict.expected ? { expected: verdict.expected } : {}),
      }),
    );
  }
  return findings;
}
