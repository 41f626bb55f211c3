// BinanceWsApi in USD-M mode (`market: 'usdm'`) against the simulator's `/ws-fapi/v1`: logon
// with an Ed25519 key (and HMAC keys signing every request), place → status → cancel, futures
// account calls, Binance's error codes as typed errors, re-logon after a drop with requests in
// flight failing honestly, the limits learnt from `rateLimits` (REQUEST_WEIGHT, ORDERS 10 s and
// 1 min), and the Spot-only methods refused locally.
import {
  AuthenticationError,
  InsufficientFundsError,
  OrderOutcomeUnknownError,
  NotSupportedError,
  OrderNotFoundError,
  RateLimitError,
  silentLogger,
} from '@venuekit/base';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BinanceWsApi, type BinanceWsApiOptions } from '../../src/ws-api/index.js';
import {
  type BinanceSim,
  DOC_CREDENTIALS,
  ed25519Credentials,
  nextEvent,
  rejectionOf,
  startBinanceSim,
} from './ws-api-helpers.js';

const ed = ed25519Credentials('Ed25519UsdmKey0000000000000000000000000000000000000000000000001');
const resting = {
  symbol: 'BTCUSDT',
  side: 'BUY',
  type: 'LIMIT',
  timeInForce: 'GTC',
  quantity: '0.010',
  price: '20000.0',
} as const;

/** A USD-M session on `sim`'s `/ws-fapi/v1` (not started). */
function usdmSession(sim: BinanceSim, options: BinanceWsApiOptions = {}): BinanceWsApi {
  return new BinanceWsApi({
    market: 'usdm',
    url: `${sim.wsUrl}/ws-fapi/v1`,
    credentials: ed.credentials,
    logger: silentLogger,
    reconnect: { initialDelayMs: 10, maxDelayMs: 100, jitter: 0 },
    ...options,
  });
}

