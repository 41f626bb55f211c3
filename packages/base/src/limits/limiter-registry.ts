// The process-wide place where venues keep the limiters their clients share: one per route (a
// REST host plus the way requests leave this machine, HttpSession's `egress`) for per-IP limits,
// one per account (a digest of its API key) for per-account limits. Entries live per clock, so a
// FakeClock in a test gets limiters of its own, released with it; ten clients of one IP created
// without a limiter of their own find the same entry and together stay within one IP's budget.
// Clients hold a lease on each entry they use and return it on close(): an entry nobody holds is
// dropped once it has nothing a newcomer must still see (its longest window has passed since its
// last use, no penalty, nothing queued), so a service that sees many API keys does not keep a
// limiter per key forever, while a client of the same account made within the window still
// finds the old entry and cannot get a fresh budget. Entries taken with `get()` are kept for good.
import { createHash } from 'node:crypto';
import type { Clock, TimerHandle } from '../clock.js';
import { RateLimiter } from './rate-limiter.js';

/** Where a client's requests go: what decides which per-IP limiter it shares. */
export interface LimitRoute {
  /** The REST origin (`https://api.bybit.com`); its host is part of the key. */
  baseUrl: string;
  /** How requests leave this machine (HttpSession's `egress`: `'direct'`, `'proxy http://host:port'`, …). */
  egress: string;
  /** The clock the windows run on (the registry keeps entries per clock). */
  clock: Clock;
}

/** The key of `route` among a venue's limiters: `"<host> <egress>"` (never credentials). */
export function limitRouteKey(route: Pick<LimitRoute, 'baseUrl' | 'egress'>): string {
  return `${new URL(route.baseUrl).host} ${route.egress}`;
}

/**
 * The tag of the account of `apiKey` in limiter keys and `state()` names: 12 hex digits of its
 * SHA-256, so per-account windows can be told apart without the key itself ever being shown.
 */
export function limitAccountTag(apiKey: string): string {
  return createHash('sha256').update(apiKey).digest('hex').slice(0, 12);
}

/** How long a limiter re-checks an entry that still has requests queued (ms). */
const BUSY_RECHECK_MS = 1000;

/**
 * Milliseconds until `limiter` holds nothing a new user must still see: every window back to
 * zero, every penalty over and nothing queued (0 = it could be replaced by a fresh one now).
 * While requests are queued it answers at least one second, to be asked again then.
 */
export function rateLimiterIdleInMs(limiter: RateLimiter): number {
  let ms = limiter.pending > 0 ? BUSY_RECHECK_MS : 0;
  const states = limiter.state();
  for (const name in states) {
    const s = states[name]!;
    if (s.used > 0 && s.resetInMs > ms) ms = s.resetInMs;
  }
  for (const p of limiter.penalties()) if (p.remainingMs > ms) ms = p.remainingMs;
  return ms;
}

/** Options of {@link LimiterRegistry}. */
export interface LimiterRegistryOptions<T> {
  /**
   * Milliseconds until `entry` holds nothing a client made later must still see (its windows
   * empty, no penalty or ban, nothing queued or in flight); 0 or less when it may be dropped now.
   * Asked when the last lease is returned, and again after that long until it answers 0.
   * Default: {@link rateLimiterIdleInMs} for a RateLimiter, 0 (drop at once) for anything else.
   */
  idleInMs?: ((entry: T) => number) | undefined;
}

/** A client's hold on a shared entry: the entry stays registered until every lease is returned. */
export interface RegistryLease<T> {
  /** The shared entry. */
  readonly entry: T;
  /** True once {@link RegistryLease.release} was called. */
  readonly released: boolean;
  /** Returns the lease (once; later calls do nothing). */
  release(): void;
}

/** One registered entry and who holds it. */
interface Holding<T> {
  readonly key: string;
  readonly entry: T;
  leases: number;
  /** Taken with `get()`: never dropped. */
  pinned: boolean;
  timer: TimerHandle | undefined;
}

class Lease<T> implements RegistryLease<T> {
  readonly entry: T;
  readonly #onRelease: () => void;
  #released = false;
  constructor(entry: T, onRelease: () => void) {
    this.entry = entry;
    this.#onRelease = onRelease;
  }
  get released(): boolean {
    return this.#released;
  }
  release(): void {
    if (this.#released) return;
    this.#released = true;
    this.#onRelease();
  }
}

/**
 * Shared entries (limiters, or a venue's bundle of windows) by clock and key. A venue keeps one
 * registry at module level and asks it for the entry of a route or account; the first caller's
 * `create` makes it, every later caller gets the same object. Clients {@link lease} entries and
 * release them on close(); a client never closed keeps its lease (close your clients).
 */
export class LimiterRegistry<T> {
  readonly #byClock = new WeakMap<Clock, Map<string, Holding<T>>>();
  /** Where each entry this registry made is (or was) registered, for {@link rejoin}. */
  readonly #homes = new WeakMap<object, { readonly clock: Clock; readonly key: string }>();
  readonly #idleInMs: (entry: T) => number;

