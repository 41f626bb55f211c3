import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type BinanceSim, startBinanceSim } from '@venuekit/testkit';
import { call, DOC_KEY, DOC_SECRET, hmac, type Json, signed } from './helpers.js';

describe('Binance simulator REST', () => {
  let sim: BinanceSim;
  beforeAll(async () => {
    sim = await startBinanceSim({ market: 'both' });
  });
  afterAll(() => sim.close());

  it('serves time, ping, exchangeInfo with filters and rateLimits', async () => {
    const t = await call(sim.httpUrl, 'GET', '/api/v3/time');
    expect(t.status).toBe(200);
    expect(Math.abs(t.body.serverTime - Date.now())).toBeLessThan(1000);
    expect(t.headers.get('x-mbx-used-weight-1m')).toBe('1');
    expect((await call(sim.httpUrl, 'GET', '/api/v3/ping')).body).toEqual({});
    const info = await call(sim.httpUrl, 'GET', '/api/v3/exchangeInfo');
    expect(info.body.rateLimits).toEqual([
      { rateLimitType: 'REQUEST_WEIGHT', interval: 'MINUTE', intervalNum: 1, limit: 6000 },
      { rateLimitType: 'ORDERS', interval: 'SECOND', intervalNum: 10, limit: 50 },
      { rateLimitType: 'ORDERS', interval: 'DAY', intervalNum: 1, limit: 160000 },
      { rateLimitType: 'RAW_REQUESTS', interval: 'MINUTE', intervalNum: 5, limit: 61000 },
    ]);
    const btc = info.body.symbols.find((s: Json) => s.symbol === 'BTCUSDT');
    expect(btc.filters.find((f: Json) => f.filterType === 'PRICE_FILTER').tickSize).toBe('0.01000000');
    expect(btc.filters.find((f: Json) => f.filterType === 'LOT_SIZE').stepSize).toBe('0.00001000');
    expect(btc.filters.find((f: Json) => f.filterType === 'NOTIONAL').minNotional).toBe('5.00000000');
    expect(t.headers.get('x-mbx-used-weight-1m')).toBe('1');
    const one = await call(
      sim.httpUrl,
      'GET',
      '/api/v3/exchangeInfo',
      `symbols=${encodeURIComponent('["ETHUSDT"]')}`,
    );
    expect(one.body.symbols.map((s: Json) => s.symbol)).toEqual(['ETHUSDT']);
    const bad = await call(sim.httpUrl, 'GET', '/api/v3/exchangeInfo', 'symbol=NOPEUSDT');
    expect(bad).toMatchObject({ status: 400, body: { code: -1121, msg: 'Invalid symbol.' } });
    const fut = await call(sim.httpUrl, 'GET', '/fapi/v1/exchangeInfo');
    expect(fut.body.rateLimits[0]).toEqual({
      rateLimitType: 'REQUEST_WEIGHT',
      interval: 'MINUTE',
      intervalNum: 1,
      limit: 2400,
    });
    expect(fut.body.symbols[0].filters.find((f: Json) => f.filterType === 'MIN_NOTIONAL').notional).toBe(
      '100',
    );
  });

  it('serves the true book as depth, with weight by limit', async () => {
    sim.resetLimits();
    const minute = Math.floor(Date.now() / 60_000);
    const d = await call(sim.httpUrl, 'GET', '/api/v3/depth', 'symbol=BTCUSDT&limit=1000');
    expect(d.status).toBe(200);
    expect(d.headers.get('x-mbx-used-weight-1m')).toBe('50');
    const truth = sim.bookSnapshot('BTCUSDT', 'spot', 1000);
    expect(d.body).toEqual({ lastUpdateId: truth.lastUpdateId, bids: truth.bids, asks: truth.asks });
    expect(d.body.bids).toHaveLength(1000);
    expect(Number(d.body.bids[0][0])).toBeLessThan(Number(d.body.asks[0][0]));
    const small = await call(sim.httpUrl, 'GET', '/api/v3/depth', 'symbol=BTCUSDT');
    expect(small.body.bids).toHaveLength(100);
    // The weight window is the wall-clock minute: when it turned between the two calls, the second
    // one may be alone in a new window.
    const oneWindow = Math.floor(Date.now() / 60_000) === minute;
    expect(oneWindow ? ['55'] : ['5', '55']).toContain(small.headers.get('x-mbx-used-weight-1m'));
    const f = await call(sim.httpUrl, 'GET', '/fapi/v1/depth', 'symbol=BTCUSDT&limit=5');
    expect(f.body.bids).toHaveLength(5);
    expect(f.body.E).toBeTypeOf('number');
    expect(f.body.bids[0][0]).toMatch(/^\d+\.\d{2}$/);
  });

  it('serves trades, klines and tickers', async () => {
    sim.market.step(50);
    const trades = await call(sim.httpUrl, 'GET', '/api/v3/trades', 'symbol=BTCUSDT&limit=5');
    expect(trades.body).toHaveLength(5);
    expect(trades.body[0]).toMatchObject({ isBestMatch: true });
    expect(trades.body[4].id).toBeGreaterThan(trades.body[0].id);
    const k = await call(sim.httpUrl, 'GET', '/api/v3/klines', 'symbol=BTCUSDT&interval=1m&limit=3');
    expect(k.body).toHaveLength(3);
    expect(k.body[0]).toHaveLength(12);
    expect(k.body[1][0] - k.body[0][0]).toBe(60_000);
    const badInterval = await call(sim.httpUrl, 'GET', '/api/v3/klines', 'symbol=BTCUSDT&interval=7m');
    expect(badInterval.body.code).toBe(-1120);
    const t = await call(sim.httpUrl, 'GET', '/api/v3/ticker/24hr', 'symbol=BTCUSDT');
    expect(t.body).toMatchObject({ symbol: 'BTCUSDT' });
    expect(t.body.bidPrice).toBe(sim.bookSnapshot('BTCUSDT').bids[0]![0]);
    expect(Number(t.body.highPrice)).toBeGreaterThanOrEqual(Number(t.body.lowPrice));
    const all = await call(sim.httpUrl, 'GET', '/api/v3/ticker/24hr');
    expect(all.body).toHaveLength(2);
    const bt = await call(sim.httpUrl, 'GET', '/api/v3/ticker/bookTicker', 'symbol=ETHUSDT');
    expect(bt.body.askPrice).toBe(sim.bookSnapshot('ETHUSDT').asks[0]![0]);
    const ft = await call(sim.httpUrl, 'GET', '/fapi/v1/ticker/24hr', 'symbol=ETHUSDT');
    expect(ft.body.bidPrice).toBeUndefined();
    const pi = await call(sim.httpUrl, 'GET', '/fapi/v1/premiumIndex', 'symbol=BTCUSDT');
    expect(pi.body.markPrice).toMatch(/^\d+\.\d{2}$/);
  });

  it('checks signatures exactly as Binance does (query + body, signature last)', async () => {
    const ok = await signed(sim.httpUrl, 'GET', '/api/v3/account', {});
    expect(ok.status).toBe(200);
    expect(ok.body.balances.find((b: Json) => b.asset === 'USDT')).toEqual({
      asset: 'USDT',
      free: '100000.00000000',
      locked: '0.00000000',
    });
    // Mixed query + body: the payload is query followed by body with no separator.
    const ts = Date.now();
    const query = 'symbol=BTCUSDT&side=BUY&type=LIMIT&timeInForce=GTC';
    const body = `quantity=0.01&price=1000.00&recvWindow=5000&timestamp=${ts}`;
    const sig = hmac(DOC_SECRET, query + body);
    const mixed = await call(sim.httpUrl, 'POST', '/api/v3/order', query, {
      headers: { 'X-MBX-APIKEY': DOC_KEY, 'content-type': 'application/x-www-form-urlencoded' },
      body: `${body}&signature=${sig.toUpperCase()}`,
    });
    expect(mixed.status).toBe(200);
    expect(mixed.body.status).toBe('NEW');
    // The same with an '&' between query and body is a different payload.
    const wrong = hmac(DOC_SECRET, `${query}&${body}`);
    const rejected = await call(sim.httpUrl, 'POST', '/api/v3/order', query, {
      headers: { 'X-MBX-APIKEY': DOC_KEY },
      body: `${body}&signature=${wrong}`,
    });
    expect(rejected).toMatchObject({
      status: 400,
      body: { code: -1022, msg: 'Signature for this request is not valid.' },
    });
    const badSecret = await signed(sim.httpUrl, 'GET', '/api/v3/account', {}, { secret: 'x'.repeat(64) });
    expect(badSecret.body.code).toBe(-1022);
    const unknownKey = await signed(sim.httpUrl, 'GET', '/api/v3/account', {}, { key: 'A'.repeat(64) });
    expect(unknownKey).toMatchObject({ status: 401, body: { code: -2015 } });
    const malformedKey = await signed(sim.httpUrl, 'GET', '/api/v3/account', {}, { key: 'short' });
    expect(malformedKey).toMatchObject({ status: 401, body: { code: -2014 } });
    const missing = await call(sim.httpUrl, 'GET', '/api/v3/account', `timestamp=${Date.now()}`, {
      headers: { 'X-MBX-APIKEY': DOC_KEY },
    });
    expect(missing.body.code).toBe(-1102);
  });

  it('applies the recvWindow rule against simulator time', async () => {
    const stale = await signed(
      sim.httpUrl,
      'GET',
      '/api/v3/account',
      { recvWindow: 5000 },
      { timestamp: Date.now() - 6000 },
    );
    expect(stale.body).toEqual({
      code: -1021,
      msg: 'Timestamp for this request is outside of the recvWindow.',
    });
    const wide = await signed(
      sim.httpUrl,
      'GET',
      '/api/v3/account',
      { recvWindow: 10000 },
      { timestamp: Date.now() - 6000 },
    );
    expect(wide.status).toBe(200);
    const ahead = await signed(sim.httpUrl, 'GET', '/api/v3/account', {}, { timestamp: Date.now() + 1500 });
    expect(ahead.body.msg).toBe("Timestamp for this request was 1000ms ahead of the server's time.");
    const tooWide = await signed(sim.httpUrl, 'GET', '/api/v3/account', { recvWindow: 70000 });
    expect(tooWide.body.code).toBe(-1102);
    sim.faults.skewClock(-20_000);
    try {
      const skewed = await signed(sim.httpUrl, 'GET', '/api/v3/account', {});
      expect(skewed.body.code).toBe(-1021);
      const serverTime = (await call(sim.httpUrl, 'GET', '/api/v3/time')).body.serverTime;
      const resynced = await signed(sim.httpUrl, 'GET', '/api/v3/account', {}, { timestamp: serverTime });
      expect(resynced.status).toBe(200);
    } finally {
      sim.faults.skewClock(20_000);
    }
  });

  it('verifies the documented example signature', async () => {
    const payload =
      'symbol=LTCBTC&side=BUY&type=LIMIT&timeInForce=GTC&quantity=1&price=0.1&recvWindow=5000&timestamp=1499827319559';
    expect(hmac(DOC_SECRET, payload)).toBe(
      'c8db56825ae71d6d79447849e617115f4a920fa2acdcab2b053c4b2838bd6b71',
    );
  });
});
