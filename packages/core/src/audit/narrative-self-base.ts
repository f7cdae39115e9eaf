/**
 * What the checks of the narrative against itself share: where a statement stands (its section),
 * the first statement of an item there, the interval comparison that tells a rounding difference
 * from a real one, and the finding that names every sentence involved.
 */
import { addToGroup } from '../arrays';
import { type Q, q, qAdd, qCmp, qSub } from '../exact';
import type { Finding } from '../finding';
import { printedAmount } from '../finding';
import { FEN_PER, isMoneyUnit } from '../money';
import type { Severity } from '../rules/catalogue';
import { normalizeText } from '../text/normalize';
import type { Range } from './claim-range';
import { type Claim, type ClaimFigure, figures, type NarrativeSentence } from './claims';
import type { ClaimsProfile } from './claims-profile';
import { documentPlaces, registeredFinding } from './findings';

export type StatedAttribute = 'actual' | 'initialBudget' | 'finalBudget';

/** The part of the narrative a statement belongs to: figures are compared within one section. */
export function scopeOf(claim: Pick<Claim, 'section' | 'sectionTitle'>): string {
  return claim.section ?? claim.sectionTitle ?? '';
}

/** A plain amount (决算数) and an unqualified one are the same statement. */
export function statedAttribute(claim: Claim): StatedAttribute {
  return claim.attribute === 'amount' ? 'actual' : claim.attribute;
}

/** The claims grouped by section, in reading order. */
export function byScope(claims: readonly Claim[]): Map<string, Claim[]> {
  const groups = new Map<string, Claim[]>();
  for (const c of claims) addToGroup(groups, scopeOf(c), c);
  return groups;
}

export function isFigure(c: Claim): c is Claim & { figure: ClaimFigure } {
  return c.figure !== undefined;
}

/** An amount or count of the item (no 科目), with the given attribute, named where it is printed. */
export function isStatement(
  c: Claim,
  item: string,
  attribute: StatedAttribute,
  profile: ClaimsProfile,
): boolean {
  return (
    (c.kind === 'amount' || c.kind === 'count') &&
    c.item === item &&
    c.code === undefined &&
    isFigure(c) &&
    statedAttribute(c) === attribute &&
    namedAtFigure(c, profile)
  );
}

/**
 * Whether the claim's figure is the one its subject names: the subject stands before it in the same
 * clause, with no other figure between or with an attribute word (决算数, 年初预算数) just before it
 * that is not the whole of a share.
 * A figure the reading gave the last subject for want of its own (…为246.62万元，其中：货物采购金额
 * 84.57万元; 上年结转结余 23,067.24 元；支出包括：教育支出 5,806,105.16 元) is not that item's to compare.
 */
export function namedAtFigure(c: Claim, profile: ClaimsProfile): boolean {
  if (!c.figure) return false;
  const norm = normalizeText(c.sentence);
  const subject = normalizeText(c.subject);
  const read = figures(norm, profile);
  const attributes = Object.values(profile.patterns.attributes).map((p) => new RegExp(p.source));
  const share = new RegExp(profile.patterns.share.source);
  const mine = read.filter((f) => f.figure.text === c.figure!.text);
  for (const f of mine) {
    const named = norm.lastIndexOf(subject, f.start);
    if (named < 0 || /[;、。]/.test(norm.slice(named, f.start))) continue;
    const between = read.filter((g) => g.start >= named + subject.length && g.end <= f.start);
    if (!between.length) return true;
    const lead = norm.slice(between.at(-1)!.end, f.start);
    // 占本年度项目支出决算数 255.28 万元的: the whole of a share, whatever attribute word it has.
    if (attributes.some((a) => a.test(lead)) && !share.test(lead)) return true;
  }
  return !mine.length;
}

/** One unit of a figure's last printed digit: in 分 for money, else in the figure's own unit (percentage points, a count). */
export function lastDigit(figure: ClaimFigure): Q {
  const scale = 10n ** BigInt(figure.decimals);
  if (isMoneyUnit(figure.unit)) return q(FEN_PER[figure.unit], scale);
  return q(1n, scale);
}

export type GapVerdict = 'ok' | 'rounding' | 'mismatch';

/**
 * Two intervals that meet are consistent; a gap no wider than one last printed digit is a rounding
 * inconsistency; anything wider is a real difference.
 */
export function gapVerdict(a: Range, b: Range, digit: Q): GapVerdict {
  const gap = qCmp(a.lo, b.hi) > 0 ? qSub(a.lo, b.hi) : qCmp(b.lo, a.hi) > 0 ? qSub(b.lo, a.hi) : undefined;
  if (!gap) return 'ok';
  return qCmp(gap, digit) <= 0 ? 'rounding' : 'mismatch';
}

export function sumRanges(ranges: readonly Range[]): Range {
  return ranges.reduce((t, r) => ({ lo: qAdd(t.lo, r.lo), hi: qAdd(t.hi, r.hi) }), { lo: q(0n), hi: q(0n) });
}

/** The coarsest last digit among the figures. */
export function coarsest(digits: readonly Q[]): Q {
  return digits.reduce((a, b) => (qCmp(a, b) >= 0 ? a : b));
}

/** The label of an item in the claims profile (its id when the profile lacks it). */
export function labelOf(profile: ClaimsProfile, item: string): string {
  return profile.items.find((i) => i.id === item)?.label ?? item;
}

/** 第3行 (or 第2页第3行): where a sentence was read, for messages that name several. */
export function placeText(at: { page?: number; line?: number; sheet?: string }): string {
  const page =
    at.page !== undefined ? `第${at.page}页` : at.sheet !== undefined ? `工作表「${at.sheet}」` : '';
  return at.line !== undefined ? `${page}第${at.line}行` : page || '文中';
}

interface SelfFindingInput {
  id: string;
  rule: string;
  severity?: Severity;
  rounding?: boolean;
  message: string;
  /** The sentences the figures were read from, the first being where the finding stands. */
  sentences: readonly (Pick<NarrativeSentence, 'text' | 'location'> & { sectionTitle?: string })[];
  found?: string;
  expected?: string;
}

/** A finding of the narrative read against itself, placed at every sentence whose figures it compares. */
export function selfFinding(input: SelfFindingInput): Finding {
  const seen = new Set<string>();
  const places = input.sentences
    .filter((s) => !seen.has(s.text) && seen.add(s.text))
    .flatMap((s) =>
      documentPlaces({
        ...s.location,
        sentence: s.text,
        ...(s.sectionTitle ? { section: s.sectionTitle } : {}),
      }),
    );
  return registeredFinding({
    id: input.id,
    rule: input.rule,
    ...(input.severity ? { severity: input.severity } : {}),
    ...(input.rounding ? { rounding: true } : {}),
    category: 'narrative',
    message: input.message,
    places,
    ...(input.found !== undefined ? { found: printedAmount(input.found) } : {}),
    ...(input.expected !== undefined ? { expected: printedAmount(input.expected) } : {}),
  });
}

/** The sentence a claim was read from, as selfFinding places it. */
export function sentenceOf(claim: Claim): SelfFindingInput['sentences'][number] {
  return {
    text: claim.sentence,
    location: claim.location,
    ...(claim.sectionTitle ? { sectionTitle: claim.sectionTitle } : {}),
  };
}
