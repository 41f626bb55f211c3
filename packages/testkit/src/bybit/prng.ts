// The Bybit simulator's seeded random numbers (xoshiro128** seeded through splitmix32 from a
// string hash): one generator per symbol, so a seed always gives the same market, run after run.

/** Deterministic random numbers from a string or numeric seed. */
export class SeededRng {
  #s0: number;
  #s1: number;
  #s2: number;
  #s3: number;

  /** Creates a generator; equal seeds give equal sequences. */
  constructor(seed: string | number) {
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

  /** An integer in [0, n). */
  int(n: number): number {
    return Math.floor(this.next() * n);
  }

  /** An integer in [min, max], both included. */
  between(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }

  /** True with probability `p`. */
  chance(p: number): boolean {
    return this.next() < p;
  }
}

/** A 32-bit hash of `text` (FNV-1a), also used for deterministic per-key noise. */
export function fnv1a(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

/** Deterministic noise in [-1, 1) for an integer `k` under `salt` (no state). */
export function noiseAt(salt: number, k: number): number {
  let z = (salt ^ Math.imul(k | 0, 0x27d4eb2d) ^ Math.floor(k / 4294967296)) | 0;
  z = Math.imul(z ^ (z >>> 15), 0x85ebca6b);
  z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35);
  z ^= z >>> 16;
  return (z >>> 0) / 2147483648 - 1;
}

function rotl(x: number, k: number): number {
  return (x << k) | (x >>> (32 - k));
}
