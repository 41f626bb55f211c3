// The feed's account side: orders (placed and cancelled over REST or, with orderTransport
// 'wsApi', over the WebSocket API session), order queries, balances, USD-M positions, and the
// account's streams (watchOrders, watchBalances) fed by the user-data stream. Orders are
// validated first (parseOrderRequest), then priced and sized on the instrument's grid as exact
// decimal text and checked against its minimums (buildOrderParams), before anything is sent.
// Every order carries a client order id (the request's clientOrderId, or a fresh `vk…` one), so
// an order whose answer was lost (OrderOutcomeUnknownError, details.clientOrderId) can be
// looked up with getOrder(symbol, clientOrderId) before it is sent again. In USD-M hedge mode
// (`positionMode: 'hedge'`) each order names the position it acts on (`positionSide`).
import { randomBytes } from 'node:crypto';
import {
  type Balance,
  InvalidOrderError,
  type Order,
  type OrderRequest,
  type Position,
  parseOrderRequest,
  type WatchOptions,
} from '@venuekit/base';
import { parseFuturesBalances, parsePositions, parseSpotBalances } from '../parsing/account.js';
import { buildOrderParams, parseOrder } from '../parsing/orders.js';
import type { BinanceOrderRef } from '../rest/rest-client.js';
import type { OrderWire } from '../rest/wire-types.js';
import type { OrderEvent } from '../user-data/order-events.js';
import type { FeedContext } from './feed-context.js';
import { orderRef } from './feed-queries.js';
import { applyPositionMode } from './position-mode.js';

/** Orders, account state and the account's streams of a Binance feed. */
export class BinanceTrading {
  readonly #ctx: FeedContext;

  constructor(ctx: FeedContext) {
    this.#ctx = ctx;
  }

  /**
   * Validates, sizes and sends the order with a client order id (yours, or a fresh one) and, in
   * USD-M hedge mode, the positionSide of the `positionMode` option. An answer lost after sending
   * rejects with OrderOutcomeUnknownError naming it in details.clientOrderId.
   */
  async placeOrder(input: OrderRequest): Promise<Order> {
    this.#ctx.requireCredentials('placeOrder');
    const order = parseOrderRequest(input);
    const instrument = await this.#ctx.instrument(order.symbol);
    if (!instrument.active)
      throw new InvalidOrderError(
        `${instrument.symbol} is not trading now (Binance status ${instrument.status}); no order was sent`,
        { venue: 'binance', details: { symbol: instrument.symbol, status: instrument.status } },
      );
    const params = applyPositionMode(
      buildOrderParams(order, instrument),
      this.#ctx.settings.positionMode,
      order.side,
      order.reduceOnly === true,
    );
    params.newClientOrderId ??= freshClientOrderId(Date.now());
    const wire = this.#viaWsApi
      ? await (await this.#ctx.resources.wsApi()).placeOrder(params)
      : await this.#ctx.resources.rest.placeOrder(params);
    return parseOrder(wire, instrument, this.#ctx.market);
  }

  async cancelOrder(symbol: string, id: string): Promise<Order> {
    this.#ctx.requireCredentials('cancelOrder');
    const { ref, names } = await this.#ref(symbol, id);
    const wire = this.#viaWsApi
      ? await (await this.#ctx.resources.wsApi()).cancelOrder(ref)
      : await this.#ctx.resources.rest.cancelOrder(ref);
    return parseOrder(wire, names, this.#ctx.market);
  }

  async getOrder(symbol: string, id: string): Promise<Order> {
    this.#ctx.requireCredentials('getOrder');
    const { ref, names } = await this.#ref(symbol, id);
    const wire = this.#viaWsApi
      ? await (await this.#ctx.resources.wsApi()).orderStatus(ref)
      : await this.#ctx.resources.rest.getOrder(ref);
    return parseOrder(wire, names, this.#ctx.market);
  }

  async getOpenOrders(symbol?: string): Promise<Order[]> {
    this.#ctx.requireCredentials('getOpenOrders');
    const venueSymbol = symbol === undefined ? undefined : (await this.#ctx.instrument(symbol)).symbol;
    if (venueSymbol === undefined) await this.#ctx.instruments();
    const wires: OrderWire[] = await this.#ctx.resources.rest.openOrders(venueSymbol);
    return wires.map((wire) => parseOrder(wire, this.#ctx.names(wire.symbol), this.#ctx.market));
  }

  async getBalances(): Promise<Balance[]> {
    this.#ctx.requireCredentials('getBalances');
    const rest = this.#ctx.resources.rest;
    return this.#ctx.market === 'spot'
      ? parseSpotBalances(await rest.spotAccount({ omitZeroBalances: true }))
      : parseFuturesBalances(await rest.futuresBalances());
  }

  /** USD-M only (the Spot feed does not offer it). */
  async getPositions(symbol?: string): Promise<Position[]> {
    this.#ctx.requireCredentials('getPositions');
    const venueSymbol = symbol === undefined ? undefined : (await this.#ctx.instrument(symbol)).symbol;
    if (venueSymbol === undefined) await this.#ctx.instruments();
    const wires = await this.#ctx.resources.rest.positionRisk(venueSymbol);
    return parsePositions(wires, (s) => this.#ctx.names(s));
  }

  /** Every change of the account's orders; default overflow `'error'` (an order update is never dropped silently). */
  watchOrders(options: WatchOptions = {}): AsyncIterable<Order> {
    this.#ctx.requireCredentials('watchOrders');
    return this.#ctx.stream<Order>(
      'watchOrders',
      async (push) => {
        const userData = await this.#ctx.resources.userData();
        const listener = (event: OrderEvent): void => push(event.order);
        userData.on('order', listener);
        return () => userData.off('order', listener);
      },
      {
        signal: options.signal,
        capacity: options.capacity ?? 10_000,
        overflow: options.overflow ?? 'error',
      },
    );
  }

  /**
   * Every balance the account holds: first the current ones, then all of them again after each
   * change. Default overflow `'conflate'` (the newest state replaces an unread one).
   */
  watchBalances(options: WatchOptions = {}): AsyncIterable<Balance[]> {
    this.#ctx.requireCredentials('watchBalances');
    return this.#ctx.stream<Balance[]>(
      'watchBalances',
      async (push) => {
        const userData = await this.#ctx.resources.userData();
        const listener = (): void => push(userData.balances());
        listener();
        userData.on('balances', listener);
        return () => userData.off('balances', listener);
      },
      {
        signal: options.signal,
        capacity: options.capacity ?? 16,
        overflow: options.overflow ?? 'conflate',
      },
    );
  }

  get #viaWsApi(): boolean {
    return this.#ctx.settings.orderTransport === 'wsApi';
  }

  async #ref(symbol: string, id: string) {
    const instrument = await this.#ctx.instrument(symbol);
    const ref: BinanceOrderRef = orderRef(instrument.symbol, id);
    return { ref, names: instrument };
  }
}

/**
 * A client order id for an order sent without one: `vk`, the time in base 36 and 12 random hex
 * digits (22 characters, within Binance's `^[.A-Z:/a-z0-9_-]{1,36}$`). Never all digits, so
 * getOrder and cancelOrder read it as a client order id, not as Binance's orderId.
 */
export function freshClientOrderId(now: number): string {
  return `vk${Math.trunc(now).toString(36)}${randomBytes(6).toString('hex')}`;
}
