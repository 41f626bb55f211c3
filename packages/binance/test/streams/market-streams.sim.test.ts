// BinanceMarketStreams against the Binance simulator over loopback: acknowledged SUBSCRIBEs, the
// per-connection stream cap, the 5-messages-a-second limit (the simulator disconnects offenders
// and counts violations), unsubscribing, reconnects and malformed frames.
import { ConfigError, type StreamRestored, SubscriptionError } from '@venuekit/base';
import { startBinanceSim } from '@venuekit/testkit';
import { describe, expect, it } from 'vitest';
import { BinanceMarketStreams } from '../../src/streams/index.js';

async function until(check: () => boolean, what: string, timeoutMs = 10_000): Promise<void> {
  const start = Date.now();
  while (!check()) {
    if (Date.now() - start > timeoutMs) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 5));
  }
}

const SYMBOLS = ['BTCUSDT', 'ETHUSDT', 'BNBUSDT', 'SOLUSDT', 'XRPUSDT'];

describe('BinanceMarketStreams against the simulator', () => {
  it('fills connections up to the stream cap with acknowledged SUBSCRIBEs; the simulator counts no violation', async () => {
    await using sim = await startBinanceSim({
      market: 'spot',
      symbols: SYMBOLS,
      limits: { streamsPerConnection: 10 },
    });
    await using streams = new BinanceMarketStreams({ baseUrl: sim.wsUrl, maxStreamsPerConnection: 10 });
    const names = SYMBOLS.flatMap((s) => {
      const l = s.toLowerCase();
      return [`${l}@trade`, `${l}@depth@100ms`, `${l}@aggTrade`, `${l}@bookTicker`, `${l}@kline_1m`];
    });
    const seen = new Set<string>();
    const sub = await streams.subscribe(names, (_data, stream) => seen.add(stream));
    expect(streams.connections.map((c) => c.streams.length)).toEqual([10, 10, 5]);
    expect(sim.spot!.hub.subscriptions().map((c) => c.streams.length)).toEqual([10, 10, 5]);
    sim.market.step(30);
    await until(
      () => SYMBOLS.every((s) => seen.has(`${s.toLowerCase()}@depth@100ms`)),
      'depth of every symbol',
    );
    expect(sim.violations).toBe(0);
    await sub.unsubscribe();
    await until(() => sim.spot!.hub.subscriptions().every((c) => c.streams.length === 0), 'unsubscribes');
  });

  it('rejects a refused SUBSCRIBE with SubscriptionError carrying Binance’s code, and keeps nothing subscribed', async () => {
    await using sim = await startBinanceSim({ market: 'spot', limits: { streamsPerConnection: 3 } });
    await using streams = new BinanceMarketStreams({ baseUrl: sim.wsUrl, maxStreamsPerConnection: 10 });
    const names = ['btcusdt@trade', 'btcusdt@aggTrade', 'btcusdt@ticker', 'btcusdt@bookTicker'];
    const error = await streams.subscribe(names, () => {}).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(SubscriptionError);
    expect(error).toMatchObject({ code: 2, venue: 'binance' });
    expect((error as Error).message).toMatch(/refused subscribe .*at most 3 streams/);
    expect(streams.streamCount).toBe(0);
    // The connection lives on: a subscription that fits still works.
    await streams.subscribe('btcusdt@trade', () => {});
    expect(streams.streamCount).toBe(1);
  });

  it('paces its messages to 5 a second — twelve SUBSCRIBEs at once — while a client without the limit is cut off', async () => {
    await using sim = await startBinanceSim({ market: 'spot', symbols: SYMBOLS });
    await using streams = new BinanceMarketStreams({ baseUrl: sim.wsUrl });
    const closes: number[] = [];
    streams.on('connectionClose', (e) => closes.push(e.code));
    await streams.subscribe('btcusdt@trade', () => {}); // one connection first
    const started = performance.now();
    const names = SYMBOLS.flatMap((s) => [`${s.toLowerCase()}@aggTrade`, `${s.toLowerCase()}@ticker`]).slice(
      0,
      10,
    );
    await Promise.all(
      [...names, 'ethusdt@trade', 'bnbusdt@trade'].map((n) => streams.subscribe(n, () => {})),
    );
    expect(performance.now() - started).toBeGreaterThan(1500); // 12 messages at 5 per 1.1 s
    expect(sim.violations).toBe(0);
    expect(closes).toEqual([]);

    // The same burst from a client allowed 50 a second: the simulator disconnects it.
    await using reckless = new BinanceMarketStreams({
      baseUrl: sim.wsUrl,
      messagesPerSecond: 50,
      reconnect: false,
    });
    const cut: number[] = [];
    reckless.on('connectionClose', (e) => cut.push(e.code));
    await reckless.subscribe('btcusdt@trade', () => {});
    await Promise.allSettled(names.map((n) => reckless.subscribe(n, () => {})));
    await until(() => cut.length > 0, 'the reckless client to be cut off');
    expect(cut[0]).toBe(1008);
    expect(sim.violationDetails.byKind.wsMessageRate).toBeGreaterThan(0);
  });

  it('keeps a stream while another subscriber wants it and unsubscribes it after the last one leaves', async () => {
    await using sim = await startBinanceSim({ market: 'spot' });
    await using streams = new BinanceMarketStreams({ baseUrl: sim.wsUrl });
    let a = 0;
    let b = 0;
    const first = await streams.subscribe(['btcusdt@depth@100ms', 'ethusdt@depth@100ms'], () => a++);
    const second = await streams.subscribe('btcusdt@depth@100ms', () => b++);
    await first.unsubscribe();
    await until(() => sim.spot!.hub.subscriptions()[0]!.streams.length === 1, 'ethusdt to be unsubscribed');
    expect(sim.spot!.hub.subscriptions()[0]!.streams).toEqual(['btcusdt@depth@100ms']);
    const before = a;
    sim.market.step(5, 'BTCUSDT');
    await until(() => b >= 5, 'the second subscriber');
    expect(a).toBe(before);
    await second[Symbol.asyncDispose]();
    await until(() => sim.spot!.hub.subscriptions()[0]!.streams.length === 0, 'btcusdt to be unsubscribed');
    expect(streams.streamCount).toBe(0);
  });

  it('reconnects after a drop, resubscribes, and reports each step', async () => {
    await using sim = await startBinanceSim({ market: 'spot' });
    await using streams = new BinanceMarketStreams({
      baseUrl: sim.wsUrl,
      reconnect: { initialDelayMs: 5, maxDelayMs: 20, jitter: 0 },
    });
    const events: string[] = [];
    streams.on('connectionOpen', (e) => events.push(`open ${e.connection}`));
    streams.on('connectionClose', (e) => events.push(`close ${e.connection} ${e.streams.join(',')}`));
    const restored: StreamRestored[] = [];
    streams.on('restored', (e) => {
      restored.push(e);
      events.push(`restored ${e.connection} ${e.streams.join(',')}`);
    });
    let n = 0;
    await streams.subscribe('btcusdt@trade', () => n++);
    const droppedAt = Date.now();
    sim.faults.dropAll();
    await until(() => events.length === 4, 'the reconnect');
    await sim.waitForSubscribers('btcusdt@trade', 1);
    await until(() => sim.spot!.hub.subscriptions().length === 1, 'one live subscription');
    sim.market.step(40, 'BTCUSDT');
    await until(() => n > 0, 'trades after the reconnect');
    expect(events).toEqual(['open 1', 'close 1 btcusdt@trade', 'open 1', 'restored 1 btcusdt@trade']);
    // The common payload: topics by name, and the window nothing was pushed.
    const r = restored[0]!;
    expect(r.topics).toEqual(['btcusdt@trade']);
    expect(r.downSince).toBeGreaterThanOrEqual(droppedAt);
    expect(r.downtimeMs).toBeGreaterThanOrEqual(0);
    expect(r.downSince! + r.downtimeMs!).toBeLessThanOrEqual(Date.now());
  });

  it('tolerates malformed frames: each is reported, the connection and the stream go on', async () => {
    await using sim = await startBinanceSim({ market: 'spot' });
    await using streams = new BinanceMarketStreams({ baseUrl: sim.wsUrl });
    const errors: Error[] = [];
    streams.on('error', (e) => errors.push(e));
    let n = 0;
    await streams.subscribe('btcusdt@depth@100ms', () => n++);
    sim.faults.sendMalformed(3);
    sim.market.step(10, 'BTCUSDT');
    await until(() => n === 10 && errors.length === 3, 'the diffs after the garbage');
    expect(errors.every((e) => e.name === 'MalformedFrameError')).toBe(true);
    expect(streams.connections[0]!.isOpen).toBe(true);
  });

  it('refuses bad options and stream names with errors naming the field', () => {
    expect(() => new BinanceMarketStreams({ market: 'coinm' as never })).toThrow(ConfigError);
    expect(() => new BinanceMarketStreams({ baseUrl: 'http://x' })).toThrow(/baseUrl must be a ws/);
    expect(() => new BinanceMarketStreams({ maxStreamsPerConnection: 2000 })).toThrow(
      /maxStreamsPerConnection/,
    );
    expect(() => new BinanceMarketStreams({ rotateAfterMs: -1 })).toThrow(/rotateAfterMs/);
  });

  it('routes USD-M streams to /public (depth, book tickers) and /market (everything else)', async () => {
    await using sim = await startBinanceSim({ market: 'usdm' });
    await using streams = new BinanceMarketStreams({ market: 'usdm', baseUrl: sim.wsUrl });
    const seen = new Set<string>();
    await streams.subscribe(['btcusdt@depth@100ms', 'btcusdt@aggTrade', 'btcusdt@bookTicker'], (_d, s) =>
      seen.add(s),
    );
    expect(streams.connections.map((c) => [c.route, c.streams])).toEqual([
      ['public', ['btcusdt@depth@100ms', 'btcusdt@bookTicker']],
      ['market', ['btcusdt@aggTrade']],
    ]);
    sim.market.step(40, 'BTCUSDT');
    await until(() => seen.size === 3, 'all three streams');
  });
});
