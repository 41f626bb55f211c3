// One side of an order book, kept sorted at all times, with numbers only.
//
// Layout (chosen by measurement, see docs/datastore.md): a Map from price to a stable slot holds
// the sizes, and two parallel typed arrays hold the sort order (keys ascending, slot of each).
// Keys are `sign * price` (bids +1, asks −1), so for both sides the best level is the LAST
// element: changes cluster near the top of the book, and inserting or deleting there shifts only
// the few levels above it. A size change, the bulk of real traffic, is one Map lookup and one
// typed-array write; only inserts and deletes search (galloping back from the best level, then
// binary search) and shift. Reads walk the arrays back from the end: no sort per read.

/** Result codes of {@link BookSide.set}. */
export const LEVEL_UNCHANGED = 0;
/** A new price level was added. */
export const LEVEL_INSERTED = 1;
/** An existing level's size changed (or was re-sent unchanged). */
export const LEVEL_UPDATED = 2;
/** A level was removed (size 0). */
export const LEVEL_DELETED = 3;

/**
 * A price level as handed out: `[price, size]`, a fresh array per read (same shape as the models'
 * `OrderBookLevel`, so `sorted()` output can build an `OrderBook` directly).
 */
export type PriceLevel = [price: number, size: number];

const INITIAL_CAPACITY = 64;

/** A sorted set of price levels for one side of one book. Internal to the store folder. */
export class BookSide {
  /** +1 for bids (higher is better), −1 for asks (lower is better). */
  readonly sign: 1 | -1;
  /** Number of levels. */
  count = 0;
  /** The size a level had before the last {@link set} updated or deleted it. */
  lastSize = 0;
  private readonly slotOf = new Map<number, number>();
  private keys = new Float64Array(INITIAL_CAPACITY);
  private order = new Int32Array(INITIAL_CAPACITY);
  private sizes = new Float64Array(INITIAL_CAPACITY);
  private free: number[] = [];
  private nextSlot = 0;
  /** Set when a snapshot repeated a price with size 0; finishLoad drops such levels. */
  private zeroed = false;

  constructor(sign: 1 | -1) {
    this.sign = sign;
  }

  /**
   * Sets the size at `price` (0 removes the level). Both numbers must be finite and the size
   * non-negative; the caller checks. Returns one of the LEVEL_* codes.
   */
  set(price: number, size: number): number {
    const slot = this.slotOf.get(price);
    if (slot !== undefined && size !== 0) {
      // The common case, kept small so that callers inline it: a known level changes size.
      this.lastSize = this.sizes[slot]!;
      this.sizes[slot] = size;
      return LEVEL_UPDATED;
    }
    return slot === undefined ? this.insert(price, size) : this.remove(price, slot);
  }

  /** Removes the level at `price` (held in `slot`) and closes the gap in the order arrays. */
  private remove(price: number, slot: number): number {
    this.lastSize = this.sizes[slot]!;
    this.slotOf.delete(price);
    this.free.push(slot);
    const n = this.count;
    const i = this.lowerBound(this.sign * price);
    if (i < n - 1) {
      this.keys.copyWithin(i, i + 1, n);
      this.order.copyWithin(i, i + 1, n);
    }
    this.count = n - 1;
    return LEVEL_DELETED;
  }

  /** Adds a level at `price` (size 0: nothing to do), shifting the better levels up by one. */
  private insert(price: number, size: number): number {
    if (size === 0) return LEVEL_UNCHANGED;
    const newSlot = this.allocate(price, size);
    const key = this.sign * price;
    const n = this.count;
    if (n === this.keys.length) this.growOrder();
    const i = this.lowerBound(key);
    if (i < n) {
      this.keys.copyWithin(i + 1, i, n);
      this.order.copyWithin(i + 1, i, n);
    }
    this.keys[i] = key;
    this.order[i] = newSlot;
    this.count = n + 1;
    return LEVEL_INSERTED;
  }

  /** The size at `price`, or undefined when there is no such level. */
  sizeOf(price: number): number | undefined {
    const slot = this.slotOf.get(price);
    return slot === undefined ? undefined : this.sizes[slot];
  }

  /** Price of the level `rank` steps from the best (0 = best). The caller keeps rank < count. */
  priceAt(rank: number): number {
    return this.sign * this.keys[this.count - 1 - rank]!;
  }

  /** Size of the level `rank` steps from the best (0 = best). The caller keeps rank < count. */
  sizeAt(rank: number): number {
    return this.sizes[this.order[this.count - 1 - rank]!]!;
  }

