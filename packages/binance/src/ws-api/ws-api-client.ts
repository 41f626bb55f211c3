// BinanceWsApi: the WebSocket API session with typed methods for what trading code uses most —
// time, depth, order placement / cancel / status, open orders, account state, the account's
// trades — on top of `request()` for any other method. Results are Binance's JSON, shaped as the
// REST answers (wire-types.ts); `parsing/` turns them into models.
import { NotSupportedError, ValidationError } from '@venuekit/base';
import type { BinanceOrderParams, BinanceOrderRef, MyTradesQuery } from '../rest/rest-client.js';
import type {
  AccountTradeWire,
  BookTickerWire,
  DepthWire,
  ExchangeInfoWire,
  FuturesAccountWire,
  FuturesBalanceWire,
  OrderWire,
  PositionRiskWire,
  ServerTimeWire,
  SpotAccountWire,
} from '../rest/wire-types.js';
import { BinanceWsApiCore, type WsApiRequestOptions } from './ws-api-core.js';

/** Options of calls that may be cancelled or given their own deadline. */
export type WsApiCallOptions = Pick<WsApiRequestOptions, 'signal' | 'timeoutMs'>;

/** The result of `session.logon` / `session.status` / `session.logout`. */
export interface WsApiSessionInfo {
  apiKey: string | null;
  authorizedSince: number | null;
  connectedSince: number;
  returnRateLimits: boolean;
  serverTime: number;
  userDataStream?: boolean;
}

function requireSymbol(symbol: unknown, field = 'symbol'): string {
  if (typeof symbol !== 'string' || symbol.length === 0)
    throw new ValidationError(`${field}: expected a Binance symbol such as "BTCUSDT"`, { venue: 'binance' });
  return symbol;
}

function orderRef(ref: BinanceOrderRef): Record<string, unknown> {
  requireSymbol(ref?.symbol);
  if (ref.orderId === undefined && ref.origClientOrderId === undefined)
    throw new ValidationError('order: give orderId or origClientOrderId', { venue: 'binance' });
  return { ...ref };
}

/**
 * A Binance WebSocket API session (Spot `ws-api/v3`, USD-M `ws-fapi/v1`).
 *
 * ```ts
 * await using api = new BinanceWsApi({ credentials, market: 'spot' });
 * await api.start();
 * const order = await api.placeOrder({ symbol: 'BTCUSDT', side: 'BUY', type: 'LIMIT',
 *   timeInForce: 'GTC', quantity: '0.001', price: '50000' });
 * ```
 */
export class BinanceWsApi extends BinanceWsApiCore {
  /** `ping` (Spot; USD-M's WS API has none): resolves when Binance answers. */
  async ping(options?: WsApiCallOptions): Promise<Record<string, never>> {
    this.#spotOnly('ping');
    return this.request('ping', {}, options);
  }

  /** `time` (Spot; USD-M's WS API has none — use a REST client's synced clock): the server's time. */
  async time(options?: WsApiCallOptions): Promise<ServerTimeWire> {
    this.#spotOnly('time');
    return this.request('time', {}, options);
  }

  /** `exchangeInfo` (Spot): symbols, filters and rate limits, optionally for some symbols. */
  async exchangeInfo(symbols?: readonly string[], options?: WsApiCallOptions): Promise<ExchangeInfoWire> {
    this.#spotOnly('exchangeInfo');
    return this.request('exchangeInfo', symbols === undefined ? {} : { symbols: [...symbols] }, options);
  }

  /** `depth`: an order-book snapshot (`limit` levels per side; its weight depends on it). */
  async depth(symbol: string, limit?: number, options?: WsApiCallOptions): Promise<DepthWire> {
    return this.request('depth', { symbol: requireSymbol(symbol), limit }, options);
  }

  /** `ticker.book`: best bid and ask of one symbol. */
  async bookTicker(symbol: string, options?: WsApiCallOptions): Promise<BookTickerWire> {
    return this.request('ticker.book', { symbol: requireSymbol(symbol) }, options);
  }

