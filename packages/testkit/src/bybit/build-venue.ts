// Assembles one simulated Bybit on a harness simulator: the category markets, keys, limits,
// accounts and matching engine, the REST routes, and the public / private WebSocket endpoints.
import type { Sim } from '../sim/types.js';
import { SimTimers } from '../sim/timers.js';
import { BYBIT_SIM_DEFAULT_KEY, type BybitApiKeyOption, BybitKeyRegistry } from './auth/api-keys.js';
import { type BybitLimitOverrides, resolveBybitLimits } from './limits/limit-config.js';
import { IpLimiter, UidLimiter } from './limits/request-limiters.js';
import { BybitViolations } from './limits/violations.js';
import { CategoryMarket } from './market/category-market.js';
import { markPrice } from './market/market-json.js';
import { accountEndpoints } from './rest/account-routes.js';
import { mountEndpoints } from './rest/endpoint.js';
import { marketEndpoints } from './rest/market-routes.js';
import { tradeEndpoints } from './rest/trade-routes.js';
import { type BybitCategory, type BybitSymbolSpec, resolveBybitSymbols } from './symbols.js';
import { AccountBook } from './trading/accounts.js';
import { TradingEngine } from './trading/trading-engine.js';
import type { BybitVenue } from './venue-context.js';
import { PrivateHub } from './ws/private-hub.js';
import { PUBLIC_IDLE_TIMEOUT_MS, PublicHub } from './ws/public-hub.js';
import { WsAdmission } from './ws/ws-admission.js';

/** Symbols for every category alike, or per category. */
export type BybitSimSymbols =
  | ReadonlyArray<string | BybitSymbolSpec>
  | { spot?: ReadonlyArray<string | BybitSymbolSpec>; linear?: ReadonlyArray<string | BybitSymbolSpec> };

/** What building a venue needs. */
export interface BuildVenueOptions {
  categories: readonly BybitCategory[];
  symbols: BybitSimSymbols | undefined;
  seed: string;
  apiKeys: readonly BybitApiKeyOption[] | undefined;
  limits: BybitLimitOverrides | undefined;
  balances: Readonly<Record<string, string>> | undefined;
  changesPerStep: number | undefined;
  orderAckDelayMs: number;
  idleTimeoutMs: number | undefined;
}

/** A built venue with everything serving it. */
export interface BuiltVenue {
  readonly venue: BybitVenue;
  readonly hubs: ReadonlyMap<BybitCategory, PublicHub>;
  readonly privateHub: PrivateHub;
  readonly admission: WsAdmission;
  readonly timers: SimTimers;
}

/** Builds the venue and mounts its routes on `sim`. */
export function buildVenue(sim: Sim, o: BuildVenueOptions): BuiltVenue {
  const now = () => sim.now();
  const markets = new Map<BybitCategory, CategoryMarket>();
  for (const category of o.categories) {
    const given = o.symbols;
    const specs =
      given === undefined || Array.isArray(given)
        ? (given as ReadonlyArray<string | BybitSymbolSpec> | undefined)
        : (given as Record<string, undefined>)[category];
    markets.set(
      category,
      new CategoryMarket({
        category,
        symbols: resolveBybitSymbols(category, specs),
        seed: o.seed,
        now,
        changesPerStep: o.changesPerStep,
      }),
    );
  }
  const limits = resolveBybitLimits(o.limits);
  const violations = new BybitViolations();
  const keys = new BybitKeyRegistry(o.apiKeys ?? [BYBIT_SIM_DEFAULT_KEY]);
  const accounts = new AccountBook(o.balances);
  const timers = new SimTimers();
  const admission = new WsAdmission(limits, violations, now);
  const idleTimeoutMs = o.idleTimeoutMs ?? PUBLIC_IDLE_TIMEOUT_MS;
  const privateHub = new PrivateHub({ keys, violations, admission, seed: o.seed, idleTimeoutMs, now });
  const markOf = (symbol: string): number => {
    const m = markets.get('linear')?.get(symbol) ?? markets.get('spot')?.get(symbol);
    return m === undefined ? 0 : markPrice(m);
  };
  const usdOf = (coin: string): number => {
    if (coin === 'USDT' || coin === 'USDC' || coin === 'USD') return 1;
    const m = markets.get('spot')?.get(`${coin}USDT`) ?? markets.get('linear')?.get(`${coin}USDT`);
    return m === undefined ? 0 : markPrice(m) / 10 ** m.cfg.priceDecimals;
  };
  const engine = new TradingEngine(
    {
      markets,
      accounts,
      seed: o.seed,
      sink: privateHub,
      timers,
      ackDelayMs: o.orderAckDelayMs,
      markOf,
      usdOf,
    },
    now,
  );
  const venue: BybitVenue = {
    markets,
    keys,
    limits,
    ipLimiter: new IpLimiter(limits, violations),
    uidLimiter: new UidLimiter(limits, violations),
    violations,
    accounts,
    engine,
    now,
    markOf,
    usdOf,
  };
  mountEndpoints(sim, venue, [
    ...marketEndpoints(venue),
    ...tradeEndpoints(venue),
    ...accountEndpoints(venue),
  ]);
  const hubs = new Map<BybitCategory, PublicHub>();
  for (const [category, market] of markets) {
    const hub = new PublicHub({ market, limits, violations, admission, seed: o.seed, idleTimeoutMs, now });
    hubs.set(category, hub);
    sim.onWsConnection(`/v5/public/${category}`, (conn) => hub.accept(conn));
  }
  sim.onWsConnection('/v5/private', (conn) => privateHub.accept(conn));
  return { venue, hubs, privateHub, admission, timers };
}
