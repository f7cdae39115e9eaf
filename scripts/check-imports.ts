// Fails when an import breaks the layering of the workspace:
//   - a package imports another package only if its package.json declares it (test code may also
//     use devDependencies), only through the public entry (`@juesuan/x` or an `exports` subpath),
//     never by a relative path into the other package's folder;
//   - the declared package graph has no cycle, and core declares no package of ours;
//   - no two modules import each other, directly or round a longer loop (type-only imports count:
//     they tie the modules together just the same);
//   - the fixed rules below (a folder that must not import another; test helpers kept out of
//     production code).
// Run: node --import tsx scripts/check-imports.ts [root]
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';

export interface Violation {
  /** Path relative to the root, with / separators. */
  file: string;
  line: number;
  message: string;
}

interface PackageInfo {
  name: string;
  /** Folder relative to the root, e.g. packages/core. */
  dir: string;
  dependencies: Set<string>;
  devDependencies: Set<string>;
  /** Subpath (`.`, `./testing`) → file relative to the root. */
  exports: Map<string, string>;
}

interface ImportEdge {
  specifier: string;
  line: number;
  /** The module file it resolves to, relative to the root; undefined for an outside package. */
  target: string | undefined;
}

const SCOPE = '@juesuan/';

/**
 * Folders whose production modules must not import the other folder, and why. Tests may: nothing
 * imports a test, so it cannot tie the folders together.
 */
const FORBIDDEN: readonly { from: string; to: string; why: string }[] = [
  {
    from: 'packages/core/src/performance/',
    to: 'packages/core/src/document/',
    why: 'performance/ 是绩效评分领域逻辑，不应依赖 document/（文档渲染模型）',
  },
];

/** Test code: tests, test helpers and benchmarks. Only test code may use test helpers and devDependencies. */
export function isTestCode(file: string): boolean {
  return (
    file.startsWith('bench/') ||
    file.endsWith('.test.ts') ||
    /(^|\/)testing\//.test(file) ||
    /(^|\/)(testing|test-fixtures)\.ts$/.test(file)
  );
}

export function checkImports(root: string): Violation[] {
  const packages = readPackages(root);
  const violations: Violation[] = [...checkPackageGraph(packages)];
  const files = packages.flatMap((p) => listTs(root, `${p.dir}/src`));
  const graph = new Map<string, ImportEdge[]>();
  for (const file of files) graph.set(file, readImports(root, file, packages));
  for (const [file, edges] of graph) {
    const owner = packageOf(packages, file)!;
    for (const edge of edges) violations.push(...checkEdge(root, file, owner, edge, packages));
  }
  violations.push(...findCycles(graph));
  return violations;
}

function readPackages(root: string): PackageInfo[] {
  const base = join(root, 'packages');
  return readdirSync(base)
    .filter((name) => existsSync(join(base, name, 'package.json')))
    .sort()
    .map((name) => {
      const dir = `packages/${name}`;
      const json = JSON.parse(readFileSync(join(root, dir, 'package.json'), 'utf8'));
      const ours = (deps: Record<string, string> | undefined) =>
        new Set(Object.keys(deps ?? {}).filter((d) => d.startsWith(SCOPE)));
      const exportsField: Record<string, string> =
        typeof json.exports === 'string' ? { '.': json.exports } : (json.exports ?? {});
      return {
        name: json.name,
        dir,
        dependencies: ours(json.dependencies),
        devDependencies: ours(json.devDependencies),
        exports: new Map(
          Object.entries(exportsField).map(([k, v]) => [k, join(dir, v).split(sep).join('/')]),
        ),
      };
    });
}

function checkPackageGraph(packages: readonly PackageInfo[]): Violation[] {
  const violations: Violation[] = [];
  const core = packages.find((p) => p.name === `${SCOPE}core`);
  if (core) {
    for (const dep of [...core.dependencies, ...core.devDependencies]) {
      violations.push({
        file: `${core.dir}/package.json`,
        line: 1,
        message: `core 不依赖本项目的其他包，却声明了 ${dep}`,
      });
    }
  }
  const edges = new Map(
    packages.map((p) => [p.name, [...p.dependencies, ...p.devDependencies].map((d) => ({ target: d }))]),
  );
  for (const { loop } of stronglyConnected(edges)) {
    const dir = packages.find((p) => p.name === loop[0])?.dir ?? 'packages';
    violations.push({
      file: `${dir}/package.json`,
      line: 1,
      message: `包之间循环依赖：${[...loop, loop[0]].join(' → ')}`,
    });
  }
  return violations;
}

