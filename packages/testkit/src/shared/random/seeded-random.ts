// What a simulator asks of its seeded random numbers: a float in [0, 1) from a deterministic
// generator, and the integer and coin-flip helpers built on it, so the simulated market evolves
// the same way for the same seed and tests and benchmarks are reproducible run after run.

/** Deterministic random numbers; a generator supplies {@link next}. */
export abstract class SeededRandom {
  /** A float in [0, 1). */
  abstract next(): number;

  /** An integer in [0, n). */
  int(n: number): number {
    return Math.floor(this.next() * n);
  }

  /** An integer in [min, max], both included. */
  range(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }

  /** True with probability `p`. */
  chance(p: number): boolean {
    return this.next() < p;
  }
}
