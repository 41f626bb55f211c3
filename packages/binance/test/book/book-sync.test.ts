// BookSync, case by case: the Spot and USD-M rules of Binance's local order book algorithm.
import { OrderBookStore } from '@venuekit/base';
import { describe, expect, it } from 'vitest';
import { BookSync, type DepthDiff } from '../../src/book/index.js';
import { buildHistory, type Change, modelOf, sameBook, snapshotAt } from './book-history.js';

const initial: Change[] = [
  { bid: true, price: 99, qty: 1 },
  { bid: true, price: 98, qty: 2 },
  { bid: false, price: 101, qty: 1 },
  { bid: false, price: 102, qty: 3 },
];
const events: Change[][] = [
  [{ bid: true, price: 99, qty: 5 }],
  [
    { bid: false, price: 101, qty: 0 },
    { bid: false, price: 100, qty: 2 },
  ],
  [{ bid: true, price: 97, qty: 4 }],
  [
    { bid: true, price: 98, qty: 0 },
    { bid: false, price: 103, qty: 1 },
    { bid: true, price: 99, qty: 6 },
  ],
  [{ bid: false, price: 100, qty: 7 }],
];

function setup(market: 'spot' | 'usdm', skips: number[] = []) {
  const history = buildHistory(market, initial, events, skips);
  const store = new OrderBookStore();
  const sync = new BookSync('BTCUSDT', market, store);
  const bookIs = (id: number): boolean =>
    sameBook(modelOf(store.sorted({ symbol: 'BTCUSDT' })), history.states.get(id)!);
  return { history, store, sync, bookIs, d: history.diffs };
}

describe('BookSync, Spot rules', () => {
  it('buffers diffs, drops those the snapshot holds, replays the rest and follows the stream', () => {
    const { sync, d, history, bookIs, store } = setup('spot');
    expect(sync.onDiff(d[0]!)).toBe('buffered');
    expect(sync.onDiff(d[1]!)).toBe('buffered');
    expect(sync.onDiff(d[2]!)).toBe('buffered');
    expect(store.symbols()).toEqual([]);
    // Snapshot inside d[1] (U..u = 1002..1003): d[0] is dropped, d[1] bridges it.
    expect(sync.onSnapshot(snapshotAt(history, 1002))).toBe('live');
    expect(sync.live).toBe(true);
    expect(sync.lastUpdateId).toBe(d[2]!.u);
    expect(bookIs(d[2]!.u)).toBe(true);
    expect(sync.onDiff(d[3]!)).toBe('applied');
    expect(sync.onDiff(d[4]!)).toBe('applied');
    expect(bookIs(history.lastId)).toBe(true);
    expect(sync.stats).toMatchObject({ applied: 4, snapshots: 1, gaps: 0 });
  });

  it('refuses a snapshot that ends before the first buffered diff begins, and takes a newer one', () => {
    const { sync, d, history, bookIs } = setup('spot');
    sync.onDiff(d[2]!);
    sync.onDiff(d[3]!);
    // d[2] starts at U = 1004; a snapshot at 1002 leaves 1003 unknown.
    expect(d[2]!.U).toBe(1004);
    expect(sync.onSnapshot(snapshotAt(history, 1002))).toBe('tooOld');
    expect(sync.live).toBe(false);
    expect(sync.buffered).toBe(2);
    expect(sync.onSnapshot(snapshotAt(history, 1003))).toBe('live');
    expect(bookIs(d[3]!.u)).toBe(true);
  });

  it('ignores diffs the book already holds (duplicates, late arrivals)', () => {
    const { sync, d, history, bookIs } = setup('spot');
    sync.onSnapshot(snapshotAt(history, d[1]!.u));
    expect(sync.onDiff(d[0]!)).toBe('stale');
    expect(sync.onDiff(d[1]!)).toBe('stale');
    expect(sync.onDiff(d[2]!)).toBe('applied');
    expect(sync.onDiff(d[2]!)).toBe('stale');
    expect(bookIs(d[2]!.u)).toBe(true);
    expect(sync.stats.stale).toBe(3);
  });

  it('on a gap clears the book from the store, keeps the diff and goes live again from a new snapshot', () => {
    const { sync, d, history, bookIs, store } = setup('spot');
    sync.onSnapshot(snapshotAt(history, d[0]!.u));
    expect(sync.onDiff(d[2]!)).toBe('gap'); // d[1] never came
    expect(sync.live).toBe(false);
    expect(store.symbols()).toEqual([]); // the stale book is not served
    expect(sync.lastError).toMatch(/gap in BTCUSDT: book at 1001, next diff U=1004/);
    expect(sync.onDiff(d[3]!)).toBe('buffered');
    expect(sync.onSnapshot(snapshotAt(history, d[1]!.u))).toBe('live');
    expect(bookIs(d[3]!.u)).toBe(true);
    expect(sync.stats.gaps).toBe(1);
  });

  it('reports a hole inside the buffer as a gap and keeps no book', () => {
    const { sync, d, history, store } = setup('spot');
    sync.onDiff(d[0]!);
    sync.onDiff(d[1]!);
    sync.onDiff(d[3]!); // d[2] missing
    sync.onDiff(d[4]!);
    expect(sync.onSnapshot(snapshotAt(history, d[0]!.u))).toBe('gap');
    expect(sync.live).toBe(false);
    expect(store.symbols()).toEqual([]);
    expect(sync.buffered).toBe(2); // d[3] and d[4] wait for the next snapshot
  });

  it('discards the book when a diff carries a level that is not a number', () => {
    const { sync, d, history, store } = setup('spot');
    sync.onSnapshot(snapshotAt(history, d[0]!.u));
    const bad: DepthDiff = { ...d[1]!, b: [['abc', '1']] };
    expect(sync.onDiff(bad)).toBe('invalid');
    expect(store.symbols()).toEqual([]);
    expect(sync.lastError).toMatch(/bad level/);
    expect(sync.onDiff({ U: 'x', u: 3 } as unknown as DepthDiff)).toBe('invalid');
  });

  it('drops the oldest diffs past maxBuffered; a snapshot older than what is left is refused', () => {
    const history = buildHistory('spot', initial, events);
    const sync = new BookSync('BTCUSDT', 'spot', new OrderBookStore(), 2);
    for (const diff of history.diffs) sync.onDiff(diff);
    expect(sync.buffered).toBe(2);
    expect(sync.stats.overflowed).toBe(3);
    expect(sync.onSnapshot(snapshotAt(history, history.diffs[1]!.u))).toBe('tooOld');
    expect(sync.onSnapshot(snapshotAt(history, history.diffs[2]!.u))).toBe('live');
  });

  it('ignores snapshots while live and starts over after reset()', () => {
    const { sync, d, history, store, bookIs } = setup('spot');
    sync.onSnapshot(snapshotAt(history, d[1]!.u));
    expect(sync.onSnapshot(snapshotAt(history, 1000))).toBe('live');
    expect(bookIs(d[1]!.u)).toBe(true);
    sync.reset();
    expect(store.symbols()).toEqual([]);
    expect(sync.onDiff(d[2]!)).toBe('buffered');
  });

  it('rejects a snapshot without lastUpdateId', () => {
    const { sync } = setup('spot');
    expect(() => sync.onSnapshot({ bids: [], asks: [] } as never)).toThrow(/lastUpdateId/);
  });
});

