// The deadline and cancellation of one BinanceRestClient call: one AbortSignal that fires when
// the caller's signal aborts or when the call's time is up, whatever the call is doing then
// (waiting for the limiter, for the answer, or backing off before a retry). The timer runs on
// the client's clock, so tests drive it with a FakeClock.
import { type Clock, RequestTimeoutError, type TimerHandle } from '@venuekit/base';

/** The signal of one call and how much of its time is left. */
export class CallDeadline {
  readonly #controller = new AbortController();
  readonly #clock: Clock;
  readonly #endsAt: number;
  readonly #timer: TimerHandle;
  readonly #signal: AbortSignal | undefined;
  readonly #onAbort: (() => void) | undefined;

  /** @param describe names the call in the timeout message (`GET /api/v3/depth`). */
  constructor(clock: Clock, timeoutMs: number, signal: AbortSignal | undefined, describe: string) {
    this.#clock = clock;
    this.#endsAt = clock.now() + timeoutMs;
    this.#signal = signal;
    this.#timer = clock.setTimeout(() => {
      this.#controller.abort(
        new RequestTimeoutError(
          `Binance ${describe}: no answer within ${timeoutMs} ms (rate-limiter waits and retries included); raise timeoutMs or check the connection`,
          { venue: 'binance', details: { timeoutMs } },
        ),
      );
    }, timeoutMs);
    if (signal !== undefined) {
      if (signal.aborted) this.#controller.abort(signal.reason);
      else {
        this.#onAbort = () => this.#controller.abort(signal.reason);
        signal.addEventListener('abort', this.#onAbort, { once: true });
      }
    }
  }

  /** Aborts when the caller aborts or the deadline passes. */
  get signal(): AbortSignal {
    return this.#controller.signal;
  }

  /** Milliseconds left (at least 1, so it can be passed on as a timeout). */
  get remainingMs(): number {
    return Math.max(1, this.#endsAt - this.#clock.now());
  }

  /** Throws the abort reason if the call was aborted or timed out. */
  throwIfDone(): void {
    if (this.#controller.signal.aborted) throw this.#controller.signal.reason;
  }

  /** Releases the timer and the listener. */
  dispose(): void {
    this.#clock.clearTimeout(this.#timer);
    if (this.#onAbort !== undefined) this.#signal!.removeEventListener('abort', this.#onAbort);
  }
}
