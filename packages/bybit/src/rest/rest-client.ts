// BybitRestClient: BybitHttpClient plus the typed v5 endpoints a feed needs — server time,
// instruments (all pages), tickers, order book, recent trades, klines, wallet balance, order
// create / cancel / query (open — every page —, recent and history), positions (every page). A list
// that does not end within MAX_LIST_PAGES pages throws BybitIncompleteListError. Answers are Bybit's own shapes (see wire-types.ts; the
// parsing folder turns them into venuekit models) with two fixes: klines and recent trades come
// back OLDEST FIRST (Bybit sends them newest first). `placeOrder` builds the body from a venuekit
// OrderRequest (spot market orders sized in the base coin via marketUnit).
//
// Order acknowledgements are ASYNCHRONOUS on Bybit: `createOrder` / `placeOrder` / `cancelOrder`
// resolve to `{ orderId, orderLinkId }` once Bybit has accepted the request — not when the order
// is on the book, filled or cancelled. Confirm with the `order` / `execution` streams or
// `getOrder()`; an accepted order can still be rejected afterwards.
import type { Instrument, OrderRequest } from '@venuekit/base';
import { ValidationError } from '@venuekit/base';
import { type BuildOrderOptions, buildOrderBody } from '../parsing/orders.js';
import { type BybitKlineInterval, isBybitKlineInterval } from '../parsing/market.js';
import { type BybitCallOptions, BybitHttpClient } from './http-client.js';
import { readAllPages } from './list-pages.js';
import type {
  BybitCategory,
  InstrumentWire,
  KlineRowWire,
  ListResultWire,
  OrderAckWire,
  OrderbookWire,
  OrderWire,
  PositionWire,
  RecentTradeWire,
  ServerTimeWire,
  TickerWire,
  WalletWire,
} from './wire-types.js';

/** Optional range of klines. */
export interface KlineQuery {
  /** Start of the first candle wanted, ms. */
  start?: number;
  /** Start of the last candle wanted, ms. */
  end?: number;
  /** 1–1000 (Bybit's default 200). */
  limit?: number;
}

/** Identifies one order: `orderId` or `orderLinkId`. */
export interface BybitOrderRef {
  /** The product: `'spot'`, `'linear'`, `'inverse'` or `'option'`. */
  category: BybitCategory;
  /** The venue symbol, e.g. `'BTCUSDT'`. */
  symbol: string;
  /** Bybit's order id. */
  orderId?: string;
  /** Your client order id. */
  orderLinkId?: string;
}

/** The order filters `GET /v5/order/realtime` and `/v5/order/history` share. */
export interface OrderFilter {
  /** The product: `'spot'`, `'linear'`, `'inverse'` or `'option'`. */
  category: BybitCategory;
  /** One venue symbol, e.g. `'BTCUSDT'`. */
  symbol?: string;
  /** All symbols of a base coin, e.g. `'BTC'`. */
  baseCoin?: string;
  /** All symbols settled in a coin, e.g. `'USDT'` (derivatives). */
  settleCoin?: string;
  /** Bybit's order id. */
  orderId?: string;
  /** Your client order id. */
  orderLinkId?: string;
}

/** Filters of `GET /v5/order/realtime`. */
export interface OrderQuery extends OrderFilter {
  /** 0: open orders (default); 1: recent closed orders. */
  openOnly?: 0 | 1;
  /** 1–50 orders a page (Bybit's default 20). */
  limit?: number;
  /** The previous page's `nextPageCursor`, to read the next page. */
  cursor?: string;
}

/** Filters of `GET /v5/order/history`. */
export interface OrderHistoryQuery extends OrderFilter {
  /** Bybit's order status, e.g. `'Filled'`, `'Cancelled'`, `'Rejected'`. */
  orderStatus?: string;
  /** Earliest creation time, ms (Bybit serves at most 7 days per query; default: the last 7 days). */
  startTime?: number;
  /** Latest creation time, ms. */
  endTime?: number;
  /** 1–50 (Bybit's default 20). */
  limit?: number;
  /** The previous page's `nextPageCursor`, to read the next page. */
  cursor?: string;
}

/** The largest page `/v5/position/list` serves. */
const POSITIONS_PAGE = 200;
/** The largest page `/v5/order/realtime` serves. */
const ORDERS_PAGE = 50;

