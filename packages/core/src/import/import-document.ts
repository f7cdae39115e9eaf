/**
 * 导入: a department's own tables (the XLSX its 决算 software exports, an office's Excel laid out like
 * the disclosure tables, or its published PDF/DOCX/HTML) read into a data package. The documents are
 * recognised exactly as the audit recognises them and every figure a recognised table prints becomes
 * the fact its cell shows, at the precision it is printed in. Nothing is guessed: a figure that has
 * no place (a row or column the table type does not have, a table no profile has, the same fact
 * printed elsewhere with another value) is listed in the report with where it was read and why.
 */

import { pushAll } from '../arrays';
import { cellText, isNaCell, looksNumeric, readMoneyCell } from '../audit/cells';
import { type DocumentKind, documentKind } from '../audit/document-kind';
import type { RawDocument, RawLocation } from '../audit/raw';
import {
  asUnknownTable,
  type RecognizeContext,
  type RecognizedDocument,
  type RecognizedTable,
  recognizeDocument,
} from '../audit/recognize';
import type { Catalog } from '../catalog';
import { halfStepOf } from '../check';
import { FactSet } from '../fact-set';
import { FEN_PER, isMoneyUnit, type MoneyUnit } from '../money';
import type { AmountFormat, DataPackage } from '../package';
import type { Profile } from '../profile';
import { normalizeText } from '../text/normalize';
import type { CellView, RowView, TableView } from '../views';

/** A figure placed in the package: where it was printed and the fact it became. */
export interface PlacedCell {
  file: string;
  table: string;
  tableNumber: string;
  row: string;
  column: string;
  fact: string;
  /** The figure as printed. */
  text: string;
  location: RawLocation;
}

export type UnplacedReason =
  | 'unknown-code'
  | 'unknown-row'
  | 'not-a-number'
  | 'blank-row'
  | 'unknown-table'
  | 'split-table'
  | 'conflict';

/** A printed figure that is not in the package, with why. */
export interface UnplacedCell {
  file: string;
  reason: UnplacedReason;
  location: RawLocation;
  table?: string;
  tableNumber?: string;
  row?: string;
  column?: string;
  /** The cell or row as printed. */
  text: string;
  message: string;
}

export interface ImportedFile {
  file: string;
  format: RawDocument['format'];
  profile: string;
  profileScore: number;
  year?: number;
  documentKind: string;
  /** Profile tables recognised in the file, by id. */
  tables: string[];
}

export interface ImportReport {
  profile: string;
  year: number;
  department: string;
  amounts: AmountFormat;
  files: ImportedFile[];
  placed: PlacedCell[];
  unplaced: UnplacedCell[];
  /** Printed tables of the profile that no file holds. */
  missingTables: { id: string; number: string; title: string }[];
  /** What the import could read but does not carry (项目支出绩效自评表), and what readers worked around. */
  notes: string[];
}

/**
 * Why a file cannot be imported: it is another kind of document (a budget, a 绩效 report), no
 * 决算 table was recognised in it, or the files given together are of different years.
 */
export type RefusalReason = 'not-a-final-account' | 'no-tables' | 'years-differ';

/** A file that cannot be imported at all, with the reason as a code and in Chinese. */
export interface RefusedFile {
  file: string;
  reason: RefusalReason;
  message: string;
}

export type ImportResult =
  | { ok: true; package: DataPackage; report: ImportReport }
  | { ok: false; refused: RefusedFile[] };

interface Source {
  raw: RawDocument;
  kind: DocumentKind;
  recognized: RecognizedDocument;
}

/**
 * Reads several documents of one department and year into one package. The profile is the one
 * given, else the one the files together fit best (each file alone may be a single table that fits
 * several profiles).
 */
