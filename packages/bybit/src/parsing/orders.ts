// Orders both ways. buildOrderBody turns a venuekit OrderRequest (quantity always in the BASE
// coin) into a `POST /v5/order/create` body: prices and sizes as exact decimal text on the
// instrument's grid, `PostOnly` as the time in force, trigger orders with Bybit's
// triggerDirection, and — the trap — spot market orders with `marketUnit: 'baseCoin'`, because
// Bybit sizes a spot market BUY in the quote coin unless told otherwise (a 0.01 BTC buy would
// otherwise spend 0.01 USDT). parseOrder turns an order of `/v5/order/realtime` or `/history`,
// or an item of the private `order` topic (same fields plus `category`), into an Order: the one
// order parser, so REST and stream never disagree.
import {
  formatPrice,
  formatQuantity,
  type Instrument,
  type Order,
  type OrderRequest,
  type OrderStatus,
  type OrderType,
  parseOrderRequest,
  type TimeInForce,
  ValidationError,
} from '@venuekit/base';
import type { BybitCategory, OrderWire } from '../rest/wire-types.js';
import { decimalField, decimalOrZero, positiveOrUndefined, timeField } from './decimal-fields.js';
import type { SymbolNames } from './market.js';

/** Options of {@link buildOrderBody}. */
export interface BuildOrderOptions {
  /** Format price and quantity on this instrument's grid (recommended); without it they are sent as given. */
  instrument?: Pick<Instrument, 'tickSize' | 'stepSize'>;
  /**
   * Unit of `quantity` for spot market orders. Default `'baseCoin'` (venuekit's meaning of
   * quantity); `'quoteCoin'` sends it as an amount of the quote coin (Bybit's default for buys).
   */
  marketUnit?: 'baseCoin' | 'quoteCoin';
}

/** The body of `POST /v5/order/create`. */
export type BybitOrderBody = Record<string, string | number | boolean>;

const LINK_ID = /^[A-Za-z0-9_-]{1,36}$/;

function amountText(value: number | string, step: number | undefined, kind: 'price' | 'qty'): string {
  if (step === undefined) return typeof value === 'string' ? value : String(value);
  return kind === 'price'
    ? formatPrice({ tickSize: step }, value)
    : formatQuantity({ stepSize: step }, value);
}

/** Bybit's order body for `order` in `category`; ValidationError names a field Bybit cannot take. */
export function buildOrderBody(
  category: BybitCategory,
  order: OrderRequest,
  options: BuildOrderOptions = {},
): BybitOrderBody {
  const o = parseOrderRequest(order);
  const spot = category === 'spot';
  const limit = o.type === 'limit' || o.type === 'stop_limit' || o.type === 'take_profit_limit';
  const body: BybitOrderBody = {
    category,
    symbol: o.symbol,
    side: o.side === 'buy' ? 'Buy' : 'Sell',
    orderType: limit ? 'Limit' : 'Market',
  };
  const quoteSized = spot && !limit && options.marketUnit === 'quoteCoin';
  body.qty = quoteSized ? String(o.quantity) : amountText(o.quantity, options.instrument?.stepSize, 'qty');
  if (limit) body.price = amountText(o.price!, options.instrument?.tickSize, 'price');
  if (o.triggerPrice !== undefined) {
    body.triggerPrice = amountText(o.triggerPrice, options.instrument?.tickSize, 'price');
    // Stops trigger when the price moves against the position being protected, take-profits with it.
    const stop = o.type === 'stop_market' || o.type === 'stop_limit';
    const rises = o.side === 'buy' ? stop : !stop;
    body.triggerDirection = rises ? 1 : 2;
    if (spot) body.orderFilter = 'StopOrder';
  }
  if (limit) body.timeInForce = o.postOnly === true ? 'PostOnly' : (o.timeInForce ?? 'GTC');
  if (spot && !limit) body.marketUnit = options.marketUnit ?? 'baseCoin';
  if (o.clientOrderId !== undefined) {
    if (!LINK_ID.test(o.clientOrderId))
      throw new ValidationError(
        `order.clientOrderId: Bybit's orderLinkId takes 1–36 characters of [A-Za-z0-9_-], got ${JSON.stringify(o.clientOrderId)}`,
        { venue: 'bybit', details: { field: 'clientOrderId' } },
      );
    body.orderLinkId = o.clientOrderId;
  }
  if (o.reduceOnly === true) {
    if (spot)
      throw new ValidationError('order.reduceOnly: spot orders cannot be reduce-only on Bybit', {
        venue: 'bybit',
        details: { field: 'reduceOnly' },
      });
    body.reduceOnly = true;
  }
  return body;
}

