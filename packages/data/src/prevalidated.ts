/**
 * Profiles validated ahead of time. Validating every profile.json with its table types took about a
 * tenth of the CPU time of `juesuan audit` on a 32-page PDF, so the CLI build (scripts/build-cli.ts) writes
 * each profile's definition and its table layout for every year it covers, as validation returns
 * them, beside the bundle; the bundle reads them back instead of validating. The sources, and so
 * development and tests, validate on every run.
 */
import type { Profile, ProfileDefinition } from '@juesuan/core';

/** Where the loaders take a profile from before validating it themselves. */
export interface PrevalidatedProfiles {
  /** undefined when the build had none for `id` (it did not validate): the loader validates and says why. */
  definition(id: string): ProfileDefinition | undefined;
  /** undefined when the build had none for that year (it did not validate, or is not covered). */
  profile(id: string, year: number): Profile | undefined;
}

/** The file, relative to the build's directory, that holds a profile's definition or one year's tables. */
export function prevalidatedFile(id: string, part: 'definition' | number): string {
  return `profiles/${id}/${part}.json`;
}
