/**
 * Narrative claims: the statements with figures in 情况说明 (totals, 占 X%, 比上年增加/减少,
 * 增长/下降 X%, 完成年初预算的 X%, counts), read sentence by sentence with the profile's word lists
 * (claims.json) and tied to the item they state.
 */
import { pushAll } from '../arrays';
import type { Catalog, Classification } from '../catalog';
import { type MoneyUnit, parseAmount } from '../money';
import { normalizeText, stripMarkup } from '../text/normalize';
import type { ClaimItem, ClaimsProfile } from './claims-profile';
import { MAX_PASSAGE_CHARS, type RawDocument, type RawLocation } from './raw';

export type ClaimKind = 'amount' | 'count' | 'change' | 'rate' | 'share' | 'completion' | 'flat';
export type ClaimAttribute = 'amount' | 'actual' | 'initialBudget' | 'finalBudget';

export interface ClaimFigure {
  /** As printed, e.g. 940.51万元, 72.86%, 10批. */
  text: string;
  /** The digits, without grouping. */
  digits: string;
  decimals: number;
  /** 万元, 元, %, or a count unit. */
  unit: string;
  /** 分 for money; the count; for % the digits as hundredths-agnostic decimal text. */
  value: bigint;
}

export interface Claim {
  id: string;
  kind: ClaimKind;
  item: string;
  /** The words that named the item in the sentence. */
  subject: string;
  /** The 科目 named, for items read from 科目 names. */
  code?: string;
  attribute: ClaimAttribute;
  direction?: 'up' | 'down';
  budget?: 'initial' | 'final' | 'any';
  /** The budget a completion rate names without saying which (完成预算29.6万元的92.8%). */
  unnamedBudget?: ClaimFigure;
  figure?: ClaimFigure;
  sentence: string;
  /** Index of the sentence in the narrative. */
  sentenceIndex: number;
  section?: string;
  sectionTitle?: string;
  location: RawLocation;
  /** A change with its 主要原因 in the same or the next sentence. */
  reasoned?: boolean;
  /** The item a share names as its whole (占政府采购支出总额的 → procurement.total), when it names one. */
  shareOf?: string;
}

export interface NarrativeSentence {
  index: number;
  text: string;
  norm: string;
  section?: string;
  sectionTitle?: string;
  location: RawLocation;
  /** Index of its paragraph in `NarrativeText.paragraphs`. */
  paragraph: number;
  /** The next sentence begins with a reason (主要原因…). */
  reasonNext: boolean;
}

export interface NarrativeText {
  sentences: NarrativeSentence[];
  /** The 名词解释 part, as text blocks. */
  glossary: { text: string; location: RawLocation }[];
  /** Narrative text blocks (for table references, N-19). */
  paragraphs: { text: string; location: RawLocation }[];
}

const PART = /^第[一二三四五六七八九十]+部分/;
const HEADING = /^[一二三四五六七八九十]+[,.、]/;
/** A numbered sub-heading, （一）收入决算说明: a section of its own only when it names one. */
const SUB_HEADING = /^[(（][一二三四五六七八九十]+[)）][^\d。]{2,18}$/;
const ENDS_SENTENCE = /[。；;！？!?：:）)]$/;

