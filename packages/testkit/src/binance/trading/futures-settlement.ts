// Applies one futures fill to an account: commission (taker 0.05%, maker 0.02%, in the margin
// asset), the one-way position (open, add, reduce, close, flip) with its cost basis, and the
// realized PnL that reduction books into the wallet.
import { notional } from '../decimal.js';
import type { FuturesAccount } from './futures-accounts.js';
import type { SimFill, SimOrder } from './order-model.js';

/** Taker commission in basis points (0.05%). */
export const FUTURES_TAKER_BPS = 5n;
/** Maker commission in basis points (0.02%). */
export const FUTURES_MAKER_BPS = 2n;

/** Settles a fill of `qty` at `price` for `o` into `acct`; returns the fill record. */
export function settleFuturesFill(
  o: SimOrder,
  acct: FuturesAccount,
  price: number,
  qty: number,
  tradeId: number,
  isMaker: boolean,
  time: number,
): SimFill {
  const cfg = o.cfg;
  const quote = notional(price, cfg.priceDecimals, qty, cfg.qtyDecimals);
  const commission = (quote * (isMaker ? FUTURES_MAKER_BPS : FUTURES_TAKER_BPS)) / 10_000n;
  const pos = acct.position(cfg.symbol);
  const signed = o.side === 'BUY' ? qty : -qty;
  let realized = 0n;
  if (pos.amt === 0 || Math.sign(pos.amt) === Math.sign(signed)) {
    pos.amt += signed;
    pos.cost += quote;
  } else {
    const closing = Math.min(Math.abs(pos.amt), qty);
    const entryPart = (pos.cost * BigInt(closing)) / BigInt(Math.abs(pos.amt));
    const exitPart = notional(price, cfg.priceDecimals, closing, cfg.qtyDecimals);
    realized = pos.amt > 0 ? exitPart - entryPart : entryPart - exitPart;
    pos.cost -= entryPart;
    pos.amt += o.side === 'BUY' ? closing : -closing;
    const opening = qty - closing;
    if (pos.amt === 0) pos.cost = 0n;
    if (opening > 0) {
      pos.amt = o.side === 'BUY' ? opening : -opening;
      pos.cost = notional(price, cfg.priceDecimals, opening, cfg.qtyDecimals);
    }
  }
  pos.realized += realized;
  pos.updateTime = time;
  acct.addBalance(cfg.quoteAsset, realized - commission, time);
  o.executedQty += qty;
  o.cumQuote += quote;
  o.updateTime = time;
  o.status = o.executedQty >= o.origQty ? 'FILLED' : 'PARTIALLY_FILLED';
  const fill: SimFill = {
    tradeId,
    price,
    qty,
    quote,
    commission,
    commissionAsset: cfg.quoteAsset,
    isMaker,
    time,
    realizedPnl: realized,
  };
  o.fills.push(fill);
  return fill;
}
