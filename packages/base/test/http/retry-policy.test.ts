// RetryPolicy unit and property tests: which failures are retried, full-jitter bounds, the
// attempt cap, the time budget and Retry-After on 5xx.
import {
  BadRequestError,
  ConfigError,
  ExchangeUnavailableError,
  NetworkError,
  RateLimitError,
  RequestTimeoutError,
  RetryPolicy,
} from '@venuekit/base';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';

const network = new NetworkError('reset');
const unavailable = new ExchangeUnavailableError('503', { status: 503 });

describe('RetryPolicy.nextDelay', () => {
  it('retries network errors and 5xx for idempotent methods only', () => {
    const policy = new RetryPolicy({ random: () => 0.5 });
    for (const method of ['GET', 'HEAD', 'OPTIONS', 'PUT', 'DELETE']) {
      expect(policy.nextDelay(method, network, true, 1, 0)).toBe(50);
      expect(policy.nextDelay(method, unavailable, true, 1, 0)).toBe(50);
    }
    expect(policy.nextDelay('POST', unavailable, true, 1, 0)).toBeUndefined();
    expect(policy.nextDelay('POST', network, true, 1, 0)).toBeUndefined();
    expect(policy.nextDelay('PATCH', network, true, 1, 0)).toBeUndefined();
  });

  it('retries any method when the request never left, or with unsafe', () => {
    const policy = new RetryPolicy({ random: () => 0 });
    expect(policy.nextDelay('POST', network, false, 1, 0)).toBe(0);
    expect(policy.nextDelay('POST', unavailable, false, 1, 0)).toBeUndefined();
    expect(
      new RetryPolicy({ unsafe: true, random: () => 0 }).nextDelay('POST', unavailable, true, 1, 0),
    ).toBe(0);
  });

  it('never retries client errors or rate limits', () => {
    const policy = new RetryPolicy({});
    expect(policy.nextDelay('GET', new BadRequestError('400'), true, 1, 0)).toBeUndefined();
    expect(
      policy.nextDelay('GET', new RateLimitError('429', { retryAfterMs: 1 }), true, 1, 0),
    ).toBeUndefined();
    expect(policy.nextDelay('GET', new Error('bug'), true, 1, 0)).toBeUndefined();
  });

  it('treats phase timeouts as network errors', () => {
    expect(new RetryPolicy({}).nextDelay('GET', new RequestTimeoutError('t'), true, 1, 0)).toBeTypeOf(
      'number',
    );
  });

  it('draws full jitter within [0, min(maxDelay, base·2^(n-1))) and stops at the attempt cap', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 12 }),
        fc.integer({ min: 0, max: 1000 }),
        fc.integer({ min: 0, max: 5000 }),
        fc.double({ min: 0, max: 0.999999, noNaN: true }),
        (attempt, base, max, r) => {
          const policy = new RetryPolicy({
            attempts: 10,
            baseDelayMs: base,
            maxDelayMs: max,
            budgetMs: 1e9,
            random: () => r,
          });
          const delay = policy.nextDelay('GET', network, true, attempt, 0);
          if (attempt >= 10) return delay === undefined;
          const cap = Math.min(max, base * 2 ** (attempt - 1));
          return delay !== undefined && delay >= 0 && delay <= cap && (cap === 0 || delay < cap);
        },
      ),
    );
  });

  it('does not start a retry whose wait would end past the budget', () => {
    const policy = new RetryPolicy({
      attempts: 10,
      baseDelayMs: 100,
      maxDelayMs: 100,
      budgetMs: 250,
      random: () => 0.999,
    });
    expect(policy.nextDelay('GET', network, true, 1, 100)).toBe(99);
    expect(policy.nextDelay('GET', network, true, 2, 151)).toBe(99);
    expect(policy.nextDelay('GET', network, true, 3, 152)).toBeUndefined();
  });

  it('waits at least a 5xx Retry-After, and gives up when it exceeds maxDelay', () => {
    const policy = new RetryPolicy({ maxDelayMs: 1000, random: () => 0 });
    const soon = new ExchangeUnavailableError('503', { details: { retryAfterMs: 400 } });
    const late = new ExchangeUnavailableError('503', { details: { retryAfterMs: 4000 } });
    expect(policy.nextDelay('GET', soon, true, 1, 0)).toBe(400);
    expect(policy.nextDelay('GET', late, true, 1, 0)).toBeUndefined();
  });

  it('merges call options over the client’s, and false disables', () => {
    const base = RetryPolicy.resolve({ attempts: 5, baseDelayMs: 7 });
    const merged = RetryPolicy.resolve({ unsafe: true }, base);
    expect([merged.attempts, merged.baseDelayMs, merged.unsafe]).toEqual([5, 7, true]);
    expect(RetryPolicy.resolve(false, base).attempts).toBe(1);
    expect(RetryPolicy.resolve(undefined, base)).toBe(base);
  });

  it('rejects nonsense settings with a ConfigError naming the field', () => {
    expect(() => new RetryPolicy({ attempts: 0 })).toThrow(ConfigError);
    expect(() => new RetryPolicy({ maxDelayMs: -1 })).toThrow(/retry\.maxDelayMs/);
  });
});
