// Rate limits end to end, on a FakeClock the simulator shares: 2000 concurrent requests under the
// limits exchangeInfo lists (scaled down) cause no violation; the 429 and 418 paths (the
// simulator's own, and injected ones) pause the client or close it until the ban ends; an ORDERS
// 429 pauses order placement only.
import { FakeClock, IpBannedError, RateLimitError } from '@venuekit/base';
import { afterEach, describe, expect, it } from 'vitest';
import { type BinanceSim, simClient, startBinanceSim, until } from './sim-helpers.js';

const MINUTE = 60_000;
const START = 1_700_000_040_000; // a minute boundary (1_700_000_040_000 % 60_000 === 0)

let sim: BinanceSim | undefined;
const closers: Array<() => Promise<void>> = [];
afterEach(async () => {
  for (const close of closers.splice(0)) await close();
  await sim?.close();
  sim = undefined;
});

async function setup(limits: Record<string, number>, clientOptions: Parameters<typeof simClient>[2] = {}) {
  const clock = new FakeClock(START + 1000);
  sim = await startBinanceSim({ clock, market: 'spot', limits: { spot: limits } });
  const client = simClient(sim, 'spot', { clock, timeoutMs: 3_600_000, ...clientOptions });
  closers.push(() => client.close());
  return { clock, sim, client };
}

const settled = async (p: Promise<unknown>): Promise<boolean> => {
  let done = false;
  p.then(
    () => (done = true),
    () => (done = true),
  );
  for (let i = 0; i < 20; i++) await new Promise((r) => setImmediate(r));
  return done;
};

describe('staying inside Binance’s limits', () => {
  it('2000 concurrent requests under exchangeInfo’s (scaled) limits leave the violation counter at 0', async () => {
    const { clock, sim, client } = await setup({ requestWeightPerMinute: 1200 });
    await client.exchangeInfo();
    expect(client.limiter.state()['REQUEST_WEIGHT:1M']?.limit).toBe(1200);
    let done = 0;
    const calls = Array.from({ length: 2000 }, (_, i) =>
      (i % 10 === 0 ? client.depth('BTCUSDT', 100) : client.bookTicker('BTCUSDT')).then(() => done++),
    );
    let windows = 1;
    for (;;) {
      // Wait until everything admitted has been answered; then let time reach the next window.
      await until(() => client.limiter.inFlight === 0);
      if (done === calls.length) break;
      clock.set(Math.floor(clock.now() / MINUTE) * MINUTE + MINUTE);
      windows++;
    }
    await Promise.all(calls);
    expect(sim.violations).toBe(0);
    // 200 × 5 + 1800 × 2 + 20 (exchangeInfo) = 4620 weight at 1200 per minute: at least 4 windows.
    expect(windows).toBeGreaterThanOrEqual(4);
    expect(windows).toBeLessThanOrEqual(5);
  }, 60_000);
});

describe('429 and 418', () => {
  it('a 429 is a RateLimitError with retryAfterMs, and the client waits it out before sending again', async () => {
    const { clock, sim, client } = await setup({ requestWeightPerMinute: 10 }, { rateLimits: false });
    for (let i = 0; i < 5; i++) await client.bookTicker('BTCUSDT');
    const error = await client.bookTicker('BTCUSDT').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(RateLimitError);
    expect(error).not.toBeInstanceOf(IpBannedError);
    expect((error as RateLimitError).code).toBe(-1003);
    const wait = (error as RateLimitError).retryAfterMs!;
    expect(wait).toBeGreaterThan(0);
    expect(wait).toBeLessThanOrEqual(MINUTE);
    const requests = sim.stats.httpRequests;
    const next = client.bookTicker('BTCUSDT');
    expect(await settled(next)).toBe(false);
    expect(sim.stats.httpRequests).toBe(requests);
    clock.advance(wait);
    await expect(next).resolves.toMatchObject({ symbol: 'BTCUSDT' });
    expect(sim.violationDetails.byKind.banned).toBe(0);
  });

  it('ignoring the 429s gets the IP banned (418): every call then fails at once until the ban ends', async () => {
    const { clock, sim, client } = await setup(
      { requestWeightPerMinute: 10, banAfterRejected: 2, banMs: 120_000 },
      { rateLimits: false },
    );
    const burst = await Promise.allSettled(Array.from({ length: 12 }, () => client.bookTicker('BTCUSDT')));
    const errors = burst.flatMap((r) => (r.status === 'rejected' ? [r.reason as Error] : []));
    expect(errors.some((e) => e instanceof RateLimitError && !(e instanceof IpBannedError))).toBe(true);
    const ban = errors.find((e) => e instanceof IpBannedError) as IpBannedError;
    expect(ban).toBeDefined();
    expect(ban.status).toBe(418);
    expect(ban.retryAfterMs).toBeGreaterThan(100_000);
    const requests = sim.stats.httpRequests;
    const refused = await client.time().catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(IpBannedError);
    expect(sim.stats.httpRequests).toBe(requests);
    clock.advance(client.limiter.bannedUntil - clock.now());
    await expect(client.time()).resolves.toHaveProperty('serverTime');
  });

  it('an injected 418 with Retry-After closes the gate for that long', async () => {
    const { clock, sim, client } = await setup({});
    sim.faults.httpStatus({
      status: 418,
      retryAfterS: 30,
      body: { code: -1003, msg: 'Way too much request weight used; IP banned until 0.' },
    });
    const ban = await client.depth('BTCUSDT').catch((e: unknown) => e);
    expect(ban).toBeInstanceOf(IpBannedError);
    expect((ban as IpBannedError).retryAfterMs).toBe(30_000);
    clock.advance(29_999);
    await expect(client.ping()).rejects.toBeInstanceOf(IpBannedError);
    clock.advance(1);
    await expect(client.ping()).resolves.toEqual({});
  });

  it('an ORDERS 429 (-1015) pauses order placement only; cancels and market data go on', async () => {
    const { clock, sim, client } = await setup({});
    sim.faults.httpStatus({
      status: 429,
      path: '/api/v3/order',
      retryAfterS: 5,
      body: { code: -1015, msg: 'Too many new orders; current limit is 50 orders per 10 SECOND.' },
    });
    const { bidPrice } = await client.bookTicker('BTCUSDT');
    const price = (Number(bidPrice) * 0.9).toFixed(2);
    const order = {
      symbol: 'BTCUSDT',
      side: 'BUY' as const,
      type: 'LIMIT',
      timeInForce: 'GTC',
      quantity: '0.001',
      price,
    };
    const error = await client.placeOrder(order).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(RateLimitError);
    expect((error as RateLimitError).code).toBe(-1015);
    expect((error as RateLimitError).retryAfterMs).toBe(5000);
    await expect(client.depth('BTCUSDT', 5)).resolves.toHaveProperty('lastUpdateId');
    const cancel = client.cancelOrder({ symbol: 'BTCUSDT', orderId: 424242 }).catch((e: unknown) => e);
    expect(await settled(cancel)).toBe(true);
    const next = client.placeOrder(order);
    expect(await settled(next)).toBe(false);
    clock.advance(5000);
    await expect(next).resolves.toMatchObject({ status: 'NEW' });
  });
});
