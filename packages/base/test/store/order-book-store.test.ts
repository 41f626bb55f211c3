// OrderBookStore: kept-sorted books, snapshot + delta rules, top of book, crossed-book helpers,
// malformed levels, and the DataStore-style reads (find/get/size/wait/watch of level changes).
import { describe, expect, it } from 'vitest';
import { type BookLevel, OrderBookStore, type StoreChange, ValidationError } from '@venuekit/base';

function seeded(): OrderBookStore<{ lastUpdateId: number }> {
  const store = new OrderBookStore<{ lastUpdateId: number }>({ name: 'book' });
  store.applySnapshot(
    'BTCUSDT',
    [
      ['100.0', '1'],
      ['99.5', '2'],
      ['99.0', '3'],
    ],
    [
      ['100.5', '4'],
      ['101.0', '5'],
      ['102.0', '6'],
    ],
    { lastUpdateId: 10 },
  );
  return store;
}

describe('OrderBookStore snapshots and deltas', () => {
  it('returns both sides best first, numbers, capped by limit', () => {
    const store = seeded();
    expect(store.sorted({ symbol: 'BTCUSDT' })).toEqual({
      bids: [
        [100, 1],
        [99.5, 2],
        [99, 3],
      ],
      asks: [
        [100.5, 4],
        [101, 5],
        [102, 6],
      ],
    });
    expect(store.sorted({ symbol: 'BTCUSDT', limit: 1 })).toEqual({ bids: [[100, 1]], asks: [[100.5, 4]] });
    expect(store.sorted({ limit: 0 })).toEqual({ bids: [], asks: [] });
    expect(store.sorted({ limit: 1.9 }).bids).toEqual([[100, 1]]);
    expect(store.meta('BTCUSDT')).toEqual({ lastUpdateId: 10 });
  });

  it('applies deltas: size 0 removes, a new price inserts in order, a known price changes size', () => {
    const store = seeded();
    store.applyDelta(
      'BTCUSDT',
      [
        ['99.5', '0'],
        ['99.75', '7'],
        ['100.0', '1.5'],
      ],
      [['100.25', '8']],
      { lastUpdateId: 11 },
    );
    const book = store.sorted({ symbol: 'BTCUSDT' });
    expect(book.bids).toEqual([
      [100, 1.5],
      [99.75, 7],
      [99, 3],
    ]);
    expect(book.asks[0]).toEqual([100.25, 8]);
    expect(store.meta('BTCUSDT')).toEqual({ lastUpdateId: 11 });
    store.applyDelta('BTCUSDT', [[98, 0]], undefined);
    expect(store.depth('BTCUSDT', 'bid')).toBe(3);
  });

  it('accepts snapshots in any order, drops size-0 levels and keeps the last of a repeated price', () => {
    const store = new OrderBookStore();
    store.applySnapshot(
      'X',
      [
        [1, 1],
        [3, 3],
        [2, 2],
        [3, 4],
        [5, 0],
      ],
      [
        [7, 1],
        [6, 1],
      ],
    );
    expect(store.sorted({ symbol: 'X' })).toEqual({
      bids: [
        [3, 4],
        [2, 2],
        [1, 1],
      ],
      asks: [
        [6, 1],
        [7, 1],
      ],
    });
  });

  it('a snapshot replaces the previous book of that symbol only', () => {
    const store = seeded();
    store.applySnapshot('ETHUSDT', [[10, 1]], [[11, 1]]);
    store.applySnapshot('BTCUSDT', [[1, 1]], []);
    expect(store.sorted({ symbol: 'BTCUSDT' })).toEqual({ bids: [[1, 1]], asks: [] });
    expect(store.sorted({ symbol: 'ETHUSDT', limit: 5 }).asks).toEqual([[11, 1]]);
    expect(store.symbols()).toEqual(['BTCUSDT', 'ETHUSDT']);
  });

  it('applyLevel sets one level, for venues that send a level per message', () => {
    const store = seeded();
    store.applyLevel('BTCUSDT', 'ask', 100.25, 2);
    store.applyLevel('BTCUSDT', 'bid', 100, 0);
    expect(store.best('BTCUSDT')).toEqual({ bid: [99.5, 2], ask: [100.25, 2] });
  });

  it('refuses an empty symbol', () => {
    expect(() => new OrderBookStore().applyDelta('', [[1, 1]], undefined)).toThrow(
      /symbol must be a non-empty string/,
    );
  });

  it('applies the valid levels of a malformed delta, then throws a ValidationError naming the bad one', () => {
    const store = seeded();
    expect(() =>
      store.applyDelta(
        'BTCUSDT',
        [
          ['abc', '1'],
          ['98', '1'],
        ],
        [['103', '-1']],
      ),
    ).toThrow(/skipped level bid \[abc, 1\] for BTCUSDT/);
    expect(store.depth('BTCUSDT', 'bid')).toBe(4);
    expect(store.depth('BTCUSDT', 'ask')).toBe(3);
    expect(() => store.applyLevel('BTCUSDT', 'bid', Number.POSITIVE_INFINITY, 1)).toThrow(ValidationError);
    expect(() => store.applySnapshot('Y', [[1, Number.NaN]], [])).toThrow(ValidationError);
    expect(store.depth('Y', 'bid')).toBe(0);
    store.applyDelta('BTCUSDT', [['97', '1']], undefined);
  });

  it('clears one book or all books', () => {
    const store = seeded();
    store.applySnapshot('ETHUSDT', [[10, 1]], [[11, 1]]);
    store.clear('BTCUSDT');
    expect(store.symbols()).toEqual(['ETHUSDT']);
    expect(store.sorted({ symbol: 'BTCUSDT' })).toEqual({ asks: [], bids: [] });
    store.clear();
    expect(store.size).toBe(0);
  });
});

