// Builds one simulated Binance market (Spot or USDⓈ-M) on a harness simulator: the simulated
// market, its matching engine, limits and keys, its REST routes, its stream hub, and (Spot) the
// WS API; user-data events go to the shared UserDataHub.
import type { Sim } from '../sim/types.js';
import type { ApiKeyRegistry } from './auth/api-keys.js';
import { IpLimiter } from './limits/ip-limiter.js';
import type { LimitConfig } from './limits/limit-config.js';
import { OrderLimiter } from './limits/order-limiter.js';
import type { Violations } from './limits/violations.js';
import { SimulatedMarket } from './market/market.js';
import { type Endpoint, mountEndpoints } from './rest/endpoint.js';
import { futuresMarketEndpoints } from './rest/futures-market-routes.js';
import { futuresTradeEndpoints } from './rest/futures-trade-routes.js';
import { listenKeyEndpoints } from './rest/listen-key-routes.js';
import { spotMarketEndpoints } from './rest/spot-market-routes.js';
import { spotTradeEndpoints } from './rest/spot-trade-routes.js';
import type { BinanceMarketKind, SymbolConfig } from './symbols.js';
import { FuturesEngine } from './trading/futures-engine.js';
import { SpotEngine } from './trading/spot-engine.js';
import type { VenueContext } from './venue-context.js';
import { StreamHub } from './ws/stream-hub.js';
import type { UserDataHub } from './ws/user-data-hub.js';
import { WsApiServer } from './ws/ws-api.js';

/** What building a market needs. */
export interface MarketVenueOptions {
  kind: BinanceMarketKind;
  symbols: SymbolConfig[];
  seed: string;
  limits: LimitConfig;
  keys: ApiKeyRegistry;
  violations: Violations;
  userData: UserDataHub;
  balances: Record<string, string> | undefined;
  changesPerEvent: number | undefined;
}

/** One simulated market with everything serving it. */
export interface MarketVenue {
  readonly venue: VenueContext;
  readonly hub: StreamHub;
  /** The Spot WS API (Spot only). */
  readonly wsApi: WsApiServer | undefined;
}

/** Creates the market and mounts its REST routes on `sim`. */
export function buildMarketVenue(sim: Sim, o: MarketVenueOptions): MarketVenue {
  const now = () => sim.now();
  const market = new SimulatedMarket({
    symbols: o.symbols,
    seed: o.seed,
    now,
    changesPerEvent: o.changesPerEvent,
  });
  const base = {
    kind: o.kind,
    market,
    limits: o.limits,
    ipLimiter: new IpLimiter(o.limits, o.violations),
    orderLimiter: new OrderLimiter(o.limits, o.violations),
    violations: o.violations,
    keys: o.keys,
    now,
  };
  let venue: VenueContext;
  let endpoints: Endpoint[];
  let wsApi: WsApiServer | undefined;
  if (o.kind === 'spot') {
    const spot = new SpotEngine(market, now, (acct, ev) => o.userData.emitSpot(acct, ev), o.balances, o.seed);
    venue = { ...base, spot };
    endpoints = [...spotMarketEndpoints(venue), ...spotTradeEndpoints(venue)];
    wsApi = new WsApiServer(venue, o.userData, endpoints);
  } else {
    const futures = new FuturesEngine(
      market,
      now,
      (acct, ev) => o.userData.emitFutures(acct, ev),
      o.balances,
      o.seed,
    );
    venue = { ...base, futures };
    endpoints = [
      ...futuresMarketEndpoints(venue),
      ...futuresTradeEndpoints(venue),
      ...listenKeyEndpoints(venue, o.userData),
    ];
  }
  mountEndpoints(sim, venue, endpoints);
  return { venue, hub: new StreamHub(venue), wsApi };
}
