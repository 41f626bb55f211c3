// Spot order, trade and user-data shapes exactly as Binance serializes them (rest-api.md and
// user-data-stream.md): REST order responses (ACK / RESULT / FULL), cancel and query results,
// myTrades items, and the executionReport / outboundAccountPosition events.
import { formatAmount } from '../decimal.js';
import { formatPrice, formatQty } from '../symbols.js';
import type { SimFill, SimOrder } from './order-model.js';
import type { SpotBalances } from './spot-accounts.js';

/** STP mode the simulator reports (Binance's default for most symbols). */
export const SPOT_STP_MODE = 'EXPIRE_MAKER';

/** A Spot fill kept for `myTrades`. */
export interface SpotTradeRecord {
  readonly order: SimOrder;
  readonly fill: SimFill;
}

/** `newOrderRespType=ACK` shape. */
export function spotOrderAck(o: SimOrder): Record<string, unknown> {
  return {
    symbol: o.cfg.symbol,
    orderId: o.orderId,
    orderListId: -1,
    clientOrderId: o.clientOrderId,
    transactTime: o.time,
  };
}

/** `RESULT` shape (ACK plus state). */
export function spotOrderResult(o: SimOrder): Record<string, unknown> {
  return {
    ...spotOrderAck(o),
    price: formatPrice(o.cfg, o.price),
    origQty: formatQty(o.cfg, o.origQty),
    executedQty: formatQty(o.cfg, o.executedQty),
    origQuoteOrderQty: formatAmount(o.origQuoteOrderQty),
    cummulativeQuoteQty: formatAmount(o.cumQuote),
    status: o.status,
    timeInForce: o.timeInForce || 'GTC',
    type: o.type,
    side: o.side,
    workingTime: o.time,
    selfTradePreventionMode: SPOT_STP_MODE,
  };
}

/** `FULL` shape (RESULT plus the fills of this request). */
export function spotOrderFull(o: SimOrder, fills: readonly SimFill[]): Record<string, unknown> {
  return {
    ...spotOrderResult(o),
    fills: fills.map((f) => ({
      price: formatPrice(o.cfg, f.price),
      qty: formatQty(o.cfg, f.qty),
      commission: formatAmount(f.commission),
      commissionAsset: f.commissionAsset,
      tradeId: f.tradeId,
    })),
  };
}

/** DELETE /api/v3/order result. */
export function spotCancelResult(
  o: SimOrder,
  origClientOrderId: string,
  clientOrderId: string,
  time: number,
) {
  return {
    symbol: o.cfg.symbol,
    origClientOrderId,
    orderId: o.orderId,
    orderListId: -1,
    clientOrderId,
    transactTime: time,
    price: formatPrice(o.cfg, o.price),
    origQty: formatQty(o.cfg, o.origQty),
    executedQty: formatQty(o.cfg, o.executedQty),
    origQuoteOrderQty: formatAmount(o.origQuoteOrderQty),
    cummulativeQuoteQty: formatAmount(o.cumQuote),
    status: o.status,
    timeInForce: o.timeInForce || 'GTC',
    type: o.type,
    side: o.side,
    selfTradePreventionMode: SPOT_STP_MODE,
  };
}

/** GET /api/v3/order and openOrders item. */
export function spotOrderJson(o: SimOrder): Record<string, unknown> {
  return {
    symbol: o.cfg.symbol,
    orderId: o.orderId,
    orderListId: -1,
    clientOrderId: o.clientOrderId,
    price: formatPrice(o.cfg, o.price),
    origQty: formatQty(o.cfg, o.origQty),
    executedQty: formatQty(o.cfg, o.executedQty),
    cummulativeQuoteQty: formatAmount(o.cumQuote),
    status: o.status,
    timeInForce: o.timeInForce || 'GTC',
    type: o.type,
    side: o.side,
    stopPrice: formatPrice(o.cfg, 0),
    icebergQty: formatQty(o.cfg, 0),
    time: o.time,
    updateTime: o.updateTime,
    isWorking: true,
    workingTime: o.time,
    origQuoteOrderQty: formatAmount(o.origQuoteOrderQty),
    selfTradePreventionMode: SPOT_STP_MODE,
  };
}

/** GET /api/v3/myTrades item. */
export function spotTradeJson(t: SpotTradeRecord): Record<string, unknown> {
  const { order: o, fill: f } = t;
  return {
    symbol: o.cfg.symbol,
    id: f.tradeId,
    orderId: o.orderId,
    orderListId: -1,
    price: formatPrice(o.cfg, f.price),
    qty: formatQty(o.cfg, f.qty),
    quoteQty: formatAmount(f.quote),
    commission: formatAmount(f.commission),
    commissionAsset: f.commissionAsset,
    time: f.time,
    isBuyer: o.side === 'BUY',
    isMaker: f.isMaker,
    isBestMatch: true,
  };
}

/**
 * The executionReport event for `o`: `execType` NEW / TRADE / CANCELED / EXPIRED. On a cancel,
 * `c` is the cancel request's client id and `C` the order's original one.
 */
export function executionReport(
  o: SimOrder,
  execType: string,
  time: number,
  execId: number,
  fill?: SimFill,
  cancelClientOrderId?: string,
): Record<string, unknown> {
  const cfg = o.cfg;
  return {
    e: 'executionReport',
    E: time,
    s: cfg.symbol,
    c: cancelClientOrderId ?? o.clientOrderId,
    S: o.side,
    o: o.type,
    f: o.timeInForce || 'GTC',
    q: formatQty(cfg, o.origQty),
    p: formatPrice(cfg, o.price),
    P: formatPrice(cfg, 0),
    F: formatQty(cfg, 0),
    g: -1,
    C: execType === 'CANCELED' ? o.clientOrderId : '',
    x: execType,
    X: o.status,
    r: 'NONE',
    i: o.orderId,
    l: formatQty(cfg, fill?.qty ?? 0),
    z: formatQty(cfg, o.executedQty),
    L: formatPrice(cfg, fill?.price ?? 0),
    n: formatAmount(fill?.commission ?? 0n),
    N: fill === undefined ? null : fill.commissionAsset,
    T: fill?.time ?? time,
    t: fill?.tradeId ?? -1,
    I: execId,
    w: o.status === 'NEW' || o.status === 'PARTIALLY_FILLED',
    m: fill?.isMaker ?? false,
    M: false,
    O: o.time,
    Z: formatAmount(o.cumQuote),
    Y: formatAmount(fill?.quote ?? 0n),
    Q: formatAmount(o.origQuoteOrderQty),
    W: o.time,
    V: SPOT_STP_MODE,
  };
}

/** The outboundAccountPosition event for the given assets of `b`. */
export function outboundAccountPosition(b: SpotBalances, assets: readonly string[], time: number) {
  return {
    e: 'outboundAccountPosition',
    E: time,
    u: b.updateTime,
    B: assets.map((a) => {
      const v = b.of(a);
      return { a, f: formatAmount(v.free), l: formatAmount(v.locked) };
    }),
  };
}
