/**
 * The document's identity and the template text left in it (I-01…I-06): the department and the
 * year agree across cover, part headings, table titles, dates and narrative; no placeholder
 * (XX, ××, 某某), no pair of alternatives the template offered (增加（减少）), no instruction written
 * for whoever filled the template in. A document copied from last year's or from another
 * department's shows it here, and so does one published before it was finished.
 *
 * Text is read as passages: the lines of a paragraph a layout wrapped are joined again, so a
 * phrase broken over two lines (下降（增 / 长）) is read whole, and every offset keeps the line it
 * was printed on.
 */
import { addToGroup } from '../arrays';
import { type Finding, type FindingCategory, type FindingPlace, numberRepeatedIds } from '../finding';
import { cleanPrintedText, joinWrapped, stripMarkup } from '../text/normalize';
import type { DocumentKind } from './document-kind';
import { type DocumentLocation, documentPlaces, registeredFinding } from './findings';
import { MAX_PASSAGE_CHARS, type RawDocument, type RawLocation, type RawTable } from './raw';
import type { PerformanceGrid, RecognizedDocument } from './recognize';

type IdentityRule = 'I-01' | 'I-02' | 'I-03' | 'I-04' | 'I-05' | 'I-06';

const CATEGORY: Record<IdentityRule, FindingCategory> = {
  'I-01': 'structure',
  'I-02': 'structure',
  'I-03': 'narrative',
  'I-04': 'narrative',
  'I-05': 'narrative',
  'I-06': 'narrative',
};

/**
 * Every identity and residue finding of a document. The report year is the one its title names
 * (`kind`), else the 年度 its text names most often (recognition's `year`); the 绩效自评表 are
 * recognition's.
 */
export function checkIdentity(
  raw: RawDocument,
  kind: DocumentKind,
  recognized: Pick<RecognizedDocument, 'year' | 'performanceTables'>,
): Finding[] {
  const passages = readPassages(raw);
  const year = kind.year ?? recognized.year;
  const cells = performanceCells(recognized.performanceTables);
  const findings = [
    ...residueFindings(passages),
    ...gridPlaceholderFindings(raw),
    ...(year !== undefined ? yearFindings([...passages, ...cells], year) : []),
    ...(year !== undefined ? projectYearFindings(recognized.performanceTables, year) : []),
    ...nameFindings(raw, passages, kind),
  ];
  return numberRepeatedIds(findings);
}

// ---------------------------------------------------------------------------------------------
// Passages

interface Piece {
  offset: number;
  location: RawLocation;
  /** The line reads as a title or heading: short, unpunctuated, numbered or ending as titles do. */
  heading: boolean;
}

interface Passage {
  text: string;
  pieces: Piece[];
}

const SENTENCE_END = /[。！？；;!?]$/;
/** 第一部分, 一、, （一）, 1、: a heading starts a passage of its own. */
const HEADING_START =
  /^(?:第[一二三四五六七八九十]+部分|[一二三四五六七八九十]+[、.．]|[(（][一二三四五六七八九十\d]{1,3}[)）]|\d{1,2}\s*[、.．](?!\d))/;
const MAX_HEADING = 60;

/** How a title ends: 部门决算表, 情况说明, 概况, (2024 年度). */
const TITLE_END = /(?:表|说明|情况|概况|决算|公开|报告|目录|年度\s*[）)]?)$/;

/** A line that reads as a title or heading: short, no sentence punctuation, numbered or ending as titles do. */
function isHeadingLine(text: string): boolean {
  return (
    text.length <= MAX_HEADING &&
    !/[。，,；;！？!?]/.test(text) &&
    (HEADING_START.test(text) || TITLE_END.test(text))
  );
}

/** The text blocks as passages: a line that does not end a sentence continues into the next. */
function readPassages(raw: RawDocument): Passage[] {
  const passages: Passage[] = [];
  let current: Passage | undefined;
  // The line added last: the passage ends where it does, without rescanning the passage.
  let last = '';
  for (const block of raw.blocks) {
    if (block.kind !== 'text') {
      current = undefined;
      continue;
    }
    for (const line of block.text.split('\n')) {
      const text = cleanPrintedText(stripMarkup(line).replace(/^\s*[-*•]\s+/, ''));
      if (!text) continue;
      if (
        !current ||
        SENTENCE_END.test(last) ||
        HEADING_START.test(text) ||
        endsWithHeading(current) ||
        current.text.length + text.length > MAX_PASSAGE_CHARS
      ) {
        current = { text: '', pieces: [] };
        passages.push(current);
      }
      last = text;
      const joined = joinWrapped(current.text, text);
      current.pieces.push({
        offset: joined.length - text.length,
        location: block.location,
        heading: isHeadingLine(text),
      });
      current.text = joined;
    }
  }
  return passages;
}

