// BoundedBuffer: the hand-off between a socket's synchronous message handler and an async
// consumer (`for await`). `push()` never waits; when the consumer falls behind, the buffer's
// policy decides what gives — keep the latest value per key (`conflate`: books, tickers), drop
// the oldest (`dropOldest`), or fail the stream (`error`) — and every loss is counted.
import { ConfigError } from '../errors.js';
import { BufferOverflowError } from './errors.js';

/** What a full buffer does with one more item. */
export type BufferPolicy = 'conflate' | 'dropOldest' | 'error';

/** Options of {@link BoundedBuffer}. */
export interface BoundedBufferOptions<T> {
  /** Most items (for `conflate`: distinct keys) held at once (default 10 000). */
  capacity?: number;
  /** What happens when full (default `'error'`). */
  policy?: BufferPolicy;
  /** For `conflate`: the key an item replaces by (symbol, topic). Required for that policy. */
  keyOf?: (item: T) => unknown;
  /** Aborting it ends the stream at once (buffered items are discarded). */
  signal?: AbortSignal;
  /** Called once when the stream ends, for whatever reason (to unsubscribe upstream). */
  onEnd?: () => void;
}

type Waiter<T> = { resolve: (r: IteratorResult<T>) => void; reject: (e: unknown) => void };

const DONE: IteratorResult<never> = Object.freeze({ done: true, value: undefined });

/**
 * A bounded async queue with an overflow policy. Push from a handler, read with `for await`.
 * `close()` lets the consumer drain what is buffered, then ends; `fail(error)`, an overflow
 * under `'error'`, the signal and `break` end it at once.
 */
export class BoundedBuffer<T> implements AsyncIterableIterator<T>, AsyncDisposable {
  /** Most items held at once. */
  readonly capacity: number;
  /** The overflow policy. */
  readonly policy: BufferPolicy;
  readonly #keyOf: ((item: T) => unknown) | undefined;
  // dropOldest / error: a ring of `capacity` slots.
  readonly #ring: Array<T | undefined>;
  #head = 0;
  #count = 0;
  // conflate: insertion-ordered map; a newer value for a key keeps the key's place in line.
  readonly #latest: Map<unknown, T> | undefined;
  #waiters: Array<Waiter<T>> = [];
  #dropped = 0;
  #conflated = 0;
  #closing = false;
  #ended = false;
  #failure: unknown;
  readonly #signal: AbortSignal | undefined;
  #onEnd: (() => void) | undefined;

