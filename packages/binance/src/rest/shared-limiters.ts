// The process-wide Binance limits every client created without a `limiter` of its own takes
// from, kept in base's LimiterRegistry (per clock, so a FakeClock in a test gets its own):
//   route   per market, REST host and egress (one IP as Binance sees it): REQUEST_WEIGHT,
//           RAW_REQUESTS, the requests in flight and the 418 ban. Ten clients of one IP stay
//           within one IP's weight together; testnet and production, two proxies, or Spot and
//           USD-M (counted separately by Binance) each have their own.
//   account per market and API key (a digest tag, never the key): the ORDERS windows, which
//           Binance counts per account, whichever IP the orders come from.
// The windows run on one server-offset clock per machine clock, market and REST host, which
// follows the offset any client of that host measures, so they stay aligned with that host's
// calendar windows (testnet's clock is not production's). A limiter made by sharedBinanceLimiter
// leases its route and account parts; when the last client using it closes, the leases are
// returned and a part nobody holds is dropped once idle (its windows empty — the ORDERS day
// window included —, no ban, nothing in flight), so a service that sees many API keys does not
// keep ORDERS windows per key forever, while a client of the same account made within the
// window still shares the old ones.
import {
  type Clock,
  type Limiter,
  LimiterRegistry,
  limitAccountTag,
  limitRouteKey,
  type RegistryLease,
  rateLimiterIdleInMs,
  ServerOffsetClock,
} from '@venuekit/base';
import type { BinanceMarket } from '../errors/error-codes.js';
import { SPOT_URLS, USDM_URLS } from '../urls.js';
import { BinanceLimitWindows } from './limit-windows.js';
import { DEFAULT_RATE_LIMITS } from './rate-limit-rules.js';
import { BinanceRequestLimiter, type BinanceSharedHold } from './request-limiter.js';
import { BinanceRouteLimits } from './route-limits.js';

/** Where a client's requests go and on which clock: what decides which limits it shares. */
export interface BinanceLimitRoute {
  /** `'spot'` or `'usdm'` (counted separately by Binance, even on one host). */
  market: BinanceMarket;
  /** The REST origin (`https://api.binance.com`); its host is part of the key. */
  baseUrl: string;
  /** How requests leave this machine (HttpSession's `egress`). */
  egress: string;
  /**
   * The machine clock (default in clients: the system clock). A ServerOffsetClock given here is
   * used for the windows as it is; any other clock gets a shared server-offset clock over it.
   */
  clock: Clock;
}

/** Options of {@link sharedBinanceLimiter}. */
export interface SharedBinanceLimiterOptions extends BinanceLimitRoute {
  /** The API key of the client's account (only its digest is kept); none: ORDERS windows of its own. */
  apiKey?: string | undefined;
  /** A base Limiter of the user's that every request also acquires first. */
  pacer?: Limiter | undefined;
}

const clocks = new LimiterRegistry<ServerOffsetClock>();
/** How long a route busy with requests in flight is looked at again (ms). */
const IN_FLIGHT_RECHECK_MS = 1000;
const routes = new LimiterRegistry<BinanceRouteLimits>({
  // A ban is a penalty on the IP windows' limiter, so their idle time covers it.
  idleInMs: (r) =>
    Math.max(rateLimiterIdleInMs(r.windows.limiter), r.inFlight > 0 ? IN_FLIGHT_RECHECK_MS : 0),
});
const accounts = new LimiterRegistry<BinanceLimitWindows>({
  idleInMs: (w) => rateLimiterIdleInMs(w.limiter),
});

/** The registry key of `route`: market, host and egress (`spot api.binance.com direct`). */
export function binanceRouteKey(route: Pick<BinanceLimitRoute, 'market' | 'baseUrl' | 'egress'>): string {
  return `${route.market} ${limitRouteKey(route)}`;
}

