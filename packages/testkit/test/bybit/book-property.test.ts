// Property test: the deltas of any depth window rebuild the simulator's true top levels.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { startBybitSim } from '@venuekit/testkit';
import { ClientBook, TestSocket } from './helpers.js';

// Property: whatever the seed, book depth, change rate and stream depth, a client that replaces
// its book on snapshots and upserts / deletes on deltas holds exactly the simulator's top levels,
// with u growing by one per message and a book that never crosses.
describe('Bybit simulator order book streams (property)', () => {
  it('deltas of any depth window rebuild the true top levels', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.record({
          seed: fc.string({ minLength: 1, maxLength: 8 }),
          levels: fc.integer({ min: 10, max: 260 }),
          depth: fc.constantFrom(1, 50, 200, 1000),
          steps: fc.integer({ min: 1, max: 120 }),
          changes: fc.integer({ min: 1, max: 40 }),
          category: fc.constantFrom('spot' as const, 'linear' as const),
        }),
        async ({ seed, levels, depth, steps, changes, category }) => {
          await using sim = await startBybitSim({
            seed,
            categories: [category],
            symbols: [{ symbol: 'ETHUSDT', levels }],
            changesPerStep: changes,
          });
          const s = await TestSocket.open(category === 'spot' ? sim.urls.publicSpot : sim.urls.publicLinear);
          const topic = `orderbook.${depth}.ETHUSDT`;
          await s.request({ op: 'subscribe', req_id: 'p', args: [topic] });
          sim.market.step(steps);
          await s.barrier();
          const book = new ClientBook();
          let prevU: number | undefined;
          for (const m of s.on(topic)) {
            // Level 1 re-sends an unchanged snapshot with the same u after 3 s; everything else is u + 1.
            if (prevU !== undefined && !(depth === 1 && m.data.u === prevU)) expect(m.data.u).toBe(prevU + 1);
            prevU = m.data.u;
            book.apply(m.type, m.data);
            const { bids, asks } = book.sorted();
            if (bids[0] && asks[0]) expect(Number(bids[0][0])).toBeLessThan(Number(asks[0][0]));
          }
          const truth = sim.bookSnapshot(category, 'ETHUSDT', depth);
          expect(book.sorted()).toEqual({ bids: truth.bids, asks: truth.asks });
          await s.close();
        },
      ),
      { numRuns: 25 },
    );
  });
});