/** The document's text outside the tables, as sentences with their section and place. */
export function narrativeText(
  raw: RawDocument,
  tableText: ReadonlySet<number>,
  claims: ClaimsProfile,
): NarrativeText {
  const sentences: NarrativeSentence[] = [];
  const glossary: NarrativeText['glossary'] = [];
  const paragraphs: NarrativeText['paragraphs'] = [];
  let part = '';
  let section: { id?: string; title: string } | undefined;
  // `last` is the block added last: whether it ends a sentence decides whether the next one joins.
  let buffer: { text: string; last: string; starts: { offset: number; location: RawLocation }[] } | undefined;
  const flush = () => {
    if (!buffer) return;
    paragraphs.push({ text: buffer.text, location: buffer.starts[0]!.location });
    pushAll(sentences, paragraphSentences(buffer, section, paragraphs.length - 1, sentences.length));
    buffer = undefined;
  };
  raw.blocks.forEach((block, i) => {
    if (block.kind !== 'text' || tableText.has(i)) {
      if (block.kind === 'table') flush();
      return;
    }
    const plain = stripMarkup(block.text)
      .replace(/^\s*[-*]\s+/, '')
      .trim();
    const norm = normalizeText(plain);
    if (!norm) return;
    if (PART.test(norm)) {
      flush();
      part = norm;
      section = sectionOf(norm, plain, claims);
      return;
    }
    if (claims.glossaryPart && part.includes(claims.glossaryPart)) {
      glossary.push({ text: plain, location: block.location });
      return;
    }
    if (claims.skipParts.some((p) => part.includes(p))) return;
    if (HEADING.test(norm) && norm.length <= 40) {
      flush();
      section = sectionOf(norm, plain, claims) ?? { title: plain };
      return;
    }
    const subSection = SUB_HEADING.test(norm) ? sectionOf(norm, plain, claims) : undefined;
    if (subSection?.id) {
      flush();
      section = subSection;
      return;
    }
    if (
      buffer &&
      !ENDS_SENTENCE.test(buffer.last) &&
      buffer.text.length + plain.length <= MAX_PASSAGE_CHARS
    ) {
      buffer.starts.push({ offset: buffer.text.length, location: block.location });
      buffer.text += plain;
      buffer.last = plain;
    } else {
      flush();
      buffer = { text: plain, last: plain, starts: [{ offset: 0, location: block.location }] };
    }
  });
  flush();
  markReasonsNext(sentences, claims);
  return { sentences, glossary, paragraphs };
}

/** A paragraph cut into sentences at 。, each with the place its text started at and its section. */
function paragraphSentences(
  paragraph: { text: string; starts: { offset: number; location: RawLocation }[] },
  section: { id?: string; title: string } | undefined,
  paragraphIndex: number,
  firstIndex: number,
): NarrativeSentence[] {
  const { text, starts } = paragraph;
  const sentences: NarrativeSentence[] = [];
  let offset = 0;
  let start = 0;
  for (const piece of text.split(/(?<=[。])/).flatMap(boundedPieces)) {
    const trimmed = piece.trim();
    const at = offset;
    offset += piece.length;
    if (!trimmed) continue;
    while (start + 1 < starts.length && starts[start + 1]!.offset <= at) start++;
    const location = starts[start]!.location;
    sentences.push({
      index: firstIndex + sentences.length,
      text: trimmed,
      norm: normalizeText(trimmed),
      ...(section?.id ? { section: section.id } : {}),
      ...(section ? { sectionTitle: section.title } : {}),
      location,
      paragraph: paragraphIndex,
      reasonNext: false,
    });
  }
  return sentences;
}

/** A piece of text cut at its last clause mark (；，) before MAX_PASSAGE_CHARS, or there when it has none. */
function boundedPieces(piece: string): string[] {
  const pieces: string[] = [];
  let rest = piece;
  while (rest.length > MAX_PASSAGE_CHARS) {
    const window = rest.slice(0, MAX_PASSAGE_CHARS);
    const cut = Math.max(
      window.lastIndexOf('；'),
      window.lastIndexOf('，'),
      window.lastIndexOf(';'),
      window.lastIndexOf(','),
    );
    const end = cut > 0 ? cut + 1 : MAX_PASSAGE_CHARS;
    pieces.push(rest.slice(0, end));
    rest = rest.slice(end);
  }
  pieces.push(rest);
  return pieces;
}

/** A sentence whose next one opens with the profile's reason wording (主要原因是…) has its reason there. */
function markReasonsNext(sentences: NarrativeSentence[], claims: ClaimsProfile): void {
  for (let i = 0; i + 1 < sentences.length; i++) {
    claims.patterns.reason.lastIndex = 0;
    const m = claims.patterns.reason.exec(sentences[i + 1]!.norm);
    sentences[i]!.reasonNext = m?.index === 0;
  }
}

