/**
 * Recognition: a RawDocument's grids mapped onto a profile's tables. Each grid is identified by the
 * text just before it (title, 表号, 金额单位), by its header (栏次, column labels) and by its rows
 * (codes, 行次, labels); every profile is tried and the one whose tables fit the document best is
 * chosen, with its score and the reasons. The chosen profile's tables become TableViews whose
 * cells are the printed figures, so the rule engine runs on them as on a package's tables. A grid
 * the chosen profile has no table for is tried against the other profiles' tables and, when one
 * fits it, read as that table (`otherTypeTables`).
 */
import { maxOf, pushAll } from '../arrays';
import type { Catalog } from '../catalog';
import { halfStepOf } from '../check';
import type { Finding } from '../finding';
import { type MoneyUnit, moneyUnitOf } from '../money';
import { type Profile, printsAcross, type TableDef } from '../profile';
import { normalizeText, stripMarkup } from '../text/normalize';
import type { TableView } from '../views';
import { cellText, isNaCell, looksLikeAmount, looksNumeric } from './cells';
import { documentFinding } from './findings';
import { buildSections, type ColumnMapping, type GridAnalysis, type RowMatch, rowSignature } from './grid';
import { GridAnalyses } from './grid-analyses';
import { type ImageTable, imageTableFinding, imageTables } from './image-tables';
import { type Placed, placeByFacts } from './layout-variants';
import type { RawDocument, RawLocation, RawTable, RawText } from './raw';
import { chineseNumber, similarity } from './text';

export interface RecognizeContext {
  profiles: readonly Profile[];
  catalog: Catalog;
  /** Use this profile instead of choosing one. */
  profile?: string;
  /** The profile's tables as printed in a year it covers (its year changes applied). */
  forYear?: (profile: Profile, year: number) => Profile;
}

export interface RowMapping {
  section: string;
  key: string;
  line?: number;
  code?: string;
  label: string;
  by: RowMatch;
  confidence: number;
  location: RawLocation;
  note?: string;
}

export interface RecognizedTable {
  /** Profile table id. */
  id: string;
  view: TableView;
  /** How sure the mapping is, 0–1 (identification and cell mapping together). */
  confidence: number;
  /** How well the grid fits this table, 0–1 (title, 表号, header, rows). */
  score: number;
  why: string[];
  blockIndex: number;
  location: RawLocation;
  printedTitle?: string;
  printedNumber?: string;
  unit: string;
  /** Half of one printed last digit of its money cells, in 分 (0 for figures exact to the 分). */
  halfStep: bigint;
  columns: ColumnMapping[];
  rows: RowMapping[];
  unmatchedRows: {
    text: string;
    location: RawLocation;
    hasFigures: boolean;
    reason: string;
    /** The row's 科目代码, when it is not in the year's catalog. */
    unknownCode?: string;
  }[];
  warnings: string[];
  /**
   * Printed in the other orientation than the profile's layout (the 三公 table across one row where
   * the profile prints it down): the view holds the printed figures placed by fact, and what the
   * print does not show is absent, never zero.
   */
  turned?: true;
  /**
   * The other profile whose table type this grid is, when the profile the document is read
   * against has no table for it; the table's id is then `<profile>:<table>` (sichuan:T09G).
   */
  definedBy?: TableOrigin;
}

/** The profile (as printed in the document's year) and table that define a table's type. */
export interface TableOrigin {
  profile: Profile;
  def: TableDef;
}

/** A grid the chosen profile has no table for, recognised as another profile's table. */
export type OtherTypeTable = RecognizedTable & { definedBy: TableOrigin };

export interface UnknownTable {
  title?: string;
  number?: string;
  blockIndex: number;
  location: RawLocation;
  rows: number;
  /** A table of another profile (region or year) with this title. */
  variant?: { profile: string; table: string; number: string; title: string; score: number };
  /** The profile table it looks like, already matched by another grid. */
  duplicateOf?: string;
}

export interface PerformanceGrid {
  title: string;
  /** 项目名称 as printed. */
  project?: string;
  blockIndex: number;
  location: RawLocation;
  table: RawTable;
}

export interface ProfileMatch {
  id: string;
  name: string;
  score: number;
  why: string[];
  recognised: number;
  printed: number;
}

export interface RecognizedDocument {
  profile: Profile;
  match: ProfileMatch;
  candidates: ProfileMatch[];
  /** Report year as printed (…2024 年度…), if found. */
  year?: number;
  tables: RecognizedTable[];
  /** Grids the profile has no table for that another profile's table type fits. */
  otherTypeTables: OtherTypeTable[];
  /** Printed tables of the profile the document lacks. */
  missing: TableDef[];
  unknownTables: UnknownTable[];
  performanceTables: PerformanceGrid[];
  /** Text blocks that are part of a table (title, 表号, units, notes), not narrative. */
  tableText: Set<number>;
  /** Tables of the profile printed as pictures: a heading, and no grid to read. */
  imageTables?: ImageTable[];
  /** How precisely the tables print money: the envelope rules use. */
  precision: { unit: MoneyUnit; decimals: number; halfStep: bigint };
  findings: Finding[];
}

interface GridInfo {
  blockIndex: number;
  table: RawTable;
  titles: { text: string; norm: string; blockIndex: number }[];
  number?: { text: string; digits: number; prefix: string };
  unitText?: string;
  subject?: string;
  notes: string[];
  /** Lines printed between the table's title and the grid that say the table has no data. */
  between: string[];
  context: number[];
  performance: boolean;
  amountCells: number;
}

interface Candidate {
  grid: GridInfo;
  def: TableDef;
  score: number;
  why: string[];
  /**
   * The grid read as the table; absent when its header already ruled the table out, and `score` is
   * then only the most its rows could have made it, below MIN_SCORE.
   */
  analysis?: GridAnalysis;
  /** The table type's layout in the other orientation the grid was read by, when not `def`'s own. */
  turned?: TableDef;
}

const MIN_SCORE = 0.45;

