// Margin arithmetic of the simulated unified account: position value, initial and maintenance
// margin, unrealised PnL at the mark price, and the balance available for new orders. Amounts are
// bigints at 8 decimals; the mark price is the mid of the linear book.
import { toAmount } from '../decimal.js';
import type { LinearPosition, UnifiedAccount } from './accounts.js';

/** Maintenance margin rate used for every position (0.5%). */
export const MAINTENANCE_RATE_PPM = 5_000n;

/** Returns the mark price (price units) of a linear symbol. */
export type MarkPriceOf = (symbol: string) => number;

/** Position value at entry, at 8 decimals. */
export function entryAmount(p: LinearPosition): bigint {
  return toAmount(p.entryValue, p.cfg.priceDecimals + p.cfg.qtyDecimals);
}

/** Position value at `mark`, at 8 decimals. */
export function markAmount(p: LinearPosition, mark: number): bigint {
  return toAmount(BigInt(mark) * BigInt(Math.abs(p.size)), p.cfg.priceDecimals + p.cfg.qtyDecimals);
}

/** Initial margin of a position. */
export function positionIM(p: LinearPosition): bigint {
  return entryAmount(p) / BigInt(p.leverage);
}

/** Maintenance margin of a position. */
export function positionMM(p: LinearPosition, mark: number): bigint {
  return (markAmount(p, mark) * MAINTENANCE_RATE_PPM) / 1_000_000n;
}

/** Unrealised PnL of a position at `mark`. */
export function unrealisedPnl(p: LinearPosition, mark: number): bigint {
  if (p.size === 0) return 0n;
  const diff = markAmount(p, mark) - entryAmount(p);
  return p.size > 0 ? diff : -diff;
}

/** Sums over the positions settled in `coin`: initial margin, maintenance margin, unrealised PnL. */
export function positionTotals(
  account: UnifiedAccount,
  coin: string,
  markOf: MarkPriceOf,
): { im: bigint; mm: bigint; upl: bigint } {
  let im = 0n;
  let mm = 0n;
  let upl = 0n;
  for (const p of account.positions.values()) {
    if (p.size === 0 || p.cfg.settleCoin !== coin) continue;
    const mark = markOf(p.cfg.symbol);
    im += positionIM(p);
    mm += positionMM(p, mark);
    upl += unrealisedPnl(p, mark);
  }
  return { im, mm, upl };
}

/** What `coin` can still pay for: wallet − spot locks − order and position margin + unrealised losses. */
export function availableBalance(account: UnifiedAccount, coin: string, markOf: MarkPriceOf): bigint {
  const c = account.coin(coin);
  const { im, upl } = positionTotals(account, coin, markOf);
  return c.wallet - c.locked - (account.orderMargin.get(coin) ?? 0n) - im + (upl < 0n ? upl : 0n);
}
