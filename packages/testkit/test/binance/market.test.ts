import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { DepthEvent, TradeEvent } from '../../src/binance/market/events.js';
import { SimulatedMarket } from '../../src/binance/market/market.js';
import { resolveSymbols } from '../../src/binance/symbols.js';

const T0 = Date.UTC(2026, 10, 21, 12, 0, 0);

function makeMarket(kind: 'spot' | 'usdm', seed: string | number = 1, levels = 200) {
  let now = T0;
  const symbols = resolveSymbols(kind, [
    { symbol: 'BTCUSDT', levels },
    { symbol: 'ETHUSDT', levels },
  ]);
  const market = new SimulatedMarket({ symbols, seed, now: () => now });
  const depth: DepthEvent[] = [];
  const trades: TradeEvent[] = [];
  market.listen({ onDepth: (e) => depth.push(e), onTrade: (t) => trades.push(t) });
  return { market, depth, trades, tick: (ms: number) => (now += ms) };
}

/** Applies diffs to a snapshot the way a Binance client does. */
function replay(
  start: { bids: Array<[number, number]>; asks: Array<[number, number]> },
  events: DepthEvent[],
) {
  const bids = new Map(start.bids);
  const asks = new Map(start.asks);
  for (const e of events) {
    for (let i = 0; i < e.bids.length; i += 2) {
      if (e.bids[i + 1] === 0) bids.delete(e.bids[i]!);
      else bids.set(e.bids[i]!, e.bids[i + 1]!);
    }
    for (let i = 0; i < e.asks.length; i += 2) {
      if (e.asks[i + 1] === 0) asks.delete(e.asks[i]!);
      else asks.set(e.asks[i]!, e.asks[i + 1]!);
    }
  }
  return {
    bids: [...bids].sort((a, b) => b[0] - a[0]),
    asks: [...asks].sort((a, b) => a[0] - b[0]),
  };
}

