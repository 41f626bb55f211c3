// wait() and watch(): wake-ups per mutation batch, change streams that see only later changes,
// end on dispose / break / abort, and a bounded buffer with an explicit overflow policy.
import { getEventListeners } from 'node:events';
import { describe, expect, it } from 'vitest';
import { ConfigError, DataStore, type StoreChange, StoreOverflowError } from '@venuekit/base';

interface Item {
  id: number;
  v?: number;
}

function drain<T>(stream: AsyncIterator<T>, count: number): Promise<T[]> {
  return (async () => {
    const out: T[] = [];
    for (let i = 0; i < count; i++) {
      const r = await stream.next();
      if (r.done) break;
      out.push(r.value);
    }
    return out;
  })();
}

describe('DataStore.wait', () => {
  it('resolves on the next mutation that changes something', async () => {
    const store = new DataStore<Item>({ keys: ['id'] });
    let woke = 0;
    const waiting = store.wait().then(() => woke++);
    store.delete([{ id: 1 }]);
    await Promise.resolve();
    expect(woke).toBe(0);
    store.insert([{ id: 1 }]);
    await waiting;
    expect(woke).toBe(1);
  });

  it('rejects with the abort reason and removes its listener', async () => {
    const store = new DataStore<Item>({ keys: ['id'] });
    const controller = new AbortController();
    const waiting = store.wait(controller.signal);
    controller.abort(new Error('stop'));
    await expect(waiting).rejects.toThrow('stop');
    await expect(store.wait(controller.signal)).rejects.toThrow('stop');
  });
});

describe('no leftovers', () => {
  it('leaves no abort listener behind once wait() or a watcher ends', async () => {
    const store = new DataStore<Item>({ keys: ['id'] });
    const controller = new AbortController();
    const waits = Array.from({ length: 50 }, () => store.wait(controller.signal));
    const streams = Array.from({ length: 50 }, () => store.watch({ signal: controller.signal }));
    expect(getEventListeners(controller.signal, 'abort')).toHaveLength(100);
    store.insert([{ id: 1 }]);
    await Promise.all(waits);
    for (const stream of streams) stream.close();
    expect(getEventListeners(controller.signal, 'abort')).toHaveLength(0);
    store.insert([{ id: 2 }]);
    expect(streams.every((s) => s.buffered === 0)).toBe(true);
  });
});

describe('DataStore.watch', () => {
  it('yields insert / update / delete with pybotters sources, only for changes after watch()', async () => {
    const store = new DataStore<Item>({ keys: ['id'], data: [{ id: 1, v: 1 }] });
    using stream = store.watch();
    store.insert([{ id: 2, v: 2 }]);
    store.update([{ id: 1, v: 5 }]);
    store.update([{ id: 3, v: 3 }]);
    store.delete([{ id: 2 }]);
    const changes = await drain(stream, 4);
    expect(changes).toEqual<StoreChange<Item>[]>([
      { operation: 'insert', data: { id: 2, v: 2 }, source: null },
      { operation: 'update', data: { id: 1, v: 5 }, source: { id: 1, v: 5 } },
      { operation: 'update', data: { id: 3, v: 3 }, source: null },
      { operation: 'delete', data: { id: 2, v: 2 }, source: { id: 2 } },
    ]);
  });

  it('keeps each change a snapshot: a later update does not rewrite an earlier change', async () => {
    const store = new DataStore<Item>({ keys: ['id'], data: [{ id: 1, v: 1 }] });
    using stream = store.watch();
    store.update([{ id: 1, v: 2 }]);
    store.update([{ id: 1, v: 3 }]);
    const [first, second] = await drain(stream, 2);
    expect(first!.data.v).toBe(2);
    expect(second!.data.v).toBe(3);
  });

  it('reports pop, findAndDelete and clear as deletes, but not maxlen trimming', async () => {
    const store = new DataStore<Item>({ keys: ['id'], maxlen: 2, data: [{ id: 1 }, { id: 2 }] });
    using stream = store.watch();
    store.insert([{ id: 3 }]);
    store.pop({ id: 2 });
    store.findAndDelete({ id: 3 });
    store.insert([{ id: 4 }]);
    store.clear();
    const changes = await drain(stream, 5);
    expect(changes.map((c) => `${c.operation}:${c.data.id}:${JSON.stringify(c.source)}`)).toEqual([
      'insert:3:null',
      'delete:2:{"id":2}',
      'delete:3:{"id":3}',
      'insert:4:null',
      'delete:4:null',
    ]);
  });

  it('ends on close(), on dispose, on break and on abort', async () => {
    const store = new DataStore<Item>({ keys: ['id'] });
    const closed = store.watch();
    const pending = closed.next();
    closed.close();
    expect(await pending).toEqual({ value: undefined, done: true });

    let outside: { readonly closed: boolean } | undefined;
    {
      using disposed = store.watch();
      expect(disposed.closed).toBe(false);
      outside = disposed;
    }
    expect(outside.closed).toBe(true);

    const seen: number[] = [];
    const loop = (async () => {
      for await (const change of store.watch()) {
        seen.push(change.data.id);
        if (change.data.id === 2) break;
      }
    })();
    store.insert([{ id: 1 }]);
    store.insert([{ id: 2 }]);
    store.insert([{ id: 3 }]);
    await loop;
    expect(seen).toEqual([1, 2]);

    const controller = new AbortController();
    const aborted = store.watch({ signal: controller.signal });
    const next = aborted.next();
    controller.abort();
    expect((await next).done).toBe(true);
    store.insert([{ id: 4 }]);
    expect(aborted.buffered).toBe(0);
  });

  it("fails with StoreOverflowError when the consumer falls behind (policy 'error')", async () => {
    const store = new DataStore<Item>({ keys: ['id'] });
    const stream = store.watch({ bufferSize: 3 });
    store.insert([{ id: 1 }, { id: 2 }, { id: 3 }, { id: 4 }]);
    expect(stream.closed).toBe(true);
    await expect(stream.next()).rejects.toBeInstanceOf(StoreOverflowError);
    expect((await stream.next()).done).toBe(true);
  });

  it("keeps the newest changes and counts drops (policy 'drop-oldest')", async () => {
    const store = new DataStore<Item>({ keys: ['id'], maxlen: Number.POSITIVE_INFINITY });
    using stream = store.watch({ bufferSize: 3, overflow: 'drop-oldest' });
    for (let id = 1; id <= 5000; id++) store.insert([{ id }]);
    expect(stream.dropped).toBe(4997);
    expect(stream.buffered).toBe(3);
    expect((await drain(stream, 3)).map((c) => c.data.id)).toEqual([4998, 4999, 5000]);
  });

  it('validates watch options', () => {
    const store = new DataStore();
    expect(() => store.watch({ bufferSize: 0 })).toThrow(ConfigError);
    expect(() => store.watch({ overflow: 'latest' as 'error' })).toThrow(/overflow/);
  });

  it('builds no change objects while nobody watches, and detaches closed watchers', async () => {
    const store = new DataStore<Item>({ keys: ['id'] });
    const a = store.watch();
    const b = store.watch();
    store.insert([{ id: 1 }]);
    a.close();
    store.insert([{ id: 2 }]);
    expect(a.buffered).toBe(0);
    expect(b.buffered).toBe(2);
    b.close();
    store.insert([{ id: 3 }]);
    expect(b.buffered).toBe(0);
  });
});
