// TtlCache: a map whose entries expire after a time-to-live and, with `maxSize`, are evicted
// least-recently-used first. Expiry is lazy (checked on access, O(1)); `cleanupExpired()` or a
// sweeper removes the expired entries nobody asks for. All time comes from a Clock.
import { type Clock, systemClock } from '../clock.js';
import { ValidationError } from '../errors.js';
import { type PeriodicTaskHandle, startPeriodicTask } from './periodic-task.js';

/** Why an entry left the cache. */
export type EvictionReason = 'expired' | 'capacity' | 'deleted' | 'replaced';

/** Options of {@link TtlCache}. */
export interface TtlCacheOptions<K, V> {
  /** Default time-to-live of an entry in ms (default: no expiry). An entry expires when `now >= setAt + ttl`. */
  ttlMs?: number | undefined;
  /** Most entries kept; setting one more evicts the least recently used (default: unbounded). */
  maxSize?: number | undefined;
  /** Time source (default: the system clock). */
  clock?: Clock | undefined;
  /** Called when an entry leaves the cache, `clear()` included. Must not throw. */
  onEvict?: ((key: K, value: V, reason: EvictionReason) => void) | undefined;
}

/** Hit/miss counters of a {@link TtlCache}. */
export interface TtlCacheStats {
  size: number;
  hits: number;
  misses: number;
  /** `hits / (hits + misses)`, 0 before any lookup. */
  hitRate: number;
  /** Entries evicted to respect `maxSize`. */
  evictions: number;
  /** Entries removed because they expired. */
  expirations: number;
}

class Entry<K, V> {
  prev: Entry<K, V> | undefined = undefined;
  next: Entry<K, V> | undefined = undefined;
  constructor(
    readonly key: K,
    public value: V,
    public expiresAt: number,
  ) {}
}

function checkTtl(ttlMs: number, what: string): void {
  if (!(ttlMs > 0))
    throw new ValidationError(`${what} must be a number of milliseconds > 0 (or Infinity), got ${ttlMs}`);
}

/** A TTL + LRU cache. Iteration order is least recently used first. */
export class TtlCache<K, V> {
  readonly #map = new Map<K, Entry<K, V>>();
  readonly #clock: Clock;
  readonly #ttl: number;
  readonly #maxSize: number;
  readonly #onEvict: ((key: K, value: V, reason: EvictionReason) => void) | undefined;
  /** Least recently used. */
  #head: Entry<K, V> | undefined;
  /** Most recently used. */
  #tail: Entry<K, V> | undefined;
  #hits = 0;
  #misses = 0;
  #evictions = 0;
  #expirations = 0;
  #sweeper: PeriodicTaskHandle | undefined;

