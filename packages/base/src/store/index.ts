// store: DataStore (keyed tables of venue items, after pybotters), DataStoreCollection (a venue's
// stores fed from one socket and seeded from REST) and OrderBookStore (kept-sorted books).
export { DataStore, DEFAULT_MAXLEN, type DataStoreOptions } from './data-store.js';
export {
  ChangeStream,
  StoreOverflowError,
  type ChangeSink,
  type StoreChange,
  type StoreOperation,
  type StoreWatchOptions,
} from './change-stream.js';
export { ChangeHub } from './change-hub.js';
export {
  DataStoreCollection,
  InitializeError,
  type FetchResultLike,
  type GroupedStore,
  type InitializeFailure,
  type InitializeSource,
} from './collection.js';
export {
  OrderBookStore,
  type BestQuote,
  type BookLevel,
  type BookSideName,
  type LevelsInput,
  type OrderBookStoreOptions,
  type PriceLevel,
  type SortedBook,
} from './order-book-store.js';
