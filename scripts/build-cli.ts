// Compiles the `juesuan` command into packages/cli/dist with esbuild, so that a run starts from
// plain JavaScript instead of compiling TypeScript (run: node --import tsx scripts/build-cli.ts
// [--outdir <dir>] [--check]). packages/cli/bin/juesuan.mjs runs `buildIfChanged` itself when the
// stamp no longer matches the sources, so nobody has to remember this step.
import { createHash } from 'node:crypto';
import {
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  realpathSync,
  renameSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { isBuiltin } from 'node:module';
import { basename, dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { type BuildOptions, build, version as esbuildVersion, type Plugin } from 'esbuild';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
export const DIST = join(ROOT, 'packages/cli/dist');
const STAMP_FILE = 'build-stamp.json';
const WORKER_SOURCE = 'packages/cli/src/batch/worker.ts';
/** The bundle reads the profiles this build validated instead of validating them (packages/data/src/prevalidated.ts). */
const PREVALIDATED_SOURCE = 'packages/data/src/prevalidated-source.ts';
const PREVALIDATED_BUNDLED = 'packages/data/src/prevalidated-bundled.ts';
const PREVALIDATED_BUILD = 'packages/data/src/prevalidated-build.ts';
/** What esbuild reads besides node_modules: the build depends on nothing else. */
const SOURCE_EXTENSIONS = /\.(ts|js|mjs|json)$/;

/**
 * The stamp beside the bundle: the hash of the inputs it was built from, and their size and mtime
 * then (directories too, so that a file added or removed shows), which lets the bin see that
 * nothing changed with a stat per file instead of reading them all.
 */
export interface BuildStamp {
  hash: string;
  /** [path relative to the repository root, mtimeMs, size] */
  stats: [string, number, number][];
}

interface Inputs {
  files: string[];
  dirs: string[];
}

/**
 * Every file the build is made from: non-test sources of every package, manifests, this script, and
 * the profile definitions and table types it validates for the bundle.
 */
function listInputs(): Inputs {
  const files = ['package.json', 'package-lock.json', 'scripts/build-cli.ts'];
  const dirs = ['packages'];
  for (const pkg of readdirSync(join(ROOT, 'packages')).sort()) {
    if (!existsSync(join(ROOT, 'packages', pkg, 'package.json'))) continue;
    files.push(`packages/${pkg}/package.json`);
    if (existsSync(join(ROOT, 'packages', pkg, 'src'))) collectSources(`packages/${pkg}/src`, files, dirs);
  }
  collectPrevalidated(files, dirs);
  return { files, dirs };
}

/**
 * What the prevalidated profiles are made from: each profiles/<id>/profile.json and every table
 * type, with their folders, so that a profile or type added, removed or edited rebuilds them.
 * The rest of a profile (rules, claims, narrative) is read and checked when used, not built.
 */
function collectPrevalidated(files: string[], dirs: string[]): void {
  if (existsSync(join(ROOT, 'profiles'))) {
    dirs.push('profiles');
    for (const id of sortedEntries('profiles')) {
      if (!id.isDirectory()) continue;
      dirs.push(`profiles/${id.name}`);
      if (existsSync(join(ROOT, 'profiles', id.name, 'profile.json')))
        files.push(`profiles/${id.name}/profile.json`);
    }
  }
  if (existsSync(join(ROOT, 'table-types'))) {
    dirs.push('table-types');
    for (const type of sortedEntries('table-types'))
      if (type.isFile() && type.name.endsWith('.json')) files.push(`table-types/${type.name}`);
  }
}

function sortedEntries(dir: string) {
  return readdirSync(join(ROOT, dir), { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : 1));
}

function collectSources(dir: string, files: string[], dirs: string[]): void {
  dirs.push(dir);
  for (const entry of sortedEntries(dir)) {
    const path = `${dir}/${entry.name}`;
    if (entry.isDirectory()) collectSources(path, files, dirs);
    else if (SOURCE_EXTENSIONS.test(entry.name) && !entry.name.endsWith('.test.ts')) files.push(path);
  }
}

function statsOf({ files, dirs }: Inputs): BuildStamp['stats'] {
  return [...dirs, ...files].map((path) => {
    const { mtimeMs, size } = statSync(join(ROOT, path));
    return [path, mtimeMs, size];
  });
}

function hashOf(files: readonly string[]): string {
  const hash = createHash('sha256').update(`esbuild ${esbuildVersion}\0`);
  for (const path of files)
    hash
      .update(path)
      .update('\0')
      .update(readFileSync(join(ROOT, path)))
      .update('\0');
  return hash.digest('hex');
}

export function readStamp(outdir = DIST): BuildStamp | undefined {
  try {
    return JSON.parse(readFileSync(join(outdir, STAMP_FILE), 'utf8')) as BuildStamp;
  } catch {
    return undefined;
  }
}

/** The hash the stamp of a current build carries. */
export function currentHash(): string {
  return hashOf(listInputs().files);
}

/** Written beside and renamed over, so a `juesuan` starting meanwhile never reads half a file. */
function writeAtomically(path: string, contents: string | Uint8Array): void {
  const temporary = `${path}.${process.pid}.tmp`;
  writeFileSync(temporary, contents);
  renameSync(temporary, path);
}

/**
 * Pure-JavaScript packages that `check` and `audit` load on every run, bundled: node then loads a
 * few chunks instead of their 120-odd files (zod alone is 95 modules), which saves about a tenth of
 * the CPU time of `juesuan audit`. None of them reads files of its own at run time.
 */
const BUNDLED_PACKAGES: ReadonlySet<string> = new Set([
  'zod',
  'commander',
  'picocolors',
  'get-east-asian-width',
  'parse5',
  'entities',
  'liquidjs',
  'opencc-js',
]);

/**
 * Third-party packages stay outside the bundle, for node to load from node_modules, when node finds
 * from the bundle the same copy the importing source would; a package whose version is nested under
 * one workspace package (readers' saxes 6, the root has saxes 5) is bundled instead, as node
 * would otherwise hand the bundle the root's copy. So is each of BUNDLED_PACKAGES, and a package
 * depending on one of them (fastify-type-provider-zod on zod), so that both use the one copy.
 */
function externalWhereNodeFindsTheSameCopy(outdir: string): Plugin {
  return {
    name: 'external-where-node-finds-the-same-copy',
    setup(esbuild) {
      esbuild.onResolve({ filter: /^[^./]/ }, ({ path, resolveDir }) => {
        if (path.startsWith('@juesuan/') || isBuiltin(path)) return undefined;
        const name = packageName(path);
        const fromSource = installedCopy(resolveDir, name);
        if (fromSource === undefined || fromSource !== installedCopy(outdir, name)) return undefined;
        return BUNDLED_PACKAGES.has(name) || dependsOnBundled(fromSource)
          ? undefined
          : { path, external: true };
      });
    },
  };
}

function dependsOnBundled(installed: string): boolean {
  const manifest = JSON.parse(readFileSync(join(installed, 'package.json'), 'utf8')) as Record<
    string,
    Record<string, string> | undefined
  >;
  const needs = { ...manifest.dependencies, ...manifest.peerDependencies };
  return Object.keys(needs).some((name) => BUNDLED_PACKAGES.has(name));
}

/** The bundle's data package takes its profiles from the files this build writes (writePrevalidated). */
const prevalidatedFromBuild: Plugin = {
  name: 'prevalidated-from-build',
  setup(esbuild) {
    esbuild.onResolve({ filter: /^\.\/prevalidated-source$/ }, ({ resolveDir }) =>
      join(resolveDir, 'prevalidated-source.ts') === join(ROOT, PREVALIDATED_SOURCE)
        ? { path: join(ROOT, PREVALIDATED_BUNDLED) }
        : undefined,
    );
  },
};

/**
 * Validates the profiles through the data package (bundled without the swap of prevalidatedFromBuild,
 * so it validates) and writes them beside the bundle; a file no longer written (a profile removed, a
 * year no longer covered) goes, as the bundle would otherwise take it for valid. Another build's
 * temporary files stay.
 */
async function writePrevalidated(outdir: string): Promise<void> {
  const { prevalidatedProfileFiles } = (await importBundled(
    PREVALIDATED_BUILD,
    outdir,
  )) as typeof import('../packages/data/src/prevalidated-build');
  const files = prevalidatedProfileFiles();
  for (const [path, json] of files) {
    mkdirSync(dirname(join(outdir, path)), { recursive: true });
    writeAtomically(join(outdir, path), json);
  }
  const written = new Set([...files.keys()].map((path) => join(outdir, path)));
  const dir = join(outdir, 'profiles');
  if (!existsSync(dir)) return;
  for (const entry of readdirSync(dir, { recursive: true, withFileTypes: true })) {
    const path = join(entry.parentPath, entry.name);
    if (entry.isFile() && entry.name.endsWith('.json') && !written.has(path)) rmSync(path, { force: true });
  }
}

/**
 * A module of the sources bundled alone into `outdir` (where it finds node_modules) and imported:
 * a third of the CPU time of loading it through tsx, which compiles each of its sources.
 */
async function importBundled(source: string, outdir: string): Promise<unknown> {
  const file = join(outdir, `build-only-${process.pid}.mjs`);
  await build({ ...bundleOptions(outdir), entryPoints: [join(ROOT, source)], outfile: file });
  try {
    return await import(pathToFileURL(file).href);
  } finally {
    rmSync(file, { force: true });
  }
}

function packageName(specifier: string): string {
  const parts = specifier.split('/');
  return parts.slice(0, specifier.startsWith('@') ? 2 : 1).join('/');
}

/** The directory node's resolution takes `name` from, looking up from `dir`. */
function installedCopy(dir: string, name: string): string | undefined {
  for (let at = resolve(dir); ; at = dirname(at)) {
    const candidate = join(at, 'node_modules', name);
    if (existsSync(join(candidate, 'package.json'))) return realpathSync(candidate);
    if (dirname(at) === at) return undefined;
  }
}

/** What the CLI bundle and a module bundled for the build alone (importBundled) share. */
function bundleOptions(outdir: string): BuildOptions {
  return {
    absWorkingDir: ROOT,
    bundle: true,
    format: 'esm',
    platform: 'node',
    target: 'node20',
    // A bundled CommonJS package (saxes) requires its own dependencies: ESM has no `require`.
    banner: {
      js: "import { createRequire as createRequireOfBundle } from 'node:module';\nconst require = createRequireOfBundle(import.meta.url);",
    },
    plugins: [externalWhereNodeFindsTheSameCopy(outdir)],
    logLevel: 'error',
  };
}

/**
 * Bundles the CLI (and the batch worker, when it exists) into `outdir`, every module flat in it and
 * the prevalidated profiles under profiles/, and writes the stamp last. Returns the milliseconds bundling and writing took. `outdir` lies directly in
 * packages/cli, as dist does: from there the bundle finds node_modules and ../package.json.
 */
export async function buildCli(outdir = DIST): Promise<number> {
  const inputs = listInputs();
  const stats = statsOf(inputs);
  const hash = hashOf(inputs.files);
  const started = performance.now();
  const entryPoints = [{ in: join(ROOT, 'packages/cli/src/main.ts'), out: 'main' }];
  if (existsSync(join(ROOT, WORKER_SOURCE)))
    entryPoints.push({ in: join(ROOT, WORKER_SOURCE), out: 'batch-worker' });
  const result = await build({
    entryPoints,
    outdir,
    ...bundleOptions(outdir),
    // The lazy import() of each command stays a chunk of its own, loaded when that command runs.
    splitting: true,
    outExtension: { '.js': '.mjs' },
    chunkNames: 'chunk-[hash]',
    sourcemap: 'linked',
    sourcesContent: false,
    plugins: [prevalidatedFromBuild, externalWhereNodeFindsTheSameCopy(outdir)],
    write: false,
  });
  mkdirSync(outdir, { recursive: true });
  const written = new Set<string>();
  for (const file of result.outputFiles) {
    writeAtomically(file.path, file.contents);
    written.add(basename(file.path));
  }
  removeOutdatedChunks(outdir, written);
  await writePrevalidated(outdir);
  const stamp: BuildStamp = { hash, stats };
  writeAtomically(join(outdir, STAMP_FILE), `${JSON.stringify(stamp)}\n`);
  return performance.now() - started;
}

/**
 * A juesuan started from an earlier build imports its command's chunk when the command runs, maybe
 * while another run rebuilds: a chunk this build did not write is removed only once no build has
 * written it for an hour, as the content hash in its name would otherwise let them pile up.
 */
const OUTDATED_CHUNK_AGE_MS = 60 * 60 * 1000;

function removeOutdatedChunks(outdir: string, written: ReadonlySet<string>): void {
  const cutoff = Date.now() - OUTDATED_CHUNK_AGE_MS;
  for (const name of readdirSync(outdir)) {
    if (!/\.mjs(\.map)?$/.test(name) || written.has(name)) continue;
    const path = join(outdir, name);
    const writtenAt = statSync(path, { throwIfNoEntry: false })?.mtimeMs ?? 0;
    if (writtenAt < cutoff) rmSync(path, { force: true });
  }
}

/**
 * For the bin, once a stat showed a change: rebuilds when the inputs' content changed, and
 * otherwise (a checkout or a `touch`) only records the new mtimes, so the next run is fast again.
 */
export async function buildIfChanged(): Promise<void> {
  const stamp = readStamp();
  const inputs = listInputs();
  if (stamp !== undefined && existsSync(join(DIST, 'main.mjs')) && stamp.hash === hashOf(inputs.files)) {
    writeAtomically(
      join(DIST, STAMP_FILE),
      `${JSON.stringify({ hash: stamp.hash, stats: statsOf(inputs) })}\n`,
    );
    return;
  }
  // For whoever waits at a terminal; a script or a test reading stderr gets only the command's own.
  if (process.stderr.isTTY) process.stderr.write('正在编译 juesuan（源码有改动）…\n');
  await buildCli();
}

async function main(args: string[]): Promise<void> {
  if (args[0] === '--check') {
    const stamp = readStamp();
    const current = stamp?.hash === currentHash();
    process.stdout.write(
      current
        ? 'packages/cli/dist 与源码一致\n'
        : 'packages/cli/dist 已过期或不存在：请运行 node --import tsx scripts/build-cli.ts\n',
    );
    process.exitCode = current ? 0 : 1;
    return;
  }
  const outdir = args[0] === '--outdir' && args[1] ? resolve(args[1]) : DIST;
  const ms = await buildCli(outdir);
  const files = readdirSync(outdir).filter((name) => name.endsWith('.mjs')).length;
  process.stdout.write(
    `juesuan 已编译到 ${relative(ROOT, outdir) || '.'}（${files} 个模块，${Math.round(ms)} ms）\n`,
  );
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  await main(process.argv.slice(2));
}
