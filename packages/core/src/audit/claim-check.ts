/**
 * Checks narrative claims against the recognised tables with printed-precision interval
 * arithmetic (spec §3.1): every printed figure stands for the interval of values that print so,
 * and a claim is accepted when some true values in those intervals make it right. Shares and rates
 * are accepted when the printed percentage (±0.005 pp) meets the interval of possible ratios.
 * Last year's figures come only from the document: a stated change Δ and the current value give
 * last year's value, against which the stated growth rate is checked.
 */
import { halfStepOf } from '../check';
import { parseFactKey } from '../facts';
import { FEN_PER, formatAmount, type MoneyUnit } from '../money';
import type { Profile, TableDef } from '../profile';
import { add, cmp, div, mul, type Rat, rat, sub } from '../rules/value';
import { type CellView, findRow, type RowView, type SectionView, type TableView } from '../views';
import type { Claim } from './claims';
import type { ClaimItem, ClaimsProfile } from './claims-profile';
import type { AuditFinding, AuditLocation } from './findings';
import { buildSections } from './grid';

export type ClaimStatus = 'ok' | 'mismatch' | 'format' | 'unverifiable';

export interface CheckedClaim extends Claim {
  status: ClaimStatus;
  /** What the tables give, as text (940.51万元, 72.86%). */
  expected?: string;
  /** Where the expected figure comes from (公开01表第31行「总计」). */
  source?: string;
}

/** A closed-or-half-open interval of exact values: [lo, hi) (a point when lo = hi). */
interface Range {
  lo: Rat;
  hi: Rat;
}

interface Resolved {
  range: Range;
  nominal: Rat;
  kind: 'money' | 'count';
  /** At least one cell holds a printed figure. */
  printed: boolean;
  /** Every cell is from a printed table (not the narrative's own side data). */
  fromTables: boolean;
  cells: string[];
}

export interface ClaimCheckContext {
  profile: Profile;
  claims: ClaimsProfile;
  /** The recognised printed tables. */
  views: readonly TableView[];
  /** Half of one printed last digit per table, in 分. */
  halfSteps: ReadonlyMap<string, bigint>;
}

export interface ClaimCheckResult {
  claims: CheckedClaim[];
  findings: AuditFinding[];
  /** S01 (情况说明数据) as the narrative states it, for the rules that read it. */
  sideTable?: TableView;
}

const SEVERITY: Record<string, 'error' | 'warning'> = {
  'N-08': 'warning',
  'N-15': 'warning',
  'N-16': 'warning',
  'N-17': 'warning',
  'N-18': 'warning',
  'N-19': 'warning',
};

const RULE_TITLE: Record<string, string> = {
  'N-01': '收支总计与表一致',
  'N-02': '收入构成及占比与表一致',
  'N-03': '支出构成及占比与表一致',
  'N-04': '财政拨款支出与公开04表一致',
  'N-05': '完成预算比率正确',
  'N-06': '基本支出与公开05、06表一致',
  'N-07': '“三公”经费与公开表一致',
  'N-08': '机关运行经费不超过公用经费',
  'N-09': '政府采购各项相符',
  'N-10': '资产、人员数与表一致',
  'N-12': '比上年增减表述正确',
  'N-17': '绩效自评覆盖数字相符',
  'N-18': '金额与百分比保留两位小数、四舍五入',
};

