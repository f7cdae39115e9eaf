import { readFileSync } from 'node:fs';
import { buildTableViews, compileCatalogue, type DataPackage, FactSet, generatePackage, runRules } from '@juesuan/core';
import { EXAMPLES_DIR, loadCatalog, loadProfile, readPackageFile } from './files';

function run(pkg: DataPackage, id: string, halfStep: bigint, priorHalfStep?: bigint) {
  const catalog = loadCatalog();
  const profile = loadProfile(id);
  const compiled = compileCatalogue(JSON.parse(readFileSync(`profiles/${id}/rules.json`, 'utf8')), { tables: profile.tableDefs });
  const views = buildTableViews(pkg, { profile, catalog });
  const prior = pkg.priorYear ? buildTableViews({ ...pkg, department: { ...pkg.department, year: pkg.department.year - 1 }, facts: pkg.priorYear }, { profile, catalog }) : undefined;
  return runRules(compiled, { views, ...(prior ? { priorViews: prior } : {}), halfStep, ...(priorHalfStep !== undefined ? { priorHalfStep } : {}), amounts: pkg.amounts, year: pkg.department.year });
}
const show = (label: string, res: ReturnType<typeof run>) => {
  console.log(`== ${label}: ${JSON.stringify(res.summary.counts)} skipped=${JSON.stringify(res.summary.skipped)} ruleErrors=${JSON.stringify(res.summary.ruleErrors)}`);
  for (const f of res.findings) console.log(`  ${f.severity} ${f.id} ${f.message}`);
};
const mode = process.argv[2];
if (mode === 'samples') {
  const jdz = readPackageFile(`${EXAMPLES_DIR}/jingdezhen-2024.json`).package!;
  show('jingdezhen', run(jdz, 'jiangxi-2024', 5000n));
  const qsh = readPackageFile(`${EXAMPLES_DIR}/qingshanhu-2020.json`).package!;
  show('qingshanhu', run(qsh, 'jiangxi-2020', 0n, 5000n));
} else {
  const catalog = loadCatalog();
  const profile = process.argv[3] ?? 'jiangxi-2024';
  const year = Number(process.argv[4] ?? 2024);
  for (let i = 0; i < Number(process.argv[5] ?? 20); i++) {
    const pkg = generatePackage({ seed: Number(process.env.SEED ?? 7), index: i, catalog, profile, year });
    const res = run(pkg, profile, 0n);
    console.log(`-- index ${i}: ${JSON.stringify(res.summary.counts)} errs=${res.summary.ruleErrors.length} skipped=${res.summary.skipped.length}`);
    for (const f of res.findings.slice(0, 6)) console.log(`  ${f.severity} ${f.id} ${f.message}`);
    for (const e of res.summary.ruleErrors.slice(0, 3)) console.log('  RULE ERROR', e.message);
  }
}
