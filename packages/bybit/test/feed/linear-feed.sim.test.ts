// BYBIT___LINEAR against the Bybit simulator, method by method (instruments, ticker, book, trades,
// klines with Bybit's and unified intervals, balances, positions, orders by orderId and by
// orderLinkId, cancel-then-read, history fallback, unknown order outcomes, positionIdx, and the
// watch* methods), on real loopback sockets.
import {
  BadSymbolError,
  type Bar,
  ExchangeRegistry,
  isRetryable,
  OrderNotFoundError,
  RateLimiter,
  silentLogger,
  type Ticker,
  type Trade,
  type VenueFeed,
  InvalidOrderError,
} from '@venuekit/base';
import {
  BYBIT_LINEAR_FEED_ID,
  BybitHttpClient,
  BybitOrderOutcomeUnknownError,
  bybitPlugin,
} from '@venuekit/bybit/plugin';
import { BYBIT_SIM_DEFAULT_KEY, type BybitSim, startBybitSim } from '@venuekit/testkit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

let sim: BybitSim;
let linear: VenueFeed;
const registry = ExchangeRegistry.createIsolated().use(bybitPlugin);
const credentials = { apiKey: BYBIT_SIM_DEFAULT_KEY.apiKey, secret: BYBIT_SIM_DEFAULT_KEY.secret };

beforeAll(async () => {
  sim = await startBybitSim({ limits: { enabled: false } });
  sim.market.step(30);
  linear = registry.createFeed(BYBIT_LINEAR_FEED_ID, {
    credentials,
    urls: { ...sim.urls },
    logger: silentLogger,
  });
  await linear.connect();
});
afterAll(async () => {
  await linear.disconnect();
  await sim.close();
});

describe('BYBIT___LINEAR market data', () => {
  it('instruments, ticker, order book and trades, by venue or unified symbol', async () => {
    const instruments = await linear.getInstruments();
    expect(instruments.map((i) => i.unifiedSymbol)).toContain('BTC/USDT:USDT');
    const ticker = await linear.getTicker('BTC/USDT:USDT');
    expect(ticker).toMatchObject({ venue: 'bybit', symbol: 'BTCUSDT', unifiedSymbol: 'BTC/USDT:USDT' });
    expect(ticker.bid!).toBeLessThan(ticker.ask!);
    const book = await linear.getOrderBook('BTCUSDT', { limit: 5 });
    const truth = sim.bookSnapshot('linear', 'BTCUSDT', 5);
    expect(book.bids).toEqual(truth.bids.map(([p, q]) => [Number(p), Number(q)]));
    expect(book.asks).toEqual(truth.asks.map(([p, q]) => [Number(p), Number(q)]));
    const trades = await linear.getTrades('BTC/USDT:USDT', { limit: 10 });
    expect(trades.length).toBeGreaterThan(0);
    expect(trades.every((t) => t.symbol === 'BTCUSDT')).toBe(true);
    await expect(linear.getTicker('NOPE/USDT:USDT')).rejects.toThrow(BadSymbolError);
  });

  it('getKlines takes the intervals watchKlines takes: Bybit’s ("60") and unified ("1h", "1m")', async () => {
    const bybit = await linear.getKlines('BTCUSDT', '60', { limit: 3 });
    const unified = await linear.getKlines('BTCUSDT', '1h', { limit: 3 });
    expect(unified.map((b) => b.openTime)).toEqual(bybit.map((b) => b.openTime));
    expect(unified[0]!.interval).toBe('1h');
    expect(unified[1]!.openTime - unified[0]!.openTime).toBe(3_600_000);
    const minutes = await linear.getKlines('BTC/USDT:USDT', '1m', { limit: 2 });
    expect(minutes[1]!.openTime - minutes[0]!.openTime).toBe(60_000);
    const twoHours = await linear.getKlines('BTCUSDT', '2h', { limit: 2 });
    expect(twoHours[1]!.openTime - twoHours[0]!.openTime).toBe(7_200_000);
    await expect(linear.getKlines('BTCUSDT', '7m')).rejects.toThrow(/interval/);
  });
});

