// feed: the BYBIT___SPOT and BYBIT___LINEAR feeds on the VenueFeed contract.
export { BybitFeed } from './bybit-feed.js';
export { type BybitFeedOptions, INSTRUMENTS_TTL_MS } from './feed-options.js';
export { BYBIT_LINEAR_FEED_ID, BYBIT_SPOT_FEED_ID, BybitLinearFeed, BybitSpotFeed } from './market-feeds.js';
export {
  type BybitPositionMode,
  newOrderLinkId,
  type OrderIdRef,
  orderIdRef,
  positionIdxOf,
} from './order-refs.js';
