/**
 * Test-only harness for the per-rule tests of a profile's catalogue (profiles/<id>/rules.json): each
 * rule gets a passing package and a failing one made by mutating a base package (a sample, or a
 * generated one), and the finding it raises is checked for severity, cells and difference.
 *
 * A mutation edits the package's facts, or — where the two sides of a rule are one fact in a
 * package (收入决算表合计 and 总表第27行 are both `income`) — the tables as a printed document read
 * back would show them, which is what the rule guards against there.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  buildTableViews,
  type CellPlace,
  type CellView,
  type CompiledCatalogue,
  cellPlaces,
  compileCatalogue,
  type DataPackage,
  FactSet,
  type Finding,
  findRow,
  MEASURES,
  measureOf,
  type Profile,
  parseAmount,
  parseFactKey,
  priorPackage,
  type RunResult,
  runRules,
  type TableView,
} from '@juesuan/core';
import { type GenerateOptions, generatePackage } from '@juesuan/core/testing';
import { loadCatalog, loadProfile, PROFILES_DIR } from '../files';

export interface RuleContext {
  profile: Profile;
  catalogue: CompiledCatalogue;
  /** Rule ids in catalogue order. */
  ruleIds: string[];
  base: DataPackage;
  /** Half of a printed last digit of this year's figures, in 分. */
  halfStep: bigint;
  /** The same for last year's figures, when they were written differently. */
  priorHalfStep?: bigint;
}

/** Reads and compiles profiles/<id>/rules.json against the profile; fails the test on any error. */
export function loadCatalogue(profileId: string): { profile: Profile; catalogue: CompiledCatalogue } {
  const profile = loadProfile(profileId);
  const json = JSON.parse(readFileSync(join(PROFILES_DIR, profileId, 'rules.json'), 'utf8')) as {
    profile?: string;
  };
  assert.equal(json.profile, profileId);
  const catalogue = compileCatalogue(json, { tables: profile.tableDefs });
  assert.deepEqual(
    catalogue.errors.map((e) => e.message),
    [],
  );
  return { profile, catalogue };
}

export function runPackage(
  context: RuleContext,
  pkg: DataPackage,
  editViews: ((views: TableView[]) => void)[] = [],
): RunResult {
  const catalog = loadCatalog();
  const views = buildTableViews(pkg, { profile: context.profile, catalog });
  for (const edit of editViews) edit(views);
  const prior = priorPackage(pkg);
  return runRules(context.catalogue, {
    views,
    ...(prior ? { priorViews: buildTableViews(prior, { profile: context.profile, catalog }) } : {}),
    halfStep: context.halfStep,
    ...(context.priorHalfStep !== undefined ? { priorHalfStep: context.priorHalfStep } : {}),
    amounts: pkg.amounts,
    year: pkg.department.year,
  });
}

/** Edits of a package's facts, amounts written in the package's unit, counts as bigint. */
export class FactEdit {
  constructor(private readonly pkg: DataPackage) {}

  private value(key: string, value: string | bigint): bigint {
    const kind = MEASURES[measureOf(key)].kind;
    if (kind === 'count') {
      assert.equal(typeof value, 'bigint', `${key} 是计数，应写成 bigint`);
      return value as bigint;
    }
    assert.equal(typeof value, 'string', `${key} 是金额，应写成字符串`);
    const parsed = parseAmount(value as string, this.pkg.amounts.unit);
    assert.ok(parsed.ok, `金额 ${String(value)} 读不出`);
    return parsed.fen;
  }

  /** Sets a fact of this year (canonical key or any spelling parseFactKey accepts). */
  set(key: string, value: string | bigint): this {
    const canonical = canonicalKey(key);
    this.pkg.facts.set(canonical, this.value(canonical, value));
    return this;
  }

  /** Adds to a fact of this year (absent counts as zero). */
  add(key: string, value: string | bigint): this {
    const canonical = canonicalKey(key);
    this.pkg.facts.set(canonical, (this.pkg.facts.get(canonical) ?? 0n) + this.value(canonical, value));
    return this;
  }

  drop(key: string): this {
    const canonical = canonicalKey(key);
    assert.ok(this.pkg.facts.delete(canonical), `数据包中没有 ${canonical}`);
    return this;
  }

  /** Drops every fact of this year whose canonical key matches. */
  dropWhere(pattern: RegExp): this {
    for (const key of [...this.pkg.facts.keys()]) if (pattern.test(key)) this.pkg.facts.delete(key);
    return this;
  }

  /** Sets a fact of last year. */
  prior(key: string, value: string | bigint): this {
    const canonical = canonicalKey(key);
    this.pkg.priorYear ??= new FactSet();
    this.pkg.priorYear.set(canonical, this.value(canonical, value));
    return this;
  }
}

