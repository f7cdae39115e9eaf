/**
 * 审核 of a data package: its profile's tables built from the package, the profile's rule
 * catalogue run over them (exact for 元 figures, with the printed-precision envelope for figures
 * known only as printed), classification checks, and written explanations applied.
 */
import type { Catalog } from './catalog';
import { checkCodes } from './code-checks';
import { consolidationFindings } from './consolidation/findings';
import { DATA_RULES } from './data-rules';
import { narrativeFindings } from './document/build';
import type { Glossary } from './document/glossary';
import type { NarrativeProfile } from './document/narrative-profile';
import { FactSet } from './fact-set';
import { type Finding, makeFinding } from './finding';
import { FEN_PER } from './money';
import type { AmountFormat, DataPackage } from './package';
import { checkPerformance } from './performance/check';
import type { PerformanceProfile } from './performance/profile';
import type { Profile } from './profile';
import type { CompiledCatalogue } from './rules/catalogue';
import { type RunSummary, runRules } from './rules/run';
import { buildTableViews, type RowView, type TableView } from './views';

export interface CheckContext {
  profile: Profile;
  catalog: Catalog;
  rules: CompiledCatalogue;
  /** With the profile's narrative and glossary, missing 主要原因 and other user text are warned about. */
  narrative?: NarrativeProfile;
  glossary?: Glossary;
  /** With the profile's scoring rules, the package's performance data are checked too (附表). */
  performance?: PerformanceProfile;
}

export interface CheckResult {
  views: TableView[];
  findings: Finding[];
  summary: RunSummary;
}

/**
 * Half of one written last digit, in 分: the uncertainty of a figure written with `decimals` in
 * `unit`. 0 when figures are exact to the 分 (元 with 2 decimals); 5,000 for 万元 with 2 decimals.
 */
export function halfStepOf(amounts: AmountFormat): bigint {
  const step = FEN_PER[amounts.unit] / 10n ** BigInt(amounts.decimals);
  return step <= 1n ? 0n : step / 2n;
}

/** Last year's figures seen through this year's profile, for 上年 references. */
export function priorPackage(pkg: DataPackage): DataPackage | undefined {
  if (!pkg.priorYear) return undefined;
  return {
    ...pkg,
    department: { ...pkg.department, year: pkg.department.year - 1 },
    facts: pkg.priorYear ?? new FactSet(),
    units: [],
    consolidated: false,
  };
}

/**
 * Printed tables the package reports nothing for, and that have no statement allowing them to be
 * empty (T07/T08 may be): the package cannot produce them at all.
 */
export function unreportedTables(views: readonly TableView[]): TableView[] {
  // A table with a non-zero figure reports something: only empty ones need their cells read.
  return views.filter(
    (view) =>
      view.empty &&
      view.printed &&
      !view.emptyStatement &&
      view.sections.every((s) => s.rows.every(reportsNothing)),
  );
}

function reportsNothing(row: RowView): boolean {
  for (const key in row.cells) if (row.cells[key]!.value !== undefined) return false;
  return true;
}

/** Tables each catalogue reads with 上年, worked out once per catalogue rather than per package. */
const priorTablesOf = new WeakMap<CompiledCatalogue, ReadonlySet<string>>();

function priorTablesRead(rules: CompiledCatalogue): ReadonlySet<string> {
  let tables = priorTablesOf.get(rules);
  if (!tables) {
    tables = new Set(rules.rules.flatMap((r) => r.formula.priorTables));
    priorTablesOf.set(rules, tables);
  }
  return tables;
}

function unreportedFinding(view: TableView): Finding {
  const rule = DATA_RULES['D-01'];
  return makeFinding({
    id: `${rule.id}@${view.id}`,
    rule: rule.id,
    severity: rule.severity,
    category: 'intra',
    title: rule.title,
    places: [{ kind: 'cell', table: view.id, tableNumber: view.number, address: view.id }],
    message: `${view.number}「${view.title}」没有任何数据：数据包未填报本表的数据，无法生成该表；请补录。涉及本表的审核公式已跳过`,
  });
}

export function checkPackage(pkg: DataPackage, context: CheckContext): CheckResult {
  const views = buildTableViews(pkg, context);
  const missing = unreportedTables(views);
  const missingIds = new Set(missing.map((v) => v.id));
  const runnable = missingIds.size
    ? context.rules.rules.filter((r) => !r.formula.tables.some((t) => missingIds.has(t)))
    : context.rules.rules;
  const prior = priorPackage(pkg);
  // Only the tables a rule reads with 上年. are built for last year.
  const priorTables = priorTablesRead(context.rules);
  const priorViews = prior && priorTables.size ? buildTableViews(prior, context, priorTables) : undefined;
  const halfStep = halfStepOf(pkg.amounts);
  const result = runRules(runnable, {
    views,
    ...(priorViews ? { priorViews } : {}),
    halfStep,
    priorHalfStep: halfStepOf(pkg.priorAmounts ?? pkg.amounts),
    explanations: pkg.explanations,
    amounts: pkg.amounts,
    year: pkg.department.year,
  });
  const codeFindings = checkCodes(views, context.catalog, pkg.department.year).map((f) =>
    pkg.explanations[f.id] !== undefined && f.severity === 'warning'
      ? { ...f, explained: pkg.explanations[f.id]! }
      : f,
  );
  const { narrative, glossary } = context;
  const textFindings =
    narrative && glossary ? narrativeFindings(pkg, { ...context, narrative, glossary }) : [];
  const scoreFindings =
    context.performance && pkg.performance ? checkPerformance(pkg, context.performance) : [];
  const extra = [
    ...missing.map(unreportedFinding),
    ...consolidationFindings(pkg, views),
    ...codeFindings,
    ...textFindings,
    ...scoreFindings,
  ];
  const findings = [...result.findings, ...extra];
  const summary = {
    ...result.summary,
    counts: { ...result.summary.counts },
    skipped: [
      ...result.summary.skipped,
      ...(missingIds.size ? context.rules.rules : [])
        .filter((r) => !runnable.includes(r))
        .map((r) => ({
          ruleId: r.def.id,
          reason: `涉及未填报的 ${r.formula.tables.filter((t) => missingIds.has(t)).join('、')}`,
        })),
    ],
  };
  for (const f of extra) {
    if (f.explained !== undefined) summary.counts.accepted++;
    else summary.counts[f.severity]++;
  }
  summary.clean =
    summary.counts.error === 0 && summary.counts.warning === 0 && summary.ruleErrors.length === 0;
  return { views, findings, summary };
}