export function checkClaims(claims: readonly Claim[], context: ClaimCheckContext): ClaimCheckResult {
  const side = buildSideTable(claims, context);
  const views = side ? [...context.views, side] : [...context.views];
  const halfSteps = new Map(context.halfSteps);
  if (side) halfSteps.set(side.id, narrativeHalfStep(context.claims));
  const resolver = new Resolver(context.profile, views, halfSteps);
  const items = new Map(context.claims.items.map((i) => [i.id, i]));
  const checked: CheckedClaim[] = [];
  const findings: AuditFinding[] = [];
  const unit = context.claims.narrative.unit;
  /** What the narrative states per item, attribute and 科目: its own figures for what no table prints. */
  const stated = new Map<string, Claim>();
  for (const c of claims) {
    if ((c.kind === 'amount' || c.kind === 'count') && c.figure) {
      const key = statedKey(c.item, c.attribute, c.code);
      if (!stated.has(key)) stated.set(key, c);
    }
  }
  const itemValue = (
    item: ClaimItem,
    attribute: Claim['attribute'],
    code: string | undefined,
    preferStated?: Claim,
  ) => {
    const ref = refOf(item, attribute);
    const fromTable = ref ? resolver.resolve(ref, code) : undefined;
    if (fromTable?.fromTables) return fromTable;
    const own = preferStated ?? stated.get(statedKey(item.id, attribute, code));
    if (own?.figure) return statedRange(own);
    return fromTable;
  };
  const finding = (
    claim: Claim,
    rule: string,
    severity: 'error' | 'warning' | undefined,
    message: string,
    expected?: string,
  ): AuditFinding => ({
    id: `${rule}@${claim.id}`,
    rule,
    severity: severity ?? SEVERITY[rule] ?? 'error',
    category: 'narrative',
    title: RULE_TITLE[rule] ?? '情况说明与表一致',
    location: claimLocation(claim),
    ...(expected !== undefined ? { expected } : {}),
    ...(claim.figure ? { found: claim.figure.text } : {}),
    message,
  });
  const quote = (c: Claim) =>
    `“${c.subject}${c.kind === 'share' ? '…占' : c.kind === 'completion' ? '…完成预算的' : c.kind === 'rate' ? '…' : ''}${c.figure ? ` ${c.figure.text}` : ''}”`;
  const byIndex = new Map<number, Claim[]>();
  for (const c of claims) byIndex.set(c.sentenceIndex, [...(byIndex.get(c.sentenceIndex) ?? []), c]);
  const zeroChanges = new Set<string>();

  for (const claim of claims) {
    const item = items.get(claim.item);
    const result: CheckedClaim = { ...claim, status: 'unverifiable' };
    checked.push(result);
    if (!item || !claim.figure) continue;
    const fig = claim.figure;
    switch (claim.kind) {
      case 'amount':
      case 'count': {
        const ref = refOf(item, claim.attribute);
        const resolved = ref ? resolver.resolve(ref, claim.code) : undefined;
        if (item.max) {
          const max = resolver.resolve(item.max, claim.code);
          if (max?.fromTables && cmp(statedRange(claim).range.lo, max.range.hi) >= 0) {
            findings.push(
              finding(
                claim,
                item.rule,
                undefined,
                `${quote(claim)}超过了${max.cells.join('、')}（${formatRange(max, unit, false)}）；${item.label}不应大于该数`,
                `≤ ${formatRange(max, unit, true)}`,
              ),
            );
          }
        }
        if (!resolved?.fromTables) break;
        const verdict = compareAmount(claim, resolved, context.claims);
        result.status = verdict.status;
        result.expected = formatRange(resolved, unit, true, fig);
        result.source = resolved.cells.join(' + ');
        if (verdict.status === 'mismatch') {
          const hint =
            claim.kind === 'amount' ? resolver.lookalike(statedRange(claim), resolved.cells, unit) : [];
          findings.push(
            finding(
              claim,
              item.rule,
              undefined,
              `${quote(claim)}与${result.source}（${result.expected}）不符${hint.length ? `；该数与${hint.join('、')}一致，疑为口径错误` : ''}`,
              result.expected,
            ),
          );
        } else if (verdict.status === 'format') {
          findings.push(
            finding(
              claim,
              'N-18',
              undefined,
              `${quote(claim)}${verdict.note}（${result.source}）`,
              verdict.expected,
            ),
          );
        }
        break;
      }
      case 'share': {
        const part = itemValue(
          item,
          'amount',
          claim.code,
          lastStated(byIndex.get(claim.sentenceIndex), claim),
        );
        const whole = item.shareOf ? wholeOf(item.shareOf, items, itemValue, resolver) : undefined;
        if (!part || !whole) break;
        const ratio = shareOfSum(item, part, whole);
        if (ratio) {
          result.source = `${part.cells.join(' + ') || '文中数'} ÷ ${whole.cells.join(' + ') || '文中数'}`;
          applyPercentVerdict(result, ratio, item.rule, `${item.label}占比`);
        } else {
          checkPercent(result, part, whole, item.rule, `${item.label}占比`);
        }
        break;
      }
      case 'completion': {
        const actual = itemValue(
          item,
          'actual',
          claim.code,
          lastStatedOf(byIndex.get(claim.sentenceIndex), claim, ['actual', 'amount']),
        );
        const kind = claim.budget === 'final' ? 'finalBudget' : 'initialBudget';
        const sentenceBudget = byIndex
          .get(claim.sentenceIndex)
          ?.find(
            (c) =>
              c.item === claim.item && c.code === claim.code && c.kind === 'amount' && c.attribute === kind,
          );
        const budget =
          itemValue(item, kind, claim.code, sentenceBudget) ??
          (claim.budget === 'any' ? itemValue(item, 'finalBudget', claim.code) : undefined);
        if (!actual || !budget) break;
        if (budget.nominal.n === 0n && isPoint(budget.range)) {
          result.status = 'mismatch';
          findings.push(
            finding(
              claim,
              'N-05',
              'error',
              `${quote(claim)}：${claim.budget === 'final' ? '全年' : '年初'}预算数为 0，不能计算完成预算的比率；应写明“年初未安排预算”`,
              '不写比率',
            ),
          );
          break;
        }
        checkPercent(result, actual, budget, 'N-05', '完成预算的比率');
        break;
      }
      case 'change': {
        if (fig.value === 0n) {
          result.status = 'format';
          zeroChanges.add(`${claim.sentenceIndex}/${claim.item}/${claim.code ?? ''}`);
          findings.push(
            finding(
              claim,
              'N-12',
              'warning',
              `${quote(claim)}：与上年相比没有变化，应表述为“与上年持平”，不写增减额和增减率`,
              '与上年持平',
            ),
          );
          break;
        }
        result.status = 'ok';
        if (item.reason && !claim.reasoned) {
          findings.push(
            finding(
              claim,
              'N-12',
              'warning',
              `${quote(claim)}：${item.label}比上年有增减，应说明主要原因`,
              '说明主要原因',
            ),
          );
        }
        break;
      }
      case 'rate': {
        const siblings = byIndex.get(claim.sentenceIndex) ?? [];
        const change = [...siblings]
          .reverse()
          .find(
            (c) =>
              c.kind === 'change' && c.item === claim.item && c.code === claim.code && sameOrBefore(c, claim),
          );
        if (zeroChanges.has(`${claim.sentenceIndex}/${claim.item}/${claim.code ?? ''}`)) {
          result.status = 'format';
          break;
        }
        if (!change?.figure) break;
        if (change.direction !== claim.direction) {
          result.status = 'mismatch';
          findings.push(
            finding(
              claim,
              'N-12',
              'error',
              `${quote(claim)}：增减额写“${change.direction === 'up' ? '增加' : '减少'}”，增减率却写“${claim.direction === 'up' ? '增长' : '下降'}”，方向矛盾`,
            ),
          );
          break;
        }
        const currentClaim = lastStatedOf(siblings, change, [change.attribute, 'amount', 'actual']);
        const current = currentClaim?.figure
          ? statedRange(currentClaim)
          : itemValue(item, change.attribute, claim.code);
        if (!current) break;
        const delta = statedRange(change);
        const sign = change.direction === 'down' ? -1n : 1n;
        const d: Range = sign > 0n ? delta.range : { lo: neg(delta.range.hi), hi: neg(delta.range.lo) };
        const dNom = sign > 0n ? delta.nominal : neg(delta.nominal);
        const priorNominal = sub(current.nominal, dNom);
        if (priorNominal.n === 0n) {
          result.status = 'mismatch';
          findings.push(
            finding(
              claim,
              'N-12',
              'error',
              `${quote(claim)}：按本年数与增减额，上年数为 0，不能计算增减率；应只写增减额并说明原因`,
              '不写增减率',
            ),
          );
          break;
        }
        const priorLo = sub(current.range.lo, d.hi);
        const priorHi = sub(current.range.hi, d.lo);
        if (cmp(priorLo, rat(0n)) * cmp(priorHi, rat(0n)) <= 0) break;
        const corners: Rat[] = [];
        for (const c of [current.range.lo, current.range.hi]) {
          for (const x of [d.lo, d.hi]) {
            const prior = sub(c, x);
            corners.push(absRat(div(mul(x, rat(100n)), prior)));
          }
        }
        const ratio: Range = { lo: minRat(corners), hi: maxRat(corners) };
        result.source = `增减额 ${change.figure.text} ÷ 上年数（${formatRat(priorNominal, unit)}）`;
        applyPercentVerdict(result, ratio, 'N-12', '增减率');
        break;
      }
      default:
        break;
    }
  }

  /**
   * A share of a total the narrative breaks down: part ÷ (part + the other parts), with the part
   * narrowed by what the printed total allows. Unlike part ÷ total over two independent intervals,
   * this keeps the two linked (本年收入合计 = 财政拨款收入 + 其他收入 when 财政拨款收入 is exact).
   * Parts the sentence leaves out count as 0 when the stated parts already make up the total.
   */
  function shareOfSum(item: ClaimItem, part: Resolved, whole: Resolved): Range | undefined {
    const sum = context.claims.sums.find((x) => x.total === item.shareOf && x.parts.includes(item.id));
    if (!sum) return undefined;
    const others = sum.parts
      .filter((id) => id !== item.id)
      .map((id) => {
        const other = items.get(id);
        return other ? itemValue(other, 'amount', undefined) : undefined;
      });
    const known = others.filter((o): o is Resolved => o !== undefined);
    if (known.length < others.length) {
      const half = narrativeHalfStep(context.claims);
      const nominal = known.reduce((t, o) => add(t, o.nominal), part.nominal);
      const slack = rat(half * BigInt(known.length + 2));
      if (cmp(absRat(sub(nominal, whole.nominal)), slack) > 0) return undefined;
    }
    const zero = rat(0n);
    let restLo = zero;
    let restHi = zero;
    for (const o of known) {
      restLo = add(restLo, maxRat([o.range.lo, zero]));
      restHi = add(restHi, maxRat([o.range.hi, zero]));
    }
    const partLo = maxRat([part.range.lo, sub(whole.range.lo, restHi), zero]);
    const partHi = minRat([part.range.hi, sub(whole.range.hi, restLo)]);
    if (cmp(partLo, partHi) > 0) return undefined;
    const low = add(partLo, restHi);
    const high = add(partHi, restLo);
    if (low.n === 0n || high.n === 0n) return undefined;
    return { lo: div(mul(partLo, rat(100n)), low), hi: div(mul(partHi, rat(100n)), high) };
  }

  function checkPercent(result: CheckedClaim, part: Resolved, whole: Resolved, rule: string, what: string) {
    if (whole.nominal.n === 0n && isPoint(whole.range)) {
      // 占 0 of nothing: only 0% can be written.
      result.status = result.figure?.value === 0n ? 'ok' : 'unverifiable';
      return;
    }
    if (cmp(whole.range.lo, rat(0n)) <= 0) return;
    const corners: Rat[] = [];
    for (const n of [part.range.lo, part.range.hi]) {
      for (const w of [whole.range.lo, whole.range.hi]) corners.push(div(mul(n, rat(100n)), w));
    }
    const ratio: Range = { lo: minRat(corners), hi: maxRat(corners) };
    result.source = `${part.cells.join(' + ') || '文中数'} ÷ ${whole.cells.join(' + ') || '文中数'}`;
    applyPercentVerdict(result, ratio, rule, what);
  }

  function applyPercentVerdict(result: CheckedClaim, ratio: Range, rule: string, what: string) {
    const fig = result.figure!;
    const verdict = comparePercent(fig.digits, ratio, context.claims.narrative.percentDecimals);
    result.status = verdict.status;
    result.expected = verdict.expected;
    const claim = result;
    if (verdict.status === 'mismatch') {
      findings.push(
        finding(
          claim,
          rule,
          undefined,
          `${quote(claim)}：${what}按表中数应为 ${verdict.expected}（${result.source}）`,
          verdict.expected,
        ),
      );
    } else if (verdict.status === 'format') {
      findings.push(finding(claim, 'N-18', undefined, `${quote(claim)}：${verdict.note}`, verdict.expected));
    }
  }

  return { claims: checked, findings, ...(side ? { sideTable: side } : {}) };
}

