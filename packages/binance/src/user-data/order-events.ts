// Order events into models: Spot executionReport and USD-M ORDER_TRADE_UPDATE each become the
// order's new state (an Order) and, when the event is an execution, the Fill it reports. The
// average price comes from cumulative quote / cumulative quantity (Spot) or `ap` (USD-M).
import type { Fill, Order, TimeInForce } from '@venuekit/base';
import type { SymbolNames } from '../parsing/market.js';
import { decimalField, integerField, positiveOrUndefined } from '../parsing/decimal-fields.js';
import { closesHedgePosition, orderStatus, orderType } from '../parsing/orders.js';
import type { ExecutionReportWire, OrderTradeUpdateWire } from './event-wire.js';

/** An order event, normalized. */
export interface OrderEvent {
  readonly order: Order;
  /** The execution this event reports, if it is one. */
  readonly fill: Fill | undefined;
  /** Binance's execution type (`NEW`, `TRADE`, `CANCELED`, `EXPIRED`, `AMENDMENT`, …). */
  readonly execType: string;
}

function timeInForce(tif: string | undefined): TimeInForce | undefined {
  return tif === 'GTC' || tif === 'IOC' || tif === 'FOK' ? tif : tif === 'GTX' ? 'GTC' : undefined;
}

/** Execution types that carry a fill (`CALCULATED`: a USD-M liquidation fill). */
function isExecution(execType: string): boolean {
  return execType === 'TRADE' || execType === 'CALCULATED';
}

/** A Spot `executionReport` as an order state and, for trades, a fill. */
export function parseExecutionReport(wire: ExecutionReportWire, names: SymbolNames): OrderEvent {
  const filled = decimalField(wire.z, 'executionReport.z');
  const quote = decimalField(wire.Z, 'executionReport.Z');
  const clientOrderId = wire.C !== undefined && wire.C !== '' ? wire.C : wire.c;
  const updatedAt = integerField(wire.T ?? wire.E, 'executionReport.T');
  const side = wire.S === 'BUY' ? 'buy' : 'sell';
  const order: Order = {
    venue: 'binance',
    symbol: names.symbol,
    unifiedSymbol: names.unifiedSymbol,
    id: String(wire.i),
    clientOrderId,
    side,
    type: orderType(wire.o, 'spot'),
    status: orderStatus(wire.X),
    price: positiveOrUndefined(wire.p, 'executionReport.p'),
    triggerPrice: positiveOrUndefined(wire.P, 'executionReport.P'),
    quantity: decimalField(wire.q, 'executionReport.q'),
    filledQuantity: filled,
    averagePrice: filled > 0 && quote > 0 ? quote / filled : undefined,
    timeInForce: timeInForce(wire.f),
    postOnly: wire.o === 'LIMIT_MAKER',
    reduceOnly: false,
    createdAt: integerField(wire.O ?? updatedAt, 'executionReport.O'),
    updatedAt,
  };
  const lastQty = isExecution(wire.x) ? decimalField(wire.l, 'executionReport.l') : 0;
  const fill: Fill | undefined =
    lastQty > 0
      ? {
          venue: 'binance',
          symbol: names.symbol,
          unifiedSymbol: names.unifiedSymbol,
          id: String(wire.t),
          orderId: order.id,
          clientOrderId,
          side,
          price: decimalField(wire.L, 'executionReport.L'),
          quantity: lastQty,
          fee: decimalField(wire.n, 'executionReport.n'),
          feeAsset: wire.N ?? undefined,
          liquidity: wire.m ? 'maker' : 'taker',
          timestamp: updatedAt,
        }
      : undefined;
  return { order, fill, execType: wire.x };
}

/** A USD-M `ORDER_TRADE_UPDATE` as an order state and, for trades, a fill. */
export function parseOrderTradeUpdate(wire: OrderTradeUpdateWire, names: SymbolNames): OrderEvent {
  const o = wire.o;
  const updatedAt = integerField(o.T ?? wire.T ?? wire.E, 'ORDER_TRADE_UPDATE.o.T');
  const side = o.S === 'BUY' ? 'buy' : 'sell';
  const order: Order = {
    venue: 'binance',
    symbol: names.symbol,
    unifiedSymbol: names.unifiedSymbol,
    id: String(o.i),
    clientOrderId: o.c,
    side,
    type: orderType(o.o, 'usdm'),
    status: orderStatus(o.X),
    price: positiveOrUndefined(o.p, 'ORDER_TRADE_UPDATE.o.p'),
    triggerPrice: positiveOrUndefined(o.sp, 'ORDER_TRADE_UPDATE.o.sp'),
    quantity: decimalField(o.q, 'ORDER_TRADE_UPDATE.o.q'),
    filledQuantity: decimalField(o.z, 'ORDER_TRADE_UPDATE.o.z'),
    averagePrice: positiveOrUndefined(o.ap, 'ORDER_TRADE_UPDATE.o.ap'),
    timeInForce: timeInForce(o.f),
    postOnly: o.f === 'GTX',
    reduceOnly: o.R === true || closesHedgePosition(o.S, o.ps),
    createdAt: updatedAt,
    updatedAt,
  };
  const lastQty = isExecution(o.x) ? decimalField(o.l, 'ORDER_TRADE_UPDATE.o.l') : 0;
  const fill: Fill | undefined =
    lastQty > 0
      ? {
          venue: 'binance',
          symbol: names.symbol,
          unifiedSymbol: names.unifiedSymbol,
          id: String(o.t),
          orderId: order.id,
          clientOrderId: o.c,
          side,
          price: decimalField(o.L, 'ORDER_TRADE_UPDATE.o.L'),
          quantity: lastQty,
          fee: o.n === undefined ? 0 : decimalField(o.n, 'ORDER_TRADE_UPDATE.o.n'),
          feeAsset: o.N,
          liquidity: o.m ? 'maker' : 'taker',
          timestamp: updatedAt,
        }
      : undefined;
  return { order, fill, execType: o.x };
}
