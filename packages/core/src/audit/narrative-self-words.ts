/**
 * The narrative's words against its own figures: 大于/小于/持平 and 比上年增加/减少 against the
 * figures they speak of (N-S03), 批次 and 人次 (N-S05), a fund said to have no money (N-11), an
 * amount whose unit does not fit its size (N-13).
 */
import { q, qCmp } from '../exact';
import type { Finding } from '../finding';
import { FEN_PER, isMoneyUnit } from '../money';
import type { TableView } from '../views';
import { formatRat, statedRange } from './claim-range';
import { type Claim, type ClaimFigure, type Figure, figures, type NarrativeSentence } from './claims';
import type { ClaimsProfile } from './claims-profile';
import {
  byScope,
  gapVerdict,
  isFigure,
  labelOf,
  lastDigit,
  placeText,
  type StatedAttribute,
  scopeOf,
  selfFinding,
  sentenceOf,
  statedAttribute,
} from './narrative-self-base';

type Stated = Claim & { figure: ClaimFigure };
type Relation = 'more' | 'less' | 'equal';

const RELATION_WORDS: Record<string, Relation> = {
  大于: 'more',
  高于: 'more',
  多于: 'more',
  超过: 'more',
  超出: 'more',
  小于: 'less',
  低于: 'less',
  少于: 'less',
  等于: 'equal',
};
const RELATION_TEXT: Record<Relation, string> = { more: '大于', less: '小于', equal: '等于' };
/** 决算数小于（全年）预算数, 决算与年初预算持平 (基本持平 says only roughly, so it is left alone). */
const AGAINST_BUDGET =
  /决算数?[^,;。]{0,8}?(大于|高于|多于|超过|超出|小于|低于|少于|等于)(年初|全年|调整)?预算|决算数?与(年初|全年|调整)?预算数?(持平|相等|一致|相同)/g;
/** 大于上年决算数, 较上年增加的主要原因, 决算数与上年持平. */
const AGAINST_LAST_YEAR =
  /(大于|高于|多于|超过|小于|低于|少于)上年|与上年(?:决算数?)?(持平)|上年(?:决算数?)?(增加|增长|上升|减少|下降|降低|持平)的(?:主要)?(?:原因|情况)/g;
const UP = /大于|高于|多于|超过|增加|增长|上升/;
const DOWN = /小于|低于|少于|减少|下降|降低/;

interface SelfContext {
  claims: readonly Claim[];
  sentences: readonly NarrativeSentence[];
  profile: ClaimsProfile;
}

/** N-S03: every comparison word of the narrative against the figures of the item it speaks of. */
export function checkComparisonWords({ claims, sentences, profile }: SelfContext): Finding[] {
  const findings: Finding[] = [];
  const scopes = byScope(claims);
  for (const sentence of sentences) {
    const inScope = scopes.get(scopeOf(sentence)) ?? [];
    for (const m of sentence.norm.matchAll(AGAINST_BUDGET)) {
      if (sentence.norm.slice(0, m.index).endsWith('基本')) continue;
      const subject = subjectAt(sentence, m.index, inScope, profile);
      const relation = m[1] ? RELATION_WORDS[m[1]]! : 'equal';
      const named = m[2] ?? m[3];
      const finding = subject && againstBudget(sentence, m[0], subject, relation, named, inScope, profile);
      if (finding) findings.push(finding);
    }
    for (const m of sentence.norm.matchAll(AGAINST_LAST_YEAR)) {
      const subject = subjectAt(sentence, m.index, inScope, profile);
      const word = m[1] ?? m[2] ?? m[3]!;
      const said = word === '持平' ? 'flat' : UP.test(word) ? 'up' : DOWN.test(word) ? 'down' : undefined;
      const finding = subject && said && againstLastYear(sentence, m[0], subject, said, inScope, profile);
      if (finding) findings.push(finding);
    }
  }
  return findings;
}

interface Subject {
  item: string;
  code?: string;
}

/**
 * What a comparison speaks of: the item named last before it in the sentence, else the sentence's
 * first stated item, else the last item stated before the sentence in its section.
 */
function subjectAt(
  sentence: NarrativeSentence,
  at: number,
  inScope: readonly Claim[],
  profile: ClaimsProfile,
): Subject | undefined {
  const before = sentence.norm.slice(0, at);
  let best: { item: string; end: number } | undefined;
  for (const [item, phrases] of profile.phrases) {
    for (const phrase of phrases) {
      const start = before.lastIndexOf(phrase);
      if (start >= 0 && (!best || start + phrase.length > best.end))
        best = { item, end: start + phrase.length };
    }
  }
  if (best) return { item: best.item };
  const own = inScope.find((c) => c.sentenceIndex === sentence.index && isFigure(c));
  const earlier = [...inScope].reverse().find((c) => c.sentenceIndex < sentence.index && isFigure(c));
  const claim = own ?? earlier;
  return claim ? { item: claim.item, ...(claim.code ? { code: claim.code } : {}) } : undefined;
}

