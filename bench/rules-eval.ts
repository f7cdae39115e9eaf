/**
 * Micro benchmark of the 审核公式 evaluator: a realistic catalogue (the table identities of
 * identities.tsv written for jiangxi-2024) over synthetic department packages, evaluated N times.
 *
 *   npx tsx bench/rules-eval.ts [iterations=200] [packages=4]
 *
 * Before timing it checks that the catalogue compiles against the profile and that consistent
 * data raise no error: exact (元) figures pass every identity, and the same figures printed in
 * 万元 (each rounded on its own) give only 尾数误差 (info) findings.
 */
import { buildTableViews, type DataPackage, FactSet, roundToPrinted, type TableView } from '@juesuan/core';
import { loadCatalog, loadProfile } from '@juesuan/data';
// Not yet exported from @juesuan/core's index.
import { compileCatalogue, type RunResult, runRules } from '../packages/core/src/rules/index';
import { generatePackage } from '../packages/core/src/synthetic';

const CATALOGUE = {
  format: 'juesuan.rules/1',
  profile: 'jiangxi-2024',
  rules: [
    r('T01-01', '本年收入合计等于各项收入之和', 'T01[L27] = SUM(T01[L1:L8])'),
    r('T01-02', '收入总计', 'T01[L31] = T01[L27] + T01[L28] + T01[L29]'),
    r('T01-03', '本年支出合计等于各类支出之和', 'T01[L58] = SUM(T01[L32:L57])'),
    r('T01-04', '支出总计', 'T01[L62] = T01[L58] + T01[L59] + T01[L60]'),
    r('T01-05', '收入总计等于支出总计', 'T01[L31] = T01[L62]'),
    r('T01-06', '空行次不填数', 'FOR r IN T01 WHERE r IS BLANK: BLANK(r)'),
    r('T02-01', '各行本年收入合计等于各项收入之和', 'FOR r IN T02: r.C1 = SUM(r.C2:C7)'),
    r(
      'T02-02',
      '收入决算表科目层级',
      'FOR r IN T02 WHERE r IS PARENT, c IN COLUMNS(T02): r.c = SUM(CHILDREN(r).c)',
    ),
    r('T02-03', '收入决算表合计与总表一致', 'T02[total].C1 = T01[L27]', 'cross'),
    r(
      'T02-04',
      '收入决算表合计各栏与总表一致',
      'T02[total].C2 = T01[L1] + T01[L2] + T01[L3]; T02[total].C3 = T01[L4]; T02[total].C4 = T01[L5]; T02[total].C5 = T01[L6]; T02[total].C6 = T01[L7]; T02[total].C7 = T01[L8]',
      'cross',
    ),
    r('T03-01', '各行本年支出合计等于各项支出之和', 'FOR r IN T03: r.C1 = SUM(r.C2:C6)'),
    r(
      'T03-02',
      '支出决算表科目层级',
      'FOR r IN T03 WHERE r IS PARENT, c IN COLUMNS(T03): r.c = SUM(CHILDREN(r).c)',
    ),
    r('T03-03', '支出决算表合计与总表一致', 'T03[total].C1 = T01[L58]', 'cross'),
    r('T03-04', '各类支出与总表一致', 'FOR k IN T03 WHERE k IS 类: k.C1 = T01[k]', 'cross'),
    r('T03-05', '合计行须填列', 'IF NOT ALLZERO(T03) THEN PRESENT(T03[total].C1)'),
    r('T04-01', '财政拨款本年收入合计', 'T04[L27] = T04[L1] + T04[L2] + T04[L3]'),
    r('T04-02', '年初财政拨款结转和结余', 'T04[L28] = T04[L29] + T04[L30] + T04[L31]'),
    r('T04-03', '财政拨款收入总计', 'T04[L32] = T04[L27] + T04[L28]'),
    r(
      'T04-04',
      '各支出行合计等于分资金之和',
      'FOR r IN T04[L33:L64] WHERE r IS NOT BLANK: r.C2 = r.C3 + r.C4 + r.C5',
    ),
    r('T04-05', '财政拨款本年支出合计', 'FOR c IN T04.C2:C5: T04[L59].c = SUM(T04[L33:L58].c)'),
    r('T04-06', '财政拨款支出总计', 'FOR c IN T04.C2:C5: T04[L64].c = T04[L59].c + T04[L60].c'),
    r('T04-07', '财政拨款收支总计平衡', 'T04[L32] = T04[L64].C2'),
    r(
      'T04-08',
      '分资金结转结余滚动',
      'T04[L60].C3 = T04[L1] + T04[L29] - T04[L59].C3; T04[L60].C4 = T04[L2] + T04[L30] - T04[L59].C4; T04[L60].C5 = T04[L3] + T04[L31] - T04[L59].C5',
    ),
    r('T04-09', '财政拨款收入与总表一致', 'T04[L1] = T01[L1]; T04[L2] = T01[L2]; T04[L3] = T01[L3]', 'cross'),
    r(
      'T04-10',
      '财政拨款不超过全部资金',
      'T04[L28] <= T01[L29]; T04[L60].C2 <= T01[L60]; T04[L59].C2 <= T01[L58]',
      'cross',
      'warning',
    ),
    r(
      'T04-11',
      '分资金支出与各表一致（按类）',
      'FOR k IN T04 WHERE k IS 类: k.C3 = T05[k].C1; k.C4 = T07[k].C3; k.C5 = T08[k].C1',
      'cross',
    ),
    r(
      'T04-11.2',
      '分资金支出合计与各表一致',
      'T04[L59].C3 = T05[total].C1; T04[L59].C4 = T07[total].C3; T04[L59].C5 = T08[total].C1',
      'cross',
    ),
    r(
      'T04-12',
      '财政拨款支出不超过全部支出（按类）',
      'FOR k IN T04 WHERE k IS 类: k.C2 <= T01[k]',
      'cross',
      'warning',
    ),
    r('T05-01', '一般公共预算支出各行', 'FOR r IN T05: r.C1 = r.C2 + r.C3'),
    r(
      'T05-02',
      '一般公共预算支出科目层级',
      'FOR r IN T05 WHERE r IS PARENT, c IN COLUMNS(T05): r.c = SUM(CHILDREN(r).c)',
    ),
    r('T05-03', '基本支出等于人员经费加公用经费', 'T05[total].C2 = T06[personnel] + T06[public]', 'cross'),
    r(
      'T05-04',
      '一般公共预算支出不超过全部支出',
      'FOR k IN T05, c IN (total, basic, project): T05[k].c <= T03[k].c',
      'cross',
      'warning',
    ),
    r(
      'T05-05',
      '一般公共预算支出科目见于支出决算表',
      'FOR k IN T05 WHERE k IS CODE: EXISTS(T03[k])',
      'cross',
      'warning',
    ),
    r('T06-01', '经济分类各类等于其款之和', 'FOR r IN T06 WHERE r IS 类: r = SUM(CHILDREN(r))'),
    r('T06-02', '人员经费合计', 'T06[personnel] = T06[301] + T06[303]'),
    r('T06-03', '公用经费合计', 'T06[public] = T06[302] + T06[307] + T06[310] + T06[399]'),
    r('T07-01', '政府性基金支出各行', 'FOR r IN T07: r.C3 = r.C4 + r.C5'),
    r(
      'T07-02',
      '政府性基金结转结余滚动（合计）',
      'T07[total].C6 = T07[total].C1 + T07[total].C2 - T07[total].C3',
    ),
    r(
      'T07-03',
      '政府性基金合计与财政拨款总表一致',
      'T07[total].C1 = T04[L30]; T07[total].C2 = T04[L2]; T07[total].C3 = T04[L59].C4; T07[total].C6 = T04[L60].C4',
      'cross',
    ),
    r('T07-04', '政府性基金空表说明', 'IF ALLZERO(T07) THEN HAS_STATEMENT(T07)'),
    r('T08-01', '国有资本经营支出各行', 'FOR r IN T08: r.C1 = r.C2 + r.C3'),
    r('T08-02', '国有资本经营空表说明', 'IF ALLZERO(T08) THEN HAS_STATEMENT(T08)'),
    r('T09-01', '三公经费合计', 'FOR c IN T09.C1:C3: T09[L1].c = T09[L2].c + T09[L3].c + T09[L6].c'),
    r('T09-02', '公务用车购置及运行维护费', 'FOR c IN T09.C1:C3: T09[L3].c = T09[L4].c + T09[L5].c'),
    r('T09-03', '公务接待费', 'T09[L6].actual = T09[L7].actual + T09[L9].actual'),
    r(
      'T09-04',
      '统计数与不适用栏',
      'T09[L16] <= T09[L15]; T09[L18] <= T09[L17]; FOR r IN T09[L7:L9], c IN T09.C1:C2: NA(r.c)',
    ),
    r(
      'T09-05',
      '三公经费与统计数相互印证',
      'T09[L2].actual > 0 IFF (T09[L11] > 0 AND T09[L12] > 0); T09[L7].actual > 0 IFF (T09[L15] > 0 AND T09[L17] > 0); IF T09[L4].actual > 0 THEN T09[L13] > 0',
      'intra',
      'warning',
    ),
    r(
      'T09-06',
      '三公经费决算不超过全年预算',
      'FOR r IN T09[L1:L6]: r.actual <= r.finalBudget',
      'intra',
      'warning',
    ),
    r(
      'T09-07',
      '基本支出中的三公经费不超过三公决算',
      'T06[30217] <= T09[L6].actual; T06[30212] <= T09[L2].actual; T06[30231] <= T09[L5].actual; T06[31013] <= T09[L4].actual',
      'cross',
      'warning',
    ),
    r('T09-08', '公务用车保有量不超过车辆数', 'T09[L14] <= T10[L1]', 'cross', 'warning'),
    r('T10-01', '车辆数合计', 'T10[L1] = SUM(T10[L2:L9])'),
    r(
      'Y-01',
      '年初结转和结余等于上年年末',
      'T01[L29] = 上年.T01[L60]; T04[L28] = 上年.T04[L60].C2',
      'year',
      'warning',
    ),
  ],
};

