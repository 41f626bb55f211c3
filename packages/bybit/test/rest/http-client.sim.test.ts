// BybitHttpClient against the Bybit simulator: public and signed GET/POST resolve to `result`
// (the simulator checks every signature over the bytes it received), retCodes become typed
// errors, a skewed server clock is recovered from by one re-sync and one retry, and the client
// closes only the session it owns.
import {
  AuthenticationError,
  BadRequestError,
  ExchangeUnavailableError,
  InsufficientFundsError,
  isRetryable,
  OrderNotFoundError,
  ValidationError,
} from '@venuekit/base';
import { BybitHttpClient, BybitOrderOutcomeUnknownError } from '@venuekit/bybit/plugin';
import { afterEach, describe, expect, it } from 'vitest';
import { type BybitSim, simClient, startBybitSim } from './sim-helpers.js';

let sim: BybitSim | undefined;
afterEach(async () => {
  await sim?.close();
  sim = undefined;
});

describe('BybitHttpClient against the simulator', () => {
  it('get() and post() resolve to the result; signed requests pass the simulator’s checks', async () => {
    sim = await startBybitSim();
    await using client = simClient(sim);
    const tickers = await client.get<{ category: string; list: Array<{ symbol: string }> }>(
      '/v5/market/tickers',
      { category: 'spot' },
    );
    expect(tickers.category).toBe('spot');
    expect(tickers.list.map((t) => t.symbol)).toContain('BTCUSDT');
    const wallet = await client.get<{ list: Array<{ accountType: string }> }>('/v5/account/wallet-balance', {
      accountType: 'UNIFIED',
    });
    expect(wallet.list[0]?.accountType).toBe('UNIFIED');
    const ack = await client.post<{ orderId: string; orderLinkId: string }>('/v5/order/create', {
      category: 'linear',
      symbol: 'BTCUSDT',
      side: 'Buy',
      orderType: 'Market',
      qty: '0.001',
      orderLinkId: 'vk-test-1',
    });
    expect(ack.orderId).toMatch(/.+/);
    expect(ack.orderLinkId).toBe('vk-test-1');
  });

  it('drops undefined and null parameters instead of sending "undefined"', async () => {
    sim = await startBybitSim();
    await using client = simClient(sim);
    const result = await client.get<{ list: unknown[] }>('/v5/market/tickers', {
      category: 'linear',
      symbol: undefined,
      baseCoin: null,
    });
    expect(result.list.length).toBeGreaterThan(1);
  });

  it('maps retCodes to typed errors carrying Bybit’s code and message', async () => {
    sim = await startBybitSim();
    await using client = simClient(sim);
    const bad = await client.get('/v5/market/tickers', { category: 'nope' }).catch((e: unknown) => e);
    expect(bad).toBeInstanceOf(BadRequestError);
    expect(bad).toMatchObject({ code: 10001, venue: 'bybit' });

    const missing = await client
      .post('/v5/order/cancel', { category: 'linear', symbol: 'BTCUSDT', orderId: 'no-such-order' })
      .catch((e: unknown) => e);
    expect(missing).toBeInstanceOf(OrderNotFoundError);
    expect(missing).toMatchObject({ code: 110001 });
    const spotMissing = await client
      .post('/v5/order/cancel', { category: 'spot', symbol: 'BTCUSDT', orderId: 'no-such-order' })
      .catch((e: unknown) => e);
    expect(spotMissing).toBeInstanceOf(OrderNotFoundError);
    expect(spotMissing).toMatchObject({ code: 170213 });

    const poor = await client
      .post('/v5/order/create', {
        category: 'linear',
        symbol: 'BTCUSDT',
        side: 'Buy',
        orderType: 'Limit',
        qty: '500',
        price: '60000',
      })
      .catch((e: unknown) => e);
    expect(poor).toBeInstanceOf(InsufficientFundsError);
    expect((poor as InsufficientFundsError).message).toMatch(/retCode 110007/);
  });

  it('a wrong key is 10003 and a wrong secret 10004, both AuthenticationError, never quoting the secret', async () => {
    sim = await startBybitSim();
    await using wrongKey = simClient(sim, { apiKey: 'not-a-key', apiSecret: 'some-secret-value-123' });
    const e1 = await wrongKey
      .get('/v5/position/list', { category: 'linear', symbol: 'BTCUSDT' })
      .catch((e: unknown) => e);
    expect(e1).toBeInstanceOf(AuthenticationError);
    expect(e1).toMatchObject({ code: 10003 });
    await using wrongSecret = simClient(sim, { apiSecret: 'wrong-secret-value-456' });
    const e2 = await wrongSecret
      .get('/v5/position/list', { category: 'linear', symbol: 'BTCUSDT' })
      .catch((e: unknown) => e);
    expect(e2).toBeInstanceOf(AuthenticationError);
    expect(e2).toMatchObject({ code: 10004 });
    expect(String((e2 as Error).message)).not.toContain('wrong-secret-value-456');
    expect(JSON.stringify(e2)).not.toContain('wrong-secret-value-456');
  });

  it('private paths without credentials fail before sending', async () => {
    sim = await startBybitSim();
    await using client = new BybitHttpClient({ baseUrl: sim.httpUrl });
    const before = sim.stats.httpRequests;
    await expect(client.get('/v5/account/wallet-balance', { accountType: 'UNIFIED' })).rejects.toThrow(
      ValidationError,
    );
    expect(sim.stats.httpRequests).toBe(before);
  });

  it('10002 (server clock 60 s ahead): the clock is re-synced and the request retried once', async () => {
    sim = await startBybitSim();
    sim.faults.skewClock(60_000);
    await using client = simClient(sim);
    const before = sim.stats.httpRequests;
    const wallet = await client.get<{ list: unknown[] }>('/v5/account/wallet-balance', {
      accountType: 'UNIFIED',
    });
    expect(wallet.list).toHaveLength(1);
    // rejected try, GET /v5/market/time, the retry
    expect(sim.stats.httpRequests - before).toBe(3);
    expect(client.clock.offsetMs).toBeGreaterThan(59_000);
    expect(client.clock.offsetMs).toBeLessThan(61_000);
    // Later requests are signed on the server's time at once.
    await client.get('/v5/position/list', { category: 'linear', symbol: 'BTCUSDT' });
    expect(sim.stats.httpRequests - before).toBe(4);
  });
});

