// Signed BinanceRestClient calls against the Binance simulator, which checks every signature
// independently: Spot and USD-M orders (place, query, open orders, cancel, fills), accounts,
// balances, positions, listen keys, and the authentication failures.
import { generateKeyPairSync } from 'node:crypto';
import {
  AuthenticationError,
  InsufficientFundsError,
  OrderNotFoundError,
  orderSchema,
  positionSchema,
} from '@venuekit/base';
import {
  type BinanceInstrument,
  type BinanceRestClient,
  buildOrderParams,
  parseAccountTrade,
  parseFuturesBalances,
  parseInstruments,
  parseOrder,
  parseOrderFills,
  parsePositions,
  parseSpotBalances,
} from '@venuekit/binance/plugin';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type BinanceSim, simClient, startBinanceSim } from './sim-helpers.js';

let sim: BinanceSim;
let spot: BinanceRestClient;
let usdm: BinanceRestClient;
let spotBtc: BinanceInstrument;
let perpBtc: BinanceInstrument;

beforeAll(async () => {
  sim = await startBinanceSim({ limits: { requestWeightPerMinute: 100_000 } });
  sim.market.step(20);
  spot = simClient(sim, 'spot', { recvWindow: 5000 });
  usdm = simClient(sim, 'usdm');
  spotBtc = parseInstruments('spot', await spot.exchangeInfo()).find((i) => i.symbol === 'BTCUSDT')!;
  perpBtc = parseInstruments('usdm', await usdm.exchangeInfo()).find((i) => i.symbol === 'BTCUSDT')!;
});
afterAll(async () => {
  await spot?.close();
  await usdm?.close();
  await sim?.close();
});

describe('Spot trading', () => {
  it('reads balances', async () => {
    const balances = parseSpotBalances(await spot.spotAccount());
    expect(balances.find((b) => b.asset === 'USDT')?.total).toBeGreaterThan(0);
  });

  it('places a resting limit order, finds it, cancels it; the order count is tracked', async () => {
    const { bidPrice } = await spot.bookTicker('BTCUSDT');
    const params = buildOrderParams(
      {
        symbol: 'BTCUSDT',
        side: 'buy',
        type: 'limit',
        quantity: 0.01,
        price: Number(bidPrice) * 0.9,
        clientOrderId: 'vk-rest-1',
      },
      spotBtc,
    );
    const placed = parseOrder(await spot.placeOrder(params), spotBtc, 'spot');
    expect(placed).toMatchObject({
      status: 'open',
      side: 'buy',
      type: 'limit',
      quantity: 0.01,
      clientOrderId: 'vk-rest-1',
    });
    expect(orderSchema.safeParse(placed).success).toBe(true);
    expect(spot.limiter.state()['ORDERS:10S']?.used).toBeGreaterThanOrEqual(1);
    const queried = parseOrder(
      await spot.getOrder({ symbol: 'BTCUSDT', origClientOrderId: 'vk-rest-1' }),
      spotBtc,
      'spot',
    );
    expect(queried.id).toBe(placed.id);
    expect((await spot.openOrders('BTCUSDT')).map((o) => String(o.orderId))).toContain(placed.id);
    const canceled = parseOrder(
      await spot.cancelOrder({ symbol: 'BTCUSDT', orderId: placed.id }),
      spotBtc,
      'spot',
    );
    expect(canceled.status).toBe('canceled');
    await expect(spot.cancelOrder({ symbol: 'BTCUSDT', orderId: placed.id })).rejects.toBeInstanceOf(
      OrderNotFoundError,
    );
    await expect(spot.getOrder({ symbol: 'BTCUSDT', orderId: 987654321 })).rejects.toBeInstanceOf(
      OrderNotFoundError,
    );
  });

  it('fills a market order and reports the fills in the answer and in myTrades', async () => {
    const wire = await spot.placeOrder(
      buildOrderParams({ symbol: 'BTCUSDT', side: 'buy', type: 'market', quantity: 0.002 }, spotBtc),
    );
    const order = parseOrder(wire, spotBtc, 'spot');
    expect(order.status).toBe('filled');
    const fills = parseOrderFills(wire, spotBtc);
    expect(fills.reduce((sum, f) => sum + f.quantity, 0)).toBeCloseTo(0.002, 10);
    const trades = (await spot.myTrades('BTCUSDT', { orderId: order.id })).map((t) =>
      parseAccountTrade(t, spotBtc),
    );
    expect(trades.map((t) => t.id).sort()).toEqual(fills.map((f) => f.id).sort());
    expect(trades.every((t) => t.side === 'buy')).toBe(true);
  });

  it('maps an unaffordable order to InsufficientFundsError (-2010)', async () => {
    const { askPrice } = await spot.bookTicker('BTCUSDT');
    const params = buildOrderParams(
      { symbol: 'BTCUSDT', side: 'buy', type: 'limit', quantity: 5000, price: Number(askPrice) },
      spotBtc,
    );
    const error = await spot.placeOrder(params).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(InsufficientFundsError);
    expect((error as InsufficientFundsError).code).toBe(-2010);
  });

  it('validates and cancels everything of a symbol', async () => {
    await expect(
      spot.testOrder(
        buildOrderParams({ symbol: 'BTCUSDT', side: 'sell', type: 'market', quantity: 0.001 }, spotBtc),
      ),
    ).resolves.toEqual({});
    const { bidPrice } = await spot.bookTicker('BTCUSDT');
    for (let i = 0; i < 2; i++)
      await spot.placeOrder(
        buildOrderParams(
          { symbol: 'BTCUSDT', side: 'buy', type: 'limit', quantity: 0.001, price: Number(bidPrice) * 0.8 },
          spotBtc,
        ),
      );
    await spot.cancelAllOrders('BTCUSDT');
    expect(await spot.openOrders('BTCUSDT')).toEqual([]);
  });
});

