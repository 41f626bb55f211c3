// Every typed REST method of BybitRestClient against the Bybit simulator, with its answer parsed
// into venuekit models: server time, instruments (spot and linear), tickers, order book (equal to
// the simulator's true book), recent trades and klines (oldest first), wallet balance, order
// create / query / cancel (acknowledged asynchronously), positions, and a spot market buy sized
// in the base coin.
import { silentLogger } from '@venuekit/base';
import {
  type BybitInstrument,
  BybitRestClient,
  parseInstruments,
  parseKlines,
  parseOrder,
  parseOrderbook,
  parsePosition,
  parseRecentTrades,
  parseTicker,
  parseWalletBalances,
} from '@venuekit/bybit/plugin';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type BybitSim, SIM_KEY, startBybitSim } from './sim-helpers.js';

let sim: BybitSim;
let client: BybitRestClient;
const spotNames = { symbol: 'BTCUSDT', unifiedSymbol: 'BTC/USDT' };
const linearNames = { symbol: 'BTCUSDT', unifiedSymbol: 'BTC/USDT:USDT' };

beforeAll(async () => {
  sim = await startBybitSim();
  sim.market.step(50);
  client = new BybitRestClient({ baseUrl: sim.httpUrl, ...SIM_KEY, logger: silentLogger });
});
afterAll(async () => {
  await client.close();
  await sim.close();
});

describe('BybitRestClient market data', () => {
  it('serverTime() is the simulator’s time', async () => {
    const t = await client.serverTime();
    expect(Math.abs(t - sim.now())).toBeLessThan(1000);
  });

  it('instruments() parse for spot and linear', async () => {
    const spot = parseInstruments(await client.instruments('spot'), 'spot');
    const btc = spot.find((i) => i.symbol === 'BTCUSDT') as BybitInstrument;
    expect(btc).toMatchObject({
      venue: 'bybit',
      unifiedSymbol: 'BTC/USDT',
      type: 'spot',
      category: 'spot',
      active: true,
    });
    expect(btc.tickSize).toBeGreaterThan(0);
    expect(btc.minNotional).toBeGreaterThan(0);
    const linear = parseInstruments(await client.instruments('linear'), 'linear');
    expect(linear.find((i) => i.symbol === 'BTCUSDT')).toMatchObject({
      unifiedSymbol: 'BTC/USDT:USDT',
      type: 'perp',
      settle: 'USDT',
    });
    expect(await client.instruments('linear', 'ETHUSDT')).toHaveLength(1);
  });

  it('tickers() parse with bid below ask', async () => {
    const { list, time } = await client.tickers('linear', 'BTCUSDT');
    const t = parseTicker(list[0]!, linearNames, time);
    expect(t.bid!).toBeLessThan(t.ask!);
    expect(t.last).toBeGreaterThan(0);
    expect(t.timestamp).toBe(time);
    const all = await client.tickers('spot');
    expect(all.list.length).toBeGreaterThanOrEqual(2);
  });

  it('orderbook() equals the simulator’s true book', async () => {
    const book = parseOrderbook(await client.orderbook('spot', 'BTCUSDT', 50), spotNames);
    const truth = sim.bookSnapshot('spot', 'BTCUSDT', 50);
    expect(book.bids).toEqual(truth.bids.map(([p, q]) => [Number(p), Number(q)]));
    expect(book.asks).toEqual(truth.asks.map(([p, q]) => [Number(p), Number(q)]));
    expect(book.sequence).toBe(truth.u);
  });

  it('recentTrades() come back oldest first', async () => {
    const trades = parseRecentTrades(await client.recentTrades('spot', 'BTCUSDT', 60), spotNames);
    expect(trades.length).toBeGreaterThan(1);
    for (let i = 1; i < trades.length; i++)
      expect(trades[i]!.timestamp).toBeGreaterThanOrEqual(trades[i - 1]!.timestamp);
  });

  it('klines() come back oldest first; only the current candle is open', async () => {
    const rows = await client.klines('linear', 'BTCUSDT', '1', { limit: 20 });
    const bars = parseKlines(rows, '1', linearNames, sim.now());
    expect(bars).toHaveLength(20);
    for (let i = 1; i < bars.length; i++) expect(bars[i]!.openTime).toBe(bars[i - 1]!.openTime + 60_000);
    expect(bars.slice(0, -1).every((b) => b.closed)).toBe(true);
    expect(bars.at(-1)!.closed).toBe(false);
    expect(
      bars.every((b) => b.low <= b.open && b.open <= b.high && b.low <= b.close && b.close <= b.high),
    ).toBe(true);
  });
});