function checkRef(ref: BybitOrderRef, method: string): void {
  if (ref.orderId === undefined && ref.orderLinkId === undefined)
    throw new ValidationError(`Bybit ${method}: give orderId or orderLinkId`, {
      venue: 'bybit',
      details: { field: 'orderId' },
    });
}

function requireSymbol(symbol: unknown, method: string): string {
  if (typeof symbol !== 'string' || symbol === '')
    throw new ValidationError(`Bybit ${method}: symbol must be a venue symbol such as "BTCUSDT"`, {
      venue: 'bybit',
      details: { field: 'symbol' },
    });
  return symbol;
}

/** The typed Bybit v5 REST client (see the module comment on asynchronous order acks). */
export class BybitRestClient extends BybitHttpClient {
  /** Bybit's time in ms (`GET /v5/market/time`). */
  async serverTime(options?: BybitCallOptions): Promise<number> {
    const r = await this.get<ServerTimeWire>('/v5/market/time', undefined, options);
    return /^\d{13,}$/.test(r.timeNano) ? Number(r.timeNano.slice(0, -6)) : Number(r.timeSecond) * 1000;
  }

  /** Every instrument of `category` (all pages; BybitIncompleteListError past 50), or one `symbol`. */
  instruments(
    category: BybitCategory,
    symbol?: string,
    options?: BybitCallOptions,
  ): Promise<InstrumentWire[]> {
    return readAllPages<InstrumentWire>(
      this,
      '/v5/market/instruments-info',
      { category, symbol, limit: category === 'spot' ? undefined : 1000 },
      options,
    );
  }

  /** Tickers of `category` (one `symbol`, or all) with the server time they were read at. */
  async tickers(
    category: BybitCategory,
    symbol?: string,
    options?: BybitCallOptions,
  ): Promise<{ list: TickerWire[]; time: number }> {
    const e = await this.requestEnvelope<ListResultWire<TickerWire>>(
      'GET',
      '/v5/market/tickers',
      { category, symbol },
      options,
    );
    return { list: e.result.list, time: e.time };
  }

  /** The order book (bids descending, asks ascending); `limit` 1–1000 (spot default 1, linear 25). */
  orderbook(
    category: BybitCategory,
    symbol: string,
    limit?: number,
    options?: BybitCallOptions,
  ): Promise<OrderbookWire> {
    return this.get<OrderbookWire>(
      '/v5/market/orderbook',
      { category, symbol: requireSymbol(symbol, 'orderbook'), limit },
      options,
    );
  }

  /** Recent public trades, OLDEST FIRST; `limit` spot 1–60, others 1–1000. */
  async recentTrades(
    category: BybitCategory,
    symbol: string,
    limit?: number,
    options?: BybitCallOptions,
  ): Promise<RecentTradeWire[]> {
    const r = await this.get<ListResultWire<RecentTradeWire>>(
      '/v5/market/recent-trade',
      { category, symbol: requireSymbol(symbol, 'recentTrades'), limit },
      options,
    );
    return r.list.slice().reverse();
  }

  /** Kline rows `[start, open, high, low, close, volume, turnover]`, OLDEST FIRST (Bybit sends newest first). */
  async klines(
    category: BybitCategory,
    symbol: string,
    interval: BybitKlineInterval,
    query: KlineQuery = {},
    options?: BybitCallOptions,
  ): Promise<KlineRowWire[]> {
    if (!isBybitKlineInterval(interval))
      throw new ValidationError(
        `Bybit klines: interval must be one of 1 3 5 15 30 60 120 240 360 720 D W M, got ${JSON.stringify(interval)}`,
        {
          venue: 'bybit',
          details: { field: 'interval' },
        },
      );
    const r = await this.get<{ list: KlineRowWire[] }>(
      '/v5/market/kline',
      {
        category,
        symbol: requireSymbol(symbol, 'klines'),
        interval,
        start: query.start,
        end: query.end,
        limit: query.limit,
      },
      options,
    );
    return r.list.slice().reverse();
  }

  /** The unified wallet (`accountType=UNIFIED`), optionally only some coins. */
  async walletBalance(coins?: readonly string[], options?: BybitCallOptions): Promise<WalletWire[]> {
    const r = await this.get<{ list: WalletWire[] }>(
      '/v5/account/wallet-balance',
      {
        accountType: 'UNIFIED',
        coin: coins === undefined || coins.length === 0 ? undefined : coins.join(','),
      },
      options,
    );
    return r.list;
  }

