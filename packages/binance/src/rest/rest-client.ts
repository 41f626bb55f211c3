// BinanceRestClient: the typed REST API of one Binance market (Spot `/api/v3` or USD-M `/fapi`)
// for everything a feed needs, plus `request()` for any other endpoint. Results are Binance's
// JSON as typed in wire-types.ts (decimal strings untouched); `parsing/` turns them into models.
import {
  Client,
  ConfigError,
  createCredentials,
  defaultLogger,
  limitAccountTag,
  NotSupportedError,
  RetryPolicy,
  ServerOffsetClock,
  systemClock,
  ValidationError,
} from '@venuekit/base';
import { createBinanceSigner } from '../auth/rest-signer.js';
import { SPOT_URLS, USDM_URLS } from '../urls.js';
import { isRateLimitList } from './rate-limit-rules.js';
import { BinanceRequestLimiter } from './request-limiter.js';
import { resolveBinanceLimiter } from './limiter-option.js';
import type {
  BinanceOrderParams,
  BinanceOrderRef,
  BinanceRestClientOptions,
  KlinesQuery,
  MyTradesQuery,
} from './rest-client-options.js';
import { type BinanceParams, BinanceRestCore } from './rest-core.js';

export type {
  BinanceOrderParams,
  BinanceOrderRef,
  BinanceRestClientOptions,
  KlinesQuery,
  MyTradesQuery,
} from './rest-client-options.js';
import { BINANCE_REST_PATHS, type BinanceRestPaths } from './rest-paths.js';
import type {
  AccountTradeWire,
  BookTickerWire,
  DepthWire,
  ExchangeInfoWire,
  FuturesAccountWire,
  FuturesBalanceWire,
  KlineWire,
  ListenKeyWire,
  OrderWire,
  PositionRiskWire,
  ServerTimeWire,
  SpotAccountWire,
  Ticker24hrWire,
  TradeWire,
} from './wire-types.js';

function requireSymbol(symbol: string, field = 'symbol'): string {
  if (typeof symbol !== 'string' || symbol.length === 0)
    throw new ValidationError(`${field}: expected a Binance symbol such as "BTCUSDT"`, { venue: 'binance' });
  return symbol;
}

function orderRef(ref: BinanceOrderRef): BinanceParams {
  requireSymbol(ref.symbol);
  if (ref.orderId === undefined && ref.origClientOrderId === undefined)
    throw new ValidationError('order: give orderId or origClientOrderId', { venue: 'binance' });
  return { symbol: ref.symbol, orderId: ref.orderId, origClientOrderId: ref.origClientOrderId };
}

/** The REST API of one Binance market. */
export class BinanceRestClient extends BinanceRestCore {
  /** The REST origin requests go to. */
  readonly baseUrl: string;
  /** The paths of this market's operations. */
  readonly paths: Readonly<BinanceRestPaths>;
  /**
   * The tag of this client's account among the shared ORDERS windows (a digest of the API key,
   * never the key), or `undefined` when the client shares no account windows: without
   * credentials, with a BinanceRequestLimiter of your own, or with `rateLimits` (limits of its own).
   */
  readonly accountTag: string | undefined;
  #limiterReleased = false;

  constructor(options: BinanceRestClientOptions = {}) {
    const market = options.market ?? 'spot';
    if (market !== 'spot' && market !== 'usdm')
      throw new ConfigError(`market must be 'spot' or 'usdm' (got ${JSON.stringify(market)})`, {
        venue: 'binance',
      });
    const environment = options.environment ?? 'prod';
    const origins = market === 'spot' ? SPOT_URLS : USDM_URLS;
    if (options.baseUrl === undefined && origins[environment] === undefined)
      throw new ConfigError(
        `environment must be 'prod', 'testnet' or 'demo' (got ${JSON.stringify(environment)})`,
        {
          venue: 'binance',
        },
      );
    const baseUrl = options.baseUrl ?? origins[environment].rest;
    const credentials =
      options.credentials === undefined
        ? undefined
        : createCredentials(options.credentials, { label: 'options.credentials of BinanceRestClient' });
    const machineClock = options.clock ?? options.serverClock ?? systemClock;
    const serverClock = options.serverClock ?? new ServerOffsetClock(options.clock ?? systemClock);
    const signer = createBinanceSigner({ name: 'binance', hosts: [], recvWindow: options.recvWindow });
    const logger = options.logger ?? defaultLogger;
    const timeoutMs = options.timeoutMs ?? 10_000;
    const client = new Client({
      baseUrl,
      apis: credentials === undefined ? {} : { binance: credentials },
      signers: [signer],
      session: options.session,
      clock: serverClock,
      timeoutMs,
      retry: false,
      logger,
      venue: 'binance',
      bodyEncoding: 'form',
      userAgent: options.userAgent,
    });
    const limiter = resolveBinanceLimiter(
      options.limiter,
      {
        market,
        baseUrl,
        egress: client.session.egress,
        clock: machineClock,
        serverClock,
        apiKey: credentials?.apiKey,
        rateLimits: options.rateLimits,
      },
      'options.limiter of BinanceRestClient',
    );
    const paths = BINANCE_REST_PATHS[market];
    super({
      market,
      client,
      limiter,
      serverClock,
      signerName: signer.name,
      hasCredentials: credentials !== undefined,
      timePath: paths.time,
      timeoutMs,
      retry: RetryPolicy.resolve(options.retry),
      logger,
    });
    this.baseUrl = baseUrl;
    this.paths = paths;
    this.accountTag =
      credentials === undefined ||
      options.limiter instanceof BinanceRequestLimiter ||
      options.rateLimits !== undefined
        ? undefined
        : limitAccountTag(credentials.apiKey);
    limiter.retain(); // returned on close(), so shared limits nobody uses any more can be dropped
  }

