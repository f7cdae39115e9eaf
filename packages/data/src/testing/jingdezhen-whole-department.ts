/**
 * Test-only entries for every indicator of the JDZ-2024 whole-department system that the Jingdezhen
 * package does not determine, so tests can see a complete evaluation (score and grade). They are
 * made up for the tests, not taken from the sample: the published report gives no such figures,
 * which is why examples/jingdezhen-2024.json leaves them out.
 */
import type { PackageJson } from '@juesuan/core';

const met = { met: true, evidence: '测试录入' };

/** Adds the 编制数 and the entered indicators to the package JSON. */
export function completeWholeDepartment(json: PackageJson): void {
  json.facts!.personnel = { ...json.facts!.personnel, 'kind=authorized': 36 };
  json.performance!.wholeDepartment!.indicators = {
    budgetCompleteness: { itemsMet: [true, true] },
    budgetAccuracy: { itemsMet: [true, true, false], defects: 1 },
    performanceManagement: { itemsMet: [true, true, true, true] },
    paymentProgress: { inputs: { actualProgress: '95', plannedProgress: '100' } },
    publicCostControl: { inputs: { publicBudget: '60' } },
    disclosure: met,
    basicInfo: met,
    budgetRules: met,
    compliance: met,
    procurementExecution: { inputs: { procurementBudget: '100' } },
    assetRules: met,
    assetSafety: met,
    fixedAssetUse: { inputs: { inUse: '90', total: '100' } },
    outputQuantity: { inputs: { completed: '10', planned: '10' } },
    outputQuality: { inputs: { completed: '9', planned: '10' } },
    outputTimeliness: { inputs: { completed: '10', planned: '10' } },
    economicBenefit: met,
    socialBenefit: met,
    ecologicalBenefit: { met: false },
    satisfaction: met,
  };
}
