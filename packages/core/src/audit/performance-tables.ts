/**
 * 项目支出绩效自评表 of a published document checked with the performance rules (the parsing is in
 * performance-parse.ts): a table printed twice is checked once, and every finding is placed at the
 * table, row (三级指标) and column it is about.
 */

import { pushAll } from '../arrays';
import { formatRatioPercent, parseDecimal, q, qAbs, qCmp, qMul, qSub } from '../exact';
import { FactSet } from '../fact-set';
import type { Finding } from '../finding';
import type { DataPackage } from '../package';
import { checkPerformance } from '../performance/check';
import type { PerformanceProfile } from '../performance/profile';
import type { PerformanceData, ProjectData } from '../performance/schema';
import { gradeOf, hundredthsOf, normalizeGrade, wanToFen } from '../performance/score';
import { normalizeText } from '../text/normalize';
import type { PerformanceCheck } from './audit';
import { type DocumentLocation, documentFinding, documentPlaces } from './findings';
import { clean, norm, type ParsedProjectTable, parseProjectTable } from './performance-parse';
import {
  type PerformanceStatements,
  type ProjectScoreStatement,
  readPerformanceStatements,
} from './performance-statements';
import { checkTransferTable, isTransferGrid, readTransferTable } from './performance-transfer';
import {
  BASE_DATA_TITLE,
  baseDataSummary,
  checkWholeTable,
  isWholeDepartmentGrid,
  readBaseData,
  readWholeTable,
} from './performance-whole';
import type { RawDocument, RawLocation } from './raw';
import type { PerformanceGrid } from './recognize';

// ---------------------------------------------------------------------------------------------
// Checking

export interface PerformanceAuditContext {
  year: number;
  /** The document, to read the year printed with each table (（2024 年度）). */
  raw?: RawDocument;
}

export interface PerformanceAuditResult {
  tables: ParsedProjectTable[];
  findings: Finding[];
}

/**
 * Whether a performance finding on a package can also be found in a printed document: not the
 * share of 项目支出 (P-R22; the narrative check N-17 holds it against the printed tables) nor the
 * defects of the profile's whole-department indicator system itself (P-R28, P-R01@整体/…), which
 * are no part of any document.
 */
export function visibleInPrint(findingId: string): boolean {
  return !findingId.startsWith('P-R22@') && !/^P-R(28|01)@整体\//.test(findingId);
}

/**
 * Parses every performance grid and checks the projects read with the performance rules; a table
 * printed twice (a 附件 reprint) is checked once; a whole-department table is rescored with the
 * 基础数据表 printed beside it. Findings are placed at the table, row and column.
 */
export function auditPerformanceTables(
  grids: readonly PerformanceGrid[],
  profile: PerformanceProfile,
  context: PerformanceAuditContext,
): PerformanceAuditResult {
  const findings: Finding[] = [];
  const tables: ParsedProjectTable[] = [];
  const byName = new Map<string, ParsedProjectTable>();
  const baseGrids = grids.filter((g) => g.title === BASE_DATA_TITLE);
  for (const grid of joinContinuations(grids.filter((g) => !baseGrids.includes(g)))) {
    const transfer = isTransferGrid(grid) ? readTransferTable(grid) : undefined;
    if (transfer) {
      pushAll(findings, checkTransferTable(transfer, profile));
      continue;
    }
    const whole = isWholeDepartmentGrid(grid) ? readWholeTable(grid) : undefined;
    if (whole?.rows.length) {
      const stated = context.raw ? readPerformanceStatements(context.raw).wholeGrade : undefined;
      pushAll(
        findings,
        checkWholeTable(whole, profile, context.raw ? readBaseData(context.raw) : {}, stated),
      );
      continue;
    }
    const parsed = readProjectTable(grid, context);
    tables.push(parsed);
    const what = tableName(grid, parsed.name ?? grid.project);
    if (!parsed.project) {
      findings.push(unreadTableFinding(grid, parsed, what));
      continue;
    }
    const key = normalizeText(parsed.project.name);
    const first = byName.get(key);
    if (first?.project) {
      findings.push(reprintFinding(grid, first.grid, first.project, parsed.project, what));
      continue;
    }
    byName.set(key, parsed);
    if (parsed.problems.length) findings.push(partlyReadFinding(grid, parsed, parsed.project, what));
  }
  // 基础数据 with no whole-department table to check: said what was read.
  if (!findings.some((f) => f.id.includes('@整体表'))) pushAll(findings, baseGrids.map(baseDataFinding));
  const checked = [...byName.values()];
  if (!checked.length) return { tables, findings };
  pushAll(findings, checkReadProjects(checked, grids, profile, context));
  return { tables, findings };
}

