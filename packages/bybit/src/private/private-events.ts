// Private stream events into venuekit models (bybit.md §7): `order` items → Order, `execution`
// items → Fill, `wallet` items → Balance[] (one per coin), `position` items → Position. Bybit's
// numbers arrive as strings; each is converted once with unary `+`. Status mapping: New,
// Untriggered and Triggered are open; PartiallyFilled; Filled; Cancelled, PartiallyFilledCanceled
// and Deactivated are canceled; Rejected.
import {
  type Balance,
  type Fill,
  type Order,
  type OrderStatus,
  type OrderType,
  type Position,
  ValidationError,
} from '@venuekit/base';
import type { StreamSymbolNames } from '../streams/stream-events.js';

/** Names of a symbol in a category, for results (default: the symbol for both). */
export type PrivateSymbolNames = (
  symbol: string,
  category: string | undefined,
) => StreamSymbolNames | undefined;

type Wire = Record<string, unknown>;

const STATUS: Readonly<Record<string, OrderStatus>> = {
  New: 'open',
  Untriggered: 'open',
  Triggered: 'open',
  Created: 'open',
  PartiallyFilled: 'partially_filled',
  Filled: 'filled',
  Cancelled: 'canceled',
  PartiallyFilledCanceled: 'canceled',
  Deactivated: 'canceled',
  Rejected: 'rejected',
};

function text(item: Wire, field: string, what: string): string {
  const v = item[field];
  if (typeof v !== 'string' || v === '')
    throw new ValidationError(`Bybit ${what}: ${field} is missing (got ${JSON.stringify(v)})`, {
      venue: 'bybit',
    });
  return v;
}

function num(item: Wire, field: string, what: string): number {
  const v = item[field];
  const n = typeof v === 'number' ? v : typeof v === 'string' && v !== '' ? +v : Number.NaN;
  if (Number.isNaN(n))
    throw new ValidationError(`Bybit ${what}: ${field} is not a number (got ${JSON.stringify(v)})`, {
      venue: 'bybit',
    });
  return n;
}

/** A positive number, or undefined for absent, empty or 0 (Bybit's "none"). */
function positive(item: Wire, field: string): number | undefined {
  const v = item[field];
  const n = typeof v === 'number' ? v : typeof v === 'string' && v !== '' ? +v : 0;
  return n > 0 ? n : undefined;
}

function side(item: Wire, what: string): 'buy' | 'sell' {
  const s = item.side;
  if (s === 'Buy') return 'buy';
  if (s === 'Sell') return 'sell';
  throw new ValidationError(`Bybit ${what}: side must be Buy or Sell (got ${JSON.stringify(s)})`, {
    venue: 'bybit',
  });
}

function names(item: Wire, symbolNames: PrivateSymbolNames | undefined, what: string): StreamSymbolNames {
  const symbol = text(item, 'symbol', what);
  const category = typeof item.category === 'string' ? item.category : undefined;
  return symbolNames?.(symbol, category) ?? { symbol, unifiedSymbol: symbol };
}

function orderType(item: Wire): OrderType {
  const stop = item.triggerPrice !== undefined && positive(item, 'triggerPrice') !== undefined;
  if (item.orderType === 'Market') return stop ? 'stop_market' : 'market';
  return stop ? 'stop_limit' : 'limit';
}

/** One `order` item (or a REST order) as an Order. */
export function orderFromWire(item: Wire, symbolNames?: PrivateSymbolNames): Order {
  const n = names(item, symbolNames, 'order');
  const status = STATUS[String(item.orderStatus)];
  if (status === undefined)
    throw new ValidationError(`Bybit order: unknown orderStatus ${JSON.stringify(item.orderStatus)}`, {
      venue: 'bybit',
    });
  const tif = item.timeInForce;
  const link = item.orderLinkId;
  return {
    venue: 'bybit',
    symbol: n.symbol,
    unifiedSymbol: n.unifiedSymbol,
    id: text(item, 'orderId', 'order'),
    clientOrderId: typeof link === 'string' && link !== '' ? link : undefined,
    side: side(item, 'order'),
    type: orderType(item),
    status,
    price: positive(item, 'price'),
    triggerPrice: positive(item, 'triggerPrice'),
    quantity: num(item, 'qty', 'order'),
    filledQuantity: positive(item, 'cumExecQty') ?? 0,
    averagePrice: positive(item, 'avgPrice'),
    timeInForce:
      tif === 'IOC' || tif === 'FOK' ? tif : tif === 'GTC' || tif === 'PostOnly' ? 'GTC' : undefined,
    postOnly: tif === 'PostOnly',
    reduceOnly: item.reduceOnly === true,
    createdAt: num(item, 'createdTime', 'order'),
    updatedAt: num(item, 'updatedTime', 'order'),
  };
}

