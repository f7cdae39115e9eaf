/**
 * The one finding that `check`, `score` and `audit` report, in memory and as JSON alike: what rule
 * found what, where (places: the table cell, the page and line, the sheet), and the amounts found,
 * expected, their difference and the rounding tolerance, every amount in one form. The zod model
 * is the source of schema/finding.schema.json; nothing in a finding is a bigint, so the JSON is the
 * object as it is.
 */
import { z } from 'zod';
import { formatScaled, q, qRound } from './exact';
import { type MoneyUnit, parseAmount } from './money';
import type { Severity } from './rules/catalogue';

/**
 * One vocabulary for every producer, package check and document audit alike: the rule catalogue's
 * categories (within a table, across tables, across years, 附表), then classification, text and
 * performance checks. A rule's category is its findings' category.
 */
export const FINDING_CATEGORIES = {
  structure: '报表构成',
  recognition: '识别',
  intra: '表内',
  cross: '表间',
  year: '跨年',
  annex: '附表',
  code: '科目',
  narrative: '情况说明',
  glossary: '名词解释',
  performance: '绩效自评',
} as const;

export type FindingCategory = keyof typeof FINDING_CATEGORIES;

/**
 * Units of `Amount.value`: money always in 分 (whatever unit the text prints), counts, percentage
 * points, performance score points (分值) and pure numbers (比值).
 */
export const AMOUNT_UNITS = ['分', '个', '%', '分值', '比值'] as const;

export type AmountUnit = (typeof AMOUNT_UNITS)[number];

const severitySchema = z.enum(['error', 'warning', 'info']);

const amountSchema = z
  .strictObject({
    text: z.string().describe('As the report prints it: "940.49万元", "72.86%", "未填报（按 0 计）".'),
    value: z
      .string()
      .regex(/^-?\d+(\.\d+)?$/)
      .optional()
      .describe('The exact value as a decimal string in `unit` (money: whole 分); absent when not exact.'),
    unit: z.enum(AMOUNT_UNITS).optional().describe('Unit of `value`; absent for text that is not a number.'),
  })
  .describe('An amount: always its text; its exact value and unit when it is a number.');

const cellPlaceSchema = z
  .strictObject({
    kind: z.literal('cell'),
    table: z
      .string()
      .optional()
      .describe(
        'Profile table id: T03, S01 (figures stated in the 情况说明); absent for a table the profile lacks.',
      ),
    tableNumber: z.string().describe('The table number as printed: 公开03表.'),
    prior: z.literal(true).optional().describe("Last year's table."),
    row: z
      .strictObject({
        key: z.string().optional(),
        line: z.number().int().optional().describe('行次'),
        code: z.string().optional().describe('科目编码'),
        label: z.string(),
        missing: z.literal(true).optional().describe('A row the rule needs and the table does not have.'),
      })
      .optional()
      .describe('Absent when the finding is about the whole table.'),
    column: z
      .strictObject({
        key: z.string().optional(),
        no: z.number().int().optional().describe('栏次'),
        label: z.string(),
      })
      .optional(),
    value: amountSchema.optional().describe('The cell as printed or reported; absent when blank.'),
    na: z.literal(true).optional().describe('Printed as not applicable (—).'),
    address: z.string().optional().describe('T03[2101501].C1'),
  })
  .describe('What the finding is about: a cell (or row, or table) of a profile table.');

const textPlaceSchema = z
  .strictObject({
    kind: z.literal('text'),
    page: z.number().int().optional(),
    line: z
      .number()
      .int()
      .optional()
      .describe('Line of a text file, paragraph of DOCX/HTML, line of a PDF page.'),
    section: z.string().optional().describe('一、收入决算情况说明 …'),
    sentence: z.string().optional().describe('The sentence a claim was read from.'),
  })
  .describe('Where in a document the finding was read.');

const sheetPlaceSchema = z
  .strictObject({
    kind: z.literal('sheet'),
    sheet: z.string(),
    page: z.number().int().optional().describe('1-based index of the sheet in the workbook.'),
    line: z.number().int().optional().describe('Row number in the sheet.'),
  })
  .describe('Where in a workbook the finding was read.');

const placeSchema = z.discriminatedUnion('kind', [cellPlaceSchema, textPlaceSchema, sheetPlaceSchema]);

