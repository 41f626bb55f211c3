// @venuekit/testkit Binance simulator: startBinanceSim and the pieces tests may want on their own
// (the simulated market, signature helpers, limit defaults).
export {
  type BinanceBookSnapshot,
  type BinanceSim,
  type BinanceSimOptions,
  type BinanceSimSymbols,
  startBinanceSim,
} from './binance-sim.js';
export { BINANCE_DOCS_HMAC_KEY, type BinanceApiKeyOption } from './auth/api-keys.js';
export { restSignedPayload, verifySignature, wsApiSignedPayload } from './auth/signature.js';
export { BinanceApiError } from './errors.js';
export type { BinanceLimitOverrides, RateLimitRule } from './limits/limit-config.js';
export type { ViolationKind, ViolationRecord } from './limits/violations.js';
export {
  BINANCE_HEARTBEAT_DEFAULTS,
  type BinanceHeartbeatOption,
  type BinanceHeartbeatOverrides,
} from './ws/heartbeat-config.js';
export type { BookSnapshotUnits, SimulatedMarketOptions } from './market/market.js';
export { SimulatedMarket } from './market/market.js';
export type { DepthEvent, MarketListener, TradeEvent } from './market/events.js';
export type { MarketVenue } from './market-venue.js';
export {
  type BinanceMarketKind,
  type BinanceSymbolSpec,
  resolveSymbols,
  type SymbolConfig,
} from './symbols.js';
