// Paths inside a config value, written the way a person reads them: `feeds.binance.limits[0].interval`.

/** One step of a path: an object key or an array index. */
export type ConfigPathSegment = string | number;

const IDENTIFIER = /^[A-Za-z_$][A-Za-z0-9_$-]*$/;

/**
 * Formats a path: keys made of letters, digits, `_`, `$` and `-` join with dots, indices go in
 * brackets, any other key is quoted in brackets (`feeds.binance.limits[0]`, `hosts["a b"]`).
 * The empty path is `(root)`.
 */
export function formatConfigPath(path: readonly PropertyKey[]): string {
  let out = '';
  for (const segment of path) {
    if (typeof segment === 'number') out += `[${segment}]`;
    else if (typeof segment === 'symbol') out += `[${segment.toString()}]`;
    else if (IDENTIFIER.test(segment)) out += out === '' ? segment : `.${segment}`;
    else out += `[${JSON.stringify(segment)}]`;
  }
  return out === '' ? '(root)' : out;
}

/** The value found at `path` inside `root`, or `undefined`. */
export function valueAtPath(root: unknown, path: readonly PropertyKey[]): unknown {
  let current = root;
  for (const segment of path) {
    if (current === null || typeof current !== 'object') return undefined;
    if (current instanceof Map) current = current.get(segment);
    else current = (current as Record<PropertyKey, unknown>)[segment];
  }
  return current;
}