describe('BookSync, USD-M rules (pu)', () => {
  const skips = [2, 0, 1, 3, 0];

  it('accepts U jumping ahead as long as pu names the previous u', () => {
    const { sync, d, history, bookIs } = setup('usdm', skips);
    expect(d[0]!.U).toBe(1003);
    sync.onSnapshot(snapshotAt(history, d[0]!.u));
    expect(sync.onDiff(d[1]!)).toBe('applied');
    expect(sync.onDiff(d[2]!)).toBe('applied'); // U = previous u + 2, pu = previous u
    expect(bookIs(d[2]!.u)).toBe(true);
  });

  it('treats pu ≠ previous u as a gap even when U looks contiguous', () => {
    const { sync, d, history, store } = setup('usdm', skips);
    sync.onSnapshot(snapshotAt(history, d[0]!.u));
    const forged: DepthDiff = { ...d[1]!, pu: d[1]!.pu! - 1 };
    expect(sync.onDiff(forged)).toBe('gap');
    expect(store.symbols()).toEqual([]);
  });

  it('drops buffered diffs with u < lastUpdateId and keeps the one with u = lastUpdateId', () => {
    const { sync, d, history, bookIs } = setup('usdm', skips);
    for (const diff of d.slice(0, 3)) sync.onDiff(diff);
    // A snapshot at d[1].u: d[0] dropped, d[1] (u = lastUpdateId) is the first processed.
    expect(sync.onSnapshot(snapshotAt(history, d[1]!.u))).toBe('live');
    expect(sync.stats.applied).toBe(2);
    expect(bookIs(d[2]!.u)).toBe(true);
  });

  it('bridges a snapshot inside a diff: U ≤ lastUpdateId ≤ u', () => {
    const { sync, d, history, bookIs } = setup('usdm', skips);
    sync.onDiff(d[3]!);
    const inside = d[3]!.U + 1;
    expect(sync.onSnapshot(snapshotAt(history, inside))).toBe('live');
    expect(bookIs(d[3]!.u)).toBe(true);
  });

  it('takes a first diff whose pu is the snapshot id (the diff right after it)', () => {
    const { sync, d, history, bookIs } = setup('usdm', skips);
    sync.onSnapshot(snapshotAt(history, d[2]!.u));
    expect(sync.onDiff(d[3]!)).toBe('applied'); // U > lastUpdateId, but pu = lastUpdateId
    expect(bookIs(d[3]!.u)).toBe(true);
  });

  it('refuses a snapshot that no buffered diff bridges', () => {
    const { sync, d, history } = setup('usdm', skips);
    sync.onDiff(d[3]!);
    expect(sync.onSnapshot(snapshotAt(history, d[1]!.u))).toBe('tooOld');
  });
});
