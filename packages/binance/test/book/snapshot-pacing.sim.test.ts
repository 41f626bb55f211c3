// 200 books subscribed at once: their depth snapshots go through the REST client's limiter,
// weighed by `limit`, so they are spread over as many weight windows as it takes and the
// simulator never answers 429 (its violation counter stays at 0). Simulator, REST client,
// streams and book manager share one fake clock, which the test moves a second at a time.
import { FakeClock, flushMicrotasks } from '@venuekit/base';
import { startBinanceSim } from '@venuekit/testkit';
import { describe, expect, it } from 'vitest';
import { BinanceBookManager, restSnapshotFetcher } from '../../src/book/index.js';
import { BinanceRestClient } from '../../src/rest/index.js';
import { BinanceMarketStreams } from '../../src/streams/index.js';

const SYMBOLS = Array.from({ length: 200 }, (_, i) => `S${String(i).padStart(3, '0')}USDT`);

describe('snapshot requests of 200 books at once', () => {
  it('are paced by the REST limiter by depth weight: every book goes live, the simulator counts 0 violations', async () => {
    const clock = new FakeClock(Date.UTC(2026, 10, 21, 12, 0, 0));
    await using sim = await startBinanceSim({
      market: 'spot',
      clock,
      symbols: SYMBOLS.map((symbol) => ({ symbol, levels: 15 })),
      limits: { requestWeightPerMinute: 600 }, // 200 snapshots × weight 5 = 1000: more than a minute's worth
    });
    const rest = new BinanceRestClient({ baseUrl: sim.httpUrl, clock });
    await rest.exchangeInfo(); // adopts the simulator's REQUEST_WEIGHT 600 / 1 MINUTE
    // No silence check: the fake minutes pass faster than the simulator publishes.
    await using streams = new BinanceMarketStreams({ baseUrl: sim.wsUrl, clock, heartbeat: false });
    await using books = new BinanceBookManager({
      market: 'spot',
      streams,
      fetchSnapshot: restSnapshotFetcher(rest),
      snapshotLimit: 100,
      clock,
    });
    const liveAt = new Map<string, number>();
    books.on('live', (e) => liveAt.set(e.symbol, clock.now()));
    const start = clock.now();

    await Promise.all(SYMBOLS.map((s) => books.track(s))); // one SUBSCRIBE carries all 200 streams
    expect(streams.connections).toHaveLength(1);
    for (let second = 0; second < 240 && liveAt.size < SYMBOLS.length; second++) {
      sim.market.step(1, SYMBOLS[second % SYMBOLS.length]); // diffs keep flowing
      await clock.advanceAsync(1000, 250);
      for (let i = 0; i < 4; i++) await flushMicrotasks();
      await new Promise((r) => setTimeout(r, 2));
    }

    expect(liveAt.size).toBe(SYMBOLS.length);
    expect(sim.violations).toBe(0);
    // The first minute's window held at most 600 weight: exchangeInfo (20) and 116 snapshots.
    const windowEnd = Math.ceil((start + 1) / 60_000) * 60_000;
    const inFirstWindow = [...liveAt.values()].filter((t) => t < windowEnd).length;
    expect(inFirstWindow).toBeLessThanOrEqual(116);
    expect(Math.max(...liveAt.values()) - start).toBeGreaterThan(windowEnd - start);
    for (const symbol of SYMBOLS.slice(0, 5)) {
      const truth = sim.bookSnapshot(symbol, 'spot', 1);
      expect(books.orderBook(symbol, 1)?.bids[0]?.[0]).toBe(Number(truth.bids[0]![0]));
    }
  }, 60_000);
});
