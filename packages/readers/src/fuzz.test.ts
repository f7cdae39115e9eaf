/**
 * Property-based damage of real documents (fast-check): a DOCX and an XLSX that `juesuan report`
 * makes of examples/jingdezhen-2024.json, the Shanghai 2024 template PDF and the Jingdezhen text
 * sample are truncated, have bytes flipped, chunks swapped or copied, zip parts duplicated,
 * reordered, dropped or their XML damaged, and PDF pages repeated. Every run must end with a
 * document or a ReadError in Chinese that names the file, without a stack, within the budget.
 * The seed is fixed (JUESUAN_FUZZ_SEED overrides it); a failure prints it with the mutation.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import fc from 'fast-check';
import JSZip from 'jszip';
import { ReadError } from './errors';
import { readBytes } from './read';
import { deflateRuns, zipOf } from './testing/hostile-files';

const SEED = Number(process.env.JUESUAN_FUZZ_SEED ?? 20_261_207);
/** Far above what these small documents take; what it catches is a read that does not end. */
const BUDGET_MS = 10_000;
const REPO_ROOT = fileURLToPath(new URL('../../../', import.meta.url));

/** A read ends in a document or a Chinese ReadError naming the file, within the budget. */
async function readsOrRefuses(bytes: Uint8Array, name: string): Promise<void> {
  const start = performance.now();
  try {
    await readBytes(bytes, name, { timeoutMs: BUDGET_MS });
  } catch (error) {
    assert.ok(error instanceof ReadError, `not a ReadError: ${(error as Error)?.stack ?? String(error)}`);
    assert.ok(error.message.includes(`“${name}”`), error.message);
    assert.match(error.message, /[\u4e00-\u9fff]/);
    assert.doesNotMatch(error.message, /\n\s*at /);
  }
  const ms = Math.round(performance.now() - start);
  assert.ok(ms <= BUDGET_MS, `${name}: ${ms} ms`);
}

// ---- damage to any file --------------------------------------------------------------------------

type ByteDamage =
  | { kind: 'truncate'; at: number }
  | { kind: 'flip'; flips: { at: number; xor: number }[] }
  | { kind: 'swap'; a: number; b: number; length: number }
  | { kind: 'copy'; from: number; length: number; to: number };

function byteDamage(size: number): fc.Arbitrary<ByteDamage> {
  const at = fc.nat({ max: size - 1 });
  const length = fc.integer({ min: 1, max: Math.max(1, Math.floor(size / 4)) });
  return fc.oneof(
    fc.record({ kind: fc.constant('truncate' as const), at }),
    fc.record({
      kind: fc.constant('flip' as const),
      flips: fc.array(fc.record({ at, xor: fc.integer({ min: 1, max: 255 }) }), {
        minLength: 1,
        maxLength: 8,
      }),
    }),
    fc.record({ kind: fc.constant('swap' as const), a: at, b: at, length }),
    fc.record({ kind: fc.constant('copy' as const), from: at, length, to: at }),
  );
}

function damaged(bytes: Buffer, damage: ByteDamage): Buffer {
  switch (damage.kind) {
    case 'truncate':
      return bytes.subarray(0, damage.at);
    case 'flip': {
      const out = Buffer.from(bytes);
      for (const { at, xor } of damage.flips) out[at]! ^= xor;
      return out;
    }
    case 'swap': {
      const [a, b] = damage.a <= damage.b ? [damage.a, damage.b] : [damage.b, damage.a];
      const length = Math.min(damage.length, b - a, bytes.length - b);
      if (length <= 0) return bytes;
      return Buffer.concat([
        bytes.subarray(0, a),
        bytes.subarray(b, b + length),
        bytes.subarray(a + length, b),
        bytes.subarray(a, a + length),
        bytes.subarray(b + length),
      ]);
    }
    case 'copy': {
      const chunk = bytes.subarray(damage.from, damage.from + damage.length);
      return Buffer.concat([bytes.subarray(0, damage.to), chunk, bytes.subarray(damage.to)]);
    }
  }
}

// ---- damage to the parts of a zip ------------------------------------------------------------------

interface Part {
  name: string;
  data: Buffer;
}

type PartDamage =
  | { kind: 'duplicate'; part: number }
  | { kind: 'drop'; part: number }
  | { kind: 'reorder'; order: number[] }
  | { kind: 'damage'; part: number; damage: ByteDamage };

function partDamage(parts: readonly Part[]): fc.Arbitrary<PartDamage> {
  const part = fc.nat({ max: parts.length - 1 });
  const indices = parts.map((_, i) => i);
  return fc.oneof(
    fc.record({ kind: fc.constant('duplicate' as const), part }),
    fc.record({ kind: fc.constant('drop' as const), part }),
    fc.record({
      kind: fc.constant('reorder' as const),
      order: fc.shuffledSubarray(indices, { minLength: indices.length, maxLength: indices.length }),
    }),
    // The XML inside a part, damaged before it is compressed again: what the parsers see.
    part.chain((i) =>
      byteDamage(Math.max(1, parts[i]!.data.length)).map((damage) => ({
        kind: 'damage' as const,
        part: i,
        damage,
      })),
    ),
  );
}

