// One abort listener per signal, however many calls follow it. A trader who cancels a burst of
// requests with one AbortSignal would otherwise add a listener per in-flight call (and get Node's
// MaxListenersExceededWarning past 10). Each call registers a callback here; the first adds the
// single listener, the last removal takes it off, and an abort runs every registered callback.

/** The callbacks following each signal. */
const followers = new WeakMap<AbortSignal, Set<(reason: unknown) => void>>();

function relay(this: AbortSignal): void {
  const linked = followers.get(this);
  if (linked === undefined) return;
  followers.delete(this);
  for (const callback of linked) callback(this.reason);
}

/**
 * Runs `callback(signal.reason)` when `signal` aborts, until the returned function is called.
 * Runs it at once when the signal has already aborted. Many followers of one signal share one
 * listener on it.
 */
export function onAbort(signal: AbortSignal, callback: (reason: unknown) => void): () => void {
  if (signal.aborted) {
    callback(signal.reason);
    return () => {};
  }
  let linked = followers.get(signal);
  if (linked === undefined) {
    linked = new Set();
    followers.set(signal, linked);
    signal.addEventListener('abort', relay, { once: true });
  }
  const set = linked;
  set.add(callback);
  return () => {
    if (!set.delete(callback) || set.size > 0 || followers.get(signal) !== set) return;
    followers.delete(signal);
    signal.removeEventListener('abort', relay);
  };
}

/**
 * Makes `controller` abort (with the signal's reason) when `signal` aborts, until the returned
 * function is called. Aborts `controller` at once when `signal` already aborted.
 */
export function followAbort(signal: AbortSignal, controller: AbortController): () => void {
  return onAbort(signal, (reason) => controller.abort(reason));
}