/** A grid parsed as a 项目支出绩效自评表; what could not be read is listed as its problems. */
function readProjectTable(grid: PerformanceGrid, context: PerformanceAuditContext): ParsedProjectTable {
  const year = context.raw ? printedYear(context.raw, grid) : undefined;
  try {
    return parseProjectTable(grid, year !== undefined ? { year } : {});
  } catch (error) {
    return { grid, places: new Map(), problems: [`读取时出错：${(error as Error).message}`] };
  }
}

/** P-P01 (info): a 绩效 form's 基础数据 read, with nothing printed to check it against. */
function baseDataFinding(grid: PerformanceGrid): Finding {
  const data = readBaseData({ file: '', format: 'text', pages: 1, blocks: [grid.table], warnings: [] });
  return documentFinding({
    id: `P-P01@基础数据~${grid.blockIndex}`,
    rule: 'P-P01',
    severity: 'info',
    category: 'performance',
    location: { ...grid.location, tableNumber: BASE_DATA_TITLE },
    message: `读到部门整体支出绩效自评的基础数据：${baseDataSummary(data)}；文中没有整体支出绩效自评表，无从重算`,
  });
}

/** P-P01: a table without a project read from it. */
function unreadTableFinding(grid: PerformanceGrid, parsed: ParsedProjectTable, what: string): Finding {
  // 部门整体支出绩效评价表 has no 项目名称: it is known, not a defect, and not read item by item.
  const isProject = !/整体/.test(normalizeText(grid.title)) || parsed.name !== undefined;
  return documentFinding({
    id: `P-P01@${grid.location.page ?? ''}:${grid.location.line ?? grid.blockIndex}`,
    rule: 'P-P01',
    severity: isProject ? 'warning' : 'info',
    category: 'performance',
    location: { ...grid.location, tableNumber: what },
    message: isProject
      ? `${what}无法读取：${parsed.problems.join('；')}；该表未按绩效规则核对`
      : `${what}是部门整体绩效评价表，不是项目支出绩效自评表，暂不逐项核对（${parsed.problems.join('；')}）`,
  });
}

/** P-P02: a project's table printed a second time, with where the two differ. */
function reprintFinding(
  grid: PerformanceGrid,
  firstGrid: PerformanceGrid,
  firstProject: ProjectData,
  project: ProjectData,
  what: string,
): Finding {
  const differences = projectDifferences(firstProject, project);
  return documentFinding({
    id: `P-P02@${project.name}~${grid.location.line ?? grid.blockIndex}`,
    rule: 'P-P02',
    severity: differences.length ? 'warning' : 'info',
    category: 'performance',
    location: { ...grid.location, tableNumber: what },
    found: what,
    message: differences.length
      ? `项目“${project.name}”的自评表印了两次，两处不一致：${differences.slice(0, 5).join('；')}${differences.length > 5 ? ` 等 ${differences.length} 处` : ''}；只按第一张核对`
      : `项目“${project.name}”的自评表重复印出（与${locationWords(firstGrid.location)}的一张相同），只核对一次`,
  });
}

/** P-P01 (info): a project read with parts left out. */
function partlyReadFinding(
  grid: PerformanceGrid,
  parsed: ParsedProjectTable,
  project: ProjectData,
  what: string,
): Finding {
  return documentFinding({
    id: `P-P01@${project.name}`,
    rule: 'P-P01',
    severity: 'info',
    category: 'performance',
    location: { ...grid.location, tableNumber: what },
    message: `${what}有部分内容未能读取：${parsed.problems.join('；')}`,
  });
}

