/**
 * A table printed in the other orientation than the profile's own layout: the 三公 table across one
 * row (合计 | 因公出国（境）费 | 公务用车购置及运行维护费 … each with 预算数 and 决算数) where the
 * profile prints it down its rows, or the reverse. Recognition reads the grid by the layout it is
 * printed in; its figures are then placed on the profile's layout by fact, so the profile's rules
 * and the narrative checks address them as usual. What the print does not show (the 全年预算数 of a
 * table printed with 预算数 only, the 国内接待费 line of a table printed across) stays absent, and a
 * rule that would read it has nothing to check.
 */

import { parseFactKey } from '../facts';
import { cellPlaces, type Finding } from '../finding';
import { type ColumnDef, type FixedRowDef, rowKey, type TableDef } from '../profile';
import {
  type CellView,
  NOT_APPLICABLE,
  type RowView,
  type SectionView,
  sectionView,
  type TableView,
} from '../views';

/** A printed cell with the row it was printed in. */
interface PrintedCell {
  cell: CellView;
  section: string;
  row: string;
}

export interface Placed {
  sections: SectionView[];
  /** By placed row key, the printed row (section and key) its first figure comes from. */
  origin: ReadonlyMap<string, { section: string; row: string }>;
}

/** The printed cells placed on `def`'s rows and columns by the fact each one shows. */
export function placeByFacts(printed: readonly SectionView[], def: TableDef): Placed {
  const byFact = new Map<string, PrintedCell>();
  for (const section of printed) {
    for (const row of section.rows) {
      for (const cell of Object.values(row.cells)) {
        if (cell.fact !== undefined && !byFact.has(cell.fact)) {
          byFact.set(cell.fact, { cell, section: section.key, row: row.key });
        }
      }
    }
  }
  const origin = new Map<string, { section: string; row: string }>();
  const sections = def.sections.map((section): SectionView => {
    const rows: RowView[] = [];
    // An across layout has no generated code rows, so the fixed rows are all there is to place.
    for (const row of section.rows) {
      if ('codeRows' in row || row.blank) continue;
      const placed = placedRow(row, section.columns, byFact);
      if (!placed) continue;
      rows.push(placed.row);
      origin.set(placed.row.key, placed.from);
    }
    return sectionView(section, rows);
  });
  return { sections, origin };
}

/** The row with the printed figures of its facts, or undefined when the print shows none of them. */
function placedRow(
  row: FixedRowDef,
  columns: readonly ColumnDef[],
  byFact: ReadonlyMap<string, PrintedCell>,
): { row: RowView; from: { section: string; row: string } } | undefined {
  const cells: Record<string, CellView> = {};
  let from: PrintedCell | undefined;
  for (const column of columns) {
    const template = row.cells?.[column.key] !== undefined ? row.cells[column.key] : column.fact;
    if (template === null) {
      cells[column.key] = { kind: 'money', na: true, text: NOT_APPLICABLE };
      continue;
    }
    const fact = template === undefined ? undefined : factOf(template, row);
    const printed = fact === undefined ? undefined : byFact.get(fact);
    if (!printed) continue;
    cells[column.key] = printed.cell;
    from ??= printed;
  }
  if (!from) return undefined;
  return {
    row: {
      key: rowKey(row),
      ...(row.line !== undefined ? { line: row.line } : {}),
      label: row.label ?? '',
      ...(row.bold ? { bold: true } : {}),
      ...(row.indent !== undefined ? { indent: row.indent } : {}),
      cells,
    },
    from: { section: from.section, row: from.row },
  };
}

function factOf(template: string, row: FixedRowDef): string | undefined {
  const params: Record<string, string> = { ...(row.code ? { code: row.code } : {}), ...(row.params ?? {}) };
  const filled = template.replace(/\{(\w+)\}/g, (_, name: string) => params[name] ?? `{${name}}`);
  const key = parseFactKey(filled);
  return key.ok ? key.key : undefined;
}

/**
 * Why a rule's finding does not stand, when it reads a cell that a table printed in the other
 * orientation does not show: the rule compared the print with a figure it never stated, not with
 * a zero. Undefined when every cell it reads is printed.
 */
export function unprintedCell(finding: Finding, turned: ReadonlyMap<string, TableView>): string | undefined {
  for (const place of cellPlaces(finding)) {
    const view = place.prior || place.table === undefined ? undefined : turned.get(place.table);
    if (!view) continue;
    const row = view.sections.flatMap((s) => s.rows).find((r) => r.key === place.row?.key);
    const column = place.column?.key;
    if (row && (column === undefined || row.cells[column] !== undefined)) continue;
    const label = place.row?.label ? `「${place.row.label}」` : '';
    const cell = place.column ? `${label}的「${place.column.label}」` : label;
    return `${place.tableNumber}横竖排法与口径相反，没有印出${cell}，本规则未运行`;
  }
  return undefined;
}