function statementOf(
  inScope: readonly Claim[],
  subject: Subject,
  attribute: StatedAttribute,
): Stated | undefined {
  return inScope.find(
    (c): c is Stated =>
      (c.kind === 'amount' || c.kind === 'count') &&
      isFigure(c) &&
      c.item === subject.item &&
      c.code === subject.code &&
      statedAttribute(c) === attribute,
  );
}

function againstBudget(
  sentence: NarrativeSentence,
  words: string,
  subject: Subject,
  relation: Relation,
  named: string | undefined,
  inScope: readonly Claim[],
  profile: ClaimsProfile,
): Finding | undefined {
  const actual = statementOf(inScope, subject, 'actual');
  const kinds: StatedAttribute[] =
    named === '年初' ? ['initialBudget'] : named ? ['finalBudget'] : ['initialBudget', 'finalBudget'];
  const budgets = kinds.map((k) => statementOf(inScope, subject, k)).filter((b) => b !== undefined);
  if (!actual || !budgets.length) return undefined;
  const a = statedRange(actual).range;
  const holds = (budget: Stated) => {
    const b = statedRange(budget).range;
    if (relation === 'more') return qCmp(a.hi, b.lo) > 0;
    if (relation === 'less') return qCmp(a.lo, b.hi) < 0;
    return gapVerdict(a, b, lastDigit(budget.figure)) !== 'mismatch';
  };
  if (budgets.some(holds)) return undefined;
  const budget = budgets[0]!;
  const real = qCmp(statedRange(actual).nominal, statedRange(budget).nominal);
  const truth = real > 0 ? '大于' : real < 0 ? '小于' : '等于';
  const label = labelOf(profile, subject.item);
  return selfFinding({
    id: `N-S03@${sentence.index}/${words}`,
    rule: 'N-S03',
    message: `句中说“${words}”${words.includes(RELATION_TEXT[relation]) ? '' : `（即${RELATION_TEXT[relation]}）`}，但文中写出的${label}决算数 ${actual.figure.text}${truth}${budget.attribute === 'initialBudget' ? '年初' : '全年'}预算数 ${budget.figure.text}（${placeText(budget.location)}）`,
    sentences: [sentence, sentenceOf(actual), sentenceOf(budget)],
    found: words,
    expected: `决算数${truth}预算数`,
  });
}

function againstLastYear(
  sentence: NarrativeSentence,
  words: string,
  subject: Subject,
  said: 'up' | 'down' | 'flat',
  inScope: readonly Claim[],
  profile: ClaimsProfile,
): Finding | undefined {
  const mine = (c: Claim) => c.item === subject.item && c.code === subject.code;
  const change = inScope.find((c): c is Stated => c.kind === 'change' && mine(c) && isFigure(c));
  const flat = inScope.find((c) => c.kind === 'flat' && mine(c));
  const stated = change
    ? change.figure.value === 0n
      ? 'flat'
      : change.direction
    : flat
      ? 'flat'
      : undefined;
  if (!stated || stated === said) return undefined;
  const label = labelOf(profile, subject.item);
  const where = change ?? flat!;
  const what = change
    ? `比上年${change.direction === 'down' ? '减少' : '增加'} ${change.figure.text}`
    : '与上年持平';
  return selfFinding({
    id: `N-S03@${sentence.index}/${words}`,
    rule: 'N-S03',
    message: `句中说“${words}”，但文中写的是${label}${what}（${placeText(where.location)}）`,
    sentences: [sentence, sentenceOf(where)],
    found: words,
    expected: what,
  });
}

/** 团组 N 个、M 人次; 接待 N 批（批次），累计接待 M 人次. */
const GROUPS_THEN_PERSONS = /(\d+)(个|批次|批)([^\d;。]{0,12}?)(\d+)人次/g;
const GROUP_CONTEXT = /团组|接待|出国/;