/** The projects read, checked with the performance rules, the findings placed in the print. */
function checkReadProjects(
  checked: readonly ParsedProjectTable[],
  grids: readonly PerformanceGrid[],
  profile: PerformanceProfile,
  context: PerformanceAuditContext,
): Finding[] {
  const statements = context.raw ? readPerformanceStatements(context.raw) : { projectScores: [] };
  // A stated grade is "without a score table" only when no whole-department table was printed.
  const wholeTable = grids.some((g) => /整体/.test(normalizeText(g.title)));
  const performance: PerformanceData = {
    projects: checked.map((t) => t.project!),
    ...(statements.summary ? { summary: statements.summary.data } : {}),
    ...(statements.wholeGrade && !wholeTable
      ? { wholeDepartment: { published: { grade: statements.wholeGrade.grade } } }
      : {}),
  };
  // The whole-department indicator system is scored from the package's facts, which a printed
  // document does not give in full; what the print states is checked without it (P-R26).
  const printed: PerformanceProfile = { ...profile, systems: new Map() };
  delete printed.defaultSystem;
  const pkg = packageOf(performance, context.year, profile.id);
  return [
    ...checkPerformance(pkg, printed).map((f) => placeFinding(f, checked, statements)),
    ...statedScoreFindings(statements.projectScores, checked, profile),
  ];
}

/**
 * P-R08: a project's score (and grade) as the text states it, against its table's 总分. The
 * statement is about the table whose 项目名称 its words name (the longest such name).
 */
function statedScoreFindings(
  stated: readonly ProjectScoreStatement[],
  checked: readonly ParsedProjectTable[],
  profile: PerformanceProfile,
): Finding[] {
  const findings: Finding[] = [];
  const key = (name: string) => normalizeText(name);
  for (const s of stated) {
    const subject = normalizeText(s.subject);
    const table = checked
      .filter((t) => subject.includes(key(t.project!.name)))
      .sort((a, b) => b.project!.name.length - a.project!.name.length)[0];
    const project = table?.project;
    const total = project?.total?.score;
    if (!table || !project) continue;
    const money = statedMoneyFinding(s, table);
    if (money) findings.push(money);
    if (total === undefined) continue;
    const printedTotal = hundredthsOf(total);
    const grade = gradeOf(printedTotal, profile);
    const scoreDiffers = hundredthsOf(s.score) !== printedTotal;
    const gradeDiffers = s.grade !== undefined && normalizeGrade(s.grade, profile) !== grade;
    if (!scoreDiffers && !gradeDiffers) continue;
    const place = table.places.get('总分') ?? table.places.get('')!;
    findings.push(
      documentFinding({
        id: `P-R08@${project.name}/自评分`,
        rule: 'P-R08',
        category: 'performance',
        location: { ...s.location, sentence: s.sentence },
        ...(scoreDiffers ? { found: `${s.score}分`, expected: `${total}分` } : {}),
        message: `文中称项目“${project.name}”${scoreDiffers ? `自评分 ${s.score} 分` : ''}${gradeDiffers ? `${scoreDiffers ? '、' : ''}评价等级为“${s.grade}”` : ''}，其自评表（${locationWords(place.location)}）总分为 ${total} 分${gradeDiffers ? `，对应“${grade}”` : ''}`,
      }),
    );
  }
  return findings;
}

/**
 * P-R08: the 全年预算数, 执行数 and 完成预算的 % stated with a project's score, against its table's
 * 年度资金总额 (the percentage as far as it is printed).
 */
function statedMoneyFinding(s: ProjectScoreStatement, table: ParsedProjectTable): Finding | undefined {
  const project = table.project!;
  const total = project.funds?.total;
  const differences: string[] = [];
  for (const [label, stated, printed] of [
    ['全年预算数', s.budget, total?.final],
    ['执行数', s.executed, total?.executed],
  ] as const) {
    if (stated !== undefined && printed !== undefined && wanToFen(stated) !== wanToFen(printed))
      differences.push(`${label} ${stated} 万元（表中 ${printed} 万元）`);
  }
  if (s.completion !== undefined && total?.final !== undefined && total.executed !== undefined) {
    const A = wanToFen(total.final);
    const rate = A > 0n ? q(wanToFen(total.executed), A) : undefined;
    const decimals = s.completion.split('.')[1]?.length ?? 0;
    const half = q(5n, 10n ** BigInt(decimals + 1));
    if (rate && qCmp(qAbs(qSub(qMul(rate, q(100n)), parseDecimal(s.completion)!)), half) > 0)
      differences.push(
        `完成预算的 ${s.completion}%（表中 ${total.executed} ÷ ${total.final} = ${formatRatioPercent(rate)}）`,
      );
  }
  if (!differences.length) return undefined;
  return documentFinding({
    id: `P-R08@${project.name}/说明资金`,
    rule: 'P-R08',
    category: 'performance',
    location: { ...s.location, sentence: s.sentence },
    message: `文中称项目“${project.name}”${differences.join('、')}，与其自评表的年度资金总额不符`,
  });
}