  /**
   * Closes the client (its own session too) and returns its hold on the limiter: shared limits
   * no client uses any more are dropped once idle. A client never closed keeps them.
   */
  override async close(): Promise<void> {
    try {
      await super.close();
    } finally {
      if (!this.#limiterReleased) {
        this.#limiterReleased = true;
        this.limiter.release();
      }
    }
  }

  /** `GET /time`: the server's time. */
  time(): Promise<ServerTimeWire> {
    return this.request('GET', this.paths.time);
  }

  /** `GET /ping`: resolves when Binance answers. */
  ping(): Promise<Record<string, never>> {
    return this.request('GET', this.paths.ping);
  }

  /**
   * `GET /exchangeInfo`: symbols, filters and rate limits. The limits are adopted by this
   * client's limiter. Spot can be narrowed to some symbols; USD-M always lists every symbol.
   */
  async exchangeInfo(
    query: { symbol?: string; symbols?: readonly string[] } = {},
  ): Promise<ExchangeInfoWire> {
    const params: BinanceParams =
      this.market === 'spot'
        ? {
            symbol: query.symbol,
            symbols: query.symbols === undefined ? undefined : JSON.stringify(query.symbols),
          }
        : {};
    const info = await this.request<ExchangeInfoWire>('GET', this.paths.exchangeInfo, params);
    if (isRateLimitList(info?.rateLimits)) this.limiter.adoptRateLimits(info.rateLimits);
    return info;
  }

  /** `GET /depth`: an order book snapshot (weight grows with `limit`). */
  depth(symbol: string, limit?: number): Promise<DepthWire> {
    return this.request('GET', this.paths.depth, { symbol: requireSymbol(symbol), limit });
  }

  /** `GET /trades`: recent public trades. */
  trades(symbol: string, limit?: number): Promise<TradeWire[]> {
    return this.request('GET', this.paths.trades, { symbol: requireSymbol(symbol), limit });
  }

  /** `GET /klines`: candles of `interval` (`1m`, `1h`, …). */
  klines(symbol: string, interval: string, query: KlinesQuery = {}): Promise<KlineWire[]> {
    return this.request('GET', this.paths.klines, {
      symbol: requireSymbol(symbol),
      interval,
      startTime: query.startTime,
      endTime: query.endTime,
      timeZone: query.timeZone,
      limit: query.limit,
    });
  }

  /** `GET /ticker/24hr` for one symbol. */
  ticker24hr(symbol: string): Promise<Ticker24hrWire> {
    return this.request('GET', this.paths.ticker24hr, { symbol: requireSymbol(symbol) });
  }

  /** `GET /ticker/24hr` for some symbols (Spot) or every symbol (omit `symbols`; heavy). */
  async tickers24hr(symbols?: readonly string[]): Promise<Ticker24hrWire[]> {
    if (this.market === 'spot' && symbols !== undefined)
      return this.request('GET', this.paths.ticker24hr, { symbols: JSON.stringify(symbols) });
    const all = await this.request<Ticker24hrWire[]>('GET', this.paths.ticker24hr);
    if (symbols === undefined) return all;
    const wanted = new Set(symbols);
    return all.filter((t) => wanted.has(t.symbol));
  }

  /** `GET /ticker/bookTicker` for one symbol: best bid and ask. */
  bookTicker(symbol: string): Promise<BookTickerWire> {
    return this.request('GET', this.paths.bookTicker, { symbol: requireSymbol(symbol) });
  }

