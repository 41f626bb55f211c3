// The Bybit simulator's matching engine, shared by spot and linear (one unified account per UID).
// `create` / `cancel` validate and reserve synchronously and answer at once, like Bybit's
// acknowledgements; the matching engine takes the request in slightly later (`ackDelayMs`, real
// time), so the order shows in `/v5/order/realtime` and on the private stream only after the
// answer. Limit orders rest; market and crossing orders take from the simulated book; resting
// orders fill as makers when the simulated market trades through their price.
import type { SimTimers } from '../../sim/timers.js';
import { BybitErrors } from '../errors.js';
import type { CategoryMarket } from '../market/category-market.js';
import type { SymbolMarket } from '../market/symbol-market.js';
import type { BybitCategory } from '../symbols.js';
import type { AccountBook, UnifiedAccount } from './accounts.js';
import { availableBalance, type MarkPriceOf } from './margin.js';
import { estimateReserve, liquidityWithin, OrderIdSource } from './order-costs.js';
import { type PrivateSink, publishOrderUpdate } from './order-events.js';
import type { OrderRequest } from './order-input.js';
import { isOpen, OrderList, type SimExecution, type SimOrder } from './order-model.js';
import type { UsdPriceOf } from './private-json.js';
import { releaseAll, settleFill } from './settlement.js';

/** What the engine needs. */
export interface TradingEngineOptions {
  markets: ReadonlyMap<BybitCategory, CategoryMarket>;
  accounts: AccountBook;
  seed: string;
  sink: PrivateSink;
  timers: SimTimers;
  /** Real milliseconds between an acknowledgement and the matching engine taking the request in. */
  ackDelayMs: number;
  markOf: MarkPriceOf;
  usdOf: UsdPriceOf;
}

type Operation = { kind: 'create'; order: SimOrder } | { kind: 'cancel'; order: SimOrder };

/** Orders, fills and balances of every account. */
export class TradingEngine {
  readonly #o: TradingEngineOptions;
  readonly #lists = new Map<string, OrderList>();
  readonly #resting = new Map<string, SimOrder[]>();
  readonly #queue: Operation[] = [];
  readonly #ids: OrderIdSource;
  readonly #now: () => number;