export function importDocuments(raws: readonly RawDocument[], context: RecognizeContext): ImportResult {
  const first = raws.map((raw) => ({
    raw,
    kind: documentKind(raw),
    recognized: recognizeDocument(raw, context),
  }));
  const best = context.profile ? { id: context.profile, alike: [] } : bestProfile(first);
  const profileId = best.id;
  const sources = first.map((s) =>
    s.recognized.profile.id === profileId
      ? s
      : { ...s, recognized: recognizeDocument(s.raw, { ...context, profile: profileId }) },
  );
  const refused = sources.flatMap((s) => refusal(s) ?? []);
  if (!refused.length && sources.every((s) => !s.recognized.tables.length)) {
    pushAll(
      refused,
      sources.map((s) => noTables(s.raw, s.recognized)),
    );
  }
  const years = [...new Set(sources.map(yearOf).filter((y): y is number => y !== undefined))];
  if (years.length > 1) {
    refused.push({
      file: sources.map((s) => s.raw.file).join('、'),
      reason: 'years-differ',
      message: `这些文件的年度不同（${years.join('、')} 年度），一个数据包只能是一个年度；请分别导入`,
    });
  }
  if (refused.length) return { ok: false, refused };
  const imported = assemble(sources, context.catalog, years[0]);
  if (best.alike.length) {
    imported.report.notes.unshift(
      `这些表同样符合口径 ${best.alike.join('、')}，按匹配度取了 ${profileId}；如不是，请用 --profile 指定口径`,
    );
  }
  return { ok: true, ...imported };
}

/** Profiles that fit the files about as well as the best one: the choice is then the user's to make. */
const CLOSE_MATCH = 0.02;

/** The profile the files fit best together, and the others that fit them as well. */
function bestProfile(sources: readonly Source[]): { id: string; alike: string[] } {
  const totals = new Map<string, number>();
  for (const s of sources) {
    for (const c of s.recognized.candidates) totals.set(c.id, (totals.get(c.id) ?? 0) + c.score);
  }
  const ranked = [...totals].sort((a, b) => b[1] - a[1]);
  const [id, score] = ranked[0]!;
  const alike = ranked.slice(1).filter(([, other]) => score - other <= CLOSE_MATCH * sources.length);
  return { id, alike: alike.map(([other]) => other) };
}

function yearOf(s: Source): number | undefined {
  return s.recognized.year ?? s.kind.year;
}

/**
 * A file that is not part of a 部门决算: another kind of document, or one that neither names itself a
 * 决算 nor holds a table of the profile. A 决算's narrative without tables is welcome beside its
 * tables (it gives the department and year); a 决算 with no table in any file is refused.
 */
function refusal({ raw, kind, recognized }: Source): RefusedFile | undefined {
  if (kind.kind === 'budget' || kind.kind === 'performance') {
    return {
      file: raw.file,
      reason: 'not-a-final-account',
      message: `「${raw.file}」是${kind.label}，不是部门决算；只能导入部门决算公开表（依据：${kind.evidence[0]?.text ?? ''}）`,
    };
  }
  if (kind.kind === 'unknown' && !recognized.tables.length) return noTables(raw, recognized);
  return undefined;
}

function noTables(raw: RawDocument, recognized: RecognizedDocument): RefusedFile {
  const expected = recognized.profile.tableDefs
    .filter((d) => d.printed)
    .slice(0, 3)
    .map((d) => `「${d.title}」`)
    .join('、');
  return {
    file: raw.file,
    reason: 'no-tables',
    message: `「${raw.file}」中没有识别出部门决算公开表（口径 ${recognized.profile.id} 的${expected}等）；请提供决算软件导出的报表或按公开表样式排列的表格（标题、表号、单位行、表头与行名）`,
  };
}

interface Held {
  fen: bigint;
  halfStep: bigint;
  place: PlacedCell;
}

/** The facts read so far and the report's lists, filled table by table. */
interface Reading {
  catalog: Catalog;
  year: number;
  profile: Profile;
  held: Map<string, Held>;
  placed: PlacedCell[];
  unplaced: UnplacedCell[];
  /** The precision of every non-zero money figure placed. */
  precisions: AmountFormat[];
  notes: string[];
}

