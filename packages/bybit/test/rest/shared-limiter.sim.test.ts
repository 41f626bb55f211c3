// The default limiter is shared per route (REST host + egress), on a FakeClock the simulator
// shares: ten clients on one simulator together stay within its per-IP limit (where a limiter per
// client gets the IP banned), per-UID windows stay per account, two hosts do not share, an IP ban
// holds every client of the route, and a proxy / local address is a route of its own.
import {
  FakeClock,
  IpBannedError,
  RateLimiter,
  RequestTimeoutError,
  sessionEgress,
  silentLogger,
} from '@venuekit/base';
import {
  BYBIT_LIMIT_RULES,
  BybitClientCache,
  type BybitHttpClient,
  BybitSessionManager,
  bybitRouteKey,
  defaultBybitRateLimitRules,
} from '@venuekit/bybit/plugin';
import { afterEach, describe, expect, it } from 'vitest';
import { type BybitSim, SIM_KEY, simClient, startBybitSim, until } from './sim-helpers.js';

const START = 1_700_000_000_000;
const OTHER_KEY = { apiKey: 'OTHERKEY01', apiSecret: 'other-secret' };
const sims: BybitSim[] = [];
const clients: BybitHttpClient[] = [];
afterEach(async () => {
  await Promise.all(clients.splice(0).map((c) => c.close()));
  await Promise.all(sims.splice(0).map((s) => s.close()));
  await BybitSessionManager.close();
});

async function sim(options: Parameters<typeof startBybitSim>[0]): Promise<BybitSim> {
  const s = await startBybitSim(options);
  sims.push(s);
  return s;
}
function client(s: BybitSim, options: Parameters<typeof simClient>[1]): BybitHttpClient {
  const c = simClient(s, options);
  clients.push(c);
  return c;
}
const tickers = (c: BybitHttpClient) => c.get('/v5/market/tickers', { category: 'spot', symbol: 'BTCUSDT' });
const wallet = (c: BybitHttpClient) => c.get('/v5/account/wallet-balance', { accountType: 'UNIFIED' });

/** Settles `calls`, advancing `clock` by `stepMs` whenever every admitted call has been answered. */
async function drain(
  clock: FakeClock,
  calls: Promise<unknown>[],
  pending: () => number,
  stepMs = 250,
): Promise<{ failed: number; advancedMs: number }> {
  let done = 0;
  let failed = 0;
  for (const call of calls)
    call.then(
      () => done++,
      () => {
        failed++;
        done++;
      },
    );
  let advancedMs = 0;
  for (;;) {
    await until(() => done + pending() === calls.length);
    if (done === calls.length) return { failed, advancedMs };
    clock.advance(stepMs);
    advancedMs += stepMs;
  }
}