function listTs(root: string, dir: string): string[] {
  const full = join(root, dir);
  if (!existsSync(full)) return [];
  const files: string[] = [];
  for (const name of readdirSync(full).sort()) {
    if (name === 'node_modules') continue;
    const path = `${dir}/${name}`;
    if (statSync(join(root, path)).isDirectory()) files.push(...listTs(root, path));
    else if (name.endsWith('.ts') && !name.endsWith('.d.ts')) files.push(path);
  }
  return files;
}

function packageOf(packages: readonly PackageInfo[], file: string): PackageInfo | undefined {
  return packages.find((p) => file.startsWith(`${p.dir}/`));
}

function readImports(root: string, file: string, packages: readonly PackageInfo[]): ImportEdge[] {
  const text = readFileSync(join(root, file), 'utf8');
  const source = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, false, ts.ScriptKind.TS);
  return ts.preProcessFile(text, true, true).importedFiles.map((imported) => ({
    specifier: imported.fileName,
    line: source.getLineAndCharacterOfPosition(imported.pos).line + 1,
    target: resolveSpecifier(root, file, imported.fileName, packages),
  }));
}

function resolveSpecifier(
  root: string,
  file: string,
  specifier: string,
  packages: readonly PackageInfo[],
): string | undefined {
  if (specifier.startsWith('.')) {
    const base = relative(root, resolve(root, dirname(file), specifier))
      .split(sep)
      .join('/');
    const candidates = [`${base}.ts`, `${base}/index.ts`, base, `${base}.js`];
    return candidates.find((c) => existsSync(join(root, c)) && statSync(join(root, c)).isFile()) ?? base;
  }
  if (!specifier.startsWith(SCOPE)) return undefined;
  const { pkg, subpath } = splitPackageSpecifier(specifier);
  return packages.find((p) => p.name === pkg)?.exports.get(subpath);
}

function splitPackageSpecifier(specifier: string): { pkg: string; subpath: string } {
  const [scope, name, ...rest] = specifier.split('/');
  return { pkg: `${scope}/${name}`, subpath: rest.length ? `./${rest.join('/')}` : '.' };
}

function checkEdge(
  root: string,
  file: string,
  owner: PackageInfo,
  edge: ImportEdge,
  packages: readonly PackageInfo[],
): Violation[] {
  const at = (message: string): Violation => ({ file, line: edge.line, message });
  const test = isTestCode(file);
  const violations: Violation[] = [];
  if (edge.specifier.startsWith(SCOPE)) {
    const { pkg } = splitPackageSpecifier(edge.specifier);
    const declared = owner.dependencies.has(pkg) || (test && owner.devDependencies.has(pkg));
    if (pkg === owner.name) violations.push(at(`包内模块应以相对路径导入，不应经 ${edge.specifier}`));
    else if (!declared) {
      const where = owner.devDependencies.has(pkg) ? '仅在 devDependencies 中（只供测试使用）' : '未声明';
      violations.push(
        at(`${owner.name} 导入了 ${edge.specifier}，但 ${pkg} 在 ${owner.dir}/package.json ${where}`),
      );
    }
    if (edge.target === undefined) {
      violations.push(at(`${edge.specifier} 不是 ${pkg} 在 package.json exports 中公开的入口`));
    }
  } else if (edge.specifier.startsWith('.') && edge.target !== undefined) {
    if (!edge.target.startsWith(`${owner.dir}/`)) {
      const other = packageOf(packages, edge.target);
      violations.push(
        at(
          `以相对路径 ${edge.specifier} 进入了${other ? ` ${other.name}` : '包外'}；请经 ${other?.name ?? '该包'} 的公开入口导入`,
        ),
      );
    } else if (!existsSync(join(root, edge.target))) {
      violations.push(at(`找不到 ${edge.specifier} 对应的文件`));
    }
  }
  const target = edge.target;
  if (target === undefined) return violations;
  for (const rule of test ? [] : FORBIDDEN) {
    if (file.startsWith(rule.from) && target.startsWith(rule.to)) {
      violations.push(at(`导入了 ${edge.specifier}：${rule.why}`));
    }
  }
  if (!test && isTestCode(target)) {
    violations.push(at(`生产代码导入了测试辅助代码 ${edge.specifier}（${target}）；它只供测试与基准使用`));
  }
  return violations;
}

