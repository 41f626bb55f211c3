// A Bybit v5 feed (one category: spot or linear) on the VenueFeed contract: REST queries and
// trading through BybitRestClient, market streams through the public streams (trades, tickers,
// klines) and local order books. Symbols are accepted as Bybit writes them (`BTCUSDT`) or unified
// (`BTC/USDT`, `BTC/USDT:USDT`).
//
// placeOrder and cancelOrder reflect Bybit's ASYNCHRONOUS acknowledgements: placeOrder resolves
// to the order as requested with Bybit's orderId, status `'open'` and nothing filled — meaning
// "accepted", not "resting" (it may fill at once, or be rejected later); cancelOrder sends the
// cancel first and resolves to the order as Bybit lists it just after (it may still show as open).
// Follow an order to its end with getOrder (realtime list, then history) or the private streams.
// Order ids may be Bybit's orderId or your orderLinkId (see order-refs.ts).
import {
  BadSymbolError,
  BaseFeed,
  type Balance,
  type Bar,
  type Instrument,
  type KlinesQuery,
  type Order,
  type OrderBook,
  type OrderBookQuery,
  OrderNotFoundError,
  type OrderRequest,
  parseOrderRequest,
  type Position,
  type Ticker,
  type Trade,
  type TradesQuery,
  type WatchOptions,
} from '@venuekit/base';
import { parsePosition, parseWalletBalances } from '../parsing/account.js';
import {
  type BybitKlineInterval,
  parseKlines,
  parseOrderbook,
  parseRecentTrades,
  parseTicker,
} from '../parsing/market.js';
import { buildOrderBody, parseOrder } from '../parsing/orders.js';
import type { OrderWire } from '../rest/wire-types.js';
import { klineInterval } from '../streams/topics.js';
import { BYBIT_URLS } from '../urls.js';
import { deferredIterable } from './deferred-iterable.js';
import { type BybitFeedOptions, INSTRUMENTS_TTL_MS } from './feed-options.js';
import { FeedResources } from './feed-resources.js';
import { newOrderLinkId, orderIdRef, positionIdxOf } from './order-refs.js';

const MAX_ORDER_PAGES = 20;

/** A Bybit feed of one category; use BybitSpotFeed / BybitLinearFeed (or createFeed). */
export class BybitFeed extends BaseFeed<BybitFeedOptions> {
  /** `'spot'` or `'linear'`. */
  readonly category: 'spot' | 'linear';
  readonly #res: FeedResources;

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

  override async getTicker(symbol: string): Promise<Ticker> {
    const i = await this.#res.instrument(symbol);
    const { list, time } = await this.#res.rest.tickers(this.category, i.symbol);
    if (list[0] === undefined)
      throw new BadSymbolError(`Bybit returned no ticker for ${i.symbol}`, { venue: 'bybit' });
    return parseTicker(list[0], i, time);
  }

