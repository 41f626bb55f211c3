import { createHmac } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type BinanceSim, startBinanceSim, wsApiSignedPayload } from '@venuekit/testkit';
import { DOC_KEY, DOC_SECRET, ed25519Key, ed25519Sign, hmac, signed, TestSocket } from './helpers.js';

/** Signs WS API params the documented way: every param but signature, sorted by name. */
function wsSign(
  params: Record<string, string | number>,
  secret = DOC_SECRET,
): Record<string, string | number> {
  const payload = Object.keys(params)
    .sort()
    .map((k) => `${k}=${params[k]}`)
    .join('&');
  return { ...params, signature: createHmac('sha256', secret).update(payload).digest('hex') };
}

describe('Binance simulator Spot WebSocket API', () => {
  const ed = ed25519Key('EdKey000000000000000000000000000000000000000000000000000000000001');
  let sim: BinanceSim;
  let ws: TestSocket;
  let nextId = 1;
  const req = (method: string, params?: Record<string, unknown>) =>
    ws.request({ id: `r${nextId++}`, method, params });

  beforeAll(async () => {
    sim = await startBinanceSim({
      market: 'spot',
      symbols: [{ symbol: 'BTCUSDT', levels: 100 }],
      apiKeys: [
        { apiKey: DOC_KEY, secret: DOC_SECRET },
        { apiKey: ed.apiKey, ed25519PublicKeyPem: ed.ed25519PublicKeyPem },
      ],
      limits: { requestWeightPerMinute: 200 },
    });
    ws = await TestSocket.open(`${sim.wsUrl}/ws-api/v3`);
  });
  afterAll(async () => {
    await ws.close();
    await sim.close();
  });

  it('signs with the documented WS API rule (sorted params)', () => {
    const params = {
      symbol: 'BTCUSDT',
      side: 'SELL',
      type: 'LIMIT',
      timeInForce: 'GTC',
      quantity: '0.01000000',
      price: '52000.00',
      recvWindow: 100,
      timestamp: 1645423376532,
      apiKey: DOC_KEY,
    };
    expect(hmac(DOC_SECRET, wsApiSignedPayload(params))).toBe(
      'aa1b5712c094bc4e57c05a1a5c1fd8d88dcd628338ea863fec7b88e59fe2db24',
    );
    expect(wsSign(params).signature).toBe('aa1b5712c094bc4e57c05a1a5c1fd8d88dcd628338ea863fec7b88e59fe2db24');
  });

  it('answers public requests with rateLimits', async () => {
    const t = await req('time');
    expect(t).toMatchObject({ status: 200, result: { serverTime: expect.any(Number) } });
    expect(t.rateLimits).toEqual([
      { rateLimitType: 'REQUEST_WEIGHT', interval: 'MINUTE', intervalNum: 1, limit: 200, count: 3 },
    ]);
    const d = await req('depth', { symbol: 'BTCUSDT', limit: 5 });
    expect(d.result.bids).toHaveLength(5);
    expect(d.rateLimits[0].count).toBe(8);
    const hidden = await req('ping', { returnRateLimits: false });
    expect(hidden).toEqual({ id: hidden.id, status: 200, result: {} });
    const bad = await req('depth', { symbol: 'NOPE' });
    expect(bad).toMatchObject({ status: 400, error: { code: -1121, msg: 'Invalid symbol.' } });
  });

  it('places a signed order, reporting ORDERS and REQUEST_WEIGHT limits', async () => {
    const params = wsSign({
      symbol: 'BTCUSDT',
      side: 'BUY',
      type: 'LIMIT',
      timeInForce: 'GTC',
      quantity: '0.001',
      price: '50000',
      apiKey: DOC_KEY,
      timestamp: Date.now(),
    });
    const r = await req('order.place', params);
    expect(r.status).toBe(200);
    expect(r.result).toMatchObject({ symbol: 'BTCUSDT', status: 'NEW', price: '50000.00000000' });
    expect(
      r.rateLimits.map((l: { rateLimitType: string; interval: string; count: number }) => [
        l.rateLimitType,
        l.interval,
        l.count,
      ]),
    ).toEqual([
      ['ORDERS', 'SECOND', 1],
      ['ORDERS', 'DAY', 1],
      ['REQUEST_WEIGHT', 'MINUTE', expect.any(Number)],
    ]);
    const badSig = await req('order.status', {
      ...wsSign({ symbol: 'BTCUSDT', orderId: r.result.orderId, apiKey: DOC_KEY, timestamp: Date.now() }),
      symbol: 'ETHUSDT',
    });
    expect(badSig).toMatchObject({ status: 400, error: { code: -1022 } });
    const status = await req(
      'order.status',
      wsSign({ symbol: 'BTCUSDT', orderId: r.result.orderId, apiKey: DOC_KEY, timestamp: Date.now() }),
    );
    expect(status.result).toMatchObject({ orderId: r.result.orderId, status: 'NEW' });
    const stale = await req('account.status', wsSign({ apiKey: DOC_KEY, timestamp: Date.now() - 10_000 }));
    expect(stale.error).toEqual({
      code: -1021,
      msg: 'Timestamp for this request is outside of the recvWindow.',
    });
    const noSig = await req('account.status', { apiKey: DOC_KEY, timestamp: Date.now() });
    expect(noSig.error.code).toBe(-1102);
  });

  it('session.logon accepts Ed25519 keys only; logged-on requests need no signature', async () => {
    const hmacLogon = await req('session.logon', wsSign({ apiKey: DOC_KEY, timestamp: Date.now() }));
    expect(hmacLogon).toMatchObject({ status: 400, error: { code: -4056 } });
    const ts = Date.now();
    const payload = `apiKey=${ed.apiKey}&timestamp=${ts}`;
    const logon = await req('session.logon', {
      apiKey: ed.apiKey,
      timestamp: ts,
      signature: ed25519Sign(ed.privateKey, payload),
    });
    expect(logon.result).toMatchObject({
      apiKey: ed.apiKey,
      authorizedSince: expect.any(Number),
      userDataStream: false,
    });
    const acct = await req('account.status', { timestamp: Date.now() });
    expect(acct.status).toBe(200);
    expect(acct.result.balances.length).toBeGreaterThan(0);
    const sub = await req('userDataStream.subscribe');
    expect(sub.result).toEqual({ subscriptionId: 0 });
    expect((await req('userDataStream.subscribe')).error.code).toBe(-2035);
    const placed = await req('order.place', {
      symbol: 'BTCUSDT',
      side: 'BUY',
      type: 'MARKET',
      quantity: '0.001',
      timestamp: Date.now(),
    });
    expect(placed.result.status).toBe('FILLED');
    const report = await ws.waitFor(
      (m) => m.subscriptionId === 0 && m.event.e === 'executionReport' && m.event.X === 'FILLED',
    );
    expect(report.event).toMatchObject({
      s: 'BTCUSDT',
      S: 'BUY',
      o: 'MARKET',
      x: 'TRADE',
      i: placed.result.orderId,
      N: 'BTC',
    });
    const position = await ws.waitFor(
      (m) => m.subscriptionId === 0 && m.event.e === 'outboundAccountPosition',
    );
    expect(position.event.B.map((b: { a: string }) => b.a).sort()).toEqual(['BTC', 'USDT']);
    expect((await req('session.subscriptions')).result).toEqual([{ subscriptionId: 0 }]);
    expect((await req('session.logout')).result.apiKey).toBeNull();
  });

  it('delivers user-data events for orders placed over REST (HMAC key via userDataStream.subscribe.signature)', async () => {
    const other = await TestSocket.open(`${sim.wsUrl}/ws-api/v3?returnRateLimits=false`);
    const sub = await other.request({
      id: 1,
      method: 'userDataStream.subscribe.signature',
      params: wsSign({ apiKey: DOC_KEY, timestamp: Date.now() }),
    });
    expect(sub).toEqual({ id: 1, status: 200, result: { subscriptionId: 0 } });
    const r = await signed(sim.httpUrl, 'POST', '/api/v3/order', {
      symbol: 'BTCUSDT',
      side: 'BUY',
      type: 'LIMIT',
      timeInForce: 'GTC',
      quantity: '0.002',
      price: '40000',
    });
    const fresh = await other.waitFor(
      (m) => m.event?.e === 'executionReport' && m.event.i === r.body.orderId,
    );
    expect(fresh.event).toMatchObject({ x: 'NEW', X: 'NEW', q: '0.00200000', p: '40000.00000000', t: -1 });
    const locked = await other.waitFor((m) => m.event?.e === 'outboundAccountPosition');
    expect(locked.event.B).toEqual([{ a: 'USDT', f: expect.any(String), l: expect.any(String) }]);
    await signed(sim.httpUrl, 'DELETE', '/api/v3/order', { symbol: 'BTCUSDT', orderId: r.body.orderId });
    const canceled = await other.waitFor((m) => m.event?.x === 'CANCELED');
    expect(canceled.event).toMatchObject({ X: 'CANCELED', C: r.body.clientOrderId });
    expect((await other.request({ id: 2, method: 'userDataStream.unsubscribe' })).result).toEqual({});
    await other.close();
  });

  it('answers 429 with retryAfter data once the shared weight budget is spent', async () => {
    let last: { status: number; error?: { code: number; data?: { retryAfter: number } } } = { status: 200 };
    for (let i = 0; i < 40 && last.status === 200; i++) last = await req('exchangeInfo');
    expect(last.status).toBe(429);
    expect(last.error?.code).toBe(-1003);
    expect(last.error?.data?.retryAfter).toBeGreaterThan(Date.now());
    const rest = await fetch(`${sim.httpUrl}/api/v3/exchangeInfo`);
    expect(rest.status).toBe(429); // REST and WS API share the IP's budget
    expect(sim.violations).toBeGreaterThanOrEqual(2);
    sim.resetLimits();
  });
});
