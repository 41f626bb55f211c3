// A promise with its resolve/reject exposed (Promise.withResolvers arrives only in Node 22).

/** A promise plus the functions that settle it. */
export interface Deferred<T> {
  readonly promise: Promise<T>;
  resolve(value: T): void;
  reject(reason: unknown): void;
}

/**
 * Creates a {@link Deferred}. With `handled`, a rejection nobody awaits is not reported as an
 * unhandled rejection (for promises the caller may or may not read, like `app.ready`).
 */
export function deferred<T>(handled = false): Deferred<T> {
  let resolve!: (value: T) => void;
  let reject!: (reason: unknown) => void;
  const promise = new Promise<T>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  if (handled) promise.catch(() => {});
  return { promise, resolve, reject };
}