function r(id: string, title: string, formula: string, category = 'intra', severity = 'error') {
  return { id, title, formula, severity, category };
}

const iterations = Number(process.argv[2] ?? 200);
const packageCount = Number(process.argv[3] ?? 4);

const profile = loadProfile('jiangxi-2024');
let catalog: ReturnType<typeof loadCatalog>;
try {
  catalog = loadCatalog();
} catch (error) {
  console.error(`无法读取科目表（catalogs/）：${(error as Error).message}`);
  process.exit(1);
}
const compileStart = performance.now();
const compiled = compileCatalogue(CATALOGUE, { tables: profile.tableDefs });
const compileMs = performance.now() - compileStart;
if (!compiled.ok) {
  for (const error of compiled.errors) console.error(error.message);
  process.exit(1);
}

interface Case {
  views: TableView[];
  priorViews: TableView[];
  printed: TableView[];
  printedPrior: TableView[];
}

const cases: Case[] = [];
for (let index = 0; index < packageCount; index++) {
  const pkg = generatePackage({ seed: 7, index, catalog });
  const prior: DataPackage = {
    ...pkg,
    department: { ...pkg.department, year: pkg.department.year - 1 },
    facts: pkg.priorYear ?? new FactSet(),
  };
  const views = buildTableViews(pkg, { profile, catalog });
  const priorViews = buildTableViews(prior, { profile, catalog });
  cases.push({ views, priorViews, printed: views.map(asPrinted), printedPrior: priorViews.map(asPrinted) });
}