/** Recognises the document's tables and chooses the profile they fit best. */
export function recognizeDocument(raw: RawDocument, context: RecognizeContext): RecognizedDocument {
  const year = documentYear(raw);
  const grids = collectGrids(raw);
  const asPrinted = (p: Profile) =>
    year !== undefined && context.forYear && yearsOutside(p, year) === 0 ? context.forYear(p, year) : p;
  const profiles = (
    context.profile ? context.profiles.filter((p) => p.id === context.profile) : [...context.profiles]
  ).map(asPrinted);
  if (!profiles.length) throw new Error(`没有口径 ${context.profile ?? ''}`);
  const analyses = new GridAnalyses(context.catalog);
  const evaluated = profiles.map((profile) => evaluateProfile(profile, grids, year, analyses));
  const opening = openingText(raw);
  const fit = (e: Evaluated) => affinity(e.profile, opening, year);
  evaluated.sort((a, b) => b.match.score - a.match.score || fit(b) - fit(a));
  const tieBreak = regionReason(evaluated, opening);
  if (tieBreak) evaluated[0]!.match.why.push(tieBreak);
  const chosen = evaluated[0]!;
  // Each profile as printed in the document's year; the generic layout covers every year.
  const typeProfiles = context.profiles
    .filter(
      (p) => p.id !== chosen.profile.id && (p.generic || year === undefined || yearsOutside(p, year) === 0),
    )
    .map(asPrinted);
  const otherTypes = matchOtherTypes(grids, chosen, typeProfiles, year, analyses);
  return withImageTables(finish(chosen, evaluated, grids, year, otherTypes), raw);
}

/** The missing tables whose heading is printed over a picture, or over nothing: R-07, not R-01. */
function withImageTables(recognized: RecognizedDocument, raw: RawDocument): RecognizedDocument {
  const printed = recognized.profile.tableDefs.filter((d) => d.printed);
  const read = { title: titleOf, number: parseNumber };
  const images = imageTables(raw, printed, new Set(recognized.missing), read);
  if (!images.length) return recognized;
  const replaced = new Set(images.map((t) => `R-01@${t.def.id}`));
  for (const t of images) for (const b of t.blocks) recognized.tableText.add(b);
  return {
    ...recognized,
    imageTables: images,
    findings: [...recognized.findings.filter((f) => !replaced.has(f.id)), ...images.map(imageTableFinding)],
  };
}

// ---------------------------------------------------------------------------------------------

/** The cover, title and first headings: where a document names its department and region. */
function openingText(raw: RawDocument): string {
  return raw.blocks
    .filter((b) => b.kind === 'text')
    .slice(0, 40)
    .map((b) => b.text)
    .join('\n');
}

/**
 * Between profiles that explain the tables equally well (most often: a text with no table): one
 * covering the document's year first, and among those the one whose region the document names,
 * then the generic layout — rather than whichever came first.
 */
function affinity(profile: Profile, opening: string, year: number | undefined): number {
  const coversYear = year === undefined || yearsOutside(profile, year) === 0 ? 4 : 0;
  if (profile.regionNames.some((name) => opening.includes(name))) return coversYear + 2;
  return coversYear + (profile.generic ? 1 : 0);
}

function regionReason(ranked: readonly Evaluated[], opening: string): string | undefined {
  const [first, second] = ranked;
  if (!first || !second || first.match.score !== second.match.score) return undefined;
  const named = first.profile.regionNames.find((name) => opening.includes(name));
  if (named) return `与其他口径同分，文中提到「${named}」`;
  return first.profile.generic ? '与其他口径同分，文中未提到有专门口径的地区，取通用口径' : undefined;
}

function documentYear(raw: RawDocument): number | undefined {
  const counts = new Map<number, number>();
  for (const block of raw.blocks) {
    if (block.kind !== 'text') continue;
    for (const m of block.text.matchAll(/(20\d{2})\s*年度/g)) {
      const y = Number(m[1]);
      counts.set(y, (counts.get(y) ?? 0) + 1);
    }
  }
  let best: number | undefined;
  for (const [y, n] of counts) if (best === undefined || n > (counts.get(best) ?? 0)) best = y;
  return best;
}

const NUMBER_PATTERNS: {
  pattern: RegExp;
  prefix: (m: RegExpExecArray) => string;
  digits: (m: RegExpExecArray) => number | undefined;
}[] = [
  { pattern: /(公开|草案|附)(\d{1,2})表/, prefix: (m) => m[1]!, digits: (m) => Number(m[2]) },
  { pattern: /^(\d{1,2})表$/, prefix: () => '', digits: (m) => Number(m[1]) },
  // 财政部's nine tables are numbered 表1–表9.
  { pattern: /^(?:附)?表(\d{1,2})$/, prefix: () => '表', digits: (m) => Number(m[1]) },
  {
    pattern: /^(?:附)?表([一二三四五六七八九十]{1,3})$/,
    prefix: () => '表',
    digits: (m) => chineseNumber(m[1]!),
  },
];

function parseNumber(text: string): { digits: number; prefix: string } | undefined {
  const norm = normalizeText(text);
  for (const { pattern, prefix, digits } of NUMBER_PATTERNS) {
    const m = pattern.exec(norm);
    if (m) {
      const d = digits(m);
      if (d !== undefined) return { digits: d, prefix: prefix(m) };
    }
  }
  return undefined;
}

function lines(block: RawText): string[] {
  return block.text
    .split(/\n/)
    .map((l) => l.trim())
    .filter(Boolean);
}

/**
 * A statement that a table has no data, in any of its wordings: 本表无数据, 本表为空表, 无…故本表无数据,
 * 没有…故…为空 (text normalised).
 */
const NO_DATA = /本表(?:无数据|为空|是空表)|数据为空|(?:无|没有).{0,80}?(?:为空|无数据|空表)/;