describe('BinanceWsApi, USD-M (ws-fapi/v1)', () => {
  let sim: BinanceSim;
  beforeAll(async () => {
    sim = await startBinanceSim({ market: 'usdm', apiKeys: [DOC_CREDENTIALS, ed.simKey] });
  });
  afterAll(() => sim.close());

  it('logs on with an Ed25519 key by default; place → status → cancel need no signature', async () => {
    await using api = usdmSession(sim);
    await api.start();
    expect(api.loggedOn).toBe(true);
    expect(await api.sessionStatus()).toMatchObject({ apiKey: ed.credentials.apiKey });
    const placed = await api.placeOrder({ ...resting, newClientOrderId: 'usdm-1' });
    expect(placed).toMatchObject({ symbol: 'BTCUSDT', status: 'NEW', clientOrderId: 'usdm-1' });
    const status = await api.orderStatus({ symbol: 'BTCUSDT', origClientOrderId: 'usdm-1' });
    expect(status).toMatchObject({ orderId: placed.orderId, status: 'NEW', price: '20000.00' });
    const canceled = await api.cancelOrder({ symbol: 'BTCUSDT', orderId: placed.orderId });
    expect(canceled.status).toBe('CANCELED');
    const balances = await api.accountBalance();
    expect(balances.find((b) => b.asset === 'USDT')).toBeDefined();
    expect(Array.isArray(await api.positions('BTCUSDT'))).toBe(true);
    expect(await api.accountStatus()).toMatchObject({ assets: expect.any(Array) });
    const v2 = await api.request<Array<{ asset: string }>>('v2/account.balance');
    expect(v2.length).toBeGreaterThan(0);
  });

  it('signs every request with an HMAC key (no logon: Binance refuses it for HMAC)', async () => {
    await using api = usdmSession(sim, { credentials: DOC_CREDENTIALS });
    await api.start();
    expect(api.loggedOn).toBe(false);
    const placed = await api.placeOrder({ ...resting });
    expect((await api.cancelOrder({ symbol: 'BTCUSDT', orderId: placed.orderId })).status).toBe('CANCELED');
    const forced = usdmSession(sim, { credentials: DOC_CREDENTIALS, logon: true });
    expect(await rejectionOf(forced.start())).toMatchObject({ code: -4056 });
  });

  it("maps Binance's futures error codes to typed errors", async () => {
    await using api = usdmSession(sim);
    await api.start();
    const unknown = await rejectionOf(api.cancelOrder({ symbol: 'BTCUSDT', orderId: 1 }));
    expect(unknown).toBeInstanceOf(OrderNotFoundError);
    expect(unknown).toMatchObject({ code: -2011, venue: 'binance' });
    const margin = await rejectionOf(api.placeOrder({ ...resting, quantity: '1000.000' }));
    expect(margin).toBeInstanceOf(InsufficientFundsError);
    expect(margin).toMatchObject({ code: -2019 });
    const wrongKey = usdmSession(sim, {
      credentials: { apiKey: DOC_CREDENTIALS.apiKey, secret: 'not-the-secret' },
    });
    await wrongKey.start();
    const refused = await rejectionOf(wrongKey.accountBalance());
    expect(refused).toBeInstanceOf(AuthenticationError);
    expect(refused.message).not.toContain('not-the-secret');
    await wrongKey.stop();
  });

  it('refuses the Spot-only methods locally (USD-M has no ping, time, openOrders.status)', async () => {
    await using api = usdmSession(sim);
    await api.start();
    await expect(api.ping()).rejects.toBeInstanceOf(NotSupportedError);
    await expect(api.time()).rejects.toBeInstanceOf(NotSupportedError);
    await expect(api.openOrders('BTCUSDT')).rejects.toBeInstanceOf(NotSupportedError);
    await expect(api.request('ping')).rejects.toMatchObject({ code: -1020 });
  });

  it('after a drop: the order in flight fails as outcome-unknown, the session logs on again and serves', async () => {
    await using api = usdmSession(sim);
    const logons: unknown[] = [];
    api.on('logon', (r) => logons.push(r));
    await api.start();
    sim.faults.stall(true);
    const order = api.placeOrder({ ...resting, newClientOrderId: 'usdm-lost' });
    const back = nextEvent(api, 'reconnected');
    sim.faults.dropAll();
    sim.faults.stall(false);
    const lost = await rejectionOf(order);
    expect(lost).toBeInstanceOf(OrderOutcomeUnknownError);
    expect(lost).toMatchObject({ details: { clientOrderId: 'usdm-lost', outcomeUnknown: true } });
    await back;
    if (api.operationalStatus !== true) await nextEvent(api, 'status', () => api.operationalStatus === true);
    expect(logons).toHaveLength(2);
    // The held order never reached the server: querying it by clientOrderId is how to find out.
    const query = await rejectionOf(api.orderStatus({ symbol: 'BTCUSDT', origClientOrderId: 'usdm-lost' }));
    expect(query).toMatchObject({ code: -2013 });
    expect((await api.placeOrder({ ...resting })).status).toBe('NEW');
  });

  it('tracks the futures limits from rateLimits and refuses an order the 10 s window has no room for', async () => {
    await using limited = await startBinanceSim({
      market: 'usdm',
      apiKeys: [ed.simKey],
      limits: { ordersPer10s: 2 },
    });
    await using api = usdmSession(limited, {
      rateLimits: [
        { rateLimitType: 'REQUEST_WEIGHT', interval: 'MINUTE', intervalNum: 1, limit: 2400 },
        { rateLimitType: 'ORDERS', interval: 'SECOND', intervalNum: 10, limit: 2 },
        { rateLimitType: 'ORDERS', interval: 'MINUTE', intervalNum: 1, limit: 1200 },
      ],
    });
    await api.start();
    await api.placeOrder({ ...resting });
    const usage = Object.fromEntries(api.rateLimitUsage().map((u) => [u.rule, u]));
    expect(usage['ORDERS:10S']).toMatchObject({ limit: 2, used: 1 });
    expect(usage['ORDERS:1M']).toMatchObject({ limit: 1200, used: 1 });
    // Handshake (5) + logon (2) + order.place (0): Binance's count, not a guess.
    expect(usage['REQUEST_WEIGHT:1M']?.used).toBe(7);
    await api.placeOrder({ ...resting });
    expect(api.orderHandling).toBe(false);
    const refused = await rejectionOf(api.placeOrder({ ...resting }));
    expect(refused).toBeInstanceOf(RateLimitError);
    expect(refused.message).toContain('ORDERS:10S');
    expect(limited.violations).toBe(0);
    expect((await api.accountBalance()).length).toBeGreaterThan(0);
  });
});