function assemble(
  sources: readonly Source[],
  catalog: Catalog,
  printedYear: number | undefined,
): { package: DataPackage; report: ImportReport } {
  const profile = sources[0]!.recognized.profile;
  const year = printedYear ?? profile.year;
  const reading: Reading = {
    catalog,
    year,
    profile,
    held: new Map(),
    placed: [],
    unplaced: [],
    precisions: [],
    notes: [],
  };
  for (const source of sources) readSource(source, reading);
  const { notes } = reading;
  if (printedYear === undefined)
    notes.push(`文件中没有读到年度（…年度），按口径 ${profile.id} 的 ${year} 年计`);
  const amounts = packageAmounts(reading.precisions, profile);
  const department = departmentName(sources);
  if (!department)
    notes.push('文件中没有读到部门名称（表上的“部门：”或封面标题），数据包中暂填“未识别部门”，请改正');
  const pkg: DataPackage = {
    department: { name: department ?? '未识别部门', year, profile: profile.id },
    amounts,
    units: [],
    facts: FactSet.from([...reading.held].map(([key, h]) => [key, h.fen] as const)),
    codeNames: { functional: {}, economic: {} },
    narrative: { duties: [], organization: [], reasons: {} },
    explanations: {},
    consolidated: false,
  };
  const found = new Set(sources.flatMap((s) => s.recognized.tables.map((t) => t.id)));
  const report: ImportReport = {
    profile: profile.id,
    year,
    department: pkg.department.name,
    amounts,
    files: sources.map(importedFile),
    placed: reading.placed,
    unplaced: reading.unplaced,
    missingTables: profile.tableDefs
      .filter((d) => d.printed && !found.has(d.id))
      .map((d) => ({ id: d.id, number: d.number, title: d.title })),
    notes,
  };
  return { package: pkg, report };
}

function importedFile(source: Source): ImportedFile {
  const { raw, kind, recognized } = source;
  const year = yearOf(source);
  return {
    file: raw.file,
    format: raw.format,
    profile: recognized.match.id,
    profileScore: recognized.match.score,
    ...(year !== undefined ? { year } : {}),
    documentKind: kind.label,
    tables: recognized.tables.map((t) => t.id),
  };
}

/** One file: its recognised tables' figures, the figures it prints elsewhere, what it holds besides. */
function readSource({ raw, recognized }: Source, reading: Reading): void {
  const { notes } = reading;
  for (const table of recognized.tables) {
    readTable(raw.file, table, reading);
    pushAll(reading.unplaced, unmatchedRows(raw.file, table, reading.year));
    pushAll(
      notes,
      table.warnings.map((w) => `${raw.file}：${w}`),
    );
  }
  pushAll(reading.unplaced, unknownTables(raw, recognized));
  if (!recognized.tables.length) notes.push(`${raw.file}：没有公开表，只从中读取部门名称与年度`);
  if (recognized.performanceTables.length) {
    notes.push(
      `${raw.file}：项目支出绩效自评表 ${recognized.performanceTables.length} 张未导入（导入只读取决算公开表；绩效数据请按数据包 performance 部分填写）`,
    );
  }
  pushAll(
    notes,
    raw.warnings.map((w) => `${raw.file}：${w}`),
  );
}

/** Every figure of a recognised table, placed as the fact its cell shows or reported with why not. */
function readTable(file: string, table: RecognizedTable, reading: Reading): void {
  const { catalog, year } = reading;
  const unit = moneyUnitOf(table, reading.profile);
  for (const figure of figuresOf(table.view)) {
    const place = placeOf(file, table, figure);
    const { code, classification } = figure.row;
    const { fact, value } = figure.cell;
    if (value === undefined) reading.unplaced.push(notANumber(place));
    else if (fact === undefined) reading.unplaced.push(blankRowFigure(place));
    else if (code && classification && !catalog.lookup(classification, code, year))
      reading.unplaced.push(unknownCodeFigure(place, code, year));
    else {
      const printed = figure.cell.kind === 'money' ? readMoneyCell(figure.cell.text, unit) : undefined;
      const amounts = printed?.kind === 'money' ? { unit, decimals: printed.decimals } : undefined;
      if (amounts && value !== 0n) reading.precisions.push(amounts);
      const candidate: Held = {
        fen: value,
        halfStep: amounts ? halfStepOf(amounts) : 0n,
        place: { ...place, fact },
      };
      const conflict = merge(reading.held, candidate);
      if (conflict) reading.unplaced.push(conflict);
      else reading.placed.push(candidate.place);
    }
  }
}

