import { describe, expect, it } from 'vitest';
import { FixedWindow, SlidingWindow, TokenBucket } from '@venuekit/base';

describe('SlidingWindow', () => {
  it('counts the last intervalMs exactly and says when room frees up', () => {
    const w = new SlidingWindow(3, 1000);
    w.take(0, 1);
    w.take(400, 2);
    expect(w.used(999)).toBe(3);
    expect(w.waitMs(500, 1)).toBe(500); // the take at t=0 leaves at t=1000
    expect(w.waitMs(500, 2)).toBe(900); // needs the t=400 take gone too
    expect(w.used(1000)).toBe(2);
    expect(w.waitMs(1000, 1)).toBe(0);
    expect(w.resetInMs(1000)).toBe(400);
    expect(w.used(1400)).toBe(0);
    expect(w.resetInMs(1400)).toBe(0);
  });

  it('adopts a higher server figure, and a lower one only above what is in flight', () => {
    const w = new SlidingWindow(10, 1000);
    w.take(0, 2);
    w.adopt(10, 7);
    expect(w.used(10)).toBe(7);
    w.adopt(20, 3); // no sentAt: never lowers
    expect(w.used(20)).toBe(7);
    w.take(30, 1);
    w.adopt(40, 2, { sentAt: 25 }); // server saw 2; the take at 30 is still in flight
    expect(w.used(40)).toBe(3);
  });
});

describe('SlidingWindow bookkeeping', () => {
  it('holds many takes, merging those at the same ms', () => {
    const w = new SlidingWindow(1000, 10_000);
    for (let t = 0; t < 200; t++) {
      w.take(t, 1);
      w.take(t, 1);
    }
    expect(w.used(199)).toBe(400);
    expect(w.waitMs(199, 601)).toBe(0 + 10_000 - 199); // the two takes at t=0 free 2
    expect(w.waitMs(199, 603)).toBe(1 + 10_000 - 199);
    expect(w.used(10_100)).toBe(2 * 99);
    expect(w.resetInMs(10_100)).toBe(199 + 10_000 - 10_100);
  });

  it("counts unseen server usage until the server's reset", () => {
    const w = new SlidingWindow(10, 1000);
    w.adopt(100, 5, { resetAt: 600 });
    expect(w.used(100)).toBe(5);
    expect(w.waitMs(100, 6)).toBe(500);
    expect(w.used(600)).toBe(0);
  });
});

describe('FixedWindow', () => {
  it('aligns windows to the epoch', () => {
    const w = new FixedWindow(2, 1000);
    w.take(1500, 2);
    expect(w.windowStart(1500)).toBe(1000);
    expect(w.waitMs(1900, 1)).toBe(100);
    expect(w.resetInMs(1900)).toBe(100);
    expect(w.waitMs(2000, 2)).toBe(0);
    expect(w.used(2000)).toBe(0);
  });

  it("moves its boundary to the server's resetAt", () => {
    const w = new FixedWindow(5, 1000);
    w.take(1100, 1);
    w.adopt(1200, 4, { resetAt: 1750 });
    expect(w.used(1200)).toBe(4);
    expect(w.resetInMs(1200)).toBe(550);
    expect(w.used(1750)).toBe(0);
    expect(w.windowStart(2800)).toBe(2750);
  });

  it('keeps in-flight units when adopting a lower figure with sentAt', () => {
    const w = new FixedWindow(10, 1000);
    w.take(100, 3);
    w.take(200, 2);
    w.adopt(300, 1, { sentAt: 150 });
    expect(w.used(300)).toBe(3);
  });
});

describe('TokenBucket', () => {
  it('allows a burst of capacity, then the refill rate', () => {
    const b = new TokenBucket(5, 10); // 10 tokens/s = one per 100 ms
    for (let i = 0; i < 5; i++) {
      expect(b.waitMs(0, 1)).toBe(0);
      b.take(0, 1);
    }
    expect(b.waitMs(0, 1)).toBeCloseTo(100);
    expect(b.waitMs(0, 3)).toBeCloseTo(300);
    expect(b.waitMs(100, 1)).toBe(0);
    expect(b.used(250)).toBeCloseTo(2.5);
    expect(b.resetInMs(250)).toBeCloseTo(250);
    expect(b.tokens(10_000)).toBe(5);
  });

  it('adopts usage and keeps it across a limit change', () => {
    const b = new TokenBucket(10, 1);
    b.take(0, 2);
    b.adopt(0, 6);
    expect(b.used(0)).toBeCloseTo(6);
    b.setLimit(20);
    expect(b.limit).toBe(20);
    expect(b.used(0)).toBeCloseTo(6);
  });
});
