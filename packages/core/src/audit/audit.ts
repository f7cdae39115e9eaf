/**
 * 审读 of a published document: recognition onto a profile, the profile's rule catalogue over the
 * printed tables (with the envelope of their printed precision), classification checks on the
 * printed names, missing and unknown tables, narrative claims against the tables, 名词解释 and
 * table references — every finding with its place in the document.
 */
import { addToGroup, pushAll } from '../arrays';
import type { Catalog } from '../catalog';
import { halfStepOf } from '../check';
import { checkCodes } from '../code-checks';
import {
  type CellPlace,
  cellPlaces,
  countFindings,
  type Finding,
  mainCell,
  SEVERITY_ORDER,
} from '../finding';
import { isMoneyUnit } from '../money';
import type { Profile } from '../profile';
import type { CompiledCatalogue, CompiledRule } from '../rules/catalogue';
import { type RunSummary, runRules } from '../rules/run';
import type { TableView } from '../views';
import { type CheckedClaim, checkClaims } from './claim-check';
import { extractClaims, narrativeText } from './claims';
import type { ClaimsProfile } from './claims-profile';
import { type DocumentKind, documentKind } from './document-kind';
import {
  auditedAsFinalAccounts,
  notFinalAccountsFinding,
  tablesNotInTextFinding,
} from './document-kind-findings';
import { registeredFinding, withReadPlace } from './findings';
import { checkIdentity } from './identity';
import { unprintedCell } from './layout-variants';
import { checkNarrativeSelf } from './narrative-self';
import { checkOtherTypeTables } from './other-types';
import { withPerformanceLayouts } from './performance-flat';
import type { RawDocument, RawLocation } from './raw';
import {
  type PerformanceGrid,
  type ProfileMatch,
  type RecognizedDocument,
  type RecognizedTable,
  recognizeDocument,
  type UnknownTable,
} from './recognize';
import { checkGlossary, checkTableReferences } from './text-checks';
import { printedResult, readTraditional } from './traditional-reading';

/**
 * The hook for 项目支出绩效自评表 found in the document: the performance checks (another module)
 * receive the raw grids and return findings. Absent: the tables are listed, not checked.
 */
export type PerformanceCheck = (
  tables: readonly PerformanceGrid[],
  context: { profile: Profile; year: number; raw: RawDocument },
) => Finding[];

export interface AuditContext {
  profiles: readonly Profile[];
  catalog: Catalog;
  /** The compiled rule catalogue of a profile. */
  rules: (profile: Profile) => CompiledCatalogue;
  /** The narrative claims of a profile (profiles/<id>/claims.json), when it has them. */
  claims?: (profile: Profile) => ClaimsProfile | undefined;
  /** Use this profile instead of choosing one. */
  profile?: string;
  /** The profile's tables as printed in a year it covers. */
  forYear?: (profile: Profile, year: number) => Profile;
  checkPerformance?: PerformanceCheck;
}

export interface AuditTable {
  id: string;
  number: string;
  title: string;
  unit: string;
  confidence: number;
  score: number;
  why: string[];
  location: RawLocation;
  rows: number;
  unmatchedRows: RecognizedTable['unmatchedRows'];
  columns: { key: string; label: string; no?: number; gridColumn: number; by: string; confidence: number }[];
  warnings: string[];
  view: TableView;
  /** For a table of another profile's type: that profile and its table, whose rules checked it. */
  definedBy?: { profile: string; table: string; number: string; title: string };
}

export interface AuditSummary {
  counts: Record<'error' | 'warning' | 'info', number>;
  tablesRecognised: number;
  tablesExpected: number;
  rulesRun: number;
  checks: number;
  skipped: RunSummary['skipped'];
  ruleErrors: RunSummary['ruleErrors'];
  claims: Record<CheckedClaim['status'], number> & { total: number };
  /** The performance tables were handed to the performance checks. */
  performanceChecked: boolean;
}