function collectGrids(raw: RawDocument): GridInfo[] {
  const grids: GridInfo[] = [];
  let previousTable = -1;
  /** Text blocks already read as the notes of a grid above: never the text before the next one. */
  const noteBlocks = new Set<number>();
  raw.blocks.forEach((block, i) => {
    if (block.kind !== 'table') return;
    const previous = grids.at(-1);
    if (previous && continuesGrid(raw, previous, previousTable, i)) {
      appendPart(previous, block, previousTable, i);
      readNotes(raw, previous, noteBlocks);
      previousTable = i;
      return;
    }
    const info: GridInfo = {
      blockIndex: i,
      table: block,
      titles: [],
      notes: [],
      between: [],
      context: [],
      performance: false,
      amountCells: amountCellsOf(block),
    };
    // Text between the previous grid and this one, nearest first.
    for (let j = i - 1, seen = 0; j > previousTable && seen < 16; j--, seen++) {
      const text = raw.blocks[j];
      if (text?.kind !== 'text' || noteBlocks.has(j)) continue;
      let used = false;
      for (const line of lines(text).reverse()) {
        const norm = normalizeText(line);
        // Lines under the title belong to this table; those above it to the text or table before.
        if (!info.titles.length && NO_DATA.test(norm)) {
          info.between.unshift(stripMarkup(line).trim());
          used = true;
          continue;
        }
        const number = parseNumber(line);
        if (number && !info.number) {
          info.number = {
            text:
              normalizeText(line).match(/(?:公开|草案|附)?\d{1,2}表|附?表[一二三四五六七八九十]{1,3}/)?.[0] ??
              norm,
            ...number,
          };
          used = true;
        }
        const unit = /(?<![编制])单位[:：]\s*([^\s,，;；]+)/.exec(line);
        if (unit && !info.unitText) {
          info.unitText = unit[1];
          used = true;
        }
        const subject = /(?:^|\s)(?:部门|编制单位|单位名称)[:：]\s*(\S+)/.exec(stripMarkup(line));
        if (subject && !info.subject) {
          info.subject = subject[1];
          used = true;
        }
        if (/^\d{4}年度$/.test(norm)) used = true;
        const title = titleOf(line);
        if (title) {
          info.titles.push({ text: title, norm: normalizeText(title), blockIndex: j });
          used = true;
        }
      }
      if (used) info.context.push(j);
    }
    const firstRow = normalizeText((block.rows[0] ?? []).join(''));
    if (firstRow.endsWith('表') && firstRow.length <= 40) {
      info.titles.push({ text: (block.rows[0] ?? []).join(''), norm: firstRow, blockIndex: i });
    }
    readNotes(raw, info, noteBlocks);
    info.performance =
      info.titles.some((t) => /绩效自评表|绩效评价表/.test(t.norm)) ||
      (block.rows.slice(0, 4).some((r) => r.some((c) => normalizeText(c) === '项目名称')) &&
        block.rows.some((r) => r.some((c) => /绩效指标|一级指标/.test(normalizeText(c)))));
    grids.push(info);
    previousTable = i;
  });
  return grids;
}

function amountCellsOf(table: RawTable): number {
  return table.rows.reduce((n, r) => n + r.filter((c) => looksLikeAmount(c)).length, 0);
}

/**
 * Whether table block `i` goes on with the grid above it, split at a page break (by the print or
 * by a reader that keeps each page's grid apart): as wide, starting with the header repeated or
 * straight with rows of figures, and with nothing printed between but 续表 or the table's caption
 * again. A new table has a title of its own, or a header that is not the one above.
 */
function continuesGrid(raw: RawDocument, previous: GridInfo, previousTable: number, i: number): boolean {
  const part = raw.blocks[i];
  if (part?.kind !== 'table' || previous.performance) return false;
  if (gridWidth(part) !== gridWidth(previous.table)) return false;
  for (let j = previousTable + 1; j < i; j++) {
    const between = raw.blocks[j];
    if (between?.kind !== 'text' || !lines(between).every((line) => repeatsCaption(line, previous))) {
      return false;
    }
  }
  const first = part.rows.find((row) => row.some((c) => cellText(c) !== ''));
  if (!first) return false;
  const header = previous.table.rows.slice(0, Math.max(0, previous.table.rows.findIndex(hasAmount)));
  return (
    header.some((row) => rowSignature(row) === rowSignature(first)) ||
    first.some((c) => looksNumeric(c) || isNaCell(c))
  );
}

function gridWidth(table: RawTable): number {
  return Math.max(0, maxOf(table.rows.map((r) => r.length)));
}

function hasAmount(row: readonly string[]): boolean {
  return row.some((c) => looksLikeAmount(c));
}

/** 续表, （续）, 续 before or after a repeated title. */
const CONTINUED_MARK = /^\(?续表?\)?|\(?续表?\)?$/g;

/**
 * A line printed over the next page's part of a table: 续表, the table's title or 表号 again, a
 * page number, or the department, unit and year (which name no table).
 */
function repeatsCaption(line: string, previous: GridInfo): boolean {
  const unlabelled = stripMarkup(line)
    .replace(/(?:部门|编制部门|编制单位|单位名称)[:：]\s*\S+/g, '')
    .replace(/(?:金额)?单位[:：]\s*\S+/g, '')
    .replace(/\d{4}\s*年度/g, '');
  let rest = normalizeText(unlabelled).replace(CONTINUED_MARK, '');
  if (previous.number) rest = rest.replace(normalizeText(previous.number.text), '');
  return (
    rest === '' ||
    /^-?\d{1,4}-?$|^第\d{1,4}页/.test(rest) ||
    previous.titles.some((t) => t.norm.replace(/\d{4}年度/g, '') === rest)
  );
}

/** Joins the next page's part to the grid; the lines between (续表, the caption again) are table text. */
function appendPart(grid: GridInfo, part: RawTable, previousTable: number, i: number): void {
  grid.table = {
    ...grid.table,
    rows: [...grid.table.rows, ...part.rows],
    rowLocations: [...grid.table.rowLocations, ...part.rowLocations],
  };
  grid.amountCells += amountCellsOf(part);
  for (let j = previousTable + 1; j < i; j++) grid.context.push(j);
}