describe('clients of one IP share the IP limit', () => {
  it('10 clients (two accounts) × 150 requests on one simulator: 0 violations, one IP window', async () => {
    const clock = new FakeClock(START);
    const s = await sim({
      clock,
      apiKeys: [
        { apiKey: SIM_KEY.apiKey, secret: SIM_KEY.apiSecret },
        { apiKey: OTHER_KEY.apiKey, secret: OTHER_KEY.apiSecret },
      ],
    });
    const many = Array.from({ length: 10 }, (_, i) =>
      client(s, { clock, timeoutMs: 3_600_000, ...(i % 2 === 0 ? SIM_KEY : OTHER_KEY) }),
    );
    for (const c of many) expect(c.limiter).toBe(many[0]!.limiter);
    const calls = many.flatMap((c) =>
      Array.from({ length: 150 }, (_, i) => (i % 5 === 0 ? wallet(c) : tickers(c))),
    );
    const { failed, advancedMs } = await drain(
      clock,
      calls,
      // One route queue, plus the gates of the two accounts (clients 0 and 1).
      () => many[0]!.queued + many[1]!.queued - many[0]!.limiter.pending,
    );
    expect(failed).toBe(0);
    expect(s.violations).toBe(0);
    // 1500 requests at 600 per 5 s: at least two more windows of simulator time.
    expect(advancedMs).toBeGreaterThanOrEqual(10_000);
    const state = many[0]!.limiter.state();
    expect(state[BYBIT_LIMIT_RULES.ip]?.limit).toBe(600);
    // Each account has its own wallet-balance window in the shared limiter.
    const tags = new Set(many.map((c) => c.accountTag));
    expect(tags.size).toBe(2);
    for (const tag of tags)
      expect(state[`${BYBIT_LIMIT_RULES.queries} /v5/account/wallet-balance@${tag}`]?.limit).toBe(50);
  }, 60_000);

  it('a limiter per client (the old default) lets 3 clients break the IP limit on the same load', async () => {
    const clock = new FakeClock(START);
    const s = await sim({ clock, limits: { ipBanMs: 1000 } });
    const own = Array.from({ length: 3 }, () =>
      client(s, {
        clock,
        timeoutMs: 3_600_000,
        limiter: new RateLimiter(defaultBybitRateLimitRules(), { clock }),
      }),
    );
    const calls = own.flatMap((c) => Array.from({ length: 300 }, () => tickers(c)));
    await drain(clock, calls, () => own.reduce((n, c) => n + c.limiter.pending, 0));
    expect(s.violations).toBeGreaterThan(0);
  }, 60_000);

  it('per-UID windows are per account: the same key shares 50/s, another key has its own', async () => {
    const clock = new FakeClock(START);
    const s = await sim({
      clock,
      apiKeys: [
        { apiKey: SIM_KEY.apiKey, secret: SIM_KEY.apiSecret },
        { apiKey: OTHER_KEY.apiKey, secret: OTHER_KEY.apiSecret },
      ],
    });
    const a1 = client(s, { clock });
    const a2 = client(s, { clock });
    const b = client(s, { clock, ...OTHER_KEY });
    expect(a1.accountTag).toBe(a2.accountTag);
    expect(b.accountTag).not.toBe(a1.accountTag);
    const first = [
      ...Array.from({ length: 30 }, () => wallet(a1)),
      ...Array.from({ length: 30 }, () => wallet(a2)),
    ];
    const other = Array.from({ length: 50 }, () => wallet(b));
    await Promise.all(other); // b's 50 go at once, while 10 of a's wait
    // a's 10 over its 50/s wait in its account gate, not in the route's queue ahead of b.
    await until(() => a1.queued === 10);
    expect(a1.limiter.pending).toBe(0);
    clock.advance(1000);
    await Promise.all(first);
    expect(s.violations).toBe(0);
  });

  it('a wait in the account gate counts toward the call’s deadline', async () => {
    const clock = new FakeClock(START);
    const s = await sim({ clock });
    const a = client(s, { clock, timeoutMs: 400 });
    await Promise.all(Array.from({ length: 50 }, () => wallet(a)));
    const late = wallet(a).catch((e: unknown) => e);
    await until(() => a.queued === 1);
    clock.advance(400);
    expect(await late).toBeInstanceOf(RequestTimeoutError);
    expect(a.queued).toBe(0);
  });

  it('an IP ban (HTTP 403) holds every client of the route until it ends', async () => {
    const clock = new FakeClock(START);
    const s = await sim({ clock, limits: { ipRequestsPer5s: 3, ipBanMs: 60_000 } });
    const a = client(s, { clock, timeoutMs: 3_600_000 });
    const b = client(s, { clock, timeoutMs: 3_600_000 });
    for (let i = 0; i < 3; i++) await tickers(a);
    await expect(tickers(a)).rejects.toBeInstanceOf(IpBannedError);
    const requests = s.stats.httpRequests;
    const held = tickers(b);
    await until(() => b.limiter.pending === 1);
    expect(s.stats.httpRequests).toBe(requests);
    s.resetLimits();
    clock.advance(60_000);
    await expect(held).resolves.toMatchObject({ category: 'spot' });
  });

  it('X-Bapi-Limit headers go to the answering account’s window only', async () => {
    const clock = new FakeClock(START);
    const s = await sim({
      clock,
      apiKeys: [
        { apiKey: SIM_KEY.apiKey, secret: SIM_KEY.apiSecret },
        { apiKey: OTHER_KEY.apiKey, secret: OTHER_KEY.apiSecret },
      ],
      limits: { endpoints: { '/v5/position/list': 7 } },
    });
    const a = client(s, { clock });
    const b = client(s, { clock, ...OTHER_KEY });
    await a.get('/v5/position/list', { category: 'linear', symbol: 'BTCUSDT' });
    const state = a.limiter.state();
    expect(state[`${BYBIT_LIMIT_RULES.queries} /v5/position/list@${a.accountTag}`]).toMatchObject({
      limit: 7,
      used: 1,
    });
    expect(state[`${BYBIT_LIMIT_RULES.queries} /v5/position/list@${b.accountTag}`]).toBeUndefined();
    expect(state[BYBIT_LIMIT_RULES.ip]).toMatchObject({ limit: 600, used: 1 });
  });
});

