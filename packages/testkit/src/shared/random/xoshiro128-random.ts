// The xoshiro128** generator (seeded through splitmix32 from an FNV-1a string hash): the Bybit
// simulator draws one per symbol from it, so a seed gives the same Bybit market it always has.
import { fnv1a } from './hash-noise.js';
import { SeededRandom } from './seeded-random.js';

/** xoshiro128** random numbers from a string or numeric seed; equal seeds give equal sequences. */
export class Xoshiro128Random extends SeededRandom {
  #s0: number;
  #s1: number;
  #s2: number;
  #s3: number;

  /** Creates a generator; equal seeds give equal sequences. */
  constructor(seed: string | number) {
    super();
    let x = typeof seed === 'number' ? seed >>> 0 : fnv1a(seed);
    const next = (): number => {
      x = (x + 0x9e3779b9) | 0;
      let z = x;
      z = Math.imul(z ^ (z >>> 16), 0x85ebca6b);
      z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35);
      return (z ^ (z >>> 16)) >>> 0;
    };
    this.#s0 = next();
    this.#s1 = next();
    this.#s2 = next();
    this.#s3 = next() | 1;
  }

  /** A float in [0, 1). */
  next(): number {
    const result = Math.imul(rotl(Math.imul(this.#s1, 5), 7), 9) >>> 0;
    const t = this.#s1 << 9;
    this.#s2 ^= this.#s0;
    this.#s3 ^= this.#s1;
    this.#s1 ^= this.#s2;
    this.#s0 ^= this.#s3;
    this.#s2 ^= t;
    this.#s3 = rotl(this.#s3, 11);
    return result / 4294967296;
  }
}

function rotl(x: number, k: number): number {
  return (x << k) | (x >>> (32 - k));
}
