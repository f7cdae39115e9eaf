/**
 * What a published document is, before it is audited as a 部门决算: a 决算 (部门, 单位 or 汇总), a
 * 预算 (部门 or 单位), a 绩效自评/评价 report on its own, or unknown. Every 决算 says 预算 on each
 * page (年初预算, 一般公共预算, 预算数) and a budget may cite last year's 决算, so words in running
 * text decide nothing while a title does: the document's title and cover decide first, then its
 * headings and table titles (目录 included), and only then table headers and sentences.
 */
import { collapseSpaces, normalizeText, stripMarkup } from '../text/normalize';
import type { RawDocument, RawLocation } from './raw';

export type DocumentKindId = 'final-accounts' | 'budget' | 'performance' | 'unknown';

/** Where a line stood, in the order the decision trusts it. */
export type KindEvidenceRole = 'title' | 'heading' | 'content';

export interface KindEvidence {
  kind: Exclude<DocumentKindId, 'unknown'>;
  role: KindEvidenceRole;
  /** The line as printed (trimmed, at most 80 characters). */
  text: string;
  location: RawLocation;
}

export interface DocumentKind {
  kind: DocumentKindId;
  /** 部门决算, 单位决算, 部门决算（汇总）, 部门预算, 单位预算, 部门整体支出绩效自评报告, …; 未能判断 for unknown. */
  label: string;
  /** The year the deciding title or heading names. */
  year?: number;
  /** 0–1: how much the deciding lines agree and how much they are to be trusted (title > heading > content). */
  confidence: number;
  /** The role whose lines decided. */
  decidedBy?: KindEvidenceRole;
  /** The deciding lines first, then those of the other roles; at most a few of each. */
  evidence: KindEvidence[];
}

const ROLE_TRUST: Record<KindEvidenceRole, number> = { title: 0.95, heading: 0.85, content: 0.6 };
/** Share of a role's votes the leading kind needs for that role to decide. */
const DECISIVE_SHARE = 0.6;
/** Lines from the start of the document that may hold its title or cover. */
const OPENING_LINES = 40;
const MAX_TITLE_LENGTH = 60;
const EVIDENCE_PER_ROLE = 4;

/**
 * Traditional forms of the characters the kind words use (a mirror site may render a page in
 * traditional characters: 決算, 預算, 績效).
 */
const TRADITIONAL: Record<string, string> = {
  決: '决',
  預: '预',
  績: '绩',
  評: '评',
  報: '报',
  門: '门',
  單: '单',
  體: '体',
  總: '总',
  匯: '汇',
  彙: '汇',
  開: '开',
  說: '说',
  數: '数',
  項: '项',
  財: '财',
  撥: '拨',
  經: '经',
  費: '费',
  務: '务',
  況: '况',
  國: '国',
  資: '资',
  營: '营',
  會: '会',
  險: '险',
  執: '执',
  編: '编',
  關: '关',
  於: '于',
  與: '与',
};
const TRADITIONAL_CHARS = new RegExp(`[${Object.keys(TRADITIONAL).join('')}]`, 'g');

/**
 * 预算 inside these words says nothing about the document's kind: fund types every 决算 names,
 * budget figures a 决算 compares with, 预决算 together, and the words of a cover's key/value lines.
 */
const NEUTRAL_BUDGET_WORDS =
  /一般公共预算|政府性基金预算|国有资本经营预算|社会保险基金预算|预算绩效|预算单位|预算主管部门|预算编码|预算科目|预算级次|年初预算|全年预算|调整预算|预算数|预算执行|预算管理|预算[,、和及与]?决算|预决算/g;
const KIND_WORDS = /决算|预算|绩效(?:评价)?自评(?:报告|表)?|绩效评价(?:报告|表)|整体支出绩效/g;
/** 一、 1. （一） 第二部分 表1: a numbered heading, 目录 entry or table list item. */
const NUMBERED =
  /^(?:第[一二三四五六七八九十]+部分|[一二三四五六七八九十]+[、.．,，]|\d{1,2}\s*[.、．](?!\d)|[(（][一二三四五六七八九十\d]+[)）]|附?表\s*\d{1,2}\s*[:：]?)/;
