// Property test: for any sequence of insert / update / delete / pop / findAndDelete / clear on a
// keyed store (two key fields, maxlen small enough to trim) and on an append-only store, get()
// and find() equal a naive array model of pybotters' semantics, and (without maxlen, whose
// trimming is silent) a watcher's changes replayed onto a map give the store's contents.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DataStore, type StoreChange } from '@venuekit/base';

interface Row {
  s: string;
  id: number;
  v?: number;
  w?: string;
}

type Op =
  | { kind: 'insert' | 'update' | 'delete'; items: Partial<Row>[] }
  | { kind: 'pop'; item: Partial<Row> }
  | { kind: 'findAndDelete'; query: Partial<Row> }
  | { kind: 'clear' };

const key = { s: fc.constantFrom('a', 'b'), id: fc.integer({ min: 0, max: 6 }) };
const item: fc.Arbitrary<Partial<Row>> = fc.record(
  { ...key, v: fc.integer({ min: 0, max: 3 }), w: fc.constantFrom('x', 'y') },
  { requiredKeys: [] },
);
const items = fc.array(item, { maxLength: 6 });
const op: fc.Arbitrary<Op> = fc.oneof(
  fc.record({ kind: fc.constantFrom('insert' as const, 'update' as const, 'delete' as const), items }),
  fc.record({ kind: fc.constant('pop' as const), item }),
  fc.record({ kind: fc.constant('findAndDelete' as const), query: item }),
  fc.record({ kind: fc.constant('clear' as const) }),
);

const matches = (x: Partial<Row>, q: Partial<Row>) =>
  Object.entries(q).every(([k, v]) => k in x && x[k as keyof Row] === v);

/** pybotters semantics over a plain array, written independently of the store. */
class Model {
  rows: Partial<Row>[] = [];
  constructor(
    readonly keys: (keyof Row)[],
    readonly maxlen: number,
  ) {}
  keyed(x: Partial<Row>) {
    return this.keys.length > 0 && this.keys.every((k) => x[k] !== undefined);
  }
  at(x: Partial<Row>) {
    return this.rows.findIndex((r) => this.keys.every((k) => r[k] === x[k]));
  }
  trim() {
    while (this.rows.length > this.maxlen) this.rows.shift();
  }
  apply(o: Op) {
    if (o.kind === 'clear') this.rows = [];
    else if (o.kind === 'findAndDelete') this.rows = this.rows.filter((r) => !matches(r, o.query));
    else if (o.kind === 'pop') {
      if (this.keyed(o.item) && this.at(o.item) >= 0) this.rows.splice(this.at(o.item), 1);
    } else {
      for (const x of o.items) {
        if (this.keys.length === 0) {
          if (o.kind !== 'delete') this.rows.push(x);
          continue;
        }
        if (!this.keyed(x)) continue;
        const i = this.at(x);
        if (o.kind === 'delete') {
          if (i >= 0) this.rows.splice(i, 1);
        } else if (i < 0) this.rows.push(x);
        else this.rows[i] = o.kind === 'insert' ? x : { ...this.rows[i], ...x };
      }
      if (o.kind !== 'delete') this.trim();
    }
  }
}

function run(store: DataStore<Row>, o: Op): void {
  if (o.kind === 'insert') store.insert(o.items as Row[]);
  else if (o.kind === 'update') store.update(o.items);
  else if (o.kind === 'delete') store.delete(o.items);
  else if (o.kind === 'pop') store.pop(o.item);
  else if (o.kind === 'findAndDelete') store.findAndDelete(o.query);
  else store.clear();
}

function replay(mirror: Map<string, Row>, c: StoreChange<Row>): void {
  const k = `${c.data.s}|${c.data.id}`;
  if (c.operation === 'delete') mirror.delete(k);
  else mirror.set(k, c.data);
}

describe('DataStore equals a naive array model', () => {
  it('keyed store with two key fields and a small maxlen', () => {
    fc.assert(
      fc.property(fc.array(op, { maxLength: 40 }), fc.array(item, { maxLength: 5 }), (ops, queries) => {
        const store = new DataStore<Row>({ keys: ['s', 'id'], maxlen: 9 });
        const model = new Model(['s', 'id'], 9);
        for (const o of ops) {
          run(store, o);
          model.apply(o);
          expect(store.find()).toEqual(model.rows);
          expect(store.size).toBe(model.rows.length);
          for (const q of queries) {
            expect(store.find(q)).toEqual(model.rows.filter((r) => matches(r, q)));
            const i = model.keyed(q) ? model.at(q) : -1;
            expect(store.get(q)).toEqual(i >= 0 ? model.rows[i] : undefined);
          }
        }
      }),
      { numRuns: 300 },
    );
  });

  it('append-only store', () => {
    fc.assert(
      fc.property(fc.array(op, { maxLength: 40 }), item, (ops, q) => {
        const store = new DataStore<Row>({ maxlen: 7 });
        const model = new Model([], 7);
        for (const o of ops) {
          run(store, o);
          model.apply(o);
          expect(store.find()).toEqual(model.rows);
          expect(store.find(q)).toEqual(model.rows.filter((r) => matches(r, q)));
          expect(store.get(q)).toBeUndefined();
        }
      }),
      { numRuns: 200 },
    );
  });

  it("a watcher's changes replayed onto a map equal the store (no maxlen)", async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(op, { maxLength: 40 }), async (ops) => {
        const store = new DataStore<Row>({ keys: ['s', 'id'], maxlen: Number.POSITIVE_INFINITY });
        using watcher = store.watch();
        const mirror = new Map<string, Row>();
        for (const o of ops) run(store, o);
        while (watcher.buffered > 0) {
          const r = await watcher.next();
          if (!r.done) replay(mirror, r.value);
        }
        const byKey = (rows: Row[]) => rows.map((r) => `${r.s}|${r.id}:${r.v}:${r.w}`).sort();
        expect(byKey([...mirror.values()])).toEqual(byKey(store.find()));
      }),
      { numRuns: 200 },
    );
  });
});