describe('BybitRestClient account and orders', () => {
  it('walletBalance() parses into balances', async () => {
    const balances = parseWalletBalances(await client.walletBalance());
    expect(balances.find((b) => b.asset === 'USDT')).toMatchObject({
      total: 100_000,
      free: 100_000,
      locked: 0,
    });
    const some = parseWalletBalances(await client.walletBalance(['BTC']));
    expect(some.map((b) => b.asset)).toEqual(['BTC']);
  });

  it('placeOrder() acks asynchronously; the order shows up once taken in, and cancels', async () => {
    const spot = parseInstruments(await client.instruments('spot', 'BTCUSDT'), 'spot')[0]!;
    const { list } = await client.tickers('spot', 'BTCUSDT');
    const bid = Number(list[0]!.bid1Price);
    const ack = await client.placeOrder(
      'spot',
      {
        symbol: 'BTCUSDT',
        side: 'buy',
        type: 'limit',
        quantity: 0.001,
        price: bid * 0.9,
        clientOrderId: 'vk-limit-1',
      },
      spot,
    );
    expect(ack.orderLinkId).toBe('vk-limit-1');
    sim.flushOrders();
    const wire = await client.getOrder({ category: 'spot', symbol: 'BTCUSDT', orderLinkId: 'vk-limit-1' });
    const order = parseOrder(wire!, spotNames);
    expect(order).toMatchObject({
      id: ack.orderId,
      clientOrderId: 'vk-limit-1',
      side: 'buy',
      type: 'limit',
      status: 'open',
      quantity: 0.001,
    });
    expect(order.price).toBeCloseTo(bid * 0.9, 0);
    const open = await client.orders({ category: 'spot', symbol: 'BTCUSDT' });
    expect(open.list.map((o) => o.orderId)).toContain(ack.orderId);
    const cancelAck = await client.cancelOrder({ category: 'spot', symbol: 'BTCUSDT', orderId: ack.orderId });
    expect(cancelAck.orderId).toBe(ack.orderId);
    sim.flushOrders();
    const after = await client.getOrder({ category: 'spot', symbol: 'BTCUSDT', orderId: ack.orderId });
    expect(parseOrder(after!, spotNames).status).toBe('canceled');
  });

  it('a spot market buy of 0.01 BTC buys 0.01 BTC (marketUnit baseCoin), not 0.01 USDT worth', async () => {
    const before = parseWalletBalances(await client.walletBalance(['BTC']))[0]!.total;
    const ack = await client.placeOrder('spot', {
      symbol: 'BTCUSDT',
      side: 'buy',
      type: 'market',
      quantity: 0.01,
    });
    sim.flushOrders();
    const order = parseOrder(
      (await client.getOrder({ category: 'spot', symbol: 'BTCUSDT', orderId: ack.orderId }))!,
      spotNames,
    );
    expect(order.status).toBe('filled');
    expect(order.filledQuantity).toBeCloseTo(0.01, 8);
    const after = parseWalletBalances(await client.walletBalance(['BTC']))[0]!.total;
    expect(after - before).toBeGreaterThan(0.0099);
  });

  it('positions() parse after a linear market buy', async () => {
    await client.placeOrder('linear', { symbol: 'BTCUSDT', side: 'buy', type: 'market', quantity: 0.01 });
    sim.flushOrders();
    const list = await client.positions({ category: 'linear', symbol: 'BTCUSDT' });
    const position = parsePosition(list[0]!, linearNames, sim.now());
    expect(position).toMatchObject({ side: 'long', size: 0.01, venue: 'bybit' });
    expect(position!.entryPrice).toBeGreaterThan(0);
  });
});
