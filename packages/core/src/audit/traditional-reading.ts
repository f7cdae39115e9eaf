/**
 * A document printed in traditional characters, audited in simplified ones: the blocks are converted
 * for recognition and the checks, and every finding is given back the document's own characters where
 * it quotes the document.
 */
import type { Finding, FindingPlace } from '../finding';
import { isTraditional, PrintedCharacters } from '../text/traditional';
import type { CheckedClaim } from './claim-model';
import type { DocumentKind } from './document-kind';
import type { RawBlock, RawDocument } from './raw';

export interface TraditionalReading {
  /** The document in simplified characters, every text as long as the printed one. */
  simplified: RawDocument;
  printed: PrintedCharacters;
}

/** The document read in simplified characters, or undefined when it is not printed in traditional ones. */
export function readTraditional(raw: RawDocument): TraditionalReading | undefined {
  if (!isTraditional(blockTexts(raw.blocks).join('\n'))) return undefined;
  const printed = new PrintedCharacters();
  const blocks = raw.blocks.map((block): RawBlock => {
    if (block.kind === 'text') return { ...block, text: printed.read(block.text) };
    if (block.kind === 'table')
      return { ...block, rows: block.rows.map((row) => row.map((cell) => printed.read(cell))) };
    return block;
  });
  return { simplified: { ...raw, blocks }, printed };
}

function blockTexts(blocks: RawBlock[]): string[] {
  return blocks.flatMap((block) =>
    block.kind === 'text' ? [block.text] : block.kind === 'table' ? block.rows.flat() : [],
  );
}

/** Quotes in a message: “…”, 「…」 and 《…》 hold the document's words; the rest is the audit's own. */
const QUOTED = /(?<=[“「《])[^“”「」《》]+(?=[”」》])/g;

/** The audit with what it quotes of the document (findings, claims, the lines that gave its kind) as printed. */
export function printedResult<
  Result extends { documentKind: DocumentKind; claims: CheckedClaim[]; findings: Finding[] },
>(result: Result, printed: PrintedCharacters): Result {
  const quote = (text: string) => printed.printed(text);
  return {
    ...result,
    documentKind: {
      ...result.documentKind,
      evidence: result.documentKind.evidence.map((line) => ({ ...line, text: quote(line.text) })),
    },
    claims: result.claims.map((claim) => printedClaim(claim, quote)),
    findings: result.findings.map((finding) => printedFinding(finding, printed)),
  };
}

function printedClaim(claim: CheckedClaim, quote: (text: string) => string): CheckedClaim {
  return {
    ...claim,
    subject: quote(claim.subject),
    sentence: quote(claim.sentence),
    ...(claim.figure ? { figure: { ...claim.figure, text: quote(claim.figure.text) } } : {}),
    ...(claim.unnamedBudget
      ? { unnamedBudget: { ...claim.unnamedBudget, text: quote(claim.unnamedBudget.text) } }
      : {}),
    ...(claim.sectionTitle !== undefined ? { sectionTitle: quote(claim.sectionTitle) } : {}),
  };
}

/** The finding with what it quotes of the document in the characters the document printed. */
function printedFinding(finding: Finding, printed: PrintedCharacters): Finding {
  const quote = (text: string) => printed.printed(text);
  return {
    ...finding,
    message: finding.message.replace(QUOTED, quote),
    places: finding.places.map((place) => printedPlace(place, quote)),
    ...(finding.found ? { found: { ...finding.found, text: quote(finding.found.text) } } : {}),
    ...(finding.expected ? { expected: { ...finding.expected, text: quote(finding.expected.text) } } : {}),
  };
}

function printedPlace(place: FindingPlace, quote: (text: string) => string): FindingPlace {
  if (place.kind === 'sheet') return { ...place, sheet: quote(place.sheet) };
  if (place.kind === 'text') {
    return {
      ...place,
      ...(place.section !== undefined ? { section: quote(place.section) } : {}),
      ...(place.sentence !== undefined ? { sentence: quote(place.sentence) } : {}),
    };
  }
  return {
    ...place,
    tableNumber: quote(place.tableNumber),
    ...(place.row ? { row: { ...place.row, label: quote(place.row.label) } } : {}),
    ...(place.column ? { column: { ...place.column, label: quote(place.column.label) } } : {}),
    ...(place.value ? { value: { ...place.value, text: quote(place.value.text) } } : {}),
  };
}