  /**
   * `order.place`: places an order (parameters as Binance names them; `buildOrderParams` makes
   * them from an OrderRequest). Counts on the ORDERS limits: refused before sending when one has
   * no room. A lost answer (timeout, drop) leaves the outcome unknown: query by clientOrderId.
   */
  async placeOrder(params: BinanceOrderParams, options?: WsApiCallOptions): Promise<OrderWire> {
    requireSymbol(params?.symbol, 'params.symbol');
    return this.request('order.place', { ...params }, options);
  }

  /** `order.test`: validates an order without sending it to the matching engine. */
  async testOrder(params: BinanceOrderParams, options?: WsApiCallOptions): Promise<Record<string, unknown>> {
    requireSymbol(params?.symbol, 'params.symbol');
    return this.request('order.test', { ...params }, options);
  }

  /** `order.cancel`: cancels one order by `orderId` or `origClientOrderId`. */
  async cancelOrder(ref: BinanceOrderRef, options?: WsApiCallOptions): Promise<OrderWire> {
    return this.request('order.cancel', orderRef(ref), options);
  }

  /** `order.status`: one order's current state. */
  async orderStatus(ref: BinanceOrderRef, options?: WsApiCallOptions): Promise<OrderWire> {
    return this.request('order.status', orderRef(ref), options);
  }

  /** `openOrders.status` (Spot): open orders of one symbol, or all (weight 6 vs 80). */
  async openOrders(symbol?: string, options?: WsApiCallOptions): Promise<OrderWire[]> {
    this.#spotOnly('openOrders.status');
    return this.request('openOrders.status', { symbol }, options);
  }

  /** `openOrders.cancelAll` (Spot): cancels every open order of `symbol`. */
  async cancelAllOrders(symbol: string, options?: WsApiCallOptions): Promise<OrderWire[]> {
    this.#spotOnly('openOrders.cancelAll');
    return this.request('openOrders.cancelAll', { symbol: requireSymbol(symbol) }, options);
  }

  /** `myTrades` (Spot): the account's trades of `symbol`. */
  async myTrades(
    symbol: string,
    query: MyTradesQuery = {},
    options?: WsApiCallOptions,
  ): Promise<AccountTradeWire[]> {
    this.#spotOnly('myTrades');
    return this.request('myTrades', { symbol: requireSymbol(symbol), ...query }, options);
  }

  /** `account.status`: Spot account (balances) or USD-M account (assets and positions). */
  accountStatus(options?: WsApiCallOptions): Promise<SpotAccountWire | FuturesAccountWire> {
    return this.request('account.status', {}, options);
  }

  /** `account.balance` (USD-M): one entry per asset. */
  async accountBalance(options?: WsApiCallOptions): Promise<FuturesBalanceWire[]> {
    this.#usdmOnly('account.balance');
    return this.request('account.balance', {}, options);
  }

  /** `account.position` (USD-M): positions, optionally of one symbol. */
  async positions(symbol?: string, options?: WsApiCallOptions): Promise<PositionRiskWire[]> {
    this.#usdmOnly('account.position');
    return this.request('account.position', { symbol }, options);
  }

  /** `account.rateLimits.orders` (Spot): the account's ORDERS usage as Binance counts it. */
  async orderRateLimits(options?: WsApiCallOptions): Promise<Array<Record<string, unknown>>> {
    this.#spotOnly('account.rateLimits.orders');
    return this.request('account.rateLimits.orders', {}, options);
  }

  /** `session.status`: which key (if any) the session is logged on with. */
  sessionStatus(options?: WsApiCallOptions): Promise<WsApiSessionInfo> {
    return this.request('session.status', {}, options);
  }

  #spotOnly(method: string): void {
    if (this.market !== 'spot')
      throw new NotSupportedError(
        `Binance WS API ${method} exists on Spot only (this session is ${this.market})`,
        {
          venue: 'binance',
        },
      );
  }

  #usdmOnly(method: string): void {
    if (this.market !== 'usdm')
      throw new NotSupportedError(
        `Binance WS API ${method} exists on USD-M futures only (this session is spot)`,
        {
          venue: 'binance',
        },
      );
  }
}
