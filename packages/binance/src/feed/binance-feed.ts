// BinanceFeed: what BINANCE___SPOT and BINANCE___USDM share — the VenueFeed contract on base's
// BaseFeed, with its transports made on first use (FeedResources), instruments from exchangeInfo
// cached and mapped both ways (`BTCUSDT` ⇄ `BTC/USDT`), and the work split like a venue
// adapter's: market data, market streams, trading. `connect()` syncs the clock with Binance and
// loads the instruments; every method also works without it (it loads what it needs).
import {
  type Balance,
  type Bar,
  BaseFeed,
  type CachedFunction,
  cached,
  type Credentials,
  DIRECT_EGRESS,
  type KlinesQuery,
  type Order,
  type OrderBook,
  type OrderBookQuery,
  type OrderRequest,
  ServerOffsetClock,
  sharedSession,
  SymbolMapper,
  type StartSubscription,
  type Ticker,
  type Trade,
  type TradesQuery,
  type WatchOptions,
} from '@venuekit/base';
import type { BinanceMarket } from '../errors/error-codes.js';
import { type BinanceInstrument, parseInstruments } from '../parsing/instruments.js';
import type { SymbolNames } from '../parsing/market.js';
import { resolveBinanceLimiter } from '../rest/limiter-option.js';
import { BinanceRequestLimiter } from '../rest/request-limiter.js';
import type { BinanceEnvironment } from '../urls.js';
import type { FeedContext, FeedStreamOptions } from './feed-context.js';
import {
  type BinanceFeedOptions,
  type ResolvedBinanceSettings,
  resolveBinanceFeedOptions,
} from './feed-options.js';
import { type FeedResources, FeedResources as Resources, type FeedUserData } from './feed-resources.js';
import { BinanceMarketData } from './market-data.js';
import { BinanceMarketWatch } from './market-watch.js';
import { BinanceTrading } from './trading.js';

/** How often a malformed stream message is logged (the first, then every this many). */
const MALFORMED_LOG_EVERY = 1000;

/** The Binance feed of one market; see BinanceSpotFeed and BinanceUsdmFeed. */
export abstract class BinanceFeed extends BaseFeed {
  /** `'spot'` or `'usdm'`. */
  readonly market: BinanceMarket;
  /** `'prod'`, `'testnet'` or `'demo'`. */
  readonly environment: BinanceEnvironment;
  /** Follows Binance's clock (synced on connect and after a -1021); shared by REST and the WS API. */
  readonly serverClock: ServerOffsetClock;
  /**
   * The weight-aware limiter every REST call of this feed goes through (kept across reconnects);
   * by default it joins the limits shared by its route (market, REST host, egress) and account.
   */
  readonly limiter: BinanceRequestLimiter;
  protected readonly settings: ResolvedBinanceSettings;
  protected readonly resources: FeedResources;
  protected readonly trading: BinanceTrading;
  readonly #symbols = new SymbolMapper<BinanceInstrument>('binance');
  readonly #instruments: CachedFunction<[], BinanceInstrument[]>;
  readonly #data: BinanceMarketData;
  readonly #watch: BinanceMarketWatch;
  #malformed = 0;
  /** The limiter was made here (not one the user passed in and shares with other code). */
  readonly #ownsLimiter: boolean;

  protected constructor(id: string, market: BinanceMarket, options: BinanceFeedOptions | undefined) {
    const { settings, common } = resolveBinanceFeedOptions(market, options);
    super({ id, venue: 'binance', options: common });
    this.market = market;
    this.environment = settings.environment;
    this.settings = settings;
    const { clock, logger, credentials } = this.options;
    this.serverClock = new ServerOffsetClock(clock);
    // A BinanceRequestLimiter the user passed in is theirs (its leases too); any other is made here.
    this.#ownsLimiter = !(settings.limiter instanceof BinanceRequestLimiter);
    this.limiter = resolveBinanceLimiter(
      settings.limiter,
      {
        market,
        baseUrl: settings.urls.rest,
        egress: (settings.session ?? sharedSession.current)?.egress ?? DIRECT_EGRESS,
        clock,
        serverClock: this.serverClock,
        apiKey: credentials?.apiKey,
        rateLimits: undefined,
      },
      'options.limiter of the Binance feed',
    );
    this.resources = new Resources({
      settings,
      credentials,
      clock,
      serverClock: this.serverClock,
      limiter: this.limiter,
      logger,
      namesOf: (symbol) => this.#symbols.find(symbol),
      fetchBalances: () => this.trading.getBalances(),
    });
    this.#instruments = cached(() => this.#loadInstruments(), { ttlMs: settings.instrumentsTtlMs, clock });
    const ctx = this.#context();
    this.#data = new BinanceMarketData(ctx);
    this.#watch = new BinanceMarketWatch(ctx);
    this.trading = new BinanceTrading(ctx);
  }

