/** The command line's conventions: version, `-` for standard input, exit codes, what `--help` loads. */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { heavyAmong, REPO_ROOT, runJuesuan, urlsLoadedBy } from './testing';

const sample = join(REPO_ROOT, 'examples/jingdezhen-2024.json');
const BIN = join(REPO_ROOT, 'packages/cli/bin/juesuan.mjs');

function runWithInput(input: string | Buffer, ...args: string[]) {
  const result = spawnSync(process.execPath, [BIN, ...args], {
    cwd: REPO_ROOT,
    input,
    encoding: 'utf8',
    env: { ...process.env, NO_COLOR: '1' },
  });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

/**
 * The module URLs a `juesuan` run of the sources (through tsx) loads. The bundle the bin runs
 * merges modules into chunks; build.test.ts checks it through its source maps.
 */
function modulesLoadedBy(...args: string[]): string[] {
  return urlsLoadedBy(['--import', 'tsx', join(REPO_ROOT, 'packages/cli/src/main.ts'), ...args]);
}

describe('juesuan command-line conventions', () => {
  it('prints the version of the CLI package with --version and -V', () => {
    const { version } = JSON.parse(readFileSync(join(REPO_ROOT, 'packages/cli/package.json'), 'utf8'));
    for (const flag of ['--version', '-V']) {
      const { code, stdout } = runJuesuan(flag);
      assert.equal(code, 0);
      assert.equal(stdout, `${version}\n`);
    }
  });

  it('reads the package from standard input when the file is -', () => {
    const input = readFileSync(sample);
    const validated = runWithInput(input, 'package', 'validate', '-');
    assert.equal(validated.code, 0, validated.stderr);
    assert.match(validated.stdout, /有效 .*景德镇市医疗保障局（2024 年，口径 jiangxi-2024）/);

    const fromFile = runJuesuan('check', sample, '--format', 'json');
    const fromStdin = runWithInput(input, 'check', '-', '--format', 'json');
    assert.equal(fromStdin.code, fromFile.code);
    assert.deepEqual(JSON.parse(fromStdin.stdout).findings, JSON.parse(fromFile.stdout).findings);

    const tables = runWithInput(input, 'tables', '-', '--table', 'T01');
    assert.equal(tables.code, 0, tables.stderr);
    assert.match(tables.stdout, /公开01表\s+收入支出决算总表/);
  });

  it('rejects a bad package on standard input with exit code 2 like a bad file', () => {
    const { code, stderr } = runWithInput('{"format": "juesuan.package/1"', 'package', 'validate', '-');
    assert.equal(code, 2);
    assert.match(stderr, /数据包未读入，未做任何更改/);
  });

  it('reports an unexpected failure as one Chinese line with exit code 3, the stack only on request', () => {
    const dir = mkdtempSync(join(tmpdir(), 'juesuan-cli-'));
    const existingFile = join(dir, 'out');
    writeFileSync(existingFile, '');
    const { code, stdout, stderr } = runJuesuan('report', sample, '-o', existingFile, '--format', 'html');
    assert.equal(code, 3);
    assert.equal(stdout, '');
    assert.equal(
      stderr,
      `内部错误 juesuan 未能完成“report ${sample} -o ${existingFile} --format html”：已有同名文件或目录 ${existingFile}（EEXIST）（设 JUESUAN_DEBUG=1 可看详细堆栈）\n`,
    );

    const debug = spawnSync(
      process.execPath,
      [BIN, 'report', sample, '-o', existingFile, '--format', 'html'],
      {
        cwd: REPO_ROOT,
        encoding: 'utf8',
        env: { ...process.env, NO_COLOR: '1', JUESUAN_DEBUG: '1' },
      },
    );
    assert.equal(debug.status, 3);
    assert.match(debug.stderr, /^内部错误 .*\nError: EEXIST[^\n]*\n\s+at /);
  });

  it('answers --help without loading the engine, the readers, the renderers or the database', () => {
    const loaded = modulesLoadedBy('--help');
    assert.ok(
      loaded.some((url) => url.endsWith('/packages/cli/src/commands/definitions.ts')),
      'the hook saw the command definitions load',
    );
    assert.deepEqual(heavyAmong(loaded), []);
  });
});
