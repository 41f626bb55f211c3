// The default limiter is shared per route (market + REST host + egress) and ORDERS per account,
// on a FakeClock the simulator shares: many clients of one IP together stay within its request
// weight (where a limiter per client breaks it), hosts / egresses / markets do not share, ORDERS
// are counted per API key, and a ban or a usage report reaches every client of the route.
import { FakeClock, HttpSession, IpBannedError, RateLimiter } from '@venuekit/base';
import {
  BinanceRequestLimiter,
  BinanceRestClient,
  binanceRouteKey,
  sharedBinanceLimiter,
} from '@venuekit/binance/plugin';
import { afterEach, describe, expect, it } from 'vitest';
import { type BinanceSim, DOC_CREDENTIALS, simClient, startBinanceSim, until } from './sim-helpers.js';

const MINUTE = 60_000;
const START = 1_700_000_040_000 + 1000; // a second into a minute
const OTHER = {
  apiKey: 'Q7bXk2m9P4vR8sT1uW3yZ5aC6dE0fG2hJ4kL6nM8pQ1rS3tU5vW7xY9zA0bC2dE4',
  secret: 'another-hmac-secret-for-the-second-account',
};

const sims: BinanceSim[] = [];
const clients: BinanceRestClient[] = [];
const sessions: HttpSession[] = [];
afterEach(async () => {
  await Promise.all(clients.splice(0).map((c) => c.close()));
  await Promise.all(sessions.splice(0).map((s) => s.close()));
  await Promise.all(sims.splice(0).map((s) => s.close()));
});

async function sim(clock: FakeClock, spot: Record<string, number> = {}): Promise<BinanceSim> {
  const s = await startBinanceSim({
    clock,
    apiKeys: [DOC_CREDENTIALS, OTHER],
    limits: { spot, usdm: { requestWeightPerMinute: 100 } },
  });
  sims.push(s);
  return s;
}
function client(s: BinanceSim, options: Parameters<typeof simClient>[2]): BinanceRestClient {
  const c = simClient(s, options?.market ?? 'spot', { timeoutMs: 3_600_000, ...options });
  clients.push(c);
  return c;
}

/** Settles `calls`; whenever every admitted call has been answered, moves to the next minute. */
async function drain(clock: FakeClock, calls: Promise<unknown>[], inFlight: () => number): Promise<number> {
  let done = 0;
  for (const call of calls) call.then(() => done++);
  let windows = 1;
  for (;;) {
    await until(() => inFlight() === 0);
    if (done === calls.length) return windows;
    clock.set(Math.floor(clock.now() / MINUTE) * MINUTE + MINUTE);
    windows++;
  }
}

const resting = async (c: BinanceRestClient, id: string) => {
  const { bidPrice } = await c.bookTicker('BTCUSDT');
  return {
    symbol: 'BTCUSDT',
    side: 'BUY' as const,
    type: 'LIMIT',
    timeInForce: 'GTC',
    quantity: '0.001',
    price: (Number(bidPrice) * 0.9).toFixed(2),
    newClientOrderId: id,
  };
};

