import {
  ConfigError,
  createNonceSource,
  createSignContext,
  FakeClock,
  ServerOffsetClock,
} from '@venuekit/base';
import { describe, expect, it } from 'vitest';

describe('createSignContext', () => {
  it('reads time from the clock and draws millisecond nonces from it by default', () => {
    const clock = new FakeClock(1_700_000_000_000);
    const ctx = createSignContext({ clock });
    expect(ctx.now()).toBe(1_700_000_000_000);
    expect([ctx.nonce(), ctx.nonce()]).toEqual(['1700000000000', '1700000000001']);
    clock.advance(10);
    expect(ctx.now()).toBe(1_700_000_000_010);
    expect(ctx.nonce()).toBe('1700000000010');
    expect(Object.isFrozen(ctx)).toBe(true);
  });

  it('follows a server-offset clock', () => {
    const base = new FakeClock(1000);
    const clock = new ServerOffsetClock(base);
    clock.setOffset(250);
    expect(createSignContext({ clock }).now()).toBe(1250);
  });

  it('uses microseconds when asked', () => {
    expect(createSignContext({ clock: new FakeClock(2), nonce: 'us' }).nonce()).toBe('2000');
  });

  it('shares a given nonce source, so two contexts for one key never repeat a nonce', () => {
    const clock = new FakeClock(5000);
    const shared = createNonceSource({ clock });
    const rest = createSignContext({ clock, nonce: shared });
    const ws = createSignContext({ clock, nonce: shared });
    expect([rest.nonce(), ws.nonce(), rest.nonce()]).toEqual(['5000', '5001', '5002']);
  });

  it('accepts a nonce function', () => {
    let n = 41;
    const ctx = createSignContext({ nonce: () => String(++n) });
    expect(ctx.nonce()).toBe('42');
    expect(typeof ctx.now()).toBe('number');
  });

  it('refuses a nonce option of the wrong shape', () => {
    expect(() => createSignContext({ nonce: 42 as never })).toThrow(ConfigError);
    expect(() => createSignContext({ nonce: {} as never })).toThrow(
      "sign context option nonce must be a NonceSource, a function, 'ms' or 'us'",
    );
  });
});
