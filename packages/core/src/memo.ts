/**
 * A memo of a pure function of a string, for texts that recur across every package, table and
 * profile (fact keys, names, labels). Bounded: past `limit` entries it starts again, so hostile or
 * endless input cannot grow it without end.
 */
export function boundedMemo<T>(compute: (key: string) => T, limit: number): (key: string) => T {
  const entries = new Map<string, T>();
  return (key) => {
    let value = entries.get(key);
    // T may be null (a key known to hold nothing), never undefined.
    if (value === undefined) {
      value = compute(key);
      if (entries.size >= limit) entries.clear();
      entries.set(key, value);
    }
    return value;
  };
}
