// BybitBookSync rules one by one (bybit.md §6): snapshot replaces, delta applies ("0" deletes),
// `u = 1` resets, a delta before the snapshot waits, a jump or repeat in `u` discards the book,
// a crossed or malformed message discards it, and the book is trimmed to the subscribed depth.
import { OrderBookStore } from '@venuekit/base';
import { describe, expect, it } from 'vitest';
import { BybitBookSync } from '../../src/book/index.js';

function setup(depth = 50) {
  const store = new OrderBookStore();
  return { store, sync: new BybitBookSync('BTCUSDT', depth, store) };
}

const snap = (u: number) => ({
  s: 'BTCUSDT',
  b: [
    ['100.5', '1'],
    ['100', '2'],
  ],
  a: [
    ['101', '3'],
    ['101.5', '4'],
  ],
  u,
  seq: 7000 + u,
});

describe('BybitBookSync', () => {
  it('a snapshot replaces the book and a delta updates, inserts and deletes on "0"', () => {
    const { store, sync } = setup();
    expect(sync.onMessage('snapshot', snap(10))).toBe('snapshot');
    expect(sync.live).toBe(true);
    expect(
      sync.onMessage('delta', {
        b: [
          ['100.5', '0'],
          ['99', '5'],
        ],
        a: [['101', '2.5']],
        u: 11,
        seq: 7020,
      }),
    ).toBe('applied');
    expect(store.sorted({ symbol: 'BTCUSDT' })).toEqual({
      bids: [
        [100, 2],
        [99, 5],
      ],
      asks: [
        [101, 2.5],
        [101.5, 4],
      ],
    });
    expect(sync.updateId).toBe(11);
    expect(sync.sequence).toBe(7020);
  });

  it('a delta before any snapshot is not applied', () => {
    const { store, sync } = setup();
    expect(sync.onMessage('delta', { b: [['1', '1']], a: [], u: 5 })).toBe('waiting');
    expect(store.size).toBe(0);
    expect(sync.live).toBe(false);
  });

  it('a jump in u discards the book (never served) until the next snapshot', () => {
    const { store, sync } = setup();
    sync.onMessage('snapshot', snap(10));
    expect(sync.onMessage('delta', { b: [['100', '9']], a: [], u: 12 })).toBe('gap');
    expect(sync.live).toBe(false);
    expect(store.size).toBe(0);
    expect(sync.lastError).toContain('u=10');
    expect(sync.onMessage('delta', { b: [], a: [], u: 13 })).toBe('waiting');
    expect(sync.onMessage('snapshot', snap(40))).toBe('snapshot');
    expect(store.best('BTCUSDT').bid).toEqual([100.5, 1]);
  });

  it('a repeated u is a gap too', () => {
    const { sync } = setup();
    sync.onMessage('snapshot', snap(10));
    expect(sync.onMessage('delta', { b: [], a: [], u: 10 })).toBe('gap');
  });

  it('u = 1 resets the book to the message, whatever the book held', () => {
    const { store, sync } = setup();
    sync.onMessage('snapshot', snap(500));
    sync.onMessage('delta', { b: [['98', '1']], a: [], u: 501 });
    expect(sync.onMessage('snapshot', { b: [['50', '1']], a: [['51', '1']], u: 1 })).toBe('reset');
    expect(store.sorted({ symbol: 'BTCUSDT' })).toEqual({ bids: [[50, 1]], asks: [[51, 1]] });
    expect(sync.onMessage('delta', { b: [['50', '2']], a: [], u: 2 })).toBe('applied');
    expect(sync.stats.resets).toBe(1);
  });

  it('a crossed book is discarded', () => {
    const { store, sync } = setup();
    sync.onMessage('snapshot', snap(10));
    expect(sync.onMessage('delta', { b: [['101', '1']], a: [], u: 11 })).toBe('invalid');
    expect(store.size).toBe(0);
    expect(sync.lastError).toContain('crossed');
  });

  it('malformed messages and bad levels discard the book', () => {
    const { store, sync } = setup();
    expect(sync.onMessage('snapshot', null as never)).toBe('invalid');
    sync.onMessage('snapshot', snap(10));
    expect(sync.onMessage('delta', { b: [['abc', '1']], a: [], u: 11 })).toBe('invalid');
    expect(store.size).toBe(0);
    expect(sync.onMessage('snapshot', { b: [], a: [], u: 'x' } as never)).toBe('invalid');
    expect(sync.onMessage('weird', snap(3))).toBe('invalid');
    expect(sync.stats.invalid).toBe(4);
  });

  it('keeps no more than the subscribed depth', () => {
    const { store, sync } = setup(1);
    sync.onMessage('snapshot', snap(10));
    expect(store.sorted({ symbol: 'BTCUSDT' })).toEqual({ bids: [[100.5, 1]], asks: [[101, 3]] });
    const deep = setup(50);
    deep.sync.onMessage('snapshot', snap(1));
    expect(deep.store.depth('BTCUSDT', 'bid')).toBe(2);
  });
});
