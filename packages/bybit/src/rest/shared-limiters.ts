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
// kept per clock (a FakeClock in a test gets its own, released with it).
import {
  type Clock,
  LimiterRegistry,
  type LimitRoute,
  limitRouteKey,
  RateLimiter,
  type RateLimitRule,
} from '@venuekit/base';
import { AccountGate, bybitAccountRules } from './account-gate.js';
import { defaultBybitRateLimitRules } from './rate-limit-rules.js';

/** Where a client's requests go: what decides which limiter it shares (base's LimitRoute). */
export type BybitLimitRoute = LimitRoute;

const limiters = new LimiterRegistry<RateLimiter>();

/** The registry key of `route`: host and egress (base's limitRouteKey). */
export function bybitRouteKey(route: Pick<BybitLimitRoute, 'baseUrl' | 'egress'>): string {
  return limitRouteKey(route);
}

function registered(clock: Clock, key: string, rules: () => RateLimitRule[]): RateLimiter {
  return limiters.get(clock, key, () => new RateLimiter(rules(), { clock }));
}

/**
 * The limiter, with Bybit's default rules, of every client on `route` in this process (created
 * on first use). Clients that pass their own `limiter` do not use it.
 */
export function sharedBybitLimiter(route: BybitLimitRoute): RateLimiter {
  return registered(route.clock, `route ${bybitRouteKey(route)}`, defaultBybitRateLimitRules);
}

/** The gate of the account tagged `accountTag` on `baseUrl`'s host (shared by the clients of that key). */
export function sharedBybitAccountGate(baseUrl: string, accountTag: string, clock: Clock): AccountGate {
  const limiter = registered(clock, `account ${new URL(baseUrl).host} ${accountTag}`, bybitAccountRules);
  return new AccountGate(limiter, clock);
}
