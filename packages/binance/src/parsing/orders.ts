// Orders both ways. Out: a validated OrderRequest becomes Binance's order parameters, price and
// quantity put on the instrument's tick and step grids as exact decimal text (buys rounded down,
// sells up: never worse than asked; quantities down: never more than asked) and checked against
// the minimums before anything is sent. In: Binance's order answers become Orders (status and
// type mapped), and fills — from a Spot FULL answer or the account's trades — become Fills.
import {
  checkOrderMinimums,
  type Fill,
  formatDecimal,
  NotSupportedError,
  type Order,
  type OrderRequest,
  type OrderStatus,
  type OrderType,
  parseOrderRequest,
  type TimeInForce,
  ValidationError,
} from '@venuekit/base';
import type { BinanceMarket } from '../errors/error-codes.js';
import type { BinanceOrderParams } from '../rest/rest-client-options.js';
import type { AccountTradeWire, OrderWire } from '../rest/wire-types.js';
import { decimalField, integerField, positiveOrUndefined } from './decimal-fields.js';
import type { BinanceInstrument } from './instruments.js';
import type { SymbolNames } from './market.js';

const STATUS: Readonly<Record<string, OrderStatus>> = {
  NEW: 'open',
  PENDING_NEW: 'open',
  PARTIALLY_FILLED: 'partially_filled',
  FILLED: 'filled',
  CANCELED: 'canceled',
  PENDING_CANCEL: 'open',
  REJECTED: 'rejected',
  EXPIRED: 'expired',
  EXPIRED_IN_MATCH: 'expired',
  // USD-M liquidation statuses (the order was filled by the insurance fund / auto-deleveraging).
  NEW_INSURANCE: 'filled',
  NEW_ADL: 'filled',
};

const COMMON_TYPES: Readonly<Record<string, OrderType>> = {
  LIMIT: 'limit',
  LIMIT_MAKER: 'limit',
  MARKET: 'market',
  STOP_LOSS: 'stop_market',
  STOP_LOSS_LIMIT: 'stop_limit',
  TAKE_PROFIT_LIMIT: 'take_profit_limit',
  STOP: 'stop_limit',
  STOP_MARKET: 'stop_market',
  TAKE_PROFIT_MARKET: 'take_profit_market',
  TRAILING_STOP_MARKET: 'stop_market',
};

/** Binance's order status as a model status; ValidationError for a status Binance never documented. */
export function orderStatus(status: string): OrderStatus {
  const mapped = STATUS[status];
  if (mapped === undefined)
    throw new ValidationError(`Binance order status ${JSON.stringify(status)} is unknown`, {
      venue: 'binance',
      details: { status },
    });
  return mapped;
}

/** Binance's order type as a model type (`TAKE_PROFIT` is a market order on Spot, a limit order on USD-M). */
export function orderType(type: string, market: BinanceMarket): OrderType {
  if (type === 'TAKE_PROFIT') return market === 'spot' ? 'take_profit_market' : 'take_profit_limit';
  const mapped = COMMON_TYPES[type];
  if (mapped === undefined)
    throw new ValidationError(`Binance order type ${JSON.stringify(type)} is unknown`, {
      venue: 'binance',
      details: { type },
    });
  return mapped;
}

function timeInForce(tif: string | undefined): TimeInForce | undefined {
  return tif === 'GTC' || tif === 'IOC' || tif === 'FOK' ? tif : tif === 'GTX' ? 'GTC' : undefined;
}

/**
 * True for a hedge-mode order that closes its position: a SELL on the LONG side or a BUY on the
 * SHORT side. Binance reports those with `reduceOnly: false` (hedge mode has no reduceOnly), but
 * they can only reduce, so the Order says so.
 */
export function closesHedgePosition(side: string | undefined, positionSide: string | undefined): boolean {
  return (positionSide === 'LONG' && side === 'SELL') || (positionSide === 'SHORT' && side === 'BUY');
}

/** An order answer (place, cancel, query, open orders) of Spot or USD-M as an Order. */
export function parseOrder(wire: OrderWire, names: SymbolNames, market: BinanceMarket): Order {
  const filled = decimalField(wire.executedQty, 'order.executedQty');
  const quote = positiveOrUndefined(wire.cummulativeQuoteQty ?? wire.cumQuote, 'order.cumQuote');
  const average =
    positiveOrUndefined(wire.avgPrice, 'order.avgPrice') ??
    (quote !== undefined && filled > 0 ? quote / filled : undefined);
  const createdAt = wire.time ?? wire.transactTime ?? wire.workingTime ?? wire.updateTime;
  return {
    venue: 'binance',
    symbol: names.symbol,
    unifiedSymbol: names.unifiedSymbol,
    id: String(wire.orderId),
    clientOrderId: wire.clientOrderId,
    side: wire.side === 'BUY' ? 'buy' : 'sell',
    type: orderType(wire.type, market),
    status: orderStatus(wire.status),
    price: positiveOrUndefined(wire.price, 'order.price'),
    triggerPrice: positiveOrUndefined(wire.stopPrice, 'order.stopPrice'),
    quantity: decimalField(wire.origQty, 'order.origQty'),
    filledQuantity: filled,
    averagePrice: average,
    timeInForce: timeInForce(wire.timeInForce),
    postOnly: wire.type === 'LIMIT_MAKER' || wire.timeInForce === 'GTX',
    reduceOnly: wire.reduceOnly === true || closesHedgePosition(wire.side, wire.positionSide),
    createdAt: integerField(createdAt, 'order.time'),
    updatedAt: integerField(wire.updateTime ?? wire.transactTime ?? createdAt, 'order.updateTime'),
  };
}

