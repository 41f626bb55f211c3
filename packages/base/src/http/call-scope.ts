// The lifetime of one Client call: its deadline (one timer for the whole call, retries and waits
// included) and the caller's AbortSignal. Whatever the call is doing when either fires — waiting
// for the rate limiter, for a connection slot, for the response, or backing off before a retry —
// is cancelled at once, and the call fails with a RequestTimeoutError naming the method, the URL
// (secrets redacted), the timeout and the phase, or with the signal's reason.
import type { Clock, TimerHandle } from '../clock.js';
import { onAbort } from '../abort/index.js';
import { RequestTimeoutError } from '../errors.js';

/** Something the scope can cancel: an exchange, a backoff sleep. */
export interface Cancellable {
  abort(reason: Error): void;
  /** An exchange: true once its request had started to go out. */
  readonly sent?: boolean;
}

/** What a call is doing, named in timeout messages. */
export type CallPhase =
  | 'preparing'
  | 'waiting for the rate limiter'
  | 'waiting for the response'
  | 'backing off before a retry';

/** Deadline and cancellation of one call. */
export class CallScope {
  /** What the call is doing now. */
  phase: CallPhase = 'preparing';
  readonly #clock: Clock;
  readonly #timeoutMs: number;
  readonly #describe: () => string;
  readonly #venue: string | undefined;
  #timer: TimerHandle | undefined;
  #unfollow: (() => void) | undefined;
  #done = false;
  #reason: unknown;
  #current: Cancellable | undefined;
  #controller: AbortController | undefined;
  /** Some exchange of this call had started to go out (an earlier try included). */
  #sent = false;

  /**
   * @param describe names the request for messages (`GET http://host/path`), called only on timeout.
   */
  constructor(
    clock: Clock,
    timeoutMs: number,
    signal: AbortSignal | undefined,
    describe: () => string,
    venue: string | undefined,
  ) {
    this.#clock = clock;
    this.#timeoutMs = timeoutMs;
    this.#describe = describe;
    this.#venue = venue;
    if (signal?.aborted) {
      this.#done = true;
      this.#reason = signal.reason;
      return;
    }
    this.#timer = clock.setTimeout(() => this.#expire(), timeoutMs);
    if (signal !== undefined) this.#unfollow = onAbort(signal, (reason) => this.#stop(reason));
  }

  /** True once the deadline passed or the signal fired. */
  get done(): boolean {
    return this.#done;
  }

  /** Throws the timeout error or abort reason if the call is over. */
  throwIfDone(): void {
    if (this.#done) throw this.#reason;
  }

  /** Makes `task` the thing to cancel if the call ends now; cancels it at once if already over. */
  watch(task: Cancellable): void {
    if (this.#done) task.abort(this.#reason as Error);
    else this.#current = task;
  }

  /** Forgets the current task (it finished). */
  unwatch(): void {
    if (this.#current?.sent === true) this.#sent = true;
    this.#current = undefined;
  }

  /** An AbortSignal that fires when the call ends (for the limiter); created on first use. */
  abortSignal(): AbortSignal {
    if (this.#controller === undefined) {
      this.#controller = new AbortController();
      if (this.#done) this.#controller.abort(this.#reason);
    }
    return this.#controller.signal;
  }

  /** Waits `ms` on the call's clock; rejects if the call ends first. */
  sleep(ms: number): Promise<void> {
    this.phase = 'backing off before a retry';
    return new Promise<void>((resolve, reject) => {
      const handle = this.#clock.setTimeout(
        () => {
          this.#current = undefined;
          resolve();
        },
        ms,
        { keepAlive: true }, // the caller awaits this backoff
      );
      this.watch({
        abort: (reason) => {
          this.#clock.clearTimeout(handle);
          reject(reason);
        },
      });
    });
  }

  /** Clears the timer and the signal listener. Call once the call is settled. */
  dispose(): void {
    if (this.#timer !== undefined) this.#clock.clearTimeout(this.#timer);
    this.#unfollow?.();
    this.#timer = undefined;
    this.#unfollow = undefined;
    this.#current = undefined;
  }

  #expire(): void {
    this.#timer = undefined;
    // `sent`: whether the request (this try or an earlier one) had started to go out, so whether it
    // may have reached the venue — what decides if a timed-out order's outcome is unknown.
    const sent = this.sent;
    this.#stop(
      new RequestTimeoutError(`${this.#describe()} timed out after ${this.#timeoutMs} ms (${this.phase})`, {
        venue: this.#venue,
        details: { timeoutMs: this.#timeoutMs, phase: this.phase, sent },
      }),
    );
  }

  /** True when some exchange of this call had started to go out by now (or when the call ended). */
  get sent(): boolean {
    return this.#sent || this.#current?.sent === true;
  }

  #stop(reason: unknown): void {
    if (this.#done) return;
    this.#sent = this.sent;
    this.#done = true;
    this.#reason = reason;
    const current = this.#current;
    this.#current = undefined;
    current?.abort(reason as Error);
    this.#controller?.abort(reason);
  }
}
