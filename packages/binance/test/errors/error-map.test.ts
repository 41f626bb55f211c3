// Binance codes and HTTP statuses → typed VenueErrors: the class, the kept venue code and
// message, the hint, retryAfterMs from every source Binance offers, and no secret in the output.
import {
  AuthenticationError,
  BadRequestError,
  BadSymbolError,
  ExchangeUnavailableError,
  InsufficientFundsError,
  InvalidNonceError,
  InvalidOrderError,
  IpBannedError,
  isRetryable,
  OrderNotFoundError,
  OrderOutcomeUnknownError,
  PermissionDeniedError,
  RateLimitError,
  registerSecret,
  type VenueErrorClass,
} from '@venuekit/base';
import { binanceCodeAndMessage, binanceError, binanceWsApiError } from '@venuekit/binance/plugin';
import { describe, expect, it } from 'vitest';

const NOW = 1_699_999_992_345; // 12.345 s into a minute (1_699_999_980_000 is a minute boundary)

const cases: Array<[code: number, msg: string, status: number, expected: VenueErrorClass, extra?: object]> = [
  [-1021, 'Timestamp for this request is outside of the recvWindow.', 400, InvalidNonceError],
  [
    -5028,
    'Timestamp for this request is outside of the ME recvWindow.',
    400,
    InvalidNonceError,
    { market: 'usdm' },
  ],
  [-1022, 'Signature for this request is not valid.', 400, AuthenticationError],
  [-2014, 'API-key format invalid.', 401, AuthenticationError],
  [-2015, 'Invalid API-key, IP, or permissions for action.', 401, AuthenticationError],
  [-2010, 'Account has insufficient balance for requested action.', 400, InsufficientFundsError],
  [-2010, 'Order would immediately match and take.', 400, InvalidOrderError],
  [-2011, 'Unknown order sent.', 400, OrderNotFoundError],
  [-2013, 'Order does not exist.', 400, OrderNotFoundError],
  [
    -2026,
    'Order was canceled or expired with no executed qty over 90 days ago and has been archived.',
    400,
    OrderNotFoundError,
  ],
  [-2026, 'This OrderType is not supported when reduceOnly.', 400, InvalidOrderError, { market: 'usdm' }],
  [-2021, 'Order cancel-replace partially failed.', 409, InvalidOrderError],
  [-2022, 'ReduceOnly Order is rejected.', 400, InvalidOrderError, { market: 'usdm' }],
  [-2019, 'Margin is insufficient.', 400, InsufficientFundsError, { market: 'usdm' }],
  [-1121, 'Invalid symbol.', 400, BadSymbolError],
  [-1013, 'Filter failure: LOT_SIZE', 400, InvalidOrderError],
  [
    -1102,
    "Mandatory parameter 'price' was not sent, was empty/null, or malformed.",
    400,
    InvalidOrderError,
    { placesOrder: true },
  ],
  [-1102, "Mandatory parameter 'symbol' was not sent, was empty/null, or malformed.", 400, BadRequestError],
  [-1100, "Illegal characters found in parameter 'symbol'.", 400, BadRequestError],
  [
    -4164,
    "Order's notional must be no smaller than 5.0",
    400,
    InvalidOrderError,
    { market: 'usdm', placesOrder: true },
  ],
  [
    -4120,
    'Order type not supported for this endpoint.',
    400,
    InvalidOrderError,
    { market: 'usdm', placesOrder: true },
  ],
  [
    -5022,
    'Due to the order could not be executed as maker, the Post Only order will be rejected.',
    400,
    InvalidOrderError,
    { market: 'usdm' },
  ],
  [
    -1003,
    'Too much request weight used; current limit is 6000 request weight per 1 MINUTE.',
    429,
    RateLimitError,
  ],
  [-1015, 'Too many new orders; current limit is 50 orders per 10 SECOND.', 429, RateLimitError],
  [-1003, 'Way too much request weight used; IP banned until 1700000112345.', 418, IpBannedError],
  [
    -1007,
    'Timeout waiting for response from backend server. Send status unknown; execution status unknown.',
    500,
    ExchangeUnavailableError,
  ],
  [-1008, 'Request throttled by system-level protection.', 503, ExchangeUnavailableError, { market: 'usdm' }],
];

