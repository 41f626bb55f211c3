// Private stream events into venuekit models (bybit.md §7): `order` items → Order and `wallet`
// items → Balance[] through the same parsers as REST (../parsing: parseOrder,
// parseWalletBalances), so a stream item and a REST answer for the same state read alike;
// `position` items → Position through parsePosition too (a flat one is reported with size 0), and
// `execution` items → Fill here. Bybit's numbers arrive as strings; each is converted once, by the
// wire-field readers every parser uses (a missing, garbled or non-finite number is a ValidationError
// naming the field).
import { type Balance, type Fill, type Order, type Position, ValidationError } from '@venuekit/base';
import { parsePosition, parseWalletBalances } from '../parsing/account.js';
import { decimalField, timeField } from '../parsing/decimal-fields.js';
import { parseOrder } from '../parsing/orders.js';
import type { OrderWire, PositionWire, WalletWire } from '../rest/wire-types.js';
import type { StreamSymbolNames } from '../streams/stream-events.js';

/** Names of a symbol in a category, for results (default: the symbol for both). */
export type PrivateSymbolNames = (
  symbol: string,
  category: string | undefined,
) => StreamSymbolNames | undefined;

type Wire = Record<string, unknown>;

function text(item: Wire, field: string, what: string): string {
  const v = item[field];
  if (typeof v !== 'string' || v === '')
    throw new ValidationError(`Bybit ${what}: ${field} is missing (got ${JSON.stringify(v)})`, {
      venue: 'bybit',
    });
  return v;
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

/** One `order` item as an Order (the REST order parser, after resolving the symbol's names). */
export function orderFromWire(item: Wire, symbolNames?: PrivateSymbolNames): Order {
  return parseOrder(item as unknown as OrderWire, names(item, symbolNames, 'order'));
}

/** One `execution` item as a Fill, or undefined for executions that are not trades (funding). */
export function fillFromWire(item: Wire, symbolNames?: PrivateSymbolNames): Fill | undefined {
  if (item.execType === 'Funding') return undefined;
  // Zero-quantity executions (no fill) are skipped before anything else is asked of the item.
  const quantity = decimalField(
    item.execQty,
    `${typeof item.symbol === 'string' ? item.symbol : 'execution'}.execQty`,
  );
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
    price: decimalField(item.execPrice, `${n.symbol}.execPrice`),
    quantity,
    fee: decimalField(item.execFee, `${n.symbol}.execFee`),
    feeAsset: typeof feeAsset === 'string' && feeAsset !== '' ? feeAsset : undefined,
    liquidity: item.isMaker === true ? 'maker' : item.isMaker === false ? 'taker' : undefined,
    timestamp: timeField(item.execTime, `${n.symbol}.execTime`),
  };
}

/**
 * One `wallet` item (an account) as a Balance per coin, exactly as REST's wallet-balance reads:
 * `total` is the wallet balance, `locked` what open orders hold (spot `locked` + `totalOrderIM`),
 * `free` the rest.
 */
export function balancesFromWire(item: Wire): Balance[] {
  return parseWalletBalances([item as unknown as WalletWire]);
}

/** The side of a hedge-mode position slot: positionIdx 2 is the short one; 1 and 0 (one-way) long. */
function sideOfSlot(positionIdx: unknown): 'long' | 'short' {
  return positionIdx === 2 || positionIdx === '2' ? 'short' : 'long';
}

/**
 * One `position` item as a Position, through the same parser as REST; a flat position (size 0,
 * side "") — which REST lists leave out — comes with size 0, so a watcher sees it close. Its side
 * is the slot's (`positionIdx`: 1 long, 2 short in hedge mode; 0, one-way, long), so a closed
 * hedge-mode short is reported as a closed short, not as a closed long.
 */
export function positionFromWire(item: Wire, symbolNames?: PrivateSymbolNames): Position {
  const n = names(item, symbolNames, 'position');
  const open = parsePosition(item as unknown as PositionWire, n, 0);
  if (open !== undefined) return open;
  const updated = item.updatedTime;
  return {
    venue: 'bybit',
    symbol: n.symbol,
    unifiedSymbol: n.unifiedSymbol,
    side: sideOfSlot(item.positionIdx),
    size: 0,
    entryPrice: 0,
    unrealizedPnl: 0,
    updatedAt: updated === undefined || updated === '' ? 0 : timeField(updated, `${n.symbol}.updatedTime`),
  };
}
