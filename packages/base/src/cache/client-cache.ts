// ClientCache: get-or-create API clients by their parameters (key, secret, environment, …), so
// code that asks for "the client for these credentials" gets the same instance until it is
// `lifetimeMs` old. Keys are SHA-256 hashes of the canonical parameters: nothing printable in
// the cache shows a secret. Expiry is checked on every access (and by `cleanupExpired()` or a
// cleanup task); evicted clients can be closed through `onEvict`. A client its holder closed
// (`isClosed`) counts as a miss: the next `getOrCreate` builds a fresh one.
import { inspect } from 'node:util';
import { type Clock, systemClock } from '../clock.js';
import { ValidationError } from '../errors.js';
import { defaultLogger, type Logger } from '../log.js';
import { type PeriodicTaskHandle, startPeriodicTask } from './periodic-task.js';
import { hashedKey } from './stable-key.js';

/** Options of {@link ClientCache}. */
export interface ClientCacheOptions<P, C> {
  /**
   * Builds a client for `params` (called by `getOrCreate` on a miss). It may return a promise;
   * a promise that rejects is dropped from the cache, so the next call tries again.
   */
  create: (params: P) => C;
  /** How long a client is reused after it was created, in ms (default 600,000 = 10 min). */
  lifetimeMs?: number | undefined;
  /** Called with each client that leaves the cache (expired, replaced, deleted, cleared), e.g. to close it. */
  onEvict?: ((client: C) => void | Promise<void>) | undefined;
  /**
   * True when `client` can no longer be used (its holder closed it). Such a client is a miss: it
   * is dropped (without `onEvict`) and `getOrCreate` builds a new one. Default: never closed.
   */
  isClosed?: ((client: C) => boolean) | undefined;
  /** What identifies a client (default: all of `params`). Hashed before use as a key. */
  keyOf?: ((params: P) => unknown) | undefined;
  /** Time source (default: the system clock). */
  clock?: Clock | undefined;
  /** Where failures of `onEvict` and of the cleanup task are reported (default: console). */
  logger?: Logger | undefined;
}

/** Options of {@link ClientCache.createCleanupTask}. */
export interface CleanupTaskOptions {
  /** How often to remove expired clients, in ms (default 60,000). */
  intervalMs?: number | undefined;
  /** Called after each run with the number removed. */
  onCleanup?: ((removed: number) => void) | undefined;
}

interface Slot<C> {
  readonly client: C;
  readonly createdAt: number;
}

function isThenable(value: unknown): value is PromiseLike<unknown> {
  return (
    value !== null &&
    (typeof value === 'object' || typeof value === 'function') &&
    typeof (value as PromiseLike<unknown>).then === 'function'
  );
}

function checkLifetime(lifetimeMs: number): void {
  if (!(lifetimeMs > 0))
    throw new ValidationError(
      `ClientCache lifetimeMs must be a number of milliseconds > 0, got ${lifetimeMs}`,
    );
}

/** A cache of clients keyed by (hashed) parameters, each reused for `lifetimeMs` after creation. */
export class ClientCache<P, C> {
  readonly #slots = new Map<string, Slot<C>>();
  readonly #create: (params: P) => C;
  readonly #onEvict: ((client: C) => void | Promise<void>) | undefined;
  readonly #keyOf: (params: P) => unknown;
  readonly #isClosed: ((client: C) => boolean) | undefined;
  readonly #clock: Clock;
  readonly #logger: Logger;
  #lifetime: number;

