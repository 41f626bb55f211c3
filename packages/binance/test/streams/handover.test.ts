// TopicHandover: one stream moving from an old connection to its replacement, with the messages
// of both arriving in any interleaving — each message is delivered exactly once, in order.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { sequenceOf, TopicHandover } from '../../src/streams/index.js';

const trade = (t: number) => ({ e: 'trade', t });
const ids = (list: unknown[]) => list.map((d) => (d as { t: number }).t);

describe('TopicHandover', () => {
  it('holds the new connection’s messages until the old one reaches the one before them', () => {
    const out: unknown[] = [];
    const h = new TopicHandover(sequenceOf('trade'), (d) => out.push(d));
    h.fromOld(trade(1));
    expect(h.fromNew(trade(3))).toBe(false); // 2 not delivered yet
    expect(h.held).toBe(1);
    h.fromOld(trade(2));
    expect(h.switched).toBe(true);
    h.fromOld(trade(3)); // dropped: the stream follows the new connection now
    h.fromNew(trade(4));
    expect(ids(out)).toEqual([1, 2, 3, 4]);
  });

  it('drops the new connection’s messages the old one already delivered, even after the switch', () => {
    const out: unknown[] = [];
    const h = new TopicHandover(sequenceOf('trade'), (d) => out.push(d));
    for (const t of [5, 6, 7, 8]) h.fromOld(trade(t));
    h.fromNew(trade(6)); // the new connection lags behind
    expect(h.switched).toBe(true);
    expect(h.floor).toBe(8);
    for (const t of [7, 8, 9, 10]) h.fromNew(trade(t));
    expect(ids(out)).toEqual([5, 6, 7, 8, 9, 10]);
  });

  it('uses U − 1 on Spot depth and pu on USD-M depth', () => {
    const out: number[] = [];
    const spot = new TopicHandover(sequenceOf('depth'), (d) => out.push((d as { u: number }).u));
    spot.fromOld({ U: 1, u: 10 });
    spot.fromNew({ U: 21, u: 30 });
    expect(spot.switched).toBe(false); // 11..20 still to come from the old connection
    spot.fromOld({ U: 11, u: 20 });
    expect(spot.switched).toBe(true);
    expect(out).toEqual([10, 20, 30]);

    const futures: number[] = [];
    const usdm = new TopicHandover(sequenceOf('depth'), (d) => futures.push((d as { u: number }).u));
    usdm.fromOld({ U: 1, u: 10, pu: 0 });
    usdm.fromNew({ U: 14, u: 20, pu: 10 }); // U jumped; pu says it follows 10
    expect(usdm.switched).toBe(true);
    expect(futures).toEqual([10, 20]);
  });

  it('switches at once for streams without a sequence and on force()', () => {
    const out: unknown[] = [];
    const h = new TopicHandover(sequenceOf('other'), (d) => out.push(d));
    h.fromNew({ x: 1 });
    expect(h.switched).toBe(true);
    const forced: unknown[] = [];
    const f = new TopicHandover(sequenceOf('trade'), (d) => forced.push(d));
    f.fromOld(trade(1));
    f.fromNew(trade(5));
    f.force(); // the old connection went silent: 2..4 are lost, 5 goes out
    expect(ids(forced)).toEqual([1, 5]);
  });

  it('forces the switch when too many messages wait', () => {
    const out: unknown[] = [];
    const h = new TopicHandover(sequenceOf('trade'), (d) => out.push(d), 3);
    h.fromOld(trade(1));
    for (const t of [10, 11, 12, 13]) h.fromNew(trade(t));
    expect(h.switched).toBe(true);
    expect(ids(out)).toEqual([1, 10, 11, 12, 13]);
  });

  it('delivers every trade exactly once in order for any interleaving of two in-order connections', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 30 }), // where the new connection's stream starts
        fc.array(fc.boolean(), { minLength: 120, maxLength: 120 }), // which connection is read next
        (start, picks) => {
          const old = Array.from({ length: 60 }, (_, i) => i + 1);
          const fresh = old.filter((t) => t > start);
          const out: unknown[] = [];
          const h = new TopicHandover(sequenceOf('trade'), (d) => out.push(d));
          let i = 0;
          let j = 0;
          for (const pickOld of picks) {
            if ((pickOld && i < old.length) || j >= fresh.length) {
              if (i < old.length) h.fromOld(trade(old[i++]!));
            } else h.fromNew(trade(fresh[j++]!));
          }
          while (i < old.length) h.fromOld(trade(old[i++]!));
          while (j < fresh.length) h.fromNew(trade(fresh[j++]!));
          expect(ids(out)).toEqual(old);
        },
      ),
      { numRuns: 300 },
    );
  });
});