describe('BYBIT___LINEAR account and orders', () => {
  it('balances, and positions of every settle coin and of one symbol', async () => {
    const balances = await linear.getBalances();
    expect(balances.find((b) => b.asset === 'USDT')!.total).toBeGreaterThan(0);
    await linear.placeOrder({ symbol: 'BTCUSDT', side: 'buy', type: 'market', quantity: 0.002 });
    await linear.placeOrder({ symbol: 'ETH/USDT:USDT', side: 'sell', type: 'market', quantity: 0.05 });
    sim.flushOrders();
    const positions = await linear.getPositions();
    expect(positions.find((p) => p.symbol === 'BTCUSDT')).toMatchObject({ side: 'long', size: 0.002 });
    expect(positions.find((p) => p.symbol === 'ETHUSDT')).toMatchObject({ side: 'short', size: 0.05 });
    expect(await linear.getPositions('ETHUSDT')).toHaveLength(1);
  });

  it('placeOrder always sends an orderLinkId; getOrder, getOpenOrders and cancelOrder take it or the orderId', async () => {
    const bid = (await linear.getTicker('BTCUSDT')).bid!;
    const generated = await linear.placeOrder({
      symbol: 'BTCUSDT',
      side: 'buy',
      type: 'limit',
      quantity: 0.001,
      price: bid * 0.9,
    });
    expect(generated.clientOrderId).toMatch(/^vk[0-9a-z]+$/);
    const mine = await linear.placeOrder({
      symbol: 'BTCUSDT',
      side: 'buy',
      type: 'limit',
      quantity: 0.001,
      price: bid * 0.9,
      clientOrderId: 'my-order-7',
    });
    sim.flushOrders();
    expect(await linear.getOrder('BTCUSDT', generated.clientOrderId!)).toMatchObject({ id: generated.id });
    expect(await linear.getOrder('BTC/USDT:USDT', 'my-order-7')).toMatchObject({
      id: mine.id,
      status: 'open',
    });
    expect(await linear.getOrder('BTCUSDT', mine.id)).toMatchObject({ clientOrderId: 'my-order-7' });
    const open = (await linear.getOpenOrders('BTCUSDT')).map((o) => o.id);
    expect(open).toEqual(expect.arrayContaining([generated.id, mine.id]));
    const canceled = await linear.cancelOrder('BTCUSDT', 'my-order-7');
    expect(canceled.id).toBe(mine.id);
    await linear.cancelOrder('BTCUSDT', generated.id);
    sim.flushOrders();
    expect((await linear.getOrder('BTCUSDT', 'my-order-7')).status).toBe('canceled');
    expect((await linear.getOpenOrders()).map((o) => o.id)).not.toContain(mine.id);
    await expect(linear.getOrder('BTCUSDT', 'never-placed')).rejects.toThrow(OrderNotFoundError);
    await expect(linear.getOrder('BTCUSDT', 'bad id!')).rejects.toThrow(/orderLinkId/);
  });

  it('cancelOrder cancels first: a failing read afterwards does not stop the cancel', async () => {
    const bid = (await linear.getTicker('BTCUSDT')).bid!;
    const placed = await linear.placeOrder({
      symbol: 'BTCUSDT',
      side: 'buy',
      type: 'limit',
      quantity: 0.001,
      price: bid * 0.9,
    });
    sim.flushOrders();
    // A read that fails for good (not retried): the cancel before it still happened.
    const body = { retCode: 10001, retMsg: 'params error', result: {}, retExtInfo: {}, time: 1 };
    sim.faults.httpStatus({ status: 200, body, path: '/v5/order/realtime' });
    const error = await linear.cancelOrder('BTCUSDT', placed.id).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(OrderNotFoundError);
    expect((error as OrderNotFoundError).details).toMatchObject({ cancelAccepted: true, orderId: placed.id });
    sim.flushOrders();
    expect((await linear.getOrder('BTCUSDT', placed.id)).status).toBe('canceled');
  });

  it('an order no longer in the realtime list (older than the 500 latest closed) is read from the history', async () => {
    const first = await linear.placeOrder({
      symbol: 'BTCUSDT',
      side: 'buy',
      type: 'market',
      quantity: 0.001,
      clientOrderId: 'oldest-closed',
    });
    sim.flushOrders();
    await using client = new BybitHttpClient({
      baseUrl: sim.httpUrl,
      apiKey: credentials.apiKey,
      apiSecret: credentials.secret,
      limiter: new RateLimiter([]),
      logger: silentLogger,
    });
    for (let batch = 0; batch < 10; batch++) {
      await Promise.all(
        Array.from({ length: 51 }, (_, n) =>
          client.post('/v5/order/create', {
            category: 'linear',
            symbol: 'BTCUSDT',
            side: n % 2 === 0 ? 'Sell' : 'Buy',
            orderType: 'Market',
            qty: '0.001',
          }),
        ),
      );
    }
    sim.flushOrders();
    const realtime = await client.get<{ list: unknown[] }>('/v5/order/realtime', {
      category: 'linear',
      symbol: 'BTCUSDT',
      orderLinkId: 'oldest-closed',
    });
    expect(realtime.list).toHaveLength(0);
    expect(await linear.getOrder('BTCUSDT', 'oldest-closed')).toMatchObject({
      id: first.id,
      status: 'filled',
    });
    expect(await linear.getOrder('BTCUSDT', first.id)).toMatchObject({ clientOrderId: 'oldest-closed' });
  });

  it('an order whose outcome is unknown (10016) is not retryable and names its orderLinkId', async () => {
    const body = { retCode: 10016, retMsg: 'Server error', result: {}, retExtInfo: {}, time: 1 };
    sim.faults.httpStatus({ status: 200, body, path: '/v5/order/create' });
    const error = await linear
      .placeOrder({ symbol: 'BTCUSDT', side: 'buy', type: 'market', quantity: 0.001 })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(BybitOrderOutcomeUnknownError);
    expect(isRetryable(error)).toBe(false);
    const linkId = (error as BybitOrderOutcomeUnknownError).details?.orderLinkId as string;
    expect(linkId).toMatch(/^vk/);
    // The lookup the error asks for: here the simulator never took the order.
    await expect(linear.getOrder('BTCUSDT', linkId)).rejects.toThrow(OrderNotFoundError);
  });

  it('positionIdx follows positionMode: hedge-mode orders carry 1 / 2 (the one-way simulator refuses them)', async () => {
    await using hedge = registry.createFeed(BYBIT_LINEAR_FEED_ID, {
      credentials,
      urls: { ...sim.urls },
      logger: silentLogger,
      positionMode: 'hedge',
    } as never);
    const error = await hedge
      .placeOrder({ symbol: 'BTCUSDT', side: 'buy', type: 'market', quantity: 0.001 })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(InvalidOrderError);
    expect((error as Error).message).toMatch(/position idx not match position mode/);
  });
});