describe('OrderBookStore top of book and crossing', () => {
  it('reports best bid/ask and undefined for an empty side or unknown symbol', () => {
    const store = seeded();
    expect(store.best('BTCUSDT')).toEqual({ bid: [100, 1], ask: [100.5, 4] });
    expect(store.best('NOPE')).toEqual({ bid: undefined, ask: undefined });
  });

  it('detects a crossed book (bid ≥ ask)', () => {
    const store = seeded();
    expect(store.isCrossed('BTCUSDT')).toBe(false);
    store.applyDelta('BTCUSDT', [['100.5', '1']], undefined);
    expect(store.isCrossed('BTCUSDT')).toBe(true);
    expect(store.isCrossed('NOPE')).toBe(false);
  });

  it('prunes around a mid price the bitFlyer way: a bid at mid stays, an ask at mid goes', () => {
    const store = new OrderBookStore();
    store.applySnapshot(
      'FX_BTC_JPY',
      [
        [102, 1],
        [100, 1],
        [99, 1],
      ],
      [
        [98, 1],
        [100, 1],
        [101, 1],
      ],
    );
    expect(store.removeBetterThan('FX_BTC_JPY', 'bid', 100)).toBe(1);
    expect(store.removeBetterThan('FX_BTC_JPY', 'ask', 100, { inclusive: true })).toBe(2);
    expect(store.sorted()).toEqual({
      bids: [
        [100, 1],
        [99, 1],
      ],
      asks: [[101, 1]],
    });
    expect(store.removeBetterThan('NOPE', 'bid', 1)).toBe(0);
  });
});

describe('OrderBookStore DataStore-style reads', () => {
  it('find / get / size / iteration', () => {
    const store = seeded();
    expect(store.size).toBe(6);
    expect(store.get({ symbol: 'BTCUSDT', side: 'ask', price: 101 })).toEqual({
      symbol: 'BTCUSDT',
      side: 'ask',
      price: 101,
      size: 5,
    });
    expect(store.get({ symbol: 'BTCUSDT', side: 'ask', price: 100 })).toBeUndefined();
    expect(store.find({ side: 'bid' }).map((l) => l.price)).toEqual([100, 99.5, 99]);
    expect(store.find({ symbol: 'BTCUSDT', size: 5 })).toHaveLength(1);
    expect([...store].map((l) => `${l.side}${l.price}`)).toEqual([
      'bid100',
      'bid99.5',
      'bid99',
      'ask100.5',
      'ask101',
      'ask102',
    ]);
  });

  it('requires a symbol in sorted() once it holds several books', () => {
    const store = seeded();
    store.applySnapshot('ETHUSDT', [], []);
    expect(() => store.sorted()).toThrow(/pass \{ symbol \}/);
    expect(() => store.sorted({ symbol: 'BTCUSDT', limit: -1 })).toThrow(ValidationError);
  });

  it('wakes wait() once per call and streams level changes to watchers', async () => {
    const store = seeded();
    const woke = store.wait();
    using stream = store.watch();
    store.applyDelta(
      'BTCUSDT',
      [
        ['99', '0'],
        ['98', '1'],
        ['100', '9'],
      ],
      [['200', '0']],
    );
    await woke;
    store.applySnapshot('BTCUSDT', [[1, 1]], []);
    store.removeBetterThan('BTCUSDT', 'bid', 0);
    store.applyLevel('BTCUSDT', 'ask', 5, 1);
    const changes: StoreChange<BookLevel>[] = [];
    while (stream.buffered > 0) changes.push((await stream.next()).value as StoreChange<BookLevel>);
    const text = changes.map((c) => `${c.operation} ${c.data.side} ${c.data.price}x${c.data.size}`);
    expect(text).toEqual([
      'delete bid 99x3',
      'insert bid 98x1',
      'update bid 100x9',
      // the snapshot: old book out, new book in
      'delete bid 100x9',
      'delete bid 99.5x2',
      'delete bid 98x1',
      'delete ask 100.5x4',
      'delete ask 101x5',
      'delete ask 102x6',
      'insert bid 1x1',
      'delete bid 1x1',
      'insert ask 5x1',
    ]);
    expect(changes[0]!.source).toEqual({ symbol: 'BTCUSDT', side: 'bid', price: 99, size: 0 });
  });
});
