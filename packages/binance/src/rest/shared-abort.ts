// One abort listener per caller signal, however many calls share it. A trader who cancels a
// burst with one AbortSignal would otherwise get a listener per in-flight call (and Node's
// MaxListenersExceededWarning past 10). Each call links its own AbortController here; the first
// link adds the single listener, the last unlink removes it, and an abort reaches every linked
// controller.

/** The controllers following each caller signal. */
const followers = new WeakMap<AbortSignal, Set<AbortController>>();

function relay(this: AbortSignal): void {
  const linked = followers.get(this);
  if (linked === undefined) return;
  followers.delete(this);
  for (const controller of linked) controller.abort(this.reason);
}

/**
 * Makes `controller` abort (with the signal's reason) when `signal` aborts, until the returned
 * function is called. Aborts `controller` at once when `signal` already aborted.
 */
export function followAbort(signal: AbortSignal, controller: AbortController): () => void {
  if (signal.aborted) {
    controller.abort(signal.reason);
    return () => {};
  }
  let linked = followers.get(signal);
  if (linked === undefined) {
    linked = new Set();
    followers.set(signal, linked);
    signal.addEventListener('abort', relay, { once: true });
  }
  linked.add(controller);
  const set = linked;
  return () => {
    if (!set.delete(controller) || set.size > 0 || followers.get(signal) !== set) return;
    followers.delete(signal);
    signal.removeEventListener('abort', relay);
  };
}
