// The shared price-level side: sorted best-first, exact quantities, against a plain-map model.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { PriceLevelSide } from '../../src/shared/market/price-level-side.js';

/** The side rebuilt the slow way from a map: every level, best first. */
function modelTop(levels: Map<number, number>, isBid: boolean): Array<[number, number]> {
  return [...levels.entries()].sort((a, b) => (isBid ? b[0] - a[0] : a[0] - b[0]));
}

describe('PriceLevelSide', () => {
  it('keeps bids highest-first and asks lowest-first', () => {
    const bids = new PriceLevelSide(true);
    const asks = new PriceLevelSide(false);
    for (const p of [101, 99, 100]) {
      bids.set(p, p * 10);
      asks.set(p, p * 10);
    }
    expect(bids.top()).toEqual([
      [101, 1010],
      [100, 1000],
      [99, 990],
    ]);
    expect(asks.top(2)).toEqual([
      [99, 990],
      [100, 1000],
    ]);
    expect([bids.best(), bids.worst(), asks.best(), asks.worst()]).toEqual([101, 99, 99, 101]);
    expect(bids.isBetter(101, 100) && bids.isWorse(99, 100)).toBe(true);
    expect(asks.isBetter(99, 100) && asks.isWorse(101, 100)).toBe(true);
    expect(asks.isBetter(100, 100) || asks.isWorse(100, 100)).toBe(false);
  });

  it('deletes a level set to 0, ignores deleting an absent one and clears', () => {
    const side = new PriceLevelSide(false);
    side.set(5, 1);
    side.set(7, 2);
    side.set(5, 0);
    side.delete(6);
    expect(side.top()).toEqual([[7, 2]]);
    expect([side.size, side.qtyAt(5), side.qtyAt(7), side.indexFor(6), side.indexFor(8)]).toEqual([
      1, 0, 2, 0, 1,
    ]);
    side.clear();
    expect([side.size, side.best(), side.worst(), side.priceAt(0)]).toEqual([
      0,
      undefined,
      undefined,
      undefined,
    ]);
  });

  it('matches a map model after any sequence of sets and deletes (property)', () => {
    fc.assert(
      fc.property(
        fc.boolean(),
        fc.array(fc.tuple(fc.integer({ min: 1, max: 60 }), fc.integer({ min: -2, max: 5 })), {
          maxLength: 200,
        }),
        (isBid, ops) => {
          const side = new PriceLevelSide(isBid);
          const model = new Map<number, number>();
          for (const [price, qty] of ops) {
            if (qty === -2) {
              side.delete(price);
              model.delete(price);
            } else {
              side.set(price, qty);
              if (qty <= 0) model.delete(price);
              else model.set(price, qty);
            }
          }
          const want = modelTop(model, isBid);
          expect(side.top()).toEqual(want);
          expect(side.size).toBe(want.length);
          for (let i = 0; i < want.length; i++) {
            const [price, qty] = want[i]!;
            expect(side.priceAt(i)).toBe(price);
            expect(side.qtyAt(price)).toBe(qty);
            expect(side.indexFor(price)).toBe(i);
          }
        },
      ),
      { numRuns: 300 },
    );
  });
});
