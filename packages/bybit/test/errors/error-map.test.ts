// Bybit's retCodes mapped to typed errors: the table of protocols/bybit.md §8, fallbacks by range,
// parameter errors on order placement becoming InvalidOrderError, retryAfterMs from the reset
// timestamp (10006) and the 10-minute IP ban (HTTP 403).
import {
  AuthenticationError,
  BadRequestError,
  BadSymbolError,
  ExchangeUnavailableError,
  InsufficientFundsError,
  InvalidNonceError,
  InvalidOrderError,
  IpBannedError,
  OrderNotFoundError,
  PermissionDeniedError,
  isRetryable,
  RateLimitError,
} from '@venuekit/base';
import {
  BYBIT_IP_BAN_MS,
  BybitOrderOutcomeUnknownError,
  bybitError,
  bybitRetCode,
} from '@venuekit/bybit/plugin';
import { describe, expect, it } from 'vitest';

const now = 1_700_000_000_000;

describe('bybitError', () => {
  it.each([
    [10001, BadRequestError],
    [10002, InvalidNonceError],
    [10003, AuthenticationError],
    [10004, AuthenticationError],
    [10005, PermissionDeniedError],
    [10010, PermissionDeniedError],
    [10006, RateLimitError],
    [10018, RateLimitError],
    [10016, ExchangeUnavailableError],
    [110001, OrderNotFoundError],
    [110004, InsufficientFundsError],
    [110007, InsufficientFundsError],
    [110012, InsufficientFundsError],
    [110072, InvalidOrderError],
    [170131, InsufficientFundsError],
    [170213, OrderNotFoundError],
    [170121, BadSymbolError],
    [170136, InvalidOrderError],
  ])('retCode %i → %o', (code, ErrorClass) => {
    const error = bybitError({ code, msg: 'venue text', status: 200, method: 'POST', path: '/v5/x', now });
    expect(error).toBeInstanceOf(ErrorClass);
    expect(error).toMatchObject({ code, venue: 'bybit', venueMessage: 'venue text' });
    expect(error.message).toContain(`retCode ${code}`);
    expect(error.message).toContain('POST /v5/x');
  });

  it('a parameter error while placing an order is an InvalidOrderError', () => {
    expect(bybitError({ code: 10001, path: '/v5/order/create', placesOrder: true, now })).toBeInstanceOf(
      InvalidOrderError,
    );
    expect(bybitError({ code: 10001, path: '/v5/order/realtime', now })).not.toBeInstanceOf(
      InvalidOrderError,
    );
  });

  it.each([
    [10000, 200],
    [10016, 200],
    [10099, 200],
    [undefined, 502],
    [undefined, 504],
  ])('retCode %s / HTTP %i while placing an order: outcome unknown, NOT retryable', (code, status) => {
    const error = bybitError({
      code,
      status,
      method: 'POST',
      path: '/v5/order/create',
      placesOrder: true,
      now,
    });
    expect(error).toBeInstanceOf(BybitOrderOutcomeUnknownError);
    expect(isRetryable(error)).toBe(false);
    expect(error.message).toMatch(/query the order \(by orderLinkId\) before sending it again/);
    expect(error.details).toMatchObject({ outcomeUnknown: true });
  });

  it('the same codes on a read stay retryable', () => {
    for (const code of [10000, 10016]) {
      const error = bybitError({ code, method: 'GET', path: '/v5/order/realtime', now });
      expect(error).toBeInstanceOf(ExchangeUnavailableError);
      expect(isRetryable(error)).toBe(true);
    }
  });

  it('unknown codes fall back by range', () => {
    expect(bybitError({ code: 110999, placesOrder: true, now })).toBeInstanceOf(InvalidOrderError);
    expect(bybitError({ code: 179999, now })).toBeInstanceOf(BadRequestError);
    expect(bybitError({ code: 10099, method: 'GET', now })).toBeInstanceOf(ExchangeUnavailableError);
    expect(bybitError({ code: 10099, method: 'POST', now }).message).toMatch(/unknown/);
  });

  it('10006 waits until X-Bapi-Limit-Reset-Timestamp', () => {
    const error = bybitError({
      code: 10006,
      msg: 'Too many visits!',
      resetAt: now + 420,
      now,
    }) as RateLimitError;
    expect(error.retryAfterMs).toBe(420);
    expect(error.message).toMatch(/retry after 420 ms/);
  });

  it('HTTP 403 "access too frequent" is an IP ban of at least 10 minutes (or until the time given)', () => {
    const plain = bybitError({ status: 403, msg: 'access too frequent', now }) as IpBannedError;
    expect(plain).toBeInstanceOf(IpBannedError);
    expect(plain.retryAfterMs).toBe(BYBIT_IP_BAN_MS);
    const until = bybitError({
      status: 403,
      code: 10009,
      msg: `IP has been banned until ${now + 5000}.`,
      now,
    }) as IpBannedError;
    expect(until).toBeInstanceOf(IpBannedError);
    expect(until.retryAfterMs).toBe(5000);
  });

  it('reads retCode/retMsg from an envelope, numeric strings included', () => {
    expect(bybitRetCode({ retCode: 10001, retMsg: 'x' })).toEqual({ code: 10001, msg: 'x' });
    expect(bybitRetCode({ retCode: '110001' })).toEqual({ code: 110001 });
    expect(bybitRetCode([1])).toEqual({});
    expect(bybitRetCode(null)).toEqual({});
  });
});
