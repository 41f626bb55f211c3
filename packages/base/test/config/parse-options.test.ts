import '../setup/secret-guard.js';
import { ConfigError, parseOptions, ValidationError } from '@venuekit/base';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { TEST_SECRET } from '../setup/test-secrets.js';

const limiterOptions = z.object({
  rules: z.array(
    z.object({
      name: z.string(),
      intervalMs: z.number().int().positive(),
      limit: z.number().int().min(1),
      endpoint: z.string().startsWith('/').optional(),
    }),
  ),
  weights: z.record(z.string(), z.number().nonnegative()).default({}),
});

function thrown(fn: () => unknown): Error {
  try {
    fn();
  } catch (error) {
    return error as Error;
  }
  throw new Error('expected an error');
}

describe('parseOptions', () => {
  it('returns the parsed value with defaults applied', () => {
    const options = parseOptions(
      limiterOptions,
      { rules: [{ name: 'w', intervalMs: 60_000, limit: 1200 }] },
      'RateLimiter options',
    );
    expect(options).toEqual({ rules: [{ name: 'w', intervalMs: 60_000, limit: 1200 }], weights: {} });
  });

  it('names the one wrong field in a single line', () => {
    const error = thrown(() =>
      parseOptions(
        limiterOptions,
        { rules: [{ name: 'w', intervalMs: '60s', limit: 10 }] },
        'RateLimiter options',
      ),
    );
    expect(error).toBeInstanceOf(ConfigError);
    expect(error.message).toBe(
      'Invalid RateLimiter options: rules[0].intervalMs: expected a number, got a string',
    );
    expect((error as ConfigError).details).toEqual({
      issues: [{ path: 'rules[0].intervalMs', message: 'expected a number, got a string' }],
    });
  });

  it('lists every wrong field when there are several', () => {
    const error = thrown(() =>
      parseOptions(
        limiterOptions,
        { rules: [{ name: 'w', intervalMs: -1, limit: 0, endpoint: 'api/v3' }], weights: { 'GET /x': -2 } },
        'RateLimiter options',
      ),
    );
    expect(error.message).toBe(
      [
        'Invalid RateLimiter options:',
        '  - rules[0].intervalMs: must be > 0',
        '  - rules[0].limit: must be ≥ 1',
        '  - rules[0].endpoint: must start with "/"',
        '  - weights["GET /x"]: must be ≥ 0',
      ].join('\n'),
    );
  });

  it('says what was expected at the root', () => {
    expect(thrown(() => parseOptions(limiterOptions, 'fast', 'RateLimiter options')).message).toBe(
      'Invalid RateLimiter options: expected an object, got a string',
    );
    expect(thrown(() => parseOptions(limiterOptions, undefined, 'RateLimiter options')).message).toBe(
      'Invalid RateLimiter options: is required (expected an object)',
    );
  });

  it('throws ValidationError for data, and carries the venue', () => {
    const order = z.object({ quantity: z.number().positive() });
    const error = thrown(() =>
      parseOptions(order, { quantity: 0 }, 'order', { error: 'validation', venue: 'binance' }),
    );
    expect(error).toBeInstanceOf(ValidationError);
    expect(error).toMatchObject({ venue: 'binance', message: 'Invalid order: quantity: must be > 0' });
  });

  it('never quotes the offending value', () => {
    const schema = z.object({ apiKey: z.string().length(10), mode: z.literal('live') });
    const error = thrown(() =>
      parseOptions(schema, { apiKey: TEST_SECRET, mode: TEST_SECRET }, 'client options'),
    );
    expect(error.message).not.toContain(TEST_SECRET.slice(0, 10));
    expect(error.message).toContain('apiKey: must be exactly 10 characters long');
    expect(error.message).toContain('mode: must be "live"');
  });
});