/** A title or heading ends its passage, unless a bracket it opened is still open (（如持平作 / 持平表述）). */
function endsWithHeading(passage: Passage): boolean {
  if (!passage.pieces.at(-1)!.heading) return false;
  const opened = passage.text.match(/[（(]/g)?.length ?? 0;
  const closed = passage.text.match(/[）)]/g)?.length ?? 0;
  return opened <= closed;
}

function pieceAt(passage: Passage, offset: number): Piece {
  let found = passage.pieces[0]!;
  for (const piece of passage.pieces) if (piece.offset <= offset) found = piece;
  return found;
}

/** Each distinct cell of the 绩效自评表 as a passage of its own; a 年度 line of the table reads as a title. */
function performanceCells(tables: readonly PerformanceGrid[]): Passage[] {
  const out: Passage[] = [];
  for (const { table } of tables) {
    const seen = new Set<string>();
    table.rows.forEach((row, r) => {
      for (const cell of row) {
        const text = cleanPrintedText(cell);
        if (!text || seen.has(text)) continue;
        seen.add(text);
        const location = table.rowLocations[r] ?? table.location;
        out.push({ text, pieces: [{ offset: 0, location, heading: TABLE_YEAR_LINE.test(text) }] });
      }
    });
  }
  return out;
}

/** The sentence around an offset, cut to a readable length around it. */
function quote(text: string, at: number, length: number): string {
  const start = Math.max(text.lastIndexOf('。', at - 1) + 1, 0);
  const stop = text.indexOf('。', at + length);
  const sentence = text.slice(start, stop < 0 ? text.length : stop + 1).trim();
  if (sentence.length <= 80) return sentence;
  const from = Math.max(at - start - 30, 0);
  const to = Math.min(at - start + length + 40, sentence.length);
  return `${from > 0 ? '…' : ''}${sentence.slice(from, to)}${to < sentence.length ? '…' : ''}`;
}

function identityFinding(
  rule: IdentityRule,
  locations: readonly DocumentLocation[],
  message: string,
  found?: string,
  expected?: string,
): Finding {
  const first = locations[0] ?? {};
  const where = [
    first.page !== undefined ? `p${first.page}` : '',
    first.line !== undefined ? `L${first.line}` : '',
  ]
    .filter(Boolean)
    .join('/');
  const places: FindingPlace[] = locations.flatMap((l) => documentPlaces(l));
  return registeredFinding({
    id: `${rule}@${where || 'doc'}`,
    rule,
    category: CATEGORY[rule],
    message,
    places,
    ...(found !== undefined ? { found: { text: found } } : {}),
    ...(expected !== undefined ? { expected: { text: expected } } : {}),
  });
}

// ---------------------------------------------------------------------------------------------
// Template residue (I-04, I-05, I-06)

/** Two or more X not inside a Latin word, ××, 某某: a name or figure the template left to fill in. */
const PLACEHOLDER = /(?<![A-Za-z])[XＸ]{2,}(?![A-Za-z])|[×✕]{2,}|某某+/g;

const OPPOSITES: readonly (readonly [string, string])[] = [
  ['增加', '减少'],
  ['增长', '下降'],
  ['增长', '减少'],
  ['增加', '下降'],
  ['上升', '下降'],
  ['大于', '小于'],
  ['高于', '低于'],
  ['多于', '少于'],
  ['节约', '超支'],
];
/** One word with its opposite in brackets or after a slash, either way round: 增加（减少）, 下降（增长）. */
const ALTERNATIVES = new RegExp(
  [
    ...OPPOSITES.flatMap(([a, b]) => [
      [a, b],
      [b, a],
    ]).map(([a, b]) => `${a}\\s*(?:[（(]\\s*${b}\\s*[）)]|[/／]\\s*${b})`),
    '[（(]\\s*或[^（）()]{0,15}持平\\s*[）)]',
  ].join('|'),
  'g',
);

