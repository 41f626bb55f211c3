// RateLimiter.acquire when nothing has to wait (the path every request takes while under its
// limits), beside an empty async function: the cost of a promise-returning call is the floor.
// Goal: <= 300 ns per acquire.
import { RateLimiter } from '@venuekit/base';
import { compareOps } from '../../../tooling/bench/harness.js';

export default async function (): Promise<void> {
  // Binance-like rules: a 1-minute weight window with a per-endpoint weight map, and a
  // 10-second raw-request window. Limits are high so the benchmark never waits.
  const limiter = new RateLimiter([
    {
      name: 'weight1m',
      kind: 'fixedWindow',
      intervalMs: 60_000,
      limit: 1e15,
      weights: { 'GET /api/v3/depth': 5, 'GET /api/v3/exchangeInfo': 20 },
    },
    { name: 'raw10s', kind: 'slidingWindow', intervalMs: 10_000, limit: 1e15 },
  ]);
  const request = { endpoint: '/api/v3/depth', method: 'GET' };
  const emptyAsync = async (): Promise<void> => {};

  await compareOps({
    suite: 'limits',
    name: 'RateLimiter.acquire, no wait (2 rules)',
    baselineName: 'empty async fn',
    subject: () => limiter.acquire(request),
    baseline: () => emptyAsync(),
    goal: { text: '≤ 300 ns', check: (subjectNs) => subjectNs <= 300 },
  });
  await compareOps({
    suite: 'limits',
    name: 'RateLimiter.tryAcquire (2 rules)',
    baselineName: 'empty fn',
    subject: () => limiter.tryAcquire(request),
    baseline: () => undefined,
    goal: { text: '≤ 300 ns', check: (subjectNs) => subjectNs <= 300 },
  });
}
