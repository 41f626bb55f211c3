// BinanceMarketWatchers against the simulator: trades, tickers and candles as async iterables of
// models, which unsubscribe when the loop ends.
import { barSchema, tickerSchema, tradeSchema } from '@venuekit/base';
import { startBinanceSim } from '@venuekit/testkit';
import { describe, expect, it } from 'vitest';
import { BinanceMarketStreams, BinanceMarketWatchers } from '../../src/streams/index.js';
import { startMiniStreamServer } from './mini-stream-server.js';

const symbolNames = (symbol: string) => ({ symbol, unifiedSymbol: `${symbol.slice(0, -4)}/USDT` });

describe('BinanceMarketWatchers', () => {
  it('watchTrades yields every trade in order as a Trade, and unsubscribes on break', async () => {
    await using sim = await startBinanceSim({ market: 'spot' });
    await using streams = new BinanceMarketStreams({ baseUrl: sim.wsUrl });
    const watchers = new BinanceMarketWatchers(streams, { symbolNames });
    const timer = setInterval(() => sim.market.step(5, 'BTCUSDT'), 2);
    const ids: number[] = [];
    try {
      for await (const trade of watchers.watchTrades('BTCUSDT')) {
        expect(tradeSchema.parse(trade)).toEqual(trade);
        expect(trade.unifiedSymbol).toBe('BTC/USDT');
        ids.push(Number(trade.id));
        if (ids.length === 50) break;
      }
    } finally {
      clearInterval(timer);
    }
    for (let i = 1; i < ids.length; i++) expect(ids[i]).toBe(ids[i - 1]! + 1);
    await new Promise((r) => setTimeout(r, 50));
    expect(streams.streamCount).toBe(0);
    expect(sim.spot!.hub.subscriptions()[0]!.streams).toEqual([]);
  });

  it('watchTicker, watchBookTicker and watchKlines yield models; USD-M trades come from aggTrade', async () => {
    await using sim = await startBinanceSim({ market: 'usdm' });
    await using streams = new BinanceMarketStreams({ market: 'usdm', baseUrl: sim.wsUrl });
    const watchers = new BinanceMarketWatchers(streams, { symbolNames });
    const abort = new AbortController();
    const timer = setInterval(() => sim.market.step(5, 'BTCUSDT'), 2);
    try {
      const first = async <T>(iterable: AsyncIterable<T>): Promise<T> => {
        for await (const value of iterable) return value;
        throw new Error('ended');
      };
      const [ticker, book, bar, trade] = await Promise.all([
        first(watchers.watchTicker('BTCUSDT', { signal: abort.signal })),
        first(watchers.watchBookTicker('BTCUSDT')),
        first(watchers.watchKlines('BTCUSDT', '1m')),
        first(watchers.watchTrades('BTCUSDT')),
      ]);
      expect(tickerSchema.parse(ticker)).toEqual(ticker);
      expect(book.bid).toBeLessThan(book.ask!);
      expect(barSchema.parse(bar)).toEqual(bar);
      expect(bar.interval).toBe('1m');
      expect(trade.id).toMatch(/^\d+$/);
    } finally {
      clearInterval(timer);
    }
    await new Promise((r) => setTimeout(r, 50));
    expect(streams.streamCount).toBe(0);
  });

  it('skips a payload that does not parse, reports it, and goes on', async () => {
    await using server = await startMiniStreamServer();
    await using streams = new BinanceMarketStreams({ baseUrl: server.url });
    const errors: Error[] = [];
    streams.on('error', (e) => errors.push(e));
    const watchers = new BinanceMarketWatchers(streams);
    const iterator = watchers.watchTrades('BTCUSDT')[Symbol.asyncIterator]();
    const next = iterator.next();
    while (server.connections[0]?.streams.has('btcusdt@trade') !== true)
      await new Promise((r) => setTimeout(r, 5));
    server.publish('btcusdt@trade', { e: 'trade', t: 1, p: 'abc', q: '1', T: 1, m: true });
    server.publish('btcusdt@trade', { e: 'trade', t: 2, p: '10.5', q: '1', T: 2, m: false });
    const { value } = await next;
    await iterator.return?.();
    expect(value).toMatchObject({ id: '2', price: 10.5, side: 'buy', symbol: 'BTCUSDT' });
    expect(errors.map((e) => e.message)).toEqual([expect.stringMatching(/trade event: field "p"/)]);
  });
});
