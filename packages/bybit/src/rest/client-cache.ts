// BybitClientCache: one BybitHttpClient per set of parameters (credentials and environment),
// reused for a lifetime (default 10 minutes, counted from creation), expired lazily on every
// access and optionally by a background sweep. A client leaving the cache is NOT closed: a service
// may still hold it (the seed's `async with` / `await using` pattern closes it when its holder is
// done), and a client its holder closed is a miss, so the next getOrCreate builds a fresh one.
// An unclosed client that nobody holds frees its idle connections by itself. Built on base's
// ClientCache, which keys by a hash (no secret is stored as a key or printed). The static methods
// use one process-wide cache, as the aiobybit seed's class-level API does; `new BybitClientCache()`
// makes an independent one (tests, or a cache per subsystem).
import { type Clock, ClientCache, type Logger, type PeriodicTaskHandle, sessionEgress } from '@venuekit/base';
import { BybitHttpClient } from './http-client.js';
import type { BybitHttpClientOptions } from './http-client-options.js';

/** What identifies a cached client: the options it is created with. */
export type BybitClientParams = BybitHttpClientOptions;

/** Options of `new BybitClientCache(...)`. */
export interface BybitClientCacheOptions {
  /** Lifetime of a cached client in seconds (default 600 = 10 minutes). */
  lifetimeSeconds?: number;
  /** Time source (default: the system clock); tests pass a FakeClock. */
  clock?: Clock;
  /** Where failures of the cleanup task are reported. */
  logger?: Logger;
  /** Builds a client (default `new BybitHttpClient(params)`). */
  create?: (params: BybitClientParams) => BybitHttpClient;
}

/**
 * The parameters that make two clients different: credentials, environment and the route out of
 * this machine (a proxy or local address in `sessionOptions`: clients on different routes have
 * different IP budgets). Objects such as a session or clock are not compared.
 */
function keyOf(p: BybitClientParams): unknown {
  return [
    p.apiKey ?? '',
    p.apiSecret ?? '',
    p.testnet === true,
    p.demo === true,
    p.recvWindow ?? 5000,
    p.baseUrl ?? '',
    p.referralId ?? '',
    p.timeoutMs ?? 0,
    sessionEgress(p.sessionOptions),
  ];
}

/** A cache of Bybit clients by parameters. */
export class BybitClientCache {
  readonly #cache: ClientCache<BybitClientParams, BybitHttpClient>;

  constructor(options: BybitClientCacheOptions = {}) {
    const create = options.create ?? ((params: BybitClientParams) => new BybitHttpClient(params));
    this.#cache = new ClientCache({
      create,
      keyOf,
      lifetimeMs: (options.lifetimeSeconds ?? 600) * 1000,
      // Expiry and removal only stop handing a client out; closing it is its holder's business.
      isClosed: (client) => client.closed,
      clock: options.clock,
      logger: options.logger,
    });
  }

  /** The live, unclosed client for `params`, or a new one (cached from now on). */
  getOrCreate(params: BybitClientParams): BybitHttpClient {
    return this.#cache.getOrCreate(params);
  }
  /** The live client for `params`, or `undefined` (an expired or closed one is removed). */
  get(params: BybitClientParams): BybitHttpClient | undefined {
    return this.#cache.get(params);
  }
  /** Changes the lifetime (for clients already cached too). */
  configure(options: { lifetimeSeconds: number }): void {
    this.#cache.configure({ lifetimeMs: options.lifetimeSeconds * 1000 });
  }
  /** Current lifetime in seconds. */
  get lifetimeSeconds(): number {
    return this.#cache.lifetimeMs / 1000;
  }
  /** Removes every expired client (holders may keep using theirs); returns how many. */
  cleanupExpired(): number {
    return this.#cache.cleanupExpired();
  }
  /**
   * Runs cleanupExpired() every `intervalSeconds` (default 60) until the handle is disposed
   * (`using task = cache.createCleanupTask(...)`, or `task.stop()`); never keeps the process alive.
   */
  createCleanupTask(
    options: { intervalSeconds?: number; onCleanup?: (removed: number) => void } = {},
  ): PeriodicTaskHandle {
    return this.#cache.createCleanupTask({
      intervalMs: (options.intervalSeconds ?? 60) * 1000,
      onCleanup: options.onCleanup,
    });
  }
  /** Clients held (expired ones not yet removed included). */
  get size(): number {
    return this.#cache.size;
  }
  /** Removes every client from the cache (it does not close them: their holders do). */
  clear(): void {
    this.#cache.clear();
  }

  // The process-wide cache behind the static API (the seed's class-level methods).
  static #shared: BybitClientCache | undefined;
  /** The process-wide cache the static methods use. */
  static get shared(): BybitClientCache {
    BybitClientCache.#shared ??= new BybitClientCache();
    return BybitClientCache.#shared;
  }
  /** `BybitClientCache.shared.getOrCreate(params)`. */
  static getOrCreate(params: BybitClientParams): BybitHttpClient {
    return BybitClientCache.shared.getOrCreate(params);
  }
  /** `BybitClientCache.shared.get(params)`. */
  static get(params: BybitClientParams): BybitHttpClient | undefined {
    return BybitClientCache.shared.get(params);
  }
  /** `BybitClientCache.shared.configure(options)`. */
  static configure(options: { lifetimeSeconds: number }): void {
    BybitClientCache.shared.configure(options);
  }
  /** `BybitClientCache.shared.cleanupExpired()`. */
  static cleanupExpired(): number {
    return BybitClientCache.shared.cleanupExpired();
  }
  /** `BybitClientCache.shared.createCleanupTask(options)`. */
  static createCleanupTask(options?: {
    intervalSeconds?: number;
    onCleanup?: (removed: number) => void;
  }): PeriodicTaskHandle {
    return BybitClientCache.shared.createCleanupTask(options);
  }
  /** `BybitClientCache.shared.size`. */
  static size(): number {
    return BybitClientCache.shared.size;
  }
  /** `BybitClientCache.shared.clear()`. */
  static clear(): void {
    BybitClientCache.shared.clear();
  }
}
