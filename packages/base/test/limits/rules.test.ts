import { describe, expect, it } from 'vitest';
import {
  ConfigError,
  compileEndpointPattern,
  FakeClock,
  RateLimiter,
  type RateLimitRule,
} from '@venuekit/base';

describe('endpoint patterns', () => {
  it('matches one segment with *, many with **, and an optional method', () => {
    const one = compileEndpointPattern('/api/v3/*');
    expect(one.matches('/api/v3/depth', 'GET')).toBe(true);
    expect(one.matches('/api/v3/order/test', 'GET')).toBe(false);
    const deep = compileEndpointPattern('/sapi/**');
    expect(deep.matches('/sapi/v1/a/b', 'GET')).toBe(true);
    expect(compileEndpointPattern('**').matches('/anything/at/all', 'DELETE')).toBe(true);
    const post = compileEndpointPattern('post /api/v3/order');
    expect(post.method).toBe('POST');
    expect(post.matches('/api/v3/order', 'POST')).toBe(true);
    expect(post.matches('/api/v3/order', 'DELETE')).toBe(false);
    expect(compileEndpointPattern('/v?/x.y').matches('/v5/x.y', 'GET')).toBe(true);
    expect(compileEndpointPattern('/v?/x.y').matches('/v5/xzy', 'GET')).toBe(false);
  });
});

describe('rule validation', () => {
  const bad = (rules: unknown): ConfigError => {
    try {
      new RateLimiter(rules as RateLimitRule[]);
    } catch (e) {
      return e as ConfigError;
    }
    throw new Error('expected a ConfigError');
  };

  it('names the field and the expected form', () => {
    const e1 = bad([{ name: 'w', kind: 'slidingWindow', intervalMs: 1000, limit: -1 }]);
    expect(e1).toBeInstanceOf(ConfigError);
    expect(e1.message).toContain('rules[0].limit');
    const e2 = bad([{ name: 'w', kind: 'leakyBucket', intervalMs: 1000, limit: 1 }]);
    expect(e2.message).toContain('rules[0].kind');
    const e3 = bad([
      { name: 'w', kind: 'fixedWindow', intervalMs: 1000, limit: 1 },
      { name: 'w', kind: 'fixedWindow', intervalMs: 1000, limit: 1 },
    ]);
    expect(e3.message).toContain('rules[1].name: duplicate');
    const e4 = bad([{ name: 'e', kind: 'tokenBucket', capacity: 1, refillPerSecond: 1, scope: 'endpoint' }]);
    expect(e4.message).toContain('rules[0].endpoints');
    expect(bad('nope').message).toContain('expected an array');
  });

  it('defaults scope to endpoint when endpoints are given', () => {
    const clock = new FakeClock(0);
    const limiter = new RateLimiter(
      [{ name: 'e', kind: 'fixedWindow', intervalMs: 1000, limit: 1, endpoints: '/a' }],
      {
        clock,
      },
    );
    expect(limiter.tryAcquire({ endpoint: '/b' })).toBe(true);
    expect(limiter.tryAcquire({ endpoint: '/b' })).toBe(true);
    expect(limiter.tryAcquire({ endpoint: '/a' })).toBe(true);
    expect(limiter.tryAcquire({ endpoint: '/a' })).toBe(false);
    expect(limiter.tryAcquire({})).toBe(true); // endpoint rules never match a request without one
  });
});