// ---------------------------------------------------------------------------------------------

function statedKey(item: string, attribute: string, code: string | undefined): string {
  const a = attribute === 'amount' ? 'actual' : attribute;
  return `${item}/${a}/${code ?? ''}`;
}

function refOf(item: ClaimItem, attribute: Claim['attribute']): string | string[] | undefined {
  switch (attribute) {
    case 'initialBudget':
      return item.initialBudget;
    case 'finalBudget':
      return item.finalBudget;
    case 'actual':
      return item.actual ?? item.ref;
    default:
      return item.ref ?? item.actual;
  }
}

function sameOrBefore(a: Claim, b: Claim): boolean {
  return Number(a.id.slice(1)) < Number(b.id.slice(1));
}

function lastStated(siblings: Claim[] | undefined, claim: Claim): Claim | undefined {
  return lastStatedOf(siblings, claim, ['amount', 'actual']);
}

function lastStatedOf(siblings: Claim[] | undefined, claim: Claim, attributes: string[]): Claim | undefined {
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

function wholeOf(
  shareOf: string,
  items: Map<string, ClaimItem>,
  itemValue: (
    item: ClaimItem,
    attribute: Claim['attribute'],
    code: string | undefined,
  ) => Resolved | undefined,
  resolver: Resolver,
): Resolved | undefined {
  const item = items.get(shareOf);
  if (item) return itemValue(item, 'amount', undefined);
  return resolver.resolve(shareOf, undefined);
}

function narrativeHalfStep(claims: ClaimsProfile): bigint {
  return halfStepOf({ unit: claims.narrative.unit, decimals: claims.narrative.decimals });
}

/** The interval a stated figure stands for: its value ± half its last written digit. */
function statedRange(claim: Claim): Resolved {
  const fig = claim.figure!;
  const value = fig.value;
  if (fig.unit === '万元' || fig.unit === '元') {
    const step = FEN_PER[fig.unit as MoneyUnit] / 10n ** BigInt(fig.decimals);
    // A plain 0 (事业收入0万元) says there was none, not that it rounds to nothing.
    const half = step >= 2n && !(value === 0n && fig.decimals === 0) ? step / 2n : 0n;
    return {
      range: { lo: rat(value - half), hi: rat(value + half) },
      nominal: rat(value),
      kind: 'money',
      printed: true,
      fromTables: false,
      cells: [],
    };
  }
  return {
    range: { lo: rat(value), hi: rat(value) },
    nominal: rat(value),
    kind: 'count',
    printed: true,
    fromTables: false,
    cells: [],
  };
}

function isPoint(r: Range): boolean {
  return cmp(r.lo, r.hi) === 0;
}

/** Whether some value lies in both: [a.lo, a.hi) and [b.lo, b.hi), points included. */
function overlaps(a: Range, b: Range): boolean {
  if (isPoint(a) && isPoint(b)) return cmp(a.lo, b.lo) === 0;
  if (isPoint(a)) return cmp(b.lo, a.lo) <= 0 && cmp(a.lo, b.hi) < 0;
  if (isPoint(b)) return cmp(a.lo, b.lo) <= 0 && cmp(b.lo, a.hi) < 0;
  return cmp(a.lo, b.hi) < 0 && cmp(b.lo, a.hi) < 0;
}

/** Closed overlap, for computed ratio ranges against a printed percentage. */
function overlapsClosed(printed: Range, computed: Range): boolean {
  return cmp(printed.lo, computed.hi) <= 0 && cmp(computed.lo, printed.hi) < 0;
}

interface Verdict {
  status: ClaimStatus;
  note?: string;
  expected?: string;
}

/** A stated amount against the table value: equal as printed, or only a truncation / too few decimals. */
function compareAmount(claim: Claim, resolved: Resolved, claims: ClaimsProfile): Verdict {
  const fig = claim.figure!;
  if (resolved.kind === 'count' || !(fig.unit === '万元' || fig.unit === '元')) {
    const ok =
      overlaps({ lo: rat(fig.value), hi: rat(fig.value) }, resolved.range) ||
      overlapsClosed(pointRange(fig.value), resolved.range);
    return { status: ok ? 'ok' : 'mismatch' };
  }
  const unit = fig.unit as MoneyUnit;
  const target = claims.narrative.decimals;
  const at = (decimals: number): Range => {
    const step = FEN_PER[unit] / 10n ** BigInt(decimals);
    const half = step / 2n;
    return { lo: rat(fig.value - half), hi: rat(fig.value + half) };
  };
  const truncated = (decimals: number): Range => {
    const step = FEN_PER[unit] / 10n ** BigInt(decimals);
    return { lo: rat(fig.value), hi: rat(fig.value + step) };
  };
  const proper = formatRange(resolved, unit, true);
  if (fig.decimals >= target) {
    if (overlaps(at(fig.decimals), resolved.range)) return { status: 'ok' };
    if (fig.decimals === target && fig.value >= 0n && overlaps(truncated(target), resolved.range)) {
      return { status: 'format', note: `似为截断所得；四舍五入应为 ${proper}`, expected: proper };
    }
    return { status: 'mismatch' };
  }
  if (overlaps(at(target), resolved.range)) return { status: 'ok' };
  if (overlaps(at(fig.decimals), resolved.range) || overlaps(truncated(fig.decimals), resolved.range)) {
    return {
      status: 'format',
      note: `只保留了 ${fig.decimals} 位小数；金额应保留 ${target} 位小数，应写 ${proper}`,
      expected: proper,
    };
  }
  return { status: 'mismatch' };
}

function pointRange(value: bigint): Range {
  return { lo: rat(value), hi: rat(value) };
}

/** A printed percentage against the interval of possible ratios (in percent). */
function comparePercent(digits: string, ratio: Range, target: number): Verdict {
  const [int = '0', frac = ''] = digits.split('.');
  const decimals = frac.length;
  const value = rat(BigInt(int + frac), 10n ** BigInt(decimals));
  const half = (d: number) => rat(1n, 2n * 10n ** BigInt(d));
  const around = (d: number): Range => ({ lo: sub(value, half(d)), hi: add(value, half(d)) });
  const truncated = (d: number): Range => ({ lo: value, hi: add(value, rat(1n, 10n ** BigInt(d))) });
  const expected = formatPercentRange(ratio, target);
  if (decimals >= target) {
    if (overlapsClosed(around(decimals), ratio)) return { status: 'ok', expected };
    if (decimals === target && overlapsClosed(truncated(target), ratio)) {
      return { status: 'format', note: `似为截断所得；四舍五入应为 ${expected}`, expected };
    }
    return { status: 'mismatch', expected };
  }
  if (overlapsClosed(around(target), ratio)) return { status: 'ok', expected };
  if (overlapsClosed(around(decimals), ratio) || overlapsClosed(truncated(decimals), ratio)) {
    return {
      status: 'format',
      note: `只保留了 ${decimals} 位小数；百分比应保留 ${target} 位小数（四舍五入），应为 ${expected}`,
      expected,
    };
  }
  return { status: 'mismatch', expected };
}

function neg(r: Rat): Rat {
  return { n: -r.n, d: r.d };
}

function absRat(r: Rat): Rat {
  return r.n < 0n ? neg(r) : r;
}

function minRat(list: Rat[]): Rat {
  return list.reduce((a, b) => (cmp(a, b) <= 0 ? a : b));
}

function maxRat(list: Rat[]): Rat {
  return list.reduce((a, b) => (cmp(a, b) >= 0 ? a : b));
}

/** Rounds a rational half away from zero to `decimals` and prints it. */
function roundText(r: Rat, decimals: number): string {
  const scaled = mul(r, rat(10n ** BigInt(decimals)));
  const negative = scaled.n < 0n;
  const magnitude = ((negative ? -scaled.n : scaled.n) * 2n + scaled.d) / (scaled.d * 2n);
  const digits = magnitude.toString().padStart(decimals + 1, '0');
  const text = decimals ? `${digits.slice(0, -decimals)}.${digits.slice(-decimals)}` : digits;
  return negative && magnitude !== 0n ? `-${text}` : text;
}

function formatPercentRange(ratio: Range, decimals: number): string {
  const lo = roundText(ratio.lo, decimals);
  const hi = roundText(ratio.hi, decimals);
  return lo === hi ? `${lo}%` : `${lo}%～${hi}%`;
}

function formatRat(r: Rat, unit: MoneyUnit): string {
  return `${roundText(div(r, rat(FEN_PER[unit])), 2)}${unit}`;
}

/** A resolved figure as text in the narrative's unit, 2 decimals; a range when rounding leaves a choice. */
function formatRange(
  resolved: Resolved,
  unit: MoneyUnit,
  withUnit: boolean,
  figure?: Claim['figure'],
): string {
  if (resolved.kind === 'count') return `${roundText(resolved.nominal, 0)}${figure?.unit ?? ''}`;
  const u = withUnit ? unit : '';
  if (isPoint(resolved.range)) return `${roundText(div(resolved.nominal, rat(FEN_PER[unit])), 2)}${u}`;
  // The nominal is what the tables print: show it rather than an interval.
  return `${roundText(div(resolved.nominal, rat(FEN_PER[unit])), 2)}${u}`;
}

function claimLocation(claim: Claim): AuditLocation {
  return {
    ...claim.location,
    sentence: claim.sentence,
    ...(claim.sectionTitle ? { section: claim.sectionTitle } : {}),
  };
}

// ---------------------------------------------------------------------------------------------

/**
 * Reads references (`T01[L1] + T01[L2]`, `T03[*类].C2`, `T04[{code}].C2`) on the recognised views;
 * a table the document lacks is replaced by any printed cell of the same fact.
 */
class Resolver {
  constructor(
    private readonly profile: Profile,
    private readonly views: readonly TableView[],
    private readonly halfSteps: ReadonlyMap<string, bigint>,
  ) {}

  resolve(ref: string | string[], code: string | undefined): Resolved | undefined {
    const alternatives = Array.isArray(ref) ? ref : [ref];
    let fallback: Resolved | undefined;
    for (const alt of alternatives) {
      const r = this.expression(code !== undefined ? alt.replaceAll('{code}', code) : alt);
      if (!r) continue;
      if (r.printed) return r;
      fallback ??= r;
    }
    return fallback;
  }

  private expression(text: string): Resolved | undefined {
    const terms = text.split(/\s*(?=[+-]\s*[A-Z])/);
    let total: Resolved | undefined;
    for (const raw of terms) {
      const sign = raw.trim().startsWith('-') ? -1 : 1;
      const term = this.term(raw.replace(/^\s*[+-]\s*/, '').trim());
      if (!term) return undefined;
      const signed: Resolved =
        sign > 0
          ? term
          : {
              ...term,
              nominal: neg(term.nominal),
              range: { lo: neg(term.range.hi), hi: neg(term.range.lo) },
            };
      total = total
        ? {
            range: { lo: add(total.range.lo, signed.range.lo), hi: add(total.range.hi, signed.range.hi) },
            nominal: add(total.nominal, signed.nominal),
            kind: total.kind,
            printed: total.printed || signed.printed,
            fromTables: total.fromTables && signed.fromTables,
            cells: [...total.cells, ...signed.cells],
          }
        : signed;
    }
    return total;
  }

  private term(text: string): Resolved | undefined {
    const m = /^([A-Z]\w*)\[([^\]]+)\](?:\.(\w+))?$/.exec(text);
    if (!m) return undefined;
    const [, tableId, rowRef, colRef] = m as unknown as [string, string, string, string | undefined];
    const view = this.views.find((v) => v.id === tableId);
    if (!view) return this.byFact(tableId, rowRef, colRef);
    const half = this.halfSteps.get(tableId) ?? 0n;
    const fromTables = tableId !== 'S01';
    if (rowRef.startsWith('*')) {
      const level = rowRef.slice(1);
      const rows = view.sections.flatMap((s) =>
        s.rows.filter((r) => r.level === level).map((r) => ({ s, r })),
      );
      const cells = rows
        .map(({ s, r }) => ({ s, r, c: cellOf(s, r, colRef) }))
        .filter((x): x is { s: SectionView; r: RowView; c: CellView } => x.c !== undefined);
      if (!cells.length) return undefined;
      return this.sum(
        cells.map(({ r, s, c }) => ({ cell: c, where: describe(view, s, r, colRef) })),
        half,
        fromTables,
      );
    }
    const found = findRow(view, rowRef);
    // The side table holds only what the narrative states: a row it lacks is unknown, not 0.
    if (!found && !fromTables) return undefined;
    if (!found) {
      // A row the table does not print: zero, as the tables would print it.
      return {
        range: { lo: rat(0n), hi: rat(0n) },
        nominal: rat(0n),
        kind: 'money',
        printed: false,
        fromTables,
        cells: [],
      };
    }
    const cell = cellOf(found.section, found.row, colRef);
    if (!cell || cell.na || (!fromTables && cell.value === undefined)) return undefined;
    return this.sum([{ cell, where: describe(view, found.section, found.row, colRef) }], half, fromTables);
  }

  private sum(cells: { cell: CellView; where: string }[], half: bigint, fromTables: boolean): Resolved {
    let lo = 0n;
    let hi = 0n;
    let nominal = 0n;
    let printed = false;
    let kind: 'money' | 'count' = 'money';
    for (const { cell } of cells) {
      kind = cell.kind;
      const v = cell.value ?? 0n;
      const h = cell.kind === 'count' ? 0n : half;
      if (cell.value !== undefined) printed = true;
      lo += v - h;
      hi += v + h;
      nominal += v;
    }
    return {
      range: { lo: rat(lo), hi: rat(hi) },
      nominal: rat(nominal),
      kind,
      printed,
      fromTables,
      cells: cells.map((c) => c.where),
    };
  }

  /** The same fact printed in another table (公开04表 本年收入合计 for 公开01表 财政拨款收入…). */
  private byFact(tableId: string, rowRef: string, colRef: string | undefined): Resolved | undefined {
    const def = this.profile.tableDefs.find((d) => d.id === tableId);
    if (!def) return undefined;
    const key = factOf(def, rowRef, colRef);
    if (!key) return undefined;
    for (const view of this.views) {
      if (view.id === 'S01') continue;
      for (const section of view.sections) {
        for (const row of section.rows) {
          for (const [colKey, cell] of Object.entries(row.cells)) {
            if (cell.fact !== key || cell.value === undefined) continue;
            return this.sum(
              [{ cell, where: describe(view, section, row, colKey) }],
              this.halfSteps.get(view.id) ?? 0n,
              true,
            );
          }
        }
      }
    }
    return undefined;
  }

  /** Printed cells whose figure the stated one could be (for a hint when a claim is wrong). */
  lookalike(stated: Resolved, exclude: readonly string[], unit: MoneyUnit): string[] {
    const found: string[] = [];
    for (const view of this.views) {
      if (view.id === 'S01') continue;
      const half = this.halfSteps.get(view.id) ?? 0n;
      for (const section of view.sections) {
        for (const row of section.rows) {
          // One cell a row: the first column that matches (合计 and 基本支出 of a row can be equal).
          for (const [colKey, cell] of Object.entries(row.cells)) {
            if (cell.kind !== 'money' || cell.value === undefined || cell.value === 0n) continue;
            const r: Range = { lo: rat(cell.value - half), hi: rat(cell.value + half) };
            const where = describe(view, section, row, colKey);
            if (exclude.includes(where) || !overlaps(stated.range, half ? r : { lo: r.lo, hi: r.lo }))
              continue;
            found.push(`${where}（${formatAmount(cell.value, unit, { grouping: false })}${unit}）`);
            if (found.length >= 2) return found;
            break;
          }
        }
      }
    }
    return found;
  }
}

