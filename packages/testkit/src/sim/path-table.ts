// The path matching shared by a simulator's HTTP routes and WebSocket endpoints: exact paths, and
// prefix patterns written `/prefix/*`. An exact path wins over every pattern; among patterns the
// longest prefix wins. Lookups cost one Map probe plus one probe per `/` in the path.

/** How a registered path was parsed: an exact path, or the prefix a `/*` pattern stands for. */
export interface ParsedPath {
  /** True for `…/*` patterns. */
  readonly isPattern: boolean;
  /** The exact path, or the pattern's prefix including its trailing `/` (`/ws/*` → `/ws/`). */
  readonly key: string;
}

/**
 * Parses a registered path. `where` names the calling API for error messages.
 * Exact paths start with `/` and contain no `*`; patterns end in `/*` (`/*` alone matches every path).
 */
export function parsePath(path: string, where: string): ParsedPath {
  if (typeof path !== 'string' || !path.startsWith('/')) {
    throw new TypeError(`${where}: path must start with '/', got '${String(path)}'`);
  }
  const star = path.indexOf('*');
  if (star < 0) return { isPattern: false, key: path };
  if (star !== path.length - 1 || !path.endsWith('/*')) {
    throw new TypeError(
      `${where}: '*' is only allowed as a final '/*' segment (a prefix pattern such as '/ws/*'), got '${path}'`,
    );
  }
  return { isPattern: true, key: path.slice(0, -1) };
}

/** Values registered under exact paths and `/prefix/*` patterns. */
export class PathTable<T> {
  readonly #exact = new Map<string, T>();
  /** Pattern prefix (ending in `/`) → value. */
  readonly #prefixes = new Map<string, T>();

  /** The value registered under exactly this exact path or pattern (not a match). */
  get(parsed: ParsedPath): T | undefined {
    return (parsed.isPattern ? this.#prefixes : this.#exact).get(parsed.key);
  }

  /** Registers `value` under a parsed path, replacing what was there. */
  set(parsed: ParsedPath, value: T): void {
    (parsed.isPattern ? this.#prefixes : this.#exact).set(parsed.key, value);
  }

  /** The value for `path`: its exact entry, else the longest matching pattern, else undefined. */
  match(path: string): T | undefined {
    for (const value of this.candidates(path)) return value;
    return undefined;
  }

  /** Every value that could serve `path`, best first: the exact entry, then patterns longest first. */
  *candidates(path: string): Generator<T> {
    const exact = this.#exact.get(path);
    if (exact !== undefined) yield exact;
    if (this.#prefixes.size === 0) return;
    for (let end = path.lastIndexOf('/'); end >= 0; end = path.lastIndexOf('/', end - 1)) {
      const value = this.#prefixes.get(path.slice(0, end + 1));
      if (value !== undefined) yield value;
      if (end === 0) break;
    }
  }
}