  /** @param options how to tell when an entry nobody holds may be dropped. */
  constructor(options: LimiterRegistryOptions<T> = {}) {
    this.#idleInMs =
      options.idleInMs ?? ((entry) => (entry instanceof RateLimiter ? rateLimiterIdleInMs(entry) : 0));
  }

  /** The entry of `key` on `clock`, made with `create` on first use; kept for good (no lease to return). */
  get(clock: Clock, key: string, create: () => T): T {
    const holding = this.#holding(clock, key, create);
    holding.pinned = true;
    this.#disarm(clock, holding);
    return holding.entry;
  }

  /**
   * A lease on the entry of `key` on `clock` (made with `create` when none is registered). The
   * entry stays registered while any lease is held; once the last is returned it is dropped as
   * soon as it is idle (see {@link LimiterRegistryOptions.idleInMs}), checked on `clock`'s timers.
   */
  lease(clock: Clock, key: string, create: () => T): RegistryLease<T> {
    const holding = this.#holding(clock, key, create);
    return this.#leaseOn(clock, holding);
  }

  /**
   * A lease on `entry` if this registry made it for `clock`: on its entry as registered now, or
   * registering it again if it was dropped and its key is free. `undefined` for anything else
   * (an object of the caller's own, or one whose key now holds a newer entry).
   */
  rejoin(clock: Clock, entry: T): RegistryLease<T> | undefined {
    if (typeof entry !== 'object' || entry === null) return undefined;
    const home = this.#homes.get(entry);
    if (home === undefined || home.clock !== clock) return undefined;
    const holding = this.#holding(clock, home.key, () => entry);
    return holding.entry === entry ? this.#leaseOn(clock, holding) : undefined;
  }

  /** The entry of `key` on `clock` if one is registered. */
  peek(clock: Clock, key: string): T | undefined {
    return this.#byClock.get(clock)?.get(key)?.entry;
  }

  /** Leases held on the entry of `key` on `clock` (0 when none is registered). */
  leases(clock: Clock, key: string): number {
    return this.#byClock.get(clock)?.get(key)?.leases ?? 0;
  }

  /** How many entries are registered on `clock` (for monitoring and tests). */
  size(clock: Clock): number {
    return this.#byClock.get(clock)?.size ?? 0;
  }

  /** The keys registered on `clock`. */
  keys(clock: Clock): string[] {
    const byKey = this.#byClock.get(clock);
    return byKey === undefined ? [] : [...byKey.keys()];
  }

  /** Forgets every entry of `clock` (later callers start afresh); returns how many there were. */
  forget(clock: Clock): number {
    const byKey = this.#byClock.get(clock);
    if (byKey === undefined) return 0;
    for (const holding of byKey.values()) this.#disarm(clock, holding);
    this.#byClock.delete(clock);
    return byKey.size;
  }

  #holding(clock: Clock, key: string, create: () => T): Holding<T> {
    let byKey = this.#byClock.get(clock);
    if (byKey === undefined) this.#byClock.set(clock, (byKey = new Map()));
    let holding = byKey.get(key);
    if (holding === undefined) {
      const entry = create();
      holding = { key, entry, leases: 0, pinned: false, timer: undefined };
      byKey.set(key, holding);
      if (typeof entry === 'object' && entry !== null) this.#homes.set(entry, { clock, key });
    }
    return holding;
  }

  #leaseOn(clock: Clock, holding: Holding<T>): RegistryLease<T> {
    holding.leases++;
    this.#disarm(clock, holding);
    return new Lease(holding.entry, () => {
      holding.leases--;
      if (holding.leases === 0) this.#dropWhenIdle(clock, holding);
    });
  }

  /** Drops `holding` now if it is idle, else checks again when it says it will be. */
  #dropWhenIdle(clock: Clock, holding: Holding<T>): void {
    holding.timer = undefined;
    if (holding.leases > 0 || holding.pinned) return;
    const byKey = this.#byClock.get(clock);
    if (byKey?.get(holding.key) !== holding) return; // forgotten meanwhile
    const waitMs = this.#idleInMs(holding.entry);
    if (!(waitMs > 0)) {
      byKey.delete(holding.key);
      return;
    }
    // Not keepAlive: a registry waiting to tidy up must never hold a process open.
    holding.timer = clock.setTimeout(() => this.#dropWhenIdle(clock, holding), Math.ceil(waitMs));
  }

  #disarm(clock: Clock, holding: Holding<T>): void {
    if (holding.timer === undefined) return;
    clock.clearTimeout(holding.timer);
    holding.timer = undefined;
  }
}