describe('SimulatedMarket', () => {
  it('spot diffs chain U = previous u + 1 and rebuild the true book from a snapshot', () => {
    const { market, depth, tick } = makeMarket('spot');
    const start = market.snapshot('BTCUSDT');
    for (let i = 0; i < 3000; i++) {
      tick(7);
      market.step(1, 'BTCUSDT');
    }
    const events = depth.filter((e) => e.cfg.symbol === 'BTCUSDT');
    expect(events.length).toBe(3000);
    expect(events[0]!.firstUpdateId).toBe(start.lastUpdateId + 1);
    for (let i = 1; i < events.length; i++) {
      expect(events[i]!.firstUpdateId).toBe(events[i - 1]!.finalUpdateId + 1);
      expect(events[i]!.finalUpdateId).toBeGreaterThanOrEqual(events[i]!.firstUpdateId);
    }
    const truth = market.snapshot('BTCUSDT');
    expect(truth.lastUpdateId).toBe(events.at(-1)!.finalUpdateId);
    expect(replay(start, events)).toEqual({ bids: truth.bids, asks: truth.asks });
  });

  it('usdm diffs chain pu = previous u with strictly increasing u', () => {
    const { market, depth } = makeMarket('usdm');
    market.step(2000);
    const events = depth.filter((e) => e.cfg.symbol === 'ETHUSDT');
    let jumps = 0;
    for (let i = 1; i < events.length; i++) {
      expect(events[i]!.prevFinalUpdateId).toBe(events[i - 1]!.finalUpdateId);
      expect(events[i]!.finalUpdateId).toBeGreaterThan(events[i - 1]!.finalUpdateId);
      if (events[i]!.firstUpdateId > events[i - 1]!.finalUpdateId + 1) jumps++;
    }
    expect(jumps).toBeGreaterThan(0); // U gaps are normal on futures; only pu proves continuity
  });

  it('the book stays uncrossed, bounded and near its initial price', () => {
    fc.assert(
      fc.property(fc.integer(), fc.constantFrom('spot' as const, 'usdm' as const), (seed, kind) => {
        const { market } = makeMarket(kind, seed, 50);
        for (let i = 0; i < 300; i++) {
          market.step(1, 'BTCUSDT');
          const m = market.get('BTCUSDT')!;
          const bb = m.bids.best()!;
          const ba = m.asks.best()!;
          if (!(bb < ba)) return false;
          if (m.bids.size > 50 || m.asks.size > 50 || m.bids.size < 2 || m.asks.size < 2) return false;
        }
        const mid = (market.get('BTCUSDT')!.bids.best()! + market.get('BTCUSDT')!.asks.best()!) / 2;
        return Math.abs(mid / market.get('BTCUSDT')!.cfg.initialPriceUnits - 1) < 0.05;
      }),
      { numRuns: 30 },
    );
  });

  it('is deterministic for a seed', () => {
    const a = makeMarket('spot', 'same');
    const b = makeMarket('spot', 'same');
    a.market.step(200);
    b.market.step(200);
    expect(a.depth.map((e) => [e.firstUpdateId, e.bids, e.asks])).toEqual(
      b.depth.map((e) => [e.firstUpdateId, e.bids, e.asks]),
    );
    const c = makeMarket('spot', 'other');
    c.market.step(5);
    expect(c.depth[0]!.bids).not.toEqual(a.depth[0]!.bids);
  });

  it('injectDepthGap hides real changes and makes the ids jump', () => {
    for (const kind of ['spot', 'usdm'] as const) {
      const { market, depth } = makeMarket(kind);
      const start = market.snapshot('BTCUSDT');
      market.step(10, 'BTCUSDT');
      market.injectDepthGap('BTCUSDT');
      market.step(10, 'BTCUSDT');
      const before = depth[9]!;
      const after = depth[10]!;
      if (kind === 'spot') expect(after.firstUpdateId).toBeGreaterThan(before.finalUpdateId + 1);
      else expect(after.prevFinalUpdateId).not.toBe(before.finalUpdateId);
      const truth = market.snapshot('BTCUSDT');
      expect(replay(start, depth)).not.toEqual({ bids: truth.bids, asks: truth.asks });
    }
  });

  it('take() walks the book as a taker and prints trades', () => {
    const { market, trades, depth } = makeMarket('spot');
    const m = market.get('BTCUSDT')!;
    const ask0 = m.asks.best()!;
    const q0 = m.asks.qtyAt(ask0);
    const ask1 = m.asks.priceAt(1)!;
    const { fills } = market.take('BTCUSDT', true, undefined, q0 + 1);
    expect(fills).toEqual([
      { price: ask0, qty: q0 },
      { price: ask1, qty: 1 },
    ]);
    expect(m.asks.best()).toBe(ask1);
    expect(trades.map((t) => [t.price, t.qty, t.isBuyerMaker])).toEqual([
      [ask0, q0, false],
      [ask1, 1, false],
    ]);
    expect(depth.at(-1)!.asks).toEqual([ask0, 0, ask1, m.asks.qtyAt(ask1)]);
    const limited = market.take('BTCUSDT', false, (m.bids.best() ?? 0) + 1, 10);
    expect(limited.fills).toEqual([]);
  });

  it('klines: history fills the first request, live candles follow trades', () => {
    const { market, tick } = makeMarket('spot');
    const k = market.get('BTCUSDT')!.klines;
    const hist = k.query('1m', T0, 500);
    expect(hist).toHaveLength(500);
    for (let i = 1; i < hist.length; i++) expect(hist[i]!.openTime - hist[i - 1]!.openTime).toBe(60_000);
    expect(hist.at(-1)!.openTime).toBe(T0);
    for (let i = 0; i < 200; i++) {
      tick(1000);
      market.step(1, 'BTCUSDT');
    }
    const live = k.query('1m', T0 + 200_000, 4);
    expect(live.at(-1)!.openTime).toBe(T0 + 180_000);
    expect(live.every((c) => c.high >= c.low && c.high >= c.open && c.low <= c.close)).toBe(true);
    expect(live.slice(1).some((c) => c.trades > 0)).toBe(true);
    const months = k.query('1M', T0, 3);
    expect(months.map((c) => new Date(c.openTime).toISOString().slice(0, 10))).toEqual([
      '2026-09-01',
      '2026-10-01',
      '2026-11-01',
    ]);
    const weeks = k.query('1w', T0, 1);
    expect(new Date(weeks[0]!.openTime).getUTCDay()).toBe(1);
    const fromStart = k.query('1h', T0, 3, T0 - 5 * 3_600_000);
    expect(fromStart.map((c) => c.openTime)).toEqual([
      T0 - 5 * 3_600_000,
      T0 - 4 * 3_600_000,
      T0 - 3 * 3_600_000,
    ]);
    const day = k.dayStats(T0 + 200_000);
    expect(day.trades).toBeGreaterThan(0);
    expect(day.high).toBeGreaterThanOrEqual(day.low);
  });
});
