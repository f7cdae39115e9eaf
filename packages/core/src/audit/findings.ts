/**
 * Findings of an audit of a published document: each carries where it was read (page and line,
 * or sheet and row) and, for a table, the table, row and column it is about. Producers that read
 * text state those as one location and the printed figures as text; this turns them into places
 * and amounts of the one `Finding`.
 */

import {
  type CellPlace,
  type Finding,
  type FindingInput,
  type FindingPlace,
  makeFinding,
  printedAmount,
  SEVERITY_ORDER,
} from '../finding';
import type { Severity } from '../rules/catalogue';
import { codeDefinedRule } from '../rules/registry';
import type { RawLocation } from './raw';

export interface DocumentLocation extends RawLocation {
  /** Profile table id (T03) and its number as printed (公开03表). */
  table?: string;
  tableNumber?: string;
  /** Row as printed: 行次, code and label. */
  row?: { line?: number; code?: string; label: string };
  column?: { no?: number; label: string };
  /** The sentence of the narrative a claim was read from. */
  sentence?: string;
  /** The narrative section (一、收入决算情况说明 …). */
  section?: string;
}

/** A finding of a code-defined rule: everything but what the registry says of the rule. */
export interface RegisteredFindingInput extends Omit<FindingInput, 'severity' | 'ruleSeverity' | 'title'> {
  /**
   * Lower than the rule's own severity where this case is milder (尾数, a layout the department
   * did not choose); absent: the rule's severity. Never higher.
   */
  severity?: Severity;
}

/** A finding whose title and severity are the registry's, so neither is written twice. */
export function registeredFinding(input: RegisteredFindingInput): Finding {
  const { severity, ...rest } = input;
  const rule = codeDefinedRule(rest.rule);
  if (severity !== undefined && SEVERITY_ORDER[severity] < SEVERITY_ORDER[rule.severity]) {
    throw new Error(`规则 ${rule.id} 的严重程度为 ${rule.severity}，其发现不能报为 ${severity}`);
  }
  return makeFinding({
    ...rest,
    severity: severity ?? rule.severity,
    ruleSeverity: rule.severity,
    title: rule.title,
  });
}

export interface DocumentFindingInput
  extends Omit<RegisteredFindingInput, 'places' | 'found' | 'expected' | 'difference' | 'tolerance'> {
  location: DocumentLocation;
  /** As printed or as it should print (940.49万元, 72.86%, a name). */
  expected?: string;
  found?: string;
}

/** A finding read in a document: its place from where it was read, its figures as printed. */
export function documentFinding(input: DocumentFindingInput): Finding {
  const { location, expected, found, ...rest } = input;
  return registeredFinding({
    ...rest,
    places: documentPlaces(location),
    ...(expected !== undefined ? { expected: printedAmount(expected) } : {}),
    ...(found !== undefined ? { found: printedAmount(found) } : {}),
  });
}

/** Where it was read, then the table (row, column) it is about. */
export function documentPlaces(location: DocumentLocation): FindingPlace[] {
  const { table, tableNumber, row, column, ...read } = location;
  const places = readPlaces(read);
  if (tableNumber !== undefined) {
    const cell: CellPlace = {
      kind: 'cell',
      ...(table !== undefined ? { table } : {}),
      tableNumber,
      ...(row ? { row } : {}),
      ...(column ? { column } : {}),
    };
    places.push(cell);
  }
  return places;
}

/** A finding of the rule engine on a printed table, with where its main row was read. */
export function withReadPlace(finding: Finding, location: RawLocation | undefined): Finding {
  return location ? { ...finding, places: [...readPlaces(location), ...finding.places] } : finding;
}

/**
 * Where a document block was read: the sheet and row of a workbook, else the page and line; the
 * narrative section and sentence go with the text (a sentence can be read from a sheet too).
 */
function readPlaces(location: RawLocation & { section?: string; sentence?: string }): FindingPlace[] {
  const { page, sheet, line, section, sentence } = location;
  const at = { ...(page !== undefined ? { page } : {}), ...(line !== undefined ? { line } : {}) };
  const words = {
    ...(section !== undefined ? { section } : {}),
    ...(sentence !== undefined ? { sentence } : {}),
  };
  if (sheet !== undefined) {
    return [
      { kind: 'sheet', sheet, ...at },
      ...(Object.keys(words).length ? [{ kind: 'text' as const, ...words }] : []),
    ];
  }
  return Object.keys(at).length || Object.keys(words).length ? [{ kind: 'text', ...at, ...words }] : [];
}
