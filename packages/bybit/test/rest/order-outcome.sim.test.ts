// Which failed order requests are "outcome unknown" (BybitOrderOutcomeUnknownError, not retryable)
// and which stay ordinary retryable errors: only a request that may have reached Bybit is unknown —
// one still waiting for the rate limiter, or refused before it was written, never left this machine.
// Every unknown outcome names the client order id twice: details.clientOrderId (the venuekit
// convention) and details.orderLinkId (Bybit's name).
import { createServer, type Server, type Socket } from 'node:net';
import {
  FakeClock,
  isRetryable,
  NetworkError,
  RateLimiter,
  RequestTimeoutError,
  silentLogger,
} from '@venuekit/base';
import { BybitHttpClient, BybitOrderOutcomeUnknownError } from '@venuekit/bybit/plugin';
import { afterEach, describe, expect, it } from 'vitest';
import { type BybitSim, SIM_KEY, simClient, startBybitSim } from './sim-helpers.js';

const order = {
  category: 'linear',
  symbol: 'BTCUSDT',
  side: 'Buy',
  orderType: 'Market',
  qty: '0.001',
  orderLinkId: 'vk-outcome-1',
};

let sim: BybitSim | undefined;
let server: Server | undefined;
afterEach(async () => {
  await sim?.close();
  sim = undefined;
  const s = server;
  server = undefined;
  if (s !== undefined) await new Promise<void>((resolve) => s.close(() => resolve()));
});

/** A loopback server that reads a request and then resets the connection without answering. */
async function resettingServer(): Promise<string> {
  const sockets = new Set<Socket>();
  const s = createServer((socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    socket.on('error', () => undefined);
    socket.once('data', () => socket.resetAndDestroy());
  });
  server = s;
  await new Promise<void>((resolve) => s.listen(0, '127.0.0.1', resolve));
  const address = s.address();
  if (address === null || typeof address === 'string') throw new Error('no port');
  return `http://127.0.0.1:${address.port}`;
}

/** An address on 127.0.0.1 where nothing listens (a port that was just released). */
async function refusingUrl(): Promise<string> {
  const s = createServer();
  await new Promise<void>((resolve) => s.listen(0, '127.0.0.1', resolve));
  const address = s.address();
  if (address === null || typeof address === 'string') throw new Error('no port');
  await new Promise<void>((resolve) => s.close(() => resolve()));
  return `http://127.0.0.1:${address.port}`;
}

