// DowntimeTracker: the window a connection was down, per connection, as a StreamRestored payload.
import { DowntimeTracker, FakeClock, type StreamRestored } from '@venuekit/base';
import { describe, expect, it } from 'vitest';

describe('DowntimeTracker', () => {
  it('reports since when and how long a connection was down, then forgets it', () => {
    const clock = new FakeClock(1_000);
    const t = new DowntimeTracker(clock);
    t.down(1);
    clock.advance(250);
    t.down(1); // a second drop before the restore keeps the first start
    expect(t.downSince(1)).toBe(1_000);
    clock.advance(750);
    const r: StreamRestored = t.restored(1, ['a', 'b']);
    expect(r).toEqual({ connection: 1, topics: ['a', 'b'], downSince: 1_000, downtimeMs: 1_000 });
    expect(t.downSince(1)).toBeUndefined();
    expect(t.restored(1, [])).toEqual({ connection: 1, topics: [] });
  });

  it('keeps connections apart, and forget drops a record', () => {
    const clock = new FakeClock(0);
    const t = new DowntimeTracker(clock);
    t.down(1);
    clock.advance(10);
    t.down(2);
    t.forget(1);
    clock.advance(5);
    expect(t.restored(1, ['x'])).toEqual({ connection: 1, topics: ['x'] });
    expect(t.restored(2, ['y'])).toMatchObject({ downSince: 10, downtimeMs: 5 });
  });

  it('prune forgets the drops of connections that are gone for good, so records stay bounded', () => {
    const t = new DowntimeTracker(new FakeClock(0));
    for (let id = 1; id <= 100; id++) t.down(id);
    t.prune((id) => id > 98);
    expect(t.size).toBe(2);
    expect(t.downSince(99)).toBe(0);
    expect(t.downSince(1)).toBeUndefined();
  });
});
