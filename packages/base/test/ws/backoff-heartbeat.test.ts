// The reconnect schedule (defaults, jitter bounds, cap, attempt limit, reset) and the heartbeat's
// timing under a FakeClock.
import { DEFAULT_RECONNECT, FakeClock } from '@venuekit/base';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Backoff, resolveReconnectOptions } from '../../src/ws/backoff.js';
import { Heartbeat, resolveHeartbeatOptions } from '../../src/ws/heartbeat.js';

describe('Backoff', () => {
  it('defaults to the Bitfinex seed: 3 s doubling to 60 s, 20 % jitter, unlimited', () => {
    expect(DEFAULT_RECONNECT).toMatchObject({
      initialDelayMs: 3000,
      maxDelayMs: 60_000,
      factor: 2,
      jitter: 0.2,
    });
    const backoff = new Backoff(resolveReconnectOptions({ jitter: 0 }));
    expect(Array.from({ length: 8 }, () => backoff.next())).toEqual([
      3000, 6000, 12_000, 24_000, 48_000, 60_000, 60_000, 60_000,
    ]);
    expect(backoff.exhausted).toBe(false);
    backoff.reset();
    expect(backoff.next()).toBe(3000);
  });

  it('counts attempts up to maxAttempts', () => {
    const backoff = new Backoff(resolveReconnectOptions({ maxAttempts: 2 }));
    backoff.next();
    expect(backoff.exhausted).toBe(false);
    backoff.next();
    expect(backoff.exhausted).toBe(true);
    expect(backoff.attempt).toBe(2);
  });

  it('property: every delay lies in [base × (1 − jitter), base] and never above the cap', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 10_000 }),
        fc.integer({ min: 0, max: 100_000 }),
        fc.double({ min: 1, max: 4, noNaN: true }),
        fc.double({ min: 0, max: 1, noNaN: true }),
        fc.array(fc.double({ min: 0, max: 0.999_999, noNaN: true }), { minLength: 1, maxLength: 30 }),
        (initialDelayMs, extra, factor, jitter, randoms) => {
          const maxDelayMs = initialDelayMs + extra;
          let i = 0;
          const backoff = new Backoff(
            resolveReconnectOptions({
              initialDelayMs,
              maxDelayMs,
              factor,
              jitter,
              random: () => randoms[i]!,
            }),
          );
          for (i = 0; i < randoms.length; i++) {
            const base = Math.min(initialDelayMs * factor ** i, maxDelayMs);
            const delay = backoff.next();
            expect(delay).toBeLessThanOrEqual(Math.round(base));
            expect(delay).toBeGreaterThanOrEqual(Math.floor(base * (1 - jitter)));
          }
        },
      ),
    );
  });

  it('rejects nonsense with ConfigError naming the field', () => {
    expect(() => resolveReconnectOptions({ jitter: 2 })).toThrow(/reconnect.jitter/);
    expect(() => resolveReconnectOptions({ initialDelayMs: -1 })).toThrow(/reconnect.initialDelayMs/);
    expect(() => resolveReconnectOptions({ initialDelayMs: 10, maxDelayMs: 5 })).toThrow(/maxDelayMs/);
  });
});

describe('Heartbeat', () => {
  it('pings every interval and declares the peer dead after timeoutMs of silence', () => {
    const clock = new FakeClock(0);
    const events: string[] = [];
    const hb = new Heartbeat(
      clock,
      resolveHeartbeatOptions({ intervalMs: 100, timeoutMs: 250 }),
      () => events.push(`ping@${clock.now()}`),
      (silent) => events.push(`dead@${clock.now()}:${silent}`),
    );
    hb.start();
    clock.advance(150);
    hb.touch(); // something arrived at 150
    clock.advance(400);
    expect(events).toEqual(['ping@100', 'ping@200', 'ping@300', 'dead@400:250']);
    expect(clock.pendingTimers).toBe(0);
  });

  it('stop() leaves no timer behind', () => {
    const clock = new FakeClock(0);
    const hb = new Heartbeat(
      clock,
      resolveHeartbeatOptions({}),
      () => {},
      () => {},
    );
    hb.start();
    expect(clock.pendingTimers).toBe(2);
    hb.stop();
    expect(clock.pendingTimers).toBe(0);
  });
});
