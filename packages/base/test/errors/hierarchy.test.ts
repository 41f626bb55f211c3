import * as base from '@venuekit/base';
import {
  AuthenticationError,
  BadRequestError,
  BadSymbolError,
  ChecksumError,
  ConfigError,
  ExchangeNotFoundError,
  ExchangeUnavailableError,
  InsufficientFundsError,
  InvalidNonceError,
  InvalidOrderError,
  IpBannedError,
  isAuthError,
  isNetworkError,
  isRateLimitError,
  isRetryable,
  isUserRecoverable,
  NetworkError,
  NotSupportedError,
  OrderNotFoundError,
  PermissionDeniedError,
  RateLimitError,
  RequestTimeoutError,
  SequenceGapError,
  SubscriptionError,
  ValidationError,
  VenueError,
} from '@venuekit/base';
import { describe, expect, it } from 'vitest';

type AnyErrorClass = new (message: string, options?: base.RateLimitErrorOptions) => VenueError;

/** Expected parent and predicate answers for every class DESIGN.md names. */
const TABLE: ReadonlyArray<
  [cls: AnyErrorClass, parent: AnyErrorClass, network: boolean, retryable: boolean, userRecoverable: boolean]
> = [
  [NetworkError, VenueError, true, true, false],
  [RequestTimeoutError, NetworkError, true, true, false],
  [ExchangeUnavailableError, VenueError, false, true, false],
  [AuthenticationError, VenueError, false, false, false],
  [PermissionDeniedError, AuthenticationError, false, false, false],
  [RateLimitError, VenueError, false, true, true],
  [IpBannedError, RateLimitError, false, false, true],
  [InvalidOrderError, VenueError, false, false, true],
  [InsufficientFundsError, InvalidOrderError, false, false, true],
  [OrderNotFoundError, VenueError, false, false, false],
  [BadRequestError, VenueError, false, false, false],
  [BadSymbolError, BadRequestError, false, false, true],
  [ExchangeNotFoundError, VenueError, false, false, false],
  [InvalidNonceError, VenueError, false, true, false],
  [ChecksumError, VenueError, false, true, false],
  [SequenceGapError, VenueError, false, true, false],
  [SubscriptionError, VenueError, false, false, false],
  [NotSupportedError, VenueError, false, false, false],
  [ConfigError, VenueError, false, false, true],
  [ValidationError, VenueError, false, false, true],
];

describe('VenueError hierarchy', () => {
  it.each(TABLE)(
    '%o has the right parent, name and predicate answers',
    (cls, parent, network, retry, user) => {
      const error = new cls('something happened', { venue: 'testvenue' });
      expect(error).toBeInstanceOf(Error);
      expect(error).toBeInstanceOf(VenueError);
      expect(error).toBeInstanceOf(parent);
      expect(Object.getPrototypeOf(cls.prototype)).toBe(parent.prototype);
      expect(error.name).toBe(cls.name);
      expect(String(error)).toBe(`${cls.name}: something happened`);
      expect(error.stack?.split('\n')[0]).toBe(`${cls.name}: something happened`);
      expect(isNetworkError(error)).toBe(network);
      expect(isRetryable(error)).toBe(retry);
      expect(isUserRecoverable(error)).toBe(user);
      expect(isAuthError(error)).toBe(error instanceof AuthenticationError);
      expect(isRateLimitError(error)).toBe(error instanceof RateLimitError);
    },
  );

  it('exports every class DESIGN.md names, under its own name', () => {
    const exports = base as unknown as Record<string, unknown>;
    for (const [cls] of TABLE) expect(exports[cls.name]).toBe(cls);
    expect(TABLE).toHaveLength(20);
  });

  it('predicates answer false for plain errors and non-errors', () => {
    for (const value of [
      new Error('x'),
      new TypeError('x'),
      'error',
      null,
      undefined,
      { name: 'NetworkError' },
    ]) {
      expect(isNetworkError(value)).toBe(false);
      expect(isRetryable(value)).toBe(false);
      expect(isUserRecoverable(value)).toBe(false);
      expect(isAuthError(value)).toBe(false);
      expect(isRateLimitError(value)).toBe(false);
    }
  });

  it('carries venue, code, venue message, status, details and cause', () => {
    const cause = new Error('socket hang up');
    const error = new InvalidOrderError('binance: Filter failure: PRICE_FILTER', {
      venue: 'binance',
      code: -1013,
      venueMessage: 'Filter failure: PRICE_FILTER',
      status: 400,
      details: { symbol: 'BTCUSDT', path: '/api/v3/order' },
      cause,
    });
    expect(error.venue).toBe('binance');
    expect(error.code).toBe(-1013);
    expect(error.venueMessage).toBe('Filter failure: PRICE_FILTER');
    expect(error.status).toBe(400);
    expect(error.details).toEqual({ symbol: 'BTCUSDT', path: '/api/v3/order' });
    expect(error.cause).toBe(cause);
    expect(error.toJSON()).toEqual({
      name: 'InvalidOrderError',
      message: 'binance: Filter failure: PRICE_FILTER',
      venue: 'binance',
      code: -1013,
      venueMessage: 'Filter failure: PRICE_FILTER',
      status: 400,
      details: { symbol: 'BTCUSDT', path: '/api/v3/order' },
      cause: { name: 'Error', message: 'socket hang up' },
    });
  });

  it('leaves optional fields out of toJSON when absent, and has no cause property without one', () => {
    const error = new NotSupportedError('watchBalances is not supported');
    expect(error.toJSON()).toEqual({ name: 'NotSupportedError', message: 'watchBalances is not supported' });
    expect('cause' in error).toBe(false);
  });

  it('RateLimitError keeps retryAfterMs and shows it in toJSON', () => {
    const error = new IpBannedError('banned', { retryAfterMs: 120_000, status: 418 });
    expect(error.retryAfterMs).toBe(120_000);
    expect(error.toJSON()).toMatchObject({ name: 'IpBannedError', retryAfterMs: 120_000, status: 418 });
    expect(new RateLimitError('slow down').toJSON()).not.toHaveProperty('retryAfterMs');
  });

  it('inspect shows name, message, the safe fields and the stack', async () => {
    const { inspect } = await import('node:util');
    const error = new RateLimitError('too many requests', { venue: 'bybit', code: 10006, retryAfterMs: 500 });
    const text = inspect(error);
    expect(text.split('\n')[0]).toBe(
      'RateLimitError: too many requests {"venue":"bybit","code":10006,"retryAfterMs":500}',
    );
    expect(text).toContain('hierarchy.test.ts');
  });

  it('keeps a string cause (redacted) in toJSON and drops other non-error causes', () => {
    expect(new NetworkError('x', { cause: 'ECONNRESET' }).toJSON().cause).toBe('ECONNRESET');
    expect(new NetworkError('x', { cause: { code: 1 } }).toJSON()).not.toHaveProperty('cause');
  });
});