function sectionOf(
  norm: string,
  title: string,
  claims: ClaimsProfile,
): { id?: string; title: string } | undefined {
  let best: { id: string; length: number } | undefined;
  for (const s of claims.sections) {
    for (const m of s.match) {
      if (norm.includes(m) && (!best || m.length > best.length)) best = { id: s.id, length: m.length };
    }
  }
  return best ? { id: best.id, title } : PART.test(norm) ? undefined : { title };
}

// ---------------------------------------------------------------------------------------------

interface Occurrence {
  item: ClaimItem;
  start: number;
  end: number;
  text: string;
  code?: string;
}

/** A figure read in a sentence: where it stands (in the normalised text) and what it says. */
export interface Figure {
  start: number;
  end: number;
  kind: 'money' | 'percent' | 'count';
  figure: ClaimFigure;
}

export interface ExtractContext {
  catalog: Catalog;
  year: number;
}

/** Reads every claim of the narrative. */
export function extractClaims(
  sentences: readonly NarrativeSentence[],
  claims: ClaimsProfile,
  context: ExtractContext,
): Claim[] {
  const found: Claim[] = [];
  const classNames = new ClassNames(context);
  for (const sentence of sentences) pushAll(found, claimsOf(sentence, claims, classNames, found.length));
  reasonsNamed(found, sentences, claims);
  return found;
}

/**
 * Where else a change's 主要原因 may stand, when not right after it: a later sentence of the section
 * that opens with the item and a reason (上海: “…公务接待费支出决算比2023年度减少1.05万元，下降9.56%。
 * 公务用车购置及运行维护费支出减少的主要原因是…。公务接待费支出减少的主要原因是…”), a later sentence
 * of its own paragraph that names the item and gives a reason, a paragraph of the section about the
 * item (opening with its name) that gives one, or a paragraph of the section that gives the reasons
 * for the whole against last year (广东: “2023年度“三公”经费支出决算大于上年决算数的主要情况：…”).
 */
function reasonsNamed(found: Claim[], sentences: readonly NarrativeSentence[], claims: ClaimsProfile): void {
  const items = new Map(claims.items.map((i) => [i.id, i]));
  for (const claim of found) {
    if (claim.kind !== 'change' || claim.reasoned) continue;
    const names = [claim.subject, ...(items.get(claim.item)?.phrases ?? [])].map(normalizeText);
    const own = sentences[claim.sentenceIndex];
    if (!own) continue;
    const rest = sentences.slice(claim.sentenceIndex + 1);
    const sectionEnd = rest.findIndex((s) => s.section !== own.section);
    const later = sectionEnd < 0 ? rest : rest.slice(0, sectionEnd);
    claim.reasoned = later.some(
      (next) =>
        reasonOpensWith(next, names, claims) ||
        (next.paragraph === own.paragraph && reasonNaming(next, names, claims)) ||
        CHANGE_REASONS.test(next.norm),
    );
    if (!claim.reasoned) claim.reasoned = paragraphAbout(sentences, own, names, claims);
  }
}

const REASON_LEAD = /^(支出)?(决算数?)?(比上年|比\d{4}年度?)?(增加|减少|增长|下降|增减|变动|变化)?的?$/;

/** The reasons of a whole against last year: “…决算大于上年决算数的主要情况”, “比上年增加的主要原因”. */
const CHANGE_REASONS =
  /(大于|小于|高于|低于|多于|少于)(上年|\d{4}年度?)(决算数?)?的主要(原因|情况)|(比|较)(上年|\d{4}年度?)(决算数?)?(增加|减少|增长|下降|增减|变动|变化)的主要(原因|情况)/;

function reasonOpensWith(next: NarrativeSentence, names: string[], claims: ClaimsProfile): boolean {
  const reason = allMatches(claims.patterns.reason, next.norm)[0];
  if (!reason) return false;
  const lead = next.norm.slice(0, reason.index);
  return names.some((n) => lead.startsWith(n) && REASON_LEAD.test(lead.slice(n.length)));
}

