// The options of BinanceRestClient and the parameter shapes of its order and query methods.
import type {
  Clock,
  Credentials,
  CredentialsInput,
  HttpSession,
  Logger,
  RetryOptions,
  ServerOffsetClock,
} from '@venuekit/base';
import type { BinanceMarket } from '../errors/error-codes.js';
import type { BinanceEnvironment } from '../urls.js';
import type { BinanceRateLimit } from './rate-limit-rules.js';
import type { BinanceLimiterOption } from './limiter-option.js';
import type { BinanceParamValue } from './rest-core.js';

/** Options of {@link BinanceRestClient}. Every field is optional. */
export interface BinanceRestClientOptions {
  /** `'spot'` (default) or `'usdm'` (USD-M futures). */
  market?: BinanceMarket;
  /** `'prod'` (default), `'testnet'` or `'demo'`: picks the REST origin from `urls.ts`. */
  environment?: BinanceEnvironment;
  /** REST origin overriding the environment's (a simulator: `http://127.0.0.1:PORT`). */
  baseUrl?: string;
  /** API key and secret (HMAC) or PKCS#8 PEM private key (Ed25519/RSA). Needed for private endpoints. */
  credentials?: Credentials | CredentialsInput;
  /** recvWindow in ms sent with signed requests (Binance's default 5000 applies when absent). */
  recvWindow?: number;
  /** HTTP session to share; default: the shared session if set up, else one owned by the client. */
  session?: HttpSession;
  /** Machine time source (default: the system clock); tests pass a FakeClock. */
  clock?: Clock;
  /** A server-offset clock to share with other clients and WS API sessions (default: a new one over `clock`). */
  serverClock?: ServerOffsetClock;
  /**
   * Initial rate limits (default Binance's published ones; exchangeInfo replaces them); `false`:
   * only pauses and bans. Given, the client's limits are its own instead of its route's shared ones.
   */
  rateLimits?: readonly BinanceRateLimit[] | false;
  /**
   * Default: the limits every client of the same market, host and egress (session proxy / local
   * address) shares — one IP budget, one ban — and the ORDERS windows every client of the same API
   * key shares (see `sharedBinanceLimiter`). A BinanceRequestLimiter given here is used instead (as
   * it is: share it yourself). A generic base `Limiter` (e.g. a RateLimiter) paces every request
   * on top of the shared Binance limits (acquired with the request's weight; 429s and bans penalize it).
   */
  limiter?: BinanceLimiterOption;
  /** Deadline of each call in ms, limiter waits and retries included. Default 10 000. */
  timeoutMs?: number;
  /** Retries of GETs after network errors and 5xx (default 3 tries with backoff); `false` disables. */
  retry?: RetryOptions | false;
  /** Where retries and clock re-syncs are logged (default: the console logger). */
  logger?: Logger;
  /** User-Agent header (default `venuekit`). */
  userAgent?: string;
}

/** Order parameters as Binance names them (see `parsing/orders.ts` to build them from an OrderRequest). */
export interface BinanceOrderParams {
  symbol: string;
  side: 'BUY' | 'SELL';
  type: string;
  quantity?: string;
  quoteOrderQty?: string;
  price?: string;
  stopPrice?: string;
  timeInForce?: string;
  newClientOrderId?: string;
  newOrderRespType?: 'ACK' | 'RESULT' | 'FULL';
  [param: string]: BinanceParamValue;
}

/** Identifies one order: `orderId` or `origClientOrderId`. */
export interface BinanceOrderRef {
  symbol: string;
  orderId?: number | string;
  origClientOrderId?: string;
}

/** Optional filters of the account's trades. */
export interface MyTradesQuery {
  orderId?: number | string;
  startTime?: number;
  endTime?: number;
  fromId?: number | string;
  limit?: number;
}

/** Optional range of klines. */
export interface KlinesQuery {
  startTime?: number;
  endTime?: number;
  limit?: number;
  timeZone?: string;
}
