/**
 * The result of checking one claim and what checking needs, shared by claim-check.ts and the
 * modules it is split into (so none of them imports claim-check.ts back).
 */
import type { Profile } from '../profile';
import type { TableView } from '../views';
import type { Claim } from './claims';
import type { ClaimsProfile } from './claims-profile';

export type ClaimStatus = 'ok' | 'mismatch' | 'format' | 'unverifiable';

export interface CheckedClaim extends Claim {
  status: ClaimStatus;
  /** What the tables give, as text (940.51万元, 72.86%). */
  expected?: string;
  /** Where the expected figure comes from (公开01表第31行「总计」). */
  source?: string;
}

export interface ClaimCheckContext {
  profile: Profile;
  claims: ClaimsProfile;
  /** The recognised printed tables. */
  views: readonly TableView[];
  /** Half of one printed last digit per table, in 分. */
  halfSteps: ReadonlyMap<string, bigint>;
}