/**
 * A grid without a 项目名称 right after a project's grid is the rest of that table (a page break
 * the reader did not join): its rows are appended.
 */
function joinContinuations(grids: readonly PerformanceGrid[]): PerformanceGrid[] {
  const out: PerformanceGrid[] = [];
  const named = (g: PerformanceGrid) =>
    g.table.rows.slice(0, 4).some((r) => r.some((c) => norm(c) === '项目名称'));
  for (const grid of grids) {
    const prev = out.at(-1);
    if (prev && named(prev) && !named(grid) && !/整体/.test(normalizeText(grid.title))) {
      out[out.length - 1] = {
        ...prev,
        table: {
          ...prev.table,
          rows: [...prev.table.rows, ...grid.table.rows],
          rowLocations: [
            ...prev.table.rows.map((_, i) => prev.table.rowLocations[i] ?? prev.location),
            ...grid.table.rows.map((_, i) => grid.table.rowLocations[i] ?? grid.location),
          ],
        },
      };
      continue;
    }
    out.push(grid);
  }
  return out;
}

/** The hook for auditDocument: the profile's performance rules, loaded by profile id. */
export function performanceTableCheck(
  load: (profileId: string) => PerformanceProfile | undefined,
): PerformanceCheck {
  return (tables, context) => {
    const profile = load(context.profile.id);
    if (!profile) {
      return [
        documentFinding({
          id: 'P-P01@口径',
          rule: 'P-P01',
          severity: 'info',
          category: 'performance',
          location: tables[0]?.location ?? {},
          message: `口径 ${context.profile.id} 没有绩效计分规则（performance.json），${tables.length} 张绩效自评表未核对`,
        }),
      ];
    }
    return auditPerformanceTables(tables, profile, {
      year: context.year,
      ...(context.raw ? { raw: context.raw } : {}),
    }).findings;
  };
}

/**
 * Only what checkPerformance reads: the projects, the statements, the year. No facts: the share of
 * 项目支出 (P-R22) is what the narrative checks hold against the printed tables (N-17).
 */
function packageOf(performance: PerformanceData, year: number, profile: string): DataPackage {
  return {
    department: { name: '', year, profile },
    amounts: { unit: '万元', decimals: 2 },
    units: [],
    facts: new FactSet(),
    codeNames: { functional: {}, economic: {} },
    narrative: { duties: [], organization: [], reasons: {} },
    explanations: {},
    performance,
    consolidated: false,
  };
}

function tableName(grid: PerformanceGrid, project: string | undefined): string {
  const title = normalizeText(grid.title).includes('项目支出绩效自评表')
    ? '项目支出绩效自评表'
    : clean(grid.title);
  return project ? `${title}（${project}）` : title;
}

function locationWords(location: RawLocation): string {
  return location.page !== undefined
    ? `第 ${location.page} 页`
    : location.line !== undefined
      ? `第 ${location.line} 行`
      : '前面';
}

/** The year printed with a table: on a line before it, or (flattened into text) before its 项目名称. */
function printedYear(raw: RawDocument, grid: PerformanceGrid): number | undefined {
  const own = /(20\d{2})\s*年度/.exec(grid.table.rows[0]?.join('') ?? '');
  if (own) return Number(own[1]);
  for (let j = grid.blockIndex - 1, seen = 0; j >= 0 && seen < 4; j--, seen++) {
    const block = raw.blocks[j];
    if (block?.kind !== 'text') break;
    const m = /(20\d{2})\s*年度/.exec(block.text);
    if (m) return Number(m[1]);
  }
  return undefined;
}

