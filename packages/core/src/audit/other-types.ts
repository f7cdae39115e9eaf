/**
 * A table printed beyond the chosen profile's set and recognised as another profile's table type
 * (recognize.ts: Sichuan's 政府性基金“三公” table in a document of the national layout) is checked
 * by the rules that profile has for that table alone: its sums and totals.
 *
 * Rules across tables are not run between tables of two profiles. The fact vocabulary would allow
 * it (Sichuan's 项目支出表 合计 and the national 表5's 项目支出 合计 are the same fact), but a rule
 * addresses tables, rows and columns of its own profile (T05P-02 reads Sichuan's T05), and the
 * document prints the chosen profile's tables in that profile's layout; checking across would mean
 * rebuilding the other profile's tables from the facts the printed ones show.
 */
import { pushAll } from '../arrays';
import type { CellPlace, Finding } from '../finding';
import type { AmountFormat } from '../package';
import type { Profile } from '../profile';
import type { CompiledCatalogue, CompiledRule } from '../rules/catalogue';
import { type RunSummary, runRules } from '../rules/run';
import type { OtherTypeTable } from './recognize';

export type OtherTypeRun = Pick<RunSummary, 'rulesRun' | 'checks' | 'skipped' | 'ruleErrors'>;

/**
 * Runs on each table of another type the rules its profile has for that table alone, each finding
 * marked with the type that checked it. A rule that asks for the statement an empty table must
 * carry is not run: it is the defining region's printing convention, not arithmetic, and a
 * department printing the table beyond its own set was never held to it.
 */
export function checkOtherTypeTables(
  tables: readonly OtherTypeTable[],
  rulesOf: (profile: Profile) => CompiledCatalogue,
  options: { year: number; amounts: AmountFormat },
): { findings: Finding[]; summary: OtherTypeRun } {
  const findings: Finding[] = [];
  const summary: OtherTypeRun = { rulesRun: 0, checks: 0, skipped: [], ruleErrors: [] };
  for (const table of tables) {
    const { profile, def } = table.definedBy;
    const rules = rulesOf(profile).rules.filter((rule) => readsTableAlone(rule, def.id));
    if (!rules.length) continue;
    const run = runRules(rules, {
      views: [{ ...table.view, id: def.id }],
      // As precise as this table prints, whatever the document's other tables do.
      halfStep: table.halfStep,
      amounts: options.amounts,
      year: options.year,
    });
    pushAll(
      findings,
      run.findings.map((f) => checkedAs(f, table)),
    );
    summary.rulesRun += run.summary.rulesRun;
    summary.checks += run.summary.checks;
    const key = (ruleId: string) => `${profile.id}:${ruleId}`;
    pushAll(
      summary.skipped,
      run.summary.skipped.map((s) => ({ ...s, ruleId: key(s.ruleId) })),
    );
    for (const error of run.summary.ruleErrors) {
      // A row the table does not print or that was not read: the rule has nothing to check.
      if (error.missingRow) {
        const reason = `${table.view.number}「${table.view.title}」中没有识别出本规则所需的行，本规则未运行`;
        summary.skipped.push({ ruleId: key(error.ruleId), reason });
      } else {
        summary.ruleErrors.push({ ...error, ruleId: key(error.ruleId) });
      }
    }
  }
  return { findings, summary };
}

function readsTableAlone(rule: CompiledRule, tableId: string): boolean {
  const { tables, priorTables, source } = rule.formula;
  return (
    tables.length > 0 &&
    tables.every((t) => t === tableId) &&
    priorTables.length === 0 &&
    !/\bHAS_STATEMENT\s*\(/.test(source)
  );
}

/**
 * A finding of another profile's rule: its rule is the registry key (sichuan:T09G-01), so neither
 * it nor its id can be taken for the chosen profile's rule of the same id, and it names the table by
 * the id it has in the document and the type that checked it.
 */
function checkedAs(finding: Finding, table: OtherTypeTable): Finding {
  const { profile, def } = table.definedBy;
  const inTable = (place: CellPlace): CellPlace =>
    place.table === def.id ? { ...place, table: table.id } : place;
  return {
    ...finding,
    id: `${profile.id}:${finding.id}`,
    rule: `${profile.id}:${finding.rule}`,
    message: `${finding.message}（此表不是本口径的公开表，按口径 ${profile.id} 的${def.number}「${def.title}」审核）`,
    places: finding.places.map((p) => (p.kind === 'cell' ? inTable(p) : p)),
  };
}
