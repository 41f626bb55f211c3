// The process-wide place where venues keep the limiters their clients share: one per route (a
// REST host plus the way requests leave this machine, HttpSession's `egress`) for per-IP limits,
// one per account (a digest of its API key) for per-account limits. Entries live per clock, so a
// FakeClock in a test gets limiters of its own, released with it; ten clients of one IP created
// without a limiter of their own find the same entry and together stay within one IP's budget.
import { createHash } from 'node:crypto';
import type { Clock } from '../clock.js';

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

/**
 * Shared entries (limiters, or a venue's bundle of windows) by clock and key. A venue keeps one
 * registry at module level and asks it for the entry of a route or account; the first caller's
 * `create` makes it, every later caller gets the same object.
 */
export class LimiterRegistry<T> {
  readonly #byClock = new WeakMap<Clock, Map<string, T>>();

  /** The entry of `key` on `clock`, made with `create` on first use. */
  get(clock: Clock, key: string, create: () => T): T {
    let byKey = this.#byClock.get(clock);
    if (byKey === undefined) this.#byClock.set(clock, (byKey = new Map()));
    let entry = byKey.get(key);
    if (entry === undefined) byKey.set(key, (entry = create()));
    return entry;
  }

  /** The entry of `key` on `clock` if one was made. */
  peek(clock: Clock, key: string): T | undefined {
    return this.#byClock.get(clock)?.get(key);
  }

  /** Forgets every entry of `clock` (later callers start afresh); returns how many there were. */
  forget(clock: Clock): number {
    const n = this.#byClock.get(clock)?.size ?? 0;
    this.#byClock.delete(clock);
    return n;
  }
}
