/**
 * In the CLI bundle only, in place of prevalidated-source.ts: the profiles scripts/build-cli.ts
 * validated, read from the files it wrote beside the bundle's modules. The bin rebuilds whenever a
 * profile or table type changed, so these are never older than profiles/ and table-types/.
 */
import { readFileSync } from 'node:fs';
import type { Profile, ProfileDefinition } from '@juesuan/core';
import { type PrevalidatedProfiles, prevalidatedFile } from './prevalidated';

function readBuilt<T>(path: string): T | undefined {
  try {
    return JSON.parse(readFileSync(new URL(path, import.meta.url), 'utf8')) as T;
  } catch (error) {
    // A profile that failed validation has no file: the loader validates it and reports why.
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
}

export const prevalidated: PrevalidatedProfiles = {
  definition: (id) => readBuilt<ProfileDefinition>(prevalidatedFile(id, 'definition')),
  profile: (id, year) => readBuilt<Profile>(prevalidatedFile(id, year)),
};