export const findingSchema = z.strictObject({
  id: z.string().describe('rule@where (with ~n for repeats): stable, the key of a written explanation.'),
  rule: z.string(),
  severity: severitySchema,
  ruleSeverity: severitySchema
    .optional()
    .describe("The rule's own severity where it differs (an error rule's 尾数误差 is info)."),
  rounding: z.boolean().describe('The difference lies within the rounding of the printed figures.'),
  category: z.enum(Object.keys(FINDING_CATEGORIES) as [FindingCategory, ...FindingCategory[]]),
  categoryLabel: z.string(),
  title: z.string(),
  message: z.string(),
  places: z.array(placeSchema).describe('Where it was read (text, sheet) and what it is about (cells).'),
  found: amountSchema.optional(),
  expected: amountSchema.optional(),
  difference: amountSchema.optional().describe('found − expected'),
  tolerance: amountSchema.optional().describe('What rounding of the printed figures could explain.'),
  explained: z.string().optional().describe('The written explanation (出错说明) that accepts this warning.'),
});

export type Amount = z.infer<typeof amountSchema>;
export type FindingPlace = z.infer<typeof placeSchema>;
export type CellPlace = z.infer<typeof cellPlaceSchema>;
export type Finding = z.infer<typeof findingSchema>;

export function findingJsonSchemaDocument(): Record<string, unknown> {
  const schema = z.toJSONSchema(findingSchema) as Record<string, unknown>;
  return {
    ...schema,
    title: '决算审核发现 (juesuan finding)',
    description:
      'juesuan check、score 与 audit 输出中 findings 数组的一项。金额为 {text, value?, unit?}：text 为印出的文字，' +
      'value 为 unit 下的精确十进制字符串（金额一律以分计）。',
  };
}

export interface FindingInput {
  id: string;
  rule: string;
  severity: Severity;
  /** The rule's own severity; kept on the finding only where it differs from `severity`. */
  ruleSeverity?: Severity;
  rounding?: boolean;
  category: FindingCategory;
  title: string;
  message: string;
  places?: FindingPlace[];
  found?: Amount;
  expected?: Amount;
  difference?: Amount;
  tolerance?: Amount;
  explained?: string;
}

/** A finding with its category label, and `ruleSeverity` only where it says something. */
export function makeFinding(input: FindingInput): Finding {
  const { ruleSeverity, rounding, places, ...rest } = input;
  return {
    id: rest.id,
    rule: rest.rule,
    severity: rest.severity,
    ...(ruleSeverity !== undefined && ruleSeverity !== rest.severity ? { ruleSeverity } : {}),
    rounding: rounding ?? false,
    category: rest.category,
    categoryLabel: FINDING_CATEGORIES[rest.category],
    title: rest.title,
    message: rest.message,
    places: places ?? [],
    ...(rest.found ? { found: rest.found } : {}),
    ...(rest.expected ? { expected: rest.expected } : {}),
    ...(rest.difference ? { difference: rest.difference } : {}),
    ...(rest.tolerance ? { tolerance: rest.tolerance } : {}),
    ...(rest.explained !== undefined ? { explained: rest.explained } : {}),
  };
}

/** n/d as an exact decimal string, or undefined when it does not end (1/3). */
export function exactDecimal(n: bigint, d: bigint): string | undefined {
  const value = q(n, d);
  // The decimal ends when the reduced denominator has no prime factor but 2 and 5.
  let rest = value.d;
  let scale = 0;
  while (rest % 10n === 0n) [rest, scale] = [rest / 10n, scale + 1];
  while (rest % 2n === 0n) [rest, scale] = [rest / 2n, scale + 1];
  while (rest % 5n === 0n) [rest, scale] = [rest / 5n, scale + 1];
  if (rest !== 1n) return undefined;
  // Exact at `scale` decimals, so the rounding changes nothing.
  return formatScaled(qRound(value, scale), scale, false);
}

export function moneyAmount(fen: bigint, text: string): Amount {
  return { text, value: fen.toString(), unit: '分' };
}

/** A number of `unit` from its exact ratio n/d; the value is left out when it has no exact decimal. */
export function numberAmount(n: bigint, d: bigint, unit: AmountUnit, text: string): Amount {
  const value = exactDecimal(n, d);
  return value !== undefined ? { text, value, unit } : { text, unit };
}

const PRINTED = /^(-?)([\d,]+(?:\.\d+)?)(万元|千元|元|%)$/;

/** How a finding names a printed row: its key, 行次 and 科目 code where it has them, and its label. */
export function rowPlace(row: { key: string; line?: number; code?: string; label: string }) {
  return {
    key: row.key,
    ...(row.line !== undefined ? { line: row.line } : {}),
    ...(row.code !== undefined ? { code: row.code } : {}),
    label: row.label,
  };
}