describe('clients of one IP share its request weight', () => {
  it('8 clients (two accounts) × 60 requests at 300 weight / minute: 0 violations', async () => {
    const clock = new FakeClock(START);
    const s = await sim(clock, { requestWeightPerMinute: 300 });
    const many = Array.from({ length: 8 }, (_, i) =>
      client(s, { clock, credentials: i % 2 === 0 ? DOC_CREDENTIALS : OTHER }),
    );
    for (const c of many) expect(c.limiter.route).toBe(many[0]!.limiter.route);
    expect(many[1]!.limiter.account).not.toBe(many[0]!.limiter.account);
    expect(many[2]!.limiter.account).toBe(many[0]!.limiter.account);
    // The default limits are 6000 / minute until exchangeInfo says 300: one client learns it for all.
    await many[0]!.exchangeInfo();
    expect(many[7]!.limiter.state()['REQUEST_WEIGHT:1M']?.limit).toBe(300);
    const calls = many.flatMap((c) =>
      Array.from({ length: 60 }, (_, i) => (i % 6 === 0 ? c.depth('BTCUSDT', 100) : c.bookTicker('BTCUSDT'))),
    );
    const windows = await drain(clock, calls, () => many[0]!.limiter.inFlight);
    expect(s.violations).toBe(0);
    // 80 × 5 + 400 × 2 + 20 (exchangeInfo) = 1220 weight at 300 per minute: 5 windows at least.
    expect(windows).toBeGreaterThanOrEqual(5);
  }, 30_000);

  it('the same load with a limiter per client (the old default) breaks the IP limit', async () => {
    const clock = new FakeClock(START);
    const s = await sim(clock, { requestWeightPerMinute: 300, banAfterRejected: 1_000_000 });
    const own = Array.from({ length: 8 }, () =>
      client(s, { clock, limiter: new BinanceRequestLimiter('spot', { clock }) }),
    );
    await Promise.all(own.map((c) => c.exchangeInfo()));
    const calls = own.flatMap((c) =>
      Array.from({ length: 60 }, (_, i) =>
        (i % 6 === 0 ? c.depth('BTCUSDT', 100) : c.bookTicker('BTCUSDT')).catch(() => undefined),
      ),
    );
    await drain(clock, calls, () => own.reduce((n, c) => n + c.limiter.inFlight, 0));
    expect(s.violations).toBeGreaterThan(0);
    expect(s.violationDetails.byKind.requestWeight).toBeGreaterThan(0);
  }, 30_000);

  it('usage reported to one client (X-MBX-USED-WEIGHT) holds back every client of the route', async () => {
    const clock = new FakeClock(START);
    const s = await sim(clock, { requestWeightPerMinute: 300 });
    // Another process on the same IP (a limiter of its own) spends 280 of the 300.
    const outsider = client(s, { clock, limiter: new BinanceRequestLimiter('spot', { clock }) });
    await Promise.all(Array.from({ length: 140 }, () => outsider.bookTicker('BTCUSDT')));
    const a = client(s, { clock });
    const b = client(s, { clock, credentials: OTHER });
    await a.exchangeInfo(); // 20: the simulator now reports 300 used
    expect(b.limiter.state()['REQUEST_WEIGHT:1M']).toMatchObject({ used: 300, limit: 300 });
    const requests = s.stats.httpRequests;
    const held = b.bookTicker('BTCUSDT');
    await until(() => b.limiter.limiter.pending === 1);
    expect(s.stats.httpRequests).toBe(requests);
    clock.set(Math.floor(clock.now() / MINUTE) * MINUTE + MINUTE);
    await expect(held).resolves.toMatchObject({ symbol: 'BTCUSDT' });
    expect(s.violations).toBe(0);
  });

  it('a 418 ban holds every client of the route; other routes go on', async () => {
    const clock = new FakeClock(START);
    const s = await sim(clock);
    const a = client(s, { clock });
    const b = client(s, { clock, credentials: OTHER });
    const futures = client(s, { clock, market: 'usdm' });
    s.faults.httpStatus({
      status: 418,
      retryAfterS: 30,
      body: { code: -1003, msg: 'Way too much request weight used; IP banned until 0.' },
    });
    await expect(a.depth('BTCUSDT')).rejects.toBeInstanceOf(IpBannedError);
    const requests = s.stats.httpRequests;
    const refused = await b.ping().catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(IpBannedError);
    expect((refused as IpBannedError).retryAfterMs).toBe(30_000);
    expect(s.stats.httpRequests).toBe(requests);
    await expect(futures.ping()).resolves.toEqual({});
    clock.advance(30_000);
    await expect(b.ping()).resolves.toEqual({});
  });
});

describe('ORDERS are per account', () => {
  it('two clients of one key share 5 orders / 10 s; another key has its own and is not held up', async () => {
    const clock = new FakeClock(START);
    const s = await sim(clock, { ordersPer10s: 5 });
    const a1 = client(s, { clock });
    const a2 = client(s, { clock });
    const b = client(s, { clock, credentials: OTHER });
    expect(a1.accountTag).toBe(a2.accountTag);
    expect(b.accountTag).not.toBe(a1.accountTag);
    expect(a1.accountTag).toMatch(/^[0-9a-f]{12}$/);
    await Promise.all([a1, a2, b].map((c) => c.exchangeInfo()));
    const order = await resting(a1, 'x');
    const ours = Array.from({ length: 7 }, (_, i) =>
      (i % 2 === 0 ? a1 : a2).placeOrder({ ...order, newClientOrderId: `a-${i}` }),
    );
    const theirs = Array.from({ length: 5 }, (_, i) =>
      b.placeOrder({ ...order, newClientOrderId: `b-${i}` }),
    );
    await Promise.all(theirs); // b's 5 go at once while 2 of a's wait for the next 10 s
    await until(() => a1.limiter.ordersLimiter.pending === 2);
    expect(a1.limiter.state()['ORDERS:10S']).toMatchObject({ used: 5, limit: 5 });
    clock.set(Math.floor(clock.now() / 10_000) * 10_000 + 10_000);
    await Promise.all(ours);
    expect(s.violations).toBe(0);
  });
});

