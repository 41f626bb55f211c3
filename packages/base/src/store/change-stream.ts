// The consumer side of DataStore.watch(): the change shape, and an async iterable of changes on
// a BoundedBuffer. The store pushes into it synchronously and never waits for the consumer (a
// slow consumer must not slow the socket that feeds the store). When the consumer falls more
// than `bufferSize` changes behind, the `overflow` policy decides: 'error' (default) ends the
// stream with BufferOverflowError at once, because a consumer that mirrors a store and silently
// misses changes would hold a wrong view; 'dropOldest' / 'dropNewest' keep going and count.
import { BoundedBuffer } from '../buffer/bounded-buffer.js';
import { BufferOverflowError } from '../buffer/overflow-error.js';
import { checkCapacity, checkOverflowPolicy, type OverflowPolicy } from '../buffer/overflow-policy.js';

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

/** Options of `watch()`. */
export interface StoreWatchOptions {
  /** Changes held for a slow consumer before `overflow` applies. Default 10,000. */
  bufferSize?: number;
  /**
   * When the consumer falls `bufferSize` changes behind (see {@link OverflowPolicy}): `'error'`
   * (default) ends the stream with `BufferOverflowError` at once; `'dropOldest'` /
   * `'dropNewest'` drop and count. Not `'conflate'`: it would merge changes of different items.
   * (`'drop-oldest'`, the former spelling of `'dropOldest'`, is still accepted; deprecated.)
   */
  overflow?: Exclude<OverflowPolicy, 'conflate'> | 'drop-oldest';
  /** Aborting ends the stream cleanly (the iteration finishes, no error). */
  signal?: AbortSignal;
}

/**
 * A watcher fell too far behind under the `'error'` overflow policy. Resync from `find()`.
 * @deprecated The same class as {@link BufferOverflowError}; use that name.
 */
export const StoreOverflowError = BufferOverflowError;
/** @deprecated The same class as {@link BufferOverflowError}; use that name. */
export type StoreOverflowError = BufferOverflowError;

/** A function that receives changes; returned by a hub when a stream attaches. */
export type ChangeSink<C> = (change: C) => void;

const DEFAULT_BUFFER = 10_000;
const WATCH_POLICIES: readonly OverflowPolicy[] = ['dropOldest', 'dropNewest', 'error'];

/**
 * A disposable async iterable of store changes. Only changes made after it was created are seen.
 * End it with `close()`, `using`, `break` out of `for await`, or the `signal` option.
 */
export class ChangeStream<C> implements AsyncIterableIterator<C, undefined>, Disposable {
  readonly #buffer: BoundedBuffer<C>;
  #detach: (() => void) | undefined;

  /**
   * @param attach registers a sink with the store and returns the function that detaches it.
   * Stores call this through their `watch()`; users do not construct streams themselves.
   */
  constructor(attach: (sink: ChangeSink<C>) => () => void, options: StoreWatchOptions = {}) {
    const size = checkCapacity(options.bufferSize ?? DEFAULT_BUFFER, 'watch() bufferSize');
    const given = options.overflow ?? 'error';
    const overflow = checkOverflowPolicy(
      given === 'drop-oldest' ? 'dropOldest' : given,
      'watch() overflow',
      WATCH_POLICIES,
    );
    const buffer = new BoundedBuffer<C>({
      capacity: size,
      policy: overflow,
      signal: options.signal,
      label: 'store watcher',
      overflowHint: "read the current state with find() and watch again (or pass overflow: 'dropOldest')",
      onEnd: () => {
        this.#detach?.();
        this.#detach = undefined;
      },
    });
    this.#buffer = buffer;
    if (!buffer.closed) this.#detach = attach((change) => buffer.push(change));
  }

  /** Changes lost to the overflow policy so far (dropped, or refused under `'error'`). */
  get dropped(): number {
    return this.#buffer.dropped;
  }

  /** Changes waiting to be read. */
  get buffered(): number {
    return this.#buffer.size;
  }

  /** True once the stream has ended (closed, aborted, or failed). */
  get closed(): boolean {
    return this.#buffer.closed;
  }

  /** Reads the next change, waiting for one if none is buffered. */
  next(): Promise<IteratorResult<C, undefined>> {
    return this.#buffer.next();
  }

  /** Called by `for await` on `break`: ends the stream. */
  return(): Promise<IteratorResult<C, undefined>> {
    return this.#buffer.return();
  }

  /** Stops receiving changes; a pending `next()` resolves as done, buffered changes are discarded. */
  close(): void {
    void this.#buffer.return();
  }

  /** Same as {@link close}, for `using stream = store.watch()`. */
  [Symbol.dispose](): void {
    this.close();
  }

  /** The stream is its own iterator. */
  [Symbol.asyncIterator](): this {
    return this;
  }
}
