/**
 * The compiled CLI (scripts/build-cli.ts → packages/cli/dist): current, answering as the sources
 * do, lazy as the sources are, and rebuilt by the bin whenever a source changes.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import {
  appendFileSync,
  cpSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  statSync,
  symlinkSync,
  utimesSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { listProfiles, loadProfileDefinition, loadProfileForYear, prevalidatedFile } from '@juesuan/data';
import { heavyAmong, REPO_ROOT, urlsLoadedBy } from './testing';

const BUILD_SCRIPT = join(REPO_ROOT, 'scripts/build-cli.ts');

function run(args: string[], cwd = REPO_ROOT) {
  const result = spawnSync(process.execPath, args, {
    cwd,
    encoding: 'utf8',
    env: { ...process.env, NO_COLOR: '1' },
  });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

describe('the compiled juesuan', () => {
  // Built apart from packages/cli/dist, which other runs use meanwhile; inside packages/cli, as
  // the bundle finds node_modules and the workspace packages from where it lies.
  let outdir: string;
  before(() => {
    outdir = mkdtempSync(join(REPO_ROOT, 'packages/cli/dist-test-'));
    const built = run(['--import', 'tsx', BUILD_SCRIPT, '--outdir', outdir]);
    assert.equal(built.code, 0, built.stderr);
  });
  after(() => rmSync(outdir, { recursive: true, force: true }));

  for (const args of [['--help'], ['--version'], ['check', 'examples/jingdezhen-2024.json']]) {
    it(`answers juesuan ${args.join(' ')} as the sources run through tsx do`, () => {
      const bundled = run([join(outdir, 'main.mjs'), ...args]);
      const sources = run(['--import', 'tsx', 'packages/cli/src/main.ts', ...args]);
      assert.equal(bundled.stdout, sources.stdout);
      assert.equal(bundled.code, sources.code);
      assert.ok(bundled.stdout.length > 0);
    });
  }

  it('answers --help without loading the engine, the readers, the renderers or the database', () => {
    const sources = sourcesLoadedBy(join(outdir, 'main.mjs'), '--help');
    assert.ok(
      sources.some((path) => path.endsWith('/packages/cli/src/commands/definitions.ts')),
      'the source maps name the command definitions',
    );
    assert.deepEqual(heavyAmong(sources), []);
  });

  it('answers --version from the manifest alone, before commander and the command definitions load', () => {
    const sources = sourcesLoadedBy(join(outdir, 'main.mjs'), '--version');
    assert.deepEqual(
      sources.map((path) => path.slice(REPO_ROOT.length)),
      ['packages/cli/src/main.ts'],
    );
  });

  it('carries each profile, in every year it covers, as validating profiles/ and table-types/ gives it', () => {
    // These tests run the sources, which validate every profile as they read it.
    const built = (path: string) => JSON.parse(readFileSync(join(outdir, path), 'utf8'));
    for (const id of listProfiles()) {
      const definition = loadProfileDefinition(id);
      assert.deepEqual(built(prevalidatedFile(id, 'definition')), definition, id);
      for (let year = definition.years.from; year <= definition.years.to; year++)
        assert.deepEqual(built(prevalidatedFile(id, year)), loadProfileForYear(id, year), `${id} ${year}`);
    }
  });

  it('takes the profiles from the build instead of validating profiles/ again', () => {
    const path = join(outdir, prevalidatedFile('jiangxi-2024', 2024));
    const original = readFileSync(path, 'utf8');
    const profile = JSON.parse(original);
    profile.tableDefs[0].title = '只在编译结果中的表名';
    writeFileSync(path, JSON.stringify(profile));
    try {
      const tables = run([
        join(outdir, 'main.mjs'),
        'tables',
        'examples/jingdezhen-2024.json',
        '--table',
        'T01',
      ]);
      assert.match(tables.stdout, /只在编译结果中的表名/);
    } finally {
      writeFileSync(path, original);
    }
  });
});

/**
 * The files a run loads: node_modules as loaded, and for each chunk of the bundle the sources its
 * source map names, as a chunk carries many modules.
 */
function sourcesLoadedBy(main: string, ...args: string[]): string[] {
  const urls = urlsLoadedBy([main, ...args]);
  return urls.flatMap((url) => {
    const path = fileURLToPath(url);
    if (!path.startsWith(dirname(main))) return [path];
    const map = JSON.parse(readFileSync(`${path}.map`, 'utf8')) as { sources: string[] };
    return map.sources.map((source) => resolve(dirname(path), source));
  });
}