describe('routes that do not share', () => {
  it('two hosts, a second local address, and Spot vs USD-M each have a budget of their own', async () => {
    const clock = new FakeClock(START);
    const s1 = await sim(clock, { requestWeightPerMinute: 100 });
    const s2 = await sim(clock, { requestWeightPerMinute: 100 });
    const a = client(s1, { clock });
    const b = client(s2, { clock });
    const bound = new HttpSession({ localAddress: '127.0.0.2' });
    sessions.push(bound);
    const fromAddress = client(s1, { clock, session: bound });
    const futures = client(s1, { clock, market: 'usdm' });
    const routes = new Set([a, b, fromAddress, futures].map((c) => c.limiter.route));
    expect(routes.size).toBe(4);
    expect(binanceRouteKey({ market: 'spot', baseUrl: s1.httpUrl, egress: bound.egress })).toContain(
      'direct from 127.0.0.2',
    );
    const budget = [{ rateLimitType: 'REQUEST_WEIGHT', interval: 'MINUTE', intervalNum: 1, limit: 100 }];
    for (const c of [a, b, futures]) {
      c.limiter.adoptRateLimits(budget);
      // 50 × 2 = 100: each route spends its whole budget at the same instant, none waits.
      const spent = Array.from({ length: 50 }, () => c.bookTicker('BTCUSDT'));
      expect(c.limiter.limiter.pending).toBe(0);
      await Promise.all(spent);
    }
    expect(s1.violations + s2.violations).toBe(0);
    // The simulator counts every loopback request as one IP, so the second address is checked on
    // the limiter: its window is untouched by a's 100 and it sends through its own socket.
    fromAddress.limiter.adoptRateLimits(budget);
    expect(fromAddress.limiter.state()['REQUEST_WEIGHT:1M']?.used).toBe(0);
    expect(a.limiter.state()['REQUEST_WEIGHT:1M']?.used).toBe(100);
  });

  it('sharedBinanceLimiter gives the same parts for the same route and account, new ones otherwise', () => {
    const clock = new FakeClock(START);
    const route = { market: 'spot' as const, baseUrl: 'https://api.binance.com', egress: 'direct', clock };
    const a = sharedBinanceLimiter({ ...route, apiKey: DOC_CREDENTIALS.apiKey });
    const b = sharedBinanceLimiter({ ...route, apiKey: DOC_CREDENTIALS.apiKey });
    const c = sharedBinanceLimiter({ ...route, apiKey: OTHER.apiKey });
    expect(b.route).toBe(a.route);
    expect(b.account).toBe(a.account);
    expect(c.route).toBe(a.route);
    expect(c.account).not.toBe(a.account);
    expect(sharedBinanceLimiter({ ...route, clock: new FakeClock(START) }).route).not.toBe(a.route);
    expect(
      sharedBinanceLimiter({ ...route, market: 'usdm', baseUrl: 'https://fapi.binance.com' }).route,
    ).not.toBe(a.route);
    expect(JSON.stringify(a.state())).not.toContain(DOC_CREDENTIALS.apiKey);
  });

  it('windows of two hosts run on server-offset clocks of their own (testnet is not production)', () => {
    const clock = new FakeClock(START);
    const route = { market: 'spot' as const, egress: 'direct', clock };
    const prod = sharedBinanceLimiter({ ...route, baseUrl: 'https://api.binance.com' });
    const again = sharedBinanceLimiter({ ...route, baseUrl: 'https://api.binance.com' });
    const testnet = sharedBinanceLimiter({ ...route, baseUrl: 'https://testnet.binance.vision' });
    expect(again.route.windows.clock).toBe(prod.route.windows.clock);
    expect(testnet.route.windows.clock).not.toBe(prod.route.windows.clock);
  });

  it('a client with rateLimits of its own shares no account windows, so it has no accountTag', async () => {
    const own = new BinanceRestClient({ credentials: DOC_CREDENTIALS, rateLimits: [] });
    const shared = new BinanceRestClient({ credentials: DOC_CREDENTIALS });
    try {
      expect(own.accountTag).toBeUndefined();
      expect(shared.accountTag).toMatch(/^[0-9a-f]{12}$/);
    } finally {
      await own.close();
      await shared.close();
    }
  });
});

describe('a base Limiter of your own', () => {
  it('paces requests on top of the shared Binance limits, and a ban penalizes it too', async () => {
    const clock = new FakeClock(START);
    const s = await sim(clock);
    const mine = new RateLimiter([{ name: 'mine', kind: 'slidingWindow', intervalMs: 1000, limit: 4 }], {
      clock,
    });
    const paced = client(s, { clock, limiter: mine });
    expect(paced.limiter).toBeInstanceOf(BinanceRequestLimiter);
    expect(paced.limiter.pacer).toBe(mine);
    expect(paced.limiter.route).toBe(client(s, { clock }).limiter.route);
    // bookTicker weighs 2: two go, the third waits for the pacer's window.
    await Promise.all([paced.bookTicker('BTCUSDT'), paced.bookTicker('BTCUSDT')]);
    const third = paced.bookTicker('BTCUSDT');
    await until(() => mine.pending === 1);
    clock.advance(1000);
    await expect(third).resolves.toMatchObject({ symbol: 'BTCUSDT' });
    s.faults.httpStatus({
      status: 418,
      retryAfterS: 5,
      body: { code: -1003, msg: 'Way too much request weight used.' },
    });
    await expect(paced.ping()).rejects.toBeInstanceOf(IpBannedError);
    expect(mine.penalties()[0]?.remainingMs).toBe(5000);
  });
});
