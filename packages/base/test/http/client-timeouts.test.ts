// Every call has a deadline and takes an AbortSignal: a slow or stalled venue gives a
// RequestTimeoutError naming the method, the URL (secrets redacted), the timeout and the phase;
// an abort rejects with the signal's reason. Either way the connection slot is given back.
import { Client, HttpSession, RequestTimeoutError } from '@venuekit/base';
import { startGenericVenue, type GenericVenue } from '@venuekit/testkit';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { settle } from './support/settle.js';

let venue: GenericVenue;

beforeAll(async () => {
  venue = await startGenericVenue();
});
afterEach(() => venue.faults.reset());
afterAll(async () => {
  await venue.close();
});

describe('deadline', () => {
  it('a slow answer times out with a message naming method, URL, timeout and phase', async () => {
    await using client = new Client({ baseUrl: venue.httpUrl, apis: {}, timeoutMs: 100 });
    const started = Date.now();
    const error = await client
      .fetch('GET', '/api/slow', { params: { ms: 3000, signature: 'f00dfeedf00dfeed' } })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(RequestTimeoutError);
    expect((error as Error).message).toBe(
      `GET ${venue.httpUrl}/api/slow?ms=3000&signature=[REDACTED] timed out after 100 ms (waiting for the response)`,
    );
    expect(Date.now() - started).toBeLessThan(2000);
    await settle(() => client.session.stats.inFlight === 0);
  });

  it('a per-call timeout overrides the client’s', async () => {
    await using client = new Client({ baseUrl: venue.httpUrl, apis: {}, timeoutMs: 5000 });
    await expect(client.fetch('GET', '/api/slow', { params: { ms: 3000 }, timeoutMs: 60 })).rejects.toThrow(
      /timed out after 60 ms/,
    );
  });

  it('a stalled venue times out', async () => {
    await using client = new Client({ baseUrl: venue.httpUrl, apis: {}, timeoutMs: 80, retry: false });
    venue.faults.stall(true);
    await expect(client.fetch('GET', '/api/time')).rejects.toBeInstanceOf(RequestTimeoutError);
    venue.faults.stall(false);
    const { response } = await client.fetch('GET', '/api/time');
    expect(response.status).toBe(200);
  });

  it('the deadline covers the backoff between retries', async () => {
    await using client = new Client({
      baseUrl: venue.httpUrl,
      apis: {},
      timeoutMs: 150,
      retry: { baseDelayMs: 5000, maxDelayMs: 5000, budgetMs: 60_000, random: () => 0.9 },
    });
    const error = await client
      .fetch('GET', '/api/flaky', { params: { key: 'deadline-backoff', fail: 5 } })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(RequestTimeoutError);
    expect((error as Error).message).toMatch(/\(backing off before a retry\)$/);
  });

  it('the session’s headers timeout is a retryable RequestTimeoutError', async () => {
    await using session = new HttpSession({ headersTimeoutMs: 60 });
    await using client = new Client({ baseUrl: venue.httpUrl, apis: {}, session, retry: false });
    const error = await client.fetch('GET', '/api/slow', { params: { ms: 2000 } }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(RequestTimeoutError);
    expect((error as Error).message).toMatch(/no response headers arrived in time/);
  });

  it('rejects an invalid timeout', async () => {
    await using client = new Client({ baseUrl: venue.httpUrl, apis: {} });
    await expect(client.fetch('GET', '/api/time', { timeoutMs: 0 })).rejects.toThrow(
      /timeoutMs must be a positive/,
    );
  });
});

describe('AbortSignal', () => {
  it('aborts a request on the wire with the signal’s reason and frees the slot', async () => {
    const controller = new AbortController();
    venue.sim.route('GET', '/abort-on-arrival', () => {
      controller.abort(new Error('changed my mind'));
      return new Promise(() => {});
    });
    await using client = new Client({ baseUrl: venue.httpUrl, apis: {} });
    await expect(client.fetch('GET', '/abort-on-arrival', { signal: controller.signal })).rejects.toThrow(
      'changed my mind',
    );
    await settle(() => client.session.stats.inFlight === 0);
  });

  it('an already-aborted signal sends nothing', async () => {
    await using client = new Client({ baseUrl: venue.httpUrl, apis: {} });
    const before = venue.sim.stats.httpRequests;
    const error = await client
      .fetch('GET', '/api/time', { signal: AbortSignal.abort() })
      .catch((e: unknown) => e);
    expect((error as Error).name).toBe('AbortError');
    expect(venue.sim.stats.httpRequests).toBe(before);
  });

  it('aborts a request waiting for a connection slot without sending it', async () => {
    await using session = new HttpSession({ maxConnections: 1 });
    await using client = new Client({ baseUrl: venue.httpUrl, apis: {}, session });
    const timeRequests = (): number => venue.requests.filter((r) => r.path === '/api/time').length;
    const before = timeRequests();
    const slow = client.fetch('GET', '/api/slow', { params: { ms: 150 } });
    const controller = new AbortController();
    const queued = client.fetch('GET', '/api/time', { signal: controller.signal });
    expect(session.stats).toMatchObject({ inFlight: 1, queued: 1 });
    controller.abort(new Error('not needed'));
    await expect(queued).rejects.toThrow('not needed');
    expect(session.stats.queued).toBe(0);
    await slow;
    expect(session.stats.requests).toBe(2);
    expect(timeRequests()).toBe(before);
  });
});
