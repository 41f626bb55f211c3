import { describe, expect, it } from 'vitest';
import { type EvictionReason, FakeClock, TtlCache, ValidationError } from '@venuekit/base';

describe('TtlCache', () => {
  it('expires entries lazily at setAt + ttl', () => {
    const clock = new FakeClock(0);
    const cache = new TtlCache<string, number>({ ttlMs: 1000, clock });
    cache.set('a', 1);
    clock.advance(999);
    expect(cache.get('a')).toBe(1);
    clock.advance(1);
    expect(cache.size).toBe(1); // still held until someone looks
    expect(cache.get('a')).toBeUndefined();
    expect(cache.size).toBe(0);
    expect(cache.stats()).toMatchObject({ hits: 1, misses: 1, hitRate: 0.5, expirations: 1 });
  });

  it('takes a per-entry ttl and keeps entries forever without one', () => {
    const clock = new FakeClock(0);
    const cache = new TtlCache<string, string>({ clock });
    cache.set('forever', 'x');
    cache.set('short', 'y', 10);
    clock.advance(1e9);
    expect(cache.get('forever')).toBe('x');
    expect(cache.has('short')).toBe(false);
  });

  it('tells a cached undefined apart with has() and getOr()', () => {
    const cache = new TtlCache<string, undefined>({ ttlMs: 1000, clock: new FakeClock(0) });
    cache.set('u', undefined);
    expect(cache.has('u')).toBe(true);
    expect(cache.has('v')).toBe(false);
    expect(cache.getOr('u', 'missing')).toBeUndefined();
    expect(cache.getOr('v', 'missing')).toBe('missing');
  });

  it('evicts the least recently used entry beyond maxSize', () => {
    const evicted: [string, number, EvictionReason][] = [];
    const cache = new TtlCache<string, number>({
      maxSize: 2,
      clock: new FakeClock(0),
      onEvict: (k, v, why) => evicted.push([k, v, why]),
    });
    cache.set('a', 1).set('b', 2);
    cache.get('a'); // b is now the least recently used
    cache.set('c', 3);
    expect([...cache.keys()]).toEqual(['a', 'c']);
    expect(evicted).toEqual([['b', 2, 'capacity']]);
    cache.set('a', 10);
    cache.delete('c');
    cache.clear();
    expect(evicted).toEqual([
      ['b', 2, 'capacity'],
      ['a', 1, 'replaced'],
      ['c', 3, 'deleted'],
      ['a', 10, 'deleted'],
    ]);
    expect(cache.stats().evictions).toBe(1);
  });

  it('peek() and has() do not change recency or stats', () => {
    const cache = new TtlCache<string, number>({ maxSize: 2, clock: new FakeClock(0) });
    cache.set('a', 1).set('b', 2);
    expect(cache.peek('a')).toBe(1);
    cache.set('c', 3);
    expect(cache.has('a')).toBe(false);
    expect(cache.stats()).toMatchObject({ hits: 0, misses: 0, hitRate: 0 });
    cache.resetStats();
    expect([...cache]).toEqual([
      ['b', 2],
      ['c', 3],
    ]);
  });

  it('cleanupExpired() removes and counts expired entries', () => {
    const clock = new FakeClock(0);
    const cache = new TtlCache<number, number>({ ttlMs: 100, clock });
    for (let i = 0; i < 5; i++) cache.set(i, i, i < 3 ? 50 : 200);
    clock.advance(100);
    expect(cache.cleanupExpired()).toBe(3);
    expect([...cache.keys()]).toEqual([3, 4]);
    expect(cache.delete(3)).toBe(true);
    clock.advance(100);
    expect(cache.delete(4)).toBe(false); // it had expired
  });

  it('runs a disposable sweeper on the clock', () => {
    const clock = new FakeClock(0);
    const cache = new TtlCache<string, number>({ ttlMs: 100, clock });
    cache.set('a', 1);
    {
      using sweeper = cache.startSweeper(50);
      expect(sweeper.running).toBe(true);
      clock.advance(100);
      expect(cache.size).toBe(0);
      cache.set('b', 2);
    }
    expect(clock.pendingTimers).toBe(0); // disposed at the end of the block
    clock.advance(1000);
    expect(cache.size).toBe(1);
  });

  it('validates its options', () => {
    expect(() => new TtlCache({ ttlMs: 0 })).toThrow(ValidationError);
    expect(() => new TtlCache({ maxSize: 1.5 })).toThrow(/maxSize must be an integer >= 1/);
    const cache = new TtlCache<string, number>();
    expect(() => cache.set('a', 1, -5)).toThrow(/ttlMs must be a number of milliseconds > 0/);
    expect(() => cache.startSweeper(0)).toThrow(/intervalMs must be a finite number/);
  });

  it('does not keep the process alive with a sweeper or cleanup task on the system clock', async () => {
    const { execFileSync } = await import('node:child_process');
    const source = new URL('../../src/index.ts', import.meta.url).href;
    const script = `
      const { TtlCache, ClientCache } = await import(${JSON.stringify(source)});
      new TtlCache({ ttlMs: 1000 }).startSweeper(60_000);
      new ClientCache({ create: () => ({}) }).createCleanupTask({ intervalMs: 60_000 });
      console.log('done');`;
    const out = execFileSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], {
      timeout: 20_000,
      encoding: 'utf8',
    });
    expect(out.trim()).toBe('done');
  });
});
