// The example of docs/errors.md, run as a test so it cannot rot. Keep the two in step.
import '../setup/secret-guard.js';
import {
  AuthenticationError,
  createVenueErrorMapper,
  InsufficientFundsError,
  InvalidNonceError,
  isAuthError,
  isRetryable,
  isUserRecoverable,
  OrderNotFoundError,
  RateLimitError,
  VenueError,
} from '@venuekit/base';
import { describe, expect, it } from 'vitest';

// --- example start ---
// 1. A venue package maps its venue's codes once (docs/errors.md, "Mapping venue codes").
const toBinanceError = createVenueErrorMapper({
  venue: 'binance',
  codes: {
    '-1021': InvalidNonceError, // timestamp outside recvWindow: resync the clock, then retry
    '-2010': InsufficientFundsError,
    '-2013': OrderNotFoundError,
    '-2015': AuthenticationError, // invalid key, IP or permissions
  },
});

// 2. Application code decides what to do from the class and the predicates, never from text.
type Action = 'retry' | 'retry-after' | 'fix-input' | 'check-keys' | 'give-up';

function decide(error: unknown): { action: Action; waitMs?: number } {
  if (error instanceof RateLimitError && error.retryAfterMs !== undefined)
    return { action: 'retry-after', waitMs: error.retryAfterMs };
  if (isRetryable(error)) return { action: 'retry' };
  if (isAuthError(error)) return { action: 'check-keys' };
  if (isUserRecoverable(error)) return { action: 'fix-input' };
  return { action: 'give-up' };
}
// --- example end ---

describe('docs/errors.md example', () => {
  it('maps Binance codes and statuses to the right classes and actions', () => {
    const skew = toBinanceError({
      code: -1021,
      message: 'Timestamp for this request is outside of the recvWindow.',
      status: 400,
    });
    expect(skew).toBeInstanceOf(InvalidNonceError);
    expect(skew.message).toBe(
      'binance: Timestamp for this request is outside of the recvWindow. (code -1021, HTTP 400)',
    );
    expect(decide(skew)).toEqual({ action: 'retry' });

    const funds = toBinanceError({
      code: -2010,
      message: 'Account has insufficient balance for requested action.',
      status: 400,
    });
    expect(decide(funds)).toEqual({ action: 'fix-input' });

    const limited = toBinanceError({ status: 429, message: 'Too many requests', retryAfterMs: 2000 });
    expect(limited).toBeInstanceOf(RateLimitError);
    expect(decide(limited)).toEqual({ action: 'retry-after', waitMs: 2000 });

    const banned = toBinanceError({
      status: 418,
      message: 'IP banned until 1700000060000',
      retryAfterMs: 60_000,
    });
    expect(decide(banned)).toEqual({ action: 'retry-after', waitMs: 60_000 });

    expect(
      decide(
        toBinanceError({
          code: -2015,
          message: 'Invalid API-key, IP, or permissions for action.',
          status: 401,
        }),
      ),
    ).toEqual({
      action: 'check-keys',
    });
    expect(decide(toBinanceError({ code: -2013, message: 'Order does not exist.', status: 400 }))).toEqual({
      action: 'give-up',
    });
    expect(decide(new Error('not ours'))).toEqual({ action: 'give-up' });
    expect(toBinanceError({ status: 502 })).toBeInstanceOf(VenueError);
    expect(decide(toBinanceError({ status: 502 }))).toEqual({ action: 'retry' });
  });
});
