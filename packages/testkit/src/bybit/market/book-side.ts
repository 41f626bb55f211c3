// One side of a simulated Bybit order book: prices sorted best-first in an array (binary search
// to insert and remove) with sizes in a map. Prices and sizes are integer units of the symbol.

/** Bids (best = highest) or asks (best = lowest). */
export class BookSide {
  /** True for the bid side. */
  readonly isBid: boolean;
  readonly #prices: number[] = [];
  readonly #sizes = new Map<number, number>();

  /** Creates an empty side. */
  constructor(isBid: boolean) {
    this.isBid = isBid;
  }

  /** Number of levels. */
  get size(): number {
    return this.#prices.length;
  }

  /** Best price, or undefined when empty. */
  best(): number | undefined {
    return this.#prices[0];
  }

  /** Farthest price from the top, or undefined when empty. */
  worst(): number | undefined {
    return this.#prices[this.#prices.length - 1];
  }

  /** Price of the i-th level from the top (0 = best). */
  priceAt(i: number): number | undefined {
    return this.#prices[i];
  }

  /** Size at `price` (0 when there is no level). */
  sizeAt(price: number): number {
    return this.#sizes.get(price) ?? 0;
  }

  /** True if `a` is strictly worse than `b` on this side (lower for bids, higher for asks). */
  isWorse(a: number, b: number): boolean {
    return this.isBid ? a < b : a > b;
  }

  /** Sets the level at `price`; a size of 0 removes it. */
  set(price: number, size: number): void {
    if (size <= 0) {
      this.remove(price);
      return;
    }
    if (!this.#sizes.has(price)) this.#prices.splice(this.indexFor(price), 0, price);
    this.#sizes.set(price, size);
  }

  /** Removes the level at `price` (no-op when absent). */
  remove(price: number): void {
    if (!this.#sizes.delete(price)) return;
    const i = this.indexFor(price);
    if (this.#prices[i] === price) this.#prices.splice(i, 1);
  }

  /** Removes every level. */
  clear(): void {
    this.#prices.length = 0;
    this.#sizes.clear();
  }

  /** The best `limit` levels (all when omitted) as `[price, size]` pairs. */
  top(limit: number = this.#prices.length): Array<[number, number]> {
    const n = Math.min(limit, this.#prices.length);
    const out: Array<[number, number]> = new Array(n);
    for (let i = 0; i < n; i++) {
      const p = this.#prices[i]!;
      out[i] = [p, this.#sizes.get(p)!];
    }
    return out;
  }

  /** Index where `price` is or would be inserted: the first level not better than `price`. */
  indexFor(price: number): number {
    const a = this.#prices;
    let lo = 0;
    let hi = a.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (this.isBid ? a[mid]! > price : a[mid]! < price) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }
}