  constructor(options: BoundedBufferOptions<T> = {}) {
    this.capacity = options.capacity ?? 10_000;
    this.policy = options.policy ?? 'error';
    if (!(Number.isInteger(this.capacity) && this.capacity >= 1))
      throw new ConfigError(`capacity must be an integer ≥ 1, got ${String(options.capacity)}`);
    if (this.policy !== 'conflate' && this.policy !== 'dropOldest' && this.policy !== 'error')
      throw new ConfigError(`policy must be 'conflate', 'dropOldest' or 'error', got ${String(this.policy)}`);
    if (this.policy === 'conflate' && typeof options.keyOf !== 'function')
      throw new ConfigError("keyOf (item → key) is required with policy 'conflate'");
    this.#keyOf = options.keyOf;
    this.#latest = this.policy === 'conflate' ? new Map() : undefined;
    this.#ring = this.policy === 'conflate' ? [] : new Array<T | undefined>(this.capacity);
    this.#onEnd = options.onEnd;
    this.#signal = options.signal;
    if (this.#signal?.aborted) this.#end();
    else this.#signal?.addEventListener('abort', this.#onAbort, { once: true });
  }

  /** Items waiting to be read. */
  get size(): number {
    return this.#latest ? this.#latest.size : this.#count;
  }
  /** Items lost to overflow: evicted (`dropOldest`, `conflate` when keys exceed capacity) or refused (`error`). */
  get dropped(): number {
    return this.#dropped;
  }
  /** Items replaced by a newer value for the same key before being read (`conflate`). */
  get conflated(): number {
    return this.#conflated;
  }
  /** True once no more items will be accepted. */
  get closed(): boolean {
    return this.#closing || this.#ended;
  }

  /** Adds an item without waiting. Returns false if the stream has ended or the item was refused. */
  push(item: T): boolean {
    if (this.#closing || this.#ended) return false;
    const waiter = this.#waiters.length > 0 ? this.#waiters.shift() : undefined;
    if (waiter !== undefined) {
      waiter.resolve({ done: false, value: item });
      return true;
    }
    if (this.#latest !== undefined) return this.#pushLatest(item);
    if (this.#count === this.capacity) {
      this.#dropped++;
      if (this.policy === 'error') {
        this.fail(
          new BufferOverflowError(
            `buffer overflow: the consumer fell ${this.capacity} items behind (policy 'error')`,
            { capacity: this.capacity, dropped: this.#dropped },
          ),
        );
        return false;
      }
      this.#ring[this.#head] = undefined;
      this.#head = (this.#head + 1) % this.capacity;
      this.#count--;
    }
    this.#ring[(this.#head + this.#count) % this.capacity] = item;
    this.#count++;
    return true;
  }

  #pushLatest(item: T): boolean {
    const latest = this.#latest!;
    const key = this.#keyOf!(item);
    if (latest.has(key)) {
      this.#conflated++;
      latest.set(key, item);
      return true;
    }
    if (latest.size === this.capacity) {
      const oldest = latest.keys().next().value;
      latest.delete(oldest);
      this.#dropped++;
    }
    latest.set(key, item);
    return true;
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
    const item = this.#ring[this.#head] as T;
    this.#ring[this.#head] = undefined;
    this.#head = (this.#head + 1) % this.capacity;
    this.#count--;
    return item;
  }

  /** Resolves with the next item; waits if none is buffered. */
  next(): Promise<IteratorResult<T>> {
    if (this.#failure !== undefined) {
      const failure = this.#failure;
      this.#failure = undefined;
      return Promise.reject(failure);
    }
    if (this.size > 0) return Promise.resolve({ done: false, value: this.shift() as T });
    if (this.#closing || this.#ended) {
      this.#end();
      return Promise.resolve(DONE);
    }
    return new Promise((resolve, reject) => this.#waiters.push({ resolve, reject }));
  }

  /** The consumer stopped (`break`, `return`): ends the stream and discards what is buffered. */
  return(): Promise<IteratorResult<T>> {
    this.#clear();
    this.#end();
    return Promise.resolve(DONE);
  }

  /** Ends the stream once the consumer has drained what is buffered. */
  close(): void {
    if (this.#closing || this.#ended) return;
    this.#closing = true;
    if (this.size === 0) this.#end();
  }

  /** Ends the stream at once: buffered items are discarded and the next read throws `error`. */
  fail(error: unknown): void {
    if (this.#ended) return;
    this.#clear();
    const waiters = this.#waiters;
    if (waiters.length > 0) {
      this.#waiters = [];
      for (const w of waiters) w.reject(error);
    } else this.#failure = error;
    this.#end();
  }

  /** `for await (const x of buffer)`. */
  [Symbol.asyncIterator](): this {
    return this;
  }

  /** `await using` ends the stream like `return()`. */
  async [Symbol.asyncDispose](): Promise<void> {
    await this.return();
  }

  readonly #onAbort = (): void => {
    this.#clear();
    this.#end();
  };

  #clear(): void {
    this.#latest?.clear();
    this.#ring.fill(undefined);
    this.#head = this.#count = 0;
  }

  #end(): void {
    if (this.#ended) return;
    this.#ended = true;
    this.#closing = true;
    this.#signal?.removeEventListener('abort', this.#onAbort);
    const waiters = this.#waiters;
    this.#waiters = [];
    for (const w of waiters) w.resolve(DONE);
    const onEnd = this.#onEnd;
    this.#onEnd = undefined;
    onEnd?.();
  }
}