function cellOf(section: SectionView, row: RowView, colRef: string | undefined): CellView | undefined {
  if (colRef === undefined) {
    const cells = Object.values(row.cells);
    return cells.length === 1
      ? cells[0]
      : section.columns.length === 1
        ? row.cells[section.columns[0]!.key]
        : undefined;
  }
  const no = /^C(\d+)$/.exec(colRef)?.[1];
  const column = section.columns.find((c) => (no !== undefined ? c.no === Number(no) : c.key === colRef));
  return column ? row.cells[column.key] : undefined;
}

function describe(view: TableView, section: SectionView, row: RowView, colRef: string | undefined): string {
  const rowText =
    row.line !== undefined
      ? `第${row.line}行「${row.label}」`
      : row.code !== undefined
        ? `「${row.code} ${row.label}」`
        : `「${row.label || row.key}」`;
  let column = '';
  if (section.columns.length > 1 && colRef !== undefined) {
    const no = /^C(\d+)$/.exec(colRef)?.[1];
    const c = section.columns.find((x) => (no !== undefined ? x.no === Number(no) : x.key === colRef));
    if (c) column = c.no !== undefined ? `第${c.no}栏「${c.label}」` : `「${c.label}」栏`;
  }
  return `${view.number}${rowText}${column}`;
}