export interface AuditResult {
  file: string;
  format: RawDocument['format'];
  profile: ProfileMatch;
  candidates: ProfileMatch[];
  year: number;
  /** What the document is (部门决算, 部门预算, 绩效自评报告, …) and the lines that say so. */
  documentKind: DocumentKind;
  tables: AuditTable[];
  /** Tables the profile does not print, recognised as another profile's table type (id `<profile>:<table>`). */
  otherTypeTables: AuditTable[];
  missingTables: { id: string; number: string; title: string }[];
  unknownTables: UnknownTable[];
  performanceTables: { title: string; project?: string; location: RawLocation }[];
  claims: CheckedClaim[];
  /** 情况说明数据 as the narrative states it (S01). */
  sideTable?: TableView;
  findings: Finding[];
  summary: AuditSummary;
  readerWarnings: string[];
}

/** The document recognised onto a profile, with its performance tables in every layout. */
function recognize(raw: RawDocument, context: AuditContext): RecognizedDocument {
  const recognized = recognizeDocument(raw, {
    profiles: context.profiles,
    catalog: context.catalog,
    ...(context.profile ? { profile: context.profile } : {}),
    ...(context.forYear ? { forYear: context.forYear } : {}),
  });
  return withPerformanceLayouts(recognized, raw);
}

export function auditDocument(raw: RawDocument, context: AuditContext): AuditResult {
  const traditional = readTraditional(raw);
  if (!traditional) return auditReadable(raw, context);
  return printedResult(auditReadable(traditional.simplified, context), traditional.printed);
}

/** The audit of a document in simplified characters (a traditional one is converted first). */
function auditReadable(raw: RawDocument, context: AuditContext): AuditResult {
  const recognized = recognize(raw, context);
  const kind = documentKind(raw);
  if (!auditedAsFinalAccounts(kind)) return auditNotFinalAccounts(raw, recognized, kind, context);
  const { profile } = recognized;
  const year = recognized.year ?? profile.year;
  const views = [...recognized.tables, ...recognized.otherTypeTables].map((t) => t.view);
  // A 决算 whose tables are all elsewhere (attachments, an excerpt) gets one R-06, not an R-01 per table.
  const tablesAbsent = recognized.tables.length === 0 && recognized.missing.length > 0;
  const findings: Finding[] = tablesAbsent
    ? [
        ...recognized.findings.filter((f) => f.rule !== 'R-01'),
        tablesNotInTextFinding(raw, recognized.missing),
      ]
    : [...recognized.findings];

  // Narrative claims first: they also give S01, which some rules read.
  const claimsProfile = context.claims?.(profile);
  const narrative = claimsProfile
    ? auditNarrative(raw, recognized, claimsProfile, context.catalog, year)
    : undefined;
  const checked = narrative?.claims ?? [];
  const sideTable = narrative?.sideTable;
  if (narrative) pushAll(findings, narrative.findings);

  // The rule catalogue over the printed tables.
  const rules = runTableRules(context, recognized, year, sideTable, claimsProfile);
  const locations = rowLocations(recognized);
  // With them the classification checks on the printed 科目 names (a stale name is a real error).
  const tableFindings = [
    ...foldBlankTotals(rules.findings, views),
    ...checkCodes(views, context.catalog, year),
  ];
  pushAll(
    findings,
    tableFindings.map((f) => fromRule(f, locations)),
  );

  if (claimsProfile) {
    pushAll(findings, checkGlossary(narrative?.glossary ?? [], views, context.catalog, year, claimsProfile));
  }
  pushAll(findings, checkTableReferences(narrative?.paragraphs ?? [], recognized.tables, profile));
  pushAll(findings, checkIdentity(raw, kind, recognized));

  let performanceChecked = false;
  if (context.checkPerformance && recognized.performanceTables.length) {
    pushAll(findings, context.checkPerformance(recognized.performanceTables, { profile, year, raw }));
    performanceChecked = true;
  }

  findings.sort(inReadingOrder);
  const claimCounts = { ok: 0, mismatch: 0, format: 0, unverifiable: 0, total: checked.length };
  for (const c of checked) claimCounts[c.status]++;
  return {
    file: raw.file,
    format: raw.format,
    profile: recognized.match,
    candidates: recognized.candidates,
    year,
    documentKind: kind,
    ...auditTables(recognized),
    missingTables: recognized.missing.map((d) => ({ id: d.id, number: d.number, title: d.title })),
    unknownTables: recognized.unknownTables,
    performanceTables: recognized.performanceTables.map(performanceTableOf),
    claims: checked,
    ...(sideTable ? { sideTable } : {}),
    findings,
    summary: {
      counts: countFindings(findings),
      tablesRecognised: recognized.tables.length,
      tablesExpected: profile.tableDefs.filter((d) => d.printed).length,
      rulesRun: rules.summary.rulesRun,
      checks: rules.summary.checks,
      ...rowsNotPrinted(rules.summary, profile),
      claims: claimCounts,
      performanceChecked,
    },
    readerWarnings: raw.warnings,
  };
}