function findCycles(graph: ReadonlyMap<string, readonly ImportEdge[]>): Violation[] {
  const edges = new Map(
    [...graph].map(([file, list]) => [
      file,
      list.filter((e) => e.target !== undefined && graph.has(e.target)),
    ]),
  );
  return stronglyConnected(edges as Map<string, { target: string }[]>).map(({ loop, members }) => {
    const first = loop[0]!;
    const line = edges.get(first)!.find((e) => e.target === loop[1 % loop.length])!.line;
    const others = members.filter((m) => !loop.includes(m));
    const rest = others.length ? `；同一循环中还有 ${others.join('、')}` : '';
    return { file: first, line, message: `循环导入：${[...loop, first].join(' → ')}${rest}` };
  });
}

/**
 * Every group of nodes that reach one another (Tarjan): its members, sorted, and the shortest loop
 * from its smallest member back to it; a node importing itself is a group of one.
 */
function stronglyConnected(
  edges: ReadonlyMap<string, readonly { target?: string }[]>,
): { loop: string[]; members: string[] }[] {
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const groups: { loop: string[]; members: string[] }[] = [];
  const visit = (node: string): void => {
    index.set(node, index.size);
    low.set(node, index.get(node)!);
    stack.push(node);
    onStack.add(node);
    for (const { target } of edges.get(node) ?? []) {
      if (target === undefined || !edges.has(target)) continue;
      if (!index.has(target)) {
        visit(target);
        low.set(node, Math.min(low.get(node)!, low.get(target)!));
      } else if (onStack.has(target)) low.set(node, Math.min(low.get(node)!, index.get(target)!));
    }
    if (low.get(node) !== index.get(node)) return;
    const group: string[] = [];
    let member: string;
    do {
      member = stack.pop()!;
      onStack.delete(member);
      group.push(member);
    } while (member !== node);
    const selfLoop = edges.get(node)?.some((e) => e.target === node);
    if (group.length > 1 || selfLoop) {
      groups.push({ loop: loopThrough(new Set(group), edges), members: group.sort() });
    }
  };
  for (const node of [...edges.keys()].sort()) if (!index.has(node)) visit(node);
  return groups;
}

/** A shortest loop from the group's smallest member back to it, staying inside the group. */
function loopThrough(group: ReadonlySet<string>, edges: ReadonlyMap<string, readonly { target?: string }[]>) {
  const start = [...group].sort()[0]!;
  const previous = new Map<string, string>();
  const queue = [start];
  for (let i = 0; i < queue.length; i++) {
    const node = queue[i]!;
    for (const { target } of edges.get(node) ?? []) {
      if (target === undefined || !group.has(target)) continue;
      if (target === start) {
        const loop = [node];
        while (loop[0] !== start) loop.unshift(previous.get(loop[0]!)!);
        return loop;
      }
      if (!previous.has(target)) {
        previous.set(target, node);
        queue.push(target);
      }
    }
  }
  return [start];
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const root = resolve(process.argv[2] ?? join(dirname(fileURLToPath(import.meta.url)), '..'));
  const violations = checkImports(root);
  for (const v of violations) process.stderr.write(`${v.file}:${v.line}: ${v.message}\n`);
  if (violations.length) {
    process.stderr.write(`导入检查：${violations.length} 处问题\n`);
    process.exit(1);
  }
  process.stdout.write('导入检查：无循环导入，分层与公开入口均符合 package.json 的声明\n');
}
