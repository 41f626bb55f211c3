// rest: BinanceRestClient (Spot /api/v3, USD-M /fapi), its limiter with Binance's rules (shared
// per route and account by default), the
// endpoint weight table, usage headers, and the JSON shapes Binance answers with.
export { CallDeadline } from './call-deadline.js';
export {
  type BinanceRateLimit,
  DEFAULT_RATE_LIMITS,
  isRateLimitList,
  orderEndpointPatterns,
  rateLimitIntervalMs,
  rateLimitRuleName,
  rulesFromRateLimits,
} from './rate-limit-rules.js';
export { BinanceLimitWindows, type BinanceLimitPart } from './limit-windows.js';
export {
  type BinanceLimiterOption,
  isBaseLimiter,
  limiterOptionProblem,
} from './limiter-option.js';
export { BinanceRouteLimits } from './route-limits.js';
export {
  type BinanceLimitRoute,
  binanceRouteKey,
  type SharedBinanceLimiterOptions,
  sharedBinanceAccountLimits,
  sharedBinanceLimiter,
  sharedBinanceLimitsCount,
  sharedBinanceRouteLimits,
} from './shared-limiters.js';
export {
  type Admission,
  BinanceRequestLimiter,
  type BinanceRequestLimiterOptions,
  type LimitRequest,
} from './request-limiter.js';
export { BinanceRestClient } from './rest-client.js';
export type {
  BinanceOrderParams,
  BinanceOrderRef,
  BinanceRestClientOptions,
  KlinesQuery,
  MyTradesQuery,
} from './rest-client-options.js';
export {
  type BinanceParams,
  type BinanceParamValue,
  type BinanceRequestOptions,
  BinanceRestCore,
  type RestCoreParts,
} from './rest-core.js';
export { BINANCE_REST_PATHS, type BinanceRestPaths } from './rest-paths.js';
export { type ResponseHeaders, type UsageReport, usageFromHeaders } from './usage-headers.js';
export {
  ORDER_COUNT_COSTS,
  type OrderCountCost,
  orderCountCost,
  requestWeight,
  spotDepthWeight,
  spotTicker24hrWeight,
  symbolCount,
  usdmDepthWeight,
  usdmKlinesWeight,
  type WeightParams,
} from './weights.js';
export type * from './wire-types.js';