/** The narrative read from the document, its claims checked against the tables and against each other. */
function auditNarrative(
  raw: RawDocument,
  recognized: RecognizedDocument,
  claimsProfile: ClaimsProfile,
  catalog: Catalog,
  year: number,
) {
  const { profile } = recognized;
  const views = recognized.tables.map((t) => t.view);
  const narrative = narrativeText(raw, recognized.tableText, claimsProfile);
  const claims = extractClaims(narrative.sentences, claimsProfile, { catalog, year });
  const halfSteps = new Map(recognized.tables.map((t) => [t.id, t.halfStep]));
  const result = checkClaims(claims, { profile, claims: claimsProfile, views, halfSteps });
  const own = checkNarrativeSelf({
    claims: result.claims,
    sentences: narrative.sentences,
    profile: claimsProfile,
    views,
  });
  return {
    ...result,
    findings: [...result.findings, ...own],
    glossary: narrative.glossary,
    paragraphs: narrative.paragraphs,
  };
}

/**
 * The profile's rules over its printed tables, and each table of another profile's type by that
 * profile's rules for the table alone.
 */
function runTableRules(
  context: AuditContext,
  recognized: RecognizedDocument,
  year: number,
  sideTable: TableView | undefined,
  claimsProfile: ClaimsProfile | undefined,
): { findings: Finding[]; summary: Pick<RunSummary, 'rulesRun' | 'checks' | 'skipped' | 'ruleErrors'> } {
  const own = runProfileRules(context.rules(recognized.profile), recognized, year, sideTable, claimsProfile);
  const amounts = { unit: recognized.precision.unit, decimals: 2 };
  const other = checkOtherTypeTables(recognized.otherTypeTables, context.rules, { year, amounts });
  return {
    findings: [...own.findings, ...other.findings],
    summary: {
      rulesRun: own.summary.rulesRun + other.summary.rulesRun,
      checks: own.summary.checks + other.summary.checks,
      skipped: [...own.summary.skipped, ...other.summary.skipped],
      ruleErrors: [...own.summary.ruleErrors, ...other.summary.ruleErrors],
    },
  };
}

/**
 * The profile's rules over the printed tables; the rules that read S01 also over the narrative's
 * own figures, when it states them.
 */
