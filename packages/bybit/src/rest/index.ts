// rest: BybitHttpClient (the aiobybit interface: get/post → result, typed errors, limits, clock
// re-sync), the shared session manager, the client cache, Bybit's rate-limit rules, and the typed
// REST endpoints a feed needs.
export { type BybitClientCacheOptions, BybitClientCache, type BybitClientParams } from './client-cache.js';
export {
  type BybitCallOptions,
  type BybitEnvelope,
  BybitHttpClient,
  type BybitParams,
  type BybitParamValue,
  RECV_WINDOW_HEADER,
} from './http-client.js';
export {
  BYBIT_DEMO_TESTNET_REST,
  type BybitHttpClientOptions,
  checkHttpClientOptions,
  environmentOf,
} from './http-client-options.js';
export {
  BYBIT_LIMIT_RULES,
  bybitAccountTag,
  type BybitLimitStatus,
  type BybitResponseHeaders,
  bybitLimitKey,
  bybitLimitObservation,
  bybitLimitStatus,
  bybitRuleForKey,
  defaultBybitRateLimitRules,
} from './rate-limit-rules.js';
export {
  type BybitLimitRoute,
  bybitRouteKey,
  sharedBybitLimiter,
  sharedBybitLimiterCount,
} from './shared-limiters.js';
export { BybitSessionManager, type BybitSessionSetupOptions } from './session-manager.js';
export {
  type BybitOrderRef,
  BybitRestClient,
  type KlineQuery,
  type OrderFilter,
  type OrderHistoryQuery,
  type OrderQuery,
} from './rest-client.js';
export type * from './wire-types.js';