/** N-S05: persons are never fewer than the groups or batches they came in. */
export function checkPersonCounts(sentences: readonly NarrativeSentence[]): Finding[] {
  const findings: Finding[] = [];
  for (const sentence of sentences) {
    for (const m of sentence.norm.matchAll(GROUPS_THEN_PERSONS)) {
      const clause = sentence.norm.slice(0, m.index).split(/[;。]/).at(-1) ?? '';
      if (!GROUP_CONTEXT.test(clause + m[0])) continue;
      const groups = BigInt(m[1]!);
      const persons = BigInt(m[4]!);
      if (persons >= groups && (groups > 0n || persons === 0n)) continue;
      const unit = m[2]!;
      findings.push(
        selfFinding({
          id: `N-S05@${sentence.index}/${m.index}`,
          rule: 'N-S05',
          message:
            groups === 0n
              ? `“${m[0]}”：没有${unit === '个' ? '团组' : '批次'}，却有 ${persons} 人次`
              : `“${m[0]}”：${groups}${unit}至少有 ${groups} 人次，所写 ${persons} 人次少于${unit === '个' ? '团组' : '批次'}数`,
          sentences: [sentence],
          found: `${persons}人次`,
          expected: groups === 0n ? '0人次' : `≥ ${groups}人次`,
        }),
      );
    }
  }
  return findings;
}

const FUNDS = [
  { fund: 'gfb', name: '政府性基金' },
  { fund: 'socb', name: '国有资本经营' },
] as const;
/** Words before a fund's name that say there is none of it: 本单位无（没有、未发生）政府性基金…收支. */
const NONE_BEFORE = /(?:无|没有|未发生|未使用|不涉及)[^,;。]{0,12}$/;
/** Words after it that say so: …支出为0, …为空表, …故本表无数据. */
const NONE_AFTER = /为0(?![.\d])|为零|均为0(?![.\d])|为空|无数据|空表/;
/**
 * A sentence about a part of the fund's money (its 三公, the projects evaluated: 涉及…政府性基金预算支出
 * 0 万元) or a conditional template note (当此表数据为空时，即…无…) says nothing of whether the fund
 * has money this year; nor does a clause about its budget (年初预算为 0，决算数 50 万元).
 */
const ABOUT_A_PART = /三公|项目|绩效|涉及|^当.*时|如果|若/;
const ABOUT_THE_BUDGET = /年初|预算数|全年预算|调整预算/;
/** The fund named with generic words only before its amount: 政府性基金预算（财政拨款）支出 0 万元. */
const FUND_AMOUNT =
  /^(?:预算)?(?:财政拨款)?(?:预算)?(?:收入|支出|收支|本年收入|本年支出)?(?:决算数?)?(?:合计)?(?:为|是)?$/;

interface FundStatement {
  sentence: NarrativeSentence;
  figure?: Figure;
}

/** N-11: a fund the narrative says it has none of has no money anywhere, and the reverse. */
export function checkFundsNone({ sentences, profile }: SelfContext, views: readonly TableView[]): Finding[] {
  const findings: Finding[] = [];
  for (const { fund, name } of FUNDS) {
    let none: FundStatement | undefined;
    let some: FundStatement | undefined;
    for (const sentence of sentences) {
      if (ABOUT_A_PART.test(sentence.norm)) continue;
      for (let at = sentence.norm.indexOf(name); at >= 0; at = sentence.norm.indexOf(name, at + 1)) {
        const reading = fundReading(sentence, name, at, profile);
        if (reading === 'none') none ??= { sentence };
        else if (reading) some ??= { sentence, figure: reading };
      }
    }
    const printed = fundCells(views, fund);
    const cell = printed.find((c) => c.value !== 0n);
    const place = (s: FundStatement) => placeText(s.sentence.location);
    if (none && some) {
      findings.push(
        fundFinding(
          `${fund}/text`,
          none,
          `情况说明说没有${name}收支，但${place(some)}又写出${name}相关金额 ${some.figure!.figure.text}`,
          [some.sentence],
        ),
      );
    }
    if (none && cell) {
      findings.push(
        fundFinding(`${fund}/table`, none, `情况说明说没有${name}收支，但${cell.where}为 ${cell.text}`, []),
      );
    }
    if (some && printed.length && !cell) {
      findings.push(
        fundFinding(
          `${fund}/empty`,
          some,
          `情况说明写出${name}相关金额 ${some.figure!.figure.text}，但识别出的表中${name}各栏全为 0（${printed[0]!.where}等）`,
          [],
        ),
      );
    }
  }
  return findings;
}

/**
 * What the words around one mention of a fund say: none of it, the first amount stated for it
 * in its clause (a 0 is none), or nothing.
 */
