// The USDⓈ-M matching engine of the simulator: one-way positions with cross margin. LIMIT orders
// rest (GTC) or expire (IOC / FOK); GTX is rejected if it would take (-5022); MARKET and crossing
// orders take liquidity from the simulated book; resting orders fill as makers when the market
// trades through them. Modifying a LIMIT order (new price and/or quantity) requeues it behind the
// other resting orders, re-reserves its margin and, when the new price crosses, takes liquidity
// like a new order. Reports ORDER_TRADE_UPDATE (NEW / TRADE / CANCELED / EXPIRED / AMENDMENT) and
// ACCOUNT_UPDATE user events.
import { notional } from '../decimal.js';
import { BinanceApiError, BinanceErrors } from '../errors.js';
import type { SimulatedMarket } from '../market/market.js';
import type { SymbolConfig } from '../symbols.js';
import { FuturesAccounts, type FuturesAccount, unrealizedPnl } from './futures-accounts.js';
import { accountUpdate, orderTradeUpdate } from './futures-json.js';
import {
  MAX_ORDER_MODIFICATIONS,
  ModifyErrors,
  type ModifyRequest,
  priceMatchPrice,
} from './futures-modify.js';
import { settleFuturesFill } from './futures-settlement.js';
import type { OrderRequest } from './order-input.js';
import { notionalError } from './order-input.js';
import { generateClientOrderId, isOpen, OrderStore, type SimFill, type SimOrder } from './order-model.js';
import type { PlaceResult, UserEventSink } from './spot-engine.js';

