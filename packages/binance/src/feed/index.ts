// feed: the Binance feeds (BINANCE___SPOT, BINANCE___USDM) implementing base's VenueFeed
// contract over the REST client, market streams, local books, WS API and user data.
export { BinanceFeed } from './binance-feed.js';
export type { FeedContext, FeedStreamOptions } from './feed-context.js';
export {
  type BinanceFeedOptions,
  type FeedBookOptions,
  type OrderTransport,
  type ResolvedBinanceSettings,
  resolveBinanceFeedOptions,
} from './feed-options.js';
export {
  applyPositionMode,
  type BinancePositionMode,
  positionSideOf,
  resolvePositionMode,
} from './position-mode.js';
export { FeedResources, type FeedResourceParts, type FeedUserData } from './feed-resources.js';
export {
  BINANCE_SPOT_FEED_ID,
  BINANCE_USDM_FEED_ID,
  BinanceSpotFeed,
  BinanceUsdmFeed,
} from './market-feeds.js';
