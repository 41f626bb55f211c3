// BoundedBuffer: the hand-off between a synchronous producer (a socket handler, an event
// listener, a store mutation) and an async consumer (`for await`), shared by every stream in
// base. `push()` never waits; when the consumer falls behind, the overflow policy decides what
// gives and every loss is counted. Items sit in a ring that grows up to `capacity` (or, when
// conflating by key, in an insertion-ordered Map), so a push stores the item and allocates
// nothing else.
import { ConfigError } from '../errors.js';
import { BufferOverflowError } from './overflow-error.js';
import { checkCapacity, checkOverflowPolicy, type OverflowPolicy } from './overflow-policy.js';

/** Options of {@link BoundedBuffer}. */
export interface BoundedBufferOptions<T> {
  /** Most items (for keyed `conflate`: distinct keys) held at once (default 10 000). */
  capacity?: number;
  /** What happens when full (default `'error'`); see {@link OverflowPolicy}. */
  policy?: OverflowPolicy;
  /**
   * For `'conflate'`, and required with it: the key an item replaces by (symbol, topic), or
   * `null` for no key (a full buffer's newest item is replaced).
   */
  keyOf?: ((item: T) => unknown) | null;
  /**
   * When the stream fails (`fail()`, an `'error'` overflow): `false` (default) discards what is
   * buffered and the next read throws; `true` lets the consumer read what is buffered first.
   */
  drainOnFailure?: boolean;
  /** Aborting it ends the stream at once (buffered items are discarded, the loop just ends). */
  signal?: AbortSignal | undefined;
  /**
   * Called once when the buffer stops accepting items, for whatever reason (close, failure,
   * overflow, abort, `break`): the place to unsubscribe upstream.
   */
  onEnd?: () => void;
  /** Names the stream in the overflow error (`'binance watchTrades BTCUSDT'`; default `'buffer'`). */
  label?: string | undefined;
  /** Venue set on the overflow error. */
  venue?: string | undefined;
  /** What the overflow error tells the reader to do (default: read faster, raise capacity, or drop). */
  overflowHint?: string | undefined;
}

type Waiter<T> = { resolve: (r: IteratorResult<T, undefined>) => void; reject: (e: unknown) => void };

const DONE: IteratorResult<never, undefined> = Object.freeze({ done: true, value: undefined });
const FIRST_RING = 16;
const DEFAULT_HINT = "read faster, raise the capacity, or choose 'conflate', 'dropOldest' or 'dropNewest'";

/**
 * A bounded async queue with an overflow policy; single consumer. Push from a handler, read
 * with `for await`. `close()` lets the consumer drain what is buffered, then ends; `fail(error)`
 * and an `'error'` overflow end it with the error (at once, or after the buffered items with
 * `drainOnFailure`); the signal, `return()` and `break` end it at once.
 */
export class BoundedBuffer<T> implements AsyncIterableIterator<T, undefined>, AsyncDisposable {
  /** Most items held at once. */
  readonly capacity: number;
  /** The overflow policy. */
  readonly policy: OverflowPolicy;
  readonly #keyOf: ((item: T) => unknown) | undefined;
  readonly #drainOnFailure: boolean;
  // Every policy but keyed conflate: a ring grown on demand up to `capacity` slots.
  #ring: Array<T | undefined> = [];
  #head = 0;
  #count = 0;
  // Keyed conflate: insertion-ordered; a newer item for a key keeps the key's place in line.
  readonly #latest: Map<unknown, T> | undefined;
  #waiters: Array<Waiter<T>> = [];
  #dropped = 0;
  #conflated = 0;
  /** No more items accepted. */
  #closing = false;
  /** The consumer has reached the end: nothing more will be read. */
  #ended = false;
  #failure: unknown;
  #failed = false;
  readonly #options: BoundedBufferOptions<T>;
  #onEnd: (() => void) | undefined;