/** What a template says to whoever fills it in. */
const INSTRUCTION = new RegExp(
  [
    '[（(][^（）()]{0,20}\\d+\\s*字(?:以内|以下|左右)[^（）()]{0,10}[）)]',
    '[（(]\\s*如[^（）()]{1,20}作[^（）()]{1,20}表述\\s*[）)]',
    '[（(][^（）()]{0,40}不列(?![入支示])[^（）()]{0,20}[）)]',
    '[（(]\\s*(?:应当|请(?:填写|填列|根据|按照?|在此|补充|删除|注明))[^（）()]{2,80}[）)]',
    '[（(][^（）()]{0,30}的(?:单位|部门)[，,][^（）()]{0,40}[）)]',
    '此处(?:填写|填列|录入)|请(?:填写|填列|补充|在此)',
    '由[^，。；、,;]{1,30}(?:填写|填列)',
    '参照[^，。；,;]{1,40}?(?:填列|填写|进行解释)',
    '作下述说明|按上述格式|仍保留该表格式',
    '[，,]\\s*列明(?=公务|[^，。；,;]{0,10}(?:数量|批次|人次))[^，。；,;]*',
    '【(?:[^【】]{0,60}(?:请|填|此处|说明|[XＸ]{2}|××)[^【】]{0,80})?】',
  ].join('|'),
  'g',
);

const RESIDUE: readonly { rule: IdentityRule; pattern: RegExp; what: string; fix: string }[] = [
  { rule: 'I-04', pattern: PLACEHOLDER, what: '模板占位符', fix: '应换成实际的名称或数字' },
  { rule: 'I-05', pattern: ALTERNATIVES, what: '模板的备选措辞', fix: '应按实际情况只保留一种说法' },
  { rule: 'I-06', pattern: INSTRUCTION, what: '模板的填写说明', fix: '公开前应删去' },
];

/** One finding per passage and kind of residue, naming each residue and quoting the first. */
function residueFindings(passages: readonly Passage[]): Finding[] {
  const findings: Finding[] = [];
  for (const passage of passages) {
    for (const { rule, pattern, what, fix } of RESIDUE) {
      const matches = [...passage.text.matchAll(pattern)];
      if (!matches.length) continue;
      const first = matches[0]!;
      const texts = [...new Set(matches.map((m) => m[0].replace(/^[，,]\s*/, '')))];
      const count = matches.length > 1 ? `（共 ${matches.length} 处）` : '';
      findings.push(
        identityFinding(
          rule,
          [pieceAt(passage, first.index).location],
          `文中留有${what}${texts.map((t) => `「${t}」`).join('')}${count}，${fix}：「${quote(passage.text, first.index, first[0].length)}」`,
          texts.join('、'),
        ),
      );
    }
  }
  return findings;
}

/** Placeholders in the cells of a grid (a unit list, a 绩效自评表): one finding per grid. */
function gridPlaceholderFindings(raw: RawDocument): Finding[] {
  const findings: Finding[] = [];
  for (const block of raw.blocks) {
    if (block.kind !== 'table') continue;
    const cells = placeholderCells(block);
    if (!cells.length) continue;
    const shown = cells.slice(0, 3).map((c) => `「${c.text}」`);
    const more = cells.length > 3 ? `等 ${cells.length} 格` : '';
    findings.push(
      identityFinding(
        'I-04',
        [cells[0]!.location],
        `表格中留有模板占位符，应换成实际的名称或数字：${shown.join('')}${more}`,
        cells[0]!.text,
      ),
    );
  }
  return findings;
}

function placeholderCells(table: RawTable): { text: string; location: RawLocation }[] {
  const seen = new Set<string>();
  const out: { text: string; location: RawLocation }[] = [];
  table.rows.forEach((row, r) => {
    for (const cell of row) {
      const text = cleanPrintedText(cell);
      if (seen.has(text) || !text.match(PLACEHOLDER)) continue;
      seen.add(text);
      out.push({ text, location: table.rowLocations[r] ?? table.location });
    }
  });
  return out;
}

// ---------------------------------------------------------------------------------------------
// The year (I-02, I-03)