function fundReading(
  sentence: NarrativeSentence,
  name: string,
  at: number,
  profile: ClaimsProfile,
): 'none' | Figure | undefined {
  const norm = sentence.norm;
  const clauseStart = Math.max(...[',', ';', '。', ':'].map((d) => norm.lastIndexOf(d, at))) + 1;
  const ends = [',', ';', '。'].map((d) => norm.indexOf(d, at)).filter((i) => i >= 0);
  const clauseEnd = ends.length ? Math.min(...ends) : norm.length;
  if (ABOUT_THE_BUDGET.test(norm.slice(clauseStart, clauseEnd))) return undefined;
  const after = norm.slice(at, clauseEnd);
  if (NONE_BEFORE.test(norm.slice(clauseStart, at)) || NONE_AFTER.test(after)) return 'none';
  const money = figures(norm, profile).find((f) => f.kind === 'money' && f.start >= at && f.end <= clauseEnd);
  if (!money || !FUND_AMOUNT.test(norm.slice(at + name.length, money.start))) return undefined;
  return money.figure.value === 0n ? 'none' : money;
}

interface FundCell {
  value: bigint;
  text: string;
  where: string;
}

/** The printed cells of the recognised tables that hold money of the fund. */
function fundCells(views: readonly TableView[], fund: string): FundCell[] {
  const of = new RegExp(`\\b(?:fund|source)=${fund}\\b`);
  const cells: FundCell[] = [];
  for (const view of views) {
    if (!view.printed) continue;
    for (const section of view.sections) {
      for (const row of section.rows) {
        for (const [column, cell] of Object.entries(row.cells)) {
          if (cell.kind !== 'money' || cell.value === undefined || !cell.fact || !of.test(cell.fact))
            continue;
          const label = section.columns.find((c) => c.key === column)?.label;
          cells.push({
            value: cell.value,
            text: cell.text,
            where: `${view.number}「${row.label}」${label ? `「${label}」` : ''}`,
          });
        }
      }
    }
  }
  return cells;
}

/** `what`: the fund and which two statements disagree (gfb/text, gfb/table, gfb/empty). */
function fundFinding(what: string, at: FundStatement, message: string, also: NarrativeSentence[]): Finding {
  return selfFinding({
    id: `N-11@${what}`,
    rule: 'N-11',
    message,
    sentences: [at.sentence, ...also],
    ...(at.figure ? { found: at.figure.figure.text } : {}),
  });
}

/** Per-head, per-unit and standard amounts (人均 3,580 元, 每人每月 500 元, 单价 …) are rightly small. */
const PER_UNIT = /(人均|每|标准|单价|平均|\/)[^,;。]{0,8}$/;

/** N-13: an amount in the minority unit whose size only makes sense in the document's own unit. */
export function checkUnitMagnitude({ sentences, profile }: SelfContext): Finding[] {
  const amounts = sentences.flatMap((sentence) =>
    figures(sentence.norm, profile)
      .filter(
        (f) => f.kind === 'money' && f.figure.value > 0n && !PER_UNIT.test(sentence.norm.slice(0, f.start)),
      )
      .map((f) => ({ sentence, figure: f.figure })),
  );
  const wan = amounts.filter((a) => a.figure.unit === '万元');
  const yuan = amounts.filter((a) => a.figure.unit === '元');
  const [major, minor] = wan.length >= yuan.length ? [wan, yuan] : [yuan, wan];
  if (major.length < 3 || minor.length * 3 > major.length) return [];
  const values = major.map((a) => a.figure.value).sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  const min = values[0]!;
  const max = values.at(-1)!;
  const ratio = FEN_PER.万元 / FEN_PER.元;
  const findings: Finding[] = [];
  for (const { sentence, figure } of minor) {
    if (!isMoneyUnit(figure.unit)) continue;
    // The same digits in the document's unit: 3.58元 read as 3.58万元, 5,806,105.16万元 as 元.
    const reread = figure.unit === '元' ? figure.value * ratio : figure.value / ratio;
    // Under 1 万元 a 万元 document prints 0.xx 万元, so a small 元 amount there is a unit slip; a
    // 万元 amount in a 元 document is one only when it dwarfs everything else.
    const apart = figure.unit === '元' ? figure.value < FEN_PER.万元 : figure.value > max * 10n;
    if (reread > max || (figure.unit === '万元' && reread < min) || !apart) continue;
    const meant = figure.unit === '元' ? '万元' : '元';
    const against =
      figure.unit === '元'
        ? '不足 1 万元，而以万元计的文档会把这样的数印成 0.xx 万元'
        : `是文中最大金额 ${formatRat(q(max), '元')} 的十倍以上`;
    findings.push(
      selfFinding({
        id: `N-13@${sentence.index}/${figure.text}`,
        rule: 'N-13',
        message: `“${figure.text}”：文中其余 ${major.length} 处金额以${meant}计，这个数按${figure.unit}读${against}，按${meant}读则与其他金额相当，疑为“${figure.digits}${meant}”`,
        sentences: [sentence],
        found: figure.text,
        expected: `${figure.digits}${meant}`,
      }),
    );
  }
  return findings;
}