  constructor(options: BoundedBufferOptions<T> = {}) {
    this.capacity = checkCapacity(options.capacity ?? 10_000, 'capacity');
    this.policy = checkOverflowPolicy(options.policy ?? 'error', 'policy');
    if (this.policy === 'conflate' && options.keyOf !== null && typeof options.keyOf !== 'function')
      throw new ConfigError(
        "keyOf is required with policy 'conflate': a function (item → key) to keep the latest item per key, or null to replace the newest item when full",
        { details: { field: 'keyOf' } },
      );
    this.#keyOf = options.keyOf ?? undefined;
    this.#latest = this.policy === 'conflate' && this.#keyOf !== undefined ? new Map() : undefined;
    this.#drainOnFailure = options.drainOnFailure === true;
    this.#options = options;
    this.#onEnd = options.onEnd;
    if (options.signal?.aborted) this.#discard();
    else options.signal?.addEventListener('abort', this.#onAbort, { once: true });
  }

  /** Items waiting to be read. */
  get size(): number {
    return this.#latest !== undefined ? this.#latest.size : this.#count;
  }
  /** Items lost to overflow: dropped by the policy, replaced while full (unkeyed `conflate`) or refused (`error`). */
  get dropped(): number {
    return this.#dropped;
  }
  /** Items replaced by a newer one for the same key before being read (keyed `conflate`). */
  get conflated(): number {
    return this.#conflated;
  }
  /** True once no more items are accepted. */
  get closed(): boolean {
    return this.#closing;
  }
  /** True once the consumer has reached the end (read everything, or stopped): `next()` only reports done. */
  get ended(): boolean {
    return this.#ended;
  }
  /** `next()` calls waiting for an item. */
  get waiting(): number {
    return this.#waiters.length;
  }

  /** Adds an item without waiting. Returns false if the stream is closed or the item was dropped or refused. */
  push(item: T): boolean {
    if (this.#closing) return false;
    if (this.#waiters.length > 0) {
      (this.#waiters.shift() as Waiter<T>).resolve({ done: false, value: item });
      return true;
    }
    if (this.#latest !== undefined) return this.#pushKeyed(this.#latest, item);
    const ring = this.#ring;
    if (this.#count < ring.length) {
      const slot = this.#head + this.#count;
      ring[slot < ring.length ? slot : slot - ring.length] = item;
      this.#count++;
      return true;
    }
    if (ring.length < this.capacity) {
      this.#grow();
      this.#ring[this.#count++] = item;
      return true;
    }
    return this.#overflow(item);
  }

  /** Takes the next buffered item without waiting, or `undefined`. */
  shift(): T | undefined {
    if (this.#latest !== undefined) {
      const first = this.#latest.entries().next();
      if (first.done) return undefined;
      this.#latest.delete(first.value[0]);
      return first.value[1];
    }
    if (this.#count === 0) return undefined;
    const ring = this.#ring;
    const item = ring[this.#head] as T;
    ring[this.#head] = undefined;
    this.#head = this.#head + 1 === ring.length ? 0 : this.#head + 1;
    this.#count--;
    return item;
  }

  /** Resolves with the next item; waits if none is buffered. After a failure, rejects once with it. */
  next(): Promise<IteratorResult<T, undefined>> {
    const count = this.#count; // always 0 when conflating by key
    if (count > 0) {
      const ring = this.#ring;
      const head = this.#head;
      const item = ring[head] as T;
      ring[head] = undefined;
      this.#head = head + 1 === ring.length ? 0 : head + 1;
      this.#count = count - 1;
      return Promise.resolve({ done: false, value: item });
    }
    if (this.#latest !== undefined && this.#latest.size > 0)
      return Promise.resolve({ done: false, value: this.shift() as T });
    if (this.#failed) {
      const failure = this.#failure;
      this.#failed = false;
      this.#failure = undefined;
      this.#finish();
      return Promise.reject(failure);
    }
    if (this.#closing) {
      this.#finish();
      return Promise.resolve(DONE);
    }
    return new Promise((resolve, reject) => this.#waiters.push({ resolve, reject }));
  }

  /** The consumer stopped (`break`, `return`): ends the stream and discards what is buffered. */
  return(): Promise<IteratorResult<T, undefined>> {
    this.#discard();
    return Promise.resolve(DONE);
  }

  /** Ends the stream once the consumer has drained what is buffered. */
  close(): void {
    if (this.#closing) return;
    this.#closing = true;
    if (this.size === 0) this.#finish();
    this.#endUpstream();
  }

  /**
   * Ends the stream with `error`: the next read throws it (after the buffered items with
   * `drainOnFailure`, else at once, discarding them), then the stream reports done. Does
   * nothing once the stream is closed.
   */
  fail(error: unknown): void {
    if (this.#closing) return;
    this.#closing = true;
    if (!this.#drainOnFailure) this.#clear();
    if (this.#waiters.length > 0) {
      // A waiting consumer means nothing is buffered: the first waiter gets the error.
      (this.#waiters.shift() as Waiter<T>).reject(error);
      this.#finish();
    } else {
      this.#failure = error;
      this.#failed = true;
    }
    this.#endUpstream();
  }

  /** `for await (const x of buffer)`. */
  [Symbol.asyncIterator](): this {
    return this;
  }

  /** `await using` ends the stream like `return()`. */
  async [Symbol.asyncDispose](): Promise<void> {
    await this.return();
  }

  readonly #onAbort = (): void => this.#discard();

  #pushKeyed(latest: Map<unknown, T>, item: T): boolean {
    const key = (this.#keyOf as (item: T) => unknown)(item);
    if (latest.has(key)) {
      this.#conflated++;
      latest.set(key, item);
      return true;
    }
    if (latest.size === this.capacity) {
      latest.delete(latest.keys().next().value);
      this.#dropped++;
    }
    latest.set(key, item);
    return true;
  }

  /** The ring is full at `capacity`: apply the policy. */
  #overflow(item: T): boolean {
    this.#dropped++;
    const ring = this.#ring;
    switch (this.policy) {
      case 'dropOldest':
        ring[this.#head] = item;
        this.#head = this.#head + 1 === ring.length ? 0 : this.#head + 1;
        return true;
      case 'conflate': {
        const newest = this.#head + this.#count - 1;
        ring[newest < ring.length ? newest : newest - ring.length] = item;
        return true;
      }
      case 'dropNewest':
        return false;
      default:
        this.fail(this.#overflowError());
        return false;
    }
  }

  #overflowError(): BufferOverflowError {
    const { label = 'buffer', venue, overflowHint = DEFAULT_HINT } = this.#options;
    return new BufferOverflowError(
      `${label}: the consumer fell behind and the buffer of ${this.capacity} values is full (overflow policy 'error'); ${overflowHint}`,
      { venue, capacity: this.capacity, dropped: this.#dropped, details: { stream: label } },
    );
  }

  /** Doubles the ring (up to `capacity`), unrolling it so the oldest item is at index 0. */
  #grow(): void {
    const old = this.#ring;
    const ring = new Array<T | undefined>(Math.min(this.capacity, Math.max(FIRST_RING, old.length * 2)));
    for (let i = 0; i < this.#count; i++) {
      const slot = this.#head + i;
      ring[i] = old[slot < old.length ? slot : slot - old.length];
    }
    this.#ring = ring;
    this.#head = 0;
  }

  /** Tells `onEnd` (once) that the buffer accepts nothing more; called after the state is settled. */
  #endUpstream(): void {
    const onEnd = this.#onEnd;
    this.#onEnd = undefined;
    onEnd?.();
  }

  /** Ends at once: drops what is buffered and any pending failure; waiting reads report done. */
  #discard(): void {
    this.#clear();
    this.#failed = false;
    this.#failure = undefined;
    this.#closing = true;
    this.#finish();
    this.#endUpstream();
  }

  #clear(): void {
    this.#latest?.clear();
    this.#ring = [];
    this.#head = this.#count = 0;
  }

  /** The consumer has reached the end: release the signal and settle every waiting read. */
  #finish(): void {
    if (this.#ended) return;
    this.#ended = true;
    this.#options.signal?.removeEventListener('abort', this.#onAbort);
    const waiters = this.#waiters;
    this.#waiters = [];
    for (const w of waiters) w.resolve(DONE);
  }
}
