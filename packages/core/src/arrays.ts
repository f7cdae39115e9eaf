/**
 * Array helpers whose cost does not depend on the call stack. `Math.max(...xs)` and
 * `target.push(...xs)` pass every element as an argument, and V8 refuses calls of more than about
 * 100,000 arguments ("Maximum call stack size exceeded"): a table of 130,000 rows, or a PDF line of
 * as many glyphs, must not be the end of a read.
 */

/** Appends every item to `target`, in order. */
export function pushAll<T>(target: T[], items: Iterable<T>): void {
  for (const item of items) target.push(item);
}

/** The largest of `values` (−Infinity when there are none), as Math.max would give. */
export function maxOf(values: Iterable<number>): number {
  let max = Number.NEGATIVE_INFINITY;
  for (const value of values) if (value > max || Number.isNaN(value)) max = value;
  return max;
}

/** The smallest of `values` (Infinity when there are none), as Math.min would give. */
export function minOf(values: Iterable<number>): number {
  let min = Number.POSITIVE_INFINITY;
  for (const value of values) if (value < min || Number.isNaN(value)) min = value;
  return min;
}

/** Adds `item` to the list under `key`, in place (copying the list each time costs the square). */
export function addToGroup<K, V>(groups: Map<K, V[]>, key: K, item: V): void {
  const group = groups.get(key);
  if (group) group.push(item);
  else groups.set(key, [item]);
}