  constructor(options: TtlCacheOptions<K, V> = {}) {
    this.#ttl = options.ttlMs ?? Number.POSITIVE_INFINITY;
    checkTtl(this.#ttl, 'TtlCache ttlMs');
    this.#maxSize = options.maxSize ?? Number.POSITIVE_INFINITY;
    if (!(this.#maxSize >= 1) || (Number.isFinite(this.#maxSize) && !Number.isInteger(this.#maxSize)))
      throw new ValidationError(`TtlCache maxSize must be an integer >= 1, got ${options.maxSize}`);
    this.#clock = options.clock ?? systemClock;
    this.#onEvict = options.onEvict;
  }

  /** The value for `key`, or `undefined` when missing or expired. Counts a hit or a miss and marks it recently used. */
  get(key: K): V | undefined {
    const e = this.#map.get(key);
    if (e !== undefined && (e.expiresAt === Number.POSITIVE_INFINITY || e.expiresAt > this.#clock.now())) {
      this.#hits++;
      if (e !== this.#tail) this.#touch(e);
      return e.value;
    }
    return this.#miss(e);
  }

  /** Like {@link TtlCache.get}, but returns `fallback` on a miss, so a cached `undefined` is told apart. */
  getOr<D>(key: K, fallback: D): V | D {
    const e = this.#map.get(key);
    if (e !== undefined && (e.expiresAt === Number.POSITIVE_INFINITY || e.expiresAt > this.#clock.now())) {
      this.#hits++;
      if (e !== this.#tail) this.#touch(e);
      return e.value;
    }
    this.#miss(e);
    return fallback;
  }

  /** True when `key` holds a live entry (even one whose value is `undefined`). No stats, no recency change. */
  has(key: K): boolean {
    const e = this.#map.get(key);
    if (e === undefined) return false;
    if (e.expiresAt <= this.#clock.now()) {
      this.#expire(e);
      return false;
    }
    return true;
  }

  /** The live value without counting stats or changing recency. */
  peek(key: K): V | undefined {
    return this.has(key) ? this.#map.get(key)!.value : undefined;
  }

  /** Stores `value` for `ttlMs` (default: the cache's TTL), as the most recently used entry. */
  set(key: K, value: V, ttlMs?: number): this {
    const ttl = ttlMs ?? this.#ttl;
    if (ttlMs !== undefined) checkTtl(ttlMs, 'TtlCache.set ttlMs');
    const expiresAt = ttl === Number.POSITIVE_INFINITY ? ttl : this.#clock.now() + ttl;
    const existing = this.#map.get(key);
    if (existing !== undefined) {
      const old = existing.value;
      existing.value = value;
      existing.expiresAt = expiresAt;
      if (existing !== this.#tail) this.#touch(existing);
      if (this.#onEvict !== undefined && old !== value) this.#onEvict(key, old, 'replaced');
      return this;
    }
    const e = new Entry(key, value, expiresAt);
    this.#map.set(key, e);
    this.#append(e);
    if (this.#map.size > this.#maxSize) {
      const lru = this.#head!;
      this.#unlink(lru);
      this.#evictions++;
      this.#onEvict?.(lru.key, lru.value, 'capacity');
    }
    return this;
  }

  /** Removes `key`; true if it held a live entry. */
  delete(key: K): boolean {
    const e = this.#map.get(key);
    if (e === undefined) return false;
    if (e.expiresAt <= this.#clock.now()) {
      this.#expire(e);
      return false;
    }
    this.#unlink(e);
    this.#onEvict?.(e.key, e.value, 'deleted');
    return true;
  }

  /** Removes every entry (calls `onEvict` with `'deleted'` for each). Stats are kept. */
  clear(): void {
    const entries = this.#onEvict === undefined ? [] : [...this.#map.values()];
    this.#map.clear();
    this.#head = this.#tail = undefined;
    for (const e of entries) this.#onEvict!(e.key, e.value, 'deleted');
  }

  /** Entries held, including expired ones not yet removed (`cleanupExpired()` makes it exact). */
  get size(): number {
    return this.#map.size;
  }

  /** Live keys, least recently used first. */
  *keys(): IterableIterator<K> {
    const now = this.#clock.now();
    for (let e = this.#head; e !== undefined; e = e.next) if (e.expiresAt > now) yield e.key;
  }

  /** Live `[key, value]` pairs, least recently used first. */
  *entries(): IterableIterator<[K, V]> {
    const now = this.#clock.now();
    for (let e = this.#head; e !== undefined; e = e.next) if (e.expiresAt > now) yield [e.key, e.value];
  }

  /** Same as {@link TtlCache.entries}. */
  [Symbol.iterator](): IterableIterator<[K, V]> {
    return this.entries();
  }

  /** Hit/miss figures. */
  stats(): TtlCacheStats {
    const lookups = this.#hits + this.#misses;
    return {
      size: this.#map.size,
      hits: this.#hits,
      misses: this.#misses,
      hitRate: lookups === 0 ? 0 : this.#hits / lookups,
      evictions: this.#evictions,
      expirations: this.#expirations,
    };
  }

  /** Zeroes the hit/miss/eviction counters. */
  resetStats(): void {
    this.#hits = this.#misses = this.#evictions = this.#expirations = 0;
  }

  /** Removes every expired entry; returns how many. */
  cleanupExpired(): number {
    const now = this.#clock.now();
    let removed = 0;
    for (let e = this.#head; e !== undefined; ) {
      const next = e.next;
      if (e.expiresAt <= now) {
        this.#expire(e);
        removed++;
      }
      e = next;
    }
    return removed;
  }

  /**
   * Runs {@link TtlCache.cleanupExpired} every `intervalMs` until stopped (or disposed). It does
   * not keep the process alive. Starting a new sweeper stops the previous one.
   */
  startSweeper(intervalMs: number): PeriodicTaskHandle {
    this.#sweeper?.stop();
    this.#sweeper = startPeriodicTask(
      this.#clock,
      intervalMs,
      () => this.cleanupExpired(),
      (error) =>
        queueMicrotask(() => {
          throw error; // an onEvict hook threw: surface it rather than lose it
        }),
      'TtlCache.startSweeper intervalMs',
    );
    return this.#sweeper;
  }

  #miss(e: Entry<K, V> | undefined): undefined {
    this.#misses++;
    if (e !== undefined) this.#expire(e);
    return undefined;
  }

  #expire(e: Entry<K, V>): void {
    this.#unlink(e);
    this.#expirations++;
    this.#onEvict?.(e.key, e.value, 'expired');
  }

  #touch(e: Entry<K, V>): void {
    // Move to the tail (most recently used); `e` is not the tail.
    const { prev, next } = e;
    if (prev === undefined) this.#head = next;
    else prev.next = next;
    next!.prev = prev;
    e.prev = this.#tail;
    e.next = undefined;
    this.#tail!.next = e;
    this.#tail = e;
  }

  #append(e: Entry<K, V>): void {
    e.prev = this.#tail;
    if (this.#tail === undefined) this.#head = e;
    else this.#tail.next = e;
    this.#tail = e;
  }

  #unlink(e: Entry<K, V>): void {
    this.#map.delete(e.key);
    const { prev, next } = e;
    if (prev === undefined) this.#head = next;
    else prev.next = next;
    if (next === undefined) this.#tail = prev;
    else next.prev = prev;
    e.prev = e.next = undefined;
  }
}
