import {
  AuthenticationError,
  BadRequestError,
  createVenueErrorMapper,
  errorClassForStatus,
  ExchangeUnavailableError,
  InsufficientFundsError,
  InvalidNonceError,
  IpBannedError,
  isRetryable,
  OrderNotFoundError,
  PermissionDeniedError,
  RateLimitError,
  RequestTimeoutError,
  VenueError,
} from '@venuekit/base';
import { describe, expect, it } from 'vitest';

describe('errorClassForStatus', () => {
  it.each([
    [400, BadRequestError],
    [401, AuthenticationError],
    [403, PermissionDeniedError],
    [404, BadRequestError],
    [408, RequestTimeoutError],
    [418, IpBannedError],
    [429, RateLimitError],
    [500, ExchangeUnavailableError],
    [503, ExchangeUnavailableError],
    [302, VenueError],
    [undefined, VenueError],
  ])('%s → %o', (status, cls) => {
    expect(errorClassForStatus(status)).toBe(cls);
  });
});

describe('createVenueErrorMapper', () => {
  const toError = createVenueErrorMapper({
    venue: 'binance',
    codes: { '-1021': InvalidNonceError, '-2010': InsufficientFundsError, '-2013': OrderNotFoundError },
    messages: [[/insufficient balance/i, InsufficientFundsError]],
    statuses: { 409: OrderNotFoundError },
  });

  it('maps a known code, whatever the status, and builds an actionable message', () => {
    const error = toError({
      code: -1021,
      message: 'Timestamp for this request is outside of the recvWindow.',
      status: 400,
    });
    expect(error).toBeInstanceOf(InvalidNonceError);
    expect(error.message).toBe(
      'binance: Timestamp for this request is outside of the recvWindow. (code -1021, HTTP 400)',
    );
    expect(error).toMatchObject({ venue: 'binance', code: -1021, status: 400 });
    expect(isRetryable(error)).toBe(true);
  });

  it('matches string and number codes alike', () => {
    expect(toError({ code: '-2013', message: 'Order does not exist.' })).toBeInstanceOf(OrderNotFoundError);
  });

  it('falls back to message patterns, then per-venue statuses, then the generic status table', () => {
    expect(toError({ code: -9999, message: 'Account has insufficient balance' })).toBeInstanceOf(
      InsufficientFundsError,
    );
    expect(toError({ status: 409, message: 'conflict' })).toBeInstanceOf(OrderNotFoundError);
    expect(toError({ status: 503, message: 'Service Unavailable' })).toBeInstanceOf(ExchangeUnavailableError);
    const unknown = toError({});
    expect(unknown.constructor).toBe(VenueError);
    expect(unknown.message).toBe('binance: request failed');
  });

  it('passes retryAfterMs, details and cause through', () => {
    const cause = new Error('HTTP 429');
    const error = toError({
      status: 429,
      message: 'Too many requests',
      retryAfterMs: 3000,
      details: { path: '/x' },
      cause,
    });
    expect(error).toBeInstanceOf(RateLimitError);
    expect((error as RateLimitError).retryAfterMs).toBe(3000);
    expect(error.details).toEqual({ path: '/x' });
    expect(error.cause).toBe(cause);
  });

  it('is not confused by a global regex used twice', () => {
    const mapper = createVenueErrorMapper({ venue: 'v', messages: [[/margin/g, InsufficientFundsError]] });
    expect(mapper({ message: 'no margin' })).toBeInstanceOf(InsufficientFundsError);
    expect(mapper({ message: 'no margin' })).toBeInstanceOf(InsufficientFundsError);
  });
});
