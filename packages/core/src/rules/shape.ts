/**
 * What a profile says a table looks like, for checking formulas before any data is seen: which
 * 行次, row keys and labels exist, which columns each section has, and whether code rows (类/款/项
 * filled from the package) can appear.
 */
import type { ColumnDef, SectionDef, TableDef } from '../profile';
import { rowKey } from '../profile';

export interface ShapeSection {
  key: string;
  columns: ColumnDef[];
  /** Code rows come from the package here. */
  codeRows: boolean;
}

export interface ShapeRow {
  key: string;
  line?: number;
  code?: string;
  label?: string;
  blank: boolean;
  section: ShapeSection;
  /** Column keys that hold a figure (not —). */
  applicable: string[];
  order: number;
}

export interface TableShape {
  id: string;
  sections: ShapeSection[];
  rows: ShapeRow[];
  byLine: Map<number, ShapeRow>;
  byKey: Map<string, ShapeRow>;
  byCode: Map<string, ShapeRow>;
  byLabel: Map<string, ShapeRow[]>;
}

export function tableShapes(tables: readonly TableDef[]): Map<string, TableShape> {
  return new Map(tables.map((t) => [t.id, tableShape(t)]));
}

export function tableShape(table: TableDef): TableShape {
  const shape: TableShape = {
    id: table.id,
    sections: [],
    rows: [],
    byLine: new Map(),
    byKey: new Map(),
    byCode: new Map(),
    byLabel: new Map(),
  };
  for (const def of table.sections) {
    const section: ShapeSection = {
      key: def.key,
      columns: def.columns,
      codeRows: def.rows.some((r) => 'codeRows' in r),
    };
    shape.sections.push(section);
    for (const row of def.rows) {
      if ('codeRows' in row) continue;
      const shapeRow: ShapeRow = {
        key: rowKey(row),
        ...(row.line !== undefined ? { line: row.line } : {}),
        ...(row.code !== undefined ? { code: row.code } : {}),
        ...(row.label !== undefined ? { label: row.label } : {}),
        blank: row.blank === true,
        section,
        applicable: row.blank ? [] : applicable(def, row.cells),
        order: shape.rows.length,
      };
      shape.rows.push(shapeRow);
      if (shapeRow.line !== undefined) shape.byLine.set(shapeRow.line, shapeRow);
      shape.byKey.set(shapeRow.key, shapeRow);
      if (shapeRow.code !== undefined) shape.byCode.set(shapeRow.code, shapeRow);
      if (shapeRow.label) {
        const label = shapeRow.label.trim();
        shape.byLabel.set(label, [...(shape.byLabel.get(label) ?? []), shapeRow]);
      }
    }
  }
  return shape;
}

function applicable(section: SectionDef, cells: Record<string, string | null> | undefined): string[] {
  return section.columns
    .filter((c) => {
      const override = cells?.[c.key];
      const template = override === undefined ? c.fact : override;
      return template !== null && template !== undefined;
    })
    .map((c) => c.key);
}

/** A column of a section by 栏次 or key. */
export function findShapeColumn(
  section: ShapeSection,
  ref: { no?: number; key?: string },
): ColumnDef | undefined {
  return section.columns.find((c) => (ref.no !== undefined ? c.no === ref.no : c.key === ref.key));
}