/** The unit a table's money cells were read in: as recognition reads them. */
function moneyUnitOf(table: RecognizedTable, profile: Profile): MoneyUnit {
  if (isMoneyUnit(table.unit)) return table.unit;
  const def = profile.tableDefs.find((d) => d.id === table.id);
  return isMoneyUnit(def?.unit) ? def.unit : profile.amounts.unit;
}

interface Figure {
  row: RowView;
  column: string;
  cell: CellView;
}

/** Every cell of a recognised table that prints something other than blank or “not applicable”. */
function figuresOf(view: TableView): Figure[] {
  const figures: Figure[] = [];
  for (const section of view.sections) {
    for (const row of section.rows) {
      for (const column of section.columns) {
        const cell = row.cells[column.key];
        if (!cell || cell.na || cellText(cell.text) === '' || isNaCell(cell.text)) continue;
        figures.push({ row, column: column.label, cell });
      }
    }
  }
  return figures;
}

function placeOf(file: string, table: RecognizedTable, figure: Figure): PlacedCell {
  const mapping = table.rows.find((r) => r.key === figure.row.key);
  const row = [
    figure.row.line !== undefined ? `第${figure.row.line}行` : '',
    figure.row.code ?? '',
    figure.row.label,
  ]
    .filter(Boolean)
    .join(' ');
  return {
    file,
    table: table.id,
    tableNumber: table.view.number,
    row,
    column: figure.column,
    fact: '',
    text: figure.cell.text,
    location: mapping?.location ?? table.location,
  };
}

/**
 * Adds a figure to the facts held. The same fact printed again agrees when the two printed figures
 * can be the same amount (1,234.56 万元 and 12,345,600.00 元); the finer one is kept. Otherwise the
 * later one is reported, never written over the earlier.
 */
function merge(held: Map<string, Held>, candidate: Held): UnplacedCell | undefined {
  const key = candidate.place.fact;
  const earlier = held.get(key);
  if (!earlier) {
    held.set(key, candidate);
    return undefined;
  }
  const gap = earlier.fen > candidate.fen ? earlier.fen - candidate.fen : candidate.fen - earlier.fen;
  if (gap <= earlier.halfStep + candidate.halfStep) {
    if (candidate.halfStep < earlier.halfStep) held.set(key, candidate);
    return undefined;
  }
  const { place } = candidate;
  const other = earlier.place;
  return {
    ...unplacedAt(place, 'conflict'),
    message: `${where(place)}印为 ${place.text}，而${other.file === place.file ? '' : `「${other.file}」`}${other.tableNumber}「${other.row}」${other.column}印为 ${other.text}，同一事实（${key}）两处数字不同；数据包保留先读到的 ${other.text}，请核对`,
  };
}

function where(place: PlacedCell): string {
  return `${place.tableNumber}「${place.row}」${place.column}`;
}

function unplacedAt(place: PlacedCell, reason: UnplacedReason): Omit<UnplacedCell, 'message'> {
  return {
    file: place.file,
    reason,
    location: place.location,
    table: place.table,
    tableNumber: place.tableNumber,
    row: place.row,
    column: place.column,
    text: place.text,
  };
}

function notANumber(place: PlacedCell): UnplacedCell {
  return {
    ...unplacedAt(place, 'not-a-number'),
    message: `${where(place)}印为 “${place.text}”，不是数字，未导入`,
  };
}

function blankRowFigure(place: PlacedCell): UnplacedCell {
  return {
    ...unplacedAt(place, 'blank-row'),
    message: `${where(place)}印有 ${place.text}，但该行在本表中不填数（空行），未导入`,
  };
}

function unknownCodeFigure(place: PlacedCell, code: string, year: number): UnplacedCell {
  return {
    ...unplacedAt(place, 'unknown-code'),
    message: `${where(place)}印有 ${place.text}，但科目代码 ${code} 不在 ${year} 年的政府收支分类科目中，未导入；请核对代码或年度`,
  };
}

