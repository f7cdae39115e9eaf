/** What the CLI build writes beside the bundle: the profiles validated ahead of time (prevalidated.ts). */
import { listProfiles, loadProfileDefinition, loadProfileForYear, ProfileError } from './files';
import { prevalidatedFile } from './prevalidated';

/**
 * Every profile that validates, as the files it writes (path → JSON), its definition
 * and its tables in each year it covers. One that does not validate is left out, so that the bundle
 * validates it when it is used and reports the problem as the sources do.
 */
export function prevalidatedProfileFiles(): Map<string, string> {
  const files = new Map<string, string>();
  for (const id of listProfiles()) {
    const definition = validOrUndefined(() => loadProfileDefinition(id));
    if (!definition) continue;
    files.set(prevalidatedFile(id, 'definition'), JSON.stringify(definition));
    for (let year = definition.years.from; year <= definition.years.to; year++) {
      const profile = validOrUndefined(() => loadProfileForYear(id, year));
      if (profile) files.set(prevalidatedFile(id, year), JSON.stringify(profile));
    }
  }
  return files;
}

function validOrUndefined<T>(load: () => T): T | undefined {
  try {
    return load();
  } catch (error) {
    if (error instanceof ProfileError) return undefined;
    throw error;
  }
}
