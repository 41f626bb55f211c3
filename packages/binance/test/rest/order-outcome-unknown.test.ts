// An order placement that may have reached Binance and got no answer (the server never answers,
// or resets the connection after reading the request) is OrderOutcomeUnknownError — not
// retryable, naming the clientOrderId sent and `outcomeUnknown: true` — while a read that fails
// the same way stays a retryable RequestTimeoutError / NetworkError, and an order that provably
// never left (connection refused) stays a retryable NetworkError. Local loopback servers only.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import {
  isRetryable,
  NetworkError,
  OrderOutcomeUnknownError,
  RequestTimeoutError,
  silentLogger,
} from '@venuekit/base';
import { BinanceRestClient } from '@venuekit/binance/plugin';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const CREDENTIALS = { apiKey: 'k', secret: 's' };
const ORDER = {
  symbol: 'BTCUSDT',
  side: 'BUY',
  type: 'MARKET',
  quantity: '1',
  newClientOrderId: 'abc-1',
} as const;

/** A server that reads every request and then never answers, or resets the connection. */
async function startServer(
  behaviour: 'silent' | 'reset',
): Promise<{ server: Server; url: string; seen: string[] }> {
  const seen: string[] = [];
  const server = createServer((request) => {
    seen.push(`${request.method} ${request.url?.split('?')[0]}`);
    request.resume();
    if (behaviour === 'reset') request.on('end', () => request.socket.destroy());
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  return { server, url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, seen };
}

function clientOf(baseUrl: string): BinanceRestClient {
  return new BinanceRestClient({
    baseUrl,
    credentials: CREDENTIALS,
    timeoutMs: 200,
    logger: silentLogger,
    retry: false,
    rateLimits: [],
  });
}

let silent: Awaited<ReturnType<typeof startServer>>;
let resetting: Awaited<ReturnType<typeof startServer>>;

beforeAll(async () => {
  silent = await startServer('silent');
  resetting = await startServer('reset');
});
afterAll(() => {
  for (const { server } of [silent, resetting]) {
    server.closeAllConnections();
    server.close();
  }
});

describe('an order placement without an answer', () => {
  it('timed out after sending: OrderOutcomeUnknownError with the clientOrderId, not retryable', async () => {
    const client = clientOf(silent.url);
    try {
      const error = await client.request('POST', '/api/v3/order', { ...ORDER }).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(OrderOutcomeUnknownError);
      expect(isRetryable(error)).toBe(false);
      expect(error).toMatchObject({
        venue: 'binance',
        details: { clientOrderId: 'abc-1', outcomeUnknown: true, path: '/api/v3/order', method: 'POST' },
      });
      expect((error as Error).message).toMatch(/abc-1/);
      expect((error as Error).cause).toBeInstanceOf(RequestTimeoutError);
      expect(silent.seen).toContain('POST /api/v3/order');
    } finally {
      await client.close();
    }
  });

  it('connection reset after sending (typed placeOrder, USD-M modify too): outcome unknown', async () => {
    const spot = clientOf(resetting.url);
    const usdm = new BinanceRestClient({
      market: 'usdm',
      baseUrl: resetting.url,
      credentials: CREDENTIALS,
      timeoutMs: 2000,
      logger: silentLogger,
      retry: false,
      rateLimits: [],
    });
    try {
      const placed = await spot.placeOrder({ ...ORDER }).catch((e: unknown) => e);
      expect(placed).toBeInstanceOf(OrderOutcomeUnknownError);
      expect((placed as Error).cause).toBeInstanceOf(NetworkError);
      expect(placed).toMatchObject({ details: { clientOrderId: 'abc-1', outcomeUnknown: true } });
      const modified = await usdm
        .request('PUT', '/fapi/v1/order', {
          symbol: 'BTCUSDT',
          origClientOrderId: 'mine-7',
          side: 'BUY',
          quantity: '1',
          price: '1',
        })
        .catch((e: unknown) => e);
      expect(modified).toBeInstanceOf(OrderOutcomeUnknownError);
      expect(modified).toMatchObject({ details: { clientOrderId: 'mine-7', outcomeUnknown: true } });
    } finally {
      await spot.close();
      await usdm.close();
    }
  });

  it('aborted by the caller after sending: outcome unknown, the reason as its cause', async () => {
    const client = clientOf(silent.url);
    try {
      const controller = new AbortController();
      const before = silent.seen.length;
      const pending = client
        .request('POST', '/api/v3/order', { ...ORDER }, { signal: controller.signal, timeoutMs: 5000 })
        .catch((e: unknown) => e);
      while (silent.seen.length === before) await new Promise((resolve) => setImmediate(resolve));
      const reason = new Error('user cancelled');
      controller.abort(reason);
      const error = await pending;
      expect(error).toBeInstanceOf(OrderOutcomeUnknownError);
      expect((error as Error).cause).toBe(reason);
      expect(error).toMatchObject({ details: { clientOrderId: 'abc-1', outcomeUnknown: true } });
    } finally {
      await client.close();
    }
  });

  it('a batch names every clientOrderId it carried', async () => {
    const usdm = new BinanceRestClient({
      market: 'usdm',
      baseUrl: silent.url,
      credentials: CREDENTIALS,
      timeoutMs: 200,
      logger: silentLogger,
      retry: false,
      rateLimits: [],
    });
    try {
      const batch = JSON.stringify([
        { symbol: 'BTCUSDT', side: 'BUY', type: 'MARKET', quantity: '1', newClientOrderId: 'b-1' },
        { symbol: 'BTCUSDT', side: 'BUY', type: 'MARKET', quantity: '1', newClientOrderId: 'b-2' },
      ]);
      const error = await usdm
        .request('POST', '/fapi/v1/batchOrders', { batchOrders: batch })
        .catch((e: unknown) => e);
      expect(error).toBeInstanceOf(OrderOutcomeUnknownError);
      expect(error).toMatchObject({ details: { clientOrderIds: ['b-1', 'b-2'], outcomeUnknown: true } });
    } finally {
      await usdm.close();
    }
  });
});

describe('what stays retryable', () => {
  it('a read that times out is a RequestTimeoutError', async () => {
    const client = clientOf(silent.url);
    try {
      const error = await client.request('GET', '/api/v3/openOrders', {}).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(RequestTimeoutError);
      expect(isRetryable(error)).toBe(true);
    } finally {
      await client.close();
    }
  });

  it('an order whose connection was refused never left: a retryable NetworkError', async () => {
    const closed = await startServer('silent');
    const url = closed.url;
    await new Promise<void>((resolve) => closed.server.close(() => resolve()));
    const client = clientOf(url);
    try {
      const error = await client.placeOrder({ ...ORDER }).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(NetworkError);
      expect(error).not.toBeInstanceOf(OrderOutcomeUnknownError);
      expect(isRetryable(error)).toBe(true);
    } finally {
      await client.close();
    }
  });
});