/** Rows with figures that map onto no row of the table: an unknown 科目 for the year, or a row the table type does not have. */
function unmatchedRows(file: string, table: RecognizedTable, year: number): UnplacedCell[] {
  return table.unmatchedRows
    .filter((u) => u.hasFigures)
    .map((u) => {
      const code = u.unknownCode;
      const base = {
        file,
        location: u.location,
        table: table.id,
        tableNumber: table.view.number,
        row: u.text,
        text: u.text,
      };
      return code
        ? {
            ...base,
            reason: 'unknown-code' as const,
            message: `${table.view.number}「${u.text}」：科目代码 ${code} 不在 ${year} 年的政府收支分类科目中，该行数字未导入；请核对代码或年度`,
          }
        : {
            ...base,
            reason: 'unknown-row' as const,
            message: `${table.view.number}「${u.text}」不是「${table.view.title}」的行（行名、行次与科目代码都对应不到），该行数字未导入`,
          };
    });
}

/** Grids with figures that are not a table of the profile, each row with figures once. */
function unknownTables(raw: RawDocument, recognized: RecognizedDocument): UnplacedCell[] {
  const notImported = [...recognized.unknownTables, ...recognized.otherTypeTables.map(asUnknownTable)];
  return notImported.flatMap((u) => {
    const block = raw.blocks[u.blockIndex];
    if (block?.kind !== 'table') return [];
    const name = u.title ?? u.number ?? `第 ${u.blockIndex + 1} 块表格`;
    const why = u.duplicateOf
      ? `与已识别的${u.duplicateOf}相似，可能是它跨页或分块后未能接上的部分`
      : u.variant
        ? `它是口径 ${u.variant.profile} 的${u.variant.number}「${u.variant.title}」，不是口径 ${recognized.profile.id} 的表`
        : `不是口径 ${recognized.profile.id} 的公开表`;
    return block.rows.flatMap((cells, i) => {
      if (!cells.some((c) => looksNumeric(c) && /[1-9]/.test(c))) return [];
      const text = cells.map(cellText).filter(Boolean).join(' ');
      return [
        {
          file: raw.file,
          reason: u.duplicateOf ? ('split-table' as const) : ('unknown-table' as const),
          location: block.rowLocations[i] ?? u.location,
          text,
          message: `「${name}」的一行「${text.slice(0, 40)}」未导入：${why}`,
        },
      ];
    });
  });
}

/**
 * The precision the package keeps: the unit and decimals the figures are printed in; figures
 * printed in several units are kept in 元 with the decimals that hold every one of them.
 */
function packageAmounts(printed: readonly AmountFormat[], profile: Profile): AmountFormat {
  if (!printed.length) return { ...profile.amounts };
  const units = new Set(printed.map((p) => p.unit));
  const unit: MoneyUnit = units.size === 1 ? printed[0]!.unit : '元';
  // A figure with d decimals in a unit 10^k times the package's needs d − k decimals there.
  const shift = (from: MoneyUnit) => String(FEN_PER[from] / FEN_PER[unit]).length - 1;
  const decimals = Math.max(...printed.map((p) => Math.max(0, p.decimals - shift(p.unit))));
  return { unit, decimals };
}

/** The department as the tables name it (部门：…), else as the cover's title does (…2024年度部门决算). */
function departmentName(sources: readonly Source[]): string | undefined {
  for (const { recognized } of sources) {
    for (const t of recognized.tables) {
      // A page may set the year right after the name (部门：…2024 年度).
      const name = /[:：]\s*(.+)$/
        .exec(t.view.subject)?.[1]
        ?.replace(/\s*20\d{2}(?:\s*年度?)?\s*$/, '')
        .trim();
      if (name) return name;
    }
  }
  for (const { kind } of sources) {
    const title = kind.evidence.find((e) => e.role === 'title')?.text;
    const name = title && /^(.+?)\s*20\d{2}\s*年度?/.exec(normalizeText(title))?.[1];
    if (name) return name;
  }
  return undefined;
}