/** A flattened page keeps its headings inside one long line: they start again here. */
const INLINE_HEADING = /\s(?=第[一二三四五六七八九十]+部分|表\s*\d{1,2}\s*[:：])/;
/** 目录 remnants: dot leaders, Word field codes (PAGEREF _Toc… h 3), a trailing page number. */
const TOC_NOISE = /[.…·]{3,}.*$|PAGEREF\s*_Toc\d+\s*h\s*\d*|\s\d{1,3}$/g;
/** Budget and final-accounts figures as table headers print them. */
const FINAL_HEADER = /^(?:本年)?决算数?$/;
const BUDGET_HEADER = /^预算数$|^(?:收入|支出)预算$|^本年预算$/;
/** A sentence or a wrapped piece of one (punctuation, a figure with its unit): never a title or heading. */
const PROSE = /[。，,；;！!？?]|[:：]$|\d[\d,.]*\s*(?:万元|元|%)/;
/** How a document's title names its kind: 2024年度部门决算, 单位预算, 决算公开说明, 绩效评价自评报告. */
const TITLE_SHAPE = /(?:部门|单位|汇总|年度?|级)(?:决算|预算)|(?:决算|预算)(?:公开|说明|报告|表)|绩效/;
/** The tables are elsewhere: 报表详见附件, (见附件), 第五部分 附表, a link to a .xls file. */
const ATTACHED_TABLES = /见附件|附表|\.xlsx?(?![a-z])/i;
/** A grid's header cells printed as a line of text (决算数 项目（按功能分类） 行次). */
const HEADER_WORDS = /^(?:决算数|预算数)|行次|栏次/;

interface Line {
  text: string;
  norm: string;
  location: RawLocation;
  /** Index among the document's text lines. */
  ordinal: number;
}

/** What the document is, with the lines that say so. */
export function documentKind(raw: RawDocument): DocumentKind {
  const votes: Record<KindEvidenceRole, KindEvidence[]> = { title: [], heading: [], content: [] };
  let previous: Line | undefined;
  for (const line of textLines(raw)) {
    const kind = kindOfLine(line.norm);
    const before = previous;
    previous = line;
    if (!kind) continue;
    const role = roleOf(line);
    // Running text counts only by its 决算/预算 statements of figures, never by a passing mention.
    if (role === 'content' && !statesFigures(line.norm, kind)) continue;
    // A cover title set on two lines (岳阳市2018年度部门整体支出 / 绩效评价自评报告) is read whole.
    const text = role === 'title' && before && isTitleStart(before) ? before.text + line.text : line.text;
    votes[role].push({ kind, role, text: shorten(text), location: line.location });
  }
  votes.content.push(...headerVotes(raw));
  // 绩效自评表 are annexed to 决算 (and 绩效目标表 to budgets): below the title they make a
  // performance report only when nothing names a 决算 or 预算.
  for (const role of ['heading', 'content'] as const) {
    if (votes[role].some((v) => v.kind !== 'performance'))
      votes[role] = votes[role].filter((v) => v.kind !== 'performance');
  }

  for (const role of ['title', 'heading', 'content'] as const) {
    const leading = leadingKind(votes[role]);
    if (!leading || leading.share < DECISIVE_SHARE) continue;
    const deciding = votes[role].filter((v) => v.kind === leading.kind);
    const others = (['title', 'heading', 'content'] as const).filter((r) => r !== role);
    // A lower role that mostly says otherwise costs some confidence; it never overturns a title.
    const dissent = others.some((r) => {
      const l = leadingKind(votes[r]);
      return l !== undefined && l.kind !== leading.kind && l.share >= DECISIVE_SHARE;
    });
    const confidence = round2(ROLE_TRUST[role] * leading.share - (dissent ? 0.1 : 0));
    const year = yearOf(deciding);
    return {
      kind: leading.kind,
      label: labelOf(leading.kind, deciding),
      ...(year !== undefined ? { year } : {}),
      confidence,
      decidedBy: role,
      evidence: [
        ...deciding.slice(0, EVIDENCE_PER_ROLE),
        ...others.flatMap((r) => votes[r].slice(0, EVIDENCE_PER_ROLE)),
      ],
    };
  }
  const all = [...votes.title, ...votes.heading, ...votes.content];
  return {
    kind: 'unknown',
    label: '未能判断',
    confidence: 0,
    evidence: all.slice(0, EVIDENCE_PER_ROLE * 2),
  };
}