/** The canonical fact key of a profile cell (for a table the document lacks). */
function factOf(def: TableDef, rowRef: string, colRef: string | undefined): string | undefined {
  const line = /^L(\d+)$/.exec(rowRef)?.[1];
  for (const section of def.sections) {
    const column =
      colRef === undefined
        ? section.columns.length === 1
          ? section.columns[0]
          : undefined
        : section.columns.find((c) => {
            const no = /^C(\d+)$/.exec(colRef)?.[1];
            return no !== undefined ? c.no === Number(no) : c.key === colRef;
          });
    for (const row of section.rows) {
      if ('codeRows' in row) {
        if (!/^\d+$/.test(rowRef) || !column?.fact) continue;
        return keyOf(column.fact.replace('{code}', rowRef), {});
      }
      const matches =
        line !== undefined ? row.line === Number(line) : row.key === rowRef || row.code === rowRef;
      if (!matches) continue;
      const col = column ?? (section.columns.length === 1 ? section.columns[0] : undefined);
      if (!col) return undefined;
      const template = row.cells?.[col.key] ?? col.fact;
      if (!template) return undefined;
      return keyOf(template, { ...(row.code ? { code: row.code } : {}), ...(row.params ?? {}) });
    }
  }
  return undefined;
}

function keyOf(template: string, params: Record<string, string>): string | undefined {
  const filled = template.replace(/\{(\w+)\}/g, (_, name: string) => params[name] ?? `{${name}}`);
  const parsed = parseFactKey(filled);
  return parsed.ok ? parsed.key : undefined;
}

