// Queue mode of the EventBus: an async iterator over one event's payloads with a bounded
// buffer. A slow consumer never makes the bus grow without bound: when the buffer is full the
// overflow policy drops the oldest or the newest payload (counting the drops) or fails the
// stream. The stream detaches from the bus when it ends (signal, `break`, `close()`).
import { ValidationError, VenueError } from '../errors.js';

/** What to do with a payload that arrives while the buffer is full. */
export type StreamOverflowPolicy = 'dropOldest' | 'dropNewest' | 'error';

/** Options of `bus.stream()`. */
export interface EventStreamOptions {
  /** Payloads buffered while the consumer is busy (default 1024). */
  capacity?: number | undefined;
  /** Policy when the buffer is full (default `'dropOldest'`: the consumer sees the latest data). */
  overflow?: StreamOverflowPolicy | undefined;
  /** Ends the stream: pending and later `next()` calls return `done`. */
  signal?: AbortSignal | undefined;
}

/** The stream's buffer overflowed under the `'error'` policy. */
export class StreamOverflowError extends VenueError {
  override name = 'StreamOverflowError';
}

/** An async iterator over an event's payloads. Use with `for await`; `break` ends it. */
export class EventStream<T> implements AsyncIterableIterator<T>, Disposable {
  readonly #buffer: (T | undefined)[];
  readonly #capacity: number;
  readonly #overflow: StreamOverflowPolicy;
  readonly #event: string;
  #head = 0;
  #length = 0;
  #dropped = 0;
  /** No more payloads will arrive (ended, or failed on overflow). */
  #done = false;
  /** Ended by the consumer (close/return/signal). */
  #closed = false;
  #failure: StreamOverflowError | undefined;
  #waiting: ((result: IteratorResult<T>) => void) | undefined;
  #detach: (() => void) | undefined;
  readonly #signal: AbortSignal | undefined;
  readonly #onAbort = (): void => this.close();

  /** @internal Created by `EventBus.stream()`; `attach` subscribes and returns the detach function. */
  constructor(
    event: string,
    options: EventStreamOptions,
    attach: (stream: EventStream<T>, push: (payload: T) => void) => () => void,
  ) {
    const capacity = options.capacity ?? 1024;
    if (!(Number.isInteger(capacity) && capacity >= 1))
      throw new ValidationError(`EventBus.stream capacity must be an integer >= 1, got ${capacity}`);
    const overflow = options.overflow ?? 'dropOldest';
    if (overflow !== 'dropOldest' && overflow !== 'dropNewest' && overflow !== 'error')
      throw new ValidationError(
        `EventBus.stream overflow must be 'dropOldest', 'dropNewest' or 'error', got ${String(overflow)}`,
      );
    this.#capacity = capacity;
    this.#overflow = overflow;
    this.#event = event;
    this.#buffer = [];
    this.#signal = options.signal;
    if (this.#signal?.aborted) {
      this.#done = this.#closed = true;
      return;
    }
    this.#detach = attach(this, (payload) => this.#push(payload));
    this.#signal?.addEventListener('abort', this.#onAbort, { once: true });
  }

  /** Payloads dropped by the overflow policy so far. */
  get dropped(): number {
    return this.#dropped;
  }

  /** Payloads waiting to be read. */
  get buffered(): number {
    return this.#length;
  }

  /** True once the stream has ended. */
  get closed(): boolean {
    return this.#done;
  }

  /** The next payload: buffered, or the next one emitted; `done` once the stream has ended. */
  next(): Promise<IteratorResult<T>> {
    if (this.#length > 0) {
      const value = this.#buffer[this.#head] as T;
      this.#buffer[this.#head] = undefined;
      this.#head = (this.#head + 1) % this.#capacity;
      this.#length--;
      return Promise.resolve({ value, done: false });
    }
    if (this.#failure !== undefined) {
      const failure = this.#failure;
      this.#failure = undefined;
      return Promise.reject(failure);
    }
    if (this.#done) return Promise.resolve({ value: undefined, done: true });
    if (this.#waiting !== undefined)
      return Promise.reject(
        new ValidationError('EventStream: next() called while a previous next() is pending'),
      );
    return new Promise((resolve) => {
      this.#waiting = resolve;
    });
  }

  /** Ends the stream (what `break` in `for await` calls). */
  return(): Promise<IteratorResult<T>> {
    this.close();
    return Promise.resolve({ value: undefined, done: true });
  }

  [Symbol.asyncIterator](): this {
    return this;
  }

  /** Ends the stream and detaches it from the bus; buffered payloads are discarded. */
  close(): void {
    if (this.#closed) return;
    this.#closed = this.#done = true;
    this.#stopListening();
    this.#buffer.length = 0;
    this.#length = 0;
    this.#failure = undefined;
    const waiting = this.#waiting;
    this.#waiting = undefined;
    waiting?.({ value: undefined, done: true });
  }

  /** Same as {@link EventStream.close}. */
  [Symbol.dispose](): void {
    this.close();
  }

  #push(payload: T): void {
    const waiting = this.#waiting;
    if (waiting !== undefined) {
      this.#waiting = undefined;
      waiting({ value: payload, done: false });
      return;
    }
    if (this.#length < this.#capacity) {
      this.#buffer[(this.#head + this.#length) % this.#capacity] = payload;
      this.#length++;
      return;
    }
    this.#dropped++;
    if (this.#overflow === 'dropOldest') {
      this.#buffer[this.#head] = payload;
      this.#head = (this.#head + 1) % this.#capacity;
    } else if (this.#overflow === 'error') {
      // Stop listening; the consumer reads what is buffered, then gets the error.
      this.#failure = new StreamOverflowError(
        `EventBus stream for "${this.#event}" overflowed its buffer of ${this.#capacity}; the consumer is too slow (use a larger capacity or a drop policy)`,
        { details: { event: this.#event, capacity: this.#capacity } },
      );
      this.#stopListening();
      this.#done = true;
    }
  }

  #stopListening(): void {
    this.#detach?.();
    this.#detach = undefined;
    this.#signal?.removeEventListener('abort', this.#onAbort);
  }
}