function runProfileRules(
  catalogue: CompiledCatalogue,
  recognized: RecognizedDocument,
  year: number,
  sideTable: TableView | undefined,
  claimsProfile: ClaimsProfile | undefined,
): { findings: Finding[]; summary: Pick<RunSummary, 'rulesRun' | 'checks' | 'skipped' | 'ruleErrors'> } {
  const views = recognized.tables.map((t) => t.view);
  const usesSide = (r: CompiledRule) => r.formula.tables.includes('S01');
  const tableRules = catalogue.rules.filter((r) => !usesSide(r));
  const sideRules = catalogue.rules.filter(usesSide);
  const amounts = { unit: recognized.precision.unit, decimals: 2 };
  // Each table's figures stand for the interval its own printing gives (12,345 元 ±0.5 元 beside
  // 1.35 万元 ±50 元), so a 元 table is not checked with a 万元 table's tolerance.
  const tableHalfSteps = new Map(recognized.tables.map((t) => [t.id, t.halfStep]));
  const tableAmounts = new Map(
    recognized.tables.flatMap((t) => (isMoneyUnit(t.unit) ? [[t.id, { unit: t.unit, decimals: 2 }]] : [])),
  );
  const precision = { halfStep: recognized.precision.halfStep, tableHalfSteps, tableAmounts };
  const main = runRules(tableRules, { views, ...precision, amounts, year });
  let ruleFindings = main.findings;
  const summary = {
    ...main.summary,
    skipped: [...main.summary.skipped],
    ruleErrors: [...main.summary.ruleErrors],
  };
  if (sideRules.length) {
    if (sideTable && claimsProfile) {
      // Side data is as precise as the narrative prints it; the envelope is the wider of the two.
      const narrativeHalf = halfStepOf({
        unit: claimsProfile.narrative.unit,
        decimals: claimsProfile.narrative.decimals,
      });
      let halfStep = recognized.precision.halfStep;
      if (narrativeHalf > halfStep) halfStep = narrativeHalf;
      const side = runRules(sideRules, {
        views: [...views, sideTable],
        halfStep,
        tableHalfSteps,
        tableAmounts,
        amounts,
        year,
      });
      // The narrative states only some of S01; a rule that reads a figure it does not state has nothing to check.
      ruleFindings = [
        ...ruleFindings,
        ...side.findings.filter(
          (f) => !cellPlaces(f).some((c) => c.table === 'S01' && c.value === undefined && !c.na),
        ),
      ];
      summary.rulesRun += side.summary.rulesRun;
      summary.checks += side.summary.checks;
      pushAll(summary.skipped, side.summary.skipped);
      pushAll(summary.ruleErrors, side.summary.ruleErrors);
    } else {
      for (const r of sideRules)
        summary.skipped.push({ ruleId: r.def.id, reason: '情况说明中没有读到所需的数' });
    }
  }
  // A table printed in the other orientation shows only some of the layout's cells; a rule that
  // reads one it does not show has nothing to check there.
  const turned = new Map(recognized.tables.filter((t) => t.turned).map((t) => [t.id, t.view]));
  const findings: Finding[] = [];
  for (const finding of ruleFindings) {
    const unprinted = unprintedCell(finding, turned);
    if (!unprinted) findings.push(finding);
    else if (!summary.skipped.some((s) => s.ruleId === finding.rule && s.reason === unprinted)) {
      summary.skipped.push({ ruleId: finding.rule, reason: unprinted });
    }
  }
  return { findings, summary };
}

/** Errors first, then as the document reads (page, line), then by rule. */
function inReadingOrder(a: Finding, b: Finding): number {
  return (
    SEVERITY_ORDER[a.severity] - SEVERITY_ORDER[b.severity] ||
    (readAt(a).page ?? 0) - (readAt(b).page ?? 0) ||
    (readAt(a).line ?? 0) - (readAt(b).line ?? 0) ||
    a.rule.localeCompare(b.rule)
  );
}

/**
 * A document that is not a 部门决算 (a budget, a 绩效 report on its own) is said to be what it is and
 * no 决算 rule runs on it; a 绩效 report's 绩效自评表 are checked by the performance rules.
 */
