// Retry-After honoured through the limiter: after a 429 or 418 the client penalizes the limiter,
// so no request reaches the server before the penalty ends (arrival times are taken server-side).
import { request } from 'undici';
import {
  Client,
  FakeClock,
  IpBannedError,
  RateLimiter,
  RateLimitError,
  RequestTimeoutError,
} from '@venuekit/base';
import { startGenericVenue, type GenericVenue } from '@venuekit/testkit';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { captureLogger } from './support/capture-logger.js';

let venue: GenericVenue;
const arrivals: { a: number[]; b: number[] } = { a: [], b: [] };

beforeAll(async () => {
  venue = await startGenericVenue();
  for (const name of ['a', 'b'] as const)
    venue.sim.route('GET', `/stamp/${name}`, () => {
      arrivals[name].push(Date.now());
      return { json: { ok: true } };
    });
});
afterEach(() => {
  venue.faults.reset();
  arrivals.a = [];
  arrivals.b = [];
});
afterAll(async () => {
  await venue.close();
});

function limitedClient(
  limiter: RateLimiter,
  extra: Partial<ConstructorParameters<typeof Client>[0]> = {},
): Client {
  return new Client({
    baseUrl: venue.httpUrl,
    apis: {},
    limiter,
    retry: false,
    logger: captureLogger().logger,
    ...extra,
  });
}

describe('Retry-After through the limiter', () => {
  it('holds every request until a 429’s Retry-After has passed', async () => {
    await using client = limitedClient(new RateLimiter([]));
    venue.faults.httpStatus({ status: 429, retryAfterS: 0.3, path: '/stamp/a' });
    const t0 = Date.now();
    const error = await client.fetch('GET', '/stamp/a').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(RateLimitError);
    expect((error as RateLimitError).retryAfterMs).toBe(300);
    await Promise.all([client.fetch('GET', '/stamp/a'), client.fetch('GET', '/stamp/b')]);
    expect(arrivals.a).toHaveLength(1);
    expect(arrivals.b).toHaveLength(1);
    // Timers may fire up to a millisecond early; the penalty started after t0.
    expect(arrivals.a[0]! - t0).toBeGreaterThanOrEqual(299);
    expect(arrivals.b[0]! - t0).toBeGreaterThanOrEqual(299);
  });

  it('with rateLimitScope "endpoint" a 429 holds only its endpoint; a 418 still holds everything', async () => {
    await using client = limitedClient(new RateLimiter([]), { rateLimitScope: 'endpoint' });
    venue.faults.httpStatus({ status: 429, retryAfterS: 0.4, path: '/stamp/a' });
    const t0 = Date.now();
    await expect(client.fetch('GET', '/stamp/a')).rejects.toBeInstanceOf(RateLimitError);
    await client.fetch('GET', '/stamp/b');
    const tB = Date.now();
    await client.fetch('GET', '/stamp/a');
    expect(arrivals.b[0]!).toBeLessThanOrEqual(tB);
    expect(arrivals.a[0]! - t0).toBeGreaterThanOrEqual(399);
    // The other endpoint went first, while /stamp/a was still held.
    expect(arrivals.b[0]!).toBeLessThan(arrivals.a[0]!);

    venue.faults.httpStatus({ status: 418, retryAfterS: 0.25, path: '/stamp/a' });
    const t1 = Date.now();
    await expect(client.fetch('GET', '/stamp/a')).rejects.toBeInstanceOf(IpBannedError);
    await client.fetch('GET', '/stamp/b');
    expect(arrivals.b[1]! - t1).toBeGreaterThanOrEqual(249);
  });

  it('penalizes for 1 s when a 429 names no Retry-After (driven by a FakeClock)', async () => {
    const clock = new FakeClock(Date.now());
    await using client = limitedClient(new RateLimiter([], { clock }), { clock });
    venue.faults.httpStatus({ status: 429, path: '/stamp/a' });
    const error = await client.fetch('GET', '/stamp/a').catch((e: unknown) => e);
    expect((error as RateLimitError).retryAfterMs).toBeUndefined();
    let settled = false;
    const held = client.fetch('GET', '/stamp/a').finally(() => {
      settled = true;
    });
    await clock.advanceAsync(999);
    // A full round trip to the same server completes while the held call is still waiting.
    await (await request(`${venue.httpUrl}/api/time`)).body.text();
    expect(settled).toBe(false);
    expect(arrivals.a).toHaveLength(0);
    await clock.advanceAsync(1);
    await held;
    expect(arrivals.a).toHaveLength(1);
  });

  it('a call that cannot get past the limiter before its deadline times out and never reaches the server', async () => {
    await using client = limitedClient(new RateLimiter([]));
    venue.faults.httpStatus({ status: 418, retryAfterS: 30, path: '/stamp/a' });
    await expect(client.fetch('GET', '/stamp/a')).rejects.toBeInstanceOf(IpBannedError);
    const error = await client.fetch('GET', '/stamp/b', { timeoutMs: 50 }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(RequestTimeoutError);
    expect((error as Error).message).toBe(
      `GET ${venue.httpUrl}/stamp/b timed out after 50 ms (waiting for the rate limiter)`,
    );
    const controller = new AbortController();
    const aborted = client.fetch('GET', '/stamp/b', { signal: controller.signal });
    controller.abort(new Error('user gave up'));
    await expect(aborted).rejects.toThrow('user gave up');
    expect(arrivals.b).toHaveLength(0);
  });

  it('passes endpoint, method and weight to the limiter', async () => {
    const limiter = new RateLimiter([
      {
        name: 'stamps',
        kind: 'fixedWindow',
        intervalMs: 60_000,
        limit: 3,
        scope: 'endpoint',
        endpoints: '/stamp/*',
      },
    ]);
    await using client = limitedClient(limiter);
    await client.fetch('GET', '/stamp/a', { weight: 3 });
    expect(limiter.tryAcquire({ endpoint: '/stamp/b', method: 'GET' })).toBe(false);
    expect(limiter.tryAcquire({ endpoint: '/api/time', method: 'GET' })).toBe(true);
  });
});
