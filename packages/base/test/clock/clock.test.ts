import {
  FakeClock,
  flushMicrotasks,
  ServerOffsetClock,
  SystemClock,
  sleep,
  systemClock,
} from '@venuekit/base';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';

describe('FakeClock', () => {
  it('starts at a fixed default time or the given one', () => {
    expect(new FakeClock().now()).toBe(1_700_000_000_000);
    expect(new FakeClock(42).now()).toBe(42);
  });

  it('fires timers due at the same time in creation order, with now() at their due time', () => {
    const clock = new FakeClock(0);
    const fired: Array<[string, number]> = [];
    clock.setTimeout(() => fired.push(['b', clock.now()]), 10);
    clock.setTimeout(() => fired.push(['a', clock.now()]), 5);
    clock.setTimeout(() => fired.push(['c', clock.now()]), 10);
    clock.advance(10);
    expect(fired).toEqual([
      ['a', 5],
      ['b', 10],
      ['c', 10],
    ]);
  });

  it('fires timers scheduled by timers within the same advance when they fall due', () => {
    const clock = new FakeClock(0);
    const fired: number[] = [];
    clock.setTimeout(() => {
      fired.push(clock.now());
      clock.setTimeout(() => fired.push(clock.now()), 3);
      clock.setTimeout(() => fired.push(clock.now()), 100);
    }, 2);
    clock.advance(10);
    expect(fired).toEqual([2, 5]);
    expect(clock.pendingTimers).toBe(1);
    expect(clock.now()).toBe(10);
  });

  it('treats negative delays as zero and clearTimeout of unknown handles as a no-op', () => {
    const clock = new FakeClock(0);
    let fired = false;
    clock.setTimeout(() => {
      fired = true;
    }, -5);
    clock.clearTimeout({});
    clock.advance(0);
    expect(fired).toBe(true);
  });

  it('set() moves forward only', () => {
    const clock = new FakeClock(100);
    clock.set(50);
    expect(clock.now()).toBe(100);
    clock.set(150);
    expect(clock.now()).toBe(150);
  });

  it('advanceAsync lets promise chains schedule new timers between steps', async () => {
    const clock = new FakeClock(0);
    const log: number[] = [];
    const run = (async () => {
      for (let i = 0; i < 3; i++) {
        await sleep(10, { clock });
        log.push(clock.now());
      }
    })();
    await clock.advanceAsync(30, 10);
    await run;
    expect(log).toEqual([10, 20, 30]);
  });

  it('advanceAsync refuses a non-positive step instead of looping forever', async () => {
    await expect(new FakeClock(0).advanceAsync(10, 0)).rejects.toThrow(RangeError);
  });

  it('property: timers fire in (due time, creation) order, each exactly once, never early', () => {
    fc.assert(
      fc.property(
        fc.array(fc.nat(1000), { maxLength: 50 }),
        fc.array(fc.nat(300), { minLength: 1, maxLength: 10 }),
        (delays, steps) => {
          const clock = new FakeClock(0);
          const fired: Array<{ i: number; at: number; due: number }> = [];
          for (const [i, d] of delays.entries())
            clock.setTimeout(() => fired.push({ i, at: clock.now(), due: d }), d);
          for (const step of steps) clock.advance(step);
          const end = steps.reduce((a, b) => a + b, 0);
          const expected = delays
            .map((d, i) => ({ i, due: d }))
            .filter((t) => t.due <= end)
            .sort((a, b) => a.due - b.due || a.i - b.i);
          expect(fired.map((f) => f.i)).toEqual(expected.map((t) => t.i));
          for (const f of fired) expect(f.at).toBe(f.due);
          expect(clock.pendingTimers).toBe(delays.length - expected.length);
        },
      ),
    );
  });
});

describe('sleep', () => {
  it('rejects at once with the reason of an already aborted signal', async () => {
    const reason = new Error('stop');
    await expect(sleep(10, { clock: new FakeClock(), signal: AbortSignal.abort(reason) })).rejects.toBe(
      reason,
    );
  });

  it('rejects and clears its timer when aborted while waiting', async () => {
    const clock = new FakeClock(0);
    const controller = new AbortController();
    const waiting = sleep(100, { clock, signal: controller.signal });
    expect(clock.pendingTimers).toBe(1);
    controller.abort(new Error('cancelled'));
    await expect(waiting).rejects.toThrow('cancelled');
    expect(clock.pendingTimers).toBe(0);
  });

  it('resolves on the real clock by default', async () => {
    await expect(sleep(1)).resolves.toBeUndefined();
  });
});

describe('SystemClock', () => {
  it('reads Date.now() and runs unref-ed timers', async () => {
    const before = Date.now();
    expect(systemClock.now()).toBeGreaterThanOrEqual(before);
    const clock = new SystemClock();
    const fired = await new Promise<boolean>((resolve) => {
      const handle = clock.setTimeout(() => resolve(true), 1) as NodeJS.Timeout;
      expect(handle.hasRef()).toBe(false);
    });
    expect(fired).toBe(true);
  });

  it('clears a timer', async () => {
    const clock = new SystemClock();
    let fired = false;
    clock.clearTimeout(
      clock.setTimeout(() => {
        fired = true;
      }, 1),
    );
    await sleep(5);
    expect(fired).toBe(false);
  });

  it('does not fire a timer longer than 24.8 days early (Node would fire it after 1 ms)', async () => {
    const clock = new SystemClock();
    let fired = false;
    const handle = clock.setTimeout(
      () => {
        fired = true;
      },
      30 * 24 * 3600 * 1000,
    );
    await sleep(20);
    await flushMicrotasks();
    expect(fired).toBe(false);
    clock.clearTimeout(handle);
  });
});

describe('ServerOffsetClock', () => {
  it('adds the offset to the base clock and delegates timers to it', () => {
    const base = new FakeClock(1000);
    const clock = new ServerOffsetClock(base);
    clock.setOffset(-200);
    expect(clock.offsetMs).toBe(-200);
    expect(clock.now()).toBe(800);
    let fired = false;
    const handle = clock.setTimeout(() => {
      fired = true;
    }, 10);
    expect(base.pendingTimers).toBe(1);
    clock.clearTimeout(handle);
    expect(base.pendingTimers).toBe(0);
    clock.setTimeout(() => {
      fired = true;
    }, 10);
    base.advance(10);
    expect(fired).toBe(true);
  });

  it('sync() measures the round trip on the base clock and adopts the offset', async () => {
    const base = new FakeClock(10_000);
    const clock = new ServerOffsetClock(base);
    const offset = await clock.sync(async () => {
      base.advance(40);
      return 20_000;
    });
    expect(offset).toBe(20_000 - 10_020);
    expect(clock.now()).toBe(10_040 + 9_980);
  });

  it('sync() propagates a failed fetch and keeps the old offset', async () => {
    const clock = new ServerOffsetClock(new FakeClock(0));
    clock.setOffset(5);
    await expect(clock.sync(() => Promise.reject(new Error('down')))).rejects.toThrow('down');
    expect(clock.offsetMs).toBe(5);
  });
});