  /** `GET /ticker/bookTicker` for some symbols (Spot) or all. */
  async bookTickers(symbols?: readonly string[]): Promise<BookTickerWire[]> {
    if (this.market === 'spot' && symbols !== undefined)
      return this.request('GET', this.paths.bookTicker, { symbols: JSON.stringify(symbols) });
    const all = await this.request<BookTickerWire[]>('GET', this.paths.bookTicker);
    if (symbols === undefined) return all;
    const wanted = new Set(symbols);
    return all.filter((t) => wanted.has(t.symbol));
  }

  /** `POST /order`: places an order (counts on the ORDERS limits). Never retried automatically. */
  placeOrder(params: BinanceOrderParams): Promise<OrderWire> {
    requireSymbol(params.symbol);
    return this.request('POST', this.paths.order, params);
  }

  /** `POST /order/test`: validates an order without sending it to the matching engine. */
  testOrder(params: BinanceOrderParams): Promise<Record<string, unknown>> {
    requireSymbol(params.symbol);
    return this.request('POST', this.paths.testOrder, params);
  }

  /** `DELETE /order`: cancels one order. */
  cancelOrder(ref: BinanceOrderRef): Promise<OrderWire> {
    return this.request('DELETE', this.paths.order, orderRef(ref));
  }

  /** Cancels every open order of `symbol` (Spot `DELETE /openOrders`, USD-M `DELETE /allOpenOrders`). */
  cancelAllOrders(symbol: string): Promise<unknown> {
    return this.request('DELETE', this.paths.cancelAll, { symbol: requireSymbol(symbol) });
  }

  /** `GET /order`: one order's current state. */
  getOrder(ref: BinanceOrderRef): Promise<OrderWire> {
    return this.request('GET', this.paths.order, orderRef(ref));
  }

  /** `GET /openOrders`: open orders of one symbol, or of all (heavier). */
  openOrders(symbol?: string): Promise<OrderWire[]> {
    return this.request('GET', this.paths.openOrders, { symbol });
  }

  /** The account's trades (Spot `GET /myTrades`, USD-M `GET /userTrades`). */
  myTrades(symbol: string, query: MyTradesQuery = {}): Promise<AccountTradeWire[]> {
    return this.request('GET', this.paths.myTrades, {
      symbol: requireSymbol(symbol),
      orderId: query.orderId,
      startTime: query.startTime,
      endTime: query.endTime,
      fromId: query.fromId,
      limit: query.limit,
    });
  }

  /** Spot `GET /api/v3/account`: permissions and balances. */
  async spotAccount(query: { omitZeroBalances?: boolean } = {}): Promise<SpotAccountWire> {
    return this.request('GET', this.#path('spotAccount'), { omitZeroBalances: query.omitZeroBalances });
  }

  /** USD-M `GET /fapi/v3/account`: margin totals, assets and positions. */
  async futuresAccount(): Promise<FuturesAccountWire> {
    return this.request('GET', this.#path('futuresAccount'));
  }

  /** USD-M `GET /fapi/v3/balance`: one entry per asset. */
  async futuresBalances(): Promise<FuturesBalanceWire[]> {
    return this.request('GET', this.#path('futuresBalance'));
  }

  /** USD-M `GET /fapi/v3/positionRisk`: positions (v3 lists symbols with a position or open orders). */
  async positionRisk(symbol?: string): Promise<PositionRiskWire[]> {
    return this.request('GET', this.#path('positionRisk'), { symbol });
  }

  /** USD-M `POST /fapi/v1/listenKey`: the user-data stream key (an active key is returned and extended). */
  async createListenKey(): Promise<ListenKeyWire> {
    return this.request('POST', this.#path('listenKey'), undefined, { signed: true });
  }

  /** USD-M `PUT /fapi/v1/listenKey`: keeps the key alive for another 60 minutes (-1125: recreate it). */
  async keepAliveListenKey(): Promise<Record<string, unknown>> {
    return this.request('PUT', this.#path('listenKey'), undefined, { signed: true });
  }

  /** USD-M `DELETE /fapi/v1/listenKey`: closes the user-data stream. */
  async deleteListenKey(): Promise<Record<string, unknown>> {
    return this.request('DELETE', this.#path('listenKey'), undefined, { signed: true });
  }

  #path(
    operation: 'spotAccount' | 'futuresAccount' | 'futuresBalance' | 'positionRisk' | 'listenKey',
  ): string {
    const path = this.paths[operation];
    if (path !== undefined) return path;
    const hint =
      operation === 'listenKey'
        ? 'Spot user data now comes over the WebSocket API (userDataStream.subscribe); the listenKey endpoints were retired'
        : `use a client with market '${this.market === 'spot' ? 'usdm' : 'spot'}'`;
    throw new NotSupportedError(
      `Binance ${this.market}: ${operation} is not available on this market; ${hint}`,
      {
        venue: 'binance',
      },
    );
  }
}
