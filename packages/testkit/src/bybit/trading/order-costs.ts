// What a new order holds while it is open, and the ids orders and executions get. Spot orders
// lock what they may spend (quote for buys, base for sells; a base-sized market buy holds its
// estimated cost plus 5%); linear orders hold initial margin at the position's leverage plus the
// taker fee. Ids are shaped like Bybit's: long numeric strings on spot, UUIDs on linear.
import { notionalAmount, toAmount } from '../decimal.js';
import { uuidFrom } from '../ids.js';
import type { SymbolMarket } from '../market/symbol-market.js';
import { fnv1a } from '../../shared/random/hash-noise.js';
import type { BybitCategory } from '../symbols.js';
import { DEFAULT_LEVERAGE, type UnifiedAccount } from './accounts.js';
import type { OrderRequest } from './order-input.js';
import { FEE_PPM } from './settlement.js';

/** What an order reserves (`amount` of `coin`) and what must be available to place it. */
export interface Reservation {
  readonly coin: string;
  readonly amount: bigint;
  readonly required: bigint;
}

/** The reservation of `req` against the current book of `m`. */
export function estimateReserve(req: OrderRequest, m: SymbolMarket, account: UnifiedAccount): Reservation {
  const cfg = req.cfg;
  if (cfg.category === 'spot') {
    if (req.side === 'Sell') {
      const amount = toAmount(req.qty, cfg.qtyDecimals);
      return { coin: cfg.baseCoin, amount, required: amount };
    }
    if (req.orderType === 'Limit') {
      const amount = notionalAmount(req.price, cfg.priceDecimals, req.qty, cfg.qtyDecimals);
      return { coin: cfg.quoteCoin, amount, required: amount };
    }
    if (req.marketUnit === 'quoteCoin')
      return { coin: cfg.quoteCoin, amount: req.quoteQty, required: req.quoteQty };
    const cost = marketBuyCost(m, req.qty);
    return { coin: cfg.quoteCoin, amount: (cost * 105n) / 100n, required: cost };
  }
  const ref =
    req.price > 0
      ? req.price
      : req.side === 'Buy'
        ? (m.asks.best() ?? m.stats.lastPrice)
        : (m.bids.best() ?? m.stats.lastPrice);
  const notional = notionalAmount(ref, cfg.priceDecimals, req.qty, cfg.qtyDecimals);
  const leverage = BigInt(account.positions.get(cfg.symbol)?.leverage ?? DEFAULT_LEVERAGE);
  const margin = notional / leverage + (notional * FEE_PPM.linearTaker) / 1_000_000n;
  return { coin: cfg.settleCoin, amount: margin, required: margin };
}

/** Quote needed to buy `qty` size units from the asks now (the whole side if it is thinner). */
function marketBuyCost(m: SymbolMarket, qty: number): bigint {
  const cfg = m.cfg;
  let left = qty;
  let cost = 0n;
  for (let i = 0; left > 0 && i < m.asks.size; i++) {
    const p = m.asks.priceAt(i)!;
    const q = Math.min(left, m.asks.qtyAt(p));
    cost += notionalAmount(p, cfg.priceDecimals, q, cfg.qtyDecimals);
    left -= q;
  }
  return cost;
}

const SPOT_ORDER_ID_BASE = 1_780_000_000_000_000_000n;
const SPOT_EXEC_ID_BASE = 2_100_000_000_000_000_000n;

/** Reproducible order and execution ids. */
export class OrderIdSource {
  readonly #seed: string;
  readonly #offset: bigint;
  #orders = 0;
  #execs = 0;

  /** Creates the source for `seed`. */
  constructor(seed: string) {
    this.#seed = seed;
    this.#offset = BigInt(fnv1a(seed)) * 1000n;
  }

  /** The next order id of `category`. */
  orderId(category: BybitCategory): string {
    const n = ++this.#orders;
    return category === 'spot'
      ? (SPOT_ORDER_ID_BASE + this.#offset + BigInt(n)).toString()
      : uuidFrom(`${this.#seed}:order`, n);
  }

  /** The next execution id of `category`. */
  execId(category: BybitCategory): string {
    const n = ++this.#execs;
    return category === 'spot'
      ? (SPOT_EXEC_ID_BASE + this.#offset + BigInt(n)).toString()
      : uuidFrom(`${this.#seed}:exec`, n);
  }
}

/** Size available on the opposite side of `m` within `price` (any price for 0 = market). */
export function liquidityWithin(m: SymbolMarket, buy: boolean, price: number): number {
  const side = buy ? m.asks : m.bids;
  let total = 0;
  for (let i = 0; i < side.size; i++) {
    const p = side.priceAt(i)!;
    if (price > 0 && (buy ? p > price : p < price)) break;
    total += side.qtyAt(p);
  }
  return total;
}
