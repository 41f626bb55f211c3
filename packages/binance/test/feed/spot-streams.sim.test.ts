// BINANCE___SPOT streams against the simulator: ticker, trades, klines and the local book as
// async iterables that end on break, on abort and on disconnect — and then release their
// sockets; the local book resyncs through an injected gap while the loop goes on, and never
// hands out a book that differs from the simulator's at the same update id; malformed frames are
// skipped; orders round-trip into watchOrders and watchBalances.
import type { Balance, Order, OrderBook } from '@venuekit/base';
import type { BinanceSpotFeed } from '@venuekit/binance/plugin';
import { afterEach, describe, expect, it } from 'vitest';
import { type BinanceSim, simFeed, startBinanceSim, take, takeUntil, until } from './feed-helpers.js';

const cleanups: Array<() => Promise<unknown>> = [];
afterEach(async () => {
  while (cleanups.length > 0) await cleanups.pop()!();
});

async function setup(): Promise<{ sim: BinanceSim; feed: BinanceSpotFeed }> {
  const sim = await startBinanceSim({
    market: 'spot',
    symbols: [{ symbol: 'BTCUSDT', levels: 100 }, 'ETHUSDT'],
  });
  cleanups.push(() => sim.close());
  const feed = simFeed<BinanceSpotFeed>(sim, 'BINANCE___SPOT');
  cleanups.push(() => feed.disconnect());
  await feed.connect();
  sim.startStreaming({ intervalMs: 5 });
  return { sim, feed };
}

