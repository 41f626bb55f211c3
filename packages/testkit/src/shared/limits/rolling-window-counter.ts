// A rolling (sliding-log) window counter: how a venue that limits "N per last T" counts events
// (Bybit's per-UID endpoint limits over a rolling second, its per-IP limit over five seconds).

/** Events within the last `windowMs` of simulator time. */
export class RollingWindowCounter {
  readonly windowMs: number;
  #times: number[] = [];
  #head = 0;

  /** Creates a window of `windowMs`. */
  constructor(windowMs: number) {
    this.windowMs = windowMs;
  }

  /** Events within (now - windowMs, now]. */
  count(now: number): number {
    this.#evict(now);
    return this.#times.length - this.#head;
  }

  /** Records one event at `now`. */
  add(now: number): void {
    this.#evict(now);
    this.#times.push(now);
  }

  /** When the oldest counted event leaves the window (`now` when the window is empty). */
  resetsAt(now: number): number {
    this.#evict(now);
    const oldest = this.#times[this.#head];
    return oldest === undefined ? now : oldest + this.windowMs;
  }

  /** Forgets every event. */
  clear(): void {
    this.#times = [];
    this.#head = 0;
  }

  #evict(now: number): void {
    const times = this.#times;
    while (this.#head < times.length && times[this.#head]! <= now - this.windowMs) this.#head++;
    if (this.#head > 1024 && this.#head * 2 > times.length) {
      this.#times = times.slice(this.#head);
      this.#head = 0;
    }
  }
}
