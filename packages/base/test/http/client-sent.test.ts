// `details.sent` on a failed call: whether the request had started to go out, so whether it may
// have reached the venue — what an adapter needs to tell an order whose outcome is unknown from
// one that never left. Real loopback servers: one that never answers, one that resets the
// connection after reading the request, a refused port, and a call held by the rate limiter.
import { createServer, type Server } from 'node:net';
import { Client, NetworkError, RateLimiter, RequestTimeoutError, requestSent } from '@venuekit/base';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

let silent: Server;
let resetting: Server;
const origin = (server: Server) => `http://127.0.0.1:${(server.address() as { port: number }).port}`;
const listen = (server: Server) => new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));

beforeAll(async () => {
  silent = createServer(() => {});
  resetting = createServer((socket) => socket.once('data', () => socket.resetAndDestroy()));
  await Promise.all([listen(silent), listen(resetting)]);
});
afterAll(() => {
  silent.close();
  resetting.close();
});

async function failure(client: Client): Promise<{ error: unknown; details: Record<string, unknown> }> {
  const error = await client.fetch('POST', '/order', { data: { qty: '1' } }).then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeDefined();
  return { error, details: (error as RequestTimeoutError).details ?? {} };
}

describe('requestSent on an aborted call', () => {
  it('is true when the abort came while the venue held the request', async () => {
    await using client = new Client({ baseUrl: origin(silent), timeoutMs: 5000 });
    const abort = new AbortController();
    const call = client
      .fetch('POST', '/order', { data: { qty: '1' }, signal: abort.signal })
      .catch((e: unknown) => e);
    await new Promise<void>((resolve) => silent.once('connection', () => setImmediate(resolve)));
    const reason = new Error('stop');
    abort.abort(reason);
    // On the wire, undici reports the abort as the connection's failure: the reason or a
    // NetworkError naming it; either way the call says the request had gone out.
    const error = await call;
    expect(error === reason || (error instanceof NetworkError && error.message.includes('stop'))).toBe(true);
    expect(requestSent(error)).toBe(true);
  });

  it('is false when the abort came while the rate limiter held the call', async () => {
    const limiter = new RateLimiter([{ name: 'one', kind: 'fixedWindow', intervalMs: 60_000, limit: 1 }]);
    expect(limiter.tryAcquire({})).toBe(true);
    await using client = new Client({ baseUrl: origin(silent), timeoutMs: 5000, limiter });
    const abort = new AbortController();
    const call = client
      .fetch('POST', '/order', { data: { qty: '1' }, signal: abort.signal })
      .catch((e: unknown) => e);
    await new Promise((r) => setImmediate(r));
    const reason = new Error('stop');
    abort.abort(reason);
    expect(await call).toBe(reason);
    expect(requestSent(reason)).toBe(false);
    expect(requestSent(new Error('unrelated'))).toBeUndefined();
  });
});

describe('details.sent', () => {
  it('is true for a timeout while the venue holds the request, and for a reset after it was written', async () => {
    await using waiting = new Client({ baseUrl: origin(silent), timeoutMs: 200 });
    const timedOut = await failure(waiting);
    expect(timedOut.error).toBeInstanceOf(RequestTimeoutError);
    expect(timedOut.details).toMatchObject({ phase: 'waiting for the response', sent: true });
    await using reset = new Client({ baseUrl: origin(resetting), timeoutMs: 5000 });
    const dropped = await failure(reset);
    expect(dropped.error).toBeInstanceOf(NetworkError);
    expect(dropped.details.sent).toBe(true);
  });

  it('is false for a refused connection and for a call still held by the rate limiter', async () => {
    await using refused = new Client({ baseUrl: 'http://127.0.0.1:1', timeoutMs: 5000 });
    const notConnected = await failure(refused);
    expect(notConnected.error).toBeInstanceOf(NetworkError);
    expect(notConnected.details.sent).toBe(false);
    const limiter = new RateLimiter([{ name: 'one', kind: 'fixedWindow', intervalMs: 60_000, limit: 1 }]);
    expect(limiter.tryAcquire({})).toBe(true);
    await using held = new Client({ baseUrl: origin(silent), timeoutMs: 200, limiter });
    const queued = await failure(held);
    expect(queued.error).toBeInstanceOf(RequestTimeoutError);
    expect(queued.details).toMatchObject({ phase: 'waiting for the rate limiter', sent: false });
  });
});