  /** The best `limit` levels, best first, as fresh `[price, size]` pairs. */
  read(limit: number): PriceLevel[] {
    const n = Math.min(limit, this.count);
    const out = new Array<PriceLevel>(n);
    const { keys, order, sizes, sign } = this;
    for (let r = 0, i = this.count - 1; r < n; r++, i--) out[r] = [sign * keys[i]!, sizes[order[i]!]!];
    return out;
  }

  /** Empties the side, keeping its buffers for reuse. */
  clear(): void {
    this.slotOf.clear();
    this.free.length = 0;
    this.nextSlot = 0;
    this.count = 0;
  }

  /**
   * Snapshot loading, step 1: adds a level without ordering it (a repeated price keeps the last
   * size; size 0 removes an earlier one). Call {@link finishLoad} after the last one. Only valid right after {@link clear}.
   */
  append(price: number, size: number): void {
    const slot = this.slotOf.get(price);
    if (slot !== undefined) {
      this.sizes[slot] = size;
      if (size === 0) this.zeroed = true;
      return;
    }
    if (size === 0) return;
    const newSlot = this.allocate(price, size);
    if (this.count === this.keys.length) this.growOrder();
    this.keys[this.count] = this.sign * price;
    this.order[this.count] = newSlot;
    this.count++;
  }

  /** Snapshot loading, step 2: orders what {@link append} added (O(n) when given best-first). */
  finishLoad(): void {
    if (this.zeroed) this.dropZeroed();
    const n = this.count;
    const keys = this.keys;
    let ascending = true;
    let descending = true;
    for (let i = 1; i < n && (ascending || descending); i++) {
      if (keys[i - 1]! >= keys[i]!) ascending = false;
      if (keys[i - 1]! <= keys[i]!) descending = false;
    }
    if (ascending) return;
    if (descending) {
      keys.subarray(0, n).reverse();
      this.order.subarray(0, n).reverse();
      return;
    }
    const idx = Array.from({ length: n }, (_, i) => i).sort((a, b) => keys[a]! - keys[b]!);
    const sortedKeys = idx.map((i) => keys[i]!);
    const sortedOrder = idx.map((i) => this.order[i]!);
    this.keys.set(sortedKeys);
    this.order.set(sortedOrder);
  }

  /**
   * Removes every level better than `price` (and the level at `price` when `inclusive`), calling
   * `onRemove` for each, best first. Returns how many were removed.
   */
  removeBetterThan(
    price: number,
    inclusive: boolean,
    onRemove?: (price: number, size: number) => void,
  ): number {
    const key = this.sign * price;
    const n = this.count;
    let start = this.lowerBound(key);
    if (!inclusive && start < n && this.keys[start] === key) start++;
    for (let i = n - 1; i >= start; i--) {
      const levelPrice = this.sign * this.keys[i]!;
      const slot = this.order[i]!;
      onRemove?.(levelPrice, this.sizes[slot]!);
      this.slotOf.delete(levelPrice);
      this.free.push(slot);
    }
    this.count = start;
    return n - start;
  }

  /** Removes levels that a later repeat of their price set to 0 during a snapshot load. */
  private dropZeroed(): void {
    this.zeroed = false;
    let kept = 0;
    for (let i = 0; i < this.count; i++) {
      const slot = this.order[i]!;
      if (this.sizes[slot] === 0) {
        this.slotOf.delete(this.sign * this.keys[i]!);
        this.free.push(slot);
        continue;
      }
      this.keys[kept] = this.keys[i]!;
      this.order[kept] = slot;
      kept++;
    }
    this.count = kept;
  }

  /** First position whose key is ≥ `key`: gallops back from the best level, then bisects. */
  private lowerBound(key: number): number {
    const keys = this.keys;
    let hi = this.count;
    let lo = hi - 1;
    let step = 1;
    while (lo >= 0 && keys[lo]! >= key) {
      hi = lo;
      step <<= 1;
      lo = hi - step;
    }
    if (lo < 0) lo = -1;
    while (hi - lo > 1) {
      const mid = (lo + hi) >>> 1;
      if (keys[mid]! >= key) hi = mid;
      else lo = mid;
    }
    return hi;
  }

  private allocate(price: number, size: number): number {
    const slot = this.free.length > 0 ? this.free.pop()! : this.nextSlot++;
    if (slot >= this.sizes.length) {
      const grown = new Float64Array(this.sizes.length * 2);
      grown.set(this.sizes);
      this.sizes = grown;
    }
    this.sizes[slot] = size;
    this.slotOf.set(price, slot);
    return slot;
  }

  private growOrder(): void {
    const keys = new Float64Array(this.keys.length * 2);
    keys.set(this.keys);
    this.keys = keys;
    const order = new Int32Array(this.order.length * 2);
    order.set(this.order);
    this.order = order;
  }
}
