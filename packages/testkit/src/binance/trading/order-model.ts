// Orders and fills as the simulator's matching engines keep them (integer units, bigint amounts),
// shared by Spot and USDⓈ-M, plus the order book of one account's resting orders.
import { createHash } from 'node:crypto';
import type { SymbolConfig } from '../symbols.js';

/** Order side. */
export type OrderSide = 'BUY' | 'SELL';

/** Order status values the simulator produces. */
export type OrderStatus = 'NEW' | 'PARTIALLY_FILLED' | 'FILLED' | 'CANCELED' | 'EXPIRED' | 'REJECTED';

/** One execution of an order. */
export interface SimFill {
  readonly tradeId: number;
  readonly price: number;
  readonly qty: number;
  /** price × qty at 8 decimals. */
  readonly quote: bigint;
  /** Commission at 8 decimals, in `commissionAsset`. */
  readonly commission: bigint;
  readonly commissionAsset: string;
  readonly isMaker: boolean;
  readonly time: number;
  /** Realized PnL of this fill (futures), at 8 decimals. */
  readonly realizedPnl: bigint;
}

/** An order of one account. */
export interface SimOrder {
  readonly cfg: SymbolConfig;
  readonly account: string;
  readonly orderId: number;
  readonly clientOrderId: string;
  readonly side: OrderSide;
  readonly type: string;
  readonly timeInForce: string;
  /** Limit price units (0 for MARKET); a USDⓈ-M modify changes it. */
  price: number;
  /** Ordered quantity units (for quote-quantity market orders: what was filled). */
  origQty: number;
  executedQty: number;
  /** Sum of fill notionals at 8 decimals. */
  cumQuote: bigint;
  /** quoteOrderQty at 8 decimals (0 when not used). */
  readonly origQuoteOrderQty: bigint;
  status: OrderStatus;
  readonly time: number;
  updateTime: number;
  readonly reduceOnly: boolean;
  /** Asset amount still reserved for the unfilled part (Spot: locked balance; futures: margin). */
  reserved: bigint;
  /** Fills of this order, oldest first. */
  readonly fills: SimFill[];
  /** USDⓈ-M: times the order was modified (PUT /fapi/v1/order); absent until the first. */
  modifyCount?: number;
  /** USDⓈ-M: the priceMatch mode that set the price of the last modify (`NONE` when absent). */
  priceMatch?: string;
}

/** True while the order can still trade. */
export function isOpen(o: SimOrder): boolean {
  return o.status === 'NEW' || o.status === 'PARTIALLY_FILLED';
}

/** A client order id the way Binance generates them: 22 URL-safe characters. */
export function generateClientOrderId(seed: string, n: number): string {
  return createHash('sha256').update(`${seed}:${n}`).digest('base64url').slice(0, 22);
}

/** Binance accepts client order ids of 1-36 characters from this set. */
export const CLIENT_ORDER_ID_RE = /^[.A-Z:/a-z0-9_-]{1,36}$/;

/** Orders of one market, by id and by account, with the open ones per symbol. */
export class OrderStore {
  readonly #byId = new Map<number, SimOrder>();
  readonly #open = new Map<string, SimOrder[]>();
  readonly #byAccount = new Map<string, SimOrder[]>();
  readonly #keepPerAccount: number;

  /** Creates a store keeping at most `keepPerAccount` orders per account. */
  constructor(keepPerAccount = 10_000) {
    this.#keepPerAccount = keepPerAccount;
  }

  /** Adds a new order (open or not). */
  add(o: SimOrder): void {
    this.#byId.set(o.orderId, o);
    let list = this.#byAccount.get(o.account);
    if (list === undefined) {
      list = [];
      this.#byAccount.set(o.account, list);
    }
    list.push(o);
    if (list.length > this.#keepPerAccount) {
      const old = list.shift()!;
      if (!isOpen(old)) this.#byId.delete(old.orderId);
    }
    if (isOpen(o)) this.#openList(o.cfg.symbol).push(o);
  }

  /** Removes a no-longer-open order from the open list. */
  closed(o: SimOrder): void {
    const list = this.#openList(o.cfg.symbol);
    const i = list.indexOf(o);
    if (i >= 0) list.splice(i, 1);
  }

  /** Moves an open order to the back of its symbol's queue (a modified order loses its priority). */
  requeue(o: SimOrder): void {
    const list = this.#openList(o.cfg.symbol);
    const i = list.indexOf(o);
    if (i < 0) return;
    list.splice(i, 1);
    list.push(o);
  }

  /** The account's order on `symbol` by id or client id; undefined when unknown. */
  find(
    account: string,
    symbol: string,
    orderId: number | undefined,
    clientOrderId: string | undefined,
  ): SimOrder | undefined {
    if (orderId !== undefined) {
      const o = this.#byId.get(orderId);
      return o !== undefined && o.account === account && o.cfg.symbol === symbol ? o : undefined;
    }
    const list = this.#byAccount.get(account) ?? [];
    for (let i = list.length - 1; i >= 0; i--) {
      const o = list[i]!;
      if (o.clientOrderId === clientOrderId && o.cfg.symbol === symbol) return o;
    }
    return undefined;
  }

  /** Open orders on `symbol` (all accounts), oldest first. */
  openOn(symbol: string): readonly SimOrder[] {
    return this.#openList(symbol);
  }

  /** Open orders of `account`, on `symbol` or on every symbol. */
  openOf(account: string, symbol?: string): SimOrder[] {
    const out: SimOrder[] = [];
    for (const [sym, list] of this.#open) {
      if (symbol !== undefined && sym !== symbol) continue;
      for (const o of list) if (o.account === account) out.push(o);
    }
    return out.sort((a, b) => a.orderId - b.orderId);
  }

  /** Every kept order of `account` on `symbol`, oldest first. */
  allOf(account: string, symbol: string): SimOrder[] {
    return (this.#byAccount.get(account) ?? []).filter((o) => o.cfg.symbol === symbol);
  }

  /** True if `account` has an open order with `clientOrderId`. */
  hasOpenClientId(account: string, clientOrderId: string): boolean {
    for (const list of this.#open.values()) {
      for (const o of list) if (o.account === account && o.clientOrderId === clientOrderId) return true;
    }
    return false;
  }

  #openList(symbol: string): SimOrder[] {
    let list = this.#open.get(symbol);
    if (list === undefined) {
      list = [];
      this.#open.set(symbol, list);
    }
    return list;
  }
}
