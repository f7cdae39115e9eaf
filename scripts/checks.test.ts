// The structure checks on small workspaces written to a temporary folder.
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { after, describe, it } from 'node:test';
import { checkImports } from './check-imports';
import { longFunctionsIn, MAX_LINES } from './check-long-functions';

const roots: string[] = [];
after(() => {
  for (const root of roots) rmSync(root, { recursive: true, force: true });
});

/** A workspace with core (a `./testing` subpath) and data (depends on core), plus the files given. */
function workspace(files: Record<string, string>): string {
  const root = mkdtempSync(join(tmpdir(), 'juesuan-checks-'));
  roots.push(root);
  const all: Record<string, string> = {
    'packages/core/package.json': JSON.stringify({
      name: '@juesuan/core',
      exports: { '.': './src/index.ts', './testing': './src/testing/index.ts' },
    }),
    'packages/core/src/index.ts': "export * from './money';\n",
    'packages/core/src/money.ts': 'export const yuan = 100n;\n',
    'packages/core/src/testing/index.ts': "import { yuan } from '../money';\nexport const sample = yuan;\n",
    'packages/data/package.json': JSON.stringify({
      name: '@juesuan/data',
      exports: { '.': './src/index.ts' },
      dependencies: { '@juesuan/core': '0.1.0' },
    }),
    'packages/data/src/index.ts': "import { yuan } from '@juesuan/core';\nexport const fee = yuan;\n",
    'packages/data/src/index.test.ts':
      "import { sample } from '@juesuan/core/testing';\nexport const t = sample;\n",
    ...files,
  };
  for (const [path, text] of Object.entries(all)) {
    mkdirSync(dirname(join(root, path)), { recursive: true });
    writeFileSync(join(root, path), text);
  }
  return root;
}

const messages = (root: string) => checkImports(root).map((v) => `${v.file}:${v.line}: ${v.message}`);