function auditNotFinalAccounts(
  raw: RawDocument,
  recognized: RecognizedDocument,
  kind: DocumentKind,
  context: AuditContext,
): AuditResult {
  const { profile } = recognized;
  const printedYear = kind.year ?? recognized.year;
  const year = printedYear ?? profile.year;
  const performance = kind.kind === 'performance' ? recognized.performanceTables : [];
  const checkPerformance = performance.length ? context.checkPerformance : undefined;
  const findings = [
    notFinalAccountsFinding(kind, printedYear, checkPerformance ? performance.length : 0),
    ...(checkPerformance?.(performance, { profile, year, raw }) ?? []),
  ];
  return {
    file: raw.file,
    format: raw.format,
    profile: recognized.match,
    candidates: recognized.candidates,
    year,
    documentKind: kind,
    tables: [],
    otherTypeTables: [],
    missingTables: [],
    unknownTables: [],
    performanceTables: performance.map(performanceTableOf),
    claims: [],
    findings,
    summary: {
      counts: countFindings(findings),
      tablesRecognised: 0,
      tablesExpected: 0,
      rulesRun: 0,
      checks: 0,
      skipped: [],
      ruleErrors: [],
      claims: { ok: 0, mismatch: 0, format: 0, unverifiable: 0, total: 0 },
      performanceChecked: checkPerformance !== undefined,
    },
    readerWarnings: raw.warnings,
  };
}

function performanceTableOf(p: PerformanceGrid): AuditResult['performanceTables'][number] {
  return { title: p.title, ...(p.project ? { project: p.project } : {}), location: p.location };
}

/** Which other profile's table a table of another type is read as: 口径 sichuan 的表十二. */
export function otherTypeText(table: AuditTable): string {
  const origin = table.definedBy;
  return origin ? `口径 ${origin.profile} 的${origin.number}` : '';
}

/** The profile's tables as recognised, and the tables of other profiles' types. */
function auditTables(recognized: RecognizedDocument): Pick<AuditResult, 'tables' | 'otherTypeTables'> {
  return {
    tables: recognized.tables.map(auditTable),
    otherTypeTables: recognized.otherTypeTables.map(auditTable),
  };
}

function auditTable(t: RecognizedTable): AuditTable {
  return {
    id: t.id,
    number: t.view.number,
    title: t.view.title,
    unit: t.unit,
    confidence: t.confidence,
    score: t.score,
    why: t.why,
    location: t.location,
    rows: t.rows.length,
    unmatchedRows: t.unmatchedRows,
    columns: t.columns.map((c) => ({
      key: c.key,
      label: c.label,
      ...(c.no !== undefined ? { no: c.no } : {}),
      gridColumn: c.gridColumn,
      by: c.by,
      confidence: c.confidence,
    })),
    warnings: t.warnings,
    view: t.view,
    ...(t.definedBy
      ? {
          definedBy: {
            profile: t.definedBy.profile.id,
            table: t.definedBy.def.id,
            number: t.definedBy.def.number,
            title: t.definedBy.def.title,
          },
        }
      : {}),
  };
}

function rowLocations(recognized: RecognizedDocument): Map<string, RawLocation> {
  const map = new Map<string, RawLocation>();
  for (const t of [...recognized.tables, ...recognized.otherTypeTables]) {
    map.set(t.id, t.location);
    for (const r of t.rows) map.set(`${t.id}|${r.key}`, r.location);
  }
  return map;
}

function fromRule(f: Finding, locations: Map<string, RawLocation>): Finding {
  const cell = mainCell(f);
  return withReadPlace(
    f,
    cell?.table !== undefined ? (locations.get(rowKeyOf(cell)) ?? locations.get(cell.table)) : undefined,
  );
}

/** Page and line a finding was read at, for ordering findings as the document reads. */
function readAt(f: Finding): { page?: number; line?: number } {
  return f.places.find((p) => p.kind !== 'cell') ?? {};
}

const rowKeyOf = (c: CellPlace): string => `${c.table}|${c.row?.key ?? ''}`;

/**
 * A total row printed blank (公开03表 合计 in the Jingdezhen sample) makes every rule that adds up
 * to it fail as if it were 0. Those failures say nothing new: they are folded into the finding
 * about the blank row (or one is made), with the list of checks it stopped.
 */