const STATUS: Readonly<Record<string, OrderStatus>> = {
  New: 'open',
  Created: 'open',
  Untriggered: 'open',
  Triggered: 'open',
  Active: 'open',
  PartiallyFilled: 'partially_filled',
  Filled: 'filled',
  Cancelled: 'canceled',
  PartiallyFilledCanceled: 'canceled',
  Deactivated: 'canceled',
  Rejected: 'rejected',
};

/** venuekit's status for Bybit's `orderStatus` (unknown values are a ValidationError). */
export function orderStatus(status: string): OrderStatus {
  const mapped = Object.hasOwn(STATUS, status) ? STATUS[status] : undefined;
  if (mapped === undefined)
    throw new ValidationError(`Bybit orderStatus: unknown value ${JSON.stringify(status)}`, {
      venue: 'bybit',
    });
  return mapped;
}

function orderTypeOf(item: OrderWire, triggered: boolean): OrderType {
  const limit = item.orderType === 'Limit';
  if (!triggered) return limit ? 'limit' : 'market';
  const takeProfit = /TakeProfit|PartialTakeProfit/.test(item.stopOrderType ?? '');
  if (takeProfit) return limit ? 'take_profit_limit' : 'take_profit_market';
  return limit ? 'stop_limit' : 'stop_market';
}

const TIME_IN_FORCE: ReadonlySet<string> = new Set(['GTC', 'IOC', 'FOK']);

function wireOrderId(item: OrderWire): string {
  const v: unknown = item.orderId;
  if (typeof v !== 'string' || v === '')
    throw new ValidationError(`Bybit order: orderId is missing (got ${JSON.stringify(v)})`, {
      venue: 'bybit',
      details: { field: 'orderId' },
    });
  return v;
}

function wireSide(item: OrderWire): 'buy' | 'sell' {
  const side: unknown = item.side;
  if (side === 'Buy') return 'buy';
  if (side === 'Sell') return 'sell';
  throw new ValidationError(`Bybit order: side must be Buy or Sell (got ${JSON.stringify(side)})`, {
    venue: 'bybit',
    details: { field: 'side' },
  });
}

/**
 * An Order from one order of `/v5/order/realtime` / `/v5/order/history` or one item of the
 * private `order` topic. A market order has no `price` (Bybit reports its slippage cap there);
 * `averagePrice` falls back to cumExecValue / cumExecQty when avgPrice is empty. ValidationError
 * names a missing or garbled field.
 */
export function parseOrder(item: OrderWire, names: SymbolNames): Order {
  const s = names.symbol;
  const triggerPrice = positiveOrUndefined(item.triggerPrice, `${s}.triggerPrice`);
  const order: Order = {
    venue: 'bybit',
    symbol: s,
    unifiedSymbol: names.unifiedSymbol,
    id: wireOrderId(item),
    side: wireSide(item),
    type: orderTypeOf(item, triggerPrice !== undefined),
    status: orderStatus(item.orderStatus),
    quantity: decimalField(item.qty, `${s}.qty`),
    filledQuantity: decimalOrZero(item.cumExecQty, `${s}.cumExecQty`),
    postOnly: item.timeInForce === 'PostOnly',
    reduceOnly: item.reduceOnly === true,
    createdAt: timeField(item.createdTime, `${s}.createdTime`),
    updatedAt: timeField(item.updatedTime, `${s}.updatedTime`),
  };
  const link: unknown = item.orderLinkId;
  if (typeof link === 'string' && link !== '') order.clientOrderId = link;
  const price = item.orderType === 'Limit' ? positiveOrUndefined(item.price, `${s}.price`) : undefined;
  if (price !== undefined) order.price = price;
  if (triggerPrice !== undefined) order.triggerPrice = triggerPrice;
  const avg = positiveOrUndefined(item.avgPrice, `${s}.avgPrice`);
  if (avg !== undefined) order.averagePrice = avg;
  else if (order.filledQuantity > 0) {
    const value = positiveOrUndefined(item.cumExecValue, `${s}.cumExecValue`);
    if (value !== undefined) order.averagePrice = value / order.filledQuantity;
  }
  if (TIME_IN_FORCE.has(item.timeInForce)) order.timeInForce = item.timeInForce as TimeInForce;
  else if (item.timeInForce === 'PostOnly') order.timeInForce = 'GTC';
  return order;
}
