// BinanceRequestLimiter on a FakeClock: weights and order counts, usage adopted from headers with
// answers arriving out of order, the ban gate, 429 pauses scoped by cause, and adopting new
// limits from exchangeInfo.
import { FakeClock, IpBannedError, ValidationError } from '@venuekit/base';
import { BinanceRequestLimiter, DEFAULT_RATE_LIMITS } from '@venuekit/binance/plugin';
import { describe, expect, it } from 'vitest';

const MINUTE = 1_699_999_980_000; // a minute boundary
const settled = async (p: Promise<unknown>): Promise<boolean> => {
  let done = false;
  p.then(
    () => (done = true),
    () => (done = true),
  );
  await new Promise((r) => setImmediate(r));
  return done;
};

function spot(limit = 100, clock = new FakeClock(MINUTE + 1000)) {
  const limiter = new BinanceRequestLimiter('spot', {
    clock,
    rateLimits: [
      { rateLimitType: 'REQUEST_WEIGHT', interval: 'MINUTE', intervalNum: 1, limit },
      { rateLimitType: 'ORDERS', interval: 'SECOND', intervalNum: 10, limit: 2 },
    ],
  });
  return { clock, limiter, used: (rule = 'REQUEST_WEIGHT:1M') => limiter.state()[rule]?.used };
}

describe('BinanceRequestLimiter', () => {
  it('charges the table weight, and orders only to order endpoints', async () => {
    const { limiter, used } = spot();
    await limiter.admit({ method: 'GET', path: '/api/v3/depth', params: { symbol: 'X', limit: 500 } });
    await limiter.admit({ method: 'POST', path: '/api/v3/order' });
    await limiter.admit({ method: 'GET', path: '/api/v3/custom', weight: 7 });
    expect(used()).toBe(25 + 1 + 7);
    expect(used('ORDERS:10S')).toBe(1);
  });

  it('never under-counts when answers arrive out of order', async () => {
    const { limiter, used } = spot();
    const a = await limiter.admit({ method: 'GET', path: '/api/v3/exchangeInfo' });
    const b = await limiter.admit({ method: 'GET', path: '/api/v3/exchangeInfo' });
    expect(limiter.inFlight).toBe(2);
    // The server counted only B so far; A is still on its way.
    limiter.complete(b, { 'x-mbx-used-weight-1m': '20' });
    expect(used()).toBeGreaterThanOrEqual(40);
    limiter.complete(a, { 'x-mbx-used-weight-1m': '40' });
    expect(used()).toBeGreaterThanOrEqual(40);
    expect(limiter.inFlight).toBe(0);
    // With nothing else in flight, the next report is adopted exactly.
    const c = await limiter.admit({ method: 'GET', path: '/api/v3/time' });
    limiter.complete(c, { 'x-mbx-used-weight-1m': '41' });
    expect(used()).toBe(41);
  });

  it('never lowers its own count when the server reports less', async () => {
    const { limiter, used } = spot();
    const a = await limiter.admit({ method: 'GET', path: '/api/v3/exchangeInfo' });
    limiter.complete(a, { 'x-mbx-used-weight-1m': '3' });
    expect(used()).toBe(20);
  });

  it('adopts higher usage the server reports (another process on the same IP)', async () => {
    const { limiter, used } = spot();
    const a = await limiter.admit({ method: 'GET', path: '/api/v3/time' });
    limiter.complete(a, { 'x-mbx-used-weight-1m': '90' });
    expect(used()).toBeGreaterThanOrEqual(90);
    const heavy = limiter.admit({ method: 'GET', path: '/api/v3/exchangeInfo' });
    expect(await settled(heavy)).toBe(false);
  });

  it('bans: calls fail at once with IpBannedError until the ban ends', async () => {
    const { clock, limiter } = spot();
    limiter.ban(120_000);
    const refused = await limiter.admit({ method: 'GET', path: '/api/v3/time' }).catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(IpBannedError);
    expect((refused as IpBannedError).retryAfterMs).toBe(120_000);
    expect(limiter.bannedUntil).toBe(clock.now() + 120_000);
    clock.advance(120_000);
    await expect(limiter.admit({ method: 'GET', path: '/api/v3/time' })).resolves.toBeDefined();
  });

  it('pauses only order placement after an ORDERS 429, everything after a weight 429', async () => {
    const { clock, limiter } = spot();
    limiter.pause(5000, true);
    expect(await settled(limiter.admit({ method: 'GET', path: '/api/v3/depth' }))).toBe(true);
    expect(await settled(limiter.admit({ method: 'DELETE', path: '/api/v3/order' }))).toBe(true);
    const order = limiter.admit({ method: 'POST', path: '/api/v3/order' });
    expect(await settled(order)).toBe(false);
    clock.advance(5000);
    expect(await settled(order)).toBe(true);
    limiter.pause(1000, false);
    const depth = limiter.admit({ method: 'GET', path: '/api/v3/depth' });
    expect(await settled(depth)).toBe(false);
    clock.advance(1000);
    expect(await settled(depth)).toBe(true);
  });

  it('refuses a request heavier than the limit with a ValidationError', async () => {
    const { limiter } = spot(100);
    await expect(
      limiter.admit({ method: 'GET', path: '/api/v3/depth', params: { limit: 5000 } }),
    ).rejects.toBeInstanceOf(ValidationError);
  });

  it('adopts new limits from exchangeInfo, keeping usage', async () => {
    const { limiter, used } = spot(100);
    await limiter.admit({ method: 'GET', path: '/api/v3/exchangeInfo' });
    limiter.adoptRateLimits([
      { rateLimitType: 'REQUEST_WEIGHT', interval: 'MINUTE', intervalNum: 1, limit: 50 },
      { rateLimitType: 'ORDERS', interval: 'SECOND', intervalNum: 10, limit: 2 },
    ]);
    expect(limiter.state()['REQUEST_WEIGHT:1M']).toMatchObject({ limit: 50, used: 20 });
    limiter.adoptRateLimits(DEFAULT_RATE_LIMITS.spot);
    expect(Object.keys(limiter.state()).sort()).toEqual([
      'ORDERS:10S',
      'ORDERS:1D',
      'RAW_REQUESTS:5M',
      'REQUEST_WEIGHT:1M',
    ]);
    expect(used()).toBe(20);
  });

  it('counts RAW_REQUESTS one per request, REQUEST_WEIGHT by weight', async () => {
    const clock = new FakeClock(MINUTE);
    const limiter = new BinanceRequestLimiter('spot', { clock });
    await limiter.admit({ method: 'GET', path: '/api/v3/depth', params: { limit: 5000 } }); // weight 250
    await limiter.admit({ method: 'GET', path: '/api/v3/exchangeInfo' }); // weight 20
    expect(limiter.state()['REQUEST_WEIGHT:1M']!.used).toBe(270);
    expect(limiter.state()['RAW_REQUESTS:5M']!.used).toBe(2);
  });

  it('with rateLimits: false enforces only pauses and bans', async () => {
    const clock = new FakeClock(MINUTE);
    const limiter = new BinanceRequestLimiter('usdm', { clock, rateLimits: false });
    for (let i = 0; i < 1000; i++)
      await limiter.admit({ method: 'GET', path: '/fapi/v1/depth', params: { limit: 1000 } });
    expect(limiter.state()).toEqual({});
  });
});