function foldBlankTotals(findings: readonly Finding[], views: readonly TableView[]): Finding[] {
  const blank = new Map<string, { table: TableView; row: string }>();
  for (const view of views) {
    if (view.empty) continue;
    for (const section of view.sections) {
      for (const row of section.rows) {
        const cells = Object.values(row.cells).filter((c) => !c.na);
        if (row.blank || !cells.length || cells.some((c) => c.value !== undefined)) continue;
        // An unlabelled row is named by its 行次, never by its key.
        const name = row.label ? `「${row.label}」行` : row.line !== undefined ? `第${row.line}行` : '有一行';
        blank.set(`${view.id}|${row.key}`, { table: view, row: name });
      }
    }
  }
  if (!blank.size) return [...findings];
  const consequences = new Map<string, Finding[]>();
  const kept: Finding[] = [];
  for (const f of findings) {
    const sideUnprinted = f.found?.text.startsWith('未填报') || f.expected?.text.startsWith('未填报');
    const inBlank = cellPlaces(f)
      .filter((c) => c.value === undefined && !c.na && !c.row?.missing && !c.prior)
      .map(rowKeyOf)
      .filter((k) => blank.has(k));
    if (sideUnprinted && inBlank.length) {
      const key = inBlank[0]!;
      addToGroup(consequences, key, f);
    } else {
      kept.push(f);
    }
  }
  for (const [key, list] of consequences) {
    const ids = [...new Set(list.map((f) => f.rule))].join('、');
    const note = `（该行空白，另有 ${list.length} 项核对因此不通过：${ids}）`;
    const owner = kept.find((f) => cellPlaces(f).some((c) => rowKeyOf(c) === key));
    if (owner) {
      owner.message += note;
      continue;
    }
    const { table, row } = blank.get(key)!;
    const first = list[0]!;
    const { column: _column, ...cell } = cellPlaces(first).find((c) => rowKeyOf(c) === key)!;
    kept.push(
      registeredFinding({
        id: `R-04@${key.replace('|', '[')}]`,
        rule: 'R-04',
        category: 'intra',
        places: [cell],
        message: `${table.number}${row}整行未印数字，而表中其他行有数${note}`,
      }),
    );
  }
  return kept;
}

/**
 * A rule that reads a row the printed table does not have (not printed, or not read) cannot run
 * there: it is listed as skipped with the row as the table prints it, not as a mistake of the rule.
 */
function rowsNotPrinted(
  summary: Pick<RunSummary, 'skipped' | 'ruleErrors'>,
  profile: Profile,
): Pick<AuditSummary, 'skipped' | 'ruleErrors'> {
  const skipped = [...summary.skipped];
  const ruleErrors: RunSummary['ruleErrors'] = [];
  for (const error of summary.ruleErrors) {
    if (!error.missingRow) {
      ruleErrors.push(error);
      continue;
    }
    const reason = `${missingRowText(error.missingRow, profile)}，本规则未运行`;
    if (!skipped.some((s) => s.ruleId === error.ruleId && s.reason === reason)) {
      skipped.push({ ruleId: error.ruleId, reason });
    }
  }
  return { skipped, ruleErrors };
}

function missingRowText(
  missing: NonNullable<RunSummary['ruleErrors'][number]['missingRow']>,
  profile: Profile,
): string {
  const def = profile.tableDefs.find((d) => d.id === missing.table);
  const row = def?.sections
    .flatMap((s) => s.rows)
    .find(
      (r) =>
        !('codeRows' in r) &&
        ((missing.line !== undefined && r.line === missing.line) ||
          (missing.key !== undefined && (r.key ?? r.code ?? `L${r.line}`) === missing.key) ||
          (missing.code !== undefined && r.code === missing.code)),
    );
  const fixed = row && !('codeRows' in row) ? row : undefined;
  // A table printed as one unlabelled row of figures (上海表七) names that row by what it holds.
  const name = fixed?.label
    ? fixed.line !== undefined
      ? `第${fixed.line}行「${fixed.label}」`
      : `「${fixed.label}」行`
    : missing.code !== undefined
      ? `科目「${missing.code}」的行`
      : missing.line !== undefined
        ? `第${missing.line}行`
        : fixed
          ? '数字行'
          : '规则所需的行';
  return `${def?.number ?? '表'}中没有识别出${name}`;
}
