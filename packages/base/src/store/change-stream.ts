// The consumer side of DataStore.watch(): an async iterable of changes with a bounded buffer.
// The store pushes into it synchronously and never waits for the consumer (a slow consumer must
// not slow the socket that feeds the store). When the consumer falls more than `bufferSize`
// changes behind, the `overflow` policy decides: 'error' (default) ends the stream with a
// StoreOverflowError, because a consumer that mirrors a store and silently misses changes would
// hold a wrong view; 'drop-oldest' keeps the newest changes and counts the dropped ones.
import { ConfigError, VenueError } from '../errors.js';

/** What happened to an item. */
export type StoreOperation = 'insert' | 'update' | 'delete';

/** One change seen by a watcher (pybotters' StoreChange). */
export interface StoreChange<T> {
  /** `'insert'`, `'update'` or `'delete'`. */
  readonly operation: StoreOperation;
  /**
   * The item after the change (for `'delete'`, the item that was removed). Shared with the store:
   * read it, never mutate it.
   */
  readonly data: T;
  /**
   * What the change was made from: the partial item given to `update` (null when the update
   * inserted a new item), the item or query given to `delete` / `pop` / `findAndDelete`, and null
   * for `insert` and `clear`.
   */
  readonly source: Partial<T> | null;
}

/** What a watcher does when its consumer falls `bufferSize` changes behind. */
export type StoreOverflowPolicy = 'error' | 'drop-oldest';

/** Options of `watch()`. */
export interface StoreWatchOptions {
  /** Changes held for a slow consumer before `overflow` applies. Default 10,000. */
  bufferSize?: number;
  /** `'error'` (default): end the stream with {@link StoreOverflowError}. `'drop-oldest'`: drop and count. */
  overflow?: StoreOverflowPolicy;
  /** Aborting ends the stream cleanly (the iteration finishes, no error). */
  signal?: AbortSignal;
}

/** A watcher fell too far behind under the `'error'` overflow policy. Resync from `find()`. */
export class StoreOverflowError extends VenueError {
  override name = 'StoreOverflowError';
}

/** A function that receives changes; returned by a hub when a stream attaches. */
export type ChangeSink<C> = (change: C) => void;

const DEFAULT_BUFFER = 10_000;

/**
 * A disposable async iterable of store changes. Only changes made after it was created are seen.
 * End it with `close()`, `using`, `break` out of `for await`, or the `signal` option.
 */
export class ChangeStream<C> implements AsyncIterableIterator<C>, Disposable {
  readonly #buffer: C[] = [];
  #head = 0;
  #pending: { resolve: (r: IteratorResult<C>) => void; reject: (e: unknown) => void } | undefined;
  #closed = false;
  #failure: unknown;
  #dropped = 0;
  readonly #limit: number;
  readonly #overflow: StoreOverflowPolicy;
  readonly #detach: () => void;
  readonly #signal: AbortSignal | undefined;
  readonly #onAbort = (): void => this.close();

  /**
   * @param attach registers a sink with the store and returns the function that detaches it.
   * Stores call this through their `watch()`; users do not construct streams themselves.
   */
  constructor(attach: (sink: ChangeSink<C>) => () => void, options: StoreWatchOptions = {}) {
    const size = options.bufferSize ?? DEFAULT_BUFFER;
    if (!Number.isInteger(size) || size < 1)
      throw new ConfigError(`watch(): bufferSize must be a positive integer, got ${String(size)}`);
    const overflow = options.overflow ?? 'error';
    if (overflow !== 'error' && overflow !== 'drop-oldest')
      throw new ConfigError(`watch(): overflow must be 'error' or 'drop-oldest', got ${String(overflow)}`);
    this.#limit = size;
    this.#overflow = overflow;
    this.#signal = options.signal;
    this.#detach = attach((change) => this.#push(change));
    if (this.#signal?.aborted) this.close();
    else this.#signal?.addEventListener('abort', this.#onAbort, { once: true });
  }

  /** Changes dropped under the `'drop-oldest'` policy so far. */
  get dropped(): number {
    return this.#dropped;
  }

  /** Changes waiting to be read. */
  get buffered(): number {
    return this.#buffer.length - this.#head;
  }

  /** True once the stream has ended (closed, aborted, or failed). */
  get closed(): boolean {
    return this.#closed;
  }

  #push(change: C): void {
    if (this.#closed) return;
    const pending = this.#pending;
    if (pending !== undefined) {
      this.#pending = undefined;
      pending.resolve({ value: change, done: false });
      return;
    }
    if (this.buffered >= this.#limit) {
      if (this.#overflow === 'error') {
        this.#fail(
          new StoreOverflowError(
            `store watcher fell ${this.#limit} changes behind and was closed; read the current state with find() and watch again (or pass overflow: 'drop-oldest')`,
            { details: { bufferSize: this.#limit } },
          ),
        );
        return;
      }
      (this.#buffer as (C | undefined)[])[this.#head] = undefined;
      this.#head++;
      this.#dropped++;
      this.#compact();
    }
    this.#buffer.push(change);
  }

  /** Drops consumed slots once they are the larger part of the buffer (amortised O(1)). */
  #compact(): void {
    if (this.#head === this.#buffer.length) {
      this.#buffer.length = 0;
      this.#head = 0;
    } else if (this.#head > 1024 && this.#head * 2 > this.#buffer.length) {
      this.#buffer.splice(0, this.#head);
      this.#head = 0;
    }
  }

  /** Reads the next change, waiting for one if none is buffered. */
  next(): Promise<IteratorResult<C>> {
    if (this.#head < this.#buffer.length) {
      const value = this.#buffer[this.#head]!;
      (this.#buffer as (C | undefined)[])[this.#head] = undefined;
      this.#head++;
      this.#compact();
      return Promise.resolve({ value, done: false });
    }
    if (this.#failure !== undefined) {
      const failure = this.#failure;
      this.#failure = undefined;
      return Promise.reject(failure);
    }
    if (this.#closed) return Promise.resolve({ value: undefined, done: true });
    return new Promise((resolve, reject) => {
      this.#pending = { resolve, reject };
    });
  }

  /** Called by `for await` on `break`: ends the stream. */
  return(): Promise<IteratorResult<C>> {
    this.close();
    return Promise.resolve({ value: undefined, done: true });
  }

  /** Stops receiving changes; a pending `next()` resolves as done, buffered changes are discarded. */
  close(): void {
    if (this.#closed) return;
    this.#end();
    const pending = this.#pending;
    this.#pending = undefined;
    pending?.resolve({ value: undefined, done: true });
  }

  /** Same as {@link close}, for `using stream = store.watch()`. */
  [Symbol.dispose](): void {
    this.close();
  }

  /** The stream is its own iterator. */
  [Symbol.asyncIterator](): this {
    return this;
  }

  #fail(error: unknown): void {
    this.#end();
    const pending = this.#pending;
    this.#pending = undefined;
    if (pending) pending.reject(error);
    else this.#failure = error;
  }

  #end(): void {
    this.#closed = true;
    this.#buffer.length = 0;
    this.#head = 0;
    this.#signal?.removeEventListener('abort', this.#onAbort);
    this.#detach();
  }
}
