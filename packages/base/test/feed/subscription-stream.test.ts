// subscriptionToAsyncIterable: lazy start, clean ends (break, abort, source end/failure),
// release of everything held, bounded buffering with each overflow policy, idle timeout.
import { EventEmitter, getEventListeners } from 'node:events';
import {
  ConfigError,
  FakeClock,
  type Logger,
  SubscriptionError,
  type SubscriptionStreamOptions,
  subscriptionToAsyncIterable,
} from '@venuekit/base';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';

/** A push source on an EventEmitter, recording starts and stops. */
function emitterSource(options: SubscriptionStreamOptions = {}) {
  const emitter = new EventEmitter();
  const counts = { starts: 0, stops: 0 };
  const stream = subscriptionToAsyncIterable<number>((push, fail, end) => {
    counts.starts++;
    emitter.on('value', push);
    emitter.on('error', fail);
    emitter.on('end', end);
    return () => {
      counts.stops++;
      emitter.off('value', push);
      emitter.off('error', fail);
      emitter.off('end', end);
    };
  }, options);
  const listeners = () =>
    emitter.listenerCount('value') + emitter.listenerCount('error') + emitter.listenerCount('end');
  return { emitter, counts, stream, listeners };
}

describe('subscriptionToAsyncIterable', () => {
  it('starts on the first next(), yields in order, and stops once on break', async () => {
    const { emitter, counts, stream, listeners } = emitterSource();
    expect(counts.starts).toBe(0);
    const first = stream.next();
    expect(counts.starts).toBe(1);
    emitter.emit('value', 1);
    emitter.emit('value', 2);
    emitter.emit('value', 3);
    expect(await first).toEqual({ done: false, value: 1 });
    const seen: number[] = [];
    for await (const v of stream) {
      seen.push(v);
      if (v === 3) break;
    }
    expect(seen).toEqual([2, 3]);
    expect(counts.stops).toBe(1);
    expect(listeners()).toBe(0);
    expect(stream.closed).toBe(true);
    expect(await stream.next()).toEqual({ done: true, value: undefined });
    emitter.emit('value', 4); // ignored, nothing listens
    expect(stream.buffered).toBe(0);
  });

  it('ends cleanly when the signal aborts, while waiting, and removes its abort listener', async () => {
    const controller = new AbortController();
    const { emitter, counts, stream, listeners } = emitterSource({ signal: controller.signal });
    expect(getEventListeners(controller.signal, 'abort')).toHaveLength(1);
    const seen: number[] = [];
    const loop = (async () => {
      for await (const v of stream) seen.push(v);
      return 'ended';
    })();
    await new Promise((r) => setImmediate(r));
    emitter.emit('value', 7);
    await new Promise((r) => setImmediate(r));
    controller.abort();
    expect(await loop).toBe('ended');
    expect(seen).toEqual([7]);
    expect(counts.stops).toBe(1);
    expect(listeners()).toBe(0);
    expect(getEventListeners(controller.signal, 'abort')).toHaveLength(0);
  });

  it('never starts with an already aborted signal', async () => {
    const { counts, stream } = emitterSource({ signal: AbortSignal.abort() });
    expect(await stream.next()).toEqual({ done: true, value: undefined });
    expect(counts).toEqual({ starts: 0, stops: 0 });
  });

  it('removes its abort listener on break too', async () => {
    const controller = new AbortController();
    const { emitter, stream } = emitterSource({ signal: controller.signal });
    const pending = stream.next();
    emitter.emit('value', 1);
    await pending;
    await stream.return();
    expect(getEventListeners(controller.signal, 'abort')).toHaveLength(0);
  });

  it('drains buffered values before ending when the source ends', async () => {
    const { emitter, stream, counts } = emitterSource();
    const first = stream.next();
    emitter.emit('value', 1);
    emitter.emit('value', 2);
    emitter.emit('end');
    expect(counts.stops).toBe(1);
    const rest: number[] = [];
    expect((await first).value).toBe(1);
    for await (const v of stream) rest.push(v);
    expect(rest).toEqual([2]);
  });

  it('drains buffered values, then throws the source error once', async () => {
    const { emitter, stream, counts } = emitterSource();
    const first = stream.next();
    emitter.emit('value', 1);
    emitter.emit('value', 2);
    const boom = new Error('socket reset');
    emitter.emit('error', boom);
    expect(counts.stops).toBe(1);
    expect((await first).value).toBe(1);
    expect((await stream.next()).value).toBe(2);
    await expect(stream.next()).rejects.toBe(boom);
    expect(await stream.next()).toEqual({ done: true, value: undefined });
  });

  it('rejects a waiting consumer when the source fails with nothing buffered', async () => {
    const { emitter, stream } = emitterSource();
    const waiting = stream.next();
    emitter.emit('error', new Error('gone'));
    await expect(waiting).rejects.toThrow('gone');
  });

  it('dropOldest keeps the newest values and counts drops', async () => {
    const { emitter, stream } = emitterSource({ capacity: 3, overflow: 'dropOldest' });
    const first = stream.next();
    for (let i = 1; i <= 10; i++) emitter.emit('value', i);
    expect((await first).value).toBe(1);
    expect(stream.dropped).toBe(6);
    expect(stream.buffered).toBe(3);
    const rest = [(await stream.next()).value, (await stream.next()).value, (await stream.next()).value];
    expect(rest).toEqual([8, 9, 10]);
    await stream.return();
  });

  it('conflate replaces the newest buffered value so the consumer sees the latest', async () => {
    const { emitter, stream } = emitterSource({ capacity: 2, overflow: 'conflate' });
    const first = stream.next();
    for (let i = 1; i <= 6; i++) emitter.emit('value', i);
    expect((await first).value).toBe(1);
    expect([(await stream.next()).value, (await stream.next()).value]).toEqual([2, 6]);
    expect(stream.dropped).toBe(3);
    await stream.return();
  });

  it("'error' stops the source and throws SubscriptionError after the buffered values", async () => {
    const { emitter, stream, counts, listeners } = emitterSource({
      capacity: 2,
      overflow: 'error',
      label: 'acme watchTrades X',
      venue: 'acme',
    });
    const first = stream.next();
    for (let i = 1; i <= 4; i++) emitter.emit('value', i);
    expect(counts.stops).toBe(1);
    expect(listeners()).toBe(0);
    expect(stream.dropped).toBe(1);
    expect([(await first).value, (await stream.next()).value, (await stream.next()).value]).toEqual([
      1, 2, 3,
    ]);
    const error = await stream.next().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(SubscriptionError);
    expect((error as SubscriptionError).message).toMatch(
      /^acme watchTrades X: the consumer fell behind .* 2 values/,
    );
    expect((error as SubscriptionError).venue).toBe('acme');
  });

  it('waits for an async start, and stops a source that finished starting after break', async () => {
    let resolveStart!: (stop: () => void) => void;
    let stops = 0;
    const stream = subscriptionToAsyncIterable<number>(
      () =>
        new Promise((resolve) => {
          resolveStart = resolve;
        }),
    );
    const waiting = stream.next();
    await stream.return();
    expect(await waiting).toEqual({ done: true, value: undefined });
    resolveStart(() => {
      stops++;
    });
    await new Promise((r) => setImmediate(r));
    expect(stops).toBe(1);
  });

  it('surfaces a start that throws or rejects', async () => {
    const sync = subscriptionToAsyncIterable<number>(() => {
      throw new Error('subscribe refused');
    });
    await expect(sync.next()).rejects.toThrow('subscribe refused');
    const asyncStart = subscriptionToAsyncIterable<number>(async () => {
      throw new Error('no ack');
    });
    await expect(asyncStart.next()).rejects.toThrow('no ack');
    const notAFunction = subscriptionToAsyncIterable<number>(() => 42 as unknown as () => void);
    await expect(notAFunction.next()).rejects.toThrow(/must return \(or resolve to\) a stop function/);
  });

  it('return() reports a failing stop; on abort the failure is logged, not lost', async () => {
    const failing = subscriptionToAsyncIterable<number>(() => () => {
      throw new Error('unsubscribe failed');
    });
    const pending = failing.next();
    await expect(failing.return()).rejects.toThrow('unsubscribe failed');
    expect((await pending).done).toBe(true);

    const logged: string[] = [];
    const logger = { warn: (message: string) => logged.push(message) } as unknown as Logger;
    const controller = new AbortController();
    const aborted = subscriptionToAsyncIterable<number>(
      () => () => {
        throw new Error('unsubscribe failed');
      },
      { signal: controller.signal, logger, label: 'x' },
    );
    const waiting = aborted.next();
    controller.abort();
    expect((await waiting).done).toBe(true);
    await new Promise((r) => setImmediate(r));
    expect(logged).toEqual(['stopping a subscription failed']);
  });

  it('fails a stale subscription after idleTimeoutMs and releases its timer on break', async () => {
    const clock = new FakeClock();
    const { emitter, stream } = emitterSource({ idleTimeoutMs: 1000, clock, label: 'acme watchTicker X' });
    const first = stream.next();
    clock.advance(600);
    emitter.emit('value', 1);
    expect((await first).value).toBe(1);
    clock.advance(600); // 600 ms since the last value: still fine
    const next = stream.next();
    clock.advance(400);
    await expect(next).rejects.toThrow(/acme watchTicker X: no data for 1000 ms/);
    expect(clock.pendingTimers).toBe(0);

    const second = emitterSource({ idleTimeoutMs: 1000, clock });
    const p = second.stream.next();
    expect(clock.pendingTimers).toBe(1);
    await second.stream.return();
    expect((await p).done).toBe(true);
    expect(clock.pendingTimers).toBe(0);
  });

  it('works with await using', async () => {
    const { emitter, counts, stream } = emitterSource();
    {
      await using s = stream;
      const p = s.next();
      emitter.emit('value', 1);
      await p;
    }
    expect(counts.stops).toBe(1);
  });

  it('refuses bad options with ConfigError naming the field', () => {
    expect(() => subscriptionToAsyncIterable(() => () => {}, { capacity: 0 })).toThrow(ConfigError);
    expect(() => subscriptionToAsyncIterable(() => () => {}, { capacity: 1.5 })).toThrow(
      /^capacity: expected a positive integer/,
    );
    expect(() => subscriptionToAsyncIterable(() => () => {}, { overflow: 'drop' as 'error' })).toThrow(
      /^overflow: expected/,
    );
  });

  it('property: deliveries are an ordered subsequence; delivered + dropped = pushed; the newest is never lost', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.constantFrom('push' as const, 'read' as const), { maxLength: 200 }),
        fc.integer({ min: 1, max: 8 }),
        fc.constantFrom('dropOldest' as const, 'conflate' as const),
        async (ops, capacity, overflow) => {
          const { emitter, stream } = emitterSource({ capacity, overflow });
          const first = stream.next();
          let pushed = 1;
          emitter.emit('value', 1);
          const delivered: number[] = [(await first).value as number];
          for (const op of ops) {
            if (op === 'push') emitter.emit('value', ++pushed);
            else if (stream.buffered > 0) delivered.push((await stream.next()).value as number);
            expect(stream.buffered).toBeLessThanOrEqual(capacity);
          }
          while (stream.buffered > 0) delivered.push((await stream.next()).value as number);
          await stream.return();
          for (let i = 1; i < delivered.length; i++) expect(delivered[i]).toBeGreaterThan(delivered[i - 1]!);
          expect(delivered.length + stream.dropped).toBe(pushed);
          expect(delivered[delivered.length - 1]).toBe(pushed);
        },
      ),
      { numRuns: 300 },
    );
  });
});
