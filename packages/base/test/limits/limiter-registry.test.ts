// LimiterRegistry and the route/account keys venues share limiters by: one entry per clock and
// key, made once; keys that carry neither a proxy's credentials nor an API key.
import {
  FakeClock,
  LimiterRegistry,
  limitAccountTag,
  limitRouteKey,
  RateLimiter,
  sessionEgress,
} from '@venuekit/base';
import { describe, expect, it } from 'vitest';
import { exampleBlock, markedRegions } from '../docs/example-block.js';

describe('LimiterRegistry', () => {
  it('makes an entry once per clock and key', () => {
    const registry = new LimiterRegistry<RateLimiter>();
    const clock = new FakeClock(0);
    let made = 0;
    const make = () => {
      made++;
      return new RateLimiter([{ name: 'ip', kind: 'slidingWindow', intervalMs: 1000, limit: 1 }], { clock });
    };
    const a = registry.get(clock, 'route x', make);
    expect(registry.get(clock, 'route x', make)).toBe(a);
    expect(registry.get(clock, 'route y', make)).not.toBe(a);
    const other = new FakeClock(0);
    expect(registry.get(other, 'route x', make)).not.toBe(a);
    expect(made).toBe(3);
    expect(registry.peek(clock, 'route x')).toBe(a);
    expect(registry.forget(clock)).toBe(2);
    expect(registry.peek(clock, 'route x')).toBeUndefined();
    expect(registry.get(clock, 'route x', make)).not.toBe(a);
  });

  it('keys a route by host and egress, never by credentials', () => {
    const direct = limitRouteKey({ baseUrl: 'https://api.binance.com/x', egress: sessionEgress() });
    expect(direct).toBe('api.binance.com direct');
    expect(limitRouteKey({ baseUrl: 'https://api.binance.com', egress: sessionEgress() })).toBe(direct);
    const proxied = limitRouteKey({
      baseUrl: 'https://api.binance.com',
      egress: sessionEgress({ proxy: 'http://user:secret@10.0.0.1:3128' }),
    });
    expect(proxied).not.toBe(direct);
    expect(proxied).not.toContain('secret');
    expect(limitRouteKey({ baseUrl: 'https://fapi.binance.com', egress: 'direct' })).not.toBe(direct);
  });

  it('tags an account by a digest of its key, not the key', () => {
    const tag = limitAccountTag('my-api-key-1234567890');
    expect(tag).toMatch(/^[0-9a-f]{12}$/);
    expect(tag).toBe(limitAccountTag('my-api-key-1234567890'));
    expect(limitAccountTag('another-key')).not.toBe(tag);
    expect(tag).not.toContain('my-api');
  });
});

describe('docs/rate-limits.md: sharing limiters', () => {
  it('shows this example, which gives two clients of one route one limiter', () => {
    const clock = new FakeClock(0);
    // example:start
    const limiters = new LimiterRegistry<RateLimiter>();
    const ipRules = [{ name: 'ip', kind: 'slidingWindow', intervalMs: 5000, limit: 600 }] as const;

    function limiterFor(baseUrl: string, egress: string): RateLimiter {
      const key = limitRouteKey({ baseUrl, egress }); // 'api.example.com direct'
      return limiters.get(clock, key, () => new RateLimiter([...ipRules], { clock }));
    }

    const a = limiterFor('https://api.example.com', 'direct');
    const b = limiterFor('https://api.example.com/v5', 'direct');
    const viaProxy = limiterFor('https://api.example.com', 'proxy http://10.0.0.9:3128');
    console.log(a === b, a === viaProxy); // true false
    // example:end
    expect(a).toBe(b);
    expect(viaProxy).not.toBe(a);
    expect(exampleBlock('docs/rate-limits.md', 'packages/base/test/limits/limiter-registry.test.ts')).toBe(
      markedRegions(import.meta.filename),
    );
  });
});
