// DataStore follows pybotters' semantics: insert replaces, update merges, delete ignores unknown
// keys, items without key fields are ignored, maxlen drops the oldest silently, and items are
// immutable snapshots (update is copy-on-write).
import { describe, expect, it } from 'vitest';
import { ConfigError, DataStore, DEFAULT_MAXLEN } from '@venuekit/base';

interface Order {
  symbol: string;
  id: number;
  price?: number;
  qty?: number;
  status?: string;
}

function orders(data: Order[] = [], maxlen?: number): DataStore<Order> {
  return new DataStore<Order>({
    name: 'orders',
    keys: ['symbol', 'id'],
    data,
    ...(maxlen ? { maxlen } : {}),
  });
}

describe('DataStore reads', () => {
  it('gets by all key fields and returns undefined for an unknown key or a missing key field', () => {
    const store = orders([
      { symbol: 'BTCUSDT', id: 1, price: 100 },
      { symbol: 'ETHUSDT', id: 1, price: 5 },
    ]);
    expect(store.get({ symbol: 'BTCUSDT', id: 1 })?.price).toBe(100);
    expect(store.get({ symbol: 'ETHUSDT', id: 1 })?.price).toBe(5);
    expect(store.get({ symbol: 'BTCUSDT', id: 2 })).toBeUndefined();
    expect(store.get({ symbol: 'BTCUSDT' })).toBeUndefined();
    expect(store.get({ id: 1 })).toBeUndefined();
  });

  it('compares key values exactly: the number 1 and the string "1" are different keys', () => {
    const store = new DataStore<{ id: number | string; v: string }>({ keys: ['id'] });
    store.insert([
      { id: 1, v: 'number' },
      { id: '1', v: 'string' },
    ]);
    expect(store.size).toBe(2);
    expect(store.get({ id: 1 })?.v).toBe('number');
    expect(store.get({ id: '1' })?.v).toBe('string');
  });

  it('has no get() in a store without keys', () => {
    const trades = new DataStore<{ price: number }>({ data: [{ price: 1 }] });
    expect(trades.get({ price: 1 })).toBeUndefined();
    expect(trades.size).toBe(1);
  });

  it('finds by any fields in insertion order, all items without a query', () => {
    const store = orders([
      { symbol: 'BTCUSDT', id: 3, status: 'open' },
      { symbol: 'ETHUSDT', id: 1, status: 'open' },
      { symbol: 'BTCUSDT', id: 2, status: 'filled' },
    ]);
    expect(store.find({ symbol: 'BTCUSDT' }).map((o) => o.id)).toEqual([3, 2]);
    expect(store.find({ status: 'open' }).map((o) => o.id)).toEqual([3, 1]);
    expect(store.find({ status: 'open', symbol: 'ETHUSDT' }).map((o) => o.id)).toEqual([1]);
    expect(store.find({ status: 'cancelled' })).toEqual([]);
    expect(store.find().map((o) => o.id)).toEqual([3, 1, 2]);
    expect(store.find({}).length).toBe(3);
  });

  it('iterates oldest first and reversed() newest first', () => {
    const store = orders([
      { symbol: 'A', id: 1 },
      { symbol: 'A', id: 2 },
      { symbol: 'A', id: 3 },
    ]);
    expect([...store].map((o) => o.id)).toEqual([1, 2, 3]);
    expect([...store.reversed()].map((o) => o.id)).toEqual([3, 2, 1]);
  });
});