function reasonNaming(next: NarrativeSentence, names: string[], claims: ClaimsProfile): boolean {
  const reason = allMatches(claims.patterns.reason, next.norm)[0];
  return reason !== undefined && names.some((n) => next.norm.slice(0, reason.index).includes(n));
}

/** A paragraph of the claim's section that opens with the item (1.因公出国(境)费支出…) and gives a reason. */
function paragraphAbout(
  sentences: readonly NarrativeSentence[],
  own: NarrativeSentence,
  names: string[],
  claims: ClaimsProfile,
): boolean {
  const opening = new Map<number, NarrativeSentence>();
  for (const s of sentences) if (!opening.has(s.paragraph)) opening.set(s.paragraph, s);
  return [...opening.values()].some((first) => {
    if (first.paragraph === own.paragraph || first.section !== own.section) return false;
    const text = first.norm.replace(LIST_NUMBER, '');
    if (!names.some((n) => text.startsWith(n))) return false;
    return sentences.some(
      (s) => s.paragraph === first.paragraph && allMatches(claims.patterns.reason, s.norm).length > 0,
    );
  });
}

/** 1. / (一) / 一、 before a paragraph's first words. */
const LIST_NUMBER = /^(\d+[.,、]|[(（][一二三四五六七八九十\d]+[)）]|[一二三四五六七八九十]+、)/;

/** 科目 names in force for the year, by classification and level, longest first. */
class ClassNames {
  private readonly cache = new Map<string, { code: string; name: string }[]>();
  constructor(private readonly context: ExtractContext) {}
  names(classification: Classification, level: '类' | '款' | '项') {
    const key = `${classification}:${level}`;
    let list = this.cache.get(key);
    if (!list) {
      const length = { 类: 3, 款: 5, 项: 7 }[level];
      list = this.context.catalog
        .entries(classification, this.context.year)
        .filter((e) => e.code.length === length)
        .map((e) => ({ code: e.code, name: normalizeText(e.name) }))
        .sort((a, b) => b.name.length - a.name.length);
      this.cache.set(key, list);
    }
    return list;
  }
}

function allMatches(pattern: RegExp, text: string): RegExpExecArray[] {
  pattern.lastIndex = 0;
  return [...text.matchAll(new RegExp(pattern.source, 'g'))] as RegExpExecArray[];
}

function occurrences(
  sentence: NarrativeSentence,
  claims: ClaimsProfile,
  classNames: ClassNames,
): Occurrence[] {
  const found: Occurrence[] = [];
  const norm = sentence.norm;
  for (const item of claims.items) {
    // Items are read in their sections; a sentence whose section heading is lost (a reader may drop
    // it) may state any item named by a phrase, but not a bare 科目 name.
    if (item.sections && sentence.section && !item.sections.includes(sentence.section)) continue;
    if (item.classes && (!sentence.section || !item.sections?.includes(sentence.section))) continue;
    for (const phrase of claims.phrases.get(item.id) ?? []) {
      for (let at = norm.indexOf(phrase); at >= 0; at = norm.indexOf(phrase, at + 1)) {
        found.push({ item, start: at, end: at + phrase.length, text: phrase });
      }
    }
    if (item.classes) {
      for (const { code, name } of classNames.names(item.classes.classification, item.classes.level)) {
        for (let at = norm.indexOf(name); at >= 0; at = norm.indexOf(name, at + 1)) {
          // A longer 科目 name already found here (其他卫生健康支出 over 卫生健康支出) wins.
          if (found.some((o) => o.item === item && o.start <= at && o.end >= at + name.length)) continue;
          const suffix = norm.slice(at + name.length).match(/^\((类|款|项)\)/)?.[0] ?? '';
          found.push({ item, start: at, end: at + name.length + suffix.length, text: name + suffix, code });
        }
      }
    }
  }
  return found;
}