describe('BINANCE___SPOT streams on the simulator', () => {
  it('streams tickers, trades and klines for either symbol form; break ends each and frees the socket', async () => {
    const { sim, feed } = await setup();
    // Book-ticker and 24-hour messages merged: run until the statistics have arrived too.
    const tickers = await takeUntil(feed.watchTicker('BTC/USDT'), (t) => t.last !== undefined);
    for (const t of tickers) {
      expect(t).toMatchObject({ venue: 'binance', symbol: 'BTCUSDT', unifiedSymbol: 'BTC/USDT' });
      expect(t.ask).toBeGreaterThan(t.bid!);
    }
    expect(tickers.at(-1)!.baseVolume).toBeGreaterThan(0);
    const trades = await take(feed.watchTrades('BTCUSDT'), 5);
    expect(trades.every((t) => t.symbol === 'BTCUSDT' && t.price > 0 && t.quantity > 0)).toBe(true);
    expect(new Set(trades.map((t) => t.id)).size).toBe(5);
    const bars = await take(feed.watchKlines('BTCUSDT', '1m'), 2);
    expect(bars[0]).toMatchObject({ interval: '1m', unifiedSymbol: 'BTC/USDT' });
    // Every stream was unsubscribed on break; the idle connection closes once nothing is left.
    await until(
      () => sim.spot!.hub.subscriptions().every((c) => c.streams.length === 0),
      'unsubscribed streams',
    );
    await feed.disconnect();
    await until(() => sim.stats.openWsConnections === 0, 'sockets released');
  });

  it('ends a stream on abort, and ends every open stream on disconnect', async () => {
    const { sim, feed } = await setup();
    const abort = new AbortController();
    let seen = 0;
    const aborted = (async () => {
      for await (const _t of feed.watchTrades('ETHUSDT', { signal: abort.signal }))
        if (++seen === 3) abort.abort();
    })();
    await aborted; // the loop just finishes
    expect(seen).toBe(3);
    const open = feed.watchOrderBook('BTCUSDT')[Symbol.asyncIterator]();
    const pending = (async () => {
      const first = await open.next();
      const afterDisconnect = open.next();
      return { first, afterDisconnect };
    })();
    const { first, afterDisconnect } = await pending;
    expect(first.done).toBe(false);
    await feed.disconnect();
    expect((await afterDisconnect).done).toBe(true);
    await until(() => sim.stats.openWsConnections === 0, 'sockets released');
    expect(feed.isConnected).toBe(false);
    // The feed can be used again: it reconnects on demand.
    expect((await take(feed.watchTrades('BTCUSDT'), 1)).length).toBe(1);
  });

  it('keeps the book loop going through gaps and never serves a book the simulator did not have', async () => {
    const { sim, feed } = await setup();
    sim.stopStreaming();
    // The simulator's truth at every update id it publishes.
    const truth = new Map<number, string>();
    const record = (): void => {
      const s = sim.bookSnapshot('BTCUSDT', 'spot', 3);
      truth.set(s.lastUpdateId, JSON.stringify([s.bids, s.asks].map((l) => l.map(([p, q]) => [+p, +q]))));
    };
    const key = (b: OrderBook) => JSON.stringify([b.bids, b.asks]);
    const books: OrderBook[] = [];
    let wrong = 0;
    const abort = new AbortController();
    const watching = (async () => {
      for await (const book of feed.watchOrderBook('BTCUSDT', { limit: 3, signal: abort.signal })) {
        books.push(book);
        const expected = truth.get(book.sequence!);
        if (expected !== undefined && expected !== key(book)) wrong++;
      }
    })();
    await until(() => books.length > 0, 'the first book');
    let gaps = 0;
    for (let round = 0; round < 40; round++) {
      if (round % 10 === 5) {
        sim.injectDepthGap('BTCUSDT', 'spot');
        gaps++;
      }
      sim.market.step(1, 'BTCUSDT');
      record();
      await new Promise((r) => setTimeout(r, 2));
    }
    const last = sim.bookSnapshot('BTCUSDT', 'spot', 3).lastUpdateId;
    await until(() => books.at(-1)?.sequence === last, 'the book to catch up after the gaps');
    abort.abort();
    await watching;
    expect(gaps).toBe(4);
    expect(wrong).toBe(0);
    expect(key(books.at(-1)!)).toBe(truth.get(last));
    // Sequences only move forward: a resynced book never goes back in time.
    for (let i = 1; i < books.length; i++)
      expect(books[i]!.sequence!).toBeGreaterThanOrEqual(books[i - 1]!.sequence!);
  });

  it('skips malformed frames and unreadable payloads, counts them, and carries on', async () => {
    const { sim, feed } = await setup();
    const it = feed.watchTrades('BTCUSDT')[Symbol.asyncIterator]();
    expect((await it.next()).done).toBe(false);
    sim.faults.sendMalformed(5); // not JSON at all: dropped by the transport
    // Valid JSON with unreadable fields, on the stream the feed subscribed.
    const info = {
      name: 'btcusdt@trade',
      kind: 'trade',
      symbol: 'BTCUSDT',
      levels: 0,
      interval: '',
      route: 'market',
    };
    sim.spot!.hub.publish(info as never, () => '{"e":"trade","s":"BTCUSDT","t":1,"p":"abc","q":"1","T":1}');
    sim.spot!.hub.publish(info as never, () => '{"e":"trade","s":"BTCUSDT"}');
    await until(() => feed.malformedMessages === 2, 'both payloads counted');
    for (let i = 0; i < 5; i++) {
      const next = await it.next();
      expect(next.done).toBe(false);
      expect(next.value!.price).toBeGreaterThan(0);
    }
    await it.return?.();
  });

  it('reports placed and cancelled orders in watchOrders and the locked funds in watchBalances', async () => {
    const { feed } = await setup();
    await feed.userData(); // subscribed before the order goes out: no event can be missed
    const orders = feed.watchOrders()[Symbol.asyncIterator]();
    const balances = feed.watchBalances()[Symbol.asyncIterator]();
    const initial = (await balances.next()).value as Balance[];
    const usdt = initial.find((b) => b.asset === 'USDT')!;
    expect(usdt.free).toBeGreaterThan(0);
    // A stream subscribes when iteration starts: ask for the first order update before placing.
    const first = orders.next();
    const placed = await feed.placeOrder({
      symbol: 'BTCUSDT',
      side: 'buy',
      type: 'limit',
      quantity: 0.01,
      price: 20_000,
    });
    const seen: Order[] = [(await first).value as Order];
    while (seen.at(-1)?.status !== 'open') seen.push((await orders.next()).value as Order);
    expect(seen.at(-1)).toMatchObject({
      id: placed.id,
      unifiedSymbol: 'BTC/USDT',
      status: 'open',
      price: 20_000,
    });
    let locked: Balance[] = [];
    while (locked.find((b) => b.asset === 'USDT')?.locked !== 200)
      locked = (await balances.next()).value as Balance[];
    await feed.cancelOrder('BTC/USDT', placed.id);
    while (seen.at(-1)?.status !== 'canceled') seen.push((await orders.next()).value as Order);
    expect(seen.at(-1)?.id).toBe(placed.id);
    const after = await takeUntil(balances as AsyncIterableIterator<Balance[]>, (b) =>
      b.some((x) => x.asset === 'USDT' && x.locked === 0),
    );
    expect(after.at(-1)?.find((b) => b.asset === 'USDT')?.free).toBe(usdt.free);
    await orders.return?.();
  });

  it('routes orders over the WebSocket API when asked', async () => {
    const { sim, feed: _ } = await setup();
    const viaWs = simFeed<BinanceSpotFeed>(sim, 'BINANCE___SPOT', { orderTransport: 'wsApi' });
    cleanups.push(() => viaWs.disconnect());
    const before = sim.stats.httpRequests;
    await viaWs.getInstruments(); // one REST call
    const placed = await viaWs.placeOrder({
      symbol: 'ETH/USDT',
      side: 'sell',
      type: 'limit',
      quantity: 0.5,
      price: 9000,
    });
    expect(placed).toMatchObject({ symbol: 'ETHUSDT', status: 'open', side: 'sell', price: 9000 });
    expect((await viaWs.getOrder('ETHUSDT', placed.id)).status).toBe('open');
    expect((await viaWs.cancelOrder('ETHUSDT', placed.id)).status).toBe('canceled');
    expect(sim.stats.httpRequests - before).toBe(1);
  });
});
