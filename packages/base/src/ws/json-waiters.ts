// One-shot waits for a JSON message matching a predicate ("the auth reply", "the pong"), used
// by `WebSocketApp.waitForJson` so an async `onOpen` can await the venue's answer. Each wait has
// a timeout on the app's clock and an optional AbortSignal, and is settled on close.
import type { Clock, TimerHandle } from '../clock.js';
import { RequestTimeoutError } from '../errors.js';

/** Options of {@link WebSocketApp.waitForJson}. */
export interface WaitForJsonOptions {
  /** Rejects with `RequestTimeoutError` after this many ms (default 10 000). */
  timeoutMs?: number;
  /** Rejects with the signal's reason when aborted. */
  signal?: AbortSignal;
}

interface Waiter {
  predicate: (message: unknown) => boolean;
  resolve: (message: unknown) => void;
  reject: (error: unknown) => void;
  timer: TimerHandle;
  signal: AbortSignal | undefined;
  onAbort: () => void;
}

/** The pending waits of one app. */
export class JsonWaiters {
  readonly #clock: Clock;
  readonly #waiters = new Set<Waiter>();

  constructor(clock: Clock) {
    this.#clock = clock;
  }

  /** Number of pending waits (0 on the hot path, so frames are parsed only when needed). */
  get size(): number {
    return this.#waiters.size;
  }

  /** Resolves with the first message for which `predicate` returns true. */
  add<T>(predicate: (message: unknown) => boolean, options: WaitForJsonOptions = {}): Promise<T> {
    const { signal } = options;
    const timeoutMs = options.timeoutMs ?? 10_000;
    if (signal?.aborted) return Promise.reject(signal.reason);
    return new Promise<T>((resolve, reject) => {
      const waiter: Waiter = {
        predicate,
        resolve: resolve as (message: unknown) => void,
        reject,
        signal,
        timer: this.#clock.setTimeout(() => {
          this.#settle(waiter);
          reject(new RequestTimeoutError(`no matching WebSocket message within ${timeoutMs} ms`));
        }, timeoutMs),
        onAbort: () => {
          this.#settle(waiter);
          reject(signal?.reason);
        },
      };
      signal?.addEventListener('abort', waiter.onAbort, { once: true });
      this.#waiters.add(waiter);
    });
  }

  /** Offers one parsed message to every pending wait. */
  offer(message: unknown): void {
    for (const waiter of this.#waiters) {
      let matched: boolean;
      try {
        matched = waiter.predicate(message);
      } catch (error) {
        this.#settle(waiter);
        waiter.reject(error);
        continue;
      }
      if (matched) {
        this.#settle(waiter);
        waiter.resolve(message);
      }
    }
  }

  /** Rejects every pending wait with `error` (on close). */
  rejectAll(error: unknown): void {
    for (const waiter of this.#waiters) {
      this.#settle(waiter);
      waiter.reject(error);
    }
  }

  #settle(waiter: Waiter): void {
    this.#waiters.delete(waiter);
    this.#clock.clearTimeout(waiter.timer);
    waiter.signal?.removeEventListener('abort', waiter.onAbort);
  }
}