/** USDⓈ-M orders, positions and wallets of every account. */
export class FuturesEngine {
  readonly orders = new OrderStore();
  readonly accounts: FuturesAccounts;
  readonly #market: SimulatedMarket;
  readonly #now: () => number;
  readonly #emit: UserEventSink;
  readonly #seed: string;
  #nextOrderId = 8_000_000_000;

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
    this.accounts = new FuturesAccounts(balances);
    market.listen({ onStep: (cfg) => this.#fillResting(cfg) });
  }

  /** Mark price units of `symbol`: the book's mid, on the tick. */
  markPrice(cfg: SymbolConfig): number {
    const m = this.#market.require(cfg.symbol);
    const bb = m.bids.best() ?? cfg.initialPriceUnits;
    const ba = m.asks.best() ?? bb;
    return Math.round((bb + ba) / 2 / cfg.tickUnits) * cfg.tickUnits;
  }

  /** Margin reserved by the open orders of `account` (on `symbol`, or all). */
  openOrderMargin(account: string, symbol?: string): bigint {
    let sum = 0n;
    for (const o of this.orders.openOf(account, symbol)) sum += o.reserved;
    return sum;
  }

  /** Wallet + unrealized − position margin − open-order margin, in `asset`. */
  available(account: string, asset: string): bigint {
    const acct = this.accounts.get(account);
    let avail = acct.balance(asset);
    for (const pos of acct.positions.values()) {
      const cfg = this.#market.get(pos.symbol)?.cfg;
      if (cfg === undefined || cfg.quoteAsset !== asset || pos.amt === 0) continue;
      const mark = this.markPrice(cfg);
      avail += unrealizedPnl(pos, mark, cfg.priceDecimals, cfg.qtyDecimals);
      avail -=
        notional(mark, cfg.priceDecimals, Math.abs(pos.amt), cfg.qtyDecimals) /
        BigInt(acct.leverageOf(cfg.symbol));
    }
    for (const o of this.orders.openOf(account)) if (o.cfg.quoteAsset === asset) avail -= o.reserved;
    return avail;
  }

  /** Places an order for `account`; throws BinanceApiError when it is rejected. */
  place(account: string, req: OrderRequest): PlaceResult {
    const { cfg } = req;
    const now = this.#now();
    const acct = this.accounts.get(account);
    if (req.clientOrderId !== undefined && this.orders.hasOpenClientId(account, req.clientOrderId)) {
      throw new BinanceApiError(-4015, 'Client order id is not valid.');
    }
    const m = this.#market.require(cfg.symbol);
    const bestOpp = req.side === 'BUY' ? m.asks.best() : m.bids.best();
    const crosses =
      bestOpp !== undefined &&
      (req.price === undefined || (req.side === 'BUY' ? req.price >= bestOpp : req.price <= bestOpp));
    if (req.timeInForce === 'GTX' && crosses) {
      throw new BinanceApiError(
        -5022,
        'Due to the order could not be executed as maker, the Post Only order will be rejected. The order will not be recorded in the order history',
      );
    }
    const pos = acct.position(cfg.symbol);
    let qty = req.quantity!;
    const reducing = pos.amt !== 0 && Math.sign(pos.amt) !== (req.side === 'BUY' ? 1 : -1);
    if (req.reduceOnly) {
      if (!reducing) throw new BinanceApiError(-2022, 'ReduceOnly Order is rejected.');
      qty = Math.min(qty, Math.abs(pos.amt));
    }
    const refPrice = req.price ?? bestOpp ?? this.markPrice(cfg);
    if (
      req.type === 'MARKET' &&
      !req.reduceOnly &&
      notional(refPrice, cfg.priceDecimals, qty, cfg.qtyDecimals) < cfg.minNotionalAmount
    ) {
      throw notionalError(cfg);
    }
    const increasing = reducing ? Math.max(0, qty - Math.abs(pos.amt)) : qty;
    const lev = BigInt(acct.leverageOf(cfg.symbol));
    const margin = notional(refPrice, cfg.priceDecimals, increasing, cfg.qtyDecimals) / lev;
    if (margin > this.available(account, cfg.quoteAsset))
      throw new BinanceApiError(-2019, 'Margin is insufficient.');
    const o: SimOrder = {
      cfg,
      account,
      orderId: this.#nextOrderId++,
      clientOrderId: req.clientOrderId ?? generateClientOrderId(this.#seed, this.#nextOrderId),
      side: req.side,
      type: req.type,
      timeInForce: req.timeInForce || 'GTC',
      price: req.price ?? 0,
      origQty: qty,
      executedQty: 0,
      cumQuote: 0n,
      origQuoteOrderQty: 0n,
      status: 'NEW',
      time: now,
      updateTime: now,
      reduceOnly: req.reduceOnly,
      reserved: req.type === 'MARKET' ? 0n : margin,
      fills: [],
    };
    this.orders.add(o);
    this.#emit(account, orderTradeUpdate(o, 'NEW', now));
    const fills: SimFill[] = [];
    const fok = req.timeInForce === 'FOK' && this.#available(cfg, req.side, req.price) < qty;
    if (crosses && !fok) {
      const taken = this.#market.take(cfg.symbol, req.side === 'BUY', req.price, qty);
      for (let i = 0; i < taken.fills.length; i++) {
        const f = taken.fills[i]!;
        fills.push(this.#fill(o, acct, f.price, f.qty, taken.trades[i]!.id, false, now));
      }
      if (fills.length > 0) this.#reportAccount(acct, o, fills, now);
    }
    if (
      o.status !== 'FILLED' &&
      (req.type === 'MARKET' || o.timeInForce === 'IOC' || o.timeInForce === 'FOK')
    ) {
      o.status = 'EXPIRED';
      this.#close(o, 'EXPIRED', now);
    } else if (o.status === 'FILLED') {
      this.#close(o, undefined, now);
    }
    return { order: o, fills };
  }

  /** Cancels an open order; -2011 when it is unknown or closed. */
  cancel(account: string, cfg: SymbolConfig, orderId?: number, origClientOrderId?: string): SimOrder {
    const o = this.orders.find(account, cfg.symbol, orderId, origClientOrderId);
    if (o === undefined || !isOpen(o)) throw BinanceErrors.cancelRejected();
    const now = this.#now();
    o.status = 'CANCELED';
    o.updateTime = now;
    this.#close(o, 'CANCELED', now);
    return o;
  }

  /**
   * Modifies an open LIMIT order of `account`: throws BinanceApiError (the order unchanged) when
   * Binance would refuse; cancels it when the new quantity is not above what already executed or
   * a GTX order would take; otherwise reports AMENDMENT, requeues it and, if the new price
   * crosses, fills it as a taker.
   */
  modify(account: string, req: ModifyRequest): PlaceResult {
    const { cfg } = req;
    const o = this.orders.find(account, cfg.symbol, req.orderId, req.origClientOrderId);
    if (o === undefined) throw BinanceErrors.noSuchOrder();
    if (o.type !== 'LIMIT') throw ModifyErrors.limitOnly();
    if (!isOpen(o)) throw BinanceErrors.noSuchOrder();
    if (req.side !== o.side) throw ModifyErrors.wrongSide();
    if ((o.modifyCount ?? 0) >= MAX_ORDER_MODIFICATIONS) throw ModifyErrors.tooManyModifications();
    const m = this.#market.require(cfg.symbol);
    const price =
      req.priceMatch === undefined ? req.price! : priceMatchPrice(req.priceMatch, o.side, m.bids, m.asks);
    if (price === undefined) throw ModifyErrors.priceMatch();
    const qty = req.quantity;
    if (price === o.price && qty === o.origQty) throw ModifyErrors.sameOrder();
    if (!o.reduceOnly && notional(price, cfg.priceDecimals, qty, cfg.qtyDecimals) < cfg.minNotionalAmount)
      throw ModifyErrors.minNotional(cfg);
    const now = this.#now();
    const bestOpp = o.side === 'BUY' ? m.asks.best() : m.bids.best();
    const crosses = bestOpp !== undefined && (o.side === 'BUY' ? price >= bestOpp : price <= bestOpp);
    if (qty <= o.executedQty || (o.timeInForce === 'GTX' && crosses)) {
      o.status = 'CANCELED';
      o.updateTime = now;
      this.#close(o, 'CANCELED', now);
      return { order: o, fills: [] };
    }
    const acct = this.accounts.get(account);
    const pos = acct.position(cfg.symbol);
    const reducing = pos.amt !== 0 && Math.sign(pos.amt) !== (o.side === 'BUY' ? 1 : -1);
    if (o.reduceOnly && !reducing) throw new BinanceApiError(-2022, 'ReduceOnly Order is rejected.');
    const remaining = qty - o.executedQty;
    const increasing = reducing ? Math.max(0, remaining - Math.abs(pos.amt)) : remaining;
    const reserve =
      notional(price, cfg.priceDecimals, increasing, cfg.qtyDecimals) / BigInt(acct.leverageOf(cfg.symbol));
    if (reserve - o.reserved > this.available(account, cfg.quoteAsset))
      throw new BinanceApiError(-2019, 'Margin is insufficient.');
    o.price = price;
    o.origQty = qty;
    o.reserved = reserve;
    o.updateTime = now;
    o.modifyCount = (o.modifyCount ?? 0) + 1;
    o.priceMatch = req.priceMatch;
    this.orders.requeue(o);
    this.#emit(account, orderTradeUpdate(o, 'AMENDMENT', now));
    const fills: SimFill[] = [];
    if (crosses) {
      const taken = this.#market.take(cfg.symbol, o.side === 'BUY', price, remaining);
      for (let i = 0; i < taken.fills.length; i++) {
        const f = taken.fills[i]!;
        fills.push(this.#fill(o, acct, f.price, f.qty, taken.trades[i]!.id, false, now));
      }
      if (fills.length > 0) this.#reportAccount(acct, o, fills, now);
      if (o.status === 'FILLED') this.#close(o, undefined, now);
    }
    return { order: o, fills };
  }

  /** Sets the leverage of `symbol` for `account`. */
  setLeverage(account: string, cfg: SymbolConfig, leverage: number): FuturesAccount {
    const acct = this.accounts.get(account);
    acct.leverage.set(cfg.symbol, leverage);
    return acct;
  }

  #fill(
    o: SimOrder,
    acct: FuturesAccount,
    price: number,
    qty: number,
    tradeId: number,
    maker: boolean,
    now: number,
  ): SimFill {
    const cfg = o.cfg;
    if (o.reserved > 0n) {
      const part =
        notional(o.price, cfg.priceDecimals, qty, cfg.qtyDecimals) / BigInt(acct.leverageOf(cfg.symbol));
      o.reserved = part >= o.reserved ? 0n : o.reserved - part;
    }
    const fill = settleFuturesFill(o, acct, price, qty, tradeId, maker, now);
    this.#emit(o.account, orderTradeUpdate(o, 'TRADE', now, fill));
    return fill;
  }

  #close(o: SimOrder, execType: string | undefined, now: number): void {
    this.orders.closed(o);
    o.reserved = 0n;
    if (execType !== undefined) this.#emit(o.account, orderTradeUpdate(o, execType, now));
  }

  #reportAccount(acct: FuturesAccount, o: SimOrder, fills: readonly SimFill[], now: number): void {
    let delta = 0n;
    for (const f of fills) delta += f.realizedPnl - f.commission;
    this.#emit(o.account, accountUpdate(acct, o.cfg, this.markPrice(o.cfg), now, delta));
  }

  #available(cfg: SymbolConfig, side: 'BUY' | 'SELL', limit: number | undefined): number {
    const m = this.#market.require(cfg.symbol);
    const book = side === 'BUY' ? m.asks : m.bids;
    let total = 0;
    for (let i = 0; i < book.size; i++) {
      const p = book.priceAt(i)!;
      if (limit !== undefined && (side === 'BUY' ? p > limit : p < limit)) break;
      total += book.qtyAt(p);
    }
    return total;
  }

  #fillResting(cfg: SymbolConfig): void {
    const open = this.orders.openOn(cfg.symbol);
    if (open.length === 0) return;
    const now = this.#now();
    for (const o of [...open]) {
      const qty = Math.min(this.#available(cfg, o.side, o.price), o.origQty - o.executedQty);
      if (qty <= 0) continue;
      const acct = this.accounts.get(o.account);
      const trade = this.#market.printTrade(cfg.symbol, o.side === 'SELL', o.price, qty);
      const fill = this.#fill(o, acct, o.price, qty, trade.id, true, now);
      this.#reportAccount(acct, o, [fill], now);
      if (o.status === 'FILLED') this.#close(o, undefined, now);
    }
  }
}
