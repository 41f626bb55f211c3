// BoundedBuffer: each overflow policy against a slow consumer (examples and properties), and
// the ways a stream ends (close drains; fail, signal and break do not).
import { BoundedBuffer, BufferOverflowError, ConfigError, WebSocketQueue } from '@venuekit/base';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';

async function drain<T>(buffer: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const item of buffer) out.push(item);
  return out;
}

describe('BoundedBuffer', () => {
  it('hands an item straight to a waiting consumer', async () => {
    const buffer = new BoundedBuffer<number>({ capacity: 1 });
    const next = buffer.next();
    expect(buffer.push(1)).toBe(true);
    expect(buffer.push(2)).toBe(true);
    await expect(next).resolves.toEqual({ done: false, value: 1 });
    expect(buffer.size).toBe(1);
  });

  it("'dropOldest': a slow consumer sees the newest `capacity` items in order, drops counted", async () => {
    const buffer = new BoundedBuffer<number>({ capacity: 3, policy: 'dropOldest' });
    for (let i = 1; i <= 10; i++) buffer.push(i);
    buffer.close();
    expect(await drain(buffer)).toEqual([8, 9, 10]);
    expect(buffer.dropped).toBe(7);
  });

  it("'conflate': keeps the latest per key, in first-arrival order; replacements counted", async () => {
    const buffer = new BoundedBuffer<{ s: string; p: number }>({
      capacity: 10,
      policy: 'conflate',
      keyOf: (t) => t.s,
    });
    buffer.push({ s: 'BTC', p: 1 });
    buffer.push({ s: 'ETH', p: 10 });
    buffer.push({ s: 'BTC', p: 2 });
    buffer.push({ s: 'BTC', p: 3 });
    buffer.close();
    expect(await drain(buffer)).toEqual([
      { s: 'BTC', p: 3 },
      { s: 'ETH', p: 10 },
    ]);
    expect(buffer.conflated).toBe(2);
    expect(buffer.dropped).toBe(0);
  });

  it("'conflate' beyond capacity distinct keys evicts the oldest key and counts a drop", async () => {
    const buffer = new BoundedBuffer<string>({ capacity: 2, policy: 'conflate', keyOf: (s) => s });
    for (const s of ['a', 'b', 'c']) buffer.push(s);
    buffer.close();
    expect(await drain(buffer)).toEqual(['b', 'c']);
    expect(buffer.dropped).toBe(1);
  });

  it("'error': overflow discards the buffer and the next read throws BufferOverflowError", async () => {
    let ended = 0;
    const buffer = new BoundedBuffer<number>({ capacity: 2, policy: 'error', onEnd: () => ended++ });
    expect(buffer.push(1)).toBe(true);
    expect(buffer.push(2)).toBe(true);
    expect(buffer.push(3)).toBe(false);
    expect(buffer.push(4)).toBe(false);
    const error = await buffer.next().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(BufferOverflowError);
    expect((error as BufferOverflowError).capacity).toBe(2);
    expect(buffer.dropped).toBe(1);
    await expect(buffer.next()).resolves.toEqual({ done: true, value: undefined });
    expect(ended).toBe(1);
  });

  it('close() lets the consumer drain; fail() ends at once; a waiting consumer gets the error', async () => {
    const a = new BoundedBuffer<number>();
    a.push(1);
    a.close();
    expect(a.push(2)).toBe(false);
    expect(await drain(a)).toEqual([1]);

    const b = new BoundedBuffer<number>();
    const waiting = b.next();
    b.fail(new Error('upstream gone'));
    await expect(waiting).rejects.toThrow('upstream gone');
    await expect(b.next()).resolves.toMatchObject({ done: true });
  });

  it('break and the signal end the stream and call onEnd once', async () => {
    let ended = 0;
    const buffer = new BoundedBuffer<number>({ onEnd: () => ended++ });
    buffer.push(1);
    buffer.push(2);
    for await (const _ of buffer) break;
    expect(ended).toBe(1);
    expect(buffer.size).toBe(0);
    expect(buffer.push(3)).toBe(false);

    const controller = new AbortController();
    const viaSignal = new BoundedBuffer<number>({ signal: controller.signal, onEnd: () => ended++ });
    const pending = viaSignal.next();
    controller.abort();
    await expect(pending).resolves.toMatchObject({ done: true });
    expect(ended).toBe(2);
  });

  it('rejects bad options with ConfigError', () => {
    expect(() => new BoundedBuffer({ capacity: 0 })).toThrow(ConfigError);
    expect(() => new BoundedBuffer({ policy: 'conflate' })).toThrow(/keyOf/);
    expect(() => new BoundedBuffer({ policy: 'block' as never })).toThrow(/policy/);
  });

  it('property: dropOldest yields exactly the last min(n, capacity) pushes, in order', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.integer({ min: 1, max: 50 }),
        fc.array(fc.integer(), { maxLength: 200 }),
        async (cap, xs) => {
          const buffer = new BoundedBuffer<number>({ capacity: cap, policy: 'dropOldest' });
          for (const x of xs) buffer.push(x);
          buffer.close();
          const out = await drain(buffer);
          expect(out).toEqual(xs.slice(Math.max(0, xs.length - cap)));
          expect(buffer.dropped).toBe(Math.max(0, xs.length - cap));
        },
      ),
    );
  });

  it('property: conflate with enough room yields each key once with its latest value', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.record({ k: fc.integer({ min: 0, max: 9 }), v: fc.integer() }), { maxLength: 200 }),
        async (items) => {
          const buffer = new BoundedBuffer<{ k: number; v: number }>({
            capacity: 10,
            policy: 'conflate',
            keyOf: (i) => i.k,
          });
          for (const i of items) buffer.push(i);
          buffer.close();
          const out = await drain(buffer);
          const latest = new Map<number, number>();
          for (const i of items) latest.set(i.k, i.v);
          expect(out.map((i) => i.k)).toEqual([...latest.keys()]);
          expect(out.map((i) => i.v)).toEqual([...latest.values()]);
          expect(buffer.conflated).toBe(items.length - latest.size);
        },
      ),
    );
  });
});

describe('WebSocketQueue', () => {
  it('onmessage is pre-bound and enqueues; ends on close()', async () => {
    const queue = new WebSocketQueue<number>({ capacity: 5, policy: 'dropOldest' });
    const { onmessage } = queue;
    onmessage(1, undefined);
    onmessage(2);
    queue.close();
    expect(await drain(queue)).toEqual([1, 2]);
  });
});