describe('binanceError: codes', () => {
  it.each(cases)('%i "%s" (HTTP %i) → %o', (code, msg, status, expected, extra) => {
    const error = binanceError({
      code,
      msg,
      status,
      now: NOW,
      method: 'POST',
      path: '/api/v3/order',
      ...extra,
    });
    expect(error).toBeInstanceOf(expected);
    expect(error.constructor).toBe(expected);
    expect(error.venue).toBe('binance');
    expect(error.code).toBe(code);
    expect(error.venueMessage).toBe(msg);
    expect(error.status).toBe(status);
    expect(error.message).toContain(msg);
    expect(error.message).toContain(`code ${code}`);
    expect(error.message).toMatch(/ — \S/); // a hint follows
  });

  it('says the outcome is unknown for a failed order, and only "retry later" for a failed read', () => {
    const post = binanceError({
      code: -1007,
      msg: 'Timeout',
      status: 500,
      now: NOW,
      method: 'POST',
      path: '/api/v3/order',
      placesOrder: true,
    });
    expect(post.message).toMatch(/execution status unknown/);
    expect(post.message).toMatch(/query the order/);
    // Resending an order whose fate is unknown could double it: not retryable.
    expect(post).toBeInstanceOf(OrderOutcomeUnknownError);
    expect(isRetryable(post)).toBe(false);
    const placed5xx = binanceError({
      status: 502,
      now: NOW,
      method: 'POST',
      path: '/fapi/v1/order',
      market: 'usdm',
      placesOrder: true,
    });
    expect(placed5xx).toBeInstanceOf(OrderOutcomeUnknownError);
    // A cancel may be repeated (a second one is just "unknown order"), so it stays retryable.
    const cancel = binanceError({
      code: -1007,
      msg: 'Timeout',
      status: 500,
      now: NOW,
      method: 'DELETE',
      path: '/api/v3/order',
    });
    expect(cancel).toBeInstanceOf(ExchangeUnavailableError);
    expect(cancel.message).toMatch(/execution status unknown/);
    expect(isRetryable(cancel)).toBe(true);
    const get = binanceError({ status: 502, now: NOW, method: 'GET', path: '/api/v3/depth' });
    expect(get).toBeInstanceOf(ExchangeUnavailableError);
    expect(get.message).toMatch(/retry later/);
  });

  it('keeps -2015 an AuthenticationError (key, IP and permission are indistinguishable) with all three hints', () => {
    const error = binanceError({
      code: -2015,
      msg: 'Invalid API-key, IP, or permissions for action.',
      status: 401,
      now: NOW,
    });
    expect(error).not.toBeInstanceOf(PermissionDeniedError);
    expect(error.message).toMatch(/whitelisted/);
    expect(error.message).toMatch(/permission/);
  });
});

describe('binanceError: statuses without a code', () => {
  it.each([
    [418, IpBannedError],
    [429, RateLimitError],
    [403, PermissionDeniedError],
    [404, BadRequestError],
    [500, ExchangeUnavailableError],
    [503, ExchangeUnavailableError],
  ] as const)('HTTP %i → %o', (status, expected) => {
    const error = binanceError({ status, now: NOW, method: 'GET', path: '/api/v3/time' });
    expect(error.constructor).toBe(expected);
    expect(error.message).toContain(`HTTP ${status}`);
  });
});

describe('binanceError: retryAfterMs', () => {
  it('prefers Retry-After', () => {
    const e = binanceError({
      code: -1003,
      msg: 'Too much request weight used',
      status: 429,
      retryAfter: '7',
      now: NOW,
    });
    expect((e as RateLimitError).retryAfterMs).toBe(7000);
  });
  it('reads the ban end from a 418 message', () => {
    const e = binanceError({
      code: -1003,
      msg: 'Way too much request weight used; IP banned until 1700000112345.',
      status: 418,
      now: NOW,
    });
    expect((e as IpBannedError).retryAfterMs).toBe(120_000);
    expect(e.message).toMatch(/retry after 2 min/);
  });
  it('waits for the end of the named window when nothing else says', () => {
    const weight = binanceError({
      code: -1003,
      msg: 'current limit is 6000 request weight per 1 MINUTE.',
      status: 429,
      now: NOW,
    });
    expect((weight as RateLimitError).retryAfterMs).toBe(60_000 - 12_345);
    const orders = binanceError({
      code: -1015,
      msg: 'Too many new orders; current limit is 50 orders per 10 SECOND.',
      status: 429,
      now: NOW,
    });
    expect((orders as RateLimitError).retryAfterMs).toBe(10_000 - 2_345);
  });
  it('reads the WS API retryAfter and serverTime', () => {
    const e = binanceWsApiError(
      {
        status: 418,
        error: {
          code: -1003,
          msg: 'Way too much request weight used; IP banned until 1659146400000.',
          data: { serverTime: 1659142907531, retryAfter: 1659146400000 },
        },
      },
      { method: 'order.place', now: 0 },
    );
    expect(e).toBeInstanceOf(IpBannedError);
    expect((e as IpBannedError).retryAfterMs).toBe(1659146400000 - 1659142907531);
  });
  it('treats a WS API order.place parameter error as an invalid order and a read as a bad request', () => {
    const place = binanceWsApiError(
      { status: 400, error: { code: -1102, msg: 'missing price' } },
      { method: 'order.place', now: NOW },
    );
    expect(place).toBeInstanceOf(InvalidOrderError);
    const read = binanceWsApiError(
      { status: 400, error: { code: -1102, msg: 'missing symbol' } },
      { method: 'depth', now: NOW },
    );
    expect(read).toBeInstanceOf(BadRequestError);
    const status = binanceWsApiError({ status: 503, error: {} }, { method: 'order.status', now: NOW });
    expect(status.message).toMatch(/retry later/);
  });
});

describe('binanceError: secrets and bodies', () => {
  it('never shows a registered secret, even when Binance echoes one', () => {
    const secret = 'SuperSecretValue0123456789abcdef';
    registerSecret(secret);
    const e = binanceError({
      code: -1022,
      msg: `bad signature for ${secret}`,
      status: 400,
      now: NOW,
      data: { key: secret },
    });
    expect(e.message).not.toContain(secret);
    expect(JSON.stringify(e)).not.toContain(secret);
  });
  it('reads {code,msg} from a body, tolerating other shapes', () => {
    expect(binanceCodeAndMessage({ code: -1121, msg: 'Invalid symbol.' })).toEqual({
      code: -1121,
      msg: 'Invalid symbol.',
    });
    expect(binanceCodeAndMessage({ code: '-1121' })).toEqual({ code: -1121 });
    expect(binanceCodeAndMessage('<html>')).toEqual({});
    expect(binanceCodeAndMessage([1, 2])).toEqual({});
  });
});
