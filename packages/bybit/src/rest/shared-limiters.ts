// The process-wide registry of Bybit limiters, one per route: the REST host and the way requests
// leave this machine (the session's egress: direct, from a local address, or through a proxy).
// Bybit counts 600 requests per 5 s per IP, so every client created without a `limiter` option
// takes the limiter of its route from here: ten clients on one IP together stay within one IP's
// budget, while testnet and production, or two proxies, each have their own. The per-UID windows
// live in the same limiter, one set per account (requests carry an account tag, see
// rate-limit-rules.ts), so a request takes from its IP window and its account's window at the
// same moment, all or nothing, in one FIFO queue for the route. Each account also has a gate of
// its own (its per-UID windows only, shared by the clients of that key on every route; see
// account-gate.ts) so that waiting for its windows never holds up other accounts. Limiters are
// kept per clock (a FakeClock in a test gets its own, released with it). A client leases the
// entries it uses and returns them on close(): an entry nobody holds is dropped once its windows
// are empty, so a client of the same account made within the window still shares the old one.
import {
  type Clock,
  LimiterRegistry,
  type LimitRoute,
  limitRouteKey,
  RateLimiter,
  type RateLimitRule,
  type RegistryLease,
} from '@venuekit/base';
import { AccountGate, bybitAccountRules } from './account-gate.js';
import { bybitAccountTag, defaultBybitRateLimitRules } from './rate-limit-rules.js';

/** Where a client's requests go: what decides which limiter it shares (base's LimitRoute). */
export type BybitLimitRoute = LimitRoute;

const limiters = new LimiterRegistry<RateLimiter>();

/** The registry key of `route`: host and egress (base's limitRouteKey). */
export function bybitRouteKey(route: Pick<BybitLimitRoute, 'baseUrl' | 'egress'>): string {
  return limitRouteKey(route);
}

function routeKey(route: BybitLimitRoute): string {
  return `route ${bybitRouteKey(route)}`;
}

function accountKey(baseUrl: string, accountTag: string): string {
  return `account ${new URL(baseUrl).host} ${accountTag}`;
}

function make(clock: Clock, rules: () => RateLimitRule[]): () => RateLimiter {
  return () => new RateLimiter(rules(), { clock });
}

/**
 * The limiter, with Bybit's default rules, of every client on `route` in this process (created
 * on first use). Clients that pass their own `limiter` do not use it.
 */
export function sharedBybitLimiter(route: BybitLimitRoute): RateLimiter {
  // Whoever asks outside a client may keep it anywhere: kept for good, as before leases.
  return limiters.get(route.clock, routeKey(route), make(route.clock, defaultBybitRateLimitRules));
}

/**
 * A lease on the limiter of `route` (what {@link sharedBybitLimiter} returns): the client's hold,
 * returned on close() so the limiter can be dropped once no client uses it and its windows are empty.
 */
export function leaseBybitLimiter(route: BybitLimitRoute): RegistryLease<RateLimiter> {
  return limiters.lease(route.clock, routeKey(route), make(route.clock, defaultBybitRateLimitRules));
}

/**
 * A lease on `limiter` when it is a shared Bybit limiter of `clock` (another client's `limiter`
 * passed as an option): it then stays registered while this client uses it. `undefined` otherwise.
 */
export function rejoinBybitLimiter(
  limiter: RateLimiter,
  clock: Clock,
): RegistryLease<RateLimiter> | undefined {
  return limiters.rejoin(clock, limiter);
}

/** The gate of the account tagged `accountTag` on `baseUrl`'s host (shared by the clients of that key). */
export function sharedBybitAccountGate(baseUrl: string, accountTag: string, clock: Clock): AccountGate {
  return new AccountGate(
    limiters.get(clock, accountKey(baseUrl, accountTag), make(clock, bybitAccountRules)),
    clock,
  );
}

/** A gate on the leased account limiter of `accountTag` (see {@link sharedBybitAccountGate}); return the lease on close(). */
export function leaseBybitAccountGate(
  baseUrl: string,
  accountTag: string,
  clock: Clock,
): { gate: AccountGate; lease: RegistryLease<RateLimiter> } {
  const lease = limiters.lease(clock, accountKey(baseUrl, accountTag), make(clock, bybitAccountRules));
  return { gate: new AccountGate(lease.entry, clock), lease };
}

/** What one client's limits are made of, and the leases it returns on close(). */
export interface BybitClientLimits {
  /** Every request acquires from it. */
  limiter: RateLimiter;
  /** The account's tag in limiter keys (no explicit limiter and credentials given), else undefined. */
  accountTag: string | undefined;
  /** The account's gate (with {@link accountTag}). */
  gate: AccountGate | undefined;
  /** Return each on close() (or when the client could not be made). */
  leases: RegistryLease<RateLimiter>[];
}

/**
 * The limits of one client on `route`: the `limiter` it was given (leased when it is a shared one)
 * or the route's shared limiter (leased), and — with an API key and no limiter of its own — its
 * account's tag and gate.
 */
export function leaseClientLimits(
  route: BybitLimitRoute,
  limiter: RateLimiter | undefined,
  apiKey: string | undefined,
): BybitClientLimits {
  const leases: RegistryLease<RateLimiter>[] = [];
  const routeLease =
    limiter === undefined ? leaseBybitLimiter(route) : rejoinBybitLimiter(limiter, route.clock);
  if (routeLease !== undefined) leases.push(routeLease);
  const accountTag = limiter === undefined && apiKey !== undefined ? bybitAccountTag(apiKey) : undefined;
  let gate: AccountGate | undefined;
  if (accountTag !== undefined) {
    const account = leaseBybitAccountGate(route.baseUrl, accountTag, route.clock);
    leases.push(account.lease);
    gate = account.gate;
  }
  return { limiter: limiter ?? routeLease!.entry, accountTag, gate, leases };
}

/** How many shared Bybit limiters `clock` has now: per route and per account (for monitoring and tests). */
export function sharedBybitLimiterCount(clock: Clock): { routes: number; accounts: number } {
  let routes = 0;
  for (const key of limiters.keys(clock)) if (key.startsWith('route ')) routes++;
  return { routes, accounts: limiters.size(clock) - routes };
}
