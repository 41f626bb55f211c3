// Rate limits end to end, on a FakeClock the simulator shares: 2000 concurrent requests under
// Bybit's limits (per-IP 600 / 5 s, per-UID per-endpoint windows; scaled so the test stays fast)
// leave the simulator's violation counter at 0; a 10006 is a RateLimitError whose retryAfterMs
// comes from X-Bapi-Limit-Reset-Timestamp, and the endpoint is held until then; the X-Bapi-Limit
// header replaces the window's limit.
import { FakeClock, IpBannedError, RateLimiter, RateLimitError, silentLogger } from '@venuekit/base';
import { BYBIT_LIMIT_RULES } from '@venuekit/bybit/plugin';
import { afterEach, describe, expect, it } from 'vitest';
import { type BybitSim, simClient, startBybitSim, until } from './sim-helpers.js';

const START = 1_700_000_000_000;
let sim: BybitSim | undefined;
afterEach(async () => {
  await sim?.close();
  sim = undefined;
});

const settled = async (p: Promise<unknown>): Promise<boolean> => {
  let done = false;
  p.then(
    () => (done = true),
    () => (done = true),
  );
  for (let i = 0; i < 20; i++) await new Promise((r) => setImmediate(r));
  return done;
};

describe('staying inside Bybit’s limits', () => {
  it('2000 concurrent requests (public and per-UID limited) leave the violation counter at 0', async () => {
    const clock = new FakeClock(START);
    sim = await startBybitSim({ clock });
    const client = simClient(sim, { clock, timeoutMs: 3_600_000 });
    let done = 0;
    let failed = 0;
    const calls = Array.from({ length: 2000 }, (_, i) => {
      const call =
        i % 4 === 0
          ? client.get('/v5/account/wallet-balance', { accountType: 'UNIFIED' })
          : i % 4 === 1
            ? client.get('/v5/position/list', { category: 'linear', symbol: 'BTCUSDT' })
            : client.get('/v5/market/tickers', { category: 'spot', symbol: 'BTCUSDT' });
      return call.then(
        () => done++,
        () => {
          failed++;
          done++;
        },
      );
    });
    let steps = 0;
    for (;;) {
      // Wait until everything admitted has been answered; then let time move on.
      await until(() => done + client.queued === calls.length);
      if (done === calls.length) break;
      clock.advance(250);
      steps++;
    }
    await Promise.all(calls);
    expect(failed).toBe(0);
    expect(sim.violations).toBe(0);
    // 2000 requests at 600 per 5 s need at least 3 more windows: ≥ 15 s of simulator time.
    expect(steps * 250).toBeGreaterThanOrEqual(15_000);
    // 500 wallet-balance requests at 50/s also need ≥ 10 s: both limits were in play.
    expect(
      client.limiter.state()[`${BYBIT_LIMIT_RULES.queries} /v5/account/wallet-balance@${client.accountTag}`]
        ?.limit,
    ).toBe(50);
    await client.close();
  }, 60_000);
});

describe('10006 and the X-Bapi-Limit headers', () => {
  it('10006 is a RateLimitError with retryAfterMs to the reset time; the endpoint waits it out, others do not', async () => {
    const clock = new FakeClock(START);
    sim = await startBybitSim({ clock, limits: { endpoints: { '/v5/account/wallet-balance': 3 } } });
    // A limiter without per-UID rules, so the client does run into the simulator's limit.
    const limiter = new RateLimiter([{ name: 'ip', kind: 'slidingWindow', intervalMs: 5000, limit: 600 }], {
      clock,
    });
    const client = simClient(sim, { clock, limiter, logger: silentLogger });
    for (let i = 0; i < 3; i++) await client.get('/v5/account/wallet-balance', { accountType: 'UNIFIED' });
    clock.advance(400);
    const error = await client
      .get('/v5/account/wallet-balance', { accountType: 'UNIFIED' })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(RateLimitError);
    expect(error).toMatchObject({ code: 10006, venue: 'bybit' });
    const wait = (error as RateLimitError).retryAfterMs!;
    expect(wait).toBeGreaterThan(0);
    expect(wait).toBeLessThanOrEqual(600);
    const requests = sim.stats.httpRequests;
    const held = client.get('/v5/account/wallet-balance', { accountType: 'UNIFIED' });
    expect(await settled(held)).toBe(false);
    expect(sim.stats.httpRequests).toBe(requests);
    // Another endpoint is not held.
    await client.get('/v5/market/time');
    expect(sim.stats.httpRequests).toBe(requests + 1);
    clock.advance(wait);
    await expect(held).resolves.toMatchObject({ list: [{ accountType: 'UNIFIED' }] });
    await client.close();
  });

  it('adopts X-Bapi-Limit as the endpoint window’s limit (accounts with upgraded limits)', async () => {
    const clock = new FakeClock(START);
    sim = await startBybitSim({ clock, limits: { endpoints: { '/v5/position/list': 7 } } });
    const client = simClient(sim, { clock });
    await client.get('/v5/position/list', { category: 'linear', symbol: 'BTCUSDT' });
    const state =
      client.limiter.state()[`${BYBIT_LIMIT_RULES.queries} /v5/position/list@${client.accountTag}`];
    expect(state).toMatchObject({ limit: 7, used: 1 });
    // The next 6 go at once, the 8th waits for the window.
    const sent = Array.from({ length: 7 }, () =>
      client.get('/v5/position/list', { category: 'linear', symbol: 'BTCUSDT' }),
    );
    await until(() => client.queued === 1);
    clock.advance(1000);
    await Promise.all(sent);
    expect(sim.violations).toBe(0);
    await client.close();
  });
});

describe('the IP limit (HTTP 403)', () => {
  it('an IP ban is an IpBannedError with the ban’s length, and holds every request until it ends', async () => {
    const clock = new FakeClock(START);
    sim = await startBybitSim({ clock, limits: { ipRequestsPer5s: 3, ipBanMs: 60_000 } });
    // A limiter without the IP rule, so the client does run into the simulator's IP limit.
    const limiter = new RateLimiter(
      [{ name: 'other', kind: 'slidingWindow', intervalMs: 1000, limit: 1000 }],
      { clock },
    );
    const client = simClient(sim, { clock, limiter, logger: silentLogger, timeoutMs: 3_600_000 });
    for (let i = 0; i < 3; i++) await client.get('/v5/market/time');
    const error = await client.get('/v5/market/time').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(IpBannedError);
    expect(error).toMatchObject({ status: 403 });
    expect((error as IpBannedError).retryAfterMs).toBe(60_000);
    const requests = sim.stats.httpRequests;
    const held = client.get('/v5/market/tickers', { category: 'spot', symbol: 'BTCUSDT' });
    expect(await settled(held)).toBe(false);
    expect(sim.stats.httpRequests).toBe(requests);
    sim.resetLimits();
    clock.advance(60_000);
    await expect(held).resolves.toMatchObject({ category: 'spot' });
    await client.close();
  });
});
