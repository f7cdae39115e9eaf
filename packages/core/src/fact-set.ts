import { type Fact, keyOf, type Measure, measureOf, parseFactKey } from './facts';
import { boundedMemo } from './memo';

/** The classification code inside a canonical key; `*` (all codes) is the default and never written. */
const CODE_IN_KEY = / (func|econ)=(\d+)/;

/**
 * A key's pattern and code (see codesMatching), null for a key without a code. Every package has
 * mostly the same keys, so each is split once; the cache is dropped when it grows past any
 * realistic number of distinct keys.
 */
const splitCode = boundedMemo((key): { pattern: string; code: string } | null => {
  const match = CODE_IN_KEY.exec(key);
  return (
    match && {
      pattern: `${key.slice(0, match.index)} ${match[1]}={code}${key.slice(match.index + match[0].length)}`,
      code: match[2]!,
    }
  );
}, 200_000);

/**
 * The facts of one department-year (or one unit, or last year), keyed by canonical fact key.
 * Values are 分 for money measures and plain integers for counts. An absent key means “not
 * reported”, which is not the same as a reported zero.
 */
export class FactSet {
  private readonly values = new Map<string, bigint>();
  /**
   * By key pattern (the key with its code written `{code}`): each code and the key it is reported
   * under. Built on first use.
   */
  private codeIndex: Map<string, Map<string, string>> | undefined;

  static from(entries: Iterable<readonly [string, bigint]>): FactSet {
    const set = new FactSet();
    for (const [key, value] of entries) set.set(key, value);
    return set;
  }

  get size(): number {
    return this.values.size;
  }

  /** The value under a canonical key, or undefined when not reported. */
  get(key: string): bigint | undefined {
    return this.values.get(key);
  }

  has(key: string): boolean {
    return this.values.has(key);
  }

  /** Looks a fact up by measure and the dimensions that differ from their defaults. */
  value(measure: Measure, dims: Record<string, string> = {}): bigint | undefined {
    return this.values.get(keyOf(measure, dims));
  }

  set(key: string, value: bigint): void {
    if (!this.values.has(key)) this.codeIndex = undefined;
    this.values.set(key, value);
  }

  delete(key: string): boolean {
    this.codeIndex = undefined;
    return this.values.delete(key);
  }

  /**
   * The classification codes for which a fact matches `pattern`, a canonical key whose code is
   * written `{code}` (e.g. `expense func={code} fund=gpb nature=basic`). Unsorted.
   */
  codesMatching(pattern: string): Iterable<string> {
    return this.byCode(pattern)?.keys() ?? [];
  }

  /**
   * The key a fact matching `pattern` is reported under for `code`, or undefined. The same as
   * filling in the pattern, but the string is the set's own, so looking it up is cheap: views
   * read every code row this way.
   */
  keyFor(pattern: string, code: string): string | undefined {
    return this.byCode(pattern)?.get(code);
  }

  private byCode(pattern: string): Map<string, string> | undefined {
    if (!this.codeIndex) {
      this.codeIndex = new Map();
      for (const key of this.values.keys()) {
        const parts = splitCode(key);
        if (!parts) continue;
        const codes = this.codeIndex.get(parts.pattern);
        if (codes) codes.set(parts.code, key);
        else this.codeIndex.set(parts.pattern, new Map([[parts.code, key]]));
      }
    }
    return this.codeIndex.get(pattern);
  }

  keys(): IterableIterator<string> {
    return this.values.keys();
  }

  entries(): IterableIterator<[string, bigint]> {
    return this.values.entries();
  }

  /** Every reported fact of a measure, parsed. */
  *facts(measure?: Measure): Generator<{ key: string; fact: Fact; value: bigint }> {
    for (const [key, value] of this.values) {
      if (measure && measureOf(key) !== measure) continue;
      const parsed = parseFactKey(key);
      if (parsed.ok) yield { key, fact: parsed.fact, value };
    }
  }

  clone(): FactSet {
    return FactSet.from(this.values);
  }

  equals(other: FactSet): boolean {
    if (other.size !== this.size) return false;
    for (const [key, value] of this.values) if (other.get(key) !== value) return false;
    return true;
  }
}
