// Everything one simulated Binance market (Spot or USDⓈ-M) is made of, passed to its REST routes,
// WS API methods and streams: the market, the matching engine, limits, keys and the clock.
import type { ApiKeyRegistry } from './auth/api-keys.js';
import type { IpLimiter } from './limits/ip-limiter.js';
import type { LimitConfig } from './limits/limit-config.js';
import type { OrderLimiter } from './limits/order-limiter.js';
import type { Violations } from './limits/violations.js';
import type { SimulatedMarket } from './market/market.js';
import type { BinanceMarketKind, SymbolConfig } from './symbols.js';
import type { FuturesEngine } from './trading/futures-engine.js';
import type { SpotEngine } from './trading/spot-engine.js';

/** The parts of one simulated market. */
export interface VenueContext {
  readonly kind: BinanceMarketKind;
  readonly market: SimulatedMarket;
  readonly limits: LimitConfig;
  readonly ipLimiter: IpLimiter;
  readonly orderLimiter: OrderLimiter;
  readonly violations: Violations;
  readonly keys: ApiKeyRegistry;
  /** Simulator time (the harness clock plus any skew). */
  now(): number;
  /** The Spot engine (kind 'spot'). */
  readonly spot?: SpotEngine;
  /** The futures engine (kind 'usdm'). */
  readonly futures?: FuturesEngine;
}

/** The symbol named by `name` in this market, or -1121 (thrown by the caller's error factory). */
export function symbolOf(
  venue: VenueContext,
  name: string | undefined,
  badSymbol: () => Error,
): SymbolConfig {
  const m = name === undefined ? undefined : venue.market.get(name);
  if (m === undefined) throw badSymbol();
  return m.cfg;
}
