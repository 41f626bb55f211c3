import { createHmac } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type BinanceSim, startBinanceSim } from '@venuekit/testkit';
import { DOC_KEY, DOC_SECRET, ed25519Key, ed25519Sign, type Json, TestSocket } from './helpers.js';

/** Signs WS API params the documented way: every param but signature, sorted by name. */
function wsSign(params: Record<string, string | number>): Record<string, string | number> {
  const payload = Object.keys(params)
    .sort()
    .map((k) => `${k}=${params[k]}`)
    .join('&');
  return { ...params, signature: createHmac('sha256', DOC_SECRET).update(payload).digest('hex') };
}

const limitsOf = (r: Json) =>
  r.rateLimits.map((l: Json) => [l.rateLimitType, `${l.intervalNum}${l.interval}`, l.limit, l.count]);

describe('Binance simulator USDⓈ-M WebSocket API (/ws-fapi/v1)', () => {
  const ed = ed25519Key('EdFapiKey0000000000000000000000000000000000000000000000000000001');
  let sim: BinanceSim;
  let ws: TestSocket;
  let nextId = 1;
  const req = (method: string, params?: Record<string, unknown>) =>
    ws.request({ id: `f${nextId++}`, method, params });

  beforeAll(async () => {
    sim = await startBinanceSim({
      market: 'usdm',
      symbols: [{ symbol: 'BTCUSDT', levels: 100 }],
      apiKeys: [
        { apiKey: DOC_KEY, secret: DOC_SECRET },
        { apiKey: ed.apiKey, ed25519PublicKeyPem: ed.ed25519PublicKeyPem },
      ],
      limits: { requestWeightPerMinute: 60, ordersPer10s: 3 },
    });
    ws = await TestSocket.open(`${sim.wsUrl}/ws-fapi/v1`);
  });
  afterAll(async () => {
    await ws.close();
    await sim.close();
  });

  it('serves futures market data; the handshake cost 5 weight; no ping / time method', async () => {
    const d = await req('depth', { symbol: 'BTCUSDT', limit: 5 });
    expect(d.status).toBe(200);
    expect(d.result.bids).toHaveLength(5);
    expect(d.result).toHaveProperty('E');
    expect(limitsOf(d)).toEqual([['REQUEST_WEIGHT', '1MINUTE', 60, 5 + 2]]);
    const book = await req('ticker.book', { symbol: 'BTCUSDT' });
    expect(book.result).toMatchObject({ symbol: 'BTCUSDT', bidPrice: expect.any(String) });
    const ping = await req('ping');
    expect(ping).toMatchObject({ status: 400, error: { code: -1020 } });
    // Spot's version prefix means nothing here; v1/ is accepted.
    expect((await req('v1/ticker.price', { symbol: 'BTCUSDT' })).status).toBe(200);
  });

  it('place → status → cancel with signed requests; REQUEST_WEIGHT first, then ORDERS', async () => {
    const placed = await req(
      'order.place',
      wsSign({
        symbol: 'BTCUSDT',
        side: 'BUY',
        type: 'LIMIT',
        timeInForce: 'GTC',
        quantity: '0.010',
        price: '20000.0',
        newClientOrderId: 'fapi-1',
        apiKey: DOC_KEY,
        timestamp: Date.now(),
      }),
    );
    expect(placed.status).toBe(200);
    expect(placed.result).toMatchObject({ symbol: 'BTCUSDT', status: 'NEW', clientOrderId: 'fapi-1' });
    expect(limitsOf(placed).map((l: Json[]) => l.slice(0, 2))).toEqual([
      ['REQUEST_WEIGHT', '1MINUTE'],
      ['ORDERS', '1MINUTE'],
      ['ORDERS', '10SECOND'],
    ]);
    expect(limitsOf(placed)[2]).toEqual(['ORDERS', '10SECOND', 3, 1]);
    const orderId = placed.result.orderId;
    const status = await req(
      'order.status',
      wsSign({ symbol: 'BTCUSDT', orderId, apiKey: DOC_KEY, timestamp: Date.now() }),
    );
    expect(status.result).toMatchObject({ orderId, status: 'NEW', positionSide: 'BOTH' });
    const canceled = await req(
      'order.cancel',
      wsSign({ symbol: 'BTCUSDT', orderId, apiKey: DOC_KEY, timestamp: Date.now() }),
    );
    expect(canceled.result).toMatchObject({ orderId, status: 'CANCELED' });
    const again = await req(
      'order.cancel',
      wsSign({ symbol: 'BTCUSDT', orderId, apiKey: DOC_KEY, timestamp: Date.now() }),
    );
    expect(again).toMatchObject({ status: 400, error: { code: -2011 } });
  });

  it('session.logon: Ed25519 only; the result has no userDataStream field; account and positions without signatures', async () => {
    const hmacLogon = await req('session.logon', wsSign({ apiKey: DOC_KEY, timestamp: Date.now() }));
    expect(hmacLogon).toMatchObject({ status: 400, error: { code: -4056 } });
    const ts = Date.now();
    const logon = await req('session.logon', {
      apiKey: ed.apiKey,
      timestamp: ts,
      signature: ed25519Sign(ed.privateKey, `apiKey=${ed.apiKey}&timestamp=${ts}`),
    });
    expect(logon.status).toBe(200);
    expect(Object.keys(logon.result).sort()).toEqual([
      'apiKey',
      'authorizedSince',
      'connectedSince',
      'returnRateLimits',
      'serverTime',
    ]);
    const account = await req('account.status', { timestamp: Date.now() });
    expect(account.result).toMatchObject({ assets: expect.any(Array), positions: expect.any(Array) });
    const v2 = await req('v2/account.balance', { timestamp: Date.now() });
    expect(v2.result[0]).toMatchObject({ asset: expect.any(String), balance: expect.any(String) });
    const positions = await req('account.position', { symbol: 'BTCUSDT', timestamp: Date.now() });
    expect(Array.isArray(positions.result)).toBe(true);
    const listenKey = await req('userDataStream.start');
    expect(listenKey.result.listenKey).toMatch(/^\w+$/);
    expect((await req('userDataStream.ping')).result.listenKey).toBe(listenKey.result.listenKey);
    expect((await req('userDataStream.subscribe')).error.code).toBe(-1020);
    const out = await req('session.logout');
    expect(out.result.apiKey).toBeNull();
    expect((await req('account.status', { timestamp: Date.now() })).error.code).toBe(-1102);
    expect((await req('userDataStream.start')).error.code).toBe(-1102);
  });

  it('ORDERS over the 10 s limit → 429 -1015; weight over the minute → 429 -1003 with retryAfter', async () => {
    sim.resetLimits();
    const place = (i: number) =>
      req(
        'order.place',
        wsSign({
          symbol: 'BTCUSDT',
          side: 'BUY',
          type: 'LIMIT',
          timeInForce: 'GTC',
          quantity: '0.010',
          price: '20000.0',
          newClientOrderId: `burst-${i}`,
          apiKey: DOC_KEY,
          timestamp: Date.now(),
        }),
      );
    for (let i = 0; i < 3; i++) expect((await place(i)).status).toBe(200);
    const fourth = await place(3);
    expect(fourth).toMatchObject({ status: 429, error: { code: -1015 } });
    sim.resetLimits();
    let last: Json;
    for (let i = 0; i < 40; i++) {
      last = await req('depth', { symbol: 'BTCUSDT', limit: 5 });
      if (last.status !== 200) break;
    }
    expect(last).toMatchObject({
      status: 429,
      error: { code: -1003, data: { retryAfter: expect.any(Number) } },
    });
    // Both refused requests arrived over a limit: the simulator counts them.
    expect(sim.violations).toBeGreaterThan(0);
    sim.resetLimits();
  });

  it('is closed by the 24-hour disconnect', async () => {
    const other = await TestSocket.open(`${sim.wsUrl}/ws-fapi/v1`);
    expect(sim.disconnectAll24h()).toBeGreaterThanOrEqual(2);
    expect(await other.closed()).toBe(1000);
    ws = await TestSocket.open(`${sim.wsUrl}/ws-fapi/v1`);
  });
});

describe('Binance simulator /ws-fapi/v1 heartbeat', () => {
  it('pings with the USDⓈ-M heartbeat and drops a connection that never answers', async () => {
    await using sim = await startBinanceSim({
      market: 'usdm',
      heartbeat: { usdm: { intervalMs: 20, timeoutMs: 100 } },
    });
    const silent = await TestSocket.open(`${sim.wsUrl}/ws-fapi/v1`, { autoPong: false });
    const pinged = new Promise<Buffer>((resolve) => silent.ws.once('ping', resolve));
    expect((await pinged).toString()).toBe('1');
    expect(await silent.closed()).toBe(1006);
    expect(sim.stats.wsHeartbeatTimeouts).toBe(1);
  });
});