/** How a finding names a printed column: its key, 栏次 where it has one, and its label. */
export function columnPlace(column: { key: string; no?: number; label: string }) {
  return {
    key: column.key,
    ...(column.no !== undefined ? { no: column.no } : {}),
    label: column.label,
  };
}

/**
 * A figure as a document prints it ("940.49万元", "72.86%") with its exact value (万元, 千元 and 元 in
 * 分); other text (a range, a name) stays text only.
 */
export function printedAmount(text: string): Amount {
  const match = PRINTED.exec(text.trim());
  if (!match) return { text };
  const [, sign, number, unit] = match as unknown as [string, string, string, MoneyUnit | '%'];
  if (unit === '%') return { text, value: `${sign}${number.replace(/,/g, '')}`, unit: '%' };
  const parsed = parseAmount(`${sign}${number}`, unit);
  return parsed.ok ? moneyAmount(parsed.fen, text) : { text };
}

export function cellPlaces(finding: Pick<Finding, 'places'>): CellPlace[] {
  return finding.places.filter((p): p is CellPlace => p.kind === 'cell');
}

/** The cell the finding is mainly about: the first of this year, else the first. */
export function mainCell(finding: Pick<Finding, 'places'>): CellPlace | undefined {
  const cells = cellPlaces(finding);
  return cells.find((c) => !c.prior) ?? cells[0];
}

type ReadPlace = Exclude<FindingPlace, CellPlace>;
type TextPlace = Extract<FindingPlace, { kind: 'text' }>;

/** Where the finding was read in a document: its sheet, else its text place (page, line). */
export function readingPlace(finding: Pick<Finding, 'places'>): ReadPlace | undefined {
  return finding.places.find((p): p is ReadPlace => p.kind !== 'cell');
}

/** The part of the narrative a finding is in, and the sentence it was read from. */
export function textPlaceOf(finding: Pick<Finding, 'places'>): TextPlace | undefined {
  return finding.places.find((p): p is TextPlace => p.kind === 'text');
}

export function sentenceOf(finding: Pick<Finding, 'places'>): string | undefined {
  return textPlaceOf(finding)?.sentence;
}

/**
 * Where a finding is, in words: 第 3 页 第 120 行 · 公开03表「合计」第1栏「本年支出合计」.
 * `withTable: false` leaves out the table number, for output already grouped by table.
 */
export function locationText(
  finding: Pick<Finding, 'places'>,
  options: { withTable?: boolean } = {},
): string {
  const read = readingPlace(finding);
  const place = read
    ? [
        read.kind === 'sheet' ? `工作表「${read.sheet}」` : '',
        read.page !== undefined ? `第 ${read.page} 页` : '',
        read.line !== undefined ? `第 ${read.line} 行` : '',
      ]
        .filter(Boolean)
        .join(' ')
    : '';
  const cell = mainCell(finding);
  const section = textPlaceOf(finding)?.section;
  const where = cell
    ? `${options.withTable === false ? '' : cell.tableNumber}${rowText(cell)}${columnText(cell)}`
    : section
      ? `「${section}」`
      : '';
  return [place, where].filter(Boolean).join(' · ');
}

function rowText({ row }: CellPlace): string {
  if (!row) return '';
  return row.line !== undefined
    ? `第${row.line}行「${row.label}」`
    : `「${[row.code, row.label].filter(Boolean).join(' ')}」`;
}

function columnText({ column }: CellPlace): string {
  if (!column) return '';
  return column.no !== undefined ? `第${column.no}栏「${column.label}」` : `「${column.label}」栏`;
}

/**
 * Finding ids made unique in the order they are given: a repeat of `id` becomes `id~2`, `id~3`…,
 * so that one rule raised twice at one place (a total against each of its breakdowns) keeps stable
 * keys for written 出错说明.
 */
export class UniqueIds {
  private readonly seen = new Map<string, number>();

  next(id: string): string {
    const n = (this.seen.get(id) ?? 0) + 1;
    this.seen.set(id, n);
    return n > 1 ? `${id}~${n}` : id;
  }
}

/** The findings with repeated ids numbered (see UniqueIds), in place. */
export function numberRepeatedIds<T extends { id: string }>(findings: T[]): T[] {
  const ids = new UniqueIds();
  for (const f of findings) f.id = ids.next(f.id);
  return findings;
}

export const SEVERITY_ORDER: Record<Severity, number> = { error: 0, warning: 1, info: 2 };

export function countFindings(findings: readonly Finding[]): Record<Severity, number> {
  const counts: Record<Severity, number> = { error: 0, warning: 0, info: 0 };
  for (const f of findings) counts[f.severity]++;
  return counts;
}
