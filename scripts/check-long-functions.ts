// Fails on any function, method or arrow function longer than 80 lines in production code under
// packages/*/src (tests, test helpers and generated files are exempt), unless one of the 3 lines
// above it is a comment `// long: <why it stays one unit>`.
// Run: node --import tsx scripts/check-long-functions.ts [root]
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';
import { isTestCode } from './check-imports';

export const MAX_LINES = 80;
const JUSTIFIED = /^\s*\/\/\s*long:\s*\S/;

export interface LongFunction {
  file: string;
  /** First line of the declaration, 1-based. */
  line: number;
  name: string;
  lines: number;
}

/** The functions of one file longer than MAX_LINES without a `// long:` reason above them. */
export function longFunctionsIn(file: string, text: string): LongFunction[] {
  const source = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true, ts.ScriptKind.TS);
  const textLines = text.split('\n');
  const found: LongFunction[] = [];
  const visit = (node: ts.Node): void => {
    if (ts.isFunctionLike(node) && 'body' in node && node.body) {
      const declaration = declarationOf(node);
      const first = source.getLineAndCharacterOfPosition(declaration.getStart(source)).line;
      const last = source.getLineAndCharacterOfPosition(node.getEnd()).line;
      const lines = last - first + 1;
      const above = textLines.slice(Math.max(0, first - 3), first);
      if (lines > MAX_LINES && !above.some((l) => JUSTIFIED.test(l))) {
        found.push({ file, line: first + 1, name: nameOf(node, declaration), lines });
      }
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return found;
}

/** The statement or member a function is written as: `const f = () => …` starts at `const`. */
function declarationOf(node: ts.Node): ts.Node {
  let current = node;
  while (
    ts.isVariableDeclaration(current.parent) ||
    ts.isVariableDeclarationList(current.parent) ||
    ts.isVariableStatement(current.parent) ||
    ts.isPropertyAssignment(current.parent) ||
    ts.isPropertyDeclaration(current.parent)
  ) {
    current = current.parent;
  }
  return current;
}

function nameOf(node: ts.SignatureDeclaration, declaration: ts.Node): string {
  const named = (n: ts.Node): string | undefined =>
    'name' in n && n.name && ts.isIdentifier(n.name as ts.Node) ? (n.name as ts.Identifier).text : undefined;
  const own = named(node);
  const holder = ts.isClassLike(node.parent) ? named(node.parent) : undefined;
  if (own) return holder ? `${holder}.${own}` : own;
  if (ts.isConstructorDeclaration(node)) return `${holder ?? ''}.constructor`;
  if (ts.isVariableStatement(declaration)) {
    const first = declaration.declarationList.declarations[0];
    if (first && ts.isIdentifier(first.name)) return first.name.text;
  }
  return named(declaration) ?? '（匿名函数）';
}

export function findLongFunctions(root: string): LongFunction[] {
  const packages = join(root, 'packages');
  const found: LongFunction[] = [];
  for (const name of readdirSync(packages).sort()) {
    for (const file of listTs(root, `packages/${name}/src`)) {
      if (isTestCode(file) || file.includes('.generated.')) continue;
      found.push(...longFunctionsIn(file, readFileSync(join(root, file), 'utf8')));
    }
  }
  return found;
}

function listTs(root: string, dir: string): string[] {
  if (!existsSync(join(root, dir))) return [];
  return readdirSync(join(root, dir))
    .sort()
    .flatMap((name) => {
      const path = `${dir}/${name}`;
      if (statSync(join(root, path)).isDirectory()) return listTs(root, path);
      return name.endsWith('.ts') && !name.endsWith('.d.ts') ? [path] : [];
    });
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const root = resolve(process.argv[2] ?? join(dirname(fileURLToPath(import.meta.url)), '..'));
  const found = findLongFunctions(root);
  for (const f of found) process.stderr.write(`${f.file}:${f.line}: ${f.name} 有 ${f.lines} 行\n`);
  if (found.length) {
    process.stderr.write(
      `长函数检查：${found.length} 个函数超过 ${MAX_LINES} 行；请拆分，或在其上方 3 行内以「// long: 理由」说明为何保持一体\n`,
    );
    process.exit(1);
  }
  process.stdout.write(`长函数检查：没有超过 ${MAX_LINES} 行而未说明理由的函数\n`);
}
