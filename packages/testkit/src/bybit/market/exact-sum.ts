// An exact running sum of integer products (price units × size units) that stays in plain numbers
// on the hot path and spills into a bigint only when the number part could lose precision.

const SPILL = 2 ** 52;

/** Σ a×b over non-negative safe integers, exact. */
export class ExactSum {
  #big: bigint;
  #small = 0;

  /** Starts at `initial`. */
  constructor(initial = 0n) {
    this.#big = initial;
  }

  /** Adds `a × b`. */
  add(a: number, b: number): void {
    const product = a * b;
    if (product >= SPILL) {
      this.#big += BigInt(a) * BigInt(b);
      return;
    }
    this.#small += product;
    if (this.#small >= SPILL) {
      this.#big += BigInt(this.#small);
      this.#small = 0;
    }
  }

  /** The sum. */
  get value(): bigint {
    return this.#big + BigInt(this.#small);
  }
}
