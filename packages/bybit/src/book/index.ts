// book: local order books — Bybit's snapshot / delta rules for one topic (BybitBookSync) and the
// manager keeping many symbols in sync over the public streams (BybitBookManager).
export {
  type BookData,
  type BookOutcome,
  type BybitBookStats,
  BybitBookSync,
  type BybitBookTarget,
} from './book-sync.js';
export {
  type BybitBookHandle,
  BybitBookManager,
  type BybitBookManagerEvents,
  type BybitBookManagerOptions,
  type BybitWatchBookOptions,
} from './book-manager.js';