describe('the bin on a copy of the sources', () => {
  // A copy of what the build reads, with node_modules linked: here sources may change and the build
  // script break without disturbing anyone running juesuan from the repository.
  let root: string;
  let bin: string;
  const source = () => join(root, 'packages/cli/src/output.ts');
  const stamp = () => JSON.parse(readFileSync(join(root, 'packages/cli/dist/build-stamp.json'), 'utf8'));
  before(() => {
    root = mkdtempSync(join(tmpdir(), 'juesuan-build-'));
    for (const file of [
      'package.json',
      'package-lock.json',
      'scripts/build-cli.ts',
      'packages/cli/bin/juesuan.mjs',
    ]) {
      mkdirSync(dirname(join(root, file)), { recursive: true });
      cpSync(join(REPO_ROOT, file), join(root, file));
    }
    for (const data of ['profiles', 'table-types'])
      cpSync(join(REPO_ROOT, data), join(root, data), { recursive: true });
    for (const pkg of ['cli', 'core', 'data', 'readers', 'render', 'store']) {
      cpSync(join(REPO_ROOT, 'packages', pkg, 'package.json'), join(root, 'packages', pkg, 'package.json'));
      cpSync(join(REPO_ROOT, 'packages', pkg, 'src'), join(root, 'packages', pkg, 'src'), {
        recursive: true,
      });
    }
    symlinkSync(join(REPO_ROOT, 'node_modules'), join(root, 'node_modules'));
    bin = join(root, 'packages/cli/bin/juesuan.mjs');
  });
  after(() => rmSync(root, { recursive: true, force: true }));

  it('builds when there is no build yet, with a stamp matching the sources, without a word when no terminal waits', () => {
    assert.deepEqual(run([bin, '--version'], root), { code: 0, stdout: '0.1.0\n', stderr: '' });
    const check = run(['--import', 'tsx', join(root, 'scripts/build-cli.ts'), '--check'], root);
    assert.equal(check.code, 0, check.stdout);
  });

  it('only records the new mtime when a source was touched but not changed', () => {
    const { hash } = stamp();
    const later = new Date(Date.now() + 60_000);
    utimesSync(source(), later, later);
    assert.deepEqual(run([bin, '--version'], root), { code: 0, stdout: '0.1.0\n', stderr: '' });
    const recorded = stamp();
    assert.equal(recorded.hash, hash);
    const entry = recorded.stats.find(([path]: [string]) => path === 'packages/cli/src/output.ts');
    assert.equal(entry[1], statSync(source()).mtimeMs);
  });

  it('rebuilds when a source changed', () => {
    const { hash } = stamp();
    appendFileSync(source(), '// changed\n');
    assert.deepEqual(run([bin, '--version'], root), { code: 0, stdout: '0.1.0\n', stderr: '' });
    // Only a build writes a new hash: recording new mtimes keeps the old one.
    assert.notEqual(stamp().hash, hash);
    const check = run(['--import', 'tsx', join(root, 'scripts/build-cli.ts'), '--check'], root);
    assert.equal(check.code, 0, check.stdout);
  });

  it('is stale once a profile definition changed, and the bin rebuilds it', () => {
    const { hash } = stamp();
    const profile = join(root, 'profiles/jiangxi-2024/profile.json');
    const definition = JSON.parse(readFileSync(profile, 'utf8'));
    writeFileSync(profile, JSON.stringify({ ...definition, name: `${definition.name}（改）` }, null, 2));
    const check = () => run(['--import', 'tsx', join(root, 'scripts/build-cli.ts'), '--check'], root);
    assert.equal(check().code, 1);
    assert.deepEqual(run([bin, '--version'], root), { code: 0, stdout: '0.1.0\n', stderr: '' });
    assert.notEqual(stamp().hash, hash);
    assert.equal(check().code, 0);
  });

  it('runs the sources through tsx when the build cannot be made', () => {
    writeFileSync(join(root, 'scripts/build-cli.ts'), "throw new Error('esbuild 不可用');\n");
    const result = run([bin, '--version'], root);
    assert.equal(result.code, 0);
    assert.equal(result.stdout, '0.1.0\n');
    assert.equal(result.stderr, 'juesuan 未能编译，改为直接运行源码：esbuild 不可用\n');
  });
});