/** The clock shared windows of `market` on the host of `baseUrl` run on, and whether it is the registry's own. */
function windowClock(clock: Clock, market: BinanceMarket, baseUrl: string): { clock: Clock; owned: boolean } {
  if (clock instanceof ServerOffsetClock) return { clock, owned: false };
  const key = `${market} ${new URL(baseUrl).host}`;
  return { clock: clocks.get(clock, key, () => new ServerOffsetClock(clock)), owned: true };
}

/** The IP windows, in-flight count and ban of every client on `route` (made on first use). */
export function sharedBinanceRouteLimits(route: BinanceLimitRoute): BinanceRouteLimits {
  const { clock } = windowClock(route.clock, route.market, route.baseUrl);
  return routes.get(
    route.clock,
    binanceRouteKey(route),
    () => new BinanceRouteLimits(route.market, DEFAULT_RATE_LIMITS[route.market], clock),
  );
}

/**
 * The ORDERS windows of the account tagged `accountTag` (see base's limitAccountTag) on `market`.
 * An API key belongs to one environment, so the windows are per key; they run on the clock of
 * the REST host of `baseUrl` (default: the market's production host) as its first user found it.
 */
export function sharedBinanceAccountLimits(
  market: BinanceMarket,
  accountTag: string,
  machineClock: Clock,
  baseUrl: string = (market === 'spot' ? SPOT_URLS : USDM_URLS).prod.rest,
): BinanceLimitWindows {
  const { clock } = windowClock(machineClock, market, baseUrl);
  return accounts.get(
    machineClock,
    `${market} ${accountTag}`,
    () => new BinanceLimitWindows(market, 'orders', DEFAULT_RATE_LIMITS[market], clock),
  );
}

/**
 * A limiter for one client that joins the shared limits of its route and account: what
 * BinanceRestClient and the Binance feeds use when no `limiter` is given.
 */
export function sharedBinanceLimiter(options: SharedBinanceLimiterOptions): BinanceRequestLimiter {
  const { market } = options;
  const { clock, owned } = windowClock(options.clock, market, options.baseUrl);
  const own =
    options.apiKey === undefined
      ? new BinanceLimitWindows(market, 'orders', DEFAULT_RATE_LIMITS[market], clock)
      : undefined;
  const routeKey = binanceRouteKey(options);
  const accountKey =
    options.apiKey === undefined ? undefined : `${market} ${limitAccountTag(options.apiKey)}`;
  /** Leases on the route's and account's parts (`previous`: the parts to register again if they were dropped). */
  const lease = (previous?: Leases) => ({
    route: routes.lease(
      options.clock,
      routeKey,
      () => previous?.route.entry ?? new BinanceRouteLimits(market, DEFAULT_RATE_LIMITS[market], clock),
    ),
    account:
      accountKey === undefined
        ? undefined
        : accounts.lease(
            options.clock,
            accountKey,
            () =>
              previous?.account?.entry ??
              new BinanceLimitWindows(market, 'orders', DEFAULT_RATE_LIMITS[market], clock),
          ),
  });
  let held: Leases = lease();
  const hold: BinanceSharedHold = {
    release() {
      held.route.release();
      held.account?.release();
    },
    renew() {
      held = lease(held);
      return { route: held.route.entry, account: held.account?.entry ?? own! };
    },
  };
  return new BinanceRequestLimiter(market, {
    route: held.route.entry,
    account: held.account?.entry ?? own,
    pacer: options.pacer,
    followsServerOffset: owned,
    hold,
  });
}

interface Leases {
  route: RegistryLease<BinanceRouteLimits>;
  account: RegistryLease<BinanceLimitWindows> | undefined;
}

/** How many shared Binance parts `clock` has now: routes and accounts (for monitoring and tests). */
export function sharedBinanceLimitsCount(clock: Clock): { routes: number; accounts: number } {
  return { routes: routes.size(clock), accounts: accounts.size(clock) };
}
