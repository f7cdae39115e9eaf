/**
 * The only place that reads juesuan's own data from disk: profiles/, catalogs/ and package files.
 * Everything it returns is validated by @juesuan/core.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  type AuditContext,
  buildPerformanceProfile,
  Catalog,
  type CheckContext,
  type ClaimsProfile,
  type CodeDefinition,
  type CompiledCatalogue,
  compileCatalogue,
  type DocumentContext,
  type Glossary,
  MAX_PACKAGE_BYTES,
  type NarrativeProfile,
  type PerformanceProfile,
  type PerformanceReportProfile,
  type Profile,
  type ProfileDefinition,
  parseCatalogTsv,
  parseClaimsProfile,
  parseDefinitionsTsv,
  parseGlossary,
  parseNarrativeProfile,
  parsePerformanceReportProfile,
  parseProfileDefinition,
  performanceTableCheck,
  type ReadOptions,
  type ReadResult,
  readPackage,
  resolveProfile,
  type YearRange,
} from '@juesuan/core';
import { prevalidated } from './prevalidated-source';

/**
 * The repository root (profiles/, catalogs/ and examples/ live there), found through this package's
 * own name, so that it holds from the sources and from the CLI bundle in packages/cli/dist alike.
 */
export const REPO_ROOT = fileURLToPath(new URL('../../', import.meta.resolve('@juesuan/data/package.json')));
export const PROFILES_DIR = join(REPO_ROOT, 'profiles');
export const CATALOGS_DIR = join(REPO_ROOT, 'catalogs');
/** Table types shared by the profiles that print them, one file per type. */
export const TABLE_TYPES_DIR = join(REPO_ROOT, 'table-types');
export const EXAMPLES_DIR = join(REPO_ROOT, 'examples');
/** A profile id as a folder name under profiles/: checked before it becomes part of a path. */
const PROFILE_ID = /^[a-z0-9-]+$/;

let catalog: Catalog | undefined;

/** The 政府收支分类科目 catalog (functional and economic), read once. */
export function loadCatalog(): Catalog {
  catalog ??= new Catalog([
    ...parseCatalogTsv(readFileSync(join(CATALOGS_DIR, 'functional.tsv'), 'utf8'), 'functional'),
    ...parseCatalogTsv(readFileSync(join(CATALOGS_DIR, 'economic.tsv'), 'utf8'), 'economic'),
  ]);
  return catalog;
}

export class ProfileError extends Error {
  constructor(
    readonly profileId: string,
    readonly problems: string[],
  ) {
    super(`口径 ${profileId} 无法使用：\n  ${problems.join('\n  ')}`);
  }
}

/** Profile ids available under profiles/. */
export function listProfiles(): string[] {
  return readdirSync(PROFILES_DIR)
    .filter((name) => existsSync(join(PROFILES_DIR, name, 'profile.json')))
    .sort();
}

let tableTypes: Record<string, unknown> | undefined;

/** Every table type (table-types/<type>.json), read once; validated where a profile uses it. */
export function loadTableTypes(): Record<string, unknown> {
  if (tableTypes) return tableTypes;
  const types: Record<string, unknown> = {};
  for (const file of readdirSync(TABLE_TYPES_DIR).sort()) {
    if (file.endsWith('.json')) types[file.slice(0, -5)] = readJson(join(TABLE_TYPES_DIR, file), file);
  }
  tableTypes = types;
  return types;
}

const profileDefinitions = new Map<string, ProfileDefinition>();

/** profiles/<id>/profile.json as written: the tables by type, the years covered, the year changes. */
export function loadProfileDefinition(id: string): ProfileDefinition {
  const cached = profileDefinitions.get(id);
  if (cached) return cached;
  const definition =
    (PROFILE_ID.test(id) ? prevalidated?.definition(id) : undefined) ?? validatedDefinition(id);
  profileDefinitions.set(id, definition);
  return definition;
}

function validatedDefinition(id: string): ProfileDefinition {
  const path = join(PROFILES_DIR, id, 'profile.json');
  if (!PROFILE_ID.test(id) || !existsSync(path)) {
    throw new ProfileError(id, [`没有这个口径；可用口径：${listProfiles().join('、')}`]);
  }
  const parsed = parseProfileDefinition(readJson(path, id));
  if (!parsed.ok) throw new ProfileError(id, parsed.errors);
  if (parsed.definition.id !== id)
    throw new ProfileError(id, [`profile.json 的 id 为 ${parsed.definition.id}`]);
  return parsed.definition;
}

