// BINANCE___USDM against the simulator over loopback, created through an isolated registry:
// instruments (perpetual unified symbols), ticker (24-hour statistics with the book ticker's top),
// book depths rounded to what USD-M serves, trades, klines, orders, balances and positions, the
// streams (aggTrade, ticker, local book with the `pu` rule), and the listenKey user data.
import { type Balance, type Order, type OrderBook, type Position, ValidationError } from '@venuekit/base';
import type { BinanceUsdmFeed } from '@venuekit/binance/plugin';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type BinanceSim, simFeed, startBinanceSim, take, takeUntil, until } from './feed-helpers.js';

describe('BINANCE___USDM on the simulator', () => {
  let sim: BinanceSim;
  let feed: BinanceUsdmFeed;
  beforeAll(async () => {
    sim = await startBinanceSim({ market: 'usdm', symbols: [{ symbol: 'BTCUSDT', levels: 200 }, 'ETHUSDT'] });
    sim.market.step(50);
    feed = simFeed<BinanceUsdmFeed>(sim, 'BINANCE___USDM');
    await feed.connect();
  });
  afterAll(async () => {
    await feed?.disconnect();
    await sim?.close();
  });

  it('supports every operation, positions included', () => {
    expect(feed.id).toBe('BINANCE___USDM');
    expect(Object.values(feed.capabilities).every(Boolean)).toBe(true);
  });

  it('lists perpetuals under BASE/QUOTE:SETTLE and accepts that form', async () => {
    const btc = (await feed.getInstruments()).find((i) => i.symbol === 'BTCUSDT');
    expect(btc).toMatchObject({
      unifiedSymbol: 'BTC/USDT:USDT',
      type: 'perp',
      settle: 'USDT',
      market: 'usdm',
    });
    const ticker = await feed.getTicker('BTC/USDT:USDT');
    expect(ticker).toMatchObject({ symbol: 'BTCUSDT', unifiedSymbol: 'BTC/USDT:USDT' });
    expect(ticker.bid).toBeGreaterThan(0); // from the book ticker: USD-M's 24-hour ticker has no top
    expect(ticker.ask).toBeGreaterThan(ticker.bid!);
    expect(ticker.baseVolume).toBeGreaterThanOrEqual(0);
  });

  it('rounds a book depth up to one USD-M serves and trims the answer', async () => {
    const book = await feed.getOrderBook('BTCUSDT', { limit: 7 }); // asks 10, returns 7
    expect(book.bids).toHaveLength(7);
    expect(book.asks).toHaveLength(7);
    expect(book.bids[0]![0]).toBeLessThan(book.asks[0]![0]);
    await expect(feed.getOrderBook('BTCUSDT', { limit: 1001 })).rejects.toBeInstanceOf(ValidationError);
  });

  it('answers trades and klines; 1s klines are Spot only', async () => {
    expect((await feed.getTrades('BTCUSDT', { limit: 3 })).length).toBeGreaterThan(0);
    expect((await feed.getKlines('BTCUSDT', '5m', { limit: 2 }))[0]?.interval).toBe('5m');
    await expect(feed.getKlines('BTCUSDT', '1s')).rejects.toBeInstanceOf(ValidationError);
  });

  it('opens a position with a market order, reports it, and streams the order updates', async () => {
    await feed.userData();
    const orders = feed.watchOrders()[Symbol.asyncIterator]();
    const balances = feed.watchBalances()[Symbol.asyncIterator]();
    const before = ((await balances.next()).value as Balance[]).find((b) => b.asset === 'USDT')!;
    const first = orders.next();
    const changed = balances.next();
    const filled = await feed.placeOrder({
      symbol: 'BTC/USDT:USDT',
      side: 'buy',
      type: 'market',
      quantity: 0.01,
    });
    expect(filled).toMatchObject({ symbol: 'BTCUSDT', status: 'filled', filledQuantity: 0.01 });
    const seen: Order[] = [(await first).value as Order];
    while (seen.at(-1)?.status !== 'filled') seen.push((await orders.next()).value as Order);
    expect(seen.at(-1)).toMatchObject({ id: filled.id, unifiedSymbol: 'BTC/USDT:USDT' });
    await orders.return?.();
    const after = ((await changed).value as Balance[]).find((b) => b.asset === 'USDT')!;
    expect(after.free).toBeLessThan(before.free); // margin (and the fee) taken by the position
    await balances.return?.();
    const positions: Position[] = await feed.getPositions('BTCUSDT');
    expect(positions).toHaveLength(1);
    expect(positions[0]).toMatchObject({
      symbol: 'BTCUSDT',
      unifiedSymbol: 'BTC/USDT:USDT',
      side: 'long',
      size: 0.01,
    });
    expect((await feed.getPositions()).map((p) => p.symbol)).toContain('BTCUSDT');
    expect((await feed.getBalances()).find((b) => b.asset === 'USDT')?.total).toBeGreaterThan(0);
  });

  it('places, queries and cancels a resting limit order', async () => {
    const placed = await feed.placeOrder({
      symbol: 'ETHUSDT',
      side: 'sell',
      type: 'limit',
      quantity: 0.5,
      price: 9_999.999,
      postOnly: true,
    });
    expect(placed).toMatchObject({ status: 'open', postOnly: true });
    expect(placed.price).toBeGreaterThanOrEqual(9_999.999); // a sell is rounded up, never worse
    expect((await feed.getOpenOrders()).map((o) => o.id)).toContain(placed.id);
    expect((await feed.getOrder('ETHUSDT', placed.id)).status).toBe('open');
    expect((await feed.cancelOrder('ETHUSDT', placed.id)).status).toBe('canceled');
  });

  it('streams aggregated trades, tickers and the local book; sockets are released after', async () => {
    sim.startStreaming({ intervalMs: 5 });
    try {
      const trades = await take(feed.watchTrades('BTCUSDT'), 3);
      expect(trades.every((t) => t.unifiedSymbol === 'BTC/USDT:USDT')).toBe(true);
      // USD-M's @ticker has no top of book: the feed merges @bookTicker in, whichever comes first.
      const tickers = await takeUntil(
        feed.watchTicker('BTCUSDT'),
        (t) => t.bid !== undefined && t.last !== undefined,
      );
      const merged = tickers.at(-1)!;
      expect(merged.ask).toBeGreaterThan(merged.bid!);
      expect(merged.last).toBeGreaterThan(0);
      const bars = await take(feed.watchKlines('BTC/USDT:USDT', '1m'), 1);
      expect(bars[0]).toMatchObject({ interval: '1m', symbol: 'BTCUSDT' });
      const books = await take(feed.watchOrderBook('BTC/USDT:USDT', { limit: 5 }), 3);
      for (const book of books) {
        expect(book.bids).toHaveLength(5);
        expect(book.bids[0]![0]).toBeLessThan(book.asks[0]![0]);
      }
    } finally {
      sim.stopStreaming();
    }
    // A gap in the pu chain: the book resyncs while the same loop goes on, and ends up equal to
    // the simulator's (a book across the gap is never handed out).
    const watching = feed.watchOrderBook('BTCUSDT', { limit: 3 })[Symbol.asyncIterator]();
    expect((await watching.next()).done).toBe(false);
    sim.injectDepthGap('BTCUSDT', 'usdm');
    sim.market.step(5, 'BTCUSDT');
    const truth = sim.bookSnapshot('BTCUSDT', 'usdm', 3);
    let book = (await watching.next()).value as OrderBook;
    while (book.sequence !== truth.lastUpdateId) book = (await watching.next()).value as OrderBook;
    expect(book.bids).toEqual(truth.bids.map(([p, q]) => [Number(p), Number(q)]));
    expect(book.asks).toEqual(truth.asks.map(([p, q]) => [Number(p), Number(q)]));
    await watching.return?.();
    await feed.disconnect();
    await until(() => sim.stats.openWsConnections === 0, 'sockets released');
  });
});