/** The fills of a Spot FULL order answer (the order took liquidity, so they are taker fills). */
export function parseOrderFills(wire: OrderWire, names: SymbolNames): Fill[] {
  const fills = wire.fills ?? [];
  const timestamp = integerField(wire.transactTime ?? wire.updateTime, 'order.transactTime');
  return fills.map((f, i) => ({
    venue: 'binance',
    symbol: names.symbol,
    unifiedSymbol: names.unifiedSymbol,
    id: String(f.tradeId),
    orderId: String(wire.orderId),
    clientOrderId: wire.clientOrderId,
    side: wire.side === 'BUY' ? 'buy' : 'sell',
    price: decimalField(f.price, `fills[${i}].price`),
    quantity: decimalField(f.qty, `fills[${i}].qty`),
    fee: decimalField(f.commission, `fills[${i}].commission`),
    feeAsset: f.commissionAsset,
    liquidity: 'taker',
    timestamp,
  }));
}

/** One of the account's trades (Spot `myTrades`, USD-M `userTrades`) as a Fill. */
export function parseAccountTrade(wire: AccountTradeWire, names: SymbolNames): Fill {
  const buyer = wire.isBuyer ?? wire.buyer ?? wire.side === 'BUY';
  const maker = wire.isMaker ?? wire.maker;
  return {
    venue: 'binance',
    symbol: names.symbol,
    unifiedSymbol: names.unifiedSymbol,
    id: String(wire.id),
    orderId: String(wire.orderId),
    side: buyer ? 'buy' : 'sell',
    price: decimalField(wire.price, 'trade.price'),
    quantity: decimalField(wire.qty, 'trade.qty'),
    fee: decimalField(wire.commission, 'trade.commission'),
    feeAsset: wire.commissionAsset,
    liquidity: maker === undefined ? undefined : maker ? 'maker' : 'taker',
    timestamp: integerField(wire.time, 'trade.time'),
  };
}

const CLIENT_ORDER_ID = /^[.A-Z:/a-z0-9_-]{1,36}$/;

const SPOT_TYPES: Readonly<Record<OrderType, string>> = {
  market: 'MARKET',
  limit: 'LIMIT',
  stop_market: 'STOP_LOSS',
  stop_limit: 'STOP_LOSS_LIMIT',
  take_profit_market: 'TAKE_PROFIT',
  take_profit_limit: 'TAKE_PROFIT_LIMIT',
};

/**
 * Binance order parameters for a user's order on `instrument`. The order is validated first
 * (ValidationError naming each bad field); prices and quantities go on the grid; an order below
 * the minimums is an InvalidOrderError before it is sent. USD-M conditional types are refused
 * (Binance moved them to the algo-order endpoint) with NotSupportedError.
 */
export function buildOrderParams(input: OrderRequest, instrument: BinanceInstrument): BinanceOrderParams {
  const order = parseOrderRequest(input);
  const buy = order.side === 'buy';
  const spot = instrument.market === 'spot';
  const quantity = formatDecimal(order.quantity, instrument.stepSizeText, 'floor');
  const price =
    order.price === undefined
      ? undefined
      : formatDecimal(order.price, instrument.tickSizeText, buy ? 'floor' : 'ceil');
  const stopPrice =
    order.triggerPrice === undefined
      ? undefined
      : formatDecimal(order.triggerPrice, instrument.tickSizeText, 'round');
  checkOrderMinimums(instrument, quantity, price);
  if (order.clientOrderId !== undefined && !CLIENT_ORDER_ID.test(order.clientOrderId))
    throw new ValidationError('clientOrderId: Binance accepts 1–36 characters of A-Z a-z 0-9 . : / _ -', {
      venue: 'binance',
      details: { field: 'clientOrderId' },
    });
  let type: string;
  let tif: string | undefined;
  if (spot) {
    if (order.reduceOnly === true)
      throw new ValidationError('reduceOnly: Spot orders cannot be reduce-only', { venue: 'binance' });
    type = order.type === 'limit' && order.postOnly === true ? 'LIMIT_MAKER' : SPOT_TYPES[order.type];
    if (type !== 'LIMIT_MAKER' && price !== undefined) tif = order.timeInForce ?? 'GTC';
  } else {
    if (order.type !== 'market' && order.type !== 'limit')
      throw new NotSupportedError(
        `Binance USD-M: ${order.type} orders go through the algo-order endpoint (POST /fapi/v1/algoOrder), which placeOrder does not use; send it with request()`,
        { venue: 'binance' },
      );
    type = order.type === 'limit' ? 'LIMIT' : 'MARKET';
    if (type === 'LIMIT') tif = order.postOnly === true ? 'GTX' : (order.timeInForce ?? 'GTC');
  }
  const params: BinanceOrderParams = { symbol: instrument.symbol, side: buy ? 'BUY' : 'SELL', type };
  if (tif !== undefined) params.timeInForce = tif;
  params.quantity = quantity;
  if (price !== undefined) params.price = price;
  if (stopPrice !== undefined) params.stopPrice = stopPrice;
  if (order.reduceOnly === true) params.reduceOnly = 'true';
  if (order.clientOrderId !== undefined) params.newClientOrderId = order.clientOrderId;
  params.newOrderRespType = spot ? 'FULL' : 'RESULT';
  return params;
}
