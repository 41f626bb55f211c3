// Property test of the limits clients share by default (sharedBinanceLimiter), on a FakeClock: for
// any mix of market-data requests and orders from clients of two accounts (and one without a
// key) arriving at any time, with every answer carrying the usage a Binance-like counter reports,
// no calendar minute admits more request weight than the IP's limit, no account's 10 s window
// admits more orders than its limit, the other account's orders are not counted against it, and
// every request is admitted.
import { FakeClock } from '@venuekit/base';
import {
  type BinanceRateLimit,
  type BinanceRequestLimiter,
  sharedBinanceLimiter,
} from '@venuekit/binance/plugin';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';

const WEIGHT_PER_MINUTE = 60;
const ORDERS_PER_10S = 3;
const LIMITS: BinanceRateLimit[] = [
  { rateLimitType: 'REQUEST_WEIGHT', interval: 'MINUTE', intervalNum: 1, limit: WEIGHT_PER_MINUTE },
  { rateLimitType: 'ORDERS', interval: 'SECOND', intervalNum: 10, limit: ORDERS_PER_10S },
];
const KEYS = ['key-of-account-a', 'key-of-account-b', undefined] as const;
/** Method, path, params and the weight Binance counts for them. */
const REQUESTS = [
  { method: 'GET', path: '/api/v3/depth', params: { symbol: 'BTCUSDT', limit: 100 }, weight: 5 },
  { method: 'GET', path: '/api/v3/ticker/bookTicker', params: { symbol: 'BTCUSDT' }, weight: 2 },
  { method: 'GET', path: '/api/v3/time', params: undefined, weight: 1 },
  { method: 'POST', path: '/api/v3/order', params: { symbol: 'BTCUSDT' }, weight: 1 },
] as const;
const STEP = 500; // arrivals and window edges are multiples of it, so admissions are timed exactly

interface Req {
  at: number;
  kind: number;
  client: number;
}

const requests = fc.array(
  fc.record({
    at: fc.integer({ min: 0, max: 120 }).map((n) => n * STEP),
    kind: fc.integer({ min: 0, max: REQUESTS.length - 1 }),
    client: fc.integer({ min: 0, max: 5 }),
  }),
  { minLength: 1, maxLength: 60, size: 'max' },
);

/** Units per aligned window of `intervalMs`, by window start. */
function perWindow(
  events: ReadonlyArray<readonly [at: number, units: number]>,
  intervalMs: number,
): number[] {
  const sums = new Map<number, number>();
  for (const [at, units] of events) {
    const start = Math.floor(at / intervalMs) * intervalMs;
    sums.set(start, (sums.get(start) ?? 0) + units);
  }
  return [...sums.values()];
}

async function run(reqs: readonly Req[]): Promise<void> {
  const clock = new FakeClock(0);
  // Six clients: two per account, two without a key; all on one route.
  const limiters: BinanceRequestLimiter[] = Array.from({ length: 6 }, (_, i) =>
    sharedBinanceLimiter({
      market: 'spot',
      baseUrl: 'https://api.binance.com',
      egress: 'direct',
      clock,
      apiKey: KEYS[i % 3],
    }),
  );
  // exchangeInfo seen by a client of each account: the IP limit reaches the whole route through
  // either; ORDERS limits go to the account of the client that read them.
  limiters[0]!.adoptRateLimits(LIMITS);
  limiters[1]!.adoptRateLimits(LIMITS);
  const weights: Array<[number, number]> = [];
  const orders: Array<Array<[number, number]>> = [[], []];
  let settled = 0;
  const send = async (r: Req): Promise<void> => {
    const kind = REQUESTS[r.kind]!;
    const account = r.client % 3;
    const placesOrder = kind.method === 'POST';
    if (placesOrder && KEYS[account] === undefined) {
      settled++; // orders need a key; such a client never places one
      return;
    }
    const limiter = limiters[r.client]!;
    const admission = await limiter.admit({ method: kind.method, path: kind.path, params: kind.params });
    const now = clock.now();
    weights.push([now, kind.weight]);
    if (placesOrder) orders[account]!.push([now, 1]);
    // The answer reports the route's weight in this minute, as Binance's header does.
    const minute = Math.floor(now / 60_000) * 60_000;
    const used = weights.reduce((sum, [at, w]) => (at >= minute ? sum + w : sum), 0);
    limiter.complete(admission, { 'x-mbx-used-weight-1m': String(used) });
    settled++;
  };
  const byTime = [...reqs].sort((a, b) => a.at - b.at);
  const sends: Promise<void>[] = [];
  let next = 0;
  for (let steps = 0; settled < reqs.length; steps++) {
    expect(steps).toBeLessThan(2000); // every request is admitted in bounded time
    while (next < byTime.length && byTime[next]!.at <= clock.now()) sends.push(send(byTime[next++]!));
    for (let i = 0; i < 20; i++) await Promise.resolve();
    if (settled < reqs.length) clock.advance(STEP);
  }
  await Promise.all(sends);
  for (const sum of perWindow(weights, 60_000)) expect(sum).toBeLessThanOrEqual(WEIGHT_PER_MINUTE);
  for (const account of orders)
    for (const sum of perWindow(account, 10_000)) expect(sum).toBeLessThanOrEqual(ORDERS_PER_10S);
  expect(limiters[0]!.inFlight).toBe(0);
}

describe('the limits clients of one route share', () => {
  it('never admit more weight than the IP allows or more orders than an account allows, and admit everything', async () => {
    await fc.assert(fc.asyncProperty(requests, run), { numRuns: 60 });
  }, 60_000);

  it('counts two accounts’ orders apart: 3 + 3 orders of two keys go in one window', async () => {
    const clock = new FakeClock(0);
    const [a, b] = KEYS.slice(0, 2).map((apiKey) =>
      sharedBinanceLimiter({
        market: 'spot',
        baseUrl: 'https://api.binance.com',
        egress: 'direct',
        clock,
        apiKey,
      }),
    );
    a!.adoptRateLimits(LIMITS);
    b!.adoptRateLimits(LIMITS);
    const order = { method: 'POST', path: '/api/v3/order' };
    for (let i = 0; i < ORDERS_PER_10S; i++) {
      await a!.admit(order);
      await b!.admit(order);
    }
    expect(a!.state()['ORDERS:10S']?.used).toBe(ORDERS_PER_10S);
    expect(b!.state()['ORDERS:10S']?.used).toBe(ORDERS_PER_10S);
    expect(a!.state()['REQUEST_WEIGHT:1M']?.used).toBe(2 * ORDERS_PER_10S);
  });
});
