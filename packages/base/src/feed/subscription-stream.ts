// Turns a push subscription (a venue socket channel, an event listener) into an async iterable
// a user can `for await` over. The stream starts the subscription on the first `next()`, buffers
// values for a slow consumer up to a bound (with a stated overflow policy and a drop counter),
// and on `break`, `return()`, an AbortSignal, the source ending or failing, releases everything
// it holds: the source (via its stop function), the abort listener and the idle timer.
import { type Clock, type TimerHandle, systemClock } from '../clock.js';
import { ConfigError, SubscriptionError } from '../errors.js';
import { defaultLogger, type Logger } from '../log.js';
import type { SubscriptionOverflowPolicy } from './types.js';

/**
 * Undoes a subscription: unsubscribes, removes listeners, clears the source's timers. A returned
 * promise is awaited (and its rejection reported); any other return value is ignored.
 */
export type StopSubscription = () => unknown;

/**
 * Starts a push subscription. Call `push` for each value, `fail` to end the stream with an
 * error, `end` to finish it cleanly; return (or resolve to) the function that stops it.
 */
export type StartSubscription<T> = (
  push: (value: T) => void,
  fail: (error: unknown) => void,
  end: () => void,
) => StopSubscription | Promise<StopSubscription>;

/** Options of {@link subscriptionToAsyncIterable}. */
export interface SubscriptionStreamOptions {
  /** Ends the stream cleanly (the loop just finishes) and stops the source when aborted. */
  signal?: AbortSignal | undefined;
  /** Values held for a slow consumer (default 1024). */
  capacity?: number | undefined;
  /**
   * When the buffer is full (default `'error'`):
   * - `'conflate'`: the newest value replaces the newest buffered one (for snapshots/state: the
   *   consumer always sees the latest; never use it for deltas);
   * - `'dropOldest'`: the oldest buffered value is discarded;
   * - `'error'`: the stream stops the source and, after the buffered values, throws `SubscriptionError`.
   * Every discarded value is counted in `dropped`.
   */
  overflow?: SubscriptionOverflowPolicy | undefined;
  /** Fails the stream with `SubscriptionError` when no value arrives for this long (ms). */
  idleTimeoutMs?: number | undefined;
  /** Clock for the idle timeout (default system clock). */
  clock?: Clock | undefined;
  /** Where errors of `stop` are logged when no caller can receive them (abort, overflow, end). */
  logger?: Logger | undefined;
  /** Names the stream in errors (`'binance watchTicker BTCUSDT'`). */
  label?: string | undefined;
  /** Venue set on errors the stream raises. */
  venue?: string | undefined;
  /** Called once, after the stream has released its source. */
  onClose?: (() => void) | undefined;
}

type Waiter<T> = {
  resolve: (result: IteratorResult<T, undefined>) => void;
  reject: (error: unknown) => void;
};
type State = 'idle' | 'running' | 'ending' | 'closed';

const DONE: IteratorResult<never, undefined> = Object.freeze({ done: true, value: undefined });
const COMPACT_AT = 1024;

