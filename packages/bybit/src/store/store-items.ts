// The items BybitDataStore keeps: Bybit's own objects as they arrived (numeric strings stay
// strings, after pybotters — use the stream parsers or the feed for numbers), plus the fields
// the keys need (`symbol`, `interval`, `category`, `accountType`). Only the fields the keys and
// docs name are typed; everything else Bybit sent is kept as is.

/** A `publicTrade` item. */
export interface BybitTradeItem {
  T: number;
  s: string;
  S: 'Buy' | 'Sell';
  v: string;
  p: string;
  i: string;
  [field: string]: unknown;
}

/** A `tickers` item, merged across linear deltas; keyed by `symbol`. */
export interface BybitTickerItem {
  symbol: string;
  [field: string]: unknown;
}

/** A `kline` item with its symbol; keyed by `symbol`, `interval`, `start`. */
export interface BybitKlineItem {
  symbol: string;
  interval: string;
  start: number;
  [field: string]: unknown;
}

/** An open order (`order` topic or `/v5/order/realtime`); keyed by `orderId`. */
export interface BybitOrderItem {
  orderId: string;
  symbol: string;
  orderStatus: string;
  [field: string]: unknown;
}

/** An `execution` item (append-only). */
export interface BybitExecutionItem {
  execId: string;
  orderId: string;
  symbol: string;
  [field: string]: unknown;
}

/** A position; keyed by `category`, `symbol`, `positionIdx`. */
export interface BybitPositionItem {
  category: string;
  symbol: string;
  positionIdx: number;
  [field: string]: unknown;
}

/** One coin of a wallet account; keyed by `accountType`, `coin`. */
export interface BybitWalletItem {
  accountType: string;
  coin: string;
  [field: string]: unknown;
}

/** Order statuses after which an order leaves the order store. */
export const CLOSED_ORDER_STATUSES: ReadonlySet<string> = new Set([
  'Filled',
  'Cancelled',
  'PartiallyFilledCanceled',
  'Rejected',
  'Deactivated',
]);