// ---------------------------------------------------------------------------------------------

/**
 * S01 (情况说明数据, not printed) filled from what the narrative states: 机关运行经费, 政府采购,
 * budgets, personnel. The profile's rules on S01 then run on the document's own figures.
 */
function buildSideTable(claims: readonly Claim[], context: ClaimCheckContext): TableView | undefined {
  const def = context.profile.tableDefs.find((d) => d.id === 'S01' && !d.printed);
  if (!def) return undefined;
  const items = new Map(context.claims.items.map((i) => [i.id, i]));
  type Row = {
    section: string;
    key: string;
    fixed?: TableDef['sections'][number]['rows'][number];
    code?: string;
    cells: Record<string, string>;
    label: string;
  };
  const rows = new Map<string, Row>();
  for (const claim of claims) {
    if ((claim.kind !== 'amount' && claim.kind !== 'count') || !claim.figure) continue;
    const item = items.get(claim.item);
    const ref = item ? refOf(item, claim.attribute) : undefined;
    const first = Array.isArray(ref) ? ref.find((r) => r.startsWith('S01[')) : ref;
    if (!first?.startsWith('S01[')) continue;
    const m = /^S01\[([^\]]+)\](?:\.(\w+))?$/.exec(first.replaceAll('{code}', claim.code ?? '{code}'));
    if (!m) continue;
    const [, rowRef, colRef] = m as unknown as [string, string, string | undefined];
    for (const section of def.sections) {
      const column = colRef ? section.columns.find((c) => c.key === colRef) : section.columns[0];
      if (!column) continue;
      const fixed = section.rows.find((r) => !('codeRows' in r) && (r.key === rowRef || r.code === rowRef));
      const coded = !fixed && /^\d+$/.test(rowRef) && section.rows.some((r) => 'codeRows' in r);
      if (!fixed && !coded) continue;
      const key = `${section.key}/${rowRef}`;
      const row: Row = rows.get(key) ?? {
        section: section.key,
        key: rowRef,
        ...(fixed ? { fixed } : { code: rowRef }),
        cells: {},
        label: claim.subject,
      };
      if (row.cells[column.key] === undefined) row.cells[column.key] = claim.figure.digits;
      rows.set(key, row);
      break;
    }
  }
  if (!rows.size) return undefined;
  // Every fixed row, stated or not, so that rules can address it; what is not stated stays blank.
  for (const section of def.sections) {
    for (const row of section.rows) {
      if ('codeRows' in row || row.blank) continue;
      const key = `${section.key}/${row.key ?? row.code ?? ''}`;
      if (!rows.has(key))
        rows.set(key, {
          section: section.key,
          key: row.key ?? '',
          fixed: row,
          cells: {},
          label: row.label ?? '',
        });
    }
  }
  const built = buildSections(
    {
      def,
      headerEnd: 0,
      columns: [],
      columnScore: 1,
      rowScore: 1,
      rows: [...rows.values()].map((r, i) => ({
        section: r.section,
        ...(r.fixed && !('codeRows' in r.fixed) ? { fixed: r.fixed } : {}),
        ...(r.code ? { code: r.code, classification: 'functional' as const } : {}),
        label: r.fixed && !('codeRows' in r.fixed) ? (r.fixed.label ?? r.label) : r.label,
        gridRow: i,
        by: 'label' as const,
        confidence: 1,
        cells: r.cells,
      })),
      unmatched: [],
      repeatedHeaders: [],
      warnings: [],
    },
    { unit: context.claims.narrative.unit },
  );
  return {
    id: def.id,
    number: def.number,
    title: def.title,
    unit: context.claims.narrative.unit,
    subject: '',
    year: context.profile.year,
    layout: def.layout,
    sections: built.sections,
    notes: [],
    empty: false,
    printed: false,
  };
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
