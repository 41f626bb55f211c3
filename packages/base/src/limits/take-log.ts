// A time-ordered log of units taken from a rate window: a growable ring buffer of (time, weight)
// pairs with a running sum. The sliding window counts with it; every window kind keeps one so a
// server report can be adopted without forgetting what was taken after the reported request.

/** Append-only (from the tail) and prune-from-the-head log of `(time, weight)` takes. */
export class TakeLog {
  #times: Float64Array;
  #weights: Float64Array;
  #head = 0;
  #length = 0;
  #mask: number;
  #sum = 0;

  /** @param initialCapacity slots allocated up front (rounded up to a power of two). */
  constructor(initialCapacity = 16) {
    let capacity = 4;
    while (capacity < initialCapacity) capacity *= 2;
    this.#times = new Float64Array(capacity);
    this.#weights = new Float64Array(capacity);
    this.#mask = capacity - 1;
  }

  /** Number of entries held. */
  get length(): number {
    return this.#length;
  }

  /** Sum of the weights held. */
  get sum(): number {
    return this.#sum;
  }

  /** Time of the oldest entry, or `NaN` when empty. */
  get oldestTime(): number {
    return this.#length === 0 ? Number.NaN : this.#times[this.#head]!;
  }

  /** Time of the newest entry, or `NaN` when empty. */
  get newestTime(): number {
    return this.#length === 0 ? Number.NaN : this.#times[(this.#head + this.#length - 1) & this.#mask]!;
  }

  /** Time of the `i`-th oldest entry (0 = oldest). */
  timeAt(i: number): number {
    return this.#times[(this.#head + i) & this.#mask]!;
  }

  /** Weight of the `i`-th oldest entry (0 = oldest). */
  weightAt(i: number): number {
    return this.#weights[(this.#head + i) & this.#mask]!;
  }

  /**
   * Appends a take. A take at (or, clamped, before) the newest entry's time is merged into it,
   * so the log holds at most one entry per distinct time: its size is bounded by the span it
   * covers in ms, whatever the request rate.
   */
  push(time: number, weight: number): void {
    if (this.#length > 0) {
      const newestAt = (this.#head + this.#length - 1) & this.#mask;
      if (time <= this.#times[newestAt]!) {
        this.#weights[newestAt] = this.#weights[newestAt]! + weight;
        this.#sum += weight;
        return;
      }
    }
    if (this.#length > this.#mask) this.#grow();
    const at = (this.#head + this.#length) & this.#mask;
    this.#times[at] = time;
    this.#weights[at] = weight;
    this.#length++;
    this.#sum += weight;
  }

  /** Removes every entry whose time is `<= cutoff`. */
  pruneUpTo(cutoff: number): void {
    while (this.#length > 0 && this.#times[this.#head]! <= cutoff) this.#dropHead();
  }

  /** Removes `amount` units, oldest entries first (an entry may be reduced in part). */
  removeOldest(amount: number): void {
    while (amount > 0 && this.#length > 0) {
      const w = this.#weights[this.#head]!;
      if (w <= amount) {
        amount -= w;
        this.#dropHead();
      } else {
        this.#weights[this.#head] = w - amount;
        this.#sum -= amount;
        amount = 0;
      }
    }
  }

  /** Sum of the weights of entries with time `>= since`. */
  sumSince(since: number): number {
    let total = 0;
    for (let i = this.#length - 1; i >= 0; i--) {
      const at = (this.#head + i) & this.#mask;
      if (this.#times[at]! < since) break;
      total += this.#weights[at]!;
    }
    return total;
  }

  /** Empties the log. */
  clear(): void {
    this.#head = 0;
    this.#length = 0;
    this.#sum = 0;
  }

  #dropHead(): void {
    this.#sum -= this.#weights[this.#head]!;
    this.#head = (this.#head + 1) & this.#mask;
    this.#length--;
    // Float sums drift; an empty log is exactly zero.
    if (this.#length === 0) this.#sum = 0;
  }

  #grow(): void {
    const capacity = (this.#mask + 1) * 2;
    const times = new Float64Array(capacity);
    const weights = new Float64Array(capacity);
    for (let i = 0; i < this.#length; i++) {
      times[i] = this.#times[(this.#head + i) & this.#mask]!;
      weights[i] = this.#weights[(this.#head + i) & this.#mask]!;
    }
    this.#times = times;
    this.#weights = weights;
    this.#head = 0;
    this.#mask = capacity - 1;
  }
}