describe('routes that do not share', () => {
  it('two hosts have a budget each: 600 + 600 at one instant, a third client waits', async () => {
    const clock = new FakeClock(START);
    const s1 = await sim({ clock });
    const s2 = await sim({ clock });
    const a = client(s1, { clock, timeoutMs: 3_600_000 });
    const b = client(s2, { clock, timeoutMs: 3_600_000 });
    expect(a.limiter).not.toBe(b.limiter);
    await Promise.all([
      ...Array.from({ length: 600 }, () => tickers(a)),
      ...Array.from({ length: 600 }, () => tickers(b)),
    ]);
    const c = client(s1, { clock, timeoutMs: 3_600_000 });
    const late = tickers(c);
    await until(() => c.limiter.pending === 1);
    clock.advance(5000);
    await late;
    expect(s1.violations + s2.violations).toBe(0);
  }, 30_000);

  it('a local address or a proxy is a route of its own; the shared session’s egress decides for its clients', async () => {
    const clock = new FakeClock(START);
    const s = await sim({ clock });
    const direct = client(s, { clock });
    const bound = client(s, { clock, sessionOptions: { localAddress: '127.0.0.1' } });
    const proxied = client(s, { clock, sessionOptions: { proxy: 'http://user:pw@127.0.0.1:9' } });
    expect(bound.limiter).not.toBe(direct.limiter);
    expect(proxied.limiter).not.toBe(direct.limiter);
    await expect(tickers(bound)).resolves.toMatchObject({ category: 'spot' });
    expect(
      bybitRouteKey({ baseUrl: s.httpUrl, egress: sessionEgress({ proxy: 'http://user:pw@127.0.0.1:9' }) }),
    ).not.toContain('pw');
    BybitSessionManager.setup({ maxConnections: 8, localAddress: '127.0.0.1' });
    const onShared = client(s, { clock });
    expect(onShared.usesSharedSession).toBe(true);
    expect(onShared.limiter).toBe(bound.limiter);
  });

  it('BybitClientCache: one client per route too (a proxy in sessionOptions is part of the key)', () => {
    const clock = new FakeClock(START);
    const cache = new BybitClientCache({ clock });
    const params = { baseUrl: 'http://127.0.0.1:9', clock, logger: silentLogger, ...SIM_KEY };
    const plain = cache.getOrCreate(params);
    expect(cache.getOrCreate({ ...params })).toBe(plain);
    const viaProxy = cache.getOrCreate({ ...params, sessionOptions: { proxy: 'http://127.0.0.1:3128' } });
    expect(viaProxy).not.toBe(plain);
    expect(viaProxy.limiter).not.toBe(plain.limiter);
    expect(cache.getOrCreate({ ...params, testnet: true, baseUrl: undefined }).limiter).not.toBe(
      plain.limiter,
    );
    cache.clear();
  });
});
