// Sliding-window rate limiting: at any moment, the units taken during the last `intervalMs`
// (the half-open span (now - interval, now]) must not exceed `limit`. Exact, not approximated
// by buckets: every take is logged and leaves the window `intervalMs` after it was taken.
import { type AdoptOptions, adoptedUsage, type RateWindow, WEIGHT_EPSILON } from './rate-window.js';
import { TakeLog } from './take-log.js';

/** An exact sliding window of `limit` units per `intervalMs`. */
export class SlidingWindow implements RateWindow {
  readonly kind = 'slidingWindow' as const;
  #limit: number;
  readonly #interval: number;
  readonly #log = new TakeLog(64);

  /**
   * @param limit units admitted in any span of `intervalMs`.
   * @param intervalMs the window length in ms.
   */
  constructor(limit: number, intervalMs: number) {
    this.#limit = limit;
    this.#interval = intervalMs;
  }

  get limit(): number {
    return this.#limit;
  }

  /** The window length in ms. */
  get intervalMs(): number {
    return this.#interval;
  }

  used(now: number): number {
    this.#log.pruneUpTo(now - this.#interval);
    return this.#log.sum;
  }

  waitMs(now: number, weight: number): number {
    const log = this.#log;
    log.pruneUpTo(now - this.#interval);
    const excess = log.sum + weight - this.#limit;
    if (excess <= WEIGHT_EPSILON) return 0;
    let freed = 0;
    const n = log.length;
    for (let i = 0; i < n; i++) {
      freed += log.weightAt(i);
      if (freed >= excess - WEIGHT_EPSILON) return log.timeAt(i) + this.#interval - now;
    }
    return n === 0 ? 0 : log.newestTime + this.#interval - now;
  }

  take(now: number, weight: number): void {
    if (weight > 0) this.#log.push(now, weight);
  }

  adopt(now: number, reported: number, options: AdoptOptions = {}): void {
    const log = this.#log;
    log.pruneUpTo(now - this.#interval);
    const inFlight = options.sentAt === undefined ? undefined : log.sumSince(options.sentAt);
    const target = adoptedUsage(log.sum, reported, inFlight);
    if (target > log.sum + WEIGHT_EPSILON) {
      // Units we did not see (other processes, other sessions): count them from now, or from the
      // start of the server's window when it said when that window ends.
      const resetAt = options.resetAt;
      const at =
        resetAt !== undefined && resetAt > now && resetAt <= now + this.#interval
          ? resetAt - this.#interval
          : now;
      log.push(at, target - log.sum);
    } else if (target < log.sum - WEIGHT_EPSILON) {
      log.removeOldest(log.sum - target);
    }
  }

  setLimit(limit: number): void {
    this.#limit = limit;
  }

  resetInMs(now: number): number {
    this.#log.pruneUpTo(now - this.#interval);
    return this.#log.length === 0 ? 0 : this.#log.newestTime + this.#interval - now;
  }
}
