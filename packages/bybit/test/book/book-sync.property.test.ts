// Property tests of BybitBookSync: for any run of snapshots and deltas — some with their `u`
// skipped, some restarting at `u = 1`, some crossed — the book is live exactly when every delta
// since the last snapshot followed on, and whenever it is live it equals a plain model of the
// messages since that snapshot (trimmed to the depth), never crossed.
import { OrderBookStore } from '@venuekit/base';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { BybitBookSync } from '../../src/book/index.js';

type Level = [string, string];
interface Msg {
  type: 'snapshot' | 'delta';
  b: Level[];
  a: Level[];
  u: number;
}

const bidLevel = fc
  .tuple(fc.integer({ min: 90, max: 99 }), fc.integer({ min: 0, max: 3 }))
  .map(([p, q]): Level => [String(p), String(q)]);
const askLevel = fc
  .tuple(fc.integer({ min: 101, max: 110 }), fc.integer({ min: 0, max: 3 }))
  .map(([p, q]): Level => [String(p), String(q)]);
const step = fc.record({
  kind: fc.constantFrom('delta', 'delta', 'delta', 'delta', 'snapshot', 'restart', 'skip', 'cross'),
  b: fc.array(bidLevel, { maxLength: 4 }),
  a: fc.array(askLevel, { maxLength: 4 }),
});

function modelApply(side: Map<number, number>, levels: Level[]): void {
  for (const [p, q] of levels) {
    if (+q === 0) side.delete(+p);
    else side.set(+p, +q);
  }
}

describe('BybitBookSync properties', () => {
  it('live ⇔ unbroken since the last snapshot, and a live book equals the model', () => {
    fc.assert(
      fc.property(
        fc.array(step, { minLength: 1, maxLength: 60 }),
        fc.integer({ min: 1, max: 6 }),
        (steps, depth) => {
          const store = new OrderBookStore();
          const sync = new BybitBookSync('X', depth, store);
          let u = 100;
          let live = false;
          let bids = new Map<number, number>();
          let asks = new Map<number, number>();
          for (const s of steps) {
            let msg: Msg;
            if (s.kind === 'snapshot' || s.kind === 'restart') {
              u = s.kind === 'restart' ? 1 : u + 1;
              msg = { type: 'snapshot', b: s.b, a: s.a, u };
              bids = new Map();
              asks = new Map();
              modelApply(bids, s.b);
              modelApply(asks, s.a);
              live = true;
            } else if (s.kind === 'cross') {
              u += 1;
              msg = { type: 'delta', b: [['120', '1']], a: [], u };
              if (live) bids.set(120, 1); // above every ask: crossed once there is an ask
            } else {
              u += s.kind === 'skip' ? 2 : 1;
              msg = { type: 'delta', b: s.b, a: s.a, u };
              if (s.kind === 'skip') live = false;
              if (live) {
                modelApply(bids, s.b);
                modelApply(asks, s.a);
              }
            }
            // The model trims to depth as the client does.
            const trim = (m: Map<number, number>, desc: boolean) =>
              new Map([...m].sort((x, y) => (desc ? y[0] - x[0] : x[0] - y[0])).slice(0, depth));
            bids = trim(bids, true);
            asks = trim(asks, false);
            if (
              live &&
              bids.size > 0 &&
              asks.size > 0 &&
              Math.max(...bids.keys()) >= Math.min(...asks.keys())
            )
              live = false;
            sync.onMessage(msg.type, msg);
            expect(sync.live).toBe(live);
            if (live) {
              const sorted = store.sorted({ symbol: 'X' });
              expect(sorted.bids).toEqual([...bids]);
              expect(sorted.asks).toEqual([...asks]);
              expect(store.isCrossed('X')).toBe(false);
            } else expect(store.size).toBe(0);
          }
        },
      ),
      { numRuns: 300 },
    );
  });
});