const YEAR = /(?<![\d〔[［])(20\d{2})\s*年(度?)/g;
/** 截至 2023 年 12 月 31 日, 截止2020年底: a balance date, which in a 决算 is the end of its year. */
const YEAR_END = /(?:截至|截止)(?:到)?\s*(20\d{2})\s*年\s*(?:12\s*月\s*31\s*日|底|末)/g;
/** The year line of a table: (2024 年度). */
const TABLE_YEAR_LINE = /^[（(]?\s*20\d{2}\s*年度\s*[）)]?$/;
/** Just before the year: a comparison (与, 较, 比, 上年), a range (2021—), a start (自, 从). */
const COMPARED_BEFORE =
  /(?:与|较|比|同|对比|相比|上年|去年|上一|以前|往年|历年|自|从|至|到|截至|截止|高于|低于|多于|少于|[-—–~～])[^，。；,;：:]{0,4}$/;
/**
 * Just after the year: what makes it a comparison, a range, a citation or a carry-over —
 * 2023年决算数, 2023年同期, 2021—2025年, （2014年修订）, 2023年结转.
 */
const COMPARED_AFTER =
  /^\s*(?:[（(][^（）()]{0,6}[）)])?\s*(?:决算数|预算数|同期|相比|对比|比较|水平|基数|以来|起|末|底|以前|前|后|修订|修正|版|结转|结余|[-—–~～至到]\s*20\d{2}|\s*\d{1,2}\s*月)/;
/** The year's own figures, when a sentence says the year has them: 2023年度收入合计, 2023年项目资金. */
const CURRENT_ITEM =
  /^\s*(?:部门|单位|本级)?\s*(?:决算|收入|支出|收支|财政拨款|一般公共预算|政府性基金|国有资本|[“"]?三公|机关运行|政府采购|项目资金|项目支出|预算绩效|绩效自评|绩效评价|国有资产|纳入)/;
/** A clause about money or matters of earlier years (carried over, audited, rectified): it may name them. */
const EARLIER_MATTERS = /结转|结余|遗留|欠|补发|追加|补缴|清算|以前年度|批复|审计|整改|检查/;
/** A heading may name a later year (a plan, its publication) but not a later year's 决算. */
const ACCOUNTS_OF_THE_YEAR = /^\s*(?:部门|单位)?\s*决算/;

function yearFindings(passages: readonly Passage[], year: number): Finding[] {
  const findings: Finding[] = [];
  for (const passage of passages) {
    const { text } = passage;
    for (const m of text.matchAll(YEAR_END)) {
      const printed = Number(m[1]);
      if (printed === year) continue;
      const { location } = pieceAt(passage, m.index);
      findings.push(
        identityFinding(
          'I-02',
          [location],
          `报告年度为 ${year} 年，这里的时点却是 ${printed} 年末：「${quote(text, m.index, m[0].length)}」；决算的年末数应截至 ${year} 年 12 月 31 日`,
          `${printed}年`,
          `${year}年`,
        ),
      );
    }
    for (const m of text.matchAll(YEAR)) {
      const finding = staleYear(passage, m, year);
      if (finding) findings.push(finding);
    }
  }
  return findings;
}

/** A year other than the report's where the text speaks of the report's own year, or undefined. */
function staleYear(passage: Passage, m: RegExpMatchArray, year: number): Finding | undefined {
  const { text } = passage;
  const at = m.index!;
  const printed = Number(m[1]);
  const after = text.slice(at + m[0].length);
  const clauseStart = Math.max(
    ...['，', '。', '；', ',', ';', '：', ':'].map((p) => text.lastIndexOf(p, at - 1)),
  );
  const before = text.slice(clauseStart + 1, at);
  const clauseEnd = after.search(/[，。；,;]/);
  const clause = before + m[0] + (clauseEnd < 0 ? after : after.slice(0, clauseEnd));
  if (
    printed === year ||
    citedAt(text, at) ||
    COMPARED_BEFORE.test(before) ||
    COMPARED_AFTER.test(after) ||
    EARLIER_MATTERS.test(clause)
  )
    return undefined;
  const { location, heading } = pieceAt(passage, at);
  const excerpt = quote(text, at, m[0].length);
  if (heading) {
    if (printed > year && !ACCOUNTS_OF_THE_YEAR.test(after)) return undefined;
    return identityFinding(
      'I-02',
      [location],
      `报告年度为 ${year} 年，标题「${excerpt}」却写 ${printed} 年`,
      `${printed}年${m[2]}`,
      `${year}年${m[2]}`,
    );
  }
  if (printed > year || !speaksAsCurrent(text, at, before, after, year)) return undefined;
  return identityFinding(
    'I-03',
    [location],
    `报告年度为 ${year} 年，这句话却把 ${printed} 年当作本年：「${excerpt}」；若是与以前年度比较，应写明比较`,
    `${printed}年${m[2]}`,
    `${year}年${m[2]}`,
  );
}

/** The year is part of a cited document's title or number: 《…2020年政府收支分类科目》. */
function citedAt(text: string, at: number): boolean {
  return text.lastIndexOf('《', at) > text.lastIndexOf('》', at);
}

/** The sentence gives the earlier year the report year's figures, or calls it 本年度. */
function speaksAsCurrent(text: string, at: number, before: string, after: string, year: number): boolean {
  if (/本年度?\s*[（(]\s*$/.test(before) || /^\s*[（(]\s*本年度?\s*[）)]/.test(after)) return true;
  const start = text.lastIndexOf('。', at - 1) + 1;
  const stop = text.indexOf('。', at);
  const sentence = text.slice(start, stop < 0 ? text.length : stop);
  // A sentence that names the report year too is comparing the two.
  if (new RegExp(`${year}\\s*年`).test(sentence)) return false;
  return CURRENT_ITEM.test(after);
}

/**
 * A 绩效自评表 whose project is named for the report year (2020年离休干部医疗统筹金) but whose
 * targets name the same thing for an earlier year (2019年度离休干部医疗统筹金): copied from last
 * year's table.
 */
function projectYearFindings(tables: readonly PerformanceGrid[], year: number): Finding[] {
  const findings: Finding[] = [];
  for (const grid of tables) {
    const named = /^(20\d{2})\s*年度?\s*([\u4e00-\u9fa5]{4,})/.exec(grid.project ?? '');
    if (!named || Number(named[1]) !== year) continue;
    const same = new RegExp(`(20\\d{2})\\s*年度?\\s*${named[2]}`);
    const stale = new Map<string, RawLocation>();
    grid.table.rows.forEach((row, r) => {
      for (const cell of row) {
        const text = cleanPrintedText(cell);
        const m = same.exec(text);
        if (m && Number(m[1]) < year && !stale.has(text))
          stale.set(text, grid.table.rowLocations[r] ?? grid.location);
      }
    });
    if (!stale.size) continue;
    const cells = [...stale.keys()];
    findings.push(
      identityFinding(
        'I-03',
        [...stale.values()],
        `绩效自评表的项目是「${grid.project}」，表中却写成以前年度：${cells.map((c) => `「${c}」`).join('')}`,
        cells[0],
        grid.project,
      ),
    );
  }
  return findings;
}

// ---------------------------------------------------------------------------------------------
// The department (I-01)

interface NameMention {
  name: string;
  text: string;
  location: RawLocation;
  where: '封面' | '标题' | '编制单位' | '正文';
}

/** How an organisation's name ends: 局, 委员会, 中心, 医院, 街道办事处, 镇, and a region for a 汇总. */
const ORGANISATION_END =
  /(?:局|厅|委员会|委|办公室|办|中心|院|所|处|站|队|馆|校|园|会|部|社|政府|办事处|镇|乡|区|县|市|省|室|公司|场|台|团)$/;
const NAME_STOP =
  /\s*20\d{2}\s*年|(?:部门|单位)?(?:决算|预算|概况)|一般公共预算|财政拨款|[“"]三公|整体支出|绩效|基本情况/;
const OWN_LEVEL = /[（(]本级[）)]$/;
/** The line under a table's title, or a form's field, that names the unit (a 主管部门 is another one). */
const UNIT_LINE = /(?:编制单位|填报单位|单位名称|部门名称|部门[（(]单位[）)]名称)\s*[:：]\s*([^\s:：]{3,40})/;
const OPENING_NAME =
  /^([^\s，。；：:、,;（(“"]{5,30}?)\s*20\d{2}\s*年度?(?=\s*(?:收入|支出|收支|财政拨款|[“"]三公|部门决算|机关运行|政府采购|预算绩效))/;
const PART_HEADING = /^第[一二三四五六七八九十]+部分\s*[:：]?\s*(.+)$/;

/** The organisation a title or heading names, if it names one: the words before its year or kind. */
export function organisationIn(text: string): string | undefined {
  const rest = text.replace(/^\s*20\d{2}\s*年度?\s*/, '');
  const stop = rest.search(NAME_STOP);
  const name = (stop < 0 ? rest : rest.slice(0, stop)).replace(/\s+/g, '').replace(OWN_LEVEL, '');
  const trimmed = name.replace(/(?:部门|单位)$/, '');
  if (trimmed.length < 3 || trimmed.length > 40 || !ORGANISATION_END.test(trimmed)) return undefined;
  return /^[\u4e00-\u9fa5XＸ×（）()]+$/.test(trimmed) ? trimmed : undefined;
}

/** One name is the other, shortened or in full: every character of the shorter, in order, in the longer. */
export function sameOrganisation(a: string, b: string): boolean {
  const [short, long] = a.length <= b.length ? [a, b] : [b, a];
  let i = 0;
  for (const ch of long) if (ch === short[i]) i++;
  return i === short.length;
}

function nameFindings(raw: RawDocument, passages: readonly Passage[], kind: DocumentKind): Finding[] {
  const mentions = nameMentions(raw, passages, kind);
  const cover = mentions.find((m) => m.where === '封面');
  const own = cover ?? mostNamed(mentions);
  if (!own || hasPlaceholder(own.name)) return [];
  const units = listedUnits(raw);
  const summary = /汇总/.test(kind.label);
  const others = new Map<string, NameMention[]>();
  for (const m of mentions) {
    if (hasPlaceholder(m.name) || sameOrganisation(m.name, own.name)) continue;
    if (
      m.where !== '封面' &&
      m.where !== '标题' &&
      (summary || units.some((u) => sameOrganisation(u, m.name)))
    )
      continue;
    addToGroup(others, m.name, m);
  }
  const basis = `${own.where}「${own.text}」`;
  return [...others].map(([name, list]) =>
    identityFinding(
      'I-01',
      list.map((m) => m.location),
      `本文件是「${own.name}」的决算（${basis}），${list[0]!.where}「${list[0]!.text}」却写「${name}」` +
        `${list.length > 1 ? `（共 ${list.length} 处）` : ''}；若不是所属单位，应改为本部门名称`,
      name,
      own.name,
    ),
  );
}

function nameMentions(raw: RawDocument, passages: readonly Passage[], kind: DocumentKind): NameMention[] {
  const out: NameMention[] = [];
  const add = (
    text: string,
    name: string | undefined,
    location: RawLocation,
    where: NameMention['where'],
  ) => {
    if (name) out.push({ name, text: text.length > 60 ? `${text.slice(0, 59)}…` : text, location, where });
  };
  for (const e of kind.evidence) {
    if (e.role === 'title' && kind.kind === 'final-accounts')
      add(e.text, organisationIn(e.text), e.location, '封面');
  }
  for (const passage of passages) {
    for (const [i, piece] of passage.pieces.entries()) {
      const line = passage.text.slice(piece.offset, passage.pieces[i + 1]?.offset).trim();
      const part = PART_HEADING.exec(line);
      if (part && piece.heading) add(line, organisationIn(part[1]!), piece.location, '标题');
      const unit = UNIT_LINE.exec(line);
      if (unit) add(line, organisationIn(unit[1]!), piece.location, '编制单位');
    }
    // A sentence opening with a name and the year's accounts (上海市XX局2024年度收入支出总计…).
    const opening = OPENING_NAME.exec(passage.text);
    if (opening && !/^[本我全各该]/.test(opening[1]!) && !passage.pieces[0]!.heading)
      add(
        quote(passage.text, 0, opening[0].length),
        organisationIn(opening[1]!),
        passage.pieces[0]!.location,
        '正文',
      );
  }
  for (const block of raw.blocks) {
    if (block.kind !== 'table') continue;
    block.rows.slice(0, 3).forEach((row, r) => {
      for (const cell of new Set(row)) {
        const unit = UNIT_LINE.exec(cell);
        if (unit) add(cell, organisationIn(unit[1]!), block.rowLocations[r] ?? block.location, '编制单位');
      }
    });
  }
  return out;
}

function mostNamed(mentions: readonly NameMention[]): NameMention | undefined {
  const counts = new Map<string, number>();
  for (const m of mentions) counts.set(m.name, (counts.get(m.name) ?? 0) + 1);
  let best: NameMention | undefined;
  for (const m of mentions) if (!best || counts.get(m.name)! > counts.get(best.name)!) best = m;
  return best;
}

/** The units the document lists (a 单位名称 column): a 部门 prints their names legitimately. */
function listedUnits(raw: RawDocument): string[] {
  const units: string[] = [];
  for (const block of raw.blocks) {
    if (block.kind !== 'table') continue;
    const headerRow = block.rows.findIndex((row) => row.some((c) => c.replace(/\s/g, '') === '单位名称'));
    if (headerRow < 0) continue;
    const column = block.rows[headerRow]!.findIndex((c) => c.replace(/\s/g, '') === '单位名称');
    for (const row of block.rows.slice(headerRow + 1)) {
      const name = row[column]?.replace(/\s/g, '').replace(OWN_LEVEL, '');
      if (name) units.push(name);
    }
  }
  return units;
}

function hasPlaceholder(text: string): boolean {
  return new RegExp(PLACEHOLDER.source).test(text);
}