  override async getOrderBook(symbol: string, query: OrderBookQuery = {}): Promise<OrderBook> {
    const i = await this.#res.instrument(symbol);
    return parseOrderbook(await this.#res.rest.orderbook(this.category, i.symbol, query.limit ?? 50), i);
  }

  override async getTrades(symbol: string, query: TradesQuery = {}): Promise<Trade[]> {
    const i = await this.#res.instrument(symbol);
    return parseRecentTrades(await this.#res.rest.recentTrades(this.category, i.symbol, query.limit), i);
  }

  /** Bars of `interval` as Bybit names it (`'1'` … `'M'`) or unified (`'1m'`, `'1h'`, `'1d'`), like watchKlines. */
  override async getKlines(symbol: string, interval: string, query: KlinesQuery = {}): Promise<Bar[]> {
    const bybitInterval = klineInterval(interval) as BybitKlineInterval;
    const i = await this.#res.instrument(symbol);
    const rows = await this.#res.rest.klines(this.category, i.symbol, bybitInterval, query);
    const bars = parseKlines(rows, bybitInterval, i, this.#res.rest.clock.now());
    if (interval !== bybitInterval) for (const bar of bars) bar.interval = interval;
    return bars;
  }

  /**
   * Sends the order with an orderLinkId (the request's clientOrderId, or a fresh `vk…` one) and,
   * on linear, the positionIdx of the `positionMode` option. If Bybit's answer is lost, the error
   * (BybitOrderOutcomeUnknownError, not retryable) names that orderLinkId: look the order up with
   * getOrder(symbol, orderLinkId) before sending it again.
   */
  override async placeOrder(order: OrderRequest): Promise<Order> {
    this.requireCredentials('placeOrder');
    const o = parseOrderRequest(order);
    const i = await this.#res.instrument(o.symbol);
    const clientOrderId = o.clientOrderId ?? newOrderLinkId(this.#res.rest.clock.now());
    const body = buildOrderBody(this.category, { ...o, symbol: i.symbol, clientOrderId }, { instrument: i });
    if (this.category === 'linear')
      body.positionIdx = positionIdxOf(this.options.positionMode ?? 'one-way', o.side, o.reduceOnly === true);
    const ack = await this.#res.rest.createOrder(body);
    const now = this.#res.rest.clock.now();
    const placed: Order = {
      venue: 'bybit',
      symbol: i.symbol,
      unifiedSymbol: i.unifiedSymbol,
      id: ack.orderId,
      clientOrderId: ack.orderLinkId !== '' ? ack.orderLinkId : clientOrderId,
      side: o.side,
      type: o.type,
      status: 'open',
      quantity: Number(body.qty),
      filledQuantity: 0,
      postOnly: o.postOnly === true,
      reduceOnly: o.reduceOnly === true,
      createdAt: now,
      updatedAt: now,
    };
    if (body.price !== undefined) placed.price = Number(body.price);
    if (body.triggerPrice !== undefined) placed.triggerPrice = Number(body.triggerPrice);
    if (o.timeInForce !== undefined) placed.timeInForce = o.timeInForce;
    return placed;
  }

  /**
   * Cancels by Bybit's orderId or your orderLinkId (see orderIdRef) — nothing is read before the
   * cancel — then reads the order back, best effort. When that read fails or Bybit does not list
   * the order yet, the OrderNotFoundError says the cancel WAS accepted (`details.cancelAccepted`);
   * query the order again with getOrder.
   */
  override async cancelOrder(symbol: string, id: string): Promise<Order> {
    this.requireCredentials('cancelOrder');
    const i = await this.#res.instrument(symbol);
    const ref = { category: this.category, symbol: i.symbol, ...orderIdRef(id) };
    const ack = await this.#res.rest.cancelOrder(ref);
    let readError: unknown;
    const listed = await this.#res.rest.findOrder(ref).catch((error: unknown) => {
      readError = error;
      return undefined;
    });
    if (listed !== undefined) return parseOrder(listed, i);
    throw new OrderNotFoundError(
      `Bybit accepted the cancel of ${ack.orderId} on ${i.symbol}, but ${readError === undefined ? 'does not list the order yet' : 'reading it back failed'}; query it again with getOrder`,
      {
        venue: 'bybit',
        cause: readError,
        details: {
          symbol: i.symbol,
          orderId: ack.orderId,
          orderLinkId: ack.orderLinkId,
          cancelAccepted: true,
        },
      },
    );
  }

  /**
   * The order with Bybit's orderId or your orderLinkId: from the realtime list (open and recent
   * closed), else from the order history (older closed orders).
   */
  override async getOrder(symbol: string, id: string): Promise<Order> {
    this.requireCredentials('getOrder');
    const i = await this.#res.instrument(symbol);
    const wire = await this.#res.rest.findOrder({
      category: this.category,
      symbol: i.symbol,
      ...orderIdRef(id),
    });
    if (wire === undefined)
      throw new OrderNotFoundError(
        `Bybit does not list order ${id} on ${i.symbol}, open or in its history (unknown, or not yet taken in after its acknowledgement)`,
        { venue: 'bybit', details: { symbol: i.symbol, id } },
      );
    return parseOrder(wire, i);
  }

