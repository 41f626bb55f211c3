// The account gate: paces one account's signed requests by its per-UID windows *before* they
// join the route's shared limiter. The shared limiter (IP window + every account's windows, taken
// all at once so what it counts is what Bybit counts) serves requests sharing a window in order,
// so a request waiting there for its account's window would also hold up every other client's
// requests behind it on the IP window. Waiting here first, on a limiter of the account's own,
// keeps that wait out of the shared queue: by the time a request reaches the shared limiter its
// account window has room (both count the same rules on the same clock). The gate's wait counts
// toward the call's deadline.
import { type Clock, type RateLimiter, type RateLimitObservation, RequestTimeoutError } from '@venuekit/base';
import { defaultBybitRateLimitRules } from './rate-limit-rules.js';

/** The per-UID rules of Bybit's defaults (the per-endpoint windows), for an account gate. */
export function bybitAccountRules(): ReturnType<typeof defaultBybitRateLimitRules> {
  return defaultBybitRateLimitRules().filter((rule) => rule.perEndpoint === true);
}

/** Waits for room in one account's per-UID windows. */
export class AccountGate {
  /** The account's own limiter (per-UID rules only). */
  readonly limiter: RateLimiter;
  readonly #clock: Clock;

  constructor(limiter: RateLimiter, clock: Clock) {
    this.limiter = limiter;
    this.#clock = clock;
  }

  /**
   * Takes the request's room in the account windows now, or waits for it (FIFO). Resolves to the
   * ms waited; rejects with `signal`'s reason, or with RequestTimeoutError after `timeoutMs`.
   */
  async pass(
    endpoint: string,
    method: string,
    signal: AbortSignal | undefined,
    timeoutMs: number,
  ): Promise<number> {
    if (signal?.aborted) throw signal.reason;
    if (this.limiter.tryAcquire({ endpoint, method })) return 0;
    const started = this.#clock.now();
    const deadline = new AbortController();
    const timer = this.#clock.setTimeout(
      () =>
        deadline.abort(
          new RequestTimeoutError(
            `Bybit ${method} ${endpoint.replace(/@.*$/, '')}: still waiting for the account's rate limit after ${timeoutMs} ms; raise timeoutMs or send fewer requests`,
            { venue: 'bybit', details: { timeoutMs, phase: 'waiting for the account rate limit' } },
          ),
        ),
      timeoutMs,
    );
    const onAbort = (): void => deadline.abort(signal!.reason);
    signal?.addEventListener('abort', onAbort, { once: true });
    try {
      await this.limiter.acquire({ endpoint, method, signal: deadline.signal });
    } finally {
      this.#clock.clearTimeout(timer);
      signal?.removeEventListener('abort', onAbort);
    }
    return this.#clock.now() - started;
  }

  /** Adopts a server report of the account's usage (the same one the shared limiter adopts). */
  observe(observation: RateLimitObservation): void {
    this.limiter.observe(observation);
  }
}
