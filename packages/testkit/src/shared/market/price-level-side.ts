// One side of a simulated order book: price levels kept sorted best-first in an array (binary
// search to insert and remove) with their quantities in a map. Prices and quantities are integer
// units of the instrument (tick / step counts), so every comparison is exact.

/** Bids (best = highest) or asks (best = lowest), sorted best-first. */
export class PriceLevelSide {
  /** True for the bid side. */
  readonly isBid: boolean;
  readonly #prices: number[] = [];
  readonly #qty = new Map<number, number>();

  /** Creates an empty side. */
  constructor(isBid: boolean) {
    this.isBid = isBid;
  }

  /** Number of price levels. */
  get size(): number {
    return this.#prices.length;
  }

  /** Best price, or undefined when empty. */
  best(): number | undefined {
    return this.#prices[0];
  }

  /** Worst (farthest from the top) price, or undefined when empty. */
  worst(): number | undefined {
    return this.#prices[this.#prices.length - 1];
  }

  /** Price of the i-th level from the best (0 = best). */
  priceAt(i: number): number | undefined {
    return this.#prices[i];
  }

  /** Quantity at `price` (0 when there is no level). */
  qtyAt(price: number): number {
    return this.#qty.get(price) ?? 0;
  }

  /** True if `price` is strictly better than `other` on this side (higher for bids, lower for asks). */
  isBetter(price: number, other: number): boolean {
    return this.isBid ? price > other : price < other;
  }

  /** True if `price` is strictly worse than `other` on this side (lower for bids, higher for asks). */
  isWorse(price: number, other: number): boolean {
    return this.isBid ? price < other : price > other;
  }

  /** Sets the level at `price` to `qty`; a quantity of 0 (or less) deletes the level. */
  set(price: number, qty: number): void {
    if (qty <= 0) {
      this.delete(price);
      return;
    }
    if (!this.#qty.has(price)) this.#prices.splice(this.indexFor(price), 0, price);
    this.#qty.set(price, qty);
  }

  /** Removes the level at `price` (no-op when absent). */
  delete(price: number): void {
    if (!this.#qty.delete(price)) return;
    const i = this.indexFor(price);
    if (this.#prices[i] === price) this.#prices.splice(i, 1);
  }

  /** Removes every level. */
  clear(): void {
    this.#prices.length = 0;
    this.#qty.clear();
  }

  /** The best `limit` levels as `[price, qty]` pairs (all when limit is omitted). */
  top(limit: number = this.#prices.length): Array<[number, number]> {
    const n = Math.min(limit, this.#prices.length);
    const out: Array<[number, number]> = new Array(n);
    for (let i = 0; i < n; i++) {
      const p = this.#prices[i]!;
      out[i] = [p, this.#qty.get(p)!];
    }
    return out;
  }

  /** Index where `price` is or would be inserted: the first level not better than `price`. */
  indexFor(price: number): number {
    const a = this.#prices;
    let lo = 0;
    let hi = a.length;
    if (this.isBid) {
      while (lo < hi) {
        const mid = (lo + hi) >>> 1;
        if (a[mid]! > price) lo = mid + 1;
        else hi = mid;
      }
    } else {
      while (lo < hi) {
        const mid = (lo + hi) >>> 1;
        if (a[mid]! < price) lo = mid + 1;
        else hi = mid;
      }
    }
    return lo;
  }
}
