// Turns a push subscription (a venue socket channel, an event listener) into an async iterable
// a user can `for await` over. The stream starts the subscription on the first `next()`, buffers
// values for a slow consumer up to a bound (with a stated overflow policy and a drop counter),
// and on `break`, `return()`, an AbortSignal, the source ending or failing, releases everything
// it holds: the source (via its stop function), the abort listener and the idle timer.
import { BoundedBuffer } from '../buffer/bounded-buffer.js';
import { checkCapacity, checkOverflowPolicy, type OverflowPolicy } from '../buffer/overflow-policy.js';
import { type Clock, type TimerHandle, systemClock } from '../clock.js';
import { SubscriptionError } from '../errors.js';
import { defaultLogger, type Logger } from '../log.js';

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
   * When the buffer is full (default `'error'`); see {@link OverflowPolicy}. Values carry no key
   * here, so `'conflate'` replaces the newest buffered value (for snapshots/state: the consumer
   * always gets the latest; never use it for deltas). Under `'error'` the stream stops the source
   * and, after the buffered values, throws `BufferOverflowError` (a `SubscriptionError`).
   * Every discarded value is counted in `dropped`.
   */
  overflow?: OverflowPolicy | undefined;
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

/** An async iterable over a push subscription; single consumer. See {@link subscriptionToAsyncIterable}. */
export class SubscriptionStream<T> implements AsyncIterableIterator<T, undefined>, AsyncDisposable {
  readonly #start: StartSubscription<T>;
  readonly #options: SubscriptionStreamOptions;
  /** Holds values for the consumer; failures reach it after what is buffered. Ending it releases the source. */
  readonly #buffer: BoundedBuffer<T>;
  #started = false;
  #stop: StopSubscription | undefined;
  #released = false;
  #releasing: Promise<void> | undefined;
  /** `return()` is under way: it reports a failing stop itself, so it is not logged. */
  #returning = false;
  #idleTimer: TimerHandle | undefined;
  #lastValueAt = 0;

  constructor(start: StartSubscription<T>, options: SubscriptionStreamOptions = {}) {
    const capacity = checkCapacity(options.capacity ?? 1024, 'capacity');
    const overflow = checkOverflowPolicy(options.overflow ?? 'error', 'overflow');
    this.#start = start;
    this.#options = options;
    this.#buffer = new BoundedBuffer<T>({
      capacity,
      policy: overflow,
      keyOf: null,
      drainOnFailure: true,
      signal: options.signal,
      label: options.label ?? 'stream',
      venue: options.venue,
      onEnd: () => {
        const releasing = this.#release();
        if (!this.#returning) releasing.catch((error: unknown) => this.#logStopError(error));
      },
    });
  }

  /** Values discarded by the overflow policy so far. */
  get dropped(): number {
    return this.#buffer.dropped;
  }
  /** Values waiting for the consumer. */
  get buffered(): number {
    return this.#buffer.size;
  }
  /** True once the stream has finished (the consumer read to the end, or stopped) and released its source. */
  get closed(): boolean {
    return this.#buffer.ended;
  }

  [Symbol.asyncIterator](): this {
    return this;
  }

  next(): Promise<IteratorResult<T, undefined>> {
    if (!this.#started && !this.#buffer.closed) this.#begin();
    return this.#buffer.next();
  }

  /** Stops the subscription and ends the stream (what `break` calls). Rejects if the source's stop failed. */
  async return(): Promise<IteratorResult<T, undefined>> {
    await this.#close();
    return { done: true, value: undefined };
  }

  /** Same as {@link SubscriptionStream.return}, for `await using`. */
  async [Symbol.asyncDispose](): Promise<void> {
    await this.#close();
  }

  #begin(): void {
    this.#started = true;
    this.#armIdleTimer();
    const buffer = this.#buffer;
    const push =
      this.#idleTimer === undefined
        ? (value: T): void => {
            buffer.push(value);
          }
        : (value: T): void => {
            if (buffer.closed) return;
            this.#lastValueAt = this.#clock().now();
            buffer.push(value);
          };
    let started: StopSubscription | Promise<StopSubscription>;
    try {
      started = this.#start(
        push,
        (error) => buffer.fail(error),
        () => buffer.close(),
      );
    } catch (error) {
      buffer.fail(error);
      return;
    }
    if (typeof started === 'function') this.#adoptStop(started);
    else
      Promise.resolve(started).then(
        (stop) => this.#adoptStop(stop),
        (error: unknown) => {
          if (!buffer.closed) buffer.fail(error);
          else this.#logStopError(error, 'starting a subscription failed after the stream ended');
        },
      );
  }

  #adoptStop(stop: unknown): void {
    if (typeof stop !== 'function') {
      this.#buffer.fail(new TypeError('subscription start must return (or resolve to) a stop function'));
      return;
    }
    this.#stop = stop as StopSubscription;
    // Closed while the start was in flight: stop the source now.
    if (this.#released) this.#runStop().catch((error: unknown) => this.#logStopError(error));
  }

  /** Ends the stream at once (buffered values and any pending error are discarded) and awaits the release. */
  async #close(): Promise<void> {
    this.#returning = true;
    await this.#buffer.return();
    await this.#release();
  }

  /** Releases the source, the idle timer and `onClose`, exactly once (the buffer has removed its abort listener). */
  #release(): Promise<void> {
    if (this.#releasing !== undefined) return this.#releasing;
    this.#released = true;
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
      if (this.#buffer.closed) return;
      const quiet = clock.now() - this.#lastValueAt;
      if (quiet < idle) {
        this.#idleTimer = clock.setTimeout(check, idle - quiet);
        return;
      }
      const label = this.#options.label ?? 'stream';
      this.#buffer.fail(
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
