import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';
import type { AssertNode, CompareNode, ForNode, IfNode, NumNode, RefNode } from './ast';
import { formatFormulaError, parseFormula } from './parse';

function parse(source: string) {
  const result = parseFormula(source);
  if (!result.ok) assert.fail(`${source}: ${formatFormulaError(result.error)}`);
  return result.ast;
}

function firstCompare(source: string): CompareNode {
  const statement = parse(source).statements[0] as AssertNode;
  assert.equal(statement.expr.type, 'Compare');
  return statement.expr as CompareNode;
}

test('every form of the language parses', () => {
  const forms = [
    'T01[L27] = SUM(T01[L1:L8])',
    'T01[L31] = T01[L27] + T01[L28] + T01[L29]',
    'T03[2101501].C1 = T03[2101501].C2 + T03[2101501].C3',
    'T03[total].basic = T06[personnel] + T06[public]',
    'T06[人员经费合计] = T06[301] + T06[303]',
    'T06[「人员经费合计」] = T06["人员经费合计"]',
    '上年.T01[L60] = PY.T01[L60]',
    'SUM(T02[total].C2:C7) = Σ(T02[total].(C2, C3), T02[total].C4:C7) - T02[total].C2:C3',
    'ABS(T01[L27] - T01[L31]) <= 0.01万元',
    'MIN(T01[L1], T01[L2]) >= MAX(0, 1) * 2 / 3',
    'T01[L27] ≥ 100元 AND T01[L27] ≤ 1000万元',
    'FOR r IN T02: r.C1 = SUM(r.C2:C7)',
    'FOR EACH r IN T02 WHERE r IS PARENT, c IN COLUMNS(T02): r.c = SUM(CHILDREN(r).c)',
    'FOR k IN T03 WHERE k IS 类: T03[k].C1 = T01[k]',
    'FOR c IN T04.C2:C5: T04[L59].c = SUM(T04[L33:L58].c)',
    'FOR c IN (total, basic, project), k IN T05 WHERE k IS CODE AND EXISTS(T03[k]): T05[k].c <= T03[k].c',
    'FOR c IN C1:C3: T09[L1].c = T09[L2].c + T09[L3].c',
    'IF T09[L2].actual > 0 THEN T09[L11] > 0 AND T09[L12] > 0',
    'T09[L2].actual > 0 IFF (T09[L11] > 0 AND T09[L12] > 0)',
    'IF NOT ALLZERO(T03) THEN PRESENT(T03[total].C1)',
    'IF ALLZERO(T07) THEN HAS_STATEMENT(T07)',
    'FOR r IN T01 WHERE r IS BLANK: BLANK(T01[r])',
    'FOR r IN T09[L11:L12]: NA(r.C1) OR NOT PRESENT(r.C1)',
    'T04[L1] = T01[L1]; T04[L2] = T01[L2]；T04[L3] = T01[L3];',
    'FOR k IN T03 WHERE k IS NOT TOTAL：T03[k].C1 ＝ T03[k].C2 ＋ T03[k].C3',
    '（T01[L1] − T01[L2]）× 50% ÷ 2 ≠ -T01[L3]',
  ];
  for (const form of forms) parse(form);
});

test('a row reference distinguishes 行次, code, key, variable-or-key and label', () => {
  const compare = firstCompare('T01[L27] = T03[2101501] + T03[total] + T06[人员经费合计]');
  const left = compare.left as RefNode;
  assert.equal(left.rows.type, 'RowList');
  if (left.rows.type === 'RowList')
    assert.deepEqual(left.rows.items[0], { ...left.rows.items[0], type: 'Line', line: 27 });
  const right = compare.right;
  assert.equal(right.type, 'Binary');
  const kinds: string[] = [];
  const walk = (n: NumNode): void => {
    if (n.type === 'Binary') {
      walk(n.left);
      walk(n.right);
    } else if (n.type === 'Ref' && n.rows.type === 'RowList') kinds.push(n.rows.items[0]!.type);
  };
  walk(right);
  assert.deepEqual(kinds, ['Code', 'Name', 'Label']);
});

