// cached(fn): memoises an async (or sync) function in a TtlCache by its arguments. Concurrent
// calls with the same key share one in-flight call; a rejection is handed to every caller that
// shared it and is never cached, so the next call tries again.
import type { Clock } from '../clock.js';
import { stableStringify } from './stable-key.js';
import { TtlCache } from './ttl-cache.js';

/** Options of {@link cached}. */
export interface CachedOptions<A extends unknown[], R, K> {
  /** How long a result stays cached, in ms (default: the cache's TTL, or forever). */
  ttlMs?: number | undefined;
  /** Cache key from the arguments (default: canonical JSON of the argument list). */
  key?: ((...args: A) => K) | undefined;
  /** Cache to store results in (default: a new TtlCache with `ttlMs`, `maxSize` and `clock`). */
  cache?: TtlCache<K, R> | undefined;
  /** Most results kept when `cached` creates the cache (LRU beyond). */
  maxSize?: number | undefined;
  /** Time source when `cached` creates the cache. */
  clock?: Clock | undefined;
}

/** A memoised function, with its cache and ways to forget. */
export interface CachedFunction<A extends unknown[], R, K = string> {
  (...args: A): Promise<R>;
  /** The cache holding the results. */
  readonly cache: TtlCache<K, R>;
  /** Forgets every result and in-flight call (a call already running will not be cached). */
  clear(): void;
  /** Forgets the result (and in-flight call) for these arguments; true if a result was cached. */
  delete(...args: A): boolean;
}

const MISSING: unique symbol = Symbol('missing');

/**
 * Memoises `fn`: the first call for a key runs it, concurrent calls for the same key share that
 * run, and its result is served from the cache for `ttlMs`. A rejected run is not cached.
 */
export function cached<A extends unknown[], R, K = string>(
  fn: (...args: A) => R | Promise<R>,
  options: CachedOptions<A, R, K> = {},
): CachedFunction<A, Awaited<R>, K> {
  type V = Awaited<R>;
  const cache =
    (options.cache as TtlCache<K, V> | undefined) ??
    new TtlCache<K, V>({ ttlMs: options.ttlMs, maxSize: options.maxSize, clock: options.clock });
  const ttlMs = options.cache !== undefined ? options.ttlMs : undefined;
  const keyOf = options.key ?? ((...args: A) => stableStringify(args) as K);
  const inFlight = new Map<K, Promise<V>>();

  const memoised = ((...args: A): Promise<V> => {
    const key = keyOf(...args);
    const hit = cache.getOr(key, MISSING);
    if (hit !== MISSING) return Promise.resolve(hit);
    const running = inFlight.get(key);
    if (running !== undefined) return running;
    const call = new Promise<V>((resolve) => resolve(fn(...args) as V | Promise<V>));
    inFlight.set(key, call);
    call.then(
      (value) => {
        if (inFlight.get(key) !== call) return; // cleared or deleted meanwhile: stale
        inFlight.delete(key);
        cache.set(key, value, ttlMs);
      },
      () => {
        if (inFlight.get(key) === call) inFlight.delete(key);
      },
    );
    return call;
  }) as CachedFunction<A, V, K>;

  Object.defineProperties(memoised, {
    cache: { value: cache, enumerable: true },
    clear: {
      value: (): void => {
        inFlight.clear();
        cache.clear();
      },
    },
    delete: {
      value: (...args: A): boolean => {
        const key = keyOf(...args);
        inFlight.delete(key);
        return cache.delete(key);
      },
    },
  });
  return memoised;
}
