/**
 * The document view model: the whole 部门决算公开 document (目录, 概况, tables, 情况说明, 名词解释,
 * 附件) as one structure that every renderer (DOCX, XLSX, HTML; PDF is made from the DOCX) reads.
 * Nothing here knows about a file format; renderers never compute a figure.
 */
import type { TableView } from '../views';

export interface DocumentView {
  /** e.g. 景德镇市医疗保障局2024年度部门决算 */
  title: string;
  department: string;
  year: number;
  profile: string;
  /** Lines printed under the 目录, e.g. 注：本报告因金额单位转换原因可能存在尾数误差。 */
  frontNotes: string[];
  parts: PartView[];
}

export interface PartView {
  /** overview | tables | narrative | glossary | annex (profiles may add their own) */
  id: string;
  /** 第一部分 景德镇市医疗保障局概况 */
  heading: string;
  blocks: Block[];
}

export type Block =
  | HeadingBlock
  | ParagraphBlock
  | TableBlock
  | GridBlock
  | UnitsBlock
  | ChartBlock
  | PageBreakBlock;

export interface HeadingBlock {
  kind: 'heading';
  /** 1 = part heading (一、…), 2 = section (（一）…), 3 = sub-section. */
  level: 1 | 2 | 3;
  text: string;
  /** Listed in the 目录. */
  toc?: boolean;
}

export interface ParagraphBlock {
  kind: 'paragraph';
  runs: Run[];
  /** Paragraph style: body text (indented first line), a note (注：…), or a centred caption. */
  style?: 'body' | 'note' | 'caption';
}

/**
 * A piece of a paragraph. A figure carries the facts it was computed from, so every number in the
 * narrative traces to the package; a placeholder marks text the user still has to write.
 */
export type Run =
  | { kind: 'text'; text: string }
  | { kind: 'figure'; text: string; figure: FigureSource }
  | { kind: 'placeholder'; text: string; statement: string };

export interface FigureSource {
  /**
   * What the number is: an amount, a share, a change, a growth rate, a completion rate, a count, a
   * performance score, or an indicator's evaluated rate (ratio).
   */
  measure: 'amount' | 'percent' | 'change' | 'rate' | 'completion' | 'count' | 'score' | 'ratio';
  /**
   * Canonical fact keys it is computed from (prefixed `上年:` for last year's facts, `绩效:` for the
   * package's performance data, see performance/summary.ts).
   */
  facts: string[];
  /**
   * Exact value: 分 for amounts and changes, a count, a percentage scaled by 100 (7286 = 72.86%), or a
   * score in hundredths (9476 = 94.76).
   */
  value: bigint;
}

export interface TableBlock {
  kind: 'table';
  table: TableView;
}

/**
 * A free-form table with merged cells, for forms that are not profile tables: the 项目支出绩效自评表,
 * the 部门整体支出绩效自评表, indicator systems. Rows are listed top to bottom; a cell covered by a
 * span of an earlier cell is simply not listed.
 */
export interface GridBlock {
  kind: 'grid';
  title: string;
  /** Lines printed above the grid, e.g. (2024 年度). */
  subtitle?: string;
  /** Relative column widths. */
  widths: number[];
  rows: GridCell[][];
  /** Rows (from the top) repeated as header on every page. */
  headerRows: number;
  notes?: string[];
}

export interface GridCell {
  text: string;
  rowSpan?: number;
  colSpan?: number;
  align?: 'left' | 'center' | 'right';
  bold?: boolean;
  /** A figure cell: its source, so scores and amounts trace like narrative figures. */
  figure?: FigureSource;
}

/** The 单位构成 / 机构设置 list of 第一部分. */
export interface UnitsBlock {
  kind: 'units';
  columns: string[];
  rows: string[][];
}

export interface ChartBlock {
  kind: 'chart';
  chart: ChartSpec;
}

export interface ChartSpec {
  id: string;
  title: string;
  type: 'pie' | 'doughnut' | 'column' | 'bar';
  /** Category labels. */
  categories: string[];
  series: { name: string; values: number[] }[];
  /** Unit of the values, e.g. 万元. */
  unit: string;
}

export interface PageBreakBlock {
  kind: 'pageBreak';
}

/** All text of a paragraph, as printed. */
export function paragraphText(block: ParagraphBlock): string {
  return block.runs.map((r) => r.text).join('');
}
