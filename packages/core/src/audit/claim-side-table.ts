/**
 * S01 (情况说明数据, not printed) filled from what the narrative states: 机关运行经费, 政府采购,
 * budgets, personnel. The profile's rules on S01 then run on the document's own figures.
 */
import type { TableDef } from '../profile';
import type { TableView } from '../views';
import type { ClaimCheckContext } from './claim-model';
import { refOf } from './claim-resolver';
import type { Claim } from './claims';
import { buildSections } from './grid';

type ProfileRow = TableDef['sections'][number]['rows'][number];

/** One row of S01: a fixed row of the profile or a 科目 row, with the digits the narrative states. */
interface SideRow {
  section: string;
  key: string;
  fixed?: ProfileRow;
  code?: string;
  cells: Record<string, string>;
  label: string;
}

export function buildSideTable(claims: readonly Claim[], context: ClaimCheckContext): TableView | undefined {
  const def = context.profile.tableDefs.find((d) => d.id === 'S01' && !d.printed);
  if (!def) return undefined;
  const rows = statedSideRows(def, claims, context);
  if (!rows.size) return undefined;
  addUnstatedRows(def, rows);
  return sideTableView(def, rows, context);
}

/** The S01 rows the narrative states a figure for, keyed by section and row; the first statement wins. */
function statedSideRows(
  def: TableDef,
  claims: readonly Claim[],
  context: ClaimCheckContext,
): Map<string, SideRow> {
  const items = new Map(context.claims.items.map((i) => [i.id, i]));
  const rows = new Map<string, SideRow>();
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
      const row: SideRow = rows.get(key) ?? {
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
  return rows;
}

/** Every fixed row, stated or not, so that rules can address it; what is not stated stays blank. */
function addUnstatedRows(def: TableDef, rows: Map<string, SideRow>): void {
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
}

/** The rows as a table view, built the way a recognised printed table is. */
function sideTableView(def: TableDef, rows: Map<string, SideRow>, context: ClaimCheckContext): TableView {
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
