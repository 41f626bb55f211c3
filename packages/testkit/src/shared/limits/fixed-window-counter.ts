// A calendar-aligned fixed-window counter (a 1 MINUTE window resets at :00, 10 SECOND at :00,
// :10, …, 1 DAY at 00:00 UTC): how a venue that resets its limits on the clock counts requests,
// weight or orders (Binance's request weight and order counts, message rates per second).

/** Count within the current aligned window of `windowMs`. */
export class FixedWindowCounter {
  readonly windowMs: number;
  #start = Number.NEGATIVE_INFINITY;
  #count = 0;

  /** Creates a counter with windows of `windowMs`. */
  constructor(windowMs: number) {
    this.windowMs = windowMs;
  }

  /** The count in the window containing `now`. */
  value(now: number): number {
    this.#roll(now);
    return this.#count;
  }

  /** Adds `n` in the window containing `now`; returns the new count. */
  add(now: number, n: number): number {
    this.#roll(now);
    this.#count += n;
    return this.#count;
  }

  /** Epoch ms when the window containing `now` ends. */
  resetsAt(now: number): number {
    return Math.floor(now / this.windowMs) * this.windowMs + this.windowMs;
  }

  /** Clears the count. */
  clear(): void {
    this.#count = 0;
    this.#start = Number.NEGATIVE_INFINITY;
  }

  #roll(now: number): void {
    const start = Math.floor(now / this.windowMs) * this.windowMs;
    if (start !== this.#start) {
      this.#start = start;
      this.#count = 0;
    }
  }
}
