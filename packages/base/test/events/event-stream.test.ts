import { describe, expect, it } from 'vitest';
import { EventBus, StreamOverflowError, ValidationError } from '@venuekit/base';

interface Events {
  n: number;
}

async function collect(iterable: AsyncIterable<number>, limit = Number.POSITIVE_INFINITY): Promise<number[]> {
  const out: number[] = [];
  for await (const v of iterable) {
    out.push(v);
    if (out.length >= limit) break;
  }
  return out;
}

describe('EventBus.stream (queue mode)', () => {
  it('delivers payloads in order to a waiting consumer and buffers for a busy one', async () => {
    const bus = new EventBus<Events>();
    const stream = bus.stream('n');
    const reading = collect(stream, 4);
    bus.emit('n', 1); // a next() is already waiting
    await null;
    bus.emit('n', 2);
    bus.emit('n', 3);
    bus.emit('n', 4);
    expect(await reading).toEqual([1, 2, 3, 4]);
    expect(stream.closed).toBe(true);
    expect(bus.listenerCount('n')).toBe(0); // break detached it
  });

  it("'dropOldest' keeps the newest payloads and counts drops", async () => {
    const bus = new EventBus<Events>();
    const stream = bus.stream('n', { capacity: 3 });
    for (let i = 1; i <= 5; i++) bus.emit('n', i);
    expect(stream.dropped).toBe(2);
    expect(stream.buffered).toBe(3);
    expect(await collect(stream, 3)).toEqual([3, 4, 5]);
  });

  it("'dropNewest' keeps the oldest payloads", async () => {
    const bus = new EventBus<Events>();
    const stream = bus.stream('n', { capacity: 2, overflow: 'dropNewest' });
    for (let i = 1; i <= 4; i++) bus.emit('n', i);
    expect(stream.dropped).toBe(2);
    expect(await collect(stream, 2)).toEqual([1, 2]);
  });

  it("'error' delivers what was buffered, then fails and detaches", async () => {
    const bus = new EventBus<Events>();
    const stream = bus.stream('n', { capacity: 2, overflow: 'error' });
    for (let i = 1; i <= 3; i++) bus.emit('n', i);
    expect(bus.listenerCount('n')).toBe(0);
    expect(await stream.next()).toEqual({ value: 1, done: false });
    expect(await stream.next()).toEqual({ value: 2, done: false });
    await expect(stream.next()).rejects.toBeInstanceOf(StreamOverflowError);
    expect(await stream.next()).toEqual({ value: undefined, done: true });
  });

  it('ends on the abort signal, resolving a pending next()', async () => {
    const bus = new EventBus<Events>();
    const controller = new AbortController();
    const stream = bus.stream('n', { signal: controller.signal });
    const pending = stream.next();
    controller.abort();
    expect(await pending).toEqual({ value: undefined, done: true });
    expect(bus.listenerCount('n')).toBe(0);
    const already = bus.stream('n', { signal: AbortSignal.abort() });
    expect(await already.next()).toEqual({ value: undefined, done: true });
    expect(bus.listenerCount('n')).toBe(0);
  });

  it('is disposable and ends with bus.clear()', async () => {
    const bus = new EventBus<Events>();
    {
      using _s = bus.stream('n');
      expect(bus.listenerCount('n')).toBe(1);
    }
    expect(bus.listenerCount('n')).toBe(0);
    const s = bus.stream('n');
    bus.emit('n', 1);
    bus.clear();
    expect(await s.next()).toEqual({ value: undefined, done: true });
  });

  it('validates its options and refuses concurrent next() calls', async () => {
    const bus = new EventBus<Events>();
    expect(() => bus.stream('n', { capacity: 0 })).toThrow(ValidationError);
    expect(() => bus.stream('n', { overflow: 'block' as never })).toThrow(/overflow must be/);
    const s = bus.stream('n');
    const first = s.next();
    await expect(s.next()).rejects.toThrow(/previous next\(\) is pending/);
    bus.emit('n', 9);
    expect(await first).toEqual({ value: 9, done: false });
    s.close();
  });

  it('runs beside callback listeners', async () => {
    const bus = new EventBus<Events>();
    const seen: number[] = [];
    bus.on('n', (n) => {
      seen.push(n);
    });
    const s = bus.stream('n');
    bus.emit('n', 1);
    expect(seen).toEqual([1]);
    expect(await s.next()).toEqual({ value: 1, done: false });
    await s.return();
  });
});