describe('BybitHttpClient: unknown order outcomes only when the request may have arrived', () => {
  it('a timeout while waiting for the rate limiter stays a retryable RequestTimeoutError', async () => {
    const clock = new FakeClock();
    const limiter = new RateLimiter([{ name: 'x', kind: 'fixedWindow', intervalMs: 60_000, limit: 1 }], {
      clock,
    });
    expect(limiter.tryAcquire({ endpoint: 'e', method: 'POST' })).toBe(true);
    // Nothing listens at this URL: the request must never get as far as trying to send.
    const client = new BybitHttpClient({
      ...SIM_KEY,
      baseUrl: 'http://127.0.0.1:9',
      limiter,
      clock,
      timeoutMs: 200,
      retry: false,
      logger: silentLogger,
    });
    try {
      const pending = client.post('/v5/order/create', order).catch((e: unknown) => e);
      await clock.advanceAsync(200);
      const error = await pending;
      expect(error).toBeInstanceOf(RequestTimeoutError);
      expect(error).not.toBeInstanceOf(BybitOrderOutcomeUnknownError);
      expect((error as RequestTimeoutError).details).toMatchObject({ phase: 'waiting for the rate limiter' });
      expect(isRetryable(error)).toBe(true);
    } finally {
      await client.close();
    }
  });

  it("an abort while waiting for the rate limiter rejects with the caller's reason (the order never left)", async () => {
    const clock = new FakeClock();
    const limiter = new RateLimiter([{ name: 'x', kind: 'fixedWindow', intervalMs: 60_000, limit: 1 }], {
      clock,
    });
    expect(limiter.tryAcquire({ endpoint: 'e', method: 'POST' })).toBe(true);
    const client = new BybitHttpClient({
      ...SIM_KEY,
      baseUrl: 'http://127.0.0.1:9',
      limiter,
      clock,
      timeoutMs: 10_000,
      retry: false,
      logger: silentLogger,
    });
    try {
      const abort = new AbortController();
      const pending = client
        .post('/v5/order/create', order, { signal: abort.signal })
        .catch((e: unknown) => e);
      await new Promise((r) => setImmediate(r));
      const reason = new Error('changed my mind');
      abort.abort(reason);
      expect(await pending).toBe(reason);
    } finally {
      await client.close();
    }
  });

  it('a connection reset after the request was written is an unknown outcome naming the client order id', async () => {
    const baseUrl = await resettingServer();
    await using client = new BybitHttpClient({ ...SIM_KEY, baseUrl, retry: false, logger: silentLogger });
    const error = await client.post('/v5/order/create', order).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(BybitOrderOutcomeUnknownError);
    expect(isRetryable(error)).toBe(false);
    expect((error as BybitOrderOutcomeUnknownError).cause).toBeInstanceOf(NetworkError);
    expect((error as BybitOrderOutcomeUnknownError).details).toMatchObject({
      clientOrderId: 'vk-outcome-1',
      orderLinkId: 'vk-outcome-1',
      outcomeUnknown: true,
      path: '/v5/order/create',
      method: 'POST',
    });
    expect((error as Error).message).toMatch(/connection failed after the request was sent/);
    expect((error as Error).message).toMatch(/orderLinkId vk-outcome-1/);
  });

  it('the same reset on a read stays a retryable NetworkError', async () => {
    const baseUrl = await resettingServer();
    await using client = new BybitHttpClient({ ...SIM_KEY, baseUrl, retry: false, logger: silentLogger });
    const error = await client.get('/v5/order/realtime', { category: 'linear' }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(NetworkError);
    expect(error).not.toBeInstanceOf(BybitOrderOutcomeUnknownError);
    expect(isRetryable(error)).toBe(true);
  });

  it('a refused connection (the order never left) stays a retryable NetworkError', async () => {
    const baseUrl = await refusingUrl();
    await using client = new BybitHttpClient({ ...SIM_KEY, baseUrl, retry: false, logger: silentLogger });
    const error = await client.post('/v5/order/create', order).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(NetworkError);
    expect(error).not.toBeInstanceOf(BybitOrderOutcomeUnknownError);
    expect(isRetryable(error)).toBe(true);
  });

  it('no answer in time after sending: unknown outcome with clientOrderId and orderLinkId', async () => {
    sim = await startBybitSim();
    await using client = simClient(sim, { retry: false, timeoutMs: 200 });
    sim.faults.stall(true);
    const error = await client.post('/v5/order/amend', { ...order, qty: '0.002' }).catch((e: unknown) => e);
    sim.faults.stall(false);
    expect(error).toBeInstanceOf(BybitOrderOutcomeUnknownError);
    expect((error as BybitOrderOutcomeUnknownError).details).toMatchObject({
      clientOrderId: 'vk-outcome-1',
      orderLinkId: 'vk-outcome-1',
      outcomeUnknown: true,
      phase: 'waiting for the response',
    });
  });

  it('a server failure on an order names the client order id as clientOrderId too', async () => {
    sim = await startBybitSim();
    await using client = simClient(sim, { retry: false });
    sim.faults.httpStatus({
      status: 200,
      body: { retCode: 10016, retMsg: 'Server error', result: {}, retExtInfo: {}, time: 1 },
      path: '/v5/order/create',
    });
    const error = await client.post('/v5/order/create', order).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(BybitOrderOutcomeUnknownError);
    expect((error as BybitOrderOutcomeUnknownError).details).toMatchObject({
      clientOrderId: 'vk-outcome-1',
      orderLinkId: 'vk-outcome-1',
    });
  });
});
