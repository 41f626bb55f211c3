// A Bybit v5 feed (one category: spot or linear) on the VenueFeed contract: REST queries and
// trading through BybitRestClient, market streams through the public streams (trades, tickers,
// klines) and local order books. Symbols are accepted as Bybit writes them (`BTCUSDT`) or unified
// (`BTC/USDT`, `BTC/USDT:USDT`). The class wires the parts, split like Binance's feed: market
// data (market-data.ts), market streams (market-watch.ts) and trading (trading.ts), sharing the
// feed through a FeedContext and its transports through FeedResources.
//
// placeOrder and cancelOrder reflect Bybit's ASYNCHRONOUS acknowledgements: placeOrder resolves
// to the order as requested with Bybit's orderId, status `'open'` and nothing filled — meaning
// "accepted", not "resting" (it may fill at once, or be rejected later); cancelOrder sends the
// cancel first and resolves to the order as Bybit lists it just after (it may still show as open).
// Follow an order to its end with getOrder (realtime list, then history) or the private streams.
// Order ids may be Bybit's orderId or your orderLinkId (see order-refs.ts).
import {
  BaseFeed,
  type Balance,
  type Bar,
  type Instrument,
  type KlinesQuery,
  type Order,
  type OrderBook,
  type OrderBookQuery,
  type OrderRequest,
  type Position,
  type Ticker,
  type Trade,
  type TradesQuery,
  type WatchOptions,
} from '@venuekit/base';
import { BYBIT_URLS } from '../urls.js';
import { deferredIterable } from './deferred-iterable.js';
import type { FeedContext } from './feed-context.js';
import { type BybitFeedOptions, INSTRUMENTS_TTL_MS } from './feed-options.js';
import { FeedResources } from './feed-resources.js';
import { BybitMarketData } from './market-data.js';
import { BybitMarketWatch } from './market-watch.js';
import { BybitTrading } from './trading.js';

/** A Bybit feed of one category; use BybitSpotFeed / BybitLinearFeed (or createFeed). */
export class BybitFeed extends BaseFeed<BybitFeedOptions> {
  /** `'spot'` or `'linear'`. */
  readonly category: 'spot' | 'linear';
  readonly #res: FeedResources;
  readonly #data: BybitMarketData;
  readonly #watch: BybitMarketWatch;
  readonly #trading: BybitTrading;

  constructor(id: string, category: 'spot' | 'linear', options: BybitFeedOptions = {}) {
    super({ id, venue: 'bybit', options, capabilities: { getPositions: category === 'linear' } });
    this.category = category;
    const o = this.options;
    const env = o.environment;
    const urls = BYBIT_URLS[env];
    const publicKey = category === 'spot' ? 'publicSpot' : 'publicLinear';
    this.#res = new FeedResources({
      category,
      environment: env,
      restUrl: this.endpoint('rest', { prod: BYBIT_URLS.prod.rest, testnet: BYBIT_URLS.testnet.rest }),
      publicUrl: this.endpoint(publicKey, { [env]: urls[publicKey] }),
      privateUrl: this.endpoint('private', { [env]: urls.private }),
      credentials: o.credentials,
      session: o.session as never,
      limiter: o.limiter,
      clock: o.clock,
      logger: o.logger,
      recvWindow: o.recvWindow,
      timeoutMs: o.timeoutMs,
      bookDepth: o.bookDepth,
      instrumentsTtlMs: o.instrumentsTtlMs ?? INSTRUMENTS_TTL_MS,
    });
    const ctx = this.#context();
    this.#data = new BybitMarketData(ctx);
    this.#watch = new BybitMarketWatch(ctx);
    this.#trading = new BybitTrading(ctx);
  }

  protected override async open(): Promise<void> {
    await this.#res.instruments();
  }

  protected override async close(): Promise<void> {
    await this.#res.close();
  }

  override async getInstruments(): Promise<Instrument[]> {
    return [...(await this.#res.instruments()).instruments()];
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

  /** Bars of `interval` as Bybit names it (`'1'` … `'M'`) or unified (`'1m'`, `'1h'`, `'1d'`), like watchKlines. */
  override getKlines(symbol: string, interval: string, query?: KlinesQuery): Promise<Bar[]> {
    return this.#data.klines(symbol, interval, query);
  }

  /**
   * Sends the order with an orderLinkId (the request's clientOrderId, or a fresh `vk…` one) and,
   * on linear, the positionIdx of the `positionMode` option. If Bybit's answer is lost, the error
   * (BybitOrderOutcomeUnknownError, not retryable) names that orderLinkId: look the order up with
   * getOrder(symbol, orderLinkId) before sending it again.
   */
  override placeOrder(order: OrderRequest): Promise<Order> {
    return this.#trading.placeOrder(order);
  }

  /**
   * Cancels by Bybit's orderId or your orderLinkId (see orderIdRef) — nothing is read before the
   * cancel — then reads the order back, best effort. When that read fails or Bybit does not list
   * the order yet, the OrderNotFoundError says the cancel WAS accepted (`details.cancelAccepted`);
   * query the order again with getOrder.
   */
  override cancelOrder(symbol: string, id: string): Promise<Order> {
    return this.#trading.cancelOrder(symbol, id);
  }

  /**
   * The order with Bybit's orderId or your orderLinkId: from the realtime list (open and recent
   * closed), else from the order history (older closed orders).
   */
  override getOrder(symbol: string, id: string): Promise<Order> {
    return this.#trading.getOrder(symbol, id);
  }

  override getOpenOrders(symbol?: string): Promise<Order[]> {
    return this.#trading.getOpenOrders(symbol);
  }

  override getBalances(): Promise<Balance[]> {
    return this.#trading.getBalances();
  }

  override getPositions(symbol?: string): Promise<Position[]> {
    return this.#trading.getPositions(symbol);
  }

  override watchTicker(symbol: string, options?: WatchOptions): AsyncIterable<Ticker> {
    return this.#watch.ticker(symbol, options);
  }

  override watchTrades(symbol: string, options?: WatchOptions): AsyncIterable<Trade> {
    return this.#watch.trades(symbol, options);
  }

  override watchKlines(symbol: string, interval: string, options?: WatchOptions): AsyncIterable<Bar> {
    return this.#watch.klines(symbol, interval, options);
  }

  override watchOrderBook(symbol: string, options?: WatchOptions & OrderBookQuery): AsyncIterable<OrderBook> {
    return this.#watch.orderBook(symbol, options);
  }

  /** Changes to this category's orders, from the private stream (authenticated on every reconnect). */
  override watchOrders(options?: WatchOptions): AsyncIterable<Order> {
    return this.#trading.watchOrders(options);
  }

  /**
   * The wallet's balances after each change. Bybit pushes no snapshot on subscribe, so the first
   * item is read from REST (`getBalances`); later ones come from the private stream.
   */
  override watchBalances(options?: WatchOptions): AsyncIterable<Balance[]> {
    return this.#trading.watchBalances(options);
  }

  #context(): FeedContext {
    const res = this.#res;
    return {
      category: this.category,
      resources: res,
      positionMode: this.options.positionMode ?? 'one-way',
      requireCredentials: (operation) => this.requireCredentials(operation),
      notSupported: (operation) => this.notSupported(operation),
      later: <T>(start: (venueSymbol: string) => AsyncIterable<T>, symbol?: string): AsyncIterable<T> =>
        deferredIterable(async () => {
          if (symbol === undefined) {
            await res.instruments();
            return '';
          }
          return (await res.instrument(symbol)).symbol;
        }, start),
    };
  }
}