  constructor(options: ClientCacheOptions<P, C>) {
    if (typeof options?.create !== 'function')
      throw new ValidationError('ClientCache options.create must be a function (params) => client');
    this.#create = options.create;
    this.#lifetime = options.lifetimeMs ?? 600_000;
    checkLifetime(this.#lifetime);
    this.#onEvict = options.onEvict;
    this.#keyOf = options.keyOf ?? ((params) => params);
    this.#isClosed = options.isClosed;
    this.#clock = options.clock ?? systemClock;
    this.#logger = options.logger ?? defaultLogger;
  }

  /** Changes the lifetime; it applies to clients already cached too (measured from their creation). */
  configure(options: { lifetimeMs?: number | undefined }): void {
    if (options.lifetimeMs !== undefined) {
      checkLifetime(options.lifetimeMs);
      this.#lifetime = options.lifetimeMs;
    }
  }

  /** The current lifetime in ms. */
  get lifetimeMs(): number {
    return this.#lifetime;
  }

  /** The live client for `params`, or `undefined` (an expired one is evicted, a closed one dropped, on the way). */
  get(params: P): C | undefined {
    return this.#live(hashedKey(this.#keyOf(params)))?.client;
  }

  /** The live client for `params`, creating (and caching) one if there is none. */
  getOrCreate(params: P): C {
    const key = hashedKey(this.#keyOf(params));
    const slot = this.#live(key);
    if (slot !== undefined) return slot.client;
    const client = this.#create(params); // if it throws, nothing is cached
    const created: Slot<C> = { client, createdAt: this.#clock.now() };
    this.#slots.set(key, created);
    if (isThenable(client)) {
      // An async factory: a client that failed to come up is not kept.
      client.then(undefined, () => {
        if (this.#slots.get(key) === created) this.#slots.delete(key);
      });
    }
    return client;
  }

  /** Caches `client` for `params` (its lifetime starts now), evicting a different client held for them. */
  set(params: P, client: C): void {
    const key = hashedKey(this.#keyOf(params));
    const old = this.#slots.get(key);
    this.#slots.set(key, { client, createdAt: this.#clock.now() });
    if (old !== undefined && old.client !== client) this.#evict(old.client);
  }

  /** Removes (and evicts) the client for `params`; true if there was one. */
  delete(params: P): boolean {
    const key = hashedKey(this.#keyOf(params));
    const slot = this.#slots.get(key);
    if (slot === undefined) return false;
    this.#slots.delete(key);
    this.#evict(slot.client);
    return true;
  }

  /** Removes every expired client; returns how many. */
  cleanupExpired(): number {
    const now = this.#clock.now();
    let removed = 0;
    for (const [key, slot] of this.#slots) {
      if (slot.createdAt + this.#lifetime <= now) {
        this.#slots.delete(key);
        this.#evict(slot.client);
        removed++;
      }
    }
    return removed;
  }

  /**
   * Runs {@link ClientCache.cleanupExpired} every `intervalMs` until the returned handle is
   * stopped or disposed. It does not keep the process alive.
   */
  createCleanupTask(options: CleanupTaskOptions = {}): PeriodicTaskHandle {
    const onCleanup = options.onCleanup;
    return startPeriodicTask(
      this.#clock,
      options.intervalMs ?? 60_000,
      () => {
        const removed = this.cleanupExpired();
        onCleanup?.(removed);
      },
      (error) => this.#logger.error('ClientCache cleanup task failed', { error }),
      'ClientCache.createCleanupTask intervalMs',
    );
  }

  /** Clients held, including expired ones not yet removed. */
  get size(): number {
    return this.#slots.size;
  }

  /** Removes (and evicts) every client. */
  clear(): void {
    const slots = [...this.#slots.values()];
    this.#slots.clear();
    for (const slot of slots) this.#evict(slot.client);
  }

  /** Same as {@link ClientCache.clear}. */
  [Symbol.dispose](): void {
    this.clear();
  }

  /** Shows the size and lifetime only: never keys, parameters or clients. */
  [inspect.custom](): string {
    return `ClientCache { size: ${this.#slots.size}, lifetimeMs: ${this.#lifetime} }`;
  }

  /** Same as `inspect`: nothing about the parameters. */
  toJSON(): Record<string, number> {
    return { size: this.#slots.size, lifetimeMs: this.#lifetime };
  }

  #live(key: string): Slot<C> | undefined {
    const slot = this.#slots.get(key);
    if (slot === undefined) return undefined;
    if (this.#isClosed?.(slot.client) === true) {
      // Its holder closed it: nothing left to close, and handing it out would only fail.
      this.#slots.delete(key);
      return undefined;
    }
    if (slot.createdAt + this.#lifetime > this.#clock.now()) return slot;
    this.#slots.delete(key);
    this.#evict(slot.client);
    return undefined;
  }

  #evict(client: C): void {
    const onEvict = this.#onEvict;
    if (onEvict === undefined) return;
    const report = (error: unknown): void => this.#logger.warn('ClientCache onEvict failed', { error });
    try {
      const result = onEvict(client);
      if (isThenable(result)) result.then(undefined, report);
    } catch (error) {
      report(error);
    }
  }
}