describe('authentication', () => {
  it('a wrong secret is an AuthenticationError (-1022); an unknown key too (-2015)', async () => {
    const wrongSecret = simClient(sim, 'spot', {
      credentials: {
        apiKey: 'vmPUZE6mv9SD5VNHk4HlWFsOr6aKE2zvsw0MuIgwCIPy6utIco14y7Ju91duEh8A',
        secret: 'x'.repeat(64),
      },
    });
    const unknownKey = simClient(sim, 'spot', {
      credentials: { apiKey: 'A'.repeat(64), secret: 'x'.repeat(64) },
    });
    try {
      const e1 = await wrongSecret.spotAccount().catch((e: unknown) => e);
      expect(e1).toBeInstanceOf(AuthenticationError);
      expect((e1 as AuthenticationError).code).toBe(-1022);
      const e2 = await unknownKey.spotAccount().catch((e: unknown) => e);
      expect(e2).toBeInstanceOf(AuthenticationError);
      expect((e2 as AuthenticationError).code).toBe(-2015);
      expect(String((e2 as Error).message)).not.toContain('x'.repeat(64));
    } finally {
      await wrongSecret.close();
      await unknownKey.close();
    }
  });

  it('signs with an Ed25519 key the simulator verifies', async () => {
    const { privateKey, publicKey } = generateKeyPairSync('ed25519');
    const apiKey = 'Ed25519Key'.padEnd(64, '0');
    sim.addApiKey({
      apiKey,
      ed25519PublicKeyPem: publicKey.export({ type: 'spki', format: 'pem' }).toString(),
    });
    const client = simClient(sim, 'spot', {
      credentials: { apiKey, secret: privateKey.export({ type: 'pkcs8', format: 'pem' }).toString() },
    });
    try {
      expect((await client.spotAccount()).balances.length).toBeGreaterThan(0);
      const { bidPrice } = await client.bookTicker('BTCUSDT');
      const order = await client.placeOrder(
        buildOrderParams(
          { symbol: 'BTCUSDT', side: 'buy', type: 'limit', quantity: 0.001, price: Number(bidPrice) * 0.7 },
          spotBtc,
        ),
      );
      expect(order.status).toBe('NEW');
    } finally {
      await client.close();
    }
  });

  it('refuses a private call without credentials before sending anything', async () => {
    const anonymous = simClient(sim, 'spot', { credentials: undefined });
    const before = sim.stats.httpRequests;
    try {
      await expect(anonymous.spotAccount()).rejects.toThrow(/needs an API key/);
      expect(sim.stats.httpRequests).toBe(before);
    } finally {
      await anonymous.close();
    }
  });
});

describe('USD-M trading and account', () => {
  it('opens a position with a market order and reads it back', async () => {
    const wire = await usdm.placeOrder(
      buildOrderParams({ symbol: 'BTCUSDT', side: 'buy', type: 'market', quantity: 0.01 }, perpBtc),
    );
    expect(parseOrder(wire, perpBtc, 'usdm').status).toBe('filled');
    expect(usdm.limiter.state()['ORDERS:1M']?.used).toBeGreaterThanOrEqual(1);
    const positions = parsePositions(await usdm.positionRisk('BTCUSDT'), (s) =>
      s === 'BTCUSDT' ? perpBtc : undefined,
    );
    expect(positions).toHaveLength(1);
    expect(positions[0]).toMatchObject({ unifiedSymbol: 'BTC/USDT:USDT', side: 'long', size: 0.01 });
    expect(positionSchema.safeParse(positions[0]).success).toBe(true);
    const fills = (await usdm.myTrades('BTCUSDT')).map((t) => parseAccountTrade(t, perpBtc));
    expect(fills.length).toBeGreaterThan(0);
  });

  it('rests, queries and cancels a post-only limit order', async () => {
    const { bidPrice } = await usdm.bookTicker('BTCUSDT');
    const params = buildOrderParams(
      {
        symbol: 'BTCUSDT',
        side: 'buy',
        type: 'limit',
        quantity: 0.01,
        price: Number(bidPrice) * 0.95,
        postOnly: true,
      },
      perpBtc,
    );
    const placed = parseOrder(await usdm.placeOrder(params), perpBtc, 'usdm');
    expect(placed).toMatchObject({ status: 'open', postOnly: true });
    expect((await usdm.openOrders('BTCUSDT')).some((o) => String(o.orderId) === placed.id)).toBe(true);
    expect(
      parseOrder(await usdm.getOrder({ symbol: 'BTCUSDT', orderId: placed.id }), perpBtc, 'usdm').id,
    ).toBe(placed.id);
    expect(
      parseOrder(await usdm.cancelOrder({ symbol: 'BTCUSDT', orderId: placed.id }), perpBtc, 'usdm').status,
    ).toBe('canceled');
  });

  it('reads balances and the account', async () => {
    const balances = parseFuturesBalances(await usdm.futuresBalances());
    expect(balances.find((b) => b.asset === 'USDT')?.total).toBeGreaterThan(0);
    const account = await usdm.futuresAccount();
    expect(Number(account.totalWalletBalance)).toBeGreaterThan(0);
  });

  it('creates, keeps alive and deletes the listen key (API key only)', async () => {
    const { listenKey } = await usdm.createListenKey();
    expect(listenKey.length).toBeGreaterThan(10);
    await expect(usdm.keepAliveListenKey()).resolves.toBeDefined();
    await expect(usdm.deleteListenKey()).resolves.toBeDefined();
  });
});