/** The kind a line names by its last kind word, once the words that name no kind are set aside. */
export function kindOfLine(norm: string): KindEvidence['kind'] | undefined {
  const words = norm.replace(NEUTRAL_BUDGET_WORDS, '').match(KIND_WORDS);
  const last = words?.at(-1);
  if (!last) return undefined;
  if (last === '决算') return 'final-accounts';
  if (last === '预算') return 'budget';
  return 'performance';
}

/**
 * Every line of text in reading order, with the first row of each grid (a title printed inside it);
 * with `cells`, every cell of every grid too (a 目录 a reader took for a grid).
 */
function textLines(raw: RawDocument, cells = false): Line[] {
  const out: Line[] = [];
  const push = (text: string, location: RawLocation) => {
    for (const piece of text.split(INLINE_HEADING)) {
      const clean = collapseSpaces(toSimplified(stripMarkup(piece)).replace(/^[-*•]\s+/, '')).replace(
        TOC_NOISE,
        '',
      );
      if (!clean) continue;
      out.push({ text: clean.trim(), norm: normalizeText(clean), location, ordinal: out.length });
    }
  };
  for (const block of raw.blocks) {
    if (block.kind === 'image') continue;
    if (block.kind === 'text') {
      for (const line of block.text.split('\n')) push(line, block.location);
    } else if (cells) {
      block.rows.forEach((row, r) => {
        for (const cell of new Set(row)) push(cell, block.rowLocations[r] ?? block.location);
      });
    } else {
      const first = [...new Set(block.rows[0] ?? [])].join('');
      if (normalizeText(first).endsWith('表')) push(first, block.location);
    }
  }
  return out;
}

/** A printed line and where it was read. */
export interface PrintedLine {
  text: string;
  location: RawLocation;
}

/** The table titles the text names (目录 entries, 表 1:…), each once: the tables a document says it has. */
export function listedTableTitles(raw: RawDocument): PrintedLine[] {
  const seen = new Set<string>();
  const out: PrintedLine[] = [];
  for (const line of textLines(raw, true)) {
    const part = /^第[一二三四五六七八九十]+部分/.test(line.norm);
    if (part || !line.norm.endsWith('表') || line.norm.length > MAX_TITLE_LENGTH || PROSE.test(line.text))
      continue;
    const title = line.norm.replace(NUMBERED, '');
    if (title.length < 4 || seen.has(title)) continue;
    seen.add(title);
    out.push({ text: line.text, location: line.location });
  }
  return out;
}

/** Where the text says its tables are attached rather than printed (报表详见附件, 见附件, 附表, a .xls file). */
export function attachmentStatement(raw: RawDocument): PrintedLine | undefined {
  const line = textLines(raw, true).find((l) => ATTACHED_TABLES.test(l.norm));
  return line && { text: shorten(line.text), location: line.location };
}

/** The first line of a title set on two lines: short, in the opening, names no kind and states nothing. */
function isTitleStart(line: Line): boolean {
  return (
    line.ordinal < OPENING_LINES &&
    line.norm.length <= MAX_TITLE_LENGTH / 2 &&
    !kindOfLine(line.norm) &&
    !PROSE.test(line.text) &&
    !NUMBERED.test(line.text) &&
    !/[:：|]/.test(line.text)
  );
}

