// BinanceBookManager's life cycle against the simulator: options refused with the field named,
// tracking shared by reference count (the stream unsubscribed when the last user leaves),
// watchOrderBook ending on break and on abort, failed snapshots retried, and a book never
// served while it is not live.
import { ConfigError, RateLimitError } from '@venuekit/base';
import { startBinanceSim } from '@venuekit/testkit';
import { describe, expect, it } from 'vitest';
import { BinanceBookManager, type DepthSnapshot, restSnapshotFetcher } from '../../src/book/index.js';
import { BinanceRestClient } from '../../src/rest/index.js';
import { BinanceMarketStreams } from '../../src/streams/index.js';
import { startMiniStreamServer } from '../streams/mini-stream-server.js';

async function until(check: () => boolean, what: string, timeoutMs = 10_000): Promise<void> {
  const start = Date.now();
  while (!check()) {
    if (Date.now() - start > timeoutMs) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 5));
  }
}

describe('BinanceBookManager life cycle', () => {
  it('refuses bad options, naming the field', () => {
    const streams = { subscribe: async () => ({ unsubscribe: async () => {} }) };
    const fetchSnapshot = async (): Promise<DepthSnapshot> => ({ lastUpdateId: 1, bids: [], asks: [] });
    expect(() => new BinanceBookManager({ market: 'coinm' as never, streams, fetchSnapshot })).toThrow(
      ConfigError,
    );
    expect(
      () => new BinanceBookManager({ market: 'usdm', streams, fetchSnapshot, snapshotLimit: 300 }),
    ).toThrow(/snapshotLimit 300/);
    expect(() => new BinanceBookManager({ market: 'spot', streams, fetchSnapshot: 'x' as never })).toThrow(
      /fetchSnapshot/,
    );
    const books = new BinanceBookManager({ market: 'spot', streams, fetchSnapshot });
    expect(() => books.orderBook('BTC/USDT')).toThrow(/symbol: expected a Binance symbol/);
  });

  it('shares a tracked book, unsubscribes its stream after the last release, and ends watchers on break and abort', async () => {
    await using sim = await startBinanceSim({ market: 'spot', symbols: [{ symbol: 'BTCUSDT', levels: 40 }] });
    await using streams = new BinanceMarketStreams({ baseUrl: sim.wsUrl });
    const rest = new BinanceRestClient({ baseUrl: sim.httpUrl });
    await using books = new BinanceBookManager({
      market: 'spot',
      streams,
      fetchSnapshot: restSnapshotFetcher(rest),
    });
    const first = await books.track('btcusdt'); // either case
    const second = await books.track('BTCUSDT');
    await until(() => books.isLive('BTCUSDT'), 'live');
    expect(books.orderBook('BTCUSDT', 3)?.bids).toHaveLength(3);

    // break: the first book arrives at once (the current one), then the loop ends.
    for await (const book of books.watchOrderBook('BTCUSDT', { limit: 2 })) {
      expect(book.sequence).toBe(books.lastUpdateId('BTCUSDT'));
      expect(book.asks).toHaveLength(2);
      break;
    }
    // abort: a watcher waiting for the next change ends cleanly.
    const abort = new AbortController();
    let seen = 0;
    const watching = (async () => {
      for await (const _book of books.watchOrderBook('BTCUSDT', { signal: abort.signal })) seen++;
    })();
    await until(() => seen === 1, 'the first book');
    abort.abort();
    await watching;

    await first.release();
    expect(books.symbols()).toEqual(['BTCUSDT']);
    await second[Symbol.asyncDispose]();
    expect(books.symbols()).toEqual([]);
    expect(books.isLive('BTCUSDT')).toBe(false);
    expect(books.store.symbols()).toEqual([]);
    await until(() => sim.spot!.hub.subscriptions()[0]?.streams.length === 0, 'the unsubscribe');
  });

  it('stops serving a book while its connection is down, resyncs once restored; resubscribes a refused stream', async () => {
    await using server = await startMiniStreamServer();
    await using streams = new BinanceMarketStreams({
      baseUrl: server.url,
      reconnect: { initialDelayMs: 5, maxDelayMs: 20, jitter: 0 },
    });
    let id = 100;
    const diff = () => {
      const U = id + 1;
      id += 2;
      server.publish('btcusdt@depth@100ms', {
        e: 'depthUpdate',
        E: 1,
        s: 'BTCUSDT',
        U,
        u: id,
        b: [['10', '1']],
        a: [],
      });
    };
    await using books = new BinanceBookManager({
      market: 'spot',
      streams,
      retryInitialMs: 20,
      fetchSnapshot: async () => ({ lastUpdateId: id, bids: [['9', '1']], asks: [['11', '1']] }),
    });
    const errors: string[] = [];
    books.on('error', (e) => errors.push(e.message));
    await books.track('BTCUSDT');
    await until(() => books.isLive('BTCUSDT'), 'live');
    diff();
    await until(() => books.lastUpdateId('BTCUSDT') === id, 'the diff');

    const resyncs: string[] = [];
    books.on('resync', (e) => resyncs.push(e.reason));
    server.drop(1); // changes made while the connection is down would never be seen
    await until(() => !books.isLive('BTCUSDT'), 'the book to be withdrawn');
    expect(books.store.symbols()).toEqual([]);
    expect(resyncs).toEqual([expect.stringMatching(/connection closed/)]);
    await until(() => books.isLive('BTCUSDT'), 'a fresh snapshot after the restore');
    expect(books.stats('BTCUSDT')!.snapshots).toBe(2);

    server.refuseSubscribe = true;
    server.drop(2); // the reconnect's SUBSCRIBE is refused: the stream is gone
    await until(() => errors.length > 0, 'the refusal');
    expect(books.isLive('BTCUSDT')).toBe(false);
    expect(errors[0]).toMatch(/refused subscribe/);
    server.refuseSubscribe = false;
    await until(() => books.isLive('BTCUSDT'), 'the resubscription');
    diff();
    await until(() => books.lastUpdateId('BTCUSDT') === id, 'diffs again');
  });

  it('retries a failed snapshot, and serves nothing until one fits', async () => {
    await using sim = await startBinanceSim({ market: 'spot', symbols: [{ symbol: 'BTCUSDT', levels: 40 }] });
    await using streams = new BinanceMarketStreams({ baseUrl: sim.wsUrl });
    const rest = new BinanceRestClient({ baseUrl: sim.httpUrl });
    const real = restSnapshotFetcher(rest);
    let calls = 0;
    const errors: Error[] = [];
    await using books = new BinanceBookManager({
      market: 'spot',
      streams,
      retryInitialMs: 10,
      fetchSnapshot: async (symbol, limit, signal) => {
        calls++;
        if (calls === 1)
          throw new RateLimitError('Binance: too much request weight used', { retryAfterMs: 30 });
        if (calls === 2) return { lastUpdateId: 5, bids: [['1', '1']], asks: [] }; // older than the stream
        return real(symbol, limit, signal);
      },
    });
    books.on('error', (e) => errors.push(e));
    await books.track('BTCUSDT');
    sim.market.step(3, 'BTCUSDT');
    await until(() => calls >= 2, 'two attempts');
    expect(books.orderBook('BTCUSDT')).toBeUndefined();
    sim.market.step(3, 'BTCUSDT');
    await until(() => books.isLive('BTCUSDT'), 'live after retries');
    expect(calls).toBe(3);
    expect(errors.map((e) => e.name)).toEqual(['RateLimitError']);
    expect(books.stats('BTCUSDT')).toMatchObject({ tooOld: 1, snapshots: 1 });
  });
});
