// book: local order books — the snapshot + diff algorithm (BookSync), the manager keeping many
// symbols in sync (BinanceBookManager) and where its snapshots come from.
export {
  type BookSyncStats,
  type BookTarget,
  BookSync,
  type DepthDiff,
  type DepthSnapshot,
  type DiffOutcome,
  type SnapshotOutcome,
} from './book-sync.js';
export {
  BinanceBookManager,
  type BinanceBookManagerOptions,
  type BookHandle,
  type BookManagerEvents,
  type DepthSource,
  type WatchBookOptions,
} from './book-manager.js';
export {
  checkSnapshotLimit,
  DEFAULT_SNAPSHOT_LIMIT,
  restSnapshotFetcher,
  type RestSnapshotFetcherOptions,
  type SnapshotFetcher,
} from './snapshot-fetcher.js';
export { type SnapshotJob, SnapshotQueue, type SnapshotQueueOptions } from './snapshot-queue.js';
