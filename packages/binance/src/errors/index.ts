// errors: Binance codes and HTTP statuses mapped to typed VenueErrors with actionable messages.
export {
  type BinanceMarket,
  type Classification,
  type ClassifyContext,
  classifyBinanceError,
} from './error-codes.js';
export {
  type BinanceErrorReport,
  type BinanceWsApiErrorResponse,
  binanceCodeAndMessage,
  binanceError,
  binanceWsApiError,
} from './error-map.js';
export {
  type LostOrderRequest,
  lostOrderError,
  mayHaveBeenSent,
  QUERY_BEFORE_RESENDING,
  type SentOrderIds,
  sentOrderIds,
} from './outcome-unknown.js';