describe('BybitHttpClient: the seed’s surface (put/delete, per-call headers, stringified amounts)', () => {
  /** An echo route on the simulator: answers a v5 envelope with what it received. */
  function echo(s: BybitSim): void {
    s.sim.route('*', '/v5/echo', (req) => ({
      json: {
        retCode: 0,
        retMsg: 'OK',
        result: { method: req.method, query: req.url.search, body: req.body, headers: req.headers },
        retExtInfo: {},
        time: s.now(),
      },
    }));
  }
  interface Echo {
    method: string;
    query: string;
    body: string;
    headers: Record<string, string>;
  }

  it('put() sends a JSON body, delete() a query; both signed; per-call headers are sent', async () => {
    sim = await startBybitSim();
    echo(sim);
    await using client = simClient(sim);
    const put = await client.put<Echo>('/v5/echo', { a: 1 }, { headers: { 'X-Referer': 'broker-1' } });
    expect(put).toMatchObject({ method: 'PUT', body: '{"a":1}' });
    expect(put.headers['x-referer']).toBe('broker-1');
    expect(put.headers['x-bapi-sign']).toMatch(/^[0-9a-f]{64}$/);
    const del = await client.delete<Echo>('/v5/echo', { id: 'x', skip: undefined });
    expect(del).toMatchObject({ method: 'DELETE', query: '?id=x', body: '' });
    expect(del.headers['x-bapi-sign']).toMatch(/^[0-9a-f]{64}$/);
    expect(del.headers['x-referer']).toBeUndefined();
  });

  it('numbers given for qty, price, triggerPrice, takeProfit, stopLoss are sent as strings (as the seed did)', async () => {
    sim = await startBybitSim();
    echo(sim);
    await using client = simClient(sim);
    const sent = await client.post<Echo>('/v5/echo', {
      qty: 0.001,
      price: 60000,
      triggerPrice: 59000.5,
      takeProfit: 1e-7,
      stopLoss: 58000,
      positionIdx: '1',
      reduceOnly: false,
    });
    expect(JSON.parse(sent.body)).toEqual({
      qty: '0.001',
      price: '60000',
      triggerPrice: '59000.5',
      takeProfit: '0.0000001',
      stopLoss: '58000',
      positionIdx: 1,
      reduceOnly: false,
    });
    // And Bybit (here the simulator, which takes strings only) accepts an order given in numbers.
    const ack = await client.post<{ orderId: string }>('/v5/order/create', {
      category: 'linear',
      symbol: 'BTCUSDT',
      side: 'Buy',
      orderType: 'Market',
      qty: 0.001,
    });
    expect(ack.orderId).toMatch(/.+/);
  });
});

describe('BybitHttpClient: order requests whose outcome is unknown', () => {
  const order = {
    category: 'linear',
    symbol: 'BTCUSDT',
    side: 'Buy',
    orderType: 'Market',
    qty: '0.001',
    orderLinkId: 'vk-unknown-1',
  };

  it.each([
    ['retCode 10016', 200, { retCode: 10016, retMsg: 'Server error', result: {}, retExtInfo: {}, time: 1 }],
    ['retCode 10000', 200, { retCode: 10000, retMsg: 'Server Timeout', result: {}, retExtInfo: {}, time: 1 }],
    ['HTTP 502', 502, { error: 'bad gateway' }],
  ])(
    '%s on /v5/order/create: BybitOrderOutcomeUnknownError, not retryable, naming the orderLinkId',
    async (_, status, body) => {
      sim = await startBybitSim();
      await using client = simClient(sim, { retry: false });
      sim.faults.httpStatus({ status, body, path: '/v5/order/create' });
      const error = await client.post('/v5/order/create', order).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(BybitOrderOutcomeUnknownError);
      expect(isRetryable(error)).toBe(false);
      expect((error as BybitOrderOutcomeUnknownError).details).toMatchObject({
        orderLinkId: 'vk-unknown-1',
        outcomeUnknown: true,
      });
      expect((error as Error).message).toMatch(/query the order \(by orderLinkId\)/);
    },
  );

  it('a timeout of /v5/order/create is an unknown outcome too; the same failure on a GET stays retryable', async () => {
    sim = await startBybitSim();
    await using client = simClient(sim, { retry: false, timeoutMs: 200 });
    sim.faults.httpStatus({
      status: 200,
      body: { retCode: 10016, retMsg: 'x', result: {} },
      path: '/v5/order/realtime',
    });
    const read = await client.get('/v5/order/realtime', { category: 'spot' }).catch((e: unknown) => e);
    expect(read).toBeInstanceOf(ExchangeUnavailableError);
    expect(isRetryable(read)).toBe(true);
    sim.faults.stall(true);
    const error = await client.post('/v5/order/create', order).catch((e: unknown) => e);
    sim.faults.stall(false);
    expect(error).toBeInstanceOf(BybitOrderOutcomeUnknownError);
    expect(isRetryable(error)).toBe(false);
    expect((error as Error).message).toMatch(/no answer in time \(orderLinkId vk-unknown-1\)/);
  });
});
