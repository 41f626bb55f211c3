// BINANCE___SPOT against the simulator over loopback, created through an isolated registry:
// every request of the feed contract (instruments, ticker, book, trades, klines, orders,
// balances), symbols in both forms, exact decimal orders, typed errors, and the capabilities.
import {
  BadSymbolError,
  ConfigError,
  InvalidOrderError,
  NotSupportedError,
  OrderNotFoundError,
  ValidationError,
} from '@venuekit/base';
import type { BinanceSpotFeed } from '@venuekit/binance/plugin';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type BinanceSim, simFeed, startBinanceSim } from './feed-helpers.js';

describe('BINANCE___SPOT on the simulator', () => {
  let sim: BinanceSim;
  let feed: BinanceSpotFeed;
  beforeAll(async () => {
    sim = await startBinanceSim({ market: 'spot', symbols: [{ symbol: 'BTCUSDT', levels: 200 }, 'ETHUSDT'] });
    sim.market.step(50);
    feed = simFeed<BinanceSpotFeed>(sim, 'BINANCE___SPOT');
    await feed.connect();
  });
  afterAll(async () => {
    await feed?.disconnect();
    await sim?.close();
  });

  it('connects once and reports what it supports', async () => {
    expect(feed.isConnected).toBe(true);
    await feed.connect();
    expect(feed.id).toBe('BINANCE___SPOT');
    expect(feed.venue).toBe('binance');
    expect(feed.capabilities.getPositions).toBe(false);
    const { getPositions: _, ...rest } = feed.capabilities;
    expect(Object.values(rest).every(Boolean)).toBe(true);
    await expect(feed.getPositions()).rejects.toBeInstanceOf(NotSupportedError);
  });

  it('lists instruments with their grids and both symbol forms', async () => {
    const instruments = await feed.getInstruments();
    const btc = instruments.find((i) => i.symbol === 'BTCUSDT');
    expect(btc).toMatchObject({
      venue: 'binance',
      unifiedSymbol: 'BTC/USDT',
      base: 'BTC',
      quote: 'USDT',
      type: 'spot',
      tickSize: 0.01,
      stepSize: 0.00001,
      minNotional: 5,
      active: true,
    });
    expect(instruments.map((i) => i.symbol).sort()).toEqual(['BTCUSDT', 'ETHUSDT']);
  });

  it('answers the ticker for either symbol form', async () => {
    const a = await feed.getTicker('BTCUSDT');
    const b = await feed.getTicker('BTC/USDT');
    for (const t of [a, b]) {
      expect(t).toMatchObject({ venue: 'binance', symbol: 'BTCUSDT', unifiedSymbol: 'BTC/USDT' });
      expect(t.bid).toBeGreaterThan(0);
      expect(t.ask).toBeGreaterThan(t.bid!);
      expect(t.timestamp).toBeGreaterThan(0);
    }
  });

  it('answers an order book of the depth asked, sorted best first, equal to the simulator', async () => {
    const book = await feed.getOrderBook('btc/usdt', { limit: 7 });
    expect(book.bids).toHaveLength(7);
    expect(book.asks).toHaveLength(7);
    const truth = sim.bookSnapshot('BTCUSDT', 'spot', 7);
    expect(book.sequence).toBe(truth.lastUpdateId);
    expect(book.bids).toEqual(truth.bids.map(([p, q]) => [Number(p), Number(q)]));
    expect(book.asks).toEqual(truth.asks.map(([p, q]) => [Number(p), Number(q)]));
    await expect(feed.getOrderBook('BTCUSDT', { limit: 0 })).rejects.toBeInstanceOf(ValidationError);
  });

  it('answers recent trades and klines', async () => {
    const trades = await feed.getTrades('BTCUSDT', { limit: 5 });
    expect(trades.length).toBeGreaterThan(0);
    expect(trades.length).toBeLessThanOrEqual(5);
    expect(trades[0]).toMatchObject({ symbol: 'BTCUSDT', unifiedSymbol: 'BTC/USDT' });
    expect(['buy', 'sell']).toContain(trades[0]!.side);
    const bars = await feed.getKlines('BTC/USDT', '1m', { limit: 3 });
    expect(bars.length).toBeGreaterThan(0);
    expect(bars[0]).toMatchObject({ interval: '1m', symbol: 'BTCUSDT', unifiedSymbol: 'BTC/USDT' });
    expect(bars[0]!.high).toBeGreaterThanOrEqual(bars[0]!.low);
    await expect(feed.getKlines('BTCUSDT', '7m')).rejects.toBeInstanceOf(ValidationError);
    await expect(feed.getKlines('BTCUSDT', '1m', { start: 10, end: 5 })).rejects.toThrow(/start/);
  });

  it('refuses unknown symbols with the closest known one', async () => {
    const error = await feed.getTicker('BTCUSDX').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(BadSymbolError);
    expect((error as Error).message).toMatch(/BTCUSDT/);
  });

  it('places a limit order on the grid, finds it, lists it, cancels it', async () => {
    const placed = await feed.placeOrder({
      symbol: 'BTC/USDT',
      side: 'buy',
      type: 'limit',
      quantity: 0.1 + 0.2, // 0.30000000000000004 → "0.30000"
      price: 30_000.129, // a buy is rounded down to the tick: "30000.12"
      clientOrderId: 'feed-spot-1',
    });
    expect(placed).toMatchObject({
      venue: 'binance',
      symbol: 'BTCUSDT',
      unifiedSymbol: 'BTC/USDT',
      side: 'buy',
      type: 'limit',
      status: 'open',
      price: 30_000.12,
      quantity: 0.3,
      filledQuantity: 0,
      clientOrderId: 'feed-spot-1',
      timeInForce: 'GTC',
    });
    expect(await feed.getOrder('BTCUSDT', placed.id)).toMatchObject({ id: placed.id, status: 'open' });
    expect(await feed.getOrder('BTCUSDT', 'feed-spot-1')).toMatchObject({ id: placed.id });
    expect((await feed.getOpenOrders('BTC/USDT')).map((o) => o.id)).toContain(placed.id);
    expect((await feed.getOpenOrders()).find((o) => o.id === placed.id)?.unifiedSymbol).toBe('BTC/USDT');
    const balances = await feed.getBalances();
    expect(balances.find((b) => b.asset === 'USDT')?.locked).toBeCloseTo(0.3 * 30_000.12, 6);
    const canceled = await feed.cancelOrder('BTCUSDT', placed.id);
    expect(canceled).toMatchObject({ id: placed.id, status: 'canceled' });
    expect((await feed.getOpenOrders('BTCUSDT')).map((o) => o.id)).not.toContain(placed.id);
    await expect(feed.cancelOrder('BTCUSDT', placed.id)).rejects.toBeInstanceOf(OrderNotFoundError);
  });

  it('fills a market order against the simulated book', async () => {
    const filled = await feed.placeOrder({ symbol: 'BTCUSDT', side: 'buy', type: 'market', quantity: 0.001 });
    expect(filled).toMatchObject({ status: 'filled', type: 'market', filledQuantity: 0.001 });
    expect(filled.averagePrice).toBeGreaterThan(0);
  });

  it('refuses bad orders before sending them', async () => {
    const before = sim.stats.httpRequests;
    await expect(
      feed.placeOrder({ symbol: 'BTCUSDT', side: 'buy', type: 'limit', quantity: 0.001 } as never),
    ).rejects.toBeInstanceOf(ValidationError);
    await expect(
      feed.placeOrder({ symbol: 'BTCUSDT', side: 'buy', type: 'limit', quantity: 0.00001, price: 100 }),
    ).rejects.toBeInstanceOf(InvalidOrderError); // 0.001 USDT < minimum notional 5
    await expect(
      feed.placeOrder({ symbol: 'BTCUSDT', side: 'buy', type: 'market', quantity: 0.000001 }),
    ).rejects.toBeInstanceOf(InvalidOrderError); // rounds to zero on the 0.00001 step
    expect(sim.stats.httpRequests).toBe(before);
  });

  it('needs credentials for account methods, and says so', async () => {
    const anonymous = simFeed(sim, 'BINANCE___SPOT', { credentials: undefined });
    try {
      await expect(anonymous.getBalances()).rejects.toBeInstanceOf(ConfigError);
      expect(() => anonymous.watchOrders()).toThrow(ConfigError);
      expect((await anonymous.getTicker('ETHUSDT')).symbol).toBe('ETHUSDT'); // public data needs none
    } finally {
      await anonymous.disconnect();
    }
  });
});
