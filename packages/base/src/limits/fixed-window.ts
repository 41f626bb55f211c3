// Fixed-window rate limiting: time is cut into windows of `intervalMs` aligned to the epoch
// (as Binance and most venues count: `floor(now / interval) * interval`), and each window admits
// `limit` units. A server report may move the alignment to the server's own window boundary.
import { type AdoptOptions, adoptedUsage, type RateWindow, WEIGHT_EPSILON } from './rate-window.js';
import { TakeLog } from './take-log.js';

/** Epoch-aligned fixed windows of `limit` units per `intervalMs`. */
export class FixedWindow implements RateWindow {
  readonly kind = 'fixedWindow' as const;
  #limit: number;
  readonly #interval: number;
  /** Window boundaries fall at `phase + k * interval`. */
  #phase = 0;
  #start = Number.NEGATIVE_INFINITY;
  #end = Number.NEGATIVE_INFINITY;
  #used = 0;
  /** Takes in the current window, for adopting reports with `sentAt`. */
  readonly #log = new TakeLog(16);

  /**
   * @param limit units admitted per window.
   * @param intervalMs the window length in ms; windows start at multiples of it since the epoch.
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

  /** Start of the current window (ms since the epoch) as of the last call. */
  windowStart(now: number): number {
    this.#roll(now);
    return this.#start;
  }

  used(now: number): number {
    this.#roll(now);
    return this.#used;
  }

  waitMs(now: number, weight: number): number {
    if (now >= this.#end) this.#roll(now);
    return this.#used + weight - this.#limit <= WEIGHT_EPSILON ? 0 : this.#end - now;
  }

  take(now: number, weight: number): void {
    if (now >= this.#end) this.#roll(now);
    if (weight <= 0) return;
    this.#used += weight;
    this.#log.push(now, weight);
  }

  adopt(now: number, reported: number, options: AdoptOptions = {}): void {
    const resetAt = options.resetAt;
    if (resetAt !== undefined && resetAt > now && resetAt <= now + this.#interval) {
      this.#phase = resetAt % this.#interval;
      this.#start = resetAt - this.#interval;
      this.#end = resetAt;
    } else {
      this.#roll(now);
    }
    const inFlight = options.sentAt === undefined ? undefined : this.#log.sumSince(options.sentAt);
    this.#used = Math.max(0, adoptedUsage(this.#used, reported, inFlight));
  }

  setLimit(limit: number): void {
    this.#limit = limit;
  }

  resetInMs(now: number): number {
    this.#roll(now);
    return this.#used > 0 ? this.#end - now : 0;
  }

  #roll(now: number): void {
    if (now < this.#end) return;
    const interval = this.#interval;
    this.#start = Math.floor((now - this.#phase) / interval) * interval + this.#phase;
    this.#end = this.#start + interval;
    this.#used = 0;
    this.#log.clear();
  }
}
