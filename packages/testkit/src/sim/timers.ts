// Real-time delays owned by a simulator (HTTP latency, slow endpoints, delayed acks), tracked so
// that closing the simulator cancels every one of them and leaves no timer behind.

/** A set of pending timers that can all be cancelled at once. */
export class SimTimers {
  readonly #pending = new Map<NodeJS.Timeout, () => void>();
  #closed = false;

  /** Runs `fn` after `ms` real milliseconds unless {@link cancelAll} runs first. */
  after(ms: number, fn: () => void): void {
    if (this.#closed) return;
    const timer = setTimeout(
      () => {
        this.#pending.delete(timer);
        fn();
      },
      Math.max(0, ms),
    );
    this.#pending.set(timer, noop);
  }

  /** Resolves `true` after `ms` real milliseconds, or `false` at once if the timers are cancelled first. */
  delay(ms: number): Promise<boolean> {
    if (this.#closed) return Promise.resolve(false);
    return new Promise<boolean>((resolve) => {
      const timer = setTimeout(
        () => {
          this.#pending.delete(timer);
          resolve(true);
        },
        Math.max(0, ms),
      );
      this.#pending.set(timer, () => resolve(false));
    });
  }

  /** Number of timers still pending. */
  get size(): number {
    return this.#pending.size;
  }

  /** Cancels every pending timer (pending delays resolve `false`) and refuses new ones. */
  cancelAll(): void {
    this.#closed = true;
    for (const [timer, onCancel] of this.#pending) {
      clearTimeout(timer);
      onCancel();
    }
    this.#pending.clear();
  }
}

function noop(): void {}
