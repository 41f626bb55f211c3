// Event-driven waits on a count ("3 connections open", "60 subscriptions"): callers are resolved
// from the code that changes the count, never by polling; each wait has a timeout that names
// what was awaited, so a stuck test says why.

interface Waiter {
  target: number;
  resolve(): void;
  reject(error: Error): void;
  timer: NodeJS.Timeout;
}

/** Waiters on one number, re-checked whenever the owner calls {@link CountWaiters.notify}. */
export class CountWaiters {
  readonly #read: () => number;
  readonly #label: string;
  #waiters: Waiter[] = [];

  /** @param label names the count in timeout errors, e.g. `'open connections'`. */
  constructor(label: string, read: () => number) {
    this.#label = label;
    this.#read = read;
  }

  /** Resolves when the count is at least `target`; rejects after `timeoutMs` real milliseconds. */
  waitFor(target: number, timeoutMs: number): Promise<void> {
    if (this.#read() >= target) return Promise.resolve();
    return new Promise<void>((resolve, reject) => {
      const waiter: Waiter = {
        target,
        resolve,
        reject,
        timer: setTimeout(() => {
          this.#waiters = this.#waiters.filter((w) => w !== waiter);
          reject(
            new Error(
              `timed out after ${timeoutMs} ms waiting for ${target} ${this.#label}; have ${this.#read()}`,
            ),
          );
        }, timeoutMs),
      };
      this.#waiters.push(waiter);
    });
  }

  /** Re-checks the count and resolves the waiters it satisfies. */
  notify(): void {
    if (this.#waiters.length === 0) return;
    const count = this.#read();
    const still: Waiter[] = [];
    for (const waiter of this.#waiters) {
      if (count >= waiter.target) {
        clearTimeout(waiter.timer);
        waiter.resolve();
      } else {
        still.push(waiter);
      }
    }
    this.#waiters = still;
  }

  /** Rejects every pending wait (the owner is closing). */
  cancelAll(reason: string): void {
    const waiters = this.#waiters;
    this.#waiters = [];
    for (const waiter of waiters) {
      clearTimeout(waiter.timer);
      waiter.reject(new Error(`stopped waiting for ${waiter.target} ${this.#label}: ${reason}`));
    }
  }
}
