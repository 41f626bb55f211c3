// The shared seeded generators: pinned sequences (a seed must keep giving the market it gave
// before the generators moved here) and the helpers' ranges.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { fnv1a, noiseAt } from '../../src/shared/random/hash-noise.js';
import { Sfc32Random } from '../../src/shared/random/sfc32-random.js';
import { Xoshiro128Random } from '../../src/shared/random/xoshiro128-random.js';

describe('seeded generators', () => {
  it('sfc32 (Binance markets) gives its pinned sequence for string and numeric seeds', () => {
    const r = new Sfc32Random('venuekit:spot:BTCUSDT');
    expect([r.next(), r.int(1000), r.range(5, 9), r.chance(0.5)]).toEqual([0.8583019303623587, 193, 6, true]);
    expect(new Sfc32Random(42).next()).toBe(0.7986093161161989);
  });

  it('xoshiro128** (Bybit markets) gives its pinned sequence for string and numeric seeds', () => {
    const r = new Xoshiro128Random('venuekit');
    expect([r.next(), r.int(1000), r.range(5, 9), r.chance(0.5)]).toEqual([0.2678357954137027, 636, 8, true]);
    expect(new Xoshiro128Random(42).next()).toBe(0.6606157226487994);
  });

  it('hash and noise are pinned and noise stays in [-1, 1)', () => {
    expect(fnv1a('BTCUSDT')).toBe(3895251564);
    expect(noiseAt(7, 123456789012)).toBe(-0.48794416431337595);
    fc.assert(
      fc.property(fc.integer(), fc.maxSafeNat(), (salt, k) => {
        const v = noiseAt(salt, k);
        return v >= -1 && v < 1 && v === noiseAt(salt, k);
      }),
    );
  });

  it('int, range and chance stay within their bounds for any seed (property)', () => {
    fc.assert(
      fc.property(
        fc.string(),
        fc.boolean(),
        fc.integer({ min: -50, max: 50 }),
        fc.nat(100),
        (seed, sfc, min, span) => {
          const r = sfc ? new Sfc32Random(seed) : new Xoshiro128Random(seed);
          const again = sfc ? new Sfc32Random(seed) : new Xoshiro128Random(seed);
          for (let i = 0; i < 20; i++) {
            const v = r.range(min, min + span);
            if (v < min || v > min + span || v !== again.range(min, min + span)) return false;
            const n = r.int(span + 1);
            if (n < 0 || n > span || n !== again.int(span + 1)) return false;
            if (r.chance(0) || !r.chance(1)) return false;
            again.next();
            again.next();
          }
          return true;
        },
      ),
      { numRuns: 200 },
    );
  });
});
