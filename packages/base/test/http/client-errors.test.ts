// Status mapping to typed errors, the venue's errorMapper (consulted first, for HTTP 200 too),
// throwHttpErrors: false, and the onResponse hook.
import {
  AuthenticationError,
  BadRequestError,
  Client,
  ExchangeUnavailableError,
  InvalidOrderError,
  IpBannedError,
  PermissionDeniedError,
  RateLimitError,
  RequestTimeoutError,
  type VenueError,
} from '@venuekit/base';
import { startGenericVenue, type GenericVenue } from '@venuekit/testkit';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { captureLogger } from './support/capture-logger.js';

let venue: GenericVenue;
let client: Client;

beforeAll(async () => {
  venue = await startGenericVenue();
  client = new Client({ baseUrl: venue.httpUrl, apis: {}, retry: false, venue: 'generic' });
});
afterEach(() => venue.faults.reset());
afterAll(async () => {
  await client.close();
  await venue.close();
});

async function failure(status: number, retryAfterS?: number): Promise<VenueError> {
  venue.faults.httpStatus({
    status,
    path: '/api/time',
    body: { code: `E${status}`, msg: `venue says ${status}` },
    ...(retryAfterS === undefined ? {} : { retryAfterS }),
  });
  return (await client.fetch('GET', '/api/time').catch((e: unknown) => e)) as VenueError;
}

describe('status mapping', () => {
  it.each([
    [400, BadRequestError],
    [401, AuthenticationError],
    [403, PermissionDeniedError],
    [404, BadRequestError],
    [408, RequestTimeoutError],
    [409, BadRequestError],
    [500, ExchangeUnavailableError],
    [503, ExchangeUnavailableError],
  ] as const)('HTTP %i → %o', async (status, type) => {
    const error = await failure(status);
    expect(error).toBeInstanceOf(type);
    expect(error.status).toBe(status);
    expect(error.venue).toBe('generic');
    expect(error.code).toBe(`E${status}`);
    expect(error.venueMessage).toBe(`venue says ${status}`);
    expect(error.message).toContain(`GET ${venue.httpUrl}/api/time → HTTP ${status}`);
    expect(error.message).toContain(`venue says ${status} (code E${status})`);
  });

  it('429 → RateLimitError with retryAfterMs from Retry-After', async () => {
    const error = await failure(429, 1.5);
    expect(error).toBeInstanceOf(RateLimitError);
    expect((error as RateLimitError).retryAfterMs).toBe(1500);
    expect(error.message).toMatch(/rate limited for 1\.5 s/);
  });

  it('418 → IpBannedError with retryAfterMs', async () => {
    const error = await failure(418, 120);
    expect(error).toBeInstanceOf(IpBannedError);
    expect((error as IpBannedError).retryAfterMs).toBe(120_000);
    expect(error.message).toMatch(/IP banned for 120 s/);
  });

  it('throwHttpErrors: false returns the error response', async () => {
    venue.faults.httpStatus({ status: 400, path: '/api/time' });
    const { response, data } = await client.fetch('GET', '/api/time', { throwHttpErrors: false });
    expect(response.status).toBe(400);
    expect(response.ok).toBe(false);
    expect(data).toMatchObject({ code: expect.any(String) });
  });

  it('a non-JSON 5xx page still maps, without dumping the page into the message', async () => {
    venue.sim.route('GET', '/html-error', () => ({
      status: 502,
      body: '<html><body>Bad gateway</body></html>',
    }));
    const error = (await client.fetch('GET', '/html-error').catch((e: unknown) => e)) as VenueError;
    expect(error).toBeInstanceOf(ExchangeUnavailableError);
    expect(error.message).not.toContain('<html>');
  });
});

describe('errorMapper', () => {
  it('is consulted first, also for HTTP 200 business errors', async () => {
    venue.sim.route('POST', '/v5/order/create', (req) => ({
      json: req.body.includes('"qty":"0"')
        ? { retCode: 10001, retMsg: 'qty invalid', result: {} }
        : { retCode: 0, result: { orderId: '1' } },
    }));
    const seen: number[] = [];
    await using bybitLike = new Client({
      baseUrl: venue.httpUrl,
      apis: {},
      venue: 'bybitlike',
      errorMapper: ({ status, data, venue: name }) => {
        seen.push(status);
        const body = data as { retCode?: number; retMsg?: string };
        if (body.retCode === 10001)
          return new InvalidOrderError(body.retMsg ?? 'invalid', { venue: name, code: body.retCode });
        return undefined;
      },
    });
    const ok = await bybitLike.fetch<{ result: { orderId: string } }>('POST', '/v5/order/create', {
      data: { qty: '1' },
    });
    expect(ok.data.result.orderId).toBe('1');
    const error = (await bybitLike
      .fetch('POST', '/v5/order/create', { data: { qty: '0' } })
      .catch((e: unknown) => e)) as VenueError;
    expect(error).toBeInstanceOf(InvalidOrderError);
    expect(error.code).toBe(10001);
    expect(error.venue).toBe('bybitlike');
    // A mapper that returns nothing leaves the status mapping in charge.
    venue.faults.httpStatus({ status: 401, path: '/v5/order/create' });
    await expect(bybitLike.fetch('POST', '/v5/order/create', { data: { qty: '1' } })).rejects.toBeInstanceOf(
      AuthenticationError,
    );
    expect(seen).toEqual([200, 200, 401]);
  });
});

describe('onResponse', () => {
  it('sees every response with its headers, before errors are mapped', async () => {
    venue.sim.route('GET', '/weighted', () => ({
      headers: { 'x-used-weight-1m': '42' },
      json: { ok: true },
    }));
    const used: Array<[number, string | undefined, string]> = [];
    await using hooked = new Client({
      baseUrl: venue.httpUrl,
      apis: {},
      retry: false,
      onResponse: (res, ctx) => used.push([res.status, res.header('X-Used-Weight-1M'), ctx.endpoint]),
    });
    await hooked.fetch('GET', '/weighted', { endpoint: 'weighted' });
    venue.faults.httpStatus({ status: 500, path: '/weighted' });
    await expect(hooked.fetch('GET', '/weighted')).rejects.toBeInstanceOf(ExchangeUnavailableError);
    expect(used).toEqual([
      [200, '42', 'weighted'],
      [500, undefined, '/weighted'],
    ]);
  });

  it('a throwing hook is logged and the response still returned', async () => {
    const { logger, count } = captureLogger();
    await using hooked = new Client({
      baseUrl: venue.httpUrl,
      apis: {},
      logger,
      onResponse: () => {
        throw new Error('hook bug');
      },
    });
    const { response } = await hooked.fetch('GET', '/api/time');
    expect(response.status).toBe(200);
    expect(count('onResponse hook threw')).toBe(1);
  });
});
