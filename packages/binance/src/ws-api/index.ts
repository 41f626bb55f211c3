// ws-api: the Binance WebSocket API session (BinanceWsApi): signed requests matched by id,
// session.logon, rate limits tracked from every answer with an out-of-service state, reconnect.
export {
  type LimitKind,
  type LimitRefusal,
  type LimitReservation,
  type LimitUsage,
  WsApiRateLimits,
} from './rate-limit-tracker.js';
export type { WsApiResponse } from './pending-requests.js';
export type { Refusal, WsApiOutOfServiceReason, WsApiPhase, WsApiStatus } from './service-status.js';
export { type BinanceWsApiEvents, WAF_PAUSE_MS } from './ws-api-frames.js';
export {
  BinanceWsApiCore,
  type OpeningCall,
  type OpenStep,
  type WsApiRequestOptions,
} from './ws-api-core.js';
export { BinanceWsApi, type WsApiCallOptions, type WsApiSessionInfo } from './ws-api-client.js';
export {
  type WsApiCost,
  type WsApiSecurity,
  wsApiChangesState,
  wsApiCost,
  wsApiEndpoint,
  wsApiPlacesOrder,
  wsApiSecurity,
} from './ws-api-methods.js';
export {
  type BinanceWsApiOptions,
  type ResolvedWsApiOptions,
  resolveWsApiOptions,
  WS_API_RECONNECT,
} from './ws-api-options.js';