/** Where a check finding is: its address is `<project>` or `<project>/<part>`. */
function placeFinding(
  f: Finding,
  tables: readonly ParsedProjectTable[],
  statements: PerformanceStatements = { projectScores: [] },
): Finding {
  const where = f.id.slice(f.id.indexOf('@') + 1).replace(/~\d+$/, '');
  const statement = where.startsWith('项目自评/')
    ? statements.summary
    : where === '整体' || where.startsWith('整体/')
      ? statements.wholeGrade
      : undefined;
  let table: ParsedProjectTable | undefined;
  let part = '';
  for (const t of tables) {
    const name = t.project!.name;
    if (
      (where === name || where.startsWith(`${name}/`)) &&
      (!table || name.length > table.project!.name.length)
    ) {
      table = t;
      part = where === name ? '' : where.slice(name.length + 1);
    }
  }
  let location: DocumentLocation = statement
    ? { ...statement.location, sentence: statement.sentence, section: '预算绩效情况说明' }
    : {};
  if (table) {
    const what = tableName(table.grid, table.project!.name);
    const wholeTable = ['P-R03', 'P-R03.2', 'P-R07'].includes(f.rule) && part === '' ? '总分' : part;
    const place =
      table.places.get(wholeTable) ??
      table.places.get(part.replace(/^执行率\/.*$/, '执行率')) ??
      table.places.get('')!;
    const column = columnOf(f.rule, part, place.column);
    location = {
      ...place.location,
      tableNumber: what,
      row: { label: place.row },
      ...(column ? { column: { label: column } } : {}),
    };
  }
  return { ...f, places: documentPlaces(location) };
}

/** The column a rule is about, on an indicator row or the 执行率 row. */
function columnOf(rule: string, part: string, fallback: string | undefined): string | undefined {
  if (part.startsWith('执行率/')) return '执行率';
  if (part === '执行率') return rule === 'P-R05' || rule === 'P-R21' ? '执行率' : '得分';
  if (part.startsWith('资金/')) return part.slice(3);
  if (['P-R13', 'P-R12', 'P-R19'].includes(rule)) return '实际完成值';
  if (['P-R15', 'P-R16'].includes(rule)) return '年度指标值';
  if (rule === 'P-R10') return '偏差原因分析及改进措施';
  return fallback;
}

/** Field by field, what two printings of one project's table disagree on. */
export function projectDifferences(a: ProjectData, b: ProjectData): string[] {
  const out: string[] = [];
  const same = (x: unknown, y: unknown) => {
    const n = (v: unknown) => (typeof v === 'string' ? normalizeText(v) : JSON.stringify(v));
    return n(x) === n(y) || (num(x) !== undefined && num(x) === num(y));
  };
  const num = (v: unknown) => (typeof v === 'string' && /^\d+(\.\d+)?$/.test(v) ? Number(v) : undefined);
  const cmp = (label: string, x: unknown, y: unknown) => {
    if (!same(x, y)) out.push(`${label}：${String(x ?? '（空）')} / ${String(y ?? '（空）')}`);
  };
  for (const k of ['initial', 'final', 'executed', 'rate', 'points', 'score'] as const) {
    cmp(`年度资金总额 ${k}`, a.funds?.total[k], b.funds?.total[k]);
  }
  cmp('总分分值', a.total?.points, b.total?.points);
  cmp('总分', a.total?.score, b.total?.score);
  const ai = a.indicators ?? [];
  const bi = b.indicators ?? [];
  if (ai.length !== bi.length) out.push(`三级指标 ${ai.length} 行 / ${bi.length} 行`);
  for (let k = 0; k < Math.min(ai.length, bi.length); k++) {
    const x = ai[k]!;
    const y = bi[k]!;
    cmp(`第 ${k + 1} 个指标名称`, x.name, y.name);
    cmp(`“${x.name}”年度指标值`, x.target.text, y.target.text);
    cmp(`“${x.name}”实际完成值`, x.actual, y.actual);
    cmp(`“${x.name}”分值`, x.points, y.points);
    cmp(`“${x.name}”得分`, x.score, y.score);
  }
  return out;
}
