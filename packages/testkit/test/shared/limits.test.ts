// The shared limit plumbing: fixed (clock-aligned) and rolling window counters, the violation log.
import { describe, expect, it } from 'vitest';
import { FixedWindowCounter } from '../../src/shared/limits/fixed-window-counter.js';
import { RollingWindowCounter } from '../../src/shared/limits/rolling-window-counter.js';
import { VIOLATIONS_KEPT, ViolationLog } from '../../src/shared/limits/violation-log.js';

describe('FixedWindowCounter', () => {
  it('counts within the clock-aligned window and starts again at its boundary', () => {
    const c = new FixedWindowCounter(60_000);
    expect(c.add(120_500, 3)).toBe(3);
    expect(c.add(179_999, 2)).toBe(5);
    expect(c.resetsAt(179_999)).toBe(180_000);
    expect(c.value(180_000)).toBe(0);
    expect(c.add(180_000, 1)).toBe(1);
    c.clear();
    expect(c.value(180_001)).toBe(0);
  });
});

describe('RollingWindowCounter', () => {
  it('counts events in (now - window, now] and says when the oldest leaves', () => {
    const w = new RollingWindowCounter(1000);
    w.add(0);
    w.add(400);
    w.add(999);
    expect(w.count(999)).toBe(3);
    expect(w.resetsAt(999)).toBe(1000);
    expect(w.count(1000)).toBe(2);
    expect(w.count(1400)).toBe(1);
    expect(w.resetsAt(2000)).toBe(2000);
    w.add(2000);
    w.clear();
    expect(w.count(2000)).toBe(0);
  });

  it('stays exact across many events (its log is compacted as it goes)', () => {
    const w = new RollingWindowCounter(100);
    for (let t = 0; t < 10_000; t++) w.add(t);
    expect(w.count(9_999)).toBe(100);
    expect(w.resetsAt(9_999)).toBe(10_000);
  });
});

describe('ViolationLog', () => {
  it('counts by kind, keeps the latest entries and resets', () => {
    const log = new ViolationLog(['slow', 'banned'] as const);
    expect(log.byKind).toEqual({ slow: 0, banned: 0 });
    for (let i = 0; i < VIOLATIONS_KEPT + 5; i++)
      log.record(i, i % 2 === 0 ? 'slow' : 'banned', `ip${i}`, 'over');
    expect(log.total).toBe(VIOLATIONS_KEPT + 5);
    expect(log.byKind).toEqual({ slow: 53, banned: 52 });
    expect(log.recent).toHaveLength(VIOLATIONS_KEPT);
    expect(log.recent[0]).toEqual({ time: 5, kind: 'banned', who: 'ip5', detail: 'over' });
    log.reset();
    expect([log.total, log.byKind.slow, log.byKind.banned, log.recent.length]).toEqual([0, 0, 0, 0]);
  });
});