  /** Stream messages that could not be turned into models (skipped; the streams went on). */
  get malformedMessages(): number {
    return this.#malformed;
  }

  /**
   * The account's user-data stream, started (Spot: over the WebSocket API; USD-M: a listenKey
   * stream). watchOrders / watchBalances start it too; await this before placing orders whose
   * events you must not miss, and listen to its `fill`, `positions` and `restored` (or `resync`) events.
   */
  async userData(): Promise<FeedUserData> {
    this.requireCredentials('userData');
    return this.resources.userData();
  }

  /** Syncs the clock with Binance and loads the instruments. */
  protected override async open(): Promise<void> {
    await this.resources.rest.syncClock();
    await this.#instruments();
  }

  /** Ends every stream, then closes every socket and the REST client (also when never connected). */
  override async disconnect(): Promise<void> {
    try {
      await super.disconnect();
    } finally {
      try {
        await this.resources.release();
      } finally {
        // A feed that never made its REST client still holds the shared limiter's leases.
        if (this.#ownsLimiter) this.limiter.releaseIfUnused();
      }
    }
  }

  override async getInstruments(): Promise<BinanceInstrument[]> {
    return [...(await this.#instruments())];
  }
  override getTicker(symbol: string): Promise<Ticker> {
    return this.#data.ticker(symbol);
  }
  override getOrderBook(symbol: string, query?: OrderBookQuery): Promise<OrderBook> {
    return this.#data.orderBook(symbol, query);
  }
  override getTrades(symbol: string, query?: TradesQuery): Promise<Trade[]> {
    return this.#data.trades(symbol, query);
  }
  override getKlines(symbol: string, interval: string, query?: KlinesQuery): Promise<Bar[]> {
    return this.#data.klines(symbol, interval, query);
  }
  override placeOrder(order: OrderRequest): Promise<Order> {
    return this.trading.placeOrder(order);
  }
  override cancelOrder(symbol: string, id: string): Promise<Order> {
    return this.trading.cancelOrder(symbol, id);
  }
  override getOrder(symbol: string, id: string): Promise<Order> {
    return this.trading.getOrder(symbol, id);
  }
  override getOpenOrders(symbol?: string): Promise<Order[]> {
    return this.trading.getOpenOrders(symbol);
  }
  override getBalances(): Promise<Balance[]> {
    return this.trading.getBalances();
  }
  override watchTicker(symbol: string, options?: WatchOptions): AsyncIterable<Ticker> {
    return this.#watch.ticker(symbol, options);
  }
  override watchOrderBook(symbol: string, options?: WatchOptions & OrderBookQuery): AsyncIterable<OrderBook> {
    return this.#watch.orderBook(symbol, options);
  }
  override watchTrades(symbol: string, options?: WatchOptions): AsyncIterable<Trade> {
    return this.#watch.trades(symbol, options);
  }
  override watchKlines(symbol: string, interval: string, options?: WatchOptions): AsyncIterable<Bar> {
    return this.#watch.klines(symbol, interval, options);
  }
  override watchOrders(options?: WatchOptions): AsyncIterable<Order> {
    return this.trading.watchOrders(options);
  }
  override watchBalances(options?: WatchOptions): AsyncIterable<Balance[]> {
    return this.trading.watchBalances(options);
  }

  async #loadInstruments(): Promise<BinanceInstrument[]> {
    const info = await this.resources.rest.exchangeInfo();
    const instruments = parseInstruments(this.market, info, {
      onInvalid: (symbol, error) =>
        this.options.logger.debug('Binance exchangeInfo: symbol skipped', { symbol, error: error.message }),
    });
    this.#symbols.update(instruments);
    return instruments;
  }

  #context(): FeedContext {
    const feed = this;
    const symbols = this.#symbols;
    return {
      market: this.market,
      settings: this.settings,
      resources: this.resources,
      logger: this.options.logger,
      async instrument(symbol: string): Promise<BinanceInstrument> {
        const known = typeof symbol === 'string' ? symbols.find(symbol) : undefined;
        if (known !== undefined) return known;
        await feed.#instruments();
        return symbols.instrument(symbol);
      },
      instruments: () => this.#instruments(),
      names: (symbol: string): SymbolNames => symbols.find(symbol) ?? { symbol, unifiedSymbol: symbol },
      requireCredentials: (operation: string): Credentials => this.requireCredentials(operation),
      stream: <T>(label: string, start: StartSubscription<T>, options: FeedStreamOptions) =>
        this.stream<T>(label, start, options),
      malformed: (where: string, error: unknown): void => {
        if (this.#malformed++ % MALFORMED_LOG_EVERY === 0)
          this.options.logger.warn(`Binance ${where}: skipped a message that could not be read`, {
            error: error instanceof Error ? error.message : String(error),
            malformedSoFar: this.#malformed,
          });
      },
    };
  }
}
