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
    this.values.set(key, value);
  }

  delete(key: string): boolean {
    return this.values.delete(key);
  }

  /**
   * The facts with a classification code, by key pattern (the key with its code written `{code}`,
   * e.g. `expense func={code} fund=gpb nature=basic`): each code reported, with the key it is
   * reported under. The keys are the set's own strings, so looking them up is cheap: views read
   * every code row this way. Made afresh on each call and not kept, so that a package does not
   * carry it once its views are built.
   */
  indexCodes(): ReadonlyMap<string, ReadonlyMap<string, string>> {
    const index = new Map<string, Map<string, string>>();
    for (const key of this.values.keys()) {
      const parts = splitCode(key);
      if (!parts) continue;
      let codes = index.get(parts.pattern);
      if (!codes) {
        codes = new Map();
        index.set(parts.pattern, codes);
      }
      codes.set(parts.code, key);
    }
    return index;
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