test('full-width operators and punctuation mean the same as ASCII ones', () => {
  const a = firstCompare('T01[L27] ≤ T01[L31]');
  const b = firstCompare('T01[L27] <= T01[L31]');
  assert.equal(a.op, '<=');
  assert.equal(b.op, '<=');
  assert.equal(firstCompare('T01[L27] ≠ 0').op, '<>');
  assert.equal(firstCompare('T01[L27] ＝ 0').op, '=');
  const minus = firstCompare('T01[L27] − T01[L1] = 0');
  assert.equal(minus.left.type === 'Binary' && minus.left.op, '-');
});

test('numbers carry their unit: 元, 万元 or %', () => {
  const compare = firstCompare('T01[L27] >= 0.5万元 + 100元 + 3%');
  const units: (string | undefined)[] = [];
  const walk = (n: CompareNode['right']): void => {
    if (n.type === 'Binary') {
      walk(n.left);
      walk(n.right);
    } else if (n.type === 'Number') units.push(n.unit);
  };
  walk(compare.right);
  assert.deepEqual(units, ['万元', '元', '%']);
});

test('FOR takes every following statement as its body; IF only the next one', () => {
  const ast = parse('T01[L1] = 0; FOR k IN T03: k.C1 = 0; k.C2 = 0');
  assert.equal(ast.statements.length, 2);
  assert.equal((ast.statements[1] as ForNode).body.length, 2);
  const ifAst = parse('IF T01[L1] > 0 THEN T01[L2] = 0; IF T01[L3] > 0 THEN T01[L4] = 0; T01[L5] = 0');
  assert.equal(ifAst.statements.length, 3);
  assert.equal((ifAst.statements[0] as IfNode).body.length, 1);
  const ifFor = parse('IF NOT ALLZERO(T03) THEN FOR k IN T03: k.C1 >= 0; k.C2 >= 0');
  assert.equal(((ifFor.statements[0] as IfNode).body[0] as ForNode).body.length, 2);
});

test('AND binds tighter than OR, OR tighter than IFF', () => {
  const ast = parse('T01[L1] = 0 OR T01[L2] = 0 AND T01[L3] = 0 IFF T01[L4] = 0');
  const expr = (ast.statements[0] as AssertNode).expr;
  assert.equal(expr.type === 'Logic' && expr.op, 'IFF');
  const left = expr.type === 'Logic' ? expr.left : expr;
  assert.equal(left.type === 'Logic' && left.op, 'OR');
  const and = left.type === 'Logic' ? left.right : left;
  assert.equal(and.type === 'Logic' && and.op, 'AND');
});

test('a parse error gives line, column and what was expected, in Chinese', () => {
  const result = parseFormula('T01[L27 = 5');
  assert.equal(result.ok, false);
  if (result.ok) return;
  assert.equal(result.error.line, 1);
  assert.equal(result.error.column, 9);
  assert.match(result.error.message, /此处应为 .*「\]」/);
  assert.match(result.error.message, /却是 「=」/);
  assert.match(formatFormulaError(result.error), /^第 1 行第 9 列：/);
});

test('a parse error on a later line of a formula points at that line', () => {
  const result = parseFormula('FOR k IN T03 WHERE k IS 类:\n  T03[k].C1 = T01[k] +');
  assert.equal(result.ok, false);
  if (result.ok) return;
  assert.equal(result.error.line, 2);
  assert.equal(result.error.column, 23);
  assert.match(result.error.message, /却是 公式结尾/);
  assert.match(result.error.message, /数字/);
});

test('an unknown row kind lists the kinds there are', () => {
  const result = parseFormula('FOR k IN T03 WHERE k IS 目: k.C1 = 0');
  assert.equal(result.ok, false);
  if (result.ok) return;
  assert.match(result.error.message, /行的种类（类、款、项/);
});

test('lower-case keywords and program text are not part of the language', () => {
  for (const source of ['if T01[L1] > 0 then T01[L2] = 0', 'process.exit(1)', 'T01[L1] = eval("1")', '']) {
    assert.equal(parseFormula(source).ok, false, source);
  }
});

test('the generated parser is up to date with grammar.peggy', () => {
  const script = fileURLToPath(new URL('../../../../scripts/build-grammar.mjs', import.meta.url));
  const result = spawnSync(process.execPath, [script, '--check'], { encoding: 'utf8' });
  assert.equal(result.status, 0, result.stderr);
});
