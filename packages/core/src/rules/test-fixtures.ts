/**
 * Small hand-built table views for the rule tests: a T01-like two-sided table, a T03-like code
 * table, a T09-like table with — cells and counts. Amounts are written in 万元 as printed.
 */
import { levelOf } from '../catalog';
import { parseAmount } from '../money';
import type { ColumnDef } from '../profile';
import type { CellView, RowView, TableView } from '../views';

/** "940.49" 万元 → 分. */
export function wan(text: string): bigint {
  const parsed = parseAmount(text, '万元');
  if (!parsed.ok) throw new Error(parsed.reason);
  return parsed.fen;
}

type CellSpec = string | bigint | null | undefined | { count: number };

export interface RowSpec {
  key?: string;
  line?: number;
  code?: string;
  label?: string;
  blank?: boolean;
  /** By column key: "12.34" (万元), a count, null for —, undefined for not reported. */
  cells?: Record<string, CellSpec>;
}

export interface SectionSpec {
  key: string;
  columns: [key: string, no: number | undefined, label: string][];
  rows: RowSpec[];
}

export function table(
  id: string,
  sections: SectionSpec[],
  options: { title?: string; year?: number; emptyStatement?: string } = {},
): TableView {
  const built = sections.map((s) => {
    const columns: ColumnDef[] = s.columns.map(([key, no, label]) => ({
      key,
      ...(no !== undefined ? { no } : {}),
      label,
    }));
    const rows: RowView[] = s.rows.map((r) => {
      const cells: Record<string, CellView> = {};
      if (!r.blank) {
        for (const column of columns) {
          if (!r.cells || !(column.key in r.cells)) {
            cells[column.key] = { kind: 'money', text: '' };
            continue;
          }
          cells[column.key] = cell(r.cells[column.key]);
        }
      }
      const level = r.code ? levelOf(r.code) : undefined;
      return {
        key: r.key ?? r.code ?? (r.line !== undefined ? `L${r.line}` : (r.label ?? '')),
        ...(r.line !== undefined ? { line: r.line } : {}),
        ...(r.code !== undefined ? { code: r.code } : {}),
        ...(level ? { level } : {}),
        label: r.label ?? '',
        ...(r.blank ? { blank: true } : {}),
        cells,
      };
    });
    return { key: s.key, columns, rows };
  });
  return {
    id,
    number: `公开${id.slice(1)}表`,
    title: options.title ?? `${id} 测试表`,
    unit: '万元',
    subject: '部门：测试局',
    printed: true,
    year: options.year ?? 2024,
    layout: { kind: 'grid', codeColumns: 'single' },
    sections: built,
    notes: [],
    ...(options.emptyStatement ? { emptyStatement: options.emptyStatement } : {}),
    empty: built.every((s) => s.rows.every((r) => Object.values(r.cells).every((c) => !c.value))),
  };
}

function cell(spec: CellSpec): CellView {
  if (spec === null) return { kind: 'money', na: true, text: '—' };
  if (spec === undefined) return { kind: 'money', text: '' };
  if (typeof spec === 'object') return { kind: 'count', value: BigInt(spec.count), text: String(spec.count) };
  const value = typeof spec === 'bigint' ? spec : wan(spec);
  return { kind: 'money', value, text: String(spec) };
}

/** T01-like: income L1–L8, L27 合计, blank L9; expense by 类 (L32 201, L33 210, L34 229), L58 合计. */
export function t01(
  income: { l1: string; l27: string; others?: string },
  expense: Record<string, string> = {},
) {
  const incomeRows: RowSpec[] = [
    { line: 1, label: '一、一般公共预算财政拨款收入', cells: { amount: income.l1 } },
    ...[2, 3, 4, 5, 6, 7, 8].map((line) => ({
      line,
      label: `收入${line}`,
      cells: { amount: income.others ?? '0.00' },
    })),
    { line: 9, blank: true },
    { line: 27, label: '本年收入合计', cells: { amount: income.l27 } },
  ];
  const expenseRows: RowSpec[] = [
    { line: 32, code: '201', label: '一、一般公共服务支出', cells: { amount: expense['201'] } },
    { line: 33, code: '210', label: '九、卫生健康支出', cells: { amount: expense['210'] } },
    { line: 34, code: '229', label: '二十三、其他支出', cells: { amount: expense['229'] } },
    { line: 58, label: '本年支出合计', cells: { amount: expense.total } },
  ];
  return table(
    'T01',
    [
      { key: 'income', columns: [['amount', 1, '金额']], rows: incomeRows },
      { key: 'expense', columns: [['amount', 2, '金额']], rows: expenseRows },
    ],
    { title: '收入支出决算总表' },
  );
}

/** T03-like: 合计 + code rows, columns total (C1), basic (C2), project (C3). */
export function t03(rows: [code: string, total: string, basic: string, project: string][]) {
  return table(
    'T03',
    [
      {
        key: 'main',
        columns: [
          ['total', 1, '本年支出合计'],
          ['basic', 2, '基本支出'],
          ['project', 3, '项目支出'],
        ],
        rows: rows.map(([code, total, basic, project]) => ({
          ...(code === 'total' ? { key: 'total', label: '合计' } : { code, label: `科目${code}` }),
          cells: { total, basic, project },
        })),
      },
    ],
    { title: '支出决算表' },
  );
}

/** T09-like: amount rows L1–L3 with three columns, count rows L11–L12 with only 决算数. */
export function t09(values: { l1: string; l2: string; l3: string; l11: number; l12: number }) {
  const amounts = (v: string) => ({ initialBudget: v, finalBudget: v, actual: v });
  return table(
    'T09',
    [
      {
        key: 'main',
        columns: [
          ['initialBudget', 1, '年初预算数'],
          ['finalBudget', 2, '全年预算数'],
          ['actual', 3, '决算数'],
        ],
        rows: [
          { line: 1, label: '一、“三公”经费支出', cells: amounts(values.l1) },
          { line: 2, label: '1.因公出国（境）费', cells: amounts(values.l2) },
          { line: 3, label: '2.公务用车购置及运行维护费', cells: amounts(values.l3) },
          {
            line: 11,
            label: '1.因公出国（境）团组数（个）',
            cells: { initialBudget: null, finalBudget: null, actual: { count: values.l11 } },
          },
          {
            line: 12,
            label: '2.因公出国（境）人次数（人）',
            cells: { initialBudget: null, finalBudget: null, actual: { count: values.l12 } },
          },
        ],
      },
    ],
    { title: '财政拨款“三公”经费支出决算表' },
  );
}
