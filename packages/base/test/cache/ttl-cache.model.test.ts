// Model test: random sequences of set/get/has/delete/advance/cleanup against a TtlCache and a
// plain reference model (an array in LRU order) must agree on every result, the live keys in
// recency order, and the number of entries held.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { FakeClock, TtlCache } from '@venuekit/base';

type Op =
  | { op: 'set'; key: number; value: number; ttl: number | null }
  | { op: 'get' | 'has' | 'delete'; key: number }
  | { op: 'advance'; ms: number }
  | { op: 'cleanup' };

const key = fc.integer({ min: 0, max: 6 });
const op: fc.Arbitrary<Op> = fc.oneof(
  fc.record({
    op: fc.constant('set' as const),
    key,
    value: fc.integer(),
    ttl: fc.option(fc.integer({ min: 1, max: 50 })),
  }),
  fc.record({ op: fc.constantFrom('get' as const, 'has' as const, 'delete' as const), key }),
  fc.record({ op: fc.constant('advance' as const), ms: fc.integer({ min: 0, max: 40 }) }),
  fc.record({ op: fc.constant('cleanup' as const) }),
);

interface ModelEntry {
  key: number;
  value: number;
  expiresAt: number;
}

describe('TtlCache (model)', () => {
  it('behaves like a reference LRU + TTL model', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 5 }),
        fc.integer({ min: 1, max: 60 }),
        fc.array(op, { maxLength: 80 }),
        (maxSize, ttlMs, ops) => {
          const clock = new FakeClock(0);
          const cache = new TtlCache<number, number>({ ttlMs, maxSize, clock });
          let model: ModelEntry[] = [];
          const find = (k: number): ModelEntry | undefined => model.find((e) => e.key === k);
          const drop = (e: ModelEntry): void => {
            model = model.filter((x) => x !== e);
          };
          for (const o of ops) {
            const now = clock.now();
            switch (o.op) {
              case 'set': {
                const e = find(o.key);
                if (e) drop(e);
                model.push({ key: o.key, value: o.value, expiresAt: now + (o.ttl ?? ttlMs) });
                if (model.length > maxSize) model.shift();
                cache.set(o.key, o.value, o.ttl ?? undefined);
                break;
              }
              case 'get': {
                const e = find(o.key);
                let expected: number | undefined;
                if (e && e.expiresAt > now) {
                  drop(e);
                  model.push(e);
                  expected = e.value;
                } else if (e) drop(e);
                expect(cache.get(o.key)).toBe(expected);
                break;
              }
              case 'has': {
                const e = find(o.key);
                const live = e !== undefined && e.expiresAt > now;
                if (e && !live) drop(e);
                expect(cache.has(o.key)).toBe(live);
                break;
              }
              case 'delete': {
                const e = find(o.key);
                if (e) drop(e);
                expect(cache.delete(o.key)).toBe(e !== undefined && e.expiresAt > now);
                break;
              }
              case 'advance':
                clock.advance(o.ms);
                break;
              case 'cleanup': {
                const expired = model.filter((e) => e.expiresAt <= now);
                model = model.filter((e) => e.expiresAt > now);
                expect(cache.cleanupExpired()).toBe(expired.length);
                break;
              }
            }
            const t = clock.now();
            expect([...cache.keys()]).toEqual(model.filter((e) => e.expiresAt > t).map((e) => e.key));
            expect(cache.size).toBe(model.length);
          }
        },
      ),
      { numRuns: 300 },
    );
  });
});
