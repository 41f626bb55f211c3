// Retries: idempotent requests retry network errors and 5xx with bounded exponential backoff;
// a POST is never retried unless the caller opts in, except when it provably never left.
import { createServer } from 'node:net';
import { Client, ExchangeUnavailableError, NetworkError } from '@venuekit/base';
import { startGenericVenue, type GenericVenue } from '@venuekit/testkit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { captureLogger } from './support/capture-logger.js';

let venue: GenericVenue;
const fast = { baseDelayMs: 2, maxDelayMs: 10 };

beforeAll(async () => {
  venue = await startGenericVenue();
});
afterAll(async () => {
  await venue.close();
});

/** A loopback port with nothing listening (bound, then released). */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

describe('idempotent requests', () => {
  it('retry 5xx until they succeed', async () => {
    await using client = new Client({ baseUrl: venue.httpUrl, apis: {}, retry: fast });
    const { data } = await client.fetch<{ ok: boolean; attempts: number }>('GET', '/api/flaky', {
      params: { key: 'retry-ok', fail: 2 },
    });
    expect(data).toEqual({ ok: true, attempts: 3 });
  });

  it('give up after `attempts` tries with ExchangeUnavailableError', async () => {
    await using client = new Client({ baseUrl: venue.httpUrl, apis: {}, retry: { ...fast, attempts: 4 } });
    const before = venue.requests.length;
    const error = await client
      .fetch('GET', '/api/flaky', { params: { key: 'retry-bounded', fail: 100 } })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ExchangeUnavailableError);
    expect((error as ExchangeUnavailableError).status).toBe(503);
    expect((error as ExchangeUnavailableError).code).toBe('UNAVAILABLE');
    expect(venue.requests.length - before).toBe(4);
  });

  it('do not retry when retry is false', async () => {
    await using client = new Client({ baseUrl: venue.httpUrl, apis: {}, retry: fast });
    const before = venue.requests.length;
    await expect(
      client.fetch('GET', '/api/flaky', { params: { key: 'no-retry', fail: 1 }, retry: false }),
    ).rejects.toBeInstanceOf(ExchangeUnavailableError);
    expect(venue.requests.length - before).toBe(1);
  });

  it('retry network errors (connection refused) a bounded number of times', async () => {
    const port = await closedPort();
    const { logger, count } = captureLogger();
    await using client = new Client({ apis: {}, logger, retry: { ...fast, attempts: 3 } });
    const error = await client.fetch('GET', `http://127.0.0.1:${port}/api/time`).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(NetworkError);
    expect((error as Error).message).toMatch(
      /GET http:\/\/127\.0\.0\.1:\d+\/api\/time failed: .*ECONNREFUSED/,
    );
    expect(count('retrying HTTP request')).toBe(2);
  });
});

describe('POST', () => {
  it('is not retried after a 5xx', async () => {
    await using client = new Client({ baseUrl: venue.httpUrl, apis: {}, retry: fast });
    const before = venue.sim.stats.httpRequests;
    venue.faults.httpStatus({ status: 503, times: 2, path: '/api/echo' });
    await expect(client.fetch('POST', '/api/echo', { data: { a: 1 } })).rejects.toBeInstanceOf(
      ExchangeUnavailableError,
    );
    expect(venue.sim.stats.httpRequests - before).toBe(1);
    venue.faults.reset();
  });

  it('is retried when the caller opts in with retry.unsafe', async () => {
    await using client = new Client({ baseUrl: venue.httpUrl, apis: {}, retry: fast });
    venue.faults.httpStatus({ status: 502, times: 1, path: '/api/echo' });
    const { data } = await client.fetch<{ body: string }>('POST', '/api/echo', {
      data: { a: 1 },
      retry: { unsafe: true },
    });
    expect(data.body).toBe('{"a":1}');
  });

  it('is not retried when the connection dropped after it was sent', async () => {
    let arrivals = 0;
    venue.sim.route('*', '/hang-then-drop', () => {
      arrivals++;
      venue.faults.dropAll();
      return new Promise(() => {});
    });
    await using client = new Client({ baseUrl: venue.httpUrl, apis: {}, retry: fast });
    await expect(client.fetch('POST', '/hang-then-drop', { data: {} })).rejects.toBeInstanceOf(NetworkError);
    expect(arrivals).toBe(1);
    // The same failure on a GET is retried.
    arrivals = 0;
    await expect(client.fetch('GET', '/hang-then-drop')).rejects.toBeInstanceOf(NetworkError);
    expect(arrivals).toBe(3);
  });

  it('is retried when it provably never left (connection refused)', async () => {
    const port = await closedPort();
    const { logger, count } = captureLogger();
    await using client = new Client({ apis: {}, logger, retry: { ...fast, attempts: 2 } });
    await expect(client.fetch('POST', `http://127.0.0.1:${port}/x`, { data: {} })).rejects.toBeInstanceOf(
      NetworkError,
    );
    expect(count('retrying HTTP request')).toBe(1);
  });
});