describe('check-imports', () => {
  it('passes a workspace that keeps to its declared layering', () => {
    assert.deepEqual(messages(workspace({})), []);
  });

  it('reports a cycle between two modules once, as the loop', () => {
    const root = workspace({
      'packages/core/src/a.ts': "import type { B } from './b';\nexport type A = B[];\n",
      'packages/core/src/b.ts': "\nimport type { A } from './a';\nexport type B = A | number;\n",
    });
    assert.deepEqual(messages(root), [
      'packages/core/src/a.ts:1: 循环导入：packages/core/src/a.ts → packages/core/src/b.ts → packages/core/src/a.ts',
    ]);
  });

  it('reports a cycle round three modules', () => {
    const root = workspace({
      'packages/core/src/a.ts': "import './b';\n",
      'packages/core/src/b.ts': "import './c';\n",
      'packages/core/src/c.ts': "export * from './a';\n",
    });
    assert.deepEqual(messages(root), [
      'packages/core/src/a.ts:1: 循环导入：packages/core/src/a.ts → packages/core/src/b.ts → packages/core/src/c.ts → packages/core/src/a.ts',
    ]);
  });

  it('names every module of a tangle of loops, not only the shortest loop', () => {
    const root = workspace({
      'packages/core/src/a.ts': "import './b';\nimport './c';\n",
      'packages/core/src/b.ts': "import './a';\n",
      'packages/core/src/c.ts': "import './a';\n",
    });
    assert.deepEqual(messages(root), [
      'packages/core/src/a.ts:1: 循环导入：packages/core/src/a.ts → packages/core/src/b.ts → packages/core/src/a.ts；同一循环中还有 packages/core/src/c.ts',
    ]);
  });

  it('rejects an upward import, a relative path into another package and a private subpath', () => {
    const root = workspace({
      'packages/core/src/up.ts': "import { fee } from '@juesuan/data';\nexport const f = fee;\n",
      'packages/data/src/inside.ts': "import { yuan } from '../../core/src/money';\nexport const y = yuan;\n",
      'packages/data/src/private.ts': "import { yuan } from '@juesuan/core/money';\nexport const y = yuan;\n",
    });
    assert.deepEqual(messages(root), [
      'packages/core/src/up.ts:1: @juesuan/core 导入了 @juesuan/data，但 @juesuan/data 在 packages/core/package.json 未声明',
      'packages/data/src/inside.ts:1: 以相对路径 ../../core/src/money 进入了 @juesuan/core；请经 @juesuan/core 的公开入口导入',
      'packages/data/src/private.ts:1: @juesuan/core/money 不是 @juesuan/core 在 package.json exports 中公开的入口',
    ]);
  });

  it('keeps test helpers out of production code', () => {
    const root = workspace({
      'packages/data/src/load.ts':
        "import { sample } from '@juesuan/core/testing';\nexport const s = sample;\n",
      'packages/core/src/report.ts': "import { sample } from './testing/index';\nexport const s = sample;\n",
    });
    assert.deepEqual(messages(root), [
      'packages/core/src/report.ts:1: 生产代码导入了测试辅助代码 ./testing/index（packages/core/src/testing/index.ts）；它只供测试与基准使用',
      'packages/data/src/load.ts:1: 生产代码导入了测试辅助代码 @juesuan/core/testing（packages/core/src/testing/index.ts）；它只供测试与基准使用',
    ]);
  });

  it('keeps performance/ from importing document/, and core from declaring our packages', () => {
    const root = workspace({
      'packages/core/package.json': JSON.stringify({
        name: '@juesuan/core',
        exports: { '.': './src/index.ts', './testing': './src/testing/index.ts' },
        devDependencies: { '@juesuan/data': '0.1.0' },
      }),
      'packages/core/src/document/model.ts': 'export interface Grid { rows: string[] }\n',
      'packages/core/src/performance/score.ts':
        "import type { Grid } from '../document/model';\nexport type G = Grid;\n",
      'packages/core/src/performance/score.test.ts':
        "import type { Grid } from '../document/model';\nexport type G = Grid;\n",
    });
    assert.deepEqual(messages(root), [
      'packages/core/package.json:1: core 不依赖本项目的其他包，却声明了 @juesuan/data',
      'packages/core/package.json:1: 包之间循环依赖：@juesuan/core → @juesuan/data → @juesuan/core',
      'packages/core/src/performance/score.ts:1: 导入了 ../document/model：performance/ 是绩效评分领域逻辑，不应依赖 document/（文档渲染模型）',
    ]);
  });
});

describe('check-long-functions', () => {
  const body = (lines: number) => Array.from({ length: lines }, (_, i) => `  const v${i} = ${i};`).join('\n');
  /** A function spanning exactly `total` lines, header and closing brace included. */
  const fn = (header: string, total: number) => `${header}\n${body(total - 2)}\n}`;

  it('reports functions, methods and arrow functions over the limit, with their names and lengths', () => {
    const text = [
      fn('export function exactlyAtLimit() {', MAX_LINES),
      fn('function tooLong() {', MAX_LINES + 1),
      `class Table {\n${fn('  render() {', MAX_LINES + 5)}\n}`,
      `const arrow = () => {\n${body(MAX_LINES)}\n};`,
    ].join('\n');
    assert.deepEqual(
      longFunctionsIn('x.ts', text).map((f) => `${f.line} ${f.name} ${f.lines}`),
      [
        `${MAX_LINES + 1} tooLong ${MAX_LINES + 1}`,
        `${2 * MAX_LINES + 3} Table.render ${MAX_LINES + 5}`,
        `${3 * MAX_LINES + 9} arrow ${MAX_LINES + 2}`,
      ],
    );
  });

  it('accepts a long function with a `// long:` reason in the 3 lines above it, not further up', () => {
    const justified = `// long: one table, top to bottom, as printed\n/** The grid. */\n${fn('function grid() {', 90)}`;
    const tooFar = `// long: too far above\n\n\n\n${fn('function grid() {', 90)}`;
    const noReason = `// long:\n${fn('function grid() {', 90)}`;
    assert.deepEqual(longFunctionsIn('x.ts', justified), []);
    assert.equal(longFunctionsIn('x.ts', tooFar).length, 1);
    assert.equal(longFunctionsIn('x.ts', noReason).length, 1);
  });
});
