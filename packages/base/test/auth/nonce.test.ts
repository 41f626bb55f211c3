import { type Clock, ConfigError, createNonceSource, FakeClock, ValidationError } from '@venuekit/base';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';

/** A clock a test sets by hand, to any value, including backwards. */
function manualClock(start: number): Clock & { set(ms: number): void } {
  let now = start;
  return {
    now: () => now,
    set: (ms) => {
      now = ms;
    },
    setTimeout: () => ({}),
    clearTimeout: () => {},
  };
}

describe('createNonceSource', () => {
  it('follows the clock in milliseconds by default', () => {
    const clock = new FakeClock(1_700_000_000_000);
    const nonces = createNonceSource({ clock });
    expect(nonces.unit).toBe('ms');
    expect(nonces.last).toBeUndefined();
    expect(nonces.next()).toBe('1700000000000');
    clock.advance(5);
    expect(nonces.next()).toBe('1700000000005');
    expect(nonces.last).toBe(1_700_000_000_005);
  });

  it('keeps increasing while the clock stands still', () => {
    const nonces = createNonceSource({ clock: new FakeClock(1000) });
    expect([nonces.next(), nonces.next(), nonces.next()]).toEqual(['1000', '1001', '1002']);
  });

  it('keeps increasing when the clock goes backwards, then follows it again once it is ahead', () => {
    const clock = manualClock(5000);
    const nonces = createNonceSource({ clock });
    expect(nonces.nextValue()).toBe(5000);
    clock.set(4000);
    expect(nonces.nextValue()).toBe(5001);
    clock.set(6000);
    expect(nonces.nextValue()).toBe(6000);
  });

  it('counts microseconds for Bitfinex-style nonces, as 16-digit decimal strings', () => {
    const clock = new FakeClock(1_700_000_000_123);
    const nonces = createNonceSource({ clock, unit: 'us' });
    expect(nonces.next()).toBe('1700000000123000');
    expect(nonces.next()).toBe('1700000000123001');
    clock.advance(1);
    expect(nonces.next()).toBe('1700000000124000');
  });

  it('uses sub-millisecond time when the clock has it', () => {
    const nonces = createNonceSource({ clock: manualClock(1_700_000_000_000.25), unit: 'us' });
    expect(nonces.next()).toBe('1700000000000250');
  });

  it('starts above `after` (a nonce a previous process used)', () => {
    const nonces = createNonceSource({ clock: new FakeClock(1000), after: 2000 });
    expect(nonces.nextValue()).toBe(2001);
  });

  it('property: strictly increasing for any sequence of clock moves', () => {
    fc.assert(
      fc.property(
        fc.constantFrom('ms', 'us' as const),
        fc.array(fc.integer({ min: -50_000, max: 50_000 }), { maxLength: 200 }),
        (unit, moves) => {
          const clock = manualClock(1_700_000_000_000);
          const nonces = createNonceSource({ clock, unit });
          let previous = -1;
          for (const move of moves) {
            clock.set(clock.now() + move);
            const value = nonces.nextValue();
            expect(value).toBeGreaterThan(previous);
            expect(Number.isSafeInteger(value)).toBe(true);
            previous = value;
          }
        },
      ),
    );
  });

  it('separate sources are independent', () => {
    const clock = new FakeClock(1000);
    const a = createNonceSource({ clock });
    const b = createNonceSource({ clock });
    a.next();
    a.next();
    expect(b.next()).toBe('1000');
  });

  it('refuses bad options and a clock that returns garbage', () => {
    expect(() => createNonceSource({ unit: 'ns' as never })).toThrow(ConfigError);
    expect(() => createNonceSource({ unit: 'ns' as never })).toThrow(
      "nonce unit must be 'ms' or 'us', got ns",
    );
    expect(() => createNonceSource({ after: -1 })).toThrow('"after" must be a non-negative safe integer');
    expect(() => createNonceSource({ after: 1.5 })).toThrow(ConfigError);
    expect(() => createNonceSource({ clock: manualClock(Number.NaN) }).next()).toThrow(ValidationError);
  });
});