describe('DataStore mutations', () => {
  it('insert replaces an existing key wholesale, keeping its position', () => {
    const store = orders([
      { symbol: 'A', id: 1, price: 1, qty: 10 },
      { symbol: 'A', id: 2, price: 2 },
    ]);
    store.insert([{ symbol: 'A', id: 1, price: 9 }]);
    expect(store.get({ symbol: 'A', id: 1 })).toEqual({ symbol: 'A', id: 1, price: 9 });
    expect(store.find().map((o) => o.id)).toEqual([1, 2]);
    expect(store.size).toBe(2);
  });

  it('update merges into an existing key and inserts an unknown one', () => {
    const store = orders([{ symbol: 'A', id: 1, price: 1, qty: 10 }]);
    store.update([
      { symbol: 'A', id: 1, qty: 4 },
      { symbol: 'A', id: 2, price: 7 },
    ]);
    expect(store.get({ symbol: 'A', id: 1 })).toEqual({ symbol: 'A', id: 1, price: 1, qty: 4 });
    expect(store.get({ symbol: 'A', id: 2 })).toEqual({ symbol: 'A', id: 2, price: 7 });
  });

  it('update is copy-on-write: an item read earlier is an unchanged snapshot', () => {
    const store = orders([{ symbol: 'A', id: 1, qty: 10 }]);
    const before = store.get({ symbol: 'A', id: 1 })!;
    store.update([{ symbol: 'A', id: 1, qty: 4 }]);
    expect(before.qty).toBe(10);
    expect(store.get({ symbol: 'A', id: 1 })!.qty).toBe(4);
  });

  it('delete removes known keys and ignores unknown keys and items without key fields', () => {
    const store = orders([
      { symbol: 'A', id: 1 },
      { symbol: 'A', id: 2 },
    ]);
    store.delete([{ symbol: 'A', id: 1 }, { symbol: 'A', id: 99 }, { id: 2 }]);
    expect(store.find().map((o) => o.id)).toEqual([2]);
    expect(store.get({ symbol: 'A', id: 1 })).toBeUndefined();
  });

  it('ignores items missing a key field on insert and update', () => {
    const store = orders();
    store.insert([{ id: 1 } as Order]);
    store.update([{ symbol: 'A' }]);
    expect(store.size).toBe(0);
  });

  it('a store without keys is append-only: update appends, delete does nothing', () => {
    const trades = new DataStore<{ p: number }>();
    trades.insert([{ p: 1 }, { p: 1 }]);
    trades.update([{ p: 2 }]);
    trades.delete([{ p: 1 }]);
    expect(trades.find().map((t) => t.p)).toEqual([1, 1, 2]);
  });

  it('pop removes and returns the item with that key', () => {
    const store = orders([{ symbol: 'A', id: 1, price: 5 }]);
    expect(store.pop({ symbol: 'A', id: 1 })?.price).toBe(5);
    expect(store.pop({ symbol: 'A', id: 1 })).toBeUndefined();
    expect(store.size).toBe(0);
  });

  it('findAndDelete removes and returns matches, in keyed and append-only stores', () => {
    const store = orders([
      { symbol: 'A', id: 1, status: 'open' },
      { symbol: 'A', id: 2, status: 'filled' },
      { symbol: 'B', id: 3, status: 'filled' },
    ]);
    expect(store.findAndDelete({ status: 'filled' }).map((o) => o.id)).toEqual([2, 3]);
    expect(store.find().map((o) => o.id)).toEqual([1]);
    expect(store.get({ symbol: 'A', id: 2 })).toBeUndefined();
    const trades = new DataStore<{ s: string }>({ data: [{ s: 'x' }, { s: 'y' }, { s: 'x' }] });
    expect(trades.findAndDelete({ s: 'x' }).length).toBe(2);
    expect(trades.find()).toEqual([{ s: 'y' }]);
    expect(trades.findAndDelete().length).toBe(1);
    expect(trades.size).toBe(0);
  });

  it('clear empties the store and the index', () => {
    const store = orders([{ symbol: 'A', id: 1 }]);
    store.clear();
    expect(store.size).toBe(0);
    expect(store.get({ symbol: 'A', id: 1 })).toBeUndefined();
    store.insert([{ symbol: 'A', id: 1 }]);
    expect(store.size).toBe(1);
  });
});

describe('DataStore maxlen', () => {
  it('defaults to 9,999 like pybotters', () => {
    expect(new DataStore().maxlen).toBe(DEFAULT_MAXLEN);
    expect(DEFAULT_MAXLEN).toBe(9999);
  });

  it('drops the oldest items of an append-only store beyond maxlen', () => {
    const trades = new DataStore<{ n: number }>({ maxlen: 3 });
    for (let n = 0; n < 10; n++) trades.insert([{ n }]);
    expect(trades.find().map((t) => t.n)).toEqual([7, 8, 9]);
    trades.insert([{ n: 10 }, { n: 11 }]);
    expect(trades.find().map((t) => t.n)).toEqual([9, 10, 11]);
  });

  it('drops the oldest keyed items (a replaced item keeps its age) and unindexes them', () => {
    const store = orders([], 2);
    store.insert([{ symbol: 'A', id: 1 }]);
    store.insert([{ symbol: 'A', id: 2 }]);
    store.insert([{ symbol: 'A', id: 1, price: 5 }]);
    store.insert([{ symbol: 'A', id: 3 }]);
    expect(store.find().map((o) => o.id)).toEqual([2, 3]);
    expect(store.get({ symbol: 'A', id: 1 })).toBeUndefined();
  });

  it('stays fast at 99,999 items (no O(n) work per append)', () => {
    const trades = new DataStore<{ n: number }>({ maxlen: 99_999 });
    const started = performance.now();
    for (let n = 0; n < 300_000; n++) trades.insert([{ n }]);
    expect(trades.size).toBe(99_999);
    expect(trades.find()[0]!.n).toBe(300_000 - 99_999);
    expect(performance.now() - started).toBeLessThan(3000);
  });

  it('rejects bad options with ConfigError naming the field', () => {
    expect(() => new DataStore({ maxlen: 0 })).toThrow(/maxlen/);
    expect(() => new DataStore({ maxlen: 1.5 })).toThrow(ConfigError);
    expect(() => new DataStore<{ a: 1 }>({ keys: ['a', 'a'] })).toThrow(/keys/);
    expect(new DataStore({ maxlen: Number.POSITIVE_INFINITY }).maxlen).toBe(Number.POSITIVE_INFINITY);
  });
});

describe('DataStore freeze option', () => {
  it('freezes stored and merged items so that a mutation throws', () => {
    const store = new DataStore<{ id: number; v: number }>({ keys: ['id'], freeze: true });
    store.insert([{ id: 1, v: 1 }]);
    expect(() => {
      (store.get({ id: 1 }) as { v: number }).v = 2;
    }).toThrow(TypeError);
    store.update([{ id: 1, v: 3 }]);
    expect(Object.isFrozen(store.get({ id: 1 }))).toBe(true);
    expect(store.get({ id: 1 })!.v).toBe(3);
  });
});
