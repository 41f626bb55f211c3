// Token-bucket rate limiting: a bucket of `capacity` tokens refills continuously at
// `refillPerSecond`; a request takes `weight` tokens. Bursts up to the capacity pass at once,
// the sustained rate is the refill rate.
import { type AdoptOptions, adoptedUsage, type RateWindow, WEIGHT_EPSILON } from './rate-window.js';
import { TakeLog } from './take-log.js';

/** A continuously refilling token bucket. `limit` is its capacity; `used` is capacity minus tokens. */
export class TokenBucket implements RateWindow {
  readonly kind = 'tokenBucket' as const;
  #capacity: number;
  readonly #perMs: number;
  #tokens: number;
  #last = Number.NaN;
  /** Recent takes (one full refill long), for adopting reports with `sentAt`. */
  readonly #log = new TakeLog(16);

  /**
   * @param capacity the most tokens the bucket holds (the largest burst); it starts full.
   * @param refillPerSecond tokens added per second.
   */
  constructor(capacity: number, refillPerSecond: number) {
    this.#capacity = capacity;
    this.#tokens = capacity;
    this.#perMs = refillPerSecond / 1000;
  }

  get limit(): number {
    return this.#capacity;
  }

  /** Tokens available at `now`. */
  tokens(now: number): number {
    this.#refill(now);
    return this.#tokens;
  }

  used(now: number): number {
    this.#refill(now);
    return this.#capacity - this.#tokens;
  }

  waitMs(now: number, weight: number): number {
    this.#refill(now);
    const missing = weight - this.#tokens;
    return missing <= WEIGHT_EPSILON ? 0 : missing / this.#perMs;
  }

  take(now: number, weight: number): void {
    this.#refill(now);
    if (weight <= 0) return;
    this.#tokens -= weight;
    this.#log.pruneUpTo(now - this.#capacity / this.#perMs);
    this.#log.push(now, weight);
  }

  adopt(now: number, reported: number, options: AdoptOptions = {}): void {
    this.#refill(now);
    const inFlight = options.sentAt === undefined ? undefined : this.#log.sumSince(options.sentAt);
    const used = adoptedUsage(this.#capacity - this.#tokens, reported, inFlight);
    this.#tokens = Math.min(this.#capacity, Math.max(0, this.#capacity - used));
  }

  setLimit(limit: number): void {
    const used = this.#capacity - this.#tokens;
    this.#capacity = limit;
    this.#tokens = Math.min(limit, Math.max(0, limit - used));
  }

  resetInMs(now: number): number {
    this.#refill(now);
    const missing = this.#capacity - this.#tokens;
    return missing <= WEIGHT_EPSILON ? 0 : missing / this.#perMs;
  }

  #refill(now: number): void {
    const last = this.#last;
    if (now > last) {
      const tokens = this.#tokens + (now - last) * this.#perMs;
      this.#tokens = Math.min(tokens, this.#capacity);
      this.#last = now;
    } else if (Number.isNaN(last)) {
      this.#last = now; // first use: the bucket starts full
    }
  }
}
