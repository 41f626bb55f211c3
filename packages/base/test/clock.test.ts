import { describe, expect, it } from 'vitest';
import { FakeClock, ServerOffsetClock, sleep } from '@venuekit/base';

describe('FakeClock', () => {
  it('fires timers in due order during advance', () => {
    const clock = new FakeClock(0);
    const fired: string[] = [];
    clock.setTimeout(() => fired.push('b'), 20);
    clock.setTimeout(() => fired.push('a'), 10);
    const c = clock.setTimeout(() => fired.push('c'), 15);
    clock.clearTimeout(c);
    clock.advance(25);
    expect(fired).toEqual(['a', 'b']);
    expect(clock.now()).toBe(25);
  });

  it('drives sleep() deterministically', async () => {
    const clock = new FakeClock(0);
    let done = false;
    const p = sleep(100, { clock }).then(() => {
      done = true;
    });
    await clock.advanceAsync(99);
    expect(done).toBe(false);
    await clock.advanceAsync(1);
    await p;
    expect(done).toBe(true);
  });
});

describe('ServerOffsetClock', () => {
  it('learns the offset from a round trip', () => {
    const base = new FakeClock(1000);
    const clock = new ServerOffsetClock(base);
    clock.observe(5000, 1000, 1100);
    expect(clock.offsetMs).toBe(3950);
    expect(clock.now()).toBe(4950);
  });
});
