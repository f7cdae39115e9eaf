import type { PrevalidatedProfiles } from './prevalidated';

/**
 * None from the sources: every profile is validated as it is read. The CLI bundle puts
 * prevalidated-bundled.ts in this module's place (scripts/build-cli.ts).
 */
export const prevalidated: PrevalidatedProfiles | undefined = undefined;
