// BybitPublicStreams and BybitMarketWatchers against the Bybit simulator over loopback: req_id
// acknowledgements and refusals, the spot cap of 10 args per subscribe request, the application
// ping, malformed frames, reconnect → resubscribe, and trades / tickers (linear deltas merged) /
// klines parsed into models.
import { barSchema, type StreamRestored, tickerSchema, tradeSchema } from '@venuekit/base';
import { type BybitCategory, startBybitSim } from '@venuekit/testkit';
import { afterEach, describe, expect, it } from 'vitest';
import { BybitMarketWatchers, BybitPublicStreams, type BybitStreamMessage } from '../../src/streams/index.js';

const cleanups: Array<() => Promise<unknown>> = [];
afterEach(async () => {
  while (cleanups.length > 0) await cleanups.pop()!();
});

async function until(check: () => boolean, what: string, timeoutMs = 10_000): Promise<void> {
  const start = Date.now();
  while (!check()) {
    if (Date.now() - start > timeoutMs) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 5));
  }
}

async function setup(category: BybitCategory, options: { pingIntervalMs?: number } = {}) {
  const symbols = Array.from({ length: 13 }, (_, i) =>
    i === 0 ? 'BTCUSDT' : i === 1 ? 'ETHUSDT' : `C${i}USDT`,
  );
  const sim = await startBybitSim({ categories: [category], symbols });
  cleanups.push(() => sim.close());
  const streams = new BybitPublicStreams({
    category,
    url: category === 'spot' ? sim.urls.publicSpot : sim.urls.publicLinear,
    reconnect: { initialDelayMs: 5, maxDelayMs: 50, jitter: 0 },
    ...options,
  });
  cleanups.push(() => streams.close());
  return { sim, streams, symbols };
}

describe('BybitPublicStreams', () => {
  it('spot: 26 topics in one call go out 10 args per request, all acknowledged, no violation', async () => {
    const { sim, streams, symbols } = await setup('spot');
    const topics = symbols.flatMap((s) => [`publicTrade.${s}`, `tickers.${s}`]);
    const got = new Set<string>();
    const sub = await streams.subscribe(topics, (m) => got.add(m.topic!));
    expect(sub.topics).toHaveLength(26);
    for (const t of topics) expect(sim.subscriberCount(t, 'spot')).toBe(1);
    expect(sim.violations).toBe(0);
    expect(sim.violationDetails.byKind.wsSubscribeArgs ?? 0).toBe(0);
    await sub.unsubscribe();
    await until(() => sim.subscriberCount('publicTrade.BTCUSDT', 'spot') === 0, 'the unsubscribe');
  });

  it('a refused topic rejects the call with Bybit’s reason and leaves nothing subscribed', async () => {
    const { sim, streams } = await setup('linear');
    await expect(streams.subscribe(['tickers.BTCUSDT', 'tickers.NOPEUSDT'], () => {})).rejects.toThrow(
      /Invalid symbol/,
    );
    await until(() => sim.subscriberCount('tickers.BTCUSDT', 'linear') === 0, 'the release');
    expect(streams.topicCount).toBe(0);
  });

  it('sends {"op":"ping"} on its interval and counts the pongs', async () => {
    const { streams } = await setup('spot', { pingIntervalMs: 40 });
    const pongs: BybitStreamMessage[] = [];
    streams.on('control', ({ message }) => pongs.push(message));
    await streams.subscribe('tickers.BTCUSDT', () => {});
    await until(() => streams.pongs >= 3, '3 pongs');
    expect(pongs[0]).toMatchObject({ op: 'ping', ret_msg: 'pong', success: true });
  });

  it('malformed frames are reported and the connection lives on; a dropped one resubscribes', async () => {
    const { sim, streams } = await setup('linear');
    const errors: Error[] = [];
    streams.on('error', (e) => errors.push(e));
    const restores: StreamRestored[] = [];
    let closedAt = 0;
    streams.on('connectionClose', () => {
      closedAt ||= Date.now();
    });
    streams.on('restored', (r) => {
      restores.push(r);
      expect(r.topicCount).toBe(2); // the count under its old meaning, beside the names
    });
    const seen: BybitStreamMessage[] = [];
    await streams.subscribe(['orderbook.50.BTCUSDT', 'publicTrade.BTCUSDT'], (m) => seen.push({ ...m }));
    await until(() => seen.length >= 1, 'the snapshot');
    sim.faults.sendMalformed(5);
    sim.market.step(5, 'BTCUSDT');
    await until(() => errors.length >= 5, 'the malformed frames');
    expect(streams.pool.connections[0]!.isOpen).toBe(true);
    const before = seen.length;
    sim.faults.dropAll();
    await until(() => restores.length === 1, 'the restore');
    // Base's common payload: the topics by name and the window nothing was pushed.
    const r = restores[0]!;
    expect([...r.topics].sort()).toEqual(['orderbook.50.BTCUSDT', 'publicTrade.BTCUSDT']);
    expect(r.downSince).toBeGreaterThan(0);
    expect(r.downSince).toBeLessThanOrEqual(closedAt);
    expect(r.downtimeMs).toBeGreaterThanOrEqual(0);
    await until(() => seen.slice(before).some((m) => m.type === 'snapshot'), 'a fresh snapshot');
    expect(sim.subscriberCount('orderbook.50.BTCUSDT', 'linear')).toBe(1);
  });
});