  override async getOpenOrders(symbol?: string): Promise<Order[]> {
    this.requireCredentials('getOpenOrders');
    const mapper = await this.#res.instruments();
    const scopes: Array<{ symbol?: string; settleCoin?: string }> =
      symbol !== undefined
        ? [{ symbol: (await this.#res.instrument(symbol)).symbol }]
        : this.category === 'spot'
          ? [{}]
          : [...new Set([...mapper.instruments()].map((i) => i.settle ?? i.quote))].map((settleCoin) => ({
              settleCoin,
            }));
    const out: Order[] = [];
    for (const scope of scopes) {
      let cursor: string | undefined;
      for (let page = 0; page < MAX_ORDER_PAGES; page++) {
        const r = await this.#res.rest.orders({ category: this.category, ...scope, limit: 50, cursor });
        for (const w of r.list) out.push(this.#order(w));
        cursor = r.nextPageCursor;
        if (cursor === undefined || cursor === '') break;
      }
    }
    return out;
  }

  override async getBalances(): Promise<Balance[]> {
    this.requireCredentials('getBalances');
    return parseWalletBalances(await this.#res.rest.walletBalance());
  }

  override async getPositions(symbol?: string): Promise<Position[]> {
    if (this.category !== 'linear') throw this.notSupported('getPositions');
    this.requireCredentials('getPositions');
    const mapper = await this.#res.instruments();
    const queries =
      symbol !== undefined
        ? [{ symbol: (await this.#res.instrument(symbol)).symbol }]
        : [...new Set([...mapper.instruments()].map((i) => i.settle ?? i.quote))].map((settleCoin) => ({
            settleCoin,
          }));
    const now = this.#res.rest.clock.now();
    const out: Position[] = [];
    for (const q of queries) {
      for (const w of await this.#res.rest.positions({ category: 'linear', ...q })) {
        const names = this.#res.names(w.symbol) ?? { symbol: w.symbol, unifiedSymbol: w.symbol };
        const p = parsePosition(w, names, now);
        if (p !== undefined) out.push(p);
      }
    }
    return out;
  }

  override watchTicker(symbol: string, options?: WatchOptions): AsyncIterable<Ticker> {
    return this.#later((s) => this.#res.watchers.watchTicker(s, options), symbol);
  }

  override watchTrades(symbol: string, options?: WatchOptions): AsyncIterable<Trade> {
    return this.#later((s) => this.#res.watchers.watchTrades(s, options), symbol);
  }

  override watchKlines(symbol: string, interval: string, options?: WatchOptions): AsyncIterable<Bar> {
    return this.#later((s) => this.#res.watchers.watchKlines(s, interval, options), symbol);
  }

  override watchOrderBook(symbol: string, options?: WatchOptions & OrderBookQuery): AsyncIterable<OrderBook> {
    return this.#later((s) => this.#res.books.watchOrderBook(s, options), symbol);
  }

  /** Changes to this category's orders, from the private stream (authenticated on every reconnect). */
  override watchOrders(options?: WatchOptions): AsyncIterable<Order> {
    const credentials = this.requireCredentials('watchOrders');
    return this.#later(() => this.#res.privateStream(credentials).watchOrders(options));
  }

  /**
   * The wallet's balances after each change. Bybit pushes no snapshot on subscribe, so the first
   * item is read from REST (`getBalances`); later ones come from the private stream.
   */
  override watchBalances(options?: WatchOptions): AsyncIterable<Balance[]> {
    const credentials = this.requireCredentials('watchBalances');
    const feed = this;
    const res = this.#res;
    return {
      async *[Symbol.asyncIterator]() {
        const stream = res.privateStream(credentials);
        await stream.connect();
        const it = stream.watchBalances(options)[Symbol.asyncIterator]();
        // Subscribe before reading the snapshot so no change between the two is missed.
        let pending = it.next();
        pending.catch(() => undefined);
        try {
          yield await feed.getBalances();
          for (;;) {
            const next = await pending;
            if (next.done === true) return;
            yield next.value;
            pending = it.next();
          }
        } finally {
          await it.return?.();
        }
      },
    };
  }

  #order(w: OrderWire): Order {
    return parseOrder(w, this.#res.names(w.symbol) ?? { symbol: w.symbol, unifiedSymbol: w.symbol });
  }

  /** An iterable that resolves `symbol` (loading instruments) before delegating to `start`. */
  #later<T>(start: (venueSymbol: string) => AsyncIterable<T>, symbol?: string): AsyncIterable<T> {
    const res = this.#res;
    return deferredIterable(async () => {
      if (symbol === undefined) {
        await res.instruments();
        return '';
      }
      return (await res.instrument(symbol)).symbol;
    }, start);
  }
}
