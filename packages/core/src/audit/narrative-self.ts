/**
 * The narrative against itself (N-S01 … N-S06, N-11, N-13): what its own figures and words must
 * satisfy, run on every audited narrative and the only figure check when no table is recognised.
 * The claims are the ones read for the checks against the tables (claims.ts), not a second reading.
 */
import { type Finding, numberRepeatedIds } from '../finding';
import type { TableView } from '../views';
import type { CheckedClaim } from './claim-model';
import type { NarrativeSentence } from './claims';
import type { ClaimsProfile } from './claims-profile';
import { checkProjectCounts } from './narrative-self-counts';
import { checkRestated, checkShareTotals, checkSums, checkUnnamedBudgetRates } from './narrative-self-sums';
import {
  checkComparisonWords,
  checkFundsNone,
  checkPersonCounts,
  checkUnitMagnitude,
} from './narrative-self-words';

export interface NarrativeSelfInput {
  /** The claims as checked against the tables: what they left unverifiable, the narrative's own figures may check. */
  claims: readonly CheckedClaim[];
  sentences: readonly NarrativeSentence[];
  profile: ClaimsProfile;
  /** The recognised tables, for what N-11 compares the narrative's 无…收支 with; none for a narrative alone. */
  views: readonly TableView[];
}

export function checkNarrativeSelf(input: NarrativeSelfInput): Finding[] {
  const { claims, sentences, profile, views } = input;
  const findings = [
    ...checkSums(claims, profile),
    ...checkShareTotals(claims, profile),
    ...checkUnnamedBudgetRates(claims, profile),
    ...checkComparisonWords(input),
    ...checkRestated(claims, profile),
    ...checkPersonCounts(sentences),
    ...checkProjectCounts(sentences),
    ...checkFundsNone(input, views),
    ...checkUnitMagnitude(input),
  ];
  // One total may be checked against several breakdowns (收入支出总计 against each side): an id stays a
  // stable key by numbering its repeats.
  return numberRepeatedIds(findings);
}
