/**
 * Reads the references of a claims profile (`T01[L1] + T01[L2]`, `T03[*类].C2`, `T04[{code}].C2`)
 * as intervals on the recognised tables.
 */
import { q, qAdd, qNeg } from '../exact';
import { parseFactKey } from '../facts';
import { formatAmount, type MoneyUnit } from '../money';
import type { Profile, TableDef } from '../profile';
import { type CellView, findRow, type RowView, type SectionView, type TableView } from '../views';
import { overlaps, type Range, type Resolved } from './claim-range';
import type { Claim } from './claims';
import type { ClaimItem } from './claims-profile';

/** The reference that gives an item's figure of one attribute (实际数, 年初预算, 全年预算). */
export function refOf(item: ClaimItem, attribute: Claim['attribute']): string | string[] | undefined {
  switch (attribute) {
    case 'initialBudget':
      return item.initialBudget;
    case 'finalBudget':
      return item.finalBudget;
    case 'actual':
      return item.actual ?? item.ref;
    default:
      return item.ref ?? item.actual;
  }
}

/**
 * Reads references (`T01[L1] + T01[L2]`, `T03[*类].C2`, `T04[{code}].C2`) on the recognised views;
 * a table the document lacks is replaced by any printed cell of the same fact.
 */
export class Resolver {
  constructor(
    private readonly profile: Profile,
    private readonly views: readonly TableView[],
    private readonly halfSteps: ReadonlyMap<string, bigint>,
  ) {}

  resolve(ref: string | string[], code: string | undefined): Resolved | undefined {
    const alternatives = Array.isArray(ref) ? ref : [ref];
    let fallback: Resolved | undefined;
    for (const alt of alternatives) {
      const r = this.expression(code !== undefined ? alt.replaceAll('{code}', code) : alt);
      if (!r) continue;
      if (r.printed) return r;
      fallback ??= r;
    }
    return fallback;
  }

  private expression(text: string): Resolved | undefined {
    const terms = text.split(/\s*(?=[+-]\s*[A-Z])/);
    let total: Resolved | undefined;
    for (const raw of terms) {
      const sign = raw.trim().startsWith('-') ? -1 : 1;
      const term = this.term(raw.replace(/^\s*[+-]\s*/, '').trim());
      if (!term) return undefined;
      const signed: Resolved =
        sign > 0
          ? term
          : {
              ...term,
              nominal: qNeg(term.nominal),
              range: { lo: qNeg(term.range.hi), hi: qNeg(term.range.lo) },
            };
      total = total
        ? {
            range: { lo: qAdd(total.range.lo, signed.range.lo), hi: qAdd(total.range.hi, signed.range.hi) },
            nominal: qAdd(total.nominal, signed.nominal),
            kind: total.kind,
            printed: total.printed || signed.printed,
            fromTables: total.fromTables && signed.fromTables,
            cells: [...total.cells, ...signed.cells],
          }
        : signed;
    }
    return total;
  }