/** An async iterable over a push subscription; single consumer. See {@link subscriptionToAsyncIterable}. */
export class SubscriptionStream<T> implements AsyncIterableIterator<T, undefined>, AsyncDisposable {
  readonly #start: StartSubscription<T>;
  readonly #capacity: number;
  readonly #overflow: SubscriptionOverflowPolicy;
  readonly #options: SubscriptionStreamOptions;
  #state: State = 'idle';
  #buffer: T[] = [];
  #head = 0;
  #waiters: Waiter<T>[] = [];
  #error: unknown;
  #hasError = false;
  #stop: StopSubscription | undefined;
  #released = false;
  #releasing: Promise<void> | undefined;
  #dropped = 0;
  #idleTimer: TimerHandle | undefined;
  #lastValueAt = 0;
  readonly #onAbort = (): void => {
    this.#close().catch((error: unknown) => this.#logStopError(error));
  };

  constructor(start: StartSubscription<T>, options: SubscriptionStreamOptions = {}) {
    const capacity = options.capacity ?? 1024;
    if (!Number.isInteger(capacity) || capacity < 1)
      throw new ConfigError(`capacity: expected a positive integer, got ${String(capacity)}`, {
        details: { field: 'capacity' },
      });
    const overflow = options.overflow ?? 'error';
    if (overflow !== 'conflate' && overflow !== 'dropOldest' && overflow !== 'error')
      throw new ConfigError(
        `overflow: expected 'conflate', 'dropOldest' or 'error', got ${String(overflow)}`,
        {
          details: { field: 'overflow' },
        },
      );
    this.#start = start;
    this.#capacity = capacity;
    this.#overflow = overflow;
    this.#options = options;
    if (options.signal?.aborted) {
      this.#state = 'closed';
      this.#released = true;
      options.onClose?.();
    } else {
      options.signal?.addEventListener('abort', this.#onAbort, { once: true });
    }
  }

  /** Values discarded by the overflow policy so far. */
  get dropped(): number {
    return this.#dropped;
  }
  /** Values waiting for the consumer. */
  get buffered(): number {
    return this.#buffer.length - this.#head;
  }
  /** True once the stream has finished and released its source. */
  get closed(): boolean {
    return this.#state === 'closed';
  }

  [Symbol.asyncIterator](): this {
    return this;
  }

  next(): Promise<IteratorResult<T, undefined>> {
    if (this.#state === 'idle') this.#begin();
    if (this.#head < this.#buffer.length) return Promise.resolve({ done: false, value: this.#shift() });
    if (this.#state === 'running')
      return new Promise((resolve, reject) => this.#waiters.push({ resolve, reject }));
    return this.#finish();
  }

  /** Stops the subscription and ends the stream (what `break` calls). Rejects if the source's stop failed. */
  async return(): Promise<IteratorResult<T, undefined>> {
    await this.#close();
    return DONE;
  }

  /** Same as {@link SubscriptionStream.return}, for `await using`. */
  async [Symbol.asyncDispose](): Promise<void> {
    await this.#close();
  }

  #begin(): void {
    this.#state = 'running';
    this.#armIdleTimer();
    let started: StopSubscription | Promise<StopSubscription>;
    try {
      started = this.#start(
        (value) => this.#push(value),
        (error) => this.#fail(error),
        () => this.#end(),
      );
    } catch (error) {
      this.#fail(error);
      return;
    }
    if (typeof started === 'function') this.#adoptStop(started);
    else
      Promise.resolve(started).then(
        (stop) => this.#adoptStop(stop),
        (error: unknown) => {
          if (this.#state === 'running') this.#fail(error);
          else this.#logStopError(error, 'starting a subscription failed after the stream ended');
        },
      );
  }

  #adoptStop(stop: unknown): void {
    if (typeof stop !== 'function') {
      this.#fail(new TypeError('subscription start must return (or resolve to) a stop function'));
      return;
    }
    this.#stop = stop as StopSubscription;
    // Closed while the start was in flight: stop the source now.
    if (this.#released) this.#runStop().catch((error: unknown) => this.#logStopError(error));
  }

  #push(value: T): void {
    if (this.#state !== 'running') return;
    if (this.#idleTimer !== undefined) this.#lastValueAt = this.#clock().now();
    const waiter = this.#waiters.shift();
    if (waiter !== undefined) {
      waiter.resolve({ done: false, value });
      return;
    }
    if (this.#buffer.length - this.#head < this.#capacity) {
      this.#buffer.push(value);
      return;
    }
    this.#dropped++;
    if (this.#overflow === 'conflate') this.#buffer[this.#buffer.length - 1] = value;
    else if (this.#overflow === 'dropOldest') {
      this.#shift();
      this.#buffer.push(value);
    } else {
      const label = this.#options.label ?? 'stream';
      this.#fail(
        new SubscriptionError(
          `${label}: the consumer fell behind and the buffer of ${this.#capacity} values is full (overflow policy 'error'); read faster, raise capacity, or choose 'conflate' / 'dropOldest'`,
          { venue: this.#options.venue, details: { capacity: this.#capacity } },
        ),
      );
    }
  }

  #fail(error: unknown): void {
    if (this.#state !== 'running') return;
    this.#error = error;
    this.#hasError = true;
    this.#windDown();
  }

  #end(): void {
    if (this.#state !== 'running') return;
    this.#windDown();
  }

  /** The source is finished: stop it, then let the consumer drain the buffer before done/error. */
  #windDown(): void {
    this.#state = 'ending';
    this.#release().catch((error: unknown) => this.#logStopError(error));
    if (this.#waiters.length > 0) {
      const waiters = this.#waiters;
      this.#waiters = [];
      const first = waiters[0]!;
      this.#finish().then(first.resolve, first.reject);
      for (let i = 1; i < waiters.length; i++) waiters[i]!.resolve(DONE);
    }
  }

  /** Ends an empty stream: throws the pending error once, then reports done. */
  #finish(): Promise<IteratorResult<T, undefined>> {
    const hadError = this.#hasError;
    const error = this.#error;
    this.#hasError = false;
    this.#error = undefined;
    this.#state = 'closed';
    this.#buffer = [];
    this.#head = 0;
    return hadError ? Promise.reject(error) : Promise.resolve(DONE);
  }

  async #close(): Promise<void> {
    this.#state = 'closed';
    this.#buffer = [];
    this.#head = 0;
    this.#hasError = false;
    this.#error = undefined;
    const waiters = this.#waiters;
    this.#waiters = [];
    for (const waiter of waiters) waiter.resolve(DONE);
    await this.#release();
  }

  /** Releases the source, the abort listener and the idle timer, exactly once. */
  #release(): Promise<void> {
    if (this.#releasing !== undefined) return this.#releasing;
    if (this.#released) return Promise.resolve();
    this.#released = true;
    this.#options.signal?.removeEventListener('abort', this.#onAbort);
    if (this.#idleTimer !== undefined) {
      this.#clock().clearTimeout(this.#idleTimer);
      this.#idleTimer = undefined;
    }
    this.#releasing = this.#runStop().finally(() => this.#options.onClose?.());
    return this.#releasing;
  }

  async #runStop(): Promise<void> {
    const stop = this.#stop;
    this.#stop = undefined;
    if (stop !== undefined) await stop();
  }

  #shift(): T {
    const value = this.#buffer[this.#head]!;
    this.#buffer[this.#head] = undefined as T;
    this.#head++;
    if (this.#head >= COMPACT_AT && this.#head * 2 >= this.#buffer.length) {
      this.#buffer = this.#buffer.slice(this.#head);
      this.#head = 0;
    }
    return value;
  }

  #clock(): Clock {
    return this.#options.clock ?? systemClock;
  }

  #armIdleTimer(): void {
    const idle = this.#options.idleTimeoutMs;
    if (idle === undefined) return;
    const clock = this.#clock();
    this.#lastValueAt = clock.now();
    const check = (): void => {
      this.#idleTimer = undefined;
      if (this.#state !== 'running') return;
      const quiet = clock.now() - this.#lastValueAt;
      if (quiet < idle) {
        this.#idleTimer = clock.setTimeout(check, idle - quiet);
        return;
      }
      const label = this.#options.label ?? 'stream';
      this.#fail(
        new SubscriptionError(`${label}: no data for ${idle} ms; the subscription looks stale`, {
          venue: this.#options.venue,
          details: { idleTimeoutMs: idle },
        }),
      );
    };
    this.#idleTimer = clock.setTimeout(check, idle);
  }

  #logStopError(error: unknown, message = 'stopping a subscription failed'): void {
    (this.#options.logger ?? defaultLogger).warn(message, {
      stream: this.#options.label,
      error,
    });
  }
}

/**
 * Turns a push subscription into an async iterable that ends cleanly on `AbortSignal` or
 * `break` and releases everything it held. The subscription starts on the first `next()`.
 *
 * ```ts
 * const trades = subscriptionToAsyncIterable<Trade>((push, fail) => {
 *   socket.on('trade', push);
 *   socket.on('error', fail);
 *   return () => { socket.off('trade', push); socket.off('error', fail); };
 * }, { signal, capacity: 10_000, overflow: 'error' });
 * for await (const trade of trades) if (done(trade)) break; // stop() runs here
 * ```
 */
export function subscriptionToAsyncIterable<T>(
  start: StartSubscription<T>,
  options?: SubscriptionStreamOptions,
): SubscriptionStream<T> {
  return new SubscriptionStream(start, options);
}