function rezipped(parts: readonly Part[], damage: PartDamage): Buffer {
  let out = [...parts];
  switch (damage.kind) {
    case 'duplicate':
      out.splice(damage.part + 1, 0, parts[damage.part]!);
      break;
    case 'drop':
      out.splice(damage.part, 1);
      break;
    case 'reorder':
      out = damage.order.map((i) => parts[i]!);
      break;
    case 'damage':
      out[damage.part] = { ...parts[damage.part]!, data: damaged(parts[damage.part]!.data, damage.damage) };
      break;
  }
  return zipOf(out.map((p) => ({ name: p.name, content: deflateRuns([{ unit: p.data, times: 1 }]) })));
}

async function partsOf(zip: Buffer): Promise<Part[]> {
  const archive = await JSZip.loadAsync(zip);
  const files = Object.values(archive.files).filter((f) => !f.dir);
  return Promise.all(files.map(async (f) => ({ name: f.name, data: await f.async('nodebuffer') })));
}

// ---- pages of a PDF ------------------------------------------------------------------------------

const TEMPLATE_PAGES = 23;

/** The PDF with its page tree's /Kids replaced by the pages at `order` (repeats allowed). */
function withPages(pdf: Buffer, order: readonly number[]): Buffer {
  const text = pdf.toString('latin1');
  const kids = /\/Kids \[([^\]]*)\]/.exec(text);
  assert.ok(kids, 'the template PDF has a plain page tree');
  const refs = kids[1]!.match(/\d+ \d+ R/g)!;
  assert.equal(refs.length, TEMPLATE_PAGES);
  const tree = `/Count ${order.length} /Kids [${order.map((i) => refs[i]).join(' ')}]`;
  return Buffer.from(text.replace(/\/Count \d+ \/Kids \[[^\]]*\]/, tree), 'latin1');
}

// ---- the properties ------------------------------------------------------------------------------

const sample = (path: string) => readFileSync(join(REPO_ROOT, path));

/** The runs of one property; endOnFailure: a failing run is reported as found, without shrinking reads. */
const runs = (numRuns: number) => ({ seed: SEED, numRuns, endOnFailure: true });

describe(`damaged real documents are read or refused in Chinese within ${BUDGET_MS / 1000} s (fast-check seed ${SEED})`, () => {
  const made = mkdtempSync(join(tmpdir(), 'juesuan-fuzz-'));
  const office: { docx?: Buffer; xlsx?: Buffer } = {};
  before(() => {
    const report = spawnSync(
      process.execPath,
      [
        join(REPO_ROOT, 'packages/cli/bin/juesuan.mjs'),
        'report',
        join(REPO_ROOT, 'examples/jingdezhen-2024.json'),
        '-o',
        made,
        '--format',
        'docx,xlsx',
      ],
      { encoding: 'utf8' },
    );
    assert.equal(report.status, 0, report.stderr);
    for (const file of readdirSync(made)) {
      if (file.endsWith('.docx')) office.docx = readFileSync(join(made, file));
      if (file.endsWith('.xlsx')) office.xlsx = readFileSync(join(made, file));
    }
  });
  after(() => rmSync(made, { recursive: true, force: true }));

  for (const format of ['docx', 'xlsx'] as const) {
    it(`the ${format.toUpperCase()} of juesuan report truncated, bytes flipped, chunks swapped or copied`, async () => {
      const bytes = office[format]!;
      await fc.assert(
        fc.asyncProperty(byteDamage(bytes.length), (damage) =>
          readsOrRefuses(damaged(bytes, damage), `报表.${format}`),
        ),
        runs(30),
      );
    });

    it(`the ${format.toUpperCase()} of juesuan report with zip parts duplicated, dropped, reordered or their XML damaged`, async () => {
      const parts = await partsOf(office[format]!);
      await fc.assert(
        fc.asyncProperty(partDamage(parts), (damage) =>
          readsOrRefuses(rezipped(parts, damage), `报表.${format}`),
        ),
        runs(40),
      );
    });
  }

  const template = sample('packages/readers/src/testing/shanghai-2024-template.pdf');

  it('the Shanghai template PDF truncated, bytes flipped, chunks swapped or copied', async () => {
    await fc.assert(
      fc.asyncProperty(byteDamage(template.length), (damage) =>
        readsOrRefuses(damaged(template, damage), '样张.pdf'),
      ),
      runs(12),
    );
  });

  it('the Shanghai template PDF with pages repeated and reordered', async () => {
    const order = fc.array(fc.nat({ max: TEMPLATE_PAGES - 1 }), { minLength: 1, maxLength: 60 });
    await fc.assert(
      fc.asyncProperty(order, (pages) => readsOrRefuses(withPages(template, pages), '样张.pdf')),
      runs(6),
    );
  });

  it('the Jingdezhen text sample truncated, bytes flipped, chunks swapped or copied', async () => {
    const text = sample('packages/data/src/testing/samples/jingdezhen-2024.txt');
    await fc.assert(
      fc.asyncProperty(byteDamage(text.length), (damage) =>
        readsOrRefuses(damaged(text, damage), '公开.txt'),
      ),
      runs(100),
    );
  });
});
