// The deadline and cancellation of one BinanceRestClient call, limiter waits and retries
// included. It costs nothing until needed: a call that is admitted at once and answered on the
// first try hands base's Client the time left and the caller's cancellation, and base's CallScope
// enforces both. Only a call that must wait (for the limiter, or before a retry) or carries a
// caller signal gets its own AbortController; only a wait starts a timer (on the client's clock,
// so tests drive it with a FakeClock). A caller signal shared by many calls gets one listener in
// all (see base's followAbort).
import { type Clock, RequestTimeoutError, type TimerHandle, followAbort } from '@venuekit/base';

/** The signal of one call and how much of its time is left. */
export class CallDeadline {
  readonly #clock: Clock;
  readonly #timeoutMs: number;
  readonly #endsAt: number;
  readonly #caller: AbortSignal | undefined;
  readonly #describe: string;
  #controller: AbortController | undefined;
  #unfollow: (() => void) | undefined;
  #timer: TimerHandle | undefined;

  /** @param describe names the call in the timeout message (`GET /api/v3/depth`). */
  constructor(clock: Clock, timeoutMs: number, signal: AbortSignal | undefined, describe: string) {
    this.#clock = clock;
    this.#timeoutMs = timeoutMs;
    this.#endsAt = clock.now() + timeoutMs;
    this.#caller = signal;
    this.#describe = describe;
  }

  /**
   * The signal to hand base's Client: `undefined` when the caller gave none and nothing waits
   * (base enforces the time left on its own), else this call's signal.
   */
  get requestSignal(): AbortSignal | undefined {
    if (this.#controller === undefined && this.#caller === undefined) return undefined;
    return this.#ensureController().signal;
  }

  /** The signal of a wait (limiter, backoff): aborts on the caller's signal or when time is up. */
  waitSignal(): AbortSignal {
    const controller = this.#ensureController();
    if (this.#timer === undefined && !controller.signal.aborted) {
      const left = this.#endsAt - this.#clock.now();
      if (left <= 0) controller.abort(this.#timeoutError());
      else this.#timer = this.#clock.setTimeout(() => controller.abort(this.#timeoutError()), left);
    }
    return controller.signal;
  }

  /** Milliseconds left (at least 1, so it can be passed on as a timeout). */
  get remainingMs(): number {
    return Math.max(1, this.#endsAt - this.#clock.now());
  }

  /** Throws the abort reason if the caller aborted, or the timeout error when time is up. */
  throwIfDone(): void {
    const controller = this.#controller;
    if (controller?.signal.aborted) throw controller.signal.reason;
    if (this.#caller?.aborted) throw this.#caller.reason;
    if (this.#clock.now() >= this.#endsAt) throw this.#timeoutError();
  }

  /** The abort reason or the timeout error when the call is over, else undefined. */
  reasonIfDone(): unknown {
    const controller = this.#controller;
    if (controller?.signal.aborted) return controller.signal.reason;
    if (this.#caller?.aborted) return this.#caller.reason;
    if (this.#clock.now() >= this.#endsAt) return this.#timeoutError();
    return undefined;
  }

  /** Releases the timer and the link to the caller's signal. */
  dispose(): void {
    if (this.#timer !== undefined) this.#clock.clearTimeout(this.#timer);
    this.#unfollow?.();
  }

  #ensureController(): AbortController {
    if (this.#controller !== undefined) return this.#controller;
    const controller = new AbortController();
    this.#controller = controller;
    if (this.#caller !== undefined) this.#unfollow = followAbort(this.#caller, controller);
    return controller;
  }

  #timeoutError(): RequestTimeoutError {
    return new RequestTimeoutError(
      `Binance ${this.#describe}: no answer within ${this.#timeoutMs} ms (rate-limiter waits and retries included); raise timeoutMs or check the connection`,
      { venue: 'binance', details: { timeoutMs: this.#timeoutMs } },
    );
  }
}
