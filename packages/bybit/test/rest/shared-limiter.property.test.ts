// Property test of the limiter a route shares (IP window + per-account windows) with each
// account's gate in front, as BybitHttpClient drives them: for any mix of public and signed
// requests from three accounts arriving at any time, driven by a FakeClock one millisecond at a
// time, no 5 s span admits more than 600 requests, no account's endpoint window admits more than
// its per-second limit, and every request is admitted.
import { FakeClock } from '@venuekit/base';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { sharedBybitAccountGate, sharedBybitLimiter } from '../../src/rest/shared-limiters.js';

const BASE = 'https://api.bybit.com';
/** Endpoint keys (as bybitLimitKey makes them) and Bybit's per-UID limit per second (0: IP only). */
const ENDPOINTS: ReadonlyArray<readonly [key: string, perSecond: number]> = [
  ['/v5/market/tickers', 0],
  ['/v5/order/realtime', 50],
  ['/v5/position/list', 50],
  ['/v5/order/create#spot', 20],
  ['/v5/order/create#linear', 10],
];
const ACCOUNTS = ['aaaaaaaaaaaa', 'bbbbbbbbbbbb', 'cccccccccccc'];

interface Req {
  at: number;
  endpoint: number;
  account: number;
}

const requests = fc.array(
  fc.record({
    at: fc.integer({ min: 0, max: 3000 }),
    endpoint: fc.integer({ min: 0, max: ENDPOINTS.length - 1 }),
    account: fc.integer({ min: 0, max: ACCOUNTS.length - 1 }),
  }),
  { minLength: 1, maxLength: 900, size: 'max' },
);

/** Most admissions in any span (t - interval, t]. */
function busiest(times: readonly number[], intervalMs: number): number {
  const sorted = [...times].sort((a, b) => a - b);
  let most = 0;
  let from = 0;
  for (let i = 0; i < sorted.length; i++) {
    while (sorted[from]! <= sorted[i]! - intervalMs) from++;
    most = Math.max(most, i - from + 1);
  }
  return most;
}

async function run(reqs: readonly Req[]): Promise<void> {
  const clock = new FakeClock(0);
  const limiter = sharedBybitLimiter({ baseUrl: BASE, egress: 'direct', clock });
  const gates = ACCOUNTS.map((tag) => sharedBybitAccountGate(BASE, tag, clock));
  const admitted: number[] = [];
  const byWindow = new Map<string, number[]>();
  let settled = 0;
  const send = async (r: Req): Promise<void> => {
    const [key, perSecond] = ENDPOINTS[r.endpoint]!;
    const endpoint = perSecond === 0 ? key : `${key}@${ACCOUNTS[r.account]}`;
    if (perSecond > 0) await gates[r.account]!.pass(endpoint, 'GET', undefined, 1e9);
    await limiter.acquire({ endpoint, method: 'GET' });
    admitted.push(clock.now());
    if (perSecond > 0) {
      const list = byWindow.get(endpoint) ?? [];
      list.push(clock.now());
      byWindow.set(endpoint, list);
    }
    settled++;
  };
  const byTime = [...reqs].sort((a, b) => a.at - b.at);
  let next = 0;
  const sends: Promise<void>[] = [];
  for (let t = 0; settled < reqs.length; t++) {
    expect(t).toBeLessThan(60_000); // every request is admitted in bounded time
    while (next < byTime.length && byTime[next]!.at === t) sends.push(send(byTime[next++]!));
    for (let i = 0; i < 40; i++) await Promise.resolve();
    if (settled < reqs.length) clock.advance(1);
  }
  await Promise.all(sends); // a request that threw fails the property here
  expect(busiest(admitted, 5000)).toBeLessThanOrEqual(600);
  for (const [endpoint, times] of byWindow) {
    const limit = ENDPOINTS.find(([key]) => endpoint.startsWith(`${key}@`))![1];
    expect(busiest(times, 1000)).toBeLessThanOrEqual(limit);
  }
}

describe('the shared route limiter with account gates', () => {
  it('never admits more than the IP or an account endpoint allows, and admits everything', async () => {
    await fc.assert(fc.asyncProperty(requests, run), { numRuns: 25 });
  }, 60_000);
});
