// Orders as the Bybit simulator keeps them (integer units, bigint amounts), Bybit's order states,
// and the per-account store that finds orders by orderId / orderLinkId.
import type { BybitCategory, BybitSymbolConfig } from '../symbols.js';

/** Order side. */
export type OrderSide = 'Buy' | 'Sell';
/** Order type. */
export type OrderType = 'Limit' | 'Market';
/** Time in force. */
export type TimeInForce = 'GTC' | 'IOC' | 'FOK' | 'PostOnly';
/** Bybit's order states (open: New, PartiallyFilled). */
export type OrderStatus =
  | 'New'
  | 'PartiallyFilled'
  | 'Filled'
  | 'Cancelled'
  | 'PartiallyFilledCanceled'
  | 'Rejected';

/** One fill of an order. */
export interface SimExecution {
  readonly execId: string;
  readonly price: number;
  readonly size: number;
  /** price × size at 8 decimals. */
  readonly value: bigint;
  readonly fee: bigint;
  readonly feeCurrency: string;
  readonly feeRate: string;
  readonly isMaker: boolean;
  readonly time: number;
  /** Size of the position this fill closed (linear). */
  readonly closedSize: number;
  /** Realised PnL of this fill (linear), at 8 decimals. */
  readonly pnl: bigint;
  /** Cross sequence of the trade. */
  readonly seq: number;
}

/** An order of one account. */
export interface SimOrder {
  readonly cfg: BybitSymbolConfig;
  readonly uid: number;
  readonly orderId: string;
  readonly orderLinkId: string;
  readonly side: OrderSide;
  readonly orderType: OrderType;
  readonly timeInForce: TimeInForce;
  /** Limit price units (0 for Market). */
  readonly price: number;
  /** The qty as sent (base size, or quote amount for quote-sized spot market buys). */
  readonly qtyText: string;
  /** Size units ordered (0 for quote-sized orders). */
  readonly qty: number;
  /** Quote budget at 8 decimals (quote-sized spot market buys; else 0). */
  readonly quoteQty: bigint;
  readonly marketUnit: '' | 'baseCoin' | 'quoteCoin';
  readonly reduceOnly: boolean;
  cumExecQty: number;
  /** Sum of fill values at 8 decimals. */
  cumExecValue: bigint;
  cumExecFee: bigint;
  feeCurrency: string;
  status: OrderStatus;
  cancelType: string;
  rejectReason: string;
  readonly createdTime: number;
  updatedTime: number;
  /** Funds held for the unfilled part: quote/base locked (spot) or order margin (linear), 8 decimals. */
  reserved: bigint;
  /** True until the matching engine has taken the order in (the asynchronous acknowledgement). */
  pending: boolean;
  readonly executions: SimExecution[];
}

/** True while the order can still trade. */
export function isOpen(o: SimOrder): boolean {
  return o.status === 'New' || o.status === 'PartiallyFilled';
}

/** Closed orders kept per account and category for queries. */
export const CLOSED_ORDERS_KEPT = 500;

/** Closed orders kept per account and category for `/v5/order/history` beyond the realtime ones. */
export const HISTORY_ORDERS_KEPT = 5000;

/** Orders of one account and category. */
export class OrderList {
  readonly category: BybitCategory;
  /** Every kept order, oldest first. */
  readonly all: SimOrder[] = [];
  readonly #byId = new Map<string, SimOrder>();
  readonly #byLinkId = new Map<string, SimOrder>();
  #pruneAt = 2 * CLOSED_ORDERS_KEPT;

  /** Creates an empty list. */
  constructor(category: BybitCategory) {
    this.category = category;
  }

  /** Adds a new order. */
  add(o: SimOrder): void {
    this.all.push(o);
    this.#byId.set(o.orderId, o);
    if (o.orderLinkId !== '') this.#byLinkId.set(o.orderLinkId, o);
    if (this.all.length > this.#pruneAt) this.#prune();
  }

  /** The order with `orderId` (preferred) or `orderLinkId`. */
  find(orderId: string | undefined, orderLinkId: string | undefined): SimOrder | undefined {
    if (orderId !== undefined) return this.#byId.get(orderId);
    if (orderLinkId !== undefined) return this.#byLinkId.get(orderLinkId);
    return undefined;
  }

  /**
   * Closed orders gone from the realtime list (oldest first): what only `/v5/order/history` still
   * serves. Bounded at {@link HISTORY_ORDERS_KEPT}.
   */
  readonly history: SimOrder[] = [];

  /** Moves the oldest closed orders beyond {@link CLOSED_ORDERS_KEPT} to {@link history} (open ones are always kept). */
  #prune(): void {
    let closed = 0;
    for (const x of this.all) if (!isOpen(x) && !x.pending) closed++;
    const kept: SimOrder[] = [];
    for (const x of this.all) {
      if (closed > CLOSED_ORDERS_KEPT && !isOpen(x) && !x.pending) {
        closed--;
        this.#byId.delete(x.orderId);
        if (x.orderLinkId !== '') this.#byLinkId.delete(x.orderLinkId);
        this.history.push(x);
      } else {
        kept.push(x);
      }
    }
    this.all.length = 0;
    this.all.push(...kept);
    if (this.history.length > HISTORY_ORDERS_KEPT)
      this.history.splice(0, this.history.length - HISTORY_ORDERS_KEPT);
    this.#pruneAt = this.all.length + CLOSED_ORDERS_KEPT;
  }

  /** True if `orderLinkId` was used by a kept order. */
  hasLinkId(orderLinkId: string): boolean {
    return this.#byLinkId.has(orderLinkId);
  }
}
