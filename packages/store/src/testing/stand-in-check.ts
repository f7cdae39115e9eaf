/**
 * A stand-in for a profile's checks, so that a workspace test decides what a check finds: always one
 * warning (T-02@T01) that blocks a submission until it is explained, and with `balance`, an error
 * (T-01@T01) while income and expense differ.
 */
import { type CheckResult, countFindings, type DataPackage, type Finding, makeFinding } from '@juesuan/core';

const PLACE = {
  kind: 'cell' as const,
  table: 'T01',
  tableNumber: '公开01表',
  row: { line: 27, label: '本年收入合计' },
};

export function standInCheck(pkg: DataPackage, options: { balance: boolean }): CheckResult {
  const findings: Finding[] = [];
  if (options.balance && pkg.facts.get('income') !== pkg.facts.get('expense')) {
    findings.push(
      makeFinding({
        id: 'T-01@T01',
        rule: 'T-01',
        severity: 'error',
        category: 'intra',
        title: '收支平衡',
        message: '收入与支出不等',
        places: [PLACE],
      }),
    );
  }
  const explained = pkg.explanations['T-02@T01'];
  findings.push(
    makeFinding({
      id: 'T-02@T01',
      rule: 'T-02',
      severity: 'warning',
      category: 'intra',
      title: '变动较大',
      message: '收入比上年变动较大',
      places: [PLACE],
      ...(explained !== undefined ? { explained } : {}),
    }),
  );
  const open = findings.filter((f) => f.explained === undefined);
  const counts = countFindings(open);
  const rulesRun = options.balance ? 2 : 1;
  return {
    views: [],
    findings,
    summary: {
      counts: { ...counts, accepted: findings.length - open.length },
      rulesRun,
      checks: rulesRun,
      passed: rulesRun - findings.length,
      skipped: [],
      ruleErrors: [],
      clean: open.length === 0,
    },
  };
}
