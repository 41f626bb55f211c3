import { afterEach, describe, expect, it } from 'vitest';
import { type BinanceSim, startBinanceSim } from '@venuekit/testkit';
import { IpLimiter } from '../../src/binance/limits/ip-limiter.js';
import { resolveLimits } from '../../src/binance/limits/limit-config.js';
import { Violations } from '../../src/binance/limits/violations.js';
import { call, signed } from './helpers.js';

/** A hand-driven clock: simulator time only moves when the test says so. */
function manualClock(start: number) {
  let t = start;
  return { now: () => t, advance: (ms: number) => (t += ms) };
}

describe('Binance simulator rate limits', () => {
  let sim: BinanceSim | undefined;
  afterEach(async () => {
    await sim?.close();
    sim = undefined;
  });

  it('reports used weight, answers 429 with Retry-After, then bans with 418', async () => {
    const clock = manualClock(Date.UTC(2026, 0, 1, 0, 0, 30));
    sim = await startBinanceSim({
      market: 'spot',
      clock,
      limits: { requestWeightPerMinute: 30, banAfterRejected: 2, banMs: 120_000 },
    });
    let last = await call(sim.httpUrl, 'GET', '/api/v3/depth', 'symbol=BTCUSDT&limit=100');
    expect(last.headers.get('x-mbx-used-weight-1m')).toBe('5');
    for (let i = 0; i < 5; i++) last = await call(sim.httpUrl, 'GET', '/api/v3/depth', 'symbol=BTCUSDT');
    expect(last.status).toBe(200);
    expect(last.headers.get('x-mbx-used-weight-1m')).toBe('30');
    expect(sim.violations).toBe(0);
    const limited = await call(sim.httpUrl, 'GET', '/api/v3/time');
    expect(limited.status).toBe(429);
    expect(limited.body.code).toBe(-1003);
    expect(limited.headers.get('retry-after')).toBe('30'); // the minute window ends at :01:00
    expect(limited.headers.get('x-mbx-used-weight-1m')).toBe('30');
    expect(sim.violations).toBe(1);
    expect((await call(sim.httpUrl, 'GET', '/api/v3/time')).status).toBe(429);
    const banned = await call(sim.httpUrl, 'GET', '/api/v3/time');
    expect(banned.status).toBe(418);
    expect(banned.headers.get('retry-after')).toBe('120');
    expect(banned.body.msg).toMatch(/IP banned until \d+/);
    clock.advance(60_000); // a new minute, but still banned
    const stillBanned = await call(sim.httpUrl, 'GET', '/api/v3/time');
    expect(stillBanned.status).toBe(418);
    expect(stillBanned.headers.get('retry-after')).toBe('60');
    expect(sim.violations).toBe(4);
    expect(sim.violationDetails.byKind).toMatchObject({ requestWeight: 3, banned: 1 });
    clock.advance(60_000);
    expect((await call(sim.httpUrl, 'GET', '/api/v3/time')).status).toBe(200);
    sim.resetLimits();
    expect(sim.violations).toBe(0);
  });

  it('accounts weight per IP (X-Forwarded-For) and per market', async () => {
    sim = await startBinanceSim({ market: 'both', limits: { requestWeightPerMinute: 10 } });
    for (let i = 0; i < 2; i++)
      await call(sim.httpUrl, 'GET', '/api/v3/depth', 'symbol=BTCUSDT', {
        headers: { 'x-forwarded-for': '10.0.0.1' },
      });
    const other = await call(sim.httpUrl, 'GET', '/api/v3/time', '', {
      headers: { 'x-forwarded-for': '10.0.0.2' },
    });
    expect(other.headers.get('x-mbx-used-weight-1m')).toBe('1');
    const over = await call(sim.httpUrl, 'GET', '/api/v3/time', '', {
      headers: { 'x-forwarded-for': '10.0.0.1' },
    });
    expect(over.status).toBe(429);
    const futures = await call(sim.httpUrl, 'GET', '/fapi/v1/time', '', {
      headers: { 'x-forwarded-for': '10.0.0.1' },
    });
    expect(futures.status).toBe(200);
  });

  it('counts orders per account with X-MBX-ORDER-COUNT headers and answers -1015 over the limit', async () => {
    sim = await startBinanceSim({ market: 'spot', limits: { ordersPer10s: 2 } });
    const order = {
      symbol: 'BTCUSDT',
      side: 'BUY',
      type: 'LIMIT',
      timeInForce: 'GTC',
      quantity: '0.001',
      price: '10000.00',
    };
    const first = await signed(sim.httpUrl, 'POST', '/api/v3/order', order);
    expect(first.status).toBe(200);
    expect(first.headers.get('x-mbx-order-count-10s')).toBe('1');
    expect(first.headers.get('x-mbx-order-count-1d')).toBe('1');
    await signed(sim.httpUrl, 'POST', '/api/v3/order', order);
    const third = await signed(sim.httpUrl, 'POST', '/api/v3/order', order);
    expect(third.status).toBe(429);
    expect(third.body).toEqual({
      code: -1015,
      msg: 'Too many new orders; current limit is 2 orders per 10 SECOND.',
    });
    expect(Number(third.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(sim.violationDetails.byKind.orders).toBe(1);
    const limits = await signed(sim.httpUrl, 'GET', '/api/v3/rateLimit/order', {});
    expect(limits.body[0]).toEqual({
      rateLimitType: 'ORDERS',
      interval: 'SECOND',
      intervalNum: 10,
      limit: 2,
      count: 2,
    });
  });

  it('IpLimiter: windows are calendar-aligned and bans escalate', () => {
    const v = new Violations();
    const lim = new IpLimiter(
      resolveLimits('spot', { requestWeightPerMinute: 10, banAfterRejected: 0, banMs: 1000 }, undefined),
      v,
    );
    const t0 = Date.UTC(2026, 0, 1, 0, 0, 59, 500);
    lim.admit('a', 10, t0);
    expect(() => lim.admit('a', 1, t0 + 100)).toThrow(
      expect.objectContaining({ status: 418, retryAfterS: 1 }),
    );
    expect(lim.bannedUntil('a', t0 + 100)).toBe(t0 + 1100);
    lim.admit('a', 10, t0 + 1200); // new minute, ban over
    expect(() => lim.admit('a', 1, t0 + 1300)).toThrow(
      expect.objectContaining({ status: 418, retryAfterS: 2 }),
    );
    expect(v.byKind).toMatchObject({ requestWeight: 2 });
  });
});
