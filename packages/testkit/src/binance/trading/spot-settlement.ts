// Moves Spot balances for one fill: the buyer pays quote (from its reservation or free balance)
// and receives base minus commission; the seller the reverse. Commission is 0.1% of what is
// received, in the received asset (Binance's default without BNB discount).
import { notional, toAmount } from '../decimal.js';
import type { SimFill, SimOrder } from './order-model.js';
import type { SpotBalances } from './spot-accounts.js';

/** Commission rate in basis points (10 = 0.1%), maker and taker alike. */
export const SPOT_COMMISSION_BPS = 10n;

/** Settles a fill of `qty` at `price` for `o` into `b`; returns the fill record. */
export function settleSpotFill(
  o: SimOrder,
  b: SpotBalances,
  price: number,
  qty: number,
  tradeId: number,
  isMaker: boolean,
  time: number,
): SimFill {
  const cfg = o.cfg;
  const quote = notional(price, cfg.priceDecimals, qty, cfg.qtyDecimals);
  const base = toAmount(qty, cfg.qtyDecimals);
  let commission: bigint;
  let commissionAsset: string;
  if (o.side === 'BUY') {
    if (o.price > 0) {
      // Limit order: the reservation was made at the limit price; release the price improvement.
      const reservedPart = notional(o.price, cfg.priceDecimals, qty, cfg.qtyDecimals);
      b.spendLocked(cfg.quoteAsset, reservedPart, time);
      b.addFree(cfg.quoteAsset, reservedPart - quote, time);
      o.reserved -= reservedPart;
    } else {
      b.addFree(cfg.quoteAsset, -quote, time);
    }
    commission = (base * SPOT_COMMISSION_BPS) / 10_000n;
    commissionAsset = cfg.baseAsset;
    b.addFree(cfg.baseAsset, base - commission, time);
  } else {
    if (o.price > 0) {
      b.spendLocked(cfg.baseAsset, base, time);
      o.reserved -= base;
    } else {
      b.addFree(cfg.baseAsset, -base, time);
    }
    commission = (quote * SPOT_COMMISSION_BPS) / 10_000n;
    commissionAsset = cfg.quoteAsset;
    b.addFree(cfg.quoteAsset, quote - commission, time);
  }
  o.executedQty += qty;
  o.cumQuote += quote;
  o.updateTime = time;
  o.status = o.executedQty >= o.origQty && o.origQty > 0 ? 'FILLED' : 'PARTIALLY_FILLED';
  const fill: SimFill = {
    tradeId,
    price,
    qty,
    quote,
    commission,
    commissionAsset,
    isMaker,
    time,
    realizedPnl: 0n,
  };
  o.fills.push(fill);
  return fill;
}

/** Releases whatever `o` still has reserved (cancel, expiry, or rounding left after a full fill). */
export function releaseSpotReservation(o: SimOrder, b: SpotBalances, time: number): void {
  if (o.reserved === 0n) return;
  b.unlock(o.side === 'BUY' ? o.cfg.quoteAsset : o.cfg.baseAsset, o.reserved, time);
  o.reserved = 0n;
}
