// feed: the VenueFeed contract, capabilities and options, the BaseFeed helper class, the
// subscription-to-async-iterable stream, symbol mapping between venue and unified forms, and the
// `restored` payload every venue stream emits after a reconnect.
export { type BaseFeedInit, BaseFeed, type EndpointDefaults } from './base-feed.js';
export { type ResolvedFeedOptions, resolveFeedOptions } from './feed-options.js';
export {
  type StartSubscription,
  type StopSubscription,
  SubscriptionStream,
  type SubscriptionStreamOptions,
  subscriptionToAsyncIterable,
} from './subscription-stream.js';
export { type ReadOnChangeOptions, readOnChange } from './read-on-change.js';
export {
  addBookUpdateListener,
  type BookUpdateListeners,
  type TrackedBookWatch,
  watchTrackedBook,
} from './tracked-book.js';
export { DowntimeTracker, type StreamRestored } from './stream-restored.js';
export { type SymbolPair, SymbolMapper } from './symbol-mapper.js';
export {
  type Capabilities,
  FEED_OPERATIONS,
  type FeedEnvironment,
  type FeedFactory,
  type FeedOperation,
  type FeedOptions,
  type KlinesQuery,
  type OrderBookQuery,
  type SubscriptionOverflowPolicy,
  type TradesQuery,
  type VenueFeed,
  type WatchOptions,
  defineCapabilities,
} from './types.js';