/** One `execution` item as a Fill, or undefined for executions that are not trades (funding). */
export function fillFromWire(item: Wire, symbolNames?: PrivateSymbolNames): Fill | undefined {
  if (item.execType === 'Funding') return undefined;
  const quantity = num(item, 'execQty', 'execution');
  if (!(quantity > 0)) return undefined;
  const n = names(item, symbolNames, 'execution');
  const link = item.orderLinkId;
  const feeAsset = item.feeCurrency;
  return {
    venue: 'bybit',
    symbol: n.symbol,
    unifiedSymbol: n.unifiedSymbol,
    id: text(item, 'execId', 'execution'),
    orderId: text(item, 'orderId', 'execution'),
    clientOrderId: typeof link === 'string' && link !== '' ? link : undefined,
    side: side(item, 'execution'),
    price: num(item, 'execPrice', 'execution'),
    quantity,
    fee: num(item, 'execFee', 'execution'),
    feeAsset: typeof feeAsset === 'string' && feeAsset !== '' ? feeAsset : undefined,
    liquidity: item.isMaker === true ? 'maker' : item.isMaker === false ? 'taker' : undefined,
    timestamp: num(item, 'execTime', 'execution'),
  };
}

/**
 * One `wallet` item (an account) as a Balance per coin: `total` is the wallet balance, `locked`
 * what open orders hold, `free` the rest.
 */
export function balancesFromWire(item: Wire): Balance[] {
  const coins = item.coin;
  if (!Array.isArray(coins))
    throw new ValidationError('Bybit wallet: coin is not a list', { venue: 'bybit' });
  const out: Balance[] = [];
  for (const c of coins as Wire[]) {
    const total = Math.max(0, num(c, 'walletBalance', 'wallet coin'));
    const locked = Math.min(total, Math.max(0, positive(c, 'locked') ?? 0));
    out.push({ venue: 'bybit', asset: text(c, 'coin', 'wallet coin'), free: total - locked, locked, total });
  }
  return out;
}

/** One `position` item as a Position; a flat position (side "") comes as `long` with size 0. */
export function positionFromWire(item: Wire, symbolNames?: PrivateSymbolNames): Position {
  const n = names(item, symbolNames, 'position');
  const mode = item.tradeMode;
  return {
    venue: 'bybit',
    symbol: n.symbol,
    unifiedSymbol: n.unifiedSymbol,
    side: item.side === 'Sell' ? 'short' : 'long',
    size: Math.abs(num(item, 'size', 'position')),
    entryPrice: positive(item, 'avgPrice') ?? positive(item, 'entryPrice') ?? 0,
    markPrice: positive(item, 'markPrice'),
    liquidationPrice: positive(item, 'liqPrice'),
    unrealizedPnl: numOrZero(item.unrealisedPnl),
    realizedPnl: item.cumRealisedPnl === undefined ? undefined : numOrZero(item.cumRealisedPnl),
    leverage: positive(item, 'leverage'),
    marginMode: mode === 1 ? 'isolated' : mode === 0 ? 'cross' : undefined,
    updatedAt: numOrZero(item.updatedTime),
  };
}

function numOrZero(v: unknown): number {
  const n = typeof v === 'number' ? v : typeof v === 'string' && v !== '' ? +v : 0;
  return Number.isNaN(n) ? 0 : n;
}
