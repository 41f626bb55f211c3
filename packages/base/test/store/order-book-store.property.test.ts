// Property test: after any sequence of snapshots, deltas, single levels, prunes and clears over
// a few symbols, every OrderBookStore book equals a naive model (a Map per side, sorted on read),
// both sides are strictly sorted best first, and sorted({ limit }) is the model's top N.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { OrderBookStore } from '@venuekit/base';

type Side = 'bid' | 'ask';
type Op =
  | { kind: 'snapshot'; symbol: string; bids: [number, number][]; asks: [number, number][] }
  | { kind: 'delta'; symbol: string; bids: [number, number][]; asks: [number, number][]; asStrings: boolean }
  | { kind: 'level'; symbol: string; side: Side; price: number; size: number }
  | { kind: 'prune'; symbol: string; side: Side; price: number; inclusive: boolean }
  | { kind: 'clear'; symbol: string | undefined };

const symbol = fc.constantFrom('A', 'B', 'C');
const side = fc.constantFrom<Side>('bid', 'ask');
// A small price grid forces collisions (updates, deletes, re-inserts); some fractional prices.
const price = fc.oneof(
  fc.integer({ min: 1, max: 60 }),
  fc.integer({ min: 1, max: 600 }).map((n) => n / 10),
);
const size = fc.oneof(
  fc.constant(0),
  fc.integer({ min: 1, max: 1000 }).map((n) => n / 100),
);
const levels = fc.array(fc.tuple(price, size), { maxLength: 40 });

const op: fc.Arbitrary<Op> = fc.oneof(
  {
    weight: 1,
    arbitrary: fc.record({ kind: fc.constant('snapshot' as const), symbol, bids: levels, asks: levels }),
  },
  {
    weight: 6,
    arbitrary: fc.record({
      kind: fc.constant('delta' as const),
      symbol,
      bids: levels,
      asks: levels,
      asStrings: fc.boolean(),
    }),
  },
  { weight: 3, arbitrary: fc.record({ kind: fc.constant('level' as const), symbol, side, price, size }) },
  {
    weight: 1,
    arbitrary: fc.record({
      kind: fc.constant('prune' as const),
      symbol,
      side,
      price,
      inclusive: fc.boolean(),
    }),
  },
  {
    weight: 1,
    arbitrary: fc.record({
      kind: fc.constant('clear' as const),
      symbol: fc.option(symbol, { nil: undefined }),
    }),
  },
);

class Model {
  books = new Map<string, { bid: Map<number, number>; ask: Map<number, number> }>();
  book(s: string) {
    let b = this.books.get(s);
    if (!b) this.books.set(s, (b = { bid: new Map(), ask: new Map() }));
    return b;
  }
  set(s: string, sd: Side, p: number, q: number) {
    if (q === 0) this.book(s)[sd].delete(p);
    else this.book(s)[sd].set(p, q);
  }
  sorted(s: string, sd: Side): [number, number][] {
    const m = this.books.get(s)?.[sd] ?? new Map<number, number>();
    return [...m.entries()].sort((x, y) => (sd === 'bid' ? y[0] - x[0] : x[0] - y[0]));
  }
}

function apply(store: OrderBookStore, model: Model, o: Op): void {
  switch (o.kind) {
    case 'snapshot': {
      store.applySnapshot(o.symbol, o.bids, o.asks);
      const b = model.book(o.symbol);
      b.bid.clear();
      b.ask.clear();
      for (const [p, q] of o.bids) model.set(o.symbol, 'bid', p, q);
      for (const [p, q] of o.asks) model.set(o.symbol, 'ask', p, q);
      return;
    }
    case 'delta': {
      const fmt = (l: [number, number][]) => (o.asStrings ? l.map(([p, q]) => [String(p), String(q)]) : l);
      store.applyDelta(o.symbol, fmt(o.bids), fmt(o.asks));
      for (const [p, q] of o.bids) model.set(o.symbol, 'bid', p, q);
      for (const [p, q] of o.asks) model.set(o.symbol, 'ask', p, q);
      return;
    }
    case 'level':
      store.applyLevel(o.symbol, o.side, o.price, o.size);
      model.set(o.symbol, o.side, o.price, o.size);
      return;
    case 'prune': {
      const removed = store.removeBetterThan(o.symbol, o.side, o.price, { inclusive: o.inclusive });
      const m = model.books.get(o.symbol)?.[o.side];
      let expected = 0;
      for (const p of [...(m?.keys() ?? [])]) {
        const better = o.side === 'bid' ? p > o.price : p < o.price;
        if (better || (o.inclusive && p === o.price)) {
          m!.delete(p);
          expected++;
        }
      }
      expect(removed).toBe(expected);
      return;
    }
    case 'clear':
      store.clear(o.symbol);
      if (o.symbol === undefined) model.books.clear();
      else model.books.delete(o.symbol);
  }
}

function check(store: OrderBookStore, model: Model, limit: number): void {
  let total = 0;
  for (const s of ['A', 'B', 'C']) {
    const full = store.sorted({ symbol: s });
    const bids = model.sorted(s, 'bid');
    const asks = model.sorted(s, 'ask');
    expect(full.bids).toEqual(bids);
    expect(full.asks).toEqual(asks);
    for (let i = 1; i < full.bids.length; i++) expect(full.bids[i - 1]![0]).toBeGreaterThan(full.bids[i]![0]);
    for (let i = 1; i < full.asks.length; i++) expect(full.asks[i - 1]![0]).toBeLessThan(full.asks[i]![0]);
    expect(store.sorted({ symbol: s, limit })).toEqual({
      bids: bids.slice(0, limit),
      asks: asks.slice(0, limit),
    });
    expect(store.best(s)).toEqual({ bid: bids[0], ask: asks[0] });
    expect(store.isCrossed(s)).toBe(bids.length > 0 && asks.length > 0 && bids[0]![0] >= asks[0]![0]);
    expect(store.depth(s, 'bid')).toBe(bids.length);
    total += bids.length + asks.length;
  }
  expect(store.size).toBe(total);
}

describe('OrderBookStore equals a naive model', () => {
  it('after any sequence of snapshots, deltas, levels, prunes and clears', () => {
    fc.assert(
      fc.property(fc.array(op, { maxLength: 60 }), fc.integer({ min: 0, max: 12 }), (ops, limit) => {
        const store = new OrderBookStore();
        const model = new Model();
        for (const o of ops) {
          apply(store, model, o);
          check(store, model, limit);
        }
      }),
      { numRuns: 300 },
    );
  });

  it('stays right on books of a few thousand levels with inserts and deletes anywhere', () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(side, fc.integer({ min: 1, max: 4000 }), fc.integer({ min: 0, max: 3 })), {
          minLength: 2000,
          maxLength: 6000,
        }),
        (changes) => {
          const store = new OrderBookStore();
          const model = new Model();
          for (const [sd, p, q] of changes) {
            store.applyLevel('X', sd, p, q);
            model.set('X', sd, p, q);
          }
          expect(store.sorted({ symbol: 'X' })).toEqual({
            bids: model.sorted('X', 'bid'),
            asks: model.sorted('X', 'ask'),
          });
        },
      ),
      { numRuns: 20 },
    );
  });
});