const profiles = new Map<string, Profile>();

/** The profile at its reference year (the year its layout was taken from), validated, read once. */
export function loadProfile(id: string): Profile {
  return loadProfileForYear(id, loadProfileDefinition(id).referenceYear);
}

/** The profile as printed in a year it covers: its definition and year changes resolved, once per year. */
export function loadProfileForYear(id: string, year: number): Profile {
  const key = `${id}@${year}`;
  const cached = profiles.get(key);
  if (cached) return cached;
  // The definition first: it rejects an id that is no profile before the id names a file.
  const definition = loadProfileDefinition(id);
  const profile = prevalidated?.profile(id, year) ?? resolvedProfile(definition, year);
  profiles.set(key, profile);
  return profile;
}

function resolvedProfile(definition: ProfileDefinition, year: number): Profile {
  const built = resolveProfile(definition, loadTableTypes(), year);
  if (!built.ok) throw new ProfileError(definition.id, built.errors);
  return built.profile;
}

/**
 * The profile as a package of `year` prints it: that year's layout where the profile covers the
 * year, else its reference year's (a package may name a profile that does not cover its year).
 */
export function loadProfileForPackage(id: string, year: number): Profile {
  const { from, to } = loadProfileDefinition(id).years;
  return year >= from && year <= to ? loadProfileForYear(id, year) : loadProfile(id);
}

const catalogues = new Map<string, CompiledCatalogue>();

/**
 * The profile's rule catalogue (profiles/<id>/rules.json), compiled against its tables; a mistake in
 * any formula stops here with the rule id and position, before anything is checked.
 */
export function loadRules(profile: Profile): CompiledCatalogue {
  // Compiled per year: the rules address the tables as that year prints them.
  const key = `${profile.id}@${profile.year}`;
  const cached = catalogues.get(key);
  if (cached) return cached;
  const path = join(PROFILES_DIR, profile.id, 'rules.json');
  if (!existsSync(path)) throw new ProfileError(profile.id, ['缺少审核规则 rules.json']);
  const compiled = compileCatalogue(readJson(path, profile.id), {
    tables: profile.tableDefs,
    year: profile.year,
  });
  if (!compiled.ok)
    throw new ProfileError(
      profile.id,
      compiled.errors.map((e) => `rules.json ${e.message}`),
    );
  catalogues.set(key, compiled);
  return compiled;
}

const narratives = new Map<string, NarrativeProfile>();

/**
 * The profile's document wording: profiles/<id>/narrative/narrative.json and the Liquid templates
 * beside it (every *.liquid, named by file name without the extension), parsed once.
 */
export function loadNarrative(profileId: string): NarrativeProfile {
  const cached = narratives.get(profileId);
  if (cached) return cached;
  const dir = join(PROFILES_DIR, profileId, 'narrative');
  const path = join(dir, 'narrative.json');
  if (!PROFILE_ID.test(profileId) || !existsSync(path)) {
    throw new ProfileError(profileId, ['缺少情况说明模板 narrative/narrative.json']);
  }
  const loaded = parseNarrativeProfile(readJson(path, profileId), readTemplates(dir));
  if (!loaded.ok) throw new ProfileError(profileId, loaded.errors);
  if (loaded.narrative.profile !== profileId) {
    throw new ProfileError(profileId, [`narrative/narrative.json 的 profile 为 ${loaded.narrative.profile}`]);
  }
  narratives.set(profileId, loaded.narrative);
  return loaded.narrative;
}

/** Every *.liquid of a folder, named by file name without the extension. */
function readTemplates(dir: string): Record<string, string> {
  const templates: Record<string, string> = {};
  for (const file of readdirSync(dir).sort()) {
    if (file.endsWith('.liquid'))
      templates[file.slice(0, -'.liquid'.length)] = readFileSync(join(dir, file), 'utf8');
  }
  return templates;
}

const performanceReports = new Map<string, PerformanceReportProfile | null>();

