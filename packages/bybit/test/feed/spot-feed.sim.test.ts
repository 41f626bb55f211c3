// The BYBIT___SPOT and BYBIT___LINEAR feeds against the Bybit simulator, created through an
// isolated registry: every REST method (unified and venue symbols), trading with asynchronous
// acknowledgements, capabilities, and the market streams (trades, tickers, klines, order book).
import {
  BadSymbolError,
  ExchangeRegistry,
  NotSupportedError,
  OrderNotFoundError,
  silentLogger,
  type VenueFeed,
  ValidationError,
} from '@venuekit/base';
import { BYBIT_LINEAR_FEED_ID, BYBIT_SPOT_FEED_ID, bybitPlugin } from '@venuekit/bybit/plugin';
import { BYBIT_SIM_DEFAULT_KEY, type BybitSim, startBybitSim } from '@venuekit/testkit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

let sim: BybitSim;
let spot: VenueFeed;
let linear: VenueFeed;
const credentials = { apiKey: BYBIT_SIM_DEFAULT_KEY.apiKey, secret: BYBIT_SIM_DEFAULT_KEY.secret };

beforeAll(async () => {
  sim = await startBybitSim();
  sim.market.step(30);
  const registry = ExchangeRegistry.createIsolated().use(bybitPlugin);
  spot = registry.createFeed(BYBIT_SPOT_FEED_ID, {
    credentials,
    urls: { ...sim.urls },
    logger: silentLogger,
  });
  linear = registry.createFeed(BYBIT_LINEAR_FEED_ID, {
    credentials,
    urls: { ...sim.urls },
    logger: silentLogger,
  });
  await spot.connect();
});
afterAll(async () => {
  await spot.disconnect();
  await linear.disconnect();
  await sim.close();
});

describe('BYBIT___SPOT REST', () => {
  it('capabilities follow what is implemented', () => {
    expect(spot.capabilities).toMatchObject({
      getTicker: true,
      placeOrder: true,
      watchOrderBook: true,
      getPositions: false,
    });
    expect(linear.capabilities.getPositions).toBe(true);
  });

  it('instruments, ticker, book, trades and klines, by venue or unified symbol', async () => {
    const instruments = await spot.getInstruments();
    expect(instruments.map((i) => i.unifiedSymbol)).toContain('BTC/USDT');
    const ticker = await spot.getTicker('BTC/USDT');
    expect(ticker).toMatchObject({ symbol: 'BTCUSDT', unifiedSymbol: 'BTC/USDT', venue: 'bybit' });
    expect(ticker.bid!).toBeLessThan(ticker.ask!);
    const book = await spot.getOrderBook('BTCUSDT', { limit: 10 });
    const truth = sim.bookSnapshot('spot', 'BTCUSDT', 10);
    expect(book.bids).toEqual(truth.bids.map(([p, q]) => [Number(p), Number(q)]));
    const trades = await spot.getTrades('BTC/USDT', { limit: 20 });
    expect(trades.length).toBeGreaterThan(0);
    const bars = await spot.getKlines('BTC/USDT', '5', { limit: 4 });
    expect(bars).toHaveLength(4);
    expect(bars[0]!.openTime).toBeLessThan(bars[3]!.openTime);
  });

  it('unknown symbols and intervals are typed errors', async () => {
    await expect(spot.getTicker('NOPE/USDT')).rejects.toThrow(BadSymbolError);
    await expect(spot.getKlines('BTCUSDT', '7m')).rejects.toThrow(ValidationError);
    await expect(spot.getPositions()).rejects.toThrow(NotSupportedError);
  });

  it('places, reads, lists and cancels an order; the ack is acceptance only', async () => {
    const ticker = await spot.getTicker('BTCUSDT');
    const placed = await spot.placeOrder({
      symbol: 'BTC/USDT',
      side: 'buy',
      type: 'limit',
      quantity: 0.001,
      price: ticker.bid! * 0.9,
      clientOrderId: 'feed-1',
    });
    expect(placed).toMatchObject({
      status: 'open',
      filledQuantity: 0,
      clientOrderId: 'feed-1',
      symbol: 'BTCUSDT',
    });
    sim.flushOrders();
    const read = await spot.getOrder('BTCUSDT', placed.id);
    expect(read).toMatchObject({ id: placed.id, status: 'open', price: placed.price });
    expect((await spot.getOpenOrders()).map((o) => o.id)).toContain(placed.id);
    const canceled = await spot.cancelOrder('BTC/USDT', placed.id);
    expect(canceled.id).toBe(placed.id);
    sim.flushOrders();
    expect((await spot.getOrder('BTCUSDT', placed.id)).status).toBe('canceled');
    await expect(spot.getOrder('BTCUSDT', 'no-such-id')).rejects.toThrow(OrderNotFoundError);
  });

  it('balances come from the unified wallet', async () => {
    const balances = await spot.getBalances();
    expect(balances.find((b) => b.asset === 'USDT')!.total).toBeGreaterThan(0);
  });
});

describe('BYBIT___LINEAR REST', () => {
  it('a market buy opens a long position', async () => {
    await linear.placeOrder({ symbol: 'ETH/USDT:USDT', side: 'buy', type: 'market', quantity: 0.1 });
    sim.flushOrders();
    const positions = await linear.getPositions();
    expect(positions.find((p) => p.symbol === 'ETHUSDT')).toMatchObject({
      side: 'long',
      size: 0.1,
      unifiedSymbol: 'ETH/USDT:USDT',
    });
    expect(await linear.getPositions('ETHUSDT')).toHaveLength(1);
  });
});

describe('BYBIT___SPOT streams', () => {
  it('watchTrades, watchTicker and watchKlines yield as the market moves, and end on break', async () => {
    sim.startStreaming({ intervalMs: 20 });
    try {
      for await (const trade of spot.watchTrades('BTC/USDT')) {
        expect(trade).toMatchObject({ symbol: 'BTCUSDT', venue: 'bybit' });
        break;
      }
      for await (const ticker of spot.watchTicker('BTCUSDT')) {
        expect(ticker.last).toBeGreaterThan(0);
        break;
      }
      for await (const bar of spot.watchKlines('BTCUSDT', '1')) {
        expect(bar.interval).toBe('1');
        break;
      }
    } finally {
      sim.stopStreaming();
    }
  });

  it('watchOrderBook yields the local book, equal in its best levels to the simulator’s', async () => {
    const controller = new AbortController();
    let seen = 0;
    sim.startStreaming({ intervalMs: 20 });
    try {
      for await (const book of spot.watchOrderBook('BTC/USDT', { signal: controller.signal, limit: 5 })) {
        expect(book.bids[0]![0]).toBeLessThan(book.asks[0]![0]);
        if (++seen === 3) controller.abort();
      }
    } finally {
      sim.stopStreaming();
    }
    expect(seen).toBe(3);
  });
});
