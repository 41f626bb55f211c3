import { describe, expect, it } from 'vitest';
import { cached, FakeClock, TtlCache } from '@venuekit/base';

describe('cached()', () => {
  it('shares one in-flight call among concurrent callers and caches its result for ttlMs', async () => {
    const clock = new FakeClock(0);
    let calls = 0;
    const fetchTicker = cached(
      async (symbol: string) => {
        calls++;
        await null;
        return { symbol, price: 100 + calls };
      },
      { ttlMs: 1000, clock },
    );
    const [a, b] = await Promise.all([fetchTicker('BTCUSDT'), fetchTicker('BTCUSDT')]);
    expect(a).toBe(b);
    expect(calls).toBe(1);
    expect(await fetchTicker('BTCUSDT')).toBe(a);
    await fetchTicker('ETHUSDT');
    expect(calls).toBe(2);
    clock.advance(1000);
    expect((await fetchTicker('BTCUSDT')).price).toBe(103);
    expect(fetchTicker.cache.stats()).toMatchObject({ hits: 1 });
  });

  it('never caches a rejection; every sharer sees it and the next call retries', async () => {
    let calls = 0;
    const flaky = cached(async () => {
      calls++;
      if (calls === 1) throw new Error('boom');
      return 'ok';
    });
    const results = await Promise.allSettled([flaky(), flaky()]);
    expect(results.map((r) => r.status)).toEqual(['rejected', 'rejected']);
    expect(calls).toBe(1);
    expect(await flaky()).toBe('ok');
    expect(calls).toBe(2);
  });

  it('turns a synchronous throw into a rejection', async () => {
    const bad = cached((x: number) => {
      if (x < 0) throw new RangeError('negative');
      return x * 2;
    });
    await expect(bad(-1)).rejects.toThrow(RangeError);
    expect(await bad(2)).toBe(4);
  });

  it('keys by canonical arguments, or by a custom key', async () => {
    let calls = 0;
    const f = cached(async (q: { a: number; b: number }) => {
      calls++;
      return q.a + q.b;
    });
    await f({ a: 1, b: 2 });
    await f({ b: 2, a: 1 });
    expect(calls).toBe(1);
    const g = cached(async (id: string, _requestId: number) => id.length, { key: (id) => id });
    await g('x', 1);
    await g('x', 2);
    expect(g.cache.size).toBe(1);
  });

  it('caches undefined results as hits', async () => {
    let calls = 0;
    const f = cached(async () => {
      calls++;
      return undefined;
    });
    await f();
    await f();
    expect(calls).toBe(1);
  });

  it('clear() and delete() forget results and in-flight calls', async () => {
    let calls = 0;
    let release!: () => void;
    const f = cached(async (k: string) => {
      calls++;
      if (calls === 1) await new Promise<void>((r) => (release = r));
      return `${k}${calls}`;
    });
    const first = f('a');
    await null;
    f.clear(); // the running call must not land in the cache afterwards
    release();
    expect(await first).toBe('a1');
    expect(await f('a')).toBe('a2');
    expect(f.delete('a')).toBe(true);
    expect(await f('a')).toBe('a3');
    expect(f.delete('zzz')).toBe(false);
  });

  it('uses a given cache and ttlMs per entry', async () => {
    const clock = new FakeClock(0);
    const cache = new TtlCache<string, number>({ ttlMs: 10_000, clock });
    let n = 0;
    const f = cached(async () => ++n, { cache, ttlMs: 100 });
    await f();
    clock.advance(100);
    expect(await f()).toBe(2);
    expect(f.cache).toBe(cache);
  });
});