/** The views as a 万元 document with 2 decimals shows them: every money cell rounded on its own. */
function asPrinted(view: TableView): TableView {
  return {
    ...view,
    sections: view.sections.map((s) => ({
      ...s,
      rows: s.rows.map((row) => ({
        ...row,
        cells: Object.fromEntries(
          Object.entries(row.cells).map(([key, cell]) => [
            key,
            cell.kind === 'money' && cell.value !== undefined
              ? { ...cell, value: roundToPrinted(cell.value, '万元', 2) }
              : cell,
          ]),
        ),
      })),
    })),
  };
}

// Consistent data: no error, and printed figures add nothing worse than 尾数误差.
let infos = 0;
for (const c of cases) {
  const exact = runRules(compiled, { views: c.views, priorViews: c.priorViews, halfStep: 0n });
  const printed = runRules(compiled, { views: c.printed, priorViews: c.printedPrior, halfStep: 5_000n });
  for (const [label, result] of [
    ['元', exact],
    ['万元', printed],
  ] as [string, RunResult][]) {
    const bad = result.findings.filter(
      (f) => f.severity === 'error' || (label === '元' && f.severity === 'info'),
    );
    const unexpected = [...bad, ...result.summary.ruleErrors.map((e) => ({ message: e.message }))];
    if (unexpected.length) {
      console.error(`一致的合成数据（${label}）出现了不应有的结果：`);
      for (const f of unexpected.slice(0, 10)) console.error(`  ${f.message}`);
      process.exit(1);
    }
  }
  infos += printed.summary.counts.info;
}

let checks = 0;
const start = performance.now();
for (let i = 0; i < iterations; i++) {
  const c = cases[i % cases.length]!;
  const result = runRules(compiled, { views: c.printed, priorViews: c.printedPrior, halfStep: 5_000n });
  checks += result.summary.checks;
}
const seconds = (performance.now() - start) / 1000;
const rules = compiled.rules.length * iterations;
console.log(`审核公式：${compiled.rules.length} 条规则，编译 ${compileMs.toFixed(1)} ms（含按口径检查）`);
console.log(
  `合成数据 ${cases.length} 套：元 数据全部通过；万元 印刷数共 ${infos} 条尾数误差（info），无错误`,
);
console.log(
  `${iterations} 次 × ${compiled.rules.length} 条 = ${rules} 条规则，${checks} 项检查，用时 ${seconds.toFixed(2)} s：` +
    `${Math.round(rules / seconds)} 条规则/秒，${Math.round(checks / seconds)} 项检查/秒，` +
    `${((seconds * 1000) / iterations).toFixed(2)} ms/套`,
);