function roleOf(line: Line): KindEvidenceRole {
  if (line.norm.length > MAX_TITLE_LENGTH || PROSE.test(line.text) || HEADER_WORDS.test(line.norm))
    return 'content';
  const numbered = NUMBERED.test(line.text);
  const tableTitle = line.norm.endsWith('表');
  if (
    line.ordinal < OPENING_LINES &&
    !numbered &&
    !tableTitle &&
    TITLE_SHAPE.test(line.norm.replace(NEUTRAL_BUDGET_WORDS, ''))
  ) {
    return 'title';
  }
  if (numbered || tableTitle || line.norm.endsWith('说明')) return 'heading';
  return 'content';
}

/** A sentence that states a 决算 or 预算 figure (支出决算为 62.07 万元, 收入预算 3,121.42 万元). */
function statesFigures(norm: string, kind: KindEvidence['kind']): boolean {
  if (kind === 'final-accounts') return /(?:收入|支出)决算(?:为|数)?[\d,.]+(?:万元|元)/.test(norm);
  if (kind === 'budget')
    return /(?:收入|支出|总)预算(?:为|数)?[\d,.]+(?:万元|元)/.test(norm.replace(NEUTRAL_BUDGET_WORDS, ''));
  return false;
}

/** Each grid whose header prints 决算数 (with or without 年初预算) or only 预算数 counts once. */
function headerVotes(raw: RawDocument): KindEvidence[] {
  const out: KindEvidence[] = [];
  for (const block of raw.blocks) {
    if (block.kind !== 'table') continue;
    const header = block.rows
      .slice(0, 4)
      .flat()
      .map((c) => normalizeText(toSimplified(c)));
    const final = header.find((c) => FINAL_HEADER.test(c));
    const budget = header.find((c) => BUDGET_HEADER.test(c));
    const kind = final ? 'final-accounts' : budget ? 'budget' : undefined;
    if (kind)
      out.push({ kind, role: 'content', text: `表头「${final ?? budget}」`, location: block.location });
  }
  return out;
}

function leadingKind(
  votes: readonly KindEvidence[],
): { kind: KindEvidence['kind']; share: number } | undefined {
  if (!votes.length) return undefined;
  const counts = new Map<KindEvidence['kind'], number>();
  for (const v of votes) counts.set(v.kind, (counts.get(v.kind) ?? 0) + 1);
  const [kind, count] = [...counts].sort((a, b) => b[1] - a[1])[0]!;
  return { kind, share: count / votes.length };
}

function labelOf(kind: KindEvidence['kind'], deciding: readonly KindEvidence[]): string {
  const text = deciding.map((d) => normalizeText(d.text)).join('|');
  if (kind === 'performance') {
    if (/整体/.test(text)) return '部门整体支出绩效自评报告';
    if (/项目支出绩效/.test(text)) return '项目支出绩效自评表';
    return '绩效自评报告';
  }
  const word = kind === 'final-accounts' ? '决算' : '预算';
  // The first line that names the level names the document's (a 单位预算's tables may say 部门预算经济分类).
  const level = new RegExp(`(单位|部门)${word}`).exec(text)?.[1] ?? '部门';
  if (kind === 'final-accounts' && level === '部门' && /汇总/.test(text)) return '部门决算（汇总）';
  return `${level}${word}`;
}

function yearOf(deciding: readonly KindEvidence[]): number | undefined {
  for (const d of deciding) {
    const m = /(?<!\d)(20\d{2})(?!\d)/.exec(d.text);
    if (m) return Number(m[1]);
  }
  return undefined;
}

function toSimplified(text: string): string {
  return text.replace(TRADITIONAL_CHARS, (ch) => TRADITIONAL[ch] ?? ch);
}

function shorten(text: string): string {
  return [...text].length > 80 ? `${[...text].slice(0, 79).join('')}…` : text;
}

function round2(n: number): number {
  return Math.max(0, Math.round(n * 100) / 100);
}