describe('BybitMarketWatchers', () => {
  it('trades, merged linear tickers and klines as models', async () => {
    const { sim, streams } = await setup('linear');
    const watchers = new BybitMarketWatchers(streams, {
      symbolNames: (symbol) => ({ symbol, unifiedSymbol: 'BTC/USDT:USDT' }),
    });
    const abort = new AbortController();
    const trades: unknown[] = [];
    const tickers: unknown[] = [];
    const bars: unknown[] = [];
    const run = async <T>(it: AsyncIterable<T>, out: T[]) => {
      for await (const v of it) out.push(v);
    };
    const loops = [
      run(watchers.watchTrades('BTCUSDT', { signal: abort.signal }), trades),
      run(watchers.watchTicker('BTCUSDT', { signal: abort.signal }), tickers),
      run(watchers.watchKlines('BTCUSDT', '1m', { signal: abort.signal }), bars),
    ];
    await sim.waitForSubscribers('publicTrade.BTCUSDT', 1, { category: 'linear' });
    await sim.waitForSubscribers('tickers.BTCUSDT', 1, { category: 'linear' });
    await sim.waitForSubscribers('kline.1.BTCUSDT', 1, { category: 'linear' });
    await until(() => tickers.length > 0 && bars.length > 0, 'the first ticker and candle');
    sim.market.step(200, 'BTCUSDT');
    await until(() => trades.length > 5 && tickers.length > 2, 'trades and ticker deltas');
    const truth = sim.bookSnapshot('linear', 'BTCUSDT', 1);
    // Deltas carry only changed fields; the merge keeps the rest and ends at the true best bid.
    await until(() => (tickers.at(-1) as { bid?: number }).bid === +truth.bids[0]![0], 'the latest ticker');
    abort.abort();
    await Promise.all(loops);
    for (const t of trades) tradeSchema.parse(t);
    for (const t of tickers) tickerSchema.parse(t);
    for (const b of bars) barSchema.parse(b);
    const last = tickers.at(-1) as { bid?: number; ask?: number; last?: number; unifiedSymbol: string };
    expect(last.bid).toBeGreaterThan(0);
    expect(last.ask).toBeGreaterThan(last.bid!);
    expect(last.last).toBeGreaterThan(0);
    expect(last.unifiedSymbol).toBe('BTC/USDT:USDT');
    await until(() => sim.subscriberCount('publicTrade.BTCUSDT', 'linear') === 0, 'unsubscribed on abort');
  });
});