  /** Sends a `POST /v5/order/create` body as given. The ack is acceptance only (see the module comment). */
  createOrder(body: Readonly<Record<string, unknown>>, options?: BybitCallOptions): Promise<OrderAckWire> {
    return this.post<OrderAckWire>('/v5/order/create', body, options);
  }

  /**
   * Places a venuekit OrderRequest in `category`: quantity in the base coin (spot market orders
   * carry `marketUnit: 'baseCoin'`), price and size formatted on `instrument`'s grid when given.
   * Resolves to the asynchronous acknowledgement `{ orderId, orderLinkId }`.
   */
  placeOrder(
    category: BybitCategory,
    order: OrderRequest,
    instrument?: Pick<Instrument, 'tickSize' | 'stepSize'>,
    buildOptions: Omit<BuildOrderOptions, 'instrument'> = {},
    options?: BybitCallOptions,
  ): Promise<OrderAckWire> {
    return this.createOrder(buildOrderBody(category, order, { ...buildOptions, instrument }), options);
  }

  /** Cancels one order by orderId or orderLinkId. The ack is acceptance only. */
  cancelOrder(ref: BybitOrderRef, options?: BybitCallOptions): Promise<OrderAckWire> {
    checkRef(ref, 'cancelOrder');
    return this.post<OrderAckWire>(
      '/v5/order/cancel',
      {
        category: ref.category,
        symbol: requireSymbol(ref.symbol, 'cancelOrder'),
        orderId: ref.orderId,
        orderLinkId: ref.orderLinkId,
      },
      options,
    );
  }

  /** Orders from `GET /v5/order/realtime` (open ones by default), one page. */
  orders(query: OrderQuery, options?: BybitCallOptions): Promise<ListResultWire<OrderWire>> {
    return this.get<ListResultWire<OrderWire>>('/v5/order/realtime', { ...query }, options);
  }

  /**
   * Every open order of `category` for a symbol, a base coin or a settle coin (Bybit wants one of
   * them on derivatives): all pages of `GET /v5/order/realtime`, 50 a page; BybitIncompleteListError
   * if the list has not ended after 50 pages, rather than a list missing orders.
   */
  openOrders(
    query: Omit<OrderQuery, 'openOnly' | 'limit' | 'cursor'>,
    options?: BybitCallOptions,
  ): Promise<OrderWire[]> {
    return readAllPages<OrderWire>(
      this,
      '/v5/order/realtime',
      { ...query, openOnly: 0, limit: ORDERS_PAGE },
      options,
    );
  }

  /**
   * One order by orderId or orderLinkId from `GET /v5/order/realtime`: open, or among the 500 most
   * recently closed; `undefined` when it is not there (see {@link findOrder}, which also asks the
   * history).
   */
  async getOrder(ref: BybitOrderRef, options?: BybitCallOptions): Promise<OrderWire | undefined> {
    checkRef(ref, 'getOrder');
    const r = await this.orders({ ...ref }, options);
    return r.list[0];
  }

  /** Closed orders from `GET /v5/order/history` (Bybit keeps cancelled ones 24 h, filled ones longer), one page. */
  orderHistory(query: OrderHistoryQuery, options?: BybitCallOptions): Promise<ListResultWire<OrderWire>> {
    return this.get<ListResultWire<OrderWire>>('/v5/order/history', { ...query }, options);
  }

  /**
   * One order wherever Bybit lists it: `/v5/order/realtime` first (open and recent closed), then
   * `/v5/order/history` (older closed orders, and closed ones after a Bybit restart);
   * `undefined` when neither knows it (yet: acknowledgements are asynchronous).
   */
  async findOrder(ref: BybitOrderRef, options?: BybitCallOptions): Promise<OrderWire | undefined> {
    checkRef(ref, 'findOrder');
    const live = await this.getOrder(ref, options);
    if (live !== undefined) return live;
    const r = await this.orderHistory({ ...ref }, options);
    return r.list[0];
  }

  /**
   * Positions of `category` (linear/inverse) for one symbol or a settle coin: every page (200 a
   * page, following `nextPageCursor`); BybitIncompleteListError if the list has not ended after 50
   * pages, rather than a list missing positions.
   */
  positions(
    query: { category: BybitCategory; symbol?: string; settleCoin?: string },
    options?: BybitCallOptions,
  ): Promise<PositionWire[]> {
    return readAllPages<PositionWire>(
      this,
      '/v5/position/list',
      { ...query, limit: POSITIONS_PAGE },
      options,
    );
  }
}