  /** Creates the engine; resting orders are checked after every market evolution. */
  constructor(options: TradingEngineOptions, now: () => number) {
    this.#o = options;
    this.#now = now;
    this.#ids = new OrderIdSource(options.seed);
    for (const market of options.markets.values())
      market.listen({ onEvolve: (m) => this.#fillResting(market, m) });
  }

  /** Orders of `uid` in `category`. */
  orders(uid: number, category: BybitCategory): OrderList {
    const key = `${uid}|${category}`;
    let list = this.#lists.get(key);
    if (list === undefined) {
      list = new OrderList(category);
      this.#lists.set(key, list);
    }
    return list;
  }

  /** Validates funds and identifiers, reserves, and queues the order; returns it (still pending). */
  create(account: UnifiedAccount, req: OrderRequest): SimOrder {
    const cfg = req.cfg;
    const spot = cfg.category === 'spot';
    const list = this.orders(account.uid, cfg.category);
    if (req.orderLinkId !== '' && list.hasLinkId(req.orderLinkId)) throw BybitErrors.duplicateLinkId(spot);
    const market = this.#o.markets.get(cfg.category)!;
    const m = market.require(cfg.symbol);
    if (req.reduceOnly) {
      const pos = account.positions.get(cfg.symbol);
      if (pos === undefined || pos.size === 0 || pos.size > 0 === (req.side === 'Buy'))
        throw BybitErrors.reduceOnly();
    }
    const { coin, amount, required } = estimateReserve(req, m, account);
    if (!req.reduceOnly && availableBalance(account, coin, this.#o.markOf) < required)
      throw BybitErrors.insufficient(spot);
    const now = this.#now();
    const order: SimOrder = {
      cfg,
      uid: account.uid,
      orderId: this.#ids.orderId(cfg.category),
      orderLinkId: req.orderLinkId,
      side: req.side,
      orderType: req.orderType,
      timeInForce: req.timeInForce,
      price: req.price,
      qtyText: req.qtyText,
      qty: req.qty,
      quoteQty: req.quoteQty,
      marketUnit: req.marketUnit,
      reduceOnly: req.reduceOnly,
      cumExecQty: 0,
      cumExecValue: 0n,
      cumExecFee: 0n,
      feeCurrency: '',
      status: 'New',
      cancelType: 'UNKNOWN',
      rejectReason: 'EC_NoError',
      createdTime: now,
      updatedTime: now,
      reserved: req.reduceOnly ? 0n : amount,
      pending: true,
      executions: [],
    };
    if (order.reserved > 0n) {
      if (spot) account.addLocked(coin, order.reserved);
      else account.addOrderMargin(coin, order.reserved);
    }
    list.add(order);
    this.#enqueue({ kind: 'create', order });
    return order;
  }

  /** Checks that the order exists and is open (or still pending), and queues the cancel. */
  cancel(
    uid: number,
    category: BybitCategory,
    symbol: string,
    orderId?: string,
    orderLinkId?: string,
  ): SimOrder {
    const o = this.orders(uid, category).find(orderId, orderLinkId);
    if (o === undefined || o.cfg.symbol !== symbol || !(o.pending || isOpen(o)))
      throw BybitErrors.orderNotFound(category === 'spot');
    this.#enqueue({ kind: 'cancel', order: o });
    return o;
  }

  /** Takes in every queued request now (tests that do not want to wait for the acknowledgement delay). */
  flush(): void {
    while (this.#queue.length > 0) this.#runNext();
  }

  /** Number of requests acknowledged but not yet taken in. */
  get pendingCount(): number {
    return this.#queue.length;
  }

  #enqueue(op: Operation): void {
    this.#queue.push(op);
    this.#o.timers.after(this.#o.ackDelayMs, () => this.#runNext());
  }

  #runNext(): void {
    const op = this.#queue.shift();
    if (op === undefined) return;
    const account = this.#o.accounts.get(op.order.uid);
    if (op.kind === 'create') this.#take(account, op.order);
    else this.#cancelNow(account, op.order);
  }

  #cancelNow(account: UnifiedAccount, o: SimOrder): void {
    if (!isOpen(o) || o.pending) return;
    o.status = o.cumExecQty > 0 && o.cfg.category === 'spot' ? 'PartiallyFilledCanceled' : 'Cancelled';
    o.cancelType = 'CancelByUser';
    o.updatedTime = this.#now();
    this.#unrest(o);
    releaseAll(account, o);
    this.#publish(account, o, []);
  }

  /** The matching engine takes a new order in. */
  #take(account: UnifiedAccount, o: SimOrder): void {
    o.pending = false;
    const cfg = o.cfg;
    const market = this.#o.markets.get(cfg.category)!;
    const m = market.require(cfg.symbol);
    const buy = o.side === 'Buy';
    const best = buy ? m.asks.best() : m.bids.best();
    const crosses =
      best !== undefined && (o.orderType === 'Market' || (buy ? best <= o.price : best >= o.price));
    let maxSize = o.qty > 0 ? o.qty : Number.MAX_SAFE_INTEGER;
    if (o.reduceOnly) maxSize = Math.min(maxSize, Math.abs(account.positions.get(cfg.symbol)?.size ?? 0));
    const execs: SimExecution[] = [];
    if (o.timeInForce === 'PostOnly' && crosses) {
      this.#close(account, o, 'Cancelled', 'EC_PostOnlyWillTakeLiquidity');
    } else if (o.timeInForce === 'FOK' && liquidityWithin(m, buy, o.price) < o.qty) {
      this.#close(account, o, 'Cancelled', 'EC_NoImmediateQtyToFill');
    } else if (maxSize <= 0) {
      this.#close(account, o, 'Cancelled', 'EC_ReduceOnlySetButNotReducing');
    } else {
      if (crosses) {
        const maxQuote =
          o.quoteQty > 0n
            ? (o.quoteQty * 10n ** BigInt(cfg.priceDecimals + cfg.qtyDecimals)) / 10n ** 8n
            : undefined;
        const limit = o.orderType === 'Limit' ? o.price : undefined;
        const taken = market.take(cfg.symbol, buy, limit, maxSize, maxQuote);
        for (let i = 0; i < taken.levels.length; i++) {
          const level = taken.levels[i]!;
          const trade = taken.trades[i]!;
          execs.push(
            settleFill(account, o, level.price, level.size, false, {
              execId: this.#ids.execId(cfg.category),
              seq: trade.seq,
              time: trade.time,
            }),
          );
        }
      }
      this.#settleStatus(account, o, maxSize);
    }
    this.#publish(account, o, execs);
  }

  /** Status after taking: filled, resting (GTC) or the remainder cancelled (IOC / FOK / Market). */
  #settleStatus(account: UnifiedAccount, o: SimOrder, maxSize: number): void {
    const filled = o.qty > 0 ? o.cumExecQty >= Math.min(o.qty, maxSize) : o.cumExecQty > 0;
    if (filled && (o.qty > 0 || o.orderType === 'Market')) {
      o.status = 'Filled';
      o.updatedTime = this.#now();
      releaseAll(account, o);
    } else if (o.orderType === 'Market' || (o.timeInForce !== 'GTC' && o.timeInForce !== 'PostOnly')) {
      this.#close(
        account,
        o,
        o.cumExecQty > 0 && o.cfg.category === 'spot' ? 'PartiallyFilledCanceled' : 'Cancelled',
        'EC_NoError',
      );
    } else {
      o.status = o.cumExecQty > 0 ? 'PartiallyFilled' : 'New';
      this.#rest(o);
    }
  }

  #close(account: UnifiedAccount, o: SimOrder, status: SimOrder['status'], reason: string): void {
    o.status = status;
    o.rejectReason = reason;
    o.updatedTime = this.#now();
    releaseAll(account, o);
  }

  /** After an evolution: resting orders the book now crosses fill as makers at their own price. */
  #fillResting(market: CategoryMarket, m: SymbolMarket): void {
    const list = this.#resting.get(`${market.category}|${m.cfg.symbol}`);
    if (list === undefined || list.length === 0) return;
    for (const o of [...list]) {
      const buy = o.side === 'Buy';
      const available = liquidityWithin(m, buy, o.price);
      const size = Math.min(available, o.qty - o.cumExecQty);
      if (size <= 0) continue;
      const account = this.#o.accounts.get(o.uid);
      const trade = market.printTrade(m.cfg.symbol, !buy, o.price, size);
      const exec = settleFill(account, o, o.price, size, true, {
        execId: this.#ids.execId(m.cfg.category),
        seq: trade?.seq ?? m.seq,
        time: trade?.time ?? this.#now(),
      });
      if (o.cumExecQty >= o.qty) {
        o.status = 'Filled';
        this.#unrest(o);
        releaseAll(account, o);
      } else {
        o.status = 'PartiallyFilled';
      }
      this.#publish(account, o, [exec]);
    }
  }

  #publish(account: UnifiedAccount, o: SimOrder, execs: readonly SimExecution[]): void {
    publishOrderUpdate(this.#o, account, o, execs);
  }

  #rest(o: SimOrder): void {
    const key = `${o.cfg.category}|${o.cfg.symbol}`;
    let list = this.#resting.get(key);
    if (list === undefined) {
      list = [];
      this.#resting.set(key, list);
    }
    list.push(o);
  }

  #unrest(o: SimOrder): void {
    const list = this.#resting.get(`${o.cfg.category}|${o.cfg.symbol}`);
    const i = list?.indexOf(o) ?? -1;
    if (i >= 0) list!.splice(i, 1);
  }
}
