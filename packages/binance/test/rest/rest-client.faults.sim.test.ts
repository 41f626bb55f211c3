// Failures end to end: a skewed server clock (-1021) answered by one re-sync and one retry,
// 5xx answers (GETs retried, orders not: outcome unknown), bodies that are not JSON, HTML error
// pages, refused connections, timeouts and aborts — each a typed error.
import {
  ExchangeUnavailableError,
  InvalidNonceError,
  isRetryable,
  NetworkError,
  OrderOutcomeUnknownError,
  PermissionDeniedError,
  BadRequestError,
  RequestTimeoutError,
  silentLogger,
} from '@venuekit/base';
import { BinanceRestClient } from '@venuekit/binance/plugin';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { type BinanceSim, DOC_CREDENTIALS, simClient, startBinanceSim } from './sim-helpers.js';

let sim: BinanceSim;
let client: BinanceRestClient;

beforeAll(async () => {
  sim = await startBinanceSim({ market: 'spot', limits: { requestWeightPerMinute: 100_000 } });
  sim.sim.route('GET', '/api/v3/venuekitHtml', () => ({ status: 200, body: '<html>maintenance</html>' }));
  sim.sim.route('GET', '/api/v3/venuekitWaf', () => ({ status: 403, body: '<html>Forbidden</html>' }));
  sim.sim.route('GET', '/api/v3/venuekitBadText', () => ({ status: 400, body: 'Bad Request' }));
  client = simClient(sim, 'spot', { retry: { baseDelayMs: 1, maxDelayMs: 5 } });
});
afterEach(() => sim.faults.reset());
afterAll(async () => {
  await client?.close();
  await sim?.close();
});

describe('clock skew (-1021)', () => {
  it('re-syncs the clock and retries once when the server is ahead', async () => {
    sim.faults.skewClock(30_000);
    try {
      const before = sim.stats.httpRequests;
      await expect(client.spotAccount()).resolves.toHaveProperty('balances');
      expect(sim.stats.httpRequests - before).toBe(3); // rejected, /time, retried
      expect(client.clock.offsetMs).toBeGreaterThan(29_000);
      expect(client.clock.offsetMs).toBeLessThan(31_000);
    } finally {
      sim.faults.skewClock(-30_000);
    }
  });

  it('also when the local clock runs ahead, and one re-sync serves many concurrent requests', async () => {
    await client.syncClock();
    sim.faults.skewClock(-10_000);
    try {
      const before = sim.stats.httpRequests;
      const results = await Promise.all(Array.from({ length: 20 }, () => client.openOrders('BTCUSDT')));
      expect(results).toHaveLength(20);
      expect(client.clock.offsetMs).toBeLessThan(-9_000);
      // 20 rejected + 20 retried + one re-sync shared by all.
      expect(sim.stats.httpRequests - before).toBeLessThanOrEqual(41);
    } finally {
      sim.faults.skewClock(10_000);
      await client.syncClock();
    }
  });

  it('gives up with InvalidNonceError after the one retry', async () => {
    const body = { code: -1021, msg: 'Timestamp for this request is outside of the recvWindow.' };
    sim.faults.httpStatus({ status: 400, path: '/api/v3/account', body, times: 2 });
    const error = await client.spotAccount().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(InvalidNonceError);
    expect((error as InvalidNonceError).message).toMatch(/sync the clock/);
  });
});

describe('server failures', () => {
  it('retries a GET after a 5xx', async () => {
    sim.faults.httpStatus({ status: 502, path: '/api/v3/depth' });
    await expect(client.depth('BTCUSDT', 5)).resolves.toHaveProperty('lastUpdateId');
  });

  it('does not retry an order after a 5xx and says its outcome is unknown', async () => {
    sim.faults.httpStatus({
      status: 500,
      path: '/api/v3/order',
      body: {
        code: -1007,
        msg: 'Timeout waiting for response from backend server. Send status unknown; execution status unknown.',
      },
    });
    const before = sim.stats.httpRequests;
    const order = { symbol: 'BTCUSDT', side: 'BUY' as const, type: 'MARKET', quantity: '0.001' };
    const error = await client.placeOrder(order).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(OrderOutcomeUnknownError);
    expect(isRetryable(error)).toBe(false);
    expect((error as Error).message).toMatch(/execution status unknown/);
    expect(sim.stats.httpRequests - before).toBe(1);
  });

  it('turns a 2xx body that is not JSON, an HTML 403 and a text 400 into typed errors', async () => {
    const html = await client
      .request('GET', '/api/v3/venuekitHtml', {}, { signed: false })
      .catch((e: unknown) => e);
    expect(html).toBeInstanceOf(ExchangeUnavailableError);
    expect((html as Error).message).toMatch(/not JSON/);
    await expect(client.request('GET', '/api/v3/venuekitWaf', {}, { signed: false })).rejects.toBeInstanceOf(
      PermissionDeniedError,
    );
    const bad = await client
      .request('GET', '/api/v3/venuekitBadText', {}, { signed: false })
      .catch((e: unknown) => e);
    expect(bad).toBeInstanceOf(BadRequestError);
    expect((bad as BadRequestError).status).toBe(400);
  });
});

describe('transport failures', () => {
  it('a refused connection is a NetworkError', async () => {
    const dead = new BinanceRestClient({
      baseUrl: 'http://127.0.0.1:9',
      logger: silentLogger,
      retry: { baseDelayMs: 1, maxDelayMs: 2 },
    });
    try {
      await expect(dead.time()).rejects.toBeInstanceOf(NetworkError);
      expect(dead.limiter.inFlight).toBe(0);
    } finally {
      await dead.close();
    }
  });

  it('a slow answer is a RequestTimeoutError after timeoutMs', async () => {
    sim.faults.httpLatency(2000);
    const slow = simClient(sim, 'spot', { timeoutMs: 150, retry: false, credentials: DOC_CREDENTIALS });
    try {
      const error = await slow.time().catch((e: unknown) => e);
      expect(error).toBeInstanceOf(RequestTimeoutError);
      expect(slow.limiter.inFlight).toBe(0);
    } finally {
      await slow.close();
    }
  });

  it('an aborted call rejects with the signal’s reason, also while waiting for the limiter', async () => {
    const paused = simClient(sim, 'spot');
    try {
      paused.limiter.pause(60_000, false);
      const controller = new AbortController();
      const waiting = paused
        .request('GET', '/api/v3/time', undefined, { signal: controller.signal })
        .catch((e: unknown) => e);
      controller.abort(new Error('user cancelled'));
      expect(((await waiting) as Error).message).toBe('user cancelled');
    } finally {
      await paused.close();
    }
  });
});