function canonicalKey(key: string): string {
  const parsed = parseFactKey(key);
  assert.ok(parsed.ok, `事实键 ${key} 有误：${parsed.ok ? '' : parsed.reason}`);
  return parsed.key;
}

/** Edits of the tables as a printed document read back would show them. */
export class ViewEdit {
  constructor(readonly views: TableView[]) {}

  view(table: string): TableView {
    const view = this.views.find((v) => v.id === table);
    assert.ok(view, `没有表 ${table}`);
    return view;
  }

  /** The cell of a row (行次 `L27`, key or code) and column key; created on a blank printed line. */
  cell(table: string, row: string, column: string): CellView {
    const found = findRow(this.view(table), row);
    assert.ok(found, `${table} 没有行 ${row}`);
    assert.ok(
      found.section.columns.some((c) => c.key === column),
      `${table} 行 ${row} 所在部分没有栏 ${column}`,
    );
    found.row.cells[column] ??= { kind: 'money', text: '' };
    return found.row.cells[column];
  }

  /** Prints `value` (分, or a count) in a cell; undefined prints it empty. */
  print(table: string, row: string, column: string, value: bigint | undefined): this {
    const cell = this.cell(table, row, column);
    delete cell.na;
    if (value === undefined) {
      delete cell.value;
      cell.text = '';
    } else {
      cell.value = value;
      cell.text = String(value);
    }
    return this;
  }

  /** Prints the cell `delta` (分, or a count) above what it shows (blank counts as zero). */
  bump(table: string, row: string, column: string, delta: bigint): this {
    return this.print(table, row, column, (this.cell(table, row, column).value ?? 0n) + delta);
  }

  /** The table printed without its empty-table statement. */
  dropStatement(table: string): this {
    const view = this.view(table);
    assert.ok(view.emptyStatement, `${table} 本有空表说明`);
    delete view.emptyStatement;
    return this;
  }
}

export interface Edit {
  facts?: (edit: FactEdit) => void;
  views?: (edit: ViewEdit) => void;
}

export interface RuleCase {
  rule: string;
  /** The mutation, in words (the test's name). */
  what: string;
  /** Applied to both packages, when the base itself does not pass the rule. */
  pass?: Edit;
  fail: Edit;
  severity: 'error' | 'warning';
  /** The finding's leading cells, as `T01[L27].amount`, `T03[2101501].total`, `上年.T04[L60].total`. */
  cells: string[];
  /** found − expected: money in the package's unit (`'-1.01'`), a count as bigint. */
  difference?: string | bigint;
  /** The finding id, where it has no cells (a table-level predicate such as HAS_STATEMENT). */
  id?: string;
}

/** A cell of a finding as `T03[2101501].total`, read from its table, row and column. */
export function cellId(cell: CellPlace): string {
  const row = cell.row?.line !== undefined ? `L${cell.row.line}` : (cell.row?.code ?? cell.row?.key ?? '');
  return `${cell.prior ? '上年.' : ''}${cell.table}[${row}]${cell.column ? `.${cell.column.key}` : ''}${
    cell.row?.missing ? '（本表无此行）' : ''
  }`;
}

export function describeFindings(findings: readonly Finding[]): string {
  return findings.map((f) => `${f.severity} ${f.id}: ${f.message}`).join('\n');
}

function clonePackage(pkg: DataPackage): DataPackage {
  return {
    ...pkg,
    facts: pkg.facts.clone(),
    ...(pkg.priorYear ? { priorYear: pkg.priorYear.clone() } : {}),
  };
}

function applyFacts(pkg: DataPackage, edit: Edit | undefined): DataPackage {
  const copy = clonePackage(pkg);
  edit?.facts?.(new FactEdit(copy));
  return copy;
}

function viewEdits(...edits: (Edit | undefined)[]): ((views: TableView[]) => void)[] {
  return edits.flatMap((edit) => {
    const views = edit?.views;
    return views ? [(v: TableView[]) => views(new ViewEdit(v))] : [];
  });
}

/**
 * Runs one case: the passing package raises no finding of the rule (or only 尾数误差 where figures
 * are printed rounded); the failing one raises it with the severity, cells and difference expected.
 */
