// store: BybitDataStore, the DataStoreCollection of Bybit's public and private streams (order
// book, trades, tickers, klines, orders, executions, positions, wallet), and its item types.
export { BybitDataStore, type BybitStoreSocket } from './bybit-data-store.js';
export {
  type BybitExecutionItem,
  type BybitKlineItem,
  type BybitOrderItem,
  type BybitPositionItem,
  type BybitTickerItem,
  type BybitTradeItem,
  type BybitWalletItem,
  CLOSED_ORDER_STATUSES,
} from './store-items.js';
