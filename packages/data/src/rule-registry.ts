import { type RegisteredRule, ruleRegistry } from '@juesuan/core';
import { listProfiles, loadProfile, loadRules } from './files';

/** The registry over the given profiles' rules.json (all profiles by default) and every code-defined family. */
export function loadRuleRegistry(profileIds: readonly string[] = listProfiles()): RegisteredRule[] {
  return ruleRegistry(
    profileIds.map((id) => {
      const profile = loadProfile(id);
      return { profile: id, catalogue: loadRules(profile), tables: profile.tableDefs };
    }),
  );
}