export function checkCase(context: RuleContext, c: RuleCase): void {
  const passing = applyFacts(context.base, c.pass);
  const passRun = runPackage(context, passing, viewEdits(c.pass));
  assert.deepEqual(passRun.summary.ruleErrors, [], '通过的数据包不应有规则错误');
  // Exact figures leave no room for 尾数误差: there the passing package raises nothing at all.
  const exact = context.halfStep === 0n && !context.priorHalfStep;
  const notClean = passRun.findings.filter((f) => f.rule === c.rule && (exact || f.severity !== 'info'));
  assert.equal(notClean.length, 0, `通过的数据包不应有 ${c.rule} 的结果：\n${describeFindings(notClean)}`);

  const failing = applyFacts(passing, c.fail);
  const failRun = runPackage(context, failing, viewEdits(c.pass, c.fail));
  assert.deepEqual(failRun.summary.ruleErrors, [], '变异后的数据包不应有规则错误');
  const own = failRun.findings.filter((f) => f.rule === c.rule);
  const match = own.find(
    (f) =>
      (c.id === undefined || f.id === c.id) &&
      c.cells.every((cell, i) => cellPlaces(f)[i] !== undefined && cellId(cellPlaces(f)[i]!) === cell),
  );
  assert.ok(
    match,
    `应有 ${c.rule} 在 ${c.cells.join('、') || c.id} 的结果；实有：\n${describeFindings(own) || '（无）'}\n单元格：${own
      .map((f) => cellPlaces(f).map(cellId).join(' '))
      .join(' | ')}`,
  );
  assert.equal(match.severity, c.severity, match.message);
  assert.equal(match.ruleSeverity ?? match.severity, c.severity);
  assert.equal(match.rounding, false);
  if (c.difference === undefined) {
    assert.equal(match.difference, undefined);
  } else if (typeof c.difference === 'bigint') {
    assert.equal(match.difference?.unit, '个', match.message);
    assert.equal(match.difference.value, String(c.difference));
  } else {
    const expected = parseAmount(c.difference, failing.amounts.unit);
    assert.ok(expected.ok);
    assert.equal(match.difference?.unit, '分', match.message);
    assert.equal(match.difference.value, String(expected.fen), match.message);
  }
  assert.ok(!/\{|\}|undefined/.test(match.message), `提示语未填全：${match.message}`);
}

/** Every rule of the catalogue has a case, and every case names a rule of the catalogue. */
export function assertCoverage(context: RuleContext, cases: readonly RuleCase[]): void {
  const covered = new Set(cases.map((c) => c.rule));
  assert.deepEqual(
    context.ruleIds.filter((id) => !covered.has(id)),
    [],
    '这些规则没有测试用例',
  );
  assert.deepEqual(
    [...covered].filter((id) => !context.ruleIds.includes(id)),
    [],
    '这些用例的规则不在目录中',
  );
}

/** Every rule compiles and carries a Chinese title and message; the catalogue has `count` rules. */
export function assertWellFormed(context: RuleContext, count: number): void {
  assert.equal(context.ruleIds.length, count);
  for (const rule of context.catalogue.rules) {
    assert.match(rule.def.title, /\p{Script=Han}/u, rule.def.id);
    assert.match(rule.def.message ?? '', /\p{Script=Han}/u, rule.def.id);
    assert.notEqual(rule.def.enabled, false, rule.def.id);
  }
}

export interface GeneratedSweep {
  /** Generator options besides seed, index and catalog (profile, year). */
  options: Omit<GenerateOptions, 'seed' | 'index' | 'catalog'>;
  seed: number;
  /** Findings that are right for this generated package (deliberate overruns …). */
  expected?: (finding: Finding, pkg: DataPackage) => boolean;
  /** At least this many of the 24 packages must raise nothing at all. */
  minClean: number;
  priorHalfStep?: bigint;
}

/** Generated (exact 元) packages raise nothing but the findings `expected` says are right. */
export function assertGeneratedClean(context: RuleContext, sweep: GeneratedSweep): void {
  const catalog = loadCatalog();
  let clean = 0;
  for (let index = 0; index < 24; index++) {
    const pkg = generatePackage({ ...sweep.options, seed: sweep.seed, index, catalog });
    const result = runPackage(
      {
        ...context,
        base: pkg,
        halfStep: 0n,
        ...(sweep.priorHalfStep !== undefined ? { priorHalfStep: sweep.priorHalfStep } : {}),
      },
      pkg,
    );
    assert.deepEqual(result.summary.ruleErrors, []);
    const unexpected = result.findings.filter((f) => !sweep.expected?.(f, pkg));
    assert.deepEqual(unexpected, [], `生成的数据包 ${index}：\n${describeFindings(result.findings)}`);
    if (result.findings.length === 0) clean++;
  }
  assert.ok(clean >= sweep.minClean, `无任何结果的生成数据包只有 ${clean} 套`);
}

/**
 * The generator lets a 三公 item overrun its budget now and then (about 6 %), on purpose: T09-06's
 * warning is then right.
 */
export function isDeliberateOverrun(finding: Finding): boolean {
  const [actual, budget] = cellPlaces(finding).map((c) => BigInt(c.value?.value ?? 0));
  return finding.rule === 'T09-06' && (actual ?? 0n) > (budget ?? 0n);
}