/**
 * The outline and wording of the profile's 部门整体支出绩效自评报告:
 * profiles/<id>/performance-report/report.json and the Liquid templates beside it, parsed once;
 * undefined when the profile has none.
 */
export function loadPerformanceReport(profileId: string): PerformanceReportProfile | undefined {
  const cached = performanceReports.get(profileId);
  if (cached !== undefined) return cached ?? undefined;
  const dir = join(PROFILES_DIR, profileId, 'performance-report');
  const path = join(dir, 'report.json');
  if (!PROFILE_ID.test(profileId) || !existsSync(path)) {
    performanceReports.set(profileId, null);
    return undefined;
  }
  const json = readJson(path, profileId);
  const shared = (json as { templatesFrom?: unknown }).templatesFrom;
  const templatesDir =
    typeof shared === 'string' && PROFILE_ID.test(shared)
      ? join(PROFILES_DIR, shared, 'performance-report')
      : dir;
  if (!existsSync(templatesDir)) {
    throw new ProfileError(profileId, [
      `performance-report/report.json 的 templatesFrom 指向的口径 ${shared} 没有报告模板`,
    ]);
  }
  const loaded = parsePerformanceReportProfile(json, readTemplates(templatesDir));
  if (!loaded.ok) throw new ProfileError(profileId, loaded.errors);
  if (loaded.report.profile !== profileId) {
    throw new ProfileError(profileId, [
      `performance-report/report.json 的 profile 为 ${loaded.report.profile}`,
    ]);
  }
  performanceReports.set(profileId, loaded.report);
  return loaded.report;
}

let definitions: CodeDefinition[] | undefined;

/** Definitions of functional codes for the 名词解释 (catalogs/definitions.tsv), read once. */
export function loadDefinitions(): CodeDefinition[] {
  definitions ??= parseDefinitionsTsv(readFileSync(join(CATALOGS_DIR, 'definitions.tsv'), 'utf8'));
  return definitions;
}

const glossaries = new Map<string, Glossary>();

/** The profile's 名词解释 (profiles/<id>/glossary.json) with the code definitions. */
export function loadGlossary(profileId: string): Glossary {
  const cached = glossaries.get(profileId);
  if (cached) return cached;
  const path = join(PROFILES_DIR, profileId, 'glossary.json');
  if (!PROFILE_ID.test(profileId) || !existsSync(path)) {
    throw new ProfileError(profileId, ['缺少名词解释 glossary.json']);
  }
  const loaded = parseGlossary(readJson(path, profileId), loadDefinitions());
  if (!loaded.ok) throw new ProfileError(profileId, loaded.errors);
  glossaries.set(profileId, loaded.glossary);
  return loaded.glossary;
}

const claimsProfiles = new Map<string, ClaimsProfile | null>();

/**
 * The profile's narrative claims for 审读 (profiles/<id>/claims.json), validated and read once;
 * undefined when the profile has none (its documents are then audited without narrative checks).
 */
export function loadClaims(profileId: string): ClaimsProfile | undefined {
  const cached = claimsProfiles.get(profileId);
  if (cached !== undefined) return cached ?? undefined;
  if (!PROFILE_ID.test(profileId)) {
    throw new ProfileError(profileId, [`没有这个口径；可用口径：${listProfiles().join('、')}`]);
  }
  const path = join(PROFILES_DIR, profileId, 'claims.json');
  if (!existsSync(path)) {
    claimsProfiles.set(profileId, null);
    return undefined;
  }
  const loaded = parseClaimsProfile(readJson(path, profileId));
  if (!loaded.ok) throw new ProfileError(profileId, loaded.errors);
  if (loaded.claims.profile !== profileId) {
    throw new ProfileError(profileId, [
      `claims.json 的 profile 为 ${loaded.claims.profile}，应为 ${profileId}`,
    ]);
  }
  claimsProfiles.set(profileId, loaded.claims);
  return loaded.claims;
}

function readJson(path: string, profileId: string): unknown {
  try {
    return JSON.parse(readFileSync(path, 'utf8'));
  } catch (error) {
    throw new ProfileError(profileId, [`${path}: ${(error as Error).message}`]);
  }
}

/**
 * Reads a package file. The size is checked before any byte is read, so a huge file costs nothing;
 * a missing or unreadable file is an issue like any other bad input.
 */
