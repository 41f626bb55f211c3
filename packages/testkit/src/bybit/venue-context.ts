// Everything the Bybit simulator's REST routes and streams share: the category markets, keys,
// limits, accounts, the matching engine and the clock, with lookups that answer in Bybit's terms.
import type { BybitKeyRegistry } from './auth/api-keys.js';
import { BybitErrors } from './errors.js';
import type { BybitLimitConfig } from './limits/limit-config.js';
import type { IpLimiter, UidLimiter } from './limits/request-limiters.js';
import type { BybitViolations } from './limits/violations.js';
import type { CategoryMarket } from './market/category-market.js';
import type { SymbolMarket } from './market/symbol-market.js';
import type { BybitCategory } from './symbols.js';
import type { AccountBook } from './trading/accounts.js';
import type { TradingEngine } from './trading/trading-engine.js';

/** The shared parts of one simulated Bybit. */
export interface BybitVenue {
  readonly markets: ReadonlyMap<BybitCategory, CategoryMarket>;
  readonly keys: BybitKeyRegistry;
  readonly limits: BybitLimitConfig;
  readonly ipLimiter: IpLimiter;
  readonly uidLimiter: UidLimiter;
  readonly violations: BybitViolations;
  readonly accounts: AccountBook;
  readonly engine: TradingEngine;
  /** Simulator time (harness clock plus skew). */
  now(): number;
  /** Mark price (price units) of a linear symbol: the mid of its book. */
  markOf(symbol: string): number;
  /** USD value of one unit of `coin` (1 for USDT / USDC, the COINUSDT mid otherwise, 0 if unknown). */
  usdOf(coin: string): number;
}

/** The served market of `category`, or 10001 (missing / not served). */
export function categoryMarket(venue: BybitVenue, category: string | undefined): CategoryMarket {
  const m = category === undefined ? undefined : venue.markets.get(category as BybitCategory);
  if (m === undefined) throw BybitErrors.category(category);
  return m;
}

/** The market of `symbol` in `market`, or 10001 Not supported symbols. */
export function symbolMarket(market: CategoryMarket, symbol: string | undefined): SymbolMarket {
  if (symbol === undefined) throw BybitErrors.params('params error: symbol is required');
  const m = market.get(symbol);
  if (m === undefined) throw BybitErrors.symbol();
  return m;
}
