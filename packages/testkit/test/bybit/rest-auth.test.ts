// REST authentication: Bybit's string to sign over the exact query / body bytes, recv_window rules
// in simulator time, and the 401 / 403 / 10003 / 10004 answers.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type BybitSim, bybitHmacHex, bybitRestSignString, startBybitSim } from '@venuekit/testkit';
import { get, hmac, type Json, KEY, manualClock, SECRET, signedGet, signedPost } from './helpers.js';

// The protocol notes' GET example: timestamp, key and query of Bybit's signing guide, signed with
// the simulator's default secret `test-secret` (a self-computed vector, not an official one).
const DOC_TS = 1658384314791;
const DOC_QUERY = 'category=option&symbol=BTC-29JUL22-25000-C';
const DOC_SIGN = '236d8f7132d3e4c8bad803010e296f3d07211356e54c01455b26c8229a682297';

describe('Bybit simulator REST signatures and receive window', () => {
  const clock = manualClock(DOC_TS + 100);
  let sim: BybitSim;
  beforeAll(async () => {
    sim = await startBybitSim({ clock, symbols: [{ symbol: 'BTCUSDT', levels: 30 }] });
  });
  afterAll(() => sim.close());

  it("accepts the protocol notes' signed GET byte for byte (it then fails on the option category it does not serve)", async () => {
    expect(bybitHmacHex(SECRET, bybitRestSignString(String(DOC_TS), KEY, '5000', DOC_QUERY))).toBe(DOC_SIGN);
    const res = await fetch(`${sim.httpUrl}/v5/order/realtime?${DOC_QUERY}`, {
      headers: {
        'X-BAPI-API-KEY': KEY,
        'X-BAPI-TIMESTAMP': String(DOC_TS),
        'X-BAPI-RECV-WINDOW': '5000',
        'X-BAPI-SIGN': DOC_SIGN,
      },
    });
    const body = (await res.json()) as Json;
    expect(res.status).toBe(200);
    expect(body).toMatchObject({ retCode: 10001, retMsg: 'Illegal category', result: {}, retExtInfo: {} });
    expect(body.time).toBe(clock.now());
    const tampered = await fetch(`${sim.httpUrl}/v5/order/realtime?${DOC_QUERY}`, {
      headers: {
        'X-BAPI-API-KEY': KEY,
        'X-BAPI-TIMESTAMP': String(DOC_TS),
        'X-BAPI-RECV-WINDOW': '5000',
        'X-BAPI-SIGN': DOC_SIGN.replace(/^2/, '3'),
      },
    });
    expect((await tampered.json()) as Json).toMatchObject({ retCode: 10004 });
  });

  it('signs GET over the query exactly as sent: a reordered query is a bad signature', async () => {
    const now = clock.now();
    const ok = await signedGet(sim.httpUrl, '/v5/order/realtime', 'category=spot&symbol=BTCUSDT', now);
    expect(ok.body.retCode).toBe(0);
    const ts = String(now);
    const sign = hmac(SECRET, ts + KEY + '5000' + 'category=spot&symbol=BTCUSDT');
    const reordered = await fetch(`${sim.httpUrl}/v5/order/realtime?symbol=BTCUSDT&category=spot`, {
      headers: {
        'X-BAPI-API-KEY': KEY,
        'X-BAPI-TIMESTAMP': ts,
        'X-BAPI-RECV-WINDOW': '5000',
        'X-BAPI-SIGN': sign,
      },
    });
    expect(((await reordered.json()) as Json).retCode).toBe(10004);
  });

  it('signs POST over the raw body text, whitespace included', async () => {
    const now = clock.now();
    const spaced = '{"category": "spot", "symbol": "BTCUSDT", "orderId": "1"}';
    const asSent = await signedPost(sim.httpUrl, '/v5/order/cancel', spaced, now);
    expect(asSent.body).toMatchObject({ retCode: 170213, retMsg: 'Order does not exist.' });
    const ts = String(now);
    const signedCompact = hmac(SECRET, ts + KEY + '5000' + JSON.stringify(JSON.parse(spaced)));
    const res = await fetch(`${sim.httpUrl}/v5/order/cancel`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        'X-BAPI-API-KEY': KEY,
        'X-BAPI-TIMESTAMP': ts,
        'X-BAPI-RECV-WINDOW': '5000',
        'X-BAPI-SIGN': signedCompact,
      },
      body: spaced,
    });
    expect(((await res.json()) as Json).retCode).toBe(10004);
  });

  it('requires the signed recv_window to be the header value; without the header the empty string is signed', async () => {
    const now = clock.now();
    const mismatch = await signedGet(sim.httpUrl, '/v5/account/wallet-balance', 'accountType=UNIFIED', now, {
      recvWindow: '6000',
      signedRecvWindow: '5000',
    });
    expect(mismatch.body.retCode).toBe(10004);
    const noHeader = await signedGet(sim.httpUrl, '/v5/account/wallet-balance', 'accountType=UNIFIED', now, {
      recvWindow: null,
    });
    expect(noHeader.body.retCode).toBe(0);
  });

  it('enforces server_time - recv_window <= timestamp < server_time + 1000 in simulator time', async () => {
    const now = clock.now();
    const q = 'accountType=UNIFIED';
    const path = '/v5/account/wallet-balance';
    expect((await signedGet(sim.httpUrl, path, q, now, { timestamp: now - 5000 })).body.retCode).toBe(0);
    const stale = await signedGet(sim.httpUrl, path, q, now, { timestamp: now - 5001 });
    expect(stale.body.retCode).toBe(10002);
    expect(stale.body.retMsg).toContain(`server_timestamp[${now}]`);
    expect((await signedGet(sim.httpUrl, path, q, now, { timestamp: now + 999 })).body.retCode).toBe(0);
    expect((await signedGet(sim.httpUrl, path, q, now, { timestamp: now + 1000 })).body.retCode).toBe(10002);
    expect(
      (await signedGet(sim.httpUrl, path, q, now, { timestamp: now - 20_000, recvWindow: '30000' })).body
        .retCode,
    ).toBe(0);
    sim.faults.skewClock(-3000);
    expect((await signedGet(sim.httpUrl, path, q, now, {})).body.retCode).toBe(10002);
    sim.faults.skewClock(3000);
  });

  it('answers an unknown key with 10003, missing auth headers with HTTP 401 and a GET with a body with HTTP 403', async () => {
    const now = clock.now();
    const unknown = await signedGet(sim.httpUrl, '/v5/account/wallet-balance', 'accountType=UNIFIED', now, {
      key: 'NOPE',
    });
    expect(unknown.status).toBe(200);
    expect(unknown.body.retCode).toBe(10003);
    const bare = await get(sim.httpUrl, '/v5/account/wallet-balance', 'accountType=UNIFIED');
    expect(bare.status).toBe(401);
    const withBody = await fetch(`${sim.httpUrl}/v5/market/time`, {
      method: 'GET',
      headers: { 'content-type': 'application/json' },
      body: '{}',
    }).catch(() => undefined);
    // fetch refuses a GET body; send it raw over node:http instead.
    expect(withBody).toBeUndefined();
    const { request } = await import('node:http');
    const status = await new Promise<number>((resolve, reject) => {
      const req = request(
        `${sim.httpUrl}/v5/market/time`,
        { method: 'GET', headers: { 'content-type': 'application/json', 'content-length': 2 } },
        (res) => {
          res.resume();
          resolve(res.statusCode ?? 0);
        },
      );
      req.on('error', reject);
      req.end('{}');
    });
    expect(status).toBe(403);
    expect(sim.violations).toBe(0);
  });
});