/**
 * The notes printed after a grid (注：…, 说明：…, the numbered lines that continue them, a statement
 * that the table has no data) into `info`; the blocks read are added to `noteBlocks`.
 */
function readNotes(raw: RawDocument, info: GridInfo, noteBlocks: Set<number>): void {
  for (let j = info.blockIndex + 1, seen = 0; j < raw.blocks.length && seen < 6; j++, seen++) {
    const text = raw.blocks[j];
    if (text?.kind !== 'text') break;
    const norm = normalizeText(text.text);
    const next = raw.blocks[j + 1];
    // A statement the print wrapped over two blocks (…安排的支出， | 故本表无数据。) is one note.
    const unfinished = !/[。.]$/.test(norm) && !NO_DATA.test(norm);
    if (unfinished && next?.kind === 'text' && NO_DATA.test(norm + normalizeText(next.text))) {
      info.notes.push(stripMarkup(text.text).trim() + stripMarkup(next.text).trim());
      info.context.push(j, j + 1);
      noteBlocks.add(j).add(j + 1);
      j++;
      continue;
    }
    const isNote =
      /^(注|说明)/.test(norm) ||
      (info.notes.length > 0 && /^\d[.,]/.test(norm)) ||
      /本表反映/.test(norm) ||
      NO_DATA.test(norm);
    if (!isNote) break;
    info.notes.push(stripMarkup(text.text).trim());
    info.context.push(j);
    noteBlocks.add(j);
  }
}