const MONEY = /(\d{1,3}(?:,\d{3})+|\d+)(?:\.(\d+))?(万元|千元|元)/g;
const PERCENT = /(\d{1,3}(?:,\d{3})+|\d+)(?:\.(\d+))?%/g;

export function figures(norm: string, claims: ClaimsProfile): Figure[] {
  const found: Figure[] = [];
  const take = (
    m: RegExpExecArray,
    kind: Figure['kind'],
    unit: string,
    int: string,
    frac: string | undefined,
  ) => {
    const digits = int.replace(/,/g, '') + (frac !== undefined ? `.${frac}` : '');
    let value: bigint;
    if (kind === 'money') {
      const parsed = parseAmount(digits, unit as MoneyUnit);
      if (!parsed.ok) return;
      value = parsed.fen;
    } else if (kind === 'percent') {
      value = BigInt(digits.replace('.', ''));
    } else {
      value = BigInt(int);
    }
    found.push({
      start: m.index,
      end: m.index + m[0].length,
      kind,
      figure: { text: m[0], digits, decimals: frac?.length ?? 0, unit, value },
    });
  };
  for (const m of allMatches(MONEY, norm)) take(m, 'money', m[3]!, m[1]!, m[2]);
  for (const m of allMatches(PERCENT, norm)) take(m, 'percent', '%', m[1]!, m[2]);
  for (const m of allMatches(claims.patterns.count, norm)) take(m, 'count', m[2]!, m[1]!, undefined);
  // Where two readings overlap (12个 inside 2012个…), the earlier and longer wins; a digit run
  // glued to a preceding digit (2024年度 → 024…) is not a figure.
  found.sort((a, b) => a.start - b.start || b.end - a.end);
  const kept: Figure[] = [];
  for (const f of found) {
    if (kept.length && f.start < kept.at(-1)!.end) continue;
    if (f.start > 0 && /[\d.]/.test(norm[f.start - 1]!)) continue;
    kept.push(f);
  }
  return kept;
}

/**
 * What the words between 占 and a percentage name as the whole: a budget (占全年预算的, 占年初预算的 —
 * then the percentage is a completion rate) or an item of the claims profile, named by one of its
 * phrases.
 */
function shareWhole(words: string, claims: ClaimsProfile): { budget?: Claim['budget']; item?: string } {
  const named = words.replace(/的$/, '');
  if (!named) return {};
  const p = claims.patterns.attributes;
  if (lastMatch(p.initialBudget, named)) return { budget: 'initial' };
  if (lastMatch(p.finalBudget, named)) return { budget: 'final' };
  // Only a whole named in full: 一般公共预算项目支出总额 is not 项目支出.
  const bare = named.replace(/(总额|合计|总计|总数)$/, '');
  const item = [...claims.phrases].find(([, phrases]) => phrases.includes(bare))?.[0];
  return item ? { item } : {};
}

/** Which budget a completion phrase in `text` names; with `atEnd`, only a phrase that ends the text. */
function completionKind(
  completion: ClaimsProfile['patterns']['completion'],
  text: string,
  atEnd: boolean,
): Claim['budget'] {
  for (const kind of ['initial', 'final', 'any'] as const) {
    const m = lastMatch(completion[kind], text);
    if (m && (!atEnd || m.index + m[0].length === text.length)) return kind;
  }
  return undefined;
}

/** Whether `lead` ends with an increase or decrease word (增加, 减少了), right before a figure. */
function endsWithDirection(lead: string, p: ClaimsProfile['patterns']): boolean {
  return [p.up, p.down].some((pattern) =>
    allMatches(pattern, lead).some((m) => /^了?$/.test(lead.slice(m.index + m[0].length))),
  );
}

function lastMatch(pattern: RegExp, text: string): RegExpExecArray | undefined {
  return allMatches(pattern, text).at(-1);
}

function accepts(item: ClaimItem, figure: Figure): boolean {
  if (figure.kind === 'percent') return true;
  return item.units.some((u) => normalizeText(u) === figure.figure.unit);
}