  private term(text: string): Resolved | undefined {
    const m = /^([A-Z]\w*)\[([^\]]+)\](?:\.(\w+))?$/.exec(text);
    if (!m) return undefined;
    const [, tableId, rowRef, colRef] = m as unknown as [string, string, string, string | undefined];
    const view = this.views.find((v) => v.id === tableId);
    if (!view) return this.byFact(tableId, rowRef, colRef);
    const half = this.halfSteps.get(tableId) ?? 0n;
    const fromTables = tableId !== 'S01';
    if (rowRef.startsWith('*')) {
      const level = rowRef.slice(1);
      const rows = view.sections.flatMap((s) =>
        s.rows.filter((r) => r.level === level).map((r) => ({ s, r })),
      );
      const cells = rows
        .map(({ s, r }) => ({ s, r, c: cellOf(s, r, colRef) }))
        .filter((x): x is { s: SectionView; r: RowView; c: CellView } => x.c !== undefined);
      if (!cells.length) return undefined;
      return this.sum(
        cells.map(({ r, s, c }) => ({ cell: c, where: describe(view, s, r, colRef) })),
        half,
        fromTables,
      );
    }
    const found = findRow(view, rowRef);
    // The side table holds only what the narrative states: a row it lacks is unknown, not 0.
    if (!found && !fromTables) return undefined;
    if (!found) {
      // A row the table does not print: zero, as the tables would print it.
      return {
        range: { lo: q(0n), hi: q(0n) },
        nominal: q(0n),
        kind: 'money',
        printed: false,
        fromTables,
        cells: [],
      };
    }
    const cell = cellOf(found.section, found.row, colRef);
    if (!cell || cell.na || (!fromTables && cell.value === undefined)) return undefined;
    return this.sum([{ cell, where: describe(view, found.section, found.row, colRef) }], half, fromTables);
  }

  private sum(cells: { cell: CellView; where: string }[], half: bigint, fromTables: boolean): Resolved {
    let lo = 0n;
    let hi = 0n;
    let nominal = 0n;
    let printed = false;
    let kind: 'money' | 'count' = 'money';
    for (const { cell } of cells) {
      kind = cell.kind;
      const v = cell.value ?? 0n;
      const h = cell.kind === 'count' ? 0n : half;
      if (cell.value !== undefined) printed = true;
      lo += v - h;
      hi += v + h;
      nominal += v;
    }
    return {
      range: { lo: q(lo), hi: q(hi) },
      nominal: q(nominal),
      kind,
      printed,
      fromTables,
      cells: cells.map((c) => c.where),
    };
  }

  /** The same fact printed in another table (公开04表 本年收入合计 for 公开01表 财政拨款收入…). */
  private byFact(tableId: string, rowRef: string, colRef: string | undefined): Resolved | undefined {
    const def = this.profile.tableDefs.find((d) => d.id === tableId);
    if (!def) return undefined;
    const key = factOf(def, rowRef, colRef);
    if (!key) return undefined;
    for (const view of this.views) {
      if (view.id === 'S01') continue;
      for (const section of view.sections) {
        for (const row of section.rows) {
          for (const [colKey, cell] of Object.entries(row.cells)) {
            if (cell.fact !== key || cell.value === undefined) continue;
            return this.sum(
              [{ cell, where: describe(view, section, row, colKey) }],
              this.halfSteps.get(view.id) ?? 0n,
              true,
            );
          }
        }
      }
    }
    return undefined;
  }

  /** Printed cells whose figure the stated one could be (for a hint when a claim is wrong). */
  lookalike(stated: Resolved, exclude: readonly string[], unit: MoneyUnit): string[] {
    const found: string[] = [];
    for (const view of this.views) {
      if (view.id === 'S01') continue;
      const half = this.halfSteps.get(view.id) ?? 0n;
      for (const section of view.sections) {
        for (const row of section.rows) {
          // One cell a row: the first column that matches (合计 and 基本支出 of a row can be equal).
          for (const [colKey, cell] of Object.entries(row.cells)) {
            if (cell.kind !== 'money' || cell.value === undefined || cell.value === 0n) continue;
            const r: Range = { lo: q(cell.value - half), hi: q(cell.value + half) };
            const where = describe(view, section, row, colKey);
            if (exclude.includes(where) || !overlaps(stated.range, half ? r : { lo: r.lo, hi: r.lo }))
              continue;
            found.push(`${where}（${formatAmount(cell.value, unit, { grouping: false })}${unit}）`);
            if (found.length >= 2) return found;
            break;
          }
        }
      }
    }
    return found;
  }
}

function cellOf(section: SectionView, row: RowView, colRef: string | undefined): CellView | undefined {
  if (colRef === undefined) {
    const cells = Object.values(row.cells);
    return cells.length === 1
      ? cells[0]
      : section.columns.length === 1
        ? row.cells[section.columns[0]!.key]
        : undefined;
  }
  const no = /^C(\d+)$/.exec(colRef)?.[1];
  const column = section.columns.find((c) => (no !== undefined ? c.no === Number(no) : c.key === colRef));
  return column ? row.cells[column.key] : undefined;
}

function describe(view: TableView, section: SectionView, row: RowView, colRef: string | undefined): string {
  const rowText =
    row.line !== undefined
      ? `第${row.line}行「${row.label}」`
      : row.code !== undefined
        ? `「${row.code} ${row.label}」`
        : `「${row.label || row.key}」`;
  let column = '';
  if (section.columns.length > 1 && colRef !== undefined) {
    const no = /^C(\d+)$/.exec(colRef)?.[1];
    const c = section.columns.find((x) => (no !== undefined ? x.no === Number(no) : x.key === colRef));
    if (c) column = c.no !== undefined ? `第${c.no}栏「${c.label}」` : `「${c.label}」栏`;
  }
  return `${view.number}${rowText}${column}`;
}

/** The canonical fact key of a profile cell (for a table the document lacks). */
function factOf(def: TableDef, rowRef: string, colRef: string | undefined): string | undefined {
  const line = /^L(\d+)$/.exec(rowRef)?.[1];
  for (const section of def.sections) {
    const column =
      colRef === undefined
        ? section.columns.length === 1
          ? section.columns[0]
          : undefined
        : section.columns.find((c) => {
            const no = /^C(\d+)$/.exec(colRef)?.[1];
            return no !== undefined ? c.no === Number(no) : c.key === colRef;
          });
    for (const row of section.rows) {
      if ('codeRows' in row) {
        if (!/^\d+$/.test(rowRef) || !column?.fact) continue;
        return keyOf(column.fact.replace('{code}', rowRef), {});
      }
      const matches =
        line !== undefined ? row.line === Number(line) : row.key === rowRef || row.code === rowRef;
      if (!matches) continue;
      const col = column ?? (section.columns.length === 1 ? section.columns[0] : undefined);
      if (!col) return undefined;
      const template = row.cells?.[col.key] ?? col.fact;
      if (!template) return undefined;
      return keyOf(template, { ...(row.code ? { code: row.code } : {}), ...(row.params ?? {}) });
    }
  }
  return undefined;
}

function keyOf(template: string, params: Record<string, string>): string | undefined {
  const filled = template.replace(/\{(\w+)\}/g, (_, name: string) => params[name] ?? `{${name}}`);
  const parsed = parseFactKey(filled);
  return parsed.ok ? parsed.key : undefined;
}
