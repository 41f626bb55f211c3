// User-data events into models for BinanceDataStore (protocols/binance.md §7, binance-usdm.md
// §6): Spot `executionReport` and USD-M `ORDER_TRADE_UPDATE` into Orders, Spot
// `outboundAccountPosition` and USD-M `ACCOUNT_UPDATE` into Balances and Positions. Decimal
// strings become numbers once; a missing or garbled field is a ValidationError naming it.
import type { Balance, Order, Position } from '@venuekit/base';
import { decimalField, integerField, positiveOrUndefined } from '../parsing/decimal-fields.js';
import type { SymbolNames } from '../parsing/market.js';
import { orderStatus, orderType } from '../parsing/orders.js';

type Fields = Record<string, unknown>;

function text(d: Fields, field: string, event: string): string {
  const v = d[field];
  return typeof v === 'string' ? v : String(decimalField(v, `${event}.${field}`));
}

function timeInForce(tif: unknown): Order['timeInForce'] {
  return tif === 'GTC' || tif === 'IOC' || tif === 'FOK' ? tif : tif === 'GTX' ? 'GTC' : undefined;
}

/** A Spot `executionReport` as the order's new state. */
export function orderFromExecutionReport(e: Fields, names: SymbolNames): Order {
  const ev = 'executionReport';
  const filled = decimalField(e.z, `${ev}.z`);
  const quote = decimalField(e.Z ?? '0', `${ev}.Z`);
  const type = text(e, 'o', ev);
  // On a cancel, `c` is the cancel request's id and `C` the order's own.
  const clientOrderId = e.x === 'CANCELED' && typeof e.C === 'string' && e.C !== '' ? e.C : e.c;
  return {
    venue: 'binance',
    symbol: names.symbol,
    unifiedSymbol: names.unifiedSymbol,
    id: String(integerField(e.i, `${ev}.i`)),
    clientOrderId: typeof clientOrderId === 'string' ? clientOrderId : undefined,
    side: e.S === 'BUY' ? 'buy' : 'sell',
    type: orderType(type, 'spot'),
    status: orderStatus(text(e, 'X', ev)),
    price: positiveOrUndefined(e.p, `${ev}.p`),
    triggerPrice: positiveOrUndefined(e.P, `${ev}.P`),
    quantity: decimalField(e.q, `${ev}.q`),
    filledQuantity: filled,
    averagePrice: filled > 0 && quote > 0 ? quote / filled : undefined,
    timeInForce: timeInForce(e.f),
    postOnly: type === 'LIMIT_MAKER',
    reduceOnly: false,
    createdAt: integerField(e.O ?? e.E, `${ev}.O`),
    updatedAt: integerField(e.E, `${ev}.E`),
  };
}

/** A USD-M `ORDER_TRADE_UPDATE` (its `o` object) as the order's new state. */
export function orderFromOrderTradeUpdate(event: Fields, names: SymbolNames): Order {
  const ev = 'ORDER_TRADE_UPDATE';
  const o = (event.o ?? {}) as Fields;
  const time = integerField(o.T ?? event.T ?? event.E, `${ev}.T`);
  return {
    venue: 'binance',
    symbol: names.symbol,
    unifiedSymbol: names.unifiedSymbol,
    id: String(integerField(o.i, `${ev}.o.i`)),
    clientOrderId: typeof o.c === 'string' ? o.c : undefined,
    side: o.S === 'BUY' ? 'buy' : 'sell',
    type: orderType(text(o, 'o', ev), 'usdm'),
    status: orderStatus(text(o, 'X', ev)),
    price: positiveOrUndefined(o.p, `${ev}.o.p`),
    triggerPrice: positiveOrUndefined(o.sp, `${ev}.o.sp`),
    quantity: decimalField(o.q, `${ev}.o.q`),
    filledQuantity: decimalField(o.z, `${ev}.o.z`),
    averagePrice: positiveOrUndefined(o.ap, `${ev}.o.ap`),
    timeInForce: timeInForce(o.f),
    postOnly: o.f === 'GTX',
    reduceOnly: o.R === true,
    createdAt: time,
    updatedAt: integerField(event.E ?? time, `${ev}.E`),
  };
}

/** The balances a Spot `outboundAccountPosition` reports (every asset it lists, zero included). */
export function balancesFromAccountPosition(e: Fields): Balance[] {
  const list = Array.isArray(e.B) ? (e.B as Fields[]) : [];
  return list.map((b, i) => {
    const free = decimalField(b.f, `outboundAccountPosition.B[${i}].f`);
    const locked = decimalField(b.l, `outboundAccountPosition.B[${i}].l`);
    return { venue: 'binance', asset: String(b.a), free, locked, total: free + locked };
  });
}

/**
 * The wallet balances of a USD-M `ACCOUNT_UPDATE`. The event carries only the wallet balance
 * (`wb`): `total` is it, `free` the previously known free amount capped at the new total (or the
 * total when none is known), `locked` the rest — an approximation until the next REST balance.
 */
export function balancesFromAccountUpdate(
  event: Fields,
  known: (asset: string) => Balance | undefined,
): Balance[] {
  const a = (event.a ?? {}) as Fields;
  const list = Array.isArray(a.B) ? (a.B as Fields[]) : [];
  return list.map((b, i) => {
    const asset = String(b.a);
    const total = Math.max(0, decimalField(b.wb, `ACCOUNT_UPDATE.a.B[${i}].wb`));
    const before = known(asset);
    const free = before === undefined ? total : Math.min(before.free, total);
    return { venue: 'binance', asset, free, locked: total - free, total };
  });
}

/** One position entry of a USD-M `ACCOUNT_UPDATE`: the position, or its key when it is now flat. */
export type PositionChange =
  | { open: true; position: Position }
  | { open: false; symbol: string; positionSide: string };

/** The position changes of a USD-M `ACCOUNT_UPDATE`. */
export function positionsFromAccountUpdate(
  event: Fields,
  namesOf: (symbol: string) => SymbolNames,
): PositionChange[] {
  const a = (event.a ?? {}) as Fields;
  const list = Array.isArray(a.P) ? (a.P as Fields[]) : [];
  const time = integerField(event.T ?? event.E, 'ACCOUNT_UPDATE.T');
  return list.map((p, i): PositionChange => {
    const at = `ACCOUNT_UPDATE.a.P[${i}]`;
    const symbol = String(p.s);
    const positionSide = typeof p.ps === 'string' ? p.ps : 'BOTH';
    const amount = decimalField(p.pa, `${at}.pa`);
    if (amount === 0) return { open: false, symbol, positionSide };
    const names = namesOf(symbol);
    const side =
      positionSide === 'LONG' ? 'long' : positionSide === 'SHORT' ? 'short' : amount > 0 ? 'long' : 'short';
    return {
      open: true,
      position: {
        venue: 'binance',
        symbol: names.symbol,
        unifiedSymbol: names.unifiedSymbol,
        side,
        size: Math.abs(amount),
        entryPrice: Math.max(0, decimalField(p.ep, `${at}.ep`)),
        unrealizedPnl: decimalField(p.up, `${at}.up`),
        realizedPnl: p.cr === undefined ? undefined : decimalField(p.cr, `${at}.cr`),
        marginMode: p.mt === 'isolated' ? 'isolated' : p.mt === 'cross' ? 'cross' : undefined,
        updatedAt: time,
      },
    };
  });
}
