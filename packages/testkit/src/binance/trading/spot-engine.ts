// The Spot matching engine of the simulator: LIMIT orders rest (GTC) or expire (IOC / FOK);
// MARKET and crossing orders take liquidity from the simulated book; LIMIT_MAKER is rejected if
// it would take; resting orders fill (as makers) when the simulated market trades through them.
// Every state change is reported as executionReport / outboundAccountPosition user events.
import { AMOUNT_DECIMALS, notional, toAmount } from '../decimal.js';
import { BinanceErrors } from '../errors.js';
import type { SimulatedMarket } from '../market/market.js';
import type { SymbolConfig } from '../symbols.js';
import type { OrderRequest } from './order-input.js';
import { notionalError } from './order-input.js';
import { generateClientOrderId, isOpen, OrderStore, type SimFill, type SimOrder } from './order-model.js';
import { SpotAccounts, type SpotBalances } from './spot-accounts.js';
import { executionReport, outboundAccountPosition, type SpotTradeRecord } from './spot-json.js';
import { releaseSpotReservation, settleSpotFill } from './spot-settlement.js';

/** Where user-data events go: `account` is the API key whose account changed. */
export type UserEventSink = (account: string, event: Record<string, unknown>) => void;

/** The outcome of a placement: the order and the fills this request produced. */
export interface PlaceResult {
  order: SimOrder;
  fills: SimFill[];
}

const INSUFFICIENT = 'Account has insufficient balance for requested action.';

/** An amount at 8 decimals in price×quantity units of `cfg` (what take() budgets with). */
function amountToPriceQtyUnits(amount: bigint, cfg: SymbolConfig): bigint {
  const shift = cfg.priceDecimals + cfg.qtyDecimals - AMOUNT_DECIMALS;
  return shift >= 0 ? amount * 10n ** BigInt(shift) : amount / 10n ** BigInt(-shift);
}

/** Free base balance in whole steps of quantity units. */
function freeQtyUnits(b: SpotBalances, cfg: SymbolConfig): number {
  const units = Number(
    (b.of(cfg.baseAsset).free * 10n ** BigInt(cfg.qtyDecimals)) / 10n ** BigInt(AMOUNT_DECIMALS),
  );
  return units - (units % cfg.stepUnits);
}

/** Spot orders, balances and trades of every account. */
export class SpotEngine {
  readonly orders = new OrderStore();
  readonly accounts: SpotAccounts;
  readonly #trades = new Map<string, SpotTradeRecord[]>();
  readonly #market: SimulatedMarket;
  readonly #now: () => number;
  readonly #emit: UserEventSink;
  readonly #seed: string;
  #nextOrderId = 4_000_000;
  #nextExecId = 1;