describe('BYBIT___LINEAR streams', () => {
  it('watchTicker, watchTrades and watchKlines ("1m") yield as the market moves', async () => {
    sim.startStreaming({ intervalMs: 5 });
    try {
      let ticker: Ticker | undefined;
      for await (ticker of linear.watchTicker('BTC/USDT:USDT')) break;
      expect(ticker).toMatchObject({ symbol: 'BTCUSDT', unifiedSymbol: 'BTC/USDT:USDT' });
      let trade: Trade | undefined;
      for await (trade of linear.watchTrades('BTCUSDT')) break;
      expect(trade?.symbol).toBe('BTCUSDT');
      let bar: Bar | undefined;
      for await (bar of linear.watchKlines('BTCUSDT', '1m')) break;
      expect(bar).toMatchObject({ symbol: 'BTCUSDT', interval: '1m' });
      for await (const book of linear.watchOrderBook('BTCUSDT')) {
        expect(book.bids[0]![0]).toBeLessThan(book.asks[0]![0]);
        break;
      }
    } finally {
      sim.stopStreaming();
    }
  });

  it('watchOrders and watchBalances follow a linear fill', async () => {
    const orders = linear.watchOrders()[Symbol.asyncIterator]();
    const connectionsBefore = sim.stats.openWsConnections;
    const sentBefore = sim.stats.wsMessagesSent;
    const firstOrder = orders.next();
    // Auth ack and subscribe ack sent: the simulator now routes this account's order events.
    for (let turn = 0; ; turn++) {
      if (sim.stats.openWsConnections > connectionsBefore && sim.stats.wsMessagesSent >= sentBefore + 2)
        break;
      if (turn > 1000) throw new Error('private stream not subscribed within 5 s');
      await new Promise((resolve) => setTimeout(resolve, 5));
    }
    const balances = linear.watchBalances()[Symbol.asyncIterator]();
    const snapshot = await balances.next();
    expect((snapshot.value as { asset: string }[]).some((b) => b.asset === 'USDT')).toBe(true);
    const placed = await linear.placeOrder({
      symbol: 'BTCUSDT',
      side: 'buy',
      type: 'market',
      quantity: 0.001,
    });
    sim.flushOrders();
    let next = await firstOrder;
    while (!next.done && next.value.status !== 'filled') next = await orders.next();
    expect(next.value).toMatchObject({ id: placed.id, status: 'filled' });
    const change = await balances.next();
    expect(change.done).toBe(false);
    await orders.return?.();
    await balances.return?.();
  });
});