// long: one left-to-right scan over a sentence's figures; every branch reads and moves the same
// state (current subject, previous figure end, whether 比上年 was seen), so it stays one loop.
function claimsOf(
  sentence: NarrativeSentence,
  claims: ClaimsProfile,
  classNames: ClassNames,
  base: number,
): Claim[] {
  const norm = sentence.norm;
  const p = claims.patterns;
  const occ = occurrences(sentence, claims, classNames);
  const inside = (f: Figure) => occ.some((o) => o.start <= f.start && f.end <= o.end);
  const allFigures = figures(norm, claims).filter((f) => !inside(f));
  const out: Claim[] = [];
  let current: { occ: Occurrence; attribute: ClaimAttribute } | undefined;
  const make = (
    kind: ClaimKind,
    subject: { occ: Occurrence; attribute: ClaimAttribute },
    figure: Figure | undefined,
    extra: Partial<Claim> = {},
  ): Claim => ({
    id: `c${base + out.length + 1}`,
    kind,
    item: subject.occ.item.id,
    subject: subject.occ.text,
    ...(subject.occ.code ? { code: subject.occ.code } : {}),
    attribute: subject.attribute,
    ...(figure ? { figure: figure.figure } : {}),
    sentence: sentence.text,
    sentenceIndex: sentence.index,
    ...(sentence.section ? { section: sentence.section } : {}),
    ...(sentence.sectionTitle ? { sectionTitle: sentence.sectionTitle } : {}),
    location: sentence.location,
    ...extra,
  });
  const nearest = (before: number, after: number, figure: Figure): Occurrence | undefined => {
    let best: Occurrence | undefined;
    for (const o of occ) {
      if (o.end > before || o.start < after || !accepts(o.item, figure)) continue;
      if (!best || o.end > best.end || (o.end === best.end && o.end - o.start > best.end - best.start))
        best = o;
    }
    return best;
  };
  // Clauses (；) share the sentence's subject: 全年预算数 1.02 万元…；决算数比上年减少 0.30 万元.
  let clauseStart = 0;
  for (const clause of norm.split(/(?<=;)/)) {
    const clauseEnd = clauseStart + clause.length;
    // Figures in a reason (主要原因：新录用公务员 3 人) are not claims; a reason runs to the clause end.
    const reasonAt = clauseStart + (allMatches(p.reason, clause)[0]?.index ?? clause.length);
    const figs = allFigures.filter((f) => f.start >= clauseStart && f.start < reasonAt);
    let prevEnd = clauseStart;
    let yoySeen = false;
    // 完成预算29.6万元的92.8%: the budget a completion rate is measured against, named before the rate.
    let budgetNamed: Claim['budget'];
    let unnamedBudget: ClaimFigure | undefined;
    for (const fig of figs) {
      const lead = norm.slice(prevEnd, fig.start);
      const leadAt = (m: RegExpExecArray | undefined) => (m ? prevEnd + m.index : -1);
      if (lastMatch(p.yoy, lead)) yoySeen = true;
      const directionMatch = lastMatch(p.down, lead) ?? lastMatch(p.up, lead);
      const direction = lastMatch(p.down, lead) ? 'down' : lastMatch(p.up, lead) ? 'up' : undefined;
      const fresh = nearest(fig.start, prevEnd, fig);
      const completionAtEnd = completionKind(p.completion, lead, true);
      if (fig.kind === 'money' && completionAtEnd && current) {
        // Not the subject's amount: an 年初/全年 budget is stated as such, an unnamed one is not a claim.
        if (completionAtEnd !== 'any') {
          const attribute = completionAtEnd === 'initial' ? 'initialBudget' : 'finalBudget';
          out.push(make('amount', { occ: current.occ, attribute }, fig));
        }
        budgetNamed = completionAtEnd;
        unnamedBudget = completionAtEnd === 'any' ? fig.figure : undefined;
        prevEnd = fig.end;
        continue;
      }
      if (fig.kind === 'percent') {
        const named = budgetNamed && /^的?$/.test(lead) ? budgetNamed : undefined;
        const inlineBudget = named === 'any' ? unnamedBudget : undefined;
        budgetNamed = undefined;
        unnamedBudget = undefined;
        const completion = named ?? completionKind(p.completion, lead, false);
        const shareMatch = lastMatch(p.share, lead);
        const shareAt = leadAt(shareMatch);
        // 占全年预算的 95.2%: a share of a budget is a completion rate; 占政府采购支出总额的: the named whole.
        const whole = shareMatch
          ? shareWhole(lead.slice(shareMatch.index + shareMatch[0].length), claims)
          : {};
        if ((completion || whole.budget) && current) {
          out.push(
            make('completion', current, fig, {
              budget: completion ?? whole.budget,
              ...(inlineBudget ? { unnamedBudget: inlineBudget } : {}),
            }),
          );
        } else if (direction && current && (yoySeen || out.some((c) => c.kind === 'change'))) {
          out.push(make('rate', current, fig, { direction }));
        } else if (shareAt >= 0) {
          const subject = nearest(shareAt, prevEnd, fig);
          const target = subject ? { occ: subject, attribute: 'amount' as const } : current;
          if (target) out.push(make('share', target, fig, whole.item ? { shareOf: whole.item } : {}));
        }
        prevEnd = fig.end;
        continue;
      }
      // The attribute word nearest the figure (年初预算书为0，决算数为150.55万元 → 决算数).
      let leadAttribute: ClaimAttribute | undefined;
      let leadAttributeAt = -1;
      for (const attribute of ['initialBudget', 'finalBudget', 'actual'] as const) {
        const m = lastMatch(p.attributes[attribute], lead);
        if (m && m.index >= leadAttributeAt) {
          leadAttribute = attribute;
          leadAttributeAt = m.index;
        }
      }
      // 与2023年度相比，收入支出总计增加934.09万元: the subject named just before the direction word
      // is what changed, not what the figure amounts to.
      const changed =
        fresh && direction && yoySeen && fresh.end <= leadAt(directionMatch) ? fresh : undefined;
      if (changed) current = { occ: changed, attribute: leadAttribute ?? 'amount' };
      if (direction && yoySeen && current && (!fresh || changed)) {
        const change = make(
          'change',
          { occ: current.occ, attribute: leadAttribute ?? current.attribute },
          fig,
          {
            direction,
          },
        );
        // A change broken down into items (…下降13.81%，其中：) gives its reasons with the items,
        // which are claims of their own and are checked for them.
        change.reasoned =
          /^[^;。]*?其中:/.test(norm.slice(fig.end)) ||
          allMatches(p.reason, norm.slice(fig.end, clauseEnd)).length > 0 ||
          (clauseEnd >= norm.length && sentence.reasonNext) ||
          allMatches(p.reason, norm.slice(clauseEnd)).some((m) => m.index === 0);
        out.push(change);
        prevEnd = fig.end;
        continue;
      }
      // 决算数比年初预算增加 6.32 万元, 减少了 2 万元: a change against a base this reading does not
      // know is a change all the same, never the item's amount or budget.
      if (endsWithDirection(lead, p)) {
        prevEnd = fig.end;
        continue;
      }
      const subject =
        fresh ?? (current && accepts(current.occ.item, fig) ? current.occ : nearest(fig.start, 0, fig));
      if (!subject) {
        prevEnd = fig.end;
        continue;
      }
      current = { occ: subject, attribute: leadAttribute ?? 'amount' };
      out.push(make(fig.kind === 'count' ? 'count' : 'amount', current, fig));
      prevEnd = fig.end;
    }
    // 与上年持平: a claim without a figure, about the clause's subject.
    const flat = lastMatch(p.flat, norm.slice(clauseStart, reasonAt));
    if (flat && current && allMatches(p.yoy, clause).length) out.push(make('flat', current, undefined));
    clauseStart = clauseEnd;
  }
  return out;
}