  /** Creates the engine over `market`; resting orders are checked after every market step. */
  constructor(
    market: SimulatedMarket,
    now: () => number,
    emit: UserEventSink,
    balances?: Record<string, string>,
    seed = '',
  ) {
    this.#market = market;
    this.#now = now;
    this.#emit = emit;
    this.#seed = seed;
    this.accounts = new SpotAccounts(balances);
    market.listen({ onStep: (cfg) => this.#fillResting(cfg) });
  }

  /** Places an order for `account`; throws BinanceApiError (-2010 …) when it is rejected. */
  place(account: string, req: OrderRequest): PlaceResult {
    const { cfg } = req;
    const now = this.#now();
    const b = this.accounts.get(account);
    if (req.clientOrderId !== undefined && this.orders.hasOpenClientId(account, req.clientOrderId)) {
      throw BinanceErrors.orderRejected('Duplicate order sent.');
    }
    const m = this.#market.require(cfg.symbol);
    const bestOpp = req.side === 'BUY' ? m.asks.best() : m.bids.best();
    const crosses =
      bestOpp !== undefined &&
      (req.price === undefined || (req.side === 'BUY' ? req.price >= bestOpp : req.price <= bestOpp));
    if (req.type === 'LIMIT_MAKER' && crosses)
      throw BinanceErrors.orderRejected('Order would immediately match and take.');
    if (req.type === 'MARKET') this.#checkMarketNotional(req, bestOpp);
    const reserved = this.#reserve(req, b, now);
    const o: SimOrder = {
      cfg,
      account,
      orderId: this.#nextOrderId++,
      clientOrderId: req.clientOrderId ?? generateClientOrderId(this.#seed, this.#nextOrderId),
      side: req.side,
      type: req.type,
      timeInForce: req.timeInForce,
      price: req.price ?? 0,
      origQty: req.quantity ?? 0,
      executedQty: 0,
      cumQuote: 0n,
      origQuoteOrderQty: req.quoteOrderQty ?? 0n,
      status: 'NEW',
      time: now,
      updateTime: now,
      reduceOnly: false,
      reserved,
      fills: [],
    };
    this.orders.add(o);
    this.#report(o, 'NEW', now);
    const fills: SimFill[] = [];
    const fok =
      req.timeInForce === 'FOK' && req.quantity !== undefined && this.#available(cfg, req) < req.quantity;
    if (crosses && !fok) {
      const maxQuote =
        req.quoteOrderQty === undefined ? undefined : amountToPriceQtyUnits(req.quoteOrderQty, cfg);
      const maxQty = req.quantity ?? (req.side === 'SELL' ? freeQtyUnits(b, cfg) : Number.MAX_SAFE_INTEGER);
      const taken = this.#market.take(cfg.symbol, req.side === 'BUY', req.price, maxQty, maxQuote);
      for (let i = 0; i < taken.fills.length; i++) {
        const f = taken.fills[i]!;
        const fill = settleSpotFill(o, b, f.price, f.qty, taken.trades[i]!.id, false, now);
        fills.push(fill);
        this.#record(o, fill);
        if (req.quoteOrderQty !== undefined) o.origQty = o.executedQty;
        this.#report(o, 'TRADE', now, fill);
      }
    }
    if (req.quoteOrderQty !== undefined) {
      o.origQty = o.executedQty;
      o.status = o.executedQty > 0 ? 'FILLED' : 'EXPIRED';
    }
    if (o.status === 'FILLED') {
      this.#finish(o, b, now, undefined);
    } else if (req.type === 'MARKET' || req.timeInForce !== 'GTC') {
      o.status = 'EXPIRED';
      this.#finish(o, b, now, 'EXPIRED');
    }
    this.#reportBalances(account, b, now);
    return { order: o, fills };
  }

  /** Cancels an open order; -2011 when it is unknown or already closed. */
  cancel(
    account: string,
    cfg: SymbolConfig,
    orderId?: number,
    origClientOrderId?: string,
    newClientOrderId?: string,
  ) {
    const o = this.orders.find(account, cfg.symbol, orderId, origClientOrderId);
    if (o === undefined || !isOpen(o)) throw BinanceErrors.cancelRejected();
    const now = this.#now();
    const b = this.accounts.get(account);
    o.status = 'CANCELED';
    o.updateTime = now;
    const cancelId = newClientOrderId ?? generateClientOrderId(`${this.#seed}:cancel`, this.#nextExecId);
    this.orders.closed(o);
    releaseSpotReservation(o, b, now);
    this.#emit(account, executionReport(o, 'CANCELED', now, this.#nextExecId++, undefined, cancelId));
    this.#reportBalances(account, b, now);
    return { order: o, cancelClientOrderId: cancelId, time: now };
  }

  /** Fills of `account` on `symbol`, oldest first. */
  tradesOf(account: string, symbol: string): SpotTradeRecord[] {
    return (this.#trades.get(account) ?? []).filter((t) => t.order.cfg.symbol === symbol);
  }

  /** Reserves funds for the order or throws -2010 insufficient balance. Returns the locked amount. */
  #reserve(req: OrderRequest, b: SpotBalances, now: number): bigint {
    const { cfg } = req;
    if (req.side === 'BUY') {
      if (req.price !== undefined) {
        const need = notional(req.price, cfg.priceDecimals, req.quantity!, cfg.qtyDecimals);
        if (b.of(cfg.quoteAsset).free < need) throw BinanceErrors.orderRejected(INSUFFICIENT);
        b.lock(cfg.quoteAsset, need, now);
        return need;
      }
      const need = req.quoteOrderQty ?? this.#marketCost(cfg, req.quantity!);
      if (b.of(cfg.quoteAsset).free < need) throw BinanceErrors.orderRejected(INSUFFICIENT);
      return 0n;
    }
    const need = req.quantity !== undefined ? toAmount(req.quantity, cfg.qtyDecimals) : 0n;
    const free = b.of(cfg.baseAsset).free;
    if (free < need || (req.quantity === undefined && free <= 0n))
      throw BinanceErrors.orderRejected(INSUFFICIENT);
    if (req.price !== undefined) {
      b.lock(cfg.baseAsset, need, now);
      return need;
    }
    return 0n;
  }

  #checkMarketNotional(req: OrderRequest, bestOpp: number | undefined): void {
    const cfg = req.cfg;
    if (bestOpp === undefined)
      throw BinanceErrors.orderRejected('Order book liquidity is less than symbol minimum quantity.');
    const value = req.quoteOrderQty ?? notional(bestOpp, cfg.priceDecimals, req.quantity!, cfg.qtyDecimals);
    if (value < cfg.minNotionalAmount) throw notionalError(cfg);
  }

  /** Quote needed to buy `qty` at market now (the book's cost; all of it if the book is thinner). */
  #marketCost(cfg: SymbolConfig, qty: number): bigint {
    const asks = this.#market.require(cfg.symbol).asks;
    let left = qty;
    let cost = 0n;
    for (let i = 0; left > 0 && i < asks.size; i++) {
      const p = asks.priceAt(i)!;
      const q = Math.min(left, asks.qtyAt(p));
      cost += notional(p, cfg.priceDecimals, q, cfg.qtyDecimals);
      left -= q;
    }
    return cost;
  }

  /** Quantity available within the order's limit price (for FOK). */
  #available(cfg: SymbolConfig, req: OrderRequest): number {
    const m = this.#market.require(cfg.symbol);
    const side = req.side === 'BUY' ? m.asks : m.bids;
    let total = 0;
    for (let i = 0; i < side.size; i++) {
      const p = side.priceAt(i)!;
      if (req.price !== undefined && (req.side === 'BUY' ? p > req.price : p < req.price)) break;
      total += side.qtyAt(p);
      if (total >= (req.quantity ?? 0)) break;
    }
    return total;
  }

  /** After a market step: resting orders the market traded through fill as makers at their price. */
  #fillResting(cfg: SymbolConfig): void {
    const open = this.orders.openOn(cfg.symbol);
    if (open.length === 0) return;
    const m = this.#market.require(cfg.symbol);
    const now = this.#now();
    for (const o of [...open]) {
      const side = o.side === 'BUY' ? m.asks : m.bids;
      let available = 0;
      for (let i = 0; i < side.size; i++) {
        const p = side.priceAt(i)!;
        if (o.side === 'BUY' ? p > o.price : p < o.price) break;
        available += side.qtyAt(p);
      }
      const qty = Math.min(available, o.origQty - o.executedQty);
      if (qty <= 0) continue;
      const b = this.accounts.get(o.account);
      const trade = this.#market.printTrade(cfg.symbol, o.side === 'SELL', o.price, qty);
      const fill = settleSpotFill(o, b, o.price, qty, trade.id, true, now);
      this.#record(o, fill);
      this.#report(o, 'TRADE', now, fill);
      if (o.status === 'FILLED') this.#finish(o, b, now, undefined);
      this.#reportBalances(o.account, b, now);
    }
  }

  #finish(o: SimOrder, b: SpotBalances, now: number, execType: string | undefined): void {
    this.orders.closed(o);
    releaseSpotReservation(o, b, now);
    if (execType !== undefined) this.#report(o, execType, now);
  }

  #record(o: SimOrder, fill: SimFill): void {
    let list = this.#trades.get(o.account);
    if (list === undefined) {
      list = [];
      this.#trades.set(o.account, list);
    }
    list.push({ order: o, fill });
    if (list.length > 10_000) list.shift();
  }

  #report(o: SimOrder, execType: string, now: number, fill?: SimFill): void {
    this.#emit(o.account, executionReport(o, execType, now, this.#nextExecId++, fill));
  }

  #reportBalances(account: string, b: SpotBalances, now: number): void {
    const changed = b.takeChanged();
    if (changed.length > 0) this.#emit(account, outboundAccountPosition(b, changed, now));
  }
}
