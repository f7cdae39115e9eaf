/**
 * What grid analysis reads from a profile table's definition, worked out once per definition: a
 * document's every grid is analysed against every table of every profile, and the rows, labels and
 * keys of a table are the same each time. Kept beside the definition objects (weakly), so they live
 * as long as the loaded profile does.
 */
import type { Classification } from '../catalog';
import type { FixedRowDef, SectionDef, TableDef } from '../profile';
import { bareLabel } from '../text/normalize';

export interface SectionIndex {
  /** The section's fixed rows (every row but its code rows), in order. */
  fixed: FixedRowDef[];
  /** The bare label of each fixed row that has a label. */
  bare: Map<FixedRowDef, string>;
  /** The fixed rows by code, 行次 and bare label, each list in the section's order. */
  byCode: Map<string, FixedRowDef[]>;
  byLine: Map<number, FixedRowDef[]>;
  byBare: Map<string, FixedRowDef[]>;
  /** Whether the section lists 科目 rows by code. */
  coded: boolean;
  /** The classification its code rows and coded fixed rows belong to. */
  classification: Classification;
  /** Each column's key, and its key qualified by the section (as side-by-side entries name cells). */
  cellKeys: { key: string; qualified: string }[];
  /** The 行次 its fixed rows number. */
  lines: Set<number>;
}

/** A memo of a function of an object, kept as long as the object lives. */
export function weakMemo<K extends object, V>(compute: (key: K) => V): (key: K) => V {
  const known = new WeakMap<K, V>();
  return (key) => {
    let value = known.get(key);
    if (value === undefined) {
      value = compute(key);
      known.set(key, value);
    }
    return value;
  };
}

export const sectionIndex = weakMemo((section: SectionDef): SectionIndex => {
  const fixed = section.rows.filter((r): r is FixedRowDef => !('codeRows' in r));
  const bare = new Map<FixedRowDef, string>();
  for (const row of fixed) if (row.label) bare.set(row, bareLabel(row.label));
  return {
    fixed,
    bare,
    byCode: groupBy(fixed, (r) => r.code),
    byLine: groupBy(fixed, (r) => r.line),
    byBare: groupBy(fixed, (r) => bare.get(r)),
    coded: fixed.length < section.rows.length,
    classification: classificationOf(section),
    cellKeys: section.columns.map((c) => ({ key: c.key, qualified: `${section.key}\u0000${c.key}` })),
    lines: new Set(fixed.flatMap((r) => (r.line !== undefined ? [r.line] : []))),
  };
});

function groupBy<K>(
  rows: readonly FixedRowDef[],
  keyOf: (row: FixedRowDef) => K | undefined,
): Map<K, FixedRowDef[]> {
  const groups = new Map<K, FixedRowDef[]>();
  for (const row of rows) {
    const key = keyOf(row);
    if (key === undefined) continue;
    const group = groups.get(key);
    if (group) group.push(row);
    else groups.set(key, [row]);
  }
  return groups;
}

function classificationOf(section: SectionDef): Classification {
  for (const row of section.rows) if ('codeRows' in row) return row.codeRows.classification;
  return section.columns.some((c) => c.fact?.includes('econ={code}')) ? 'economic' : 'functional';
}

/** Each distinct definition content seen, by its JSON: what `analysisKey` numbers. */
const analysisKeys = new Map<string, number>();

/**
 * What an analysis of a grid depends on in a table's definition (its sections, layout and title,
 * which the reasons for unplaced rows name), as a number: tables of different profiles with the
 * same key read a grid alike, so one analysis serves them all.
 */
export const analysisKey = weakMemo((def: TableDef): number => {
  const content = JSON.stringify([def.title, def.layout, def.sections]);
  let key = analysisKeys.get(content);
  if (key === undefined) {
    key = analysisKeys.size;
    analysisKeys.set(content, key);
  }
  return key;
});

/** Where each fixed row stands in its definition ([section, row]), to find its twin in an equal one. */
export const rowPositions = weakMemo((def: TableDef): Map<FixedRowDef, [number, number]> => {
  const positions = new Map<FixedRowDef, [number, number]>();
  def.sections.forEach((section, s) => {
    section.rows.forEach((row, r) => {
      if (!('codeRows' in row)) positions.set(row, [s, r]);
    });
  });
  return positions;
});