/** A line that reads like a table title: ends in 表 and is not just a 表号. */
function titleOf(line: string): string | undefined {
  const text = stripMarkup(line)
    .replace(/^#+\s*/, '')
    .trim();
  const norm = normalizeText(text);
  if (
    !norm.endsWith('表') ||
    norm.length < 4 ||
    norm.length > 60 ||
    /^第[一二三四五六七八九十]+部分/.test(norm)
  ) {
    return undefined;
  }
  if (parseNumber(text) && /^(公开|草案|附)?\d{1,2}表$|^附?表[一二三四五六七八九十]{1,3}$/.test(norm))
    return undefined;
  // A line that also carries the 表号 (公开 01 表 收入支出决算总表) keeps only the title.
  return text.replace(/^(?:公开|草案)\s*\d{1,2}\s*表\s*/, '').trim();
}

// ---------------------------------------------------------------------------------------------

interface Evaluated {
  profile: Profile;
  match: ProfileMatch;
  assigned: Map<TableDef, Candidate>;
  candidates: Candidate[];
}

function numberOfDef(def: TableDef): { digits: number; prefix: string } | undefined {
  return parseNumber(def.number);
}

function titleScore(grid: GridInfo, def: TableDef): { score: number; text?: string } | null {
  if (!grid.titles.length) return null;
  const target = normalizeText(def.title);
  let best = 0;
  let text: string | undefined;
  for (const t of grid.titles) {
    let s: number;
    if (t.norm === target) s = 1;
    else if (t.norm.includes(target)) s = 0.5 + 0.45 * (target.length / t.norm.length);
    else s = similarity(t.norm, target);
    if (s < 0.6) s = 0;
    if (s > best) {
      best = s;
      text = t.text;
    }
  }
  return { score: best, ...(text ? { text } : {}) };
}

/** The grid as read for a candidate taken for a table: scoring MIN_SCORE or more, it was read. */
function analysisOf(candidate: Candidate): GridAnalysis {
  if (!candidate.analysis) throw new Error(`${candidate.def.id} 未按行读取，不能采用`);
  return candidate.analysis;
}

type ScorePart = { weight: number; score: number };

/** The parts weighed together, each by its weight, scaled by how much of the evidence there was. */
function fitOf(parts: readonly ScorePart[]): number {
  const available = parts.reduce((s, p) => s + p.weight, 0);
  if (available === 0) return 0;
  const raw = parts.reduce((s, p) => s + p.weight * p.score, 0) / available;
  return raw * (0.75 + 0.25 * available);
}

/** The weight of how well the rows fit, the last part weighed. */
const ROWS_WEIGHT = 0.25;

/** How well a grid fits a table, and why: by title, 表号, header and rows, each part weighed. */
function scoreCandidate(grid: GridInfo, def: TableDef, analyses: GridAnalyses, year: number): Candidate {
  const header = analyses.header(grid.table.rows, def, year);
  const why: string[] = [];
  const parts: ScorePart[] = [];
  const title = titleScore(grid, def);
  if (title) {
    parts.push({ weight: 0.35, score: title.score });
    if (title.score >= 0.99) why.push(`标题「${def.title}」一致`);
    else if (title.score > 0) why.push(`标题「${title.text}」近似「${def.title}」`);
  }
  const defNumber = numberOfDef(def);
  if (grid.number && defNumber) {
    const same = grid.number.digits === defNumber.digits;
    const score = same ? (grid.number.prefix === defNumber.prefix ? 1 : 0.8) : 0;
    parts.push({ weight: 0.2, score });
    if (same) why.push(`表号 ${grid.number.text}${score < 1 ? `（口径为 ${def.number}）` : ''}`);
  }
  // A grid without a single figure (an empty table, its header garbled by extraction) is known by its
  // title and 表号; a header or rows that do not fit count only when they do fit.
  const empty = grid.amountCells === 0;
  if (!empty || header.columnScore > 0.5) parts.push({ weight: 0.2, score: header.columnScore });
  const byNumber = header.columns.filter((c) => c.by === 'number').length;
  const byLabel = header.columns.filter((c) => c.by === 'label').length;
  if (header.columns.length) {
    why.push(
      `${header.columns.length} 栏对应${byNumber ? `（按栏次 ${byNumber}` : '（'}${byLabel ? `${byNumber ? '，' : ''}按栏名 ${byLabel}` : ''}）`.replace(
        '（）',
        '',
      ),
    );
  }
  // Rows that all fit could lift the score no higher than this: below the least score a table is
  // taken with, the grid is not this table, and reading its rows as it would change nothing. A
  // title that names the table keeps it (an unknown table reports the other profile's table it is).
  const ceiling = fitOf([...parts, { weight: ROWS_WEIGHT, score: 1 }]);
  if (ceiling < MIN_SCORE && (title?.score ?? 0) < 0.99) return { grid, def, score: ceiling, why };
  const analysis = analyses.analyze(grid.table.rows, def, year);
  const data = analysis.rows.length + analysis.unmatched.length;
  // An empty table (a header and nothing else) says nothing through its rows.
  if (data && (!empty || analysis.rowScore > 0.5)) {
    parts.push({ weight: ROWS_WEIGHT, score: analysis.rowScore });
    why.push(`${analysis.rows.length}/${data} 行对应`);
  }
  let score = fitOf(parts);
  // A grid whose rows fit nothing is not this table, whatever its neighbourhood says.
  if (data && !empty && analysis.rowScore < 0.3 && (title?.score ?? 0) < 0.9) score *= 0.5;
  return { grid, def, score, why, analysis };
}

/** How many years `year` lies outside the years the profile covers (0 inside). */
function yearsOutside(profile: Profile, year: number): number {
  return Math.max(profile.years.from - year, year - profile.years.to, 0);
}

function evaluateProfile(
  profile: Profile,
  grids: GridInfo[],
  year: number | undefined,
  analyses: GridAnalyses,
): Evaluated {
  const printed = profile.tableDefs.filter((d) => d.printed);
  const candidates: Candidate[] = [];
  for (const grid of grids) {
    if (grid.performance) continue;
    for (const def of printed) {
      candidates.push(scoreCandidate(grid, def, analyses, year ?? profile.year));
      for (const turned of profile.otherOrientations?.[def.id] ?? []) {
        const read = scoreCandidate(grid, turned, analyses, year ?? profile.year);
        const arrangement = printsAcross(turned) ? '横排（各项列在栏中）' : '竖排（各项列在行中）';
        const why = [...read.why, `表格${arrangement}，与口径的排法相反；数字按数据项对应到口径的表`];
        candidates.push({ ...read, def, turned, why });
      }
    }
  }
  const assigned = new Map<TableDef, Candidate>();
  const usedGrids = new Set<GridInfo>();
  for (const c of [...candidates].sort((a, b) => b.score - a.score)) {
    if (c.score < MIN_SCORE || assigned.has(c.def) || usedGrids.has(c.grid)) continue;
    assigned.set(c.def, c);
    usedGrids.add(c.grid);
  }
  const coverage = printed.length
    ? [...assigned.values()].reduce((s, c) => s + c.score, 0) / printed.length
    : 0;
  const why: string[] = [`识别出 ${assigned.size}/${printed.length} 张表`];
  let yearFactor = 1;
  if (year !== undefined) {
    const gap = yearsOutside(profile, year);
    yearFactor = gap === 0 ? 1 : gap <= 2 ? 0.85 : 0.7;
    const { from, to } = profile.years;
    const covered = from === to ? `${from} 年` : `${from}–${to} 年`;
    why.push(gap === 0 ? `年度 ${year} 与口径一致` : `年度 ${year} 不在口径覆盖的 ${covered}内`);
  }
  const moneyUnits = [...assigned.values()]
    .map((c) => moneyUnitOf(c.grid.unitText))
    .filter((u) => u !== undefined);
  const sameUnit = moneyUnits.filter((u) => u === profile.amounts.unit).length;
  const unitFactor = moneyUnits.length ? 0.9 + 0.1 * (sameUnit / moneyUnits.length) : 1;
  if (moneyUnits.length) {
    why.push(
      sameUnit === moneyUnits.length
        ? `金额单位 ${profile.amounts.unit} 一致`
        : `金额单位：${sameUnit}/${moneyUnits.length} 张表为 ${profile.amounts.unit}`,
    );
  }
  const score = round3(coverage * yearFactor * unitFactor);
  return {
    profile,
    match: {
      id: profile.id,
      name: profile.name,
      score,
      why,
      recognised: assigned.size,
      printed: printed.length,
    },
    assigned,
    candidates,
  };
}

function round3(n: number): number {
  return Math.round(n * 1000) / 1000;
}

// ---------------------------------------------------------------------------------------------

/** The chosen profile's tables as recognised, the grids it has no table for, and what is wrong with them. */
function finish(
  chosen: Evaluated,
  all: Evaluated[],
  grids: GridInfo[],
  year: number | undefined,
  otherTypes: ReadonlyMap<GridInfo, OtherTypeCandidate>,
): RecognizedDocument {
  const { profile } = chosen;
  const tableText = new Set<number>();
  const findings: Finding[] = [];
  const recognised: RecognizedPrint[] = [];
  const unreadable = new Set<TableDef>();
  for (const def of profile.tableDefs) {
    const candidate = chosen.assigned.get(def);
    if (!candidate) continue;
    for (const j of candidate.grid.context) tableText.add(j);
    if (isUnreadable(candidate)) {
      unreadable.add(def);
      findings.push(unreadableTableFinding(candidate));
      continue;
    }
    const print = recognizeTable(def, candidate, profile, year);
    recognised.push(print);
    pushAll(findings, unmatchedRowFindings(print.table, profile));
  }
  // An unreadable table counts as missing for the rules; its own finding says why.
  const missing = profile.tableDefs.filter(
    (d) => d.printed && (!chosen.assigned.has(d) || unreadable.has(d)),
  );
  pushAll(
    findings,
    missing.filter((def) => !unreadable.has(def)).map((def) => missingTableFinding(def)),
  );
  const assignedGrids = new Set([...chosen.assigned.values()].map((c) => c.grid));
  const unknownTables: UnknownTable[] = [];
  const otherTypeTables: OtherTypeTable[] = [];
  const performanceTables: PerformanceGrid[] = [];
  for (const grid of grids) {
    if (grid.performance) {
      performanceTables.push(performanceGridOf(grid));
      for (const j of grid.context) tableText.add(j);
      continue;
    }
    if (assignedGrids.has(grid) || !looksLikeDisclosure(grid)) continue;
    for (const j of grid.context) tableText.add(j);
    const other = otherTypes.get(grid);
    if (other) {
      const table = otherTypeTable(other, year);
      otherTypeTables.push(table);
      pushAll(findings, unmatchedRowFindings(table, other.profile));
      continue;
    }
    unknownTables.push(unknownTableOf(grid, chosen, all));
  }
  pushAll(
    findings,
    unknownTables.map((u) => unknownTableFinding(u, profile)),
  );
  return {
    profile,
    match: chosen.match,
    candidates: all.map((e) => e.match),
    ...(year !== undefined ? { year } : {}),
    tables: recognised.map((r) => r.table),
    otherTypeTables,
    missing,
    unknownTables,
    performanceTables,
    tableText,
    precision: coarsestPrecision(recognised, profile),
    findings,
  };
}

/** A recognised table with the money unit and decimals its figures print in (−1: zeros only). */
interface RecognizedPrint {
  table: RecognizedTable;
  unit: MoneyUnit;
  decimals: number;
}

function recognizeTable(
  def: TableDef,
  candidate: Candidate,
  profile: Profile,
  year: number | undefined,
): RecognizedPrint {
  const { grid } = candidate;
  const analysis = analysisOf(candidate);
  // Each table is read in the unit its own unit line states: one document may print 元 and 万元.
  const unit = moneyUnitOf(grid.unitText) ?? moneyUnitOf(def.unit) ?? profile.amounts.unit;
  const built = buildSections(analysis, { unit });
  const location = grid.table.location;
  const rowLocation = (r: number): RawLocation => grid.table.rowLocations[r] ?? location;
  let rows = rowMappings(analysis, rowLocation);
  if (candidate.turned) {
    const placed = placeByFacts(built.sections, def);
    built.sections = placed.sections;
    rows = placedRowMappings(placed, rows);
  }
  const title = printedTitle(grid, def);
  const statement = emptyStatement(grid, def);
  const view: TableView = {
    id: def.id,
    number: grid.number?.text ?? def.number,
    title: title ?? def.title,
    unit: moneyUnitOf(grid.unitText) ?? grid.unitText ?? def.unit ?? profile.amounts.unit,
    subject: grid.subject ? `${profile.subjectLabel}：${grid.subject}` : '',
    year: year ?? profile.year,
    layout: def.layout,
    sections: built.sections,
    notes: grid.notes,
    ...(statement ? { emptyStatement: statement } : {}),
    empty: built.sections.every((s) =>
      s.rows.every((r) => Object.values(r.cells).every((c) => c.value === undefined || c.value === 0n)),
    ),
    printed: true,
  };
  const mappingQuality = rows.length ? rows.reduce((s, r) => s + r.confidence, 0) / rows.length : 0.5;
  const columnQuality = analysis.columns.length
    ? analysis.columns.reduce((s, c) => s + c.confidence, 0) / analysis.columns.length
    : 0.5;
  const table: RecognizedTable = {
    id: def.id,
    view,
    confidence: round3(
      Math.min(1, 0.4 * Math.min(1, candidate.score) + 0.35 * mappingQuality + 0.25 * columnQuality),
    ),
    score: round3(candidate.score),
    why: candidate.why,
    blockIndex: grid.blockIndex,
    location,
    ...(title ? { printedTitle: title } : {}),
    ...(grid.number ? { printedNumber: grid.number.text } : {}),
    unit: view.unit,
    // A figure printed with fewer decimals stands for a wider interval (12,345 元 is ±0.5 元); a
    // table of zeros only is exact.
    halfStep: built.decimals >= 0 ? halfStepOf({ unit, decimals: built.decimals }) : 0n,
    columns: analysis.columns,
    rows,
    unmatchedRows: analysis.unmatched.map((u) => ({
      text: u.text,
      location: rowLocation(u.gridRow),
      hasFigures: u.hasFigures,
      reason: u.reason,
      ...(u.unknownCode ? { unknownCode: u.unknownCode } : {}),
    })),
    warnings: [...analysis.warnings, ...built.warnings],
    ...(candidate.turned ? { turned: true as const } : {}),
  };
  return { table, unit, decimals: built.decimals };
}

/** The rows of a table printed in the other orientation as the profile has them, each where it was printed. */
function placedRowMappings(placed: Placed, printed: readonly RowMapping[]): RowMapping[] {
  return placed.sections.flatMap((section) =>
    section.rows.flatMap((row): RowMapping[] => {
      const origin = placed.origin.get(row.key);
      const from = printed.find((m) => m.section === origin?.section && m.key === origin.row);
      if (!from) return [];
      const { by, confidence, location } = from;
      const line = row.line !== undefined ? { line: row.line } : {};
      return [{ section: section.key, key: row.key, ...line, label: row.label, by, confidence, location }];
    }),
  );
}

function rowMappings(analysis: GridAnalysis, rowLocation: (gridRow: number) => RawLocation): RowMapping[] {
  return analysis.rows.map((r) => ({
    section: r.section,
    key: r.fixed
      ? (r.fixed.key ?? r.fixed.code ?? (r.fixed.line !== undefined ? `L${r.fixed.line}` : ''))
      : r.code!,
    ...(r.fixed?.line !== undefined ? { line: r.fixed.line } : {}),
    ...((r.fixed?.code ?? r.code) ? { code: (r.fixed?.code ?? r.code)! } : {}),
    label: r.label,
    by: r.by,
    confidence: r.confidence,
    location: rowLocation(r.gridRow),
    ...(r.note ? { note: r.note } : {}),
  }));
}

/**
 * The coarsest precision any table prints money in (the first such table on a tie), which the
 * rules' tolerances use; the profile's when every table prints zeros only.
 */
function coarsestPrecision(
  recognised: readonly RecognizedPrint[],
  profile: Profile,
): RecognizedDocument['precision'] {
  let halfStep = 0n;
  let decimals = -1;
  let unit: MoneyUnit = profile.amounts.unit;
  for (const print of recognised) {
    if (print.decimals < 0) continue;
    if (print.table.halfStep > halfStep || decimals < 0) {
      halfStep = print.table.halfStep;
      unit = print.unit;
      decimals = print.decimals;
    }
  }
  return { unit, decimals: decimals >= 0 ? decimals : profile.amounts.decimals, halfStep };
}

function performanceGridOf(grid: GridInfo): PerformanceGrid {
  const project = projectName(grid.table);
  return {
    title: grid.titles[0]?.text ?? '项目支出绩效自评表',
    ...(project ? { project } : {}),
    blockIndex: grid.blockIndex,
    location: grid.table.location,
    table: grid.table,
  };
}

/**
 * Whether a grid no profile table took is a table of a disclosure. A grid of bare figures without
 * a 表号 (a chart's data labels under its caption 「…（单位：万元）」 in a PDF) has no header and
 * no row labels: it is not a table of any profile.
 */
function looksLikeDisclosure(grid: GridInfo): boolean {
  const labelled = grid.table.rows.some((r) => r.some((c) => /[^\d\s.,%\-+]/.test(cellText(c))));
  return (
    grid.number !== undefined ||
    (labelled &&
      (grid.unitText !== undefined || (grid.amountCells >= 2 && grid.titles.some((t) => /表$/.test(t.norm)))))
  );
}

/** A printed table the chosen profile has no place for, with the other profile's table it is, if any. */
function unknownTableOf(grid: GridInfo, chosen: Evaluated, all: Evaluated[]): UnknownTable {
  const own = chosen.candidates
    .filter((c) => c.grid === grid && c.score >= MIN_SCORE)
    .sort((a, b) => b.score - a.score)[0];
  let variant: UnknownTable['variant'];
  for (const other of all) {
    if (other === chosen) continue;
    for (const c of other.candidates) {
      if (c.grid !== grid) continue;
      const title = titleScore(grid, c.def);
      if (!title || title.score < 0.99) continue;
      if (!variant || c.score > variant.score) {
        variant = {
          profile: other.profile.id,
          table: c.def.id,
          number: c.def.number,
          title: c.def.title,
          score: round3(c.score),
        };
      }
    }
  }
  return {
    ...(grid.titles[0] ? { title: stripMarkup(grid.titles[0].text).trim() } : {}),
    ...(grid.number ? { number: grid.number.text } : {}),
    blockIndex: grid.blockIndex,
    location: grid.table.location,
    rows: grid.table.rows.length,
    ...(variant ? { variant } : {}),
    ...(own ? { duplicateOf: own.def.id } : {}),
  };
}

/** Another profile's table that a grid fits, with that profile as printed in the document's year. */
interface OtherTypeCandidate extends Candidate {
  profile: Profile;
}

/**
 * How well a grid must fit another profile's table to be read as it: its title, 表号 or header and
 * rows must agree, not just its neighbourhood; a table the profile does not print is checked by
 * rules the department may never have been held to, so a guess is worse than leaving it unknown.
 */
const OTHER_TYPE_MIN_SCORE = 0.6;

/**
 * The grids the chosen profile has no table for, each tried against the printed tables of the other
 * profiles given (those covering the document's year, and the generic layout). A grid is the other
 * table that fits it best when that one fits well, better than any of the chosen profile's tables,
 * and its printed title names that table more closely than theirs: a grid without a title of its
 * own, or titled as one of the profile's tables, is a repeat or a part of that table (a page of it
 * that could not be joined), and checked alone it would fail every total. Each other table takes
 * one grid; on a tie the generic layout's table.
 */
function matchOtherTypes(
  grids: readonly GridInfo[],
  chosen: Evaluated,
  profiles: readonly Profile[],
  year: number | undefined,
  analyses: GridAnalyses,
): Map<GridInfo, OtherTypeCandidate> {
  const assigned = new Set([...chosen.assigned.values()].map((c) => c.grid));
  const candidates: OtherTypeCandidate[] = [];
  for (const grid of grids) {
    if (grid.performance || assigned.has(grid) || !looksLikeDisclosure(grid)) continue;
    const own = chosen.candidates.filter((c) => c.grid === grid);
    const floor = Math.max(OTHER_TYPE_MIN_SCORE, ...own.map((c) => c.score));
    const ownTitle = Math.max(0, ...own.map((c) => titleScore(grid, c.def)?.score ?? 0));
    for (const profile of profiles) {
      for (const def of profile.tableDefs.filter((d) => d.printed)) {
        if ((titleScore(grid, def)?.score ?? 0) <= ownTitle) continue;
        const candidate = scoreCandidate(grid, def, analyses, year ?? profile.year);
        if (candidate.score > floor) candidates.push({ ...candidate, profile });
      }
    }
  }
  candidates.sort((a, b) => b.score - a.score || Number(b.profile.generic) - Number(a.profile.generic));
  const matches = new Map<GridInfo, OtherTypeCandidate>();
  const taken = new Set<string>();
  for (const c of candidates) {
    const key = `${c.profile.id}:${c.def.id}`;
    if (matches.has(c.grid) || taken.has(key)) continue;
    matches.set(c.grid, c);
    taken.add(key);
  }
  return matches;
}

/** The grid read as the other profile's table, under the id `<profile>:<table>` (sichuan:T09G). */
function otherTypeTable(match: OtherTypeCandidate, year: number | undefined): OtherTypeTable {
  const { table } = recognizeTable(match.def, match, match.profile, year);
  const id = `${match.profile.id}:${match.def.id}`;
  return {
    ...table,
    id,
    view: { ...table.view, id },
    why: [`口径 ${match.profile.id} 的${match.def.number}「${match.def.title}」`, ...table.why],
    definedBy: { profile: match.profile, def: match.def },
  };
}

/**
 * A table of another profile's type as the chosen profile sees it: one it has no place for, with
 * the other profile's table it is (import lists its figures as not placed, naming that table).
 */
export function asUnknownTable(table: OtherTypeTable): UnknownTable {
  const { profile, def } = table.definedBy;
  return {
    ...(table.printedTitle ? { title: table.printedTitle } : {}),
    ...(table.printedNumber ? { number: table.printedNumber } : {}),
    blockIndex: table.blockIndex,
    location: table.location,
    rows: table.rows.length + table.unmatchedRows.length,
    variant: { profile: profile.id, table: def.id, number: def.number, title: def.title, score: table.score },
  };
}

/**
 * A grid taken for a table by its title and 表号 whose header and rows fit nothing, without a single
 * figure nor a statement that the table is empty: what text extraction made of a scan or of a font
 * without a text layer. Read as the table it would be a table of blanks, and every rule comparing
 * it with another table would report that table's figures as differences.
 */
function isUnreadable(candidate: Candidate): boolean {
  const { grid, def } = candidate;
  const analysis = analysisOf(candidate);
  return (
    grid.amountCells === 0 &&
    !analysis.rows.length &&
    !analysis.columns.length &&
    emptyStatement(grid, def) === undefined
  );
}

/** R-07: a table printed under its heading whose grid cannot be read. */
function unreadableTableFinding({ grid, def }: Candidate): Finding {
  const number = grid.number?.text ?? def.number;
  return documentFinding({
    id: `R-07@${def.id}`,
    rule: 'R-07',
    category: 'structure',
    location: { ...grid.table.location, table: def.id, tableNumber: number },
    expected: '可读取文字的表格',
    found: '读不出内容的表格',
    message: `${number}「${printedTitle(grid, def) ?? def.title}」印出了表格，但读不出其内容：表头和各行都对应不到本表的栏和行，也没有一个数字（可能是扫描图片或文字提取出的乱码）；涉及本表的审核公式未执行。请提供表格为文字的版本`,
  });
}

/** R-02: the rows with figures that map onto no row of the profile's table, one finding per table. */
function unmatchedRowFindings(table: RecognizedTable, profile: Profile): Finding[] {
  const { view } = table;
  const rows = table.unmatchedRows.filter((u) => u.hasFigures);
  const first = rows[0];
  if (!first) return [];
  const unplaced = `对应不到口径 ${profile.id} 的任何行`;
  const what =
    rows.length === 1
      ? `中的一行「${first.text}」${unplaced}（${first.reason}），其数字未参与审核`
      : `中有 ${rows.length} 行${unplaced}，其数字未参与审核：${rows.map((u) => `「${u.text}」（${u.reason}）`).join('；')}`;
  return [
    documentFinding({
      id: `R-02@${table.id}`,
      rule: 'R-02',
      category: 'structure',
      location: {
        ...first.location,
        table: table.id,
        tableNumber: view.number,
        ...(rows.length === 1 ? { row: { label: first.text } } : {}),
      },
      found: rows.map((u) => u.text).join('；'),
      message: `${view.number}「${view.title}」${what}。请核对行名、行次或科目代码`,
    }),
  ];
}

/** R-01: a printed table of the profile the document lacks. */
function missingTableFinding(def: TableDef): Finding {
  return documentFinding({
    id: `R-01@${def.id}`,
    rule: 'R-01',
    category: 'structure',
    location: { table: def.id, tableNumber: def.number },
    expected: `${def.number}「${def.title}」`,
    found: '未找到',
    message: `缺少${def.number}「${def.title}」：文中按标题、表号、表头和行名都没有找到这张表（若该表以图片印出，请提供可读取文字的版本）；涉及本表的审核公式未执行`,
  });
}

/** R-03: a table that is not one of the profile's. */
function unknownTableFinding(u: UnknownTable, profile: Profile): Finding {
  const what = u.title ?? u.number ?? `第 ${u.blockIndex + 1} 块表格`;
  return documentFinding({
    id: `R-03@${u.blockIndex}`,
    rule: 'R-03',
    category: 'structure',
    location: { ...u.location, ...(u.number ? { tableNumber: u.number } : {}) },
    found: what,
    message:
      `「${what}」不是口径 ${profile.id} 的公开表` +
      (u.duplicateOf ? `（与已识别的 ${u.duplicateOf} 相似，可能重复印出）` : '') +
      (u.variant ? `；它是口径 ${u.variant.profile} 的${u.variant.number}「${u.variant.title}」` : '') +
      '；未参与审核',
  });
}

/** The title as printed when the print has one for this table, else the profile's. */
function printedTitle(grid: GridInfo, def: TableDef): string | undefined {
  const target = normalizeText(def.title);
  const best =
    grid.titles.find((t) => t.norm === target) ??
    grid.titles.find((t) => t.norm.includes(target)) ??
    grid.titles.find((t) => similarity(t.norm, target) >= 0.6);
  return best
    ? stripMarkup(best.text)
        .replace(/^#+\s*/, '')
        .trim()
    : undefined;
}

/**
 * The statement that the table has no data, wherever the print put it: in the notes under the grid
 * (one of them, or several a line break split), in a row of the grid, or between title and grid.
 */
function emptyStatement(grid: GridInfo, def: TableDef): string | undefined {
  const wanted = def.emptyStatement ? normalizeText(def.emptyStatement.replaceAll('{部门}', '')) : undefined;
  const rows = grid.table.rows
    .filter((row) => !row.some((c) => looksLikeAmount(c)))
    .map((row) => [...new Set(row.map((c) => cellText(c)).filter((c) => c !== ''))].join(''));
  const candidates = [...grid.notes, grid.notes.join(''), ...rows, grid.between.join('')];
  for (const text of candidates) {
    const norm = normalizeText(text).replace(/^(注:?)?\d?[.,]?/, '');
    if (norm && ((wanted && norm.includes(wanted)) || NO_DATA.test(norm))) return text;
  }
  return undefined;
}

function projectName(table: RawTable): string | undefined {
  for (const row of table.rows.slice(0, 3)) {
    const i = row.findIndex((c) => normalizeText(c) === '项目名称');
    if (i >= 0) {
      const name = row
        .slice(i + 1)
        .map((c) => cellText(c))
        .find((c) => c !== '');
      if (name) return name;
    }
  }
  return undefined;
}
