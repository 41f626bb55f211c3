// The producer side shared by every store: who is watching (change streams) and who is waiting
// (wait()). Stores ask `watched` before building change objects, so a store nobody watches
// allocates nothing for change events; `notify()` costs one field read when nobody waits.
import { ChangeStream, type ChangeSink, type StoreWatchOptions } from './change-stream.js';

/**
 * Fan-out of changes to watchers and wake-ups to waiters. Exported for authors of custom stores
 * that want the same `wait()` / `watch()` behaviour as DataStore.
 */
export class ChangeHub<C> {
  #sinks: ChangeSink<C>[] = [];
  #wake: (() => void) | undefined;
  #next: Promise<void> | undefined;

  /** True when at least one watcher is attached; build change objects only then. */
  get watched(): boolean {
    return this.#sinks.length > 0;
  }

  /** Number of attached watchers. */
  get watchers(): number {
    return this.#sinks.length;
  }

  /** Hands `change` to every watcher, synchronously. */
  emit(change: C): void {
    const sinks = this.#sinks;
    if (sinks.length === 1) sinks[0]!(change);
    else for (const sink of sinks) sink(change);
  }

  /** Wakes everything waiting in {@link wait}. Call once per mutation batch. */
  notify(): void {
    const wake = this.#wake;
    if (wake === undefined) return;
    this.#wake = undefined;
    this.#next = undefined;
    wake();
  }

  /**
   * Resolves at the next {@link notify}. With a `signal`, rejects with the signal's reason when it
   * aborts first (and leaves no listener behind either way).
   */
  wait(signal?: AbortSignal): Promise<void> {
    if (signal?.aborted) return Promise.reject(signal.reason);
    if (this.#next === undefined) {
      this.#next = new Promise<void>((resolve) => {
        this.#wake = resolve;
      });
    }
    const next = this.#next;
    if (signal === undefined) return next;
    return new Promise<void>((resolve, reject) => {
      const onAbort = (): void => reject(signal.reason);
      signal.addEventListener('abort', onAbort, { once: true });
      void next.then(() => {
        signal.removeEventListener('abort', onAbort);
        resolve();
      });
    });
  }

  /** Opens a change stream that sees every change emitted from now on. */
  watch(options?: StoreWatchOptions): ChangeStream<C> {
    return new ChangeStream<C>((sink) => {
      this.#sinks = [...this.#sinks, sink];
      return () => {
        this.#sinks = this.#sinks.filter((s) => s !== sink);
      };
    }, options);
  }
}
