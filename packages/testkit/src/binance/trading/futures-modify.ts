// What a USDⓈ-M order modification (`PUT /fapi/v1/order`, ws-fapi `order.modify`) asks for and
// the rules it is judged by, before the engine touches the order: the parameters read and checked
// against the symbol's filters (a failed filter leaves the order as it is), the priceMatch modes
// that set the price from the book, and the modify-only error answers (-5025 … -5037). Facts:
// Binance's "Modify Order (TRADE)" for USDⓈ-M (LIMIT only, side + quantity + price mandatory,
// priceMatch instead of price, cancelled when the new quantity is not above the executed one or
// a GTX order would take, fewer than 10000 modifications) and its 50xx error codes.
import { formatAmount } from '../decimal.js';
import { BinanceApiError, BinanceErrors } from '../errors.js';
import type { PriceLevelSide } from '../../shared/market/price-level-side.js';
import type { RequestParams } from '../params.js';
import type { SymbolConfig } from '../symbols.js';
import { readPrice, readQuantity } from './order-input.js';
import type { OrderSide } from './order-model.js';
import { orderRef } from './spot-operations.js';

/** Modifications one order may have; the next one is refused with -5026. */
export const MAX_ORDER_MODIFICATIONS = 10_000;

/** The priceMatch values Binance accepts. */
export const PRICE_MATCH_MODES = [
  'OPPONENT',
  'OPPONENT_5',
  'OPPONENT_10',
  'OPPONENT_20',
  'QUEUE',
  'QUEUE_5',
  'QUEUE_10',
  'QUEUE_20',
] as const;

/** One of {@link PRICE_MATCH_MODES}. */
export type PriceMatchMode = (typeof PRICE_MATCH_MODES)[number];

/** A validated modification. */
export interface ModifyRequest {
  readonly cfg: SymbolConfig;
  /** The order by id (wins when both are sent) or by client order id. */
  readonly orderId: number | undefined;
  readonly origClientOrderId: string | undefined;
  /** Must be the order's side. */
  readonly side: OrderSide;
  /** The new total quantity, in quantity units (executed part included). */
  readonly quantity: number;
  /** The new price units; absent when `priceMatch` sets it. */
  readonly price: number | undefined;
  readonly priceMatch: PriceMatchMode | undefined;
}

/** Reads and checks a modification of an order on `cfg` (filters as for a new order). */
export function readModifyRequest(p: RequestParams, cfg: SymbolConfig): ModifyRequest {
  const { orderId, clientId } = orderRef(p);
  const side = p.oneOf('side', ['BUY', 'SELL'] as const, undefined, BinanceErrors.badSide);
  if (side === undefined) throw BinanceErrors.mandatory('side');
  const priceMatch = p.oneOf('priceMatch', [...PRICE_MATCH_MODES, 'NONE'], undefined, invalidPriceMatch);
  const matched = priceMatch === undefined || priceMatch === 'NONE' ? undefined : priceMatch;
  if (matched !== undefined && p.get('price') !== undefined) throw BinanceErrors.notRequired('price');
  const price = matched === undefined ? readPrice(p, cfg) : undefined;
  const quantity = readQuantity(p, cfg, false);
  return { cfg, orderId, origClientOrderId: clientId, side, quantity, price, priceMatch: matched };
}

/**
 * The price `mode` gives an order on `side`: OPPONENT_n is the n-th best price of the other side
 * (OPPONENT the best), QUEUE_n the n-th best of the order's own side; the deepest level there is
 * when the book is thinner. Undefined when that side of the book is empty.
 */
export function priceMatchPrice(
  mode: PriceMatchMode,
  side: OrderSide,
  bids: PriceLevelSide,
  asks: PriceLevelSide,
): number | undefined {
  const opponent = mode.startsWith('OPPONENT');
  const book = opponent === (side === 'BUY') ? asks : bids;
  if (book.size === 0) return undefined;
  const under = mode.indexOf('_');
  const nth = under < 0 ? 1 : Number(mode.slice(under + 1));
  return book.priceAt(Math.min(nth, book.size) - 1);
}

/** The modify-only error answers (USDⓈ-M 50xx codes, Binance's messages). */
export const ModifyErrors = {
  /** -5025: only LIMIT orders can be modified. */
  limitOnly: (): BinanceApiError => new BinanceApiError(-5025, 'Only limit order is supported.'),
  /** -5026: the order was modified too often. */
  tooManyModifications: (): BinanceApiError =>
    new BinanceApiError(-5026, 'Exceed maximum modify order limit.'),
  /** -5027: neither price nor quantity would change. */
  sameOrder: (): BinanceApiError => new BinanceApiError(-5027, 'No need to modify the order.'),
  /** -5029: the modified order's notional is under MIN_NOTIONAL. */
  minNotional: (cfg: SymbolConfig): BinanceApiError =>
    new BinanceApiError(
      -5029,
      `Order's notional must be no smaller than ${formatAmount(cfg.minNotionalAmount).replace(/0+$/, '').replace(/\.$/, '.0')}`,
    ),
  /** -5037: priceMatch has no price to match (that side of the book is empty). */
  priceMatch: invalidPriceMatch,
  /**
   * The side sent is not the order's. Binance documents no code for this; the simulator answers
   * -1130 "Data sent for parameter 'side' is not valid." (what a wrong enum value gets).
   */
  wrongSide: (): BinanceApiError => BinanceErrors.invalidParam('side'),
} as const;

function invalidPriceMatch(): BinanceApiError {
  return new BinanceApiError(-5037, 'Invalid price match');
}
