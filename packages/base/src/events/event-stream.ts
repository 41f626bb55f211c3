// Queue mode of the EventBus: an async iterator over one event's payloads on a BoundedBuffer. A
// slow consumer never makes the bus grow without bound: when the buffer is full the overflow
// policy decides (dropOldest by default here), and under 'error' the consumer reads what was
// buffered, then gets the error. What is this module's own: the stream detaches from the bus
// when it ends (signal, `break`, `close()`, overflow), and one `next()` may wait at a time.
import { BoundedBuffer } from '../buffer/bounded-buffer.js';
import { BufferOverflowError } from '../buffer/overflow-error.js';
import { listPolicies, OVERFLOW_POLICIES, type OverflowPolicy } from '../buffer/overflow-policy.js';
import { ValidationError } from '../errors.js';

/** Options of `bus.stream()`. */
export interface EventStreamOptions<T = unknown> {
  /** Payloads buffered while the consumer is busy (default 1024). */
  capacity?: number | undefined;
  /**
   * Policy when the buffer is full (default `'dropOldest'`: the consumer sees the latest data);
   * see {@link OverflowPolicy}. Under `'error'` the consumer reads what was buffered, then
   * `next()` rejects with `BufferOverflowError`.
   */
  overflow?: OverflowPolicy | undefined;
  /** With `overflow: 'conflate'`: the key a payload replaces by (symbol); without it the newest buffered payload is replaced when full. */
  keyOf?: ((payload: T) => unknown) | undefined;
  /** Ends the stream: pending and later `next()` calls return `done`. */
  signal?: AbortSignal | undefined;
}

/**
 * The stream's buffer overflowed under the `'error'` policy.
 * @deprecated The same class as {@link BufferOverflowError}; use that name.
 */
export const StreamOverflowError = BufferOverflowError;
/** @deprecated The same class as {@link BufferOverflowError}; use that name. */
export type StreamOverflowError = BufferOverflowError;

/** An async iterator over an event's payloads. Use with `for await`; `break` ends it. */
export class EventStream<T> implements AsyncIterableIterator<T, undefined>, Disposable {
  readonly #buffer: BoundedBuffer<T>;
  #detach: (() => void) | undefined;

  /** @internal Created by `EventBus.stream()`; `attach` subscribes and returns the detach function. */
  constructor(
    event: string,
    options: EventStreamOptions<T>,
    attach: (stream: EventStream<T>, push: (payload: T) => void) => () => void,
  ) {
    const capacity = options.capacity ?? 1024;
    if (!(Number.isInteger(capacity) && capacity >= 1))
      throw new ValidationError(`EventBus.stream capacity must be an integer >= 1, got ${capacity}`);
    const overflow = options.overflow ?? 'dropOldest';
    if (!OVERFLOW_POLICIES.includes(overflow))
      throw new ValidationError(
        `EventBus.stream overflow must be ${listPolicies(OVERFLOW_POLICIES)}, got ${String(overflow)}`,
      );
    const buffer = new BoundedBuffer<T>({
      capacity,
      policy: overflow,
      keyOf: options.keyOf ?? null,
      drainOnFailure: true,
      signal: options.signal,
      label: `EventBus stream for "${event}"`,
      overflowHint: 'read faster, raise the capacity, or choose a dropping policy',
      onEnd: () => {
        this.#detach?.();
        this.#detach = undefined;
      },
    });
    this.#buffer = buffer;
    if (!buffer.closed) this.#detach = attach(this, (payload) => buffer.push(payload));
  }

  /** Payloads dropped by the overflow policy so far. */
  get dropped(): number {
    return this.#buffer.dropped;
  }

  /** Payloads replaced by a newer one for the same key (`'conflate'` with `keyOf`). */
  get conflated(): number {
    return this.#buffer.conflated;
  }

  /** Payloads waiting to be read. */
  get buffered(): number {
    return this.#buffer.size;
  }

  /** True once the stream takes no more payloads (ended, or failed on overflow). */
  get closed(): boolean {
    return this.#buffer.closed;
  }

  /** The next payload: buffered, or the next one emitted; `done` once the stream has ended. */
  next(): Promise<IteratorResult<T, undefined>> {
    if (this.#buffer.waiting > 0)
      return Promise.reject(
        new ValidationError('EventStream: next() called while a previous next() is pending'),
      );
    return this.#buffer.next();
  }

  /** Ends the stream (what `break` in `for await` calls). */
  return(): Promise<IteratorResult<T, undefined>> {
    return this.#buffer.return();
  }

  [Symbol.asyncIterator](): this {
    return this;
  }

  /** Ends the stream and detaches it from the bus; buffered payloads are discarded. */
  close(): void {
    void this.#buffer.return();
  }

  /** Same as {@link EventStream.close}. */
  [Symbol.dispose](): void {
    this.close();
  }
}
