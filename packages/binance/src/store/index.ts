// store: BinanceDataStore — books, trades, tickers, open orders, balances and positions kept
// current from raw socket messages (`onmessage`) and REST snapshots (`initialize`).
export { BinanceDataStore, type BinanceDataStoreOptions } from './binance-data-store.js';
export {
  balancesFromAccountPosition,
  balancesFromAccountUpdate,
  orderFromExecutionReport,
  orderFromOrderTradeUpdate,
  type PositionChange,
  positionsFromAccountUpdate,
} from './user-data-events.js';
