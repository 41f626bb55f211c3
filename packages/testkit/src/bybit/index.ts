// @venuekit/testkit Bybit simulator: startBybitSim and the pieces tests may want on their own
// (signature helpers, the default key, limit defaults, symbol specs). Names are Bybit-prefixed so
// they sit beside the other venues' in the package index.
export {
  type BybitBookSnapshot,
  type BybitSim,
  type BybitSimOptions,
  type BybitSimUrls,
  startBybitSim,
} from './bybit-sim.js';
export type { BybitSimSymbols } from './build-venue.js';
export { BYBIT_SIM_DEFAULT_KEY, type BybitApiKeyOption } from './auth/api-keys.js';
export {
  hmacHex as bybitHmacHex,
  restSignString as bybitRestSignString,
  wsAuthSignString as bybitWsAuthSignString,
} from './auth/signature.js';
export { DEFAULT_RECV_WINDOW_MS as BYBIT_DEFAULT_RECV_WINDOW_MS } from './auth/authenticate.js';
export { BybitApiError } from './errors.js';
export {
  type BybitEndpointLimit,
  type BybitLimitOverrides,
  type BybitRateLimitedPath,
  DEFAULT_ENDPOINT_LIMITS as BYBIT_DEFAULT_ENDPOINT_LIMITS,
} from './limits/limit-config.js';
export type { BybitViolationKind, BybitViolationRecord } from './limits/violations.js';
export { BYBIT_KLINE_INTERVALS, type BybitKlineInterval } from './market/kline-intervals.js';
export { BYBIT_CATEGORIES, type BybitCategory, type BybitSymbolSpec } from './symbols.js';
export { DEFAULT_BYBIT_BALANCES } from './trading/accounts.js';
export { PUBLIC_IDLE_TIMEOUT_MS as BYBIT_IDLE_TIMEOUT_MS } from './ws/public-hub.js';
export { ORDERBOOK_DEPTHS as BYBIT_ORDERBOOK_DEPTHS } from './ws/topics.js';