export function readPackageFile(path: string, options: { catalog?: Catalog } = {}): ReadResult {
  let size: number;
  try {
    const stat = statSync(path);
    if (!stat.isFile()) return fileIssue(`${path} 不是文件`);
    size = stat.size;
  } catch {
    return fileIssue(`找不到文件 ${path}`);
  }
  if (size > MAX_PACKAGE_BYTES) {
    return fileIssue(
      `文件过大：${(size / 1024 / 1024).toFixed(1)} MB，数据包上限为 ${MAX_PACKAGE_BYTES / 1024 / 1024} MB；未读取`,
    );
  }
  return readPackage(readFileSync(path), { ...packageReadOptions(), ...options });
}

let profileYearRanges: Map<string, YearRange> | undefined;

/**
 * What a package from outside is checked against: the year's 科目 catalog, and the profiles there
 * are with the years each covers.
 */
export function packageReadOptions(): ReadOptions {
  profileYearRanges ??= new Map(listProfiles().map((id) => [id, loadProfileDefinition(id).years]));
  return { catalog: loadCatalog(), profiles: profileYearRanges };
}

function fileIssue(message: string): ReadResult {
  return { issues: [{ severity: 'error', path: '(文件)', message }] };
}

const performanceProfiles = new Map<string, PerformanceProfile | null>();

/**
 * The profile's performance scoring rules (profiles/<id>/performance.json) with its indicator
 * systems (performance/indicator-systems/*.json); undefined when the profile has none.
 */
export function loadPerformanceProfile(profileId: string): PerformanceProfile | undefined {
  const cached = performanceProfiles.get(profileId);
  if (cached !== undefined) return cached ?? undefined;
  const dir = join(PROFILES_DIR, profileId);
  if (!existsSync(join(dir, 'performance.json'))) {
    performanceProfiles.set(profileId, null);
    return undefined;
  }
  const systems: Record<string, unknown> = {};
  const systemsDir = join(dir, 'performance', 'indicator-systems');
  if (existsSync(systemsDir)) {
    for (const file of readdirSync(systemsDir)) {
      if (file.endsWith('.json')) systems[file.slice(0, -5)] = readJson(join(systemsDir, file), profileId);
    }
  }
  const built = buildPerformanceProfile(readJson(join(dir, 'performance.json'), profileId), systems);
  if (!built.ok)
    throw new ProfileError(
      profileId,
      built.errors.map((e) => `performance.json ${e}`),
    );
  performanceProfiles.set(profileId, built.profile);
  return built.profile;
}

/**
 * Everything `checkPackage` needs for a profile: tables, rules, narrative, glossary, scoring; with
 * a package's year, the tables and rules as the profile prints them that year.
 */
export function loadCheckContext(profileId: string, year?: number): CheckContext {
  const profile = year === undefined ? loadProfile(profileId) : loadProfileForPackage(profileId, year);
  const performance = loadPerformanceProfile(profileId);
  return {
    profile,
    catalog: loadCatalog(),
    rules: loadRules(profile),
    narrative: loadNarrative(profileId),
    glossary: loadGlossary(profileId),
    ...(performance ? { performance } : {}),
  };
}

/**
 * What `buildDocument` needs to write a package's disclosure in its profile and year; undefined when
 * the profile has no narrative templates or glossary to write one with.
 */
export function loadDocumentContext(profileId: string, year?: number): DocumentContext | undefined {
  const context = loadCheckContext(profileId, year);
  const { narrative, glossary } = context;
  return narrative && glossary ? { ...context, narrative, glossary } : undefined;
}

/**
 * Everything 审读 needs from the profiles: every profile to choose from (or the one named), the
 * catalog, and each profile's rules, narrative claims and performance scoring rules, read lazily
 * and once. The CLI and the tests audit through this, so they audit the same way.
 */
export function loadAuditContext(profileId?: string): AuditContext {
  return {
    profiles: profileId ? [loadProfile(profileId)] : listProfiles().map(loadProfile),
    catalog: loadCatalog(),
    rules: loadRules,
    claims: (profile) => loadClaims(profile.id),
    checkPerformance: performanceTableCheck(loadPerformanceProfile),
    forYear: (profile, year) => loadProfileForYear(profile.id, year),
    ...(profileId ? { profile: profileId } : {}),
  };
}
