// The feed's account side: orders placed, cancelled and queried over REST, open orders paged per
// symbol or settle coin, wallet balances, linear positions, and the account's streams
// (watchOrders, watchBalances) fed by the private stream. Bybit acknowledges orders
// ASYNCHRONOUSLY: placeOrder resolves to the order as requested with Bybit's orderId and status
// `'open'` ("accepted", not "resting"); cancelOrder sends the cancel first, then reads the order
// back. Ids are Bybit's orderId or the user's orderLinkId (order-refs.ts).
import {
  type Balance,
  type Order,
  OrderNotFoundError,
  type OrderRequest,
  parseOrderRequest,
  type Position,
  type WatchOptions,
} from '@venuekit/base';
import { parsePosition, parseWalletBalances } from '../parsing/account.js';
import { buildOrderBody, parseOrder } from '../parsing/orders.js';
import type { OrderWire } from '../rest/wire-types.js';
import type { FeedContext } from './feed-context.js';
import { newOrderLinkId, orderIdRef, positionIdxOf } from './order-refs.js';

/** Orders, account state and the account's streams of a Bybit feed (see BybitFeed for each method's contract). */
export class BybitTrading {
  readonly #ctx: FeedContext;

  constructor(ctx: FeedContext) {
    this.#ctx = ctx;
  }

  /** Sends the order with an orderLinkId (the request's or a fresh `vk…` one) and, on linear, its positionIdx. */
  async placeOrder(order: OrderRequest): Promise<Order> {
    const ctx = this.#ctx;
    const res = ctx.resources;
    ctx.requireCredentials('placeOrder');
    const o = parseOrderRequest(order);
    const i = await res.instrument(o.symbol);
    const clientOrderId = o.clientOrderId ?? newOrderLinkId(res.rest.clock.now());
    const body = buildOrderBody(ctx.category, { ...o, symbol: i.symbol, clientOrderId }, { instrument: i });
    if (ctx.category === 'linear')
      body.positionIdx = positionIdxOf(ctx.positionMode, o.side, o.reduceOnly === true);
    const ack = await res.rest.createOrder(body);
    const now = res.rest.clock.now();
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

  /** Cancels (nothing read before), then reads the order back; OrderNotFoundError with `details.cancelAccepted` when that fails. */
  async cancelOrder(symbol: string, id: string): Promise<Order> {
    const res = this.#ctx.resources;
    this.#ctx.requireCredentials('cancelOrder');
    const i = await res.instrument(symbol);
    const ref = { category: this.#ctx.category, symbol: i.symbol, ...orderIdRef(id) };
    const ack = await res.rest.cancelOrder(ref);
    let readError: unknown;
    const listed = await res.rest.findOrder(ref).catch((error: unknown) => {
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

  /** The order from the realtime list, else from the order history. */
  async getOrder(symbol: string, id: string): Promise<Order> {
    const res = this.#ctx.resources;
    this.#ctx.requireCredentials('getOrder');
    const i = await res.instrument(symbol);
    const wire = await res.rest.findOrder({
      category: this.#ctx.category,
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

  async getOpenOrders(symbol?: string): Promise<Order[]> {
    const res = this.#ctx.resources;
    const category = this.#ctx.category;
    this.#ctx.requireCredentials('getOpenOrders');
    const mapper = await res.instruments();
    const scopes: Array<{ symbol?: string; settleCoin?: string }> =
      symbol !== undefined
        ? [{ symbol: (await res.instrument(symbol)).symbol }]
        : category === 'spot'
          ? [{}]
          : [...new Set([...mapper.instruments()].map((i) => i.settle ?? i.quote))].map((settleCoin) => ({
              settleCoin,
            }));
    const out: Order[] = [];
    // Every page of each scope; a list longer than the client reads is an error, never cut short.
    for (const scope of scopes)
      for (const w of await res.rest.openOrders({ category, ...scope })) out.push(this.#order(w));
    return out;
  }

  async getBalances(): Promise<Balance[]> {
    this.#ctx.requireCredentials('getBalances');
    return parseWalletBalances(await this.#ctx.resources.rest.walletBalance());
  }

  /** Linear only (the spot feed does not offer it). */
  async getPositions(symbol?: string): Promise<Position[]> {
    const res = this.#ctx.resources;
    if (this.#ctx.category !== 'linear') throw this.#ctx.notSupported('getPositions');
    this.#ctx.requireCredentials('getPositions');
    const mapper = await res.instruments();
    const queries =
      symbol !== undefined
        ? [{ symbol: (await res.instrument(symbol)).symbol }]
        : [...new Set([...mapper.instruments()].map((i) => i.settle ?? i.quote))].map((settleCoin) => ({
            settleCoin,
          }));
    const now = res.rest.clock.now();
    const out: Position[] = [];
    for (const q of queries) {
      for (const w of await res.rest.positions({ category: 'linear', ...q })) {
        const names = res.names(w.symbol) ?? { symbol: w.symbol, unifiedSymbol: w.symbol };
        const p = parsePosition(w, names, now);
        if (p !== undefined) out.push(p);
      }
    }
    return out;
  }

  /** Changes to this category's orders, from the private stream. */
  watchOrders(options?: WatchOptions): AsyncIterable<Order> {
    const credentials = this.#ctx.requireCredentials('watchOrders');
    return this.#ctx.later(() => this.#ctx.resources.privateStream(credentials).watchOrders(options));
  }

  /** The wallet's balances: first from REST (`getBalances`), then after each change from the private stream. */
  watchBalances(options?: WatchOptions): AsyncIterable<Balance[]> {
    const credentials = this.#ctx.requireCredentials('watchBalances');
    const trading = this;
    const res = this.#ctx.resources;
    return {
      async *[Symbol.asyncIterator]() {
        const stream = res.privateStream(credentials);
        await stream.connect();
        const it = stream.watchBalances(options)[Symbol.asyncIterator]();
        // Subscribe before reading the snapshot so no change between the two is missed.
        let pending = it.next();
        pending.catch(() => undefined);
        try {
          yield await trading.getBalances();
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
    return parseOrder(
      w,
      this.#ctx.resources.names(w.symbol) ?? { symbol: w.symbol, unifiedSymbol: w.symbol },
    );
  }
}
